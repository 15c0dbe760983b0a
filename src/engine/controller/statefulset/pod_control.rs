//! The StatefulSet controller's mechanics (stateful_pod_control.go): claims
//! before the Pod (R6.3), Pod deletion, identity repair (R2.9), retention
//! owner references (R6.10–R6.11), and one event per create / delete /
//! update with Kubernetes' reasons and messages (R10.12).

use std::rc::Rc;

use super::identity;
use crate::engine::apiserver::ApiError;
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::Engine;

const SOURCE: &str = "statefulset-controller";

fn title(verb: &str) -> String {
    let mut c = verb.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `errors.NewAggregate(...).Error()`: one message, or `[a, b]`.
fn aggregate(errs: &[String]) -> String {
    match errs.len() {
        1 => errs[0].clone(),
        _ => format!("[{}]", errs.join(", ")),
    }
}

impl Engine {
    fn record_pod_event(
        &mut self,
        verb: &str,
        set: &Rc<StatefulSet>,
        pod: &str,
        err: Option<&str>,
    ) {
        let obj = Object::StatefulSet(set.clone());
        let name = &set.metadata.name;
        match err {
            None => self.record(
                &obj,
                "Normal",
                &format!("Successful{}", title(verb)),
                format!("{verb} Pod {pod} in StatefulSet {name} successful"),
                Source::controller(SOURCE),
            ),
            Some(e) => self.record(
                &obj,
                "Warning",
                &format!("Failed{}", title(verb)),
                format!("{verb} Pod {pod} in StatefulSet {name} failed error: {e}"),
                Source::controller(SOURCE),
            ),
        }
    }

    fn record_claim_event(
        &mut self,
        verb: &str,
        set: &Rc<StatefulSet>,
        pod: &str,
        claim: &str,
        err: Option<&str>,
    ) {
        let obj = Object::StatefulSet(set.clone());
        let name = &set.metadata.name;
        match err {
            None => self.record(
                &obj,
                "Normal",
                &format!("Successful{}", title(verb)),
                format!("{verb} Claim {claim} Pod {pod} in StatefulSet {name} success"),
                Source::controller(SOURCE),
            ),
            Some(e) => self.record(
                &obj,
                "Warning",
                &format!("Failed{}", title(verb)),
                format!(
                    "{verb} Claim {claim} for Pod {pod} in StatefulSet {name} failed error: {e}"
                ),
                Source::controller(SOURCE),
            ),
        }
    }

    /// `createPersistentVolumeClaims`: creates missing claims; a claim being
    /// deleted is an error (R6.5). Existing claims are reused as they are.
    fn create_claims(&mut self, set: &Rc<StatefulSet>, pod: &Pod) -> Result<(), String> {
        let mut errs = Vec::new();
        let ordinal = identity::ordinal(pod);
        // Most syncs find every claim in place: look names up first and
        // only build claim objects that are missing.
        let all_there = set.spec.volume_claim_templates.iter().all(|t| {
            let name = identity::claim_name(&t.metadata.name, &set.metadata.name, ordinal);
            self.store
                .pvcs
                .get(&set.metadata.namespace, &name)
                .is_some_and(|c| !c.metadata.is_terminating())
        });
        if all_there {
            return Ok(());
        }
        for claim in identity::claims_for(set, ordinal) {
            match self
                .store
                .pvcs
                .get(&claim.metadata.namespace, &claim.metadata.name)
                .cloned()
            {
                None => {
                    let name = claim.metadata.name.clone();
                    match self.cluster_create(Object::PersistentVolumeClaim(Rc::new(claim))) {
                        Ok(_) => {
                            self.record_claim_event("create", set, &pod.metadata.name, &name, None)
                        }
                        Err(e) => {
                            let text = format!("failed to create PVC {name}: {}", e.message());
                            if !matches!(e, ApiError::AlreadyExists { .. }) {
                                self.record_claim_event(
                                    "create",
                                    set,
                                    &pod.metadata.name,
                                    &name,
                                    Some(&e.message()),
                                );
                            }
                            errs.push(text);
                        }
                    }
                }
                Some(existing) if existing.metadata.is_terminating() => {
                    errs.push(format!("pvc {} is being deleted", existing.metadata.name))
                }
                Some(_) => {}
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(aggregate(&errs))
        }
    }

    /// `CreateStatefulPod`: claims, then the Pod, then retention owners.
    pub(crate) fn create_stateful_pod(
        &mut self,
        set: &Rc<StatefulSet>,
        pod: &Pod,
    ) -> Result<Rc<Pod>, String> {
        let name = pod.metadata.name.clone();
        if let Err(e) = self.create_claims(set, pod) {
            self.record_pod_event("create", set, &name, Some(&e));
            return Err(e);
        }
        match self.cluster_create(Object::Pod(Rc::new(pod.clone()))) {
            Ok(Object::Pod(created)) => {
                if let Err(e) = self.update_claims_for_retention(set, &created) {
                    self.record_pod_event("update", set, &name, Some(&e));
                    return Err(e);
                }
                self.record_pod_event("create", set, &name, None);
                Ok(created)
            }
            Ok(_) => Err("unexpected object".into()),
            // "already exists" errors produce no event (R10.12, R3.14).
            Err(e @ ApiError::AlreadyExists { .. }) => Err(e.message()),
            Err(e) => {
                let msg = e.message();
                self.record_pod_event("create", set, &name, Some(&msg));
                Err(msg)
            }
        }
    }

    /// `DeleteStatefulPod` (graceful, the Pod's own grace period).
    pub(crate) fn delete_stateful_pod(
        &mut self,
        set: &Rc<StatefulSet>,
        pod: &Pod,
    ) -> Result<(), String> {
        let name = pod.metadata.name.clone();
        let opts = crate::engine::DeleteOptions {
            uid: Some(pod.metadata.uid.to_string()),
            ..Default::default()
        };
        match self.cluster_delete(Kind::Pod, &pod.metadata.namespace, &name, &opts) {
            Ok(_) | Err(ApiError::NotFound { .. }) => {
                self.record_pod_event("delete", set, &name, None);
                Ok(())
            }
            Err(e) => {
                let msg = e.message();
                self.record_pod_event("delete", set, &name, Some(&msg));
                Err(msg)
            }
        }
    }

    /// Pending Pods get any claim that went missing (R6.4).
    pub(crate) fn create_missing_claims(
        &mut self,
        set: &Rc<StatefulSet>,
        pod: &Pod,
    ) -> Result<(), String> {
        self.create_claims(set, pod)?;
        self.update_claims_for_retention(set, pod)
    }

    /// Whether `create_missing_claims` would do nothing: every claim exists
    /// and is not being deleted (nothing to create, no error), and none has
    /// a conflicting controller (an event) or stale retention owners (an
    /// update).
    pub(crate) fn claims_in_place(&self, set: &StatefulSet, pod: &Pod) -> bool {
        let o = identity::ordinal(pod);
        set.spec.volume_claim_templates.iter().all(|t| {
            let name = identity::claim_name(&t.metadata.name, &set.metadata.name, o);
            self.store
                .pvcs
                .get(&set.metadata.namespace, &name)
                .is_some_and(|c| {
                    !c.metadata.is_terminating()
                        && !identity::has_unexpected_controller(c, set, pod)
                        && identity::claim_owner_up_to_date(c, set, pod)
                })
        })
    }

    /// `ClaimsMatchRetentionPolicy`.
    pub(crate) fn claims_match_retention(&self, set: &StatefulSet, pod: &Pod) -> bool {
        let o = identity::ordinal(pod);
        set.spec.volume_claim_templates.iter().all(|t| {
            let name = identity::claim_name(&t.metadata.name, &set.metadata.name, o);
            match self.store.pvcs.get(&set.metadata.namespace, &name) {
                None => true,
                Some(c) => identity::claim_owner_up_to_date(c, set, pod),
            }
        })
    }

    /// `UpdatePodClaimForRetentionPolicy`.
    pub(crate) fn update_claims_for_retention(
        &mut self,
        set: &Rc<StatefulSet>,
        pod: &Pod,
    ) -> Result<(), String> {
        let o = identity::ordinal(pod);
        for t in set.spec.volume_claim_templates.clone() {
            let name = identity::claim_name(&t.metadata.name, &set.metadata.name, o);
            let Some(claim) = self.store.pvcs.get(&set.metadata.namespace, &name).cloned() else {
                continue;
            };
            if identity::has_unexpected_controller(&claim, set, pod) {
                // The event, then the set's and Pod's own references go.
                let msg = format!("PersistentVolumeClaim {name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim");
                self.record(
                    &Object::StatefulSet(set.clone()),
                    "Warning",
                    "ConflictingController",
                    msg,
                    Source::controller(SOURCE),
                );
            }
            if !identity::claim_owner_up_to_date(&claim, set, pod) {
                let mut c = (*claim).clone();
                identity::update_claim_owners(&mut c, set, pod);
                self.cluster_update(Object::PersistentVolumeClaim(Rc::new(c)))
                    .map_err(|e| {
                        format!(
                            "could not update claim {name} for delete policy ownerRefs: {}",
                            e.message()
                        )
                    })?;
            }
        }
        Ok(())
    }

    /// `PodClaimIsStale` (R6.11): with whenScaled Delete, a claim still owned
    /// by a previous Pod of this name blocks creation. Returns the claim.
    pub(crate) fn pod_claim_stale(&self, set: &StatefulSet, pod: &Pod) -> Option<String> {
        if set.when_scaled() == "Retain" {
            return None;
        }
        identity::claims_for(set, identity::ordinal(pod))
            .into_iter()
            .find_map(|c| {
                let existing = self
                    .store
                    .pvcs
                    .get(&c.metadata.namespace, &c.metadata.name)?;
                identity::has_stale_pod_ref(existing, pod).then(|| c.metadata.name.to_string())
            })
    }

    /// `UpdateStatefulPod`: identity and storage repair (R2.9).
    pub(crate) fn update_stateful_pod(
        &mut self,
        set: &Rc<StatefulSet>,
        pod: &Pod,
    ) -> Result<(), String> {
        let mut p = pod.clone();
        let mut consistent = true;
        if !identity::identity_matches(set, &p) {
            identity::update_identity(set, &mut p);
            consistent = false;
        }
        if !identity::storage_matches(set, &p) {
            identity::update_storage(set, &mut p);
            consistent = false;
            if let Err(e) = self.create_claims(set, &p) {
                self.record_pod_event("update", set, &p.metadata.name, Some(&e));
                return Err(e);
            }
        }
        if !self.claims_match_retention(set, &p) {
            if let Err(e) = self.update_claims_for_retention(set, &p) {
                self.record_pod_event("update", set, &p.metadata.name, Some(&e));
                return Err(e);
            }
            consistent = false;
        }
        if consistent {
            return Ok(());
        }
        let name = p.metadata.name.clone();
        let result = if p == *pod {
            Ok(())
        } else {
            self.cluster_update(Object::Pod(Rc::new(p)))
                .map(|_| ())
                .map_err(|e| e.message())
        };
        self.record_pod_event(
            "update",
            set,
            &name,
            result.as_ref().err().map(String::as_str),
        );
        result
    }
}
