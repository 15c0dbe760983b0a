//! The cases of upstream `TestValidateStatefulSet` and
//! `TestValidateStatefulSetUpdate` (pkg/apis/apps/validation, 1.34+: Pod
//! template and claim templates validated) that apply to what the
//! simulator models, each built from the tutorial's `web` manifest and
//! checked for the exact rendered causes, in the order the API server
//! produces them.

use serde_json::json;

use super::support::*;
use crate::engine::apiserver::defaults::apply_defaults;
use crate::engine::apiserver::errors::ApiError;
use crate::engine::apiserver::validation::validate_create;
use crate::engine::objects::{Kind, Object, StatefulSet, Value};

fn sts(v: Value) -> Vec<String> {
    create(Kind::StatefulSet, v)
}

fn sts_update(old: Value, new: Value) -> Vec<String> {
    update(Kind::StatefulSet, old, new)
}

/// Decodes and defaults `v`, lets `f` change the typed object (for values
/// defaulting would otherwise fill in), then validates the create.
fn typed(v: Value, f: impl FnOnce(&mut StatefulSet)) -> Vec<String> {
    let mut o = object(Kind::StatefulSet, v);
    apply_defaults(&mut o);
    if let Object::StatefulSet(s) = &mut o {
        f(std::rc::Rc::make_mut(s));
    }
    validate_create(&o).iter().map(|e| e.to_string()).collect()
}

fn invalid_error(v: Value) -> ApiError {
    let mut o = object(Kind::StatefulSet, v);
    apply_defaults(&mut o);
    ApiError::Invalid {
        kind: Kind::StatefulSet,
        name: o.meta().name.to_string(),
        causes: validate_create(&o),
    }
}

const INVALID_KEY: &str = "NoUppercaseOrSpecialCharsLike=Equals";
const QUALIFIED_NAME_MSG: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const ACTIVE_DEADLINE_FORBIDDEN: &str = "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported";

/// `web` with a container mounting `test` and no claim templates.
fn web_mounting_test() -> Value {
    let v = unset(web(), "/spec/volumeClaimTemplates");
    set(
        v,
        "/spec/template/spec/containers/0/volumeMounts",
        json!([{"name": "test", "mountPath": "/test"}]),
    )
}

fn claim(name: &str) -> Value {
    json!({
        "metadata": {"name": name},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
    })
}

// ---- TestValidateStatefulSet: success cases ----

#[test]
fn upstream_success_alpha_and_alphanumeric_names() {
    assert!(sts(set(web(), "/metadata/name", json!("abc"))).is_empty());
    assert!(sts(set(web(), "/metadata/name", json!("abc-123"))).is_empty());
}

/// "hostNetwork true": a template's host ports are not defaulted, so the
/// Pod-only `hostPort == containerPort` rule does not apply to it.
#[test]
fn upstream_success_host_network_true() {
    let v = set(web(), "/spec/template/spec/hostNetwork", json!(true));
    assert!(sts(v).is_empty());
}

#[test]
fn upstream_success_policies_strategy_max_unavailable_ordinals() {
    for v in [
        set(web(), "/spec/podManagementPolicy", json!("Parallel")),
        set(web(), "/spec/podManagementPolicy", json!("OrderedReady")),
        set(
            web(),
            "/spec/updateStrategy",
            json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2}}),
        ),
        set(
            web(),
            "/spec/persistentVolumeClaimRetentionPolicy",
            json!({"whenDeleted": "Delete", "whenScaled": "Retain"}),
        ),
        set(
            web(),
            "/spec/updateStrategy",
            json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2, "maxUnavailable": 2}}),
        ),
        set(web(), "/spec/ordinals/start", json!(2)),
    ] {
        assert!(sts(v.clone()).is_empty(), "{v}");
    }
}

/// "invalid subdomain", "invalid hostname", "both invalid subdomain and
/// hostname": the controller overwrites both, so they are not validated.
#[test]
fn upstream_success_invalid_subdomain_and_hostname_are_ignored() {
    let v = set(web(), "/spec/template/spec/subdomain", json!(INVALID_KEY));
    assert!(sts(v.clone()).is_empty());
    let v = set(v, "/spec/template/spec/hostname", json!(INVALID_KEY));
    assert!(sts(v).is_empty());
    let v = set(web(), "/spec/template/spec/hostname", json!(INVALID_KEY));
    assert!(sts(v).is_empty());
}

/// "volume template in pod volumeMounts", "volume templates already present
/// in volumes", "volume templates present in volumes".
#[test]
fn upstream_success_claim_templates_provide_mounted_volumes() {
    let v = set(
        web_mounting_test(),
        "/spec/volumeClaimTemplates",
        json!([claim("test")]),
    );
    assert!(sts(v).is_empty());
    let v = set(
        web_mounting_test(),
        "/spec/template/spec/volumes",
        json!([{"name": "test1", "emptyDir": {}}, {"name": "test2", "emptyDir": {}}]),
    );
    let v = set(
        v,
        "/spec/volumeClaimTemplates",
        json!([claim("test"), claim("test1"), claim("test2")]),
    );
    assert!(sts(v).is_empty());
    let v = set(
        web_mounting_test(),
        "/spec/template/spec/volumes",
        json!([{"name": "test", "emptyDir": {}}]),
    );
    let v = set(v, "/spec/volumeClaimTemplates", json!([claim("test")]));
    assert!(sts(v).is_empty());
}

// ---- TestValidateStatefulSet: error cases ----

#[test]
fn upstream_error_invalid_label_and_annotation_on_the_set() {
    let v = set(
        web(),
        &format!("/metadata/labels/{INVALID_KEY}"),
        json!("bar"),
    );
    assert_eq!(
        sts(v),
        vec![format!(
            "metadata.labels: Invalid value: \"{INVALID_KEY}\": {QUALIFIED_NAME_MSG}"
        )]
    );
    let v = set(
        web(),
        &format!("/metadata/annotations/{INVALID_KEY}"),
        json!("bar"),
    );
    assert_eq!(
        sts(v),
        vec![format!(
            "metadata.annotations: Invalid value: \"{INVALID_KEY}\": {QUALIFIED_NAME_MSG}"
        )]
    );
}

/// "invalid_label 2": a selector that cannot be converted skips the whole
/// template check (no containers error although the template has none).
#[test]
fn upstream_error_invalid_label_2() {
    let v = set(
        web(),
        &format!("/metadata/labels/{INVALID_KEY}"),
        json!("bar"),
    );
    let v = set(
        v,
        "/spec/selector",
        json!({"matchLabels": {INVALID_KEY: "b"}}),
    );
    let v = set(
        v,
        "/spec/template/metadata/labels",
        json!({INVALID_KEY: "b"}),
    );
    let v = set(v, "/spec/template/spec/containers", json!([]));
    assert_eq!(
        sts(v),
        vec![
            format!("metadata.labels: Invalid value: \"{INVALID_KEY}\": {QUALIFIED_NAME_MSG}"),
            format!(
                "spec.selector.matchLabels: Invalid value: \"{INVALID_KEY}\": {QUALIFIED_NAME_MSG}"
            ),
            format!(
                "spec.selector: Invalid value: {{\"matchLabels\":{{\"{INVALID_KEY}\":\"b\"}}}}"
            ),
        ]
    );
}

/// "invalid restart policy 1/2".
#[test]
fn upstream_error_invalid_restart_policies() {
    for policy in ["OnFailure", "Never"] {
        assert_eq!(
            sts(set(web(), "/spec/template/spec/restartPolicy", json!(policy))),
            vec![format!(
                "spec.template.spec.restartPolicy: Unsupported value: \"{policy}\": supported values: \"Always\""
            )]
        );
    }
}

/// "empty restart policy": the Pod-spec rule (Required) comes first, then
/// the StatefulSet's own (Unsupported). Defaulting fills it in from a
/// manifest, so the typed object is changed after defaulting.
#[test]
fn upstream_error_empty_restart_policy() {
    assert_eq!(
        typed(web(), |s| s.spec.template.spec.restart_policy = None),
        vec![
            "spec.template.spec.restartPolicy: Required value",
            "spec.template.spec.restartPolicy: Unsupported value: \"\": supported values: \"Always\"",
        ]
    );
}

/// "invalid update strategy", "empty update strategy", "invalid rolling
/// update", "negative partition".
#[test]
fn upstream_error_update_strategies() {
    assert_eq!(
        sts(set(web(), "/spec/updateStrategy", json!({"type": "foo"}))),
        vec!["spec.updateStrategy: Invalid value: {\"Type\":\"foo\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'"]
    );
    assert_eq!(
        typed(web(), |s| s.spec.update_strategy = None),
        vec!["spec.updateStrategy: Required value"]
    );
    assert_eq!(
        sts(set(
            web(),
            "/spec/updateStrategy",
            json!({"type": "OnDelete", "rollingUpdate": {"partition": 1}})
        )),
        vec!["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'"]
    );
    assert_eq!(
        sts(set(web(), "/spec/updateStrategy/rollingUpdate/partition", json!(-1))),
        vec!["spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0"]
    );
}

/// "empty pod management policy", "invalid pod management policy".
#[test]
fn upstream_error_pod_management_policies() {
    assert_eq!(
        typed(web(), |s| s.spec.pod_management_policy = None),
        vec!["spec.podManagementPolicy: Required value"]
    );
    assert_eq!(
        sts(set(web(), "/spec/podManagementPolicy", json!("foo"))),
        vec!["spec.podManagementPolicy: Invalid value: \"foo\": must be 'OrderedReady' or 'Parallel'"]
    );
}

/// "set active deadline seconds": a template without containers and with
/// `activeDeadlineSeconds` gets the Pod-spec error first, then the
/// StatefulSet's Forbidden.
#[test]
fn upstream_error_set_active_deadline_seconds() {
    let v = set(
        web_mounting_test(),
        "/spec/template/spec/containers",
        json!([]),
    );
    let v = set(v, "/spec/template/spec/activeDeadlineSeconds", json!(60));
    assert_eq!(
        sts(v),
        vec![
            "spec.template.spec.containers: Required value".to_string(),
            ACTIVE_DEADLINE_FORBIDDEN.to_string(),
        ]
    );
    // Out of the Pod range as well: both rules report it.
    let v = set(web(), "/spec/template/spec/activeDeadlineSeconds", json!(0));
    assert_eq!(
        sts(v),
        vec![
            "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive".to_string(),
            ACTIVE_DEADLINE_FORBIDDEN.to_string(),
        ]
    );
}

/// "empty PersistentVolumeClaimRetentionPolicy" (defaulting fills a
/// manifest's `{}`), "invalid PersistentVolumeClaimRetentionPolicy".
#[test]
fn upstream_error_retention_policies() {
    assert_eq!(
        typed(web(), |s| {
            s.spec.persistent_volume_claim_retention_policy = Some(Default::default())
        }),
        vec![
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"\": supported values: \"Retain\", \"Delete\"",
            "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"\": supported values: \"Retain\", \"Delete\"",
        ]
    );
    let v = set(
        web(),
        "/spec/persistentVolumeClaimRetentionPolicy",
        json!({"whenDeleted": "invalid-retention-policy", "whenScaled": "invalid-retention-policy"}),
    );
    assert_eq!(
        sts(v),
        vec![
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"invalid-retention-policy\": supported values: \"Retain\", \"Delete\"",
            "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"invalid-retention-policy\": supported values: \"Retain\", \"Delete\"",
        ]
    );
}

/// "zero maxUnavailable", "zero percent maxUnavailable", "greater than 100
/// percent maxUnavailable" (maxUnavailable is beta and on in 1.35).
#[test]
fn upstream_error_max_unavailable() {
    let path = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    for (value, shown, detail) in [
        (json!(0), "0", "cannot be 0"),
        (json!("0%"), "\"0%\"", "cannot be 0"),
        (json!("101%"), "\"101%\"", "must not be greater than 100%"),
    ] {
        let v = set(
            web(),
            "/spec/updateStrategy/rollingUpdate/maxUnavailable",
            value,
        );
        assert_eq!(
            sts(v),
            vec![format!("{path}: Invalid value: {shown}: {detail}")]
        );
    }
}

/// `getIntOrPercentValue` reads a non-percent string with `Atoi`, whose
/// out-of-range result is clamped, not 0: such a string gets the percent
/// error only, while one that is not a number also "cannot be 0".
#[test]
fn max_unavailable_string_that_overflows_is_not_zero() {
    let path = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    let percent = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    let big = "99999999999999999999";
    let v = set(
        web(),
        "/spec/updateStrategy/rollingUpdate/maxUnavailable",
        json!(big),
    );
    assert_eq!(
        sts(v),
        vec![format!("{path}: Invalid value: \"{big}\": {percent}")]
    );
    let v = set(
        web(),
        "/spec/updateStrategy/rollingUpdate/maxUnavailable",
        json!("x1"),
    );
    assert_eq!(
        sts(v),
        vec![
            format!("{path}: Invalid value: \"x1\": {percent}"),
            format!("{path}: Invalid value: \"x1\": cannot be 0"),
        ]
    );
    // A percent too large for an int is clamped as well: more than 100%.
    let big_percent = format!("{big}%");
    let v = set(
        web(),
        "/spec/updateStrategy/rollingUpdate/maxUnavailable",
        json!(big_percent),
    );
    assert_eq!(
        sts(v),
        vec![format!(
            "{path}: Invalid value: \"{big_percent}\": must not be greater than 100%"
        )]
    );
}

/// "invalid ordinals.start" (the path is printed literally).
#[test]
fn upstream_error_invalid_ordinals_start() {
    assert_eq!(
        sts(set(web(), "/spec/ordinals/start", json!(-2))),
        vec!["spec.ordinals.start: Invalid value: -2: must be greater than or equal to 0"]
    );
}

/// "invalid service name".
#[test]
fn upstream_error_invalid_service_name() {
    assert_eq!(
        sts(set(web(), "/spec/serviceName", json!("Invalid.Name"))),
        vec![format!(
            "spec.serviceName: Invalid value: \"Invalid.Name\": {LABEL_MSG}"
        )]
    );
}

/// "missing volume in pod volumeMounts", "want test volumeMount but have
/// test1 volumeTemplate".
#[test]
fn upstream_error_mount_without_volume() {
    let not_found = "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"test\"";
    assert_eq!(sts(web_mounting_test()), vec![not_found]);
    let v = set(
        web_mounting_test(),
        "/spec/volumeClaimTemplates",
        json!([claim("test1")]),
    );
    assert_eq!(sts(v), vec![not_found]);
}

/// "duplicate volumes".
#[test]
fn upstream_error_duplicate_volumes() {
    let v = unset(web(), "/spec/volumeClaimTemplates");
    let v = set(
        v,
        "/spec/template/spec/containers/0/volumeMounts",
        json!([]),
    );
    let v = set(
        v,
        "/spec/template/spec/volumes",
        json!([{"name": "test1", "emptyDir": {}}, {"name": "test1", "emptyDir": {}}]),
    );
    assert_eq!(
        sts(v),
        vec!["spec.template.spec.volumes[1].name: Duplicate value: \"test1\""]
    );
}

/// #131790 (1.34): the rest of the Pod template is validated as a Pod spec,
/// under `spec.template.spec`.
#[test]
fn pod_template_spec_is_validated_since_1_34() {
    let v = set(
        web(),
        "/spec/template/spec/containers/0",
        json!({"name": "Nginx_1", "image": "nginx", "ports": [{"containerPort": 0}],
               "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}),
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
    let v = set(
        web(),
        "/spec/template/spec/ephemeralContainers",
        json!([{"name": "debug", "image": "busybox"}]),
    );
    assert_eq!(
        sts(v),
        vec!["spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template"]
    );
}

/// `ValidatePodTemplateSpec` and the StatefulSet's own template check both
/// validate the template's labels: each bad label is reported twice in the
/// causes, and once in the server's message (`ToAggregate` drops repeats)
/// and in kubectl's (`statusCausesToAggrError` skips a repeated
/// `field: message`), which then fits on one line.
#[test]
fn template_labels_are_reported_by_both_checks() {
    let v = set(
        web(),
        "/spec/template/metadata/labels/tier",
        json!("front end"),
    );
    let msg = "spec.template.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    assert_eq!(sts(v.clone()), vec![msg, msg]);
    let err = invalid_error(v);
    assert_eq!(
        err.message(),
        format!("StatefulSet.apps \"web\" is invalid: {msg}")
    );
    assert_eq!(
        err.kubectl_text(),
        format!("The StatefulSet \"web\" is invalid: {msg}")
    );
}

/// #132212 (1.34): each claim template is validated as a claim spec.
#[test]
fn volume_claim_templates_are_validated_since_1_34() {
    let v = set(
        web(),
        "/spec/volumeClaimTemplates/0/spec/accessModes",
        json!([]),
    );
    assert_eq!(
        sts(v),
        vec!["spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required"]
    );
    let v = unset(web(), "/spec/volumeClaimTemplates/0/spec/resources");
    assert_eq!(
        sts(v),
        vec!["spec.volumeClaimTemplates[0].spec.resources[storage]: Required value"]
    );
}

/// Full message with several causes in validation order: claim templates
/// come after the retention policy and before the numbers; the Pod
/// template after the selector; restartPolicy last.
#[test]
fn several_causes_render_in_validation_order() {
    let v = set(web(), "/spec/replicas", json!(-1));
    let v = set(
        v,
        "/spec/volumeClaimTemplates/0/spec/accessModes",
        json!([]),
    );
    let v = set(v, "/spec/template/spec/containers/0/image", json!(""));
    let v = set(v, "/spec/template/spec/restartPolicy", json!("Never"));
    let err = invalid_error(v);
    assert_eq!(
        err.message(),
        "StatefulSet.apps \"web\" is invalid: [spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required, spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers[0].image: Required value, spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"]"
    );
}

// ---- TestValidateStatefulSetUpdate ----

/// "update with invalid .spec.serviceName": serviceName is immutable, so
/// its format is not checked again.
#[test]
fn upstream_update_with_invalid_service_name() {
    let old = set(web(), "/spec/serviceName", json!("Invalid.Name"));
    let new = set(old.clone(), "/spec/replicas", json!(3));
    assert!(sts_update(old, new).is_empty());
}

/// "invalid old spec (missing volume template) should skip validation".
#[test]
fn upstream_update_invalid_old_template_skips_template_validation() {
    let old = web_mounting_test();
    let new = set(old.clone(), "/spec/replicas", json!(3));
    assert!(sts_update(old, new).is_empty());
}

/// "volume mount ": a valid old set may start mounting its claim template.
#[test]
fn upstream_update_volume_mount() {
    let old = set(
        web(),
        "/spec/template/spec/containers/0/volumeMounts",
        json!([]),
    );
    let new = set(web(), "/spec/replicas", json!(3));
    assert!(sts_update(old, new).is_empty());
}

/// "valid old spec, invalid subdomain/hostname in new spec", "both
/// invalid subdomain/hostname".
#[test]
fn upstream_update_subdomain_and_hostname() {
    for field in ["subdomain", "hostname"] {
        let pointer = format!("/spec/template/spec/{field}");
        let bad = set(web(), &pointer, json!(INVALID_KEY));
        assert!(sts_update(web(), bad.clone()).is_empty(), "{field}");
        assert!(sts_update(bad.clone(), bad).is_empty(), "{field}");
    }
}

/// "valid old spec but invalid new spec": the template is validated on
/// update when the stored set is valid.
#[test]
fn upstream_update_valid_old_spec_but_invalid_new_spec() {
    let new = set(
        web(),
        "/spec/template/spec/containers/0/name",
        json!("BAD_NAME"),
    );
    assert_eq!(
        sts_update(web(), new),
        vec![format!(
            "spec.template.spec.containers[0].name: Invalid value: \"BAD_NAME\": {LABEL_MSG}"
        )]
    );
}

/// Claim templates are immutable: one stored before 1.34 with an invalid
/// spec does not block other updates (SkipValidateVolumeClaimTemplates).
#[test]
fn update_tolerates_stored_invalid_claim_templates() {
    let old = set(
        web(),
        "/spec/volumeClaimTemplates/0/spec/accessModes",
        json!([]),
    );
    let new = set(old.clone(), "/spec/replicas", json!(5));
    assert!(sts_update(old, new).is_empty());
}

/// "update pvc template size", "update pvc template storage class", "add
/// new pvc template", "update selector", "update pod management policy 2".
#[test]
fn upstream_update_forbidden_changes() {
    let forbidden = format!(
        "spec: Forbidden: {}",
        crate::engine::apiserver::validation::SPEC_UPDATE_FORBIDDEN
    );
    let old = set(
        web(),
        "/spec/volumeClaimTemplates/0/spec/storageClassName",
        json!("storage-class1"),
    );
    for new in [
        set(
            old.clone(),
            "/spec/volumeClaimTemplates/0/spec/resources/requests/storage",
            json!("2Gi"),
        ),
        set(
            old.clone(),
            "/spec/volumeClaimTemplates/0/spec/storageClassName",
            json!("storage-class2"),
        ),
        set(
            old.clone(),
            "/spec/volumeClaimTemplates/1",
            claim("pvc-abc2"),
        ),
        set(old.clone(), "/spec/podManagementPolicy", json!("Parallel")),
    ] {
        assert_eq!(
            sts_update(old.clone(), new.clone()),
            vec![forbidden.clone()],
            "{new}"
        );
    }
    let new = set(old.clone(), "/spec/selector/matchLabels", json!({"c": "d"}));
    let new = set(new, "/spec/template/metadata/labels", json!({"c": "d"}));
    assert_eq!(sts_update(old, new), vec![forbidden]);
}

/// The rejected update leaves nothing changed: validation is a pure
/// function of the two objects, and running it twice gives the same
/// causes.
#[test]
fn validation_is_deterministic() {
    let v = set(
        web(),
        "/spec/template/spec/containers/0/volumeMounts",
        json!([]),
    );
    let v = set(
        v,
        "/spec/volumeClaimTemplates",
        json!([claim("b"), claim("a"), claim("b")]),
    );
    let v = set(
        v,
        "/spec/template/spec/volumes",
        json!([{"name": "a", "emptyDir": {}}, {"name": "c", "emptyDir": {}}, {"name": "c", "emptyDir": {}}]),
    );
    let first = sts(v.clone());
    assert_eq!(first, sts(v));
    // Claim volumes b, a first (claim-template order), then template volume
    // c twice: the second c is the duplicate, at index 3.
    assert_eq!(
        first,
        vec!["spec.template.spec.volumes[3].name: Duplicate value: \"c\""]
    );
}

/// A create or update refused for the Pod template or a claim template
/// leaves the store as it was: no object, no new resourceVersion, and the
/// stored set untouched.
#[test]
fn refused_writes_leave_the_store_unchanged() {
    use crate::engine::Engine;
    let mut e = Engine::with_seed(7);
    let decode = |v: Value| {
        let mut o = object(Kind::StatefulSet, v);
        apply_defaults(&mut o);
        o
    };
    let rv = e.store().resource_version();
    let bad = set(
        web(),
        "/spec/template/spec/containers/0/name",
        json!("Nginx"),
    );
    let err = e.create(decode(bad)).expect_err("refused");
    assert!(matches!(err, ApiError::Invalid { .. }), "{err:?}");
    let bad = set(
        web(),
        "/spec/volumeClaimTemplates/0/spec/accessModes",
        json!([]),
    );
    assert!(e.create(decode(bad)).is_err());
    assert!(e.store().statefulsets.get("default", "web").is_none());
    assert_eq!(e.store().resource_version(), rv);

    e.create(decode(web())).expect("valid set accepted");
    let stored = e
        .store()
        .statefulsets
        .get("default", "web")
        .cloned()
        .expect("stored");
    let rv = e.store().resource_version();
    let mut new = (*stored).clone();
    new.spec.template.spec.containers[0].name = "BAD_NAME".into();
    let err = e
        .update(Object::StatefulSet(std::rc::Rc::new(new)))
        .expect_err("refused");
    assert_eq!(
        err.kubectl_text(),
        format!("The StatefulSet \"web\" is invalid: spec.template.spec.containers[0].name: Invalid value: \"BAD_NAME\": {LABEL_MSG}")
    );
    assert_eq!(e.store().resource_version(), rv);
    assert_eq!(e.store().statefulsets.get("default", "web"), Some(&stored));
}
