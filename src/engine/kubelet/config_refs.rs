//! The ConfigMaps and Secrets a container's environment needs, checked as
//! the kubelet checks them when it builds the container's run options
//! (`makeEnvironmentVariables`): a source that is missing, or a key that is
//! not in it, and is not `optional`, stops the container before it is
//! created, with the Pod showing `CreateContainerConfigError` and the event
//! `Error: secret "db-secret" not found` until the object appears (a classic
//! StatefulSet mistake: the Secret of a chart applied after the set).

use crate::engine::objects::{Container, Value};
use crate::engine::store::Store;

/// What stops the container from being created, if anything.
pub(crate) fn missing_config(store: &Store, ns: &str, c: &Container) -> Option<String> {
    let optional = |r: &Value| r.get("optional").and_then(Value::as_bool) == Some(true);
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
                if !optional(r) && store.config_maps.get(ns, &name).is_none() {
                    return Some(format!("configmap \"{name}\" not found"));
                }
            } else if let Some(r) = item.get("secretRef") {
                let name = name_of(r);
                if !optional(r) && store.secrets.get(ns, &name).is_none() {
                    return Some(format!("secret \"{name}\" not found"));
                }
            }
        }
    }
    for e in &c.env {
        let Some(from) = &e.value_from else { continue };
        if let Some(r) = from.get("configMapKeyRef") {
            if optional(r) {
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
            if optional(r) {
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
