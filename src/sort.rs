//! Stable sorts that share one copy of the standard library's sort.
//!
//! `slice::sort_by` and friends are generic over the element type and the
//! comparison closure, so every call site compiles its own copy of the
//! standard library's stable sort (about 4 KB of wasm each). These functions
//! sort a list of positions instead, with the comparison behind a `dyn`, and
//! then move the elements into place: one copy of the sort for the whole
//! program, and a few dozen bytes per call site.
//!
//! The results are exactly those of the standard library's stable sorts: the
//! positions start in order and are sorted stably, so elements that compare
//! equal keep their order. `CollectMap` does the same for collecting into a
//! `BTreeMap` or a `BTreeSet` (their `FromIterator` sorts the entries first).
//!
//! Pure Rust: this module may not import browser crates (yew, web_sys, gloo,
//! js_sys, wasm_bindgen).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// `v.sort_by(cmp)`: a stable sort by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    sort_dyn(v, &mut cmp);
}

/// `v.sort_by_key(key)`: a stable sort by `key` (called on both sides of every
/// comparison, as the standard library's does).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_dyn(v, &mut |a, b| key(a).cmp(&key(b)));
}

/// `v.sort()`: a stable sort by `Ord`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_dyn(v, &mut |a, b| a.cmp(b));
}

/// `collect()` into a `BTreeMap`, a `BTreeSet` or a JSON object without
/// sorting first.
pub trait CollectMap: Iterator + Sized {
    /// `collect::<BTreeMap<_, _>>()`: of equal keys, the last value wins.
    /// Inserts one by one, where `collect` sorts the entries first.
    fn collect_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        let mut map = BTreeMap::new();
        map.extend(self);
        map
    }

    /// `collect::<BTreeSet<_>>()` (of equal elements, the first stays), the
    /// same way.
    fn collect_set<T: Ord>(self) -> BTreeSet<T>
    where
        Self: Iterator<Item = T>,
    {
        let mut set = BTreeSet::new();
        set.extend(self);
        set
    }

    /// `collect::<serde_json::Map<_, _>>()` (a `BTreeMap` inside), the same way.
    fn collect_object(self) -> Map<String, Value>
    where
        Self: Iterator<Item = (String, Value)>,
    {
        let mut map = Map::new();
        map.extend(self);
        map
    }
}

impl<I: Iterator> CollectMap for I {}

fn sort_dyn<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = sorted_positions(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    permute(v, &mut order);
}

/// The positions `0..n` sorted stably by `cmp`: the one instantiation of the
/// standard library's sort.
#[inline(never)]
fn sorted_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| cmp(i, j));
    order
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`, cycle by
/// cycle with swaps; `order` is used up (each position is marked done by
/// pointing at itself).
pub(crate) fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permutation of `0..n` (Heap's algorithm).
    fn permutations(n: usize) -> Vec<Vec<usize>> {
        fn go(k: usize, a: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            if k <= 1 {
                out.push(a.clone());
                return;
            }
            for i in 0..k {
                go(k - 1, a, out);
                if k % 2 == 0 {
                    a.swap(i, k - 1);
                } else {
                    a.swap(0, k - 1);
                }
            }
        }
        let mut out = Vec::new();
        go(n, &mut (0..n).collect(), &mut out);
        out
    }

    #[test]
    fn permute_moves_every_element_where_the_order_says() {
        for n in 0..=6 {
            for order in permutations(n) {
                let mut v: Vec<String> = (0..n).map(|i| i.to_string()).collect();
                permute(&mut v, &mut order.clone());
                let want: Vec<String> = order.iter().map(|i| i.to_string()).collect();
                assert_eq!(v, want, "order {order:?}");
            }
        }
    }

    #[test]
    fn sorts_agree_with_the_standard_library_and_are_stable() {
        // Keys with many ties, tagged with their original position.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 5, 12, 13, 20, 64, 200, 1000] {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|e| e.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |e| e.0);
            assert_eq!(got, want);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| {
                (a.0 % 3).cmp(&(b.0 % 3)).then_with(|| b.0.cmp(&a.0))
            });
            let mut want = v.clone();
            want.sort_by(|a, b| (a.0 % 3).cmp(&(b.0 % 3)).then_with(|| b.0.cmp(&a.0)));
            assert_eq!(got, want);
            let mut got = v.clone();
            sort(&mut got);
            let mut want = v;
            want.sort();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn collect_map_keeps_the_last_of_equal_keys() {
        let entries = [("b", 1), ("a", 2), ("b", 3)];
        let want: BTreeMap<&str, i32> = entries.into_iter().collect();
        assert_eq!(entries.into_iter().collect_map(), want);
        assert_eq!(entries.into_iter().collect_map()["b"], 3);
        let entries = [("b", 1), ("a", 2), ("b", 3)].map(|(k, v)| (k.to_string(), Value::from(v)));
        let want: Map<String, Value> = entries.clone().into_iter().collect();
        assert_eq!(entries.into_iter().collect_object(), want);
        let items = [3, 1, 3, 2];
        let want: BTreeSet<i32> = items.into_iter().collect();
        assert_eq!(items.into_iter().collect_set(), want);
    }
}
