//! `kubectl expose`, as kubectl 1.33–1.35 build the Service (pkg/cmd/expose
//! and polymorphichelpers: canbeexposed, mapbasedselectorforobject,
//! portsforobject, multiprotocolsforobject), and what the cluster then does
//! with it: a StatefulSet cannot be exposed, and a Service made from one of
//! its Pods selects on all the Pod's labels (R2.4), so it loses its
//! endpoint (R7.2) when a rolling update gives the Pod a new
//! `controller-revision-hash`.

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

fn jsonpath(c: &mut Console, what: &str, path: &str) -> String {
    ok(c, &format!("kubectl get {what} -o jsonpath='{path}'"))
}

#[test]
fn a_statefulset_cannot_be_exposed_nor_a_claim() {
    let mut c = cluster();
    assert_eq!(
        fails(&mut c, "kubectl expose sts web --port=80"),
        "error: cannot expose a StatefulSet.apps\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl expose pvc www-web-0"),
        "error: cannot expose a PersistentVolumeClaim\n"
    );
    assert_eq!(
        fails(&mut c, "kubectl expose pod web-9"),
        "Error from server (NotFound): pods \"web-9\" not found\n"
    );
    assert!(fails(&mut c, "kubectl expose")
        .starts_with("error: You must provide one or more resources by argument or filename."));
    // Nothing was created by the failures.
    assert_eq!(
        jsonpath(&mut c, "svc", "{.items[*].metadata.name}"),
        "kubernetes nginx"
    );
}

/// R2.4 + R7.2: `expose pod web-0` copies every label of the Pod into the
/// selector, the revision hash included; after a rolling update web-0 no
/// longer matches and the Service has no endpoints, while a Service that
/// selects on the pod-name label follows the Pod through the update.
#[test]
fn r2_4_exposing_a_pod_selects_its_revision_and_loses_it_on_update() {
    let mut c = cluster();
    let hash = jsonpath(
        &mut c,
        "pod web-0",
        "{.metadata.labels.controller-revision-hash}",
    );
    assert_eq!(
        ok(&mut c, "kubectl expose pod web-0 --name=web-0-svc"),
        "service/web-0-svc exposed\n"
    );
    let selector = jsonpath(&mut c, "svc web-0-svc", "{.spec.selector}");
    assert!(
        selector.contains(&format!("\"controller-revision-hash\":\"{hash}\""))
            && selector.contains("\"statefulset.kubernetes.io/pod-name\":\"web-0\"")
            && selector.contains("\"apps.kubernetes.io/pod-index\":\"0\""),
        "{selector}"
    );
    // The Service also carries the Pod's labels, and the one port, unnamed.
    assert_eq!(
        jsonpath(
            &mut c,
            "svc web-0-svc",
            "{.metadata.labels.statefulset\\.kubernetes\\.io/pod-name}"
        ),
        "web-0"
    );
    assert_eq!(
        jsonpath(&mut c, "svc web-0-svc", "{.spec.ports}"),
        "[{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}]"
    );
    ok(
        &mut c,
        "kubectl expose pod web-0 --name=web-0-stable --selector=statefulset.kubernetes.io/pod-name=web-0 --port=8080 --target-port=web",
    );
    assert_eq!(
        jsonpath(&mut c, "svc web-0-stable", "{.spec.ports[0].targetPort}"),
        "web"
    );
    let ip = jsonpath(&mut c, "pod web-0", "{.status.podIP}");
    let endpoints = |c: &mut Console, svc: &str| {
        jsonpath(
            c,
            &format!("endpointslices -l kubernetes.io/service-name={svc}"),
            "{.items[*].endpoints[*].addresses[0]}",
        )
    };
    assert_eq!(endpoints(&mut c, "web-0-svc"), ip);
    assert_eq!(endpoints(&mut c, "web-0-stable"), ip);
    ok(
        &mut c,
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24 && kubectl rollout status sts/web",
    );
    let new_ip = jsonpath(&mut c, "pod web-0", "{.status.podIP}");
    assert_ne!(
        hash,
        jsonpath(
            &mut c,
            "pod web-0",
            "{.metadata.labels.controller-revision-hash}"
        )
    );
    assert_eq!(
        endpoints(&mut c, "web-0-svc"),
        "",
        "the old revision's selector matches nothing"
    );
    assert_eq!(endpoints(&mut c, "web-0-stable"), new_ip);
}

/// A Service exposed from a Service keeps its selector and ports and gets
/// a virtual IP; `--cluster-ip=None` makes a headless one.
#[test]
fn exposing_the_headless_service_gives_a_virtual_ip_or_another_headless_one() {
    let mut c = cluster();
    assert_eq!(
        ok(&mut c, "kubectl expose svc nginx --name=nginx-vip -o name"),
        "service/nginx-vip\n"
    );
    let vip = jsonpath(&mut c, "svc nginx-vip", "{.spec.clusterIP}");
    assert!(vip.starts_with("10.96."), "{vip}");
    assert_eq!(
        jsonpath(&mut c, "svc nginx-vip", "{.spec.selector}"),
        "{\"app\":\"nginx\"}"
    );
    let (_, out, _) = run(
        &mut c,
        "kubectl run dns --image=busybox:1.28 --restart=Never --rm -i -- nslookup nginx-vip",
    );
    assert!(
        out.contains(&format!(
            "Address 1: {vip} nginx-vip.default.svc.cluster.local"
        )),
        "{out}"
    );
    ok(
        &mut c,
        "kubectl expose svc nginx --name=nginx-2 --cluster-ip=None",
    );
    assert_eq!(jsonpath(&mut c, "svc nginx-2", "{.spec.clusterIP}"), "None");
}

/// Ports and protocols come from the containers (`PortsForObject`,
/// `MultiProtocolsForObject`): several ports are named `port-N`, a port
/// with two protocols `port-N-tcp` / `port-N-udp`.
#[test]
fn ports_and_protocols_come_from_the_containers() {
    let mut c = Console::new(1);
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dns\n  labels:\n    app: dns\nspec:\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: [sleep, '3600']\n    ports:\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 53\n      protocol: TCP\n    - containerPort: 9153\n";
    support::console::apply(&mut c, yaml);
    let out = ok(&mut c, "kubectl expose pod dns --dry-run=client -o yaml");
    assert!(
        out.contains("  ports:\n  - name: port-1-udp\n    port: 53\n    protocol: UDP\n    targetPort: 53\n  - name: port-1-tcp\n    port: 53\n    protocol: TCP\n    targetPort: 53\n  - name: port-2\n    port: 9153\n    protocol: TCP\n    targetPort: 9153\n"),
        "{out}"
    );
    // --protocol stomps the protocols; --port picks one port.
    let out = ok(
        &mut c,
        "kubectl expose pod dns --port=53 --protocol=UDP --dry-run=client -o yaml",
    );
    assert!(
        out.contains("  ports:\n  - port: 53\n    protocol: UDP\n    targetPort: 53\n  selector:"),
        "{out}"
    );
    // The dry run created nothing.
    assert!(fails(&mut c, "kubectl get svc dns").contains("NotFound"));
}

#[test]
fn client_side_errors_are_kubectls_and_change_nothing() {
    let mut c = cluster();
    let cases = [
        ("kubectl expose pod web-0 --port=abc --name=x", "error: strconv.Atoi: parsing \"abc\": invalid syntax\n"),
        ("kubectl expose pod web-0 --port=80 --name=x --session-affinity=Sticky", "error: unknown session affinity: Sticky\n"),
        ("kubectl expose pod web-0 --port=80 --name=x --selector=a", "error: unexpected label spec: a\n"),
        ("kubectl expose pod web-0 --port=80 --name=x --labels==b", "error: unexpected empty label key\n"),
        ("kubectl expose pod web-0 --port=80 --name=x --type=Foo", "The Service \"x\" is invalid: spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"\n"),
        ("kubectl expose svc nginx", "Error from server (AlreadyExists): services \"nginx\" already exists\n"),
    ];
    for (cmd, want) in cases {
        assert_eq!(fails(&mut c, cmd), want, "{cmd}");
    }
    assert_eq!(
        jsonpath(&mut c, "svc", "{.items[*].metadata.name}"),
        "kubernetes nginx"
    );
    // A Pod without labels has no selector to lend.
    support::console::apply(&mut c, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    assert_eq!(
        fails(&mut c, "kubectl expose pod bare --port=80"),
        "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n"
    );
    // No port anywhere, and none given.
    assert_eq!(
        fails(&mut c, "kubectl expose pod bare --selector=a=b"),
        "error: couldn't find port via --port flag or introspection\n"
    );
}

#[test]
fn help_is_kubectls() {
    let mut c = Console::new(1);
    let out = ok(&mut c, "kubectl expose --help");
    assert!(
        out.starts_with("Expose a resource as a new Kubernetes service."),
        "{out}"
    );
    assert!(out.contains("    --cluster-ip='':\n"), "{out}");
}
