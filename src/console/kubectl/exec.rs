//! `kubectl exec`, `run`, `logs` and `wait`: what happens inside Pods and
//! what waits for them (console.md "Time").

use serde_json::json;

use super::flags::{b, v, Flag, Parsed};
use super::{get, resources, Ctx};
use crate::console::container;
use crate::engine::objects::{Kind, Object};
use crate::engine::{DeleteOptions, SimDuration};

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
    v("dry-run", None),
    v("output", Some('o')),
    v("image-pull-policy", None),
    v("overrides", None),
    b("attach", None),
    b("quiet", Some('q')),
    v("pod-running-timeout", None),
    b("leave-stdin-open", None),
    b("privileged", None),
    v("annotations", None),
    b("expose", None),
    v("serviceaccount", None),
];
pub const LOGS_FLAGS: &[Flag] = &[
    v("container", Some('c')),
    b("previous", Some('p')),
    v("tail", None),
    b("follow", Some('f')),
    b("timestamps", None),
    b("all-containers", None),
    v("since", None),
    v("selector", Some('l')),
    b("prefix", None),
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
];

/// The Pod an `exec`/`logs` argument names (`web-0`, `pod/web-0`,
/// `sts/web` meaning its first Pod).
fn pod_of(ctx: &mut Ctx, ns: &str, arg: &str) -> Result<String, String> {
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
                .map(|p| p.metadata.name.clone())
                .ok_or_else(|| format!("no pods found for statefulset {n}"))
        }
        _ => Err(format!(
            "cannot attach to {}: selector for {} not implemented",
            kind.singular_qualified(),
            kind.name()
        )),
    }
}

pub fn exec(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let Some(target) = p.args.first().cloned() else {
        return ctx.fail("pod, type/name or --filename must be specified");
    };
    let Some(cmd) = p.rest.clone().filter(|r| !r.is_empty()) else {
        if p.args.len() > 1 {
            return ctx.fail("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
        }
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
    let interactive = p.flag("stdin") && p.flag("tty");
    let shells = ["sh", "bash", "/bin/sh", "/bin/bash", "ash", "/bin/ash"];
    if interactive && cmd.len() == 1 && shells.contains(&cmd[0].as_str()) && ctx.stdin.is_none() {
        return ctx
            .console
            .attach(&ns, &pod, p.value("container"), &cmd, ctx.io, None);
    }
    let mut traces = Vec::new();
    let stdin = if p.flag("stdin") { ctx.stdin } else { None };
    let code = container::exec(
        &mut ctx.console.engine,
        &ns,
        &pod,
        p.value("container"),
        &cmd,
        stdin,
        ctx.io,
        &mut traces,
    );
    ctx.console.dns_traces.extend(traces);
    code
}

/// `kubectl run NAME --image=IMAGE …`: a bare Pod; with `-i`, attach to
/// it (its output, or an interactive shell); with `--rm`, delete it after.
pub fn run_pod(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let Some(name) = p.args.first().cloned() else {
        return ctx.fail("NAME is required for run");
    };
    let Some(image) = p.value("image").map(str::to_string) else {
        return ctx.fail("--image is required");
    };
    let restart = p.value("restart").unwrap_or("Always").to_string();
    if !matches!(restart.as_str(), "Always" | "OnFailure" | "Never") {
        return ctx.fail(&format!("invalid restart policy: {restart}"));
    }
    if p.flag("rm") && !p.flag("stdin") && !p.flag("attach") {
        return ctx.fail("--rm should only be used for attached containers");
    }
    let mut args: Vec<String> = p.rest.clone().unwrap_or_default();
    args.extend(p.args[1..].iter().cloned());
    let mut container = json!({"name": name, "image": image, "resources": {}});
    if !args.is_empty() {
        if p.flag("command") {
            container["command"] = json!(args);
        } else {
            container["args"] = json!(args);
        }
    }
    if p.flag("stdin") {
        container["stdin"] = json!(true);
        container["stdinOnce"] = json!(true);
    }
    if p.flag("tty") {
        container["tty"] = json!(true);
    }
    let envs: Vec<serde_json::Value> = p
        .values("env")
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect();
    if !envs.is_empty() {
        container["env"] = json!(envs);
    }
    if let Some(port) = p.value("port").and_then(|x| x.parse::<i64>().ok()) {
        container["ports"] = json!([{"containerPort": port}]);
    }
    let mut labels = serde_json::Map::new();
    match p.value("labels") {
        Some(l) => {
            for kv in l.split(',') {
                if let Some((k, v)) = kv.split_once('=') {
                    labels.insert(k.into(), json!(v));
                }
            }
        }
        None => {
            labels.insert("run".into(), json!(name));
        }
    }
    let value = json!({"metadata": {"name": name, "namespace": ns, "labels": labels}, "spec": {"containers": [container], "restartPolicy": restart, "dnsPolicy": "ClusterFirst"}});
    let obj = match Object::from_value(Kind::Pod, value) {
        Ok(o) => o,
        Err(e) => return ctx.fail(&e),
    };
    if let Some("client") = p.value("dry-run") {
        if let Some("yaml") = p.value("output") {
            ctx.out(&crate::manifest::print::to_yaml(
                &crate::console::printers::wire_value(&obj),
            ));
        } else {
            ctx.out(&format!("pod/{name} created (dry run)\n"));
        }
        return 0;
    }
    if let Err(e) = ctx.console.engine.create(obj) {
        ctx.err(&format!("{}\n", e.kubectl_text()));
        return 1;
    }
    let attach = p.flag("stdin") || p.flag("attach");
    if !attach {
        ctx.out(&format!("pod/{name} created\n"));
        return 0;
    }
    // Attach: wait for the container to start (or finish).
    let timeout = p
        .value("pod-running-timeout")
        .and_then(SimDuration::parse)
        .unwrap_or(SimDuration::secs(60));
    let started = ctx.wait_until(timeout, |c| {
        c.engine
            .store()
            .pods
            .get(&ns, &name)
            .is_some_and(|p| p.status.phase != "Pending")
    });
    if !started {
        ctx.err("error: timed out waiting for the condition\n");
        return 1;
    }
    let shells = ["sh", "bash", "/bin/sh", "/bin/bash", "ash"];
    let interactive_shell = p.flag("tty")
        && (args.is_empty() && is_shell_image(&image)
            || args.len() == 1 && shells.contains(&args[0].as_str()));
    if interactive_shell && ctx.stdin.is_none() {
        if p.flag("tty") {
            ctx.out(container::ATTACH_BANNER);
        }
        let cleanup = p.flag("rm").then(|| name.clone());
        let shell_argv = if args.is_empty() {
            vec!["sh".to_string()]
        } else {
            args.clone()
        };
        return ctx
            .console
            .attach(&ns, &name, None, &shell_argv, ctx.io, cleanup);
    }
    if p.flag("tty") {
        ctx.out(container::ATTACH_BANNER);
    }
    // A one-shot process: its output is what the attached terminal shows.
    ctx.wait_until(SimDuration::secs(600), |c| {
        c.engine.store().pods.get(&ns, &name).is_some_and(|p| {
            p.is_terminal()
                || p.status
                    .container_statuses
                    .iter()
                    .any(|s| s.state.terminated.is_some() || s.last_state.terminated.is_some())
        })
    });
    let logs = ctx
        .console
        .engine
        .pod_runtime(&ns, &name)
        .and_then(|rt| rt.ctrs.first().map(|c| c.logs.join("\n")))
        .unwrap_or_default();
    if !logs.is_empty() {
        ctx.out(&format!("{logs}\n"));
    }
    let code = ctx
        .console
        .engine
        .store()
        .pods
        .get(&ns, &name)
        .and_then(|p| {
            p.status.container_statuses.first().and_then(|s| {
                s.state
                    .terminated
                    .as_ref()
                    .or(s.last_state.terminated.as_ref())
                    .map(|t| t.exit_code)
            })
        })
        .unwrap_or(0);
    if p.flag("rm") {
        let _ = ctx
            .console
            .engine
            .delete(Kind::Pod, &ns, &name, &DeleteOptions::default());
        let uid_gone =
            |c: &crate::console::Console| c.engine.store().pods.get(&ns, &name).is_none();
        ctx.wait_until(SimDuration::secs(120), uid_gone);
        ctx.out(&format!("pod \"{name}\" deleted\n"));
    }
    if code != 0 {
        ctx.err(&format!("pod {ns}/{name} terminated (Error)\n"));
        return 1;
    }
    0
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

pub fn logs(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let ns = ctx.namespace(p);
    let Some(target) = p.args.first().cloned() else {
        return ctx.fail("expected POD or TYPE/NAME is a required argument for the logs command");
    };
    let pod = match pod_of(ctx, &ns, &target) {
        Ok(p) => p,
        Err(e) => return ctx.fail(&e),
    };
    let Some(po) = ctx.console.engine.store().pods.get(&ns, &pod).cloned() else {
        ctx.err(&format!(
            "error: error from server (NotFound): pods {pod:?} not found in namespace {ns:?}\n"
        ));
        return 1;
    };
    let names: Vec<String> = po.spec.containers.iter().map(|c| c.name.clone()).collect();
    let container = match p.value("container") {
        Some(c) => {
            if !names.contains(&c.to_string())
                && !po.spec.init_containers.iter().any(|i| i.name == c)
            {
                ctx.err(&format!(
                    "error: container {c} is not valid for pod {pod}\n"
                ));
                return 1;
            }
            c.to_string()
        }
        None => {
            if names.len() > 1 {
                ctx.err(&format!(
                    "Defaulted container {:?} out of: {}\n",
                    names[0],
                    names.join(", ")
                ));
            }
            names.first().cloned().unwrap_or_default()
        }
    };
    let status = po
        .status
        .container_statuses
        .iter()
        .chain(po.status.init_container_statuses.iter())
        .find(|s| s.name == container)
        .cloned();
    let Some(rt) = ctx.console.engine.pod_runtime(&ns, &pod) else {
        ctx.err(&format!("Error from server (BadRequest): container {container:?} in pod {pod:?} is waiting to start: ContainerCreating\n"));
        return 1;
    };
    let Some(c) = rt.find(&container).and_then(|c| rt.ctr(c)) else {
        return 0;
    };
    if c.restarts == 0 && c.last.is_none() {
        if let Some(w) = status.as_ref().and_then(|s| s.state.waiting.as_ref()) {
            let reason = if w.reason.is_empty() {
                "ContainerCreating"
            } else {
                w.reason.as_str()
            };
            if reason == "ContainerCreating" || reason == "PodInitializing" {
                ctx.err(&format!("Error from server (BadRequest): container {container:?} in pod {pod:?} is waiting to start: {reason}\n"));
                return 1;
            }
            if reason == "ErrImagePull" || reason == "ImagePullBackOff" {
                ctx.err(&format!("Error from server (BadRequest): container {container:?} in pod {pod:?} is waiting to start: trying and failing to pull image\n"));
                return 1;
            }
        }
    }
    if p.flag("previous") && c.last.is_none() {
        ctx.err(&format!("Error from server (BadRequest): previous terminated container {container:?} in pod {pod:?} not found\n"));
        return 1;
    }
    let mut lines: Vec<String> = c.logs.clone();
    if let Some(n) = p
        .value("tail")
        .and_then(|t| t.parse::<i64>().ok())
        .filter(|n| *n >= 0)
    {
        let n = n as usize;
        if lines.len() > n {
            lines = lines.split_off(lines.len() - n);
        }
    }
    for l in lines {
        ctx.out(&format!("{l}\n"));
    }
    0
}

/// `kubectl wait --for=condition=Ready|delete|jsonpath=… TYPE/NAME…`.
pub fn wait(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let Some(cond) = p.value("for").map(str::to_string) else {
        return ctx.fail("--for must be set");
    };
    let timeout = p
        .value("timeout")
        .and_then(SimDuration::parse)
        .unwrap_or(SimDuration::secs(30));
    let resolved = match resources::resolve(&p.args) {
        Ok(r) => r,
        Err(e) => return ctx.fail(&e),
    };
    let scope = match get::scope(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let mut targets: Vec<(Kind, String, String, String)> = Vec::new();
    for r in &resolved.requests {
        let objs = if r.names.is_empty() {
            if !p.flag("all") && scope.selector.is_none() {
                return ctx.fail("resource(s) were provided, but no name was specified");
            }
            resources::list(ctx.console, r.kind, &scope)
        } else {
            let (found, errs) = resources::lookup(ctx.console, r.kind, &r.names, &scope);
            if !errs.is_empty() && cond != "delete" {
                for e in errs {
                    ctx.err(&format!("{e}\n"));
                }
                return 1;
            }
            found
        };
        for o in objs {
            targets.push((
                o.kind(),
                o.namespace().to_string(),
                o.name().to_string(),
                o.meta().uid.clone(),
            ));
        }
    }
    if targets.is_empty() {
        return ctx.fail("no matching resources found");
    }
    let check = |c: &crate::console::Console,
                 (kind, ns, name, uid): &(Kind, String, String, String)|
     -> bool {
        let cur = c
            .engine
            .get(*kind, ns, name)
            .ok()
            .filter(|o| o.meta().uid == *uid);
        if cond == "delete" {
            return cur.is_none();
        }
        let Some(o) = cur else { return false };
        if let Some(c) = cond.strip_prefix("condition=") {
            let (ctype, want) = c.split_once('=').unwrap_or((c, "True"));
            let v = crate::console::printers::wire_value(&o);
            return v
                .pointer("/status/conditions")
                .and_then(|x| x.as_array())
                .is_some_and(|cs| {
                    cs.iter().any(|x| {
                        x.get("type")
                            .and_then(|t| t.as_str())
                            .is_some_and(|t| t.eq_ignore_ascii_case(ctype))
                            && x.get("status")
                                .and_then(|s| s.as_str())
                                .is_some_and(|s| s.eq_ignore_ascii_case(want))
                    })
                });
        }
        if let Some(jp) = cond.strip_prefix("jsonpath=") {
            let (path, want) = match jp.rsplit_once('=') {
                Some((p, w)) if p.ends_with('}') => (p.trim_matches('\''), Some(w)),
                _ => (jp.trim_matches('\''), None),
            };
            let v = crate::console::printers::wire_value(&o);
            return crate::console::printers::jsonpath(path, &v)
                .is_ok_and(|got| want.is_none_or(|w| got == w) && !got.is_empty());
        }
        false
    };
    if !(cond == "delete" || cond.starts_with("condition=") || cond.starts_with("jsonpath=")) {
        return ctx.fail(&format!("unrecognized condition: {cond:?}"));
    }
    let mut code = 0;
    for t in &targets {
        let ok = ctx.wait_until(timeout, |c| check(c, t));
        let (kind, _, name, _) = t;
        if ok {
            ctx.out(&format!(
                "{}/{name} condition met\n",
                kind.singular_qualified()
            ));
        } else {
            ctx.err(&format!(
                "error: timed out waiting for the condition on {}/{name}\n",
                kind.info().plural
            ));
            code = 1;
        }
    }
    code
}
