//! `kubectl apply`, `create`, `replace` and `diff` of manifests: client-side
//! apply with the last-applied-configuration annotation and its three-way
//! merge, `created` / `configured` / `unchanged` per object, errors gathered
//! and printed at the end as kubectl does (R9.15–R9.16, R10.10).

use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::Value;

use super::flags::{b, v, Flag, Parsed};
use super::{Ctx, DryRun};
use crate::console::printers;
use crate::engine::objects::{Kind, Object};
use crate::engine::ApiError;
use crate::manifest::apply::{plan_apply, ApplyPlan};
use crate::manifest::report::{self, Reported};
use crate::manifest::{self, Entry, Manifest};

pub const APPLY_FLAGS: &[Flag] = &[
    v("filename", Some('f')),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    super::flags::opt("validate", "strict"),
    b("server-side", None),
    b("force-conflicts", None),
    v("field-manager", None),
    b("prune", None),
    v("prune-allowlist", None),
    b("all", None),
    super::flags::opt("cascade", "background"),
    v("selector", Some('l')),
    b("overwrite", None),
    b("force", None),
    v("grace-period", None),
    b("wait", None),
    b("record", None),
    b("openapi-patch", None),
    v("timeout", None),
];

/// `kubectl create -f`'s own flags (the generators have theirs, below).
pub const CREATE_FLAGS: &[Flag] = &[
    v("filename", Some('f')),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
    v("selector", Some('l')),
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("save-config", None),
    super::flags::opt("validate", "strict"),
    b("edit", None),
    b("raw", None),
    b("windows-line-endings", None),
    v("field-manager", None),
    b("record", None),
    v("template", None),
    b("allow-missing-template-keys", None),
    b("show-managed-fields", None),
];

/// The flags every `kubectl create` generator has (`PrintFlags`, the
/// apply-annotation, validation, dry-run and field-manager flags), then
/// its own: cobra parses a generator's command line with its flags only
/// (`kubectl create configmap x --image=y` is an unknown flag), and
/// `CREATE_FLAGS` above serves `create -f` and the generators Ordinal does
/// not have.
macro_rules! generator_flags {
    ($($own:expr),* $(,)?) => {
        &[
            b("allow-missing-template-keys", None),
            super::flags::opt("dry-run", "unchanged"),
            v("field-manager", None),
            v("output", Some('o')),
            b("save-config", None),
            b("show-managed-fields", None),
            v("template", None),
            super::flags::opt("validate", "strict"),
            $($own,)*
        ]
    };
}

pub const CREATE_NAMESPACE_FLAGS: &[Flag] = generator_flags!();
pub const CREATE_CONFIGMAP_FLAGS: &[Flag] = generator_flags!(
    b("append-hash", None),
    v("from-env-file", None),
    v("from-file", None),
    v("from-literal", None),
);
pub const CREATE_SECRET_GENERIC_FLAGS: &[Flag] = generator_flags!(
    b("append-hash", None),
    v("from-env-file", None),
    v("from-file", None),
    v("from-literal", None),
    v("type", None),
);
pub const CREATE_SERVICE_CLUSTERIP_FLAGS: &[Flag] =
    generator_flags!(v("clusterip", None), v("tcp", None));
pub const CREATE_SERVICE_NODEPORT_FLAGS: &[Flag] =
    generator_flags!(v("node-port", None), v("tcp", None));
pub const CREATE_SERVICE_LOADBALANCER_FLAGS: &[Flag] = generator_flags!(v("tcp", None));
pub const CREATE_DEPLOYMENT_FLAGS: &[Flag] =
    generator_flags!(v("image", None), v("port", None), v("replicas", Some('r')),);
pub const CREATE_PDB_FLAGS: &[Flag] = generator_flags!(
    v("max-unavailable", None),
    v("min-available", None),
    v("selector", None),
);
pub const CREATE_SERVICEACCOUNT_FLAGS: &[Flag] = generator_flags!();
pub const CREATE_PRIORITYCLASS_FLAGS: &[Flag] = generator_flags!(
    v("description", None),
    b("global-default", None),
    v("preemption-policy", None),
    v("value", None),
);

pub const REPLACE_FLAGS: &[Flag] = &[
    v("filename", Some('f')),
    v("output", Some('o')),
    b("force", None),
    v("grace-period", None),
    v("timeout", None),
    super::flags::opt("cascade", "background"),
    v("field-manager", None),
    super::flags::opt("dry-run", "unchanged"),
    super::flags::opt("validate", "strict"),
    b("save-config", None),
    b("wait", None),
    v("subresource", None),
    v("raw", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

pub const DIFF_FLAGS: &[Flag] = &[
    v("filename", Some('f')),
    b("server-side", None),
    b("force-conflicts", None),
    v("field-manager", None),
    v("selector", Some('l')),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

/// Reads `-f` sources: files and directories the session knows (a
/// directory's `.json`, `.yaml` and `.yml` files, its subdirectories too
/// with `-R`), `-` for stdin, and the upstream tutorial URLs from the
/// built-in library; or `-k DIR`, kustomize's build of a directory, as one
/// source named after it.
pub(crate) fn read_sources(ctx: &mut Ctx, p: &Parsed) -> Result<Vec<(String, String)>, String> {
    let files = p.values("filename");
    if let Some(dir) = p.value("kustomize") {
        if !files.is_empty() {
            return Err("only one of -f or -k can be specified".into());
        }
        if p.flag("recursive") {
            return Err("the -k flag can't be used with -f or -R".into());
        }
        let built = super::kustomize::build_for(ctx, dir)?;
        return Ok(vec![(dir.to_string(), built)]);
    }
    let mut out = Vec::new();
    for f in &files {
        if f == "-" {
            out.push(("STDIN".to_string(), ctx.stdin.unwrap_or("").to_string()));
        } else if f.starts_with("http://") || f.starts_with("https://") {
            match crate::console::library::url(f) {
                Some(text) => out.push((f.clone(), text.to_string())),
                None => {
                    return Err(format!(
                        "unable to read URL {f:?}, server reported 404 Not Found, status code=404"
                    ))
                }
            }
        } else if ctx.console.is_local_dir(f) {
            walk_dir(ctx, f, f, p.flag("recursive"), &mut out)?;
        } else {
            match ctx.console.read_file(f) {
                Ok(t) => out.push((f.clone(), t)),
                Err(_) => return Err(format!("the path {f:?} does not exist")),
            }
        }
    }
    if out.is_empty() && !files.is_empty() {
        return Err(format!(
            "error reading [{}]: recognized file extensions are [.json .yaml .yml]",
            files.join(" ")
        ));
    }
    Ok(out)
}

/// kubectl's `ExpandPathsToFileVisitors`: `filepath.Walk` from `root` in
/// name order, files with a manifest extension only, subdirectories only
/// with `-R`.
fn walk_dir(
    ctx: &Ctx,
    root: &str,
    dir: &str,
    recursive: bool,
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    if dir != root && !recursive {
        return Ok(());
    }
    for (name, is_dir) in ctx.console.list_local_dir(dir).unwrap_or_default() {
        let path = crate::console::Console::join_local(dir, &name);
        if is_dir {
            walk_dir(ctx, root, &path, recursive, out)?;
        } else if [".json", ".yaml", ".yml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            let text = ctx
                .console
                .read_file(&path)
                .map_err(|e| format!("error reading {path:?}: {e}"))?;
            out.push((path, text));
        }
    }
    Ok(())
}

/// Where an object goes: its own namespace, else `-n`, else the session's.
fn place(ctx: &Ctx, p: &Parsed, m: &Manifest) -> Result<(String, Value), String> {
    let mut raw = m.raw.clone();
    if !m.kind.namespaced() {
        return Ok((String::new(), raw));
    }
    let flag = p.value("namespace");
    let ns = if !m.namespace.is_empty() {
        if let Some(f) = flag {
            if f != m.namespace {
                return Err(format!(
                    "the namespace from the provided object {:?} does not match the namespace {f:?}. You must pass '--namespace={}' to perform this operation.",
                    m.namespace, m.namespace
                ));
            }
        }
        m.namespace.clone()
    } else {
        flag.map(str::to_string)
            .unwrap_or_else(|| ctx.console.namespace.clone())
    };
    if let Value::Object(map) = &mut raw {
        let meta = map
            .entry("metadata")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(meta) = meta {
            meta.insert("namespace".into(), Value::String(ns.clone()));
        }
    }
    Ok((ns, raw))
}

/// `ApplyOptions.Validate`: the flags that cannot go together, in its
/// order (the `--all`/`-l` and selector checks of `--prune` follow in
/// `prune::check`).
fn validate_apply(p: &Parsed, dry: DryRun) -> Result<(), &'static str> {
    let server_side = p.flag("server-side");
    let force = p.flag("force");
    if p.flag("force-conflicts") && !server_side {
        return Err("--force-conflicts only works with --server-side");
    }
    if dry == DryRun::Client && server_side {
        return Err(
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
        );
    }
    if server_side && force {
        return Err("--force cannot be used with --server-side");
    }
    if dry == DryRun::Server && force {
        return Err("--dry-run=server cannot be used with --force");
    }
    if p.flag("all") && p.has("selector") {
        return Err("cannot set --all and --selector at the same time");
    }
    if p.flag("prune") {
        if force {
            return Err("--force cannot be used with --prune");
        }
        if server_side {
            return Err(
                "--prune is in alpha and doesn't currently work on objects created by server-side apply",
            );
        }
    }
    Ok(())
}

/// What the command does with one object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Apply,
    Create,
    Replace,
}

fn note_unrun(ctx: &mut Ctx, kinds: &BTreeSet<Kind>) {
    for k in kinds {
        ctx.note_unrun(*k);
    }
}

fn run_manifests(ctx: &mut Ctx, p: &Parsed, mode: Mode) -> i32 {
    let verb = match mode {
        Mode::Apply => "apply",
        Mode::Create => "create",
        Mode::Replace => "replace",
    };
    if !p.has_sources() {
        return ctx.fail("must specify one of -f and -k");
    }
    if mode != Mode::Apply && !p.args.is_empty() {
        return ctx.usage(&format!("Unexpected args: [{}]", p.args.join(" ")));
    }
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let validation = match field_validation(p) {
        Ok(v) => v,
        Err(e) => return ctx.fail(&e),
    };
    if mode == Mode::Apply {
        if let Err(e) = validate_apply(p, dry) {
            return ctx.fail(e);
        }
        if p.flag("server-side") {
            // Server-side apply prints `serverside-applied`; Ordinal applies client-side.
            ctx.err(
                "Note: Ordinal applies client-side; --server-side is treated as a normal apply.\n",
            );
        }
    }
    if mode == Mode::Apply && p.flag("prune") {
        if let Err(e) = super::prune::check(ctx, p) {
            return ctx.fail(&e);
        }
    }
    let format = match super::output::parse(p.value("output"), p.value("template")) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    let sources = match read_sources(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    // `-l`: the resource builder keeps the files' objects whose labels
    // match (`FilterByLabelSelector`); the others are not sent at all.
    let selector = match p.value("selector").filter(|_| mode != Mode::Replace) {
        None => None,
        Some(text) => match super::selector::parse_for_files(text) {
            Ok(sel) => Some(sel),
            Err(e) => return ctx.fail(&e),
        },
    };
    // A server-side dry run runs against a copy of the cluster.
    let saved = (dry == DryRun::Server).then(|| ctx.console.engine.clone());
    let mut errors: Vec<Reported> = Vec::new();
    let mut printed: Vec<Object> = Vec::new();
    // What the server took, for `--prune` to keep.
    let mut applied: Vec<Object> = Vec::new();
    let mut unrun: BTreeSet<Kind> = BTreeSet::new();
    let mut any = false;
    for (source, text) in sources {
        let parsed = manifest::parse(&text, &source);
        for entry in &parsed.entries {
            let m = match entry {
                Entry::Error(c) => {
                    errors.push(Reported::Client(c.text.clone()));
                    continue;
                }
                Entry::Object(m) => m,
            };
            if !super::get::written_labels_match(selector.as_ref(), m) {
                continue;
            }
            any = true;
            let (ns, raw) = match place(ctx, p, m) {
                Ok(x) => x,
                Err(e) => {
                    errors.push(Reported::Client(e));
                    continue;
                }
            };
            let live = ctx.console.engine.get(m.kind, &ns, &m.name).ok();
            let suffix = dry.suffix();
            let name_of =
                |op: &str| format!("{}/{} {op}{suffix}\n", m.kind.singular_qualified(), m.name);
            // `--validate=warn|ignore`: the server drops unknown fields
            // (warning about each with `warn`) instead of refusing them.
            let prune = validation != Validation::Strict
                && m.object.is_err()
                && unknown_fields_only(m.kind, &m.raw).is_some_and(|unknown| {
                    if validation == Validation::Warn && dry != DryRun::Client {
                        for f in unknown {
                            ctx.err(&format!("Warning: {f}\n"));
                        }
                    }
                    true
                });
            if let (Err(e), false) = (&m.object, prune) {
                let verb = if live.is_some() {
                    report::applying_patch_verb(
                        &Value::Object(Default::default()),
                        m.kind,
                        &m.name,
                        &ns,
                    )
                } else {
                    "creating".to_string()
                };
                let verb = if mode == Mode::Replace {
                    "replacing".to_string()
                } else {
                    verb
                };
                errors.push(Reported::Server {
                    verb,
                    source: source.clone(),
                    error: e.clone(),
                });
                continue;
            }
            if dry == DryRun::Client {
                if let Some(l) = &live {
                    applied.push(l.clone());
                }
                if m.kind.is_kept_only() {
                    unrun.insert(m.kind);
                }
                if let Ok(o) = Object::from_value(m.kind, raw.clone()) {
                    printed.push(o);
                }
                let op = match (mode, &live) {
                    (Mode::Apply, Some(_)) => "configured",
                    (Mode::Replace, _) => "replaced",
                    _ => "created",
                };
                if format == super::output::Format::Table {
                    ctx.out(&name_of(op));
                }
                continue;
            }
            let result = match mode {
                Mode::Create => create_one(ctx, p, m.kind, &raw, prune).map(|o| (o, "created")),
                Mode::Replace => replace_one(ctx, p, m.kind, &raw, live.is_some(), prune)
                    .map(|o| (o, "replaced")),
                Mode::Apply => apply_one(ctx, m.kind, &ns, &m.name, &raw, live.as_ref(), prune),
            };
            match result {
                Ok((obj, op)) => {
                    applied.push(obj.clone());
                    if format == super::output::Format::Table {
                        ctx.out(&name_of(op));
                    }
                    // Only what the server took gets the note.
                    if m.kind.is_kept_only() {
                        unrun.insert(m.kind);
                    }
                    printed.push(obj);
                }
                Err((verb, e)) => errors.push(Reported::Server {
                    verb,
                    source: source.clone(),
                    error: e,
                }),
            }
        }
        if let Some(c) = &parsed.stream_error {
            errors.push(Reported::Client(c.text.clone()));
        }
    }
    // `--prune` runs after every object was applied, and only then.
    if mode == Mode::Apply && p.flag("prune") && errors.is_empty() {
        match super::prune::prune(
            ctx,
            p,
            &applied,
            dry,
            format == super::output::Format::Table,
        ) {
            Ok(mut gone) => printed.append(&mut gone),
            Err(e) => errors.push(Reported::Client(e)),
        }
    }
    if let Some(engine) = saved {
        ctx.console.engine = engine;
        printed = printed.into_iter().map(|o| ctx.dry_run_answer(o)).collect();
    }
    if format != super::output::Format::Table && mode != Mode::Apply {
        // create and replace print each object as they make it (their
        // visitor calls PrintObj); a YAML printer puts `---` before every
        // document after the first. apply prints one List at the end.
        for (i, o) in printed.iter().enumerate() {
            if i > 0 && format == super::output::Format::Yaml {
                ctx.out("---\n");
            }
            super::output::print_objects(
                &ctx.console.engine,
                ctx.io,
                &format,
                &[(o.kind(), vec![o.clone()])],
                true,
                &Default::default(),
            );
        }
    } else if format != super::output::Format::Table && !printed.is_empty() {
        let groups: Vec<(Kind, Vec<Object>)> = printed
            .iter()
            .map(|o| (o.kind(), vec![o.clone()]))
            .collect();
        let single = printed.len() == 1;
        let all: Vec<(Kind, Vec<Object>)> = if single {
            groups
        } else {
            vec![(printed[0].kind(), printed.clone())]
        };
        super::output::print_objects(
            &ctx.console.engine,
            ctx.io,
            &format,
            &all,
            single,
            &Default::default(),
        );
    }
    note_unrun(ctx, &unrun);
    if !any && errors.is_empty() {
        return ctx.fail(&format!("no objects passed to {verb}"));
    }
    if errors.is_empty() {
        return 0;
    }
    let text = report::render(&errors);
    ctx.err(&format!("{}\n", text.trim_end_matches('\n')));
    1
}

fn decode(kind: Kind, v: Value) -> Result<Object, ApiError> {
    Object::from_value(kind, v).map_err(|e| {
        ApiError::BadRequest(format!(
            "{} in version \"v1\" cannot be handled as a {}: {e}",
            kind.name(),
            kind.name()
        ))
    })
}

/// `--validate` (`GetValidationDirective`): how the API server treats
/// fields the type does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Validation {
    Strict,
    Warn,
    Ignore,
}

fn field_validation(p: &Parsed) -> Result<Validation, String> {
    let Some(v) = p.value("validate") else {
        return Ok(Validation::Strict);
    };
    match (super::flags::parse_bool(v), v) {
        (Some(true), _) | (None, "strict") => Ok(Validation::Strict),
        (Some(false), _) | (None, "ignore") => Ok(Validation::Ignore),
        (None, "warn") => Ok(Validation::Warn),
        _ => Err(format!("invalid - validate option {v:?}; must be one of: strict (or true), warn, ignore (or false)")),
    }
}

/// The unknown-field messages of a manifest whose only decoding problem is
/// fields its type does not have (a type error is refused whatever
/// `--validate` says).
fn unknown_fields_only(kind: Kind, raw: &Value) -> Option<Vec<String>> {
    let outcome =
        crate::manifest::check::check(raw, crate::manifest::schema::schema().root(kind), true);
    (outcome.error.is_none() && !outcome.unknown.is_empty())
        .then(|| outcome.unknown.into_iter().map(|f| f.message).collect())
}

/// The object without the fields its type does not have, as the API
/// server stores it under `--validate=warn|ignore`.
fn pruned(kind: Kind, v: Value, prune: bool) -> Value {
    if !prune {
        return v;
    }
    let root = crate::manifest::schema::Ty::Struct(crate::manifest::schema::schema().root(kind));
    crate::manifest::check::without_unknown(&v, &root, 0)
}

fn create_one(
    ctx: &mut Ctx,
    p: &Parsed,
    kind: Kind,
    raw: &Value,
    prune: bool,
) -> Result<Object, (String, ApiError)> {
    let v = if p.flag("save-config") {
        crate::manifest::apply::with_last_applied(raw)
    } else {
        raw.clone()
    };
    let mut v = pruned(kind, v, prune);
    super::record_change_cause(&mut v, ctx.change_cause.as_deref());
    let obj = decode(kind, v).map_err(|e| ("creating".to_string(), e))?;
    ctx.console
        .engine
        .create(obj)
        .map_err(|e| ("creating".to_string(), e))
}

fn replace_one(
    ctx: &mut Ctx,
    p: &Parsed,
    kind: Kind,
    raw: &Value,
    exists: bool,
    prune: bool,
) -> Result<Object, (String, ApiError)> {
    let obj =
        decode(kind, pruned(kind, raw.clone(), prune)).map_err(|e| ("replacing".to_string(), e))?;
    match p.value("subresource") {
        // The status subresource keeps the stored spec and metadata.
        Some("status") => {
            return ctx
                .console
                .engine
                .update_status(obj)
                .map_err(|e| ("replacing".to_string(), e))
        }
        // Of the kinds Ordinal keeps, only StatefulSets have a scale
        // subresource.
        Some("scale") if kind != Kind::StatefulSet => {
            return Err(("replacing".to_string(), ApiError::NoResource));
        }
        // A StatefulSet is not a Scale (handlers `UpdateResource`).
        Some("scale") => {
            let i = kind.info();
            let version = if i.group.is_empty() {
                i.version.to_string()
            } else {
                format!("{}/{}", i.group, i.version)
            };
            return Err((
                "replacing".to_string(),
                ApiError::BadRequest(format!("the API version in the data ({version}) does not match the expected API version (autoscaling/v1)")),
            ));
        }
        _ => {}
    }
    if p.flag("force") && exists {
        let opts = crate::engine::DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        };
        let _ = ctx
            .console
            .engine
            .delete(kind, obj.namespace(), obj.name(), &opts);
        let mut o = obj;
        o.meta_mut().resource_version.clear();
        o.meta_mut().uid.clear();
        return ctx
            .console
            .engine
            .create(o)
            .map_err(|e| ("creating".to_string(), e));
    }
    ctx.console
        .engine
        .update(obj)
        .map_err(|e| ("replacing".to_string(), e))
}

fn apply_one(
    ctx: &mut Ctx,
    kind: Kind,
    ns: &str,
    name: &str,
    raw: &Value,
    live: Option<&Object>,
    prune: bool,
) -> Result<(Object, &'static str), (String, ApiError)> {
    let live_value = live.map(printers::wire_value);
    // `applyOneObject` records the change cause on the object read from
    // the file before anything else: it is part of the last-applied
    // configuration, and a later `apply --record` replaces it.
    let recorded;
    let raw = match ctx.change_cause.as_deref() {
        Some(cause) => {
            let mut v = raw.clone();
            super::record_change_cause(&mut v, Some(cause));
            recorded = v;
            &recorded
        }
        None => raw,
    };
    let plan = plan_apply(raw, live_value.as_ref()).map_err(|e| {
        (
            "creating".to_string(),
            ApiError::BadRequest(format!("{e:?}")),
        )
    })?;
    match plan {
        ApplyPlan::Create { object } => {
            // The last-applied annotation keeps the file as written.
            let object = pruned(kind, object, prune);
            let obj = decode(kind, object).map_err(|e| ("creating".to_string(), e))?;
            let created = ctx
                .console
                .engine
                .create(obj)
                .map_err(|e| ("creating".to_string(), e))?;
            Ok((created, "created"))
        }
        ApplyPlan::Unchanged => Ok((
            live.cloned().unwrap_or_else(|| {
                Object::from_value(kind, raw.clone()).unwrap_or_else(|_| unreachable_object(kind))
            }),
            "unchanged",
        )),
        ApplyPlan::Patch { patch, result } => {
            if live.is_some_and(|l| {
                !l.meta()
                    .annotations
                    .contains_key(crate::manifest::apply::LAST_APPLIED)
            }) {
                ctx.err(&report::missing_annotation_warning(kind, name));
            }
            let verb = report::applying_patch_verb(&patch, kind, name, ns);
            let obj = decode(kind, pruned(kind, result, prune)).map_err(|e| (verb.clone(), e))?;
            let updated = ctx.console.engine.update(obj).map_err(|e| (verb, e))?;
            Ok((updated, "configured"))
        }
    }
}

fn unreachable_object(kind: Kind) -> Object {
    Object::Other(kind, Rc::new(Default::default()))
}

pub fn apply(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.args.first().is_some_and(|a| a == "view-last-applied") {
        return view_last_applied(ctx, p);
    }
    run_manifests(ctx, p, Mode::Apply)
}

/// `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME |
/// -f FILENAME)`: each object's last-applied configuration as YAML (the
/// default) or JSON (`json.Indent` of the annotation, two spaces). An
/// object without the annotation adds nothing (apply_view_last_applied.go
/// wraps a nil error, which is no error, unless the object came from a
/// file).
fn view_last_applied(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let json = match p.value("output").unwrap_or("yaml") {
        "yaml" => false,
        "json" => true,
        other => {
            return ctx.usage_for(
                "apply view-last-applied",
                &format!(
                "Unexpected -o output mode: {other}, the flag 'output' must be one of yaml|json"
            ),
            )
        }
    };
    let objs = match super::rollout::targets(ctx, p, &p.args[1..]) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut text = String::new();
    for o in &objs {
        let Some(config) = o
            .meta()
            .annotations
            .get(crate::manifest::apply::LAST_APPLIED)
        else {
            if let Some(file) = p.values("filename").first() {
                return ctx.fail(&format!(
                    "error when no last-applied-configuration annotation found on resource: {}\n {file:?}: <nil>",
                    o.name()
                ));
            }
            continue;
        };
        if json {
            text.push_str(&crate::manifest::print::go_json_indent(config, "  "));
        } else {
            match serde_json::from_str::<Value>(config) {
                Ok(v) => text.push_str(&crate::manifest::print::to_yaml(&v)),
                Err(e) => return ctx.fail(&format!("error converting JSON to YAML: {e}")),
            }
        }
    }
    ctx.out(&text);
    0
}

pub fn create(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let takes_command = !p.has_sources()
        && matches!(
            p.args.first().map(String::as_str),
            Some("deployment" | "deploy")
        );
    if p.rest.is_some() && !takes_command {
        // Only `create deployment` takes a command after `--`; the other
        // generators count their NAME before it (`ArgsLenAtDash`) and
        // ignore the rest.
        let mut p = p.clone();
        p.rest = None;
        return create(ctx, &p);
    }
    if !p.args.is_empty() && !p.has_sources() {
        return super::modify::create_subcommand(ctx, p);
    }
    run_manifests(ctx, p, Mode::Create)
}

pub fn replace(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if let Some(uri) = p.value("raw") {
        return replace_raw(ctx, p, uri);
    }
    if let Err(e) = super::scale_sub::validate(p) {
        return ctx.fail(&e);
    }
    // ReplaceOptions.Validate, once Complete found files: the deletion
    // flags belong to --force, which does not take a dry run.
    if p.has_sources() {
        let force = p.flag("force");
        let timeout = p
            .value("timeout")
            .and_then(crate::engine::SimDuration::parse)
            .is_some_and(|d| d.as_ms() != 0);
        if super::delete::grace_of(p).is_some() && !force {
            return ctx.fail("--grace-period must have --force specified");
        }
        if timeout && !force {
            return ctx.fail("--timeout must have --force specified");
        }
        if force && p.value("dry-run").is_some_and(|d| d != "none") {
            return ctx.fail("--dry-run can not be used when --force is set");
        }
    }
    run_manifests(ctx, p, Mode::Replace)
}

/// `kubectl replace --raw URI -f FILE`: the file, as it is, PUT to the URI
/// (`rawhttp.RawPut`), and the server's answer printed. The URI Ordinal
/// serves is a StatefulSet's scale subresource (`UpdateScale`).
fn replace_raw(ctx: &mut Ctx, p: &Parsed, uri: &str) -> i32 {
    let files = p.values("filename");
    if files.len() != 1 {
        return ctx.usage("--raw can only use a single local file or stdin");
    }
    if files[0].starts_with("http://") || files[0].starts_with("https://") {
        return ctx.usage("--raw cannot read from a url");
    }
    if p.has("output") {
        return ctx.usage("--raw and --output are mutually exclusive");
    }
    if !uri.starts_with('/') {
        return ctx.usage(&format!(
            "--raw must be a valid URL path: parse {uri:?}: invalid URI for request"
        ));
    }
    let body = match read_sources(ctx, p) {
        Ok(mut s) => s.pop().map(|(_, t)| t).unwrap_or_default(),
        Err(e) => return ctx.fail(&e),
    };
    let live = match super::scale_sub::raw_scale_target(ctx, uri) {
        Ok(Some(s)) => s,
        Ok(None) => {
            ctx.err(
                "Error from server (NotFound): the server could not find the requested resource\n",
            );
            return 1;
        }
        Err(e) => {
            ctx.err(&e);
            return 1;
        }
    };
    // kubectl sends the bytes as application/json.
    let scale: Value = match serde_json::from_str(&body) {
        Ok(v) => v,
        Err(_) => {
            let found = body.trim_start().chars().next();
            let why = match found {
                Some(c) if c != '{' && c != '[' => {
                    format!("invalid character {c:?} looking for beginning of value")
                }
                _ => "unexpected end of JSON input".to_string(),
            };
            ctx.err(&format!(
                "Error from server (BadRequest): couldn't get version/kind; json parse error: {why}\n"
            ));
            return 1;
        }
    };
    // The decoder's defaults fill a missing apiVersion; another one is refused.
    let version = scale
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("autoscaling/v1");
    if version != "autoscaling/v1" {
        ctx.err(&format!("Error from server (BadRequest): the API version in the data ({version}) does not match the expected API version (autoscaling/v1)\n"));
        return 1;
    }
    // registry/apps/statefulset `scaleUpdatedObjectInfo`: the Scale's
    // replicas and resourceVersion (a precondition when set) go to the set.
    let replicas = scale
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let rv = scale
        .pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut set = (*live).clone();
    set.spec.replicas = Some(replicas);
    set.metadata.resource_version = rv.into();
    // The answer is the Scale as written, before the controller reacts.
    match ctx
        .console
        .engine
        .update(Object::StatefulSet(std::rc::Rc::new(set)))
    {
        Ok(Object::StatefulSet(written)) => {
            ctx.out(&super::scale_sub::scale_json(&written));
            0
        }
        Ok(_) => 0,
        Err(e) => {
            ctx.err(&format!("{}\n", e.kubectl_text()));
            1
        }
    }
}

/// `kubectl diff -f`: what apply would change, as a unified diff (exit 1
/// when there are differences). As in kubectl's `DiffOptions.Run`, the
/// first error (a file kubectl cannot read, an object the server would
/// refuse, a namespace that does not exist) stops it: nothing is diffed,
/// the error is printed and the exit status is 2.
pub fn diff(ctx: &mut Ctx, p: &Parsed) -> i32 {
    // diff exits 1 when there are differences, so its errors exit 2 and up.
    if !p.has_sources() {
        ctx.fail("must specify one of -f and -k");
        return 2;
    }
    let failed = |ctx: &mut Ctx, r: Reported| {
        let text = report::render(&[r]);
        ctx.err(&format!("{}\n", text.trim_end_matches('\n')));
        2
    };
    let sources = match read_sources(ctx, p) {
        Ok(s) => s,
        Err(e) => return failed(ctx, Reported::Client(e)),
    };
    let selector = match p.value("selector").map(super::selector::parse_for_files) {
        None => None,
        Some(Ok(sel)) => Some(sel),
        Some(Err(e)) => return failed(ctx, Reported::Client(e)),
    };
    let mut trial = ctx.console.engine.clone();
    let mut text = String::new();
    for (source, content) in sources {
        let parsed = manifest::parse(&content, &source);
        for entry in &parsed.entries {
            let m = match entry {
                Entry::Error(c) => return failed(ctx, Reported::Client(c.text.clone())),
                Entry::Object(m) => m,
            };
            if !super::get::written_labels_match(selector.as_ref(), m) {
                continue;
            }
            let (ns, raw) = match place(ctx, p, m) {
                Ok(x) => x,
                Err(e) => return failed(ctx, Reported::Client(e)),
            };
            let live = trial.get(m.kind, &ns, &m.name).ok();
            // A dry-run create has no source in its error; the patcher's
            // errors say which patch failed on which object.
            let server = |verb: String, error: ApiError| match verb.is_empty() {
                true => Reported::Server {
                    verb,
                    source: String::new(),
                    error,
                },
                false => Reported::Server {
                    verb,
                    source: source.clone(),
                    error,
                },
            };
            let empty_patch = Value::Object(Default::default());
            let patch_verb =
                |patch: &Value| report::applying_patch_verb(patch, m.kind, &m.name, &ns);
            if let Err(e) = &m.object {
                let verb = live
                    .as_ref()
                    .map(|_| patch_verb(&empty_patch))
                    .unwrap_or_default();
                return failed(ctx, server(verb, e.clone()));
            }
            let live_value = live.as_ref().map(printers::wire_value);
            let after = match plan_apply(&raw, live_value.as_ref()) {
                Ok(ApplyPlan::Create { object }) => {
                    match decode(m.kind, object).and_then(|o| trial.create(o)) {
                        Ok(o) => Some(o),
                        Err(e) => return failed(ctx, server(String::new(), e)),
                    }
                }
                Ok(ApplyPlan::Patch { patch, result }) => {
                    match decode(m.kind, result).and_then(|o| trial.update(o)) {
                        Ok(o) => Some(o),
                        Err(e) => return failed(ctx, server(patch_verb(&patch), e)),
                    }
                }
                Ok(ApplyPlan::Unchanged) => live.clone(),
                Err(e) => return failed(ctx, Reported::Client(format!("{e:?}"))),
            };
            // MERGED is the server's dry-run answer.
            let after = after.map(|o| ctx.dry_run_answer(o));
            let yaml = |o: &Object| crate::manifest::print::to_yaml(&printers::wire_value(o));
            let before = live.as_ref().map(yaml).unwrap_or_default();
            let after = after.as_ref().map(yaml).unwrap_or_default();
            if before != after {
                let i = m.kind.info();
                let group = if i.group.is_empty() {
                    String::new()
                } else {
                    format!("{}.", i.group)
                };
                // InfoObject.Name(): [group.]version.kind.namespace.name
                let file = format!("{group}{}.{}.{ns}.{}", i.version, i.kind_name, m.name);
                let from = format!("/tmp/LIVE-0000000001/{file}");
                let to = format!("/tmp/MERGED-0000000002/{file}");
                let body = crate::manifest::diff::unified(&before, &after, &from, &to, 3);
                text.push_str(&format!("diff -u -N {from} {to}\n{body}"));
            }
        }
        if let Some(c) = &parsed.stream_error {
            return failed(ctx, Reported::Client(c.text.clone()));
        }
    }
    ctx.out(&text);
    i32::from(!text.is_empty())
}
