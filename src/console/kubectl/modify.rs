//! Verbs that change one field or two of live objects: `scale`, `patch`
//! (strategic, merge, JSON), `set image`, `label`, `annotate`, `edit`, and
//! the `create` subcommands (namespace, configmap, secret, service).

use serde_json::{json, Value};
use std::collections::BTreeMap;

use super::flags::{b, v, Flag, Parsed};
use super::get::FileLabels;
use super::{resources, Ctx, DryRun};
use crate::console::printers;
use crate::console::session::Request;
use crate::engine::apiserver::go_quote;
use crate::engine::objects::{Kind, Object};
use crate::engine::ApiError;
use crate::manifest::patch::{json_patch, merge_patch};
use crate::manifest::schema::{schema, Ty};
use crate::manifest::smp;
use crate::manifest::{check, convert};
use crate::sort::CollectMap;

pub const SCALE_FLAGS: &[Flag] = &[
    v("replicas", None),
    v("current-replicas", None),
    v("resource-version", None),
    v("filename", Some('f')),
    v("selector", Some('l')),
    b("all", None),
    v("timeout", None),
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("record", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];
pub const PATCH_FLAGS: &[Flag] = &[
    v("patch", Some('p')),
    v("type", None),
    v("patch-file", None),
    v("subresource", None),
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("local", None),
    v("filename", Some('f')),
    v("field-manager", None),
    b("record", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];
/// `kubectl set` without a subcommand Ordinal runs (help, and the
/// subcommands it answers as not simulated).
pub const SET_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("selector", Some('l')),
    v("filename", Some('f')),
    b("local", None),
    b("record", None),
    v("containers", Some('c')),
    v("requests", None),
    v("limits", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];
pub const SET_IMAGE_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("selector", Some('l')),
    v("filename", Some('f')),
    b("local", None),
    b("record", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];
/// `set subject` is refused, but with its own flags parsed (`--user` is a
/// subject there, not the global kubeconfig user).
pub const SET_SUBJECT_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("filename", Some('f')),
    b("local", None),
    v("user", None),
    v("group", None),
    v("serviceaccount", None),
    v("field-manager", None),
    b("recursive", Some('R')),
    v("kustomize", Some('k')),
];
/// `set env` has no `--record` (set_env.go never added it).
pub const SET_ENV_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("selector", Some('l')),
    v("filename", Some('f')),
    b("local", None),
    v("containers", Some('c')),
    v("env", Some('e')),
    b("list", None),
    b("overwrite", None),
    b("resolve", None),
    v("prefix", None),
    v("from", None),
    v("keys", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];
pub const LABEL_FLAGS: &[Flag] = &[
    b("overwrite", None),
    b("all", None),
    v("selector", Some('l')),
    v("output", Some('o')),
    v("resource-version", None),
    b("list", None),
    super::flags::opt("dry-run", "unchanged"),
    v("filename", Some('f')),
    b("local", None),
    b("all-namespaces", Some('A')),
    v("field-selector", None),
    b("record", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];
pub const EDIT_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    v("filename", Some('f')),
    b("windows-line-endings", None),
    b("save-config", None),
    v("subresource", None),
    v("validate", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

/// The server's side of a patch: applies `change` to the live object as the
/// API server would (strict decoding, validation), and says whether
/// anything changed.
fn patch_object(
    ctx: &mut Ctx,
    obj: &Object,
    status_only: bool,
    rejected: Rejected,
    change: impl FnOnce(&Value) -> Result<Value, String>,
) -> Result<(Object, bool), String> {
    let live = printers::wire_value(obj);
    let mut patched = change(&live)?;
    let kind = obj.kind();
    if kind.is_simulated() {
        let outcome = check::check(&patched, schema().root(kind), true);
        if outcome.error.is_none() && !outcome.unknown.is_empty() {
            // kubectl sends no `fieldValidation` with a PATCH, so the server
            // uses its default, Warn: it drops unknown fields and says so in
            // a warning header, which kubectl prints (R9.8).
            for f in &outcome.unknown {
                ctx.err(&format!("Warning: {}\n", f.message));
            }
            let root = crate::manifest::schema::Ty::Struct(schema().root(kind));
            patched = check::without_unknown(&patched, &root, 0);
        } else if let Some(msg) = outcome.message() {
            return Err(ApiError::BadRequest(format!(
                "{} in version \"v1\" cannot be handled as a {}: {msg}",
                kind.name(),
                kind.name()
            ))
            .kubectl_text());
        }
    }
    // `checkName`: a patch cannot move an object to another name or
    // namespace (the URL names the object).
    let meta_of = |v: &Value, field: &str| {
        v.pointer(&format!("/metadata/{field}"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (name, url_name) = (meta_of(&patched, "name"), meta_of(&live, "name"));
    if name != url_name {
        return Err(ApiError::BadRequest(format!(
            "the name of the object ({name}) does not match the name on the URL ({url_name})"
        ))
        .kubectl_text());
    }
    let (ns, url_ns) = (meta_of(&patched, "namespace"), meta_of(&live, "namespace"));
    if !url_ns.is_empty() && !ns.is_empty() && ns != url_ns {
        return Err(ApiError::BadRequest(format!(
            "the namespace of the object ({ns}) does not match the namespace on the URL ({url_ns})"
        ))
        .kubectl_text());
    }
    if patched == live {
        return Ok((obj.clone(), false));
    }
    let new = Object::from_value(kind, patched)
        .map_err(|e| format!("Error from server (BadRequest): {e}"))?;
    let updated = if status_only {
        ctx.console.engine.update_status(new)
    } else {
        ctx.console.engine.update(new)
    }
    .map_err(|e| rejected(&e))?;
    let changed = updated.meta().resource_version != obj.meta().resource_version;
    Ok((updated, changed))
}

/// How kubectl names the result of a change: `statefulset.apps/web scaled`,
/// or the object in the `-o` format asked for.
pub(super) fn print_changed(ctx: &mut Ctx, p: &Parsed, obj: &Object, op: &str, dry: DryRun) -> i32 {
    let answer;
    let obj = if dry == DryRun::Server {
        answer = ctx.dry_run_answer(obj.clone());
        &answer
    } else {
        obj
    };
    let suffix = dry.suffix();
    // What the server returned names the object: a Scale for the scale
    // subresource.
    let what = if p.value("subresource") == Some("scale") {
        "scale.autoscaling".to_string()
    } else {
        obj.kind().singular_qualified()
    };
    match p.value("output").filter(|o| !o.is_empty()) {
        None if p.value("template").is_none_or(str::is_empty) => {
            ctx.out(&format!("{what}/{} {op}{suffix}\n", obj.name()));
            0
        }
        // The short name output has no operation.
        Some("name") => {
            ctx.out(&format!("{what}/{}\n", obj.name()));
            0
        }
        // `--template` alone means `-o go-template` (PrintFlags.ToPrinter).
        _ => {
            let format = match super::output::parse(p.value("output"), p.value("template")) {
                Ok(f) => f,
                Err(e) => return ctx.fail(&e),
            };
            if format == super::output::Format::Table {
                ctx.out(&format!("{what}/{} {op}{suffix}\n", obj.name()));
                return 0;
            }
            let opts = crate::console::printers::TableOptions {
                missing_key_error: !p.flag_or("allow-missing-template-keys", true),
                ..Default::default()
            };
            super::output::print_objects(
                &ctx.console.engine,
                ctx.io,
                &format,
                &[(obj.kind(), vec![obj.clone()])],
                true,
                &opts,
            )
        }
    }
}

/// Runs a change against the live cluster, a copy of it (server dry run)
/// or not at all (client dry run: the changed object is only shown).
const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

pub(super) fn change_object(
    ctx: &mut Ctx,
    obj: &Object,
    dry: DryRun,
    status_only: bool,
    change: impl FnOnce(&Value) -> Result<Value, String>,
) -> Result<(Object, bool), String> {
    change_object_with(ctx, obj, dry, status_only, ApiError::kubectl_text, change)
}

/// How a command words the API server's refusal of its write:
/// `ApiError::kubectl_text` where kubectl hands the error to `CheckErr`
/// as it came, or the status message wrapped in the command's own words
/// (`set image`: `failed to patch image update to pod template: …`).
pub(super) type Rejected = fn(&ApiError) -> String;

/// How `set image`, `set env` and `set resources` wrap the API server's
/// refusal of their patch: `failed to patch image update to pod
/// template: …` (set_resources.go has no colon).
pub(super) fn rejected_as(verb: &str) -> Rejected {
    match verb {
        "image" => |e| {
            format!(
                "failed to patch image update to pod template: {}",
                e.message()
            )
        },
        "env" => |e| {
            format!(
                "failed to patch env update to pod template: {}",
                e.message()
            )
        },
        _ => |e| {
            format!(
                "failed to patch resources update to pod template {}",
                e.message()
            )
        },
    }
}

/// `change_object`, with the API server's refusals worded by `rejected`.
pub(super) fn change_object_with(
    ctx: &mut Ctx,
    obj: &Object,
    dry: DryRun,
    status_only: bool,
    rejected: Rejected,
    change: impl FnOnce(&Value) -> Result<Value, String>,
) -> Result<(Object, bool), String> {
    // `--record` writes the command line into the changed object.
    let cause = ctx.change_cause.clone();
    let change = move |live: &Value| {
        let mut v = change(live)?;
        super::record_change_cause(&mut v, cause.as_deref());
        Ok(v)
    };
    if dry == DryRun::Client {
        let live = printers::wire_value(obj);
        let patched = change(&live)?;
        let changed = patched != live;
        let shown = Object::from_value(obj.kind(), patched).unwrap_or_else(|_| obj.clone());
        return Ok((shown, changed));
    }
    ctx.writing(dry, |ctx| {
        patch_object(ctx, obj, status_only, rejected, change)
    })
}

pub fn scale(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let replicas = match p.value("replicas").unwrap_or("").parse::<i64>() {
        Ok(n) => n,
        Err(_) => {
            let r = p.value("replicas").unwrap_or("");
            ctx.err(&format!("error: invalid argument {r:?} for \"--replicas\" flag: strconv.ParseInt: parsing {r:?}: invalid syntax\nSee 'kubectl scale --help' for usage.\n"));
            return 1;
        }
    };
    let current = match p.value("current-replicas") {
        None => -1,
        Some(c) => match c.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                ctx.err(&format!("error: invalid argument {c:?} for \"--current-replicas\" flag: strconv.ParseInt: parsing {c:?}: invalid syntax\nSee 'kubectl scale --help' for usage.\n"));
                return 1;
            }
        },
    };
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if replicas < 0 {
        return ctx.fail(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        );
    }
    if current < -1 {
        return ctx.fail("The --current-replicas must specify an integer of -1 or greater");
    }
    let (targets, _) = match targets_of(ctx, p, &p.args, p.flag("all"), FileLabels::Written) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let found = targets.iter().filter(|t| t.is_ok()).count();
    if p.has("resource-version") && found > 1 {
        return ctx.fail("cannot use --resource-version with multiple resources");
    }
    let mut errors: Vec<String> = Vec::new();
    let mut objects = Vec::new();
    for t in targets {
        match t {
            Ok(o) => objects.push(o),
            Err(e) => errors.push(e),
        }
    }
    if objects.is_empty() {
        if let Some(e) = errors.first() {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
        return ctx.fail("no objects passed to scale");
    }
    for obj in objects {
        let kind = obj.kind();
        if dry == DryRun::Client {
            print_changed(ctx, p, &obj, "scaled", dry);
            continue;
        }
        if !matches!(
            kind,
            Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet
        ) {
            ctx.err(
                "Error from server (NotFound): the server could not find the requested resource\n",
            );
            return 1;
        }
        let have = printers::wire_value(&obj)
            .pointer("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        if current != -1 && current != have {
            return ctx.fail(&format!("Expected replicas to be {current}, was {have}"));
        }
        if let Some(rv) = p.value("resource-version") {
            if rv != obj.meta().resource_version {
                return ctx.fail(&format!(
                    "Expected resource version to be {rv}, was {}",
                    obj.meta().resource_version
                ));
            }
        }
        if let Err(e) = change_object(ctx, &obj, dry, false, |live| {
            Ok(merge_patch(live, &json!({"spec": {"replicas": replicas}})))
        }) {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
        print_changed(ctx, p, &obj, "scaled", dry);
    }
    for e in &errors {
        ctx.err(&format!("{e}\n"));
    }
    i32::from(!errors.is_empty())
}

/// Parses a patch as kubectl does (`yaml.ToJSON`: JSON is YAML).
fn parse_patch(text: &str) -> Result<Value, String> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Ok(v);
    }
    use crate::manifest::{tree, yaml};
    let doc = yaml::parse_first_document(text, &yaml::DEFAULT_LIMITS)
        .map_err(|e| format!("unable to parse {text:?}: {}", e.message))?;
    match doc.root {
        Some(root) => tree::to_value(&root).map_err(|e| format!("unable to parse {text:?}: {e:?}")),
        None => Ok(Value::Null),
    }
}

pub fn patch(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if let Err(e) = super::scale_sub::validate(p) {
        return ctx.fail(&e);
    }
    if p.has("patch") && p.has("patch-file") {
        return ctx.fail("cannot specify --patch and --patch-file together");
    }
    let text = match (p.value("patch"), p.value("patch-file")) {
        (Some(t), _) if !t.is_empty() => t.to_string(),
        (_, Some(f)) if !f.is_empty() => match ctx.console.read_file(f) {
            Ok(t) => t,
            Err(_) => {
                return ctx.fail(&format!(
                    "unable to read patch file: open {f}: no such file or directory"
                ))
            }
        },
        _ => {
            return ctx
                .fail("must specify --patch or --patch-file containing the contents of the patch")
        }
    };
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let kind_of_patch = p.value("type").unwrap_or("strategic").to_lowercase();
    if !matches!(kind_of_patch.as_str(), "strategic" | "merge" | "json") {
        return ctx.fail(&format!(
            "--type must be one of [json merge strategic], not {:?}",
            p.value("type").unwrap_or("")
        ));
    }
    let patch_value = match parse_patch(&text) {
        Ok(v) => v,
        Err(e) => return ctx.fail(&e),
    };
    let (targets, _) = match targets_of(ctx, p, &p.args, false, FileLabels::Live) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let mut count = 0;
    for t in targets {
        let obj = match t {
            Ok(o) => o,
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                return 1;
            }
        };
        count += 1;
        let kind = obj.kind();
        let scale = p.value("subresource") == Some("scale");
        if scale
            && !matches!(
                kind,
                Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet
            )
        {
            ctx.err(
                "Error from server (NotFound): the server could not find the requested resource\n",
            );
            return 1;
        }
        let pv = patch_value.clone();
        let kp = kind_of_patch.clone();
        let change = move |live: &Value| -> Result<Value, String> {
            let patch_value = if scale {
                // The scale subresource takes `spec.replicas` only.
                json!({"spec": {"replicas": pv.pointer("/spec/replicas").cloned().unwrap_or(Value::Null)}})
            } else {
                pv
            };
            match kp.as_str() {
                // json-patch's MergePatch refuses a null patch.
                "merge" if patch_value.is_null() => {
                    Err("Error from server (BadRequest): Invalid JSON Patch".to_string())
                }
                "merge" => Ok(merge_patch(live, &patch_value)),
                "json" => json_patch(live, &patch_value)
                    .map_err(|e| format!("Error from server (BadRequest): {e}")),
                _ => {
                    // The server decodes a strategic merge patch into a map
                    // first (`strategicPatchObject`); `null` is an empty one.
                    let what = match &patch_value {
                        Value::Object(_) => None,
                        Value::Null => return Ok(live.clone()),
                        Value::String(_) => Some("string"),
                        Value::Number(_) => Some("number"),
                        Value::Bool(_) => Some("bool"),
                        Value::Array(_) => Some("array"),
                    };
                    if let Some(what) = what {
                        return Err(format!(
                            "Error from server (BadRequest): json: cannot unmarshal {what} into Go value of type map[string]interface {{}}"
                        ));
                    }
                    let ty = if kind.is_simulated() {
                        Ty::Struct(schema().root(kind))
                    } else {
                        Ty::Any
                    };
                    let merged = smp::apply(live, &patch_value, &ty)
                        .map_err(|e| format!("Error from server (BadRequest): {e}"))?;
                    // The merged map becomes the typed object by the
                    // unstructured converter, whose errors come back as an
                    // invalid `patch` (patch.go `applyPatchToObject`);
                    // kubectl has no kind or name to name (helpers.go
                    // `checkErr`).
                    if let Ty::Struct(root) = ty {
                        if let Some(e) = convert::error(&merged, root) {
                            return Err(format!(
                                "The request is invalid: patch: Invalid value: {}: {e}",
                                go_quote(&convert::go_value(&patch_value))
                            ));
                        }
                    }
                    Ok(merged)
                }
            }
        };
        // The status subresource takes the status only (spec changes
        // are dropped, as the status strategy drops them).
        let status_only = p.value("subresource") == Some("status");
        let change = move |live: &Value| -> Result<Value, String> {
            let patched = change(live)?;
            if !status_only {
                return Ok(patched);
            }
            let mut kept = live.clone();
            kept["status"] = patched.get("status").cloned().unwrap_or(Value::Null);
            Ok(kept)
        };
        match change_object(ctx, &obj, dry, status_only, change) {
            Ok((patched, changed)) => {
                let op = if changed {
                    "patched"
                } else {
                    "patched (no change)"
                };
                print_changed(ctx, p, &patched, op, dry);
            }
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                return 1;
            }
        }
    }
    if count == 0 {
        return ctx.fail("no objects passed to patch");
    }
    0
}

/// `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (set_image.go).
pub fn set(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let Some(sub) = p.args.first() else {
        return super::help::without_subcommand(ctx, "set");
    };
    match sub.as_str() {
        "image" => {}
        "env" => return super::set_env::set_env(ctx, p),
        "resources" => return super::set_resources::set_resources(ctx, p),
        "selector" => return super::set_selector::set_selector(ctx, p),
        "serviceaccount" | "sa" => return super::set_serviceaccount::set_serviceaccount(ctx, p),
        "subject" => {
            return ctx.fail("\"kubectl set subject\" (RBAC bindings) is not part of Ordinal's simulated cluster, which has no authorization; `kubectl set image`, `env`, `resources`, `selector` and `serviceaccount` are");
        }
        // DefaultSubCommandRun → RequireNoArguments: every argument, joined.
        _ => return ctx.usage_for("set", &format!("unknown command {:?}", p.args.join(" "))),
    }
    let rest = &p.args[1..];
    let (objs, pairs) = match resources_and_pairs(rest, "image") {
        Ok(x) => x,
        Err(e) => return ctx.fail(&e),
    };
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let local = p.flag("local");
    if local {
        if let Some(code) = super::set_local::precheck(ctx, p, &objs, "image") {
            return code;
        }
    }
    // set image visits the objects before it checks its arguments.
    let targets = if local {
        Vec::new()
    } else {
        match targets_of(ctx, p, &objs, p.flag("all"), FileLabels::Live) {
            Ok((t, _)) => t,
            Err(code) => return code,
        }
    };
    // Complete stops on the builder's errors (`Infos()`), before anything
    // is checked or patched.
    if let Some(code) = builder_errors(ctx, &targets) {
        return code;
    }
    let mut images: BTreeMap<String, String> = BTreeMap::new();
    for pair in &pairs {
        match pair.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                images.insert(k.to_string(), v.to_string());
            }
            _ => return ctx.fail(&format!("invalid image update: {pair}")),
        }
    }
    let mut problems = Vec::new();
    if p.flag("all") && p.has("selector") {
        problems.push("cannot set --all and --selector at the same time".to_string());
    }
    if objs.is_empty() && !p.has_sources() {
        problems.push(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
                .to_string(),
        );
    }
    if images.is_empty() {
        problems.push("at least one image update is required".to_string());
    } else if images.len() > 1 && images.contains_key("*") {
        problems.push("all containers are already specified by *, but saw more than one container_name=container_image pairs".to_string());
    }
    if !problems.is_empty() {
        for pr in problems {
            ctx.err(&format!("error: {pr}\n"));
        }
        return 1;
    }
    if local {
        return super::set_local::run(ctx, p, dry, "image updated", true, |_, _, _, spec| {
            set_images(spec, &images)
        });
    }
    let mut errors: Vec<String> = Vec::new();
    for t in targets {
        let obj = match t {
            Ok(o) => o,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let kind = obj.kind();
        let mut missing: Vec<String> = Vec::new();
        let change = |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            let spec = pod_spec_of(&mut v, kind, obj.name())?;
            missing = set_images(spec, &images);
            Ok(v)
        };
        let result = change_object_with(ctx, &obj, dry, false, rejected_as("image"), change);
        errors.append(&mut missing);
        match result {
            Ok((shown, changed)) => {
                if changed {
                    print_changed(ctx, p, &shown, "image updated", dry);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    report_errors(ctx, &errors)
}

/// The objects a `set` verb could not find (`Infos()` returns them with
/// the objects it found, and Complete returns the error): printed, and
/// the command ends before any change. Some exit code when there are any.
pub(super) fn builder_errors(ctx: &mut Ctx, targets: &[Result<Object, String>]) -> Option<i32> {
    let errors: Vec<String> = targets.iter().filter_map(|t| t.clone().err()).collect();
    (!errors.is_empty()).then(|| report_errors(ctx, &errors))
}

/// `set image`'s change to a Pod spec: each `container=image` pair (`*`
/// for all) sets the image of the init and app containers it names.
/// Returns an error for each name no container has.
fn set_images(spec: &mut Value, images: &BTreeMap<String, String>) -> Vec<String> {
    let mut missing = Vec::new();
    for (name, image) in images {
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
            missing.push(format!("error: unable to find container named {name:?}"));
        }
    }
    missing
}

/// The errors of a `set` verb, after its output, as kubectl's `CheckErr`
/// prints an aggregate: one error alone as `error: …` (the API server's
/// and kubectl's own as they are), several a line each as they are.
pub(super) fn report_errors(ctx: &mut Ctx, errors: &[String]) -> i32 {
    if let [e] = errors {
        let e = if e.starts_with("error: ")
            || e.starts_with("Error from server")
            || e.starts_with("The ")
        {
            e.clone()
        } else {
            format!("error: {e}")
        };
        ctx.err(&format!("{}\n", e.trim_end()));
        return 1;
    }
    // `MultipleErrors`: each message and a newline, so one that ends in
    // its own newline leaves a blank line after it.
    for e in errors {
        ctx.err(&format!("{e}\n"));
    }
    i32::from(!errors.is_empty())
}

/// `GetResourcesAndPairs`: resources first, then `KEY=VALUE` / `KEY-`.
fn resources_and_pairs(args: &[String], what: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for a in args {
        let pair = (a.contains('=') && !a.starts_with('=')) || (a.ends_with('-') && a != "-");
        match (pairs.is_empty(), pair) {
            (_, true) => pairs.push(a.clone()),
            (true, false) => resources.push(a.clone()),
            (false, false) => {
                return Err(format!(
                    "all resources must be specified before {what} changes: {a}"
                ))
            }
        }
    }
    Ok((resources, pairs))
}

/// The `KEY=VALUE` and `KEY-` changes of label / annotate.
fn parse_pairs(
    pairs: &[String],
    annotations: bool,
) -> Result<(BTreeMap<String, String>, Vec<String>), String> {
    let mut set = BTreeMap::new();
    let mut remove = Vec::new();
    for spec in pairs {
        if spec.contains('=') {
            let parts: Vec<&str> = spec.split('=').collect();
            if !annotations && parts.len() != 2 {
                return Err(format!("invalid label spec: {spec}"));
            }
            let (k, v) = spec.split_once('=').unwrap_or((spec, ""));
            if !annotations {
                if let Some(e) = label_value_error(v) {
                    return Err(format!("invalid label value: {spec:?}: {e}"));
                }
            }
            set.insert(k.to_string(), v.to_string());
        } else if let Some(k) = spec.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(format!("unknown label spec: {spec}"));
        }
    }
    let both: Vec<&String> = remove.iter().filter(|k| set.contains_key(*k)).collect();
    if !both.is_empty() {
        return Err(if annotations {
            format!(
                "can not both modify and remove the following annotation(s) in the same command: {}",
                both.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            )
        } else {
            "can not both modify and remove a label in the same command".to_string()
        });
    }
    Ok((set, remove))
}

/// apimachinery's `IsValidLabelValue`, as one message.
fn label_value_error(v: &str) -> Option<String> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    let ok = v.is_empty()
        || (v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && v.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()));
    if !ok {
        errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string());
    }
    (!errs.is_empty()).then(|| errs.join(";"))
}

fn relabel(ctx: &mut Ctx, p: &Parsed, annotations: bool) -> i32 {
    let what = if annotations { "annotation" } else { "label" };
    let (objs, pairs) = match resources_and_pairs(&p.args, what) {
        Ok(x) => x,
        Err(e) => return ctx.fail(&e),
    };
    let (set, remove) = match parse_pairs(&pairs, annotations) {
        Ok(x) => x,
        Err(e) => return ctx.fail(&e),
    };
    if p.flag("list") && p.has("output") {
        return ctx.fail("--list and --output may not be specified together");
    }
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if p.flag("all") && p.has("selector") {
        return ctx.fail("cannot set --all and --selector at the same time");
    }
    if p.flag("all") && p.has("field-selector") {
        return ctx.fail("cannot set --all and --field-selector at the same time");
    }
    // label's words name pod.yaml, annotate's rsrc.yaml.
    let file = if annotations { "rsrc" } else { "pod" };
    if p.flag("local") {
        if dry == DryRun::Server {
            return ctx.fail(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
            );
        }
        if !objs.is_empty() {
            return ctx.fail(&format!(
                "can only use local files by -f {file}.yaml or --filename={file}.json when --local=true is set"
            ));
        }
        if !p.has_sources() {
            return ctx.fail(&format!(
                "one or more files must be specified as -f {file}.yaml or --filename={file}.json"
            ));
        }
    } else if objs.is_empty() && !p.has_sources() {
        return ctx.fail(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
    }
    if set.is_empty() && remove.is_empty() && !p.flag("list") {
        return ctx.fail(&format!("at least one {what} update is required"));
    }
    if p.flag("local") {
        return relabel_local(ctx, p, dry, annotations, &set, &remove);
    }
    let (targets, single) = match targets_of(ctx, p, &objs, p.flag("all"), FileLabels::Live) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if !single && p.has("resource-version") {
        return ctx.fail("--resource-version may only be used with a single resource");
    }
    let mut printed = 0;
    for t in targets {
        let obj = match t {
            Ok(o) => o,
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                return 1;
            }
        };
        let kind = obj.kind();
        let current = if annotations {
            obj.meta().annotations.clone()
        } else {
            obj.meta().labels.clone()
        };
        if !p.flag("overwrite") {
            let set = set
                .iter()
                .filter(|(k, _)| !annotations || k.as_str() != "kubernetes.io/change-cause");
            if let Some(msg) =
                overwrite_conflict(annotations, set, |k| current.get(k).map(|c| c.as_str()))
            {
                return ctx.fail(&msg);
            }
        }
        let mut next = current.clone();
        for (k, v) in &set {
            next.insert(k.into(), v.clone().into());
        }
        for k in &remove {
            next.remove(k);
        }
        if p.flag("list") {
            let indent = if single {
                ""
            } else {
                let i = kind.info();
                ctx.out(&format!(
                    "Listing {what}s for {}.{}/{}:\n",
                    i.kind_name,
                    i.group,
                    obj.name()
                ));
                " "
            };
            for (k, v) in &next {
                ctx.out(&format!("{indent}{k}={v}\n"));
            }
            continue;
        }
        if !annotations && dry == DryRun::None {
            for k in &remove {
                if !current.contains_key(k) {
                    ctx.out(&format!("label {k:?} not found.\n"));
                }
            }
        }
        let mut o = obj.clone();
        if annotations {
            o.meta_mut().annotations = next.clone();
        } else {
            o.meta_mut().labels = next.clone();
        }
        // `--record` (label.go, annotate.go): the command line joins the change.
        let recorded = match &ctx.change_cause {
            Some(cause) => {
                let before = o.meta().annotations.get(CHANGE_CAUSE).cloned();
                o.meta_mut()
                    .annotations
                    .insert(CHANGE_CAUSE.into(), cause.as_str().into());
                before.as_deref() != Some(cause.as_str())
            }
            None => false,
        };
        // label prints the object as it changed it before sending
        // (`info.Object`); annotate what the server returned, or its own
        // change in a client dry run.
        let client_side = o.clone();
        let result = if next == current && !recorded {
            Ok(obj.clone())
        } else if dry == DryRun::Client {
            Ok(o)
        } else {
            ctx.writing(dry, |ctx| {
                ctx.console.engine.update(o).map_err(|e| e.kubectl_text())
            })
        };
        let shown = match result {
            Ok(shown) if dry == DryRun::Server => ctx.dry_run_answer(shown),
            Ok(shown) => shown,
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                return 1;
            }
        };
        let op = if annotations {
            "annotated"
        } else {
            // The server leaves out an empty map, and labelFunc always sets
            // one: a set without labels reads as labeled.
            label_change(
                !current.is_empty(),
                &pairs_of(&current),
                &pairs_of(&next),
                recorded,
                p.flag("overwrite"),
            )
        };
        let suffix = dry.suffix();
        if p.value("output") == Some("name") {
            ctx.out(&format!("{}/{}\n", kind.singular_qualified(), obj.name()));
        } else if !p.has("output") {
            ctx.out(&format!(
                "{}/{} {op}{suffix}\n",
                kind.singular_qualified(),
                obj.name()
            ));
        } else {
            let format = match super::output::parse(p.value("output"), p.value("template")) {
                Ok(f) => f,
                Err(e) => return ctx.fail(&e),
            };
            // annotate makes its printer once (a YAML printer separates
            // its documents); label makes one per object.
            if annotations && printed > 0 && format == super::output::Format::Yaml {
                ctx.out("---\n");
            }
            printed += 1;
            let object = if annotations { shown } else { client_side };
            super::output::print_objects(
                &ctx.console.engine,
                ctx.io,
                &format,
                &[(kind, vec![object])],
                true,
                &Default::default(),
            );
        }
    }
    0
}

/// label.go's `updateDataChangeMsg` (1.35): the object's JSON before and
/// after labelFunc, which always sets the labels map, an empty one too —
/// so an object whose JSON had no `labels` (`had_map` false) changed, and
/// reads as labeled. Shorter JSON without `--overwrite` is "unlabeled".
/// `recorded`: `--record` changed an annotation too. The maps are the
/// labels before and after, in key order.
fn label_change(
    had_map: bool,
    current: &[(String, String)],
    next: &[(String, String)],
    recorded: bool,
    overwrite: bool,
) -> &'static str {
    let len =
        |m: &[(String, String)]| -> usize { m.iter().map(|(k, v)| k.len() + v.len() + 6).sum() };
    if had_map && !recorded && current == next {
        "not labeled"
    } else if !overwrite && had_map && !recorded && len(next) < len(current) {
        "unlabeled"
    } else {
        "labeled"
    }
}

/// A label map as `label_change` compares it.
fn pairs_of(m: &crate::engine::objects::Labels) -> Vec<(String, String)> {
    m.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// What `--overwrite=false` refuses (label.go's `validateNoOverwrites`,
/// annotate.go's): each key to set that already has another value.
fn overwrite_conflict<'a>(
    annotations: bool,
    set: impl Iterator<Item = (&'a String, &'a String)>,
    current: impl Fn(&str) -> Option<&'a str>,
) -> Option<String> {
    let clashes: Vec<String> = set
        .filter_map(|(k, v)| {
            current(k)
                .filter(|c| c != v)
                .map(|c| format!("'{k}' already has a value ({c})"))
        })
        .collect();
    if clashes.is_empty() {
        return None;
    }
    Some(if annotations {
        format!(
            "--overwrite is false but found the following declared annotation(s): {}",
            clashes.join("; ")
        )
    } else {
        clashes
            .iter()
            .map(|c| format!("{c}, and --overwrite is false"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// `--local`: the objects of the `-f` files as written, changed and
/// printed without asking the server (each with a printer of its own, so
/// YAML documents come without `---` between them, as kubectl prints them).
fn relabel_local(
    ctx: &mut Ctx,
    p: &Parsed,
    dry: DryRun,
    annotations: bool,
    set: &BTreeMap<String, String>,
    remove: &[String],
) -> i32 {
    let sources = match super::apply::read_sources(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let field = if annotations { "annotations" } else { "labels" };
    // Errors are collected and printed at the end, one per line
    // (`utilerrors.NewAggregate`), the other objects still printed.
    let mut errors: Vec<String> = Vec::new();
    // A server dry run was refused with --local before this.
    let suffix = dry.suffix();
    // `IntoSingleItemImplied`: one file named (not a folder) lists
    // without a header per object.
    let files = p.values("filename");
    let one = files.len() == 1
        && !p.has("kustomize")
        && !super::kustomize::Files::is_dir(&*ctx.console, &files[0]);
    let mut printed = 0;
    for (source, text) in sources {
        let parsed = crate::manifest::parse(&text, &source);
        if let Some(c) = &parsed.stream_error {
            return ctx.fail(&c.text);
        }
        for m in parsed.manifests() {
            let mut v = m.raw.clone();
            let current = v["metadata"][field]
                .as_object()
                .cloned()
                .unwrap_or_default();
            if !p.flag("overwrite") {
                let conflict = overwrite_conflict(annotations, set.iter(), |k| {
                    current.get(k).and_then(Value::as_str)
                });
                if let Some(msg) = conflict {
                    errors.push(msg);
                    continue;
                }
            }
            let mut next = current.clone();
            for (k, val) in set {
                next.insert(k.clone(), Value::String(val.clone()));
            }
            for k in remove {
                next.remove(k);
            }
            // The map is set even when it ends up empty (`labels: {}`).
            let had_map = v["metadata"][field].is_object();
            v["metadata"][field] = Value::Object(next.clone());
            let what = m.kind.singular_qualified();
            if p.flag("list") {
                if !one {
                    let i = m.kind.info();
                    let noun = if annotations { "annotations" } else { "labels" };
                    ctx.out(&format!(
                        "Listing {noun} for {}.{}/{}:\n",
                        i.kind_name, i.group, m.name
                    ));
                }
                let indent = if one { "" } else { " " };
                for (k, val) in &next {
                    ctx.out(&format!(
                        "{indent}{k}={}\n",
                        val.as_str().unwrap_or_default()
                    ));
                }
                continue;
            }
            let as_pairs = |m: &serde_json::Map<String, Value>| -> Vec<(String, String)> {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            };
            let op = if annotations {
                "annotated"
            } else {
                label_change(
                    had_map,
                    &as_pairs(&current),
                    &as_pairs(&next),
                    false,
                    p.flag("overwrite"),
                )
            };
            let yaml = p.value("output") == Some("yaml");
            if annotations && yaml && printed > 0 {
                ctx.out("---\n");
            }
            printed += 1;
            match p.value("output").filter(|o| !o.is_empty()) {
                None => ctx.out(&format!("{what}/{} {op}{suffix}\n", m.name)),
                Some("name") => ctx.out(&format!("{what}/{}\n", m.name)),
                Some("yaml") => ctx.out(&crate::manifest::print::to_yaml(&v)),
                Some("json") => ctx.out(&crate::manifest::print::to_json(&v)),
                Some(_) => match super::output::parse(p.value("output"), p.value("template")) {
                    Ok(super::output::Format::JsonPath(t, as_json)) => {
                        match printers::jsonpath::jsonpath_output(&t, &v, true, as_json) {
                            Ok(out) => ctx.out(&out),
                            Err(e) => {
                                ctx.err(&printers::error_text(&e));
                                return 1;
                            }
                        }
                    }
                    Ok(super::output::Format::GoTemplate(t)) => {
                        let out = printers::gotemplate::go_template(&t, &v);
                        super::output::write(ctx.io, &out);
                    }
                    // A printer this verb does not have: the error is
                    // each object's (an aggregate, after the others).
                    Ok(_) => {
                        errors.extend(super::output::check_change_format(p.value("output")).err())
                    }
                    Err(e) => errors.push(
                        super::output::check_change_format(p.value("output"))
                            .err()
                            .unwrap_or(e),
                    ),
                },
            }
        }
    }
    report_errors(ctx, &errors)
}

/// `UpdatePodSpecForObject`: the Pod spec of a Pod, or of the template of
/// a workload, inside its wire JSON; kubectl's error for anything else.
pub(super) fn pod_spec_of<'v>(
    v: &'v mut Value,
    kind: Kind,
    name: &str,
) -> Result<&'v mut Value, String> {
    let ptr = if kind == Kind::Pod {
        "/spec"
    } else {
        "/spec/template/spec"
    };
    // `fmt.Errorf("error: %s %v\n", info.ObjectName(), err)` over the
    // `%T` of the decoded object (`*v1.Service`): the trailing newline
    // shows as a blank line when several errors are printed.
    v.pointer_mut(ptr).ok_or_else(|| {
        format!(
            "error: {}/{name} the object is not a pod or does not have a pod template: *v1.{}\n",
            kind.info().plural,
            kind.name()
        )
    })
}

/// The objects a command names (builder with `ContinueOnError`), and
/// whether exactly one was asked for. A bad command line is printed.
pub(super) fn targets_of(
    ctx: &mut Ctx,
    p: &Parsed,
    args: &[String],
    allow_empty_selector: bool,
    labels: super::get::FileLabels,
) -> Result<(Vec<Result<Object, String>>, bool), i32> {
    let scope = super::get::scope(ctx, p).map_err(|e| super::get::scope_fail(ctx, &e))?;
    if p.has_sources() {
        if let Some(e) = resources::args_with_paths(args) {
            return Err(ctx.fail(e));
        }
        let v = super::get::visit_files(ctx, p, &scope, labels).map_err(|e| ctx.fail(&e))?;
        let single = v.len() == 1;
        return Ok((v, single));
    }
    let resolved = resources::resolve_with(args, super::get::selecting(p, allow_empty_selector))
        .map_err(|e| ctx.fail(&e))?;
    let fields = super::get::field_filter_of(p).map_err(|e| ctx.fail(&e))?;
    let v = resources::visit(ctx.console, &resolved, &scope, |o| {
        super::get::fields_match(o, &fields)
    });
    Ok((v, resolved.single))
}

pub fn label(ctx: &mut Ctx, p: &Parsed) -> i32 {
    relabel(ctx, p, false)
}

pub fn annotate(ctx: &mut Ctx, p: &Parsed) -> i32 {
    relabel(ctx, p, true)
}

/// `kubectl edit` opens the object in the page's editor (console-only).
pub fn edit(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.args.is_empty() && !p.has_sources() {
        ctx.err(super::NO_RESOURCES);
        return 1;
    }
    let (targets, _) = match targets_of(ctx, p, &p.args, true, FileLabels::Live) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let obj = match targets.into_iter().next() {
        Some(Ok(o)) => o,
        Some(Err(e)) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
        None => return ctx.fail("edit cancelled, no objects found"),
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

/// The `kubectl create` generators Ordinal offers, and the others kubectl has.
const CREATE_SUBCOMMANDS: &[&str] = &[
    "namespace",
    "ns",
    "configmap",
    "cm",
    "secret",
    "service",
    "svc",
    "deployment",
    "deploy",
    "poddisruptionbudget",
    "pdb",
    "serviceaccount",
    "sa",
    "priorityclass",
    "pc",
];
const OTHER_CREATE_SUBCOMMANDS: &[&str] = &[
    "clusterrole",
    "clusterrolebinding",
    "cronjob",
    "cj",
    "ingress",
    "ing",
    "job",
    "quota",
    "resourcequota",
    "role",
    "rolebinding",
    "token",
];

/// create_pdb.go's `Validate` and `createPodDisruptionBudgets`: the spec
/// (one of `--min-available` / `--max-unavailable`, a number or a
/// percentage, and `--selector` as `metav1.ParseToLabelSelector` turns it
/// into `matchLabels` and `matchExpressions`) and the zero status the Go
/// struct carries, or kubectl's error.
fn budget_spec(name: &str, p: &Parsed) -> Result<(Value, Value), String> {
    use super::selector::Op;
    let min = p.value("min-available").unwrap_or("");
    let max = p.value("max-unavailable").unwrap_or("");
    let selector = p.value("selector").unwrap_or("");
    if name.is_empty() {
        return Err("name must be specified".into());
    }
    if selector.is_empty() {
        return Err("a selector must be specified".into());
    }
    if min.is_empty() && max.is_empty() {
        return Err("one of min-available or max-unavailable must be specified".into());
    }
    if !min.is_empty() && !max.is_empty() {
        return Err("min-available and max-unavailable cannot be both specified".into());
    }
    // `^[0-9]+%?$`
    let well_formed = |v: &str| {
        let digits = v.strip_suffix('%').unwrap_or(v);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if !min.is_empty() && !well_formed(min) {
        return Err("invalid format specified for min-available".into());
    }
    if !max.is_empty() && !well_formed(max) {
        return Err("invalid format specified for max-unavailable".into());
    }
    let parsed = super::selector::parse(selector)
        .map_err(|e| format!("couldn't parse the selector string {selector:?}: {e}"))?;
    let mut match_labels = serde_json::Map::new();
    let mut expressions = Vec::new();
    for r in parsed.reqs {
        let op = match r.op {
            Op::Equals | Op::DoubleEquals => {
                match_labels.insert(r.key, json!(r.values.first().cloned().unwrap_or_default()));
                continue;
            }
            Op::In => "In",
            Op::NotIn => "NotIn",
            Op::Exists => "Exists",
            Op::DoesNotExist => "DoesNotExist",
            Op::GreaterThan => return Err("\"gt\" isn't supported in label selectors".into()),
            Op::LessThan => return Err("\"lt\" isn't supported in label selectors".into()),
            Op::NotEquals => return Err("\"!=\" is not a valid label selector operator".into()),
        };
        // `sets.List`: the values sorted, once each.
        let mut values = r.values;
        crate::sort::sort(&mut values);
        values.dedup();
        let mut e = json!({"key": r.key, "operator": op});
        if !values.is_empty() {
            e["values"] = json!(values);
        }
        expressions.push(e);
    }
    let mut sel = json!({});
    if !match_labels.is_empty() {
        sel["matchLabels"] = Value::Object(match_labels);
    }
    if !expressions.is_empty() {
        sel["matchExpressions"] = json!(expressions);
    }
    // `intstr.Parse`: a number when `strconv.Atoi` takes it.
    let int_or_string = |v: &str| match v.parse::<i64>() {
        Ok(n) => json!(n as i32),
        Err(_) => json!(v),
    };
    let mut spec = json!({"selector": sel});
    if !min.is_empty() {
        spec["minAvailable"] = int_or_string(min);
    } else {
        spec["maxUnavailable"] = int_or_string(max);
    }
    let status = json!({"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0});
    Ok((spec, status))
}

/// What Ordinal answers for a `kubectl create` generator kubectl has and
/// it does not (`SUB` and the word after it: `secret tls`); checked before
/// the flags, which belong to generators not modelled here.
pub(super) fn unsupported_create(sub: &str, second: Option<&str>) -> Option<String> {
    if OTHER_CREATE_SUBCOMMANDS.contains(&sub) {
        return Some(format!("\"kubectl create {sub}\" is not part of Ordinal's simulated cluster; it creates namespaces, configmaps, secrets, services, deployments, poddisruptionbudgets, priorityclasses and serviceaccounts, and anything from a file (-f)"));
    }
    match (sub, second) {
        ("secret", Some("docker-registry" | "tls")) => Some(
            "Ordinal creates generic secrets: kubectl create secret generic NAME --from-literal=key=value".into(),
        ),
        ("service" | "svc", Some("externalname")) => Some(
            "Ordinal creates clusterip, nodeport and loadbalancer services here; an ExternalName Service can be applied from a file".into(),
        ),
        _ => None,
    }
}

/// `NameFromCommandArgs`: exactly one NAME.
fn one_name(ctx: &mut Ctx, path: &str, args: &[String]) -> Result<String, i32> {
    if args.len() != 1 {
        return Err(ctx.usage_for(
            path,
            &format!("exactly one NAME is required, got {}", args.len()),
        ));
    }
    Ok(args[0].clone())
}

/// Prints what a generator built (`create`, `run`, `expose`): as
/// `print_changed`, except that a client dry run's `-o json` keeps the Go
/// struct's field order (kubectl prints the typed object it generated;
/// what comes back from a server is a map, printed sorted).
pub(super) fn print_generated(
    ctx: &mut Ctx,
    p: &Parsed,
    obj: &Object,
    op: &str,
    dry: DryRun,
) -> i32 {
    if dry == DryRun::Client && p.value("output") == Some("json") {
        let tree = match obj {
            Object::Other(kind, _) => printers::go_json::kept_tree(*kind, &obj.to_value()),
            _ => printers::go_json::object_tree(obj, true),
        };
        let mut s = String::new();
        tree.write_indented(&mut s, 0);
        s.push('\n');
        ctx.out(&s);
        return 0;
    }
    print_changed(ctx, p, obj, op, dry)
}

/// What a generator built (`create`, `run`, `expose`), sent to the API
/// server, or with `--dry-run=client` only decoded: the object to print,
/// or the exit code of the error printed.
///
/// `wrap`: the text most `kubectl create` generators put before the
/// server's message (`fmt.Errorf("failed to create deployment: %v", err)`),
/// which turns `Error from server (AlreadyExists): …` into
/// `error: failed to create deployment: …`; `run`, `expose` and
/// `create namespace` return the server's error as it is.
pub(super) fn create_generated(
    ctx: &mut Ctx,
    kind: Kind,
    value: Value,
    dry: DryRun,
    wrap: Option<&str>,
) -> Result<Object, i32> {
    let obj = Object::from_value(kind, value).map_err(|e| ctx.fail(&e))?;
    match dry {
        DryRun::Client => Ok(obj),
        _ => ctx
            .writing(dry, |ctx| ctx.console.engine.create(obj))
            .map_err(|e| {
                let text = match wrap {
                    Some(prefix) => format!("error: {prefix}{}", e.message()),
                    None => e.kubectl_text(),
                };
                ctx.err(&format!("{text}\n"));
                1
            }),
    }
}

/// `--append-hash`: the generated ConfigMap's or Secret's name gets
/// kubectl's hash of its content (`c` → `c-m4h6ctkgb2`).
fn append_hash(p: &Parsed, v: &mut Value) {
    if p.flag("append-hash") {
        let hash = super::kustomize::hash::kubectl_name_hash(v);
        let name = v["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        v["metadata"]["name"] = json!(format!("{name}-{hash}"));
    }
}

/// create_service.go's `parsePorts`: `PORT[:TARGET]`, the port a uint16
/// (`utilsnet.ParsePort`), the target a port number or a port name.
fn parse_service_ports(text: &str) -> Result<(i64, Value), String> {
    use crate::engine::apiserver::validation::names::{is_valid_port_name, is_valid_port_num};
    let parts: Vec<&str> = text.split(':').collect();
    let port = parse_uint16(parts[0])?;
    let Some(target) = parts.get(1) else {
        return Ok((port, json!(port)));
    };
    let numeric = !target.is_empty()
        && target
            .strip_prefix(['+', '-'])
            .unwrap_or(target)
            .bytes()
            .all(|b| b.is_ascii_digit());
    let (errs, value) = match target.parse::<i64>() {
        Ok(n) if numeric => (is_valid_port_num(n), json!(n)),
        _ => (is_valid_port_name(target), json!(target)),
    };
    if errs.is_empty() {
        Ok((port, value))
    } else {
        Err(errs.join(","))
    }
}

/// Go's `strconv.ParseUint(s, 10, 16)`, with its errors.
pub(super) fn parse_uint16(s: &str) -> Result<i64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing {s:?}: invalid syntax"));
    }
    match s.parse::<u16>() {
        Ok(n) => Ok(i64::from(n)),
        Err(_) => Err(format!(
            "strconv.ParseUint: parsing {s:?}: value out of range"
        )),
    }
}

/// `kubectl create namespace|configmap|secret generic|service TYPE|deployment NAME …`
/// (create_*.go): the object the generator builds, created, or with
/// `--dry-run=client` only shown.
pub fn create_subcommand(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let args = &p.args;
    let sub = args[0].as_str();
    if let Some(msg) = unsupported_create(sub, args.get(1).map(String::as_str)) {
        return ctx.fail(&msg);
    }
    if !CREATE_SUBCOMMANDS.contains(&sub) {
        return ctx.usage(&format!("Unexpected args: [{}]", args.join(" ")));
    }
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // The generators set a namespace only when one was given with -n.
    let set_ns = |meta: &mut Value| {
        if p.has("namespace") {
            meta["namespace"] = json!(ns);
        }
    };
    // The data of a ConfigMap or a Secret (`secret` names the Secret), as
    // `createConfigMap` / `createSecret` gather it: files, then literals,
    // then env files, each key checked as it is added.
    let sources = |ctx: &Ctx, p: &Parsed, secret: Option<&str>| {
        let object = args.get(1).map(String::as_str).unwrap_or("");
        super::data_sources::gather(ctx.console, p, secret, object)
    };
    let (kind, value) = match sub {
        "namespace" | "ns" => {
            let name = match one_name(ctx, "create namespace", &args[1..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            (
                Kind::Namespace,
                json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}, "spec": {}, "status": {}}),
            )
        }
        "configmap" | "cm" => {
            let name = match one_name(ctx, "create configmap", &args[1..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            let data = match sources(ctx, p, None) {
                Ok(d) => d,
                Err(e) => return ctx.fail(&e),
            };
            let mut meta = json!({"name": name});
            set_ns(&mut meta);
            let mut v = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta});
            if !data.is_empty() {
                v["data"] = json!(data);
            }
            append_hash(p, &mut v);
            (Kind::ConfigMap, v)
        }
        "secret" => {
            match args.get(1).map(String::as_str) {
                Some("generic") => {}
                None => return super::help::without_subcommand(ctx, "create secret"),
                Some(_) => {
                    return ctx.usage_for(
                        "create secret",
                        &format!("unknown command {:?}", args[1..].join(" ")),
                    )
                }
            }
            let name = match one_name(ctx, "create secret generic", &args[2..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            let data = match sources(ctx, p, Some(&name)) {
                Ok(d) => d,
                Err(e) => return ctx.fail(&e),
            };
            let data: BTreeMap<String, String> = data
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        crate::engine::apiserver::defaults::base64_encode(v.as_bytes()),
                    )
                })
                .collect_map();
            let mut meta = json!({"name": name});
            set_ns(&mut meta);
            let mut v = json!({"apiVersion": "v1", "kind": "Secret", "metadata": meta});
            if !data.is_empty() {
                v["data"] = json!(data);
            }
            if let Some(t) = p.value("type").filter(|t| !t.is_empty()) {
                v["type"] = json!(t);
            }
            append_hash(p, &mut v);
            (Kind::Secret, v)
        }
        "service" | "svc" => {
            let ty = match args.get(1).map(String::as_str) {
                Some("clusterip") => "ClusterIP",
                Some("nodeport") => "NodePort",
                Some("loadbalancer") => "LoadBalancer",
                None => return super::help::without_subcommand(ctx, "create service"),
                Some(_) => {
                    return ctx.usage_for(
                        "create service",
                        &format!("unknown command {:?}", args[1..].join(" ")),
                    )
                }
            };
            let path = format!("create service {}", args[1]);
            let name = match one_name(ctx, &path, &args[2..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            let cluster_ip = p.value("clusterip").unwrap_or("");
            let tcp: Vec<String> = p
                .values("tcp")
                .iter()
                .flat_map(|s| s.split(',').map(str::to_string).collect::<Vec<_>>())
                .collect();
            if cluster_ip == "None" && ty != "ClusterIP" {
                return ctx.fail("ClusterIP=None can only be used with ClusterIP service type");
            }
            if cluster_ip != "None" && tcp.is_empty() {
                return ctx.fail("at least one tcp port specifier must be provided");
            }
            // `--node-port` (create service nodeport): every port's node port.
            let node_port = match p.value("node-port").filter(|_| ty == "NodePort") {
                None => 0,
                Some(n) => match n.parse::<i64>() {
                    Ok(n) => n,
                    Err(_) => {
                        ctx.err(&format!("error: invalid argument {n:?} for \"--node-port\" flag: strconv.ParseInt: parsing {n:?}: invalid syntax\nSee 'kubectl create service nodeport --help' for usage.\n"));
                        return 1;
                    }
                },
            };
            let mut ports = Vec::new();
            for t in &tcp {
                let (port, target) = match parse_service_ports(t) {
                    Ok(p) => p,
                    Err(e) => return ctx.fail(&e),
                };
                let mut sp = json!({"name": t.replace(':', "-"), "port": port, "protocol": "TCP", "targetPort": target});
                if node_port != 0 {
                    sp["nodePort"] = json!(node_port);
                }
                ports.push(sp);
            }
            let mut spec = json!({"selector": {"app": name}, "type": ty});
            if !ports.is_empty() {
                spec["ports"] = json!(ports);
            }
            if !cluster_ip.is_empty() {
                spec["clusterIP"] = json!(cluster_ip);
            }
            let mut meta = json!({"name": name, "labels": {"app": name}});
            set_ns(&mut meta);
            (
                Kind::Service,
                json!({"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec, "status": {"loadBalancer": {}}}),
            )
        }
        "poddisruptionbudget" | "pdb" => {
            let name = match one_name(ctx, "create poddisruptionbudget", &args[1..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            let (spec, status) = match budget_spec(&name, p) {
                Ok(s) => s,
                Err(e) => return ctx.fail(&e),
            };
            let mut meta = json!({"name": name});
            set_ns(&mut meta);
            (
                Kind::PodDisruptionBudget,
                json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta,
                    "spec": spec, "status": status}),
            )
        }
        "priorityclass" | "pc" => {
            // create_priorityclass.go: `--value` is an int32 flag, the
            // policy defaults to PreemptLowerPriority on the client.
            let value = match p.value("value") {
                None => 0,
                Some(t) => match t.parse::<i32>() {
                    Ok(n) => n,
                    Err(_) => {
                        ctx.err(&format!("error: invalid argument {t:?} for \"--value\" flag: strconv.ParseInt: parsing {t:?}: {}\nSee 'kubectl create priorityclass --help' for usage.\n", super::logs::int_error(t)));
                        return 1;
                    }
                },
            };
            let name = match one_name(ctx, "create priorityclass", &args[1..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            let mut v = json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
                "metadata": {"name": name}, "value": value,
                "preemptionPolicy": p.value("preemption-policy").unwrap_or("PreemptLowerPriority")});
            if p.flag("global-default") {
                v["globalDefault"] = json!(true);
            }
            if let Some(d) = p.value("description").filter(|d| !d.is_empty()) {
                v["description"] = json!(d);
            }
            (Kind::PriorityClass, v)
        }
        "serviceaccount" | "sa" => {
            let name = match one_name(ctx, "create serviceaccount", &args[1..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            if name.is_empty() {
                return ctx.fail("name must be specified");
            }
            let mut meta = json!({"name": name});
            set_ns(&mut meta);
            (
                Kind::ServiceAccount,
                json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta}),
            )
        }
        _ => {
            // deployment: its required --image was checked with the other
            // commands' required flags, before the name (cobra's order).
            let images = p.values("image");
            let name = match one_name(ctx, "create deployment", &args[1..]) {
                Ok(n) => n,
                Err(c) => return c,
            };
            let replicas = p
                .value("replicas")
                .and_then(|r| r.parse::<i64>().ok())
                .unwrap_or(1);
            let port = p.value("port").and_then(|x| x.parse::<i64>().ok());
            // `-- COMMAND [args…]`: the container's command.
            let command = p.rest.clone().filter(|c| !c.is_empty());
            if images.len() > 1 && command.is_some() {
                return ctx.fail("cannot specify multiple --image options and command");
            }
            let containers: Vec<Value> = images
                .iter()
                .map(|img| {
                    // The container is named after the image's last path part.
                    let base = img.rsplit('/').next().unwrap_or(img);
                    let base = base.split([':', '@']).next().unwrap_or(base);
                    let mut c = json!({"image": img, "name": base, "resources": {}});
                    if let Some(command) = &command {
                        c["command"] = json!(command);
                    }
                    if let Some(port) = port {
                        c["ports"] = json!([{"containerPort": port}]);
                    }
                    c
                })
                .collect();
            let mut meta = json!({"name": name, "labels": {"app": name}});
            set_ns(&mut meta);
            (
                Kind::Deployment,
                json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
                "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}}, "strategy": {},
                    "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}},
                "status": {}}),
            )
        }
    };
    let mut value = value;
    if dry != DryRun::Client && kind.namespaced() {
        value["metadata"]["namespace"] = json!(ns);
    }
    // How each generator wraps the server's error (create_*.go).
    let wrap = match kind {
        Kind::Namespace => None,
        Kind::ConfigMap => Some("failed to create configmap: ".to_string()),
        Kind::Secret => Some("failed to create secret ".to_string()),
        Kind::Service => Some(format!(
            "failed to create {} service: ",
            value["spec"]["type"].as_str().unwrap_or("ClusterIP")
        )),
        Kind::PodDisruptionBudget => Some("failed to create poddisruptionbudgets: ".to_string()),
        Kind::ServiceAccount => Some("failed to create serviceaccount: ".to_string()),
        Kind::PriorityClass => None,
        _ => Some("failed to create deployment: ".to_string()),
    };
    let shown = match create_generated(ctx, kind, value, dry, wrap.as_deref()) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let code = print_generated(ctx, p, &shown, "created", dry);
    // A ServiceAccount has no controller whose absence shows.
    if dry == DryRun::None && kind.is_kept_only() && kind != Kind::ServiceAccount {
        ctx.note_unrun(kind);
    }
    code
}
