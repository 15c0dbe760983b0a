//! A seeded property test of the engine: random sequences of what users and
//! the cluster do to a StatefulSet — scale, delete a Pod (gracefully or by
//! force), change the image (to a good or a broken one), move the
//! partition, switch between RollingUpdate and OnDelete, fail a Pod's
//! readiness, crash it, heal it, evict it, delete a claim, take a node down
//! and bring it back, let time pass — in both Pod management policies, with
//! the invariant checker after every step (`support::Harness`: no two Pods
//! on one ordinal, claims named and bound right, OrderedReady creation
//! order, DNS answering ready Pods only, nothing half-deleted without a
//! reason). Then everything is repaired as a person would (nodes up, faults
//! healed, a good image, OnDelete's and the stall's stuck Pods deleted) and
//! the set must come back whole: every replica Running, Ready and on the
//! last template.
//!
//! `make test` runs a few sequences per policy; `make fuzz` many more
//! (ORDINAL_FUZZ_ROUNDS; ORDINAL_FUZZ_SEED replays a failure).

use crate::fuzzing;
use crate::support::{nginx_service, web_with_probe, Harness};

use fuzzing::Rng;
use ordinal::engine::faults::{Fault, ProbeKind};
use ordinal::engine::objects::statefulset::StatefulSetUpdateStrategy;
use ordinal::engine::objects::Kind;
use ordinal::engine::{DeleteOptions, SimDuration};

const WORKERS: [&str; 3] = ["ordinal-worker", "ordinal-worker2", "ordinal-worker3"];
const GOOD: [&str; 2] = [
    "registry.k8s.io/nginx-slim:0.21",
    "registry.k8s.io/nginx-slim:0.24",
];
const BROKEN: &str = "registry.k8s.io/nginx-slim:does-not-exist";

fn key(name: &str) -> (String, String) {
    ("default".to_string(), name.to_string())
}

/// A Pod of `web` picked at random, if any.
fn some_pod(h: &Harness, rng: &mut Rng) -> Option<String> {
    let pods = h.pods();
    (!pods.is_empty()).then(|| rng.pick(&pods).clone())
}

/// One random action; returns what it did, for the failure message.
fn act(h: &mut Harness, rng: &mut Rng) -> String {
    match rng.below(14) {
        0 | 1 => {
            let n = rng.below(6) as i64;
            h.scale(n);
            format!("scale {n}")
        }
        2 => match some_pod(h, rng) {
            Some(p) => {
                let _ = h
                    .engine
                    .delete(Kind::Pod, "default", &p, &DeleteOptions::default());
                h.check();
                format!("delete pod {p}")
            }
            None => "no pod to delete".into(),
        },
        3 => match some_pod(h, rng) {
            Some(p) => {
                let opts = DeleteOptions {
                    grace_period_seconds: Some(0),
                    ..Default::default()
                };
                let _ = h.engine.delete(Kind::Pod, "default", &p, &opts);
                h.check();
                format!("force delete pod {p}")
            }
            None => "no pod to force delete".into(),
        },
        4 => {
            let image = if rng.chance(25) {
                BROKEN
            } else {
                *rng.pick(&GOOD)
            };
            h.set_image(image);
            format!("image {image}")
        }
        5 => {
            let partition = rng.below(4) as i64;
            h.edit_set(|s| {
                if let Some(ru) = s
                    .spec
                    .update_strategy
                    .as_mut()
                    .and_then(|u| u.rolling_update.as_mut())
                {
                    ru.partition = Some(partition);
                }
            });
            format!("partition {partition}")
        }
        6 => {
            let on_delete = rng.chance(50);
            h.edit_set(|s| {
                s.spec.update_strategy = Some(if on_delete {
                    StatefulSetUpdateStrategy {
                        type_: Some("OnDelete".into()),
                        rolling_update: None,
                    }
                } else {
                    StatefulSetUpdateStrategy::default()
                });
            });
            format!(
                "strategy {}",
                if on_delete {
                    "OnDelete"
                } else {
                    "RollingUpdate"
                }
            )
        }
        7 | 8 => match some_pod(h, rng) {
            Some(p) => {
                let (what, fault) = match rng.below(4) {
                    0 => (
                        "fail readiness",
                        Fault::FailProbe {
                            pod: key(&p),
                            probe: ProbeKind::Readiness,
                        },
                    ),
                    1 => ("crash", Fault::Crash { pod: key(&p) }),
                    2 => ("evict", Fault::Evict { pod: key(&p) }),
                    _ => ("heal", Fault::Heal { pod: key(&p) }),
                };
                let _ = h.engine.inject(fault);
                h.check();
                format!("{what} {p}")
            }
            None => "no pod to fault".into(),
        },
        9 => {
            let claim = format!("www-web-{}", rng.below(6));
            let _ = h.engine.delete(
                Kind::PersistentVolumeClaim,
                "default",
                &claim,
                &DeleteOptions::default(),
            );
            h.check();
            format!("delete pvc {claim}")
        }
        10 => {
            let node = rng.pick(&WORKERS).to_string();
            let down = rng.chance(40);
            let fault = if down {
                Fault::NodeDown(node.clone())
            } else {
                Fault::NodeUp(node.clone())
            };
            h.engine.inject(fault).expect("the node exists");
            h.check();
            format!("node {} {node}", if down { "down" } else { "up" })
        }
        _ => {
            let secs = 1 + rng.below(90) as u64;
            h.advance(SimDuration::secs(secs));
            format!("advance {secs}s")
        }
    }
}

/// What a person does to get the set whole again: nodes back, faults
/// healed, a good image on RollingUpdate, then the Pods that will not heal
/// by themselves deleted (R4.13: a Pod stuck on a broken template is not
/// replaced by a rollback alone).
fn repair(h: &mut Harness, replicas: i64) {
    for node in WORKERS {
        h.engine
            .inject(Fault::NodeUp(node.to_string()))
            .expect("the node exists");
    }
    for p in h.pods() {
        let _ = h.engine.inject(Fault::Heal { pod: key(&p) });
    }
    h.edit_set(|s| {
        s.spec.update_strategy = Some(StatefulSetUpdateStrategy::default());
        s.spec.replicas = Some(replicas);
        s.spec.template.spec.containers[0].image = GOOD[1].into();
    });
    h.check();
    h.advance(SimDuration::secs(5));
    for p in h.pods() {
        if !h.ready(&p) || h.image_of(&p) != GOOD[1] {
            let _ = h
                .engine
                .delete(Kind::Pod, "default", &p, &DeleteOptions::default());
            h.check();
        }
    }
}

fn run(policy: &str, seed: u64, ops: usize) {
    let mut rng = Rng::new(seed);
    let mut h = Harness::new(seed);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web_with_probe(3, policy));
    let mut done: Vec<String> = Vec::new();
    for _ in 0..ops {
        let what = act(&mut h, &mut rng);
        done.push(what);
        // Bounded work: an action never leaves the engine overloaded
        // (`Harness::check` asserts it) and time always moves on.
        if rng.chance(60) {
            h.advance(SimDuration::secs(1 + rng.below(20) as u64));
        }
    }
    let replicas = 1 + rng.below(4) as i64;
    repair(&mut h, replicas);
    let deadline = h.now() + SimDuration::secs(15 * 60);
    while !h.all_ready(replicas) && h.now() < deadline {
        // Pods still stuck on what happened before the repair (a claim
        // deleted while in use, a back-off) get deleted again once a minute.
        h.advance(SimDuration::secs(60));
        for p in h.pods() {
            if !h.ready(&p) {
                let _ = h
                    .engine
                    .delete(Kind::Pod, "default", &p, &DeleteOptions::default());
                h.check();
            }
        }
    }
    assert!(
        h.all_ready(replicas),
        "{policy} seed {seed}: web is not whole {replicas} replicas after the repair; pods {:#?}; set {:?}; actions: {done:#?}; last narration: {:#?}",
        h.pods()
            .iter()
            .map(|p| {
                let pod = h.pod(p).unwrap();
                (
                    p.clone(),
                    h.ready(p),
                    h.image_of(p),
                    pod.status.phase.to_string(),
                    pod.spec.node_name.to_string(),
                    pod.metadata.deletion_timestamp.is_some(),
                    pod.status
                        .container_statuses
                        .iter()
                        .map(|c| format!("{:?}", c.state))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>(),
        h.engine
            .store()
            .statefulsets
            .get("default", "web")
            .map(|s| s.status.clone()),
        h.narration().iter().rev().take(25).collect::<Vec<_>>()
    );
    for p in h.pods() {
        assert_eq!(h.image_of(&p), GOOD[1], "{policy} seed {seed}: {p}");
    }
}

#[test]
fn random_sequences_keep_the_invariants_and_end_whole_in_ordered_ready() {
    let started = std::time::Instant::now();
    let rounds = fuzzing::rounds(6);
    let base = fuzzing::seed(1);
    for i in 0..rounds as u64 {
        run("OrderedReady", base + i, 40);
    }
    fuzzing::report("engine-ordered", rounds, started);
}

#[test]
fn random_sequences_keep_the_invariants_and_end_whole_in_parallel() {
    let started = std::time::Instant::now();
    let rounds = fuzzing::rounds(6);
    let base = fuzzing::seed(1);
    for i in 0..rounds as u64 {
        run("Parallel", base + i, 40);
    }
    fuzzing::report("engine-parallel", rounds, started);
}
