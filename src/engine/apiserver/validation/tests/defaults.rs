//! Defaulting (R1) of the tutorial objects, compared with what a 1.35 API
//! server returns for them (`kubectl get … -o yaml`), field by field.

use serde_json::json;

use super::support::*;
use crate::engine::apiserver::defaults::{
    apply_defaults, base64_decode, base64_encode, prepare_service_update, qos_class,
};
use crate::engine::apiserver::validation::validate_create;
use crate::engine::objects::{Kind, Object, Service, Value};

fn defaulted(kind: Kind, v: Value) -> Value {
    let mut o = object(kind, v);
    apply_defaults(&mut o);
    o.to_value()
}

/// Our ObjectMeta always prints `creationTimestamp` (null in templates);
/// the comparison is about the spec fields defaulting fills in.
fn strip_template_timestamps(mut spec: Value) -> Value {
    if let Some(Value::Object(m)) = spec.pointer_mut("/template/metadata") {
        m.remove("creationTimestamp");
    }
    for claim in spec
        .pointer_mut("/volumeClaimTemplates")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(Value::Object(m)) = claim.pointer_mut("/metadata") {
            m.remove("creationTimestamp");
        }
    }
    spec
}

#[test]
fn r1_web_statefulset_matches_apiserver_output() {
    let got = strip_template_timestamps(defaulted(Kind::StatefulSet, web())["spec"].clone());
    let want = json!({
        "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"},
        "podManagementPolicy": "OrderedReady",
        "replicas": 2,
        "revisionHistoryLimit": 10,
        "selector": {"matchLabels": {"app": "nginx"}},
        "serviceName": "nginx",
        "template": {
            "metadata": {"labels": {"app": "nginx"}},
            "spec": {
                "containers": [{
                    "image": "registry.k8s.io/nginx-slim:0.21",
                    "imagePullPolicy": "IfNotPresent",
                    "name": "nginx",
                    "ports": [{"containerPort": 80, "name": "web", "protocol": "TCP"}],
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "volumeMounts": [{"mountPath": "/usr/share/nginx/html", "name": "www"}]
                }],
                "dnsPolicy": "ClusterFirst",
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "terminationGracePeriodSeconds": 10
            }
        },
        "updateStrategy": {"rollingUpdate": {"maxUnavailable": 1, "partition": 0}, "type": "RollingUpdate"},
        "volumeClaimTemplates": [{
            "metadata": {"name": "www"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"},
            "status": {"phase": "Pending"}
        }]
    });
    let (got_map, want_map) = (got.as_object().unwrap(), want.as_object().unwrap());
    for (field, value) in want_map {
        assert_eq!(got_map.get(field), Some(value), "spec.{field}");
    }
    assert_eq!(got_map.len(), want_map.len(), "no extra spec fields: {got}");
    assert!(
        validate_create(&object(Kind::StatefulSet, web())).len() > 1,
        "undefaulted web fails validation"
    );
    assert!(create(Kind::StatefulSet, web()).is_empty());
}

#[test]
fn r1_2_explicit_rolling_update_type_gets_no_rolling_update_block() {
    let v = set(
        web(),
        "/spec/updateStrategy",
        json!({"type": "RollingUpdate"}),
    );
    assert_eq!(
        defaulted(Kind::StatefulSet, v)["spec"]["updateStrategy"],
        json!({"type": "RollingUpdate"})
    );
    let v = set(web(), "/spec/updateStrategy", json!({"type": "OnDelete"}));
    assert_eq!(
        defaulted(Kind::StatefulSet, v)["spec"]["updateStrategy"],
        json!({"type": "OnDelete"})
    );
    let v = set(
        web(),
        "/spec/updateStrategy",
        json!({"rollingUpdate": {"partition": 2}}),
    );
    assert_eq!(
        defaulted(Kind::StatefulSet, v)["spec"]["updateStrategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2, "maxUnavailable": 1}})
    );
}

#[test]
fn r1_1_explicit_values_are_kept() {
    let v = set(
        set(web(), "/spec/podManagementPolicy", json!("Parallel")),
        "/spec/persistentVolumeClaimRetentionPolicy",
        json!({"whenScaled": "Delete"}),
    );
    let got = defaulted(Kind::StatefulSet, v);
    assert_eq!(got["spec"]["podManagementPolicy"], "Parallel");
    assert_eq!(
        got["spec"]["persistentVolumeClaimRetentionPolicy"],
        json!({"whenDeleted": "Retain", "whenScaled": "Delete"})
    );
    let got = defaulted(Kind::StatefulSet, unset(web(), "/spec/replicas"));
    assert_eq!(got["spec"]["replicas"], 1);
    assert_eq!(got["spec"].get("minReadySeconds"), None);
    assert_eq!(got["spec"].get("ordinals"), None);
}

#[test]
fn pod_defaults_match_apiserver_output() {
    let got = defaulted(Kind::Pod, web_0());
    let spec = &got["spec"];
    for (field, want) in [
        ("dnsPolicy", json!("ClusterFirst")),
        ("restartPolicy", json!("Always")),
        ("schedulerName", json!("default-scheduler")),
        ("securityContext", json!({})),
        ("terminationGracePeriodSeconds", json!(30)),
        ("enableServiceLinks", json!(true)),
        ("priority", json!(0)),
        ("preemptionPolicy", json!("PreemptLowerPriority")),
        ("serviceAccountName", json!("default")),
        ("serviceAccount", json!("default")),
        (
            "tolerations",
            json!([
                {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
            ]),
        ),
    ] {
        assert_eq!(spec[field], want, "spec.{field}");
    }
    let c = &spec["containers"][0];
    assert_eq!(c["imagePullPolicy"], "IfNotPresent");
    assert_eq!(c["terminationMessagePath"], "/dev/termination-log");
    assert_eq!(c["terminationMessagePolicy"], "File");
    assert_eq!(c["ports"][0]["protocol"], "TCP");
    assert_eq!(c["resources"], json!({}));
    assert_eq!(got["status"]["phase"], "Pending");
    assert_eq!(got["status"]["qosClass"], "BestEffort");
    assert!(create(Kind::Pod, web_0()).is_empty());
}

#[test]
fn image_pull_policy_follows_the_tag() {
    for (image, want) in [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("registry.k8s.io/nginx-slim:0.21", "IfNotPresent"),
        ("localhost:5000/app", "Always"),
        ("localhost:5000/app:1", "IfNotPresent"),
        ("busybox@sha256:abcd", "IfNotPresent"),
        ("Busybox", "IfNotPresent"),
    ] {
        let v = set(web_0(), "/spec/containers/0/image", json!(image));
        assert_eq!(
            defaulted(Kind::Pod, v)["spec"]["containers"][0]["imagePullPolicy"],
            want,
            "{image}"
        );
    }
}

#[test]
fn probes_volumes_and_resources_are_defaulted() {
    let v = set(
        web_0(),
        "/spec/containers/0/readinessProbe",
        json!({"httpGet": {"port": 80}}),
    );
    let v = set(
        v,
        "/spec/containers/0/resources",
        json!({"limits": {"cpu": "0.5", "memory": "1024Mi"}}),
    );
    let v = set(v, "/spec/volumes/1", json!({"name": "scratch"}));
    let v = set(
        v,
        "/spec/volumes/2",
        json!({"name": "cfg", "configMap": {"name": "web"}}),
    );
    let got = defaulted(Kind::Pod, v);
    let c = &got["spec"]["containers"][0];
    assert_eq!(
        c["readinessProbe"],
        json!({"httpGet": {"path": "/", "port": 80, "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
    );
    assert_eq!(
        c["resources"],
        json!({"limits": {"cpu": "500m", "memory": "1Gi"}, "requests": {"cpu": "500m", "memory": "1Gi"}})
    );
    assert_eq!(got["status"]["qosClass"], "Guaranteed");
    assert_eq!(
        got["spec"]["volumes"][1],
        json!({"name": "scratch", "emptyDir": {}})
    );
    assert_eq!(
        got["spec"]["volumes"][2]["configMap"],
        json!({"name": "web", "defaultMode": 420})
    );
}

#[test]
fn qos_classes() {
    let pod =
        |res: Value| match object(Kind::Pod, set(web_0(), "/spec/containers/0/resources", res)) {
            Object::Pod(p) => qos_class(&p.spec),
            _ => unreachable!(),
        };
    assert_eq!(pod(json!({})), "BestEffort");
    assert_eq!(pod(json!({"requests": {"cpu": "100m"}})), "Burstable");
    assert_eq!(
        pod(
            json!({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}})
        ),
        "Guaranteed"
    );
}

#[test]
fn r7_1_headless_service_defaults() {
    let got = defaulted(Kind::Service, nginx_service());
    assert_eq!(
        got["spec"],
        json!({
            "clusterIP": "None",
            "clusterIPs": ["None"],
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": [{"name": "web", "port": 80, "protocol": "TCP", "targetPort": 80}],
            "selector": {"app": "nginx"},
            "sessionAffinity": "None",
            "type": "ClusterIP"
        })
    );
    let selectorless = defaulted(Kind::Service, unset(nginx_service(), "/spec/selector"));
    assert_eq!(selectorless["spec"]["ipFamilyPolicy"], "RequireDualStack");
    let np = defaulted(
        Kind::Service,
        set(
            unset(nginx_service(), "/spec/clusterIP"),
            "/spec/type",
            json!("NodePort"),
        ),
    );
    assert_eq!(np["spec"]["externalTrafficPolicy"], "Cluster");
}

#[test]
fn r7_12_service_update_keeps_allocated_ip() {
    let old = set(nginx_service(), "/spec/clusterIP", json!("10.96.0.50"));
    let old = set(old, "/spec/clusterIPs", json!(["10.96.0.50"]));
    let mut old_svc: Service = serde_json::from_value(old).unwrap();
    crate::engine::apiserver::defaults::default_service(&mut old_svc);
    let mut new_svc: Service =
        serde_json::from_value(unset(nginx_service(), "/spec/clusterIP")).unwrap();
    prepare_service_update(&mut new_svc, &old_svc);
    assert_eq!(new_svc.spec.cluster_ip.as_deref(), Some("10.96.0.50"));
    assert_eq!(new_svc.spec.cluster_ips, vec!["10.96.0.50".to_string()]);
}

#[test]
fn storage_defaults() {
    let pvc = defaulted(
        Kind::PersistentVolumeClaim,
        set(
            www_web_0(),
            "/spec/resources/requests/storage",
            json!("1024Mi"),
        ),
    );
    assert_eq!(pvc["spec"]["volumeMode"], "Filesystem");
    assert_eq!(pvc["spec"]["resources"]["requests"]["storage"], "1Gi");
    assert_eq!(pvc["status"]["phase"], "Pending");
    let pv = defaulted(
        Kind::PersistentVolume,
        json!({"metadata": {"name": "pv0"}, "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/data"}}}),
    );
    assert_eq!(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");
    assert_eq!(pv["spec"]["volumeMode"], "Filesystem");
    assert_eq!(pv["spec"]["hostPath"], json!({"path": "/data", "type": ""}));
    assert_eq!(pv["status"]["phase"], "Pending");
    let sc = defaulted(
        Kind::StorageClass,
        json!({"metadata": {"name": "fast"}, "provisioner": "rancher.io/local-path"}),
    );
    assert_eq!(sc["reclaimPolicy"], "Delete");
    assert_eq!(sc["volumeBindingMode"], "Immediate");
}

#[test]
fn secret_and_namespace_defaults() {
    let s = defaulted(
        Kind::Secret,
        json!({"metadata": {"name": "creds", "namespace": "default"}, "stringData": {"user": "admin"}, "data": {"user": "eA==", "pw": "eQ=="}}),
    );
    assert_eq!(s["type"], "Opaque");
    assert_eq!(s["data"], json!({"pw": "eQ==", "user": "YWRtaW4="}));
    assert_eq!(s.get("stringData"), None);
    // Data is bytes on the server: a value wrapped at 70 columns (as
    // kustomize writes long ones) reads back unbroken.
    let wrapped = defaulted(
        Kind::Secret,
        json!({"metadata": {"name": "t", "namespace": "default"}, "data": {"k": "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMQ\n==\n"}}),
    );
    assert_eq!(
        wrapped["data"]["k"],
        "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMQ=="
    );
    let ns = defaulted(Kind::Namespace, json!({"metadata": {"name": "team-a"}}));
    assert_eq!(
        ns["metadata"]["labels"],
        json!({"kubernetes.io/metadata.name": "team-a"})
    );
    assert_eq!(ns["spec"], json!({"finalizers": ["kubernetes"]}));
    assert_eq!(ns["status"], json!({"phase": "Active"}));
}

#[test]
fn base64_round_trip() {
    for text in ["", "a", "ab", "abc", "admin", "hello world"] {
        assert_eq!(
            base64_decode(&base64_encode(text.as_bytes())).unwrap(),
            text.as_bytes()
        );
    }
    assert_eq!(base64_encode(b"admin"), "YWRtaW4=");
    assert_eq!(base64_decode("not base64!"), None);
}
