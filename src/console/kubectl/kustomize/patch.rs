//! kustomize's patches (`plugin/builtin/patchtransformer`,
//! `patchstrategicmergetransformer`, `patchjson6902transformer`): a
//! strategic merge patch finds its object by kind and name (any name the
//! object has had) or by a `target` selector; a JSON 6902 patch needs a
//! target. The patch is applied under the object's current name, so a
//! patch written against a base name does not rename the object back.

use serde_json::Value;

use super::build::{str_at, yaml_docs, Res};
use super::kustomization::{Patch, Selector};
use super::Files;
use crate::engine::Kind;
use crate::manifest::schema::{schema, Ty};

/// Which builtin plugin reads a patch entry: kustomize names it in its
/// errors, and only PatchTransformer says how it read the file.
#[derive(Clone, Copy)]
enum Plugin {
    Patch,
    Json6902,
}

fn load(fs: &dyn Files, dir: &str, p: &Patch, plugin: Plugin) -> Result<String, String> {
    if !p.patch.is_empty() {
        return Ok(p.patch.clone());
    }
    super::build::load_file(fs, dir, &p.path).map_err(|e| {
        let (name, how) = match plugin {
            Plugin::Patch => (
                "PatchTransformer",
                format!("failed to get the patch file from path({}): ", p.path),
            ),
            Plugin::Json6902 => ("PatchJson6902Transformer", String::new()),
        };
        format!(
            "trouble configuring builtin {name} with config: `\n{}`: {how}{e}",
            config_yaml(p)
        )
    })
}

/// The patch entry as the plugin's config YAML: marshalled through JSON
/// (sigs.k8s.io/yaml), so its keys are sorted and empty ones left out.
fn config_yaml(p: &Patch) -> String {
    let mut config = serde_json::Map::new();
    if !p.path.is_empty() {
        config.insert("path".into(), Value::String(p.path.clone()));
    }
    if let Some(t) = &p.target {
        let target: serde_json::Map<String, Value> = [
            ("group", &t.group),
            ("version", &t.version),
            ("kind", &t.kind),
            ("name", &t.name),
            ("namespace", &t.namespace),
            ("labelSelector", &t.label_selector),
            ("annotationSelector", &t.annotation_selector),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            let v = v.as_deref().filter(|v| !v.is_empty())?;
            Some((k.to_string(), Value::String(v.into())))
        })
        .collect();
        config.insert("target".into(), Value::Object(target));
    }
    crate::manifest::print::to_yaml(&Value::Object(config))
}

fn regex_match(pattern: &str, text: &str) -> bool {
    match crate::console::sh::regex::Regex::new(&format!("^({pattern})$"), true, false) {
        Ok(re) => re.is_match(text),
        Err(_) => pattern == text,
    }
}

pub(super) fn labels_match(selector: &str, map: Option<&Value>) -> Result<bool, String> {
    let sel = crate::console::kubectl::selector::parse(selector)?;
    let labels: crate::engine::objects::Labels = map
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (
                        k.as_str(),
                        crate::engine::objects::RcStr::from(v.as_str().unwrap_or("")),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(sel.matches(&labels))
}

fn selects(t: &Selector, r: &Res) -> Result<bool, String> {
    let eq = |want: &Option<String>, have: &str| {
        want.as_deref().is_none_or(|w| w.is_empty() || w == have)
    };
    let re = |want: &Option<String>, have: &str| {
        want.as_deref()
            .is_none_or(|w| w.is_empty() || regex_match(w, have))
    };
    if !(eq(&t.group, r.group()) && eq(&t.version, r.version()) && re(&t.kind, r.kind())) {
        return Ok(false);
    }
    if !(re(&t.name, r.name()) && re(&t.namespace, r.namespace())) {
        return Ok(false);
    }
    if let Some(l) = t.label_selector.as_deref().filter(|s| !s.is_empty()) {
        if !labels_match(l, r.obj.get("metadata").and_then(|m| m.get("labels")))? {
            return Ok(false);
        }
    }
    if let Some(a) = t.annotation_selector.as_deref().filter(|s| !s.is_empty()) {
        if !labels_match(a, r.obj.get("metadata").and_then(|m| m.get("annotations")))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Applies one strategic merge patch document to an object.
fn merge(r: &mut Res, patch: &Value) -> Result<(), String> {
    let mut patch = patch.clone();
    // Under the object's own current name and kind.
    if let Value::Object(m) = &mut patch {
        m.insert("kind".into(), Value::String(r.kind().into()));
        m.insert("apiVersion".into(), Value::String(r.api_version().into()));
        let meta = super::build::meta_mut(&mut patch);
        meta.insert("name".into(), Value::String(r.name().into()));
        if !r.namespace().is_empty() {
            meta.insert("namespace".into(), Value::String(r.namespace().into()));
        } else {
            meta.remove("namespace");
        }
    }
    let ty = match Kind::from_api_version_kind(r.api_version(), r.kind()) {
        Some(k) if k.is_simulated() => Ty::Struct(schema().root(k)),
        _ => Ty::Any,
    };
    r.obj =
        crate::manifest::smp::apply_prepending(&r.obj, &patch, &ty).map_err(|e| e.to_string())?;
    Ok(())
}

fn is_delete(patch: &Value) -> bool {
    patch.get("$patch").and_then(Value::as_str) == Some("delete")
}

/// A strategic merge patch with no target: the object of its kind and
/// name (and namespace, when the patch gives one).
fn merge_by_id(patch: &Value, resources: &mut Vec<Res>) -> Result<(), String> {
    let kind = str_at(patch, &["kind"]);
    let name = str_at(patch, &["metadata", "name"]);
    let ns = str_at(patch, &["metadata", "namespace"]);
    let api = str_at(patch, &["apiVersion"]);
    let group = api.rsplit_once('/').map_or("", |(g, _)| g);
    let found: Vec<usize> = resources
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.kind() == kind
                && r.group() == group
                && r.all_names().any(|n| n == name)
                && (ns.is_empty() || r.namespace() == ns || r.history.iter().any(|(_, h)| h == ns))
        })
        .map(|(i, _)| i)
        .collect();
    let version = api.rsplit_once('/').map_or(api, |(_, v)| v);
    let id = super::build::id_text(kind, version, group, name, ns);
    match found.as_slice() {
        [i] => {
            if is_delete(patch) {
                resources.remove(*i);
                Ok(())
            } else {
                merge(&mut resources[*i], patch)
            }
        }
        [] => Err(format!(
            "no resource matches strategic merge patch \"{id}\": no matches for Id {id}; failed to find unique target for patch {id}"
        )),
        _ => Err(format!(
            "multiple matches for Id {id}; failed to find unique target for patch {id}"
        )),
    }
}

pub(super) fn strategic_merge_files(
    fs: &dyn Files,
    dir: &str,
    list: &[String],
    resources: &mut Vec<Res>,
) -> Result<(), String> {
    for entry in list {
        // An entry is a file, or the patch itself written inline.
        let text = if entry.contains('\n') || entry.contains(": ") {
            entry.clone()
        } else {
            super::build::load_file(fs, dir, entry).map_err(|e| {
                // The plugin's config lists every entry under `paths`.
                let mut config = serde_json::Map::new();
                let paths = list.iter().map(|p| Value::String(p.clone())).collect();
                config.insert("paths".into(), Value::Array(paths));
                format!(
                    "trouble configuring builtin PatchStrategicMergeTransformer with config: `\n{}`: {e}",
                    crate::manifest::print::to_yaml(&Value::Object(config))
                )
            })?
        };
        for doc in yaml_docs(&text)? {
            merge_by_id(&doc, resources)?;
        }
    }
    Ok(())
}

pub(super) fn patches(
    fs: &dyn Files,
    dir: &str,
    list: &[Patch],
    resources: &mut Vec<Res>,
) -> Result<(), String> {
    for p in list {
        if p.patch.is_empty() && p.path.is_empty() {
            return Err("must specify one of patch and path in patches".into());
        }
        if !p.patch.is_empty() && !p.path.is_empty() {
            return Err("patch and path can't be set at the same time".into());
        }
        let text = load(fs, dir, p, Plugin::Patch)?;
        let docs = yaml_docs(&text)?;
        if let Some(Value::Array(_)) = docs.first() {
            json6902_one(p, &docs[0], resources)?;
            continue;
        }
        for doc in &docs {
            match &p.target {
                None => merge_by_id(doc, resources)?,
                Some(t) => {
                    let mut i = 0;
                    while i < resources.len() {
                        if selects(t, &resources[i])? {
                            if is_delete(doc) {
                                resources.remove(i);
                                continue;
                            }
                            merge(&mut resources[i], doc)?;
                        }
                        i += 1;
                    }
                }
            }
        }
    }
    Ok(())
}

fn json6902_one(p: &Patch, ops: &Value, resources: &mut [Res]) -> Result<(), String> {
    let Some(t) = &p.target else {
        return Err("unable to apply JSON 6902 patch: it needs a target".into());
    };
    for r in resources.iter_mut() {
        if selects(t, r)? {
            r.obj = crate::manifest::patch::json_patch(&r.obj, ops).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

pub(super) fn json6902(
    fs: &dyn Files,
    dir: &str,
    list: &[Patch],
    resources: &mut [Res],
) -> Result<(), String> {
    for p in list {
        let text = load(fs, dir, p, Plugin::Json6902)?;
        let docs = yaml_docs(&text)?;
        let ops = docs.into_iter().next().unwrap_or(Value::Array(Vec::new()));
        json6902_one(p, &ops, resources)?;
    }
    Ok(())
}
