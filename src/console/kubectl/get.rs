//! `kubectl get` (with `-w`, `--raw`), `kubectl describe`, `kubectl events`.

use super::flags::{b, v, Flag, Parsed};
use super::output::{self, Format};
use super::resources::{self, Scope};
use super::{selector, Ctx, DEFAULT_WAIT};
use crate::console::printers::{self, sort_by, TableOptions, WatchPrinter};
use crate::engine::objects::{Kind, Object};
use crate::engine::SimDuration;
use crate::sort::CollectMap;

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
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

pub const DESCRIBE_FLAGS: &[Flag] = &[
    v("selector", Some('l')),
    b("all-namespaces", Some('A')),
    b("show-events", None),
    v("filename", Some('f')),
    v("chunk-size", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

pub const EVENTS_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    b("all-namespaces", Some('A')),
    v("for", None),
    b("watch", Some('w')),
    v("types", None),
    b("no-headers", None),
];

/// The namespace and label selector of a command. A selector the API
/// server would refuse is an error worded as kubectl prints the failed
/// list of the first kind asked for (`Error from server (BadRequest): …`).
pub(crate) fn scope(ctx: &Ctx, p: &Parsed) -> Result<Scope, String> {
    scope_for(ctx, p, None).map(|(s, _)| s)
}

/// `scope`, with the field selector checked against the kinds listed.
pub(crate) fn scope_for(
    ctx: &Ctx,
    p: &Parsed,
    kinds: Option<&[Kind]>,
) -> Result<(Scope, Vec<FieldReq>), String> {
    let labels = p.value("selector").unwrap_or("");
    let fields_text = p.value("field-selector").unwrap_or("");
    let first = kinds.and_then(|k| k.first().copied()).unwrap_or(Kind::Pod);
    let fail = |msg: String| selector::list_error(first, labels, fields_text, &msg);
    let selector = if labels.is_empty() {
        None
    } else if p.has_sources() {
        Some(selector::parse_for_files(labels)?)
    } else {
        Some(selector::parse(labels).map_err(fail)?)
    };
    let fields = selector::parse_fields(fields_text).map_err(fail)?;
    for k in kinds.unwrap_or(&[]) {
        if let Some((f, _, _)) = fields
            .iter()
            .find(|(f, _, _)| !selector::field_supported(*k, f))
        {
            return Err(selector::list_error(
                *k,
                labels,
                fields_text,
                &format!("field label not supported: {f}"),
            ));
        }
    }
    Ok((
        Scope {
            namespace: ctx.namespace(p),
            all_namespaces: p.flag("all-namespaces"),
            selector,
        },
        fields,
    ))
}

/// Prints a scope error: kubectl's own `error: …`, or the server's.
pub(crate) fn scope_fail(ctx: &mut Ctx, e: &str) -> i32 {
    if e.starts_with("Error from server") {
        ctx.err(&format!("{e}\n"));
        1
    } else {
        ctx.fail(e)
    }
}

/// What the builder is told besides positional arguments.
pub(crate) fn selecting(p: &Parsed, allow_empty_selector: bool) -> resources::Selecting {
    resources::Selecting {
        selector: p.value("selector").is_some_and(|s| !s.is_empty())
            || p.value("field-selector").is_some_and(|s| !s.is_empty())
            || p.flag("all"),
        all_namespaces: p.flag("all-namespaces"),
        allow_empty_selector,
    }
}

pub(crate) use selector::FieldReq;

/// The `--field-selector` of a command line (empty when absent).
pub(crate) fn field_filter_of(p: &Parsed) -> Result<Vec<FieldReq>, String> {
    selector::parse_fields(p.value("field-selector").unwrap_or(""))
}

pub(crate) fn fields_match(o: &Object, fields: &[FieldReq]) -> bool {
    fields
        .iter()
        .all(|(k, v, eq)| (field_value(o, k) == *v) == *eq)
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

/// The objects a command that builds something from them (`expose`,
/// `autoscale`) works on: those of the `-f` files, or those the
/// `TYPE NAME…` / `TYPE/NAME` arguments name, in the builder's order, a
/// missing one an error in its place; or the exit code of a refusal (an
/// unknown `-o` format is refused before anything is looked up). Not
/// `modify::targets_of`: there `--selector` picks the objects, while
/// `expose --selector` is the new Service's own selector.
fn generator_targets(
    ctx: &mut Ctx,
    p: &Parsed,
    ns: &str,
) -> Result<Vec<Result<Object, String>>, i32> {
    if let Some(o) = p.value("output").filter(|o| !o.is_empty() && *o != "name") {
        if let Err(e) = output::parse(Some(o), p.value("template")) {
            return Err(ctx.fail(&e));
        }
    }
    let scope = Scope {
        namespace: ns.to_string(),
        all_namespaces: false,
        selector: None,
    };
    if p.has_sources() {
        if let Some(e) = resources::args_with_paths(&p.args) {
            return Err(ctx.fail(e));
        }
        return visit_files(ctx, p, &scope, FileLabels::Live).map_err(|e| ctx.fail(&e));
    }
    match resources::resolve_with(&p.args, Default::default()) {
        Ok(r) => Ok(resources::visit(ctx.console, &r, &scope, |_| true)),
        Err(e) => Err(ctx.fail(&e)),
    }
}

/// `generator_targets`, each object handed to `build` in turn; the first
/// error (a missing object, or the exit code `build` returns) ends the
/// command, as kubectl's visitor does. How many objects were built.
pub(crate) fn build_each(
    ctx: &mut Ctx,
    p: &Parsed,
    ns: &str,
    mut build: impl FnMut(&mut Ctx, &Object) -> i32,
) -> Result<usize, i32> {
    let mut count = 0;
    for t in generator_targets(ctx, p, ns)? {
        let obj = t.map_err(|e| {
            ctx.err(&format!("{e}\n"));
            1
        })?;
        match build(ctx, &obj) {
            0 => count += 1,
            code => return Err(code),
        }
    }
    Ok(count)
}

/// Whose labels `-l` matches when the objects come from `-f` files. The
/// resource builder filters after `RetrieveLatest` for the commands built
/// with `.Latest()` (get, label, annotate, rollout, set), so on the live
/// object; for the others (delete, describe, scale) on what the file says,
/// and an object filtered out is never looked up.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileLabels {
    Live,
    Written,
}

/// Whether `-l` keeps a file's object `m`, by the labels it is written with.
pub(crate) fn written_labels_match(
    selector: Option<&selector::Selector>,
    m: &crate::manifest::Manifest,
) -> bool {
    selector.is_none_or(|sel| sel.matches(&m.labels()))
}

/// The namespace a file's object is looked up in: none for a cluster-scoped
/// kind, else the one it names, else the command's.
pub(crate) fn file_namespace(m: &crate::manifest::Manifest, scope: &Scope) -> String {
    if !m.kind.namespaced() {
        String::new()
    } else if !m.namespace.is_empty() {
        m.namespace.clone()
    } else {
        scope.namespace.clone()
    }
}

/// Objects named in `-f` files, looked up on the server, in file order;
/// `-l` (the scope's selector) filters them as `labels` says.
pub(crate) fn visit_files(
    ctx: &mut Ctx,
    p: &Parsed,
    scope: &Scope,
    labels: FileLabels,
) -> Result<Vec<Result<Object, String>>, String> {
    let sources = super::apply::read_sources(ctx, p)?;
    let mut out = Vec::new();
    for (source, text) in sources {
        let parsed = crate::manifest::parse(&text, &source);
        for m in parsed.manifests() {
            if labels == FileLabels::Written && !written_labels_match(scope.selector.as_ref(), m) {
                continue;
            }
            let ns = file_namespace(m, scope);
            let live = ctx
                .console
                .engine
                .get(m.kind, &ns, &m.name)
                .map_err(|e| e.kubectl_text());
            let kept = match (&live, &scope.selector) {
                (Ok(o), Some(sel)) if labels == FileLabels::Live => sel.matches(&o.meta().labels),
                _ => true,
            };
            if kept {
                out.push(live);
            }
        }
        if let Some(c) = parsed.stream_error {
            out.push(Err(format!("error: {}", c.text)));
        }
    }
    Ok(out)
}

pub fn get(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if let Some(raw) = p.value("raw") {
        if !p.args.is_empty() {
            return ctx.fail("arguments may not be passed when --raw is specified");
        }
        if p.flag("watch") || p.flag("watch-only") || p.has("selector") {
            return ctx.fail("--raw may not be specified with other flags that filter the server request or alter the output");
        }
        if p.has("output") {
            return ctx.fail("--raw and --output are mutually exclusive");
        }
        return super::raw::get(ctx, raw);
    }
    let format = match output::parse(p.value("output"), p.value("template")) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    if let Err(e) = super::scale_sub::validate(p) {
        return ctx.fail(&e);
    }
    if p.value("subresource") == Some("scale") && !p.args.is_empty() {
        return super::scale_sub::get(ctx, p, &format);
    }
    let watch = p.flag("watch") || p.flag("watch-only");
    if watch && p.value("sort-by").is_some_and(|s| !s.is_empty()) {
        // kubectl ≥ 1.33 words the two cases apart.
        ctx.err(if p.flag("watch") {
            "warning: --watch requested, --sort-by will be ignored for watch events received\n"
        } else {
            "warning: --watch-only requested, --sort-by will be ignored\n"
        });
    }
    if p.args.is_empty() && !p.has_sources() && !watch {
        ctx.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
        ctx.err("error: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n");
        return 1;
    }
    if p.flag("show-labels") && !matches!(format, Format::Table | Format::Wide) {
        return ctx.fail(&format!(
            "--show-labels option cannot be used with {} printer",
            p.value("output").unwrap_or("go-template")
        ));
    }
    if p.flag("output-watch-events") && !watch {
        return ctx
            .fail("--output-watch-events option can only be used with --watch or --watch-only");
    }
    let ignore_not_found = p.flag("ignore-not-found");
    // The builder checks the arguments before the server sees a selector.
    let resolved = if p.has_sources() {
        if let Some(e) = resources::args_with_paths(&p.args) {
            return ctx.fail(e);
        }
        None
    } else {
        match resources::resolve_with(&p.args, selecting(p, true)) {
            Ok(r) => {
                ctx.warn_requested(&r);
                Some(r)
            }
            Err(e) => return ctx.fail(&e),
        }
    };
    let listed: Vec<Kind> = resolved
        .iter()
        .flat_map(|r| {
            r.requests
                .iter()
                .filter(|q| q.names.is_empty())
                .map(|q| q.kind)
        })
        .collect();
    let (scope, fields) = match scope_for(ctx, p, Some(&listed)) {
        Ok(s) => s,
        Err(e) => return scope_fail(ctx, &e),
    };
    // The objects kubectl visits, as groups of one kind in visiting order
    // (a listing is one group even when empty), and the errors.
    let mut groups: Vec<(Kind, Vec<Object>)> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let single;
    let mut watch_kind = Kind::Pod;
    let mut watch_names: Vec<String> = Vec::new();
    let add =
        |groups: &mut Vec<(Kind, Vec<Object>)>, o: Object, merge: bool| match groups.last_mut() {
            Some((k, objs)) if merge && *k == o.kind() => objs.push(o),
            _ => groups.push((o.kind(), vec![o])),
        };
    if let Some(resolved) = &resolved {
        single = resolved.single;
        if watch && resolved.requests.len() != 1 {
            return ctx.fail("you may only specify a single resource type");
        }
        if let Some(r) = resolved.requests.first() {
            watch_kind = r.kind;
            watch_names = r.names.clone();
        }
        for r in &resolved.requests {
            if r.names.is_empty() {
                let mut objs = resources::list(ctx.console, r.kind, &scope);
                objs.retain(|o| fields_match(o, &fields));
                // The API server lists by namespace, then name.
                crate::sort::sort_by(&mut objs, |a, b| {
                    (a.namespace(), a.name()).cmp(&(b.namespace(), b.name()))
                });
                groups.push((r.kind, objs));
                continue;
            }
            for v in resources::visit_named(ctx.console, r.kind, &r.names, &scope) {
                match v {
                    Ok(o) => add(&mut groups, o, true),
                    Err(e) => {
                        if !(ignore_not_found && e.contains("(NotFound)")) {
                            errors.push(e)
                        }
                    }
                }
            }
        }
    } else {
        let visits = match visit_files(ctx, p, &scope, FileLabels::Live) {
            Ok(v) => v,
            Err(e) => return ctx.fail(&e),
        };
        single = visits.len() == 1;
        for v in visits {
            match v {
                Ok(o) => add(&mut groups, o, true),
                Err(e) => errors.push(e),
            }
        }
    }
    let kinds: std::collections::BTreeSet<Kind> = groups.iter().map(|(k, _)| *k).collect_set();
    let opts = TableOptions {
        wide: false,
        no_headers: p.flag("no-headers"),
        all_namespaces: scope.all_namespaces,
        show_labels: p.flag("show-labels"),
        label_columns: p
            .values("label-columns")
            .iter()
            .flat_map(|s| s.split(',').map(str::to_string))
            .filter(|s| !s.is_empty())
            .collect(),
        with_kind: kinds.len() > 1 || p.flag("show-kind"),
        namespace: scope.namespace.clone(),
        keep_order: true,
        missing_key_error: !p.flag_or("allow-missing-template-keys", true),
    };
    if watch {
        if !errors.is_empty() {
            for e in &errors {
                ctx.err(&format!("{e}\n"));
            }
            return 1;
        }
        let group = groups
            .into_iter()
            .next()
            .unwrap_or((watch_kind, Vec::new()));
        let watched = Watched {
            kind: group.0,
            scope,
            fields,
            names: watch_names,
        };
        return watch_loop(ctx, p, &format, &group, &watched, opts);
    }
    let human = matches!(format, Format::Table | Format::Wide);
    let sort_by = p.value("sort-by").filter(|s| !s.is_empty());
    let mut code = 0;
    if let (Some(field), true) = (sort_by, human) {
        // One server Table per resource type; an error stops kubectl before
        // it prints anything, the lookup errors included.
        for (_, objs) in groups.iter_mut() {
            if let Err(e) = sort_by::sort_objects(objs, field, sort_by::Mode::Table) {
                return sort_failed(ctx, &e);
            }
        }
    }
    if human {
        let any = groups.iter().any(|(_, o)| !o.is_empty());
        if any || (errors.is_empty() && !ignore_not_found) {
            code =
                output::print_objects(&ctx.console.engine, ctx.io, &format, &groups, false, &opts);
        }
    } else if !single || errors.is_empty() {
        let mut all: Vec<Object> = groups.into_iter().flat_map(|(_, o)| o).collect();
        let sorted = match sort_by {
            // A single object named alone is printed as itself, unsorted.
            Some(field) if !(single && all.len() == 1) => {
                sort_by::sort_objects(&mut all, field, sort_by::Mode::List)
            }
            _ => Ok(()),
        };
        if let Err(e) = sorted {
            match e {
                sort_by::SortError::Failed(m) => errors.push(format!("error: {m}")),
                e @ sort_by::SortError::Unsortable(_) => return sort_failed(ctx, &e),
            }
        } else if !(all.is_empty() && ignore_not_found) {
            code = output::print_objects(
                &ctx.console.engine,
                ctx.io,
                &format,
                &[(Kind::Pod, all)],
                single,
                &opts,
            );
        }
    }
    for e in &errors {
        ctx.err(&format!("{e}\n"));
        code = 1;
    }
    code
}

/// A failed `--sort-by`: kubectl's error, or the message its `klog.Exitf`
/// prints for a field it cannot compare (`sort_by`).
fn sort_failed(ctx: &mut Ctx, e: &sort_by::SortError) -> i32 {
    match e {
        sort_by::SortError::Unsortable(m) => {
            ctx.err(&format!("{m}\n"));
            1
        }
        sort_by::SortError::Failed(m) => ctx.fail(m),
    }
}

/// `kubectl get -w`: the current rows, then a row per change as simulated
/// time passes, until nothing is pending or `--request-timeout` (R11.2).
/// The table printer remembers column widths across rows, as kubectl's
/// tab writer does.
fn watch_loop(
    ctx: &mut Ctx,
    p: &Parsed,
    format: &Format,
    group: &(Kind, Vec<Object>),
    watched: &Watched,
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
    let no_headers = opts.no_headers;
    let missing_key_error = opts.missing_key_error;
    let mut printer = WatchPrinter::new(
        *kind,
        TableOptions {
            wide: *format == Format::Wide,
            ..opts
        },
    );
    let mut printed = 0usize;
    let mut emit = |ctx: &mut Ctx, printer: &mut WatchPrinter, op: &str, obj: &Object| {
        if table {
            let text = if events {
                printer.print_event(&ctx.console.engine, op, obj)
            } else {
                printer.print(&ctx.console.engine, std::slice::from_ref(obj))
            };
            ctx.out(&text);
        } else {
            // The YAML printer separates documents after the first.
            if *format == Format::Yaml && printed > 0 {
                ctx.out("---\n");
            }
            // The custom-columns printer prints its header when the type
            // changes (`lastType` in customcolumn.go): once per watch.
            output::print_objects(
                &ctx.console.engine,
                ctx.io,
                format,
                &[(*kind, vec![obj.clone()])],
                true,
                &TableOptions {
                    no_headers: no_headers || printed > 0,
                    missing_key_error,
                    ..TableOptions::default()
                },
            );
        }
        printed += 1;
    };
    if !p.flag("watch-only") {
        if table && !events {
            let text = printer.print(&ctx.console.engine, initial);
            ctx.out(&text);
        } else {
            for o in initial {
                emit(ctx, &mut printer, "ADDED", o);
            }
        }
    }
    let mut cursor = ctx.console.engine.store().resource_version();
    let deadline = ctx.now() + timeout;
    // Until nothing is pending: a container's exit far ahead is steady.
    while let Some(t) = ctx.console.engine.next_pending_wakeup() {
        if t > deadline {
            break;
        }
        ctx.console.engine.advance_to(t);
        let changes: Vec<(&'static str, Object)> = ctx
            .console
            .engine
            .store()
            .changes_since(cursor)
            .filter(|c| c.object.kind() == *kind)
            .filter_map(|c| {
                let now = watched.matches(&c.object);
                let before = c.old.as_ref().is_some_and(|o| watched.matches(o));
                match (before, now) {
                    (_, true) => Some((c.op.watch_type(), c.object.clone())),
                    // It left the selection: the watch says it was deleted.
                    (true, false) => c.old.clone().map(|o| ("DELETED", o)),
                    (false, false) => None,
                }
            })
            .collect();
        cursor = ctx.console.engine.store().resource_version();
        for (op, obj) in changes {
            emit(ctx, &mut printer, op, &obj);
        }
    }
    if ctx
        .console
        .engine
        .next_pending_wakeup()
        .is_some_and(|t| t > deadline)
    {
        ctx.console.engine.advance_to(deadline);
    }
    0
}

/// What a watch selects: its namespace, selectors and names.
pub(crate) struct Watched {
    pub kind: Kind,
    pub scope: Scope,
    pub fields: Vec<FieldReq>,
    pub names: Vec<String>,
}

impl Watched {
    fn matches(&self, o: &Object) -> bool {
        o.kind() == self.kind
            && self
                .scope
                .ns_for(self.kind)
                .is_none_or(|ns| o.namespace() == ns)
            && self
                .scope
                .selector
                .as_ref()
                .is_none_or(|s| s.matches(&o.meta().labels))
            && fields_match(o, &self.fields)
            && (self.names.is_empty() || self.names.iter().any(|n| n == o.name()))
    }
}

pub fn describe(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let show_events = p.flag_or("show-events", true);
    if p.args.is_empty() && !p.has_sources() {
        return ctx.fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
    }
    let scope = match scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return scope_fail(ctx, &e),
    };
    let visits = if p.has_sources() {
        match visit_files(ctx, p, &scope, FileLabels::Written) {
            Ok(v) => v,
            Err(e) => return ctx.fail(&e),
        }
    } else {
        let resolved = match resources::resolve_with(&p.args, selecting(p, true)) {
            Ok(r) => r,
            Err(e) => return ctx.fail(&e),
        };
        ctx.warn_requested(&resolved);
        resources::visit(ctx.console, &resolved, &scope, |_| true)
    };
    let mut objects: Vec<Object> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for v in visits {
        match v {
            Ok(o) => objects.push(o),
            Err(e) => errors.push(e),
        }
    }
    // `describe TYPE PREFIX`: a missing name is tried as a name prefix.
    if !errors.is_empty() && p.args.len() == 2 && !p.args[0].contains('/') {
        if let Ok(kind) = resources::kind_of(&p.args[0]) {
            let prefix = p.args[1].clone();
            let mut matched: Vec<Object> = resources::list(ctx.console, kind, &scope)
                .into_iter()
                .filter(|o| o.name().starts_with(prefix.as_str()))
                .collect();
            crate::sort::sort_by(&mut matched, |a, b| {
                (a.namespace(), a.name()).cmp(&(b.namespace(), b.name()))
            });
            if matched.is_empty() {
                ctx.err(&format!("{}\n", errors[0]));
                return 1;
            }
            for o in &matched {
                match printers::describe(&ctx.console.engine, o, show_events) {
                    Ok(text) => ctx.out(&format!("{text}\n")),
                    Err(e) => {
                        ctx.err(&format!("{e}\n"));
                        return 1;
                    }
                }
            }
            return 0;
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
    let (text, errs) = printers::describe_many(&ctx.console.engine, &objects, show_events);
    ctx.out(&text);
    for e in errors.iter().chain(errs.iter()) {
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
    if let Some(f) = p.value("for").filter(|f| !f.is_empty()) {
        // `decodeResourceTypeName`, in Complete (before Validate's checks).
        let Some((t, n)) = f.split_once('/') else {
            return ctx.fail("--for must be in resource/name form");
        };
        if n.contains('/') {
            return ctx.fail("arguments in resource/name form may not have more than one slash");
        }
        let kind = match resources::kind_of(t) {
            Ok(k) => Some(k),
            Err(e) => return ctx.fail(&e),
        };
        evs.retain(|o| match o {
            Object::Event(e) => {
                e.involved_object.name == n
                    && kind.is_none_or(|k| e.involved_object.kind == k.name())
            }
            _ => false,
        });
    }
    // `--types`: Normal and/or Warning, in any case (kubectl's Validate).
    let types: Vec<String> = p
        .value("types")
        .map(|t| t.split(',').map(|x| x.trim().to_string()).collect())
        .unwrap_or_default();
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        return ctx.fail("valid --types are Normal or Warning");
    }
    let format = match output::parse(p.value("output"), None) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    // The table is kubectl events' own printer (it applies `--types`):
    // sorted by time as Go sorts them, `Pod/web-0` in OBJECT (not the
    // `get events` table).
    if matches!(format, output::Format::Table) {
        let o = crate::console::printers::EventsOptions {
            all_namespaces: scope.all_namespaces,
            no_headers: p.flag("no-headers"),
            namespace: scope.namespace.clone(),
            types,
        };
        let out = crate::console::printers::events_table(&ctx.console.engine, &evs, &o);
        output::write(ctx.io, &out);
        return 0;
    }
    if !types.is_empty() {
        evs.retain(|o| {
            matches!(o, Object::Event(e) if types.iter().any(|t| t.eq_ignore_ascii_case(&e.type_)))
        });
    }
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
