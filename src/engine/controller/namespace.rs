//! The namespace controller (pkg/controller/namespace): deleting a
//! Namespace whose `spec.finalizers` holds `kubernetes` (every namespace the
//! API server creates) only marks it — `deletionTimestamp`, phase
//! `Terminating`, new content refused — and this controller deletes what
//! is in it, kind by kind, with the usual cascade (a StatefulSet's Pods,
//! their graceful stop, claims and, through the PV controller, volumes);
//! when nothing is left it removes its finalizer and the Namespace goes.
//! Until then it looks again every second (the real one requeues with an
//! estimate of the time left).

use std::rc::Rc;

use crate::engine::objects::{
    ConfigMap, GenericObject, Kind, Object, ObjectMeta, RcStr, Time, Value, RESOURCES,
};
use crate::engine::time::SimDuration;
use crate::engine::{DeleteOptions, Engine, Wakeup};
use crate::sort::CollectMap;

/// The finalizer the API server puts in a Namespace's spec.
pub const FINALIZER: &str = "kubernetes";

/// The ConfigMap the root-CA publisher keeps in every namespace.
pub const ROOT_CA_CONFIGMAP: &str = "kube-root-ca.crt";

/// The cluster's CA certificate, as Pods see it in their service account
/// volume and as `kube-root-ca.crt` holds it.
pub const ROOT_CA_PEM: &str =
    "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIOrdinalSimulatedCA\n-----END CERTIFICATE-----\n";

const ROOT_CA_DESCRIPTION: &str = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

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
    /// The serviceaccount controller and the root-CA publisher: every
    /// namespace that is not terminating has a `default` ServiceAccount and
    /// a `kube-root-ca.crt` ConfigMap (the two every Pod's service account
    /// volume names), made again if deleted and put back if changed.
    /// Their uids come from a hash of what they are and when, not from the
    /// seed: adding these controllers moved no Pod IP or name.
    pub(crate) fn ensure_namespace_defaults(&mut self, ns: &str) {
        let Some(n) = self.store.namespaces.get("", ns) else {
            return;
        };
        if n.metadata.is_terminating() {
            return;
        }
        // The resourceVersion the write will take tells a remade object
        // from the one it replaces.
        let meta = |name: &str, kind: &str, now: crate::engine::SimTime, rv: u64| {
            let mut m = ObjectMeta::named(ns, name);
            m.uid = derived_uid(&format!("{kind}/{ns}/{name}/{}/{rv}", now.as_ms())).into();
            m.creation_timestamp = Some(Time::new(now));
            m
        };
        let now = self.now.trunc_secs();
        if self
            .store
            .get_dyn(Kind::ServiceAccount, ns, "default")
            .is_none()
        {
            let sa = GenericObject {
                metadata: meta(
                    "default",
                    "ServiceAccount",
                    now,
                    self.store.resource_version(),
                ),
                rest: Default::default(),
            };
            self.store
                .write(Object::Other(Kind::ServiceAccount, Rc::new(sa)));
        }
        let current = self.store.config_maps.get(ns, ROOT_CA_CONFIGMAP).cloned();
        let wanted_data = [("ca.crt".to_string(), ROOT_CA_PEM.to_string())];
        match current {
            Some(cm) if cm.data.iter().eq(wanted_data.iter().map(|(k, v)| (k, v))) => {}
            Some(cm) => {
                let mut cm = (*cm).clone();
                cm.data = wanted_data.into_iter().collect_map();
                self.store.write(Object::ConfigMap(Rc::new(cm)));
            }
            None => {
                let mut m = meta(
                    ROOT_CA_CONFIGMAP,
                    "ConfigMap",
                    now,
                    self.store.resource_version(),
                );
                m.annotations.insert(
                    "kubernetes.io/description".into(),
                    RcStr::interned(ROOT_CA_DESCRIPTION),
                );
                let cm = ConfigMap {
                    metadata: m,
                    data: wanted_data.into_iter().collect_map(),
                    ..Default::default()
                };
                self.store.write(Object::ConfigMap(Rc::new(cm)));
            }
        }
    }

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

/// A version-4-shaped uid from a 128-bit FNV-1a hash of `what`.
fn derived_uid(what: &str) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in what.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    crate::engine::rng::uuid_text(&format!("{h:032x}"), (h >> 126) as u8)
}
