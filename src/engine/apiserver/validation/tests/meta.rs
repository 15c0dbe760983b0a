//! ObjectMeta, ConfigMap, Secret and Namespace validation.

use serde_json::json;

use super::support::*;
use crate::engine::objects::{Kind, Value};

fn cm(v: Value) -> Vec<String> {
    create(Kind::ConfigMap, v)
}

fn config_map() -> Value {
    json!({"metadata": {"name": "web-config", "namespace": "default"}, "data": {"index.html": "hello"}})
}

#[test]
fn metadata_rules() {
    assert_eq!(
        cm(unset(config_map(), "/metadata/namespace")),
        vec!["metadata.namespace: Required value"]
    );
    assert_eq!(
        cm(set(config_map(), "/metadata/namespace", json!("Team A"))),
        vec![format!(
            "metadata.namespace: Invalid value: \"Team A\": {LABEL_MSG}"
        )]
    );
    assert_eq!(
        cm(set(set(config_map(), "/metadata/name", json!("")), "/metadata/generateName", json!("Web-"))),
        vec![
            "metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "metadata.name: Required value: name or generateName is required",
        ]
    );
    assert_eq!(
        cm(set(
            config_map(),
            "/metadata/labels",
            json!({"app": "x".repeat(64)})
        )),
        vec![format!(
            "metadata.labels: Invalid value: \"{}\": must be no more than 63 bytes",
            "x".repeat(64)
        )]
    );
    assert_eq!(cm(set(config_map(), "/metadata/annotations", json!({"example.com/": "x"}))), vec!["metadata.annotations: Invalid value: \"example.com/\": name part must be non-empty", "metadata.annotations: Invalid value: \"example.com/\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]);
    assert_eq!(
        cm(set(
            config_map(),
            "/metadata/annotations",
            json!({"big": "x".repeat(256 * 1024)})
        )),
        vec!["metadata.annotations: Too long: may not be more than 262144 bytes"]
    );
    assert_eq!(
        cm(set(config_map(), "/metadata/finalizers", json!(["cleanup"]))),
        vec!["metadata.finalizers[0]: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified"]
    );
    assert!(cm(set(
        config_map(),
        "/metadata/finalizers",
        json!(["example.com/cleanup", "kubernetes"])
    ))
    .is_empty());
}

#[test]
fn config_map_keys() {
    assert_eq!(
        cm(set(config_map(), "/data/bad key", json!("x"))),
        vec!["data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]
    );
    assert_eq!(
        cm(set(config_map(), "/data/..", json!("x"))),
        vec!["data[..]: Invalid value: \"..\": must not be '..'"]
    );
    let immutable = set(config_map(), "/immutable", json!(true));
    assert_eq!(
        update(
            Kind::ConfigMap,
            immutable.clone(),
            set(immutable, "/data/index.html", json!("bye"))
        ),
        vec!["data: Forbidden: field is immutable when `immutable` is set"]
    );
}

#[test]
fn secrets() {
    let secret = json!({"metadata": {"name": "tls", "namespace": "default"}, "type": "kubernetes.io/tls", "data": {"tls.crt": "YQ=="}});
    assert_eq!(
        create(Kind::Secret, secret.clone()),
        vec!["data[tls.key]: Required value"]
    );
    let opaque = json!({"metadata": {"name": "creds", "namespace": "default"}, "stringData": {"token": "s3cret"}});
    assert!(create(Kind::Secret, opaque.clone()).is_empty());
    assert_eq!(
        update(
            Kind::Secret,
            opaque.clone(),
            set(opaque, "/type", json!("kubernetes.io/basic-auth"))
        ),
        vec![
            "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
            "data[username]: Required value",
            "data[password]: Required value"
        ]
    );
}

#[test]
fn namespaces() {
    let ns = |name: &str| json!({"metadata": {"name": name}});
    assert!(create(Kind::Namespace, ns("team-a")).is_empty());
    assert_eq!(
        create(Kind::Namespace, ns("team.a")),
        vec!["metadata.name: Invalid value: \"team.a\": must not contain dots"]
    );
    assert_eq!(
        create(Kind::Namespace, set(ns("team-a"), "/spec/finalizers", json!(["cleanup"]))),
        vec!["spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified"]
    );
}

#[test]
fn updates_report_label_errors_from_every_layer() {
    let bad = set(config_map(), "/metadata/labels", json!({"a b": "x"}));
    let errs = update(Kind::ConfigMap, config_map(), bad);
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(errs
        .iter()
        .all(|e| e.starts_with("metadata.labels: Invalid value: \"a b\": name part must consist")));
}
