//! `kubectl logs` per container instance, as the kubelet serves it
//! (kubelet_pods.go `validateContainerLogStatus`): the current instance's
//! log, or the last terminated one's while the container waits; `-p` for
//! the previous instance; the kubelet's errors when there is no log.

use crate::support;

use ordinal::console::Console;
use support::console::{pod_status, run, until};

fn restarts(c: &mut Console, pod: &str) -> i64 {
    let (_, out, _) = run(
        c,
        &format!(
            "kubectl get pod {pod} -o jsonpath='{{.status.containerStatuses[0].restartCount}}'"
        ),
    );
    out.trim().parse().unwrap_or(-1)
}

#[test]
fn a_crash_looping_container_shows_one_run_per_instance() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run crash --image=busybox:1.28 -- sh -c 'echo run; exit 1'",
    );
    // Not scheduled yet: the API server streams nothing.
    let (code, out, err) = run(&mut c, "kubectl logs crash");
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    // Bound, before its first start: no log and no previous instance.
    until(&mut c, 30, "the binding", |c| {
        !run(c, "kubectl get pod crash -o jsonpath='{.spec.nodeName}'")
            .1
            .is_empty()
    });
    let (code, out, err) = run(&mut c, "kubectl logs crash");
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "Error from server (BadRequest): container \"crash\" in pod \"crash\" is waiting to start: ContainerCreating\n"
    );
    until(&mut c, 30, "the first exit", |c| {
        pod_status(c, "crash") == "Error"
    });
    let (code, out, _) = run(&mut c, "kubectl logs crash");
    assert_eq!((code, out.as_str()), (0, "run\n"));
    let (code, out, err) = run(&mut c, "kubectl logs crash --previous");
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "Error from server (BadRequest): previous terminated container \"crash\" in pod \"crash\" not found\n"
    );
    until(&mut c, 400, "three restarts", |c| restarts(c, "crash") >= 3);
    // Waiting in CrashLoopBackOff or just exited: one instance's log.
    for _ in 0..3 {
        let (code, out, err) = run(&mut c, "kubectl logs crash");
        assert_eq!((code, out.as_str(), err.as_str()), (0, "run\n", ""));
        let (code, out, _) = run(&mut c, "kubectl logs -p crash");
        assert_eq!((code, out.as_str()), (0, "run\n"));
        c.run("sim advance 7s");
    }
    // The two instances are different logs: their lines were written at
    // different times.
    until(&mut c, 400, "the next restart", |c| {
        let (_, out, _) = run(c, "kubectl get pod crash");
        out.contains("Error")
    });
    let (_, now, _) = run(&mut c, "kubectl logs crash --timestamps");
    let (_, prev, _) = run(&mut c, "kubectl logs crash -p --timestamps");
    assert!(
        now.ends_with(" run\n") && prev.ends_with(" run\n"),
        "{now}{prev}"
    );
    assert_eq!(now.lines().count(), 1);
    assert_ne!(now, prev);
    assert!(prev < now, "{prev} / {now}");
}

/// A console with an nginx Pod `web` and a `client` Pod of `image`,
/// settled; web's IP.
fn nginx_and_client(image: &str) -> (Console, String) {
    let mut c = Console::new(1);
    run(&mut c, "kubectl run web --image=nginx:1.27");
    run(
        &mut c,
        &format!("kubectl run client --image={image} -- sleep 3600"),
    );
    c.run("sim settle");
    let (_, ip, _) = run(&mut c, "kubectl get pod web -o jsonpath='{.status.podIP}'");
    (c, ip.trim().to_string())
}

#[test]
fn a_restarted_server_logs_from_its_new_start() {
    let (mut c, ip) = nginx_and_client("busybox:1.28");
    let (code, _, _) = run(
        &mut c,
        &format!("kubectl exec client -- wget -qO- http://{}/", ip.trim()),
    );
    assert_eq!(code, 0);
    let (_, first, _) = run(&mut c, "kubectl logs web");
    assert!(first.contains("\"GET / HTTP/1.1\" 200"), "{first}");
    let (code, _, err) = run(&mut c, "kubectl logs web -p");
    assert_eq!(code, 1);
    assert!(
        err.contains("previous terminated container \"web\""),
        "{err}"
    );
    // The main process dies; the kubelet starts a new instance.
    run(&mut c, "kubectl exec web -- pkill nginx");
    until(&mut c, 60, "the restart", |c| {
        restarts(c, "web") == 1 && pod_status(c, "web") == "Running"
    });
    let (code, now, _) = run(&mut c, "kubectl logs web");
    assert_eq!(code, 0);
    assert!(!now.contains("GET /"), "{now}");
    assert!(!now.is_empty());
    let (code, prev, _) = run(&mut c, "kubectl logs web --previous");
    assert_eq!((code, prev.as_str()), (0, first.as_str()));
    // --tail and --prefix apply to the chosen instance's log.
    let (_, last, _) = run(&mut c, "kubectl logs web -p --tail=1 --prefix");
    let want = format!(
        "[pod/web/web] {}\n",
        first.lines().last().unwrap_or_default()
    );
    assert_eq!(last, want);
    // --since keeps the lines written in that last stretch of time.
    c.run("sim advance 2m");
    let (code, recent, _) = run(&mut c, "kubectl logs web --since=1m");
    assert_eq!((code, recent.as_str()), (0, ""));
    let (_, all, _) = run(&mut c, "kubectl logs web --since=1h");
    assert_eq!(all, now);
}

#[test]
fn a_waiting_container_says_why_it_has_no_log() {
    let mut c = Console::new(1);
    run(&mut c, "kubectl run bad --image=nginx:does-not-exist");
    until(&mut c, 60, "ErrImagePull", |c| {
        pod_status(c, "bad") == "ErrImagePull"
    });
    let (code, _, err) = run(&mut c, "kubectl logs bad");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error from server (BadRequest): container \"bad\" in pod \"bad\" is waiting to start: image can't be pulled\n"
    );
    until(&mut c, 60, "ImagePullBackOff", |c| {
        pod_status(c, "bad") == "ImagePullBackOff"
    });
    let (code, _, err) = run(&mut c, "kubectl logs bad");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error from server (BadRequest): container \"bad\" in pod \"bad\" is waiting to start: trying and failing to pull image\n"
    );
    let (_, _, err) = run(&mut c, "kubectl logs bad -p");
    assert_eq!(
        err,
        "Error from server (BadRequest): previous terminated container \"bad\" in pod \"bad\" not found\n"
    );
}

const WITH_INIT: &str = "apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  initContainers:
  - name: setup
    image: busybox:1.28
    command: ['sh', '-c', 'echo preparing; sleep 20']
  containers:
  - name: main
    image: busybox:1.28
    command: ['sh', '-c', 'echo main up; sleep 3600']
";

#[test]
fn init_containers_and_all_containers() {
    let mut c = Console::new(1);
    c.put_file("app.yaml", WITH_INIT);
    run(&mut c, "kubectl apply -f app.yaml");
    // Init:0/1 from the moment the Pod is bound; the init container's
    // own log exists once it has started.
    until(&mut c, 60, "the init container to start", |c| {
        pod_status(c, "app") == "Init:0/1"
            && run(
                c,
                "kubectl get pod app -o jsonpath={.status.initContainerStatuses[0].state.running}",
            )
            .1
            .contains("startedAt")
    });
    // The first app container, with kubectl's notice naming the others.
    let (code, _, err) = run(&mut c, "kubectl logs app");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Defaulted container \"main\" out of: main, setup (init)\nError from server (BadRequest): container \"main\" in pod \"app\" is waiting to start: PodInitializing\n"
    );
    let (code, out, _) = run(&mut c, "kubectl logs app -c setup");
    assert_eq!((code, out.as_str()), (0, "preparing\n"));
    // All containers: the init container's log, then the error that ends
    // the command.
    let (code, out, err) = run(&mut c, "kubectl logs app --all-containers --prefix");
    assert_eq!(code, 1);
    assert_eq!(out, "[pod/app/setup] preparing\n");
    assert!(
        err.contains("is waiting to start: PodInitializing"),
        "{err}"
    );
    until(&mut c, 120, "the app container", |c| {
        pod_status(c, "app") == "Running"
    });
    let (code, out, _) = run(&mut c, "kubectl logs app --all-containers");
    assert_eq!((code, out.as_str()), (0, "preparing\nmain up\n"));
    let (code, out, _) = run(&mut c, "kubectl logs app");
    assert_eq!((code, out.as_str()), (0, "main up\n"));
    // The default-container annotation picks another one; a name that is
    // not in the Pod is reported and the first container used.
    run(
        &mut c,
        "kubectl annotate pod app kubectl.kubernetes.io/default-container=setup",
    );
    let (code, out, err) = run(&mut c, "kubectl logs app");
    assert_eq!((code, out.as_str(), err.as_str()), (0, "preparing\n", ""));
    run(
        &mut c,
        "kubectl annotate pod app --overwrite kubectl.kubernetes.io/default-container=nope",
    );
    let (code, out, err) = run(&mut c, "kubectl logs app");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "main up\n",
            "Default container name \"nope\" not found in pod app\nDefaulted container \"main\" out of: main, setup (init)\n"
        )
    );
}

#[test]
fn log_flags_are_checked_as_kubectl_does() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run once --image=busybox:1.28 --restart=Never -- echo hello",
    );
    c.run("sim settle");
    let (code, _, err) = run(&mut c, "kubectl logs once --since=5x");
    assert_eq!(code, 1);
    assert_eq!(err, "error: invalid argument \"5x\" for \"--since\" flag: time: unknown unit \"x\" in duration \"5x\"\nSee 'kubectl logs --help' for usage.\n");
    let (code, _, err) = run(&mut c, "kubectl logs once --since=-5s");
    assert_eq!(code, 1);
    // logs.go's Validate, after Complete found the Pod (1.35 source).
    assert_eq!(err, "error: --since must be greater than 0\n");
    let (code, _, err) = run(&mut c, "kubectl logs once --tail=ten");
    assert_eq!(code, 1);
    assert_eq!(err, "error: invalid argument \"ten\" for \"--tail\" flag: strconv.ParseInt: parsing \"ten\": invalid syntax\nSee 'kubectl logs --help' for usage.\n");
    let (code, out, _) = run(&mut c, "kubectl logs once --timestamps");
    assert_eq!(code, 0);
    let (stamp, text) = out.trim_end().split_once(' ').unwrap_or_default();
    assert_eq!(text, "hello");
    // RFC 3339 with nine fraction digits, as the kubelet prints them.
    assert_eq!(
        stamp.len(),
        "2026-01-05T09:00:00.000000000Z".len(),
        "{stamp}"
    );
    assert!(
        stamp.ends_with('Z') && stamp.as_bytes()[19] == b'.',
        "{stamp}"
    );
}

/// While a crashed container waits in back-off, the status' container id
/// is the terminated instance's, the same as `lastState.terminated`'s
/// (the log `kubectl logs` reads); a new instance gets a new id.
#[test]
fn the_last_terminated_id_is_the_instance_that_crashed() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run crash --image=busybox:1.28 -- sh -c 'echo run; exit 1'",
    );
    let ids = |c: &mut Console| {
        let (_, out, _) = run(
            c,
            "kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].lastState.terminated.containerID}'",
        );
        let (a, b) = out.split_once(' ').unwrap_or_default();
        (a.to_string(), b.to_string())
    };
    until(&mut c, 400, "CrashLoopBackOff after a restart", |c| {
        restarts(c, "crash") >= 1 && pod_status(c, "crash") == "CrashLoopBackOff"
    });
    let (now, last) = ids(&mut c);
    assert!(now.starts_with("containerd://"), "{now}");
    assert_eq!(now, last);
    until(&mut c, 400, "the next instance", |c| {
        pod_status(c, "crash") != "CrashLoopBackOff"
    });
    let (next, prev) = ids(&mut c);
    assert_eq!(prev, now);
    assert_ne!(next, now);
}

/// `kubectl logs sts/NAME` reads the Pod `GetFirstPod` picks (ready for
/// longest first) and says so when there was a choice.
#[test]
fn statefulset_logs_pick_a_pod_and_say_which() {
    let mut c = Console::new(1);
    let (code, _, err) = run(&mut c, "kubectl logs sts/web");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: error from server (NotFound): statefulsets.apps \"web\" not found in namespace \"default\"\n"
    );
    run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
    );
    c.run("sim settle");
    let (code, _, err) = run(&mut c, "kubectl logs sts/web");
    assert_eq!((code, err.as_str()), (0, "Found 2 pods, using pod/web-0\n"));
    // web-1 has been ready for longer once web-0 restarts.
    run(&mut c, "kubectl delete pod web-0");
    c.run("sim settle");
    let (code, _, err) = run(&mut c, "kubectl logs statefulset/web -c nginx");
    assert_eq!((code, err.as_str()), (0, "Found 2 pods, using pod/web-1\n"));
}

/// The request options kubectl 1.35 has besides the common ones:
/// `--limit-bytes` (the kubelet stops mid-line), `--since-time`,
/// `--ignore-errors` (the error on stdout, then the next log) and their
/// checks.
#[test]
fn limit_bytes_since_time_and_ignore_errors() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run once --image=busybox:1.28 --restart=Never -- sh -c 'echo hello; echo world'",
    );
    c.run("sim settle");
    let (code, out, _) = run(&mut c, "kubectl logs once");
    assert_eq!((code, out.as_str()), (0, "hello\nworld\n"));
    let (code, out, _) = run(&mut c, "kubectl logs once --limit-bytes=8 --prefix");
    assert_eq!(
        (code, out.as_str()),
        (0, "[pod/once/once] hello\n[pod/once/once] wo")
    );
    let (code, _, err) = run(&mut c, "kubectl logs once --limit-bytes=-1");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: --limit-bytes must be greater than 0\n")
    );
    let (code, out, _) = run(
        &mut c,
        "kubectl logs once --since-time=2026-01-05T09:00:00Z",
    );
    assert_eq!((code, out.as_str()), (0, "hello\nworld\n"));
    let (code, out, _) = run(
        &mut c,
        "kubectl logs once --since-time=2030-01-01T00:00:00Z",
    );
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, _, err) = run(
        &mut c,
        "kubectl logs once --since-time=2026-01-05T09:00:00Z --since=1h",
    );
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n"
        )
    );
    let (code, _, err) = run(&mut c, "kubectl logs once --since-time=yesterday");
    assert_eq!(code, 1);
    assert_eq!(err, "error: parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"\n");
    run(
        &mut c,
        "kubectl run bad --image=nginx:does-not-exist -l app=x",
    );
    run(
        &mut c,
        "kubectl run once2 --image=busybox:1.28 --restart=Never -l app=x -- echo hi",
    );
    c.run("sim settle --timeout 1m");
    let (code, out, err) = run(&mut c, "kubectl logs -l app=x");
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("trying and failing to pull image"), "{err}");
    let (code, out, err) = run(&mut c, "kubectl logs -l app=x --ignore-errors");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "error: container \"bad\" in pod \"bad\" is waiting to start: trying and failing to pull image\nhi\n", "")
    );
}

/// Following more logs than `--max-log-requests` (5) is refused.
#[test]
fn following_many_logs_is_limited() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
    );
    run(&mut c, "kubectl scale sts web --replicas=6");
    c.run("sim settle");
    let (code, _, err) = run(&mut c, "kubectl logs -f -l app=nginx");
    assert_eq!(code, 1);
    assert_eq!(err, "error: you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit\n");
    let (code, _, err) = run(&mut c, "kubectl logs -f -l app=nginx --max-log-requests=6");
    assert_eq!((code, err.as_str()), (0, ""));
    // Without -f the requests are made one after another: no limit.
    let (code, _, _) = run(&mut c, "kubectl logs -l app=nginx");
    assert_eq!(code, 0);
}

/// `kubectl logs` and `exec` with `svc/NAME` reach a Pod the Service's
/// selector matches (logsforobject.go and attachablepodforobject.go,
/// through `SelectorsForObject`); a Service without a selector, a missing
/// object and a kind without Pods get kubectl's errors.
#[test]
fn services_name_pods_by_their_selector() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
    );
    until(&mut c, 60, "two Pods", |c| {
        run(c, "kubectl get pods --no-headers")
            .1
            .matches("1/1")
            .count()
            == 2
    });
    let (code, out, err) = run(&mut c, "kubectl exec svc/nginx -- hostname");
    assert_eq!((code, out.as_str(), err.as_str()), (0, "web-0\n", ""));
    let (code, _, err) = run(&mut c, "kubectl logs svc/nginx");
    assert_eq!((code, err.as_str()), (0, "Found 2 pods, using pod/web-0\n"));
    let (code, _, err) = run(&mut c, "kubectl logs svc/kubernetes");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n"
    );
    let (code, _, err) = run(&mut c, "kubectl exec svc/kubernetes -- true");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n"
    );
    let (code, _, err) = run(&mut c, "kubectl logs svc/nope");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: error from server (NotFound): services \"nope\" not found in namespace \"default\"\n"
    );
    let (code, _, err) = run(&mut c, "kubectl logs deploy/nope");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: error from server (NotFound): deployments.apps \"nope\" not found in namespace \"default\"\n"
    );
    run(&mut c, "kubectl create configmap cm --from-literal=a=b");
    let (code, _, err) = run(&mut c, "kubectl logs cm/cm");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n"
    );
}

/// A main process's lines reach the log when it prints them, and `-f`
/// streams them as simulated time passes, until the container stops.
#[test]
fn lines_arrive_when_printed_and_follow_waits_for_the_end() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run t --image=busybox:1.36 --restart=Never -- sh -c 'for i in 1 2 3; do echo \"tick $i\"; sleep 10; done; echo bye'",
    );
    until(&mut c, 30, "running", |c| pod_status(c, "t") == "Running");
    let (_, out, _) = run(&mut c, "kubectl logs t");
    assert_eq!(out, "tick 1\n");
    c.run("sim advance 10s");
    let (_, out, _) = run(&mut c, "kubectl logs t");
    assert_eq!(out, "tick 1\ntick 2\n");
    // -f prints what is there, then each line as it comes, and returns
    // when the container has exited.
    let (code, out, _) = run(&mut c, "kubectl logs -f t");
    assert_eq!((code, out.as_str()), (0, "tick 1\ntick 2\ntick 3\nbye\n"));
    assert_eq!(pod_status(&mut c, "t"), "Completed");
}

/// `-f` on a server that prints nothing more returns once nothing is
/// pending (console.md "Time"), and `--request-timeout` bounds it.
#[test]
fn follow_ends_when_nothing_is_pending_or_at_the_request_timeout() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run s --image=busybox:1.36 -- sh -c 'echo up; sleep 3600; echo late'",
    );
    until(&mut c, 30, "running", |c| pod_status(c, "s") == "Running");
    let before = run(&mut c, "sim status").1;
    let (code, out, _) = run(&mut c, "kubectl logs -f s --request-timeout=30s");
    assert_eq!((code, out.as_str()), (0, "up\n"));
    let after = run(&mut c, "sim status").1;
    assert_ne!(before, after, "the clock moved while following");
    let (_, out, _) = run(&mut c, "kubectl logs s");
    assert_eq!(out, "up\n", "the late line is an hour away");
}

/// nginx logs a request typed through busybox's `nc` with the protocol of
/// its request line, and the missing User-Agent as `"-"`.
#[test]
fn nginx_logs_the_protocol_a_request_line_names() {
    let (mut c, ip) = nginx_and_client("busybox:1.36");
    let (code, out, err) = run(
        &mut c,
        &format!(
            "kubectl exec client -- sh -c \"printf 'GET /nope HTTP/1.0\\r\\n\\r\\n' | nc {} 80\"",
            ip.trim()
        ),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("HTTP/1.1 404 Not Found\r\n"), "{out}");
    let (_, logs, _) = run(&mut c, "kubectl logs web");
    assert!(
        logs.contains("\"GET /nope HTTP/1.0\" 404 153 \"-\" \"-\" \"-\""),
        "{logs}"
    );
    assert!(logs.contains("request: \"GET /nope HTTP/1.0\""), "{logs}");
}

#[test]
fn logs_of_a_pod_on_a_node_that_stopped_answering_fail_as_exec_does() {
    // The API server proxies logs to the node's kubelet (port 10250), as
    // it proxies exec: a lost node fails both (gotcha 12, R11.5).
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run talk --image=busybox:1.28 -- sh -c 'echo hello; sleep 3600'",
    );
    until(&mut c, 60, "talk running", |c| {
        pod_status(c, "talk") == "Running"
    });
    assert_eq!(run(&mut c, "kubectl logs talk").1, "hello\n");
    let node = run(
        &mut c,
        "kubectl get pod talk -o jsonpath='{.spec.nodeName}'",
    )
    .1;
    let ip = run(
        &mut c,
        &format!("kubectl get node {node} -o jsonpath='{{.status.addresses[0].address}}'"),
    )
    .1;
    run(&mut c, &format!("sim node down {node}"));
    let (code, out, err) = run(&mut c, "kubectl logs talk");
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!("Error from server: Get \"https://{ip}:10250/containerLogs/default/talk/talk\": dial tcp {ip}:10250: connect: no route to host\n")
    );
    let exec = run(&mut c, "kubectl exec talk -- true").2;
    assert!(exec.contains(&format!("dial tcp {ip}:10250")), "{exec}");
    // Back up: the log is there again.
    run(&mut c, &format!("sim node up {node}"));
    assert_eq!(run(&mut c, "kubectl logs talk").1, "hello\n");
}
