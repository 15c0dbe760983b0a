//! The fields of a PriorityClass that Ordinal acts on. The kind is kept as
//! JSON (`GenericObject`); this reads them once for validation, the
//! Priority admission plugin and `kubectl describe`.

use super::{GenericObject, Value};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PriorityClassFields<'a> {
    /// `value` (0 when absent or ill-typed, as the Go int32 zero value).
    pub value: i64,
    pub global_default: bool,
    /// `preemptionPolicy`, None when unset.
    pub preemption_policy: Option<&'a str>,
    pub description: &'a str,
}

impl<'a> PriorityClassFields<'a> {
    pub fn of(pc: &'a GenericObject) -> Self {
        let field = |k: &str| pc.rest.get(k);
        PriorityClassFields {
            value: field("value").and_then(Value::as_i64).unwrap_or(0),
            global_default: field("globalDefault").and_then(Value::as_bool) == Some(true),
            preemption_policy: field("preemptionPolicy").and_then(Value::as_str),
            description: field("description").and_then(Value::as_str).unwrap_or(""),
        }
    }
}
