//! `kubectl rollout status|history|undo|restart` (R4.15–R4.17, R10.9), and
//! the refusal to pause or resume a StatefulSet.

use serde_json::Value;

use super::flags::{b, v, Flag, Parsed};
use super::{resources, Ctx, DryRun, DEFAULT_WAIT};
use crate::console::printers;
use crate::engine::objects::{Kind, Object, StatefulSet};
use crate::engine::SimDuration;

pub const ROLLOUT_FLAGS: &[Flag] = &[
    b("watch", Some('w')),
    v("timeout", None),
    v("revision", None),
    v("to-revision", None),
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    v("selector", Some('l')),
    v("filename", Some('f')),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

/// pflag's parse error for an int64 (`--revision`, `--to-revision`) or
/// duration (`--timeout`) flag whose value is not one: it comes before
/// anything the command does.
fn typed_flag_error(p: &Parsed) -> Option<String> {
    for (name, value) in &p.order {
        match *name {
            "revision" | "to-revision" if value.parse::<i64>().is_err() => {
                return Some(format!(
                    "invalid argument {value:?} for \"--{name}\" flag: strconv.ParseInt: parsing {value:?}: {}",
                    super::logs::int_error(value)
                ));
            }
            "timeout" if super::logs::go_duration_ms(value).is_none() => {
                return Some(format!(
                    "invalid argument {value:?} for \"--timeout\" flag: {}",
                    super::logs::go_duration_error(value)
                ));
            }
            _ => {}
        }
    }
    None
}

/// The objects a rollout subcommand acts on, or its printed error.
pub(super) fn targets(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> Result<Vec<Object>, i32> {
    if args.is_empty() && !p.has_sources() {
        return Err(ctx.fail("required resource not specified"));
    }
    let scope = super::get::scope(ctx, p).map_err(|e| super::get::scope_fail(ctx, &e))?;
    let visits = if p.has_sources() {
        if let Some(e) = resources::args_with_paths(args) {
            return Err(ctx.fail(e));
        }
        super::get::visit_files(ctx, p, &scope, super::get::FileLabels::Live)
            .map_err(|e| ctx.fail(&e))?
    } else {
        let resolved = resources::resolve_with(args, super::get::selecting(p, true))
            .map_err(|e| ctx.fail(&e))?;
        resources::visit(ctx.console, &resolved, &scope, |_| true)
    };
    let mut out = Vec::new();
    for v in visits {
        match v {
            Ok(o) => out.push(o),
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                return Err(1);
            }
        }
    }
    if out.is_empty() {
        let ns = ctx.namespace(p);
        ctx.err(&format!("No resources found in {ns} namespace.\n"));
        return Err(0);
    }
    Ok(out)
}

/// The first object of a subcommand that acts on one.
fn target(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> Result<Object, i32> {
    targets(ctx, p, args).map(|mut v| v.remove(0))
}

pub fn rollout(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let Some(sub) = p.args.first().cloned() else {
        return super::help::without_subcommand(ctx, "rollout");
    };
    let rest: Vec<String> = p.args[1..].to_vec();
    let known = ["status", "history", "undo", "restart", "pause", "resume"];
    if let Some(e) = typed_flag_error(p).filter(|_| known.contains(&sub.as_str())) {
        ctx.err(&format!(
            "error: {e}\nSee 'kubectl rollout {sub} --help' for usage.\n"
        ));
        return 1;
    }
    match sub.as_str() {
        "status" => status(ctx, p, &rest),
        "history" => history(ctx, p, &rest),
        "undo" => undo(ctx, p, &rest),
        "restart" => restart(ctx, p, &rest),
        "pause" | "resume" => pause_or_resume(ctx, p, &rest, sub == "pause"),
        // DefaultSubCommandRun → RequireNoArguments: every argument, joined.
        _ => ctx.usage_for(
            "rollout",
            &format!("unknown command {:?}", p.args.join(" ")),
        ),
    }
}

/// Whether a Deployment is paused (`spec.paused`).
fn is_paused(obj: &Object) -> bool {
    obj.kind() == Kind::Deployment
        && printers::wire_value(obj).pointer("/spec/paused") == Some(&Value::Bool(true))
}

/// `kubectl rollout pause|resume` (`defaultObjectPauser` /
/// `defaultObjectResumer`): only Deployments have `spec.paused`; one
/// already so is an error (`is already paused`, `is not paused`), as is
/// any other kind (`pausing is not supported`). Each error names its
/// object; the others are still changed.
fn pause_or_resume(ctx: &mut Ctx, p: &Parsed, args: &[String], pause: bool) -> i32 {
    let objs = match targets(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let (verb, done) = if pause {
        ("pausing", "paused")
    } else {
        ("resuming", "resumed")
    };
    let mut code = 0;
    for obj in &objs {
        let refusal = if obj.kind() != Kind::Deployment {
            Some(format!("{verb} is not supported"))
        } else if is_paused(obj) == pause {
            Some(
                if pause {
                    "is already paused"
                } else {
                    "is not paused"
                }
                .to_string(),
            )
        } else {
            None
        };
        if let Some(why) = refusal {
            ctx.err(&format!(
                "error: {} {:?} {why}\n",
                obj.kind().resource_name(),
                obj.name()
            ));
            code = 1;
            continue;
        }
        let change = move |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            match v.pointer_mut("/spec").and_then(Value::as_object_mut) {
                Some(spec) if pause => {
                    spec.insert("paused".into(), Value::Bool(true));
                }
                Some(spec) => {
                    spec.remove("paused");
                }
                None => {}
            }
            Ok(v)
        };
        match super::modify::change_object(ctx, obj, DryRun::None, false, change) {
            Ok((changed, _)) => {
                if print_operation(ctx, p, &changed, done) != 0 {
                    code = 1;
                }
            }
            Err(e) => {
                ctx.err(&format!("error: failed to patch: {e}\n"));
                code = 1;
            }
        }
    }
    code
}

/// `kubectl rollout status`: a line for every change of the object the
/// watch sees (kubectl prints the status of each event, even when the text
/// repeats), until the rollout is done, `--timeout` passes, or, with
/// `--watch=false`, after the first.
fn status(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    if let Some(r) = p.value("revision") {
        if r.parse::<i64>().map_or(true, |n| n < 0) {
            return ctx.fail(&format!("revision must be a positive integer: {r}"));
        }
    }
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let (kind, ns, name) = (
        obj.kind(),
        obj.namespace().to_string(),
        obj.name().to_string(),
    );
    let watch = p.flag_or("watch", true);
    let timeout = p
        .value("timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(DEFAULT_WAIT);
    let deadline = ctx.now() + timeout;
    // The watch starts with the current object.
    let mut pending: Vec<Object> = vec![obj];
    let mut cursor = ctx.console.engine.store().resource_version();
    loop {
        for cur in std::mem::take(&mut pending) {
            match printers::rollout_status(&cur) {
                Err(e) => return ctx.fail(&e),
                Ok(st) => {
                    ctx.out(&st.message);
                    if st.done || !watch {
                        return 0;
                    }
                }
            }
        }
        match ctx.console.engine.next_wakeup() {
            Some(t) if t <= deadline => ctx.console.engine.advance_to(t),
            _ => {
                ctx.console.engine.advance_to(deadline);
                return ctx.fail("timed out waiting for the condition");
            }
        }
        let mut deleted = false;
        for c in ctx.console.engine.store().changes_since(cursor) {
            if c.object.kind() == kind && c.object.namespace() == ns && c.object.name() == name {
                if c.op == crate::engine::store::ChangeOp::Deleted {
                    deleted = true;
                } else {
                    pending.push(c.object.clone());
                }
            }
        }
        cursor = ctx.console.engine.store().resource_version();
        if deleted {
            return ctx.fail("object has been deleted");
        }
    }
}

/// The formats `rollout history|undo|restart -o` take: their PrintFlags
/// have no table printers (`NewPrintFlags`: json/yaml, name, the
/// templates), as any command that changes objects.
const HISTORY_FORMATS: &str = super::output::CHANGE_ALLOWED;

fn history(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    let revision = p
        .value("revision")
        .and_then(|r| r.parse::<i64>().ok())
        .unwrap_or(0);
    // Validate, before the builder visits anything.
    if revision < 0 {
        return ctx.fail(&format!("revision must be a positive integer: {revision}"));
    }
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    if let Some(o) = p.value("output").filter(|o| !o.is_empty()) {
        return history_objects(ctx, &obj, o, p.value("template"), revision);
    }
    match printers::rollout_history(&ctx.console.engine, &obj, revision) {
        Ok(text) => {
            ctx.out(&text);
            0
        }
        Err(e) => ctx.fail(&e),
    }
}

/// The `-o` of the rollout commands that print objects (their PrintFlags
/// have no table printers): a table format is refused, and an unknown one
/// lists the formats these commands know.
fn object_format(output: &str, template: Option<&str>) -> Result<super::output::Format, String> {
    use super::output::{self, Format};
    match output::parse(Some(output), template) {
        Ok(Format::Table | Format::Wide | Format::CustomColumns(_)) => {
            let name = output.split_once('=').map_or(output, |(n, _)| n);
            Err(format!(
                "unable to match a printer suitable for the output format {name:?}, allowed formats are: {HISTORY_FORMATS}"
            ))
        }
        Ok(f) => Ok(f),
        Err(e) => Err(e.replace(
            "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml",
            HISTORY_FORMATS,
        )),
    }
}

/// `rollout history -o FORMAT`: each revision as the StatefulSet it
/// records (`GetHistory`: the revision's template applied to the set,
/// `applyStatefulSetHistory`), oldest first, each printed on its own (a
/// yaml printer separates documents with `---`); `--revision=N` prints
/// that one (rollout_history.go `Run`).
fn history_objects(
    ctx: &mut Ctx,
    obj: &Object,
    output: &str,
    template: Option<&str>,
    revision: i64,
) -> i32 {
    use super::output::{self, Format};
    let format = match object_format(output, template) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    // A map by revision number, as GetHistory builds: the last one wins.
    let mut by_revision = match obj {
        Object::StatefulSet(set) => {
            let mut by_revision = std::collections::BTreeMap::new();
            for r in printers::rollout::statefulset_history(&ctx.console.engine, set) {
                let Some(template) = printers::rollout::revision_template(&r) else {
                    return ctx.fail(&format!("unable to parse history {}", r.metadata.name));
                };
                let mut applied = StatefulSet::clone(set);
                applied.spec.template = template;
                by_revision.insert(r.revision, Object::StatefulSet(std::rc::Rc::new(applied)));
            }
            by_revision
        }
        // A DaemonSet with each revision applied; a Deployment's
        // ReplicaSets themselves (polymorphichelpers/history.go).
        _ => match printers::rollout::history_objects(&ctx.console.engine, obj) {
            Some(Ok(m)) => m,
            Some(Err(e)) => return ctx.fail(&e),
            None => {
                return ctx.fail(&format!(
                    "no history viewer has been implemented for \"{}\"",
                    obj.kind().qualified_kind()
                ))
            }
        },
    };
    let printed: Vec<Object> = if revision > 0 {
        match by_revision.remove(&revision) {
            Some(o) => vec![o],
            None => return ctx.fail("unable to find the specified revision"),
        }
    } else {
        by_revision.into_values().collect()
    };
    let mut code = 0;
    for (i, o) in printed.into_iter().enumerate() {
        if i > 0 && format == Format::Yaml {
            ctx.out("---\n");
        }
        code |= output::print_objects(
            &ctx.console.engine,
            ctx.io,
            &format,
            &[(o.kind(), vec![o])],
            true,
            &Default::default(),
        );
    }
    code
}

/// How `rollout undo` and `rollout restart` print their object: their
/// PrintFlags carry the operation (`NamePrintFlags.Operation`), so without
/// `-o` it is `kind/name operation`, `-o name` drops the operation
/// (ShortOutput), and yaml, json and the templates print the object. The
/// printer is made after the change, so a table format fails then.
fn print_operation(ctx: &mut Ctx, p: &Parsed, obj: &Object, operation: &str) -> i32 {
    use super::output;
    let Some(o) = p.value("output").filter(|o| !o.is_empty()) else {
        ctx.out(&printers::name::name_line(obj, operation));
        return 0;
    };
    let format = match object_format(o, p.value("template")) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    output::print_objects(
        &ctx.console.engine,
        ctx.io,
        &format,
        &[(obj.kind(), vec![obj.clone()])],
        true,
        &Default::default(),
    )
}

/// Writes the set (on a dropped copy of the cluster under a server dry
/// run); returns what the API server answers: the written object, or the
/// dry run's answer.
fn update_unless_dry(
    ctx: &mut Ctx,
    dry: DryRun,
    s: StatefulSet,
) -> Result<Object, crate::engine::apiserver::errors::ApiError> {
    let written = ctx.writing(dry, |ctx| {
        ctx.console
            .engine
            .update(Object::StatefulSet(std::rc::Rc::new(s)))
    })?;
    Ok(match dry {
        DryRun::Server => ctx.dry_run_answer(written),
        _ => written,
    })
}

fn undo(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let to = p
        .value("to-revision")
        .and_then(|r| r.parse::<i64>().ok())
        .unwrap_or(0);
    if obj.kind() == Kind::Deployment {
        return undo_deployment(ctx, p, &obj, to, dry);
    }
    let Some(set) = obj.downcast::<StatefulSet>().cloned() else {
        return ctx.fail(&format!(
            "no rollbacker has been implemented for {:?}",
            obj.kind().qualified_kind()
        ));
    };
    let history = printers::rollout::statefulset_history(&ctx.console.engine, &set);
    let rev = if to == 0 {
        if history.len() < 2 {
            return ctx.fail("no last revision to roll back to");
        }
        history[history.len() - 2].clone()
    } else {
        match history.iter().find(|r| r.revision == to) {
            Some(r) => r.clone(),
            None => {
                return ctx.fail(&format!(
                    "unable to find specified revision {to} in history"
                ))
            }
        }
    };
    let Some(template) = printers::rollout::revision_template(&rev) else {
        return ctx.fail("unable to read the revision's template");
    };
    // A client dry run shows the template it would restore, before the
    // "already matches" check, as `StatefulSetRollbacker.Rollback` does.
    if dry == DryRun::Client {
        let operation = format!(
            "will roll back to {} (dry run)",
            printers::rollout::pod_template_text(&template)
        );
        return print_operation(ctx, p, &obj, &operation);
    }
    let suffix = dry.suffix();
    let current = crate::engine::controller::statefulset::revision::revision_data(&set);
    if current == rev.data {
        let operation = format!(
            "skipped rollback (current template already matches revision {}){suffix}",
            rev.revision
        );
        return print_operation(ctx, p, &obj, &operation);
    }
    let mut s = (*set).clone();
    s.spec.template = template;
    s.metadata.resource_version.clear();
    match update_unless_dry(ctx, dry, s) {
        // undo prints the object it visited, not the rolled-back one.
        Ok(_) => print_operation(ctx, p, &obj, &format!("rolled back{suffix}")),
        Err(e) => {
            ctx.err(&format!("{}\n", e.kubectl_text()));
            1
        }
    }
}

/// `DeploymentRollbacker.Rollback`: the ReplicaSet of the revision asked
/// (by default the one before the newest) gives its template back, the
/// `pod-template-hash` label taken out.
fn undo_deployment(ctx: &mut Ctx, p: &Parsed, obj: &Object, to: i64, dry: DryRun) -> i32 {
    let Some(Ok(by_revision)) = printers::rollout::history_objects(&ctx.console.engine, obj) else {
        return ctx.fail("unable to read the deployment's history");
    };
    let chosen = if to == 0 {
        let mut revs = by_revision.iter().rev();
        revs.next();
        match revs.next() {
            Some((_, rs)) => rs.clone(),
            None => {
                return ctx.fail(&format!(
                    "no rollout history found for deployment {:?}",
                    obj.name()
                ))
            }
        }
    } else {
        match by_revision.get(&to) {
            Some(rs) => rs.clone(),
            None => {
                return ctx.fail(&format!(
                    "unable to find specified revision {to} in history"
                ))
            }
        }
    };
    let mut template = printers::wire_value(&chosen)
        .pointer("/spec/template")
        .cloned()
        .unwrap_or_default();
    if let Some(Value::Object(l)) = template.pointer_mut("/metadata/labels") {
        l.remove("pod-template-hash");
    }
    if dry == DryRun::Client {
        let text =
            serde_json::from_value::<crate::engine::objects::PodTemplateSpec>(template.clone())
                .map(|t| printers::rollout::pod_template_text(&t))
                .unwrap_or_default();
        return print_operation(ctx, p, obj, &format!("will roll back to {text} (dry run)"));
    }
    // After the revision and the client dry run, as `DeploymentRollbacker`.
    if is_paused(obj) {
        return ctx.fail("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    }
    let suffix = dry.suffix();
    let current = printers::wire_value(obj)
        .pointer("/spec/template")
        .cloned()
        .unwrap_or_default();
    if current == template {
        // (kubectl names the revision asked: 0 by default.)
        let operation =
            format!("skipped rollback (current template already matches revision {to}){suffix}");
        return print_operation(ctx, p, obj, &operation);
    }
    let change = |live: &Value| -> Result<Value, String> {
        let mut v = live.clone();
        v["spec"]["template"] = template.clone();
        Ok(v)
    };
    match super::modify::change_object(ctx, obj, dry, false, change) {
        Ok(_) => print_operation(ctx, p, obj, &format!("rolled back{suffix}")),
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            1
        }
    }
}

fn restart(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    if !matches!(
        obj.kind(),
        Kind::StatefulSet | Kind::Deployment | Kind::DaemonSet
    ) {
        return ctx.fail(&format!(
            "{} {:?} restarting is not supported",
            obj.kind().resource_name(),
            obj.name()
        ));
    }
    if is_paused(&obj) {
        return ctx.fail(&format!(
            "failed to create patch for {}: can't restart paused deployment (run rollout resume first)",
            obj.name()
        ));
    }
    let now = ctx.now().rfc3339();
    let Some(set) = obj.downcast::<StatefulSet>().cloned() else {
        // A Deployment (or a DaemonSet): the template's annotation, patched.
        let already = printers::wire_value(&obj)
            .pointer("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt")
            .and_then(Value::as_str)
            == Some(now.as_str());
        if already {
            return ctx.fail(&format!("failed to create patch for {}: if restart has already been triggered within the past second, please wait before attempting to trigger another", obj.name()));
        }
        let suffix = dry.suffix();
        if dry == DryRun::Client {
            return print_operation(ctx, p, &obj, &format!("restarted{suffix}"));
        }
        let change = |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            v["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] =
                Value::String(now.clone());
            Ok(v)
        };
        return match super::modify::change_object(ctx, &obj, dry, false, change) {
            Ok((patched, _)) => print_operation(ctx, p, &patched, &format!("restarted{suffix}")),
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                1
            }
        };
    };
    if set
        .spec
        .template
        .metadata
        .annotations
        .get("kubectl.kubernetes.io/restartedAt")
        .map(|v| v.as_str())
        == Some(now.as_str())
    {
        return ctx.fail(&format!("failed to create patch for {}: if restart has already been triggered within the past second, please wait before attempting to trigger another", set.metadata.name));
    }
    let suffix = dry.suffix();
    if dry == DryRun::Client {
        return print_operation(ctx, p, &obj, &format!("restarted{suffix}"));
    }
    let mut s = (*set).clone();
    s.spec
        .template
        .metadata
        .annotations
        .insert("kubectl.kubernetes.io/restartedAt".into(), now.into());
    s.metadata.resource_version.clear();
    match update_unless_dry(ctx, dry, s) {
        // restart prints the patched object (info.Refresh).
        Ok(patched) => print_operation(ctx, p, &patched, &format!("restarted{suffix}")),
        Err(e) => {
            ctx.err(&format!("{}\n", e.kubectl_text()));
            1
        }
    }
}
