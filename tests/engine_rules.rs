//! StatefulSet controller rules (kubernetes-behaviour.md §2–§6), each
//! driven through the engine with the invariant checker after every step.
//! Where a rule concerns both policies the test runs for OrderedReady and
//! Parallel.

use crate::support;

use ordinal::engine::dns::QType;
use ordinal::engine::faults::{Fault, ProbeKind};
use ordinal::engine::objects::Kind;
use ordinal::engine::{DeleteOptions, Propagation, SimDuration};
use support::*;

const MIN: SimDuration = SimDuration::secs(60);

fn key(name: &str) -> (String, String) {
    ("default".to_string(), name.to_string())
}

#[test]
fn r2_4_r2_5_r2_8_identity_of_created_pods() {
    let h = Harness::web_ready(1, 2, "OrderedReady");
    let p = h.pod("web-1").unwrap();
    assert_eq!(p.spec.hostname, "web-1");
    assert_eq!(p.spec.subdomain, "nginx");
    assert_eq!(
        p.metadata.labels["statefulset.kubernetes.io/pod-name"],
        "web-1"
    );
    assert_eq!(p.metadata.labels["apps.kubernetes.io/pod-index"], "1");
    let set = h.engine.store().statefulsets.get("default", "web").unwrap();
    assert_eq!(
        p.metadata.labels["controller-revision-hash"],
        set.status.update_revision
    );
    let r = p.metadata.controller_ref().unwrap();
    assert_eq!(
        (r.kind.as_str(), r.name.as_str(), r.block_owner_deletion),
        ("StatefulSet", "web", Some(true))
    );
    let claim = p
        .spec
        .volumes
        .iter()
        .find(|v| v.name == "www")
        .and_then(|v| v.persistent_volume_claim.clone())
        .unwrap();
    assert_eq!(claim.claim_name, "www-web-1");
    // R6.2: claims carry the selector's labels, no owner by default.
    let pvc = h.engine.store().pvcs.get("default", "www-web-1").unwrap();
    assert_eq!(pvc.metadata.labels["app"], "nginx");
    assert!(pvc.metadata.owner_references.is_empty());
}

#[test]
fn r2_1_ordinals_start_shifts_names() {
    let mut h = Harness::new(2);
    let mut v = web(2, "Parallel");
    v["spec"]["ordinals"] = serde_json::json!({"start": 5});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until(MIN, "both ready", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.ready_replicas == 2)
    });
    assert_eq!(h.pods(), ["web-5", "web-6"]);
    assert!(h.engine.store().pvcs.get("default", "www-web-5").is_some());
}

#[test]
fn r3_9_ordered_scale_down_highest_first_and_claims_stay() {
    let mut h = Harness::web_ready(3, 5, "OrderedReady");
    h.scale(3);
    // web-4 goes first; web-3 only once web-4 is gone.
    assert!(h.pod("web-4").unwrap().metadata.is_terminating());
    assert!(!h.pod("web-3").unwrap().metadata.is_terminating());
    h.until(MIN, "web-4 gone", |e| {
        e.store().pods.get("default", "web-4").is_none()
    });
    h.until(MIN, "web-3 terminating", |e| {
        e.store()
            .pods
            .get("default", "web-3")
            .is_none_or(|p| p.metadata.is_terminating())
    });
    h.until(MIN, "web-3 gone", |e| {
        e.store().pods.get("default", "web-3").is_none()
    });
    assert_eq!(h.pods(), ["web-0", "web-1", "web-2"]);
    // R3.9 / R6.11: claims of the removed Pods are kept by default.
    assert!(h.engine.store().pvcs.get("default", "www-web-3").is_some());
    assert!(h.engine.store().pvcs.get("default", "www-web-4").is_some());
}

#[test]
fn r3_10_parallel_scale_creates_and_deletes_at_once() {
    let mut h = Harness::web_ready(4, 2, "Parallel");
    h.scale(5);
    assert_eq!(h.pods(), ["web-0", "web-1", "web-2", "web-3", "web-4"]);
    h.until(MIN, "5 ready", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.ready_replicas == 5)
    });
    h.scale(1);
    for n in ["web-1", "web-2", "web-3", "web-4"] {
        assert!(
            h.pod(n).unwrap().metadata.is_terminating(),
            "{n} should be terminating at once"
        );
    }
}

#[test]
fn r3_11_deleted_pod_returns_with_same_name_claim_and_data() {
    for policy in ["OrderedReady", "Parallel"] {
        let mut h = Harness::web_ready(5, 2, policy);
        h.engine
            .container_write(
                "default",
                "web-0",
                "nginx",
                "/usr/share/nginx/html/index.html",
                "web-0\n",
                false,
            )
            .unwrap();
        let old_uid = h.uid("web-0");
        let old_ip = h.pod("web-0").unwrap().status.pod_ip.clone();
        h.delete(Kind::Pod, "web-0", DeleteOptions::default());
        assert!(h.pod("web-0").unwrap().metadata.is_terminating());
        h.until(MIN, "web-0 replaced and ready", |e| {
            e.store()
                .pods
                .get("default", "web-0")
                .is_some_and(|p| p.metadata.uid != old_uid && p.is_running_and_ready())
        });
        let p = h.pod("web-0").unwrap();
        assert_eq!(
            p.spec.volumes[0]
                .persistent_volume_claim
                .as_ref()
                .unwrap()
                .claim_name,
            "www-web-0"
        );
        assert_eq!(
            h.engine
                .container_read(
                    "default",
                    "web-0",
                    "nginx",
                    "/usr/share/nginx/html/index.html"
                )
                .unwrap(),
            "web-0\n",
            "{policy}: data survives"
        );
        // A file outside the volume does not survive.
        let _ = old_ip;
    }
}

/// §12.8: a claim deleted while its Pod runs stays Terminating; when the
/// Pod goes, the controller recreates it at once and finds the claim still
/// there, being deleted (pvc-protection has not let it go yet), so the
/// creation fails (`FailedCreate`, R6.5) and is retried with back-off until
/// the claim is gone, then a new, empty claim and volume appear.
#[test]
fn r6_5_r6_9_deleting_a_claim_in_use_fails_creation_then_loses_the_data() {
    for seed in [1, 5, 9] {
        let mut h = Harness::web_ready(seed, 2, "OrderedReady");
        h.engine
            .container_write(
                "default",
                "web-1",
                "nginx",
                "/usr/share/nginx/html/index.html",
                "web-1\n",
                false,
            )
            .unwrap();
        let old_volume = h
            .engine
            .store()
            .pvcs
            .get("default", "www-web-1")
            .unwrap()
            .spec
            .volume_name
            .clone();
        h.delete(
            Kind::PersistentVolumeClaim,
            "www-web-1",
            DeleteOptions::default(),
        );
        h.advance(SimDuration::secs(5));
        let claim = h.engine.store().pvcs.get("default", "www-web-1").cloned();
        assert!(
            claim.as_ref().is_some_and(|c| c.metadata.is_terminating()),
            "seed {seed}: R6.9 the claim in use stays Terminating"
        );
        let old_uid = h.uid("web-1");
        h.delete(Kind::Pod, "web-1", DeleteOptions::default());
        h.until(MIN, "web-1 back and ready", |e| {
            e.store()
                .pods
                .get("default", "web-1")
                .is_some_and(|p| p.metadata.uid != old_uid && p.is_running_and_ready())
        });
        let failed: Vec<_> = h
            .engine
            .store()
            .events
            .iter()
            .filter(|ev| ev.reason == "FailedCreate")
            .map(|ev| (ev.type_.clone(), ev.message.clone(), ev.count))
            .collect();
        assert_eq!(
            failed.len(),
            1,
            "seed {seed}: one aggregated event: {failed:?}"
        );
        assert_eq!(failed[0].0, "Warning");
        assert_eq!(
            failed[0].1,
            "create Pod web-1 in StatefulSet web failed error: pvc www-web-1 is being deleted"
        );
        let claim = h
            .engine
            .store()
            .pvcs
            .get("default", "www-web-1")
            .unwrap()
            .clone();
        assert!(!claim.metadata.is_terminating());
        assert_ne!(
            claim.spec.volume_name, old_volume,
            "seed {seed}: a new volume"
        );
        assert!(
            h.engine
                .container_read(
                    "default",
                    "web-1",
                    "nginx",
                    "/usr/share/nginx/html/index.html"
                )
                .is_err(),
            "seed {seed}: the old data is gone"
        );
    }
}

#[test]
fn r3_11_files_outside_volumes_die_with_the_pod() {
    let mut h = Harness::web_ready(6, 1, "OrderedReady");
    h.engine
        .container_write(
            "default",
            "web-0",
            "nginx",
            "/tmp/scratch",
            "gone soon",
            false,
        )
        .unwrap();
    assert_eq!(
        h.engine
            .container_read("default", "web-0", "nginx", "/tmp/scratch")
            .unwrap(),
        "gone soon"
    );
    let uid = h.uid("web-0");
    h.delete(Kind::Pod, "web-0", DeleteOptions::default());
    h.until(MIN, "back", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    assert!(h
        .engine
        .container_read("default", "web-0", "nginx", "/tmp/scratch")
        .is_err());
}

#[test]
fn r3_5_one_unhealthy_pod_blocks_scale_up_in_ordered_ready_only() {
    for (policy, blocked) in [("OrderedReady", true), ("Parallel", false)] {
        let mut h = Harness::new(7);
        h.create(Kind::Service, nginx_service());
        h.create(Kind::StatefulSet, web_with_probe(2, policy));
        h.until_web_ready(SimDuration::secs(120), 2);
        h.engine
            .inject(Fault::FailProbe {
                pod: key("web-1"),
                probe: ProbeKind::Readiness,
            })
            .unwrap();
        h.until(MIN, "web-1 not ready", |e| {
            !e.store().pods.get("default", "web-1").unwrap().is_ready()
        });
        h.scale(4);
        h.advance(SimDuration::secs(30));
        assert_eq!(h.pod("web-2").is_none(), blocked, "{policy}");
        h.engine.inject(Fault::Heal { pod: key("web-1") }).unwrap();
        h.until(SimDuration::secs(600), "web-3 ready after heal", |e| {
            e.store()
                .pods
                .get("default", "web-3")
                .is_some_and(|p| p.is_running_and_ready())
        });
    }
}

#[test]
fn r3_12_r11_6_crash_loop_restarts_in_place_with_backoff() {
    let mut h = Harness::web_ready(8, 1, "OrderedReady");
    let uid = h.uid("web-0");
    h.engine.inject(Fault::Crash { pod: key("web-0") }).unwrap();
    h.advance(SimDuration::secs(90));
    let p = h.pod("web-0").unwrap();
    assert_eq!(
        p.metadata.uid, uid,
        "the kubelet restarts containers; the Pod stays"
    );
    assert_eq!(p.status.phase, "Running");
    let restarts = p.status.container_statuses[0].restart_count;
    assert!(
        (2..=4).contains(&restarts),
        "10s, 20s, 40s back-off: {restarts}"
    );
    let cols = ordinal::engine::kubelet::pod_columns(&p, h.now());
    assert!(
        cols.status == "CrashLoopBackOff" || cols.status == "Error",
        "{cols:?}"
    );
    assert_eq!(cols.ready, "0/1");
}

#[test]
fn r3_12_evicted_pod_is_deleted_and_recreated() {
    let mut h = Harness::web_ready(9, 2, "OrderedReady");
    let uid = h.uid("web-1");
    h.engine.inject(Fault::Evict { pod: key("web-1") }).unwrap();
    h.until(MIN, "replacement ready", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    let reasons: Vec<String> = h.narration();
    assert!(reasons
        .iter()
        .any(|r| r.contains("delete Pod web-1 in StatefulSet web successful")));
    assert!(
        !reasons.iter().any(|r| r.contains("RecreatingFailedPod")),
        "no such event since 1.31"
    );
}

/// R6.7 and R6.4: a Pod deleted while the scheduler waits for its claim to
/// be provisioned on the chosen node, its claim deleted with it, is
/// replaced under the same name with a new claim, and that Pod is
/// scheduled. The scheduler kept waiting for the first Pod's claim (keyed
/// by name) and never tried the replacement.
#[test]
fn r6_7_a_pod_deleted_while_its_claim_is_provisioned_is_replaced_and_scheduled() {
    let mut h = Harness::new(3);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until(MIN, "node chosen for www-web-0", |e| {
        e.store().pvcs.get("default", "www-web-0").is_some_and(|c| {
            c.metadata
                .annotations
                .contains_key("volume.kubernetes.io/selected-node")
                && c.status.phase != "Bound"
        })
    });
    h.delete(Kind::Pod, "web-0", DeleteOptions::default());
    h.delete(
        Kind::PersistentVolumeClaim,
        "www-web-0",
        DeleteOptions::default(),
    );
    h.until(SimDuration::secs(300), "web-0 ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.is_running_and_ready())
    });
}

/// R3.12 during a grace period: a Pod the kubelet evicts while it is
/// being deleted ends (Failed) and its deletion completes, so the
/// StatefulSet gets its replacement; it was left Failed and terminating for
/// ever, holding its name.
#[test]
fn r3_12_a_pod_evicted_while_terminating_is_removed_and_replaced() {
    let mut h = Harness::web_ready(9, 2, "OrderedReady");
    let uid = h.uid("web-1");
    // A template change: the controller deletes web-1 first (R4.7).
    h.set_image("registry.k8s.io/nginx-slim:0.24");
    assert!(h.pod("web-1").unwrap().metadata.is_terminating());
    h.engine.inject(Fault::Evict { pod: key("web-1") }).unwrap();
    h.check();
    h.until(MIN, "web-1 replaced and ready", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
}

#[test]
fn r4_7_rolling_update_goes_highest_ordinal_first_one_at_a_time() {
    for policy in ["OrderedReady", "Parallel"] {
        let mut h = Harness::web_ready(10, 3, policy);
        let old_rev = h
            .engine
            .store()
            .statefulsets
            .get("default", "web")
            .unwrap()
            .status
            .update_revision
            .clone();
        h.set_image("registry.k8s.io/nginx-slim:0.24");
        let mut order: Vec<String> = Vec::new();
        let deadline = h.now() + SimDuration::secs(300);
        while !h.all_ready(3)
            || h.engine
                .store()
                .statefulsets
                .get("default", "web")
                .unwrap()
                .status
                .current_revision
                == old_rev
        {
            for n in ["web-2", "web-1", "web-0"] {
                if h.pod(n).is_some_and(|p| p.metadata.is_terminating())
                    && !order.contains(&n.to_string())
                {
                    order.push(n.to_string());
                    let terminating = ["web-0", "web-1", "web-2"]
                        .iter()
                        .filter(|m| h.pod(m).is_some_and(|p| p.metadata.is_terminating()))
                        .count();
                    assert_eq!(terminating, 1, "{policy}: one Pod at a time");
                }
            }
            assert!(h.now() < deadline, "{policy}: update did not finish");
            if !h.step() {
                break;
            }
        }
        assert_eq!(order, ["web-2", "web-1", "web-0"], "{policy}");
        for n in ["web-0", "web-1", "web-2"] {
            assert_eq!(h.image_of(n), "registry.k8s.io/nginx-slim:0.24");
        }
        let s = h
            .engine
            .store()
            .statefulsets
            .get("default", "web")
            .unwrap()
            .clone();
        assert_eq!(
            s.status.current_revision, s.status.update_revision,
            "R4.6 rollout completed"
        );
        assert_eq!(s.status.current_replicas, 3);
    }
}

#[test]
fn r4_8_partition_keeps_lower_ordinals_on_the_old_template() {
    let mut h = Harness::web_ready(11, 3, "OrderedReady");
    h.edit_set(|s| {
        s.spec.update_strategy = Some(
            ordinal::engine::objects::statefulset::StatefulSetUpdateStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(
                    ordinal::engine::objects::statefulset::RollingUpdateStatefulSetStrategy {
                        partition: Some(2),
                        max_unavailable: None,
                    },
                ),
            },
        )
    });
    h.set_image("registry.k8s.io/nginx-slim:0.24");
    h.until(SimDuration::secs(120), "canary updated", |e| {
        e.store().pods.get("default", "web-2").is_some_and(|p| {
            p.spec.containers[0].image.ends_with("0.24") && p.is_running_and_ready()
        })
    });
    h.advance(SimDuration::secs(60));
    assert!(h.image_of("web-1").ends_with("0.21"));
    assert!(h.image_of("web-0").ends_with("0.21"));
    // R4.9: a Pod below the partition deleted by hand comes back old.
    let uid = h.uid("web-0");
    h.delete(Kind::Pod, "web-0", DeleteOptions::default());
    h.until(MIN, "web-0 back", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    assert!(h.image_of("web-0").ends_with("0.21"));
    // R4.6: the rollout is not complete while the partition holds.
    let s = h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .clone();
    assert_ne!(s.status.current_revision, s.status.update_revision);
    assert_eq!(s.status.updated_replicas, 1);
}

#[test]
fn r4_10_r4_6_on_delete_updates_only_deleted_pods_and_never_completes() {
    let mut h = Harness::new(12);
    let mut v = web(2, "OrderedReady");
    v["spec"]["updateStrategy"] = serde_json::json!({"type": "OnDelete"});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(SimDuration::secs(120), 2);
    h.set_image("registry.k8s.io/nginx-slim:0.24");
    h.advance(SimDuration::secs(60));
    assert!(
        h.image_of("web-1").ends_with("0.21"),
        "OnDelete: no automatic replacement"
    );
    let uid = h.uid("web-1");
    h.delete(Kind::Pod, "web-1", DeleteOptions::default());
    h.until(MIN, "web-1 back", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    assert!(h.image_of("web-1").ends_with("0.24"));
    let s = h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .clone();
    assert_ne!(s.status.current_revision, s.status.update_revision);
}

#[test]
fn r4_13_broken_image_stalls_and_rollback_needs_a_delete() {
    let mut h = Harness::web_ready(13, 3, "OrderedReady");
    h.set_image("registry.k8s.io/nginx-slim:does-not-exist");
    h.advance(SimDuration::secs(120));
    let p = h.pod("web-2").unwrap();
    let cols = ordinal::engine::kubelet::pod_columns(&p, h.now());
    assert!(
        cols.status == "ImagePullBackOff" || cols.status == "ErrImagePull",
        "{cols:?}"
    );
    assert!(
        h.image_of("web-1").ends_with("0.21"),
        "the rollout stops at the broken Pod"
    );
    // Reverting the template alone does not replace the stuck Pod (R4.13).
    h.set_image("registry.k8s.io/nginx-slim:0.21");
    h.advance(SimDuration::secs(120));
    assert!(h.image_of("web-2").ends_with("does-not-exist"));
    h.delete(Kind::Pod, "web-2", DeleteOptions::default());
    h.until(SimDuration::secs(120), "web-2 healthy again", |e| {
        e.store().pods.get("default", "web-2").is_some_and(|p| {
            p.is_running_and_ready() && p.spec.containers[0].image.ends_with("0.21")
        })
    });
}

#[test]
fn r4_3_rollback_reuses_the_old_revision_with_a_new_number() {
    let mut h = Harness::web_ready(14, 1, "OrderedReady");
    let first = h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .status
        .update_revision
        .clone();
    h.set_image("registry.k8s.io/nginx-slim:0.24");
    h.until(SimDuration::secs(120), "updated", |e| {
        e.store().pods.get("default", "web-0").is_some_and(|p| {
            p.spec.containers[0].image.ends_with("0.24") && p.is_running_and_ready()
        })
    });
    h.set_image("registry.k8s.io/nginx-slim:0.21");
    h.until(SimDuration::secs(120), "rolled back", |e| {
        e.store().pods.get("default", "web-0").is_some_and(|p| {
            p.spec.containers[0].image.ends_with("0.21") && p.is_running_and_ready()
        })
    });
    let s = h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .clone();
    assert_eq!(s.status.update_revision, first);
    let revs: Vec<(String, i64)> = h
        .engine
        .store()
        .revisions
        .in_namespace("default")
        .map(|r| (r.metadata.name.to_string(), r.revision))
        .collect();
    assert_eq!(revs.len(), 2);
    assert!(revs.contains(&(first, 3)), "{revs:?}");
}

#[test]
fn r3_13_lost_node_pods_are_not_replaced_until_force_deleted() {
    let mut h = Harness::web_ready(15, 3, "OrderedReady");
    let node = h.pod("web-1").unwrap().spec.node_name.clone();
    h.engine.inject(Fault::NodeDown(node.to_string())).unwrap();
    h.advance(SimDuration::secs(60));
    assert!(!h.engine.store().nodes.get("", &node).unwrap().is_ready());
    assert!(
        !h.pod("web-1").unwrap().is_ready(),
        "marked not ready by the node lifecycle controller"
    );
    h.advance(SimDuration::secs(330));
    let p = h.pod("web-1").unwrap();
    assert!(
        p.metadata.is_terminating(),
        "evicted after 300s of unreachable toleration"
    );
    // Taint-based eviction sets no NodeLost reason (only the legacy
    // DeletePods path did, gone since 1.27), so kubectl's printer shows
    // Terminating, not Unknown; READY keeps the silent kubelet's 1/1.
    let cols = ordinal::engine::kubelet::pod_columns(&p, h.now());
    assert_eq!(
        (cols.status.as_str(), cols.ready.as_str()),
        ("Terminating", "1/1")
    );
    assert_eq!(p.status.reason.as_str(), "");
    h.advance(SimDuration::secs(120));
    assert!(
        h.pod("web-1").unwrap().metadata.is_terminating(),
        "stuck: the kubelet cannot confirm"
    );
    h.delete(
        Kind::Pod,
        "web-1",
        DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        },
    );
    assert!(h.pod("web-1").is_none_or(|p| !p.metadata.is_terminating()));
    // The replacement is pinned to the lost node by its local volume (R6.8, §12.13).
    h.advance(SimDuration::secs(30));
    let p = h.pod("web-1").unwrap();
    assert!(
        p.spec.node_name.is_empty(),
        "cannot schedule while the volume's node is down"
    );
    h.engine.inject(Fault::NodeUp(node.to_string())).unwrap();
    h.until(SimDuration::secs(180), "web-1 back on its node", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.is_running_and_ready())
    });
    assert_eq!(h.pod("web-1").unwrap().spec.node_name, node);
}

/// The kubelet events about one Pod, by reason.
fn kubelet_reasons(h: &Harness, pod: &str) -> Vec<String> {
    h.engine
        .store()
        .events
        .iter()
        .filter(|ev| ev.involved_object.name == pod && ev.source.component == "kubelet")
        .map(|ev| ev.reason.to_string())
        .collect()
}

#[test]
fn r11_5_a_kubelet_cut_off_stops_an_evicted_pod_only_when_its_node_returns() {
    let mut h = Harness::web_ready(15, 3, "OrderedReady");
    let node = h.pod("web-1").unwrap().spec.node_name.clone();
    h.engine.inject(Fault::NodeDown(node.to_string())).unwrap();
    // Past the node's grace period and the 300 s unreachable toleration.
    h.advance(SimDuration::secs(400));
    let evicted = h.pod("web-1").unwrap();
    assert!(
        evicted.metadata.is_terminating(),
        "evicted by the taint manager"
    );
    // The silent kubelet never saw the deletion, so it has said nothing.
    assert!(
        !kubelet_reasons(&h, "web-1").contains(&"Killing".to_string()),
        "{:?}",
        kubelet_reasons(&h, "web-1")
    );
    h.engine.inject(Fault::NodeUp(node.to_string())).unwrap();
    h.advance(SimDuration::secs(1));
    // Back in touch, it stops the containers and says so, then the Pod
    // goes and the controller makes a new one with the same name.
    assert!(
        kubelet_reasons(&h, "web-1").contains(&"Killing".to_string()),
        "{:?}",
        kubelet_reasons(&h, "web-1")
    );
    h.until(SimDuration::secs(120), "web-1 replaced", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.metadata.uid != evicted.metadata.uid && p.is_running_and_ready())
    });
}

#[test]
fn r6_11_when_scaled_delete_removes_claims_on_scale_down_and_gives_fresh_volumes() {
    let mut h = Harness::new(16);
    let mut v = web(3, "OrderedReady");
    v["spec"]["persistentVolumeClaimRetentionPolicy"] =
        serde_json::json!({"whenDeleted": "Retain", "whenScaled": "Delete"});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(SimDuration::secs(120), 3);
    h.engine
        .container_write(
            "default",
            "web-2",
            "nginx",
            "/usr/share/nginx/html/index.html",
            "web-2\n",
            false,
        )
        .unwrap();
    h.scale(2);
    h.until(MIN, "claim of web-2 gone", |e| {
        e.store().pvcs.get("default", "www-web-2").is_none()
    });
    assert!(h.engine.store().pvcs.get("default", "www-web-1").is_some());
    h.scale(3);
    h.until(SimDuration::secs(120), "web-2 back", |e| {
        e.store()
            .pods
            .get("default", "web-2")
            .is_some_and(|p| p.is_running_and_ready())
    });
    assert!(
        h.engine
            .container_read(
                "default",
                "web-2",
                "nginx",
                "/usr/share/nginx/html/index.html"
            )
            .is_err(),
        "a fresh, empty volume"
    );
}

#[test]
fn r6_11_scaling_back_up_before_the_stale_claim_is_gone_waits_for_the_resync() {
    for policy in ["OrderedReady", "Parallel"] {
        let mut h = Harness::new(18);
        let mut v = web(3, policy);
        v["spec"]["persistentVolumeClaimRetentionPolicy"] =
            serde_json::json!({"whenDeleted": "Retain", "whenScaled": "Delete"});
        h.create(Kind::Service, nginx_service());
        h.create(Kind::StatefulSet, v);
        h.until_web_ready(SimDuration::secs(120), 3);
        h.scale(2);
        // Back up while web-2 is still terminating: its claim is owned by
        // the old Pod, so the controller must not create the new one yet.
        h.advance(SimDuration::ms(500));
        assert!(h.engine.store().pvcs.get("default", "www-web-2").is_some());
        h.scale(3);
        let asked = h.now();
        h.until(MIN, "claim of web-2 gone", |e| {
            e.store().pvcs.get("default", "www-web-2").is_none()
        });
        // The claim's removal wakes nobody; the informer's 30 s resync
        // does, and then web-2 comes back with a fresh claim.
        h.until(SimDuration::secs(90), "web-2 back", |e| {
            e.store()
                .pods
                .get("default", "web-2")
                .is_some_and(|p| p.is_running_and_ready())
        });
        let created = h
            .pod("web-2")
            .unwrap()
            .metadata
            .creation_timestamp
            .unwrap()
            .sim();
        let tick = asked.next_tick(SimDuration::secs(30)).trunc_secs();
        assert!(
            created >= tick && created <= tick + SimDuration::secs(1),
            "{policy}: web-2 created at {created:?}, resync at {tick:?}"
        );
        assert!(h.engine.store().pvcs.get("default", "www-web-2").is_some());
    }
}

#[test]
fn r6_11_when_deleted_delete_removes_claims_with_the_set() {
    let mut h = Harness::new(17);
    let mut v = web(2, "Parallel");
    v["spec"]["persistentVolumeClaimRetentionPolicy"] =
        serde_json::json!({"whenDeleted": "Delete", "whenScaled": "Retain"});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(SimDuration::secs(120), 2);
    assert_eq!(
        h.engine
            .store()
            .pvcs
            .get("default", "www-web-0")
            .unwrap()
            .metadata
            .controller_ref()
            .unwrap()
            .kind,
        "StatefulSet"
    );
    h.delete(Kind::StatefulSet, "web", DeleteOptions::default());
    h.until(SimDuration::secs(120), "claims gone", |e| {
        e.store().pvcs.is_empty() && e.store().pods.in_namespace("default").next().is_none()
    });
    assert!(
        h.engine.store().pvs.is_empty(),
        "reclaim Delete removed the volumes"
    );
    assert!(
        h.engine.store().services.get("default", "nginx").is_some(),
        "R3.15: the Service stays"
    );
}

#[test]
fn r3_15_orphan_delete_keeps_pods_and_recreation_adopts_them() {
    let mut h = Harness::web_ready(18, 3, "OrderedReady");
    let uids: Vec<String> = ["web-0", "web-1", "web-2"]
        .iter()
        .map(|n| h.uid(n))
        .collect();
    h.delete(
        Kind::StatefulSet,
        "web",
        DeleteOptions {
            propagation: Propagation::Orphan,
            ..Default::default()
        },
    );
    h.advance(SimDuration::secs(5));
    assert!(h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .is_none());
    assert!(
        h.pod("web-0").unwrap().metadata.owner_references.is_empty(),
        "orphaned"
    );
    h.create(Kind::StatefulSet, web(2, "OrderedReady"));
    h.until(SimDuration::secs(120), "web-2 scaled away", |e| {
        e.store().pods.get("default", "web-2").is_none()
    });
    assert_eq!(h.uid("web-0"), uids[0], "adopted, not restarted");
    assert_eq!(h.uid("web-1"), uids[1]);
}

#[test]
fn r3_15_background_delete_removes_pods_concurrently() {
    let mut h = Harness::web_ready(19, 3, "OrderedReady");
    h.delete(Kind::StatefulSet, "web", DeleteOptions::default());
    // The garbage collector deletes all three at once, not one by one.
    h.until(SimDuration::secs(1), "GC started", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_none_or(|p| p.metadata.is_terminating())
    });
    let terminating = ["web-0", "web-1", "web-2"]
        .iter()
        .filter(|n| h.pod(n).is_none_or(|p| p.metadata.is_terminating()))
        .count();
    assert_eq!(terminating, 3);
    h.until(MIN, "all gone", |e| {
        e.store().pods.in_namespace("default").next().is_none()
    });
    assert_eq!(h.engine.store().pvcs.len(), 3, "claims stay (Retain)");
}

#[test]
fn r7_7_r8_3_dns_follows_readiness_and_terminating_pods_leave() {
    let mut h = Harness::web_ready(20, 2, "OrderedReady");
    let ip0 = h.pod("web-0").unwrap().status.pod_ip.to_string();
    let uid = h.uid("web-0");
    h.delete(Kind::Pod, "web-0", DeleteOptions::default());
    h.advance(SimDuration::ms(300));
    let ips = h
        .engine
        .resolve("default", "nginx", QType::A)
        .answer
        .addresses();
    assert!(!ips.contains(&ip0), "a terminating Pod leaves DNS at once");
    let r = h.engine.resolve("default", "web-0.nginx", QType::A);
    assert_eq!(r.answer.rcode, ordinal::engine::dns::Rcode::NxDomain);
    h.until(MIN, "back", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    h.advance(SimDuration::secs(1));
    let new_ip = h.pod("web-0").unwrap().status.pod_ip.clone();
    assert_ne!(
        new_ip, ip0,
        "R8.11/§12.18: a new Pod gets a new IP (with this seed)"
    );
    assert_eq!(
        h.engine
            .resolve("default", "web-0.nginx", QType::A)
            .answer
            .addresses(),
        vec![new_ip]
    );
}

#[test]
fn r8_13_search_list_and_short_names() {
    let h = Harness::web_ready(21, 1, "OrderedReady");
    let r = h.engine.resolve("default", "web-0.nginx.default", QType::A);
    assert_eq!(
        r.tried.len(),
        2,
        "first candidate is NXDOMAIN, the second answers"
    );
    assert!(r.answer.is_positive());
    let other = h.engine.resolve("kube-system", "web-0.nginx", QType::A);
    assert!(
        !other.answer.is_positive(),
        "short names only work inside the namespace"
    );
    let fq = h
        .engine
        .resolve("default", "web-0.nginx.default.svc.cluster.local", QType::A);
    assert_eq!(fq.tried.len(), 1, "5 dots: tried as-is first");
}

#[test]
fn r8_6_srv_records_name_each_pod() {
    let h = Harness::web_ready(22, 2, "OrderedReady");
    let a = h
        .engine
        .dns_query("_web._tcp.nginx.default.svc.cluster.local", QType::Srv);
    assert_eq!(a.answers.len(), 2);
    let lines: Vec<String> = a.answers.iter().map(|r| r.zone_line()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("0 50 80 web-0.nginx.default.svc.cluster.local.")),
        "{lines:?}"
    );
    assert_eq!(a.additional.len(), 2);
}

#[test]
fn r12_1_service_name_mismatch_gives_no_pod_names() {
    let mut h = Harness::new(23);
    let mut svc = nginx_service();
    svc["metadata"]["name"] = "nginx-headless".into();
    h.create(Kind::Service, svc);
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until(MIN, "ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.is_running_and_ready())
    });
    h.advance(SimDuration::secs(1));
    assert!(!h
        .engine
        .resolve("default", "web-0.nginx", QType::A)
        .answer
        .is_positive());
    assert!(!h
        .engine
        .resolve("default", "web-0.nginx-headless", QType::A)
        .answer
        .is_positive());
    assert_eq!(
        h.engine
            .resolve("default", "nginx-headless", QType::A)
            .answer
            .addresses()
            .len(),
        1
    );
}

#[test]
fn same_seed_same_events() {
    let run = |seed| {
        let mut h = Harness::web_ready(seed, 3, "OrderedReady");
        h.delete(Kind::Pod, "web-1", DeleteOptions::default());
        h.settle(SimDuration::secs(120));
        h.events
            .iter()
            .map(|e| format!("{} {}", e.at.as_ms(), e.describe()))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

/// R6.7: a claim whose StorageClass does not exist yet stays Pending; once
/// the class is created (the Cassandra tutorial's manifest lists it after
/// the StatefulSet) the claim is provisioned and bound, and the Pod runs.
#[test]
fn r6_7_claim_binds_once_its_storage_class_is_created_later() {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    let mut set = web(1, "OrderedReady");
    set["spec"]["volumeClaimTemplates"][0]["spec"]["storageClassName"] = "fast".into();
    h.create(Kind::StatefulSet, set);
    h.advance(SimDuration::secs(30));
    let claim = |h: &Harness| {
        h.engine
            .store()
            .pvcs
            .get("default", "www-web-0")
            .map(|c| c.status.phase.clone())
    };
    assert_eq!(claim(&h).as_deref(), Some("Pending"));
    h.create(
        Kind::StorageClass,
        serde_json::json!({
            "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": {"name": "fast"},
            "provisioner": "k8s.io/minikube-hostpath",
            "parameters": {"type": "pd-ssd"}
        }),
    );
    h.until(SimDuration::secs(120), "www-web-0 bound", |e| {
        e.store()
            .pvcs
            .get("default", "www-web-0")
            .is_some_and(|c| c.status.phase == "Bound")
    });
    h.until(SimDuration::secs(120), "web-0 ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.is_running_and_ready())
    });
}

/// R7.10: the legacy Endpoints object holds at most 1000 addresses
/// (`maxCapacity`) and says so with `endpoints.kubernetes.io/over-capacity:
/// truncated`; the EndpointSlices list every Pod. Scaled back under the
/// cap, the object is whole again and the annotation goes.
#[test]
fn r7_10_legacy_endpoints_truncate_at_1000_and_slices_do_not() {
    use ordinal::engine::objects::Object;
    use ordinal::engine::{Config, Engine, Limits};
    let mut e = Engine::new(Config {
        limits: Limits {
            max_replicas: 2_000,
            max_objects: 50_000,
            ..Default::default()
        },
        workers: 12,
        ..Default::default()
    });
    e.create(Object::from_value(Kind::Service, nginx_service()).unwrap())
        .unwrap();
    e.create(Object::from_value(Kind::StatefulSet, web(1005, "Parallel")).unwrap())
        .unwrap();
    let ready = |e: &Engine, n: i64| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.ready_replicas == n && s.status.replicas == n)
    };
    let run_until = |e: &mut Engine, n: i64| {
        while !ready(e, n) {
            assert!(e.step().is_some(), "stalled before {n} ready");
            while e.poll_event().is_some() {}
        }
        let t = e.now() + SimDuration::secs(2);
        e.advance_to(t);
        while e.poll_event().is_some() {}
    };
    run_until(&mut e, 1005);
    let ep = e.store().endpoints.get("default", "nginx").unwrap().clone();
    let listed: usize = ep
        .subsets
        .iter()
        .map(|s| s.addresses.len() + s.not_ready_addresses.len())
        .sum();
    assert_eq!(listed, 1000);
    assert_eq!(
        ep.metadata
            .annotations
            .get("endpoints.kubernetes.io/over-capacity")
            .map(|v| v.as_str()),
        Some("truncated")
    );
    // Sorted by IP as bytes, as LessEndpointAddress compares them.
    let ips: Vec<&str> = ep.subsets[0]
        .addresses
        .iter()
        .map(|a| a.ip.as_str())
        .collect();
    assert!(ips.windows(2).all(|w| w[0] < w[1]), "byte order");
    let in_slices: usize = e
        .store()
        .endpoint_slices
        .in_namespace("default")
        .filter(|s| of_nginx(s))
        .map(|s| s.endpoints.as_ref().map_or(0, Vec::len))
        .sum();
    assert_eq!(in_slices, 1005, "EndpointSlices are not truncated");

    let mut set = (**e.store().statefulsets.get("default", "web").unwrap()).clone();
    set.spec.replicas = Some(990);
    set.metadata.resource_version.clear();
    e.update(Object::StatefulSet(std::rc::Rc::new(set)))
        .unwrap();
    run_until(&mut e, 990);
    let ep = e.store().endpoints.get("default", "nginx").unwrap().clone();
    assert_eq!(ep.subsets[0].addresses.len(), 990);
    assert!(!ep
        .metadata
        .annotations
        .contains_key("endpoints.kubernetes.io/over-capacity"));
}

/// R7.10 with R7.4: the legacy Endpoints controller lists a Pod under the
/// Service ports it resolves (`podutil.FindPort`, skipped on a miss), so a
/// named targetPort no container declares leaves the Pod out of the
/// Endpoints object, while its EndpointSlice entry stays, without ports.
#[test]
fn r7_10_a_pod_without_the_named_target_port_is_not_in_the_endpoints_object() {
    let mut h = Harness::new(1);
    let mut svc = nginx_service();
    svc["spec"]["ports"][0]["targetPort"] = serde_json::json!("http");
    h.create(Kind::Service, svc);
    h.create(Kind::StatefulSet, web(2, "OrderedReady"));
    h.until_web_ready(SimDuration::secs(120), 2);
    h.settle(SimDuration::secs(30));
    let ep = h.engine.store().endpoints.get("default", "nginx").unwrap();
    assert!(ep.subsets.is_empty(), "{:?}", ep.subsets);
    let slice_endpoints: usize = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .filter(|s| of_nginx(s))
        .map(|s| {
            assert!(s.ports.as_ref().is_none_or(Vec::is_empty), "{:?}", s.ports);
            s.endpoints.as_ref().map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(slice_endpoints, 2);
    // Named as the container names its port, both Pods are listed.
    let mut svc = (**h.engine.store().services.get("default", "nginx").unwrap()).clone();
    svc.spec.ports[0].target_port = Some(ordinal::engine::objects::IntOrString::Str("web".into()));
    svc.metadata.resource_version.clear();
    h.engine
        .update(ordinal::engine::objects::Object::Service(std::rc::Rc::new(
            svc,
        )))
        .unwrap();
    h.settle(SimDuration::secs(30));
    let ep = h.engine.store().endpoints.get("default", "nginx").unwrap();
    assert_eq!(ep.subsets.len(), 1);
    assert_eq!(ep.subsets[0].addresses.len(), 2);
}

#[test]
fn r8_7_unknown_reverse_names_are_forwarded_not_answered_by_the_zone() {
    let h = Harness::web_ready(24, 1, "OrderedReady");
    let a = h.engine.dns_query("9.9.244.10.in-addr.arpa", QType::Ptr);
    assert_eq!(a.rcode, ordinal::engine::dns::Rcode::NxDomain);
    assert!(a.forwarded, "fallthrough in-addr.arpa hands it to forward");
    assert!(a.authority.is_empty(), "no cluster.local SOA");
    let ip0 = h.pod("web-0").unwrap().status.pod_ip.to_string();
    let rev = format!(
        "{}.in-addr.arpa",
        ip0.split('.').rev().collect::<Vec<_>>().join(".")
    );
    let a = h.engine.dns_query(&rev, QType::Ptr);
    assert!(a.is_positive() && !a.forwarded);
    // Not PTR: the plugin has no such name, so it is forwarded too.
    assert!(h.engine.dns_query(&rev, QType::A).forwarded);
    assert!(
        h.engine
            .dns_query("244.10.in-addr.arpa", QType::Ptr)
            .forwarded
    );
}

/// A headless Service with one unnamed port, selecting `web`.
fn unnamed_port_service(h: &mut Harness) {
    h.create(
        Kind::Service,
        serde_json::json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "un", "namespace": "default"},
            "spec": {"ports": [{"port": 80}], "clusterIP": "None", "selector": {"app": "nginx"}}
        }),
    );
    h.advance(SimDuration::secs(1));
}

#[test]
fn r8_6_plain_srv_query_lists_unnamed_ports_too() {
    let mut h = Harness::web_ready(25, 2, "OrderedReady");
    unnamed_port_service(&mut h);
    // CoreDNS matches every port when the name has no `_port._proto`
    // labels: one SRV record per ready endpoint, port 80, weight 100/2.
    let a = h
        .engine
        .dns_query("un.default.svc.cluster.local", QType::Srv);
    let lines: Vec<String> = a.answers.iter().map(|r| r.zone_line()).collect();
    // The Pods' subdomain is `nginx`, so the targets are their dashed
    // addresses (R8.4).
    let ip0 = h.pod("web-0").unwrap().status.pod_ip.to_string();
    let want = format!(
        "un.default.svc.cluster.local.\t30\tIN\tSRV\t0 50 80 {}.un.default.svc.cluster.local.",
        ip0.replace('.', "-")
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.contains(&want), "{lines:?}");
    assert_eq!(a.additional.len(), 2);
}

fn lines(a: &ordinal::engine::dns::Answer) -> Vec<String> {
    a.answers.iter().map(|r| r.zone_line()).collect()
}

/// R8.1, R8.5 (CoreDNS handler.go, ns.go): the zone apex answers SOA and NS
/// (the NS is the `kube-dns` Service, its address in the additional
/// section); `ns.dns.cluster.local`, the SOA's name server, has the DNS
/// Service's address; SOA anywhere below the apex is NODATA, existing name
/// or not.
#[test]
fn r8_5_zone_apex_soa_and_ns_and_the_soa_name_server() {
    use ordinal::engine::dns::Rcode;
    let h = Harness::web_ready(26, 1, "OrderedReady");
    let soa = h.engine.dns_query("cluster.local.", QType::Soa);
    assert_eq!(soa.rcode, Rcode::NoError);
    assert_eq!(soa.answers.len(), 1, "the SOA is the answer");
    assert!(lines(&soa)[0].starts_with(
        "cluster.local.\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. "
    ));
    assert!(soa.authority.is_empty());
    let ns = h.engine.dns_query("cluster.local", QType::Ns);
    assert_eq!(
        lines(&ns),
        vec!["cluster.local.\t30\tIN\tNS\tkube-dns.kube-system.svc.cluster.local."]
    );
    assert_eq!(
        ns.additional[0].zone_line(),
        "kube-dns.kube-system.svc.cluster.local.\t30\tIN\tA\t10.96.0.10"
    );
    let a = h.engine.dns_query("ns.dns.cluster.local", QType::A);
    assert_eq!(
        lines(&a),
        vec!["ns.dns.cluster.local.\t30\tIN\tA\t10.96.0.10"]
    );
    for name in [
        "web-0.nginx.default.svc.cluster.local",
        "web-9.nginx.default.svc.cluster.local",
    ] {
        let a = h.engine.dns_query(name, QType::Soa);
        assert_eq!((a.rcode, a.answers.len()), (Rcode::NoError, 0), "{name}");
    }
    // dns-version has only its TXT record: other types are not a name (NXDOMAIN).
    let a = h.engine.dns_query("dns-version.cluster.local", QType::A);
    assert_eq!(a.rcode, Rcode::NxDomain);
}

/// R8.9, R8.10 (CoreDNS findServices, backend_lookup.go): what a name
/// finds decides every type's answer the same way.
#[test]
fn r8_10_each_query_type_answers_from_what_the_name_finds() {
    use ordinal::engine::dns::Rcode;
    let mut h = Harness::web_ready(27, 2, "OrderedReady");
    for (name, target) in [
        ("ext", "example.com"),
        ("extin", "nginx.default.svc.cluster.local"),
    ] {
        h.create(
            Kind::Service,
            serde_json::json!({
                "apiVersion": "v1", "kind": "Service",
                "metadata": {"name": name, "namespace": "default"},
                "spec": {"type": "ExternalName", "externalName": target}
            }),
        );
    }
    h.advance(SimDuration::secs(1));
    let ip0 = h.pod("web-0").unwrap().status.pod_ip.to_string();
    let q = |n: &str, t| h.engine.dns_query(n, t);
    // ExternalName: a CNAME for A/AAAA/CNAME; a target in the zone is
    // followed; SRV and TXT are NODATA.
    let a = q("extin.default.svc.cluster.local", QType::A);
    let l = lines(&a);
    assert_eq!(l.len(), 3, "{l:?}");
    assert_eq!(
        l[0],
        "extin.default.svc.cluster.local.\t30\tIN\tCNAME\tnginx.default.svc.cluster.local."
    );
    assert!(l.contains(&format!(
        "nginx.default.svc.cluster.local.\t30\tIN\tA\t{ip0}"
    )));
    for t in [QType::Srv, QType::Txt, QType::Mx] {
        let a = q("ext.default.svc.cluster.local", t);
        assert_eq!((a.rcode, a.answers.len()), (Rcode::NoError, 0), "{t:?}");
    }
    assert_eq!(
        q("ext.default.svc.cluster.local", QType::Cname)
            .answers
            .len(),
        1
    );
    assert_eq!(
        q("web-0.ext.default.svc.cluster.local", QType::A).rcode,
        Rcode::NxDomain
    );
    // SRV for an endpoint's own name: its ports, itself as the target.
    let a = q("web-0.nginx.default.svc.cluster.local", QType::Srv);
    assert_eq!(
        lines(&a),
        vec!["web-0.nginx.default.svc.cluster.local.\t30\tIN\tSRV\t0 100 80 web-0.nginx.default.svc.cluster.local."]
    );
    // A for a `_port._proto` name: the addresses behind that port.
    let a = q("_web._tcp.nginx.default.svc.cluster.local", QType::A);
    assert_eq!(a.addresses().len(), 2);
    assert_eq!(
        q("_web._tcp.kubernetes.default.svc.cluster.local", QType::A).rcode,
        Rcode::NxDomain,
        "kubernetes' port is named https"
    );
    assert_eq!(
        q("_https._tcp.kubernetes.default.svc.cluster.local", QType::A).addresses(),
        vec!["10.96.0.1".to_string()]
    );
    // ANY is not answered record by record: NODATA for a name that exists.
    let a = q("nginx.default.svc.cluster.local", QType::Any);
    assert_eq!((a.rcode, a.answers.len()), (Rcode::NoError, 0));
    // TXT: NXDOMAIN unless the name has records (even a namespace's name).
    assert_eq!(
        q("default.svc.cluster.local", QType::Txt).rcode,
        Rcode::NxDomain
    );
    assert_eq!(
        q("default.svc.cluster.local", QType::A).rcode,
        Rcode::NoError
    );
    // Pod names: labels left of the address are ignored; Go's ParseIP
    // refuses leading zeros.
    assert_eq!(
        q("x.10-244-1-5.default.pod.cluster.local", QType::A).addresses(),
        vec!["10.244.1.5".to_string()]
    );
    assert_eq!(
        q("10-244-01-5.default.pod.cluster.local", QType::A).rcode,
        Rcode::NxDomain
    );
    // Only names under `.cluster.local` are the zone's.
    assert!(q("foocluster.local", QType::A).forwarded);
}

/// R8.10: matching is case-insensitive, and CoreDNS answers under the
/// name as asked (it keeps the question's case, the zone's in the SOA too).
#[test]
fn r8_10_any_case_matches_and_the_answer_keeps_the_question_s_case() {
    let h = Harness::web_ready(28, 1, "OrderedReady");
    let ip0 = h.pod("web-0").unwrap().status.pod_ip.to_string();
    let a = h
        .engine
        .dns_query("WEB-0.NGINX.Default.SVC.Cluster.Local", QType::A);
    assert_eq!(a.qname, "WEB-0.NGINX.Default.SVC.Cluster.Local.");
    assert_eq!(
        lines(&a),
        vec![format!(
            "WEB-0.NGINX.Default.SVC.Cluster.Local.\t30\tIN\tA\t{ip0}"
        )]
    );
    let r = h.engine.resolve("default", "Web-0.Nginx", QType::A);
    assert_eq!(r.answer.qname, "Web-0.Nginx.default.svc.cluster.local.");
    let n = h
        .engine
        .dns_query("WEB-9.NGINX.Default.SVC.Cluster.Local.", QType::A);
    assert!(n.authority[0].zone_line().starts_with(
        "Cluster.Local.\t30\tIN\tSOA\tns.dns.Cluster.Local. hostmaster.Cluster.Local. "
    ));
}

/// The `endpoints.kubernetes.io/last-change-trigger-time` annotation of an
/// object's metadata (R7.9).
fn trigger_time(m: &ordinal::engine::objects::ObjectMeta) -> Option<String> {
    m.annotations
        .get("endpoints.kubernetes.io/last-change-trigger-time")
        .map(|v| v.to_string())
}

fn ready_since(h: &Harness, pod: &str) -> String {
    h.pod(pod)
        .unwrap()
        .condition("Ready")
        .and_then(|c| c.last_transition_time)
        .unwrap()
        .sim()
        .rfc3339_nano()
}

#[test]
fn r7_9_placeholder_slice_and_endpoints_carry_the_service_creation_time() {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.settle(SimDuration::secs(10));
    let created = h
        .engine
        .store()
        .services
        .get("default", "nginx")
        .unwrap()
        .metadata
        .creation_timestamp
        .unwrap()
        .sim()
        .rfc3339_nano();
    let slices: Vec<_> = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .filter(|s| of_nginx(s))
        .cloned()
        .collect();
    assert_eq!(slices.len(), 1);
    assert!(slices[0].endpoints.is_none(), "the placeholder (R7.5)");
    // The first sync of a Service: `ComputeEndpointLastChangeTriggerTime`
    // returns its creationTimestamp, and the created placeholder gets it.
    assert_eq!(trigger_time(&slices[0].metadata), Some(created.clone()));
    let ep = h.engine.store().endpoints.get("default", "nginx").unwrap();
    assert_eq!(trigger_time(&ep.metadata), Some(created));
}

#[test]
fn r7_9_trigger_time_is_the_ready_transition_of_the_pod() {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.settle(SimDuration::secs(10));
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until(SimDuration::secs(120), "web-0 ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.is_ready())
    });
    h.settle(SimDuration::secs(10));
    let since = ready_since(&h, "web-0");
    let slice = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .find(|s| of_nginx(s))
        .cloned()
        .unwrap();
    assert_eq!(slice.endpoints.as_ref().map(Vec::len), Some(1));
    assert_eq!(trigger_time(&slice.metadata), Some(since.clone()));
    let ep = h.engine.store().endpoints.get("default", "nginx").unwrap();
    assert_eq!(trigger_time(&ep.metadata), Some(since));
}

#[test]
fn r7_9_slices_not_written_keep_their_trigger_time() {
    let mut h = Harness::new(1);
    // Two Service ports: `web` Pods resolve the first, `db` Pods (whose
    // port is named `other`) the second, so each group has its own slice.
    let mut svc = nginx_service();
    svc["spec"]["ports"] = serde_json::json!([
        {"port": 80, "name": "a-web", "targetPort": "web"},
        {"port": 81, "name": "b-other", "targetPort": "other"}
    ]);
    h.create(Kind::Service, svc);
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until(SimDuration::secs(120), "web-0 ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.is_ready())
    });
    h.settle(SimDuration::secs(10));
    let first = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .find(|s| of_nginx(s))
        .cloned()
        .unwrap();
    let web_since = ready_since(&h, "web-0");
    assert_eq!(trigger_time(&first.metadata), Some(web_since.clone()));

    h.advance(SimDuration::secs(5));
    let mut db = web(1, "OrderedReady");
    db["metadata"]["name"] = "db".into();
    db["spec"]["selector"]["matchLabels"]["role"] = "db".into();
    db["spec"]["template"]["metadata"]["labels"]["role"] = "db".into();
    db["spec"]["template"]["spec"]["containers"][0]["ports"][0]["name"] = "other".into();
    h.create(Kind::StatefulSet, db);
    h.until(SimDuration::secs(120), "db-0 ready", |e| {
        e.store()
            .pods
            .get("default", "db-0")
            .is_some_and(|p| p.is_ready())
    });
    h.settle(SimDuration::secs(10));
    let db_since = ready_since(&h, "db-0");
    assert_ne!(db_since, web_since);
    let slices: Vec<_> = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .filter(|s| of_nginx(s))
        .cloned()
        .collect();
    assert_eq!(slices.len(), 2);
    let same = slices
        .iter()
        .find(|s| s.metadata.name == first.metadata.name)
        .unwrap();
    assert_eq!(
        same.metadata.resource_version, first.metadata.resource_version,
        "the web slice was not written"
    );
    assert_eq!(trigger_time(&same.metadata), Some(web_since));
    let other = slices
        .iter()
        .find(|s| s.metadata.name != first.metadata.name)
        .unwrap();
    assert_eq!(trigger_time(&other.metadata), Some(db_since.clone()));
    // The Endpoints object was rewritten for db-0 too.
    let ep = h.engine.store().endpoints.get("default", "nginx").unwrap();
    assert_eq!(trigger_time(&ep.metadata), Some(db_since));
}

/// Whether a slice is one of the nginx Service's (the API server keeps its
/// own `kubernetes` slice in `default` too).
fn of_nginx(s: &ordinal::engine::objects::service::EndpointSlice) -> bool {
    s.metadata
        .labels
        .get("kubernetes.io/service-name")
        .is_some_and(|v| v.as_str() == "nginx")
}
