//! `kubectl debug` and ephemeral containers, as kubectl 1.33–1.35 and a
//! kind 1.35 cluster behave: the DNS-debugging flow the nginx-slim image
//! needs (it has no nslookup), interactive and one-shot; what the API
//! server accepts (ValidatePodCreate, ValidatePodEphemeralContainersUpdate);
//! what the kubelet does with them (started once, never restarted, never
//! ready, statuses in `status.ephemeralContainerStatuses`); what kubectl
//! prints (`describe`, `-o yaml`, warnings, client-side errors, help);
//! `--copy-to`, `node/NAME` and `kubectl attach`.
//!
//! Sources: kubectl release-1.35 pkg/cmd/debug/debug.go and profiles.go,
//! pkg/cmd/attach/attach.go, pkg/describe/describe.go; kubernetes
//! pkg/apis/core/validation/validation.go, pkg/registry/core/pod/strategy.go,
//! pkg/kubelet/kubelet_pods.go. Texts marked "kubectl 1.33" were printed by
//! the real `kubectl.1.33` binary.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run};

/// The web StatefulSet of the docs (nginx-slim, headless Service nginx), settled.
fn cluster(interactive: bool) -> Console {
    let mut c = Console::new(1);
    c.set_interactive(interactive);
    let t =
        c.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    c
}

fn jsonpath(c: &mut Console, what: &str, path: &str) -> String {
    let (code, out, err) = run(c, &format!("kubectl get {what} -o jsonpath='{path}'"));
    assert_eq!(code, 0, "{err}");
    out
}

/// The debug container's name from kubectl's notice.
fn defaulted_name(out: &str) -> String {
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix("Defaulting debug container name to "))
        .unwrap_or_else(|| panic!("no notice in {out:?}"));
    line.trim_end_matches('.').to_string()
}

/// utilrand's alphabet: consonants and digits without confusable ones.
fn is_suffix(s: &str) -> bool {
    s.len() == 5 && s.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c))
}

const LEGACY: &str = "--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\n";
const BANNER: &str = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";

/// R8.15 / R8.12: nginx-slim has no nslookup, so `kubectl exec` cannot
/// ask; a busybox:1.28 ephemeral container targeting `nginx` asks from
/// web-0's own network (its resolv.conf, its DNS traces) and gets web-1's
/// address. kubectl's lines come in debug.go's order: `Targeting container`
/// (Validate, stdout), the legacy profile's notice (Validate, stderr),
/// `Defaulting debug container name` (stdout), attach's banner (stderr),
/// then the command's output, which kubectl prints whole once it ends.
#[test]
fn r8_15_one_shot_nslookup_from_web_0s_network() {
    let mut c = cluster(false);
    let (code, _, err) = run(&mut c, "kubectl exec web-0 -- nslookup web-1.nginx");
    assert_eq!(code, 1);
    assert!(
        err.contains("exec: \"nslookup\": executable file not found in $PATH"),
        "{err}"
    );
    let web1 = jsonpath(&mut c, "pod web-1", "{.status.podIP}");
    c.take_dns_traces();
    let t = c
        .run("kubectl debug -it web-0 --image=busybox:1.28 --target=nginx -- nslookup web-1.nginx");
    assert_eq!(t.status, 0, "{t}");
    let text = t.to_string();
    let name = defaulted_name(&text);
    assert!(is_suffix(name.strip_prefix("debugger-").unwrap()), "{name}");
    let want = format!(
        "$ kubectl debug -it web-0 --image=busybox:1.28 --target=nginx -- nslookup web-1.nginx\n\
         Targeting container \"nginx\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n\
         {LEGACY}\
         Defaulting debug container name to {name}.\n\
         {BANNER}\
         Server:    10.96.0.10\n\
         Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\
         \n\
         Name:      web-1.nginx\n\
         Address 1: {web1} web-1.nginx.default.svc.cluster.local\n\
         Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web-0 -c {name} -i -t' if it is still running\n"
    );
    assert_eq!(text, want);
    // The search path is the Pod's: from a Pod of another namespace the
    // same short name does not resolve.
    run(&mut c, "kubectl create namespace other");
    run(
        &mut c,
        "kubectl run -n other idle --image=busybox:1.28 -- sleep 3600",
    );
    c.run("sim settle");
    let (code, out, _) = run(
        &mut c,
        "kubectl debug -n other -i idle --image=busybox:1.28 -q -- nslookup web-1.nginx",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("nslookup: can't resolve 'web-1.nginx'"),
        "{out}"
    );
    // Its output stays in its log; it is not restarted.
    c.run("sim advance 5m");
    let (_, log, _) = run(&mut c, &format!("kubectl logs web-0 -c {name}"));
    assert!(
        log.contains(&format!("Address 1: {web1} web-1.nginx")),
        "{log}"
    );
    let st = jsonpath(
        &mut c,
        "pod web-0",
        "{.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.ephemeralContainerStatuses[0].restartCount}",
    );
    assert_eq!(st, "Completed 0");
    // Nothing runs in it any more.
    let (code, _, err) = run(&mut c, &format!("kubectl exec web-0 -c {name} -- true"));
    assert_eq!(code, 1);
    assert!(err.contains("container not found"), "{err}");
}

/// The same script and seed give the same transcript, the same random
/// name included (drawn from the engine's seeded stream).
#[test]
fn debug_container_names_come_from_the_seeded_stream() {
    let script = "kubectl apply -f https://k8s.io/examples/application/web/web.yaml\nsim settle\nkubectl debug web-0 --image=busybox:1.28\nkubectl debug web-0 --image=busybox:1.28\n";
    let a = support::console::transcript(script);
    let b = support::console::transcript(script);
    assert_eq!(a, b);
    let names: Vec<&str> = a
        .lines()
        .filter_map(|l| l.strip_prefix("Defaulting debug container name to debugger-"))
        .collect();
    assert_eq!(names.len(), 2, "{a}");
    assert_ne!(names[0], names[1]);
}

/// On a terminal, `-it` with no command gives busybox's shell in web-0's
/// network (hostname, resolv.conf of R8.12, DNS) and, with `--target`, in
/// nginx's process namespace (PID 1 is nginx's master). Leaving it ends the
/// container (never restarted) and kubectl 1.35 prints attach.go's
/// `reattachMessage` for an ephemeral container.
#[test]
fn r8_12_interactive_debug_shell_on_the_pods_network() {
    let mut c = cluster(true);
    let t = c.run("kubectl debug -it web-0 --image=busybox:1.28 --target=nginx");
    assert_eq!(t.status, 0, "{t}");
    let name = defaulted_name(&t.to_string());
    assert!(t.to_string().ends_with(BANNER), "{t}");
    let a = c.attached().expect("the console is attached");
    assert_eq!(
        (a.pod.as_str(), a.container.as_str()),
        ("web-0", name.as_str())
    );
    assert_eq!(c.prompt(), "/ # ");
    assert_eq!(run(&mut c, "hostname").1, "web-0\n");
    let resolv = run(&mut c, "cat /etc/resolv.conf").1;
    assert_eq!(
        resolv,
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    );
    let ps = run(&mut c, "ps").1;
    let lines: Vec<&str> = ps.lines().collect();
    assert_eq!(lines[0], "PID   USER     TIME  COMMAND");
    assert_eq!(
        lines[1],
        "    1 root      0:00 nginx: master process nginx -g daemon off;"
    );
    // busybox's /etc/passwd has no nginx user: the workers show their uid.
    assert!(
        lines[2].ends_with(" 101       0:00 nginx: worker process"),
        "{ps}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with(" root      0:00 sh")),
        "{ps}"
    );
    let web1 = c
        .engine()
        .store()
        .pods
        .get("default", "web-1")
        .unwrap()
        .status
        .pod_ip
        .to_string();
    c.take_dns_traces();
    let out = run(&mut c, "nslookup web-1.nginx").1;
    assert!(
        out.contains(&format!(
            "Address 1: {web1} web-1.nginx.default.svc.cluster.local"
        )),
        "{out}"
    );
    // The lookups were made from web-0.
    let traces = c.take_dns_traces();
    assert!(!traces.is_empty());
    assert!(
        traces.iter().all(|t| t.from_pod == "default/web-0"),
        "{traces:?}"
    );
    let t = c.run("exit");
    assert!(c.attached().is_none());
    assert_eq!(t.status, 0);
    assert_eq!(
        t.entries[0].output_text(),
        format!("Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web-0 -c {name} -i -t' if it is still running\n")
    );
    c.run("sim advance 2m");
    let st = jsonpath(
        &mut c,
        "pod web-0",
        "{.status.ephemeralContainerStatuses[0].state.terminated.exitCode}/{.status.ephemeralContainerStatuses[0].restartCount}",
    );
    assert_eq!(st, "0/0");
    // R10.2: READY counts the Pod's containers only.
    let (_, out, _) = run(&mut c, "kubectl get pod web-0 --no-headers");
    let cols: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(&cols[1..4], ["1/1", "Running", "0"], "{out}");
}

/// Without `--target` the debug container sees only its own processes.
#[test]
fn without_a_target_ps_sees_only_the_debug_container() {
    let mut c = cluster(true);
    c.run("kubectl debug -it web-0 --image=busybox:1.28");
    let ps = run(&mut c, "ps").1;
    assert!(ps.contains("    1 root      0:00 sh\n"), "{ps}");
    assert!(!ps.contains("nginx"), "{ps}");
    c.run("exit");
}

/// R10.2 and describe.go: a running ephemeral container changes neither
/// READY nor the conditions; `describe` lists it under "Ephemeral
/// Containers:" after the Pod's containers (never ready, no restarts);
/// `-o yaml` has `spec.ephemeralContainers` (defaulted as containers are,
/// `targetContainerName` kept) and `status.ephemeralContainerStatuses`
/// (no `started`: the prober sets it only for regular and init
/// containers), in kubectl's sorted field order; the kubelet's events name
/// `spec.ephemeralContainers{NAME}`; `kubectl exec`/`logs` default to
/// nginx and say so, naming the ephemeral container `(ephem)`.
#[test]
fn r10_2_a_running_debug_container_is_not_counted_and_is_described() {
    let mut c = cluster(false);
    let (code, out, err) = run(
        &mut c,
        "kubectl debug web-0 --image=busybox:1.28 -c dbg --target=nginx -- sleep 3600",
    );
    assert_eq!(code, 0, "{err}");
    // `-c` names it: no "Defaulting" notice, no attach without -i.
    assert_eq!(out, "Targeting container \"nginx\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n");
    assert_eq!(err, LEGACY);
    c.run("sim advance 10s");
    let (_, out, _) = run(&mut c, "kubectl get pod web-0 --no-headers");
    let cols: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(&cols[1..4], ["1/1", "Running", "0"], "{out}");
    let d = run(&mut c, "kubectl describe pod web-0").1;
    let eph = d.find("\nEphemeral Containers:\n  dbg:\n").expect(&d);
    assert!(d.find("\nContainers:\n  nginx:\n").unwrap() < eph);
    assert!(eph < d.find("\nConditions:\n").unwrap());
    let section = &d[eph..=d.find("\nConditions:\n").unwrap()];
    for line in [
        "    Image:         busybox:1.28\n",
        "    Port:          <none>\n",
        "    Command:\n      sleep\n      3600\n",
        "    State:          Running\n",
        "    Ready:          False\n",
        "    Restart Count:  0\n",
        "    Mounts:         <none>\n",
    ] {
        assert!(section.contains(line), "{line:?} in {section}");
    }
    assert!(
        d.contains("spec.ephemeralContainers{dbg}: Pulling image \"busybox:1.28\""),
        "{d}"
    );
    assert!(
        d.contains("spec.ephemeralContainers{dbg}: Started container dbg"),
        "{d}"
    );
    let y = run(&mut c, "kubectl get pod web-0 -o yaml").1;
    assert!(
        y.contains("  ephemeralContainers:\n  - command:\n    - sleep\n    - \"3600\"\n    image: busybox:1.28\n    imagePullPolicy: IfNotPresent\n    name: dbg\n    resources: {}\n    targetContainerName: nginx\n    terminationMessagePath: /dev/termination-log\n    terminationMessagePolicy: File\n  hostname: web-0\n"),
        "{y}"
    );
    let s = y.find("  ephemeralContainerStatuses:\n").expect(&y);
    assert!(y.find("  containerStatuses:\n").unwrap() < s);
    assert!(s < y.find("  hostIP:").unwrap());
    let status = &y[s..y.find("  hostIP:").unwrap()];
    assert!(
        status.contains("    name: dbg\n    ready: false\n"),
        "{status}"
    );
    assert!(status.contains("      running:\n"), "{status}");
    assert!(!status.contains("started:"), "{status}");
    // exec and logs default to nginx, naming the others.
    let (code, _, err) = run(&mut c, "kubectl exec web-0 -- true");
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "Defaulted container \"nginx\" out of: nginx, dbg (ephem)\n"
    );
    let (_, _, err) = run(&mut c, "kubectl logs web-0");
    assert_eq!(
        err,
        "Defaulted container \"nginx\" out of: nginx, dbg (ephem)\n"
    );
    // The running debug container takes execs.
    let (code, out, _) = run(&mut c, "kubectl exec web-0 -c dbg -- hostname");
    assert_eq!((code, out.as_str()), (0, "web-0\n"));
}

/// ValidatePodCreate: a Pod cannot be created with ephemeral containers.
#[test]
fn a_pod_cannot_be_created_with_ephemeral_containers() {
    let mut c = cluster(false);
    let (code, _, err) = run(
        &mut c,
        "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox:1.28\n  ephemeralContainers:\n  - name: dbg\n    image: busybox:1.28\nEOF",
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "The Pod \"p\" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create\n"
    );
}

/// validateEphemeralContainers and ValidatePodEphemeralContainersUpdate
/// through `kubectl debug`: a name taken by a container is a duplicate;
/// the target must be a container of the Pod; an existing ephemeral
/// container may not change (the patch merges by name, so the same name
/// with another command changes it); the same one again changes nothing.
#[test]
fn ephemeral_container_updates_are_validated() {
    let mut c = cluster(false);
    let (code, _, err) = run(&mut c, "kubectl debug web-0 --image=busybox:1.28 -c nginx");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("{LEGACY}The Pod \"web-0\" is invalid: spec.ephemeralContainers[0].name: Duplicate value: \"nginx\"\n")
    );
    let (code, _, err) = run(
        &mut c,
        "kubectl debug web-0 --image=busybox:1.28 -c x --target=nope",
    );
    assert_eq!(code, 1);
    assert!(
        err.ends_with("The Pod \"web-0\" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"\n"),
        "{err}"
    );
    let (code, _, err) = run(
        &mut c,
        "kubectl debug web-0 --image=busybox:1.28 -c dbg -- sleep 3600",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &mut c,
        "kubectl debug web-0 --image=busybox:1.28 -c dbg -- sleep 10",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("The Pod \"web-0\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" may not be changed\n"),
        "{err}"
    );
    assert!(
        err.contains("- \tCommand: [\"sleep\",\"3600\"],\n+ \tCommand: [\"sleep\",\"10\"],\n"),
        "{err}"
    );
    let (code, _, err) = run(
        &mut c,
        "kubectl debug web-0 --image=busybox:1.28 -c dbg -- sleep 3600",
    );
    assert_eq!((code, err.as_str()), (0, LEGACY));
    assert_eq!(
        jsonpath(&mut c, "pod web-0", "{.spec.ephemeralContainers[*].name}"),
        "dbg"
    );
    // A Pod update may not add or change them either (ValidatePodUpdate).
    let (code, _, err) = run(
        &mut c,
        "kubectl patch pod web-0 --type=json -p '[{\"op\":\"remove\",\"path\":\"/spec/ephemeralContainers\"}]'",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("pod updates may not change fields other than"),
        "{err}"
    );
}

/// The subresource's own checks, straight on the engine: the allow list
/// (no ports, probes …) and no removal.
#[test]
fn the_subresource_refuses_disallowed_fields_and_removals() {
    use ordinal::engine::objects::{Kind, Object};
    let mut c = cluster(false);
    let pod = |c: &Console| {
        ordinal::console::printers::wire_value(
            &c.engine().get(Kind::Pod, "default", "web-0").unwrap(),
        )
    };
    let mut v = pod(&c);
    v["spec"]["ephemeralContainers"] = serde_json::json!([{
        "name": "dbg", "image": "busybox:1.28", "terminationMessagePolicy": "File",
        "ports": [{"containerPort": 80}],
        "readinessProbe": {"tcpSocket": {"port": 80}},
    }]);
    let e = c
        .engine_mut()
        .update_ephemeral_containers(Object::from_value(Kind::Pod, v).unwrap())
        .unwrap_err();
    assert_eq!(
        e.kubectl_text(),
        "The Pod \"web-0\" is invalid: \n* spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container\n* spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container"
    );
    let mut v = pod(&c);
    v["spec"]["ephemeralContainers"] =
        serde_json::json!([{"name": "dbg", "image": "busybox:1.28"}]);
    c.engine_mut()
        .update_ephemeral_containers(Object::from_value(Kind::Pod, v).unwrap())
        .unwrap();
    let mut v = pod(&c);
    v["spec"]["ephemeralContainers"] = serde_json::json!([]);
    let e = c
        .engine_mut()
        .update_ephemeral_containers(Object::from_value(Kind::Pod, v).unwrap())
        .unwrap_err();
    assert_eq!(
        e.kubectl_text(),
        "The Pod \"web-0\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" may not be removed\n"
    );
    // The spec changed once: the generation moved once.
    assert_eq!(jsonpath(&mut c, "pod web-0", "{.metadata.generation}"), "2");
}

/// debug.go `waitForContainer`: every waiting message becomes kubectl's
/// warning (`Warning: container NAME: MESSAGE`) — the image catalogue's
/// pull error, then the back-off. kubectl would wait until Ctrl-C; the
/// console stops after a minute and says so.
#[test]
fn an_unknown_image_is_warned_about_while_waiting() {
    let mut c = cluster(false);
    let (code, out, err) = run(
        &mut c,
        "kubectl debug -it web-0 --image=nginx:does-not-exist",
    );
    assert_eq!(code, 1);
    let name = defaulted_name(&out);
    let pull = format!("Warning: container {name}: Failed to pull image \"nginx:does-not-exist\": failed to pull and unpack image \"docker.io/library/nginx:does-not-exist\": failed to resolve reference \"docker.io/library/nginx:does-not-exist\": docker.io/library/nginx:does-not-exist: not found\n");
    assert!(err.starts_with(&format!("{LEGACY}{pull}Warning: container {name}: Back-off pulling image \"nginx:does-not-exist\": ErrImagePull: ")), "{err}");
    assert!(err.ends_with(&format!("kubectl debug: stopped waiting for container \"{name}\" of pod default/web-0 to start (kubectl would wait until Ctrl-C)\n")), "{err}");
    assert!(!err.contains("If you don't see a command prompt"), "{err}");
    let reason = jsonpath(
        &mut c,
        "pod web-0",
        "{.status.ephemeralContainerStatuses[0].state.waiting.reason}",
    );
    assert!(
        reason == "ImagePullBackOff" || reason == "ErrImagePull",
        "{reason}"
    );
    // The Pod runs on, READY unchanged.
    let (_, out, _) = run(&mut c, "kubectl get pod web-0 --no-headers");
    assert!(out.contains(" 1/1 ") && out.contains(" Running "), "{out}");
}

/// A Pod that is gone is kubectl's NotFound; a finished Pod takes the
/// container (the API server does not look at the phase) but its kubelet
/// starts nothing, so there is nothing to attach to.
#[test]
fn debugging_a_pod_that_is_gone_or_finished() {
    let mut c = cluster(false);
    let (code, _, err) = run(&mut c, "kubectl debug web-9 --image=busybox:1.28");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("{LEGACY}Error from server (NotFound): pods \"web-9\" not found\n")
    );
    run(
        &mut c,
        "kubectl run done --image=busybox:1.28 --restart=Never -- true",
    );
    c.run("sim settle");
    assert_eq!(jsonpath(&mut c, "pod done", "{.status.phase}"), "Succeeded");
    let (code, out, err) = run(&mut c, "kubectl debug -it done --image=busybox:1.28");
    assert_eq!(code, 1);
    let name = defaulted_name(&out);
    assert!(err.ends_with(&format!("kubectl debug: stopped waiting for container \"{name}\" of pod default/done to start (kubectl would wait until Ctrl-C)\n")), "{err}");
    assert_eq!(
        jsonpath(&mut c, "pod done", "{.spec.ephemeralContainers[0].name}"),
        name
    );
    assert_eq!(
        jsonpath(&mut c, "pod done", "{.status.ephemeralContainerStatuses}"),
        ""
    );
    // Another StatefulSet kind cannot be debugged.
    let (code, _, err) = run(&mut c, "kubectl debug sts/web --image=busybox:1.28");
    assert_eq!(code, 1);
    assert!(
        err.ends_with("error: \"apps/v1, Kind=StatefulSet\" not supported by debug\n"),
        "{err}"
    );
}

/// generatePodCopyWithDebugContainer with the legacy profile: a copy
/// named by `--copy-to` with the debug container added, the labels
/// dropped (so no Service selects it), not bound to the node unless
/// `--same-node`, no ephemeral containers; `--set-image` changes images,
/// `--share-processes` is written only when given; `--replace` deletes the
/// original at once (its StatefulSet makes it again).
#[test]
fn copy_to_makes_a_copy_of_the_pod() {
    let mut c = cluster(false);
    run(
        &mut c,
        "kubectl debug web-0 --image=busybox:1.28 -c dbg --attach=false",
    );
    let t = c.run("kubectl debug web-0 -it --image=busybox:1.28 --copy-to=web-0-debug -- nslookup web-1.nginx");
    assert_eq!(t.status, 0, "{t}");
    let text = t.to_string();
    let name = defaulted_name(&text);
    assert!(text.contains("Name:      web-1.nginx\n"), "{text}");
    assert!(text.ends_with(&format!("Session ended, resume using 'kubectl attach web-0-debug -c {name} -i -t' command when the pod is running\n")), "{text}");
    assert_eq!(
        jsonpath(&mut c, "pod web-0-debug", "{.spec.containers[*].name}"),
        format!("nginx {name}")
    );
    assert_eq!(
        jsonpath(&mut c, "pod web-0-debug", "{.metadata.labels}"),
        ""
    );
    assert_eq!(
        jsonpath(&mut c, "pod web-0-debug", "{.spec.ephemeralContainers}"),
        ""
    );
    assert_eq!(
        jsonpath(&mut c, "pod web-0-debug", "{.spec.shareProcessNamespace}"),
        ""
    );
    // Its debug container got the service-account mount as every container does.
    assert_eq!(
        jsonpath(
            &mut c,
            "pod web-0-debug",
            "{.spec.containers[1].volumeMounts[0].mountPath}"
        ),
        "/var/run/secrets/kubernetes.io/serviceaccount"
    );
    let (code, out, err) = run(
        &mut c,
        "kubectl debug web-1 --copy-to=web-1-copy --set-image=*=busybox:1.28 --same-node --share-processes=false",
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", LEGACY));
    c.run("sim settle");
    assert_eq!(
        jsonpath(
            &mut c,
            "pod web-1-copy",
            "{.spec.containers[0].image} {.spec.shareProcessNamespace} {.spec.nodeName}"
        ),
        format!(
            "busybox:1.28 false {}",
            jsonpath(&mut c, "pod web-1", "{.spec.nodeName}")
        )
    );
    let uid = jsonpath(&mut c, "pod web-1", "{.metadata.uid}");
    let (code, _, err) = run(
        &mut c,
        "kubectl debug web-1 --copy-to=web-1-replaced --image=busybox:1.28 --replace",
    );
    assert_eq!(code, 0, "{err}");
    c.run("sim settle");
    assert_ne!(jsonpath(&mut c, "pod web-1", "{.metadata.uid}"), uid);
    // The general profile shares the process namespace and adds SYS_PTRACE.
    let (code, out, _) = run(
        &mut c,
        "kubectl debug web-0 --copy-to=web-0-general --image=busybox:1.28 --profile=general",
    );
    assert_eq!(code, 0);
    let name = defaulted_name(&out);
    assert_eq!(
        jsonpath(
            &mut c,
            "pod web-0-general",
            &format!("{{.spec.shareProcessNamespace}} {{.spec.containers[?(@.name==\"{name}\")].securityContext.capabilities.add[0]}}")
        ),
        "true SYS_PTRACE"
    );
}

/// generateNodeDebugPod (kubectl 1.35, legacy profile): a Pod named
/// `node-debugger-NODE-xxxxx` bound to the node, tolerating everything,
/// never restarted, in the host's network, PID and IPC namespaces, with
/// the node's root at /host — here the little of it the simulation has.
#[test]
fn node_debugging_pod_runs_in_the_nodes_namespaces() {
    let mut c = cluster(true);
    let t = c.run("kubectl debug node/ordinal-worker -it --image=busybox:1.28");
    assert_eq!(t.status, 0, "{t}");
    let text = t.to_string();
    let line = text
        .lines()
        .find(|l| l.starts_with("Creating debugging pod "))
        .expect(&text);
    let pod = line
        .strip_prefix("Creating debugging pod ")
        .and_then(|l| l.strip_suffix(" with container debugger on node ordinal-worker."))
        .expect(line)
        .to_string();
    assert!(is_suffix(
        pod.strip_prefix("node-debugger-ordinal-worker-").unwrap()
    ));
    assert!(c.attached().is_some());
    assert_eq!(run(&mut c, "hostname").1, "ordinal-worker\n");
    assert_eq!(run(&mut c, "cat /host/etc/hostname").1, "ordinal-worker\n");
    let pods_dir = run(&mut c, "ls /host/var/log/pods").1;
    let web_here = c
        .engine()
        .store()
        .pods
        .in_namespace("default")
        .filter(|p| p.spec.node_name == "ordinal-worker" && p.metadata.name.starts_with("web-"))
        .map(|p| format!("default_{}_{}", p.metadata.name, p.metadata.uid))
        .collect::<Vec<_>>();
    assert!(!web_here.is_empty());
    for d in web_here {
        assert!(pods_dir.contains(&d), "{d} in {pods_dir}");
    }
    // hostPID: the node's processes, each Pod's sandbox and containers.
    let ps = run(&mut c, "ps").1;
    assert!(ps.contains("    1 root      0:00 /sbin/init\n"), "{ps}");
    assert!(
        ps.contains(" root      0:00 /usr/local/bin/containerd\n"),
        "{ps}"
    );
    assert!(ps.contains(" 65535     0:00 /pause\n"), "{ps}");
    assert!(
        ps.contains(" root      0:00 nginx: master process nginx -g daemon off;\n"),
        "{ps}"
    );
    c.run("exit");
    let spec = jsonpath(
        &mut c,
        &format!("pod {pod}"),
        "{.spec.nodeName} {.spec.hostNetwork} {.spec.hostPID} {.spec.hostIPC} {.spec.restartPolicy} {.spec.tolerations[0].operator} {.spec.volumes[0].hostPath.path} {.spec.containers[0].volumeMounts[0].mountPath} {.metadata.labels.app\\.kubernetes\\.io/managed-by}",
    );
    assert_eq!(
        spec,
        "ordinal-worker true true true Never Exists / /host kubectl-debug"
    );
    let node_ip = jsonpath(
        &mut c,
        "node ordinal-worker",
        "{.status.addresses[?(@.type==\"InternalIP\")].address}",
    );
    assert_eq!(
        jsonpath(&mut c, &format!("pod {pod}"), "{.status.podIP}"),
        node_ip
    );
    c.run("sim settle");
    assert_eq!(
        jsonpath(&mut c, &format!("pod {pod}"), "{.status.phase}"),
        "Succeeded"
    );
}

/// `--share-processes` on a copy: one process namespace for the Pod, the
/// sandbox's `/pause` as PID 1, nginx's processes and the debug shell's.
#[test]
fn a_copy_sharing_processes_shows_the_pods_processes() {
    let mut c = cluster(true);
    let t =
        c.run("kubectl debug web-0 -it --image=busybox:1.28 --copy-to=shared --share-processes");
    assert_eq!(t.status, 0, "{t}");
    assert!(c.attached().is_some(), "{t}");
    let ps = run(&mut c, "ps").1;
    let lines: Vec<&str> = ps.lines().collect();
    assert_eq!(lines[1], "    1 65535     0:00 /pause", "{ps}");
    assert_eq!(
        lines[2], "    7 root      0:00 nginx: master process nginx -g daemon off;",
        "{ps}"
    );
    assert!(
        lines[3].ends_with(" 101       0:00 nginx: worker process"),
        "{ps}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with(" root      0:00 sh")),
        "{ps}"
    );
    c.run("exit");
    assert_eq!(
        jsonpath(&mut c, "pod shared", "{.spec.shareProcessNamespace}"),
        "true"
    );
}

/// `kubectl attach` back into a debug shell started without attaching,
/// and attach.go's own errors (texts from kubectl 1.33).
#[test]
fn attach_reenters_a_running_debug_shell() {
    let mut c = cluster(true);
    let (code, _, _) = run(
        &mut c,
        "kubectl debug web-0 -c shell -it --attach=false --image=busybox:1.28",
    );
    assert_eq!(code, 0);
    assert!(c.attached().is_none());
    c.run("sim advance 10s");
    let t = c.run("kubectl attach web-0 -c shell -it");
    assert_eq!(t.status, 0, "{t}");
    assert_eq!(t.entries[0].output_text(), BANNER);
    assert_eq!(run(&mut c, "hostname").1, "web-0\n");
    let t = c.run("exit");
    assert_eq!(
        t.entries[0].output_text(),
        "Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web-0 -c shell -i -t' if it is still running\n"
    );
    // Gone now: there is nothing to attach to.
    let (code, _, err) = run(&mut c, "kubectl attach web-0 -c shell -it");
    assert_eq!(code, 1);
    assert!(
        err.ends_with("error: unable to upgrade connection: container not found (\"shell\")\n"),
        "{err}"
    );
    // kubectl 1.33: `kubectl attach` and `kubectl attach a b c`.
    let (code, _, err) = run(&mut c, "kubectl attach");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: at least 1 argument is required for attach\n")
    );
    let (code, _, err) = run(&mut c, "kubectl attach a b c");
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n"
        )
    );
}

/// A script feeds the debug shell its input, then end-of-file.
#[test]
fn a_script_feeds_the_debug_shell_and_it_ends() {
    let mut c = cluster(false);
    let (code, out, err) = run(
        &mut c,
        "kubectl debug -i web-1 --image=busybox:1.28 -c sh <<'EOF'\nhostname\ncat /etc/hostname\nEOF",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "web-1\nweb-1\n");
    assert_eq!(err, format!("{LEGACY}{BANNER}"));
    c.run("sim advance 5s");
    assert_eq!(
        jsonpath(
            &mut c,
            "pod web-1",
            "{.status.ephemeralContainerStatuses[0].state.terminated.reason}"
        ),
        "Completed"
    );
}

/// debug.go `Complete`/`Validate` errors (and pflag's), each checked
/// against what kubectl 1.33 printed for the same command line (exit 1).
#[test]
fn client_side_errors_are_kubectls() {
    let mut c = cluster(false);
    let see = "\nSee 'kubectl debug --help' for usage.\n";
    let cases: &[(&str, String, &str)] = &[
        // (arguments, stderr from kubectl 1.33, stdout from kubectl 1.33)
        ("web-0", "error: you must specify --image when not using --copy-to.\n".into(), ""),
        ("web-0 --attach", "error: you must specify --container or create a new container using --image in order to attach.\n".into(), ""),
        ("web-0 --copy-to=x", "error: you must specify --image, --set-image or command arguments.\n".into(), ""),
        ("web-0 --copy-to=x -- sh", "error: you must specify an existing container or a new image when specifying args.\n".into(), ""),
        ("web-0 --replace --image=busybox", "error: --replace may only be used with --copy-to.\n".into(), ""),
        ("web-0 --same-node --image=busybox", "error: --same-node may only be used with --copy-to.\n".into(), ""),
        ("web-0 --set-image=a=b --image=busybox", "error: --set-image may only be used with --copy-to.\n".into(), ""),
        ("web-0 --set-image=a=b", "error: --set-image may only be used with --copy-to.\n".into(), ""),
        ("web-0 --image=Busybox", "error: invalid image name \"Busybox\": invalid reference format\n".into(), ""),
        ("--image=busybox", "error: NAME or filename is required for debug\n".into(), ""),
        ("web-0 --image=busybox --image-pull-policy=Sometimes", "error: invalid image pull policy: Sometimes\n".into(), ""),
        ("web-0 --copy-to=x --set-image=a=B@d", "error: invalid image name \"B@d\" for container \"a\": invalid reference format\n".into(), ""),
        ("web-0 --copy-to=x --image=busybox --target=nginx", "error: --target is incompatible with --copy-to. Use --share-processes instead.\n".into(), ""),
        ("web-0 --image=busybox -t", "error: -i/--stdin is required for containers with -t/--tty=true\n".into(), ""),
        ("web-0 --image=busybox --profile=foo", "error: unknown profile: foo\n".into(), ""),
        ("web-0 --image=busybox --target=nginx -t", "error: -i/--stdin is required for containers with -t/--tty=true\n".into(), "Targeting container \"nginx\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n"),
        ("web-0 --image=busybox --target=nginx -q -t", "error: -i/--stdin is required for containers with -t/--tty=true\n".into(), ""),
        ("web-0 --image=busybox --env=A", format!("error: invalid argument \"A\" for \"--env\" flag: A must be formatted as key=value{see}"), ""),
        ("--image=busybox --set-image=x", format!("error: invalid argument \"x\" for \"--set-image\" flag: x must be formatted as key=value{see}"), ""),
        ("web-0 --bogus", format!("error: unknown flag: --bogus{see}"), ""),
        ("web-0 --image=busybox --custom=/nonexistent", "error: must pass a container spec json file for custom profile: open /nonexistent: no such file or directory\n".into(), ""),
        ("web-0 --", "error: you must specify --image when not using --copy-to.\n".into(), ""),
    ];
    for (args, err_want, out_want) in cases {
        let (code, out, err) = run(&mut c, &format!("kubectl debug {args}"));
        assert_eq!(code, 1, "kubectl debug {args}");
        assert_eq!(&err, err_want, "kubectl debug {args}");
        assert_eq!(&out, out_want, "kubectl debug {args}");
    }
    // Nothing reached the cluster.
    assert_eq!(
        jsonpath(&mut c, "pod web-0", "{.spec.ephemeralContainers}"),
        ""
    );
}

/// `kubectl debug --help` is kubectl's (lines recorded from kubectl 1.33,
/// the same in 1.35: `legacy` is still the default profile there), and
/// the console's `help` lists the command.
#[test]
fn help_is_kubectls_and_the_console_lists_debug() {
    let mut c = Console::new(1);
    let (code, out, _) = run(&mut c, "kubectl debug --help");
    assert_eq!(code, 0);
    assert!(out.starts_with("Debug cluster resources using interactive debugging containers.\n\n 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.\n"));
    for line in [
        "  # Create an interactive debugging session in pod mypod and immediately attach to it.\n  kubectl debug mypod -it --image=busybox\n  \n",
        "    --profile='legacy':\n\tOptions are \"legacy\", \"general\", \"baseline\", \"netadmin\", \"restricted\" or \"sysadmin\".\n",
        "    --share-processes=true:\n\tWhen used with '--copy-to', enable process namespace sharing in the copy.\n",
        "Usage:\n  kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]\n",
    ] {
        assert!(out.contains(line), "{line:?}");
    }
    assert!(out.ends_with("Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n"));
    let (_, out, _) = run(&mut c, "kubectl attach -h");
    assert!(out.starts_with(
        "Attach to a process that is already running inside an existing container.\n"
    ));
    let (_, out, _) = run(&mut c, "help");
    assert!(
        out.contains("kubectl debug POD -it --image=IMG [--target=C]"),
        "{out}"
    );
    assert!(out.contains("kubectl attach POD -c C -it"), "{out}");
}

/// A copy of a Pod whose spec already had the token volume gets the
/// ServiceAccount admission's mount in its new container only
/// (`mountServiceAccountToken` reuses the volume); a Pod made from scratch
/// still gets a fresh volume.
#[test]
fn service_account_admission_mounts_containers_that_lack_the_token() {
    let mut c = cluster(false);
    apply(
        &mut c,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: a\n    image: busybox:1.28\n    command: [sleep, \"3600\"]\n  - name: b\n    image: busybox:1.28\n    command: [sleep, \"3600\"]",
    );
    let vols = jsonpath(&mut c, "pod two", "{.spec.volumes[*].name}");
    assert!(vols.starts_with("kube-api-access-"), "{vols}");
    let mounts = jsonpath(
        &mut c,
        "pod two",
        "{.spec.containers[*].volumeMounts[*].name}",
    );
    assert_eq!(mounts, format!("{vols} {vols}"));
}
