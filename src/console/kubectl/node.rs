//! `kubectl cordon`, `uncordon`, `drain` and `taint`.

use std::rc::Rc;

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::engine::objects::cluster::Taint;
use crate::engine::objects::{Kind, Object};
use crate::engine::{ApiError, DeleteOptions, SimDuration};

pub const CORDON_FLAGS: &[Flag] = &[
    v("selector", Some('l')),
    super::flags::opt("dry-run", "unchanged"),
];
pub const DRAIN_FLAGS: &[Flag] = &[
    b("ignore-daemonsets", None),
    b("delete-emptydir-data", None),
    b("delete-local-data", None),
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

fn set_unschedulable(ctx: &mut Ctx, node: &str, value: bool) -> Result<bool, String> {
    let n = ctx
        .console
        .engine
        .store()
        .nodes
        .get("", node)
        .cloned()
        .ok_or_else(|| format!("Error from server (NotFound): nodes {node:?} not found"))?;
    if n.spec.unschedulable.unwrap_or(false) == value {
        return Ok(false);
    }
    let mut nn = (*n).clone();
    nn.spec.unschedulable = if value { Some(true) } else { None };
    nn.metadata.resource_version.clear();
    if value {
        nn.spec.taints.push(crate::engine::objects::cluster::Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            effect: "NoSchedule".into(),
            time_added: Some(crate::engine::objects::Time(ctx.now().trunc_secs())),
            ..Default::default()
        });
    } else {
        nn.spec
            .taints
            .retain(|t| t.key != "node.kubernetes.io/unschedulable");
    }
    ctx.console
        .engine
        .update(Object::Node(Rc::new(nn)))
        .map_err(|e| e.kubectl_text())?;
    Ok(true)
}

fn cordon_each(ctx: &mut Ctx, p: &Parsed, value: bool) -> i32 {
    if p.args.is_empty() && !p.has("selector") {
        let verb = ctx.verb;
        return ctx.usage(&format!("USAGE: {verb} NODE [flags]"));
    }
    let mut code = 0;
    for node in p.args.clone() {
        let node = node
            .strip_prefix("node/")
            .or_else(|| node.strip_prefix("nodes/"))
            .unwrap_or(&node)
            .to_string();
        match set_unschedulable(ctx, &node, value) {
            Ok(true) => ctx.out(&format!(
                "node/{node} {}\n",
                if value { "cordoned" } else { "uncordoned" }
            )),
            Ok(false) => ctx.out(&format!(
                "node/{node} already {}\n",
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
    let Some(node) = p.args.first().cloned() else {
        return ctx.usage("USAGE: drain NODE [flags]");
    };
    let node = node.strip_prefix("node/").unwrap_or(&node).to_string();
    match set_unschedulable(ctx, &node, true) {
        Ok(true) => ctx.out(&format!("node/{node} cordoned\n")),
        Ok(false) => ctx.out(&format!("node/{node} already cordoned\n")),
        Err(e) => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
    }
    let pods: Vec<_> = ctx
        .console
        .engine
        .store()
        .pods
        .iter()
        .filter(|q| q.spec.node_name == node && !q.metadata.is_terminating())
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
    if !emptydir.is_empty() && !p.flag("delete-emptydir-data") && !p.flag("delete-local-data") {
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
        return drain_failed(ctx, &node, &problems);
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
    let grace = p
        .value("grace-period")
        .and_then(|g| g.parse::<i64>().ok())
        .filter(|g| *g >= 0);
    let opts = DeleteOptions {
        grace_period_seconds: grace,
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
        let left = deadline.saturating_sub(ctx.now());
        ctx.wait_until(left, |c| {
            c.engine
                .store()
                .pods
                .get(&ns, &name)
                .is_none_or(|x| x.metadata.uid != uid)
        });
        ctx.out(&format!("pod/{name} evicted\n"));
    }
    if !failed.is_empty() {
        return drain_failed(ctx, &node, &failed);
    }
    ctx.out(&format!("node/{node} drained\n"));
    0
}

/// How `kubectl drain` reports a node it could not drain (RunDrain): the
/// aggregate error (one error as itself, several as a list), then each.
fn drain_failed(ctx: &mut Ctx, node: &str, errors: &[String]) -> i32 {
    let joined = if errors.len() == 1 {
        errors[0].clone()
    } else {
        format!("[{}]", errors.join(", "))
    };
    ctx.err(&format!(
        "error: unable to drain node {node:?} due to error: {joined}, continuing command...\n"
    ));
    ctx.err(&format!(
        "There are pending nodes to be drained:\n {node}\n"
    ));
    for e in errors {
        ctx.err(&format!("{e}\n"));
    }
    1
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

pub const TAINT_FLAGS: &[Flag] = &[
    b("overwrite", None),
    b("all", None),
    v("selector", Some('l')),
    super::flags::opt("dry-run", "unchanged"),
];

/// One taint as kubectl's `parseTaint` reads `key[=value][:effect]`.
fn parse_taint(spec: &str) -> Result<Taint, String> {
    use crate::engine::apiserver::validation::labels::{is_qualified_name, is_valid_label_value};
    let parts: Vec<&str> = spec.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (*key, "", ""),
        [kv, effect] => {
            if !matches!(*effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            let kv: Vec<&str> = kv.split('=').collect();
            match kv.as_slice() {
                [key] => (*key, "", *effect),
                [key, value] => {
                    let errs = is_valid_label_value(value);
                    if !errs.is_empty() {
                        return Err(format!("invalid taint spec: {spec}, {}", errs.join("; ")));
                    }
                    (*key, *value, *effect)
                }
                _ => return Err(format!("invalid taint spec: {spec}")),
            }
        }
        _ => return Err(format!("invalid taint spec: {spec}")),
    };
    let errs = is_qualified_name(key);
    if !errs.is_empty() {
        return Err(format!("invalid taint spec: {spec}, {}", errs.join("; ")));
    }
    Ok(Taint {
        key: key.to_string(),
        value: value.to_string(),
        effect: effect.to_string(),
        time_added: None,
    })
}

/// `Taint.ToString`: `key=value:effect`, `key:effect` or `key`.
fn taint_text(t: &Taint) -> String {
    let mut s = t.key.clone();
    if !t.value.is_empty() {
        s.push('=');
        s.push_str(&t.value);
    }
    if !t.effect.is_empty() {
        s.push(':');
        s.push_str(&t.effect);
    }
    s
}

/// `kubectl taint nodes NODE key=value:Effect … key:Effect- key-`: the
/// taints to add come first in the new list, then the node's others
/// (kubectl's `reorganizeTaints`); the node is `tainted`, `untainted` or,
/// with `--overwrite`, `modified`.
pub fn taint(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let mut resources = Vec::new();
    let mut specs = Vec::new();
    for a in &p.args {
        let is_taint = a.contains('=') || a.contains(':') || a.ends_with('-');
        if is_taint {
            specs.push(a.clone());
        } else if !specs.is_empty() {
            return ctx.fail(&format!(
                "all resources must be specified before taint changes: {a}"
            ));
        } else {
            resources.push(a.clone());
        }
    }
    let mut add: Vec<Taint> = Vec::new();
    let mut remove: Vec<Taint> = Vec::new();
    for spec in &specs {
        let parsed = match spec.strip_suffix('-') {
            Some(rest) => parse_taint(rest).map(|t| remove.push(t)),
            None => parse_taint(spec).and_then(|t| {
                if t.effect.is_empty() {
                    return Err(format!("invalid taint spec: {spec}"));
                }
                if add.iter().any(|x| x.key == t.key && x.effect == t.effect) {
                    return Err(format!(
                        "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                        t.key, t.value, t.effect
                    ));
                }
                add.push(t);
                Ok(())
            }),
        };
        if let Err(e) = parsed {
            return ctx.usage(&e);
        }
    }
    if resources.is_empty() && !p.flag("all") && !p.has("selector") {
        return ctx.fail("one or more resources must be specified as <resource> <name>");
    }
    if add.is_empty() && remove.is_empty() {
        return ctx.fail("at least one taint update is required");
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| {
            remove
                .iter()
                .filter(move |r| r.key == a.key && (r.effect.is_empty() || r.effect == a.effect))
        })
        .map(|r| format!("{{\"{}\":\"{}\"}}", r.key, r.effect))
        .collect();
    if !conflicts.is_empty() {
        return ctx.fail(&format!(
            "can not both modify and remove the following taint(s) in the same command: {}",
            conflicts.join(", ")
        ));
    }
    // The nodes: `nodes NAME…`, `node/NAME…`, `--all` or `-l`.
    let mut names: Vec<String> = Vec::new();
    let mut typed = resources.iter();
    if let Some(first) = resources.first().filter(|r| !r.contains('/')) {
        if !matches!(first.as_str(), "node" | "nodes" | "no") {
            return ctx.fail(&format!(
                "invalid resource type {first}, only node types are supported"
            ));
        }
        typed.next();
    }
    for r in typed {
        match r.split_once('/') {
            Some(("node" | "nodes" | "no", name)) => names.push(name.to_string()),
            Some((kind, _)) => {
                return ctx.fail(&format!(
                    "invalid resource type {kind}, only node types are supported"
                ))
            }
            None => names.push(r.clone()),
        }
    }
    if p.flag("all") || p.has("selector") {
        let sel = match p.value("selector").filter(|s| !s.is_empty()) {
            Some(s) => match super::selector::parse(s) {
                Ok(sel) => Some(sel),
                Err(e) => return ctx.fail(&e),
            },
            None => None,
        };
        names.extend(
            ctx.console
                .engine
                .store()
                .nodes
                .iter()
                .filter(|n| sel.as_ref().is_none_or(|s| s.matches(&n.metadata.labels)))
                .map(|n| n.metadata.name.clone()),
        );
    }
    let overwrite = p.flag("overwrite");
    let mut code = 0;
    for name in names {
        match taint_node(ctx, &name, &add, &remove, overwrite) {
            Ok(op) => ctx.out(&format!("node/{name} {op}\n")),
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

/// Applies the taint changes to one node; the operation's word.
fn taint_node(
    ctx: &mut Ctx,
    name: &str,
    add: &[Taint],
    remove: &[Taint],
    overwrite: bool,
) -> Result<&'static str, String> {
    let n = ctx
        .console
        .engine
        .store()
        .nodes
        .get("", name)
        .cloned()
        .ok_or_else(|| format!("Error from server (NotFound): nodes {name:?} not found"))?;
    let old = &n.spec.taints;
    if !overwrite {
        let exists: Vec<String> = add
            .iter()
            .filter(|a| old.iter().any(|o| o.key == a.key && o.effect == a.effect))
            .map(|a| a.key.clone())
            .collect();
        if !exists.is_empty() {
            return Err(format!(
                "error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false",
                exists.join(",")
            ));
        }
    }
    // `reorganizeTaints`: the new ones, then the old ones they do not replace.
    let mut taints: Vec<Taint> = add.to_vec();
    for o in old {
        if !add.iter().any(|a| a.key == o.key && a.effect == o.effect) {
            taints.push(o.clone());
        }
    }
    let added = taints.len() != old.len();
    let mut missing = Vec::new();
    let mut deleted = false;
    for r in remove {
        let before = taints.len();
        taints.retain(|t| !(t.key == r.key && (r.effect.is_empty() || t.effect == r.effect)));
        deleted = taints.len() != before;
        if !deleted {
            missing.push(format!("taint {:?} not found", taint_text(r)));
        }
    }
    match missing.len() {
        0 => {}
        1 => return Err(format!("error: {}", missing[0])),
        _ => return Err(format!("error: [{}]", missing.join(", "))),
    }
    let op = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    let mut nn = (*n).clone();
    nn.spec.taints = taints;
    nn.metadata.resource_version.clear();
    ctx.console
        .engine
        .update(Object::Node(Rc::new(nn)))
        .map_err(|e| e.kubectl_text())?;
    Ok(op)
}
