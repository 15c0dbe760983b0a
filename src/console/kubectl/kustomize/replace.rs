//! kustomize's `replacements` (`api/filters/replacement`): a value read
//! from one object's field (`source`: an exact resource id and a
//! `fieldPath`, `metadata.name` by default, optionally one part of a
//! delimited string) is written into fields of the objects each target
//! selects (group, version, kind, name and namespace compared exactly, as
//! kustomize v5.6 — kubectl 1.33's — does; label and annotation
//! selectors; `reject` lists). Field
//! paths are kyaml's: dot-separated, `[key=value]` picks list items, a
//! number indexes a list, `*` stands for every item; `create: true` makes
//! what is missing. Replacements run last, after images, as in kustomize.
//!
//! Pure Rust; may not import browser crates.

use serde_json::{Map, Value};

use super::build::{yaml_docs, Res};
use super::kustomization::{
    self, FieldOptions, Replacement, Selector, SourceSelector, TargetSelector,
};
use super::order::scalar_text;
use super::patch::labels_match;
use super::Files;
use crate::manifest::resolve::{resolve_plain, Resolved};

const DEFAULT_FIELD_PATH: &str = "metadata.name";

/// Runs a kustomization's replacements, in order, on its resources.
pub(super) fn run(
    fs: &dyn Files,
    dir: &str,
    list: &[Replacement],
    resources: &mut [Res],
) -> Result<(), String> {
    for r in expand(fs, dir, list)? {
        let (Some(source), Some(targets)) = (&r.source, &r.targets) else {
            return Err("replacements must specify a source and at least one target".into());
        };
        let value = source_value(source, resources)?;
        for t in targets {
            apply_target(t, &value, resources)?;
        }
    }
    Ok(())
}

/// Entries with a `path` read from their file: one replacement or a list.
fn expand(fs: &dyn Files, dir: &str, list: &[Replacement]) -> Result<Vec<Replacement>, String> {
    let mut out = Vec::new();
    for r in list {
        if r.path.is_empty() {
            out.push(r.clone());
            continue;
        }
        let text = super::build::load_file(fs, dir, &r.path).map_err(|e| {
            // The plugin's config: every entry, under its Go field name.
            let mut config = Map::new();
            let entries = list.iter().map(|r| r.raw.clone()).collect();
            config.insert("Replacements".into(), Value::Array(entries));
            format!(
                "trouble configuring builtin ReplacementTransformer with config: `\n{}`: {e}",
                crate::manifest::print::to_yaml(&Value::Object(config))
            )
        })?;
        for doc in yaml_docs(&text)? {
            match doc {
                Value::Array(items) => {
                    for i in &items {
                        out.push(kustomization::replacement(i, "Replacement")?);
                    }
                }
                one => out.push(kustomization::replacement(&one, "Replacement")?),
            }
        }
    }
    Ok(out)
}

fn source_id(s: &SourceSelector) -> String {
    super::build::id_text(&s.kind, &s.version, &s.group, &s.name, &s.namespace)
}

/// `SourceSelector.String()`.
fn source_string(s: &SourceSelector) -> String {
    let mut parts = vec![source_id(s)];
    if !s.field_path.is_empty() {
        parts.push(s.field_path.clone());
    }
    if let Some(o) = s
        .options
        .as_ref()
        .filter(|o| !o.delimiter.is_empty() || o.create)
    {
        parts.push(format!("{}({}), create={}", o.delimiter, o.index, o.create));
    }
    parts.join(":")
}

/// The (name, namespace) pairs an object answers to: the ones it had
/// before renames, and its current one (`utils.MakeResIds`).
fn ids(r: &Res) -> Vec<(String, String)> {
    let mut out = r.history.clone();
    out.push((r.name().to_string(), r.namespace().to_string()));
    out
}

/// A resource id to select by: group, version, kind, name, namespace.
type Wanted<'a> = [&'a str; 5];

fn wanted_source(s: &SourceSelector) -> Wanted<'_> {
    [&s.group, &s.version, &s.kind, &s.name, &s.namespace]
}

fn wanted(s: &Selector) -> Wanted<'_> {
    fn f(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or("")
    }
    [
        f(&s.group),
        f(&s.version),
        f(&s.kind),
        f(&s.name),
        f(&s.namespace),
    ]
}

/// `ResId.IsSelectedBy`: every field the selector gives is equal (an
/// empty namespace is the default one).
fn selected_by(r: &Res, name: &str, ns: &str, want: Wanted) -> bool {
    let [group, version, kind, want_name, want_ns] = want;
    let effective = |n: &str| {
        if n.is_empty() {
            "default".to_string()
        } else {
            n.to_string()
        }
    };
    (want_name.is_empty() || want_name == name)
        && (want_ns.is_empty() || effective(want_ns) == effective(ns))
        && (group.is_empty() || group == r.group())
        && (version.is_empty() || version == r.version())
        && (kind.is_empty() || kind == r.kind())
}

fn source_value(s: &SourceSelector, resources: &[Res]) -> Result<Value, String> {
    let mut found: Option<&Res> = None;
    for r in resources {
        if ids(r)
            .iter()
            .any(|(n, ns)| selected_by(r, n, ns, wanted_source(s)))
        {
            if found.is_some() {
                return Err(format!(
                    "multiple matches for selector {}",
                    source_string(s)
                ));
            }
            found = Some(r);
        }
    }
    let Some(r) = found else {
        return Err(format!("nothing selected by {}", source_string(s)));
    };
    let field_path = if s.field_path.is_empty() {
        DEFAULT_FIELD_PATH
    } else {
        &s.field_path
    };
    let node = lookup(&r.obj, &split_path(field_path));
    let missing = match node {
        None | Some(Value::Null) => true,
        Some(Value::Object(m)) => m.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    };
    let Some(node) = node.filter(|_| !missing) else {
        return Err(format!(
            "fieldPath `{field_path}` is missing for replacement source {}",
            source_id(s)
        ));
    };
    match s.options.as_ref().filter(|o| !o.delimiter.is_empty()) {
        None => Ok(node.clone()),
        Some(o) => {
            if matches!(node, Value::Object(_) | Value::Array(_)) {
                return Err("delimiter option can only be used with scalar nodes".into());
            }
            let text = scalar_text(Some(node));
            let parts: Vec<&str> = text.split(o.delimiter.as_str()).collect();
            match usize::try_from(o.index).ok().and_then(|i| parts.get(i)) {
                Some(part) => Ok(Value::String((*part).to_string())),
                None => Err(format!(
                    "options.index {} is out of bounds for value {text}",
                    o.index
                )),
            }
        }
    }
}

/// `SmarterPathSplitter(path, ".")`: dots inside `[...]` do not split.
fn split_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => {
                depth += 1;
                cur.push(c);
            }
            ']' => {
                depth = depth.saturating_sub(1);
                cur.push(c);
            }
            '.' if depth == 0 => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// `[key=value]` (an empty key matches scalar items).
fn list_match(seg: &str) -> Option<(&str, &str)> {
    seg.strip_prefix('[')?.strip_suffix(']')?.split_once('=')
}

fn item_matches(item: &Value, key: &str, want: &str) -> bool {
    let have = if key.is_empty() {
        Some(item)
    } else {
        item.get(key)
    };
    have.is_some_and(|v| {
        !matches!(v, Value::Object(_) | Value::Array(_)) && scalar_text(Some(v)) == want
    })
}

/// `yaml.Lookup`: the one node at the path, if there is one.
fn lookup<'a>(mut node: &'a Value, segs: &[String]) -> Option<&'a Value> {
    for seg in segs {
        node = match (node, list_match(seg)) {
            (Value::Array(items), Some((k, v))) => items.iter().find(|i| item_matches(i, k, v))?,
            (Value::Array(items), None) => items.get(seg.parse::<usize>().ok()?)?,
            (Value::Object(m), None) => m.get(seg.as_str())?,
            _ => return None,
        };
    }
    Some(node)
}

fn apply_target(t: &TargetSelector, value: &Value, resources: &mut [Res]) -> Result<(), String> {
    let Some(select) = &t.select else {
        return Err("target must specify resources to select".into());
    };
    let default = [DEFAULT_FIELD_PATH.to_string()];
    let paths: &[String] = if t.field_paths.is_empty() {
        &default
    } else {
        &t.field_paths
    };
    for r in resources.iter_mut() {
        if !by_labels_and_annotations(r, select)? {
            continue;
        }
        let mut rejected = false;
        for reject in &t.reject {
            let has_meta_selector = [&reject.label_selector, &reject.annotation_selector]
                .iter()
                .any(|s| s.as_deref().is_some_and(|s| !s.is_empty()));
            if has_meta_selector && by_labels_and_annotations(r, reject)? {
                rejected = true;
            }
        }
        // containsRejectId: a reject with an id rejects what it selects.
        let ids = ids(r);
        let picks = |w: Wanted| ids.iter().any(|(n, ns)| selected_by(r, n, ns, w));
        rejected = rejected
            || t.reject
                .iter()
                .map(wanted)
                .filter(|w| w.iter().any(|f| !f.is_empty()))
                .any(picks);
        if rejected || !picks(wanted(select)) {
            continue;
        }
        for fp in paths {
            copy_to(&mut r.obj, fp, value, t.options.as_ref())?;
        }
    }
    Ok(())
}

fn by_labels_and_annotations(r: &Res, s: &Selector) -> Result<bool, String> {
    let meta = r.obj.get("metadata");
    for (selector, map) in [
        (&s.label_selector, "labels"),
        (&s.annotation_selector, "annotations"),
    ] {
        if let Some(sel) = selector.as_deref().filter(|s| !s.is_empty()) {
            if !labels_match(sel, meta.and_then(|m| m.get(map)))? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `copyValueToTarget` for one field path of one object.
fn copy_to(
    obj: &mut Value,
    field_path: &str,
    value: &Value,
    options: Option<&FieldOptions>,
) -> Result<(), String> {
    let create = options.is_some_and(|o| o.create);
    let segs = split_path(field_path);
    let mut set = |field: &mut Value, existed: bool| set_field(field, existed, value, options);
    let found = visit(obj, &segs, create, &mut set)?;
    if found == 0 {
        let what = if create { "find or create" } else { "find" };
        return Err(format!(
            "unable to {what} field {field_path:?} in replacement target"
        ));
    }
    Ok(())
}

type Setter<'a> = dyn FnMut(&mut Value, bool) -> Result<(), String> + 'a;

/// kyaml's `PathMatcher`: calls `set` on every field the path reaches
/// (making the missing ones when `create`), and counts them.
fn visit(
    node: &mut Value,
    segs: &[String],
    create: bool,
    set: &mut Setter,
) -> Result<usize, String> {
    let Some((seg, rest)) = segs.split_first() else {
        return set(node, true).map(|()| 1);
    };
    if create && node.is_null() {
        *node = if list_match(seg).is_some() {
            Value::Array(Vec::new())
        } else {
            Value::Object(Map::new())
        };
    }
    let mut count = 0;
    match (node, list_match(seg)) {
        (Value::Array(items), _) if seg == "*" => {
            for i in items {
                count += visit(i, rest, create, set)?;
            }
        }
        (Value::Object(m), _) if seg == "*" => {
            for (_, v) in m.iter_mut() {
                count += visit(v, rest, create, set)?;
            }
        }
        (Value::Array(items), Some((k, v))) => {
            let mut any = false;
            for i in items
                .iter_mut()
                .filter(|i| v == "*" || item_matches(i, k, v))
            {
                any = true;
                count += visit(i, rest, create, set)?;
            }
            if !any && create && v != "*" {
                items.push(if k.is_empty() {
                    Value::String(v.to_string())
                } else {
                    let mut m = Map::new();
                    m.insert(k.to_string(), Value::String(v.to_string()));
                    Value::Object(m)
                });
                if let Some(last) = items.last_mut() {
                    count += visit(last, rest, create, set)?;
                }
            }
        }
        (Value::Array(items), None) => {
            if let Some(i) = seg.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                count += visit(i, rest, create, set)?;
            }
        }
        (Value::Object(m), None) => {
            if let Some(child) = m.get_mut(seg.as_str()) {
                count += visit(child, rest, create, set)?;
            } else if create {
                let child = m.entry(seg.clone()).or_insert(Value::Null);
                count += match rest.is_empty() {
                    true => set(child, false).map(|()| 1)?,
                    false => visit(child, rest, create, set)?,
                };
            }
        }
        _ => {}
    }
    Ok(count)
}

/// `setFieldValue`: a scalar keeps its type and takes the value's text
/// (so "3" into `replicas: 1` is 3); a field just made is a plain scalar
/// read as YAML reads it; a map or list is replaced by the value.
fn set_field(
    field: &mut Value,
    existed: bool,
    value: &Value,
    options: Option<&FieldOptions>,
) -> Result<(), String> {
    let scalar = |v: &Value| !matches!(v, Value::Object(_) | Value::Array(_));
    let mut text = if scalar(value) {
        scalar_text(Some(value))
    } else {
        String::new()
    };
    if let Some(o) = options.filter(|o| !o.delimiter.is_empty()) {
        if !scalar(field) {
            return Err("delimiter option can only be used with scalar nodes".into());
        }
        let current = scalar_text(Some(field));
        let mut parts: Vec<&str> = current.split(o.delimiter.as_str()).collect();
        match usize::try_from(o.index) {
            Err(_) => parts.insert(0, &text),
            Ok(i) if i >= parts.len() => parts.push(&text),
            Ok(i) => parts[i] = &text,
        }
        text = parts.join(&o.delimiter);
    } else if !scalar(value) || !scalar(field) {
        *field = value.clone();
        return Ok(());
    }
    *field = match field {
        Value::String(_) if existed => Value::String(text),
        Value::Number(_) | Value::Bool(_) if existed => typed_like(field, &text),
        _ => plain(&text),
    };
    Ok(())
}

/// The text in a node that keeps its number or boolean tag.
fn typed_like(field: &Value, text: &str) -> Value {
    match (field, resolve_plain(text)) {
        (Value::Number(_), Resolved::Int(i)) => Value::from(i),
        (Value::Number(_), Resolved::Uint(u)) => Value::from(u),
        (Value::Number(_), Resolved::Float(f)) => Value::from(f),
        (Value::Bool(_), Resolved::Bool(b)) => Value::Bool(b),
        _ => Value::String(text.to_string()),
    }
}

/// An untagged plain scalar, as YAML reads it back.
fn plain(text: &str) -> Value {
    match resolve_plain(text) {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::from(i),
        Resolved::Uint(u) => Value::from(u),
        Resolved::Float(f) => Value::from(f),
        Resolved::Timestamp | Resolved::Str => Value::String(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_outside_brackets_and_look_up_list_items() {
        assert_eq!(
            split_path("spec.containers.[name=a.b].env.0"),
            ["spec", "containers", "[name=a.b]", "env", "0"]
        );
        let obj =
            serde_json::json!({"spec": {"containers": [{"name": "a.b", "env": [{"name": "X"}]}]}});
        assert_eq!(
            lookup(&obj, &split_path("spec.containers.[name=a.b].env.0.name")),
            Some(&Value::String("X".into()))
        );
        assert_eq!(lookup(&obj, &split_path("spec.containers.[name=c]")), None);
    }

    #[test]
    fn scalars_keep_their_type_and_made_fields_read_as_yaml() {
        let mut replicas = Value::from(1);
        set_field(&mut replicas, true, &Value::String("3".into()), None).unwrap();
        assert_eq!(replicas, Value::from(3));
        let mut port = Value::String("0".into());
        set_field(&mut port, true, &Value::String("8080".into()), None).unwrap();
        assert_eq!(port, Value::String("8080".into()));
        let mut made = Value::Null;
        set_field(&mut made, false, &Value::String("8080".into()), None).unwrap();
        assert_eq!(made, Value::from(8080));
        let mut image = Value::String("nginx:1.25".into());
        let o = FieldOptions {
            delimiter: ":".into(),
            index: 1,
            create: false,
        };
        set_field(&mut image, true, &Value::String("1.27".into()), Some(&o)).unwrap();
        assert_eq!(image, Value::String("nginx:1.27".into()));
    }
}
