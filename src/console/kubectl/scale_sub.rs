//! `kubectl get TYPE NAME --subresource=scale`: the `autoscaling/v1 Scale`
//! the API server serves for a StatefulSet, printed as kubectl prints it
//! (the server's table: NAME, DESIRED, AVAILABLE).

use std::rc::Rc;

use serde_json::{json, Value};

use super::flags::Parsed;
use super::get::selecting;
use super::output::Format;
use super::{resources, Ctx};
use crate::console::printers::{self, tabwriter::TabWriter};
use crate::engine::objects::{Kind, StatefulSet};
use crate::manifest::print;

/// The subresources `kubectl get`, `patch` and `replace` accept.
pub const SUBRESOURCES: &[&str] = &["status", "scale"];

/// kubectl's check of `--subresource` (get.go `Validate`).
pub fn validate(p: &Parsed) -> Result<(), String> {
    match p.value("subresource") {
        Some(s) if !s.is_empty() && !SUBRESOURCES.contains(&s) => Err(format!(
            "invalid subresource value: {s:?}. Must be one of [{}]",
            SUBRESOURCES.join(" ")
        )),
        _ => Ok(()),
    }
}

/// The Scale of a StatefulSet (registry/apps/statefulset `scaleFromStatefulSet`).
/// The StatefulSet a raw `/apis/apps/v1/namespaces/NS/statefulsets/NAME/scale`
/// path names (`get --raw`, `replace --raw`): `Ok(None)` when the path is
/// not a scale path, the server's NotFound text when the set is missing.
pub fn raw_scale_target(ctx: &Ctx, path: &str) -> Result<Option<Rc<StatefulSet>>, String> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let ["apis", "apps", "v1", "namespaces", ns, "statefulsets", name, "scale"] = parts.as_slice()
    else {
        return Ok(None);
    };
    match ctx.console.engine.store().statefulsets.get(ns, name) {
        Some(s) => Ok(Some(s.clone())),
        None => Err(format!(
            "Error from server (NotFound): statefulsets.apps {name:?} not found\n"
        )),
    }
}

pub fn scale_value(s: &StatefulSet) -> Value {
    let mut meta = json!({
        "name": s.metadata.name,
        "namespace": s.metadata.namespace,
        "uid": s.metadata.uid,
        "resourceVersion": s.metadata.resource_version,
    });
    if let Some(t) = s.metadata.creation_timestamp {
        meta["creationTimestamp"] = json!(t.sim().rfc3339());
    }
    let mut status = json!({ "replicas": s.status.replicas });
    if let Some(sel) = s.spec.selector.as_ref().map(|x| x.to_string()) {
        if !sel.is_empty() {
            status["selector"] = json!(sel);
        }
    }
    json!({
        "apiVersion": "autoscaling/v1",
        "kind": "Scale",
        "metadata": meta,
        "spec": { "replicas": s.replicas() },
        "status": status,
    })
}

/// The Scale as the API server writes it (`get --raw`, `replace --raw`):
/// compact JSON, fields in the Go struct's order, one line.
pub fn scale_json(s: &StatefulSet) -> String {
    let (ns, name) = (s.metadata.namespace.as_str(), s.metadata.name.as_str());
    let sel = s
        .spec
        .selector
        .as_ref()
        .map(|x| x.to_string())
        .unwrap_or_default();
    let q = |x: &str| Value::String(x.to_string()).to_string();
    let mut meta = format!("\"name\":{},\"namespace\":{}", q(name), q(ns));
    if !s.metadata.uid.is_empty() {
        meta.push_str(&format!(",\"uid\":{}", q(&s.metadata.uid)));
    }
    if !s.metadata.resource_version.is_empty() {
        meta.push_str(&format!(
            ",\"resourceVersion\":{}",
            q(&s.metadata.resource_version)
        ));
    }
    if let Some(t) = s.metadata.creation_timestamp {
        meta.push_str(&format!(",\"creationTimestamp\":{}", q(&t.sim().rfc3339())));
    }
    // `spec.replicas` and `status.selector` are omitted when empty.
    let spec = match s.replicas() {
        0 => String::new(),
        n => format!("\"replicas\":{n}"),
    };
    let selector = if sel.is_empty() {
        String::new()
    } else {
        format!(",\"selector\":{}", q(&sel))
    };
    format!(
        "{{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{{{meta}}},\"spec\":{{{spec}}},\"status\":{{\"replicas\":{}{selector}}}}}\n",
        s.status.replicas,
    )
}

pub fn get(ctx: &mut Ctx, p: &Parsed, format: &Format) -> i32 {
    let resolved = match resources::resolve_with(&p.args, selecting(p, true)) {
        Ok(r) => r,
        Err(e) => return ctx.fail(&e),
    };
    let ns = ctx.namespace(p);
    let mut scales: Vec<Value> = Vec::new();
    let mut status = 0;
    for r in &resolved.requests {
        if r.kind != Kind::StatefulSet {
            ctx.err(
                "Error from server (NotFound): the server could not find the requested resource\n",
            );
            return 1;
        }
        let names: Vec<String> = if r.names.is_empty() {
            let mut all: Vec<String> = ctx
                .console
                .engine
                .store()
                .statefulsets
                .in_namespace(&ns)
                .map(|s| s.metadata.name.to_string())
                .collect();
            crate::sort::sort(&mut all);
            all
        } else {
            r.names.clone()
        };
        for n in names {
            match ctx.console.engine.store().statefulsets.get(&ns, &n) {
                Some(s) => scales.push(scale_value(s)),
                None => {
                    ctx.err(&format!(
                        "Error from server (NotFound): statefulsets.apps {n:?} not found\n"
                    ));
                    status = 1;
                }
            }
        }
    }
    let value = if resolved.single && scales.len() == 1 {
        scales[0].clone()
    } else {
        json!({ "apiVersion": "v1", "kind": "List", "items": scales, "metadata": { "resourceVersion": "" } })
    };
    match format {
        Format::Yaml => ctx.out(&print::to_yaml(&value)),
        Format::Json => ctx.out(&print::to_json(&value)),
        Format::Name => {
            for s in &scales {
                ctx.out(&format!(
                    "scale.autoscaling/{}\n",
                    s["metadata"]["name"].as_str().unwrap_or_default()
                ));
            }
        }
        Format::JsonPath(t, as_json) => {
            match printers::jsonpath::jsonpath_output(t, &value, true, *as_json) {
                Ok(s) => ctx.out(&s),
                Err(e) => {
                    ctx.err(&printers::error_text(&e));
                    return 1;
                }
            }
        }
        _ if scales.is_empty() => {}
        _ => {
            let mut text = String::from("NAME\tDESIRED\tAVAILABLE\n");
            for sc in &scales {
                text.push_str(&format!(
                    "{}\t{}\t{}\n",
                    sc["metadata"]["name"].as_str().unwrap_or_default(),
                    sc["spec"]["replicas"],
                    sc["status"]["replicas"]
                ));
            }
            ctx.out(&TabWriter::kubectl_table().format(&text));
        }
    }
    status
}
