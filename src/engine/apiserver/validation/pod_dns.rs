//! A Pod's `dnsConfig` (core validation `validatePodDNSConfig`, with the
//! limits of `ExpandedDNSConfig`, GA since 1.28: 3 nameservers, 32 search
//! domains, 2048 characters of search line).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::names::is_dns1123_subdomain;
use super::render::{invalid, q, required, Path};
use super::service::validate_ip;
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::PodSpec;
use crate::engine::objects::Value;
use crate::engine::pod_dns::strings;

const MAX_NAMESERVERS: usize = 3;
const MAX_SEARCH_PATHS: usize = 32;
const MAX_SEARCH_LIST_CHARS: usize = 2048;

/// The value of a list-valued field error, as 1.35 prints it (JSON).
fn list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

pub fn validate_pod_dns_config(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let path = path.child("dnsConfig");
    let config = spec.extra.get("dnsConfig").filter(|v| !v.is_null());
    let nameservers = strings(config.and_then(|c| c.get("nameservers")));
    if spec.dns_policy.as_deref() == Some("None") {
        if config.is_none() {
            return vec![required(
                &path,
                "must provide `dnsConfig` when `dnsPolicy` is None",
            )];
        }
        if nameservers.is_empty() {
            return vec![required(
                &path.child("nameservers"),
                "must provide at least one DNS nameserver when `dnsPolicy` is None",
            )];
        }
    }
    let Some(config) = config else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    if nameservers.len() > MAX_NAMESERVERS {
        errs.push(invalid(
            &path.child("nameservers"),
            list(&nameservers),
            &format!("must not have more than {MAX_NAMESERVERS} nameservers"),
        ));
    }
    for (i, ns) in nameservers.iter().enumerate() {
        errs.extend(validate_ip(ns, &path.child("nameservers").index(i)));
    }
    let searches = strings(config.get("searches"));
    if searches.len() > MAX_SEARCH_PATHS {
        errs.push(invalid(
            &path.child("searches"),
            list(&searches),
            &format!("must not have more than {MAX_SEARCH_PATHS} search paths"),
        ));
    }
    if searches.join(" ").len() > MAX_SEARCH_LIST_CHARS {
        errs.push(invalid(
            &path.child("searches"),
            list(&searches),
            &format!("must not have more than {MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list"),
        ));
    }
    for (i, s) in searches.iter().enumerate() {
        // A trailing dot is fine.
        let s = s.strip_suffix('.').unwrap_or(s);
        for m in is_dns1123_subdomain(s) {
            errs.push(invalid(&path.child("searches").index(i), q(s), &m));
        }
    }
    let options = config.get("options").and_then(Value::as_array);
    for (i, o) in options.into_iter().flatten().enumerate() {
        let name = o.get("name").and_then(Value::as_str).unwrap_or("");
        if name.is_empty() {
            errs.push(required(
                &path.child("options").index(i),
                "must not be empty",
            ));
        }
    }
    errs
}
