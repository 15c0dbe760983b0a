//! `VecMap`: the string-keyed maps of API objects (labels, annotations,
//! capacities, resource requests, fields kept verbatim) as one sorted Vec.
//!
//! Why not `BTreeMap`: these maps hold one to a dozen entries, and a
//! B-tree allocates a whole node (room for eleven entries, 540–630 bytes)
//! for the first one. With 10,000 Pods, claims and volumes that was about
//! a fifth of the engine's heap. A sorted Vec keeps exactly what it holds,
//! iterates in the same (sorted) order, serializes the same JSON, and a
//! binary search over a dozen keys is as quick as a tree walk.
//!
//! The API is the part of `BTreeMap`'s that the object model uses, with the
//! same names and meanings (`insert` replaces and returns the old value,
//! iteration yields `(&String, &V)` in key order, duplicate keys while
//! deserializing keep the last), so call sites read as they did.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::sort::CollectMap;

use super::rcstr::RcStr;

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VecMap<V>(Vec<(RcStr, V)>);

impl<V> Default for VecMap<V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<V> VecMap<V> {
    pub const fn new() -> Self {
        VecMap(Vec::new())
    }

    fn find<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        Q: AsRef<str> + ?Sized,
    {
        let key = key.as_ref();
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: AsRef<str> + ?Sized,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        Q: AsRef<str> + ?Sized,
    {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: AsRef<str> + ?Sized,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: MapKey, value: V) -> Option<V> {
        let key = key.0;
        match self.find(key.as_str()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: AsRef<str> + ?Sized,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, V> {
        Iter(self.0.iter())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &RcStr> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

/// Iteration in key order, yielding `(&String, &V)` as a B-tree does.
#[derive(Clone)]
pub struct Iter<'a, V>(std::slice::Iter<'a, (RcStr, V)>);

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a RcStr, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<V> DoubleEndedIterator for Iter<'_, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl<V> ExactSizeIterator for Iter<'_, V> {}

impl<'a, V> IntoIterator for &'a VecMap<V> {
    type Item = (&'a RcStr, &'a V);
    type IntoIter = Iter<'a, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V> IntoIterator for VecMap<V> {
    type Item = (RcStr, V);
    type IntoIter = std::vec::IntoIter<(RcStr, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V> VecMap<V> {
    /// From entries in any order: sorted (stably), and of equal keys the
    /// last kept, as inserting them one by one would; O(n log n), so a
    /// document with a huge map costs what a B-tree would.
    fn from_entries(mut entries: Vec<(RcStr, V)>) -> Self {
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut out: Vec<(RcStr, V)> = Vec::with_capacity(entries.len());
        for e in entries {
            match out.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => out.push(e),
            }
        }
        out.shrink_to_fit();
        VecMap(out)
    }
}

impl<K: Into<MapKey>, V> FromIterator<(K, V)> for VecMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        VecMap::from_entries(iter.into_iter().map(|(k, v)| (k.into().0, v)).collect())
    }
}

impl<K: Into<MapKey>, V> Extend<(K, V)> for VecMap<V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        let mut all = std::mem::take(&mut self.0);
        all.extend(iter.into_iter().map(|(k, v)| (k.into().0, v)));
        *self = VecMap::from_entries(all);
    }
}

impl<V> From<BTreeMap<String, V>> for VecMap<V> {
    fn from(m: BTreeMap<String, V>) -> Self {
        // Already sorted and unique.
        VecMap(m.into_iter().map(|(k, v)| (MapKey::from(k).0, v)).collect())
    }
}

impl<V> From<VecMap<V>> for BTreeMap<String, V> {
    fn from(m: VecMap<V>) -> Self {
        m.0.into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect_map()
    }
}

/// A map key as the maps keep it: a shared string, one copy per distinct
/// key for the well-known keys the cluster writes on every object (see
/// `WELL_KNOWN`), its own copy otherwise (user keys are not interned: the
/// intern table keeps what it is given for good, and a hostile script could
/// make it grow without end).
pub struct MapKey(RcStr);

/// Keys written on most objects of a StatefulSet's world: each was a
/// separate heap string on each of 10,000 Pods, claims and volumes.
const WELL_KNOWN: &[&str] = &[
    "app",
    "app.kubernetes.io/name",
    "apps.kubernetes.io/pod-index",
    "controller-revision-hash",
    "endpoints.kubernetes.io/last-change-trigger-time",
    "endpointslice.kubernetes.io/managed-by",
    "kubectl.kubernetes.io/last-applied-configuration",
    "kubernetes.io/hostname",
    "kubernetes.io/service-name",
    "local.path.provisioner/selected-node",
    "pv.kubernetes.io/bind-completed",
    "pv.kubernetes.io/bound-by-controller",
    "pv.kubernetes.io/provisioned-by",
    "service.kubernetes.io/headless",
    "statefulset.kubernetes.io/pod-name",
    "storage",
    "volume.beta.kubernetes.io/storage-provisioner",
    "volume.kubernetes.io/selected-node",
    "volume.kubernetes.io/storage-provisioner",
];

fn map_key(s: &str) -> RcStr {
    if WELL_KNOWN.binary_search(&s).is_ok() {
        RcStr::interned(s)
    } else {
        RcStr::new(s)
    }
}

impl From<&str> for MapKey {
    fn from(s: &str) -> Self {
        MapKey(map_key(s))
    }
}

impl From<String> for MapKey {
    fn from(s: String) -> Self {
        MapKey(map_key(&s))
    }
}

impl From<&String> for MapKey {
    fn from(s: &String) -> Self {
        MapKey(map_key(s))
    }
}

impl From<RcStr> for MapKey {
    fn from(s: RcStr) -> Self {
        MapKey(s)
    }
}

impl From<&RcStr> for MapKey {
    fn from(s: &RcStr) -> Self {
        MapKey(s.clone())
    }
}

impl<Q, V> std::ops::Index<&Q> for VecMap<V>
where
    Q: AsRef<str> + ?Sized,
{
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

impl<V: fmt::Debug> fmt::Debug for VecMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for VecMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for VecMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = VecMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(a.size_hint().unwrap_or(0).min(64));
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    entries.push((map_key(&k), v));
                }
                Ok(VecMap::from_entries(entries))
            }
        }
        d.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `map_key` finds the well-known keys by binary search.
    #[test]
    fn the_well_known_keys_are_sorted() {
        assert!(WELL_KNOWN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keeps_keys_sorted_and_unique_like_a_btree_map() {
        let mut m = VecMap::new();
        assert_eq!(m.insert("b".into(), 2), None);
        assert_eq!(m.insert("a".into(), 1), None);
        assert_eq!(m.insert("c".into(), 3), None);
        assert_eq!(m.insert("b".into(), 20), Some(2));
        let keys: Vec<&str> = m.keys().map(RcStr::as_str).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(m.get("b"), Some(&20));
        assert_eq!(m.remove("a"), Some(1));
        assert!(!m.contains_key("a"));
        m.insert("d".into(), 4);
        *m.get_mut("c").unwrap() += 1;
        let all: Vec<(String, i32)> = m
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(all, [("b".into(), 20), ("c".into(), 4), ("d".into(), 4)]);
        let as_btree: BTreeMap<String, i32> = m.clone().into();
        assert_eq!(VecMap::from(as_btree), m);
    }

    #[test]
    fn json_is_the_same_as_a_btree_maps_and_the_last_duplicate_wins() {
        let m: VecMap<String> = serde_json::from_str(r#"{"z":"1","a":"2","z":"3"}"#).unwrap();
        let b: BTreeMap<String, String> =
            serde_json::from_str(r#"{"z":"1","a":"2","z":"3"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        assert_eq!(m.get("z").map(String::as_str), Some("3"));
    }

    #[test]
    fn a_huge_map_is_built_in_n_log_n_with_the_last_duplicate_kept() {
        // 200,000 keys in reverse order: inserting one by one into a sorted
        // Vec would move 2·10^10 entries.
        let n = 200_000;
        let m: VecMap<usize> = (0..n)
            .rev()
            .map(|i| (format!("k{i:06}"), i))
            .chain([("k000007".to_string(), 1)])
            .collect();
        assert_eq!(m.len(), n);
        assert_eq!(m.get("k000007"), Some(&1));
        assert!(m.keys().zip(m.keys().skip(1)).all(|(a, b)| a < b));
    }

    #[test]
    fn flattened_fields_round_trip() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct S {
            name: String,
            #[serde(flatten)]
            extra: VecMap<serde_json::Value>,
        }
        let s: S = serde_json::from_str(r#"{"name":"x","hostPath":{"path":"/d"},"b":1}"#).unwrap();
        assert_eq!(s.extra.len(), 2);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"name":"x","b":1,"hostPath":{"path":"/d"}}"#
        );
    }
}
