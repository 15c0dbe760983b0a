//! Table columns of workload kinds: Pod (R10.2, R10.3), StatefulSet
//! (R10.1), ControllerRevision (R10.8), and the kinds Ordinal stores
//! without running (Deployment, ReplicaSet, DaemonSet, Job, CronJob,
//! PodDisruptionBudget, HorizontalPodAutoscaler).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{
    col, container_cells, container_cells_json, int_or_string, ji, js, selector_json, wide,
};
use super::{Column, Ctx, NAME};
use crate::engine::kubelet::status::pod_columns;
use crate::engine::objects::{ControllerRevision, Object, Pod, StatefulSet};

pub(crate) const POD: &[Column] = &[
    NAME,
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    wide("IP"),
    wide("Node"),
    wide("Nominated Node"),
    wide("Readiness Gates"),
];

pub(crate) fn pod(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(p) = obj.downcast::<Pod>() else {
        return vec![obj.name().to_string()];
    };
    let c = pod_columns(p, ctx.now);
    let mut cells = vec![
        p.metadata.name.to_string(),
        c.ready,
        c.status,
        c.restarts,
        ctx.age(p.metadata.creation_timestamp),
    ];
    if ctx.wide {
        let ip = p
            .status
            .pod_ips
            .first()
            .map(|i| i.ip.as_str())
            .unwrap_or(p.status.pod_ip.as_str());
        let none = |s: &str| {
            if s.is_empty() {
                "<none>".to_string()
            } else {
                s.to_string()
            }
        };
        cells.push(none(ip));
        cells.push(none(&p.spec.node_name));
        cells.push(none(&p.status.nominated_node_name));
        cells.push(readiness_gates(p));
    }
    cells
}

/// `n/m` of the Pod's readiness gates whose condition is True, or `<none>`.
fn readiness_gates(p: &Pod) -> String {
    let gates = p
        .spec
        .extra
        .get("readinessGates")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if gates.is_empty() {
        return "<none>".into();
    }
    let ready = gates
        .iter()
        .filter(|g| {
            let t = g.get("conditionType").and_then(Value::as_str).unwrap_or("");
            p.condition(t).is_some_and(|c| c.status == "True")
        })
        .count();
    format!("{ready}/{}", gates.len())
}

pub(crate) const STATEFULSET: &[Column] = &[
    NAME,
    col("Ready"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
];

pub(crate) fn statefulset(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(s) = obj.downcast::<StatefulSet>() else {
        return vec![obj.name().to_string()];
    };
    let mut cells = vec![
        s.metadata.name.to_string(),
        format!("{}/{}", s.status.ready_replicas, s.replicas()),
        ctx.age(s.metadata.creation_timestamp),
    ];
    if ctx.wide {
        let (names, images) = container_cells(&s.spec.template.spec.containers);
        cells.push(names);
        cells.push(images);
    }
    cells
}

pub(crate) const CONTROLLER_REVISION: &[Column] =
    &[NAME, col("Controller"), col("Revision"), col("Age")];

pub(crate) fn controller_revision(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(r) = obj.downcast::<ControllerRevision>() else {
        return vec![obj.name().to_string()];
    };
    let controller = match r.metadata.controller_ref() {
        Some(owner) => {
            // formatResourceName: lower-cased `Kind.group/name`.
            let group = owner
                .api_version
                .rsplit_once('/')
                .map(|(g, _)| g)
                .unwrap_or("");
            let kind = if group.is_empty() {
                owner.kind.to_string()
            } else {
                format!("{}.{group}", owner.kind)
            };
            format!("{}/{}", kind.to_lowercase(), owner.name)
        }
        None => "<none>".into(),
    };
    vec![
        r.metadata.name.to_string(),
        controller,
        r.revision.to_string(),
        ctx.age(r.metadata.creation_timestamp),
    ]
}

/// A generic object's JSON (its metadata included), for the kinds Ordinal
/// only stores.
fn json(obj: &Object) -> Value {
    obj.to_value()
}

fn replicas(v: &Value) -> i64 {
    v.pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(1)
}

fn wide_template_cells(ctx: &Ctx, v: &Value, template: &str, cells: &mut Vec<String>) {
    if ctx.wide {
        let (names, images) =
            container_cells_json(v.pointer(&format!("{template}/spec/containers")));
        cells.push(names);
        cells.push(images);
        cells.push(selector_json(v.pointer("/spec/selector")));
    }
}

pub(crate) const DEPLOYMENT: &[Column] = &[
    NAME,
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

pub(crate) fn deployment(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let mut cells = vec![
        obj.name().to_string(),
        format!("{}/{}", ji(&v, "/status/readyReplicas"), replicas(&v)),
        ji(&v, "/status/updatedReplicas").to_string(),
        ji(&v, "/status/availableReplicas").to_string(),
        ctx.age(obj.meta().creation_timestamp),
    ];
    wide_template_cells(ctx, &v, "/spec/template", &mut cells);
    cells
}

pub(crate) const REPLICASET: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

pub(crate) fn replicaset(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let mut cells = vec![
        obj.name().to_string(),
        replicas(&v).to_string(),
        ji(&v, "/status/replicas").to_string(),
        ji(&v, "/status/readyReplicas").to_string(),
        ctx.age(obj.meta().creation_timestamp),
    ];
    wide_template_cells(ctx, &v, "/spec/template", &mut cells);
    cells
}

pub(crate) const DAEMONSET: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Node Selector"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

pub(crate) fn daemonset(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let mut cells = vec![obj.name().to_string()];
    for f in [
        "desiredNumberScheduled",
        "currentNumberScheduled",
        "numberReady",
        "updatedNumberScheduled",
        "numberAvailable",
    ] {
        cells.push(ji(&v, &format!("/status/{f}")).to_string());
    }
    cells.push(super::labels_json(
        v.pointer("/spec/template/spec/nodeSelector"),
    ));
    cells.push(ctx.age(obj.meta().creation_timestamp));
    wide_template_cells(ctx, &v, "/spec/template", &mut cells);
    cells
}

pub(crate) const JOB: &[Column] = &[
    NAME,
    col("Status"),
    col("Completions"),
    col("Duration"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

pub(crate) fn job(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let succeeded = ji(&v, "/status/succeeded");
    let parallelism = v.pointer("/spec/parallelism").and_then(Value::as_i64);
    // The API server defaults completions to 1 when neither field is set.
    let completions = match v.pointer("/spec/completions").and_then(Value::as_i64) {
        Some(c) => format!("{succeeded}/{c}"),
        None if parallelism.is_none() => format!("{succeeded}/1"),
        None if parallelism.unwrap_or(0) > 1 => {
            format!("{succeeded}/1 of {}", parallelism.unwrap_or(0))
        }
        None => format!("{succeeded}/1"),
    };
    let condition = |t: &str| {
        v.pointer("/status/conditions")
            .and_then(Value::as_array)
            .and_then(|cs| {
                cs.iter()
                    .find(|c| c.get("type").and_then(Value::as_str) == Some(t))
            })
            .is_some_and(|c| c.get("status").and_then(Value::as_str) == Some("True"))
    };
    let status = if condition("Complete") {
        "Complete"
    } else if condition("Failed") {
        "Failed"
    } else if obj.meta().deletion_timestamp.is_some() {
        "Terminating"
    } else if condition("Suspended") {
        "Suspended"
    } else if condition("FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    };
    let start = v
        .pointer("/status/startTime")
        .and_then(Value::as_str)
        .and_then(crate::engine::time::SimTime::parse_rfc3339);
    let end = v
        .pointer("/status/completionTime")
        .and_then(Value::as_str)
        .and_then(crate::engine::time::SimTime::parse_rfc3339);
    let duration = match (start, end) {
        (None, _) => String::new(),
        (Some(s), None) => crate::engine::time::human_duration(ctx.now.saturating_sub(s)),
        (Some(s), Some(e)) => crate::engine::time::human_duration(e.saturating_sub(s)),
    };
    let mut cells = vec![
        obj.name().to_string(),
        status.to_string(),
        completions,
        duration,
        ctx.age(obj.meta().creation_timestamp),
    ];
    wide_template_cells(ctx, &v, "/spec/template", &mut cells);
    cells
}

pub(crate) const CRONJOB: &[Column] = &[
    NAME,
    col("Schedule"),
    col("Timezone"),
    col("Suspend"),
    col("Active"),
    col("Last Schedule"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

pub(crate) fn cronjob(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let tz = v
        .pointer("/spec/timeZone")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    let suspend = match v.pointer("/spec/suspend").and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    let active = v
        .pointer("/status/active")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let last = v
        .pointer("/status/lastScheduleTime")
        .and_then(Value::as_str)
        .and_then(crate::engine::time::SimTime::parse_rfc3339)
        .map_or("<none>".to_string(), |t| {
            crate::engine::time::human_duration(ctx.now.saturating_sub(t))
        });
    let mut cells = vec![
        obj.name().to_string(),
        js(&v, "/spec/schedule").to_string(),
        tz.to_string(),
        suspend.to_string(),
        active.to_string(),
        last,
        ctx.age(obj.meta().creation_timestamp),
    ];
    if ctx.wide {
        let (names, images) =
            container_cells_json(v.pointer("/spec/jobTemplate/spec/template/spec/containers"));
        cells.push(names);
        cells.push(images);
        cells.push(selector_json(v.pointer("/spec/jobTemplate/spec/selector")));
    }
    cells
}

pub(crate) const PDB: &[Column] = &[
    NAME,
    col("Min Available"),
    col("Max Unavailable"),
    col("Allowed Disruptions"),
    col("Age"),
];

pub(crate) fn pdb(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let or_na = |p: &str| v.pointer(p).map_or("N/A".to_string(), int_or_string);
    vec![
        obj.name().to_string(),
        or_na("/spec/minAvailable"),
        or_na("/spec/maxUnavailable"),
        ji(&v, "/status/disruptionsAllowed").to_string(),
        ctx.age(obj.meta().creation_timestamp),
    ]
}

pub(crate) const HPA: &[Column] = &[
    NAME,
    col("Reference"),
    col("Targets"),
    col("MinPods"),
    col("MaxPods"),
    col("Replicas"),
    col("Age"),
];

pub(crate) fn hpa(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = json(obj);
    let metrics = v
        .pointer("/spec/metrics")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let targets = if metrics == 0 {
        "<none>".to_string()
    } else {
        // Ordinal runs no metrics pipeline: every current value is unknown.
        let list: Vec<String> = v
            .pointer("/spec/metrics")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .take(2)
            .map(hpa_metric)
            .collect();
        let mut s = list.join(", ");
        if metrics > 2 {
            s.push_str(&format!(" + {} more...", metrics - 2));
        }
        s
    };
    let min = v
        .pointer("/spec/minReplicas")
        .and_then(Value::as_i64)
        .map_or("<unset>".to_string(), |m| m.to_string());
    vec![
        obj.name().to_string(),
        format!(
            "{}/{}",
            js(&v, "/spec/scaleTargetRef/kind"),
            js(&v, "/spec/scaleTargetRef/name")
        ),
        targets,
        min,
        ji(&v, "/spec/maxReplicas").to_string(),
        ji(&v, "/status/currentReplicas").to_string(),
        ctx.age(obj.meta().creation_timestamp),
    ]
}

fn hpa_metric(m: &Value) -> String {
    if js(m, "/type") == "Resource" {
        let name = js(m, "/resource/name");
        return match m
            .pointer("/resource/target/averageUtilization")
            .and_then(Value::as_i64)
        {
            Some(u) => format!("{name}: <unknown>/{u}%"),
            None => match m.pointer("/resource/target/averageValue") {
                Some(val) => format!("{name}: <unknown>/{}", int_or_string(val)),
                None => format!("{name}: <unknown>/<auto>"),
            },
        };
    }
    "<unknown type>".into()
}
