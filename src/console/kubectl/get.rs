//! `kubectl get` (with `-w`, `--raw`), `kubectl describe`, `kubectl events`.

use super::flags::{b, v, Flag, Parsed};
use super::output::{self, Format};
use super::resources::{self, Scope};
use super::{selector, Ctx, DEFAULT_WAIT};
use crate::console::printers::{self, TableOptions, WatchPrinter};
use crate::engine::objects::{Kind, Object};
use crate::engine::store::ChangeOp;
use crate::engine::SimDuration;

pub const GET_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    v("selector", Some('l')),
    b("all-namespaces", Some('A')),
    b("show-labels", None),
    v("label-columns", Some('L')),
    b("no-headers", None),
    b("watch", Some('w')),
    b("watch-only", None),
    b("output-watch-events", None),
    v("raw", None),
    v("template", None),
    v("field-selector", None),
    v("sort-by", None),
    v("chunk-size", None),
    b("ignore-not-found", None),
    v("filename", Some('f')),
    b("show-kind", None),
    b("show-managed-fields", None),
    v("subresource", None),
    b("allow-missing-template-keys", None),
];

pub const DESCRIBE_FLAGS: &[Flag] = &[
    v("selector", Some('l')),
    b("all-namespaces", Some('A')),
    b("show-events", None),
    v("filename", Some('f')),
    v("chunk-size", None),
];

pub const EVENTS_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    b("all-namespaces", Some('A')),
    v("for", None),
    b("watch", Some('w')),
    v("types", None),
    b("no-headers", None),
];

pub(crate) fn scope(ctx: &Ctx, p: &Parsed) -> Result<Scope, String> {
    let selector = match p.value("selector") {
        Some(s) => Some(selector::parse(s)?),
        None => None,
    };
    Ok(Scope {
        namespace: ctx.namespace(p),
        all_namespaces: p.flag("all-namespaces"),
        selector,
    })
}

/// A `--field-selector` of the forms people use (`metadata.name=x`,
/// `status.phase=Running`, `spec.nodeName=…`, `!=`).
fn field_filter(sel: &str) -> Result<Vec<(String, String, bool)>, String> {
    let mut out = Vec::new();
    for part in sel.split(',').filter(|s| !s.is_empty()) {
        let (k, v, eq) = if let Some((k, v)) = part.split_once("!=") {
            (k, v, false)
        } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            (k, v, true)
        } else {
            return Err(format!(
                "invalid selector: '{sel}'; can't understand '{part}'"
            ));
        };
        out.push((k.trim().to_string(), v.trim().to_string(), eq));
    }
    Ok(out)
}

fn field_value(obj: &Object, path: &str) -> String {
    let v = printers::wire_value(obj);
    let mut cur = &v;
    for part in path.split('.') {
        match cur.get(part) {
            Some(x) => cur = x,
            None => return String::new(),
        }
    }
    match cur {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn get(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if let Some(raw) = p.value("raw") {
        return get_raw(ctx, raw);
    }
    let format = match output::parse(p.value("output"), p.value("template")) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    if p.args.is_empty() {
        ctx.out("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
        ctx.err("error: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n");
        return 1;
    }
    let resolved = match resources::resolve(&p.args) {
        Ok(r) => r,
        Err(e) => return ctx.fail(&e),
    };
    let scope = match scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let fields = match p.value("field-selector").map(field_filter).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => return ctx.fail(&e),
    };
    let mut groups: Vec<(Kind, Vec<Object>)> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for r in &resolved.requests {
        let mut objs = if r.names.is_empty() {
            resources::list(ctx.console, r.kind, &scope)
        } else {
            let (found, errs) = resources::lookup(ctx.console, r.kind, &r.names, &scope);
            if !p.flag("ignore-not-found") {
                errors.extend(errs);
            }
            found
        };
        objs.retain(|o| {
            fields
                .iter()
                .all(|(k, v, eq)| (field_value(o, k) == *v) == *eq)
        });
        groups.push((r.kind, objs));
    }
    let opts = TableOptions {
        wide: false,
        no_headers: p.flag("no-headers"),
        all_namespaces: scope.all_namespaces,
        show_labels: p.flag("show-labels"),
        label_columns: p
            .values("label-columns")
            .iter()
            .flat_map(|s| s.split(',').map(str::to_string))
            .collect(),
        with_kind: resolved.multi_kind || p.flag("show-kind"),
        namespace: scope.namespace.clone(),
        keep_order: resolved.by_name,
    };
    let watch = p.flag("watch") || p.flag("watch-only");
    let single =
        resolved.by_name && resolved.requests.len() == 1 && resolved.requests[0].names.len() == 1;
    let mut code = 0;
    if watch {
        if resolved.requests.len() != 1 {
            return ctx.fail("you may only specify a single resource type");
        }
        code = watch_loop(ctx, p, &format, &groups[0], &scope, opts);
    } else if !(!errors.is_empty() && groups.iter().all(|(_, o)| o.is_empty()) && resolved.by_name)
    {
        code = output::print_objects(&ctx.console.engine, ctx.io, &format, &groups, single, &opts);
    }
    for e in &errors {
        ctx.err(&format!("{e}\n"));
        code = 1;
    }
    code
}

/// `kubectl get -w`: the current rows, then a row per change as simulated
/// time passes, until nothing is pending or `--request-timeout` (R11.2).
fn watch_loop(
    ctx: &mut Ctx,
    p: &Parsed,
    format: &Format,
    group: &(Kind, Vec<Object>),
    scope: &Scope,
    opts: TableOptions,
) -> i32 {
    let (kind, initial) = group;
    let timeout = p
        .value("request-timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(DEFAULT_WAIT);
    let events = p.flag("output-watch-events");
    let table = matches!(format, Format::Table | Format::Wide);
    let mut printer = WatchPrinter::new(
        *kind,
        TableOptions {
            wide: *format == Format::Wide,
            ..opts
        },
    );
    if !p.flag("watch-only") {
        if table {
            let text = if events {
                initial
                    .iter()
                    .map(|o| printer.print_event(&ctx.console.engine, "ADDED", o))
                    .collect::<String>()
            } else {
                printer.print(&ctx.console.engine, initial)
            };
            ctx.out(&text);
        } else {
            for o in initial {
                output::print_objects(
                    &ctx.console.engine,
                    ctx.io,
                    format,
                    &[(*kind, vec![o.clone()])],
                    true,
                    &TableOptions::default(),
                );
            }
        }
    }
    let names: Vec<String> = initial.iter().map(|o| o.name().to_string()).collect();
    let named = !names.is_empty() && p.args.len() > 1;
    let mut cursor = ctx.console.engine.store().resource_version();
    let deadline = ctx.now() + timeout;
    while let Some(t) = ctx.console.engine.next_wakeup() {
        if t > deadline {
            break;
        }
        ctx.console.engine.advance_to(t);
        let changes: Vec<_> = ctx
            .console
            .engine
            .store()
            .changes_since(cursor)
            .filter(|c| c.object.kind() == *kind)
            .filter(|c| {
                scope
                    .ns_for(*kind)
                    .is_none_or(|ns| c.object.namespace() == ns)
            })
            .filter(|c| {
                scope
                    .selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&c.object.meta().labels))
            })
            .filter(|c| !named || names.iter().any(|n| n == c.object.name()))
            .map(|c| (c.op, c.object.clone()))
            .collect();
        cursor = ctx.console.engine.store().resource_version();
        for (op, obj) in changes {
            if table {
                let text = if events {
                    printer.print_event(&ctx.console.engine, op.watch_type(), &obj)
                } else {
                    printer.print(&ctx.console.engine, std::slice::from_ref(&obj))
                };
                // A watch prints deletions too (the last state of the object).
                let _ = op == ChangeOp::Deleted;
                ctx.out(&text);
            } else {
                output::print_objects(
                    &ctx.console.engine,
                    ctx.io,
                    format,
                    &[(*kind, vec![obj])],
                    true,
                    &TableOptions::default(),
                );
            }
        }
    }
    if ctx
        .console
        .engine
        .next_wakeup()
        .is_some_and(|t| t > deadline)
    {
        ctx.console.engine.advance_to(deadline);
    }
    0
}

/// `kubectl get --raw` for the scale subresource (console.md).
fn get_raw(ctx: &mut Ctx, path: &str) -> i32 {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    if let ["apis", "apps", "v1", "namespaces", ns, "statefulsets", name, "scale"] =
        parts.as_slice()
    {
        return match ctx
            .console
            .engine
            .store()
            .statefulsets
            .get(ns, name)
            .cloned()
        {
            Some(s) => {
                let sel = s
                    .spec
                    .selector
                    .as_ref()
                    .map(|x| x.to_string())
                    .unwrap_or_default();
                let v = serde_json::json!({
                    "kind": "Scale", "apiVersion": "autoscaling/v1",
                    "metadata": {"name": name, "namespace": ns, "uid": s.metadata.uid, "resourceVersion": s.metadata.resource_version, "creationTimestamp": s.metadata.creation_timestamp.map(|t| t.0.rfc3339())},
                    "spec": {"replicas": s.replicas()},
                    "status": {"replicas": s.status.replicas, "selector": sel},
                });
                ctx.out(&format!(
                    "{}\n",
                    crate::manifest::print::to_json_compact(&v).trim_end()
                ));
                0
            }
            None => {
                ctx.err(&format!(
                    "Error from server (NotFound): statefulsets.apps {name:?} not found\n"
                ));
                1
            }
        };
    }
    if path.trim_matches('/') == "healthz"
        || path.trim_matches('/') == "readyz"
        || path.trim_matches('/') == "livez"
    {
        ctx.out("ok");
        return 0;
    }
    ctx.err("Error from server (NotFound): the server could not find the requested resource\n");
    1
}

pub fn describe(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.args.is_empty() {
        ctx.out("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
        ctx.err("error: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n");
        return 1;
    }
    let resolved = match resources::resolve(&p.args) {
        Ok(r) => r,
        Err(e) => return ctx.fail(&e),
    };
    let scope = match scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let mut objects: Vec<Object> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for r in &resolved.requests {
        if r.names.is_empty() {
            objects.extend(resources::list(ctx.console, r.kind, &scope));
            continue;
        }
        for n in &r.names {
            let (found, errs) =
                resources::lookup(ctx.console, r.kind, std::slice::from_ref(n), &scope);
            if !found.is_empty() {
                objects.extend(found);
                continue;
            }
            // describe falls back to a name prefix (`kubectl describe pod web`).
            let prefixed: Vec<Object> = resources::list(ctx.console, r.kind, &scope)
                .into_iter()
                .filter(|o| o.name().starts_with(n.as_str()))
                .collect();
            if prefixed.is_empty() {
                errors.extend(errs);
            } else {
                objects.extend(prefixed);
            }
        }
    }
    if objects.is_empty() && errors.is_empty() {
        let msg = if scope.all_namespaces {
            "No resources found\n".to_string()
        } else {
            format!("No resources found in {} namespace.\n", scope.namespace)
        };
        ctx.err(&msg);
        return 0;
    }
    let (text, errs) = printers::describe_many(&ctx.console.engine, &objects);
    ctx.out(&text);
    for e in errs.iter().chain(errors.iter()) {
        ctx.err(&format!("{e}\n"));
    }
    i32::from(!errors.is_empty() || !errs.is_empty())
}

pub fn events(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let scope = Scope {
        namespace: ctx.namespace(p),
        all_namespaces: p.flag("all-namespaces"),
        selector: None,
    };
    let mut evs = resources::list(ctx.console, Kind::Event, &scope);
    if let Some(f) = p.value("for") {
        let (t, n) = f.split_once('/').unwrap_or(("", f));
        let kind = if t.is_empty() {
            None
        } else {
            Kind::from_resource_arg(t)
        };
        evs.retain(|o| match o {
            Object::Event(e) => {
                e.involved_object.name == n
                    && kind.is_none_or(|k| e.involved_object.kind == k.name())
            }
            _ => false,
        });
    }
    if let Some(types) = p.value("types") {
        let wanted: Vec<&str> = types.split(',').collect();
        evs.retain(|o| matches!(o, Object::Event(e) if wanted.contains(&e.type_.as_str())));
    }
    let format = match output::parse(p.value("output"), None) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    let opts = TableOptions {
        no_headers: p.flag("no-headers"),
        all_namespaces: scope.all_namespaces,
        namespace: scope.namespace.clone(),
        ..Default::default()
    };
    output::print_objects(
        &ctx.console.engine,
        ctx.io,
        &format,
        &[(Kind::Event, evs)],
        false,
        &opts,
    )
}
