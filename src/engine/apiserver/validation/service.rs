//! Service validation (core `ValidateService`, `ValidateServiceUpdate`;
//! R9.13–R9.14): DNS-1035 names, ports, session affinity, cluster IPs and
//! IP families, types, traffic policies, and the rule that a set cluster IP
//! never changes (headless ↔ ClusterIP included).
//!
//! Run it on the object after defaulting and cluster-IP allocation, as the
//! API server does; `headless` means `clusterIPs == ["None"]`.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeSet;
use std::net::IpAddr;

use super::labels::{validate_labels, validate_qualified_name};
use super::meta::{validate_object_meta, validate_object_meta_update};
use super::names::{
    is_dns1123_label, is_dns1123_subdomain, is_valid_port_num, name_is_dns1035_label,
};
use super::probe::validate_port_num_or_name;
use super::render::{duplicate, forbidden, invalid, js, not_supported, q, required, Path, J};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::service::ServicePort;
use crate::engine::objects::{IntOrString, Service, Value};

const TOPOLOGY_HINTS: &str = "service.kubernetes.io/topology-aware-hints";
const TOPOLOGY_MODE: &str = "service.kubernetes.io/topology-mode";
const MAX_CLIENT_IP_AFFINITY_SECONDS: i64 = 86400;

fn is_headless(svc: &Service) -> bool {
    svc.spec.cluster_ips.len() == 1 && svc.spec.cluster_ips[0] == "None"
}

fn type_of(svc: &Service) -> &str {
    svc.spec.type_.as_deref().unwrap_or("")
}

fn extra<'a>(svc: &'a Service, field: &str) -> Option<&'a Value> {
    svc.spec.extra.get(field).filter(|v| !v.is_null())
}

fn external_ips(svc: &Service) -> Vec<String> {
    extra(svc, "externalIPs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// `validation.IsValidIP` (strict form, as Service cluster IPs use it).
pub fn validate_ip(value: &str, path: &Path) -> Vec<FieldError> {
    match value.parse::<IpAddr>() {
        Err(_) => vec![invalid(
            path,
            q(value),
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        )],
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_some() => vec![invalid(
            path,
            q(value),
            "must not be an IPv4-mapped IPv6 address",
        )],
        Ok(ip) => {
            let canonical = ip.to_string();
            if canonical != value {
                vec![invalid(
                    path,
                    q(value),
                    &format!("must be in canonical form ({})", q(&canonical)),
                )]
            } else {
                Vec::new()
            }
        }
    }
}

fn strs_json(v: &[String]) -> String {
    if v.is_empty() {
        "null".to_string()
    } else {
        J::strs(v).render()
    }
}

pub fn validate_service(svc: &Service) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let spec = Path::new("spec");
    let mut errs = validate_object_meta(&svc.metadata, true, name_is_dns1035_label);
    let ann = &svc.metadata.annotations;
    if let (Some(hints), Some(mode)) = (ann.get(TOPOLOGY_HINTS), ann.get(TOPOLOGY_MODE)) {
        if hints != mode {
            errs.push(invalid(
                &meta.child("annotations").key(TOPOLOGY_MODE),
                q(mode),
                &format!("must match annotations[{TOPOLOGY_HINTS}] when both are specified"),
            ));
        }
    }
    let headless = is_headless(svc);
    let ty = type_of(svc);
    if svc.spec.ports.is_empty() && !headless && ty != "ExternalName" {
        errs.push(required(&spec.child("ports"), ""));
    }
    match ty {
        "LoadBalancer" | "NodePort" if headless => {
            errs.push(invalid(
                &spec.child("clusterIPs").index(0),
                q(&svc.spec.cluster_ips[0]),
                &format!("may not be set to 'None' for {ty} services"),
            ));
        }
        "ExternalName" => {
            if !svc.spec.cluster_ips.is_empty() {
                errs.push(forbidden(
                    &spec.child("clusterIPs"),
                    "may not be set for ExternalName services",
                ));
            }
            if !svc.spec.ip_families.is_empty() {
                errs.push(forbidden(
                    &spec.child("ipFamilies"),
                    "may not be set for ExternalName services",
                ));
            }
            if svc.spec.ip_family_policy.is_some() {
                errs.push(forbidden(
                    &spec.child("ipFamilyPolicy"),
                    "may not be set for ExternalName services",
                ));
            }
            let name = svc.spec.external_name.as_deref().unwrap_or("");
            let cname = name.strip_suffix('.').unwrap_or(name);
            if cname.is_empty() {
                errs.push(required(&spec.child("externalName"), ""));
            } else {
                for m in is_dns1123_subdomain(cname) {
                    errs.push(invalid(&spec.child("externalName"), q(cname), &m));
                }
            }
        }
        _ => {}
    }

    let mut names = BTreeSet::new();
    let multi = svc.spec.ports.len() > 1;
    for (i, port) in svc.spec.ports.iter().enumerate() {
        errs.extend(validate_service_port(
            port,
            multi,
            &mut names,
            &spec.child("ports").index(i),
        ));
    }
    if let Some(sel) = &svc.spec.selector {
        errs.extend(validate_labels(sel, &spec.child("selector")));
    }

    let affinity = svc.spec.session_affinity.as_deref().unwrap_or("");
    match affinity {
        "" => errs.push(required(&spec.child("sessionAffinity"), "")),
        "ClientIP" | "None" => {}
        other => errs.push(not_supported(
            &spec.child("sessionAffinity"),
            js(other),
            &["ClientIP", "None"],
        )),
    }
    let config = extra(svc, "sessionAffinityConfig");
    let config_path = spec.child("sessionAffinityConfig");
    if affinity == "ClientIP" {
        let detail = "when session affinity type is ClientIP";
        match config {
            None => errs.push(required(&config_path, detail)),
            Some(c) => match c.get("clientIP").filter(|v| !v.is_null()) {
                None => errs.push(required(&config_path.child("clientIP"), detail)),
                Some(ip) => match ip.get("timeoutSeconds").and_then(Value::as_i64) {
                    None => errs.push(required(
                        &config_path.child("clientIP").child("timeoutSeconds"),
                        detail,
                    )),
                    Some(t) if t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS => errs.push(invalid(
                        &config_path.child("clientIP").child("timeoutSeconds"),
                        t.to_string(),
                        &format!(
                            "must be greater than 0 and less than {MAX_CLIENT_IP_AFFINITY_SECONDS}"
                        ),
                    )),
                    Some(_) => {}
                },
            },
        }
    } else if affinity == "None" && config.is_some() {
        errs.push(forbidden(
            &config_path,
            "must not be set when session affinity is None",
        ));
    }

    errs.extend(validate_cluster_ips_related(svc));

    for (i, ip) in external_ips(svc).iter().enumerate() {
        errs.extend(validate_ip(ip, &spec.child("externalIPs").index(i)));
    }

    match ty {
        "" => errs.push(required(&spec.child("type"), "")),
        "ClusterIP" | "ExternalName" | "LoadBalancer" | "NodePort" => {}
        other => errs.push(not_supported(
            &spec.child("type"),
            js(other),
            &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        )),
    }
    if ty == "ClusterIP" {
        for (i, port) in svc.spec.ports.iter().enumerate() {
            if port.node_port.unwrap_or(0) != 0 {
                errs.push(forbidden(
                    &spec.child("ports").index(i).child("nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            }
        }
    }
    let mut node_ports = BTreeSet::new();
    for (i, port) in svc.spec.ports.iter().enumerate() {
        let np = port.node_port.unwrap_or(0);
        if np != 0 && !node_ports.insert((port.protocol.clone().unwrap_or_default(), np)) {
            errs.push(duplicate(
                &spec.child("ports").index(i).child("nodePort"),
                np.to_string(),
            ));
        }
    }
    let mut pairs = BTreeSet::new();
    for (i, port) in svc.spec.ports.iter().enumerate() {
        let protocol = port.protocol.clone().unwrap_or_default();
        if !pairs.insert((protocol.clone(), port.port)) {
            let key = J::obj(vec![
                ("Name", J::str("")),
                ("Protocol", J::Str(protocol)),
                ("AppProtocol", J::Null),
                ("Port", J::Num(port.port)),
                ("TargetPort", J::Num(0)),
                ("NodePort", J::Num(0)),
            ]);
            errs.push(duplicate(&spec.child("ports").index(i), key.render()));
        }
    }

    let allocate = extra(svc, "allocateLoadBalancerNodePorts");
    if allocate.is_some() && ty != "LoadBalancer" {
        errs.push(forbidden(
            &spec.child("allocateLoadBalancerNodePorts"),
            "may only be used when `type` is 'LoadBalancer'",
        ));
    }
    if ty == "LoadBalancer" && allocate.is_none() {
        errs.push(required(&Path::new("allocateLoadBalancerNodePorts"), ""));
    }
    if let Some(class) = extra(svc, "loadBalancerClass").and_then(Value::as_str) {
        if ty == "LoadBalancer" {
            errs.extend(validate_qualified_name(
                class,
                &spec.child("loadBalancerClass"),
            ));
        } else {
            errs.push(forbidden(
                &spec.child("loadBalancerClass"),
                "may only be used when `type` is 'LoadBalancer'",
            ));
        }
    }
    errs.extend(validate_traffic_policies(svc, ty));
    errs
}

fn validate_service_port(
    port: &ServicePort,
    require_name: bool,
    names: &mut BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if require_name && port.name.is_empty() {
        errs.push(required(&path.child("name"), ""));
    } else if !port.name.is_empty() {
        for m in is_dns1123_label(&port.name) {
            errs.push(invalid(&path.child("name"), q(&port.name), &m));
        }
        if !names.insert(port.name.clone()) {
            errs.push(duplicate(&path.child("name"), q(&port.name)));
        }
    }
    for m in is_valid_port_num(port.port) {
        errs.push(invalid(&path.child("port"), port.port.to_string(), &m));
    }
    match port.protocol.as_deref().unwrap_or("") {
        "" => errs.push(required(&path.child("protocol"), "")),
        "SCTP" | "TCP" | "UDP" => {}
        other => errs.push(not_supported(
            &path.child("protocol"),
            js(other),
            &["SCTP", "TCP", "UDP"],
        )),
    }
    let target = port.target_port.clone().unwrap_or(IntOrString::Int(0));
    errs.extend(validate_port_num_or_name(
        &target,
        &path.child("targetPort"),
    ));
    if let Some(ap) = &port.app_protocol {
        errs.extend(validate_qualified_name(ap, &path.child("appProtocol")));
    }
    errs
}

fn validate_traffic_policies(svc: &Service, ty: &str) -> Vec<FieldError> {
    let spec = Path::new("spec");
    let mut errs = Vec::new();
    let etp = extra(svc, "externalTrafficPolicy")
        .and_then(Value::as_str)
        .unwrap_or("");
    let externally_accessible = ty == "LoadBalancer"
        || ty == "NodePort"
        || (ty == "ClusterIP" && !external_ips(svc).is_empty());
    if !externally_accessible {
        if !etp.is_empty() {
            errs.push(invalid(
                &spec.child("externalTrafficPolicy"),
                js(etp),
                "may only be set for externally-accessible services",
            ));
        }
    } else if etp.is_empty() {
        errs.push(required(&spec.child("externalTrafficPolicy"), ""));
    } else if etp != "Cluster" && etp != "Local" {
        errs.push(not_supported(
            &spec.child("externalTrafficPolicy"),
            js(etp),
            &["Cluster", "Local"],
        ));
    }
    let hc = extra(svc, "healthCheckNodePort")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let needs_health_check = ty == "LoadBalancer" && etp == "Local";
    if !needs_health_check {
        if hc != 0 {
            errs.push(invalid(&spec.child("healthCheckNodePort"), hc.to_string(), "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
        }
    } else if hc == 0 {
        errs.push(required(&spec.child("healthCheckNodePort"), ""));
    } else {
        for m in is_valid_port_num(hc) {
            errs.push(invalid(
                &spec.child("healthCheckNodePort"),
                hc.to_string(),
                &m,
            ));
        }
    }
    match svc.spec.internal_traffic_policy.as_deref() {
        None if matches!(ty, "NodePort" | "LoadBalancer" | "ClusterIP") => {
            errs.push(required(&spec.child("internalTrafficPolicy"), ""))
        }
        Some(p) if p != "Cluster" && p != "Local" => errs.push(not_supported(
            &spec.child("internalTrafficPolicy"),
            js(p),
            &["Cluster", "Local"],
        )),
        _ => {}
    }
    errs
}

/// `ValidateServiceClusterIPsRelatedFields`.
fn validate_cluster_ips_related(svc: &Service) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if type_of(svc) == "ExternalName" {
        return errs;
    }
    let spec = Path::new("spec");
    let ips_path = spec.child("clusterIPs");
    let cluster_ip = svc.spec.cluster_ip.as_deref().unwrap_or("");
    let ips = &svc.spec.cluster_ips;
    if !cluster_ip.is_empty() {
        if ips.is_empty() {
            errs.push(required(&ips_path, ""));
        } else if ips[0] != cluster_ip {
            errs.push(invalid(
                &ips_path,
                strs_json(ips),
                "first value must match `clusterIP`",
            ));
        }
    } else if !ips.is_empty() {
        errs.push(invalid(
            &ips_path,
            strs_json(ips),
            "must be empty when `clusterIP` is not specified",
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, fam) in svc.spec.ip_families.iter().enumerate() {
        if fam != "IPv4" && fam != "IPv6" {
            errs.push(not_supported(
                &spec.child("ipFamilies").index(i),
                js(fam),
                &["IPv4", "IPv6"],
            ));
        }
        if !seen.insert(fam.clone()) {
            errs.push(duplicate(&spec.child("ipFamilies").index(i), js(fam)));
        }
    }
    if let Some(p) = &svc.spec.ip_family_policy {
        if !matches!(
            p.as_str(),
            "SingleStack" | "PreferDualStack" | "RequireDualStack"
        ) {
            errs.push(not_supported(
                &spec.child("ipFamilyPolicy"),
                js(p),
                &["PreferDualStack", "RequireDualStack", "SingleStack"],
            ));
        }
    }
    let mut bad_ips = false;
    for (i, ip) in ips.iter().enumerate() {
        if i == 0 && ip == "None" {
            if ips.len() > 1 {
                bad_ips = true;
                errs.push(invalid(
                    &ips_path,
                    strs_json(ips),
                    "'None' must be the first and only value",
                ));
            }
            continue;
        }
        let e = validate_ip(ip, &ips_path.index(i));
        bad_ips |= !e.is_empty();
        errs.extend(e);
    }
    if ips.len() > 2 {
        errs.push(invalid(
            &ips_path,
            strs_json(ips),
            "may only hold up to 2 values",
        ));
    }
    if bad_ips {
        return errs;
    }
    if ips.len() > 1 {
        let v6: Vec<bool> = ips.iter().map(|ip| ip.contains(':')).collect();
        if v6.iter().filter(|x| **x).count() != 1 || ips.len() != 2 {
            errs.push(invalid(
                &ips_path,
                strs_json(ips),
                "may specify no more than one IP for each IP family",
            ));
        }
    }
    if !is_headless(svc) && !ips.is_empty() && !svc.spec.ip_families.is_empty() {
        for (i, ip) in ips.iter().enumerate() {
            let Some(fam) = svc.spec.ip_families.get(i) else {
                break;
            };
            let is_v6 = ip.contains(':');
            if fam == "IPv4" && is_v6 {
                errs.push(invalid(
                    &ips_path.index(i),
                    q(ip),
                    &format!("expected an IPv4 value as indicated by `ipFamilies[{i}]`"),
                ));
            }
            if fam == "IPv6" && !is_v6 {
                errs.push(invalid(
                    &ips_path.index(i),
                    q(ip),
                    &format!("expected an IPv6 value as indicated by `ipFamilies[{i}]`"),
                ));
            }
        }
    }
    errs
}

pub fn validate_service_update(new: &Service, old: &Service) -> Vec<FieldError> {
    let spec = Path::new("spec");
    let mut errs = validate_object_meta_update(&new.metadata, &old.metadata);
    let (new_ty, old_ty) = (type_of(new), type_of(old));
    let external = new_ty == "ExternalName" || old_ty == "ExternalName";
    let both_headless = is_headless(old) && is_headless(new);
    if !external && !both_headless {
        errs.extend(upgrade_downgrade_cluster_ips(old, new));
    }
    if !external && is_headless(old) == is_headless(new) && !is_headless(new) {
        errs.extend(upgrade_downgrade_ip_families(old, new));
    }
    if old_ty == "LoadBalancer"
        && new_ty == "LoadBalancer"
        && extra(old, "loadBalancerClass") != extra(new, "loadBalancerClass")
    {
        let shown = extra(new, "loadBalancerClass")
            .map_or(J::Null, J::from_value)
            .render();
        errs.push(invalid(
            &spec.child("loadBalancerClass"),
            shown,
            "may not change once set",
        ));
    }
    let health = |s: &Service| {
        type_of(s) == "LoadBalancer"
            && extra(s, "externalTrafficPolicy").and_then(Value::as_str) == Some("Local")
    };
    if health(old)
        && health(new)
        && extra(old, "healthCheckNodePort") != extra(new, "healthCheckNodePort")
    {
        errs.push(forbidden(
            &spec.child("healthCheckNodePort"),
            "field is immutable",
        ));
    }
    errs.extend(validate_service(new));
    errs
}

fn policy_json(svc: &Service) -> String {
    svc.spec
        .ip_family_policy
        .as_deref()
        .map_or("null".to_string(), js)
}

fn upgrade_downgrade_cluster_ips(old: &Service, new: &Service) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let path = Path::new("spec").child("clusterIPs");
    let (o, n) = (&old.spec.cluster_ips, &new.spec.cluster_ips);
    let shown = strs_json(n);
    if o.len() == n.len() {
        for (i, ip) in o.iter().enumerate() {
            if ip != &n[i] {
                errs.push(invalid(
                    &path.index(i),
                    shown.clone(),
                    "may not change once set",
                ));
            }
        }
    } else if o.len() > n.len() {
        if n.is_empty() {
            errs.push(invalid(
                &path.index(0),
                shown.clone(),
                "primary clusterIP can not be unset",
            ));
        }
        if !o.is_empty() && !n.is_empty() && n[0] != o[0] {
            errs.push(invalid(
                &path.index(0),
                shown.clone(),
                "may not change once set",
            ));
        }
        if n.len() == 1 && new.spec.ip_family_policy.as_deref() != Some("SingleStack") {
            errs.push(invalid(
                &Path::new("spec").child("ipFamilyPolicy"),
                policy_json(new),
                "must be set to 'SingleStack' when releasing the secondary clusterIP",
            ));
        }
    } else if !o.is_empty() && n[0] != o[0] {
        errs.push(invalid(&path.index(0), shown, "may not change once set"));
    }
    errs
}

fn upgrade_downgrade_ip_families(old: &Service, new: &Service) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let path = Path::new("spec").child("ipFamilies").index(0);
    let (o, n) = (&old.spec.ip_families, &new.spec.ip_families);
    if o.len() == n.len() {
        for (i, fam) in o.iter().enumerate() {
            if fam != &n[i] {
                errs.push(invalid(&path, strs_json(n), "may not change once set"));
            }
        }
    } else if o.len() > n.len() {
        if new.spec.cluster_ips.is_empty() {
            errs.push(invalid(
                &path,
                strs_json(n),
                "primary ipFamily can not be unset",
            ));
        }
        if !n.is_empty() && n[0] != o[0] {
            errs.push(invalid(
                &path,
                strs_json(&new.spec.cluster_ips),
                "may not change once set",
            ));
        }
        if n.len() == 1 && new.spec.ip_family_policy.as_deref() != Some("SingleStack") {
            errs.push(invalid(
                &Path::new("spec").child("ipFamilyPolicy"),
                policy_json(new),
                "must be set to 'SingleStack' when releasing the secondary ipFamily",
            ));
        }
    } else if !o.is_empty() && !n.is_empty() && n[0] != o[0] {
        errs.push(invalid(
            &path,
            strs_json(&new.spec.cluster_ips),
            "may not change once set",
        ));
    }
    errs
}
