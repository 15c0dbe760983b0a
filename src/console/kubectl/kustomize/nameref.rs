//! `FixBackReferences` (`api/filters/nameref`, with the default
//! `nameReference` field specs of `builtinpluginconsts/namereference.go`):
//! once names have their prefixes, suffixes and hashes, every field that
//! refers to an object by a name it had — a Pod template's ConfigMaps and
//! Secrets, a StatefulSet's `serviceName`, claims, service accounts,
//! storage classes, an autoscaler's target — is rewritten to its current
//! name. A namespaced object is only referred to from its own namespace.

use serde_json::Value;

use super::build::{str_at, Res};

/// Where a Pod spec sits in each kind that carries one.
fn pod_spec_path(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Pod" => &["spec"],
        "PodTemplate" => &["template", "spec"],
        "Deployment"
        | "ReplicaSet"
        | "DaemonSet"
        | "StatefulSet"
        | "Job"
        | "ReplicationController" => &["spec", "template", "spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        _ => return None,
    })
}

/// The places inside a Pod spec that name an object of `kind`.
fn pod_spec_fields(kind: &str) -> &'static [&'static [&'static str]] {
    match kind {
        "ConfigMap" => &[
            &["volumes", "configMap", "name"],
            &["containers", "env", "valueFrom", "configMapKeyRef", "name"],
            &[
                "initContainers",
                "env",
                "valueFrom",
                "configMapKeyRef",
                "name",
            ],
            &["containers", "envFrom", "configMapRef", "name"],
            &["initContainers", "envFrom", "configMapRef", "name"],
            &["volumes", "projected", "sources", "configMap", "name"],
        ],
        "Secret" => &[
            &["volumes", "secret", "secretName"],
            &["containers", "env", "valueFrom", "secretKeyRef", "name"],
            &["initContainers", "env", "valueFrom", "secretKeyRef", "name"],
            &["containers", "envFrom", "secretRef", "name"],
            &["initContainers", "envFrom", "secretRef", "name"],
            &["imagePullSecrets", "name"],
            &["volumes", "projected", "sources", "secret", "name"],
        ],
        "ServiceAccount" => &[&["serviceAccountName"]],
        "PersistentVolumeClaim" => &[&["volumes", "persistentVolumeClaim", "claimName"]],
        "PriorityClass" => &[&["priorityClassName"]],
        _ => &[],
    }
}

/// Other places that name an object of `target` kind, by referrer kind.
fn other_fields(target: &str, referrer: &str) -> &'static [&'static [&'static str]] {
    match (target, referrer) {
        ("Service", "StatefulSet") => &[&["spec", "serviceName"]],
        ("Service", "Ingress") => &[
            &[
                "spec", "rules", "http", "paths", "backend", "service", "name",
            ],
            &["spec", "defaultBackend", "service", "name"],
        ],
        ("Secret", "Ingress") => &[&["spec", "tls", "secretName"]],
        ("Secret", "ServiceAccount") => &[&["imagePullSecrets", "name"], &["secrets", "name"]],
        ("PersistentVolume", "PersistentVolumeClaim") => &[&["spec", "volumeName"]],
        ("StorageClass", "PersistentVolumeClaim" | "PersistentVolume") => {
            &[&["spec", "storageClassName"]]
        }
        ("StorageClass", "StatefulSet") => {
            &[&["spec", "volumeClaimTemplates", "spec", "storageClassName"]]
        }
        ("Role" | "ClusterRole", "RoleBinding" | "ClusterRoleBinding") => &[&["roleRef", "name"]],
        _ => &[],
    }
}

fn cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "PersistentVolume" | "StorageClass" | "PriorityClass" | "ClusterRole" | "Namespace"
    )
}

/// Rewrites the string at `path` (lists on the way visit every element)
/// when it is one of `old` names.
fn rewrite(node: &mut Value, path: &[&str], old: &[String], new: &str) {
    if let Value::Array(items) = node {
        for i in items {
            rewrite(i, path, old, new);
        }
        return;
    }
    let Some((first, rest)) = path.split_first() else {
        if let Value::String(s) = node {
            if old.iter().any(|o| o == s) {
                *s = new.to_string();
            }
        }
        return;
    };
    if let Some(child) = node.get_mut(*first) {
        rewrite(child, rest, old, new);
    }
}

fn descend<'a>(v: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    let mut cur = v;
    for p in path {
        cur = cur.get_mut(*p)?;
    }
    Some(cur)
}

pub(super) fn fix_back_references(resources: &mut [Res]) {
    // (kind, namespace, old names, current name) of each renamed object.
    let renamed: Vec<(String, String, Vec<String>, String)> = resources
        .iter()
        .filter(|r| !r.history.is_empty())
        .map(|r| {
            let old: Vec<String> = r
                .history
                .iter()
                .map(|(n, _)| n.clone())
                .filter(|n| n != r.name())
                .collect();
            (
                r.kind().to_string(),
                r.namespace().to_string(),
                old,
                r.name().to_string(),
            )
        })
        .filter(|(_, _, old, _)| !old.is_empty())
        .collect();
    for (kind, ns, old, new) in &renamed {
        for r in resources.iter_mut() {
            let referrer_cluster_wide =
                matches!(r.kind(), "ClusterRoleBinding" | "PersistentVolume");
            if !cluster_scoped(kind) && !referrer_cluster_wide && r.namespace() != ns.as_str() {
                continue;
            }
            let rkind = r.kind().to_string();
            if let Some(base) = pod_spec_path(&rkind) {
                if let Some(spec) = descend(&mut r.obj, base) {
                    for path in pod_spec_fields(kind) {
                        rewrite(spec, path, old, new);
                    }
                }
            }
            for path in other_fields(kind, &rkind) {
                rewrite(&mut r.obj, path, old, new);
            }
            // An autoscaler's target, of the kind it names.
            if rkind == "HorizontalPodAutoscaler"
                && str_at(&r.obj, &["spec", "scaleTargetRef", "kind"]) == kind.as_str()
            {
                rewrite(&mut r.obj, &["spec", "scaleTargetRef", "name"], old, new);
            }
            if kind == "ServiceAccount"
                && matches!(rkind.as_str(), "RoleBinding" | "ClusterRoleBinding")
            {
                if let Some(Value::Array(subjects)) = r.obj.get_mut("subjects") {
                    for s in subjects {
                        let is_account =
                            s.get("kind").and_then(Value::as_str) == Some("ServiceAccount");
                        let named = s
                            .get("name")
                            .and_then(Value::as_str)
                            .is_some_and(|n| old.iter().any(|o| o == n));
                        if is_account && named {
                            // The subject follows the account to its
                            // namespace too (nameref's subjects handling).
                            s["name"] = Value::String(new.clone());
                            if !ns.is_empty() {
                                s["namespace"] = Value::String(ns.clone());
                            }
                        }
                    }
                }
            }
        }
    }
}
