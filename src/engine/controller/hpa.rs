//! The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler,
//! `reconcileAutoscaler`) as it runs on a kind cluster, which has no
//! metrics-server: it reads its target's scale subresource every 15 s
//! (`--horizontal-pod-autoscaler-sync-period`) and when the autoscaler is
//! created or changed; a target outside `minReplicas`..`maxReplicas` is
//! scaled into the range (`SuccessfulRescale`, `New size: 3; reason:
//! Current number of replicas below Spec.MinReplicas`); inside the range it
//! needs metrics, and the resource metrics API (`metrics.k8s.io`) is not
//! served, so every metric fails the way it fails on kind
//! (`FailedGetResourceMetric`, `FailedComputeMetricsReplicas`, the
//! `ScalingActive` condition False) and nothing is scaled. This is what a
//! StatefulSet learner meets: the autoscaler scales the set through its
//! scale subresource, and it holds `kubectl scale` to its bounds.
//!
//! Targets: a StatefulSet (the scale subresource Ordinal runs), and the
//! kinds it keeps without running them (Deployment, ReplicaSet), whose
//! `spec.replicas` is read and written. `behavior` is kept as written; it
//! only matters once metrics give a recommendation, which never happens
//! here.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use std::rc::Rc;

use serde_json::{json, Value};

use crate::engine::objects::{GenericObject, Kind, Object};
use crate::engine::recorder::Source;
use crate::engine::store::Key;
use crate::engine::time::SimDuration;
use crate::engine::{Engine, Wakeup};

/// `--horizontal-pod-autoscaler-sync-period`.
pub const SYNC_PERIOD: SimDuration = SimDuration::secs(15);

const SOURCE: &str = "horizontal-pod-autoscaler";

/// Why every resource metric fails on a cluster without metrics-server.
const NO_METRICS_API: &str = "unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";

/// `setConditionInList`: the condition replaced in place (or appended),
/// its transition time moved only when its status changes.
fn set_condition(
    list: &mut Vec<Value>,
    type_: &str,
    status: &str,
    reason: &str,
    message: &str,
    now: &str,
) {
    let i = match list.iter().position(|c| c["type"] == type_) {
        Some(i) => i,
        None => {
            list.push(json!({"type": type_}));
            list.len() - 1
        }
    };
    let c = &mut list[i];
    if c["status"] != status {
        c["lastTransitionTime"] = json!(now);
    }
    c["status"] = json!(status);
    c["reason"] = json!(reason);
    c["message"] = json!(message);
}

/// Why a metric spec cannot be computed, as `computeReplicasForMetric`
/// words it (the event of its kind, the error the controller returns).
fn metric_failure(m: &Value) -> (&'static str, String, String) {
    let ty = m["type"].as_str().unwrap_or("");
    let (src, key) = match ty {
        "ContainerResource" => (&m["containerResource"], "container resource"),
        _ => (&m["resource"], "resource"),
    };
    match ty {
        "Resource" | "ContainerResource" => {
            let name = src["name"].as_str().unwrap_or("");
            let what = if src["target"]["averageValue"].is_null() {
                "utilization"
            } else {
                "usage"
            };
            let cause = format!(
                "failed to get {name} {what}: unable to get metrics for resource {name}: {NO_METRICS_API}"
            );
            let reason = if ty == "Resource" {
                "FailedGetResourceMetric"
            } else {
                "FailedGetContainerResourceMetric"
            };
            let wrapped = format!("failed to get {name} {key} metric value: {cause}");
            (reason, cause, wrapped)
        }
        "Pods" | "Object" | "External" => {
            let (reason, api) = match ty {
                "Pods" => (
                    "FailedGetPodsMetric",
                    "custom metrics API (custom.metrics.k8s.io)",
                ),
                "Object" => (
                    "FailedGetObjectMetric",
                    "custom metrics API (custom.metrics.k8s.io)",
                ),
                _ => (
                    "FailedGetExternalMetric",
                    "external metrics API (external.metrics.k8s.io)",
                ),
            };
            let name = m[&ty.to_ascii_lowercase()]["metric"]["name"]
                .as_str()
                .unwrap_or("");
            let cause = format!("unable to get metric {name}: no {api} registered");
            let wrapped = format!(
                "failed to get {} metric value: {cause}",
                ty.to_ascii_lowercase()
            );
            (reason, cause, wrapped)
        }
        other => {
            let cause = format!("unknown metric source type {other:?}");
            ("InvalidMetricSourceType", cause.clone(), cause)
        }
    }
}

/// `minReplicas` (1 when unset) and `maxReplicas`.
fn bounds(spec: &Value) -> (i64, i64) {
    (
        spec["minReplicas"].as_i64().unwrap_or(1),
        spec["maxReplicas"].as_i64().unwrap_or(0),
    )
}

/// The scale subresource's answer for a missing target.
fn not_found(kind: Kind, name: &str) -> String {
    crate::engine::ApiError::NotFound {
        kind,
        name: name.to_string(),
    }
    .message()
}

impl Engine {
    fn autoscaler(&self, k: &Key) -> Option<Rc<GenericObject>> {
        self.store
            .others
            .get(&(Kind::HorizontalPodAutoscaler, k.0.clone(), k.1.clone()))
            .cloned()
    }

    /// `enqueueHPA`: the controller's queue adds an autoscaler a sync
    /// period from now (a fixed-interval rate limiter), and drops the
    /// request when it is already waiting.
    pub(crate) fn queue_autoscaler(&mut self, k: Key) {
        if self.due.autoscalers_waiting.contains_key(&k) || self.due.autoscalers.contains(&k) {
            return;
        }
        let at = self.now + SYNC_PERIOD;
        self.due.autoscalers_waiting.insert(k.clone(), at);
        self.at(at, Wakeup::SyncAutoscaler(k));
    }

    /// Whether the autoscaler's next sync would change nothing: it has
    /// synced before and its target (if there is one) is within bounds.
    pub(crate) fn autoscaler_is_steady(&self, k: &Key) -> bool {
        let Some(hpa) = self.autoscaler(k) else {
            return true;
        };
        let (Some(spec), Some(status)) = (hpa.rest.get("spec"), hpa.rest.get("status")) else {
            return false;
        };
        if status["conditions"].as_array().is_none_or(|c| c.is_empty()) {
            return false;
        }
        match self.current_scale(&k.0, spec) {
            Err(_) => true,
            Ok((_, r)) => {
                let (min, max) = bounds(spec);
                (r == 0 && min != 0) || (min..=max).contains(&r)
            }
        }
    }

    /// The target an autoscaler's `scaleTargetRef` names (a kind with a
    /// scale subresource) and its current `spec.replicas`, or why the
    /// controller cannot read them (`FailedGetScale`).
    fn current_scale(&self, ns: &str, spec: &Value) -> Result<(Kind, i64), String> {
        let target = &spec["scaleTargetRef"];
        let (api_version, kind) = (
            target["apiVersion"].as_str().unwrap_or(""),
            target["kind"].as_str().unwrap_or(""),
        );
        let Some(kind) = Kind::from_api_version_kind(api_version, kind)
            .filter(|k| matches!(k, Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet))
        else {
            return Err(format!(
                "no matches for kind {kind:?} in group {:?}",
                api_version.split_once('/').map_or("", |(g, _)| g)
            ));
        };
        self.target_replicas(ns, kind, target["name"].as_str().unwrap_or(""))
            .map(|r| (kind, r))
    }

    /// The scale subresource of a target: its `spec.replicas`, or the
    /// error reading it gives.
    fn target_replicas(&self, ns: &str, kind: Kind, name: &str) -> Result<i64, String> {
        match kind {
            Kind::StatefulSet => self
                .store
                .statefulsets
                .get(ns, name)
                .map(|s| s.spec.replicas.unwrap_or(1))
                .ok_or_else(|| not_found(kind, name)),
            _ => self
                .store
                .others
                .get(&(kind, ns.to_string(), name.to_string()))
                .map(|o| {
                    o.rest
                        .get("spec")
                        .and_then(|s| s["replicas"].as_i64())
                        .unwrap_or(1)
                })
                .ok_or_else(|| not_found(kind, name)),
        }
    }

    /// Writes a target's new `spec.replicas` through its scale subresource.
    fn scale_target(
        &mut self,
        ns: &str,
        kind: Kind,
        name: &str,
        replicas: i64,
    ) -> Result<(), String> {
        let obj = match kind {
            Kind::StatefulSet => {
                let Some(s) = self.store.statefulsets.get(ns, name) else {
                    return Err(not_found(kind, name));
                };
                let mut s = (**s).clone();
                s.spec.replicas = Some(replicas);
                Object::StatefulSet(Rc::new(s))
            }
            _ => {
                let Some(o) = self
                    .store
                    .others
                    .get(&(kind, ns.to_string(), name.to_string()))
                else {
                    return Err(not_found(kind, name));
                };
                let mut o = (**o).clone();
                if let Some(spec) = o.rest.get_mut("spec") {
                    spec["replicas"] = json!(replicas);
                }
                Object::Other(kind, Rc::new(o))
            }
        };
        self.cluster_update(obj)
            .map(|_| ())
            .map_err(|e| e.message())
    }

    /// One `reconcileAutoscaler`, then the autoscaler back in the queue.
    pub(crate) fn sync_autoscaler(&mut self, k: &Key) {
        let Some(hpa) = self.autoscaler(k) else {
            return;
        };
        if hpa.metadata.deletion_timestamp.is_some() {
            return;
        }
        self.queue_autoscaler(k.clone());
        let me = Object::Other(Kind::HorizontalPodAutoscaler, hpa.clone());
        let now = self.now.trunc_secs().rfc3339();
        let spec = hpa.rest.get("spec").cloned().unwrap_or(Value::Null);
        let old_status = hpa.rest.get("status").cloned().unwrap_or(json!({}));
        let mut conditions: Vec<Value> = old_status["conditions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let target_name = spec["scaleTargetRef"]["name"].as_str().unwrap_or("");
        let record = |e: &mut Engine, type_: &str, reason: &str, message: String| {
            e.record(&me, type_, reason, message, Source::controller(SOURCE));
        };
        let (kind, current) = match self.current_scale(&k.0, &spec) {
            Ok(x) => x,
            Err(e) => {
                record(self, "Warning", "FailedGetScale", e.clone());
                set_condition(
                    &mut conditions,
                    "AbleToScale",
                    "False",
                    "FailedGetScale",
                    &format!(
                        "the HPA controller was unable to get the target's current scale: {e}"
                    ),
                    &now,
                );
                let mut status = old_status.clone();
                status["conditions"] = json!(conditions);
                self.write_autoscaler_status(&hpa, status);
                return;
            }
        };
        set_condition(
            &mut conditions,
            "AbleToScale",
            "True",
            "SucceededGetScale",
            "the HPA controller was able to get the target's current scale",
            &now,
        );
        let (min, max) = bounds(&spec);
        let desired_before = old_status["desiredReplicas"].as_i64().unwrap_or(0);
        let mut status = old_status.clone();
        let (desired, reason) = if current == 0 && min != 0 {
            set_condition(
                &mut conditions,
                "ScalingActive",
                "False",
                "ScalingDisabled",
                "scaling is disabled since the replica count of the target is zero",
                &now,
            );
            (None, "")
        } else if current > max {
            (
                Some(max),
                "Current number of replicas above Spec.MaxReplicas",
            )
        } else if current < min {
            (
                Some(min),
                "Current number of replicas below Spec.MinReplicas",
            )
        } else {
            // Every metric needs an API this cluster does not serve.
            let metrics: Vec<Value> = spec["metrics"].as_array().cloned().unwrap_or_default();
            let mut first: Option<(&'static str, String, String)> = None;
            for m in &metrics {
                let (reason, cause, wrapped) = metric_failure(m);
                record(self, "Warning", reason, cause.clone());
                if first.is_none() {
                    first = Some((reason, cause, wrapped));
                }
            }
            if let Some((reason, cause, wrapped)) = first {
                set_condition(
                    &mut conditions,
                    "ScalingActive",
                    "False",
                    reason,
                    &format!("the HPA was unable to compute the replica count: {cause}"),
                    &now,
                );
                status["conditions"] = json!(conditions);
                status["currentReplicas"] = json!(current);
                status["currentMetrics"] = json!(vec![json!({"type": ""}); metrics.len()]);
                status["desiredReplicas"] = json!(desired_before);
                self.write_autoscaler_status(&hpa, status);
                let n = metrics.len();
                record(
                    self,
                    "Warning",
                    "FailedComputeMetricsReplicas",
                    format!("invalid metrics ({n} invalid out of {n}), first error is: {wrapped}"),
                );
                return;
            }
            (None, "")
        };
        let desired = match desired {
            Some(d) => match self.scale_target(&k.0, kind, target_name, d) {
                Ok(()) => {
                    set_condition(
                        &mut conditions,
                        "AbleToScale",
                        "True",
                        "SucceededRescale",
                        &format!("the HPA controller was able to update the target scale to {d}"),
                        &now,
                    );
                    record(
                        self,
                        "Normal",
                        "SuccessfulRescale",
                        format!("New size: {d}; reason: {reason}"),
                    );
                    status["lastScaleTime"] = json!(now);
                    d
                }
                Err(e) => {
                    record(
                        self,
                        "Warning",
                        "FailedRescale",
                        format!("New size: {d}; reason: {reason}; error: {e}"),
                    );
                    set_condition(
                        &mut conditions,
                        "AbleToScale",
                        "False",
                        "FailedUpdateScale",
                        &format!("the HPA controller was unable to update the target scale: {e}"),
                        &now,
                    );
                    status["conditions"] = json!(conditions);
                    status["currentReplicas"] = json!(current);
                    self.write_autoscaler_status(&hpa, status);
                    return;
                }
            },
            None => current,
        };
        // `setStatus`: no metrics were computed on this path.
        if let Some(m) = status.as_object_mut() {
            m.remove("currentMetrics");
        }
        status["conditions"] = json!(conditions);
        status["currentReplicas"] = json!(current);
        status["desiredReplicas"] = json!(desired);
        self.write_autoscaler_status(&hpa, status);
    }

    /// `updateStatusIfNeeded`: the status subresource, written when it changed.
    fn write_autoscaler_status(&mut self, hpa: &Rc<GenericObject>, mut status: Value) {
        if let Some(m) = status.as_object_mut() {
            if m.get("currentReplicas").and_then(Value::as_i64) == Some(0) {
                m.remove("currentReplicas");
            }
            // The Go struct: desiredReplicas is always there.
            m.entry("desiredReplicas").or_insert(json!(0));
        }
        if hpa.rest.get("status") == Some(&status) {
            return;
        }
        let mut next = (**hpa).clone();
        next.rest.insert("status".into(), status);
        self.store
            .write(Object::Other(Kind::HorizontalPodAutoscaler, Rc::new(next)));
    }
}
