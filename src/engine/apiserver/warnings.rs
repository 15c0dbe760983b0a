//! Warnings the API server sends with a write it accepts (the registry
//! strategies' `WarningsOnCreate` / `WarningsOnUpdate`, run once validation
//! has passed), which kubectl prints on stderr as `Warning: …`. Only those
//! of the fields the simulator models.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use crate::engine::objects::{Object, Service};

/// `pkg/registry/apps/statefulset/strategy.go`: a negative
/// `revisionHistoryLimit` is accepted — the controller then keeps every
/// revision (R4.14, R9.9) — with this warning on every create and update of
/// the set (the `/scale` subresource's updates go through the same
/// strategy).
pub const NEGATIVE_HISTORY_LIMIT: &str = "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended";

/// `WarningsOnCreate`.
pub fn on_create(obj: &Object) -> Vec<String> {
    warnings(obj)
}

/// `WarningsOnUpdate` (the new object's; the old one decides nothing here).
pub fn on_update(new: &Object, _old: &Object) -> Vec<String> {
    warnings(new)
}

fn warnings(obj: &Object) -> Vec<String> {
    match obj {
        Object::Service(s) => service(s),
        _ => statefulset(obj),
    }
}

/// `pkg/api/service/warnings.go` (`GetWarningsForService`, 1.35), in its
/// order, for the fields a Service here can hold: what a headless Service
/// ignores (kubernetes#132214; the session affinity one only when it is
/// ClientIP since kubernetes#134054 — 1.34.0 and 1.34.1 warned for every
/// headless Service), what the wrong type ignores, and the deprecated
/// names. (The IP-format warnings cannot arise: validation refuses such
/// addresses first.)
fn service(s: &Service) -> Vec<String> {
    let mut out = Vec::new();
    let spec = &s.spec;
    if s.metadata.annotations.contains_key(TOPOLOGY_AWARE_HINTS) {
        out.push(format!(
            "annotation {TOPOLOGY_AWARE_HINTS} is deprecated, please use {TOPOLOGY_MODE} instead"
        ));
    }
    let extra_str = |k: &str| spec.extra.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let external_ips = spec
        .extra
        .get("externalIPs")
        .and_then(|v| v.as_array())
        .is_some_and(|a| !a.is_empty());
    if s.type_() == "ClusterIP" && s.is_headless() {
        if !extra_str("loadBalancerIP").is_empty() {
            out.push("spec.loadBalancerIP is ignored for headless services".into());
        }
        if external_ips {
            out.push("spec.externalIPs is ignored for headless services".into());
        }
        if spec.session_affinity.as_deref() == Some("ClientIP") {
            out.push("spec.SessionAffinity is ignored for headless services".into());
        }
    }
    if s.type_() == "ExternalName" && external_ips {
        out.push("spec.externalIPs is ignored when spec.type is \"ExternalName\"".into());
    }
    if s.type_() != "ExternalName" && spec.external_name.as_deref().is_some_and(|n| !n.is_empty()) {
        out.push("spec.externalName is ignored when spec.type is not \"ExternalName\"".into());
    }
    if extra_str("trafficDistribution") == "PreferClose" {
        out.push(
            "spec.trafficDistribution: \"PreferClose\" is deprecated; use \"PreferSameZone\""
                .into(),
        );
    }
    out
}

const TOPOLOGY_AWARE_HINTS: &str = "service.kubernetes.io/topology-aware-hints";
const TOPOLOGY_MODE: &str = "service.kubernetes.io/topology-mode";

fn statefulset(obj: &Object) -> Vec<String> {
    match obj {
        Object::StatefulSet(s) if s.spec.revision_history_limit.is_some_and(|l| l < 0) => {
            vec![NEGATIVE_HISTORY_LIMIT.to_string()]
        }
        _ => Vec::new(),
    }
}
