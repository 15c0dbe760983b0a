//! Label keys (qualified names), label values, label maps and label
//! selectors, as apimachinery's `api/validate/content` and
//! `apis/meta/v1/validation` check them in 1.35, plus the conversion check
//! `metav1.LabelSelectorAsSelector` performs (a selector that cannot be
//! converted is reported once more by StatefulSet validation).
//!
//! Go iterates label maps in random order; we iterate in key order so the
//! error list is deterministic.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::names::{is_dns1123_subdomain_bytes, max_len_bytes, regex_error};
use super::render::{forbidden, invalid, q, required, Path, J};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::meta::{LabelSelector, LabelSelectorRequirement};

const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_MSG: &str =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
pub const LABEL_VALUE_MAX: usize = 63;

/// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
fn is_label_name_shape(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_' || *c == b'.')
}

/// `content.IsLabelKey` (= `IsQualifiedName`).
pub fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    // At most three pieces are needed to tell one, two or more parts apart
    // (no list built: every label and annotation key of every write comes
    // through here).
    let mut pieces = value.splitn(3, '/');
    let parts = (pieces.next().unwrap_or(""), pieces.next(), pieces.next());
    let name = match parts {
        (name, None, _) => name,
        (prefix, Some(name), None) => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                for m in is_dns1123_subdomain_bytes(prefix) {
                    errs.push(format!("prefix part {m}"));
                }
            }
            name
        }
        _ => {
            errs.push(format!(
                "a valid label key {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_KEY_MSG, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push(format!("name part {}", max_len_bytes(63)));
    }
    if !is_label_name_shape(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                LABEL_KEY_MSG,
                LABEL_KEY_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// Whether `key` is a valid qualified name (`is_qualified_name` finds
/// nothing), remembering the valid keys of late in a direct-mapped cache:
/// every write of every object checks its label and annotation keys, and
/// they come from a small vocabulary (`app`, `pv.kubernetes.io/bind-completed`,
/// …). A pure cache: the answer is the function's, only sooner.
pub fn known_qualified_name(key: &str) -> bool {
    use crate::engine::objects::RcStr;
    use std::cell::RefCell;
    const SLOTS: usize = 128;
    thread_local! {
        static VALID: RefCell<[RcStr; SLOTS]> = RefCell::new(std::array::from_fn(|_| RcStr::default()));
    }
    if key.is_empty() {
        return false;
    }
    let slot = crate::engine::objects::rcstr::text_slot(key) & (SLOTS - 1);
    if VALID.with(|v| v.borrow()[slot] == key) {
        return true;
    }
    let ok = is_qualified_name(key).is_empty();
    if ok {
        VALID.with(|v| v.borrow_mut()[slot] = RcStr::from(key));
    }
    ok
}

/// `content.IsLabelValue`.
pub fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX {
        errs.push(max_len_bytes(LABEL_VALUE_MAX));
    }
    if !value.is_empty() && !is_label_name_shape(value) {
        errs.push(regex_error(
            LABEL_VALUE_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// `ValidateLabelName`: one Invalid per message, value = the key.
pub fn validate_label_name(key: &str, path: &Path) -> Vec<FieldError> {
    if known_qualified_name(key) {
        return Vec::new();
    }
    is_qualified_name(key)
        .into_iter()
        .map(|m| invalid(path, q(key), &m))
        .collect()
}

/// `ValidateQualifiedName` (same rule, same shape).
pub fn validate_qualified_name(value: &str, path: &Path) -> Vec<FieldError> {
    validate_label_name(value, path)
}

/// `ValidateLabels`: per key, the key errors then the value errors, all on
/// the map's own path.
pub fn validate_labels(labels: &crate::engine::objects::Labels, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in labels {
        errs.extend(validate_label_name(k, path));
        for m in is_valid_label_value(v) {
            errs.push(invalid(path, q(v), &m));
        }
    }
    errs
}

/// `ValidateLabelSelector` with `AllowInvalidLabelValueInSelector: false`.
pub fn validate_label_selector(sel: &LabelSelector, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_labels(&sel.match_labels, &path.child("matchLabels"));
    for (i, r) in sel.match_expressions.iter().enumerate() {
        errs.extend(validate_requirement(
            r,
            &path.child("matchExpressions").index(i),
        ));
    }
    errs
}

fn validate_requirement(r: &LabelSelectorRequirement, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.is_empty() {
                errs.push(required(
                    &path.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !r.values.is_empty() {
                errs.push(forbidden(
                    &path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        _ => errs.push(invalid(
            &path.child("operator"),
            q(&r.operator),
            "not a valid selector operator",
        )),
    }
    errs.extend(validate_label_name(&r.key, &path.child("key")));
    for (i, v) in r.values.iter().enumerate() {
        for m in is_valid_label_value(v) {
            errs.push(invalid(&path.child("values").index(i), q(v), &m));
        }
    }
    errs
}

/// Whether `metav1.LabelSelectorAsSelector` would fail: it builds one
/// requirement per matchLabels entry and per expression, each checking the
/// key, the values and the operator's arity.
pub fn selector_converts(sel: &LabelSelector) -> bool {
    let label_ok =
        |k: &str, v: &str| is_qualified_name(k).is_empty() && is_valid_label_value(v).is_empty();
    sel.match_labels.iter().all(|(k, v)| label_ok(k, v))
        && sel.match_expressions.iter().all(|r| {
            let arity = match r.operator.as_str() {
                "In" | "NotIn" => !r.values.is_empty(),
                "Exists" | "DoesNotExist" => r.values.is_empty(),
                _ => false,
            };
            arity
                && is_qualified_name(&r.key).is_empty()
                && r.values.iter().all(|v| is_valid_label_value(v).is_empty())
        })
}

/// `metav1.LabelSelector` as `encoding/json` prints it (omitempty fields).
pub fn selector_json(sel: &LabelSelector) -> J {
    let mut fields = Vec::new();
    if !sel.match_labels.is_empty() {
        fields.push(("matchLabels", J::map(&sel.match_labels)));
    }
    if !sel.match_expressions.is_empty() {
        let exprs = sel
            .match_expressions
            .iter()
            .map(|r| {
                let mut f = vec![("key", J::str(&r.key)), ("operator", J::str(&r.operator))];
                if !r.values.is_empty() {
                    f.push(("values", J::strs(&r.values)));
                }
                J::obj(f)
            })
            .collect();
        fields.push(("matchExpressions", J::Arr(exprs)));
    }
    J::obj(fields)
}

/// A `map[string]string` as `encoding/json` prints it: `null` when nil.
/// Our maps cannot tell nil from empty; an empty map prints as `null`,
/// which is what a manifest that omits the field produces.
pub fn labels_json(labels: &crate::engine::objects::Labels) -> String {
    if labels.is_empty() {
        "null".to_string()
    } else {
        J::map(labels).render()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_of_valid_keys_answers_as_the_check_does() {
        // Valid and invalid keys, many more than the cache's slots, twice:
        // the second round reads the cache wherever it can.
        let mut keys: Vec<String> = (0..400).map(|i| format!("example.com/key-{i}")).collect();
        keys.extend((0..100).map(|i| format!("bad key {i}")));
        keys.extend(["", "/a", "a/", "a/b/c", "-a", "A.b_c", "app"].map(String::from));
        for _ in 0..2 {
            for k in &keys {
                assert_eq!(
                    known_qualified_name(k),
                    is_qualified_name(k).is_empty(),
                    "{k:?}"
                );
            }
        }
        let errs = validate_label_name("bad key", &Path::new("metadata").child("labels"));
        assert_eq!(errs.len(), 1);
    }

    #[test]
    fn qualified_names() {
        assert!(is_qualified_name("app.kubernetes.io/name").is_empty());
        assert_eq!(
            is_qualified_name("/a"),
            vec!["prefix part must be non-empty".to_string()]
        );
        assert_eq!(
            is_qualified_name("a/b/c"),
            vec!["a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".to_string()]
        );
        assert_eq!(
            is_valid_label_value(&"x".repeat(64)),
            vec!["must be no more than 63 bytes".to_string()]
        );
        assert!(is_valid_label_value("").is_empty());
    }

    #[test]
    fn selectors_that_do_not_convert() {
        let mut s = LabelSelector::default();
        s.match_expressions.push(LabelSelectorRequirement {
            key: "app".into(),
            operator: "In".into(),
            values: vec![],
        });
        assert!(!selector_converts(&s));
        assert_eq!(
            selector_json(&s).render(),
            "{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\"}]}"
        );
    }
}
