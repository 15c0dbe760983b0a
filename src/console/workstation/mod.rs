//! The workstation the console's commands run on: the laptop next to the
//! cluster, where `kubectl` runs. It is not a Pod: it cannot resolve
//! cluster names (`web-0.nginx` is a name only CoreDNS answers) and has no
//! route to Pod or Service IPs, so the way in is `kubectl port-forward`,
//! whose listeners live here. `curl localhost:8080` on the console goes
//! through such a forward to the Pod, as on a real laptop.
//!
//! A forward lasts as long as the Pod it was opened to (the same uid,
//! running): kubectl's port-forward ends when its Pod goes ("lost
//! connection to pod"), and a recreated `web-0` is a new Pod. The
//! forward's kubectl keeps running in the background of the console (a
//! terminal would need a second window or `&`), and prints `Handling
//! connection for 8080` for each connection, as it does in the terminal it
//! was started from.
//!
//! `nslookup` and `host` ask the laptop's own resolver (`resolver.rs`).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

pub mod files;
pub mod resolver;
pub mod shell;
pub mod watch;

/// The workstation's host name (`hostname`, `uname -n`, `watch`'s title).
pub const HOSTNAME: &str = "workstation";

use super::container::net::client::{curl, curl_urls, parse_url};
use super::container::ContainerHost;
use super::session::Console;
use super::sh::Io;

/// One listening `kubectl port-forward`: a local port on some addresses,
/// to a port of one Pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forward {
    /// The addresses it listens on (`127.0.0.1` and `::1` for
    /// `--address localhost`, the default).
    pub addresses: Vec<String>,
    pub local: u16,
    pub remote: u16,
    pub namespace: String,
    pub pod: String,
    pub uid: String,
}

impl Forward {
    /// Whether its kubectl is still running: the Pod it was opened to is
    /// still there, the same one, and running.
    fn alive(&self, engine: &crate::engine::Engine) -> bool {
        engine
            .store()
            .pods
            .get(&self.namespace, &self.pod)
            .is_some_and(|p| {
                p.metadata.uid == self.uid
                    && p.status.phase == "Running"
                    && !p.metadata.is_terminating()
            })
    }
}

impl Console {
    /// The forwards still open, the ended ones forgotten.
    pub(crate) fn live_forwards(&mut self) -> &[Forward] {
        let engine = &self.engine;
        self.forwards.retain(|f| f.alive(engine));
        &self.forwards
    }

    /// The forwards still open (what a lesson's check reads).
    pub fn open_forwards(&self) -> Vec<Forward> {
        self.forwards
            .iter()
            .filter(|f| f.alive(&self.engine))
            .cloned()
            .collect()
    }
}

/// The workstation's loopback addresses: what `localhost` is to its
/// resolver, its `curl` and kubectl's `--address localhost`.
pub const LOOPBACK: [&str; 2] = ["127.0.0.1", "::1"];

/// Whether a host names this machine (`localhost`, its loopback addresses).
fn loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h == "localhost" || LOOPBACK.contains(&h)
}

fn is_ip(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.parse::<std::net::IpAddr>().is_ok()
}

/// `curl` on the workstation (curl 8): through a port-forward to its Pod,
/// or the errors a laptop gets for the cluster's names and addresses.
pub fn curl_on_workstation(console: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let (urls, say_errors) = match curl_urls(args, io) {
        Ok(u) => u,
        Err(code) => return code,
    };
    let Some(first) = urls.first() else {
        io.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    };
    let fail = |io: &mut Io, code: i32, text: String| {
        if say_errors {
            io.err(&format!("curl: ({code}) {text}\n"));
        }
        code
    };
    let url = match parse_url(first) {
        Ok(u) => u,
        Err(e) => return fail(io, if e.starts_with("Protocol") { 1 } else { 3 }, e),
    };
    let refused = |io: &mut Io| {
        fail(
            io,
            7,
            format!(
                "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                url.host, url.port
            ),
        )
    };
    if !loopback(&url.host) {
        if !is_ip(&url.host) {
            return fail(io, 6, format!("Could not resolve host: {}", url.host));
        }
        io.err("Note: Pod and Service IPs are not routed to this workstation; reach a Pod with kubectl port-forward, or ask from inside the cluster with kubectl exec.\n");
        return refused(io);
    }
    let forward = console
        .live_forwards()
        .iter()
        .find(|f| f.local == url.port)
        .cloned();
    let Some(f) = forward else {
        return refused(io);
    };
    io.out(&format!("Handling connection for {}\n", f.local));
    // The request arrives on the Pod's own loopback, at the remote port.
    let inside = format!("{}://localhost:{}{}", url.scheme, f.remote, url.target);
    let rewritten: Vec<String> = args
        .iter()
        .map(|a| {
            if a == first {
                inside.clone()
            } else {
                a.clone()
            }
        })
        .collect();
    let container = console
        .engine
        .store()
        .pods
        .get(&f.namespace, &f.pod)
        .and_then(|p| p.spec.containers.first().map(|c| c.name.to_string()))
        .unwrap_or_default();
    let Console {
        engine, dns_traces, ..
    } = console;
    let Some(host) = ContainerHost::new(engine, &f.namespace, &f.pod, &container, dns_traces)
    else {
        return fail(io, 52, "Empty reply from server".into());
    };
    let mut host = host.with_tty(true);
    let mut out = Io::new();
    let code = curl(&mut host, &rewritten, &mut out);
    if code == 7 {
        // Nothing listens on that port in the Pod: kubectl's side of the
        // tunnel fails (it logs why in its own terminal) and closes the
        // connection curl made to it.
        return fail(io, 52, "Empty reply from server".into());
    }
    for (stream, text) in out.into_chunks() {
        match stream {
            super::sh::Stream::Stdout => io.out(&text),
            super::sh::Stream::Stderr => io.err(&text),
        }
    }
    code
}
