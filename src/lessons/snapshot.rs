//! What a step's conditions compare against: a small record of the cluster
//! taken when the step began (which Pod had which uid, IP, node and restart
//! count, which claim was bound to which volume, each StatefulSet's update
//! revision). "web-0 came back as a new Pod", "the claim is still bound to
//! the same volume" or "the template change made a new revision" are only
//! decidable against such a record. It is plain data (serde), small enough
//! for the page to keep in its saved progress. Pure; no browser crates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::sort::CollectMap;

/// Namespaces of the cluster's own machinery: never part of a lesson.
const SYSTEM_NAMESPACES: &[&str] = &["kube-system", "local-path-storage"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodMark {
    pub uid: String,
    pub ip: String,
    pub node: String,
    pub restarts: i64,
}

/// The cluster at the start of a step, keyed by `namespace/name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Simulated time in milliseconds since the cluster started.
    pub at_ms: u64,
    pub pods: BTreeMap<String, PodMark>,
    /// Claim → the PersistentVolume it is bound to ("" while Pending).
    pub claims: BTreeMap<String, String>,
    /// StatefulSet → its `status.updateRevision`.
    pub sets: BTreeMap<String, String>,
}

pub(crate) fn key(ns: &str, name: &str) -> String {
    format!("{ns}/{name}")
}

fn user_ns(ns: &str) -> bool {
    !SYSTEM_NAMESPACES.contains(&ns)
}

impl Snapshot {
    /// Records the cluster as it is now.
    pub fn take(engine: &Engine) -> Snapshot {
        let store = engine.store();
        let pods = store
            .pods
            .iter()
            .filter(|p| user_ns(&p.metadata.namespace))
            .map(|p| {
                let restarts = p
                    .status
                    .container_statuses
                    .iter()
                    .map(|c| c.restart_count)
                    .sum();
                (
                    key(&p.metadata.namespace, &p.metadata.name),
                    PodMark {
                        uid: p.metadata.uid.to_string(),
                        ip: p.status.pod_ip.to_string(),
                        node: p.spec.node_name.to_string(),
                        restarts,
                    },
                )
            })
            .collect_map();
        let claims = store
            .pvcs
            .iter()
            .filter(|c| user_ns(&c.metadata.namespace))
            .map(|c| {
                (
                    key(&c.metadata.namespace, &c.metadata.name),
                    c.spec.volume_name.clone(),
                )
            })
            .collect_map();
        let sets = store
            .statefulsets
            .iter()
            .map(|s| {
                (
                    key(&s.metadata.namespace, &s.metadata.name),
                    s.status.update_revision.clone(),
                )
            })
            .collect_map();
        Snapshot {
            at_ms: engine.now().as_ms(),
            pods,
            claims,
            sets,
        }
    }

    pub fn pod(&self, ns: &str, name: &str) -> Option<&PodMark> {
        self.pods.get(&key(ns, name))
    }

    pub fn claim(&self, ns: &str, name: &str) -> Option<&str> {
        self.claims.get(&key(ns, name)).map(String::as_str)
    }

    pub fn set(&self, ns: &str, name: &str) -> Option<&str> {
        self.sets.get(&key(ns, name)).map(String::as_str)
    }
}
