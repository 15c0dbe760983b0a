//! `kubectl get KIND -o yaml|json` of what the StatefulSet Basics tutorial
//! leaves behind (web.yaml applied, both Pods Ready, then a scale down to
//! one so `www-web-1` stays), field by field as a kind cluster of 1.35
//! prints it. Each expectation names the source that decided it: the
//! Kubernetes 1.35 source (controller or registry code), or real dumps of
//! recent kind / 1.35 clusters where the source leaves the value to the
//! runtime.

use ordinal::console::Console;
use serde_json::Value;

use crate::support::console::run;

/// The tutorial's state: web-0 Running, web-1 scaled away, its claim kept.
fn tutorial() -> Console {
    let mut c = Console::new(1);
    for cmd in [
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
        "kubectl rollout status sts/web",
        "kubectl scale sts web --replicas=1",
        "kubectl wait --for=delete pod/web-1 --timeout=120s",
        // The controller's status catches up with the deletion within the
        // second.
        "sleep 1",
    ] {
        let (code, _, err) = run(&mut c, cmd);
        assert_eq!(code, 0, "{cmd}: {err}");
    }
    c
}

/// `kubectl get … -o json`, parsed.
fn get(c: &mut Console, what: &str) -> Value {
    let (code, out, err) = run(c, &format!("kubectl get {what} -o json"));
    assert_eq!(code, 0, "{what}: {err}");
    serde_json::from_str(&out).expect("kubectl prints JSON")
}

fn at<'a>(v: &'a Value, path: &str) -> &'a Value {
    v.pointer(path)
        .unwrap_or_else(|| panic!("no {path} in {v:#}"))
}

/// The runtime's `user.linux` of a running container: containerd 2.x
/// reports the identity it started the process with (its OCI spec's
/// `process.user`) and the kubelet copies it with SupplementalGroupsPolicy
/// (beta, on by default since 1.33; GA in 1.35). nginx-slim runs as root
/// and root is in no other group of Debian's `/etc/group`: `[0]`.
#[test]
fn a_running_containers_status_reports_the_runtime_identity() {
    let mut c = tutorial();
    let pod = get(&mut c, "pod web-0");
    let cs = at(&pod, "/status/containerStatuses/0");
    assert_eq!(
        cs["user"],
        serde_json::json!({"linux": {"gid": 0, "supplementalGroups": [0], "uid": 0}})
    );
    // The YAML shows it between `state` and `volumeMounts`: keys sorted
    // (kubectl prints a map[string]interface{}).
    let (_, yaml, _) = run(&mut c, "kubectl get pod web-0 -o yaml");
    let text = yaml.split("containerStatuses:").nth(1).unwrap_or_default();
    let (st, user, vm) = (
        text.find("    state:"),
        text.find("    user:\n      linux:\n        gid: 0\n        supplementalGroups:\n        - 0\n        uid: 0\n"),
        text.find("    volumeMounts:"),
    );
    assert!(
        st < user && user < vm && st.is_some() && vm.is_some(),
        "{text}"
    );
}

/// The same rules as `id` in the container (one implementation): a Pod's
/// `securityContext` and the container's decide uid, gid and the groups,
/// and `id` prints what the status reports. The expected values are the
/// security-context task's (kubernetes/website `security-context.md`:
/// runAsUser 1000, runAsGroup 3000, fsGroup 2000, supplementalGroups
/// [4000] give `uid=1000 gid=3000 groups=2000,3000,4000`).
#[test]
fn the_status_identity_and_id_in_the_container_agree() {
    let mut c = Console::new(1);
    let manifest = r#"cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: sc
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: ["sh", "-c", "sleep 1h"]
EOF"#;
    let (code, _, err) = run(&mut c, manifest);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/sc --timeout=60s",
    );
    assert_eq!(code, 0, "{err}");
    let pod = get(&mut c, "pod sc");
    assert_eq!(
        at(&pod, "/status/containerStatuses/0/user/linux"),
        &serde_json::json!({"gid": 3000, "supplementalGroups": [2000, 3000, 4000], "uid": 1000})
    );
    let (_, id, _) = run(&mut c, "kubectl exec sc -- id");
    assert_eq!(id, "uid=1000 gid=3000 groups=2000,3000,4000\n");
}

/// A container that never started has no identity yet: containerd reports
/// `user` only for a container it created.
#[test]
fn a_container_waiting_for_its_image_reports_no_user() {
    let mut c = Console::new(1);
    let (code, _, err) = run(&mut c, "kubectl run bad --image=nginx:0.0.0-nonexistent");
    assert_eq!(code, 0, "{err}");
    let (_, _, _) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/bad --timeout=20s",
    );
    let pod = get(&mut c, "pod bad");
    let cs = at(&pod, "/status/containerStatuses/0");
    assert!(
        cs.get("state").and_then(|s| s.get("waiting")).is_some(),
        "{cs:#}"
    );
    assert!(cs.get("user").is_none(), "{cs:#}");
}

/// `controller.GetPodFromTemplate` sets `GenerateName: "<set>-"`, then
/// `newStatefulSetPod` names the Pod: both stay.
#[test]
fn a_statefulset_pod_keeps_the_generate_name_of_its_template() {
    let mut c = tutorial();
    let pod = get(&mut c, "pod web-0");
    assert_eq!(at(&pod, "/metadata/generateName"), "web-");
    assert_eq!(at(&pod, "/metadata/name"), "web-0");
    // The labels the controller adds (`initIdentity`, the revision label).
    let labels = at(&pod, "/metadata/labels");
    for (k, v) in [
        ("apps.kubernetes.io/pod-index", "0"),
        ("statefulset.kubernetes.io/pod-name", "web-0"),
        ("app", "nginx"),
    ] {
        assert_eq!(labels[k], v, "{labels:#}");
    }
    assert!(labels["controller-revision-hash"]
        .as_str()
        .is_some_and(|h| h.starts_with("web-")));
}

/// The claim the scale down left: `getPersistentVolumeClaims` copies the
/// selector's labels; the PV controller's and the scheduler's annotations
/// (`pv.kubernetes.io/bind-completed`, `bound-by-controller`,
/// `volume.kubernetes.io/selected-node`, both storage-provisioner keys);
/// the pvc-protection finalizer; no owner (whenScaled: Retain).
#[test]
fn the_left_behind_claim_is_bound_and_unowned() {
    let mut c = tutorial();
    let pvc = get(&mut c, "pvc www-web-1");
    let ann = at(&pvc, "/metadata/annotations");
    assert_eq!(ann["pv.kubernetes.io/bind-completed"], "yes");
    assert_eq!(ann["pv.kubernetes.io/bound-by-controller"], "yes");
    assert_eq!(
        ann["volume.kubernetes.io/storage-provisioner"],
        "rancher.io/local-path"
    );
    assert_eq!(
        ann["volume.beta.kubernetes.io/storage-provisioner"],
        "rancher.io/local-path"
    );
    assert!(ann["volume.kubernetes.io/selected-node"].is_string());
    assert_eq!(
        at(&pvc, "/metadata/labels"),
        &serde_json::json!({"app": "nginx"})
    );
    assert_eq!(
        at(&pvc, "/metadata/finalizers"),
        &serde_json::json!(["kubernetes.io/pvc-protection"])
    );
    assert!(pvc["metadata"].get("ownerReferences").is_none());
    assert_eq!(at(&pvc, "/status/phase"), "Bound");
    assert_eq!(at(&pvc, "/spec/storageClassName"), "standard");
}

/// local-path-provisioner's PV: `hostPath` with `DirectoryOrCreate` under
/// `/var/local-path-provisioner/<pv>_<ns>_<claim>`, node affinity to the
/// selected node, its own `selected-node` and `provisioned-by` annotations.
#[test]
fn the_local_path_volume_is_pinned_to_its_node() {
    let mut c = tutorial();
    let pvc = get(&mut c, "pvc www-web-1");
    let pv_name = at(&pvc, "/spec/volumeName")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let node = at(
        &pvc,
        "/metadata/annotations/volume.kubernetes.io~1selected-node",
    )
    .clone();
    let pv = get(&mut c, &format!("pv {pv_name}"));
    assert_eq!(at(&pv, "/spec/hostPath/type"), "DirectoryOrCreate");
    assert_eq!(
        at(&pv, "/spec/hostPath/path"),
        &Value::String(format!(
            "/var/local-path-provisioner/{pv_name}_default_www-web-1"
        ))
    );
    assert_eq!(
        at(
            &pv,
            "/spec/nodeAffinity/required/nodeSelectorTerms/0/matchExpressions/0"
        ),
        &serde_json::json!({"key": "kubernetes.io/hostname", "operator": "In", "values": [node]})
    );
    assert_eq!(
        at(
            &pv,
            "/metadata/annotations/pv.kubernetes.io~1provisioned-by"
        ),
        "rancher.io/local-path"
    );
    assert_eq!(
        at(
            &pv,
            "/metadata/annotations/local.path.provisioner~1selected-node"
        ),
        &node
    );
    assert_eq!(at(&pv, "/spec/claimRef/name"), "www-web-1");
    assert_eq!(at(&pv, "/spec/persistentVolumeReclaimPolicy"), "Delete");
}

/// The EndpointSlice controller's labels (the Service's own, `managed-by`,
/// `service-name`, `headless` for clusterIP None) and the registry's
/// generation: 1 at creation, one more for every write that changes
/// endpoints, ports or labels (`endpointSliceStrategy.PrepareForUpdate`).
/// Real dumps show `generation` on every slice.
#[test]
fn the_endpointslice_carries_its_controllers_labels_and_a_generation() {
    let mut c = tutorial();
    let list = get(&mut c, "endpointslices -l kubernetes.io/service-name=nginx");
    let s = at(&list, "/items/0");
    let labels = at(s, "/metadata/labels");
    assert_eq!(
        labels,
        &serde_json::json!({
            "app": "nginx",
            "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
            "kubernetes.io/service-name": "nginx",
            "service.kubernetes.io/headless": "",
        })
    );
    assert_eq!(at(s, "/metadata/generateName"), "nginx-");
    // Created empty, then web-0 and web-1 came and went: several writes.
    let generation = at(s, "/metadata/generation").as_i64().unwrap_or_default();
    assert!(generation > 2, "generation {generation}");
    assert_eq!(at(s, "/endpoints/0/hostname"), "web-0");
    // A user's change of a label is a new generation too; of an
    // annotation, not.
    let (code, _, err) = run(&mut c, "kubectl label endpointslices --all team=web");
    assert_eq!(code, 0, "{err}");
    let after = get(&mut c, "endpointslices -l kubernetes.io/service-name=nginx");
    assert_eq!(
        at(&after, "/items/0/metadata/generation").as_i64(),
        Some(generation + 1)
    );
    let (code, _, err) = run(&mut c, "kubectl annotate endpointslices --all note=x");
    assert_eq!(code, 0, "{err}");
    let after = get(&mut c, "endpointslices -l kubernetes.io/service-name=nginx");
    assert_eq!(
        at(&after, "/items/0/metadata/generation").as_i64(),
        Some(generation + 1)
    );
}

/// A 1.35 kubelet's node status: `kubeProxyVersion` empty
/// (DisableNodeKubeProxyVersion on by default since 1.33; a 1.35 node's
/// dump shows `kubeProxyVersion: ''`), `daemonEndpoints` with Go's
/// capitalised `Port`, containerd 2.x's `features` and its runtime
/// handlers sorted by name ("" for the default, kind's `test-handler`).
#[test]
fn a_node_reports_what_its_kubelet_and_runtime_report() {
    let mut c = Console::new(1);
    let node = get(&mut c, "node ordinal-worker");
    assert_eq!(at(&node, "/status/nodeInfo/kubeProxyVersion"), "");
    assert_eq!(at(&node, "/status/nodeInfo/kubeletVersion"), "v1.35.0");
    assert_eq!(
        at(&node, "/status/daemonEndpoints/kubeletEndpoint/Port"),
        10250
    );
    assert_eq!(
        at(&node, "/status/features"),
        &serde_json::json!({"supplementalGroupsPolicy": true})
    );
    let names: Vec<&str> = at(&node, "/status/runtimeHandlers")
        .as_array()
        .map(|a| a.iter().filter_map(|h| h["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["", "runc", "test-handler"]);
    assert_eq!(
        at(&node, "/status/runtimeHandlers/1/features"),
        &serde_json::json!({"recursiveReadOnlyMounts": true, "userNamespaces": true})
    );
    // `kubectl describe node` (1.35's describe.go) still prints the line,
    // empty: the tab writer pads the label's cell as for any value.
    let (_, text, _) = run(&mut c, "kubectl describe node ordinal-worker");
    assert!(
        text.contains("\n  Kube-Proxy Version:         \nPodCIDR:"),
        "{text}"
    );
}

/// The StatefulSet as the API server defaults it and the controller's
/// status after the scale down; the claim template keeps its
/// `status: {phase: Pending}` (a struct in Go, printed).
#[test]
fn the_statefulset_shows_its_defaults_and_status() {
    let mut c = tutorial();
    let sts = get(&mut c, "sts web");
    assert_eq!(
        at(&sts, "/spec/persistentVolumeClaimRetentionPolicy"),
        &serde_json::json!({"whenDeleted": "Retain", "whenScaled": "Retain"})
    );
    assert_eq!(at(&sts, "/spec/podManagementPolicy"), "OrderedReady");
    assert_eq!(
        at(&sts, "/spec/updateStrategy"),
        &serde_json::json!({"rollingUpdate": {"maxUnavailable": 1, "partition": 0}, "type": "RollingUpdate"})
    );
    assert_eq!(
        at(&sts, "/spec/volumeClaimTemplates/0/status"),
        &serde_json::json!({"phase": "Pending"})
    );
    assert_eq!(
        at(&sts, "/spec/volumeClaimTemplates/0/spec/volumeMode"),
        "Filesystem"
    );
    let st = at(&sts, "/status");
    for k in [
        "replicas",
        "readyReplicas",
        "currentReplicas",
        "updatedReplicas",
        "availableReplicas",
    ] {
        assert_eq!(st[k], 1, "{k}: {st:#}");
    }
    assert_eq!(st["collisionCount"], 0);
    assert_eq!(
        st["observedGeneration"],
        at(&sts, "/metadata/generation").clone()
    );
    assert_eq!(st["currentRevision"], st["updateRevision"]);
}

/// kind creates its `standard` class with `kubectl apply`: the dump carries
/// the last-applied configuration (real kind dumps, 1.33 among them, show
/// exactly this JSON), and `kubectl describe sc` prints it before the
/// default-class annotation, its trailing newline breaking the tab
/// writer's column as on a real cluster.
#[test]
fn the_default_storage_class_was_applied_by_kind() {
    let mut c = Console::new(1);
    let sc = get(&mut c, "sc standard");
    assert_eq!(
        at(
            &sc,
            "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"
        ),
        concat!(
            r#"{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":"#,
            r#"{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"#,
            r#""provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","#,
            r#""volumeBindingMode":"WaitForFirstConsumer"}"#,
            "\n"
        )
    );
    assert_eq!(
        at(
            &sc,
            "/metadata/annotations/storageclass.kubernetes.io~1is-default-class"
        ),
        "true"
    );
    assert_eq!(at(&sc, "/provisioner"), "rancher.io/local-path");
    assert_eq!(at(&sc, "/volumeBindingMode"), "WaitForFirstConsumer");
    assert_eq!(at(&sc, "/reclaimPolicy"), "Delete");
    assert!(sc.get("allowVolumeExpansion").is_none());
    let (_, text, _) = run(&mut c, "kubectl describe sc standard");
    assert!(
        text.starts_with("Name:            standard\nIsDefaultClass:  Yes\nAnnotations:     kubectl.kubernetes.io/last-applied-configuration={"),
        "{text}"
    );
    assert!(text.contains("}\n,storageclass.kubernetes.io/is-default-class=true\nProvisioner:           rancher.io/local-path\n"), "{text}");
}

/// The scheduler records through client-go's events.k8s.io recorder; in
/// the core/v1 view `kubectl get events -o yaml` prints, its `Scheduled`
/// Event has `action: Binding`, a microsecond `eventTime`, null first and
/// last timestamps, no `count`, `source: {}` and a `reportingInstance` of
/// the controller on its host (real kind and minikube dumps:
/// `reportingInstance: default-scheduler-kind-control-plane`). The
/// kubelet's Events keep the core recorder's shape.
#[test]
fn the_schedulers_events_are_events_api_records() {
    let mut c = tutorial();
    let list = get(
        &mut c,
        "events --field-selector reason=Scheduled,involvedObject.name=web-0",
    );
    let ev = at(&list, "/items/0");
    assert_eq!(ev["action"], "Binding");
    assert_eq!(ev["reportingComponent"], "default-scheduler");
    assert_eq!(
        ev["reportingInstance"],
        "default-scheduler-ordinal-control-plane"
    );
    assert_eq!(ev["source"], serde_json::json!({}));
    assert!(
        ev["firstTimestamp"].is_null() && ev["lastTimestamp"].is_null(),
        "{ev:#}"
    );
    assert!(ev.get("count").is_none(), "{ev:#}");
    let t = ev["eventTime"].as_str().unwrap_or_default();
    // 2026-01-05T09:00:02.723000Z: six fraction digits.
    assert_eq!(t.len(), 27, "{t}");
    assert_eq!(&t[19..20], ".");
    let list = get(
        &mut c,
        "events --field-selector reason=Pulling,involvedObject.name=web-0",
    );
    let ev = at(&list, "/items/0");
    assert_eq!(ev["count"], 1);
    assert_eq!(
        ev["source"],
        serde_json::json!({"component": "kubelet", "host": ev["reportingInstance"]})
    );
    assert!(
        ev["eventTime"].is_null() && ev["firstTimestamp"].is_string(),
        "{ev:#}"
    );
    assert!(ev.get("action").is_none(), "{ev:#}");
}

/// A Pod that cannot be scheduled: `FailedScheduling` with action
/// `Scheduling`; seen again, the Event gains a `series` (count 2 at the
/// second occurrence, written at once) rather than a `count`, and `kubectl
/// describe` and `kubectl get events -o wide` read the series
/// (`DescribeEvents`, `printEvent`). Later occurrences stay in the
/// events recorder's cache (`recordToSink`: an isomorphic Event with a
/// series only counts) until its 30-minute `refreshExistingEventSeries`
/// writes them; meanwhile the scheduling queue's flush retries the Pod
/// every five minutes and a half (`flushUnschedulablePodsLeftover`).
#[test]
fn a_repeated_scheduling_failure_becomes_a_series() {
    let mut c = Console::new(1);
    let (code, _, err) = run(
        &mut c,
        r#"kubectl run stuck --image=nginx:1.27 --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'"#,
    );
    assert_eq!(code, 0, "{err}");
    // A node update makes the scheduler try again (its queueing hints).
    for cmd in [
        "sleep 5",
        "kubectl label node ordinal-worker disk=hdd",
        "sleep 5",
        "kubectl label node ordinal-worker disk=nvme --overwrite",
        "sleep 5",
    ] {
        run(&mut c, cmd);
    }
    let list = get(&mut c, "events --field-selector reason=FailedScheduling");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1), "{list:#}");
    let ev = at(&list, "/items/0");
    assert_eq!(ev["action"], "Scheduling");
    assert_eq!(ev["type"], "Warning");
    // Three failures, two written: the third waits in the cache.
    assert_eq!(at(ev, "/series/count"), 2, "{ev:#}");
    let last = at(ev, "/series/lastObservedTime")
        .as_str()
        .unwrap_or_default();
    assert_eq!(last, "2026-01-05T09:00:05.117000Z");
    assert!(ev.get("count").is_none(), "{ev:#}");
    let (_, text, _) = run(&mut c, "kubectl describe pod stuck");
    assert!(
        text.contains(" 9s (x2 over 14s) ") && text.contains("default-scheduler"),
        "{text}"
    );
    let (_, wide, _) = run(
        &mut c,
        "kubectl get events --field-selector reason=FailedScheduling -o wide --no-headers",
    );
    assert!(
        wide.contains("default-scheduler, default-scheduler-ordinal-control-plane"),
        "{wide}"
    );
    assert!(wide.split_whitespace().any(|w| w == "2"), "{wide}");
    // Past the refresh at 30 minutes: the three, and the flush's retries
    // at 5.5, 11, 16.5, 22 and 27.5 minutes, are written.
    run(&mut c, "sleep 1800");
    let list = get(&mut c, "events --field-selector reason=FailedScheduling");
    let items = list["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "{list:#}");
    assert_eq!(at(&items[0], "/series/count"), 8, "{list:#}");
    assert_eq!(
        at(&items[0], "/series/lastObservedTime"),
        "2026-01-05T09:27:30.147000Z"
    );
    // Schedulable at last: no more failures, and the count stays.
    run(
        &mut c,
        "kubectl label node ordinal-worker disk=ssd --overwrite",
    );
    run(&mut c, "sleep 720");
    let list = get(&mut c, "events --field-selector reason=FailedScheduling");
    assert_eq!(at(&list, "/items/0/series/count"), 8, "{list:#}");
}

/// A series that ends with occurrences not yet written: `finishSeries`
/// (every 6 minutes) writes the final count once the series has been quiet
/// for 6 minutes, and a later failure starts a new Event.
#[test]
fn a_finished_series_is_written_with_its_final_count() {
    let mut c = Console::new(1);
    run(
        &mut c,
        r#"kubectl run stuck --image=nginx:1.27 --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'"#,
    );
    for cmd in [
        "sleep 5",
        "kubectl label node ordinal-worker disk=hdd",
        "sleep 5",
        "kubectl label node ordinal-worker disk=nvme --overwrite",
        "sleep 5",
        "kubectl label node ordinal-worker disk=sata --overwrite",
        "sleep 5",
        // Scheduled: the series has four failures, two written.
        "kubectl label node ordinal-worker disk=ssd --overwrite",
        "sleep 5",
    ] {
        run(&mut c, cmd);
    }
    let list = get(&mut c, "events --field-selector reason=FailedScheduling");
    assert_eq!(at(&list, "/items/0/series/count"), 2, "{list:#}");
    // The 6-minute tick after 6 quiet minutes (at 12 minutes) writes 4.
    run(&mut c, "sleep 715");
    let list = get(&mut c, "events --field-selector reason=FailedScheduling");
    assert_eq!(at(&list, "/items/0/series/count"), 4, "{list:#}");
    assert_eq!(
        at(&list, "/items/0/series/lastObservedTime"),
        "2026-01-05T09:00:15.079000Z",
        "{list:#}"
    );
}
