//! `kubectl patch --type=merge` (JSON merge patch, RFC 7386) and
//! `--type=json` (JSON patch, RFC 6902) as the API server applies them
//! (evanphx/json-patch v4, including its leniencies: `replace` of a missing
//! key adds it, `copy`/`test` of a missing value see `null`, the text
//! before the first `/` of a path is ignored), with its error texts.
//! Strategic merge patch is in `smp.rs`.
//!
//! Recursion is bounded by the depth of the values. May not import browser
//! crates.

use serde_json::{Map, Value};

/// A patch the API server refuses; `message` is its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchError {
    pub message: String,
}

impl PatchError {
    fn new(message: impl Into<String>) -> Self {
        PatchError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for PatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// RFC 7386: `null` deletes, objects merge, anything else replaces.
pub fn merge_patch(doc: &Value, patch: &Value) -> Value {
    let Value::Object(p) = patch else {
        return patch.clone();
    };
    let mut out = match doc {
        Value::Object(d) => d.clone(),
        _ => Map::new(),
    };
    for (k, v) in p {
        if v.is_null() {
            out.remove(k);
        } else {
            let merged = merge_patch(out.get(k).unwrap_or(&Value::Null), v);
            out.insert(k.clone(), merged);
        }
    }
    Value::Object(out)
}

/// The RFC 7386 patch that turns `from` into `to` (what `kubectl edit` and
/// three-way apply of unregistered kinds send).
pub fn create_merge_patch(from: &Value, to: &Value) -> Value {
    match (from, to) {
        (Value::Object(f), Value::Object(t)) => {
            let mut p = Map::new();
            for (k, tv) in t {
                match f.get(k) {
                    Some(fv) if fv == tv => {}
                    Some(fv @ Value::Object(_)) if tv.is_object() => {
                        p.insert(k.clone(), create_merge_patch(fv, tv));
                    }
                    _ => {
                        p.insert(k.clone(), tv.clone());
                    }
                }
            }
            for k in f.keys() {
                if !t.contains_key(k) {
                    p.insert(k.clone(), Value::Null);
                }
            }
            Value::Object(p)
        }
        _ => to.clone(),
    }
}

/// RFC 6902, operation by operation; the first failure stops.
pub fn json_patch(doc: &Value, patch: &Value) -> Result<Value, PatchError> {
    let Value::Array(ops) = patch else {
        let what = match patch {
            Value::Object(_) => "object",
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            _ => "null",
        };
        if patch.is_null() {
            return Ok(doc.clone());
        }
        return Err(PatchError::new(format!(
            "json: cannot unmarshal {what} into Go value of type jsonpatch.Patch"
        )));
    };
    let mut doc = doc.clone();
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("unknown");
        let path = op.get("path").and_then(Value::as_str);
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        let need_path = |p: Option<&str>| {
            p.map(str::to_string).ok_or_else(|| PatchError::new(format!("{kind} operation failed to decode path: operation missing path field: missing value")))
        };
        match kind {
            "add" => add(&mut doc, &need_path(path)?, value, "add")?,
            "remove" => {
                let path = need_path(path)?;
                remove(&mut doc, &path).map_err(|e| match e {
                    Missing::Parent => PatchError::new(format!("remove operation does not apply: doc is missing path: \"{path}\": missing value")),
                    Missing::Inner(m) => PatchError::new(format!("error in remove for path: '{path}': {m}")),
                })?;
            }
            "replace" => {
                let path = need_path(path)?;
                let Some((con, key)) = find(&mut doc, &path) else {
                    return Err(PatchError::new(format!("replace operation does not apply: doc is missing path: {path}: missing value")));
                };
                match con {
                    Value::Object(m) => {
                        m.insert(key, value);
                    }
                    Value::Array(a) => match key.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                        Some(slot) => *slot = value,
                        None => return Err(PatchError::new(format!("Object to be patched is missing field ({path}: missing value)"))),
                    },
                    _ => return Err(PatchError::new(format!("replace operation does not apply: doc is missing path: {path}: missing value"))),
                }
            }
            "move" | "copy" => {
                let from = op.get("from").and_then(Value::as_str).ok_or_else(|| PatchError::new(format!("{kind} operation failed to decode from: operation missing from field: missing value")))?;
                let to = need_path(path)?;
                let Some((con, key)) = find(&mut doc, from) else {
                    return Err(PatchError::new(format!("{kind} operation does not apply: doc is missing from path: {from}: missing value")));
                };
                let moved = if kind == "move" {
                    take(con, &key).map_err(|m| {
                        PatchError::new(format!("error in move for path: '{key}': {m}"))
                    })?
                } else {
                    get(con, &key).cloned().unwrap_or(Value::Null)
                };
                if find(&mut doc, &to).is_none() {
                    return Err(PatchError::new(format!("{kind} operation does not apply: doc is missing destination path: {to}: missing value")));
                }
                add(&mut doc, &to, moved, kind)?;
            }
            "test" => {
                let path = need_path(path)?;
                let Some((con, key)) = find(&mut doc, &path) else {
                    return Err(PatchError::new(format!(
                        "test operation does not apply: is missing path: {path}: missing value"
                    )));
                };
                if get(con, &key).unwrap_or(&Value::Null) != &value {
                    return Err(PatchError::new(format!(
                        "testing value {path} failed: test failed"
                    )));
                }
            }
            other => return Err(PatchError::new(format!("Unexpected kind: {other}"))),
        }
    }
    Ok(doc)
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// evanphx `findObject`: the container holding the last path token, and
/// that token. The text before the first `/` is ignored.
fn find<'d>(doc: &'d mut Value, path: &str) -> Option<(&'d mut Value, String)> {
    let split: Vec<&str> = path.split('/').collect();
    if split.len() < 2 {
        return None;
    }
    let key = unescape(split.last()?);
    let mut cur = doc;
    for part in &split[1..split.len() - 1] {
        let part = unescape(part);
        cur = match cur {
            Value::Object(m) => m.get_mut(&part).filter(|v| v.is_object() || v.is_array())?,
            Value::Array(a) => {
                let i: usize = part.parse().ok()?;
                a.get_mut(i).filter(|v| v.is_object() || v.is_array())?
            }
            _ => return None,
        };
    }
    if cur.is_object() || cur.is_array() {
        Some((cur, key))
    } else {
        None
    }
}

fn get<'v>(con: &'v Value, key: &str) -> Option<&'v Value> {
    match con {
        Value::Object(m) => m.get(key),
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    }
}

enum Missing {
    Parent,
    Inner(String),
}

fn atoi_error(key: &str) -> String {
    format!(
        "strconv.Atoi: parsing {}: invalid syntax",
        crate::engine::apiserver::go_quote(key)
    )
}

fn take(con: &mut Value, key: &str) -> Result<Value, String> {
    match con {
        Value::Object(m) => m
            .remove(key)
            .ok_or_else(|| format!("Unable to remove nonexistent key: {key}: missing value")),
        Value::Array(a) => {
            let i: i64 = key.parse().map_err(|_| atoi_error(key))?;
            let len = a.len() as i64;
            let idx = if i < 0 { i + len } else { i };
            if idx < 0 || idx >= len {
                return Err(format!(
                    "Unable to access invalid index: {i}: invalid index referenced"
                ));
            }
            Ok(a.remove(idx as usize))
        }
        _ => Err(format!(
            "Unable to remove nonexistent key: {key}: missing value"
        )),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<(), Missing> {
    let (con, key) = find(doc, path).ok_or(Missing::Parent)?;
    take(con, &key).map(|_| ()).map_err(Missing::Inner)
}

fn add(doc: &mut Value, path: &str, value: Value, op: &str) -> Result<(), PatchError> {
    let Some((con, key)) = find(doc, path) else {
        return Err(PatchError::new(format!(
            "{op} operation does not apply: doc is missing path: \"{path}\": missing value"
        )));
    };
    match con {
        Value::Object(m) => {
            m.insert(key, value);
            Ok(())
        }
        Value::Array(a) => {
            if key == "-" {
                a.push(value);
                return Ok(());
            }
            let i: i64 = key.parse().map_err(|_| {
                PatchError::new(format!(
                    "error in {op} for path: '{path}': {}",
                    atoi_error(&key)
                ))
            })?;
            let len = a.len() as i64;
            // Negative indices count from the end (-1 appends).
            let idx = if i < 0 { i + len + 1 } else { i };
            if idx < 0 || idx > len {
                return Err(PatchError::new(format!("error in {op} for path: '{path}': Unable to access invalid index: {i}: invalid index referenced")));
            }
            a.insert(idx as usize, value);
            Ok(())
        }
        _ => Err(PatchError::new(format!(
            "{op} operation does not apply: doc is missing path: \"{path}\": missing value"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sts() -> Value {
        json!({"spec": {"replicas": 2, "serviceName": "nginx", "template": {"spec": {"containers": [{"name": "nginx"}]}}}})
    }

    fn jp(p: Value) -> Result<Value, String> {
        json_patch(&sts(), &p).map_err(|e| e.message)
    }

    #[test]
    fn merge_patch_rfc7386() {
        let doc = json!({"a": "b", "c": {"d": "e", "f": "g"}, "l": [1, 2]});
        let patch = json!({"a": "z", "c": {"f": null}, "l": [3], "n": {"x": null}});
        assert_eq!(
            merge_patch(&doc, &patch),
            json!({"a": "z", "c": {"d": "e"}, "l": [3], "n": {}})
        );
        assert_eq!(merge_patch(&doc, &json!("x")), json!("x"));
        let to = json!({"a": "b", "c": {"d": "e"}, "x": 1});
        let p = create_merge_patch(&doc, &to);
        assert_eq!(p, json!({"c": {"f": null}, "l": null, "x": 1}));
        assert_eq!(merge_patch(&doc, &p), to);
    }

    #[test]
    fn json_patch_operations() {
        assert_eq!(
            jp(json!([{"op": "replace", "path": "/spec/replicas", "value": 5}])).unwrap()["spec"]
                ["replicas"],
            5
        );
        let v = jp(json!([{"op": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "b"}}, {"op": "add", "path": "/spec/template/spec/containers/0", "value": {"name": "a"}}])).unwrap();
        assert_eq!(
            v["spec"]["template"]["spec"]["containers"],
            json!([{"name": "a"}, {"name": "nginx"}, {"name": "b"}])
        );
        let v = jp(json!([{"op": "move", "from": "/spec/replicas", "path": "/spec/r2"}, {"op": "copy", "from": "/spec/r2", "path": "/spec/r3"}, {"op": "remove", "path": "/spec/serviceName"}, {"op": "test", "path": "/spec/r3", "value": 2}])).unwrap();
        assert_eq!(
            v["spec"],
            json!({"r2": 2, "r3": 2, "template": {"spec": {"containers": [{"name": "nginx"}]}}})
        );
        // evanphx v4 leniency: replace adds a missing key; escapes.
        assert_eq!(jp(json!([{"op": "replace", "path": "/spec/foo", "value": 5}, {"op": "add", "path": "/spec/a~1b", "value": 1}])).unwrap()["spec"]["a/b"], 1);
    }

    #[test]
    fn json_patch_errors_like_the_api_server() {
        // Texts observed with kubectl 1.33 `patch --local --type json`.
        let cases = [
            (json!([{"op": "replace", "path": "/spec/foo/bar", "value": 5}]), "replace operation does not apply: doc is missing path: /spec/foo/bar: missing value"),
            (json!([{"op": "add", "path": "/spec/foo/bar", "value": 5}]), "add operation does not apply: doc is missing path: \"/spec/foo/bar\": missing value"),
            (json!([{"op": "remove", "path": "/spec/foo"}]), "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value"),
            (json!([{"op": "remove", "path": "/spec/template/spec/containers/5"}]), "error in remove for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"),
            (json!([{"op": "add", "path": "/spec/template/spec/containers/5", "value": {}}]), "error in add for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"),
            (json!([{"op": "test", "path": "/spec/replicas", "value": 3}]), "testing value /spec/replicas failed: test failed"),
            (json!([{"op": "move", "from": "/spec/foo", "path": "/spec/bar"}]), "error in move for path: 'foo': Unable to remove nonexistent key: foo: missing value"),
            (json!([{"op": "frob", "path": "/spec/replicas"}]), "Unexpected kind: frob"),
            (json!([{"path": "/spec/replicas", "value": 5}]), "Unexpected kind: unknown"),
            (json!([{"op": "replace", "value": 5}]), "replace operation failed to decode path: operation missing path field: missing value"),
            (json!({"op": "replace"}), "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
            (json!([{"op": "replace", "path": "/spec/template/spec/containers/5", "value": {}}]), "Object to be patched is missing field (/spec/template/spec/containers/5: missing value)"),
            (json!([{"op": "remove", "path": "/spec/foo/bar"}]), "remove operation does not apply: doc is missing path: \"/spec/foo/bar\": missing value"),
            (json!([{"op": "test", "path": "/spec/foo/bar", "value": 3}]), "test operation does not apply: is missing path: /spec/foo/bar: missing value"),
            (json!([{"op": "move", "from": "/spec/replicas", "path": "/spec/x/y"}]), "move operation does not apply: doc is missing destination path: /spec/x/y: missing value"),
            (json!([{"op": "add", "path": "", "value": 1}]), "add operation does not apply: doc is missing path: \"\": missing value"),
            (json!([{"op": "remove", "path": "/spec/template/spec/containers/-"}]), "error in remove for path: '/spec/template/spec/containers/-': strconv.Atoi: parsing \"-\": invalid syntax"),
        ];
        for (p, want) in cases {
            assert_eq!(jp(p.clone()).unwrap_err(), want, "{p}");
        }
    }
}
