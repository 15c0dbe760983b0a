//! `sysctl` inside a container (busybox's applet or procps'): the kernel
//! settings that StatefulSet manifests read or raise, as Elasticsearch's
//! privileged init container does with `sysctl -w vm.max_map_count=262144`.
//!
//! `/proc/sys` is read-only in a container that is not privileged, so a
//! write fails there as it does on a node; in a privileged one it succeeds
//! and prints the new setting. The settings themselves are not kept: a read
//! gives the node kernel's default, as on a fresh node.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;

use super::host::ContainerHost;

/// Settings a read knows, with the defaults of a kind node's kernel.
const DEFAULTS: &[(&str, &str)] = &[
    ("fs.file-max", "9223372036854775807"),
    ("fs.inotify.max_user_watches", "524288"),
    ("kernel.pid_max", "4194304"),
    ("kernel.shmmax", "18446744073692774399"),
    ("net.core.somaxconn", "4096"),
    ("net.ipv4.ip_local_port_range", "32768\t60999"),
    ("net.ipv4.tcp_keepalive_time", "7200"),
    ("vm.max_map_count", "65530"),
    ("vm.overcommit_memory", "0"),
    ("vm.swappiness", "60"),
];

/// `sysctl [-n] [-w] KEY[=VALUE]…` (and `-a`).
pub(crate) fn sysctl(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut values_only = false;
    let mut operands = Vec::new();
    for a in args {
        match a.as_str() {
            "-n" => values_only = true,
            "-w" | "-q" | "-e" => {}
            "-a" | "-A" | "--all" => {
                for (k, v) in DEFAULTS {
                    print(io, k, v, values_only);
                }
                return 0;
            }
            _ => operands.push(a.clone()),
        }
    }
    let privileged = privileged(h);
    let mut status = 0;
    for op in &operands {
        let (key, value) = match op.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (op.trim(), None),
        };
        let path = format!("/proc/sys/{}", key.replace('.', "/"));
        let known = DEFAULTS.iter().find(|(k, _)| *k == key);
        let Some((_, default)) = known else {
            status = fail(h, io, &path, key, "No such file or directory");
            continue;
        };
        match value {
            None => print(io, key, default, values_only),
            Some(_) if !privileged => {
                status = fail(h, io, &path, key, "Read-only file system");
            }
            Some(v) => print(io, key, v, values_only),
        }
    }
    status
}

fn print(io: &mut Io, key: &str, value: &str, values_only: bool) {
    if values_only {
        io.out(&format!("{value}\n"));
    } else {
        io.out(&format!("{key} = {value}\n"));
    }
}

/// The error for one key, worded as the applet or procps words it.
fn fail(h: &ContainerHost<'_>, io: &mut Io, path: &str, key: &str, why: &str) -> i32 {
    if h.tools.busybox {
        io.err(&format!("sysctl: can't open '{path}': {why}\n"));
        1
    } else if why == "Read-only file system" {
        io.err(&format!("sysctl: setting key \"{key}\": {why}\n"));
        255
    } else {
        io.err(&format!("sysctl: cannot stat {path}: {why}\n"));
        255
    }
}

/// Whether this container runs privileged (`securityContext.privileged`).
fn privileged(h: &ContainerHost<'_>) -> bool {
    h.pod_obj().is_some_and(|p| {
        p.spec
            .container(&h.container)
            .and_then(|c| c.extra.get("securityContext"))
            .and_then(|s| s.get("privileged"))
            .and_then(|v| v.as_bool())
            == Some(true)
    })
}
