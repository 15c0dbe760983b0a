//! PersistentVolumeClaim, PersistentVolume and StorageClass validation (§6).

use serde_json::json;

use super::support::*;
use crate::engine::apiserver::validation::decode_error;
use crate::engine::objects::{Kind, Value};

fn pvc(v: Value) -> Vec<String> {
    create(Kind::PersistentVolumeClaim, v)
}

fn static_pv() -> Value {
    json!({"metadata": {"name": "pv0"}, "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/data"}}})
}

#[test]
fn claim_access_modes() {
    assert!(pvc(www_web_0()).is_empty());
    assert_eq!(
        pvc(unset(www_web_0(), "/spec/accessModes")),
        vec!["spec.accessModes: Required value: at least 1 access mode is required"]
    );
    assert_eq!(
        pvc(set(www_web_0(), "/spec/accessModes", json!(["ReadWriteSometimes"]))),
        vec!["spec.accessModes: Unsupported value: \"ReadWriteSometimes\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""]
    );
    assert_eq!(
        pvc(set(
            www_web_0(),
            "/spec/accessModes",
            json!(["ReadWriteOncePod", "ReadWriteOnce"])
        )),
        vec!["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]
    );
}

#[test]
fn claim_storage_request() {
    assert_eq!(
        pvc(unset(www_web_0(), "/spec/resources")),
        vec!["spec.resources[storage]: Required value"]
    );
    assert_eq!(
        pvc(set(
            www_web_0(),
            "/spec/resources/requests/storage",
            json!("0")
        )),
        vec!["spec.resources[storage]: Invalid value: \"0\": must be greater than zero"]
    );
    assert_eq!(
        pvc(set(
            www_web_0(),
            "/spec/resources/requests/storage",
            json!("-1Gi")
        )),
        vec!["spec.resources[storage]: Invalid value: \"-1Gi\": must be greater than zero"]
    );
    assert_eq!(pvc(set(www_web_0(), "/spec/volumeMode", json!("Raw"))), vec!["spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\""]);
    assert_eq!(
        pvc(set(www_web_0(), "/spec/storageClassName", json!("Fast"))),
        vec!["spec.storageClassName: Invalid value: \"Fast\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
    );
}

#[test]
fn malformed_quantities_fail_decoding() {
    let o = object(
        Kind::PersistentVolumeClaim,
        set(
            www_web_0(),
            "/spec/resources/requests/storage",
            json!("1GB"),
        ),
    );
    assert_eq!(
        decode_error(&o).as_deref(),
        Some("PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    );
    let o = object(
        Kind::StatefulSet,
        set(
            web(),
            "/spec/volumeClaimTemplates/0/spec/resources/requests/storage",
            json!("1K"),
        ),
    );
    assert_eq!(decode_error(&o).as_deref(), Some("StatefulSet in version \"v1\" cannot be handled as a StatefulSet: unable to parse quantity's suffix"));
    assert_eq!(decode_error(&object(Kind::StatefulSet, web())), None);
}

#[test]
fn claim_updates() {
    let pending = |storage: &str| {
        set(
            www_web_0(),
            "/spec/resources/requests/storage",
            json!(storage),
        )
    };
    let errs = update(Kind::PersistentVolumeClaim, pending("1Gi"), pending("2Gi"));
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n"), "{}", errs[0]);
    let bound = |storage: &str| {
        set(
            set(pending(storage), "/status/phase", json!("Bound")),
            "/status/capacity",
            json!({"storage": "2Gi"}),
        )
    };
    assert!(update(Kind::PersistentVolumeClaim, bound("2Gi"), bound("3Gi")).is_empty());
    assert_eq!(update(Kind::PersistentVolumeClaim, bound("2Gi"), bound("1Gi")), vec!["spec.resources.requests.storage: Forbidden: field can not be less than status.capacity"]);
    assert!(update(
        Kind::PersistentVolumeClaim,
        pending("1Gi"),
        set(pending("1024Mi"), "/spec/volumeName", json!("pvc-1"))
    )
    .is_empty());
}

#[test]
fn persistent_volumes() {
    assert!(create(Kind::PersistentVolume, static_pv()).is_empty());
    assert_eq!(
        create(Kind::PersistentVolume, unset(static_pv(), "/spec/capacity")),
        vec![
            "spec.capacity: Required value",
            "spec.capacity: Unsupported value: null: supported values: \"storage\""
        ]
    );
    assert_eq!(
        create(Kind::PersistentVolume, unset(static_pv(), "/spec/hostPath")),
        vec!["spec: Required value: must specify a volume type"]
    );
    assert_eq!(
        create(Kind::PersistentVolume, set(static_pv(), "/spec/persistentVolumeReclaimPolicy", json!("Keep"))),
        vec!["spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\""]
    );
    assert_eq!(
        create(
            Kind::PersistentVolume,
            set(static_pv(), "/metadata/namespace", json!("default"))
        ),
        vec!["metadata.namespace: Forbidden: not allowed on this type"]
    );
    let local = set(
        unset(static_pv(), "/spec/hostPath"),
        "/spec/local",
        json!({"path": "/mnt/disk"}),
    );
    assert_eq!(
        create(Kind::PersistentVolume, local),
        vec!["spec.nodeAffinity: Required value: Local volume requires node affinity"]
    );
    let moved = set(static_pv(), "/spec/hostPath/path", json!("/other"));
    let errs = update(Kind::PersistentVolume, static_pv(), moved);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n"), "{}", errs[0]);
}

fn class() -> Value {
    json!({"metadata": {"name": "standard"}, "provisioner": "rancher.io/local-path", "volumeBindingMode": "WaitForFirstConsumer"})
}

#[test]
fn storage_classes() {
    let sc = |v: Value| create(Kind::StorageClass, v);
    assert!(sc(class()).is_empty());
    assert_eq!(
        sc(unset(class(), "/provisioner")),
        vec!["provisioner: Required value"]
    );
    assert_eq!(sc(set(class(), "/reclaimPolicy", json!("Recycle"))), vec!["reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\""]);
    assert_eq!(
        sc(set(class(), "/volumeBindingMode", json!("Later"))),
        vec!["volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\""]
    );
    assert_eq!(
        update(
            Kind::StorageClass,
            class(),
            set(
                set(class(), "/parameters", json!({"a": "b"})),
                "/reclaimPolicy",
                json!("Retain")
            )
        ),
        vec![
            "parameters: Forbidden: updates to parameters are forbidden.",
            "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden."
        ]
    );
    assert_eq!(
        update(
            Kind::StorageClass,
            class(),
            set(class(), "/volumeBindingMode", json!("Immediate"))
        ),
        vec!["volumeBindingMode: Invalid value: \"Immediate\": field is immutable"]
    );
}
