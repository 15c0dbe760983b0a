//! configMapGenerator and secretGenerator (`api/kv/kv.go`,
//! `api/generators/{configmap,secret,utils}.go`): data from literals
//! (`KEY=VALUE`, a quoted value unquoted), files (`[KEY=]PATH`, the key
//! defaulting to the file's name) and env files (`KEY=VALUE` lines, `#`
//! comments and blank lines skipped); generator options merged with the
//! kustomization's `generatorOptions`; `behavior: merge|replace` over an
//! object of the same name from the resources.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::build::{add, Res};
use super::kustomization::{Generator, GeneratorOptions, Kustomization};
use super::Files;

pub(super) fn run(
    fs: &dyn Files,
    dir: &str,
    k: &Kustomization,
    into: &mut Vec<Res>,
) -> Result<(), String> {
    for g in &k.config_maps {
        one(fs, dir, g, &k.generator_options, false, into)?;
    }
    for g in &k.secrets {
        one(fs, dir, g, &k.generator_options, true, into)?;
    }
    Ok(())
}

fn unquote(v: &str) -> &str {
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

fn pairs(fs: &dyn Files, dir: &str, g: &Generator) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    // kv.loader.Load's wrapping: each kind of source names its whole list.
    let listed = |l: &[String]| format!("[{}]", l.join(" "));
    for env in &g.envs {
        let text = super::build::load_file(fs, dir, env).map_err(|e| {
            format!(
                "loading KV pairs: env source files: {}: {e}",
                listed(&g.envs)
            )
        })?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('=') {
                Some((key, value)) => out.push((key.to_string(), value.to_string())),
                None => {
                    return Err(format!(
                        "line {}: env file {env}: key {line:?} has no value (Ordinal's kustomize does not read the environment)",
                        i + 1
                    ))
                }
            }
        }
    }
    for lit in &g.literals {
        let Some((key, value)) = lit.split_once('=') else {
            return Err(format!("invalid literal source {lit}, expected key=value"));
        };
        out.push((key.to_string(), unquote(value).to_string()));
    }
    for f in &g.files {
        let (key, file) = match f.split_once('=') {
            Some((k, p)) => (k.to_string(), p.to_string()),
            None => (f.rsplit('/').next().unwrap_or(f).to_string(), f.clone()),
        };
        let text = super::build::load_file(fs, dir, &file)
            .map_err(|e| format!("loading KV pairs: file sources: {}: {e}", listed(&g.files)))?;
        out.push((key, text));
    }
    Ok(out)
}

/// Base64 as kyaml's `encodeBase64` writes Secret data: a value of 70
/// characters or more is cut into 70-character lines, each ended by a
/// line break (so it prints as a `|` block).
fn b64(data: &[u8]) -> String {
    const LINE: usize = 70;
    let flat = crate::engine::apiserver::defaults::base64_encode(data);
    if flat.len() < LINE {
        return flat;
    }
    let mut out = String::with_capacity(flat.len() + flat.len() / LINE + 1);
    for chunk in flat.as_bytes().chunks(LINE) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out
}

fn string_map(m: &BTreeMap<String, String>) -> Value {
    Value::Object(
        m.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn one(
    fs: &dyn Files,
    dir: &str,
    g: &Generator,
    global: &GeneratorOptions,
    secret: bool,
    into: &mut Vec<Res>,
) -> Result<(), String> {
    let kind = if secret { "Secret" } else { "ConfigMap" };
    let data = pairs(fs, dir, g)?;
    let mut map = Map::new();
    for (k, v) in data {
        if map.contains_key(&k) {
            return Err(format!(
                "cannot add key {k}, another key by that name already exists in {kind}"
            ));
        }
        let v = if secret { b64(v.as_bytes()) } else { v };
        map.insert(k, Value::String(v));
    }
    // Options: the generator's own over the kustomization's.
    let mut labels = global.labels.clone();
    labels.extend(g.options.labels.clone());
    let mut annotations = global.annotations.clone();
    annotations.extend(g.options.annotations.clone());
    let disable_hash = g
        .options
        .disable_name_suffix_hash
        .or(global.disable_name_suffix_hash)
        .unwrap_or(false);
    let immutable = g.options.immutable || global.immutable;

    let mut meta = Map::new();
    meta.insert("name".into(), Value::String(g.name.clone()));
    if !g.namespace.is_empty() {
        meta.insert("namespace".into(), Value::String(g.namespace.clone()));
    }
    if !labels.is_empty() {
        meta.insert("labels".into(), string_map(&labels));
    }
    if !annotations.is_empty() {
        meta.insert("annotations".into(), string_map(&annotations));
    }
    let mut obj = json!({"apiVersion": "v1", "kind": kind, "metadata": Value::Object(meta)});
    if !map.is_empty() {
        obj["data"] = Value::Object(map);
    }
    if secret {
        let t = if g.kind_type.is_empty() {
            "Opaque"
        } else {
            &g.kind_type
        };
        obj["type"] = Value::String(t.into());
    }
    if immutable {
        obj["immutable"] = Value::Bool(true);
    }
    let behavior = if g.behavior.is_empty() {
        "create"
    } else {
        g.behavior.as_str()
    };
    match behavior {
        "create" => {
            let mut r = Res::new(obj);
            r.hashed = !disable_hash;
            add(into, r)
        }
        "merge" | "replace" => {
            let found = into.iter_mut().find(|r| {
                r.kind() == kind
                    && r.all_names().any(|n| n == g.name)
                    && (g.namespace.is_empty() || r.namespace() == g.namespace)
            });
            let Some(existing) = found else {
                return Err(format!(
                    "id {:?} does not exist; cannot merge or replace",
                    super::build::id_text(kind, "v1", "", &g.name, &g.namespace)
                ));
            };
            merge_into(existing, obj, behavior == "merge");
            if disable_hash {
                existing.hashed = false;
            }
            Ok(())
        }
        other => Err(format!("unknown generation behavior '{other}'")),
    }
}

/// `behavior: merge` adds the new data, labels and annotations to the
/// existing object's; `replace` puts the new data in place of the old.
fn merge_into(existing: &mut Res, new: Value, merge: bool) {
    for field in ["data", "binaryData"] {
        let incoming = new.get(field).cloned();
        let target = existing.obj.as_object_mut();
        let Some(target) = target else { return };
        match (merge, incoming) {
            (true, Some(Value::Object(add))) => {
                let entry = target
                    .entry(field)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(m) = entry.as_object_mut() {
                    m.extend(add);
                }
            }
            (false, Some(v)) => {
                target.insert(field.into(), v);
            }
            (false, None) => {
                target.remove(field);
            }
            (true, _) => {}
        }
    }
    for field in ["labels", "annotations"] {
        if let Some(Value::Object(add)) = new.get("metadata").and_then(|m| m.get(field)).cloned() {
            let meta = super::build::meta_mut(&mut existing.obj);
            let entry = meta
                .entry(field)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(m) = entry.as_object_mut() {
                m.extend(add);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_as_go_does() {
        assert_eq!(super::b64(b"CERT"), "Q0VSVA==");
        assert_eq!(super::b64(b"KEY"), "S0VZ");
        assert_eq!(super::b64(b"secret"), "c2VjcmV0");
        assert_eq!(super::b64(b""), "");
        // 51 bytes encode to 68 characters: one line; 52 bytes to 72: cut.
        assert!(!super::b64(&[b'a'; 51]).contains('\n'));
        let long = super::b64(&[b'a'; 106]);
        let lines: Vec<&str> = long.split_terminator('\n').collect();
        assert_eq!(
            lines.iter().map(|l| l.len()).collect::<Vec<_>>(),
            [70, 70, 4]
        );
        assert!(long.ends_with("YQ==\n"));
    }
}
