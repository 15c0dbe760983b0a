//! DNS tools, HTTP clients and ping inside containers, against the
//! StatefulSet Basics cluster (web-0, web-1 behind the headless `nginx`).

use crate::support;

use ordinal::engine::dns::QType;
use ordinal::engine::objects::Kind;
use ordinal::engine::SimDuration;
use serde_json::json;
use support::containers::{self, ip, sh, tool_pod};
use support::Harness;

/// web (2 replicas) behind `nginx`, and tool Pods: `bb` (busybox:1.28),
/// `nb` (a current busybox), `du` (dnsutils), `cu` (curl: jessie-dnsutils
/// is Debian 8 with dnsutils only, curl comes in its own image).
fn cluster(seed: u64) -> Harness {
    containers::cluster(
        seed,
        &[
            ("bb", "busybox:1.28"),
            ("nb", "busybox:1.36"),
            ("du", "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3"),
            ("cu", "docker.io/curlimages/curl:latest"),
        ],
    )
}

const BB_SERVER: &str =
    "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n";

#[test]
fn busybox_1_28_nslookup_prints_the_tutorials_format() {
    let mut h = cluster(7);
    let (ip0, ip1) = (ip(&h, "web-0"), ip(&h, "web-1"));
    let r = sh(&mut h, "bb", "nslookup web-0.nginx");
    assert_eq!(r.code, 0);
    assert_eq!(
        r.out,
        format!("{BB_SERVER}Name:      web-0.nginx\nAddress 1: {ip0} web-0.nginx.default.svc.cluster.local\n")
    );
    // One lookup of the name, and the reverse lookups of the server and the address.
    let asked: Vec<(String, QType)> = r.traces.iter().map(|t| (t.name.clone(), t.qtype)).collect();
    assert_eq!(
        asked,
        vec![
            ("10.0.96.10.in-addr.arpa".to_string(), QType::Ptr),
            ("web-0.nginx".to_string(), QType::A),
            (
                format!(
                    "{}.in-addr.arpa",
                    ip0.split('.').rev().collect::<Vec<_>>().join(".")
                ),
                QType::Ptr
            ),
        ]
    );
    assert!(r.traces.iter().all(|t| t.from_pod == "default/bb"));
    assert_eq!(
        r.traces[1].resolution.answer.qname,
        "web-0.nginx.default.svc.cluster.local."
    );
    // Both Pod IPs, numbered in the order DNS gave them.
    let r = sh(&mut h, "bb", "nslookup nginx");
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 6, "{}", r.out);
    assert_eq!(lines[3], "Name:      nginx");
    let mut addrs = vec![&lines[4][11..], &lines[5][11..]];
    addrs.sort();
    let (a0, a1) = (
        format!("{ip0} web-0.nginx.default.svc.cluster.local"),
        format!("{ip1} web-1.nginx.default.svc.cluster.local"),
    );
    let mut want = vec![a0.as_str(), a1.as_str()];
    want.sort();
    assert_eq!(addrs, want);
    assert!(lines[4].starts_with("Address 1: ") && lines[5].starts_with("Address 2: "));
    let r = sh(&mut h, "bb", "nslookup web-5.nginx");
    assert_eq!(r.code, 1);
    assert_eq!(r.out, BB_SERVER);
    assert_eq!(
        r.err,
        "nslookup: can't resolve 'web-5.nginx'\ncommand terminated with exit code 1\n"
    );
}

/// busybox's own DNS client on a name asked as typed: NXDOMAIN for the A
/// and for the AAAA question.
fn new_busybox_nxdomain(name: &str) -> String {
    format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {name}: NXDOMAIN\n\n** server can't find {name}: NXDOMAIN\n\n")
}

#[test]
fn newer_busybox_nslookup_sends_dotted_names_as_typed() {
    let mut h = cluster(7);
    let ip0 = ip(&h, "web-0");
    // The reason the tutorial pins busybox:1.28.
    let r = sh(&mut h, "nb", "nslookup web-0.nginx");
    assert_eq!(r.code, 1);
    assert_eq!(r.out, new_busybox_nxdomain("web-0.nginx"));
    let r = sh(
        &mut h,
        "nb",
        "nslookup web-0.nginx.default.svc.cluster.local",
    );
    assert_eq!(r.code, 0);
    assert_eq!(
        r.out,
        format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: {ip0}\n\n\n")
    );
}

/// busybox 1.29 has the same DNS client without search domains
/// (`add_query` sends the name as typed; 1.30 added
/// `add_query_with_search`): even the Service's short name fails, which is
/// why the tutorials pin busybox:1.28 (kubernetes#66924). Other programs in
/// the image use the libc resolver and find the name.
#[test]
fn busybox_1_29_nslookup_asks_every_name_as_typed() {
    let mut h = containers::cluster(7, &[("b29", "busybox:1.29.3")]);
    let ip0 = ip(&h, "web-0");
    let r = sh(&mut h, "b29", "nslookup nginx");
    assert_eq!(r.code, 1);
    assert_eq!(r.out, new_busybox_nxdomain("nginx"));
    let r = sh(
        &mut h,
        "b29",
        "nslookup web-0.nginx.default.svc.cluster.local",
    );
    assert_eq!(r.code, 0);
    assert!(r.out.contains(&format!("Address: {ip0}\n")), "{}", r.out);
    let r = sh(
        &mut h,
        "b29",
        "getent hosts web-0.nginx || ping -c 1 web-0.nginx",
    );
    assert!(r.out.contains(&ip0), "{}", r.out);
}

#[test]
fn bind_nslookup_and_host_in_dnsutils() {
    let mut h = cluster(7);
    let ip1 = ip(&h, "web-1");
    let r = sh(&mut h, "du", "nslookup web-1.nginx");
    assert_eq!(
        r.out,
        format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb-1.nginx.default.svc.cluster.local\nAddress: {ip1}\n\n")
    );
    let r = sh(&mut h, "du", "nslookup x");
    assert_eq!(r.code, 1);
    assert_eq!(
        r.out,
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find x: NXDOMAIN\n\n"
    );
    let r = sh(&mut h, "du", "host web-1.nginx; host web-9.nginx");
    assert_eq!(
        r.out,
        format!("web-1.nginx.default.svc.cluster.local has address {ip1}\nHost web-9.nginx not found: 3(NXDOMAIN)\n")
    );
    let r = sh(
        &mut h,
        "du",
        "getent hosts web-1.nginx; getent hosts du; getent hosts nope",
    );
    assert_eq!(r.code, 2);
    let du_ip = ip(&h, "du");
    assert_eq!(
        r.out,
        format!("{ip1:<15} web-1.nginx.default.svc.cluster.local\n{du_ip:<15} du\n")
    );
}

/// R8.7: bind's nslookup and host turn an address into its reverse name and
/// ask PTR whatever type was asked (`addlookup`, host.c's `main`), so
/// `nslookup -type=ptr 10.96.0.10` finds the DNS Service's name; busybox's
/// nslookup asks the type given for the name as typed.
#[test]
fn r8_7_bind_tools_reverse_an_address_whatever_the_type() {
    let mut h = cluster(7);
    let ptr = "10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local.\n";
    for cmd in [
        "nslookup 10.96.0.10",
        "nslookup -type=ptr 10.96.0.10",
        "nslookup -type=a 10.96.0.10",
    ] {
        let r = sh(&mut h, "du", cmd);
        assert_eq!(r.code, 0, "{cmd}: {}", r.out);
        assert!(r.out.contains(ptr), "{cmd}: {}", r.out);
    }
    for cmd in [
        "host 10.96.0.10",
        "host -t ptr 10.96.0.10",
        "host -t srv 10.96.0.10",
    ] {
        let r = sh(&mut h, "du", cmd);
        assert_eq!(
            (r.code, r.out.as_str()),
            (0, "10.0.96.10.in-addr.arpa domain name pointer kube-dns.kube-system.svc.cluster.local.\n"),
            "{cmd}"
        );
    }
    let r = sh(&mut h, "nb", "nslookup -type=ptr 10.96.0.10");
    assert!(!r.out.contains("kube-dns"), "{}", r.out);
}

/// dig's output with the random fields (id, cookie, query time) blanked.
fn mask(s: &str) -> String {
    s.lines()
        .map(|l| {
            if let Some(i) = l.find(", id: ") {
                format!("{}, id: ID", &l[..i])
            } else if l.starts_with("; COOKIE: ") {
                "; COOKIE: C (echoed)".to_string()
            } else if l.starts_with(";; Query time: ") {
                ";; Query time: T msec".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// jessie-dnsutils is Debian 8 with its dnsutils: BIND 9.9.5's dig (no
/// cookie, CoreDNS echoing a 4096-byte buffer, no mDNS warning).
#[test]
fn dig_prints_bind_99s_layout_in_jessie_dnsutils() {
    let mut h = cluster(7);
    let ip0 = ip(&h, "web-0");
    let r = sh(&mut h, "du", "dig web-0.nginx.default.svc.cluster.local");
    assert_eq!(r.code, 0);
    let when = r
        .out
        .lines()
        .find(|l| l.starts_with(";; WHEN: "))
        .unwrap()
        .to_string();
    assert!(
        when.starts_with(";; WHEN: Mon Jan 05 09:0") && when.ends_with(" UTC 2026"),
        "{when}"
    );
    assert_eq!(
        mask(&r.out),
        format!(
            "\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> web-0.nginx.default.svc.cluster.local\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID\n;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n;; QUESTION SECTION:\n;web-0.nginx.default.svc.cluster.local.\tIN A\n\n;; ANSWER SECTION:\nweb-0.nginx.default.svc.cluster.local. 30 IN A\t{ip0}\n\n;; Query time: T msec\n;; SERVER: 10.96.0.10#53(10.96.0.10)\n{when}\n;; MSG SIZE  rcvd: 119\n"
        )
    );
    // dig does not use the search list: a short name is NXDOMAIN from upstream.
    let r = sh(&mut h, "du", "dig web-0.nginx | grep status");
    assert!(r.out.contains("status: NXDOMAIN"), "{}", r.out);
    let r = sh(&mut h, "du", "dig +search +short web-0.nginx");
    assert_eq!(r.out, format!("{ip0}\n"));
    // NXDOMAIN inside the zone carries the zone's SOA.
    let r = sh(&mut h, "du", "dig web-7.nginx.default.svc.cluster.local");
    assert!(r.out.contains("status: NXDOMAIN"));
    assert!(r.out.contains(";; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. "), "{}", r.out);
    // AAAA for an IPv4 Pod: NODATA.
    let r = sh(
        &mut h,
        "du",
        "dig -t AAAA web-0.nginx.default.svc.cluster.local",
    );
    assert!(
        r.out.contains("status: NOERROR") && r.out.contains("ANSWER: 0, AUTHORITY: 1"),
        "{}",
        r.out
    );
    let r = sh(&mut h, "du", "dig +short TXT dns-version.cluster.local");
    assert_eq!(r.out, "\"1.1.0\"\n");
}

#[test]
fn dig_srv_and_reverse_answers() {
    let mut h = cluster(7);
    let (ip0, ip1) = (ip(&h, "web-0"), ip(&h, "web-1"));
    let r = sh(
        &mut h,
        "du",
        "dig +short SRV _web._tcp.nginx.default.svc.cluster.local",
    );
    let mut lines: Vec<&str> = r.out.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            "0 50 80 web-0.nginx.default.svc.cluster.local.",
            "0 50 80 web-1.nginx.default.svc.cluster.local."
        ]
    );
    let r = sh(
        &mut h,
        "du",
        "dig SRV _web._tcp.nginx.default.svc.cluster.local",
    );
    assert!(
        r.out.contains("ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 3"),
        "{}",
        r.out
    );
    assert!(r.out.contains(";; ADDITIONAL SECTION:\n"));
    assert!(r.out.contains(&format!(
        "web-0.nginx.default.svc.cluster.local. 30 IN A\t{ip0}\n"
    )));
    let r = sh(&mut h, "du", &format!("dig -x {ip1} +short"));
    assert_eq!(r.out, "web-1.nginx.default.svc.cluster.local.\n");
    assert_eq!(r.traces.len(), 1);
    assert_eq!(r.traces[0].qtype, QType::Ptr);
}

#[test]
fn nginx_serves_its_volume_with_its_own_error_pages() {
    let mut h = cluster(11);
    tool_pod(&mut h, "ng", "nginx:1.27.3");
    let forbidden = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n";
    // The PersistentVolume hides the image's welcome page: no index yet.
    let r = sh(&mut h, "cu", "curl -s web-0.nginx");
    assert_eq!((r.code, r.out.as_str()), (0, forbidden));
    sh(
        &mut h,
        "web-0",
        "echo $(hostname) > /usr/share/nginx/html/index.html",
    );
    let r = sh(
        &mut h,
        "cu",
        "curl -s web-0.nginx; curl -s http://web-0.nginx/index.html",
    );
    assert_eq!(r.out, "web-0\nweb-0\n");
    let r = sh(&mut h, "ng", "curl -s web-0.nginx/missing");
    assert_eq!(r.out, forbidden.replace("403 Forbidden", "404 Not Found"));
    sh(&mut h, "web-0", "rm /usr/share/nginx/html/index.html");
    assert_eq!(sh(&mut h, "cu", "curl -s web-0.nginx").out, forbidden);
    // Headers, from nginx.
    sh(
        &mut h,
        "web-1",
        "echo $(hostname) > /usr/share/nginx/html/index.html",
    );
    let r = sh(&mut h, "cu", "curl -sI web-1.nginx");
    let head: Vec<&str> = r.out.split("\r\n").collect();
    assert_eq!(head[0], "HTTP/1.1 200 OK");
    assert_eq!(head[1], "Server: nginx/1.27.3");
    assert!(head[2].starts_with("Date: Mon, 05 Jan 2026 09:"));
    assert_eq!(
        &head[3..5],
        &["Content-Type: text/html", "Content-Length: 6"]
    );
    assert!(head[5].starts_with("Last-Modified: "));
    assert_eq!(head[6], "Connection: keep-alive");
    assert!(head[7].starts_with("ETag: \"") && head[7].ends_with("-6\""));
    assert_eq!(&head[8..], &["Accept-Ranges: bytes", "", ""]);
    // A directory without the slash: the redirect nginx sends.
    sh(&mut h, "web-1", "mkdir /usr/share/nginx/html/d");
    let r = sh(&mut h, "cu", "curl -sI web-1.nginx/d");
    assert!(r.out.starts_with("HTTP/1.1 301 Moved Permanently\r\n"));
    assert!(r.out.contains("Location: http://web-1.nginx/d/\r\n"));
    // nginx logs what it served.
    let logs = h.engine.pod_runtime("default", "web-1").unwrap().ctrs[0].current_log();
    let cu_ip = ip(&h, "cu");
    assert!(
        logs.iter()
            .any(|l| l.starts_with(&format!("{cu_ip} - - [05/Jan/2026:09:"))
                && l.ends_with("] \"HEAD / HTTP/1.1\" 200 0 \"-\" \"curl/8.11.1\" \"-\"")),
        "{logs:?}"
    );
}

#[test]
fn curl_and_wget_report_failures_as_they_do() {
    let mut h = cluster(5);
    sh(
        &mut h,
        "web-0",
        "echo hello > /usr/share/nginx/html/index.html",
    );
    let bb_ip = ip(&h, "bb");
    let r = sh(&mut h, "cu", "curl web-0.nginx");
    assert_eq!(r.out, "hello\n");
    // Without a terminal curl shows its meter; the body lands after its first redraw.
    let meter = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";
    assert!(
        r.all
            .starts_with(&format!("{meter}hello\n100     6  100     6    0     0  ")),
        "{}",
        r.all
    );
    assert!(
        r.all.ends_with(" --:--:-- --:--:-- --:--:--  2000\n")
            || r.all.ends_with(" --:--:-- --:--:-- --:--:--  3000\n")
            || r.all.ends_with(" --:--:-- --:--:-- --:--:--  6000\n"),
        "{}",
        r.all
    );
    let r = sh(&mut h, "cu", "curl -s nowhere");
    assert_eq!((r.code, r.out.as_str()), (6, ""));
    let r = sh(&mut h, "cu", "curl -sS nowhere");
    assert_eq!(
        r.err,
        "curl: (6) Could not resolve host: nowhere\ncommand terminated with exit code 6\n"
    );
    // Nothing listens on busybox's port 80.
    let r = sh(&mut h, "cu", &format!("curl -sS {bb_ip}"));
    assert_eq!(
        r.err,
        format!("curl: (7) Failed to connect to {bb_ip} port 80 after 0 ms: Could not connect to server\ncommand terminated with exit code 7\n")
    );
    let r = sh(&mut h, "bb", "wget -qO- web-0.nginx");
    assert_eq!((r.code, r.out.as_str()), (0, "hello\n"));
    let r = sh(&mut h, "bb", "wget -O- web-0.nginx");
    assert_eq!(r.out, "hello\n");
    let ip0 = ip(&h, "web-0");
    assert_eq!(
        r.err,
        format!("Connecting to web-0.nginx ({ip0}:80)\n-                    100% |*******************************|     6   0:00:00 ETA\n\n")
    );
    let du_ip = ip(&h, "du");
    let r = sh(
        &mut h,
        "bb",
        &format!("wget -qO- {du_ip}; wget -q -O - nope; wget -qO- web-0.nginx/x"),
    );
    assert_eq!(
        r.err,
        format!("wget: can't connect to remote host ({du_ip}): Connection refused\nwget: bad address 'nope'\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n")
    );
}

#[test]
fn a_cluster_ip_service_reaches_a_ready_endpoint() {
    let mut h = cluster(5);
    for p in ["web-0", "web-1"] {
        sh(
            &mut h,
            p,
            "echo $(hostname) > /usr/share/nginx/html/index.html",
        );
    }
    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "web-svc", "namespace": "default"},
               "spec": {"ports": [{"port": 8080, "targetPort": 80, "name": "web"}], "selector": {"app": "nginx"}}}),
    );
    h.advance(SimDuration::secs(2));
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..12 {
        let r = sh(&mut h, "cu", "curl -s web-svc:8080");
        assert_eq!(r.code, 0);
        seen.insert(r.out);
        h.advance(SimDuration::ms(250));
    }
    assert!(
        seen.iter().all(|s| s == "web-0\n" || s == "web-1\n"),
        "{seen:?}"
    );
    // The Service's own port only; others are dropped by kube-proxy.
    let before = h.now();
    let r = sh(&mut h, "cu", "curl -sS --connect-timeout 2 web-svc:80");
    assert_eq!(r.code, 28);
    assert_eq!(
        r.err,
        "curl: (28) Failed to connect to web-svc port 80 after 2000 ms: Timeout was reached\ncommand terminated with exit code 28\n"
    );
    assert_eq!(h.now().as_ms() - before.as_ms(), 2_000);
}

#[test]
fn ping_answers_from_pods_and_not_from_cluster_ips() {
    let mut h = cluster(5);
    let ip1 = ip(&h, "web-1");
    let before = h.now();
    let r = sh(&mut h, "bb", "ping -c 3 web-1.nginx");
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines[0], format!("PING web-1.nginx ({ip1}): 56 data bytes"));
    for (i, l) in lines[1..4].iter().enumerate() {
        assert!(
            l.starts_with(&format!("64 bytes from {ip1}: seq={i} ttl=6")),
            "{l}"
        );
        assert!(l.ends_with(" ms"));
    }
    assert_eq!(lines[4], "");
    assert_eq!(lines[5], "--- web-1.nginx ping statistics ---");
    assert_eq!(
        lines[6],
        "3 packets transmitted, 3 packets received, 0% packet loss"
    );
    assert!(lines[7].starts_with("round-trip min/avg/max = "));
    assert_eq!(h.now().as_ms() - before.as_ms(), 2_000);
    let r = sh(&mut h, "bb", "ping -c 2 kube-dns.kube-system");
    assert_eq!(r.code, 1);
    assert!(r
        .out
        .ends_with("2 packets transmitted, 0 packets received, 100% packet loss\n"));
    let r = sh(&mut h, "bb", "ping -c 1 nope");
    assert_eq!(
        r.err,
        "ping: bad address 'nope'\ncommand terminated with exit code 1\n"
    );
}

#[test]
fn a_deleted_pods_name_stops_resolving() {
    let mut h = cluster(3);
    h.scale(1);
    h.until(SimDuration::secs(120), "web-1 gone", |e| {
        e.store().pods.get("default", "web-1").is_none()
    });
    h.advance(SimDuration::secs(2));
    let r = sh(&mut h, "bb", "nslookup web-1.nginx");
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("nslookup: can't resolve 'web-1.nginx'"));
    // The search list was walked: every candidate answered NXDOMAIN.
    let t = r.traces.iter().find(|t| t.qtype == QType::A).unwrap();
    assert_eq!(t.resolution.tried.len(), 4);
}

/// What people type right after a Pod is Ready works as on a cluster:
/// `kubectl exec` takes a moment to start its command (the API server,
/// the kubelet, the runtime), by when nginx listens and the Pod's DNS
/// record is served.
#[test]
fn exec_right_after_ready_reaches_nginx_and_its_dns_name() {
    use support::console::run;
    let mut c = support::console::with_fixtures();
    run(&mut c, "kubectl apply -f web.yaml");
    let (code, out, err) = run(
        &mut c,
        "kubectl wait --for=condition=Ready pod/web-0 --timeout=60s",
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(
        &mut c,
        "kubectl exec web-0 -- curl -s -o /dev/null -w '%{http_code}' localhost",
    );
    assert_eq!((code, out.as_str()), (0, "403"), "{err}");
    run(&mut c, "kubectl rollout status sts/web");
    let (code, out, err) = run(
        &mut c,
        "kubectl exec web-0 -- curl -s -o /dev/null -w '%{http_code}' web-1.nginx",
    );
    assert_eq!((code, out.as_str()), (0, "403"), "{err}");
}

/// R8.7, R8.1: a PTR query for an address no Service or ready endpoint has
/// is NXDOMAIN for the `kubernetes` plugin; `fallthrough in-addr.arpa
/// ip6.arpa` hands it to `forward`, so the answer is the upstream
/// resolver's: not authoritative, recursion available, and the SOA of the
/// address's reverse zone (AS112 for 10/8), not `cluster.local`'s.
#[test]
fn r8_7_ptr_for_an_unknown_address_falls_through_to_the_upstream() {
    let mut h = cluster(7);
    let r = sh(&mut h, "du", "dig -x 10.244.9.9");
    assert_eq!(r.code, 0);
    assert!(r.out.contains("status: NXDOMAIN"), "{}", r.out);
    assert!(
        r.out
            .contains(";; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n"),
        "{}",
        r.out
    );
    assert!(!r.out.contains("recursion requested but not available"));
    assert!(!r.out.contains("cluster.local.\t"), "{}", r.out);
    assert!(
        r.out.contains(
            "IN\tSOA\tprisoner.iana.org. hostmaster.root-servers.org. 1 604800 60 604800 604800\n"
        ),
        "{}",
        r.out
    );
    assert!(r.out.contains("\n10.in-addr.arpa.\t"), "{}", r.out);
    // Other types on a reverse name, and partial reverse names, go the same way.
    let r = sh(&mut h, "du", "dig 9.9.244.10.in-addr.arpa A | grep flags");
    assert!(r.out.contains("flags: qr rd ra;"), "{}", r.out);
    let r = sh(&mut h, "du", "dig 244.10.in-addr.arpa PTR | grep status");
    assert!(r.out.contains("status: NXDOMAIN"), "{}", r.out);
    // A known address is still the plugin's own, authoritative answer.
    let ip1 = ip(&h, "web-1");
    let r = sh(&mut h, "du", &format!("dig -x {ip1} | grep flags"));
    assert!(r.out.contains("flags: qr aa rd;"), "{}", r.out);
    // The tools report the miss as before.
    let r = sh(&mut h, "du", "host 10.244.9.9");
    assert_eq!(
        (r.code, r.out.as_str()),
        (1, "Host 9.9.244.10.in-addr.arpa. not found: 3(NXDOMAIN)\n")
    );
    let r = sh(&mut h, "du", "nslookup 10.244.9.9");
    assert_eq!(r.code, 1);
    assert!(r
        .out
        .ends_with("** server can't find 9.9.244.10.in-addr.arpa: NXDOMAIN\n\n"));
}

/// R8.13, R8.5: bind's tools walk the same search list as the C library,
/// but only NXDOMAIN moves them on (dighost.c `next_origin`): NODATA for
/// the first candidate (AAAA of an IPv4 Pod) is their answer.
#[test]
fn r8_13_bind_tools_end_the_search_at_nodata() {
    let mut h = cluster(7);
    let r = sh(&mut h, "du", "host -t AAAA web-0.nginx");
    assert_eq!(
        (r.code, r.out.as_str()),
        (
            0,
            "web-0.nginx.default.svc.cluster.local has no AAAA record\n"
        )
    );
    assert_eq!(r.traces[0].resolution.tried.len(), 1);
    let r = sh(&mut h, "du", "nslookup -type=AAAA web-0.nginx");
    assert_eq!(
        (r.code, r.out.as_str()),
        (
            0,
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n*** Can't find web-0.nginx: No answer\n\n"
        )
    );
    let r = sh(
        &mut h,
        "du",
        "dig +search AAAA web-0.nginx | grep -A1 QUESTION",
    );
    assert!(
        r.out
            .contains(";web-0.nginx.default.svc.cluster.local.\tIN AAAA"),
        "{}",
        r.out
    );
    // getaddrinfo goes on after NODATA, as glibc's res_search does.
    assert_eq!(
        h.engine
            .resolve("default", "web-0.nginx", QType::Aaaa)
            .tried
            .len(),
        4
    );
}

/// R8.9 (ExternalName in the zone), glibc: through a CNAME the canonical
/// name is the target's and the asked name an alias (h_name, h_aliases);
/// `getent ahosts` prints ai_canonname on its first line only.
#[test]
fn r8_9_getent_names_the_cname_target_canonical() {
    let mut h = cluster(7);
    h.create(
        Kind::Service,
        json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "extin", "namespace": "default"},
            "spec": {"type": "ExternalName", "externalName": "web-1.nginx.default.svc.cluster.local"}
        }),
    );
    h.advance(SimDuration::secs(1));
    let ip1 = ip(&h, "web-1");
    let r = sh(&mut h, "du", "getent hosts extin");
    assert_eq!(
        r.out,
        format!(
            "{ip1:<15} web-1.nginx.default.svc.cluster.local extin.default.svc.cluster.local\n"
        )
    );
    let r = sh(&mut h, "du", "getent ahosts nginx");
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 6, "{}", r.out);
    assert!(lines[0].ends_with(" STREAM nginx.default.svc.cluster.local"));
    assert!(lines[3].ends_with(" STREAM "), "{:?}", lines[3]);
}

/// bind's host: the default AAAA and MX lookups ask the address answer's
/// name with its CNAMEs followed (host.c `chase_cnamechain`), so an
/// ExternalName's alias is printed once; any failed lookup makes the exit
/// status 1. R8.9, R8.1 (the upstream knows no outside name here).
#[test]
fn r8_9_host_follows_the_cname_for_its_default_lookups() {
    let mut h = cluster(7);
    for (name, target) in [
        ("ext", "example.com"),
        ("extin", "web-1.nginx.default.svc.cluster.local"),
    ] {
        h.create(
            Kind::Service,
            json!({
                "apiVersion": "v1", "kind": "Service",
                "metadata": {"name": name, "namespace": "default"},
                "spec": {"type": "ExternalName", "externalName": target}
            }),
        );
    }
    h.advance(SimDuration::secs(1));
    let ip1 = ip(&h, "web-1");
    let r = sh(&mut h, "du", "host extin");
    assert_eq!(
        (r.code, r.out),
        (
            0,
            format!("extin.default.svc.cluster.local is an alias for web-1.nginx.default.svc.cluster.local.\nweb-1.nginx.default.svc.cluster.local has address {ip1}\n")
        )
    );
    let r = sh(&mut h, "du", "host ext");
    assert_eq!(
        (r.code, r.out.as_str()),
        (
            1,
            "ext.default.svc.cluster.local is an alias for example.com.\nHost example.com not found: 3(NXDOMAIN)\nHost example.com not found: 3(NXDOMAIN)\n"
        )
    );
}

/// busybox's `nc` (nc 1.10 compatible): `-zv` reports an open port on
/// stderr, stays quiet about a refusal at one `-v` and names it at two, dies
/// on a name that does not resolve, gives up after `-w` seconds, reaches
/// CoreDNS over TCP, and speaks HTTP by hand to nginx. Images without
/// busybox have no `nc`.
/// An HTTP/1.1 request must name its host: typed into `nc` without a
/// `Host:` header, nginx answers 400 and closes (keepalive off for a bad
/// request, `ngx_http_special_response_handler`), so nc returns at once;
/// the access log has the 400 and no error line (nginx notes it at level
/// info, below the image's `notice`). HTTP/1.0 needs no host.
#[test]
fn nginx_refuses_an_http_1_1_request_without_a_host() {
    let mut h = cluster(7);
    let before = h.engine.now();
    let r = sh(
        &mut h,
        "nb",
        "printf 'GET / HTTP/1.1\\r\\n\\r\\n' | nc web-0.nginx 80",
    );
    assert_eq!(r.code, 0);
    assert!(
        r.out
            .starts_with("HTTP/1.1 400 Bad Request\r\nServer: nginx/"),
        "{}",
        r.out
    );
    assert!(r.out.contains("\r\nConnection: close\r\n"), "{}", r.out);
    assert!(
        r.out.contains("<title>400 Bad Request</title>"),
        "{}",
        r.out
    );
    assert!(h.engine.now() - before < SimDuration::secs(1));
    let logs = h.engine.pod_runtime("default", "web-0").unwrap().ctrs[0].current_log();
    let last = logs.last().cloned().unwrap_or_default();
    assert!(last.contains("\"GET / HTTP/1.1\" 400 "), "{logs:?}");
    assert!(!logs.iter().any(|l| l.contains("[error]")), "{logs:?}");
    // A line that is not a request: nginx refuses the method at its first
    // byte (`client sent invalid method`), answers 400 and closes; the
    // access log quotes the line.
    let before = h.engine.now();
    let r = sh(&mut h, "nb", "echo hello | nc web-0.nginx 80");
    assert!(
        r.out.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{}",
        r.out
    );
    assert!(r.out.contains("\r\nConnection: close\r\n"), "{}", r.out);
    assert!(h.engine.now() - before < SimDuration::secs(1));
    let logs = h.engine.pod_runtime("default", "web-0").unwrap().ctrs[0].current_log();
    assert!(
        logs.last().is_some_and(|l| l.contains("] \"hello\" 400 ")),
        "{logs:?}"
    );
    // `GET /` alone is HTTP/0.9: the body only, then nginx closes. Its
    // error line names no host, none having been sent.
    let r = sh(&mut h, "nb", "echo 'GET /' | nc web-0.nginx 80");
    assert!(
        r.out.starts_with("<html>\r\n<head><title>403 Forbidden"),
        "{}",
        r.out
    );
    let logs = h.engine.pod_runtime("default", "web-0").unwrap().ctrs[0].current_log();
    let n = logs.len();
    assert!(
        logs[n - 2].ends_with("server: localhost, request: \"GET /\""),
        "{logs:?}"
    );
    assert!(logs[n - 1].contains("] \"GET /\" 403 "), "{logs:?}");
    // With a host, or as HTTP/1.0, the same request is served.
    let r = sh(
        &mut h,
        "nb",
        "printf 'GET / HTTP/1.1\\r\\nHost: web-0\\r\\nConnection: close\\r\\n\\r\\n' | nc web-0.nginx 80 | head -1",
    );
    assert!(!r.out.starts_with("HTTP/1.1 400"), "{}", r.out);
    let r = sh(
        &mut h,
        "nb",
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc web-0.nginx 80 | head -1",
    );
    assert!(!r.out.starts_with("HTTP/1.1 400"), "{}", r.out);
}

#[test]
fn busybox_nc_scans_ports_and_carries_a_request() {
    let mut h = cluster(7);
    let ip0 = ip(&h, "web-0");
    // nc's own stderr, without kubectl's closing line.
    let said =
        |r: &support::containers::Run| r.err.replace("command terminated with exit code 1\n", "");
    let r = sh(&mut h, "nb", "nc -zv web-0.nginx 80");
    assert_eq!(
        (r.code, said(&r).as_str()),
        (0, format!("web-0.nginx ({ip0}:80) open\n").as_str())
    );
    let r = sh(&mut h, "bb", "nc -z web-0.nginx 80 && echo up");
    assert_eq!((r.code, r.out.as_str(), r.err.as_str()), (0, "up\n", ""));
    let r = sh(&mut h, "nb", "nc -zv web-0.nginx 81");
    assert_eq!((r.code, said(&r).as_str()), (1, ""));
    let r = sh(&mut h, "nb", "nc -zvv web-0.nginx 81");
    assert_eq!(
        (r.code, said(&r).as_str()),
        (
            1,
            format!("nc: web-0.nginx ({ip0}:81): Connection refused\n").as_str()
        )
    );
    let r = sh(&mut h, "nb", "nc -zv no-such-name 80");
    assert_eq!(
        (r.code, said(&r).as_str()),
        (1, "nc: bad address 'no-such-name'\n")
    );
    let before = h.engine.now();
    let r = sh(&mut h, "nb", "nc -zv -w 2 10.244.250.250 80");
    assert_eq!(
        (r.code, said(&r).as_str()),
        (
            1,
            "nc: 10.244.250.250 (10.244.250.250:80): Connection timed out\n"
        )
    );
    assert_eq!(h.engine.now() - before, SimDuration::secs(2));
    let r = sh(&mut h, "nb", "nc -zv kube-dns.kube-system 53");
    assert_eq!(r.code, 0, "CoreDNS answers DNS over TCP: {}", r.err);

    sh(
        &mut h,
        "web-0",
        "echo hello > /usr/share/nginx/html/index.html",
    );
    let r = sh(
        &mut h,
        "nb",
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc web-0.nginx 80",
    );
    assert_eq!(r.code, 0);
    assert!(
        r.out.starts_with("HTTP/1.1 200 OK\r\nServer: nginx/"),
        "{}",
        r.out
    );
    assert!(r.out.contains("\r\nConnection: close\r\n"), "{}", r.out);
    assert!(r.out.ends_with("\r\n\r\nhello\n"), "{}", r.out);

    let r = sh(&mut h, "du", "nc -zv web-0.nginx 80");
    assert_eq!(r.code, 127, "{}", r.all);
    let r = sh(&mut h, "nb", "nc");
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("Usage: nc [OPTIONS] HOST PORT  - connect\n"),
        "{}",
        r.err
    );
    assert!(r.err.starts_with("BusyBox v1.36.1 ") && r.err.contains("\t-b\tAllow broadcasts\n"));
    let r = sh(&mut h, "bb", "nc");
    assert!(
        r.err.starts_with("BusyBox v1.28.4 ") && !r.err.contains("-b\tAllow"),
        "{}",
        r.err
    );
}

/// `nc -w` with the largest number it parses waits as long as it may
/// instead of overflowing.
#[test]
fn nc_with_a_huge_wait_gives_up_at_the_connect_timeout() {
    let mut h = cluster(7);
    let r = sh(
        &mut h,
        "nb",
        "nc -zv -w 18446744073709551615 10.244.250.250 80; echo $?",
    );
    assert!(r.out.ends_with("1\n"), "{}", r.all);
    assert!(r.err.contains("No route to host"), "{}", r.err);
}

/// Random `nc` command lines (options, operands and values that are not
/// what nc takes among them) end with busybox's exit codes, never a panic.
#[test]
fn nc_survives_random_command_lines() {
    const WORDS: &[&str] = &[
        "-z",
        "-v",
        "-vv",
        "-zv",
        "-w",
        "-w0",
        "-w2",
        "-w99999999999999999999",
        "-n",
        "-u",
        "-l",
        "-e",
        "-p",
        "-s",
        "--",
        "-",
        "-x",
        "80",
        "0",
        "65536",
        "http",
        "web-0.nginx",
        "nginx",
        "10.244.250.250",
        "10.96.0.10",
        "",
        "é",
        "-wé",
    ];
    let mut h = cluster(9);
    let mut rng = crate::fuzzing::Rng::new(crate::fuzzing::seed(4242));
    for _ in 0..crate::fuzzing::rounds(200) {
        let n = rng.below(5);
        let mut argv = vec!["nc"];
        for _ in 0..n {
            argv.push(*rng.pick(WORDS));
        }
        let r = containers::run(&mut h, "nb", &argv);
        assert!(matches!(r.code, 0 | 1), "{argv:?}: {}", r.all);
    }
}

/// R8.11, the Corefile's `cache 30`: every reply leaves CoreDNS with its
/// lowest TTL held between 5 and 30 s on every record, whether the cache
/// stores it or not: the plugin's own 28800 s `dns-version`, and the
/// upstream's negative answers (the root zone's SOA, a private reverse
/// zone's), come back with 30.
#[test]
fn r8_11_the_cache_plugin_caps_every_ttl_at_30_seconds() {
    let mut h = cluster(7);
    let ttl_of = |out: &str, section: &str| -> Vec<String> {
        out.split(&format!(";; {section} SECTION:\n"))
            .nth(1)
            .unwrap_or_default()
            .lines()
            .take_while(|l| !l.is_empty())
            .map(|l| l.split_whitespace().nth(1).unwrap_or_default().to_string())
            .collect()
    };
    let r = sh(&mut h, "du", "dig TXT dns-version.cluster.local");
    assert_eq!(ttl_of(&r.out, "ANSWER"), ["30"], "{}", r.out);
    let r = sh(&mut h, "du", "dig nope.example.com");
    assert!(r.out.contains("status: NXDOMAIN"), "{}", r.out);
    assert!(
        r.out
            .contains(";; AUTHORITY SECTION:\n.\t\t\t30\tIN\tSOA\ta.root-servers.net. "),
        "{}",
        r.out
    );
    let r = sh(&mut h, "du", "dig -x 10.1.2.3");
    assert_eq!(ttl_of(&r.out, "AUTHORITY"), ["30"], "{}", r.out);
    // The cluster's own answers were 30 already.
    let r = sh(
        &mut h,
        "du",
        "dig SRV _web._tcp.nginx.default.svc.cluster.local",
    );
    assert_eq!(ttl_of(&r.out, "ANSWER"), ["30", "30"], "{}", r.out);
}

/// A CoreDNS Pod answers on its own address too (it listens on :53; the
/// kube-dns Service only spreads queries over such Pods): `dig @<pod IP>`
/// and `nslookup NAME <pod IP>` get the cluster's answers. Another Pod's
/// address has no DNS server behind it.
#[test]
fn r8_1_a_coredns_pod_answers_on_its_own_address() {
    let mut h = cluster(7);
    let coredns: Vec<String> = h
        .engine
        .store()
        .pods
        .in_namespace("kube-system")
        .filter(|p| p.metadata.name.starts_with("coredns-"))
        .map(|p| p.status.pod_ip.to_string())
        .collect();
    assert_eq!(coredns.len(), 2);
    let ip0 = ip(&h, "web-0");
    for server in &coredns {
        let r = sh(
            &mut h,
            "du",
            &format!("dig +short @{server} web-0.nginx.default.svc.cluster.local"),
        );
        assert_eq!((r.code, r.out.as_str()), (0, format!("{ip0}\n").as_str()));
        let r = sh(
            &mut h,
            "du",
            &format!("nslookup web-0.nginx.default.svc.cluster.local {server}"),
        );
        assert!(r.out.contains(&format!("Address: {ip0}")), "{}", r.out);
    }
    let r = sh(
        &mut h,
        "du",
        &format!("dig +short @{ip0} web-0.nginx.default.svc.cluster.local"),
    );
    assert!(r.out.contains("no servers could be reached"), "{}", r.out);
}

/// `dig @SERVER`: a server given by name is looked up first through the
/// Pod's resolver (`SERVER: 10.96.0.10#53(kube-dns.kube-system…)`), one
/// that does not resolve ends dig with status 10; any `@SERVER` adds
/// dig's `; (1 server found)` line.
#[test]
fn dig_looks_up_a_server_given_by_name() {
    let mut h = cluster(7);
    let r = sh(
        &mut h,
        "du",
        "dig @kube-dns.kube-system.svc.cluster.local web-0.nginx.default.svc.cluster.local",
    );
    assert_eq!(r.code, 0);
    assert!(r.out.contains("status: NOERROR"), "{}", r.out);
    assert!(
        r.out
            .contains(";; SERVER: 10.96.0.10#53(kube-dns.kube-system.svc.cluster.local)\n"),
        "{}",
        r.out
    );
    assert!(
        r.out.contains(" kubernetes") || r.out.contains("\n; (1 server found)\n"),
        "{}",
        r.out
    );
    let r = sh(
        &mut h,
        "du",
        "dig @kube-dns.kube-system +short web-0.nginx.default.svc.cluster.local",
    );
    assert_eq!(r.out, format!("{}\n", ip(&h, "web-0")));
    let r = sh(
        &mut h,
        "du",
        "dig @nope.example web-0.nginx.default.svc.cluster.local",
    );
    assert_eq!(r.code, 10);
    assert!(
        r.err
            .starts_with("dig: couldn't get address for 'nope.example': not found\n"),
        "{}",
        r.err
    );
    // Without @, no count.
    let r = sh(&mut h, "du", "dig web-0.nginx.default.svc.cluster.local");
    assert!(!r.out.contains("server found"), "{}", r.out);
}
