//! PodDisruptionBudgets (policy `ValidatePodDisruptionBudget` and
//! `ValidatePodDisruptionBudgetSpec`): not both `minAvailable` and
//! `maxUnavailable`, each a number ≥ 0 or a percent ≤ 100%, a valid
//! selector, and an `unhealthyPodEvictionPolicy` the eviction subresource
//! knows. Every field may change on update.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::labels::{selector_json, validate_label_selector};
use super::meta::validate_object_meta;
use super::names::name_is_dns_subdomain;
use super::render::{invalid, js, not_supported, Path, J};
use super::statefulset::{is_not_more_than_100_percent, validate_positive_int_or_percent};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::policy::BudgetSpec;
use crate::engine::objects::{GenericObject, IntOrString, Value};

const POLICIES: &[&str] = &["AlwaysAllow", "IfHealthyBudget"];

pub fn validate_pdb(pdb: &GenericObject) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&pdb.metadata, true, name_is_dns_subdomain);
    errs.extend(validate_pdb_spec(pdb.rest.get("spec")));
    errs
}

pub fn validate_pdb_update(new: &GenericObject) -> Vec<FieldError> {
    validate_pdb_spec(new.rest.get("spec"))
}

fn validate_pdb_spec(spec: Option<&Value>) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(spec) = spec.filter(|s| !s.is_null()) else {
        return errs;
    };
    let path = Path::new("spec");
    let BudgetSpec {
        min_available: min,
        max_unavailable: max,
        selector,
        unhealthy_pod_eviction_policy: policy,
    } = BudgetSpec::of(Some(spec));
    let policy = policy.as_deref();
    if min.is_some() && max.is_some() {
        // The internal struct, as the API server prints it (Go field names).
        let ios = |v: &Option<IntOrString>| v.as_ref().map_or(J::Null, J::int_or_string);
        let value = J::obj(vec![
            ("MinAvailable", ios(&min)),
            ("Selector", selector.as_ref().map_or(J::Null, selector_json)),
            ("MaxUnavailable", ios(&max)),
            ("UnhealthyPodEvictionPolicy", policy.map_or(J::Null, J::str)),
        ]);
        errs.push(invalid(
            &path,
            value.render(),
            "minAvailable and maxUnavailable cannot be both set",
        ));
    }
    for (field, v) in [("minAvailable", &min), ("maxUnavailable", &max)] {
        if let Some(v) = v {
            let p = path.child(field);
            errs.extend(validate_positive_int_or_percent(v, &p));
            errs.extend(is_not_more_than_100_percent(v, &p));
        }
    }
    if let Some(sel) = &selector {
        errs.extend(validate_label_selector(sel, &path.child("selector")));
    }
    if let Some(p) = policy.filter(|p| !POLICIES.contains(p)) {
        errs.push(not_supported(
            &path.child("unhealthyPodEvictionPolicy"),
            js(p),
            POLICIES,
        ));
    }
    errs
}
