//! How field errors name fields and print bad values, as apimachinery's
//! `field.Path` and `field.Error.ErrorBody` do in 1.35: plain strings with
//! Go's `%q`, int64/int32/bool with `%v`, and everything else (typedef
//! strings such as `core.Protocol`, maps, structs, lists) through Go's
//! `encoding/json` — which escapes `<`, `>` and `&` and keeps struct fields
//! in declaration order, so composite values are built with [`J`].
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use crate::engine::apiserver::errors::{FieldError, FieldErrorType};
use crate::engine::objects::{IntOrString, Value};

/// A field path (`spec.template.spec.containers[0].ports[1].name`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    pub fn new(root: &str) -> Path {
        Path(root.to_string())
    }
    // Built by hand, not with `format!`: validation names every field it
    // looks at, on every write, and the formatting machinery was a tenth of
    // the engine's work.
    pub fn child(&self, name: &str) -> Path {
        if self.0.is_empty() {
            Path(name.to_string())
        } else {
            self.joined(".", name, "")
        }
    }
    pub fn index(&self, i: usize) -> Path {
        let mut digits = [0u8; 20];
        let mut n = i;
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.joined("[", std::str::from_utf8(&digits[at..]).unwrap_or("0"), "]")
    }
    /// A map key subscript: Go prints it bare (`spec.resources[storage]`).
    pub fn key(&self, k: &str) -> Path {
        self.joined("[", k, "]")
    }
    fn joined(&self, open: &str, part: &str, close: &str) -> Path {
        let mut s = String::with_capacity(self.0.len() + open.len() + part.len() + close.len());
        s.push_str(&self.0);
        s.push_str(open);
        s.push_str(part);
        s.push_str(close);
        Path(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Go's `strconv.Quote` (what `%q` prints for a plain `string` value).
pub fn q(s: &str) -> String {
    crate::engine::apiserver::go_quote(s)
}

/// Go's `encoding/json` string encoding (HTML-safe, as `json.Marshal` does).
pub fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON document with ordered object fields (Go structs keep their field
/// order; Go maps are sorted, which `from_value` gets for free because
/// serde_json's map is ordered by key).
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Num(i64),
    Str(String),
    /// Pre-rendered JSON (a number with a fraction, a quantity string …).
    Raw(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    pub fn obj(fields: Vec<(&str, J)>) -> J {
        J::Obj(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }
    pub fn str(s: &str) -> J {
        J::Str(s.to_string())
    }
    pub fn opt_str(s: Option<&str>) -> J {
        s.map_or(J::Null, J::str)
    }
    pub fn strs(items: &[String]) -> J {
        J::Arr(items.iter().map(|s| J::Str(s.clone())).collect())
    }
    /// A `map[string]string` (nil when absent).
    pub fn map(m: &crate::engine::objects::Labels) -> J {
        J::Obj(
            m.iter()
                .map(|(k, v)| (k.to_string(), J::Str(v.to_string())))
                .collect(),
        )
    }
    pub fn int_or_string(v: &IntOrString) -> J {
        match v {
            IntOrString::Int(n) => J::Num(*n),
            IntOrString::Str(s) => J::Str(s.clone()),
        }
    }
    pub fn from_value(v: &Value) -> J {
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => J::Num(i),
                None => J::Raw(n.to_string()),
            },
            Value::String(s) => J::Str(s.clone()),
            Value::Array(a) => J::Arr(a.iter().map(J::from_value).collect()),
            Value::Object(m) => J::Obj(
                m.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
        }
    }
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(&n.to_string()),
            J::Str(s) => out.push_str(&js(s)),
            J::Raw(s) => out.push_str(s),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&js(k));
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

pub fn invalid(path: &Path, bad: String, detail: &str) -> FieldError {
    FieldError::new(FieldErrorType::Invalid, path.as_str(), Some(bad), detail)
}

pub fn required(path: &Path, detail: &str) -> FieldError {
    FieldError::new(FieldErrorType::Required, path.as_str(), None, detail)
}

pub fn forbidden(path: &Path, detail: &str) -> FieldError {
    FieldError::new(FieldErrorType::Forbidden, path.as_str(), None, detail)
}

pub fn duplicate(path: &Path, bad: String) -> FieldError {
    FieldError::new(FieldErrorType::Duplicate, path.as_str(), Some(bad), "")
}

pub fn not_found(path: &Path, bad: String) -> FieldError {
    FieldError::new(FieldErrorType::NotFound, path.as_str(), Some(bad), "")
}

/// `field.NotSupported`: the supported values are `strconv.Quote`d.
pub fn not_supported(path: &Path, bad: String, supported: &[&str]) -> FieldError {
    let detail = if supported.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = supported.iter().map(|s| q(s)).collect();
        format!("supported values: {}", list.join(", "))
    };
    FieldError::new(
        FieldErrorType::NotSupported,
        path.as_str(),
        Some(bad),
        detail,
    )
}

/// `field.TooLong` as 1.35 words it (the value is never printed).
pub fn too_long(path: &Path, max: usize) -> FieldError {
    let unit = if max == 1 { "byte" } else { "bytes" };
    FieldError::new(
        FieldErrorType::TooLong,
        path.as_str(),
        None,
        format!("may not be more than {max} {unit}"),
    )
}

pub fn internal(path: &Path, detail: &str) -> FieldError {
    FieldError::new(FieldErrorType::Internal, path.as_str(), None, detail)
}

/// Appends one `Invalid` error per message (the `for _, msg := range …`
/// pattern used all over upstream validation).
pub fn invalid_each(errs: &mut Vec<FieldError>, path: &Path, bad: &str, msgs: Vec<String>) {
    for m in msgs {
        errs.push(invalid(path, q(bad), &m));
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn paths_name_fields_indexes_and_keys_as_field_path_does() {
        let p = super::Path::new("spec")
            .child("containers")
            .index(0)
            .child("ports")
            .index(12);
        assert_eq!(p.as_str(), "spec.containers[0].ports[12]");
        assert_eq!(super::Path::new("").child("metadata").as_str(), "metadata");
        assert_eq!(
            super::Path::new("spec")
                .child("resources")
                .key("storage")
                .as_str(),
            "spec.resources[storage]"
        );
        assert_eq!(super::Path::new("x").index(1234567).as_str(), "x[1234567]");
    }
    use super::*;

    #[test]
    fn quoting_follows_go() {
        assert_eq!(q("a\"b\\c\u{7}"), "\"a\\\"b\\\\c\\a\"");
        assert_eq!(js("<a&b>"), "\"\\u003ca\\u0026b\\u003e\"");
        assert_eq!(
            Path::new("spec").child("resources").key("storage").as_str(),
            "spec.resources[storage]"
        );
        let j = J::obj(vec![("Type", J::str("Foo")), ("RollingUpdate", J::Null)]);
        assert_eq!(j.render(), "{\"Type\":\"Foo\",\"RollingUpdate\":null}");
        assert_eq!(
            too_long(&Path::new("metadata.annotations"), 262144).to_string(),
            "metadata.annotations: Too long: may not be more than 262144 bytes"
        );
    }
}
