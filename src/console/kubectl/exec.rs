//! `kubectl exec`, `run`, `logs` and `wait`: what happens inside Pods and
//! what waits for them (console.md "Time").

use serde_json::json;

use super::flags::{b, v, Flag, Parsed};
use super::output::Format;
use super::{get, resources, Ctx, DryRun};
use crate::console::container;
use crate::engine::objects::{Kind, Object};
use crate::engine::{DeleteOptions, SimDuration};
use crate::sort::CollectMap;

pub const EXEC_FLAGS: &[Flag] = &[
    v("container", Some('c')),
    b("stdin", Some('i')),
    b("tty", Some('t')),
    b("quiet", Some('q')),
    v("filename", Some('f')),
    v("pod-running-timeout", None),
];
pub const RUN_FLAGS: &[Flag] = &[
    v("image", None),
    v("restart", None),
    b("rm", None),
    b("stdin", Some('i')),
    b("tty", Some('t')),
    b("command", None),
    v("env", None),
    v("labels", Some('l')),
    v("port", None),
    super::flags::opt("dry-run", "unchanged"),
    v("output", Some('o')),
    v("image-pull-policy", None),
    v("overrides", None),
    v("override-type", None),
    b("record", None),
    b("attach", None),
    b("quiet", Some('q')),
    v("pod-running-timeout", None),
    b("leave-stdin-open", None),
    b("privileged", None),
    v("annotations", None),
    b("expose", None),
    v("serviceaccount", None),
    v("template", None),
    b("allow-missing-template-keys", None),
    b("show-managed-fields", None),
];
pub const WAIT_FLAGS: &[Flag] = &[
    v("for", None),
    v("timeout", None),
    v("selector", Some('l')),
    b("all", None),
    b("all-namespaces", Some('A')),
    v("filename", Some('f')),
    v("output", Some('o')),
    v("field-selector", None),
    b("recursive", Some('R')),
];

/// The Pod an `exec`/`logs` argument names (`web-0`, `pod/web-0`,
/// `sts/web` meaning its first Pod).
pub(super) fn pod_of(ctx: &mut Ctx, ns: &str, arg: &str) -> Result<String, String> {
    let Some((t, n)) = arg.split_once('/') else {
        return Ok(arg.to_string());
    };
    let kind = resources::kind_of(t)?;
    match kind {
        Kind::Pod => Ok(n.to_string()),
        Kind::StatefulSet => {
            let pods = ctx.console.engine.set_pods(ns, n);
            if ctx.console.engine.store().statefulsets.get(ns, n).is_none() {
                return Err(format!(
                    "Error from server (NotFound): statefulsets.apps {n:?} not found"
                ));
            }
            pods.first()
                .map(|p| p.metadata.name.to_string())
                .ok_or_else(|| format!("no pods found for statefulset {n}"))
        }
        Kind::Service => {
            let Some(svc) = ctx.console.engine.store().services.get(ns, n) else {
                return Err(format!(
                    "Error from server (NotFound): services {n:?} not found"
                ));
            };
            let sel = svc.spec.selector.clone().unwrap_or_default();
            if sel.is_empty() {
                return Err(format!(
                    "cannot attach to *v1.Service: invalid service '{n}': Service is defined without a selector"
                ));
            }
            // attachablepodforobject.go: the most active Pod the selector matches.
            let mut pods: Vec<crate::engine::objects::Pod> = ctx
                .console
                .engine
                .store()
                .pods
                .in_namespace(ns)
                .filter(|p| sel.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v)))
                .map(|p| (**p).clone())
                .collect();
            crate::sort::sort_by(&mut pods, |a, b| a.metadata.name.cmp(&b.metadata.name));
            crate::sort::sort_by(&mut pods, super::logs::by_logging);
            pods.first()
                .map(|p| p.metadata.name.to_string())
                .ok_or_else(|| format!("no pods found for service {n}"))
        }
        _ => {
            // The object is fetched first: a missing one is NotFound.
            if let Err(e) = ctx.console.engine.get(kind, ns, n) {
                return Err(e.kubectl_text().trim_end().to_string());
            }
            // SelectorsForObject names the Go type (`*v1.ConfigMap`).
            let t = format!("*{}.{}", kind.info().version, kind.name());
            Err(format!(
                "cannot attach to {t}: selector for {t} not implemented"
            ))
        }
    }
}

/// How long `kubectl exec` takes to start the command: reading the Pod,
/// the upgraded connection through the API server to the kubelet, the
/// runtime's exec (a few hundred milliseconds on a kind cluster).
pub const EXEC_SETUP: SimDuration = SimDuration::ms(200);

pub fn exec(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    // `kubectl exec POD CMD` (no `--`) is refused before anything else.
    if p.rest.is_none() && (p.args.len() > 1 || (!p.args.is_empty() && p.has("filename"))) {
        return ctx.usage(
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        );
    }
    let Some(target) = p.args.first().cloned() else {
        return ctx.fail("pod, type/name or --filename must be specified");
    };
    let Some(cmd) = p.rest.clone().filter(|r| !r.is_empty()) else {
        return ctx.fail("you must specify at least one command for the container");
    };
    let pod = match pod_of(ctx, &ns, &target) {
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
    // The Pod is read, then the connection is upgraded through the API
    // server to the kubelet, which asks the runtime to exec: the command
    // starts a moment later (what happened meanwhile, it sees).
    let setup = ctx.now() + EXEC_SETUP;
    ctx.console.engine.advance_to(setup);
    let stdin = p.flag("stdin");
    // A terminal is what the console is, unless input was redirected.
    let tty = p.flag("tty") && stdin;
    if tty && ctx.stdin.is_some() && !p.flag("quiet") {
        ctx.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
    }
    let shells = ["sh", "bash", "/bin/sh", "/bin/bash", "ash", "/bin/ash"];
    let prompt =
        (cmd.len() == 1 && shells.contains(&cmd[0].as_str())) || container::is_client_prompt(&cmd);
    if tty && ctx.console.interactive && prompt && ctx.stdin.is_none() {
        return ctx.console.attach(
            &ns,
            &pod,
            p.value("container"),
            &cmd,
            ctx.io,
            crate::console::session::SessionEnd::Exec,
        );
    }
    let mut traces = Vec::new();
    let input = if stdin {
        Some(ctx.stdin.unwrap_or(""))
    } else {
        None
    };
    let req = container::ExecRequest {
        namespace: &ns,
        pod: &pod,
        container: p.value("container"),
        argv: &cmd,
        stdin: input,
        // Only input from the terminal makes a raw terminal.
        tty: tty && ctx.stdin.is_none(),
        quiet: p.flag("quiet"),
    };
    let code = container::exec_with(&mut ctx.console.engine, &req, ctx.io, &mut traces);
    ctx.console.dns_traces.extend(traces);
    code
}

/// `kubectl run NAME --image=IMAGE …` (run.go): a bare Pod; with `-i` or
/// `--attach`, wait for it, attach (its output, or a shell fed from the
/// command's input), wait for its exit code when it does not restart; with
/// `--rm`, delete it after.
pub fn run_pod(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let Some(name) = p.args.first().cloned() else {
        return ctx.usage("NAME is required for run");
    };
    let image = p.value("image").unwrap_or("").to_string();
    if image.is_empty() {
        return ctx.fail("--image is required");
    }
    if !valid_image(&image) {
        return ctx.fail(&format!(
            "Invalid image name {image:?}: invalid reference format"
        ));
    }
    let interactive = p.flag("stdin");
    if p.flag("tty") && !interactive {
        return ctx.usage("-i/--stdin is required for containers with -t/--tty=true");
    }
    if p.flag("expose") && !p.has("port") {
        return ctx.usage("--port must be set when exposing a service");
    }
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // An interactive Pod restarts on failure unless told otherwise.
    let restart = match p.value("restart") {
        Some(r) if !r.is_empty() => r.to_string(),
        _ if interactive => "OnFailure".to_string(),
        _ => "Always".to_string(),
    };
    if !matches!(restart.as_str(), "Always" | "OnFailure" | "Never") {
        return ctx.usage(&format!("invalid restart policy: {restart}"));
    }
    let attach = p.flag_or("attach", interactive);
    if p.flag("rm") && !attach {
        return ctx.usage("--rm should only be used for attached containers");
    }
    if attach && dry != DryRun::None {
        return ctx.usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    if let Some(pol) = p.value("image-pull-policy") {
        if !pol.is_empty() && !matches!(pol, "Always" | "IfNotPresent" | "Never") {
            return ctx.usage(&format!("invalid image pull policy: {pol}"));
        }
    }
    let format = match super::output::parse(p.value("output"), p.value("template")) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    let mut args: Vec<String> = p.args[1..].to_vec();
    args.extend(p.rest.clone().unwrap_or_default());
    let mut container = json!({"name": name, "image": image, "resources": {}});
    if !args.is_empty() {
        if p.flag("command") {
            container["command"] = json!(args);
        } else {
            container["args"] = json!(args);
        }
    }
    if interactive {
        container["stdin"] = json!(true);
        if !p.flag("leave-stdin-open") {
            container["stdinOnce"] = json!(true);
        }
    }
    if p.flag("tty") {
        container["tty"] = json!(true);
    }
    if let Some(pol) = p.value("image-pull-policy").filter(|x| !x.is_empty()) {
        container["imagePullPolicy"] = json!(pol);
    }
    // The generator's checks, in its order (generate/versioned/run.go):
    // the environment, the labels, then the port.
    let mut envs: Vec<serde_json::Value> = Vec::new();
    for e in p.values("env") {
        match e.split_once('=') {
            Some((k, v)) if super::set_env::env_name_errors(k).is_empty() => {
                envs.push(json!({"name": k, "value": v}))
            }
            _ => return ctx.fail(&format!("invalid env: {e}")),
        }
    }
    if !envs.is_empty() {
        container["env"] = json!(envs);
    }
    let mut labels = serde_json::Map::new();
    match p.value("labels").filter(|l| !l.is_empty()) {
        Some(l) => match super::expose::parse_labels(l) {
            Ok(pairs) => {
                for (k, v) in pairs {
                    labels.insert(k, json!(v));
                }
            }
            Err(e) => return ctx.fail(&e),
        },
        None => {
            labels.insert("run".into(), json!(name));
        }
    }
    if let Some(port) = p.value("port").filter(|x| !x.is_empty()) {
        match super::expose::atoi(port) {
            Ok(n) => container["ports"] = json!([{"containerPort": n}]),
            Err(e) => return ctx.fail(&e),
        }
    }
    if p.flag("privileged") {
        container["securityContext"] = json!({"privileged": true});
    }
    let mut metadata = json!({"name": name, "labels": labels});
    let annotations: serde_json::Map<String, serde_json::Value> = p
        .values("annotations")
        .iter()
        .filter_map(|a| a.split_once('='))
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect_object();
    if !annotations.is_empty() {
        metadata["annotations"] = serde_json::Value::Object(annotations);
    }
    // The object a client-side dry run prints has a namespace only when
    // one was given (run.go sets it when the namespace is enforced).
    if dry != DryRun::Client || p.has("namespace") {
        metadata["namespace"] = json!(ns);
    }
    let mut value = json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": {"containers": [container], "restartPolicy": restart, "dnsPolicy": "ClusterFirst"}, "status": {}});
    super::record_change_cause(&mut value, ctx.change_cause.as_deref());
    if let Some(overrides) = p.value("overrides").filter(|o| !o.is_empty()) {
        match apply_overrides(
            Kind::Pod,
            &value,
            overrides,
            p.value("override-type").unwrap_or("merge"),
        ) {
            Ok(v) => value = v,
            Err(e) => return ctx.fail(&e),
        }
    }
    let created = match super::modify::create_generated(ctx, Kind::Pod, value, dry, None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if !attach {
        if format == Format::Table {
            let suffix = dry.suffix();
            ctx.out(&format!("pod/{name} created{suffix}\n"));
            return 0;
        }
        if format == Format::Json {
            return super::modify::print_generated(ctx, p, &created, "created", dry);
        }
        return super::output::print_objects(
            &ctx.console.engine,
            ctx.io,
            &format,
            &[(Kind::Pod, vec![created])],
            true,
            &crate::console::printers::TableOptions {
                missing_key_error: !p.flag_or("allow-missing-template-keys", true),
                ..Default::default()
            },
        );
    }
    let (code, error) = attach_to_run(ctx, p, &ns, &name, &args, &image, &restart);
    // The console's terminal now belongs to the Pod's shell, which removes
    // the Pod (`--rm`) when it exits.
    if ctx.console.attached.is_some() {
        return code;
    }
    if p.flag("rm") {
        // run.go deletes without waiting for the Pod to be gone.
        if let Ok(o) = ctx.console.engine.get(Kind::Pod, &ns, &name) {
            if ctx
                .console
                .engine
                .delete(Kind::Pod, &ns, &name, &DeleteOptions::default())
                .is_ok()
                && !p.flag("quiet")
            {
                ctx.out(&super::delete::deleted_line(&o, -1, DryRun::None, false));
            }
        }
    }
    if let Some(e) = error {
        ctx.err(&e);
    }
    code
}

/// Whether the Pod's main process is a shell (that reads commands from the
/// attached terminal or input).
pub(super) fn runs_a_shell(args: &[String], image: &str) -> bool {
    let shells = ["sh", "bash", "/bin/sh", "/bin/bash", "ash", "/bin/ash"];
    if args.is_empty() {
        is_shell_image(image)
    } else {
        args.len() == 1 && shells.contains(&args[0].as_str())
    }
}

/// The attach half of `kubectl run -i|--attach`: returns kubectl's exit
/// status.
fn attach_to_run(
    ctx: &mut Ctx,
    p: &Parsed,
    ns: &str,
    name: &str,
    args: &[String],
    image: &str,
    restart: &str,
) -> (i32, Option<String>) {
    // Errors are returned, not printed: kubectl prints them after its
    // deferred `--rm` deletion.
    let fail = |msg: &str| (1, Some(format!("error: {msg}\n")));
    let timeout = p
        .value("pod-running-timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(SimDuration::secs(60));
    // A program other than a shell reads the attached input when it starts
    // (`-- mysql -h mysql-0.mysql <<EOF`); a shell gets it once attached,
    // below.
    if p.flag("stdin") && !runs_a_shell(args, image) {
        if let Some(input) = ctx.stdin.filter(|s| !s.is_empty()) {
            ctx.console.engine.attach_stdin(ns, name, input);
        }
    }
    // handleAttachPod: running and ready, or already finished.
    let ready = ctx.wait_until(timeout, |c| {
        c.engine
            .store()
            .pods
            .get(ns, name)
            .is_none_or(|p| p.is_terminal() || (p.status.phase == "Running" && p.is_ready()))
    });
    let Some(pod) = ctx.console.engine.store().pods.get(ns, name).cloned() else {
        return (
            1,
            Some(format!(
                "Error from server (NotFound): pods {name:?} not found\n"
            )),
        );
    };
    if !ready {
        return fail("timed out waiting for the condition");
    }
    let quiet = p.flag("quiet");
    let stdin = p.flag("stdin");
    let tty = p.flag("tty") && stdin;
    if pod.is_terminal() {
        // Finished before kubectl could attach: it prints the logs instead.
        print_logs(ctx, ns, name);
    } else {
        if tty && ctx.stdin.is_some() && !quiet {
            ctx.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
        }
        if !quiet {
            ctx.err("All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n");
        }
        let shell_main = runs_a_shell(args, image);
        if stdin && shell_main {
            if tty && ctx.console.interactive && ctx.stdin.is_none() {
                // The console is a terminal: the shell takes it over.
                let run = crate::console::session::RunEnd {
                    remove: p.flag("rm"),
                    quiet,
                };
                let argv = if args.is_empty() {
                    vec!["sh".to_string()]
                } else {
                    args.to_vec()
                };
                return (
                    ctx.console.attach(
                        ns,
                        name,
                        None,
                        &argv,
                        ctx.io,
                        crate::console::session::SessionEnd::Run(run),
                    ),
                    None,
                );
            }
            // The shell reads the command's input (nothing: end of file).
            let input = ctx.stdin.unwrap_or("").to_string();
            if !input.is_empty() {
                let argv = if args.is_empty() {
                    vec!["sh".to_string()]
                } else {
                    args.to_vec()
                };
                shell_reads_input(ctx, ns, name, None, &argv, &input, tty);
            }
            // At the end of its input the shell exits, and so does the container.
            let running = ctx
                .console
                .engine
                .store()
                .pods
                .get(ns, name)
                .is_some_and(|p| !p.is_terminal());
            if running && restart != "Always" {
                let _ = ctx
                    .console
                    .engine
                    .inject(crate::engine::faults::Fault::Phase {
                        pod: (ns.to_string(), name.to_string()),
                        phase: "Succeeded".into(),
                    });
            }
        } else {
            // A one-shot process: what it prints is what the terminal shows.
            ctx.wait_until(SimDuration::secs(600), |c| {
                c.engine.store().pods.get(ns, name).is_none_or(|p| {
                    p.is_terminal()
                        || p.status.container_statuses.iter().any(|s| {
                            s.state.terminated.is_some() || s.last_state.terminated.is_some()
                        })
                })
            });
            print_logs(ctx, ns, name);
        }
    }
    if restart == "Always" || p.flag("leave-stdin-open") {
        return (0, None);
    }
    // waitForPod: Never waits for completion, OnFailure for success.
    let done = ctx.wait_until(timeout, |c| {
        c.engine.store().pods.get(ns, name).is_none_or(|p| {
            p.status.phase == "Succeeded" || (restart == "Never" && p.status.phase == "Failed")
        })
    });
    let Some(pod) = ctx.console.engine.store().pods.get(ns, name).cloned() else {
        return (
            1,
            Some("Error from server (NotFound): pods \"\" not found\n".to_string()),
        );
    };
    if !done {
        return fail("timed out waiting for the condition");
    }
    match pod.status.phase.as_str() {
        "Succeeded" => (0, None),
        "Failed" => {
            let term = pod
                .status
                .container_statuses
                .first()
                .and_then(|s| s.state.terminated.clone());
            match term {
                // An exit error: printed as it is, and its code is kubectl's.
                Some(t) if t.exit_code != 0 => {
                    let mut msg =
                        format!("pod {ns}/{name} terminated ({})\n{}", t.reason, t.message);
                    if !msg.ends_with('\n') {
                        msg.push('\n');
                    }
                    (i32::try_from(t.exit_code).unwrap_or(1), Some(msg))
                }
                _ => fail(&format!("pod {ns}/{name} failed with unknown exit code")),
            }
        }
        other => fail(&format!("pod {ns}/{name} left in phase {other}")),
    }
}

/// An attached shell fed the command's input (a script's, not a
/// terminal): it runs `input` in the container and its output is the
/// command's, both streams on stdout through a terminal. Returns the
/// shell's exit status.
pub(super) fn shell_reads_input(
    ctx: &mut Ctx,
    ns: &str,
    pod: &str,
    container: Option<&str>,
    argv: &[String],
    input: &str,
    tty: bool,
) -> i32 {
    let mut traces = Vec::new();
    let mut io = crate::console::sh::Io::new();
    let status = container::exec(
        &mut ctx.console.engine,
        ns,
        pod,
        container,
        argv,
        Some(input),
        &mut io,
        &mut traces,
    );
    ctx.console.dns_traces.extend(traces);
    for (stream, text) in io.into_chunks() {
        let s = if tty {
            crate::console::sh::Stream::Stdout
        } else {
            stream
        };
        ctx.io.write(s, &text);
    }
    status
}

/// The container log of a run Pod, as `logOpts` streams it.
fn print_logs(ctx: &mut Ctx, ns: &str, name: &str) {
    let logs = ctx
        .console
        .engine
        .pod_runtime(ns, name)
        .and_then(|rt| rt.ctrs.first().map(|c| c.current_log()))
        .unwrap_or_default();
    for l in logs {
        ctx.out(&format!("{l}\n"));
    }
}

/// A container image reference as docker's reference grammar accepts it
/// (lower-case repository path, optional tag and digest).
pub(super) fn valid_image(image: &str) -> bool {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let ok = d.split_once(':').is_some_and(|(alg, hex)| {
            !alg.is_empty() && hex.len() >= 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
        });
        if !ok {
            return false;
        }
    }
    let (path, tag) = match rest.rsplit_once(':') {
        Some((p, t)) if !t.contains('/') => (p, Some(t)),
        _ => (rest, None),
    };
    if let Some(t) = tag {
        let ok = !t.is_empty()
            && t.len() <= 128
            && t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return false;
        }
    }
    if path.is_empty() {
        return false;
    }
    path.split('/').enumerate().all(|(i, comp)| {
        // The first component may be a registry host (with a port, upper case).
        let host = i == 0 && (comp.contains('.') || comp.contains(':') || comp == "localhost");
        !comp.is_empty()
            && if host {
                comp.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:".contains(c))
            } else {
                comp.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
                    && comp
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                    && comp
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
            }
    })
}

fn is_shell_image(image: &str) -> bool {
    crate::engine::images::lookup(image).is_ok_and(|s| {
        matches!(
            s.flavor,
            crate::engine::images::Flavor::Busybox
                | crate::engine::images::Flavor::Tool
                | crate::engine::images::Flavor::Dnsutils
        )
    })
}

/// What `kubectl wait --for=…` waits for (wait.go `conditionFuncFor`).
enum WaitFor {
    Delete,
    Create,
    Status { name: String, value: String },
    JsonPath { path: String, value: Option<String> },
}

fn condition(cond: &str) -> Result<WaitFor, String> {
    let lower = cond.to_lowercase();
    if lower == "delete" {
        return Ok(WaitFor::Delete);
    }
    if lower == "create" {
        return Ok(WaitFor::Create);
    }
    if let Some(c) = cond.strip_prefix("condition=") {
        let (name, value) = c.split_once('=').unwrap_or((c, "true"));
        return Ok(WaitFor::Status {
            name: name.to_string(),
            value: value.to_string(),
        });
    }
    if let Some(jp) = cond.strip_prefix("jsonpath=") {
        // Split on single `=`; `==` stays inside the expression.
        let mut parts: Vec<String> = vec![String::new()];
        let b: Vec<char> = jp.chars().collect();
        let mut i = 0;
        while i < b.len() {
            if b[i] == '=' {
                if b.get(i + 1) == Some(&'=') {
                    if let Some(last) = parts.last_mut() {
                        last.push_str("==");
                    }
                    i += 2;
                    continue;
                }
                parts.push(String::new());
                i += 1;
                continue;
            }
            if let Some(last) = parts.last_mut() {
                last.push(b[i]);
            }
            i += 1;
        }
        if parts.len() > 2 {
            return Err("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'".into());
        }
        let expr = parts[0].trim_matches('\'').to_string();
        if expr.is_empty() {
            return Err("jsonpath expression cannot be empty".into());
        }
        // RelaxedJSONPathExpression: `.a.b` and `{.a.b}` both work.
        let path = if expr.starts_with('{') {
            expr
        } else {
            format!("{{.{}}}", expr.trim_start_matches('.'))
        };
        let value = match parts.get(1) {
            None => None,
            Some(v) => {
                let v = v.trim_matches(|c| c == '\'' || c == '"').to_string();
                if v.is_empty() {
                    return Err("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3".into());
                }
                Some(v)
            }
        };
        return Ok(WaitFor::JsonPath { path, value });
    }
    Err(format!("unrecognized condition: {cond:?}"))
}

/// Whether `o` meets a condition other than delete/create.
fn met(o: &Object, cond: &WaitFor) -> bool {
    let v = crate::console::printers::wire_value(o);
    match cond {
        WaitFor::Status { name, value } => v
            .pointer("/status/conditions")
            .and_then(|x| x.as_array())
            .is_some_and(|cs| {
                cs.iter().any(|x| {
                    x.get("type")
                        .and_then(|t| t.as_str())
                        .is_some_and(|t| t.eq_ignore_ascii_case(name))
                        && x.get("status")
                            .and_then(|s| s.as_str())
                            .is_some_and(|s| s.eq_ignore_ascii_case(value))
                })
            }),
        WaitFor::JsonPath { path, value } => crate::console::printers::jsonpath(path, &v)
            .is_ok_and(|got| match value {
                Some(w) => got == *w,
                None => !got.is_empty(),
            }),
        WaitFor::Delete | WaitFor::Create => false,
    }
}

/// `kubectl wait --for=condition=Ready|delete|create|jsonpath=… TYPE/NAME…`:
/// one deadline for all objects, visited in order; `--for=delete` follows
/// each object's uid, so a Pod recreated under the same name still counts
/// as deleted.
pub fn wait(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let cond_text = p.value("for").unwrap_or("").to_string();
    let cond = match condition(&cond_text) {
        Ok(c) => c,
        Err(e) => return ctx.fail(&e),
    };
    // --timeout: 30s by default; 0 checks once; negative waits a week.
    let timeout_text = p.value("timeout").unwrap_or("30s");
    // Go's time.ParseDuration: `5` (no unit) and `-l` are refused; a
    // negative duration waits a week.
    let timeout = match super::logs::go_duration_ms(timeout_text) {
        Some(ms) if ms < 0 => SimDuration::secs(7 * 24 * 3600),
        Some(ms) => SimDuration::ms(ms as u64),
        None => {
            ctx.err(&format!("error: invalid argument {timeout_text:?} for \"--timeout\" flag: {}\nSee 'kubectl wait --help' for usage.\n", super::logs::go_duration_error(timeout_text)));
            return 1;
        }
    };
    let scope = match get::scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return get::scope_fail(ctx, &e),
    };
    let is_delete = matches!(cond, WaitFor::Delete);
    let resolved = match resources::resolve_with(&p.args, get::selecting(p, false)) {
        Ok(r) => r,
        Err(e) => return ctx.fail(&e),
    };
    let fields = match get::field_filter_of(p) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    let deadline = ctx.now() + timeout;
    if let WaitFor::Create = cond {
        // Poll until every named object exists.
        let names: Vec<(Kind, String)> = resolved
            .requests
            .iter()
            .flat_map(|r| r.names.iter().map(move |n| (r.kind, n.clone())))
            .collect();
        let ns = scope.namespace.clone();
        let ok = ctx.wait_until(timeout, |c| {
            names.iter().all(|(k, n)| {
                c.engine
                    .get(*k, if k.namespaced() { &ns } else { "" }, n)
                    .is_ok()
            })
        });
        if !ok {
            return ctx.fail("timed out waiting for the condition");
        }
    }
    let visits = resources::visit(ctx.console, &resolved, &scope, |o| {
        get::fields_match(o, &fields)
    });
    let mut visited = 0;
    for v in visits {
        let o = match v {
            Ok(o) => o,
            Err(e) => {
                if is_delete && e.contains("(NotFound)") {
                    continue;
                }
                ctx.err(&format!("{e}\n"));
                return 1;
            }
        };
        visited += 1;
        let (kind, ns, name, uid) = (
            o.kind(),
            o.namespace().to_string(),
            o.name().to_string(),
            o.meta().uid.clone(),
        );
        let line = format!("{}/{name} condition met\n", kind.singular_qualified());
        let current = |c: &crate::console::Console| c.engine.get(kind, &ns, &name).ok();
        let ok = |c: &crate::console::Console| -> bool {
            match (&cond, current(c)) {
                (WaitFor::Delete, None) => true,
                (WaitFor::Delete, Some(x)) => x.meta().uid != uid,
                (WaitFor::Create, x) => x.is_some(),
                (_, Some(x)) => met(&x, &cond),
                (_, None) => false,
            }
        };
        if timeout == SimDuration::ZERO {
            if ok(ctx.console) {
                ctx.out(&line);
                continue;
            }
            return ctx.fail(&format!(
                "condition not met for {}/{name}",
                kind.info().plural
            ));
        }
        let left = deadline.saturating_sub(ctx.now());
        let done = ctx.wait_until(left, |c| {
            // A Pod that disappears while waiting for a condition is an error.
            ok(c) || (!is_delete && current(c).is_none())
        });
        if done && ok(ctx.console) {
            ctx.out(&line);
            continue;
        }
        if done && !is_delete {
            ctx.err(&format!(
                "Error from server (NotFound): {} {name:?} not found\n",
                kind.resource_name()
            ));
            return 1;
        }
        return ctx.fail(&format!(
            "timed out waiting for the condition on {}/{name}",
            kind.info().plural
        ));
    }
    if visited == 0 && !is_delete {
        return ctx.fail("no matching resources found");
    }
    0
}

/// `--overrides` on the generated Pod (`cmdutil.Overrider`): a JSON merge
/// patch by default, or a JSON patch or a strategic merge patch as
/// `--override-type` says.
pub(super) fn apply_overrides(
    kind: Kind,
    generated: &serde_json::Value,
    overrides: &str,
    override_type: &str,
) -> Result<serde_json::Value, String> {
    use crate::manifest::patch::{json_patch, merge_patch};
    use crate::manifest::schema::{schema, Ty};
    let parsed: Option<serde_json::Value> = serde_json::from_str(overrides).ok();
    match override_type {
        "merge" => match parsed {
            Some(patch @ serde_json::Value::Object(_)) => Ok(merge_patch(generated, &patch)),
            _ => Err("Invalid JSON Patch".to_string()),
        },
        "json" => {
            let patch = parsed.ok_or_else(|| "invalid character in JSON patch".to_string())?;
            json_patch(generated, &patch).map_err(|e| e.to_string())
        }
        "strategic" => {
            let patch =
                parsed.ok_or_else(|| "invalid JSON in strategic merge patch".to_string())?;
            crate::manifest::smp::apply(generated, &patch, &Ty::Struct(schema().root(kind)))
                .map_err(|e| e.to_string())
        }
        other => Err(format!("invalid override type: {other}")),
    }
}
