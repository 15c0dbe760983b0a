//! `df` and `mount` inside a container: the overlay root, the kubelet's
//! files and the Pod's volumes.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::volumes::{is_within, normalize};

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

/// One row of `df`: device, size, used and available 1K blocks, use%,
/// mount point.
struct DfRow {
    dev: String,
    blocks: [u64; 3],
    pct: u64,
    at: String,
}

/// `df [-h] [-k] [PATH…]`: the container's filesystems, or the one each
/// PATH is on. GNU df (Debian images) shows one mount per device, the one
/// with the shortest mount point (coreutils' `filter_mount_list`), so the
/// kubelet's `/etc/hosts` stands for the node disk that also holds the
/// local-path volumes; `df PATH` names the volume's own mount point.
/// busybox df lists every mount. Sizes in 1K blocks, or with `-h` as each
/// tool scales them (GNU: powers of 1024 rounded up, one decimal under 10;
/// busybox: always one decimal).
pub(crate) fn df(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let gnu = !h.tools.busybox;
    let mut human = false;
    let mut paths = Vec::new();
    for a in args {
        match a.as_str() {
            "-h" | "--human-readable" => human = true,
            "-k" => human = false,
            "-P" | "--portability" | "-l" | "--local" => {}
            f if f.starts_with('-') && f.len() > 1 => {
                if gnu {
                    io.err(&format!(
                        "df: invalid option -- '{}'\nTry 'df --help' for more information.\n",
                        f.trim_start_matches('-').chars().next().unwrap_or('-')
                    ));
                } else {
                    io.err(&format!(
                        "df: unrecognized option: {}\n",
                        f.trim_start_matches('-')
                    ));
                }
                return 1;
            }
            p => paths.push(p.to_string()),
        }
    }
    // One node disk backs the overlay and the local-path volumes (kind).
    let total: u64 = 61_202_244;
    let used: u64 = 14_317_340 + (h.hash("df") % 4096);
    let avail = total - used - 3_139_036;
    let pct = (used * 100).div_ceil(used + avail);
    let row = |dev: &str, at: &str, fs: &str| {
        let (blocks, p) = if fs == "tmpfs" {
            ([65_536, 0, 65_536], 0)
        } else {
            ([total, used, avail], pct)
        };
        DfRow {
            dev: dev.to_string(),
            blocks,
            pct: p,
            at: at.to_string(),
        }
    };
    let all = mounts(h);
    let mut rows: Vec<DfRow> = Vec::new();
    let mut status = 0;
    if paths.is_empty() {
        for (dev, at, fs, _) in &all {
            if gnu && dev.starts_with('/') {
                if let Some(kept) = rows.iter_mut().find(|r| r.dev == *dev) {
                    if at.len() < kept.at.len() {
                        kept.at = at.clone();
                    }
                    continue;
                }
            }
            rows.push(row(dev, at, fs));
        }
    } else {
        for p in &paths {
            let abs = h.abs(p);
            if h.stat(&abs).is_err() {
                io.err(&if gnu {
                    format!("df: {p}: No such file or directory\n")
                } else {
                    format!("df: {p}: can't find mount point\n")
                });
                status = 1;
                continue;
            }
            if let Some((dev, at, fs, _)) = all
                .iter()
                .filter(|(_, at, _, _)| is_within(&abs, at))
                .max_by_key(|(_, at, _, _)| at.len())
            {
                rows.push(row(dev, at, fs));
            }
        }
        if rows.is_empty() {
            return status;
        }
    }
    let size = |kib: u64| -> String {
        if !human {
            kib.to_string()
        } else {
            super::human::size(kib.saturating_mul(1024), !gnu)
        }
    };
    if gnu {
        // coreutils' table: the header, then a line per row; each column as
        // wide as its widest cell (with coreutils' minimum widths), the
        // Filesystem left-aligned, the numbers right-aligned, the mount
        // point last and unpadded.
        let head = if human {
            ["Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"]
        } else {
            [
                "Filesystem",
                "1K-blocks",
                "Used",
                "Available",
                "Use%",
                "Mounted on",
            ]
        };
        let mut table = vec![head.map(str::to_string)];
        table.extend(rows.iter().map(|r| {
            [
                r.dev.clone(),
                size(r.blocks[0]),
                size(r.blocks[1]),
                size(r.blocks[2]),
                format!("{}%", r.pct),
                r.at.clone(),
            ]
        }));
        let mins = [14, 5, 5, 5, 4];
        let widths: Vec<usize> = (0..5)
            .map(|i| table.iter().map(|c| c[i].len()).fold(mins[i], usize::max))
            .collect();
        for cells in &table {
            let mut line = format!("{:<w$}", cells[0], w = widths[0]);
            for i in 1..5 {
                line.push_str(&format!(" {:>w$}", cells[i], w = widths[i]));
            }
            io.out(&format!("{line} {}\n", cells[5]));
        }
    } else {
        // busybox: printf("Filesystem           %-15sUsed Available %s Mounted on\n").
        let unit = if human { "     Size" } else { "1K-blocks" };
        io.out(&format!(
            "Filesystem           {unit:<15}Used Available Use% Mounted on\n"
        ));
        for r in &rows {
            let dev = if r.dev.len() > 20 {
                format!("{}\n{:20}", r.dev, "")
            } else {
                format!("{:<20}", r.dev)
            };
            io.out(&format!(
                "{dev} {:>9} {:>9} {:>9} {:>3}% {}\n",
                size(r.blocks[0]),
                size(r.blocks[1]),
                size(r.blocks[2]),
                r.pct,
                r.at
            ));
        }
    }
    status
}
