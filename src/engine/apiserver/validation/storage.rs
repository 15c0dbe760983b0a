//! PersistentVolumeClaim, PersistentVolume and StorageClass validation
//! (core `ValidatePersistentVolumeClaim[Update]`,
//! `ValidatePersistentVolume[Update]`, storage `ValidateStorageClass[Update]`).
//!
//! Claim sizes live under `spec.resources[storage]` in messages (a map key,
//! printed bare), as upstream reports them.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::diff::spec_diff;
use super::labels::{
    is_valid_label_value, validate_label_name, validate_label_selector, validate_qualified_name,
};
use super::meta::{validate_object_meta, validate_object_meta_update, FIELD_IMMUTABLE};
use super::names::name_is_dns_subdomain;
use super::quantity::Quantity;
use super::render::{forbidden, invalid, js, not_supported, q, required, too_long, Path, J};
use super::resources::validate_quantity_value;
use super::volume::{str_field, validate_host_path, validate_path_no_backsteps};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::storage::{PersistentVolumeClaimSpec, PersistentVolumeSpec};
use crate::engine::objects::{PersistentVolume, PersistentVolumeClaim, StorageClass, Value};

const ACCESS_MODES: &[&str] = &[
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOnce",
    "ReadWriteOncePod",
];
const BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";
pub const PVC_SPEC_IMMUTABLE: &str = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

fn validate_access_modes(modes: &[String], path: &Path, detail: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if modes.is_empty() {
        errs.push(required(path, detail));
    }
    errs
}

fn access_mode_values(modes: &[String], path: &Path) -> Vec<FieldError> {
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

fn validate_class_name(name: &str, path: &Path) -> Vec<FieldError> {
    name_is_dns_subdomain(name, false)
        .into_iter()
        .map(|m| invalid(path, q(name), &m))
        .collect()
}

fn validate_volume_mode(mode: &Option<String>, path: &Path) -> Vec<FieldError> {
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

/// `ValidatePersistentVolumeClaimSpec` (also what a StatefulSet's claim
/// templates would have to pass once the controller creates the claims).
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
    let mut new_spec = new.spec.clone();
    let mut old_spec = old.spec.clone();
    if old.spec.volume_name.is_empty() {
        old_spec.volume_name = new_spec.volume_name.clone();
    }
    let old_ann = old.metadata.annotations.get(BETA_STORAGE_CLASS);
    let new_ann = new.metadata.annotations.get(BETA_STORAGE_CLASS);
    let from_annotation = old_ann.is_some()
        && old.spec.storage_class_name.is_none()
        && new.spec.storage_class_name.as_ref() == old_ann
        && (new_ann.is_none() || new_ann == old_ann);
    if from_annotation {
        new_spec.storage_class_name = None;
    } else {
        let (n, o) = (
            new_ann.map_or("", String::as_str),
            old_ann.map_or("", String::as_str),
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
        let from_nil = new.spec.storage_class_name.is_some()
            && old.spec.storage_class_name.is_none()
            && (old_ann.is_none() || new.spec.storage_class_name.as_ref() == old_ann);
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
                Some(v) => r.requests.insert("storage".to_string(), v.clone()),
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
    if new.spec.volume_mode != old.spec.volume_mode {
        errs.push(invalid(
            &Path::new("volumeMode"),
            J::opt_str(new.spec.volume_mode.as_deref()).render(),
            FIELD_IMMUTABLE,
        ));
    }
    errs
}

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

fn capacity_json(cap: &BTreeMap<String, String>) -> String {
    if cap.is_empty() {
        return "null".to_string();
    }
    let fields = cap
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
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

fn pv_source<'a>(spec: &'a PersistentVolumeSpec, field: &str) -> Option<&'a Value> {
    spec.extra.get(field).filter(|v| !v.is_null())
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
    let affinity = spec.node_affinity.as_ref().filter(|v| !v.is_null());
    if let Some(a) = affinity {
        errs.extend(validate_node_affinity(a, &path.child("nodeAffinity")));
    }
    let mut count = 0;
    for (field, reported) in PV_SOURCES {
        let Some(src) = pv_source(spec, field) else {
            continue;
        };
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
    let host_root = pv_source(spec, "hostPath").is_some_and(|h| {
        str_field(h, "path").trim_end_matches('/').is_empty() && !str_field(h, "path").is_empty()
    });
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
            m.insert(field.to_string(), v.clone());
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
    let old_aff = old.spec.node_affinity.as_ref().filter(|v| !v.is_null());
    let new_aff = new.spec.node_affinity.as_ref().filter(|v| !v.is_null());
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
