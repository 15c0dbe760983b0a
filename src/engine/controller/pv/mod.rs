//! The PersistentVolume controller and the local-path provisioner (R6.7–R6.9),
//! after kube-controller-manager's `pkg/controller/volume/persistentvolume`
//! (`syncClaim`, `syncVolume`, `bind`, `reclaimVolume`) and its protection
//! controllers: volumes go Pending → Available → Bound → Released (or
//! Failed when their reclaim policy cannot be carried out); claims bind to
//! the smallest fitting static volume (a volume pre-bound to them first),
//! are provisioned `pvc-<uid>` volumes through their StorageClass
//! (WaitForFirstConsumer: once the scheduler chose a node; Immediate: at
//! once), and are Lost when their volume goes. Protection finalizers are
//! removed when nothing uses a claim or volume any more.
//!
//! `matching.rs` chooses a volume for a claim (the scheduler uses it too),
//! `provision.rs` makes one, `reclaim.rs` says what becomes of a Released one.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::json;

use crate::engine::apiserver::{
    go_quote, validation, FINALIZER_PVC_PROTECTION, FINALIZER_PV_PROTECTION,
};
use crate::engine::objects::storage::{HostPathVolumeSource, PersistentVolumeClaimStatus};
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::scheduler::SELECTED_NODE;
use crate::engine::store::{key, ChangeOp, Key};
use crate::engine::time::SimDuration;
use crate::engine::{Engine, Wakeup};

mod matching;
mod provision;
mod reclaim;

use matching::*;
pub(crate) use matching::{find_matching_volume, is_volume_bound_to_claim, requested_bytes};

const PROVISIONER_ANN: &str = "volume.kubernetes.io/storage-provisioner";
const PROVISIONER_ANN_BETA: &str = "volume.beta.kubernetes.io/storage-provisioner";
pub(crate) const BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
pub(crate) const BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
const PROVISIONED_BY: &str = "pv.kubernetes.io/provisioned-by";
/// `NotSupportedProvisioner`: a class for static volumes only.
pub(crate) const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";
const LOCAL_PATH: &str = "rancher.io/local-path";
const PV_CONTROLLER: &str = "persistentvolume-controller";
/// The local-path provisioner's identity (`<name>_<pod>_<uuid>`), the source
/// of its events.
const LOCAL_PATH_IDENTITY: &str = "rancher.io/local-path_local-path-provisioner-7dc846544d-9t6fq_7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d";

/// In-tree provisioners whose CSI migration is on in 1.35: the PV
/// controller hands their claims to an external provisioner instead of
/// failing (`csiMigratedPluginManager.IsMigrationEnabledForPlugin`).
const MIGRATED_PROVISIONERS: &[&str] = &[
    "kubernetes.io/aws-ebs",
    "kubernetes.io/azure-disk",
    "kubernetes.io/azure-file",
    "kubernetes.io/cinder",
    "kubernetes.io/gce-pd",
    "kubernetes.io/portworx-volume",
    "kubernetes.io/vsphere-volume",
];

#[derive(Clone, Debug, Default)]
pub struct PvMemory {
    /// The last event reason told per claim uid, or per `pv/<name>` for a
    /// volume: a state is told once per change of state, and again at each
    /// periodic resync (`pv_resync`), as the binder's syncs tell it.
    told: BTreeMap<String, String>,
    /// Whether the next periodic resync is on the timers.
    resync_queued: bool,
    /// Claims being provisioned (by uid).
    provisioning: BTreeSet<String>,
    /// The node affinity given to local volumes, one shared tree per node:
    /// as small JSON maps it was a third of a volume in memory.
    pinned_to: BTreeMap<String, Rc<Value>>,
}

impl Engine {
    /// Records an event about `obj` unless the same reason was the last one
    /// told under `told_key`.
    fn tell(
        &mut self,
        told_key: &str,
        obj: Object,
        type_: &str,
        reason: &str,
        message: String,
        component: &'static str,
    ) {
        if self.pv.told.get(told_key).map(String::as_str) == Some(reason) {
            return;
        }
        self.pv
            .told
            .insert(told_key.to_string(), reason.to_string());
        self.record(&obj, type_, reason, message, Source::controller(component));
    }

    fn tell_claim(
        &mut self,
        c: &Rc<PersistentVolumeClaim>,
        type_: &str,
        reason: &str,
        message: String,
        component: &'static str,
    ) {
        let k = c.metadata.uid.to_string();
        self.tell(
            &k,
            Object::PersistentVolumeClaim(c.clone()),
            type_,
            reason,
            message,
            component,
        );
    }

    fn tell_volume(
        &mut self,
        v: &Rc<PersistentVolume>,
        type_: &str,
        reason: &str,
        message: String,
    ) {
        let k = format!("pv/{}", v.metadata.name);
        self.tell(
            &k,
            Object::PersistentVolume(v.clone()),
            type_,
            reason,
            message,
            PV_CONTROLLER,
        );
    }

    /// A claim changed: its volume looks again when it is deleted; the
    /// scheduler hears of it.
    pub(crate) fn on_claim_change(&mut self, c: &Rc<PersistentVolumeClaim>, op: ChangeOp) {
        if op == ChangeOp::Deleted {
            self.pv.told.remove(c.metadata.uid.as_str());
            self.pv.provisioning.remove(c.metadata.uid.as_str());
            let mut volumes: Vec<String> = self
                .store
                .volumes_naming_claim(&c.metadata.namespace, &c.metadata.name)
                .map(|v| v.metadata.name.to_string())
                .collect();
            if !c.spec.volume_name.is_empty() {
                volumes.push(c.spec.volume_name.clone());
            }
            // Its volume is released at once (the binder's claim-deleted
            // handler queues it), before other claims' deletions are seen.
            crate::sort::sort(&mut volumes);
            volumes.dedup();
            for v in volumes {
                self.sync_volume(&v);
            }
        }
        self.scheduler_claim_changed(&key(&c.metadata.namespace, &c.metadata.name));
    }

    /// The expand controller (`pkg/controller/volume/expand`): a bound
    /// claim asked to grow past its capacity. No resizer runs in the
    /// cluster (the local-path provisioner has none, and no in-tree plugin
    /// expands these volumes), so it is told to wait for an external one,
    /// and its capacity stays.
    pub(crate) fn on_claim_resize(
        &mut self,
        c: &Rc<PersistentVolumeClaim>,
        old: &PersistentVolumeClaim,
    ) {
        let request = requested_bytes(c);
        if c.status.phase != "Bound" || request == requested_bytes(old) {
            return;
        }
        let capacity = c
            .status
            .capacity
            .get("storage")
            .and_then(|q| quantity_bytes(q))
            .unwrap_or(0.0);
        let bound_to_it = self
            .store
            .pvs
            .get("", &c.spec.volume_name)
            .and_then(|v| v.spec.claim_ref.as_ref())
            .is_some_and(|r| r.uid == c.metadata.uid);
        if request <= capacity || !bound_to_it {
            return;
        }
        self.record(
            &Object::PersistentVolumeClaim(c.clone()),
            "Warning",
            "ExternalExpanding",
            "waiting for an external controller to expand this PVC".into(),
            Source::controller("volume_expand"),
        );
    }

    /// A volume changed (or was deleted): the claim it names looks again,
    /// the volume is synced, the scheduler may place waiting Pods.
    pub(crate) fn on_volume_change(&mut self, pv: &Rc<PersistentVolume>, op: ChangeOp) {
        if let Some(cr) = &pv.spec.claim_ref {
            self.due.claims.insert(key(&cr.namespace, &cr.name));
        }
        if op == ChangeOp::Deleted {
            self.pv.told.remove(&format!("pv/{}", pv.metadata.name));
            self.volumes.forget(&pv.metadata.name);
        } else {
            self.due.volumes.insert(pv.metadata.name.to_string());
        }
        if !self.scheduler.unschedulable_for_volumes.is_empty() {
            self.scheduler_retry_for_volumes();
        }
    }

    /// A StorageClass was created or changed: claims left Pending get
    /// another pass (one whose class did not exist yet, a manifest that
    /// lists the class after the StatefulSet as the Cassandra tutorial's
    /// does; one without a class, which a new default class is given). The
    /// real binder finds them on its periodic resync of every claim.
    pub(crate) fn on_class_change(&mut self) {
        self.requeue_pending_claims();
        if !self.scheduler.unschedulable.is_empty() {
            self.scheduler_retry_for_storage();
        }
    }

    /// `updateVolumePhase`: a new phase (and message) with its transition
    /// time; nothing if the phase is already so.
    fn set_volume_phase(
        &mut self,
        v: &Rc<PersistentVolume>,
        phase: &str,
        message: &str,
    ) -> Rc<PersistentVolume> {
        if v.status.phase == phase {
            return v.clone();
        }
        let mut nv = (**v).clone();
        nv.status.phase = phase.into();
        nv.status.message = message.into();
        nv.status.last_phase_transition_time = Some(Time::new(self.now.trunc_secs()));
        self.write_status(nv)
    }

    /// `syncVolume` and the pv-protection controller.
    pub(crate) fn sync_volume(&mut self, name: &str) {
        let Some(pv) = self.store.pvs.get("", name).cloned() else {
            return;
        };
        if pv.metadata.is_terminating() && pv.status.phase != "Bound" {
            self.drop_finalizer(Kind::PersistentVolume, "", name, FINALIZER_PV_PROTECTION);
            if self.store.pvs.get("", name).is_none() {
                return;
            }
        }
        let Some(r) = pv.spec.claim_ref.clone() else {
            self.make_available(&pv);
            return;
        };
        if r.uid.is_empty() {
            // Pre-bound to a claim that has not bound yet.
            self.make_available(&pv);
            return;
        }
        let claim = self
            .store
            .pvcs
            .get(&r.namespace, &r.name)
            .filter(|c| c.metadata.uid == r.uid)
            .cloned();
        let Some(c) = claim else {
            // The claim is gone (or another of the same name came).
            self.release(&pv);
            return;
        };
        if c.spec.volume_name.is_empty() {
            if volume_mode_mismatch(&c, &pv) {
                self.tell_volume(&pv, "Warning", "VolumeMismatch", format!("Cannot bind PersistentVolume to requested PersistentVolumeClaim {} due to incompatible volumeMode.", go_quote(&c.metadata.name)));
                self.tell_claim(&c, "Warning", "VolumeMismatch", format!("Cannot bind PersistentVolume {} to requested PersistentVolumeClaim due to incompatible volumeMode.", go_quote(name)), PV_CONTROLLER);
                return;
            }
            self.due
                .claims
                .insert(key(&c.metadata.namespace, &c.metadata.name));
        } else if c.spec.volume_name == name {
            self.set_volume_phase(&pv, "Bound", "");
        } else if pv.metadata.annotations.contains_key(PROVISIONED_BY)
            && pv.spec.persistent_volume_reclaim_policy.as_deref() == Some("Delete")
        {
            // Provisioned for a claim that got bound elsewhere.
            self.release(&pv);
        } else {
            self.unbind_volume(&pv);
        }
    }

    /// The volume's claim is gone: it is Released (unless it already is, or
    /// Failed) and its reclaim policy is carried out.
    fn release(&mut self, pv: &Rc<PersistentVolume>) {
        let pv = if pv.status.phase != "Released" && pv.status.phase != "Failed" {
            self.set_volume_phase(pv, "Released", "")
        } else {
            pv.clone()
        };
        self.reclaim(&pv);
    }

    /// The binder's resync period (`PVClaimBinderSyncPeriod`).
    pub(crate) const RESYNC_PERIOD: SimDuration = SimDuration::secs(15);

    /// Puts the next periodic resync on the timers if a claim is Pending:
    /// the resync loop runs every 15 s from the controller's start (the
    /// cluster's), and only a Pending claim shows anything of it.
    pub(crate) fn queue_pv_resync(&mut self) {
        if self.pv.resync_queued {
            return;
        }
        self.pv.resync_queued = true;
        self.at(self.now.next_tick(Self::RESYNC_PERIOD), Wakeup::PvResync);
    }

    /// `resync`: every claim is queued again. A Pending claim's sync tells
    /// its state again (WaitForFirstConsumer, ProvisioningFailed,
    /// FailedBinding ...), and one waiting for its external provisioner
    /// gets another `ExternalProvisioning` (`provisionClaimOperationExternal`
    /// runs on every sync of such a claim). Bound claims show nothing.
    pub(crate) fn pv_resync(&mut self) {
        self.pv.resync_queued = false;
        let pending: Vec<Rc<PersistentVolumeClaim>> = self.pending_claims().cloned().collect();
        if pending.is_empty() {
            return;
        }
        for c in &pending {
            self.pv.told.remove(c.metadata.uid.as_str());
            if self.pv.provisioning.contains(c.metadata.uid.as_str()) {
                self.tell_external_provisioning(c);
            } else {
                self.due
                    .claims
                    .insert(key(&c.metadata.namespace, &c.metadata.name));
            }
        }
        self.queue_pv_resync();
    }

    /// The claims left Pending and not being deleted.
    fn pending_claims(&self) -> impl Iterator<Item = &Rc<PersistentVolumeClaim>> {
        self.store
            .pvcs
            .iter()
            .filter(|c| c.status.phase == "Pending" && !c.metadata.is_terminating())
    }

    /// Every Pending claim not being deleted gets another pass of the binder.
    fn requeue_pending_claims(&mut self) {
        let pending: Vec<Key> = self
            .pending_claims()
            .map(|c| key(&c.metadata.namespace, &c.metadata.name))
            .collect();
        self.due.claims.extend(pending);
    }

    /// The volume is Available; claims waiting for one may bind now.
    fn make_available(&mut self, pv: &Rc<PersistentVolume>) {
        if pv.status.phase == "Available" {
            return;
        }
        self.set_volume_phase(pv, "Available", "");
        self.requeue_pending_claims();
    }

    /// `unbindVolume`: a volume the controller bound forgets its claim; one
    /// the user pre-bound keeps the name and loses the uid.
    fn unbind_volume(&mut self, pv: &Rc<PersistentVolume>) {
        let mut nv = (**pv).clone();
        if nv.metadata.annotations.contains_key(BOUND_BY_CONTROLLER) {
            nv.spec.claim_ref = None;
            nv.metadata.annotations.remove(BOUND_BY_CONTROLLER);
        } else if let Some(r) = nv.spec.claim_ref.as_mut() {
            r.uid = RcStr::default();
        }
        let Ok(Object::PersistentVolume(nv)) =
            self.cluster_update(Object::PersistentVolume(Rc::new(nv)))
        else {
            return;
        };
        self.make_available(&nv);
    }

    /// One pass of the binder over one claim (`syncClaim`), and the
    /// pvc-protection controller.
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
        if c.metadata.annotations.contains_key(BIND_COMPLETED) {
            self.sync_bound_claim(&c);
        } else {
            self.sync_unbound_claim(&c);
            if self
                .store
                .pvcs
                .get(&k.0, &k.1)
                .is_some_and(|c| c.status.phase == "Pending")
            {
                self.queue_pv_resync();
            }
        }
    }

    /// `syncBoundClaim`: a claim that was bound keeps its volume, or is Lost.
    fn sync_bound_claim(&mut self, c: &Rc<PersistentVolumeClaim>) {
        if c.spec.volume_name.is_empty() {
            self.claim_lost(
                c,
                "ClaimLost",
                "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!",
            );
            return;
        }
        let Some(pv) = self.store.pvs.get("", &c.spec.volume_name).cloned() else {
            self.claim_lost(
                c,
                "ClaimLost",
                "Bound claim has lost its PersistentVolume. Data on the volume is lost!",
            );
            return;
        };
        match &pv.spec.claim_ref {
            Some(r) if r.uid != c.metadata.uid => self.claim_lost(
                c,
                "ClaimMisbound",
                "Two claims are bound to the same volume, this one is bound incorrectly",
            ),
            _ => self.bind(c, &pv),
        }
    }

    /// `updateClaimStatusWithEvent(Lost)`: once, when the phase changes.
    fn claim_lost(&mut self, c: &Rc<PersistentVolumeClaim>, reason: &str, message: &str) {
        if c.status.phase == "Lost" {
            return;
        }
        let mut nc = (**c).clone();
        nc.status = PersistentVolumeClaimStatus {
            phase: "Lost".into(),
            ..Default::default()
        };
        let lost = self.write_status(nc);
        self.record(
            &Object::PersistentVolumeClaim(lost),
            "Warning",
            reason,
            message.into(),
            Source::controller(PV_CONTROLLER),
        );
    }

    /// `IsDelayBindingMode`: the claim's class exists and waits for a consumer.
    pub(crate) fn delays_binding(&self, c: &PersistentVolumeClaim) -> bool {
        let class = c.class_name();
        !class.is_empty()
            && self
                .store
                .storage_classes
                .get("", class)
                .is_some_and(|sc| sc.wait_for_first_consumer())
    }

    /// `findBestMatchForClaim`: volumes grouped by their access modes, the
    /// groups with the fewest modes first, the best match of the first group
    /// that has one.
    fn best_volume_for(
        &self,
        c: &PersistentVolumeClaim,
        delay: bool,
    ) -> Option<Rc<PersistentVolume>> {
        let mut groups: BTreeMap<(usize, Vec<&str>), Vec<&Rc<PersistentVolume>>> = BTreeMap::new();
        for v in self.store.volumes_for_claim(c) {
            let modes = mode_set(v);
            if c.spec
                .access_modes
                .iter()
                .all(|m| modes.contains(&m.as_str()))
            {
                groups.entry((modes.len(), modes)).or_default().push(v);
            }
        }
        let none = BTreeSet::new();
        groups
            .into_values()
            .find_map(|vs| find_matching_volume(c, vs, None, &none, delay))
    }

    /// `syncUnboundClaim`.
    fn sync_unbound_claim(&mut self, c: &Rc<PersistentVolumeClaim>) {
        if !c.spec.volume_name.is_empty() {
            self.sync_requested_volume(c);
            return;
        }
        let delay = self.delays_binding(c);
        if let Some(pv) = self.best_volume_for(c, delay) {
            self.bind(c, &pv);
            return;
        }
        // `assignDefaultStorageClass`: a claim that asked for no class at
        // all gets the default one once there is one.
        if !c.has_class() {
            if let Some(sc) = self.default_storage_class() {
                let mut nc = (**c).clone();
                nc.spec.storage_class_name = Some(sc);
                let _ = self.cluster_update(Object::PersistentVolumeClaim(Rc::new(nc)));
                return;
            }
        }
        if delay && !c.metadata.annotations.contains_key(SELECTED_NODE) {
            let mut waiting: Vec<String> = self
                .store
                .pods_using_claim(&c.metadata.namespace, &c.metadata.name)
                .filter(|p| !p.is_terminal() && p.spec.node_name.is_empty())
                .map(|p| p.metadata.name.to_string())
                .collect();
            crate::sort::sort(&mut waiting);
            let (reason, message) = match waiting.as_slice() {
                [] => (
                    "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding".to_string(),
                ),
                [one] => (
                    "WaitForPodScheduled",
                    format!("waiting for pod {one} to be scheduled"),
                ),
                many => (
                    "WaitForPodScheduled",
                    format!("waiting for pods {} to be scheduled", many.join(",")),
                ),
            };
            self.tell_claim(c, "Normal", reason, message, PV_CONTROLLER);
        } else if !c.class_name().is_empty() {
            self.provision_claim(c);
        } else {
            self.tell_claim(
                c,
                "Normal",
                "FailedBinding",
                "no persistent volumes available for this claim and no storage class is set".into(),
                PV_CONTROLLER,
            );
        }
    }

    /// `syncUnboundClaim` for a claim that names its volume (`volumeName`).
    fn sync_requested_volume(&mut self, c: &Rc<PersistentVolumeClaim>) {
        // A volume that does not exist (yet): the claim stays Pending.
        let Some(pv) = self.store.pvs.get("", &c.spec.volume_name).cloned() else {
            return;
        };
        if pv.spec.claim_ref.is_none() {
            match volume_satisfies_claim(&pv, c) {
                Ok(()) => self.bind(c, &pv),
                Err(why) => self.tell_claim(
                    c,
                    "Warning",
                    "VolumeMismatch",
                    format!(
                        "Cannot bind to requested volume {}: {why}",
                        go_quote(&pv.metadata.name)
                    ),
                    PV_CONTROLLER,
                ),
            }
        } else if is_volume_bound_to_claim(&pv, c) {
            self.bind(c, &pv);
        } else {
            self.tell_claim(
                c,
                "Warning",
                "FailedBinding",
                format!(
                    "volume {} already bound to a different claim.",
                    go_quote(&pv.metadata.name)
                ),
                PV_CONTROLLER,
            );
        }
    }

    /// `bind`: the volume names the claim (`bindVolumeToClaim`) and is
    /// Bound, then the claim names the volume (`bindClaimToVolume`) and is
    /// Bound with the volume's modes and capacity. Writes only what changes.
    fn bind(&mut self, c: &Rc<PersistentVolumeClaim>, pv: &Rc<PersistentVolume>) {
        let mark = marks_bound_by_controller(pv, c);
        let same_ref = pv.spec.claim_ref.as_ref().is_some_and(|r| {
            r.name == c.metadata.name
                && r.namespace == c.metadata.namespace
                && r.uid == c.metadata.uid
        });
        let pv = if mark || !same_ref {
            let mut nv = (**pv).clone();
            if mark {
                nv.metadata
                    .annotations
                    .insert(BOUND_BY_CONTROLLER.into(), "yes".into());
            }
            if !same_ref {
                nv.spec.claim_ref = Some(claim_ref(c));
            }
            match self.cluster_update(Object::PersistentVolume(Rc::new(nv))) {
                Ok(Object::PersistentVolume(v)) => v,
                _ => return,
            }
        } else {
            pv.clone()
        };
        let pv = self.set_volume_phase(&pv, "Bound", "");
        self.volumes.ensure(&pv.metadata.name);

        let Some(latest) = self
            .store
            .pvcs
            .get(&c.metadata.namespace, &c.metadata.name)
            .cloned()
        else {
            return;
        };
        let rebind = latest.spec.volume_name != pv.metadata.name.as_str();
        let complete = !latest.metadata.annotations.contains_key(BIND_COMPLETED);
        let claim = if rebind || complete {
            let mut nc = (*latest).clone();
            if rebind {
                nc.spec.volume_name = pv.metadata.name.to_string();
                if !nc.metadata.annotations.contains_key(BOUND_BY_CONTROLLER) {
                    nc.metadata
                        .annotations
                        .insert(BOUND_BY_CONTROLLER.into(), "yes".into());
                }
            }
            if complete {
                nc.metadata
                    .annotations
                    .insert(BIND_COMPLETED.into(), "yes".into());
            }
            match self.cluster_update(Object::PersistentVolumeClaim(Rc::new(nc))) {
                Ok(Object::PersistentVolumeClaim(c)) => c,
                _ => return,
            }
        } else {
            latest
        };
        // `updateClaimStatus(Bound, volume)`: the capacity only as the claim
        // becomes Bound (a resized claim keeps its own).
        let becoming = claim.status.phase != "Bound";
        if becoming || claim.status.access_modes != pv.spec.access_modes {
            let mut bound = (*claim).clone();
            bound.status.phase = "Bound".into();
            bound.status.access_modes = pv.spec.access_modes.clone();
            if becoming {
                bound.status.capacity = pv.spec.capacity.clone();
            }
            self.write_status(bound);
            self.scheduler_claim_changed(&key(&c.metadata.namespace, &c.metadata.name));
        }
    }
}

/// `GetBindVolumeToClaim`: binding the volume to the claim marks it
/// `bound-by-controller` unless the user pre-bound it to that claim (or it
/// is marked already).
pub(crate) fn marks_bound_by_controller(pv: &PersistentVolume, c: &PersistentVolumeClaim) -> bool {
    !is_volume_bound_to_claim(pv, c) && !pv.metadata.annotations.contains_key(BOUND_BY_CONTROLLER)
}

/// A claimRef to the claim as it stands (`reference.GetReference`).
pub(crate) fn claim_ref(c: &PersistentVolumeClaim) -> ObjectReference {
    ObjectReference {
        api_version: "v1".into(),
        kind: "PersistentVolumeClaim".into(),
        namespace: c.metadata.namespace.clone(),
        name: c.metadata.name.clone(),
        uid: c.metadata.uid.clone(),
        resource_version: c.metadata.resource_version.clone(),
        ..Default::default()
    }
}
