//! `kubectl port-forward` and the workstation's `curl`: the Pod the target
//! names, ports translated as kubectl translates them (pkg/cmd/portforward:
//! a Service port to its target port, named ports to numbers), client-go's
//! port parsing and listener errors (compared with kubectl 1.33's texts),
//! and the laptop's view of the cluster: a forwarded port answers with the
//! Pod's own files, cluster names do not resolve (not for `curl`, not for
//! the laptop's `nslookup` and `host`: R8, CoreDNS answers Pods), and a
//! forward ends with its Pod (R2: a recreated `web-0` is a new Pod).

use crate::support;

use ordinal::console::Console;
use support::console::{fails, ok, run};

fn cluster() -> Console {
    let mut c = Console::new(1);
    let t =
        c.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    for i in 0..2 {
        ok(
            &mut c,
            &format!("kubectl exec web-{i} -- sh -c 'echo \"$(hostname)\" > /usr/share/nginx/html/index.html'"),
        );
    }
    c
}

#[test]
fn a_forwarded_port_answers_with_that_pods_files() {
    let mut c = cluster();
    let (code, out, err) = run(&mut c, "kubectl port-forward web-1 8080:80");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n"
    );
    assert_eq!(
        ok(&mut c, "curl localhost:8080"),
        "Handling connection for 8080\nweb-1\n"
    );
    // A named container port is its number.
    ok(&mut c, "kubectl port-forward pod/web-0 8081:web");
    assert_eq!(
        ok(&mut c, "curl -s http://127.0.0.1:8081/"),
        "Handling connection for 8081\nweb-0\n"
    );
    assert_eq!(
        ok(
            &mut c,
            "curl -s -o /dev/null -w '%{http_code}' localhost:8081/missing"
        ),
        "Handling connection for 8081\n404"
    );
}

#[test]
fn a_service_port_is_translated_and_one_pod_chosen() {
    let mut c = cluster();
    // The Service's port by name; a headless Service's port is taken as it is.
    let out = ok(&mut c, "kubectl port-forward svc/nginx 9090:web");
    assert_eq!(
        out,
        "Forwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\n"
    );
    let body = ok(&mut c, "curl -s localhost:9090");
    assert!(
        body == "Handling connection for 9090\nweb-0\n"
            || body == "Handling connection for 9090\nweb-1\n",
        "{body}"
    );
    assert_eq!(
        fails(&mut c, "kubectl port-forward svc/nginx 9091:8080"),
        "error: Service nginx does not have a service port 8080\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl port-forward svc/nginx 9091:http"),
        "error: Service 'nginx' does not have a named port 'http'\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl port-forward svc/nope 9091:80"),
        "Error from server (NotFound): services \"nope\" not found\n"
    );
}

#[test]
fn ports_and_listeners_fail_as_client_go_words_it() {
    let mut c = cluster();
    ok(&mut c, "kubectl port-forward web-0 8080:80");
    assert_eq!(
        fails(&mut c, "kubectl port-forward web-1 8080:80"),
        "Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n"
    );
    for (ports, want) in [
        ("70000:80", "error: error parsing local port '70000': strconv.ParseUint: parsing \"70000\": value out of range\n"),
        ("8090:0", "error: remote port must be > 0\n"),
        ("8090:foo", "error: Pod 'web-0' does not have a named port 'foo'\n"),
        // `splitPort` takes the first part of anything but LOCAL:REMOTE.
        ("a:b:c", "error: Pod 'web-0' does not have a named port 'a'\n"),
    ] {
        assert_eq!(fails(&mut c, &format!("kubectl port-forward web-0 {ports}")), want, "{ports}");
    }
    assert_eq!(
        fails(&mut c, "kubectl port-forward web-9 8090:80"),
        "Error from server (NotFound): pods \"web-9\" not found\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl port-forward web-0 8090:80 --address nope"),
        "error: nope is not a valid IP\n"
    );
    // Nothing listens on 8090 after the failures.
    assert!(fails_with(&mut c, "curl localhost:8090", 7)
        .contains("curl: (7) Failed to connect to localhost port 8090"));
}

#[test]
fn a_pod_that_is_not_running_cannot_be_forwarded_to() {
    let mut c = Console::new(1);
    ok(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
    );
    assert_eq!(
        fails(&mut c, "kubectl port-forward web-0 8080:80"),
        "error: unable to forward port because pod is not running. Current status=Pending\n"
    );
}

#[test]
fn the_forward_ends_with_its_pod() {
    let mut c = cluster();
    ok(&mut c, "kubectl port-forward web-0 8080:80");
    assert!(ok(&mut c, "curl localhost:8080").ends_with("web-0\n"));
    ok(&mut c, "kubectl delete pod web-0");
    ok(&mut c, "sim settle");
    // The recreated web-0 is another Pod: kubectl's forward ended with the old one.
    assert_eq!(
        fails_with(&mut c, "curl localhost:8080", 7),
        "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n"
    );
    ok(&mut c, "kubectl port-forward web-0 8080:80");
    // Same name, same claim, same file (R6).
    assert_eq!(
        ok(&mut c, "curl localhost:8080"),
        "Handling connection for 8080\nweb-0\n"
    );
}

#[test]
fn the_workstation_does_not_resolve_cluster_names() {
    let mut c = cluster();
    assert_eq!(
        fails_with(&mut c, "curl web-0.nginx", 6),
        "curl: (6) Could not resolve host: web-0.nginx\n"
    );
    assert_eq!(
        fails_with(&mut c, "curl -s nginx.default.svc.cluster.local", 6),
        ""
    );
    let err = fails_with(&mut c, "curl 10.96.0.10", 7);
    assert!(err.contains("not routed to this workstation"), "{err}");
    // Nothing forwarded to a port nothing listens on in the Pod.
    ok(&mut c, "kubectl port-forward web-0 9000:9999");
    let (code, out, err) = run(&mut c, "curl localhost:9000");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            52,
            "Handling connection for 9000\n",
            "curl: (52) Empty reply from server\n"
        )
    );
}

/// R8: the cluster's names live in CoreDNS, which the Pods' resolv.conf
/// names; the laptop asks its own stub resolver, which answers localhost
/// only, and a note says where the lookup works.
#[test]
fn the_workstations_resolver_knows_localhost_and_no_cluster_name() {
    let mut c = cluster();
    let (code, out, err) = run(&mut c, "nslookup web-0.nginx");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find web-0.nginx: NXDOMAIN\n\n"
    );
    assert!(
        err.contains("kubectl run -it --rm dns-test --image=busybox:1.28 --restart=Never -- nslookup web-0.nginx"),
        "{err}"
    );
    // The same name asked from inside the cluster has its answer.
    let inside = ok(
        &mut c,
        "kubectl run -i --rm dns-test --image=busybox:1.28 --restart=Never -- nslookup web-0.nginx",
    );
    assert!(inside.contains("Name:      web-0.nginx"), "{inside}");
    let out = ok(&mut c, "nslookup localhost");
    assert!(
        out.ends_with("Non-authoritative answer:\nName:\tlocalhost\nAddress: 127.0.0.1\nName:\tlocalhost\nAddress: ::1\n\n"),
        "{out}"
    );
    let ip = ok(&mut c, "kubectl get pod web-0 -o jsonpath={.status.podIP}");
    let (code, out, _) = run(&mut c, &format!("host {ip}"));
    assert_eq!(code, 1);
    assert!(
        out.ends_with(".in-addr.arpa. not found: 3(NXDOMAIN)\n"),
        "{out}"
    );
    assert_eq!(
        run(&mut c, "host nginx.default.svc.cluster.local").1,
        "Host nginx.default.svc.cluster.local not found: 3(NXDOMAIN)\n"
    );
    // bind's own command line, as in a Pod: an unknown type is refused.
    assert_eq!(
        run(&mut c, "nslookup -type=bogus web-0.nginx"),
        (1, String::new(), "unknown query type: bogus\n".to_string())
    );
    // `-t` takes a value: the name is the word after it.
    assert_eq!(
        run(&mut c, "host -t srv nginx").1,
        "Host nginx not found: 3(NXDOMAIN)\n"
    );
    assert_eq!(
        ok(&mut c, "host -t aaaa localhost"),
        "localhost has IPv6 address ::1\n"
    );
    assert_eq!(
        ok(&mut c, "host -t srv localhost"),
        "localhost has no SRV record\n"
    );
    assert_eq!(
        ok(&mut c, "host localhost"),
        "localhost has address 127.0.0.1\nlocalhost has IPv6 address ::1\n"
    );
    // The cluster's DNS Service is not routed here: the query times out,
    // in simulated time.
    let before = c.engine().now();
    let (code, out, err) = run(&mut c, "nslookup web-0.nginx 10.96.0.10");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        ";; connection timed out; no servers could be reached\n\n"
    );
    assert!(err.contains("not routed to this workstation"), "{err}");
    assert_eq!(
        c.engine().now() - before,
        ordinal::engine::SimDuration::secs(15)
    );
}

fn fails_with(c: &mut Console, cmd: &str, want: i32) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, want, "{cmd}: {out}");
    err
}
