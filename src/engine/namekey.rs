//! The key of a `Table`'s inner map: an object's name, kept inside the key
//! itself when it is short (up to 22 bytes: `web-1234`, `www-web-1234`,
//! `nginx-7ck8p`, `web-0.1887ca1c8c014ec7`) and on the heap otherwise.
//!
//! A lookup in a map of 10,000 Pods compares the name asked for with some
//! thirty keys on its way down the B-tree. With `String` keys each
//! comparison first follows the key's pointer to its bytes, somewhere in a
//! heap of about 100 MB: at 10,000 Pods most of those reads miss the cache
//! (`memcmp` held the largest share of last-level misses in a cachegrind
//! run). Inline bytes sit in the B-tree node already being read.
//!
//! Keys compare as byte strings, which is how `str` compares: the map's
//! order (and so every listing) is the same as with `String` keys. Lookups
//! borrow the key as `[u8]`, so no conversion back to `str` is needed and
//! nothing here is `unsafe`.

use std::borrow::Borrow;
use std::cmp::Ordering;

/// 22 bytes and the length make the inline form as big as the heap form
/// with its tag: a key is the size of a `String` (24 bytes).
const INLINE: usize = 22;

#[derive(Clone)]
pub(crate) enum NameKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl NameKey {
    pub(crate) fn new(name: &str) -> NameKey {
        let b = name.as_bytes();
        if b.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..b.len()].copy_from_slice(b);
            NameKey::Inline {
                len: b.len() as u8,
                bytes,
            }
        } else {
            NameKey::Heap(b.into())
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            NameKey::Inline { len, bytes } => &bytes[..*len as usize],
            NameKey::Heap(b) => b,
        }
    }
}

impl Borrow<[u8]> for NameKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for NameKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for NameKey {}

impl PartialOrd for NameKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NameKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl std::fmt::Debug for NameKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&String::from_utf8_lossy(self.as_bytes()), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn keys_order_as_their_strings_do_short_or_long() {
        let names = [
            "web-10",
            "web-2",
            "",
            "pvc-926ad8b1-301c-4663-8dce-cfd2532dca2f",
            "web-0.1887ca1c8c014ec7",
            "web-0.1887ca1c8c014ec70",
            "a-name-of-exactly-22-b",
            "a-name-of-exactly-22-by",
            "é",
        ];
        let mut keys: Vec<NameKey> = names.iter().map(|n| NameKey::new(n)).collect();
        let mut strings: Vec<&str> = names.to_vec();
        keys.sort();
        strings.sort();
        let back: Vec<String> = keys
            .iter()
            .map(|k| String::from_utf8(k.as_bytes().to_vec()).unwrap())
            .collect();
        assert_eq!(back, strings);
        assert!(matches!(
            NameKey::new("a-name-of-exactly-22-b"),
            NameKey::Inline { len: 22, .. }
        ));
        assert!(matches!(
            NameKey::new("a-name-of-exactly-22-by"),
            NameKey::Heap(_)
        ));
    }

    #[test]
    fn a_map_finds_each_key_by_its_bytes() {
        let mut m = BTreeMap::new();
        for i in 0..300 {
            m.insert(NameKey::new(&format!("web-{i}")), i);
            m.insert(NameKey::new(&format!("pvc-{i:040}")), -i);
        }
        for i in 0..300 {
            assert_eq!(m.get(format!("web-{i}").as_bytes()), Some(&i));
            assert_eq!(m.get(format!("pvc-{i:040}").as_bytes()), Some(&-i));
        }
        assert_eq!(m.get("web-300".as_bytes()), None);
        assert_eq!(
            std::mem::size_of::<NameKey>(),
            std::mem::size_of::<String>()
        );
    }
}
