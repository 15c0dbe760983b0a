//! Warnings the API server sends with a write it accepts (the registry
//! strategies' `WarningsOnCreate` / `WarningsOnUpdate`, run once validation
//! has passed), which kubectl prints on stderr as `Warning: …`. Only those
//! of the fields the simulator models.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use crate::engine::objects::meta::ObjectMeta;
use crate::engine::objects::pod::PodSpec;
use crate::engine::objects::storage::PersistentVolumeClaimSpec;
use crate::engine::objects::{Object, Service};
use serde_json::Value;

/// `pkg/registry/apps/statefulset/strategy.go`: a negative
/// `revisionHistoryLimit` is accepted — the controller then keeps every
/// revision (R4.14, R9.9) — with this warning on every create and update of
/// the set (the `/scale` subresource's updates go through the same
/// strategy).
pub const NEGATIVE_HISTORY_LIMIT: &str = "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended";

/// The v1 Endpoints API's deprecation (since 1.33), sent with every
/// request about Endpoints.
pub const ENDPOINTS_DEPRECATED: &str =
    "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/// The deprecation warning of a request about `kind`, if any.
pub fn deprecated(kind: crate::engine::objects::Kind) -> Option<&'static str> {
    (kind == crate::engine::objects::Kind::Endpoints).then_some(ENDPOINTS_DEPRECATED)
}

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
        Object::Pod(p) => pod_spec_and_meta("", &p.spec, &p.metadata),
        Object::StatefulSet(s) => {
            // statefulset strategy's `WarningsOnCreate`: the template, the
            // claim templates, then the history limit.
            let mut out = pod_spec_and_meta(
                "spec.template.",
                &s.spec.template.spec,
                &s.spec.template.metadata,
            );
            // (Upstream names the claim template's fields without its
            // `.spec`: `spec.volumeClaimTemplates[0].resources…`.)
            for (i, c) in s.spec.volume_claim_templates.iter().enumerate() {
                out.extend(claim_spec(
                    &format!("spec.volumeClaimTemplates[{i}]"),
                    &c.spec,
                ));
            }
            out.extend(statefulset(obj));
            out
        }
        Object::PersistentVolumeClaim(c) => {
            // `GetWarningsForPersistentVolumeClaim`.
            let mut out = Vec::new();
            const BETA_CLASS: &str = "volume.beta.kubernetes.io/storage-class";
            if c.metadata.annotations.contains_key(BETA_CLASS) {
                out.push(format!("metadata.annotations[{BETA_CLASS}]: deprecated since v1.8; use \"storageClassName\" attribute instead"));
            }
            out.extend(claim_spec("spec", &c.spec));
            out
        }
        _ => Vec::new(),
    }
}

/// `GetNodeLabelDeprecatedMessage` (pkg/api/node/util.go).
fn deprecated_node_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "beta.kubernetes.io/arch" => "deprecated since v1.14; use \"kubernetes.io/arch\" instead",
        "beta.kubernetes.io/os" => "deprecated since v1.14; use \"kubernetes.io/os\" instead",
        "failure-domain.beta.kubernetes.io/region" => {
            "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead"
        }
        "failure-domain.beta.kubernetes.io/zone" => {
            "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead"
        }
        "beta.kubernetes.io/instance-type" => {
            "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead"
        }
        _ => return None,
    })
}

/// `fractional byte value "1500m" is invalid` for a memory or storage
/// quantity that is not a whole number of bytes.
fn fractional_bytes(path: &str, v: &Value) -> Option<String> {
    let q = super::validation::quantity::Quantity::from_value(v).ok()?;
    (q.milli_value() % 1000 != 0).then(|| {
        format!(
            "{path}: fractional byte value {:?} is invalid, must be an integer",
            q.to_string()
        )
    })
}

/// `warningsForPodSpecAndMeta` (pkg/api/pod/warnings.go, 1.35), for the
/// fields a Pod here holds, in its order; `at` is `spec.template.` for a
/// workload's template. Where upstream walks a Go map (the node
/// selector), the keys go in order.
fn pod_spec_and_meta(at: &str, spec: &PodSpec, meta: &ObjectMeta) -> Vec<String> {
    let mut out = Vec::new();
    for (k, _) in spec.node_selector.iter() {
        if let Some(msg) = deprecated_node_label(k) {
            out.push(format!("{at}spec.nodeSelector[{k}]: {msg}"));
        }
    }
    let affinity = spec.affinity.as_ref();
    let node_terms = |ptr: &str| -> Vec<Value> {
        affinity
            .and_then(|a| a.pointer(ptr))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    // `GetWarningsForNodeSelectorTerm`: deprecated keys in match expressions.
    let term_warnings = |term: &Value, path: &str, out: &mut Vec<String>| {
        for (j, e) in term["matchExpressions"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(msg) = e["key"].as_str().and_then(deprecated_node_label) {
                out.push(format!(
                    "{path}.matchExpressions[{j}].key: {} is {msg}",
                    e["key"].as_str().unwrap_or("")
                ));
            }
        }
    };
    let required = format!("{at}spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
    for (i, t) in
        node_terms("/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")
            .iter()
            .enumerate()
    {
        term_warnings(t, &format!("{required}[{i}]"), &mut out);
    }
    let preferred =
        format!("{at}spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution");
    for (i, t) in node_terms("/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution")
        .iter()
        .enumerate()
    {
        term_warnings(
            &t["preference"],
            &format!("{preferred}[{i}].preference"),
            &mut out,
        );
    }
    let spread = spec
        .extra
        .get("topologySpreadConstraints")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, t) in spread.iter().enumerate() {
        let key = t["topologyKey"].as_str().unwrap_or("");
        if let Some(msg) = deprecated_node_label(key) {
            out.push(format!(
                "{at}spec.topologySpreadConstraints[{i}].topologyKey: {key} is {msg}"
            ));
        }
        if t.get("labelSelector").is_none_or(Value::is_null) {
            out.push(format!("{at}spec.topologySpreadConstraints[{i}].labelSelector: a null labelSelector results in matching no pod"));
        }
    }
    for (key, msg) in [
        (
            "scheduler.alpha.kubernetes.io/critical-pod",
            "non-functional in v1.16+; use the \"priorityClassName\" field instead",
        ),
        (
            "security.alpha.kubernetes.io/sysctls",
            "non-functional in v1.11+; use the \"sysctls\" field instead",
        ),
        (
            "security.alpha.kubernetes.io/unsafe-sysctls",
            "non-functional in v1.11+; use the \"sysctls\" field instead",
        ),
    ] {
        if meta.annotations.contains_key(key) {
            out.push(format!("{at}metadata.annotations[{key}]: {msg}"));
        }
    }
    let overhead = spec.extra.get("overhead");
    for r in ["memory", "ephemeral-storage"] {
        if let Some(w) = overhead
            .and_then(|o| o.get(r))
            .and_then(|v| fractional_bytes(&format!("{at}spec.overhead[{r}]"), v))
        {
            out.push(w);
        }
    }
    let pod_seccomp = spec
        .security_context
        .as_ref()
        .is_some_and(|s| s.get("seccompProfile").is_some_and(|p| !p.is_null()));
    const SECCOMP_POD: &str = "seccomp.security.alpha.kubernetes.io/pod";
    if !pod_seccomp && meta.annotations.contains_key(SECCOMP_POD) {
        out.push(format!("{at}metadata.annotations[{SECCOMP_POD}]: non-functional in v1.27+; use the \"seccompProfile\" field instead"));
    }
    // `VisitContainersWithPath`: init containers, containers, ephemeral ones.
    let containers = || {
        let kinds = [
            ("initContainers", &spec.init_containers),
            ("containers", &spec.containers),
            ("ephemeralContainers", &spec.ephemeral_containers),
        ];
        kinds.into_iter().flat_map(move |(field, list)| {
            list.iter()
                .enumerate()
                .map(move |(i, c)| (format!("{at}spec.{field}[{i}]"), c))
        })
    };
    for (path, c) in containers() {
        let seccomp_key = format!("container.seccomp.security.alpha.kubernetes.io/{}", c.name);
        let has_field = c
            .extra
            .get("securityContext")
            .is_some_and(|s| s.get("seccompProfile").is_some_and(|p| !p.is_null()));
        if !has_field && meta.annotations.contains_key(seccomp_key.as_str()) {
            out.push(format!("{at}metadata.annotations[{seccomp_key}]: non-functional in v1.27+; use the \"seccompProfile\" field instead"));
        }
        for (list, r) in [
            ("limits", "memory"),
            ("requests", "memory"),
            ("limits", "ephemeral-storage"),
            ("requests", "ephemeral-storage"),
        ] {
            if let Some(w) = c
                .resources
                .as_ref()
                .and_then(|res| res.get(list))
                .and_then(|l| l.get(r))
                .and_then(|v| fractional_bytes(&format!("{path}.resources.{list}[{r}]"), v))
            {
                out.push(w);
            }
        }
        // An env var that hides an earlier one of the same name.
        let mut seen: Vec<&str> = Vec::new();
        for (i, e) in c.env.iter().enumerate() {
            if seen.contains(&e.name.as_str()) {
                let reference = format!("$({})", e.name);
                let value = e.value.as_deref().unwrap_or("");
                if e.value_from.is_some() || value == reference || !value.contains(&reference) {
                    out.push(format!("{path}.env[{i}]: hides previous definition of {:?}, which may be dropped when using apply", e.name));
                }
            } else {
                seen.push(&e.name);
            }
        }
    }
    // Ports across all containers, by number and protocol.
    let mut all: Vec<(String, String, String, i64)> = Vec::new();
    for (path, c) in containers() {
        for (i, p) in c.ports.iter().enumerate() {
            let here = format!("{path}.ports[{i}]");
            let host_ip = p
                .extra
                .get("hostIP")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let host_port = p.extra.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
            let key = format!(
                "{}/{}",
                p.container_port,
                p.protocol.as_deref().unwrap_or("TCP")
            );
            for (k, other, other_ip, other_port) in &all {
                if *k != key {
                    continue;
                }
                if host_ip == *other_ip && host_port == *other_port {
                    out.push(format!("{here}: duplicate port definition with {other}"));
                } else if host_port == 0 || *other_port == 0 {
                    out.push(format!("{here}: overlapping port definition with {other}"));
                } else if host_port == *other_port && (host_ip.is_empty() != other_ip.is_empty()) {
                    out.push(format!(
                        "{here}: dangerously ambiguous port definition with {other}"
                    ));
                }
            }
            all.push((key, here, host_ip, host_port));
        }
    }
    if spec.termination_grace_period_seconds.is_some_and(|t| t < 0) {
        out.push(format!("{at}spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1"));
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let base = format!("{at}spec.affinity.{kind}");
        for (i, t) in node_terms(&format!(
            "/{kind}/requiredDuringSchedulingIgnoredDuringExecution"
        ))
        .iter()
        .enumerate()
        {
            if t.get("labelSelector").is_none_or(Value::is_null) {
                out.push(format!("{base}.requiredDuringSchedulingIgnoredDuringExecution[{i}].labelSelector: a null labelSelector results in matching no pod"));
            }
        }
        for (i, t) in node_terms(&format!(
            "/{kind}/preferredDuringSchedulingIgnoredDuringExecution"
        ))
        .iter()
        .enumerate()
        {
            if t["podAffinityTerm"]
                .get("labelSelector")
                .is_none_or(Value::is_null)
            {
                out.push(format!("{base}.preferredDuringSchedulingIgnoredDuringExecution[{i}].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod"));
            }
        }
    }
    out
}

/// `GetWarningsForPersistentVolumeClaimSpec`: storage that is not a whole
/// number of bytes, under `path`.
fn claim_spec(path: &str, spec: &PersistentVolumeClaimSpec) -> Vec<String> {
    let Some(r) = spec.resources.as_ref() else {
        return Vec::new();
    };
    [("requests", &r.requests), ("limits", &r.limits)]
        .into_iter()
        .filter_map(|(list, m)| {
            m.get("storage")
                .and_then(|v| fractional_bytes(&format!("{path}.resources.{list}[storage]"), v))
        })
        .collect()
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
