//! The DaemonSet controller (`pkg/controller/daemon`): one Pod of the
//! template on every node that should run it, so the add-ons (kindnet,
//! kube-proxy) come back when their Pods are deleted, as on a real
//! cluster, and a DaemonSet a user applies runs.
//!
//! - **Which nodes** (`NodeShouldRunDaemonPod`): the template's
//!   `nodeSelector` matches the node's labels, and every NoSchedule and
//!   NoExecute taint is tolerated by the template's tolerations plus those
//!   the controller adds to each Pod (`AddOrUpdateDaemonPodTolerations`:
//!   not-ready and unreachable NoExecute; disk, memory and PID pressure and
//!   unschedulable NoSchedule; network-unavailable with `hostNetwork`). So
//!   a cordoned node keeps its daemons.
//! - **Its Pods** (`podsShouldBeOnNode`): a missing one is created
//!   (`<daemonset>-xxxxx`, pinned with a `matchFields metadata.name`
//!   node affinity the scheduler honours, labelled with the revision hash
//!   and `pod-template-generation`); a Failed one is deleted to be made
//!   again; extras and those on nodes that should not run one are deleted.
//!   Each is a `SuccessfulCreate` / `SuccessfulDelete` Event.
//! - **Revisions**: the template's ControllerRevision (`<name>-<hash>`,
//!   `{"spec":{"template":{…,"$patch":"replace"}}}`) is found by its data or
//!   created at the next revision number.
//! - **Updates**: `RollingUpdate` (the default) deletes old-revision Pods
//!   while at most `maxUnavailable` (1 by default, a number or a
//!   percentage of the desired nodes, rounded up) nodes lack an available
//!   daemon, unavailable old ones first; `OnDelete` waits for deletions.
//! - **Status**: the desired, current, misscheduled, ready, updated and
//!   available counts `kubectl get ds` and `describe ds` print.
//!
//! Not simulated: `maxSurge` (a new Pod beside the old one), the failed-Pod
//! back-off, and the history limit's cleanup of old revisions.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::statefulset::revision::{hash, template_patch};
use crate::engine::objects::cluster::Taint;
use crate::engine::objects::pod::Toleration;
use crate::engine::objects::*;
use crate::engine::store::Key;
use crate::engine::Engine;

const COMPONENT: &str = "daemonset-controller";
const HASH_LABEL: &str = "controller-revision-hash";
const GENERATION_LABEL: &str = "pod-template-generation";

/// The tolerations the controller adds to every daemon Pod
/// (`AddOrUpdateDaemonPodTolerations`), as (key, effect).
fn daemon_tolerations(host_network: bool) -> Vec<(&'static str, &'static str)> {
    let mut t = vec![
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    if host_network {
        t.push(("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    t
}

fn toleration(key: &str, effect: &str) -> Toleration {
    Toleration {
        key: key.into(),
        operator: Some("Exists".into()),
        effect: effect.into(),
        ..Default::default()
    }
}

/// `NodeShouldRunDaemonPod` for a template: its node selector and the
/// taints it (with the daemon tolerations) must tolerate.
fn should_run(template: &PodTemplateSpec, node: &Node) -> bool {
    let selected = template
        .spec
        .node_selector
        .iter()
        .all(|(k, v)| node.metadata.labels.get(k) == Some(v));
    let host_network = template.spec.extra.get("hostNetwork") == Some(&Value::Bool(true));
    let mut tolerations = template.spec.tolerations.clone();
    for (k, e) in daemon_tolerations(host_network) {
        tolerations.push(toleration(k, e));
    }
    let tolerated = |t: &Taint| tolerations.iter().any(|tol| tol.tolerates(t));
    selected
        && node
            .spec
            .taints
            .iter()
            .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
            .all(tolerated)
}

/// The node a daemon Pod is for: where it is bound, or else the node its
/// `matchFields` affinity names.
fn node_of(p: &Pod) -> String {
    if !p.spec.node_name.is_empty() {
        return p.spec.node_name.to_string();
    }
    p.spec
        .affinity
        .as_ref()
        .and_then(|a| {
            a.pointer("/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchFields/0/values/0")
        })
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// An int-or-percent of `total`, percentages rounded up
/// (`GetScaledValueFromIntOrPercent(…, true)`), at least 1 when the
/// value is a non-zero percentage of a non-empty set.
fn max_unavailable(v: Option<&Value>, total: i64) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(1),
        Some(Value::String(s)) => {
            let pct = s.trim_end_matches('%').parse::<i64>().unwrap_or(0);
            (pct * total + 99) / 100
        }
        _ => 1,
    }
}

impl Engine {
    /// Queues every DaemonSet (a node came, went or changed).
    pub(crate) fn daemonsets_touched(&mut self) {
        let keys: Vec<Key> = self
            .store
            .others
            .range((Kind::DaemonSet, String::new(), String::new())..)
            .map(|(k, _)| k)
            .take_while(|(kind, _, _)| *kind == Kind::DaemonSet)
            .map(|(_, ns, name)| (ns.clone(), name.clone()))
            .collect();
        self.due.daemonsets.extend(keys);
    }

    /// One sync of one DaemonSet (`syncDaemonSet`).
    pub(crate) fn sync_daemonset(&mut self, k: &Key) {
        let Some(Object::Other(_, ds)) = self.store.get_dyn(Kind::DaemonSet, &k.0, &k.1) else {
            return;
        };
        if ds.metadata.is_terminating() {
            return;
        }
        let dv = ds.rest_value();
        let template_v = dv.pointer("/spec/template").cloned().unwrap_or_default();
        let Ok(template) = serde_json::from_value::<PodTemplateSpec>(template_v.clone()) else {
            return;
        };
        let Some(current_hash) = self.daemonset_revision(&ds, &template_v) else {
            return;
        };
        let generation = ds
            .metadata
            .annotations
            .get(crate::engine::apiserver::defaults::DAEMONSET_TEMPLATE_GENERATION)
            .map_or("1".to_string(), |g| g.to_string());
        let min_ready = dv
            .pointer("/spec/minReadySeconds")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let on_delete = dv
            .pointer("/spec/updateStrategy/type")
            .and_then(Value::as_str)
            == Some("OnDelete");
        let uid = ds.metadata.uid.clone();
        let mut by_node: BTreeMap<String, Vec<Rc<Pod>>> = BTreeMap::new();
        for p in self.store.pods.in_namespace(&k.0) {
            if p.metadata.controller_ref().is_some_and(|c| c.uid == uid)
                && !p.metadata.is_terminating()
            {
                by_node.entry(node_of(p)).or_default().push(p.clone());
            }
        }
        for pods in by_node.values_mut() {
            crate::sort::sort_by_key(pods, |p| {
                (
                    p.metadata.creation_timestamp.map(|t| t.sim().as_ms()),
                    p.metadata.name.to_string(),
                )
            });
        }
        let nodes: Vec<Rc<Node>> = self.store.nodes.iter().cloned().collect();
        let now = self.now;
        let mut create_on: Vec<String> = Vec::new();
        let mut delete: Vec<String> = Vec::new();
        let (mut desired, mut current, mut misscheduled) = (0i64, 0i64, 0i64);
        let (mut ready, mut available, mut updated) = (0i64, 0i64, 0i64);
        // Nodes that should run a daemon without an available one, and
        // the old-revision daemons a rolling update may replace.
        let mut unavailable = 0i64;
        let mut old: Vec<(bool, String)> = Vec::new();
        for n in &nodes {
            let name = n.metadata.name.to_string();
            let pods = by_node.remove(&name).unwrap_or_default();
            if !should_run(&template, n) {
                if !pods.is_empty() {
                    misscheduled += 1;
                }
                delete.extend(pods.iter().map(|p| p.metadata.name.to_string()));
                continue;
            }
            desired += 1;
            let (failed, running): (Vec<&Rc<Pod>>, Vec<&Rc<Pod>>) =
                pods.iter().partition(|p| p.status.phase == "Failed");
            delete.extend(failed.iter().map(|p| p.metadata.name.to_string()));
            let Some(daemon) = running.first() else {
                create_on.push(name);
                unavailable += 1;
                continue;
            };
            // The oldest stays; any other goes.
            delete.extend(running[1..].iter().map(|p| p.metadata.name.to_string()));
            current += 1;
            let is_available = daemon.is_available(min_ready, now);
            if daemon.is_ready() {
                ready += 1;
            }
            if is_available {
                available += 1;
            } else {
                unavailable += 1;
            }
            let is_current = daemon.metadata.labels.get(HASH_LABEL).map(|h| h.as_str())
                == Some(current_hash.as_str());
            if is_current {
                updated += 1;
            } else {
                old.push((is_available, daemon.metadata.name.to_string()));
            }
        }
        // Daemons on nodes that are gone.
        for pods in by_node.values() {
            delete.extend(pods.iter().map(|p| p.metadata.name.to_string()));
        }
        if !on_delete {
            let max = max_unavailable(
                dv.pointer("/spec/updateStrategy/rollingUpdate/maxUnavailable"),
                desired,
            )
            .max(1);
            // Unavailable old daemons first: replacing them costs nothing.
            crate::sort::sort_by_key(&mut old, |(avail, name)| (*avail, name.clone()));
            for (avail, name) in old {
                if !avail {
                    delete.push(name);
                } else if unavailable < max {
                    unavailable += 1;
                    delete.push(name);
                }
            }
        }
        let obj = Object::Other(Kind::DaemonSet, ds.clone());
        for name in delete {
            self.delete_controlled_pod(&obj, &name, COMPONENT);
        }
        for node in create_on {
            let Some(pod) = daemon_pod(&ds, &template_v, &node, &current_hash, &generation) else {
                break;
            };
            if !self.create_controlled_pod(&obj, pod, COMPONENT) {
                break;
            }
        }
        let mut st = Map::new();
        for (name, n) in [
            ("currentNumberScheduled", current),
            ("desiredNumberScheduled", desired),
            ("numberAvailable", available),
            ("numberMisscheduled", misscheduled),
            ("numberReady", ready),
        ] {
            // The four counts are always written; numberAvailable only
            // when not zero (omitempty).
            if n > 0 || name != "numberAvailable" {
                st.insert(name.into(), json!(n));
            }
        }
        st.insert("observedGeneration".into(), json!(ds.metadata.generation));
        if updated > 0 {
            st.insert("updatedNumberScheduled".into(), json!(updated));
        }
        if desired - available > 0 {
            st.insert("numberUnavailable".into(), json!(desired - available));
        }
        let st = Value::Object(st);
        if let Some(Object::Other(_, live)) = self.store.get_dyn(Kind::DaemonSet, &k.0, &k.1) {
            if live.rest.get("status") != Some(&st) {
                let mut next = (*live).clone();
                next.rest.insert("status".into(), st);
                self.store
                    .write(Object::Other(Kind::DaemonSet, Rc::new(next)));
            }
        }
    }

    /// The hash of the template's ControllerRevision, made if missing
    /// (`constructHistory`).
    fn daemonset_revision(&mut self, ds: &Rc<GenericObject>, template: &Value) -> Option<String> {
        let data = template_patch(template.clone());
        let ns = ds.metadata.namespace.to_string();
        let owned: Vec<Rc<ControllerRevision>> = self
            .store
            .revisions
            .in_namespace(&ns)
            .filter(|r| {
                r.metadata
                    .controller_ref()
                    .is_some_and(|c| c.uid == ds.metadata.uid)
            })
            .cloned()
            .collect();
        if let Some(r) = owned.iter().find(|r| r.data == data) {
            return r.metadata.labels.get(HASH_LABEL).map(|h| h.to_string());
        }
        let h = hash(template, None);
        let mut m = ObjectMeta {
            name: format!("{}-{h}", ds.metadata.name).into(),
            namespace: ns.into(),
            ..Default::default()
        };
        if let Some(Value::Object(l)) = template.pointer("/metadata/labels") {
            for (k, v) in l {
                if let Some(v) = v.as_str() {
                    m.labels.insert(k.as_str().into(), v.into());
                }
            }
        }
        m.labels.insert(HASH_LABEL.into(), h.as_str().into());
        m.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "DaemonSet",
            &ds.metadata.name,
            &ds.metadata.uid,
        )];
        let revision = owned.iter().map(|r| r.revision).max().unwrap_or(0) + 1;
        let cr = Object::ControllerRevision(Rc::new(ControllerRevision {
            metadata: m,
            data,
            revision,
        }));
        self.cluster_create(cr).ok()?;
        Some(h)
    }
}

/// A daemon Pod for `node` (`CreatePodsOnNodes` with
/// `ReplaceDaemonSetPodNodeNameNodeAffinity` and the daemon tolerations).
fn daemon_pod(
    ds: &GenericObject,
    template: &Value,
    node: &str,
    hash: &str,
    generation: &str,
) -> Option<Object> {
    let mut meta = Map::new();
    meta.insert(
        "generateName".into(),
        Value::String(format!("{}-", ds.metadata.name)),
    );
    meta.insert(
        "namespace".into(),
        Value::String(ds.metadata.namespace.to_string()),
    );
    let mut labels = template
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or_else(|| json!({}));
    labels[HASH_LABEL] = json!(hash);
    labels[GENERATION_LABEL] = json!(generation);
    meta.insert("labels".into(), labels);
    if let Some(a) = template.pointer("/metadata/annotations") {
        meta.insert("annotations".into(), a.clone());
    }
    meta.insert(
        "ownerReferences".into(),
        json!([{
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "name": ds.metadata.name.as_str(),
            "uid": ds.metadata.uid.as_str(),
            "controller": true,
            "blockOwnerDeletion": true,
        }]),
    );
    let mut spec = template.get("spec").cloned().unwrap_or_else(|| json!({}));
    spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"] = json!({
        "nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]}]
    });
    let host_network = spec.get("hostNetwork") == Some(&Value::Bool(true));
    let mut tolerations = spec
        .get("tolerations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (key, effect) in daemon_tolerations(host_network) {
        let present = tolerations
            .iter()
            .any(|t| t["key"] == key && t["effect"] == effect);
        if !present {
            tolerations.push(json!({"key": key, "operator": "Exists", "effect": effect}));
        }
    }
    spec["tolerations"] = Value::Array(tolerations);
    let v = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": spec,
    });
    Object::from_value(Kind::Pod, v).ok()
}
