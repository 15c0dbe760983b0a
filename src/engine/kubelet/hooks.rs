//! Container lifecycle hooks. `postStart` runs as soon as the container has
//! started; when it fails (`FailedPostStartHook`, "PostStartHook failed")
//! the kubelet kills the container, which is then restarted as after a
//! crash. In the console the command runs in the container
//! (`Config::hook_runner`), so what it writes is there afterwards.
//!
//! On the way out (R11.5): before a deleted Pod's
//! containers get SIGTERM, the kubelet runs each one's `preStop` handler,
//! and the time the hook takes comes out of the grace period
//! (`killContainer` in pkg/kubelet/kuberuntime/kuberuntime_container.go).
//! What is left, in whole seconds and never under two
//! (`minimumGracePeriodInSeconds`), is the container's time to stop after
//! SIGTERM before SIGKILL. A hook still running when the grace period ends
//! is abandoned, and the container still gets those two seconds: a
//! `sleep 60` hook under a 30-second grace period holds the Pod in
//! Terminating for 32 seconds. A hook that fails is reported as the
//! Warning event `FailedPreStopHook` with the message `PreStopHook failed`
//! (the kubelet leaves the error out so that secrets do not leak) and the
//! container is stopped all the same.
//!
//! An `exec` handler runs in the container through the console's runner
//! (`Config::hook_runner`, as `kubectl exec` would run it): what it writes
//! stays (a preStop hook's file on the claim is there for the next Pod), its
//! sleeps are its time, a failing command fails it. Without a runner (the
//! engine alone) the command is read instead: its `sleep`s, whether its
//! program exists in the image, whether it ends with a non-zero `exit`. An
//! `httpGet` hook succeeds when the container answers on the port;
//! `sleep: {seconds: N}` waits N seconds; `tcpSocket` is kept by the API for
//! compatibility but is not a handler the kubelet runs, so it fails
//! (`runner.Run`'s "invalid handler").

use super::containers::{exit_code, programs};
use crate::engine::images::ImageSpec;
use crate::engine::objects::pod::Container;
use crate::engine::objects::Value;
use crate::engine::time::SimDuration;

/// The kubelet's `minimumGracePeriodInSeconds`: a container always has
/// this long between SIGTERM and SIGKILL.
pub const MIN_GRACE_SECONDS: u64 = 2;

/// The time an exec hook takes besides what its command waits for.
const EXEC_MS: u64 = 60;
/// An answered HTTP request.
const HTTP_MS: u64 = 15;

/// What running a hook amounts to: how long it takes, and whether it fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HookRun {
    pub ms: u64,
    pub failed: bool,
}

impl HookRun {
    /// When a failed preStop hook is reported (`FailedPreStopHook`): as it
    /// ends, if it ends within the grace period (one cut off is abandoned).
    pub fn failure_reported(self, grace_s: u64) -> Option<SimDuration> {
        (self.failed && grace_s > 0 && self.ms <= grace_s.saturating_mul(1000))
            .then(|| SimDuration::ms(self.ms))
    }
}

/// The container's `lifecycle.preStop` handler, if it has one.
pub fn pre_stop(c: &Container) -> Option<&Value> {
    handler(c, "preStop")
}

/// The container's `lifecycle.postStart` handler, if it has one.
pub fn post_start(c: &Container) -> Option<&Value> {
    handler(c, "postStart")
}

fn handler<'c>(c: &'c Container, hook: &str) -> Option<&'c Value> {
    let h = c.extra.get("lifecycle")?.get(hook)?;
    (!h.is_null()).then_some(h)
}

/// An exec handler's command, if the handler is one.
pub fn exec_command(handler: &Value) -> Option<Vec<String>> {
    let exec = handler.get("exec").filter(|v| !v.is_null())?;
    Some(
        exec.get("command")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// How a handler runs in this container. `warm`: the app answers on its
/// ports.
pub fn run(handler: &Value, c: &Container, image: Option<&ImageSpec>, warm: bool) -> HookRun {
    if let Some(argv) = exec_command(handler) {
        return run_exec(&argv, image);
    }
    if let Some(http) = handler.get("httpGet").filter(|v| !v.is_null()) {
        let port = match http.get("port") {
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(name)) => c
                .ports
                .iter()
                .find(|p| p.name == *name)
                .and_then(|p| u64::try_from(p.container_port).ok()),
            _ => None,
        };
        let answers = warm
            && port.is_some_and(|p| {
                image.is_some_and(|s| s.listens.iter().any(|l| u64::from(*l) == p))
            });
        return HookRun {
            ms: if answers { HTTP_MS } else { 0 },
            failed: !answers,
        };
    }
    if let Some(sleep) = handler.get("sleep").filter(|v| !v.is_null()) {
        let secs = sleep.get("seconds").and_then(Value::as_i64).unwrap_or(0);
        return HookRun {
            ms: secs.max(0) as u64 * 1000,
            failed: false,
        };
    }
    // tcpSocket, or no handler at all.
    HookRun {
        ms: 0,
        failed: true,
    }
}

/// An exec hook: the container's runtime starts the command and waits for
/// it. A program the image does not carry fails at once (exit 127).
fn run_exec(argv: &[String], image: Option<&ImageSpec>) -> HookRun {
    let script = argv.join(" ");
    let progs = programs(&script);
    let missing = progs.iter().any(|p| match *p {
        "curl" => image.is_some_and(|s| !s.has_curl),
        "wget" => image.is_some_and(|s| !s.has_wget),
        _ => false,
    });
    if argv.is_empty() || missing {
        return HookRun {
            ms: EXEC_MS,
            failed: true,
        };
    }
    let failed = exit_code(&script).is_some_and(|c| c != 0) || progs.last() == Some(&"false");
    HookRun {
        ms: EXEC_MS.saturating_add(sleeps_ms(&script)),
        failed,
    }
}

/// What the `sleep`s of a command add up to (`sleep infinity` never ends).
fn sleeps_ms(script: &str) -> u64 {
    let words: Vec<&str> = script
        .split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '"' | '\''))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[0].rsplit('/').next() == Some("sleep"))
        .map(|w| match w[1] {
            "infinity" | "inf" => u64::MAX,
            arg => SimDuration::parse(arg).map_or(0, |d| d.as_ms()),
        })
        .fold(0u64, u64::saturating_add)
}

/// Whether a container's PID 1 stops promptly on SIGTERM. The image's own
/// program decides (nginx and the databases do; a busybox shell does not),
/// unless the command makes `sleep` or `tail` PID 1: they install no
/// handler, and PID 1 ignores the signals it does not handle, so such a
/// container is killed when the grace period ends. A shell script that
/// traps TERM handles it.
pub fn handles_sigterm(c: Option<&Container>, image: Option<&ImageSpec>) -> bool {
    let by_image = image.is_none_or(|s| s.handles_sigterm);
    let Some(argv) = c.map(Container::argv).filter(|a| !a.is_empty()) else {
        return by_image;
    };
    let script = argv.join(" ");
    if script.contains("trap ") && (script.contains("TERM") || script.contains(" 15")) {
        return true;
    }
    match programs(&script).last() {
        Some(&("sleep" | "tail")) => false,
        _ => by_image,
    }
}

/// What SIGTERM does to a running container (R11.5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermReply {
    /// It stops by itself (else it runs on until SIGKILL).
    pub stops: bool,
    /// Its exit code when it stops by itself.
    pub code: i64,
    /// Time its handler waits on top of a prompt stop (a trap's `sleep`).
    pub after_ms: u64,
    /// What its handler prints.
    pub log: String,
}

/// What SIGTERM does to a container: a shell script still running as
/// PID 1 follows its TERM trap (`on_term`, from the console's runner): no
/// trap or `trap '' TERM` leaves it running until SIGKILL, a handler that
/// exits gives its code. Otherwise the program decides (`handles_sigterm`):
/// it exits 0 or runs on.
pub fn term_reply(
    on_term: Option<&crate::engine::OnTerm>,
    c: Option<&Container>,
    image: Option<&ImageSpec>,
) -> TermReply {
    use crate::engine::OnTerm;
    let runs_on = |log: &str| TermReply {
        stops: false,
        code: 137,
        after_ms: 0,
        log: log.to_string(),
    };
    match on_term {
        Some(OnTerm::Untrapped) => runs_on(""),
        Some(OnTerm::Ignored { log }) => runs_on(log),
        Some(OnTerm::Exits {
            code,
            log,
            after_ms,
        }) => TermReply {
            stops: true,
            code: *code,
            after_ms: *after_ms,
            log: log.clone(),
        },
        None if handles_sigterm(c, image) => TermReply {
            stops: true,
            code: 0,
            after_ms: 0,
            log: String::new(),
        },
        None => runs_on(""),
    }
}

/// How long after the deletion a running container has stopped, and
/// whether it was killed: the hook's time (at most the grace period), then
/// SIGTERM. A process that stops on SIGTERM takes `quick_ms` (bounded by
/// what is left); one that does not is killed when the rest runs out.
pub fn stop_after(
    grace_s: u64,
    hook: Option<HookRun>,
    handles_sigterm: bool,
    quick_ms: u64,
) -> (SimDuration, bool) {
    let grace_ms = grace_s.saturating_mul(1000);
    let hook_ms = match hook {
        Some(h) if grace_s > 0 => h.ms.min(grace_ms),
        _ => 0,
    };
    // The kubelet counts the hook in whole seconds, rounded down.
    let left_s = grace_s
        .saturating_sub(hook_ms / 1000)
        .max(MIN_GRACE_SECONDS);
    // A handler that takes longer than what is left is cut short.
    let killed = !handles_sigterm || quick_ms > left_s * 1000;
    let stop_ms = if killed { left_s * 1000 } else { quick_ms };
    (SimDuration::ms(hook_ms + stop_ms), killed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::images::CATALOGUE;

    fn container(lifecycle: &str) -> Container {
        let yaml = format!("{{\"name\":\"c\",\"image\":\"nginx\",\"ports\":[{{\"name\":\"web\",\"containerPort\":80}}],\"lifecycle\":{lifecycle}}}");
        serde_json::from_str(&yaml).unwrap()
    }

    fn nginx() -> &'static ImageSpec {
        CATALOGUE
            .iter()
            .find(|s| s.repos.contains(&"docker.io/library/nginx"))
            .unwrap()
    }

    fn busybox() -> &'static ImageSpec {
        CATALOGUE
            .iter()
            .find(|s| s.repos.contains(&"docker.io/library/busybox"))
            .unwrap()
    }

    fn hook_of(lifecycle: &str, image: &ImageSpec, warm: bool) -> HookRun {
        let c = container(lifecycle);
        run(pre_stop(&c).unwrap(), &c, Some(image), warm)
    }

    #[test]
    fn r11_5_exec_hooks_take_their_sleeps() {
        let h = hook_of(
            r#"{"preStop":{"exec":{"command":["/bin/sh","-c","sleep 10"]}}}"#,
            nginx(),
            true,
        );
        assert_eq!(
            h,
            HookRun {
                ms: 10_060,
                failed: false
            }
        );
        let h = hook_of(
            r#"{"preStop":{"exec":{"command":["sh","-c","sleep 5; echo bye; sleep 2s"]}}}"#,
            nginx(),
            true,
        );
        assert_eq!(h.ms, 7_060);
        let h = hook_of(
            r#"{"preStop":{"exec":{"command":["sleep","infinity"]}}}"#,
            nginx(),
            true,
        );
        assert_eq!(h.ms, u64::MAX);
        // `nginx -s quit` asks nginx to stop: a quick, successful hook.
        let h = hook_of(
            r#"{"preStop":{"exec":{"command":["/usr/sbin/nginx","-s","quit"]}}}"#,
            nginx(),
            true,
        );
        assert_eq!(
            h,
            HookRun {
                ms: EXEC_MS,
                failed: false
            }
        );
    }

    #[test]
    fn r11_5_exec_hooks_fail_on_missing_programs_and_non_zero_exits() {
        // The nginx image has curl, busybox has none (only wget).
        let curl = r#"{"preStop":{"exec":{"command":["sh","-c","curl -s localhost/drain"]}}}"#;
        assert!(!hook_of(curl, nginx(), true).failed);
        assert!(hook_of(curl, busybox(), true).failed);
        let exit = r#"{"preStop":{"exec":{"command":["sh","-c","sleep 3; exit 1"]}}}"#;
        assert_eq!(
            hook_of(exit, busybox(), true),
            HookRun {
                ms: 3_060,
                failed: true
            }
        );
        assert!(
            !hook_of(
                r#"{"preStop":{"exec":{"command":["sh","-c","exit 0"]}}}"#,
                busybox(),
                true
            )
            .failed
        );
    }

    #[test]
    fn r11_5_http_get_hooks_need_the_app_to_answer() {
        let by_number = r#"{"preStop":{"httpGet":{"path":"/drain","port":80}}}"#;
        let by_name = r#"{"preStop":{"httpGet":{"path":"/drain","port":"web"}}}"#;
        let elsewhere = r#"{"preStop":{"httpGet":{"path":"/drain","port":8080}}}"#;
        assert!(!hook_of(by_number, nginx(), true).failed);
        assert!(!hook_of(by_name, nginx(), true).failed);
        assert!(hook_of(elsewhere, nginx(), true).failed);
        // Not answering yet (still warming up): connection refused.
        assert!(hook_of(by_number, nginx(), false).failed);
    }

    #[test]
    fn r11_5_sleep_and_tcp_socket_handlers() {
        let h = hook_of(r#"{"preStop":{"sleep":{"seconds":15}}}"#, nginx(), true);
        assert_eq!(
            h,
            HookRun {
                ms: 15_000,
                failed: false
            }
        );
        let h = hook_of(r#"{"preStop":{"tcpSocket":{"port":80}}}"#, nginx(), true);
        assert!(h.failed);
        assert!(pre_stop(&container(r#"{"postStart":{"sleep":{"seconds":1}}}"#)).is_none());
    }

    #[test]
    fn r11_5_sleep_as_pid_1_ignores_sigterm_unless_a_script_traps_it() {
        let with = |cmd: &str| -> Container {
            serde_json::from_str(&format!("{{\"name\":\"c\",\"image\":\"nginx\",{cmd}}}")).unwrap()
        };
        assert!(handles_sigterm(Some(&with(r#""ports":[]"#)), Some(nginx())));
        assert!(!handles_sigterm(
            Some(&with(r#""command":["sleep","infinity"]"#)),
            Some(nginx())
        ));
        // The entrypoint runs what `args` names.
        assert!(!handles_sigterm(
            Some(&with(r#""args":["tail","-f","/dev/null"]"#)),
            Some(nginx())
        ));
        assert!(handles_sigterm(
            Some(&with(r#""args":["nginx","-g","daemon off;"]"#)),
            Some(nginx())
        ));
        assert!(!handles_sigterm(
            Some(&with(r#""command":["sh","-c","sleep 3600"]"#)),
            Some(busybox())
        ));
        assert!(handles_sigterm(
            Some(&with(
                r#""command":["sh","-c","trap 'exit 0' TERM; while true; do sleep 1; done"]"#
            )),
            Some(busybox())
        ));
    }

    #[test]
    fn r11_5_the_hook_comes_out_of_the_grace_period() {
        let ok = |ms| Some(HookRun { ms, failed: false });
        // No hook: a process that handles SIGTERM stops quickly, one that
        // does not is killed when the grace period ends.
        assert_eq!(
            stop_after(30, None, true, 400),
            (SimDuration::ms(400), false)
        );
        assert_eq!(
            stop_after(30, None, false, 400),
            (SimDuration::secs(30), true)
        );
        // A 10 s hook, then SIGTERM.
        assert_eq!(
            stop_after(30, ok(10_060), true, 400),
            (SimDuration::ms(10_460), false)
        );
        // The hook leaves 20 whole seconds; a process ignoring SIGTERM is
        // killed at 10.06 + 20 s.
        assert_eq!(
            stop_after(30, ok(10_060), false, 400),
            (SimDuration::ms(30_060), true)
        );
        // A hook longer than the grace period is cut off; two more seconds.
        assert_eq!(
            stop_after(30, ok(u64::MAX), false, 400),
            (SimDuration::secs(32), true)
        );
        // The minimum of two seconds also holds without a hook.
        assert_eq!(
            stop_after(1, None, false, 400),
            (SimDuration::secs(2), true)
        );
        // With no grace period the hook is not run.
        assert_eq!(
            stop_after(0, ok(10_000), true, 400),
            (SimDuration::ms(400), false)
        );
    }
}
