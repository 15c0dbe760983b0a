//! The upstream "Deploying Cassandra with a StatefulSet" tutorial, with its
//! manifests unmodified (tests/fixtures/manifests/cassandra-*): the ring
//! `nodetool status` shows has one node per Pod, at the Pod's address, in
//! the data center and rack the manifest's environment names; scaling the
//! set up adds a node (R3.4), and a Pod that comes back (R2.1) keeps its
//! Host ID at a new address.

use crate::support;

use ordinal::console::Console;
use support::console::{run, until, with_fixtures as console};

fn ready(c: &mut Console, n: usize) {
    until(c, 1800, "the ring Ready", |c| {
        let out = run(c, "kubectl get sts cassandra --no-headers").1;
        out.split_whitespace().nth(1) == Some(&format!("{n}/{n}"))
    });
}

/// `nodetool status` rows: (status, address, host id, rack).
fn ring(c: &mut Console) -> Vec<(String, String, String, String)> {
    let (code, out, err) = run(c, "kubectl exec cassandra-0 -- nodetool status");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Datacenter: DC1-K8Demo\n======================\nStatus=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n--  Address"), "{out}");
    out.lines()
        .filter(|l| l.starts_with('U') || l.starts_with('D'))
        .filter(|l| !l.starts_with("Datacenter"))
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            // UN ADDRESS LOAD KiB TOKENS OWNS HOSTID RACK
            (w[0].into(), w[1].into(), w[6].into(), w[7].into())
        })
        .collect()
}

fn pod_ip(c: &mut Console, pod: &str) -> String {
    run(
        c,
        &format!("kubectl get pod {pod} -o jsonpath={{.status.podIP}}"),
    )
    .1
}

#[test]
fn r3_4_the_ring_has_a_node_per_pod_and_a_pod_that_returns_keeps_its_host_id() {
    let mut c = console();
    for f in ["cassandra-service.yaml", "cassandra-statefulset.yaml"] {
        let (code, out, err) = run(&mut c, &format!("kubectl apply -f {f}"));
        assert_eq!(code, 0, "{out}{err}");
    }
    ready(&mut c, 3);
    let rows = ring(&mut c);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let mut ips: Vec<String> = (0..3)
        .map(|i| pod_ip(&mut c, &format!("cassandra-{i}")))
        .collect();
    let mut listed: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
    ips.sort();
    listed.sort();
    assert_eq!(listed, ips);
    assert!(
        rows.iter().all(|r| r.0 == "UN" && r.3 == "Rack1-K8Demo"),
        "{rows:?}"
    );
    // Each node logs its own address as it joins.
    for i in 0..3 {
        let ip = pod_ip(&mut c, &format!("cassandra-{i}"));
        let (_, log, _) = run(&mut c, &format!("kubectl logs cassandra-{i}"));
        assert!(
            log.contains(&format!("Node /{ip} state jump to NORMAL")),
            "{log}"
        );
    }

    // The tutorial's scale to 4: a fourth node joins.
    run(&mut c, "kubectl scale statefulset cassandra --replicas=4");
    ready(&mut c, 4);
    assert_eq!(ring(&mut c).len(), 4);

    // cassandra-1 comes back at a new address with the same Host ID.
    let before_ip = pod_ip(&mut c, "cassandra-1");
    let id_of = |rows: &[(String, String, String, String)], ip: &str| {
        rows.iter().find(|r| r.1 == ip).map(|r| r.2.clone())
    };
    let before = id_of(&ring(&mut c), &before_ip).expect("cassandra-1 in the ring");
    run(&mut c, "kubectl delete pod cassandra-1");
    until(&mut c, 600, "cassandra-1 back in the ring", |c| {
        let ip = pod_ip(c, "cassandra-1");
        !ip.is_empty() && ring(c).iter().any(|r| r.1 == ip && r.0 == "UN")
    });
    let after_ip = pod_ip(&mut c, "cassandra-1");
    assert_ne!(after_ip, before_ip, "a recreated Pod gets a new IP");
    assert_eq!(id_of(&ring(&mut c), &after_ip), Some(before));
}

#[test]
fn nodetool_needs_its_node_and_names_unknown_commands() {
    let mut c = console();
    run(&mut c, "kubectl apply -f cassandra-service.yaml");
    run(&mut c, "kubectl apply -f cassandra-statefulset.yaml");
    ready(&mut c, 3);
    let (code, out, _) = run(&mut c, "kubectl exec cassandra-0 -- nodetool version");
    assert_eq!((code, out.as_str()), (0, "ReleaseVersion: 3.11.2\n"));
    let (code, _, err) = run(&mut c, "kubectl exec cassandra-0 -- nodetool frobnicate");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("nodetool: Found unexpected parameters: [frobnicate]"),
        "{err}"
    );
    // A tool image has no nodetool.
    let (code, _, err) = run(
        &mut c,
        "kubectl run t --image=busybox:1.28 --restart=Never -- sleep 3600",
    );
    assert_eq!(code, 0, "{err}");
    until(&mut c, 120, "t running", |c| {
        support::console::pod_status(c, "t") == "Running"
    });
    let (_, _, err) = run(&mut c, "kubectl exec t -- nodetool status");
    assert!(err.contains("executable file not found"), "{err}");
}
