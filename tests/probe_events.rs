//! The kubelet's probe workers tick every period and report every failure
//! (R11.3). Upstream: pkg/kubelet/prober/worker.go `doProbe` runs the probe
//! at each tick of `periodSeconds` once `initialDelaySeconds` have passed
//! (the startup probe first, the others once the container has started;
//! liveness and startup stop when the Pod is being deleted), counts
//! `resultRun` against `failureThreshold` / `successThreshold`, and holds a
//! liveness or startup worker after the failure that restarts the
//! container; prober.go `probe` records a Warning `Unhealthy` event for
//! every failed run ("%s probe failed: %s", or "%s probe errored and
//! resulted in %s state: %s" for a probe that cannot run, whose result is
//! thrown away), and the event recorder counts identical ones.

use crate::support;

use ordinal::console::Console;
use ordinal::engine::SimEventKind;
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

/// Seconds since midnight of an RFC 3339 time of day (`…T09:01:05Z`).
fn secs_of_day(ts: &str) -> i64 {
    let t = ts
        .split('T')
        .nth(1)
        .unwrap_or_default()
        .trim_end_matches('Z');
    let p: Vec<i64> = t.split(':').map(|x| x.parse().unwrap_or(0)).collect();
    p[0] * 3600 + p[1] * 60 + p[2]
}

/// The Pod's `Unhealthy` events whose message contains `what`: (count,
/// seconds between first and last occurrence).
fn unhealthy(c: &mut Console, pod: &str, what: &str) -> Option<(i64, i64)> {
    let out = run(
        c,
        &format!(
            "kubectl get events --field-selector involvedObject.name={pod},reason=Unhealthy -o jsonpath='{{range .items[*]}}{{.count}}|{{.firstTimestamp}}|{{.lastTimestamp}}|{{.message}}{{\"\\n\"}}{{end}}'"
        ),
    )
    .1;
    out.lines()
        .filter(|l| l.contains(what))
        .map(|l| {
            let f: Vec<&str> = l.splitn(4, '|').collect();
            (
                f[0].parse::<i64>().unwrap(),
                secs_of_day(f[2]) - secs_of_day(f[1]),
            )
        })
        .next()
}

fn count(c: &mut Console, pod: &str, what: &str) -> i64 {
    unhealthy(c, pod, what).map_or(0, |(n, _)| n)
}

/// Every event the kubelet recorded about a Pod, occurrence by occurrence
/// (the engine narrates each one, also those the events recorder's spam
/// filter keeps from being written: 25 per object, then one per 5 min):
/// (Pod, reason, ms, message).
#[derive(Default)]
struct Seen(Vec<(String, String, u64, String)>);

impl Seen {
    fn times(&mut self, c: &mut Console, pod: &str, reason: &str, what: &str) -> Vec<u64> {
        while let Some(ev) = c.engine_mut().poll_event() {
            if let SimEventKind::Recorded {
                reason,
                object,
                message,
                ..
            } = ev.kind
            {
                self.0.push((object.name, reason, ev.at.as_ms(), message));
            }
        }
        self.0
            .iter()
            .filter(|(p, r, _, m)| p == pod && r == reason && m.contains(what))
            .map(|(_, _, t, _)| *t)
            .collect()
    }

    /// How many `Unhealthy` occurrences about `pod` say `what`.
    fn failures(&mut self, c: &mut Console, pod: &str, what: &str) -> usize {
        self.times(c, pod, "Unhealthy", what).len()
    }
}

fn pod_ip(c: &mut Console, pod: &str) -> String {
    run(
        c,
        &format!("kubectl get pod {pod} -o jsonpath={{.status.podIP}}"),
    )
    .1
}

fn nginx(name: &str, probe: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
{probe}"
    )
}

/// The describe example: a readiness probe on a path nginx does not serve
/// fails at every tick, and `describe` shows one aggregated line whose count
/// is the number of periods it has failed for.
#[test]
fn r11_3_a_readiness_probe_on_a_wrong_path_is_unhealthy_at_every_period() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &nginx(
            "wrongpath",
            "    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
      periodSeconds: 5",
        ),
    );
    c.run("sim advance 70s");
    assert_eq!(row(&mut c, "wrongpath").0, "0/1");
    let what = "Readiness probe failed: HTTP probe failed with statuscode: 404";
    let (n, over) = unhealthy(&mut c, "wrongpath", what).expect("an Unhealthy event");
    // One failure per 5 s tick, from the first tick after nginx answers.
    assert_eq!(n, over / 5 + 1, "x{n} over {over}s");
    assert!(n >= 12, "x{n} in 70s of 5s periods");
    let (_, describe, _) = run(&mut c, "kubectl describe pod wrongpath");
    let line = describe
        .lines()
        .find(|l| l.contains("Unhealthy"))
        .unwrap_or_default();
    let cols: Vec<&str> = line.split_whitespace().collect();
    // `3s (x12 over 58s)`: since the last one, how many, since the first.
    assert_eq!(
        cols[..5],
        ["Warning", "Unhealthy", cols[2], &format!("(x{n}"), "over"],
        "{describe}"
    );
    assert_eq!(cols[6], "kubelet", "{describe}");
    assert!(line.ends_with(what), "{describe}");
}

/// A readiness probe on a port nothing listens on: the Pod stays 0/1 and
/// its event's count goes up by one each period (10 s by default).
#[test]
fn r11_3_a_wrong_readiness_port_stays_unready_and_its_count_grows_with_time() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &nginx(
            "wrongport",
            "    readinessProbe:
      httpGet:
        path: /
        port: 8080",
        ),
    );
    c.run("sim advance 60s");
    let ip = pod_ip(&mut c, "wrongport");
    let what = format!(
        "Readiness probe failed: Get \"http://{ip}:8080/\": dial tcp {ip}:8080: connect: connection refused"
    );
    let before = count(&mut c, "wrongport", &what);
    assert!(before >= 5, "x{before} after 60s");
    c.run("sim advance 90s");
    assert_eq!(row(&mut c, "wrongport").0, "0/1");
    assert_eq!(count(&mut c, "wrongport", &what), before + 9);
}

/// Each failed liveness probe is an event of its own; the third in a row
/// (failureThreshold 3) kills the container, and none is run while it
/// stops (`onHold` until the new container): `sh` as PID 1 ignores SIGTERM,
/// so the kill takes the Pod's 30 s grace period, four more periods.
#[test]
fn r11_3_every_liveness_failure_is_an_event_and_the_third_restarts() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
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
    until(&mut c, 30, "ready", |c| row(c, "live").0 == "1/1");
    c.run("sim advance 20s");
    run(&mut c, "kubectl exec live -- rm /tmp/healthy");
    let what = "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory";
    c.run("sim advance 6s");
    assert_eq!(seen.failures(&mut c, "live", what) as i64, 1);
    c.run("sim advance 5s");
    assert_eq!(seen.failures(&mut c, "live", what) as i64, 2);
    until(&mut c, 10, "the kill", |c| {
        run(c, "kubectl get events --field-selector reason=Killing")
            .1
            .contains("Container app failed liveness probe, will be restarted")
    });
    assert_eq!(seen.failures(&mut c, "live", what) as i64, 3);
    // While SIGTERM is ignored, the probe waits for the new container.
    c.run("sim advance 25s");
    assert_eq!(row(&mut c, "live").1, "0");
    assert_eq!(seen.failures(&mut c, "live", what) as i64, 3);
    until(&mut c, 20, "the restart", |c| row(c, "live").1 == "1");
    // The new container touched the file again: no more failures.
    c.run("sim advance 60s");
    assert_eq!(seen.failures(&mut c, "live", what) as i64, 3);
    assert_eq!(row(&mut c, "live"), ("1/1".into(), "1".into()));
    assert_eq!(count(&mut c, "live", what), 3, "the Event's count");
}

/// A startup probe gates the others: until it passes only it runs (and
/// fails, once per period); then the readiness probe runs.
#[test]
fn r11_3_the_startup_probe_runs_alone_until_it_passes() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: slowstart
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sh\", \"-c\", \"sleep 30; touch /tmp/started; sleep 3600\"]
    startupProbe:
      exec:
        command: [\"cat\", \"/tmp/started\"]
      periodSeconds: 5
      failureThreshold: 12
    readinessProbe:
      exec:
        command: [\"cat\", \"/tmp/ready\"]
      periodSeconds: 5",
    );
    c.run("sim advance 25s");
    let startup = "Startup probe failed: cat: can't open '/tmp/started'";
    let readiness = "Readiness probe failed: cat: can't open '/tmp/ready'";
    let n = seen.failures(&mut c, "slowstart", startup);
    assert!((3..=5).contains(&n), "x{n} startup failures in 25s");
    assert_eq!(seen.failures(&mut c, "slowstart", readiness), 0);
    c.run("sim advance 40s");
    let n = seen.failures(&mut c, "slowstart", startup);
    assert!(
        (5..=7).contains(&n),
        "the startup probe passed at 30s: x{n}"
    );
    // Started: now the readiness probe runs, and fails each period.
    let r = seen.failures(&mut c, "slowstart", readiness);
    assert!(
        (5..=8).contains(&r),
        "x{r} readiness failures after the start"
    );
    let started = run(
        &mut c,
        "kubectl get pod slowstart -o jsonpath={.status.containerStatuses[0].started}",
    )
    .1;
    assert_eq!(started, "true");
    assert_eq!(row(&mut c, "slowstart").0, "0/1");
    assert_eq!(
        run(&mut c, "kubectl exec slowstart -- touch /tmp/ready").0,
        0
    );
    until(&mut c, 6, "ready", |c| row(c, "slowstart").0 == "1/1");
}

/// `successThreshold` passes in a row make a container ready: with 3 and a
/// 2 s period, between two and three periods after the probe can pass.
#[test]
fn r11_3_success_threshold_needs_that_many_passes_in_a_row() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: thrice
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sleep\", \"3600\"]
    readinessProbe:
      exec:
        command: [\"cat\", \"/tmp/ready\"]
      periodSeconds: 2
      successThreshold: 3",
    );
    c.run("sim advance 20s");
    run(&mut c, "kubectl exec thrice -- touch /tmp/ready");
    let failed = seen.failures(&mut c, "thrice", "Readiness probe failed");
    assert!(failed >= 7, "x{failed}");
    let took = until(&mut c, 10, "ready", |c| row(c, "thrice").0 == "1/1");
    assert!((4.0..=6.2).contains(&took), "ready after {took}s");
    // Passing probes record nothing.
    c.run("sim advance 30s");
    assert_eq!(
        seen.failures(&mut c, "thrice", "Readiness probe failed"),
        failed
    );
}

/// A probe whose named port the container does not declare cannot run:
/// the kubelet's port lookup falls back to a number and fails
/// (`probe.ResolveContainerPort`), the event says the probe errored, and
/// the result is thrown away — a liveness probe like this never restarts
/// the container.
#[test]
fn r11_3_a_probe_on_a_missing_port_name_errors_and_never_counts() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
    apply(
        &mut c,
        &nginx(
            "badname",
            "    ports:
    - containerPort: 80
      name: http
    livenessProbe:
      tcpSocket:
        port: htpp
      periodSeconds: 5
      failureThreshold: 1",
        ),
    );
    c.run("sim advance 60s");
    let what =
        "Liveness probe errored and resulted in unknown state: strconv.Atoi: parsing \"htpp\": invalid syntax";
    let n = seen.failures(&mut c, "badname", what);
    assert!(n >= 10, "x{n}");
    assert_eq!(row(&mut c, "badname"), ("1/1".into(), "0".into()));
}

/// Deleting a Pod stops its liveness probe at once; its readiness probe
/// goes on while the containers run (`sleep` as PID 1 ignores SIGTERM, so
/// for the whole grace period).
#[test]
fn r11_3_a_terminating_pod_is_probed_for_readiness_only() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: leaving
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sleep\", \"3600\"]
    readinessProbe:
      exec:
        command: [\"cat\", \"/tmp/ready\"]
      periodSeconds: 5
    livenessProbe:
      exec:
        command: [\"cat\", \"/tmp/alive\"]
      periodSeconds: 5
      failureThreshold: 100",
    );
    c.run("sim advance 30s");
    let (ready0, live0) = (
        seen.failures(&mut c, "leaving", "Readiness probe failed"),
        seen.failures(&mut c, "leaving", "Liveness probe failed"),
    );
    assert!(ready0 >= 5 && live0 >= 5, "{ready0} {live0}");
    assert_eq!(run(&mut c, "kubectl delete pod leaving --wait=false").0, 0);
    c.run("sim advance 40s");
    assert!(row(&mut c, "leaving").0 == "0/1", "still terminating");
    let ready1 = seen.failures(&mut c, "leaving", "Readiness probe failed");
    assert!(ready1 >= ready0 + 7, "{ready0} -> {ready1}");
    assert!(
        seen.failures(&mut c, "leaving", "Liveness probe failed") <= live0 + 1,
        "liveness probed after the deletion"
    );
}

/// A container that is not running is not probed: a crash loop with a
/// one-second readiness period fails it only in the moments it runs.
#[test]
fn r11_3_readiness_probes_stop_while_the_container_is_not_running() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: crashy
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sh\", \"-c\", \"sleep 2; exit 1\"]
    readinessProbe:
      exec:
        command: [\"cat\", \"/tmp/ready\"]
      periodSeconds: 1",
    );
    c.run("sim advance 3m");
    let restarts: usize = row(&mut c, "crashy").1.parse().unwrap();
    assert!(restarts >= 4, "{restarts}");
    let starts = seen.times(&mut c, "crashy", "Started", "Started container app");
    assert_eq!(starts.len(), restarts + 1);
    let failures = seen.times(&mut c, "crashy", "Unhealthy", "Readiness probe failed");
    // Each two-second run fails its one or two ticks; the back-off between
    // runs (10 s, 20 s, 40 s …) none.
    assert!(failures.len() >= starts.len(), "{failures:?} {starts:?}");
    for t in &failures {
        let run_start = starts.iter().filter(|s| *s <= t).max().copied();
        assert!(
            run_start.is_some_and(|s| t - s <= 2_000),
            "a probe at {t} ms, outside the runs {starts:?}"
        );
    }
}

/// `sim fail POD readiness|liveness` (console.md): the injected failure is
/// reported at every period like a real one.
#[test]
fn r11_3_sim_fail_reports_each_failed_period() {
    let mut c = Console::new(1);
    let mut seen = Seen::default();
    apply(
        &mut c,
        &nginx(
            "faulty",
            "    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
    livenessProbe:
      tcpSocket:
        port: 80
      periodSeconds: 5
      failureThreshold: 3",
        ),
    );
    until(&mut c, 30, "ready", |c| row(c, "faulty").0 == "1/1");
    assert_eq!(count(&mut c, "faulty", "probe failed"), 0);
    c.run("sim fail faulty readiness");
    c.run("sim advance 58s");
    assert_eq!(row(&mut c, "faulty"), ("0/1".into(), "0".into()));
    let ready = "Readiness probe failed: HTTP probe failed with statuscode: 503";
    let (n, over) = unhealthy(&mut c, "faulty", ready).expect("readiness events");
    assert!((11..=12).contains(&n), "x{n} over {over}s");
    assert_eq!(n, over / 5 + 1);
    c.run("sim heal faulty");
    until(&mut c, 6, "ready again", |c| row(c, "faulty").0 == "1/1");
    c.run("sim fail faulty liveness");
    until(&mut c, 30, "a restart", |c| row(c, "faulty").1 == "1");
    let ip = pod_ip(&mut c, "faulty");
    let live = format!("Liveness probe failed: dial tcp {ip}:80: connect: connection refused");
    assert_eq!(seen.failures(&mut c, "faulty", &live), 3);
    c.run("sim heal faulty");
    c.run("sim advance 60s");
    assert_eq!(seen.failures(&mut c, "faulty", &live), 3);
    assert_eq!(seen.failures(&mut c, "faulty", ready) as i64, n);
}

/// Probes that pass change nothing anyone can see, so they cost the engine
/// nothing per period: ten minutes of twenty Ready Pods with passing
/// readiness and liveness probes wake it exactly as often as without them.
#[test]
fn r11_3_passing_probes_wake_the_engine_no_more_than_no_probes() {
    let set = |probes: &str| {
        format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 20
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
{probes}"
        )
    };
    let wakeups = |probes: &str| {
        let mut c = Console::new(1);
        apply(&mut c, &set(probes));
        until(&mut c, 120, "20 ready", |c| {
            run(c, "kubectl get sts web -o jsonpath={.status.readyReplicas}").1 == "20"
        });
        c.run("sim advance 30s");
        let unhealthy = |c: &mut Console| {
            run(c, "kubectl get events --field-selector reason=Unhealthy -o jsonpath={.items[*].count}").1
        };
        let (before, events) = (c.engine().stats().wakeups, unhealthy(&mut c));
        c.run("sim advance 10m");
        let n = c.engine().stats().wakeups - before;
        // (A tick may have found a container before nginx answered, at the
        // start; none since.)
        assert_eq!(unhealthy(&mut c), events);
        n
    };
    let probed = wakeups(
        "        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 1
        livenessProbe:
          tcpSocket:
            port: 80
          periodSeconds: 1",
    );
    let plain = wakeups("");
    assert_eq!(probed, plain);
}
