//! `kubectl describe pod` (`describePod`), and the pieces a StatefulSet's
//! Pod Template reuses: containers (image, ports, state, last state,
//! ready, restart count, probes, environment, mounts), volumes, and the
//! pod template block itself (also printed by `rollout history --revision`).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{
    annotations, labels, labels_block, object_events, rfc1123z, since, tolerations, Writer,
};
use crate::console::printers::quantity::Quantity;
use crate::engine::objects::pod::{Container, ContainerState, ContainerStatus, Probe, Volume};
use crate::engine::objects::{IntOrString, Object, Pod, PodTemplateSpec};
use crate::engine::Engine;

pub(crate) fn describe_pod(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(p) = obj.downcast::<Pod>() else {
        return;
    };
    let m = &p.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    if let Some(prio) = p.spec.priority {
        w.write(0, &format!("Priority:\t{prio}\n"));
    }
    if let Some(pc) = p
        .spec
        .extra
        .get("priorityClassName")
        .and_then(Value::as_str)
    {
        if !pc.is_empty() {
            w.write(0, &format!("Priority Class Name:\t{pc}\n"));
        }
    }
    if let Some(rc) = p.spec.extra.get("runtimeClassName").and_then(Value::as_str) {
        if !rc.is_empty() {
            w.write(0, &format!("Runtime Class Name:\t{rc}\n"));
        }
    }
    if let Some(sa) = p
        .spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    if p.spec.node_name.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        w.write(
            0,
            &format!("Node:\t{}/{}\n", p.spec.node_name, p.status.host_ip),
        );
    }
    if let Some(t) = p.status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", t.sim().rfc1123z()));
    }
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    let terminal = p.status.phase == "Failed" || p.status.phase == "Succeeded";
    if m.deletion_timestamp.is_some() && !terminal {
        w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                since(engine.now(), m.deletion_timestamp)
            ),
        );
        w.write(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                m.deletion_grace_period_seconds.unwrap_or(0)
            ),
        );
    } else {
        w.write(0, &format!("Status:\t{}\n", p.status.phase));
    }
    if !p.status.reason.is_empty() {
        w.write(0, &format!("Reason:\t{}\n", p.status.reason));
    }
    if !p.status.message.is_empty() {
        w.write(0, &format!("Message:\t{}\n", p.status.message));
    }
    w.write(0, &format!("IP:\t{}\n", p.status.pod_ip));
    if p.status.pod_ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in &p.status.pod_ips {
            w.write(1, &format!("IP:\t{}\n", ip.ip));
        }
    }
    if let Some(owner) = m.controller_ref() {
        w.write(
            0,
            &format!("Controlled By:\t{}/{}\n", owner.kind, owner.name),
        );
    }
    if !p.status.nominated_node_name.is_empty() {
        w.write(
            0,
            &format!("NominatedNodeName:\t{}\n", p.status.nominated_node_name),
        );
    }
    if !p.spec.init_containers.is_empty() {
        let statuses = Some(p.status.init_container_statuses.as_slice());
        containers(
            w,
            "Init Containers",
            &p.spec.init_containers,
            statuses,
            Some(p),
            "",
        );
    }
    let statuses = Some(p.status.container_statuses.as_slice());
    containers(w, "Containers", &p.spec.containers, statuses, Some(p), "");
    if !p.spec.ephemeral_containers.is_empty() {
        let statuses = Some(p.status.ephemeral_container_statuses.as_slice());
        containers(
            w,
            "Ephemeral Containers",
            &p.spec.ephemeral_containers,
            statuses,
            Some(p),
            "",
        );
    }
    let gates = p.spec.extra.get("readinessGates").and_then(Value::as_array);
    if let Some(gates) = gates.filter(|g| !g.is_empty()) {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let t = g.get("conditionType").and_then(Value::as_str).unwrap_or("");
            let status = p.condition(t).map_or("<none>", |c| c.status.as_str());
            w.write(1, &format!("{t} \t{status} \n"));
        }
    }
    if !p.status.conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in &p.status.conditions {
            w.write(1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
    volumes(w, &p.spec.volumes, "");
    w.write(0, &format!("QoS Class:\t{}\n", qos_class(p)));
    labels(w, "Node-Selectors", &p.spec.node_selector);
    tolerations(w, "Tolerations", &p.spec.tolerations);
    object_events(engine, w, obj);
}

/// `DescribePodTemplate`.
pub(crate) fn pod_template(w: &mut Writer, template: &PodTemplateSpec) {
    w.write(0, "Pod Template:\n");
    labels(w, "  Labels", &template.metadata.labels);
    if !template.metadata.annotations.is_empty() {
        annotations(w, "  Annotations", &template.metadata.annotations);
    }
    if let Some(sa) = template
        .spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    if !template.spec.init_containers.is_empty() {
        containers(
            w,
            "Init Containers",
            &template.spec.init_containers,
            None,
            None,
            "  ",
        );
    }
    containers(w, "Containers", &template.spec.containers, None, None, "  ");
    volumes(w, &template.spec.volumes, "  ");
    if let Some(pc) = template
        .spec
        .extra
        .get("priorityClassName")
        .and_then(Value::as_str)
    {
        if !pc.is_empty() {
            w.write(1, &format!("Priority Class Name:\t{pc}\n"));
        }
    }
    labels(w, "  Node-Selectors", &template.spec.node_selector);
    tolerations(w, "  Tolerations", &template.spec.tolerations);
}

/// `describeContainers`.
fn containers(
    w: &mut Writer,
    label: &str,
    list: &[Container],
    statuses: Option<&[ContainerStatus]>,
    pod: Option<&Pod>,
    space: &str,
) {
    let none = if list.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    for c in list {
        let status = statuses.and_then(|s| s.iter().find(|st| st.name == c.name));
        let name_indent = if space.is_empty() { "" } else { " " };
        w.write(1, &format!("{name_indent}{}:\n", c.name));
        if let Some(st) = status {
            w.write(2, &format!("Container ID:\t{}\n", st.container_id));
        }
        w.write(2, &format!("Image:\t{}\n", c.image));
        if let Some(st) = status {
            w.write(2, &format!("Image ID:\t{}\n", st.image_id));
        }
        let ports = container_ports(c, false);
        if ports.contains(',') {
            w.write(2, &format!("Ports:\t{ports}\n"));
        } else {
            w.write(2, &format!("Port:\t{}\n", or_none(&ports)));
        }
        let host_ports = container_ports(c, true);
        if host_ports.contains(',') {
            w.write(2, &format!("Host Ports:\t{host_ports}\n"));
        } else {
            w.write(2, &format!("Host Port:\t{}\n", or_none(&host_ports)));
        }
        command_and_args(w, c);
        if let Some(st) = status {
            state(w, "State", &st.state);
            if st.last_state.terminated.is_some() {
                state(w, "Last State", &st.last_state);
            }
            w.write(
                2,
                &format!("Ready:\t{}\n", if st.ready { "True" } else { "False" }),
            );
            w.write(2, &format!("Restart Count:\t{}\n", st.restart_count));
        }
        resources(w, c.resources.as_ref(), 2);
        for (title, probe) in [
            ("Liveness", &c.liveness_probe),
            ("Readiness", &c.readiness_probe),
            ("Startup", &c.startup_probe),
        ] {
            if let Some(p) = probe {
                w.write(2, &format!("{title}:\t{}\n", describe_probe(p)));
            }
        }
        env_from(w, c);
        env(w, c, pod);
        mounts(w, c);
    }
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

/// `describeContainerPorts` / `describeContainerHostPorts`.
fn container_ports(c: &Container, host: bool) -> String {
    c.ports
        .iter()
        .map(|p| {
            let number = if host {
                p.extra.get("hostPort").and_then(Value::as_i64).unwrap_or(0)
            } else {
                p.container_port
            };
            let proto = p.protocol.as_deref().unwrap_or("TCP");
            if p.name.is_empty() {
                format!("{number}/{proto}")
            } else {
                format!("{number}/{proto} ({})", p.name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn command_and_args(w: &mut Writer, c: &Container) {
    for (title, list) in [("Command", &c.command), ("Args", &c.args)] {
        if list.is_empty() {
            continue;
        }
        w.write(2, &format!("{title}:\n"));
        for item in list {
            for s in item.split('\n') {
                w.write(3, &format!("{s}\n"));
            }
        }
    }
}

/// `describeStatus`.
fn state(w: &mut Writer, name: &str, s: &ContainerState) {
    if let Some(r) = &s.running {
        w.write(2, &format!("{name}:\tRunning\n"));
        w.write(3, &format!("Started:\t{}\n", rfc1123z(r.started_at)));
    } else if let Some(wt) = &s.waiting {
        w.write(2, &format!("{name}:\tWaiting\n"));
        if !wt.reason.is_empty() {
            w.write(3, &format!("Reason:\t{}\n", wt.reason));
        }
    } else if let Some(t) = &s.terminated {
        w.write(2, &format!("{name}:\tTerminated\n"));
        if !t.reason.is_empty() {
            w.write(3, &format!("Reason:\t{}\n", t.reason));
        }
        if !t.message.is_empty() {
            w.write(3, &format!("Message:\t{}\n", t.message));
        }
        w.write(3, &format!("Exit Code:\t{}\n", t.exit_code));
        w.write(3, &format!("Started:\t{}\n", rfc1123z(t.started_at)));
        w.write(3, &format!("Finished:\t{}\n", rfc1123z(t.finished_at)));
    } else {
        w.write(2, &format!("{name}:\tWaiting\n"));
    }
}

/// `describeResources`: Limits then Requests, resource names sorted.
fn resources(w: &mut Writer, resources: Option<&Value>, level: usize) {
    let Some(r) = resources else {
        return;
    };
    for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
        let Some(map) = r
            .get(key)
            .and_then(Value::as_object)
            .filter(|m| !m.is_empty())
        else {
            continue;
        };
        w.write(level, &format!("{title}:\n"));
        for (name, q) in map {
            w.write(level + 1, &format!("{name}:\t{}\n", quantity_text(q)));
        }
    }
}

/// A quantity as the API server stores it (canonical), or as written when
/// it does not parse.
pub(crate) fn quantity_text(v: &Value) -> String {
    match Quantity::from_json(v) {
        Some(q) => q.to_string(),
        None => v.as_str().map_or_else(|| v.to_string(), String::from),
    }
}

/// `DescribeProbe`, with the API server's probe defaults for unset fields.
pub(crate) fn describe_probe(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3)
    );
    if let Some(e) = &p.exec {
        return format!("exec [{}] {attrs}", e.command.join(" "));
    }
    if let Some(h) = &p.http_get {
        let scheme = h.scheme.as_deref().unwrap_or("HTTP").to_lowercase();
        let host = h.host.as_deref().unwrap_or("");
        let port = int_or_string(&h.port);
        let authority = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        return format!(
            "http-get {scheme}://{authority}{} {attrs}",
            h.path.as_deref().unwrap_or("")
        );
    }
    if let Some(t) = &p.tcp_socket {
        return format!(
            "tcp-socket {}:{} {attrs}",
            t.host.as_deref().unwrap_or(""),
            int_or_string(&t.port)
        );
    }
    if let Some(g) = &p.grpc {
        let port = g.get("port").and_then(Value::as_i64).unwrap_or(0);
        let service = g.get("service").and_then(Value::as_str).unwrap_or("");
        return format!("grpc <pod>:{port} {service} {attrs}");
    }
    format!("unknown {attrs}")
}

fn int_or_string(v: &IntOrString) -> String {
    v.to_string()
}

fn env_from(w: &mut Writer, c: &Container) {
    let Some(list) = c
        .extra
        .get("envFrom")
        .and_then(Value::as_array)
        .filter(|l| !l.is_empty())
    else {
        return;
    };
    w.write(2, "Environment Variables from:\n");
    for e in list {
        let (from, r) = match (e.get("configMapRef"), e.get("secretRef")) {
            (Some(r), _) => ("ConfigMap", r),
            (None, Some(r)) => ("Secret", r),
            _ => ("", &Value::Null),
        };
        let name = r.get("name").and_then(Value::as_str).unwrap_or("");
        let optional = r.get("optional").and_then(Value::as_bool).unwrap_or(false);
        match e
            .get("prefix")
            .and_then(Value::as_str)
            .filter(|p| !p.is_empty())
        {
            None => w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n")),
            Some(prefix) => w.write(
                3,
                &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"),
            ),
        }
    }
}

fn env(w: &mut Writer, c: &Container, pod: Option<&Pod>) {
    if c.env.is_empty() {
        w.write(2, "Environment:\t<none>\n");
        return;
    }
    w.write(2, "Environment:\n");
    for e in &c.env {
        let Some(from) = &e.value_from else {
            for (i, s) in e.value.as_deref().unwrap_or("").split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{}:\t{s}\n", e.name));
                } else {
                    w.write(3, &format!("\t{s}\n"));
                }
            }
            continue;
        };
        let s = |p: &str| {
            from.pointer(p)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let optional = |p: &str| from.pointer(p).and_then(Value::as_bool).unwrap_or(false);
        if from.get("fieldRef").is_some() {
            // A Pod resolves the field; a template has nothing to resolve.
            let path = s("/fieldRef/fieldPath");
            let value = pod.map(|p| field_value(p, &path)).unwrap_or_default();
            w.write(
                3,
                &format!(
                    "{}:\t{value} ({}:{path})\n",
                    e.name,
                    s("/fieldRef/apiVersion"),
                ),
            );
        } else if from.get("resourceFieldRef").is_some() {
            w.write(
                3,
                &format!("{}:\t ({})\n", e.name, s("/resourceFieldRef/resource")),
            );
        } else if from.get("secretKeyRef").is_some() {
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    e.name,
                    s("/secretKeyRef/key"),
                    s("/secretKeyRef/name"),
                    optional("/secretKeyRef/optional")
                ),
            );
        } else if from.get("configMapKeyRef").is_some() {
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    e.name,
                    s("/configMapKeyRef/key"),
                    s("/configMapKeyRef/name"),
                    optional("/configMapKeyRef/optional")
                ),
            );
        }
    }
}

/// `fieldpath.ExtractFieldPathAsString` for the paths a downward-API
/// environment variable can name.
fn field_value(p: &Pod, path: &str) -> String {
    let m = &p.metadata;
    let keyed = |prefix: &str, map: &crate::engine::objects::Labels| {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix("['").and_then(|r| r.strip_suffix("']")))
            .and_then(|k| map.get(k).cloned())
    };
    match path {
        "metadata.name" => m.name.to_string(),
        "metadata.namespace" => m.namespace.to_string(),
        "metadata.uid" => m.uid.to_string(),
        "spec.nodeName" => p.spec.node_name.to_string(),
        "spec.serviceAccountName" => p
            .spec
            .service_account_name
            .as_deref()
            .unwrap_or_default()
            .to_string(),
        "status.podIP" => p.status.pod_ip.to_string(),
        "status.hostIP" => p.status.host_ip.to_string(),
        "status.podIPs" => p
            .status
            .pod_ips
            .iter()
            .map(|i| i.ip.as_str())
            .collect::<Vec<_>>()
            .join(","),
        "status.hostIPs" => p
            .status
            .host_ips
            .iter()
            .map(|i| i.ip.as_str())
            .collect::<Vec<_>>()
            .join(","),
        _ => (keyed("metadata.labels", &m.labels)
            .or_else(|| keyed("metadata.annotations", &m.annotations))
            .unwrap_or_default())
        .to_string(),
    }
}

/// `describeContainerVolumes`: mounts sorted by path.
fn mounts(w: &mut Writer, c: &Container) {
    if c.volume_mounts.is_empty() {
        w.write(2, "Mounts:\t<none>\n");
    } else {
        w.write(2, "Mounts:\n");
        let mut sorted: Vec<_> = c.volume_mounts.iter().collect();
        crate::sort::sort_by(&mut sorted, |a, b| a.mount_path.cmp(&b.mount_path));
        for m in sorted {
            let mut flags = vec![if m.read_only {
                "ro".to_string()
            } else {
                "rw".to_string()
            }];
            if let Some(sub) = m.sub_path.as_deref().filter(|s| !s.is_empty()) {
                flags.push(format!(
                    "path={}",
                    crate::console::printers::gofmt::quote(sub)
                ));
            }
            w.write(
                3,
                &format!("{} from {} ({})\n", m.mount_path, m.name, flags.join(",")),
            );
        }
    }
    if let Some(devices) = c
        .extra
        .get("volumeDevices")
        .and_then(Value::as_array)
        .filter(|d| !d.is_empty())
    {
        w.write(2, "Devices:\n");
        let mut list: Vec<(String, String)> = devices
            .iter()
            .map(|d| {
                let f = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                (f("devicePath"), f("name"))
            })
            .collect();
        crate::sort::sort(&mut list);
        for (path, name) in list {
            w.write(3, &format!("{path} from {name}\n"));
        }
    }
}

/// `describeVolumes`.
pub(crate) fn volumes(w: &mut Writer, list: &[Volume], space: &str) {
    if list.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in list {
        w.write(1, &format!("{name_indent}{}:\n", v.name));
        volume_source(w, v);
    }
}

fn volume_source(w: &mut Writer, v: &Volume) {
    let s = |val: &Value, k: &str| val.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let b = |val: &Value, k: &str| val.get(k).and_then(Value::as_bool).unwrap_or(false);
    if let Some(h) = v.extra.get("hostPath") {
        let t = h.get("type").and_then(Value::as_str).unwrap_or("<none>");
        w.write(
            2,
            &format!(
                "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n",
                s(h, "path")
            ),
        );
    } else if let Some(e) = &v.empty_dir {
        let limit = e
            .get("sizeLimit")
            .and_then(Quantity::from_json)
            .filter(|q| q.nanos > 0)
            .map_or("<unset>".to_string(), |q| q.to_string());
        w.write(
            2,
            &format!(
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{limit}\n",
                s(e, "medium")
            ),
        );
    } else if let Some(sec) = &v.secret {
        w.write(
            2,
            &format!(
                "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                s(sec, "secretName"),
                b(sec, "optional")
            ),
        );
    } else if let Some(cm) = &v.config_map {
        w.write(
            2,
            &format!(
                "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                s(cm, "name"),
                b(cm, "optional")
            ),
        );
    } else if let Some(c) = &v.persistent_volume_claim {
        w.write(
            2,
            &format!(
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                c.claim_name,
                c.read_only
            ),
        );
    } else if let Some(d) = v.extra.get("downwardAPI") {
        w.write(
            2,
            "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
        );
        for item in d
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let path = s(item, "path");
            if let Some(f) = item.get("fieldRef") {
                w.write(3, &format!("{} -> {path}\n", s(f, "fieldPath")));
            }
            if let Some(r) = item.get("resourceFieldRef") {
                w.write(3, &format!("{} -> {path}\n", s(r, "resource")));
            }
        }
    } else if let Some(p) = v.projected.as_deref() {
        w.write(
            2,
            "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
        );
        for src in p
            .get("sources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(sec) = src.get("secret") {
                w.write(
                    2,
                    &format!(
                        "SecretName:\t{}\n    Optional:\t{}\n",
                        s(sec, "name"),
                        b(sec, "optional")
                    ),
                );
            } else if src.get("downwardAPI").is_some() {
                w.write(2, "DownwardAPI:\ttrue\n");
            } else if let Some(cm) = src.get("configMap") {
                w.write(
                    2,
                    &format!(
                        "ConfigMapName:\t{}\n    Optional:\t{}\n",
                        s(cm, "name"),
                        b(cm, "optional")
                    ),
                );
            } else if let Some(t) = src.get("serviceAccountToken") {
                let secs = t
                    .get("expirationSeconds")
                    .and_then(Value::as_i64)
                    .unwrap_or(3600);
                w.write(2, &format!("TokenExpirationSeconds:\t{secs}\n"));
            }
        }
    } else if let Some(c) = v.extra.get("csi") {
        w.write(
            2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    ReadOnly:\t{}\n",
                s(c, "driver"),
                s(c, "fsType"),
                b(c, "readOnly")
            ),
        );
        let attrs: crate::engine::objects::Labels = c
            .get("volumeAttributes")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").into()))
                    .collect()
            })
            .unwrap_or_default();
        labels_block(w, "    ", "VolumeAttributes", "\t", &attrs);
    } else if let Some(i) = v.extra.get("image") {
        w.write(
            2,
            &format!(
                "Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n",
                s(i, "reference"),
                s(i, "pullPolicy")
            ),
        );
    } else if let Some(e) = v.extra.get("ephemeral") {
        w.write(
            2,
            "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n",
        );
        let _ = e;
    } else {
        w.write(1, "<unknown>\n");
    }
}

/// `qos.GetPodQOS`: the status field, or computed from the containers'
/// requests and limits as the API server would.
pub(crate) fn qos_class(p: &Pod) -> String {
    if !p.status.qos_class.is_empty() {
        return p.status.qos_class.to_string();
    }
    let mut any = false;
    let mut guaranteed = true;
    for c in p.spec.containers.iter().chain(&p.spec.init_containers) {
        let get = |k: &str| {
            c.resources
                .as_ref()
                .and_then(|r| r.get(k))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let (req, lim) = (get("requests"), get("limits"));
        if !req.is_empty() || !lim.is_empty() {
            any = true;
        }
        for r in ["cpu", "memory"] {
            let l = lim.get(r).and_then(Quantity::from_json);
            let q = req.get(r).and_then(Quantity::from_json).or(l);
            if l.is_none() || q != l {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort".into()
    } else if guaranteed {
        "Guaranteed".into()
    } else {
        "Burstable".into()
    }
}
