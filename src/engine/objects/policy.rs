//! The fields of a PodDisruptionBudget's spec that Ordinal acts on. The
//! kind is kept as JSON (`GenericObject`, see `Kind::is_kept_only`); this
//! reads the spec once for the disruption controller and for validation.

use super::{GenericObject, IntOrString, LabelSelector, Value};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BudgetSpec {
    pub min_available: Option<IntOrString>,
    pub max_unavailable: Option<IntOrString>,
    pub selector: Option<LabelSelector>,
    pub unhealthy_pod_eviction_policy: Option<String>,
}

impl BudgetSpec {
    /// Reads a `spec` (absent, null or ill-typed fields are unset).
    pub fn of(spec: Option<&Value>) -> BudgetSpec {
        fn field<T: serde::de::DeserializeOwned>(spec: Option<&Value>, name: &str) -> Option<T> {
            let v = spec?.get(name)?;
            if v.is_null() {
                return None;
            }
            serde_json::from_value(v.clone()).ok()
        }
        BudgetSpec {
            min_available: field(spec, "minAvailable"),
            max_unavailable: field(spec, "maxUnavailable"),
            selector: field(spec, "selector"),
            unhealthy_pod_eviction_policy: field(spec, "unhealthyPodEvictionPolicy"),
        }
    }

    /// The spec of a stored PodDisruptionBudget.
    pub fn of_budget(pdb: &GenericObject) -> BudgetSpec {
        BudgetSpec::of(pdb.rest.get("spec"))
    }
}
