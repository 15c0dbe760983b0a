//! `kubectl delete`: by type and names, `TYPE/NAME`, `-f`, `-l`, `--all`;
//! cascade (background, foreground, orphan), grace period and `--force`;
//! and, unless `--wait=false`, waiting in simulated time until each object
//! (by uid) is gone (R3.15, R10.10, R11.5).

use super::flags::{b, v, Flag, Parsed};
use super::resources::{self};
use super::{get, Ctx, DEFAULT_WAIT};
use crate::engine::objects::{Kind, Object};
use crate::engine::{DeleteOptions, Propagation, SimDuration};
use crate::manifest;

pub const DELETE_FLAGS: &[Flag] = &[
    v("filename", Some('f')),
    v("selector", Some('l')),
    b("all", None),
    b("all-namespaces", Some('A')),
    v("cascade", None),
    v("grace-period", None),
    b("force", None),
    b("now", None),
    v("wait", None),
    b("ignore-not-found", None),
    v("timeout", None),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
    v("field-selector", None),
    b("interactive", Some('i')),
    v("raw", None),
];

pub fn delete(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let cascade = match p.value("cascade") {
        None => Propagation::Background,
        Some(c) => match Propagation::parse(c) {
            Some(x) => x,
            None => return ctx.fail(&format!("invalid cascade value ({c}). Must be \"background\", \"foreground\", or \"orphan\"")),
        },
    };
    let mut grace: Option<i64> = match p.value("grace-period") {
        None => None,
        Some(g) => match g.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                ctx.err(&format!("error: invalid argument {g:?} for \"--grace-period\" flag: strconv.ParseInt: parsing {g:?}: invalid syntax\nSee 'kubectl delete --help' for usage.\n"));
                return 1;
            }
        },
    };
    if p.flag("now") {
        if grace.is_some() {
            return ctx.fail("--now and --grace-period cannot be specified together");
        }
        grace = Some(1);
    }
    let force = p.flag("force");
    if force && grace.is_none() {
        grace = Some(0);
    }
    if grace == Some(0) && !force {
        // kubectl turns --grace-period=0 without --force into 1 (graceful).
        grace = Some(1);
    }
    if force && grace == Some(0) {
        ctx.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let wait = match p.value("wait") {
        None => true,
        Some(w) => match super::flags::parse_bool(w) {
            Some(b) => b,
            None => {
                ctx.err(&format!("error: invalid argument {w:?} for \"--wait\" flag: strconv.ParseBool: parsing {w:?}: invalid syntax\nSee 'kubectl delete --help' for usage.\n"));
                return 1;
            }
        },
    };
    let timeout = p
        .value("timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(DEFAULT_WAIT);

    // Which objects.
    let mut targets: Vec<Object> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let scope = match get::scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    if p.has("filename") {
        let sources = match super::apply::read_sources(ctx, p) {
            Ok(s) => s,
            Err(e) => return ctx.fail(&e),
        };
        for (source, text) in sources {
            let parsed = manifest::parse(&text, &source);
            for m in parsed.manifests() {
                let ns = if !m.kind.namespaced() {
                    String::new()
                } else if !m.namespace.is_empty() {
                    m.namespace.clone()
                } else {
                    scope.namespace.clone()
                };
                match ctx.console.engine.get(m.kind, &ns, &m.name) {
                    Ok(o) => targets.push(o),
                    Err(e) => {
                        if !p.flag("ignore-not-found") {
                            errors.push(format!(
                                "Error from server ({}): {}",
                                e.reason(),
                                manifest::report::with_source("deleting", &source, &e)
                            ));
                        }
                    }
                }
            }
            if let Some(c) = parsed.stream_error {
                errors.push(format!("error: {}", c.text));
            }
        }
    } else {
        if p.args.is_empty() {
            ctx.err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
            return 1;
        }
        let resolved = match resources::resolve(&p.args) {
            Ok(r) => r,
            Err(e) => return ctx.fail(&e),
        };
        let all = p.flag("all");
        for r in &resolved.requests {
            if r.names.is_empty() {
                if !all && scope.selector.is_none() && p.value("field-selector").is_none() {
                    return ctx.fail("resource(s) were provided, but no name was specified");
                }
                targets.extend(resources::list(ctx.console, r.kind, &scope));
            } else {
                let (found, errs) = resources::lookup(ctx.console, r.kind, &r.names, &scope);
                targets.extend(found);
                if !p.flag("ignore-not-found") {
                    errors.extend(errs);
                }
            }
        }
        if targets.is_empty() && errors.is_empty() {
            ctx.out("No resources found\n");
            return 0;
        }
    }
    if let Some("client") | Some("server") = p.value("dry-run") {
        let suffix = if p.value("dry-run") == Some("client") {
            " (dry run)"
        } else {
            " (server dry run)"
        };
        for o in &targets {
            ctx.out(&format!(
                "{} {:?} deleted{suffix}\n",
                o.kind().singular_qualified(),
                o.name()
            ));
        }
        return 0;
    }

    let opts = DeleteOptions {
        grace_period_seconds: grace,
        propagation: cascade,
        uid: None,
    };
    let mut waiting: Vec<(Kind, String, String, String)> = Vec::new();
    for o in &targets {
        let (kind, ns, name, uid) = (
            o.kind(),
            o.namespace().to_string(),
            o.name().to_string(),
            o.meta().uid.clone(),
        );
        match ctx.console.engine.delete(kind, &ns, &name, &opts) {
            Ok(_) => {
                let op = if grace == Some(0) {
                    "force deleted"
                } else {
                    "deleted"
                };
                if p.value("output") == Some("name") {
                    ctx.out(&format!("{}/{name}\n", kind.singular_qualified()));
                } else {
                    ctx.out(&format!("{} {:?} {op}\n", kind.singular_qualified(), name));
                }
                waiting.push((kind, ns, name, uid));
            }
            Err(e) => errors.push(e.kubectl_text()),
        }
    }
    if wait && !waiting.is_empty() {
        let done = ctx.wait_until(timeout, |c| {
            waiting.iter().all(|(k, ns, n, uid)| {
                c.engine
                    .get(*k, ns, n)
                    .map(|o| o.meta().uid != *uid)
                    .unwrap_or(true)
            })
        });
        if !done {
            for (k, ns, n, uid) in &waiting {
                if ctx
                    .console
                    .engine
                    .get(*k, ns, n)
                    .map(|o| o.meta().uid == *uid)
                    .unwrap_or(false)
                {
                    errors.push(format!(
                        "error: timed out waiting for the condition on {}/{n}",
                        k.info().plural
                    ));
                }
            }
        }
    }
    for e in &errors {
        ctx.err(&format!("{e}\n"));
    }
    i32::from(!errors.is_empty())
}
