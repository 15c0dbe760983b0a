//! PersistentVolume validation (core `ValidatePersistentVolume[Update]`):
//! capacity, access modes, reclaim policy, node affinity, exactly one
//! volume source (hostPath, local, nfs and csi are looked into), and the
//! immutable source on update.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::borrow::Cow;

use super::diff::spec_diff;
use super::labels::{is_valid_label_value, validate_label_name};
use super::meta::{validate_object_meta, FIELD_IMMUTABLE};
use super::names::name_is_dns_subdomain;
use super::quantity::Quantity;
use super::render::{forbidden, invalid, js, not_supported, q, required, too_long, Path, J};
use super::storage::{
    access_mode_values, validate_access_modes, validate_class_name, validate_volume_mode,
};
use super::volume::{str_field, validate_host_path, validate_path_no_backsteps};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::storage::PersistentVolumeSpec;
use crate::engine::objects::{PersistentVolume, Value};

/// PersistentVolume sources in upstream's order, with the path segment a
/// second source is reported under.
const PV_SOURCES: &[(&str, &str)] = &[
    ("hostPath", "hostPath"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("nfs", "nfs"),
    ("rbd", "rbd"),
    ("quobyte", "quobyte"),
    ("cephfs", "cephFS"),
    ("iscsi", "iscsi"),
    ("cinder", "cinder"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("scaleIO", "scaleIO"),
    ("local", "local"),
    ("storageos", "storageos"),
    ("csi", "csi"),
];

fn capacity_json(cap: &crate::engine::objects::VecMap<String>) -> String {
    if cap.is_empty() {
        return "null".to_string();
    }
    let fields = cap
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                J::Str(
                    Quantity::parse(v)
                        .map(|q| q.to_canonical_string())
                        .unwrap_or_else(|_| v.clone()),
                ),
            )
        })
        .collect();
    J::Obj(fields).render()
}

fn validate_node_affinity(affinity: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(req) = affinity.get("required").filter(|v| !v.is_null()) else {
        errs.push(required(
            &path.child("required"),
            "must specify required node constraints",
        ));
        return errs;
    };
    let terms_path = path.child("required").child("nodeSelectorTerms");
    let terms = req
        .get("nodeSelectorTerms")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if terms.is_empty() {
        errs.push(required(
            &terms_path,
            "must have at least one node selector term",
        ));
        return errs;
    }
    for (i, term) in terms.iter().enumerate() {
        for (j, expr) in term
            .get("matchExpressions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let p = terms_path.index(i).child("matchExpressions").index(j);
            let op = str_field(expr, "operator");
            let values: Vec<&str> = expr
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            match op {
                "In" | "NotIn" if values.is_empty() => errs.push(required(
                    &p.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                )),
                "Exists" | "DoesNotExist" if !values.is_empty() => errs.push(forbidden(
                    &p.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                )),
                "Gt" | "Lt" if values.len() != 1 => errs.push(required(
                    &p.child("values"),
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                )),
                "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
                other => errs.push(invalid(
                    &p.child("operator"),
                    js(other),
                    "not a valid selector operator",
                )),
            }
            errs.extend(validate_label_name(str_field(expr, "key"), &p.child("key")));
            for (k, v) in values.iter().enumerate() {
                for m in is_valid_label_value(v) {
                    errs.push(invalid(&p.child("values").index(k), q(v), &m));
                }
            }
        }
    }
    errs
}

/// A volume source of the spec as JSON (`hostPath` is typed; the others
/// are kept verbatim).
fn pv_source<'a>(spec: &'a PersistentVolumeSpec, field: &str) -> Option<Cow<'a, Value>> {
    if field == "hostPath" {
        let h = spec.host_path.as_ref()?;
        return serde_json::to_value(h).ok().map(Cow::Owned);
    }
    spec.extra
        .get(field)
        .filter(|v| !v.is_null())
        .map(Cow::Borrowed)
}

pub fn validate_pv_spec(spec: &PersistentVolumeSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_access_modes(&spec.access_modes, &path.child("accessModes"), "");
    errs.extend(access_mode_values(
        &spec.access_modes,
        &path.child("accessModes"),
    ));
    let cap_path = path.child("capacity");
    if spec.capacity.is_empty() {
        errs.push(required(&cap_path, ""));
    }
    if !spec.capacity.contains_key("storage") || spec.capacity.len() > 1 {
        errs.push(not_supported(
            &cap_path,
            capacity_json(&spec.capacity),
            &["storage"],
        ));
    }
    for (name, raw) in &spec.capacity {
        let Ok(qty) = Quantity::parse(raw.trim()) else {
            continue;
        };
        let p = cap_path.key(name);
        if qty.value() < 0 {
            errs.push(invalid(
                &p,
                qty.value().to_string(),
                "must be a valid resource quantity",
            ));
        }
        if qty.sign() <= 0 {
            errs.push(invalid(
                &p,
                q(&qty.to_canonical_string()),
                "must be greater than zero",
            ));
        }
    }
    if let Some(policy) = spec
        .persistent_volume_reclaim_policy
        .as_deref()
        .filter(|p| !p.is_empty())
    {
        if !matches!(policy, "Delete" | "Recycle" | "Retain") {
            errs.push(not_supported(
                &path.child("persistentVolumeReclaimPolicy"),
                js(policy),
                &["Delete", "Recycle", "Retain"],
            ));
        }
    }
    let affinity = spec.node_affinity.as_deref().filter(|v| !v.is_null());
    if let Some(a) = affinity {
        errs.extend(validate_node_affinity(a, &path.child("nodeAffinity")));
    }
    let mut count = 0;
    for (field, reported) in PV_SOURCES {
        let Some(src) = pv_source(spec, field) else {
            continue;
        };
        let src = &*src;
        if count > 0 && *field != "flexVolume" {
            errs.push(forbidden(
                &path.child(reported),
                "may not specify more than 1 volume type",
            ));
            continue;
        }
        count += 1;
        let p = path.child(field);
        match *field {
            "hostPath" => errs.extend(validate_host_path(src, &p)),
            "nfs" => {
                let nfs_path = str_field(src, "path");
                if str_field(src, "server").is_empty() {
                    errs.push(required(&p.child("server"), ""));
                }
                if nfs_path.is_empty() {
                    errs.push(required(&p.child("path"), ""));
                }
                if !nfs_path.starts_with('/') {
                    errs.push(invalid(
                        &p.child("path"),
                        q(nfs_path),
                        "must be an absolute path",
                    ));
                }
            }
            "local" => {
                let lp = str_field(src, "path");
                if lp.is_empty() {
                    errs.push(required(&p.child("path"), ""));
                } else {
                    errs.extend(validate_path_no_backsteps(lp, &p.child("path")));
                }
                if affinity.is_none() {
                    errs.push(required(
                        &path.child("nodeAffinity"),
                        "Local volume requires node affinity",
                    ));
                }
            }
            "csi" => {
                let driver = str_field(src, "driver");
                if driver.is_empty() {
                    errs.push(required(&p.child("driver"), ""));
                }
                if driver.len() > 63 {
                    errs.push(too_long(&p.child("driver"), 63));
                }
                for m in super::names::is_dns1123_subdomain(&driver.to_lowercase()) {
                    errs.push(invalid(&p.child("driver"), q(driver), &m));
                }
                if str_field(src, "volumeHandle").is_empty() {
                    errs.push(required(&p.child("volumeHandle"), ""));
                }
            }
            _ => {}
        }
    }
    if count == 0 {
        errs.push(required(path, "must specify a volume type"));
    }
    let host_root = spec
        .host_path
        .as_ref()
        .is_some_and(|h| h.path.trim_end_matches('/').is_empty() && !h.path.is_empty());
    if host_root && spec.persistent_volume_reclaim_policy.as_deref() == Some("Recycle") {
        errs.push(forbidden(
            &path.child("persistentVolumeReclaimPolicy"),
            "may not be 'recycle' for a hostPath mount of '/'",
        ));
    }
    if !spec.storage_class_name.is_empty() {
        errs.extend(validate_class_name(
            &spec.storage_class_name,
            &path.child("storageClassName"),
        ));
    }
    errs.extend(validate_volume_mode(
        &spec.volume_mode,
        &path.child("volumeMode"),
    ));
    errs
}

pub fn validate_pv(pv: &PersistentVolume) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&pv.metadata, false, name_is_dns_subdomain);
    errs.extend(validate_pv_spec(&pv.spec, &Path::new("spec")));
    errs
}

fn pv_sources_json(spec: &PersistentVolumeSpec) -> Value {
    let mut m = serde_json::Map::new();
    for (field, _) in PV_SOURCES {
        if let Some(v) = pv_source(spec, field) {
            m.insert(field.to_string(), v.into_owned());
        }
    }
    Value::Object(m)
}

pub fn validate_pv_update(new: &PersistentVolume, old: &PersistentVolume) -> Vec<FieldError> {
    let mut errs = validate_pv(new);
    let mut new_src = pv_sources_json(&new.spec);
    let old_src = pv_sources_json(&old.spec);
    // A CSI volume may gain a controllerExpandSecretRef.
    let old_has_ref = old_src
        .pointer("/csi/controllerExpandSecretRef")
        .is_some_and(|v| !v.is_null());
    if !old_has_ref && old_src.get("csi").is_some() {
        if let Some(csi) = new_src.get_mut("csi").and_then(Value::as_object_mut) {
            csi.remove("controllerExpandSecretRef");
        }
    }
    if new_src != old_src {
        let diff = spec_diff("core.PersistentVolumeSource", &old_src, &new_src);
        errs.push(forbidden(
            &Path::new("spec").child("persistentvolumesource"),
            &format!("spec.persistentvolumesource is immutable after creation\n{diff}"),
        ));
    }
    if new.spec.volume_mode != old.spec.volume_mode {
        errs.push(invalid(
            &Path::new("volumeMode"),
            J::opt_str(new.spec.volume_mode.as_deref()).render(),
            FIELD_IMMUTABLE,
        ));
    }
    let old_aff = old.spec.node_affinity.as_deref().filter(|v| !v.is_null());
    let new_aff = new.spec.node_affinity.as_deref().filter(|v| !v.is_null());
    if old_aff.is_some() && old_aff != new_aff {
        let shown = new_aff.map_or(J::Null, J::from_value).render();
        errs.push(invalid(
            &Path::new("nodeAffinity"),
            shown,
            &format!("{FIELD_IMMUTABLE}, except for updating from beta label to GA"),
        ));
    }
    errs
}
