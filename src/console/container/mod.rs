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

/// `kubectl exec`: preflight checks and the command in the container.
/// (Interim signature; the container work fills it in.)
#[allow(clippy::too_many_arguments)]
pub fn exec(
    engine: &mut Engine,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
    argv: &[String],
    stdin: Option<&str>,
    io: &mut super::sh::Io,
    traces: &mut Vec<super::DnsTrace>,
) -> i32 {
    let _ = (engine, namespace, pod, container, argv, stdin, traces);
    io.err("error: exec is not available yet\n");
    1
}

/// Runs typed text in an attached container shell (`kubectl exec -it web-0
/// -- sh` in the console), keeping the shell's state between lines.
/// (Interim; the container work fills it in.)
#[allow(clippy::too_many_arguments)]
pub fn run_in_container(
    engine: &mut Engine,
    namespace: &str,
    pod: &str,
    container: &str,
    shell: &mut super::sh::Shell,
    src: &str,
    traces: &mut Vec<super::DnsTrace>,
) -> super::sh::Transcript {
    let _ = (engine, namespace, pod, container, traces);
    let mut host = NoHost;
    shell.run_line(src, &mut host)
}

struct NoHost;

impl super::sh::Host for NoHost {
    fn exec(&mut self, cmd: &super::sh::Invocation<'_>, io: &mut super::sh::Io) -> i32 {
        super::sh::not_found(io, cmd.argv.first().map(String::as_str).unwrap_or(""))
    }
}

/// The prompt of an interactive shell in this container (`/ # ` in
/// busybox, `root@web-0:/# ` in Debian-based images).
pub fn prompt(engine: &Engine, namespace: &str, pod: &str, container: &str) -> String {
    let image = engine
        .store()
        .pods
        .get(namespace, pod)
        .and_then(|p| {
            p.spec
                .containers
                .iter()
                .find(|c| c.name == container)
                .map(|c| c.image.clone())
        })
        .unwrap_or_default();
    match crate::engine::images::lookup(&image).map(|s| s.flavor) {
        Ok(crate::engine::images::Flavor::Busybox) => "/ # ".to_string(),
        _ => format!("root@{pod}:/# "),
    }
}
