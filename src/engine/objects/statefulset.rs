//! StatefulSet and ControllerRevision (apps/v1).

use serde::{Deserialize, Serialize};

use super::common::{IntOrString, Value};
use super::meta::{LabelSelector, ObjectMeta};
use super::pod::PodTemplateSpec;
use super::storage::PersistentVolumeClaim;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatefulSet {
    pub metadata: ObjectMeta,
    pub spec: StatefulSetSpec,
    pub status: StatefulSetStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatefulSetSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    pub template: PodTemplateSpec,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_claim_templates: Vec<PersistentVolumeClaim>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub service_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_management_policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_strategy: Option<StatefulSetUpdateStrategy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ready_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim_retention_policy: Option<RetentionPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinals: Option<StatefulSetOrdinals>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatefulSetUpdateStrategy {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateStatefulSetStrategy>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RollingUpdateStatefulSetStrategy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RetentionPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_deleted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_scaled: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatefulSetOrdinals {
    pub start: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatefulSetStatus {
    #[serde(skip_serializing_if = "is_zero")]
    pub observed_generation: i64,
    pub replicas: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub ready_replicas: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub current_replicas: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub updated_replicas: i64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub current_revision: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub update_revision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Value>,
    pub available_replicas: i64,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// The pod management policies (R1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodManagementPolicy {
    OrderedReady,
    Parallel,
}

impl StatefulSet {
    pub fn replicas(&self) -> i64 {
        self.spec.replicas.unwrap_or(1)
    }
    pub fn start_ordinal(&self) -> i64 {
        self.spec.ordinals.as_ref().map_or(0, |o| o.start)
    }
    pub fn end_ordinal(&self) -> i64 {
        self.start_ordinal() + self.replicas() - 1
    }
    pub fn pod_management_policy(&self) -> PodManagementPolicy {
        match self.spec.pod_management_policy.as_deref() {
            Some("Parallel") => PodManagementPolicy::Parallel,
            _ => PodManagementPolicy::OrderedReady,
        }
    }
    pub fn update_strategy_type(&self) -> &str {
        self.spec
            .update_strategy
            .as_ref()
            .and_then(|u| u.type_.as_deref())
            .unwrap_or("RollingUpdate")
    }
    pub fn rolling_update(&self) -> Option<&RollingUpdateStatefulSetStrategy> {
        self.spec
            .update_strategy
            .as_ref()
            .and_then(|u| u.rolling_update.as_ref())
    }
    pub fn partition(&self) -> i64 {
        self.rolling_update().and_then(|r| r.partition).unwrap_or(0)
    }
    pub fn min_ready_seconds(&self) -> i64 {
        self.spec.min_ready_seconds.unwrap_or(0)
    }
    pub fn when_deleted(&self) -> &str {
        self.spec
            .persistent_volume_claim_retention_policy
            .as_ref()
            .and_then(|p| p.when_deleted.as_deref())
            .unwrap_or("Retain")
    }
    pub fn when_scaled(&self) -> &str {
        self.spec
            .persistent_volume_claim_retention_policy
            .as_ref()
            .and_then(|p| p.when_scaled.as_deref())
            .unwrap_or("Retain")
    }
    pub fn revision_history_limit(&self) -> i64 {
        self.spec.revision_history_limit.unwrap_or(10)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ControllerRevision {
    pub metadata: ObjectMeta,
    /// `{"spec":{"template":{…,"$patch":"replace"}}}`, as the StatefulSet controller stores it.
    pub data: Value,
    pub revision: i64,
}
