//! `kubectl attach` (kubectl 1.35's pkg/cmd/attach), and the attach
//! session `kubectl debug` opens after it: to the main process of a running
//! container. Its shell takes the console when the console is a terminal
//! (`-i -t`); in a script the shell reads the command's input, then
//! end-of-file, and exits (as `kubectl run -i` has it); another process's
//! output is shown until it ends. When the terminal was raw, kubectl says
//! how to reattach (`reattachMessage`).
//!
//! kubectl stays attached to a process that does not end until Ctrl-C; a
//! console cannot be interrupted, so Ordinal leaves after `STAY` of
//! simulated time and says so.

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::console::container;
use crate::console::session::{AttachEnd, SessionEnd};
use crate::engine::objects::Pod;
use crate::engine::SimDuration;

/// `kubectl attach --help`, as kubectl 1.33–1.35 print it.
pub const HELP: &str = include_str!("help.txt");

pub const ATTACH_FLAGS: &[Flag] = &[
    v("container", Some('c')),
    v("pod-running-timeout", None),
    b("quiet", Some('q')),
    b("stdin", Some('i')),
    b("tty", Some('t')),
];

/// How long Ordinal stays attached to a process that goes on.
const STAY: SimDuration = SimDuration::secs(60);

/// The streams of one attach session.
#[derive(Clone, Copy, Debug)]
pub(super) struct Streams {
    pub stdin: bool,
    pub tty: bool,
    pub quiet: bool,
}

/// `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q]`.
pub fn attach(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let target = match p.args.as_slice() {
        [] => return ctx.fail("at least 1 argument is required for attach"),
        [one] => one.clone(),
        [ty, name] => format!("{ty}/{name}"),
        more => {
            return ctx.fail(&format!(
                "expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw {}: [{}]",
                more.len(),
                more.join(" ")
            ))
        }
    };
    let pod = match super::exec::pod_of(ctx, &ns, &target) {
        Ok(p) => p,
        Err(e) => {
            let e = if e.starts_with("Error from server") {
                e
            } else {
                format!("error: {e}")
            };
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    };
    let Some(po) = ctx.console.engine.store().pods.get(&ns, &pod).cloned() else {
        ctx.err(&format!(
            "Error from server (NotFound): pods {pod:?} not found\n"
        ));
        return 1;
    };
    if po.is_terminal() {
        return ctx.fail(&format!(
            "cannot attach a container in a completed pod; current phase is {}",
            po.status.phase
        ));
    }
    let quiet = p.flag("quiet");
    // `podcmd.FindOrDefaultContainerByName`.
    let name = match p.value("container") {
        Some(c) => {
            if po.spec.container(c).is_none() {
                return ctx.fail(&format!(
                    "cannot attach to the container: container {c} not found in pod {pod}"
                ));
            }
            c.to_string()
        }
        None => {
            let (name, notice) = container::default_container(&po);
            if let (Some(n), false) = (notice, quiet) {
                ctx.err(&n);
            }
            match name {
                Some(n) => n,
                None => {
                    return ctx.fail(&format!(
                    "cannot attach to the container: pod {ns}/{pod} does not have any containers"
                ))
                }
            }
        }
    };
    let stdin = p.flag("stdin");
    // The container decides whether there is a terminal.
    let allocated = po
        .spec
        .container(&name)
        .is_some_and(|c| c.extra.get("tty") == Some(&serde_json::Value::Bool(true)));
    let mut tty = p.flag("tty");
    if tty && !allocated {
        tty = false;
        if !quiet {
            ctx.err(&format!(
                "error: Unable to use a TTY - container {name} did not allocate one\n"
            ));
        }
    } else if !tty && allocated {
        tty = true;
    }
    session(ctx, Streams { stdin, tty, quiet }, &po, &name, false)
}

/// The container's log as the kubelet serves it now.
pub(super) fn print_log(ctx: &mut Ctx, ns: &str, pod: &str, name: &str) {
    for l in log_lines(ctx, ns, pod, name) {
        ctx.out(&format!("{l}\n"));
    }
}

fn log_lines(ctx: &Ctx, ns: &str, pod: &str, name: &str) -> Vec<String> {
    ctx.console
        .engine
        .pod_runtime(ns, pod)
        .and_then(|rt| rt.find(name).and_then(|c| rt.ctr(c)))
        .map(|c| c.current_log())
        .unwrap_or_default()
}

/// Whether the container's main process runs now.
fn running(ctx: &Ctx, ns: &str, pod: &str, name: &str) -> bool {
    ctx.console
        .engine
        .pod_runtime(ns, pod)
        .and_then(|rt| rt.find(name).and_then(|c| rt.ctr(c)))
        .is_some_and(|c| matches!(c.state, crate::engine::kubelet::CState::Running { .. }))
}

/// attach.go `Run` once the Pod and container are known: the terminal,
/// the banner, the session, the reattach hint. Returns kubectl's status.
/// `from_start`: the process has just started (`kubectl debug`), so all it
/// printed is shown; otherwise only what it prints from now on.
pub(super) fn session(ctx: &mut Ctx, s: Streams, p: &Pod, name: &str, from_start: bool) -> i32 {
    let (ns, pod) = (
        p.metadata.namespace.to_string(),
        p.metadata.name.to_string(),
    );
    let (argv, image) = p
        .spec
        .container(name)
        .map(|c| (c.argv(), c.image.to_string()))
        .unwrap_or_default();
    // `SetupTTY`: a terminal is the console's, unless input was redirected.
    let terminal = ctx.stdin.is_none();
    if s.tty && s.stdin && !terminal && !s.quiet {
        ctx.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
    }
    let raw = s.tty && s.stdin && terminal;
    if !s.quiet {
        ctx.err(container::ATTACH_BANNER);
    }
    if !running(ctx, &ns, &pod, name) {
        return ctx.fail(&format!(
            "unable to upgrade connection: container not found ({name:?})"
        ));
    }
    if s.stdin && super::exec::runs_a_shell(&argv, &image) {
        let argv = if argv.is_empty() {
            vec!["sh".to_string()]
        } else {
            argv
        };
        if raw && ctx.console.interactive {
            // The console is a terminal: the shell takes it over.
            let end = SessionEnd::Attach(AttachEnd { quiet: s.quiet });
            return ctx
                .console
                .attach(&ns, &pod, Some(name), &argv, ctx.io, end);
        }
        // A script: the shell reads what the command was given, then
        // end-of-file, and exits (and the container's process with it).
        let input = ctx.stdin.unwrap_or("").to_string();
        let mut status = 0;
        if !input.is_empty() {
            status =
                super::exec::shell_reads_input(ctx, &ns, &pod, Some(name), &argv, &input, s.tty);
        }
        let _ = ctx
            .console
            .engine
            .inject(crate::engine::faults::Fault::KillMain {
                pod: (ns.clone(), pod.clone()),
                container: Some(name.to_string()),
                code: i64::from(status),
            });
    } else {
        // Its output, until it ends.
        let seen = if from_start {
            0
        } else {
            log_lines(ctx, &ns, &pod, name).len()
        };
        let ended = ctx.wait_until(STAY, |c| {
            c.engine
                .pod_runtime(&ns, &pod)
                .and_then(|rt| rt.find(name).and_then(|x| rt.ctr(x)))
                .is_none_or(|x| !matches!(x.state, crate::engine::kubelet::CState::Running { .. }))
        });
        for l in log_lines(ctx, &ns, &pod, name).into_iter().skip(seen) {
            ctx.out(&format!("{l}\n"));
        }
        if !ended {
            ctx.err(&format!(
                "kubectl: left the session with container {name:?} still running after {STAY} (kubectl stays attached until Ctrl-C)\n"
            ));
            return 1;
        }
    }
    if raw {
        if let Some(p) = ctx.console.engine.store().pods.get(&ns, &pod) {
            if let Some(msg) = container::reattach_message(p, name, s.quiet) {
                ctx.out(&msg);
            }
        }
    }
    0
}
