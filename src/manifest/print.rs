//! kubectl's `-o yaml` and `-o json` renderings of a JSON value.
//!
//! YAML: kubectl marshals to JSON, reads that back with go-yaml v2 and
//! emits it with go-yaml's libyaml-derived emitter (sigs.k8s.io/yaml). We
//! reproduce the decisions go-yaml makes (key order with its numeric-aware
//! comparison, which strings must be quoted, `|`/`|-`/`|+` for multi-line
//! text) and let libyaml-safer's emitter, a port of the same libyaml code,
//! do the layout (indentless sequences, quoting styles, folding at 80
//! columns). JSON: Go's encoding/json with four-space indentation, sorted
//! keys and HTML-safe escapes.
//!
//! Recursion follows the value's depth, which the readers bound. May not
//! import browser crates.

use std::cmp::Ordering;

use libyaml_safer::{Emitter, Encoding, Event, MappingStyle, ScalarStyle, SequenceStyle};
use serde_json::{Map, Number, Value};

use super::gofmt::{format_float, FloatFormat};
use super::resolve::{is_base60_float, resolve_plain, Resolved};

/// `kubectl get -o yaml` of one object (or of a list made by [`list`]).
pub fn to_yaml(v: &Value) -> String {
    let mut out = Vec::new();
    let ok = {
        let mut e = Emitter::new();
        e.set_output_string(&mut out);
        e.set_unicode(true);
        e.set_width(80);
        e.set_indent(2);
        emit_document(&mut e, v).is_ok()
    };
    let mut s = String::from_utf8(out).unwrap_or_default();
    if !ok {
        // The emitter refused an event sequence we built: never expected;
        // fall back to JSON, which is valid YAML.
        return to_json(v);
    }
    // go-yaml v2 never writes the `...` end marker libyaml 0.2 adds after
    // an open-ended block scalar.
    if let Some(stripped) = s.strip_suffix("...\n") {
        s = stripped.to_string();
    }
    s
}

/// `kubectl get -o json`: four-space indentation, trailing newline.
pub fn to_json(v: &Value) -> String {
    let mut s = String::new();
    write_json(&mut s, v, Some(0));
    s.push('\n');
    s
}

/// Go's `json.Marshal`: compact, sorted keys, HTML-safe escapes.
pub fn to_json_compact(v: &Value) -> String {
    let mut s = String::new();
    write_json(&mut s, v, None);
    s
}

/// [`to_json_compact`] appended to `out` (the `--raw` writer builds one
/// line from many values).
pub fn push_json_compact(out: &mut String, v: &Value) {
    write_json(out, v, None);
}

/// A JSON string as Go's encoding/json writes it, appended to `out`.
pub fn push_json_string(out: &mut String, s: &str) {
    write_json_string(out, s);
}

/// The `v1/List` kubectl prints for several objects.
pub fn list(items: Vec<Value>) -> Value {
    let mut meta = Map::new();
    meta.insert("resourceVersion".into(), Value::String(String::new()));
    let mut m = Map::new();
    m.insert("apiVersion".into(), Value::String("v1".into()));
    m.insert("items".into(), Value::Array(items));
    m.insert("kind".into(), Value::String("List".into()));
    m.insert("metadata".into(), Value::Object(meta));
    Value::Object(m)
}

type EmitResult = Result<(), libyaml_safer::Error>;

fn emit_document(e: &mut Emitter, v: &Value) -> EmitResult {
    e.emit(Event::stream_start(Encoding::Utf8))?;
    e.emit(Event::document_start(None, &[], true))?;
    emit_value(e, v)?;
    e.emit(Event::document_end(true))?;
    e.emit(Event::stream_end())
}

fn emit_value(e: &mut Emitter, v: &Value) -> EmitResult {
    match v {
        Value::Null => scalar(e, "null", ScalarStyle::Plain),
        Value::Bool(b) => scalar(e, if *b { "true" } else { "false" }, ScalarStyle::Plain),
        Value::Number(n) => scalar(e, &yaml_number(n), ScalarStyle::Plain),
        Value::String(s) => emit_string(e, s),
        Value::Array(items) => {
            e.emit(Event::sequence_start(
                None,
                None,
                true,
                SequenceStyle::Block,
            ))?;
            for i in items {
                emit_value(e, i)?;
            }
            e.emit(Event::sequence_end())
        }
        Value::Object(m) => {
            e.emit(Event::mapping_start(None, None, true, MappingStyle::Block))?;
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort_by(&mut keys, |a, b| go_yaml_key_order(a, b));
            for k in keys {
                emit_string(e, k)?;
                emit_value(e, &m[k.as_str()])?;
            }
            e.emit(Event::mapping_end())
        }
    }
}

fn scalar(e: &mut Emitter, s: &str, style: ScalarStyle) -> EmitResult {
    e.emit(Event::scalar(None, None, s, true, true, style))
}

/// go-yaml v2 `stringv`: multi-line text as a literal block, plain when the
/// text would read back as the same string, double quotes otherwise (the
/// emitter may still pick single quotes or double quotes when plain style
/// is not possible).
fn emit_string(e: &mut Emitter, s: &str) -> EmitResult {
    // kubectl's JSON → YAML round trip reads the JSON string as a YAML
    // double-quoted scalar, where a raw NEL is a line break folded to a
    // space.
    let owned;
    let s = if s.contains('\u{85}') {
        owned = s.replace('\u{85}', " ");
        owned.as_str()
    } else {
        s
    };
    let style = if s.contains('\n') {
        ScalarStyle::Literal
    } else if resolve_plain(s) == Resolved::Str && !is_base60_float(s) {
        ScalarStyle::Plain
    } else {
        ScalarStyle::DoubleQuoted
    };
    scalar(e, s, style)
}

/// A number as go-yaml prints what it read from Go's JSON text.
fn yaml_number(n: &Number) -> String {
    let lit = json_number(n);
    match resolve_plain(&lit) {
        Resolved::Int(i) => i.to_string(),
        Resolved::Uint(u) => u.to_string(),
        Resolved::Float(f) => format_float(f, FloatFormat::YamlG),
        _ => lit,
    }
}

fn json_number(n: &Number) -> String {
    // Integers beyond int64 are float64 in unstructured JSON.
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else {
        format_float(n.as_f64().unwrap_or(0.0), FloatFormat::Json)
    }
}

/// go-yaml v2 `keyList.Less` for string keys: runs of digits compare as
/// numbers, letters compare by code point, and a non-letter sorts before a
/// letter.
pub fn go_yaml_key_order(a: &str, b: &str) -> Ordering {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let less = |x: &[char], y: &[char]| -> Option<bool> {
        let mut i = 0;
        while i < x.len() && i < y.len() {
            if x[i] == y[i] {
                i += 1;
                continue;
            }
            let xl = x[i].is_alphabetic();
            let yl = y[i].is_alphabetic();
            if xl && yl {
                return Some(x[i] < y[i]);
            }
            if xl || yl {
                return Some(yl);
            }
            let digit = |c: char| c.is_ascii_digit();
            let (mut xn, mut yn) = (0i128, 0i128);
            if x[i] == '0' || y[i] == '0' {
                let mut j = i;
                while j > 0 && digit(x[j - 1]) {
                    j -= 1;
                    if x[j] != '0' {
                        xn = 1;
                        yn = 1;
                        break;
                    }
                }
            }
            let mut xi = i;
            while xi < x.len() && digit(x[xi]) {
                xn = xn
                    .saturating_mul(10)
                    .saturating_add(i128::from(x[xi] as u8 - b'0'));
                xi += 1;
            }
            let mut yi = i;
            while yi < y.len() && digit(y[yi]) {
                yn = yn
                    .saturating_mul(10)
                    .saturating_add(i128::from(y[yi] as u8 - b'0'));
                yi += 1;
            }
            if xn != yn {
                return Some(xn < yn);
            }
            if xi != yi {
                return Some(xi < yi);
            }
            return Some(x[i] < y[i]);
        }
        None
    };
    match less(&ar, &br) {
        Some(true) => Ordering::Less,
        Some(false) => match less(&br, &ar) {
            Some(true) => Ordering::Greater,
            _ => Ordering::Equal,
        },
        None => ar.len().cmp(&br.len()),
    }
}

/// Go's `json.Indent(dst, src, "", indent)`: the JSON text re-indented as
/// written (strings and their escapes untouched, insignificant space
/// dropped, `{}` and `[]` kept empty), leading space dropped and trailing
/// space kept, as `kubectl apply view-last-applied -o json` prints the
/// annotation.
pub fn go_json_indent(src: &str, indent: &str) -> String {
    let ws: &[char] = &[' ', '\t', '\r', '\n'];
    let src = src.trim_start_matches(ws);
    let body = src.trim_end_matches(ws);
    let tail = &src[body.len()..];
    let mut out = String::with_capacity(src.len() * 2);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(indent);
        }
    };
    let (mut depth, mut need_indent, mut in_str, mut escaped) = (0usize, false, false, false);
    for c in body.chars() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if ws.contains(&c) {
            continue;
        }
        if need_indent && c != '}' && c != ']' {
            need_indent = false;
            depth += 1;
            newline(&mut out, depth);
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '{' | '[' => {
                // Delayed, so an empty object or array stays `{}`, `[]`.
                need_indent = true;
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            '}' | ']' => {
                if need_indent {
                    need_indent = false;
                } else {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push_str(tail);
    out
}

/// `v` as `json.MarshalIndent` writes it at nesting `level` (four spaces
/// a level), appended to `out`.
pub fn push_json_indented(out: &mut String, v: &Value, level: usize) {
    write_json(out, v, Some(level));
}

fn write_json(out: &mut String, v: &Value, indent: Option<usize>) {
    let nl = |out: &mut String, level: usize| {
        out.push('\n');
        for _ in 0..level {
            out.push_str("    ");
        }
    };
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&json_number(n)),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(l) = indent {
                    nl(out, l + 1);
                }
                write_json(out, item, indent.map(|l| l + 1));
            }
            if let Some(l) = indent {
                nl(out, l);
            }
            out.push(']');
        }
        Value::Object(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, val)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(l) = indent {
                    nl(out, l + 1);
                }
                write_json_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_json(out, val, indent.map(|l| l + 1));
            }
            if let Some(l) = indent {
                nl(out, l);
            }
            out.push('}');
        }
    }
}

/// encoding/json string escaping (Go 1.22+: `\b` and `\f` are short).
fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_json_indent_keeps_the_text_and_empty_containers() {
        let src = "{\"a\":{},\"b\":[1, 2],\"c\":\"x, \\\"y\\\": {z}\",\"d\":[]}\n";
        assert_eq!(
            go_json_indent(src, "  "),
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": \"x, \\\"y\\\": {z}\",\n  \"d\": []\n}\n"
        );
        // Go's escapes stay as written.
        assert_eq!(
            go_json_indent(" [\"\\u003c\"]", "\t"),
            "[\n\t\"\\u003c\"\n]"
        );
    }
    use serde_json::json;

    #[test]
    fn deployment_like_kubectl_create_dry_run() {
        // `kubectl create deployment x --image=nginx --dry-run=client -o yaml` (1.33).
        let v = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"creationTimestamp": null, "labels": {"app": "x"}, "name": "x"},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "x"}}, "strategy": {},
                "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "x"}}, "spec": {"containers": [{"image": "nginx", "name": "nginx", "resources": {}}]}}},
            "status": {}});
        let want = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: x\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: x\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n";
        assert_eq!(to_yaml(&v), want);
        assert_eq!(
            to_yaml(&v),
            include_str!("../../tests/fixtures/print/dep.yaml")
        );
        let want_json = "{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\": \"Deployment\",\n    \"metadata\": {\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"x\"\n        },\n        \"name\": \"x\"\n    },\n    \"spec\": {\n        \"replicas\": 1,\n        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"x\"\n            }\n        },\n        \"strategy\": {},\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null,\n                \"labels\": {\n                    \"app\": \"x\"\n                }\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n                        \"image\": \"nginx\",\n                        \"name\": \"nginx\",\n                        \"resources\": {}\n                    }\n                ]\n            }\n        }\n    },\n    \"status\": {}\n}\n";
        assert_eq!(to_json(&v), want_json);
    }

    #[test]
    fn tricky_strings_numbers_and_keys_match_kubectl() {
        // p.json printed by kubectl 1.33 (`label --local -o yaml|json`,
        // which adds the label a=b).
        let mut v: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/print/p.json")).unwrap();
        v["metadata"]["labels"] = json!({"a": "b"});
        let yaml = to_yaml(&v);
        let want = include_str!("../../tests/fixtures/print/p.out.yaml");
        for (i, (got, exp)) in yaml.lines().zip(want.lines()).enumerate() {
            assert_eq!(got, exp, "line {}", i + 1);
        }
        assert_eq!(yaml, want);
        assert_eq!(
            to_json(&v),
            include_str!("../../tests/fixtures/print/p.out.json")
        );
    }

    #[test]
    fn configmap_multiline_like_kubectl() {
        let v = json!({"apiVersion": "v1", "data": {"a": "multi\nline", "b": "it's"}, "kind": "ConfigMap", "metadata": {"creationTimestamp": null, "name": "c"}});
        assert_eq!(to_yaml(&v), "apiVersion: v1\ndata:\n  a: |-\n    multi\n    line\n  b: it's\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n");
    }

    #[test]
    fn list_wrapper() {
        let v = list(vec![
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}),
        ]);
        assert_eq!(to_yaml(&v), "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }

    #[test]
    fn json_escapes_like_go() {
        assert_eq!(
            to_json_compact(&json!({"b": "<&>", "a": "x\u{1}\u{8}\u{2028}é"})),
            "{\"a\":\"x\\u0001\\b\\u2028é\",\"b\":\"\\u003c\\u0026\\u003e\"}"
        );
        assert_eq!(
            to_json(&json!({"n": 1e21, "m": 1e-7, "k": 12345678901234567000.0})),
            "{\n    \"k\": 12345678901234567000,\n    \"m\": 1e-7,\n    \"n\": 1e+21\n}\n"
        );
    }

    #[test]
    fn go_yaml_key_order_is_numeric_aware() {
        let mut keys = vec!["a10", "a2", "A", "_u", "~t", "-d", "aa", "b"];
        keys.sort_by(|a, b| go_yaml_key_order(a, b));
        assert_eq!(keys, ["-d", "_u", "~t", "A", "a2", "a10", "aa", "b"]);
    }
}
