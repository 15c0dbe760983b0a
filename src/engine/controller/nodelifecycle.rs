//! The node lifecycle controller (R3.13): a node that stops reporting turns
//! `Unknown` after the node-monitor grace period, gets the `unreachable`
//! taints, its Pods are marked not Ready, and after their toleration (300 s
//! by default) they are marked for deletion — which cannot finish while the
//! kubelet is away, so StatefulSet Pods stay `Terminating`/`Unknown` and are
//! not replaced until force-deleted or the node returns.

use std::rc::Rc;

use crate::engine::objects::cluster::Taint;
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::time::SimDuration;
use crate::engine::{DeleteOptions, Engine, Wakeup};

const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

impl Engine {
    /// The grace period passed (or a toleration ran out) on a silent node.
    pub(crate) fn node_monitor(&mut self, node: &str) {
        if !self.faults.node_down(node) {
            return;
        }
        let Some(n) = self.store.nodes.get("", node).cloned() else {
            return;
        };
        if n.is_ready() {
            self.node_set_ready(node, false);
            self.record(
                &Object::Node(n.clone()),
                "Normal",
                "NodeNotReady",
                format!("Node {node} status is now: NodeNotReady"),
                Source::controller("node-controller"),
            );
            // Pods on the node are marked not Ready (MarkPodsNotReady).
            let uids: Vec<String> = self
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
        // Taint-based eviction: Pods whose toleration of `unreachable` ran out.
        let since = self
            .store
            .nodes
            .get("", node)
            .and_then(|n| {
                n.spec
                    .taints
                    .iter()
                    .find(|t| t.key == UNREACHABLE && t.effect == "NoExecute")
                    .and_then(|t| t.time_added)
            })
            .map(|t| t.0)
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
            let tol = p.spec.tolerations.iter().find(|t| {
                (t.key == UNREACHABLE
                    || t.key.is_empty() && t.operator.as_deref() == Some("Exists"))
                    && (t.effect.is_empty() || t.effect == "NoExecute")
            });
            let deadline = match tol {
                None => Some(0),
                Some(t) => t.toleration_seconds.map(|s| s.max(0) as u64),
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

    /// Sets a node's Ready condition and the unreachable taints.
    pub(crate) fn node_set_ready(&mut self, node: &str, ready: bool) {
        let Some(n) = self.store.nodes.get("", node).cloned() else {
            return;
        };
        let mut nn = (*n).clone();
        let now = Time(self.now.trunc_secs());
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
    pub(crate) fn on_node_change(&mut self, _node: &str) {
        self.scheduler_retry();
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
