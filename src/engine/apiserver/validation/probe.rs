//! Container probes (core `validateProbe` and the liveness, readiness and
//! startup rules) and `ValidatePortNumOrName`, shared with Services.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::names::{is_http_header_name, is_valid_port_name, is_valid_port_num};
use super::render::{forbidden, invalid, js, not_supported, q, required, Path};
use super::volume::str_field;
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::{Container, Probe};
use crate::engine::objects::{IntOrString, Value};

pub(super) fn validate_probe_kinds(c: &Container, path: &Path) -> Vec<FieldError> {
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

/// Counts a handler type; a second one is forbidden (`validateHandler`).
pub(super) fn count_handler(
    errs: &mut Vec<FieldError>,
    handlers: &mut usize,
    path: &Path,
    name: &str,
) -> bool {
    if *handlers > 0 {
        errs.push(forbidden(
            &path.child(name),
            "may not specify more than 1 handler type",
        ));
        return false;
    }
    *handlers += 1;
    true
}

/// The exec, httpGet and tcpSocket actions a probe and a lifecycle
/// handler share (`validateExecAction`, `validateHTTPGetAction`,
/// `validateTCPSocketAction`), counted in `handlers`.
pub(super) fn validate_actions(p: &Probe, path: &Path, handlers: &mut usize) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(exec) = &p.exec {
        if count_handler(&mut errs, handlers, path, "exec") && exec.command.is_empty() {
            errs.push(required(&path.child("exec").child("command"), ""));
        }
    }
    if let Some(h) = &p.http_get {
        if count_handler(&mut errs, handlers, path, "httpGet") {
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
        if count_handler(&mut errs, handlers, path, "tcpSocket") {
            errs.extend(validate_port_num_or_name(
                &t.port,
                &path.child("tcpSocket").child("port"),
            ));
        }
    }
    errs
}

fn validate_probe(p: &Probe, path: &Path) -> Vec<FieldError> {
    let mut handlers = 0;
    let mut errs = validate_actions(p, path, &mut handlers);
    if let Some(g) = p.grpc.as_ref().filter(|g| !g.is_null()) {
        if count_handler(&mut errs, &mut handlers, path, "grpc") {
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
