//! kustomize's built-in transformers with their default field specs
//! (`api/internal/konfig/builtinpluginconsts`): namespace, name prefix and
//! suffix, labels (`commonLabels` reach selectors and templates, `labels`
//! only where asked), annotations, replicas and images.

use std::collections::BTreeMap;

use serde_json::Value;

use super::build::Res;
use super::kustomization::{Image, Kustomization};

/// A field spec: where a value goes, for which kinds, and whether the
/// path is created when missing.
struct Spec {
    path: &'static str,
    group: Option<&'static str>,
    kind: Option<&'static str>,
    create: bool,
}

const fn spec(
    path: &'static str,
    group: Option<&'static str>,
    kind: Option<&'static str>,
    create: bool,
) -> Spec {
    Spec {
        path,
        group,
        kind,
        create,
    }
}

const METADATA_LABELS: Spec = spec("metadata/labels", None, None, true);

/// `templateLabels` (metadatalabels.go, without its first entry).
const TEMPLATE_LABELS: &[Spec] = &[
    spec(
        "spec/template/metadata/labels",
        None,
        Some("ReplicationController"),
        true,
    ),
    spec(
        "spec/template/metadata/labels",
        None,
        Some("Deployment"),
        true,
    ),
    spec(
        "spec/template/metadata/labels",
        None,
        Some("ReplicaSet"),
        true,
    ),
    spec(
        "spec/template/metadata/labels",
        None,
        Some("DaemonSet"),
        true,
    ),
    spec(
        "spec/template/metadata/labels",
        Some("apps"),
        Some("StatefulSet"),
        true,
    ),
    spec(
        "spec/template/metadata/labels",
        Some("batch"),
        Some("Job"),
        true,
    ),
    spec(
        "spec/jobTemplate/metadata/labels",
        Some("batch"),
        Some("CronJob"),
        true,
    ),
    spec(
        "spec/jobTemplate/spec/template/metadata/labels",
        Some("batch"),
        Some("CronJob"),
        true,
    ),
];

const VOLUME_CLAIM_TEMPLATE_LABELS: &[Spec] = &[spec(
    "spec/volumeClaimTemplates[]/metadata/labels",
    Some("apps"),
    Some("StatefulSet"),
    true,
)];

/// commonlabels.go: selectors and the affinity terms that select the
/// same Pods (created only where a selector must exist).
const SELECTOR_LABELS: &[Spec] = &[
    spec("spec/selector", None, Some("Service"), true),
    spec("spec/selector", None, Some("ReplicationController"), true),
    spec("spec/selector/matchLabels", None, Some("Deployment"), true),
    spec("spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", Some("apps"), Some("Deployment"), false),
    spec("spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", Some("apps"), Some("Deployment"), false),
    spec("spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", Some("apps"), Some("Deployment"), false),
    spec("spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", Some("apps"), Some("Deployment"), false),
    spec("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", Some("apps"), Some("Deployment"), false),
    spec("spec/selector/matchLabels", None, Some("ReplicaSet"), true),
    spec("spec/selector/matchLabels", None, Some("DaemonSet"), true),
    spec("spec/selector/matchLabels", Some("apps"), Some("StatefulSet"), true),
    spec("spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", Some("apps"), Some("StatefulSet"), false),
    spec("spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", Some("apps"), Some("StatefulSet"), false),
    spec("spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", Some("apps"), Some("StatefulSet"), false),
    spec("spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", Some("apps"), Some("StatefulSet"), false),
    spec("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", Some("apps"), Some("StatefulSet"), false),
    spec("spec/selector/matchLabels", Some("batch"), Some("Job"), false),
    spec("spec/jobTemplate/spec/selector/matchLabels", Some("batch"), Some("CronJob"), false),
    spec("spec/selector/matchLabels", Some("policy"), Some("PodDisruptionBudget"), false),
    spec("spec/podSelector/matchLabels", Some("networking.k8s.io"), Some("NetworkPolicy"), false),
    spec("spec/ingress/from/podSelector/matchLabels", Some("networking.k8s.io"), Some("NetworkPolicy"), false),
    spec("spec/egress/to/podSelector/matchLabels", Some("networking.k8s.io"), Some("NetworkPolicy"), false),
];

/// commonannotations.go.
const ANNOTATIONS: &[Spec] = &[
    spec("metadata/annotations", None, None, true),
    spec(
        "spec/template/metadata/annotations",
        None,
        Some("ReplicationController"),
        true,
    ),
    spec(
        "spec/template/metadata/annotations",
        None,
        Some("Deployment"),
        true,
    ),
    spec(
        "spec/template/metadata/annotations",
        None,
        Some("ReplicaSet"),
        true,
    ),
    spec(
        "spec/template/metadata/annotations",
        None,
        Some("DaemonSet"),
        true,
    ),
    spec(
        "spec/template/metadata/annotations",
        None,
        Some("StatefulSet"),
        true,
    ),
    spec(
        "spec/template/metadata/annotations",
        Some("batch"),
        Some("Job"),
        true,
    ),
    spec(
        "spec/jobTemplate/metadata/annotations",
        Some("batch"),
        Some("CronJob"),
        true,
    ),
    spec(
        "spec/jobTemplate/spec/template/metadata/annotations",
        Some("batch"),
        Some("CronJob"),
        true,
    ),
];

fn selected(s: &Spec, r: &Res) -> bool {
    s.kind.is_none_or(|k| k == r.kind()) && s.group.is_none_or(|g| g == r.group())
}

/// Sets `pairs` into the map at `path` (each `[]` or list on the way
/// visits every element), creating the path where the spec says so.
fn set_pairs(node: &mut Value, path: &[&str], pairs: &BTreeMap<String, String>, create: bool) {
    if let Value::Array(items) = node {
        for i in items {
            set_pairs(i, path, pairs, create);
        }
        return;
    }
    let Some((first, rest)) = path.split_first() else {
        if node.is_null() && create {
            *node = Value::Object(Default::default());
        }
        if let Value::Object(m) = node {
            for (k, v) in pairs {
                m.insert(k.clone(), Value::String(v.clone()));
            }
        }
        return;
    };
    let key = first.trim_end_matches("[]");
    let is_list = key.len() != first.len();
    let Value::Object(m) = node else { return };
    if !m.contains_key(key) || m.get(key).is_some_and(Value::is_null) {
        // A list step visits the items there are; it never makes one.
        if !create || is_list {
            return;
        }
        m.insert(key.to_string(), Value::Object(Default::default()));
    }
    if let Some(child) = m.get_mut(key) {
        set_pairs(child, rest, pairs, create);
    }
}

fn apply_specs(specs: &[&Spec], pairs: &BTreeMap<String, String>, resources: &mut [Res]) {
    if pairs.is_empty() {
        return;
    }
    for r in resources.iter_mut() {
        for s in specs {
            if selected(s, r) {
                let path: Vec<&str> = s.path.split('/').collect();
                set_pairs(&mut r.obj, &path, pairs, s.create);
            }
        }
    }
}

/// Kinds that have no namespace (kustomize's list of cluster-scoped kinds
/// for the built-in API, with the engine's own).
pub(super) fn cluster_scoped(r: &Res) -> bool {
    const KINDS: &[&str] = &[
        "APIService",
        "CSIDriver",
        "CSINode",
        "CertificateSigningRequest",
        "ClusterRole",
        "ClusterRoleBinding",
        "ComponentStatus",
        "CustomResourceDefinition",
        "IngressClass",
        "MutatingWebhookConfiguration",
        "Namespace",
        "Node",
        "PersistentVolume",
        "PodSecurityPolicy",
        "PriorityClass",
        "RuntimeClass",
        "StorageClass",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "VolumeAttachment",
    ];
    KINDS.contains(&r.kind())
}

pub(super) fn namespace(ns: &str, resources: &mut [Res]) {
    if ns.is_empty() {
        return;
    }
    for r in resources.iter_mut() {
        if r.kind() == "Namespace" {
            // The namespace's own object takes the name (namespace.go).
            r.rename(Some(ns), None);
        } else if !cluster_scoped(r) {
            r.rename(None, Some(ns));
            if matches!(r.kind(), "RoleBinding" | "ClusterRoleBinding") {
                // `setRoleBindingSubjects: defaultOnly`.
                if let Some(Value::Array(subjects)) = r.obj.get_mut("subjects") {
                    for s in subjects {
                        if s.get("name").and_then(Value::as_str) == Some("default") {
                            s["namespace"] = Value::String(ns.into());
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn prefix_suffix(prefix: &str, suffix: &str, resources: &mut [Res]) {
    if prefix.is_empty() && suffix.is_empty() {
        return;
    }
    for r in resources.iter_mut() {
        if matches!(r.kind(), "CustomResourceDefinition" | "Namespace")
            || (r.kind() == "APIService" && r.group() == "apiregistration.k8s.io")
        {
            continue;
        }
        let name = format!("{prefix}{}{suffix}", r.name());
        r.rename(Some(&name), None);
    }
}

pub(super) fn labels(k: &Kustomization, resources: &mut [Res]) {
    for set in &k.labels {
        let mut specs: Vec<&Spec> = Vec::new();
        if set.include_selectors {
            specs.extend(SELECTOR_LABELS);
            specs.push(&METADATA_LABELS);
            specs.extend(TEMPLATE_LABELS);
            specs.extend(VOLUME_CLAIM_TEMPLATE_LABELS);
        } else {
            if set.include_templates {
                specs.push(&METADATA_LABELS);
                specs.extend(TEMPLATE_LABELS);
            }
            if set.include_volume_claim_templates {
                specs.extend(VOLUME_CLAIM_TEMPLATE_LABELS);
            }
            specs.push(&METADATA_LABELS);
        }
        apply_specs(&specs, &set.pairs, resources);
    }
    let mut common: Vec<&Spec> = SELECTOR_LABELS.iter().collect();
    common.push(&METADATA_LABELS);
    common.extend(TEMPLATE_LABELS);
    common.extend(VOLUME_CLAIM_TEMPLATE_LABELS);
    apply_specs(&common, &k.common_labels, resources);
}

pub(super) fn annotations(pairs: &BTreeMap<String, String>, resources: &mut [Res]) {
    let specs: Vec<&Spec> = ANNOTATIONS.iter().collect();
    apply_specs(&specs, pairs, resources);
}

/// replicas.go: `spec/replicas` of the workloads named (by any name they
/// have had).
pub(super) fn replicas(list: &[(String, i64)], resources: &mut [Res]) -> Result<(), String> {
    // The kinds of the replicas field specs, in the order kustomize's
    // error lists them.
    const KINDS: [&str; 4] = [
        "Deployment",
        "StatefulSet",
        "ReplicaSet",
        "ReplicationController",
    ];
    for (name, count) in list {
        let mut found = false;
        for r in resources.iter_mut() {
            if !r.all_names().any(|n| n == name) || !KINDS.contains(&r.kind()) {
                continue;
            }
            found = true;
            if let Value::Object(m) = &mut r.obj {
                let spec = m
                    .entry("spec")
                    .or_insert_with(|| Value::Object(Default::default()));
                if let Value::Object(s) = spec {
                    s.insert("replicas".into(), Value::from(*count));
                }
            }
        }
        if !found {
            let gvks: Vec<String> = KINDS
                .iter()
                .map(|k| format!("{k}.[noVer].[noGrp]"))
                .collect();
            return Err(format!(
                "resource with name {name} does not match a config with the following GVK [{}]",
                gvks.join(" ")
            ));
        }
    }
    Ok(())
}

/// Splits an image reference into name, tag and digest (`image.Split`).
fn split_image(s: &str) -> (&str, &str, &str) {
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, d),
        None => (s, ""),
    };
    // A tag follows the last `:` after the last `/` (a registry port is not one).
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[slash..].rfind(':') {
        Some(i) => (&rest[..slash + i], &rest[slash + i + 1..], digest),
        None => (rest, "", digest),
    }
}

fn updated(image: &str, with: &Image) -> Option<String> {
    let (name, tag, digest) = split_image(image);
    if name != with.name {
        return None;
    }
    let name = if with.new_name.is_empty() {
        name
    } else {
        &with.new_name
    };
    let (tag, digest) = if !with.digest.is_empty() {
        if with.new_tag.is_empty() {
            ("", with.digest.as_str())
        } else {
            (with.new_tag.as_str(), with.digest.as_str())
        }
    } else if !with.new_tag.is_empty() {
        (with.new_tag.as_str(), "")
    } else {
        (tag, digest)
    };
    let mut out = name.to_string();
    if !tag.is_empty() {
        out.push(':');
        out.push_str(tag);
    }
    if !digest.is_empty() {
        out.push('@');
        out.push_str(digest);
    }
    Some(out)
}

/// images: every `containers` and `initContainers` list anywhere in an
/// object (`imagetag.LegacyFilter`), each `image` that names the image.
pub(super) fn image(with: &Image, resources: &mut [Res]) {
    fn walk(v: &mut Value, with: &Image) {
        match v {
            Value::Object(m) => {
                for (k, child) in m.iter_mut() {
                    if matches!(k.as_str(), "containers" | "initContainers") {
                        if let Value::Array(items) = child {
                            for c in items.iter_mut() {
                                let new = c
                                    .get("image")
                                    .and_then(Value::as_str)
                                    .and_then(|i| updated(i, with));
                                if let Some(new) = new {
                                    c["image"] = Value::String(new);
                                }
                            }
                        }
                    }
                    walk(child, with);
                }
            }
            Value::Array(items) => {
                for i in items {
                    walk(i, with);
                }
            }
            _ => {}
        }
    }
    for r in resources.iter_mut() {
        walk(&mut r.obj, with);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(name: &str, new_name: &str, new_tag: &str, digest: &str) -> Image {
        Image {
            name: name.into(),
            new_name: new_name.into(),
            new_tag: new_tag.into(),
            digest: digest.into(),
        }
    }

    #[test]
    fn images_are_matched_by_name_and_retagged() {
        let t = img("registry.k8s.io/nginx-slim", "", "0.24", "");
        assert_eq!(
            updated("registry.k8s.io/nginx-slim:0.21", &t).as_deref(),
            Some("registry.k8s.io/nginx-slim:0.24")
        );
        assert_eq!(
            updated("registry.k8s.io/nginx-slim", &t).as_deref(),
            Some("registry.k8s.io/nginx-slim:0.24")
        );
        // A different repository (or the same one spelt differently) is not matched.
        assert_eq!(updated("nginx-slim:0.21", &t), None);
        let port = img("localhost:5000/app", "", "v2", "");
        assert_eq!(
            updated("localhost:5000/app:v1", &port).as_deref(),
            Some("localhost:5000/app:v2")
        );
        let renamed = img("nginx", "my.registry/nginx", "", "");
        assert_eq!(
            updated("nginx:1.27", &renamed).as_deref(),
            Some("my.registry/nginx:1.27")
        );
        let pinned = img("nginx", "", "", "sha256:abc");
        assert_eq!(
            updated("nginx:1.27", &pinned).as_deref(),
            Some("nginx@sha256:abc")
        );
    }
}
