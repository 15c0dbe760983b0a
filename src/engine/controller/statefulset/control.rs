//! The StatefulSet controller's policy (stateful_set_control.go,
//! `updateStatefulSet`): partition Pods into slots and condemned, process
//! slots in ascending ordinal (R3.4), fix claim owners of condemned Pods,
//! process condemned Pods in descending ordinal (R3.6), then — unless the
//! strategy is OnDelete — the rolling update from the highest ordinal (R4.7,
//! R4.8, R4.11–R4.12). OrderedReady stops at the first blocking condition
//! and says what it waits for; Parallel processes everything in slow-start
//! batches (R3.7).

use std::rc::Rc;

use super::facts::PodFacts;
use super::identity::{self, is_created};
use super::revision::template_of;
use super::status::{is_running_and_available, is_unavailable};
use super::Outcome;
use crate::engine::event::WaitReason;
use crate::engine::objects::*;
use crate::engine::Engine;

/// The Pods a sync works on: `pods` are the owned ones, as indices into
/// `facts` (the store's Pods of the namespace at the start of the sync, in
/// name order; adopted Pods follow).
pub struct Owned<'a> {
    pub pods: &'a [usize],
    pub facts: &'a mut Vec<PodFacts>,
    /// The interned revision labels (`PodFacts::revision`).
    pub revisions: &'a [String],
    /// The set's cached list to fill with this sync's slots (kept for its
    /// capacity: a list of 10,000 slots was allocated on every sync).
    pub slots: &'a mut Vec<Slot>,
}

/// One slot: the Pod that holds it (with its facts, or created during this
/// sync), or the ordinal of the Pod the controller would create.
#[derive(Clone)]
pub enum Slot {
    Existing(usize),
    Created(Rc<Pod>),
    Missing(i64),
}

/// What processing one Pod asked for.
enum Step {
    Continue,
    /// Stop this pass (monotonic), with what the set now waits for.
    Stop(Option<(String, WaitReason)>),
    /// The sync fails (and is retried with back-off); what the set waits
    /// for, when the error says.
    Error(String, Option<(String, WaitReason)>),
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

/// Builds the Pods of missing slots, on demand: a pure function of the set
/// and its two revisions, so building one late gives the same Pod.
struct Factory<'a> {
    set: &'a StatefulSet,
    current: &'a ControllerRevision,
    update: &'a ControllerRevision,
    templates: Option<Templates<'a>>,
}

impl<'a> Factory<'a> {
    fn pod(&mut self, ordinal: i64) -> Pod {
        let (current, update) = (self.current, self.update);
        let t = self.templates.get_or_insert_with(|| Templates {
            current: (current, template_of(current)),
            update: (update, template_of(update)),
        });
        new_versioned_pod(self.set, t, ordinal)
    }
}

/// The status counts of `computeReplicaStatus` (R5.2–R5.6), from facts.
fn count_facts<'a>(
    status: &mut StatefulSetStatus,
    facts: impl Iterator<Item = &'a PodFacts>,
    is_current: &[bool],
    is_update: &[bool],
    min_ready_seconds: i64,
    now: crate::engine::time::SimTime,
) {
    for f in facts {
        if f.created {
            status.replicas += 1;
        }
        if f.running_ready {
            status.ready_replicas += 1;
            if f.running_available(min_ready_seconds, now) {
                status.available_replicas += 1;
            }
        }
        if f.created && !f.terminating {
            let r = f.revision as usize;
            if is_current[r] {
                status.current_replicas += 1;
            }
            if is_update[r] {
                status.updated_replicas += 1;
            }
        }
    }
}

/// `updateStatefulSet` (R3.3).
pub fn update_statefulset(
    e: &mut Engine,
    set: &Rc<StatefulSet>,
    current: &ControllerRevision,
    update: &ControllerRevision,
    collision: i64,
    owned: Owned,
) -> Outcome {
    let Owned {
        pods,
        facts,
        revisions,
        slots,
    } = owned;
    let now = e.now;
    let mrs = set.min_ready_seconds();
    let mut status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        current_revision: current.metadata.name.to_string(),
        update_revision: update.metadata.name.to_string(),
        collision_count: Some(collision),
        ..Default::default()
    };
    let is_current: Vec<bool> = revisions
        .iter()
        .map(|r| *r == status.current_revision)
        .collect();
    let is_update: Vec<bool> = revisions
        .iter()
        .map(|r| *r == status.update_revision)
        .collect();
    // `updateStatus` over the Pods as this sync found them: upstream counts
    // the informer's copies (slot Pods, condemned Pods, and for empty slots
    // the Pods it built, which have no phase and count for nothing), never
    // the results of its own writes. A Pod created by this sync is counted
    // by the next one; one it deletes still counts as it was, except that
    // the rolling update takes each Pod it deletes off `currentReplicas`
    // (R5.5). The Pod events of those writes queue that next sync.
    count_facts(
        &mut status,
        pods.iter().map(|&i| &facts[i]),
        &is_current,
        &is_update,
        mrs,
        now,
    );

    let replicas = set.replicas().clamp(0, e.config.limits.max_replicas);
    let start = set.start_ordinal();
    // Every slot missing until an owned Pod holds it (one list, not a list
    // of options turned into slots afterwards).
    slots.clear();
    slots.extend((0..replicas).map(|i| Slot::Missing(start + i)));
    let mut condemned: Vec<usize> = Vec::new();
    for &i in pods {
        let o = facts[i].ordinal;
        if o >= start && o < start + replicas {
            slots[(o - start) as usize] = Slot::Existing(i);
        } else if o >= 0 {
            condemned.push(i);
        }
    }
    crate::sort::sort_by_key(&mut condemned, |&i| std::cmp::Reverse(facts[i].ordinal));
    let mut factory = Factory {
        set,
        current,
        update,
        templates: None,
    };

    // The first unavailable Pod (`isUnavailable`: not Available after
    // minReadySeconds, or terminating): the lowest slot, else the lowest
    // condemned Pod. A missing slot's Pod is never available (no phase).
    let first_unhealthy: Option<String> = slots
        .iter()
        .find_map(|s| match s {
            Slot::Existing(i) => facts[*i]
                .unavailable(mrs, now)
                .then(|| facts[*i].pod.metadata.name.to_string()),
            Slot::Created(p) => is_unavailable(p, mrs, now).then(|| p.metadata.name.to_string()),
            Slot::Missing(o) => Some(identity::pod_name(&set.metadata.name, *o)),
        })
        .or_else(|| {
            condemned
                .iter()
                .rev()
                .find(|&&i| facts[i].unavailable(mrs, now))
                .map(|&i| facts[i].pod.metadata.name.to_string())
        });

    if set.metadata.is_terminating() {
        return Outcome {
            status,
            ..Default::default()
        };
    }
    let monotonic = set.pod_management_policy() == statefulset::PodManagementPolicy::OrderedReady;

    // Slots, ascending (R3.4).
    let slot_result = run_for_all(slots.len(), monotonic, |i| {
        if let Slot::Existing(j) = slots[i] {
            if settled(e, set, monotonic, &mut facts[j], mrs, now) {
                return Step::Continue;
            }
        }
        process_replica(e, set, monotonic, &mut slots[i], facts, &mut factory)
    });
    if let Some(end) = slot_result {
        return end.into_outcome(status);
    }

    // Claims of condemned Pods get their retention owners before deletion (R3.3 step 8).
    let claim_result = run_for_all(condemned.len(), monotonic, |i| {
        let p = facts[condemned[i]].pod.clone();
        if !e.claims_match_retention(set, &p) {
            if let Err(err) = e.update_claims_for_retention(set, &p) {
                return Step::Error(err, None);
            }
        }
        Step::Continue
    });
    if let Some(end) = claim_result {
        return end.into_outcome(status);
    }

    // Condemned, descending (R3.6).
    let condemned_result = run_for_all(condemned.len(), monotonic, |i| {
        let p = facts[condemned[i]].pod.clone();
        if p.metadata.is_terminating() {
            return if monotonic {
                Step::Stop(Some((p.metadata.name.to_string(), WaitReason::Condemned)))
            } else {
                Step::Continue
            };
        }
        let first = first_unhealthy.as_deref() == Some(p.metadata.name.as_str());
        if monotonic && !p.is_running_and_ready() && !first {
            return Step::Stop(Some((
                p.metadata.name.to_string(),
                WaitReason::RunningAndReady,
            )));
        }
        if monotonic && !is_running_and_available(&p, mrs, now) && !first {
            return Step::Stop(Some((p.metadata.name.to_string(), WaitReason::Available)));
        }
        match e.delete_stateful_pod(set, &p) {
            Ok(()) => {
                if monotonic {
                    Step::Stop(Some((p.metadata.name.to_string(), WaitReason::Condemned)))
                } else {
                    Step::Continue
                }
            }
            Err(err) => Step::Error(err, None),
        }
    });
    if let Some(end) = condemned_result {
        return end.into_outcome(status);
    }

    if set.update_strategy_type() == "OnDelete" {
        return Outcome {
            status,
            ..Default::default()
        };
    }
    let views = SlotViews::new(slots, facts, &is_update, update, &mut factory, mrs, now);
    rolling_update(e, set, &views, status, monotonic)
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
            Step::Error(err, waiting) => Outcome {
                status,
                error: Some(err),
                waiting,
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
            if let e @ Step::Error(..) = f(j) {
                error.get_or_insert(e);
            }
        }
        if error.is_some() {
            return error;
        }
        i = end;
        batch = (batch * 2).min(500);
    }
    None
}

/// The common case of `processReplica`, decided from the facts alone: a
/// Pod that is up (or Pending with its claims in place), whose identity,
/// storage and claims are as they should be, needs nothing (the same checks
/// as `process_replica`'s, with the same outcome). Kept apart so the
/// thousands of settled slots of a large set skip that function's setup.
#[inline]
fn settled(
    e: &Engine,
    set: &StatefulSet,
    monotonic: bool,
    f: &mut PodFacts,
    mrs: i64,
    now: crate::engine::time::SimTime,
) -> bool {
    if f.created
        && !f.terminal
        && (!monotonic || (!f.terminating && f.running_available(mrs, now)))
        && f.identity_ok
        && (!f.pending
            || *f
                .claims_in_place
                .get_or_insert_with(|| e.claims_in_place(set, &f.pod)))
    {
        return match f.retention_ok {
            Some(ok) => ok,
            None => {
                let ok = e.claims_match_retention(set, &f.pod);
                f.retention_ok = Some(ok);
                ok
            }
        };
    }
    false
}

/// `processReplica` (R3.4), for a slot `settled` did not clear.
fn process_replica(
    e: &mut Engine,
    set: &Rc<StatefulSet>,
    monotonic: bool,
    slot: &mut Slot,
    facts: &mut [PodFacts],
    factory: &mut Factory,
) -> Step {
    let mrs = set.min_ready_seconds();
    let now = e.now;
    let pod: Rc<Pod> = match slot {
        Slot::Existing(i) => facts[*i].pod.clone(),
        Slot::Created(p) => p.clone(),
        Slot::Missing(o) => Rc::new(factory.pod(*o)),
    };
    let name = pod.metadata.name.clone();
    if pod.is_terminal() {
        if !pod.metadata.is_terminating() {
            if let Err(err) = e.delete_stateful_pod(set, &pod) {
                return Step::Error(err, None);
            }
        }
        return Step::Stop(Some((name.to_string(), WaitReason::Failed)));
    }
    if !is_created(&pod) {
        if let Some(claim) = e.pod_claim_stale(set, &pod) {
            return Step::Stop(Some((name.to_string(), WaitReason::StaleClaim { claim })));
        }
        return match e.create_stateful_pod(set, &pod) {
            Ok(created) => {
                *slot = Slot::Created(created);
                if monotonic {
                    Step::Stop(Some((name.to_string(), WaitReason::RunningAndReady)))
                } else {
                    Step::Continue
                }
            }
            Err(err) => {
                if let Some(claim) = err
                    .strip_prefix("pvc ")
                    .and_then(|r| r.strip_suffix(" is being deleted"))
                {
                    // An error (the sync is retried with back-off until the
                    // claim is gone), and what the set now waits for.
                    let claim = claim.to_string();
                    return Step::Error(
                        err,
                        Some((name.to_string(), WaitReason::ClaimDeleting { claim })),
                    );
                }
                Step::Error(err, None)
            }
        };
    }
    if pod.status.phase == "Pending" {
        if let Err(err) = e.create_missing_claims(set, &pod) {
            return Step::Error(err, None);
        }
    }
    if monotonic && pod.metadata.is_terminating() {
        return Step::Stop(Some((name.to_string(), WaitReason::Terminating)));
    }
    if monotonic && !pod.is_running_and_ready() {
        return Step::Stop(Some((name.to_string(), WaitReason::RunningAndReady)));
    }
    if monotonic && !is_running_and_available(&pod, mrs, now) {
        return Step::Stop(Some((name.to_string(), WaitReason::Available)));
    }
    let retention_ok = e.claims_match_retention(set, &pod);
    if identity::identity_matches(set, &pod) && identity::storage_matches(set, &pod) && retention_ok
    {
        return Step::Continue;
    }
    match e.update_stateful_pod(set, &pod) {
        Ok(()) => Step::Continue,
        Err(err) => Step::Error(err, None),
    }
}

/// What the rolling update asks of each slot — its Pod, whether it is
/// unavailable, whether it is of an older revision — answered from the
/// slot's facts when asked. A list of these views, built on every sync,
/// was 240 KB for 10,000 Pods, allocated and freed 350 times in a scale-up
/// and faulted in afresh each time.
struct SlotViews<'a> {
    slots: &'a [Slot],
    facts: &'a [PodFacts],
    is_update: &'a [bool],
    update: &'a ControllerRevision,
    mrs: i64,
    now: crate::engine::time::SimTime,
    /// The Pods built for missing slots (rare here: creating them came
    /// first), by slot index.
    built: Vec<(usize, Pod)>,
}

impl<'a> SlotViews<'a> {
    fn new(
        slots: &'a [Slot],
        facts: &'a [PodFacts],
        is_update: &'a [bool],
        update: &'a ControllerRevision,
        factory: &mut Factory,
        mrs: i64,
        now: crate::engine::time::SimTime,
    ) -> Self {
        let built = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s {
                Slot::Missing(o) => Some((i, factory.pod(*o))),
                _ => None,
            })
            .collect();
        SlotViews {
            slots,
            facts,
            is_update,
            update,
            mrs,
            now,
            built,
        }
    }

    fn len(&self) -> usize {
        self.slots.len()
    }

    fn pod(&self, i: usize) -> &Pod {
        match &self.slots[i] {
            Slot::Existing(j) => &self.facts[*j].pod,
            Slot::Created(p) => p,
            Slot::Missing(_) => self
                .built
                .iter()
                .find(|(b, _)| *b == i)
                .map(|(_, p)| p)
                .expect("every missing slot has a built Pod"),
        }
    }

    /// Not Available after minReadySeconds, or terminating.
    fn unavailable(&self, i: usize) -> bool {
        match &self.slots[i] {
            Slot::Existing(j) => self.facts[*j].unavailable(self.mrs, self.now),
            _ => is_unavailable(self.pod(i), self.mrs, self.now),
        }
    }

    /// Of an older revision, and not terminating.
    fn old(&self, i: usize) -> bool {
        match &self.slots[i] {
            Slot::Existing(j) => {
                let f = &self.facts[*j];
                !self.is_update[f.revision as usize] && !f.terminating
            }
            _ => {
                let p = self.pod(i);
                identity::revision_of(p) != self.update.metadata.name
                    && !p.metadata.is_terminating()
            }
        }
    }
}

/// The rolling update with MaxUnavailableStatefulSet on (1.35; R4.11–R4.12).
fn rolling_update(
    e: &mut Engine,
    set: &Rc<StatefulSet>,
    slots: &SlotViews,
    mut status: StatefulSetStatus,
    monotonic: bool,
) -> Outcome {
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
    // One pass over the slots: how many are unavailable, and the old ones
    // at or above the partition with their availability, highest ordinal
    // first (none outside a rollout, so nothing is allocated then).
    let n = slots.len();
    let mut u = 0i64;
    let mut first_unavailable = None;
    let mut old: Vec<(usize, bool)> = Vec::new();
    for i in 0..n {
        let unavailable = slots.unavailable(i);
        if unavailable {
            u += 1;
            first_unavailable.get_or_insert(i);
        }
        if i >= partition && slots.old(i) {
            old.push((i, unavailable));
        }
    }
    old.reverse();
    let wait_for_unavailable = |status| Outcome {
        status,
        waiting: first_unavailable.map(|i| {
            (
                slots.pod(i).metadata.name.to_string(),
                WaitReason::UpdateAvailable,
            )
        }),
        error: None,
    };
    // The Pods to delete for the update, highest ordinal first.
    let mut targets: Vec<usize> = Vec::new();
    if monotonic {
        if u >= max_unavailable {
            return wait_for_unavailable(status);
        }
        let budget = (max_unavailable - u) as usize;
        targets.extend(old.iter().map(|&(t, _)| t).take(budget));
    } else {
        let un = old.iter().filter(|&&(_, down)| down).count();
        if u >= max_unavailable && un == 0 {
            return wait_for_unavailable(status);
        }
        // Phase 1: old Pods that are down anyway cost nothing to replace.
        targets.extend(old.iter().filter(|&&(_, down)| down).map(|&(t, _)| t));
        // Phase 2: Available old Pods within the budget, highest first.
        let budget = (max_unavailable - u).max(0) as usize;
        targets.extend(
            old.iter()
                .filter(|&&(_, down)| !down)
                .map(|&(t, _)| t)
                .take(budget),
        );
    }
    let mut error = None;
    let mut last_deleted = None;
    for t in targets {
        let pod = slots.pod(t);
        match e.delete_stateful_pod(set, pod) {
            Ok(()) => {
                status.current_replicas -= 1;
                last_deleted = Some(pod.metadata.name.to_string());
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
