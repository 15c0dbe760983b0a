//! Warnings the API server sends with a write it accepts (the registry
//! strategies' `WarningsOnCreate` / `WarningsOnUpdate`, run once validation
//! has passed), which kubectl prints on stderr as `Warning: …`. Only those
//! of the fields the simulator models.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use crate::engine::objects::Object;

/// `pkg/registry/apps/statefulset/strategy.go`: a negative
/// `revisionHistoryLimit` is accepted — the controller then keeps every
/// revision (R4.14, R9.9) — with this warning on every create and update of
/// the set (the `/scale` subresource's updates go through the same
/// strategy).
pub const NEGATIVE_HISTORY_LIMIT: &str = "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended";

/// `WarningsOnCreate`.
pub fn on_create(obj: &Object) -> Vec<String> {
    statefulset(obj)
}

/// `WarningsOnUpdate` (the new object's; the old one decides nothing here).
pub fn on_update(new: &Object, _old: &Object) -> Vec<String> {
    statefulset(new)
}

fn statefulset(obj: &Object) -> Vec<String> {
    match obj {
        Object::StatefulSet(s) if s.spec.revision_history_limit.is_some_and(|l| l < 0) => {
            vec![NEGATIVE_HISTORY_LIMIT.to_string()]
        }
        _ => Vec::new(),
    }
}
