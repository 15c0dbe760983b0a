//! The cluster as the page draws it, derived from the engine once per
//! revision: each StatefulSet as a row of ordinal slots (Pod, claims,
//! volumes), the Services with their EndpointSlice entries, the nodes.
//! Every item carries its selection id (`pod/web-0`, `pvc/www-web-0` …)
//! and the ids it is linked to, so selecting one highlights the others.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use crate::engine::controller::statefulset::identity::{parent_and_ordinal, REVISION_LABEL};
use crate::engine::kubelet::pod_columns;
use crate::engine::objects::{
    EndpointSlice, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service, StatefulSet,
};
use crate::engine::{Engine, SimTime};
use crate::sort::CollectMap;

/// The namespaces the page shows (kube-system and friends are the cluster's own).
pub fn shown_namespace(ns: &str) -> bool {
    // kind's add-on namespaces: kube-system and the others, and the
    // local-path provisioner's.
    !ns.starts_with("kube-") && ns != "local-path-storage"
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
    /// The node preemption is freeing room on for this Pending Pod
    /// (`status.nominatedNodeName`).
    pub nominated: String,
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
    /// A HorizontalPodAutoscaler that targets the set: its name and bounds.
    pub autoscaler: Option<(String, i64, i64)>,
    pub slots: Vec<Rc<SlotVm>>,
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
    pub names: Rc<BTreeMap<String, String>>,
    /// Pods by name, for the DNS lookup's "from" list and actions.
    pub pod_names: Rc<Vec<String>>,
    pub node_names: Rc<Vec<String>>,
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

/// Keeps what the last build made, so the next one reuses every view model
/// whose objects did not change (the engine shares unchanged objects by
/// `Rc`, so "unchanged" is a pointer comparison). A build still walks the
/// store, which is cheap; what it allocates, and what Yew re-renders, is
/// proportional to what changed.
#[derive(Default)]
pub struct Cache {
    pods: HashMap<usize, PodEntry>,
    claims: HashMap<usize, ClaimEntry>,
    next_pods: HashMap<usize, PodEntry>,
    next_claims: HashMap<usize, ClaimEntry>,
    pv_nodes: HashMap<usize, (Rc<PersistentVolume>, Option<String>)>,
    prev: Option<Rc<ClusterVm>>,
    /// The objects behind each reused set, service and node view model.
    sets: HashMap<String, Rc<StatefulSet>>,
    services: HashMap<String, (Rc<Service>, Vec<Rc<EndpointSlice>>)>,
    nodes: HashMap<String, Rc<Node>>,
    names_sig: u64,
}

struct PodEntry {
    pod: Rc<Pod>,
    revs: Option<(String, String)>,
    vm: Rc<PodVm>,
}

struct ClaimEntry {
    claim: Rc<PersistentVolumeClaim>,
    pod: Option<Rc<Pod>>,
    pod_name: String,
    vm: Rc<ClaimVm>,
}

fn same<T>(a: Option<&Rc<T>>, b: Option<&Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_all<T>(a: &[Rc<T>], b: &[Rc<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Rc::ptr_eq(x, y))
}

/// FNV-1a over the names of everything shown: the links and completion
/// lists only change when this does.
fn names_signature(e: &Engine) -> u64 {
    let store = e.store();
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    };
    for p in store.pods.iter() {
        eat(&p.metadata.name);
    }
    for c in store.pvcs.iter() {
        eat(&c.metadata.name);
    }
    for st in store.statefulsets.iter() {
        eat(&st.metadata.name);
    }
    for sv in store.services.iter() {
        eat(&sv.metadata.name);
    }
    for n in store.nodes.iter() {
        eat(&n.metadata.name);
    }
    h
}

impl Cache {
    fn pod(&mut self, p: &Rc<Pod>, now: SimTime, set: Option<&StatefulSet>) -> Rc<PodVm> {
        let key = Rc::as_ptr(p) as usize;
        let revs = set.map(|s| {
            (
                s.status.current_revision.as_str(),
                s.status.update_revision.as_str(),
            )
        });
        if let Some(e) = self.pods.remove(&key) {
            let same_revs = match (&e.revs, revs) {
                (Some((a, b)), Some((c, d))) => a == c && b == d,
                (None, None) => true,
                _ => false,
            };
            if Rc::ptr_eq(&e.pod, p) && same_revs {
                let vm = e.vm.clone();
                self.next_pods.insert(key, e);
                return vm;
            }
        }
        if let Some(e) = self.next_pods.get(&key) {
            return e.vm.clone();
        }
        let vm = Rc::new(pod_vm(p, now, set));
        self.next_pods.insert(
            key,
            PodEntry {
                pod: p.clone(),
                revs: revs.map(|(a, b)| (a.to_string(), b.to_string())),
                vm: vm.clone(),
            },
        );
        vm
    }

    /// A claim's view model; `pod_obj` is its Pod if it exists. (Its
    /// volume only matters once bound, which changes the claim itself, and
    /// a volume's node never changes.)
    fn claim(
        &mut self,
        e: &Engine,
        c: &Rc<PersistentVolumeClaim>,
        pod: &str,
        pod_obj: Option<&Rc<Pod>>,
    ) -> Rc<ClaimVm> {
        let key = Rc::as_ptr(c) as usize;
        let pod_obj = pod_obj.cloned();
        if let Some(en) = self.claims.remove(&key) {
            if Rc::ptr_eq(&en.claim, c)
                && same(en.pod.as_ref(), pod_obj.as_ref())
                && en.pod_name == pod
            {
                let vm = en.vm.clone();
                self.next_claims.insert(key, en);
                return vm;
            }
        }
        let vm = Rc::new(claim_vm(e, c, pod));
        self.next_claims.insert(
            key,
            ClaimEntry {
                claim: c.clone(),
                pod: pod_obj,
                pod_name: pod.to_string(),
                vm: vm.clone(),
            },
        );
        vm
    }

    /// Builds the view model, reusing what did not change.
    pub fn build(&mut self, e: &Engine, now: SimTime) -> Rc<ClusterVm> {
        let prev = self.prev.take();
        let vm = Rc::new(build_with(self, prev.as_deref(), e, now));
        self.pods = std::mem::take(&mut self.next_pods);
        self.claims = std::mem::take(&mut self.next_claims);
        self.prev = Some(vm.clone());
        vm
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
        None => rev_label.to_string(),
    };
    let ns = &p.metadata.namespace;
    let fqdn = (!p.spec.subdomain.is_empty()).then(|| {
        let host = if p.spec.hostname.is_empty() {
            p.metadata.name.as_str()
        } else {
            p.spec.hostname.as_str()
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
        name: p.metadata.name.to_string(),
        namespace: ns.to_string(),
        status: c.status,
        ready: c.ready,
        // "2 (5s ago)" → "2": the card shows the count only, so it does
        // not depend on the clock and can be reused while the Pod is unchanged.
        restarts: c
            .restarts
            .split_whitespace()
            .next()
            .unwrap_or("0")
            .to_string(),
        ip: p.status.pod_ip.to_string(),
        node: p.spec.node_name.to_string(),
        nominated: p.status.nominated_node_name.to_string(),
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
        container: (p
            .spec
            .containers
            .first()
            .map(|c| c.name.clone())
            .unwrap_or_default())
        .to_string(),
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
    let mounted = pod_obj.is_some_and(|p| p.claim_names().any(|n| *n == c.metadata.name));
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
        Some(o) if o.kind == "StatefulSet" => ClaimOwner::Set(o.name.to_string()),
        Some(o) if o.kind == "Pod" => ClaimOwner::Pod(o.name.to_string()),
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
        name: c.metadata.name.to_string(),
        phase: if c.metadata.is_terminating() {
            "Terminating".into()
        } else {
            c.status.phase.to_string()
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

fn set_vm<'e>(
    cache: &mut Cache,
    prev: Option<&SetVm>,
    e: &'e Engine,
    s: &'e StatefulSet,
    now: SimTime,
    used_claims: &mut BTreeSet<&'e str>,
) -> SetVm {
    let store = e.store();
    let ns = &s.metadata.namespace;
    let name = &s.metadata.name;
    let start = s.start_ordinal();
    let end = s.end_ordinal();
    let templates: Vec<String> = s
        .spec
        .volume_claim_templates
        .iter()
        .map(|t| t.metadata.name.to_string())
        .collect();
    let mut ordinals: BTreeSet<i64> = (start..=end).collect_set();
    let mut pods: BTreeMap<i64, &Rc<Pod>> = BTreeMap::new();
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
    let mut claims: BTreeMap<i64, Vec<&Rc<PersistentVolumeClaim>>> = BTreeMap::new();
    let prefixes: Vec<String> = templates.iter().map(|t| format!("{t}-{name}-")).collect();
    for c in store.pvcs.in_namespace(ns) {
        for prefix in &prefixes {
            let Some(rest) = c.metadata.name.strip_prefix(prefix.as_str()) else {
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
    let mut prev_slots = prev.map(|p| p.slots.iter().peekable());
    let slots = ordinals
        .into_iter()
        .map(|o| {
            // The previous slot with this ordinal: reused below if nothing
            // in it changed. Its name is this slot's (`{set}-{ordinal}`),
            // so a kept slot costs no new string.
            let old = prev_slots.as_mut().and_then(|it| {
                while it.peek().is_some_and(|sl| sl.ordinal < o) {
                    it.next();
                }
                it.peek()
                    .filter(|sl| sl.ordinal == o)
                    .map(|sl| (*sl).clone())
            });
            let made;
            let pod_name = match &old {
                Some(sl) => sl.name.as_str(),
                None => {
                    made = format!("{name}-{o}");
                    made.as_str()
                }
            };
            let claims: Vec<Rc<ClaimVm>> = claims
                .remove(&o)
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    used_claims.insert(c.metadata.name.as_str());
                    cache.claim(e, c, pod_name, pods.get(&o).copied())
                })
                .collect();
            let pod = pods.get(&o).map(|p| cache.pod(p, now, Some(s)));
            let in_range = o >= start && o <= end;
            match old {
                Some(sl)
                    if sl.in_range == in_range
                        && same(sl.pod.as_ref(), pod.as_ref())
                        && same_all(&sl.claims, &claims) =>
                {
                    sl
                }
                _ => Rc::new(SlotVm {
                    in_range,
                    ordinal: o,
                    pod,
                    claims,
                    name: pod_name.to_string(),
                }),
            }
        })
        .collect();
    let rolling = s.rolling_update();
    SetVm {
        id: format!("sts/{name}"),
        name: name.to_string(),
        namespace: ns.to_string(),
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
            .map(|c| (c.name.to_string(), c.image.to_string()))
            .collect(),
        terminating: s.metadata.is_terminating(),
        autoscaler: autoscaler_of(e, ns, name),
        slots,
    }
}

/// The first HorizontalPodAutoscaler of the namespace whose target is
/// this StatefulSet: its name, `minReplicas` and `maxReplicas`.
fn autoscaler_of(e: &Engine, ns: &str, set: &str) -> Option<(String, i64, i64)> {
    e.store()
        .others
        .range(
            (
                crate::engine::objects::Kind::HorizontalPodAutoscaler,
                ns.to_string(),
                String::new(),
            )..,
        )
        .take_while(|((k, n, _), _)| {
            *k == crate::engine::objects::Kind::HorizontalPodAutoscaler && n == ns
        })
        .find_map(|((_, _, name), h)| {
            let spec = h.rest.get("spec")?;
            let target = &spec["scaleTargetRef"];
            (target["kind"] == "StatefulSet" && target["name"] == set).then(|| {
                (
                    name.clone(),
                    spec["minReplicas"].as_i64().unwrap_or(1),
                    spec["maxReplicas"].as_i64().unwrap_or(0),
                )
            })
        })
}

fn short_rev(set: &str, rev: &str) -> String {
    rev.strip_prefix(&format!("{set}-"))
        .unwrap_or(rev)
        .to_string()
}

/// The EndpointSlices of a Service (by their `kubernetes.io/service-name` label).
fn slices_of(e: &Engine, svc: &Service) -> Vec<Rc<EndpointSlice>> {
    e.store()
        .endpoint_slices
        .in_namespace(&svc.metadata.namespace)
        .filter(|s| {
            s.metadata
                .labels
                .get("kubernetes.io/service-name")
                .map(|v| v.as_str())
                == Some(svc.metadata.name.as_str())
        })
        .cloned()
        .collect()
}

/// The StatefulSets that name this Service as their `serviceName`.
fn used_by(e: &Engine, svc: &Service) -> Vec<String> {
    e.store()
        .statefulsets
        .in_namespace(&svc.metadata.namespace)
        .filter(|s| s.spec.service_name == svc.metadata.name)
        .map(|s| s.metadata.name.to_string())
        .collect()
}

fn service_vm(svc: &Service, slice_objs: &[Rc<EndpointSlice>], used_by: Vec<String>) -> ServiceVm {
    {
        let ns = &svc.metadata.namespace;
        let name = &svc.metadata.name;
        let mut endpoints = Vec::new();
        let mut slices = Vec::new();
        for s in slice_objs {
            slices.push(s.metadata.name.to_string());
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
                        ip: ip.to_string(),
                        pod: pod.to_string(),
                        hostname: ep.hostname.as_ref().map(|h| h.to_string()),
                        node: ep.node_name.as_deref().unwrap_or_default().to_string(),
                        state,
                        published: c.ready.unwrap_or(true),
                    });
                }
            }
        }
        crate::sort::sort_by(&mut endpoints, |a, b| {
            natural(&a.pod, &b.pod).then(a.ip.cmp(&b.ip))
        });
        ServiceVm {
            id: format!("svc/{name}"),
            name: name.to_string(),
            namespace: ns.to_string(),
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
        }
    }
}

/// Orders `web-2` before `web-10` (numeric suffixes compared as numbers).
pub fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    fn split(s: &str) -> (&str, &str) {
        let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
        s.split_at(s.len() - digits)
    }
    let (ha, ta) = split(a);
    let (hb, tb) = split(b);
    if !ta.is_empty() && !tb.is_empty() && ha == hb {
        ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
    } else {
        a.cmp(b)
    }
}

/// Builds the whole view model from scratch (see `Cache::build`).
pub fn build(e: &Engine, now: SimTime) -> ClusterVm {
    let vm = Cache::default().build(e, now);
    Rc::try_unwrap(vm).unwrap_or_else(|rc| (*rc).clone())
}

fn build_with(cache: &mut Cache, prev: Option<&ClusterVm>, e: &Engine, now: SimTime) -> ClusterVm {
    let store = e.store();
    let mut used_claims = BTreeSet::new();
    let mut kept_sets = HashMap::new();
    let sets: Vec<Rc<SetVm>> = store
        .statefulsets
        .iter()
        .filter(|s| shown_namespace(&s.metadata.namespace))
        .map(|s| {
            let id = format!("sts/{}", s.metadata.name);
            let old = prev.and_then(|p| {
                p.sets
                    .iter()
                    .find(|v| v.id == id && v.namespace == s.metadata.namespace)
            });
            let vm = set_vm(cache, old.map(|o| &**o), e, s, now, &mut used_claims);
            // Compared by value: besides the set and its slots (equal
            // slots are the same `Rc`, a pointer comparison), the set's
            // view model depends on its Service (`service_ok`).
            let unchanged = old.filter(|o| ***o == vm);
            kept_sets.insert(id, s.clone());
            match unchanged {
                Some(o) => o.clone(),
                None => Rc::new(vm),
            }
        })
        .collect();
    cache.sets = kept_sets;
    let mut other_pods = Vec::new();
    let mut by_node: BTreeMap<&str, Vec<Rc<PodVm>>> = BTreeMap::new();
    for p in store.pods.iter() {
        // Pods the sets showed are already in the cache, built with their set.
        let of_set = cache
            .next_pods
            .get(&(Rc::as_ptr(p) as usize))
            .filter(|en| en.revs.is_some())
            .map(|en| en.vm.clone());
        let vm = match of_set {
            Some(vm) => vm,
            None => {
                let vm = cache.pod(p, now, None);
                if shown_namespace(&p.metadata.namespace) {
                    other_pods.push(vm.clone());
                }
                vm
            }
        };
        if !p.spec.node_name.is_empty() {
            by_node
                .entry(p.spec.node_name.as_str())
                .or_default()
                .push(vm);
        }
    }
    let other_claims: Vec<Rc<ClaimVm>> = store
        .pvcs
        .iter()
        .filter(|c| {
            shown_namespace(&c.metadata.namespace)
                && !used_claims.contains(c.metadata.name.as_str())
        })
        .map(|c| cache.claim(e, c, "", None))
        .collect();
    let mut pv_nodes = HashMap::new();
    for pv in store.pvs.iter() {
        let key = Rc::as_ptr(pv) as usize;
        let node = match cache.pv_nodes.remove(&key) {
            Some((obj, n)) if Rc::ptr_eq(&obj, pv) => n,
            _ => pv.pinned_node(),
        };
        pv_nodes.insert(key, (pv.clone(), node));
    }
    // (volume, claim) by node, borrowed: strings are made only for a node
    // whose volumes changed.
    let mut volumes: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for pv in store.pvs.iter() {
        let node = pv_nodes
            .get(&(Rc::as_ptr(pv) as usize))
            .and_then(|(_, n)| n.as_deref());
        if let Some(n) = node {
            let claim = pv.spec.claim_ref.as_ref().map_or("", |c| c.name.as_str());
            volumes
                .entry(n)
                .or_default()
                .push((pv.metadata.name.as_str(), claim));
        }
    }
    let mut kept_nodes = HashMap::new();
    let nodes: Vec<Rc<NodeVm>> = store
        .nodes
        .iter()
        .map(|n| {
            let name = n.metadata.name.clone();
            let mut pods = by_node.remove(name.as_str()).unwrap_or_default();
            crate::sort::sort_by(&mut pods, |a, b| {
                shown_namespace(&b.namespace)
                    .cmp(&shown_namespace(&a.namespace))
                    .then(natural(&a.name, &b.name))
            });
            let volumes = volumes.remove(name.as_str()).unwrap_or_default();
            let old = prev
                .and_then(|p| p.nodes.iter().find(|v| v.name == name))
                .filter(|o| {
                    cache
                        .nodes
                        .get(name.as_str())
                        .is_some_and(|obj| Rc::ptr_eq(obj, n))
                        && same_all(&o.pods, &pods)
                        && o.volumes.len() == volumes.len()
                        && o.volumes
                            .iter()
                            .zip(&volumes)
                            .all(|((v, c), (w, d))| v == w && c == d)
                });
            kept_nodes.insert(name.to_string(), n.clone());
            match old {
                Some(o) => o.clone(),
                None => Rc::new(NodeVm {
                    id: format!("node/{name}"),
                    ready: n.is_ready(),
                    control_plane: n
                        .metadata
                        .labels
                        .contains_key("node-role.kubernetes.io/control-plane"),
                    pods,
                    volumes: volumes
                        .iter()
                        .map(|(v, c)| (v.to_string(), c.to_string()))
                        .collect(),
                    name: name.to_string(),
                }),
            }
        })
        .collect();
    cache.nodes = kept_nodes;
    cache.pv_nodes = pv_nodes;
    let mut kept_services = HashMap::new();
    let services: Vec<Rc<ServiceVm>> = store
        .services
        .iter()
        .filter(|svc| {
            let ns = &svc.metadata.namespace;
            shown_namespace(ns) && !(ns == "default" && svc.metadata.name == "kubernetes")
        })
        .map(|svc| {
            let key = format!("{}/{}", svc.metadata.namespace, svc.metadata.name);
            let slices = slices_of(e, svc);
            let used_by = used_by(e, svc);
            let old = prev
                .and_then(|p| {
                    p.services.iter().find(|v| {
                        v.name == svc.metadata.name && v.namespace == svc.metadata.namespace
                    })
                })
                .filter(|o| {
                    o.used_by == used_by
                        && cache
                            .services
                            .get(&key)
                            .is_some_and(|(o, sl)| Rc::ptr_eq(o, svc) && same_all(sl, &slices))
                });
            let vm = match old {
                Some(o) => o.clone(),
                None => Rc::new(service_vm(svc, &slices, used_by)),
            };
            kept_services.insert(key, (svc.clone(), slices));
            vm
        })
        .collect();
    cache.services = kept_services;
    let sig = names_signature(e);
    let (names, pod_names, node_names) = match prev.filter(|_| cache.names_sig == sig) {
        Some(p) => (p.names.clone(), p.pod_names.clone(), p.node_names.clone()),
        None => {
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
                .map(|p| p.metadata.name.to_string())
                .collect();
            crate::sort::sort_by(&mut pod_names, |a, b| natural(a, b));
            let node_names: Vec<String> = nodes.iter().map(|n| n.name.clone()).collect();
            (Rc::new(names), Rc::new(pod_names), Rc::new(node_names))
        }
    };
    cache.names_sig = sig;
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
        assert_eq!(web.slots.len(), 3);
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
        assert_eq!(svc.endpoints.len(), 3);
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
    fn a_set_names_the_autoscaler_that_targets_it() {
        let mut s = started();
        s.tick(SimDuration::secs(60));
        let mut cache = Cache::default();
        let mut autoscaler = |s: &Session| {
            cache
                .build(s.engine(), s.clock())
                .set("web")
                .unwrap()
                .autoscaler
                .clone()
        };
        assert_eq!(autoscaler(&s), None);
        s.perform(Input::Run(
            "kubectl autoscale sts web --min=4 --max=6".into(),
        ));
        s.tick(SimDuration::secs(1));
        assert_eq!(autoscaler(&s), Some(("web".to_string(), 4, 6)));
        s.perform(Input::Run("kubectl delete hpa web".into()));
        s.tick(SimDuration::secs(1));
        assert_eq!(autoscaler(&s), None);
    }

    #[test]
    fn a_cached_build_reuses_what_did_not_change_and_sees_what_did() {
        let mut s = started();
        s.tick(SimDuration::secs(120));
        let mut cache = Cache::default();
        let first = cache.build(s.engine(), s.clock());
        let again = cache.build(s.engine(), s.clock());
        assert!(Rc::ptr_eq(&first.sets[0], &again.sets[0]));
        assert!(Rc::ptr_eq(&first.services[0], &again.services[0]));
        assert_eq!(*first, build(s.engine(), s.clock()));

        // The Service goes; the StatefulSet object itself does not change,
        // but what the page says of it does.
        assert!(first.set("web").unwrap().service_ok);
        s.perform(Input::Run("kubectl delete svc nginx".into()));
        s.tick(SimDuration::secs(1));
        let vm = cache.build(s.engine(), s.clock());
        assert!(!vm.set("web").unwrap().service_ok);
        assert_eq!(*vm, build(s.engine(), s.clock()));
        // Its Pods did not change: their view models are the same.
        let p0 = |vm: &ClusterVm| vm.pod("web-0").unwrap().clone();
        assert!(Rc::ptr_eq(&p0(&first), &p0(&vm)));

        // A second set naming an existing Service is listed as its user.
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
        s.tick(SimDuration::secs(5));
        let before = cache.build(s.engine(), s.clock());
        assert_eq!(before.services.len(), 1);
        s.perform(Input::File {
            path: "db.yaml".into(),
            text: crate::view_model::examples::basics()
                .yaml
                .replace("name: web", "name: db"),
        });
        s.perform(Input::Run("kubectl apply -f db.yaml".into()));
        s.tick(SimDuration::secs(1));
        let vm = cache.build(s.engine(), s.clock());
        assert_eq!(*vm, build(s.engine(), s.clock()));
        assert!(
            vm.services[0].used_by.contains(&"db".to_string()),
            "{:?}",
            vm.services[0].used_by
        );
    }

    /// A Pod preemption makes room for shows the node it is nominated to
    /// until it is bound there.
    #[test]
    fn a_nominated_pod_shows_its_node_until_bound() {
        let mut s = Session::new(1);
        let pod = |name: &str, node: &str, class: &str, cpu: &str| {
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  {node}{class}containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, sleep 3600]\n    resources: {{requests: {{cpu: \"{cpu}\"}}}}\n")
        };
        let mut yaml = String::from("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n");
        for (i, n) in ["ordinal-worker", "ordinal-worker2", "ordinal-worker3"]
            .iter()
            .enumerate()
        {
            yaml.push_str("---\n");
            yaml.push_str(&pod(
                &format!("low{i}"),
                &format!("nodeName: {n}\n  "),
                "",
                "3",
            ));
        }
        s.perform(Input::File {
            path: "a.yaml".into(),
            text: yaml,
        });
        s.perform(Input::File {
            path: "db.yaml".into(),
            text: pod("db", "", "priorityClassName: high\n  ", "2"),
        });
        s.perform(Input::Run("kubectl apply -f a.yaml && sleep 20".into()));
        s.perform(Input::Run("kubectl apply -f db.yaml && sleep 2".into()));
        let vm = build(s.engine(), s.clock());
        let db = vm.pod("db").unwrap();
        assert!(db.node.is_empty(), "{db:?}");
        assert!(db.nominated.starts_with("ordinal-worker"), "{db:?}");
        s.perform(Input::Run("sleep 40".into()));
        let vm = build(s.engine(), s.clock());
        let db = vm.pod("db").unwrap();
        assert!(db.nominated.is_empty(), "{db:?}");
        assert!(db.node.starts_with("ordinal-worker"), "{db:?}");
    }

    #[test]
    fn natural_order_puts_10_after_2() {
        let mut v = vec!["web-10", "web-2", "web-1"];
        v.sort_by(|a, b| natural(a, b));
        assert_eq!(v, ["web-1", "web-2", "web-10"]);
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    use crate::engine::SimDuration;
    use crate::view_model::session::{Input, Session};

    #[test]
    #[ignore]
    fn build_parts_with_300_pods() {
        let yaml = crate::view_model::examples::by_id("parallel")
            .unwrap()
            .yaml
            .replace("replicas: 4", "replicas: 300");
        let mut s = Session::new(1);
        s.perform(Input::File {
            path: "p.yaml".into(),
            text: yaml,
        });
        s.perform(Input::Run("kubectl apply -f p.yaml".into()));
        s.tick(SimDuration::secs(60));
        let e = s.engine();
        let now = s.clock();
        let t = std::time::Instant::now();
        for p in e.store().pods.iter() {
            std::hint::black_box(pod_columns(p, now));
        }
        eprintln!("pod_columns {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for p in e.store().pods.iter() {
            std::hint::black_box(pod_vm(p, now, None));
        }
        eprintln!("pod_vm {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for c in e.store().pvcs.iter() {
            std::hint::black_box(claim_vm(e, c, "x"));
        }
        eprintln!("claim_vm {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for pv in e.store().pvs.iter() {
            std::hint::black_box(pv.pinned_node());
        }
        eprintln!("pinned_node x{} {:?}", e.store().pvs.len(), t.elapsed());
        let t = std::time::Instant::now();
        let mut names: Vec<String> = e
            .store()
            .pods
            .iter()
            .map(|p| p.metadata.name.to_string())
            .collect();
        names.sort_by(|a, b| natural(a, b));
        eprintln!("natural sort {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for svc in e.store().services.iter() {
            std::hint::black_box(service_vm(svc, &slices_of(e, svc), used_by(e, svc)));
        }
        eprintln!("services {:?}", t.elapsed());
        let t = std::time::Instant::now();
        std::hint::black_box(build(e, now));
        eprintln!("build {:?}", t.elapsed());
        let mut cache = Cache::default();
        let first = cache.build(e, now);
        let again = cache.build(e, now);
        assert!(
            Rc::ptr_eq(&first.sets[0], &again.sets[0]),
            "an unchanged set is reused"
        );
        s.tick(SimDuration::ms(256));
        let t = std::time::Instant::now();
        std::hint::black_box(cache.build(s.engine(), s.clock()));
        eprintln!("cached build after a tick {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for _ in 0..200 {
            s.tick(SimDuration::ms(100));
            std::hint::black_box(cache.build(s.engine(), s.clock()));
        }
        eprintln!("200 ticks with builds {:?}", t.elapsed());
        // What a revision costs when nothing the page shows changed.
        let t = std::time::Instant::now();
        for _ in 0..1000 {
            std::hint::black_box(cache.build(s.engine(), s.clock()));
        }
        eprintln!("cached build, nothing changed {:?}", t.elapsed() / 1000);
    }
}
