//! What the tests of commands inside containers share: an engine whose
//! kubelet runs one-shot main processes with the console's container module,
//! the StatefulSet Basics cluster with tool Pods beside it, and one exec.

use super::{nginx_service, web, Harness};
use ordinal::console::container::{exec, run_main_process_outcome};
use ordinal::console::sh::{Io, Stream};
use ordinal::console::DnsTrace;
use ordinal::engine::invariants::Checker;
use ordinal::engine::objects::Kind;
use ordinal::engine::{Config, Engine, SimDuration};
use serde_json::json;

/// An engine whose kubelet runs one-shot main processes with the console's
/// container module (as the command line and the page do).
pub fn harness(seed: u64) -> Harness {
    let config = Config {
        seed,
        process_runner: Some(run_main_process_outcome),
        ..Config::default()
    };
    Harness {
        engine: Engine::new(config),
        checker: Checker::default(),
        events: Vec::new(),
    }
}

/// A Pod `name` running `image` with `sleep infinity`, waited for until Ready.
pub fn tool_pod(h: &mut Harness, name: &str, image: &str) {
    h.create(
        Kind::Pod,
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default"},
            "spec": {"containers": [{"name": name, "image": image, "command": ["sleep", "infinity"]}]}
        }),
    );
    h.until(SimDuration::secs(300), "tool pod ready", |e| {
        e.store()
            .pods
            .get("default", name)
            .is_some_and(|p| p.is_running_and_ready())
    });
}

/// web (2 replicas, OrderedReady) behind the headless `nginx`, all Ready,
/// then the tool Pods `(name, image)` in the order given.
pub fn cluster(seed: u64, tools: &[(&str, &str)]) -> Harness {
    let mut h = harness(seed);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(2, "OrderedReady"));
    h.until_web_ready(SimDuration::secs(300), 2);
    for (name, image) in tools {
        tool_pod(&mut h, name, image);
    }
    h.advance(SimDuration::secs(1));
    h
}

/// What one exec gave: the exit code, each stream, both interleaved, and
/// the DNS queries it made.
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
    pub all: String,
    pub traces: Vec<DnsTrace>,
}

/// `kubectl exec POD -- ARGV...` in the default namespace's first container.
pub fn run(h: &mut Harness, pod: &str, argv: &[&str]) -> Run {
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    let mut io = Io::new();
    let mut traces = Vec::new();
    let code = exec(
        &mut h.engine,
        "default",
        pod,
        None,
        &argv,
        None,
        &mut io,
        &mut traces,
    );
    h.check();
    Run {
        code,
        out: io.stream(Stream::Stdout),
        err: io.stream(Stream::Stderr),
        all: io.text(),
        traces,
    }
}

/// `kubectl exec POD -- sh -c SRC`.
pub fn sh(h: &mut Harness, pod: &str, src: &str) -> Run {
    run(h, pod, &["sh", "-c", src])
}

/// The Pod's IP, as text.
pub fn ip(h: &Harness, pod: &str) -> String {
    h.pod(pod).map(|p| p.status.pod_ip.to_string()).unwrap()
}
