//! The environment a container's processes start with, in the order `env`
//! prints it: the runtime's `PATH` and `HOSTNAME`, the image's own variables,
//! the container spec's `env` (values, `$(VAR)` references, `valueFrom`
//! field, ConfigMap and Secret references), the Service links the kubelet
//! adds for Services that existed when the container started, and `HOME`.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::engine::containerfs::base64_decode;
use crate::engine::kubelet::CState;
use crate::engine::objects::{Pod, Service, Value};
use crate::engine::{Engine, SimTime};

use super::image::Toolbox;

/// A server container's environment read by name, as its image's
/// entrypoint reads it: the last definition wins and an empty value counts
/// as unset (`[ -z "$POSTGRES_PASSWORD" ]`).
pub(crate) fn server_vars(
    engine: &Engine,
    pod: &Pod,
    container: &crate::engine::objects::Container,
) -> impl Fn(&str) -> Option<String> {
    let env = container_env(
        engine,
        pod,
        &container.name,
        &Toolbox::for_image(&container.image),
    );
    move |name| {
        env.iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }
}

/// The environment of container `container` of `pod`.
pub fn container_env(
    engine: &Engine,
    pod: &Pod,
    container: &str,
    tools: &Toolbox,
) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = Vec::new();
    let set = |env: &mut Vec<(String, String)>, k: &str, v: String| {
        if let Some(e) = env.iter_mut().find(|(n, _)| n == k) {
            e.1 = v;
        } else {
            env.push((k.to_string(), v));
        }
    };
    set(&mut env, "PATH", tools.path().to_string());
    // The runtime sets HOSTNAME to the kernel's hostname.
    set(&mut env, "HOSTNAME", Engine::kernel_hostname(pod));
    for (k, v) in tools.image_env() {
        set(&mut env, &k, v);
    }
    if let Some(c) = pod.spec.container(container) {
        for (k, v) in env_from(engine, pod, c) {
            set(&mut env, &k, v);
        }
        for e in &c.env {
            let value = match (&e.value, &e.value_from) {
                (Some(v), _) => expand_refs(v, &env),
                (None, Some(from)) => value_from(engine, pod, from).unwrap_or_default(),
                (None, None) => String::new(),
            };
            set(&mut env, &e.name, value);
        }
    }
    if pod.spec.enable_service_links.unwrap_or(true) {
        for (k, v) in service_links(engine, pod, container) {
            if !env.iter().any(|(n, _)| *n == k) {
                env.push((k, v));
            }
        }
    }
    if !env.iter().any(|(n, _)| n == "HOME") {
        env.push(("HOME".into(), "/root".into()));
    }
    env
}

/// `$(VAR)` references to variables defined earlier; `$$(VAR)` escapes.
fn expand_refs(v: &str, env: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(a) = after.strip_prefix('$') {
            out.push('$');
            rest = a;
        } else if let Some(body) = after.strip_prefix('(') {
            match body.find(')') {
                Some(j) => {
                    let name = &body[..j];
                    match env.iter().find(|(n, _)| n == name) {
                        Some((_, val)) => out.push_str(val),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = &body[j + 1..];
                }
                None => {
                    out.push_str("$(");
                    rest = body;
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn value_from(engine: &Engine, pod: &Pod, from: &Value) -> Option<String> {
    if let Some(f) = from.get("fieldRef") {
        let path = f.get("fieldPath")?.as_str()?;
        return Some(match path {
            "metadata.name" => pod.metadata.name.to_string(),
            "metadata.namespace" => pod.metadata.namespace.to_string(),
            "metadata.uid" => pod.metadata.uid.to_string(),
            "spec.nodeName" => pod.spec.node_name.to_string(),
            "spec.serviceAccountName" => pod
                .spec
                .service_account_name
                .as_deref()
                .unwrap_or("default")
                .to_string(),
            "status.podIP" => pod.status.pod_ip.to_string(),
            "status.hostIP" => pod.status.host_ip.to_string(),
            p => {
                if let Some(k) = p
                    .strip_prefix("metadata.labels['")
                    .and_then(|r| r.strip_suffix("']"))
                {
                    pod.metadata
                        .labels
                        .get(k)
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                } else if let Some(k) = p
                    .strip_prefix("metadata.annotations['")
                    .and_then(|r| r.strip_suffix("']"))
                {
                    pod.metadata
                        .annotations
                        .get(k)
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            }
        });
    }
    let ns = &pod.metadata.namespace;
    if let Some(r) = from.get("configMapKeyRef") {
        let name = r.get("name")?.as_str()?;
        let key = r.get("key")?.as_str()?;
        return engine
            .store()
            .config_maps
            .get(ns, name)
            .and_then(|c| c.data.get(key).cloned());
    }
    if let Some(r) = from.get("secretKeyRef") {
        let name = r.get("name")?.as_str()?;
        let key = r.get("key")?.as_str()?;
        return engine
            .store()
            .secrets
            .get(ns, name)
            .and_then(|s| s.data.get(key).and_then(|v| base64_decode(v)));
    }
    None
}

/// The variables of a container's `envFrom`: each ConfigMap's or Secret's
/// keys (in key order), behind the source's `prefix`, sources in the order
/// listed, so a later source and then `env` win on a clash. A key that is
/// no valid variable name (it holds `=`) is skipped, as the kubelet skips
/// it; a missing source gives nothing.
fn env_from(
    engine: &Engine,
    pod: &Pod,
    c: &crate::engine::objects::Container,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(Value::Array(items)) = c.extra.get("envFrom") else {
        return out;
    };
    let ns = &pod.metadata.namespace;
    for item in items {
        let prefix = item.get("prefix").and_then(|p| p.as_str()).unwrap_or("");
        let name_of = |k: &str| {
            item.get(k)
                .and_then(|r| r.get("name"))
                .and_then(|n| n.as_str())
                .map(str::to_string)
        };
        let pairs: Vec<(String, String)> = if let Some(name) = name_of("configMapRef") {
            match engine.store().config_maps.get(ns, &name) {
                Some(cm) => cm
                    .data
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                None => Vec::new(),
            }
        } else if let Some(name) = name_of("secretRef") {
            match engine.store().secrets.get(ns, &name) {
                Some(s) => s
                    .data
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), base64_decode(v)?)))
                    .collect(),
                None => Vec::new(),
            }
        } else {
            Vec::new()
        };
        for (k, v) in pairs {
            let name = format!("{prefix}{k}");
            if !name.is_empty() && !name.contains('=') {
                out.push((name, v));
            }
        }
    }
    out
}

/// When the container (or else the Pod) started: Services created later
/// get no variables (the kubelet computes them once, at container start).
fn started(engine: &Engine, pod: &Pod, container: &str) -> SimTime {
    let rt = engine.pod_runtime(&pod.metadata.namespace, &pod.metadata.name);
    let running = rt
        .and_then(|rt| rt.find(container).and_then(|c| rt.ctr(c)))
        .and_then(|c| match c.state {
            CState::Running { since } => Some(since),
            _ => None,
        });
    running
        .or_else(|| pod.metadata.creation_timestamp.as_ref().map(|t| t.sim()))
        .unwrap_or(SimTime::ZERO)
}

/// Docker-links-style variables for Services with a ClusterIP: the Pod's
/// namespace, plus `kubernetes` from `default` (the kubelet adds the master
/// Service to every Pod).
fn service_links(engine: &Engine, pod: &Pod, container: &str) -> Vec<(String, String)> {
    let at = started(engine, pod, container);
    let ns = &pod.metadata.namespace;
    let mut svcs: Vec<&Service> = engine
        .store()
        .services
        .iter()
        .map(|s| &**s)
        .filter(|s| {
            s.metadata.namespace == *ns
                || (s.metadata.namespace == "default" && s.metadata.name == "kubernetes")
        })
        .filter(|s| {
            s.metadata
                .creation_timestamp
                .as_ref()
                .is_none_or(|t| t.sim() <= at)
        })
        .filter(|s| {
            let ip = s.spec.cluster_ip.as_deref().unwrap_or("");
            !ip.is_empty() && ip != "None" && s.type_() != "ExternalName"
        })
        .collect();
    // The master Service last, as a namespace's own Services win on a clash.
    crate::sort::sort_by_key(&mut svcs, |s| {
        (s.metadata.namespace != *ns, s.metadata.name.clone())
    });
    let mut out = Vec::new();
    for s in svcs {
        let name = s.metadata.name.to_ascii_uppercase().replace('-', "_");
        let ip = s.spec.cluster_ip.clone().unwrap_or_default();
        let Some(first) = s.spec.ports.first() else {
            continue;
        };
        out.push((format!("{name}_SERVICE_HOST"), ip.clone()));
        out.push((format!("{name}_SERVICE_PORT"), first.port.to_string()));
        for p in &s.spec.ports {
            if !p.name.is_empty() {
                out.push((
                    format!(
                        "{name}_SERVICE_PORT_{}",
                        p.name.to_ascii_uppercase().replace('-', "_")
                    ),
                    p.port.to_string(),
                ));
            }
        }
        let proto = |p: &crate::engine::objects::service::ServicePort| {
            p.protocol.clone().unwrap_or_else(|| "TCP".into())
        };
        out.push((
            format!("{name}_PORT"),
            format!(
                "{}://{ip}:{}",
                proto(first).to_ascii_lowercase(),
                first.port
            ),
        ));
        for p in &s.spec.ports {
            let pr = proto(p);
            let base = format!("{name}_PORT_{}_{}", p.port, pr.to_ascii_uppercase());
            out.push((
                base.clone(),
                format!("{}://{ip}:{}", pr.to_ascii_lowercase(), p.port),
            ));
            out.push((format!("{base}_PROTO"), pr.to_ascii_lowercase()));
            out.push((format!("{base}_PORT"), p.port.to_string()));
            out.push((format!("{base}_ADDR"), ip.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_paren_references_expand() {
        let env = vec![("A".to_string(), "x".to_string())];
        assert_eq!(expand_refs("$(A)-$(B)-$$(A)", &env), "x-$(B)-$(A)");
    }
}
