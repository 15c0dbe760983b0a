//! PriorityClasses (`pkg/apis/scheduling/validation`): a name with the
//! `system-` prefix only for the two classes the API server creates, with
//! their value and `globalDefault`; a user class at most 1,000,000,000; a
//! preemption policy the scheduler knows. On update the value and the
//! policy may not change.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::meta::validate_object_meta;
use super::names::name_is_dns_subdomain;
use super::render::{forbidden, invalid, not_supported, q, Path};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::scheduling::PriorityClassFields;
use crate::engine::objects::{GenericObject, Value};

/// `scheduling.HighestUserDefinablePriority`.
pub const HIGHEST_USER_DEFINABLE_PRIORITY: i64 = 1_000_000_000;

/// The classes the API server creates at start (`SystemPriorityClasses`):
/// name, value, description. Neither is the global default.
pub const SYSTEM_PRIORITY_CLASSES: [(&str, i64, &str); 2] = [
    (
        "system-node-critical",
        2_000_001_000,
        "Used for system critical pods that must not be moved from their current node.",
    ),
    (
        "system-cluster-critical",
        2_000_000_000,
        "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    ),
];

const POLICIES: &[&str] = &["Never", "PreemptLowerPriority"];

/// `IsKnownSystemPriorityClass`: why a `system-` name is not one.
fn system_class_error(name: &str, value: i64, global_default: bool) -> Option<String> {
    match SYSTEM_PRIORITY_CLASSES.iter().find(|(n, _, _)| *n == name) {
        None => Some(format!("{name} is not a known system priority class")),
        Some((n, v, _)) if *v != value => Some(format!("value of {n} PriorityClass must be {v}")),
        Some((n, _, _)) if global_default => {
            Some(format!("globalDefault of {n} PriorityClass must be false"))
        }
        Some(_) => None,
    }
}

pub fn validate_priority_class(pc: &GenericObject) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&pc.metadata, false, name_is_dns_subdomain);
    let name = pc.metadata.name.as_str();
    let fields = PriorityClassFields::of(pc);
    if name.starts_with("system-") {
        if let Some(why) = system_class_error(name, fields.value, fields.global_default) {
            errs.push(forbidden(
                &Path::new("metadata").child("name"),
                &format!("priority class names with 'system-' prefix are reserved for system use only. error: {why}"),
            ));
        }
    } else if fields.value > HIGHEST_USER_DEFINABLE_PRIORITY {
        errs.push(forbidden(
            &Path::new("value"),
            &format!("maximum allowed value of a user defined priority is {HIGHEST_USER_DEFINABLE_PRIORITY}"),
        ));
    }
    if let Some(p) = fields.preemption_policy {
        if !POLICIES.contains(&p) {
            errs.push(not_supported(
                &Path::new("preemptionPolicy"),
                q(p),
                POLICIES,
            ));
        }
    }
    errs
}

pub fn validate_priority_class_update(new: &GenericObject, old: &GenericObject) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if PriorityClassFields::of(new).value != PriorityClassFields::of(old).value {
        errs.push(forbidden(
            &Path::new("value"),
            "may not be changed in an update.",
        ));
    }
    let policy = |pc: &GenericObject| pc.rest.get("preemptionPolicy").cloned();
    if policy(new) != policy(old) {
        let shown = match policy(new) {
            Some(Value::String(s)) => q(&s),
            _ => "null".to_string(),
        };
        errs.push(invalid(
            &Path::new("preemptionPolicy"),
            shown,
            "field is immutable",
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, value: i64, global_default: bool) -> GenericObject {
        let mut pc = GenericObject::default();
        pc.metadata.name = name.into();
        pc.rest.insert("value".into(), value.into());
        pc.rest
            .insert("globalDefault".into(), global_default.into());
        pc
    }

    fn messages(errs: Vec<FieldError>) -> Vec<String> {
        errs.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn system_prefix_is_reserved_for_the_two_system_classes() {
        assert!(
            validate_priority_class(&class("system-node-critical", 2_000_001_000, false))
                .is_empty()
        );
        assert_eq!(
            messages(validate_priority_class(&class("system-mine", 5, false))),
            ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class"]
        );
        assert_eq!(
            messages(validate_priority_class(&class("system-cluster-critical", 5, false))),
            ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000"]
        );
    }

    #[test]
    fn a_user_class_stays_at_or_below_one_billion() {
        assert!(validate_priority_class(&class("high", 1_000_000_000, false)).is_empty());
        assert_eq!(
            messages(validate_priority_class(&class(
                "high",
                1_000_000_001,
                false
            ))),
            ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"]
        );
    }

    #[test]
    fn value_and_policy_are_immutable() {
        let old = class("high", 10, false);
        let mut new = class("high", 11, false);
        new.rest.insert("preemptionPolicy".into(), "Never".into());
        assert_eq!(
            messages(validate_priority_class_update(&new, &old)),
            [
                "value: Forbidden: may not be changed in an update.",
                "preemptionPolicy: Invalid value: \"Never\": field is immutable"
            ]
        );
    }
}
