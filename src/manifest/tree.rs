//! The positioned document tree both readers (YAML and JSON) produce, and
//! its conversion to the JSON value kubectl would send, following
//! sigs.k8s.io/yaml: map keys become strings (`1` → `"1"`, `yes` → `"true"`),
//! integral floats become integers, NaN and infinities are errors.
//!
//! Recursion here is bounded by the readers' nesting limit. May not import
//! browser crates.

use serde_json::{Map, Number, Value};

use super::positions::{FieldPos, Pos, Positions, Segment};

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value starts (its anchor or tag, if it has one).
    pub pos: Pos,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<MapEntry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapEntry {
    /// The key as JSON will spell it.
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Node {
    pub fn new(pos: Pos, kind: NodeKind) -> Node {
        Node { pos, kind }
    }

    /// Number of nodes in this subtree, keys included (go-yaml counts a
    /// decode per key and per value; the alias budget uses this).
    pub fn size(&self) -> u64 {
        match &self.kind {
            NodeKind::Seq(items) => 1 + items.iter().map(Node::size).sum::<u64>(),
            NodeKind::Map(entries) => 1 + entries.iter().map(|e| 1 + e.value.size()).sum::<u64>(),
            _ => 1,
        }
    }
}

/// A value JSON cannot carry (`json: unsupported value: +Inf`).
#[derive(Clone, Debug, PartialEq)]
pub struct ConvertError {
    pub message: String,
    pub pos: Pos,
}

/// The JSON value of a tree, as kubectl's YAML-to-JSON step produces it.
pub fn to_value(node: &Node) -> Result<Value, ConvertError> {
    Ok(match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Int(i) => Value::from(*i),
        NodeKind::Uint(u) => float_value(*u as f64),
        NodeKind::Float(f) => {
            if f.is_nan() || f.is_infinite() {
                let s = if f.is_nan() {
                    "NaN"
                } else if *f > 0.0 {
                    "+Inf"
                } else {
                    "-Inf"
                };
                return Err(ConvertError {
                    message: format!("json: unsupported value: {s}"),
                    pos: node.pos,
                });
            }
            float_value(*f)
        }
        NodeKind::Str(s) => Value::String(s.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_value).collect::<Result<_, _>>()?),
        NodeKind::Map(entries) => {
            let mut m = Map::new();
            for e in entries {
                m.insert(e.key.clone(), to_value(&e.value)?);
            }
            Value::Object(m)
        }
    })
}

/// Go marshals a float64 without a fraction as an integer literal, and the
/// reader on the other side (unstructured JSON, the typed decoder) takes it
/// as an integer: `replicas: 3.0` is `3`.
pub fn float_value(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return Value::from(f as i64);
    }
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// The position of every field of the tree, keyed by field path.
pub fn positions(root: &Node) -> Positions {
    let mut out = Positions::new();
    let mut path = Vec::new();
    out.insert(
        Vec::new(),
        FieldPos {
            key: root.pos,
            value: root.pos,
        },
    );
    walk(root, &mut path, &mut out);
    out
}

fn walk(node: &Node, path: &mut Vec<Segment>, out: &mut Positions) {
    match &node.kind {
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                out.insert(
                    path.clone(),
                    FieldPos {
                        key: item.pos,
                        value: item.pos,
                    },
                );
                walk(item, path, out);
                path.pop();
            }
        }
        NodeKind::Map(entries) => {
            for e in entries {
                path.push(Segment::Key(e.key.clone()));
                out.insert(
                    path.clone(),
                    FieldPos {
                        key: e.key_pos,
                        value: e.value.pos,
                    },
                );
                walk(&e.value, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(kind: NodeKind) -> Node {
        Node::new(Pos::new(1, 1), kind)
    }

    #[test]
    fn floats_follow_go_json() {
        assert_eq!(
            to_value(&n(NodeKind::Float(3.0))).unwrap(),
            serde_json::json!(3)
        );
        assert_eq!(
            to_value(&n(NodeKind::Float(1.5))).unwrap(),
            serde_json::json!(1.5)
        );
        assert!(to_value(&n(NodeKind::Float(1e20))).unwrap().is_f64());
        let e = to_value(&n(NodeKind::Float(f64::INFINITY))).unwrap_err();
        assert_eq!(e.message, "json: unsupported value: +Inf");
        assert_eq!(
            to_value(&n(NodeKind::Float(f64::NAN))).unwrap_err().message,
            "json: unsupported value: NaN"
        );
    }

    #[test]
    fn positions_of_keys_and_items() {
        let tree = Node::new(
            Pos::new(1, 1),
            NodeKind::Map(vec![MapEntry {
                key: "items".into(),
                key_pos: Pos::new(1, 1),
                value: Node::new(
                    Pos::new(2, 1),
                    NodeKind::Seq(vec![Node::new(Pos::new(2, 3), NodeKind::Str("a".into()))]),
                ),
            }]),
        );
        let p = positions(&tree);
        assert_eq!(p.get("items").unwrap().value, Pos::new(2, 1));
        assert_eq!(p.get("items[0]").unwrap().value, Pos::new(2, 3));
        assert_eq!(tree.size(), 4);
    }
}
