//! `kubectl logs`: which container instance's log the kubelet serves
//! (kubelet_pods.go `validateContainerLogStatus`), and the request options
//! it applies to that one log (`--tail`, `--since`, `--timestamps`), as
//! kubectl 1.35 asks for them and prints them (`--prefix`,
//! `--all-containers`, `-l`).

use super::exec::pod_of;
use super::flags::{b, v, Flag, Parsed};
use super::{get, resources, Ctx};
use crate::engine::objects::pod::ContainerStatus;
use crate::engine::objects::{Kind, Pod};
use crate::engine::time::{SimDuration, SimTime};

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
    v("since-time", None),
    v("limit-bytes", None),
    b("ignore-errors", None),
    v("max-log-requests", None),
    v("pod-running-timeout", None),
    b("insecure-skip-tls-verify-backend", None),
];

const LOGS_USAGE: &str = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/// What kubectl puts in the log request (`PodLogOptions`) and how it
/// prints the answer.
#[derive(Clone)]
struct LogOpts {
    previous: bool,
    /// Lines from the end (`tailLines`); None: all of them.
    tail: Option<usize>,
    /// `sinceSeconds`, already validated (at least 1).
    since_secs: Option<u64>,
    /// `sinceTime`: lines from this instant on.
    since_time: Option<SimTime>,
    /// `limitBytes`: the kubelet stops after this many bytes.
    limit_bytes: Option<usize>,
    timestamps: bool,
    prefix: bool,
    all_containers: bool,
    /// `--ignore-errors`: an error is printed and the next log read.
    ignore_errors: bool,
}

pub fn logs(ctx: &mut Ctx, p: &Parsed) -> i32 {
    // Flag values are parsed (and refused) by pflag before anything else.
    let Ok(tail) = int_flag(ctx, p, "tail") else {
        return 1;
    };
    let since = match p.value("since") {
        None => None,
        Some(s) => match go_duration_ms(s) {
            Some(ms) => Some(ms),
            None => {
                ctx.err(&format!("error: invalid argument {s:?} for \"--since\" flag: {}\nSee 'kubectl logs --help' for usage.\n", go_duration_error(s)));
                return 1;
            }
        },
    };
    let Ok(limit_bytes) = int_flag(ctx, p, "limit-bytes") else {
        return 1;
    };
    let limit_bytes = limit_bytes.unwrap_or(0);
    let timeout = match p.value("pod-running-timeout") {
        None => SimDuration::secs(20),
        Some(t) => match go_duration_ms(t) {
            // Zero or less: kubectl's own error.
            Some(ms) if ms <= 0 => {
                return ctx.fail("--pod-running-timeout must be higher than zero");
            }
            Some(ms) => SimDuration::ms(ms.unsigned_abs()),
            None => {
                ctx.err(&format!("error: invalid argument {t:?} for \"--pod-running-timeout\" flag: {}\nSee 'kubectl logs --help' for usage.\n", go_duration_error(t)));
                return 1;
            }
        },
    };
    let Ok(max_requests) = int_flag(ctx, p, "max-log-requests") else {
        return 1;
    };
    let max_requests = max_requests.unwrap_or(5);
    let ns = ctx.namespace(p);
    let selector = p.value("selector").filter(|s| !s.is_empty());
    let target = match (p.args.len(), selector) {
        (0, None) => return ctx.usage(LOGS_USAGE),
        (0, Some(_)) => None,
        (1, Some(_)) => return ctx.usage("only a selector (-l) or a POD name is allowed"),
        (1 | 2, None) => Some(p.args[0].clone()),
        _ => return ctx.usage(LOGS_USAGE),
    };
    let inline = p.args.get(1).cloned();
    if inline.is_some() && p.has("container") {
        return ctx.fail("only one of -c or an inline [CONTAINER] arg is allowed");
    }
    if p.flag("all-containers") {
        if let Some(c) = p.value("container").or(inline.as_deref()) {
            return ctx.fail(&format!(
                "--all-containers=true should not be specified with container name {c}"
            ));
        }
    }
    // logs.go `Validate`.
    let since_time_text = p.value("since-time").filter(|t| !t.is_empty());
    if since_time_text.is_some() && since.is_some_and(|ms| ms != 0) {
        return ctx.fail("at most one of `sinceTime` or `sinceSeconds` may be specified");
    }
    if limit_bytes < 0 {
        return ctx.fail("--limit-bytes must be greater than 0");
    }
    // Complete rounds --since to whole seconds (time.Duration.Round).
    if since.is_some_and(|ms| ms <= -500) {
        return ctx.fail("--since must be greater than 0");
    }
    if tail.is_some_and(|n| n < -1) {
        return ctx.fail("--tail must be greater than or equal to -1");
    }
    // `ToPodLogOptions`: an RFC 3339 time (util.ParseRFC3339).
    let since_time = match since_time_text {
        None => None,
        Some(t) => match SimTime::parse_rfc3339(t) {
            Some(at) => Some(at),
            None => {
                return ctx.fail(&format!(
                    "parsing time {t:?} as \"2006-01-02T15:04:05Z07:00\": cannot parse {t:?} as \"2006\""
                ));
            }
        },
    };
    // A selector without --tail asks for the last 10 lines of each log.
    let tail = match tail {
        Some(n) => usize::try_from(n).ok(),
        None if target.is_none() => Some(10),
        None => None,
    };
    // `--since` is sent rounded to whole seconds; the API server refuses
    // less than one (validation.ValidatePodLogOptions).
    let since_secs = match since {
        None | Some(0) => None,
        Some(ms) => {
            let secs = (ms.unsigned_abs() + 500) / 1000;
            let secs = if ms < 0 {
                -(secs as i128)
            } else {
                secs as i128
            };
            if secs < 1 {
                let name = target
                    .as_deref()
                    .map(|t| t.rsplit('/').next().unwrap_or(t).to_string())
                    .unwrap_or_default();
                ctx.err(&format!("The PodLogOptions {name:?} is invalid: sinceSeconds: Invalid value: {secs}: must be greater than 0\n"));
                return 1;
            }
            u64::try_from(secs).ok()
        }
    };
    let opts = LogOpts {
        previous: p.flag("previous"),
        tail,
        since_secs,
        since_time,
        limit_bytes: usize::try_from(limit_bytes).ok().filter(|n| *n > 0),
        timestamps: p.flag("timestamps"),
        prefix: p.flag("prefix"),
        all_containers: p.flag("all-containers"),
        ignore_errors: p.flag("ignore-errors"),
    };
    let container = p
        .value("container")
        .or(inline.as_deref())
        .map(str::to_string);
    let Some(target) = target else {
        // `-l`: every matching Pod's logs, one request after another; the
        // first error ends the command (logs.go `sequentialConsumeRequest`).
        let scope = match get::scope(ctx, p) {
            Ok(s) => s,
            Err(e) => return get::scope_fail(ctx, &e),
        };
        let mut pods = resources::list(ctx.console, Kind::Pod, &scope);
        crate::sort::sort_by(&mut pods, |a, b| a.name().cmp(b.name()));
        if pods.is_empty() {
            ctx.err(&format!("No resources found in {ns} namespace.\n"));
            return 0;
        }
        let requests: usize = pods
            .iter()
            .map(|po| requests_of(ctx, &ns, po.name(), opts.all_containers))
            .sum();
        if let Err(e) = follow_limit(p.flag("follow"), requests, max_requests) {
            return ctx.fail(&e);
        }
        let names: Vec<String> = pods.iter().map(|po| po.name().to_string()).collect();
        for po in &names {
            let code = pod_logs(ctx, &opts, &ns, po, container.as_deref());
            if code != 0 {
                return code;
            }
        }
        if p.flag("follow") {
            follow(ctx, p, &opts, &ns, &names, container.as_deref());
        }
        return 0;
    };
    let pod = match first_pod(ctx, &ns, &target, timeout) {
        Ok(p) => p,
        Err(e) => return ctx.fail(&e),
    };
    let requests = requests_of(ctx, &ns, &pod, opts.all_containers);
    if let Err(e) = follow_limit(p.flag("follow"), requests, max_requests) {
        return ctx.fail(&e);
    }
    let code = pod_logs(ctx, &opts, &ns, &pod, container.as_deref());
    if code == 0 && p.flag("follow") {
        follow(ctx, p, &opts, &ns, &[pod], container.as_deref());
    }
    code
}

/// One followed log: a container instance of a Pod, and how many of its
/// lines have been printed.
struct Stream {
    pod: String,
    uid: String,
    container: String,
    instance: i64,
    seen: usize,
}

/// `-f`: the log streams on as the container writes, in simulated time,
/// until its instance stops (the kubelet closes the stream), nothing more is
/// pending in the cluster, or `--request-timeout` (console.md "Time").
fn follow(
    ctx: &mut Ctx,
    p: &Parsed,
    opts: &LogOpts,
    ns: &str,
    pods: &[String],
    container: Option<&str>,
) {
    if opts.previous {
        return;
    }
    let full = LogOpts {
        tail: None,
        since_secs: None,
        since_time: None,
        limit_bytes: None,
        ..opts.clone()
    };
    let mut streams: Vec<Stream> = Vec::new();
    for pod in pods {
        let Some(po) = ctx.console.engine.store().pods.get(ns, pod).cloned() else {
            continue;
        };
        let names: Vec<String> = if opts.all_containers {
            every_container(&po)
        } else {
            match container {
                Some(c) => vec![c.to_string()],
                None => crate::console::container::default_container(&po)
                    .0
                    .into_iter()
                    .collect(),
            }
        };
        for c in names {
            let Some(instance) = running_instance(ctx, ns, pod, &po.metadata.uid, &c) else {
                continue;
            };
            let seen = container_log(ctx, &full, &po, &c).map_or(0, |l| l.len());
            streams.push(Stream {
                pod: pod.clone(),
                uid: po.metadata.uid.to_string(),
                container: c,
                instance,
                seen,
            });
        }
    }
    let timeout = p
        .value("request-timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(super::DEFAULT_WAIT);
    let deadline = ctx.now() + timeout;
    while !streams.is_empty() {
        let Some(t) = ctx.console.engine.next_pending_wakeup() else {
            break;
        };
        if t > deadline {
            ctx.console.engine.advance_to(deadline);
            break;
        }
        ctx.console.engine.advance_to(t);
        let mut open = Vec::new();
        for mut s in streams {
            let po = ctx.console.engine.store().pods.get(ns, &s.pod).cloned();
            if let Some(po) = po.filter(|po| po.metadata.uid == s.uid) {
                // What this instance wrote, up to its last line.
                if let Ok(lines) = container_log(ctx, &full, &po, &s.container) {
                    let same = po
                        .status
                        .container_statuses
                        .iter()
                        .chain(po.status.init_container_statuses.iter())
                        .chain(po.status.ephemeral_container_statuses.iter())
                        .any(|st| st.name == s.container && st.restart_count == s.instance);
                    if same && lines.len() > s.seen {
                        let prefix = if opts.prefix {
                            format!("[pod/{}/{}] ", s.pod, s.container)
                        } else {
                            String::new()
                        };
                        let text: String = lines[s.seen..]
                            .iter()
                            .map(|l| format!("{prefix}{l}\n"))
                            .collect();
                        ctx.out(&text);
                        s.seen = lines.len();
                    }
                }
                if running_instance(ctx, ns, &s.pod, &s.uid, &s.container) == Some(s.instance) {
                    open.push(s);
                }
            }
        }
        streams = open;
    }
}

/// `--all-containers`: the init containers, then the app containers.
fn every_container(po: &Pod) -> Vec<String> {
    po.spec
        .init_containers
        .iter()
        .chain(po.spec.containers.iter())
        .chain(po.spec.ephemeral_containers.iter())
        .map(|c| c.name.to_string())
        .collect()
}

/// The instance number of a running container (its restart count).
fn running_instance(ctx: &Ctx, ns: &str, pod: &str, uid: &str, container: &str) -> Option<i64> {
    let rt = ctx.console.engine.pod_runtime(ns, pod)?;
    let ct = rt.find(container).and_then(|c| rt.ctr(c))?;
    let po = ctx.console.engine.store().pods.get(ns, pod)?;
    (po.metadata.uid == uid && matches!(ct.state, crate::engine::kubelet::CState::Running { .. }))
        .then_some(ct.restarts)
}

/// How many log requests kubectl makes for a Pod: one, or one per
/// container with `--all-containers`.
fn requests_of(ctx: &Ctx, ns: &str, pod: &str, all_containers: bool) -> usize {
    match ctx.console.engine.store().pods.get(ns, pod) {
        Some(po) if all_containers => {
            po.spec.init_containers.len()
                + po.spec.containers.len()
                + po.spec.ephemeral_containers.len()
        }
        _ => 1,
    }
}

/// Following several logs at once is limited (logs.go `RunLogs`).
fn follow_limit(follow: bool, requests: usize, max: i64) -> Result<(), String> {
    let n = i64::try_from(requests).unwrap_or(i64::MAX);
    if follow && requests > 1 && n > max {
        return Err(format!("you are attempting to follow {requests} log streams, but maximum allowed concurrency is {max}, use --max-log-requests to increase the limit"));
    }
    Ok(())
}

/// Whether a Pod's labels are selected.
type LabelTest = dyn Fn(&crate::engine::objects::Labels) -> bool;

/// The Pod whose logs `sts/NAME` means: among the Pods its selector
/// matches, the best one to read logs from (polymorphichelpers
/// `GetFirstPod` sorted by `podutils.ByLogging`), saying so when there
/// was a choice; without any, the first one that appears within the
/// `--pod-running-timeout` (20s by default).
fn first_pod(
    ctx: &mut Ctx,
    ns: &str,
    target: &str,
    timeout: SimDuration,
) -> Result<String, String> {
    let Some((t, name)) = target.split_once('/') else {
        return pod_of(ctx, ns, target);
    };
    // What selects the Pods: a StatefulSet's selector or a Service's
    // (logsforobject.go `SelectorsForObject`).
    let selects: Box<LabelTest> = match resources::kind_of(t) {
        Ok(Kind::StatefulSet) => {
            let Some(found) = ctx.console.engine.store().statefulsets.get(ns, name) else {
                // logs.go wraps the builder's NotFound with the namespace.
                return Err(format!(
                    "error from server (NotFound): statefulsets.apps {name:?} not found in namespace {ns:?}"
                ));
            };
            let Some(sel) = found.spec.selector.clone() else {
                return pod_of(ctx, ns, target);
            };
            Box::new(move |labels| sel.matches(labels))
        }
        Ok(Kind::Service) => {
            let Some(found) = ctx.console.engine.store().services.get(ns, name) else {
                return Err(format!(
                    "error from server (NotFound): services {name:?} not found in namespace {ns:?}"
                ));
            };
            let sel = found.spec.selector.clone().unwrap_or_default();
            if sel.is_empty() {
                return Err(format!(
                    "cannot get the logs from *v1.Service: invalid service '{name}': Service is defined without a selector"
                ));
            }
            Box::new(move |labels| {
                sel.iter()
                    .all(|(k, v)| labels.get(k).map(|v| v.as_str()) == Some(v.as_str()))
            })
        }
        _ => {
            return pod_of(ctx, ns, target).map_err(|e| {
                match e.strip_prefix("Error from server (NotFound): ") {
                    // logs.go wraps the builder's NotFound with the namespace.
                    Some(what) => {
                        format!("error from server (NotFound): {what} in namespace {ns:?}")
                    }
                    None => e.replacen("cannot attach to ", "cannot get the logs from ", 1),
                }
            });
        }
    };
    let matching = |console: &crate::console::Console| -> Vec<Pod> {
        console
            .engine
            .store()
            .pods
            .in_namespace(ns)
            .filter(|p| selects(&p.metadata.labels))
            .map(|p| (**p).clone())
            .collect()
    };
    let mut pods = matching(ctx.console);
    if pods.is_empty() {
        let found = ctx.wait_until(timeout, |c| !matching(c).is_empty());
        pods = matching(ctx.console);
        if !found || pods.is_empty() {
            return Err("timed out waiting for the condition".into());
        }
        // The watch hands over the first Pod it sees.
        return Ok(pods[0].metadata.name.to_string());
    }
    crate::sort::sort_by(&mut pods, |a, b| a.metadata.name.cmp(&b.metadata.name));
    crate::sort::sort_by(&mut pods, by_logging);
    if pods.len() > 1 {
        ctx.err(&format!(
            "Found {} pods, using pod/{}\n",
            pods.len(),
            pods[0].metadata.name
        ));
    }
    Ok(pods[0].metadata.name.to_string())
}

/// podutils `ByLogging`: scheduled before unscheduled; Running, then
/// Unknown, then Pending; ready before not ready, and ready for longer
/// first; more restarts first; older first.
pub(super) fn by_logging(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let scheduled = |p: &Pod| !p.spec.node_name.is_empty();
    let phase = |p: &Pod| match p.status.phase.as_str() {
        "Running" => 0,
        "Unknown" => 1,
        "Pending" => 2,
        // Other phases are absent from kubectl's map: they rank as Running.
        _ => 0,
    };
    let ready_since = |p: &Pod| {
        p.status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready" && c.status == "True")
            .map(|c| c.last_transition_time.map(|t| t.sim()))
    };
    let restarts = |p: &Pod| {
        p.status
            .container_statuses
            .iter()
            .chain(p.status.init_container_statuses.iter())
            .map(|s| s.restart_count)
            .max()
            .unwrap_or(0)
    };
    // Earlier first; an empty time last (`afterOrZero`).
    let earlier = |x: Option<SimTime>, y: Option<SimTime>| match (x, y) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    if scheduled(a) != scheduled(b) {
        return if scheduled(a) {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let by_phase = phase(a).cmp(&phase(b));
    if by_phase != Ordering::Equal {
        return by_phase;
    }
    let (ra, rb) = (ready_since(a), ready_since(b));
    if ra.is_some() != rb.is_some() {
        return if ra.is_some() {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    if let (Some(ta), Some(tb)) = (ra, rb) {
        let by_ready = earlier(ta, tb);
        if by_ready != Ordering::Equal {
            return by_ready;
        }
    }
    let by_restarts = restarts(b).cmp(&restarts(a));
    if by_restarts != Ordering::Equal {
        return by_restarts;
    }
    earlier(
        a.metadata.creation_timestamp.map(|t| t.sim()),
        b.metadata.creation_timestamp.map(|t| t.sim()),
    )
}

/// One Pod's logs: the named (or default) container's, or with
/// `--all-containers` the init containers' and then the app containers'.
fn pod_logs(ctx: &mut Ctx, opts: &LogOpts, ns: &str, pod: &str, container: Option<&str>) -> i32 {
    let Some(po) = ctx.console.engine.store().pods.get(ns, pod).cloned() else {
        ctx.err(&format!(
            "error: error from server (NotFound): pods {pod:?} not found in namespace {ns:?}\n"
        ));
        return 1;
    };
    let names: Vec<String> = po
        .spec
        .containers
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    let containers: Vec<String> = if opts.all_containers {
        every_container(&po)
    } else {
        match container {
            Some(c) => {
                // The API server checks the name (pod strategy `LogLocation`).
                if !names.iter().any(|n| n == c) && po.spec.container(c).is_none() {
                    ctx.err(&format!(
                        "Error from server (BadRequest): container {c} is not valid for pod {pod}\n"
                    ));
                    return 1;
                }
                vec![c.to_string()]
            }
            None => {
                // The default-container annotation, else the first
                // container, with kubectl's notice when there was a choice
                // (logs.go `logsForObjectWithClient`).
                if let Some(want) = po
                    .metadata
                    .annotations
                    .get("kubectl.kubernetes.io/default-container")
                    .filter(|n| !n.is_empty())
                {
                    if po.spec.container(want).is_none() {
                        ctx.err(&format!(
                            "Default container name {want:?} not found in pod {pod}\n"
                        ));
                    }
                }
                let (chosen, notice) = crate::console::container::default_container(&po);
                if let Some(n) = notice {
                    ctx.err(&n);
                }
                chosen.into_iter().collect()
            }
        }
    };
    // The API server proxies the request to the Pod's kubelet; a node
    // that stopped answering fails it as `exec` fails.
    let unreachable = crate::console::container::kubelet_unreachable(&ctx.console.engine, &po);
    for c in containers {
        if let Some(ip) = &unreachable {
            let e = format!(
                "Get \"https://{ip}:10250/containerLogs/{ns}/{pod}/{c}\": dial tcp {ip}:10250: connect: no route to host"
            );
            if opts.ignore_errors {
                ctx.out(&format!("error: {e}\n"));
                continue;
            }
            ctx.err(&format!("Error from server: {e}\n"));
            return 1;
        }
        match container_log(ctx, opts, &po, &c) {
            Ok(lines) => {
                let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
                if let Some(n) = opts.limit_bytes {
                    // The kubelet's writer stops at the limit, even inside
                    // a line (kept on a character boundary here).
                    let mut end = n.min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.truncate(end);
                }
                if opts.prefix {
                    let prefix = format!("[pod/{pod}/{c}] ");
                    text = text
                        .split_inclusive('\n')
                        .map(|l| format!("{prefix}{l}"))
                        .collect();
                }
                ctx.out(&text);
            }
            // `--ignore-errors` prints the error on stdout and goes on
            // (logs.go `sequentialConsumeRequest`).
            Err(e) if opts.ignore_errors => ctx.out(&format!("error: {e}\n")),
            Err(e) => {
                ctx.err(&format!("Error from server (BadRequest): {e}\n"));
                return 1;
            }
        }
    }
    0
}

/// Which instance of a container the kubelet reads the log of.
enum Instance {
    /// The one the status' `state` describes.
    Current,
    /// The one in `lastState.terminated`.
    LastTerminated,
}

/// kubelet_pods.go `validateContainerLogStatus`: from the container's
/// status, which instance's log to serve, or why there is none.
fn pick_instance(
    status: &ContainerStatus,
    container: &str,
    pod: &str,
    previous: bool,
) -> Result<Instance, String> {
    let last = status.last_state.terminated.as_ref();
    let state = &status.state;
    if previous {
        return match last {
            Some(_) => Ok(Instance::LastTerminated),
            None => Err(format!(
                "previous terminated container {container:?} in pod {pod:?} not found"
            )),
        };
    }
    if state.running.is_some() {
        return Ok(Instance::Current);
    }
    if state.terminated.is_some() {
        // A container that never started has no id of its own: the
        // instance before it, if any, is the one with a log.
        if !status.container_id.is_empty() {
            return Ok(Instance::Current);
        }
        return match last {
            Some(_) => Ok(Instance::LastTerminated),
            None => Err(format!(
                "container {container:?} in pod {pod:?} is terminated"
            )),
        };
    }
    if last.is_some() {
        return Ok(Instance::LastTerminated);
    }
    match state.waiting.as_ref().map(|w| w.reason.as_str()) {
        Some("ErrImagePull") => Err(format!(
            "container {container:?} in pod {pod:?} is waiting to start: image can't be pulled"
        )),
        Some("ImagePullBackOff") => Err(format!(
            "container {container:?} in pod {pod:?} is waiting to start: trying and failing to pull image"
        )),
        Some(reason) => Err(format!(
            "container {container:?} in pod {pod:?} is waiting to start: {reason}"
        )),
        None => Err(format!(
            "container {container:?} in pod {pod:?} is waiting to start - no logs yet"
        )),
    }
}

/// The lines the kubelet returns for one container, formatted, or the
/// kubelet's error.
fn container_log(
    ctx: &mut Ctx,
    opts: &LogOpts,
    po: &Pod,
    container: &str,
) -> Result<Vec<String>, String> {
    let pod = po.metadata.name.as_str();
    let ns = po.metadata.namespace.as_str();
    if po.spec.node_name.is_empty() {
        // Not scheduled: the API server has no kubelet to ask and streams
        // nothing (pod strategy `LogLocation` returns no location).
        return Ok(Vec::new());
    }
    let Some(rt) = ctx.console.engine.pod_runtime(ns, pod) else {
        // No kubelet runs the Pod yet: its containers are being created.
        return Err(format!(
            "container {container:?} in pod {pod:?} is waiting to start: ContainerCreating"
        ));
    };
    let Some(ct) = rt.find(container).and_then(|c| rt.ctr(c)) else {
        return Ok(Vec::new());
    };
    let status = po
        .status
        .container_statuses
        .iter()
        .chain(po.status.init_container_statuses.iter())
        .chain(po.status.ephemeral_container_statuses.iter())
        .find(|s| s.name == container)
        .ok_or_else(|| format!("container {container:?} in pod {pod:?} is not available"))?;
    let instance = match pick_instance(status, container, pod, opts.previous)? {
        Instance::Current => ct.restarts,
        Instance::LastTerminated => ct.last_instance,
    };
    let Some(log) = ct.logs.instance(instance) else {
        return Ok(Vec::new());
    };
    // The kubelet finds the start of the last `tail` lines first, then
    // skips lines older than `since` (kuberuntime logs `ReadLogs`).
    let skip = opts.tail.map_or(0, |n| log.lines.len().saturating_sub(n));
    let since = opts
        .since_secs
        .map(|s| SimTime(ctx.now().as_ms().saturating_sub(s.saturating_mul(1000))));
    Ok(log
        .lines
        .iter()
        .skip(skip)
        .filter(|l| since.is_none_or(|t| l.at >= t))
        .filter(|l| opts.since_time.is_none_or(|t| l.at >= t))
        .map(|l| {
            if opts.timestamps {
                format!("{} {}", nano_fixed(l.at), l.text)
            } else {
                l.text.clone()
            }
        })
        .collect())
}

/// Why `strconv.ParseInt` refused a flag value.
/// An integer flag's value (None when not given), or pflag's error printed
/// (`strconv.ParseInt: parsing "x": invalid syntax`).
fn int_flag(ctx: &mut Ctx, p: &Parsed, name: &str) -> Result<Option<i64>, ()> {
    let Some(t) = p.value(name) else {
        return Ok(None);
    };
    match t.parse::<i64>() {
        Ok(n) => Ok(Some(n)),
        Err(_) => {
            ctx.err(&format!("error: invalid argument {t:?} for \"--{name}\" flag: strconv.ParseInt: parsing {t:?}: {}\nSee 'kubectl logs --help' for usage.\n", int_error(t)));
            Err(())
        }
    }
}

pub(super) fn int_error(t: &str) -> &'static str {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        "value out of range"
    } else {
        "invalid syntax"
    }
}

/// A log line's timestamp as the kubelet prints it with `--timestamps`:
/// RFC 3339 with nine fraction digits (`RFC3339NanoFixed`).
fn nano_fixed(t: SimTime) -> String {
    let secs = SimTime(t.trunc_secs().as_ms()).rfc3339();
    let base = secs.trim_end_matches('Z');
    format!("{base}.{:03}000000Z", t.as_ms() % 1000)
}

/// Why Go's `time.ParseDuration` refuses `orig` (a text `go_duration_ms`
/// refuses): `time: missing unit in duration "5"`, `time: unknown unit "d"
/// in duration "3d"`, else `time: invalid duration "…"`.
pub(super) fn go_duration_error(orig: &str) -> String {
    // time.quote: printable ASCII as is, `"` and `\` escaped, other bytes as \xNN.
    let quote = |s: &str| {
        let mut q = String::from("\"");
        for &b in s.as_bytes() {
            match b {
                b'"' | b'\\' => {
                    q.push('\\');
                    q.push(b as char);
                }
                0x20..=0x7e => q.push(b as char),
                _ => q.push_str(&format!("\\x{b:02x}")),
            }
        }
        q.push('"');
        q
    };
    let invalid = format!("time: invalid duration {}", quote(orig));
    let mut s = orig.strip_prefix(['-', '+']).unwrap_or(orig);
    if s.is_empty() {
        return invalid;
    }
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    while !s.is_empty() {
        if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return invalid;
        }
        let int_len = digits(s);
        if int_len > 0 && s[..int_len].parse::<i64>().is_err() {
            return invalid;
        }
        s = &s[int_len..];
        let mut frac_len = 0;
        if let Some(rest) = s.strip_prefix('.') {
            frac_len = digits(rest);
            s = &rest[frac_len..];
        }
        if int_len == 0 && frac_len == 0 {
            return invalid;
        }
        let unit_len = s
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return format!("time: missing unit in duration {}", quote(orig));
        }
        let unit = &s[..unit_len];
        if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") {
            return format!(
                "time: unknown unit {} in duration {}",
                quote(unit),
                quote(orig)
            );
        }
        s = &s[unit_len..];
    }
    // Well formed but too long for an int64 of nanoseconds.
    invalid
}

/// Go's `time.ParseDuration`, in milliseconds (finer units truncated):
/// an optional sign, then `0` or numbers each with a unit (ns, us, µs, ms,
/// s, m, h).
pub(super) fn go_duration_ms(text: &str) -> Option<i64> {
    let (neg, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total_ns: f64 = 0.0;
    let mut s = rest;
    while !s.is_empty() {
        let num_len = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let num = &s[..num_len];
        if num.is_empty() || num == "." {
            return None;
        }
        let n: f64 = num.parse().ok()?;
        s = &s[num_len..];
        let unit_len = s
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(s.len());
        let factor = match &s[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        s = &s[unit_len..];
        total_ns += n * factor;
    }
    // Go refuses what overflows an int64 of nanoseconds.
    if !total_ns.is_finite() || total_ns > 9.223_372_036_854_775e18 {
        return None;
    }
    let ms = (total_ns / 1e6) as i64;
    Some(if neg { -ms } else { ms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration_ms("5s"), Some(5000));
        assert_eq!(go_duration_ms("1h30m"), Some(5_400_000));
        assert_eq!(go_duration_ms("-5s"), Some(-5000));
        assert_eq!(go_duration_ms("0"), Some(0));
        assert_eq!(go_duration_ms("1.5s"), Some(1500));
        assert_eq!(go_duration_ms("10"), None);
        assert_eq!(go_duration_ms("abc"), None);
        assert_eq!(go_duration_ms(""), None);
        assert_eq!(go_duration_ms("-"), None);
        assert_eq!(go_duration_ms("3d"), None);
        assert_eq!(go_duration_ms("99999999999999h"), None);
    }

    /// Go's time.ParseDuration error texts, as kubectl 1.33 prints them
    /// for `--timeout=5`, `--timeout=1x`, `--timeout=` and an overflow.
    #[test]
    fn go_duration_errors() {
        assert_eq!(
            go_duration_error("5"),
            r#"time: missing unit in duration "5""#
        );
        assert_eq!(
            go_duration_error("1x"),
            r#"time: unknown unit "x" in duration "1x""#
        );
        assert_eq!(
            go_duration_error("3d"),
            r#"time: unknown unit "d" in duration "3d""#
        );
        assert_eq!(go_duration_error(""), r#"time: invalid duration """#);
        assert_eq!(go_duration_error("abc"), r#"time: invalid duration "abc""#);
        assert_eq!(go_duration_error("-"), r#"time: invalid duration "-""#);
        assert_eq!(go_duration_error(".s"), r#"time: invalid duration ".s""#);
        assert_eq!(
            go_duration_error("99999999999999h"),
            r#"time: invalid duration "99999999999999h""#
        );
    }

    #[test]
    fn timestamps_have_nine_digits() {
        assert_eq!(nano_fixed(SimTime(1234)), "2026-01-05T09:00:01.234000000Z");
    }
}
