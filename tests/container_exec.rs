//! `kubectl exec` and the commands inside containers, on a cluster driven to
//! the StatefulSet Basics state (web-0, web-1 behind the headless `nginx`),
//! plus a busybox:1.28 Pod `bb` and a dnsutils Pod `du`.

use crate::support;

use ordinal::console::container::{
    exec, exec_with, run_main_process, run_main_process_traced, ExecRequest, InteractiveShell,
};
use ordinal::console::sh::{Io, Stream};
use ordinal::engine::faults::Fault;
use ordinal::engine::objects::Kind;
use ordinal::engine::store::key;
use ordinal::engine::{DeleteOptions, SimDuration};
use serde_json::json;
use support::containers::{self, ip, run, sh};
use support::Harness;

/// web (2 replicas) and the nginx Service, all Ready, plus `bb` and `du`
/// (and `cu`: jessie-dnsutils is Debian 8 with dnsutils only, curl comes
/// in its own image).
fn cluster(seed: u64) -> Harness {
    containers::cluster(
        seed,
        &[
            ("bb", "busybox:1.28"),
            ("du", "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3"),
            ("cu", "docker.io/curlimages/curl:latest"),
        ],
    )
}

#[test]
fn hostname_and_its_fqdn_come_from_the_pod_and_etc_hosts() {
    let mut h = cluster(7);
    let r = run(&mut h, "web-0", &["hostname"]);
    assert_eq!((r.code, r.all.as_str()), (0, "web-0\n"));
    let r = sh(&mut h, "web-1", "hostname -f");
    assert_eq!(r.out, "web-1.nginx.default.svc.cluster.local\n");
    // Without a subdomain the hosts line has the bare name (R8.14).
    assert_eq!(sh(&mut h, "bb", "hostname -f").out, "bb\n");
    // `$(hostname)` expands inside sh -c.
    assert_eq!(
        sh(&mut h, "web-0", "echo \"I am $(hostname)\"").out,
        "I am web-0\n"
    );
}

#[test]
fn managed_files_are_the_kubelets() {
    let mut h = cluster(7);
    let ip0 = ip(&h, "web-0");
    let r = run(&mut h, "web-0", &["cat", "/etc/hosts"]);
    assert_eq!(
        r.out,
        format!(
            "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{ip0}\tweb-0.nginx.default.svc.cluster.local\tweb-0\n"
        )
    );
    let r = sh(&mut h, "bb", "cat /etc/resolv.conf");
    assert_eq!(
        r.out,
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    );
    assert_eq!(sh(&mut h, "web-0", "cat /etc/hostname").out, "web-0\n");
}

#[test]
fn volume_data_outlives_the_pod_and_the_container_layer_does_not() {
    let mut h = cluster(11);
    let r = sh(
        &mut h,
        "web-0",
        "echo $(hostname) > /usr/share/nginx/html/index.html && echo scratch > /tmp/note && cat /tmp/note",
    );
    assert_eq!((r.code, r.out.as_str()), (0, "scratch\n"));
    let old_uid = h.uid("web-0");
    h.delete(Kind::Pod, "web-0", DeleteOptions::default());
    h.until(SimDuration::secs(300), "web-0 replaced", |e| {
        e.store().pods.get("default", "web-0").is_some_and(|p| {
            p.metadata.uid != old_uid && p.is_running_and_ready() && !p.metadata.is_terminating()
        })
    });
    h.advance(SimDuration::secs(1));
    let r = run(
        &mut h,
        "web-0",
        &["cat", "/usr/share/nginx/html/index.html"],
    );
    assert_eq!((r.code, r.out.as_str()), (0, "web-0\n"));
    let r = run(&mut h, "web-0", &["cat", "/tmp/note"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("/tmp/note") && r.err.contains("No such file or directory"),
        "{}",
        r.err
    );
    assert!(
        r.err.ends_with("command terminated with exit code 1\n"),
        "{}",
        r.err
    );
    // The replacement still serves the volume's file.
    assert_eq!(sh(&mut h, "cu", "curl -s web-0.nginx").out, "web-0\n");
}

#[test]
fn the_tutorials_curl_inside_the_nginx_pods_prints_their_names() {
    let mut h = cluster(3);
    for i in 0..2 {
        let pod = format!("web-{i}");
        sh(
            &mut h,
            &pod,
            "echo \"$(hostname)\" > /usr/share/nginx/html/index.html",
        );
    }
    let mut out = String::new();
    for i in 0..2 {
        let argv = vec!["curl".to_string(), "http://localhost/".to_string()];
        let pod = format!("web-{i}");
        let req = ExecRequest {
            namespace: "default",
            pod: &pod,
            container: None,
            argv: &argv,
            stdin: None,
            tty: true,
            quiet: false,
        };
        let mut io = Io::new();
        let mut traces = Vec::new();
        assert_eq!(exec_with(&mut h.engine, &req, &mut io, &mut traces), 0);
        // localhost is in /etc/hosts: no DNS query.
        assert!(traces.is_empty());
        out.push_str(&io.text());
    }
    assert_eq!(out, "web-0\nweb-1\n");
}

#[test]
fn file_commands_work_on_the_container_file_system() {
    let mut h = cluster(3);
    let r = sh(
        &mut h,
        "web-0",
        "cd /usr/share/nginx/html && mkdir -p a/b && touch a/b/f && echo x > y.txt && mv y.txt a/ && cp a/y.txt z.txt && ln -s /usr/share/nginx/html/z.txt /tmp/l && cat /tmp/l && ls && ls a && rm -r a && ls",
    );
    assert_eq!(r.code, 0, "{}", r.all);
    assert_eq!(r.out, "x\na\nz.txt\nb\ny.txt\nz.txt\n");
    let r = sh(&mut h, "web-0", "mkdir /nope/x; rm /nope; rm /tmp");
    assert_eq!(r.code, 1);
    assert_eq!(
        r.err,
        "mkdir: cannot create directory '/nope/x': No such file or directory\nrm: cannot remove '/nope': No such file or directory\nrm: cannot remove '/tmp': Is a directory\ncommand terminated with exit code 1\n"
    );
    let r = sh(&mut h, "bb", "mkdir /nope/x; rm /nope; rm /tmp");
    assert_eq!(
        r.err,
        "mkdir: can't create directory '/nope/x': No such file or directory\nrm: can't remove '/nope': No such file or directory\nrm: '/tmp' is a directory\ncommand terminated with exit code 1\n"
    );
    let r = run(&mut h, "web-0", &["ls", "-l", "/usr/share/nginx/html"]);
    assert_eq!(
        r.out,
        "total 4\n-rw-r--r-- 1 root root 2 Jan  5 09:00 z.txt\n"
    );
}

#[test]
fn read_only_mounts_refuse_writes() {
    let mut h = cluster(5);
    h.create(
        Kind::ConfigMap,
        json!({"apiVersion": "v1", "kind": "ConfigMap",
               "metadata": {"name": "cfg", "namespace": "default"},
               "data": {"greeting": "hello"}}),
    );
    h.create(
        Kind::Pod,
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "cm", "namespace": "default"},
            "spec": {
                "containers": [{"name": "cm", "image": "busybox:1.28", "command": ["sleep", "3600"],
                    "volumeMounts": [{"name": "c", "mountPath": "/config"}]}],
                "volumes": [{"name": "c", "configMap": {"name": "cfg"}}]
            }
        }),
    );
    h.until(SimDuration::secs(300), "cm ready", |e| {
        e.store()
            .pods
            .get("default", "cm")
            .is_some_and(|p| p.is_running_and_ready())
    });
    let r = sh(
        &mut h,
        "cm",
        "cat /config/greeting; echo; echo x > /config/new",
    );
    assert_eq!(r.out, "hello\n");
    assert!(r.err.contains("Read-only file system"), "{}", r.err);
    assert_ne!(r.code, 0);
}

#[test]
fn env_has_the_spec_values_and_service_links() {
    let mut h = cluster(5);
    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "web-svc", "namespace": "default"},
               "spec": {"ports": [{"port": 80, "name": "http"}], "selector": {"app": "nginx"}}}),
    );
    h.create(
        Kind::Pod,
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "envy", "namespace": "default"},
            "spec": {"containers": [{"name": "envy", "image": "busybox:1.28", "command": ["sleep", "3600"],
                "env": [
                    {"name": "GREETING", "value": "hi"},
                    {"name": "ME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                    {"name": "MY_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
                    {"name": "MSG", "value": "$(GREETING) from $(ME)"}
                ]}]}
        }),
    );
    h.until(SimDuration::secs(300), "envy ready", |e| {
        e.store()
            .pods
            .get("default", "envy")
            .is_some_and(|p| p.is_running_and_ready())
    });
    let svc_ip = h
        .engine
        .store()
        .services
        .get("default", "web-svc")
        .and_then(|s| s.spec.cluster_ip.clone())
        .unwrap();
    let my_ip = ip(&h, "envy");
    let r = run(&mut h, "envy", &["env"]);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(
        lines[0],
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    );
    assert_eq!(lines[1], "HOSTNAME=envy");
    for want in [
        "GREETING=hi".to_string(),
        "ME=envy".to_string(),
        format!("MY_IP={my_ip}"),
        "MSG=hi from envy".to_string(),
        "KUBERNETES_SERVICE_HOST=10.96.0.1".to_string(),
        "KUBERNETES_SERVICE_PORT=443".to_string(),
        format!("WEB_SVC_SERVICE_HOST={svc_ip}"),
        "WEB_SVC_SERVICE_PORT_HTTP=80".to_string(),
        format!("WEB_SVC_PORT_80_TCP=tcp://{svc_ip}:80"),
    ] {
        assert!(
            lines.contains(&want.as_str()),
            "{want} missing in\n{}",
            r.out
        );
    }
    assert_eq!(*lines.last().unwrap(), "HOME=/root");
    // The headless Service has no links; Services created later neither.
    assert!(!r.out.contains("NGINX_SERVICE"));
    assert_eq!(sh(&mut h, "web-0", "echo $HOSTNAME").out, "web-0\n");
    assert!(!sh(&mut h, "web-0", "env").out.contains("WEB_SVC"));
    // A shell sets and exports `$PWD` (a program exec'd directly, as `env`
    // above, has none) and keeps it with `cd`.
    assert!(!r.out.contains("PWD="));
    assert_eq!(
        sh(
            &mut h,
            "envy",
            "echo \"[$PWD]\"; cd /etc && echo \"[$PWD]\"; env | grep ^PWD="
        )
        .out,
        "[/]\n[/etc]\nPWD=/etc\n"
    );
}

#[test]
fn exec_preflight_errors_are_kubectls() {
    let mut h = cluster(9);
    let argv = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let mut traces = Vec::new();
    let mut go = |h: &mut Harness, pod: &str, c: Option<&str>, a: &[&str]| {
        let mut io = Io::new();
        let code = exec(
            &mut h.engine,
            "default",
            pod,
            c,
            &argv(a),
            None,
            &mut io,
            &mut traces,
        );
        (code, io.stream(Stream::Stdout), io.stream(Stream::Stderr))
    };
    assert_eq!(
        go(&mut h, "web-9", None, &["ls"]),
        (
            1,
            String::new(),
            "Error from server (NotFound): pods \"web-9\" not found\n".into()
        )
    );
    assert_eq!(
        go(&mut h, "web-0", Some("foo"), &["ls"]),
        (
            1,
            String::new(),
            "Error from server (BadRequest): container foo is not valid for pod web-0\n".into()
        )
    );
    let (code, _, err) = go(&mut h, "web-0", None, &["nslookup", "web-1.nginx"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \""), "{err}");
    assert!(err.ends_with("OCI runtime exec failed: exec failed: unable to start container process: exec: \"nslookup\": executable file not found in $PATH: unknown\n"), "{err}");
    // A path is looked up as Go's LookPath does: there but no program
    // (a data file, a directory) is "permission denied"; missing, its stat fails.
    for (path, why) in [
        ("/etc/hosts", "permission denied".to_string()),
        ("/tmp", "permission denied".to_string()),
        ("/nope", "stat /nope: no such file or directory".to_string()),
    ] {
        let (code, _, err) = go(&mut h, "web-0", None, &[path]);
        assert_eq!(code, 1);
        assert!(
            err.ends_with(&format!("exec: \"{path}\": {why}: unknown\n")),
            "{err}"
        );
    }
    assert_eq!(
        go(&mut h, "web-0", None, &["sh", "-c", "exit 3"]),
        (
            3,
            String::new(),
            "command terminated with exit code 3\n".into()
        )
    );
    // The image's shell answers for commands it does not have.
    assert_eq!(
        go(&mut h, "web-0", None, &["sh", "-c", "nslookup web-1.nginx"]),
        (
            127,
            String::new(),
            "sh: 1: nslookup: not found\ncommand terminated with exit code 127\n".into()
        )
    );
    assert_eq!(
        go(&mut h, "bb", None, &["sh", "-c", "curl web-1.nginx"]).2,
        "sh: curl: not found\ncommand terminated with exit code 127\n"
    );
    assert_eq!(
        go(&mut h, "web-0", None, &["bash", "-c", "dig web-1.nginx"]).2,
        "bash: line 1: dig: command not found\ncommand terminated with exit code 127\n"
    );
    // A Pod the scheduler cannot place has no host.
    h.create(
        Kind::Pod,
        json!({"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": "stuck", "namespace": "default"},
               "spec": {"nodeSelector": {"disk": "none"},
                        "containers": [{"name": "c", "image": "busybox:1.28"}]}}),
    );
    h.advance(SimDuration::secs(5));
    assert_eq!(
        go(&mut h, "stuck", None, &["ls"]).2,
        "Error from server (BadRequest): pod stuck does not have a host assigned\n"
    );
    // A container that never started (its image does not exist).
    h.create(
        Kind::Pod,
        json!({"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": "nopull", "namespace": "default"},
               "spec": {"containers": [{"name": "app", "image": "nginx:does-not-exist"}]}}),
    );
    h.advance(SimDuration::secs(30));
    assert_eq!(
        go(&mut h, "nopull", None, &["ls"]).2,
        "error: unable to upgrade connection: container not found (\"app\")\n"
    );
    // A completed Pod.
    h.engine
        .inject(Fault::Phase {
            pod: key("default", "bb"),
            phase: "Succeeded".into(),
        })
        .unwrap();
    h.advance(SimDuration::secs(5));
    assert_eq!(
        go(&mut h, "bb", None, &["ls"]).2,
        "error: cannot exec into a container in a completed pod; current phase is Succeeded\n"
    );
}

#[test]
fn several_containers_default_to_the_first_with_a_notice() {
    let mut h = cluster(9);
    h.create(
        Kind::Pod,
        json!({"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": "two", "namespace": "default"},
               "spec": {"containers": [
                   {"name": "a", "image": "busybox:1.28", "command": ["sleep", "3600"]},
                   {"name": "b", "image": "busybox:1.28", "command": ["sleep", "3600"]}]}}),
    );
    h.until(SimDuration::secs(300), "two ready", |e| {
        e.store()
            .pods
            .get("default", "two")
            .is_some_and(|p| p.is_running_and_ready())
    });
    let r = run(&mut h, "two", &["hostname"]);
    assert_eq!(r.all, "Defaulted container \"a\" out of: a, b\ntwo\n");
    let argv = vec!["hostname".to_string()];
    let mut io = Io::new();
    let mut traces = Vec::new();
    let req = ExecRequest {
        namespace: "default",
        pod: "two",
        container: Some("b"),
        argv: &argv,
        stdin: None,
        tty: true,
        quiet: false,
    };
    assert_eq!(exec_with(&mut h.engine, &req, &mut io, &mut traces), 0);
    assert_eq!(io.text(), "two\n");
}

#[test]
fn pkill_kills_the_main_process_and_the_kubelet_restarts_it() {
    let mut h = cluster(13);
    let restarts = |h: &Harness| h.pod("web-0").unwrap().status.container_statuses[0].restart_count;
    assert_eq!(restarts(&h), 0);
    sh(
        &mut h,
        "web-0",
        "echo kept > /usr/share/nginx/html/index.html; echo lost > /tmp/t",
    );
    let r = run(&mut h, "web-0", &["pkill", "nginx"]);
    assert_eq!(r.code, 0, "{}", r.all);
    h.until(SimDuration::secs(120), "web-0 restarted and ready", |e| {
        e.store().pods.get("default", "web-0").is_some_and(|p| {
            p.status.container_statuses[0].restart_count == 1 && p.is_running_and_ready()
        })
    });
    assert_eq!(restarts(&h), 1);
    // The restarted container has a fresh layer; the volume is the same.
    let r = sh(
        &mut h,
        "web-0",
        "cat /usr/share/nginx/html/index.html; ls /tmp",
    );
    assert_eq!(r.out, "kept\n");
    // A name that matches nothing: pkill's status 1, nothing killed.
    assert_eq!(run(&mut h, "web-0", &["pkill", "mysqld"]).code, 1);
    // Commands after the kill do not run: the container is gone.
    let r = sh(&mut h, "bb", "pkill sleep; echo after");
    assert_eq!(r.code, 137);
    assert!(!r.out.contains("after"));
}

#[test]
fn sleep_lets_simulated_time_pass() {
    let mut h = cluster(13);
    let before = h.now();
    let r = sh(&mut h, "bb", "date; sleep 90; date");
    assert_eq!(r.code, 0);
    assert_eq!(h.now().as_ms() - before.as_ms(), 90_000);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_ne!(lines[0], lines[1]);
}

#[test]
fn main_processes_print_what_busybox_prints() {
    let mut h = cluster(17);
    let ip0 = ip(&h, "web-0");
    let argv = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let bb = key("default", "bb");
    assert_eq!(
        run_main_process(&h.engine, &bb, "bb", &argv("nslookup web-0.nginx")),
        (
            0,
            format!("Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web-0.nginx\nAddress 1: {ip0} web-0.nginx.default.svc.cluster.local\n")
        )
    );
    assert_eq!(
        run_main_process(&h.engine, &bb, "bb", &argv("nslookup web-5.nginx")),
        (
            1,
            "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'web-5.nginx'\n".to_string()
        )
    );
    let (code, _, traces) =
        run_main_process_traced(&h.engine, &bb, "bb", &argv("nslookup web-0.nginx"));
    assert_eq!((code, traces.len()), (0, 3));
    // Writes of a main process computed on a copy are not kept.
    run_main_process(&h.engine, &bb, "bb", &argv("touch /tmp/ghost"));
    assert_eq!(run(&mut h, "bb", &["ls", "/tmp"]).out, "");
    // A program the image does not have: the runtime cannot start it.
    assert_eq!(
        run_main_process(&h.engine, &bb, "bb", &argv("dig x")).0,
        128
    );
}

#[test]
fn the_kubelet_runs_one_shot_main_processes_with_this_module() {
    let mut h = cluster(17);
    // (Names containing "nginx" are avoided here: the kubelet's plan takes
    // any command mentioning nginx for a server that runs forever.)
    for (name, target) in [("dns-ok", "kube-dns.kube-system"), ("dns-bad", "web-5.www")] {
        h.create(
            Kind::Pod,
            json!({"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": name, "namespace": "default"},
                   "spec": {"restartPolicy": "Never",
                            "containers": [{"name": name, "image": "busybox:1.28",
                                            "args": ["nslookup", target]}]}}),
        );
    }
    h.until(SimDuration::secs(300), "dns pods done", |e| {
        ["dns-ok", "dns-bad"].iter().all(|n| {
            e.store()
                .pods
                .get("default", n)
                .is_some_and(|p| p.status.phase == "Succeeded" || p.status.phase == "Failed")
        })
    });
    let logs = |h: &Harness, n: &str| {
        h.engine.pod_runtime("default", n).unwrap().ctrs[0]
            .current_log()
            .join("\n")
    };
    assert_eq!(h.pod("dns-ok").unwrap().status.phase, "Succeeded");
    assert_eq!(
        logs(&h, "dns-ok"),
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kube-dns.kube-system\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local"
    );
    assert_eq!(h.pod("dns-bad").unwrap().status.phase, "Failed");
    assert!(logs(&h, "dns-bad").ends_with("nslookup: can't resolve 'web-5.www'"));
}

/// The commands of a session, for comparing two runs byte for byte.
fn transcript(seed: u64) -> String {
    let mut h = cluster(seed);
    let mut all = String::new();
    for (pod, src) in [
        (
            "web-0",
            "echo $(hostname) > /usr/share/nginx/html/index.html",
        ),
        (
            "du",
            "curl web-0.nginx; dig nginx.default.svc.cluster.local; ping -c 3 web-1.nginx",
        ),
        (
            "bb",
            "nslookup nginx; wget -O- web-0.nginx; ping -c 2 web-0.nginx; date",
        ),
        ("web-1", "ls -la /usr/share/nginx/html; env; ps"),
    ] {
        let r = sh(&mut h, pod, src);
        all.push_str(&format!("{}|{}|{}\n", r.code, r.all, r.traces.len()));
    }
    all
}

#[test]
fn same_inputs_give_the_same_bytes() {
    assert_eq!(transcript(21), transcript(21));
}

/// A small seeded generator (xorshift), so failures reproduce.
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn random_command_lines_never_panic() {
    let mut h = cluster(23);
    let programs = [
        "ls", "cat", "mkdir", "rm", "touch", "mv", "cp", "ln", "cd", "pwd", "env", "date", "id",
        "uname", "hostname", "ps", "kill", "nslookup", "dig", "host", "getent", "ping", "curl",
        "wget", "sh", "bash", "echo", "df", "mount", "which", "basename", "dirname", "sleep",
        "printenv", "rmdir", "pgrep", "nginx", "exit", "/bin/ls", "./x", "",
    ];
    let words = [
        "-l",
        "-a",
        "-c",
        "-p",
        "-r",
        "-f",
        "-x",
        "-t",
        "+short",
        "-O-",
        "-qO-",
        "-s",
        "-I",
        "-L",
        "-o",
        "/",
        "/tmp",
        "/usr/share/nginx/html",
        "web-0.nginx",
        "nginx",
        "10.244.1.1",
        "10.96.0.10",
        "x",
        "..",
        ".",
        "-",
        "--",
        "1",
        "0",
        "SRV",
        "A",
        "PTR",
        "TXT",
        "AAAA",
        "http://web-1.nginx/",
        "'",
        "\"",
        "$(",
        "%{http_code}",
        "-w",
        "@1.1.1.1",
        "-9",
        "-1",
        "ü",
        "",
        "a/b/c",
        "/etc/hosts",
        "hosts",
        "-type=SRV",
        "999999999999999999999",
    ];
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    for i in 0..400 {
        let pod = g.pick(&["web-0", "bb", "du"]);
        let n = (g.next() % 5) as usize;
        let mut argv = vec![g.pick(&programs).to_string()];
        for _ in 0..n {
            argv.push(g.pick(&words).to_string());
        }
        if argv[0] == "sleep" || argv[0] == "ping" {
            // Keep the test quick: no long simulated waits.
            argv.truncate(1);
        }
        let refs: Vec<&str> = argv.iter().map(String::as_str).collect();
        let r = run(&mut h, pod, &refs);
        assert!(r.code >= 0 && r.code <= 255, "#{i} {argv:?}: {}", r.code);
        // kubectl reports every failure on stderr (its own or the command's status).
        assert_eq!(
            r.code != 0,
            !r.err.is_empty() && r.code != 0,
            "#{i} {argv:?}"
        );
        if r.code != 0 {
            assert!(!r.err.is_empty(), "#{i} {argv:?} failed without a word");
        }
    }
}

#[test]
fn an_interactive_shell_keeps_its_state_between_lines() {
    let mut h = cluster(29);
    let argv = vec!["sh".to_string()];
    let mut s = InteractiveShell::start(&h.engine, "default", "bb", "bb", &argv).unwrap();
    assert_eq!(s.prompt(), "/ # ");
    let line = |h: &mut Harness, s: &mut InteractiveShell, l: &str| {
        let mut io = Io::new();
        let mut traces = Vec::new();
        let end = s.run_line(&mut h.engine, l, &mut io, &mut traces);
        (
            end,
            io.stream(Stream::Stdout),
            io.stream(Stream::Stderr),
            traces.len(),
        )
    };
    assert_eq!(
        line(&mut h, &mut s, "cd /tmp"),
        (None, String::new(), String::new(), 0)
    );
    assert_eq!(s.prompt(), "/tmp # ");
    assert_eq!(
        line(&mut h, &mut s, "X=41; pwd"),
        (None, "/tmp\n".into(), String::new(), 0)
    );
    assert_eq!(line(&mut h, &mut s, "echo $((X+1)) $HOSTNAME").1, "42 bb\n");
    // Errors share the terminal with the output.
    assert_eq!(line(&mut h, &mut s, "curl x").1, "sh: curl: not found\n");
    let (_, out, _, n) = line(&mut h, &mut s, "nslookup web-0.nginx");
    assert_eq!((out.lines().count(), n), (5, 3));
    assert_eq!(line(&mut h, &mut s, "exit 4").0, Some(4));
    let bash = InteractiveShell::start(
        &h.engine,
        "default",
        "web-0",
        "nginx",
        &["bash".to_string()],
    )
    .unwrap();
    assert_eq!(bash.prompt(), "root@web-0:/# ");
    assert!(
        InteractiveShell::start(&h.engine, "default", "bb", "bb", &["bash".to_string()]).is_err()
    );
}

#[test]
fn shells_started_from_shells_stay_bounded_on_a_page_sized_stack() {
    // A wasm page has a 1 MiB stack; this build is unoptimised (frames
    // several times larger than a release build's).
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let mut h = cluster(31);
            let r = sh(&mut h, "bb", "echo 'sh /tmp/s' > /tmp/s; sh /tmp/s");
            assert!(r.err.contains("(limit depth)"), "{}", r.err);
            let r = sh(
                &mut h,
                "web-0",
                "s='bash -c \"$s\"'; eval \"$s\"; echo survived",
            );
            assert!(r.out.contains("survived") || r.code != 0, "{}", r.err);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn random_shell_sources_never_panic() {
    let mut h = cluster(37);
    let tokens = [
        "ls",
        "cat",
        "echo",
        "x",
        "/tmp",
        ";",
        "|",
        "&&",
        "||",
        ">",
        ">>",
        "<",
        "$(",
        ")",
        "'",
        "\"",
        "$HOSTNAME",
        "cd",
        "..",
        "mkdir",
        "-p",
        "a/b",
        "rm",
        "-rf",
        "a",
        "curl",
        "-s",
        "web-0.nginx",
        "wget",
        "-qO-",
        "nslookup",
        "nginx",
        "dig",
        "+short",
        "sleep",
        "0",
        "for",
        "i",
        "in",
        "1",
        "2",
        "do",
        "done",
        "if",
        "then",
        "fi",
        "grep",
        "-c",
        "wc",
        "-l",
        "env",
        "hostname",
        "-f",
        "ps",
        "date",
        "exit",
        "3",
        "`",
        "*",
        "?",
        "{",
        "}",
        "\\",
    ];
    let mut g = Gen(0x2545_f491_4f6c_dd1d);
    for i in 0..300 {
        let n = 1 + (g.next() % 8) as usize;
        let src: Vec<&str> = (0..n).map(|_| g.pick(&tokens)).collect();
        let src = src.join(" ");
        let pod = g.pick(&["web-1", "bb", "du"]);
        let r = sh(&mut h, pod, &src);
        assert!((0..=255).contains(&r.code), "#{i} {src}: {}", r.code);
        if r.code != 0 {
            assert!(
                r.err
                    .ends_with(&format!("command terminated with exit code {}\n", r.code)),
                "#{i} {src}: {}",
                r.err
            );
        }
    }
}

/// Reading a missing file or a directory: busybox applets and GNU
/// coreutils (the Debian-based nginx image) word it differently.
#[test]
fn unreadable_files_are_reported_in_the_images_own_words() {
    let mut h = cluster(7);
    for (pod, cmd, want) in [
        (
            "web-0",
            "cat /nope",
            "cat: /nope: No such file or directory\n",
        ),
        ("web-0", "cat /tmp", "cat: /tmp: Is a directory\n"),
        (
            "web-0",
            "head -n 1 /nope",
            "head: cannot open '/nope' for reading: No such file or directory\n",
        ),
        (
            "web-0",
            "sort /nope",
            "sort: cannot read: /nope: No such file or directory\n",
        ),
        (
            "bb",
            "cat /nope",
            "cat: can't open '/nope': No such file or directory\n",
        ),
        ("bb", "cat /tmp", "cat: read error: Is a directory\n"),
        (
            "bb",
            "head /nope",
            "head: can't open '/nope': No such file or directory\n",
        ),
    ] {
        let r = sh(&mut h, pod, cmd);
        assert_ne!(r.code, 0, "{pod}: {cmd}");
        assert_eq!(r.err.lines().next(), want.lines().next(), "{pod}: {cmd}");
    }
}

/// `kill 1` from inside: PID 1 only gets the signals it handles and never
/// KILL sent from its own namespace. nginx stops on TERM (exit 0, then the
/// kubelet restarts it); `kill -9 1` does nothing; busybox's shell PID 1
/// ignores TERM.
#[test]
fn kill_1_reaches_pid_1_only_through_its_handlers() {
    let mut h = cluster(9);
    let restarts = |h: &Harness, pod: &str| {
        h.pod(pod)
            .and_then(|p| p.status.container_statuses.first().map(|c| c.restart_count))
            .unwrap_or(-1)
    };
    assert_eq!(sh(&mut h, "web-1", "kill -9 1").code, 0);
    assert_eq!(sh(&mut h, "bb", "kill 1").code, 0);
    assert_eq!(sh(&mut h, "bb", "kill -s TERM 1").code, 0);
    h.advance(SimDuration::secs(5));
    assert_eq!((restarts(&h, "web-1"), restarts(&h, "bb")), (0, 0));
    run(&mut h, "web-0", &["kill", "1"]);
    h.advance(SimDuration::secs(5));
    let p = h.pod("web-0").unwrap();
    let c = &p.status.container_statuses[0];
    assert_eq!(c.restart_count, 1);
    let t = c.last_state.terminated.as_ref().expect("a last state");
    assert_eq!((t.exit_code, t.reason.as_str()), (0, "Completed"));
}

/// `head -c N /dev/urandom`, `cat /dev/zero | head -c N`: the endless
/// devices read as endless (their first mebibyte), deterministically.
#[test]
fn endless_devices_feed_head_and_dd() {
    let mut h = cluster(3);
    let r = sh(&mut h, "web-0", "cat /dev/urandom | head -c 10 | wc -c");
    assert_eq!((r.code, r.out.trim()), (0, "10"), "{}", r.err);
    let r = sh(&mut h, "bb", "head -c 16 /dev/zero | wc -c");
    assert_eq!((r.code, r.out.trim()), (0, "16"), "{}", r.err);
    let first = sh(&mut h, "web-0", "head -c 12 /dev/urandom").out;
    assert_eq!(first.len(), 12);
    assert_eq!(sh(&mut h, "web-1", "head -c 12 /dev/urandom").out, first);
}

/// `$0` is the shell as it was invoked; `sh -c SRC NAME ARGS…` names it.
#[test]
fn dollar_zero_is_the_shell_as_invoked() {
    let mut h = cluster(3);
    assert_eq!(
        run(&mut h, "web-0", &["/bin/bash", "-c", "echo $0"]).out,
        "/bin/bash\n"
    );
    assert_eq!(run(&mut h, "web-0", &["sh", "-c", "echo $0"]).out, "sh\n");
    assert_eq!(
        run(&mut h, "bb", &["/bin/sh", "-c", "echo $0 $1", "x", "y"]).out,
        "x y\n"
    );
}

/// `chown`, `chgrp` and `chmod` check their operands as busybox and GNU
/// coreutils do, and succeed on files that exist (owners and modes are not
/// modelled: every process runs as root).
#[test]
fn chown_chgrp_and_chmod_check_their_operands() {
    let mut h = cluster(7);
    // GNU coreutils (the nginx image is Debian).
    let r = sh(
        &mut h,
        "web-0",
        "chown -R 101:101 /usr/share/nginx/html && chmod -R u+rwX,go-w /usr/share/nginx/html && chgrp nginx /tmp",
    );
    assert_eq!((r.code, r.all.as_str()), (0, ""));
    let r = run(&mut h, "web-0", &["chmod", "7777x", "/tmp"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (
            1,
            "chmod: invalid mode: '7777x'\nTry 'chmod --help' for more information.\ncommand terminated with exit code 1\n"
        )
    );
    let r = run(&mut h, "web-0", &["chown", "999:999", "/nope"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (
            1,
            "chown: cannot access '/nope': No such file or directory\ncommand terminated with exit code 1\n"
        )
    );
    let r = run(&mut h, "web-0", &["chown", "999"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (
            1,
            "chown: missing operand after '999'\nTry 'chown --help' for more information.\ncommand terminated with exit code 1\n"
        )
    );
    // -f is quiet about a missing file, but the status still says so.
    let r = run(&mut h, "web-0", &["chown", "-f", "1:1", "/nope"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (1, "command terminated with exit code 1\n")
    );
    // busybox words it its own way.
    let r = run(&mut h, "bb", &["chmod", "u+q", "/tmp"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (
            1,
            "chmod: invalid mode 'u+q'\ncommand terminated with exit code 1\n"
        )
    );
    let r = run(&mut h, "bb", &["chown", "-R", "999:999", "/nope"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (
            1,
            "chown: /nope: No such file or directory\ncommand terminated with exit code 1\n"
        )
    );
    let r = run(&mut h, "bb", &["chmod", "-w", "/etc/hostname"]);
    assert_eq!((r.code, r.all.as_str()), (0, ""));
}

/// The common init container of database StatefulSets fixes its volume's
/// owner before the database starts: it completes, and the Pod comes up.
#[test]
fn an_init_container_that_chowns_its_volume_completes() {
    let t = support::console::transcript(INIT_CHOWN_SCRIPT);
    assert!(t.contains("pod/pg-0 condition met\n"), "{t}");
    assert!(t.trim_end().ends_with("\nCompleted"), "{t}");
}

const INIT_CHOWN_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata: {name: pg}
spec:
  clusterIP: None
  selector: {app: pg}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pg}
spec:
  serviceName: pg
  replicas: 1
  selector: {matchLabels: {app: pg}}
  template:
    metadata: {labels: {app: pg}}
    spec:
      initContainers:
      - name: init-perms
        image: busybox:1.36
        command: ["sh", "-c", "chown -R 999:999 /var/lib/postgresql/data && chmod 700 /var/lib/postgresql/data"]
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
      containers:
      - name: postgres
        image: postgres:16
        env: [{name: POSTGRES_PASSWORD, value: s3cret}]
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
YAML
kubectl wait --for=condition=Ready pod/pg-0 --timeout=2m
kubectl get pod pg-0 -o jsonpath='{.status.initContainerStatuses[0].state.terminated.reason}'"#;

/// The database images' health checks, typed or run by probes:
/// `pg_isready` and `redis-cli ping` reach the server over the simulated
/// network (its port opens once the database is up, some seconds after the
/// Pod is Ready when it has no readiness probe) and answer as the real tools
/// do; a name without a Service does not resolve; `redis-cli` also writes
/// (`tests/redis_client.rs` has the rest of its model).
#[test]
fn pg_isready_and_redis_cli_ping_reach_their_servers() {
    let t = support::console::transcript(DB_CLIENTS_SCRIPT);
    let after_wait = t
        .split_once("condition met\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("{t}"));
    let after_wait = after_wait
        .split_once("condition met\n")
        .map_or(after_wait, |(_, rest)| rest);
    assert_eq!(
        after_wait,
        "$ sleep 30
$ kubectl exec pg -- pg_isready -U postgres
/var/run/postgresql:5432 - accepting connections
$ kubectl exec redis -- pg_isready
error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"EXEC\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"pg_isready\": executable file not found in $PATH: unknown
$ kubectl exec pg -- pg_isready -h nowhere; echo $?
nowhere:5432 - no response
command terminated with exit code 2
2
$ kubectl exec redis -- redis-cli ping
PONG
$ kubectl exec redis -- redis-cli -p 6380 ping
Could not connect to Redis at 127.0.0.1:6380: Connection refused
command terminated with exit code 1
$ kubectl exec redis -- redis-cli -h pg ping
Could not connect to Redis at pg:6379: Name or service not known
command terminated with exit code 1
$ kubectl exec redis -- redis-cli set k v
OK
"
        .replace(
            "\"EXEC\"",
            &format!(
                "\"{}\"",
                after_wait
                    .split("failed to start exec \"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or("")
            )
        )
    );
}

const DB_CLIENTS_SCRIPT: &str = r#"kubectl run pg --image=postgres:16 --env=POSTGRES_PASSWORD=s3cret
kubectl run redis --image=redis:7
kubectl wait --for=condition=Ready pod/pg --timeout=2m
kubectl wait --for=condition=Ready pod/redis --timeout=2m
sleep 30
kubectl exec pg -- pg_isready -U postgres
kubectl exec redis -- pg_isready
kubectl exec pg -- pg_isready -h nowhere; echo $?
kubectl exec redis -- redis-cli ping
kubectl exec redis -- redis-cli -p 6380 ping
kubectl exec redis -- redis-cli -h pg ping
kubectl exec redis -- redis-cli set k v
"#;

/// `sysctl` reads the node kernel's defaults; `/proc/sys` is read-only in
/// a container that is not privileged, so a write fails there. `ulimit`
/// prints the runtime's limits and keeps an open-files limit set under
/// the hard one.
#[test]
fn sysctl_and_ulimit_answer_as_in_a_container() {
    let mut h = cluster(7);
    let r = run(&mut h, "bb", &["sysctl", "vm.max_map_count"]);
    assert_eq!((r.code, r.all.as_str()), (0, "vm.max_map_count = 65530\n"));
    let r = run(&mut h, "bb", &["sysctl", "-n", "net.core.somaxconn"]);
    assert_eq!((r.code, r.out.as_str()), (0, "4096\n"));
    let r = run(&mut h, "bb", &["sysctl", "-w", "vm.max_map_count=262144"]);
    assert_eq!(
        (r.code, r.all.as_str()),
        (
            1,
            "sysctl: can't open '/proc/sys/vm/max_map_count': Read-only file system\ncommand terminated with exit code 1\n"
        )
    );
    let r = sh(
        &mut h,
        "bb",
        "ulimit -n; ulimit -n 65536 && ulimit -n; ulimit -Hn; ulimit -s; ulimit",
    );
    assert_eq!(
        (r.code, r.out.as_str()),
        (0, "1048576\n65536\n1048576\n8192\nunlimited\n")
    );
    let r = sh(&mut h, "bb", "ulimit -n 2000000");
    assert_eq!(r.code, 2);
    assert!(
        r.err
            .contains("error setting limit (Operation not permitted)"),
        "{}",
        r.err
    );
}

/// Elasticsearch's privileged init container raises `vm.max_map_count`:
/// it prints the new setting, completes, and the database starts.
#[test]
fn a_privileged_init_container_sets_a_sysctl() {
    let t = support::console::transcript(SYSCTL_INIT_SCRIPT);
    assert!(t.contains("pod/es-0 condition met\n"), "{t}");
    assert!(
        t.ends_with("$ kubectl logs es-0 -c sysctl\nvm.max_map_count = 262144\n"),
        "{t}"
    );
}

const SYSCTL_INIT_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: es}
spec:
  serviceName: es
  replicas: 1
  selector: {matchLabels: {app: es}}
  template:
    metadata: {labels: {app: es}}
    spec:
      initContainers:
      - name: sysctl
        image: busybox:1.36
        securityContext: {privileged: true}
        command: ["sysctl", "-w", "vm.max_map_count=262144"]
      containers:
      - name: es
        image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
        env: [{name: discovery.type, value: single-node}]
YAML
kubectl wait --for=condition=Ready pod/es-0 --timeout=3m
kubectl logs es-0 -c sysctl
"#;

/// `command -v` and `type` say where an image keeps a program (nginx's own
/// binary in /usr/sbin, busybox's applets in /bin and /usr/bin) and nothing
/// for a program the image lacks, as entrypoint scripts test before they
/// run a tool (`command -v nslookup >/dev/null || …`).
#[test]
fn command_v_and_type_find_the_images_programs() {
    let mut h = cluster(7);
    let r = sh(
        &mut h,
        "web-0",
        "command -v nginx; type nginx; command -v nslookup; echo $?",
    );
    assert_eq!(r.out, "/usr/sbin/nginx\nnginx is /usr/sbin/nginx\n127\n");
    let r = sh(&mut h, "bb", "command -v nslookup wget; type ls cd");
    assert_eq!(
        r.out,
        "/usr/bin/nslookup\n/usr/bin/wget\nls is /bin/ls\ncd is a shell builtin\n"
    );
    // `which` agrees with them.
    let r = run(&mut h, "web-0", &["which", "nginx"]);
    assert_eq!(r.all, "/usr/sbin/nginx\n");
}

/// `df` shows where a volume lives: GNU df (nginx's Debian image) lists one
/// mount per device, the shortest mount point, so the node disk appears as
/// the kubelet's `/etc/hosts`; `df -h PATH` names the claim's mount point;
/// busybox lists every mount, in its own columns and `-h` sizes.
#[test]
fn df_shows_the_volume_as_each_df_does() {
    let mut h = cluster(7);
    let r = run(&mut h, "web-0", &["df", "-h"]);
    assert_eq!(r.code, 0);
    assert!(
        r.out
            .starts_with("Filesystem      Size  Used Avail Use% Mounted on\noverlay          59G"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("\n/dev/vda1        59G   14G   42G  25% /etc/hosts\n"),
        "{}",
        r.out
    );
    assert!(
        !r.out.contains("/usr/share/nginx/html"),
        "one row per device: {}",
        r.out
    );
    let r = run(&mut h, "web-0", &["df", "-h", "/usr/share/nginx/html"]);
    assert_eq!(
        r.out,
        "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        59G   14G   42G  25% /usr/share/nginx/html\n"
    );
    let r = run(&mut h, "web-0", &["df", "/nope"]);
    assert_eq!(r.code, 1);
    assert!(
        r.all.starts_with("df: /nope: No such file or directory\n"),
        "{}",
        r.all
    );
    let r = run(&mut h, "bb", &["df", "-h"]);
    assert!(r.out.starts_with("Filesystem                Size      Used Available Use% Mounted on\noverlay                  58.4G     13.7G     41.7G  25% /\n"), "{}", r.out);
    assert_eq!(r.out.matches("/dev/vda1").count(), 4, "{}", r.out);
}

/// busybox's `bb_show_usage` after a missing operand or a bad option: the
/// banner of the image's release, then the applet's usage as that
/// release's sources write it (1_28_4 and 1_36_1, defconfig), on stderr,
/// exit 1. Both releases were answered with 1.28.4's banner and, for the
/// file commands, `Usage: mkdir …`.
#[test]
fn busybox_usage_follows_the_images_release() {
    let mut h = containers::cluster(23, &[("bb", "busybox:1.28"), ("b6", "busybox:1.36")]);
    // What the program wrote, without kubectl's closing line.
    let program = |r: &support::containers::Run| {
        r.err
            .trim_end_matches("command terminated with exit code 1\n")
            .to_string()
    };
    let r = run(&mut h, "bb", &["mkdir"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        program(&r),
        "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: mkdir [OPTIONS] DIRECTORY...\n\nCreate DIRECTORY\n\n\t-m MODE\tMode\n\t-p\tNo error if exists; make parent directories as needed\n"
    );
    let r = run(&mut h, "b6", &["mkdir", "-x", "d"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.starts_with("mkdir: invalid option -- 'x'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...\n"),
        "{}",
        r.err
    );
    // The options each release lists differ.
    let old = run(&mut h, "bb", &["ping"]).err;
    let new = run(&mut h, "b6", &["ping"]).err;
    assert!(
        old.contains("Send ICMP ECHO_REQUEST packets to network hosts\n"),
        "{old}"
    );
    assert!(
        !old.contains("-A\t\tPing as soon as reply is received"),
        "{old}"
    );
    assert!(new.contains("Send ICMP ECHO_REQUESTs to HOST\n"), "{new}");
    assert!(
        new.contains("\t-A\t\tPing as soon as reply is received\n"),
        "{new}"
    );
    let old = run(&mut h, "bb", &["wget"]).err;
    let new = run(&mut h, "b6", &["wget"]).err;
    assert!(
        old.contains("Usage: wget [-c|--continue] [--spider]"),
        "{old}"
    );
    assert!(
        new.contains("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE]"),
        "{new}"
    );
    assert!(new.starts_with("BusyBox v1.36.1 "), "{new}");
    let r = run(&mut h, "b6", &["sleep"]);
    assert_eq!(r.code, 1);
    assert!(program(&r).ends_with("Usage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n"), "{}", r.err);
    // Every file command's usage is its own, none a placeholder.
    for util in [
        "rmdir", "rm", "touch", "mv", "cp", "ln", "chmod", "chown", "chgrp",
    ] {
        for pod in ["bb", "b6"] {
            let r = run(&mut h, pod, &[util]);
            assert_eq!(r.code, 1, "{pod} {util}");
            assert!(
                r.err.contains(&format!("\nUsage: {util} ")),
                "{pod} {util}: {}",
                r.err
            );
            assert!(r.err.contains("\n\t-"), "{pod} {util}: {}", r.err);
            assert!(!r.err.contains('…'), "{pod} {util}: {}", r.err);
        }
    }
    // coreutils images keep GNU's wording.
    let r = run(&mut h, "web-0", &["mkdir"]);
    assert_eq!(
        program(&r),
        "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"
    );
}

#[test]
fn ps_aux_shows_nginx_workers_outside_the_masters_session() {
    let mut h = cluster(7);
    let r = run(&mut h, "web-0", &["ps", "aux"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.out.lines().collect();
    assert!(lines[0].starts_with("USER         PID %CPU"), "{}", r.out);
    // The master is the container's first process and leads its session.
    let master = lines.iter().find(|l| l.contains("master process")).unwrap();
    assert!(master.starts_with("root           1 "), "{master}");
    assert!(master.contains(" Ss "), "{master}");
    // The workers run as nginx, in the master's session, each smaller.
    let workers: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("worker process"))
        .collect();
    assert_eq!(workers.len(), 2, "{}", r.out);
    for w in workers {
        assert!(w.starts_with("nginx "), "{w}");
        assert!(w.contains(" S    "), "{w}");
        assert!(!w.contains(" 7396 "), "{w}");
    }
}

#[test]
fn the_nginx_image_has_its_packaged_configuration() {
    let mut h = cluster(7);
    let conf = run(&mut h, "web-0", &["cat", "/etc/nginx/nginx.conf"]);
    assert_eq!(conf.code, 0);
    // The package's file starts with an empty line, runs workers as nginx
    // (what `ps aux` shows) and reads the server from conf.d.
    assert!(conf.out.starts_with("\nuser  nginx;\n"), "{}", conf.out);
    assert!(conf
        .out
        .contains("\n    include /etc/nginx/conf.d/*.conf;\n}\n"));
    let default = sh(
        &mut h,
        "web-0",
        "grep -n 'root ' /etc/nginx/conf.d/default.conf",
    );
    assert_eq!(
        default.out,
        "9:        root   /usr/share/nginx/html;\n19:        root   /usr/share/nginx/html;\n31:    #    root           html;\n"
    );
}

#[test]
fn root_directories_follow_the_images_base() {
    let mut h = cluster(7);
    let debian = run(&mut h, "web-0", &["ls", "/"]).out;
    for d in [
        "boot",
        "lib64",
        "mnt",
        "opt",
        "run",
        "sbin",
        "srv",
        "docker-entrypoint.d",
    ] {
        assert!(debian.lines().any(|l| l == d), "{d} in {debian}");
    }
    let busybox = run(&mut h, "bb", &["ls", "/"]).out;
    assert_eq!(
        busybox,
        "bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n"
    );
    // nginx's logs go to the container's output, which `kubectl logs` reads.
    let logs = sh(&mut h, "web-0", "ls -l /var/log/nginx").out;
    assert!(logs.contains(" access.log -> /dev/stdout\n"), "{logs}");
    assert!(logs.contains(" error.log -> /dev/stderr\n"), "{logs}");
}

#[test]
fn du_counts_a_volumes_blocks_as_each_tool_prints_them() {
    let mut h = cluster(7);
    sh(
        &mut h,
        "web-0",
        "echo hello > /usr/share/nginx/html/index.html; mkdir -p /usr/share/nginx/html/a/b; echo x > /usr/share/nginx/html/a/b/f",
    );
    // GNU: a directory is a 4 KiB block, a small file one block; the
    // directories after what is in them.
    let r = run(&mut h, "web-0", &["du", "/usr/share/nginx/html"]);
    assert_eq!(
        r.out,
        "8\t/usr/share/nginx/html/a/b\n12\t/usr/share/nginx/html/a\n20\t/usr/share/nginx/html\n"
    );
    let r = run(&mut h, "web-0", &["du", "-sh", "/usr/share/nginx/html"]);
    assert_eq!(r.out, "20K\t/usr/share/nginx/html\n");
    let r = run(
        &mut h,
        "web-0",
        &["du", "-ch", "/usr/share/nginx/html/a/b", "/nope"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.out, "8.0K\t/usr/share/nginx/html/a/b\n8.0K\ttotal\n");
    assert!(r
        .err
        .starts_with("du: cannot access '/nope': No such file or directory\n"));
    // busybox: one decimal always, its own wording and usage.
    sh(&mut h, "bb", "mkdir -p /data/x && echo hi > /data/x/f");
    let r = sh(&mut h, "bb", "du -h /data; du -a /data");
    assert_eq!(
        r.out,
        "8.0K\t/data/x\n12.0K\t/data\n4\t/data/x/f\n8\t/data/x\n12\t/data\n"
    );
    // -b: the sizes themselves (two directories and a 2-byte file).
    let r = sh(&mut h, "web-0", "du -sb /usr/share/nginx/html/a");
    assert_eq!(r.out, "8194\t/usr/share/nginx/html/a\n");
    let r = sh(&mut h, "bb", "du -b /data");
    assert!(
        r.err.starts_with("du: invalid option -- 'b'\n"),
        "{}",
        r.err
    );
    let r = sh(&mut h, "bb", "du /nope");
    assert!(
        r.err.starts_with("du: /nope: No such file or directory\n"),
        "{}",
        r.err
    );
}

#[test]
fn nginx_tests_and_dumps_the_configuration_the_container_holds() {
    let mut h = cluster(7);
    let r = run(&mut h, "web-0", &["nginx", "-T"]);
    assert_eq!(r.code, 0);
    assert!(r.err.starts_with("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n"));
    // nginx.conf, then each include where it stands (conf.d by glob).
    let files: Vec<&str> = r
        .out
        .lines()
        .filter_map(|l| l.strip_prefix("# configuration file "))
        .collect();
    assert_eq!(
        files,
        [
            "/etc/nginx/nginx.conf:",
            "/etc/nginx/mime.types:",
            "/etc/nginx/conf.d/default.conf:"
        ]
    );
    assert!(r
        .out
        .contains("\n    text/html                                        html htm shtml;\n"));
    // An edit shows; a file an include names, once gone, fails the test.
    sh(
        &mut h,
        "web-0",
        "echo '# mine' > /etc/nginx/conf.d/extra.conf",
    );
    let r = sh(&mut h, "web-0", "nginx -T 2>/dev/null | tail -3");
    assert_eq!(
        r.out,
        "# configuration file /etc/nginx/conf.d/extra.conf:\n# mine\n\n"
    );
    let r = sh(&mut h, "web-0", "rm /etc/nginx/mime.types; nginx -t");
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("nginx: [emerg] open() \"/etc/nginx/mime.types\" failed (2: No such file or directory) in /etc/nginx/nginx.conf:15\nnginx: configuration file /etc/nginx/nginx.conf test failed\n"), "{}", r.err);
}

#[test]
fn ls_lh_sizes_follow_the_images_toolset() {
    let mut h = cluster(7);
    let cmd = "dd if=/dev/zero of=/tmp/big bs=1024 count=12 2>/dev/null; ls -lh /tmp/big";
    let gnu = sh(&mut h, "web-0", cmd).out;
    assert!(gnu.contains(" 12K "), "{gnu}");
    let busybox = sh(&mut h, "bb", cmd).out;
    assert!(busybox.contains(" 12.0K "), "{busybox}");
    // `-n` is the long listing with numeric ids, in each tool's columns.
    let gnu = sh(&mut h, "web-0", "ls -n /tmp/big").out;
    assert!(gnu.starts_with("-rw-r--r-- 1 0 0 12288 "), "{gnu}");
    let busybox = sh(&mut h, "bb", "ls -n /tmp/big").out;
    assert!(
        busybox.starts_with("-rw-r--r--    1 0        0            12288 "),
        "{busybox}"
    );
}
