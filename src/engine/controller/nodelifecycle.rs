//! The node lifecycle controller (R3.13): a node that stops reporting turns
//! `Unknown` after the node-monitor grace period, gets the `unreachable`
//! taints, its Pods are marked not Ready, and after their toleration (300 s
//! by default) they are marked for deletion — which cannot finish while the
//! kubelet is away, so StatefulSet Pods stay `Terminating` and are
//! not replaced until force-deleted or the node returns.
//!
//! Also here: the taint-eviction controller for every NoExecute taint
//! (`kubectl taint nodes N key=value:NoExecute` evicts the Pods that do not
//! tolerate it, at once or after their `tolerationSeconds`), and the Pod
//! garbage collector's part in a non-graceful node shutdown: on a node that
//! is not Ready and carries the `node.kubernetes.io/out-of-service` taint,
//! terminating Pods are force-deleted at its next pass (every 20 s), so a
//! StatefulSet can replace them (R3.13); so are the Pods of a deleted Node
//! object, after 40 s of quarantine.

use std::rc::Rc;

use crate::engine::objects::cluster::Taint;
use crate::engine::objects::pod::Toleration;
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::{DeleteOptions, Engine, Wakeup};

const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
/// The taint that says a node is shut down for good (non-graceful node
/// shutdown, GA in 1.28).
const OUT_OF_SERVICE: &str = "node.kubernetes.io/out-of-service";
/// How often the Pod garbage collector passes (`gcCheckPeriod`).
const POD_GC_PERIOD: SimDuration = SimDuration::secs(20);
/// How long it waits before it believes a node is gone (`quarantineTime`).
const ORPHAN_QUARANTINE: SimDuration = SimDuration::secs(40);

/// The Pod garbage collector's first pass at or after `t` (it passes every
/// `POD_GC_PERIOD` from the start).
fn pod_gc_pass(t: SimTime) -> SimTime {
    let period = POD_GC_PERIOD.as_ms();
    SimTime(t.as_ms().div_ceil(period) * period)
}

impl Engine {
    /// The grace period passed on a silent node, a toleration of a
    /// NoExecute taint ran out, or the Pod garbage collector passes.
    pub(crate) fn node_monitor(&mut self, node: &str) {
        let Some(n) = self.store.nodes.get("", node).cloned() else {
            self.orphan_gc(node);
            return;
        };
        if self.faults.node_down(node) && n.is_ready() {
            self.node_set_ready(node, false);
            self.record(
                &Object::Node(n.clone()),
                "Normal",
                "NodeNotReady",
                format!("Node {node} status is now: NodeNotReady"),
                Source::controller("node-controller"),
            );
            // Pods on the node are marked not Ready (MarkPodsNotReady).
            let uids: Vec<crate::engine::objects::RcStr> = self
                .kubelet
                .pods
                .values()
                .filter(|r| r.node == node)
                .map(|r| r.uid.clone())
                .collect();
            for uid in &uids {
                if let Some(rt) = self.kubelet.pods.get_mut(uid) {
                    rt.node_lost = true;
                }
                self.force_pod_status(uid);
                if let Some(p) = self
                    .kubelet
                    .pods
                    .get(uid)
                    .and_then(|r| self.store.pods.get(&r.key.0, &r.key.1))
                    .cloned()
                {
                    self.record(
                        &Object::Pod(p),
                        "Warning",
                        "NodeNotReady",
                        "Node is not ready".into(),
                        Source::controller("node-controller"),
                    );
                }
            }
        }
        self.taint_eviction(node);
        self.out_of_service_gc(node);
    }

    /// The taint-eviction controller (pkg/controller/tainteviction): a Pod
    /// on the node that does not tolerate one of its NoExecute taints is
    /// marked for deletion at once; one that tolerates them all is marked
    /// when the shortest `tolerationSeconds` among the tolerations used
    /// runs out (never, without one), counted from when the taints came.
    pub(crate) fn taint_eviction(&mut self, node: &str) {
        let Some(n) = self.store.nodes.get("", node).cloned() else {
            return;
        };
        let taints: Vec<&Taint> = n
            .spec
            .taints
            .iter()
            .filter(|t| t.effect == "NoExecute")
            .collect();
        if taints.is_empty() {
            return;
        }
        let since = taints
            .iter()
            .filter_map(|t| t.time_added)
            .map(|t| t.sim())
            .max()
            .unwrap_or(self.now);
        let mut next: Option<u64> = None;
        let pods: Vec<Rc<Pod>> = self
            .store
            .pods
            .iter()
            .filter(|p| p.spec.node_name == node && !p.metadata.is_terminating())
            .cloned()
            .collect();
        for p in pods {
            // `GetMatchingTolerations` and `getMinTolerationTime`.
            let used: Option<Vec<&Toleration>> = taints
                .iter()
                .map(|t| p.spec.tolerations.iter().find(|tol| tol.tolerates(t)))
                .collect();
            let deadline = match used {
                None => Some(0),
                Some(used) => used
                    .iter()
                    .filter_map(|t| t.toleration_seconds)
                    .map(|s| s.max(0) as u64)
                    .min(),
            };
            let Some(secs) = deadline else { continue };
            let due = since + SimDuration::secs(secs);
            if due <= self.now {
                let ns = p.metadata.namespace.clone();
                let name = p.metadata.name.clone();
                self.record(
                    &Object::Pod(p.clone()),
                    "Normal",
                    "TaintManagerEviction",
                    format!("Marking for deletion Pod {ns}/{name}"),
                    Source::controller("taint-eviction-controller"),
                );
                self.mark_disruption_target(
                    &p,
                    "DeletionByTaintManager",
                    "Taint manager: deleting due to NoExecute taint",
                );
                let _ = self.cluster_delete(Kind::Pod, &ns, &name, &DeleteOptions::default());
            } else {
                let ms = (due - self.now).as_ms();
                next = Some(next.map_or(ms, |n| n.min(ms)));
            }
        }
        if let Some(ms) = next {
            self.at(
                self.now + SimDuration::ms(ms),
                Wakeup::NodeMonitor {
                    node: node.to_string(),
                },
            );
        }
    }

    /// A Node object was deleted: the Pod garbage collector keeps it in
    /// quarantine for 40 s (it may come back), then, at its next pass,
    /// force-deletes the Pods still bound to it (`gcOrphaned`), which a
    /// StatefulSet can then replace (R3.13).
    pub(crate) fn on_node_deleted(&mut self, node: &str) {
        self.scheduler_retry();
        self.at(
            pod_gc_pass(self.now + ORPHAN_QUARANTINE),
            Wakeup::NodeMonitor {
                node: node.to_string(),
            },
        );
    }

    fn orphan_gc(&mut self, node: &str) {
        self.pod_gc_force_delete(node, false);
    }

    /// The Pod collector's force deletion (grace 0) of the Pods bound to a
    /// node (only those already terminating, if asked).
    fn pod_gc_force_delete(&mut self, node: &str, terminating_only: bool) {
        let pods: Vec<(String, String)> = self
            .store
            .pods
            .iter()
            .filter(|p| {
                p.spec.node_name == node && (!terminating_only || p.metadata.is_terminating())
            })
            .map(|p| {
                (
                    p.metadata.namespace.to_string(),
                    p.metadata.name.to_string(),
                )
            })
            .collect();
        let force = DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        };
        for (ns, name) in pods {
            let _ = self.cluster_delete(Kind::Pod, &ns, &name, &force);
        }
    }

    /// PodGC's `gcTerminating`: on a node that is not Ready and has the
    /// out-of-service taint, terminating Pods are force-deleted (their
    /// kubelet will never confirm), at the collector's next pass.
    fn out_of_service_gc(&mut self, node: &str) {
        let Some(n) = self.store.nodes.get("", node).cloned() else {
            return;
        };
        if n.is_ready() || !n.spec.taints.iter().any(|t| t.key == OUT_OF_SERVICE) {
            return;
        }
        let pass = pod_gc_pass(self.now);
        if pass > self.now {
            self.at(
                pass,
                Wakeup::NodeMonitor {
                    node: node.to_string(),
                },
            );
            return;
        }
        self.pod_gc_force_delete(node, true);
    }

    /// Sets a node's Ready condition and the unreachable taints.
    pub(crate) fn node_set_ready(&mut self, node: &str, ready: bool) {
        let Some(n) = self.store.nodes.get("", node).cloned() else {
            return;
        };
        let mut nn = (*n).clone();
        let now = Time::new(self.now.trunc_secs());
        for c in &mut nn.status.conditions {
            let (status, reason, message) = if ready {
                match c.type_.as_str() {
                    "Ready" => ("True", "KubeletReady", "kubelet is posting ready status"),
                    "MemoryPressure" => (
                        "False",
                        "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available",
                    ),
                    "DiskPressure" => (
                        "False",
                        "KubeletHasNoDiskPressure",
                        "kubelet has no disk pressure",
                    ),
                    _ => (
                        "False",
                        "KubeletHasSufficientPID",
                        "kubelet has sufficient PID available",
                    ),
                }
            } else {
                (
                    "Unknown",
                    "NodeStatusUnknown",
                    "Kubelet stopped posting node status.",
                )
            };
            if c.status != status {
                c.last_transition_time = Some(now);
            }
            c.status = status.into();
            c.reason = reason.into();
            c.message = message.into();
            if ready {
                c.last_heartbeat_time = Some(now);
            }
        }
        nn.spec.taints.retain(|t| t.key != UNREACHABLE);
        if !ready {
            for effect in ["NoSchedule", "NoExecute"] {
                nn.spec.taints.push(Taint {
                    key: UNREACHABLE.into(),
                    effect: effect.into(),
                    time_added: (effect == "NoExecute").then_some(now),
                    ..Default::default()
                });
            }
        }
        self.write_status(nn);
    }

    /// Nodes changed (cordon, taints, readiness): the scheduler retries.
    pub(crate) fn on_node_change(&mut self, node: &str) {
        self.scheduler_node_changed(node);
        self.scheduler_retry();
        // A silent node's taints are the node monitor's to act on.
        if !self.faults.node_down(node) {
            self.taint_eviction(node);
        }
        self.out_of_service_gc(node);
    }

    /// `addConditionAndDeletePod` (pkg/controller/tainteviction), and the
    /// scheduler's preemption: before the delete, the Pod's status gets the
    /// DisruptionTarget condition (`UpdatePodCondition`: replaced in place,
    /// or appended).
    pub(crate) fn mark_disruption_target(&mut self, p: &Pod, reason: &str, message: &str) {
        let cond = pod::PodCondition {
            type_: RcStr::interned("DisruptionTarget"),
            observed_generation: p.metadata.generation,
            status: RcStr::interned("True"),
            last_probe_time: None,
            last_transition_time: Some(Time::new(self.now.trunc_secs())),
            reason: RcStr::interned(reason),
            message: message.into(),
        };
        let mut np = p.clone();
        match np
            .status
            .conditions
            .iter_mut()
            .find(|c| c.type_ == "DisruptionTarget")
        {
            Some(c) if c.status == cond.status && c.reason == cond.reason => return,
            Some(c) => *c = cond,
            None => np.status.conditions.push(cond),
        }
        self.write_status(np);
    }

    /// Writes a Pod's status even though its kubelet is silent (the node
    /// lifecycle controller does this for Ready=False).
    pub(crate) fn force_pod_status(&mut self, uid: &str) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let (ns, name) = rt.key.clone();
        let Some(p) = self.store.pods.get(&ns, &name).cloned() else {
            return;
        };
        if p.metadata.uid != uid {
            return;
        }
        let status = crate::engine::kubelet::status::build_status(&p, rt, self.now);
        if status != p.status {
            let mut np = (*p).clone();
            np.status = status;
            self.write_status(np);
        }
    }
}
