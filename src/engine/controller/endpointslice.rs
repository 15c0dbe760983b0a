//! The EndpointSlice controller (and the legacy Endpoints one), R7.2–R7.10:
//! for a Service with a selector, the Pods it selects that have an IP and are
//! not terminal become endpoints with `ready` / `serving` / `terminating`
//! conditions, a `hostname` when the Pod's subdomain names this Service, and
//! ports resolved from each Service port's targetPort.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use crate::engine::objects::service::{
    Endpoint, EndpointAddress, EndpointConditions, EndpointPort, EndpointSubset, ServiceSpec,
};
use crate::engine::objects::*;
use crate::engine::store::Key;
use crate::engine::Engine;

pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "endpointslice-controller.k8s.io";
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";
/// `v1.LabelTopologyZone`: a node's zone, copied to its endpoints (R7.8).
pub const ZONE_LABEL: &str = "topology.kubernetes.io/zone";
const MAX_ENDPOINTS_PER_SLICE: usize = 100;
/// `v1.EndpointsLastChangeTriggerTime` (R7.9).
pub const TRIGGER_TIME_ANNOTATION: &str = "endpoints.kubernetes.io/last-change-trigger-time";

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

/// What one version of a Pod contributes to one Service's endpoints: a
/// pure function of the Pod and the Service's name and spec, cached between
/// syncs while the store holds the same Pod version (`Rc::ptr_eq`; the
/// cache holds a reference, so the address cannot be reused meanwhile).
#[derive(Clone, Debug)]
struct EpFacts {
    pod: Rc<Pod>,
    /// Unique within the cache: which facts (so which Pod version) these are.
    serial: u64,
    /// Selected, with an IP, not terminal.
    included: bool,
    /// Selected (whatever its IP and phase): one of the Pods the trigger
    /// time tracker saw at this sync (R7.9).
    selected: bool,
    /// The resolved ports, interned (`EpCache::port_sets`).
    ports: usize,
    /// Shared with every slice version that lists it. The legacy
    /// Endpoints address is derived from it (`address`): keeping both
    /// doubled the cache at 10,000 Pods.
    endpoint: Rc<Endpoint>,
    /// The legacy Endpoints list it goes to: ready, not ready, or neither.
    legacy: Legacy,
    /// The IP's first 16 bytes, zero-padded, as one big-endian number: it
    /// orders like the bytes (no IP text holds a NUL), so `less_address`
    /// compares two numbers where it followed two pointers into the
    /// strings (sorting 10,000 addresses was 7 % of a 10k scale-up).
    ip_key: u128,
}

impl EpFacts {
    /// Whether two facts give the same endpoint, address and lists.
    fn same_content(&self, other: &EpFacts) -> bool {
        self.included == other.included
            && self.ports == other.ports
            && self.legacy == other.legacy
            && self.endpoint == other.endpoint
    }

    /// The Pod's address in the legacy Endpoints object: the endpoint's
    /// IP, hostname, node and target.
    fn address(&self) -> EndpointAddress {
        let e = &self.endpoint;
        EndpointAddress {
            ip: e.addresses.first().cloned().unwrap_or_default(),
            hostname: e.hostname.clone(),
            node_name: e.node_name.clone(),
            target_ref: e.target_ref.clone(),
        }
    }

    /// `less_address` on the addresses it gives, without making them.
    fn less_address(&self, other: &EpFacts) -> std::cmp::Ordering {
        let by_key = self.ip_key.cmp(&other.ip_key);
        if by_key.is_ne() {
            return by_key;
        }
        fn key(f: &EpFacts) -> (&str, Option<&str>) {
            let e = &f.endpoint;
            (
                e.addresses.first().map_or("", |a| a.as_str()),
                e.target_ref.as_ref().map(|r| r.uid.as_str()),
            )
        }
        less_ip_uid(key(self), key(other))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Legacy {
    Ready,
    NotReady,
    None,
}

/// A slice (or the Endpoints object) as a sync left it, and the facts
/// (by serial) its content was derived from: while the stored object is the
/// same and the same facts make it up, it is known to be up to date.
#[derive(Clone, Debug)]
struct Verified<T> {
    object: Rc<T>,
    ports: Option<usize>,
    serials: Vec<u64>,
}

/// One Service's cache (see `EpFacts`).
#[derive(Clone, Default)]
pub struct EpCache {
    /// The Service spec the facts were derived for.
    spec: Option<ServiceSpec>,
    pods: Vec<EpFacts>,
    port_sets: Vec<Vec<EndpointPort>>,
    next_serial: u64,
    slices: Vec<Verified<EndpointSlice>>,
    endpoints: Option<Verified<Endpoints>>,
    /// `TriggerTimeTracker` state (R7.9): whether the Service was synced
    /// before, and its trigger time then (its creationTimestamp). The Pods'
    /// trigger times of the last sync are those of the `pods` facts.
    trigger_known: bool,
    service_trigger: Option<Time>,
    /// The zone of each node that has one, as the facts were derived
    /// with it (R7.8).
    zones: NodeZones,
}

/// Node name → its non-empty `topology.kubernetes.io/zone` label.
type NodeZones = BTreeMap<RcStr, RcStr>;

impl fmt::Debug for EpCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EpCache")
            .field("pods", &self.pods.len())
            .field("slices", &self.slices.len())
            .finish()
    }
}

/// Every Service's cache.
pub type EndpointsCache = BTreeMap<Key, EpCache>;

/// `LessEndpointAddress`: the IPs compared as bytes (`10.244.1.10` comes
/// before `10.244.1.9`), then the Pods' UIDs.
#[cfg(test)]
fn less_address(a: &EndpointAddress, b: &EndpointAddress) -> std::cmp::Ordering {
    fn key(x: &EndpointAddress) -> (&str, Option<&str>) {
        (&x.ip, x.target_ref.as_ref().map(|r| r.uid.as_str()))
    }
    less_ip_uid(key(a), key(b))
}

/// `EpFacts::ip_key`: the first 16 bytes of an IP's text, zero-padded.
fn ip_key(ip: &str) -> u128 {
    let b = ip.as_bytes();
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[..n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(a)
}

/// The order of `LessEndpointAddress` on (IP, Pod UID).
fn less_ip_uid(a: (&str, Option<&str>), b: (&str, Option<&str>)) -> std::cmp::Ordering {
    a.0.cmp(b.0).then_with(|| a.1.cmp(&b.1))
}

/// The legacy Endpoints controller keeps at most this many addresses
/// (`maxCapacity`); beyond it the object is truncated and annotated.
pub const ENDPOINTS_MAX_CAPACITY: usize = 1000;
pub const OVER_CAPACITY_ANNOTATION: &str = "endpoints.kubernetes.io/over-capacity";

/// `truncateEndpoints`: when there are more than 1000 addresses, each
/// subset keeps its share (rounded up) of the 1000, ready addresses
/// first: not-ready ones are cut while the ready ones fit, else every
/// not-ready one goes and the ready ones are cut. Whether it cut. (The
/// sync cuts before it sorts, with `truncation` and `sorted_prefix`.)
#[cfg(test)]
fn truncate_subsets(subsets: &mut [(usize, Vec<usize>, Vec<usize>)]) -> bool {
    let sizes: Vec<(usize, usize)> = subsets.iter().map(|s| (s.1.len(), s.2.len())).collect();
    let Some(keep) = truncation(&sizes) else {
        return false;
    };
    for (s, (ready, not_ready)) in subsets.iter_mut().zip(keep) {
        s.1.truncate(ready);
        s.2.truncate(not_ready);
    }
    true
}

/// How many ready and not-ready addresses each subset keeps under
/// `truncateEndpoints` (see `truncate_subsets`), given how many it has;
/// `None` when nothing is cut.
fn truncation(sizes: &[(usize, usize)]) -> Option<Vec<(usize, usize)>> {
    let ready: usize = sizes.iter().map(|s| s.0).sum();
    let not_ready: usize = sizes.iter().map(|s| s.1).sum();
    if ready + not_ready <= ENDPOINTS_MAX_CAPACITY {
        return None;
    }
    let truncate_ready = ready > ENDPOINTS_MAX_CAPACITY;
    let (max, total) = if truncate_ready {
        (ENDPOINTS_MAX_CAPACITY, ready)
    } else {
        (ENDPOINTS_MAX_CAPACITY - ready, not_ready)
    };
    let mut can_be_added = max;
    let keep = sizes
        .iter()
        .map(|&(ready, not_ready)| {
            let in_subset = if truncate_ready { ready } else { not_ready };
            // ceil(in_subset / total * max), in integers.
            let share = (in_subset * max).div_ceil(total).min(can_be_added);
            if truncate_ready {
                let kept = ready.min(share);
                can_be_added -= kept;
                (kept, 0)
            } else {
                let kept = not_ready.min(share);
                can_be_added -= kept;
                (ready, kept)
            }
        })
        .collect();
    Some(keep)
}

/// The `keep` first elements of `v` in the order of `cmp`, sorted: what a
/// stable sort then a truncation gives when `cmp` is a total order (no two
/// elements equal), without sorting what is cut (the legacy Endpoints
/// object keeps 1,000 of 10,000 addresses, and is rebuilt on every change).
fn sorted_prefix(
    v: &mut Vec<usize>,
    keep: usize,
    mut cmp: impl FnMut(&usize, &usize) -> std::cmp::Ordering,
) {
    if keep == 0 {
        v.clear();
        return;
    }
    if keep < v.len() {
        v.select_nth_unstable_by(keep - 1, &mut cmp);
        v.truncate(keep);
    }
    crate::sort::sort_by(v, cmp);
}

/// The annotations with `over-capacity: truncated` set or removed.
fn over_capacity(
    annotations: &crate::engine::objects::Labels,
    truncated: bool,
) -> crate::engine::objects::Labels {
    let mut a = annotations.clone();
    if truncated {
        a.insert(OVER_CAPACITY_ANNOTATION.into(), "truncated".into());
    } else {
        a.remove(OVER_CAPACITY_ANNOTATION);
    }
    a
}

impl EpCache {
    fn facts(&mut self, svc: &Service, ns: &str, pod: Rc<Pod>, zones: &NodeZones) -> EpFacts {
        let selector = svc.spec.selector.as_ref();
        let p = &*pod;
        let selected = selector.is_some_and(|sel| meta::map_matches(sel, &p.metadata.labels));
        let included = selected && !p.status.pod_ip.is_empty() && !p.is_terminal();
        self.next_serial += 1;
        let serial = self.next_serial;
        if !included {
            return EpFacts {
                pod,
                serial,
                included,
                selected,
                ports: 0,
                endpoint: Rc::default(),
                legacy: Legacy::None,
                ip_key: 0,
            };
        }
        let publish = svc.publish_not_ready();
        let serving = p.is_ready();
        let terminating = p.metadata.is_terminating();
        let hostname = (!p.spec.hostname.is_empty() && p.spec.subdomain == svc.metadata.name)
            .then(|| p.spec.hostname.clone());
        let target = ObjectReference {
            kind: "Pod".into(),
            namespace: ns.into(),
            name: p.metadata.name.clone(),
            uid: p.metadata.uid.clone(),
            ..Default::default()
        };
        let ports = resolve_ports(svc, p);
        let ports = match self.port_sets.iter().position(|x| *x == ports) {
            Some(i) => i,
            None => {
                self.port_sets.push(ports);
                self.port_sets.len() - 1
            }
        };
        let ready = publish || (serving && !terminating);
        let endpoint = Rc::new(Endpoint {
            addresses: vec![p.status.pod_ip.clone()],
            conditions: EndpointConditions {
                ready: Some(ready),
                serving: Some(serving),
                terminating: Some(terminating),
            },
            hostname,
            target_ref: Some(target),
            node_name: Some(p.spec.node_name.clone()).filter(|n| !n.is_empty()),
            // `podToEndpoint`: the node's zone label, when set.
            zone: zones.get(&p.spec.node_name).cloned(),
        });
        let legacy = if ready {
            Legacy::Ready
        } else if !terminating || publish {
            Legacy::NotReady
        } else {
            Legacy::None
        };
        EpFacts {
            ip_key: ip_key(&p.status.pod_ip),
            pod,
            serial,
            included,
            selected,
            ports,
            endpoint,
            legacy,
        }
    }

    /// `TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime` (R7.9),
    /// before `refresh` replaces the last sync's facts: on the Service's
    /// first sync its creationTimestamp; else the earliest of the trigger
    /// times that moved since the last sync: each selected Pod's Ready
    /// condition lastTransitionTime (if later than the one seen for that
    /// Pod name), the Service's creationTimestamp (if later). None: no
    /// annotation.
    fn trigger_time<'a>(
        &mut self,
        svc: &Service,
        pods: impl Iterator<Item = &'a Rc<Pod>>,
    ) -> Option<Time> {
        fn pod_trigger(p: &Pod) -> Option<Time> {
            p.condition("Ready").and_then(|c| c.last_transition_time)
        }
        let selector = svc.spec.selector.as_ref();
        let mut min: Option<Time> = None;
        // The last sync's selected Pods, in name order like the store's.
        let mut old = self.pods.iter().filter(|f| f.selected).peekable();
        for p in pods {
            // The same version as the next Pod selected at the last sync:
            // nothing moved, whether or not it is still selected (either
            // way it adds no trigger, and the walk below would pass its
            // entry by). Checked first, on pointers only: most Pods of a
            // large Service are unchanged between two syncs, and reading
            // each one's labels was a cache miss per Pod per sync.
            if old.peek().is_some_and(|f| Rc::ptr_eq(&f.pod, p)) {
                old.next();
                continue;
            }
            if !selector.is_some_and(|sel| meta::map_matches(sel, &p.metadata.labels)) {
                continue;
            }
            let mut before = None;
            while let Some(f) = old.peek() {
                // The same version has the same name: no need to compare it.
                if Rc::ptr_eq(&f.pod, p) {
                    before = old.next();
                    break;
                }
                match f.pod.metadata.name.as_str().cmp(p.metadata.name.as_str()) {
                    std::cmp::Ordering::Less => {
                        old.next();
                    }
                    std::cmp::Ordering::Equal => {
                        before = old.next();
                        break;
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
            // The same version as at the last sync: nothing moved.
            if before.is_some_and(|f| Rc::ptr_eq(&f.pod, p)) {
                continue;
            }
            if let Some(t) = pod_trigger(p) {
                if before
                    .and_then(|f| pod_trigger(&f.pod))
                    .is_none_or(|b| t > b)
                {
                    min = Some(min.map_or(t, |m| m.min(t)));
                }
            }
        }
        let service = svc.metadata.creation_timestamp;
        if let Some(t) = service {
            if self.service_trigger.is_none_or(|b| t > b) {
                min = Some(min.map_or(t, |m| m.min(t)));
            }
        }
        self.service_trigger = service;
        if !std::mem::replace(&mut self.trigger_known, true) {
            // A new Service: its creationTimestamp.
            return service;
        }
        min
    }

    /// The facts of every Pod in the namespace, in the store's order,
    /// reusing those of unchanged Pods.
    fn refresh<'a>(
        &mut self,
        svc: &Service,
        ns: &str,
        pods: impl Iterator<Item = &'a Rc<Pod>>,
        zones: NodeZones,
    ) -> Vec<EpFacts> {
        // Upstream derives every endpoint afresh on each sync, so a node
        // whose zone changed shows it at the next sync (a node change
        // queues none by itself): the facts are derived again then.
        if self.spec.as_ref() != Some(&svc.spec) || self.zones != zones {
            *self = EpCache {
                spec: Some(svc.spec.clone()),
                next_serial: self.next_serial,
                trigger_known: self.trigger_known,
                service_trigger: self.service_trigger,
                zones,
                ..Default::default()
            };
        }
        // (Nearly always empty: kind labels no node with a zone.)
        let zones = self.zones.clone();
        let mut out = std::mem::take(&mut self.pods);
        // In place while the store's names follow the cached ones one for
        // one (the usual sync: some Pods rewritten, none added or removed),
        // doing what the merge below does for such a prefix: an unchanged
        // version keeps its entry; a newer version of the same name gets
        // fresh facts, keeping the serial when the endpoint came out the
        // same. No entry is moved into a new list.
        let mut pods = pods.peekable();
        let mut j = 0;
        while let Some(p) = pods.peek() {
            let Some(cached) = out.get(j) else {
                break;
            };
            if !Rc::ptr_eq(&cached.pod, p) {
                if cached.pod.metadata.name != p.metadata.name {
                    break;
                }
                let mut f = self.facts(svc, ns, Rc::clone(p), &zones);
                if out[j].same_content(&f) {
                    f.serial = out[j].serial;
                }
                out[j] = f;
            }
            pods.next();
            j += 1;
        }
        if pods.peek().is_none() {
            // Cached entries past the store's last Pod are Pods now gone.
            out.truncate(j);
            return out;
        }
        // A Pod was added or removed: merge the rest (both in name order).
        let previous = out.split_off(j);
        out.reserve(previous.len());
        let mut old = previous.into_iter().peekable();
        for p in pods {
            let mut reuse = None;
            let mut stale = None;
            while let Some(f) = old.peek() {
                if Rc::ptr_eq(&f.pod, p) {
                    reuse = old.next();
                    break;
                }
                match f.pod.metadata.name.as_str().cmp(p.metadata.name.as_str()) {
                    std::cmp::Ordering::Less => {
                        old.next();
                    }
                    std::cmp::Ordering::Equal => stale = old.next(),
                    std::cmp::Ordering::Greater => break,
                }
            }
            out.push(match reuse {
                Some(f) => f,
                None => {
                    let mut f = self.facts(svc, ns, p.clone(), &zones);
                    // A new version of a Pod whose endpoint came out the
                    // same keeps its serial: what was verified still holds.
                    if let Some(prev) = stale.filter(|s| s.same_content(&f)) {
                        f.serial = prev.serial;
                    }
                    f
                }
            });
        }
        out
    }
}

impl Engine {
    /// Reconciles the slices and the Endpoints object of one Service.
    pub(crate) fn sync_service(&mut self, k: &Key) {
        let Some(svc) = self.store.services.get(&k.0, &k.1).cloned() else {
            self.endpoint_facts.remove(k);
            // The Endpoints object goes with its Service.
            if self.store.endpoints.get(&k.0, &k.1).is_some() {
                let _ = self.cluster_delete(Kind::Endpoints, &k.0, &k.1, &Default::default());
            }
            return;
        };
        if svc.metadata.is_terminating() {
            return;
        }
        if svc.type_() == "ExternalName" || !svc.has_selector() {
            // An ExternalName Service, or one without a selector, gets no
            // endpoints from these controllers (R7.2; `syncService` of both
            // returns at once, kubernetes#105986). Nothing is cleaned up
            // either: slices and the Endpoints object written while the
            // Service had a selector stay as they were (kubernetes#118376,
            // still open; #120775, which would have deleted the slices, was
            // closed unmerged). The tracker's state stays too (upstream
            // returns before computing a trigger time). An empty selector
            // counts as none (storage drops an empty map).
            return;
        }
        // The slices this controller manages for the Service's name
        // (`kubernetes.io/service-name`), those being deleted dropped
        // (`dropEndpointSlicesPendingDeletion`). Only those the Service owns
        // (its uid) are kept; others were written for an earlier Service of
        // that name, deleted and created again before the garbage collector
        // came, and are deleted (`reconcileByAddressType`'s `ownedBy`):
        // kept, they stood for the new Service until the collector removed
        // them, and then it had none.
        let (existing, foreign): (Vec<Rc<EndpointSlice>>, Vec<Rc<EndpointSlice>>) = self
            .store
            .endpoint_slices
            .in_namespace(&k.0)
            .filter(|s| {
                s.metadata
                    .labels
                    .get(SERVICE_NAME_LABEL)
                    .map(|v| v.as_str())
                    == Some(k.1.as_str())
                    && s.metadata.labels.get(MANAGED_BY_LABEL).map(RcStr::as_str)
                        == Some(MANAGED_BY)
                    && s.metadata.deletion_timestamp.is_none()
            })
            .cloned()
            .partition(|s| {
                s.metadata.owner_references.iter().any(|r| {
                    r.uid == svc.metadata.uid && r.kind == "Service" && r.api_version == "v1"
                })
            });
        for old in foreign {
            let _ = self.cluster_delete(
                Kind::EndpointSlice,
                &k.0,
                &old.metadata.name,
                &Default::default(),
            );
        }
        // The cache is taken out for the sync (nothing is dispatched during it).
        let mut cache = self.endpoint_facts.remove(k).unwrap_or_default();
        // Computed on every sync, so that the tracker's state follows even
        // when nothing is written (R7.9).
        let trigger = cache.trigger_time(&svc, self.store.pods.in_namespace(&k.0));
        let trigger_text: Option<RcStr> = trigger.map(|t| t.sim().rfc3339_nano().into());
        let set_trigger = |a: &mut crate::engine::objects::meta::Annotations| match &trigger_text {
            Some(t) => {
                a.insert(TRIGGER_TIME_ANNOTATION.into(), t.clone());
            }
            None => {
                a.remove(TRIGGER_TIME_ANNOTATION);
            }
        };
        let zones: NodeZones = self
            .store
            .nodes
            .iter()
            .filter_map(|n| {
                let zone = n.metadata.labels.get(ZONE_LABEL)?;
                (!zone.is_empty()).then(|| (n.metadata.name.clone(), zone.clone()))
            })
            .collect();
        let facts = cache.refresh(&svc, &k.0, self.store.pods.in_namespace(&k.0), zones);

        // Endpoints by port set (in the order of the port sets), each group
        // in Pod name order.
        let mut by_ports: Vec<Vec<usize>> = vec![Vec::new(); cache.port_sets.len()];
        for (i, f) in facts.iter().enumerate() {
            if f.included {
                by_ports[f.ports].push(i);
            }
        }
        let mut order: Vec<usize> = (0..cache.port_sets.len())
            .filter(|&p| !by_ports[p].is_empty())
            .collect();
        crate::sort::sort_by(&mut order, |&a, &b| {
            cache.port_sets[a].cmp(&cache.port_sets[b])
        });

        // Desired slices: chunks of at most 100 endpoints per port group; one
        // empty placeholder when nothing is selected (R7.5).
        let mut desired: Vec<(Option<usize>, &[usize])> = Vec::new();
        for &p in &order {
            for chunk in by_ports[p].chunks(MAX_ENDPOINTS_PER_SLICE) {
                desired.push((Some(p), chunk));
            }
        }
        if desired.is_empty() {
            desired.push((None, &[]));
        }
        let mut labels = svc.metadata.labels.clone();
        labels.insert(SERVICE_NAME_LABEL.into(), k.1.clone().into());
        labels.insert(MANAGED_BY_LABEL.into(), MANAGED_BY.into());
        if svc.is_headless() {
            labels.insert(HEADLESS_LABEL.into(), Default::default());
        }
        let owner =
            OwnerReference::controller("v1", "Service", &svc.metadata.name, &svc.metadata.uid);
        let verified = std::mem::take(&mut cache.slices);
        let mut now_verified = Vec::new();
        let mut reuse = existing.into_iter();
        for (at, (ports, chunk)) in desired.into_iter().enumerate() {
            let serials: Vec<u64> = chunk.iter().map(|&i| facts[i].serial).collect();
            let port_list = ports.map(|p| &cache.port_sets[p]);
            match reuse.next() {
                Some(old) => {
                    let known = verified.get(at).is_some_and(|v| {
                        Rc::ptr_eq(&v.object, &old) && v.ports == ports && v.serials == serials
                    });
                    let same_content = known
                        || (old.ports.as_ref() == port_list
                            && match &old.endpoints {
                                None => ports.is_none(),
                                Some(eps) => {
                                    ports.is_some()
                                        && eps.len() == chunk.len()
                                        && eps.iter().zip(chunk).all(|(a, &i)| {
                                            Rc::ptr_eq(a, &facts[i].endpoint)
                                                || *a == facts[i].endpoint
                                        })
                                }
                            });
                    if same_content && old.metadata.labels == labels {
                        now_verified.push(Verified {
                            object: old,
                            ports,
                            serials,
                        });
                        continue;
                    }
                    // The stored slice with new endpoints, ports and labels
                    // (its old endpoints are not copied only to be replaced).
                    let mut metadata = old.metadata.clone();
                    metadata.labels = labels.clone();
                    // Written only when endpoints, ports or labels moved:
                    // each such write is a new generation (the strategy's
                    // `PrepareForUpdate`).
                    metadata.generation += 1;
                    set_trigger(&mut metadata.annotations);
                    let s = EndpointSlice {
                        metadata,
                        address_type: old.address_type.clone(),
                        endpoints: ports
                            .map(|_| chunk.iter().map(|&i| facts[i].endpoint.clone()).collect()),
                        ports: port_list.cloned(),
                    };
                    let written = self.write_status(s);
                    now_verified.push(Verified {
                        object: written,
                        ports,
                        serials,
                    });
                }
                None => {
                    let mut annotations = Default::default();
                    set_trigger(&mut annotations);
                    let s = EndpointSlice {
                        metadata: ObjectMeta {
                            generate_name: format!("{}-", k.1).into(),
                            namespace: k.0.clone().into(),
                            labels: labels.clone(),
                            annotations,
                            owner_references: vec![owner.clone()],
                            ..Default::default()
                        },
                        address_type: "IPv4".into(),
                        endpoints: ports
                            .map(|_| chunk.iter().map(|&i| facts[i].endpoint.clone()).collect()),
                        ports: port_list.cloned(),
                    };
                    // Not recorded as verified: creation may default fields.
                    let _ = self.cluster_create(Object::EndpointSlice(Rc::new(s)));
                }
            }
        }
        cache.slices = now_verified;
        for extra in reuse {
            let _ = self.cluster_delete(
                Kind::EndpointSlice,
                &k.0,
                &extra.metadata.name,
                &Default::default(),
            );
        }

        // The legacy Endpoints object (R7.10): per port set (sorted), the
        // addresses sorted by IP as bytes, then by Pod UID; at most 1000.
        // A Pod is listed under the ports it has (`podutil.FindPort` per
        // Service port, `continue` on a miss): one on which no port of the
        // Service resolves is not listed at all, although its EndpointSlice
        // entry stays (with no ports). Only a headless Service without ports
        // lists Pods without ports.
        let portless = svc.spec.ports.is_empty() && svc.is_headless();
        let legacy: Vec<usize> = (0..facts.len())
            .filter(|&i| {
                facts[i].included
                    && facts[i].legacy != Legacy::None
                    && (portless || !cache.port_sets[facts[i].ports].is_empty())
            })
            .collect();
        let serials: Vec<u64> = legacy.iter().map(|&i| facts[i].serial).collect();
        let mut ep_labels = svc.metadata.labels.clone();
        if svc.is_headless() {
            ep_labels.insert(HEADLESS_LABEL.into(), Default::default());
        }
        // Per port set (sorted): the ready and the not-ready addresses.
        let desired = || {
            // The port sets in use, each once, sorted.
            let mut seen = vec![false; cache.port_sets.len()];
            let mut port_sets: Vec<usize> = Vec::new();
            for &i in &legacy {
                let p = facts[i].ports;
                if !std::mem::replace(&mut seen[p], true) {
                    port_sets.push(p);
                }
            }
            crate::sort::sort_by(&mut port_sets, |&a, &b| {
                cache.port_sets[a].cmp(&cache.port_sets[b])
            });
            let list = |p: usize, kind: Legacy| -> Vec<usize> {
                legacy
                    .iter()
                    .copied()
                    .filter(|&i| facts[i].ports == p && facts[i].legacy == kind)
                    .collect()
            };
            let mut d: Vec<(usize, Vec<usize>, Vec<usize>)> = port_sets
                .into_iter()
                .map(|p| (p, list(p, Legacy::Ready), list(p, Legacy::NotReady)))
                .collect();
            // Cut first, then sort only what stays: addresses compare by
            // IP, then by the Pod's UID, so no two are equal.
            let sizes: Vec<(usize, usize)> = d.iter().map(|s| (s.1.len(), s.2.len())).collect();
            let keep = truncation(&sizes);
            let less = |a: &usize, b: &usize| facts[*a].less_address(&facts[*b]);
            for (at, (_, ready, not_ready)) in d.iter_mut().enumerate() {
                let (r, n) = keep
                    .as_ref()
                    .map_or((ready.len(), not_ready.len()), |k| k[at]);
                sorted_prefix(ready, r, less);
                sorted_prefix(not_ready, n, less);
            }
            (d, keep.is_some())
        };
        let subset_ports = |p: usize| -> Vec<EndpointPort> {
            cache.port_sets[p]
                .iter()
                .cloned()
                .map(|p| EndpointPort {
                    app_protocol: None,
                    ..p
                })
                .collect()
        };
        let build = |d: &[(usize, Vec<usize>, Vec<usize>)]| -> Vec<EndpointSubset> {
            let addresses = |v: &[usize]| v.iter().map(|&i| facts[i].address()).collect();
            d.iter()
                .map(|(p, ready, not_ready)| EndpointSubset {
                    addresses: addresses(ready),
                    not_ready_addresses: addresses(not_ready),
                    ports: subset_ports(*p),
                })
                .collect()
        };
        let same = |old: &[EndpointSubset], d: &[(usize, Vec<usize>, Vec<usize>)]| {
            let same_list = |a: &[EndpointAddress], v: &[usize]| {
                a.len() == v.len() && a.iter().zip(v).all(|(x, &i)| *x == facts[i].address())
            };
            old.len() == d.len()
                && old.iter().zip(d).all(|(o, (p, ready, not_ready))| {
                    same_list(&o.addresses, ready)
                        && same_list(&o.not_ready_addresses, not_ready)
                        && o.ports == subset_ports(*p)
                })
        };
        let verified = cache.endpoints.take();
        match self.store.endpoints.get(&k.0, &k.1).cloned() {
            Some(old) => {
                let known = verified
                    .as_ref()
                    .is_some_and(|v| Rc::ptr_eq(&v.object, &old) && v.serials == serials);
                if known && old.metadata.labels == ep_labels {
                    cache.endpoints = verified;
                } else {
                    let (d, truncated) = desired();
                    let annotations = over_capacity(&old.metadata.annotations, truncated);
                    if !same(&old.subsets, &d)
                        || old.metadata.labels != ep_labels
                        || old.metadata.annotations != annotations
                    {
                        // The stored object with new subsets, labels and
                        // capacity annotation.
                        let mut metadata = old.metadata.clone();
                        metadata.labels = ep_labels;
                        metadata.annotations = annotations;
                        set_trigger(&mut metadata.annotations);
                        let ep = Endpoints {
                            metadata,
                            subsets: build(&d),
                        };
                        let written = self.write_status(ep);
                        cache.endpoints = Some(Verified {
                            object: written,
                            ports: None,
                            serials,
                        });
                    } else {
                        cache.endpoints = Some(Verified {
                            object: old,
                            ports: None,
                            serials,
                        });
                    }
                }
            }
            None => {
                let (d, truncated) = desired();
                let mut annotations = over_capacity(&Default::default(), truncated);
                set_trigger(&mut annotations);
                let ep = Endpoints {
                    metadata: ObjectMeta {
                        name: k.1.clone().into(),
                        namespace: k.0.clone().into(),
                        labels: ep_labels,
                        annotations,
                        owner_references: vec![],
                        ..Default::default()
                    },
                    subsets: build(&d),
                };
                let _ = self.cluster_create(Object::Endpoints(Rc::new(ep)));
            }
        }
        cache.pods = facts;
        self.endpoint_facts.insert(k.clone(), cache);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subsets(sizes: &[(usize, usize)]) -> Vec<(usize, Vec<usize>, Vec<usize>)> {
        sizes
            .iter()
            .enumerate()
            .map(|(p, &(r, n))| (p, (0..r).collect(), (0..n).collect()))
            .collect()
    }

    fn sizes(d: &[(usize, Vec<usize>, Vec<usize>)]) -> Vec<(usize, usize)> {
        d.iter().map(|s| (s.1.len(), s.2.len())).collect()
    }

    #[test]
    fn r7_10_under_the_cap_nothing_is_cut() {
        let mut d = subsets(&[(600, 400)]);
        assert!(!truncate_subsets(&mut d));
        assert_eq!(sizes(&d), vec![(600, 400)]);
    }

    #[test]
    fn r7_10_not_ready_addresses_are_cut_first_in_proportion() {
        // 900 ready fit; 100 places left for 300 not-ready, shared 2:1
        // (ceil(200/300*100) = 67, then the 33 that are left).
        let mut d = subsets(&[(500, 200), (400, 100)]);
        assert!(truncate_subsets(&mut d));
        assert_eq!(sizes(&d), vec![(500, 67), (400, 33)]);
    }

    #[test]
    fn r7_10_too_many_ready_drops_every_not_ready_one() {
        // 1500 ready: each subset keeps ceil(share * 1000), the last what is left.
        let mut d = subsets(&[(1000, 5), (499, 0), (1, 7)]);
        assert!(truncate_subsets(&mut d));
        assert_eq!(sizes(&d), vec![(667, 0), (333, 0), (0, 0)]);
    }

    #[test]
    fn r7_10_addresses_sort_by_ip_bytes_then_uid() {
        let a = |ip: &str, uid: &str| EndpointAddress {
            ip: ip.into(),
            target_ref: Some(ObjectReference {
                uid: uid.into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        use std::cmp::Ordering::*;
        assert_eq!(
            less_address(&a("10.244.1.10", "z"), &a("10.244.1.9", "a")),
            Less
        );
        assert_eq!(less_address(&a("10.0.0.1", "a"), &a("10.0.0.1", "b")), Less);
        let none = EndpointAddress {
            ip: "10.0.0.1".into(),
            ..Default::default()
        };
        assert_eq!(less_address(&none, &a("10.0.0.1", "a")), Less);
    }

    #[test]
    fn r7_10_the_ip_key_orders_like_the_ip_bytes_and_defers_on_long_ties() {
        let ips = [
            "10.244.1.5",
            "10.244.1.50",
            "10.244.1.49",
            "10.244.10.5",
            "10.244.1.",
            "9.0.0.1",
            "fd00:10:244:1::1a",
            "fd00:10:244:1::1b",
            "fd00:10:244:1::1",
            "",
        ];
        for x in ips {
            for y in ips {
                let by_key = ip_key(x).cmp(&ip_key(y));
                let by_bytes = x.as_bytes().cmp(y.as_bytes());
                // The key decides whenever it differs, and always agrees
                // with the bytes; equal keys of different IPs only happen
                // when both fill the 16 bytes; the full comparison decides.
                if by_key.is_ne() {
                    assert_eq!(by_key, by_bytes, "{x} vs {y}");
                } else if x != y {
                    assert!(x.len() >= 16 && y.len() >= 16, "{x} vs {y}");
                }
            }
        }
    }

    #[test]
    fn r7_10_cutting_before_sorting_keeps_what_sorting_then_cutting_keeps() {
        // Pseudo-random keys (a fixed LCG), distinct, in every cut size.
        let mut x: u64 = 7;
        let keys: Vec<u64> = (0..300)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 20) * 1000 + i
            })
            .collect();
        let cmp = |a: &usize, b: &usize| keys[*a].cmp(&keys[*b]);
        for keep in [0, 1, 2, 150, 299, 300] {
            let mut full: Vec<usize> = (0..keys.len()).collect();
            crate::sort::sort_by(&mut full, cmp);
            full.truncate(keep);
            let mut v: Vec<usize> = (0..keys.len()).collect();
            sorted_prefix(&mut v, keep, cmp);
            assert_eq!(v, full, "keep {keep}");
        }
    }
}
