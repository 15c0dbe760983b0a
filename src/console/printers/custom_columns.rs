//! `-o custom-columns=NAME:.metadata.name,IP:.status.podIP`: each column a
//! relaxed JSONPath (`metadata.name`, `.metadata.name` and `{.metadata.name}`
//! all work), values printed as Go's `fmt.Sprint` prints them, several
//! values comma-joined, `<none>` when there are none; aligned with the
//! `kubectl get` tab writer.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use super::jsonpath::{compile, Template};
use super::tabwriter::TabWriter;
use super::{error_text, gofmt, wire_value, Output, Stream};
use crate::engine::objects::Object;

/// One parsed column.
struct ColumnSpec {
    header: String,
    template: Template,
}

/// `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}`, `{.a.b}` → `{.a.b}`.
pub fn relaxed_jsonpath(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let bad = || {
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
            .to_string()
    };
    // The optional leading dot only goes when something follows it.
    let undot = |s: &'_ str| match s.strip_prefix('.') {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s.to_string(),
    };
    let inner = match expr.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
        Some(braced) => undot(braced),
        None => undot(expr),
    };
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err(bad());
    }
    Ok(format!("{{.{inner}}}"))
}

fn parse_spec(spec: &str) -> Result<Vec<ColumnSpec>, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".into());
    }
    let mut columns = Vec::new();
    for part in spec.split(',') {
        let Some((header, path)) = part.split_once(':') else {
            return Err(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            ));
        };
        let template = compile(&relaxed_jsonpath(path)?)?;
        columns.push(ColumnSpec {
            header: header.to_string(),
            template,
        });
    }
    Ok(columns)
}

/// The custom-columns output for these objects (a header line unless
/// `no_headers`, then one row per object). A bad spec is an error on stderr
/// with nothing on stdout; an evaluation error stops after the rows already
/// printed, as kubectl's printer does.
pub fn custom_columns(spec: &str, objects: &[Object], no_headers: bool) -> Output {
    let mut out = Output::default();
    let columns = match parse_spec(spec) {
        Ok(c) => c,
        Err(e) => {
            out.push(Stream::Stderr, error_text(&e));
            return out;
        }
    };
    let mut text = String::new();
    if !no_headers {
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        text.push_str(&headers.join("\t"));
        text.push('\n');
    }
    let mut failure = None;
    'objects: for obj in objects {
        let value = wire_value(obj);
        let mut cells = Vec::with_capacity(columns.len());
        for c in &columns {
            let values = match c.template.values(&value, true) {
                Ok(v) => v,
                Err(e) => {
                    failure = Some(e);
                    break 'objects;
                }
            };
            let mut strings: Vec<String> = Vec::new();
            if values.first().is_none_or(Vec::is_empty) {
                strings.push("<none>".into());
            }
            strings.extend(values.iter().flatten().map(gofmt::v));
            cells.push(strings.join(","));
        }
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    out.push(Stream::Stdout, TabWriter::kubectl_table().format(&text));
    if let Some(e) = failure {
        out.push(Stream::Stderr, error_text(&e));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Kind;
    use serde_json::json;

    fn pods() -> Vec<Object> {
        vec![
            Object::from_value(
                Kind::Pod,
                json!({"metadata": {"name": "web-0", "labels": {"app": "nginx"}}, "spec": {"nodeName": "ordinal-worker", "containers": [{"name": "nginx", "image": "nginx:1"}, {"name": "side", "image": "busybox"}]}}),
            )
            .unwrap(),
            Object::from_value(Kind::Pod, json!({"metadata": {"name": "web-10"}, "spec": {"containers": []}})).unwrap(),
        ]
    }

    #[test]
    fn r10_custom_columns_relaxed_paths_none_and_joined_values() {
        let out = custom_columns(
            "NAME:metadata.name,NODE:.spec.nodeName,IMAGES:{.spec.containers[*].image},LABELS:.metadata.labels",
            &pods(),
            false,
        );
        assert_eq!(
            out.stdout(),
            "NAME     NODE             IMAGES            LABELS\nweb-0    ordinal-worker   nginx:1,busybox   map[app:nginx]\nweb-10   <none>           <none>            <none>\n"
        );
        assert_eq!(
            custom_columns("N:.metadata.name", &pods(), true).stdout(),
            "web-0\nweb-10\n"
        );
    }

    #[test]
    fn r10_custom_columns_spec_errors() {
        assert_eq!(
            custom_columns("NAME", &pods(), false).stderr(),
            "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n"
        );
        assert_eq!(
            custom_columns("", &pods(), false).stderr(),
            "error: custom-columns format specified but no custom columns given\n"
        );
        assert_eq!(
            custom_columns("X:{.a}{.b}", &pods(), false).stderr(),
            "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"
        );
        let out = custom_columns("C:.spec.containers[5]", &pods(), false);
        assert_eq!(out.stdout(), "C\n");
        assert_eq!(
            out.stderr(),
            "error: array index out of bounds: index 5, length 2\n"
        );
    }
}
