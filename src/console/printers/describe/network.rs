//! `kubectl describe` for Service (with its endpoints from the Service's
//! EndpointSlices), Endpoints and EndpointSlice.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{annotations, labels, object_events, Writer};
use crate::console::printers::columns::join_host_port;
use crate::console::printers::table::format_labels;
use crate::engine::objects::{EndpointSlice, Endpoints, IntOrString, Object, Service};
use crate::engine::Engine;

pub(crate) fn describe_service(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(s) = obj.downcast::<Service>() else {
        return;
    };
    let m = &s.metadata;
    let spec = &s.spec;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    let selector = spec.selector.clone().unwrap_or_default();
    w.write(0, &format!("Selector:\t{}\n", format_labels(&selector)));
    w.write(0, &format!("Type:\t{}\n", s.type_()));
    // What the API server fills in for every Service but ExternalName.
    let external_name = s.type_() == "ExternalName";
    if let Some(p) = spec
        .ip_family_policy
        .clone()
        .or((!external_name).then(|| "SingleStack".into()))
    {
        w.write(0, &format!("IP Family Policy:\t{p}\n"));
    }
    let families = if spec.ip_families.is_empty() && !external_name {
        vec!["IPv4".to_string()]
    } else {
        spec.ip_families.clone()
    };
    if families.is_empty() {
        w.write(0, "IP Families:\t<none>\n");
    } else {
        w.write(0, &format!("IP Families:\t{}\n", families.join(",")));
    }
    let cluster_ip = spec.cluster_ip.clone().unwrap_or_default();
    w.write(0, &format!("IP:\t{cluster_ip}\n"));
    let ips = if spec.cluster_ips.is_empty() && !cluster_ip.is_empty() {
        vec![cluster_ip]
    } else {
        spec.cluster_ips.clone()
    };
    if ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, &format!("IPs:\t{}\n", ips.join(",")));
    }
    let strings = |k: &str| -> Vec<String> {
        spec.extra
            .get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let external_ips = strings("externalIPs");
    if !external_ips.is_empty() {
        w.write(0, &format!("External IPs:\t{}\n", external_ips.join(",")));
    }
    if let Some(lb) = spec
        .extra
        .get("loadBalancerIP")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        w.write(0, &format!("Desired LoadBalancer IP:\t{lb}\n"));
    }
    if let Some(en) = spec.external_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("External Name:\t{en}\n"));
    }
    let slices: Vec<&EndpointSlice> = engine
        .store()
        .endpoint_slices
        .in_namespace(&m.namespace)
        .filter(|e| {
            e.metadata
                .labels
                .get("kubernetes.io/service-name")
                .map(|v| v.as_str())
                == Some(m.name.as_str())
        })
        .map(|e| e.as_ref())
        .collect();
    for p in &spec.ports {
        let name = if p.name.is_empty() {
            "<unset>"
        } else {
            p.name.as_str()
        };
        let proto = p.protocol.as_deref().unwrap_or("TCP");
        w.write(0, &format!("Port:\t{name}\t{}/{proto}\n", p.port));
        match &p.target_port {
            Some(IntOrString::Str(t)) => w.write(0, &format!("TargetPort:\t{t}/{proto}\n")),
            Some(IntOrString::Int(t)) => w.write(0, &format!("TargetPort:\t{t}/{proto}\n")),
            None => w.write(0, &format!("TargetPort:\t{}/{proto}\n", p.port)),
        }
        if let Some(np) = p.node_port.filter(|n| *n != 0) {
            w.write(0, &format!("NodePort:\t{name}\t{np}/{proto}\n"));
        }
        w.write(
            0,
            &format!("Endpoints:\t{}\n", endpoints_of(&slices, &p.name)),
        );
    }
    w.write(
        0,
        &format!(
            "Session Affinity:\t{}\n",
            spec.session_affinity.as_deref().unwrap_or("None")
        ),
    );
    if let Some(p) = spec
        .extra
        .get("externalTrafficPolicy")
        .and_then(Value::as_str)
    {
        w.write(0, &format!("External Traffic Policy:\t{p}\n"));
    }
    if let Some(p) = spec
        .internal_traffic_policy
        .clone()
        .or((!external_name).then(|| "Cluster".into()))
    {
        w.write(0, &format!("Internal Traffic Policy:\t{p}\n"));
    }
    if let Some(td) = spec
        .extra
        .get("trafficDistribution")
        .and_then(Value::as_str)
    {
        w.write(0, &format!("Traffic Distribution:\t{td}\n"));
    }
    object_events(engine, w, obj);
}

/// `formatEndpointSlices` for one Service port: ready endpoints as
/// `ip:port` (or bare IPs without ports), three at most, `<none>` without
/// slices.
fn endpoints_of(slices: &[&EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for s in slices {
        let endpoints = s.endpoints.as_deref().unwrap_or(&[]);
        let ports = s.ports.as_deref().unwrap_or(&[]);
        let ready =
            |e: &crate::engine::objects::service::Endpoint| e.conditions.ready.unwrap_or(true);
        if ports.is_empty() {
            for e in endpoints {
                if list.len() == MAX {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    list.push(
                        e.addresses
                            .first()
                            .map(|a| a.to_string())
                            .unwrap_or_default(),
                    );
                }
                count += 1;
            }
            continue;
        }
        for port in ports {
            if port.name.as_deref().unwrap_or("") != port_name {
                continue;
            }
            for e in endpoints {
                if list.len() == MAX {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    let addr = e.addresses.first().cloned().unwrap_or_default();
                    list.push(join_host_port(&addr, port.port.unwrap_or(0)));
                }
                count += 1;
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

pub(crate) fn describe_endpoints(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(e) = obj.downcast::<Endpoints>() else {
        return;
    };
    let m = &e.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, "Subsets:\n");
    for ss in &e.subsets {
        let join = |list: &[crate::engine::objects::service::EndpointAddress]| {
            let s = list
                .iter()
                .map(|a| a.ip.as_str())
                .collect::<Vec<_>>()
                .join(",");
            if s.is_empty() {
                "<none>".to_string()
            } else {
                s
            }
        };
        w.write(1, &format!("Addresses:\t{}\n", join(&ss.addresses)));
        w.write(
            1,
            &format!("NotReadyAddresses:\t{}\n", join(&ss.not_ready_addresses)),
        );
        if !ss.ports.is_empty() {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for p in &ss.ports {
                let name = p
                    .name
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .unwrap_or("<unset>");
                w.write(
                    2,
                    &format!(
                        "{name}\t{}\t{}\n",
                        p.port.unwrap_or(0),
                        p.protocol.as_deref().unwrap_or("TCP")
                    ),
                );
            }
        }
        w.write(0, "\n");
    }
    object_events(engine, w, obj);
}

pub(crate) fn describe_endpointslice(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(e) = obj.downcast::<EndpointSlice>() else {
        return;
    };
    let m = &e.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, &format!("AddressType:\t{}\n", e.address_type));
    let ports = e.ports.as_deref().unwrap_or(&[]);
    if ports.is_empty() {
        w.write(0, "Ports: <unset>\n");
    } else {
        w.write(0, "Ports:\n");
        w.write(1, "Name\tPort\tProtocol\n");
        w.write(1, "----\t----\t--------\n");
        for p in ports {
            let name = p
                .name
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or("<unset>");
            let number = p.port.map_or("<unset>".to_string(), |n| n.to_string());
            w.write(
                1,
                &format!(
                    "{name}\t{number}\t{}\n",
                    p.protocol.as_deref().unwrap_or("TCP")
                ),
            );
        }
    }
    let endpoints = e.endpoints.as_deref().unwrap_or(&[]);
    if endpoints.is_empty() {
        w.write(0, "Endpoints: <none>\n");
    } else {
        w.write(0, "Endpoints:\n");
        for ep in endpoints {
            let addresses = if ep.addresses.is_empty() {
                "<none>".to_string()
            } else {
                ep.addresses.join(", ")
            };
            w.write(1, &format!("- Addresses:\t{addresses}\n"));
            w.write(2, "Conditions:\n");
            let ready = ep
                .conditions
                .ready
                .map_or("<unset>".to_string(), |r| r.to_string());
            w.write(3, &format!("Ready:\t{ready}\n"));
            w.write(
                2,
                &format!(
                    "Hostname:\t{}\n",
                    ep.hostname.as_deref().unwrap_or("<unset>")
                ),
            );
            if let Some(r) = &ep.target_ref {
                w.write(2, &format!("TargetRef:\t{}/{}\n", r.kind, r.name));
            }
            w.write(
                2,
                &format!(
                    "NodeName:\t{}\n",
                    ep.node_name.as_deref().unwrap_or("<unset>")
                ),
            );
            w.write(
                2,
                &format!("Zone:\t{}\n", ep.zone.as_deref().unwrap_or("<unset>")),
            );
        }
    }
    object_events(engine, w, obj);
}
