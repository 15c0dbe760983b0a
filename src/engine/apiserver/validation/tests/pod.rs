//! Pod validation on create and update (what `FailedCreate` events carry
//! when a StatefulSet's template is wrong, R9.7, and R2.11).

use serde_json::json;

use super::support::*;
use crate::engine::apiserver::validation::POD_UPDATE_FORBIDDEN;
use crate::engine::objects::{Kind, Value};

fn pod(v: Value) -> Vec<String> {
    create(Kind::Pod, v)
}

fn with_container(field: &str, value: Value) -> Vec<String> {
    pod(set(web_0(), &format!("/spec/containers/0/{field}"), value))
}

#[test]
fn valid_web_0() {
    assert!(pod(web_0()).is_empty());
}

#[test]
fn r2_11_label_values_are_limited_to_63_bytes() {
    let value = format!("web-{}-{}", "a".repeat(50), "7b8d5c6c9f");
    let v = set(
        web_0(),
        "/metadata/labels/controller-revision-hash",
        json!(value),
    );
    assert_eq!(
        pod(v),
        vec![format!(
            "metadata.labels: Invalid value: \"{value}\": must be no more than 63 bytes"
        )]
    );
}

#[test]
fn container_names() {
    assert_eq!(
        with_container("name", json!("")),
        vec!["spec.containers[0].name: Required value"]
    );
    assert_eq!(
        with_container("name", json!("Nginx")),
        vec![format!(
            "spec.containers[0].name: Invalid value: \"Nginx\": {LABEL_MSG}"
        )]
    );
    let v = set(
        web_0(),
        "/spec/containers/1",
        json!({"name": "nginx", "image": "busybox"}),
    );
    assert_eq!(
        pod(v),
        vec!["spec.containers[1].name: Duplicate value: \"nginx\""]
    );
    let v = set(
        web_0(),
        "/spec/initContainers",
        json!([{"name": "nginx", "image": "busybox"}]),
    );
    assert_eq!(
        pod(v),
        vec!["spec.initContainers[0].name: Duplicate value: \"nginx\""]
    );
}

#[test]
fn containers_and_images_are_required() {
    assert_eq!(
        with_container("image", json!("")),
        vec!["spec.containers[0].image: Required value"]
    );
    assert_eq!(with_container("image", json!(" nginx")), vec!["spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"]);
    assert_eq!(
        pod(set(web_0(), "/spec/containers", json!([]))),
        vec!["spec.containers: Required value"]
    );
}

#[test]
fn container_ports() {
    let port = |p: Value| with_container("ports", json!([p]));
    let path = "spec.containers[0].ports[0]";
    assert_eq!(
        port(json!({"containerPort": 70000})),
        vec![format!(
            "{path}.containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
        )]
    );
    assert_eq!(
        port(json!({"containerPort": 0})),
        vec![format!("{path}.containerPort: Required value")]
    );
    assert_eq!(port(json!({"containerPort": 80, "name": "Web"})), vec![format!("{path}.name: Invalid value: \"Web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]);
    assert_eq!(
        port(json!({"containerPort": 80, "name": "8080"})),
        vec![format!(
            "{path}.name: Invalid value: \"8080\": must contain at least one letter (a-z)"
        )]
    );
    assert_eq!(port(json!({"containerPort": 80, "name": "a-very-long-port-name"})), vec![format!("{path}.name: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters")]);
    assert_eq!(port(json!({"containerPort": 80, "protocol": "HTTP"})), vec![format!("{path}.protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]);
    let v = with_container(
        "ports",
        json!([{"containerPort": 80, "name": "web"}, {"containerPort": 81, "name": "web"}]),
    );
    assert_eq!(
        v,
        vec!["spec.containers[0].ports[1].name: Duplicate value: \"web\""]
    );
}

#[test]
fn volumes_and_mounts() {
    let v = set(
        web_0(),
        "/spec/volumes/1",
        json!({"name": "www", "emptyDir": {}}),
    );
    assert_eq!(
        pod(v),
        vec!["spec.volumes[1].name: Duplicate value: \"www\""]
    );
    let v = set(
        web_0(),
        "/spec/volumes/0",
        json!({"name": "www", "emptyDir": {}, "configMap": {"name": "x"}}),
    );
    assert_eq!(
        pod(v),
        vec![
            "spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type",
            "spec.containers[0].volumeMounts[0].name: Not found: \"www\""
        ]
    );
    let v = set(
        web_0(),
        "/spec/volumes/0",
        json!({"name": "www", "persistentVolumeClaim": {"claimName": ""}}),
    );
    // A volume with errors is not mountable either.
    assert_eq!(
        pod(v),
        vec![
            "spec.volumes[0].persistentVolumeClaim.claimName: Required value",
            "spec.containers[0].volumeMounts[0].name: Not found: \"www\""
        ]
    );
    assert_eq!(
        pod(unset(web_0(), "/spec/volumes")),
        vec!["spec.containers[0].volumeMounts[0].name: Not found: \"www\""]
    );
    let v = set(
        web_0(),
        "/spec/containers/0/volumeMounts/1",
        json!({"name": "www", "mountPath": "/usr/share/nginx/html"}),
    );
    assert_eq!(pod(v), vec!["spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/usr/share/nginx/html\": must be unique"]);
    let v = set(
        web_0(),
        "/spec/containers/0/volumeMounts/0/subPath",
        json!("../etc"),
    );
    assert_eq!(pod(v), vec!["spec.containers[0].volumeMounts.subPath: Invalid value: \"../etc\": must not contain '..'"]);
    let v = set(web_0(), "/spec/volumes/0/name", json!("WWW"));
    assert_eq!(
        pod(v),
        vec![
            format!("spec.volumes[0].name: Invalid value: \"WWW\": {LABEL_MSG}"),
            "spec.containers[0].volumeMounts[0].name: Not found: \"www\"".to_string()
        ]
    );
}

#[test]
fn pod_spec_enums_and_names() {
    assert_eq!(
        pod(set(web_0(), "/spec/restartPolicy", json!("Sometimes"))),
        vec!["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""]
    );
    assert_eq!(
        pod(set(web_0(), "/spec/dnsPolicy", json!("Foo"))),
        vec!["spec.dnsPolicy: Unsupported value: \"Foo\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""]
    );
    assert_eq!(
        pod(set(web_0(), "/spec/hostname", json!("Web-0"))),
        vec![format!(
            "spec.hostname: Invalid value: \"Web-0\": {LABEL_MSG}"
        )]
    );
    assert_eq!(
        pod(set(web_0(), "/spec/subdomain", json!("nginx.default"))),
        vec!["spec.subdomain: Invalid value: \"nginx.default\": must not contain dots"]
    );
    assert_eq!(
        pod(set(web_0(), "/spec/activeDeadlineSeconds", json!(0))),
        vec!["spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"]
    );
    assert_eq!(
        pod(set(
            web_0(),
            "/spec/terminationGracePeriodSeconds",
            json!(-1)
        )),
        Vec::<String>::new()
    );
}

#[test]
fn r11_5_lifecycle_hooks() {
    let hook = |h: Value| with_container("lifecycle", h);
    for ok in [
        json!({"preStop": {"exec": {"command": ["sh", "-c", "sleep 10"]}}}),
        json!({"preStop": {"httpGet": {"port": 80}}}),
        json!({"preStop": {"sleep": {"seconds": 0}}}),
        // web-0's terminationGracePeriodSeconds is defaulted to 30: as
        // long, not longer.
        json!({"preStop": {"sleep": {"seconds": 30}}}),
        json!({"postStart": {"exec": {"command": ["true"]}}}),
    ] {
        assert_eq!(hook(ok.clone()), Vec::<String>::new(), "{ok}");
    }
    assert_eq!(
        hook(json!({"preStop": {"sleep": {"seconds": 31}}})),
        vec!["spec.containers[0].lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)"]
    );
    assert_eq!(
        hook(json!({"preStop": {"sleep": {"seconds": -1}}})),
        vec!["spec.containers[0].lifecycle.preStop.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)"]
    );
    assert_eq!(
        hook(json!({"preStop": {}})),
        vec!["spec.containers[0].lifecycle.preStop: Required value: must specify a handler type"]
    );
    assert_eq!(
        hook(json!({"postStart": {"exec": {"command": ["true"]}, "sleep": {"seconds": 1}}})),
        vec!["spec.containers[0].lifecycle.postStart.sleep: Forbidden: may not specify more than 1 handler type"]
    );
    assert_eq!(
        hook(json!({"preStop": {"exec": {}}})),
        vec!["spec.containers[0].lifecycle.preStop.exec.command: Required value"]
    );
}

#[test]
fn probes() {
    let probe = |field: &str, p: Value| with_container(field, p);
    assert_eq!(
        probe("readinessProbe", json!({"periodSeconds": 5})),
        vec!["spec.containers[0].readinessProbe: Required value: must specify a handler type"]
    );
    assert_eq!(
        probe(
            "livenessProbe",
            json!({"tcpSocket": {"port": 80}, "successThreshold": 2})
        ),
        vec!["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]
    );
    assert_eq!(
        probe("readinessProbe", json!({"exec": {"command": ["true"]}, "httpGet": {"port": 80}})),
        vec!["spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type"]
    );
    assert_eq!(
        probe("startupProbe", json!({"httpGet": {"port": "http-web-server1"}, "periodSeconds": -1})),
        vec![
            "spec.containers[0].startupProbe.httpGet.port: Invalid value: \"http-web-server1\": must be no more than 15 characters",
            "spec.containers[0].startupProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
        ]
    );
    assert_eq!(
        probe("readinessProbe", json!({"exec": {"command": ["true"]}, "terminationGracePeriodSeconds": 5})),
        vec!["spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes"]
    );
}

#[test]
fn resources() {
    let res = |r: Value| with_container("resources", r);
    let path = "spec.containers[0].resources";
    assert_eq!(
        res(json!({"requests": {"cpu": "-1"}})),
        vec![format!(
            "{path}.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"
        )]
    );
    assert_eq!(
        res(json!({"requests": {"cpu": "2"}, "limits": {"cpu": "1"}})),
        vec![format!(
            "{path}.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"
        )]
    );
    assert_eq!(
        res(json!({"requests": {"cpus": "1"}})),
        vec![
            format!("{path}.requests[cpus]: Invalid value: \"cpus\": must be a standard resource type or fully qualified"),
            format!("{path}.requests[cpus]: Invalid value: \"cpus\": must be a standard resource for containers"),
        ]
    );
    assert_eq!(
        res(
            json!({"requests": {"example.com/gpu": "500m"}, "limits": {"example.com/gpu": "500m"}})
        )
        .len(),
        2
    );
    assert_eq!(
        res(json!({"requests": {"example.com/gpu": "1"}})),
        vec![format!(
            "{path}.limits: Required value: Limit must be set for non overcommitable resources"
        )]
    );
    assert!(res(
        json!({"requests": {"cpu": "250m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}})
    )
    .is_empty());
}

#[test]
fn environment() {
    let env = |e: Value| with_container("env", json!([e]));
    let path = "spec.containers[0].env[0]";
    assert_eq!(
        env(json!({"name": ""})),
        vec![format!("{path}.name: Required value")]
    );
    assert_eq!(env(json!({"name": "A=B"})), vec![format!("{path}.name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='")]);
    assert!(env(json!({"name": "1-relaxed.NAME"})).is_empty());
    assert_eq!(
        env(
            json!({"name": "POD", "value": "x", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})
        ),
        vec![format!(
            "{path}.valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"
        )]
    );
    assert_eq!(
        env(json!({"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "status.phase"}}})),
        vec![format!("{path}.valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"")]
    );
    assert_eq!(
        env(json!({"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "spec.bogus"}}})),
        vec![format!("{path}.valueFrom.fieldRef.fieldPath: Invalid value: \"spec.bogus\": error converting fieldPath: field label not supported: spec.bogus")]
    );
    assert!(env(
        json!({"name": "APP", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}})
    )
    .is_empty());
}

#[test]
fn tolerations() {
    let v = set(
        web_0(),
        "/spec/tolerations",
        json!([{"key": "", "operator": "Equal", "value": "x"}]),
    );
    assert_eq!(pod(v), vec!["spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]);
    let v = set(
        web_0(),
        "/spec/tolerations",
        json!([{"key": "a", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 5}]),
    );
    assert_eq!(pod(v), vec!["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]);
}

#[test]
fn update_may_change_images_only() {
    let changed =
        |pointer: &str, value: Value| update(Kind::Pod, web_0(), set(web_0(), pointer, value));
    assert!(changed(
        "/spec/containers/0/image",
        json!("registry.k8s.io/nginx-slim:0.24")
    )
    .is_empty());
    assert!(changed("/metadata/labels/tier", json!("web")).is_empty());
    let errs = changed("/spec/containers/0/ports/0/containerPort", json!(8080));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with(&format!(
            "spec: Forbidden: {POD_UPDATE_FORBIDDEN}\n  core.PodSpec{{\n"
        )),
        "{}",
        errs[0]
    );
    assert!(errs[0].contains("- \tContainers: [{"), "{}", errs[0]);
    let more = set(
        web_0(),
        "/spec/containers/1",
        json!({"name": "sidecar", "image": "busybox"}),
    );
    assert_eq!(
        update(Kind::Pod, web_0(), more),
        vec!["spec.containers: Forbidden: pod updates may not add or remove containers"]
    );
    let with_deadline = set(web_0(), "/spec/activeDeadlineSeconds", json!(30));
    assert_eq!(
        update(Kind::Pod, with_deadline.clone(), set(web_0(), "/spec/activeDeadlineSeconds", json!(60))),
        vec!["spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value"]
    );
    assert_eq!(update(Kind::Pod, with_deadline, web_0()), vec!["spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"]);
}
