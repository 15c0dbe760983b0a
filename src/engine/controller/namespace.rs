//! The namespace controller (pkg/controller/namespace): deleting a
//! Namespace whose `spec.finalizers` holds `kubernetes` (every namespace the
//! API server creates) only marks it — `deletionTimestamp`, phase
//! `Terminating`, new content refused — and this controller deletes what
//! is in it, kind by kind, with the usual cascade (a StatefulSet's Pods,
//! their graceful stop, claims and, through the PV controller, volumes);
//! when nothing is left it removes its finalizer and the Namespace goes.
//! Until then it looks again every second (the real one requeues with an
//! estimate of the time left).

use crate::engine::objects::{Kind, Object, Value, RESOURCES};
use crate::engine::time::SimDuration;
use crate::engine::{DeleteOptions, Engine, Wakeup};

/// The finalizer the API server puts in a Namespace's spec.
pub const FINALIZER: &str = "kubernetes";

/// How soon the controller looks again while content remains.
const RECHECK: SimDuration = SimDuration::secs(1);

/// Whether a Namespace object waits for the controller (its spec keeps the
/// `kubernetes` finalizer).
pub fn holds_finalizer(spec: &Value) -> bool {
    spec.get("finalizers")
        .and_then(Value::as_array)
        .is_some_and(|f| f.iter().any(|x| x.as_str() == Some(FINALIZER)))
}

impl Engine {
    /// One pass over a terminating namespace.
    pub(crate) fn sync_namespace(&mut self, ns: &str) {
        let Some(n) = self.store.namespaces.get("", ns).cloned() else {
            return;
        };
        if !n.metadata.is_terminating() {
            return;
        }
        let mut remaining = 0;
        for r in RESOURCES.iter().filter(|r| r.namespaced) {
            for o in self.store.list_dyn(r.kind, Some(ns)) {
                remaining += 1;
                if !o.meta().is_terminating() {
                    let _ = self.cluster_delete(r.kind, ns, o.name(), &DeleteOptions::default());
                }
            }
        }
        if remaining > 0 {
            self.at(
                self.now + RECHECK,
                Wakeup::SyncNamespace {
                    namespace: ns.to_string(),
                },
            );
            return;
        }
        // Empty: the finalizer goes, and with it the Namespace.
        let mut done = (*n).clone();
        if let Some(Value::Array(f)) = done.spec.get_mut("finalizers") {
            f.retain(|x| x.as_str() != Some(FINALIZER));
        }
        self.write_status(done);
        self.remove_object(Kind::Namespace, "", ns);
    }
}

/// The Namespace object a delete request leaves while its content goes.
pub(crate) fn mark_terminating(obj: &mut Object) -> bool {
    let Object::Namespace(n) = obj else {
        return false;
    };
    if !holds_finalizer(&n.spec) {
        return false;
    }
    std::rc::Rc::make_mut(n).status.phase = "Terminating".into();
    true
}
