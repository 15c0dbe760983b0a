//! Checks a JSON value against the schema the way the API server's strict
//! decoder (sigs.k8s.io/json with unknown-field detection) decodes it:
//! the first hard error (from a custom unmarshaller: Quantity, Time,
//! IntOrString) stops decoding; otherwise the first type mismatch is the
//! error; only when there is none are unknown fields reported, all of them.
//! Type errors name the Go struct and the field path without indices
//! (`Go struct field EnvVar.spec.template.spec.containers.env.value`);
//! unknown fields carry indices (`spec.template.spec.containers[0].imagee`).
//!
//! Keys are visited in sorted order, the order of the JSON kubectl sends.
//! May not import browser crates.

use serde_json::{Number, Value};

use super::gofmt::{format_float, FloatFormat};
use super::goparse::{check_base64, parse_quantity, parse_rfc3339, QUANTITY_FORMAT_ERROR};
use super::positions::{render_path, Segment};
use super::schema::{schema, Schema, Ty, TypeId};
use crate::sort::CollectMap;

/// One problem and the field it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub message: String,
    pub path: Vec<Segment>,
    /// Point at the key (unknown fields) rather than the value.
    pub at_key: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The decoding error, if any; it wins over unknown fields.
    pub error: Option<Finding>,
    pub unknown: Vec<Finding>,
}

impl Outcome {
    pub fn is_ok(&self) -> bool {
        self.error.is_none() && self.unknown.is_empty()
    }

    /// The error text after `… cannot be handled as a Kind: `, if any.
    pub fn message(&self) -> Option<String> {
        if let Some(e) = &self.error {
            return Some(e.message.clone());
        }
        if self.unknown.is_empty() {
            return None;
        }
        Some(format!(
            "strict decoding error: {}",
            self.unknown
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// Decodes `value` as the struct `root`. With `strict`, unknown fields are
/// collected; without, they are ignored (kubectl's own metadata decoding).
pub fn check(value: &Value, root: TypeId, strict: bool) -> Outcome {
    let s = schema();
    let mut c = Checker {
        s,
        strict,
        go_path: Vec::new(),
        path: Vec::new(),
        soft: None,
        hard: None,
        unknown: Vec::new(),
    };
    c.value(value, &Ty::Struct(root), s.type_def(root).go_name, 0);
    Outcome {
        error: c.hard.or(c.soft),
        unknown: c.unknown,
    }
}

const MAX_DEPTH: usize = 256;

/// What Go's decoder makes of `null`s: a null field keeps the field's zero
/// value (as if absent), a null list item becomes the item type's zero
/// value. The typed objects are built from the result.
pub fn without_nulls(v: &Value, ty: &Ty, depth: usize) -> Value {
    let s = schema();
    match v {
        Value::Object(m) if depth < MAX_DEPTH => {
            let child = |k: &str| -> Ty {
                match ty {
                    Ty::Struct(id) => s.field(*id, k).map_or(Ty::Any, |f| f.ty.clone()),
                    Ty::Map(item, _) => (**item).clone(),
                    _ => Ty::Any,
                }
            };
            let keep_nulls = matches!(ty, Ty::Any | Ty::Object(_));
            Value::Object(
                m.iter()
                    .filter(|(_, x)| keep_nulls || !x.is_null())
                    .map(|(k, x)| (k.clone(), without_nulls(x, &child(k), depth + 1)))
                    .collect_object(),
            )
        }
        Value::Array(items) if depth < MAX_DEPTH => {
            let item = match ty {
                Ty::List(t) => (**t).clone(),
                _ => Ty::Any,
            };
            Value::Array(
                items
                    .iter()
                    .map(|x| {
                        if x.is_null() {
                            zero(&item)
                        } else {
                            without_nulls(x, &item, depth + 1)
                        }
                    })
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

/// What the API server keeps of an object when it drops unknown fields
/// (`fieldValidation=Ignore` or `Warn`): every field the type has, none
/// it does not, at every depth.
pub fn without_unknown(v: &Value, ty: &Ty, depth: usize) -> Value {
    let s = schema();
    match (v, ty) {
        (Value::Object(m), Ty::Struct(id)) if depth < MAX_DEPTH => Value::Object(
            m.iter()
                .filter_map(|(k, x)| {
                    s.field(*id, k)
                        .map(|f| (k.clone(), without_unknown(x, &f.ty, depth + 1)))
                })
                .collect_object(),
        ),
        (Value::Object(m), Ty::Map(item, _)) if depth < MAX_DEPTH => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), without_unknown(x, item, depth + 1)))
                .collect_object(),
        ),
        (Value::Array(items), Ty::List(item)) if depth < MAX_DEPTH => Value::Array(
            items
                .iter()
                .map(|x| without_unknown(x, item, depth + 1))
                .collect(),
        ),
        (other, _) => other.clone(),
    }
}

fn zero(ty: &Ty) -> Value {
    match ty {
        Ty::Str(_) | Ty::Bytes => Value::String(String::new()),
        Ty::Int32 | Ty::Int64 | Ty::Float64 => Value::from(0),
        Ty::Bool => Value::Bool(false),
        Ty::Struct(_) => Value::Object(serde_json::Map::new()),
        _ => Value::Null,
    }
}

struct Checker {
    s: &'static Schema,
    strict: bool,
    go_path: Vec<&'static str>,
    path: Vec<Segment>,
    soft: Option<Finding>,
    hard: Option<Finding>,
    unknown: Vec<Finding>,
}

/// How encoding/json names a JSON value's type in its errors.
pub(crate) fn json_kind_word(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A number as Go's JSON encoder wrote it.
fn number_literal(n: &Number) -> String {
    // Integers beyond int64 travel as float64 in unstructured JSON.
    match n.as_i64() {
        Some(i) => i.to_string(),
        None => format_float(n.as_f64().unwrap_or(0.0), FloatFormat::Json),
    }
}

fn fits(n: &Number, lo: i64, hi: i64) -> bool {
    n.as_i64().is_some_and(|i| (lo..=hi).contains(&i))
}

impl Checker {
    fn done(&self) -> bool {
        self.hard.is_some()
    }

    fn unmarshal_error(&self, what: &str, ty: &Ty, owner: &str) -> String {
        let go = self.s.go_type(ty);
        if self.go_path.is_empty() {
            format!("json: cannot unmarshal {what} into Go value of type {go}")
        } else {
            format!(
                "json: cannot unmarshal {what} into Go struct field {owner}.{} of type {go}",
                self.go_path.join(".")
            )
        }
    }

    fn soft(&mut self, message: String) {
        if self.soft.is_none() {
            self.soft = Some(Finding {
                message,
                path: self.path.clone(),
                at_key: false,
            });
        }
    }

    fn hard(&mut self, message: String) {
        if self.hard.is_none() {
            self.hard = Some(Finding {
                message,
                path: self.path.clone(),
                at_key: false,
            });
        }
    }

    fn value(&mut self, v: &Value, ty: &Ty, owner: &'static str, depth: usize) {
        if self.done() || v.is_null() || depth > MAX_DEPTH {
            return;
        }
        match ty {
            Ty::Any => {}
            Ty::Object(_) => {
                if !v.is_object() {
                    self.soft(self.unmarshal_error(json_kind_word(v), ty, owner));
                }
            }
            Ty::Str(_) => {
                if !v.is_string() {
                    self.soft(self.unmarshal_error(json_kind_word(v), ty, owner));
                }
            }
            Ty::Bool => {
                if !v.is_boolean() {
                    self.soft(self.unmarshal_error(json_kind_word(v), ty, owner));
                }
            }
            Ty::Int32 | Ty::Int64 | Ty::Float64 => match v {
                Value::Number(n) => {
                    let ok = match ty {
                        Ty::Int32 => fits(n, i32::MIN.into(), i32::MAX.into()),
                        Ty::Int64 => n.as_i64().is_some(),
                        _ => true,
                    };
                    if !ok {
                        self.soft(self.unmarshal_error(
                            &format!("number {}", number_literal(n)),
                            ty,
                            owner,
                        ));
                    }
                }
                other => self.soft(self.unmarshal_error(json_kind_word(other), ty, owner)),
            },
            Ty::IntStr => match v {
                Value::String(_) => {}
                Value::Number(n) if fits(n, i32::MIN.into(), i32::MAX.into()) => {}
                // IntOrString's own unmarshaller fails: decoding stops.
                Value::Number(n) => self.hard(self.unmarshal_error(
                    &format!("number {}", number_literal(n)),
                    &Ty::Int32,
                    owner,
                )),
                other => self.hard(self.unmarshal_error(json_kind_word(other), &Ty::Int32, owner)),
            },
            Ty::Quantity => {
                let r = match v {
                    Value::String(s) => parse_quantity(s),
                    Value::Number(n) => parse_quantity(&number_literal(n)),
                    _ => Err(QUANTITY_FORMAT_ERROR),
                };
                if let Err(e) = r {
                    self.hard(e.to_string());
                }
            }
            Ty::Time => match v {
                Value::String(s) => {
                    if let Err(e) = parse_rfc3339(s) {
                        self.hard(e);
                    }
                }
                other => {
                    self.hard(self.unmarshal_error(json_kind_word(other), &Ty::Str(None), owner))
                }
            },
            Ty::Bytes => match v {
                Value::String(s) => {
                    if let Err(e) = check_base64(s) {
                        if self.soft.is_none() {
                            self.soft = Some(Finding {
                                message: e,
                                path: self.path.clone(),
                                at_key: false,
                            });
                        }
                    }
                }
                other => self.soft(self.unmarshal_error(json_kind_word(other), ty, owner)),
            },
            Ty::List(item) => match v {
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.path.push(Segment::Index(i));
                        self.value(x, item, owner, depth + 1);
                        self.path.pop();
                        if self.done() {
                            return;
                        }
                    }
                }
                other => self.soft(self.unmarshal_error(json_kind_word(other), ty, owner)),
            },
            Ty::Map(item, _) => match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        self.path.push(Segment::Key(k.clone()));
                        self.value(x, item, owner, depth + 1);
                        self.path.pop();
                        if self.done() {
                            return;
                        }
                    }
                }
                other => self.soft(self.unmarshal_error(json_kind_word(other), ty, owner)),
            },
            Ty::Struct(id) => match v {
                Value::Object(m) => {
                    let def = self.s.type_def(*id);
                    for (k, x) in m {
                        self.path.push(Segment::Key(k.clone()));
                        match def.fields.iter().find(|f| f.name == k) {
                            Some(f) => {
                                self.go_path.push(f.name);
                                self.value(x, &f.ty, def.go_name, depth + 1);
                                self.go_path.pop();
                            }
                            None if self.strict => {
                                self.unknown.push(Finding {
                                    message: format!(
                                        "unknown field \"{}\"",
                                        render_path(&self.path)
                                    ),
                                    path: self.path.clone(),
                                    at_key: true,
                                });
                            }
                            None => {}
                        }
                        self.path.pop();
                        if self.done() {
                            return;
                        }
                    }
                }
                other => self.soft(self.unmarshal_error(json_kind_word(other), ty, owner)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Kind;
    use serde_json::json;

    fn sts(v: Value) -> Outcome {
        check(&v, schema().root(Kind::StatefulSet), true)
    }

    #[test]
    fn unknown_fields_with_indices_comma_separated() {
        let o = sts(
            json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"}, "spec": {"replicas": 3, "replica": 2, "template": {"spec": {"containers": [{"name": "a"}, {"name": "b", "imagee": "nginx"}]}}}}),
        );
        assert_eq!(o.message().unwrap(), "strict decoding error: unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[1].imagee\"");
        assert_eq!(
            o.unknown[1].path,
            crate::manifest::positions::parse_path("spec.template.spec.containers[1].imagee")
        );
    }

    #[test]
    fn type_errors_like_go() {
        let o = sts(json!({"spec": {"replicas": "3"}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32");
        let o = sts(
            json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "env": [{"name": "X", "value": true}]}]}}}}),
        );
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string");
        let o = sts(json!({"spec": {"replicas": 1.5}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal number 1.5 into Go struct field StatefulSetSpec.spec.replicas of type int32");
        let o = sts(json!({"metadata": {"labels": {"app": 1}}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
        let o = sts(json!({"spec": {"template": {"spec": {"containers": {"name": "a"}}}}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container");
        // A type error wins over unknown fields.
        let o = sts(json!({"spec": {"bogus": 1, "replicas": "x"}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32");
        // Inlined Go structs: the outer struct is named.
        let o = sts(
            json!({"spec": {"template": {"spec": {"volumes": [{"name": "v", "emptyDir": "x"}]}}}}),
        );
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal string into Go struct field Volume.spec.template.spec.volumes.emptyDir of type v1.EmptyDirVolumeSource");
    }

    #[test]
    fn custom_unmarshallers_stop_decoding() {
        let o = sts(
            json!({"spec": {"replicas": "x", "volumeClaimTemplates": [{"spec": {"resources": {"requests": {"storage": "1Gb"}}}}]}}),
        );
        assert_eq!(o.message().unwrap(), QUANTITY_FORMAT_ERROR);
        let o =
            sts(json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxUnavailable": true}}}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal bool into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32");
        let o = sts(json!({"metadata": {"creationTimestamp": 5}}));
        assert_eq!(o.message().unwrap(), "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string");
        assert!(sts(json!({"metadata": {"creationTimestamp": null}, "spec": {"volumeClaimTemplates": [{"spec": {"resources": {"requests": {"storage": 1}}}}]}})).is_ok());
    }

    #[test]
    fn secrets_base64_and_int_or_string() {
        let o = check(
            &json!({"data": {"a": "not base64!"}}),
            schema().root(Kind::Secret),
            true,
        );
        assert_eq!(o.message().unwrap(), "illegal base64 data at input byte 3");
        let o = check(
            &json!({"spec": {"ports": [{"port": 80, "targetPort": "http"}, {"port": 81, "targetPort": 8080}]}}),
            schema().root(Kind::Service),
            true,
        );
        assert!(o.is_ok());
        let o = check(
            &json!({"metadata": {"name": "x", "bogus": 1}}),
            schema().by_name("metadataOnlyObject").unwrap(),
            false,
        );
        assert!(o.is_ok());
    }
}
