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
    h.until_web_ready(SimDuration::secs(120), 1);
    let old = status(&h).current_revision;
    // Accepted by the StatefulSet's validation, refused for the Pod: the
    // image-whitespace rule is for Pods only (templates may carry a blank
    // image); the rest of the template is validated since 1.34 (R9.7).
    h.edit_set(|s| {
        s.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.24 ".into()
    });
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
    h.until_web_ready(SimDuration::secs(120), 1);
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

fn revisions(h: &Harness) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = h
        .engine
        .store()
        .revisions
        .in_namespace("default")
        .map(|r| (r.metadata.name.to_string(), r.revision))
        .collect();
    v.sort_by_key(|r| r.1);
    v
}

fn revision_of(h: &Harness, pod: &str) -> String {
    h.pod(pod)
        .and_then(|p| p.metadata.labels.get("controller-revision-hash").cloned())
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// `truncateHistory` (TestStatefulSetHonorRevisionHistoryLimit,
/// TestStatefulSetControlLimitsHistory): the current and update revisions
/// and every revision a Pod still runs are live; of the others only
/// `revisionHistoryLimit` stay, the lowest revision numbers go first.
#[test]
fn r4_14_history_keeps_live_revisions_and_the_newest_others() {
    let mut h = Harness::new(414);
    let mut v = web(3, "OrderedReady");
    v["spec"]["revisionHistoryLimit"] = serde_json::json!(1);
    v["spec"]["updateStrategy"] =
        serde_json::json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2}});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(SimDuration::secs(120), 3);
    let first = revision_of(&h, "web-0");
    for tag in ["0.22", "0.23", "0.24", "0.25"] {
        h.set_image(&format!("registry.k8s.io/nginx-slim:{tag}"));
        h.until(SimDuration::secs(120), "web-2 updated", |e| {
            e.store().pods.get("default", "web-2").is_some_and(|p| {
                p.is_running_and_ready() && p.spec.containers[0].image.ends_with(tag)
            })
        });
        h.advance(SimDuration::secs(2));
    }
    // Revisions 1 (current, and web-0, web-1 run it) and 5 (update, web-2)
    // are live; of 2, 3 and 4 only the newest one is kept.
    let names: Vec<i64> = revisions(&h).iter().map(|r| r.1).collect();
    assert_eq!(names, [1, 4, 5], "{:?}", revisions(&h));
    assert_eq!(revisions(&h)[0].0, first);
    assert_eq!(status(&h).current_revision, first);
}

/// `CreateControllerRevision` (controller_history.go) on a name taken by a
/// revision with other content: `status.collisionCount` goes up and the
/// name is hashed again with it (R4.2, R5.8).
#[test]
fn r5_8_a_taken_revision_name_raises_the_collision_count() {
    use ordinal::engine::controller::statefulset::revision;
    let mut h = Harness::new(58);
    h.create(Kind::Service, nginx_service());
    // The name the set's first revision would get, taken by another one.
    let mut probe = Harness::new(58);
    probe.create(Kind::StatefulSet, web(1, "OrderedReady"));
    let stored = probe
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .clone();
    let data = revision::revision_data(&stored);
    let taken = revision::revision_name("web", &revision::hash(&data, Some(0)));
    h.create(
        Kind::ControllerRevision,
        serde_json::json!({
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": taken, "namespace": "default", "labels": {"other": "x"}},
            "data": {"spec": {"template": {"metadata": {"labels": {"other": "x"}}}}},
            "revision": 1
        }),
    );
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until_web_ready(SimDuration::secs(120), 1);
    let s = status(&h);
    assert_eq!(s.collision_count, Some(1));
    let expected = revision::revision_name("web", &revision::hash(&data, Some(1)));
    assert_eq!(s.update_revision, expected);
    assert_ne!(s.update_revision, taken);
    assert_eq!(revision_of(&h, "web-0"), expected);
}

/// TestStatefulSetControlRollingUpdateWithMaxUnavailable (OrderedReady):
/// with `maxUnavailable: 2` and `partition: 3`, the two highest Pods are
/// deleted together, the next one only once they are back and Available,
/// and the Pods below the partition keep the old template (R4.11, R4.12).
#[test]
fn r4_12_ordered_max_unavailable_deletes_two_at_a_time_down_to_the_partition() {
    let mut h = Harness::new(412);
    let mut v = web(6, "OrderedReady");
    v["spec"]["updateStrategy"] = serde_json::json!(
        {"type": "RollingUpdate", "rollingUpdate": {"partition": 3, "maxUnavailable": 2}});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(SimDuration::secs(300), 6);
    let uids: Vec<String> = (0..6).map(|i| h.uid(&format!("web-{i}"))).collect();
    h.set_image("registry.k8s.io/nginx-slim:0.24");
    h.advance(SimDuration::ms(500));
    let replaced = |h: &Harness, i: usize| {
        h.uid(&format!("web-{i}")) != uids[i]
            || h.pod(&format!("web-{i}"))
                .is_some_and(|p| p.metadata.is_terminating())
    };
    assert!(
        replaced(&h, 5) && replaced(&h, 4),
        "web-5 and web-4 go together"
    );
    assert!(!replaced(&h, 3), "web-3 waits for them");
    h.until(SimDuration::secs(300), "rolled out", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.updated_replicas == 3 && s.status.ready_replicas == 6)
    });
    for i in 0..6 {
        let tag = if i < 3 { "0.21" } else { "0.24" };
        assert!(h.image_of(&format!("web-{i}")).ends_with(tag), "web-{i}");
    }
}

/// TestStatefulSetControlRollingUpdateWithMaxUnavailableAndUnavailableStalePod
/// ("Parallel/5 replicas maxUnavailable=3: 2 lower-ordinal unavailable pods
/// deleted first, 1 good pod from the top"): in Parallel, old Pods that are
/// down anyway are replaced first, then Available ones from the highest
/// ordinal within what is left of the budget (R4.12).
#[test]
fn r4_12_parallel_replaces_unavailable_old_pods_first() {
    use ordinal::engine::faults::{Fault, ProbeKind};
    let mut h = Harness::new(4121);
    let mut v = crate::support::web_with_probe(5, "Parallel");
    v["spec"]["updateStrategy"] =
        serde_json::json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 3}});
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(SimDuration::secs(300), 5);
    for p in ["web-0", "web-1"] {
        h.engine
            .inject(Fault::FailProbe {
                pod: ("default".into(), p.into()),
                probe: ProbeKind::Readiness,
            })
            .expect("fault");
    }
    h.until_web_ready(SimDuration::secs(120), 3);
    let uids: Vec<String> = (0..5).map(|i| h.uid(&format!("web-{i}"))).collect();
    h.set_image("registry.k8s.io/nginx-slim:0.24");
    h.advance(SimDuration::ms(500));
    let replaced: Vec<usize> = (0..5)
        .filter(|&i| {
            h.uid(&format!("web-{i}")) != uids[i]
                || h.pod(&format!("web-{i}"))
                    .is_some_and(|p| p.metadata.is_terminating())
        })
        .collect();
    assert_eq!(replaced, [0, 1, 4]);
}

/// `statefulSetResyncPeriod`: the set informer hands every set back to the
/// controller every 30 s, so what no event reports is repaired within
/// 30 s: a ControllerRevision deleted by hand is made again, and a claim's
/// owner reference removed by hand is put back (R6.10), with no change to
/// the set itself.
#[test]
fn r3_1_the_periodic_resync_repairs_what_no_event_reports() {
    let mut h = web_with_policy(3101, "Delete", "Retain");
    let revisions = |h: &Harness| -> Vec<String> {
        h.engine
            .store()
            .revisions
            .in_namespace("default")
            .map(|r| r.metadata.name.to_string())
            .collect()
    };
    let before = revisions(&h);
    assert_eq!(before.len(), 1, "{before:?}");
    h.engine
        .delete(
            Kind::ControllerRevision,
            "default",
            &before[0],
            &Default::default(),
        )
        .expect("revision deleted");
    set_claim_refs(&mut h, "www-web-0", Vec::new());
    h.advance(SimDuration::secs(1));
    assert!(revisions(&h).is_empty(), "nothing wakes the set at once");
    assert!(claim_refs(&h, "www-web-0").is_empty());
    h.advance(SimDuration::secs(30));
    assert_eq!(revisions(&h), before, "the same template, the same name");
    let refs = claim_refs(&h, "www-web-0");
    assert_eq!(refs.len(), 1, "{refs:?}");
    assert_eq!(refs[0].kind, "StatefulSet");
    assert_eq!(refs[0].controller, Some(true));
}
