//! Pod validation (core `ValidatePodCreate`, `ValidatePodSpec`,
//! `ValidatePodUpdate`): the spec fields the simulator types, the
//! annotations the API server reads, and the update rule that only images,
//! `activeDeadlineSeconds`, added tolerations and a once-negative grace
//! period may change.
//!
//! Affinity, security contexts, topology spread and other
//! verbatim-kept fields are not validated here.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::container::{validate_containers, validate_image_whitespace, validate_init_containers};
use super::diff::spec_diff;
use super::ephemeral::{ephemeral_changes, validate_ephemeral_containers};
use super::labels::{is_valid_label_value, validate_label_name, validate_labels};
use super::meta::{validate_object_meta, validate_object_meta_update};
use super::names::{inclusive_range, is_dns1123_label, name_is_dns_subdomain};
use super::render::{forbidden, invalid, js, not_supported, q, required, Path};
use super::volume::{validate_local_descending_path, validate_volumes};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::{PodSpec, Toleration};
use crate::engine::objects::{Pod, Value};

const MAX_INT32: i64 = i32::MAX as i64;
const MIRROR_ANNOTATION: &str = "kubernetes.io/config.mirror";
const DELETION_COST_ANNOTATION: &str = "controller.kubernetes.io/pod-deletion-cost";
const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

pub const POD_UPDATE_FORBIDDEN: &str = "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

pub fn validate_pod(pod: &Pod) -> Vec<FieldError> {
    let mut errs = validate_pod_metadata_and_spec(pod);
    let spec = Path::new("spec");
    if !pod.spec.ephemeral_containers.is_empty() {
        errs.push(forbidden(
            &spec.child("ephemeralContainers"),
            "cannot be set on create",
        ));
    }
    if !pod.spec.node_name.is_empty()
        && pod
            .spec
            .extra
            .get("schedulingGates")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    {
        errs.push(forbidden(
            &spec.child("nodeName"),
            "cannot be set until all schedulingGates have been cleared",
        ));
    }
    errs
}

fn validate_pod_metadata_and_spec(pod: &Pod) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let spec = Path::new("spec");
    let mut errs = validate_object_meta(&pod.metadata, true, name_is_dns_subdomain);
    errs.extend(validate_pod_specific_annotations(
        &pod.metadata.annotations,
        &pod.spec,
        &meta.child("annotations"),
    ));
    errs.extend(validate_pod_spec(&pod.spec, &spec, true));
    errs.extend(validate_image_whitespace(
        &pod.spec.containers,
        &spec.child("containers"),
    ));
    errs.extend(validate_image_whitespace(
        &pod.spec.init_containers,
        &spec.child("initContainers"),
    ));
    errs
}

/// `ValidatePodSpecificAnnotations`: the mirror-pod marker, the deletion
/// cost, and the deprecated seccomp and AppArmor annotations.
pub fn validate_pod_specific_annotations(
    annotations: &crate::engine::objects::Labels,
    spec: &PodSpec,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(v) = annotations.get(MIRROR_ANNOTATION) {
        if spec.node_name.is_empty() {
            errs.push(invalid(
                &path.key(MIRROR_ANNOTATION),
                q(v),
                "must set spec.nodeName if mirror pod annotation is set",
            ));
        }
    }
    if let Some(v) = annotations.get(DELETION_COST_ANNOTATION) {
        if !is_int32(v) {
            errs.push(invalid(
                &path.key(DELETION_COST_ANNOTATION),
                q(v),
                "must be a 32bit integer",
            ));
        }
    }
    if let Some(p) = annotations.get(SECCOMP_POD_ANNOTATION) {
        errs.extend(validate_seccomp_profile(
            p,
            &path.child(SECCOMP_POD_ANNOTATION),
        ));
    }
    for (k, p) in annotations {
        if k.starts_with(SECCOMP_CONTAINER_PREFIX) {
            errs.extend(validate_seccomp_profile(p, &path.child(k)));
        }
    }
    for (k, p) in annotations {
        let Some(container) = k.strip_prefix(APPARMOR_PREFIX) else {
            continue;
        };
        let known = spec
            .containers
            .iter()
            .chain(spec.init_containers.iter())
            .any(|c| c.name == container)
            || spec.ephemeral(container).is_some();
        if !known {
            errs.push(invalid(&path.key(k), q(container), "container not found"));
        }
        if !(p.is_empty()
            || p == "runtime/default"
            || p == "unconfined"
            || p.starts_with("localhost/"))
        {
            errs.push(invalid(
                &path.key(k),
                q(p),
                &format!("invalid AppArmor profile name: {}", q(p)),
            ));
        }
    }
    errs
}

/// The deletion cost parses as an int32 with no '+' and no leading zero.
fn is_int32(v: &str) -> bool {
    let first_ok = match v.as_bytes().first() {
        Some(b'-') => true,
        Some(b'0') => v == "0",
        Some(c) => c.is_ascii_digit(),
        None => false,
    };
    first_ok && v.parse::<i32>().is_ok()
}

fn validate_seccomp_profile(p: &str, path: &Path) -> Vec<FieldError> {
    match p {
        "runtime/default" | "docker/default" | "unconfined" => Vec::new(),
        _ => match p.strip_prefix("localhost/") {
            Some(rest) => validate_local_descending_path(rest, path),
            None => vec![invalid(path, q(p), "must be a valid seccomp profile")],
        },
    }
}

/// `ValidatePodSpec`. `resource_is_pod` is `PodValidationOptions.ResourceIsPod`:
/// templates do not get their host ports defaulted, so only Pods need
/// `hostPort == containerPort` under `hostNetwork`.
pub fn validate_pod_spec(spec: &PodSpec, path: &Path, resource_is_pod: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.termination_grace_period_seconds.is_none() {
        errs.push(required(&path.child("terminationGracePeriodSeconds"), ""));
    }
    let (volumes, vol_errs) = validate_volumes(&spec.volumes, &path.child("volumes"));
    errs.extend(vol_errs);
    let grace = spec.termination_grace_period_seconds;
    errs.extend(validate_containers(
        &spec.containers,
        &volumes,
        grace,
        &path.child("containers"),
    ));
    errs.extend(validate_init_containers(
        &spec.init_containers,
        &spec.containers,
        &volumes,
        grace,
        &path.child("initContainers"),
    ));
    errs.extend(validate_ephemeral_containers(
        &spec.ephemeral_containers,
        &spec.containers,
        &spec.init_containers,
        &volumes,
        &path.child("ephemeralContainers"),
    ));
    if resource_is_pod && spec.extra.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        for (i, c) in spec.containers.iter().enumerate() {
            for (j, port) in c.ports.iter().enumerate() {
                let hp = port
                    .extra
                    .get("hostPort")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                if hp != port.container_port {
                    let p = path
                        .child("containers")
                        .index(i)
                        .child("ports")
                        .index(j)
                        .child("hostPort");
                    errs.push(invalid(
                        &p,
                        hp.to_string(),
                        "must match `containerPort` when `hostNetwork` is true",
                    ));
                }
            }
        }
    }
    match spec.restart_policy.as_deref().unwrap_or("") {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.push(required(&path.child("restartPolicy"), "")),
        other => errs.push(not_supported(
            &path.child("restartPolicy"),
            js(other),
            &["Always", "OnFailure", "Never"],
        )),
    }
    match spec.dns_policy.as_deref().unwrap_or("") {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => {}
        "" => errs.push(required(&path.child("dnsPolicy"), "")),
        other => errs.push(not_supported(
            &path.child("dnsPolicy"),
            js(other),
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )),
    }
    errs.extend(validate_labels(
        &spec.node_selector,
        &path.child("nodeSelector"),
    ));
    // After the node selector, as ValidatePodSpec orders them (security
    // context and affinity, not validated here, come between).
    errs.extend(super::pod_dns::validate_pod_dns_config(spec, path));
    if let Some(sa) = spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        for m in name_is_dns_subdomain(sa, false) {
            errs.push(invalid(&path.child("serviceAccountName"), q(sa), &m));
        }
    }
    if !spec.node_name.is_empty() {
        for m in name_is_dns_subdomain(&spec.node_name, false) {
            errs.push(invalid(&path.child("nodeName"), q(&spec.node_name), &m));
        }
    }
    if let Some(ads) = spec.active_deadline_seconds {
        if !(1..=MAX_INT32).contains(&ads) {
            errs.push(invalid(
                &path.child("activeDeadlineSeconds"),
                ads.to_string(),
                &inclusive_range(1, MAX_INT32),
            ));
        }
    }
    for (field, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        if !value.is_empty() {
            for m in is_dns1123_label(value) {
                errs.push(invalid(&path.child(field), q(value), &m));
            }
        }
    }
    if !spec.tolerations.is_empty() {
        errs.extend(validate_tolerations(
            &spec.tolerations,
            &path.child("tolerations"),
        ));
    }
    if let Some(pc) = spec
        .extra
        .get("priorityClassName")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        for m in name_is_dns_subdomain(pc, false) {
            errs.push(invalid(&path.child("priorityClassName"), q(pc), &m));
        }
    }
    if let Some(pp) = &spec.preemption_policy {
        match pp.as_str() {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(required(&path.child("preemptionPolicy"), "")),
            other => errs.push(not_supported(
                &path.child("preemptionPolicy"),
                js(other),
                &["PreemptLowerPriority", "Never"],
            )),
        }
    }
    errs
}

/// `ValidateTolerations`.
pub fn validate_tolerations(tolerations: &[Toleration], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        let op = t.operator.as_deref().unwrap_or("");
        if !t.key.is_empty() {
            errs.extend(validate_label_name(&t.key, &p.child("key")));
        }
        if t.key.is_empty() && op != "Exists" {
            errs.push(invalid(&p.child("operator"), js(op), "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.push(invalid(
                &p.child("effect"),
                js(&t.effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match op {
            "Equal" | "" => {
                let msgs = is_valid_label_value(&t.value);
                if !msgs.is_empty() {
                    errs.push(invalid(&p.child("operator"), q(&t.value), &msgs.join(";")));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    errs.push(invalid(
                        &p.child("operator"),
                        q(&t.value),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            other => errs.push(not_supported(
                &p.child("operator"),
                js(other),
                &["Equal", "Exists"],
            )),
        }
        if !t.effect.is_empty()
            && !matches!(
                t.effect.as_str(),
                "NoSchedule" | "PreferNoSchedule" | "NoExecute"
            )
        {
            errs.push(not_supported(
                &p.child("effect"),
                js(&t.effect),
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            ));
        }
    }
    errs
}

fn annotation_update_errors(
    new: &crate::engine::objects::Labels,
    old: &crate::engine::objects::Labels,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in old {
        if new.get(k) == Some(v) {
            continue;
        }
        if k.starts_with(APPARMOR_PREFIX) {
            errs.push(forbidden(
                &path.key(k),
                "may not remove or update AppArmor annotations",
            ));
        }
        if k == MIRROR_ANNOTATION {
            errs.push(forbidden(
                &path.key(k),
                "may not remove or update mirror pod annotation",
            ));
        }
    }
    for k in new.keys().filter(|k| !old.contains_key(*k)) {
        if k.starts_with(APPARMOR_PREFIX) {
            errs.push(forbidden(&path.key(k), "may not add AppArmor annotations"));
        }
        if k == MIRROR_ANNOTATION {
            errs.push(forbidden(&path.key(k), "may not add mirror pod annotation"));
        }
    }
    errs
}

/// `ValidatePodEphemeralContainersUpdate`: the update the
/// `ephemeralcontainers` subresource makes (only `spec.ephemeralContainers`
/// differs from `old`, the strategy saw to that).
pub fn validate_pod_ephemeral_update(new: &Pod, old: &Pod) -> Vec<FieldError> {
    let mut errs = pod_update_common(new, old);
    // Static Pods do not support ephemeral containers (#113935).
    if old.metadata.annotations.get(MIRROR_ANNOTATION).is_some() {
        return vec![forbidden(
            &Path::new(""),
            "static pods do not support ephemeral containers",
        )];
    }
    errs.extend(ephemeral_changes(new, old));
    errs
}

/// Part 1 of both update validations (`ValidatePodUpdate`,
/// `ValidatePodEphemeralContainersUpdate`): the metadata update, the new
/// Pod's metadata and spec, and its annotations' updates.
fn pod_update_common(new: &Pod, old: &Pod) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let mut errs = validate_object_meta_update(&new.metadata, &old.metadata);
    errs.extend(validate_pod_metadata_and_spec(new));
    errs.extend(annotation_update_errors(
        &new.metadata.annotations,
        &old.metadata.annotations,
        &meta.child("annotations"),
    ));
    errs.extend(validate_pod_specific_annotations(
        &new.metadata.annotations,
        &new.spec,
        &meta.child("annotations"),
    ));
    errs
}

pub fn validate_pod_update(new: &Pod, old: &Pod) -> Vec<FieldError> {
    let spec = Path::new("spec");
    let mut errs = pod_update_common(new, old);

    for (field, new_list, old_list) in [
        ("containers", &new.spec.containers, &old.spec.containers),
        (
            "initContainers",
            &new.spec.init_containers,
            &old.spec.init_containers,
        ),
    ] {
        let p = spec.child(field);
        if new_list.len() != old_list.len() {
            errs.push(forbidden(
                &p,
                "pod updates may not add or remove containers",
            ));
            return errs;
        }
        for (i, c) in new_list.iter().enumerate() {
            if c.image.is_empty() {
                errs.push(required(&p.index(i).child("image"), ""));
            }
            if c.image.trim() != c.image {
                errs.push(invalid(
                    &p.index(i).child("image"),
                    q(&c.image),
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }

    let ads_path = spec.child("activeDeadlineSeconds");
    match (
        new.spec.active_deadline_seconds,
        old.spec.active_deadline_seconds,
    ) {
        (Some(n), _) if !(0..=MAX_INT32).contains(&n) => {
            errs.push(invalid(
                &ads_path,
                n.to_string(),
                &inclusive_range(0, MAX_INT32),
            ));
            return errs;
        }
        (Some(n), Some(o)) if o < n => {
            errs.push(invalid(
                &ads_path,
                n.to_string(),
                "must be less than or equal to previous value",
            ));
            return errs;
        }
        (None, Some(_)) => errs.push(invalid(
            &ads_path,
            "null".to_string(),
            "must not update from a positive integer to nil value",
        )),
        _ => {}
    }

    let tol_path = spec.child("tolerations");
    let only_added = old.spec.tolerations.iter().all(|o| {
        new.spec.tolerations.iter().any(|n| {
            let mut o = o.clone();
            o.toleration_seconds = n.toleration_seconds;
            &o == n
        })
    });
    if only_added {
        errs.extend(validate_tolerations(&new.spec.tolerations, &tol_path));
    } else {
        errs.push(forbidden(
            &tol_path,
            "existing toleration can not be modified except its tolerationSeconds",
        ));
    }

    if new.spec == old.spec {
        return errs;
    }
    let mut munged = (*new.spec).clone();
    for (c, o) in munged.containers.iter_mut().zip(&old.spec.containers) {
        c.image = o.image.clone();
    }
    for (c, o) in munged
        .init_containers
        .iter_mut()
        .zip(&old.spec.init_containers)
    {
        c.image = o.image.clone();
    }
    munged.active_deadline_seconds = old.spec.active_deadline_seconds;
    munged.tolerations = old.spec.tolerations.clone();
    match old.spec.extra.get("schedulingGates") {
        Some(g) => munged.extra.insert("schedulingGates".into(), g.clone()),
        None => munged.extra.remove("schedulingGates"),
    };
    if old
        .spec
        .termination_grace_period_seconds
        .is_some_and(|g| g < 0)
        && munged.termination_grace_period_seconds == Some(1)
    {
        munged.termination_grace_period_seconds = old.spec.termination_grace_period_seconds;
    }
    if munged != *old.spec {
        let diff = spec_diff(
            "core.PodSpec",
            &serde_json::to_value(&old.spec).unwrap_or(Value::Null),
            &serde_json::to_value(&munged).unwrap_or(Value::Null),
        );
        errs.push(forbidden(&spec, &format!("{POD_UPDATE_FORBIDDEN}\n{diff}")));
    }
    errs
}
