//! How kubectl words errors about objects read from a file.
//!
//! kubectl wraps the API server's error with where the object came from
//! (`cmdutil.AddSourceToErr`): the status message becomes
//! `error when <verb> "<file>": <message>`. Verbs used by `apply` and
//! `create`: `creating`, `replacing`, `patching`, and the multi-line
//! `applying patch:\n<patch>\nto:\n<object info>\nfor:` and
//! `retrieving current configuration of:\n<object info>\nfrom server for:`.
//!
//! Then `cmdutil.CheckErr` prints: one error alone as `error: <text>` for a
//! client error, `Error from server (<Reason>): <message>` for an API
//! error — except an `Invalid` error, printed `The <Kind> "<name>" is
//! invalid: …` (without the source); several errors (an aggregate) one per
//! line, client errors bare and every API error in the
//! `Error from server (<Reason>): …` form. [`render`] does exactly that.
//!
//! May not import browser crates.

use serde_json::Value;

use super::print::to_json_compact;
use crate::engine::apiserver::{go_quote, ApiError};
use crate::engine::objects::Kind;

/// One error of a kubectl command about a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Reported {
    /// Found by kubectl itself (a [`super::ClientError`]'s text).
    Client(String),
    /// Returned by the API server for an object from `source`.
    Server {
        verb: String,
        source: String,
        error: ApiError,
    },
}

/// The message of an API error once kubectl has added the source.
pub fn with_source(verb: &str, source: &str, err: &ApiError) -> String {
    if source.is_empty() {
        return err.message();
    }
    format!("error when {verb} {}: {}", go_quote(source), err.message())
}

/// What kubectl prints for the errors of one command, in order.
pub fn render(errors: &[Reported]) -> String {
    match errors {
        [] => String::new(),
        [Reported::Client(text)] => format!("error: {text}"),
        [Reported::Server {
            error: e @ ApiError::Invalid { causes, .. },
            ..
        }] if !causes.is_empty() => e.kubectl_text(),
        [Reported::Server {
            verb,
            source,
            error,
        }] => format!(
            "Error from server ({}): {}",
            error.reason(),
            with_source(verb, source, error)
        ),
        many => many
            .iter()
            .map(|r| match r {
                Reported::Client(text) => text.clone(),
                Reported::Server {
                    verb,
                    source,
                    error,
                } => format!(
                    "Error from server ({}): {}",
                    error.reason(),
                    with_source(verb, source, error)
                ),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// `resource.Info.String()`: which object, as kubectl's messages show it.
pub fn info_string(kind: Kind, name: &str, namespace: &str) -> String {
    let i = kind.info();
    format!(
        "Resource: {}, GroupVersionKind: {}\nName: {}, Namespace: {}",
        go_quote(&format!("{}/{}, Resource={}", i.group, i.version, i.plural)),
        go_quote(&format!("{}/{}, Kind={}", i.group, i.version, i.kind_name)),
        go_quote(name),
        go_quote(namespace)
    )
}

/// The verb of a failed `kubectl apply` patch.
pub fn applying_patch_verb(patch: &Value, kind: Kind, name: &str, namespace: &str) -> String {
    format!(
        "applying patch:\n{}\nto:\n{}\nfor:",
        to_json_compact(patch),
        info_string(kind, name, namespace)
    )
}

/// The verb when `kubectl apply` cannot read the live object.
pub fn retrieving_verb(kind: Kind, name: &str, namespace: &str) -> String {
    format!(
        "retrieving current configuration of:\n{}\nfrom server for:",
        info_string(kind, name, namespace)
    )
}

/// The warning `kubectl apply` prints (on stderr) before patching a live
/// object that has no last-applied-configuration annotation.
pub fn missing_annotation_warning(kind: Kind, name: &str) -> String {
    format!(
        "Warning: resource {}/{name} is missing the {} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
        kind.info().plural,
        super::apply::LAST_APPLIED
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::apiserver::FieldError;

    #[test]
    fn single_and_aggregated_errors() {
        let bad = ApiError::BadRequest("StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"".into());
        let one = render(&[Reported::Server {
            verb: "creating".into(),
            source: "web.yaml".into(),
            error: bad.clone(),
        }]);
        assert_eq!(one, "Error from server (BadRequest): error when creating \"web.yaml\": StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"");
        let invalid = ApiError::Invalid {
            kind: Kind::StatefulSet,
            name: "web".into(),
            causes: vec![FieldError::invalid(
                "spec.replicas",
                "-1",
                "must be greater than or equal to 0",
            )],
        };
        assert_eq!(
            render(&[Reported::Server { verb: "creating".into(), source: "web.yaml".into(), error: invalid.clone() }]),
            "The StatefulSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
        );
        let many = render(&[Reported::Client("error parsing web.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context".into()), Reported::Server { verb: "creating".into(), source: "web.yaml".into(), error: invalid }]);
        assert_eq!(many, "error parsing web.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\nError from server (Invalid): error when creating \"web.yaml\": StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        assert_eq!(
            render(&[Reported::Client("no objects passed to apply".into())]),
            "error: no objects passed to apply"
        );
    }

    #[test]
    fn missing_annotation() {
        assert!(missing_annotation_warning(Kind::StatefulSet, "web").starts_with("Warning: resource statefulsets/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation"));
    }

    #[test]
    fn object_info_like_kubectl() {
        assert_eq!(info_string(Kind::StatefulSet, "web", "default"), "Resource: \"apps/v1, Resource=statefulsets\", GroupVersionKind: \"apps/v1, Kind=StatefulSet\"\nName: \"web\", Namespace: \"default\"");
        assert_eq!(info_string(Kind::Service, "nginx", "default"), "Resource: \"/v1, Resource=services\", GroupVersionKind: \"/v1, Kind=Service\"\nName: \"nginx\", Namespace: \"default\"");
        let verb = applying_patch_verb(
            &serde_json::json!({"spec": {"replicas": 3}}),
            Kind::StatefulSet,
            "web",
            "default",
        );
        assert!(verb.starts_with("applying patch:\n{\"spec\":{\"replicas\":3}}\nto:\nResource: "));
        assert!(verb.ends_with("\nfor:"));
    }
}
