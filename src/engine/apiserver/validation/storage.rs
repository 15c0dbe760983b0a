//! PersistentVolumeClaim validation (core
//! `ValidatePersistentVolumeClaim[Update]`) and the access-mode, class-name
//! and volume-mode rules PersistentVolumes share.
//!
//! Claim sizes live under `spec.resources[storage]` in messages (a map key,
//! printed bare), as upstream reports them.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::cmp::Ordering;

use super::diff::spec_diff;
use super::labels::validate_label_selector;
use super::meta::{validate_object_meta, validate_object_meta_update, FIELD_IMMUTABLE};
use super::names::name_is_dns_subdomain;
use super::quantity::Quantity;
use super::render::{forbidden, invalid, js, not_supported, q, required, Path, J};
use super::resources::validate_quantity_value;
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::storage::PersistentVolumeClaimSpec;
use crate::engine::objects::{PersistentVolumeClaim, Value};

const ACCESS_MODES: &[&str] = &[
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOnce",
    "ReadWriteOncePod",
];

const BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

pub const PVC_SPEC_IMMUTABLE: &str = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

pub(super) fn validate_access_modes(
    modes: &[String],
    path: &Path,
    detail: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if modes.is_empty() {
        errs.push(required(path, detail));
    }
    errs
}

pub(super) fn access_mode_values(modes: &[String], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let (mut rwop, mut other) = (false, false);
    for m in modes {
        if !ACCESS_MODES.contains(&m.as_str()) {
            errs.push(not_supported(path, js(m), ACCESS_MODES));
        }
        if m == "ReadWriteOncePod" {
            rwop = true;
        } else if ACCESS_MODES.contains(&m.as_str()) {
            other = true;
        }
    }
    if rwop && other {
        errs.push(forbidden(
            path,
            "may not use ReadWriteOncePod with other access modes",
        ));
    }
    errs
}

pub(super) fn validate_class_name(name: &str, path: &Path) -> Vec<FieldError> {
    name_is_dns_subdomain(name, false)
        .into_iter()
        .map(|m| invalid(path, q(name), &m))
        .collect()
}

pub(super) fn validate_volume_mode(mode: &Option<String>, path: &Path) -> Vec<FieldError> {
    match mode.as_deref() {
        Some(m) if m != "Block" && m != "Filesystem" => {
            vec![not_supported(path, js(m), &["Block", "Filesystem"])]
        }
        _ => Vec::new(),
    }
}

fn storage_request(spec: &PersistentVolumeClaimSpec) -> Option<&Value> {
    spec.resources
        .as_ref()
        .and_then(|r| r.requests.get("storage"))
}

/// `ValidatePersistentVolumeClaimSpec` (with the create options; since 1.34
/// also applied to each of a StatefulSet's claim templates on create).
pub fn validate_pvc_spec(spec: &PersistentVolumeClaimSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_access_modes(
        &spec.access_modes,
        &path.child("accessModes"),
        "at least 1 access mode is required",
    );
    if let Some(sel) = &spec.selector {
        errs.extend(validate_label_selector(sel, &path.child("selector")));
    }
    errs.extend(access_mode_values(
        &spec.access_modes,
        &path.child("accessModes"),
    ));
    let storage_path = path.child("resources").key("storage");
    match storage_request(spec) {
        None => errs.push(required(&storage_path, "")),
        Some(raw) => {
            if let Ok(qty) = Quantity::from_value(raw) {
                if qty.sign() <= 0 {
                    errs.push(invalid(
                        &storage_path,
                        q(&qty.to_canonical_string()),
                        "must be greater than zero",
                    ));
                } else {
                    errs.extend(validate_quantity_value("storage", &qty, &storage_path));
                }
            }
        }
    }
    if let Some(sc) = spec.storage_class_name.as_deref().filter(|s| !s.is_empty()) {
        errs.extend(validate_class_name(sc, &path.child("storageClassName")));
    }
    errs.extend(validate_volume_mode(
        &spec.volume_mode,
        &path.child("volumeMode"),
    ));
    errs
}

pub fn validate_pvc(pvc: &PersistentVolumeClaim) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&pvc.metadata, true, name_is_dns_subdomain);
    errs.extend(validate_pvc_spec(&pvc.spec, &Path::new("spec")));
    errs
}

fn canonical_requests(spec: &mut PersistentVolumeClaimSpec) {
    if let Some(r) = spec.resources.as_mut() {
        for v in r.requests.values_mut().chain(r.limits.values_mut()) {
            *v = super::quantity::canonical_value(v, false);
        }
    }
}

pub fn validate_pvc_update(
    new: &PersistentVolumeClaim,
    old: &PersistentVolumeClaim,
) -> Vec<FieldError> {
    let mut errs = validate_object_meta_update(&new.metadata, &old.metadata);
    errs.extend(validate_pvc(new));
    let old_ann = old.metadata.annotations.get(BETA_STORAGE_CLASS);
    let new_ann = new.metadata.annotations.get(BETA_STORAGE_CLASS);
    let from_annotation = old_ann.is_some()
        && old.spec.storage_class_name.is_none()
        && new.spec.storage_class_name.as_deref() == old_ann.map(|v| v.as_str())
        && (new_ann.is_none() || new_ann == old_ann);
    if !from_annotation {
        let (n, o) = (
            new_ann.map_or("", |v| v.as_str()),
            old_ann.map_or("", |v| v.as_str()),
        );
        if n != o {
            errs.push(invalid(
                &Path::new("metadata")
                    .child("annotations")
                    .child(BETA_STORAGE_CLASS),
                q(n),
                FIELD_IMMUTABLE,
            ));
        }
    }
    // A write that leaves the spec as it was (status, labels, annotations:
    // nearly every write) needs none of the spec comparison below.
    if new.spec != old.spec {
        let mut new_spec = new.spec.clone();
        let mut old_spec = old.spec.clone();
        if old.spec.volume_name.is_empty() {
            old_spec.volume_name = new_spec.volume_name.clone();
        }
        if from_annotation {
            new_spec.storage_class_name = None;
        } else {
            let from_nil = new.spec.storage_class_name.is_some()
                && old.spec.storage_class_name.is_none()
                && (old_ann.is_none()
                    || new.spec.storage_class_name.as_deref() == old_ann.map(|v| v.as_str()));
            if from_nil {
                new_spec.storage_class_name = old_spec.storage_class_name.clone();
            }
        }
        if new.status.phase == "Bound" {
            if let Some(r) = new_spec.resources.as_mut() {
                match old
                    .spec
                    .resources
                    .as_ref()
                    .and_then(|o| o.requests.get("storage"))
                {
                    Some(v) => r.requests.insert("storage".into(), v.clone()),
                    None => r.requests.remove("storage"),
                };
            }
        }
        canonical_requests(&mut new_spec);
        canonical_requests(&mut old_spec);
        if new_spec != old_spec {
            let diff = spec_diff(
                "core.PersistentVolumeClaimSpec",
                &serde_json::to_value(&old_spec).unwrap_or(Value::Null),
                &serde_json::to_value(&new_spec).unwrap_or(Value::Null),
            );
            errs.push(forbidden(
                &Path::new("spec"),
                &format!("{PVC_SPEC_IMMUTABLE}\n{diff}"),
            ));
        }
        let size = |s: &PersistentVolumeClaimSpec| {
            storage_request(s)
                .and_then(|v| Quantity::from_value(v).ok())
                .unwrap_or_else(Quantity::zero)
        };
        let (old_size, new_size) = (size(&old.spec), size(&new.spec));
        if new_size.cmp_value(&old_size) == Ordering::Less {
            // RecoverVolumeExpansionFailure is on in 1.35: shrinking is allowed
            // down to what the volume already has.
            let status = old
                .status
                .capacity
                .get("storage")
                .and_then(|s| Quantity::parse(s).ok())
                .unwrap_or_else(Quantity::zero);
            if new_size.cmp_value(&status) != Ordering::Greater {
                errs.push(forbidden(
                    &Path::new("spec")
                        .child("resources")
                        .child("requests")
                        .child("storage"),
                    "field can not be less than status.capacity",
                ));
            }
        }
    }
    if new.spec.volume_mode != old.spec.volume_mode {
        errs.push(invalid(
            &Path::new("volumeMode"),
            J::opt_str(new.spec.volume_mode.as_deref()).render(),
            FIELD_IMMUTABLE,
        ));
    }
    errs
}
