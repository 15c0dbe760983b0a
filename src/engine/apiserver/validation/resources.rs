//! Container resource requirements (core `validateResourceRequirements`
//! with `validateContainerResourceName`): resource names, non-negative and
//! integer quantities, requests within limits, huge pages.
//!
//! Go walks the limits and requests maps in random order; we walk them in
//! key order. Quantities that do not parse are left to the decode check
//! (the API server rejects them before validation).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeMap;

use super::labels::is_qualified_name;
use super::quantity::Quantity;
use super::render::{forbidden, invalid, js, q, required, Path};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::Value;

const STANDARD_RESOURCES: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "persistentvolumeclaims",
    "configmaps",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

pub fn is_huge_page(name: &str) -> bool {
    name.starts_with("hugepages-")
}

fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

fn is_standard_resource(name: &str) -> bool {
    STANDARD_RESOURCES.contains(&name)
        || is_huge_page(name)
        || name.starts_with("requests.hugepages-")
}

pub fn is_extended(name: &str) -> bool {
    !is_native(name)
        && !name.starts_with("requests.")
        && is_qualified_name(&format!("requests.{name}")).is_empty()
}

pub fn is_overcommit_allowed(name: &str) -> bool {
    is_native(name) && !is_huge_page(name)
}

/// `validateResourceName` then the container-specific rule.
fn validate_container_resource_name(name: &str, path: &Path) -> Vec<FieldError> {
    // `known_qualified_name` is the same test, cached (`cpu`, `memory` …
    // of every container of every Pod).
    let mut errs: Vec<FieldError> = if super::labels::known_qualified_name(name) {
        Vec::new()
    } else {
        is_qualified_name(name)
            .iter()
            .map(|m| invalid(path, js(name), m))
            .collect()
    };
    if errs.is_empty() && !name.contains('/') && !is_standard_resource(name) {
        errs.push(invalid(
            path,
            js(name),
            "must be a standard resource type or fully qualified",
        ));
    }
    if !name.contains('/') {
        if !matches!(name, "cpu" | "memory" | "ephemeral-storage") && !is_huge_page(name) {
            errs.push(invalid(
                path,
                js(name),
                "must be a standard resource for containers",
            ));
        }
    } else if !is_native(name) && !is_extended(name) {
        errs.push(invalid(
            path,
            js(name),
            "doesn't follow extended resource name standard",
        ));
    }
    errs
}

/// `ValidateResourceQuantityValue`: not negative, whole for integer resources.
pub fn validate_quantity_value(name: &str, value: &Quantity, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if value.sign() < 0 {
        errs.push(invalid(
            path,
            q(&value.to_canonical_string()),
            "must be greater than or equal to 0",
        ));
    }
    if is_extended(name) && value.milli_value() % 1000 != 0 {
        errs.push(invalid(
            path,
            js(&value.to_canonical_string()),
            "must be an integer",
        ));
    }
    errs
}

fn huge_page_error(name: &str, value: &Quantity) -> Option<String> {
    let size = name
        .strip_prefix("hugepages-")
        .and_then(|s| Quantity::parse(s).ok());
    let divisible = size.is_some_and(|s| {
        s.sign() > 0 && s.milli_value() % 1000 == 0 && value.value() % s.value() == 0
    });
    (!divisible).then(|| {
        format!(
            "{} is not positive integer multiple of {name}",
            value.to_canonical_string()
        )
    })
}

/// The quantities of one resource list, parsed (unparseable entries skipped).
pub fn resource_list(v: Option<&Value>) -> BTreeMap<String, Quantity> {
    let mut out = BTreeMap::new();
    if let Some(Value::Object(m)) = v {
        for (k, raw) in m {
            if let Ok(qty) = Quantity::from_value(raw) {
                out.insert(k.clone(), qty);
            }
        }
    }
    out
}

pub fn validate_resource_requirements(resources: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let limits = resource_list(resources.and_then(|r| r.get("limits")));
    let requests = resource_list(resources.and_then(|r| r.get("requests")));
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let (mut cpu_or_mem, mut huge) = (false, false);
    for (name, qty) in &limits {
        let p = lim_path.key(name);
        errs.extend(validate_container_resource_name(name, &p));
        errs.extend(validate_quantity_value(name, qty, &p));
        if is_huge_page(name) {
            huge = true;
            if let Some(m) = huge_page_error(name, qty) {
                errs.push(invalid(&p, q(&qty.to_canonical_string()), &m));
            }
        }
        cpu_or_mem |= name == "cpu" || name == "memory";
    }
    for (name, qty) in &requests {
        let p = req_path.key(name);
        errs.extend(validate_container_resource_name(name, &p));
        errs.extend(validate_quantity_value(name, qty, &p));
        match limits.get(name) {
            Some(limit) => {
                let shown = q(&qty.to_canonical_string());
                if qty != limit && !is_overcommit_allowed(name) {
                    errs.push(invalid(
                        &req_path,
                        shown,
                        &format!("must be equal to {name} limit of {limit}"),
                    ));
                } else if qty.cmp_value(limit) == std::cmp::Ordering::Greater {
                    errs.push(invalid(
                        &req_path,
                        shown,
                        &format!("must be less than or equal to {name} limit of {limit}"),
                    ));
                }
            }
            None if !is_overcommit_allowed(name) => errs.push(required(
                &lim_path,
                "Limit must be set for non overcommitable resources",
            )),
            None => {}
        }
        if is_huge_page(name) {
            huge = true;
            if let Some(m) = huge_page_error(name, qty) {
                errs.push(invalid(&p, q(&qty.to_canonical_string()), &m));
            }
        }
        cpu_or_mem |= name == "cpu" || name == "memory";
    }
    if !cpu_or_mem && huge {
        errs.push(forbidden(path, "HugePages require cpu or memory"));
    }
    errs
}
