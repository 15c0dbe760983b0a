//! Containers and init containers of a Pod spec (core `validateContainers`,
//! `validateInitContainers`, `validateContainerCommon`): names, images,
//! ports, environment, volume mounts, pull policy, resources and probes.
//!
//! Lifecycle hooks, security contexts, volume devices and resize policies
//! are kept verbatim by the simulator and not validated here.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeSet;

use super::names::{
    is_config_map_key, is_dns1123_label, is_http_header_name, is_relaxed_env_var_name,
    is_valid_port_name, is_valid_port_num, name_is_dns_subdomain,
};
use super::render::{
    duplicate, forbidden, invalid, js, not_found, not_supported, q, required, Path,
};
use super::resources::validate_resource_requirements;
use super::volume::{str_field, validate_local_descending_path};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::{Container, ContainerPort, EnvVar, Probe, VolumeMount};
use crate::engine::objects::{IntOrString, Value};

const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];
const CONVERTIBLE_FIELD_PATHS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.serviceAccountName",
    "spec.schedulerName",
    "status.phase",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
    "spec.host",
];
const RESOURCE_FIELD_PATHS: &[&str] = &[
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// Regular containers: the common checks, unique names, probes, and host
/// ports unique across all of them.
pub fn validate_containers(
    containers: &[Container],
    volumes: &BTreeSet<String>,
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
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names: BTreeSet<String> = regular.iter().map(|c| c.name.clone()).collect();
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
        if names.contains(&c.name) {
            errs.push(duplicate(&p.child("name"), q(&c.name)));
        } else if !c.name.is_empty() {
            names.insert(c.name.clone());
        }
        // Upstream checks each init container alone, as a one-element list,
        // so the reported index is always 0.
        errs.extend(host_port_conflicts(std::slice::from_ref(c), path));
        if sidecar {
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

fn validate_container_common(
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

fn validate_env(vars: &[EnvVar], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ev) in vars.iter().enumerate() {
        let p = path.index(i);
        if ev.name.is_empty() {
            errs.push(required(&p.child("name"), ""));
        } else {
            for m in is_relaxed_env_var_name(&ev.name) {
                errs.push(invalid(&p.child("name"), q(&ev.name), &m));
            }
        }
        if let Some(from) = ev.value_from.as_ref().filter(|v| !v.is_null()) {
            errs.extend(validate_value_from(
                from,
                ev.value.as_deref().unwrap_or(""),
                &p.child("valueFrom"),
            ));
        }
    }
    errs
}

fn present<'a>(v: &'a Value, field: &str) -> Option<&'a Value> {
    v.get(field).filter(|x| !x.is_null())
}

fn validate_value_from(from: &Value, value: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut sources = 0;
    if let Some(f) = present(from, "fieldRef") {
        sources += 1;
        errs.extend(validate_field_ref(f, &path.child("fieldRef")));
    }
    if let Some(r) = present(from, "resourceFieldRef") {
        sources += 1;
        let rp = path.child("resourceFieldRef");
        let resource = str_field(r, "resource");
        if resource.is_empty() {
            errs.push(required(&rp.child("resource"), ""));
        } else if !RESOURCE_FIELD_PATHS.contains(&resource)
            && !resource.starts_with("requests.hugepages-")
            && !resource.starts_with("limits.hugepages-")
        {
            errs.push(not_supported(
                &rp.child("resource"),
                q(resource),
                RESOURCE_FIELD_PATHS,
            ));
        }
    }
    for key in ["configMapKeyRef", "secretKeyRef"] {
        if let Some(sel) = present(from, key) {
            sources += 1;
            errs.extend(validate_key_selector(sel, &path.child(key)));
        }
    }
    if sources == 0 {
        errs.push(invalid(path, q(""), "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    } else if !value.is_empty() {
        errs.push(invalid(
            path,
            q(""),
            "may not be specified when `value` is not empty",
        ));
    } else if sources > 1 {
        errs.push(invalid(
            path,
            q(""),
            "may not have more than one field specified at a time",
        ));
    }
    errs
}

fn validate_field_ref(f: &Value, path: &Path) -> Vec<FieldError> {
    let api_version = str_field(f, "apiVersion");
    let field_path = str_field(f, "fieldPath");
    if api_version.is_empty() {
        return vec![required(&path.child("apiVersion"), "")];
    }
    if field_path.is_empty() {
        return vec![required(&path.child("fieldPath"), "")];
    }
    let subscripted = split_subscripted(field_path);
    let converted = if api_version != "v1" {
        Err(format!("unsupported pod version: {api_version}"))
    } else {
        match subscripted {
            Some((p, _)) if p == "metadata.annotations" || p == "metadata.labels" => {
                Ok(field_path.to_string())
            }
            Some(_) => Err(format!(
                "field label does not support subscript: {field_path}"
            )),
            None if field_path == "spec.host" => Ok("spec.nodeName".to_string()),
            None if CONVERTIBLE_FIELD_PATHS.contains(&field_path) => Ok(field_path.to_string()),
            None => Err(format!("field label not supported: {field_path}")),
        }
    };
    let internal = match converted {
        Ok(p) => p,
        Err(e) => {
            return vec![invalid(
                &path.child("fieldPath"),
                q(field_path),
                &format!("error converting fieldPath: {e}"),
            )]
        }
    };
    let mut errs = Vec::new();
    match split_subscripted(&internal) {
        Some((p, sub)) => match p {
            "metadata.annotations" => errs.extend(super::labels::validate_qualified_name(
                &sub.to_lowercase(),
                path,
            )),
            "metadata.labels" => errs.extend(super::labels::validate_qualified_name(sub, path)),
            other => errs.push(invalid(path, q(other), "does not support subscript")),
        },
        None => {
            if !ENV_FIELD_PATHS.contains(&internal.as_str()) {
                errs.push(not_supported(
                    &path.child("fieldPath"),
                    q(&internal),
                    ENV_FIELD_PATHS,
                ));
            }
        }
    }
    errs
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['app']`.
fn split_subscripted(p: &str) -> Option<(&str, &str)> {
    let s = p.strip_suffix("']")?;
    let (head, sub) = s.split_once("['")?;
    (!head.is_empty()).then_some((head, sub))
}

fn validate_key_selector(sel: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = str_field(sel, "name");
    for m in name_is_dns_subdomain(name, false) {
        errs.push(invalid(&path.child("name"), q(name), &m));
    }
    let key = str_field(sel, "key");
    if key.is_empty() {
        errs.push(required(&path.child("key"), ""));
    } else {
        for m in is_config_map_key(key) {
            errs.push(invalid(&path.child("key"), q(key), &m));
        }
    }
    errs
}

fn validate_env_from(items: &[Value], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let prefix = str_field(item, "prefix");
        if !prefix.is_empty() {
            for m in is_relaxed_env_var_name(prefix) {
                errs.push(invalid(&p.child("prefix"), q(prefix), &m));
            }
        }
        let mut sources = 0;
        for key in ["configMapRef", "secretRef"] {
            if let Some(r) = present(item, key) {
                sources += 1;
                let name = str_field(r, "name");
                if name.is_empty() {
                    errs.push(required(&p.child(key).child("name"), ""));
                } else {
                    for m in name_is_dns_subdomain(name, true) {
                        errs.push(invalid(&p.child(key).child("name"), q(name), &m));
                    }
                }
            }
        }
        if sources == 0 {
            errs.push(invalid(
                path,
                q(""),
                "must specify one of: `configMapRef` or `secretRef`",
            ));
        } else if sources > 1 {
            errs.push(invalid(
                path,
                q(""),
                "may not have more than one field specified at a time",
            ));
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
        if !volumes.contains(&m.name) {
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

fn validate_probe_kinds(c: &Container, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(p) = &c.liveness_probe {
        let pp = path.child("livenessProbe");
        errs.extend(validate_probe(p, &pp));
        if p.success_threshold.unwrap_or(0) != 1 {
            errs.push(invalid(
                &pp.child("successThreshold"),
                p.success_threshold.unwrap_or(0).to_string(),
                "must be 1",
            ));
        }
    }
    if let Some(p) = &c.readiness_probe {
        let pp = path.child("readinessProbe");
        errs.extend(validate_probe(p, &pp));
        if let Some(t) = p.termination_grace_period_seconds {
            errs.push(invalid(
                &pp.child("terminationGracePeriodSeconds"),
                t.to_string(),
                "must not be set for readinessProbes",
            ));
        }
    }
    if let Some(p) = &c.startup_probe {
        let pp = path.child("startupProbe");
        errs.extend(validate_probe(p, &pp));
        if p.success_threshold.unwrap_or(0) != 1 {
            errs.push(invalid(
                &pp.child("successThreshold"),
                p.success_threshold.unwrap_or(0).to_string(),
                "must be 1",
            ));
        }
    }
    errs
}

/// `ValidatePortNumOrName`.
pub fn validate_port_num_or_name(port: &IntOrString, path: &Path) -> Vec<FieldError> {
    match port {
        IntOrString::Int(n) => is_valid_port_num(*n)
            .into_iter()
            .map(|m| invalid(path, n.to_string(), &m))
            .collect(),
        IntOrString::Str(s) => is_valid_port_name(s)
            .into_iter()
            .map(|m| invalid(path, q(s), &m))
            .collect(),
    }
}

fn validate_probe(p: &Probe, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut handlers = 0;
    let mut handler = |errs: &mut Vec<FieldError>, name: &str, present: bool| -> bool {
        if !present {
            return false;
        }
        if handlers > 0 {
            errs.push(forbidden(
                &path.child(name),
                "may not specify more than 1 handler type",
            ));
            return false;
        }
        handlers += 1;
        true
    };
    if let Some(exec) = &p.exec {
        if handler(&mut errs, "exec", true) && exec.command.is_empty() {
            errs.push(required(&path.child("exec").child("command"), ""));
        }
    }
    if let Some(h) = &p.http_get {
        if handler(&mut errs, "httpGet", true) {
            let hp = path.child("httpGet");
            if h.path.as_deref().unwrap_or("").is_empty() {
                errs.push(required(&hp.child("path"), ""));
            }
            errs.extend(validate_port_num_or_name(&h.port, &hp.child("port")));
            let scheme = h.scheme.as_deref().unwrap_or("");
            if scheme != "HTTP" && scheme != "HTTPS" {
                errs.push(not_supported(
                    &hp.child("scheme"),
                    js(scheme),
                    &["HTTP", "HTTPS"],
                ));
            }
            for header in h
                .http_headers
                .as_ref()
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let name = str_field(header, "name");
                for m in is_http_header_name(name) {
                    errs.push(invalid(&hp.child("httpHeaders"), q(name), &m));
                }
            }
        }
    }
    if let Some(t) = &p.tcp_socket {
        if handler(&mut errs, "tcpSocket", true) {
            errs.extend(validate_port_num_or_name(
                &t.port,
                &path.child("tcpSocket").child("port"),
            ));
        }
    }
    if let Some(g) = p.grpc.as_ref().filter(|g| !g.is_null()) {
        if handler(&mut errs, "grpc", true) {
            let port = g.get("port").and_then(Value::as_i64).unwrap_or(0);
            errs.extend(validate_port_num_or_name(
                &IntOrString::Int(port),
                &path.child("grpc").child("port"),
            ));
        }
    }
    if handlers == 0 {
        errs.push(required(path, "must specify a handler type"));
    }
    for (field, v) in [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ] {
        let v = v.unwrap_or(0);
        if v < 0 {
            errs.push(invalid(
                &path.child(field),
                v.to_string(),
                "must be greater than or equal to 0",
            ));
        }
    }
    if let Some(t) = p.termination_grace_period_seconds {
        if t <= 0 {
            errs.push(invalid(
                &path.child("terminationGracePeriodSeconds"),
                t.to_string(),
                "must be greater than 0",
            ));
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
