//! The scheduler's DefaultPreemption PostFilter (kube-scheduler 1.35,
//! pkg/scheduler/framework/preemption and plugins/defaultpreemption): a Pod
//! of higher priority that fits nowhere evicts Pods of lower priority from
//! one node, is nominated there (`status.nominatedNodeName`, kubectl's
//! NOMINATED NODE column), and is bound there once the victims are gone;
//! a victim a StatefulSet owns comes back under its name and waits, the
//! nominated Pod's room held against it. Victims are chosen as upstream
//! does: the fewest, the least important, budgets broken last.
//!
//! The simulated kind nodes each have 4 CPUs.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, ok, run, until};

const WORKERS: [&str; 3] = ["ordinal-worker", "ordinal-worker2", "ordinal-worker3"];

fn class(name: &str, value: i32) -> String {
    format!(
        "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: {name}
value: {value}"
    )
}

/// A Pod pinned to `node` (if any), requesting `cpu`, at `class`'s
/// priority (if any). Its container ignores SIGTERM (a shell as PID 1), so
/// a deletion takes the whole 30 s grace period.
fn pod(name: &str, cpu: &str, node: Option<&str>, class: Option<&str>, app: &str) -> String {
    let selector = node
        .map(|n| format!("  nodeSelector:\n    kubernetes.io/hostname: {n}\n"))
        .unwrap_or_default();
    let class = class
        .map(|c| format!("  priorityClassName: {c}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    app: {app}
spec:
{selector}{class}  containers:
  - name: app
    image: busybox:1.36
    command: [\"sh\", \"-c\", \"sleep 3600\"]
    resources:
      requests:
        cpu: \"{cpu}\""
    )
}

fn field(c: &mut Console, what: &str, path: &str) -> String {
    ok(c, &format!("kubectl get {what} -o jsonpath='{path}'"))
}

fn ready(c: &mut Console, pod: &str) {
    ok(
        c,
        &format!("kubectl wait --for=condition=Ready pod/{pod} --timeout=60s"),
    );
}

/// The messages of a Pod's events with `reason`, oldest first.
fn events(c: &mut Console, pod: &str, reason: &str) -> Vec<String> {
    field(
        c,
        &format!("events --field-selector involvedObject.name={pod},reason={reason}"),
        "{range .items[*]}{.message}{\"\\n\"}{end}",
    )
    .lines()
    .map(str::to_string)
    .collect()
}

const STATEFULSET: &str = "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: batch
spec:
  serviceName: batch
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: batch
  template:
    metadata:
      labels:
        app: batch
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: [\"sh\", \"-c\", \"sleep 3600\"]
        resources:
          requests:
            cpu: \"3\"";

/// A StatefulSet of priority 0 takes 3 of 4 CPUs on each worker; a Pod of
/// priority 1000 asking for 2 preempts one of its Pods, is nominated to
/// that Pod's node while it terminates, and is bound there afterwards. The
/// replacement the StatefulSet creates stays Pending.
#[test]
fn a_higher_priority_pod_preempts_a_statefulset_pod_and_takes_its_node() {
    let mut c = Console::new(1);
    apply(&mut c, &class("high", 1000));
    apply(&mut c, STATEFULSET);
    for i in 0..3 {
        ready(&mut c, &format!("batch-{i}"));
    }
    let nodes: Vec<String> = (0..3)
        .map(|i| field(&mut c, &format!("pod batch-{i}"), "{.spec.nodeName}"))
        .collect();
    apply(&mut c, &pod("db", "2", None, Some("high"), "db"));
    c.run("sim advance 2s");

    // One victim, on the node the Pod is nominated to.
    let nominated = field(&mut c, "pod db", "{.status.nominatedNodeName}");
    assert!(WORKERS.contains(&nominated.as_str()), "{nominated:?}");
    assert_eq!(field(&mut c, "pod db", "{.spec.nodeName}"), "");
    let victim = (0..3).find(|i| nodes[*i] == nominated).unwrap();
    let victim = format!("batch-{victim}");
    let victim_uid = field(&mut c, &format!("pod {victim}"), "{.metadata.uid}");
    assert_eq!(
        field(
            &mut c,
            &format!("pod {victim}"),
            "{.status.conditions[?(@.type==\"DisruptionTarget\")].reason}"
        ),
        "PreemptionByScheduler"
    );
    assert_eq!(
        field(
            &mut c,
            &format!("pod {victim}"),
            "{.status.conditions[?(@.type==\"DisruptionTarget\")].message}"
        ),
        "default-scheduler: preempting to accommodate a higher priority pod"
    );
    assert!(ok(&mut c, "kubectl get pods").contains(&format!("{victim}   1/1     Terminating")));
    for other in (0..3)
        .map(|i| format!("batch-{i}"))
        .filter(|p| *p != victim)
    {
        assert_eq!(
            field(
                &mut c,
                &format!("pod {other}"),
                "{.metadata.deletionTimestamp}"
            ),
            "",
            "{other} is no victim"
        );
    }
    let db_uid = field(&mut c, "pod db", "{.metadata.uid}");
    assert_eq!(
        events(&mut c, &victim, "Preempted"),
        [format!("Preempted by pod {db_uid} on node {nominated}")]
    );
    // Preemption succeeded: the event has no PostFilter text.
    assert_eq!(
        events(&mut c, "db", "FailedScheduling"),
        ["0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu."]
    );
    let wide = ok(&mut c, "kubectl get pod db -o wide");
    let row: Vec<&str> = wide.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(row[6..8], ["<none>", nominated.as_str()], "{wide}");
    assert!(ok(&mut c, "kubectl describe pod db")
        .contains(&format!("\nNominatedNodeName:    {nominated}\n")));

    // The victim's grace period runs out: the Pod goes to its node, the
    // nomination is cleared, and the StatefulSet's new Pod waits.
    let secs = until(&mut c, 40, "db bound", |c| {
        !field(c, "pod db", "{.spec.nodeName}").is_empty()
    });
    assert!(
        secs > 25.0,
        "bound after the victim's grace period ({secs}s)"
    );
    assert_eq!(field(&mut c, "pod db", "{.spec.nodeName}"), nominated);
    assert_eq!(field(&mut c, "pod db", "{.status.nominatedNodeName}"), "");
    ready(&mut c, "db");
    c.run("sim advance 30s");
    assert_ne!(
        field(&mut c, &format!("pod {victim}"), "{.metadata.uid}"),
        victim_uid
    );
    assert_eq!(
        field(&mut c, &format!("pod {victim}"), "{.spec.nodeName}"),
        ""
    );
    assert_eq!(
        events(&mut c, &victim, "FailedScheduling").last().map(String::as_str),
        Some("0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.")
    );
}

/// Three workers full: `mid` (priority 500) on the first, `low-a`
/// (priority 0, 3 CPUs) on the second, `low-b` then `low-c` (priority 0,
/// 1.5 CPUs each, started in that order) on the third; optionally a
/// PodDisruptionBudget that allows no disruption of `low-c`. Then `db`
/// (priority 1000, 2 CPUs) arrives: returns the Pods being deleted, after
/// checking `db` is nominated to the third worker.
fn preempt_among_three(budget_on_c: bool) -> Vec<&'static str> {
    let mut c = Console::new(1);
    apply(&mut c, &class("mid", 500));
    apply(&mut c, &class("high", 1000));
    if budget_on_c {
        apply(
            &mut c,
            "apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: keep-c
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: c",
        );
    }
    apply(&mut c, &pod("mid", "3", Some(WORKERS[0]), Some("mid"), "m"));
    apply(&mut c, &pod("low-a", "3", Some(WORKERS[1]), None, "a"));
    ready(&mut c, "mid");
    ready(&mut c, "low-a");
    c.run("sim advance 3s");
    apply(&mut c, &pod("low-b", "1.5", Some(WORKERS[2]), None, "b"));
    ready(&mut c, "low-b");
    c.run("sim advance 3s");
    apply(&mut c, &pod("low-c", "1.5", Some(WORKERS[2]), None, "c"));
    ready(&mut c, "low-c");
    c.run("sim advance 2s");
    if budget_on_c {
        assert_eq!(
            field(&mut c, "pdb keep-c", "{.status.disruptionsAllowed}"),
            "0"
        );
    }
    apply(&mut c, &pod("db", "2", None, Some("high"), "db"));
    c.run("sim advance 2s");
    assert_eq!(
        field(&mut c, "pod db", "{.status.nominatedNodeName}"),
        WORKERS[2]
    );
    ["mid", "low-a", "low-b", "low-c"]
        .into_iter()
        .filter(|p| !field(&mut c, &format!("pod {p}"), "{.metadata.deletionTimestamp}").is_empty())
        .collect()
}

/// The node whose most important victim has the lowest priority wins (not
/// `mid`'s); between the two others (one victim of priority 0 each), the
/// one whose victim started last. On the node of two, the one that started
/// first (`low-b`) is reprieved.
#[test]
fn the_victims_are_the_fewest_least_important_pods() {
    assert_eq!(preempt_among_three(false), ["low-c"]);
}

/// With a budget that allows no disruption of `low-c`, reprieving starts
/// with the Pods a budget protects, so on the node of two `low-c` stays and
/// `low-b` goes, breaking no budget.
#[test]
fn pods_a_budget_protects_are_reprieved_first() {
    assert_eq!(preempt_among_three(true), ["low-b"]);
}

/// Each worker gets a Pod of priority 0 asking for 3 of its 4 CPUs
/// (`low0`..`low2`, ignoring SIGTERM), Ready.
fn fill_workers(c: &mut Console) {
    for (i, node) in WORKERS.iter().enumerate() {
        apply(c, &pod(&format!("low{i}"), "3", Some(node), None, "low"));
    }
    for i in 0..3 {
        ready(c, &format!("low{i}"));
    }
}

/// Each worker runs a Pod of priority 0 asking for 3 CPUs (`low0`..`low2`,
/// ignoring SIGTERM); then `db` (priority 1000, 2 CPUs) arrives and
/// preempts one. Returns the console and the node `db` is nominated to.
fn workers_full_then_db() -> (Console, String) {
    let mut c = Console::new(1);
    apply(&mut c, &class("high", 1000));
    fill_workers(&mut c);
    apply(&mut c, &pod("db", "2", None, Some("high"), "db"));
    c.run("sim advance 2s");
    let nominated = field(&mut c, "pod db", "{.status.nominatedNodeName}");
    assert!(WORKERS.contains(&nominated.as_str()), "{nominated:?}");
    (c, nominated)
}

/// While a Pod it preempted is still terminating, a nominated Pod tried
/// again (here: a node changed) does not preempt more: its event says why
/// and it keeps its nomination.
#[test]
fn a_nominated_pod_waits_for_its_victims_without_preempting_again() {
    let (mut c, nominated) = workers_full_then_db();
    assert!(WORKERS.contains(&nominated.as_str()));
    let other = WORKERS.iter().find(|n| **n != nominated).unwrap();
    ok(&mut c, &format!("kubectl label node {other} touched=yes"));
    c.run("sim advance 2s");
    assert_eq!(
        events(&mut c, "db", "FailedScheduling").last().map(String::as_str),
        Some("0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to a terminating pod on the nominated node.")
    );
    assert_eq!(
        field(&mut c, "pod db", "{.status.nominatedNodeName}"),
        nominated
    );
    let terminating = ok(&mut c, "kubectl get pods")
        .lines()
        .filter(|l| l.contains("Terminating"))
        .count();
    assert_eq!(terminating, 1, "one victim only");
    until(&mut c, 40, "db bound", |c| {
        !field(c, "pod db", "{.spec.nodeName}").is_empty()
    });
    assert_eq!(field(&mut c, "pod db", "{.spec.nodeName}"), nominated);
}

/// A Pod of priority 0 (no class) preempts nothing: the workers' Pods are
/// of the same priority.
#[test]
fn pods_of_equal_priority_are_never_victims() {
    let mut c = Console::new(1);
    fill_workers(&mut c);
    apply(&mut c, &pod("late", "2", None, None, "late"));
    c.run("sim advance 5s");
    assert_eq!(field(&mut c, "pod late", "{.status.nominatedNodeName}"), "");
    let (_, pods, _) = run(&mut c, "kubectl get pods");
    assert!(!pods.contains("Terminating"), "{pods}");
}

/// The room preemption frees is held for the nominated Pod: a Pod of lower
/// priority that waits for room too (and is tried first when the victim
/// goes, its name sorting first) does not get it
/// (`RunFilterPluginsWithNominatedPods`).
#[test]
fn the_room_freed_for_a_nominated_pod_is_not_given_to_a_lower_priority_pod() {
    let (mut c, nominated) = workers_full_then_db();
    apply(&mut c, &pod("aaa", "2", None, None, "aaa"));
    c.run("sim advance 2s");
    assert_eq!(field(&mut c, "pod aaa", "{.spec.nodeName}"), "");
    until(&mut c, 40, "db bound", |c| {
        !field(c, "pod db", "{.spec.nodeName}").is_empty()
    });
    assert_eq!(field(&mut c, "pod db", "{.spec.nodeName}"), nominated);
    assert_eq!(field(&mut c, "pod aaa", "{.spec.nodeName}"), "");
    let (_, pods, _) = run(&mut c, "kubectl get pods");
    assert_eq!(pods.matches("Terminating").count(), 0, "{pods}");
}
