//! The event recorder (client-go `record.EventRecorder` + its correlator):
//! each component records core/v1 Events about objects; an identical event
//! (same object, source, type, reason and message) bumps `count` and
//! `lastTimestamp` instead of adding a row, which is what `kubectl describe`
//! shows as `11m (x13 over 23m)`. Every recorded event is also narrated.

use std::collections::{BTreeMap, VecDeque};

use super::event::{ObjRef, SimEventKind};
use super::objects::{Event, EventSource, Object, ObjectMeta, ObjectReference, Time};
use super::store::Key;
use super::Engine;

/// What makes two events the same: (object uid, source, type, reason, message).
type Identity = (String, String, String, String, String);

/// Recorder state kept beside the store.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// Identity → the Event's key.
    index: BTreeMap<Identity, Key>,
    /// Event keys in creation order, with their identity, to drop the
    /// oldest past the limit (and its index entry, without a scan).
    order: VecDeque<(Key, Identity)>,
    seq: u64,
}

/// Who records an event: component and, for the kubelet, its node.
#[derive(Clone, Debug)]
pub struct Source {
    pub component: &'static str,
    pub host: String,
}

impl Source {
    pub fn controller(component: &'static str) -> Self {
        Source {
            component,
            host: String::new(),
        }
    }
}

impl Engine {
    /// Records an Event about `obj` (Normal or Warning).
    pub(crate) fn record(
        &mut self,
        obj: &Object,
        type_: &str,
        reason: &str,
        message: String,
        source: Source,
    ) {
        self.record_on(obj, None, type_, reason, message, source);
    }

    /// Records an Event about a container of a Pod (`fieldPath: spec.containers{nginx}`).
    pub(crate) fn record_on(
        &mut self,
        obj: &Object,
        field_path: Option<String>,
        type_: &str,
        reason: &str,
        message: String,
        source: Source,
    ) {
        let m = obj.meta();
        let kind = obj.kind();
        let ns = if m.namespace.is_empty() {
            "default".to_string()
        } else {
            m.namespace.clone()
        };
        let now = Time(self.now.trunc_secs());
        let ikey = (
            m.uid.clone(),
            source.component.to_string(),
            type_.to_string(),
            reason.to_string(),
            message.clone(),
        );
        let existing = self
            .recorder
            .index
            .get(&ikey)
            .and_then(|k| self.store.events.get_key(k).cloned());
        let count = if let Some(ev) = existing {
            let mut ev = (*ev).clone();
            ev.count += 1;
            ev.last_timestamp = Some(now);
            let c = ev.count;
            self.write_status(ev);
            c
        } else {
            self.recorder.seq += 1;
            let nanos = (self.now.unix_secs() as u128) * 1_000_000_000
                + (self.now.as_ms() % 1000) as u128 * 1_000_000
                + self.recorder.seq as u128;
            let name = format!("{}.{:x}", m.name, nanos);
            let ev = Event {
                metadata: ObjectMeta {
                    name: name.clone(),
                    namespace: ns.clone(),
                    uid: self.rng.uuid(),
                    creation_timestamp: Some(now),
                    ..Default::default()
                },
                involved_object: ObjectReference {
                    api_version: kind.api_version(),
                    kind: kind.name().to_string(),
                    namespace: m.namespace.clone(),
                    name: m.name.clone(),
                    uid: m.uid.clone(),
                    resource_version: m.resource_version.clone(),
                    field_path: field_path.unwrap_or_default(),
                },
                reason: reason.to_string(),
                message: message.clone(),
                source: EventSource {
                    component: source.component.to_string(),
                    host: source.host.clone(),
                },
                first_timestamp: Some(now),
                last_timestamp: Some(now),
                count: 1,
                type_: type_.to_string(),
                event_time: None,
                reporting_component: source.component.to_string(),
                reporting_instance: source.host.clone(),
            };
            self.write_status(ev);
            let key = (ns, name);
            self.recorder.index.insert(ikey.clone(), key.clone());
            self.recorder.order.push_back((key, ikey));
            while self.recorder.order.len() > self.config.limits.max_events {
                if let Some((old, old_identity)) = self.recorder.order.pop_front() {
                    self.store
                        .remove(super::objects::Kind::Event, &old.0, &old.1);
                    // Event names are unique (a sequence number), so only the
                    // identity recorded with this key can point at it.
                    if self.recorder.index.get(&old_identity) == Some(&old) {
                        self.recorder.index.remove(&old_identity);
                    }
                }
            }
            1
        };
        self.narrate(SimEventKind::Recorded {
            type_: type_.to_string(),
            reason: reason.to_string(),
            object: ObjRef::new(kind, &m.namespace, &m.name),
            message,
            source: source.component.to_string(),
            count,
        });
    }
}
