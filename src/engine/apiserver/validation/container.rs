//! Containers and init containers of a Pod spec (core `validateContainers`,
//! `validateInitContainers`, `validateContainerCommon`): names, images,
//! ports, environment, volume mounts, pull policy, resources and probes.
//!
//! Lifecycle hooks are checked in `lifecycle`; security contexts, volume
//! devices and resize policies are kept verbatim and not validated.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeSet;

use super::env::{validate_env, validate_env_from};
use super::lifecycle::validate_lifecycle;
use super::names::{is_dns1123_label, is_valid_port_name, is_valid_port_num};
use super::probe::validate_probe_kinds;
use super::render::{
    duplicate, forbidden, invalid, js, not_found, not_supported, q, required, Path,
};
use super::resources::validate_resource_requirements;
use super::volume::validate_local_descending_path;
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::{Container, ContainerPort, VolumeMount};
use crate::engine::objects::Value;
use crate::sort::CollectMap;

/// Regular containers: the common checks, unique names, probes, and host
/// ports unique across all of them.
pub fn validate_containers(
    containers: &[Container],
    volumes: &BTreeSet<String>,
    grace: Option<i64>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if containers.is_empty() {
        errs.push(required(path, ""));
        return errs;
    }
    let mut names = BTreeSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, volumes, &p));
        if !names.insert(c.name.clone()) {
            errs.push(duplicate(&p.child("name"), q(&c.name)));
        }
        errs.extend(validate_lifecycle(c, grace, &p.child("lifecycle")));
        errs.extend(validate_probe_kinds(c, &p));
        if c.restart_policy.is_some() {
            errs.push(forbidden(
                &p.child("restartPolicy"),
                "may not be set for non-init containers",
            ));
        }
    }
    errs.extend(host_port_conflicts(containers, path));
    errs
}

/// Init containers: names unique across regular and init containers;
/// probes and lifecycle only for sidecars (`restartPolicy: Always`).
pub fn validate_init_containers(
    inits: &[Container],
    regular: &[Container],
    volumes: &BTreeSet<String>,
    grace: Option<i64>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names: BTreeSet<String> = regular.iter().map(|c| c.name.to_string()).collect_set();
    for (i, c) in inits.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, volumes, &p));
        let mut sidecar = false;
        if let Some(rp) = &c.restart_policy {
            if rp != "Always" {
                errs.push(not_supported(
                    &p.child("restartPolicy"),
                    js(rp),
                    &["Always"],
                ));
            }
            sidecar = rp == "Always";
        }
        if names.contains(c.name.as_str()) {
            errs.push(duplicate(&p.child("name"), q(&c.name)));
        } else if !c.name.is_empty() {
            names.insert(c.name.to_string());
        }
        // Upstream checks each init container alone, as a one-element list,
        // so the reported index is always 0.
        errs.extend(host_port_conflicts(std::slice::from_ref(c), path));
        if sidecar {
            errs.extend(validate_lifecycle(c, grace, &p.child("lifecycle")));
            errs.extend(validate_probe_kinds(c, &p));
        } else {
            let msg = "may not be set for init containers without restartPolicy=Always";
            if c.extra.get("lifecycle").is_some_and(|v| !v.is_null()) {
                errs.push(forbidden(&p.child("lifecycle"), msg));
            }
            for (field, probe) in [
                ("livenessProbe", &c.liveness_probe),
                ("readinessProbe", &c.readiness_probe),
                ("startupProbe", &c.startup_probe),
            ] {
                if probe.is_some() {
                    errs.push(forbidden(&p.child(field), msg));
                }
            }
        }
    }
    errs
}

pub(super) fn validate_container_common(
    c: &Container,
    volumes: &BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name_path = path.child("name");
    if c.name.is_empty() {
        errs.push(required(&name_path, ""));
    } else {
        for m in is_dns1123_label(&c.name) {
            errs.push(invalid(&name_path, q(&c.name), &m));
        }
    }
    if c.image.is_empty() {
        errs.push(required(&path.child("image"), ""));
    }
    match c.termination_message_policy.as_deref().unwrap_or("") {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(required(&path.child("terminationMessagePolicy"), "")),
        other => errs.push(not_supported(
            &path.child("terminationMessagePolicy"),
            js(other),
            &["File", "FallbackToLogsOnError"],
        )),
    }
    errs.extend(validate_ports(&c.ports, &path.child("ports")));
    errs.extend(validate_env(&c.env, &path.child("env")));
    if let Some(Value::Array(items)) = c.extra.get("envFrom") {
        errs.extend(validate_env_from(items, &path.child("envFrom")));
    }
    errs.extend(validate_volume_mounts(
        &c.volume_mounts,
        volumes,
        &path.child("volumeMounts"),
    ));
    match c.image_pull_policy.as_deref().unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(required(&path.child("imagePullPolicy"), "")),
        other => errs.push(not_supported(
            &path.child("imagePullPolicy"),
            js(other),
            &["Always", "IfNotPresent", "Never"],
        )),
    }
    errs.extend(validate_resource_requirements(
        c.resources.as_ref(),
        &path.child("resources"),
    ));
    errs
}

fn host_port(p: &ContainerPort) -> i64 {
    p.extra.get("hostPort").and_then(Value::as_i64).unwrap_or(0)
}

fn validate_ports(ports: &[ContainerPort], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        if !port.name.is_empty() {
            let msgs = is_valid_port_name(&port.name);
            if !msgs.is_empty() {
                for m in msgs {
                    errs.push(invalid(&p.child("name"), q(&port.name), &m));
                }
            } else if !names.insert(port.name.clone()) {
                errs.push(duplicate(&p.child("name"), q(&port.name)));
            }
        }
        if port.container_port == 0 {
            errs.push(required(&p.child("containerPort"), ""));
        } else {
            for m in is_valid_port_num(port.container_port) {
                errs.push(invalid(
                    &p.child("containerPort"),
                    port.container_port.to_string(),
                    &m,
                ));
            }
        }
        let hp = host_port(port);
        if hp != 0 {
            for m in is_valid_port_num(hp) {
                errs.push(invalid(&p.child("hostPort"), hp.to_string(), &m));
            }
        }
        match port.protocol.as_deref().unwrap_or("") {
            "" => errs.push(required(&p.child("protocol"), "")),
            "TCP" | "UDP" | "SCTP" => {}
            other => errs.push(not_supported(
                &p.child("protocol"),
                js(other),
                &["SCTP", "TCP", "UDP"],
            )),
        }
    }
    errs
}

fn host_port_conflicts(containers: &[Container], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (ci, c) in containers.iter().enumerate() {
        for (pi, port) in c.ports.iter().enumerate() {
            let hp = host_port(port);
            if hp == 0 {
                continue;
            }
            let ip = port
                .extra
                .get("hostIP")
                .and_then(Value::as_str)
                .unwrap_or("");
            let key = format!("{}/{ip}/{hp}", port.protocol.as_deref().unwrap_or(""));
            if !seen.insert(key.clone()) {
                errs.push(duplicate(
                    &path.index(ci).child("ports").index(pi).child("hostPort"),
                    q(&key),
                ));
            }
        }
    }
    errs
}

fn validate_volume_mounts(
    mounts: &[VolumeMount],
    volumes: &BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut mount_points = BTreeSet::new();
    for (i, m) in mounts.iter().enumerate() {
        let p = path.index(i);
        if m.name.is_empty() {
            errs.push(required(&p.child("name"), ""));
        }
        if !volumes.contains(m.name.as_str()) {
            errs.push(not_found(&p.child("name"), q(&m.name)));
        }
        if m.mount_path.is_empty() {
            errs.push(required(&p.child("mountPath"), ""));
        }
        if !mount_points.insert(m.mount_path.clone()) {
            errs.push(invalid(
                &p.child("mountPath"),
                q(&m.mount_path),
                "must be unique",
            ));
        }
        let sub_path = m.sub_path.as_deref().unwrap_or("");
        if !sub_path.is_empty() {
            // Upstream reports these under the list's path, not the item's.
            errs.extend(validate_local_descending_path(
                sub_path,
                &path.child("subPath"),
            ));
        }
        let expr = m
            .extra
            .get("subPathExpr")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !expr.is_empty() {
            if !sub_path.is_empty() {
                errs.push(invalid(
                    &p.child("subPathExpr"),
                    q(expr),
                    "subPathExpr and subPath are mutually exclusive",
                ));
            }
            errs.extend(validate_local_descending_path(
                expr,
                &path.child("subPathExpr"),
            ));
        }
        if let Some(prop) = m.extra.get("mountPropagation").and_then(Value::as_str) {
            if !matches!(prop, "Bidirectional" | "HostToContainer" | "None") {
                errs.push(not_supported(
                    &path.child("mountPropagation"),
                    js(prop),
                    &["Bidirectional", "HostToContainer", "None"],
                ));
            }
        }
    }
    errs
}

/// Containers' images may not carry surrounding whitespace (Pods only).
pub fn validate_image_whitespace(containers: &[Container], path: &Path) -> Vec<FieldError> {
    containers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.image.trim() != c.image)
        .map(|(i, c)| {
            invalid(
                &path.index(i).child("image"),
                q(&c.image),
                "must not have leading or trailing whitespace",
            )
        })
        .collect()
}
