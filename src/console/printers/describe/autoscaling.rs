//! `kubectl describe horizontalpodautoscaler`
//! (`describeHorizontalPodAutoscalerV2`): the target, each metric as
//! `current / target` (`<unknown>` while no metrics come, which on a
//! cluster without metrics-server is always), the bounds, the target's
//! replicas as the controller last saw them, its conditions and events.
//! Kubectl's own quirk is kept: a resource metric's line reads
//! `resource cpu on pods  (as a percentage of request):`.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{annotations, labels, Writer};
use crate::engine::objects::Object;
use crate::engine::Engine;

/// A quantity or number as the API returns it.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn describe_hpa(engine: &Engine, obj: &Object, w: &mut Writer) {
    let v = obj.to_value();
    let m = obj.meta();
    let spec = &v["spec"];
    let status = &v["status"];
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            super::rfc1123z(m.creation_timestamp)
        ),
    );
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let target_kind = s(&spec["scaleTargetRef"]["kind"]);
    w.write(
        0,
        &format!(
            "Reference:\t{}/{}\n",
            target_kind,
            s(&spec["scaleTargetRef"]["name"])
        ),
    );
    w.write(0, "Metrics:\t( current / target )\n");
    for metric in spec["metrics"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let ty = s(&metric["type"]);
        let (src, head) = match ty.as_str() {
            "Resource" => (
                &metric["resource"],
                format!("resource {} on pods", s(&metric["resource"]["name"])),
            ),
            "ContainerResource" => (
                &metric["containerResource"],
                format!(
                    "resource {} of container \"{}\" on pods",
                    s(&metric["containerResource"]["name"]),
                    s(&metric["containerResource"]["container"])
                ),
            ),
            "Pods" => {
                w.write(
                    1,
                    &format!(
                        "{:?} on pods:\t<unknown> / {}\n",
                        s(&metric["pods"]["metric"]["name"]),
                        text(&metric["pods"]["target"]["averageValue"])
                    ),
                );
                continue;
            }
            "External" | "Object" => {
                let key = ty.to_ascii_lowercase();
                let t = &metric[&key]["target"];
                let (what, value) = if t["averageValue"].is_null() {
                    ("target value", text(&t["value"]))
                } else {
                    ("target average value", text(&t["averageValue"]))
                };
                let name = s(&metric[&key]["metric"]["name"]);
                if ty == "External" {
                    w.write(1, &format!("{name:?} ({what}):\t<unknown> / {value}\n"));
                } else {
                    let d = &metric["object"]["describedObject"];
                    w.write(
                        1,
                        &format!("\"{name}\" on {}/{} ", s(&d["kind"]), s(&d["name"])),
                    );
                    w.write(0, &format!("({what}):\t<unknown> / {value}\n"));
                }
                continue;
            }
            other => {
                w.write(1, &format!("<unknown metric type {other:?}>\n"));
                continue;
            }
        };
        w.write(1, &head);
        let target = &src["target"];
        if !target["averageValue"].is_null() {
            w.write(
                0,
                &format!(":\t<unknown> / {}\n", text(&target["averageValue"])),
            );
        } else {
            let goal = target["averageUtilization"]
                .as_i64()
                .map_or("<auto>".to_string(), |u| format!("{u}%"));
            w.write(
                1,
                &format!("(as a percentage of request):\t<unknown> / {goal}\n"),
            );
        }
    }
    let min = spec["minReplicas"]
        .as_i64()
        .map_or("<unset>".to_string(), |n| n.to_string());
    w.write(0, &format!("Min replicas:\t{min}\n"));
    w.write(
        0,
        &format!(
            "Max replicas:\t{}\n",
            spec["maxReplicas"].as_i64().unwrap_or(0)
        ),
    );
    w.write(0, &format!("{target_kind} pods:\t"));
    w.write(
        0,
        &format!(
            "{} current / {} desired\n",
            status["currentReplicas"].as_i64().unwrap_or(0),
            status["desiredReplicas"].as_i64().unwrap_or(0)
        ),
    );
    if let Some(conds) = status["conditions"].as_array().filter(|c| !c.is_empty()) {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tReason\tMessage\n");
        w.write(1, "----\t------\t------\t-------\n");
        for c in conds {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\n",
                    s(&c["type"]),
                    s(&c["status"]),
                    s(&c["reason"]),
                    s(&c["message"])
                ),
            );
        }
    }
    super::object_events(engine, w, obj);
}
