//! The spec diff that some "immutable" errors append (upstream uses
//! `cmp.Diff`). go-cmp deliberately randomises its whitespace so that no
//! one depends on its exact text; this renders the same idea — the struct
//! name, then `-`/`+` lines for each top-level field that changed, with Go
//! field names and JSON values — deterministically.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::render::J;
use crate::engine::objects::Value;

fn go_field_name(json_name: &str) -> String {
    let mut c = json_name.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn spec_diff(type_name: &str, old: &Value, new: &Value) -> String {
    let empty = serde_json::Map::new();
    let old_map = old.as_object().unwrap_or(&empty);
    let new_map = new.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = old_map.keys().chain(new_map.keys()).collect();
    crate::sort::sort(&mut keys);
    keys.dedup();
    let mut out = format!("  {type_name}{{\n");
    let mut same = 0;
    for k in keys {
        let (a, b) = (old_map.get(k), new_map.get(k));
        if a == b {
            same += 1;
            continue;
        }
        let name = go_field_name(k);
        if let Some(a) = a {
            out.push_str(&format!("- \t{name}: {},\n", J::from_value(a).render()));
        }
        if let Some(b) = b {
            out.push_str(&format!("+ \t{name}: {},\n", J::from_value(b).render()));
        }
    }
    if same > 0 {
        out.push_str(&format!("  \t... // {same} identical fields\n"));
    }
    out.push_str("  }\n");
    out
}
