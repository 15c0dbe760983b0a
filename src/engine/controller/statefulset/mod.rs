//! The StatefulSet controller, split as Kubernetes splits it:
//! this shell (queue + sync: load the set and the Pods it owns, adopt and
//! release, revisions, status write-back, history), `control.rs` (the policy
//! of R3.3–R3.7 and R4), `pod_control.rs` (the mechanics: claims then Pod,
//! deletions, identity repair, events), `identity.rs` (pure identity helpers),
//! `revision.rs` (ControllerRevisions) and `status.rs` (availability).

pub mod control;
pub mod facts;
pub mod identity;
pub mod pod_control;
pub mod revision;
pub mod status;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::engine::event::{ObjRef, SimEventKind, WaitReason};
use crate::engine::objects::*;
use crate::engine::store::Key;
use crate::engine::time::SimDuration;
use crate::engine::{Engine, Wakeup};
use crate::sort::CollectMap;

/// `statefulSetResyncPeriod`: the StatefulSet informer hands every set to
/// the controller again this often, whether anything changed or not.
const SET_RESYNC_PERIOD: SimDuration = SimDuration::secs(30);

/// What the controller remembers between syncs of one set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SetMemory {
    /// Consecutive failed syncs (for the retry back-off).
    pub failures: u32,
    /// The last "waiting for …" told, so it is told once.
    pub last_wait: Option<(String, WaitReason)>,
}

pub type Memory = BTreeMap<Key, SetMemory>;

/// How a sync ended, for the shell.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub status: StatefulSetStatus,
    pub error: Option<String>,
    pub waiting: Option<(String, WaitReason)>,
}

impl Engine {
    /// One sync of one StatefulSet (R3.3).
    pub(crate) fn sync_statefulset(&mut self, k: &Key) {
        let Some(set) = self.store.statefulsets.get(&k.0, &k.1).cloned() else {
            self.sets.remove(k);
            self.set_facts.remove(k);
            return;
        };
        let Some(selector) = set.spec.selector.clone().filter(|s| !s.is_empty()) else {
            return;
        };

        // The cache is taken out for the sync (nothing is dispatched during
        // a sync) and put back with the facts of the Pods as they were found.
        let mut cache = self.set_facts.remove(k).unwrap_or_default();
        let mut arena = cache.refresh(&set, &selector, self.store.pods.in_namespace(&k.0));
        let in_store = arena.len();
        let pods = self.claim_pods(&set, &selector, &mut cache, &mut arena);
        let revisions = self.claim_revisions(&set, &selector);
        let (current, update, collision) = self.sync_revisions(&set, &revisions);
        let outcome = control::update_statefulset(
            self,
            &set,
            &current,
            &update,
            collision,
            control::Owned {
                pods: &pods,
                facts: &mut arena,
                revisions: &cache.revisions,
                slots: &mut cache.slots,
            },
        );
        // The slots hold Pods: none is kept past the sync.
        cache.slots.clear();
        arena.truncate(in_store);
        cache.keep(arena);
        self.set_facts.insert(k.clone(), cache);

        self.write_set_status(&set, outcome.status.clone());
        self.truncate_history(&set, &current, &update);

        let mem = self.sets.entry(k.clone()).or_default();
        if outcome.waiting != mem.last_wait {
            mem.last_wait = outcome.waiting.clone();
            if let Some((pod, reason)) = outcome.waiting.clone() {
                self.narrate(SimEventKind::Waiting {
                    set: ObjRef::new(Kind::StatefulSet, &k.0, &k.1),
                    pod,
                    reason,
                });
            }
        }
        let mem = self.sets.entry(k.clone()).or_default();
        if outcome.error.is_some() {
            // The work queue's per-item back-off: 5ms doubling, capped at
            // 1000s (the periodic resync comes sooner once it is past 30 s).
            mem.failures = mem.failures.saturating_add(1);
            let delay = 5u64
                .saturating_mul(1u64 << mem.failures.min(20))
                .min(1_000_000);
            self.enqueue_set_at(k.clone(), self.now + SimDuration::ms(delay));
        } else {
            mem.failures = 0;
            // R3.2: Pods crossing minReadySeconds are noticed by a re-queue.
            let mrs = set.min_ready_seconds();
            if mrs > 0 && outcome.status.available_replicas != set.replicas() {
                self.enqueue_set_at(k.clone(), self.now + SimDuration::secs(mrs as u64));
            }
        }
        self.queue_set_resync();
    }

    /// Puts the informer's next periodic resync on the timers (once).
    fn queue_set_resync(&mut self) {
        if !self.due.set_resync_queued {
            self.due.set_resync_queued = true;
            self.at(self.now.next_tick(SET_RESYNC_PERIOD), Wakeup::SetResync);
        }
    }

    /// The StatefulSet informer's periodic resync (`statefulSetResyncPeriod`):
    /// every set is handed to the controller again, every 30 s since it
    /// started, whether anything changed or not, and outside the work
    /// queue's back-off. It is what repairs what no event reports: a
    /// ControllerRevision or a claim's owner reference removed by hand, a
    /// set stopped on a stale claim (R6.11: the controller has no claim
    /// handler, "TODO: Watch volumes" upstream), a Pod crossing
    /// minReadySeconds before the re-queue, a set whose back-off has grown.
    pub(crate) fn statefulset_resync(&mut self) {
        self.due.set_resync_queued = false;
        let keys: Vec<Key> = self
            .store
            .statefulsets
            .iter()
            .map(|s| crate::engine::store::key(&s.metadata.namespace, &s.metadata.name))
            .collect();
        if keys.is_empty() {
            return;
        }
        self.due.sets.extend(keys);
        self.queue_set_resync();
    }

    /// `getPodsForStatefulSet`: adopt matching orphans named like the set's
    /// Pods, release owned Pods that stopped matching (R2.10). Returns the
    /// owned Pods (indices into `facts`, where adopted Pods are appended),
    /// in name order.
    fn claim_pods(
        &mut self,
        set: &Rc<StatefulSet>,
        selector: &LabelSelector,
        cache: &mut facts::SetCache,
        facts: &mut Vec<facts::PodFacts>,
    ) -> Vec<usize> {
        let uid = set.metadata.uid.clone();
        let set_terminating = set.metadata.is_terminating();
        let mut owned = Vec::new();
        for i in 0..facts.len() {
            let f = &facts[i];
            match f.owner {
                facts::Owner::Set => {
                    if f.matches || set_terminating {
                        owned.push(i);
                    } else {
                        let mut np = (*f.pod).clone();
                        np.metadata.owner_references.retain(|r| r.uid != uid);
                        let _ = self.cluster_update(Object::Pod(Rc::new(np)));
                    }
                }
                facts::Owner::None if f.matches && !set_terminating && !f.terminating => {
                    let mut np = (*f.pod).clone();
                    np.metadata
                        .owner_references
                        .push(OwnerReference::controller(
                            "apps/v1",
                            "StatefulSet",
                            &set.metadata.name,
                            &uid,
                        ));
                    if let Ok(Object::Pod(adopted)) = self.cluster_update(Object::Pod(Rc::new(np)))
                    {
                        let af = cache.facts_for(set, selector, adopted);
                        facts.push(af);
                        owned.push(facts.len() - 1);
                    }
                }
                _ => {}
            }
        }
        owned
    }

    /// The set's revisions, adopting orphans that match its selector; sorted
    /// by revision number.
    fn claim_revisions(
        &mut self,
        set: &Rc<StatefulSet>,
        selector: &LabelSelector,
    ) -> Vec<Rc<ControllerRevision>> {
        let uid = set.metadata.uid.clone();
        let all: Vec<Rc<ControllerRevision>> = self
            .store
            .revisions
            .in_namespace(&set.metadata.namespace)
            .cloned()
            .collect();
        let mut mine = Vec::new();
        for r in all {
            match r.metadata.controller_ref() {
                Some(c) if c.uid == uid => mine.push(r),
                None if selector.matches(&r.metadata.labels) && !set.metadata.is_terminating() => {
                    let mut nr = (*r).clone();
                    nr.metadata
                        .owner_references
                        .push(OwnerReference::controller(
                            "apps/v1",
                            "StatefulSet",
                            &set.metadata.name,
                            &uid,
                        ));
                    if let Ok(Object::ControllerRevision(a)) =
                        self.cluster_update(Object::ControllerRevision(Rc::new(nr)))
                    {
                        mine.push(a);
                    }
                }
                _ => {}
            }
        }
        crate::sort::sort_by(&mut mine, |a, b| {
            a.revision
                .cmp(&b.revision)
                .then_with(|| a.metadata.name.cmp(&b.metadata.name))
        });
        mine
    }

    /// `getStatefulSetRevisions` (R4.3–R4.4).
    fn sync_revisions(
        &mut self,
        set: &Rc<StatefulSet>,
        revisions: &[Rc<ControllerRevision>],
    ) -> (Rc<ControllerRevision>, Rc<ControllerRevision>, i64) {
        let mut collision = set.status.collision_count.unwrap_or(0);
        let data = revision::revision_data(set);
        let newest = revisions.last().map_or(0, |r| r.revision);
        let equal: Vec<&Rc<ControllerRevision>> = revisions
            .iter()
            .filter(|r| revision::equal(r, &data))
            .collect();
        let update = if let Some(last) = equal.last() {
            if last.revision == newest {
                (*last).clone()
            } else {
                // An older template came back: its revision is renumbered newest+1.
                let mut r = (***last).clone();
                r.revision = newest + 1;
                match self.cluster_update(Object::ControllerRevision(Rc::new(r))) {
                    Ok(Object::ControllerRevision(r)) => r,
                    _ => (*last).clone(),
                }
            }
        } else {
            let mut created = None;
            for _ in 0..16 {
                let rev = revision::new_revision(set, newest + 1, collision);
                match self
                    .store
                    .revisions
                    .get(&set.metadata.namespace, &rev.metadata.name)
                    .cloned()
                {
                    Some(existing) if revision::equal(&existing, &rev.data) => {
                        created = Some(existing);
                        break;
                    }
                    Some(_) => collision += 1,
                    None => {
                        if let Ok(Object::ControllerRevision(r)) =
                            self.cluster_create(Object::ControllerRevision(Rc::new(rev)))
                        {
                            created = Some(r);
                        }
                        break;
                    }
                }
            }
            match created {
                Some(r) => r,
                None => Rc::new(revision::new_revision(set, newest + 1, collision)),
            }
        };
        let current = revisions
            .iter()
            .find(|r| r.metadata.name == set.status.current_revision)
            .cloned()
            .filter(|_| !set.status.current_revision.is_empty())
            .unwrap_or_else(|| update.clone());
        let current = if current.metadata.name == update.metadata.name {
            update.clone()
        } else {
            current
        };
        (current, update, collision)
    }

    /// Writes status when it changed (R5.10), completing a rollout (R4.6).
    fn write_set_status(&mut self, set: &Rc<StatefulSet>, mut status: StatefulSetStatus) {
        // `completeRollingUpdate`: measured against `spec.replicas`, so a
        // rollout whose Pods are not all there yet is not complete.
        let want = set.replicas();
        if set.update_strategy_type() == "RollingUpdate"
            && status.updated_replicas == want
            && status.ready_replicas == want
            && status.replicas == want
        {
            status.current_replicas = status.updated_replicas;
            status.current_revision = status.update_revision.clone();
        }
        let Some(latest) = self
            .store
            .statefulsets
            .get(&set.metadata.namespace, &set.metadata.name)
            .cloned()
        else {
            return;
        };
        // `inconsistentStatus`: written when a count or a revision differs,
        // or the observed generation grew; a status written through the
        // status subresource (a condition, a larger observedGeneration, a
        // collisionCount) stays until then, and then goes with the rest
        // (`set.Status = *status`).
        let stored = &latest.status;
        let inconsistent = status.observed_generation > stored.observed_generation
            || status.replicas != stored.replicas
            || status.current_replicas != stored.current_replicas
            || status.ready_replicas != stored.ready_replicas
            || status.updated_replicas != stored.updated_replicas
            || status.current_revision != stored.current_revision
            || status.available_replicas != stored.available_replicas
            || status.update_revision != stored.update_revision;
        if latest.metadata.uid != set.metadata.uid || !inconsistent {
            return;
        }
        let mut s = (*latest).clone();
        s.status = status;
        self.write_status(s);
    }

    /// `truncateHistory` (R4.14).
    fn truncate_history(
        &mut self,
        set: &Rc<StatefulSet>,
        current: &Rc<ControllerRevision>,
        update: &Rc<ControllerRevision>,
    ) {
        let limit = set.revision_history_limit();
        if limit < 0 {
            return;
        }
        let ns = set.metadata.namespace.clone();
        let mut history: Vec<Rc<ControllerRevision>> = self
            .store
            .revisions
            .in_namespace(&ns)
            .filter(|r| {
                r.metadata
                    .controller_ref()
                    .is_some_and(|c| c.uid == set.metadata.uid)
            })
            .filter(|r| {
                r.metadata.name != current.metadata.name && r.metadata.name != update.metadata.name
            })
            .cloned()
            .collect();
        // Most syncs end here: without more old revisions than the limit
        // there is nothing to truncate, whatever the Pods run.
        if history.len() as i64 <= limit {
            return;
        }
        let live_hashes: BTreeSet<&str> = self
            .store
            .pods
            .in_namespace(&ns)
            .filter(|p| {
                p.metadata
                    .controller_ref()
                    .is_some_and(|r| r.uid == set.metadata.uid)
            })
            .map(|p| identity::revision_of(p))
            .collect_set();
        history.retain(|r| !live_hashes.contains(r.metadata.name.as_str()));
        if history.len() as i64 <= limit {
            return;
        }
        crate::sort::sort_by_key(&mut history, |r| r.revision);
        let excess = history.len() - limit as usize;
        for r in history.into_iter().take(excess) {
            let _ = self.cluster_delete(
                Kind::ControllerRevision,
                &ns,
                &r.metadata.name,
                &Default::default(),
            );
        }
    }

    /// The Pods a set owns, by ordinal (for views and checks).
    pub fn set_pods(&self, ns: &str, name: &str) -> Vec<Rc<Pod>> {
        let Some(set) = self.store.statefulsets.get(ns, name) else {
            return vec![];
        };
        let mut pods: Vec<Rc<Pod>> = self
            .store
            .pods
            .in_namespace(ns)
            .filter(|p| {
                p.metadata
                    .controller_ref()
                    .is_some_and(|r| r.uid == set.metadata.uid)
            })
            .cloned()
            .collect();
        crate::sort::sort_by_key(&mut pods, |p| identity::ordinal(p));
        pods
    }
}
