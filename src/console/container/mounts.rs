//! `df` and `mount` inside a container: the overlay root, the kubelet's
//! files and the Pod's volumes.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::volumes::normalize;

use super::host::ContainerHost;

/// The mounts of the container: the overlay root, the kubelet's files, volumes.
fn mounts(h: &ContainerHost<'_>) -> Vec<(String, String, String, bool)> {
    let mut out = vec![(
        "overlay".to_string(),
        "/".to_string(),
        "overlay".to_string(),
        false,
    )];
    out.push(("tmpfs".into(), "/dev".into(), "tmpfs".into(), false));
    if let Some(p) = h.pod_obj() {
        if let Some(c) = p.spec.container(&h.container) {
            for f in [
                "/etc/hosts",
                "/dev/termination-log",
                "/etc/hostname",
                "/etc/resolv.conf",
            ] {
                out.push(("/dev/vda1".into(), f.into(), "ext4".into(), false));
            }
            for m in &c.volume_mounts {
                let vol = p.spec.volumes.iter().find(|v| v.name == m.name);
                let (dev, fstype) = match vol {
                    Some(v) if v.persistent_volume_claim.is_some() => ("/dev/vda1", "ext4"),
                    Some(v) if v.empty_dir.is_some() => ("/dev/vda1", "ext4"),
                    _ => ("tmpfs", "tmpfs"),
                };
                out.push((
                    dev.into(),
                    normalize(&m.mount_path),
                    fstype.into(),
                    m.read_only
                        || vol.is_some_and(|v| v.config_map.is_some() || v.secret.is_some()),
                ));
            }
        }
    }
    out
}

pub(crate) fn mount(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    if !args.is_empty() {
        io.err("mount: permission denied (are you root?)\n");
        return if h.tools.busybox { 255 } else { 32 };
    }
    for (dev, at, fs, ro) in mounts(h) {
        let opts = match fs.as_str() {
            "overlay" => "rw,relatime,lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs,upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/fs,workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/work".to_string(),
            "tmpfs" if at == "/dev" => "rw,nosuid,size=65536k,mode=755".to_string(),
            _ => format!("{},relatime", if ro { "ro" } else { "rw" }),
        };
        io.out(&format!("{dev} on {at} type {fs} ({opts})\n"));
    }
    0
}

pub(crate) fn df(h: &mut ContainerHost<'_>, _args: &[String], io: &mut Io) -> i32 {
    // One node disk backs the overlay and the local-path volumes (kind).
    let total: u64 = 61_202_244;
    let used: u64 = 14_317_340 + (h.hash("df") % 4096);
    let avail = total - used - 3_139_036;
    let pct = (used * 100).div_ceil(used + avail);
    if h.tools.busybox {
        io.out("Filesystem           1K-blocks      Used Available Use% Mounted on\n");
    } else {
        io.out("Filesystem     1K-blocks     Used Available Use% Mounted on\n");
    }
    for (dev, at, fs, _) in mounts(h) {
        if at.starts_with("/etc/") || at == "/dev/termination-log" {
            continue;
        }
        let (t, u, a, p) = if fs == "tmpfs" {
            (65_536u64, 0u64, 65_536u64, 0u64)
        } else {
            (total, used, avail, pct)
        };
        if h.tools.busybox {
            io.out(&format!("{dev:<20} {t:>9} {u:>9} {a:>9} {p:>3}% {at}\n"));
        } else {
            io.out(&format!("{dev:<14} {t:>9} {u:>8} {a:>9} {p:>3}% {at}\n"));
        }
    }
    0
}
