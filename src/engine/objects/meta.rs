//! `metav1` types shared by every kind: ObjectMeta, OwnerReference,
//! LabelSelector (with matching), and `Time` (a simulated instant that
//! serializes as RFC 3339).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::rcstr::RcStr;
use super::vecmap::VecMap;
use crate::engine::time::SimTime;

pub type Labels = VecMap<RcStr>;
/// Annotations: the same sorted small map as labels.
pub type Annotations = VecMap<RcStr>;

/// `metav1.Time`: whole seconds, RFC 3339 on the wire.
///
/// Held as the simulated milliseconds plus one in a `NonZeroU64`, so that
/// `Option<Time>` (how every timestamp field is declared) is 8 bytes, not
/// 16: a Pod carries a dozen of them, an Event five.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(std::num::NonZeroU64);

impl Time {
    pub const fn new(t: SimTime) -> Self {
        // The +1 cannot reach u64::MAX on any parsed or simulated time
        // (parse_rfc3339 stops at year 9999); saturate rather than wrap.
        match std::num::NonZeroU64::new(t.0.saturating_add(1)) {
            Some(v) => Time(v),
            None => Time(std::num::NonZeroU64::MIN),
        }
    }

    /// The simulated time it holds.
    pub const fn sim(self) -> SimTime {
        SimTime(self.0.get() - 1)
    }
}

impl Default for Time {
    fn default() -> Self {
        Time::new(SimTime::ZERO)
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.sim().rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        SimTime::parse_rfc3339(&text).map(Time::new).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "parsing time {text:?} as \"2006-01-02T15:04:05Z07:00\": cannot parse"
            ))
        })
    }
}

/// `omitempty` for an integer.
pub(crate) fn is_zero_i64(v: &i64) -> bool {
    *v == 0
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObjectMeta {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub name: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub generate_name: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub namespace: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub uid: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub resource_version: RcStr,
    #[serde(skip_serializing_if = "is_zero_i64")]
    pub generation: i64,
    /// Omitted when unset, as since Kubernetes 1.34 (kubernetes#130989:
    /// no more `creationTimestamp: null` in JSON or YAML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub labels: Labels,
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub annotations: Annotations,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub owner_references: Vec<OwnerReference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
}

impl ObjectMeta {
    pub fn named(namespace: &str, name: &str) -> Self {
        ObjectMeta {
            name: name.into(),
            namespace: namespace.into(),
            ..Default::default()
        }
    }

    /// The controller reference (`controller: true`), if any.
    pub fn controller_ref(&self) -> Option<&OwnerReference> {
        self.owner_references
            .iter()
            .find(|r| r.controller == Some(true))
    }

    pub fn is_terminating(&self) -> bool {
        self.deletion_timestamp.is_some()
    }

    pub fn has_finalizer(&self, f: &str) -> bool {
        self.finalizers.iter().any(|x| x == f)
    }

    pub fn remove_finalizer(&mut self, f: &str) -> bool {
        let before = self.finalizers.len();
        self.finalizers.retain(|x| x != f);
        before != self.finalizers.len()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OwnerReference {
    pub api_version: RcStr,
    pub kind: RcStr,
    pub name: RcStr,
    pub uid: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}

impl OwnerReference {
    /// A controller reference as `metav1.NewControllerRef` makes it.
    pub fn controller(api_version: &str, kind: &str, name: &str, uid: &str) -> Self {
        OwnerReference {
            api_version: api_version.into(),
            kind: kind.into(),
            name: name.into(),
            uid: uid.into(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelSelector {
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub match_labels: Labels,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

impl LabelSelector {
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// `metav1.LabelSelectorAsSelector` semantics: an empty selector matches
    /// everything (callers that want "nil matches nothing" check for None).
    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|r| {
                let have = labels.get(&r.key);
                match r.operator.as_str() {
                    "In" => have.is_some_and(|v| r.values.contains(&v.to_string())),
                    "NotIn" => have.is_none_or(|v| !r.values.contains(&v.to_string())),
                    "Exists" => have.is_some(),
                    "DoesNotExist" => have.is_none(),
                    _ => false,
                }
            })
    }
}

impl fmt::Display for LabelSelector {
    /// The selector string form kubectl prints (`app=nginx,tier in (web)`):
    /// `labels.Selector.String()`, requirements sorted by key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<(String, String)> = self
            .match_labels
            .iter()
            .map(|(k, v)| (k.to_string(), format!("{k}={v}")))
            .collect();
        for r in &self.match_expressions {
            let mut values = r.values.clone();
            crate::sort::sort(&mut values);
            let text = match r.operator.as_str() {
                "In" => format!("{} in ({})", r.key, values.join(",")),
                "NotIn" => format!("{} notin ({})", r.key, values.join(",")),
                "Exists" => r.key.clone(),
                "DoesNotExist" => format!("!{}", r.key),
                op => format!("{} {op} ({})", r.key, values.join(",")),
            };
            parts.push((r.key.clone(), text));
        }
        crate::sort::sort_by(&mut parts, |a, b| a.0.cmp(&b.0));
        let text: Vec<String> = parts.into_iter().map(|(_, t)| t).collect();
        write!(f, "{}", text.join(","))
    }
}

/// A map selector (Service `spec.selector`): nil/empty handled by callers.
pub fn map_matches(selector: &Labels, labels: &Labels) -> bool {
    selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), (*v).into()))
            .collect()
    }

    #[test]
    fn selector_operators() {
        let l = labels(&[("app", "nginx"), ("tier", "web")]);
        let mut s = LabelSelector {
            match_labels: labels(&[("app", "nginx")]),
            ..Default::default()
        };
        assert!(s.matches(&l));
        s.match_expressions.push(LabelSelectorRequirement {
            key: "tier".into(),
            operator: "In".into(),
            values: vec!["web".into()],
        });
        assert!(s.matches(&l));
        s.match_expressions.push(LabelSelectorRequirement {
            key: "gone".into(),
            operator: "DoesNotExist".into(),
            values: vec![],
        });
        assert!(s.matches(&l));
        s.match_expressions.push(LabelSelectorRequirement {
            key: "tier".into(),
            operator: "NotIn".into(),
            values: vec!["web".into()],
        });
        assert!(!s.matches(&l));
        assert_eq!(
            s.to_string(),
            "app=nginx,!gone,tier in (web),tier notin (web)"
        );
    }

    #[test]
    fn an_optional_time_is_one_word_and_keeps_its_value_and_order() {
        assert_eq!(std::mem::size_of::<Option<Time>>(), 8);
        for ms in [0, 1, 999, 86_400_000] {
            assert_eq!(Time::new(SimTime(ms)).sim(), SimTime(ms));
        }
        assert!(Time::new(SimTime(0)) < Time::new(SimTime(1)));
        assert_eq!(Time::default().sim(), SimTime::ZERO);
    }

    #[test]
    fn time_serializes_rfc3339_and_unset_is_omitted_k8s_1_34() {
        let m = ObjectMeta {
            name: "web".into(),
            creation_timestamp: Some(Time::new(SimTime(0))),
            ..Default::default()
        };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["creationTimestamp"], "2026-01-05T09:00:00Z");
        // Unset, it is left out rather than written as null (1.34+).
        let unset = serde_json::to_value(ObjectMeta::named("", "web")).unwrap();
        assert_eq!(unset, serde_json::json!({"name": "web"}));
        let back: ObjectMeta =
            serde_json::from_value(serde_json::json!({"name": "x", "creationTimestamp": null}))
                .unwrap();
        assert_eq!(back.creation_timestamp, None);
    }
}
