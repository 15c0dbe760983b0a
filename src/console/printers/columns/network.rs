//! Table columns of networking kinds: Service (R10.4), EndpointSlice and
//! the legacy Endpoints (R10.7), Ingress, NetworkPolicy.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{col, js, selector_json, wide, Column, Ctx, NAME};
use crate::engine::objects::service::{Endpoint, EndpointPort, ServicePort};
use crate::engine::objects::{EndpointSlice, Endpoints, Object, Service};

pub(crate) const SERVICE: &[Column] = &[
    NAME,
    col("Type"),
    col("Cluster-IP"),
    col("External-IP"),
    col("Port(s)"),
    col("Age"),
    wide("Selector"),
];

pub(crate) fn service(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(s) = obj.downcast::<Service>() else {
        return vec![obj.name().to_string()];
    };
    // The API server fills clusterIPs from clusterIP; show either.
    let cluster_ip = s
        .spec
        .cluster_ips
        .first()
        .cloned()
        .or_else(|| s.spec.cluster_ip.clone().filter(|ip| !ip.is_empty()))
        .unwrap_or_else(|| "<none>".into());
    let ports = service_ports(&s.spec.ports);
    let mut cells = vec![
        s.metadata.name.to_string(),
        s.type_().into(),
        cluster_ip,
        external_ip(s, ctx.wide),
        if ports.is_empty() {
            "<none>".into()
        } else {
            ports
        },
        ctx.age(s.metadata.creation_timestamp),
    ];
    if ctx.wide {
        cells.push(match &s.spec.selector {
            Some(sel) => super::super::table::format_labels(sel),
            None => "<none>".into(),
        });
    }
    cells
}

/// `makePortString`: `80/TCP`, `80:30080/TCP`, comma-joined.
pub(crate) fn service_ports(ports: &[ServicePort]) -> String {
    ports
        .iter()
        .map(|p| {
            let proto = p.protocol.as_deref().unwrap_or("TCP");
            match p.node_port {
                Some(n) if n > 0 => format!("{}:{n}/{proto}", p.port),
                _ => format!("{}/{proto}", p.port),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `getServiceExternalIP`.
fn external_ip(s: &Service, wide: bool) -> String {
    let external = string_list(s.spec.extra.get("externalIPs"));
    match s.type_() {
        "ClusterIP" | "NodePort" => {
            if external.is_empty() {
                "<none>".into()
            } else {
                external.join(",")
            }
        }
        "LoadBalancer" => {
            let mut ingress: Vec<String> = s
                .status
                .pointer("/loadBalancer/ingress")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(|i| {
                            let ip = js(i, "/ip");
                            let host = js(i, "/hostname");
                            (!ip.is_empty())
                                .then(|| ip.to_string())
                                .or_else(|| (!host.is_empty()).then(|| host.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            crate::sort::sort(&mut ingress);
            ingress.dedup();
            let mut lb = ingress.join(",");
            if !wide && lb.len() > 16 {
                lb = format!("{}...", &lb[..13]);
            }
            if !external.is_empty() {
                let mut all: Vec<String> = if lb.is_empty() {
                    vec![]
                } else {
                    lb.split(',').map(String::from).collect()
                };
                all.extend(external);
                all.join(",")
            } else if lb.is_empty() {
                "<pending>".into()
            } else {
                lb
            }
        }
        "ExternalName" => s.spec.external_name.clone().unwrap_or_default(),
        _ => "<unknown>".into(),
    }
}

pub(crate) const ENDPOINTSLICE: &[Column] = &[
    NAME,
    col("AddressType"),
    col("Ports"),
    col("Endpoints"),
    col("Age"),
];

pub(crate) fn endpointslice(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(e) = obj.downcast::<EndpointSlice>() else {
        return vec![obj.name().to_string()];
    };
    vec![
        e.metadata.name.to_string(),
        e.address_type.clone(),
        discovery_ports(e.ports.as_deref().unwrap_or(&[])),
        discovery_endpoints(e.endpoints.as_deref().unwrap_or(&[])),
        ctx.age(e.metadata.creation_timestamp),
    ]
}

/// `formatDiscoveryPorts`: up to three port numbers (or names, or `*`).
fn discovery_ports(ports: &[EndpointPort]) -> String {
    let list: Vec<String> = ports
        .iter()
        .take(3)
        .map(|p| match (&p.port, &p.name) {
            (Some(n), _) => n.to_string(),
            (None, Some(name)) => name.clone(),
            (None, None) => "*".into(),
        })
        .collect();
    list_with_more(list, ports.len())
}

/// `formatDiscoveryEndpoints`: up to three addresses, ready or not.
fn discovery_endpoints(endpoints: &[std::rc::Rc<Endpoint>]) -> String {
    let all: Vec<&crate::engine::objects::RcStr> =
        endpoints.iter().flat_map(|e| e.addresses.iter()).collect();
    let list = all.iter().take(3).map(|s| s.to_string()).collect();
    list_with_more(list, all.len())
}

/// `listWithMoreString`: `a,b,c + N more...`, `<unset>` for nothing.
fn list_with_more(list: Vec<String>, count: usize) -> String {
    let joined = list.join(",");
    if count > 3 {
        format!("{joined} + {} more...", count - 3)
    } else if joined.is_empty() {
        "<unset>".into()
    } else {
        joined
    }
}

pub(crate) const ENDPOINTS: &[Column] = &[NAME, col("Endpoints"), col("Age")];

pub(crate) fn endpoints(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(e) = obj.downcast::<Endpoints>() else {
        return vec![obj.name().to_string()];
    };
    vec![
        e.metadata.name.to_string(),
        format_endpoints(e),
        ctx.age(e.metadata.creation_timestamp),
    ]
}

/// `formatEndpoints`: ready `ip:port` pairs (plain IPs without ports), at
/// most three, then `+ N more...`; `<none>` without subsets.
pub(crate) fn format_endpoints(e: &Endpoints) -> String {
    if e.subsets.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for ss in &e.subsets {
        if ss.ports.is_empty() {
            count += ss.addresses.len();
            for a in &ss.addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(a.ip.to_string());
            }
            continue;
        }
        for port in &ss.ports {
            count += ss.addresses.len();
            for a in &ss.addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(join_host_port(&a.ip, port.port.unwrap_or(0)));
            }
        }
    }
    let joined = list.join(",");
    if more {
        format!("{joined} + {} more...", count - MAX)
    } else {
        joined
    }
}

/// `net.JoinHostPort`: IPv6 addresses go in brackets.
pub(crate) fn join_host_port(host: &str, port: i64) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

pub(crate) const INGRESS: &[Column] = &[
    NAME,
    col("Class"),
    col("Hosts"),
    col("Address"),
    col("Ports"),
    col("Age"),
];

pub(crate) fn ingress(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = obj.to_value();
    let class = v
        .pointer("/spec/ingressClassName")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    let rules = v
        .pointer("/spec/rules")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let hosts: Vec<&str> = rules
        .iter()
        .map(|r| js(r, "/host"))
        .filter(|h| !h.is_empty())
        .take(3)
        .collect();
    let hosts = if hosts.is_empty() {
        "*".to_string()
    } else if rules.len() > 3 {
        format!("{} + {} more...", hosts.join(","), rules.len() - 3)
    } else {
        hosts.join(",")
    };
    let tls = v
        .pointer("/spec/tls")
        .and_then(Value::as_array)
        .is_some_and(|t| !t.is_empty());
    vec![
        obj.name().to_string(),
        class.to_string(),
        hosts,
        String::new(),
        if tls { "80, 443" } else { "80" }.to_string(),
        ctx.age(obj.meta().creation_timestamp),
    ]
}

pub(crate) const NETWORKPOLICY: &[Column] = &[NAME, col("Pod-Selector"), col("Age")];

pub(crate) fn networkpolicy(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = obj.to_value();
    let sel = match v.pointer("/spec/podSelector") {
        Some(s) => selector_json(Some(s)),
        None => "<none>".into(),
    };
    vec![
        obj.name().to_string(),
        sel,
        ctx.age(obj.meta().creation_timestamp),
    ]
}
