//! The API objects the simulated cluster stores, typed as Kubernetes types
//! are (field names and JSON shapes as on the wire), plus the `Object` enum
//! that carries any of them where the kind is only known at run time
//! (kubectl, manifests).
//!
//! Fields are declared in the Go struct's order: `kubectl get --raw`
//! writes them in that order (console/printers/go_json.rs), while `-o json`
//! sorts them.
//!
//! Pure data: no yew, web-sys, gloo, js-sys or wasm-bindgen here.

pub mod cluster;
pub mod common;
pub mod kind;
pub mod meta;
pub mod pod;
pub mod policy;
pub mod rcstr;
pub mod scheduling;
pub mod service;
pub mod statefulset;
pub mod storage;
pub mod vecmap;

use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use cluster::{
    ConfigMap, Event, EventSeries, EventSource, GenericObject, Namespace, Node, Secret,
};
pub use common::{IntOrString, ObjectReference, Value};
pub use kind::{Kind, ResourceInfo, RESOURCES};
pub use meta::{Annotations, LabelSelector, Labels, ObjectMeta, OwnerReference, Time};
pub use pod::{Container, Pod, PodSpec, PodTemplateSpec};
pub use rcstr::RcStr;
pub use service::{EndpointSlice, Endpoints, Service};
pub use statefulset::{ControllerRevision, StatefulSet, StatefulSetStatus};
pub use storage::{PersistentVolume, PersistentVolumeClaim, StorageClass};
pub use vecmap::VecMap;

/// A typed API object with its kind known at compile time.
pub trait Resource: Clone + Serialize + DeserializeOwned + PartialEq + 'static {
    const KIND: Kind;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
    fn wrap(rc: Rc<Self>) -> Object;
    fn unwrap(obj: &Object) -> Option<&Rc<Self>>;
}

macro_rules! kinds {
    ($($k:ident),* $(,)?) => {
        /// Any stored object. Cheap to clone (the payload is shared).
        #[derive(Clone, Debug, PartialEq)]
        pub enum Object {
            $($k(Rc<$k>),)*
            /// A kind Ordinal stores but does not run.
            Other(Kind, Rc<GenericObject>),
        }

        $(impl Resource for $k {
            const KIND: Kind = Kind::$k;
            fn meta(&self) -> &ObjectMeta { &self.metadata }
            fn meta_mut(&mut self) -> &mut ObjectMeta { &mut self.metadata }
            fn wrap(rc: Rc<Self>) -> Object { Object::$k(rc) }
            fn unwrap(obj: &Object) -> Option<&Rc<Self>> {
                match obj { Object::$k(o) => Some(o), _ => None }
            }
        })*

        impl Object {
            pub fn kind(&self) -> Kind {
                match self { $(Object::$k(_) => Kind::$k,)* Object::Other(k, _) => *k }
            }
            pub fn meta(&self) -> &ObjectMeta {
                match self { $(Object::$k(o) => &o.metadata,)* Object::Other(_, o) => &o.metadata }
            }
            /// Mutable access (copy-on-write of the shared payload).
            pub fn meta_mut(&mut self) -> &mut ObjectMeta {
                match self { $(Object::$k(o) => &mut Rc::make_mut(o).metadata,)* Object::Other(_, o) => &mut Rc::make_mut(o).metadata }
            }
            /// The object as kubectl receives it: `apiVersion` and `kind` first-class fields.
            pub fn to_value(&self) -> Value {
                let mut v = match self {
                    $(Object::$k(o) => serde_json::to_value(&**o),)*
                    Object::Other(_, o) => serde_json::to_value(&**o),
                }.unwrap_or(Value::Null);
                if let Value::Object(map) = &mut v {
                    map.insert("apiVersion".into(), Value::String(self.kind().api_version()));
                    map.insert("kind".into(), Value::String(self.kind().name().to_string()));
                }
                v
            }
            /// The payload alone (no `apiVersion`, `kind`), walked in its
            /// type's field order: what `kubectl get --raw` needs, where a
            /// `serde_json::Value` would sort the keys.
            pub fn serialize_payload<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Object::$k(o) => o.serialize(s),)*
                    Object::Other(_, o) => o.serialize(s),
                }
            }
            /// Builds a typed object from a (schema-checked) JSON value;
            /// `apiVersion` and `kind` are ignored here (the caller resolved them).
            pub fn from_value(kind: Kind, mut v: Value) -> Result<Object, String> {
                if let Value::Object(map) = &mut v {
                    map.remove("apiVersion");
                    map.remove("kind");
                }
                Ok(match kind {
                    $(Kind::$k => Object::$k(Rc::new(serde_json::from_value(v).map_err(|e| e.to_string())?)),)*
                    other => Object::Other(other, Rc::new(serde_json::from_value(v).map_err(|e| e.to_string())?)),
                })
            }
        }
    };
}

kinds!(
    Pod,
    StatefulSet,
    Service,
    PersistentVolumeClaim,
    PersistentVolume,
    StorageClass,
    EndpointSlice,
    Endpoints,
    ControllerRevision,
    Event,
    Node,
    Namespace,
    ConfigMap,
    Secret,
);

impl Object {
    pub fn name(&self) -> &str {
        &self.meta().name
    }
    pub fn namespace(&self) -> &str {
        &self.meta().namespace
    }
    /// `statefulset.apps/web`, as kubectl names objects in messages.
    pub fn kubectl_name(&self) -> String {
        format!("{}/{}", self.kind().singular_qualified(), self.name())
    }
    pub fn downcast<T: Resource>(&self) -> Option<&Rc<T>> {
        T::unwrap(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_round_trip_keeps_kind_and_unknown_but_valid_fields() {
        let v = serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web-0", "namespace": "default"},
            "spec": {"containers": [{"name": "nginx", "image": "nginx", "workingDir": "/x"}], "hostNetwork": false},
        });
        let o = Object::from_value(Kind::Pod, v).unwrap();
        assert_eq!(o.kind(), Kind::Pod);
        assert_eq!(o.name(), "web-0");
        let back = o.to_value();
        assert_eq!(back["apiVersion"], "v1");
        assert_eq!(back["kind"], "Pod");
        assert_eq!(back["spec"]["containers"][0]["workingDir"], "/x");
        assert_eq!(back["spec"]["hostNetwork"], false);
        assert_eq!(o.kubectl_name(), "pod/web-0");
    }

    #[test]
    fn other_kinds_are_kept_whole() {
        let v = serde_json::json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "zk-pdb"}, "spec": {"maxUnavailable": 1}});
        let o = Object::from_value(Kind::PodDisruptionBudget, v).unwrap();
        assert_eq!(o.to_value()["spec"]["maxUnavailable"], 1);
        assert_eq!(o.kubectl_name(), "poddisruptionbudget.policy/zk-pdb");
    }
}
