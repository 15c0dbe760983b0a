//! The API server's side of a strategic merge patch after the merge:
//! `runtime.DefaultUnstructuredConverter.FromUnstructured` turns the merged
//! map into the typed object (apimachinery `runtime/converter.go`), with
//! errors of its own, unlike the JSON decoder's: a string where an int32
//! belongs is `unrecognized type: int32`, not `json: cannot unmarshal …`.
//! `applyPatchToObject` (apiserver `endpoints/handlers/patch.go`) reports
//! such an error as `patch: Invalid value: "<the patch as %+v>": <error>`.
//! May not import browser crates.

use serde_json::{Number, Value};

use super::gofmt::{format_float, FloatFormat};
use super::goparse::{parse_quantity, parse_rfc3339, QUANTITY_FORMAT_ERROR};
use super::schema::{schema, Ty, TypeId};

const MAX_DEPTH: usize = 256;

/// The converter's error for `value` as the struct `root`, if any. `None`
/// also where the converter would hand the value to a JSON unmarshaller
/// this does not model (`[]byte`).
pub fn error(value: &Value, root: TypeId) -> Option<String> {
    convert(value, &Ty::Struct(root), 0).err().flatten()
}

/// `reflect.Kind` of what the unstructured map holds (ints are int64 and
/// other numbers float64, as the patch decoder preserves ints).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "invalid",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.as_i64().is_some() => "int64",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "slice",
        Value::Object(_) => "map",
    }
}

fn is_int(n: &Number) -> bool {
    n.as_i64().is_some()
}

fn literal(n: &Number) -> String {
    match n.as_i64() {
        Some(i) => i.to_string(),
        None => format_float(n.as_f64().unwrap_or(0.0), FloatFormat::Json),
    }
}

/// `Err(Some(message))` on a conversion error, `Err(None)` where the
/// outcome is not modelled.
fn convert(v: &Value, ty: &Ty, depth: usize) -> Result<(), Option<String>> {
    // A null leaves the zero value.
    if v.is_null() || depth > MAX_DEPTH {
        return Ok(());
    }
    let unrecognized = |go: &str| Err(Some(format!("unrecognized type: {go}")));
    match ty {
        Ty::Any => Ok(()),
        Ty::Object(_) => match v {
            Value::Object(_) => Ok(()),
            _ => Err(None),
        },
        // Simple kinds: assignable, or convertible within one JSON group
        // (ints to ints and floats, whole floats to ints); an int64 is
        // convertible to a string in Go but not in JSON's groups.
        Ty::Str(_) => match v {
            Value::String(_) => Ok(()),
            Value::Number(n) if is_int(n) => {
                Err(Some("cannot convert int64 to string".to_string()))
            }
            _ => unrecognized("string"),
        },
        Ty::Bool => match v {
            Value::Bool(_) => Ok(()),
            _ => unrecognized("bool"),
        },
        Ty::Int32 | Ty::Int64 => {
            let go = if *ty == Ty::Int32 { "int32" } else { "int64" };
            match v {
                Value::Number(n) if is_int(n) => Ok(()),
                Value::Number(n) if n.as_f64().is_some_and(|f| f == f.trunc()) => Ok(()),
                Value::Number(_) => Err(Some(format!("cannot convert float64 to {go}"))),
                _ => unrecognized(go),
            }
        }
        Ty::Float64 => match v {
            Value::Number(_) => Ok(()),
            _ => unrecognized("float64"),
        },
        // Types with their own UnmarshalJSON get the value re-encoded as
        // JSON (structured-merge-diff `FromUnstructured`).
        Ty::IntStr => match v {
            Value::String(_) => Ok(()),
            // A whole float is re-encoded without its fraction.
            Value::Number(n)
                if n.as_f64().is_some_and(|f| {
                    f == f.trunc() && (-2_147_483_648.0..=2_147_483_647.0).contains(&f)
                }) =>
            {
                Ok(())
            }
            Value::Number(n) => Err(Some(format!(
                "json: cannot unmarshal number {} into Go value of type int32",
                literal(n)
            ))),
            other => Err(Some(format!(
                "json: cannot unmarshal {} into Go value of type int32",
                super::check::json_kind_word(other)
            ))),
        },
        Ty::Quantity => {
            let r = match v {
                Value::String(s) => parse_quantity(s),
                Value::Number(n) => parse_quantity(&literal(n)),
                _ => Err(QUANTITY_FORMAT_ERROR),
            };
            r.map(|_| ()).map_err(|e| Some(e.to_string()))
        }
        Ty::Time => match v {
            Value::String(s) => parse_rfc3339(s).map(|_| ()).map_err(Some),
            other => Err(Some(format!(
                "json: cannot unmarshal {} into Go value of type string",
                super::check::json_kind_word(other)
            ))),
        },
        Ty::Bytes => match v {
            Value::String(_) => Err(None),
            other => Err(Some(format!("cannot restore slice from {}", kind(other)))),
        },
        Ty::List(item) => match v {
            Value::Array(items) => items.iter().try_for_each(|x| convert(x, item, depth + 1)),
            other => Err(Some(format!("cannot restore slice from {}", kind(other)))),
        },
        Ty::Map(item, _) => match v {
            Value::Object(m) => m.values().try_for_each(|x| convert(x, item, depth + 1)),
            other => Err(Some(format!("cannot restore map from {}", kind(other)))),
        },
        Ty::Struct(id) => match v {
            // Fields in declaration order, as `structFromUnstructured`
            // walks them.
            Value::Object(m) => schema()
                .type_def(*id)
                .fields
                .iter()
                .filter_map(|f| m.get(f.name).map(|x| (x, &f.ty)))
                .try_for_each(|(x, t)| convert(x, t, depth + 1)),
            other => Err(Some(format!("cannot restore struct from: {}", kind(other)))),
        },
    }
}

/// A decoded JSON value as Go's `%+v` prints a `map[string]interface{}`
/// and what it holds: keys sorted, strings bare, `<nil>` for null.
pub fn go_value(v: &Value) -> String {
    let mut out = String::new();
    write_go(v, &mut out, 0);
    out
}

fn write_go(v: &Value, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push_str(&i.to_string()),
            None => out.push_str(&format_float(n.as_f64().unwrap_or(0.0), FloatFormat::YamlG)),
        },
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_go(x, out, depth + 1);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push_str("map[");
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                write_go(&m[k.as_str()], out, depth + 1);
            }
            out.push(']');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Kind;
    use serde_json::json;

    fn sts(v: Value) -> Option<String> {
        error(&v, schema().root(Kind::StatefulSet))
    }

    #[test]
    fn converter_errors_like_apimachinery() {
        let e = |spec: Value| sts(json!({"spec": spec}));
        assert_eq!(
            e(json!({"replicas": "<new-replicas>"})).as_deref(),
            Some("unrecognized type: int32")
        );
        assert_eq!(e(json!({"replicas": 3})), None);
        assert_eq!(e(json!({"replicas": 3.0})), None);
        assert_eq!(
            e(json!({"replicas": 1.5})).as_deref(),
            Some("cannot convert float64 to int32")
        );
        assert_eq!(
            e(json!({"serviceName": 5})).as_deref(),
            Some("cannot convert int64 to string")
        );
        assert_eq!(
            e(json!({"serviceName": true})).as_deref(),
            Some("unrecognized type: string")
        );
        assert_eq!(
            e(json!({"updateStrategy": "OnDelete"})).as_deref(),
            Some("cannot restore struct from: string")
        );
        assert_eq!(
            e(json!({"volumeClaimTemplates": {"name": "www"}})).as_deref(),
            Some("cannot restore slice from map")
        );
        assert_eq!(
            e(json!({"updateStrategy": {"rollingUpdate": {"maxUnavailable": true}}})).as_deref(),
            Some("json: cannot unmarshal bool into Go value of type int32")
        );
        assert_eq!(e(json!({"replicas": null})), None);
    }

    #[test]
    fn patches_print_as_go_maps() {
        let p = json!({"spec": {"replicas": "<new-replicas>", "b": [1, 1.5, null, true], "a": {}}});
        assert_eq!(
            go_value(&p),
            "map[spec:map[a:map[] b:[1 1.5 <nil> true] replicas:<new-replicas>]]"
        );
    }
}
