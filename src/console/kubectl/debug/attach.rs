//! The attach half of `kubectl debug -i`/`--attach` (debug.go
//! `waitForContainer`, `handleAttachPod`, then attach.go `Run`): wait for
//! the debug container to run, warning of every waiting message on the
//! way (`Warning: container NAME: MESSAGE`); if it has already finished,
//! print its log instead; otherwise attach as `kubectl attach` does
//! (`kubectl::attach::session`).
//!
//! kubectl waits for the container without a limit (until Ctrl-C). A
//! console cannot be interrupted, so Ordinal stops after `PATIENCE` of
//! simulated time, or at once when the Pod will never start it (it has
//! finished), and says so.

use super::super::Ctx;
use super::options::Options;
use crate::engine::objects::pod::ContainerStatus;
use crate::engine::objects::Pod;
use crate::engine::SimDuration;

/// How long Ordinal waits for a debug container to start.
const PATIENCE: SimDuration = SimDuration::secs(60);

/// The status of a container of any of the Pod's three lists
/// (`getContainerStatusByName`).
fn status_of<'a>(pod: &'a Pod, name: &str) -> Option<&'a ContainerStatus> {
    pod.status
        .init_container_statuses
        .iter()
        .chain(pod.status.container_statuses.iter())
        .chain(pod.status.ephemeral_container_statuses.iter())
        .find(|s| s.name == name)
}

/// How the wait for the container ended.
enum Waited {
    /// Running or terminated: kubectl goes on.
    Ready,
    /// The Pod was deleted meanwhile.
    Gone,
    /// Ordinal stopped waiting.
    GaveUp,
}

/// `waitForContainer`: until the container runs or has terminated. Each
/// new waiting message is printed as kubectl's warning printer does.
fn wait_for_container(ctx: &mut Ctx, o: &Options, ns: &str, pod: &str, name: &str) -> Waited {
    let deadline = ctx.now() + PATIENCE;
    let mut last: Option<String> = None;
    loop {
        let Some(p) = ctx.console.engine.store().pods.get(ns, pod).cloned() else {
            return Waited::Gone;
        };
        if let Some(st) = status_of(&p, name) {
            if st.state.running.is_some() || st.state.terminated.is_some() {
                return Waited::Ready;
            }
            let msg = st
                .state
                .waiting
                .as_ref()
                .map(|w| w.message.to_string())
                .filter(|m| !m.is_empty());
            if let Some(m) = msg {
                if last.as_deref() != Some(m.as_str()) {
                    if !o.quiet {
                        ctx.err(&format!("Warning: container {name}: {m}\n"));
                    }
                    last = Some(m);
                }
            }
        }
        // A finished Pod's kubelet starts nothing more.
        if p.is_terminal() || ctx.now() >= deadline {
            return Waited::GaveUp;
        }
        let next = ctx
            .console
            .engine
            .next_wakeup()
            .filter(|t| *t <= deadline)
            .unwrap_or(deadline);
        ctx.console.engine.advance_to(next);
    }
}

/// `handleAttachPod`. Returns kubectl's exit status.
pub(super) fn attach(ctx: &mut Ctx, o: &Options, ns: &str, pod: &str, name: &str) -> i32 {
    match wait_for_container(ctx, o, ns, pod, name) {
        Waited::Ready => {}
        Waited::Gone => {
            ctx.err("Error from server (NotFound): pods \"\" not found\n");
            return 1;
        }
        Waited::GaveUp => {
            ctx.err(&format!(
                "kubectl debug: stopped waiting for container {name:?} of pod {ns}/{pod} to start (kubectl would wait until Ctrl-C)\n"
            ));
            return 1;
        }
    }
    let Some(p) = ctx.console.engine.store().pods.get(ns, pod).cloned() else {
        return 0;
    };
    if status_of(&p, name).is_some_and(|s| s.state.terminated.is_some()) {
        // "Ephemeral container terminated, falling back to logs".
        super::super::attach::print_log(ctx, ns, pod, name);
        return 0;
    }
    let streams = super::super::attach::Streams {
        stdin: o.interactive,
        tty: o.tty,
        quiet: o.quiet,
    };
    super::super::attach::session(ctx, streams, &p, name, true)
}
