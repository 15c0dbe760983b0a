//! The EndpointSlice controller (and the legacy Endpoints one), R7.2–R7.10:
//! for a Service with a selector, the Pods it selects that have an IP and are
//! not terminal become endpoints with `ready` / `serving` / `terminating`
//! conditions, a `hostname` when the Pod's subdomain names this Service, and
//! ports resolved from each Service port's targetPort.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::objects::service::{
    Endpoint, EndpointAddress, EndpointConditions, EndpointPort, EndpointSubset,
};
use crate::engine::objects::*;
use crate::engine::store::Key;
use crate::engine::Engine;

pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "endpointslice-controller.k8s.io";
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";
const MAX_ENDPOINTS_PER_SLICE: usize = 100;

/// The ports and endpoints of one slice (None when empty, as the API shows).
type SliceContent = (Option<Vec<EndpointPort>>, Option<Vec<Endpoint>>);

/// The port numbers a Service's ports reach on one Pod (named targetPorts
/// looked up among its container ports, R7.4); None drops the port.
fn resolve_ports(svc: &Service, pod: &Pod) -> Vec<EndpointPort> {
    svc.spec
        .ports
        .iter()
        .filter_map(|sp| {
            let proto = sp.protocol.clone().unwrap_or_else(|| "TCP".into());
            let port = match sp.target_port.as_ref() {
                None => Some(sp.port),
                Some(IntOrString::Int(n)) => Some(*n),
                Some(IntOrString::Str(name)) => pod
                    .spec
                    .containers
                    .iter()
                    .chain(
                        pod.spec
                            .init_containers
                            .iter()
                            .filter(|c| c.restart_policy.as_deref() == Some("Always")),
                    )
                    .flat_map(|c| c.ports.iter())
                    .find(|p| {
                        p.name == *name
                            && p.protocol.clone().unwrap_or_else(|| "TCP".into()) == proto
                    })
                    .map(|p| p.container_port),
            }?;
            Some(EndpointPort {
                name: Some(sp.name.clone()),
                protocol: Some(proto),
                port: Some(port),
                app_protocol: sp.app_protocol.clone(),
            })
        })
        .collect()
}

impl Engine {
    /// Reconciles the slices and the Endpoints object of one Service.
    pub(crate) fn sync_service(&mut self, k: &Key) {
        let Some(svc) = self.store.services.get(&k.0, &k.1).cloned() else {
            // The Endpoints object goes with its Service.
            if self.store.endpoints.get(&k.0, &k.1).is_some() {
                let _ = self.cluster_delete(Kind::Endpoints, &k.0, &k.1, &Default::default());
            }
            return;
        };
        if svc.metadata.is_terminating() {
            return;
        }
        let existing: Vec<Rc<EndpointSlice>> = self
            .store
            .endpoint_slices
            .in_namespace(&k.0)
            .filter(|s| {
                s.metadata.labels.get(SERVICE_NAME_LABEL) == Some(&k.1)
                    && s.metadata.labels.get(MANAGED_BY_LABEL).map(String::as_str)
                        == Some(MANAGED_BY)
            })
            .cloned()
            .collect();
        let Some(selector) = svc.spec.selector.clone().filter(|s| !s.is_empty()) else {
            // No selector: no managed slices (R7.2).
            for s in existing {
                let _ = self.cluster_delete(
                    Kind::EndpointSlice,
                    &k.0,
                    &s.metadata.name,
                    &Default::default(),
                );
            }
            return;
        };
        let publish = svc.publish_not_ready();
        let mut groups: BTreeMap<Vec<EndpointPort>, Vec<Endpoint>> = BTreeMap::new();
        let mut legacy_ready: BTreeMap<Vec<EndpointPort>, Vec<EndpointAddress>> = BTreeMap::new();
        let mut legacy_not_ready: BTreeMap<Vec<EndpointPort>, Vec<EndpointAddress>> =
            BTreeMap::new();
        for p in self.store.pods.in_namespace(&k.0) {
            if !meta::map_matches(&selector, &p.metadata.labels)
                || p.status.pod_ip.is_empty()
                || p.is_terminal()
            {
                continue;
            }
            let serving = p.is_ready();
            let terminating = p.metadata.is_terminating();
            let hostname = (!p.spec.hostname.is_empty() && p.spec.subdomain == svc.metadata.name)
                .then(|| p.spec.hostname.clone());
            let target = ObjectReference {
                kind: "Pod".into(),
                namespace: k.0.clone(),
                name: p.metadata.name.clone(),
                uid: p.metadata.uid.clone(),
                ..Default::default()
            };
            let ports = resolve_ports(&svc, p);
            let ready = publish || (serving && !terminating);
            groups.entry(ports.clone()).or_default().push(Endpoint {
                addresses: vec![p.status.pod_ip.clone()],
                conditions: EndpointConditions {
                    ready: Some(ready),
                    serving: Some(serving),
                    terminating: Some(terminating),
                },
                hostname: hostname.clone(),
                target_ref: Some(target.clone()),
                node_name: Some(p.spec.node_name.clone()).filter(|n| !n.is_empty()),
                zone: None,
            });
            let addr = EndpointAddress {
                ip: p.status.pod_ip.clone(),
                hostname,
                node_name: Some(p.spec.node_name.clone()).filter(|n| !n.is_empty()),
                target_ref: Some(target),
            };
            if ready {
                legacy_ready.entry(ports).or_default().push(addr);
            } else if !terminating || publish {
                legacy_not_ready.entry(ports).or_default().push(addr);
            }
        }

        // Desired slices: chunks of at most 100 endpoints per port group; one
        // empty placeholder when nothing is selected (R7.5).
        let mut desired: Vec<SliceContent> = Vec::new();
        for (ports, eps) in groups {
            for chunk in eps.chunks(MAX_ENDPOINTS_PER_SLICE) {
                desired.push((Some(ports.clone()), Some(chunk.to_vec())));
            }
        }
        if desired.is_empty() {
            desired.push((None, None));
        }
        let mut labels = svc.metadata.labels.clone();
        labels.insert(SERVICE_NAME_LABEL.into(), k.1.clone());
        labels.insert(MANAGED_BY_LABEL.into(), MANAGED_BY.into());
        if svc.is_headless() {
            labels.insert(HEADLESS_LABEL.into(), String::new());
        }
        let owner =
            OwnerReference::controller("v1", "Service", &svc.metadata.name, &svc.metadata.uid);
        let mut reuse = existing.into_iter();
        for (ports, endpoints) in desired {
            match reuse.next() {
                Some(old) => {
                    if old.endpoints == endpoints
                        && old.ports == ports
                        && old.metadata.labels == labels
                    {
                        continue;
                    }
                    let mut s = (*old).clone();
                    s.endpoints = endpoints;
                    s.ports = ports;
                    s.metadata.labels = labels.clone();
                    self.write_status(s);
                }
                None => {
                    let s = EndpointSlice {
                        metadata: ObjectMeta {
                            generate_name: format!("{}-", k.1),
                            namespace: k.0.clone(),
                            labels: labels.clone(),
                            owner_references: vec![owner.clone()],
                            ..Default::default()
                        },
                        address_type: "IPv4".into(),
                        endpoints,
                        ports,
                    };
                    let _ = self.cluster_create(Object::EndpointSlice(Rc::new(s)));
                }
            }
        }
        for extra in reuse {
            let _ = self.cluster_delete(
                Kind::EndpointSlice,
                &k.0,
                &extra.metadata.name,
                &Default::default(),
            );
        }

        // The legacy Endpoints object (R7.10): addresses sorted by IP.
        let mut subsets: Vec<EndpointSubset> = Vec::new();
        let mut port_sets: Vec<Vec<EndpointPort>> = legacy_ready
            .keys()
            .chain(legacy_not_ready.keys())
            .cloned()
            .collect();
        port_sets.sort();
        port_sets.dedup();
        for ports in port_sets {
            let sort = |mut v: Vec<EndpointAddress>| {
                v.sort_by_key(|a| {
                    a.ip.split('.')
                        .map(|x| x.parse::<u16>().unwrap_or(0))
                        .collect::<Vec<_>>()
                });
                v
            };
            subsets.push(EndpointSubset {
                addresses: sort(legacy_ready.remove(&ports).unwrap_or_default()),
                not_ready_addresses: sort(legacy_not_ready.remove(&ports).unwrap_or_default()),
                ports: ports
                    .into_iter()
                    .map(|p| EndpointPort {
                        app_protocol: None,
                        ..p
                    })
                    .collect(),
            });
        }
        let mut ep_labels = svc.metadata.labels.clone();
        if svc.is_headless() {
            ep_labels.insert(HEADLESS_LABEL.into(), String::new());
        }
        match self.store.endpoints.get(&k.0, &k.1).cloned() {
            Some(old) => {
                if old.subsets != subsets || old.metadata.labels != ep_labels {
                    let mut ep = (*old).clone();
                    ep.subsets = subsets;
                    ep.metadata.labels = ep_labels;
                    self.write_status(ep);
                }
            }
            None => {
                let ep = Endpoints {
                    metadata: ObjectMeta {
                        name: k.1.clone(),
                        namespace: k.0.clone(),
                        labels: ep_labels,
                        owner_references: vec![],
                        ..Default::default()
                    },
                    subsets,
                };
                let _ = self.cluster_create(Object::Endpoints(Rc::new(ep)));
            }
        }
    }
}
