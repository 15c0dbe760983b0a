//! `kubectl cordon`, `uncordon` and `drain`.

use std::rc::Rc;

use super::flags::{b, v, Flag, Parsed};
use super::{Ctx, DryRun};
use crate::engine::objects::{Kind, Node, Object};
use crate::engine::{ApiError, DeleteOptions, SimDuration};

pub const CORDON_FLAGS: &[Flag] = &[
    v("selector", Some('l')),
    super::flags::opt("dry-run", "unchanged"),
];
pub const DRAIN_FLAGS: &[Flag] = &[
    b("ignore-daemonsets", None),
    b("delete-emptydir-data", None),
    b("force", None),
    v("grace-period", None),
    v("timeout", None),
    v("selector", Some('l')),
    v("pod-selector", None),
    b("disable-eviction", None),
    super::flags::opt("dry-run", "unchanged"),
    v("skip-wait-for-delete-timeout", None),
    v("chunk-size", None),
];

/// The stored Node, or kubectl's NotFound.
pub(super) fn stored_node(ctx: &Ctx, node: &str) -> Result<Rc<Node>, String> {
    ctx.console
        .engine
        .store()
        .nodes
        .get("", node)
        .cloned()
        .ok_or_else(|| format!("Error from server (NotFound): nodes {node:?} not found"))
}

/// Writes a changed Node back (an update of whatever version is stored).
pub(super) fn write_node(ctx: &mut Ctx, mut n: Node) -> Result<(), String> {
    n.metadata.resource_version.clear();
    ctx.console
        .engine
        .update(Object::Node(Rc::new(n)))
        .map(|_| ())
        .map_err(|e| e.kubectl_text())
}

/// Cordons or uncordons; whether it had to. A client dry run writes
/// nothing, a server dry run writes to a copy of the cluster it drops.
fn set_unschedulable(ctx: &mut Ctx, node: &str, value: bool, dry: DryRun) -> Result<bool, String> {
    let n = stored_node(ctx, node)?;
    if n.spec.unschedulable.unwrap_or(false) == value {
        return Ok(false);
    }
    if dry == DryRun::Client {
        return Ok(true);
    }
    ctx.writing(dry, |ctx| set_unschedulable_now(ctx, &n, value))
        .map(|()| true)
}

fn set_unschedulable_now(ctx: &mut Ctx, n: &Node, value: bool) -> Result<(), String> {
    let mut nn = n.clone();
    nn.spec.unschedulable = if value { Some(true) } else { None };
    if value {
        nn.spec.taints.push(crate::engine::objects::cluster::Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            effect: "NoSchedule".into(),
            time_added: Some(crate::engine::objects::Time::new(ctx.now().trunc_secs())),
            ..Default::default()
        });
    } else {
        nn.spec
            .taints
            .retain(|t| t.key != "node.kubernetes.io/unschedulable");
    }
    write_node(ctx, nn)
}

/// The names of the nodes a label selector picks, in name order (every
/// node without one); a selector that does not parse is kubectl's error,
/// printed.
pub(super) fn nodes_matching(ctx: &mut Ctx, selector: Option<&str>) -> Result<Vec<String>, i32> {
    let sel = match selector.filter(|s| !s.is_empty()) {
        Some(s) => Some(super::selector::parse(s).map_err(|e| ctx.fail(&e))?),
        None => None,
    };
    Ok(ctx
        .console
        .engine
        .store()
        .nodes
        .iter()
        .filter(|n| sel.as_ref().is_none_or(|s| s.matches(&n.metadata.labels)))
        .map(|n| n.metadata.name.to_string())
        .collect())
}

/// The nodes `cordon`, `uncordon` and `drain` act on: the names given, or
/// those `--selector` picks (in name order), never both; neither is
/// cobra's usage error.
fn nodes_of(ctx: &mut Ctx, p: &Parsed) -> Result<Vec<String>, i32> {
    let verb = ctx.verb;
    let selector = p.value("selector").filter(|s| !s.is_empty());
    if p.args.is_empty() && !p.has("selector") {
        return Err(ctx.usage(&format!("USAGE: {verb} NODE [flags]")));
    }
    if !p.args.is_empty() && selector.is_some() {
        return Err(ctx.usage("cannot specify both a node name and a --selector option"));
    }
    if selector.is_some() {
        return nodes_matching(ctx, selector);
    }
    let mut names = Vec::new();
    for arg in &p.args {
        match arg.split_once('/') {
            // `ResourceNames("nodes", …)` takes TYPE/NAME too; Complete
            // refuses any other type (a GroupVersionResource, quoted).
            Some((kind, name)) => match super::resources::kind_of(kind) {
                Ok(Kind::Node) => names.push(name.to_string()),
                Ok(k) => {
                    let i = k.info();
                    // The message carries its own "error: " (CheckErr
                    // adds none then).
                    ctx.err(&format!(
                        "error: expected resource of type node, got \"{}/{}, Resource={}\"\n",
                        i.group, i.version, i.plural
                    ));
                    return Err(1);
                }
                Err(e) => return Err(ctx.fail(&e)),
            },
            None => names.push(arg.clone()),
        }
    }
    Ok(names)
}

fn cordon_each(ctx: &mut Ctx, p: &Parsed, value: bool) -> i32 {
    let nodes = match nodes_of(ctx, p) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let suffix = dry.suffix();
    let mut code = 0;
    for node in nodes {
        match set_unschedulable(ctx, &node, value, dry) {
            Ok(true) => ctx.out(&format!(
                "node/{node} {}{suffix}\n",
                if value { "cordoned" } else { "uncordoned" }
            )),
            Ok(false) => ctx.out(&format!(
                "node/{node} already {}{suffix}\n",
                if value { "cordoned" } else { "uncordoned" }
            )),
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

pub fn cordon(ctx: &mut Ctx, p: &Parsed) -> i32 {
    cordon_each(ctx, p, true)
}

pub fn uncordon(ctx: &mut Ctx, p: &Parsed) -> i32 {
    cordon_each(ctx, p, false)
}

/// Cordon, then evict every Pod of the node (DaemonSet Pods need
/// `--ignore-daemonsets`, emptyDir Pods `--delete-emptydir-data`), waiting
/// for each to be gone.
pub fn drain(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let nodes = match nodes_of(ctx, p) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // `--pod-selector`: only the node's Pods it matches are drained (the
    // drainer lists them with it), checked before the node is cordoned.
    let pod_selector = match p.value("pod-selector").map(super::selector::parse) {
        None => None,
        Some(Ok(sel)) => Some(sel),
        Some(Err(_)) => {
            return ctx.fail("--pod-selector=<pod_selector> must be a valid label selector")
        }
    };
    let suffix = dry.suffix();
    // `RunDrain`: every node is cordoned first, then each is drained in
    // turn; one that fails is reported and the next is drained, and the
    // nodes that failed are named at the end, then their errors.
    for node in &nodes {
        match set_unschedulable(ctx, node, true, dry) {
            Ok(true) => ctx.out(&format!("node/{node} cordoned{suffix}\n")),
            Ok(false) => ctx.out(&format!("node/{node} already cordoned{suffix}\n")),
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                return 1;
            }
        }
    }
    let mut remaining: Vec<&str> = Vec::new();
    let mut fatal: Vec<String> = Vec::new();
    for node in &nodes {
        if let Err(mut errors) = drain_node(ctx, p, node, dry, pod_selector.as_ref()) {
            remaining.push(node);
            fatal.append(&mut errors);
        }
    }
    if remaining.is_empty() {
        return 0;
    }
    ctx.err("There are pending nodes to be drained:\n");
    for n in remaining {
        ctx.err(&format!(" {n}\n"));
    }
    // The aggregate of each node's aggregate: a line each, unprefixed.
    for e in fatal {
        ctx.err(&format!("{e}\n"));
    }
    1
}

/// `deleteOrEvictPodsSimple` for one cordoned node, then its line: `node/…
/// drained`, or its errors (reported as `continuing command...`).
fn drain_node(
    ctx: &mut Ctx,
    p: &Parsed,
    node: &str,
    dry: DryRun,
    pod_selector: Option<&super::selector::Selector>,
) -> Result<(), Vec<String>> {
    let suffix = dry.suffix();
    let pods: Vec<_> = ctx
        .console
        .engine
        .store()
        .pods
        .iter()
        .filter(|q| q.spec.node_name == node && !q.metadata.is_terminating())
        .filter(|q| pod_selector.is_none_or(|sel| sel.matches(&q.metadata.labels)))
        .cloned()
        .collect();
    let daemon: Vec<String> = pods
        .iter()
        .filter(|q| {
            q.metadata
                .controller_ref()
                .is_some_and(|r| r.kind == "DaemonSet")
        })
        .map(|q| format!("{}/{}", q.metadata.namespace, q.metadata.name))
        .collect();
    let mirror: Vec<String> = pods
        .iter()
        .filter(|q| q.metadata.owner_references.is_empty() && q.metadata.namespace == "kube-system")
        .map(|q| format!("{}/{}", q.metadata.namespace, q.metadata.name))
        .collect();
    let emptydir: Vec<String> = pods
        .iter()
        .filter(|q| q.spec.volumes.iter().any(|v| v.empty_dir.is_some()))
        .map(|q| format!("{}/{}", q.metadata.namespace, q.metadata.name))
        .collect();
    let bare: Vec<String> = pods
        .iter()
        .filter(|q| q.metadata.owner_references.is_empty() && q.metadata.namespace != "kube-system")
        .map(|q| format!("{}/{}", q.metadata.namespace, q.metadata.name))
        .collect();
    let mut problems = Vec::new();
    if !daemon.is_empty() && !p.flag("ignore-daemonsets") {
        problems.push(format!(
            "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {}",
            daemon.join(", ")
        ));
    }
    if !emptydir.is_empty() && !p.flag("delete-emptydir-data") {
        problems.push(format!(
            "cannot delete Pods with local storage (use --delete-emptydir-data to override): {}",
            emptydir.join(", ")
        ));
    }
    if !bare.is_empty() && !p.flag("force") {
        problems.push(format!(
            "cannot delete Pods that declare no controller (use --force to override): {}",
            bare.join(", ")
        ));
    }
    if !problems.is_empty() {
        return Err(drain_failed(ctx, node, problems, &[]));
    }
    if !daemon.is_empty() {
        ctx.err(&format!(
            "Warning: ignoring DaemonSet-managed Pods: {}\n",
            daemon.join(", ")
        ));
    }
    let evict: Vec<_> = pods
        .iter()
        .filter(|q| {
            !daemon.contains(&format!("{}/{}", q.metadata.namespace, q.metadata.name))
                && !mirror.contains(&format!("{}/{}", q.metadata.namespace, q.metadata.name))
        })
        .cloned()
        .collect();
    // `deleteOrEvictPodsSimple`: a client dry run names the Pods it would
    // evict; a server dry run asks for each eviction without waiting for
    // anything to go (the API server answers, nothing is evicted).
    if dry != DryRun::None {
        for q in &evict {
            let line = format!("evicting pod {}/{}", q.metadata.namespace, q.metadata.name);
            match dry {
                DryRun::Client => ctx.out(&format!("{line} (dry run)\n")),
                _ => ctx.out(&format!("{line} (server dry run)\n")),
            }
        }
        ctx.out(&format!("node/{node} drained{suffix}\n"));
        return Ok(());
    }
    let opts = DeleteOptions {
        grace_period_seconds: super::delete::grace_of(p),
        ..Default::default()
    };
    // kubectl waits without end by default; the console's waits end at
    // DEFAULT_WAIT, reported as kubectl reports its --timeout.
    let timeout = p
        .value("timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(super::DEFAULT_WAIT);
    let deadline = ctx.now() + timeout;
    let use_eviction = !p.flag("disable-eviction");
    let mut failed: Vec<String> = Vec::new();
    let mut evicted = Vec::new();
    for q in &evict {
        let (ns, name) = (q.metadata.namespace.clone(), q.metadata.name.clone());
        // The eviction API: a PodDisruptionBudget may refuse (429), and
        // kubectl tries again every 5 s.
        let error = loop {
            ctx.out(&format!("evicting pod {ns}/{name}\n"));
            let r = if use_eviction {
                ctx.console.engine.evict(&ns, &name, &opts)
            } else {
                ctx.console
                    .engine
                    .delete(Kind::Pod, &ns, &name, &opts)
                    .map(|_| ())
            };
            match r {
                Err(ApiError::TooManyRequests(m)) => {
                    if ctx.now() + SimDuration::secs(5) > deadline {
                        break Some(format!(
                            "global timeout reached: {}",
                            human_timeout(timeout)
                        ));
                    }
                    ctx.err(&format!(
                        "error when evicting pods/{name:?} -n {ns:?} (will retry after 5s): {m}\n"
                    ));
                    ctx.wait_until(SimDuration::secs(5), |_| false);
                }
                Err(ApiError::NotFound { .. }) | Ok(()) => break None,
                Err(e) => break Some(e.message()),
            }
        };
        match error {
            Some(e) => failed.push(format!("error when evicting pods/{name:?} -n {ns:?}: {e}")),
            None => evicted.push(q),
        }
    }
    for q in evicted {
        let (ns, name, uid) = (
            q.metadata.namespace.clone(),
            q.metadata.name.clone(),
            q.metadata.uid.clone(),
        );
        // kubectl's waitForDelete polls every second.
        let left = deadline.saturating_sub(ctx.now());
        ctx.poll_until(SimDuration::secs(1), left, |c| {
            c.engine
                .store()
                .pods
                .get(&ns, &name)
                .is_none_or(|x| x.metadata.uid != uid)
        });
        ctx.out(&format!("pod/{name} evicted\n"));
    }
    if !failed.is_empty() {
        // `deleteOrEvictPodsSimple` lists what is still on the node
        // (GetPodsForDeletion again) before RunDrain reports the node.
        let pending: Vec<String> = evict
            .iter()
            .filter(|q| {
                ctx.console
                    .engine
                    .store()
                    .pods
                    .get(&q.metadata.namespace, &q.metadata.name)
                    .is_some_and(|x| x.spec.node_name == node)
            })
            .map(|q| q.metadata.name.to_string())
            .collect();
        return Err(drain_failed(ctx, node, failed, &pending));
    }
    ctx.out(&format!("node/{node} drained\n"));
    Ok(())
}

/// How `kubectl drain` reports a node it could not drain: the Pods still
/// on it (`deleteOrEvictPodsSimple`), then RunDrain's line for the node,
/// the nodes left, and the error (one error as itself, several as a list;
/// CheckErr prints each of several on its own line).
fn drain_failed(ctx: &mut Ctx, node: &str, errors: Vec<String>, pending: &[String]) -> Vec<String> {
    let joined = if errors.len() == 1 {
        errors[0].clone()
    } else {
        format!("[{}]", errors.join(", "))
    };
    if !pending.is_empty() {
        ctx.err(&format!(
            "There are pending pods in node {node:?} when an error occurred: {joined}\n"
        ));
        for name in pending {
            ctx.err(&format!("pod/{name}\n"));
        }
    }
    ctx.err(&format!(
        "error: unable to drain node {node:?} due to error: {joined}, continuing command...\n"
    ));
    errors
}

/// Go's `time.Duration.String()` for a timeout: `10m0s`, `1h0m0s`, `30s`,
/// `1.5s`.
fn human_timeout(d: SimDuration) -> String {
    let ms = d.as_ms();
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let secs = if frac == 0 {
        format!("{s}s")
    } else {
        format!("{s}.{}s", format!("{frac:03}").trim_end_matches('0'))
    };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

#[cfg(test)]
mod timeout_tests {
    use super::human_timeout;
    use crate::engine::SimDuration;

    #[test]
    fn timeouts_read_as_go_prints_them() {
        assert_eq!(human_timeout(SimDuration::secs(600)), "10m0s");
        assert_eq!(human_timeout(SimDuration::secs(3600)), "1h0m0s");
        assert_eq!(human_timeout(SimDuration::secs(30)), "30s");
        assert_eq!(human_timeout(SimDuration::ms(1500)), "1.5s");
    }
}
