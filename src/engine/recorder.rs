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

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::event::{ObjRef, SimEventKind};
use super::objects::{
    Event, EventSeries, EventSource, Object, ObjectMeta, ObjectReference, RcStr, Time,
};
use super::store::Store;
use super::time::{SimDuration, SimTime};
use super::Engine;

/// The API server's `--event-ttl` default.
pub const EVENT_TTL: SimDuration = SimDuration::secs(3600);

/// A 64-bit FNV-1a hash of an identity — (object uid, source, type,
/// reason, message), each part ended by a 0xff byte, which UTF-8 never
/// contains: the index's key. Equal identities hash alike; the rare
/// different ones that collide share a bucket and are told apart by
/// comparing the stored Events.
fn identity_hash(parts: &[&str; 5]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    // The same bytes in the same order as hashing `p.bytes()` chained with
    // the end byte, without the chained iterator's per-byte branch (this
    // runs over every recorded event's message).
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for p in parts {
        for &b in p.as_bytes() {
            eat(b);
        }
        eat(0xff);
    }
    h
}

/// Appends `n` in lower-case hex without leading zeros, as `{:x}` does.
fn push_hex_u128(out: &mut String, n: u128) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 32];
    let mut m = n;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = HEX[(m & 0xf) as usize];
        m >>= 4;
        if m == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
    }
}

/// Whether a stored Event is the one an identity names.
fn same_identity(ev: &Event, parts: &[&str; 5]) -> bool {
    ev.involved_object.uid == parts[0]
        && ev.reporting_component == parts[1]
        && ev.type_ == parts[2]
        && ev.reason == parts[3]
        && ev.message == parts[4]
}

/// One recorded Event the recorder still tracks.
#[derive(Clone, Debug)]
struct Live {
    /// The Event's namespace and name, sharing the Event's own strings.
    key: (RcStr, RcStr),
    /// Its identity's hash (its bucket in `index`).
    hash: u64,
    /// When it expires, with the number of its last write (`expiry`'s key).
    due: (SimTime, u64),
}

/// Recorder state kept beside the store. Each recorded Event has an id,
/// the sequence number in its name, so creation order is id order and
/// every table holds a number instead of a copy of the Event's key.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// (identity hash, id) of every tracked Event: the Events with one
    /// hash are a range (a set of pairs, not a map to lists: nearly every
    /// hash has one Event, and a list each cost a separate allocation).
    index: BTreeSet<(u64, u64)>,
    /// The tracked Events by id: the oldest first.
    live: BTreeMap<u64, Live>,
    seq: u64,
    /// Event writes so far: orders `expiry` among equal times.
    writes: u64,
    /// The deadlines in the order they fall due, with the Event's id.
    expiry: BTreeMap<(SimTime, u64), u64>,
}

impl Recorder {
    /// The tracked Event with this identity, if the store still has it:
    /// the newest, when a finished series left an older one behind.
    fn lookup(&self, store: &Store, hash: u64, parts: &[&str; 5]) -> Option<(u64, Rc<Event>)> {
        self.index
            .range((hash, 0)..=(hash, u64::MAX))
            .rev()
            .find_map(|&(_, id)| {
                let k = &self.live.get(&id)?.key;
                let ev = store.events.get(&k.0, &k.1)?;
                same_identity(ev, parts).then(|| (id, ev.clone()))
            })
    }

    /// Tracks a new Event, expiring `EVENT_TTL` after `now`.
    fn insert(&mut self, id: u64, key: (RcStr, RcStr), hash: u64, now: SimTime) {
        self.index.insert((hash, id));
        let due = self.next_due(now);
        self.expiry.insert(due, id);
        self.live.insert(id, Live { key, hash, due });
    }

    fn next_due(&mut self, now: SimTime) -> (SimTime, u64) {
        // Its own counter: `seq` is part of Event names.
        self.writes += 1;
        (now + EVENT_TTL, self.writes)
    }

    /// Gives an Event a new time to live from `now` (each write does).
    fn renew(&mut self, id: u64, now: SimTime) {
        let due = self.next_due(now);
        if let Some(live) = self.live.get_mut(&id) {
            self.expiry.remove(&live.due);
            live.due = due;
            self.expiry.insert(due, id);
        }
    }

    /// Stops tracking an Event; returns its key.
    fn forget(&mut self, id: u64) -> Option<(RcStr, RcStr)> {
        let live = self.live.remove(&id)?;
        self.expiry.remove(&live.due);
        self.index.remove(&(live.hash, id));
        Some(live.key)
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

/// Which of client-go's recorders writes an Event: `tools/record` (core/v1:
/// `count`, first and last timestamps, `source`), or `tools/events`
/// (events.k8s.io, the scheduler's: `eventTime` in microseconds, an
/// `action`, `reportingInstance` `<controller>-<host>`, a `series` when
/// seen again, no `source`).
enum Api {
    Core,
    Events { action: &'static str },
}

/// client-go's events recorder ends a series (`finishSeries`, every 6
/// minutes from its start with the cluster): an Event last seen more than
/// 6 minutes before a tick leaves the recorder's cache then, and the next
/// occurrence is a new Event.
const FINISH_TIME: SimDuration = SimDuration::secs(360);

fn series_finished(ev: &Event, now: SimTime) -> bool {
    let last = match (ev.series.as_deref(), ev.event_time) {
        (Some(s), _) => s.last_observed_time.sim(),
        (None, Some(t)) => t.sim(),
        (None, None) => return false,
    };
    let period = FINISH_TIME.as_ms();
    let last_tick = SimTime(now.0 / period * period);
    last_tick.0 > last.0 + period
}

impl Engine {
    /// Records an Event through the events.k8s.io recorder, as the
    /// scheduler does (`Scheduled` with action `Binding`,
    /// `FailedScheduling` with `Scheduling`). Its instance is the
    /// controller on the control-plane node's host name (real dumps:
    /// `reportingInstance: default-scheduler-kind-control-plane`).
    ///
    /// A repeat becomes a `series` (count 2 at the second occurrence),
    /// until the series is finished (`FINISH_TIME`). The recorder writes
    /// later counts only on its 30-minute refresh or when the series ends;
    /// here each repeat is written at once, as the core recorder's counts
    /// are.
    pub(crate) fn record_event_api(
        &mut self,
        obj: &Object,
        type_: &str,
        reason: &str,
        action: &'static str,
        message: String,
        controller: &'static str,
    ) {
        let source = Source {
            component: controller,
            host: format!("{controller}-{}", super::bootstrap::CONTROL_PLANE),
        };
        self.record_with(
            obj,
            None,
            type_,
            reason,
            message,
            source,
            Api::Events { action },
        );
    }

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
        self.record_with(obj, field_path, type_, reason, message, source, Api::Core);
    }

    #[allow(clippy::too_many_arguments)]
    fn record_with(
        &mut self,
        obj: &Object,
        field_path: Option<String>,
        type_: &str,
        reason: &str,
        message: String,
        source: Source,
        api: Api,
    ) {
        let m = obj.meta();
        let kind = obj.kind();
        let ns: &str = if m.namespace.is_empty() {
            "default"
        } else {
            &m.namespace
        };
        let now = Time::new(self.now.trunc_secs());
        // `metav1.MicroTime`: the simulated clock's milliseconds.
        let now_micro = Time::new(self.now);
        let parts: [&str; 5] = [&m.uid, source.component, type_, reason, &message];
        let hash = identity_hash(&parts);
        let now_sim = self.now;
        let existing = self
            .recorder
            .lookup(&self.store, hash, &parts)
            .filter(|(_, ev)| !matches!(api, Api::Events { .. }) || !series_finished(ev, now_sim));
        let count = if let Some((id, ev)) = existing {
            let mut ev = (*ev).clone();
            let c = match api {
                Api::Core => {
                    ev.count += 1;
                    ev.last_timestamp = Some(now);
                    ev.count
                }
                Api::Events { .. } => {
                    let count = ev.series.as_ref().map_or(2, |s| s.count + 1);
                    ev.series = Some(Box::new(EventSeries {
                        count,
                        last_observed_time: now_micro,
                    }));
                    count
                }
            };
            self.write_status(ev);
            // Each write of an Event gives it a new time to live.
            self.recorder.renew(id, self.now);
            c
        } else {
            self.recorder.seq += 1;
            let id = self.recorder.seq;
            let nanos = (self.now.unix_secs() as u128) * 1_000_000_000
                + (self.now.as_ms() % 1000) as u128 * 1_000_000
                + id as u128;
            // `format!("{}.{:x}", m.name, nanos)`, built by hand: one per
            // recorded event.
            let mut name = String::with_capacity(m.name.len() + 1 + 32);
            name.push_str(&m.name);
            name.push('.');
            push_hex_u128(&mut name, nanos);
            let name = RcStr::from(name);
            let namespace = RcStr::interned(ns);
            let mut ev = Event {
                metadata: ObjectMeta {
                    name: name.clone(),
                    namespace: namespace.clone(),
                    uid: self.rng.uuid().into(),
                    creation_timestamp: Some(now),
                    ..Default::default()
                },
                involved_object: ObjectReference {
                    api_version: RcStr::interned(&kind.api_version()),
                    kind: RcStr::interned(kind.name()),
                    namespace: m.namespace.clone(),
                    name: m.name.clone(),
                    uid: m.uid.clone(),
                    resource_version: m.resource_version.clone(),
                    field_path: RcStr::interned(&field_path.unwrap_or_default()),
                },
                reason: RcStr::interned(reason),
                message: message.clone().into(),
                source: Default::default(),
                first_timestamp: None,
                last_timestamp: None,
                count: 0,
                type_: RcStr::interned(type_),
                event_time: None,
                action: RcStr::default(),
                series: None,
                reporting_component: RcStr::interned(source.component),
                reporting_instance: RcStr::interned(&source.host),
            };
            match api {
                Api::Core => {
                    ev.source = EventSource {
                        component: ev.reporting_component.clone(),
                        host: ev.reporting_instance.clone(),
                    };
                    ev.first_timestamp = Some(now);
                    ev.last_timestamp = Some(now);
                    ev.count = 1;
                }
                Api::Events { action } => {
                    ev.event_time = Some(now_micro);
                    ev.action = RcStr::interned(action);
                }
            }
            self.write_status(ev);
            self.recorder.insert(id, (namespace, name), hash, self.now);
            // Past the limit the oldest go (ids count up: the first is the oldest).
            while self.recorder.live.len() > self.config.limits.max_events {
                let Some(oldest) = self.recorder.live.keys().next().copied() else {
                    break;
                };
                if let Some(key) = self.recorder.forget(oldest) {
                    self.store
                        .remove(super::objects::Kind::Event, &key.0, &key.1);
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
        while let Some((&due, &id)) = self.recorder.expiry.first_key_value() {
            if due.0 > self.now {
                break;
            }
            match self.recorder.forget(id) {
                Some(key) => {
                    self.store
                        .remove(super::objects::Kind::Event, &key.0, &key.1);
                }
                // Not tracked (cannot happen): drop the stray deadline.
                None => {
                    self.recorder.expiry.remove(&due);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn push_hex_u128_writes_what_format_writes() {
        for n in [
            0u128,
            1,
            15,
            16,
            0xdead_beef,
            u128::from(u64::MAX) * 977,
            u128::MAX,
        ] {
            let mut s = String::new();
            super::push_hex_u128(&mut s, n);
            assert_eq!(s, format!("{n:x}"));
        }
    }

    #[test]
    fn identity_hash_is_fnv1a_of_the_parts_each_ended_by_ff() {
        let parts = [
            "uid-1",
            "kubelet",
            "Normal",
            "Pulled",
            "Successfully pulled",
        ];
        let mut want: u64 = 0xcbf2_9ce4_8422_2325;
        for p in parts {
            for b in p.bytes().chain(std::iter::once(0xff)) {
                want ^= u64::from(b);
                want = want.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        assert_eq!(super::identity_hash(&parts), want);
    }
}
