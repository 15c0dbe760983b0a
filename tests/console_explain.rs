//! `kubectl explain` for the objects of the StatefulSet lessons: the layout
//! of kubectl 1.35's explain v2 template (`pkg/explain/v2/templates/
//! plaintext.tmpl`: header, `FIELD:`, `ENUM:`, `DESCRIPTION:` wrapped at 76,
//! `FIELDS:` with `<type>`, `-required-` and `enum:`), `--recursive`, the
//! resource names `kubectl get` takes, kubectl's errors, and descriptions
//! that are the API server's OpenAPI v3 text.

use crate::support;

use ordinal::console::Console;
use support::console::run;

fn explain(args: &str) -> (i32, String, String) {
    let mut c = Console::new(1);
    run(&mut c, &format!("kubectl explain {args}"))
}

/// The DESCRIPTION section's text, unwrapped: its lines without their
/// four-space indent, joined by spaces, paragraphs kept.
fn description(out: &str) -> String {
    let body = out
        .split_once("DESCRIPTION:\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    let body = body.split("\nFIELDS:\n").next().unwrap_or_default();
    let mut text = String::new();
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            text.push_str("\n\n");
        } else {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push(' ');
            }
            text.push_str(line);
        }
    }
    text.trim_end().to_string()
}

#[test]
fn a_group_resource_has_a_group_line_and_a_core_one_has_none() {
    let (code, out, err) = explain("statefulsets");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with("GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\nDESCRIPTION:\n    StatefulSet represents a set of pods with consistent identities. Identities\n    are defined as:\n      - Network: A single stable DNS and hostname.\n"),
        "{out}"
    );
    let (_, out, _) = explain("svc");
    assert!(
        out.starts_with("KIND:       Service\nVERSION:    v1\n\nDESCRIPTION:\n"),
        "{out}"
    );
    let (_, out, _) = explain("pvc");
    assert!(
        out.starts_with("KIND:       PersistentVolumeClaim\nVERSION:    v1\n\n"),
        "{out}"
    );
}

#[test]
fn a_field_prints_field_then_its_and_its_schemas_descriptions_then_fields() {
    let (code, out, _) = explain("sts.spec");
    assert_eq!(code, 0);
    // apps/v1 OpenAPI v3: StatefulSet.spec is "Spec defines the desired
    // identities of pods in this set." and io.k8s.api.apps.v1.StatefulSetSpec
    // "A StatefulSetSpec is the specification of a StatefulSet."; the
    // template prints both, then a line of the indent alone, then FIELDS.
    assert!(out.contains("VERSION:    v1\n\nFIELD: spec <StatefulSetSpec>\n\n\nDESCRIPTION:\n    Spec defines the desired identities of pods in this set.\n    A StatefulSetSpec is the specification of a StatefulSet.\n    \nFIELDS:\n  minReadySeconds\t<integer>\n    Minimum number of seconds for which a newly created pod should be ready\n    without any of its container crashing for it to be considered available.\n    Defaults to 0 (pod will be considered available as soon as it is ready)\n\n  ordinals\t<StatefulSetOrdinals>\n"), "{out}");
    // required: ["selector", "template"] in the schema.
    assert!(out.contains("\n  selector\t<LabelSelector> -required-\n    selector is a label query over pods that should match the replica count. It\n    must match the pod template's labels. More info:\n    https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors\n\n"), "{out}");
    assert!(out.contains("\n  template\t<PodTemplateSpec> -required-\n"));
    assert!(out.contains("\n  serviceName\t<string>\n"));
    assert!(out.contains("\n  volumeClaimTemplates\t<[]PersistentVolumeClaim>\n"));
    // The last field's blank line, then the template's final newline.
    assert!(out.ends_with("the same name.\n\n\n"), "{out:?}");
}

#[test]
fn nested_paths_and_short_names_reach_the_same_field() {
    let (code, out, _) = explain("sts.spec.updateStrategy.rollingUpdate");
    assert_eq!(code, 0);
    assert!(out.contains("FIELD: rollingUpdate <RollingUpdateStatefulSetStrategy>\n\n\nDESCRIPTION:\n    RollingUpdate is used to communicate parameters when Type is\n    RollingUpdateStatefulSetStrategyType.\n    RollingUpdateStatefulSetStrategy is used to communicate parameter for\n    RollingUpdateStatefulSetStrategyType.\n    \nFIELDS:\n  maxUnavailable\t<IntOrString>\n"), "{out}");
    assert!(out.contains("\n  partition\t<integer>\n"));
    for alias in [
        "statefulset.spec.updateStrategy.rollingUpdate",
        "statefulsets.spec.updateStrategy.rollingUpdate",
        "statefulsets.apps.spec.updateStrategy.rollingUpdate",
        "StatefulSet.spec.updateStrategy.rollingUpdate.",
    ] {
        assert_eq!(explain(alias).1, out, "{alias}");
    }
    let (_, svc, _) = explain("service.spec.ports");
    assert_eq!(explain("svc.spec.ports").1, svc);
    assert!(svc.contains("FIELD: ports <[]ServicePort>\n"));
    assert!(svc.contains("\n  port\t<integer> -required-\n"));
    assert!(svc.contains("\n  targetPort\t<IntOrString>\n"));
    let (_, pvc, _) = explain("persistentvolumeclaim.spec");
    assert_eq!(explain("pvc.spec").1, pvc);
    assert!(pvc.contains("\n  resources\t<VolumeResourceRequirements>\n"));
}

#[test]
fn enums_are_listed_in_full_for_a_field_and_on_an_enum_line_in_lists() {
    let (code, out, _) = explain("sts.spec.podManagementPolicy");
    assert_eq!(code, 0);
    assert!(out.contains("FIELD: podManagementPolicy <string>\nENUM:\n    OrderedReady\n    Parallel\n\nDESCRIPTION:\n"), "{out}");
    // The served description ends with openapi-gen's list of the values
    // (kube-openapi enum.go), from the constants' comments in
    // k8s.io/api/apps/v1/types.go: "OrderedReadyPodManagement will create
    // pods in strictly increasing order on scale up and strictly decreasing
    // order on scale down, progressing only when the previous pod is ready
    // or terminated. At most one pod will be changed at any time."
    assert!(description(&out).ends_with("pods at once.\n\nPossible enum values: - `\"OrderedReady\"` will create pods in strictly increasing order on scale up and strictly decreasing order on scale down, progressing only when the previous pod is ready or terminated. At most one pod will be changed at any time. - `\"Parallel\"` will create and delete pods as soon as the stateful set replica count is changed, and will not wait for pods to be ready or complete termination."), "{}", description(&out));
    let (_, spec, _) = explain("sts.spec");
    assert!(spec.contains("\n  podManagementPolicy\t<string>\n  enum: OrderedReady, Parallel\n    podManagementPolicy controls how pods are created during initial scale up,\n"), "{spec}");
    let (_, svc, _) = explain("svc.spec");
    assert!(svc
        .contains("\n  type\t<string>\n  enum: ClusterIP, ExternalName, LoadBalancer, NodePort\n"));
    let (_, pvc, _) = explain("pvc.spec.volumeMode");
    assert!(pvc.contains("FIELD: volumeMode <string>\nENUM:\n    Block\n    Filesystem\n\n"));
}

#[test]
fn recursive_lists_nested_field_names_without_descriptions() {
    let (code, out, err) = explain("sts.spec.updateStrategy --recursive");
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\nFIELD: updateStrategy <StatefulSetUpdateStrategy>\n\n\nDESCRIPTION:\n    updateStrategy indicates the StatefulSetUpdateStrategy that will be employed\n    to update Pods in the StatefulSet when a revision is made to Template.\n    StatefulSetUpdateStrategy indicates the strategy that the StatefulSet\n    controller will use to perform updates. It includes any additional\n    parameters necessary to perform the update for the indicated strategy.\n    \nFIELDS:\n  rollingUpdate\t<RollingUpdateStatefulSetStrategy>\n    maxUnavailable\t<IntOrString>\n    partition\t<integer>\n  type\t<string>\n  enum: OnDelete, RollingUpdate\n\n");
    // `--recursive=false` is the default.
    assert_eq!(
        explain("sts.spec.updateStrategy --recursive=false").1,
        explain("sts.spec.updateStrategy").1
    );
}

#[test]
fn recursive_statefulset_goes_into_the_claims_and_the_pod_template() {
    let (code, out, err) = explain("statefulset --recursive");
    assert_eq!(code, 0);
    assert!(out.contains("\n  spec\t<StatefulSetSpec>\n    minReadySeconds\t<integer>\n"));
    assert!(out.contains("\n    template\t<PodTemplateSpec> -required-\n      metadata\t<ObjectMeta>\n        annotations\t<map[string]string>\n"));
    assert!(out.contains("\n      spec\t<PodSpec>\n        activeDeadlineSeconds\t<integer>\n        affinity\t<Affinity>\n"));
    assert!(out.contains(
        "\n        containers\t<[]Container> -required-\n        dnsConfig\t<PodDNSConfig>\n"
    ));
    assert!(out.contains(
        "\n    volumeClaimTemplates\t<[]PersistentVolumeClaim>\n      apiVersion\t<string>\n"
    ));
    assert!(out.contains("\n          status\t<string> -required-\n"));
    assert!(!out.contains("DESCRIPTION:\n    Spec defines"));
    // What kubectl would list under PodSpec's own types is said, not faked.
    assert!(err.starts_with("note: Ordinal's explain covers"), "{err}");
    assert!(err.contains("Container"), "{err}");
}

#[test]
fn the_pod_template_spec_lists_podspec_fields_and_stops_there() {
    let (code, out, _) = explain("sts.spec.template");
    assert_eq!(code, 0);
    assert!(out.contains("FIELDS:\n  metadata\t<ObjectMeta>\n"));
    assert!(
        out.contains("\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod.")
    );
    let (code, out, _) = explain("sts.spec.template.spec");
    assert_eq!(code, 0);
    assert!(out.contains("\n  containers\t<[]Container> -required-\n    List of containers belonging to the pod."), "{out}");
    assert!(out.contains("\n  restartPolicy\t<string>\n  enum: Always, Never, OnFailure\n"));
    // A primitive field of PodSpec is answered in full.
    let (code, out, _) = explain("sts.spec.template.spec.hostname");
    assert_eq!(code, 0);
    assert!(out.contains("FIELD: hostname <string>\n"));
    // Deeper than PodSpec's field list: one line saying what is covered.
    let (code, out, err) = explain("sts.spec.template.spec.containers");
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err, "error: Ordinal's explain covers statefulsets, services and persistentvolumeclaims (with their metadata, and the Pod template's spec as a list of fields); \"containers\" is a Container, which it does not document\n");
    let (code, _, err) = explain("sts.spec.template.spec.containers.image");
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn descriptions_are_the_openapi_text() {
    // apps/v1 OpenAPI v3, StatefulSetSpec.replicas: "replicas is the
    // desired number of replicas of the given Template. These are replicas
    // in the sense that they are instantiations of the same Template, but
    // individual replicas also have a consistent identity. If unspecified,
    // defaults to 1."
    let (_, out, _) = explain("sts.spec.replicas");
    assert!(out.contains("FIELD: replicas <integer>\n\n\nDESCRIPTION:\n"));
    assert_eq!(description(&out), "replicas is the desired number of replicas of the given Template. These are replicas in the sense that they are instantiations of the same Template, but individual replicas also have a consistent identity. If unspecified, defaults to 1.");
    // ObjectMeta.creationTimestamp, then io.k8s.apimachinery.pkg.apis.meta.v1.Time
    // (`"type": "string"`, so `<string>`): "CreationTimestamp is a timestamp
    // representing the server time when this object was created. It is not
    // guaranteed to be set in happens-before order across separate
    // operations. Clients may not set this value. It is represented in
    // RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only.
    // Null for lists. More info: https://git.k8s.io/community/contributors/
    // devel/sig-architecture/api-conventions.md#metadata" and "Time is a
    // wrapper around time.Time which supports correct marshaling to YAML and
    // JSON.  Wrappers are provided for many of the factory methods that the
    // time package offers."
    let (_, out, _) = explain("svc.metadata.creationTimestamp");
    assert!(out.contains("FIELD: creationTimestamp <string>\n"));
    assert_eq!(description(&out), "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.");
    // StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted (its type
    // is not +enum, so no ENUM): "WhenDeleted specifies what happens to PVCs
    // created from StatefulSet VolumeClaimTemplates when the StatefulSet is
    // deleted. The default policy of `Retain` causes PVCs to not be affected
    // by StatefulSet deletion. The `Delete` policy causes those PVCs to be
    // deleted."
    let (_, out, _) = explain("sts.spec.persistentVolumeClaimRetentionPolicy.whenDeleted");
    assert!(out.contains("FIELD: whenDeleted <string>\n\n\nDESCRIPTION:\n"));
    assert_eq!(description(&out), "WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted. The default policy of `Retain` causes PVCs to not be affected by StatefulSet deletion. The `Delete` policy causes those PVCs to be deleted.");
    // k8s.io/api/core/v1 ServiceSpec.clusterIP begins "clusterIP is the IP
    // address of the service and is usually assigned randomly." and says
    // `Setting this to "None" makes a "headless service" (no virtual IP)`.
    let (_, out, _) = explain("svc.spec.clusterIP");
    let text = description(&out);
    assert!(text.starts_with("clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually,"), "{text}");
    assert!(text.contains("Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required."), "{text}");
}

#[test]
fn descriptions_wrap_at_76_columns_and_field_descriptions_at_78_less_indent() {
    for args in [
        "svc.spec",
        "sts.spec.template.spec",
        "pvc.status",
        "sts.metadata",
    ] {
        let (_, out, _) = explain(args);
        let (head, fields) = out.split_once("FIELDS:\n").unwrap();
        for line in head.lines().filter(|l| l.starts_with("    ")) {
            // A single word longer than the width is left whole.
            assert!(line.len() <= 80 || !line[4..].contains(' '), "{line}");
        }
        for line in fields.lines().filter(|l| l.starts_with("    ")) {
            assert!(line.len() <= 80 || !line[4..].contains(' '), "{line}");
        }
    }
}

#[test]
fn a_missing_field_prints_the_header_then_names_the_last_path_element() {
    let (code, out, err) = explain("sts.spec.nope");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\n"
    );
    assert_eq!(err, "error: field \"nope\" does not exist\n");
    // kubectl's template names the path's last element, not the first
    // that is missing.
    let (_, _, err) = explain("svc.bogus.deeper");
    assert_eq!(err, "error: field \"deeper\" does not exist\n");
    // A string has no fields.
    let (_, out, err) = explain("pvc.metadata.name.x");
    assert_eq!(out, "KIND:       PersistentVolumeClaim\nVERSION:    v1\n\n");
    assert_eq!(err, "error: field \"x\" does not exist\n");
    // `TYPE.GROUP` needs the plural: `statefulset.apps.spec` asks for a
    // field "apps".
    let (_, _, err) = explain("statefulset.apps.spec");
    assert_eq!(err, "error: field \"spec\" does not exist\n");
}

#[test]
fn kubectl_errors_for_arguments_types_versions_and_formats() {
    let cases: &[(&str, &str)] = &[
        ("", "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n"),
        ("sts svc", "error: We accept only this format: explain RESOURCE\n"),
        ("nosuchthing", "error: the server doesn't have a resource type \"nosuchthing\"\n"),
        ("nosuchthing.spec", "error: the server doesn't have a resource type \"nosuchthing\"\n"),
        ("sts --api-version=apps/v2", "error: couldn't find resource for \"apps/v2, Resource=statefulsets\"\n"),
        ("svc --api-version=apps/v1", "error: GVR (apps/v1, Resource=services) not found in OpenAPI schema\n"),
        ("sts --api-version=a/b/c", "error: unexpected GroupVersion string: a/b/c\n"),
        ("sts -o yaml", "error: unrecognized format: yaml\n"),
    ];
    for (args, want) in cases {
        let (code, out, err) = explain(args);
        assert_eq!((code, out.as_str(), err.as_str()), (1, "", *want), "{args}");
    }
    // The resource's own version is accepted.
    let (code, out, _) = explain("sts.spec --api-version=apps/v1");
    assert_eq!((code, out), (0, explain("sts.spec").1));
    assert_eq!(explain("svc --api-version=v1").0, 0);
    // A kind the cluster serves but Ordinal's table does not document.
    let (code, _, err) = explain("pods.spec");
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: Ordinal's explain covers statefulsets, services and persistentvolumeclaims"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("it has no documentation of \"pods\"\n"),
        "{err}"
    );
}

#[test]
fn help_lists_explain_and_explain_help_is_kubectls() {
    let mut c = Console::new(1);
    let (_, out, _) = run(&mut c, "help");
    assert!(out.contains("kubectl explain TYPE[.FIELD…]"));
    let (code, out, _) = run(&mut c, "kubectl explain --help");
    assert_eq!(code, 0);
    // kubectl 1.33's `kubectl explain --help` (1.35's text is the same).
    assert!(out.starts_with("Describe fields and structure of various resources.\n"));
    assert!(out.contains(
        "    --recursive=false:\n\tPrint the fields of fields (Currently only 1 level deep)\n"
    ));
    assert!(out.contains("Usage:\n  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]\n"));
    let (code, _, err) = run(&mut c, "kubectl explain sts --bogus");
    assert_eq!(code, 1);
    assert!(err.starts_with("error: unknown flag: --bogus\n"), "{err}");
}
