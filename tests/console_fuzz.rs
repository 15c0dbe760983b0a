//! A seeded property test of the console's kubectl: random command lines
//! (real verbs, resources, names and flags, with random values, forms and
//! quoting, and some garbage) run one after another on a cluster running
//! the StatefulSet Basics manifests. Every command must return without
//! panicking, with an exit status, with something on the terminal when it
//! fails, and within bounded simulated and real time, and leave a cluster
//! that keeps the engine's invariants (`engine::invariants`, looked at
//! after each command).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use ordinal::console::sh::Stream;
use ordinal::console::Console;

use crate::fuzzing;

use fuzzing::Rng;

const VERBS: &[&str] = &[
    "get",
    "get",
    "get",
    "describe",
    "delete",
    "apply",
    "create",
    "replace",
    "diff",
    "scale",
    "patch",
    "set",
    "label",
    "annotate",
    "edit",
    "rollout",
    "exec",
    "run",
    "logs",
    "wait",
    "cordon",
    "uncordon",
    "drain",
    "version",
    "api-resources",
    "api-versions",
    "cluster-info",
    "config",
    "events",
    "explain",
    "top",
    "expose",
    "debug",
    "attach",
    "cp",
    "taint",
    "port-forward",
    "autoscale",
    "gett",
    "",
];
const RESOURCES: &[&str] = &[
    "pods",
    "po",
    "pod",
    "sts",
    "statefulset",
    "statefulsets.apps",
    "svc",
    "service",
    "pvc",
    "pv",
    "endpointslices",
    "ep",
    "endpoints",
    "controllerrevisions",
    "events",
    "ev",
    "nodes",
    "no",
    "sc",
    "ns",
    "all",
    "sts,po",
    "pods,svc",
    "deploy",
    "cm",
    "secrets",
    "foo",
    "",
];
const NAMES: &[&str] = &[
    "web",
    "web-0",
    "web-1",
    "web-2",
    "nginx",
    "www-web-0",
    "ordinal-worker",
    "ordinal-worker2",
    "kube-dns",
    "dns-test",
    "nope",
    "Web",
    "default",
    "kube-system",
    "x",
    "",
];
const FLAGS: &[&str] = &[
    "--port",
    "--target-port",
    "--name",
    "--cluster-ip",
    "--session-affinity",
    "--protocol",
    "--labels",
    "--env",
    "--from-literal",
    "--node-port",
    "--chunk-size",
    "--template",
    "-o",
    "--output",
    "-l",
    "--selector",
    "-n",
    "--namespace",
    "-A",
    "--all-namespaces",
    "-w",
    "--watch",
    "--watch-only",
    "--show-labels",
    "-L",
    "--no-headers",
    "--field-selector",
    "--replicas",
    "-p",
    "--patch",
    "--type",
    "--cascade",
    "--grace-period",
    "--force",
    "--now",
    "--wait",
    "--timeout",
    "--dry-run",
    "--for",
    "-f",
    "--filename",
    "--image",
    "--restart",
    "--rm",
    "-i",
    "-t",
    "-it",
    "-c",
    "--container",
    "--tail",
    "--previous",
    "--overwrite",
    "--all",
    "--ignore-not-found",
    "--to-revision",
    "--revision",
    "--subresource",
    "--raw",
    "--template",
    "--request-timeout",
    "--current-replicas",
    "--ignore-daemonsets",
    "--delete-emptydir-data",
    "--list",
    "--client",
    "-h",
    "--help",
    "--bogus",
    "-x",
    "--",
];
const VALUES: &[&str] = &[
    "yaml",
    "json",
    "wide",
    "name",
    "jsonpath={.metadata.name}",
    "jsonpath={.items[*].metadata.name}",
    "custom-columns=N:.metadata.name",
    "go-template={{.metadata.name}}",
    "app=nginx",
    "app in (nginx)",
    "!app",
    "app notin (x,)",
    "a>1",
    "status.phase=Running",
    "3",
    "0",
    "-1",
    "x",
    "10s",
    "0s",
    "1m",
    "orphan",
    "foreground",
    "background",
    "true",
    "false",
    "client",
    "server",
    "condition=Ready",
    "delete",
    "create",
    "jsonpath={.status.phase}=Running",
    "busybox:1.28",
    "nginx",
    "Never",
    "OnFailure",
    "{\"spec\":{\"replicas\":2}}",
    "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]",
    "merge",
    "json",
    "strategic",
    "scale",
    "web.yaml",
    "-",
    "https://k8s.io/examples/application/web/web.yaml",
    "nginx=registry.k8s.io/nginx-slim:0.24",
    "tier=web",
    "tier-",
    "kube-system",
    "default",
    "{{",
    "{.bad",
    "'",
    "\"",
    "",
    "1h",
    "/apis/apps/v1/namespaces/default/statefulsets/web/scale",
];
const SUBCOMMANDS: &[&str] = &[
    "status",
    "history",
    "undo",
    "restart",
    "pause",
    "image",
    "namespace",
    "configmap",
    "secret",
    "generic",
    "service",
    "clusterip",
    "deployment",
    "current-context",
];

/// Quotes a word for the console's shell in one of the ways people do.
fn quote(rng: &mut Rng, w: &str) -> String {
    let plain = !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@".contains(c));
    match rng.below(4) {
        0 if plain => w.to_string(),
        1 if !w.contains('\'') => format!("'{w}'"),
        2 if !w.contains(['"', '$', '`', '\\']) => format!("\"{w}\""),
        _ if !w.contains('\'') => format!("'{w}'"),
        _ => format!(
            "\"{}\"",
            w.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('$', "\\$")
                .replace('`', "\\`")
        ),
    }
}

/// A verb's usual arguments and flags, so that most lines get past the
/// flag parser and reach the verb's own logic.
fn verb_shape(verb: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match verb {
        "get" => (
            &[
                "pods",
                "sts",
                "svc",
                "pvc",
                "pv",
                "all",
                "sts,po",
                "pod/web-0",
                "nodes",
                "events",
                "endpointslices",
                "controllerrevisions",
            ],
            &[
                "-o",
                "-l",
                "-A",
                "-w",
                "--show-labels",
                "-L",
                "--no-headers",
                "--field-selector",
                "--ignore-not-found",
                "--template",
                "--request-timeout",
                "--raw",
                "-n",
            ],
        ),
        "describe" => (
            &["pods", "sts", "svc", "pvc", "nodes", "pod/web-0", "sts/web"],
            &["-l", "-A", "-n"],
        ),
        "delete" => (
            &[
                "pods",
                "pod/web-0",
                "pod/web-1",
                "sts/web",
                "svc/nginx",
                "pvc",
                "pod",
            ],
            &[
                "--cascade",
                "--grace-period",
                "--force",
                "--now",
                "--wait",
                "--timeout",
                "--dry-run",
                "-l",
                "--all",
                "--ignore-not-found",
                "-o",
                "-f",
            ],
        ),
        "scale" => (
            &["sts/web", "sts", "sts/nope", "pod/web-0"],
            &[
                "--replicas",
                "--current-replicas",
                "--dry-run",
                "-o",
                "--timeout",
            ],
        ),
        "patch" => (
            &["sts/web", "pod/web-0", "svc/nginx"],
            &["-p", "--type", "--subresource", "--dry-run", "-o"],
        ),
        "label" | "annotate" => (
            &["pod/web-0", "pods", "sts/web", "tier=web", "tier-", "app=x"],
            &["--overwrite", "--list", "-l", "--all", "--dry-run", "-o"],
        ),
        "rollout" => (
            &["status", "history", "undo", "restart", "pause", "sts/web"],
            &["--timeout", "--watch", "--to-revision", "--revision"],
        ),
        "wait" => (
            &["pod/web-0", "pod/web-1", "sts/web", "pods", "pod/nope"],
            &["--for", "--timeout", "-l", "--all"],
        ),
        "exec" => (
            &["web-0", "web-1", "pod/web-0", "sts/web", "nope"],
            &["-i", "-t", "-it", "-c", "--"],
        ),
        "run" => (
            &["t1", "t2", "dns-test"],
            &[
                "--image",
                "--restart",
                "--rm",
                "-i",
                "-t",
                "-it",
                "--dry-run",
                "-o",
                "--command",
                "--",
            ],
        ),
        "logs" => (
            &["web-0", "pod/web-1", "sts/web", "nope"],
            &["-c", "--tail", "--previous", "-l"],
        ),
        "apply" | "replace" | "diff" => (
            &["namespace", "configmap", "ns"],
            &["-f", "--dry-run", "-o"],
        ),
        "set" => (
            &[
                "image",
                "env",
                "resources",
                "selector",
                "serviceaccount",
                "sa",
                "subject",
                "sts/web",
                "svc/nginx",
                "nginx=registry.k8s.io/nginx-slim:0.24",
                "A=1",
                "app=nginx",
                "app in (a)",
                "default",
                "--limits=cpu=200m,memory=1Gi",
                "--requests=cpu=x",
            ],
            &[
                "--dry-run",
                "-o",
                "--all",
                "-c",
                "--local",
                "--template",
                "--user",
                "--resource-version",
            ],
        ),
        "cordon" | "uncordon" | "drain" => (
            &["ordinal-worker", "ordinal-worker2", "nope"],
            &[
                "--ignore-daemonsets",
                "--delete-emptydir-data",
                "--force",
                "--timeout",
            ],
        ),
        "autoscale" => (
            &["sts", "web", "sts/web", "pod/web-0", "svc/nginx", "nope"],
            &[
                "--min",
                "--max",
                "--cpu",
                "--memory",
                "--cpu-percent",
                "--name",
                "--dry-run",
                "-o",
            ],
        ),
        "port-forward" => (
            &[
                "web-0",
                "pod/web-1",
                "svc/nginx",
                "sts/web",
                "8080:80",
                ":80",
                "8081:web",
                "80",
                "a:b:c",
                "70000:80",
            ],
            &["--address", "--pod-running-timeout", "-n"],
        ),
        "create" => (
            &[
                "pdb",
                "poddisruptionbudget",
                "sa",
                "serviceaccount",
                "deployment",
                "configmap",
                "namespace",
                "ns",
                "x",
            ],
            &[
                "-f",
                "--selector",
                "--min-available",
                "--max-unavailable",
                "--image",
                "-r",
                "--from-literal",
                "--dry-run",
                "-o",
            ],
        ),
        _ => (RESOURCES, FLAGS),
    }
}

/// A line run on the workstation rather than through kubectl.
fn workstation_line(rng: &mut Rng) -> String {
    let w = *rng.pick(&[
        "curl localhost:8080",
        "curl -sS http://127.0.0.1:8081/missing",
        "curl -sS -o /dev/null -w '%{http_code}' localhost:8080",
        "curl web-0.nginx",
        "curl 10.96.0.10",
        "curl localhost",
        "curl",
        "curl -Z localhost:8080",
        "curl ftp://localhost:8080",
        "curl localhost:99999",
        "nslookup web-0.nginx",
        "nslookup",
        "nslookup -type=aaaa localhost",
        "nslookup 127.0.0.1 10.96.0.10",
        "nslookup ::1",
        "host",
        "kubectl exec web-0 -- dig @kube-dns.kube-system nginx",
        "kubectl exec web-0 -- dig @10.244.0.2 web-0.nginx.default.svc.cluster.local",
        "kubectl get cm coredns -n kube-system -o yaml | sed 's/ttl 30/ttl 3/' | kubectl replace -f -",
        "kubectl get cm coredns -n kube-system -o yaml | sed 's/    loop/    }/' | kubectl replace -f -",
        "printf 'apiVersion: v1\\nkind: Endpoints\\nmetadata: {name: ext}\\nsubsets: [{addresses: [{ip: 10.1.1.1}], ports: [{port: 80}]}]\\n' | kubectl apply -f -",
        "kubectl create service clusterip ext --clusterip=None --tcp=80",
        "host 10.244.1.2 127.0.0.53",
        "host -t srv nginx localhost",
        "mkdir -p k/base",
        "mkdir k",
        "printf 'resources:\\n- ../web.yaml\\n' > k/kustomization.yaml",
        "printf 'resources:\\n- web.yaml\\nnamePrefix: a-\\n' > k/kustomization.yaml",
        "cp web.yaml k/",
        "cp -r k k2",
        "cp k k3",
        "mv k2 k4",
        "mv nothere k",
        "touch k/t.yaml",
        "rm -r k k2 k4",
        "rm k",
        "ls -R",
        "ls -laR k",
        "kubectl kustomize k",
        "kubectl kustomize",
        "kubectl apply -k k",
        "kubectl delete -k k --wait=false",
        "kubectl diff -k k",
        "kubectl get -k k -o name",
        "kubectl apply -f k -R",
        "kubectl kustomize k --load-restrictor=LoadRestrictionsNone",
        "alias k=kubectl",
        "alias kgp='kubectl get pods'; kgp",
        "kgp -o name",
        "unalias -a",
        "alias",
        "type k kubectl curl watch",
        "command -v kubectl || echo none",
        "watch kubectl get pods",
        "watch -n 1 -g kubectl get pods -o name",
        "watch -t -n 0.1 'kubectl get sts'",
        "watch -z",
        "watch",
        "sh -c 'kubectl get pods | wc -l'",
        "bash -c 'echo $0 $1' a b",
        "printf 'kubectl get pods\\nexit 4\\n' > s.sh; sh s.sh",
        "sh nothere.sh",
        "echo 'sh x.sh' > x.sh; sh x.sh",
        "hostname; whoami; uname -a",
        "kubectl config view --minify -o jsonpath='{..namespace}'",
        "kubectl config view -o json",
        "kubectl config view -o wide",
        "kubectl apply view-last-applied sts/web",
        "kubectl apply view-last-applied -f web.yaml -o json",
        "kubectl apply view-last-applied",
    ]);
    w.to_string()
}

/// A value that suits a flag, usually.
fn value_for(rng: &mut Rng, flag: &str) -> &'static str {
    let fits: &[&str] = match flag {
        "-o" | "--output" => &[
            "yaml",
            "json",
            "wide",
            "name",
            "jsonpath={.metadata.name}",
            "custom-columns=N:.metadata.name",
            "go-template={{.metadata.name}}",
            "foo",
        ],
        "-l" | "--selector" => &[
            "app=nginx",
            "app in (nginx)",
            "!app",
            "app notin (x,)",
            "a>1",
            "app in nginx",
        ],
        "--field-selector" => &[
            "status.phase=Running",
            "metadata.name!=web-0",
            "spec.foo=x",
            "x",
        ],
        "--replicas" | "--current-replicas" | "--grace-period" | "--to-revision" | "--revision"
        | "--tail" => &["0", "1", "3", "5", "-1", "x"],
        "--timeout" | "--request-timeout" => &["0s", "5s", "1m", "10m", "-1s", "x"],
        "--cascade" => &["orphan", "foreground", "background", "true", "false", "x"],
        "--dry-run" => &["client", "server", "none", "x"],
        "--for" => &[
            "condition=Ready",
            "delete",
            "create",
            "jsonpath={.status.phase}=Running",
            "condition=Ready=false",
            "x",
        ],
        "--type" => &["merge", "json", "strategic", "x"],
        "-p" | "--patch" => &[
            "{\"spec\":{\"replicas\":2}}",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]",
            "spec: {minReadySeconds: 1}",
            "{bad",
        ],
        "--image" => &[
            "busybox:1.28",
            "nginx",
            "registry.k8s.io/nginx-slim:0.24",
            "Bad",
        ],
        "--restart" => &["Never", "OnFailure", "Always", "x"],
        "--port" | "--target-port" | "--node-port" | "--chunk-size" => {
            &["80", "web", "0", "70000", "-1", "x", "80,443"]
        }
        "--cluster-ip" => &["None", "10.96.0.50", "x", ""],
        "--address" => &["localhost", "0.0.0.0", "127.0.0.1,::1", "nope"],
        "--pod-running-timeout" => &["1m", "5", "x"],
        "--min-available" | "--max-unavailable" => &["1", "50%", "1Gb", ""],
        "--min" | "--max" | "--cpu-percent" => &["1", "3", "0", "-1", "x"],
        "--cpu" | "--memory" => &["50%", "500m", "500", "x%", "abc"],
        "-r" => &["3", "x"],
        "--session-affinity" => &["None", "ClientIP", "x"],
        "--protocol" => &["TCP", "UDP", "SCTP", "x"],
        "--name" => &["web-0-svc", "Bad_Name", ""],
        "--labels" => &["a=b", "a", "=b", "a=b,c=d", ""],
        "--env" => &["A=1", "A", "=1", "1A=2", "A=$(A)"],
        "--from-literal" => &["a=1", "a", "=1", "bad key=1"],
        "-f" | "--filename" => &[
            "web.yaml",
            "https://k8s.io/examples/application/web/web.yaml",
            "-",
            "missing.yaml",
        ],
        "-n" | "--namespace" => &["default", "kube-system", "nowhere"],
        "--subresource" => &["scale", "status"],
        "--template" => &["{{.metadata.name}}", "{{"],
        "--raw" => &[
            "/apis/apps/v1/namespaces/default/statefulsets/web/scale",
            "/healthz",
            "/readyz?verbose&exclude=etcd",
            "/version",
            "/apis",
            "/api/v1/pods",
            "/api/v1/namespaces/default/pods/web-0",
            "/x",
        ],
        "-c" | "--container" => &["nginx", "x"],
        "-L" => &["app", "tier,app"],
        _ => VALUES,
    };
    fits[rng.below(fits.len())]
}

fn command(rng: &mut Rng) -> String {
    if rng.chance(5) {
        return workstation_line(rng);
    }
    let mut words: Vec<String> = vec!["kubectl".into()];
    let verb = *rng.pick(VERBS);
    if !verb.is_empty() {
        words.push(verb.into());
    }
    // Mostly lines shaped like the verb's; sometimes anything goes.
    let shaped = rng.chance(75);
    let (args, flags) = if shaped {
        verb_shape(verb)
    } else {
        (RESOURCES, FLAGS)
    };
    if !shaped && rng.chance(30) {
        words.push((*rng.pick(SUBCOMMANDS)).into());
    }
    let n_args = rng.below(3);
    for i in 0..n_args {
        let w = if i == 0 || shaped {
            let r = *rng.pick(args);
            if !shaped && rng.chance(30) {
                format!("{r}/{}", *rng.pick(NAMES))
            } else {
                r.to_string()
            }
        } else {
            (*rng.pick(NAMES)).to_string()
        };
        if !w.is_empty() {
            words.push(quote(rng, &w));
        }
    }
    for _ in 0..rng.below(4) {
        let f = *rng.pick(flags);
        let v = if shaped {
            value_for(rng, f)
        } else {
            *rng.pick(VALUES)
        };
        let takes_value = !matches!(
            f,
            "-A" | "-w"
                | "--show-labels"
                | "--no-headers"
                | "--ignore-not-found"
                | "--force"
                | "--now"
                | "--all"
                | "--overwrite"
                | "--list"
                | "--rm"
                | "-i"
                | "-t"
                | "-it"
                | "--command"
                | "--previous"
                | "--ignore-daemonsets"
                | "--delete-emptydir-data"
                | "--watch"
                | "--wait"
                | "--"
        );
        match rng.below(3) {
            0 => words.push(f.to_string()),
            1 if f.starts_with("--") => words.push(quote(rng, &format!("{f}={v}"))),
            _ if shaped && !takes_value => words.push(f.to_string()),
            _ => {
                words.push(f.to_string());
                words.push(quote(rng, v));
            }
        }
    }
    if rng.chance(15) {
        words.push("--".into());
        for _ in 0..rng.below(3) {
            let w = *rng.pick(&[
                "sh",
                "-c",
                "hostname",
                "nslookup web-0.nginx",
                "ls /",
                "exit 3",
                "cat /etc/hosts",
                "sleep 5",
                "chmod -R u+rwX,go-w",
                "chown -R 999:999",
                "/usr/share/nginx/html",
                "sysctl -w vm.max_map_count=262144",
                "ulimit -n",
                "pg_isready -h",
                "redis-cli ping",
                "df -h",
                "df",
                "command -v",
                "type",
                "alias x=ls; x",
            ]);
            words.push(quote(rng, w));
        }
    }
    if rng.chance(3) {
        // A broken line now and then.
        words.push((*rng.pick(&["'unclosed", "\"also", "|", "&&", ";", "$(", "<<EOF"])).into());
    }
    words.join(" ")
}

fn base() -> Console {
    let mut c = Console::new(1);
    c.put_file(
        "web.yaml",
        ordinal::console::library::url("https://k8s.io/examples/application/web/web.yaml")
            .expect("built-in web.yaml"),
    );
    let t = c.run("kubectl apply -f web.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    c
}

/// Simulated time one command may take: the longest waits a command can
/// ask for (`sim advance 24h`, `wait --timeout` of a week for
/// negative values) plus the settle limit.
const MAX_SIM: Duration = Duration::from_secs(8 * 24 * 3600);

fn check_sequence(seed: u64, steps: usize) {
    let mut rng = Rng::new(seed);
    let mut console = base();
    let mut checker = ordinal::engine::invariants::Checker::per_command();
    for step in 0..steps {
        let line = command(&mut rng);
        if std::env::var_os("ORDINAL_FUZZ_VERBOSE").is_some() {
            // Before running: a stack overflow aborts without a message.
            eprintln!("seed {seed} step {step}: {line}");
        }
        let before = console.engine().now();
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| console.run(&line)));
        let elapsed = started.elapsed();
        let t = match result {
            Ok(t) => t,
            Err(_) => panic!("seed {seed} step {step}: `{line}` panicked"),
        };
        let simulated = console.engine().now() - before;
        assert!(
            Duration::from_millis(simulated.as_ms()) <= MAX_SIM,
            "seed {seed} step {step}: `{line}` let {simulated} pass"
        );
        // Generous for debug builds on slow machines: the point is "bounded".
        assert!(
            elapsed < Duration::from_secs(20),
            "seed {seed} step {step}: `{line}` took {elapsed:?}"
        );
        assert!(!t.entries.is_empty(), "seed {seed}: `{line}` left no entry");
        let broken = checker.check(console.engine());
        assert!(
            broken.is_empty(),
            "seed {seed} step {step}: after `{line}` the cluster breaks its invariants: {broken:#?}"
        );
        if std::env::var_os("ORDINAL_FUZZ_VERBOSE").is_some() {
            eprintln!("{:>3} {simulated:>8} {line}", t.status);
        }
        for e in &t.entries {
            let failed_silently = e.status != 0
                && !e
                    .output
                    .iter()
                    .any(|(s, text)| *s == Stream::Stderr && !text.trim().is_empty())
                && e.output_text().trim().is_empty();
            assert!(
                !failed_silently,
                "seed {seed} step {step}: `{line}` failed with {} and said nothing",
                e.status
            );
        }
        // An attached shell (there is none without a terminal) would swallow the rest.
        assert!(
            console.attached().is_none(),
            "`{line}` left a shell attached"
        );
    }
}

/// Lines per fresh console: a long search restarts from the base cluster
/// now and then, so memory stays bounded and every state is reachable.
const SEQUENCE: usize = 120;

#[test]
fn random_command_lines_never_panic_and_always_answer() {
    // `make fuzz` runs a longer search (ORDINAL_FUZZ_ROUNDS, ORDINAL_FUZZ_SEED).
    let lines = fuzzing::rounds(6 * SEQUENCE);
    let first = fuzzing::seed(1);
    let started = Instant::now();
    for n in 0..lines.div_ceil(SEQUENCE) {
        check_sequence(first + n as u64, SEQUENCE.min(lines - n * SEQUENCE));
    }
    fuzzing::report("console", lines, started);
}

#[test]
fn the_same_seed_gives_the_same_transcript() {
    let run = |seed: u64| {
        let mut rng = Rng(seed);
        let mut c = base();
        (0..40)
            .map(|_| c.run(&command(&mut rng)).to_string())
            .collect::<String>()
    };
    assert_eq!(run(42), run(42));
}
