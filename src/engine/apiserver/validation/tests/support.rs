//! Builders shared by the validation tests.

use crate::engine::apiserver::defaults::apply_defaults;
use crate::engine::apiserver::validation::{validate_create, validate_update};
use crate::engine::objects::{Kind, Object, Value};

/// Decodes a manifest-shaped JSON value into an object.
pub fn object(kind: Kind, v: Value) -> Object {
    Object::from_value(kind, v).expect("test manifests decode")
}

/// Defaults then validates a create; returns the rendered field errors.
pub fn create(kind: Kind, v: Value) -> Vec<String> {
    let mut o = object(kind, v);
    apply_defaults(&mut o);
    validate_create(&o).iter().map(|e| e.to_string()).collect()
}

/// Defaults both versions then validates the update of `old` to `new`.
pub fn update(kind: Kind, old: Value, new: Value) -> Vec<String> {
    let mut o = object(kind, old);
    let mut n = object(kind, new);
    apply_defaults(&mut o);
    apply_defaults(&mut n);
    validate_update(&n, &o)
        .iter()
        .map(|e| e.to_string())
        .collect()
}

/// Sets the value at a JSON pointer, creating objects on the way.
pub fn set(mut v: Value, pointer: &str, new: Value) -> Value {
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    put(&mut v, &parts, new);
    v
}

fn put(cur: &mut Value, parts: &[&str], new: Value) {
    let Some((head, rest)) = parts.split_first() else {
        *cur = new;
        return;
    };
    if let (Ok(idx), Some(arr)) = (head.parse::<usize>(), cur.as_array_mut()) {
        if idx == arr.len() {
            arr.push(Value::Null);
        }
        return put(&mut arr[idx], rest, new);
    }
    if !cur.is_object() {
        *cur = Value::Object(Default::default());
    }
    if let Value::Object(map) = cur {
        put(
            map.entry(head.to_string()).or_insert(Value::Null),
            rest,
            new,
        );
    }
}

/// Removes the value at a JSON pointer.
pub fn unset(mut v: Value, pointer: &str) -> Value {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    if let Some(Value::Object(m)) = v.pointer_mut(parent) {
        m.remove(last);
    }
    v
}

/// The tutorial's `web` StatefulSet (StatefulSet Basics), as applied.
pub fn web() -> Value {
    serde_json::json!({
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx",
            "replicas": 2,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {
                    "terminationGracePeriodSeconds": 10,
                    "containers": [{
                        "name": "nginx",
                        "image": "registry.k8s.io/nginx-slim:0.21",
                        "ports": [{"containerPort": 80, "name": "web"}],
                        "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]
                    }]
                }
            },
            "volumeClaimTemplates": [{
                "metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
            }]
        }
    })
}

/// The tutorial's headless Service `nginx`.
pub fn nginx_service() -> Value {
    serde_json::json!({
        "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {"ports": [{"port": 80, "name": "web"}], "clusterIP": "None", "selector": {"app": "nginx"}}
    })
}

/// A Pod as the StatefulSet controller would create `web-0`.
pub fn web_0() -> Value {
    serde_json::json!({
        "metadata": {"name": "web-0", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {
            "hostname": "web-0",
            "subdomain": "nginx",
            "containers": [{
                "name": "nginx",
                "image": "registry.k8s.io/nginx-slim:0.21",
                "ports": [{"containerPort": 80, "name": "web"}],
                "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]
            }],
            "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}}]
        }
    })
}

/// The claim the controller creates for `web-0`.
pub fn www_web_0() -> Value {
    serde_json::json!({
        "metadata": {"name": "www-web-0", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
    })
}

/// The DNS-1123 label message upstream prints (note the double space).
pub const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
