//! The JSON documents kubectl's generic printers (JSONPath, custom columns,
//! Go templates) work on: one object as the API server sends it, or the
//! `List` kubectl builds around several.
//!
//! `Object::to_value` is the source: the object types already spell the
//! fields whose Go names end in an initialism as the API does (`podIP`,
//! `hostIPs`, `containerID`, `imageID`; serde renames in `objects::pod`).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::{json, Value};

use crate::engine::objects::{Kind, Object};

/// One object as kubectl receives it from the API server.
///
/// apps/v1 StatefulSets carry `apiVersion: v1` and `kind:
/// PersistentVolumeClaim` in each of their `volumeClaimTemplates`: the
/// conversion to the external version sets them
/// (`Convert_apps_StatefulSetSpec_To_v1_StatefulSetSpec`, kubernetes
/// issue 87583), so `kubectl get sts -o yaml` shows them.
pub fn wire_value(obj: &Object) -> Value {
    let mut v = obj.to_value();
    if obj.kind() == Kind::StatefulSet {
        if let Some(Value::Array(templates)) = v.pointer_mut("/spec/volumeClaimTemplates") {
            for t in templates.iter_mut().filter_map(Value::as_object_mut) {
                t.insert("apiVersion".into(), Value::String("v1".into()));
                t.insert("kind".into(), Value::String("PersistentVolumeClaim".into()));
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The Pod status fields named after initialisms come out in the API's
    /// spelling straight from the types (no renaming pass here).
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
        assert_eq!(w, obj.to_value());
        let list = list_value(&[obj]);
        assert_eq!(list["kind"], "List");
        assert_eq!(list["metadata"]["resourceVersion"], "");
    }
}
