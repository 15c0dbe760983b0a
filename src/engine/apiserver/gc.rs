//! The garbage collector: owner references decide what goes when an owner
//! goes (R3.15, R6.10–R6.11). Background: dependents of a vanished owner are
//! deleted. Foreground: the owner waits (finalizer `foregroundDeletion`)
//! until dependents that block it are gone. Orphan: the owner's references
//! are removed from its dependents (finalizer `orphan`), which then stay.

use std::collections::{BTreeMap, BTreeSet};

use super::server::{DeleteOptions, FINALIZER_FOREGROUND, FINALIZER_ORPHAN};
use crate::engine::objects::{Kind, Object, OwnerReference, RESOURCES};
use crate::engine::Engine;

impl Engine {
    /// One pass of the garbage collector.
    ///
    /// An owner exists when some object (Events aside) has its uid. The
    /// pass asks the store for each reference's owner by kind and name
    /// first, and builds the set of every uid only for references that
    /// lookup does not confirm: a pass runs after every deletion, and
    /// copying every object's uid, namespace, name and finalizers into
    /// maps was most of a 1,000-Pod rolling update's time.
    pub(crate) fn garbage_collect(&mut self) {
        let all: Vec<Object> = RESOURCES
            .iter()
            .filter(|r| r.kind != Kind::Event)
            .flat_map(|r| self.store.list_dyn(r.kind, None))
            .collect();
        let mut every_uid: Option<BTreeSet<&str>> = None;
        let mut owner_exists = |dependent: &Object, r: &OwnerReference| -> bool {
            let found = Kind::from_api_version_kind(&r.api_version, &r.kind)
                .filter(|k| *k != Kind::Event)
                .and_then(|k| {
                    let ns = if k.namespaced() {
                        dependent.namespace()
                    } else {
                        ""
                    };
                    self.store.get_dyn(k, ns, &r.name)
                })
                .is_some_and(|o| o.meta().uid == r.uid);
            found
                || every_uid
                    .get_or_insert_with(|| all.iter().map(|o| o.meta().uid.as_str()).collect())
                    .contains(r.uid.as_str())
        };

        // Owners with a deletion finalizer to carry out, by uid (the order
        // the pass acts in), and their dependents in store order.
        let mut finalizing: Vec<(&str, &Object)> = all
            .iter()
            .filter(|o| {
                let m = o.meta();
                m.is_terminating()
                    && m.finalizers
                        .iter()
                        .any(|f| f == FINALIZER_ORPHAN || f == FINALIZER_FOREGROUND)
            })
            .map(|o| (o.meta().uid.as_str(), o))
            .collect();
        crate::sort::sort_by(&mut finalizing, |a, b| a.0.cmp(b.0));
        finalizing.dedup_by(|a, b| a.0 == b.0);
        let mut dependents: BTreeMap<&str, Vec<&Object>> = BTreeMap::new();
        if !finalizing.is_empty() {
            for o in &all {
                for r in &o.meta().owner_references {
                    if let Ok(i) = finalizing.binary_search_by(|(u, _)| (*u).cmp(r.uid.as_str())) {
                        dependents.entry(finalizing[i].0).or_default().push(o);
                    }
                }
            }
        }

        let mut to_delete: Vec<(Kind, String, String)> = Vec::new();
        let mut to_orphan: Vec<(Kind, String, String, String)> = Vec::new();
        let mut finished: Vec<(Kind, String, String, &'static str)> = Vec::new();

        for (uid, owner) in &finalizing {
            let deps = dependents.get(uid).map(Vec::as_slice).unwrap_or(&[]);
            let m = owner.meta();
            let (kind, ns, name) = (owner.kind(), owner.namespace(), owner.name());
            if m.finalizers.iter().any(|f| f == FINALIZER_ORPHAN) {
                for d in deps {
                    to_orphan.push((
                        d.kind(),
                        d.namespace().to_string(),
                        d.name().to_string(),
                        uid.to_string(),
                    ));
                }
                finished.push((kind, ns.to_string(), name.to_string(), FINALIZER_ORPHAN));
            } else {
                let mut blocking = false;
                for d in deps {
                    let blocks = d
                        .meta()
                        .owner_references
                        .iter()
                        .any(|r| r.uid == *uid && r.block_owner_deletion == Some(true));
                    if !d.meta().is_terminating() {
                        to_delete.push((d.kind(), d.namespace().to_string(), d.name().to_string()));
                    }
                    blocking |= blocks;
                }
                if !blocking {
                    finished.push((kind, ns.to_string(), name.to_string(), FINALIZER_FOREGROUND));
                }
            }
        }

        // Dependents all of whose owners are gone.
        for o in &all {
            let refs = &o.meta().owner_references;
            if refs.is_empty() || o.meta().is_terminating() {
                continue;
            }
            if refs.iter().all(|r| !owner_exists(o, r)) {
                to_delete.push((o.kind(), o.namespace().to_string(), o.name().to_string()));
            }
        }

        // Nothing to do: until a change that matters (`gc_relevant`), later
        // passes would find nothing either.
        self.due.gc_clean = to_orphan.is_empty() && to_delete.is_empty() && finished.is_empty();

        for (kind, ns, name, uid) in to_orphan {
            if let Some(mut obj) = self.store.get_dyn(kind, &ns, &name) {
                obj.meta_mut().owner_references.retain(|r| r.uid != uid);
                let _ = self.cluster_update(obj);
            }
        }
        crate::sort::sort(&mut to_delete);
        to_delete.dedup();
        for (kind, ns, name) in to_delete {
            let _ = self.cluster_delete(kind, &ns, &name, &DeleteOptions::default());
        }
        for (kind, ns, name, f) in finished {
            self.drop_finalizer(kind, &ns, &name, f);
        }
    }
}
