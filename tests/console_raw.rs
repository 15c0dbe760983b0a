//! `kubectl get --raw PATH` answers what kube-apiserver 1.35 answers to a
//! GET (console.md; errors as R9.16): `/version`, the health endpoints,
//! discovery, and objects and lists in the Go field order.

use ordinal::console::Console;
use ordinal::engine::objects::RESOURCES;
use ordinal::manifest::json::parse_value;
use ordinal::manifest::tree::{MapEntry, Node, NodeKind};
use ordinal::manifest::yaml::DEFAULT_LIMITS;
use ordinal::manifest::Pos;
use serde_json::Value;

use crate::support::console::{apply, run};

const WEB: &str = "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: http
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi";

fn web() -> Console {
    let mut c = Console::new(1);
    apply(&mut c, WEB);
    run(&mut c, "sim settle");
    c
}

/// `get --raw PATH`: exit status, stdout, stderr.
fn raw(c: &mut Console, path: &str) -> (i32, String, String) {
    run(c, &format!("kubectl get --raw '{path}'"))
}

/// A successful answer, parsed.
fn json(c: &mut Console, path: &str) -> Value {
    let (code, out, err) = raw(c, path);
    assert_eq!(code, 0, "{path}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{path}: {e}: {out}"))
}

/// The document with its key order (serde_json's maps sort).
fn tree(text: &str) -> Node {
    parse_value(text, 0, Pos::new(1, 1), &DEFAULT_LIMITS)
        .unwrap_or_else(|e| panic!("{e:?}: {text}"))
        .root
}

fn entries(n: &Node) -> &[MapEntry] {
    match &n.kind {
        NodeKind::Map(e) => e,
        other => panic!("not an object: {other:?}"),
    }
}

fn keys(n: &Node) -> Vec<&str> {
    entries(n).iter().map(|e| e.key.as_str()).collect()
}

fn at<'a>(n: &'a Node, key: &str) -> &'a Node {
    &entries(n)
        .iter()
        .find(|e| e.key == key)
        .unwrap_or_else(|| panic!("no {key}"))
        .value
}

/// `keys` all belong to the Go struct and come in its field order.
fn assert_go_order(what: &str, keys: &[&str], go: &[&str]) {
    let ranks: Vec<usize> = keys
        .iter()
        .map(|k| {
            go.iter()
                .position(|g| g == k)
                .unwrap_or_else(|| panic!("{what}: {k} is not a field of the Go type"))
        })
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] < w[1]),
        "{what}: {keys:?} is not in the Go order {go:?}"
    );
}

// Field orders of the Go types (k8s.io/api core/v1, apps/v1, meta/v1).
const OBJECT_META: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];
const POD_SPEC: &[&str] = &[
    "volumes",
    "initContainers",
    "containers",
    "ephemeralContainers",
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "affinity",
    "schedulerName",
    "tolerations",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
];
const CONTAINER: &[&str] = &[
    "name",
    "image",
    "command",
    "args",
    "workingDir",
    "ports",
    "envFrom",
    "env",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
];
const VOLUME_MOUNT: &[&str] = &[
    "name",
    "readOnly",
    "recursiveReadOnly",
    "mountPath",
    "subPath",
];
const POD_STATUS: &[&str] = &[
    "observedGeneration",
    "phase",
    "conditions",
    "message",
    "reason",
    "nominatedNodeName",
    "hostIP",
    "hostIPs",
    "podIP",
    "podIPs",
    "startTime",
    "initContainerStatuses",
    "containerStatuses",
    "qosClass",
];
const STS_SPEC: &[&str] = &[
    "replicas",
    "selector",
    "template",
    "volumeClaimTemplates",
    "serviceName",
    "podManagementPolicy",
    "updateStrategy",
    "revisionHistoryLimit",
    "minReadySeconds",
    "persistentVolumeClaimRetentionPolicy",
    "ordinals",
];

/// A Pod comes back on one line, TypeMeta first, each struct in its Go
/// field order; the content is what `-o json` shows, sorted there.
#[test]
fn raw_a_pod_is_compact_json_in_the_go_field_order() {
    let mut c = web();
    let (code, out, err) = raw(&mut c, "/api/v1/namespaces/default/pods/web-0");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("}\n") && out.trim_end().lines().count() == 1,
        "{out}"
    );
    let t = tree(&out);
    assert_eq!(
        keys(&t),
        ["kind", "apiVersion", "metadata", "spec", "status"]
    );
    assert_go_order("metadata", &keys(at(&t, "metadata")), OBJECT_META);
    let spec = at(&t, "spec");
    assert_go_order("spec", &keys(spec), POD_SPEC);
    let NodeKind::Seq(containers) = &at(spec, "containers").kind else {
        panic!("containers")
    };
    assert_go_order("container", &keys(&containers[0]), CONTAINER);
    let NodeKind::Seq(mounts) = &at(&containers[0], "volumeMounts").kind else {
        panic!("volumeMounts")
    };
    for m in mounts {
        assert_go_order("volumeMount", &keys(m), VOLUME_MOUNT);
    }
    assert_go_order("status", &keys(at(&t, "status")), POD_STATUS);

    let got: Value = serde_json::from_str(&out).unwrap();
    let (_, o_json, _) = run(&mut c, "kubectl get pod web-0 -o json");
    let want: Value = serde_json::from_str(&o_json).unwrap();
    assert_eq!(got, want);
    // kubectl's own printer sorts: the two orders differ.
    assert_ne!(out.trim_end(), serde_json::to_string(&want).unwrap());
}

/// The claim templates carry TypeMeta, as the apps/v1 conversion sets it
/// (kubernetes#87583), first in each template.
#[test]
fn raw_a_statefulset_keeps_its_spec_order_and_template_type_meta() {
    let mut c = web();
    let (_, out, _) = raw(&mut c, "/apis/apps/v1/namespaces/default/statefulsets/web");
    let t = tree(&out);
    assert_eq!(keys(&t)[..2], ["kind", "apiVersion"]);
    let spec = at(&t, "spec");
    assert_go_order("sts spec", &keys(spec), STS_SPEC);
    let NodeKind::Seq(templates) = &at(spec, "volumeClaimTemplates").kind else {
        panic!("templates")
    };
    assert_eq!(keys(&templates[0])[..3], ["kind", "apiVersion", "metadata"]);
}

/// Lists: kind before apiVersion, the store's resourceVersion, items
/// without TypeMeta and ordered by namespace and name.
#[test]
fn raw_lists_put_kind_first_and_items_without_type_meta() {
    let mut c = web();
    let (_, out, _) = raw(&mut c, "/api/v1/pods");
    assert_eq!(out.trim_end().lines().count(), 1);
    let t = tree(&out);
    assert_eq!(keys(&t), ["kind", "apiVersion", "metadata", "items"]);
    assert_eq!(keys(at(&t, "metadata")), ["resourceVersion"]);
    let all: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(all["kind"], "PodList");
    assert_eq!(all["apiVersion"], "v1");
    let rv: u64 = all["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let items = all["items"].as_array().unwrap();
    for item in items {
        assert!(item.get("kind").is_none() && item.get("apiVersion").is_none());
        let own: u64 = item["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(own <= rv, "an item newer than its list");
    }
    let names: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["metadata"]["namespace"].as_str().unwrap().to_string(),
                i["metadata"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Every namespace, against `-A`.
    let (_, listed, _) = run(&mut c, "kubectl get pods -A --no-headers");
    assert_eq!(items.len(), listed.lines().count());
    assert!(names
        .iter()
        .any(|(ns, n)| ns == "kube-system" && n.starts_with("coredns-")));

    // One namespace.
    let default = json(&mut c, "/api/v1/namespaces/default/pods");
    let here: Vec<&str> = default["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["metadata"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(here, ["web-0", "web-1"]);
    // labelSelector filters (URL-escaped or not), as `-l` does.
    for q in ["app=web", "app%3Dweb", "app+in+(web)"] {
        let v = json(&mut c, &format!("/api/v1/pods?labelSelector={q}"));
        let names: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["web-0", "web-1"], "{q}");
    }
    let (code, _, err) = raw(&mut c, "/api/v1/pods?labelSelector=a+in+(b");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error from server (BadRequest): unable to parse requirement: found '', expected: ',' or ')'\n"
    );
    // A namespace that does not exist lists nothing (no error).
    let none = json(&mut c, "/api/v1/namespaces/nowhere/pods");
    assert_eq!(none["items"], serde_json::json!([]));
}

/// Each path family the console serves answers with its kind's list or
/// object; the names match what `kubectl get` lists.
#[test]
fn raw_every_family_answers_with_its_kind() {
    let mut c = web();
    for (path, kind) in [
        ("/api/v1/namespaces/default/services", "ServiceList"),
        ("/api/v1/services", "ServiceList"),
        (
            "/api/v1/namespaces/default/persistentvolumeclaims",
            "PersistentVolumeClaimList",
        ),
        (
            "/api/v1/persistentvolumeclaims",
            "PersistentVolumeClaimList",
        ),
        ("/api/v1/namespaces/default/endpoints", "EndpointsList"),
        ("/api/v1/endpoints", "EndpointsList"),
        ("/api/v1/namespaces/kube-system/configmaps", "ConfigMapList"),
        ("/api/v1/configmaps", "ConfigMapList"),
        ("/api/v1/namespaces/default/events", "EventList"),
        ("/api/v1/events", "EventList"),
        ("/api/v1/nodes", "NodeList"),
        ("/api/v1/persistentvolumes", "PersistentVolumeList"),
        ("/api/v1/namespaces", "NamespaceList"),
        (
            "/apis/apps/v1/namespaces/default/statefulsets",
            "StatefulSetList",
        ),
        ("/apis/apps/v1/statefulsets", "StatefulSetList"),
        (
            "/apis/apps/v1/namespaces/default/controllerrevisions",
            "ControllerRevisionList",
        ),
        (
            "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices",
            "EndpointSliceList",
        ),
        ("/apis/storage.k8s.io/v1/storageclasses", "StorageClassList"),
    ] {
        let v = json(&mut c, path);
        assert_eq!(v["kind"], kind, "{path}");
        assert!(!v["items"].as_array().unwrap().is_empty(), "{path}");
    }
    for (path, kind, name) in [
        ("/api/v1/namespaces/default/services/web", "Service", "web"),
        (
            "/api/v1/namespaces/default/persistentvolumeclaims/www-web-0",
            "PersistentVolumeClaim",
            "www-web-0",
        ),
        (
            "/api/v1/namespaces/default/endpoints/web",
            "Endpoints",
            "web",
        ),
        (
            "/api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt",
            "ConfigMap",
            "kube-root-ca.crt",
        ),
        ("/api/v1/nodes/ordinal-worker", "Node", "ordinal-worker"),
        ("/api/v1/namespaces/default", "Namespace", "default"),
        (
            "/apis/storage.k8s.io/v1/storageclasses/standard",
            "StorageClass",
            "standard",
        ),
    ] {
        let v = json(&mut c, path);
        assert_eq!(
            (v["kind"].as_str(), v["metadata"]["name"].as_str()),
            (Some(kind), Some(name)),
            "{path}"
        );
    }
    let (_, pvs, _) = run(&mut c, "kubectl get pv -o name");
    let pv = pvs
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("persistentvolume/");
    let v = json(&mut c, &format!("/api/v1/persistentvolumes/{pv}"));
    assert_eq!(v["spec"]["claimRef"]["kind"], "PersistentVolumeClaim");
    // core/v1 EndpointPort is name, port, protocol (discovery/v1 differs).
    let (_, ep, _) = raw(&mut c, "/api/v1/namespaces/default/endpoints/web");
    assert!(
        ep.contains(r#""ports":[{"name":"http","port":80,"protocol":"TCP"}]"#),
        "{ep}"
    );
    let (_, es, _) = raw(
        &mut c,
        "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices",
    );
    assert!(
        es.contains(r#""ports":[{"name":"http","protocol":"TCP","port":80}]"#),
        "{es}"
    );
}

/// Namespaced kinds have no cluster-scoped object path, cluster-scoped
/// kinds no namespaced one; both are the server's 404.
#[test]
fn raw_namespaced_and_cluster_scoped_paths_are_not_interchangeable() {
    let mut c = web();
    const NOT_FOUND: &str =
        "Error from server (NotFound): the server could not find the requested resource\n";
    for path in [
        "/api/v1/pods/web-0",
        "/api/v1/namespaces/default/nodes",
        "/api/v1/namespaces/default/nodes/ordinal-worker",
        "/api/v1/namespaces/default/storageclasses",
        "/apis/apps/v1/namespaces/default/pods",
        "/apis/apps/v2/statefulsets",
        "/apis/nope.k8s.io/v1",
        "/api/v1/namespaces/default/pods/web-0/log",
        "/x",
        "/livez/nope",
    ] {
        assert_eq!(
            raw(&mut c, path),
            (1, String::new(), NOT_FOUND.into()),
            "{path}"
        );
    }
}

/// A missing object is the server's NotFound Status, as kubectl words it.
#[test]
fn r9_16_missing_objects_are_not_found_by_resource() {
    let mut c = web();
    for (path, text) in [
        (
            "/api/v1/namespaces/default/pods/web-9",
            r#"pods "web-9" not found"#,
        ),
        (
            "/api/v1/namespaces/nowhere/pods/web-0",
            r#"pods "web-0" not found"#,
        ),
        (
            "/apis/apps/v1/namespaces/default/statefulsets/db",
            r#"statefulsets.apps "db" not found"#,
        ),
        (
            "/api/v1/nodes/ordinal-worker9",
            r#"nodes "ordinal-worker9" not found"#,
        ),
        (
            "/apis/storage.k8s.io/v1/storageclasses/fast",
            r#"storageclasses.storage.k8s.io "fast" not found"#,
        ),
    ] {
        let (code, out, err) = raw(&mut c, path);
        assert_eq!((code, out.as_str()), (1, ""), "{path}");
        assert_eq!(err, format!("Error from server (NotFound): {text}\n"));
    }
}

/// `/version` is what `kubectl version -o json` shows as serverVersion,
/// written by `WriteRawJSON`: two-space indent, fields in version.Info's
/// order, no newline after the brace.
#[test]
fn raw_version_is_the_server_version_info() {
    let mut c = web();
    let (code, out, _) = raw(&mut c, "/version");
    assert_eq!(code, 0);
    assert!(
        out.starts_with("{\n  \"major\": \"1\",\n") && out.ends_with("\n}"),
        "{out:?}"
    );
    let got: Value = serde_json::from_str(&out).unwrap();
    let (_, v, _) = run(&mut c, "kubectl version -o json");
    let v: Value = serde_json::from_str(&v).unwrap();
    assert_eq!(got, v["serverVersion"]);
    // apimachinery/pkg/version/types.go
    const INFO: &[&str] = &[
        "major",
        "minor",
        "emulationMajor",
        "emulationMinor",
        "minCompatibilityMajor",
        "minCompatibilityMinor",
        "gitVersion",
        "gitCommit",
        "gitTreeState",
        "buildDate",
        "goVersion",
        "compiler",
        "platform",
    ];
    assert_go_order("version", &keys(&tree(&out)), INFO);
    assert_eq!(got["gitVersion"], "v1.35.0");
}

/// The health endpoints (apiserver/pkg/server/healthz): `ok`, or with
/// `?verbose` each check and the endpoint's verdict; `/readyz` adds its
/// readiness checks, `?exclude=` skips one and warns about unknown ones.
#[test]
fn raw_health_endpoints_answer_like_the_apiserver() {
    let mut c = web();
    for probe in ["/healthz", "/livez", "/readyz"] {
        assert_eq!(raw(&mut c, probe), (0, "ok".into(), String::new()));
        let (_, v, _) = raw(&mut c, &format!("{probe}?verbose"));
        let lines: Vec<&str> = v.lines().collect();
        assert_eq!(lines[..3], ["[+]ping ok", "[+]log ok", "[+]etcd ok"]);
        assert!(lines[3..lines.len() - 1]
            .iter()
            .all(|l| l.starts_with("[+]") && l.ends_with(" ok")));
        assert!(lines.contains(&"[+]poststarthook/start-apiserver-admission-initializer ok"));
        assert!(lines.contains(&"[+]autoregister-completion ok"));
        let name = &probe[1..];
        assert_eq!(*lines.last().unwrap(), format!("{name} check passed"));
        assert!(v.ends_with('\n'));
        let ready_only = [
            "[+]etcd-readiness ok",
            "[+]informer-sync ok",
            "[+]shutdown ok",
        ];
        for l in ready_only {
            assert_eq!(lines.contains(&l), name == "readyz", "{probe}: {l}");
        }
        // verbose=1 and verbose=true are the same request.
        assert_eq!(raw(&mut c, &format!("{probe}?verbose=1")).1, v);
    }
    let (_, v, _) = raw(&mut c, "/livez?verbose&exclude=etcd&exclude=nope");
    assert!(v.contains("[+]etcd excluded: ok\n"), "{v}");
    assert!(v.ends_with(
        "warn: some health checks cannot be excluded: no matches for \"nope\"\nlivez check passed\n"
    ));
    assert_eq!(raw(&mut c, "/livez?exclude=etcd").1, "ok");
    assert_eq!(raw(&mut c, "/readyz/informer-sync").1, "ok");
    assert_eq!(
        raw(&mut c, "/livez/poststarthook/bootstrap-controller").1,
        "ok"
    );
}

/// Discovery lists what `kubectl api-resources` and `api-versions` list,
/// from the same table.
#[test]
fn raw_discovery_matches_api_resources() {
    let mut c = web();
    let api = json(&mut c, "/api");
    assert_eq!(api["kind"], "APIVersions");
    assert_eq!(api["versions"], serde_json::json!(["v1"]));
    assert_eq!(
        api["serverAddressByClientCIDRs"][0]["serverAddress"],
        "172.18.0.3:6443"
    );
    let apis = json(&mut c, "/apis");
    assert_eq!(
        (apis["kind"].as_str(), apis["apiVersion"].as_str()),
        (Some("APIGroupList"), Some("v1"))
    );
    let mut group_versions = vec!["v1".to_string()];
    for g in apis["groups"].as_array().unwrap() {
        let name = g["name"].as_str().unwrap();
        assert_eq!(g["preferredVersion"], g["versions"][0], "{name}");
        for v in g["versions"].as_array().unwrap() {
            group_versions.push(v["groupVersion"].as_str().unwrap().to_string());
        }
        let one = json(&mut c, &format!("/apis/{name}"));
        assert_eq!(one["kind"], "APIGroup");
        assert_eq!(one["versions"], g["versions"]);
    }
    // The aggregator's order: by group priority (apps first), not by name.
    assert_eq!(apis["groups"][0]["name"], "apps");
    let (_, versions, _) = run(&mut c, "kubectl api-versions");
    let mut sorted = group_versions.clone();
    sorted.sort();
    assert_eq!(sorted, versions.lines().collect::<Vec<_>>());

    // Every resource of the table, in its group version's document.
    let mut served: Vec<String> = Vec::new();
    for gv in &group_versions {
        let path = if gv == "v1" {
            "/api/v1".to_string()
        } else {
            format!("/apis/{gv}")
        };
        let doc = json(&mut c, &path);
        assert_eq!(doc["kind"], "APIResourceList");
        assert_eq!(doc["groupVersion"], gv.as_str());
        assert_eq!(doc.get("apiVersion").is_some(), gv != "v1", "{path}");
        let (group, version) = gv.rsplit_once('/').unwrap_or(("", gv));
        let mut want: Vec<_> = RESOURCES
            .iter()
            .filter(|r| r.group == group && r.version == version)
            .collect();
        want.sort_by_key(|r| r.plural);
        let got = doc["resources"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{path}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g["name"], w.plural);
            assert_eq!(g["singularName"], w.singular);
            assert_eq!(g["kind"], w.kind_name);
            assert_eq!(g["namespaced"], w.namespaced);
            let verbs: Vec<&str> = w.verbs.split(',').collect();
            assert_eq!(g["verbs"], serde_json::json!(verbs));
            let shorts = g
                .get("shortNames")
                .cloned()
                .unwrap_or(serde_json::json!([]));
            assert_eq!(shorts, serde_json::json!(w.short_names));
            assert_eq!(g.get("categories").is_some(), w.in_all, "{}", w.plural);
            served.push(if group.is_empty() {
                w.plural.to_string()
            } else {
                format!("{}.{group}", w.plural)
            });
        }
    }
    let (_, names, _) = run(&mut c, "kubectl api-resources -o name");
    let mut listed: Vec<&str> = names.lines().collect();
    listed.sort();
    served.sort();
    assert_eq!(served, listed);
}

/// Thousands of Pods: the list stops at the console's output limit with its
/// notice, and the command still ends (the serialiser stops with it).
#[test]
fn raw_a_huge_list_stops_at_the_output_limit() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: many
spec:
  serviceName: many
  replicas: 2000
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: many
  template:
    metadata:
      labels:
        app: many
    spec:
      containers:
      - name: c
        image: busybox
        command: [sleep, '3600']",
    );
    run(&mut c, "sim advance 1s");
    let (_, count, _) = run(&mut c, "kubectl get pods --no-headers | wc -l");
    assert!(count.trim().parse::<usize>().unwrap() >= 2000, "{count}");
    let (_, out, err) = raw(&mut c, "/api/v1/pods");
    assert!(out.starts_with(r#"{"kind":"PodList","apiVersion":"v1","#));
    assert!(out.len() <= 1 << 20, "{}", out.len());
    assert!(
        err.contains("output truncated after 1048576 bytes"),
        "{err}"
    );
    // The shell goes on.
    assert_eq!(run(&mut c, "echo next").1, "next\n");
}
