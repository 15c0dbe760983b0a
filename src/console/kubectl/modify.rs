//! Verbs that change one field or two of live objects: `scale`, `patch`
//! (strategic, merge, JSON), `set image`, `label`, `annotate`, `edit`, and
//! the `create` subcommands (namespace, configmap, secret, service).

use serde_json::{json, Value};
use std::collections::BTreeMap;

use super::flags::{b, v, Flag, Parsed};
use super::{resources, Ctx};
use crate::console::printers;
use crate::console::session::Request;
use crate::engine::objects::{Kind, Object};
use crate::engine::ApiError;
use crate::manifest::check;
use crate::manifest::patch::{json_patch, merge_patch};
use crate::manifest::schema::{schema, Ty};
use crate::manifest::smp;

pub const SCALE_FLAGS: &[Flag] = &[
    v("replicas", None),
    v("current-replicas", None),
    v("resource-version", None),
    v("filename", Some('f')),
    v("selector", Some('l')),
    b("all", None),
    v("timeout", None),
    v("output", Some('o')),
    v("dry-run", None),
];
pub const PATCH_FLAGS: &[Flag] = &[
    v("patch", Some('p')),
    v("type", None),
    v("patch-file", None),
    v("subresource", None),
    v("output", Some('o')),
    v("dry-run", None),
    b("local", None),
    v("filename", Some('f')),
    v("field-manager", None),
];
pub const SET_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    v("dry-run", None),
    b("all", None),
    v("selector", Some('l')),
    v("filename", Some('f')),
    b("local", None),
    b("record", None),
    v("containers", Some('c')),
    v("env", Some('e')),
    v("requests", None),
    v("limits", None),
];
pub const LABEL_FLAGS: &[Flag] = &[
    b("overwrite", None),
    b("all", None),
    v("selector", Some('l')),
    v("output", Some('o')),
    v("resource-version", None),
    b("list", None),
    v("dry-run", None),
    v("filename", Some('f')),
    b("local", None),
    b("all-namespaces", Some('A')),
    v("field-selector", None),
];
pub const EDIT_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    v("filename", Some('f')),
    b("windows-line-endings", None),
    b("save-config", None),
    v("subresource", None),
    v("validate", None),
];

/// The server's side of a patch: applies `change` to the live object as the
/// API server would (strict decoding, validation), and says whether
/// anything changed.
fn patch_object(
    ctx: &mut Ctx,
    obj: &Object,
    change: impl FnOnce(&Value) -> Result<Value, String>,
) -> Result<(Object, bool), String> {
    let live = printers::wire_value(obj);
    let patched = change(&live)?;
    let kind = obj.kind();
    if kind.is_simulated() {
        let outcome = check::check(&patched, schema().root(kind), true);
        if let Some(msg) = outcome.message() {
            return Err(ApiError::BadRequest(format!(
                "{} in version \"v1\" cannot be handled as a {}: {msg}",
                kind.name(),
                kind.name()
            ))
            .kubectl_text());
        }
    }
    if patched == live {
        return Ok((obj.clone(), false));
    }
    let new = Object::from_value(kind, patched)
        .map_err(|e| format!("Error from server (BadRequest): {e}"))?;
    let updated = ctx
        .console
        .engine
        .update(new)
        .map_err(|e| e.kubectl_text())?;
    let changed = updated.meta().resource_version != obj.meta().resource_version;
    Ok((updated, changed))
}

/// The single object a `TYPE NAME` / `TYPE/NAME` command names.
fn one_target(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> Result<Vec<Object>, String> {
    let resolved = resources::resolve(args).map_err(|e| format!("error: {e}"))?;
    let scope = super::get::scope(ctx, p).map_err(|e| format!("error: {e}"))?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for r in resolved.requests {
        if r.names.is_empty() {
            if p.flag("all") || scope.selector.is_some() {
                out.extend(resources::list(ctx.console, r.kind, &scope));
                continue;
            }
            return Err("error: resource(s) were provided, but no name was specified".into());
        }
        let (found, errs) = resources::lookup(ctx.console, r.kind, &r.names, &scope);
        out.extend(found);
        errors.extend(errs);
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    Ok(out)
}

pub fn scale(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let replicas = match p.value("replicas") {
        None => {
            return ctx
                .fail("--replicas=COUNT is required, and COUNT must be greater than or equal to 0")
        }
        Some(r) => {
            match r.parse::<i64>() {
                Ok(n) if n >= 0 => n,
                Ok(_) => return ctx.fail(
                    "--replicas=COUNT is required, and COUNT must be greater than or equal to 0",
                ),
                Err(_) => {
                    ctx.err(&format!("error: invalid argument {r:?} for \"--replicas\" flag: strconv.ParseInt: parsing {r:?}: invalid syntax\nSee 'kubectl scale --help' for usage.\n"));
                    return 1;
                }
            }
        }
    };
    let current = p
        .value("current-replicas")
        .and_then(|c| c.parse::<i64>().ok());
    if p.args.is_empty() {
        ctx.err("error: required resource not specified\n");
        return 1;
    }
    let targets = match one_target(ctx, p, &p.args) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    };
    let mut code = 0;
    for obj in targets {
        let kind = obj.kind();
        if !matches!(
            kind,
            Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet
        ) {
            ctx.err(&format!(
                "error: cannot scale {}: no scale subresource for {}\n",
                kind.info().plural,
                kind.name()
            ));
            code = 1;
            continue;
        }
        let have = printers::wire_value(&obj)
            .pointer("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        if let Some(c) = current {
            if c != have {
                ctx.err(&format!("error: Expected replicas to be {c}, was {have}\n"));
                code = 1;
                continue;
            }
        }
        match patch_object(ctx, &obj, |live| {
            Ok(merge_patch(live, &json!({"spec": {"replicas": replicas}})))
        }) {
            Ok(_) => ctx.out(&format!(
                "{}/{} scaled\n",
                kind.singular_qualified(),
                obj.name()
            )),
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

/// Parses a patch as the API server does: JSON, or YAML (kubectl converts).
fn parse_patch(text: &str) -> Result<Value, String> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Ok(v);
    }
    use crate::manifest::{tree, yaml};
    let doc = yaml::parse_first_document(text, &yaml::DEFAULT_LIMITS)
        .map_err(|e| format!("unable to parse {text:?}: {}", e.message))?;
    match doc.root {
        Some(root) => tree::to_value(&root).map_err(|e| format!("unable to parse {text:?}: {e:?}")),
        None => Err(format!("unable to parse {text:?}: empty patch")),
    }
}

pub fn patch(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let text = match (p.value("patch"), p.value("patch-file")) {
        (Some(t), _) => t.to_string(),
        (None, Some(f)) => match ctx.console.read_file(f) {
            Ok(t) => t,
            Err(_) => {
                return ctx.fail(&format!(
                    "unable to read patch file: open {f}: no such file or directory"
                ))
            }
        },
        (None, None) => {
            return ctx
                .fail("must specify --patch or --patch-file containing the contents of the patch")
        }
    };
    let kind_of_patch = p.value("type").unwrap_or("strategic");
    if !matches!(kind_of_patch, "strategic" | "merge" | "json") {
        return ctx.fail(&format!(
            "--type must be one of [json merge strategic], not {kind_of_patch:?}"
        ));
    }
    let patch_value = match parse_patch(&text) {
        Ok(v) => v,
        Err(e) => return ctx.fail(&e),
    };
    let targets = match one_target(ctx, p, &p.args) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    };
    if targets.is_empty() {
        return ctx.fail("resource(s) were provided, but no name was specified");
    }
    let mut code = 0;
    for obj in targets {
        let kind = obj.kind();
        let scale = p.value("subresource") == Some("scale");
        let change = |live: &Value| -> Result<Value, String> {
            let patch_value = if scale {
                // The scale subresource takes `spec.replicas` only.
                json!({"spec": {"replicas": patch_value.pointer("/spec/replicas").cloned().unwrap_or(Value::Null)}})
            } else {
                patch_value.clone()
            };
            match kind_of_patch {
                "merge" => Ok(merge_patch(live, &patch_value)),
                "json" => json_patch(live, &patch_value)
                    .map_err(|e| format!("Error from server (BadRequest): {e}")),
                _ => {
                    let ty = if kind.is_simulated() {
                        Ty::Struct(schema().root(kind))
                    } else {
                        Ty::Any
                    };
                    smp::apply(live, &patch_value, &ty)
                        .map_err(|e| format!("Error from server (BadRequest): {e}"))
                }
            }
        };
        match patch_object(ctx, &obj, change) {
            Ok((_, changed)) => {
                let op = if changed {
                    "patched"
                } else {
                    "patched (no change)"
                };
                ctx.out(&format!(
                    "{}/{} {op}\n",
                    kind.singular_qualified(),
                    obj.name()
                ));
            }
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

/// `kubectl set image TYPE/NAME CONTAINER=IMAGE…`.
pub fn set(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let Some(sub) = p.args.first() else {
        ctx.out("Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n\nUsage:\n  kubectl set SUBCOMMAND [options]\n");
        return 0;
    };
    if sub != "image" {
        return ctx.fail(&format!("\"kubectl set {sub}\" is not part of Ordinal's simulated cluster; `kubectl set image` is"));
    }
    let rest = &p.args[1..];
    let (objs, pairs): (Vec<String>, Vec<String>) =
        rest.iter().cloned().partition(|a| !a.contains('='));
    if pairs.is_empty() {
        return ctx.fail("at least one image update is required");
    }
    let targets = match one_target(ctx, p, &objs) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    };
    let mut code = 0;
    for obj in targets {
        let kind = obj.kind();
        let change = |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            let ptr = if kind == Kind::Pod {
                "/spec"
            } else {
                "/spec/template/spec"
            };
            let Some(spec) = v.pointer_mut(ptr) else {
                return Err(format!(
                    "error: {}/{} has no pod template",
                    kind.info().plural,
                    obj.name()
                ));
            };
            for pair in &pairs {
                let (name, image) = pair.split_once('=').unwrap_or((pair, ""));
                let mut found = false;
                for list in ["initContainers", "containers"] {
                    if let Some(Value::Array(cs)) = spec.get_mut(list) {
                        for c in cs {
                            if name == "*" || c.get("name").and_then(Value::as_str) == Some(name) {
                                c["image"] = Value::String(image.to_string());
                                found = true;
                            }
                        }
                    }
                }
                if !found {
                    return Err(format!("error: unable to find container named {name:?}"));
                }
            }
            Ok(v)
        };
        match patch_object(ctx, &obj, change) {
            Ok((_, changed)) => {
                if changed {
                    ctx.out(&format!(
                        "{}/{} image updated\n",
                        kind.singular_qualified(),
                        obj.name()
                    ));
                }
            }
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

/// `KEY=VALUE` and `KEY-` arguments of label / annotate.
fn split_changes(args: &[String]) -> (Vec<String>, BTreeMap<String, String>, Vec<String>) {
    let mut objs = Vec::new();
    let mut set = BTreeMap::new();
    let mut remove = Vec::new();
    for a in args {
        if let Some((k, v)) = a.split_once('=') {
            set.insert(k.to_string(), v.to_string());
        } else if let Some(k) = a.strip_suffix('-').filter(|_| !objs.is_empty()) {
            remove.push(k.to_string());
        } else {
            objs.push(a.clone());
        }
    }
    (objs, set, remove)
}

fn relabel(ctx: &mut Ctx, p: &Parsed, annotations: bool) -> i32 {
    let (objs, set, remove) = split_changes(&p.args);
    let what = if annotations { "annotation" } else { "label" };
    if set.is_empty() && remove.is_empty() && !p.flag("list") {
        return ctx.fail(&format!("at least one {what} update is required"));
    }
    let targets = match one_target(ctx, p, &objs) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    };
    let mut code = 0;
    for obj in targets {
        let kind = obj.kind();
        let current = if annotations {
            obj.meta().annotations.clone()
        } else {
            obj.meta().labels.clone()
        };
        if p.flag("list") {
            for (k, v) in &current {
                ctx.out(&format!("{k}={v}\n"));
            }
            continue;
        }
        if !p.flag("overwrite") {
            let clashes: Vec<String> = set
                .iter()
                .filter(|(k, v)| current.get(*k).is_some_and(|c| c != *v))
                .map(|(k, _)| format!("'{k}' already has a value ({})", current[k]))
                .collect();
            if !clashes.is_empty() {
                let msg = if annotations {
                    format!(
                        "--overwrite is false but found the following declared annotation(s): {}",
                        clashes.join("; ")
                    )
                } else {
                    format!("{}, and --overwrite is false", clashes[0])
                };
                ctx.err(&format!("error: {msg}\n"));
                code = 1;
                continue;
            }
        }
        let mut next = current.clone();
        for (k, v) in &set {
            next.insert(k.clone(), v.clone());
        }
        for k in &remove {
            next.remove(k);
        }
        let mut o = obj.clone();
        if annotations {
            o.meta_mut().annotations = next.clone();
        } else {
            o.meta_mut().labels = next.clone();
        }
        let result = if next == current {
            Ok(obj.clone())
        } else {
            ctx.console.engine.update(o).map_err(|e| e.kubectl_text())
        };
        match result {
            Ok(_) => {
                let op = match (annotations, next == current, set.is_empty()) {
                    (true, _, _) => "annotated",
                    (false, true, _) => "not labeled",
                    (false, false, true) => "unlabeled",
                    (false, false, false) => "labeled",
                };
                ctx.out(&format!(
                    "{}/{} {op}\n",
                    kind.singular_qualified(),
                    obj.name()
                ));
            }
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

pub fn label(ctx: &mut Ctx, p: &Parsed) -> i32 {
    relabel(ctx, p, false)
}

pub fn annotate(ctx: &mut Ctx, p: &Parsed) -> i32 {
    relabel(ctx, p, true)
}

/// `kubectl edit` opens the object in the page's editor (console-only).
pub fn edit(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let targets = match one_target(ctx, p, &p.args) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    };
    let Some(obj) = targets.into_iter().next() else {
        return ctx.fail("edit needs a resource: kubectl edit TYPE/NAME");
    };
    let yaml = crate::manifest::print::to_yaml(&printers::wire_value(&obj));
    ctx.console.requests.push(Request::Edit {
        kind: obj.kind(),
        namespace: obj.namespace().to_string(),
        name: obj.name().to_string(),
        yaml,
    });
    ctx.out(&format!(
        "Opening {}/{} in the editor: change it there and press Apply.\n",
        obj.kind().singular_qualified(),
        obj.name()
    ));
    0
}

/// `kubectl create namespace|configmap|secret generic|service clusterip NAME …`.
pub fn create_subcommand(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let args = &p.args;
    let literal = |p: &Parsed| -> BTreeMap<String, String> {
        p.values("from-literal")
            .iter()
            .filter_map(|kv| {
                kv.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect()
    };
    let (kind, value) = match args.first().map(String::as_str) {
        Some("namespace") | Some("ns") => {
            let Some(name) = args.get(1) else { return ctx.fail("exactly one NAME is required, got 0") };
            (Kind::Namespace, json!({"metadata": {"name": name}}))
        }
        Some("configmap") | Some("cm") => {
            let Some(name) = args.get(1) else { return ctx.fail("exactly one NAME is required, got 0") };
            (Kind::ConfigMap, json!({"metadata": {"name": name, "namespace": ns}, "data": literal(p)}))
        }
        Some("secret") => {
            if args.get(1).map(String::as_str) != Some("generic") {
                return ctx.fail("Ordinal creates generic secrets: kubectl create secret generic NAME --from-literal=key=value");
            }
            let Some(name) = args.get(2) else { return ctx.fail("exactly one NAME is required, got 0") };
            let data: BTreeMap<String, String> = literal(p).into_iter().map(|(k, v)| (k, crate::engine::apiserver::defaults::base64_encode(v.as_bytes()))).collect();
            (Kind::Secret, json!({"metadata": {"name": name, "namespace": ns}, "type": "Opaque", "data": data}))
        }
        Some("service") | Some("svc") => {
            let Some(name) = args.get(2) else { return ctx.fail("exactly one NAME is required, got 0") };
            let mut ports = Vec::new();
            for t in p.values("tcp").iter().flat_map(|s| s.split(',').map(str::to_string).collect::<Vec<_>>()) {
                let (port, target) = t.split_once(':').unwrap_or((&t, &t));
                let port: i64 = port.parse().unwrap_or(0);
                let target: i64 = target.parse().unwrap_or(port);
                ports.push(json!({"name": format!("{port}-{target}"), "port": port, "protocol": "TCP", "targetPort": target}));
            }
            let mut spec = json!({"ports": ports, "selector": {"app": name}, "type": "ClusterIP"});
            if let Some(ip) = p.value("clusterip") {
                spec["clusterIP"] = Value::String(ip.to_string());
            }
            (Kind::Service, json!({"metadata": {"name": name, "namespace": ns, "labels": {"app": name}}, "spec": spec}))
        }
        Some(other) => return ctx.fail(&format!("Unexpected args: [{other}]\nOrdinal's kubectl creates from files (-f) or: namespace, configmap, secret generic, service clusterip")),
        None => return ctx.fail("must specify one of -f and -k"),
    };
    let obj = match Object::from_value(kind, value) {
        Ok(o) => o,
        Err(e) => return ctx.fail(&e),
    };
    let name = obj.name().to_string();
    match ctx.console.engine.create(obj) {
        Ok(_) => {
            ctx.out(&format!("{}/{name} created\n", kind.singular_qualified()));
            0
        }
        Err(e) => {
            ctx.err(&format!("{}\n", e.kubectl_text()));
            1
        }
    }
}
