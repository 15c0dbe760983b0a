//! The Kubernetes DNS documentation pages, run as written: each page's
//! commands are a script in `tests/fixtures/dns-docs/` (the page's example
//! manifests unmodified, by heredoc or by their k8s.io/examples URL), and
//! these tests check the outputs that matter against what a kind 1.35
//! cluster prints. Where a page shows an older cluster's output, the
//! script's header says what 1.35 prints instead and why.
//!
//! - "Debugging DNS Resolution" → `dns-debugging-resolution.sh`
//! - "DNS for Services and Pods" → `dns-pod-service.sh`
//! - "Customizing DNS Service" → `dns-custom-nameservers.sh`

use crate::support::console::transcript;

const DEBUGGING: &str = include_str!("fixtures/dns-docs/dns-debugging-resolution.sh");
const PODS: &str = include_str!("fixtures/dns-docs/dns-pod-service.sh");
const CUSTOMIZING: &str = include_str!("fixtures/dns-docs/dns-custom-nameservers.sh");

/// What the `n`th (from 1) run of `cmd` printed in a transcript.
fn nth_output(t: &str, cmd: &str, n: usize) -> String {
    let head = format!("$ {cmd}\n");
    let mut rest = t;
    for _ in 1..n {
        let at = rest
            .find(&head)
            .unwrap_or_else(|| panic!("`{cmd}` ran fewer than {n} times"));
        rest = &rest[at + head.len()..];
    }
    let at = rest
        .find(&head)
        .unwrap_or_else(|| panic!("`{cmd}` did not run:\n{t}"));
    let body = &rest[at + head.len()..];
    let end = body.find("\n$ ").map_or(body.len(), |e| e + 1);
    // Heredoc lines echoed after the command are part of the command.
    body[..end]
        .lines()
        .filter(|l| !l.starts_with("> "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn output(t: &str, cmd: &str) -> String {
    nth_output(t, cmd, 1)
}

/// The Pod line of an `/etc/hosts`: (IP, names).
fn pod_hosts_line(hosts: &str) -> (String, String) {
    let line = hosts.lines().last().expect("a line");
    let (ip, names) = line.split_once('\t').expect("IP<TAB>names");
    (ip.to_string(), names.to_string())
}

// ----- Debugging DNS Resolution ---------------------------------------

#[test]
fn debugging_r8_15_dnsutils_nslookup_is_binds_and_walks_the_search_list() {
    let t = transcript(DEBUGGING);
    // agnhost 2.39's nslookup is bind9's: the server with `#53`, the name
    // found through the search list (R8.13), a blank line after.
    assert_eq!(
        output(&t, "kubectl exec -i -t dnsutils -- nslookup kubernetes.default"),
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n"
    );
    // busybox 1.28 prints the page's format, with reverse names (R8.15).
    let bb = output(
        &t,
        "kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm -- nslookup kubernetes.default",
    );
    assert!(
        bb.contains("Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n"),
        "{bb}"
    );
    // Queries without a namespace stay in the Pod's.
    let short = output(&t, "kubectl exec -i -t dnsutils -- nslookup kube-dns");
    assert!(
        short.contains("** server can't find kube-dns: NXDOMAIN\n"),
        "{short}"
    );
    assert!(
        short.ends_with("command terminated with exit code 1\n"),
        "{short}"
    );
    let qualified = output(
        &t,
        "kubectl exec -i -t dnsutils -- nslookup kube-dns.kube-system",
    );
    assert!(
        qualified.contains("Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n"),
        "{qualified}"
    );
    assert_eq!(
        output(
            &t,
            "kubectl exec -i -t dnsutils -- getent hosts kubernetes.default"
        ),
        "10.96.0.1       kubernetes.default.svc.cluster.local\n"
    );
}

#[test]
fn debugging_r8_12_resolv_conf_of_a_cluster_first_pod() {
    let t = transcript(DEBUGGING);
    assert_eq!(
        output(&t, "kubectl exec -ti dnsutils -- cat /etc/resolv.conf"),
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    );
}

#[test]
fn debugging_r8_1_coredns_pods_service_and_slices() {
    let t = transcript(DEBUGGING);
    let pods = output(
        &t,
        "kubectl get pods --namespace=kube-system -l k8s-app=kube-dns",
    );
    let rows: Vec<&str> = pods.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{pods}");
    for r in rows {
        assert!(r.starts_with("coredns-7d764666f9-"), "{r}");
        assert!(r.contains("   1/1     Running   0   "), "{r}");
    }
    let svc = output(&t, "kubectl get svc --namespace=kube-system");
    assert!(
        svc.contains("kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   "),
        "{svc}"
    );
    // The page's label is not the one the EndpointSlice controller sets.
    assert_eq!(
        output(
            &t,
            "kubectl get endpointslices -l k8s.io/service-name=kube-dns --namespace=kube-system"
        ),
        "No resources found in kube-system namespace.\n"
    );
    let slices = output(
        &t,
        "kubectl get endpointslices -l kubernetes.io/service-name=kube-dns --namespace=kube-system",
    );
    assert!(
        slices.starts_with(
            "NAME             ADDRESSTYPE   PORTS        ENDPOINTS               AGE\nkube-dns-"
        ),
        "{slices}"
    );
    assert!(
        slices.contains("   IPv4          53,53,9153   10.244.0.2,10.244.0.3   "),
        "{slices}"
    );
}

#[test]
fn debugging_coredns_logs_its_1_13_1_start_lines_for_each_pod() {
    let t = transcript(DEBUGGING);
    let one = "maxprocs: Leaving GOMAXPROCS=4: CPU quota undefined\n.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-1.13.1\nlinux/amd64, go1.25.2, 1db4568\n";
    assert_eq!(
        output(
            &t,
            "kubectl logs --namespace=kube-system -l k8s-app=kube-dns"
        ),
        format!("{one}{one}")
    );
}

#[test]
fn debugging_r8_1_the_coredns_configmap_holds_kubeadms_corefile() {
    let t = transcript(DEBUGGING);
    let cm = output(&t, "kubectl -n kube-system get configmap coredns -o yaml");
    assert!(
        cm.starts_with("apiVersion: v1\ndata:\n  Corefile: |\n    .:53 {\n        errors\n"),
        "{cm}"
    );
    for line in [
        "        kubernetes cluster.local in-addr.arpa ip6.arpa {\n           pods insecure\n           fallthrough in-addr.arpa ip6.arpa\n           ttl 30\n        }\n",
        "        forward . /etc/resolv.conf {\n           max_concurrent 1000\n        }\n",
        "        cache 30 {\n           disable success cluster.local\n           disable denial cluster.local\n        }\n",
        "kind: ConfigMap\nmetadata:\n",
        "  name: coredns\n  namespace: kube-system\n",
    ] {
        assert!(cm.contains(line), "missing {line:?} in\n{cm}");
    }
}

// ----- DNS for Services and Pods --------------------------------------

#[test]
fn pods_r8_14_hostname_subdomain_fqdn_and_hosts_file() {
    let t = transcript(PODS);
    assert_eq!(
        output(&t, "kubectl exec busybox1 -- hostname"),
        "busybox-1\n"
    );
    assert_eq!(
        output(&t, "kubectl exec busybox1 -- hostname -f"),
        "busybox-1.busybox-subdomain.default.svc.cluster.local\n"
    );
    let hosts = output(&t, "kubectl exec busybox1 -- cat /etc/hosts");
    assert!(
        hosts.starts_with("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"),
        "{hosts}"
    );
    let (ip, names) = pod_hosts_line(&hosts);
    assert!(ip.starts_with("10.244."), "{hosts}");
    assert_eq!(
        names,
        "busybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1"
    );
}

#[test]
fn pods_r8_4_the_fqdn_resolves_while_the_headless_service_exists() {
    let t = transcript(PODS);
    let (ip1, _) = pod_hosts_line(&output(&t, "kubectl exec busybox1 -- cat /etc/hosts"));
    let cmd =
        "kubectl exec busybox2 -- nslookup busybox-1.busybox-subdomain.default.svc.cluster.local";
    let found = nth_output(&t, cmd, 1);
    assert!(
        found.contains(&format!(
            "Name:      busybox-1.busybox-subdomain.default.svc.cluster.local\nAddress 1: {ip1} busybox-1.busybox-subdomain.default.svc.cluster.local\n"
        )),
        "{found}"
    );
    // R8.3: the Service name holds both ready Pods.
    let svc = output(&t, "kubectl exec busybox1 -- nslookup busybox-subdomain");
    assert!(
        svc.contains("Address 1: 10.244.") && svc.contains("Address 2: 10.244."),
        "{svc}"
    );
    // No A records for Pod names.
    assert!(output(&t, "kubectl exec busybox2 -- nslookup busybox1")
        .contains("nslookup: can't resolve 'busybox1'\n"));
    // The slice carries the hostnames the records are named by (R7.8).
    assert_eq!(
        output(
            &t,
            "kubectl get endpointslices -l kubernetes.io/service-name=busybox-subdomain -o custom-columns=HOSTNAMES:.endpoints[*].hostname"
        ),
        "HOSTNAMES\nbusybox-1,busybox-2\n"
    );
    // Service gone: the name is NXDOMAIN elsewhere, but the Pod itself
    // still finds its FQDN in /etc/hosts (R8.14).
    let gone = nth_output(&t, cmd, 2);
    assert!(
        gone.contains(
            "nslookup: can't resolve 'busybox-1.busybox-subdomain.default.svc.cluster.local'\n"
        ),
        "{gone}"
    );
    let own = output(
        &t,
        "kubectl exec busybox1 -- nslookup busybox-1.busybox-subdomain.default.svc.cluster.local",
    );
    assert!(own.contains(&format!("Address 1: {ip1} ")), "{own}");
}

#[test]
fn pods_r8_3_a_pod_has_a_record_only_once_ready() {
    let t = transcript(PODS);
    assert!(output(&t, "kubectl get pod busybox4").contains("busybox4   0/1     Running   0 "));
    let cmd = "kubectl exec busybox1 -- nslookup busybox-4.busybox-subdomain";
    assert!(
        nth_output(&t, cmd, 1).contains("nslookup: can't resolve 'busybox-4.busybox-subdomain'\n")
    );
    let ready = nth_output(&t, cmd, 2);
    assert!(
        ready.contains("Name:      busybox-4.busybox-subdomain\nAddress 1: 10.244."),
        "{ready}"
    );
    assert!(
        ready.contains(" busybox-4.busybox-subdomain.default.svc.cluster.local\n"),
        "{ready}"
    );
}

#[test]
fn pods_set_hostname_as_fqdn_makes_the_kernel_hostname_the_fqdn() {
    let t = transcript(PODS);
    let fqdn = "busybox-3.busybox-subdomain.default.svc.cluster.local\n";
    assert_eq!(output(&t, "kubectl exec busybox3 -- hostname"), fqdn);
    assert_eq!(output(&t, "kubectl exec busybox3 -- hostname -f"), fqdn);
    // The kubelet's hosts file keeps the short name as the alias.
    let (_, names) = pod_hosts_line(&output(&t, "kubectl exec busybox3 -- cat /etc/hosts"));
    assert_eq!(
        names,
        "busybox-3.busybox-subdomain.default.svc.cluster.local\tbusybox-3"
    );
}

#[test]
fn pods_a_hostname_without_subdomain_has_no_fqdn_and_no_dns_name() {
    let t = transcript(PODS);
    assert_eq!(output(&t, "kubectl exec my-pod -- hostname"), "my-host\n");
    assert_eq!(
        output(&t, "kubectl exec my-pod -- hostname -f"),
        "my-host\n"
    );
    let (_, names) = pod_hosts_line(&output(&t, "kubectl exec my-pod -- cat /etc/hosts"));
    assert_eq!(names, "my-host");
    assert!(output(&t, "kubectl exec busybox1 -- nslookup my-host")
        .contains("nslookup: can't resolve 'my-host'\n"));
}

#[test]
fn pods_cluster_first_with_host_net_uses_the_node_network_and_cluster_dns() {
    let t = transcript(PODS);
    let wide = output(&t, "kubectl get pod busybox -o wide");
    let row: Vec<&str> = wide
        .lines()
        .nth(1)
        .expect("row")
        .split_whitespace()
        .collect();
    let (ip, node) = (row[5], row[6]);
    assert!(ip.starts_with("172.18.0."), "the node's IP: {wide}");
    assert_eq!(
        output(&t, "kubectl exec busybox -- hostname"),
        format!("{node}\n")
    );
    assert_eq!(
        output(&t, "kubectl exec busybox -- cat /etc/resolv.conf"),
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    );
    assert!(
        output(&t, "kubectl exec busybox -- nslookup kubernetes.default")
            .contains("Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n")
    );
}

#[test]
fn pods_default_policy_inherits_the_nodes_resolver() {
    let t = transcript(PODS);
    assert_eq!(
        output(&t, "kubectl exec node-dns -- cat /etc/resolv.conf"),
        "nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n"
    );
    let ns = output(&t, "kubectl exec node-dns -- nslookup kubernetes.default");
    assert!(ns.starts_with("Server:    172.18.0.1\n"), "{ns}");
    assert!(
        ns.contains("nslookup: can't resolve 'kubernetes.default'\n"),
        "{ns}"
    );
}

#[test]
fn pods_none_policy_with_dns_config_is_the_pages_resolv_conf() {
    let t = transcript(PODS);
    assert_eq!(
        output(
            &t,
            "kubectl apply -f https://k8s.io/examples/service/networking/custom-dns.yaml"
        ),
        "pod/dns-example created\n"
    );
    assert_eq!(
        output(&t, "kubectl exec -it dns-example -- cat /etc/resolv.conf"),
        "search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n"
    );
}

/// A Pod's own search list and ndots decide its lookups (R8.13), and a
/// hostNetwork Pod left at ClusterFirst falls back to the node's resolver.
#[test]
fn pods_r8_13_lookups_follow_the_pods_own_resolv_conf() {
    let t = transcript(
        r#"kubectl run d --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --overrides='{"spec":{"dnsPolicy":"None","dnsConfig":{"nameservers":["10.96.0.10"],"searches":["kube-system.svc.cluster.local"],"options":[{"name":"ndots","value":"2"}]}}}'
kubectl run h --image=busybox:1.28 --overrides='{"spec":{"hostNetwork":true}}' -- sleep 3600
kubectl wait --for=condition=Ready pod/d pod/h
kubectl exec d -- nslookup kube-dns
kubectl exec d -- nslookup kubernetes.default
kubectl exec d -- dig +short kubernetes.default.svc.cluster.local
kubectl exec h -- cat /etc/resolv.conf
kubectl exec h -- cat /etc/hosts
"#,
    );
    assert!(output(&t, "kubectl exec d -- nslookup kube-dns")
        .contains("Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n"));
    assert!(output(&t, "kubectl exec d -- nslookup kubernetes.default")
        .contains("** server can't find kubernetes.default: NXDOMAIN\n"));
    assert_eq!(
        output(
            &t,
            "kubectl exec d -- dig +short kubernetes.default.svc.cluster.local"
        ),
        "10.96.0.1\n"
    );
    assert_eq!(
        output(&t, "kubectl exec h -- cat /etc/resolv.conf"),
        "nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n"
    );
    // The node's own hosts file, not the kubelet's managed one.
    let hosts = output(&t, "kubectl exec h -- cat /etc/hosts");
    assert!(hosts.starts_with("127.0.0.1\tlocalhost\n"), "{hosts}");
    assert!(!hosts.contains("Kubernetes-managed"), "{hosts}");
    assert!(
        hosts.contains("fe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.18.0."),
        "{hosts}"
    );
    assert!(hosts.contains("\tordinal-worker"), "{hosts}");
}

// ----- Customizing DNS Service ----------------------------------------

#[test]
fn customizing_r8_1_kube_dns_service_and_kubelet_flags() {
    let t = transcript(CUSTOMIZING);
    let cm = output(&t, "kubectl -n kube-system get configmap coredns -o yaml");
    assert!(
        cm.contains("        ready\n        kubernetes cluster.local in-addr.arpa ip6.arpa {\n"),
        "{cm}"
    );
    assert!(
        output(&t, "kubectl get deployment coredns --namespace=kube-system")
            .contains("coredns   2/2     2            2           ")
    );
    assert_eq!(
        output(&t, "kubectl exec resolv -- cat /etc/resolv.conf"),
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    );
}

/// An FQDN longer than the kernel's 64-character nodename fails the
/// sandbox: the Pod stays ContainerCreating with the kubelet's event
/// (kubelet `GetNodenameForKernel`, the page's note).
#[test]
fn pods_set_hostname_as_fqdn_too_long_keeps_the_pod_creating() {
    let t = transcript(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: long
spec:
  hostname: a-rather-long-hostname-for-this
  subdomain: busybox-subdomain
  setHostnameAsFQDN: true
  containers:
  - image: busybox:1.28
    command: ["sleep", "3600"]
    name: busybox
YAML
sim advance 30s
kubectl get pod long
kubectl get events --field-selector involvedObject.name=long
"#,
    );
    assert!(output(&t, "kubectl get pod long").contains("long   0/1     ContainerCreating   0 "));
    assert!(output(&t, "kubectl get events --field-selector involvedObject.name=long").contains(
        "Warning   FailedCreatePodSandBox   pod/long   Failed to create pod sandbox: failed to construct FQDN from pod hostname and cluster domain, FQDN a-rather-long-hostname-for-this.busybox-subdomain.default.svc.cluster.local is too long (64 characters is the max, 75 characters requested)\n"
    ));
}

/// The page's selector finds nothing, and kubectl says so on stderr.
#[test]
fn debugging_the_pages_endpointslice_label_selects_nothing_on_stderr() {
    let mut c = ordinal::console::Console::new(1);
    let (code, out, err) = crate::support::console::run(
        &mut c,
        "kubectl get endpointslices -l k8s.io/service-name=kube-dns --namespace=kube-system",
    );
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(err, "No resources found in kube-system namespace.\n");
}

/// "when a Pod's dnsPolicy is set to None, the dnsConfig field has to be
/// specified", with at least one nameserver, at most 3 (core validation
/// `validatePodDNSConfig`).
#[test]
fn pods_dns_config_is_validated_as_the_api_server_does() {
    let mut c = ordinal::console::Console::new(1);
    let run = |c: &mut ordinal::console::Console, spec: &str| {
        crate::support::console::run(
            c,
            &format!(
                "kubectl run x --image=busybox:1.28 --overrides='{{\"spec\":{spec}}}' -- sleep 1"
            ),
        )
    };
    let (code, _, err) = run(&mut c, r#"{"dnsPolicy":"None"}"#);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "The Pod \"x\" is invalid: spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None\n"
    );
    let (_, _, err) = run(
        &mut c,
        r#"{"dnsPolicy":"None","dnsConfig":{"searches":["a.b"]}}"#,
    );
    assert_eq!(
        err,
        "The Pod \"x\" is invalid: spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None\n"
    );
    let (_, _, err) = run(
        &mut c,
        r#"{"dnsPolicy":"None","dnsConfig":{"nameservers":["1.1.1.1","2.2.2.2","3.3.3.3","foo"],"options":[{"value":"1"}]}}"#,
    );
    assert_eq!(
        err,
        "The Pod \"x\" is invalid: \n* spec.dnsConfig.nameservers: Invalid value: [\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\",\"foo\"]: must not have more than 3 nameservers\n* spec.dnsConfig.nameservers[3]: Invalid value: \"foo\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n* spec.dnsConfig.options[0]: Required value: must not be empty\n"
    );
    assert_eq!(
        run(
            &mut c,
            r#"{"dnsPolicy":"Default","dnsConfig":{"searches":["example.com."]}}"#
        )
        .0,
        0
    );
}

/// "There can be at most 3 IP addresses specified" — and merged with the
/// policy's own nameserver a fourth is cut by the kubelet, which says so in
/// a DNSConfigForming event (kubelet `formDNSNameserversFitsLimits`).
#[test]
fn pods_merged_nameservers_beyond_three_are_cut_with_a_warning() {
    let t = transcript(
        r#"kubectl run z --image=busybox:1.28 --overrides='{"spec":{"dnsConfig":{"nameservers":["1.1.1.1","8.8.8.8","9.9.9.9"],"searches":["example.com"],"options":[{"name":"ndots","value":"1"}]}}}' -- sleep 3600
kubectl wait --for=condition=Ready pod/z
kubectl get events --field-selector reason=DNSConfigForming
kubectl exec z -- cat /etc/resolv.conf
"#,
    );
    assert!(output(&t, "kubectl get events --field-selector reason=DNSConfigForming").contains(
        "Warning   DNSConfigForming   pod/z    Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8\n"
    ));
    assert_eq!(
        output(&t, "kubectl exec z -- cat /etc/resolv.conf"),
        "search default.svc.cluster.local svc.cluster.local cluster.local example.com\nnameserver 10.96.0.10\nnameserver 1.1.1.1\nnameserver 8.8.8.8\noptions ndots:1\n"
    );
}

/// The page's note: "A Pod with no hostname but with subdomain will only
/// create the A or AAAA record for the headless Service" — the Service
/// name holds its IP, its own name under the Service is NXDOMAIN (its
/// EndpointSlice entry has no hostname, R7.8, R8.4); its FQDN still uses
/// the Pod's name (kubelet `GeneratePodHostNameAndDomain`).
#[test]
fn pods_a_subdomain_without_hostname_only_joins_the_service_name() {
    let t = transcript(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: busybox-subdomain
spec:
  selector:
    name: busybox
  clusterIP: None
  ports:
  - name: foo # name is not required for single-port Services
    port: 1234
---
apiVersion: v1
kind: Pod
metadata:
  name: busybox5
  labels:
    name: busybox
spec:
  subdomain: busybox-subdomain
  containers:
  - image: busybox:1.28
    command:
      - sleep
      - "3600"
    name: busybox
YAML
kubectl wait --for=condition=Ready pod/busybox5
kubectl exec busybox5 -- hostname -f
kubectl exec busybox5 -- nslookup busybox-subdomain
kubectl exec busybox5 -- nslookup busybox5.busybox-subdomain
kubectl get pod busybox5 -o jsonpath='{.status.podIP}{"\n"}'
"#,
    );
    assert_eq!(
        output(&t, "kubectl exec busybox5 -- hostname -f"),
        "busybox5.busybox-subdomain.default.svc.cluster.local\n"
    );
    let ip = output(
        &t,
        r#"kubectl get pod busybox5 -o jsonpath='{.status.podIP}{"\n"}'"#,
    );
    let svc = output(&t, "kubectl exec busybox5 -- nslookup busybox-subdomain");
    assert!(svc.contains(&format!("Address 1: {} ", ip.trim())), "{svc}");
    assert!(output(
        &t,
        "kubectl exec busybox5 -- nslookup busybox5.busybox-subdomain"
    )
    .contains("nslookup: can't resolve 'busybox5.busybox-subdomain'\n"));
}

/// The page's custom nameserver (192.0.2.1, a documentation address) does
/// not answer: the clients time out rather than report a name missing.
#[test]
fn pods_an_unreachable_dns_config_nameserver_times_out() {
    let t = transcript(
        r#"kubectl run d --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --overrides='{"spec":{"dnsPolicy":"None","dnsConfig":{"nameservers":["192.0.2.1"]}}}'
kubectl wait --for=condition=Ready pod/d
kubectl exec d -- nslookup kubernetes.default
kubectl exec d -- host kubernetes.default
kubectl exec d -- getent hosts kubernetes.default
"#,
    );
    assert_eq!(
        output(&t, "kubectl exec d -- nslookup kubernetes.default"),
        ";; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n"
    );
    assert_eq!(
        output(&t, "kubectl exec d -- host kubernetes.default"),
        ";; connection timed out; no servers could be reached\ncommand terminated with exit code 1\n"
    );
    assert_eq!(
        output(&t, "kubectl exec d -- getent hosts kubernetes.default"),
        "command terminated with exit code 2\n"
    );
}
