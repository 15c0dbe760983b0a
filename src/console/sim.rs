//! `sim …`: the simulator's own controls. They exist only in Ordinal (no
//! real cluster has them) and `help` says so: letting time pass, the seed,
//! and the faults a real cluster meets without being asked.

use super::sh::Io;
use super::Console;
use crate::engine::faults::{Fault, ProbeKind};
use crate::engine::time::human_duration;
use crate::engine::SimDuration;

const USAGE: &str = "usage: sim advance DURATION | settle [--timeout DURATION] | seed N | status\n       sim fail POD readiness|liveness|crash | heal POD\n       sim node down|up NODE | image broken|ok IMAGE | pod evict POD | pod phase POD Failed|Succeeded\n";

/// The default limit of `sim settle`.
pub const SETTLE_LIMIT: SimDuration = SimDuration::secs(600);

fn err(io: &mut Io, msg: &str) -> i32 {
    io.err(&format!("sim: {msg}\n"));
    1
}

pub fn run(console: &mut Console, args: &[String], io: &mut Io) -> i32 {
    // `-n NS` anywhere picks the namespace of Pod arguments.
    let mut ns = console.namespace.clone();
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "-n" || args[i] == "--namespace" {
            if let Some(n) = args.get(i + 1) {
                ns = n.clone();
            }
            i += 2;
            continue;
        }
        if let Some(n) = args[i].strip_prefix("--namespace=") {
            ns = n.to_string();
            i += 1;
            continue;
        }
        words.push(&args[i]);
        i += 1;
    }
    let pod = |name: &str| (ns.clone(), name.trim_start_matches("pod/").to_string());
    let fault = |console: &mut Console, io: &mut Io, f: Fault, ok: String| -> i32 {
        match console.engine.inject(f) {
            Ok(()) => {
                io.out(&format!("{ok}\n"));
                0
            }
            Err(e) => err(io, &e.message()),
        }
    };
    match words.as_slice() {
        ["advance", d] => match SimDuration::parse(d) {
            Some(d) if d <= SimDuration::secs(24 * 3600) => {
                let to = console.engine.now() + d;
                console.engine.advance_to(to);
                0
            }
            Some(_) => err(io, "advance at most 24h at once"),
            None => err(io, &format!("invalid duration {d:?} (try 10s, 2m, 1h)")),
        },
        ["settle"] | ["settle", "--timeout", _] | ["settle", _] => {
            let limit = match words.get(1..).unwrap_or(&[]) {
                ["--timeout", d] => SimDuration::parse(d),
                [d] if d.starts_with("--timeout=") => SimDuration::parse(&d["--timeout=".len()..]),
                [] => Some(SETTLE_LIMIT),
                _ => None,
            };
            let Some(limit) = limit else {
                return err(io, "usage: sim settle [--timeout DURATION]");
            };
            let start = console.engine.now();
            let deadline = start + limit;
            // Steady wakeups (a container's exit far ahead) are not waited for.
            while let Some(t) = console.engine.next_pending_wakeup() {
                if t > deadline {
                    break;
                }
                console.engine.advance_to(t);
            }
            if console.engine.is_pending() {
                console.engine.advance_to(deadline);
                let what = pending_summary(console);
                io.err(&format!(
                    "sim: still pending after {}: {what}\n",
                    human_duration(limit)
                ));
                1
            } else {
                io.out(&format!(
                    "settled after {}\n",
                    human_duration(console.engine.now() - start)
                ));
                0
            }
        }
        ["seed", n] => match n.parse::<u64>() {
            Ok(n) => {
                console.engine.reseed(n);
                io.out(&format!("seed {n}\n"));
                0
            }
            Err(_) => err(io, &format!("invalid seed {n:?} (a whole number)")),
        },
        ["status"] => {
            let e = &console.engine;
            io.out(&format!(
                "time:    {} ({} since start)\nseed:    {}\npending: {}\n",
                e.now().rfc3339(),
                human_duration(e.now() - crate::engine::SimTime::ZERO),
                e.seed(),
                pending_summary(console)
            ));
            0
        }
        ["fail", p, what] => {
            let (f, msg) = match *what {
                "readiness" => (
                    Fault::FailProbe {
                        pod: pod(p),
                        probe: ProbeKind::Readiness,
                    },
                    format!("{p}: readiness probes now fail"),
                ),
                "liveness" => (
                    Fault::FailProbe {
                        pod: pod(p),
                        probe: ProbeKind::Liveness,
                    },
                    format!("{p}: liveness probes now fail"),
                ),
                "crash" => (
                    Fault::Crash { pod: pod(p) },
                    format!("{p}: its processes now crash"),
                ),
                other => {
                    return err(
                        io,
                        &format!("unknown fault {other:?}: readiness, liveness or crash"),
                    )
                }
            };
            if let Fault::FailProbe { pod: key, probe } = &f {
                if let Some(text) = no_such_probe(console, key, *probe, p) {
                    return err(io, &text);
                }
            }
            fault(console, io, f, msg)
        }
        ["heal", p] => fault(
            console,
            io,
            Fault::Heal { pod: pod(p) },
            format!("{p}: healed"),
        ),
        ["node", "down", n] => fault(
            console,
            io,
            Fault::NodeDown(n.to_string()),
            format!("node {n} stopped answering"),
        ),
        ["node", "up", n] => fault(
            console,
            io,
            Fault::NodeUp(n.to_string()),
            format!("node {n} is back"),
        ),
        ["image", "broken", img] => fault(
            console,
            io,
            Fault::ImageBroken(img.to_string()),
            format!("pulls of {img} now fail"),
        ),
        ["image", "ok", img] => fault(
            console,
            io,
            Fault::ImageOk(img.to_string()),
            format!("pulls of {img} now succeed"),
        ),
        ["pod", "evict", p] => fault(
            console,
            io,
            Fault::Evict { pod: pod(p) },
            format!("{p}: evicted by the kubelet"),
        ),
        ["pod", "phase", p, phase] => fault(
            console,
            io,
            Fault::Phase {
                pod: pod(p),
                phase: phase.to_string(),
            },
            format!("{p}: phase {phase}"),
        ),
        _ => {
            io.err(USAGE);
            2
        }
    }
}

/// When no container of the Pod has the probe `sim fail` would make fail,
/// the sentence that says nothing changes (a Pod's probes cannot be added
/// later, so the fault could never show). None when the Pod does not
/// exist (the engine answers that) or a container has the probe.
fn no_such_probe(
    console: &Console,
    key: &crate::engine::Key,
    probe: ProbeKind,
    name: &str,
) -> Option<String> {
    let pod = console.engine.store().pods.get(&key.0, &key.1)?;
    let sidecars = pod
        .spec
        .init_containers
        .iter()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"));
    let has = |c: &crate::engine::objects::Container| match probe {
        ProbeKind::Readiness => c.readiness_probe.is_some(),
        ProbeKind::Liveness => c.liveness_probe.is_some(),
    };
    if pod.spec.containers.iter().chain(sidecars).any(has) {
        return None;
    }
    Some(match probe {
        ProbeKind::Readiness => format!(
            "{name} has no readiness probe, so nothing changes: a container without one is ready while it runs (try \"sim fail {name} crash\")"
        ),
        ProbeKind::Liveness => format!(
            "{name} has no liveness probe, so nothing changes: nothing checks that its containers are alive (try \"sim fail {name} crash\")"
        ),
    })
}

/// What is still scheduled, in a few words.
fn pending_summary(console: &Console) -> String {
    let e = &console.engine;
    match e.next_pending_wakeup() {
        None => match e.next_notable_wakeup() {
            None => "nothing".to_string(),
            Some(t) => format!("nothing (next event in {})", human_duration(t - e.now())),
        },
        Some(t) => {
            let waiting: Vec<String> = e
                .store()
                .pods
                .iter()
                .filter(|p| !p.metadata.namespace.starts_with("kube-"))
                .filter_map(|p| {
                    let c = crate::engine::kubelet::pod_columns(p, e.now());
                    (c.status != "Running" || !p.is_ready())
                        .then(|| format!("{} {}", p.metadata.name, c.status))
                })
                .take(5)
                .collect();
            // With no Pod to name (one the controller cannot create yet),
            // the StatefulSets short of their replicas say where to look.
            let waiting = if waiting.is_empty() {
                e.store()
                    .statefulsets
                    .iter()
                    .filter(|s| s.status.ready_replicas < s.replicas())
                    .take(5)
                    .map(|s| {
                        format!(
                            "statefulset/{} {}/{} ready",
                            s.metadata.name,
                            s.status.ready_replicas,
                            s.replicas()
                        )
                    })
                    .collect()
            } else {
                waiting
            };
            let who = if waiting.is_empty() {
                String::new()
            } else {
                format!(" ({})", waiting.join(", "))
            };
            format!("next event in {}{who}", human_duration(t - e.now()))
        }
    }
}
