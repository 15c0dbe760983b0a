//! The StatefulSet controller against the behaviour its upstream unit tests
//! pin down (pkg/controller/statefulset/*_test.go), each test named after
//! the rule of `kubernetes-behaviour.md` it checks.

use ordinal::engine::objects::Kind;
use ordinal::engine::SimDuration;

use crate::support::{nginx_service, web, Harness};

fn status(h: &Harness) -> ordinal::engine::objects::StatefulSetStatus {
    h.engine
        .store()
        .statefulsets
        .get("default", "web")
        .expect("web exists")
        .status
        .clone()
}

/// `completeRollingUpdate` (stateful_set_utils.go) completes a rollout only
/// when updated, ready and existing replicas all equal `spec.replicas`: a
/// Pod that cannot be created keeps the old revision current.
#[test]
fn r4_6_a_rollout_whose_pod_cannot_be_created_never_completes() {
    let mut h = Harness::new(46);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until(SimDuration::secs(120), "web-0 ready", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.ready_replicas == 1)
    });
    let old = status(&h).current_revision;
    // Accepted by the StatefulSet's validation, refused for the Pod (R9.7).
    h.edit_set(|s| s.spec.template.spec.containers[0].name = "BAD_NAME".into());
    h.advance(SimDuration::secs(60));
    assert!(h.pod("web-0").is_none(), "the new Pod is refused");
    let s = status(&h);
    assert_ne!(s.update_revision, old);
    assert_eq!(s.replicas, 0);
    assert_eq!(s.updated_replicas, 0);
    assert_eq!(
        s.current_revision, old,
        "0 of 1 replicas updated: the rollout is not complete"
    );
}

/// `updateStatefulSet` picks the first *unavailable* Pod (`isUnavailable`:
/// not Available after `minReadySeconds`, or terminating), and a condemned
/// Pod that is that first one is deleted without waiting to become
/// Available: a Pod Ready for less than `minReadySeconds` goes at once.
#[test]
fn r3_6_a_condemned_pod_not_yet_available_is_deleted_at_once() {
    let mut h = Harness::new(36);
    let mut v = web(3, "OrderedReady");
    v["spec"]["minReadySeconds"] = serde_json::json!(30);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until(SimDuration::secs(300), "3 available", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.available_replicas == 3)
    });
    h.scale(4);
    h.until(SimDuration::secs(120), "web-3 ready", |e| {
        e.store()
            .pods
            .get("default", "web-3")
            .is_some_and(|p| p.is_running_and_ready())
    });
    h.scale(3);
    h.advance(SimDuration::secs(5));
    assert!(
        h.pod("web-3").is_none_or(|p| p.metadata.is_terminating()),
        "web-3, Ready for less than minReadySeconds, is scaled down without waiting"
    );
}
