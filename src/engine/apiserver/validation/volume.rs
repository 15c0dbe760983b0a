//! Pod volumes (core `ValidateVolumes` / `validateVolumeSource`): names,
//! uniqueness, exactly one source, and the checks of the sources the
//! simulator meets (emptyDir, hostPath, secret, configMap,
//! persistentVolumeClaim, nfs). Other sources are counted but not looked
//! into.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeSet;

use super::names::is_dns1123_label;
use super::quantity::Quantity;
use super::render::{forbidden, invalid, not_supported, q, required, Path, J};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::Volume;
use crate::engine::objects::Value;

/// Source fields in the order upstream tests them, with the path segment it
/// reports a second source under (two of them are misspelt upstream).
const SOURCES: &[(&str, &str)] = &[
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

pub const FILE_MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// The source of one volume, as JSON, by field name.
pub fn volume_source(v: &Volume, field: &str) -> Option<Value> {
    let present = |x: &Option<Value>| x.clone().filter(|v| !v.is_null());
    match field {
        "emptyDir" => present(&v.empty_dir),
        "configMap" => present(&v.config_map),
        "secret" => present(&v.secret),
        "projected" => v.projected.as_deref().filter(|x| !x.is_null()).cloned(),
        "persistentVolumeClaim" => v
            .persistent_volume_claim
            .as_ref()
            .map(|c| serde_json::to_value(c).unwrap_or(Value::Null)),
        other => v.extra.get(other).filter(|x| !x.is_null()).cloned(),
    }
}

/// Validates the volume list; returns the names usable by mounts (volumes
/// that had errors are left out, as upstream does) and the errors.
pub fn validate_volumes(volumes: &[Volume], path: &Path) -> (BTreeSet<String>, Vec<FieldError>) {
    let mut names = BTreeSet::new();
    let mut errs = Vec::new();
    for (i, vol) in volumes.iter().enumerate() {
        let idx = path.index(i);
        let name_path = idx.child("name");
        let mut el = validate_source(vol, &idx);
        if vol.name.is_empty() {
            el.push(required(&name_path, ""));
        } else {
            for m in is_dns1123_label(&vol.name) {
                el.push(invalid(&name_path, q(&vol.name), &m));
            }
        }
        if names.contains(vol.name.as_str()) {
            el.push(super::render::duplicate(&name_path, q(&vol.name)));
        }
        if el.is_empty() {
            names.insert(vol.name.to_string());
        } else {
            errs.extend(el);
        }
    }
    (names, errs)
}

fn validate_source(vol: &Volume, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut count = 0;
    for (field, reported) in SOURCES {
        let Some(src) = volume_source(vol, field) else {
            continue;
        };
        if count > 0 {
            errs.push(forbidden(
                &path.child(reported),
                "may not specify more than 1 volume type",
            ));
            continue;
        }
        count += 1;
        let p = path.child(field);
        match *field {
            "emptyDir" => {
                let negative = src
                    .get("sizeLimit")
                    .and_then(|s| Quantity::from_value(s).ok())
                    .is_some_and(|q| q.sign() < 0);
                if negative {
                    errs.push(forbidden(
                        &p.child("sizeLimit"),
                        "SizeLimit field must be a valid resource quantity",
                    ));
                }
            }
            "hostPath" => errs.extend(validate_host_path(&src, &p)),
            "secret" => errs.extend(validate_projection_source(&src, "secretName", &p)),
            "configMap" => errs.extend(validate_projection_source(&src, "name", &p)),
            "persistentVolumeClaim" if str_field(&src, "claimName").is_empty() => {
                errs.push(required(&p.child("claimName"), ""));
            }
            "nfs" => {
                let server = str_field(&src, "server");
                let nfs_path = str_field(&src, "path");
                if server.is_empty() {
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
            _ => {}
        }
    }
    if count == 0 {
        errs.push(required(path, "must specify a volume type"));
    }
    errs
}

pub fn str_field<'a>(v: &'a Value, field: &str) -> &'a str {
    v.get(field).and_then(Value::as_str).unwrap_or("")
}

const HOST_PATH_TYPES: &[&str] = &[
    "",
    "BlockDevice",
    "CharDevice",
    "Directory",
    "DirectoryOrCreate",
    "File",
    "FileOrCreate",
    "Socket",
];

pub fn validate_host_path(src: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let hp = str_field(src, "path");
    if hp.is_empty() {
        errs.push(required(&path.child("path"), ""));
        return errs;
    }
    errs.extend(validate_path_no_backsteps(hp, &path.child("path")));
    if let Some(t) = src.get("type").and_then(Value::as_str) {
        if !HOST_PATH_TYPES.contains(&t) {
            errs.push(not_supported(
                &path.child("type"),
                J::str(t).render(),
                HOST_PATH_TYPES,
            ));
        }
    }
    errs
}

/// secret and configMap volume sources: the referenced name, the default
/// mode, and each key-to-path item.
fn validate_projection_source(src: &Value, name_field: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if str_field(src, name_field).is_empty() {
        errs.push(required(&path.child(name_field), ""));
    }
    if let Some(mode) = src.get("defaultMode").and_then(Value::as_i64) {
        if !(0..=0o777).contains(&mode) {
            errs.push(invalid(
                &path.child("defaultMode"),
                mode.to_string(),
                FILE_MODE_MSG,
            ));
        }
    }
    for (i, item) in src
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let ip = path.child("items").index(i);
        let key = str_field(item, "key");
        let item_path = str_field(item, "path");
        if key.is_empty() {
            errs.push(required(&ip.child("key"), ""));
        }
        if item_path.is_empty() {
            errs.push(required(&ip.child("path"), ""));
        }
        errs.extend(validate_local_non_reserved_path(
            item_path,
            &ip.child("path"),
        ));
        if let Some(mode) = item.get("mode").and_then(Value::as_i64) {
            if !(0..=0o777).contains(&mode) {
                errs.push(invalid(&ip.child("mode"), mode.to_string(), FILE_MODE_MSG));
            }
        }
    }
    errs
}

pub fn validate_path_no_backsteps(target: &str, path: &Path) -> Vec<FieldError> {
    if target.split('/').any(|p| p == "..") {
        vec![invalid(path, q(target), "must not contain '..'")]
    } else {
        Vec::new()
    }
}

pub fn validate_local_descending_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if target.starts_with('/') {
        errs.push(invalid(path, q(target), "must be a relative path"));
    }
    errs.extend(validate_path_no_backsteps(target, path));
    errs
}

fn validate_local_non_reserved_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_local_descending_path(target, path);
    if target.starts_with("..") && !target.starts_with("../") {
        errs.push(invalid(path, q(target), "must not start with '..'"));
    }
    errs
}
