//! `kubectl rollout status|history|undo|restart` (R4.15–R4.17, R10.9), and
//! the refusal to pause or resume a StatefulSet.

use super::flags::{b, v, Flag, Parsed};
use super::{resources, Ctx, DEFAULT_WAIT};
use crate::console::printers;
use crate::engine::objects::{Kind, Object, StatefulSet};
use crate::engine::SimDuration;

pub const ROLLOUT_FLAGS: &[Flag] = &[
    b("watch", Some('w')),
    v("timeout", None),
    v("revision", None),
    v("to-revision", None),
    v("output", Some('o')),
    v("dry-run", None),
    v("selector", Some('l')),
    v("filename", Some('f')),
];

fn target(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> Result<Object, i32> {
    let resolved = match resources::resolve(args) {
        Ok(r) => r,
        Err(e) => return Err(ctx.fail(&e)),
    };
    let Some(r) = resolved.requests.first() else {
        return Err(ctx.fail("required resource not specified"));
    };
    let Some(name) = r.names.first() else {
        return Err(ctx.fail("required resource name not specified"));
    };
    let ns = if r.kind.namespaced() {
        ctx.namespace(p)
    } else {
        String::new()
    };
    ctx.console.engine.get(r.kind, &ns, name).map_err(|e| {
        ctx.err(&format!("{}\n", e.kubectl_text()));
        1
    })
}

pub fn rollout(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let Some(sub) = p.args.first().cloned() else {
        ctx.out("Manage the rollout of one or many resources.\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n");
        return 0;
    };
    let rest: Vec<String> = p.args[1..].to_vec();
    match sub.as_str() {
        "status" => status(ctx, p, &rest),
        "history" => history(ctx, p, &rest),
        "undo" => undo(ctx, p, &rest),
        "restart" => restart(ctx, p, &rest),
        "pause" | "resume" => {
            let obj = match target(ctx, p, &rest) {
                Ok(o) => o,
                Err(c) => return c,
            };
            let what = if sub == "pause" {
                "pausing"
            } else {
                "resuming"
            };
            ctx.fail(&format!(
                "{} {:?} {what} is not supported",
                obj.kind().resource_name(),
                obj.name()
            ))
        }
        other => {
            ctx.err(&format!(
                "error: unknown command {other:?} for \"kubectl rollout\"\n"
            ));
            1
        }
    }
}

fn status(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
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
    let mut last = String::new();
    loop {
        let Ok(cur) = ctx.console.engine.get(kind, &ns, &name) else {
            ctx.err(&format!(
                "Error from server (NotFound): {} {name:?} not found\n",
                kind.resource_name()
            ));
            return 1;
        };
        match printers::rollout_status(&cur) {
            Err(e) => return ctx.fail(&e),
            Ok(st) => {
                if st.message != last {
                    ctx.out(&st.message);
                    last = st.message.clone();
                }
                if st.done || !watch {
                    return 0;
                }
            }
        }
        match ctx.console.engine.next_wakeup() {
            Some(t) if t <= deadline => ctx.console.engine.advance_to(t),
            Some(_) => {
                ctx.console.engine.advance_to(deadline);
                return ctx.fail("timed out waiting for the condition");
            }
            None => return ctx.fail("timed out waiting for the condition"),
        }
    }
}

fn history(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let revision = p
        .value("revision")
        .and_then(|r| r.parse::<i64>().ok())
        .unwrap_or(0);
    match printers::rollout_history(&ctx.console.engine, &obj, revision) {
        Ok(text) => {
            ctx.out(&text);
            0
        }
        Err(e) => ctx.fail(&e),
    }
}

fn undo(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let Some(set) = obj.downcast::<StatefulSet>().cloned() else {
        return ctx.fail(&format!(
            "no rollbacker has been implemented for {:?}",
            obj.kind().qualified_kind()
        ));
    };
    let to = p
        .value("to-revision")
        .and_then(|r| r.parse::<i64>().ok())
        .unwrap_or(0);
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
    let current = crate::engine::controller::statefulset::revision::revision_data(&set);
    if current == rev.data {
        ctx.out(&format!(
            "statefulset.apps/{} skipped rollback (current template already matches revision {})\n",
            set.metadata.name, rev.revision
        ));
        return 0;
    }
    let mut s = (*set).clone();
    s.spec.template = template;
    s.metadata.resource_version.clear();
    match ctx
        .console
        .engine
        .update(Object::StatefulSet(std::rc::Rc::new(s)))
    {
        Ok(_) => {
            ctx.out(&format!(
                "statefulset.apps/{} rolled back\n",
                set.metadata.name
            ));
            0
        }
        Err(e) => {
            ctx.err(&format!("{}\n", e.kubectl_text()));
            1
        }
    }
}

fn restart(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    let obj = match target(ctx, p, args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    if !matches!(
        obj.kind(),
        Kind::StatefulSet | Kind::Deployment | Kind::DaemonSet
    ) {
        return ctx.fail(&format!(
            "restarting is not supported for {}",
            obj.kind().info().plural
        ));
    }
    let now = ctx.now().rfc3339();
    let Some(set) = obj.downcast::<StatefulSet>().cloned() else {
        return ctx.fail("Ordinal restarts StatefulSets only");
    };
    let mut s = (*set).clone();
    s.spec
        .template
        .metadata
        .annotations
        .insert("kubectl.kubernetes.io/restartedAt".into(), now);
    s.metadata.resource_version.clear();
    match ctx
        .console
        .engine
        .update(Object::StatefulSet(std::rc::Rc::new(s)))
    {
        Ok(_) => {
            ctx.out(&format!(
                "statefulset.apps/{} restarted\n",
                set.metadata.name
            ));
            0
        }
        Err(e) => {
            ctx.err(&format!("{}\n", e.kubectl_text()));
            1
        }
    }
}
