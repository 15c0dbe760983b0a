//! `-o name`: one `resource[.group]/name` line per object (`pod/web-0`,
//! `statefulset.apps/web`), as cli-runtime's NamePrinter writes it; with an
//! operation it is the success line of a mutating command
//! (`statefulset.apps/web scaled`).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use crate::engine::objects::Object;

/// `-o name` for a list of objects, in the given order.
pub fn name_output(objects: &[Object]) -> String {
    objects.iter().map(|o| name_line(o, "")).collect()
}

/// `kind.group/name` followed by ` operation` when there is one, and a newline.
pub fn name_line(obj: &Object, operation: &str) -> String {
    let name = if obj.name().is_empty() {
        "<unknown>"
    } else {
        obj.name()
    };
    let mut line = format!("{}/{name}", obj.kind().singular_qualified());
    if !operation.is_empty() {
        line.push(' ');
        line.push_str(operation);
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Kind;
    use serde_json::json;

    #[test]
    fn r10_10_names_carry_the_group_except_for_core_kinds() {
        let sts =
            Object::from_value(Kind::StatefulSet, json!({"metadata": {"name": "web"}})).unwrap();
        let pod = Object::from_value(Kind::Pod, json!({"metadata": {"name": "web-0"}})).unwrap();
        assert_eq!(
            name_output(&[sts.clone(), pod]),
            "statefulset.apps/web\npod/web-0\n"
        );
        assert_eq!(name_line(&sts, "scaled"), "statefulset.apps/web scaled\n");
    }
}
