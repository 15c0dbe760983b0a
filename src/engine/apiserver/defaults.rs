//! Defaulting (R1): what the API server fills in on create and update, as
//! Kubernetes 1.35 does — the `SetDefaults_*` functions of
//! `pkg/apis/{apps,core,storage}/v1` (with `MaxUnavailableStatefulSet` on),
//! the declarative defaults (`ContainerPort.protocol: TCP`), the v1
//! conversion that folds a Secret's `stringData` into `data`, and the few
//! things registries and admission plugins always add that `kubectl get -o
//! yaml` shows (a Pod's phase, QoS class, priority, service account and
//! default tolerations; a Namespace's finalizer; a Service's cluster-IP
//! bookkeeping other than the address itself, which the engine allocates).
//!
//! Run it before validation. Quantities in resource lists come back in the
//! canonical form the API server writes (`1024Mi` → `1Gi`).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::rc::Rc;

use crate::engine::objects::Kind;

use crate::engine::apiserver::validation::quantity::canonical_value;
use crate::engine::objects::pod::{Container, PodSpec, Probe, Toleration, Volume};
use crate::engine::objects::service::Service;
use crate::engine::objects::statefulset::{
    RetentionPolicy, RollingUpdateStatefulSetStrategy, StatefulSetUpdateStrategy,
};
use crate::engine::objects::storage::{PersistentVolumeClaimSpec, PersistentVolumeClaimStatus};
use crate::engine::objects::{
    IntOrString, Namespace, Object, PersistentVolume, PersistentVolumeClaim, Pod, RcStr, Secret,
    StatefulSet, StorageClass, Value,
};

/// Applies the API server's defaults to any object Ordinal simulates.
pub fn apply_defaults(obj: &mut Object) {
    match obj {
        Object::StatefulSet(s) => default_statefulset(Rc::make_mut(s)),
        Object::Pod(p) => default_pod(Rc::make_mut(p)),
        Object::Service(s) => default_service(Rc::make_mut(s)),
        Object::PersistentVolumeClaim(p) => default_pvc(Rc::make_mut(p)),
        Object::PersistentVolume(p) => default_pv(Rc::make_mut(p)),
        Object::StorageClass(s) => default_storage_class(Rc::make_mut(s)),
        Object::Secret(s) => default_secret(Rc::make_mut(s)),
        Object::Namespace(n) => default_namespace(Rc::make_mut(n)),
        Object::Other(crate::engine::objects::Kind::HorizontalPodAutoscaler, h) => {
            default_autoscaler(Rc::make_mut(h))
        }
        Object::Other(kind @ (Kind::Deployment | Kind::ReplicaSet), d) => {
            default_workload(*kind, Rc::make_mut(d))
        }
        // scheduling/v1 `SetDefaults_PriorityClass`.
        Object::Other(crate::engine::objects::Kind::PriorityClass, pc) => {
            let rest = &mut Rc::make_mut(pc).rest;
            if rest.get("preemptionPolicy").is_none_or(Value::is_null) {
                rest.insert("preemptionPolicy".into(), "PreemptLowerPriority".into());
            }
        }
        _ => {}
    }
}

/// apps/v1 `SetDefaults_Deployment` and `SetDefaults_ReplicaSet`: one
/// replica; a Deployment's RollingUpdate strategy with 25 % surge and
/// unavailability, 10 old ReplicaSets kept, a 600 s progress deadline; the
/// Pod template's own defaults (`default_pod_spec`).
fn default_workload(kind: Kind, d: &mut crate::engine::objects::GenericObject) {
    let Some(spec) = d.rest.get_mut("spec").and_then(|s| s.as_object_mut()) else {
        return;
    };
    spec.entry("replicas").or_insert(Value::from(1));
    if kind == Kind::Deployment {
        let strategy = spec
            .entry("strategy")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Some(st) = strategy.as_object_mut() {
            if st
                .get("type")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                st.insert("type".into(), "RollingUpdate".into());
            }
            if st.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
                let ru = st
                    .entry("rollingUpdate")
                    .or_insert_with(|| Value::Object(Default::default()));
                if let Some(ru) = ru.as_object_mut() {
                    ru.entry("maxUnavailable").or_insert("25%".into());
                    ru.entry("maxSurge").or_insert("25%".into());
                }
            }
        }
        spec.entry("revisionHistoryLimit")
            .or_insert(Value::from(10));
        spec.entry("progressDeadlineSeconds")
            .or_insert(Value::from(600));
    }
    if let Some(t) = spec.get_mut("template").and_then(|t| t.get_mut("spec")) {
        if let Ok(mut pod_spec) = serde_json::from_value::<PodSpec>(t.clone()) {
            default_pod_spec(&mut pod_spec);
            if let Ok(v) = serde_json::to_value(&pod_spec) {
                *t = v;
            }
        }
    }
}

/// autoscaling/v2 `SetDefaults_HorizontalPodAutoscaler`: one replica at
/// least, and without metrics a CPU utilization target of 80 %. An
/// autoscaling/v1 object is stored as v2, as the API server stores it: its
/// `targetCPUUtilizationPercentage` becomes that CPU metric.
fn default_autoscaler(h: &mut crate::engine::objects::GenericObject) {
    let Some(spec) = h.rest.get_mut("spec").and_then(|s| s.as_object_mut()) else {
        return;
    };
    if spec.get("minReplicas").is_none_or(|m| m.is_null()) {
        spec.insert("minReplicas".into(), serde_json::json!(1));
    }
    let v1_target = spec
        .remove("targetCPUUtilizationPercentage")
        .and_then(|t| t.as_i64());
    let no_metrics = spec
        .get("metrics")
        .is_none_or(|m| m.as_array().is_none_or(|a| a.is_empty()));
    if no_metrics {
        let cpu = v1_target.unwrap_or(80);
        spec.insert(
            "metrics".into(),
            serde_json::json!([{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": cpu}}}]),
        );
    }
}

fn set_if_empty(field: &mut Option<String>, value: &str) {
    if field.as_deref().unwrap_or("").is_empty() {
        *field = Some(value.to_string());
    }
}

/// `set_if_empty` for a field kept as a shared word: every Pod holds the
/// same one copy of `"ClusterFirst"`, `"Always"`, `"default-scheduler"` ….
fn set_word_if_empty(field: &mut Option<RcStr>, value: &str) {
    if field.as_deref().unwrap_or("").is_empty() {
        *field = Some(RcStr::interned(value));
    }
}

/// `SetDefaults_StatefulSet` plus the Pod-template and claim-template
/// defaults the generated defaulter applies (R1.1–R1.3).
pub fn default_statefulset(s: &mut StatefulSet) {
    let spec = &mut s.spec;
    set_if_empty(&mut spec.pod_management_policy, "OrderedReady");
    let strategy = spec
        .update_strategy
        .get_or_insert_with(StatefulSetUpdateStrategy::default);
    if strategy.type_.as_deref().unwrap_or("").is_empty() {
        // Only an omitted type brings a rollingUpdate block (R1.2).
        strategy.type_ = Some("RollingUpdate".to_string());
        strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateStatefulSetStrategy::default);
    }
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        if let Some(r) = strategy.rolling_update.as_mut() {
            r.partition.get_or_insert(0);
            r.max_unavailable.get_or_insert(IntOrString::Int(1));
        }
    }
    let retention = spec
        .persistent_volume_claim_retention_policy
        .get_or_insert_with(RetentionPolicy::default);
    set_if_empty(&mut retention.when_deleted, "Retain");
    set_if_empty(&mut retention.when_scaled, "Retain");
    spec.replicas.get_or_insert(1);
    spec.revision_history_limit.get_or_insert(10);
    default_pod_spec(&mut spec.template.spec);
    for claim in &mut spec.volume_claim_templates {
        default_pvc_status(&mut claim.status);
        default_pvc_spec(&mut claim.spec);
    }
}

/// `SetDefaults_PodSpec` and what it reaches: volumes, containers, probes.
/// Pod templates get exactly this; Pods get `default_pod` on top.
pub fn default_pod_spec(spec: &mut PodSpec) {
    set_word_if_empty(&mut spec.dns_policy, "ClusterFirst");
    set_word_if_empty(&mut spec.restart_policy, "Always");
    if spec.security_context.as_ref().is_none_or(Value::is_null) {
        spec.security_context = Some(Value::Object(Default::default()));
    }
    spec.termination_grace_period_seconds.get_or_insert(30);
    set_word_if_empty(&mut spec.scheduler_name, "default-scheduler");
    for v in &mut spec.volumes {
        default_volume(v);
    }
    // `SetDefaults_EphemeralContainer` defaults the container it holds.
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
        .chain(spec.ephemeral_containers.iter_mut())
    {
        default_container(c);
    }
}

const VOLUME_SOURCES: &[&str] = &[
    "hostPath",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
];

fn set_mode(v: &mut Value) {
    if let Value::Object(m) = v {
        m.entry("defaultMode").or_insert(Value::from(420));
    }
}

fn projected_needs_defaults(p: &Value) -> bool {
    let Value::Object(m) = p else { return false };
    !m.contains_key("defaultMode")
        || m.get("sources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|src| src.get("serviceAccountToken"))
            .any(|t| t.is_object() && t.get("expirationSeconds").is_none())
}

/// `SetDefaults_Volume` and the per-source defaults (file modes 0644).
fn default_volume(v: &mut Volume) {
    let present = |x: &Option<Value>| x.as_ref().is_some_and(|v| !v.is_null());
    let any = present(&v.empty_dir)
        || present(&v.config_map)
        || present(&v.secret)
        || v.projected.as_deref().is_some_and(|x| !x.is_null())
        || v.persistent_volume_claim.is_some()
        || VOLUME_SOURCES
            .iter()
            .any(|k| v.extra.get(*k).is_some_and(|x| !x.is_null()));
    if !any {
        v.empty_dir = Some(Value::Object(Default::default()));
    }
    if let Some(s) = v.secret.as_mut() {
        set_mode(s);
    }
    if let Some(c) = v.config_map.as_mut() {
        set_mode(c);
    }
    if let Some(d) = v.extra.get_mut("downwardAPI") {
        set_mode(d);
    }
    if let Some(p) = v.projected.as_mut() {
        // Only a tree that lacks a default is copied: the shared
        // service-account projection already has them all.
        if projected_needs_defaults(p) {
            let p = Rc::make_mut(p);
            set_mode(p);
            for src in p
                .get_mut("sources")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                if let Some(Value::Object(t)) = src.get_mut("serviceAccountToken") {
                    t.entry("expirationSeconds").or_insert(Value::from(3600));
                }
            }
        }
    }
    if let Some(Value::Object(h)) = v.extra.get_mut("hostPath") {
        h.entry("type").or_insert(Value::from(""));
    }
}

/// The tag `parsers.ParseImageName` finds: "latest" when neither tag nor
/// digest is given, "" when there is only a digest or the reference does
/// not parse (a repository path must be lower case).
fn image_tag(image: &str) -> String {
    if image.is_empty() || image.chars().any(char::is_whitespace) {
        return String::new();
    }
    let (named, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let (repo, tag) = match named.rsplit_once('/') {
        Some((head, last)) => match last.split_once(':') {
            Some((name, tag)) => (format!("{head}/{name}"), Some(tag)),
            None => (named.to_string(), None),
        },
        None => match named.split_once(':') {
            Some((name, tag)) => (name.to_string(), Some(tag)),
            None => (named.to_string(), None),
        },
    };
    // The registry host (a first component with '.', ':' or "localhost")
    // may hold capitals; the path may not.
    let path = match repo.split_once('/') {
        Some((host, rest)) if host.contains('.') || host.contains(':') || host == "localhost" => {
            rest
        }
        _ => repo.as_str(),
    };
    if path.is_empty() || path.chars().any(|c| c.is_ascii_uppercase()) {
        return String::new();
    }
    match (tag, digest) {
        (Some(t), _) => t.to_string(),
        (None, Some(_)) => String::new(),
        (None, None) => "latest".to_string(),
    }
}

/// `SetDefaults_Container`, the declarative port protocol, probe and
/// fieldRef defaults, and canonical resource quantities.
pub fn default_container(c: &mut Container) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        let policy = if image_tag(&c.image) == "latest" {
            "Always"
        } else {
            "IfNotPresent"
        };
        c.image_pull_policy = Some(RcStr::interned(policy));
    }
    set_word_if_empty(&mut c.termination_message_path, "/dev/termination-log");
    set_word_if_empty(&mut c.termination_message_policy, "File");
    for p in &mut c.ports {
        set_word_if_empty(&mut p.protocol, "TCP");
    }
    for e in &mut c.env {
        if let Some(Value::Object(f)) = e.value_from.as_mut().and_then(|v| v.get_mut("fieldRef")) {
            let missing = f
                .get("apiVersion")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty();
            if missing {
                f.insert("apiVersion".into(), Value::from("v1"));
            }
        }
    }
    for probe in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        default_probe(probe);
    }
    let resources = c
        .resources
        .get_or_insert_with(|| Value::Object(Default::default()));
    if let Value::Object(r) = resources {
        for key in ["limits", "requests"] {
            if let Some(Value::Object(list)) = r.get_mut(key) {
                for v in list.values_mut() {
                    *v = canonical_value(v, true);
                }
            }
        }
    } else if resources.is_null() {
        *resources = Value::Object(Default::default());
    }
}

/// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`.
fn default_probe(p: &mut Probe) {
    for (field, value) in [
        (&mut p.timeout_seconds, 1),
        (&mut p.period_seconds, 10),
        (&mut p.success_threshold, 1),
        (&mut p.failure_threshold, 3),
    ] {
        if field.unwrap_or(0) == 0 {
            *field = Some(value);
        }
    }
    if let Some(h) = p.http_get.as_mut() {
        set_if_empty(&mut h.path, "/");
        set_if_empty(&mut h.scheme, "HTTP");
    }
}

/// Priorities of the built-in PriorityClasses (Priority admission), for a
/// Pod written without admission.
pub(crate) fn builtin_priority(class: &str) -> Option<i32> {
    if class.is_empty() {
        return Some(0);
    }
    super::validation::priority_class::SYSTEM_PRIORITY_CLASSES
        .iter()
        .find(|(name, _, _)| *name == class)
        .and_then(|&(_, value, _)| i32::try_from(value).ok())
}

fn tolerates(tolerations: &[Toleration], key: &str) -> bool {
    tolerations.iter().any(|t| {
        let key_ok = t.key == key || (t.key.is_empty() && t.operator.as_deref() == Some("Exists"));
        key_ok && (t.effect.is_empty() || t.effect == "NoExecute")
    })
}

/// `SetDefaults_Pod` on top of the spec defaults, then what the Pod
/// registry and the default admission plugins add to every Pod (phase,
/// QoS class, priority, service account, default toleration seconds).
/// The projected service-account token volume (`kube-api-access-<random>`)
/// needs a random suffix and is left to the engine.
pub fn default_pod(p: &mut Pod) {
    let spec = std::rc::Rc::make_mut(&mut p.spec);
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        if let Some(Value::Object(r)) = c.resources.as_mut() {
            if let Some(Value::Object(limits)) = r.get("limits").cloned() {
                let requests = r
                    .entry("requests")
                    .or_insert_with(|| Value::Object(Default::default()));
                if let Value::Object(req) = requests {
                    for (k, v) in limits {
                        req.entry(k).or_insert(v);
                    }
                }
            }
        }
    }
    default_pod_spec(spec);
    spec.enable_service_links.get_or_insert(true);
    if spec.extra.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        for c in spec
            .containers
            .iter_mut()
            .chain(spec.init_containers.iter_mut())
        {
            for port in &mut c.ports {
                let unset = port
                    .extra
                    .get("hostPort")
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
                    == 0;
                if unset {
                    port.extra
                        .insert("hostPort".into(), Value::from(port.container_port));
                }
            }
        }
    }
    let class = spec.priority_class_name().to_string();
    if spec.priority.is_none() {
        spec.priority = builtin_priority(&class);
    }
    if spec.priority.is_some() {
        set_word_if_empty(&mut spec.preemption_policy, "PreemptLowerPriority");
    }
    set_word_if_empty(&mut spec.service_account_name, "default");
    if spec.service_account.as_deref().unwrap_or("").is_empty() {
        spec.service_account = spec.service_account_name.clone();
    }
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        if !tolerates(&spec.tolerations, key) {
            spec.tolerations.push(Toleration {
                key: RcStr::interned(key),
                operator: Some(RcStr::interned("Exists")),
                value: RcStr::default(),
                effect: RcStr::interned("NoExecute"),
                toleration_seconds: Some(300),
            });
        }
    }
    if p.status.phase.is_empty() {
        p.status.phase = "Pending".into();
    }
    if p.status.qos_class.is_empty() {
        p.status.qos_class = qos_class(&p.spec).into();
    }
}

/// `qos.GetPodQOS` over the containers' cpu and memory.
pub fn qos_class(spec: &PodSpec) -> &'static str {
    let (mut any, mut guaranteed) = (false, true);
    for c in spec.containers.iter().chain(spec.init_containers.iter()) {
        let list = |k: &str| {
            c.resources
                .as_ref()
                .and_then(|r| r.get(k))
                .cloned()
                .unwrap_or(Value::Null)
        };
        let (req, lim) = (list("requests"), list("limits"));
        for res in ["cpu", "memory"] {
            let r = req.get(res).map(|v| canonical_value(v, false));
            let l = lim.get(res).map(|v| canonical_value(v, false));
            let nonzero = |v: &Option<Value>| v.as_ref().is_some_and(|v| v.as_str() != Some("0"));
            any |= nonzero(&r) || nonzero(&l);
            if l.is_none() || r != l {
                guaranteed = false;
            }
        }
    }
    match (any, guaranteed) {
        (false, _) => "BestEffort",
        (true, true) => "Guaranteed",
        (true, false) => "Burstable",
    }
}

/// `SetDefaults_Service` plus the cluster-IP bookkeeping the Service
/// registry does before validation (clusterIPs mirrors clusterIP; IP
/// families and policy for the single-stack IPv4 cluster Ordinal runs).
pub fn default_service(s: &mut Service) {
    let spec = &mut s.spec;
    set_if_empty(&mut spec.session_affinity, "None");
    match spec.session_affinity.as_deref() {
        Some("None") => {
            spec.extra.remove("sessionAffinityConfig");
        }
        Some("ClientIP") => {
            let has_timeout = spec
                .extra
                .get("sessionAffinityConfig")
                .and_then(|c| c.pointer("/clientIP/timeoutSeconds"))
                .is_some_and(|t| !t.is_null());
            if !has_timeout {
                spec.extra.insert(
                    "sessionAffinityConfig".into(),
                    serde_json::json!({"clientIP": {"timeoutSeconds": 10800}}),
                );
            }
        }
        _ => {}
    }
    set_if_empty(&mut spec.type_, "ClusterIP");
    for port in &mut spec.ports {
        set_if_empty(&mut port.protocol, "TCP");
        let unset = match &port.target_port {
            None => true,
            Some(IntOrString::Int(0)) => true,
            Some(IntOrString::Str(t)) => t.is_empty(),
            Some(IntOrString::Int(_)) => false,
        };
        if unset {
            port.target_port = Some(IntOrString::Int(port.port));
        }
    }
    let ty = spec.type_.clone().unwrap_or_default();
    let has_external_ips = spec
        .extra
        .get("externalIPs")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    let externally_accessible =
        ty == "LoadBalancer" || ty == "NodePort" || (ty == "ClusterIP" && has_external_ips);
    if externally_accessible
        && spec
            .extra
            .get("externalTrafficPolicy")
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
    {
        spec.extra
            .insert("externalTrafficPolicy".into(), Value::from("Cluster"));
    }
    if spec.internal_traffic_policy.is_none()
        && matches!(ty.as_str(), "NodePort" | "LoadBalancer" | "ClusterIP")
    {
        spec.internal_traffic_policy = Some("Cluster".to_string());
    }
    if ty == "LoadBalancer"
        && spec
            .extra
            .get("allocateLoadBalancerNodePorts")
            .is_none_or(Value::is_null)
    {
        spec.extra
            .insert("allocateLoadBalancerNodePorts".into(), Value::from(true));
    }
    if ty == "ExternalName" {
        return;
    }
    let cluster_ip = spec.cluster_ip.clone().unwrap_or_default();
    if !cluster_ip.is_empty() && spec.cluster_ips.is_empty() {
        spec.cluster_ips = vec![cluster_ip.clone()];
    }
    let selectorless_headless =
        cluster_ip == "None" && spec.selector.as_ref().is_none_or(|s| s.is_empty());
    if spec.ip_family_policy.is_none() {
        let policy = if selectorless_headless {
            "RequireDualStack"
        } else {
            "SingleStack"
        };
        spec.ip_family_policy = Some(policy.to_string());
    }
    if spec.ip_families.is_empty() {
        spec.ip_families = vec!["IPv4".to_string()];
    }
}

/// What the Service registry does to an update before validating it, in
/// its order: `patchAllocatedValues` (a manifest that omits the allocated
/// values keeps them: cluster IPs, node ports by port name, the health
/// check port), `normalizeClusterIPs` (changing only `clusterIP` changes
/// `clusterIPs` with it, so that validation can report the change; R7.12,
/// R9.14), then the strategy's `dropTypeDependentFields`: what a new type
/// no longer uses and the user did not change goes (switching to
/// ExternalName drops the cluster IPs, removing `externalIPs` from a
/// ClusterIP Service drops its defaulted `externalTrafficPolicy`).
/// Call it on the new object before defaulting and validation.
pub fn prepare_service_update(new: &mut Service, old: &Service) {
    patch_allocated_values(new, old);
    normalize_cluster_ips(new, old);
    drop_type_dependent_fields(new, old);
}

type Spec = crate::engine::objects::service::ServiceSpec;

fn needs_cluster_ip(s: &Spec) -> bool {
    s.type_.as_deref() != Some("ExternalName")
}

fn needs_node_port(s: &Spec) -> bool {
    matches!(s.type_.as_deref(), Some("NodePort" | "LoadBalancer"))
}

/// `ExternallyAccessible`: what has an `externalTrafficPolicy`.
fn needs_external_traffic_policy(s: &Spec) -> bool {
    needs_node_port(s)
        || (s.type_.as_deref().unwrap_or("ClusterIP") == "ClusterIP"
            && s.extra
                .get("externalIPs")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty()))
}

fn needs_health_check_node_port(s: &Spec) -> bool {
    s.type_.as_deref() == Some("LoadBalancer")
        && s.extra.get("externalTrafficPolicy").and_then(Value::as_str) == Some("Local")
}

fn node_ports(s: &Spec) -> std::collections::BTreeSet<i64> {
    s.ports
        .iter()
        .filter_map(|p| p.node_port)
        .filter(|n| *n != 0)
        .collect()
}

fn patch_allocated_values(new: &mut Service, old: &Service) {
    patch_cluster_ips(new, old);
    let (n, o) = (&mut new.spec, &old.spec);
    if needs_node_port(o) && needs_node_port(n) {
        // Node ports both versions name can't be patched in again.
        let used: std::collections::BTreeSet<i64> = node_ports(o)
            .intersection(&node_ports(n))
            .copied()
            .collect();
        for p in &mut n.ports {
            if p.node_port.unwrap_or(0) == 0 {
                // By port name (the last old port of that name).
                let old_value = o
                    .ports
                    .iter()
                    .rev()
                    .find(|q| q.name == p.name)
                    .and_then(|q| q.node_port)
                    .unwrap_or(0);
                if old_value != 0 && !used.contains(&old_value) {
                    p.node_port = Some(old_value);
                }
            }
        }
    }
    if needs_health_check_node_port(o) && needs_health_check_node_port(n) {
        let unset = n
            .extra
            .get("healthCheckNodePort")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            == 0;
        if let (true, Some(v)) = (unset, o.extra.get("healthCheckNodePort").cloned()) {
            n.extra.insert("healthCheckNodePort".into(), v);
        }
    }
}

fn drop_type_dependent_fields(new: &mut Service, old: &Service) {
    let (n, o) = (&mut new.spec, &old.spec);
    if needs_cluster_ip(o) && !needs_cluster_ip(n) {
        if o.cluster_ip == n.cluster_ip && o.cluster_ips == n.cluster_ips {
            n.cluster_ip = None;
            n.cluster_ips = Vec::new();
        }
        if o.ip_families == n.ip_families {
            n.ip_families = Vec::new();
        }
        if o.ip_family_policy == n.ip_family_policy {
            n.ip_family_policy = None;
        }
    }
    if needs_node_port(o) && !needs_node_port(n) && node_ports(o) == node_ports(n) {
        for p in &mut n.ports {
            p.node_port = None;
        }
    }
    let same = |k: &str, n: &Spec| o.extra.get(k) == n.extra.get(k);
    if needs_health_check_node_port(o)
        && !needs_health_check_node_port(n)
        && same("healthCheckNodePort", n)
    {
        n.extra.remove("healthCheckNodePort");
    }
    if n.type_.as_deref() != Some("LoadBalancer") {
        let both_set = |k: &str| {
            o.extra.get(k).is_some_and(|v| !v.is_null())
                && n.extra.get(k).is_some_and(|v| !v.is_null())
        };
        if both_set("allocateLoadBalancerNodePorts") && same("allocateLoadBalancerNodePorts", n) {
            n.extra.remove("allocateLoadBalancerNodePorts");
        }
        if o.type_.as_deref() == Some("LoadBalancer") && same("loadBalancerClass", n) {
            n.extra.remove("loadBalancerClass");
        }
    }
    if needs_external_traffic_policy(o)
        && !needs_external_traffic_policy(n)
        && same("externalTrafficPolicy", n)
    {
        n.extra.remove("externalTrafficPolicy");
    }
    // The load balancer's status goes with the type.
    if n.type_.as_deref() != Some("LoadBalancer") {
        new.status = serde_json::json!({"loadBalancer": {}});
    }
}

fn normalize_cluster_ips(new: &mut Service, old: &Service) {
    let (n, o) = (&mut new.spec, &old.spec);
    if n.cluster_ip != o.cluster_ip && n.cluster_ips == o.cluster_ips {
        let ip = n.cluster_ip.clone().unwrap_or_default();
        n.cluster_ips = if ip.is_empty() { Vec::new() } else { vec![ip] };
    }
}

/// `patchAllocatedValues`' cluster IPs (and the IP families the
/// allocator would give the same values again).
fn patch_cluster_ips(new: &mut Service, old: &Service) {
    let (n, o) = (&mut new.spec, &old.spec);
    if needs_cluster_ip(n) && needs_cluster_ip(o) {
        if n.cluster_ip.as_deref().unwrap_or("").is_empty() {
            n.cluster_ip = o.cluster_ip.clone();
        }
        if n.cluster_ips.is_empty() && o.cluster_ip == n.cluster_ip {
            n.cluster_ips = o.cluster_ips.clone();
        }
        if n.ip_families.is_empty() {
            n.ip_families = o.ip_families.clone();
        }
        if n.ip_family_policy.is_none() {
            n.ip_family_policy = o.ip_family_policy.clone();
        }
    }
}

fn default_pvc_status(status: &mut PersistentVolumeClaimStatus) {
    if status.phase.is_empty() {
        status.phase = "Pending".into();
    }
}

/// `SetDefaults_PersistentVolumeClaimSpec` and the resource-list rounding.
fn default_pvc_spec(spec: &mut PersistentVolumeClaimSpec) {
    set_if_empty(&mut spec.volume_mode, "Filesystem");
    if let Some(r) = spec.resources.as_mut() {
        for v in r.requests.values_mut().chain(r.limits.values_mut()) {
            *v = canonical_value(v, true);
        }
    }
}

pub fn default_pvc(p: &mut PersistentVolumeClaim) {
    default_pvc_status(&mut p.status);
    default_pvc_spec(&mut p.spec);
}

/// `SetDefaults_PersistentVolume`: a static PV is retained by default.
pub fn default_pv(p: &mut PersistentVolume) {
    if p.status.phase.is_empty() {
        p.status.phase = "Pending".into();
    }
    set_if_empty(&mut p.spec.persistent_volume_reclaim_policy, "Retain");
    set_if_empty(&mut p.spec.volume_mode, "Filesystem");
    if let Some(h) = &mut p.spec.host_path {
        h.type_.get_or_insert_with(Default::default);
    }
    for v in p.spec.capacity.values_mut() {
        if let Value::String(s) = canonical_value(&Value::String(v.clone()), true) {
            *v = s;
        }
    }
}

/// `SetDefaults_StorageClass`.
pub fn default_storage_class(s: &mut StorageClass) {
    set_if_empty(&mut s.reclaim_policy, "Delete");
    set_if_empty(&mut s.volume_binding_mode, "Immediate");
}

/// `SetDefaults_Secret` and the v1 conversion of `stringData` (which wins
/// over `data` for the same key). `data` holds bytes on the server, so a
/// value written with line breaks (as kustomize wraps long ones) reads
/// back as one unbroken base64 line.
pub fn default_secret(s: &mut Secret) {
    if s.type_.is_empty() {
        s.type_ = "Opaque".to_string();
    }
    for v in s.data.values_mut() {
        if v.contains(['\n', '\r']) {
            if let Some(bytes) = base64_decode(v) {
                *v = base64_encode(&bytes);
            }
        }
    }
    for (k, v) in std::mem::take(&mut s.string_data) {
        s.data.insert(k, base64_encode(v.as_bytes()));
    }
}

/// `SetDefaults_Namespace`, `SetDefaults_NamespaceStatus`, and the
/// `kubernetes` finalizer the namespace registry adds on create.
pub fn default_namespace(n: &mut Namespace) {
    if !n.metadata.name.is_empty() {
        n.metadata.labels.insert(
            "kubernetes.io/metadata.name".into(),
            n.metadata.name.clone(),
        );
    }
    if n.status.phase.is_empty() {
        n.status.phase = "Active".to_string();
    }
    if !n.spec.is_object() {
        n.spec = Value::Object(Default::default());
    }
    if let Value::Object(spec) = &mut n.spec {
        spec.entry("finalizers")
            .or_insert_with(|| serde_json::json!(["kubernetes"]));
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (how `data` is written on the wire).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 decoding; None when the text is not base64. Line
/// breaks are skipped, as Go's decoder skips them (kustomize wraps long
/// Secret values at 70 columns).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim_end_matches(['=', '\n', '\r']);
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in trimmed.bytes().filter(|c| !matches!(c, b'\n' | b'\r')) {
        let v = B64.iter().position(|x| *x == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

/// `deprecated.daemonset.template.generation`: the DaemonSet registry's
/// `spec.templateGeneration`, which apps/v1 shows as this annotation.
pub(crate) const DAEMONSET_TEMPLATE_GENERATION: &str = "deprecated.daemonset.template.generation";

/// The DaemonSet strategy's `PrepareForCreate` / `PrepareForUpdate`: a new
/// DaemonSet is at template generation 1; an update keeps the stored
/// generation, one more when the Pod template changed. Whatever the
/// user wrote in the annotation is replaced, as the conversion does.
pub(crate) fn daemonset_template_generation(obj: &mut Object, old: Option<&Object>) {
    if obj.kind() != Kind::DaemonSet {
        return;
    }
    let generation = match old {
        None => 1,
        Some(old) => {
            let stored = old
                .meta()
                .annotations
                .get(DAEMONSET_TEMPLATE_GENERATION)
                .and_then(|g| g.parse::<i64>().ok())
                .unwrap_or(1);
            let template = |o: &Object| o.to_value().pointer("/spec/template").cloned();
            if template(obj) != template(old) {
                stored + 1
            } else {
                stored
            }
        }
    };
    obj.meta_mut().annotations.insert(
        DAEMONSET_TEMPLATE_GENERATION.into(),
        generation.to_string().into(),
    );
}
