//! `kubectl apply --prune`: after every object of the files was applied,
//! the objects of the prune allowlist that an earlier `kubectl apply`
//! made (they carry its last-applied annotation), that the label selector
//! (or `--all`) picks and that this apply did not touch are deleted, each
//! printed `… pruned` (kubectl 1.33 `pkg/cmd/apply/prune.go`).
//!
//! The namespaced kinds are looked at in each namespace the applied
//! objects are in, then the cluster-scoped ones everywhere, in the
//! allowlist's order; `--prune-allowlist` (group/version/Kind) replaces the
//! list. Deletion follows `--cascade` (background by default) and
//! `--grace-period`; a dry run only prints.

use super::flags::Parsed;
use super::{Ctx, DryRun};
use crate::engine::apiserver::DeleteOptions;
use crate::engine::objects::Kind;
use crate::engine::Object;

/// kubectl's default prune allowlist (`prune.GetRESTMappings`), as
/// group/version/Kind; ReplicationController is not a kind here.
const DEFAULT_ALLOWLIST: &[&str] = &[
    "core/v1/ConfigMap",
    "core/v1/Endpoints",
    "core/v1/Namespace",
    "core/v1/PersistentVolumeClaim",
    "core/v1/PersistentVolume",
    "core/v1/Pod",
    "core/v1/Secret",
    "core/v1/Service",
    "batch/v1/Job",
    "batch/v1/CronJob",
    "networking.k8s.io/v1/Ingress",
    "apps/v1/DaemonSet",
    "apps/v1/Deployment",
    "apps/v1/ReplicaSet",
    "apps/v1/StatefulSet",
];

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// `apply`'s checks of `--prune` before anything is applied (`--cascade`
/// among them, its warnings said once).
pub(super) fn check(ctx: &mut Ctx, p: &Parsed) -> Result<(), String> {
    super::delete::cascade(ctx, p)?;
    if p.flag("all") && p.has("selector") {
        return Err("cannot set --all and --selector at the same time".into());
    }
    if !p.flag("all") && !p.has("selector") {
        return Err("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector".into());
    }
    allowlist(p).map(|_| ())
}

/// The kinds to prune: `--prune-allowlist` entries (`group/version/Kind`,
/// `core` for the core group) or kubectl's default list.
fn allowlist(p: &Parsed) -> Result<Vec<Kind>, String> {
    let given = p.values("prune-allowlist");
    let entries: Vec<String> = if given.is_empty() {
        DEFAULT_ALLOWLIST.iter().map(|e| e.to_string()).collect()
    } else {
        given
    };
    let mut kinds = Vec::new();
    for e in &entries {
        let parts: Vec<&str> = e.split('/').collect();
        let [group, version, kind] = parts.as_slice() else {
            return Err(format!(
                "invalid GroupVersionKind format: {e}, please follow <group/version/kind>"
            ));
        };
        let group = if *group == "core" { "" } else { group };
        let found = crate::engine::objects::RESOURCES
            .iter()
            .find(|i| i.kind_name == *kind && i.group == group && i.version == *version);
        match found {
            Some(i) => kinds.push(i.kind),
            None => {
                return Err(format!(
                    "no matches for kind {kind:?} in version {:?}",
                    if group.is_empty() {
                        version.to_string()
                    } else {
                        format!("{group}/{version}")
                    }
                ))
            }
        }
    }
    Ok(kinds)
}

/// Deletes (or, in a dry run, only names) what `--prune` picks; `applied`
/// are the objects this apply wrote or found. Returns the pruned objects
/// for the printers other than the name lines (`table`: those lines are
/// printed here).
pub(super) fn prune(
    ctx: &mut Ctx,
    p: &Parsed,
    applied: &[Object],
    dry: DryRun,
    table: bool,
) -> Result<Vec<Object>, String> {
    let kinds = allowlist(p)?;
    let selector = match p.value("selector") {
        Some(s) => Some(super::selector::parse(s)?),
        None => None,
    };
    let kept: Vec<&str> = applied.iter().map(|o| o.meta().uid.as_str()).collect();
    let mut namespaces: Vec<String> = applied
        .iter()
        .filter(|o| o.kind().namespaced())
        .map(|o| o.namespace().to_string())
        .collect();
    crate::sort::sort(&mut namespaces);
    namespaces.dedup();
    let opts = DeleteOptions {
        grace_period_seconds: super::delete::grace_of(p),
        propagation: super::delete::propagation_of(p.value("cascade")),
        uid: None,
    };
    let mut scopes: Vec<(Kind, Option<String>)> = Vec::new();
    for ns in &namespaces {
        for k in kinds.iter().filter(|k| k.namespaced()) {
            scopes.push((*k, Some(ns.clone())));
        }
    }
    for k in kinds.iter().filter(|k| !k.namespaced()) {
        scopes.push((*k, None));
    }
    let mut pruned = Vec::new();
    for (kind, ns) in scopes {
        let candidates: Vec<Object> = ctx
            .console
            .engine
            .list(kind, ns.as_deref())
            .into_iter()
            .filter(|o| o.meta().annotations.contains_key(LAST_APPLIED))
            .filter(|o| {
                selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&o.meta().labels))
            })
            .filter(|o| !kept.contains(&o.meta().uid.as_str()))
            .collect();
        for o in candidates {
            if dry != DryRun::Client {
                ctx.console
                    .engine
                    .delete(o.kind(), o.namespace(), o.name(), &opts)
                    .map_err(|e| e.kubectl_text())?;
            }
            if table {
                ctx.out(&format!(
                    "{}/{} pruned{}\n",
                    o.kind().singular_qualified(),
                    o.name(),
                    dry.suffix()
                ));
            }
            pruned.push(o);
        }
    }
    Ok(pruned)
}
