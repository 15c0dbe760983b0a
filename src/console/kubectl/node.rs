//! `kubectl cordon`, `uncordon` and `drain`.

use std::rc::Rc;

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::engine::objects::{Kind, Object};
use crate::engine::{DeleteOptions, SimDuration};

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
        // An aggregate of one error prints as that error, of several as a list.
        let joined = if problems.len() == 1 {
            problems[0].clone()
        } else {
            format!("[{}]", problems.join(", "))
        };
        ctx.err(&format!(
            "error: unable to drain node {node:?} due to error: {joined}, continuing command...\n"
        ));
        ctx.err(&format!(
            "There are pending nodes to be drained:\n {node}\n"
        ));
        for pr in &problems {
            ctx.err(&format!("{pr}\n"));
        }
        return 1;
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
    for q in &evict {
        ctx.out(&format!(
            "evicting pod {}/{}\n",
            q.metadata.namespace, q.metadata.name
        ));
    }
    let grace = p
        .value("grace-period")
        .and_then(|g| g.parse::<i64>().ok())
        .filter(|g| *g >= 0);
    for q in &evict {
        let _ = ctx.console.engine.delete(
            Kind::Pod,
            &q.metadata.namespace,
            &q.metadata.name,
            &DeleteOptions {
                grace_period_seconds: grace,
                ..Default::default()
            },
        );
    }
    let timeout = p
        .value("timeout")
        .and_then(SimDuration::parse)
        .filter(|d| d.as_ms() > 0)
        .unwrap_or(super::DEFAULT_WAIT);
    for q in &evict {
        let (ns, name, uid) = (
            q.metadata.namespace.clone(),
            q.metadata.name.clone(),
            q.metadata.uid.clone(),
        );
        ctx.wait_until(timeout, |c| {
            c.engine
                .store()
                .pods
                .get(&ns, &name)
                .is_none_or(|x| x.metadata.uid != uid)
        });
        ctx.out(&format!("pod/{name} evicted\n"));
    }
    ctx.out(&format!("node/{node} drained\n"));
    0
}
