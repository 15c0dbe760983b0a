//! Main processes that wait for something the cluster does not have yet:
//! the init containers of the upstream "init containers in action" example
//! (`until nslookup myservice…; do echo waiting for myservice; sleep 2;
//! done`), a script waiting for a file, a log that goes on for hours. In a
//! cluster the loop sees each change as it happens; the kubelet here looks
//! again once per period of the loop (engine::kubelet::poll).

use crate::support;

use ordinal::console::Console;
use support::console::{apply, pod_status, run, until};

const MYAPP: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
"#;

fn service(name: &str, port: u16) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  ports:\n  - protocol: TCP\n    port: 80\n    targetPort: {port}\n"
    )
}

#[test]
fn init_containers_wait_for_each_service_and_finish_when_it_appears() {
    let mut c = Console::new(1);
    apply(&mut c, MYAPP);
    run(&mut c, "sim advance 30s");
    assert_eq!(pod_status(&mut c, "myapp-pod"), "Init:0/2");
    let (_, log, _) = run(&mut c, "kubectl logs myapp-pod -c init-myservice --tail=2");
    assert_eq!(
        log,
        "nslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n"
    );

    apply(&mut c, &service("myservice", 9376));
    // The loop sleeps 2 s: its next lookup finds the Service.
    let waited = until(&mut c, 10, "init-myservice to finish", |c| {
        pod_status(c, "myapp-pod") == "Init:1/2"
    });
    assert!(waited <= 3.0, "took {waited}s");
    let (_, log, _) = run(&mut c, "kubectl logs myapp-pod -c init-myservice --tail=2");
    assert!(
        log.starts_with("Name:      myservice.default.svc.cluster.local\nAddress 1: 10.96."),
        "{log}"
    );
    // The second init container still waits: mydb does not exist.
    run(&mut c, "sim advance 20s");
    assert_eq!(pod_status(&mut c, "myapp-pod"), "Init:1/2");

    apply(&mut c, &service("mydb", 9377));
    until(&mut c, 20, "the app container to run", |c| {
        pod_status(c, "myapp-pod") == "Running"
    });
    let (_, log, _) = run(&mut c, "kubectl logs myapp-pod");
    assert_eq!(log, "The app is running!\n");
}

#[test]
fn a_script_waiting_for_a_file_goes_on_when_it_is_written_and_prints_its_prelude_once() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run t --image=busybox:1.28 --restart=Never -- sh -c 'echo start; until [ -f /tmp/go ]; do sleep 1; done; echo done'",
    );
    run(&mut c, "sim advance 20s");
    assert_eq!(pod_status(&mut c, "t"), "Running");
    run(&mut c, "kubectl exec t -- touch /tmp/go");
    until(&mut c, 5, "t to complete", |c| {
        pod_status(c, "t") == "Completed"
    });
    let (_, log, _) = run(&mut c, "kubectl logs t");
    assert_eq!(log, "start\ndone\n");
}

#[test]
fn a_waiting_loop_logs_at_the_times_it_runs_and_keeps_logging_past_its_first_plan() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run t --image=busybox:1.28 --restart=Never -- sh -c 'until nslookup db >/dev/null 2>&1; do date +%T; sleep 60; done'",
    );
    run(&mut c, "sim advance 5m");
    let (_, first, _) = run(&mut c, "kubectl logs t --tail=1");
    // One line a minute, each with the time the loop printed it.
    run(&mut c, "sim advance 2m");
    let (_, later, _) = run(&mut c, "kubectl logs t --tail=1");
    let secs = |s: &str| -> i64 {
        let p: Vec<i64> = s.trim().split(':').map(|x| x.parse().unwrap()).collect();
        p[0] * 3600 + p[1] * 60 + p[2]
    };
    assert_eq!(secs(&later) - secs(&first), 120, "{first} → {later}");
    // A run plans at most six hours (the most one process may wait in one
    // go); a script that outlives its plan is run again and its log goes
    // on: seven hours later the loop still logs each minute.
    run(&mut c, "sim advance 7h");
    let (_, a, _) = run(&mut c, "kubectl logs t --tail=1");
    run(&mut c, "sim advance 3m");
    let (_, b, _) = run(&mut c, "kubectl logs t --tail=1");
    assert_eq!((secs(&b) - secs(&a)).rem_euclid(86_400), 180, "{a} → {b}");
    assert_eq!(pod_status(&mut c, "t"), "Running");

    apply(&mut c, &service("db", 5432));
    until(&mut c, 70, "t to complete", |c| {
        pod_status(c, "t") == "Completed"
    });
}

/// The logging tutorial's counter: an endless loop that prints and sleeps.
#[test]
fn an_endless_loop_logs_each_iteration_at_its_time() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        r#"apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args: [/bin/sh, -c,
            'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']"#,
    );
    until(&mut c, 30, "counter to run", |c| {
        pod_status(c, "counter") == "Running"
    });
    run(&mut c, "sim advance 5s");
    let (_, log, _) = run(&mut c, "kubectl logs counter");
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines.len() >= 5, "{log}");
    let second = |l: &str| -> u32 {
        // `0: Mon Jan  5 09:00:03 UTC 2026`: the seconds of the time.
        let t = l.split_whitespace().nth(4).unwrap();
        t[6..8].parse().unwrap()
    };
    for (i, pair) in lines.windows(2).enumerate() {
        assert!(pair[0].starts_with(&format!("{i}: ")), "{log}");
        assert_eq!((second(pair[1]) + 60 - second(pair[0])) % 60, 1, "{log}");
    }
    assert_eq!(pod_status(&mut c, "counter"), "Running");
}

#[test]
fn a_loop_that_never_waits_keeps_its_container_running() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run busy --image=busybox:1.28 -- sh -c 'while true; do :; done'",
    );
    run(&mut c, "sim advance 60s");
    let (_, out, _) = run(&mut c, "kubectl get pod busy --no-headers");
    let cols: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(
        (cols[1], cols[2], cols[3]),
        ("1/1", "Running", "0"),
        "{out}"
    );
}
