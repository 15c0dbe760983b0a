//! The ReplicaSet controller (`pkg/controller/replicaset`): a ReplicaSet
//! keeps `spec.replicas` Pods of its template. A Pod of it that is deleted
//! is replaced by a new one (`<replicaset>-xxxxx`, a new name and IP: no
//! identity, unlike a StatefulSet's); one too many is deleted, the least
//! settled first (`getPodsToDelete`: unscheduled, then Pending, then not
//! Ready, then the doubled-up node's, then the newest). Each create and
//! delete is a `SuccessfulCreate` / `SuccessfulDelete` Event on the set
//! (`Created pod: …`); the status counts the Pods it found
//! (`calculateStatus`). This is what brings the CoreDNS and local-path Pods
//! back after `kubectl delete pod`.
//!
//! Not simulated: adopting orphans and releasing Pods whose labels stopped
//! matching (only Pods the set controls count), slow-start batches (one
//! sync makes them all, at most 500), and the Deployment controller above
//! it (a Deployment's rollouts and scaling do not reach its ReplicaSets).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::rc::Rc;

use serde_json::{json, Map, Value};

use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::store::Key;
use crate::engine::Engine;

const COMPONENT: &str = "replicaset-controller";
/// `BurstReplicas`: the most Pods one sync creates or deletes.
const BURST: usize = 500;

/// The Pod a template makes (`GetPodFromTemplate`).
fn pod_from_template(rs: &GenericObject, template: &Value) -> Option<Object> {
    let mut meta = Map::new();
    meta.insert(
        "generateName".into(),
        Value::String(format!("{}-", rs.metadata.name)),
    );
    meta.insert(
        "namespace".into(),
        Value::String(rs.metadata.namespace.to_string()),
    );
    for field in ["labels", "annotations", "finalizers"] {
        if let Some(v) = template.pointer(&format!("/metadata/{field}")) {
            meta.insert(field.into(), v.clone());
        }
    }
    meta.insert(
        "ownerReferences".into(),
        json!([{
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "name": rs.metadata.name.as_str(),
            "uid": rs.metadata.uid.as_str(),
            "controller": true,
            "blockOwnerDeletion": true,
        }]),
    );
    let v = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": template.get("spec").cloned().unwrap_or_else(|| json!({})),
    });
    Object::from_value(Kind::Pod, v).ok()
}

/// `ActivePodsWithRanks.Less`: the Pod to delete first sorts first.
fn deletion_rank(p: &Pod, on_node: usize) -> impl Ord {
    let phase = match p.status.phase.as_str() {
        "Pending" => 0,
        "Unknown" => 1,
        _ => 2,
    };
    let ready_since = p
        .condition("Ready")
        .filter(|_| p.is_ready())
        .and_then(|c| c.last_transition_time)
        .map(|t| t.sim().as_ms());
    let restarts: i64 = p
        .status
        .container_statuses
        .iter()
        .map(|c| c.restart_count)
        .sum();
    let created = p
        .metadata
        .creation_timestamp
        .map(|t| t.sim().as_ms())
        .unwrap_or(0);
    (
        !p.spec.node_name.is_empty(),
        phase,
        p.is_ready(),
        std::cmp::Reverse(on_node),
        // Ready for less time first; then more restarts; then newer.
        std::cmp::Reverse(ready_since.unwrap_or(0)),
        std::cmp::Reverse(restarts),
        std::cmp::Reverse(created),
    )
}

impl Engine {
    /// A Pod made for its controller (`PodControl.CreatePods`): a
    /// `SuccessfulCreate` Event on the controller, or `FailedCreate` with
    /// the API server's refusal. Whether it was made.
    pub(crate) fn create_controlled_pod(
        &mut self,
        owner: &Object,
        pod: Object,
        component: &'static str,
    ) -> bool {
        match self.cluster_create(pod) {
            Ok(created) => {
                let msg = format!("Created pod: {}", created.name());
                self.record(
                    owner,
                    "Normal",
                    "SuccessfulCreate",
                    msg,
                    Source::controller(component),
                );
                true
            }
            Err(e) => {
                let msg = format!("Error creating: {}", e.message());
                self.record(
                    owner,
                    "Warning",
                    "FailedCreate",
                    msg,
                    Source::controller(component),
                );
                false
            }
        }
    }

    /// A controller's Pod deleted (`PodControl.DeletePod`), with its
    /// `SuccessfulDelete` Event.
    pub(crate) fn delete_controlled_pod(
        &mut self,
        owner: &Object,
        name: &str,
        component: &'static str,
    ) {
        let ns = owner.namespace().to_string();
        if self
            .cluster_delete(Kind::Pod, &ns, name, &Default::default())
            .is_ok()
        {
            let msg = format!("Deleted pod: {name}");
            self.record(
                owner,
                "Normal",
                "SuccessfulDelete",
                msg,
                Source::controller(component),
            );
        }
    }

    /// One sync of one ReplicaSet (`syncReplicaSet`).
    pub(crate) fn sync_replicaset(&mut self, k: &Key) {
        let Some(Object::Other(_, rs)) = self.store.get_dyn(Kind::ReplicaSet, &k.0, &k.1) else {
            return;
        };
        if rs.metadata.is_terminating() {
            return;
        }
        let spec = rs.rest.get("spec").cloned().unwrap_or_default();
        let replicas = spec
            .get("replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .max(0) as usize;
        let min_ready = spec
            .get("minReadySeconds")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let template = spec.get("template").cloned().unwrap_or_default();
        let uid = rs.metadata.uid.clone();
        let active: Vec<Rc<Pod>> = self
            .store
            .pods
            .in_namespace(&k.0)
            .filter(|p| p.metadata.controller_ref().is_some_and(|c| c.uid == uid))
            .filter(|p| !p.is_terminal() && !p.metadata.is_terminating())
            .cloned()
            .collect();
        let now = self.now;
        let template_labels: Vec<(String, String)> = template
            .pointer("/metadata/labels")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let status = {
            let count = |f: &dyn Fn(&Pod) -> bool| active.iter().filter(|p| f(p)).count();
            let fully = count(&|p: &Pod| {
                template_labels
                    .iter()
                    .all(|(k, v)| p.metadata.labels.get(k.as_str()).map(|x| x.as_str()) == Some(v))
            });
            let ready = count(&|p: &Pod| p.is_ready());
            let available = count(&|p: &Pod| p.is_available(min_ready, now));
            let mut st = Map::new();
            st.insert("replicas".into(), json!(active.len()));
            for (name, n) in [
                ("fullyLabeledReplicas", fully),
                ("readyReplicas", ready),
                ("availableReplicas", available),
            ] {
                if n > 0 {
                    st.insert(name.into(), json!(n));
                }
            }
            if rs.metadata.generation > 0 {
                st.insert("observedGeneration".into(), json!(rs.metadata.generation));
            }
            Value::Object(st)
        };
        let obj = Object::Other(Kind::ReplicaSet, rs.clone());
        if active.len() < replicas {
            for _ in 0..(replicas - active.len()).min(BURST) {
                let Some(pod) = pod_from_template(&rs, &template) else {
                    break;
                };
                if !self.create_controlled_pod(&obj, pod, COMPONENT) {
                    break;
                }
            }
        } else if active.len() > replicas {
            let mut per_node: std::collections::BTreeMap<&str, usize> = Default::default();
            for p in &active {
                *per_node.entry(p.spec.node_name.as_str()).or_default() += 1;
            }
            let mut ranked: Vec<&Rc<Pod>> = active.iter().collect();
            crate::sort::sort_by_key(&mut ranked, |p| {
                let on_node = if p.spec.node_name.is_empty() {
                    0
                } else {
                    per_node
                        .get(p.spec.node_name.as_str())
                        .copied()
                        .unwrap_or(0)
                };
                deletion_rank(p, on_node)
            });
            let doomed: Vec<String> = ranked
                .iter()
                .take((active.len() - replicas).min(BURST))
                .map(|p| p.metadata.name.to_string())
                .collect();
            for name in doomed {
                self.delete_controlled_pod(&obj, &name, COMPONENT);
            }
        }
        if rs.rest.get("status") != Some(&status) {
            if let Some(Object::Other(_, live)) = self.store.get_dyn(Kind::ReplicaSet, &k.0, &k.1) {
                let mut next = (*live).clone();
                next.rest.insert("status".into(), status);
                self.store
                    .write(Object::Other(Kind::ReplicaSet, Rc::new(next)));
            }
        }
    }
}
