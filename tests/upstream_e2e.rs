//! Steps of the upstream StatefulSet e2e tests (test/e2e/apps/statefulset.go,
//! test/e2e/framework/statefulset), as a cluster answers them: the httpd
//! image they run, the commands `ExecInStatefulPods` and `CheckMount` run
//! through `/bin/sh -x -c`, and the identity a Pod keeps across a restart
//! of the whole set ("should provide basic identity", R2, R6).

use crate::support;

use ordinal::console::Console;
use support::console::{apply, ok, run};

/// `e2estatefulset.NewStatefulSet` with `statefulPodMounts` (/data) and
/// `podMounts` (/home), and `setHTTPProbe`.
const SET: &str = "apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    baz: blah
    foo: bar
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 3
  selector:
    matchLabels:
      baz: blah
      foo: bar
  template:
    metadata:
      labels:
        baz: blah
        foo: bar
    spec:
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/httpd:2.4.38-4
        readinessProbe:
          httpGet:
            path: /index.html
            port: 80
          periodSeconds: 1
          successThreshold: 1
          failureThreshold: 1
        volumeMounts:
        - name: datadir
          mountPath: /data/
        - name: home
          mountPath: /home
      volumes:
      - name: home
        hostPath:
          path: /tmp/home
  volumeClaimTemplates:
  - metadata:
      name: datadir
    spec:
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 1Gi";

fn in_all(c: &mut Console, cmd: &str) -> Vec<(i32, String, String)> {
    ["ss-0", "ss-1", "ss-2"]
        .iter()
        .map(|p| {
            run(
                c,
                &format!(
                    "kubectl exec {p} -- /bin/sh -x -c '{}'",
                    cmd.replace('\'', "'\\''")
                ),
            )
        })
        .collect()
}

#[test]
fn r2_basic_identity_survives_a_restart_of_every_pod() {
    let mut c = Console::new(1);
    apply(&mut c, SET);
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    // CheckMount: inode, a listing, a write.
    for (code, out, err) in in_all(&mut c, "ls -idlh /data") {
        assert_eq!(code, 0, "{err}");
        assert!(err.starts_with("+ ls -idlh /data\n"), "{err}");
        // The local-path provisioner's setup script: `mkdir -m 0777 -p "$VOL_DIR"`.
        assert!(out.trim_start().starts_with("2 drwxrwxrwx"), "{out}");
        assert!(out.trim_end().ends_with("/data"), "{out}");
    }
    for (code, out, _) in in_all(&mut c, "find /data") {
        assert_eq!((code, out.as_str()), (0, "/data\n"));
    }
    for (code, _, err) in in_all(&mut c, "touch /data/1700000000000000000") {
        assert_eq!(code, 0, "{err}");
    }
    // CheckHostname and the hostname file.
    for (i, (code, out, _)) in in_all(&mut c, "printf $(hostname)").into_iter().enumerate() {
        assert_eq!((code, out), (0, format!("ss-{i}")));
    }
    for (code, _, err) in in_all(&mut c, "echo $(hostname) | dd of=/data/hostname conv=fsync") {
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("0+1 records in\n0+1 records out\n"), "{err}");
    }
    // e2estatefulset.Restart: scale to 0, wait, scale back.
    run(&mut c, "kubectl scale sts ss --replicas=0");
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=delete pod/ss-0 pod/ss-1 pod/ss-2 --timeout=5m",
    );
    assert_eq!(code, 0, "{err}");
    run(&mut c, "kubectl scale sts ss --replicas=3");
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    // Each Pod finds its own hostname in its own volume.
    let check = "if [ \"$(cat /data/hostname)\" = \"$(hostname)\" ]; then exit 0; else exit 1; fi";
    for (code, _, err) in in_all(&mut c, check) {
        assert_eq!(code, 0, "{err}");
    }
    for (code, out, _) in in_all(&mut c, "find /data -type f") {
        assert_eq!(code, 0);
        assert_eq!(out, "/data/1700000000000000000\n/data/hostname\n");
    }
}

#[test]
fn dd_and_find_word_their_errors_as_the_tools_do() {
    let mut c = Console::new(1);
    run(&mut c, "kubectl run b --image=busybox:1.36 -- sleep 3600");
    run(
        &mut c,
        "kubectl run d --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 -- sleep 3600",
    );
    run(&mut c, "kubectl wait --for=condition=Ready pod/b pod/d");
    let (code, _, err) = run(&mut c, "kubectl exec b -- find /nope");
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "find: /nope: No such file or directory\ncommand terminated with exit code 1\n"
        )
    );
    let (code, _, err) = run(&mut c, "kubectl exec d -- find /nope");
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "find: '/nope': No such file or directory\ncommand terminated with exit code 1\n"
        )
    );
    let (code, out, err) = run(
        &mut c,
        "kubectl exec d -- sh -c 'printf abc | dd of=/tmp/x bs=1 && cat /tmp/x'",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "abc");
    assert!(
        err.starts_with("3+0 records in\n3+0 records out\n3 bytes copied, "),
        "{err}"
    );
    let (code, out, _) = run(&mut c, "kubectl exec b -- dd if=/etc/hostname status=none");
    assert_eq!((code, out.as_str()), (0, "b\n"));
}

/// `PauseNewPods` / `ResumeNextPod`: a readiness probe that waits for a
/// file in the Pod's volume holds the next ordinal back (OrderedReady, R3.5)
/// until `dd if=/dev/zero of=/data/statefulset-continue` creates it.
#[test]
fn r3_5_paused_pods_hold_the_next_ordinal_until_resumed() {
    let paused = SET.replace(
        "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n",
        "        readinessProbe:\n          exec:\n            command: [\"test\", \"-f\", \"/data/statefulset-continue\"]\n",
    );
    assert_ne!(paused, SET);
    let mut c = Console::new(1);
    apply(&mut c, &paused);
    c.run("sim advance 60s");
    let (_, pods, _) = run(&mut c, "kubectl get pods --no-headers");
    assert_eq!(pods.lines().count(), 1, "{pods}");
    let cols = |row: &str| row.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert_eq!(cols(&pods), "ss-0 0/1 Running");
    let (code, _, err) = run(
        &mut c,
        "kubectl exec ss-0 -- /bin/sh -x -c 'dd if=/dev/zero of=/data/statefulset-continue bs=1 count=1 conv=fsync'",
    );
    assert_eq!(code, 0, "{err}");
    c.run("sim advance 60s");
    let (_, pods, _) = run(&mut c, "kubectl get pods --no-headers");
    let rows: Vec<&str> = pods.lines().collect();
    assert_eq!(rows.len(), 2, "{pods}");
    assert_eq!(cols(rows[0]), "ss-0 1/1 Running");
    assert_eq!(cols(rows[1]), "ss-1 0/1 Running");
}

/// "Should recreate evicted statefulset": a Pod holding a host port on a
/// node makes the kubelet reject the StatefulSet's Pod placed there (phase
/// Failed, reason NodePorts); the controller deletes and recreates it until
/// the port is free, then it runs (R3: failed Pods are replaced).
#[test]
fn r3_a_pod_rejected_for_its_host_port_is_recreated_until_it_runs() {
    let mut c = Console::new(1);
    let yaml = "apiVersion: v1
kind: Pod
metadata:
  name: test-pod
spec:
  nodeName: ordinal-worker
  containers:
  - name: webserver
    image: registry.k8s.io/e2e-test-images/httpd:2.4.38-4
    ports:
    - containerPort: 21017
      hostPort: 21017
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 1
  selector:
    matchLabels:
      app: ss
  template:
    metadata:
      labels:
        app: ss
    spec:
      nodeName: ordinal-worker
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/httpd:2.4.38-4
        ports:
        - containerPort: 21017
          hostPort: 21017";
    apply(&mut c, yaml);
    // A watch sees each ss-0 fail with NodePorts, and a new one come.
    let (_, watched, _) = run(
        &mut c,
        "kubectl get pod ss-0 -w -o jsonpath='{.metadata.uid} {.status.phase} {.status.reason}{\"\\n\"}' --request-timeout=10s",
    );
    let failed: std::collections::BTreeSet<&str> = watched
        .lines()
        .filter(|l| l.ends_with(" Failed NodePorts"))
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert!(failed.len() >= 2, "rejected and recreated:\n{watched}");
    let (_, events, _) = run(&mut c, "kubectl get events");
    assert!(
        events.contains("Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports"),
        "{events}"
    );
    run(&mut c, "kubectl delete pod test-pod");
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/ss-0 --timeout=60s",
    );
    assert_eq!(code, 0, "{err}");
}

/// The scheduler's NodePorts filter: a second Pod asking for a host port
/// every schedulable node already gives away stays Pending.
#[test]
fn a_host_port_taken_on_every_node_leaves_the_pod_pending() {
    let mut c = Console::new(1);
    let pod = |name: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: web
    image: nginx:1.27.3
    ports:
    - containerPort: 80
      hostPort: 8080"
        )
    };
    for n in ["a", "b", "c", "d"] {
        apply(&mut c, &pod(n));
        c.run("sim advance 5s");
    }
    let (_, out, _) = run(&mut c, "kubectl get pod d -o jsonpath='{.status.phase}'");
    assert_eq!(out, "Pending");
    let (_, events, _) = run(&mut c, "kubectl describe pod d");
    assert!(
        events.contains("3 node(s) didn't have free ports for the requested pod ports"),
        "{events}"
    );
}

/// httpd's start lines carry the container's start time and the Pod's IP.
#[test]
fn httpd_logs_its_start_at_the_start_time_with_the_pod_ip() {
    let mut c = Console::new(1);
    c.run("sim advance 95s");
    run(
        &mut c,
        "kubectl run h --image=registry.k8s.io/e2e-test-images/httpd:2.4.38-4",
    );
    run(&mut c, "kubectl wait --for=condition=Ready pod/h");
    let (_, ip, _) = run(&mut c, "kubectl get pod h -o jsonpath='{.status.podIP}'");
    let (_, log, _) = run(&mut c, "kubectl logs h");
    assert!(
        log.contains(&format!("domain name, using {ip}. Set")),
        "{log}"
    );
    assert!(
        log.contains("[Mon Jan 05 09:01:") && log.contains("AH00489: Apache/2.4.38 (Unix)"),
        "{log}"
    );
}

/// "Should not deadlock when a pod's predecessor fails": with ss-1 paused
/// (unready), deleting the healthy ss-0 recreates it at once — the
/// controller walks ordinals upwards and creates a missing lower one before
/// it meets the unhealthy higher one (R3.5) — and its volume comes back.
#[test]
fn r3_5_a_deleted_predecessor_is_recreated_while_its_successor_is_unready() {
    let paused = SET
        .replace("replicas: 3", "replicas: 2")
        .replace(
            "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n",
            "        readinessProbe:\n          exec:\n            command: [\"test\", \"-f\", \"/data/statefulset-continue\"]\n",
        );
    let resume = "dd if=/dev/zero of=/data/statefulset-continue bs=1 count=1 conv=fsync";
    let mut c = Console::new(1);
    apply(&mut c, &paused);
    c.run("sim advance 30s");
    run(
        &mut c,
        &format!("kubectl exec ss-0 -- /bin/sh -x -c '{resume}'"),
    );
    c.run("sim advance 30s");
    let ready = |c: &mut Console, pod: &str| {
        run(
            c,
            &format!("kubectl get pod {pod} -o jsonpath='{{.status.containerStatuses[0].ready}}'"),
        )
        .1
    };
    assert_eq!(
        (ready(&mut c, "ss-0"), ready(&mut c, "ss-1")),
        ("true".into(), "false".into())
    );
    let (_, uid, _) = run(&mut c, "kubectl get pod ss-0 -o jsonpath='{.metadata.uid}'");
    let (code, _, err) = run(&mut c, "kubectl delete pod ss-0");
    assert_eq!(code, 0, "{err}");
    c.run("sim advance 30s");
    let (_, new_uid, _) = run(&mut c, "kubectl get pod ss-0 -o jsonpath='{.metadata.uid}'");
    assert!(!new_uid.is_empty() && new_uid != uid, "ss-0 was recreated");
    // Its claim kept the file, so the new ss-0 is Ready again.
    assert_eq!(ready(&mut c, "ss-0"), "true");
    run(
        &mut c,
        &format!("kubectl exec ss-1 -- /bin/sh -x -c '{resume}'"),
    );
    c.run("sim advance 10s");
    assert_eq!(ready(&mut c, "ss-1"), "true");
}

/// "Should validate Statefulset Status endpoints": a condition patched
/// through the status subresource is kept (the controller's
/// `inconsistentStatus` ignores conditions), and a spec change sent there
/// is dropped.
#[test]
fn the_status_subresource_takes_status_only() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
    );
    run(&mut c, "kubectl rollout status sts/web --timeout=5m");
    let (code, out, err) = run(
        &mut c,
        "kubectl patch sts web --subresource=status --type=merge -p '{\"status\":{\"conditions\":[{\"type\":\"StatusPatched\",\"status\":\"True\",\"reason\":\"E2E\",\"message\":\"Set from an e2e test\"}]}}'",
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "statefulset.apps/web patched\n"),
        "{err}"
    );
    c.run("sim advance 30s");
    let (_, cond, _) = run(
        &mut c,
        "kubectl get sts web --subresource=status -o jsonpath='{.status.conditions[0].type}'",
    );
    assert_eq!(cond, "StatusPatched");
    let (code, out, _) = run(
        &mut c,
        "kubectl patch sts web --subresource=status --type=merge -p '{\"spec\":{\"replicas\":5}}'",
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "statefulset.apps/web patched (no change)\n")
    );
    let (_, replicas, _) = run(&mut c, "kubectl get sts web -o jsonpath='{.spec.replicas}'");
    assert_eq!(replicas, "2");
    // A real change of the counts rewrites the status, conditions and all.
    run(&mut c, "kubectl scale sts web --replicas=1");
    c.run("sim advance 60s");
    let (_, cond, _) = run(
        &mut c,
        "kubectl get sts web -o jsonpath='{.status.conditions}'",
    );
    assert_eq!(cond, "");
}

/// R3.2, `updatePod`: a Pod that turns Ready re-queues its set after
/// minReadySeconds + 1 s. Here the set's last status re-queue (1 s after the
/// scale) finds the new web-1 not Ready yet and the available count (which
/// still counts the condemned web-2) equal to the replicas, so it re-queues
/// nothing more; only the Ready re-queue brings the sync that deletes web-2.
/// Without it the scale down stalled for good. (With a longer
/// minReadySeconds a status re-queue can still be waiting, due before the
/// Pod is available; client-go's delaying queue then drops the later Ready
/// re-queue and a real set stalls until a resync, kubernetes#123918.)
#[test]
fn r3_2_a_pod_turning_ready_requeues_the_set_after_min_ready_seconds() {
    let mut c = Console::new(1);
    let web = std::fs::read_to_string("tests/fixtures/manifests/web.yaml")
        .unwrap()
        .replace("  replicas: 2\n", "  replicas: 3\n  minReadySeconds: 1\n");
    assert!(web.contains("minReadySeconds: 1"));
    apply(&mut c, &web);
    run(&mut c, "sim settle");
    let (_, pods, _) = run(&mut c, "kubectl get pods -o name");
    assert_eq!(pods, "pod/web-0\npod/web-1\npod/web-2\n");
    run(&mut c, "kubectl delete pod web-1");
    run(&mut c, "kubectl scale sts web --replicas=2");
    run(&mut c, "sleep 30");
    let (_, pods, _) = run(&mut c, "kubectl get pods -o name");
    assert_eq!(pods, "pod/web-0\npod/web-1\n");
    let (_, replicas, _) = run(&mut c, "kubectl get sts web -o jsonpath={.status.replicas}");
    assert_eq!(replicas, "2");
}

/// "PVC should be recreated when pod is pending due to missing PVC", first
/// half: ss-0 is pinned to a node, the node is cordoned and ss-0 deleted, so
/// its replacement stays Pending, unscheduled. Deleting its claim then
/// deletes it at once: pvc-protection only counts Pods scheduled to a node
/// as users (R6.9, pvcprotection `podUsesPVC`). Before, the claim stayed
/// Terminating for as long as the Pending Pod existed.
#[test]
fn r6_9_a_claim_mounted_only_by_an_unscheduled_pod_is_deleted_at_once() {
    let pinned = SET.replace("replicas: 3", "replicas: 1").replace(
        "    spec:\n      containers:",
        "    spec:\n      nodeSelector:\n        kubernetes.io/hostname: ordinal-worker2\n      containers:",
    );
    assert_ne!(pinned, SET);
    let mut c = Console::new(1);
    apply(&mut c, &pinned);
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    run(&mut c, "kubectl cordon ordinal-worker2");
    let (code, _, err) = run(&mut c, "kubectl delete pod ss-0");
    assert_eq!(code, 0, "{err}");
    c.run("sim advance 5s");
    let (_, node, _) = run(
        &mut c,
        "kubectl get pod ss-0 -o jsonpath='{.status.phase}/{.spec.nodeName}'",
    );
    assert_eq!(node, "Pending/");
    let (_, uid, _) = run(
        &mut c,
        "kubectl get pvc datadir-ss-0 -o jsonpath='{.metadata.uid}'",
    );
    let (code, out, err) = run(&mut c, "kubectl delete pvc datadir-ss-0 --timeout=10s");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "persistentvolumeclaim \"datadir-ss-0\" deleted from default namespace\n",
            ""
        )
    );
    let (_, uids, _) = run(
        &mut c,
        "kubectl get pvc -o jsonpath='{.items[*].metadata.uid}'",
    );
    assert!(!uids.contains(&uid), "{uid} is gone: {uids}");
}

/// "PVC should be recreated when pod is pending due to missing PVC", the
/// whole test: a scheduling failure sets the Pending Pod's `PodScheduled`
/// condition to False (reason Unschedulable, the event's message) and
/// rewrites it when the reason changes. That Pod update is what makes the
/// StatefulSet controller look again and recreate the deleted claim of its
/// Pending Pod (R3.1, R3.4 step 3, R6.4); the Pod then runs on its node.
#[test]
fn r6_4_a_pending_pods_deleted_claim_is_recreated_when_the_scheduler_says_why() {
    let pinned = SET.replace("replicas: 3", "replicas: 1").replace(
        "    spec:\n      containers:",
        "    spec:\n      nodeSelector:\n        kubernetes.io/hostname: ordinal-worker2\n      containers:",
    );
    let mut c = Console::new(1);
    apply(&mut c, &pinned);
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    run(&mut c, "kubectl cordon ordinal-worker2");
    run(&mut c, "kubectl delete pod ss-0");
    c.run("sim advance 5s");
    let cond = |c: &mut Console| {
        run(
            c,
            "kubectl get pod ss-0 -o jsonpath='{.status.conditions[?(@.type==\"PodScheduled\")].status} {.status.conditions[?(@.type==\"PodScheduled\")].reason}'",
        )
        .1
    };
    assert_eq!(cond(&mut c), "False Unschedulable");
    let (_, message, _) = run(
        &mut c,
        "kubectl get pod ss-0 -o jsonpath='{.status.conditions[0].message}'",
    );
    assert!(
        message.starts_with("0/4 nodes are available: ")
            && message.contains("1 node(s) were unschedulable"),
        "{message}"
    );
    let (_, described, _) = run(&mut c, "kubectl describe pod ss-0");
    assert!(
        described.contains("Conditions:\n  Type           Status\n  PodScheduled   False \n"),
        "{described}"
    );
    let (_, uid, _) = run(
        &mut c,
        "kubectl get pvc datadir-ss-0 -o jsonpath='{.metadata.uid}'",
    );
    let (code, _, err) = run(&mut c, "kubectl delete pvc datadir-ss-0");
    assert_eq!(code, 0, "{err}");
    run(&mut c, "kubectl uncordon ordinal-worker2");
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/ss-0 --timeout=60s",
    );
    assert_eq!(code, 0, "{err}");
    let (_, new_uid, _) = run(
        &mut c,
        "kubectl get pvc datadir-ss-0 -o jsonpath='{.metadata.uid}{\" \"}{.status.phase}'",
    );
    assert!(
        new_uid.ends_with(" Bound") && !new_uid.starts_with(&uid),
        "{uid} -> {new_uid}"
    );
    let (_, node, _) = run(
        &mut c,
        "kubectl get pod ss-0 -o jsonpath='{.spec.nodeName}'",
    );
    assert_eq!(node, "ordinal-worker2");
    assert_eq!(cond(&mut c), "True ");
}

/// "should list, patch and delete a collection of StatefulSets": the e2e
/// test's strategic merge patch spells one field `TerminationGracePeriodSeconds`.
/// kubectl patch sends no `fieldValidation`, so the API server uses its
/// default, Warn: the unknown field is dropped with a warning and the rest
/// of the patch applies (R9.8 is about the Strict default of apply/create).
/// Then the set is listed and deleted by label.
#[test]
fn r9_8_a_patch_with_an_unknown_field_warns_and_applies_the_rest() {
    let mut c = Console::new(1);
    apply(&mut c, &SET.replace("replicas: 3", "replicas: 1"));
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(
        &mut c,
        "kubectl patch sts ss -p '{\"metadata\":{\"labels\":{\"test-ss\":\"patched\"}},\"spec\":{\"replicas\":2,\"template\":{\"spec\":{\"TerminationGracePeriodSeconds\":1,\"containers\":[{\"name\":\"test-ss\",\"image\":\"registry.k8s.io/pause:3.10\"}]}}}}'",
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "statefulset.apps/ss patched\n",
            "Warning: unknown field \"spec.template.spec.TerminationGracePeriodSeconds\"\n"
        )
    );
    let (_, spec, _) = run(
        &mut c,
        "kubectl get sts ss -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[*].name} {.spec.template.spec.terminationGracePeriodSeconds}'",
    );
    // The patched-in container comes first: the e2e test reads
    // `containers[0].image` back (the server's normalizeElementOrder).
    assert_eq!(spec, "2 test-ss webserver 30");
    let (_, image, _) = run(
        &mut c,
        "kubectl get sts ss -o jsonpath='{.spec.template.spec.containers[0].image}'",
    );
    assert_eq!(image, "registry.k8s.io/pause:3.10");
    // Only unknown fields: nothing changes, the warning still comes.
    let (code, out, err) = run(
        &mut c,
        "kubectl patch sts ss --type=merge -p '{\"spec\":{\"replica\":5}}'",
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "statefulset.apps/ss patched (no change)\n",
            "Warning: unknown field \"spec.replica\"\n"
        )
    );
    // A wrong type is still an error.
    let (code, _, err) = run(
        &mut c,
        "kubectl patch sts ss --type=merge -p '{\"spec\":{\"replicas\":\"two\"}}'",
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("Error from server (BadRequest): "), "{err}");
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    let (_, listed, _) = run(&mut c, "kubectl get sts -A -l test-ss=patched -o name");
    assert_eq!(listed, "statefulset.apps/ss\n");
    let (code, _, err) = run(
        &mut c,
        "kubectl delete sts -l test-ss=patched --grace-period=1",
    );
    assert_eq!(code, 0, "{err}");
    let (_, listed, err) = run(&mut c, "kubectl get sts -A -l test-ss=patched");
    assert_eq!(
        (listed.as_str(), err.as_str()),
        ("", "No resources found\n")
    );
}

/// "should have a working scale subresource": GetScale, UpdateScale (a PUT
/// of a Scale without resourceVersion: unconditional) and a patch of the
/// scale subresource, typed as kubectl does them (R1.5). The PUT answers
/// with the Scale as written: the new spec, the old status.
#[test]
fn r1_5_the_scale_subresource_can_be_read_replaced_and_patched() {
    let mut c = Console::new(1);
    apply(&mut c, &SET.replace("replicas: 3", "replicas: 1"));
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    let uri = "/apis/apps/v1/namespaces/default/statefulsets/ss/scale";
    let (_, scale, _) = run(&mut c, &format!("kubectl get --raw {uri}"));
    assert!(
        scale.contains("\"spec\":{\"replicas\":1},\"status\":{\"replicas\":1,"),
        "{scale}"
    );
    let body = "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"ss\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2}}";
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl replace --raw {uri} -f - <<'EOF'\n{body}\nEOF"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\","),
        "{out}"
    );
    assert!(
        out.ends_with(",\"spec\":{\"replicas\":2},\"status\":{\"replicas\":1,\"selector\":\"baz=blah,foo=bar\"}}\n"),
        "{out}"
    );
    let (_, replicas, _) = run(&mut c, "kubectl get sts ss -o jsonpath='{.spec.replicas}'");
    assert_eq!(replicas, "2");
    // A stale resourceVersion is a precondition that fails.
    let stale = body.replace(
        "\"namespace\":\"default\"",
        "\"namespace\":\"default\",\"resourceVersion\":\"1\"",
    );
    let (code, _, err) = run(
        &mut c,
        &format!("kubectl replace --raw {uri} -f - <<'EOF'\n{stale}\nEOF"),
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("Error from server (Conflict): Operation cannot be fulfilled on statefulsets.apps \"ss\""), "{err}");
    let (code, out, _) = run(
        &mut c,
        "kubectl patch sts ss --subresource=scale -p '{\"spec\":{\"replicas\":4}}'",
    );
    assert_eq!((code, out.as_str()), (0, "scale.autoscaling/ss patched\n"));
    let (_, replicas, _) = run(&mut c, "kubectl get sts ss -o jsonpath='{.spec.replicas}'");
    assert_eq!(replicas, "4");
}

/// "should validate Statefulset Status endpoints", UpdateStatus: the object
/// read back with a condition added, replaced through the status
/// subresource; the condition is kept (R5.9) and `replace` says `replaced`.
#[test]
fn r5_9_replace_through_the_status_subresource_keeps_a_condition() {
    let mut c = Console::new(1);
    apply(&mut c, &SET.replace("replicas: 3", "replicas: 1"));
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    let (_, live, _) = run(&mut c, "kubectl get sts ss -o yaml");
    let with_condition = live.replace(
        "\nstatus:\n",
        "\nstatus:\n  conditions:\n  - type: StatusUpdate\n    status: \"True\"\n    reason: E2E\n    message: Set from e2e test\n",
    );
    assert_ne!(with_condition, live);
    // spec changes sent to the status subresource are dropped.
    let with_condition = with_condition.replace(
        "  replicas: 1\n  revisionHistoryLimit",
        "  replicas: 7\n  revisionHistoryLimit",
    );
    assert!(
        with_condition.contains("  replicas: 7\n"),
        "{with_condition}"
    );
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl replace --subresource=status -f - <<'EOF'\n{with_condition}EOF"),
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "statefulset.apps/ss replaced\n", "")
    );
    let (_, got, _) = run(
        &mut c,
        "kubectl get sts ss -o jsonpath='{.status.conditions[0].type}/{.status.conditions[0].message}/{.spec.replicas}'",
    );
    assert_eq!(got, "StatusUpdate/Set from e2e test/1");
    let (code, _, err) = run(
        &mut c,
        "kubectl replace --subresource=spec -f - <<'EOF'\n{with_condition}EOF",
    );
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: invalid subresource value: \"spec\". Must be one of [status scale]\n"
        )
    );
}

/// `imageutils.BusyBox` of the upstream e2e tests.
const E2E_BUSYBOX: &str = "registry.k8s.io/e2e-test-images/busybox:1.36.1-1";

/// "should perform canary updates and phased rolling updates of template
/// modifications for partiton1 and delete pod-0 with failing container":
/// a second container from the e2e busybox image, partition 1, a finalizer
/// on ss3-0; the update reaches ss3-1 and ss3-2 only (R4.8); ss3-0, deleted,
/// stays Terminating (not Ready) until its finalizer goes, and comes back
/// at the old revision (R4.9).
#[test]
fn r4_8_partition_one_keeps_a_deleted_pod_0_at_the_old_revision() {
    let set = SET
        .replace("name: ss\n", "name: ss3\n")
        .replace(
            "  serviceName: test\n",
            "  serviceName: test\n  updateStrategy:\n    rollingUpdate:\n      partition: 1\n",
        )
        .replace(
            "        volumeMounts:\n        - name: datadir\n          mountPath: /data/\n        - name: home\n          mountPath: /home\n",
            &format!("      - name: sleep-exit-with-1\n        image: {E2E_BUSYBOX}\n        command: [\"sh\", \"-c\"]\n        args:\n        - |\n          echo \"Running in pod $POD_NAME\"\n          while true; do\n            echo \"Running in infinite loop in $POD_NAME\"\n            sleep 1\n          done\n        env:\n        - name: POD_NAME\n          valueFrom:\n            fieldRef:\n              fieldPath: metadata.name\n"),
        );
    assert!(set.contains("sleep-exit-with-1") && set.contains("partition: 1"));
    let mut c = Console::new(1);
    apply(&mut c, &set);
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss3 --timeout=5m");
    assert_eq!(code, 0, "{err}");
    let (_, log, _) = run(&mut c, "kubectl logs ss3-0 -c sleep-exit-with-1");
    assert!(
        log.starts_with("Running in pod ss3-0\nRunning in infinite loop in ss3-0\n"),
        "{log}"
    );
    run(
        &mut c,
        "kubectl patch pod ss3-0 --type=json -p '[{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":[\"example.com/test-finalizer\"]}]'",
    );
    run(
        &mut c,
        "kubectl set image sts/ss3 webserver=registry.k8s.io/e2e-test-images/httpd:2.4.39-4",
    );
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss3 --timeout=5m");
    assert_eq!(code, 0, "{err}");
    let counts = |c: &mut Console| {
        run(
            c,
            "kubectl get sts ss3 -o jsonpath='{.status.replicas} {.status.readyReplicas} {.status.updatedReplicas}'",
        )
        .1
    };
    assert_eq!(counts(&mut c), "3 3 2");
    run(&mut c, "kubectl delete pod ss3-0 --wait=false");
    c.run("sim advance 40s");
    assert_eq!(counts(&mut c), "3 2 2");
    run(
        &mut c,
        "kubectl patch pod ss3-0 --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'",
    );
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss3 --timeout=5m");
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&mut c), "3 3 2");
    let (_, images, _) = run(
        &mut c,
        "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\\n\"}{end}'",
    );
    assert_eq!(
        images,
        "ss3-0 registry.k8s.io/e2e-test-images/httpd:2.4.38-4\nss3-1 registry.k8s.io/e2e-test-images/httpd:2.4.39-4\nss3-2 registry.k8s.io/e2e-test-images/httpd:2.4.39-4\n"
    );
}

/// Since Kubernetes 1.27 the kubelet gives a deleted Pod whose containers
/// have all stopped a terminal phase (R11.5): Succeeded when each exited 0
/// (httpd stops on SIGTERM), Failed otherwise (a busybox loop killed at the
/// end of the grace period, 137). kubectl then prints the container's
/// reason instead of Terminating; the Ready condition says PodCompleted.
/// The StatefulSet waits on such a Pod as on any terminating one (R3.4).
#[test]
fn r11_5_a_deleted_pod_whose_containers_stopped_gets_a_terminal_phase() {
    let mut c = Console::new(1);
    apply(&mut c, &SET.replace("replicas: 3", "replicas: 2"));
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");
    run(
        &mut c,
        "kubectl patch pod ss-0 --type=json -p '[{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":[\"example.com/test-finalizer\"]}]'",
    );
    run(&mut c, "kubectl delete pod ss-0 --wait=false");
    c.run("sim advance 10s");
    let (_, got, _) = run(
        &mut c,
        "kubectl get pod ss-0 -o jsonpath='{.status.phase} {.status.conditions[?(@.type==\"Ready\")].reason} {.metadata.deletionGracePeriodSeconds}'",
    );
    assert_eq!(got, "Succeeded PodCompleted 0");
    let (_, row, _) = run(&mut c, "kubectl get pod ss-0 --no-headers");
    let cols: Vec<&str> = row.split_whitespace().take(3).collect();
    assert_eq!(cols, ["ss-0", "0/1", "Completed"]);
    let (_, counts, _) = run(
        &mut c,
        "kubectl get sts ss -o jsonpath='{.status.replicas} {.status.readyReplicas}'",
    );
    assert_eq!(counts, "2 1");
    run(
        &mut c,
        "kubectl patch pod ss-0 --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'",
    );
    let (code, _, err) = run(&mut c, "kubectl rollout status sts/ss --timeout=5m");
    assert_eq!(code, 0, "{err}");

    let looping = format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: loop
  finalizers:
  - example.com/test-finalizer
spec:
  containers:
  - name: loop
    image: {E2E_BUSYBOX}
    command: [\"sh\", \"-c\", \"while true; do sleep 1; done\"]"
    );
    apply(&mut c, &looping);
    run(&mut c, "kubectl wait --for=condition=Ready pod/loop");
    run(&mut c, "kubectl delete pod loop --wait=false");
    c.run("sim advance 40s");
    let (_, got, _) = run(
        &mut c,
        "kubectl get pod loop -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}'",
    );
    assert_eq!(got, "Failed 137");
    let (_, row, _) = run(&mut c, "kubectl get pod loop --no-headers");
    let cols: Vec<&str> = row.split_whitespace().take(3).collect();
    assert_eq!(cols, ["loop", "0/1", "Error"]);
}

/// A StatefulSet whose busybox container traps TERM with `exit 1` (the
/// upstream e2e tests' failing container): deleting ss-0 runs the trap,
/// the container stops at once with exit code 1 (`Error`, phase Failed),
/// and the controller creates ss-0 again (R11.5, R2.12).
#[test]
fn r11_5_deleting_pod_0_runs_its_failing_term_trap() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    app: ss
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 1
  selector:
    matchLabels:
      app: ss
  template:
    metadata:
      labels:
        app: ss
    spec:
      containers:
      - name: busybox
        image: registry.k8s.io/e2e-test-images/busybox:1.36.1-1
        command: [\"sh\", \"-c\", \"trap \\\"exit 1\\\" SIGTERM; while true; do sleep 1; done\"]",
    );
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/ss-0 --timeout=60s",
    );
    assert_eq!(code, 0, "{err}");
    // The shell knows `trap`: nothing in the log.
    let (_, log, err) = run(&mut c, "kubectl logs ss-0");
    assert_eq!(log, "", "{err}");
    let (code, out, err) = run(&mut c, "kubectl delete pod ss-0 --wait=false");
    assert_eq!(code, 0, "{out}{err}");
    let (_, watched, _) = run(&mut c, "kubectl get pod ss-0 -w --request-timeout=3s");
    let rows: Vec<Vec<&str>> = watched
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    // Terminating, then the trap's exit: 0/1 Error, well before the 30 s
    // grace period ends; then the new ss-0.
    assert_eq!(rows[1][..3], ["ss-0", "1/1", "Terminating"], "{watched}");
    let error = rows
        .iter()
        .position(|r| r[1..3] == ["0/1", "Error"])
        .unwrap_or_else(|| panic!("no Error row:\n{watched}"));
    assert!(rows[error..].iter().any(|r| r[2] == "Pending"), "{watched}");
    // The status the kubelet wrote before the object went.
    let (_, events, _) = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=ss-0",
    );
    assert!(events.contains("Stopping container busybox"), "{events}");
    let mut c = Console::new(1);
    let yaml = "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: busybox
    image: registry.k8s.io/e2e-test-images/busybox:1.36.1-1
    command: [\"sh\", \"-c\", \"trap \\\"exit 1\\\" SIGTERM; while true; do sleep 1; done\"]";
    apply(&mut c, yaml);
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/p --timeout=60s",
    );
    assert_eq!(code, 0, "{err}");
    run(&mut c, "kubectl delete pod p --wait=false");
    let (_, watched, _) = run(
        &mut c,
        "kubectl get pod p -w -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}{\"\\n\"}' --request-timeout=3s",
    );
    assert!(watched.lines().any(|l| l == "Failed 1 Error"), "{watched}");
}

/// The Pods of the e2e set by name (`GetPodList`), each with its READY column.
fn ss_pods(c: &mut Console) -> Vec<(String, String)> {
    let (_, out, _) = run(c, "kubectl get pods -l baz=blah,foo=bar --no-headers");
    out.lines()
        .map(|l| {
            let mut w = l.split_whitespace();
            let name = w.next().unwrap_or_default().to_string();
            (name, w.next().unwrap_or_default().to_string())
        })
        .collect()
}

/// `breakHTTPProbe` / `restoreHTTPProbe`: move httpd's index.html out of
/// (or back into) the document root of every Pod of the set.
fn http_probe(c: &mut Console, broken: bool) {
    let cmd = if broken {
        "mv -v /usr/local/apache2/htdocs/index.html /tmp/ || true"
    } else {
        "mv -v /tmp/index.html /usr/local/apache2/htdocs/ || true"
    };
    for (pod, _) in ss_pods(c) {
        let (code, _, err) = run(c, &format!("kubectl exec {pod} -- /bin/sh -x -c '{cmd}'"));
        assert_eq!(code, 0, "{pod}: {err}");
    }
}

/// `WaitForStatusReadyReplicas(…, 0)` then `waitForRunningAndNotReady`.
fn wait_all_unready(c: &mut Console, n: usize) {
    support::console::until(c, 60, "every Pod not ready", |c| {
        let pods = ss_pods(c);
        let (_, ready, _) = run(
            c,
            "kubectl get sts ss -o jsonpath='{.status.readyReplicas}'",
        );
        pods.len() == n
            && pods.iter().all(|(_, r)| r == "0/1")
            && matches!(ready.as_str(), "" | "0")
    });
}

/// `WaitForRunningAndReady(n)`.
fn wait_all_ready(c: &mut Console, n: usize) {
    support::console::until(c, 300, "every Pod ready", |c| {
        let pods = ss_pods(c);
        pods.len() == n && pods.iter().all(|(_, r)| r == "1/1")
    });
}

/// `confirmStatefulPodCount(count, 10 s, hard)`: once a second for ten
/// seconds; with `hard` every look must see `count` Pods, without it the
/// last one must.
fn confirm_pod_count(c: &mut Console, count: usize, hard: bool) -> Vec<usize> {
    let mut looks = Vec::new();
    for _ in 0..10 {
        looks.push(ss_pods(c).len());
        c.run("sim advance 1s");
    }
    if hard {
        assert!(looks.iter().all(|&n| n == count), "{looks:?}");
    } else {
        assert_eq!(looks.last(), Some(&count), "{looks:?}");
    }
    looks
}

/// Steps time in 200 ms until the set has `n` Pods, noting each Pod's first
/// appearance (`watch.Added`) and disappearance (`watch.Deleted`) in order.
fn watch_pods(c: &mut Console, n: usize, added: &mut Vec<String>, deleted: &mut Vec<String>) {
    let mut before: Vec<String> = ss_pods(c).into_iter().map(|p| p.0).collect();
    for _ in 0..1500 {
        c.run("sim advance 200ms");
        let pods = ss_pods(c);
        let now: Vec<String> = pods.iter().map(|p| p.0.clone()).collect();
        added.extend(now.iter().filter(|p| !before.contains(p)).cloned());
        deleted.extend(before.iter().filter(|p| !now.contains(p)).cloned());
        before = now;
        if pods.len() == n && pods.iter().all(|(_, r)| r == "1/1") {
            return;
        }
    }
    panic!("the set never reached {n} Pods: {before:?}");
}

/// "Scaling should happen in predictable order and halt if any stateful pod
/// is unhealthy" (Conformance): with OrderedReady, an unready ss-0 holds a
/// scale-up to 3 at one Pod (R3.5) and three unready Pods hold a scale-down
/// to 0 at three (R3.6); once healthy, Pods are created 0, 1, 2 and deleted
/// 2, 1, 0.
#[test]
fn r3_5_r3_6_ordered_scaling_halts_on_an_unhealthy_pod() {
    let mut c = Console::new(3);
    apply(&mut c, &SET.replace("replicas: 3", "replicas: 1"));
    wait_all_ready(&mut c, 1);
    http_probe(&mut c, true);
    wait_all_unready(&mut c, 1);
    assert_eq!(
        ok(&mut c, "kubectl scale sts ss --replicas=3"),
        "statefulset.apps/ss scaled\n"
    );
    confirm_pod_count(&mut c, 1, true);
    http_probe(&mut c, false);
    let (mut added, mut deleted) = (Vec::new(), Vec::new());
    watch_pods(&mut c, 3, &mut added, &mut deleted);
    assert_eq!(added, ["ss-1", "ss-2"]);
    assert!(deleted.is_empty(), "{deleted:?}");

    http_probe(&mut c, true);
    wait_all_unready(&mut c, 3);
    ok(&mut c, "kubectl scale sts ss --replicas=0");
    confirm_pod_count(&mut c, 3, true);
    http_probe(&mut c, false);
    let (mut added, mut deleted) = (Vec::new(), Vec::new());
    watch_pods(&mut c, 0, &mut added, &mut deleted);
    assert_eq!(deleted, ["ss-2", "ss-1", "ss-0"]);
    assert!(added.is_empty(), "{added:?}");
}

/// "Burst scaling should run to completion even with unhealthy pods"
/// (Conformance): with Parallel, an unready Pod holds neither a scale-up
/// nor a scale-down (R3.10).
#[test]
fn r3_10_burst_scaling_completes_with_unhealthy_pods() {
    let mut c = Console::new(3);
    let set = SET.replace("replicas: 3", "replicas: 1").replace(
        "  serviceName: test\n",
        "  serviceName: test\n  podManagementPolicy: Parallel\n",
    );
    apply(&mut c, &set);
    wait_all_ready(&mut c, 1);
    http_probe(&mut c, true);
    wait_all_unready(&mut c, 1);
    ok(&mut c, "kubectl scale sts ss --replicas=3");
    let looks = confirm_pod_count(&mut c, 3, false);
    assert_eq!(looks[1], 3, "the two new Pods come at once: {looks:?}");
    http_probe(&mut c, false);
    wait_all_ready(&mut c, 3);

    http_probe(&mut c, true);
    wait_all_unready(&mut c, 3);
    ok(&mut c, "kubectl scale sts ss --replicas=0");
    confirm_pod_count(&mut c, 0, false);
    let (_, replicas, _) = run(
        &mut c,
        "kubectl get sts ss -o jsonpath='{.status.replicas}'",
    );
    assert_eq!(replicas, "0");
}

/// The owner references of a claim, as `apiVersion kind name controller`
/// words (the uid left out).
fn claim_owners(c: &mut Console, claim: &str) -> String {
    run(
        c,
        &format!("kubectl get pvc {claim} -o jsonpath='{{range .metadata.ownerReferences[*]}}{{.kind}}/{{.name}}:{{.controller}} {{end}}'"),
    )
    .1
}

/// "should not delete PVCs when there is another controller"
/// (Non-retain StatefulSetPersistentVolumeClaimPolicy): a claim with an
/// outside owner gets the set as its controller beside it, one whose
/// controller is a stale set is left alone, a set reference that lost its
/// controller flag gets it back; deleting the set then takes claims 0 and 2
/// and keeps 1 (its other owner lives) and 3 (a finalizer holds it)
/// (R6.10, R6.11).
#[test]
fn r6_10_retention_leaves_claims_with_other_owners() {
    let mut c = Console::new(5);
    apply(&mut c, &SET.replace("replicas: 3", "replicas: 4"));
    wait_all_ready(&mut c, 4);
    ok(&mut c, "kubectl create configmap random-owner");
    let cm = ok(
        &mut c,
        "kubectl get cm random-owner -o jsonpath='{.metadata.uid}'",
    );
    ok(
        &mut c,
        &format!("kubectl patch pvc datadir-ss-1 --type=merge -p '{{\"metadata\":{{\"ownerReferences\":[{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"random-owner\",\"uid\":\"{cm}\"}}]}}}}'"),
    );
    ok(
        &mut c,
        "kubectl patch pvc datadir-ss-3 --type=merge -p '{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"name\":\"unknown\",\"uid\":\"9d86d6ae-4e06-4ff1-bc55-f77f52e272e9\",\"controller\":true,\"blockOwnerDeletion\":true}],\"finalizers\":[\"keep-with/stale-ref\"]}}'",
    );
    ok(
        &mut c,
        "kubectl patch sts ss --type=merge -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Delete\"}}}'",
    );
    c.run("sim advance 5s");
    assert_eq!(claim_owners(&mut c, "datadir-ss-0"), "StatefulSet/ss:true ");
    assert_eq!(claim_owners(&mut c, "datadir-ss-2"), "StatefulSet/ss:true ");
    assert_eq!(
        claim_owners(&mut c, "datadir-ss-1"),
        "ConfigMap/random-owner: StatefulSet/ss:true "
    );
    assert_eq!(
        claim_owners(&mut c, "datadir-ss-3"),
        "StatefulSet/unknown:true "
    );

    let set = ok(&mut c, "kubectl get sts ss -o jsonpath='{.metadata.uid}'");
    ok(
        &mut c,
        &format!("kubectl patch pvc datadir-ss-0 --type=merge -p '{{\"metadata\":{{\"ownerReferences\":[{{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"name\":\"ss\",\"uid\":\"{set}\",\"controller\":false,\"blockOwnerDeletion\":true}}]}}}}'"),
    );
    assert_eq!(
        claim_owners(&mut c, "datadir-ss-0"),
        "StatefulSet/ss:false "
    );
    ok(
        &mut c,
        "kubectl patch sts ss --type=merge -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Delete\",\"whenScaled\":\"Delete\"}}}'",
    );
    c.run("sim advance 5s");
    assert_eq!(claim_owners(&mut c, "datadir-ss-0"), "StatefulSet/ss:true ");

    ok(&mut c, "kubectl delete sts ss");
    c.run("sim advance 30s");
    let (_, claims, _) = run(
        &mut c,
        "kubectl get pvc -o jsonpath='{range .items[*]}{.metadata.name}{\" \"}{end}'",
    );
    assert_eq!(claims, "datadir-ss-1 datadir-ss-3 ");
}
