//! `kubectl exec`: the checks kubectl, the API server and the kubelet make
//! before a command runs (with their exact messages and exit codes), then
//! the command itself in the container, and kubectl's report of a non-zero
//! exit. Also the one-shot main processes the kubelet runs
//! (`kubectl run … -- nslookup web-0.nginx`) and kubectl's attach texts.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::session::DnsTrace;
use crate::console::sh::{Io, Stream};
use crate::engine::kubelet::CState;
use crate::engine::store::Key;
use crate::engine::{Engine, ProcessOutcome, SimDuration};

use super::host::{ContainerHost, MAX_WAIT};

/// One `kubectl exec POD [-c C] [-i] [-t] -- ARGV…`.
#[derive(Clone, Copy, Debug)]
pub struct ExecRequest<'a> {
    pub namespace: &'a str,
    pub pod: &'a str,
    /// `-c NAME`; None picks the default container.
    pub container: Option<&'a str>,
    pub argv: &'a [String],
    /// What `-i` passes to the command (None: no stdin).
    pub stdin: Option<&'a str>,
    /// `-t`: a terminal; the command's stderr arrives on stdout.
    pub tty: bool,
    /// `-q`: no `Defaulted container …` notice.
    pub quiet: bool,
}

/// `kubectl exec` without a terminal. Returns kubectl's exit status.
#[allow(clippy::too_many_arguments)]
pub fn exec(
    engine: &mut Engine,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
    argv: &[String],
    stdin: Option<&str>,
    io: &mut Io,
    traces: &mut Vec<DnsTrace>,
) -> i32 {
    let req = ExecRequest {
        namespace,
        pod,
        container,
        argv,
        stdin,
        tty: false,
        quiet: false,
    };
    exec_with(engine, &req, io, traces)
}

/// The container kubectl picks when `-c` is not given, and the notice it
/// prints when there was a choice (`podcmd.FindOrDefaultContainerByName`).
/// The address of the Pod's node when its kubelet does not answer (the
/// node is down): the API server cannot proxy `exec`, `attach` or `logs`
/// to it (port 10250).
pub fn kubelet_unreachable(engine: &Engine, pod: &crate::engine::objects::Pod) -> Option<String> {
    let node = pod.spec.node_name.as_str();
    if !engine.faults.node_down(node) {
        return None;
    }
    let ip = engine.store().nodes.get("", node).map(|n| n.internal_ip());
    Some(ip.unwrap_or_default().to_string())
}

pub fn default_container(pod: &crate::engine::objects::Pod) -> (Option<String>, Option<String>) {
    let spec = &pod.spec;
    let Some(first) = spec.containers.first() else {
        return (None, None);
    };
    if let Some(name) = pod
        .metadata
        .annotations
        .get("kubectl.kubernetes.io/default-container")
    {
        if spec.container(name).is_some() {
            return (Some(name.to_string()), None);
        }
    }
    let notice = if spec.containers.len() > 1
        || !spec.init_containers.is_empty()
        || !spec.ephemeral_containers.is_empty()
    {
        // `podcmd.AllContainerNames`: containers, ephemeral, then init.
        let mut names: Vec<String> = spec.containers.iter().map(|c| c.name.to_string()).collect();
        names.extend(
            spec.ephemeral_containers
                .iter()
                .map(|c| format!("{} (ephem)", c.name)),
        );
        names.extend(
            spec.init_containers
                .iter()
                .map(|c| format!("{} (init)", c.name)),
        );
        Some(format!(
            "Defaulted container \"{}\" out of: {}\n",
            first.name,
            names.join(", ")
        ))
    } else {
        None
    };
    (Some(first.name.to_string()), notice)
}

/// `kubectl exec` with all its options. Returns kubectl's exit status.
pub fn exec_with(
    engine: &mut Engine,
    req: &ExecRequest<'_>,
    io: &mut Io,
    traces: &mut Vec<DnsTrace>,
) -> i32 {
    exec_routed(engine, req, io, None, traces)
}

/// `kubectl exec` whose command's streams (and the notice kubectl writes
/// to the command's stderr) go to `command` when given, apart from
/// kubectl's own errors: `kubectl cp` reads the archive from one and sends
/// the other to its stdout (cp.go `TarPipe`).
pub(crate) fn exec_routed(
    engine: &mut Engine,
    req: &ExecRequest<'_>,
    io: &mut Io,
    mut command: Option<&mut Io>,
    traces: &mut Vec<DnsTrace>,
) -> i32 {
    let mut to_command = |io: &mut Io, stream: Stream, text: &str| match command.as_deref_mut() {
        Some(c) => c.write(stream, text),
        None => io.write(stream, text),
    };
    let Some(pod) = engine.store().pods.get(req.namespace, req.pod).cloned() else {
        io.err(&format!(
            "Error from server (NotFound): pods \"{}\" not found\n",
            req.pod
        ));
        return 1;
    };
    if req.argv.is_empty() {
        io.err("error: you must specify at least one command for the container\n");
        return 1;
    }
    let phase = pod.status.phase.as_str();
    if phase == "Succeeded" || phase == "Failed" {
        io.err(&format!(
            "error: cannot exec into a container in a completed pod; current phase is {phase}\n"
        ));
        return 1;
    }
    let container = match req.container {
        Some(c) => {
            let known = pod.spec.container(c).is_some();
            if !known {
                io.err(&format!(
                    "Error from server (BadRequest): container {c} is not valid for pod {}\n",
                    req.pod
                ));
                return 1;
            }
            c.to_string()
        }
        None => {
            let (name, notice) = default_container(&pod);
            let Some(name) = name else {
                io.err(&format!(
                    "error: pod {}/{} does not have any containers\n",
                    req.namespace, req.pod
                ));
                return 1;
            };
            if let (Some(n), false) = (notice, req.quiet) {
                to_command(io, Stream::Stderr, &n);
            }
            name
        }
    };
    if pod.spec.node_name.is_empty() {
        io.err(&format!(
            "Error from server (BadRequest): pod {} does not have a host assigned\n",
            req.pod
        ));
        return 1;
    }
    if let Some(ip) = kubelet_unreachable(engine, &pod) {
        io.err(&format!(
            "Error from server: error dialing backend: dial tcp {ip}:10250: connect: no route to host\n"
        ));
        return 1;
    }
    let running = engine
        .pod_runtime(req.namespace, req.pod)
        .and_then(|rt| rt.find(&container).and_then(|c| rt.ctr(c)))
        .is_some_and(|c| matches!(c.state, CState::Running { .. }));
    if !running {
        io.err(&format!(
            "error: unable to upgrade connection: container not found (\"{container}\")\n"
        ));
        return 1;
    }
    let exec_id = crate::engine::kubelet::status::hex64(&format!(
        "exec|{}|{}|{}|{}",
        req.namespace,
        req.pod,
        engine.now().as_ms(),
        req.argv.join(" ")
    ));
    let Some(host) = ContainerHost::new(engine, req.namespace, req.pod, &container, traces) else {
        io.err(&format!(
            "error: unable to upgrade connection: container not found (\"{container}\")\n"
        ));
        return 1;
    };
    let mut host = host.with_tty(req.tty);
    let mut out = Io::new();
    let result = host.run_argv(req.argv, req.stdin, &mut out);
    let killed = host.interrupted();
    // With a terminal both streams share it.
    for (stream, text) in out.into_chunks() {
        let s = if req.tty { Stream::Stdout } else { stream };
        to_command(io, s, &text);
    }
    let status = match result {
        Err(msg) => {
            io.err(&format!(
                "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{exec_id}\": OCI runtime exec failed: exec failed: unable to start container process: {msg}\n"
            ));
            return 1;
        }
        Ok(_) if killed => 137,
        Ok(s) => s,
    };
    if status != 0 {
        io.err(&format!("command terminated with exit code {status}\n"));
    }
    status
}

/// Runs a one-shot main process (`kubectl run t --image=busybox:1.28
/// --restart=Never -- nslookup web-0.nginx`) on a copy of the engine and
/// returns its exit code and output (stdout and stderr as the container
/// log interleaves them). Writes and waits are not kept: the kubelet only
/// needs the output and the status.
pub fn run_main_process(
    engine: &Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
) -> (i64, String) {
    let (code, out, _) = run_main_process_traced(engine, pod, container, argv);
    (code, out)
}

/// The kubelet's runner (`engine::config::ProcessRunner`): runs a main
/// process on the engine itself, with a clock that does not move (the
/// kubelet schedules its exit after the time it waited), so its writes stay
/// in the container's volumes and layer. A script that reaches a program
/// serving until stopped (`exec ncat --listen …`) serves; one still waiting
/// when `budget` of simulated time has passed is `Waiting` (the kubelet
/// looks again as the cluster changes). Otherwise it exits after the time
/// its commands waited.
pub fn run_main_process_outcome(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
    budget: SimDuration,
) -> ProcessOutcome {
    outcome(run_on(engine, pod, container, argv, budget, true), budget)
}

/// The kubelet's runner for a container's lifecycle hook (`exec` handler):
/// the command runs in the container as `kubectl exec` runs one (not as
/// its main process), on the engine itself so that what it writes stays
/// (the lifecycle tutorial's `/usr/share/message`); its sleeps count
/// towards the hook's time without moving the clock. A program the image
/// does not have fails the hook (status 126/127, or 128 when the runtime
/// cannot start it).
pub fn run_hook_outcome(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
    budget: SimDuration,
) -> ProcessOutcome {
    outcome(run_on(engine, pod, container, argv, budget, false), budget)
}

/// What the kubelet is told of a run: serving, still waiting when its
/// budget ran out, or exited after the time it waited.
fn outcome(r: MainRun, budget: SimDuration) -> ProcessOutcome {
    if r.serving {
        ProcessOutcome::Serve { log: r.log }
    } else if r.waited >= budget.min(MAX_WAIT) {
        ProcessOutcome::Waiting {
            log: r.log,
            on_term: r.on_term,
        }
    } else {
        ProcessOutcome::Exit {
            code: r.code,
            log: r.log,
            after_ms: r.waited.as_ms(),
        }
    }
}

/// `run_main_process` and the DNS lookups the process made, for a console
/// that wants to animate them (the engine's process runner carries no
/// traces). Computing it again gives the same result: it is a pure
/// function of the engine's state.
pub fn run_main_process_traced(
    engine: &Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
) -> (i64, String, Vec<DnsTrace>) {
    let r = run_main(engine, pod, container, argv);
    (r.code, r.log, r.traces)
}

/// What a main process run on a copy of the engine did.
struct MainRun {
    code: i64,
    log: String,
    traces: Vec<DnsTrace>,
    waited: SimDuration,
    serving: bool,
    /// The main process is a shell still running: what SIGTERM does to it.
    on_term: Option<crate::engine::OnTerm>,
}

fn run_main(engine: &Engine, pod: &Key, container: &str, argv: &[String]) -> MainRun {
    let mut copy = engine.clone();
    run_on(&mut copy, pod, container, argv, MAX_WAIT, true)
}

/// Runs `argv` in the container on this engine: as its main process
/// (`main`: a server it reaches serves, `kubectl run -t` gives it a
/// terminal) or as an exec'd command (a lifecycle hook).
fn run_on(
    engine: &mut Engine,
    pod: &Key,
    container: &str,
    argv: &[String],
    budget: SimDuration,
    main: bool,
) -> MainRun {
    let mut traces = Vec::new();
    let (code, log, waited, serving, on_term) = {
        // `kubectl run -t`: the main process has a terminal.
        let tty = main
            && engine
                .store()
                .pods
                .get(&pod.0, &pod.1)
                .and_then(|p| {
                    p.spec
                        .container(container)
                        .map(|c| c.extra.get("tty") == Some(&serde_json::Value::Bool(true)))
                })
                .unwrap_or(false);
        // `kubectl run -i`'s input, read once by the main process.
        let stdin = if main {
            engine.take_attached_stdin(&pod.0, &pod.1)
        } else {
            None
        };
        let Some(host) = ContainerHost::new(engine, &pod.0, &pod.1, container, &mut traces) else {
            return MainRun {
                // A hook the runtime cannot run in the container fails.
                code: if main { 0 } else { 128 },
                log: String::new(),
                traces: Vec::new(),
                waited: SimDuration::ZERO,
                serving: false,
                on_term: None,
            };
        };
        let host = host
            .with_live_clock(false)
            .with_tty(tty)
            .with_max_wait(budget);
        let mut host = if main { host.as_main_process() } else { host };
        let mut io = Io::new();
        let r = host.run_argv(argv, stdin.as_deref(), &mut io);
        let (waited, serving) = (host.waited, host.serving);
        let on_term = host.on_term.take();
        match r {
            // The runtime cannot start it: the container fails with 128
            // (its message is the container status', not the log's).
            Err(_) => (128, String::new(), waited, false, None),
            Ok(_) if serving => (0, io.text(), waited, true, None),
            Ok(code) => (i64::from(code), io.text(), waited, false, on_term),
        }
    };
    MainRun {
        code,
        log,
        traces,
        waited,
        serving,
        on_term,
    }
}

/// What `kubectl run -i` / `kubectl attach` print on stderr before the
/// session (kubectl 1.32+).
pub const ATTACH_BANNER: &str = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";

/// The attach banner (`ATTACH_BANNER`), for callers that prefer a function.
pub fn interactive_banner() -> &'static str {
    ATTACH_BANNER
}

/// What kubectl 1.35 prints on stdout when an attached session with a
/// terminal ends and the Pod restarts its containers (`restartPolicy:
/// Always`; attach.go `reattachMessage`, which 1.36 changed).
pub fn session_ended(pod: &str, container: &str) -> String {
    format!("Session ended, resume using 'kubectl attach {pod} -c {container} -i -t' command when the pod is running\n")
}

/// What kubectl 1.35 prints on stdout when an attach session with a
/// terminal (`kubectl attach -it`, `kubectl debug -it`) ends, if the Pod
/// restarts its containers (attach.go `reattachMessage`): an ephemeral
/// container is not restarted, but may still be running. None with `-q`
/// or another restart policy.
pub fn reattach_message(
    pod: &crate::engine::objects::Pod,
    container: &str,
    quiet: bool,
) -> Option<String> {
    let policy = pod.spec.restart_policy.as_deref().unwrap_or("Always");
    if quiet || policy != "Always" {
        return None;
    }
    let name = &pod.metadata.name;
    Some(if pod.spec.ephemeral(container).is_some() {
        format!("Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach {name} -c {container} -i -t' if it is still running\n")
    } else {
        session_ended(name, container)
    })
}

/// kubectl run's error when the attached Pod's container failed (the exit
/// code becomes kubectl's): `pod default/t terminated (Error)` and the
/// container's termination message.
pub fn run_terminated(namespace: &str, pod: &str, reason: &str, message: &str) -> String {
    let mut s = format!("pod {namespace}/{pod} terminated ({reason})\n{message}");
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}
