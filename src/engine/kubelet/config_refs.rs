//! The ConfigMaps and Secrets a container's environment needs, checked as
//! the kubelet checks them when it builds the container's run options
//! (`makeEnvironmentVariables`): a source that is missing, or a key that is
//! not in it, and is not `optional`, stops the container before it is
//! created, with the Pod showing `CreateContainerConfigError` and the event
//! `Error: secret "db-secret" not found` until the object appears (a classic
//! StatefulSet mistake: the Secret of a chart applied after the set).

use crate::engine::objects::pod::Volume;
use crate::engine::objects::{Container, Value};
use crate::engine::store::Store;

/// What stops the container from being created, if anything.
pub(crate) fn missing_config(store: &Store, ns: &str, c: &Container) -> Option<String> {
    let name_of = |r: &Value| {
        r.get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    if let Some(Value::Array(items)) = c.extra.get("envFrom") {
        for item in items {
            if let Some(r) = item.get("configMapRef") {
                let name = name_of(r);
                if !is_optional(r) && store.config_maps.get(ns, &name).is_none() {
                    return Some(format!("configmap \"{name}\" not found"));
                }
            } else if let Some(r) = item.get("secretRef") {
                let name = name_of(r);
                if !is_optional(r) && store.secrets.get(ns, &name).is_none() {
                    return Some(format!("secret \"{name}\" not found"));
                }
            }
        }
    }
    for e in &c.env {
        let Some(from) = &e.value_from else { continue };
        if let Some(r) = from.get("configMapKeyRef") {
            if is_optional(r) {
                continue;
            }
            let name = name_of(r);
            let key = r.get("key").and_then(Value::as_str).unwrap_or("");
            match store.config_maps.get(ns, &name) {
                None => return Some(format!("configmap \"{name}\" not found")),
                Some(cm) if !cm.data.contains_key(key) && !cm.binary_data.contains_key(key) => {
                    return Some(format!("couldn't find key {key} in ConfigMap {ns}/{name}"));
                }
                Some(_) => {}
            }
        } else if let Some(r) = from.get("secretKeyRef") {
            if is_optional(r) {
                continue;
            }
            let name = name_of(r);
            let key = r.get("key").and_then(Value::as_str).unwrap_or("");
            match store.secrets.get(ns, &name) {
                None => return Some(format!("secret \"{name}\" not found")),
                Some(s) if !s.data.contains_key(key) => {
                    return Some(format!("couldn't find key {key} in Secret {ns}/{name}"));
                }
                Some(_) => {}
            }
        }
    }
    None
}

/// The volumes the kubelet cannot set up yet, with the error each one's
/// `MountVolume.SetUp` returns (the configMap, secret and projected
/// plugins): a ConfigMap or Secret that is missing, or a listed key that is
/// not in it, unless the source is `optional`. The Pod stays
/// `ContainerCreating` with a `FailedMount` event per attempt until the
/// object appears.
pub(crate) fn unmountable_volumes(
    store: &Store,
    ns: &str,
    volumes: &[Volume],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for v in volumes {
        let err = if let Some(src) = &v.config_map {
            config_map_error(store, ns, src, "name")
        } else if let Some(src) = &v.secret {
            secret_error(store, ns, src, "secretName")
        } else if let Some(p) = &v.projected {
            // `collectData` gathers every source's error (an Aggregate:
            // one error as itself, several as `[a, b]`).
            let errs: Vec<String> = p
                .get("sources")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| {
                    if let Some(src) = s.get("configMap") {
                        config_map_error(store, ns, src, "name")
                    } else if let Some(src) = s.get("secret") {
                        secret_error(store, ns, src, "name")
                    } else {
                        None
                    }
                })
                .collect();
            match errs.len() {
                0 => None,
                1 => errs.into_iter().next(),
                _ => Some(format!("[{}]", errs.join(", "))),
            }
        } else {
            None
        };
        if let Some(err) = err {
            out.push((v.name.to_string(), err));
        }
    }
    out
}

fn is_optional(src: &Value) -> bool {
    src.get("optional").and_then(Value::as_bool) == Some(true)
}

/// The keys a source lists under `items`.
fn listed_keys(src: &Value) -> impl Iterator<Item = &str> {
    src.get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.get("key").and_then(Value::as_str))
}

fn config_map_error(store: &Store, ns: &str, src: &Value, name_field: &str) -> Option<String> {
    let name = src.get(name_field).and_then(Value::as_str).unwrap_or("");
    let optional = is_optional(src);
    let Some(cm) = store.config_maps.get(ns, name) else {
        return (!optional).then(|| format!("configmap \"{name}\" not found"));
    };
    if optional {
        return None;
    }
    listed_keys(src)
        .find(|k| !cm.data.contains_key(*k) && !cm.binary_data.contains_key(*k))
        .map(|k| format!("configmap references non-existent config key: {k}"))
}

fn secret_error(store: &Store, ns: &str, src: &Value, name_field: &str) -> Option<String> {
    let name = src.get(name_field).and_then(Value::as_str).unwrap_or("");
    let optional = is_optional(src);
    let Some(s) = store.secrets.get(ns, name) else {
        return (!optional).then(|| format!("secret \"{name}\" not found"));
    };
    if optional {
        return None;
    }
    listed_keys(src)
        .find(|k| !s.data.contains_key(*k))
        .map(|k| format!("references non-existent secret key: {k}"))
}
