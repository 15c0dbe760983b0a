//! The JSON documents kubectl's generic printers (JSONPath, custom columns,
//! Go templates) work on: one object as the API server sends it, or the
//! `List` kubectl builds around several.
//!
//! `Object::to_value` is the source; this module only restores the wire
//! spelling of the Pod status fields whose Go names end in an initialism
//! (`podIP`, `hostIPs`, `containerID`, `imageID`), which a camel-casing
//! serializer writes as `podIp`. Once the object types spell them right the
//! repair finds nothing to do.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::{json, Map, Value};

use crate::engine::objects::{Kind, Object};

/// One object as kubectl receives it from the API server.
pub fn wire_value(obj: &Object) -> Value {
    let mut v = obj.to_value();
    if obj.kind() == Kind::Pod {
        if let Some(status) = v.get_mut("status").and_then(Value::as_object_mut) {
            repair_pod_status(status);
        }
    }
    v
}

/// What `kubectl get` hands a generic printer for several objects (or for
/// a listing that is not a single named object): `printGeneric`'s List.
pub fn list_value(objs: &[Object]) -> Value {
    json!({
        "apiVersion": "v1",
        "items": objs.iter().map(wire_value).collect::<Vec<_>>(),
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    })
}

fn rename(map: &mut Map<String, Value>, from: &str, to: &str) {
    if map.contains_key(to) {
        return;
    }
    if let Some(v) = map.remove(from) {
        map.insert(to.to_string(), v);
    }
}

fn repair_pod_status(status: &mut Map<String, Value>) {
    rename(status, "hostIp", "hostIP");
    rename(status, "hostIps", "hostIPs");
    rename(status, "podIp", "podIP");
    rename(status, "podIps", "podIPs");
    for list in [
        "containerStatuses",
        "initContainerStatuses",
        "ephemeralContainerStatuses",
    ] {
        let Some(items) = status.get_mut(list).and_then(Value::as_array_mut) else {
            continue;
        };
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            rename(item, "containerId", "containerID");
            rename(item, "imageId", "imageID");
            for state in ["state", "lastState"] {
                let terminated = item
                    .get_mut(state)
                    .and_then(|s| s.get_mut("terminated"))
                    .and_then(Value::as_object_mut);
                if let Some(t) = terminated {
                    rename(t, "containerId", "containerID");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_status_initialisms_use_the_wire_spelling() {
        use crate::engine::objects::pod::{ContainerStatus, PodIp, PodStatus};
        use crate::engine::objects::Pod;
        use std::rc::Rc;
        let pod = Pod {
            status: PodStatus {
                pod_ip: "10.244.1.2".into(),
                pod_ips: vec![PodIp {
                    ip: "10.244.1.2".into(),
                }],
                container_statuses: vec![ContainerStatus {
                    container_id: "containerd://x".into(),
                    image_id: "sha".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
            ..Default::default()
        };
        let obj = Object::Pod(Rc::new(pod));
        let w = wire_value(&obj);
        assert_eq!(w["status"]["podIP"], "10.244.1.2");
        assert_eq!(w["status"]["podIPs"][0]["ip"], "10.244.1.2");
        assert_eq!(
            w["status"]["containerStatuses"][0]["containerID"],
            "containerd://x"
        );
        assert_eq!(w["status"]["containerStatuses"][0]["imageID"], "sha");
        assert!(w["status"].get("podIp").is_none());
        let list = list_value(&[obj]);
        assert_eq!(list["kind"], "List");
        assert_eq!(list["metadata"]["resourceVersion"], "");
    }
}
