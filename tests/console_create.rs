//! The `kubectl create` generators as kubectl 1.33–1.35 build them
//! (pkg/cmd/create): `create poddisruptionbudget` and `create
//! serviceaccount`, each generator's own flags (cobra parses a
//! subcommand's command line with its flags only), the server's errors
//! wrapped as each generator wraps them, the Go field order of a client
//! dry run's JSON; and `-l` on `apply -f` / `create -f`, which sends only
//! the files' objects whose labels match, as the other `-f` readers
//! filter theirs. The client-side texts were
//! compared with kubectl 1.33's own output.

use crate::support;

use ordinal::console::Console;
use support::console::{fails, ok, run};

fn cluster() -> Console {
    let mut c = Console::new(1);
    let t =
        c.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    c
}

fn json(c: &mut Console, cmd: &str) -> serde_json::Value {
    let out = ok(c, cmd);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{cmd}: {e}\n{out}"))
}

/// Where each key first appears in a printed document.
fn before(text: &str, keys: &[&str]) {
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(&format!("\"{k}\""))
                .unwrap_or_else(|| panic!("{k} missing in {text}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{keys:?} out of order in {text}"
    );
}

#[test]
fn a_budget_from_the_command_line_is_honoured_by_a_drain() {
    let mut c = cluster();
    assert_eq!(
        ok(
            &mut c,
            "kubectl create pdb web-pdb --selector=app=nginx --min-available=2"
        ),
        "poddisruptionbudget.policy/web-pdb created\n"
    );
    ok(&mut c, "sim settle");
    let status = json(&mut c, "kubectl get pdb web-pdb -o json")["status"].clone();
    assert_eq!(status["currentHealthy"], 2, "{status}");
    assert_eq!(status["disruptionsAllowed"], 0, "{status}");
    let node = ok(&mut c, "kubectl get pod web-0 -o jsonpath={.spec.nodeName}");
    let err = fails(
        &mut c,
        &format!("kubectl drain {node} --ignore-daemonsets --timeout=12s"),
    );
    assert!(
        err.contains("Cannot evict pod as it would violate the pod's disruption budget."),
        "{err}"
    );
    // A third replica leaves room for one disruption.
    ok(&mut c, &format!("kubectl uncordon {node}"));
    ok(&mut c, "kubectl scale sts web --replicas=3");
    ok(&mut c, "sim settle");
    let status = json(&mut c, "kubectl get pdb web-pdb -o json")["status"].clone();
    assert_eq!(status["disruptionsAllowed"], 1, "{status}");
    let node = ok(&mut c, "kubectl get pod web-0 -o jsonpath={.spec.nodeName}");
    let out = ok(
        &mut c,
        &format!("kubectl drain {node} --ignore-daemonsets --timeout=60s"),
    );
    assert!(out.contains("pod/web-0 evicted"), "{out}");
}

#[test]
fn a_budget_selector_becomes_match_labels_and_expressions() {
    let mut c = Console::new(1);
    let v = json(
        &mut c,
        "kubectl create pdb b --selector='app=web,tier in (z,a,z),!canary,zone' --max-unavailable=25% --dry-run=client -o json",
    );
    assert_eq!(v["spec"]["maxUnavailable"], "25%");
    assert_eq!(v["spec"]["selector"]["matchLabels"]["app"], "web");
    let exprs = v["spec"]["selector"]["matchExpressions"].to_string();
    // Sorted by key, values sorted once each (`sets.List`).
    assert_eq!(
        exprs,
        r#"[{"key":"canary","operator":"DoesNotExist"},{"key":"tier","operator":"In","values":["a","z"]},{"key":"zone","operator":"Exists"}]"#
    );
    // `intstr.Parse`: digits are a number.
    let v = json(
        &mut c,
        "kubectl create pdb b --selector=a=b --min-available=007 --dry-run=client -o json",
    );
    assert_eq!(v["spec"]["minAvailable"], 7);
    let text = ok(
        &mut c,
        "kubectl create pdb b --selector=a=b --min-available=1 --dry-run=client -o json",
    );
    before(&text, &["kind", "apiVersion", "metadata", "spec", "status"]);
    before(&text, &["minAvailable", "selector"]);
    before(
        &text,
        &[
            "disruptionsAllowed",
            "currentHealthy",
            "desiredHealthy",
            "expectedPods",
        ],
    );
    // Nothing was created by the dry runs.
    assert!(fails(&mut c, "kubectl get pdb b").contains("not found"));
}

#[test]
fn a_budget_is_refused_as_kubectl_refuses_it() {
    let mut c = Console::new(1);
    let cases = [
        ("--selector=a=b", "error: one of min-available or max-unavailable must be specified\n"),
        ("--min-available=1", "error: a selector must be specified\n"),
        (
            "--selector=a=b --min-available=1 --max-unavailable=1",
            "error: min-available and max-unavailable cannot be both specified\n",
        ),
        ("--selector=a=b --min-available=1Gb", "error: invalid format specified for min-available\n"),
        ("--selector=a=b --max-unavailable=x", "error: invalid format specified for max-unavailable\n"),
        (
            "--selector=a=b=c --min-available=1",
            "error: couldn't parse the selector string \"a=b=c\": found '=', expected: ',' or 'end of string'\n",
        ),
        ("--selector='a!=b' --min-available=1", "error: \"!=\" is not a valid label selector operator\n"),
        ("--selector='a>1' --min-available=1", "error: \"gt\" isn't supported in label selectors\n"),
    ];
    for (flags, want) in cases {
        assert_eq!(
            fails(&mut c, &format!("kubectl create pdb x {flags}")),
            want,
            "{flags}"
        );
    }
    assert_eq!(
        fails(&mut c, "kubectl create pdb --selector=a=b --min-available=1"),
        "error: exactly one NAME is required, got 0\nSee 'kubectl create poddisruptionbudget -h' for help and examples\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl create pdb x -l a=b --min-available=1"),
        "error: unknown shorthand flag: 'l' in -l\nSee 'kubectl create poddisruptionbudget --help' for usage.\n"
    );
    assert!(ok(&mut c, "kubectl get pdb").is_empty());
}

#[test]
fn each_generator_parses_its_own_flags() {
    let mut c = Console::new(1);
    for (cmd, sub, flag) in [
        ("create cm x --image=a", "configmap", "--image"),
        ("create configmap x --selector=a", "configmap", "--selector"),
        (
            "create ns x --from-literal=a=b",
            "namespace",
            "--from-literal",
        ),
        ("create sa x --bogus", "serviceaccount", "--bogus"),
        (
            "create svc clusterip x --tcp=80 --node-port=3",
            "service clusterip",
            "--node-port",
        ),
        ("create secret generic x --tcp=1", "secret generic", "--tcp"),
        (
            "create deployment x --image=nginx --bogus",
            "deployment",
            "--bogus",
        ),
        ("create -f web.yaml --image=x", "", "--image"),
    ] {
        let see = if sub.is_empty() {
            "create".to_string()
        } else {
            format!("create {sub}")
        };
        assert_eq!(
            fails(&mut c, &format!("kubectl {cmd}")),
            format!("error: unknown flag: {flag}\nSee 'kubectl {see} --help' for usage.\n"),
            "{cmd}"
        );
    }
    // `create deployment` has `-r`.
    assert_eq!(
        ok(&mut c, "kubectl create deploy x -r 3 --image=nginx --dry-run=client -o jsonpath={.spec.replicas}"),
        "3"
    );
    // A generator Ordinal does not have says so, whatever its flags.
    for cmd in [
        "create job x --image=busybox",
        "create cronjob x --image=busybox --schedule='*/1 * * * *'",
        "create secret tls x --cert=a --key=b",
        "create service externalname x --external-name=example.com",
    ] {
        let err = fails(&mut c, &format!("kubectl {cmd}"));
        assert!(
            err.contains("Ordinal") && !err.contains("unknown flag"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn a_generator_wraps_the_servers_error_as_kubectl_does() {
    let mut c = Console::new(1);
    for (cmd, want) in [
        ("create deployment x --image=nginx", "error: failed to create deployment: deployments.apps \"x\" already exists\n"),
        ("create cm c", "error: failed to create configmap: configmaps \"c\" already exists\n"),
        ("create secret generic s", "error: failed to create secret secrets \"s\" already exists\n"),
        ("create svc nodeport s --tcp=80", "error: failed to create NodePort service: services \"s\" already exists\n"),
        ("create sa robot", "error: failed to create serviceaccount: serviceaccounts \"robot\" already exists\n"),
        ("create pdb p --selector=a=b --min-available=1", "error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy \"p\" already exists\n"),
        // `create namespace` returns the server's error as it is.
        ("create ns n", "Error from server (AlreadyExists): namespaces \"n\" already exists\n"),
    ] {
        let cmd = format!("kubectl {cmd}");
        ok(&mut c, &cmd);
        assert_eq!(fails(&mut c, &cmd), want, "{cmd}");
    }
    assert!(fails(&mut c, "kubectl create deployment Bad_Name --image=nginx")
        .starts_with("error: failed to create deployment: Deployment.apps \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\""));
    assert!(fails(
        &mut c,
        "kubectl create pdb q --selector=a=b --min-available=1 -n nope"
    )
    .starts_with("error: failed to create poddisruptionbudgets: namespaces \"nope\" not found"));
}

#[test]
fn a_generated_deployment_prints_in_the_go_structs_order() {
    let mut c = Console::new(1);
    let text = ok(
        &mut c,
        "kubectl create deployment x --image=nginx --port=80 --dry-run=client -o json",
    );
    before(&text, &["kind", "apiVersion", "metadata", "spec", "status"]);
    before(&text, &["replicas", "selector", "template", "strategy"]);
    before(&text, &["name", "image", "ports", "resources"]);
}

#[test]
fn apply_with_a_selector_sends_only_the_matching_objects() {
    let mut c = Console::new(1);
    let web = "https://k8s.io/examples/application/web/web.yaml";
    // Only the Service carries app=nginx; the StatefulSet has no labels.
    assert_eq!(
        fails(&mut c, &format!("kubectl apply -f {web} -l app=nope")),
        "error: no objects passed to apply\n"
    );
    assert_eq!(
        fails(&mut c, &format!("kubectl apply -f {web} -l 'a=b=c'")),
        "error: the provided selector \"a=b=c\" is not valid: found '=', expected: ',' or 'end of string'\n"
    );
    assert_eq!(
        ok(&mut c, &format!("kubectl apply -f {web} -l app=nginx")),
        "service/nginx created\n"
    );
    assert!(fails(&mut c, "kubectl get sts web").contains("not found"));
    assert_eq!(
        fails(&mut c, &format!("kubectl create -f {web} -l app=nope")),
        "error: no objects passed to create\n"
    );
    assert_eq!(
        ok(&mut c, &format!("kubectl create -f {web} -l '!app'")),
        "statefulset.apps/web created\n"
    );
}

/// The builder's label filter on `-f`: after `RetrieveLatest` for the
/// commands built with `.Latest()` (get, label, rollout, set), so on the
/// live labels; before any lookup for delete, describe and scale, on the
/// labels the file gives.
#[test]
fn file_readers_filter_by_live_or_written_labels() {
    let mut c = cluster();
    let web = "https://k8s.io/examples/application/web/web.yaml";
    // The file's StatefulSet has no labels; the live one gets tier=db.
    ok(&mut c, "kubectl label sts web tier=db");
    let got = ok(&mut c, &format!("kubectl get -f {web} -l tier=db"));
    assert!(got.starts_with("NAME   READY   AGE\nweb    2/2"), "{got}");
    assert!(!got.contains("nginx"), "{got}");
    assert_eq!(
        run(&mut c, &format!("kubectl describe -f {web} -l tier=db")),
        (
            0,
            String::new(),
            "No resources found in default namespace.\n".to_string()
        )
    );
    assert_eq!(
        fails(
            &mut c,
            &format!("kubectl scale -f {web} -l tier=db --replicas=3")
        ),
        "error: no objects passed to scale\n"
    );
    assert_eq!(
        ok(&mut c, &format!("kubectl delete -f {web} -l tier=db")),
        "No resources found\n"
    );
    assert_eq!(
        ok(&mut c, &format!("kubectl delete -f {web} -l app=nginx")),
        "service \"nginx\" deleted from default namespace\n"
    );
    assert!(ok(&mut c, "kubectl get sts web").contains("web"));
    // The builder parses the selector for files itself; a list request
    // with a bad one is the server's error, as it is without -f.
    for verb in ["get", "delete", "describe"] {
        assert_eq!(
            fails(&mut c, &format!("kubectl {verb} -f {web} -l 'a=b=c'")),
            "error: the provided selector \"a=b=c\" is not valid: found '=', expected: ',' or 'end of string'\n",
            "{verb}"
        );
    }
    assert!(fails(&mut c, "kubectl describe pods -l 'a=b=c'")
        .starts_with("Error from server (BadRequest): Unable to find \"/v1, Resource=pods\""));
}

/// Ordinal's note on kinds it keeps without running their controllers
/// follows the objects the server took: an apply refused by validation
/// adds no note to kubectl's error.
#[test]
fn the_kept_only_note_follows_what_the_server_took() {
    let mut c = Console::new(1);
    let job = |name: &str| {
        format!("kubectl apply -f - <<'EOF'\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec: {{restartPolicy: Never, containers: [{{name: c, image: busybox}}]}}\nEOF")
    };
    let (code, out, err) = run(&mut c, &job("Bad_Name"));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.starts_with("The Job \"Bad_Name\" is invalid"), "{err}");
    assert!(!err.contains("Note:"), "{err}");
    let (code, out, err) = run(&mut c, &job("good"));
    assert_eq!((code, out.as_str()), (0, "job.batch/good created\n"));
    assert_eq!(
        err,
        "Note: Ordinal keeps Job objects but does not run their controllers.\n"
    );
    // DaemonSets run: no note.
    let (code, _, err) = run(
        &mut c,
        "kubectl apply -f - <<'EOF'\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: nginx}]}\nEOF",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    // Deployments and ReplicaSets run: no note.
    let (code, _, err) = run(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21",
    );
    assert_eq!((code, err.as_str()), (0, ""));
}

/// A console with the files the data-source tests read: a file, a folder
/// of two files and a sub-folder, and env files.
fn with_data_files() -> Console {
    let mut c = Console::new(1);
    c.put_file("f.txt", "hello\n");
    c.put_file("cfgdir/a.conf", "one\n");
    c.put_file("cfgdir/b.txt", "two\n");
    c.put_file("cfgdir/sub/c", "x\n");
    c.put_file("env.txt", "\u{feff}a=1\n  b=2\n# comment\nc\n\n");
    c.put_file("badenv.txt", "1BAD=x\n");
    c
}

/// `--from-file` (a file, `KEY=PATH`, each regular file of a folder),
/// `--from-env-file` (comments and blank lines skipped, a line without `=`
/// valued from kubectl's environment) and their errors, as kubectl 1.33
/// printed them for the same files.
#[test]
fn configmaps_and_secrets_take_files_folders_and_env_files() {
    let mut c = with_data_files();
    assert_eq!(
        ok(&mut c, "kubectl create configmap c --from-file=cfgdir --from-file=key=f.txt --dry-run=client -o yaml"),
        "apiVersion: v1\ndata:\n  a.conf: |\n    one\n  b.txt: |\n    two\n  key: |\n    hello\nkind: ConfigMap\nmetadata:\n  name: c\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl create secret generic s --from-file=cfgdir --dry-run=client -o yaml"),
        "apiVersion: v1\ndata:\n  a.conf: b25lCg==\n  b.txt: dHdvCg==\nkind: Secret\nmetadata:\n  name: s\n"
    );
    assert_eq!(
        ok(&mut c, "export c=from-env\nkubectl create configmap e --from-env-file=env.txt --dry-run=client -o jsonpath='{.data}'"),
        "{\"a\":\"1\",\"b\":\"2\",\"c\":\"from-env\"}"
    );
    let env_name = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
    for (cmd, err) in [
        ("kubectl create configmap c --from-file=k=cfgdir", "error: cannot give a key name for a directory path\n".to_string()),
        ("kubectl create configmap c --from-env-file=badenv.txt", format!("error: \"1BAD\" is not a valid key name: {env_name}\n")),
        ("kubectl create configmap c --from-env-file=env.txt --from-literal=a=b", "error: from-env-file cannot be combined with from-file or from-literal\n".to_string()),
        ("kubectl create configmap c --from-file==f.txt", "error: key name for file path f.txt missing\n".to_string()),
        ("kubectl create configmap c --from-file=k=", "error: file path for key name k missing\n".to_string()),
        ("kubectl create configmap c --from-file=a=b=c", "error: key names or file paths cannot contain '='\n".to_string()),
        ("kubectl create configmap c --from-file=f.txt --from-literal=f.txt=x", "error: cannot add key \"f.txt\", another key by that name already exists in Data for ConfigMap \"c\"\n".to_string()),
        ("kubectl create configmap c --from-file=nope.txt", "error: error reading nope.txt: no such file or directory\n".to_string()),
        ("kubectl create configmap c --from-env-file=nope", "error: error reading nope: no such file or directory\n".to_string()),
    ] {
        assert_eq!(fails(&mut c, &format!("{cmd} --dry-run=client -o yaml")), err, "{cmd}");
    }
    // `--append-hash` names it after its content, as kubectl 1.33 did.
    assert_eq!(
        ok(
            &mut c,
            "kubectl create configmap c --from-file=cfgdir --append-hash --dry-run=client -o name"
        ),
        "configmap/c-559b9c6gb4\n"
    );
    // Nothing was created by the failures, and a real create stores the data.
    ok(
        &mut c,
        "kubectl create configmap web-config --from-file=cfgdir",
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get configmap web-config -o jsonpath='{.data.a\\.conf}'"
        ),
        "one\n"
    );
}
