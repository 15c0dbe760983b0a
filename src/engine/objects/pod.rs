//! Pod (core/v1): the spec fields the scheduler and kubelet act on are
//! typed; everything else valid is kept verbatim in `extra`.

use serde::{Deserialize, Serialize};

use super::common::{Extra, IntOrString, Value};
use super::meta::{ObjectMeta, Time};
use super::rcstr::RcStr;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Pod {
    pub metadata: ObjectMeta,
    /// Shared (`Rc`): status writes, the most frequent, copy the Pod
    /// without copying its spec.
    pub spec: std::rc::Rc<PodSpec>,
    pub status: PodStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodSpec {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    pub containers: Vec<Container>,
    /// Added to a running Pod through the `ephemeralcontainers`
    /// subresource (`kubectl debug`); never on create. An
    /// `EphemeralContainer` is a `Container` plus `targetContainerName`,
    /// which stays in `extra` (see `Container::target`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ephemeral_containers: Vec<Container>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<RcStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_policy: Option<RcStr>,
    #[serde(skip_serializing_if = "super::VecMap::is_empty")]
    pub node_selector: super::Labels,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<RcStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account: Option<RcStr>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub node_name: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_context: Option<Value>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub hostname: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub subdomain: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduler_name: Option<RcStr>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_service_links: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preemption_policy: Option<RcStr>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl PodSpec {
    /// `spec.priorityClassName` (kept verbatim in `extra`), or "".
    pub fn priority_class_name(&self) -> &str {
        self.extra
            .get("priorityClassName")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The container, init container or ephemeral container of that name
    /// (names are unique across the three lists), as kubectl's
    /// `podcmd.FindContainerByName` finds it.
    pub fn container(&self, name: &str) -> Option<&Container> {
        self.containers
            .iter()
            .chain(self.init_containers.iter())
            .chain(self.ephemeral_containers.iter())
            .find(|c| c.name == name)
    }

    /// The ephemeral container of that name.
    pub fn ephemeral(&self, name: &str) -> Option<&Container> {
        self.ephemeral_containers.iter().find(|c| c.name == name)
    }

    /// Gives back the spare capacity of its lists (a stored Pod's lists do
    /// not grow again: a change makes a new version).
    pub fn shrink_to_fit(&mut self) {
        self.volumes.shrink_to_fit();
        self.tolerations.shrink_to_fit();
        for c in self
            .containers
            .iter_mut()
            .chain(self.init_containers.iter_mut())
            .chain(self.ephemeral_containers.iter_mut())
        {
            c.volume_mounts.shrink_to_fit();
            c.ports.shrink_to_fit();
            c.env.shrink_to_fit();
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Container {
    pub name: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub image: RcStr,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ContainerPort>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Value>,
    /// Set on init containers that are sidecars (`Always`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<RcStr>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
    /// Boxed: three probes inline made a Container 1.3 KB, most of it
    /// `None` in most Pods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Box<Probe>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Box<Probe>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Box<Probe>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_message_path: Option<RcStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_message_policy: Option<RcStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_pull_policy: Option<RcStr>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Container {
    /// An ephemeral container's `targetContainerName`: the container whose
    /// process namespace it shares ("" when none).
    pub fn target(&self) -> &str {
        self.extra
            .get("targetContainerName")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The main process's command line: `command` then `args`.
    pub fn argv(&self) -> Vec<String> {
        self.command
            .iter()
            .chain(self.args.iter())
            .cloned()
            .collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerPort {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub name: RcStr,
    pub container_port: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<RcStr>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EnvVar {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_from: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeMount {
    pub name: RcStr,
    /// A Go `bool` with `omitempty`: false is never shown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    pub mount_path: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_path: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Volume {
    pub name: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim: Option<PvcVolumeSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_dir: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<Value>,
    /// Shared (`Rc`): every Pod carries the same service-account projection
    /// (`kube-api-access-…`), and as a tree of small JSON maps it was three
    /// quarters of a Pod's spec in memory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected: Option<std::rc::Rc<Value>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PvcVolumeSource {
    pub claim_name: RcStr,
    /// A Go `bool` with `omitempty`: false is never shown (R2.8).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Toleration {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub key: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<RcStr>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub value: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub effect: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

impl Toleration {
    /// `ToleratesTaint`: the effect (if set) and key (if set) match, and the
    /// value does unless the operator is Exists.
    pub fn tolerates(&self, t: &super::cluster::Taint) -> bool {
        if !self.effect.is_empty() && self.effect != t.effect {
            return false;
        }
        if !self.key.is_empty() && self.key != t.key {
            return false;
        }
        match self.operator.as_deref() {
            None | Some("") | Some("Equal") => self.value == t.value,
            Some("Exists") => true,
            Some(_) => false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Probe {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exec: Option<ExecAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGetAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<TcpSocketAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grpc: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_delay_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_threshold: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExecAction {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpGetAction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Required by validation, not by decoding (a missing port is a field error).
    #[serde(default = "no_port")]
    pub port: IntOrString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_headers: Option<Value>,
}

fn no_port() -> IntOrString {
    IntOrString::Int(0)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpSocketAction {
    #[serde(default = "no_port")]
    pub port: IntOrString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodStatus {
    /// The `metadata.generation` the kubelet last acted on
    /// (PodObservedGenerationTracking, on by default since 1.34).
    #[serde(skip_serializing_if = "super::meta::is_zero_i64")]
    pub observed_generation: i64,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub phase: RcStr,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<PodCondition>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub message: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reason: RcStr,
    /// The node the scheduler's preemption cleared room on for this Pod
    /// (cleared when the Pod is bound).
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub nominated_node_name: RcStr,
    #[serde(rename = "hostIP", skip_serializing_if = "RcStr::is_empty")]
    pub host_ip: RcStr,
    #[serde(rename = "hostIPs", skip_serializing_if = "Vec::is_empty")]
    pub host_ips: Vec<PodIp>,
    #[serde(rename = "podIP", skip_serializing_if = "RcStr::is_empty")]
    pub pod_ip: RcStr,
    #[serde(rename = "podIPs", skip_serializing_if = "Vec::is_empty")]
    pub pod_ips: Vec<PodIp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub init_container_statuses: Vec<ContainerStatus>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub container_statuses: Vec<ContainerStatus>,
    /// The kubelet's report on `spec.ephemeralContainers` (never ready,
    /// never restarted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ephemeral_container_statuses: Vec<ContainerStatus>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub qos_class: RcStr,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodIp {
    pub ip: RcStr,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodCondition {
    #[serde(rename = "type")]
    pub type_: RcStr,
    /// The `metadata.generation` the condition was set from (1.34+).
    #[serde(skip_serializing_if = "super::meta::is_zero_i64")]
    pub observed_generation: i64,
    pub status: RcStr,
    /// Always serialized (as `null`), like the API server does.
    pub last_probe_time: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reason: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub message: RcStr,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerStatus {
    pub name: RcStr,
    pub state: ContainerState,
    /// A struct in Go, so always serialized (`lastState: {}`).
    pub last_state: ContainerState,
    pub ready: bool,
    pub restart_count: i64,
    pub image: RcStr,
    #[serde(rename = "imageID")]
    pub image_id: RcStr,
    #[serde(rename = "containerID", skip_serializing_if = "RcStr::is_empty")]
    pub container_id: RcStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
    /// The resources the runtime reports for a created container
    /// (InPlacePodVerticalScaling, on by default since 1.33): `{}` without
    /// requests or limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Value>,
    /// The container's mounts as the kubelet reports them
    /// (RecursiveReadOnlyMounts, since 1.31); shared between a Pod's status
    /// versions, as a Pod's mounts cannot change.
    #[serde(skip_serializing_if = "mounts_empty")]
    pub volume_mounts: std::rc::Rc<Vec<VolumeMountStatus>>,
    /// The identity the runtime started the process with (containerd 2.x
    /// reports it; the kubelet copies it with SupplementalGroupsPolicy, on
    /// by default since 1.33). Shared between status versions: it cannot
    /// change for a container.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<std::rc::Rc<ContainerUser>>,
}

/// `ContainerUser`: only Linux here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerUser {
    pub linux: LinuxContainerUser,
}

/// `LinuxContainerUser`: the primary uid and gid and the supplementary
/// groups (primary included, sorted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LinuxContainerUser {
    pub uid: i64,
    pub gid: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supplemental_groups: Vec<i64>,
}

fn mounts_empty(m: &std::rc::Rc<Vec<VolumeMountStatus>>) -> bool {
    m.is_empty()
}

/// `VolumeMountStatus`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeMountStatus {
    pub name: RcStr,
    pub mount_path: RcStr,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// `Disabled` for a read-only mount (nothing asks for recursive
    /// read-only here); absent otherwise.
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub recursive_read_only: RcStr,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerState {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting: Option<ContainerStateWaiting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<ContainerStateRunning>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Boxed: rare, and 88 bytes inline in each of a status's two states.
    pub terminated: Option<Box<ContainerStateTerminated>>,
}

impl ContainerState {
    pub fn is_empty(&self) -> bool {
        self.waiting.is_none() && self.running.is_none() && self.terminated.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerStateWaiting {
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reason: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub message: RcStr,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerStateRunning {
    pub started_at: Option<Time>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerStateTerminated {
    pub exit_code: i64,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub reason: RcStr,
    #[serde(skip_serializing_if = "RcStr::is_empty")]
    pub message: RcStr,
    pub started_at: Option<Time>,
    pub finished_at: Option<Time>,
    #[serde(rename = "containerID", skip_serializing_if = "RcStr::is_empty")]
    pub container_id: RcStr,
}

impl Pod {
    /// The spec to change (copied first if another version shares it).
    pub fn spec_mut(&mut self) -> &mut PodSpec {
        std::rc::Rc::make_mut(&mut self.spec)
    }
    pub fn condition(&self, type_: &str) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == type_)
    }

    /// `podutil.IsPodReady`: the Ready condition is True.
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status == "True")
    }

    /// Running and Ready (the StatefulSet controller's `isRunningAndReady`).
    pub fn is_running_and_ready(&self) -> bool {
        self.status.phase == "Running" && self.is_ready()
    }

    /// `podutil.IsPodAvailable`: Ready for at least `min_ready_seconds`.
    pub fn is_available(&self, min_ready_seconds: i64, now: crate::engine::time::SimTime) -> bool {
        if !self.is_ready() {
            return false;
        }
        if min_ready_seconds <= 0 {
            return true;
        }
        let since = self
            .condition("Ready")
            .and_then(|c| c.last_transition_time)
            .map(|t| t.sim());
        since.is_some_and(|t| now.saturating_sub(t).as_ms() >= (min_ready_seconds as u64) * 1000)
    }

    pub fn is_terminal(&self) -> bool {
        self.status.phase == "Failed" || self.status.phase == "Succeeded"
    }

    /// The claim names this Pod mounts, in volume order.
    pub fn claim_names(&self) -> impl Iterator<Item = &RcStr> {
        self.spec
            .volumes
            .iter()
            .filter_map(|v| v.persistent_volume_claim.as_ref().map(|c| &c.claim_name))
    }
}
