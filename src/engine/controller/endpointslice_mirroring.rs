//! The EndpointSliceMirroring controller (`pkg/controller/
//! endpointslicemirroring`, R7.2): a Service without a selector gets its
//! endpoints from a hand-written v1 Endpoints object of the same name, and
//! this controller copies that object into EndpointSlices, which are what
//! kube-proxy and CoreDNS read. Without it such a Service has no DNS
//! records and no backends, whatever its Endpoints say.
//!
//! One slice per address type and port list (`addrTypePortMapKey`), named
//! `<endpoints>-xxxxx`, owned by the Endpoints object (so it goes with it),
//! labelled `endpointslice.kubernetes.io/managed-by:
//! endpointslicemirroring-controller.k8s.io` and `kubernetes.io/service-name`,
//! with the Endpoints' other labels and annotations copied (but the trigger
//! time and the last-applied configuration). `addresses` become endpoints
//! with `ready: true`, `notReadyAddresses` with `ready: false`; hostname,
//! nodeName and targetRef are kept, in `RepackSubsets`' order (by IP).
//! At most 1000 addresses of a subset are
//! mirrored (`--mirroring-max-endpoints-per-subset`); the rest are skipped
//! with a `TooManyAddressesToMirror` Warning on the Endpoints.
//!
//! Not mirrored (and mirrored slices deleted): the Service has a selector
//! or is gone, the Endpoints is gone, labelled
//! `endpointslice.kubernetes.io/skip-mirror: "true"` (what the API server
//! puts on its own `kubernetes` Endpoints), or holds a leader-election
//! record.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::endpointslice::{MANAGED_BY_LABEL, SERVICE_NAME_LABEL, TRIGGER_TIME_ANNOTATION};
use crate::engine::objects::meta::{Annotations, Labels};
use crate::engine::objects::service::{
    Endpoint, EndpointAddress, EndpointConditions, EndpointPort,
};
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::store::Key;
use crate::engine::Engine;

/// `controllerName`: the managed-by label's value on mirrored slices.
pub const MIRRORING_MANAGED_BY: &str = "endpointslicemirroring-controller.k8s.io";
/// `discovery.LabelSkipMirror`.
pub const SKIP_MIRROR_LABEL: &str = "endpointslice.kubernetes.io/skip-mirror";
/// `resourcelock.LeaderElectionRecordAnnotationKey`.
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
/// `--mirroring-max-endpoints-per-subset`'s default.
pub const MAX_ENDPOINTS_PER_SUBSET: usize = 1000;
const COMPONENT: &str = "endpoint-slice-mirroring-controller";

/// Whether an Endpoints object is one the controller mirrors
/// (`shouldMirror`).
pub fn should_mirror(ep: &Endpoints) -> bool {
    ep.metadata
        .labels
        .get(SKIP_MIRROR_LABEL)
        .map(|v| v.as_str())
        != Some("true")
        && !ep.metadata.annotations.contains_key(LEADER_ANNOTATION)
}

/// Whether a slice is one this controller wrote.
pub fn is_mirrored(s: &EndpointSlice) -> bool {
    s.metadata.labels.get(MANAGED_BY_LABEL).map(|v| v.as_str()) == Some(MIRRORING_MANAGED_BY)
}

/// The address type of an Endpoints address, None if it is no IP.
fn address_type(ip: &str) -> Option<&'static str> {
    if ip.parse::<std::net::Ipv4Addr>().is_ok() {
        Some("IPv4")
    } else if ip.parse::<std::net::Ipv6Addr>().is_ok() {
        Some("IPv6")
    } else {
        None
    }
}

/// `epPortsToEpsPorts`: every field set, as the Endpoints (defaulted) has it.
fn slice_ports(ports: &[EndpointPort]) -> Vec<EndpointPort> {
    ports
        .iter()
        .map(|p| EndpointPort {
            name: Some(p.name.clone().unwrap_or_default()),
            protocol: Some(p.protocol.clone().unwrap_or_else(|| "TCP".into())),
            port: Some(p.port.unwrap_or_default()),
            app_protocol: p.app_protocol.clone(),
        })
        .collect()
}

/// What the Endpoints object asks for: endpoints by (address type, ports),
/// in the order first met; and how many addresses were skipped.
type Desired = Vec<((&'static str, Vec<EndpointPort>), Vec<Rc<Endpoint>>)>;

/// `addrsByIPAndUID`: addresses by their IP's bytes, then by their Pod's
/// uid (what `RepackSubsets` leaves them in).
fn sorted(list: &[EndpointAddress]) -> Vec<&EndpointAddress> {
    let mut v: Vec<&EndpointAddress> = list.iter().collect();
    let ip_key = |a: &EndpointAddress| -> Vec<u8> {
        match a.ip.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(ip)) => ip.to_ipv6_mapped().octets().to_vec(),
            Ok(std::net::IpAddr::V6(ip)) => ip.octets().to_vec(),
            Err(_) => Vec::new(),
        }
    };
    crate::sort::sort_by_key(&mut v, |a| {
        (
            ip_key(a),
            a.target_ref
                .as_ref()
                .map(|t| t.uid.to_string())
                .unwrap_or_default(),
        )
    });
    v
}

fn desired(ep: &Endpoints) -> (Desired, usize) {
    let mut out: Desired = Vec::new();
    let mut skipped = 0;
    for subset in &ep.subsets {
        let ports = slice_ports(&subset.ports);
        let mut added = 0;
        let all = sorted(&subset.addresses)
            .into_iter()
            .map(|a| (a, true))
            .chain(
                sorted(&subset.not_ready_addresses)
                    .into_iter()
                    .map(|a| (a, false)),
            );
        for (a, ready) in all {
            if added >= MAX_ENDPOINTS_PER_SUBSET {
                skipped += 1;
                continue;
            }
            let Some(ty) = address_type(&a.ip) else {
                continue;
            };
            added += 1;
            let e = Rc::new(Endpoint {
                addresses: vec![a.ip.clone()],
                conditions: EndpointConditions {
                    ready: Some(ready),
                    serving: None,
                    terminating: None,
                },
                hostname: a.hostname.clone().filter(|h| !h.is_empty()),
                target_ref: a.target_ref.clone(),
                node_name: a.node_name.clone(),
                zone: None,
            });
            let key = (ty, ports.clone());
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(e),
                None => out.push((key, vec![e])),
            }
        }
    }
    (out, skipped)
}

impl Engine {
    /// Queues a mirroring sync for the Endpoints or Service `k` names.
    pub(crate) fn enqueue_mirror(&mut self, k: Key) {
        self.due.mirrors.insert(k);
    }

    /// Whether a change to the Endpoints `ep` concerns this controller: it
    /// is mirrored, and its Service (if any yet) has no selector. (Those the
    /// Endpoints controller writes for a Service with a selector are left
    /// alone at once: the sync would only find nothing to mirror.)
    pub(crate) fn mirror_relevant(&self, ep: &Endpoints) -> bool {
        let selected = self
            .store
            .services
            .get(&ep.metadata.namespace, &ep.metadata.name)
            .is_some_and(|s| s.has_selector());
        !selected
    }

    /// `syncEndpoints`: makes the mirrored slices of `k` match its
    /// Endpoints, or deletes them when nothing should be mirrored.
    pub(crate) fn sync_mirror(&mut self, k: &Key) {
        let existing: Vec<Rc<EndpointSlice>> = self
            .store
            .endpoint_slices
            .in_namespace(&k.0)
            .filter(|s| {
                is_mirrored(s)
                    && s.metadata
                        .labels
                        .get(SERVICE_NAME_LABEL)
                        .map(|v| v.as_str())
                        == Some(k.1.as_str())
                    && s.metadata.deletion_timestamp.is_none()
            })
            .cloned()
            .collect();
        let svc = self.store.services.get(&k.0, &k.1).cloned();
        let ep = self.store.endpoints.get(&k.0, &k.1).cloned();
        let mirror = match (&svc, &ep) {
            (Some(s), Some(ep)) => {
                !s.has_selector() && should_mirror(ep) && !ep.metadata.is_terminating()
            }
            _ => false,
        };
        let (Some(ep), true) = (ep, mirror) else {
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
        let (want, skipped) = desired(&ep);
        if skipped > 0 {
            self.record(
                &Object::Endpoints(ep.clone()),
                "Warning",
                "TooManyAddressesToMirror",
                format!("A max of {MAX_ENDPOINTS_PER_SUBSET} addresses can be mirrored to EndpointSlices per Endpoints subset. {skipped} addresses were skipped"),
                Source::controller(COMPONENT),
            );
        }
        let mut labels: Labels = ep.metadata.labels.clone();
        labels.insert(SERVICE_NAME_LABEL.into(), k.1.clone().into());
        labels.insert(MANAGED_BY_LABEL.into(), MIRRORING_MANAGED_BY.into());
        let mut annotations: Annotations = ep.metadata.annotations.clone();
        annotations.remove(TRIGGER_TIME_ANNOTATION);
        annotations.remove(LAST_APPLIED);
        let owner = OwnerReference::controller("v1", "Endpoints", &k.1, &ep.metadata.uid);

        // Existing slices by key, each key's first one reused.
        let mut by_key: BTreeMap<(String, Vec<EndpointPort>), Vec<Rc<EndpointSlice>>> =
            BTreeMap::new();
        for s in existing {
            let key = (
                s.address_type.to_string(),
                s.ports.clone().unwrap_or_default(),
            );
            by_key.entry(key).or_default().push(s);
        }
        for ((ty, ports), endpoints) in want {
            let mut olds = by_key
                .remove(&(ty.to_string(), ports.clone()))
                .unwrap_or_default()
                .into_iter();
            match olds.next() {
                Some(old) => {
                    let same = old.endpoints.as_deref().unwrap_or_default() == endpoints.as_slice()
                        && old.metadata.labels == labels
                        && old.metadata.annotations == annotations;
                    if !same {
                        let mut s = (*old).clone();
                        s.metadata.labels = labels.clone();
                        s.metadata.annotations = annotations.clone();
                        s.endpoints = Some(endpoints);
                        let _ = self.cluster_update(Object::EndpointSlice(Rc::new(s)));
                    }
                }
                None => {
                    let s = EndpointSlice {
                        metadata: ObjectMeta {
                            generate_name: format!("{}-", k.1).into(),
                            namespace: k.0.clone().into(),
                            labels: labels.clone(),
                            annotations: annotations.clone(),
                            owner_references: vec![owner.clone()],
                            ..Default::default()
                        },
                        address_type: ty.into(),
                        endpoints: Some(endpoints),
                        ports: Some(ports),
                    };
                    let _ = self.cluster_create(Object::EndpointSlice(Rc::new(s)));
                }
            }
            for extra in olds {
                let _ = self.cluster_delete(
                    Kind::EndpointSlice,
                    &k.0,
                    &extra.metadata.name,
                    &Default::default(),
                );
            }
        }
        for extra in by_key.into_values().flatten() {
            let _ = self.cluster_delete(
                Kind::EndpointSlice,
                &k.0,
                &extra.metadata.name,
                &Default::default(),
            );
        }
    }
}
