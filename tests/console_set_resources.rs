//! `kubectl set resources`, and what it brought to light in its siblings
//! `set image` and `set env`: the order of their errors, the API server's
//! refusals in their own words, a missing object stopping them before any
//! change. The texts of the `--local` cases are the kubectl 1.33 client's
//! output for the same files (its `creationTimestamp: null` aside).

use ordinal::console::Console;

/// Two containers and an init container with resources of their own.
const TWO: &str = "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      initContainers:
      - name: init
        image: busybox
        resources:
          requests:
            cpu: 100m
      containers:
      - name: nginx
        image: nginx
        resources:
          limits:
            memory: 1Gi
      - name: side
        image: busybox
";

fn console() -> Console {
    let mut c = Console::new(1);
    c.put_file("two.yaml", TWO);
    c.put_file("web.yaml", include_str!("fixtures/manifests/web.yaml"));
    c
}

fn run_in(c: &mut Console, src: &str) -> String {
    c.run_script(src, false)
        .expect("the script parses")
        .to_string()
}

fn run(src: &str) -> String {
    run_in(&mut console(), src)
}

/// The part of a YAML document from `containers:` to the end of the Pod
/// template's spec.
fn containers(yaml: &str) -> String {
    yaml.lines()
        .skip_while(|l| l.trim() != "containers:")
        .take_while(|l| !l.starts_with("  updateStrategy") && !l.starts_with("status:"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Quantities come out as the API server writes them back; a container
/// without limits gets a map of its own; `-c` is a pattern over the
/// containers and the init containers.
#[test]
fn local_changes_write_canonical_quantities_into_the_chosen_containers() {
    let out = run("kubectl set resources -f two.yaml --local --limits=cpu=0.5,memory=1536Mi --requests=memory=1024Mi -o yaml");
    assert_eq!(
        containers(&out),
        "      containers:
      - image: nginx
        name: nginx
        resources:
          limits:
            cpu: 500m
            memory: 1536Mi
          requests:
            memory: 1Gi
      - image: busybox
        name: side
        resources:
          limits:
            cpu: 500m
            memory: 1536Mi
          requests:
            memory: 1Gi
      initContainers:
      - image: busybox
        name: init
        resources:
          limits:
            cpu: 500m
            memory: 1536Mi
          requests:
            cpu: 100m
            memory: 1Gi
"
    );
    let out = run("kubectl set resources -f two.yaml --local -c 's*' --requests=cpu=1 -o yaml");
    assert_eq!(
        containers(&out),
        "      containers:
      - image: nginx
        name: nginx
        resources:
          limits:
            memory: 1Gi
      - image: busybox
        name: side
        resources:
          requests:
            cpu: \"1\"
      initContainers:
      - image: busybox
        name: init
        resources:
          requests:
            cpu: 100m
"
    );
}

/// The flag errors, each with the client's words; nothing is printed.
#[test]
fn bad_flags_are_refused_with_the_clients_words() {
    for (flags, error) in [
        ("", "error: you must specify an update to requests or limits (in the form of --requests/--limits)"),
        ("--limits=cpu", "error: Invalid argument syntax cpu, expected <resource>=<value>"),
        ("--limits=cpu=1=2", "error: Invalid argument syntax cpu=1=2, expected <resource>=<value>"),
        ("--limits=cpu=abc", "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        ("--limits=cpu=1 --all -l a=b", "error: cannot set --all and --selector at the same time"),
        ("--limits=cpu=1 --dry-run=server", "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?"),
    ] {
        let cmd = format!("kubectl set resources -f web.yaml --local {flags}");
        assert_eq!(run(&cmd), format!("$ {cmd}\n{error}\n"), "{flags}");
    }
    let out = run("kubectl set resources --local sts/web --limits=cpu=1 --dry-run=server");
    assert!(
        out.contains("error: you must specify resources by --filename when --local is set."),
        "{out}"
    );
}

/// The changes' errors come first, then the objects without a Pod
/// template, each with its own newline: a blank line when there are two.
/// An unchanged object is not printed; a client dry run says so.
#[test]
fn local_errors_keep_the_clients_order_and_unchanged_objects_stay_quiet() {
    let out = run("kubectl set resources -f web.yaml --local -c nope --limits=cpu=1\nkubectl set resources -f two.yaml --local -c init --requests=cpu=100m\necho $?\nkubectl set resources -f web.yaml --local --limits=cpu=1 --dry-run=client\nkubectl set resources -f web.yaml --local --limits=cpu=1,cpu=2 -o name");
    assert_eq!(
        out,
        "$ kubectl set resources -f web.yaml --local -c nope --limits=cpu=1
error: unable to find container named nope
error: service/nginx the object is not a pod or does not have a pod template: *v1.Service

$ kubectl set resources -f two.yaml --local -c init --requests=cpu=100m
$ echo $?
0
$ kubectl set resources -f web.yaml --local --limits=cpu=1 --dry-run=client
statefulset.apps/web resource requirements updated (dry run)
error: service/nginx the object is not a pod or does not have a pod template: *v1.Service
$ kubectl set resources -f web.yaml --local --limits=cpu=1,cpu=2 -o name
statefulset.apps/web
error: service/nginx the object is not a pod or does not have a pod template: *v1.Service
"
    );
    // set image words and orders its own errors the same way.
    let out = run("kubectl set image -f web.yaml --local nope=x");
    assert_eq!(
        out,
        "$ kubectl set image -f web.yaml --local nope=x
error: unable to find container named \"nope\"
error: service/nginx the object is not a pod or does not have a pod template: *v1.Service

"
    );
}

/// On the cluster: a new template revision rolls the set (highest ordinal
/// first), and the Pods get the limits with their requests defaulted from
/// them; the same change again writes nothing and prints nothing.
#[test]
fn a_change_rolls_the_set_and_the_same_change_again_is_silent() {
    let mut c = console();
    run_in(&mut c, "kubectl apply -f web.yaml\nsleep 30");
    let out = run_in(&mut c, "kubectl set resources sts web --limits=cpu=200m,memory=256Mi --requests=cpu=0.1\nkubectl set resources sts web --limits=cpu=200m,memory=256Mi --requests=cpu=100m\necho $?\nkubectl get controllerrevisions -o name | wc -l");
    assert_eq!(
        out,
        "$ kubectl set resources sts web --limits=cpu=200m,memory=256Mi --requests=cpu=0.1
statefulset.apps/web resource requirements updated
$ kubectl set resources sts web --limits=cpu=200m,memory=256Mi --requests=cpu=100m
$ echo $?
0
$ kubectl get controllerrevisions -o name | wc -l
2
"
    );
    let out = run_in(
        &mut c,
        "kubectl rollout status sts/web --timeout=2m >/dev/null\nkubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].resources}{\"\\n\"}{end}'",
    );
    let resources =
        r#"{"limits":{"cpu":"200m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"256Mi"}}"#;
    assert!(out.contains(&format!("web-0 {resources}")), "{out}");
    assert!(out.contains(&format!("web-1 {resources}")), "{out}");
}

/// The API server's refusal comes wrapped in the command's words with its
/// status message (not kubectl's "The … is invalid" rendering), for `set
/// resources`, `set image` and `set env` alike.
#[test]
fn refusals_are_worded_as_each_set_command_wraps_them() {
    let mut c = console();
    run_in(
        &mut c,
        "kubectl apply -f web.yaml\nkubectl set resources sts web --limits=cpu=200m",
    );
    let out = run_in(&mut c, "kubectl set resources sts web --requests=cpu=300m\necho $?\nkubectl set image sts/web nginx=\nkubectl run p --image=nginx\nkubectl set env pod/p A=1");
    // The Pod's refusal goes on with the API server's diff of the spec.
    let out = out
        .split_once("previously negative)\n")
        .map(|(head, _)| format!("{head}previously negative)\n"))
        .unwrap_or(out);
    assert_eq!(
        out,
        "$ kubectl set resources sts web --requests=cpu=300m
error: failed to patch resources update to pod template StatefulSet.apps \"web\" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: \"300m\": must be less than or equal to cpu limit of 200m
$ echo $?
1
$ kubectl set image sts/web nginx=
error: failed to patch image update to pod template: StatefulSet.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value
$ kubectl run p --image=nginx
pod/p created
$ kubectl set env pod/p A=1
error: failed to patch env update to pod template: Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
"
    );
}

/// The builder's errors end the command before anything is checked or
/// changed (Complete returns them): the set found beside a missing one
/// keeps its template.
#[test]
fn a_missing_object_stops_the_command_before_any_change() {
    let mut c = console();
    run_in(&mut c, "kubectl apply -f web.yaml");
    let before = run_in(
        &mut c,
        "kubectl get sts web -o jsonpath='{.metadata.generation}'",
    );
    let out = run_in(&mut c, "kubectl set resources sts/web sts/nope --limits=cpu=1\nkubectl set image sts/web sts/nope nginx=x\nkubectl set env sts/web sts/nope A=1");
    assert_eq!(
        out,
        "$ kubectl set resources sts/web sts/nope --limits=cpu=1
Error from server (NotFound): statefulsets.apps \"nope\" not found
$ kubectl set image sts/web sts/nope nginx=x
Error from server (NotFound): statefulsets.apps \"nope\" not found
$ kubectl set env sts/web sts/nope A=1
Error from server (NotFound): statefulsets.apps \"nope\" not found
"
    );
    let after = run_in(
        &mut c,
        "kubectl get sts web -o jsonpath='{.metadata.generation}'",
    );
    assert_eq!(before, after);
}

/// A request no node has room for leaves the replaced Pod Pending with the
/// scheduler's reason, and the ordered rollout waits on it.
#[test]
fn a_request_no_node_fits_leaves_the_pod_pending() {
    let mut c = console();
    run_in(&mut c, "kubectl apply -f web.yaml\nsleep 30");
    let out = run_in(
        &mut c,
        "kubectl set resources sts web --requests=cpu=100\nsleep 30\nkubectl get pods -l app=nginx",
    );
    assert!(
        out.contains("statefulset.apps/web resource requirements updated"),
        "{out}"
    );
    assert!(out.contains("web-1   0/1     Pending"), "{out}");
    assert!(out.contains("web-0   1/1     Running"), "{out}");
    let events = run_in(&mut c, "kubectl get events --field-selector involvedObject.name=web-1,reason=FailedScheduling -o jsonpath='{.items[-1:].message}'");
    assert!(events.contains("Insufficient cpu"), "{events}");
}

/// `set resources` has kubectl's help text and the print flags.
#[test]
fn help_and_print_flags() {
    let out = run("kubectl set resources --help");
    assert!(
        out.contains("Update resource requests/limits")
            || out.contains("Specify compute resource requirements (CPU, memory)"),
        "{out}"
    );
    assert!(out.contains("--limits='':"), "{out}");
    let mut c = console();
    run_in(&mut c, "kubectl apply -f web.yaml");
    let out = run_in(&mut c, "kubectl set resources sts web --limits=cpu=1 -o go-template --template='{{.kind}}' --show-managed-fields=false --allow-missing-template-keys=true");
    assert!(out.trim_end().ends_with("\nStatefulSet"), "{out}");
}
