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
//!
//! Before a core/v1 Event is written it goes through client-go's
//! `EventCorrelator` (`tools/record/events_cache.go`), in its order:
//! - **aggregation**: the tenth distinct message of one reason about one
//!   object from one source, within a chain of occurrences no more than 10
//!   minutes apart, is written as one Event `(combined from similar
//!   events): <message>` that later such messages update (a StatefulSet
//!   scaled to five with a claim template: its tenth `SuccessfulCreate`);
//! - **counting**: an identical occurrence bumps the Event's count;
//! - **spam filtering**: a source may write 25 Events about an object, then
//!   one every 5 minutes (a token bucket); an occurrence it may not write is
//!   still counted, so the next write carries the whole count (`4m47s (x271
//!   over 9m38s)`: seen all along, written last almost five minutes ago).
//!
//! What the correlator keeps is derived from the tracked Events where
//! upstream keeps caches: the aggregation set is the distinct messages of
//! the object's Events of that reason last seen within the chain, and a
//! source's token bucket exists only once it has seen 25 occurrences about
//! the object (before that no occurrence can have been refused; the bucket
//! then starts as if each had taken its token since the first, refilling
//! meanwhile). Counts and times of occurrences not yet written are kept
//! beside the Events (`Recorder::unwritten`).

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

/// A 64-bit FNV-1a hash of the parts of a key, each part ended by a 0xff
/// byte, which UTF-8 never contains. An Event is tracked under three:
/// its source and object (the spam key), plus its type and reason (the
/// aggregation key), and its message. Keys that would collide are
/// astronomically rare at these counts, and would only merge two
/// objects' correlator state.
fn identity_hash(parts: &[&str]) -> u64 {
    identity_hash_from(FNV_OFFSET, parts)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// `identity_hash` continued from the state `h` another call returned:
/// `identity_hash_from(identity_hash(a), b)` is `identity_hash(a ++ b)`.
fn identity_hash_from(mut h: u64, parts: &[&str]) -> u64 {
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

/// Ids below this are the last six decimal digits of the nanoseconds an
/// Event's name ends with (`new_event_id` adds the id to a whole number of
/// milliseconds).
const ID_IN_NAME_BELOW: u64 = 1_000_000;

/// The id a recorded Event's name carries (`<object>.<hex nanoseconds>`),
/// if the name has that shape; meaningful while ids are below
/// `ID_IN_NAME_BELOW`.
fn id_in_name(name: &str) -> Option<u64> {
    let (_, hex) = name.rsplit_once('.')?;
    if hex.is_empty() || hex.len() > 32 {
        return None;
    }
    let nanos = u128::from_str_radix(hex, 16).ok()?;
    Some((nanos % u128::from(ID_IN_NAME_BELOW)) as u64)
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

/// One recorded Event the recorder still tracks.
#[derive(Clone, Debug)]
struct Live {
    /// The Event's namespace and name, sharing the Event's own strings.
    key: (RcStr, RcStr),
    /// When it expires, with the number of its last write (`expiry`'s key).
    due: (SimTime, u64),
    /// Its occurrences so far, written or not (the spam filter sums them
    /// per source and object without reading the Events).
    count: u32,
}

/// Recorder state kept beside the store. Each recorded Event has an id,
/// the sequence number in its name, so creation order is id order and
/// every table holds a number instead of a copy of the Event's key.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// (spam, aggregation, message hash, id) of every tracked Event: the
    /// Events of one source about one object are a range, and those of one
    /// reason a range within it (a set of tuples, not maps of lists: nearly
    /// every key has one Event, and a list each cost an allocation).
    index: BTreeSet<(u64, u64, u64, u64)>,
    /// The tracked Events by id: the oldest first.
    live: BTreeMap<u64, Live>,
    seq: u64,
    /// Event writes so far: orders `expiry` among equal times.
    writes: u64,
    /// The deadlines in the order they fall due, with the Event's id.
    expiry: BTreeMap<(SimTime, u64), u64>,
    /// Occurrences the spam filter kept from being written, by Event id:
    /// the count and times the next write will carry. An id here whose
    /// Event is not in the store was refused from its first occurrence.
    unwritten: BTreeMap<u64, Unwritten>,
    /// The token buckets of the spam filter, by spam key: only for a
    /// source and object with 25 occurrences or more (see the module doc).
    buckets: BTreeMap<u64, Bucket>,
    /// Whether the events recorder's next series tick is on the timers.
    series_tick_queued: bool,
}

/// An Event's keys: (spam, aggregation, message) hashes, from its source,
/// object, type, reason and message (an aggregate's message is not part of
/// its key).
fn keys(
    uid: &str,
    component: &str,
    host: &str,
    type_: &str,
    reason: &str,
    message: &str,
) -> (u64, u64, u64) {
    let spam = identity_hash(&[uid, component, host]);
    // The group's key begins with the same parts: FNV goes on from there.
    let group = identity_hash_from(spam, &[type_, reason]);
    let msg = if message.starts_with(COMBINED_PREFIX) {
        AGGREGATE_MSG
    } else {
        identity_hash(&[message]).max(AGGREGATE_MSG + 1)
    };
    (spam, group, msg)
}

/// The keys of a stored Event.
fn event_keys(ev: &Event) -> (u64, u64, u64) {
    keys(
        &ev.involved_object.uid,
        &ev.reporting_component,
        &ev.reporting_instance,
        &ev.type_,
        &ev.reason,
        &ev.message,
    )
}

/// Occurrences of an Event seen but not written yet.
#[derive(Clone, Copy, Debug)]
struct Unwritten {
    count: i64,
    first: Time,
    seen: SimTime,
    /// Its keys (an Event never written has no object to derive them from).
    at: (u64, u64, u64),
}

/// `rate.Limiter` as `flowcontrol.NewTokenBucketRateLimiter` makes it:
/// tokens refill continuously up to the burst.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: SimTime,
}

/// The correlator's constants (`events_cache.go`).
const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_INTERVAL: SimDuration = SimDuration::secs(600);
const SPAM_BURST: f64 = 25.0;
/// One token every 5 minutes.
const SPAM_REFILL_MS: f64 = 300_000.0;
pub const COMBINED_PREFIX: &str = "(combined from similar events): ";
/// The message hash under which an object's aggregate Event is tracked:
/// its message changes with each occurrence, its key has none.
const AGGREGATE_MSG: u64 = 0;

impl Bucket {
    /// `TryAccept`: refill for the time passed, then take a token if there
    /// is one.
    fn try_accept(&mut self, now: SimTime) -> bool {
        let elapsed = now.0.saturating_sub(self.at.0) as f64;
        self.tokens = (self.tokens + elapsed / SPAM_REFILL_MS).min(SPAM_BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Whether a fresh bucket would do the same from now on.
    fn full(&self, now: SimTime) -> bool {
        let elapsed = now.0.saturating_sub(self.at.0) as f64;
        self.tokens + elapsed / SPAM_REFILL_MS >= SPAM_BURST
    }
}

impl Recorder {
    /// The newest tracked Event under these keys (a finished series may
    /// have left an older one behind).
    fn newest(&self, at: (u64, u64, u64)) -> Option<u64> {
        self.index
            .range((at.0, at.1, at.2, 0)..=(at.0, at.1, at.2, u64::MAX))
            .next_back()
            .map(|k| k.3)
    }

    /// The stored Event a tracked id names, if it was written (and not
    /// deleted since).
    fn stored<'s>(&self, store: &'s Store, id: u64) -> Option<&'s Rc<Event>> {
        let l = self.live.get(&id)?;
        store.events.get(&l.key.0, &l.key.1)
    }

    /// When an Event was last seen: its last write, or a later occurrence
    /// the spam filter kept back.
    fn seen(&self, id: u64) -> Option<SimTime> {
        if let Some(u) = self.unwritten.get(&id) {
            return Some(u.seen);
        }
        self.live
            .get(&id)
            .map(|l| SimTime(l.due.0 .0.saturating_sub(EVENT_TTL.as_ms())))
    }

    /// `EventAggregate`: whether this occurrence goes to the object's
    /// aggregate Event. The set of messages is those of the reason's Events
    /// seen within the current chain (occurrences no more than
    /// `AGGREGATE_INTERVAL` apart, back from now); the tenth distinct one
    /// aggregates. Upstream then drops one message from its set (any: a Go
    /// map); here it is the new one, so the first nine keep their Events.
    fn aggregates(&self, spam: u64, group: u64, msg: u64, now: SimTime) -> bool {
        let members = || {
            self.index
                .range((spam, group, 0, 0)..=(spam, group, u64::MAX, u64::MAX))
        };
        // Fewer than nine other messages and no aggregate yet (its key
        // sorts first): nothing to look at.
        let aggregate_yet = members().next().is_some_and(|k| k.2 == AGGREGATE_MSG);
        if !aggregate_yet && members().take(AGGREGATE_MAX_EVENTS).count() + 1 < AGGREGATE_MAX_EVENTS
        {
            return false;
        }
        let mut seen: Vec<(SimTime, u64)> = members()
            .filter_map(|k| Some((self.seen(k.3)?, k.2)))
            .collect();
        crate::sort::sort_by(&mut seen, |a, b| b.0.cmp(&a.0));
        let mut prev = now;
        let mut messages = BTreeSet::new();
        for (t, m) in seen {
            if prev.0.saturating_sub(t.0) > AGGREGATE_INTERVAL.as_ms() {
                break;
            }
            prev = t;
            if m != AGGREGATE_MSG {
                messages.insert(m);
            }
        }
        !messages.contains(&msg) && messages.len() + 1 >= AGGREGATE_MAX_EVENTS
    }

    /// The occurrences counted so far of the tracked Events from one source
    /// about one object.
    fn occurrences(&self, spam: u64) -> i64 {
        self.of_source(spam)
            .filter_map(|k| self.live.get(&k.3))
            .map(|l| i64::from(l.count))
            .sum()
    }

    /// When the earliest of those occurrences was first seen.
    fn first_occurrence(&self, store: &Store, spam: u64) -> Option<SimTime> {
        self.of_source(spam)
            .filter_map(|k| match self.unwritten.get(&k.3) {
                Some(u) => Some(u.first.sim()),
                None => self
                    .stored(store, k.3)
                    .and_then(|ev| ev.first_timestamp.map(|t| t.sim())),
            })
            .min()
    }

    /// Notes the count of a tracked Event's occurrences.
    fn count_occurrence(&mut self, id: u64, count: i64) {
        if let Some(l) = self.live.get_mut(&id) {
            l.count = u32::try_from(count).unwrap_or(u32::MAX);
        }
    }

    /// The spam filter's verdict on one more occurrence from a source about
    /// an object. `prior` counts the occurrences before it and `first`
    /// is the earliest; without a bucket, fewer than 25 cannot have used
    /// the burst up.
    fn try_accept(&mut self, spam: u64, now: SimTime, prior: i64, first: SimTime) -> bool {
        let bucket = match self.buckets.get_mut(&spam) {
            Some(b) => b,
            None if prior < SPAM_BURST as i64 => return true,
            None => {
                let refill = now.0.saturating_sub(first.0) as f64 / SPAM_REFILL_MS;
                let tokens = (SPAM_BURST - prior as f64 + refill).clamp(0.0, SPAM_BURST);
                self.buckets
                    .entry(spam)
                    .or_insert(Bucket { tokens, at: now })
            }
        };
        let ok = bucket.try_accept(now);
        if bucket.full(now) {
            self.buckets.remove(&spam);
        }
        ok
    }

    /// Tracks a new Event, expiring `EVENT_TTL` after `now`.
    fn insert(&mut self, id: u64, key: (RcStr, RcStr), at: (u64, u64, u64), now: SimTime) {
        self.index.insert((at.0, at.1, at.2, id));
        let due = self.next_due(now);
        self.expiry.insert(due, id);
        self.live.insert(id, Live { key, due, count: 0 });
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

    /// Stops tracking an Event; returns its key. Its keys are derived from
    /// what the Event says (not kept beside it: 24 bytes for each of 20,000
    /// Events), or kept with its unwritten occurrences.
    fn forget(&mut self, store: &Store, id: u64) -> Option<(RcStr, RcStr)> {
        let live = self.live.get(&id)?;
        let at = match (
            self.unwritten.get(&id),
            store.events.get(&live.key.0, &live.key.1),
        ) {
            (Some(u), _) => u.at,
            (None, Some(ev)) => event_keys(ev),
            // Deleted through the API and not yet dispatched (`forget_deleted`
            // then finds nothing): its index entry is found by its id.
            (None, None) => match self.index.iter().find(|k| k.3 == id) {
                Some(&(spam, group, msg, _)) => (spam, group, msg),
                None => {
                    let live = self.live.remove(&id)?;
                    self.expiry.remove(&live.due);
                    return Some(live.key);
                }
            },
        };
        self.forget_at(id, at)
    }

    /// An Event deleted through the API: if it is still tracked, it is no
    /// longer (a later occurrence is a new Event).
    pub(crate) fn forget_deleted(&mut self, ev: &Event) {
        let tracks = |id: &u64| {
            self.live
                .get(id)
                .is_some_and(|l| l.key.0 == ev.metadata.namespace && l.key.1 == ev.metadata.name)
        };
        // While ids stay under a million, a tracked Event's id is its name's
        // nanoseconds modulo a million (`new_event_id`): one lookup says
        // whether it is tracked, without hashing its strings. Every Event
        // evicted over the limit comes here after the recorder forgot it.
        if self.seq < ID_IN_NAME_BELOW {
            let Some(id) = id_in_name(&ev.metadata.name).filter(tracks) else {
                return;
            };
            let at = event_keys(ev);
            // Its index entry is under the keys it had when recorded: an
            // Event whose strings changed since is left as the search
            // below would leave it.
            if self.index.contains(&(at.0, at.1, at.2, id)) {
                self.forget_at(id, at);
            }
            return;
        }
        let at = event_keys(ev);
        let id = self
            .index
            .range((at.0, at.1, at.2, 0)..=(at.0, at.1, at.2, u64::MAX))
            .map(|k| k.3)
            .find(tracks);
        if let Some(id) = id {
            self.forget_at(id, at);
        }
    }

    fn forget_at(&mut self, id: u64, at: (u64, u64, u64)) -> Option<(RcStr, RcStr)> {
        let live = self.live.remove(&id)?;
        self.expiry.remove(&live.due);
        self.unwritten.remove(&id);
        let (spam, group, msg) = at;
        self.index.remove(&(spam, group, msg, id));
        // The last Event of a source about an object: its bucket goes too
        // (the correlator's caches forget, too).
        if self.of_source(spam).next().is_none() {
            self.buckets.remove(&spam);
        }
        Some(live.key)
    }

    /// The tracked Events of one source about one object (their index
    /// entries), by reason and message.
    fn of_source(&self, spam: u64) -> impl Iterator<Item = &(u64, u64, u64, u64)> {
        self.index
            .range((spam, 0, 0, 0)..=(spam, u64::MAX, u64::MAX, u64::MAX))
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

fn series_finished(last: SimTime, now: SimTime) -> bool {
    now.last_tick(FINISH_TIME) > last + FINISH_TIME
}

/// When an events.k8s.io Event was last seen, as written.
fn series_last_seen(ev: &Event) -> Option<SimTime> {
    match (ev.series.as_deref(), ev.event_time) {
        (Some(s), _) => Some(s.last_observed_time.sim()),
        (None, Some(t)) => Some(t.sim()),
        (None, None) => None,
    }
}

/// The events recorder's `refreshExistingEventSeries` period: every
/// series still going is written with its count.
const REFRESH_TIME: SimDuration = SimDuration::secs(1800);

impl Engine {
    /// Puts the recorder's next 6-minute tick on the timers (once).
    fn queue_series_tick(&mut self) {
        if self.recorder.series_tick_queued {
            return;
        }
        self.recorder.series_tick_queued = true;
        self.at(
            self.now.next_tick(FINISH_TIME),
            super::Wakeup::EventSeriesTick,
        );
    }

    /// `finishSeries` (every 6 minutes) and `refreshExistingEventSeries`
    /// (every 30): a series not seen for 6 minutes is written with its
    /// final count and leaves the cache; at a refresh every series is
    /// written with its count so far.
    pub(crate) fn event_series_tick(&mut self) {
        self.recorder.series_tick_queued = false;
        let refresh = self.now.last_tick(REFRESH_TIME) == self.now;
        let pending: Vec<(u64, Unwritten)> = self
            .recorder
            .unwritten
            .iter()
            .map(|(&id, &u)| (id, u))
            .collect();
        let mut left = false;
        for (id, u) in pending {
            let Some(ev) = self.recorder.stored(&self.store, id).cloned() else {
                continue;
            };
            if ev.event_time.is_none() {
                // A core/v1 Event the spam filter holds: not this recorder's.
                continue;
            }
            if refresh || series_finished(u.seen, self.now) {
                let mut ev = (*ev).clone();
                ev.series = Some(Box::new(EventSeries {
                    count: u.count,
                    last_observed_time: Time::new(u.seen),
                }));
                self.recorder.unwritten.remove(&id);
                self.write_status(ev);
                self.recorder.renew(id, self.now);
            } else {
                left = true;
            }
        }
        if left {
            self.queue_series_tick();
        }
    }
}

impl Engine {
    /// Records an Event through the events.k8s.io recorder, as the
    /// scheduler does (`Scheduled` with action `Binding`,
    /// `FailedScheduling` with `Scheduling`). Its instance is the
    /// controller on the control-plane node's host name (real dumps:
    /// `reportingInstance: default-scheduler-kind-control-plane`).
    ///
    /// A repeat becomes a `series` (count 2 at the second occurrence,
    /// written at once), until the series is finished (`FINISH_TIME`). Later
    /// counts stay in the recorder's cache until its 30-minute refresh or the
    /// series' end writes them (`event_series_tick`).
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
        // `metav1.MicroTime`: the simulated clock's milliseconds.
        let now_micro = Time::new(self.now);
        let now_sim = self.now;
        let (spam, group, msg) = keys(
            &m.uid,
            source.component,
            &source.host,
            type_,
            reason,
            &message,
        );
        let (msg, text) = match api {
            Api::Core if self.recorder.aggregates(spam, group, msg, now_sim) => {
                (AGGREGATE_MSG, format!("{COMBINED_PREFIX}{message}"))
            }
            _ => (msg, message.clone()),
        };
        let at = (spam, group, msg);
        let existing = self.recorder.newest(at).filter(|&id| match api {
            Api::Core => true,
            // A finished series leaves the recorder: the next occurrence
            // is a new Event.
            Api::Events { .. } => self.recorder.stored(&self.store, id).is_some_and(|ev| {
                let last = match self.recorder.unwritten.get(&id) {
                    Some(u) => Some(u.seen),
                    None => series_last_seen(ev),
                };
                !last.is_some_and(|l| series_finished(l, now_sim))
            }),
        });
        let aggregated = msg == AGGREGATE_MSG;
        let count = match api {
            Api::Core => {
                self.observe_core(obj, field_path, type_, reason, text, &source, at, existing)
            }
            Api::Events { action } => match existing
                .and_then(|id| Some((id, self.recorder.stored(&self.store, id)?.clone())))
            {
                Some((id, ev)) => match (&ev.series, self.recorder.unwritten.get(&id)) {
                    // The second occurrence starts the series and is
                    // written at once.
                    (None, _) => {
                        let mut ev = (*ev).clone();
                        ev.series = Some(Box::new(EventSeries {
                            count: 2,
                            last_observed_time: now_micro,
                        }));
                        self.write_status(ev);
                        // Each write of an Event gives it a new time to live.
                        self.recorder.renew(id, self.now);
                        2
                    }
                    // Later ones only count in the recorder's cache, until
                    // its refresh or the series' end writes them.
                    (Some(series), pending) => {
                        let count = pending.map_or(series.count, |u| u.count) + 1;
                        self.recorder.unwritten.insert(
                            id,
                            Unwritten {
                                count,
                                first: ev.event_time.unwrap_or(now_micro),
                                seen: now_sim,
                                at,
                            },
                        );
                        self.queue_series_tick();
                        count
                    }
                },
                None => {
                    let id = self.new_event_id(obj, at);
                    let mut ev = self.new_event(obj, id, field_path, type_, reason, text, &source);
                    ev.event_time = Some(now_micro);
                    ev.action = RcStr::interned(action);
                    self.write_status(ev);
                    self.evict_over_limit();
                    1
                }
            },
        };
        self.narrate(SimEventKind::Recorded {
            type_: type_.to_string(),
            reason: reason.to_string(),
            object: ObjRef::new(obj.kind(), &m.namespace, &m.name),
            message,
            source: source.component.to_string(),
            // The narration tells this occurrence: an aggregate's count is
            // of other messages.
            count: if aggregated { 1 } else { count },
        });
    }

    /// `eventObserve` then the spam filter, for a core/v1 Event: counts the
    /// occurrence and writes the Event if the filter lets it. Returns the
    /// count.
    #[allow(clippy::too_many_arguments)]
    fn observe_core(
        &mut self,
        obj: &Object,
        field_path: Option<String>,
        type_: &str,
        reason: &str,
        text: String,
        source: &Source,
        at: (u64, u64, u64),
        existing: Option<u64>,
    ) -> i64 {
        let now = Time::new(self.now.trunc_secs());
        let now_sim = self.now;
        // What the recorder knows of the Event: its count and first time,
        // written or not.
        let known = existing.map(|id| {
            let stored = self.recorder.stored(&self.store, id).cloned();
            let (count, first) = match (self.recorder.unwritten.get(&id), &stored) {
                (Some(u), _) => (u.count, u.first),
                (None, Some(ev)) => (ev.count, ev.first_timestamp.unwrap_or(now)),
                (None, None) => (0, now),
            };
            (id, count + 1, first, stored)
        });
        // The occurrences so far from this source about this object (only
        // counted while the source has no bucket for it).
        let (prior, first_seen) = if self.recorder.buckets.contains_key(&at.0) {
            (0, now_sim)
        } else {
            let prior = self.recorder.occurrences(at.0);
            let first = if prior >= SPAM_BURST as i64 {
                self.recorder.first_occurrence(&self.store, at.0)
            } else {
                None
            };
            (prior, first.unwrap_or(now_sim))
        };
        let accepted = self.recorder.try_accept(at.0, now_sim, prior, first_seen);
        let id = match &known {
            Some((id, ..)) => *id,
            None => self.new_event_id(obj, at),
        };
        let count = known.as_ref().map_or(1, |k| k.1);
        let first = known.as_ref().map_or(now, |k| k.2);
        self.recorder.count_occurrence(id, count);
        if !accepted {
            self.recorder.unwritten.insert(
                id,
                Unwritten {
                    count,
                    first,
                    seen: now_sim,
                    at,
                },
            );
            // Still tracked while it is remembered.
            self.recorder.renew(id, now_sim);
            self.evict_over_limit();
            return count;
        }
        self.recorder.unwritten.remove(&id);
        let mut ev = match known.and_then(|k| k.3) {
            Some(ev) => (*ev).clone(),
            None => self.new_event(obj, id, field_path, type_, reason, text.clone(), source),
        };
        ev.source = EventSource {
            component: ev.reporting_component.clone(),
            host: ev.reporting_instance.clone(),
        };
        ev.message = text.into();
        ev.count = count;
        ev.first_timestamp = Some(first);
        ev.last_timestamp = Some(now);
        self.write_status(ev);
        self.recorder.renew(id, now_sim);
        self.evict_over_limit();
        count
    }

    /// A new tracked Event's id, its name (`<object>.<hex nanoseconds>`,
    /// the sequence number in the last digits) and keys (`evict_over_limit`
    /// keeps the count of tracked Events within the limit afterwards).
    fn new_event_id(&mut self, obj: &Object, at: (u64, u64, u64)) -> u64 {
        let m = obj.meta();
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
        let ns: &str = if m.namespace.is_empty() {
            "default"
        } else {
            &m.namespace
        };
        self.recorder
            .insert(id, (RcStr::interned(ns), RcStr::from(name)), at, self.now);
        id
    }

    /// Past the limit the oldest tracked Events go (ids count up: the
    /// first is the oldest).
    fn evict_over_limit(&mut self) {
        while self.recorder.live.len() > self.config.limits.max_events {
            let Some(oldest) = self.recorder.live.keys().next().copied() else {
                break;
            };
            if let Some(key) = self.recorder.forget(&self.store, oldest) {
                self.store
                    .remove(super::objects::Kind::Event, &key.0, &key.1);
            }
        }
    }

    /// The Event object for a new tracked id (`makeEvent`).
    #[allow(clippy::too_many_arguments)]
    fn new_event(
        &mut self,
        obj: &Object,
        id: u64,
        field_path: Option<String>,
        type_: &str,
        reason: &str,
        message: String,
        source: &Source,
    ) -> Event {
        let m = obj.meta();
        let kind = obj.kind();
        let key = self
            .recorder
            .live
            .get(&id)
            .map(|l| l.key.clone())
            .unwrap_or_default();
        Event {
            metadata: ObjectMeta {
                name: key.1,
                namespace: key.0,
                uid: self.rng.uuid().into(),
                creation_timestamp: Some(Time::new(self.now.trunc_secs())),
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
            message: message.into(),
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
        }
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
            match self.recorder.forget(&self.store, id) {
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
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::objects::Kind;

    /// A fresh engine and one of its Nodes to record about.
    fn setup() -> (Engine, Object) {
        let e = Engine::new(Config::default());
        let node = e.get(Kind::Node, "", "ordinal-worker").unwrap();
        (e, node)
    }

    fn events_about(e: &Engine, name: &str) -> Vec<Rc<Event>> {
        e.store
            .events
            .iter()
            .filter(|ev| ev.involved_object.name == name && ev.reporting_component == "test")
            .cloned()
            .collect()
    }

    fn at(e: &mut Engine, secs: u64) {
        e.advance_to(SimTime(secs * 1000));
    }

    fn record(e: &mut Engine, obj: &Object, reason: &str, message: &str) {
        e.record(
            obj,
            "Normal",
            reason,
            message.to_string(),
            Source::controller("test"),
        );
    }

    /// events_cache.go `EventAggregate`: nine distinct messages of one
    /// reason are nine Events; the tenth within the interval is written as
    /// the aggregate Event, which later new messages update; a repeat of one
    /// of the nine still counts on its own Event.
    #[test]
    fn the_tenth_distinct_message_of_a_reason_is_combined() {
        let (mut e, node) = setup();
        for i in 0..9 {
            record(
                &mut e,
                &node,
                "SuccessfulCreate",
                &format!("create Pod web-{i}"),
            );
        }
        assert_eq!(events_about(&e, "ordinal-worker").len(), 9);
        at(&mut e, 30);
        record(&mut e, &node, "SuccessfulCreate", "create Pod web-9");
        let evs = events_about(&e, "ordinal-worker");
        assert_eq!(evs.len(), 10);
        let combined: Vec<_> = evs
            .iter()
            .filter(|ev| ev.message.starts_with(COMBINED_PREFIX))
            .collect();
        assert_eq!(combined.len(), 1);
        assert_eq!(
            combined[0].message.as_str(),
            "(combined from similar events): create Pod web-9"
        );
        assert_eq!(combined[0].count, 1);
        at(&mut e, 60);
        record(&mut e, &node, "SuccessfulCreate", "create Pod web-10");
        let evs = events_about(&e, "ordinal-worker");
        assert_eq!(evs.len(), 10, "the aggregate is updated, not added to");
        let agg = evs
            .iter()
            .find(|ev| ev.message.starts_with(COMBINED_PREFIX))
            .unwrap();
        assert_eq!(
            agg.message.as_str(),
            "(combined from similar events): create Pod web-10"
        );
        assert_eq!(agg.count, 2);
        assert_eq!(agg.first_timestamp.unwrap().sim(), SimTime(30_000));
        assert_eq!(agg.last_timestamp.unwrap().sim(), SimTime(60_000));
        // One of the first nine again: its own Event counts it.
        record(&mut e, &node, "SuccessfulCreate", "create Pod web-3");
        let web3 = events_about(&e, "ordinal-worker")
            .into_iter()
            .find(|ev| ev.message.as_str() == "create Pod web-3")
            .unwrap();
        assert_eq!(web3.count, 2);
        // Another reason is another aggregation set.
        record(&mut e, &node, "SuccessfulDelete", "delete Pod web-10");
        assert!(events_about(&e, "ordinal-worker")
            .iter()
            .any(|ev| ev.message.as_str() == "delete Pod web-10"));
    }

    /// The aggregation set starts again when the reason has not been seen
    /// for more than 10 minutes.
    #[test]
    fn the_aggregation_set_resets_after_ten_quiet_minutes() {
        let (mut e, node) = setup();
        for i in 0..9 {
            record(
                &mut e,
                &node,
                "SuccessfulCreate",
                &format!("create Pod web-{i}"),
            );
        }
        at(&mut e, 601);
        record(&mut e, &node, "SuccessfulCreate", "create Pod web-9");
        let evs = events_about(&e, "ordinal-worker");
        assert_eq!(evs.len(), 10);
        assert!(evs
            .iter()
            .all(|ev| !ev.message.starts_with(COMBINED_PREFIX)));
    }

    /// `EventSourceObjectSpamFilter`: 25 Events from a source about an
    /// object, then one per 5 minutes; refused occurrences are still
    /// counted, and the next write carries them (`x271 over 9m38s` with the
    /// last write minutes old).
    #[test]
    fn a_source_writes_25_events_about_an_object_then_one_per_five_minutes() {
        let (mut e, node) = setup();
        // Every 15 s, as the volume binder's resync repeats a claim's failure.
        let mut t = 0;
        for _ in 0..40 {
            at(&mut e, t);
            record(
                &mut e,
                &node,
                "ProvisioningFailed",
                "storageclass \"fast\" not found",
            );
            t += 15;
        }
        // 40 occurrences over 585 s: written 25 times from 0 s (the burst),
        // then at 375 s (the tokens refilled meanwhile make one more).
        let ev = events_about(&e, "ordinal-worker").pop().unwrap();
        assert_eq!(ev.first_timestamp.unwrap().sim(), SimTime(0));
        assert_eq!(ev.count, 26);
        assert_eq!(ev.last_timestamp.unwrap().sim(), SimTime(375_000));
        // The next token is there at 600 s: the write carries every
        // occurrence since.
        at(&mut e, 600);
        record(
            &mut e,
            &node,
            "ProvisioningFailed",
            "storageclass \"fast\" not found",
        );
        let ev = events_about(&e, "ordinal-worker").pop().unwrap();
        assert_eq!(ev.count, 41);
        assert_eq!(ev.last_timestamp.unwrap().sim(), SimTime(600_000));
    }

    /// The spam key is the source and the object: another object, or
    /// another source about the same object, has its own 25.
    #[test]
    fn the_spam_filter_is_per_source_and_object() {
        let (mut e, node) = setup();
        let other = e.get(Kind::Node, "", "ordinal-worker2").unwrap();
        for i in 0..30 {
            record(&mut e, &node, "Reason", &format!("m{}", i % 3));
        }
        let counted: i64 = events_about(&e, "ordinal-worker")
            .iter()
            .map(|ev| ev.count)
            .sum();
        assert_eq!(counted, 25, "only 25 occurrences written at once");
        record(&mut e, &other, "Reason", "m0");
        assert_eq!(events_about(&e, "ordinal-worker2").len(), 1);
        e.record(
            &node,
            "Normal",
            "Reason",
            "m0".into(),
            Source::controller("another"),
        );
        assert!(e
            .store
            .events
            .iter()
            .any(|ev| ev.reporting_component == "another"));
    }

    /// A message first seen while the source may not write about the
    /// object is written later with its first time and count.
    #[test]
    fn an_event_refused_at_first_is_written_later_whole() {
        let (mut e, node) = setup();
        for i in 0..25 {
            record(&mut e, &node, "Reason", &format!("m{}", i % 5));
        }
        record(&mut e, &node, "Late", "late message");
        assert!(!events_about(&e, "ordinal-worker")
            .iter()
            .any(|ev| ev.reason.as_str() == "Late"));
        at(&mut e, 100);
        record(&mut e, &node, "Late", "late message");
        at(&mut e, 300);
        record(&mut e, &node, "Late", "late message");
        let late = events_about(&e, "ordinal-worker")
            .into_iter()
            .find(|ev| ev.reason.as_str() == "Late")
            .expect("written once a token refilled");
        assert_eq!(late.count, 3);
        assert_eq!(late.first_timestamp.unwrap().sim(), SimTime(0));
        assert_eq!(late.last_timestamp.unwrap().sim(), SimTime(300_000));
    }

    /// `forget_deleted` finds a tracked Event by the id its name carries;
    /// an Event the recorder no longer tracks (evicted, or a name of
    /// another shape) leaves the recorder as it was.
    #[test]
    fn a_recorded_events_name_carries_its_id_and_deleting_it_forgets_it() {
        let (mut e, node) = setup();
        record(&mut e, &node, "Pulled", "one");
        at(&mut e, 2);
        record(&mut e, &node, "Pulled", "two");
        let evs = events_about(&e, "ordinal-worker");
        assert_eq!(evs.len(), 2);
        let ids: Vec<u64> = evs
            .iter()
            .map(|ev| super::id_in_name(&ev.metadata.name).unwrap())
            .collect();
        for (ev, id) in evs.iter().zip(&ids) {
            assert_eq!(e.recorder.live[id].key.1, ev.metadata.name);
        }
        let tracked = e.recorder.live.len();
        let mut stranger = (*evs[1]).clone();
        stranger.metadata.name = "web-0.not-hex".into();
        e.recorder.forget_deleted(&stranger);
        assert_eq!(e.recorder.live.len(), tracked);
        e.recorder.forget_deleted(&evs[0]);
        assert!(!e.recorder.live.contains_key(&ids[0]));
        assert!(e.recorder.live.contains_key(&ids[1]));
        assert_eq!(e.recorder.live.len(), tracked - 1);
        // No index entry is left for the forgotten id.
        assert!(e.recorder.index.iter().all(|k| k.3 != ids[0]));
        // Deleted twice (an eviction, then its change dispatched): nothing more.
        e.recorder.forget_deleted(&evs[0]);
        assert_eq!(e.recorder.live.len(), tracked - 1);
    }

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
        // Going on from a prefix's hash is hashing the whole.
        let prefix = super::identity_hash(&parts[..3]);
        assert_eq!(super::identity_hash_from(prefix, &parts[3..]), want);
    }
}
