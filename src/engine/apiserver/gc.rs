//! The garbage collector: owner references decide what goes when an owner
//! goes (R3.15, R6.10–R6.11). Background: dependents of a vanished owner are
//! deleted. Foreground: the owner waits (finalizer `foregroundDeletion`)
//! until dependents that block it are gone. Orphan: the owner's references
//! are removed from its dependents (finalizer `orphan`), which then stay.

use std::collections::BTreeMap;

use super::server::{DeleteOptions, FINALIZER_FOREGROUND, FINALIZER_ORPHAN};
use crate::engine::objects::{Kind, Object, RESOURCES};
use crate::engine::Engine;
use crate::sort::CollectMap;

struct Owner {
    kind: Kind,
    ns: String,
    name: String,
    terminating: bool,
    finalizers: Vec<String>,
}

impl Engine {
    /// One pass of the garbage collector.
    pub(crate) fn garbage_collect(&mut self) {
        let all: Vec<Object> = RESOURCES
            .iter()
            .filter(|r| r.kind != Kind::Event)
            .flat_map(|r| self.store.list_dyn(r.kind, None))
            .collect();
        let owners: BTreeMap<String, Owner> = all
            .iter()
            .map(|o| {
                let m = o.meta();
                (
                    m.uid.to_string(),
                    Owner {
                        kind: o.kind(),
                        ns: m.namespace.to_string(),
                        name: m.name.to_string(),
                        terminating: m.is_terminating(),
                        finalizers: m.finalizers.clone(),
                    },
                )
            })
            .collect_map();

        // Dependents per owner uid, in store order.
        let mut dependents: BTreeMap<String, Vec<&Object>> = BTreeMap::new();
        for o in &all {
            for r in &o.meta().owner_references {
                dependents.entry(r.uid.to_string()).or_default().push(o);
            }
        }

        let mut to_delete: Vec<(Kind, String, String)> = Vec::new();
        let mut to_orphan: Vec<(Kind, String, String, String)> = Vec::new();
        let mut finished: Vec<(Kind, String, String, &'static str)> = Vec::new();

        for (uid, owner) in &owners {
            let deps = dependents.get(uid).map(Vec::as_slice).unwrap_or(&[]);
            if owner.terminating && owner.finalizers.iter().any(|f| f == FINALIZER_ORPHAN) {
                for d in deps {
                    to_orphan.push((
                        d.kind(),
                        d.namespace().to_string(),
                        d.name().to_string(),
                        uid.clone(),
                    ));
                }
                finished.push((
                    owner.kind,
                    owner.ns.clone(),
                    owner.name.clone(),
                    FINALIZER_ORPHAN,
                ));
            } else if owner.terminating
                && owner.finalizers.iter().any(|f| f == FINALIZER_FOREGROUND)
            {
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
                    finished.push((
                        owner.kind,
                        owner.ns.clone(),
                        owner.name.clone(),
                        FINALIZER_FOREGROUND,
                    ));
                }
            }
        }

        // Dependents all of whose owners are gone.
        for o in &all {
            let refs = &o.meta().owner_references;
            if refs.is_empty() || o.meta().is_terminating() {
                continue;
            }
            if refs.iter().all(|r| !owners.contains_key(r.uid.as_str())) {
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
