//! `-o jsonpath=TEMPLATE`: client-go's JSONPath dialect (`parser`, `eval`)
//! and the way kubectl reports its failures. kubectl allows missing keys
//! by default (`--allow-missing-template-keys=true`), so `{.foo}` prints
//! nothing; an index out of range or a bad template is an error whose text
//! ends with the `%#v` dump of the object, as kubectl prints it.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

mod eval;
mod parser;

use serde_json::Value;

use super::gofmt;

/// Runs `template` on one object or a `List` (see `wire::list_value`)
/// with kubectl's defaults. `Err` holds kubectl's error message (print it
/// with `printers::error_text`).
pub fn jsonpath(template: &str, value: &Value) -> Result<String, String> {
    jsonpath_with(template, value, true)
}

/// As `jsonpath`, choosing whether a missing key is an error
/// (`--allow-missing-template-keys=false`).
pub fn jsonpath_with(
    template: &str,
    value: &Value,
    allow_missing_keys: bool,
) -> Result<String, String> {
    jsonpath_output(template, value, allow_missing_keys, false)
}

/// As `jsonpath_with`; `as_json` is `-o jsonpath-as-json`
/// (`EnableJSONOutput`): each top-level node's results as one JSON array,
/// indented by four spaces, on lines of their own.
pub fn jsonpath_output(
    template: &str,
    value: &Value,
    allow_missing_keys: bool,
    as_json: bool,
) -> Result<String, String> {
    let nodes =
        parser::parse(template).map_err(|e| format!("error parsing jsonpath {template}, {e}\n"))?;
    execute(&nodes, value, allow_missing_keys, as_json).map_err(|e| {
        format!(
            "error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
            gofmt::quote(template),
            gofmt::sharp_v(value),
        )
    })
}

/// Parses a template, returning client-go's parse error text on failure.
pub(crate) fn compile(template: &str) -> Result<Template, String> {
    parser::parse(template).map(|nodes| Template { nodes })
}

/// A parsed template, for printers that run one template on many objects.
pub(crate) struct Template {
    nodes: Vec<parser::Node>,
}

impl Template {
    /// The values each top-level node yields, rendered with `fmt.Sprint`
    /// (custom columns print values this way, not as JSON).
    pub fn values(
        &self,
        value: &Value,
        allow_missing_keys: bool,
    ) -> Result<Vec<Vec<Value>>, String> {
        let mut ev = eval::Eval::new(&self.nodes, allow_missing_keys);
        let results = ev.find_results(0, value)?;
        Ok(results
            .into_iter()
            .map(|r| r.into_iter().map(|v| v.into_owned()).collect())
            .collect())
    }
}

fn execute(
    nodes: &[parser::Node],
    value: &Value,
    allow_missing_keys: bool,
    as_json: bool,
) -> Result<String, String> {
    let mut ev = eval::Eval::new(nodes, allow_missing_keys);
    let results = ev.find_results(0, value)?;
    let mut out = String::new();
    for r in &results {
        if as_json {
            let all = Value::Array(r.iter().map(|v| v.as_ref().clone()).collect());
            out.push_str(&crate::manifest::print::to_json(&all));
        } else {
            eval::print_results(r, &mut out);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn list() -> Value {
        json!({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [
            {"metadata": {"name": "web-0", "labels": {"app": "nginx"}, "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
             "status": {"podIP": "10.244.1.5", "conditions": [{"type": "Ready", "status": "True"}, {"type": "PodScheduled", "status": "True"}]},
             "spec": {"containers": [{"name": "nginx", "image": "nginx:1", "ports": [{"containerPort": 80}]}]}},
            {"metadata": {"name": "web-1", "labels": {"app": "nginx"}},
             "status": {"podIP": "10.244.2.6", "conditions": [{"type": "Ready", "status": "False"}]},
             "spec": {"containers": [{"name": "nginx", "image": "nginx:2"}]}},
        ]})
    }

    /// `-o jsonpath-as-json`, as kubectl 1.33 prints it for a generated
    /// Deployment (`kubectl create deployment … --dry-run=client`).
    #[test]
    fn as_json_prints_each_node_as_an_indented_array() {
        let d = json!({"kind": "Deployment", "metadata": {"name": "d", "labels": {"app": "d"}},
            "spec": {"template": {"spec": {"containers": [{"name": "nginx", "ports": [{"containerPort": 80}]}]}}}});
        let run = |t: &str| jsonpath_output(t, &d, true, true).unwrap();
        assert_eq!(
            run("{.kind}{.metadata.name}"),
            "[\n    \"Deployment\"\n]\n[\n    \"d\"\n]\n"
        );
        assert_eq!(
            run("{.spec.template.spec.containers[0].ports}"),
            "[\n    [\n        {\n            \"containerPort\": 80\n        }\n    ]\n]\n"
        );
        assert_eq!(run("{.nothing}"), "[]\n");
        assert_eq!(run("{\"<a>\"}"), "[\n    \"\\u003ca\\u003e\"\n]\n");
        assert_eq!(
            run("{range .spec.template.spec.containers[*]}{.name}{end}"),
            "[\n    \"nginx\"\n]\n"
        );
    }

    #[test]
    fn r10_jsonpath_items_range_and_literals() {
        let l = list();
        assert_eq!(
            jsonpath("{.items[*].metadata.name}", &l).unwrap(),
            "web-0 web-1"
        );
        assert_eq!(
            jsonpath(
                "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.podIP}{\"\\n\"}{end}",
                &l
            )
            .unwrap(),
            "web-0\t10.244.1.5\nweb-1\t10.244.2.6\n"
        );
        assert_eq!(
            jsonpath("{.items[0].metadata.labels.app}", &l).unwrap(),
            "nginx"
        );
        assert_eq!(
            jsonpath("{.items[-1:].metadata.name}", &l).unwrap(),
            "web-1"
        );
        assert_eq!(
            jsonpath("{.items[0].metadata.labels}", &l).unwrap(),
            r#"{"app":"nginx"}"#
        );
        assert_eq!(
            jsonpath("{.kind} {.metadata}", &l).unwrap(),
            r#"List {"resourceVersion":""}"#
        );
        assert_eq!(jsonpath("{.items[5:5]}", &l).unwrap(), "");
        assert_eq!(jsonpath("plain text", &l).unwrap(), "plain text");
    }

    #[test]
    fn r10_jsonpath_filters_and_descent() {
        let l = list();
        assert_eq!(
            jsonpath(
                "{.items[*].status.conditions[?(@.type==\"Ready\")].status}",
                &l
            )
            .unwrap(),
            "True False"
        );
        assert_eq!(
            jsonpath(
                "{.items[?(@.status.podIP==\"10.244.2.6\")].metadata.name}",
                &l
            )
            .unwrap(),
            "web-1"
        );
        assert_eq!(
            jsonpath("{.items[0].spec.containers[?(@.ports)].name}", &l).unwrap(),
            "nginx"
        );
        assert_eq!(jsonpath("{.items[1]..image}", &l).unwrap(), "nginx:2");
        assert_eq!(
            jsonpath("{.items[0].metadata.labels.*}", &l).unwrap(),
            "nginx"
        );
        assert_eq!(
            jsonpath(
                "{.items[*].spec.containers[0].ports[?(@.containerPort>79)].containerPort}",
                &l
            )
            .unwrap(),
            "80"
        );
        assert_eq!(
            jsonpath(
                r"{.items[0].metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}",
                &l
            )
            .unwrap(),
            "{}"
        );
        assert_eq!(
            jsonpath("{.items[0,1].metadata.name}", &l).unwrap(),
            "web-0 web-1"
        );
        assert_eq!(
            jsonpath("{.items[0].metadata['name']}", &l).unwrap(),
            "web-0"
        );
    }

    #[test]
    fn r10_jsonpath_missing_keys_print_nothing() {
        let l = list();
        assert_eq!(jsonpath("{.foo}", &l).unwrap(), "");
        assert_eq!(jsonpath("{.items[*].status.hostIP}", &l).unwrap(), "");
        assert_eq!(jsonpath_with("{.foo}", &l, false).unwrap_err().lines().next().unwrap(),
            "error executing jsonpath \"{.foo}\": Error executing template: foo is not found. Printing more information for debugging the template:");
    }

    #[test]
    fn r10_jsonpath_errors_use_kubectl_wording() {
        let obj = json!({"kind": "Pod", "spec": {"replicas": 1, "x": [1]}, "t": null});
        assert_eq!(
            jsonpath("{.foo", &obj).unwrap_err(),
            "error parsing jsonpath {.foo, unclosed action\n"
        );
        assert_eq!(
            jsonpath("{.x[}", &obj).unwrap_err(),
            "error parsing jsonpath {.x[}, unterminated array\n"
        );
        assert_eq!(
            jsonpath("{.spec.x[3]}", &obj).unwrap_err(),
            "error executing jsonpath \"{.spec.x[3]}\": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.x[3]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"kind\":\"Pod\", \"spec\":map[string]interface {}{\"replicas\":1, \"x\":[]interface {}{1}}, \"t\":interface {}(nil)}\n\n\n"
        );
        assert!(jsonpath("{.spec.replicas[0]}", &obj)
            .unwrap_err()
            .contains("Error executing template: int64 is not array or slice."));
        assert!(jsonpath("{.spec[0]}", &obj)
            .unwrap_err()
            .contains("map[string]interface {} is not array or slice"));
        assert!(jsonpath("{end}", &obj)
            .unwrap_err()
            .contains("not in range, nothing to end"));
        assert!(jsonpath("{foo}", &obj)
            .unwrap_err()
            .contains("unrecognized identifier foo"));
        assert_eq!(jsonpath("{.t}", &obj).unwrap(), "null");
    }
}
