//! A seeded property test of the engine: random sequences of what users and
//! the cluster do to a StatefulSet — scale, delete a Pod (gracefully or by
//! force), change the image (to a good or a broken one), move the
//! partition or maxUnavailable, switch between RollingUpdate and OnDelete,
//! move `ordinals.start`, change the claim retention policy or the Pods'
//! CPU request, fail a Pod's readiness or liveness, crash it, heal it,
//! evict it (by its kubelet, or through the eviction API under a
//! PodDisruptionBudget that comes and goes), end its containers, delete a
//! claim, cordon a node, take a node down and bring it
//! back, break an image's pulls, change or delete the headless Service
//! (publishNotReadyAddresses, a selector matching nothing), run a Pod of
//! higher priority that
//! preempts, delete the set leaving its Pods (`--cascade=orphan`) and
//! create it again, let time pass — in both Pod management policies, half
//! the time beside a neighbour set in another namespace, with
//! the invariant checker after every step (`support::Harness`: no two Pods
//! on one ordinal, claims named and bound right, OrderedReady creation
//! order, DNS answering ready Pods only, nothing half-deleted without a
//! reason). Then everything is repaired as a person would (nodes up, faults
//! healed, nodes uncordoned, images pullable, the higher-priority Pods
//! gone, a good image, OnDelete's and the stall's stuck Pods deleted) and
//! the set must come back whole: every replica Running, Ready and on the
//! last template.
//!
//! `make test` runs 6 sequences per policy; `make fuzz` one per thousand
//! of ORDINAL_FUZZ_ROUNDS (a sequence is 40 actions and a repair, some
//! thousand engine steps; a million rounds make 1,000 sequences).
//! ORDINAL_FUZZ_SEED replays a failure: the message lists the actions.

use crate::fuzzing;
use crate::support::{nginx_service, web_with_probe, Harness};

use fuzzing::Rng;
use ordinal::engine::faults::{Fault, ProbeKind};
use ordinal::engine::objects::statefulset::{
    RetentionPolicy, StatefulSetOrdinals, StatefulSetUpdateStrategy,
};
use ordinal::engine::objects::{IntOrString, Kind, Object};
use ordinal::engine::{DeleteOptions, Propagation, SimDuration};
use serde_json::json;

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

/// `kubectl cordon` / `uncordon`: the node's `spec.unschedulable`.
fn set_cordon(h: &mut Harness, node: &str, cordon: bool) {
    let mut n = (**h.engine.store().nodes.get("", node).unwrap()).clone();
    if n.spec.unschedulable.is_some() == cordon {
        return;
    }
    n.spec.unschedulable = cordon.then_some(true);
    n.metadata.resource_version.clear();
    h.engine
        .update(Object::Node(std::rc::Rc::new(n)))
        .expect("node update");
    h.check();
}

/// A Pod of priority 1000 asking for 2.5 CPUs: where the set's Pods ask
/// for CPU too, it preempts some of them.
fn vip(name: &str) -> serde_json::Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "priorityClassName": "high",
            "containers": [{
                "name": "app", "image": "registry.k8s.io/nginx-slim:0.24",
                "resources": {"requests": {"cpu": "2500m"}}
            }]
        }
    })
}

/// The `vip-*` Pods that exist.
fn vips(h: &Harness) -> Vec<String> {
    h.engine
        .store()
        .pods
        .in_namespace("default")
        .filter(|p| p.metadata.name.starts_with("vip-"))
        .map(|p| p.metadata.name.to_string())
        .collect()
}

/// One random action; returns what it did, for the failure message.
fn act(h: &mut Harness, rng: &mut Rng, policy: &str) -> String {
    match rng.below(29) {
        26 | 27 => {
            // The headless Service: publishNotReadyAddresses toggled, or a
            // selector that matches nothing (§12's mistake 2) or the Pods.
            let Some(svc) = h.engine.store().services.get("default", "nginx").cloned() else {
                h.create(Kind::Service, nginx_service());
                return "create service nginx".into();
            };
            let mut svc = (*svc).clone();
            let what = if rng.chance(50) {
                let on = !svc.publish_not_ready();
                svc.spec.publish_not_ready_addresses = Some(on);
                format!("publishNotReadyAddresses {on}")
            } else {
                let app = *rng.pick(&["nginx", "nope"]);
                let mut sel = svc.spec.selector.clone().unwrap_or_default();
                sel.insert("app".into(), app.into());
                svc.spec.selector = Some(sel);
                format!("service selector app={app}")
            };
            svc.metadata.resource_version.clear();
            h.engine
                .update(Object::Service(std::rc::Rc::new(svc)))
                .expect("service update");
            h.check();
            what
        }
        28 => {
            let _ = h
                .engine
                .delete(Kind::Service, "default", "nginx", &DeleteOptions::default());
            h.check();
            "delete service nginx".into()
        }
        23 => match some_pod(h, rng) {
            // `kubectl drain`'s request: the eviction API, which a budget
            // may refuse.
            Some(p) => {
                let r = h.engine.evict("default", &p, &DeleteOptions::default());
                h.check();
                format!(
                    "evict (API) {p}: {}",
                    if r.is_ok() { "ok" } else { "refused" }
                )
            }
            None => "no pod to evict".into(),
        },
        24 => {
            // A budget on the set's Pods (or none).
            if rng.chance(50) {
                let min = rng.below(3);
                let _ = h.engine.delete(
                    Kind::PodDisruptionBudget,
                    "default",
                    "web",
                    &DeleteOptions::default(),
                );
                h.create(
                    Kind::PodDisruptionBudget,
                    json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                           "metadata": {"name": "web", "namespace": "default"},
                           "spec": {"minAvailable": min, "selector": {"matchLabels": {"app": "nginx"}}}}),
                );
                format!("budget minAvailable {min}")
            } else {
                let _ = h.engine.delete(
                    Kind::PodDisruptionBudget,
                    "default",
                    "web",
                    &DeleteOptions::default(),
                );
                h.check();
                "no budget".into()
            }
        }
        25 => match some_pod(h, rng) {
            // The containers exit (a Job-like end): Succeeded or Failed.
            Some(p) => {
                let phase = *rng.pick(&["Succeeded", "Failed"]);
                let _ = h.engine.inject(Fault::Phase {
                    pod: key(&p),
                    phase: phase.to_string(),
                });
                h.check();
                format!("phase {phase} {p}")
            }
            None => "no pod to end".into(),
        },
        14 => {
            let max = 1 + rng.below(3) as i64;
            h.edit_set(|s| {
                if let Some(ru) = s
                    .spec
                    .update_strategy
                    .as_mut()
                    .and_then(|u| u.rolling_update.as_mut())
                {
                    ru.max_unavailable = Some(IntOrString::Int(max));
                }
            });
            format!("maxUnavailable {max}")
        }
        15 => {
            let start = rng.below(3) as i64;
            h.edit_set(|s| {
                s.spec.ordinals = (start > 0).then_some(StatefulSetOrdinals { start });
            });
            format!("ordinals.start {start}")
        }
        16 => {
            let pick = |r: &mut Rng| (*r.pick(&["Retain", "Delete"])).to_string();
            let (deleted, scaled) = (pick(rng), pick(rng));
            let policy = RetentionPolicy {
                when_deleted: Some(deleted.clone()),
                when_scaled: Some(scaled.clone()),
            };
            h.edit_set(|s| s.spec.persistent_volume_claim_retention_policy = Some(policy));
            format!("retention whenDeleted={deleted} whenScaled={scaled}")
        }
        17 => {
            let cpu = *rng.pick(&["", "500m", "1500m"]);
            h.edit_set(|s| {
                s.spec.template.spec.containers[0].resources =
                    (!cpu.is_empty()).then(|| json!({"requests": {"cpu": cpu}}));
            });
            format!("cpu request {cpu:?}")
        }
        18 => {
            let node = rng.pick(&WORKERS).to_string();
            let cordon = rng.chance(60);
            set_cordon(h, &node, cordon);
            format!("{} {node}", if cordon { "cordon" } else { "uncordon" })
        }
        19 => {
            let broken = rng.chance(50);
            let image = rng.pick(&GOOD).to_string();
            let fault = if broken {
                Fault::ImageBroken(image.clone())
            } else {
                Fault::ImageOk(image.clone())
            };
            h.engine.inject(fault).expect("image fault");
            h.check();
            format!("image {} {image}", if broken { "broken" } else { "ok" })
        }
        20 => {
            if rng.chance(60) {
                let name = format!("vip-{}", rng.below(4));
                if h.pod(&name).is_none() {
                    h.create(Kind::Pod, vip(&name));
                }
                format!("create {name}")
            } else {
                let all = vips(h);
                match all.first() {
                    Some(v) => {
                        let _ = h
                            .engine
                            .delete(Kind::Pod, "default", v, &DeleteOptions::default());
                        h.check();
                        format!("delete {v}")
                    }
                    None => "no vip to delete".into(),
                }
            }
        }
        21 => {
            // `kubectl delete sts web --cascade=orphan`, then the same set
            // again: it adopts the Pods and claims left behind (R3.15).
            let Some(set) = h.engine.store().statefulsets.get("default", "web").cloned() else {
                return "no set".into();
            };
            let opts = DeleteOptions {
                propagation: Propagation::Orphan,
                ..Default::default()
            };
            let _ = h.engine.delete(Kind::StatefulSet, "default", "web", &opts);
            h.check();
            h.advance(SimDuration::secs(1 + rng.below(5) as u64));
            if h.engine
                .store()
                .statefulsets
                .get("default", "web")
                .is_none()
            {
                let mut v = web_with_probe(set.replicas(), policy);
                v["spec"]["template"]["spec"]["containers"][0]["image"] =
                    json!(set.spec.template.spec.containers[0].image.to_string());
                h.create(Kind::StatefulSet, v);
            }
            "delete set --cascade=orphan and create it again".into()
        }
        22 => match some_pod(h, rng) {
            Some(p) => {
                let _ = h.engine.inject(Fault::FailProbe {
                    pod: key(&p),
                    probe: ProbeKind::Liveness,
                });
                h.check();
                format!("fail liveness {p}")
            }
            None => "no pod to fail".into(),
        },
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
        set_cordon(h, node, false);
    }
    for image in GOOD {
        h.engine
            .inject(Fault::ImageOk(image.to_string()))
            .expect("image fault");
    }
    // The Service as the tutorial has it.
    let _ = h
        .engine
        .delete(Kind::Service, "default", "nginx", &DeleteOptions::default());
    h.create(Kind::Service, nginx_service());
    for v in vips(h) {
        let _ = h
            .engine
            .delete(Kind::Pod, "default", &v, &DeleteOptions::default());
    }
    for p in h.pods() {
        let _ = h.engine.inject(Fault::Heal { pod: key(&p) });
    }
    h.edit_set(|s| {
        s.spec.update_strategy = Some(StatefulSetUpdateStrategy::default());
        s.spec.replicas = Some(replicas);
        s.spec.template.spec.containers[0].image = GOOD[1].into();
        s.spec.template.spec.containers[0].resources = None;
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

/// Plays a sequence: the harness afterwards, with the actions taken and
/// the generator (for the repair's random choice). With `swap_at`, the
/// engine is replaced by a clone of itself before that action (the page's
/// snapshots for rewinding are such clones).
fn play(
    policy: &str,
    seed: u64,
    ops: usize,
    swap_at: Option<usize>,
) -> (Harness, Vec<String>, Rng) {
    let mut rng = Rng::new(seed);
    let mut h = Harness::new(seed);
    h.create(Kind::Service, nginx_service());
    let mut set = web_with_probe(3, policy);
    // Half the runs ask for CPU from the start, so Pods of higher
    // priority have something to preempt.
    if rng.chance(50) {
        set["spec"]["template"]["spec"]["containers"][0]["resources"] =
            json!({"requests": {"cpu": "1500m"}});
    }
    h.create(Kind::StatefulSet, set);
    h.create(
        Kind::PriorityClass,
        json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
               "metadata": {"name": "high"}, "value": 1000}),
    );
    // Half the runs have a neighbour: another set with its own headless
    // Service in namespace `team`, which only what touches the whole
    // cluster reaches (nodes, images, preemption).
    let mut done: Vec<String> = Vec::new();
    if rng.chance(50) {
        add_neighbour(&mut h, policy);
        done.push("neighbour team/other".into());
    }
    for i in 0..ops {
        if swap_at == Some(i) {
            let twin = h.engine.clone();
            h.engine = twin;
        }
        let what = act(&mut h, &mut rng, policy);
        done.push(what);
        // Bounded work: an action never leaves the engine overloaded
        // (`Harness::check` asserts it) and time always moves on.
        if rng.chance(60) {
            h.advance(SimDuration::secs(1 + rng.below(20) as u64));
        }
    }
    (h, done, rng)
}

/// The neighbour: namespace `team`, Service `other` and StatefulSet
/// `other` (2 replicas, the other policy), Ready.
fn add_neighbour(h: &mut Harness, policy: &str) {
    h.create(
        Kind::Namespace,
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}}),
    );
    let mut svc = nginx_service();
    svc["metadata"] = json!({"name": "other", "namespace": "team"});
    svc["spec"]["selector"] = json!({"app": "other"});
    h.create(Kind::Service, svc);
    let other = if policy == "Parallel" {
        "OrderedReady"
    } else {
        "Parallel"
    };
    let mut set = web_with_probe(2, other);
    set["metadata"] = json!({"name": "other", "namespace": "team"});
    set["spec"]["serviceName"] = json!("other");
    set["spec"]["selector"] = json!({"matchLabels": {"app": "other"}});
    set["spec"]["template"]["metadata"]["labels"] = json!({"app": "other"});
    set["spec"]["template"]["spec"]["containers"][0]["image"] = json!(GOOD[0]);
    h.create(Kind::StatefulSet, set);
}

/// The neighbour's Pods, if it exists.
fn neighbour_pods(h: &Harness) -> Vec<String> {
    h.engine
        .set_pods("team", "other")
        .iter()
        .map(|p| p.metadata.name.to_string())
        .collect()
}

/// Whether the neighbour (if any) has its 2 replicas Ready.
fn neighbour_whole(h: &Harness) -> bool {
    h.engine
        .store()
        .statefulsets
        .get("team", "other")
        .is_none_or(|s| s.status.ready_replicas == 2 && s.status.replicas == 2)
}

/// Everything stored, as JSON lines.
fn dump(h: &Harness) -> String {
    ordinal::engine::objects::RESOURCES
        .iter()
        .flat_map(|r| h.engine.store().list_dyn(r.kind, None))
        .map(|o| serde_json::to_string(&o.to_value()).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn run(policy: &str, seed: u64, ops: usize) {
    let (mut h, done, mut rng) = play(policy, seed, ops, None);
    let replicas = 1 + rng.below(4) as i64;
    repair(&mut h, replicas);
    let deadline = h.now() + SimDuration::secs(15 * 60);
    while !(h.all_ready(replicas) && neighbour_whole(&h)) && h.now() < deadline {
        // Pods still stuck on what happened before the repair (a claim
        // deleted while in use, a back-off) get deleted again once a minute.
        h.advance(SimDuration::secs(60));
        let stuck = |h: &Harness, ns: &str, p: &str| {
            !h.engine
                .store()
                .pods
                .get(ns, p)
                .is_some_and(|p| p.is_running_and_ready() && !p.metadata.is_terminating())
        };
        for (ns, p) in h
            .pods()
            .into_iter()
            .map(|p| ("default", p))
            .chain(neighbour_pods(&h).into_iter().map(|p| ("team", p)))
        {
            if stuck(&h, ns, &p) {
                let _ = h
                    .engine
                    .delete(Kind::Pod, ns, &p, &DeleteOptions::default());
                h.check();
            }
        }
    }
    assert!(
        neighbour_whole(&h),
        "{policy} seed {seed}: the neighbour is not whole: {:?}; actions: {done:#?}",
        h.engine
            .store()
            .statefulsets
            .get("team", "other")
            .map(|s| s.status.clone())
    );
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

/// The sequences of one policy: 6 in `make test`, one per thousand
/// ORDINAL_FUZZ_ROUNDS in `make fuzz`.
fn sequences(policy: &str, target: &str) {
    let started = std::time::Instant::now();
    let rounds = (fuzzing::rounds(6_000) / 1_000).max(1);
    let base = fuzzing::seed(1);
    for i in 0..rounds as u64 {
        run(policy, base + i, 40);
    }
    fuzzing::report(target, rounds, started);
}

#[test]
fn random_sequences_keep_the_invariants_and_end_whole_in_ordered_ready() {
    sequences("OrderedReady", "engine-ordered");
}

#[test]
fn random_sequences_keep_the_invariants_and_end_whole_in_parallel() {
    sequences("Parallel", "engine-parallel");
}

/// A clone of the engine taken in the middle of a sequence plays the rest
/// exactly as the original would have: the same narration, the same
/// objects (the page rewinds by keeping such clones and replaying).
#[test]
fn a_clone_taken_midway_plays_on_identically() {
    for (policy, seed) in [("OrderedReady", 11), ("Parallel", 12), ("OrderedReady", 13)] {
        let (a, done, _) = play(policy, seed, 40, None);
        let (b, _, _) = play(policy, seed, 40, Some(20));
        assert_eq!(
            a.narration(),
            b.narration(),
            "{policy} seed {seed}: {done:#?}"
        );
        assert_eq!(dump(&a), dump(&b), "{policy} seed {seed}");
        assert_eq!(a.engine.now(), b.engine.now());
    }
}
