//! Builders shared by the validation tests.

use crate::engine::apiserver::defaults::apply_defaults;
use crate::engine::apiserver::validation::{validate_create, validate_update};
use crate::engine::objects::{Kind, Object, Value};

/// Decodes a manifest-shaped JSON value into an object.
pub fn object(kind: Kind, v: Value) -> Object {
    Object::from_value(kind, v).expect("test manifests decode")
}

/// Defaults then validates a create; returns the rendered field errors.
pub fn create(kind: Kind, v: Value) -> Vec<String> {
    let mut o = object(kind, v);
    apply_defaults(&mut o);
    validate_create(&o).iter().map(|e| e.to_string()).collect()
}

/// Defaults both versions then validates the update of `old` to `new`.
pub fn update(kind: Kind, old: Value, new: Value) -> Vec<String> {
    let mut o = object(kind, old);
    let mut n = object(kind, new);
    apply_defaults(&mut o);
    apply_defaults(&mut n);
    validate_update(&n, &o)
        .iter()
        .map(|e| e.to_string())
        .collect()
}
