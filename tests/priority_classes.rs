//! PriorityClasses and the Priority admission plugin: the two system
//! classes every cluster has, a Pod's priority resolved from its class (or
//! the global default), a missing class refusing the Pod, and what that
//! does to a StatefulSet (FailedCreate until the class exists, R9.7).

use crate::support;

use ordinal::console::Console;
use support::console::{apply, fails, ok, run, until};

const HIGH: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
description: important";

fn priority_of(c: &mut Console, pod: &str) -> String {
    ok(
        c,
        &format!("kubectl get pod {pod} -o jsonpath='{{.spec.priority}} {{.spec.preemptionPolicy}} {{.spec.priorityClassName}}'"),
    )
}

#[test]
fn a_cluster_starts_with_the_two_system_classes_which_cannot_be_deleted() {
    let mut c = Console::new(1);
    let table = ok(&mut c, "kubectl get priorityclasses");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows[0],
        ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"]
    );
    assert_eq!(
        rows[1][..3],
        ["system-cluster-critical", "2000000000", "false"]
    );
    assert_eq!(
        rows[2][..3],
        ["system-node-critical", "2000001000", "false"]
    );
    assert_eq!(rows.len(), 3, "{table}");
    assert_eq!(
        fails(&mut c, "kubectl delete pc system-node-critical"),
        "Error from server (Forbidden): priorityclasses.scheduling.k8s.io \"system-node-critical\" is forbidden: this is a system priority class and cannot be deleted\n"
    );
    // CoreDNS runs at system-cluster-critical, the control plane at
    // system-node-critical.
    let dns = ok(&mut c, "kubectl get pods -n kube-system -l k8s-app=kube-dns -o jsonpath='{.items[0].spec.priorityClassName} {.items[0].spec.priority}'");
    assert_eq!(dns, "system-cluster-critical 2000000000");
    let etcd = ok(&mut c, "kubectl get pod -n kube-system etcd-ordinal-control-plane -o jsonpath='{.spec.priorityClassName} {.spec.priority}'");
    assert_eq!(etcd, "system-node-critical 2000001000");
    // kubectl's PriorityClass describer.
    assert_eq!(
        ok(&mut c, "kubectl describe priorityclass system-cluster-critical"),
        "Name:              system-cluster-critical
Value:             2000000000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.
Annotations:       <none>
Events:            <none>
"
    );
}

#[test]
fn a_pod_takes_its_priority_from_its_class_and_a_missing_class_refuses_it() {
    let mut c = Console::new(1);
    apply(&mut c, HIGH);
    assert!(ok(&mut c, "kubectl get pc high").contains("PreemptLowerPriority"));
    ok(
        &mut c,
        "kubectl run p --image=nginx --overrides='{\"spec\":{\"priorityClassName\":\"high\"}}'",
    );
    assert_eq!(priority_of(&mut c, "p"), "1000 PreemptLowerPriority high");
    ok(&mut c, "kubectl run plain --image=nginx");
    assert_eq!(priority_of(&mut c, "plain"), "0 PreemptLowerPriority ");
    assert_eq!(
        fails(&mut c, "kubectl run q --image=nginx --overrides='{\"spec\":{\"priorityClassName\":\"nope\"}}'"),
        "Error from server (Forbidden): pods \"q\" is forbidden: no PriorityClass with name nope was found\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl run r --image=nginx --overrides='{\"spec\":{\"priorityClassName\":\"high\",\"priority\":7}}'"),
        "Error from server (Forbidden): pods \"r\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name\n"
    );
    // A policy of the Pod's own must be the one its class gives.
    assert_eq!(
        fails(&mut c, "kubectl run s --image=nginx --overrides='{\"spec\":{\"preemptionPolicy\":\"Never\"}}'"),
        "Error from server (Forbidden): pods \"s\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name\n"
    );
    assert!(run(&mut c, "kubectl get pod q").2.contains("NotFound"));
}

#[test]
fn one_global_default_gives_class_less_pods_its_value_and_policy() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: low\nvalue: -5\nglobalDefault: true\npreemptionPolicy: Never",
    );
    let second = run(
        &mut c,
        "kubectl apply -f - <<'EOF'\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: low2\nvalue: -6\nglobalDefault: true\nEOF",
    );
    assert_eq!(second.0, 1);
    assert!(
        second.2.contains("priorityclasses.scheduling.k8s.io \"low2\" is forbidden: PriorityClass low is already marked as default. Only one default can exist"),
        "{second:?}"
    );
    ok(&mut c, "kubectl run r --image=nginx");
    assert_eq!(priority_of(&mut c, "r"), "-5 Never low");
}

#[test]
fn a_class_keeps_its_value_and_system_names_are_reserved() {
    let mut c = Console::new(1);
    apply(&mut c, HIGH);
    assert_eq!(
        fails(&mut c, "kubectl patch pc high -p '{\"value\":5}'"),
        "The PriorityClass \"high\" is invalid: value: Forbidden: may not be changed in an update.\n"
    );
    let (code, _, err) = run(
        &mut c,
        "kubectl apply -f - <<'EOF'\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: system-mine\nvalue: 10\nEOF",
    );
    assert_eq!(code, 1);
    assert!(err.contains("metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class"), "{err}");
    let (code, _, err) = run(
        &mut c,
        "kubectl apply -f - <<'EOF'\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: huge\nvalue: 1000000001\nEOF",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "value: Forbidden: maximum allowed value of a user defined priority is 1000000000"
        ),
        "{err}"
    );
}

#[test]
fn r9_7_a_statefulset_naming_a_missing_class_creates_nothing_until_the_class_exists() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 1
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      priorityClassName: high
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21",
    );
    ok(&mut c, "sim advance 20s");
    assert!(run(&mut c, "kubectl get pods")
        .2
        .contains("No resources found"));
    let events = ok(
        &mut c,
        "kubectl get events --field-selector reason=FailedCreate",
    );
    assert!(
        events.contains("create Pod web-0 in StatefulSet web failed error: pods \"web-0\" is forbidden: no PriorityClass with name high was found"),
        "{events}"
    );
    apply(&mut c, HIGH);
    // The controller's back-off has grown past the 30 s resync by now.
    until(&mut c, 40, "web-0 created", |c| {
        run(c, "kubectl get pod web-0").0 == 0
    });
    assert_eq!(
        priority_of(&mut c, "web-0"),
        "1000 PreemptLowerPriority high"
    );
}

#[test]
fn kubectl_create_priorityclass_makes_one_with_the_flags_given() {
    let mut c = Console::new(1);
    assert_eq!(
        ok(
            &mut c,
            "kubectl create priorityclass high --value=1000 --description=\"for databases\""
        ),
        "priorityclass.scheduling.k8s.io/high created\n"
    );
    let yaml = ok(&mut c, "kubectl get pc high -o yaml");
    for line in [
        "description: for databases",
        "preemptionPolicy: PreemptLowerPriority",
        "value: 1000",
    ] {
        assert!(yaml.lines().any(|l| l == line), "{line} in {yaml}");
    }
    ok(
        &mut c,
        "kubectl create pc low --value=-1 --global-default --preemption-policy=Never",
    );
    let low = ok(&mut c, "kubectl get pc low --no-headers");
    assert_eq!(
        low.split_whitespace().collect::<Vec<_>>()[..3],
        ["low", "-1", "true"]
    );
    assert!(low.trim_end().ends_with("Never"), "{low}");
    assert_eq!(
        fails(&mut c, "kubectl create pc x --value=abc"),
        "error: invalid argument \"abc\" for \"--value\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl create priorityclass --help' for usage.\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl create pc"),
        "error: exactly one NAME is required, got 0\nSee 'kubectl create priorityclass -h' for help and examples\n"
    );
}
