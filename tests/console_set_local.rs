//! `kubectl set image|env --local -f FILE` and `label --local` printer
//! errors: the files' objects changed without the server, as the kubectl
//! 1.33 client prints them (each expected text below is that client's
//! output for the same files, its metadata's `creationTimestamp: null`
//! aside: 1.35 no longer writes it). No request reaches the cluster: the
//! objects named in the files do not exist there.

use ordinal::console::Console;

const FILES: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: c
        image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
    env:
    - name: X
      value: \"1\"
";

fn run(src: &str) -> String {
    let mut c = Console::new(1);
    c.put_file("dp.yaml", FILES);
    c.put_file("web.yaml", include_str!("fixtures/manifests/web.yaml"));
    c.run_script(src, false)
        .expect("the script parses")
        .to_string()
}

/// The Go types' empty fields appear (`resources: {}`, `strategy: {}`,
/// `status: {}`), one YAML printer separates the documents with `---`.
#[test]
fn set_image_local_prints_the_changed_objects_as_their_go_types() {
    let out = run("kubectl set image --local -f dp.yaml '*=busybox:2' -o yaml");
    assert_eq!(
        out,
        "$ kubectl set image --local -f dp.yaml '*=busybox:2' -o yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  strategy: {}
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - image: busybox:2
        name: c
        resources: {}
      initContainers:
      - image: busybox:2
        name: init
        resources: {}
status: {}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - env:
    - name: X
      value: \"1\"
    image: busybox:2
    name: c
    resources: {}
status: {}
"
    );
    assert!(run("kubectl get deploy,pod 2>&1").contains("No resources found"));
}

/// A StatefulSet's status counts and empty update strategy; the Service
/// has no Pod template and is refused after the rest is printed; an
/// unchanged object is not printed at all.
#[test]
fn set_image_local_refuses_objects_without_a_pod_template() {
    let out = run("kubectl set image --local -f web.yaml nginx=nginx:1.27 -o jsonpath='{.status}'\necho\nkubectl set image --local -f web.yaml nginx=registry.k8s.io/nginx-slim:0.8\necho $?\nkubectl set image --local -f dp.yaml zz=busybox:2 -o name");
    assert_eq!(
        out,
        "$ kubectl set image --local -f web.yaml nginx=nginx:1.27 -o jsonpath='{.status}'
{\"availableReplicas\":0,\"replicas\":0}error: service/nginx the object is not a pod or does not have a pod template: *v1.Service
$ echo

$ kubectl set image --local -f web.yaml nginx=registry.k8s.io/nginx-slim:0.8
error: service/nginx the object is not a pod or does not have a pod template: *v1.Service
$ echo $?
1
$ kubectl set image --local -f dp.yaml zz=busybox:2 -o name
error: unable to find container named \"zz\"
error: unable to find container named \"zz\"
"
    );
}

#[test]
fn set_env_local_changes_lists_warns_and_refuses_overwrites() {
    let out = run("kubectl set env --local -f dp.yaml Y=2 -c c\nkubectl set env --local -f dp.yaml Y=2 -c nomatch\nkubectl set env --local -f dp.yaml X=2 --overwrite=false\nkubectl set env --local -f web.yaml --list");
    assert_eq!(
        out,
        "$ kubectl set env --local -f dp.yaml Y=2 -c c
deployment.apps/d env updated
pod/p env updated
$ kubectl set env --local -f dp.yaml Y=2 -c nomatch
Warning: Deployment/d does not have any containers matching \"nomatch\"
Warning: Pod/p does not have any containers matching \"nomatch\"
$ kubectl set env --local -f dp.yaml X=2 --overwrite=false
deployment.apps/d env updated
error: pod/p 'X' already has a value (1), and --overwrite is false
$ kubectl set env --local -f web.yaml --list
# StatefulSet web, container nginx
"
    );
}

/// --local takes files only, and never a server dry run.
#[test]
fn local_runs_take_files_only() {
    let out = run("kubectl set image --local sts/web nginx=x\nkubectl set env --local sts/web A=b\nkubectl set image --local -f web.yaml nginx=x --dry-run=server");
    assert_eq!(
        out,
        "$ kubectl set image --local sts/web nginx=x
error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
$ kubectl set env --local sts/web A=b
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
$ kubectl set image --local -f web.yaml nginx=x --dry-run=server
error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?
"
    );
}

/// label --local builds its printer for each object: a format it does not
/// have fails for each, and several errors print a line each, unprefixed.
#[test]
fn label_local_fails_each_object_on_a_printer_it_lacks() {
    let out = run("kubectl label --local -f web.yaml a=b -o wide");
    let line = "unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n";
    assert_eq!(
        out,
        format!("$ kubectl label --local -f web.yaml a=b -o wide\n{line}{line}")
    );
}

/// label and annotate with --local, checked against the kubectl 1.33
/// client (1.35's label.go compares the JSON the same way): a client dry
/// run says so, a server one is refused, --list prints the labels (a
/// header per object when several files are named), removing a label
/// that is there says `unlabeled` unless --overwrite, and an object
/// without labels reads as labeled (labelFunc always sets the map).
#[test]
fn label_and_annotate_local_follow_the_client() {
    let out = run("kubectl label --local -f web.yaml app-
kubectl label --local -f web.yaml app- --overwrite
kubectl label --local -f web.yaml --list
kubectl label --local -f web.yaml -f dp.yaml --list
kubectl annotate --local -f web.yaml a=b --dry-run=client
kubectl label --local -f web.yaml a=b --dry-run=server
kubectl label --local a=b
kubectl annotate --local sts/web a=b
kubectl annotate --local -f web.yaml a=b -o yaml | grep -c '^---'");
    assert_eq!(
        out,
        "$ kubectl label --local -f web.yaml app-
service/nginx unlabeled
statefulset.apps/web labeled
$ kubectl label --local -f web.yaml app- --overwrite
service/nginx labeled
statefulset.apps/web labeled
$ kubectl label --local -f web.yaml --list
app=nginx
$ kubectl label --local -f web.yaml -f dp.yaml --list
Listing labels for Service./nginx:
 app=nginx
Listing labels for StatefulSet.apps/web:
Listing labels for Deployment.apps/d:
Listing labels for Pod./p:
$ kubectl annotate --local -f web.yaml a=b --dry-run=client
service/nginx annotated (dry run)
statefulset.apps/web annotated (dry run)
$ kubectl label --local -f web.yaml a=b --dry-run=server
error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?
$ kubectl label --local a=b
error: one or more files must be specified as -f pod.yaml or --filename=pod.json
$ kubectl annotate --local sts/web a=b
error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set
$ kubectl annotate --local -f web.yaml a=b -o yaml | grep -c '^---'
1
"
    );
}

/// On the cluster too: a set without labels reads as labeled when a
/// label it lacks is removed (with kubectl's `not found` line), a Service
/// losing its only label as unlabeled.
#[test]
fn label_on_the_cluster_reads_the_json_as_kubectl_does() {
    let out = run("kubectl apply -f web.yaml >/dev/null
kubectl label sts web zz-
kubectl label svc nginx zz-
kubectl label svc nginx app-");
    assert_eq!(
        out,
        "$ kubectl apply -f web.yaml >/dev/null
$ kubectl label sts web zz-
label \"zz\" not found.
statefulset.apps/web labeled
$ kubectl label svc nginx zz-
label \"zz\" not found.
service/nginx not labeled
$ kubectl label svc nginx app-
service/nginx unlabeled
"
    );
}
