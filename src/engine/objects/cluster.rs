//! Node, Namespace, ConfigMap, Secret, Event, and the generic object kept
//! for kinds Ordinal lists but does not run (Deployment, PodDisruptionBudget …).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::common::{Extra, ObjectReference, Value};
use super::meta::{ObjectMeta, Time};
use super::rcstr::RcStr;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Node {
    pub metadata: ObjectMeta,
    pub spec: NodeSpec,
    pub status: NodeStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSpec {
    #[serde(rename = "podCIDR", skip_serializing_if = "String::is_empty")]
    pub pod_cidr: String,
    #[serde(rename = "podCIDRs", skip_serializing_if = "Vec::is_empty")]
    pub pod_cidrs: Vec<String>,
    #[serde(rename = "providerID", skip_serializing_if = "String::is_empty")]
    pub provider_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unschedulable: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Taint {
    pub key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    pub effect: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_added: Option<Time>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeStatus {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub allocatable: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<NodeCondition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<NodeAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_info: Option<Value>,
    /// `{kubeletEndpoint: {Port: 10250}}` (the Go field keeps its
    /// capitalised `Port` tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daemon_endpoints: Option<Value>,
    /// What the runtime supports (`NodeFeatures`, 1.31+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<Value>,
    /// The runtime's handlers with their features (1.30+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime_handlers: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    pub last_heartbeat_time: Option<Time>,
    pub last_transition_time: Option<Time>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeAddress {
    #[serde(rename = "type")]
    pub type_: String,
    pub address: String,
}

impl Node {
    pub fn condition(&self, t: &str) -> Option<&NodeCondition> {
        self.status.conditions.iter().find(|c| c.type_ == t)
    }
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status == "True")
    }
    pub fn internal_ip(&self) -> &str {
        self.status
            .addresses
            .iter()
            .find(|a| a.type_ == "InternalIP")
            .map_or("", |a| a.address.as_str())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Namespace {
    pub metadata: ObjectMeta,
    pub spec: Value,
    pub status: NamespaceStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NamespaceStatus {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phase: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConfigMap {
    pub metadata: ObjectMeta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub binary_data: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Secret {
    pub metadata: ObjectMeta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
    /// Base64 values, as on the wire.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    /// Write-only convenience field; folded into `data` on write.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub string_data: BTreeMap<String, String>,
    #[serde(rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
}

/// core/v1 Event, as `kubectl get events` and `describe` read them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    pub metadata: ObjectMeta,
    pub involved_object: ObjectReference,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reason: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub message: RcStr,
    pub source: EventSource,
    pub first_timestamp: Option<Time>,
    pub last_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "is_zero")]
    pub count: i64,
    #[serde(rename = "type", skip_serializing_if = "RcStr::is_empty")]
    pub type_: RcStr,
    /// `metav1.MicroTime`: set by the events.k8s.io recorder (the
    /// scheduler's), `null` on the core/v1 recorder's Events.
    #[serde(serialize_with = "micro_time_opt")]
    pub event_time: Option<Time>,
    /// What the reporter did (the events.k8s.io recorder's `action`:
    /// `Binding`, `Scheduling`).
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub action: RcStr,
    /// An events.k8s.io Event seen again: how often, and when last (boxed:
    /// few Events have one, and every Event would carry its room).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<Box<EventSeries>>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reporting_component: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reporting_instance: RcStr,
}

/// `EventSeries`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventSeries {
    pub count: i64,
    #[serde(serialize_with = "micro_time")]
    pub last_observed_time: Time,
}

/// `metav1.MicroTime`'s text: RFC 3339 with six fraction digits.
fn micro_time<S: serde::Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.sim().rfc3339_micro())
}

fn micro_time_opt<S: serde::Serializer>(t: &Option<Time>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => micro_time(t, s),
        None => s.serialize_none(),
    }
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventSource {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub component: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub host: RcStr,
}

/// Any other kind: kept whole so `get`, `-o yaml` and `delete` work on it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GenericObject {
    pub metadata: ObjectMeta,
    #[serde(flatten)]
    pub rest: Extra,
}

impl GenericObject {
    /// The object's fields beside `metadata` (spec, status …) as one JSON
    /// object, for the controllers that read them by path.
    pub fn rest_value(&self) -> Value {
        serde_json::Value::Object(
            self.rest
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
}
