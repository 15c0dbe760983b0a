//! The PersistentVolume controller and the local-path provisioner (R6.7–R6.9):
//! binds claims to matching static volumes, provisions `pvc-<uid>` volumes
//! for StorageClass claims (WaitForFirstConsumer: once the scheduler chose a
//! node; Immediate: at once), pins node-local volumes to their node, reclaims
//! (Delete / Retain) when claims go, and removes protection finalizers when
//! nothing uses a claim or volume any more.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::json;

use crate::engine::apiserver::{validation, FINALIZER_PVC_PROTECTION, FINALIZER_PV_PROTECTION};
use crate::engine::objects::storage::{HostPathVolumeSource, PersistentVolumeClaimStatus};
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::scheduler::SELECTED_NODE;
use crate::engine::store::{key, ChangeOp, Key};
use crate::engine::{Engine, Wakeup};

const PROVISIONER_ANN: &str = "volume.kubernetes.io/storage-provisioner";
const PROVISIONER_ANN_BETA: &str = "volume.beta.kubernetes.io/storage-provisioner";

#[derive(Clone, Debug, Default)]
pub struct PvMemory {
    /// The last event reason told per claim uid (events are told once per state).
    told: BTreeMap<String, String>,
    /// Claims being provisioned (by uid).
    provisioning: BTreeSet<String>,
    /// The node affinity given to local volumes, one shared tree per node:
    /// as small JSON maps it was a third of a volume in memory.
    pinned_to: BTreeMap<String, Rc<Value>>,
}

fn quantity_bytes(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| {
            !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E')
        })
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let m = match suffix {
        "" => 1.0,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "m" => 1e-3,
        _ => return None,
    };
    Some(n * m)
}

impl Engine {
    fn tell_claim(
        &mut self,
        c: &Rc<PersistentVolumeClaim>,
        type_: &str,
        reason: &str,
        message: String,
        component: &'static str,
    ) {
        if self
            .pv
            .told
            .get(c.metadata.uid.as_str())
            .map(String::as_str)
            == Some(reason)
        {
            return;
        }
        self.pv
            .told
            .insert(c.metadata.uid.to_string(), reason.to_string());
        self.record(
            &Object::PersistentVolumeClaim(c.clone()),
            type_,
            reason,
            message,
            Source::controller(component),
        );
    }

    /// A claim changed: reclaim on deletion; let the scheduler know.
    pub(crate) fn on_claim_change(&mut self, c: &Rc<PersistentVolumeClaim>, op: ChangeOp) {
        if op == ChangeOp::Deleted {
            self.pv.told.remove(c.metadata.uid.as_str());
            self.pv.provisioning.remove(c.metadata.uid.as_str());
            if !c.spec.volume_name.is_empty() {
                self.release_volume(&c.spec.volume_name, &c.metadata.uid);
            }
        }
        self.scheduler_claim_changed(&key(&c.metadata.namespace, &c.metadata.name));
    }

    /// A volume changed: a new static volume may bind waiting claims; a
    /// volume being deleted loses its protection once nothing is bound to it.
    pub(crate) fn on_volume_change(&mut self, name: &str) {
        let Some(pv) = self.store.pvs.get("", name).cloned() else {
            return;
        };
        if pv.metadata.is_terminating() && pv.status.phase != "Bound" {
            self.drop_finalizer(Kind::PersistentVolume, "", name, FINALIZER_PV_PROTECTION);
            return;
        }
        if pv.status.phase == "Pending" || pv.status.phase.is_empty() {
            let mut v = (*pv).clone();
            v.status.phase = if v.spec.claim_ref.is_some() {
                "Bound".into()
            } else {
                "Available".into()
            };
            self.write_status(v);
            let pending: Vec<Key> = self
                .store
                .pvcs
                .iter()
                .filter(|c| c.status.phase == "Pending")
                .map(|c| key(&c.metadata.namespace, &c.metadata.name))
                .collect();
            self.due.claims.extend(pending);
        }
    }

    /// A StorageClass was created: claims left Pending because it did not
    /// exist yet (a manifest that lists the class after the StatefulSet, as
    /// the Cassandra tutorial's does) get another pass. The real binder
    /// finds them on its periodic resync of every claim.
    pub(crate) fn on_class_added(&mut self, class: &str) {
        let pending: Vec<Key> = self
            .store
            .pvcs
            .iter()
            .filter(|c| c.status.phase == "Pending" && !c.metadata.is_terminating())
            .filter(|c| c.spec.storage_class_name.as_deref() == Some(class))
            .map(|c| key(&c.metadata.namespace, &c.metadata.name))
            .collect();
        self.due.claims.extend(pending);
    }

    /// The claim's volume is released: reclaim by policy (R6.8).
    fn release_volume(&mut self, pv_name: &str, claim_uid: &str) {
        let Some(pv) = self.store.pvs.get("", pv_name).cloned() else {
            return;
        };
        if pv
            .spec
            .claim_ref
            .as_ref()
            .is_some_and(|r| r.uid != claim_uid)
        {
            return;
        }
        let mut v = (*pv).clone();
        v.status.phase = "Released".into();
        v.status.last_phase_transition_time = Some(Time::new(self.now.trunc_secs()));
        self.write_status(v);
        if pv.spec.persistent_volume_reclaim_policy.as_deref() == Some("Delete") {
            let _ = self.cluster_delete(Kind::PersistentVolume, "", pv_name, &Default::default());
            self.drop_finalizer(Kind::PersistentVolume, "", pv_name, FINALIZER_PV_PROTECTION);
        }
    }

    /// One pass of the binder over one claim.
    pub(crate) fn sync_claim(&mut self, k: &Key) {
        let Some(c) = self.store.pvcs.get(&k.0, &k.1).cloned() else {
            return;
        };
        if c.metadata.is_terminating() {
            // pvc-protection: held while any Pod object scheduled to a node
            // mounts it, whatever its phase (R6.9). An unscheduled Pod does
            // not hold it: the kubelet, which has not seen that Pod, refuses
            // a claim being deleted anyway (pvcprotection `podUsesPVC`).
            let used = self
                .store
                .pods_using_claim(&k.0, &k.1)
                .any(|p| !p.spec.node_name.is_empty());
            if !used {
                self.drop_finalizer(
                    Kind::PersistentVolumeClaim,
                    &k.0,
                    &k.1,
                    FINALIZER_PVC_PROTECTION,
                );
            }
            return;
        }
        if c.status.phase == "Bound" {
            return;
        }
        // A static volume that fits.
        if let Some(pv) = self.matching_volume(&c) {
            self.bind(&c, &pv.metadata.name);
            return;
        }
        let class_name = c.spec.storage_class_name.clone().unwrap_or_default();
        if class_name.is_empty() {
            self.tell_claim(
                &c,
                "Normal",
                "FailedBinding",
                "no persistent volumes available for this claim and no storage class is set".into(),
                "persistentvolume-controller",
            );
            return;
        }
        let Some(sc) = self.store.storage_classes.get("", &class_name).cloned() else {
            self.tell_claim(
                &c,
                "Warning",
                "ProvisioningFailed",
                format!("storageclass.storage.k8s.io {class_name:?} not found"),
                "persistentvolume-controller",
            );
            return;
        };
        let node = match c.metadata.annotations.get(SELECTED_NODE) {
            Some(n) => n.clone(),
            None if sc.wait_for_first_consumer() => {
                let user = self
                    .store
                    .pods_using_claim(&k.0, &k.1)
                    .next()
                    .map(|p| p.metadata.name.clone());
                match user {
                    Some(pod) => self.tell_claim(
                        &c,
                        "Normal",
                        "WaitForPodScheduled",
                        format!("waiting for pod {pod} to be scheduled"),
                        "persistentvolume-controller",
                    ),
                    None => self.tell_claim(
                        &c,
                        "Normal",
                        "WaitForFirstConsumer",
                        "waiting for first consumer to be created before binding".into(),
                        "persistentvolume-controller",
                    ),
                }
                return;
            }
            None => {
                let workers: Vec<String> = self
                    .store
                    .nodes
                    .iter()
                    .filter(|n| n.spec.taints.is_empty())
                    .map(|n| n.metadata.name.to_string())
                    .collect();
                let i = self.rng.range(0, workers.len().max(1) as u64 - 1) as usize;
                workers.get(i).cloned().unwrap_or_default().into()
            }
        };
        if !self.pv.provisioning.insert(c.metadata.uid.to_string()) {
            return;
        }
        let mut nc = (*c).clone();
        nc.metadata
            .annotations
            .insert(PROVISIONER_ANN.into(), sc.provisioner.clone().into());
        nc.metadata
            .annotations
            .insert(PROVISIONER_ANN_BETA.into(), sc.provisioner.clone().into());
        let c = match self.cluster_update(Object::PersistentVolumeClaim(Rc::new(nc))) {
            Ok(Object::PersistentVolumeClaim(c)) => c,
            _ => c,
        };
        self.tell_claim(
            &c,
            "Normal",
            "ExternalProvisioning",
            format!("Waiting for a volume to be created either by the external provisioner '{}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.", sc.provisioner),
            "persistentvolume-controller",
        );
        self.pv.told.remove(c.metadata.uid.as_str());
        self.tell_claim(&c, "Normal", "Provisioning", format!("External provisioner is provisioning volume for claim \"{}/{}\"", k.0, k.1), "rancher.io/local-path_local-path-provisioner-7dc846544d-9t6fq_7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d");
        self.after(
            self.config.latency.provisioning,
            Wakeup::Provisioned {
                claim: k.clone(),
                uid: c.metadata.uid.to_string(),
                node: node.to_string(),
            },
        );
    }

    /// The provisioner created the volume: make the PV and bind the claim.
    pub(crate) fn provisioned(&mut self, k: &Key, uid: &str, node: &str) {
        self.pv.provisioning.remove(uid);
        let Some(c) = self.store.pvcs.get(&k.0, &k.1).cloned() else {
            return;
        };
        if c.metadata.uid != uid || c.status.phase == "Bound" || c.metadata.is_terminating() {
            return;
        }
        let class_name = c.spec.storage_class_name.clone().unwrap_or_default();
        let Some(sc) = self.store.storage_classes.get("", &class_name).cloned() else {
            return;
        };
        let name = format!("pvc-{uid}");
        let size = c.requested_storage().unwrap_or_else(|| "1Gi".into());
        let mut annotations = Labels::new();
        annotations.insert(
            "pv.kubernetes.io/provisioned-by".into(),
            sc.provisioner.clone().into(),
        );
        let local = sc.provisioner == "rancher.io/local-path";
        if local {
            annotations.insert("local.path.provisioner/selected-node".into(), node.into());
        }
        let mut extra = objects_extra();
        let mut host_path = None;
        if local {
            host_path = Some(HostPathVolumeSource {
                path: format!("/var/local-path-provisioner/{name}_{}_{}", k.0, k.1),
                type_: Some(RcStr::interned("DirectoryOrCreate")),
            });
        } else if !validation::names::is_dns1123_subdomain(&sc.provisioner).is_empty() {
            // Not a CSI driver name (`k8s.io/minikube-hostpath`, the Cassandra
            // tutorial's class): a hostPath volume, as minikube's
            // storage-provisioner makes them.
            host_path = Some(HostPathVolumeSource {
                path: format!("/tmp/hostpath-provisioner/{}/{}", k.0, k.1),
                type_: Some(RcStr::default()),
            });
        } else {
            extra.insert(
                "csi".into(),
                json!({"driver": sc.provisioner, "volumeHandle": name}),
            );
        }
        let pv = PersistentVolume {
            metadata: ObjectMeta {
                name: name.clone().into(),
                annotations,
                finalizers: vec![FINALIZER_PV_PROTECTION.into()],
                ..Default::default()
            },
            spec: storage::PersistentVolumeSpec {
                capacity: [("storage".to_string(), size)].into_iter().collect(),
                access_modes: c.spec.access_modes.clone(),
                claim_ref: Some(ObjectReference {
                    api_version: "v1".into(),
                    kind: "PersistentVolumeClaim".into(),
                    namespace: k.0.clone().into(),
                    name: k.1.clone().into(),
                    uid: uid.into(),
                    resource_version: c.metadata.resource_version.clone(),
                    ..Default::default()
                }),
                persistent_volume_reclaim_policy: Some(
                    sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
                ),
                storage_class_name: class_name,
                volume_mode: Some(
                    c.spec
                        .volume_mode
                        .clone()
                        .unwrap_or_else(|| "Filesystem".into()),
                ),
                node_affinity: local.then(|| pinned_to(&mut self.pv.pinned_to, node)),
                host_path,
                extra,
            },
            status: Default::default(),
        };
        if self
            .cluster_create(Object::PersistentVolume(Rc::new(pv)))
            .is_err()
        {
            return;
        }
        self.volumes.ensure(&name);
        self.pv.told.remove(uid);
        let msg = format!("Successfully provisioned volume {name}");
        self.tell_claim(&c, "Normal", "ProvisioningSucceeded", msg, "rancher.io/local-path_local-path-provisioner-7dc846544d-9t6fq_7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d");
        self.bind(&c, &name);
    }

    /// Binds a claim and a volume both ways.
    fn bind(&mut self, c: &Rc<PersistentVolumeClaim>, pv_name: &str) {
        let Some(pv) = self.store.pvs.get("", pv_name).cloned() else {
            return;
        };
        let mut v = (*pv).clone();
        v.spec.claim_ref = Some(ObjectReference {
            api_version: "v1".into(),
            kind: "PersistentVolumeClaim".into(),
            namespace: c.metadata.namespace.clone(),
            name: c.metadata.name.clone(),
            uid: c.metadata.uid.clone(),
            resource_version: c.metadata.resource_version.clone(),
            ..Default::default()
        });
        v.status.phase = "Bound".into();
        v.status.last_phase_transition_time = Some(Time::new(self.now.trunc_secs()));
        let _ = self.cluster_update(Object::PersistentVolume(Rc::new(v.clone())));
        self.write_status(v.clone());
        self.volumes.ensure(pv_name);

        let Some(latest) = self
            .store
            .pvcs
            .get(&c.metadata.namespace, &c.metadata.name)
            .cloned()
        else {
            return;
        };
        let mut nc = (*latest).clone();
        nc.spec.volume_name = pv_name.to_string();
        nc.metadata
            .annotations
            .insert("pv.kubernetes.io/bind-completed".into(), "yes".into());
        nc.metadata
            .annotations
            .insert("pv.kubernetes.io/bound-by-controller".into(), "yes".into());
        let nc = match self.cluster_update(Object::PersistentVolumeClaim(Rc::new(nc))) {
            Ok(Object::PersistentVolumeClaim(c)) => (*c).clone(),
            _ => return,
        };
        let mut bound = nc;
        bound.status = PersistentVolumeClaimStatus {
            phase: "Bound".into(),
            access_modes: v.spec.access_modes.clone(),
            capacity: v.spec.capacity.clone(),
        };
        self.write_status(bound);
        self.scheduler_claim_changed(&key(&c.metadata.namespace, &c.metadata.name));
    }

    /// A static, Available volume that satisfies the claim.
    fn matching_volume(&self, c: &PersistentVolumeClaim) -> Option<Rc<PersistentVolume>> {
        let want = c
            .requested_storage()
            .and_then(|q| quantity_bytes(&q))
            .unwrap_or(0.0);
        let class = c.spec.storage_class_name.clone().unwrap_or_default();
        // The volumes that can pass the claimRef filter below, by index
        // (the same ones, in the same order, as a scan of every volume).
        let all: Vec<&Rc<PersistentVolume>> = match self.store.volumes_for_claim(c) {
            Some(v) => v,
            None => self.store.pvs.iter().collect(),
        };
        let mut candidates: Vec<Rc<PersistentVolume>> = all
            .into_iter()
            .filter(|v| !v.metadata.is_terminating())
            .filter(|v| match &v.spec.claim_ref {
                Some(r) => {
                    r.uid == c.metadata.uid
                        || (r.uid.is_empty()
                            && r.name == c.metadata.name
                            && r.namespace == c.metadata.namespace)
                }
                None => v.status.phase == "Available",
            })
            .filter(|v| c.spec.volume_name.is_empty() || c.spec.volume_name == v.metadata.name)
            .filter(|v| v.spec.storage_class_name == class)
            .filter(|v| {
                c.spec
                    .access_modes
                    .iter()
                    .all(|m| v.spec.access_modes.contains(m))
            })
            .filter(|v| {
                v.spec
                    .capacity
                    .get("storage")
                    .and_then(|q| quantity_bytes(q))
                    .unwrap_or(0.0)
                    >= want
            })
            .filter(|v| {
                c.spec
                    .selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&v.metadata.labels))
            })
            .cloned()
            .collect();
        crate::sort::sort_by(&mut candidates, |a, b| {
            let sa = a
                .spec
                .capacity
                .get("storage")
                .and_then(|q| quantity_bytes(q))
                .unwrap_or(0.0);
            let sb = b
                .spec
                .capacity
                .get("storage")
                .and_then(|q| quantity_bytes(q))
                .unwrap_or(0.0);
            sa.partial_cmp(&sb)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.metadata.name.cmp(&b.metadata.name))
        });
        candidates.into_iter().next()
    }
}

fn objects_extra() -> crate::engine::objects::common::Extra {
    Default::default()
}

/// The required node affinity of a volume on `node`, shared between volumes.
fn pinned_to(cache: &mut BTreeMap<String, Rc<Value>>, node: &str) -> Rc<Value> {
    cache
        .entry(node.to_string())
        .or_insert_with(|| {
            Rc::new(
                json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [
                    {"key": "kubernetes.io/hostname", "operator": "In", "values": [node]}
                ]}]}}),
            )
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::quantity_bytes;

    #[test]
    fn quantities_compare_by_bytes() {
        assert_eq!(quantity_bytes("1Gi"), Some(1073741824.0));
        assert!(quantity_bytes("1G").unwrap() < quantity_bytes("1Gi").unwrap());
        assert_eq!(quantity_bytes("500Mi"), Some(524288000.0));
        assert_eq!(quantity_bytes("lots"), None);
    }
}
