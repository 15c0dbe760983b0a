//! The scheduler's NodeResourcesFit filter (kube-scheduler 1.35,
//! pkg/scheduler/framework/plugins/noderesources/fit.go): a Pod's
//! effective request (`resource.PodRequests`: the containers' sum, or an
//! init container's request when larger, plus the overhead) must fit in
//! the node's `status.allocatable` less what the non-terminal Pods bound
//! there request, and one more Pod must fit in its `pods`. A Pod that fits
//! nowhere stays Pending with the scheduler's `FailedScheduling` message
//! and PodScheduled=False/Unschedulable (R10.13, R11.1), and is tried again
//! when an assigned Pod goes away or a node changes (the plugin's queueing
//! hints). kubectl describe node adds up what the Pods there request
//! (pkg/describe/describe.go `describeNodeResource`).
//!
//! The simulated kind nodes each report 4 CPUs, 8148060Ki of memory and
//! 110 Pods as capacity and allocatable.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run, until};

/// A Pod named `name` whose one container requests `cpu`, optionally
/// pinned to a node by `nodeSelector`.
fn pod(name: &str, cpu: &str, node: Option<&str>) -> String {
    let selector = node
        .map(|n| format!("  nodeSelector:\n    kubernetes.io/hostname: {n}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
{selector}  containers:
  - name: app
    image: nginx:1.27.3
    resources:
      requests:
        cpu: \"{cpu}\""
    )
}

fn jsonpath(c: &mut Console, what: &str, path: &str) -> String {
    run(c, &format!("kubectl get {what} -o jsonpath='{path}'")).1
}

fn node_of(c: &mut Console, pod: &str) -> String {
    jsonpath(c, &format!("pod {pod}"), "{.spec.nodeName}")
}

/// The messages of the FailedScheduling events of a Pod, oldest first.
fn failed_scheduling(c: &mut Console, pod: &str) -> Vec<String> {
    let out = jsonpath(
        c,
        &format!("events --field-selector involvedObject.name={pod},reason=FailedScheduling"),
        "{range .items[*]}{.message}{\"\\n\"}{end}",
    );
    out.lines().map(str::to_string).collect()
}

const WORKERS: [&str; 3] = ["ordinal-worker", "ordinal-worker2", "ordinal-worker3"];

const TOO_MUCH_CPU: &str = "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.";

/// R10.13 / R11.1: a Pod asking for more CPU than any node has stays
/// Pending, unscheduled, with the scheduler's message in its event and in
/// its PodScheduled condition. The control plane's taint is unresolvable
/// (preemption does not try it); the workers lack CPU, and a Pod of
/// priority 0 finds no Pod of lower priority there to preempt.
#[test]
fn r10_13_an_over_large_request_stays_pending_with_the_schedulers_message() {
    let mut c = Console::new(1);
    apply(&mut c, &pod("big", "100", None));
    c.run("sim advance 5s");
    assert_eq!(jsonpath(&mut c, "pod big", "{.status.phase}"), "Pending");
    assert_eq!(node_of(&mut c, "big"), "");
    assert_eq!(failed_scheduling(&mut c, "big"), [TOO_MUCH_CPU]);
    let cond = jsonpath(
        &mut c,
        "pod big",
        "{.status.conditions[?(@.type==\"PodScheduled\")].status}/{.status.conditions[?(@.type==\"PodScheduled\")].reason}/{.status.conditions[?(@.type==\"PodScheduled\")].message}",
    );
    assert_eq!(cond, format!("False/Unschedulable/{TOO_MUCH_CPU}"));
    // Memory and CPU short on every worker: both reasons, counted per node.
    // With preemptionPolicy Never, preemption does not look at all. A Pod
    // gets that policy from its PriorityClass (the Priority admission
    // plugin refuses one the Pod names itself).
    apply(
        &mut c,
        "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: waits
value: 0
preemptionPolicy: Never
---
apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  priorityClassName: waits
  containers:
  - name: app
    image: nginx:1.27.3
    resources:
      requests:
        cpu: \"5\"
        memory: 9Gi",
    );
    c.run("sim advance 5s");
    assert_eq!(
        failed_scheduling(&mut c, "greedy"),
        ["0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu, 3 Insufficient memory. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never."]
    );
    // A request that fits is placed as before.
    apply(&mut c, &pod("small", "3", None));
    run(
        &mut c,
        "kubectl wait --for=condition=PodScheduled pod/small --timeout=30s",
    );
    assert!(WORKERS.contains(&node_of(&mut c, "small").as_str()));
}

/// A cluster whose three workers each run `hog0`..`hog2`, Ready, asking
/// for 3 of their 4 CPUs.
fn hogged() -> Console {
    let mut c = Console::new(1);
    for (i, node) in WORKERS.iter().enumerate() {
        apply(&mut c, &pod(&format!("hog{i}"), "3", Some(node)));
    }
    for i in 0..3 {
        run(
            &mut c,
            &format!("kubectl wait --for=condition=Ready pod/hog{i} --timeout=60s"),
        );
    }
    c
}

/// R11.1 and NodeResourcesFit's queueing hint: the requests of the Pods
/// already bound to a node count against it, so a Pod that fits in no
/// worker's remainder stays Pending; when an assigned Pod is deleted the
/// scheduler tries it again and it takes the room that Pod left.
#[test]
fn r11_1_a_pending_pod_fits_once_an_assigned_pod_is_deleted() {
    let mut c = hogged();
    // 3 of 4 CPUs taken on each worker: 2 more fit nowhere.
    apply(&mut c, &pod("late", "2", None));
    c.run("sim advance 10s");
    assert_eq!(node_of(&mut c, "late"), "");
    assert_eq!(failed_scheduling(&mut c, "late"), [TOO_MUCH_CPU]);
    // One CPU is still free: a Pod of 1 CPU is placed beside a hog.
    apply(&mut c, &pod("tiny", "1", None));
    run(
        &mut c,
        "kubectl wait --for=condition=PodScheduled pod/tiny --timeout=30s",
    );
    let tiny_node = node_of(&mut c, "tiny");
    // Deleting the hog of another worker frees 3 CPUs there.
    let freed = WORKERS.iter().position(|n| *n != tiny_node).unwrap();
    run(&mut c, &format!("kubectl delete pod hog{freed}"));
    let secs = until(&mut c, 30, "late scheduled", |c| {
        !node_of(c, "late").is_empty()
    });
    assert!(secs < 5.0, "retried on the deletion, not later ({secs}s)");
    assert_eq!(node_of(&mut c, "late"), WORKERS[freed]);
    run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/late --timeout=60s",
    );
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=late",
    )
    .1;
    assert!(
        events.contains(&format!(
            "Successfully assigned default/late to {}",
            WORKERS[freed]
        )),
        "{events}"
    );
}

/// R3.5 with NodeResourcesFit: a StatefulSet whose Pods each request 3 of
/// a worker's 4 CPUs gets one Pod per worker (no two fit together); the
/// fourth stays Pending, and OrderedReady creates no Pod after it.
#[test]
fn r3_5_a_statefulset_beyond_the_nodes_capacity_spreads_then_blocks() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: big
spec:
  serviceName: big
  replicas: 5
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      containers:
      - name: app
        image: nginx:1.27.3
        resources:
          requests:
            cpu: \"3\"
            memory: 1Gi",
    );
    until(&mut c, 120, "big-3 created", |c| {
        run(c, "kubectl get pod big-3 --no-headers").0 == 0
    });
    c.run("sim advance 60s");
    let mut nodes: Vec<String> = (0..3)
        .map(|i| node_of(&mut c, &format!("big-{i}")))
        .collect();
    nodes.sort();
    assert_eq!(nodes, WORKERS, "one per worker");
    assert_eq!(node_of(&mut c, "big-3"), "");
    assert_eq!(jsonpath(&mut c, "pod big-3", "{.status.phase}"), "Pending");
    assert_eq!(failed_scheduling(&mut c, "big-3"), [TOO_MUCH_CPU]);
    let (code, _, err) = run(&mut c, "kubectl get pod big-4");
    assert_eq!(code, 1, "OrderedReady waits for big-3: {err}");
    assert_eq!(
        jsonpath(
            &mut c,
            "sts big",
            "{.status.replicas}/{.status.readyReplicas}"
        ),
        "4/3"
    );
    // Scaling down to 3 removes the Pending Pod; nothing else moves.
    run(&mut c, "kubectl scale sts big --replicas=3");
    until(&mut c, 60, "big-3 gone", |c| {
        run(c, "kubectl get pod big-3 --no-headers").0 == 1
    });
    assert_eq!(jsonpath(&mut c, "sts big", "{.status.readyReplicas}"), "3");
}

/// R11.1, `PodRequests`' init container rule: init containers run one at a
/// time before the others, so the Pod needs the larger of their largest
/// request and the containers' sum — not the total.
#[test]
fn r11_1_init_containers_count_at_their_largest_not_added_up() {
    let mut c = Console::new(1);
    let with_init = |name: &str, init: &str, each: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  nodeSelector:
    kubernetes.io/hostname: ordinal-worker
  initContainers:
  - name: setup
    image: busybox:1.36
    command: [\"true\"]
    resources:
      requests:
        cpu: \"{init}\"
  containers:
  - name: a
    image: nginx:1.27.3
    resources:
      requests:
        cpu: \"{each}\"
  - name: b
    image: busybox:1.36
    command: [\"sleep\", \"3600\"]
    resources:
      requests:
        cpu: \"{each}\""
        )
    };
    // max(2, 1.5 + 1.5) = 3 of the worker's 4 CPUs (the total, 5, would not fit).
    apply(&mut c, &with_init("fits", "2", "1500m"));
    run(
        &mut c,
        "kubectl wait --for=condition=PodScheduled pod/fits --timeout=30s",
    );
    assert_eq!(node_of(&mut c, "fits"), "ordinal-worker");
    // max(4500m, 2 × 100m) = 4500m: more than the worker has at all.
    apply(&mut c, &with_init("wide", "4500m", "100m"));
    c.run("sim advance 5s");
    assert_eq!(node_of(&mut c, "wide"), "");
    assert_eq!(
        failed_scheduling(&mut c, "wide"),
        ["0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."]
    );
    // describe node counts `fits` at 3 CPUs, as the scheduler does.
    let out = run(&mut c, "kubectl describe node ordinal-worker").1;
    let line = out
        .lines()
        .find(|l| l.contains(" fits "))
        .unwrap_or_default()
        .to_string();
    assert!(line.contains("3 (75%)"), "{out}");
}

/// "Too many pods": the node's `pods` allocatable bounds how many
/// non-terminal Pods it takes; raising it (a node change) lets the waiting
/// Pod in.
#[test]
fn r11_1_a_node_full_of_pods_turns_more_away_until_its_allocatable_grows() {
    let mut c = Console::new(1);
    // kindnet and kube-proxy already run on every worker: room for one more.
    for n in WORKERS {
        let (code, out, err) = run(
            &mut c,
            &format!("kubectl patch node {n} --subresource=status --type=merge -p '{{\"status\":{{\"allocatable\":{{\"pods\":\"3\"}}}}}}'"),
        );
        assert_eq!(code, 0, "{out}{err}");
    }
    for i in 0..4 {
        apply(&mut c, &pod(&format!("p{i}"), "100m", None));
        c.run("sim advance 2s");
    }
    let placed: Vec<String> = (0..4).map(|i| node_of(&mut c, &format!("p{i}"))).collect();
    assert_eq!(
        placed.iter().filter(|n| n.is_empty()).count(),
        1,
        "{placed:?}"
    );
    let waiting = placed.iter().position(String::is_empty).unwrap();
    assert_eq!(
        failed_scheduling(&mut c, &format!("p{waiting}")),
        ["0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Too many pods. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."]
    );
    run(
        &mut c,
        "kubectl patch node ordinal-worker2 --subresource=status --type=merge -p '{\"status\":{\"allocatable\":{\"pods\":\"110\"}}}'",
    );
    until(&mut c, 10, "placed", |c| {
        !node_of(c, &format!("p{waiting}")).is_empty()
    });
    assert_eq!(node_of(&mut c, &format!("p{waiting}")), "ordinal-worker2");
}

/// kubectl describe node (`describeNodeResource`): each non-terminated
/// Pod's requests and limits with their share of the allocatable (cut to
/// an integer percentage), and the totals under "Allocated resources";
/// a finished Pod is left out.
#[test]
fn kubectl_describe_node_adds_up_the_requests_and_limits_of_its_pods() {
    let mut c = Console::new(1);
    let sized = |name: &str, cpu: &str, mem: &str, cpu_lim: &str, mem_lim: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  nodeSelector:
    kubernetes.io/hostname: ordinal-worker2
  containers:
  - name: app
    image: nginx:1.27.3
    resources:
      requests:
        cpu: {cpu}
        memory: {mem}
      limits:
        cpu: {cpu_lim}
        memory: {mem_lim}"
        )
    };
    apply(&mut c, &sized("a", "500m", "128Mi", "1", "256Mi"));
    apply(&mut c, &sized("b", "250m", "1Gi", "250m", "1Gi"));
    for p in ["a", "b"] {
        run(
            &mut c,
            &format!("kubectl wait --for=condition=Ready pod/{p} --timeout=60s"),
        );
    }
    let out = run(&mut c, "kubectl describe node ordinal-worker2").1;
    let row = |name: &str| {
        out.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(name))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    // 8148060Ki = 8343613440 bytes of memory; 4 CPUs = 4000m.
    assert!(
        row("a").starts_with("default a 500m (12%) 1 (25%) 128Mi (1%) 256Mi (3%) "),
        "{out}"
    );
    assert!(
        row("b").starts_with("default b 250m (6%) 250m (6%) 1Gi (12%) 1Gi (12%) "),
        "{out}"
    );
    let section = out.split("Allocated resources:").nth(1).unwrap_or_default();
    let total = |name: &str| {
        section
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    // a and b, plus the node's kindnet Pod (cpu 100m, memory 50Mi
    // requested and limited, kind's CNI manifest).
    assert_eq!(total("cpu"), "cpu 850m (21%) 1350m (33%)", "{out}");
    assert_eq!(total("memory"), "memory 1202Mi (15%) 1330Mi (16%)", "{out}");
    assert!(
        out.contains("Non-terminated Pods:          (4 in total)"),
        "{out}"
    );
    // A Pod deleted no longer counts (a and kindnet remain).
    run(&mut c, "kubectl delete pod b");
    let out = run(&mut c, "kubectl describe node ordinal-worker2").1;
    assert!(
        out.contains("Non-terminated Pods:          (3 in total)"),
        "{out}"
    );
    let section = out.split("Allocated resources:").nth(1).unwrap_or_default();
    assert!(
        section
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["cpu", "600m", "(15%)", "1100m", "(27%)"]),
        "{out}"
    );
}

/// R10.13: NodePorts and InterPodAffinity (anti-affinity) turn a node down
/// as `Unschedulable`, not `UnschedulableAndUnresolvable`: preemption
/// tries those nodes and, with no Pod of lower priority there, says so per
/// node. Their queueing hints place the Pod once the assigned Pod holding
/// the port, or matching the anti-affinity, is deleted.
#[test]
fn r10_13_host_ports_and_anti_affinity_wait_for_the_pod_in_the_way() {
    let mut c = Console::new(1);
    let with_port = |name: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    app: solo
spec:
  containers:
  - name: web
    image: nginx:1.27.3
    ports:
    - containerPort: 80
      hostPort: 8080"
        )
    };
    for i in 0..3 {
        apply(&mut c, &with_port(&format!("port{i}")));
        run(
            &mut c,
            &format!("kubectl wait --for=condition=Ready pod/port{i} --timeout=60s"),
        );
    }
    apply(&mut c, &with_port("port3"));
    c.run("sim advance 5s");
    assert_eq!(
        failed_scheduling(&mut c, "port3"),
        ["0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't have free ports for the requested pod ports. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."]
    );
    // Anti-affinity against the `app: solo` Pods, which hold every worker.
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: loner
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: solo
        topologyKey: kubernetes.io/hostname
  containers:
  - name: web
    image: nginx:1.27.3",
    );
    c.run("sim advance 5s");
    assert_eq!(
        failed_scheduling(&mut c, "loner"),
        ["0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."]
    );
    // Deleting one port holder frees its port and its node: both waiting
    // Pods are tried again (port3 goes there; loner then finds port3 in
    // its way, as it carries `app: solo` too, or takes the node first).
    let freed = node_of(&mut c, "port1");
    run(&mut c, "kubectl delete pod port1");
    until(&mut c, 10, "one of them placed", |c| {
        node_of(c, "port3") == freed || node_of(c, "loner") == freed
    });
}

/// The kubelet's admission (pkg/kubelet/lifecycle/predicate.go): a Pod
/// placed by `nodeName` never met the scheduler, so the kubelet checks its
/// requests against the node's allocatable less what the Pods admitted
/// there request (kindnet's 100m and 50Mi included). It is rejected with
/// `OutOf<resource>`: phase Failed, the reason as kubectl's STATUS, the
/// message `Pod was rejected: Node didn't have enough resource: …` (CPU in
/// millicores, memory in bytes), a Warning event, and no container.
#[test]
fn r11_1_the_kubelet_rejects_a_pod_placed_by_node_name_that_does_not_fit() {
    let mut c = Console::new(1);
    apply(&mut c, &pod("hog", "3", Some(WORKERS[0])));
    run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/hog --timeout=60s",
    );
    apply(
        &mut c,
        &format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeName: {}
  containers:
  - name: app
    image: nginx:1.27.3
    resources:
      requests:
        cpu: \"2\"",
            WORKERS[0]
        ),
    );
    c.run("sim advance 5s");
    let status = jsonpath(
        &mut c,
        "pod pinned",
        "{.status.phase}|{.status.reason}|{.status.message}|{.status.containerStatuses}|{.status.conditions}",
    );
    assert_eq!(
        status,
        "Failed|OutOfcpu|Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3100, capacity: 4000||"
    );
    let table = run(&mut c, "kubectl get pod pinned").1;
    assert!(table.contains("pinned   0/1     OutOfcpu   0"), "{table}");
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=pinned,reason=OutOfcpu -o jsonpath='{.items[*].message}'",
    )
    .1;
    assert_eq!(
        events,
        "Node didn't have enough resource: cpu, requested: 2000, used: 3100, capacity: 4000"
    );
    // Memory is checked too, in bytes.
    run(
        &mut c,
        &format!("kubectl run big --image=nginx:1.27.3 --overrides='{{\"spec\":{{\"nodeName\":\"{}\",\"containers\":[{{\"name\":\"big\",\"image\":\"nginx:1.27.3\",\"resources\":{{\"requests\":{{\"memory\":\"100Gi\"}}}}}}]}}}}'", WORKERS[1]),
    );
    c.run("sim advance 5s");
    assert_eq!(
        jsonpath(&mut c, "pod big", "{.status.reason}|{.status.message}"),
        "OutOfmemory|Pod was rejected: Node didn't have enough resource: memory, requested: 107374182400, used: 52428800, capacity: 8343613440"
    );
    // Then the node's labels: a nodeSelector the node does not match.
    run(
        &mut c,
        &format!("kubectl run sel --image=nginx:1.27.3 --overrides='{{\"spec\":{{\"nodeName\":\"{}\",\"nodeSelector\":{{\"disk\":\"ssd\"}}}}}}'", WORKERS[2]),
    );
    c.run("sim advance 5s");
    assert_eq!(
        jsonpath(&mut c, "pod sel", "{.status.reason}|{.status.message}"),
        "NodeAffinity|Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"
    );
    // A Pod that fits is admitted as before.
    run(
        &mut c,
        &format!("kubectl run small --image=nginx:1.27.3 --overrides='{{\"spec\":{{\"nodeName\":\"{}\"}}}}'", WORKERS[0]),
    );
    let (code, _, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/small --timeout=60s",
    );
    assert_eq!(code, 0, "{err}");
}

/// R3.12 with the kubelet's admission: a StatefulSet whose template names
/// a node too small for two of its Pods gets the second rejected
/// (`OutOfcpu`), deleted and created again, over and over, while the first
/// runs.
#[test]
fn r3_12_a_statefulset_pinned_to_a_full_node_recreates_its_rejected_pod() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: pinned
spec:
  serviceName: pinned
  replicas: 2
  selector:
    matchLabels:
      app: pinned
  template:
    metadata:
      labels:
        app: pinned
    spec:
      nodeName: {}
      containers:
      - name: app
        image: nginx:1.27.3
        resources:
          requests:
            cpu: \"3\"",
            WORKERS[0]
        ),
    );
    run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/pinned-0 --timeout=60s",
    );
    c.run("sim advance 1s");
    let (_, watched, _) = run(
        &mut c,
        "kubectl get pod pinned-1 -w -o jsonpath='{.metadata.uid} {.status.phase} {.status.reason}{\"\\n\"}' --request-timeout=40s",
    );
    let rejected: std::collections::BTreeSet<&str> = watched
        .lines()
        .filter(|l| l.ends_with(" Failed OutOfcpu"))
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert!(rejected.len() >= 2, "rejected and recreated:\n{watched}");
    assert_eq!(
        jsonpath(&mut c, "pod pinned-0", "{.status.phase}"),
        "Running"
    );
    let deleted = run(
        &mut c,
        "kubectl get events --field-selector reason=SuccessfulDelete -o jsonpath='{.items[0].message}'",
    )
    .1;
    assert_eq!(
        deleted,
        "delete Pod pinned-1 in StatefulSet pinned successful"
    );
}

/// A Pod that did not fit, deleted and created again under the same name
/// (as a StatefulSet does with its Pods), is tried again and placed once
/// room frees: the scheduling queue keyed its unschedulable Pods by name,
/// and the first Pod's entry kept the second from ever being tried.
#[test]
fn r11_1_a_pod_recreated_under_the_name_of_an_unschedulable_one_is_scheduled() {
    let mut c = hogged();
    apply(&mut c, &pod("late", "2", None));
    c.run("sim advance 5s");
    assert_eq!(failed_scheduling(&mut c, "late"), [TOO_MUCH_CPU]);
    run(&mut c, "kubectl delete pod late");
    apply(&mut c, &pod("late", "2", None));
    c.run("sim advance 5s");
    // The new Pod is tried: a FailedScheduling of its own.
    let uid = jsonpath(&mut c, "pod late", "{.metadata.uid}");
    let tried = jsonpath(
        &mut c,
        &format!("events --field-selector involvedObject.uid={uid},reason=FailedScheduling"),
        "{.items[*].message}",
    );
    assert_eq!(tried, TOO_MUCH_CPU);
    run(&mut c, "kubectl delete pod hog1");
    until(&mut c, 30, "late scheduled", |c| {
        !node_of(c, "late").is_empty()
    });
    assert_eq!(node_of(&mut c, "late"), WORKERS[1]);
}
