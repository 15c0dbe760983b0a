//! The default cluster's system Pods (console.md "The default cluster")
//! carry the container resources kind v0.30 deploys them with on
//! Kubernetes 1.35, so `kubectl describe node` (pkg/describe/describe.go
//! `describeNodeResource`) shows what they request, their QoS class
//! (`qos.GetPodQOS`) follows from them, and the scheduler's
//! NodeResourcesFit counts them against the node's allocatable (R10.13).
//!
//! The sources: kubeadm's static Pods (`cmd/kubeadm/app/phases/controlplane/
//! manifests.go` `GetStaticPodSpecs`: kube-apiserver cpu 250m,
//! kube-controller-manager 200m, kube-scheduler 100m; `phases/etcd/local.go`
//! `GetEtcdPodSpec`: cpu 100m, memory 100Mi), kubeadm's CoreDNS Deployment
//! (`phases/addons/dns/manifests.go`: requests cpu 100m, memory 70Mi,
//! limits memory 170Mi), kind's default CNI manifest
//! (`pkg/build/nodeimage/const_cni.go`: kindnet requests and limits cpu
//! 100m, memory 50Mi); kube-proxy and local-path-provisioner set none. A
//! real kind 1.35 control plane's describe shows the same rows and totals
//! `cpu 950m`, `100m` and `memory 290Mi`, `390Mi`.
//!
//! The simulated nodes each report 4 CPUs (4000m) and 8148060Ki
//! (8343613440 bytes) of memory as allocatable; kubectl's percentages are
//! `int64(float64(request) / float64(allocatable) * 100)`, truncated.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run};

/// The rows of a describe node section (between `start` and `end`), each
/// with its columns joined by one space.
fn section(out: &str, start: &str, end: &str) -> Vec<String> {
    let from = out.find(start).map(|i| i + start.len()).unwrap_or(0);
    let rest = &out[from..];
    let to = rest.find(end).unwrap_or(rest.len());
    rest[..to]
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn describe_node(c: &mut Console, node: &str) -> String {
    let (code, out, err) = run(c, &format!("kubectl describe node {node}"));
    assert_eq!(code, 0, "{out}{err}");
    out
}

/// The Pods table (after the count) without its Age column.
fn pod_rows(out: &str) -> Vec<String> {
    section(out, "Non-terminated Pods:", "Allocated resources:")
        .into_iter()
        .skip(1)
        .map(|l| {
            let mut cols: Vec<&str> = l.split(' ').collect();
            cols.pop();
            cols.join(" ")
        })
        .collect()
}

/// The control plane runs CoreDNS, etcd, the three control-plane
/// components, its kindnet and kube-proxy Pods and the provisioner: each
/// row shows what its manifest requests and limits, and the totals are
/// the real kind control plane's 950m / 100m cpu and 290Mi / 390Mi memory
/// (23% and 2% of 4 CPUs; 3% and 4% of 8148060Ki).
#[test]
fn default_cluster_control_plane_describe_shows_the_system_pods_requests() {
    let mut c = Console::new(1);
    let out = describe_node(&mut c, "ordinal-control-plane");
    assert!(
        out.contains("Non-terminated Pods:          (9 in total)"),
        "{out}"
    );
    assert_eq!(
        pod_rows(&out),
        [
            "Namespace Name CPU Requests CPU Limits Memory Requests Memory Limits",
            "--------- ---- ------------ ---------- --------------- -------------",
            "kube-system coredns-7d764666f9-4xq2m 100m (2%) 0 (0%) 70Mi (0%) 170Mi (2%)",
            "kube-system coredns-7d764666f9-9kzlb 100m (2%) 0 (0%) 70Mi (0%) 170Mi (2%)",
            "kube-system etcd-ordinal-control-plane 100m (2%) 0 (0%) 100Mi (1%) 0 (0%)",
            "kube-system kindnet-x7k2p 100m (2%) 100m (2%) 50Mi (0%) 50Mi (0%)",
            "kube-system kube-apiserver-ordinal-control-plane 250m (6%) 0 (0%) 0 (0%) 0 (0%)",
            "kube-system kube-controller-manager-ordinal-control-plane 200m (5%) 0 (0%) 0 (0%) 0 (0%)",
            "kube-system kube-proxy-h4j8s 0 (0%) 0 (0%) 0 (0%) 0 (0%)",
            "kube-system kube-scheduler-ordinal-control-plane 100m (2%) 0 (0%) 0 (0%) 0 (0%)",
            "local-path-storage local-path-provisioner-7dc846544d-9t6fq 0 (0%) 0 (0%) 0 (0%) 0 (0%)",
        ],
        "{out}"
    );
    assert_eq!(
        section(&out, "Allocated resources:", "Events:"),
        [
            "(Total limits may be over 100 percent, i.e., overcommitted.)",
            "Resource Requests Limits",
            "-------- -------- ------",
            "cpu 950m (23%) 100m (2%)",
            "memory 290Mi (3%) 390Mi (4%)",
            "ephemeral-storage 0 (0%) 0 (0%)",
            "hugepages-1Gi 0 (0%) 0 (0%)",
            "hugepages-2Mi 0 (0%) 0 (0%)",
        ],
        "{out}"
    );
}

/// A worker runs only its kindnet (cpu 100m, memory 50Mi requested and
/// limited) and kube-proxy (nothing) Pods.
#[test]
fn default_cluster_worker_describe_shows_kindnet_and_kube_proxy() {
    let mut c = Console::new(1);
    let out = describe_node(&mut c, "ordinal-worker");
    assert_eq!(
        pod_rows(&out)[2..],
        [
            "kube-system kindnet-b9m4q 100m (2%) 100m (2%) 50Mi (0%) 50Mi (0%)",
            "kube-system kube-proxy-q6t2z 0 (0%) 0 (0%) 0 (0%) 0 (0%)",
        ],
        "{out}"
    );
    assert_eq!(
        section(&out, "Allocated resources:", "Events:")[3..],
        [
            "cpu 100m (2%) 100m (2%)",
            "memory 50Mi (0%) 50Mi (0%)",
            "ephemeral-storage 0 (0%) 0 (0%)",
            "hugepages-1Gi 0 (0%) 0 (0%)",
            "hugepages-2Mi 0 (0%) 0 (0%)",
        ],
        "{out}"
    );
}

/// `qos.GetPodQOS`: CoreDNS and the control plane request without
/// matching limits (Burstable), kindnet limits what it requests for cpu
/// and memory (Guaranteed), kube-proxy and the provisioner set nothing
/// (BestEffort). `kubectl describe pod` shows the class and the
/// container's Limits and Requests; the owners' Pod templates carry the
/// same resources.
#[test]
fn default_cluster_system_pods_qos_class_follows_their_resources() {
    let mut c = Console::new(1);
    let (_, out, _) = run(
        &mut c,
        "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.name} {.status.qosClass}{\"\\n\"}{end}'",
    );
    let expected = |name: &str| {
        if name.starts_with("kindnet-") {
            "Guaranteed"
        } else if name.starts_with("kube-proxy-") || name.starts_with("local-path-provisioner-") {
            "BestEffort"
        } else {
            "Burstable"
        }
    };
    let lines: Vec<&str> = out.lines().collect();
    // Two CoreDNS, four control-plane Pods, kindnet and kube-proxy on
    // each of the four nodes, the provisioner.
    assert_eq!(lines.len(), 15, "{out}");
    for line in lines {
        let (name, qos) = line.split_once(' ').unwrap();
        assert_eq!(qos, expected(name), "{out}");
    }

    let (_, out, _) = run(
        &mut c,
        "kubectl describe pod -n kube-system coredns-7d764666f9-4xq2m",
    );
    let flat: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let after = |head: &str| {
        let i = flat.iter().position(|l| l == head).expect(head);
        flat[i + 1..i + 3].to_vec()
    };
    assert_eq!(after("Limits:"), ["memory: 170Mi", "Requests:"], "{out}");
    assert_eq!(after("Requests:"), ["cpu: 100m", "memory: 70Mi"], "{out}");
    assert!(flat.contains(&"QoS Class: Burstable".to_string()), "{out}");

    for (what, path, want) in [
        (
            "ds kindnet",
            "{.spec.template.spec.containers[0].resources}",
            r#"{"limits":{"cpu":"100m","memory":"50Mi"},"requests":{"cpu":"100m","memory":"50Mi"}}"#,
        ),
        (
            "deploy coredns",
            "{.spec.template.spec.containers[0].resources}",
            r#"{"limits":{"memory":"170Mi"},"requests":{"cpu":"100m","memory":"70Mi"}}"#,
        ),
        (
            "pod etcd-ordinal-control-plane",
            "{.spec.containers[0].resources}",
            r#"{"requests":{"cpu":"100m","memory":"100Mi"}}"#,
        ),
    ] {
        let (_, got, err) = run(
            &mut c,
            &format!("kubectl get -n kube-system {what} -o jsonpath='{path}'"),
        );
        assert_eq!(got, want, "{what}: {err}");
    }
}

/// A Pod pinned to `node` whose one container requests `cpu` and `memory`.
fn pinned(name: &str, node: &str, cpu: &str, memory: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  nodeSelector:
    kubernetes.io/hostname: {node}
  containers:
  - name: app
    image: nginx:1.27.3
    resources:
      requests:
        cpu: \"{cpu}\"
        memory: \"{memory}\""
    )
}

fn node_and_events(c: &mut Console, pod: &str) -> (String, String) {
    let node = run(
        c,
        &format!("kubectl get pod {pod} -o jsonpath='{{.spec.nodeName}}'"),
    )
    .1;
    let events = run(
        c,
        &format!(
            "kubectl get events --field-selector involvedObject.name={pod},reason=FailedScheduling -o jsonpath='{{range .items[*]}}{{.message}}{{\"\\n\"}}{{end}}'"
        ),
    )
    .1;
    (node, events)
}

/// The control plane fails TaintToleration (which runs before NodeAffinity
/// in the default profile), the other workers NodeAffinity, the pinned
/// worker NodeResourcesFit.
const NO_CPU: &str = "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.\n";
const NO_MEMORY: &str = "0/4 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.\n";

/// R10.13, NodeResourcesFit: the worker's kindnet Pod takes cpu 100m and
/// memory 50Mi (51200Ki) of its allocatable, so a Pod requesting exactly
/// the rest (3900m; 8148060Ki - 51200Ki = 8096860Ki) fits, and one asking
/// one millicore (or one Ki) more stays Pending with `Insufficient cpu`
/// (`Insufficient memory`).
#[test]
fn r10_13_the_scheduler_counts_the_system_pods_requests() {
    for (cpu, memory, fits, message) in [
        ("3900m", "1Mi", true, ""),
        ("3901m", "1Mi", false, NO_CPU),
        ("100m", "8096860Ki", true, ""),
        ("100m", "8096861Ki", false, NO_MEMORY),
    ] {
        let mut c = Console::new(1);
        apply(&mut c, &pinned("fill", "ordinal-worker", cpu, memory));
        c.run("sim advance 5s");
        let (node, events) = node_and_events(&mut c, "fill");
        let want = if fits { "ordinal-worker" } else { "" };
        assert_eq!(node, want, "cpu {cpu} memory {memory}: {events}");
        assert_eq!(events, message, "cpu {cpu} memory {memory}");
    }
}

/// The add-on workloads' history as kind shows it: each DaemonSet has its
/// own ControllerRevision (named by its Pods' `controller-revision-hash`),
/// and `kubectl rollout history` reads a DaemonSet's revisions and a
/// Deployment's ReplicaSets (their `deployment.kubernetes.io/revision`).
#[test]
fn the_add_on_workloads_have_their_rollout_history() {
    let mut c = ordinal::console::Console::new(1);
    let out = crate::support::console::ok(&mut c, "kubectl get controllerrevisions -n kube-system");
    assert_eq!(
        out,
        "NAME                    CONTROLLER                  REVISION   AGE\nkindnet-6c4d8f8b9d      daemonset.apps/kindnet      1          0s\nkube-proxy-7f9b6d4c58   daemonset.apps/kube-proxy   1          0s\n"
    );
    for ds in ["kindnet", "kube-proxy"] {
        let hash = crate::support::console::ok(
            &mut c,
            &format!("kubectl get controllerrevisions -n kube-system -l controller-revision-hash -o jsonpath='{{range .items[?(@.metadata.ownerReferences[0].name==\"{ds}\")]}}{{.metadata.labels.controller-revision-hash}}{{end}}'"),
        );
        let pods = crate::support::console::ok(
            &mut c,
            &format!("kubectl get pods -n kube-system -l controller-revision-hash={hash} -o name"),
        );
        assert_eq!(pods.lines().count(), 4, "{ds}: {pods}");
        assert!(
            pods.lines().all(|p| p.starts_with(&format!("pod/{ds}-"))),
            "{pods}"
        );
    }
    for (what, head) in [
        ("ds/kube-proxy", "daemonset.apps/kube-proxy"),
        ("deploy/coredns", "deployment.apps/coredns"),
    ] {
        assert_eq!(
            crate::support::console::ok(
                &mut c,
                &format!("kubectl rollout history {what} -n kube-system")
            ),
            format!("{head} \nREVISION  CHANGE-CAUSE\n1         <none>\n\n")
        );
    }
    let one = crate::support::console::ok(
        &mut c,
        "kubectl rollout history deploy/coredns -n kube-system --revision=1",
    );
    assert!(one.starts_with("deployment.apps/coredns with revision #1\nPod Template:\n  Labels:\tk8s-app=kube-dns\n\tpod-template-hash=7d764666f9\n"), "{one}");
    // `-o`: the DaemonSet with the revision applied, the ReplicaSet itself.
    assert_eq!(
        crate::support::console::ok(
            &mut c,
            "kubectl rollout history ds/kube-proxy -n kube-system -o jsonpath='{.kind} {.spec.template.spec.containers[0].image}'"
        ),
        "DaemonSet registry.k8s.io/kube-proxy:v1.35.0"
    );
    assert_eq!(
        crate::support::console::ok(
            &mut c,
            "kubectl rollout history deploy/coredns -n kube-system -o name"
        ),
        "replicaset.apps/coredns-7d764666f9\n"
    );
}

/// The ReplicaSet controller: a CoreDNS Pod deleted is replaced by a new
/// one (a new name and address, `SuccessfulCreate` on the ReplicaSet,
/// the template's ports and priority), the kube-dns Service follows, and
/// DNS keeps answering; a ReplicaSet scaled by hand is scaled back by
/// its Deployment, and a Deployment scaled down has its ReplicaSet delete
/// the Pod least settled first (the newest here).
#[test]
fn a_deleted_coredns_pod_is_replaced_by_its_replicaset() {
    use crate::support::console::ok;
    let mut c = ordinal::console::Console::new(1);
    let names = |c: &mut ordinal::console::Console| {
        ok(
            c,
            "kubectl get pods -n kube-system -l k8s-app=kube-dns -o jsonpath='{.items[*].metadata.name}'",
        )
    };
    assert_eq!(
        names(&mut c),
        "coredns-7d764666f9-4xq2m coredns-7d764666f9-9kzlb"
    );
    ok(
        &mut c,
        "kubectl delete pod -n kube-system coredns-7d764666f9-4xq2m",
    );
    ok(&mut c, "sleep 20");
    let now = names(&mut c);
    let fresh: Vec<&str> = now
        .split(' ')
        .filter(|n| *n != "coredns-7d764666f9-9kzlb")
        .collect();
    assert_eq!(fresh.len(), 1, "{now}");
    assert!(fresh[0].starts_with("coredns-7d764666f9-") && fresh[0] != "coredns-7d764666f9-4xq2m");
    let events = ok(
        &mut c,
        "kubectl get events -n kube-system --field-selector involvedObject.kind=ReplicaSet -o jsonpath='{.items[*].message}'",
    );
    assert_eq!(events, format!("Created pod: {}", fresh[0]));
    let pod = ok(
        &mut c,
        &format!("kubectl get pod -n kube-system {} -o jsonpath='{{.status.phase}} {{.spec.priorityClassName}} {{.spec.containers[0].ports[0].name}}'", fresh[0]),
    );
    assert_eq!(pod, "Running system-cluster-critical dns");
    let ip = ok(
        &mut c,
        &format!(
            "kubectl get pod -n kube-system {} -o jsonpath='{{.status.podIP}}'",
            fresh[0]
        ),
    );
    let slice = ok(
        &mut c,
        "kubectl get endpointslices -n kube-system -l kubernetes.io/service-name=kube-dns -o jsonpath='{.items[*].endpoints[*].addresses[0]}'",
    );
    assert!(slice.split(' ').any(|a| a == ip), "{slice} / {ip}");
    assert_eq!(
        ok(&mut c, "kubectl get rs -n kube-system coredns-7d764666f9 -o jsonpath='{.status.replicas}/{.status.readyReplicas}'"),
        "2/2"
    );
    // The ReplicaSet scaled by hand: its Deployment scales it back.
    ok(
        &mut c,
        "kubectl scale rs coredns-7d764666f9 -n kube-system --replicas=1",
    );
    ok(&mut c, "sleep 5");
    assert_eq!(names(&mut c).split(' ').count(), 2);
    // The Deployment scaled to one: the newest Pod goes.
    ok(
        &mut c,
        "kubectl scale deploy coredns -n kube-system --replicas=1",
    );
    ok(&mut c, "sleep 5");
    assert_eq!(names(&mut c), "coredns-7d764666f9-9kzlb");
    // A DaemonSet's Pod is replaced by its controller, under a new name.
    ok(&mut c, "kubectl delete pod -n kube-system kindnet-x7k2p");
    ok(&mut c, "sleep 5");
    let kindnet = ok(
        &mut c,
        "kubectl get pods -n kube-system -l app=kindnet -o name",
    );
    assert_eq!(kindnet.lines().count(), 4, "{kindnet}");
    assert!(!kindnet.contains("kindnet-x7k2p"), "{kindnet}");
}
