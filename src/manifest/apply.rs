//! Client-side `kubectl apply`: the last-applied-configuration annotation
//! and the three-way strategic merge between that annotation (what was
//! applied last), the new configuration and the live object.
//!
//! The caller passes the configuration as kubectl would hold it, i.e. with
//! `metadata.namespace` already set for namespaced kinds (kubectl's
//! resource builder fills it in before computing the annotation).
//!
//! May not import browser crates.

use serde_json::{Map, Value};

use super::patch::PatchError;
use super::print::to_json_compact;
use super::schema::{schema, Ty};
use super::smp;
use crate::engine::objects::Kind;

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// What `kubectl apply` does with one object.
#[derive(Clone, Debug, PartialEq)]
pub enum ApplyPlan {
    /// The object does not exist: create it as given, with the annotation
    /// set (kubectl prints `… created`).
    Create { object: Value },
    /// The computed patch is `{}` (kubectl prints `… unchanged`).
    Unchanged,
    /// kubectl sends `patch` (a strategic merge patch); `result` is the live
    /// object with it applied, before the API server's defaulting and
    /// validation (kubectl prints `… configured`).
    Patch { patch: Value, result: Value },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ApplyError {
    /// The configuration is not a JSON object.
    NotAnObject,
    /// The live object's annotation is not valid JSON.
    BadAnnotation(String),
    Patch(PatchError),
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplyError::NotAnObject => f.write_str("the configuration is not an object"),
            ApplyError::BadAnnotation(e) => {
                write!(f, "unable to read the last applied configuration: {e}")
            }
            ApplyError::Patch(e) => f.write_str(&e.message),
        }
    }
}

/// The annotation's value for a configuration (kubectl's
/// `GetModifiedConfiguration` without annotating): the configuration as
/// compact JSON, with its own last-applied annotation removed and an
/// `annotations` map present even when empty, plus the newline Go's JSON
/// encoder ends with.
pub fn last_applied(config: &Value) -> String {
    let mut c = config.clone();
    set_annotations(&mut c, None);
    let mut s = to_json_compact(&c);
    s.push('\n');
    s
}

/// The configuration with the annotation set (what apply creates, and what
/// `create --save-config` sends).
pub fn with_last_applied(config: &Value) -> Value {
    let annotation = last_applied(config);
    let mut c = config.clone();
    set_annotations(&mut c, Some(annotation));
    c
}

/// Replaces the last-applied annotation (None removes it), creating
/// `metadata.annotations` as kubectl does.
fn set_annotations(obj: &mut Value, last: Option<String>) {
    let Value::Object(root) = obj else { return };
    let meta = root
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if !meta.is_object() {
        *meta = Value::Object(Map::new());
    }
    let Value::Object(meta) = meta else { return };
    let ann = meta
        .entry("annotations")
        .or_insert_with(|| Value::Object(Map::new()));
    if !ann.is_object() {
        *ann = Value::Object(Map::new());
    }
    if let Value::Object(ann) = ann {
        ann.remove(LAST_APPLIED);
        if let Some(v) = last {
            ann.insert(LAST_APPLIED.into(), Value::String(v));
        }
    }
}

/// The schema type of an object, from its `apiVersion` and `kind`.
fn type_of(v: &Value) -> Ty {
    let av = v.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
    match Kind::from_api_version_kind(av, kind) {
        Some(k) => Ty::Struct(schema().root(k)),
        None => Ty::Any,
    }
}

/// Plans `kubectl apply` of `modified` against the live object, if any.
pub fn plan_apply(modified: &Value, live: Option<&Value>) -> Result<ApplyPlan, ApplyError> {
    if !modified.is_object() {
        return Err(ApplyError::NotAnObject);
    }
    let Some(live) = live else {
        return Ok(ApplyPlan::Create {
            object: with_last_applied(modified),
        });
    };
    let original: Option<Value> = match live
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LAST_APPLIED))
        .and_then(Value::as_str)
    {
        Some(text) => {
            Some(serde_json::from_str(text).map_err(|e| ApplyError::BadAnnotation(e.to_string()))?)
        }
        None => None,
    };
    let ty = type_of(modified);
    let annotated = with_last_applied(modified);
    let patch = smp::three_way(original.as_ref(), &annotated, live, &ty);
    if patch.as_object().is_some_and(Map::is_empty) {
        return Ok(ApplyPlan::Unchanged);
    }
    let result = smp::apply(live, &patch, &ty).map_err(ApplyError::Patch)?;
    Ok(ApplyPlan::Patch { patch, result })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn web(replicas: i64, env: bool) -> Value {
        let mut c = json!({"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.8", "ports": [{"containerPort": 80, "name": "web"}]});
        if env {
            c["env"] = json!([{"name": "MODE", "value": "<&>"}]);
        }
        json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": replicas, "serviceName": "nginx", "selector": {"matchLabels": {"app": "nginx"}},
                "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [c]}}}})
    }

    /// What the API server would store: defaults and status added.
    fn stored(created: &Value) -> Value {
        let mut live = created.clone();
        live["metadata"]["uid"] = json!("1234");
        live["metadata"]["annotations"]["other"] = json!("kept");
        live["spec"]["podManagementPolicy"] = json!("OrderedReady");
        live["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] =
            json!("IfNotPresent");
        live["status"] = json!({"replicas": 2});
        live
    }

    #[test]
    fn create_sets_the_annotation_like_kubectl() {
        let ApplyPlan::Create { object } = plan_apply(&web(2, true), None).unwrap() else {
            panic!()
        };
        let ann = object["metadata"]["annotations"][LAST_APPLIED]
            .as_str()
            .unwrap();
        assert_eq!(
            ann,
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"nginx\"}},\"serviceName\":\"nginx\",\"template\":{\"metadata\":{\"labels\":{\"app\":\"nginx\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"MODE\",\"value\":\"\\u003c\\u0026\\u003e\"}],\"image\":\"registry.k8s.io/nginx-slim:0.8\",\"name\":\"nginx\",\"ports\":[{\"containerPort\":80,\"name\":\"web\"}]}]}}}}\n"
        );
        assert_eq!(object["spec"], web(2, true)["spec"]);
    }

    #[test]
    fn same_config_again_is_unchanged() {
        let ApplyPlan::Create { object } = plan_apply(&web(2, true), None).unwrap() else {
            panic!()
        };
        let live = stored(&object);
        assert_eq!(
            plan_apply(&web(2, true), Some(&live)).unwrap(),
            ApplyPlan::Unchanged
        );
    }

    #[test]
    fn removed_fields_are_removed_and_others_kept() {
        let ApplyPlan::Create { object } = plan_apply(&web(2, true), None).unwrap() else {
            panic!()
        };
        let mut live = stored(&object);
        // Someone scaled it meanwhile.
        live["spec"]["replicas"] = json!(5);
        let ApplyPlan::Patch { patch, result } = plan_apply(&web(3, false), Some(&live)).unwrap()
        else {
            panic!()
        };
        assert_eq!(patch["spec"]["replicas"], 3);
        assert_eq!(
            patch["spec"]["template"]["spec"]["containers"],
            json!([{"env": null, "name": "nginx"}])
        );
        // No container changed between live and the file: no element order.
        assert!(patch["spec"]["template"]["spec"]
            .get("$setElementOrder/containers")
            .is_none());
        let c = &result["spec"]["template"]["spec"]["containers"][0];
        assert!(c.get("env").is_none());
        assert_eq!(c["imagePullPolicy"], "IfNotPresent");
        assert_eq!(result["spec"]["replicas"], 3);
        assert_eq!(result["spec"]["podManagementPolicy"], "OrderedReady");
        assert_eq!(result["status"], json!({"replicas": 2}));
        assert_eq!(result["metadata"]["annotations"]["other"], "kept");
        assert_eq!(
            result["metadata"]["annotations"][LAST_APPLIED]
                .as_str()
                .unwrap(),
            last_applied(&web(3, false))
        );
        // Applying the new config once more changes nothing.
        assert_eq!(
            plan_apply(&web(3, false), Some(&result)).unwrap(),
            ApplyPlan::Unchanged
        );
    }

    #[test]
    fn a_field_dropped_from_the_file_is_removed_even_if_changed_live() {
        let ApplyPlan::Create { object } = plan_apply(&web(2, false), None).unwrap() else {
            panic!()
        };
        let mut live = stored(&object);
        live["spec"]["replicas"] = json!(5);
        let mut config = web(2, false);
        config["spec"].as_object_mut().unwrap().remove("replicas");
        let ApplyPlan::Patch { patch, result } = plan_apply(&config, Some(&live)).unwrap() else {
            panic!()
        };
        assert_eq!(patch["spec"]["replicas"], Value::Null);
        assert!(result["spec"].get("replicas").is_none());
    }

    #[test]
    fn live_without_annotation_only_adds_and_changes() {
        let mut live = stored(&web(2, true));
        live["metadata"]["annotations"]
            .as_object_mut()
            .unwrap()
            .remove(LAST_APPLIED);
        let ApplyPlan::Patch { result, .. } = plan_apply(&web(2, false), Some(&live)).unwrap()
        else {
            panic!()
        };
        // Without a last-applied configuration nothing is known to delete.
        assert!(result["spec"]["template"]["spec"]["containers"][0]
            .get("env")
            .is_some());
        assert!(result["metadata"]["annotations"][LAST_APPLIED].is_string());
    }
}
