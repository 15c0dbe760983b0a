//! An object as the API server writes it (`kubectl get --raw`): compact
//! JSON on one line, the fields in the Go struct's order (encoding/json
//! follows the struct, not the alphabet), Go's HTML-safe escapes.
//!
//! The object types declare their fields in the Go order, so serde walks
//! them in that order; this module keeps it by serialising into an ordered
//! [`Tree`] rather than a `serde_json::Value`, whose maps sort their keys
//! (that is what `-o json` wants: kubectl re-marshals through a map).
//!
//! Where the answer still differs from a real server's: subtrees the types
//! keep verbatim as JSON values come out sorted (the fields a type does not
//! name, kept in `extra` and written after the named ones; untyped fields
//! such as `affinity`, `resources`, `securityContext`, `nodeInfo`), and
//! `managedFields` is absent (Ordinal records no field managers).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use std::fmt;

use serde::ser::{self, Serialize};
use serde_json::Value;

use crate::engine::objects::{Kind, Object};
use crate::manifest::print::{push_json_compact, push_json_string};

/// A JSON document whose objects keep the order their keys came in.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    /// A scalar, or a subtree held as a `Value` (written sorted).
    Leaf(Value),
    Seq(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

impl Tree {
    /// Appends the compact JSON of the tree to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Tree::Leaf(v) => push_json_compact(out, v),
            Tree::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Tree::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// Appends the tree as `json.MarshalIndent(…, "", "    ")` writes it
    /// (the fields in the tree's order), at nesting `level`.
    pub fn write_indented(&self, out: &mut String, level: usize) {
        let nl = |out: &mut String, level: usize| {
            out.push('\n');
            for _ in 0..level {
                out.push_str("    ");
            }
        };
        match self {
            Tree::Leaf(v) => crate::manifest::print::push_json_indented(out, v, level),
            Tree::Seq(items) if items.is_empty() => out.push_str("[]"),
            Tree::Map(entries) if entries.is_empty() => out.push_str("{}"),
            Tree::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    nl(out, level + 1);
                    item.write_indented(out, level + 1);
                }
                nl(out, level);
                out.push(']');
            }
            Tree::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    nl(out, level + 1);
                    push_json_string(out, k);
                    out.push_str(": ");
                    v.write_indented(out, level + 1);
                }
                nl(out, level);
                out.push('}');
            }
        }
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Tree> {
        match self {
            Tree::Map(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Puts `kind` and `apiVersion` first, as the embedded `TypeMeta` does.
    fn with_type_meta(&mut self, kind: &str, api_version: &str) {
        if let Tree::Map(entries) = self {
            entries.retain(|(k, _)| k != "kind" && k != "apiVersion");
            entries.insert(0, ("apiVersion".into(), Tree::Leaf(api_version.into())));
            entries.insert(0, ("kind".into(), Tree::Leaf(kind.into())));
        }
    }
}

/// The tree of any serialisable value, in the order serde visits it.
pub fn to_tree<T: Serialize + ?Sized>(v: &T) -> Result<Tree, Error> {
    v.serialize(TreeSerializer)
}

/// One object as the server answers a GET: `kind` and `apiVersion` first
/// (`with_type`), or without them as a list's items come.
pub fn object_tree(obj: &Object, with_type: bool) -> Tree {
    let kind = obj.kind();
    let mut tree = obj
        .serialize_payload(TreeSerializer)
        // Never expected (the types serialise to JSON); the sorted value
        // beats no answer.
        .unwrap_or_else(|_| Tree::Leaf(obj.to_value()));
    match kind {
        // The conversion to apps/v1 sets TypeMeta on each claim template
        // (see `wire_value`).
        Kind::StatefulSet => {
            let templates = tree
                .get_mut("spec")
                .and_then(|s| s.get_mut("volumeClaimTemplates"));
            if let Some(Tree::Seq(items)) = templates {
                for t in items {
                    t.with_type_meta("PersistentVolumeClaim", "v1");
                }
            }
        }
        // core/v1 EndpointPort is name, port, protocol, appProtocol; the
        // type is shared with discovery/v1, which puts protocol second.
        Kind::Endpoints => {
            if let Some(Tree::Seq(subsets)) = tree.get_mut("subsets") {
                for subset in subsets {
                    if let Some(Tree::Seq(ports)) = subset.get_mut("ports") {
                        for p in ports {
                            if let Tree::Map(entries) = p {
                                let rank = |k: &str| {
                                    ["name", "port", "protocol", "appProtocol"]
                                        .iter()
                                        .position(|x| *x == k)
                                };
                                entries.sort_by_key(|(k, _)| rank(k));
                            }
                        }
                    }
                }
            }
        }
        _ => {}
    }
    if with_type {
        tree.with_type_meta(kind.name(), &kind.api_version());
    }
    tree
}

/// A kept-only object (held as JSON: a Deployment, PodDisruptionBudget or
/// ServiceAccount a generator built) in its Go struct's order, as a client
/// dry run prints the typed object. The parts Ordinal has a type for
/// (metadata, label selectors, Pod templates) go through that type; the
/// others follow the kind's field list below; anything not named there is
/// written after, sorted.
pub fn kept_tree(kind: Kind, v: &Value) -> Tree {
    /// The Go field order of the structs a generator fills.
    fn fields(strukt: &str) -> &'static [&'static str] {
        match strukt {
            "DeploymentSpec" => &[
                "replicas",
                "selector",
                "template",
                "strategy",
                "minReadySeconds",
                "revisionHistoryLimit",
                "paused",
                "progressDeadlineSeconds",
            ],
            "PodDisruptionBudgetSpec" => &[
                "minAvailable",
                "selector",
                "maxUnavailable",
                "unhealthyPodEvictionPolicy",
            ],
            "PodDisruptionBudgetStatus" => &[
                "observedGeneration",
                "disruptedPods",
                "disruptionsAllowed",
                "currentHealthy",
                "desiredHealthy",
                "expectedPods",
                "conditions",
            ],
            "HorizontalPodAutoscalerSpec" => &[
                "scaleTargetRef",
                "minReplicas",
                "maxReplicas",
                "metrics",
                "behavior",
            ],
            "CrossVersionObjectReference" => &["kind", "name", "apiVersion"],
            "MetricSpec" => &[
                "type",
                "object",
                "pods",
                "resource",
                "containerResource",
                "external",
            ],
            "ResourceMetricSource" => &["name", "target"],
            "MetricTarget" => &["type", "value", "averageValue", "averageUtilization"],
            "HorizontalPodAutoscalerStatus" => &[
                "observedGeneration",
                "lastScaleTime",
                "currentReplicas",
                "desiredReplicas",
                "currentMetrics",
                "conditions",
            ],
            _ => &[],
        }
    }
    /// The struct a field of a struct holds (for the nested orders above).
    fn child_struct(strukt: &str, key: &str) -> Option<&'static str> {
        Some(match (strukt, key) {
            ("HorizontalPodAutoscalerSpec", "scaleTargetRef") => "CrossVersionObjectReference",
            ("HorizontalPodAutoscalerSpec", "metrics") => "MetricSpec",
            ("MetricSpec", "resource") => "ResourceMetricSource",
            ("ResourceMetricSource", "target") => "MetricTarget",
            _ => return None,
        })
    }
    fn typed<T: serde::de::DeserializeOwned + Serialize>(v: &Value) -> Tree {
        serde_json::from_value::<T>(v.clone())
            .ok()
            .and_then(|t| to_tree(&t).ok())
            .unwrap_or_else(|| Tree::Leaf(v.clone()))
    }
    fn ordered(strukt: &str, v: &Value) -> Tree {
        let Value::Object(map) = v else {
            return Tree::Leaf(v.clone());
        };
        let order = fields(strukt);
        let rank = |k: &str| order.iter().position(|f| *f == k).unwrap_or(order.len());
        let mut keys: Vec<&String> = map.keys().collect();
        // Stable: keys not in the list keep the map's (sorted) order.
        keys.sort_by_key(|k| rank(k));
        Tree::Map(
            keys.into_iter()
                .map(|k| {
                    let child = &map[k.as_str()];
                    let tree = match (strukt, k.as_str()) {
                        (_, "selector") => typed::<crate::engine::objects::LabelSelector>(child),
                        ("DeploymentSpec", "template") => {
                            typed::<crate::engine::objects::PodTemplateSpec>(child)
                        }
                        _ => match (child_struct(strukt, k), child) {
                            (Some(c), Value::Array(items)) => {
                                Tree::Seq(items.iter().map(|i| ordered(c, i)).collect())
                            }
                            (Some(c), _) => ordered(c, child),
                            (None, _) => Tree::Leaf(child.clone()),
                        },
                    };
                    (k.clone(), tree)
                })
                .collect(),
        )
    }
    let Value::Object(map) = v else {
        return Tree::Leaf(v.clone());
    };
    let mut entries = vec![
        ("kind".to_string(), Tree::Leaf(kind.name().into())),
        (
            "apiVersion".to_string(),
            Tree::Leaf(kind.api_version().into()),
        ),
    ];
    let meta = map
        .get("metadata")
        .map(typed::<crate::engine::objects::ObjectMeta>);
    entries.extend(meta.map(|m| ("metadata".to_string(), m)));
    for (k, child) in map {
        let tree = match (kind, k.as_str()) {
            (_, "kind" | "apiVersion" | "metadata") => continue,
            (Kind::Deployment, "spec") => ordered("DeploymentSpec", child),
            (Kind::PodDisruptionBudget, "spec") => ordered("PodDisruptionBudgetSpec", child),
            (Kind::PodDisruptionBudget, "status") => ordered("PodDisruptionBudgetStatus", child),
            (Kind::HorizontalPodAutoscaler, "spec") => {
                ordered("HorizontalPodAutoscalerSpec", child)
            }
            (Kind::HorizontalPodAutoscaler, "status") => {
                ordered("HorizontalPodAutoscalerStatus", child)
            }
            _ => Tree::Leaf(child.clone()),
        };
        entries.push((k.clone(), tree));
    }
    // Go's order after the metadata: spec before status, the rest after.
    let rank = |k: &str| match k {
        "kind" | "apiVersion" | "metadata" => 0,
        "spec" => 1,
        "status" => 2,
        _ => 3,
    };
    entries.sort_by_key(|(k, _)| rank(k));
    Tree::Map(entries)
}

/// [`object_tree`] written out.
pub fn object_json(obj: &Object, with_type: bool) -> String {
    let mut s = String::new();
    object_tree(obj, with_type).write(&mut s);
    s
}

/// What the tree serializer cannot represent (never reached by the API
/// types: they have no enum variants carrying data).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct TreeSerializer;

fn leaf(v: impl Into<Value>) -> Result<Tree, Error> {
    Ok(Tree::Leaf(v.into()))
}

impl ser::Serializer for TreeSerializer {
    type Ok = Tree;
    type Error = Error;
    type SerializeSeq = SeqSer;
    type SerializeTuple = SeqSer;
    type SerializeTupleStruct = SeqSer;
    type SerializeTupleVariant = ser::Impossible<Tree, Error>;
    type SerializeMap = MapSer;
    type SerializeStruct = MapSer;
    type SerializeStructVariant = ser::Impossible<Tree, Error>;

    fn serialize_bool(self, v: bool) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Tree, Error> {
        leaf(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_char(self, v: char) -> Result<Tree, Error> {
        leaf(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<Tree, Error> {
        leaf(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Tree, Error> {
        Ok(Tree::Seq(
            v.iter().map(|b| Tree::Leaf((*b).into())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Tree, Error> {
        leaf(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Tree, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Tree, Error> {
        leaf(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Tree, Error> {
        leaf(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Tree, Error> {
        leaf(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Tree, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<Tree, Error> {
        Ok(Tree::Map(vec![(variant.to_string(), v.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer, Error> {
        Ok(SeqSer(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqSer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error(format!("tuple variant of {name}")))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapSer, Error> {
        Ok(MapSer {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapSer, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error(format!("struct variant of {name}")))
    }
}

struct SeqSer(Vec<Tree>);

impl ser::SerializeSeq for SeqSer {
    type Ok = Tree;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.0.push(v.serialize(TreeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Tree, Error> {
        Ok(Tree::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqSer {
    type Ok = Tree;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Tree, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSer {
    type Ok = Tree;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Tree, Error> {
        ser::SerializeSeq::end(self)
    }
}

struct MapSer {
    entries: Vec<(String, Tree)>,
    key: Option<String>,
}

impl ser::SerializeMap for MapSer {
    type Ok = Tree;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        // Keys as encoding/json writes them: strings, or numbers as text.
        self.key = Some(match k.serialize(TreeSerializer)? {
            Tree::Leaf(Value::String(s)) => s,
            Tree::Leaf(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
            _ => return Err(Error("map key is not a string".into())),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.entries.push((key, v.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, Error> {
        Ok(Tree::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapSer {
    type Ok = Tree;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.entries
            .push((key.to_string(), v.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, Error> {
        Ok(Tree::Map(self.entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::{ConfigMap, ObjectMeta};
    use std::rc::Rc;

    /// Struct order, not the alphabet; TypeMeta first; Go's escapes.
    #[test]
    fn fields_keep_the_struct_order_and_go_escapes() {
        let mut cm = ConfigMap {
            metadata: ObjectMeta::named("default", "b<c>"),
            ..Default::default()
        };
        cm.data.insert("z".into(), "&".into());
        cm.data.insert("a".into(), "x".into());
        cm.immutable = Some(true);
        let obj = Object::ConfigMap(Rc::new(cm));
        assert_eq!(
            object_json(&obj, true),
            r#"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"b\u003cc\u003e","namespace":"default"},"immutable":true,"data":{"a":"x","z":"\u0026"}}"#
        );
        assert_eq!(
            object_json(&obj, false),
            r#"{"metadata":{"name":"b\u003cc\u003e","namespace":"default"},"immutable":true,"data":{"a":"x","z":"\u0026"}}"#
        );
    }
}
