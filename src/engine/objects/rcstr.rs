//! `RcStr`: an immutable string whose clones share one allocation.
//!
//! Object fields that are written once and then copied from version to
//! version and from object to object (names, namespaces, uids, images,
//! condition types, reasons) were `String`s, so every status update cloned
//! each of them byte by byte, and 10,000 Pods held 10,000 copies of
//! `"default"`, of their set's uid, of their image name. An `RcStr` clone
//! bumps a count instead; the empty string allocates nothing. It is 8 bytes
//! against a `String`'s 24 (an `Rc<str>` is a 16-byte fat pointer; `ArcStr`
//! keeps the length in its allocation, so the handle is one thin pointer, and
//! a Pod, a volume or an Event holds dozens of these), and it compares, orders, hashes, prints and
//! (de)serializes exactly as the `String` it replaces, so the wire format,
//! every sort order and every message stay as they were.
//!
//! Immutable on purpose: code that builds a value builds a `String` and
//! converts it (`.into()`), which keeps sharing safe without copy-on-write.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use arcstr::ArcStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Slots of `RcStr::interned`'s cache (a power of two).
const RECENT_SLOTS: usize = 256;

/// A text's slot in `RcStr::interned`'s cache.
fn recent_slot(s: &str) -> usize {
    text_slot(s) & (RECENT_SLOTS - 1)
}

/// A quick hash of a non-empty text for direct-mapped caches: FNV-1a of its
/// length and first, middle and last bytes (words differ there; hashing
/// all of a long message would cost more than the search it saves).
pub(crate) fn text_slot(s: &str) -> usize {
    let b = s.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let n = b.len();
    for x in [n as u8, b[0], b[n / 2], b[n - 1], (n >> 8) as u8] {
        h ^= u32::from(x);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize
}

/// A shared, immutable string (see the module header).
#[derive(Clone, Default)]
pub struct RcStr(Option<ArcStr>);

impl RcStr {
    pub fn new(s: &str) -> Self {
        if s.is_empty() {
            RcStr(None)
        } else {
            RcStr(Some(ArcStr::from(s)))
        }
    }

    /// One shared copy per distinct text, for the cluster's vocabulary
    /// (condition types and statuses, Event reasons, components, node
    /// names): 10,000 Pods then hold one `"Ready"` and one `"True"`
    /// between them. Only for words from a bounded set: the table keeps
    /// every text it is given for as long as the thread lives. A pure
    /// cache, invisible in behaviour.
    pub fn interned(s: &str) -> Self {
        thread_local! {
            static TABLE: std::cell::RefCell<std::collections::BTreeMap<RcStr, ()>> =
                const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
            // A direct-mapped cache in front of the table, by a hash of the
            // text: the same few words are asked for again and again (eight
            // per recorded Event), and a B-tree search compares a word with
            // half a dozen others where this compares it with one.
            static RECENT: std::cell::RefCell<[RcStr; RECENT_SLOTS]> =
                const { std::cell::RefCell::new([const { RcStr(None) }; RECENT_SLOTS]) };
        }
        if s.is_empty() {
            return RcStr(None);
        }
        let slot = recent_slot(s);
        let hit = RECENT.with(|r| {
            let r = r.borrow();
            (r[slot].as_str() == s).then(|| r[slot].clone())
        });
        if let Some(k) = hit {
            return k;
        }
        let k = TABLE.with(|t| {
            let mut t = t.borrow_mut();
            if let Some((k, _)) = t.get_key_value(s) {
                return k.clone();
            }
            let k = RcStr::new(s);
            t.insert(k.clone(), ());
            k
        });
        RECENT.with(|r| r.borrow_mut()[slot] = k.clone());
        k
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Some(s) => s,
            None => "",
        }
    }

    /// Empties it in place (the shared bytes stay with the other clones).
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// For `skip_serializing_if`, as `String::is_empty` was.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl Deref for RcStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for RcStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for RcStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for RcStr {
    fn from(s: &str) -> Self {
        RcStr::new(s)
    }
}

impl From<&String> for RcStr {
    fn from(s: &String) -> Self {
        RcStr::new(s)
    }
}

impl From<String> for RcStr {
    fn from(s: String) -> Self {
        if s.is_empty() {
            RcStr(None)
        } else {
            RcStr(Some(ArcStr::from(s)))
        }
    }
}

impl From<&RcStr> for RcStr {
    fn from(s: &RcStr) -> Self {
        s.clone()
    }
}

impl From<RcStr> for String {
    fn from(s: RcStr) -> Self {
        s.as_str().to_string()
    }
}

impl From<&RcStr> for String {
    fn from(s: &RcStr) -> Self {
        s.as_str().to_string()
    }
}

impl PartialEq for RcStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RcStr {}

impl PartialOrd for RcStr {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RcStr {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for RcStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for RcStr {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<RcStr> for $t {
            fn eq(&self, other: &RcStr) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
eq_with!(str, String);

impl PartialEq<&str> for RcStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RcStr> for &str {
    fn eq(&self, other: &RcStr) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Display for RcStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for RcStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for RcStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RcStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(RcStr::from)
    }
}

#[cfg(test)]
mod tests {
    use super::RcStr;

    #[test]
    fn clones_share_one_allocation_and_empty_allocates_nothing() {
        let a = RcStr::from("web-0".to_string());
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert!(RcStr::from("").0.is_none());
        assert!(RcStr::default().is_empty());
        assert_eq!(std::mem::size_of::<RcStr>(), 8);
    }

    #[test]
    fn interned_texts_share_one_copy() {
        let a = RcStr::interned("Ready");
        let b = RcStr::interned(&String::from("Ready"));
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, "Ready");
        assert!(RcStr::interned("").is_empty());
    }

    #[test]
    fn interned_texts_stay_shared_when_their_cache_slots_are_reused() {
        // More words than cache slots: many share a slot and evict each
        // other, and each must still come back as its one shared copy.
        let words: Vec<String> = (0..3 * super::RECENT_SLOTS)
            .map(|i| format!("Word{i}"))
            .collect();
        let first: Vec<RcStr> = words.iter().map(|w| RcStr::interned(w)).collect();
        for (w, a) in words.iter().zip(&first).rev() {
            let b = RcStr::interned(w);
            assert_eq!(b, w.as_str());
            assert!(std::ptr::eq(a.as_str(), b.as_str()), "{w}");
        }
    }

    #[test]
    fn compares_orders_and_prints_as_the_string_it_holds() {
        let mut v: Vec<RcStr> = ["web-10", "", "web-2", "Web"]
            .iter()
            .map(|s| RcStr::from(*s))
            .collect();
        v.sort();
        let shown: Vec<&str> = v.iter().map(|s| s.as_str()).collect();
        assert_eq!(shown, ["", "Web", "web-10", "web-2"]);
        assert_eq!(RcStr::from("x"), "x");
        assert_eq!(RcStr::from("x"), "x".to_string());
        assert_eq!(
            format!("{:?} {}", RcStr::from("a\"b"), RcStr::from("c")),
            "\"a\\\"b\" c"
        );
        let json = serde_json::to_string(&RcStr::from("default")).unwrap();
        assert_eq!(json, "\"default\"");
        let back: RcStr = serde_json::from_str(&json).unwrap();
        assert_eq!(back, "default");
    }
}
