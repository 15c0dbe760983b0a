//! ConfigMap, Secret and Namespace validation (core `ValidateConfigMap`,
//! `ValidateSecret`, `ValidateNamespace` and their updates): key names,
//! sizes, the per-type Secret requirements and the `immutable` flag.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::labels::is_qualified_name;
use super::meta::{
    validate_kube_finalizer_name, validate_object_meta, validate_object_meta_update,
    FIELD_IMMUTABLE,
};
use super::names::{is_config_map_key, name_is_dns_label, name_is_dns_subdomain};
use super::render::{forbidden, invalid, js, q, required, too_long, Path};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::{ConfigMap, Namespace, Secret, Value};

/// `core.MaxSecretSize`, shared by ConfigMaps.
pub const MAX_SECRET_SIZE: usize = 1024 * 1024;

/// The decoded length of a base64 value (the byte count upstream sums).
fn decoded_len(b64: &str) -> usize {
    let trimmed = b64.trim_end_matches('=');
    trimmed.len() * 3 / 4
}

pub fn validate_config_map(cm: &ConfigMap) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&cm.metadata, true, name_is_dns_subdomain);
    let mut total = 0;
    for (k, v) in &cm.data {
        let p = Path::new("data").key(k);
        for m in is_config_map_key(k) {
            errs.push(invalid(&p, q(k), &m));
        }
        if cm.binary_data.contains_key(k) {
            errs.push(invalid(&p, q(k), "duplicate of key present in binaryData"));
        }
        total += v.len();
    }
    for (k, v) in &cm.binary_data {
        for m in is_config_map_key(k) {
            errs.push(invalid(&Path::new("binaryData").key(k), q(k), &m));
        }
        total += decoded_len(v);
    }
    if total > MAX_SECRET_SIZE {
        // Upstream reports this on an empty path, which prints as "[]".
        errs.push(too_long(&Path::new("[]"), MAX_SECRET_SIZE));
    }
    errs
}

pub fn validate_config_map_update(new: &ConfigMap, old: &ConfigMap) -> Vec<FieldError> {
    let mut errs = validate_object_meta_update(&new.metadata, &old.metadata);
    if old.immutable == Some(true) {
        let msg = "field is immutable when `immutable` is set";
        if new.immutable != Some(true) {
            errs.push(forbidden(&Path::new("immutable"), msg));
        }
        if new.data != old.data {
            errs.push(forbidden(&Path::new("data"), msg));
        }
        if new.binary_data != old.binary_data {
            errs.push(forbidden(&Path::new("binaryData"), msg));
        }
    }
    errs.extend(validate_config_map(new));
    errs
}

fn json_parses(b64: &str) -> Option<String> {
    let bytes = super::super::defaults::base64_decode(b64)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(_)) => None,
        Ok(_) => {
            Some("json: cannot unmarshal into Go value of type map[string]interface {}".to_string())
        }
        Err(e) => Some(e.to_string()),
    }
}

pub fn validate_secret(s: &Secret) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&s.metadata, true, name_is_dns_subdomain);
    let data = Path::new("data");
    let mut total = 0;
    for (k, v) in &s.data {
        for m in is_config_map_key(k) {
            errs.push(invalid(&data.key(k), q(k), &m));
        }
        total += decoded_len(v);
    }
    if total > MAX_SECRET_SIZE {
        errs.push(too_long(&data, MAX_SECRET_SIZE));
    }
    let has = |k: &str| s.data.contains_key(k);
    match s.type_.as_str() {
        "kubernetes.io/service-account-token"
            if s.metadata
                .annotations
                .get("kubernetes.io/service-account.name")
                .is_none_or(|v| v.is_empty()) =>
        {
            errs.push(required(
                &Path::new("metadata")
                    .child("annotations")
                    .key("kubernetes.io/service-account.name"),
                "",
            ));
        }
        "kubernetes.io/dockercfg" | "kubernetes.io/dockerconfigjson" => {
            let key = if s.type_ == "kubernetes.io/dockercfg" {
                ".dockercfg"
            } else {
                ".dockerconfigjson"
            };
            match s.data.get(key) {
                None => errs.push(required(&data.key(key), "")),
                Some(v) => {
                    if let Some(e) = json_parses(v) {
                        errs.push(invalid(&data.key(key), q("<secret contents redacted>"), &e));
                    }
                }
            }
        }
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            errs.push(required(&data.key("username"), ""));
            errs.push(required(&data.key("password"), ""));
        }
        "kubernetes.io/ssh-auth" if s.data.get("ssh-privatekey").is_none_or(|v| v.is_empty()) => {
            errs.push(required(&data.key("ssh-privatekey"), ""));
        }
        "kubernetes.io/tls" => {
            if !has("tls.crt") {
                errs.push(required(&data.key("tls.crt"), ""));
            }
            if !has("tls.key") {
                errs.push(required(&data.key("tls.key"), ""));
            }
        }
        _ => {}
    }
    errs
}

pub fn validate_secret_update(new: &Secret, old: &Secret) -> Vec<FieldError> {
    let mut errs = validate_object_meta_update(&new.metadata, &old.metadata);
    if new.type_ != old.type_ {
        errs.push(invalid(&Path::new("type"), js(&new.type_), FIELD_IMMUTABLE));
    }
    if old.immutable == Some(true) {
        let msg = "field is immutable when `immutable` is set";
        if new.immutable != Some(true) {
            errs.push(forbidden(&Path::new("immutable"), msg));
        }
        if new.data != old.data {
            errs.push(forbidden(&Path::new("data"), msg));
        }
    }
    errs.extend(validate_secret(new));
    errs
}

fn spec_finalizers(ns: &Namespace) -> Vec<String> {
    ns.spec
        .get("finalizers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

pub fn validate_namespace(ns: &Namespace) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&ns.metadata, false, name_is_dns_label);
    let path = Path::new("spec").child("finalizers");
    for f in spec_finalizers(ns) {
        for m in is_qualified_name(&f) {
            errs.push(invalid(&path, q(&f), &m));
        }
        errs.extend(validate_kube_finalizer_name(&f, &path));
    }
    errs
}

pub fn validate_namespace_update(new: &Namespace, old: &Namespace) -> Vec<FieldError> {
    validate_object_meta_update(&new.metadata, &old.metadata)
}
