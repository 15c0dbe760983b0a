//! The cluster as the page draws it, derived from the engine once per
//! revision: each StatefulSet as a row of ordinal slots (Pod, claims,
//! volumes), the Services with their EndpointSlice entries, the nodes.
//! Every item carries its selection id (`pod/web-0`, `pvc/www-web-0` …)
//! and the ids it is linked to, so selecting one highlights the others.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::engine::controller::statefulset::identity::{parent_and_ordinal, REVISION_LABEL};
use crate::engine::kubelet::pod_columns;
use crate::engine::objects::{PersistentVolumeClaim, Pod, StatefulSet};
use crate::engine::{Engine, SimTime};

/// The namespaces the page shows (kube-system and friends are the cluster's own).
pub fn shown_namespace(ns: &str) -> bool {
    !ns.starts_with("kube-")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodState {
    Pending,
    Creating,
    Running,
    Ready,
    Terminating,
    Failed,
    Crashing,
    Unknown,
}

impl PodState {
    /// The CSS state class; CSS decides how each one looks and moves.
    pub fn class(self) -> &'static str {
        match self {
            PodState::Pending => "is-pending",
            PodState::Creating => "is-creating",
            PodState::Running => "is-running",
            PodState::Ready => "is-ready",
            PodState::Terminating => "is-terminating",
            PodState::Failed => "is-failed",
            PodState::Crashing => "is-crashing",
            PodState::Unknown => "is-unknown",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevState {
    /// No rollout in progress (current == update).
    Steady,
    /// Built from the update revision during a rollout.
    Updated,
    /// Still on the old revision during a rollout.
    Old,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodVm {
    pub id: String,
    pub name: String,
    pub namespace: String,
    pub status: String,
    pub ready: String,
    pub restarts: String,
    pub ip: String,
    pub node: String,
    pub revision: String,
    pub rev_state: RevState,
    pub state: PodState,
    /// `web-0.nginx.default.svc.cluster.local` when the Pod has a subdomain.
    pub fqdn: Option<String>,
    pub links: Vec<String>,
    /// A container has a readiness probe (so failing it means something).
    pub has_readiness: bool,
    /// The first container's name (for `kubectl set image`, `exec -c`).
    pub container: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimState {
    /// Mounted by its Pod.
    Attached,
    /// Its Pod is gone; the claim waits for it.
    Retained,
    /// Not bound yet (WaitForFirstConsumer, provisioning).
    Pending,
    Deleting,
}

impl ClaimState {
    pub fn class(self) -> &'static str {
        match self {
            ClaimState::Attached => "is-attached",
            ClaimState::Retained => "is-retained",
            ClaimState::Pending => "is-pending",
            ClaimState::Deleting => "is-deleting",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimOwner {
    None,
    Set(String),
    Pod(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimVm {
    pub id: String,
    pub name: String,
    pub phase: String,
    pub capacity: String,
    pub volume: String,
    pub node: String,
    pub pod: String,
    pub state: ClaimState,
    pub owner: ClaimOwner,
    pub links: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotVm {
    /// The Pod name this slot stands for (the key: identity outlives Pods).
    pub name: String,
    pub ordinal: i64,
    pub in_range: bool,
    pub pod: Option<Rc<PodVm>>,
    pub claims: Vec<Rc<ClaimVm>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetVm {
    pub id: String,
    pub name: String,
    pub namespace: String,
    pub replicas: i64,
    pub ready: i64,
    pub policy: String,
    pub strategy: String,
    pub partition: Option<i64>,
    pub when_deleted: String,
    pub when_scaled: String,
    pub service_name: String,
    /// A headless Service named `service_name` exists.
    pub service_ok: bool,
    pub current_revision: String,
    pub update_revision: String,
    pub images: Vec<(String, String)>,
    pub terminating: bool,
    pub slots: Vec<SlotVm>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpState {
    Ready,
    NotReady,
    Terminating,
}

impl EpState {
    pub fn class(self) -> &'static str {
        match self {
            EpState::Ready => "is-ready",
            EpState::NotReady => "is-not-ready",
            EpState::Terminating => "is-terminating",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointVm {
    pub key: String,
    pub ip: String,
    pub pod: String,
    pub hostname: Option<String>,
    pub node: String,
    pub state: EpState,
    /// DNS publishes it (ready, or publishNotReadyAddresses).
    pub published: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceVm {
    pub id: String,
    pub name: String,
    pub namespace: String,
    pub headless: bool,
    pub cluster_ip: String,
    pub selector: Option<String>,
    pub publish_not_ready: bool,
    pub ports: String,
    pub slices: Vec<String>,
    pub endpoints: Vec<EndpointVm>,
    pub used_by: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeVm {
    pub id: String,
    pub name: String,
    pub ready: bool,
    pub control_plane: bool,
    pub pods: Vec<Rc<PodVm>>,
    pub volumes: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterVm {
    pub sets: Vec<Rc<SetVm>>,
    pub services: Vec<Rc<ServiceVm>>,
    pub nodes: Vec<Rc<NodeVm>>,
    pub other_pods: Vec<Rc<PodVm>>,
    pub other_claims: Vec<Rc<ClaimVm>>,
    /// Names of shown objects, for linking them in console output.
    pub names: BTreeMap<String, String>,
    /// Pods by name, for the DNS lookup's "from" list and actions.
    pub pod_names: Vec<String>,
    pub node_names: Vec<String>,
}

impl ClusterVm {
    pub fn pod(&self, name: &str) -> Option<&Rc<PodVm>> {
        self.sets
            .iter()
            .flat_map(|s| s.slots.iter().filter_map(|sl| sl.pod.as_ref()))
            .chain(self.other_pods.iter())
            .find(|p| p.name == name)
    }
    pub fn set(&self, name: &str) -> Option<&Rc<SetVm>> {
        self.sets.iter().find(|s| s.name == name)
    }
    pub fn claim(&self, name: &str) -> Option<&Rc<ClaimVm>> {
        self.sets
            .iter()
            .flat_map(|s| s.slots.iter().flat_map(|sl| sl.claims.iter()))
            .chain(self.other_claims.iter())
            .find(|c| c.name == name)
    }
}

/// The ids linked to `sel`: what it links to and what links to it.
pub fn related(vm: &ClusterVm, sel: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut visit = |id: &str, links: &[String]| {
        if id == sel {
            out.extend(links.iter().cloned());
        } else if links.iter().any(|l| l == sel) {
            out.insert(id.to_string());
        }
    };
    for s in &vm.sets {
        for sl in &s.slots {
            if let Some(p) = &sl.pod {
                visit(&p.id, &p.links);
            }
            for c in &sl.claims {
                visit(&c.id, &c.links);
            }
        }
    }
    for p in &vm.other_pods {
        visit(&p.id, &p.links);
    }
    for c in &vm.other_claims {
        visit(&c.id, &c.links);
    }
    for svc in &vm.services {
        let links: Vec<String> = svc
            .endpoints
            .iter()
            .map(|e| format!("pod/{}", e.pod))
            .chain(svc.used_by.iter().map(|s| format!("sts/{s}")))
            .collect();
        visit(&svc.id, &links);
    }
    out.remove(sel);
    out
}

fn pod_state(p: &Pod, status: &str) -> PodState {
    if status == "Unknown" {
        return PodState::Unknown;
    }
    if p.metadata.is_terminating() {
        return PodState::Terminating;
    }
    if p.is_terminal() {
        return PodState::Failed;
    }
    match status {
        "CrashLoopBackOff"
        | "Error"
        | "ErrImagePull"
        | "ImagePullBackOff"
        | "OOMKilled"
        | "CreateContainerConfigError"
        | "InvalidImageName"
        | "RunContainerError" => return PodState::Crashing,
        "ContainerCreating" | "PodInitializing" => return PodState::Creating,
        _ => {}
    }
    if p.status.phase == "Running" {
        if p.is_ready() {
            PodState::Ready
        } else {
            PodState::Running
        }
    } else if status.starts_with("Init:") {
        PodState::Creating
    } else {
        PodState::Pending
    }
}

fn pod_vm(p: &Pod, now: SimTime, set: Option<&StatefulSet>) -> PodVm {
    let c = pod_columns(p, now);
    let state = pod_state(p, &c.status);
    let rev_label = p
        .metadata
        .labels
        .get(REVISION_LABEL)
        .cloned()
        .unwrap_or_default();
    let rev_state = match set {
        Some(s) if s.status.current_revision != s.status.update_revision => {
            if rev_label == s.status.update_revision {
                RevState::Updated
            } else {
                RevState::Old
            }
        }
        _ => RevState::Steady,
    };
    let revision = match set {
        Some(s) => rev_label
            .strip_prefix(&format!("{}-", s.metadata.name))
            .unwrap_or(&rev_label)
            .to_string(),
        None => rev_label,
    };
    let ns = &p.metadata.namespace;
    let fqdn = (!p.spec.subdomain.is_empty()).then(|| {
        let host = if p.spec.hostname.is_empty() {
            &p.metadata.name
        } else {
            &p.spec.hostname
        };
        format!("{host}.{}.{ns}.svc.cluster.local", p.spec.subdomain)
    });
    let mut links: Vec<String> = p.claim_names().map(|c| format!("pvc/{c}")).collect();
    if !p.spec.node_name.is_empty() {
        links.push(format!("node/{}", p.spec.node_name));
    }
    if let Some(s) = set {
        links.push(format!("sts/{}", s.metadata.name));
    }
    if !p.spec.subdomain.is_empty() {
        links.push(format!("svc/{}", p.spec.subdomain));
    }
    PodVm {
        id: format!("pod/{}", p.metadata.name),
        name: p.metadata.name.clone(),
        namespace: ns.clone(),
        status: c.status,
        ready: c.ready,
        restarts: c.restarts,
        ip: p.status.pod_ip.clone(),
        node: p.spec.node_name.clone(),
        revision,
        rev_state,
        state,
        fqdn,
        links,
        has_readiness: p
            .spec
            .containers
            .iter()
            .any(|c| c.readiness_probe.is_some()),
        container: p
            .spec
            .containers
            .first()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    }
}

fn claim_vm(e: &Engine, c: &PersistentVolumeClaim, pod: &str) -> ClaimVm {
    let store = e.store();
    let ns = &c.metadata.namespace;
    let volume = c.spec.volume_name.clone();
    let pv = (!volume.is_empty())
        .then(|| store.pvs.get("", &volume))
        .flatten();
    let node = pv.and_then(|v| v.pinned_node()).unwrap_or_default();
    let pod_obj = store.pods.get(ns, pod);
    let mounted = pod_obj.is_some_and(|p| p.claim_names().any(|n| n == c.metadata.name));
    let state = if c.metadata.is_terminating() {
        ClaimState::Deleting
    } else if c.status.phase != "Bound" {
        if mounted {
            ClaimState::Pending
        } else {
            ClaimState::Retained
        }
    } else if mounted {
        ClaimState::Attached
    } else {
        ClaimState::Retained
    };
    let owner = match c.metadata.controller_ref() {
        Some(o) if o.kind == "StatefulSet" => ClaimOwner::Set(o.name.clone()),
        Some(o) if o.kind == "Pod" => ClaimOwner::Pod(o.name.clone()),
        _ => ClaimOwner::None,
    };
    let capacity = c
        .status
        .capacity
        .get("storage")
        .cloned()
        .or_else(|| c.requested_storage())
        .unwrap_or_default();
    let mut links = vec![format!("pod/{pod}")];
    if !node.is_empty() {
        links.push(format!("node/{node}"));
    }
    if !volume.is_empty() {
        links.push(format!("pv/{volume}"));
    }
    ClaimVm {
        id: format!("pvc/{}", c.metadata.name),
        name: c.metadata.name.clone(),
        phase: if c.metadata.is_terminating() {
            "Terminating".into()
        } else {
            c.status.phase.clone()
        },
        capacity,
        volume,
        node,
        pod: pod.to_string(),
        state,
        owner,
        links,
    }
}

fn set_vm(e: &Engine, s: &StatefulSet, now: SimTime, used_claims: &mut BTreeSet<String>) -> SetVm {
    let store = e.store();
    let ns = &s.metadata.namespace;
    let name = &s.metadata.name;
    let start = s.start_ordinal();
    let end = s.end_ordinal();
    let templates: Vec<String> = s
        .spec
        .volume_claim_templates
        .iter()
        .map(|t| t.metadata.name.clone())
        .collect();
    let mut ordinals: BTreeSet<i64> = (start..=end).collect();
    let mut pods: BTreeMap<i64, &Pod> = BTreeMap::new();
    for p in store.pods.in_namespace(ns) {
        let (parent, o) = parent_and_ordinal(&p.metadata.name);
        let owned = p
            .metadata
            .controller_ref()
            .is_some_and(|r| r.kind == "StatefulSet" && r.name == *name);
        if parent == name && o >= 0 && (owned || p.metadata.controller_ref().is_none()) {
            ordinals.insert(o);
            pods.insert(o, p);
        }
    }
    let mut claims: BTreeMap<i64, Vec<&PersistentVolumeClaim>> = BTreeMap::new();
    for c in store.pvcs.in_namespace(ns) {
        for t in &templates {
            let Some(rest) = c.metadata.name.strip_prefix(&format!("{t}-{name}-")) else {
                continue;
            };
            if let Ok(o) = rest.parse::<i64>() {
                if rest.bytes().all(|b| b.is_ascii_digit()) {
                    ordinals.insert(o);
                    claims.entry(o).or_default().push(c);
                }
            }
        }
    }
    let slots = ordinals
        .into_iter()
        .map(|o| {
            let pod_name = format!("{name}-{o}");
            let claims = claims
                .remove(&o)
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    used_claims.insert(c.metadata.name.clone());
                    Rc::new(claim_vm(e, c, &pod_name))
                })
                .collect();
            SlotVm {
                in_range: o >= start && o <= end,
                ordinal: o,
                pod: pods.get(&o).map(|p| Rc::new(pod_vm(p, now, Some(s)))),
                claims,
                name: pod_name,
            }
        })
        .collect();
    let rolling = s.rolling_update();
    SetVm {
        id: format!("sts/{name}"),
        name: name.clone(),
        namespace: ns.clone(),
        replicas: s.replicas(),
        ready: s.status.ready_replicas,
        policy: s
            .spec
            .pod_management_policy
            .clone()
            .unwrap_or_else(|| "OrderedReady".into()),
        strategy: s.update_strategy_type().to_string(),
        partition: rolling.and_then(|r| r.partition).filter(|&p| p > 0),
        when_deleted: s.when_deleted().to_string(),
        when_scaled: s
            .spec
            .persistent_volume_claim_retention_policy
            .as_ref()
            .and_then(|p| p.when_scaled.clone())
            .unwrap_or_else(|| "Retain".into()),
        service_name: s.spec.service_name.clone(),
        service_ok: store
            .services
            .get(ns, &s.spec.service_name)
            .is_some_and(|svc| svc.is_headless()),
        current_revision: short_rev(name, &s.status.current_revision),
        update_revision: short_rev(name, &s.status.update_revision),
        images: s
            .spec
            .template
            .spec
            .containers
            .iter()
            .map(|c| (c.name.clone(), c.image.clone()))
            .collect(),
        terminating: s.metadata.is_terminating(),
        slots,
    }
}

fn short_rev(set: &str, rev: &str) -> String {
    rev.strip_prefix(&format!("{set}-"))
        .unwrap_or(rev)
        .to_string()
}

fn services(e: &Engine) -> Vec<Rc<ServiceVm>> {
    let store = e.store();
    let mut out = Vec::new();
    for svc in store.services.iter() {
        let ns = &svc.metadata.namespace;
        if !shown_namespace(ns) || (ns == "default" && svc.metadata.name == "kubernetes") {
            continue;
        }
        let name = &svc.metadata.name;
        let mut endpoints = Vec::new();
        let mut slices = Vec::new();
        for s in store.endpoint_slices.in_namespace(ns) {
            if s.metadata.labels.get("kubernetes.io/service-name") != Some(name) {
                continue;
            }
            slices.push(s.metadata.name.clone());
            for ep in s.endpoints.iter().flatten() {
                let c = &ep.conditions;
                let state = if c.terminating == Some(true) {
                    EpState::Terminating
                } else if c.serving.or(c.ready).unwrap_or(true) {
                    EpState::Ready
                } else {
                    EpState::NotReady
                };
                let pod = ep
                    .target_ref
                    .as_ref()
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                for ip in &ep.addresses {
                    endpoints.push(EndpointVm {
                        key: format!("{}/{ip}", s.metadata.name),
                        ip: ip.clone(),
                        pod: pod.clone(),
                        hostname: ep.hostname.clone(),
                        node: ep.node_name.clone().unwrap_or_default(),
                        state,
                        published: c.ready.unwrap_or(true),
                    });
                }
            }
        }
        endpoints.sort_by(|a, b| natural(&a.pod, &b.pod).then(a.ip.cmp(&b.ip)));
        let used_by = store
            .statefulsets
            .in_namespace(ns)
            .filter(|s| s.spec.service_name == *name)
            .map(|s| s.metadata.name.clone())
            .collect();
        out.push(Rc::new(ServiceVm {
            id: format!("svc/{name}"),
            name: name.clone(),
            namespace: ns.clone(),
            headless: svc.is_headless(),
            cluster_ip: svc.spec.cluster_ip.clone().unwrap_or_default(),
            selector: svc.spec.selector.as_ref().map(|m| {
                m.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            }),
            publish_not_ready: svc.publish_not_ready(),
            ports: svc
                .spec
                .ports
                .iter()
                .map(|p| {
                    if p.name.is_empty() {
                        p.port.to_string()
                    } else {
                        format!("{}:{}", p.name, p.port)
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            slices,
            endpoints,
            used_by,
        }));
    }
    out
}

/// Orders `web-2` before `web-10` (numeric suffixes compared as numbers).
pub fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let (pa, oa) = parent_and_ordinal(a);
    let (pb, ob) = parent_and_ordinal(b);
    if oa >= 0 && ob >= 0 && pa == pb {
        oa.cmp(&ob)
    } else {
        a.cmp(b)
    }
}

/// Builds the whole view model (called once per engine revision).
pub fn build(e: &Engine, now: SimTime) -> ClusterVm {
    let store = e.store();
    let mut used_claims = BTreeSet::new();
    let sets: Vec<Rc<SetVm>> = store
        .statefulsets
        .iter()
        .filter(|s| shown_namespace(&s.metadata.namespace))
        .map(|s| Rc::new(set_vm(e, s, now, &mut used_claims)))
        .collect();
    let mut set_pods: BTreeMap<(String, String), Rc<PodVm>> = BTreeMap::new();
    for s in &sets {
        for sl in &s.slots {
            if let Some(p) = &sl.pod {
                set_pods.insert((p.namespace.clone(), p.name.clone()), p.clone());
            }
        }
    }
    let mut other_pods = Vec::new();
    let mut by_node: BTreeMap<String, Vec<Rc<PodVm>>> = BTreeMap::new();
    for p in store.pods.iter() {
        let k = (p.metadata.namespace.clone(), p.metadata.name.clone());
        let vm = match set_pods.get(&k) {
            Some(vm) => vm.clone(),
            None => {
                let vm = Rc::new(pod_vm(p, now, None));
                if shown_namespace(&p.metadata.namespace) {
                    other_pods.push(vm.clone());
                }
                vm
            }
        };
        if !p.spec.node_name.is_empty() {
            by_node
                .entry(p.spec.node_name.clone())
                .or_default()
                .push(vm);
        }
    }
    let other_claims: Vec<Rc<ClaimVm>> = store
        .pvcs
        .iter()
        .filter(|c| {
            shown_namespace(&c.metadata.namespace) && !used_claims.contains(&c.metadata.name)
        })
        .map(|c| Rc::new(claim_vm(e, c, "")))
        .collect();
    let mut volumes: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for pv in store.pvs.iter() {
        if let Some(n) = pv.pinned_node() {
            let claim = pv
                .spec
                .claim_ref
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default();
            volumes
                .entry(n)
                .or_default()
                .push((pv.metadata.name.clone(), claim));
        }
    }
    let nodes: Vec<Rc<NodeVm>> = store
        .nodes
        .iter()
        .map(|n| {
            let name = n.metadata.name.clone();
            let mut pods = by_node.remove(&name).unwrap_or_default();
            pods.sort_by(|a, b| {
                shown_namespace(&b.namespace)
                    .cmp(&shown_namespace(&a.namespace))
                    .then(natural(&a.name, &b.name))
            });
            Rc::new(NodeVm {
                id: format!("node/{name}"),
                ready: n.is_ready(),
                control_plane: n
                    .metadata
                    .labels
                    .contains_key("node-role.kubernetes.io/control-plane"),
                pods,
                volumes: volumes.remove(&name).unwrap_or_default(),
                name,
            })
        })
        .collect();
    let services = services(e);
    let mut names = BTreeMap::new();
    for s in &sets {
        names.insert(s.name.clone(), s.id.clone());
        for sl in &s.slots {
            if let Some(p) = &sl.pod {
                names.insert(p.name.clone(), p.id.clone());
            }
            for c in &sl.claims {
                names.insert(c.name.clone(), c.id.clone());
            }
        }
    }
    for p in &other_pods {
        names.insert(p.name.clone(), p.id.clone());
    }
    for c in &other_claims {
        names.insert(c.name.clone(), c.id.clone());
    }
    for s in &services {
        names.insert(s.name.clone(), s.id.clone());
    }
    for n in &nodes {
        names.insert(n.name.clone(), n.id.clone());
    }
    let mut pod_names: Vec<String> = store
        .pods
        .iter()
        .filter(|p| shown_namespace(&p.metadata.namespace))
        .map(|p| p.metadata.name.clone())
        .collect();
    pod_names.sort_by(|a, b| natural(a, b));
    let node_names = nodes.iter().map(|n| n.name.clone()).collect();
    ClusterVm {
        sets,
        services,
        nodes,
        other_pods,
        other_claims,
        names,
        pod_names,
        node_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimDuration;
    use crate::view_model::session::{Input, Session};

    fn started() -> Session {
        let mut s = Session::new(1);
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: crate::view_model::examples::basics().yaml.into(),
        });
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
        s
    }

    #[test]
    fn slots_follow_identity_and_claims_stay_behind() {
        let mut s = started();
        s.tick(SimDuration::secs(120));
        let vm = build(s.engine(), s.clock());
        let web = vm.set("web").unwrap();
        assert_eq!(web.slots.len(), 2);
        assert_eq!(web.slots[0].name, "web-0");
        let p0 = web.slots[0].pod.as_ref().unwrap();
        assert_eq!(p0.state, PodState::Ready, "{p0:?}");
        assert_eq!(
            p0.fqdn.as_deref(),
            Some("web-0.nginx.default.svc.cluster.local")
        );
        assert_eq!(web.slots[0].claims[0].name, "www-web-0");
        assert_eq!(web.slots[0].claims[0].state, ClaimState::Attached);
        assert!(!web.slots[0].claims[0].node.is_empty());
        let svc = vm.services.iter().find(|s| s.name == "nginx").unwrap();
        assert!(svc.headless);
        assert_eq!(svc.endpoints.len(), 2);
        assert!(svc.endpoints.iter().all(|e| e.state == EpState::Ready));

        // Scale to 1: web-1 goes, its claim is retained in its slot.
        s.perform(Input::Run("kubectl scale sts web --replicas=1".into()));
        s.tick(SimDuration::secs(90));
        let vm = build(s.engine(), s.clock());
        let web = vm.set("web").unwrap();
        let slot1 = web.slots.iter().find(|sl| sl.ordinal == 1).unwrap();
        assert!(slot1.pod.is_none());
        assert!(!slot1.in_range);
        assert_eq!(slot1.claims[0].state, ClaimState::Retained);
        assert!(vm.names.contains_key("www-web-1"));
    }

    #[test]
    fn natural_order_puts_10_after_2() {
        let mut v = vec!["web-10", "web-2", "web-1"];
        v.sort_by(|a, b| natural(a, b));
        assert_eq!(v, ["web-1", "web-2", "web-10"]);
    }
}
