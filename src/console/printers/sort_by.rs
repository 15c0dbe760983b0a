//! `kubectl get --sort-by=FIELD` (kubectl/pkg/cmd/get/sorter.go), the
//! way workshops list Events: `--sort-by=.lastTimestamp`,
//! `--sort-by=.metadata.creationTimestamp`.
//!
//! kubectl sorts in two places, and both are reproduced:
//! - the tables (no `-o`, `-o wide`): the server's Table rows, each with
//!   its object, one Table per resource type, with `sort.Sort` twice
//!   (`RuntimeSorter`, then the `SortingPrinter` again when there is more
//!   than one row). A field that is not a relaxed JSONPath is parsed as
//!   written; a field no row has is an error, even with one row.
//! - every other output, on the List: the field must be a relaxed JSONPath
//!   (`.a.b`, `a.b`, `{.a.b}`, `{a.b}`), one `sort.Sort`.
//!
//! Go's `sort.Sort` is unstable: rows with equal keys (Events within the
//! same second) come out in the order its pattern-defeating quicksort
//! leaves them, which `gosort` reproduces step for step. Values compare
//! as `isLess` compares decoded JSON: integers and floats numerically,
//! two strings that both parse as quantities (`500Mi`, `1Gi`, `10`) by
//! value, other strings in natural order (`web-2` before `web-10`); a row
//! without the field sorts first; null before anything. A boolean, map or
//! list (or two values of different types) cannot be sorted: kubectl
//! exits with its `klog.Exitf` message, printed here without klog's
//! timestamped header.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use std::cell::RefCell;
use std::cmp::Ordering;

use serde_json::Value;

use super::gofmt;
use super::gosort::go_sort;
use super::jsonpath;
use crate::engine::apiserver::validation::quantity::Quantity;
use crate::engine::objects::Object;

/// Where the sort happens (see the module header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The human-readable tables: rows of one resource type.
    Table,
    /// Any other output: the List of every object.
    List,
}

/// `RelaxedJSONPathExpression`: `.a.b`, `a.b`, `{.a.b}` and `{a.b}` all
/// become `{.a.b}`.
pub fn relaxed(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    // `^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`
    let inner = match expr.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        Some(s) => s.strip_prefix('.').unwrap_or(s),
        None => expr.strip_prefix('.').unwrap_or(expr),
    };
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into());
    }
    Ok(format!("{{.{inner}}}"))
}

/// Why a sort failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortError {
    /// An error kubectl returns (printed `error: …`).
    Failed(String),
    /// A value it cannot compare: kubectl's `klog.Exitf` message, printed
    /// as it is.
    Unsortable(String),
}

impl SortError {
    pub fn message(&self) -> &str {
        match self {
            SortError::Failed(m) | SortError::Unsortable(m) => m,
        }
    }
}

/// Sorts `objs` by `sort_by` as kubectl does in `mode`. After an error
/// `objs` is empty: kubectl prints none of them.
pub fn sort_objects(objs: &mut Vec<Object>, sort_by: &str, mode: Mode) -> Result<(), SortError> {
    let failed = SortError::Failed;
    let field = match (relaxed(sort_by), mode) {
        (Ok(f), _) => f,
        (Err(_), Mode::Table) => sort_by.to_string(),
        (Err(e), Mode::List) => return Err(failed(e)),
    };
    if mode == Mode::List && objs.is_empty() {
        return Ok(());
    }
    let template = jsonpath::compile(&field).map_err(|e| {
        failed(match mode {
            Mode::Table => format!("sorting error: {e}"),
            Mode::List => e,
        })
    })?;
    let mut keyed: Vec<(Option<Value>, Object)> = Vec::with_capacity(objs.len());
    for o in objs.drain(..) {
        let found = template
            .values(&super::wire_value(&o), true)
            .map_err(|e| failed(format!("Failed to get values using {field} ({e})")))?;
        let key = found.into_iter().next().and_then(|r| r.into_iter().next());
        keyed.push((key, o));
    }
    if !keyed.is_empty() && keyed.iter().all(|(k, _)| k.is_none()) {
        return Err(failed(format!(
            "couldn't find any field with path {} in the list of objects",
            gofmt::quote(&field)
        )));
    }
    let failure: RefCell<Option<String>> = RefCell::new(None);
    let less = |a: &(Option<Value>, Object), b: &(Option<Value>, Object)| match (&a.0, &b.0) {
        (None, _) => true,
        (_, None) => false,
        (Some(x), Some(y)) => match is_less(x, y) {
            Ok(l) => l,
            Err(e) => {
                let mut f = failure.borrow_mut();
                if f.is_none() {
                    let holder = match mode {
                        Mode::Table => "[][][]reflect.Value",
                        Mode::List => "*unstructured.Unstructured",
                    };
                    *f = Some(format!(
                        "Field {field} in {holder} is an unsortable type: interface, err: {e}"
                    ));
                }
                false
            }
        },
    };
    go_sort(&mut keyed, less);
    if mode == Mode::Table && keyed.len() > 1 {
        go_sort(&mut keyed, less);
    }
    if let Some(e) = failure.into_inner() {
        return Err(SortError::Unsortable(e));
    }
    objs.extend(keyed.into_iter().map(|(_, o)| o));
    Ok(())
}

/// `isLess` on two values of a decoded (unstructured) object.
fn is_less(a: &Value, b: &Value) -> Result<bool, String> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(false),
        (Value::Null, _) => Ok(true),
        (_, Value::Null) => Ok(false),
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => Ok(i < j),
            (None, None) => Ok(x.as_f64().unwrap_or(0.0) < y.as_f64().unwrap_or(0.0)),
            _ => Err("unsortable interface: interface".into()),
        },
        (Value::String(x), Value::String(y)) => match (Quantity::parse(x), Quantity::parse(y)) {
            (Ok(p), Ok(q)) => Ok(p.cmp_value(&q) == Ordering::Less),
            _ => Ok(natural_less(x, y)),
        },
        (Value::Bool(_), _) => Err("unsortable type: bool".into()),
        (Value::Object(_), _) => Err("unsortable type: map[string]interface {}".into()),
        (Value::Array(_), _) => Err("unsortable type: []interface {}".into()),
        _ => Err("unsortable interface: interface".into()),
    }
}

/// `sortorder.NaturalLess`: digit runs compare as numbers (leading zeros
/// break ties, fewer first), everything else byte by byte, and digits sort
/// before other characters.
pub fn natural_less(s1: &str, s2: &str) -> bool {
    let (a, b) = (s1.as_bytes(), s2.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (c1, c2) = (a[i], b[j]);
        let (d1, d2) = (c1.is_ascii_digit(), c2.is_ascii_digit());
        if d1 != d2 {
            return d1;
        }
        if !d1 {
            if c1 != c2 {
                return c1 < c2;
            }
            i += 1;
            j += 1;
            continue;
        }
        while i < a.len() && a[i] == b'0' {
            i += 1;
        }
        while j < b.len() && b[j] == b'0' {
            j += 1;
        }
        let (nz1, nz2) = (i, j);
        while i < a.len() && a[i].is_ascii_digit() {
            i += 1;
        }
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if i - nz1 != j - nz2 {
            return i - nz1 < j - nz2;
        }
        if a[nz1..i] != b[nz2..j] {
            return a[nz1..i] < b[nz2..j];
        }
        if nz1 != nz2 {
            return nz1 < nz2;
        }
    }
    a.len() < b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Kind;
    use serde_json::json;

    fn event(name: &str, last: Option<&str>) -> Object {
        let mut v =
            json!({"metadata": {"name": name, "namespace": "default"}, "reason": "Started"});
        if let Some(t) = last {
            v["lastTimestamp"] = json!(t);
        }
        Object::from_value(Kind::Event, v).unwrap()
    }

    fn names(objs: &[Object]) -> Vec<String> {
        objs.iter().map(|o| o.name().to_string()).collect()
    }

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        assert!(natural_less("web-2", "web-10"));
        assert!(!natural_less("web-10", "web-2"));
        assert!(natural_less("a2", "a02"), "fewer leading zeros first");
        assert!(natural_less("1a", "a"), "digits before letters");
        assert!(natural_less("web", "web-0"));
        assert!(!natural_less("web-1", "web-1"));
    }

    #[test]
    fn relaxed_paths_as_kubectl_accepts_them() {
        for p in [
            ".lastTimestamp",
            "lastTimestamp",
            "{.lastTimestamp}",
            "{lastTimestamp}",
        ] {
            assert_eq!(relaxed(p).unwrap(), "{.lastTimestamp}");
        }
        assert!(relaxed("{.a}{.b}")
            .unwrap_err()
            .starts_with("unexpected path string"));
    }

    #[test]
    fn events_sort_by_time_and_rows_without_the_field_come_first() {
        let mut objs = vec![
            event("b", Some("2026-01-05T09:00:07Z")),
            event("a", Some("2026-01-05T09:00:39Z")),
            event("c", None),
            event("d", Some("2026-01-05T09:00:00Z")),
        ];
        sort_objects(&mut objs, ".lastTimestamp", Mode::Table).unwrap();
        assert_eq!(names(&objs), ["c", "d", "b", "a"]);
    }

    #[test]
    fn quantities_compare_by_value_and_names_naturally() {
        let pvc = |name: &str, size: &str| {
            Object::from_value(Kind::PersistentVolumeClaim, json!({"metadata": {"name": name, "namespace": "default"}, "spec": {"resources": {"requests": {"storage": size}}}})).unwrap()
        };
        let mut objs = vec![
            pvc("www-web-10", "1Gi"),
            pvc("www-web-2", "500Mi"),
            pvc("www-web-1", "2Gi"),
        ];
        sort_objects(&mut objs, "{.spec.resources.requests.storage}", Mode::List).unwrap();
        assert_eq!(names(&objs), ["www-web-2", "www-web-10", "www-web-1"]);
        sort_objects(&mut objs, ".metadata.name", Mode::List).unwrap();
        assert_eq!(names(&objs), ["www-web-1", "www-web-2", "www-web-10"]);
    }

    #[test]
    fn errors_read_as_kubectl_writes_them() {
        let mut objs = vec![event("a", None), event("b", None)];
        assert_eq!(
            sort_objects(&mut objs, ".nope", Mode::Table).unwrap_err(),
            SortError::Failed(
                "couldn't find any field with path \"{.nope}\" in the list of objects".into()
            )
        );
        assert_eq!(
            names(&objs),
            Vec::<String>::new(),
            "nothing is printed after an error"
        );
        let mut objs = vec![event("a", None)];
        assert!(sort_objects(&mut objs, "{.a}{.b}", Mode::List)
            .unwrap_err()
            .message()
            .starts_with("unexpected path string"));
        let mut objs: Vec<Object> = Vec::new();
        sort_objects(&mut objs, ".nope", Mode::Table).unwrap();
        let mut objs = vec![event("a", None), event("b", None)];
        let e = sort_objects(&mut objs, ".metadata", Mode::Table).unwrap_err();
        assert_eq!(
            e,
            SortError::Unsortable("Field {.metadata} in [][][]reflect.Value is an unsortable type: interface, err: unsortable type: map[string]interface {}".into())
        );
    }
}
