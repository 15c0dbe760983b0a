//! kubectl's generic describer, for kinds without their own
//! (ControllerRevision, and the kinds Ordinal only stores): name,
//! namespace, labels and annotations, then every other field of the object
//! with "smart" labels (`creationTimestamp` → `Creation Timestamp`), then
//! the events.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::{Map, Value};

use super::{annotations, labels, object_events, Writer};
use crate::console::printers::gofmt;
use crate::engine::objects::Object;
use crate::engine::Engine;

const SKIP: &[&str] = &[
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
];

pub(crate) fn describe_generic(engine: &Engine, obj: &Object, w: &mut Writer) {
    let m = obj.meta();
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    if let Value::Object(content) = obj.to_value() {
        unstructured(w, 0, &content, "");
    }
    object_events(engine, w, obj);
}

/// `printUnstructuredContent`: fields in key order, maps and lists nested
/// one level deeper, scalars as `Label:\tvalue`.
fn unstructured(w: &mut Writer, level: usize, content: &Map<String, Value>, prefix: &str) {
    for (field, value) in content {
        let path = format!("{prefix}.{field}");
        if SKIP.contains(&path.as_str()) {
            continue;
        }
        match value {
            Value::Object(map) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                unstructured(w, level + 1, map, &path);
            }
            Value::Array(items) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                for item in items {
                    match item {
                        Value::Object(map) => unstructured(w, level + 1, map, &path),
                        other => w.write(level + 1, &format!("{}\n", gofmt::v(other))),
                    }
                }
            }
            other => w.write(
                level,
                &format!("{}:\t{}\n", smart_label(field), gofmt::v(other)),
            ),
        }
    }
}

/// `smartLabelFor`: camel case split into title-cased words, with API,
/// URL, UID, OSB and GUID in capitals; fields with other characters than
/// letters and `-` are kept as they are.
pub(crate) fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    let words: Vec<String> = camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if ["API", "URL", "UID", "OSB", "GUID"].contains(&upper.as_str()) {
                upper
            } else {
                let mut chars = p.chars();
                match chars.next() {
                    Some(first) => first
                        .to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect(),
                    None => String::new(),
                }
            }
        })
        .collect();
    words.join(" ")
}

/// `camelcase.Split` (fatih/camelcase): runs of lower, upper, digit and
/// other characters, with an upper-case run's last letter moved to a
/// following lower-case run (`PDFLoader` → `PDF`, `Loader`).
fn camel_split(s: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_labels_match_kubectl() {
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("blockOwnerDeletion"), "Block Owner Deletion");
        assert_eq!(smart_label("podIP"), "Pod Ip");
        assert_eq!(smart_label("$patch"), "$patch");
        assert_eq!(
            smart_label("app.kubernetes.io/name"),
            "app.kubernetes.io/name"
        );
        assert_eq!(smart_label("app"), "App");
    }
}
