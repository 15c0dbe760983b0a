//! kubectl commands people type in StatefulSet and headless Service
//! workshops that Ordinal answered wrongly or not at all: `auth can-i` and
//! `auth whoami`, answered as kind's admin with kubectl's own validation.

use crate::support::console::transcript as run;

#[test]
fn auth_can_i_answers_yes_for_the_kind_admin() {
    let out = run("kubectl auth can-i create pods\necho $?\nkubectl auth can-i '*' '*'\nkubectl auth can-i delete sts/web -q\necho $?\nkubectl auth can-i get /healthz");
    assert_eq!(
        out,
        "$ kubectl auth can-i create pods\nyes\n$ echo $?\n0\n$ kubectl auth can-i '*' '*'\nyes\n$ kubectl auth can-i delete sts/web -q\n$ echo $?\n0\n$ kubectl auth can-i get /healthz\nyes\n"
    );
}

#[test]
fn auth_can_i_warns_as_kubectl_does() {
    let out = run("kubectl auth can-i get nodes\nkubectl auth can-i get nodes -A\nkubectl auth can-i list storageclasses\nkubectl auth can-i frob pods\nkubectl auth can-i get widgets");
    assert_eq!(
        out,
        "$ kubectl auth can-i get nodes\nWarning: resource 'nodes' is not namespace scoped\n\nyes\n$ kubectl auth can-i get nodes -A\nyes\n$ kubectl auth can-i list storageclasses\nWarning: resource 'storageclasses' is not namespace scoped in group 'storage.k8s.io'\n\nyes\n$ kubectl auth can-i frob pods\nWarning: verb 'frob' is not a known verb\n\nyes\n$ kubectl auth can-i get widgets\nWarning: the server doesn't have a resource type 'widgets'\n\nyes\n"
    );
}

#[test]
fn auth_can_i_as_a_service_account_is_denied() {
    let out = run("kubectl auth can-i list pods --as=system:serviceaccount:default:default\necho $?\nkubectl auth can-i get /version --as=system:serviceaccount:default:default");
    assert_eq!(
        out,
        "$ kubectl auth can-i list pods --as=system:serviceaccount:default:default\nno\n$ echo $?\n1\n$ kubectl auth can-i get /version --as=system:serviceaccount:default:default\nyes\n"
    );
}

#[test]
fn auth_can_i_validates_its_arguments() {
    let out = run("kubectl auth can-i get\nkubectl auth can-i --list pods\nkubectl auth can-i get pods --no-headers\nkubectl auth can-i get /x --subresource=log");
    assert_eq!(
        out,
        "$ kubectl auth can-i get\nerror: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n$ kubectl auth can-i --list pods\nerror: list option must be specified with no arguments\n$ kubectl auth can-i get pods --no-headers\nerror: --no-headers cannot be set without --list specified\n$ kubectl auth can-i get /x --subresource=log\nerror: --subresource can not be used with NonResourceURL\n"
    );
}

#[test]
fn auth_whoami_names_the_kind_admin() {
    let out = run("kubectl auth whoami");
    assert_eq!(
        out,
        "$ kubectl auth whoami\nATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n"
    );
}

#[test]
fn auth_alone_prints_its_help_and_fails() {
    let out = run("kubectl auth\necho $?\nkubectl auth foo");
    assert_eq!(
        out,
        "$ kubectl auth\nInspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]\n\nUse \"kubectl auth <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n$ echo $?\n1\n$ kubectl auth foo\nerror: unknown command \"foo\"\nSee 'kubectl auth -h' for help and examples\n"
    );
}

/// The "Debugging DNS Resolution" task, from its first command: the
/// dnsutils Pod comes from the task's URL (a built-in copy) and resolves
/// the API server's Service through the cluster DNS.
#[test]
fn the_dns_debugging_task_runs_from_its_url() {
    let t = crate::support::console::transcript(
        "kubectl apply -f https://k8s.io/examples/admin/dns/dnsutils.yaml
kubectl wait --for=condition=Ready pod/dnsutils
kubectl exec -i -t dnsutils -- nslookup kubernetes.default
",
    );
    assert_eq!(
        t,
        "$ kubectl apply -f https://k8s.io/examples/admin/dns/dnsutils.yaml
pod/dnsutils created
$ kubectl wait --for=condition=Ready pod/dnsutils
pod/dnsutils condition met
$ kubectl exec -i -t dnsutils -- nslookup kubernetes.default
Server:\t\t10.96.0.10
Address:\t10.96.0.10#53

Name:\tkubernetes.default.svc.cluster.local
Address: 10.96.0.1

"
    );
}

/// `kubectl run --overrides` patches the generated Pod (a JSON merge patch
/// unless `--override-type` says otherwise); a document that is not JSON is
/// refused as kubectl's Overrider refuses it.
#[test]
fn run_overrides_patch_the_generated_pod() {
    let t = crate::support::console::transcript(
        r#"kubectl run a --image=busybox:1.36 --restart=Never --overrides='{"spec":{"containers":[{"name":"a","image":"busybox:1.36","command":["sleep","3600"]}],"nodeSelector":{"kubernetes.io/hostname":"ordinal-worker2"}}}'
kubectl get pod a -o jsonpath='{.spec.containers[0].command} {.spec.nodeSelector}{"\n"}'
kubectl run b --image=busybox:1.36 --overrides='{bad'; echo $?
kubectl run c --image=busybox:1.36 --override-type=strategic --overrides='{"spec":{"containers":[{"name":"c","env":[{"name":"X","value":"1"}]}]}}' --dry-run=client -o jsonpath='{.spec.containers[0].image} {.spec.containers[0].env}{"\n"}'
"#,
    );
    assert_eq!(
        t,
        r#"$ kubectl run a --image=busybox:1.36 --restart=Never --overrides='{"spec":{"containers":[{"name":"a","image":"busybox:1.36","command":["sleep","3600"]}],"nodeSelector":{"kubernetes.io/hostname":"ordinal-worker2"}}}'
pod/a created
$ kubectl get pod a -o jsonpath='{.spec.containers[0].command} {.spec.nodeSelector}{"\n"}'
["sleep","3600"] {"kubernetes.io/hostname":"ordinal-worker2"}
$ kubectl run b --image=busybox:1.36 --overrides='{bad'; echo $?
error: Invalid JSON Patch
1
$ kubectl run c --image=busybox:1.36 --override-type=strategic --overrides='{"spec":{"containers":[{"name":"c","env":[{"name":"X","value":"1"}]}]}}' --dry-run=client -o jsonpath='{.spec.containers[0].image} {.spec.containers[0].env}{"\n"}'
busybox:1.36 [{"name":"X","value":"1"}]
"#
    );
}

/// pflag parses a duration flag with Go's `time.ParseDuration` before the
/// command runs (so nothing happens), names the subcommand's help, and an
/// integer flag with a shorthand is named with it; `--request-timeout` is
/// checked when the client is built (compared with kubectl 1.33).
#[test]
fn duration_flags_are_parsed_before_the_command_runs() {
    let out = run(
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle\n\
        kubectl delete pod web-0 --timeout=5\n\
        kubectl scale sts web --replicas=3 --timeout=abc\n\
        kubectl exec web-0 --pod-running-timeout=1x -- ls\n\
        kubectl drain ordinal-worker --timeout=abc\n\
        kubectl rollout status sts/web --timeout=abc\n\
        kubectl create deployment x --image=nginx -r abc\n\
        kubectl get pods --request-timeout=abc\n\
        kubectl get pods --request-timeout=-1\n\
        kubectl get sts web -o name --request-timeout=30",
    );
    let want = [
        "$ kubectl delete pod web-0 --timeout=5\nerror: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\nSee 'kubectl delete --help' for usage.\n",
        "$ kubectl scale sts web --replicas=3 --timeout=abc\nerror: invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl scale --help' for usage.\n",
        "$ kubectl exec web-0 --pod-running-timeout=1x -- ls\nerror: invalid argument \"1x\" for \"--pod-running-timeout\" flag: time: unknown unit \"x\" in duration \"1x\"\nSee 'kubectl exec --help' for usage.\n",
        "$ kubectl drain ordinal-worker --timeout=abc\nerror: invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl drain --help' for usage.\n",
        "$ kubectl rollout status sts/web --timeout=abc\nerror: invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl rollout status --help' for usage.\n",
        "$ kubectl create deployment x --image=nginx -r abc\nerror: invalid argument \"abc\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n",
        "$ kubectl get pods --request-timeout=abc\nerror: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n",
        "$ kubectl get pods --request-timeout=-1\nerror: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n",
        "$ kubectl get sts web -o name --request-timeout=30\nstatefulset.apps/web\n",
    ];
    for w in want {
        assert!(out.contains(w), "missing:\n{w}\nin:\n{out}");
    }
    // None of the refused commands did anything.
    let pods = run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle\nkubectl delete pod web-0 --timeout=5\nkubectl get pod web-0 -o jsonpath={.metadata.uid}");
    let fresh = run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle\nkubectl get pod web-0 -o jsonpath={.metadata.uid}");
    assert_eq!(pods.lines().last(), fresh.lines().last());
}

/// The `Usage:` line of a command's help: which command's text it is.
fn usage_line(out: &str) -> &str {
    out.lines()
        .skip_while(|l| *l != "Usage:")
        .nth(1)
        .unwrap_or_else(|| panic!("no Usage: in {out}"))
}

#[test]
fn help_names_the_subcommand_typed_with_its_own_text() {
    for (typed, usage) in [
        ("scale", "  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]"),
        ("rollout status sts/web", "  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]"),
        ("rollout undo", "  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]"),
        ("set image", "  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]"),
        ("create secret", "  kubectl create secret (docker-registry | generic | tls) [options]"),
        ("create svc nodeport", "  kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]"),
        ("top pods", "  kubectl top pod [NAME | -l label] [options]"),
        ("config use", "  kubectl config use-context CONTEXT_NAME [options]"),
        ("set resources", "  kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]"),
        ("set selector", "  kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]"),
        // No text of its own here: its group's.
        ("set subject", "  kubectl set SUBCOMMAND [options]"),
    ] {
        let flag = run(&format!("kubectl {typed} --help"));
        assert_eq!(usage_line(&flag), usage, "{typed} --help");
        // `kubectl help …` prints the same text (cobra's help command).
        let words: Vec<&str> = typed.split(' ').filter(|w| !w.contains('/')).collect();
        let topic = run(&format!("kubectl help {}", words.join(" ")));
        assert_eq!(
            flag.split_once('\n').unwrap().1,
            topic.split_once('\n').unwrap().1,
            "help {typed}"
        );
    }
    // The whole text: description, examples and options, not a summary.
    let get = run("kubectl get --help");
    assert!(
        get.contains("\nExamples:\n  # List all pods in ps output format\n  kubectl get pods\n")
    );
    assert!(get.contains("\n    --show-labels=false:\n"));
}

#[test]
fn help_of_an_unknown_topic_lists_the_commands_and_succeeds() {
    let out = run("kubectl help nosuch\necho $?");
    assert!(
        out.starts_with("$ kubectl help nosuch\nUnknown help topic [`nosuch`]\n\n\nBasic Commands (Beginner):\n"),
        "{out}"
    );
    assert!(
        out.ends_with("(applies to all commands).\n$ echo $?\n0\n"),
        "{out}"
    );
    // The root's own help has no plugins; since 1.35 `alpha` has a
    // subcommand (kuberc) and is listed.
    let root = run("kubectl --help");
    assert!(root.contains("Subcommands provided by plugins:\n\nOther Commands:\n  alpha           Commands for features in alpha\n  api-resources"));
    assert!(root
        .contains("  plugin          Provides utilities for interacting with plugins\n  version "));
    // The help command's own help; `options` lists every global flag
    // (for the workstation's user) and has an empty help.
    assert!(run("kubectl help help")
        .contains("\nHelp provides help for any command in the application.\n"));
    let options = run("kubectl options");
    assert!(
        options.contains("\n    --cache-dir='/home/learner/.kube/cache':\n"),
        "{options}"
    );
    assert!(options.contains(
        "\n    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n"
    ));
    assert!(options.contains("\n    --kuberc='':\n"), "{options}");
    assert_eq!(
        run("kubectl options --help\nkubectl help options"),
        "$ kubectl options --help\n$ kubectl help options\n"
    );
}

#[test]
fn group_commands_typed_alone_answer_as_kubectl_does() {
    let out = run("kubectl config\necho $?\nkubectl alpha\necho $?\nkubectl completion\necho $?\nkubectl certificate\necho $?");
    assert!(out.starts_with("$ kubectl config\nModify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n"), "{out}");
    assert!(out.contains("  kubectl config SUBCOMMAND [options]\n"));
    assert!(out.contains("$ echo $?\n1\n$ kubectl alpha\nThese commands correspond to alpha features that are not enabled in Kubernetes clusters by default.\n\nAvailable Commands:\n  kuberc        Manage kuberc configuration files\n"));
    assert!(out.contains("$ kubectl completion\nerror: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n$ echo $?\n1\n"));
    assert!(out.contains("$ kubectl certificate\nModify certificate resources.\n"));
    assert!(out.ends_with("$ echo $?\n0\n"), "{out}");
}

/// A server-side dry run answers as the API server's dry-run storage does:
/// nothing is written, so an update keeps the stored resourceVersion (its
/// generation still counts the change), a create has none, and `kubectl
/// diff`'s MERGED side (a dry-run apply) differs from LIVE only where the
/// change does.
#[test]
fn server_dry_runs_answer_without_a_new_resource_version() {
    let mut c = crate::support::console::with_fixtures();
    crate::support::console::ok(
        &mut c,
        "kubectl apply -f web.yaml\nkubectl rollout status sts/web",
    );
    let rv = crate::support::console::ok(
        &mut c,
        "kubectl get sts web -o jsonpath='{.metadata.resourceVersion}'",
    );
    for cmd in [
        "kubectl label sts web a=b --dry-run=server -o jsonpath='{.metadata.resourceVersion}'",
        "kubectl set image sts/web nginx=nginx:1.27 --dry-run=server -o jsonpath='{.metadata.resourceVersion}'",
        "kubectl rollout restart sts/web --dry-run=server -o jsonpath='{.metadata.resourceVersion}'",
        "kubectl scale sts web --replicas=3 --dry-run=server -o jsonpath='{.metadata.resourceVersion}'",
    ] {
        assert_eq!(crate::support::console::ok(&mut c, cmd), rv, "{cmd}");
    }
    let restarted = crate::support::console::ok(
        &mut c,
        "kubectl rollout restart sts/web --dry-run=server -o jsonpath='{.metadata.generation}'",
    );
    assert_eq!(restarted, "2");
    let created = crate::support::console::ok(&mut c, "kubectl create configmap c --dry-run=server -o jsonpath='{.metadata.resourceVersion}|{.metadata.uid}'");
    assert!(created.starts_with('|') && created.len() > 30, "{created}");
    // Nothing was written.
    assert_eq!(
        crate::support::console::ok(
            &mut c,
            "kubectl get sts web -o jsonpath='{.metadata.resourceVersion}'"
        ),
        rv
    );
    c.put_file(
        "web3.yaml",
        &include_str!("fixtures/manifests/web.yaml").replace("replicas: 2", "replicas: 3"),
    );
    let (code, diff, _) = crate::support::console::run(&mut c, "kubectl diff -f web3.yaml");
    assert_eq!(code, 1, "{diff}");
    assert!(
        diff.contains("-  generation: 1\n+  generation: 2\n"),
        "{diff}"
    );
    assert!(diff.contains("-  replicas: 2\n+  replicas: 3\n"), "{diff}");
    assert!(!diff.contains("+  resourceVersion"), "{diff}");
}

/// `kubectl apply --prune`: it needs a selector or `--all` (not both);
/// after the files are applied, what an earlier apply made (the
/// last-applied annotation) that the selector picks and this apply did not
/// touch is deleted and printed `pruned`; a dry run only says so; objects
/// no apply made (the root CA ConfigMap) are never pruned.
#[test]
fn apply_prune_deletes_what_earlier_applies_made_and_this_one_left_out() {
    let mut c = crate::support::console::with_fixtures();
    c.put_file(
        "extra.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  labels:\n    app: nginx\ndata:\n  a: b\n",
    );
    crate::support::console::ok(&mut c, "kubectl apply -f web.yaml -f extra.yaml");
    assert_eq!(
        crate::support::console::fails(&mut c, "kubectl apply -f web.yaml --prune"),
        "error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n"
    );
    assert_eq!(
        crate::support::console::fails(
            &mut c,
            "kubectl apply -f web.yaml --prune --all -l app=nginx"
        ),
        "error: cannot set --all and --selector at the same time\n"
    );
    assert_eq!(
        crate::support::console::ok(
            &mut c,
            "kubectl apply -f web.yaml --prune -l app=nginx --dry-run=server"
        ),
        "service/nginx unchanged (server dry run)\nconfigmap/extra pruned (server dry run)\n"
    );
    assert_eq!(
        crate::support::console::ok(&mut c, "kubectl get cm extra -o name"),
        "configmap/extra\n"
    );
    assert_eq!(
        crate::support::console::ok(&mut c, "kubectl apply -f web.yaml --prune -l app=nginx"),
        "service/nginx unchanged\nconfigmap/extra pruned\n"
    );
    assert_eq!(
        crate::support::console::ok(&mut c, "kubectl get cm -o name"),
        "configmap/kube-root-ca.crt\n"
    );
    // --all prunes across kinds; the StatefulSet in the file stays.
    assert!(
        crate::support::console::ok(&mut c, "kubectl apply -f web.yaml --prune --all")
            .lines()
            .all(|l| !l.contains("pruned"))
    );
    assert_eq!(
        crate::support::console::ok(&mut c, "kubectl get sts -o name"),
        "statefulset.apps/web\n"
    );
}

/// `--warnings-as-errors`: a command that drew warnings from the API
/// server fails after it ran (`error: 1 warning received`, exit 1); one
/// that drew none is untouched.
#[test]
fn warnings_as_errors_fails_a_command_the_server_warned_about() {
    let out = run("kubectl get endpoints --warnings-as-errors\necho \"exit=$?\"\nkubectl get pods --warnings-as-errors\necho \"exit=$?\"");
    assert_eq!(
        out,
        "$ kubectl get endpoints --warnings-as-errors\nWarning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\nNAME         ENDPOINTS         AGE\nkubernetes   172.18.0.3:6443   0s\nerror: 1 warning received\n$ echo \"exit=$?\"\nexit=1\n$ kubectl get pods --warnings-as-errors\nNo resources found in default namespace.\n$ echo \"exit=$?\"\nexit=0\n"
    );
}

/// The commands that print the object they changed through kubectl's
/// PrintFlags take `--template`, `--allow-missing-template-keys` and
/// `--show-managed-fields` (they were refused as unknown flags), and a
/// template given with `-o go-template` is used.
#[test]
fn commands_printing_their_object_take_the_template_flags() {
    let script = "kubectl apply -f https://k8s.io/examples/application/web/web.yaml >/dev/null
kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}' -o go-template --template='{{.spec.replicas}} '
kubectl label sts web tier=web -o go-template --template='{{.metadata.labels.tier}} '
kubectl annotate sts web note=x -o go-template --template='{{.metadata.annotations.note}} '
kubectl scale sts web --replicas=2 --template='{{.spec.replicas}} '
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24 -o go-template --template='{{.kind}} ' --show-managed-fields=false
kubectl rollout restart sts/web -o go-template --template='{{.kind}} ' --allow-missing-template-keys=true
kubectl rollout history sts/web -o go-template --template='{{.metadata.name}} '
kubectl taint node ordinal-worker k=v:NoSchedule -o go-template --template='{{len .spec.taints}} '";
    let out = run(script);
    for (cmd, printed) in [
        ("patch", "3 "),
        ("label", "web "),
        ("annotate", "x "),
        // scale prints the object as it fetched it, before the change.
        ("scale", "3 "),
        ("set image", "StatefulSet "),
        ("rollout restart", "StatefulSet "),
        ("rollout history", "web web web "),
        ("taint", "1 "),
    ] {
        let line = out
            .split("$ kubectl ")
            .find(|b| b.starts_with(cmd))
            .unwrap_or_else(|| panic!("{cmd}: {out}"));
        assert!(line.ends_with(&format!("\n{printed}\n")), "{cmd}: {line:?}");
    }
    assert!(!out.contains("unknown flag"), "{out}");
}

/// `kubectl taint` has `-o` (it printed `node/… tainted` only): `name`
/// drops the operation, a server dry run shows the node as it would be.
#[test]
fn taint_prints_the_node_in_the_format_asked() {
    let out = run("kubectl taint node ordinal-worker a=b:NoSchedule -o name\nkubectl taint node ordinal-worker a- --dry-run=server -o jsonpath='{.spec.taints}'\necho\nkubectl taint node ordinal-worker a- --dry-run=client\nkubectl get node ordinal-worker -o jsonpath='{.spec.taints[*].key}'");
    assert_eq!(
        out,
        "$ kubectl taint node ordinal-worker a=b:NoSchedule -o name
node/ordinal-worker
$ kubectl taint node ordinal-worker a- --dry-run=server -o jsonpath='{.spec.taints}'
$ echo

$ kubectl taint node ordinal-worker a- --dry-run=client
node/ordinal-worker untainted (dry run)
$ kubectl get node ordinal-worker -o jsonpath='{.spec.taints[*].key}'
a
"
    );
}

/// create and replace print each object as they make it (their visitor
/// calls the printer), so a file of two objects is two YAML documents;
/// apply prints one List.
#[test]
fn create_and_replace_print_each_object_and_apply_a_list() {
    let out = run("kubectl create -f https://k8s.io/examples/application/web/web.yaml --dry-run=client -o yaml | grep -E '^(kind|---)'
kubectl create -f https://k8s.io/examples/application/web/web.yaml -o jsonpath='{.kind} '
echo
kubectl replace -f https://k8s.io/examples/application/web/web.yaml -o go-template --template='{{.kind}} '
echo
kubectl apply -f https://k8s.io/examples/application/web/web.yaml -o yaml 2>/dev/null | grep -E '^(kind|---)'");
    assert_eq!(
        out,
        "$ kubectl create -f https://k8s.io/examples/application/web/web.yaml --dry-run=client -o yaml | grep -E '^(kind|---)'
kind: Service
---
kind: StatefulSet
$ kubectl create -f https://k8s.io/examples/application/web/web.yaml -o jsonpath='{.kind} '
Service StatefulSet 
$ echo

$ kubectl replace -f https://k8s.io/examples/application/web/web.yaml -o go-template --template='{{.kind}} '
Service StatefulSet 
$ echo

$ kubectl apply -f https://k8s.io/examples/application/web/web.yaml -o yaml 2>/dev/null | grep -E '^(kind|---)'
kind: List
"
    );
}

/// `create service` and `create secret` are groups without flags of their
/// own: cobra parses the flags against the group before it looks at the
/// unknown subcommand, so a flag is what fails first.
#[test]
fn create_groups_refuse_flags_before_unknown_subcommands() {
    let out = run("kubectl create service headless my -o yaml\nkubectl create secret foo --dry-run=client\nkubectl create service headless my");
    assert_eq!(
        out,
        "$ kubectl create service headless my -o yaml
error: unknown shorthand flag: 'o' in -o
See 'kubectl create service --help' for usage.
$ kubectl create secret foo --dry-run=client
error: unknown flag: --dry-run
See 'kubectl create secret --help' for usage.
$ kubectl create service headless my
error: unknown command \"headless my\"
See 'kubectl create service -h' for help and examples
"
    );
}

/// The workstation has no `kubectl-*` programs: `kubectl plugin list`
/// says so as kubectl does, and exits 1.
#[test]
fn plugin_list_finds_no_plugins() {
    let out = run("kubectl plugin list --name-only\necho $?\nkubectl plugin foo");
    assert_eq!(
        out,
        "$ kubectl plugin list --name-only
error: unable to find any kubectl plugins in your PATH
$ echo $?
1
$ kubectl plugin foo
error: unknown command \"foo\"
See 'kubectl plugin -h' for help and examples
"
    );
}

/// `kubectl apply`'s flags that cannot go together are refused before
/// anything is read, with kubectl's words and in its Validate order (they
/// were accepted, or the Note about server-side apply came first).
#[test]
fn apply_refuses_flags_that_cannot_go_together() {
    for (flags, error) in [
        ("--force-conflicts", "--force-conflicts only works with --server-side"),
        ("--server-side --dry-run=client --force-conflicts", "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)"),
        ("--server-side --force", "--force cannot be used with --server-side"),
        ("--force --dry-run=server", "--dry-run=server cannot be used with --force"),
        ("--all -l a=b", "cannot set --all and --selector at the same time"),
        ("--prune --force --all", "--force cannot be used with --prune"),
        ("--server-side --prune -l a=b", "--prune is in alpha and doesn't currently work on objects created by server-side apply"),
    ] {
        let cmd = format!("kubectl apply -f https://k8s.io/examples/application/web/web.yaml {flags}");
        assert_eq!(run(&format!("{cmd}\nkubectl get sts 2>&1")), format!("$ {cmd}\nerror: {error}\n$ kubectl get sts 2>&1\nNo resources found in default namespace.\n"), "{flags}");
    }
}

/// cordon, uncordon and drain take the nodes a `--selector` picks (drain
/// cordons them all first, then drains each), never a name with it; the
/// flag removed from kubectl (`--delete-local-data`) is an unknown flag.
#[test]
fn node_commands_take_a_selector_instead_of_names() {
    let out = run(
        "kubectl label node ordinal-worker2 ordinal-worker3 pool=b >/dev/null
kubectl cordon -l pool=b
kubectl cordon -l pool=b ordinal-worker
kubectl uncordon -l pool=b --dry-run=client
kubectl drain -l pool=b --ignore-daemonsets 2>/dev/null
kubectl drain ordinal-worker --delete-local-data
kubectl uncordon",
    );
    assert_eq!(
        out,
        "$ kubectl label node ordinal-worker2 ordinal-worker3 pool=b >/dev/null
$ kubectl cordon -l pool=b
node/ordinal-worker2 cordoned
node/ordinal-worker3 cordoned
$ kubectl cordon -l pool=b ordinal-worker
error: cannot specify both a node name and a --selector option
See 'kubectl cordon -h' for help and examples
$ kubectl uncordon -l pool=b --dry-run=client
node/ordinal-worker2 uncordoned (dry run)
node/ordinal-worker3 uncordoned (dry run)
$ kubectl drain -l pool=b --ignore-daemonsets 2>/dev/null
node/ordinal-worker2 already cordoned
node/ordinal-worker3 already cordoned
node/ordinal-worker2 drained
node/ordinal-worker3 drained
$ kubectl drain ordinal-worker --delete-local-data
error: unknown flag: --delete-local-data
See 'kubectl drain --help' for usage.
$ kubectl uncordon
error: USAGE: uncordon NODE [flags]
See 'kubectl uncordon -h' for help and examples
"
    );
}

/// `RunDrain` goes on after a node it cannot drain: the next is drained,
/// and the nodes that failed are named at the end, then their errors.
#[test]
fn a_drain_that_fails_on_one_node_drains_the_next() {
    let out = run("kubectl run bare --image=busybox:1.36 --overrides='{\"spec\":{\"nodeName\":\"ordinal-worker\"}}' -- sleep 3600 >/dev/null
kubectl label node ordinal-worker ordinal-worker2 pool=a >/dev/null
kubectl drain -l pool=a --ignore-daemonsets 2>&1 | grep -v Warning");
    assert!(
        out.ends_with("node/ordinal-worker cordoned
node/ordinal-worker2 cordoned
error: unable to drain node \"ordinal-worker\" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...
node/ordinal-worker2 drained
There are pending nodes to be drained:
 ordinal-worker
cannot delete Pods that declare no controller (use --force to override): default/bare
"),
        "{out}"
    );
}

/// Messages checked against the kubectl 1.33 client (the watch warnings
/// for --sort-by, `config view`'s printers) and read in 1.35's source
/// (`api-resources` gained JSON and YAML in 1.34: other formats are the
/// printer's error, before the sort key is checked).
#[test]
fn client_side_refusals_in_kubectls_words() {
    let out = run(
        "kubectl get pods -w --sort-by=.metadata.name --request-timeout=1s
kubectl get pods --watch-only --sort-by=.metadata.name --request-timeout=1s
kubectl api-resources -o foo --sort-by=x
kubectl api-resources --sort-by=x
kubectl config view -o wide",
    );
    assert_eq!(
        out,
        "$ kubectl get pods -w --sort-by=.metadata.name --request-timeout=1s
warning: --watch requested, --sort-by will be ignored for watch events received
$ kubectl get pods --watch-only --sort-by=.metadata.name --request-timeout=1s
warning: --watch-only requested, --sort-by will be ignored
$ kubectl api-resources -o foo --sort-by=x
error: unable to match a printer suitable for the output format \"foo\", allowed formats are: json,name,wide,yaml
$ kubectl api-resources --sort-by=x
error: --sort-by accepts only name or kind
$ kubectl config view -o wide
error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
"
    );
}

/// `api-resources -o json` is the flattened APIResourceList, each resource
/// in the Go field order; `-o wide` joins the verbs with commas.
#[test]
fn api_resources_prints_the_resource_list() {
    let out = run("kubectl api-resources -o json --api-group=apps | head -n 12
kubectl api-resources -o wide --api-group=apps --no-headers | head -n 1");
    assert_eq!(
        out,
        "$ kubectl api-resources -o json --api-group=apps | head -n 12
{
    \"kind\": \"APIResourceList\",
    \"apiVersion\": \"v1\",
    \"groupVersion\": \"\",
    \"resources\": [
        {
            \"name\": \"controllerrevisions\",
            \"singularName\": \"controllerrevision\",
            \"namespaced\": true,
            \"group\": \"apps\",
            \"version\": \"v1\",
            \"kind\": \"ControllerRevision\",
$ kubectl api-resources -o wide --api-group=apps --no-headers | head -n 1
controllerrevisions            apps/v1   true   ControllerRevision   create,delete,deletecollection,get,list,patch,update,watch   
"
    );
}

/// `kubectl delete -i` lists what it would delete and reads the answer
/// from standard input: nothing typed cancels, `y` deletes (1.35's prompt
/// says `(y/N)`).
#[test]
fn delete_interactive_asks_on_standard_input() {
    let out = run("kubectl run p --image=nginx >/dev/null
kubectl delete pod p -i
echo y | kubectl delete pod p -i
kubectl get pod p");
    assert_eq!(
        out,
        "$ kubectl run p --image=nginx >/dev/null
$ kubectl delete pod p -i
You are about to delete the following 1 resource(s):
pod/p
Do you want to continue? (y/N): deletion is cancelled
$ echo y | kubectl delete pod p -i
You are about to delete the following 1 resource(s):
pod/p
Do you want to continue? (y/N): pod \"p\" deleted from default namespace
$ kubectl get pod p
Error from server (NotFound): pods \"p\" not found
"
    );
}

/// A drain's dry runs name the evictions as pkg/drain does: `(dry run)`
/// from the client, `(server dry run)` for the API server's.
#[test]
fn drain_dry_runs_name_their_evictions() {
    let out = run("kubectl run p --image=nginx --overrides='{\"spec\":{\"nodeName\":\"ordinal-worker\"}}' >/dev/null
kubectl drain ordinal-worker --ignore-daemonsets --force --dry-run=server 2>/dev/null
kubectl drain ordinal-worker --ignore-daemonsets --force --dry-run=client 2>/dev/null");
    assert!(out.contains("node/ordinal-worker cordoned (server dry run)\nevicting pod default/p (server dry run)\nnode/ordinal-worker drained (server dry run)\n"), "{out}");
    assert!(out.contains("node/ordinal-worker cordoned (dry run)\nevicting pod default/p (dry run)\nnode/ordinal-worker drained (dry run)\n"), "{out}");
}

/// Client-side checks read in kubectl 1.35's source: replace's deletion
/// flags belong to --force (which takes no dry run), taint's
/// `validateFlags` and conflict wording, logs' negative --since.
#[test]
fn replace_taint_and_logs_validate_as_kubectl() {
    let out = run(
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml >/dev/null
kubectl replace -f https://k8s.io/examples/application/web/web.yaml --grace-period=5
kubectl replace -f https://k8s.io/examples/application/web/web.yaml --timeout=5s
kubectl replace -f https://k8s.io/examples/application/web/web.yaml --force --dry-run=client
kubectl taint node ordinal-worker --all -l a=b k=v:NoSchedule
kubectl taint node k=v:NoSchedule
kubectl taint node ordinal-worker k=v:NoSchedule k:NoSchedule-
kubectl logs web-0 --since=-5s",
    );
    assert_eq!(
        out,
        "$ kubectl apply -f https://k8s.io/examples/application/web/web.yaml >/dev/null
$ kubectl replace -f https://k8s.io/examples/application/web/web.yaml --grace-period=5
error: --grace-period must have --force specified
$ kubectl replace -f https://k8s.io/examples/application/web/web.yaml --timeout=5s
error: --timeout must have --force specified
$ kubectl replace -f https://k8s.io/examples/application/web/web.yaml --force --dry-run=client
error: --dry-run can not be used when --force is set
$ kubectl taint node ordinal-worker --all -l a=b k=v:NoSchedule
error: setting 'all' parameter with a non empty selector is prohibited
$ kubectl taint node k=v:NoSchedule
error: at least one resource name must be specified since 'all' parameter is not set
$ kubectl taint node ordinal-worker k=v:NoSchedule k:NoSchedule-
error: can not both modify and remove the following taint(s) in the same command: k=NoSchedule
$ kubectl logs web-0 --since=-5s
error: --since must be greater than 0
"
    );
}

/// cordon and drain take `TYPE/NAME` as the builder does, and refuse a
/// type that is not a node with drain.go's own message.
#[test]
fn node_commands_refuse_other_types() {
    let out = run(
        "kubectl cordon node/ordinal-worker\nkubectl drain pod/p\nkubectl cordon statefulset/web",
    );
    assert_eq!(
        out,
        "$ kubectl cordon node/ordinal-worker
node/ordinal-worker cordoned
$ kubectl drain pod/p
error: expected resource of type node, got \"/v1, Resource=pods\"
$ kubectl cordon statefulset/web
error: expected resource of type node, got \"apps/v1, Resource=statefulsets\"
"
    );
}
