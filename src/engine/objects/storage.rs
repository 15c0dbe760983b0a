//! PersistentVolumeClaim, PersistentVolume, StorageClass.

use std::collections::BTreeMap;

use super::vecmap::VecMap;

use super::rcstr::RcStr;
use serde::{Deserialize, Serialize};

use super::common::{Extra, ObjectReference, Value};
use super::meta::{LabelSelector, ObjectMeta, Time};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolumeClaim {
    pub metadata: ObjectMeta,
    pub spec: PersistentVolumeClaimSpec,
    #[serde(skip_serializing_if = "PersistentVolumeClaimStatus::is_empty")]
    pub status: PersistentVolumeClaimStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolumeClaimSpec {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<VolumeResourceRequirements>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub volume_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeResourceRequirements {
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub limits: VecMap<Value>,
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub requests: VecMap<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolumeClaimStatus {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub phase: RcStr,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub capacity: VecMap<String>,
}

impl PersistentVolumeClaimStatus {
    pub fn is_empty(&self) -> bool {
        self.phase.is_empty() && self.access_modes.is_empty() && self.capacity.is_empty()
    }
}

/// The beta annotation that named a class before `storageClassName`.
pub const BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

impl PersistentVolumeClaim {
    /// `GetPersistentVolumeClaimClass`: the beta annotation if present,
    /// else the field, else `""`.
    pub fn class_name(&self) -> &str {
        if let Some(c) = self.metadata.annotations.get(BETA_STORAGE_CLASS) {
            return c.as_str();
        }
        self.spec.storage_class_name.as_deref().unwrap_or("")
    }

    /// `PersistentVolumeClaimHasClass`: whether a class was asked for at all
    /// (an explicit `""` counts: it asks for no class).
    pub fn has_class(&self) -> bool {
        self.metadata.annotations.contains_key(BETA_STORAGE_CLASS)
            || self.spec.storage_class_name.is_some()
    }

    /// The requested storage as written (`1Gi`), if any.
    pub fn requested_storage(&self) -> Option<String> {
        let v = self.spec.resources.as_ref()?.requests.get("storage")?;
        Some(match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolume {
    pub metadata: ObjectMeta,
    pub spec: PersistentVolumeSpec,
    pub status: PersistentVolumeStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolumeSpec {
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub capacity: VecMap<String>,
    /// Typed, not kept verbatim in `extra` as the other volume sources
    /// are: every volume the local-path and minikube provisioners make
    /// has one, and as a `serde_json` map its two entries took a 630-byte
    /// B-tree node (6 MB of 10,000 volumes). Serializes the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_path: Option<HostPathVolumeSource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_ref: Option<ObjectReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent_volume_reclaim_policy: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub storage_class_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
    /// Shared (`Rc`): local volumes on one node carry the same affinity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<std::rc::Rc<Value>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `spec.hostPath` of a PersistentVolume.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostPathVolumeSource {
    pub path: String,
    /// Defaulted to `""` (`SetDefaults_HostPathVolumeSource`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<RcStr>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolumeStatus {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub phase: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub message: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reason: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_phase_transition_time: Option<Time>,
}

impl PersistentVolume {
    /// `GetPersistentVolumeClass`: the beta annotation if present, else
    /// the field.
    pub fn class_name(&self) -> &str {
        if let Some(c) = self.metadata.annotations.get(BETA_STORAGE_CLASS) {
            return c.as_str();
        }
        &self.spec.storage_class_name
    }

    /// The node a node-local volume is pinned to (from its required node
    /// affinity on `kubernetes.io/hostname`), if any.
    pub fn pinned_node(&self) -> Option<String> {
        let terms = self
            .spec
            .node_affinity
            .as_ref()?
            .pointer("/required/nodeSelectorTerms")?
            .as_array()?;
        for term in terms {
            for expr in term
                .get("matchExpressions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if expr.get("key").and_then(Value::as_str) == Some("kubernetes.io/hostname") {
                    if let Some(v) = expr.pointer("/values/0").and_then(Value::as_str) {
                        return Some(v.to_string());
                    }
                }
            }
        }
        None
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageClass {
    pub metadata: ObjectMeta,
    pub provisioner: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reclaim_policy: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mount_options: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_volume_expansion: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_binding_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_topologies: Option<Value>,
}

impl StorageClass {
    pub const DEFAULT_ANNOTATION: &'static str = "storageclass.kubernetes.io/is-default-class";
    pub const BETA_DEFAULT_ANNOTATION: &'static str =
        "storageclass.beta.kubernetes.io/is-default-class";
    /// `IsDefaultAnnotation`: the GA or the beta annotation set to `true`.
    pub fn is_default(&self) -> bool {
        [Self::DEFAULT_ANNOTATION, Self::BETA_DEFAULT_ANNOTATION]
            .iter()
            .any(|a| {
                self.metadata
                    .annotations
                    .get(*a)
                    .is_some_and(|v| v == "true")
            })
    }
    pub fn wait_for_first_consumer(&self) -> bool {
        self.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer")
    }
}
