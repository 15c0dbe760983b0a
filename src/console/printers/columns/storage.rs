//! Table columns of storage kinds: PersistentVolumeClaim (R10.5),
//! PersistentVolume (R10.6) and StorageClass (`standard (default)`).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{access_modes, col, wide, Column, Ctx, NAME};
use crate::engine::objects::{Object, PersistentVolume, PersistentVolumeClaim, StorageClass};

pub(crate) const PVC: &[Column] = &[
    NAME,
    col("Status"),
    col("Volume"),
    col("Capacity"),
    col("Access Modes"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Age"),
    wide("VolumeMode"),
];

/// `GetPersistentVolumeClaimClass`: the beta annotation first, else the
/// field.
pub(crate) fn claim_class(c: &PersistentVolumeClaim) -> String {
    c.class_name().to_string()
}

/// `GetPersistentVolumeClass`: the beta annotation first, else the field.
pub(crate) fn volume_class(v: &PersistentVolume) -> String {
    v.class_name().to_string()
}

fn attributes_class(extra: &crate::engine::objects::common::Extra) -> String {
    extra
        .get("volumeAttributesClassName")
        .and_then(Value::as_str)
        .unwrap_or("<unset>")
        .to_string()
}

pub(crate) fn pvc(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(c) = obj.downcast::<PersistentVolumeClaim>() else {
        return vec![obj.name().to_string()];
    };
    let phase = if c.metadata.deletion_timestamp.is_some() {
        "Terminating".to_string()
    } else {
        c.status.phase.to_string()
    };
    let (capacity, modes) = if c.spec.volume_name.is_empty() {
        (String::new(), String::new())
    } else {
        (
            c.status
                .capacity
                .get("storage")
                .cloned()
                .unwrap_or_else(|| "0".into()),
            access_modes(&c.status.access_modes),
        )
    };
    let mut cells = vec![
        c.metadata.name.to_string(),
        phase,
        c.spec.volume_name.clone(),
        capacity,
        modes,
        claim_class(c),
        attributes_class(&c.spec.extra),
        ctx.age(c.metadata.creation_timestamp),
    ];
    if ctx.wide {
        // The API server defaults volumeMode to Filesystem.
        cells.push(
            c.spec
                .volume_mode
                .clone()
                .unwrap_or_else(|| "Filesystem".into()),
        );
    }
    cells
}

pub(crate) const PV: &[Column] = &[
    NAME,
    col("Capacity"),
    col("Access Modes"),
    col("Reclaim Policy"),
    col("Status"),
    col("Claim"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Reason"),
    col("Age"),
    wide("VolumeMode"),
];

pub(crate) fn pv(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(v) = obj.downcast::<PersistentVolume>() else {
        return vec![obj.name().to_string()];
    };
    let claim = v
        .spec
        .claim_ref
        .as_ref()
        .map(|r| format!("{}/{}", r.namespace, r.name))
        .unwrap_or_default();
    let phase = if v.metadata.deletion_timestamp.is_some() {
        "Terminating".to_string()
    } else {
        v.status.phase.to_string()
    };
    let mut cells = vec![
        v.metadata.name.to_string(),
        (v.spec
            .capacity
            .get("storage")
            .cloned()
            .unwrap_or_else(|| "0".into())),
        access_modes(&v.spec.access_modes),
        // The API server defaults the reclaim policy to Retain.
        v.spec
            .persistent_volume_reclaim_policy
            .clone()
            .unwrap_or_else(|| "Retain".into()),
        phase,
        claim,
        volume_class(v),
        attributes_class(&v.spec.extra),
        v.status.reason.to_string(),
        ctx.age(v.metadata.creation_timestamp),
    ];
    if ctx.wide {
        cells.push(
            v.spec
                .volume_mode
                .clone()
                .unwrap_or_else(|| "Filesystem".into()),
        );
    }
    cells
}

pub(crate) const STORAGECLASS: &[Column] = &[
    NAME,
    col("Provisioner"),
    col("ReclaimPolicy"),
    col("VolumeBindingMode"),
    col("AllowVolumeExpansion"),
    col("Age"),
];

/// `IsDefaultAnnotation`: the GA or the beta annotation set to `true`.
pub(crate) fn is_default_class(s: &StorageClass) -> bool {
    s.is_default()
}

pub(crate) fn storageclass(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(s) = obj.downcast::<StorageClass>() else {
        return vec![obj.name().to_string()];
    };
    let mut name = s.metadata.name.to_string();
    if is_default_class(s) {
        name.push_str(" (default)");
    }
    vec![
        name.to_string(),
        s.provisioner.clone(),
        s.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
        s.volume_binding_mode
            .clone()
            .unwrap_or_else(|| "Immediate".into()),
        s.allow_volume_expansion.unwrap_or(false).to_string(),
        ctx.age(s.metadata.creation_timestamp),
    ]
}
