//! The StatefulSet controller's policy (stateful_set_control.go,
//! `updateStatefulSet`): partition Pods into slots and condemned, process
//! slots in ascending ordinal (R3.4), fix claim owners of condemned Pods,
//! process condemned Pods in descending ordinal (R3.6), then — unless the
//! strategy is OnDelete — the rolling update from the highest ordinal (R4.7,
//! R4.8, R4.11–R4.12). OrderedReady stops at the first blocking condition
//! and says what it waits for; Parallel processes everything in slow-start
//! batches (R3.7).

use std::rc::Rc;

use super::identity::{self, is_created, is_healthy};
use super::revision::template_of;
use super::status::{count, is_running_and_available, is_unavailable};
use super::Outcome;
use crate::engine::event::WaitReason;
use crate::engine::objects::*;
use crate::engine::Engine;

/// One slot: the Pod that holds it, or the Pod the controller would create.
enum Slot {
    Existing(Rc<Pod>),
    Missing(Box<Pod>),
}

impl Slot {
    fn pod(&self) -> &Pod {
        match self {
            Slot::Existing(p) => p,
            Slot::Missing(p) => p,
        }
    }
}

/// What processing one Pod asked for.
enum Step {
    Continue,
    /// Stop this pass (monotonic), with what the set now waits for.
    Stop(Option<(String, WaitReason)>),
    Error(String),
}

/// `newVersionedStatefulSetPod` (R4.9): which revision a (re)created Pod gets.
/// The two templates a sync may build Pods from, decoded once per sync.
struct Templates<'a> {
    current: (&'a ControllerRevision, PodTemplateSpec),
    update: (&'a ControllerRevision, PodTemplateSpec),
}

fn new_versioned_pod(set: &StatefulSet, t: &Templates, ordinal: i64) -> Pod {
    let start = set.start_ordinal();
    let use_current = set.update_strategy_type() == "RollingUpdate"
        && match set.rolling_update() {
            None => ordinal < start + set.status.current_replicas,
            Some(ru) => ordinal < start + ru.partition.unwrap_or(0),
        };
    let (rev, template) = if use_current { &t.current } else { &t.update };
    identity::new_pod(set, template, &rev.metadata.name, ordinal)
}

pub fn update_statefulset(
    e: &mut Engine,
    set: &Rc<StatefulSet>,
    current: &ControllerRevision,
    update: &ControllerRevision,
    collision: i64,
    pods: &[Rc<Pod>],
) -> Outcome {
    let now = e.now;
    let mrs = set.min_ready_seconds();
    let mut status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        current_revision: current.metadata.name.clone(),
        update_revision: update.metadata.name.clone(),
        collision_count: Some(collision),
        ..Default::default()
    };
    count(&mut status, pods.iter().map(|p| &**p), mrs, now);

    let replicas = set.replicas().clamp(0, e.config.limits.max_replicas);
    let start = set.start_ordinal();
    let mut slots: Vec<Option<Slot>> = (0..replicas).map(|_| None).collect();
    let mut condemned: Vec<Rc<Pod>> = Vec::new();
    for p in pods {
        let o = identity::ordinal(p);
        if o >= start && o < start + replicas {
            slots[(o - start) as usize] = Some(Slot::Existing(p.clone()));
        } else if o >= 0 {
            condemned.push(p.clone());
        }
    }
    let mut templates: Option<Templates> = None;
    let mut filled: Vec<Slot> = Vec::with_capacity(slots.len());
    for (i, s) in slots.into_iter().enumerate() {
        filled.push(match s {
            Some(s) => s,
            None => {
                let t = templates.get_or_insert_with(|| Templates {
                    current: (current, template_of(current)),
                    update: (update, template_of(update)),
                });
                Slot::Missing(Box::new(new_versioned_pod(set, t, start + i as i64)))
            }
        });
    }
    let mut slots = filled;
    condemned.sort_by_key(|p| std::cmp::Reverse(identity::ordinal(p)));

    let first_unhealthy: Option<String> = slots
        .iter()
        .map(Slot::pod)
        .chain(condemned.iter().rev().map(|p| &**p))
        .find(|p| !is_healthy(p))
        .map(|p| p.metadata.name.clone());

    let recount = |status: &mut StatefulSetStatus, e: &Engine, set: &StatefulSet| {
        e.count_set_pods(set, status);
    };

    if set.metadata.is_terminating() {
        return Outcome {
            status,
            ..Default::default()
        };
    }
    let monotonic = set.pod_management_policy() == statefulset::PodManagementPolicy::OrderedReady;

    // Slots, ascending (R3.4).
    let slot_result = run_for_all(slots.len(), monotonic, |i| {
        process_replica(e, set, current, update, monotonic, &mut slots[i])
    });
    if let Some(end) = slot_result {
        recount(&mut status, e, set);
        return end.into_outcome(status);
    }

    // Claims of condemned Pods get their retention owners before deletion (R3.3 step 8).
    let claim_result = run_for_all(condemned.len(), monotonic, |i| {
        let p = condemned[i].clone();
        if !e.claims_match_retention(set, &p) {
            if let Err(err) = e.update_claims_for_retention(set, &p) {
                return Step::Error(err);
            }
        }
        Step::Continue
    });
    if let Some(end) = claim_result {
        recount(&mut status, e, set);
        return end.into_outcome(status);
    }

    // Condemned, descending (R3.6).
    let condemned_result = run_for_all(condemned.len(), monotonic, |i| {
        let p = condemned[i].clone();
        if p.metadata.is_terminating() {
            return if monotonic {
                Step::Stop(Some((p.metadata.name.clone(), WaitReason::Terminating)))
            } else {
                Step::Continue
            };
        }
        let first = first_unhealthy.as_deref() == Some(p.metadata.name.as_str());
        if monotonic && !p.is_running_and_ready() && !first {
            return Step::Stop(Some((p.metadata.name.clone(), WaitReason::RunningAndReady)));
        }
        if monotonic && !is_running_and_available(&p, mrs, now) && !first {
            return Step::Stop(Some((p.metadata.name.clone(), WaitReason::Available)));
        }
        match e.delete_stateful_pod(set, &p) {
            Ok(()) => {
                if monotonic {
                    Step::Stop(Some((p.metadata.name.clone(), WaitReason::Terminating)))
                } else {
                    Step::Continue
                }
            }
            Err(err) => Step::Error(err),
        }
    });
    if let Some(end) = condemned_result {
        recount(&mut status, e, set);
        return end.into_outcome(status);
    }

    recount(&mut status, e, set);
    if set.update_strategy_type() == "OnDelete" {
        return Outcome {
            status,
            ..Default::default()
        };
    }
    rolling_update(e, set, update, &slots, status, monotonic)
}

impl Step {
    fn into_outcome(self, status: StatefulSetStatus) -> Outcome {
        match self {
            Step::Continue => Outcome {
                status,
                ..Default::default()
            },
            Step::Stop(waiting) => Outcome {
                status,
                waiting,
                error: None,
            },
            Step::Error(err) => Outcome {
                status,
                error: Some(err),
                waiting: None,
            },
        }
    }
}

/// `runForAll`: in order, stopping at the first stop (monotonic); or in
/// slow-start batches of 1, 2, 4 … 500, stopping after a batch with an
/// error (burst, R3.7). Returns how the pass ended early, if it did.
fn run_for_all(n: usize, monotonic: bool, mut f: impl FnMut(usize) -> Step) -> Option<Step> {
    if monotonic {
        for i in 0..n {
            match f(i) {
                Step::Continue => {}
                other => return Some(other),
            }
        }
        return None;
    }
    let mut i = 0;
    let mut batch = 1;
    while i < n {
        let end = (i + batch).min(n);
        let mut error = None;
        for j in i..end {
            if let Step::Error(err) = f(j) {
                error.get_or_insert(err);
            }
        }
        if let Some(err) = error {
            return Some(Step::Error(err));
        }
        i = end;
        batch = (batch * 2).min(500);
    }
    None
}

/// `processReplica` (R3.4).
fn process_replica(
    e: &mut Engine,
    set: &Rc<StatefulSet>,
    _current: &ControllerRevision,
    update: &ControllerRevision,
    monotonic: bool,
    slot: &mut Slot,
) -> Step {
    let mrs = set.min_ready_seconds();
    let now = e.now;
    // Existing Pods are shared, not copied: this runs for every slot of every sync.
    let pod: Rc<Pod> = match slot {
        Slot::Existing(p) => p.clone(),
        Slot::Missing(p) => Rc::new((**p).clone()),
    };
    let name = pod.metadata.name.clone();
    if pod.is_terminal() {
        if !pod.metadata.is_terminating() {
            if let Err(err) = e.delete_stateful_pod(set, &pod) {
                return Step::Error(err);
            }
        }
        return Step::Stop(Some((name, WaitReason::Failed)));
    }
    if !is_created(&pod) {
        if let Some(claim) = e.pod_claim_stale(set, &pod) {
            return Step::Stop(Some((name, WaitReason::StaleClaim { claim })));
        }
        return match e.create_stateful_pod(set, &pod) {
            Ok(created) => {
                *slot = Slot::Existing(created);
                if monotonic {
                    Step::Stop(Some((name, WaitReason::RunningAndReady)))
                } else {
                    Step::Continue
                }
            }
            Err(err) => {
                if let Some(claim) = err
                    .strip_prefix("pvc ")
                    .and_then(|r| r.strip_suffix(" is being deleted"))
                {
                    let claim = claim.to_string();
                    let _ = Step::Error(err);
                    return Step::Stop(Some((name, WaitReason::ClaimDeleting { claim })));
                }
                Step::Error(err)
            }
        };
    }
    if pod.status.phase == "Pending" {
        if let Err(err) = e.create_missing_claims(set, &pod) {
            return Step::Error(err);
        }
    }
    if monotonic && pod.metadata.is_terminating() {
        return Step::Stop(Some((name, WaitReason::Terminating)));
    }
    if monotonic && !pod.is_running_and_ready() {
        return Step::Stop(Some((name, WaitReason::RunningAndReady)));
    }
    if monotonic && !is_running_and_available(&pod, mrs, now) {
        return Step::Stop(Some((name, WaitReason::Available)));
    }
    let retention_ok = e.claims_match_retention(set, &pod);
    if identity::identity_matches(set, &pod) && identity::storage_matches(set, &pod) && retention_ok
    {
        return Step::Continue;
    }
    let _ = update;
    match e.update_stateful_pod(set, &pod) {
        Ok(()) => Step::Continue,
        Err(err) => Step::Error(err),
    }
}

/// The rolling update with MaxUnavailableStatefulSet on (1.35; R4.11–R4.12).
fn rolling_update(
    e: &mut Engine,
    set: &Rc<StatefulSet>,
    update: &ControllerRevision,
    slots: &[Slot],
    mut status: StatefulSetStatus,
    monotonic: bool,
) -> Outcome {
    let now = e.now;
    let mrs = set.min_ready_seconds();
    let replicas = slots.len() as i64;
    let (partition, max_unavailable) = match set.rolling_update() {
        Some(ru) => {
            let m = ru
                .max_unavailable
                .clone()
                .unwrap_or(IntOrString::Int(1))
                .scaled_value(replicas, false)
                .unwrap_or(1)
                .max(1);
            (ru.partition.unwrap_or(0).max(0) as usize, m)
        }
        None => (0, 1),
    };
    let pods: Vec<&Pod> = slots.iter().map(Slot::pod).collect();
    let unavailable: Vec<&&Pod> = pods
        .iter()
        .filter(|p| is_unavailable(p, mrs, now))
        .collect();
    let u = unavailable.len() as i64;
    let old =
        |p: &Pod| identity::revision_of(p) != update.metadata.name && !p.metadata.is_terminating();
    // The Pods to delete for the update, highest ordinal first.
    let mut targets: Vec<usize> = Vec::new();
    if monotonic {
        if u >= max_unavailable {
            let waiting = unavailable
                .first()
                .map(|p| (p.metadata.name.clone(), WaitReason::UpdateAvailable));
            return Outcome {
                status,
                waiting,
                error: None,
            };
        }
        let budget = (max_unavailable - u) as usize;
        targets.extend(
            (partition..pods.len())
                .rev()
                .filter(|&t| old(pods[t]))
                .take(budget),
        );
    } else {
        let un = pods
            .iter()
            .enumerate()
            .filter(|(i, p)| *i >= partition && old(p) && is_unavailable(p, mrs, now))
            .count();
        if u >= max_unavailable && un == 0 {
            let waiting = unavailable
                .first()
                .map(|p| (p.metadata.name.clone(), WaitReason::UpdateAvailable));
            return Outcome {
                status,
                waiting,
                error: None,
            };
        }
        // Phase 1: old Pods that are down anyway cost nothing to replace.
        targets.extend(
            (partition..pods.len())
                .rev()
                .filter(|&t| old(pods[t]) && is_unavailable(pods[t], mrs, now)),
        );
        // Phase 2: Available old Pods within the budget, highest first.
        let budget = (max_unavailable - u).max(0) as usize;
        targets.extend(
            (partition..pods.len())
                .rev()
                .filter(|&t| old(pods[t]) && !is_unavailable(pods[t], mrs, now))
                .take(budget),
        );
    }
    let mut error = None;
    let mut last_deleted = None;
    for t in targets {
        match e.delete_stateful_pod(set, pods[t]) {
            Ok(()) => {
                status.current_replicas -= 1;
                last_deleted = Some(pods[t].metadata.name.clone());
            }
            Err(err) => {
                error.get_or_insert(err);
            }
        }
    }
    let waiting = if monotonic && error.is_none() {
        last_deleted.map(|n| (n, WaitReason::Terminating))
    } else {
        None
    };
    Outcome {
        status,
        error,
        waiting,
    }
}
