//! Small value types used across kinds: IntOrString, ObjectReference, and
//! the `Value` alias for subtrees the engine keeps verbatim.

use super::rcstr::RcStr;
use serde::{Deserialize, Serialize};

/// Fields the engine does not interpret (an affinity, a securityContext …)
/// are kept as JSON values, after `manifest/` checked them against the schema.
pub type Value = serde_json::Value;
pub type Extra = super::vecmap::VecMap<Value>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IntOrString {
    Int(i64),
    Str(String),
}

impl IntOrString {
    /// `intstr.GetScaledValueFromIntOrPercent`: ints as they are, `"N%"` of
    /// `total`, rounded up or down as asked.
    pub fn scaled_value(&self, total: i64, round_up: bool) -> Option<i64> {
        match self {
            IntOrString::Int(n) => Some(*n),
            IntOrString::Str(s) => {
                let pct: i64 = s.strip_suffix('%')?.parse().ok()?;
                let num = pct * total;
                Some(if round_up {
                    (num + 99) / 100
                } else {
                    num / 100
                })
            }
        }
    }
}

impl std::fmt::Display for IntOrString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntOrString::Int(n) => write!(f, "{n}"),
            IntOrString::Str(s) => write!(f, "{s}"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObjectReference {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub kind: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub namespace: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub name: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub uid: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub api_version: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub resource_version: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub field_path: RcStr,
}

pub fn is_false(b: &bool) -> bool {
    !*b
}
