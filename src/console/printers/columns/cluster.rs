//! Table columns of cluster and configuration kinds: Node, Namespace,
//! ConfigMap, Secret, Event, ServiceAccount, RoleBinding and
//! ClusterRoleBinding, ResourceQuota, PriorityClass, and the API server's
//! default table (`NAME  CREATED AT`) for kinds without a printer.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{col, ji, js, wide, Column, Ctx, NAME};
use crate::engine::objects::{ConfigMap, Event, Namespace, Node, Object, Secret};

pub(crate) const NODE: &[Column] = &[
    NAME,
    col("Status"),
    col("Roles"),
    col("Age"),
    col("Version"),
    wide("Internal-IP"),
    wide("External-IP"),
    wide("OS-Image"),
    wide("Kernel-Version"),
    wide("Container-Runtime"),
];

/// `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and the
/// `kubernetes.io/role` label, sorted, without duplicates.
pub(crate) fn node_roles(n: &Node) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for (k, v) in &n.metadata.labels {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.push(role.to_string());
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.push(v.to_string());
        }
    }
    crate::sort::sort(&mut roles);
    roles.dedup();
    roles
}

fn node_info<'a>(n: &'a Node, field: &str) -> &'a str {
    n.status
        .node_info
        .as_ref()
        .and_then(|i| i.get(field))
        .and_then(Value::as_str)
        .unwrap_or("")
}

pub(crate) fn node(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(n) = obj.downcast::<Node>() else {
        return vec![obj.name().to_string()];
    };
    let mut status: Vec<&str> = Vec::new();
    if let Some(c) = n.condition("Ready") {
        status.push(if c.status == "True" {
            "Ready"
        } else {
            "NotReady"
        });
    } else {
        status.push("Unknown");
    }
    if n.spec.unschedulable == Some(true) {
        status.push("SchedulingDisabled");
    }
    let roles = node_roles(n);
    let mut cells = vec![
        n.metadata.name.to_string(),
        status.join(","),
        if roles.is_empty() {
            "<none>".into()
        } else {
            roles.join(",")
        },
        ctx.age(n.metadata.creation_timestamp),
        node_info(n, "kubeletVersion").to_string(),
    ];
    if ctx.wide {
        let address = |t: &str| {
            n.status
                .addresses
                .iter()
                .find(|a| a.type_ == t)
                .map_or("<none>".to_string(), |a| a.address.clone())
        };
        let or_unknown = |s: &str| {
            if s.is_empty() {
                "<unknown>".to_string()
            } else {
                s.to_string()
            }
        };
        cells.push(address("InternalIP"));
        cells.push(address("ExternalIP"));
        cells.push(or_unknown(node_info(n, "osImage")));
        cells.push(or_unknown(node_info(n, "kernelVersion")));
        cells.push(or_unknown(node_info(n, "containerRuntimeVersion")));
    }
    cells
}

pub(crate) const NAMESPACE: &[Column] = &[NAME, col("Status"), col("Age")];

pub(crate) fn namespace(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(n) = obj.downcast::<Namespace>() else {
        return vec![obj.name().to_string()];
    };
    vec![
        n.metadata.name.to_string(),
        n.status.phase.clone(),
        ctx.age(n.metadata.creation_timestamp),
    ]
}

pub(crate) const CONFIGMAP: &[Column] = &[NAME, col("Data"), col("Age")];

pub(crate) fn configmap(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(c) = obj.downcast::<ConfigMap>() else {
        return vec![obj.name().to_string()];
    };
    vec![
        c.metadata.name.to_string(),
        (c.data.len() + c.binary_data.len()).to_string(),
        ctx.age(c.metadata.creation_timestamp),
    ]
}

pub(crate) const SECRET: &[Column] = &[NAME, col("Type"), col("Data"), col("Age")];

/// The keys a Secret holds once `stringData` is folded into `data`.
pub(crate) fn secret_keys(s: &Secret) -> Vec<&String> {
    let mut keys: Vec<&String> = s.data.keys().chain(s.string_data.keys()).collect();
    crate::sort::sort(&mut keys);
    keys.dedup();
    keys
}

pub(crate) fn secret(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(s) = obj.downcast::<Secret>() else {
        return vec![obj.name().to_string()];
    };
    // The API server defaults the type to Opaque.
    let type_ = if s.type_.is_empty() {
        "Opaque"
    } else {
        &s.type_
    };
    vec![
        s.metadata.name.to_string(),
        type_.to_string(),
        secret_keys(s).len().to_string(),
        ctx.age(s.metadata.creation_timestamp),
    ]
}

pub(crate) const EVENT: &[Column] = &[
    col("Last Seen"),
    col("Type"),
    col("Reason"),
    col("Object"),
    wide("Subobject"),
    wide("Source"),
    col("Message"),
    wide("First Seen"),
    wide("Count"),
    Column {
        name: "Name",
        priority: 1,
        is_name: true,
    },
];

/// `formatEventSource`: `component, host`, falling back to the reporting
/// controller and instance.
pub(crate) fn event_source(e: &Event) -> String {
    let component = if e.source.component.is_empty() {
        &e.reporting_component
    } else {
        &e.source.component
    };
    let host = if e.source.host.is_empty() {
        &e.reporting_instance
    } else {
        &e.source.host
    };
    if host.is_empty() {
        component.to_string()
    } else {
        format!("{component}, {host}")
    }
}

pub(crate) fn event(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let Some(e) = obj.downcast::<Event>() else {
        return vec![obj.name().to_string()];
    };
    let first = match (e.first_timestamp, e.event_time) {
        (Some(t), _) => ctx.age(Some(t)),
        (None, t) => ctx.age(t),
    };
    let mut last = match e.last_timestamp {
        Some(t) => ctx.age(Some(t)),
        None => first.clone(),
    };
    // `printEvent`: a series gives the last time and the count; a
    // singleton of the new API has no count.
    let count = match e.series.as_deref() {
        Some(s) => {
            last = ctx.age(Some(s.last_observed_time));
            s.count
        }
        None if e.count == 0 => 1,
        None => e.count,
    };
    let io = &e.involved_object;
    let target = if io.name.is_empty() {
        io.kind.to_lowercase()
    } else {
        format!("{}/{}", io.kind.to_lowercase(), io.name)
    };
    let mut cells = vec![
        last,
        e.type_.to_string(),
        e.reason.to_string(),
        target,
        io.field_path.to_string(),
        event_source(e),
        e.message.trim().to_string(),
    ];
    if ctx.wide {
        cells.push(first);
        cells.push(count.to_string());
        cells.push(e.metadata.name.to_string());
    }
    cells
}

pub(crate) const SERVICEACCOUNT: &[Column] = &[NAME, col("Secrets"), col("Age")];

pub(crate) fn serviceaccount(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = obj.to_value();
    let secrets = v
        .get("secrets")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    vec![
        obj.name().to_string(),
        secrets.to_string(),
        ctx.age(obj.meta().creation_timestamp),
    ]
}

pub(crate) const ROLEBINDING: &[Column] = &[
    NAME,
    col("Role"),
    col("Age"),
    wide("Users"),
    wide("Groups"),
    wide("ServiceAccounts"),
];

pub(crate) fn rolebinding(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = obj.to_value();
    let mut cells = vec![
        obj.name().to_string(),
        format!("{}/{}", js(&v, "/roleRef/kind"), js(&v, "/roleRef/name")),
        ctx.age(obj.meta().creation_timestamp),
    ];
    if ctx.wide {
        let subjects = v
            .get("subjects")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let of = |kind: &str| {
            subjects
                .iter()
                .filter(|s| js(s, "/kind") == kind)
                .map(|s| {
                    if kind == "ServiceAccount" {
                        format!("{}/{}", js(s, "/namespace"), js(s, "/name"))
                    } else {
                        js(s, "/name").to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        cells.push(of("User"));
        cells.push(of("Group"));
        cells.push(of("ServiceAccount"));
    }
    cells
}

pub(crate) const RESOURCEQUOTA: &[Column] = &[NAME, col("Request"), col("Limit"), col("Age")];

pub(crate) fn resourcequota(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = obj.to_value();
    let hard = v.pointer("/status/hard").and_then(Value::as_object);
    let mut request = Vec::new();
    let mut limit = Vec::new();
    for (name, h) in hard.into_iter().flatten() {
        let used = v
            .pointer(&format!(
                "/status/used/{}",
                name.replace('~', "~0").replace('/', "~1")
            ))
            .map_or("0".to_string(), super::int_or_string);
        let text = format!("{name}: {used}/{}", super::int_or_string(h));
        if name.starts_with("limits.") {
            limit.push(text);
        } else {
            request.push(text);
        }
    }
    vec![
        obj.name().to_string(),
        request.join(", "),
        limit.join(", "),
        ctx.age(obj.meta().creation_timestamp),
    ]
}

pub(crate) const PRIORITYCLASS: &[Column] = &[
    NAME,
    col("Value"),
    col("Global-Default"),
    col("Age"),
    col("PreemptionPolicy"),
];

pub(crate) fn priorityclass(ctx: &Ctx, obj: &Object) -> Vec<String> {
    let v = obj.to_value();
    // The server builds every table as wide, so this priority-0 column
    // is always filled.
    vec![
        obj.name().to_string(),
        ji(&v, "/value").to_string(),
        v.get("globalDefault")
            .and_then(Value::as_bool)
            .unwrap_or(false)
            .to_string(),
        ctx.age(obj.meta().creation_timestamp),
        js(&v, "/preemptionPolicy").to_string(),
    ]
}

/// The API server's default table convertor: name and the creation time
/// in RFC 3339.
pub(crate) const DEFAULT: &[Column] = &[NAME, col("Created At")];

pub(crate) fn default_row(_ctx: &Ctx, obj: &Object) -> Vec<String> {
    let created = obj
        .meta()
        .creation_timestamp
        .map(|t| t.sim().rfc3339())
        .unwrap_or_else(|| "0001-01-01T00:00:00Z".into());
    vec![obj.name().to_string(), created]
}
