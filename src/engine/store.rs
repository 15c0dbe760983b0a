//! The in-memory "API server storage": one ordered table per kind, a global
//! resourceVersion counter, and a change log that drives the controllers
//! and `kubectl get -w`.
//!
//! Ordered maps only (BTreeMap), so every iteration order — and therefore
//! every event log and transcript — is the same on every run. Payloads are
//! `Rc`-shared, so cloning the store (the page's rewind snapshots) copies
//! pointers, not objects.
//!
//! This layer does storage only: defaulting, validation, graceful deletion
//! and garbage collection live in `apiserver.rs` on top of it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use super::namekey::NameKey;
use super::objects::*;

/// (namespace, name); the namespace is empty for cluster-scoped kinds.
pub type Key = (String, String);

pub fn key(ns: &str, name: &str) -> Key {
    (ns.to_string(), name.to_string())
}

/// One kind's objects: namespace → name → object. Nested maps let a
/// lookup borrow `&str` keys (no allocation on the hot paths of the
/// controllers) and keep a namespace's objects together, in name order.
/// Names are `NameKey`s: a short name's bytes sit in the B-tree node that
/// a lookup reads anyway (see `namekey.rs`).
#[derive(Clone, Debug)]
pub struct Table<T> {
    map: BTreeMap<String, BTreeMap<NameKey, Rc<T>>>,
    len: usize,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            map: BTreeMap::new(),
            len: 0,
        }
    }
}

impl<T: Resource> Table<T> {
    pub fn get(&self, ns: &str, name: &str) -> Option<&Rc<T>> {
        self.map.get(ns)?.get(name.as_bytes())
    }
    pub fn get_key(&self, k: &Key) -> Option<&Rc<T>> {
        self.get(&k.0, &k.1)
    }
    pub fn contains(&self, ns: &str, name: &str) -> bool {
        self.get(ns, name).is_some()
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// All objects, ordered by namespace then name.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Rc<T>> {
        self.map.values().flat_map(|m| m.values())
    }
    /// Objects of one namespace, ordered by name.
    pub fn in_namespace<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a Rc<T>> + 'a {
        self.map.get(ns).into_iter().flat_map(|m| m.values())
    }
    pub(crate) fn put(&mut self, obj: Rc<T>) -> Option<Rc<T>> {
        let m = obj.meta();
        // An update (the common write) replaces in place: no key copies.
        if let Some(slot) = self
            .map
            .get_mut(m.namespace.as_str())
            .and_then(|inner| inner.get_mut(m.name.as_bytes()))
        {
            return Some(std::mem::replace(slot, obj));
        }
        let (ns, name) = (m.namespace.clone(), m.name.clone());
        // A new object of a namespace already here (every new Event) needs
        // no copy of the namespace's name.
        let old = if let Some(inner) = self.map.get_mut(ns.as_str()) {
            inner.insert(NameKey::new(&name), obj)
        } else {
            self.map
                .entry(ns.to_string())
                .or_default()
                .insert(NameKey::new(&name), obj)
        };
        if old.is_none() {
            self.len += 1;
        }
        old
    }
    pub(crate) fn take(&mut self, ns: &str, name: &str) -> Option<Rc<T>> {
        let inner = self.map.get_mut(ns)?;
        let old = inner.remove(name.as_bytes());
        if inner.is_empty() {
            self.map.remove(ns);
        }
        if old.is_some() {
            self.len -= 1;
        }
        old
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeOp {
    Added,
    Modified,
    Deleted,
}

impl ChangeOp {
    /// The watch event type name (`ADDED` …), as `kubectl get -w --output-watch-events` prints it.
    pub fn watch_type(self) -> &'static str {
        match self {
            ChangeOp::Added => "ADDED",
            ChangeOp::Modified => "MODIFIED",
            ChangeOp::Deleted => "DELETED",
        }
    }
}

/// One entry of the change log: what a watch would deliver.
#[derive(Clone, Debug)]
pub struct Change {
    pub resource_version: u64,
    pub op: ChangeOp,
    /// The object after the change (before it, for deletions).
    pub object: Object,
    /// The object before a modification.
    pub old: Option<Object>,
}

/// How many changes the log keeps for watchers that lag behind.
pub const CHANGE_LOG_CAPACITY: usize = 4_096;

macro_rules! tables {
    ($($field:ident : $k:ident),* $(,)?) => {
        #[derive(Clone, Debug, Default)]
        pub struct Store {
            $(pub $field: Table<$k>,)*
            /// Kinds Ordinal stores but does not run, by (kind, namespace, name).
            pub others: BTreeMap<(Kind, String, String), Rc<GenericObject>>,
            resource_version: u64,
            /// Bounded history for watchers (`kubectl get -w`). Shared,
            /// copy-on-write: a scratch copy of the engine (a container's
            /// process runs on one) does not copy 4096 changes.
            log: Rc<VecDeque<Change>>,
            /// Every change not yet handed to the controllers (never dropped).
            pending: Vec<Change>,
            /// Indexes kept with every write (see `ClaimIndex`).
            claims: ClaimIndex,
        }

        /// Compile-time access from a type to its table.
        pub trait Stored: Resource {
            fn table(store: &Store) -> &Table<Self>;
            fn table_mut(store: &mut Store) -> &mut Table<Self>;
        }
        $(impl Stored for $k {
            fn table(store: &Store) -> &Table<Self> { &store.$field }
            fn table_mut(store: &mut Store) -> &mut Table<Self> { &mut store.$field }
        })*

        impl Store {
            /// Looks an object up by kind known at run time.
            pub fn get_dyn(&self, kind: Kind, ns: &str, name: &str) -> Option<Object> {
                match kind {
                    $(Kind::$k => self.$field.get(ns, name).map(|o| Object::$k(o.clone())),)*
                    other => self.others.get(&(other, ns.to_string(), name.to_string())).map(|o| Object::Other(other, o.clone())),
                }
            }
            /// Lists a kind in one namespace (`Some`) or all (`None`), ordered by namespace and name.
            pub fn list_dyn(&self, kind: Kind, ns: Option<&str>) -> Vec<Object> {
                match kind {
                    $(Kind::$k => match ns {
                        Some(ns) => self.$field.in_namespace(ns).map(|o| Object::$k(o.clone())).collect(),
                        None => self.$field.iter().map(|o| Object::$k(o.clone())).collect(),
                    },)*
                    // The kind leads the key: its objects are one range
                    // (the Priority admission plugin lists PriorityClasses
                    // on every Pod created).
                    other => self.others.range((other, String::new(), String::new())..)
                        .take_while(|((k, _, _), _)| *k == other)
                        .filter(|((_, n, _), _)| ns.is_none_or(|ns| ns == n))
                        .map(|(_, o)| Object::Other(other, o.clone()))
                        .collect(),
                }
            }
            /// Counts every stored object (limits are checked against this).
            pub fn object_count(&self) -> usize {
                0 $(+ self.$field.len())* + self.others.len()
            }
            fn put_dyn(&mut self, obj: Object) -> Option<Object> {
                match obj {
                    $(Object::$k(o) => self.$field.put(o).map(Object::$k),)*
                    Object::Other(k, o) => {
                        let m = &o.metadata;
                        let key = (k, m.namespace.to_string(), m.name.to_string());
                        self.others.insert(key, o).map(|old| Object::Other(k, old))
                    }
                }
            }
            fn take_dyn(&mut self, kind: Kind, ns: &str, name: &str) -> Option<Object> {
                match kind {
                    $(Kind::$k => self.$field.take(ns, name).map(Object::$k),)*
                    other => self.others.remove(&(other, ns.to_string(), name.to_string())).map(|o| Object::Other(other, o)),
                }
            }
        }
    };
}

tables!(
    pods: Pod,
    statefulsets: StatefulSet,
    services: Service,
    pvcs: PersistentVolumeClaim,
    pvs: PersistentVolume,
    storage_classes: StorageClass,
    endpoint_slices: EndpointSlice,
    endpoints: Endpoints,
    revisions: ControllerRevision,
    events: Event,
    nodes: Node,
    namespaces: Namespace,
    config_maps: ConfigMap,
    secrets: Secret,
);

/// A resourceVersion as text (`rv.to_string()`, without the formatting
/// machinery: every write stamps one).
fn rv_text(rv: u64) -> String {
    let mut s = String::with_capacity(20);
    crate::engine::rng::push_unsigned(&mut s, rv);
    s
}

impl Store {
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    fn next_rv(&mut self) -> u64 {
        self.resource_version += 1;
        self.resource_version
    }

    fn record(&mut self, op: ChangeOp, object: Object, old: Option<Object>, rv: u64) {
        self.claims.update(op, &object, old.as_ref());
        let log = Rc::make_mut(&mut self.log);
        if log.len() >= CHANGE_LOG_CAPACITY {
            log.pop_front();
        }
        let change = Change {
            resource_version: rv,
            op,
            object,
            old,
        };
        self.pending.push(change.clone());
        log.push_back(Change {
            old: None,
            ..change
        });
    }

    /// Whether two stores still share one watch log (nothing written since
    /// one was copied from the other).
    #[cfg(test)]
    pub(crate) fn shares_log_with(&self, other: &Store) -> bool {
        Rc::ptr_eq(&self.log, &other.log)
    }

    /// Takes every change the controllers have not seen yet, oldest first.
    pub(crate) fn take_pending(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.pending)
    }

    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Changes with a resourceVersion greater than `after`, oldest first.
    pub fn changes_since(&self, after: u64) -> impl Iterator<Item = &Change> {
        let start = self.log.partition_point(|c| c.resource_version <= after);
        self.log.range(start..)
    }

    /// The oldest resourceVersion the log can still replay from.
    pub fn oldest_logged(&self) -> u64 {
        self.log
            .front()
            .map_or(self.resource_version, |c| c.resource_version)
    }

    /// Writes an object (insert or replace), stamping a new resourceVersion.
    /// Returns the stored object.
    pub fn write(&mut self, mut obj: Object) -> Object {
        let rv = self.next_rv();
        obj.meta_mut().resource_version = rv_text(rv).into();
        let old = self.put_dyn(obj.clone());
        let op = if old.is_some() {
            ChangeOp::Modified
        } else {
            ChangeOp::Added
        };
        self.record(op, obj.clone(), old, rv);
        obj
    }

    /// Typed write.
    pub fn write_typed<T: Stored>(&mut self, mut obj: T) -> Rc<T> {
        let rv = self.next_rv();
        obj.meta_mut().resource_version = rv_text(rv).into();
        let rc = Rc::new(obj);
        let old = T::table_mut(self).put(rc.clone());
        let op = if old.is_some() {
            ChangeOp::Modified
        } else {
            ChangeOp::Added
        };
        self.record(op, T::wrap(rc.clone()), old.map(T::wrap), rv);
        rc
    }

    /// Removes an object for good. Returns it, if it existed.
    pub fn remove(&mut self, kind: Kind, ns: &str, name: &str) -> Option<Object> {
        let old = self.take_dyn(kind, ns, name)?;
        let rv = self.next_rv();
        self.record(ChangeOp::Deleted, old.clone(), None, rv);
        Some(old)
    }

    pub fn get<T: Stored>(&self, ns: &str, name: &str) -> Option<&Rc<T>> {
        T::table(self).get(ns, name)
    }

    /// The Pods that mount a claim (`persistentVolumeClaim` volumes), in
    /// name order — what a scan of the namespace's Pods would find.
    pub fn pods_using_claim<'a>(
        &'a self,
        ns: &'a str,
        claim: &str,
    ) -> impl Iterator<Item = &'a Rc<Pod>> + 'a {
        self.claims
            .pods
            .get(ns)
            .and_then(|m| m.get(claim))
            .into_iter()
            .flatten()
            .filter_map(move |name| self.pods.get(ns, name))
    }

    /// The PersistentVolumes whose claimRef names `ns/name` (whatever uid).
    pub fn volumes_naming_claim<'a>(
        &'a self,
        ns: &str,
        name: &str,
    ) -> impl Iterator<Item = &'a Rc<PersistentVolume>> + 'a {
        self.claims
            .volumes_by_ref
            .get(ns)
            .and_then(|n| n.get(name))
            .into_iter()
            .flatten()
            .filter_map(move |k| self.pvs.get(&k.0, &k.1))
    }

    /// The PersistentVolumes a claim could bind to: those whose claimRef
    /// names it (by namespace and name, or by uid) and those without a
    /// claimRef, in the store's order; any other volume is claimed by
    /// someone else. Found without a scan, but for a claim without a uid
    /// (a claimRef without one matches it): then every volume.
    pub fn volumes_for_claim(&self, claim: &PersistentVolumeClaim) -> Vec<&Rc<PersistentVolume>> {
        let m = &claim.metadata;
        if m.uid.is_empty() {
            return self.pvs.iter().collect();
        }
        let mut keys: Vec<&SharedKey> = self
            .claims
            .volumes_by_ref
            .get(m.namespace.as_str())
            .and_then(|n| n.get(m.name.as_str()))
            .into_iter()
            .flatten()
            .chain(
                self.claims
                    .volumes_by_uid
                    .get(m.uid.as_str())
                    .into_iter()
                    .flatten(),
            )
            .chain(self.claims.unclaimed_volumes.iter())
            .collect();
        crate::sort::sort(&mut keys);
        keys.dedup();
        keys.into_iter()
            .filter_map(|k| self.pvs.get(&k.0, &k.1))
            .collect()
    }
}

type Names = SmallSet<RcStr>;

/// A sorted set kept in a Vec: the sets of the claim index hold one or two
/// members each, and a B-tree node for one member costs 300–550 bytes (at
/// 10,000 Pods, 12 MB of the index's 17).
#[derive(Clone, Debug)]
struct SmallSet<T>(Vec<T>);

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        SmallSet(Vec::new())
    }
}

impl<T: Ord> SmallSet<T> {
    fn insert(&mut self, v: T) {
        if let Err(i) = self.0.binary_search(&v) {
            self.0.insert(i, v);
        }
    }

    fn remove(&mut self, v: &T) {
        if let Ok(i) = self.0.binary_search(v) {
            self.0.remove(i);
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, T> IntoIterator for &'a SmallSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Who refers to claims, kept up to date on every write (so lookups by
/// claim need no scan of all Pods or volumes). Its keys and members share
/// the objects' own strings (`RcStr`): at 10,000 Pods, copies of them were
/// most of the index.
#[derive(Clone, Debug, Default)]
struct ClaimIndex {
    /// namespace → claim → the Pods mounting it.
    pods: BTreeMap<RcStr, BTreeMap<RcStr, Names>>,
    /// claimRef namespace → claimRef name → volumes.
    volumes_by_ref: BTreeMap<RcStr, BTreeMap<RcStr, Keys>>,
    /// claimRef uid → volumes (claimRefs with a uid).
    volumes_by_uid: BTreeMap<RcStr, Keys>,
    /// Volumes without a claimRef.
    unclaimed_volumes: BTreeSet<SharedKey>,
}

/// (namespace, name), sharing the object's strings.
type SharedKey = (RcStr, RcStr);
type Keys = SmallSet<SharedKey>;

fn index_add<T: Ord>(
    map: &mut BTreeMap<RcStr, BTreeMap<RcStr, SmallSet<T>>>,
    a: &RcStr,
    b: &RcStr,
    v: T,
) {
    map.entry(a.clone())
        .or_default()
        .entry(b.clone())
        .or_default()
        .insert(v);
}

fn index_remove<T: Ord>(
    map: &mut BTreeMap<RcStr, BTreeMap<RcStr, SmallSet<T>>>,
    a: &str,
    b: &str,
    v: &T,
) {
    if let Some(inner) = map.get_mut(a) {
        if let Some(set) = inner.get_mut(b) {
            set.remove(v);
            if set.is_empty() {
                inner.remove(b);
            }
        }
        if inner.is_empty() {
            map.remove(a);
        }
    }
}

/// Whether two versions of an object put the same entries in the claim
/// index: a Pod with the same name and claims, a volume with the same name
/// and claimRef, or any other kind (which it does not index).
fn same_references(old: &Object, new: &Object) -> bool {
    match (old, new) {
        (Object::Pod(o), Object::Pod(n)) => {
            o.metadata.namespace == n.metadata.namespace
                && o.metadata.name == n.metadata.name
                && o.claim_names().eq(n.claim_names())
        }
        (Object::PersistentVolume(o), Object::PersistentVolume(n)) => {
            o.metadata.namespace == n.metadata.namespace
                && o.metadata.name == n.metadata.name
                && o.spec.claim_ref == n.spec.claim_ref
        }
        (Object::Pod(_) | Object::PersistentVolume(_), _)
        | (_, Object::Pod(_) | Object::PersistentVolume(_)) => false,
        _ => true,
    }
}

impl ClaimIndex {
    fn update(&mut self, op: ChangeOp, object: &Object, old: Option<&Object>) {
        if op != ChangeOp::Deleted && old.is_some_and(|old| same_references(old, object)) {
            // Taking out what the old version refers to and putting in the
            // same entries for the new one leaves every set as it was (they
            // are sets of names, equal by text): a Pod status write, the
            // common write, skips both.
            return;
        }
        if let Some(old) = old {
            self.apply(old, false);
        }
        self.apply(object, op != ChangeOp::Deleted);
    }

    /// Adds (or removes) what one object refers to.
    fn apply(&mut self, object: &Object, add: bool) {
        match object {
            Object::Pod(p) => {
                let ns = &p.metadata.namespace;
                for c in p.claim_names() {
                    if add {
                        index_add(&mut self.pods, ns, c, p.metadata.name.clone());
                    } else {
                        index_remove(&mut self.pods, ns, c, &p.metadata.name);
                    }
                }
            }
            Object::PersistentVolume(v) => {
                let k = (v.metadata.namespace.clone(), v.metadata.name.clone());
                match &v.spec.claim_ref {
                    None => {
                        if add {
                            self.unclaimed_volumes.insert(k);
                        } else {
                            self.unclaimed_volumes.remove(&k);
                        }
                    }
                    Some(r) => {
                        if add {
                            index_add(&mut self.volumes_by_ref, &r.namespace, &r.name, k.clone());
                        } else {
                            index_remove(&mut self.volumes_by_ref, &r.namespace, &r.name, &k);
                        }
                        if !r.uid.is_empty() {
                            if add {
                                self.volumes_by_uid
                                    .entry(r.uid.clone())
                                    .or_default()
                                    .insert(k);
                            } else if let Some(set) = self.volumes_by_uid.get_mut(r.uid.as_str()) {
                                set.remove(&k);
                                if set.is_empty() {
                                    self.volumes_by_uid.remove(r.uid.as_str());
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

impl Store {
    /// The store's part of `Engine::memory_breakdown`.
    #[doc(hidden)]
    pub fn memory_breakdown(
        &mut self,
        live: &dyn Fn() -> usize,
        out: &mut Vec<(&'static str, isize)>,
        last: &mut isize,
    ) {
        macro_rules! take {
            ($name:literal, $e:expr) => {{
                drop(std::mem::take(&mut $e));
                let now = live() as isize;
                out.push(($name, *last - now));
                *last = now;
            }};
        }
        take!("log", self.log);
        take!("pending", self.pending);
        take!("claims", self.claims);
        take!("events", self.events);
        take!("endpoint_slices", self.endpoint_slices);
        take!("endpoints", self.endpoints);
        take!("pods", self.pods);
        take!("pvcs", self.pvcs);
        take!("pvs", self.pvs);
        take!("others", self.others);
    }
}
