//! A Service without a selector and a hand-written v1 Endpoints object
//! (R7.2, the EndpointSliceMirroring controller): the Endpoints is mirrored
//! into an EndpointSlice, which is what CoreDNS reads, so the Service's
//! name and the addresses' hostnames resolve. Addresses come in IP order
//! (by bytes: 10.1.2.5 before 10.1.2.10). And the v1 Endpoints API's
//! deprecation warning on every request about Endpoints (R7.10).

use ordinal::console::Console;

use crate::support::console::{apply, ok, run};

const EXTERNAL: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  ports:
  - port: 5432
    name: pg
---
apiVersion: v1
kind: Endpoints
metadata:
  name: db
  labels:
    team: data
subsets:
- addresses:
  - ip: 10.1.2.3
    hostname: db-0
  - ip: 10.1.2.4
  notReadyAddresses:
  - ip: 10.1.2.10
  - ip: 10.1.2.5
  ports:
  - port: 5432
    name: pg"#;

const WARNING: &str =
    "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

fn mirrored() -> Console {
    let mut c = Console::new(7);
    apply(&mut c, EXTERNAL);
    ok(
        &mut c,
        "kubectl run client --image=busybox:1.28 --restart=Never -- sleep 3600",
    );
    ok(&mut c, "kubectl wait --for=condition=Ready pod/client");
    c
}

fn slices(c: &mut Console) -> String {
    ok(
        c,
        "kubectl get endpointslices -l endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io -o jsonpath='{range .items[*]}{.metadata.labels.team} {.addressType} {.ports[0].name}/{.ports[0].port}/{.ports[0].protocol} {range .endpoints[*]}{.addresses[0]}={.conditions.ready},{end} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{\"\\n\"}{end}'",
    )
}

#[test]
fn r7_2_hand_written_endpoints_are_mirrored_into_a_slice() {
    let mut c = mirrored();
    assert_eq!(
        slices(&mut c),
        "data IPv4 pg/5432/TCP 10.1.2.3=true,10.1.2.4=true,10.1.2.5=false,10.1.2.10=false, Endpoints/db\n"
    );
    let name = ok(
        &mut c,
        "kubectl get endpointslices -l kubernetes.io/service-name=db -o name",
    );
    assert!(
        name.starts_with("endpointslice.discovery.k8s.io/db-"),
        "{name}"
    );
    // DNS answers from the slice: the ready addresses, and the hostname.
    let out = ok(&mut c, "kubectl exec client -- nslookup db");
    assert!(
        out.contains("10.1.2.3") && out.contains("10.1.2.4"),
        "{out}"
    );
    assert!(!out.contains("10.1.2.5"), "a not-ready address: {out}");
    let out = ok(&mut c, "kubectl exec client -- nslookup db-0.db");
    assert!(
        out.contains("Address 1: 10.1.2.3 db-0.db.default.svc.cluster.local"),
        "{out}"
    );
    // An edit of the Endpoints reaches the slice.
    ok(
        &mut c,
        "kubectl patch endpoints db --type=json -p '[{\"op\":\"replace\",\"path\":\"/subsets/0/addresses/1/ip\",\"value\":\"10.1.2.9\"}]'",
    );
    assert_eq!(
        slices(&mut c),
        "data IPv4 pg/5432/TCP 10.1.2.3=true,10.1.2.9=true,10.1.2.5=false,10.1.2.10=false, Endpoints/db\n"
    );
    // A mirrored slice deleted by hand comes back.
    let name = name.trim().to_string();
    ok(&mut c, &format!("kubectl delete {name}"));
    assert!(slices(&mut c).contains("10.1.2.9=true"));
    // The Endpoints deleted: the slice goes, and the name stops resolving.
    ok(&mut c, "kubectl delete endpoints db");
    assert_eq!(slices(&mut c), "");
    let (code, _, _) = run(&mut c, "kubectl exec client -- nslookup db");
    assert_eq!(code, 1);
}

#[test]
fn r7_2_nothing_is_mirrored_for_a_service_with_a_selector_or_a_skip_mirror_label() {
    let mut c = mirrored();
    ok(
        &mut c,
        "kubectl label endpoints db endpointslice.kubernetes.io/skip-mirror=true",
    );
    assert_eq!(slices(&mut c), "");
    ok(
        &mut c,
        "kubectl label endpoints db endpointslice.kubernetes.io/skip-mirror-",
    );
    assert!(slices(&mut c).contains("10.1.2.3=true"));
    // With a selector the Service is the EndpointSlice controller's.
    ok(
        &mut c,
        "kubectl patch service db -p '{\"spec\":{\"selector\":{\"app\":\"db\"}}}'",
    );
    assert_eq!(slices(&mut c), "");
}

#[test]
fn r7_10_every_request_about_endpoints_warns() {
    let mut c = Console::new(7);
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl apply -f - <<'EOF'\n{EXTERNAL}\nEOF"),
    );
    assert_eq!(code, 0);
    assert_eq!(out, "service/db created\nendpoints/db created\n");
    assert_eq!(err, WARNING, "once per command");
    for cmd in [
        "kubectl get endpoints",
        "kubectl get ep db -o name",
        "kubectl get ep db -o yaml",
        "kubectl describe endpoints db",
        "kubectl label ep db x=y",
        "kubectl get svc,ep",
    ] {
        let (code, _, err) = run(&mut c, cmd);
        assert_eq!((code, err.as_str()), (0, WARNING), "{cmd}");
    }
    let (code, _, err) = run(&mut c, "kubectl delete ep nope");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("{WARNING}Error from server (NotFound): endpoints \"nope\" not found\n")
    );
    // Nothing about EndpointSlices warns.
    let (_, _, err) = run(&mut c, "kubectl get endpointslices");
    assert_eq!(err, "");
}
