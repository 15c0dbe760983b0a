//! The kubelet's prober, run by the console (`engine::ProbeJudge`, R11.3):
//! an exec probe runs its command in the container — so `rm /tmp/healthy`
//! fails `cat /tmp/healthy` — and an httpGet probe asks nginx for its path —
//! so the upstream StatefulSet e2e trick of moving `index.html` away makes
//! the Pod unready. Verdicts are on the container as it is now; the engine
//! re-plans when that may have changed.
//!
//! Only images whose programs are simulated are judged (busybox, the DNS
//! tool images, nginx, mysql, the generic tool images): other database
//! images are not (`mongosh` is not simulated; `pg_isready` and `redis-cli
//! ping` are, and say what their probes assume), and their probes pass once
//! the app is up rather than fail for want of a model. The ZooKeeper
//! tutorial's image is judged too: its `zookeeper-ready` is modelled.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::images::Flavor;
use crate::engine::kubelet::probes::probe_port;
use crate::engine::objects::pod::Probe;
use crate::engine::store::Key;
use crate::engine::{Engine, SimDuration};

use super::host::ContainerHost;
use super::net::http::{respond, Request};
use super::net::Peer;

/// How many redirects the prober follows (Go's http client default).
const MAX_REDIRECTS: usize = 10;

/// The console's `engine::ProbeJudge`.
pub(crate) fn judge(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    probe: &Probe,
) -> Option<Result<(), String>> {
    if let Some(exec) = &probe.exec {
        let timeout = SimDuration::secs(probe.timeout_seconds.unwrap_or(1).max(1) as u64);
        return exec_probe(engine, pod, container, &exec.command, timeout);
    }
    if probe.http_get.is_some() {
        return http_probe(engine, pod, container, probe);
    }
    None
}

/// Whether every program of this kind of image is simulated.
fn modeled(flavor: Flavor) -> bool {
    matches!(
        flavor,
        Flavor::Busybox
            | Flavor::Dnsutils
            | Flavor::Nginx
            | Flavor::Httpd
            | Flavor::Mysql
            | Flavor::Tool
    )
}

/// `exec.command` in the container (pkg/probe/exec): exit 0 passes; any
/// other status fails with the command's output; a command still running
/// after `timeoutSeconds` fails as timed out (ExecProbeTimeout, GA); one
/// the runtime cannot start fails with the runtime's message.
fn exec_probe(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
    timeout: SimDuration,
) -> Option<Result<(), String>> {
    if argv.is_empty() {
        return None;
    }
    let mut traces = Vec::new();
    let mut host =
        ContainerHost::new(engine, &pod.0, &pod.1, container, &mut traces)?.with_live_clock(false);
    if !modeled(host.tools.flavor)
        && !crate::engine::containerfs::is_zookeeper_tutorial(&host.tools.image)
    {
        return None;
    }
    let mut io = Io::new();
    let status = host.run_argv(argv, None, &mut io);
    if host.waited > timeout {
        return Some(Err(format!("command {:?} timed out", argv.join(" "))));
    }
    match status {
        Ok(0) => Some(Ok(())),
        Ok(_) => Some(Err(io.text().trim_end().to_string())),
        Err(msg) => Some(Err(format!(
            "OCI runtime exec failed: exec failed: unable to start container process: {msg}"
        ))),
    }
}

/// `httpGet` (pkg/probe/http): 200–399 passes, redirects are followed;
/// judged only where nginx serves the port. HTTPS is left to the port model.
fn http_probe(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    probe: &Probe,
) -> Option<Result<(), String>> {
    let get = probe.http_get.as_ref()?;
    if get
        .scheme
        .as_deref()
        .is_some_and(|s| !s.eq_ignore_ascii_case("HTTP"))
    {
        return None;
    }
    let p = engine.store().pods.get(&pod.0, &pod.1)?;
    let spec = p.spec.containers.iter().find(|c| c.name == container)?;
    let port = probe_port(probe, spec)?.ok()?;
    let ip = p.status.pod_ip.clone();
    let node_ip = p.status.host_ip.clone();
    let peer = Peer {
        ns: pod.0.clone(),
        pod: pod.1.clone(),
        ip: ip.to_string(),
        port,
    };
    let host = format!("{ip}:{port}");
    let mut target = get.path.clone().unwrap_or_else(|| "/".into());
    if !target.starts_with('/') {
        target.insert(0, '/');
    }
    for _ in 0..=MAX_REDIRECTS {
        let req = Request {
            method: "GET",
            target: &target,
            host: &host,
            client_ip: &node_ip,
            user_agent: "kube-probe/1.35",
            protocol: "HTTP/1.1",
        };
        let (_, resp, _) = respond(engine, &peer, &req)?;
        match resp.status {
            300..=399 => {
                let Some(next) = resp
                    .header("Location")
                    .and_then(|l| l.strip_prefix(&format!("http://{host}")))
                else {
                    // Elsewhere: the prober reports success without following.
                    return Some(Ok(()));
                };
                target = next.to_string();
            }
            200..=299 => return Some(Ok(())),
            status => return Some(Err(format!("HTTP probe failed with statuscode: {status}"))),
        }
    }
    Some(Err(format!(
        "Get \"http://{host}{target}\": stopped after {MAX_REDIRECTS} redirects"
    )))
}
