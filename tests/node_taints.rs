//! `kubectl taint` and what taints do: NoSchedule keeps new Pods off a
//! node, NoExecute evicts the Pods that do not tolerate it (at once, or
//! after their `tolerationSeconds`), and the out-of-service taint on a node
//! that is down lets the Pod garbage collector force-delete its terminating
//! Pods so that a StatefulSet can replace them (R3.13, non-graceful node
//! shutdown).

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run, until, with_fixtures};

fn web(replicas: u32) -> Console {
    let mut c = with_fixtures();
    let (code, out, err) = run(&mut c, "kubectl apply -f web.yaml");
    assert_eq!(code, 0, "{out}{err}");
    run(
        &mut c,
        &format!("kubectl scale sts web --replicas={replicas}"),
    );
    until(&mut c, 300, "all Ready", |c| {
        run(c, "kubectl get sts web --no-headers")
            .1
            .split_whitespace()
            .nth(1)
            == Some(&format!("{replicas}/{replicas}"))
    });
    c
}

fn node_of(c: &mut Console, pod: &str) -> String {
    run(
        c,
        &format!("kubectl get pod {pod} -o jsonpath={{.spec.nodeName}}"),
    )
    .1
}

#[test]
fn taint_adds_replaces_and_removes_as_kubectl_says() {
    let mut c = Console::new(1);
    let node = "ordinal-worker2";
    let t = |c: &mut Console, args: &str| {
        let (code, out, err) = run(c, &format!("kubectl taint nodes {node} {args}"));
        (code, format!("{out}{err}"))
    };
    assert_eq!(
        t(&mut c, "dedicated=db:NoSchedule"),
        (0, format!("node/{node} tainted\n"))
    );
    assert_eq!(
        t(&mut c, "dedicated=web:NoSchedule"),
        (1, format!("error: node {node} already has dedicated taint(s) with same effect(s) and --overwrite is false\n"))
    );
    assert_eq!(
        t(&mut c, "dedicated=web:NoSchedule --overwrite"),
        (0, format!("node/{node} modified\n"))
    );
    let taints = run(
        &mut c,
        &format!("kubectl get node {node} -o jsonpath={{.spec.taints}}"),
    )
    .1;
    assert_eq!(
        taints,
        r#"[{"effect":"NoSchedule","key":"dedicated","value":"web"}]"#
    );
    assert_eq!(
        t(&mut c, "dedicated:NoSchedule-"),
        (0, format!("node/{node} untainted\n"))
    );
    assert_eq!(
        t(&mut c, "dedicated-"),
        (1, "error: taint \"dedicated\" not found\n".to_string())
    );
    assert_eq!(
        t(&mut c, "dedicated=db:Sometimes"),
        (1, "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n".to_string())
    );
    assert_eq!(
        t(&mut c, "dedicated=db"),
        (1, "error: invalid taint spec: dedicated=db, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n".to_string())
    );
    assert_eq!(
        t(&mut c, ""),
        (
            1,
            "error: at least one taint update is required\n".to_string()
        )
    );
    let (code, out, err) = run(&mut c, "kubectl taint pods web-0 a=b:NoSchedule");
    assert_eq!(
        (code, format!("{out}{err}")),
        (
            1,
            "error: invalid resource type pods, only node types are supported\n".to_string()
        )
    );
}

#[test]
fn no_schedule_keeps_new_pods_off_and_no_execute_evicts() {
    let mut c = web(3);
    // web-2's node may not take new Pods: web-3 and web-4 go elsewhere.
    let busy = node_of(&mut c, "web-2");
    run(
        &mut c,
        &format!("kubectl taint nodes {busy} dedicated=db:NoSchedule"),
    );
    run(&mut c, "kubectl scale sts web --replicas=5");
    until(&mut c, 300, "5 Ready", |c| {
        run(c, "kubectl get sts web --no-headers")
            .1
            .split_whitespace()
            .nth(1)
            == Some("5/5")
    });
    for pod in ["web-3", "web-4"] {
        assert_ne!(node_of(&mut c, pod), busy, "{pod}");
    }
    // NoSchedule does not touch what runs there.
    assert_eq!(node_of(&mut c, "web-2"), busy);

    // NoExecute: web-0 is evicted at once, and its replacement cannot
    // follow its volume back to the node.
    let node0 = node_of(&mut c, "web-0");
    let uid = run(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}").1;
    run(
        &mut c,
        &format!("kubectl taint nodes {node0} maintenance=now:NoExecute"),
    );
    c.run("sim advance 5s");
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=web-0",
    )
    .1;
    assert!(
        events.contains("TaintManagerEviction")
            && events.contains("Marking for deletion Pod default/web-0"),
        "{events}"
    );
    assert_ne!(
        run(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}").1,
        uid
    );
    let described = run(&mut c, "kubectl describe pod web-0").1;
    assert!(
        described.contains("untolerated taint(s)")
            && described.contains("didn't match PersistentVolume's node affinity"),
        "{described}"
    );
    // Removing the taint lets it back next to its volume.
    run(&mut c, &format!("kubectl taint nodes {node0} maintenance-"));
    until(&mut c, 120, "web-0 Ready", |c| {
        run(
            c,
            "kubectl get pod web-0 -o jsonpath={.status.containerStatuses[0].ready}",
        )
        .1 == "true"
    });
    assert_eq!(node_of(&mut c, "web-0"), node0);
}

#[test]
fn a_toleration_with_seconds_delays_the_eviction() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: patient
spec:
  nodeName: ordinal-worker
  tolerations:
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 30
  containers:
  - name: app
    image: nginx:1.27",
    );
    until(&mut c, 60, "Running", |c| {
        run(c, "kubectl get pod patient -o jsonpath={.status.phase}").1 == "Running"
    });
    run(
        &mut c,
        "kubectl taint nodes ordinal-worker maintenance=now:NoExecute",
    );
    let took = until(&mut c, 120, "evicted", |c| {
        run(
            c,
            "kubectl get pod patient -o jsonpath={.metadata.deletionTimestamp}",
        )
        .0 != 0
            || !run(
                c,
                "kubectl get pod patient -o jsonpath={.metadata.deletionTimestamp}",
            )
            .1
            .is_empty()
    });
    assert!((29.0..=31.0).contains(&took), "evicted after {took}s");
}

/// R3.13: a Pod on a node that went down stays Terminating and is not
/// replaced; the out-of-service taint lets the Pod garbage collector
/// force-delete it at its next pass (every 20 s), and the StatefulSet
/// creates web-1 again (Pending here: its local volume is on that node).
#[test]
fn r3_13_the_out_of_service_taint_releases_a_lost_node_s_pods() {
    let mut c = web(3);
    let node = node_of(&mut c, "web-1");
    let uid = run(&mut c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}").1;
    run(&mut c, &format!("sim node down {node}"));
    c.run("sim advance 6m");
    let row = run(&mut c, "kubectl get pod web-1 --no-headers").1;
    // Terminating, not Unknown: nothing sets the NodeLost reason in 1.35.
    assert_eq!(row.split_whitespace().nth(2), Some("Terminating"), "{row}");
    c.run("sim advance 2m");
    assert_eq!(
        run(&mut c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}").1,
        uid
    );

    let (code, out, err) = run(
        &mut c,
        &format!(
            "kubectl taint nodes {node} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute"
        ),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, format!("node/{node} tainted\n").as_str()),
        "{err}"
    );
    let took = until(&mut c, 60, "web-1 replaced", |c| {
        let now = run(c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}").1;
        !now.is_empty() && now != uid
    });
    assert!(took <= 21.0, "replaced after {took}s");
    until(&mut c, 30, "the scheduler's verdict", |c| {
        run(c, "kubectl describe pod web-1")
            .1
            .contains("untolerated taint(s)")
    });
}

/// R3.13: deleting the Node object of a node that is gone also releases
/// its Pods: the Pod garbage collector waits 40 s (the node may come back),
/// then force-deletes the Pods bound to it at its next pass.
#[test]
fn r3_13_deleting_the_node_object_releases_its_pods() {
    let mut c = web(3);
    let node = node_of(&mut c, "web-1");
    let uid = run(&mut c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}").1;
    run(&mut c, &format!("sim node down {node}"));
    c.run("sim advance 6m");
    let (code, out, _) = run(&mut c, &format!("kubectl delete node {node}"));
    assert_eq!((code, out), (0, format!("node \"{node}\" deleted\n")));
    c.run("sim advance 39s");
    assert_eq!(
        run(&mut c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}").1,
        uid
    );
    let took = until(&mut c, 60, "web-1 replaced", |c| {
        let now = run(c, "kubectl get pod web-1 -o jsonpath={.metadata.uid}").1;
        !now.is_empty() && now != uid
    });
    assert!(took <= 21.0, "replaced {took}s after the quarantine");
}

/// PreferNoSchedule is a preference: new Pods avoid the node while others
/// have room, and nothing is evicted.
#[test]
fn prefer_no_schedule_steers_new_pods_elsewhere() {
    let mut c = web(2);
    let avoided = "ordinal-worker2";
    run(
        &mut c,
        &format!("kubectl taint nodes {avoided} spare=yes:PreferNoSchedule"),
    );
    let before: Vec<String> = ["web-0", "web-1"]
        .iter()
        .map(|p| node_of(&mut c, p))
        .collect();
    run(&mut c, "kubectl scale sts web --replicas=6");
    until(&mut c, 600, "6 Ready", |c| {
        run(c, "kubectl get sts web --no-headers")
            .1
            .split_whitespace()
            .nth(1)
            == Some("6/6")
    });
    for pod in ["web-2", "web-3", "web-4", "web-5"] {
        assert_ne!(node_of(&mut c, pod), avoided, "{pod}");
    }
    let after: Vec<String> = ["web-0", "web-1"]
        .iter()
        .map(|p| node_of(&mut c, p))
        .collect();
    assert_eq!(before, after);
}

/// The scheduler's Filter plugins run in the default profile's order and a
/// node's reason is the first that fails: NodeUnschedulable before
/// NodeResourcesFit, so a cordoned node that is also full says it is
/// unschedulable; NodeUnschedulable lets a Pod that tolerates the cordon's
/// taint through (R11.3).
#[test]
fn r11_3_a_cordoned_full_node_is_unschedulable_first_and_a_toleration_passes_it() {
    let mut c = Console::new(1);
    // Fill ordinal-worker to its 110 Pods.
    apply(
        &mut c,
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: fill
spec:
  serviceName: fill
  replicas: 115
  podManagementPolicy: Parallel
  selector:
    matchLabels: {app: fill}
  template:
    metadata:
      labels: {app: fill}
    spec:
      nodeSelector:
        kubernetes.io/hostname: ordinal-worker
      containers:
      - name: c
        image: busybox:1.36
        command: [sleep, infinity]",
    );
    c.run("sim advance 60s");
    let pending = run(
        &mut c,
        "kubectl get pods -l app=fill --field-selector status.phase=Pending --no-headers",
    )
    .1;
    assert!(!pending.is_empty(), "the node never filled");
    let fill_last = pending
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let too_many = run(&mut c, &format!("kubectl describe pod {fill_last}")).1;
    assert!(too_many.contains("1 Too many pods"), "{too_many}");

    assert_eq!(run(&mut c, "kubectl cordon ordinal-worker").0, 0);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeSelector:
    kubernetes.io/hostname: ordinal-worker
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, infinity]",
    );
    c.run("sim advance 5s");
    let d = run(&mut c, "kubectl describe pod pinned").1;
    assert!(d.contains("1 node(s) were unschedulable"), "{d}");
    assert!(!d.contains("Too many pods"), "{d}");

    // Room on a cordoned node, and a Pod tolerating the cordon: it goes there.
    assert_eq!(run(&mut c, "kubectl cordon ordinal-worker2").0, 0);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: tolerant
spec:
  nodeSelector:
    kubernetes.io/hostname: ordinal-worker2
  tolerations:
  - key: node.kubernetes.io/unschedulable
    operator: Exists
    effect: NoSchedule
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, infinity]",
    );
    c.run("sim advance 30s");
    assert_eq!(node_of(&mut c, "tolerant"), "ordinal-worker2");
}

/// A Pod's required node affinity is matched as the NodeAffinity plugin
/// does (R11.3): `matchFields` on the node's name, `Gt`/`Lt` on a numeric
/// label, and a term with neither expressions nor fields matches no node.
#[test]
fn r11_3_required_node_affinity_uses_fields_numbers_and_empty_terms() {
    let mut c = Console::new(1);
    assert_eq!(
        run(&mut c, "kubectl label node ordinal-worker2 rack=7").0,
        0
    );
    assert_eq!(
        run(&mut c, "kubectl label node ordinal-worker3 rack=3").0,
        0
    );
    let pod = |name: &str, terms: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
{terms}
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, infinity]"
        )
    };
    apply(
        &mut c,
        &pod(
            "by-name",
            "        - matchFields:
          - {key: metadata.name, operator: In, values: [ordinal-worker3]}",
        ),
    );
    apply(
        &mut c,
        &pod(
            "by-number",
            "        - matchExpressions:
          - {key: rack, operator: Gt, values: [\"5\"]}",
        ),
    );
    apply(&mut c, &pod("by-nothing", "        - {}"));
    c.run("sim advance 30s");
    assert_eq!(node_of(&mut c, "by-name"), "ordinal-worker3");
    assert_eq!(node_of(&mut c, "by-number"), "ordinal-worker2");
    assert_eq!(node_of(&mut c, "by-nothing"), "");
    let d = run(&mut c, "kubectl describe pod by-nothing").1;
    assert!(
        d.contains("3 node(s) didn't match Pod's node affinity/selector"),
        "{d}"
    );
}

/// `kubectl drain --pod-selector`: only the node's Pods the selector
/// matches are drained, so a bare Pod it leaves out does not stop the
/// drain; a selector that does not parse stops it before the node is
/// cordoned.
#[test]
fn drain_with_a_pod_selector_leaves_the_other_pods_alone() {
    let mut c = web(1);
    let node = node_of(&mut c, "web-0");
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl run lone --image=busybox:1.36 --overrides='{{\"spec\":{{\"nodeName\":\"{node}\"}}}}' -- sleep 3600"),
    );
    assert_eq!(code, 0, "{out}{err}");
    until(&mut c, 120, "lone running", |c| {
        run(c, "kubectl get pod lone -o jsonpath={.status.phase}").1 == "Running"
    });
    let (code, _, err) = run(
        &mut c,
        &format!("kubectl drain {node} --pod-selector='app in ('"),
    );
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: --pod-selector=<pod_selector> must be a valid label selector\n"
        )
    );
    assert_eq!(
        run(
            &mut c,
            &format!("kubectl get node {node} -o jsonpath={{.spec.unschedulable}}")
        )
        .1,
        "",
        "not cordoned"
    );
    // Without the selector the bare Pod stops the drain.
    let (code, _, err) = run(&mut c, &format!("kubectl drain {node} --ignore-daemonsets"));
    assert_eq!(code, 1);
    assert!(
        err.contains("cannot delete Pods that declare no controller"),
        "{err}"
    );
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl drain {node} --ignore-daemonsets --pod-selector=app=nginx"),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("evicting pod default/web-0\n")
            && out.contains(&format!("node/{node} drained\n")),
        "{out}"
    );
    assert_eq!(
        run(&mut c, "kubectl get pod lone -o jsonpath={.spec.nodeName}").1,
        node,
        "the bare Pod stays"
    );
}
