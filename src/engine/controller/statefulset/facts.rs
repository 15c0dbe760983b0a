//! What the StatefulSet controller derives from each Pod, kept between
//! syncs so that a sync costs little for the Pods that did not change.
//!
//! A sync of a set of N Pods used to look into every Pod object several
//! times (labels, owner references, conditions, volumes) and into every
//! claim: thousands of scattered reads per sync, and a sync comes every few
//! tens of milliseconds of simulated time while a large set starts. Here
//! each Pod *version* is read once: its facts (ordinal, membership,
//! ownership, phase, readiness, revision, identity) are computed when the
//! controller first meets that version and reused while the store holds the
//! very same object (`Rc::ptr_eq`; the cache holds a reference, so a
//! version's address cannot be reused by another object while cached).
//!
//! The facts depend on the set too, so they are dropped whenever the set's
//! uid, deletion or spec change (its status does not matter to them). The
//! one verdict that depends on other objects — whether the Pod's claims
//! carry the owner references the retention policy asks for — is cached
//! until a claim of that ordinal changes (`claim_changed`, called for every
//! claim change the controllers see).
//!
//! This is a cache of pure functions of the store: it never changes what a
//! sync does, only how often the same answer is computed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::rc::Rc;

use super::identity;
use crate::engine::objects::*;
use crate::engine::store::Key;
use crate::engine::time::SimTime;

/// How a Pod's controller reference relates to the set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    None,
    /// Controlled by this set (same uid).
    Set,
    /// Controlled by someone else.
    Other,
}

/// What one version of a Pod means to one set.
#[derive(Clone, Debug)]
pub struct PodFacts {
    pub pod: Rc<Pod>,
    pub ordinal: i64,
    /// The set's selector matches and the name is `<set>-<ordinal>` (R2.10).
    pub matches: bool,
    pub owner: Owner,
    pub terminating: bool,
    /// `isCreated`: the Pod has a phase.
    pub created: bool,
    pub terminal: bool,
    pub pending: bool,
    pub running_ready: bool,
    pub ready: bool,
    /// When the Ready condition last changed.
    pub ready_since: Option<SimTime>,
    /// The `controller-revision-hash` label, as an index into `SetCache::revisions`.
    pub revision: u32,
    /// `identityMatches && storageMatches` (R2.8, R2.9).
    pub identity_ok: bool,
    /// `ClaimsMatchRetentionPolicy`, once computed, until a claim of this
    /// ordinal changes.
    pub retention_ok: Option<bool>,
    /// `claims_in_place` (what a Pending Pod's claims need), likewise.
    pub claims_in_place: Option<bool>,
}

impl PodFacts {
    fn new(
        set: &StatefulSet,
        selector: &LabelSelector,
        revs: &mut Vec<String>,
        pod: Rc<Pod>,
    ) -> Self {
        let (parent, ordinal) = identity::parent_and_ordinal(&pod.metadata.name);
        let matches = selector.matches(&pod.metadata.labels) && parent == set.metadata.name;
        let owner = match pod.metadata.controller_ref() {
            None => Owner::None,
            Some(r) if r.uid == set.metadata.uid => Owner::Set,
            Some(_) => Owner::Other,
        };
        let label = identity::revision_of(&pod);
        let revision = match revs.iter().position(|r| r == label) {
            Some(i) => i,
            None => {
                revs.push(label.to_string());
                revs.len() - 1
            }
        } as u32;
        let ready_condition = pod.condition("Ready");
        PodFacts {
            ordinal,
            matches,
            owner,
            terminating: pod.metadata.is_terminating(),
            created: identity::is_created(&pod),
            terminal: pod.is_terminal(),
            pending: pod.status.phase == "Pending",
            running_ready: pod.is_running_and_ready(),
            ready: pod.is_ready(),
            ready_since: ready_condition
                .and_then(|c| c.last_transition_time)
                .map(|t| t.sim()),
            revision,
            identity_ok: identity::identity_matches(set, &pod)
                && identity::storage_matches(set, &pod),
            retention_ok: None,
            claims_in_place: None,
            pod,
        }
    }

    /// `podutil.IsPodAvailable` (`Pod::is_available`).
    pub fn available(&self, min_ready_seconds: i64, now: SimTime) -> bool {
        if !self.ready {
            return false;
        }
        if min_ready_seconds <= 0 {
            return true;
        }
        self.ready_since
            .is_some_and(|t| now.saturating_sub(t).as_ms() >= (min_ready_seconds as u64) * 1000)
    }

    /// `isRunningAndAvailable`.
    pub fn running_available(&self, min_ready_seconds: i64, now: SimTime) -> bool {
        self.running_ready && self.available(min_ready_seconds, now)
    }

    /// `isUnavailable`.
    pub fn unavailable(&self, min_ready_seconds: i64, now: SimTime) -> bool {
        !self.created || !self.running_available(min_ready_seconds, now) || self.terminating
    }
}

/// The set's fields the facts depend on.
#[derive(Clone, Debug, PartialEq)]
struct Shape {
    uid: String,
    deletion: Option<Time>,
    spec: statefulset::StatefulSetSpec,
}

impl Shape {
    fn of(set: &StatefulSet) -> Self {
        Shape {
            uid: set.metadata.uid.to_string(),
            deletion: set.metadata.deletion_timestamp,
            spec: set.spec.clone(),
        }
    }
    fn is(&self, set: &StatefulSet) -> bool {
        self.uid == set.metadata.uid
            && self.deletion == set.metadata.deletion_timestamp
            && self.spec == set.spec
    }
}

/// One set's cache.
#[derive(Clone, Default)]
pub struct SetCache {
    shape: Option<Shape>,
    /// Facts of every Pod of the namespace as the last sync found them, in
    /// the store's (name) order.
    pods: Vec<PodFacts>,
    /// Revision labels seen, interned (`PodFacts::revision`).
    pub revisions: Vec<String>,
    /// Ordinals whose claims changed since the last sync.
    dirty_claims: BTreeSet<i64>,
    /// The slots list a sync fills, empty between syncs (kept for its
    /// capacity).
    pub slots: Vec<super::control::Slot>,
}

impl fmt::Debug for SetCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetCache")
            .field("pods", &self.pods.len())
            .field("revisions", &self.revisions)
            .field("dirty_claims", &self.dirty_claims.len())
            .finish()
    }
}

/// Every set's cache.
pub type FactsCache = BTreeMap<Key, SetCache>;

impl SetCache {
    /// The facts of every Pod in the set's namespace, in the store's order,
    /// reusing those of unchanged Pods. Consumes the cached list (the sync
    /// hands the new one back with `keep`).
    pub fn refresh<'a>(
        &mut self,
        set: &StatefulSet,
        selector: &LabelSelector,
        pods: impl Iterator<Item = &'a Rc<Pod>>,
    ) -> Vec<PodFacts> {
        if !self.shape.as_ref().is_some_and(|s| s.is(set)) {
            self.shape = Some(Shape::of(set));
            self.pods.clear();
            self.revisions.clear();
            self.dirty_claims.clear();
        }
        let dirty = std::mem::take(&mut self.dirty_claims);
        let stale = |f: &mut PodFacts| {
            if !dirty.is_empty() && dirty.contains(&f.ordinal) {
                f.retention_ok = None;
                f.claims_in_place = None;
            }
        };
        let mut out = std::mem::take(&mut self.pods);
        // In place while the store's names follow the cached ones one for
        // one (a sync usually finds some Pods rewritten, none added or
        // removed): an unchanged version keeps its entry, a newer version
        // of the same name gets fresh facts in that entry. This is what the
        // merge below does for such a prefix (it would skip the older
        // version, find the next cached name greater, and compute fresh
        // facts), without moving every entry into a new list.
        let mut pods = pods.peekable();
        let mut j = 0;
        while let (Some(p), Some(f)) = (pods.peek(), out.get_mut(j)) {
            if Rc::ptr_eq(&f.pod, p) {
                stale(f);
            } else if f.pod.metadata.name == p.metadata.name {
                *f = PodFacts::new(set, selector, &mut self.revisions, Rc::clone(p));
            } else {
                break;
            }
            pods.next();
            j += 1;
        }
        if pods.peek().is_none() {
            // Cached entries past the store's last Pod are Pods now gone.
            out.truncate(j);
            return out;
        }
        // A Pod was added or removed: merge the rest. Both lists are in
        // name order.
        let previous = out.split_off(j);
        out.reserve(previous.len());
        let mut old = previous.into_iter().peekable();
        for p in pods {
            let mut reuse = None;
            while let Some(f) = old.peek() {
                if Rc::ptr_eq(&f.pod, p) {
                    reuse = old.next();
                    break;
                }
                // Older entries before this name are gone, an entry of
                // this name is an older version.
                if f.pod.metadata.name.as_str() <= p.metadata.name.as_str() {
                    old.next();
                } else {
                    break;
                }
            }
            let f = match reuse {
                Some(mut f) => {
                    stale(&mut f);
                    f
                }
                None => PodFacts::new(set, selector, &mut self.revisions, p.clone()),
            };
            out.push(f);
        }
        out
    }

    /// Facts for a Pod version met during a sync (an adopted Pod).
    pub fn facts_for(
        &mut self,
        set: &StatefulSet,
        selector: &LabelSelector,
        pod: Rc<Pod>,
    ) -> PodFacts {
        PodFacts::new(set, selector, &mut self.revisions, pod)
    }

    /// Keeps the facts of the Pods as the sync found them.
    pub fn keep(&mut self, facts: Vec<PodFacts>) {
        self.pods = facts;
    }

    /// A claim of the namespace changed: the retention verdicts of the
    /// ordinal it belongs to, if it is one of this set's, are stale.
    pub fn claim_changed(&mut self, set_name: &str, claim: &str) {
        let Some(shape) = &self.shape else {
            return;
        };
        let (prefix, ordinal) = identity::parent_and_ordinal(claim);
        if ordinal < 0 {
            return;
        }
        // `<template>-<set>-<ordinal>` (R6.1).
        let ours = shape.spec.volume_claim_templates.iter().any(|t| {
            prefix
                .strip_prefix(t.metadata.name.as_str())
                .and_then(|r| r.strip_prefix('-'))
                == Some(set_name)
        });
        if ours {
            self.dirty_claims.insert(ordinal);
        }
    }
}
