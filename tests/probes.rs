//! Probes run in the container (R11.3): an exec probe's command sees the
//! container's files as they are now, an httpGet probe asks nginx, and a
//! command typed into the Pod that changes either is noticed at the next
//! probe ticks. The upstream StatefulSet e2e tests make Pods unready exactly
//! this way (`mv -v /usr/share/nginx/html/index.html /tmp/`, then scale and
//! watch nothing happen, R3.5).

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run, until};

/// READY and RESTARTS of a Pod as `kubectl get pod` shows them.
fn row(c: &mut Console, pod: &str) -> (String, String) {
    let out = run(c, &format!("kubectl get pod {pod} --no-headers")).1;
    let w: Vec<&str> = out.split_whitespace().collect();
    (
        w.get(1).unwrap_or(&"").to_string(),
        w.get(3).unwrap_or(&"").to_string(),
    )
}

fn ready(c: &mut Console, pod: &str) -> String {
    row(c, pod).0
}

fn pods(c: &mut Console) -> Vec<String> {
    run(c, "kubectl get pods --no-headers -o name")
        .1
        .lines()
        .map(str::to_string)
        .collect()
}

const READY_FILE: &str = "apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sh\", \"-c\", \"sleep 3600\"]
    readinessProbe:
      exec:
        command: [\"cat\", \"/tmp/ready\"]
      periodSeconds: 2
      failureThreshold: 2";

#[test]
fn r11_3_exec_readiness_follows_the_file_it_reads() {
    let mut c = Console::new(1);
    apply(&mut c, READY_FILE);
    until(&mut c, 30, "Running", |c| {
        run(c, "kubectl get pod probe --no-headers")
            .1
            .contains("Running")
    });
    // The file is not there: the probe fails, the Pod never becomes ready.
    c.run("sim advance 20s");
    assert_eq!(ready(&mut c, "probe"), "0/1");
    let (_, events, _) = run(&mut c, "kubectl describe pod probe");
    assert!(
        events.contains(
            "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory"
        ),
        "{events}"
    );
    // Create it: ready at the next tick (period 2s, success threshold 1).
    assert_eq!(run(&mut c, "kubectl exec probe -- touch /tmp/ready").0, 0);
    let took = until(&mut c, 10, "ready", |c| ready(c, "probe") == "1/1");
    assert!(took <= 2.2, "ready after {took}s, the period is 2s");
    // Remove it: unready after two failed ticks.
    assert_eq!(run(&mut c, "kubectl exec probe -- rm /tmp/ready").0, 0);
    let took = until(&mut c, 10, "unready", |c| ready(c, "probe") == "0/1");
    assert!(
        (2.0..=4.2).contains(&took),
        "unready after {took}s, expected two 2s periods"
    );
}

#[test]
fn r11_3_exec_liveness_failure_restarts_the_container_with_its_output() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sh\", \"-c\", \"touch /tmp/healthy; sleep 3600\"]
    livenessProbe:
      exec:
        command: [\"cat\", \"/tmp/healthy\"]
      periodSeconds: 5",
    );
    until(&mut c, 30, "ready", |c| ready(c, "live") == "1/1");
    c.run("sim advance 30s");
    assert_eq!(row(&mut c, "live"), ("1/1".into(), "0".into()));
    run(&mut c, "kubectl exec live -- rm /tmp/healthy");
    // Three failures five seconds apart, then the kill: `sh` as PID 1
    // ignores SIGTERM, so SIGKILL comes when the Pod's 30-second grace
    // period ends (R11.5); a first restart has no back-off (R11.6).
    let took = until(&mut c, 90, "a restart", |c| row(c, "live").1 != "0");
    assert!((40.0..=47.0).contains(&took), "restarted after {took}s");
    let last = run(&mut c, "kubectl get pod live -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}").1;
    assert_eq!(last, "137");
    let (_, events, _) = run(&mut c, "kubectl describe pod live");
    assert!(
        events.contains(
            "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
        ),
        "{events}"
    );
    assert!(
        events.contains("Container app failed liveness probe, will be restarted"),
        "{events}"
    );
    // The new container ran its command again: the file is back, it stays.
    until(&mut c, 60, "ready again", |c| ready(c, "live") == "1/1");
    let restarts = row(&mut c, "live").1;
    c.run("sim advance 60s");
    assert_eq!(row(&mut c, "live").1, restarts);
}

/// A liveness kill stops the container as a deletion does (R11.5): the
/// probe's own `terminationGracePeriodSeconds` shortens the wait for a
/// process that ignores SIGTERM, and a server that stops on SIGTERM exits
/// 0 at once.
#[test]
fn r11_3_a_liveness_kill_waits_for_the_grace_period_of_the_probe_or_the_pod() {
    let mut c = Console::new(1);
    let live = |name: &str, image: &str, command: &str, probe_grace: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: app
    image: {image}
{command}    livenessProbe:
      exec:
        command: [\"cat\", \"/tmp/healthy\"]
      periodSeconds: 5
{probe_grace}"
        )
    };
    apply(
        &mut c,
        &live(
            "short",
            "busybox:1.36",
            "    command: [\"sh\", \"-c\", \"touch /tmp/healthy; sleep 3600\"]\n",
            "      terminationGracePeriodSeconds: 5\n",
        ),
    );
    until(&mut c, 30, "ready", |c| ready(c, "short") == "1/1");
    run(&mut c, "kubectl exec short -- rm /tmp/healthy");
    let took = until(&mut c, 90, "a restart", |c| row(c, "short").1 != "0");
    // 10-15 s of failures, 5 s of grace, no back-off the first time.
    assert!((15.0..=22.0).contains(&took), "restarted after {took}s");

    // nginx stops on SIGTERM: exit code 0, Completed.
    apply(&mut c, &live("web", "nginx:1.27", "", ""));
    until(&mut c, 60, "ready", |c| ready(c, "web") == "1/1");
    let took = until(&mut c, 90, "a restart", |c| row(c, "web").1 != "0");
    assert!(took <= 30.0, "restarted after {took}s");
    let state = run(&mut c, "kubectl get pod web -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}/{.status.containerStatuses[0].lastState.terminated.exitCode}").1;
    assert_eq!(state, "Completed/0");
}

#[test]
fn r11_3_exec_probe_that_outlives_its_timeout_fails_as_timed_out() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sleep\", \"3600\"]
    readinessProbe:
      exec:
        command: [\"sleep\", \"5\"]
      timeoutSeconds: 2",
    );
    c.run("sim advance 60s");
    assert_eq!(ready(&mut c, "slow"), "0/1");
    let (_, events, _) = run(&mut c, "kubectl describe pod slow");
    assert!(
        events.contains("Readiness probe failed: command \"sleep 5\" timed out"),
        "{events}"
    );
}

#[test]
fn r11_3_a_probe_program_missing_from_the_image_fails_as_the_runtime_says() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: nocmd
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sleep\", \"3600\"]
    readinessProbe:
      exec:
        command: [\"pg_isready\"]",
    );
    c.run("sim advance 60s");
    assert_eq!(ready(&mut c, "nocmd"), "0/1");
    let (_, events, _) = run(&mut c, "kubectl describe pod nocmd");
    assert!(
        events.contains("Readiness probe failed: OCI runtime exec failed: exec failed: unable to start container process: exec: \"pg_isready\": executable file not found in $PATH: unknown"),
        "{events}"
    );
}

#[test]
fn a_database_image_s_own_health_tool_is_trusted_once_the_app_is_up() {
    // redis-cli is not simulated: its probe must not hold the Pod unready.
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: redis
    image: redis:7.2
    readinessProbe:
      exec:
        command: [\"redis-cli\", \"ping\"]
      periodSeconds: 5",
    );
    until(&mut c, 60, "ready", |c| ready(c, "cache") == "1/1");
}

const E2E: &str = "apiVersion: v1
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
  replicas: 3
  selector:
    matchLabels:
      app: ss
  template:
    metadata:
      labels:
        app: ss
    spec:
      containers:
      - name: webserver
        image: registry.k8s.io/nginx-slim:0.21
        readinessProbe:
          httpGet:
            path: /index.html
            port: 80
          periodSeconds: 1
          successThreshold: 1
          failureThreshold: 1";

#[test]
fn r3_5_an_http_probe_broken_by_moving_index_html_halts_scale_up() {
    break_and_restore(E2E, "/usr/share/nginx/html", "renamed ");
}

/// The same with the image the upstream tests really run (httpd on Alpine,
/// whose busybox `mv -v` words it differently).
#[test]
fn r3_5_the_e2e_httpd_image_breaks_and_restores_the_same_way() {
    let yaml = E2E.replace(
        "registry.k8s.io/nginx-slim:0.21",
        "registry.k8s.io/e2e-test-images/httpd:2.4.38-4",
    );
    break_and_restore(&yaml, "/usr/local/apache2/htdocs", "");
}

fn break_and_restore(yaml: &str, root: &str, verb: &str) {
    let mut c = Console::new(1);
    apply(&mut c, yaml);
    until(&mut c, 120, "three ready Pods", |c| {
        ["ss-0", "ss-1", "ss-2"]
            .iter()
            .all(|p| ready(c, p) == "1/1")
    });
    // breakHTTPProbe in test/e2e/apps/statefulset.go.
    let (code, out, _) = run(
        &mut c,
        &format!("kubectl exec ss-0 -- /bin/sh -c 'mv -v {root}/index.html /tmp/ || true'"),
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("{verb}'{root}/index.html' -> '/tmp/index.html'\n")
    );
    until(&mut c, 5, "ss-0 unready", |c| ready(c, "ss-0") == "0/1");
    // The EndpointSlice controller reacts a moment later (R11.7).
    c.run("sim advance 1s");
    let (_, events, _) = run(&mut c, "kubectl describe pod ss-0");
    assert!(
        events.contains("Readiness probe failed: HTTP probe failed with statuscode: 404"),
        "{events}"
    );
    // The EndpointSlice follows readiness (R7.3): ss-0 is there, not ready.
    let (_, conditions, _) = run(
        &mut c,
        "kubectl get endpointslices -l kubernetes.io/service-name=test -o jsonpath='{range .items[*].endpoints[*]}{.targetRef.name}={.conditions.ready} {end}'",
    );
    let mut conditions: Vec<&str> = conditions.split_whitespace().collect();
    conditions.sort();
    assert_eq!(conditions, ["ss-0=false", "ss-1=true", "ss-2=true"]);
    run(&mut c, "kubectl scale statefulset ss --replicas=4");
    c.run("sim advance 30s");
    assert!(
        !pods(&mut c).contains(&"pod/ss-3".to_string()),
        "scale-up went on past an unready ss-0"
    );
    // restoreHTTPProbe: ss-0 is ready again and ss-3 follows.
    run(
        &mut c,
        &format!("kubectl exec ss-0 -- /bin/sh -c 'mv -v /tmp/index.html {root}/ || true'"),
    );
    until(&mut c, 5, "ss-0 ready", |c| ready(c, "ss-0") == "1/1");
    until(&mut c, 60, "ss-3 ready", |c| ready(c, "ss-3") == "1/1");
}

/// The upstream "Define a liveness command" task, unmodified: the main
/// process's writes happen at their own times, so `/tmp/healthy` is there
/// for 30 seconds, then the probe fails three times and the kubelet kills.
#[test]
fn r11_3_liveness_exec_tutorial_restarts_after_the_file_goes_at_30s() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5",
    );
    let started = until(&mut c, 30, "running", |c| {
        ready(c, "liveness-exec") == "1/1"
    });
    c.run("sim advance 20s");
    let (code, out, _) = run(&mut c, "kubectl exec liveness-exec -- ls /tmp");
    assert_eq!((code, out.as_str()), (0, "healthy\n"));
    assert_eq!(row(&mut c, "liveness-exec").1, "0");
    c.run("sim advance 12s");
    let (_, out, err) = run(&mut c, "kubectl exec liveness-exec -- cat /tmp/healthy");
    assert_eq!(out, "");
    assert!(err.contains("No such file or directory"), "{err}");
    let killed = until(&mut c, 40, "the kill", |c| {
        run(c, "kubectl describe pod liveness-exec")
            .1
            .contains("failed liveness probe, will be restarted")
    });
    let total = started + 20.0 + 12.0 + killed;
    assert!(
        (40.0..=50.0).contains(&total),
        "killed {total}s after the start; the file goes at 30s and three failures take 10-15s"
    );
    let (_, events, _) = run(&mut c, "kubectl describe pod liveness-exec");
    assert!(
        events.contains(
            "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
        ),
        "{events}"
    );
}
