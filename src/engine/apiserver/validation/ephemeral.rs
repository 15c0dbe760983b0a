//! Ephemeral containers (core `validateEphemeralContainers` and
//! `ValidatePodEphemeralContainersUpdate`): the checks every container
//! gets, names unique across all three lists, a target that is a regular
//! or init container, only the fields on upstream's allow list (no ports,
//! resources, probes, lifecycle …), no `subPath`; and, through the
//! `ephemeralcontainers` subresource, that existing ones are neither
//! removed nor changed.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeSet;

use super::container::validate_container_common;
use super::diff::spec_diff;
use super::render::{duplicate, forbidden, invalid, not_found, q, Path};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::Container;
use crate::engine::objects::{Pod, Value};
use crate::sort::CollectMap;

/// What upstream's allow list forbids, in `EphemeralContainerCommon`'s
/// field order (the order of the errors): each with whether it is set.
fn disallowed_fields(c: &Container) -> Vec<&'static str> {
    let set = |k: &str| {
        c.extra.get(k).is_some_and(|v| match v {
            Value::Null => false,
            Value::Array(a) => !a.is_empty(),
            Value::Object(m) => !m.is_empty(),
            _ => true,
        })
    };
    let resources = c
        .resources
        .as_ref()
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty());
    [
        ("ports", !c.ports.is_empty()),
        ("resources", resources),
        ("resizePolicy", set("resizePolicy")),
        ("restartPolicy", c.restart_policy.is_some()),
        ("restartPolicyRules", set("restartPolicyRules")),
        ("livenessProbe", c.liveness_probe.is_some()),
        ("readinessProbe", c.readiness_probe.is_some()),
        ("startupProbe", c.startup_probe.is_some()),
        ("lifecycle", set("lifecycle")),
    ]
    .into_iter()
    .filter(|(_, on)| *on)
    .map(|(name, _)| name)
    .collect()
}

/// `validateEphemeralContainers` (run for Pod specs and templates alike).
pub fn validate_ephemeral_containers(
    ephemeral: &[Container],
    containers: &[Container],
    inits: &[Container],
    volumes: &BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if ephemeral.is_empty() {
        return errs;
    }
    let others: BTreeSet<String> = containers
        .iter()
        .chain(inits.iter())
        .map(|c| c.name.to_string())
        .collect_set();
    let mut all = others.clone();
    for (i, c) in ephemeral.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, volumes, &p));
        // `validateContainerOnlyForPod`.
        if c.image.trim() != c.image {
            errs.push(invalid(
                &p.child("image"),
                q(&c.image),
                "must not have leading or trailing whitespace",
            ));
        }
        if all.contains(c.name.as_str()) {
            errs.push(duplicate(&p.child("name"), q(&c.name)));
        } else {
            all.insert(c.name.to_string());
        }
        let target = c.target();
        if !target.is_empty() && !others.contains(target) {
            errs.push(not_found(&p.child("targetContainerName"), q(target)));
        }
        for field in disallowed_fields(c) {
            errs.push(forbidden(
                &p.child(field),
                "cannot be set for an Ephemeral Container",
            ));
        }
        for (j, m) in c.volume_mounts.iter().enumerate() {
            let mp = p.child("volumeMounts").index(j);
            if m.sub_path.as_deref().is_some_and(|s| !s.is_empty()) {
                errs.push(forbidden(
                    &mp.child("subPath"),
                    "cannot be set for an Ephemeral Container",
                ));
            }
            if m.extra
                .get("subPathExpr")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty())
            {
                errs.push(forbidden(
                    &mp.child("subPathExpr"),
                    "cannot be set for an Ephemeral Container",
                ));
            }
        }
    }
    errs
}

/// Part 2 of `ValidatePodEphemeralContainersUpdate`: existing ephemeral
/// containers stay as they are (looked up by name: a patch may reorder
/// them). Part 1 (metadata, the whole Pod spec, annotations) is the
/// caller's.
pub fn ephemeral_changes(new: &Pod, old: &Pod) -> Vec<FieldError> {
    let path = Path::new("spec").child("ephemeralContainers");
    let mut errs = Vec::new();
    for o in &old.spec.ephemeral_containers {
        match new.spec.ephemeral(&o.name) {
            None => errs.push(forbidden(
                &path,
                &format!(
                    "existing ephemeral containers {} may not be removed\n",
                    q(&o.name)
                ),
            )),
            Some(n) if n != o => {
                let as_value = |c: &Container| serde_json::to_value(c).unwrap_or(Value::Null);
                let diff = spec_diff("core.EphemeralContainer", &as_value(o), &as_value(n));
                errs.push(forbidden(
                    &path,
                    &format!(
                        "existing ephemeral containers {} may not be changed\n{diff}",
                        q(&o.name)
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    errs
}
