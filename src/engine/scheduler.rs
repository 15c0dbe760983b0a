//! A simple kube-scheduler: filters nodes (Ready, schedulable, taints
//! tolerated, nodeSelector, required node affinity, host ports, resource
//! requests and Pod count against the node's allocatable, volumes,
//! required Pod anti-affinity on hostname), scores by how few Pods a node
//! runs (spreading, ties broken by the seeded PRNG), and binds. Volumes
//! follow the VolumeBinding plugin: a bound volume's node affinity must
//! admit the node; an unbound WaitForFirstConsumer claim needs a static
//! volume the node may use (which the scheduler then pre-binds) or a class
//! that can provision there (the node is written on the claim,
//! `volume.kubernetes.io/selected-node`); the Pod is bound once the PV
//! controller has bound its claims (R6.7). Failures become
//! `FailedScheduling` events in the scheduler's words, and are retried
//! when the cluster changes: a node change, a volume for the VolumeBinding
//! plugin, or an assigned Pod going away for the plugins whose queueing
//! hints say it may help (NodeResourcesFit, NodePorts, InterPodAffinity).
//! A Pod of higher priority that fits nowhere may preempt Pods of lower
//! priority (`preemption.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::objects::*;
use super::resources::{fit_reasons, Resource};
use super::store::{key, ChangeOp, Key};
use super::{Engine, Wakeup};

mod preemption;
pub use preemption::Nominated;
use preemption::PostFilter;

pub const SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";

#[derive(Clone, Debug, Default)]
pub struct SchedulerState {
    /// Pods with a scheduling attempt queued (by uid).
    pub queued: BTreeSet<String>,
    /// Pods that could not be placed (uid, and when they were put aside:
    /// the retry after `podMaxInUnschedulablePodsDuration` checks it is
    /// still that time), retried when nodes or claims change.
    pub unschedulable: BTreeMap<Key, (String, super::time::SimTime)>,
    /// Those of them the VolumeBinding plugin turned down: a volume's
    /// creation or change may place them (its queueing hint), not others'.
    pub unschedulable_for_volumes: BTreeSet<Key>,
    /// Pods waiting for their claims to bind on the chosen node.
    pub binding: BTreeMap<Key, (String, String)>,
    /// Claim → the waiting Pod that uses it (so a claim change looks at one Pod).
    pub binding_claims: BTreeMap<Key, Key>,
    /// Unschedulable Pods that plugins with an assigned-Pod-deletion
    /// queueing hint turned down, with those plugins (`REJECTED_BY_*`).
    pub unschedulable_for_pods: BTreeMap<Key, u8>,
    /// The scheduler cache's view of each node (`NodeInfo`): the
    /// non-terminal Pods bound there and what they request.
    pub nodes: BTreeMap<String, NodeInfo>,
    /// The Pods counted in `nodes`, by uid: their node and requests.
    pub assigned: BTreeMap<RcStr, (RcStr, Rc<Resource>)>,
    /// How many of those Pods hold each priority: preemption looks for
    /// victims only when some Pod has a lower priority than the one that
    /// did not fit (in most clusters every user Pod has priority 0, and a
    /// Pod of priority 0 that fits nowhere then costs no scan of the Pods).
    pub assigned_priorities: BTreeMap<i32, usize>,
    /// The nominator: Pods preemption made room for, until they are bound
    /// or gone.
    pub nominated: BTreeMap<Key, Nominated>,
}

/// Why no node took a Pod: the filters' message (`0/4 nodes are
/// available: …`), the plugins with an assigned-Pod queueing hint that
/// turned nodes down (`REJECTED_BY_*`), and the PostFilters' verdict.
struct Unplaced {
    filters: String,
    plugins: u8,
    post: PostFilter,
}

/// NodeResourcesFit: any assigned Pod deleted may free what was missing.
const REJECTED_BY_FIT: u8 = 1;
/// NodePorts: an assigned Pod holding one of the wanted host ports deleted.
const REJECTED_BY_PORTS: u8 = 2;
/// InterPodAffinity: an assigned Pod the anti-affinity terms match deleted.
const REJECTED_BY_ANTI_AFFINITY: u8 = 4;

/// What the scheduler cache holds for one node.
#[derive(Clone, Debug, Default)]
pub struct NodeInfo {
    /// Non-terminal Pods bound to the node, or assumed there while their
    /// volumes bind (`len(nodeInfo.Pods)`).
    pub pods: usize,
    /// The sum of their requests (`nodeInfo.Requested`).
    pub requested: Resource,
    /// The node's allocatable as last read, with the version it was read
    /// from (an unchanged node keeps its `Rc`).
    alloc: Option<(Rc<Node>, Resource)>,
}

impl NodeInfo {
    fn allocatable(&self, n: &Rc<Node>) -> Option<&Resource> {
        self.alloc
            .as_ref()
            .filter(|(seen, _)| Rc::ptr_eq(seen, n))
            .map(|(_, r)| r)
    }
}

fn node_allocatable(n: &Node) -> Resource {
    Resource::allocatable(&n.status.allocatable, &n.status.capacity)
}

/// One node's Filter verdict: the reasons, and whether the plugin said
/// `Unschedulable` (removing Pods might help: preemption looks at the
/// node) rather than `UnschedulableAndUnresolvable`.
struct NodeStatus {
    reasons: Vec<String>,
    resolvable: bool,
    /// Which plugin (`REJECTED_BY_*`, 0 for the others).
    plugin: u8,
}

/// `Preemption is not helpful for scheduling`: the status preemption gives
/// the nodes it does not try.
const PREEMPTION_NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
/// `SelectVictimsOnNode` on a node without a Pod of lower priority.
const NO_VICTIMS: &str = "No preemption victims found for incoming pod";

/// TaintToleration's reason since 1.35 (kubernetes#134740, also in
/// 1.34.2): the taint's key and value went to the scheduler's log, as
/// they may be sensitive; the message no longer names them.
const UNTOLERATED_TAINT: &str = "node(s) had untolerated taint(s)";

/// The first PostFilter's word: DynamicResources (DRA, on by default
/// since 1.34) runs before preemption and, for a Pod that uses no
/// ResourceClaims, has nothing to deallocate; `RunPostFilterPlugins`
/// joins its reason and preemption's with ", ". Real 1.35 events read
/// `… 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1
/// nodes are available: 1 No preemption victims found for incoming pod.`
const NO_CLAIMS_TO_DEALLOCATE: &str = "no new claims to deallocate";

/// `FitError.Error()`'s histogram: each reason with its node count,
/// sorted as strings.
fn histogram<'a>(reasons: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reasons {
        *counts.entry(r).or_default() += 1;
    }
    let mut parts: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::sort::sort(&mut parts);
    parts.join(", ")
}

/// NodeUnschedulable: a Pod that tolerates the cordon's taint (a
/// DaemonSet's) may still go to a cordoned node.
fn tolerates_unschedulable(p: &Pod) -> bool {
    tolerates(
        p,
        &cluster::Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        },
    )
}

fn tolerates(p: &Pod, t: &cluster::Taint) -> bool {
    p.spec.tolerations.iter().any(|tol| tol.tolerates(t))
}

/// The first NoSchedule or NoExecute taint of the node the Pod does not
/// tolerate, in the node's order (`kubectl taint` puts new ones first).
fn untolerated<'n>(p: &Pod, n: &'n Node) -> Option<&'n cluster::Taint> {
    n.spec
        .taints
        .iter()
        .find(|t| (t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(p, t))
}

/// The entry of each node in a map by node name, in the order of `nodes`
/// (both in name order: one pass, no lookup per node).
fn join_by_name<'m, T>(nodes: &[Rc<Node>], map: &'m BTreeMap<String, T>) -> Vec<Option<&'m T>> {
    let mut entries = map.iter().peekable();
    nodes
        .iter()
        .map(|n| {
            let name = n.metadata.name.as_str();
            // One comparison per step (the same walk as skipping the
            // smaller names, then taking an equal one).
            while let Some((k, v)) = entries.peek() {
                match k.as_str().cmp(name) {
                    std::cmp::Ordering::Less => {
                        entries.next();
                    }
                    std::cmp::Ordering::Equal => {
                        let v = *v;
                        entries.next();
                        return Some(v);
                    }
                    std::cmp::Ordering::Greater => return None,
                }
            }
            None
        })
        .collect()
}

/// NodeAffinity (`GetRequiredNodeAffinity(pod).Match(node)`): without a
/// required node affinity every node; otherwise one of its terms holds.
/// NodeAffinity's Filter (`GetRequiredNodeAffinity(pod).Match(node)`):
/// the Pod's nodeSelector and its required node affinity.
pub(crate) fn node_selector_ok(p: &Pod, n: &Node) -> bool {
    super::objects::meta::map_matches(&p.spec.node_selector, &n.metadata.labels)
        && node_affinity_ok(p, n)
}

fn node_affinity_ok(p: &Pod, n: &Node) -> bool {
    let Some(terms) = p
        .spec
        .affinity
        .as_ref()
        .and_then(|a| {
            a.pointer(
                "/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms",
            )
        })
        .and_then(Value::as_array)
    else {
        return true;
    };
    terms.iter().any(|t| node_selector_term_matches(t, n))
}

/// One `NodeSelectorTerm` (`nodeaffinity`): every `matchExpressions`
/// requirement holds on the node's labels and every `matchFields` one on
/// its name; a term with neither matches no node.
fn node_selector_term_matches(term: &Value, n: &Node) -> bool {
    let exprs = term
        .get("matchExpressions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let fields = term
        .get("matchFields")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if exprs.is_empty() && fields.is_empty() {
        return false;
    }
    let holds = |e: &Value, have: Option<&str>| {
        let values: Vec<&str> = e
            .get("values")
            .and_then(Value::as_array)
            .map(|v| v.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let number = |s: &str| s.parse::<i64>().ok();
        match e.get("operator").and_then(Value::as_str).unwrap_or("") {
            "In" => have.is_some_and(|v| values.contains(&v)),
            "NotIn" => have.is_none_or(|v| !values.contains(&v)),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            op @ ("Gt" | "Lt") => {
                match (
                    have.and_then(number),
                    values.first().and_then(|v| number(v)),
                ) {
                    (Some(h), Some(w)) => (op == "Gt" && h > w) || (op == "Lt" && h < w),
                    _ => false,
                }
            }
            _ => false,
        }
    };
    exprs.iter().all(|e| {
        let k = e.get("key").and_then(Value::as_str).unwrap_or("");
        holds(e, n.metadata.labels.get(k).map(RcStr::as_str))
    }) && fields.iter().all(|e| {
        let k = e.get("key").and_then(Value::as_str).unwrap_or("");
        holds(
            e,
            (k == "metadata.name").then_some(n.metadata.name.as_str()),
        )
    })
}

/// `CheckNodeAffinity`: a volume's required node affinity admits the node
/// (its terms are ORed).
pub(crate) fn volume_node_affinity_ok(v: &PersistentVolume, n: &Node) -> bool {
    let Some(required) = v
        .spec
        .node_affinity
        .as_ref()
        .and_then(|a| a.get("required"))
        .filter(|r| !r.is_null())
    else {
        return true;
    };
    required
        .get("nodeSelectorTerms")
        .and_then(Value::as_array)
        .is_some_and(|terms| terms.iter().any(|t| node_selector_term_matches(t, n)))
}

/// `MatchTopologySelectorTerms`: no terms admit every node; otherwise one
/// term's `matchLabelExpressions` all hold on the node's labels.
fn topology_allows(terms: Option<&Value>, n: &Node) -> bool {
    let Some(terms) = terms.and_then(Value::as_array).filter(|t| !t.is_empty()) else {
        return true;
    };
    terms.iter().any(|t| {
        t.get("matchLabelExpressions")
            .and_then(Value::as_array)
            .is_some_and(|exprs| {
                exprs.iter().all(|e| {
                    let k = e.get("key").and_then(Value::as_str).unwrap_or("");
                    n.metadata.labels.get(k).is_some_and(|have| {
                        e.get("values")
                            .and_then(Value::as_array)
                            .is_some_and(|vs| vs.iter().any(|v| v.as_str() == Some(have.as_str())))
                    })
                })
            })
    })
}

/// `ErrReasonBindConflict`.
const BIND_CONFLICT: &str = "node(s) didn't find available persistent volumes to bind";
/// `ErrReasonNodeConflict`, as 1.33+ words it (until 1.32 it was "node(s)
/// had volume node affinity conflict", the phrase most blog posts quote).
const NODE_CONFLICT: &str = "node(s) didn't match PersistentVolume's node affinity";
/// `ErrReasonPVNotExist`.
const PV_NOT_EXIST: &str =
    "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

/// A Pod's claims as the VolumeBinding plugin sorts them in PreFilter.
struct PodClaims {
    bound: Vec<Rc<PersistentVolumeClaim>>,
    /// Unbound WaitForFirstConsumer claims (not naming a volume).
    delayed: Vec<DelayedClaim>,
}

/// An unbound WaitForFirstConsumer claim with what does not depend on the
/// node, found once per Pod as PreFilter does (`GetPodVolumeClaims` lists
/// the volumes of each class once): with 100 nodes, each node's Filter
/// listing and sorting them again was a quarter of a 10,000-Pod scale-up.
struct DelayedClaim {
    claim: Rc<PersistentVolumeClaim>,
    /// The requested storage in bytes: the smallest requests choose first.
    request: f64,
    /// `pvCache.ListPVs(class)`, narrowed to the volumes the claim could
    /// bind (unclaimed, or naming it): one bound to another claim never
    /// matches.
    candidates: Vec<Rc<PersistentVolume>>,
    /// Its StorageClass (it exists: the claim waits for a consumer).
    class: Option<Rc<StorageClass>>,
}

impl DelayedClaim {
    /// Whether its class limits provisioning to some nodes
    /// (`allowedTopologies`).
    fn has_topology(&self) -> bool {
        self.class
            .as_ref()
            .and_then(|sc| sc.allowed_topologies.as_ref())
            .and_then(Value::as_array)
            .is_some_and(|t| !t.is_empty())
    }

    /// `checkVolumeProvisions` for one claim on one node: its class has a
    /// provisioner that can provision there.
    fn provisionable_on(&self, n: &Node) -> bool {
        self.class.as_ref().is_some_and(|sc| {
            !sc.provisioner.is_empty()
                && sc.provisioner != crate::engine::controller::pv::NO_PROVISIONER
                && topology_allows(sc.allowed_topologies.as_ref(), n)
        })
    }
}

impl PodClaims {
    /// Whether the volume filter's answer is the same on every node:
    /// nothing in it looks at the node when no claim is bound (its volume's
    /// node affinity), none was given a node, none has a static volume to
    /// choose and no class limits where it provisions.
    fn node_independent(&self) -> bool {
        self.bound.is_empty()
            && self.delayed.iter().all(|d| {
                d.candidates.is_empty()
                    && !d.has_topology()
                    && !d.claim.metadata.annotations.contains_key(SELECTED_NODE)
            })
    }
}

/// What binding a Pod's delayed claims on one node takes (`PodVolumes`).
#[derive(Default)]
struct PodVolumes {
    /// Claims to bind to a static volume the scheduler chose.
    static_bindings: Vec<(Rc<PersistentVolumeClaim>, Rc<PersistentVolume>)>,
    /// Claims to provision on the node.
    provisions: Vec<Rc<PersistentVolumeClaim>>,
}

fn label_selector(v: &Value) -> Option<LabelSelector> {
    serde_json::from_value(v.clone()).ok()
}

impl Engine {
    pub(crate) fn scheduler_enqueue(&mut self, k: &Key, uid: &str) {
        if self.scheduler.binding.contains_key(k) || self.scheduler.unschedulable.contains_key(k) {
            return;
        }
        if self.scheduler.queued.insert(uid.to_string()) {
            self.after(
                self.config.latency.scheduling,
                Wakeup::Schedule {
                    pod: k.clone(),
                    uid: uid.to_string(),
                },
            );
        }
    }

    /// Something changed that may make unschedulable Pods fit.
    pub(crate) fn scheduler_retry(&mut self) {
        self.scheduler.unschedulable_for_volumes.clear();
        self.scheduler.unschedulable_for_pods.clear();
        let waiting: Vec<(Key, String)> = std::mem::take(&mut self.scheduler.unschedulable)
            .into_iter()
            .map(|(k, (uid, _))| (k, uid))
            .collect();
        for (k, uid) in waiting {
            self.scheduler_enqueue(&k, &uid);
        }
    }

    /// A PersistentVolume was created or changed: the Pods the volume
    /// filter turned down get another chance.
    pub(crate) fn scheduler_retry_for_volumes(&mut self) {
        for k in std::mem::take(&mut self.scheduler.unschedulable_for_volumes) {
            self.scheduler.unschedulable_for_pods.remove(&k);
            if let Some((uid, _)) = self.scheduler.unschedulable.remove(&k) {
                self.scheduler_enqueue(&k, &uid);
            }
        }
    }

    pub(crate) fn schedule_pod(&mut self, k: &Key, uid: &str) {
        self.scheduler.queued.remove(uid);
        let Some(p) = self.store.pods.get(&k.0, &k.1).cloned() else {
            return;
        };
        if p.metadata.uid != uid || !p.spec.node_name.is_empty() || p.metadata.is_terminating() {
            return;
        }
        match self.find_node(&p) {
            Ok((node, volumes)) => {
                if volumes.static_bindings.is_empty() && volumes.provisions.is_empty() {
                    self.bind_pod(&p, &node);
                } else {
                    // `BindPodVolumes`: pre-bind the chosen static volumes
                    // (the PV controller completes the binding), and ask for
                    // provisioning on the node.
                    for (claim, pv) in volumes.static_bindings {
                        let mut nv = (*pv).clone();
                        if crate::engine::controller::pv::marks_bound_by_controller(&pv, &claim) {
                            nv.metadata.annotations.insert(
                                crate::engine::controller::pv::BOUND_BY_CONTROLLER.into(),
                                "yes".into(),
                            );
                        }
                        nv.spec.claim_ref = Some(crate::engine::controller::pv::claim_ref(&claim));
                        let _ = self.cluster_update(Object::PersistentVolume(Rc::new(nv)));
                    }
                    for claim in volumes.provisions {
                        if claim
                            .metadata
                            .annotations
                            .get(SELECTED_NODE)
                            .map(|v| v.as_str())
                            != Some(node.as_str())
                        {
                            let mut nc = (*claim).clone();
                            nc.metadata
                                .annotations
                                .insert(SELECTED_NODE.into(), node.clone().into());
                            let _ = self.cluster_update(Object::PersistentVolumeClaim(Rc::new(nc)));
                        }
                    }
                    for c in p.claim_names() {
                        self.scheduler
                            .binding_claims
                            .insert(key(&k.0, c), k.clone());
                    }
                    self.scheduler_assume(&p, &RcStr::from(node.as_str()));
                    self.scheduler
                        .binding
                        .insert(k.clone(), (uid.to_string(), node));
                }
            }
            Err(Unplaced {
                filters,
                plugins,
                post,
            }) => {
                let (message, nomination) = match post {
                    PostFilter::Unschedulable { message, clear } => {
                        (format!("{filters}{message}"), clear.then(RcStr::default))
                    }
                    PostFilter::Nominate { node, victims } => {
                        self.preempt(&p, &node, victims);
                        (filters, Some(node))
                    }
                };
                self.record_event_api(
                    &Object::Pod(p.clone()),
                    "Warning",
                    "FailedScheduling",
                    "Scheduling",
                    message.clone(),
                    "default-scheduler",
                );
                self.mark_unschedulable(&p, &message, nomination);
                if [BIND_CONFLICT, NODE_CONFLICT, PV_NOT_EXIST]
                    .iter()
                    .any(|r| message.contains(r))
                {
                    self.scheduler.unschedulable_for_volumes.insert(k.clone());
                } else {
                    self.scheduler.unschedulable_for_volumes.remove(k);
                }
                if plugins != 0 {
                    self.scheduler
                        .unschedulable_for_pods
                        .insert(k.clone(), plugins);
                } else {
                    self.scheduler.unschedulable_for_pods.remove(k);
                }
                self.scheduler
                    .unschedulable
                    .insert(k.clone(), (uid.to_string(), self.now));
                self.queue_unschedulable_flush(k, uid);
            }
        }
    }

    /// Pods waiting on claims: bind those whose claims are all bound now.
    /// A claim changed: the Pod waiting on it is bound once all its
    /// claims are bound; unschedulable Pods get another chance.
    pub(crate) fn scheduler_claim_changed(&mut self, claim: &Key) {
        if let Some(k) = self.scheduler.binding_claims.get(claim).cloned() {
            let all_bound = self.store.pods.get(&k.0, &k.1).is_none_or(|p| {
                p.claim_names().all(|c| {
                    self.store
                        .pvcs
                        .get(&k.0, c)
                        .is_some_and(|c| c.status.phase == "Bound")
                })
            });
            if all_bound {
                // Forget this Pod's claims (by name: no scan of every waiting Pod).
                let claims: Vec<Key> = match self.store.pods.get(&k.0, &k.1) {
                    Some(p) => p.claim_names().map(|c| key(&k.0, c)).collect(),
                    None => vec![claim.clone()],
                };
                for c in claims {
                    if self.scheduler.binding_claims.get(&c) == Some(&k) {
                        self.scheduler.binding_claims.remove(&c);
                    }
                }
                if let Some((uid, node)) = self.scheduler.binding.remove(&k) {
                    if let Some(p) = self.store.pods.get(&k.0, &k.1).cloned() {
                        if p.metadata.uid == uid
                            && p.spec.node_name.is_empty()
                            && !p.metadata.is_terminating()
                        {
                            self.bind_pod(&p, &node);
                        }
                    }
                }
            }
        }
        if !self.scheduler.unschedulable.is_empty() {
            self.scheduler_retry_for_storage();
        }
    }

    /// A claim or StorageClass changed: the unschedulable Pods get another
    /// chance, but not those that only plugins without a storage queueing
    /// hint turned down (NodeResourcesFit, NodePorts and InterPodAffinity
    /// register Pod and Node events, not claims'), as a volume cannot make
    /// room for them.
    pub(crate) fn scheduler_retry_for_storage(&mut self) {
        let s = &mut self.scheduler;
        let waiting: Vec<Key> = s
            .unschedulable
            .keys()
            .filter(|k| {
                !s.unschedulable_for_pods.contains_key(*k)
                    || s.unschedulable_for_volumes.contains(*k)
            })
            .cloned()
            .collect();
        for k in waiting {
            self.scheduler_requeue(&k);
        }
    }

    /// A Pod leaves the unschedulable pool (with what its plugins noted of
    /// it) and is queued to be tried again.
    pub(crate) fn scheduler_requeue(&mut self, k: &Key) {
        self.scheduler.unschedulable_for_volumes.remove(k);
        self.scheduler.unschedulable_for_pods.remove(k);
        if let Some((uid, _)) = self.scheduler.unschedulable.remove(k) {
            self.scheduler_enqueue(k, &uid);
        }
    }

    /// The scheduler's `updatePod` after a failed attempt: the Pod's
    /// `PodScheduled` condition becomes `False`, reason `Unschedulable`, with
    /// the event's message; written only when it changes (so the Pod's
    /// controller hears of a new reason, R3.1, R6.4). With a nomination
    /// (a node, or none to clear it), `status.nominatedNodeName` is written
    /// in the same patch and the nominator follows.
    fn mark_unschedulable(&mut self, p: &Rc<Pod>, message: &str, nomination: Option<RcStr>) {
        let key = key(&p.metadata.namespace, &p.metadata.name);
        match &nomination {
            Some(node) if !node.is_empty() => {
                self.scheduler.nominated.insert(
                    key,
                    Nominated {
                        uid: p.metadata.uid.clone(),
                        node: node.clone(),
                        priority: p.spec.priority.unwrap_or(0),
                        request: Rc::new(Resource::of_pod(&p.spec)),
                    },
                );
            }
            Some(_) => self.scheduler_forget_nomination(&key),
            None => {}
        }
        let nominated = nomination.unwrap_or_else(|| p.status.nominated_node_name.clone());
        let old = p
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "PodScheduled");
        if old.is_some_and(|c| {
            c.status == "False" && c.reason == "Unschedulable" && c.message == message
        }) && p.status.nominated_node_name == nominated
        {
            return;
        }
        let since = match old {
            Some(c) if c.status == "False" => c.last_transition_time,
            _ => Some(Time::new(self.now.trunc_secs())),
        };
        let cond = pod::PodCondition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            last_transition_time: since,
            reason: "Unschedulable".into(),
            message: message.into(),
            observed_generation: p.metadata.generation,
            ..Default::default()
        };
        let mut np = (**p).clone();
        match np
            .status
            .conditions
            .iter_mut()
            .find(|c| c.type_ == "PodScheduled")
        {
            Some(c) => *c = cond,
            None => np.status.conditions.push(cond),
        }
        np.status.nominated_node_name = nominated;
        self.write_status(np);
    }

    /// A Pod leaves the nominator (bound, gone, or nominated nowhere): the
    /// room it held on its node is free again for Pods of lower priority
    /// that did not fit (upstream moves them back to the active queue).
    fn scheduler_forget_nomination(&mut self, k: &Key) {
        if self.scheduler.nominated.remove(k).is_none() {
            return;
        }
        let waiting: Vec<Key> = self
            .scheduler
            .unschedulable_for_pods
            .iter()
            .filter(|(_, plugins)| **plugins & REJECTED_BY_FIT != 0)
            .map(|(k, _)| k.clone())
            .collect();
        for k in waiting {
            self.scheduler_requeue(&k);
        }
    }

    fn bind_pod(&mut self, p: &Rc<Pod>, node: &str) {
        let mut np = (**p).clone();
        np.spec_mut().node_name = node.into();
        // The binding subresource clears the nomination.
        np.status.nominated_node_name = RcStr::default();
        let host_ip = self
            .store
            .nodes
            .get("", node)
            .map(|n| n.internal_ip().to_string())
            .unwrap_or_default();
        np.status.host_ip = host_ip.clone().into();
        np.status.host_ips = vec![pod::PodIp { ip: host_ip.into() }];
        np.status.conditions.retain(|c| c.type_ != "PodScheduled");
        np.status.conditions.push(pod::PodCondition {
            type_: "PodScheduled".into(),
            status: "True".into(),
            last_transition_time: Some(Time::new(self.now.trunc_secs())),
            observed_generation: p.metadata.generation,
            ..Default::default()
        });
        let ns = np.metadata.namespace.clone();
        let name = np.metadata.name.clone();
        let bound = self.write_status(np);
        self.scheduler_forget_nomination(&key(&ns, &name));
        // The scheduler cache assumes the Pod on its node at once.
        self.scheduler_count_pod(&bound);
        self.record_event_api(
            &Object::Pod(bound),
            "Normal",
            "Scheduled",
            "Binding",
            format!("Successfully assigned {ns}/{name} to {node}"),
            "default-scheduler",
        );
    }

    /// The VolumeBinding plugin's PreFilter: the Pod's claims exist, are
    /// not Lost or being deleted, and those not bound wait for a consumer.
    fn pod_claims(&self, p: &Pod) -> Result<PodClaims, String> {
        let ns = &p.metadata.namespace;
        let mut claims = Vec::new();
        for claim_name in p.claim_names() {
            let Some(c) = self.store.pvcs.get(ns, claim_name) else {
                return Err(format!("persistentvolumeclaim \"{claim_name}\" not found"));
            };
            if c.status.phase == "Lost" {
                return Err(format!(
                    "persistentvolumeclaim \"{claim_name}\" bound to non-existent persistentvolume \"{}\"",
                    c.spec.volume_name
                ));
            }
            if c.metadata.is_terminating() {
                return Err(format!(
                    "persistentvolumeclaim \"{claim_name}\" is being deleted"
                ));
            }
            claims.push(c.clone());
        }
        let mut pc = PodClaims {
            bound: Vec::new(),
            delayed: Vec::new(),
        };
        for c in claims {
            let fully_bound = !c.spec.volume_name.is_empty()
                && c.metadata
                    .annotations
                    .contains_key(crate::engine::controller::pv::BIND_COMPLETED);
            if fully_bound {
                pc.bound.push(c);
                continue;
            }
            // A claim naming its volume counts as immediate.
            if self.delays_binding(&c) && c.spec.volume_name.is_empty() {
                let class = c.class_name();
                let candidates = self
                    .store
                    .volumes_for_claim(&c)
                    .into_iter()
                    .filter(|v| v.class_name() == class)
                    .cloned()
                    .collect();
                let request = crate::engine::controller::pv::requested_bytes(&c);
                let class = self.store.storage_classes.get("", class).cloned();
                pc.delayed.push(DelayedClaim {
                    claim: c,
                    request,
                    candidates,
                    class,
                });
            } else {
                return Err("pod has unbound immediate PersistentVolumeClaims".into());
            }
        }
        Ok(pc)
    }

    /// The VolumeBinding plugin's Filter on one node (`FindPodVolumes`):
    /// why the node cannot take the Pod's volumes, or what binding them
    /// there takes.
    fn pod_volumes_on(
        &self,
        claims: &PodClaims,
        n: &Node,
    ) -> Result<PodVolumes, Vec<&'static str>> {
        let mut bound_ok = true;
        let mut pvs_found = true;
        for c in &claims.bound {
            match self.store.pvs.get("", &c.spec.volume_name) {
                None => {
                    pvs_found = false;
                    break;
                }
                Some(v) if !volume_node_affinity_ok(v, n) => {
                    bound_ok = false;
                    break;
                }
                Some(_) => {}
            }
        }
        let mut unbound_ok = true;
        let mut volumes = PodVolumes::default();
        let mut to_find = Vec::new();
        let mut to_provision = Vec::new();
        for d in &claims.delayed {
            match d.claim.metadata.annotations.get(SELECTED_NODE) {
                Some(sel) if sel.as_str() != n.metadata.name.as_str() => {
                    unbound_ok = false;
                    to_find.clear();
                    to_provision.clear();
                    break;
                }
                Some(_) => to_provision.push(d),
                None => to_find.push(d),
            }
        }
        if unbound_ok && !to_find.is_empty() {
            // The smallest requests choose first, each volume once.
            crate::sort::sort_by(&mut to_find, |a, b| {
                a.request
                    .partial_cmp(&b.request)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let mut chosen = BTreeSet::new();
            for d in to_find {
                let found = if d.candidates.is_empty() {
                    None
                } else {
                    crate::engine::controller::pv::find_matching_volume(
                        &d.claim,
                        &d.candidates,
                        Some(n),
                        &chosen,
                        true,
                    )
                };
                match found {
                    Some(v) => {
                        chosen.insert(v.metadata.name.to_string());
                        volumes.static_bindings.push((d.claim.clone(), v));
                    }
                    None => {
                        unbound_ok = false;
                        to_provision.push(d);
                    }
                }
            }
        }
        if unbound_ok || !to_provision.is_empty() {
            // `checkVolumeProvisions`.
            if !to_provision.is_empty() {
                unbound_ok = true;
            }
            for d in to_provision {
                if !d.provisionable_on(n) {
                    unbound_ok = false;
                    volumes.provisions.clear();
                    break;
                }
                volumes.provisions.push(d.claim.clone());
            }
        }
        let mut reasons = Vec::new();
        if !bound_ok {
            reasons.push(NODE_CONFLICT);
        }
        if !unbound_ok {
            reasons.push(BIND_CONFLICT);
        }
        if !pvs_found {
            reasons.push(PV_NOT_EXIST);
        }
        if reasons.is_empty() {
            Ok(volumes)
        } else {
            Err(reasons)
        }
    }

    /// Picks a node, or explains why none fits (`0/4 nodes are available: …`)
    /// and which of the plugins with an assigned-Pod queueing hint turned
    /// nodes down (`REJECTED_BY_*`). Also returns what binding the Pod's
    /// waiting claims there takes.
    fn find_node(&mut self, p: &Pod) -> Result<(String, PodVolumes), Unplaced> {
        let nodes: Vec<Rc<Node>> = self.store.nodes.iter().cloned().collect();
        let total = nodes.len();

        // PreFilter: can rule out every node at once (each gets the
        // status, UnschedulableAndUnresolvable).
        let claims = match self.pod_claims(p) {
            Ok(c) => c,
            Err(why) => {
                return Err(Unplaced {
                    filters: format!("0/{total} nodes are available: {why}."),
                    plugins: 0,
                    post: self.post_filter(p, total, &[], None),
                })
            }
        };

        // Each fitting node with its load (Pods the kubelet runs there),
        // read once per node: both lists are in name order, so one pass
        // pairs them (a lookup by name per node and per score was a third
        // of this function at 100 nodes).
        let loads = join_by_name(&nodes, &self.kubelet.per_node);
        let infos = join_by_name(&nodes, &self.scheduler.nodes);
        // NodeResourcesFit's PreFilter: what the Pod asks for, once.
        let request = Resource::of_pod(&p.spec);
        let asks_host_ports = !super::hostports::host_ports(p).is_empty();
        let mut fit: Vec<(Rc<Node>, usize)> = Vec::new();
        let mut statuses: Vec<(Rc<Node>, NodeStatus)> = Vec::new();
        // The volume filter once for all nodes when its answer cannot
        // differ between them (10,000 Pods on 100 nodes asked it a million
        // times); what the chosen node binds is worked out below.
        let same_everywhere = claims.node_independent();
        let mut volumes_everywhere: Option<Result<(), Vec<&'static str>>> = None;
        // Nominated Pods hold room on their node for Pods of lower priority
        // (none at all in the common case: no lookup per node then).
        let any_nominated = !self.scheduler.nominated.is_empty();
        // InterPodAffinity's PreFilter: the Pod's anti-affinity terms, read
        // from its spec once rather than on each node.
        let anti_affinity = Self::hostname_anti_affinity(p);
        for ((n, load), info) in nodes.iter().zip(&loads).zip(&infos) {
            let load = load.copied().unwrap_or(0);
            let name = &n.metadata.name;
            let unresolvable = |r: String| NodeStatus {
                reasons: vec![r],
                resolvable: false,
                plugin: 0,
            };
            // The default profile's Filter plugins in their order, the first
            // that fails naming the node's reasons: NodeUnschedulable,
            // TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
            // VolumeBinding, InterPodAffinity.
            let status = if n.spec.unschedulable == Some(true) && !tolerates_unschedulable(p) {
                Some(unresolvable("node(s) were unschedulable".to_string()))
            } else if !n.is_ready()
                || self.faults.node_down(name)
                    && n.spec
                        .taints
                        .iter()
                        .any(|t| t.key == "node.kubernetes.io/unreachable")
                || untolerated(p, n).is_some()
            {
                // A node that is not ready has its not-ready or unreachable
                // taint (the node lifecycle controller's), which the Pod's
                // default tolerations do not cover for NoSchedule.
                Some(unresolvable(UNTOLERATED_TAINT.to_string()))
            } else if !node_selector_ok(p, n) {
                Some(unresolvable(
                    "node(s) didn't match Pod's node affinity/selector".to_string(),
                ))
            } else if asks_host_ports && self.host_ports_taken(p, name) {
                Some(NodeStatus {
                    reasons: vec![super::hostports::NO_FREE_PORTS.to_string()],
                    resolvable: true,
                    plugin: REJECTED_BY_PORTS,
                })
            } else if let Some(short) = self.fit_on(
                n,
                *info,
                &request,
                any_nominated
                    .then(|| self.nominated_load(p, name))
                    .flatten()
                    .as_ref(),
            ) {
                Some(NodeStatus {
                    reasons: short,
                    resolvable: true,
                    plugin: REJECTED_BY_FIT,
                })
            } else if let Err(volume_reasons) = if same_everywhere {
                volumes_everywhere
                    .get_or_insert_with(|| self.pod_volumes_on(&claims, n).map(drop))
                    .clone()
            } else {
                self.pod_volumes_on(&claims, n).map(drop)
            } {
                Some(NodeStatus {
                    reasons: volume_reasons.iter().map(|r| r.to_string()).collect(),
                    resolvable: false,
                    plugin: 0,
                })
            } else if !self.anti_affinity_ok(p, &anti_affinity, name) {
                Some(NodeStatus {
                    reasons: vec!["node(s) didn't match pod anti-affinity rules".to_string()],
                    resolvable: true,
                    plugin: REJECTED_BY_ANTI_AFFINITY,
                })
            } else {
                None
            };
            match status {
                Some(s) => statuses.push((n.clone(), s)),
                None => fit.push((n.clone(), load)),
            }
        }
        drop(infos);
        if fit.is_empty() {
            let filters = histogram(
                statuses
                    .iter()
                    .flat_map(|(_, s)| s.reasons.iter().map(String::as_str)),
            );
            let plugins = statuses.iter().fold(0, |acc, (_, s)| acc | s.plugin);
            return Err(Unplaced {
                filters: format!("0/{total} nodes are available: {filters}."),
                plugins,
                post: self.post_filter(p, total, &statuses, Some(&claims)),
            });
        }
        // `evaluateNominatedNode`: a nominated Pod goes where preemption
        // made room for it, if it fits there.
        let nominated = &p.status.nominated_node_name;
        if !nominated.is_empty() {
            if let Some((n, _)) = fit.iter().find(|(n, _)| n.metadata.name == *nominated) {
                let volumes = self.pod_volumes_on(&claims, n).unwrap_or_default();
                return Ok((n.metadata.name.to_string(), volumes));
            }
        }
        // Nodes without a PreferNoSchedule taint the Pod does not tolerate
        // first (the TaintToleration score), then the least loaded; the
        // PRNG breaks ties.
        let scores: Vec<(usize, usize)> = fit
            .iter()
            .map(|(n, load)| {
                let avoided = n
                    .spec
                    .taints
                    .iter()
                    .filter(|t| t.effect == "PreferNoSchedule" && !tolerates(p, t))
                    .count();
                (avoided, *load)
            })
            .collect();
        let min = scores.iter().min().copied().unwrap_or((0, 0));
        let best: Vec<&Rc<Node>> = fit
            .iter()
            .zip(&scores)
            .filter(|(_, s)| **s == min)
            .map(|((n, _), _)| n)
            .collect();
        let pick = self.rng.range(0, best.len() as u64 - 1) as usize;
        let node = best[pick].clone();
        let volumes = self.pod_volumes_on(&claims, &node).unwrap_or_default();
        Ok((node.metadata.name.to_string(), volumes))
    }

    /// The label selectors of the Pod's required anti-affinity terms with
    /// the hostname topology (the only topology this filter knows).
    fn hostname_anti_affinity(p: &Pod) -> Vec<LabelSelector> {
        let Some(terms) = p
            .spec
            .affinity
            .as_ref()
            .and_then(|a| {
                a.pointer("/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution")
            })
            .and_then(Value::as_array)
        else {
            return Vec::new();
        };
        terms
            .iter()
            .filter(|t| {
                t.get("topologyKey")
                    .and_then(Value::as_str)
                    .unwrap_or("kubernetes.io/hostname")
                    == "kubernetes.io/hostname"
            })
            .filter_map(|t| t.get("labelSelector").and_then(label_selector))
            .collect()
    }

    /// Required Pod anti-affinity with the hostname topology: no Pod matching
    /// one of the terms' selectors (`hostname_anti_affinity` of the Pod) may
    /// already run on the node.
    fn anti_affinity_ok(&self, p: &Pod, terms: &[LabelSelector], node: &str) -> bool {
        terms.iter().all(|sel| {
            !self
                .store
                .pods
                .in_namespace(&p.metadata.namespace)
                .any(|q| {
                    q.spec.node_name == node
                        && q.metadata.uid != p.metadata.uid
                        && !q.is_terminal()
                        && sel.matches(&q.metadata.labels)
                })
                && !self.scheduler.binding.iter().any(|(k, (_, n))| {
                    n == node
                        && *k != key(&p.metadata.namespace, &p.metadata.name)
                        && self
                            .store
                            .pods
                            .get(&k.0, &k.1)
                            .is_some_and(|q| sel.matches(&q.metadata.labels))
                })
        })
    }

    /// NodeResourcesFit's Filter on one node: None when the Pod fits, else
    /// the reasons (`Too many pods`, `Insufficient cpu`, …).
    fn fit_on(
        &self,
        n: &Rc<Node>,
        info: Option<&NodeInfo>,
        request: &Resource,
        nominated: Option<&(Resource, usize)>,
    ) -> Option<Vec<String>> {
        let fresh;
        let alloc = match info.and_then(|i| i.allocatable(n)) {
            Some(a) => a,
            None => {
                fresh = node_allocatable(n);
                &fresh
            }
        };
        let reasons = match (info, nominated) {
            (Some(i), None) => fit_reasons(request, alloc, &i.requested, i.pods),
            (info, nominated) => {
                let mut used = info.map(|i| i.requested.clone()).unwrap_or_default();
                let mut pods = info.map_or(0, |i| i.pods);
                if let Some((r, n)) = nominated {
                    used.add(r);
                    pods += n;
                }
                fit_reasons(request, alloc, &used, pods)
            }
        };
        (!reasons.is_empty()).then_some(reasons)
    }

    /// Counts a Pod bound to a node in the scheduler cache (once; a
    /// terminal or unbound Pod does not count).
    pub(crate) fn scheduler_count_pod(&mut self, p: &Pod) {
        if !p.spec.node_name.is_empty() {
            self.scheduler_assume(p, &p.spec.node_name.clone());
        }
    }

    /// Counts a Pod on `node` in the scheduler cache: bound there, or
    /// chosen and waiting for its volumes (the cache assumes a Pod from
    /// Reserve on, so other Pods do not take its room meanwhile).
    fn scheduler_assume(&mut self, p: &Pod, node: &RcStr) {
        if p.is_terminal() || self.scheduler.assigned.contains_key(&p.metadata.uid) {
            return;
        }
        let r = Rc::new(Resource::of_pod(&p.spec));
        let node = node.clone();
        let info = self.scheduler.nodes.entry(node.to_string()).or_default();
        info.pods += 1;
        info.requested.add(&r);
        if info.alloc.is_none() {
            if let Some(n) = self.store.nodes.get("", &node) {
                info.alloc = Some((n.clone(), node_allocatable(n)));
            }
        }
        self.scheduler
            .assigned
            .insert(p.metadata.uid.clone(), (node, r));
        *self
            .scheduler
            .assigned_priorities
            .entry(p.spec.priority.unwrap_or(0))
            .or_default() += 1;
    }

    /// The scheduler's informer follows a Pod change: a Pod bound to a node
    /// counts there until it is deleted or ends (the informer lists only
    /// non-terminal Pods, so ending looks like a deletion). An assigned Pod
    /// going away is the event the queueing hints look at.
    pub(crate) fn scheduler_pod_changed(&mut self, p: &Pod, op: ChangeOp) {
        if op == ChangeOp::Deleted {
            self.scheduler_forget_pending(p);
        }
        if (op == ChangeOp::Deleted || p.is_terminal()) && !self.scheduler.nominated.is_empty() {
            let k = key(&p.metadata.namespace, &p.metadata.name);
            if self
                .scheduler
                .nominated
                .get(&k)
                .is_some_and(|n| n.uid == p.metadata.uid)
            {
                self.scheduler_forget_nomination(&k);
            }
        }
        if op != ChangeOp::Deleted && !p.is_terminal() {
            self.scheduler_count_pod(p);
            return;
        }
        let Some((node, r)) = self.scheduler.assigned.remove(&p.metadata.uid) else {
            return;
        };
        // A Pod's priority does not change once it is created.
        let priority = p.spec.priority.unwrap_or(0);
        if let Some(n) = self.scheduler.assigned_priorities.get_mut(&priority) {
            *n -= 1;
            if *n == 0 {
                self.scheduler.assigned_priorities.remove(&priority);
            }
        }
        if let Some(info) = self.scheduler.nodes.get_mut(node.as_str()) {
            info.pods = info.pods.saturating_sub(1);
            info.requested.sub(&r);
        }
        self.scheduler_assigned_pod_gone(p);
    }

    /// A Pod deleted before it was bound leaves the scheduling queue: the
    /// unschedulable pool and the Pods waiting for their volumes are keyed
    /// by name, and an entry left behind kept the next Pod of that name (a
    /// StatefulSet's replacement) from ever being tried.
    fn scheduler_forget_pending(&mut self, p: &Pod) {
        let k = key(&p.metadata.namespace, &p.metadata.name);
        let uid = p.metadata.uid.as_str();
        let s = &mut self.scheduler;
        if s.unschedulable.get(&k).is_some_and(|(u, _)| u == uid) {
            s.unschedulable.remove(&k);
            s.unschedulable_for_pods.remove(&k);
            s.unschedulable_for_volumes.remove(&k);
        }
        if s.binding.get(&k).is_some_and(|(u, _)| u == uid) {
            s.binding.remove(&k);
            for c in p.claim_names() {
                let ck = key(&k.0, c);
                if s.binding_claims.get(&ck) == Some(&k) {
                    s.binding_claims.remove(&ck);
                }
            }
        }
    }

    /// The queueing hints for an assigned Pod deleted: NodeResourcesFit
    /// always queues (`isSchedulableAfterPodEvent`), NodePorts when the Pod
    /// held a wanted host port, InterPodAffinity when the anti-affinity
    /// terms match it; other plugins' rejections wait for their own events.
    fn scheduler_assigned_pod_gone(&mut self, gone: &Pod) {
        if self.scheduler.unschedulable_for_pods.is_empty() {
            return;
        }
        let freed_ports = super::hostports::host_ports(gone);
        let ready: Vec<Key> = self
            .scheduler
            .unschedulable_for_pods
            .iter()
            .filter(|(k, plugins)| {
                let target = || self.store.pods.get(&k.0, &k.1);
                **plugins & REJECTED_BY_FIT != 0
                    || **plugins & REJECTED_BY_PORTS != 0
                        && !freed_ports.is_empty()
                        && target().is_some_and(|t| {
                            !super::hostports::host_ports(t).is_disjoint(&freed_ports)
                        })
                    || **plugins & REJECTED_BY_ANTI_AFFINITY != 0
                        && target().is_some_and(|t| {
                            t.metadata.namespace == gone.metadata.namespace
                                && Self::hostname_anti_affinity(t)
                                    .iter()
                                    .any(|sel| sel.matches(&gone.metadata.labels))
                        })
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in ready {
            self.scheduler_requeue(&k);
        }
    }

    /// A node changed: the cache reads its allocatable again.
    pub(crate) fn scheduler_node_changed(&mut self, name: &str) {
        if let Some(n) = self.store.nodes.get("", name) {
            let alloc = node_allocatable(n);
            self.scheduler
                .nodes
                .entry(name.to_string())
                .or_default()
                .alloc = Some((n.clone(), alloc));
        }
    }

    /// Builds the scheduler cache from the store (at start, and after
    /// changes were dropped undispatched).
    pub(crate) fn scheduler_rebuild(&mut self) {
        self.scheduler.nodes.clear();
        self.scheduler.assigned.clear();
        self.scheduler.assigned_priorities.clear();
        let names: Vec<String> = self
            .store
            .nodes
            .iter()
            .map(|n| n.metadata.name.to_string())
            .collect();
        for name in names {
            self.scheduler_node_changed(&name);
        }
        let pods: Vec<Rc<Pod>> = self.store.pods.iter().cloned().collect();
        for p in pods {
            self.scheduler_count_pod(&p);
        }
    }
}
