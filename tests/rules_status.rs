//! The StatefulSet's revisions and status fields (R4.4, R4.5, R5.1–R5.7,
//! R5.11), `kubectl rollout history|restart` (R4.16, R4.17), the rows a
//! Pod watch shows (R11.2), availability timing (R11.4) and the default
//! latencies (R11.7), each test named after its rule.
//!
//! The status tests follow the API server's change log: every version of
//! `web` and of its Pods, in the order they were stored. The counts they
//! expect are computed here from the rules' definitions over the Pods as
//! stored, never with the engine's own helpers.

use std::collections::BTreeMap;
use std::rc::Rc;

use ordinal::console::Console;
use ordinal::engine::objects::{Kind, Object, Pod, StatefulSet, StatefulSetStatus};
use ordinal::engine::store::ChangeOp;
use ordinal::engine::{DeleteOptions, SimDuration, SimTime};
use serde_json::json;

use crate::support::console::run;
use crate::support::{nginx_service, web, Harness};

const POLICIES: [&str; 2] = ["OrderedReady", "Parallel"];
const HASH_LABEL: &str = "controller-revision-hash";
const OLD_IMAGE: &str = "registry.k8s.io/nginx-slim:0.21";
const NEW_IMAGE: &str = "registry.k8s.io/nginx-slim:0.24";

fn set(h: &Harness) -> Rc<StatefulSet> {
    h.engine
        .store()
        .statefulsets
        .get("default", "web")
        .cloned()
        .expect("web exists")
}

fn is_web_pod(p: &Pod) -> bool {
    p.metadata.name.starts_with("web-") && p.metadata.namespace == "default"
}

fn ordinal_of(p: &Pod) -> i64 {
    p.metadata.name["web-".len()..].parse().unwrap_or(-1)
}

fn hash_of(p: &Pod) -> String {
    p.metadata
        .labels
        .get(HASH_LABEL)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn ready_since(p: &Pod) -> Option<SimTime> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .map(|c| c.last_transition_time.expect("a Ready time").sim())
}

/// The five counts of §5.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    replicas: i64,
    ready: i64,
    available: i64,
    current: i64,
    updated: i64,
}

fn counts_of(s: &StatefulSetStatus) -> Counts {
    Counts {
        replicas: s.replicas,
        ready: s.ready_replicas,
        available: s.available_replicas,
        current: s.current_replicas,
        updated: s.updated_replicas,
    }
}

/// The counts as R5.2–R5.6 define them, over `pods`, for the revisions
/// `status` names, at `now`.
fn expected<'a>(
    pods: impl Iterator<Item = &'a Rc<Pod>>,
    status: &StatefulSetStatus,
    min_ready_seconds: u64,
    now: SimTime,
) -> Counts {
    let mut c = Counts::default();
    for p in pods {
        // R5.2: created = the Pod has a phase.
        let created = !p.status.phase.is_empty();
        let terminating = p.metadata.deletion_timestamp.is_some();
        if created {
            c.replicas += 1;
        }
        // R5.3: Running and Ready, terminating or not.
        if let Some(since) = ready_since(p).filter(|_| p.status.phase == "Running") {
            c.ready += 1;
            // R5.4: Ready for at least minReadySeconds.
            if now.saturating_sub(since) >= SimDuration::secs(min_ready_seconds) {
                c.available += 1;
            }
        }
        // R5.5, R5.6: created, not terminating, by revision.
        if created && !terminating {
            let h = hash_of(p);
            if h == status.current_revision {
                c.current += 1;
            }
            if h == status.update_revision {
                c.updated += 1;
            }
        }
    }
    c
}

/// One version of `web` the controller wrote status into, with the Pods
/// of `web` as the log held them right then.
struct Write {
    at: SimTime,
    set: Rc<StatefulSet>,
    pods: BTreeMap<String, Rc<Pod>>,
}

/// Follows the change log of the API server while the test steps the
/// engine.
struct Follow {
    rv: u64,
    /// The Pods of `web` as the log says they are now.
    pods: BTreeMap<String, Rc<Pod>>,
    last_set: Option<Rc<StatefulSet>>,
    /// Every write that changed `web`'s status, in order.
    writes: Vec<Write>,
    /// Pod versions in log order, with when they were stored.
    pod_log: Vec<(SimTime, ChangeOp, Rc<Pod>)>,
    last_pod_change: SimTime,
}

impl Follow {
    fn new(h: &Harness) -> Self {
        let mut f = Follow {
            rv: h.engine.store().resource_version(),
            pods: BTreeMap::new(),
            last_set: h.engine.store().statefulsets.get("default", "web").cloned(),
            writes: Vec::new(),
            pod_log: Vec::new(),
            last_pod_change: h.now(),
        };
        for p in h.engine.store().pods.in_namespace("default") {
            if is_web_pod(p) {
                f.pods.insert(p.metadata.name.to_string(), p.clone());
            }
        }
        f
    }

    /// Takes what the log gained since the last call (all of it stored at
    /// the current instant).
    fn take(&mut self, h: &Harness) {
        let store = h.engine.store();
        assert!(
            store.oldest_logged() <= self.rv + 1,
            "the change log dropped changes the test did not see"
        );
        let now = h.now();
        for c in store.changes_since(self.rv) {
            match &c.object {
                Object::Pod(p) if is_web_pod(p) => {
                    self.last_pod_change = now;
                    self.pod_log.push((now, c.op, p.clone()));
                    if c.op == ChangeOp::Deleted {
                        self.pods.remove(p.metadata.name.as_str());
                    } else {
                        self.pods.insert(p.metadata.name.to_string(), p.clone());
                    }
                }
                Object::StatefulSet(s) if s.metadata.name == "web" => {
                    if c.op == ChangeOp::Modified
                        && self.last_set.as_ref().is_some_and(|l| l.status != s.status)
                    {
                        self.writes.push(Write {
                            at: now,
                            set: s.clone(),
                            pods: self.pods.clone(),
                        });
                    }
                    self.last_set = Some(s.clone());
                }
                _ => {}
            }
        }
        self.rv = store.resource_version();
    }

    /// Moves on to the next wakeup, or, when a Pod of `web` changed less
    /// than 100 ms ago and nothing is due before, to 100 ms after that
    /// change: the controller has reacted by then (R11.7: at most 60 ms
    /// here) and nothing changed since. False when nothing is pending.
    fn tick(&mut self, h: &mut Harness) -> bool {
        let probe = self.last_pod_change + SimDuration::ms(100);
        let next = h.engine.next_wakeup();
        if h.now() < probe && next.is_none_or(|t| t > probe) {
            h.engine.advance_to(probe);
            h.check();
        } else if !h.step() {
            return false;
        }
        self.take(h);
        true
    }

    /// Like `tick`, but never past `until`, and to `until` when nothing
    /// is due before.
    fn tick_until(&mut self, h: &mut Harness, until: SimTime) {
        let probe = self.last_pod_change + SimDuration::ms(100);
        let next = h.engine.next_wakeup();
        if next.is_some_and(|t| t <= until) || (h.now() < probe && probe <= until) {
            self.tick(h);
        } else {
            h.engine.advance_to(until);
            h.check();
            self.take(h);
        }
    }

    /// Whether the controller has synced since the last change of a Pod
    /// of `web`, and nothing changed since.
    fn settled(&self, h: &Harness) -> bool {
        h.now().saturating_sub(self.last_pod_change) >= SimDuration::ms(100)
    }

    /// Ticks until `done`, calling `each` at every tick.
    fn run(
        &mut self,
        h: &mut Harness,
        limit: SimDuration,
        what: &str,
        mut each: impl FnMut(&Harness, &Follow),
        done: impl Fn(&Harness) -> bool,
    ) {
        let deadline = h.now() + limit;
        while !done(h) {
            assert!(
                h.now() <= deadline,
                "{what}: not reached within {limit} (now {:?})",
                h.now()
            );
            assert!(self.tick(h), "{what}: nothing pending");
            each(h, self);
        }
    }

    /// Ticks for `d`, calling `each` at every tick.
    fn run_for(
        &mut self,
        h: &mut Harness,
        d: SimDuration,
        mut each: impl FnMut(&Harness, &Follow),
    ) {
        let until = h.now() + d;
        while h.now() < until {
            self.tick_until(h, until);
            each(h, self);
        }
    }
}

/// At a settled moment, every count the status holds is what R5.2–R5.6
/// define over the Pods as they are (minReadySeconds 0: available =
/// ready).
fn assert_counts_settled(h: &Harness, f: &Follow, what: &str) {
    if !f.settled(h) {
        return;
    }
    let s = set(h);
    if s.status.observed_generation != s.metadata.generation {
        return;
    }
    let want = expected(f.pods.values(), &s.status, 0, h.now());
    assert_eq!(
        counts_of(&s.status),
        want,
        "{what} at {:?}: pods {:?}",
        h.now(),
        f.pods
            .values()
            .map(|p| (
                p.metadata.name.to_string(),
                p.status.phase.to_string(),
                ready_since(p).is_some(),
                p.metadata.is_terminating(),
                hash_of(p)
            ))
            .collect::<Vec<_>>()
    );
}

/// `web` with `minReadySeconds`.
fn web_min_ready(replicas: i64, policy: &str, min_ready_seconds: u64) -> serde_json::Value {
    let mut v = web(replicas, policy);
    v["spec"]["minReadySeconds"] = json!(min_ready_seconds);
    v
}

fn template_image(h: &Harness, revision: &str) -> String {
    let r = h
        .engine
        .store()
        .revisions
        .get("default", revision)
        .cloned()
        .unwrap_or_else(|| panic!("revision {revision} exists"));
    r.data
        .pointer("/spec/template/spec/containers/0/image")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// A change of the set's metadata: the controller syncs (ControllerRevision
/// changes do not wake it, R3.1).
fn resync(h: &mut Harness, f: &mut Follow) {
    let at = format!("{:?}", h.now());
    h.edit_set(|s| {
        s.metadata.annotations.insert("resync".into(), at.into());
    });
    f.take(h);
    f.run_for(h, SimDuration::secs(1), |_, _| {});
}

// --- R4.4, R4.5 -----------------------------------------------------------

/// R4.4: on the first sync `status.currentRevision` is empty and the
/// current revision is the update revision; later it is the revision the
/// status names while that ControllerRevision exists — and once it is
/// gone, the update revision again, for the counts and for the Pods the
/// controller creates (R4.9).
#[test]
fn r4_4_current_revision_is_the_named_one_while_it_exists_else_the_update_revision() {
    for policy in POLICIES {
        let mut h = Harness::new(44);
        h.create(Kind::Service, nginx_service());
        let mut f = Follow::new(&h);
        let mut v = web(3, policy);
        v["spec"]["updateStrategy"] =
            json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2}});
        h.create(Kind::StatefulSet, v);
        f.take(&h);
        let first = &f.writes.first().expect("the first sync writes status").set;
        let revisions: Vec<String> = h
            .engine
            .store()
            .revisions
            .in_namespace("default")
            .map(|r| r.metadata.name.to_string())
            .collect();
        assert_eq!(revisions.len(), 1, "{policy}");
        assert_eq!(first.status.current_revision, revisions[0], "{policy}");
        assert_eq!(first.status.update_revision, revisions[0], "{policy}");
        f.run(
            &mut h,
            SimDuration::secs(300),
            "3 ready",
            |_, _| {},
            |h| h.all_ready(3),
        );
        let old = set(&h).status.current_revision.clone();

        // A canary: the partition keeps web-0 and web-1 old, so the
        // rollout never completes and the old revision stays current.
        h.set_image(NEW_IMAGE);
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(120),
            "web-2 updated",
            |_, _| {},
            |h| h.ready("web-2") && h.image_of("web-2") == NEW_IMAGE,
        );
        f.run_for(&mut h, SimDuration::secs(1), |_, _| {});
        let s = set(&h).status.clone();
        assert_eq!(
            s.current_revision, old,
            "{policy}: the named revision exists"
        );
        assert_ne!(s.update_revision, old, "{policy}");
        assert_eq!((s.current_replicas, s.updated_replicas), (2, 1), "{policy}");
        let new = s.update_revision.clone();

        // The revision the status names is deleted by hand.
        h.delete(Kind::ControllerRevision, &old, DeleteOptions::default());
        f.take(&h);
        resync(&mut h, &mut f);
        let s = set(&h).status.clone();
        assert_eq!(
            s.current_revision, new,
            "{policy}: falls back to the update revision"
        );
        assert_eq!(s.update_revision, new, "{policy}");
        assert_eq!(
            (s.replicas, s.current_replicas, s.updated_replicas),
            (3, 1, 1),
            "{policy}: only web-2 runs the revision now current"
        );
        // Below the partition a Pod is made from the current revision
        // (R4.9), which is now the new template.
        let uid = h.uid("web-0");
        h.delete(Kind::Pod, "web-0", DeleteOptions::default());
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(120),
            "web-0 back",
            |_, _| {},
            |h| h.ready("web-0") && h.uid("web-0") != uid,
        );
        assert_eq!(h.image_of("web-0"), NEW_IMAGE, "{policy}");
        assert_eq!(h.image_of("web-1"), OLD_IMAGE, "{policy}");
    }
}

/// R4.5: `updateRevision` holds the current template and `currentRevision`
/// the template of the Pods not yet updated; while the update runs every
/// Pod is at one of the two, and when no update is in progress they are
/// the same revision.
#[test]
fn r4_5_update_revision_is_the_template_and_current_revision_the_old_pods() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(45, 3, policy);
        let s = set(&h).status.clone();
        assert_eq!(s.current_revision, s.update_revision, "{policy}: steady");
        assert_eq!(template_image(&h, &s.update_revision), OLD_IMAGE);
        let old = s.update_revision.clone();
        let mut f = Follow::new(&h);
        h.set_image(NEW_IMAGE);
        f.take(&h);
        let mut in_progress = 0;
        f.run(
            &mut h,
            SimDuration::secs(300),
            "rollout complete",
            |h, _| {
                let s = set(h).status.clone();
                if s.current_revision == s.update_revision {
                    return;
                }
                in_progress += 1;
                assert_eq!(s.current_revision, old, "{policy}");
                assert_eq!(template_image(h, &s.current_revision), OLD_IMAGE);
                assert_eq!(template_image(h, &s.update_revision), NEW_IMAGE);
                for p in h.engine.set_pods("default", "web") {
                    let rev = hash_of(&p);
                    let image = p.spec.containers[0].image.to_string();
                    if rev == s.current_revision {
                        assert_eq!(image, OLD_IMAGE, "{policy} {}", p.metadata.name);
                    } else {
                        assert_eq!(rev, s.update_revision, "{policy} {}", p.metadata.name);
                        assert_eq!(image, NEW_IMAGE, "{policy} {}", p.metadata.name);
                    }
                }
            },
            |h| {
                let s = set(h);
                h.all_ready(3) && s.status.current_revision == s.status.update_revision
            },
        );
        assert!(in_progress > 0, "{policy}");
        let s = set(&h).status.clone();
        assert_ne!(s.update_revision, old, "{policy}");
        assert_eq!(template_image(&h, &s.current_revision), NEW_IMAGE);
        for p in h.engine.set_pods("default", "web") {
            assert_eq!(hash_of(&p), s.update_revision, "{policy}");
        }
    }
}

// --- R4.16, R4.17 ---------------------------------------------------------

fn console_with_web() -> Console {
    let mut c = Console::new(1);
    let (code, out, err) = run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml && kubectl rollout status sts/web",
    );
    assert_eq!(code, 0, "{out}{err}");
    c
}

/// R4.16: `kubectl rollout history` lists the set's ControllerRevisions by
/// their `revision` number (after a rollback renumbers one, in the new
/// order), with the `kubernetes.io/change-cause` annotation each revision
/// copied from the set when it was made, or `<none>`; the layout is
/// kubectl's `printHistory` under the name printer.
#[test]
fn r4_16_rollout_history_lists_revisions_by_number_with_their_change_cause() {
    let mut c = console_with_web();
    let (code, out, _) = run(&mut c, "kubectl rollout history sts/web");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n"
    );
    // The cause is set on the set first; the revision the next template
    // change makes copies it.
    run(
        &mut c,
        "kubectl annotate sts web kubernetes.io/change-cause='image 0.24'",
    );
    let (code, out, err) = run(
        &mut c,
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24 && kubectl rollout status sts/web",
    );
    assert_eq!(code, 0, "{out}{err}");
    let (_, out, _) = run(&mut c, "kubectl rollout history sts/web");
    assert_eq!(
        out,
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image 0.24\n\n"
    );
    // Undo: revision 1's template comes back and that revision is
    // renumbered 3 (R4.3); it keeps the annotations it was made with.
    let (code, out, err) = run(
        &mut c,
        "kubectl rollout undo sts/web && kubectl rollout status sts/web",
    );
    assert_eq!(code, 0, "{out}{err}");
    let (_, out, _) = run(&mut c, "kubectl rollout history sts/web");
    assert_eq!(
        out,
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         image 0.24\n3         <none>\n\n"
    );
    // The numbers are the ControllerRevisions' own.
    let mut stored: Vec<(i64, String)> = c
        .engine()
        .store()
        .revisions
        .in_namespace("default")
        .map(|r| {
            let cause = r.metadata.annotations.get("kubernetes.io/change-cause");
            (r.revision, cause.map(|v| v.to_string()).unwrap_or_default())
        })
        .collect();
    stored.sort();
    assert_eq!(stored, [(2, "image 0.24".to_string()), (3, String::new())]);
}

/// R4.17: `kubectl rollout restart` stamps the template with
/// `kubectl.kubernetes.io/restartedAt` (the RFC 3339 time of the command),
/// which makes a new revision and an ordinary rolling update (highest
/// ordinal first, one at a time); `rollout pause` and `resume` are not
/// supported for StatefulSets.
#[test]
fn r4_17_rollout_restart_stamps_the_template_and_rolls_the_pods() {
    let mut c = console_with_web();
    let before: Vec<String> = ["web-0", "web-1"]
        .iter()
        .map(|n| {
            c.engine()
                .store()
                .pods
                .get("default", n)
                .unwrap()
                .metadata
                .uid
                .to_string()
        })
        .collect();
    let at = c.engine().now().rfc3339();
    let (code, out, err) = run(&mut c, "kubectl rollout restart sts/web");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "statefulset.apps/web restarted\n", "")
    );
    let s = c
        .engine()
        .store()
        .statefulsets
        .get("default", "web")
        .cloned()
        .unwrap();
    assert_eq!(
        s.spec
            .template
            .metadata
            .annotations
            .get("kubectl.kubernetes.io/restartedAt")
            .map(|v| v.to_string()),
        Some(at.clone())
    );
    assert!(
        at.ends_with('Z') && at.len() == "2026-01-05T09:00:00Z".len(),
        "{at}"
    );
    let revisions: Vec<i64> = c
        .engine()
        .store()
        .revisions
        .in_namespace("default")
        .map(|r| r.revision)
        .collect();
    assert_eq!(revisions.len(), 2, "a new revision");
    assert!(revisions.contains(&2));
    let (code, out, err) = run(&mut c, "kubectl rollout status sts/web");
    assert_eq!(code, 0, "{out}{err}");
    // One at a time, highest first: web-1's replacement was Ready before
    // web-0 went.
    let deletes: Vec<String> = c
        .engine()
        .store()
        .events
        .iter()
        .filter(|e| e.reason == "SuccessfulDelete")
        .map(|e| e.message.to_string())
        .collect();
    assert_eq!(
        deletes,
        [
            "delete Pod web-1 in StatefulSet web successful",
            "delete Pod web-0 in StatefulSet web successful"
        ]
    );
    for (i, n) in ["web-0", "web-1"].iter().enumerate() {
        let p = c.engine().store().pods.get("default", n).cloned().unwrap();
        assert_ne!(p.metadata.uid.to_string(), before[i], "{n} was recreated");
        assert_eq!(
            p.metadata
                .annotations
                .get("kubectl.kubernetes.io/restartedAt")
                .map(|v| v.to_string()),
            Some(at.clone()),
            "{n}"
        );
    }
    for (verb, ing) in [("pause", "pausing"), ("resume", "resuming")] {
        let (code, out, err) = run(&mut c, &format!("kubectl rollout {verb} sts/web"));
        assert_eq!(code, 1, "{verb}");
        assert_eq!(out, "", "{verb}");
        assert_eq!(
            err,
            format!("error: statefulsets.apps \"web\" {ing} is not supported\n"),
            "{verb}"
        );
    }
}

// --- R5.1 – R5.7 ----------------------------------------------------------

/// R5.1: every status the controller writes carries the generation of the
/// set it synced; a spec change (a scale) raises the generation and the
/// next status write observes it, a metadata change does neither.
#[test]
fn r5_1_observed_generation_is_the_generation_of_the_synced_set() {
    for policy in POLICIES {
        let mut h = Harness::new(51);
        h.create(Kind::Service, nginx_service());
        let mut f = Follow::new(&h);
        h.create(Kind::StatefulSet, web(2, policy));
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "2 ready",
            |_, _| {},
            |h| h.all_ready(2),
        );
        assert_eq!(f.writes[0].set.status.observed_generation, 1, "{policy}");
        h.scale(3);
        f.take(&h);
        assert_eq!(set(&h).metadata.generation, 2);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "3 ready",
            |_, _| {},
            |h| h.all_ready(3),
        );
        h.edit_set(|s| {
            s.metadata.labels.insert("tier".into(), "web".into());
        });
        f.take(&h);
        assert_eq!(set(&h).metadata.generation, 2, "metadata is not spec");
        h.set_image(NEW_IMAGE);
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "rolled",
            |_, _| {},
            |h| {
                let s = set(h);
                h.all_ready(3) && s.status.current_revision == s.status.update_revision
            },
        );
        let mut seen = Vec::new();
        for w in &f.writes {
            assert_eq!(
                w.set.status.observed_generation, w.set.metadata.generation,
                "{policy} at {:?}",
                w.at
            );
            if seen.last() != Some(&w.set.status.observed_generation) {
                seen.push(w.set.status.observed_generation);
            }
        }
        assert_eq!(seen, [1, 2, 3], "{policy}");
    }
}

/// R5.2: `replicas` counts every created Pod of the set — Pods being
/// deleted and condemned Pods included — so during a scale-down it
/// exceeds `spec.replicas`; it is serialized even when 0.
#[test]
fn r5_2_replicas_count_created_pods_including_terminating_and_condemned() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(52, 3, policy);
        let mut f = Follow::new(&h);
        h.scale(1);
        f.take(&h);
        let mut above_spec = 0;
        let mut terminating_counted = false;
        let mut condemned_counted = false;
        f.run(
            &mut h,
            SimDuration::secs(120),
            "scaled down to 1",
            |h, f| {
                assert_counts_settled(h, f, policy);
                if !f.settled(h) {
                    return;
                }
                let s = set(h);
                if s.status.replicas > 1 {
                    above_spec += 1;
                }
                for p in f.pods.values().filter(|p| ordinal_of(p) >= 1) {
                    if p.metadata.is_terminating() {
                        terminating_counted = true;
                    } else {
                        condemned_counted = true;
                    }
                }
            },
            |h| h.pods() == ["web-0"] && set(h).status.replicas == 1,
        );
        assert!(above_spec > 0, "{policy}: replicas exceeded spec.replicas");
        assert!(
            terminating_counted,
            "{policy}: a terminating Pod was counted"
        );
        if policy == "OrderedReady" {
            // web-1 waits, condemned, while web-2 terminates (R3.9).
            assert!(condemned_counted, "{policy}: a condemned Pod was counted");
        }
        h.scale(0);
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(120),
            "scaled down to 0",
            |h, f| assert_counts_settled(h, f, policy),
            |h| h.pods().is_empty() && set(h).status.replicas == 0,
        );
        let v = serde_json::to_value(&*set(&h)).unwrap();
        assert_eq!(v["status"]["replicas"], json!(0), "{policy}: {v}");
        assert!(v["status"].get("readyReplicas").is_none(), "{policy}: {v}");
    }
}

/// The first status write whose snapshot of the Pods satisfies `pred`.
fn first_write(f: &Follow, pred: impl Fn(&BTreeMap<String, Rc<Pod>>) -> bool) -> &Write {
    f.writes
        .iter()
        .find(|w| pred(&w.pods))
        .expect("such a status write")
}

/// R5.2 with the preamble of §5: the counts are taken over the Pods as the
/// sync found them (`updateStatus` over the informer's copies). The Pods
/// a sync creates are the objects it built, without a phase, so they are
/// not "created" for that sync's status: the status written with them is
/// counted without them, and the next sync (queued by that status write,
/// or by their creation) counts them. The same holds for every policy.
#[test]
fn r5_2_a_pod_is_counted_by_the_sync_after_the_one_that_created_it() {
    for (policy, created) in [("OrderedReady", 1), ("Parallel", 3)] {
        let mut h = Harness::new(521);
        h.create(Kind::Service, nginx_service());
        let mut f = Follow::new(&h);
        h.create(Kind::StatefulSet, web(3, policy));
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(2),
            "first Pods",
            |_, _| {},
            |h| h.pods().len() >= created && h.now() > SimTime(500),
        );
        let first = &f.writes[0];
        assert_eq!(
            first.pods.len(),
            created,
            "{policy}: the first sync created them"
        );
        assert_eq!(
            counts_of(&first.set.status),
            Counts::default(),
            "{policy}: …and counted none"
        );
        let next = &f.writes[1];
        assert_eq!(
            (
                next.set.status.replicas,
                next.set.status.current_replicas,
                next.set.status.updated_replicas
            ),
            (created as i64, created as i64, created as i64),
            "{policy}"
        );
    }
}

/// R5.3: `readyReplicas` counts the Pods that are Running with a Ready
/// condition True — a Pod being deleted counts while it is still Ready
/// (here a preStop hook keeps it running for 5 s), a running Pod whose
/// readiness probe fails does not.
#[test]
fn r5_3_ready_replicas_count_running_ready_pods_terminating_or_not() {
    for policy in POLICIES {
        let mut h = Harness::new(53);
        h.create(Kind::Service, nginx_service());
        let mut v = web(3, policy);
        v["spec"]["template"]["spec"]["containers"][0]["lifecycle"] =
            json!({"preStop": {"exec": {"command": ["sleep", "5"]}}});
        v["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] =
            json!({"httpGet": {"path": "/", "port": 80}, "periodSeconds": 1});
        h.create(Kind::StatefulSet, v);
        let mut f = Follow::new(&h);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "3 ready",
            |_, _| {},
            |h| h.all_ready(3),
        );
        h.scale(2);
        f.take(&h);
        let mut terminating_ready = 0;
        f.run(
            &mut h,
            SimDuration::secs(60),
            "web-2 gone",
            |h, f| {
                assert_counts_settled(h, f, policy);
                if f.settled(h)
                    && h.pod("web-2")
                        .is_some_and(|p| p.metadata.is_terminating() && p.is_running_and_ready())
                {
                    terminating_ready += 1;
                    assert_eq!(set(h).status.ready_replicas, 3, "{policy}");
                    assert_eq!(set(h).status.replicas, 3, "{policy}");
                }
            },
            |h| h.pod("web-2").is_none(),
        );
        assert!(
            terminating_ready > 0,
            "{policy}: web-2 was seen terminating and Ready"
        );
        // Readiness fails on web-0: Running, not Ready, not counted.
        h.engine
            .inject(ordinal::engine::faults::Fault::FailProbe {
                pod: ("default".into(), "web-0".into()),
                probe: ordinal::engine::faults::ProbeKind::Readiness,
            })
            .unwrap();
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(60),
            "web-0 unready",
            |h, f| assert_counts_settled(h, f, policy),
            |h| {
                h.pod("web-0")
                    .is_some_and(|p| p.status.phase == "Running" && !p.is_ready())
            },
        );
        f.run_for(&mut h, SimDuration::secs(1), |h, f| {
            assert_counts_settled(h, f, policy)
        });
        let s = set(&h).status.clone();
        assert_eq!(
            (s.replicas, s.ready_replicas, s.available_replicas),
            (2, 1, 1),
            "{policy}"
        );
    }
}

/// R5.4 (and R11.4): `availableReplicas` counts the Ready Pods whose Ready
/// condition has been True for at least `minReadySeconds`: no status ever
/// counts a Pod sooner, and each is counted once the controller syncs
/// after that moment (R3.2's re-queue).
#[test]
fn r5_4_available_replicas_count_pods_ready_for_min_ready_seconds() {
    const MRS: u64 = 10;
    for policy in POLICIES {
        let mut h = Harness::new(54);
        h.create(Kind::Service, nginx_service());
        let mut f = Follow::new(&h);
        h.create(Kind::StatefulSet, web_min_ready(3, policy, MRS));
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(600),
            "3 available",
            |_, _| {},
            |h| set(h).status.available_replicas == 3,
        );
        let mut ready_not_available = 0;
        for w in &f.writes {
            let available = expected(w.pods.values(), &w.set.status, MRS, w.at).available;
            assert!(
                w.set.status.available_replicas <= available,
                "{policy} at {:?}: {} counted, {available} ready for {MRS}s",
                w.at,
                w.set.status.available_replicas
            );
            if w.set.status.ready_replicas > w.set.status.available_replicas {
                ready_not_available += 1;
            }
        }
        assert!(ready_not_available > 0, "{policy}: Ready before Available");
        // Each Pod became Available in a write no later than one re-queue
        // period after it crossed the line.
        for n in ["web-0", "web-1", "web-2"] {
            let since = ready_since(&h.pod(n).unwrap()).unwrap();
            let line = since + SimDuration::secs(MRS);
            let counted = f
                .writes
                .iter()
                .find(|w| {
                    w.at >= line
                        && w.set.status.available_replicas
                            >= expected(w.pods.values(), &w.set.status, MRS, w.at).available
                })
                .map(|w| w.at)
                .expect("counted");
            assert!(
                counted.saturating_sub(line) <= SimDuration::secs(MRS + 1),
                "{policy} {n}: available at {counted:?}, line {line:?}"
            );
        }
    }
}

/// R5.5: `currentReplicas` counts the created, non-terminating Pods at
/// `currentRevision`; the sync whose update step deletes a Pod reports one
/// less at once; when the rollout completes it is `updatedReplicas`. A Pod
/// being deleted for a scale-down is no longer counted either.
#[test]
fn r5_5_current_replicas_count_only_non_terminating_pods_at_current_revision() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(55, 3, policy);
        let mut f = Follow::new(&h);
        h.set_image(NEW_IMAGE);
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "rolled",
            |h, f| assert_counts_settled(h, f, policy),
            |h| {
                let s = set(h);
                h.all_ready(3) && s.status.current_revision == s.status.update_revision
            },
        );
        // The writes of the syncs that deleted a Pod for the update: the
        // first status write after the Pod got its deletion timestamp.
        let mut at_deletion = Vec::new();
        for (t, op, p) in &f.pod_log {
            if *op != ChangeOp::Modified || !p.metadata.is_terminating() {
                continue;
            }
            let first = f
                .pod_log
                .iter()
                .find(|(_, _, q)| q.metadata.uid == p.metadata.uid && q.metadata.is_terminating())
                .map(|(_, _, q)| Rc::ptr_eq(q, p));
            if first != Some(true) {
                continue;
            }
            let w = f
                .writes
                .iter()
                .find(|w| {
                    w.at == *t
                        && w.pods.get(p.metadata.name.as_str()).is_some_and(|q| {
                            q.metadata.uid == p.metadata.uid && q.metadata.is_terminating()
                        })
                })
                .expect("the deleting sync wrote status");
            at_deletion.push((
                p.metadata.name.to_string(),
                w.set.status.current_replicas,
                w.set.status.updated_replicas,
                w.set.status.replicas,
            ));
        }
        assert_eq!(
            at_deletion,
            [
                ("web-2".to_string(), 2, 0, 3),
                ("web-1".to_string(), 1, 1, 3),
                ("web-0".to_string(), 0, 2, 3),
            ],
            "{policy}"
        );
        let s = set(&h).status.clone();
        assert_eq!((s.current_replicas, s.updated_replicas), (3, 3), "{policy}");

        // Scale-down: the sync that deletes web-2 counted it as it found
        // it (still current), the next one no longer does.
        let mut f = Follow::new(&h);
        h.scale(2);
        f.take(&h);
        let deleting = first_write(&f, |pods| pods["web-2"].metadata.is_terminating());
        assert_eq!(deleting.set.status.observed_generation, 3, "{policy}");
        assert_eq!(
            (
                deleting.set.status.replicas,
                deleting.set.status.current_replicas
            ),
            (3, 3),
            "{policy}: as the deleting sync found the Pods"
        );
        let mut seen = false;
        f.run(
            &mut h,
            SimDuration::secs(60),
            "web-2 gone",
            |h, f| {
                assert_counts_settled(h, f, policy);
                if f.settled(h) && h.pod("web-2").is_some_and(|p| p.metadata.is_terminating()) {
                    seen = true;
                    let s = set(h).status.clone();
                    assert_eq!((s.replicas, s.current_replicas), (3, 2), "{policy}");
                }
            },
            |h| h.pod("web-2").is_none(),
        );
        assert!(seen, "{policy}");
    }
}

/// R5.6: `updatedReplicas` counts the created, non-terminating Pods at
/// `updateRevision`: a recreated Pod counts from its creation, a Pod of
/// the update revision being deleted does not.
#[test]
fn r5_6_updated_replicas_count_only_non_terminating_pods_at_update_revision() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(56, 3, policy);
        let mut f = Follow::new(&h);
        h.set_image(NEW_IMAGE);
        f.take(&h);
        let mut pending_counted = false;
        f.run(
            &mut h,
            SimDuration::secs(300),
            "rolled",
            |h, f| {
                assert_counts_settled(h, f, policy);
                if f.settled(h)
                    && h.pod("web-2").is_some_and(|p| {
                        p.status.phase == "Pending" && hash_of(&p) == set(h).status.update_revision
                    })
                {
                    pending_counted = true;
                    assert_eq!(set(h).status.updated_replicas, 1, "{policy}");
                }
            },
            |h| {
                let s = set(h);
                h.all_ready(3) && s.status.current_revision == s.status.update_revision
            },
        );
        assert!(pending_counted, "{policy}: the Pending replacement counted");
        // A Pod of the update revision deleted by hand.
        let mut f = Follow::new(&h);
        h.delete(Kind::Pod, "web-1", DeleteOptions::default());
        f.take(&h);
        let mut seen = false;
        let uid = h.uid("web-1");
        f.run(
            &mut h,
            SimDuration::secs(120),
            "web-1 back",
            |h, f| {
                assert_counts_settled(h, f, policy);
                if f.settled(h) && h.pod("web-1").is_some_and(|p| p.metadata.is_terminating()) {
                    seen = true;
                    let s = set(h).status.clone();
                    assert_eq!((s.replicas, s.updated_replicas), (3, 2), "{policy}");
                }
            },
            |h| h.ready("web-1") && h.uid("web-1") != uid,
        );
        assert!(seen, "{policy}");
    }
}

/// R5.7: `currentRevision` and `updateRevision` are the names of the set's
/// ControllerRevisions (`web-<hash>`, the hash also their
/// `controller.kubernetes.io/hash` label), the values the Pods carry in
/// `controller-revision-hash`.
#[test]
fn r5_7_revision_fields_name_the_sets_controller_revisions() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(57, 3, policy);
        let mut f = Follow::new(&h);
        h.set_image(NEW_IMAGE);
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "rolled",
            |_, _| {},
            |h| {
                let s = set(h);
                h.all_ready(3) && s.status.current_revision == s.status.update_revision
            },
        );
        let uid = set(&h).metadata.uid.to_string();
        let revisions: BTreeMap<String, String> = h
            .engine
            .store()
            .revisions
            .in_namespace("default")
            .filter(|r| r.metadata.controller_ref().is_some_and(|o| o.uid == uid))
            .map(|r| {
                (
                    r.metadata.name.to_string(),
                    r.metadata
                        .labels
                        .get("controller.kubernetes.io/hash")
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(revisions.len(), 2, "{policy}: {revisions:?}");
        for (name, hash) in &revisions {
            assert_eq!(name, &format!("web-{hash}"), "{policy}");
            assert!(
                !hash.is_empty()
                    && hash
                        .chars()
                        .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)),
                "{policy}: {hash}"
            );
        }
        let mut both = 0;
        for w in &f.writes {
            let s = &w.set.status;
            assert!(
                revisions.contains_key(&s.current_revision),
                "{policy}: {s:?}"
            );
            assert!(
                revisions.contains_key(&s.update_revision),
                "{policy}: {s:?}"
            );
            if s.current_revision != s.update_revision {
                both += 1;
            }
            for p in w.pods.values() {
                let h = hash_of(p);
                assert!(revisions.contains_key(&h), "{policy}: {h}");
            }
        }
        assert!(both > 0, "{policy}");
    }
}

// --- R5.11 -----------------------------------------------------------------

/// R5.11: the worked example, field by field — 3 replicas in steady state;
/// after an image change (generation 2) the sync that deletes `web-2`
/// reports the new update revision, no updated Pod and 2 current ones;
/// each later deletion moves one Pod from current to updated; at the end
/// both revisions are the new one and current = updated = 3.
#[test]
fn r5_11_worked_example_field_by_field() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(511, 3, policy);
        let s = set(&h);
        let rev = s.status.update_revision.clone();
        assert_eq!(
            serde_json::to_value(&s.status).unwrap(),
            json!({
                "observedGeneration": 1,
                "replicas": 3,
                "readyReplicas": 3,
                "availableReplicas": 3,
                "currentReplicas": 3,
                "updatedReplicas": 3,
                "currentRevision": rev,
                "updateRevision": rev,
                "collisionCount": 0
            }),
            "{policy}"
        );
        let mut f = Follow::new(&h);
        h.set_image(NEW_IMAGE);
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(300),
            "rolled",
            |_, _| {},
            |h| {
                let s = set(h);
                h.all_ready(3) && s.status.current_revision == s.status.update_revision
            },
        );
        let first = &f.writes[0];
        let new = first.set.status.update_revision.clone();
        assert_ne!(new, rev, "{policy}");
        assert!(first.pods["web-2"].metadata.is_terminating(), "{policy}");
        assert_eq!(
            serde_json::to_value(&first.set.status).unwrap(),
            json!({
                "observedGeneration": 2,
                "replicas": 3,
                "readyReplicas": 3,
                "availableReplicas": 3,
                "currentReplicas": 2,
                "currentRevision": rev,
                "updateRevision": new,
                "collisionCount": 0
            }),
            "{policy}: updatedReplicas 0 is omitted"
        );
        let s = set(&h);
        assert_eq!(
            serde_json::to_value(&s.status).unwrap(),
            json!({
                "observedGeneration": 2,
                "replicas": 3,
                "readyReplicas": 3,
                "availableReplicas": 3,
                "currentReplicas": 3,
                "updatedReplicas": 3,
                "currentRevision": new,
                "updateRevision": new,
                "collisionCount": 0
            }),
            "{policy}"
        );
    }
}

// --- R11 ------------------------------------------------------------------

const WATCHED: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports: [{containerPort: 80, name: web}]
PROBE"#;

/// READY and STATUS of each row a watch printed.
fn rows(out: &str) -> Vec<(String, String, String)> {
    out.lines()
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0].to_string(), w[2].to_string(), w[3].to_string())
        })
        .collect()
}

fn ev(kind: &str, ready: &str, status: &str) -> (String, String, String) {
    (kind.to_string(), ready.to_string(), status.to_string())
}

/// R11.2: what `kubectl get pods -w` shows for a StatefulSet Pod: created
/// `0/1 Pending`, scheduled `0/1 Pending`, `0/1 ContainerCreating`, then
/// `0/1 Running` only while a readiness probe has not passed, then
/// `1/1 Running`. Deleted: `1/1 Terminating`, then `0/1` once the
/// containers stopped, then the row goes. Kubernetes 1.35 detail: since
/// 1.27 the kubelet gives a deleted Pod whose containers all stopped a
/// terminal phase (Succeeded when nginx exits 0 on SIGTERM), and kubectl
/// prints `Terminating` only for a non-terminal phase
/// (`printPod`: `!IsPodPhaseTerminal`), so that row reads `0/1 Completed`.
#[test]
fn r11_2_get_pods_watch_shows_the_pod_lifecycle_in_order() {
    for probe in [
        "",
        "        readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 5, periodSeconds: 5}\n",
    ] {
        let mut c = Console::new(1);
        crate::support::console::apply(
            &mut c,
            &format!(
                "{}\n---\n{}",
                serde_yaml_service(),
                WATCHED.replace("PROBE", probe)
            ),
        );
        let (_, out, _) = run(&mut c, "kubectl get pods -w -l app=nginx --output-watch-events");
        let mut want = vec![
            ev("ADDED", "0/1", "Pending"),
            ev("MODIFIED", "0/1", "Pending"),
            ev("MODIFIED", "0/1", "ContainerCreating"),
            ev("MODIFIED", "0/1", "ContainerCreating"),
        ];
        if !probe.is_empty() {
            want.push(ev("MODIFIED", "0/1", "Running"));
        }
        want.push(ev("MODIFIED", "1/1", "Running"));
        assert_eq!(rows(&out), want, "{out}");

        run(&mut c, "kubectl delete pod web-0 --wait=false");
        let (_, out, _) = run(&mut c, "kubectl get pods -w -l app=nginx --output-watch-events");
        let deleted: Vec<_> = rows(&out).into_iter().take(3).collect();
        assert_eq!(
            deleted,
            [
                ev("ADDED", "1/1", "Terminating"),
                ev("MODIFIED", "0/1", "Completed"),
                ev("DELETED", "0/1", "Completed"),
            ],
            "{out}"
        );
    }
}

fn serde_yaml_service() -> &'static str {
    "apiVersion: v1\nkind: Service\nmetadata: {name: nginx, labels: {app: nginx}}\nspec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80, name: web}]}"
}

/// R11.4: a Pod is Available `minReadySeconds` after its Ready transition,
/// and in OrderedReady the next ordinal is created only then — roughly
/// `minReadySeconds` after its predecessor became Ready, when the
/// controller's re-queue (R3.2) notices. In Parallel nothing waits.
#[test]
fn r11_4_the_next_ordinal_waits_min_ready_seconds_after_ready() {
    const MRS: u64 = 20;
    for policy in POLICIES {
        let mut h = Harness::new(114);
        h.create(Kind::Service, nginx_service());
        let mut f = Follow::new(&h);
        h.create(Kind::StatefulSet, web_min_ready(2, policy, MRS));
        f.take(&h);
        f.run(
            &mut h,
            SimDuration::secs(600),
            "2 available",
            |_, _| {},
            |h| set(h).status.available_replicas == 2,
        );
        let created = |n: &str| {
            f.pod_log
                .iter()
                .find(|(_, op, p)| *op == ChangeOp::Added && p.metadata.name == n)
                .map(|(t, _, _)| *t)
                .unwrap()
        };
        let ready0 = ready_since(&h.pod("web-0").unwrap()).unwrap();
        let (c0, c1) = (created("web-0"), created("web-1"));
        if policy == "OrderedReady" {
            assert!(
                c1 >= ready0 + SimDuration::secs(MRS),
                "{policy}: web-1 created {} after web-0 was Ready",
                c1.saturating_sub(ready0)
            );
            // The re-queues (R3.2) come every minReadySeconds from the
            // first sync (at web-0's creation): the work queue keeps the
            // earliest of the times asked for, so the requests made when
            // web-0 turned Ready (`updatePod`, after minReadySeconds + 1 s)
            // and by the syncs since are dropped. The first re-queue finds
            // web-0 Ready for less than minReadySeconds, the second
            // creates web-1, unless the informer's 30 s resync (every 30 s
            // since the start) comes first: "roughly" is up to twice
            // minReadySeconds.
            assert!(ready0 < c0 + SimDuration::secs(MRS), "{policy}");
            let line = (ready0 + SimDuration::secs(MRS)).as_ms();
            let resync = SimTime(line.div_ceil(30_000) * 30_000);
            let expected = (c0 + SimDuration::secs(2 * MRS)).min(resync);
            assert_eq!(
                c1,
                expected,
                "{policy}: web-0 Ready {} after its creation",
                ready0.saturating_sub(c0)
            );
        } else {
            assert_eq!(c0, c1, "{policy}: created together");
        }
        // Available exactly when minReadySeconds have passed: the first
        // write that counts web-0 comes at or after the line.
        let line = ready0 + SimDuration::secs(MRS);
        let first = f
            .writes
            .iter()
            .find(|w| w.set.status.available_replicas >= 1)
            .unwrap();
        assert!(first.at >= line, "{policy}: {:?} < {line:?}", first.at);
    }
}

/// R11.7: the default latencies lie in the ranges the rule suggests:
/// controller reaction ≤ 100 ms, scheduling 50–500 ms, local-path
/// provisioning 1–5 s, nginx's SIGTERM handling < 1 s, EndpointSlice
/// updates < 1 s; a cached image is not pulled (0 s), the tutorial's image
/// pulls in 2–30 s (pull times grow with the image's size, so a 2 MB
/// busybox may take less and a 700 MB Elasticsearch more); DNS answers
/// carry the 30 s TTL a client may cache them for (CoreDNS itself does not
/// cache the cluster zone, R8.1, and the images' resolvers keep no cache).
#[test]
fn r11_7_default_latencies_lie_in_the_suggested_ranges() {
    let l = ordinal::engine::config::Latencies::default();
    let ms = |d: SimDuration| d.as_ms();
    assert!(ms(l.controller_reaction.min) >= 10 && ms(l.controller_reaction.max) <= 100);
    assert!(ms(l.scheduling.min) >= 50 && ms(l.scheduling.max) <= 500);
    assert!(ms(l.provisioning.min) >= 1_000 && ms(l.provisioning.max) <= 5_000);
    assert!(ms(l.graceful_stop.max) < 1_000);
    assert!(ms(l.endpoints.max) < 1_000);
    // Sandbox + container start: the rule suggests 0.5–2 s; the two draws
    // together span 0.7–2.1 s (narrowing a span would move every seeded
    // draw after it, for 0.1 s of a suggestion).
    assert!(ms(l.sandbox.min) + ms(l.container_start.min) >= 500);
    assert!(ms(l.sandbox.max) + ms(l.container_start.max) <= 2_100);
    assert_eq!(ordinal::engine::dns::TTL, 30);

    // Pulls, as the kubelet's events time them.
    let mut c = console_with_web();
    let pulled: Vec<String> = c
        .engine()
        .store()
        .events
        .iter()
        .filter(|e| e.reason == "Pulled")
        .map(|e| e.message.to_string())
        .collect();
    let first = pulled
        .iter()
        .find(|m| m.contains("nginx-slim:0.21") && m.starts_with("Successfully pulled"))
        .expect("the first Pod pulled the image");
    let took = first
        .split(" in ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap();
    let secs = SimDuration::parse(took).unwrap_or_else(|| panic!("{took}"));
    assert!(
        secs >= SimDuration::secs(2) && secs <= SimDuration::secs(30),
        "{first}"
    );
    // The second Pod, on a node that has the image, does not pull.
    let (code, out, err) = run(
        &mut c,
        "kubectl scale sts web --replicas=6 && kubectl rollout status sts/web",
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(c
        .engine()
        .store()
        .events
        .iter()
        .any(|e| e.reason == "Pulled" && e.message.contains("already present on machine")));
}
