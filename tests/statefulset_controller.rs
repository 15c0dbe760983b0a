//! The StatefulSet controller against the behaviour its upstream unit tests
//! pin down (pkg/controller/statefulset/*_test.go), each test named after
//! the rule of `kubernetes-behaviour.md` it checks.

use std::rc::Rc;

use ordinal::engine::objects::{Kind, Object, OwnerReference};
use ordinal::engine::SimDuration;

use crate::support::console::run;
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

/// `web` (1 replica, the given retention policy) up and Ready.
fn web_with_policy(seed: u64, when_deleted: &str, when_scaled: &str) -> Harness {
    let mut h = Harness::new(seed);
    let mut v = web(1, "OrderedReady");
    v["spec"]["persistentVolumeClaimRetentionPolicy"] =
        serde_json::json!({"whenDeleted": when_deleted, "whenScaled": when_scaled});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until(SimDuration::secs(120), "web-0 ready", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.ready_replicas == 1)
    });
    h
}

fn claim_refs(h: &Harness, claim: &str) -> Vec<OwnerReference> {
    h.engine
        .store()
        .pvcs
        .get("default", claim)
        .expect("claim exists")
        .metadata
        .owner_references
        .clone()
}

fn set_claim_refs(h: &mut Harness, claim: &str, refs: Vec<OwnerReference>) {
    let mut c = (**h.engine.store().pvcs.get("default", claim).unwrap()).clone();
    c.metadata.owner_references = refs;
    c.metadata.resource_version.clear();
    h.engine
        .update(Object::PersistentVolumeClaim(Rc::new(c)))
        .expect("claim updated");
    h.check();
}

/// Claim changes do not wake the controller (R3.1): a change of the set's
/// metadata does.
fn resync(h: &mut Harness) {
    let at = format!("{:?}", h.now());
    h.edit_set(|s| {
        s.metadata.annotations.insert("resync".into(), at.into());
    });
    h.advance(SimDuration::secs(2));
}

fn events(h: &Harness, reason: &str) -> Vec<String> {
    h.engine
        .store()
        .events
        .iter()
        .filter(|ev| ev.reason == reason)
        .map(|ev| ev.message.to_string())
        .collect()
}

/// `isClaimOwnerUpToDate` (TestClaimOwnerUpToDateEdgeCases, "non-controller
/// causes policy mismatch"): a reference to the set that is not a
/// controller reference is replaced by one that is.
#[test]
fn r6_10_a_non_controller_reference_to_the_set_becomes_a_controller_reference() {
    let mut h = web_with_policy(610, "Delete", "Retain");
    let mut refs = claim_refs(&h, "www-web-0");
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].controller, Some(true));
    refs[0].controller = None;
    refs[0].block_owner_deletion = None;
    set_claim_refs(&mut h, "www-web-0", refs);
    resync(&mut h);
    let refs = claim_refs(&h, "www-web-0");
    assert_eq!(refs.len(), 1, "{refs:?}");
    assert_eq!(refs[0].kind, "StatefulSet");
    assert_eq!(refs[0].controller, Some(true), "{refs:?}");
    assert_eq!(refs[0].block_owner_deletion, Some(true), "{refs:?}");
    assert!(
        events(&h, "SuccessfulUpdate")
            .contains(&"update Pod web-0 in StatefulSet web successful".to_string()),
        "the repair is reported as an update of the Pod"
    );
}

/// `isClaimOwnerUpToDate` / `updateClaimOwnerRefForSetAndPod`
/// (TestClaimOwnerUpToDateEdgeCases "unexpected controller causes policy
/// mismatch", TestUpdateClaimOwnerRefForSetAndPod "unexpected controller"):
/// when another object controls the claim, the set's own references are
/// scrubbed, none is added, and a ConflictingController event says why.
#[test]
fn r6_11_another_controller_makes_the_set_remove_its_own_claim_references() {
    let mut h = web_with_policy(611, "Delete", "Retain");
    let keeper = h.create(
        Kind::ConfigMap,
        serde_json::json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "keeper", "namespace": "default"}
        }),
    );
    let mut refs = claim_refs(&h, "www-web-0");
    refs[0].controller = Some(false);
    refs.push(OwnerReference::controller(
        "v1",
        "ConfigMap",
        "keeper",
        &keeper.meta().uid,
    ));
    set_claim_refs(&mut h, "www-web-0", refs);
    resync(&mut h);
    let refs = claim_refs(&h, "www-web-0");
    assert_eq!(refs.len(), 1, "{refs:?}");
    assert_eq!(refs[0].kind, "ConfigMap", "{refs:?}");
    assert_eq!(
        events(&h, "ConflictingController"),
        vec!["PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim".to_string()]
    );
}

const APPLY_ANNOTATED: &str = r#"kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  annotations: {team: storage}
spec:
  serviceName: nginx
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: registry.k8s.io/nginx-slim:0.21}]}
EOF"#;

/// `newRevision` (stateful_set_utils.go) copies every annotation of the set
/// into the ControllerRevision, kubectl's last-applied-configuration too.
#[test]
fn r4_2_a_revision_carries_every_annotation_of_the_set() {
    let mut c = ordinal::console::Console::new(42);
    let (code, out, err) = run(&mut c, APPLY_ANNOTATED);
    assert_eq!(code, 0, "{out}{err}");
    run(&mut c, "sim advance 5s");
    let (_, out, _) = run(
        &mut c,
        "kubectl get controllerrevisions -o jsonpath='{.items[0].metadata.annotations}'",
    );
    let annotations: serde_json::Value = serde_json::from_str(&out).expect(&out);
    assert_eq!(annotations["team"], "storage");
    let applied = annotations["kubectl.kubernetes.io/last-applied-configuration"]
        .as_str()
        .unwrap_or_else(|| panic!("no last-applied-configuration: {out}"));
    assert!(applied.contains("\"name\":\"web\""), "{applied}");
}

/// `inconsistentStatus` (stateful_set_utils.go): the controller writes its
/// status only when a count or revision differs or the observed generation
/// grew, so a larger observedGeneration written through the status
/// subresource stays until the next real change (R5.10).
#[test]
fn r5_10_status_is_not_rewritten_for_a_smaller_observed_generation() {
    let mut c = ordinal::console::Console::new(510);
    let (code, out, err) = run(&mut c, APPLY_ANNOTATED);
    assert_eq!(code, 0, "{out}{err}");
    run(&mut c, "sim settle");
    let (code, out, err) = run(
        &mut c,
        r#"kubectl patch sts web --subresource=status --type=merge -p '{"status":{"observedGeneration":7}}'"#,
    );
    assert_eq!(code, 0, "{out}{err}");
    run(&mut c, "sim advance 10s");
    let observed = |c: &mut ordinal::console::Console| {
        run(
            c,
            "kubectl get sts web -o jsonpath='{.metadata.generation} {.status.observedGeneration} {.status.readyReplicas}'",
        )
        .1
    };
    assert_eq!(observed(&mut c), "1 7 1");
    // A count changes: the whole status is written again.
    run(&mut c, "kubectl scale sts web --replicas=2");
    run(&mut c, "sim settle");
    assert_eq!(observed(&mut c), "2 2 2");
}
