//! `kubectl debug --profile` (profiles.go, kubectl 1.35): what each profile
//! changes in the Pod it sends, for each way of debugging. `legacy` is
//! still the default in 1.33–1.35 (with a deprecation notice); 1.36 makes
//! `general` the default. Works on the Pod's JSON, as kubectl's
//! `ProfileApplier` works on the typed Pod.

use serde_json::{json, Map, Value};

use super::options::Keep;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Profile {
    #[default]
    Legacy,
    General,
    Baseline,
    Restricted,
    Netadmin,
    Sysadmin,
}

/// What is being debugged (`getDebugStyle`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// An ephemeral container added to the Pod.
    Ephemeral,
    /// A copy of the Pod (`--copy-to`).
    PodCopy,
    /// A Pod on a node (`node/NAME`).
    Node,
}

impl Profile {
    pub fn parse(s: &str) -> Option<Profile> {
        Some(match s {
            "legacy" => Profile::Legacy,
            "general" => Profile::General,
            "baseline" => Profile::Baseline,
            "restricted" => Profile::Restricted,
            "netadmin" => Profile::Netadmin,
            "sysadmin" => Profile::Sysadmin,
            _ => return None,
        })
    }

    /// `Apply(pod, containerName, target)`: `pod` is the Pod's JSON,
    /// `container` the debug container's name.
    pub fn apply(self, pod: &mut Value, container: &str, style: Style, keep: Keep) {
        use Profile::*;
        use Style::*;
        match self {
            Legacy => match style {
                Node => {
                    mount_root_partition(pod, container);
                    use_host_namespaces(pod);
                }
                // The legacy profile drops the labels whatever --keep-labels says.
                PodCopy => remove_copy_fields(
                    pod,
                    Keep {
                        labels: false,
                        annotations: true,
                        liveness: true,
                        readiness: true,
                        startup: true,
                        init_containers: true,
                    },
                ),
                Ephemeral => {}
            },
            General => match style {
                Node => {
                    mount_root_partition(pod, container);
                    clear_security_context(pod, container);
                    use_host_namespaces(pod);
                }
                PodCopy => {
                    remove_copy_fields(pod, keep);
                    add_capability(pod, container, "SYS_PTRACE");
                    share_process_namespace(pod);
                }
                Ephemeral => add_capability(pod, container, "SYS_PTRACE"),
            },
            Baseline | Restricted => {
                clear_security_context(pod, container);
                let restricted = self == Restricted;
                if let Some(sc) = restricted
                    .then(|| security_context(pod, container))
                    .flatten()
                {
                    sc.insert("runAsNonRoot".into(), json!(true));
                    let caps = sc
                        .entry("capabilities")
                        .or_insert_with(|| json!({}))
                        .as_object_mut();
                    if let Some(caps) = caps {
                        caps.insert("drop".into(), json!(["ALL"]));
                        caps.remove("add");
                    }
                    sc.insert("allowPrivilegeEscalation".into(), json!(false));
                    sc.insert("seccompProfile".into(), json!({"type": "RuntimeDefault"}));
                }
                if style == PodCopy {
                    remove_copy_fields(pod, keep);
                    share_process_namespace(pod);
                }
            }
            Netadmin => {
                add_capability(pod, container, "NET_ADMIN");
                add_capability(pod, container, "NET_RAW");
                match style {
                    Node => use_host_namespaces(pod),
                    PodCopy => {
                        remove_copy_fields(pod, keep);
                        share_process_namespace(pod);
                    }
                    Ephemeral => {}
                }
            }
            Sysadmin => {
                if let Some(sc) = security_context(pod, container) {
                    sc.insert("privileged".into(), json!(true));
                }
                match style {
                    Node => {
                        use_host_namespaces(pod);
                        mount_root_partition(pod, container);
                    }
                    PodCopy => {
                        remove_copy_fields(pod, keep);
                        share_process_namespace(pod);
                    }
                    Ephemeral => {}
                }
            }
        }
    }
}

/// The container (of any list) named `name` in the Pod's JSON.
fn container_mut<'a>(pod: &'a mut Value, name: &str) -> Option<&'a mut Map<String, Value>> {
    let spec = pod.get_mut("spec")?.as_object_mut()?;
    let list = ["containers", "initContainers", "ephemeralContainers"]
        .into_iter()
        .find(|l| {
            spec.get(*l).and_then(Value::as_array).is_some_and(|items| {
                items
                    .iter()
                    .any(|c| c.get("name").and_then(Value::as_str) == Some(name))
            })
        })?;
    spec.get_mut(list)?
        .as_array_mut()?
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .find(|c| c.get("name").and_then(Value::as_str) == Some(name))
}

/// The container's security context, made if it has none.
fn security_context<'a>(pod: &'a mut Value, container: &str) -> Option<&'a mut Map<String, Value>> {
    let c = container_mut(pod, container)?;
    let sc = c
        .entry("securityContext")
        .or_insert_with(|| Value::Object(Map::new()));
    if !sc.is_object() {
        *sc = Value::Object(Map::new());
    }
    sc.as_object_mut()
}

fn spec_mut(pod: &mut Value) -> Option<&mut Map<String, Value>> {
    pod.get_mut("spec")?.as_object_mut()
}

/// `mountRootPartition`: the node's `/` at `/host` (regular containers).
fn mount_root_partition(pod: &mut Value, container: &str) {
    if let Some(spec) = spec_mut(pod) {
        let volumes = spec.entry("volumes").or_insert_with(|| json!([]));
        if let Some(v) = volumes.as_array_mut() {
            v.push(json!({"name": "host-root", "hostPath": {"path": "/"}}));
        }
        if let Some(c) = spec
            .get_mut("containers")
            .and_then(Value::as_array_mut)
            .and_then(|cs| {
                cs.iter_mut()
                    .find(|c| c.get("name").and_then(Value::as_str) == Some(container))
            })
            .and_then(Value::as_object_mut)
        {
            let mounts = c.entry("volumeMounts").or_insert_with(|| json!([]));
            if let Some(m) = mounts.as_array_mut() {
                m.push(json!({"mountPath": "/host", "name": "host-root"}));
            }
        }
    }
}

/// `useHostNamespaces`: the node's network, PID and IPC namespaces.
fn use_host_namespaces(pod: &mut Value) {
    if let Some(spec) = spec_mut(pod) {
        for k in ["hostNetwork", "hostPID", "hostIPC"] {
            spec.insert(k.into(), json!(true));
        }
    }
}

/// `shareProcessNamespace`, unless the Pod says otherwise already.
fn share_process_namespace(pod: &mut Value) {
    if let Some(spec) = spec_mut(pod) {
        spec.entry("shareProcessNamespace")
            .or_insert_with(|| json!(true));
    }
}

fn clear_security_context(pod: &mut Value, container: &str) {
    if let Some(c) = container_mut(pod, container) {
        c.remove("securityContext");
    }
}

fn add_capability(pod: &mut Value, container: &str, cap: &str) {
    let Some(sc) = security_context(pod, container) else {
        return;
    };
    let caps = sc.entry("capabilities").or_insert_with(|| json!({}));
    if let Some(caps) = caps.as_object_mut() {
        let add = caps.entry("add").or_insert_with(|| json!([]));
        if let Some(a) = add.as_array_mut() {
            a.push(json!(cap));
        }
    }
}

/// `RemoveLabels`, `RemoveAnnotations`, `RemoveProbes`,
/// `RemoveInitContainers` as the `--keep-*` flags allow.
fn remove_copy_fields(pod: &mut Value, keep: Keep) {
    if let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) {
        if !keep.labels {
            meta.remove("labels");
        }
        if !keep.annotations {
            meta.remove("annotations");
        }
    }
    let Some(spec) = spec_mut(pod) else { return };
    if let Some(cs) = spec.get_mut("containers").and_then(Value::as_array_mut) {
        for c in cs.iter_mut().filter_map(Value::as_object_mut) {
            for (field, kept) in [
                ("livenessProbe", keep.liveness),
                ("readinessProbe", keep.readiness),
                ("startupProbe", keep.startup),
            ] {
                if !kept {
                    c.remove(field);
                }
            }
        }
    }
    if !keep.init_containers {
        spec.remove("initContainers");
    }
}
