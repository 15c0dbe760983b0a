//! `kubectl describe statefulset` (`describeStatefulSet`, R10.11):
//! replicas, update strategy with partition and maxUnavailable, the owned
//! Pods by phase, the Pod Template, the Volume Claims and the events.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use super::pod::{pod_template, quantity_text};
use super::{annotations, labels, labels_block, object_events, Writer};
use crate::engine::objects::{IntOrString, Object, StatefulSet};
use crate::engine::Engine;

/// A StatefulSet's update strategy after the API server's defaulting
/// (R1.2): an omitted strategy becomes RollingUpdate with partition 0 and
/// maxUnavailable 1; an explicit `RollingUpdate` without a block keeps none.
pub(crate) struct Strategy {
    pub type_: String,
    pub rolling: Option<Rolling>,
}

pub(crate) struct Rolling {
    pub partition: i64,
    pub max_unavailable: Option<String>,
}

pub(crate) fn strategy(s: &StatefulSet) -> Strategy {
    let defaulted = |partition: Option<i64>, max: Option<&IntOrString>| Rolling {
        partition: partition.unwrap_or(0),
        max_unavailable: Some(max.map_or("1".to_string(), |m| m.to_string())),
    };
    match &s.spec.update_strategy {
        None => Strategy {
            type_: "RollingUpdate".into(),
            rolling: Some(defaulted(None, None)),
        },
        Some(u) => {
            let type_ = u.type_.clone().unwrap_or_else(|| "RollingUpdate".into());
            let rolling = match (&u.rolling_update, u.type_.is_none()) {
                (Some(r), _) => Some(defaulted(r.partition, r.max_unavailable.as_ref())),
                (None, true) => Some(defaulted(None, None)),
                (None, false) => None,
            };
            let rolling = if type_ == "RollingUpdate" {
                rolling
            } else {
                None
            };
            Strategy { type_, rolling }
        }
    }
}

pub(crate) fn describe_statefulset(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(s) = obj.downcast::<StatefulSet>() else {
        return;
    };
    let m = &s.metadata;
    let selector = s.spec.selector.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            super::rfc1123z(m.creation_timestamp)
        ),
    );
    w.write(0, &format!("Selector:\t{selector}\n"));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            s.replicas(),
            s.status.replicas
        ),
    );
    let st = strategy(s);
    w.write(0, &format!("Update Strategy:\t{}\n", st.type_));
    if let Some(r) = &st.rolling {
        w.write(1, &format!("Partition:\t{}\n", r.partition));
        if let Some(max) = &r.max_unavailable {
            w.write(1, &format!("MaxUnavailable:\t{max}\n"));
        }
    }
    let (running, waiting, succeeded, failed) =
        pods_status(engine, &m.namespace, &m.uid, &selector);
    w.write(
        0,
        &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"),
    );
    pod_template(w, &s.spec.template);
    volume_claims(w, s);
    object_events(engine, w, obj);
}

/// `getPodStatusForController`: the Pods the selector matches and the
/// controller `uid` controls, counted as Running, Waiting (Pending),
/// Succeeded and Failed.
pub(crate) fn pods_status(
    engine: &Engine,
    namespace: &str,
    uid: &str,
    selector: &crate::engine::objects::LabelSelector,
) -> (usize, usize, usize, usize) {
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for p in engine.store().pods.in_namespace(namespace) {
        let owned = selector.matches(&p.metadata.labels)
            && p.metadata.controller_ref().is_some_and(|r| r.uid == uid);
        if !owned {
            continue;
        }
        match p.status.phase.as_str() {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    (running, waiting, succeeded, failed)
}

/// `describeVolumeClaimTemplates`.
fn volume_claims(w: &mut Writer, s: &StatefulSet) {
    if s.spec.volume_claim_templates.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
        return;
    }
    w.write(0, "Volume Claims:\n");
    for c in &s.spec.volume_claim_templates {
        w.write(1, &format!("Name:\t{}\n", c.metadata.name));
        w.write(
            1,
            &format!(
                "StorageClass:\t{}\n",
                crate::console::printers::columns::claim_class(c)
            ),
        );
        labels_block(w, "  ", "Labels", "\t", &c.metadata.labels);
        labels_block(w, "  ", "Annotations", "\t", &c.metadata.annotations);
        let capacity = c
            .spec
            .resources
            .as_ref()
            .and_then(|r| r.requests.get("storage"))
            .map_or("<default>".to_string(), quantity_text);
        w.write(1, &format!("Capacity:\t{capacity}\n"));
        w.write(
            1,
            &format!("Access Modes:\t[{}]\n", c.spec.access_modes.join(" ")),
        );
    }
}

/// `describePodDisruptionBudgetV1`: the budget, its selector, and the
/// counts the disruption controller keeps in its status.
pub(crate) fn describe_pdb(engine: &Engine, obj: &Object, w: &mut Writer) {
    let v = obj.to_value();
    let m = obj.meta();
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    let spec = v.get("spec");
    let text = |x: &serde_json::Value| match x {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(min) = spec.and_then(|s| s.get("minAvailable")) {
        w.write(0, &format!("Min available:\t{}\n", text(min)));
    } else if let Some(max) = spec.and_then(|s| s.get("maxUnavailable")) {
        w.write(0, &format!("Max unavailable:\t{}\n", text(max)));
    }
    match spec
        .and_then(|s| s.get("selector"))
        .filter(|s| !s.is_null())
    {
        Some(sel) => w.write(
            0,
            &format!(
                "Selector:\t{}\n",
                crate::console::printers::columns::selector_json(Some(sel))
            ),
        ),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    let count = |f: &str| {
        v.get("status")
            .and_then(|s| s.get(f))
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(0)
    };
    w.write(0, "Status:\n");
    w.write(
        2,
        &format!("Allowed disruptions:\t{}\n", count("disruptionsAllowed")),
    );
    w.write(2, &format!("Current:\t{}\n", count("currentHealthy")));
    w.write(2, &format!("Desired:\t{}\n", count("desiredHealthy")));
    w.write(2, &format!("Total:\t{}\n", count("expectedPods")));
    super::object_events(engine, w, obj);
}
