//! The event recorder (client-go `record.EventRecorder` + its correlator):
//! each component records core/v1 Events about objects; an identical event
//! (same object, source, type, reason and message) bumps `count` and
//! `lastTimestamp` instead of adding a row, which is what `kubectl describe`
//! shows as `11m (x13 over 23m)`. Every recorded event is also narrated.
//!
//! Events expire: the API server stores each one with a time to live of
//! `--event-ttl` (1h by default) from its last write, so an Event whose
//! last occurrence is more than an hour old is gone from `kubectl get
//! events` and `kubectl describe`; a repeat (count + 1) renews it. The
//! deadlines are on the simulated clock; `Engine::expire_events` drops what
//! is due whenever time moves.

use std::collections::{BTreeMap, VecDeque};

use super::event::{ObjRef, SimEventKind};
use super::objects::{Event, EventSource, Object, ObjectMeta, ObjectReference, Time};
use super::store::Key;
use super::time::{SimDuration, SimTime};
use super::Engine;

/// The API server's `--event-ttl` default.
pub const EVENT_TTL: SimDuration = SimDuration::secs(3600);

/// What makes two events the same: (object uid, source, type, reason, message).
type Identity = [String; 5];

/// A 64-bit FNV-1a hash of an identity (each part ended by a 0xff byte,
/// which UTF-8 never contains): the index's key. Equal identities hash
/// alike; the rare different ones that collide share a bucket and are told
/// apart by comparing them.
fn identity_hash(parts: &[&str; 5]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Recorder state kept beside the store.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// Identity → the Event's key, bucketed by `identity_hash`.
    index: BTreeMap<u64, Vec<(Identity, Key)>>,
    /// Event keys in creation order, with their identity's hash, to drop
    /// the oldest past the limit (and its index entry, without a scan).
    order: VecDeque<(Key, u64)>,
    seq: u64,
    /// Event writes so far: orders `expiry` among equal times.
    writes: u64,
    /// When each live Event expires, with the number of its last write.
    deadline: BTreeMap<Key, (SimTime, u64)>,
    /// The same deadlines in the order they fall due, with the identity hash.
    expiry: BTreeMap<(SimTime, u64), (Key, u64)>,
}

impl Recorder {
    fn lookup(&self, hash: u64, parts: &[&str; 5]) -> Option<&Key> {
        self.index
            .get(&hash)?
            .iter()
            .find(|(id, _)| id.iter().zip(parts).all(|(a, b)| a == b))
            .map(|(_, k)| k)
    }

    /// Points an identity at an Event (replacing what it pointed at).
    fn insert(&mut self, hash: u64, parts: &[&str; 5], key: Key) {
        let bucket = self.index.entry(hash).or_default();
        match bucket
            .iter_mut()
            .find(|(id, _)| id.iter().zip(parts).all(|(a, b)| a == b))
        {
            Some((_, k)) => *k = key,
            None => bucket.push((parts.map(str::to_string), key)),
        }
    }

    /// (Re)sets an Event's expiry to `EVENT_TTL` after `now`.
    fn renew(&mut self, key: &Key, hash: u64, now: SimTime) {
        // Its own counter: `seq` is part of Event names.
        self.writes += 1;
        let at = (now + EVENT_TTL, self.writes);
        if let Some(old) = self.deadline.insert(key.clone(), at) {
            self.expiry.remove(&old);
        }
        self.expiry.insert(at, (key.clone(), hash));
    }

    /// Forgets an Event's deadline; false when it had none (already gone).
    fn drop_deadline(&mut self, key: &Key) -> bool {
        match self.deadline.remove(key) {
            Some(at) => {
                self.expiry.remove(&at);
                true
            }
            None => false,
        }
    }

    /// Drops creation-order entries of Events that are already gone.
    fn trim_order(&mut self) {
        while self
            .order
            .front()
            .is_some_and(|(k, _)| !self.deadline.contains_key(k))
        {
            self.order.pop_front();
        }
    }

    /// Forgets the identity pointing at an Event that is gone.
    fn forget(&mut self, hash: u64, key: &Key) {
        if let Some(bucket) = self.index.get_mut(&hash) {
            bucket.retain(|(_, k)| k != key);
            if bucket.is_empty() {
                self.index.remove(&hash);
            }
        }
    }
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
        let parts: [&str; 5] = [&m.uid, source.component, type_, reason, &message];
        let hash = identity_hash(&parts);
        let existing = self
            .recorder
            .lookup(hash, &parts)
            .and_then(|k| self.store.events.get_key(k).cloned());
        let count = if let Some(ev) = existing {
            let mut ev = (*ev).clone();
            ev.count += 1;
            ev.last_timestamp = Some(now);
            let c = ev.count;
            let key = (ev.metadata.namespace.clone(), ev.metadata.name.clone());
            self.write_status(ev);
            // Each write of an Event gives it a new time to live.
            self.recorder.renew(&key, hash, self.now);
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
            self.recorder.insert(hash, &parts, key.clone());
            self.recorder.renew(&key, hash, self.now);
            self.recorder.order.push_back((key, hash));
            while self.recorder.deadline.len() > self.config.limits.max_events {
                let Some((old, old_hash)) = self.recorder.order.pop_front() else {
                    break;
                };
                // Entries of Events that already expired are skipped.
                if self.recorder.drop_deadline(&old) {
                    self.store
                        .remove(super::objects::Kind::Event, &old.0, &old.1);
                    // Event names are unique (a sequence number), so only the
                    // identity recorded with this key can point at it.
                    self.recorder.forget(old_hash, &old);
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

impl Engine {
    /// Deletes the Events whose time to live has run out by now (the API
    /// server's storage drops them; watchers see them deleted).
    pub(crate) fn expire_events(&mut self) {
        while let Some((&(at, seq), _)) = self.recorder.expiry.first_key_value() {
            if at > self.now {
                break;
            }
            let Some((key, hash)) = self.recorder.expiry.remove(&(at, seq)) else {
                break;
            };
            self.recorder.deadline.remove(&key);
            self.store
                .remove(super::objects::Kind::Event, &key.0, &key.1);
            self.recorder.forget(hash, &key);
        }
        self.recorder.trim_order();
    }
}
