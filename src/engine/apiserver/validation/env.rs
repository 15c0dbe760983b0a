//! Container environment (core `ValidateEnv`, `ValidateEnvFrom`): names
//! under the relaxed rule that is GA in 1.34, and `valueFrom` sources
//! (downward API field paths, resource fields, ConfigMap and Secret keys).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::names::{is_config_map_key, is_relaxed_env_var_name, name_is_dns_subdomain};
use super::render::{invalid, not_supported, q, required, Path};
use super::volume::str_field;
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::EnvVar;
use crate::engine::objects::Value;

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

pub(super) fn validate_env(vars: &[EnvVar], path: &Path) -> Vec<FieldError> {
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

pub(super) fn validate_env_from(items: &[Value], path: &Path) -> Vec<FieldError> {
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
