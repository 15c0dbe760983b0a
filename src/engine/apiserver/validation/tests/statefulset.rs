//! StatefulSet validation on create and update (R9.1–R9.12).

use serde_json::json;

use super::support::*;
use crate::engine::apiserver::errors::ApiError;
use crate::engine::apiserver::validation::validate_create;
use crate::engine::objects::{Kind, Value};

fn sts(v: Value) -> Vec<String> {
    create(Kind::StatefulSet, v)
}

const SPEC_FORBIDDEN: &str = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

#[test]
fn r9_1_name_must_be_a_dns_label() {
    assert_eq!(
        sts(set(web(), "/metadata/name", json!("Web"))),
        vec![format!(
            "metadata.name: Invalid value: \"Web\": {LABEL_MSG}"
        )]
    );
    assert_eq!(
        sts(set(web(), "/metadata/name", json!("web.v2"))),
        vec!["metadata.name: Invalid value: \"web.v2\": must not contain dots"]
    );
    let long = "a".repeat(64);
    assert_eq!(
        sts(set(web(), "/metadata/name", json!(long))),
        vec![format!(
            "metadata.name: Invalid value: \"{long}\": must be no more than 63 characters"
        )]
    );
    assert_eq!(
        sts(set(web(), "/metadata/name", json!(""))),
        vec!["metadata.name: Required value: name or generateName is required"]
    );
}

#[test]
fn r9_2_selector_mismatch() {
    let v = set(
        web(),
        "/spec/template/metadata/labels",
        json!({"app": "web"}),
    );
    assert_eq!(sts(v), vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"]);
}

#[test]
fn r9_2_selector_missing_also_reports_mismatch() {
    assert_eq!(
        sts(unset(web(), "/spec/selector")),
        vec!["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`"]
    );
}

#[test]
fn r9_2_selector_empty() {
    assert_eq!(
        sts(set(web(), "/spec/selector", json!({}))),
        vec!["spec.selector: Invalid value: {}: empty selector is invalid for statefulset"]
    );
}

#[test]
fn r9_2_selector_that_does_not_convert() {
    let v = set(
        web(),
        "/spec/selector",
        json!({"matchExpressions": [{"key": "app", "operator": "In", "values": []}]}),
    );
    assert_eq!(
        sts(v),
        vec![
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\"}]}",
        ]
    );
}

#[test]
fn r9_2_selector_expressions_match_template() {
    let v = set(
        web(),
        "/spec/selector",
        json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["nginx"]}]}),
    );
    assert!(sts(v).is_empty());
}

#[test]
fn r9_2_template_labels_and_annotations() {
    let v = set(
        web(),
        "/spec/template/metadata/labels/tier",
        json!("front end"),
    );
    // Reported twice: by `ValidatePodTemplateSpec` (1.34+) and by the
    // StatefulSet's own template check.
    let label_msg = "spec.template.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    assert_eq!(sts(v), vec![label_msg, label_msg]);
    let v = set(
        web(),
        "/spec/template/metadata/annotations",
        json!({"bad key": "x"}),
    );
    let annotation_msg = "spec.template.annotations: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    assert_eq!(sts(v), vec![annotation_msg, annotation_msg]);
}

#[test]
fn r9_3_numbers_must_not_be_negative() {
    for (pointer, field) in [
        ("/spec/replicas", "spec.replicas"),
        ("/spec/minReadySeconds", "spec.minReadySeconds"),
        (
            "/spec/updateStrategy/rollingUpdate/partition",
            "spec.updateStrategy.rollingUpdate.partition",
        ),
        ("/spec/ordinals/start", "spec.ordinals.start"),
    ] {
        assert_eq!(
            sts(set(web(), pointer, json!(-1))),
            vec![format!(
                "{field}: Invalid value: -1: must be greater than or equal to 0"
            )],
            "{pointer}"
        );
    }
}

#[test]
fn r9_4_pod_management_policy() {
    assert_eq!(sts(set(web(), "/spec/podManagementPolicy", json!("Foo"))), vec!["spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'"]);
}

#[test]
fn r9_4_update_strategy_type() {
    let v = set(web(), "/spec/updateStrategy", json!({"type": "Foo"}));
    assert_eq!(sts(v), vec!["spec.updateStrategy: Invalid value: {\"Type\":\"Foo\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'"]);
}

#[test]
fn r9_4_rolling_update_only_with_rolling_update_type() {
    let v = set(
        web(),
        "/spec/updateStrategy",
        json!({"type": "OnDelete", "rollingUpdate": {"partition": 1}}),
    );
    assert_eq!(sts(v), vec!["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'"]);
}

#[test]
fn r9_4_max_unavailable() {
    let mu = |v: Value| {
        sts(set(
            web(),
            "/spec/updateStrategy/rollingUpdate/maxUnavailable",
            v,
        ))
    };
    let path = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    assert_eq!(
        mu(json!(0)),
        vec![format!("{path}: Invalid value: 0: cannot be 0")]
    );
    assert_eq!(
        mu(json!("0%")),
        vec![format!("{path}: Invalid value: \"0%\": cannot be 0")]
    );
    assert_eq!(
        mu(json!("150%")),
        vec![format!(
            "{path}: Invalid value: \"150%\": must not be greater than 100%"
        )]
    );
    assert_eq!(
        mu(json!(-1)),
        vec![format!(
            "{path}: Invalid value: -1: must be greater than or equal to 0"
        )]
    );
    let percent = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    assert_eq!(
        mu(json!("50")),
        vec![format!("{path}: Invalid value: \"50\": {percent}")]
    );
    assert_eq!(
        mu(json!("half")),
        vec![
            format!("{path}: Invalid value: \"half\": {percent}"),
            format!("{path}: Invalid value: \"half\": cannot be 0")
        ]
    );
    assert!(mu(json!("50%")).is_empty());
    assert!(mu(json!(3)).is_empty());
}

#[test]
fn r9_4_retention_policy_enums() {
    let v = set(
        web(),
        "/spec/persistentVolumeClaimRetentionPolicy",
        json!({"whenDeleted": "Keep", "whenScaled": "Drop"}),
    );
    assert_eq!(
        sts(v),
        vec![
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"",
            "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"Drop\": supported values: \"Retain\", \"Delete\"",
        ]
    );
}

#[test]
fn r9_5_template_restart_policy_and_deadline() {
    assert_eq!(sts(set(web(), "/spec/template/spec/restartPolicy", json!("OnFailure"))), vec!["spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""]);
    assert_eq!(
        sts(set(web(), "/spec/template/spec/activeDeadlineSeconds", json!(30))),
        vec!["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported"]
    );
}

#[test]
fn r9_6_service_name_is_a_dns_label_when_set() {
    assert_eq!(
        sts(set(web(), "/spec/serviceName", json!("Nginx"))),
        vec![format!(
            "spec.serviceName: Invalid value: \"Nginx\": {LABEL_MSG}"
        )]
    );
    assert!(sts(unset(web(), "/spec/serviceName")).is_empty());
}

/// R9.7 as of 1.34 (#131790): the Pod template is validated like a Pod
/// spec; before, this template was accepted and only its Pods failed.
#[test]
fn r9_7_rest_of_pod_template_is_validated() {
    let v = set(
        web(),
        "/spec/template/spec/containers/0",
        json!({"name": "Nginx_1", "image": "nginx", "ports": [{"containerPort": 0}]}),
    );
    assert_eq!(
        sts(v),
        vec![
            format!(
                "spec.template.spec.containers[0].name: Invalid value: \"Nginx_1\": {LABEL_MSG}"
            ),
            "spec.template.spec.containers[0].ports[0].containerPort: Required value".to_string(),
        ]
    );
}

#[test]
fn r9_9_negative_revision_history_limit_is_accepted() {
    assert!(sts(set(web(), "/spec/revisionHistoryLimit", json!(-1))).is_empty());
}

#[test]
fn r9_errors_come_in_apiserver_order() {
    let v = set(web(), "/metadata/name", json!("Web"));
    let v = set(v, "/spec/replicas", json!(-1));
    let v = set(v, "/spec/podManagementPolicy", json!("Foo"));
    let v = set(
        unset(v, "/spec/selector"),
        "/spec/template/spec/restartPolicy",
        json!("Never"),
    );
    assert_eq!(
        sts(v),
        vec![
            format!("metadata.name: Invalid value: \"Web\": {LABEL_MSG}"),
            "spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'".to_string(),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0".to_string(),
            "spec.selector: Required value".to_string(),
            "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`".to_string(),
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"".to_string(),
        ]
    );
}

#[test]
fn r9_16_kubectl_renders_the_errors() {
    let mut o = object(Kind::StatefulSet, set(web(), "/spec/replicas", json!(-1)));
    crate::engine::apiserver::defaults::apply_defaults(&mut o);
    let err = ApiError::Invalid {
        kind: Kind::StatefulSet,
        name: "web".into(),
        causes: validate_create(&o),
    };
    assert_eq!(err.kubectl_text(), "The StatefulSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
}

fn sts_update(new: Value) -> Vec<String> {
    update(Kind::StatefulSet, web(), new)
}

#[test]
fn r9_10_update_revalidates_the_spec() {
    assert_eq!(
        sts_update(set(web(), "/spec/replicas", json!(-1))),
        vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]
    );
}

#[test]
fn r9_11_mutable_fields_may_change() {
    for (pointer, value) in [
        ("/spec/replicas", json!(5)),
        (
            "/spec/template/spec/containers/0/image",
            json!("registry.k8s.io/nginx-slim:0.24"),
        ),
        ("/spec/updateStrategy", json!({"type": "OnDelete"})),
        ("/spec/minReadySeconds", json!(10)),
        ("/spec/ordinals", json!({"start": 5})),
        ("/spec/revisionHistoryLimit", json!(3)),
        (
            "/spec/persistentVolumeClaimRetentionPolicy",
            json!({"whenDeleted": "Delete", "whenScaled": "Delete"}),
        ),
    ] {
        assert!(
            sts_update(set(web(), pointer, value)).is_empty(),
            "{pointer}"
        );
    }
}

#[test]
fn r9_11_other_spec_fields_are_forbidden() {
    for (pointer, value) in [
        ("/spec/serviceName", json!("nginx2")),
        ("/spec/podManagementPolicy", json!("Parallel")),
        (
            "/spec/volumeClaimTemplates/0/spec/resources/requests/storage",
            json!("2Gi"),
        ),
        (
            "/spec/selector/matchLabels",
            json!({"app": "nginx", "tier": "web"}),
        ),
    ] {
        let mut v = set(web(), pointer, value);
        if pointer.starts_with("/spec/selector") {
            v = set(v, "/spec/template/metadata/labels/tier", json!("web"));
        }
        assert_eq!(sts_update(v), vec![SPEC_FORBIDDEN], "{pointer}");
    }
}

#[test]
fn r9_11_service_name_is_not_revalidated_on_update() {
    assert_eq!(
        sts_update(set(web(), "/spec/serviceName", json!("Nginx"))),
        vec![SPEC_FORBIDDEN]
    );
}

#[test]
fn r9_12_metadata_is_immutable() {
    let old = set(web(), "/metadata/uid", json!("a"));
    let new = set(web(), "/metadata/uid", json!("b"));
    // The registry's common checks and the StatefulSet's own both report it.
    assert_eq!(
        update(Kind::StatefulSet, old, new),
        vec![
            "metadata.uid: Invalid value: \"b\": field is immutable",
            "metadata.uid: Invalid value: \"b\": field is immutable"
        ]
    );
}
