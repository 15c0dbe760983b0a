//! The columns the API server's table printers give each kind
//! (`pkg/printers/internalversion/printers.go`, PRINT in the behaviour
//! spec, R10.1–R10.8), one row of cells per object. Wide-only columns have
//! priority 1; the table printer drops them without `-o wide`.
//!
//! Kinds without a printer there get the API server's default table:
//! `NAME  CREATED AT` with an RFC 3339 timestamp.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

mod cluster;
mod network;
mod storage;
mod workloads;

pub(crate) use cluster::{node_roles, secret_keys};
pub(crate) use network::join_host_port;
pub(crate) use storage::{claim_class, is_default_class, volume_class};

use serde_json::Value;

use crate::engine::objects::{Container, Kind, Object, Time};
use crate::engine::time::{human_duration, SimTime};
use crate::engine::Engine;

/// One column definition of a server-side table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// As the server names it (`Nominated Node`); printed upper-cased.
    pub name: &'static str,
    /// 0 for default columns, 1 for `-o wide` ones.
    pub priority: u8,
    /// The `format: name` column that becomes `kind/name`.
    pub is_name: bool,
}

pub(crate) const fn col(name: &'static str) -> Column {
    Column {
        name,
        priority: 0,
        is_name: false,
    }
}

pub(crate) const fn wide(name: &'static str) -> Column {
    Column {
        name,
        priority: 1,
        is_name: false,
    }
}

pub(crate) const NAME: Column = Column {
    name: "Name",
    priority: 0,
    is_name: true,
};

/// Builds one row of cells from an object.
type RowFn = fn(&Ctx, &Object) -> Vec<String>;

/// What rows are built from: the clock and the object.
pub(crate) struct Ctx<'a> {
    pub now: SimTime,
    pub wide: bool,
    #[allow(dead_code)]
    pub engine: &'a Engine,
}

impl Ctx<'_> {
    /// `translateTimestampSince`: kubectl's age, `<unknown>` without a time.
    pub fn age(&self, t: Option<Time>) -> String {
        age(self.now, t)
    }
}

pub(crate) fn age(now: SimTime, t: Option<Time>) -> String {
    match t {
        Some(t) => human_duration(now.saturating_sub(t.sim())),
        None => "<unknown>".into(),
    }
}

/// Columns and rows for objects of one kind (all of `kind`).
pub(crate) fn build(
    engine: &Engine,
    kind: Kind,
    objs: &[&Object],
    wide: bool,
) -> (Vec<Column>, Vec<Vec<String>>) {
    let ctx = Ctx {
        now: engine.now(),
        wide,
        engine,
    };
    let (cols, row): (&[Column], RowFn) = match kind {
        Kind::Pod => (workloads::POD, workloads::pod),
        Kind::StatefulSet => (workloads::STATEFULSET, workloads::statefulset),
        Kind::ControllerRevision => (
            workloads::CONTROLLER_REVISION,
            workloads::controller_revision,
        ),
        Kind::Deployment => (workloads::DEPLOYMENT, workloads::deployment),
        Kind::ReplicaSet => (workloads::REPLICASET, workloads::replicaset),
        Kind::DaemonSet => (workloads::DAEMONSET, workloads::daemonset),
        Kind::Job => (workloads::JOB, workloads::job),
        Kind::CronJob => (workloads::CRONJOB, workloads::cronjob),
        Kind::PodDisruptionBudget => (workloads::PDB, workloads::pdb),
        Kind::HorizontalPodAutoscaler => (workloads::HPA, workloads::hpa),
        Kind::Service => (network::SERVICE, network::service),
        Kind::EndpointSlice => (network::ENDPOINTSLICE, network::endpointslice),
        Kind::Endpoints => (network::ENDPOINTS, network::endpoints),
        Kind::Ingress => (network::INGRESS, network::ingress),
        Kind::NetworkPolicy => (network::NETWORKPOLICY, network::networkpolicy),
        Kind::PersistentVolumeClaim => (storage::PVC, storage::pvc),
        Kind::PersistentVolume => (storage::PV, storage::pv),
        Kind::StorageClass => (storage::STORAGECLASS, storage::storageclass),
        Kind::Node => (cluster::NODE, cluster::node),
        Kind::Namespace => (cluster::NAMESPACE, cluster::namespace),
        Kind::ConfigMap => (cluster::CONFIGMAP, cluster::configmap),
        Kind::Secret => (cluster::SECRET, cluster::secret),
        Kind::Event => (cluster::EVENT, cluster::event),
        Kind::ServiceAccount => (cluster::SERVICEACCOUNT, cluster::serviceaccount),
        Kind::RoleBinding | Kind::ClusterRoleBinding => {
            (cluster::ROLEBINDING, cluster::rolebinding)
        }
        Kind::ResourceQuota => (cluster::RESOURCEQUOTA, cluster::resourcequota),
        Kind::PriorityClass => (cluster::PRIORITYCLASS, cluster::priorityclass),
        Kind::Role | Kind::ClusterRole | Kind::LimitRange => {
            (cluster::DEFAULT, cluster::default_row)
        }
    };
    let rows = objs.iter().map(|o| row(&ctx, o)).collect();
    (cols.to_vec(), rows)
}

/// `layoutContainerCells`: container names and images, comma-joined.
pub(crate) fn container_cells(containers: &[Container]) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers.iter().map(|c| c.image.as_str()).collect();
    (names.join(","), images.join(","))
}

/// The same from a JSON pod template (kinds kept as generic objects).
pub(crate) fn container_cells_json(containers: Option<&Value>) -> (String, String) {
    let list = containers
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let field = |k: &str| {
        list.iter()
            .map(|c| c.get(k).and_then(Value::as_str).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(",")
    };
    (field("name"), field("image"))
}

/// `helper.GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order.
pub(crate) fn access_modes(modes: &[String]) -> String {
    let mut out = Vec::new();
    for (mode, short) in [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ] {
        if modes.iter().any(|m| m == mode) {
            out.push(short);
        }
    }
    out.join(",")
}

/// A string field of a JSON value (`""` when absent or not a string).
pub(crate) fn js<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// An integer field of a JSON value (0 when absent).
pub(crate) fn ji(v: &Value, pointer: &str) -> i64 {
    v.pointer(pointer).and_then(Value::as_i64).unwrap_or(0)
}

/// An IntOrString field as Go's `intstr.String()` prints it.
pub(crate) fn int_or_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// `metav1.FormatLabelSelector` of a JSON label selector.
pub(crate) fn selector_json(sel: Option<&Value>) -> String {
    let Some(sel) = sel.filter(|s| !s.is_null()) else {
        return "<none>".into();
    };
    match serde_json::from_value::<crate::engine::objects::LabelSelector>(sel.clone()) {
        Ok(s) if s.is_empty() => "<none>".into(),
        Ok(s) => s.to_string(),
        Err(_) => "<error>".into(),
    }
}

/// `labels.FormatLabels` of a JSON string map.
pub(crate) fn labels_json(map: Option<&Value>) -> String {
    let labels: crate::engine::objects::Labels = map
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").into()))
                .collect()
        })
        .unwrap_or_default();
    super::table::format_labels(&labels)
}

#[cfg(test)]
mod tests;
