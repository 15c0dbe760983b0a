//! Container lifecycle hooks. postStart runs in the container once it has
//! started (the upstream "Attach Handlers to Container Lifecycle Events"
//! task, unmodified), and a failing one gets the container killed and
//! restarted. R11.5: the kubelet runs a container's preStop hook before SIGTERM, the
//! hook's time comes out of the grace period, a process that ignores
//! SIGTERM is killed when the rest runs out (never sooner than two seconds
//! after the hook), and a failing hook is reported as FailedPreStopHook
//! without stopping the deletion. Measured through the console as a user
//! sees it: how long `kubectl get pod` keeps showing the Pod.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, pod_status, run, until};

fn pod(name: &str, image: &str, command: &str, grace: u32, lifecycle: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  terminationGracePeriodSeconds: {grace}
  containers:
  - name: app
    image: {image}
{command}    ports:
    - name: web
      containerPort: 80
    lifecycle:
      preStop:
{lifecycle}"
    )
}

/// Creates the Pod, waits until it runs, deletes it without waiting and
/// returns how many simulated seconds its container kept running
/// afterwards (until the Pod shows `0/1 Terminating`). The object itself
/// goes a second later, once the kubelet has torn its volumes down
/// (`Latencies::pod_cleanup`), which the end of this checks.
fn seconds_to_delete(c: &mut Console, yaml: &str, name: &str) -> f64 {
    apply(c, yaml);
    until(c, 120, "the Pod Running", |c| {
        pod_status(c, name) == "Running"
    });
    // Past the warm-up, so an httpGet hook would be answered.
    c.run("sim advance 5s");
    let (code, out, err) = run(c, &format!("kubectl delete pod {name} --wait=false"));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(pod_status(c, name), "Terminating");
    let stopped = until(c, 120, "the container stopped", |c| {
        let (code, out, _) = run(c, &format!("kubectl get pod {name} --no-headers"));
        code != 0 || out.split_whitespace().nth(1) == Some("0/1")
    });
    let gone = until(c, 5, "the Pod gone", |c| {
        run(c, &format!("kubectl get pod {name}")).0 != 0
    });
    assert!(
        (0.8..=1.2).contains(&gone),
        "gone {gone}s after its container stopped"
    );
    stopped
}

#[test]
fn r11_5_a_pre_stop_sleep_delays_the_deletion_then_sigterm_stops_nginx() {
    let mut c = Console::new(1);
    let yaml = pod(
        "web",
        "nginx:1.27",
        "",
        30,
        "        exec:\n          command: [\"/bin/sh\", \"-c\", \"sleep 20\"]\n",
    );
    let took = seconds_to_delete(&mut c, &yaml, "web");
    // 20 s of hook, then nginx stops on SIGTERM within a second.
    assert!((20.0..=21.6).contains(&took), "took {took}s");
}

#[test]
fn r11_5_a_process_ignoring_sigterm_is_killed_when_the_rest_of_the_grace_period_ends() {
    let mut c = Console::new(1);
    let yaml = pod(
        "sleeper",
        "busybox:1.36",
        "    command: [\"sleep\", \"3600\"]\n",
        30,
        "        exec:\n          command: [\"sleep\", \"10\"]\n",
    );
    let took = seconds_to_delete(&mut c, &yaml, "sleeper");
    // 10 s of hook, 20 s left before SIGKILL: 30 s in all, as without a hook.
    assert!((30.0..=30.8).contains(&took), "took {took}s");
}

#[test]
fn r11_5_a_hook_longer_than_the_grace_period_is_cut_off_with_two_more_seconds() {
    let mut c = Console::new(1);
    let yaml = pod(
        "slow",
        "busybox:1.36",
        "    command: [\"sleep\", \"3600\"]\n",
        10,
        "        exec:\n          command: [\"sleep\", \"60\"]\n",
    );
    let took = seconds_to_delete(&mut c, &yaml, "slow");
    assert!((12.0..=12.8).contains(&took), "took {took}s");
}

#[test]
fn r11_5_the_sleep_handler_waits_its_seconds() {
    let mut c = Console::new(1);
    let yaml = pod(
        "nap",
        "nginx:1.27",
        "",
        30,
        "        sleep:\n          seconds: 5\n",
    );
    let took = seconds_to_delete(&mut c, &yaml, "nap");
    assert!((5.0..=6.0).contains(&took), "took {took}s");
}

#[test]
fn r11_5_a_failing_hook_is_reported_and_the_container_stopped_all_the_same() {
    let mut c = Console::new(1);
    // Nothing listens on 8080 in the nginx image: connection refused.
    let yaml = pod(
        "refused",
        "nginx:1.27",
        "",
        30,
        "        httpGet:\n          path: /drain\n          port: 8080\n",
    );
    let took = seconds_to_delete(&mut c, &yaml, "refused");
    assert!(took <= 1.0, "took {took}s");
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=refused",
    )
    .1;
    let line = events
        .lines()
        .find(|l| l.contains("FailedPreStopHook"))
        .unwrap_or_else(|| panic!("no FailedPreStopHook in:\n{events}"));
    assert!(line.contains("Warning"), "{line}");
    assert!(line.contains("pod/refused"), "{line}");
    assert!(line.ends_with("PreStopHook failed"), "{line}");

    // A hook on a port the app answers on does not fail.
    let yaml = pod(
        "drained",
        "nginx:1.27",
        "",
        30,
        "        httpGet:\n          path: /drain\n          port: web\n",
    );
    seconds_to_delete(&mut c, &yaml, "drained");
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=drained",
    )
    .1;
    assert!(events.contains("Killing"), "{events}");
    assert!(!events.contains("FailedPreStopHook"), "{events}");
}

/// A sidecar (an init container with `restartPolicy: Always`) is stopped
/// too, and the kubelet names it by its own field path.
#[test]
fn r11_5_a_sidecar_is_stopped_under_its_own_field_path() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  initContainers:
  - name: side
    image: busybox:1.36
    restartPolicy: Always
    command: [\"sh\", \"-c\", \"sleep 3600\"]
  containers:
  - name: app
    image: nginx:1.27",
    );
    until(&mut c, 120, "the Pod Running", |c| {
        pod_status(c, "pair") == "Running"
    });
    let (code, out, err) = run(&mut c, "kubectl delete pod pair --wait=false");
    assert_eq!(code, 0, "{out}{err}");
    c.run("sim advance 1s");
    let described = run(&mut c, "kubectl describe pod pair").1;
    assert!(
        described.contains("spec.initContainers{side}: Stopping container side"),
        "{described}"
    );
    assert!(
        described.contains("spec.containers{app}: Stopping container app"),
        "{described}"
    );
}

/// The upstream task "Attach Handlers to Container Lifecycle Events", its
/// manifest unmodified: the postStart handler's file is there, and the
/// preStop handler (`nginx -s quit` and a wait) ends the Pod quickly.
#[test]
fn the_lifecycle_events_task_finds_the_post_start_message() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: [\"/bin/sh\", \"-c\", \"echo Hello from the postStart handler > /usr/share/message\"]
      preStop:
        exec:
          command: [\"/bin/sh\",\"-c\",\"nginx -s quit; while killall -0 nginx; do sleep 1; done\"]",
    );
    until(&mut c, 120, "Running", |c| {
        pod_status(c, "lifecycle-demo") == "Running"
    });
    let (code, out, err) = run(
        &mut c,
        "kubectl exec lifecycle-demo -- cat /usr/share/message",
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "Hello from the postStart handler\n"),
        "{err}"
    );
    let events = run(&mut c, "kubectl describe pod lifecycle-demo").1;
    assert!(!events.contains("FailedPostStartHook"), "{events}");
    run(&mut c, "kubectl delete pod lifecycle-demo --wait=false");
    let took = until(&mut c, 60, "gone", |c| {
        run(c, "kubectl get pod lifecycle-demo").0 != 0
    });
    assert!(took <= 3.0, "took {took}s");
}

/// A postStart hook that fails: `FailedPostStartHook` ("PostStartHook
/// failed"), the container killed (here after its 5-second grace period:
/// `sleep` ignores SIGTERM) and started again.
#[test]
fn a_failing_post_start_hook_kills_the_container_and_it_restarts() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: hooked
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: [\"sleep\", \"3600\"]
    lifecycle:
      postStart:
        exec:
          command: [\"sh\", \"-c\", \"echo starting; exit 3\"]",
    );
    let restarted = until(&mut c, 120, "a restart", |c| {
        run(
            c,
            "kubectl get pod hooked -o jsonpath={.status.containerStatuses[0].restartCount}",
        )
        .1 == "1"
    });
    assert!(restarted > 5.0, "restarted after {restarted}s");
    let described = run(&mut c, "kubectl describe pod hooked").1;
    assert!(
        described.contains("spec.containers{app}: PostStartHook failed"),
        "{described}"
    );
    assert!(
        described.contains("Killing")
            && described.contains("spec.containers{app}: FailedPostStartHook"),
        "{described}"
    );
    let last = run(&mut c, "kubectl get pod hooked -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}").1;
    assert_eq!(last, "137");
}

/// PID 1 ignores the signals it has no handler for: nginx stops at once on
/// SIGTERM, but the nginx image told to run `sleep infinity` waits for the
/// whole grace period, and a busybox script that traps TERM stops at once.
#[test]
fn r11_5_sleep_as_pid_1_waits_for_the_grace_period() {
    let mut c = Console::new(1);
    let plain = |name: &str, image: &str, command: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: app
    image: {image}
{command}"
        )
    };
    let quick = seconds_to_delete(&mut c, &plain("served", "nginx:1.27", ""), "served");
    assert!(quick <= 1.0, "nginx took {quick}s");
    let slow = seconds_to_delete(
        &mut c,
        &plain(
            "asleep",
            "nginx:1.27",
            "    command: [\"sleep\", \"infinity\"]\n",
        ),
        "asleep",
    );
    assert!((10.0..=10.8).contains(&slow), "sleep took {slow}s");
    let trapped = seconds_to_delete(
        &mut c,
        &plain(
            "trapped",
            "busybox:1.36",
            "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1; done\"]\n",
        ),
        "trapped",
    );
    assert!(trapped <= 1.0, "the trap took {trapped}s");
}

/// A preStop exec hook runs in the container: what it writes to the
/// Pod's volume is there when the same claim comes back with the new Pod.
#[test]
fn r11_5_a_pre_stop_hook_writes_to_the_volume_that_outlives_the_pod() {
    let mut c = support::console::with_fixtures();
    let (code, out, err) = run(&mut c, "kubectl apply -f web.yaml");
    assert_eq!(code, 0, "{out}{err}");
    until(&mut c, 300, "web-1 Ready", |c| {
        pod_status(c, "web-1") == "Running"
    });
    run(
        &mut c,
        r#"kubectl patch sts web --type=json -p='[{"op":"add","path":"/spec/template/spec/containers/0/lifecycle","value":{"preStop":{"exec":{"command":["sh","-c","echo bye from $(hostname) > /usr/share/nginx/html/goodbye; sleep 2"]}}}}]'"#,
    );
    // The rolling update replaces both Pods, each stopping through its hook.
    until(&mut c, 300, "the update", |c| {
        run(c, "kubectl rollout status sts/web --timeout=1s")
            .1
            .contains("complete")
    });
    let uid = run(&mut c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}").1;
    run(&mut c, "kubectl delete pod web-0");
    until(&mut c, 120, "web-0 back", |c| {
        let now = run(c, "kubectl get pod web-0 -o jsonpath={.metadata.uid}").1;
        !now.is_empty() && now != uid && pod_status(c, "web-0") == "Running"
    });
    let (code, out, err) = run(
        &mut c,
        "kubectl exec web-0 -- cat /usr/share/nginx/html/goodbye",
    );
    assert_eq!((code, out.as_str()), (0, "bye from web-0\n"), "{err}");
    let events = run(
        &mut c,
        "kubectl get events --field-selector reason=FailedPreStopHook",
    )
    .1;
    assert!(!events.contains("FailedPreStopHook"), "{events}");
}

/// "The Container's status is not set to RUNNING until the postStart
/// handler completes": while a hook runs (here 10 s of `sleep`), the Pod
/// shows its container ContainerCreating and not ready, and the kubelet
/// starts the next container only afterwards.
#[test]
fn a_post_start_hook_holds_the_start_until_it_returns() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: hook
spec:
  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      postStart:
        exec:
          command: [/bin/sh, -c, 'sleep 10; echo done > /tmp/hooked']
  - name: second
    image: busybox:1.36
    command: [sleep, '3600']",
    );
    let started = |c: &mut Console| {
        run(
            c,
            "kubectl get events --field-selector involvedObject.name=hook",
        )
        .1
        .contains("Started container app")
    };
    until(&mut c, 120, "app started", started);
    c.run("sim advance 5s");
    // Half-way through the hook: as before the start.
    assert_eq!(pod_status(&mut c, "hook"), "ContainerCreating");
    let ready = run(
        &mut c,
        "kubectl get pod hook -o jsonpath={.status.containerStatuses[0].ready}",
    )
    .1;
    assert_eq!(ready, "false");
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=hook",
    )
    .1;
    assert!(
        !events.contains("busybox"),
        "the second container waits: {events}"
    );
    // The hook writes at its own time, after its sleep.
    let (code, _, err) = run(&mut c, "kubectl exec hook -c app -- cat /tmp/hooked");
    assert_eq!(code, 1, "not yet written: {err}");
    let took = until(&mut c, 60, "app reported running", |c| {
        run(
            c,
            "kubectl get pod hook -o jsonpath={.status.containerStatuses[0].state.running}",
        )
        .1
        .contains("startedAt")
    });
    assert!((4.0..=6.0).contains(&took), "the rest of the hook: {took}");
    let events = run(
        &mut c,
        "kubectl get events --field-selector involvedObject.name=hook",
    )
    .1;
    assert!(
        events.contains("busybox:1.36"),
        "then the next one: {events}"
    );
    let (code, out, err) = run(&mut c, "kubectl exec hook -c app -- cat /tmp/hooked");
    assert_eq!((code, out.as_str()), (0, "done\n"), "{err}");
}

/// R11.5 with a finalizer: a container that ignores SIGTERM is killed when
/// the grace period ends, the kubelet then deletes the Pod with grace 0, and
/// the finalizer keeps the object. A later delete may only shorten the
/// grace period (rest.BeforeDelete compares periods, not deadlines), so the
/// kubelet's delete, coming at the deadline, sets the period to 0 and moves
/// the deletionTimestamp back to the first deletion. It used to leave the
/// period at 30 and re-enter the kubelet's final delete without end (a
/// stack overflow).
#[test]
fn r11_5_a_killed_pod_held_by_a_finalizer_stays_with_grace_period_zero() {
    let mut c = Console::new(1);
    let yaml = "apiVersion: v1
kind: Pod
metadata:
  name: held
  finalizers:
  - example.com/test-finalizer
spec:
  containers:
  - name: loop
    image: busybox:1.36
    command: [\"sh\", \"-c\", \"while true; do sleep 1; done\"]";
    let (code, out, err) = run(&mut c, &format!("kubectl apply -f - <<'EOF'\n{yaml}\nEOF"));
    assert_eq!(code, 0, "{out}{err}");
    run(&mut c, "kubectl wait --for=condition=Ready pod/held");
    let (code, _, err) = run(&mut c, "kubectl delete pod held --wait=false");
    assert_eq!(code, 0, "{err}");
    let (_, first, _) = run(
        &mut c,
        "kubectl get pod held -o jsonpath='{.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds}'",
    );
    c.run("sim advance 40s");
    let (_, after, _) = run(
        &mut c,
        "kubectl get pod held -o jsonpath='{.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds} {.status.containerStatuses[0].state.terminated.exitCode}'",
    );
    let (ts, grace) = first.split_once(' ').unwrap();
    assert_eq!(grace, "30");
    let started = ordinal::engine::time::SimTime::parse_rfc3339(ts)
        .unwrap()
        .as_ms()
        - 30_000;
    let started = (ordinal::engine::time::SimTime::ZERO
        + ordinal::engine::time::SimDuration::ms(started))
    .rfc3339();
    assert_eq!(after, format!("{started} 0 137"));
    run(
        &mut c,
        "kubectl patch pod held --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'",
    );
    let (_, pods, err) = run(&mut c, "kubectl get pods");
    assert_eq!(
        (pods.as_str(), err.as_str()),
        ("", "No resources found in default namespace.\n")
    );
}

/// A Pod of one container running `command`, with a 10 s grace period.
fn plain_pod(name: &str, image: &str, command: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: app
    image: {image}
    command: {command}"
    )
}

/// Deletes the Pod (see `seconds_to_delete`) and returns how long its
/// container ran on, then the exit code and reason it stopped with and
/// its log, read while the stopped Pod is still there.
fn stopped_with(c: &mut Console, yaml: &str, name: &str) -> (f64, String, String) {
    apply(c, yaml);
    until(c, 120, "the Pod Running", |c| {
        pod_status(c, name) == "Running"
    });
    c.run("sim advance 5s");
    let (code, out, err) = run(c, &format!("kubectl delete pod {name} --wait=false"));
    assert_eq!(code, 0, "{out}{err}");
    let took = until(c, 120, "the container stopped", |c| {
        let (_, out, _) = run(c, &format!("kubectl get pod {name} --no-headers"));
        out.split_whitespace().nth(1) == Some("0/1")
    });
    let (_, exit, _) = run(
        c,
        &format!(
            "kubectl get pod {name} -o jsonpath='{{.status.containerStatuses[0].state.terminated.exitCode}} {{.status.containerStatuses[0].state.terminated.reason}}'"
        ),
    );
    let (_, log, _) = run(c, &format!("kubectl logs {name}"));
    until(c, 5, "the Pod gone", |c| {
        run(c, &format!("kubectl get pod {name}")).0 != 0
    });
    (took, exit, log)
}

/// A shell is PID 1 of a container whose script ends in a loop: it
/// installs no handler for TERM, and PID 1 does not get the signals it has
/// no handler for, so the container runs until SIGKILL (137) even in the
/// nginx image, whose own program would stop at once; `exec nginx` makes
/// nginx PID 1 again.
#[test]
fn r11_5_a_shell_as_pid_1_without_a_trap_is_killed_when_the_grace_period_ends() {
    let mut c = Console::new(1);
    let looping = plain_pod(
        "looping",
        "nginx:1.27",
        r#"["sh", "-c", "while true; do sleep 1; done"]"#,
    );
    let (took, exit, _) = stopped_with(&mut c, &looping, "looping");
    assert!((10.0..=10.8).contains(&took), "took {took}s");
    assert_eq!(exit, "137 Error");
    let exec = plain_pod(
        "served",
        "nginx:1.27",
        r#"["sh", "-c", "echo starting; exec nginx -g 'daemon off;'"]"#,
    );
    let (took, exit, _) = stopped_with(&mut c, &exec, "served");
    assert!(took <= 1.0, "nginx took {took}s");
    assert_eq!(exit, "0 Completed");
}

/// busybox ash runs the TERM trap's action when the kubelet's SIGTERM
/// comes: its `exit N` is the container's exit code (`Error` unless 0), a
/// `sleep` in it takes its time, what it prints is in the log; `trap ''
/// TERM`, or an action that does not exit, leaves the script running until
/// SIGKILL.
#[test]
fn r11_5_a_term_trap_decides_how_the_container_stops() {
    let mut c = Console::new(1);
    let forever = "while true; do sleep 1; done";
    let trapped = |name: &str, trap: &str| {
        plain_pod(
            name,
            "busybox:1.36",
            &format!("[\"sh\", \"-c\", \"{trap}; {forever}\"]"),
        )
    };
    let (took, exit, log) = stopped_with(
        &mut c,
        &trapped("fails", "trap 'echo stopping; exit 3' TERM"),
        "fails",
    );
    assert!(took <= 1.0, "took {took}s");
    assert_eq!(exit, "3 Error");
    assert_eq!(log, "stopping\n");
    let (took, exit, _) = stopped_with(
        &mut c,
        &trapped("clean", "trap 'sleep 3; exit 0' SIGTERM"),
        "clean",
    );
    assert!((3.0..=4.0).contains(&took), "took {took}s");
    assert_eq!(exit, "0 Completed");
    let (took, exit, _) = stopped_with(&mut c, &trapped("deaf", "trap '' 15"), "deaf");
    assert!((10.0..=10.8).contains(&took), "took {took}s");
    assert_eq!(exit, "137 Error");
    let (took, exit, log) = stopped_with(
        &mut c,
        &trapped("chatty", "trap 'echo got TERM' TERM"),
        "chatty",
    );
    assert!((10.0..=10.8).contains(&took), "took {took}s");
    assert_eq!(exit, "137 Error");
    assert_eq!(log, "got TERM\n");
    // The EXIT trap runs after an action that exits.
    let (_, exit, log) = stopped_with(
        &mut c,
        &trapped("tidy", "trap 'echo bye' EXIT; trap 'exit 143' TERM"),
        "tidy",
    );
    assert_eq!(exit, "143 Error");
    assert_eq!(log, "bye\n");
}

/// `kill 1` through `kubectl exec` sends TERM to PID 1: the trap's exit
/// code is the one the restarted container's last state keeps.
#[test]
fn r11_5_kill_1_runs_the_term_trap_of_pid_1() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &plain_pod(
            "t",
            "busybox:1.36",
            r#"["sh", "-c", "trap 'exit 7' TERM; while true; do sleep 1; done"]"#,
        ),
    );
    until(&mut c, 120, "the Pod Running", |c| {
        pod_status(c, "t") == "Running"
    });
    let (code, out, err) = run(&mut c, "kubectl exec t -- kill 1");
    assert_eq!(code, 0, "{out}{err}");
    let last = "{.status.containerStatuses[0].lastState.terminated.exitCode}";
    until(&mut c, 30, "the restart", |c| {
        run(c, &format!("kubectl get pod t -o jsonpath='{last}'")).1 == "7"
    });
    // An exec'd shell has its own traps.
    let (_, out, _) = run(
        &mut c,
        "kubectl exec t -- sh -c \"trap 'echo bye' EXIT; trap 'exit 1' TERM; trap\"",
    );
    assert_eq!(out, "trap -- 'echo bye' EXIT\ntrap -- 'exit 1' TERM\nbye\n");
}
