//! `kubectl describe` for Node (conditions, addresses, capacity, system
//! info, the Pods on it and what they request), Namespace (with its
//! quotas and limit ranges), ConfigMap and Secret.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{annotations, events, events_for, labels, object_events, rfc1123z, since, Writer};
use crate::console::printers::columns::{node_roles, secret_keys};
use crate::console::printers::quantity::Quantity;
use crate::engine::objects::{ConfigMap, Kind, Namespace, Node, Object, Pod, Secret, Time};
use crate::engine::time::SimTime;
use crate::engine::Engine;

pub(crate) fn describe_node(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(n) = obj.downcast::<Node>() else {
        return;
    };
    let m = &n.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    let roles = node_roles(n);
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    w.write(0, &format!("Roles:\t{roles}\n"));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(
        0,
        &format!("CreationTimestamp:\t{}\n", rfc1123z(m.creation_timestamp)),
    );
    taints(w, n);
    w.write(
        0,
        &format!(
            "Unschedulable:\t{}\n",
            n.spec.unschedulable.unwrap_or(false)
        ),
    );
    lease(w, n, engine.now());
    if !n.status.conditions.is_empty() {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in &n.status.conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    rfc1123z(c.last_heartbeat_time),
                    rfc1123z(c.last_transition_time),
                    c.reason,
                    c.message
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in &n.status.addresses {
        w.write(1, &format!("{}:\t{}\n", a.type_, a.address));
    }
    for (title, list) in [
        ("Capacity", &n.status.capacity),
        ("Allocatable", &n.status.allocatable),
    ] {
        if list.is_empty() {
            continue;
        }
        w.write(0, &format!("{title}:\n"));
        for (name, value) in list {
            let v = Quantity::parse(value).map_or(value.clone(), |q| q.to_string());
            w.write(0, &format!("  {name}:\t{v}\n"));
        }
    }
    let info = |k: &str| {
        n.status
            .node_info
            .as_ref()
            .and_then(|i| i.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    w.write(0, "System Info:\n");
    for (label, key) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        w.write(0, &format!("  {label}:\t{}\n", info(key)));
    }
    if !n.spec.pod_cidr.is_empty() {
        w.write(0, &format!("PodCIDR:\t{}\n", n.spec.pod_cidr));
    }
    if !n.spec.pod_cidrs.is_empty() {
        w.write(0, &format!("PodCIDRs:\t{}\n", n.spec.pod_cidrs.join(",")));
    }
    if !n.spec.provider_id.is_empty() {
        w.write(0, &format!("ProviderID:\t{}\n", n.spec.provider_id));
    }
    node_pods(engine, w, n);
    // Node events name the node by uid (controllers) or by name (kubelet).
    let list = events_for(engine, &[m.uid.as_str(), m.name.as_str()]);
    events(w, engine.now(), &list);
}

/// `printNodeTaintsMultiline`: sorted by effect, then key.
fn taints(w: &mut Writer, n: &Node) {
    w.write(0, "Taints:\t");
    if n.spec.taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut list: Vec<String> = Vec::new();
    let mut sorted: Vec<_> = n.spec.taints.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| {
        (&a.effect, &a.key).cmp(&(&b.effect, &b.key))
    });
    for t in sorted {
        if t.value.is_empty() {
            list.push(format!("{}:{}", t.key, t.effect));
        } else {
            list.push(format!("{}={}:{}", t.key, t.value, t.effect));
        }
    }
    for (i, t) in list.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{t}\n"));
    }
}

/// `describeNodeLease`. The kubelet's lease in `kube-node-lease` is not an
/// object here; it is derived: held by the node, renewed every ten seconds
/// while the node is Ready, last renewed when it stopped being Ready.
fn lease(w: &mut Writer, n: &Node, now: SimTime) {
    w.write(0, "Lease:\n");
    w.write(1, &format!("HolderIdentity:\t{}\n", n.metadata.name));
    w.write(1, "AcquireTime:\t<unset>\n");
    let renew = if n.is_ready() {
        Some(Time::new(SimTime(now.as_ms() / 10_000 * 10_000)))
    } else {
        n.condition("Ready").and_then(|c| c.last_transition_time)
    };
    let renew = renew.map_or("<unset>".to_string(), |t| t.sim().rfc1123z());
    w.write(1, &format!("RenewTime:\t{renew}\n"));
}

/// The requests and limits of one Pod as describe counts them
/// (`resourcehelper.PodRequests` / `PodLimits`): containers and sidecars
/// summed, a plain init container (beside the sidecars before it) taken
/// when it asks for more, Pod-level resources, and the overhead.
fn pod_requests_limits(p: &Pod) -> (BTreeMap<String, Quantity>, BTreeMap<String, Quantity>) {
    (
        crate::engine::resources::pod_requests(&p.spec),
        crate::engine::resources::pod_limits(&p.spec),
    )
}

/// `describeNodeResource`: the non-terminated Pods on the node and the
/// totals they request against what the node can allocate.
fn node_pods(engine: &Engine, w: &mut Writer, n: &Node) {
    let pods: Vec<&Pod> = engine
        .store()
        .pods
        .iter()
        .map(|p| p.as_ref())
        .filter(|p| p.spec.node_name == n.metadata.name && !p.is_terminal())
        .collect();
    let allocatable = if n.status.allocatable.is_empty() {
        &n.status.capacity
    } else {
        &n.status.allocatable
    };
    let alloc = |k: &str| {
        allocatable
            .get(k)
            .and_then(|v| Quantity::parse(v))
            .unwrap_or(Quantity::ZERO)
    };
    let (cpu_alloc, mem_alloc) = (alloc("cpu").milli(), alloc("memory").value());
    let pct = |part: i128, whole: i128| {
        if whole == 0 {
            0
        } else {
            (part as f64 / whole as f64 * 100.0) as i64
        }
    };
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let mut total_req: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut total_lim: BTreeMap<String, Quantity> = BTreeMap::new();
    for p in &pods {
        let (req, lim) = pod_requests_limits(p);
        let q =
            |m: &BTreeMap<String, Quantity>, k: &str| m.get(k).copied().unwrap_or(Quantity::ZERO);
        let (cr, cl, mr, ml) = (
            q(&req, "cpu"),
            q(&lim, "cpu"),
            q(&req, "memory"),
            q(&lim, "memory"),
        );
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{cr} ({}%)\t{cl} ({}%)\t{mr} ({}%)\t{ml} ({}%)\t{}\n",
                p.metadata.namespace,
                p.metadata.name,
                pct(cr.milli(), cpu_alloc),
                pct(cl.milli(), cpu_alloc),
                pct(mr.value(), mem_alloc),
                pct(ml.value(), mem_alloc),
                since(engine.now(), p.metadata.creation_timestamp)
            ),
        );
        for (k, v) in req {
            let e = total_req.entry(k).or_insert(Quantity::ZERO);
            *e = e.add(v);
        }
        for (k, v) in lim {
            let e = total_lim.entry(k).or_insert(Quantity::ZERO);
            *e = e.add(v);
        }
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let total =
        |m: &BTreeMap<String, Quantity>, k: &str| m.get(k).copied().unwrap_or(Quantity::ZERO);
    for (name, scale) in [("cpu", 0), ("memory", 1), ("ephemeral-storage", 1)] {
        let (r, l) = (total(&total_req, name), total(&total_lim, name));
        let whole = if scale == 0 {
            cpu_alloc
        } else {
            alloc(name).value()
        };
        let of = |q: Quantity| if scale == 0 { q.milli() } else { q.value() };
        w.write(
            1,
            &format!(
                "{name}\t{r} ({}%)\t{l} ({}%)\n",
                pct(of(r), whole),
                pct(of(l), whole)
            ),
        );
    }
    for name in allocatable.keys().filter(|k| k.starts_with("hugepages-")) {
        let (r, l) = (total(&total_req, name), total(&total_lim, name));
        let whole = alloc(name).value();
        w.write(
            1,
            &format!(
                "{name}\t{r} ({}%)\t{l} ({}%)\n",
                pct(r.value(), whole),
                pct(l.value(), whole)
            ),
        );
    }
    let standard = ["cpu", "memory", "ephemeral-storage", "storage", "pods"];
    for name in allocatable
        .keys()
        .filter(|k| !k.starts_with("hugepages-") && !standard.contains(&k.as_str()))
    {
        w.write(
            1,
            &format!(
                "{name}\t{}\t{}\n",
                total(&total_req, name),
                total(&total_lim, name)
            ),
        );
    }
}

pub(crate) fn describe_namespace(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(n) = obj.downcast::<Namespace>() else {
        return;
    };
    let m = &n.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, &format!("Status:\t{}\n", n.status.phase));
    w.write(0, "\n");
    let quotas = engine.store().list_dyn(Kind::ResourceQuota, Some(&m.name));
    if quotas.is_empty() {
        w.write(0, "No resource quota.\n");
    } else {
        w.write(0, "Resource Quotas\n");
        for q in &quotas {
            let v = q.to_value();
            w.write(1, &format!("Name:\t{}\n", q.name()));
            w.write(1, "Resource\tUsed\tHard\n");
            w.write(1, "--------\t---\t---\n");
            let hard = v
                .pointer("/status/hard")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for (res, h) in &hard {
                let used = v
                    .pointer("/status/used")
                    .and_then(|u| u.get(res))
                    .and_then(Quantity::from_json)
                    .unwrap_or(Quantity::ZERO);
                let hard = Quantity::from_json(h).unwrap_or(Quantity::ZERO);
                w.write(1, &format!("{res}\t{used}\t{hard}\n"));
            }
        }
    }
    w.write(0, "\n");
    let limits = engine.store().list_dyn(Kind::LimitRange, Some(&m.name));
    if limits.is_empty() {
        w.write(0, "No LimitRange resource.\n");
    } else {
        w.write(
            0,
            "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
        );
        w.write(
            0,
            " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
        );
        for l in &limits {
            let v = l.to_value();
            for item in v
                .pointer("/spec/limits")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                limit_item(w, item);
            }
        }
    }
}

fn limit_item(w: &mut Writer, item: &Value) {
    let fields = [
        "min",
        "max",
        "defaultRequest",
        "default",
        "maxLimitRequestRatio",
    ];
    let mut resources: Vec<&String> = fields
        .iter()
        .filter_map(|f| item.get(*f).and_then(Value::as_object))
        .flat_map(|m| m.keys())
        .collect();
    crate::sort::sort(&mut resources);
    resources.dedup();
    let t = item.get("type").and_then(Value::as_str).unwrap_or("");
    for r in resources {
        let cell = |f: &str| {
            item.get(f)
                .and_then(|m| m.get(r.as_str()))
                .and_then(Quantity::from_json)
                .map_or("-".to_string(), |q| q.to_string())
        };
        w.write(
            0,
            &format!(
                " {t}\t{r}\t{}\t{}\t{}\t{}\t{}\n",
                cell("min"),
                cell("max"),
                cell("defaultRequest"),
                cell("default"),
                cell("maxLimitRequestRatio")
            ),
        );
    }
}

pub(crate) fn describe_configmap(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(c) = obj.downcast::<ConfigMap>() else {
        return;
    };
    let m = &c.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, "\nData\n====\n");
    for (k, v) in &c.data {
        w.write(0, &format!("{k}:\n----\n"));
        w.write(0, &format!("{v}\n"));
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    for (k, v) in &c.binary_data {
        let len = crate::engine::containerfs::base64_decode(v).map_or(0, |d| d.len());
        w.write(0, &format!("{k}: {len} bytes\n"));
    }
    w.write(0, "\n");
    object_events(engine, w, obj);
}

pub(crate) fn describe_secret(obj: &Object, w: &mut Writer) {
    let Some(s) = obj.downcast::<Secret>() else {
        return;
    };
    let m = &s.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    let type_ = if s.type_.is_empty() {
        "Opaque"
    } else {
        &s.type_
    };
    w.write(0, &format!("\nType:\t{type_}\n"));
    w.write(0, "\nData\n====\n");
    for k in secret_keys(s) {
        let bytes = match (s.data.get(k), s.string_data.get(k)) {
            (_, Some(plain)) => plain.len(),
            (Some(b64), None) => {
                crate::engine::containerfs::base64_decode(b64).map_or(0, |d| d.len())
            }
            (None, None) => 0,
        };
        if k == "token" && type_ == "kubernetes.io/service-account-token" {
            let token = s
                .data
                .get(k)
                .and_then(|b| crate::engine::containerfs::base64_decode(b))
                .unwrap_or_default();
            w.write(0, &format!("{k}:\t{token}\n"));
        } else {
            w.write(0, &format!("{k}:\t{bytes} bytes\n"));
        }
    }
}

/// `describePriorityClass`: the class's fields, its annotations on one
/// line (`labels.FormatLabels`), then its Events.
pub(crate) fn describe_priorityclass(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Object::Other(_, pc) = obj else {
        return;
    };
    let f = crate::engine::objects::scheduling::PriorityClassFields::of(pc);
    w.write(0, &format!("Name:\t{}\n", pc.metadata.name));
    w.write(0, &format!("Value:\t{}\n", f.value));
    w.write(0, &format!("GlobalDefault:\t{}\n", f.global_default));
    w.write(
        0,
        &format!("PreemptionPolicy:\t{}\n", f.preemption_policy.unwrap_or("")),
    );
    w.write(0, &format!("Description:\t{}\n", f.description));
    w.write(
        0,
        &format!(
            "Annotations:\t{}\n",
            crate::console::printers::table::format_labels(&pc.metadata.annotations)
        ),
    );
    object_events(engine, w, obj);
}
