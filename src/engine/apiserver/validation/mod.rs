//! Validation as the Kubernetes 1.35 API server does it (R9), with
//! apimachinery's messages byte for byte and errors in the order it emits
//! them. Run it after defaulting (`defaults::apply_defaults`) — upstream
//! validates the defaulted internal object.
//!
//! One file per kind or concern: `meta` (ObjectMeta), `names` and `labels`
//! (formats), `quantity` (`resource.Quantity`), `statefulset`, `pod` (with
//! `container`, `env`, `probe`, `volume`, `resources`), `service`,
//! `storage` (PVC), `pv`, `storage_class`, `config` (ConfigMap, Secret,
//! Namespace), `pdb`, `priority_class`, `render` (paths and Go value printing) and `diff`.
//!
//! Where Go iterates a map (labels, annotations, resource lists) the order
//! of errors is random upstream; here it is key order, so results are
//! deterministic. No function panics on any input.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

mod config;
mod container;
mod diff;
mod env;
mod ephemeral;
pub mod labels;
mod lifecycle;
pub mod meta;
pub mod names;
mod pdb;
mod pod;
mod pod_dns;
pub mod priority_class;
mod probe;
mod pv;
pub mod quantity;
pub mod render;
mod resources;
mod service;
mod statefulset;
mod storage;
mod storage_class;
mod volume;

#[cfg(test)]
mod tests;

pub use pod::{validate_pod_ephemeral_update, POD_UPDATE_FORBIDDEN};
pub use quantity::{Quantity, QuantityError, QUANTITY_FORMAT_ERROR};
pub use statefulset::SPEC_UPDATE_FORBIDDEN;
pub use storage::validate_pvc_spec;

use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::PodSpec;
use crate::engine::objects::{Kind, Object, Value};

/// The errors creating `obj` would get (empty when it is valid). The
/// object must already carry its namespace and generated name.
pub fn validate_create(obj: &Object) -> Vec<FieldError> {
    match obj {
        Object::StatefulSet(s) => statefulset::validate_statefulset(s),
        Object::Pod(p) => pod::validate_pod(p),
        Object::Service(s) => service::validate_service(s),
        Object::PersistentVolumeClaim(p) => storage::validate_pvc(p),
        Object::PersistentVolume(p) => pv::validate_pv(p),
        Object::StorageClass(s) => storage_class::validate_storage_class(s),
        Object::ConfigMap(c) => config::validate_config_map(c),
        Object::Secret(s) => config::validate_secret(s),
        Object::Namespace(n) => config::validate_namespace(n),
        Object::Other(Kind::PodDisruptionBudget, p) => pdb::validate_pdb(p),
        Object::Other(Kind::PriorityClass, p) => priority_class::validate_priority_class(p),
        other => meta::validate_object_meta(
            other.meta(),
            other.kind().namespaced(),
            names::name_is_dns_subdomain,
        ),
    }
}

/// The errors replacing `old` by `new` would get: the registry's common
/// metadata checks, then the kind's update rules.
pub fn validate_update(new: &Object, old: &Object) -> Vec<FieldError> {
    let mut errs =
        meta::validate_common_update_fields(new.meta(), old.meta(), new.kind().namespaced());
    errs.extend(match (new, old) {
        (Object::StatefulSet(n), Object::StatefulSet(o)) => {
            statefulset::validate_statefulset_update(n, o)
        }
        (Object::Pod(n), Object::Pod(o)) => pod::validate_pod_update(n, o),
        (Object::Service(n), Object::Service(o)) => service::validate_service_update(n, o),
        (Object::PersistentVolumeClaim(n), Object::PersistentVolumeClaim(o)) => {
            storage::validate_pvc_update(n, o)
        }
        (Object::PersistentVolume(n), Object::PersistentVolume(o)) => pv::validate_pv_update(n, o),
        (Object::StorageClass(n), Object::StorageClass(o)) => {
            storage_class::validate_storage_class_update(n, o)
        }
        (Object::ConfigMap(n), Object::ConfigMap(o)) => config::validate_config_map_update(n, o),
        (Object::Secret(n), Object::Secret(o)) => config::validate_secret_update(n, o),
        (Object::Namespace(n), Object::Namespace(o)) => config::validate_namespace_update(n, o),
        (
            Object::Other(Kind::PodDisruptionBudget, n),
            Object::Other(Kind::PodDisruptionBudget, o),
        ) => {
            let mut errs = meta::validate_object_meta_update(&n.metadata, &o.metadata);
            errs.extend(pdb::validate_pdb_update(n));
            errs
        }
        (Object::Other(Kind::PriorityClass, n), Object::Other(Kind::PriorityClass, o)) => {
            let mut errs = meta::validate_object_meta_update(&n.metadata, &o.metadata);
            errs.extend(priority_class::validate_priority_class_update(n, o));
            errs
        }
        (n, o) => meta::validate_object_meta_update(n.meta(), o.meta()),
    });
    errs
}

fn first_bad_quantity<'a>(values: impl Iterator<Item = &'a Value>) -> Option<QuantityError> {
    values.filter_map(|v| Quantity::from_value(v).err()).next()
}

fn pod_spec_quantities(spec: &PodSpec) -> Option<QuantityError> {
    spec.containers
        .iter()
        .chain(spec.init_containers.iter())
        .find_map(|c| {
            let r = c.resources.as_ref()?;
            ["limits", "requests"].iter().find_map(|k| {
                first_bad_quantity(
                    r.get(*k)
                        .and_then(Value::as_object)
                        .into_iter()
                        .flat_map(|m| m.values()),
                )
            })
        })
}

/// Quantities are parsed while the request body is decoded, before any
/// validation: a malformed one fails the whole request with 400
/// BadRequest. Returns that message (`PersistentVolumeClaim in version "v1"
/// cannot be handled as a PersistentVolumeClaim: quantities must match …`).
pub fn decode_error(obj: &Object) -> Option<String> {
    let claim_error = |p: &crate::engine::objects::PersistentVolumeClaim| {
        let r = p.spec.resources.as_ref()?;
        first_bad_quantity(r.requests.values().chain(r.limits.values()))
    };
    let err = match obj {
        Object::Pod(p) => pod_spec_quantities(&p.spec),
        Object::StatefulSet(s) => pod_spec_quantities(&s.spec.template.spec)
            .or_else(|| s.spec.volume_claim_templates.iter().find_map(claim_error)),
        Object::PersistentVolumeClaim(p) => claim_error(p),
        Object::PersistentVolume(p) => p
            .spec
            .capacity
            .values()
            .find_map(|v| Quantity::parse(v.trim()).err()),
        _ => None,
    }?;
    let kind = obj.kind();
    let version = kind.info().version;
    Some(format!(
        "{} in version {} cannot be handled as a {}: {err}",
        kind.name(),
        render::q(version),
        kind.name()
    ))
}
