//! Ephemeral containers in the kubelet (`kubectl debug`): a Pod's spec
//! gains them through the `ephemeralcontainers` subresource while it runs;
//! the kubelet's next sync of the Pod pulls their images and starts them
//! beside the others (even before initialization is complete), as it
//! starts any container, with the same events (`Pulling`, `Pulled`,
//! `Created`, `Started`, naming `spec.ephemeralContainers{NAME}`). They
//! share the Pod's sandbox: its IP, resolv.conf and hosts file. They are
//! never restarted (`containers::kubelet_exit`), never ready, and count
//! neither in the Pod's phase nor in its conditions (`status`). A Pod that
//! has finished, or is being deleted, starts none.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::{CState, Cref, Stage, Step};
use crate::engine::objects::{Pod, RcStr};
use crate::engine::{Engine, Wakeup};

impl Engine {
    /// A Pod change: ephemeral containers its spec lists that the runtime
    /// does not know yet are taken on, and the kubelet's next sync of the
    /// Pod (a moment later: it learns of the change through its watch)
    /// starts them.
    pub(crate) fn kubelet_ephemeral_added(&mut self, p: &Pod) {
        let Some(rt) = self.kubelet.pods.get_mut(p.metadata.uid.as_str()) else {
            return;
        };
        let known = rt.eph.len();
        if known >= p.spec.ephemeral_containers.len()
            || matches!(rt.stage, Stage::Terminating | Stage::Stopped)
        {
            return;
        }
        // The kubelet's default waiting state for a container it has not
        // started (PodInitializing in a Pod with init containers).
        let reason = if p.spec.init_containers.is_empty() {
            "ContainerCreating"
        } else {
            "PodInitializing"
        };
        for c in &p.spec.ephemeral_containers[known..] {
            let mut ct = super::lifecycle::new_ctr(&c.name, &c.image, false);
            ct.state = CState::Waiting {
                reason: RcStr::interned(reason),
                message: RcStr::default(),
            };
            rt.eph.push(ct);
        }
        if rt.stage == Stage::Active {
            let uid = rt.uid.to_string();
            self.after(
                self.config.latency.controller_reaction,
                Wakeup::Kubelet {
                    uid,
                    step: Step::StartEphemeral,
                },
            );
        }
    }

    /// Starts the ephemeral containers the kubelet has not started yet
    /// (pull, create, start, as for any container).
    pub(crate) fn kubelet_start_ephemeral(&mut self, uid: &str) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        if rt.stage != Stage::Active {
            return;
        }
        let todo: Vec<(usize, u64)> = rt
            .eph
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                !c.busy
                    && c.last.is_none()
                    && c.restarts == 0
                    && matches!(&c.state, CState::Waiting { reason, .. }
                        if reason == "ContainerCreating" || reason == "PodInitializing")
            })
            .map(|(i, c)| (i, c.gen))
            .collect();
        if todo.is_empty() {
            return;
        }
        self.write_pod_status(uid);
        for (idx, gen) in todo {
            self.kubelet_pull(uid, Cref::ephemeral(idx), gen);
        }
    }
}
