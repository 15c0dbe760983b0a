//! `kubectl delete`: by type and names, `TYPE/NAME`, `-f`, `-l`, `--all`;
//! cascade (background, foreground, orphan), grace period and `--force`;
//! and, unless `--wait=false`, waiting in simulated time until each object
//! (by uid) is gone (R3.15, R10.10, R11.5). Messages and order follow
//! kubectl 1.35's delete.go: `pod "web-0" deleted from default namespace`.

use super::flags::{b, opt, v, Flag, Parsed};
use super::resources::{self};
use super::{get, Ctx, DryRun};
use crate::engine::objects::{Kind, Object};
use crate::engine::{DeleteOptions, Propagation, SimDuration};
use crate::manifest;

pub const DELETE_FLAGS: &[Flag] = &[
    v("filename", Some('f')),
    v("selector", Some('l')),
    b("all", None),
    b("all-namespaces", Some('A')),
    opt("cascade", "background"),
    v("grace-period", None),
    b("force", None),
    b("now", None),
    b("wait", None),
    b("ignore-not-found", None),
    v("timeout", None),
    v("output", Some('o')),
    opt("dry-run", "unchanged"),
    b("recursive", Some('R')),
    v("field-selector", None),
    b("interactive", Some('i')),
    v("raw", None),
    v("kustomize", Some('k')),
];

/// `--cascade` as delete_flags.go parses it (booleans are deprecated).
/// `--grace-period` when it is a number of seconds (a negative one, or
/// none, leaves each object its own).
pub(super) fn grace_of(p: &Parsed) -> Option<i64> {
    p.value("grace-period")
        .and_then(|g| g.parse::<i64>().ok())
        .filter(|g| *g >= 0)
}

/// `--cascade` once checked by `cascade` (its errors and warnings said):
/// the propagation it names.
pub(super) fn propagation_of(c: Option<&str>) -> Propagation {
    match c.map(|c| (super::flags::parse_bool(c), c)) {
        Some((Some(false), _)) | Some((None, "orphan")) => Propagation::Orphan,
        Some((None, "foreground")) => Propagation::Foreground,
        _ => Propagation::Background,
    }
}

pub(super) fn cascade(ctx: &mut Ctx, p: &Parsed) -> Result<Propagation, String> {
    let Some(c) = p.value("cascade") else {
        return Ok(Propagation::Background);
    };
    match super::flags::parse_bool(c) {
        Some(true) => {
            ctx.err(&format!("warning: --cascade={c} is deprecated (boolean value) and can be replaced with --cascade=background.\n"));
            Ok(Propagation::Background)
        }
        Some(false) => {
            ctx.err(&format!("warning: --cascade={c} is deprecated (boolean value) and can be replaced with --cascade=orphan.\n"));
            Ok(Propagation::Orphan)
        }
        None => match c {
            "orphan" => Ok(Propagation::Orphan),
            "foreground" => Ok(Propagation::Foreground),
            "background" => Ok(Propagation::Background),
            _ => Err(format!(
                "invalid cascade value ({c}). Must be \"background\", \"foreground\", or \"orphan\""
            )),
        },
    }
}

/// What `kubectl delete` prints for one object (delete.go `PrintObj`).
pub(crate) fn deleted_line(obj: &Object, grace: i64, dry: DryRun, name_only: bool) -> String {
    let kind = obj.kind().singular_qualified();
    if name_only {
        return format!("{kind}/{}\n", obj.name());
    }
    let mut op = if grace == 0 {
        "force deleted".to_string()
    } else {
        "deleted".to_string()
    };
    if obj.kind().namespaced() {
        op = format!("{op} from {} namespace", obj.namespace());
    }
    op.push_str(dry.suffix());
    format!("{kind} {:?} {op}\n", obj.name())
}

pub fn delete(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let propagation = match cascade(ctx, p) {
        Ok(c) => c,
        Err(e) => return ctx.fail(&e),
    };
    // -1 means "the object's own grace period" (delete_flags.go).
    let mut grace: i64 = match p.value("grace-period") {
        None => -1,
        Some(g) => match g.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                ctx.err(&format!("error: invalid argument {g:?} for \"--grace-period\" flag: strconv.ParseInt: parsing {g:?}: invalid syntax\nSee 'kubectl delete --help' for usage.\n"));
                return 1;
            }
        },
    };
    if p.flag("now") {
        if grace != -1 {
            return ctx.fail("--now and --grace-period cannot be specified together");
        }
        grace = 1;
    }
    let force = p.flag("force");
    if grace == 0 && !force {
        // kubectl turns --grace-period=0 without --force into 1 (graceful).
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // The builder's SelectAllParam refuses --all with a selector (Complete),
    // before Validate looks at -o.
    let non_empty = |f: &str| p.value(f).is_some_and(|v| !v.trim().is_empty());
    if p.flag("all") && (non_empty("selector") || non_empty("field-selector")) {
        return ctx.fail("setting 'all' parameter but found a non empty selector. ");
    }
    let name_only = match p.value("output") {
        None | Some("") => false,
        Some("name") => true,
        Some(o) => {
            return ctx.fail(&format!(
                "unexpected -o output mode: {o}. We only support '-o name'"
            ))
        }
    };
    if force && grace == 0 {
        ctx.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    } else if force && grace > 0 {
        return ctx.fail("--force and --grace-period greater than 0 cannot be specified together");
    }
    let wait = p.flag_or("wait", true);
    // kubectl's default --timeout=0 waits "forever" (a week); here the
    // wait is bounded in simulated time.
    let timeout = p
        .value("timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(super::DEFAULT_WAIT);
    // With --all, -l or --field-selector, NotFound is not an error.
    let ignore_not_found = p.flag_or(
        "ignore-not-found",
        p.flag("all") || p.has("selector") || p.has("field-selector"),
    );

    // Which objects, in the order kubectl visits them; errors keep their place.
    let mut visits: Vec<Result<Object, String>> = Vec::new();
    let scope = match get::scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return get::scope_fail(ctx, &e),
    };
    if p.has_sources() {
        if let Some(e) = resources::args_with_paths(&p.args) {
            return ctx.fail(e);
        }
        let sources = match super::apply::read_sources(ctx, p) {
            Ok(s) => s,
            Err(e) => return ctx.fail(&e),
        };
        for (source, text) in sources {
            let parsed = manifest::parse(&text, &source);
            // delete's builder has no `.Latest()`: `-l` filters on the
            // labels the file gives, and the others are never looked up.
            for m in parsed
                .manifests()
                .filter(|m| get::written_labels_match(scope.selector.as_ref(), m))
            {
                let ns = get::file_namespace(m, &scope);
                match ctx.console.engine.get(m.kind, &ns, &m.name) {
                    Ok(o) => visits.push(Ok(o)),
                    Err(e) => {
                        if !(ignore_not_found && e.reason() == "NotFound") {
                            visits.push(Err(format!(
                                "Error from server ({}): {}",
                                e.reason(),
                                manifest::report::with_source("deleting", &source, &e)
                            )));
                        }
                    }
                }
            }
            if let Some(c) = parsed.stream_error {
                visits.push(Err(format!("error: {}", c.text)));
            }
        }
    } else {
        let selecting = get::selecting(p, true);
        if p.args.is_empty() && !selecting.selector {
            ctx.err(super::NO_RESOURCES);
            return 1;
        }
        // With -l, --field-selector or --all, names are refused (the
        // builder's visitBySelector), never deleted.
        let resolved = match resources::resolve_with(&p.args, selecting) {
            Ok(r) => r,
            Err(e) => return ctx.fail(&e),
        };
        let fields = match get::field_filter_of(p) {
            Ok(f) => f,
            Err(e) => return ctx.fail(&e),
        };
        ctx.warn_requested(&resolved);
        let all = p.flag("all");
        for r in &resolved.requests {
            if r.names.is_empty() {
                if !all && scope.selector.is_none() && fields.is_empty() {
                    return ctx.fail("resource(s) were provided, but no name was specified");
                }
                let mut objs = resources::list(ctx.console, r.kind, &scope);
                objs.retain(|o| get::fields_match(o, &fields));
                visits.extend(objs.into_iter().map(Ok));
            } else {
                // Named objects are deleted without a look first: a missing
                // one is still visited (and counted), and its NotFound is
                // the delete's own error.
                for v in resources::visit_named(ctx.console, r.kind, &r.names, &scope) {
                    match v {
                        Ok(o) => visits.push(Ok(o)),
                        Err(e) if ignore_not_found && e.contains("(NotFound)") => {
                            visits.push(Err(String::new()))
                        }
                        Err(e) => visits.push(Err(e)),
                    }
                }
            }
        }
    }
    if scope.namespace != ctx.console.namespace
        && p.has("namespace")
        && !p.flag("all-namespaces")
        && visits
            .iter()
            .any(|v| v.as_ref().is_ok_and(|o| !o.kind().namespaced()))
    {
        ctx.err(
            "warning: deleting cluster-scoped resources, not scoped to the provided namespace\n",
        );
    }

    // `--interactive`: the objects are listed and the answer is read from
    // standard input (`fmt.Fscanln`): anything but the one word `y` (any
    // case), nothing at all included, cancels the deletion.
    if p.flag("interactive") {
        let shown: Vec<&Object> = visits.iter().filter_map(|v| v.as_ref().ok()).collect();
        if shown.is_empty() {
            ctx.out("No resources found\n");
            return 0;
        }
        let mut s = format!(
            "You are about to delete the following {} resource(s):\n",
            shown.len()
        );
        for o in &shown {
            s.push_str(&format!("{}/{}\n", o.kind().singular_qualified(), o.name()));
        }
        s.push_str("Do you want to continue? (y/N): ");
        ctx.out(&s);
        if !confirmed(ctx.stdin) {
            ctx.out("deletion is cancelled\n");
            return 0;
        }
    }
    let opts = DeleteOptions {
        grace_period_seconds: (grace >= 0).then_some(grace),
        propagation,
        uid: None,
    };
    let mut errors: Vec<String> = Vec::new();
    let mut found = 0;
    let mut waiting: Vec<(Kind, String, String, String)> = Vec::new();
    // A server-side dry run runs against a copy of the cluster.
    let saved = (dry == DryRun::Server).then(|| ctx.console.engine.clone());
    for visit in visits {
        found += 1;
        let o = match visit {
            Ok(o) => o,
            Err(e) => {
                if !e.is_empty() {
                    errors.push(e);
                }
                continue;
            }
        };
        if dry == DryRun::Client {
            ctx.out(&deleted_line(&o, grace, dry, name_only));
            continue;
        }
        let (kind, ns, name, uid) = (
            o.kind(),
            o.namespace().to_string(),
            o.name().to_string(),
            o.meta().uid.clone(),
        );
        match ctx.console.engine.delete(kind, &ns, &name, &opts) {
            Ok(_) => {
                ctx.out(&deleted_line(&o, grace, dry, name_only));
                waiting.push((kind, ns, name, uid.to_string()));
            }
            Err(e) => errors.push(e.kubectl_text()),
        }
    }
    if let Some(engine) = saved {
        ctx.console.engine = engine;
    }
    if !errors.is_empty() {
        // kubectl returns the visit error before it would wait.
        for e in &errors {
            ctx.err(&format!("{e}\n"));
        }
        return 1;
    }
    if found == 0 {
        ctx.out("No resources found\n");
        return 0;
    }
    if !wait || dry != DryRun::None || waiting.is_empty() {
        return 0;
    }
    let gone = |c: &crate::console::Console, (k, ns, n, uid): &(Kind, String, String, String)| {
        c.engine
            .get(*k, ns, n)
            .map(|o| o.meta().uid != *uid)
            .unwrap_or(true)
    };
    let started = ctx.console.engine.now();
    let done = ctx.wait_until(timeout, |c| waiting.iter().all(|w| gone(c, w)));
    if done {
        // kubectl returns once its watch reports the deletion; by the time
        // the next command runs, the controllers have reacted to it (a
        // StatefulSet's replacement Pod exists, Pending), as they do within
        // milliseconds on a cluster. Without this the next `get pods` missed
        // the Pod that the deletion of a set's Pod always brings back.
        if ctx.console.engine.now() > started {
            let settle = ctx.console.engine.config().latency.controller_reaction.max;
            let t = ctx.console.engine.now() + settle;
            ctx.console.engine.advance_to(t);
        }
        return 0;
    }
    // The wait visits the objects in order and stops at the first timeout.
    if let Some((k, _, n, _)) = waiting.iter().find(|w| !gone(ctx.console, w)) {
        ctx.err(&format!(
            "error: timed out waiting for the condition on {}/{n}\n",
            k.info().plural
        ));
    }
    1
}

/// `fmt.Fscanln(in, &input)` then `strings.EqualFold(input, "y")`: the
/// first line must hold exactly one word, and it must be `y` or `Y`.
fn confirmed(stdin: Option<&str>) -> bool {
    let line = stdin.unwrap_or("").split('\n').next().unwrap_or("");
    let mut words = line.split([' ', '\t', '\r']).filter(|w| !w.is_empty());
    matches!((words.next(), words.next()), (Some(w), None) if w.eq_ignore_ascii_case("y"))
}

#[cfg(test)]
mod confirm_tests {
    use super::confirmed;

    #[test]
    fn only_one_word_y_confirms() {
        assert!(confirmed(Some("y\n")));
        assert!(confirmed(Some(" Y \nmore")));
        assert!(confirmed(Some("y")));
        assert!(!confirmed(None));
        assert!(!confirmed(Some("")));
        assert!(!confirmed(Some("\ny\n")));
        assert!(!confirmed(Some("yes\n")));
        assert!(!confirmed(Some("y n\n")));
    }
}
