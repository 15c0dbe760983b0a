//! Host ports (the scheduler's NodePorts filter and the kubelet's admission
//! check): two running Pods on one node cannot both claim the same
//! `hostPort` and protocol. A Pod placed with `nodeName`, which skips the
//! scheduler, is rejected by the kubelet (phase Failed, reason NodePorts) —
//! the upstream e2e test "should recreate evicted statefulset" builds on it.
//! Only Pods that ask for a host port pay for the check.

use std::collections::BTreeSet;

use super::kubelet::Stage;
use super::objects::Pod;
use super::Engine;
use crate::sort::CollectMap;

/// What the filter and the kubelet say (noderesources / nodeports plugin).
pub const NO_FREE_PORTS: &str = "node(s) didn't have free ports for the requested pod ports";

/// The `(hostPort, protocol)` pairs a Pod asks for.
pub fn host_ports(p: &Pod) -> BTreeSet<(i64, String)> {
    p.spec
        .containers
        .iter()
        .chain(p.spec.init_containers.iter())
        .flat_map(|c| c.ports.iter())
        .filter_map(|port| {
            let hp = port
                .extra
                .get("hostPort")
                .and_then(serde_json::Value::as_i64)
                .filter(|n| *n > 0)?;
            Some((hp, port.protocol.as_deref().unwrap_or("TCP").to_string()))
        })
        .collect_set()
}

impl Engine {
    /// Whether `p` asks for a host port that a live Pod on `node` (other
    /// than `p` itself) already holds.
    pub(crate) fn host_ports_taken(&self, p: &Pod, node: &str) -> bool {
        let wanted = host_ports(p);
        if wanted.is_empty() {
            return false;
        }
        self.kubelet.pods.values().any(|rt| {
            rt.node == node
                && rt.uid != p.metadata.uid
                && rt.terminal.is_none()
                && rt.stage != Stage::Stopped
                && self
                    .store
                    .pods
                    .get(&rt.key.0, &rt.key.1)
                    .is_some_and(|other| !host_ports(other).is_disjoint(&wanted))
        })
    }
}
