//! What `kubectl debug` sends (debug.go `generateDebugContainer`,
//! `generatePodCopyWithDebugContainer`, `generateNodeDebugPod`): the
//! ephemeral container, the copy of the Pod, the node's debugging Pod, each
//! with the profile applied. JSON in, JSON out, as kubectl marshals its
//! typed objects (empty fields left out).

use serde_json::{json, Map, Value};

use super::options::Options;
use super::profile::Style;
use crate::manifest::schema::{schema, Ty};

/// The names of every container of a Pod's JSON (`containerNameToRef`).
fn container_names(pod: &Value) -> Vec<String> {
    ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .filter_map(|l| pod.pointer(&format!("/spec/{l}")).and_then(Value::as_array))
        .flatten()
        .filter_map(|c| c.get("name").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

/// `computeDebugContainerName`: `-c`, else `debugger-` and five random
/// characters no container has yet (from the engine's seeded stream), with
/// kubectl's notice on stdout. `suffix` draws the characters.
pub(super) fn debug_container_name(
    o: &Options,
    pod: &Value,
    mut suffix: impl FnMut() -> String,
    out: &mut String,
) -> String {
    if !o.container.is_empty() {
        return o.container.clone();
    }
    let taken = container_names(pod);
    let mut name = String::new();
    while name.is_empty() || taken.contains(&name) {
        name = format!("debugger-{}", suffix());
    }
    if !o.quiet {
        out.push_str(&format!("Defaulting debug container name to {name}.\n"));
    }
    name
}

/// The command line after `--`: `command`, or `args` with
/// `--arguments-only`.
fn set_command(c: &mut Map<String, Value>, o: &Options) {
    if o.args.is_empty() {
        return;
    }
    if o.args_only {
        c.insert("args".into(), json!(o.args));
    } else {
        c.insert("command".into(), json!(o.args));
    }
}

/// The fields every debug container gets from the flags.
fn common_fields(c: &mut Map<String, Value>, o: &Options) {
    if !o.env.is_empty() {
        let env: Vec<Value> = o
            .env
            .iter()
            .map(|(k, v)| json!({"name": k, "value": v}))
            .collect();
        c.insert("env".into(), Value::Array(env));
    }
    if !o.image.is_empty() {
        c.insert("image".into(), json!(o.image));
    }
    if !o.pull_policy.is_empty() {
        c.insert("imagePullPolicy".into(), json!(o.pull_policy));
    }
    set_bool(c, "stdin", o.interactive);
    set_bool(c, "tty", o.tty);
}

/// A boolean as Go's `omitempty` writes it: absent when false.
fn set_bool(c: &mut Map<String, Value>, key: &str, on: bool) {
    if on {
        c.insert(key.into(), json!(true));
    } else {
        c.remove(key);
    }
}

/// The container named `name` in the Pod's lists.
fn container_mut<'a>(pod: &'a mut Value, list: &str, name: &str) -> Option<&'a mut Value> {
    pod.pointer_mut(&format!("/spec/{list}"))?
        .as_array_mut()?
        .iter_mut()
        .find(|c| c.get("name").and_then(Value::as_str) == Some(name))
}

/// `--custom`: the partial container spec merged into the debug container
/// as a strategic merge patch.
fn apply_custom(pod: &mut Value, list: &str, name: &str, o: &Options) -> Result<(), String> {
    let Some(custom) = &o.custom else {
        return Ok(());
    };
    let mut patch = custom.clone();
    if let Some(m) = patch.as_object_mut() {
        m.insert("name".into(), json!(name));
    }
    let ty = schema()
        .by_name("Container")
        .map(Ty::Struct)
        .ok_or_else(|| "no Container type".to_string())?;
    let Some(c) = container_mut(pod, list, name) else {
        return Err(format!(
            "unable to find the {name} container in the pod {}",
            pod.pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("")
        ));
    };
    *c = crate::manifest::smp::apply(c, &patch, &ty).map_err(|e| e.to_string())?;
    Ok(())
}

/// `generateDebugContainer`: the Pod with the ephemeral container added
/// and the profile applied; returns it and the container.
pub(super) fn ephemeral_container(
    o: &Options,
    pod: &Value,
    name: &str,
) -> Result<(Value, Value), String> {
    let mut c = Map::new();
    c.insert("name".into(), json!(name));
    c.insert("resources".into(), json!({}));
    c.insert("terminationMessagePolicy".into(), json!("File"));
    common_fields(&mut c, o);
    set_command(&mut c, o);
    if !o.target_container.is_empty() {
        c.insert("targetContainerName".into(), json!(o.target_container));
    }
    let mut copied = pod.clone();
    if let Some(spec) = copied.get_mut("spec").and_then(Value::as_object_mut) {
        let list = spec
            .entry("ephemeralContainers")
            .or_insert_with(|| json!([]));
        if let Some(l) = list.as_array_mut() {
            l.push(Value::Object(c));
        }
    }
    // The profile and the custom spec change the first container of that
    // name (`VisitContainers` stops there); what is sent is the last one,
    // the new one.
    o.profile.apply(&mut copied, name, Style::Ephemeral, o.keep);
    apply_custom(&mut copied, "ephemeralContainers", name, o)?;
    let ec = copied
        .pointer("/spec/ephemeralContainers")
        .and_then(Value::as_array)
        .and_then(|l| l.last())
        .cloned()
        .unwrap_or_default();
    Ok((copied, ec))
}

/// `generatePodCopyWithDebugContainer`: the copy and the name of its
/// debug container ("" for a `--set-image` only copy). `name` picks a
/// name for a new container (printing kubectl's notice).
pub(super) fn pod_copy(
    o: &Options,
    pod: &Value,
    name: impl FnOnce(&Value) -> String,
) -> Result<(Value, String), String> {
    let mut meta = Map::new();
    meta.insert("name".into(), json!(o.copy_to));
    if let Some(ns) = pod.pointer("/metadata/namespace") {
        meta.insert("namespace".into(), ns.clone());
    }
    for k in ["annotations", "labels"] {
        if let Some(v) = pod.pointer(&format!("/metadata/{k}")) {
            meta.insert(k.into(), v.clone());
        }
    }
    let mut spec = pod.get("spec").cloned().unwrap_or_else(|| json!({}));
    if let Some(s) = spec.as_object_mut() {
        // Ephemeral containers cannot be created with a Pod.
        s.remove("ephemeralContainers");
        if o.share_processes_changed {
            s.insert("shareProcessNamespace".into(), json!(o.share_processes));
        }
        if !o.same_node {
            s.remove("nodeName");
        }
        if let Some(cs) = s.get_mut("containers").and_then(Value::as_array_mut) {
            for c in cs.iter_mut().filter_map(Value::as_object_mut) {
                let cname = c.get("name").and_then(Value::as_str).unwrap_or("");
                let image = o
                    .set_images
                    .iter()
                    .find(|(n, _)| n == cname)
                    .or_else(|| o.set_images.iter().find(|(n, _)| n == "*"))
                    .map(|(_, i)| i.clone());
                if let Some(i) = image.filter(|i| !i.is_empty()) {
                    c.insert("image".into(), json!(i));
                }
            }
        }
    }
    let mut copied = json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec});
    let existing = !o.container.is_empty() && container_names(&copied).contains(&o.container);
    let (list, cname) = if existing {
        let list = ["containers", "initContainers"]
            .into_iter()
            .find(|l| container_mut(&mut copied, l, &o.container).is_some())
            .unwrap_or("containers");
        (list, o.container.clone())
    } else {
        if o.image.is_empty() {
            if !o.set_images.is_empty() {
                return Ok((copied, String::new()));
            }
            return Err("you must specify image when creating new container".into());
        }
        let cname = name(&copied);
        if let Some(cs) = copied
            .pointer_mut("/spec/containers")
            .and_then(Value::as_array_mut)
        {
            cs.push(json!({"name": cname, "resources": {}, "terminationMessagePolicy": "File"}));
        }
        ("containers", cname)
    };
    if let Some(c) = container_mut(&mut copied, list, &cname).and_then(Value::as_object_mut) {
        if !o.args.is_empty() {
            set_command(c, o);
            if !o.args_only {
                c.remove("args");
            }
        }
        common_fields(c, o);
    }
    o.profile.apply(&mut copied, &cname, Style::PodCopy, o.keep);
    apply_custom(&mut copied, list, &cname, o)?;
    Ok((copied, cname))
}

/// `generateNodeDebugPod`: a Pod bound to the node, in its namespaces
/// (as the profile says), with the container `debugger` (or `-c`).
pub(super) fn node_pod(o: &Options, node: &str, pod_name: &str, ns: &str) -> Result<Value, String> {
    let cname = container_or_debugger(o);
    let mut c = Map::new();
    c.insert("name".into(), json!(cname));
    c.insert("resources".into(), json!({}));
    c.insert("terminationMessagePolicy".into(), json!("File"));
    common_fields(&mut c, o);
    set_command(&mut c, o);
    let mut pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": pod_name,
            "namespace": ns,
            "labels": {"app.kubernetes.io/managed-by": "kubectl-debug"},
        },
        "spec": {
            "containers": [Value::Object(c)],
            "nodeName": node,
            "restartPolicy": "Never",
            "tolerations": [{"operator": "Exists"}],
        },
    });
    o.profile.apply(&mut pod, &cname, Style::Node, o.keep);
    apply_custom(&mut pod, "containers", &cname, o)?;
    Ok(pod)
}

/// The node debugging Pod's container: `-c`, else `debugger`.
pub(super) fn container_or_debugger(o: &Options) -> String {
    if o.container.is_empty() {
        "debugger".into()
    } else {
        o.container.clone()
    }
}

/// `displayWarning`: a profile that grants capabilities (or privileges)
/// meets a Pod that runs as a non-root user.
pub(super) fn capability_warning(container: &Value, pod: &Value) -> Option<&'static str> {
    let pod_user = pod
        .pointer("/spec/securityContext/runAsUser")
        .and_then(Value::as_i64);
    if pod_user.is_none_or(|u| u == 0) {
        return None;
    }
    let sc = container.get("securityContext")?;
    if sc.get("runAsUser").and_then(Value::as_i64) == Some(0) {
        return None;
    }
    let privileged = sc.get("privileged").and_then(Value::as_bool) == Some(true);
    let adds = sc
        .pointer("/capabilities/add")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    (privileged || adds).then_some("Warning: Non-root user is configured for the entire target Pod, and some capabilities granted by debug profile may not work. Please consider using \"--custom\" with a custom profile that specifies \"securityContext.runAsUser: 0\".\n")
}
