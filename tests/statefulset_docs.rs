//! The StatefulSet task pages of kubernetes.io, run as a reader types them
//! (kubernetes/website `content/en/docs/tasks/run-application/
//! {scale,delete,force-delete}-stateful-set*.md`,
//! `tasks/debug/debug-application/debug-statefulset.md` and the concept page
//! `concepts/workloads/controllers/statefulset.md`), with the page's
//! placeholders filled in with the tutorial's `web` set, and the mistakes
//! readers make on them. Outputs are kubectl 1.35's (kubernetes/kubectl tag
//! `kubernetes-1.35.0`) where the pages show older ones. The StatefulSet
//! Basics tutorial itself, to its last section, is the golden transcript
//! `tests/scripts/statefulset-basics.sh`.

use ordinal::console::Console;

use crate::support::console::run;

const WEB_URL: &str = "https://k8s.io/examples/application/web/web.yaml";
/// The tutorial manifest the URL resolves to (2 replicas, nginx-slim 0.21).
const WEB: &str = include_str!("../src/console/library/web.yaml");

/// Runs a command that must succeed; its stdout and stderr together.
fn ok(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 0, "{cmd}: {out}{err}");
    format!("{out}{err}")
}

/// Runs a command that must fail with exit 1; its stderr (stdout empty).
fn fails(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 1, "{cmd}: {out}{err}");
    assert_eq!(out, "", "{cmd}");
    err
}

/// The tutorial's `web` set from its URL, rolled out, with `replicas`.
fn web(replicas: u32) -> Console {
    let mut c = Console::new(1);
    ok(&mut c, &format!("kubectl apply -f {WEB_URL}"));
    if replicas != 2 {
        ok(
            &mut c,
            &format!("kubectl scale sts web --replicas={replicas}"),
        );
    }
    ok(&mut c, "kubectl rollout status sts/web");
    c
}

/// `NAME STATUS` of every `app=nginx` Pod, in name order.
fn pods(c: &mut Console) -> Vec<String> {
    ok(c, "kubectl get pods -l app=nginx --no-headers")
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            format!("{} {}", f[0], f[2])
        })
        .collect()
}

fn images(c: &mut Console) -> String {
    ok(
        c,
        "kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}'",
    )
}

fn node_of(c: &mut Console, pod: &str) -> String {
    ok(
        c,
        &format!("kubectl get pod {pod} -o jsonpath={{.spec.nodeName}}"),
    )
}

// ---- Scale a StatefulSet ----------------------------------------------

/// R3.8/R3.9: `kubectl scale`, an in-place `apply` and `kubectl patch` of
/// `.spec.replicas`, as the page lists them; up is one Pod at a time from
/// the lowest new ordinal, down from the highest.
#[test]
fn scale_page_scale_apply_and_patch_r3_8_r3_9() {
    let mut c = web(2);
    let t = ok(&mut c, "kubectl get statefulsets web");
    assert!(t.starts_with("NAME   READY   AGE\nweb    2/2     "), "{t}");

    assert_eq!(
        ok(&mut c, "kubectl scale statefulsets web --replicas=5"),
        "statefulset.apps/web scaled\n"
    );
    // Only web-2 exists until it is Running and Ready (R3.8).
    assert_eq!(
        pods(&mut c),
        ["web-0 Running", "web-1 Running", "web-2 Pending"]
    );
    let t = ok(&mut c, "kubectl rollout status statefulsets web");
    assert!(t.starts_with("Waiting for 3 pods to be ready...\n"), "{t}");
    assert!(
        t.ends_with("partitioned roll out complete: 5 new pods have been updated...\n"),
        "{t}"
    );

    // The page's in-place update: the manifest with `.spec.replicas`
    // edited, applied again.
    c.put_file("web.yaml", &WEB.replace("replicas: 2", "replicas: 4"));
    assert_eq!(
        ok(&mut c, "kubectl apply -f web.yaml"),
        "service/nginx unchanged\nstatefulset.apps/web configured\n"
    );
    c.run("sim settle");
    assert_eq!(pods(&mut c).len(), 4);

    assert_eq!(
        ok(
            &mut c,
            r#"kubectl patch statefulsets web -p '{"spec":{"replicas":2}}'"#
        ),
        "statefulset.apps/web patched\n"
    );
    // web-3 goes first; web-2 waits until it is gone (R3.9).
    assert_eq!(
        pods(&mut c),
        [
            "web-0 Running",
            "web-1 Running",
            "web-2 Running",
            "web-3 Terminating"
        ]
    );
    c.run("sim settle");
    assert_eq!(pods(&mut c), ["web-0 Running", "web-1 Running"]);
    // The claims stay (R3.9, R6.11 Retain).
    let pvcs = ok(&mut c, "kubectl get pvc -o name");
    assert_eq!(pvcs.lines().count(), 5, "{pvcs}");
    // The same patch again changes nothing.
    assert_eq!(
        ok(
            &mut c,
            r#"kubectl patch statefulsets web -p '{"spec":{"replicas":2}}'"#
        ),
        "statefulset.apps/web patched (no change)\n"
    );
}

/// What readers type wrong on the scale page: a negative count, a
/// precondition that does not hold, the page's placeholder pasted as is.
#[test]
fn scale_page_mistakes() {
    let mut c = web(2);
    // scale.go `Validate`.
    assert_eq!(
        fails(&mut c, "kubectl scale statefulsets web --replicas=-1"),
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"
    );
    assert_eq!(
        fails(
            &mut c,
            "kubectl scale statefulsets web --replicas=3 --current-replicas=-2"
        ),
        "error: The --current-replicas must specify an integer of -1 or greater\n"
    );
    // scale.go `ScalePrecondition.validate`: nothing changes.
    assert_eq!(
        fails(
            &mut c,
            "kubectl scale statefulsets web --replicas=3 --current-replicas=5"
        ),
        "error: Expected replicas to be 5, was 2\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl get sts web -o jsonpath={.spec.replicas}"),
        "2"
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl scale statefulsets web --current-replicas=2 --replicas=3"
        ),
        "statefulset.apps/web scaled\n"
    );
    // Through the API server the count is validated instead (R9.3).
    assert_eq!(
        fails(&mut c, r#"kubectl patch statefulsets web -p '{"spec":{"replicas":-1}}'"#),
        "The StatefulSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
    );
    // The page's `<new-replicas>` is a YAML string to kubectl; the server's
    // unstructured converter cannot make an int32 of it (patch.go
    // `applyPatchToObject`, runtime/converter.go).
    assert_eq!(
        fails(&mut c, r#"kubectl patch statefulsets web -p '{"spec":{"replicas":<new-replicas>}}'"#),
        "The request is invalid: patch: Invalid value: \"map[spec:map[replicas:<new-replicas>]]\": unrecognized type: int32\n"
    );
    assert_eq!(
        fails(&mut c, r#"kubectl patch statefulsets web -p '{"spec":{"replicas":1.5}}'"#),
        "The request is invalid: patch: Invalid value: \"map[spec:map[replicas:1.5]]\": cannot convert float64 to int32\n"
    );
    assert_eq!(
        fails(&mut c, r#"kubectl patch statefulsets web -p '{"spec":{"updateStrategy":"OnDelete"}}'"#),
        "The request is invalid: patch: Invalid value: \"map[spec:map[updateStrategy:OnDelete]]\": cannot restore struct from: string\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl get sts web -o jsonpath={.spec.replicas}"),
        "3"
    );
}

/// The page's troubleshooting note, R3.5: while a Pod that stays is not
/// Ready (here its node stopped answering, so the node controller marked it
/// not Ready), scaling down deletes nothing; once it is Ready again the
/// condemned Pods go, highest first.
#[test]
fn scale_page_unhealthy_pod_blocks_scale_down_r3_5() {
    let mut c = web(4);
    let node = node_of(&mut c, "web-1");
    for p in ["web-2", "web-3"] {
        assert_ne!(node_of(&mut c, p), node, "seed 1 spreads them");
    }
    ok(&mut c, &format!("sim node down {node}"));
    c.run("sleep 60");
    ok(&mut c, "kubectl scale statefulsets web --replicas=2");
    c.run("sleep 60");
    assert_eq!(
        pods(&mut c),
        [
            "web-0 Running",
            "web-1 Running",
            "web-2 Running",
            "web-3 Running"
        ]
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get sts web -o jsonpath={.status.readyReplicas}/{.spec.replicas}"
        ),
        "3/2"
    );
    ok(&mut c, &format!("sim node up {node}"));
    c.run("sim settle");
    assert_eq!(pods(&mut c), ["web-0 Running", "web-1 Running"]);
    let deleted = ok(
        &mut c,
        "kubectl get events --field-selector reason=SuccessfulDelete --sort-by=.lastTimestamp -o custom-columns=M:.message --no-headers",
    );
    assert_eq!(
        deleted,
        "delete Pod web-3 in StatefulSet web successful\ndelete Pod web-2 in StatefulSet web successful\n"
    );
}

// ---- Delete a StatefulSet ---------------------------------------------

/// R3.15, R2.10: `--cascade=orphan` leaves the Pods and claims without an
/// owner; the tutorial's re-apply adopts them without restarting them and
/// scales away the one above `replicas`. `--cascade=false` still works,
/// with kubectl's deprecation warning.
#[test]
fn delete_page_orphan_delete_and_readoption_r3_15() {
    let mut c = web(3);
    let uid1 = ok(&mut c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}");
    assert_eq!(
        ok(&mut c, &format!("kubectl delete -f {WEB_URL} --cascade=orphan")),
        "service \"nginx\" deleted from default namespace\nstatefulset.apps \"web\" deleted from default namespace\n"
    );
    assert_eq!(
        pods(&mut c),
        ["web-0 Running", "web-1 Running", "web-2 Running"]
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get pods -l app=nginx -o jsonpath={.items[*].metadata.ownerReferences}"
        ),
        ""
    );
    assert_eq!(ok(&mut c, "kubectl get pvc -o name").lines().count(), 3);
    let revision = ok(&mut c, "kubectl get controllerrevisions -o name");
    assert_eq!(revision.lines().count(), 1, "{revision}");
    assert_eq!(
        ok(
            &mut c,
            "kubectl get controllerrevisions -o jsonpath={.items[*].metadata.ownerReferences}"
        ),
        ""
    );

    // The tutorial's re-apply: 2 replicas, the same template.
    ok(&mut c, &format!("kubectl apply -f {WEB_URL}"));
    c.run("sim settle");
    assert_eq!(pods(&mut c), ["web-0 Running", "web-1 Running"]);
    let set_uid = ok(&mut c, "kubectl get sts web -o jsonpath={.metadata.uid}");
    assert_eq!(
        ok(
            &mut c,
            "kubectl get pod web-1 -o jsonpath={.metadata.ownerReferences[0].uid}"
        ),
        set_uid
    );
    assert_eq!(
        ok(&mut c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}"),
        uid1,
        "adopted, not replaced"
    );
    // The orphaned revision is adopted and reused: same name, still 1.
    assert_eq!(
        ok(&mut c, "kubectl get controllerrevisions -o name"),
        revision
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get controllerrevisions -o jsonpath='{.items[0].revision} {.items[0].metadata.ownerReferences[0].uid}'"
        ),
        format!("1 {set_uid}")
    );

    // The page's older spelling (delete_flags.go `GetCascadingStrategy`).
    assert_eq!(
        run(&mut c, &format!("kubectl delete -f {WEB_URL} --cascade=false")),
        (
            0,
            "service \"nginx\" deleted from default namespace\nstatefulset.apps \"web\" deleted from default namespace\n".to_string(),
            "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n".to_string()
        )
    );
    assert_eq!(pods(&mut c).len(), 2);
    // The page's label is the reader's to substitute: web.yaml's Pods carry
    // app=nginx.
    assert_eq!(
        ok(&mut c, "kubectl delete pods -l app=nginx"),
        "pod \"web-0\" deleted from default namespace\npod \"web-1\" deleted from default namespace\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl get pods -l app=nginx"),
        "No resources found in default namespace.\n"
    );
}

/// The page's complete deletion: the grace period read with `--template`,
/// the set deleted by label, the claims by label. web.yaml labels the
/// Service and the Pod template but not the StatefulSet, so the label
/// delete finds nothing: the set has to be deleted by name.
#[test]
fn delete_page_complete_deletion() {
    let mut c = web(2);
    let grace = ok(
        &mut c,
        "kubectl get pods web-0 --template '{{.spec.terminationGracePeriodSeconds}}'",
    );
    assert_eq!(grace, "30", "the API server's default");
    assert_eq!(
        ok(&mut c, "kubectl delete statefulset -l app=nginx"),
        "No resources found\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl delete statefulsets web"),
        "statefulset.apps \"web\" deleted from default namespace\n"
    );
    c.run(&format!("sleep {grace}"));
    assert_eq!(
        ok(&mut c, "kubectl get pods -l app=nginx"),
        "No resources found in default namespace.\n"
    );
    // The headless Service outlives the set (R3.15).
    assert_eq!(
        ok(&mut c, "kubectl delete service nginx"),
        "service \"nginx\" deleted from default namespace\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl delete pvc -l app=nginx"),
        "persistentvolumeclaim \"www-web-0\" deleted from default namespace\npersistentvolumeclaim \"www-web-1\" deleted from default namespace\n"
    );
    // standard's reclaim policy is Delete: the volumes go with the claims.
    c.run("sim settle");
    assert_eq!(ok(&mut c, "kubectl get pvc,pv"), "No resources found\n");
    assert_eq!(
        fails(&mut c, "kubectl delete statefulsets web"),
        "Error from server (NotFound): statefulsets.apps \"web\" not found\n"
    );
}

// ---- Force Delete StatefulSet Pods ------------------------------------

/// delete.go's warning for `--grace-period=0 --force`.
const FORCE_WARNING: &str = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

/// The page's two deletions on a healthy set: graceful, and forced with
/// kubectl's warning (delete.go); `--grace-period=0` alone is turned into
/// 1 and is graceful; `--now` with `--force` is refused.
#[test]
fn force_delete_page_commands() {
    let mut c = web(2);
    assert_eq!(
        ok(&mut c, "kubectl delete pods web-0"),
        "pod \"web-0\" deleted from default namespace\n"
    );
    c.run("sim settle");
    assert_eq!(
        run(&mut c, "kubectl delete pods web-1 --grace-period=0 --force"),
        (
            0,
            "pod \"web-1\" force deleted from default namespace\n".to_string(),
            format!("{FORCE_WARNING}\n")
        )
    );
    // The name is free at once: the controller has made web-1 again.
    assert_eq!(pods(&mut c), ["web-0 Running", "web-1 Pending"]);
    c.run("sim settle");
    assert_eq!(
        ok(&mut c, "kubectl delete pods web-1 --grace-period=0"),
        "pod \"web-1\" deleted from default namespace\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl delete pods web-0 --now --force"),
        "error: --force and --grace-period greater than 0 cannot be specified together\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl delete pods nope --grace-period=0 --force"),
        format!("{FORCE_WARNING}\nError from server (NotFound): pods \"nope\" not found\n")
    );
    // The page's last resort on a Pod with no finalizers changes nothing.
    assert_eq!(
        ok(
            &mut c,
            r#"kubectl patch pod web-0 -p '{"metadata":{"finalizers":null}}'"#
        ),
        "pod/web-0 patched (no change)\n"
    );
}

/// R3.13, R2.12: a Pod on a node that stopped answering is marked not
/// Ready (its row still reads 1/1 Running: the container statuses are the
/// silent kubelet's last), is evicted after the 300 s unreachable
/// toleration (with a DisruptionTarget condition) and then stays
/// Terminating; the set makes no replacement
/// until it is force deleted. The replacement waits for its local volume's
/// node.
#[test]
fn force_delete_page_pod_on_a_lost_node_r3_13() {
    let mut c = web(2);
    let node = node_of(&mut c, "web-0");
    assert_ne!(node_of(&mut c, "web-1"), node, "seed 1 spreads them");
    ok(&mut c, &format!("sim node down {node}"));
    c.run("sleep 60");
    assert_eq!(pods(&mut c), ["web-0 Running", "web-1 Running"]);
    let row = ok(&mut c, "kubectl get pod web-0 --no-headers");
    assert!(row.starts_with("web-0   1/1   Running   0"), "{row}");
    assert_eq!(
        ok(
            &mut c,
            r#"kubectl get pod web-0 -o jsonpath='{range .status.conditions[*]}{.type}={.status} {end}{.status.reason}'"#
        ),
        "PodReadyToStartContainers=True Initialized=True Ready=False ContainersReady=True PodScheduled=True "
    );
    c.run("sleep 300");
    assert_eq!(pods(&mut c), ["web-0 Terminating", "web-1 Running"]);
    // The taint-eviction controller's mark (`addConditionAndDeletePod`).
    assert_eq!(
        ok(
            &mut c,
            r#"kubectl get pod web-0 -o jsonpath='{range .status.conditions[?(@.type=="DisruptionTarget")]}{.status} {.reason}: {.message}{end}'"#
        ),
        "True DeletionByTaintManager: Taint manager: deleting due to NoExecute taint"
    );
    let uid = ok(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}");
    // A graceful delete cannot finish: the kubelet never confirms.
    assert_eq!(
        run(&mut c, "kubectl delete pods web-0 --timeout=20s"),
        (
            1,
            "pod \"web-0\" deleted from default namespace\n".to_string(),
            "error: timed out waiting for the condition on pods/web-0\n".to_string()
        )
    );
    c.run("sleep 120");
    assert_eq!(
        ok(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}"),
        uid,
        "not replaced (R2.12)"
    );
    assert_eq!(
        run(&mut c, "kubectl delete pods web-0 --grace-period=0 --force").1,
        "pod \"web-0\" force deleted from default namespace\n"
    );
    c.run("sim settle");
    assert_eq!(pods(&mut c), ["web-0 Pending", "web-1 Running"]);
    let events = ok(&mut c, "kubectl get events --field-selector involvedObject.name=web-0,reason=FailedScheduling -o custom-columns=M:.message --no-headers");
    assert!(
        events.contains("node(s) had untolerated taint(s)")
            && events.contains("node(s) didn't match PersistentVolume's node affinity"),
        "{events}"
    );
    ok(&mut c, &format!("sim node up {node}"));
    c.run("sim settle");
    assert_eq!(pods(&mut c), ["web-0 Running", "web-1 Running"]);
    assert_eq!(node_of(&mut c, "web-0"), node, "its volume is there");
}

/// The page's first way out, R3.13: deleting the Node object of a node
/// that is gone. The Pod garbage collector waits 40 s in case the node
/// comes back, then force-deletes its Pods at its next pass; web-0 is made
/// again but cannot be scheduled: its local-path volume was on that node.
#[test]
fn force_delete_page_deleting_the_node_object_r3_13() {
    let mut c = web(2);
    let node = node_of(&mut c, "web-0");
    ok(&mut c, &format!("sim node down {node}"));
    c.run("sleep 60");
    assert_eq!(
        ok(&mut c, &format!("kubectl delete node {node}")),
        format!("node \"{node}\" deleted\n")
    );
    let uid = ok(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}");
    c.run("sleep 30");
    assert_eq!(
        ok(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}"),
        uid,
        "still in quarantine"
    );
    c.run("sleep 40");
    assert_ne!(
        ok(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}"),
        uid
    );
    assert_eq!(pods(&mut c), ["web-0 Pending", "web-1 Running"]);
    let events = ok(&mut c, "kubectl get events --field-selector involvedObject.name=web-0,reason=FailedScheduling -o custom-columns=M:.message --no-headers");
    assert!(
        events.starts_with("0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match PersistentVolume's node affinity."),
        "{events}"
    );
}

// ---- Debug a StatefulSet ----------------------------------------------

#[test]
fn debug_page_lists_the_pods_by_label() {
    let mut c = web(2);
    // The page's label is an example; web.yaml's is app=nginx.
    assert_eq!(
        ok(&mut c, "kubectl get pods -l app=myapp"),
        "No resources found in default namespace.\n"
    );
    let t = ok(&mut c, "kubectl get pods -l app=nginx");
    assert!(
        t.starts_with("NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0"),
        "{t}"
    );
    assert_eq!(t.lines().count(), 3, "{t}");
}

// ---- The StatefulSets concept page ------------------------------------

/// The concept page's example (`controllers/statefulset.yaml`: nginx-slim
/// 0.24, `minReadySeconds: 10`, `terminationGracePeriodSeconds: 10`).
const CONCEPT_URL: &str = "https://k8s.io/examples/controllers/statefulset.yaml";
const CONCEPT: &str = include_str!("../src/console/library/statefulset.yaml");

const IMMUTABLE: &str = "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n";

/// The example applied to a kind cluster as is: kind has no
/// `my-storage-class`, so web-0's claim is never provisioned, web-0 is
/// never scheduled and web-1 never made (R3.5, R3.8). The class cannot be
/// patched (R9.11); deleting the set and the claim and applying with
/// kind's class works, one Pod at a time, each `minReadySeconds` after the
/// one before turned Ready (R3.4, R3.2).
#[test]
fn concept_page_example_in_kind_r3_5_r9_11() {
    let mut c = Console::new(1);
    assert_eq!(
        ok(&mut c, &format!("kubectl apply -f {CONCEPT_URL}")),
        "service/nginx created\nstatefulset.apps/web created\n"
    );
    c.run("sleep 60");
    assert_eq!(pods(&mut c), ["web-0 Pending"]);
    let t = ok(&mut c, "kubectl get pvc www-web-0 --no-headers");
    assert!(t.starts_with("www-web-0   Pending"), "{t}");
    let t = ok(&mut c, "kubectl get events --field-selector involvedObject.name=www-web-0 -o custom-columns=R:.reason,M:.message --no-headers");
    assert!(
        t.contains(
            "ProvisioningFailed   storageclass.storage.k8s.io \"my-storage-class\" not found"
        ),
        "{t}"
    );
    let t = ok(&mut c, "kubectl get events --field-selector involvedObject.name=web-0 -o custom-columns=M:.message --no-headers");
    assert!(
        t.contains("0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."),
        "{t}"
    );
    let (code, out, err) = run(&mut c, "kubectl rollout status sts/web --timeout=10s");
    assert_eq!(
        (code, out.as_str()),
        (1, "Waiting for 3 pods to be ready...\n")
    );
    assert_eq!(err, "error: timed out waiting for the condition\n");

    assert_eq!(
        fails(
            &mut c,
            r#"kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/volumeClaimTemplates/0/spec/storageClassName","value":"standard"}]'"#
        ),
        IMMUTABLE
    );
    ok(&mut c, "kubectl delete sts web");
    ok(&mut c, "kubectl delete pvc www-web-0");
    c.put_file(
        "web.yaml",
        &CONCEPT.replace("\"my-storage-class\"", "\"standard\""),
    );
    assert_eq!(
        ok(&mut c, "kubectl apply -f web.yaml"),
        "service/nginx unchanged\nstatefulset.apps/web created\n"
    );
    ok(&mut c, "kubectl rollout status sts/web");
    let t = ok(
        &mut c,
        r#"kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.creationTimestamp} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}{"\n"}{end}'"#,
    );
    let secs = |s: &str| -> i64 {
        // 2026-01-05T09:MM:SSZ
        let m: i64 = s[14..16].parse().unwrap();
        let s: i64 = s[17..19].parse().unwrap();
        m * 60 + s
    };
    let rows: Vec<(i64, i64)> = t
        .lines()
        .map(|l| {
            let (created, ready) = l.split_once(' ').unwrap();
            (secs(created), secs(ready))
        })
        .collect();
    assert_eq!(rows.len(), 3, "{t}");
    for w in rows.windows(2) {
        assert!(
            w[1].0 - w[0].1 >= 10,
            "the next Pod only after minReadySeconds: {t}"
        );
    }
    assert_eq!(
        ok(
            &mut c,
            "kubectl get pod web-0 --template '{{.spec.terminationGracePeriodSeconds}}'"
        ),
        "10"
    );
}

/// The concept page's limitation: deleting a set gives no order, so scale
/// it to 0 first; OrderedReady then removes one Pod at a time, highest
/// first, each after its successor is gone (R3.9).
#[test]
fn concept_page_scale_to_zero_before_deleting_r3_9() {
    let mut c = web(3);
    ok(&mut c, "kubectl scale sts web --replicas=0");
    assert_eq!(
        pods(&mut c),
        ["web-0 Running", "web-1 Running", "web-2 Terminating"]
    );
    c.run("sim settle");
    assert_eq!(
        ok(&mut c, "kubectl get pods -l app=nginx"),
        "No resources found in default namespace.\n"
    );
    let deleted = ok(
        &mut c,
        "kubectl get events --field-selector reason=SuccessfulDelete --sort-by=.lastTimestamp -o custom-columns=M:.message --no-headers",
    );
    assert_eq!(
        deleted,
        "delete Pod web-2 in StatefulSet web successful\ndelete Pod web-1 in StatefulSet web successful\ndelete Pod web-0 in StatefulSet web successful\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl delete sts web"),
        "statefulset.apps \"web\" deleted from default namespace\n"
    );
}

/// R9.11: what a reader may not change on a running set, with 1.35's
/// message (apps validation `ValidateStatefulSetUpdate`).
#[test]
fn concept_page_immutable_fields_r9_11() {
    let mut c = web(2);
    for patch in [
        r#"-p '{"spec":{"serviceName":"other"}}'"#,
        r#"-p '{"spec":{"podManagementPolicy":"Parallel"}}'"#,
        r#"--type=json -p '[{"op":"replace","path":"/spec/volumeClaimTemplates/0/spec/resources/requests/storage","value":"2Gi"}]'"#,
    ] {
        assert_eq!(
            fails(&mut c, &format!("kubectl patch sts web {patch}")),
            IMMUTABLE,
            "{patch}"
        );
    }
    // The fields the message names can change.
    for patch in [
        r#"{"spec":{"minReadySeconds":5}}"#,
        r#"{"spec":{"revisionHistoryLimit":3}}"#,
        r#"{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}"#,
    ] {
        assert_eq!(
            ok(&mut c, &format!("kubectl patch sts web -p '{patch}'")),
            "statefulset.apps/web patched\n",
            "{patch}"
        );
    }
}

/// R4.10, R4.6: with OnDelete a template change reaches a Pod only when
/// the Pod is deleted; `rollout status` refuses the strategy.
#[test]
fn concept_page_on_delete_r4_10() {
    let mut c = web(2);
    ok(
        &mut c,
        r#"kubectl patch sts web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'"#,
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24"
        ),
        "statefulset.apps/web image updated\n"
    );
    c.run("sleep 30");
    assert_eq!(
        images(&mut c),
        "web-0=registry.k8s.io/nginx-slim:0.21 web-1=registry.k8s.io/nginx-slim:0.21 "
    );
    assert_eq!(
        fails(&mut c, "kubectl rollout status sts/web"),
        "error: rollout status is only available for RollingUpdate strategy type\n"
    );
    ok(&mut c, "kubectl delete pod web-1");
    c.run("sim settle");
    assert_eq!(
        images(&mut c),
        "web-0=registry.k8s.io/nginx-slim:0.21 web-1=registry.k8s.io/nginx-slim:0.24 "
    );
    // currentRevision never advances under OnDelete (R4.6).
    assert_eq!(
        ok(
            &mut c,
            "kubectl get sts web -o jsonpath='{.status.currentReplicas} {.status.updatedReplicas}'",
        ),
        "1 1"
    );
    let revs = ok(
        &mut c,
        "kubectl get sts web -o jsonpath='{.status.currentRevision} {.status.updateRevision}'",
    );
    let (cur, upd) = revs.split_once(' ').unwrap();
    assert_ne!(cur, upd);
}

/// R4.8 and kubectl's partition messages (rollout_status.go): a partition
/// above the replicas holds every Pod back and still reads complete.
#[test]
fn concept_page_partitioned_rolling_update_r4_8() {
    let mut c = web(3);
    ok(
        &mut c,
        r#"kubectl patch sts web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":5}}}}'"#,
    );
    ok(
        &mut c,
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24",
    );
    assert_eq!(
        ok(&mut c, "kubectl rollout status sts/web"),
        "partitioned roll out complete: 0 new pods have been updated...\n"
    );
    ok(
        &mut c,
        r#"kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}'"#,
    );
    let t = ok(&mut c, "kubectl rollout status sts/web");
    assert!(
        t.starts_with("Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n"),
        "{t}"
    );
    assert!(
        t.ends_with("partitioned roll out complete: 1 new pods have been updated...\n"),
        "{t}"
    );
    assert_eq!(
        images(&mut c),
        "web-0=registry.k8s.io/nginx-slim:0.21 web-1=registry.k8s.io/nginx-slim:0.21 web-2=registry.k8s.io/nginx-slim:0.24 "
    );
    // Below the partition a deleted Pod comes back at the old template.
    ok(&mut c, "kubectl delete pod web-0");
    c.run("sim settle");
    assert!(images(&mut c).starts_with("web-0=registry.k8s.io/nginx-slim:0.21 "));
}

/// The concept page's forced rollback (R4.13): after a template that never
/// gets Ready, reverting it is not enough; the broken Pod has to be
/// deleted. And `rollout undo` / `history` with revisions that do not
/// exist (R4.15, rollback.go, history.go).
#[test]
fn concept_page_forced_rollback_r4_13_r4_15() {
    let mut c = web(3);
    ok(
        &mut c,
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:does-not-exist",
    );
    c.run("sleep 60");
    assert_eq!(
        pods(&mut c),
        ["web-0 Running", "web-1 Running", "web-2 ImagePullBackOff"]
    );
    let (code, out, err) = run(&mut c, "kubectl rollout status sts/web --timeout=5s");
    assert_eq!(code, 1);
    assert_eq!(out, "Waiting for 1 pods to be ready...\n");
    assert_eq!(err, "error: timed out waiting for the condition\n");

    assert_eq!(
        fails(&mut c, "kubectl rollout undo sts/web --to-revision=7"),
        "error: unable to find specified revision 7 in history\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl rollout undo sts/web --to-revision=2"),
        "statefulset.apps/web skipped rollback (current template already matches revision 2)\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl rollout undo sts/web"),
        "statefulset.apps/web rolled back\n"
    );
    c.run("sleep 60");
    assert_eq!(
        pods(&mut c),
        ["web-0 Running", "web-1 Running", "web-2 ImagePullBackOff"],
        "still waiting for the broken Pod"
    );
    ok(&mut c, "kubectl delete pod web-2");
    ok(&mut c, "kubectl rollout status sts/web");
    assert_eq!(
        images(&mut c),
        "web-0=registry.k8s.io/nginx-slim:0.21 web-1=registry.k8s.io/nginx-slim:0.21 web-2=registry.k8s.io/nginx-slim:0.21 "
    );
    // The undo reused revision 1 as 3 (R4.3).
    assert_eq!(
        ok(&mut c, "kubectl rollout history sts/web"),
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl rollout history sts/web --revision=9"),
        "error: unable to find the specified revision\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl rollout pause sts/web"),
        "error: statefulsets.apps \"web\" pausing is not supported\n"
    );
}

/// The concept page's PersistentVolumeClaim retention (R6.10, R6.11).
#[test]
fn concept_page_claim_retention_r6_11() {
    let mut c = web(3);
    ok(
        &mut c,
        r#"kubectl patch sts web -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Delete"}}}'"#,
    );
    ok(&mut c, "kubectl scale sts web --replicas=1");
    c.run("sim settle");
    assert_eq!(
        ok(&mut c, "kubectl get pvc -o name"),
        "persistentvolumeclaim/www-web-0\n"
    );
    ok(
        &mut c,
        r#"kubectl patch sts web -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Retain"}}}'"#,
    );
    assert_eq!(
        ok(&mut c, "kubectl get pvc www-web-0 -o jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}"),
        "StatefulSet/web"
    );
    assert_eq!(
        fails(
            &mut c,
            r#"kubectl patch sts web -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Keep"}}}'"#
        ),
        "The StatefulSet \"web\" is invalid: spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"\n"
    );
    ok(&mut c, "kubectl delete sts web");
    c.run("sim settle");
    assert_eq!(
        ok(&mut c, "kubectl get pvc"),
        "No resources found in default namespace.\n"
    );
}

/// The concept page's `.spec.ordinals` (R2.1): the slots move, the old
/// Pod goes; a negative start is refused.
#[test]
fn concept_page_start_ordinal_r2_1() {
    let mut c = web(1);
    ok(
        &mut c,
        r#"kubectl patch sts web -p '{"spec":{"ordinals":{"start":5}}}'"#,
    );
    c.run("sim settle");
    assert_eq!(pods(&mut c), ["web-5 Running"]);
    ok(&mut c, "kubectl scale sts web --replicas=3");
    c.run("sim settle");
    assert_eq!(
        pods(&mut c),
        ["web-5 Running", "web-6 Running", "web-7 Running"]
    );
    assert_eq!(
        fails(&mut c, r#"kubectl patch sts web -p '{"spec":{"ordinals":{"start":-1}}}'"#),
        "The StatefulSet \"web\" is invalid: spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0\n"
    );
}

/// The concept page's maxUnavailable (R4.11, R4.12; beta and on in 1.35):
/// with 2, a Parallel set replaces two Pods at once, from the top.
#[test]
fn concept_page_max_unavailable_r4_12() {
    let mut c = Console::new(1);
    c.put_file(
        "web.yaml",
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: 4\n  podManagementPolicy: Parallel\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.21\n",
    );
    ok(&mut c, "kubectl apply -f web.yaml");
    c.run("sim settle");
    assert_eq!(
        ok(
            &mut c,
            "kubectl get sts web -o jsonpath={.spec.updateStrategy}"
        ),
        r#"{"rollingUpdate":{"maxUnavailable":2,"partition":0},"type":"RollingUpdate"}"#
    );
    ok(
        &mut c,
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24",
    );
    assert_eq!(
        pods(&mut c),
        [
            "web-0 Running",
            "web-1 Running",
            "web-2 Terminating",
            "web-3 Terminating"
        ]
    );
    ok(&mut c, "kubectl rollout status sts/web");
    assert!(!images(&mut c).contains("0.21"));
    assert_eq!(
        fails(&mut c, r#"kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":0}}}}'"#),
        "The StatefulSet \"web\" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0\n"
    );
    assert_eq!(
        fails(&mut c, r#"kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":"150%"}}}}'"#),
        "The StatefulSet \"web\" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%\n"
    );
}

// ---- StatefulSet Basics, "Pod management policy", from its URL ----------

/// The tutorial's Parallel section as the current page has it: after the
/// cascading delete it "reconfigures" with web-parallel.yaml from its URL
/// (so both objects are created, not updated) and watches `-l app=nginx`,
/// but the URL's manifest labels everything `app.kubernetes.io/name:
/// nginx` (kubernetes/website `5e84d3b4`): the watch shows nothing. The
/// scale-up itself makes all three Pods at once (R3.10). The golden
/// transcript runs this section with a copy relabelled `app: nginx`.
#[test]
fn tutorial_parallel_section_from_its_url_r3_10() {
    let mut c = web(2);
    ok(&mut c, "kubectl delete statefulset web");
    ok(&mut c, "kubectl delete service nginx");
    c.run("sim settle");
    assert_eq!(
        ok(
            &mut c,
            "kubectl apply -f https://k8s.io/examples/application/web/web-parallel.yaml"
        ),
        "service/nginx created\nstatefulset.apps/web created\n"
    );
    assert_eq!(ok(&mut c, "kubectl get pod -l app=nginx --watch"), "");
    assert_eq!(
        ok(&mut c, "kubectl scale statefulset/web --replicas=5"),
        "statefulset.apps/web scaled\n"
    );
    let t = ok(
        &mut c,
        "kubectl get pod -l app.kubernetes.io/name=nginx --no-headers -o custom-columns=N:.metadata.name",
    );
    assert_eq!(
        t, "web-0\nweb-1\nweb-2\nweb-3\nweb-4\n",
        "no waiting in Parallel"
    );
    c.run("sim settle");
    // The old claims keep the labels they were made with.
    assert_eq!(
        ok(&mut c, "kubectl get pvc -l app=nginx -o name"),
        "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\n"
    );
}
