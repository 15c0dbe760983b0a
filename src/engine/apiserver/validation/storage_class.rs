//! StorageClass validation (storage `ValidateStorageClass[Update]`): the
//! provisioner, parameters, reclaim policy and binding mode, and which of
//! them may never change.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::labels::validate_qualified_name;
use super::meta::{validate_object_meta, validate_object_meta_update, FIELD_IMMUTABLE};
use super::names::name_is_dns_subdomain;
use super::render::{forbidden, invalid, js, not_supported, q, required, too_long, Path, J};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::StorageClass;

const MAX_PARAMETERS: usize = 512;

const MAX_PARAMETERS_SIZE: usize = 256 * 1024;

pub fn validate_storage_class(sc: &StorageClass) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&sc.metadata, false, name_is_dns_subdomain);
    let prov = Path::new("provisioner");
    if sc.provisioner.is_empty() {
        errs.push(required(&prov, ""));
    } else {
        errs.extend(validate_qualified_name(
            &sc.provisioner.to_lowercase(),
            &prov,
        ));
    }
    let params = Path::new("parameters");
    if sc.parameters.len() > MAX_PARAMETERS {
        errs.push(too_long(&params, MAX_PARAMETERS));
    } else {
        for k in sc.parameters.keys().filter(|k| k.is_empty()) {
            errs.push(invalid(&params, q(k), "field can not be empty."));
        }
        let size: usize = sc.parameters.iter().map(|(k, v)| k.len() + v.len()).sum();
        if size > MAX_PARAMETERS_SIZE {
            errs.push(too_long(&params, MAX_PARAMETERS_SIZE));
        }
    }
    let policy = sc.reclaim_policy.as_deref().unwrap_or("");
    if !policy.is_empty() && policy != "Delete" && policy != "Retain" {
        errs.push(not_supported(
            &Path::new("reclaimPolicy"),
            js(policy),
            &["Delete", "Retain"],
        ));
    }
    match sc.volume_binding_mode.as_deref() {
        None => errs.push(required(&Path::new("volumeBindingMode"), "")),
        Some("Immediate" | "WaitForFirstConsumer") => {}
        Some(other) => errs.push(not_supported(
            &Path::new("volumeBindingMode"),
            js(other),
            &["Immediate", "WaitForFirstConsumer"],
        )),
    }
    errs
}

pub fn validate_storage_class_update(new: &StorageClass, old: &StorageClass) -> Vec<FieldError> {
    let mut errs = validate_storage_class(new);
    errs.extend(validate_object_meta_update(&new.metadata, &old.metadata));
    if new.parameters != old.parameters {
        errs.push(forbidden(
            &Path::new("parameters"),
            "updates to parameters are forbidden.",
        ));
    }
    if new.provisioner != old.provisioner {
        errs.push(forbidden(
            &Path::new("provisioner"),
            "updates to provisioner are forbidden.",
        ));
    }
    if new.reclaim_policy != old.reclaim_policy {
        errs.push(forbidden(
            &Path::new("reclaimPolicy"),
            "updates to reclaimPolicy are forbidden.",
        ));
    }
    if new.volume_binding_mode != old.volume_binding_mode {
        errs.push(invalid(
            &Path::new("volumeBindingMode"),
            J::opt_str(new.volume_binding_mode.as_deref()).render(),
            FIELD_IMMUTABLE,
        ));
    }
    errs
}
