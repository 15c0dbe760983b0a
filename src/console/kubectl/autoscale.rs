//! `kubectl autoscale` (pkg/cmd/autoscale, kubectl 1.35): an autoscaling/v2
//! HorizontalPodAutoscaler for each object that has a scale subresource
//! (a StatefulSet here; Deployments and ReplicaSets are kept too), with
//! `--min`, `--max` and the CPU or memory target of `--cpu` / `--memory`
//! (`70%` a utilization, `500m` or a bare `500` an average value) or the
//! deprecated `--cpu-percent`; kubectl's checks and errors. The
//! autoscaler's controller then runs (engine/controller/hpa.rs).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use serde_json::{json, Value};

use super::flags::{b, v, Flag, Parsed};
use super::modify::{create_generated, print_generated};
use super::{Ctx, DryRun};
use crate::engine::objects::{Kind, Object};

pub const AUTOSCALE_FLAGS: &[Flag] = &[
    b("allow-missing-template-keys", None),
    v("cpu-percent", None),
    v("cpu", None),
    v("memory", None),
    super::flags::opt("dry-run", "unchanged"),
    v("field-manager", None),
    v("filename", Some('f')),
    v("kustomize", Some('k')),
    v("max", None),
    v("min", None),
    v("name", None),
    v("output", Some('o')),
    b("recursive", Some('R')),
    b("save-config", None),
    b("show-managed-fields", None),
    v("template", None),
];

/// `parseResourceInput`: a utilization (`70%`) or an average value (a
/// quantity; a bare number in milliCPU or mebibytes).
fn resource_target(input: &str, resource: &str) -> Result<Value, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("empty input".into());
    }
    if let Some(n) = input.strip_suffix('%') {
        return match n.parse::<i32>() {
            Ok(v) if v >= 0 => Ok(json!({"type": "Utilization", "averageUtilization": v})),
            _ => Err(format!("invalid percentage value: {n}")),
        };
    }
    if let Ok(f) = input.parse::<f64>() {
        let unit = if resource == "cpu" { "m" } else { "Mi" };
        return Ok(json!({"type": "AverageValue", "averageValue": format!("{f}{unit}")}));
    }
    match crate::engine::apiserver::validation::quantity::Quantity::parse(input) {
        Ok(_) => Ok(json!({"type": "AverageValue", "averageValue": input})),
        Err(_) => Err(format!("invalid resource {resource} value: {input}")),
    }
}

fn int_flag(p: &Parsed, name: &str) -> i64 {
    p.value(name)
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(-1)
}

pub fn autoscale(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if p.has("cpu-percent") {
        ctx.err("Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n");
    }
    let (min, max, cpu_percent) = (
        int_flag(p, "min"),
        int_flag(p, "max"),
        int_flag(p, "cpu-percent"),
    );
    let cpu = p.value("cpu").unwrap_or("");
    let memory = p.value("memory").unwrap_or("");
    // `Validate`.
    if max < 1 {
        return ctx.fail(&format!(
            "--max=MAXPODS is required and must be at least 1, max: {max}"
        ));
    }
    if max < min {
        return ctx.fail(&format!(
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}"
        ));
    }
    if cpu_percent > 0 && !cpu.is_empty() {
        return ctx.fail("--cpu-percent and --cpu are mutually exclusive");
    }
    let mut metrics = Vec::new();
    if cpu_percent > 0 {
        metrics.push(json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": cpu_percent}}}));
    }
    for (text, resource) in [(cpu, "cpu"), (memory, "memory")] {
        if text.is_empty() {
            continue;
        }
        match resource_target(text, resource) {
            Ok(target) => metrics.push(
                json!({"type": "Resource", "resource": {"name": resource, "target": target}}),
            ),
            Err(e) => return ctx.fail(&e),
        }
    }
    let ns = ctx.namespace(p);
    let wanted = Wanted { min, max, metrics };
    match super::get::build_each(ctx, p, &ns, |ctx, obj| {
        autoscale_one(ctx, p, &ns, obj, &wanted, dry)
    }) {
        Ok(0) => ctx.fail("no objects passed to autoscale"),
        Ok(_) => 0,
        Err(code) => code,
    }
}

/// What the flags ask of every autoscaler.
struct Wanted {
    min: i64,
    max: i64,
    metrics: Vec<Value>,
}

/// One autoscaler for one object, created (or only shown on a client dry
/// run) and printed.
fn autoscale_one(
    ctx: &mut Ctx,
    p: &Parsed,
    ns: &str,
    obj: &Object,
    wanted: &Wanted,
    dry: DryRun,
) -> i32 {
    let Wanted { min, max, metrics } = wanted;
    let (min, max) = (*min, *max);
    let kind = obj.kind();
    if !matches!(
        kind,
        Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet
    ) {
        let info = kind.info();
        return ctx.fail(&format!(
            "cannot autoscale a {}: could not find scale subresource for {}/{}, Resource={} in discovery information",
            kind.name(),
            info.group,
            info.version,
            info.plural
        ));
    }
    let name = p
        .value("name")
        .filter(|n| !n.is_empty())
        .unwrap_or(obj.name())
        .to_string();
    let mut meta = json!({"name": name});
    if p.has("namespace") {
        meta["namespace"] = json!(ns);
    }
    let mut spec = json!({
        "scaleTargetRef": {"apiVersion": kind.api_version(), "kind": kind.name(), "name": obj.name()},
        "maxReplicas": max,
    });
    if min > 0 {
        spec["minReplicas"] = json!(min);
    }
    if !metrics.is_empty() {
        spec["metrics"] = json!(metrics);
    }
    let mut value = json!({
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": meta,
        "spec": spec,
        "status": {"desiredReplicas": 0},
    });
    if dry != DryRun::Client {
        value["metadata"]["namespace"] = json!(ns);
    }
    let shown = match create_generated(ctx, Kind::HorizontalPodAutoscaler, value, dry, None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let op = if dry == DryRun::Client {
        "created"
    } else {
        "autoscaled"
    };
    print_generated(ctx, p, &shown, op, dry)
}
