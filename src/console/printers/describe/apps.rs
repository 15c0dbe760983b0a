//! `kubectl describe` for the apps kinds beside the StatefulSet:
//! `describeDeployment` (replicas by state, strategy, conditions, the old
//! and the new ReplicaSet), `describeReplicaSet` and `describeDaemonSet`.
//! Ordinal keeps these kinds as unstructured objects (`GenericObject`), so
//! each field is read from the object's JSON, with the API server's
//! defaults where the stored object lacks them.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::pod::pod_template;
use super::workloads::pods_status;
use super::{annotations, labels, object_events, rfc1123z, Writer};
use crate::engine::objects::{Kind, LabelSelector, Labels, Object, PodTemplateSpec};
use crate::engine::Engine;

/// `pod-template-hash`: the label that tells a Deployment's ReplicaSets apart.
const HASH_LABEL: &str = "pod-template-hash";

fn int(v: &Value, pointer: &str, default: i64) -> i64 {
    v.pointer(pointer)
        .and_then(Value::as_i64)
        .unwrap_or(default)
}

fn selector_of(v: &Value) -> LabelSelector {
    v.pointer("/spec/selector")
        .cloned()
        .and_then(|s| serde_json::from_value(s).ok())
        .unwrap_or_default()
}

fn template_of(v: &Value) -> PodTemplateSpec {
    v.pointer("/spec/template")
        .cloned()
        .and_then(|t| serde_json::from_value(t).ok())
        .unwrap_or_default()
}

/// `metav1.FormatLabelSelector`: the selector's string, `<none>` if empty.
fn format_selector(s: &LabelSelector) -> String {
    let text = s.to_string();
    if text.is_empty() {
        "<none>".into()
    } else {
        text
    }
}

/// `IntOrString.String()`: a number as written, a percentage as text.
fn int_or_string(v: Option<&Value>, default: &str) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => default.into(),
    }
}

/// The `Conditions:` table of Deployments and ReplicaSets (type, status,
/// reason; the type column keeps the space kubectl's format puts after it).
fn conditions(w: &mut Writer, v: &Value) {
    let Some(list) = v
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .filter(|l| !l.is_empty())
    else {
        return;
    };
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    let text = |c: &Value, f: &str| c.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    for c in list {
        w.write(
            1,
            &format!(
                "{} \t{}\t{}\n",
                text(c, "type"),
                text(c, "status"),
                text(c, "reason")
            ),
        );
    }
}

fn pods_line(engine: &Engine, obj: &Object, selector: &LabelSelector) -> String {
    let m = obj.meta();
    let (running, waiting, succeeded, failed) = pods_status(engine, &m.namespace, &m.uid, selector);
    format!("{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed")
}

/// `describeDeployment`.
pub(crate) fn describe_deployment(engine: &Engine, obj: &Object, w: &mut Writer) {
    let v = obj.to_value();
    let m = obj.meta();
    let selector = selector_of(&v);
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(
        0,
        &format!("CreationTimestamp:\t{}\n", rfc1123z(m.creation_timestamp)),
    );
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, &format!("Selector:\t{selector}\n"));
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            int(&v, "/spec/replicas", 1),
            int(&v, "/status/updatedReplicas", 0),
            int(&v, "/status/replicas", 0),
            int(&v, "/status/availableReplicas", 0),
            int(&v, "/status/unavailableReplicas", 0),
        ),
    );
    let strategy = v
        .pointer("/spec/strategy/type")
        .and_then(Value::as_str)
        .unwrap_or("RollingUpdate");
    w.write(0, &format!("StrategyType:\t{strategy}\n"));
    w.write(
        0,
        &format!(
            "MinReadySeconds:\t{}\n",
            int(&v, "/spec/minReadySeconds", 0)
        ),
    );
    if let Some(ru) = v
        .pointer("/spec/strategy/rollingUpdate")
        .filter(|r| !r.is_null())
    {
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(ru.get("maxUnavailable"), "<nil>"),
                int_or_string(ru.get("maxSurge"), "<nil>"),
            ),
        );
    }
    let template = template_of(&v);
    pod_template(w, &template);
    conditions(w, &v);
    let (old, new) = replicasets_of(engine, obj, &selector, &template);
    if !old.is_empty() || !new.is_empty() {
        w.write(0, &format!("OldReplicaSets:\t{}\n", replicasets_text(&old)));
        w.write(0, &format!("NewReplicaSet:\t{}\n", replicasets_text(&new)));
    }
    object_events(engine, w, obj);
}

/// `GetAllReplicaSetsInChunks`: the ReplicaSets the Deployment's selector
/// matches and the Deployment controls, sorted by creation (then name);
/// the new one is the oldest whose template equals the Deployment's,
/// ignoring the hash label; every other one is old (with or without Pods).
fn replicasets_of(
    engine: &Engine,
    d: &Object,
    selector: &LabelSelector,
    template: &PodTemplateSpec,
) -> (Vec<Value>, Vec<Value>) {
    let m = d.meta();
    let mut owned: Vec<Object> = engine
        .store()
        .list_dyn(Kind::ReplicaSet, Some(&m.namespace))
        .into_iter()
        .filter(|rs| {
            let rm = rs.meta();
            selector.matches(&rm.labels) && rm.controller_ref().is_some_and(|c| c.uid == m.uid)
        })
        .collect();
    crate::sort::sort_by_key(&mut owned, |rs| {
        let rm = rs.meta();
        (
            rm.creation_timestamp.map(|t| t.sim().as_ms()),
            rm.name.to_string(),
        )
    });
    let unhashed = |t: &PodTemplateSpec| {
        let mut t = t.clone();
        t.metadata.labels.remove(HASH_LABEL);
        t
    };
    let want = unhashed(template);
    let values: Vec<Value> = owned.iter().map(Object::to_value).collect();
    let new_at = values
        .iter()
        .position(|rs| unhashed(&template_of(rs)) == want);
    let mut old = Vec::new();
    let mut new = Vec::new();
    for (i, rs) in values.into_iter().enumerate() {
        if Some(i) == new_at {
            new.push(rs);
        } else {
            old.push(rs);
        }
    }
    (old, new)
}

/// `printReplicaSetsByLabels`: `name (current/desired replicas created)`.
fn replicasets_text(list: &[Value]) -> String {
    if list.is_empty() {
        return "<none>".into();
    }
    list.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                rs.pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
                int(rs, "/status/replicas", 0),
                int(rs, "/spec/replicas", 1),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `describeReplicaSet`.
pub(crate) fn describe_replicaset(engine: &Engine, obj: &Object, w: &mut Writer) {
    let v = obj.to_value();
    let m = obj.meta();
    let selector = selector_of(&v);
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(0, &format!("Selector:\t{}\n", format_selector(&selector)));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    if let Some(owner) = m.controller_ref() {
        w.write(
            0,
            &format!("Controlled By:\t{}/{}\n", owner.kind, owner.name),
        );
    }
    w.write(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            int(&v, "/status/replicas", 0),
            int(&v, "/spec/replicas", 1)
        ),
    );
    w.write(
        0,
        &format!("Pods Status:\t{}\n", pods_line(engine, obj, &selector)),
    );
    pod_template(w, &template_of(&v));
    conditions(w, &v);
    object_events(engine, w, obj);
}

/// `describeDaemonSet`.
pub(crate) fn describe_daemonset(engine: &Engine, obj: &Object, w: &mut Writer) {
    let v = obj.to_value();
    let m = obj.meta();
    let selector = selector_of(&v);
    let template = template_of(&v);
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(0, &format!("Selector:\t{selector}\n"));
    w.write(
        0,
        &format!(
            "Node-Selector:\t{}\n",
            format_labels(&template.spec.node_selector)
        ),
    );
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    for (title, field) in [
        (
            "Desired Number of Nodes Scheduled",
            "desiredNumberScheduled",
        ),
        (
            "Current Number of Nodes Scheduled",
            "currentNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Up-to-date Pods",
            "updatedNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Available Pods",
            "numberAvailable",
        ),
        ("Number of Nodes Misscheduled", "numberMisscheduled"),
    ] {
        // No tab: kubectl writes these with a plain space, so they stay
        // out of the aligned columns.
        w.write(
            0,
            &format!("{title}: {}\n", int(&v, &format!("/status/{field}"), 0)),
        );
    }
    w.write(
        0,
        &format!("Pods Status:\t{}\n", pods_line(engine, obj, &selector)),
    );
    pod_template(w, &template);
    object_events(engine, w, obj);
}

/// `labels.FormatLabels`: `k=v,k=v` sorted, `<none>` if empty.
fn format_labels(l: &Labels) -> String {
    if l.is_empty() {
        return "<none>".into();
    }
    l.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}
