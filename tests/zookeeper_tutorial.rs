//! The upstream "Running ZooKeeper, A Distributed System Coordinator"
//! tutorial, with its manifest unmodified (tests/fixtures/manifests/
//! zookeeper.yaml): each server's id comes from its ordinal and lives on
//! its claim (R2.1 identity, R6.3 storage), `zoo.cfg` names the ensemble by
//! the Pods' stable DNS names (R8.4), a znode written through one server is
//! read through another, and it survives deleting every Pod of the set
//! because the data is on the PersistentVolumes.

use crate::support;

use ordinal::console::Console;
use support::console::{run, until, with_fixtures as console};

fn ready(c: &mut Console, n: usize) {
    until(c, 900, "the ensemble Ready", |c| {
        let out = run(c, "kubectl get sts zk --no-headers").1;
        out.split_whitespace().nth(1) == Some(&format!("{n}/{n}"))
    });
}

fn up(c: &mut Console) {
    let (code, out, err) = run(c, "kubectl apply -f zookeeper.yaml");
    assert_eq!(code, 0, "{out}{err}");
    ready(c, 3);
}

#[test]
fn r2_1_each_server_id_is_its_ordinal_plus_one_and_the_config_names_the_ensemble() {
    let mut c = console();
    up(&mut c);
    for i in 0..3 {
        let (code, out, err) = run(
            &mut c,
            &format!("kubectl exec zk-{i} -- cat /var/lib/zookeeper/data/myid"),
        );
        assert_eq!(
            (code, out.as_str()),
            (0, format!("{}\n", i + 1).as_str()),
            "{err}"
        );
    }
    let cfg = run(
        &mut c,
        "kubectl exec zk-0 -- cat /opt/zookeeper/conf/zoo.cfg",
    )
    .1;
    for line in [
        "clientPort=2181",
        "dataDir=/var/lib/zookeeper/data",
        "dataLogDir=/var/lib/zookeeper/data/log",
        "autopurge.purgeInteval=12",
        "server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888",
        "server.2=zk-1.zk-hs.default.svc.cluster.local:2888:3888",
        "server.3=zk-2.zk-hs.default.svc.cluster.local:2888:3888",
    ] {
        assert!(
            cfg.lines().any(|l| l == line),
            "{line} missing from:\n{cfg}"
        );
    }
}

#[test]
fn r6_3_a_znode_is_replicated_and_survives_deleting_the_whole_set() {
    let mut c = console();
    up(&mut c);
    let (code, out, _) = run(&mut c, "kubectl exec zk-0 -- zkCli.sh create /hello world");
    assert_eq!(code, 0);
    assert!(
        out.ends_with("WatchedEvent state:SyncConnected type:None path:null\nCreated /hello\n"),
        "{out}"
    );
    // Read through another server: the tutorial's zxid (createSession was 1).
    let (_, out, _) = run(&mut c, "kubectl exec zk-1 -- zkCli.sh get /hello");
    assert!(out.contains("\nworld\ncZxid = 0x100000002\n"), "{out}");
    assert!(out.contains("dataLength = 5\nnumChildren = 0\n"), "{out}");
    // Through the client Service, as applications connect.
    let (_, out, _) = run(
        &mut c,
        "kubectl exec zk-2 -- zkCli.sh -server zk-cs:2181 get /hello",
    );
    assert!(out.contains("\nworld\n"), "{out}");
    // A second create is refused; 3.4's client still exits 0.
    let (code, _, err) = run(&mut c, "kubectl exec zk-2 -- zkCli.sh create /hello again");
    assert_eq!((code, err.as_str()), (0, "Node already exists: /hello\n"));

    run(&mut c, "kubectl delete statefulset zk");
    until(&mut c, 300, "the Pods gone", |c| {
        run(c, "kubectl get pods --no-headers")
            .1
            .lines()
            .all(|l| !l.starts_with("zk-"))
    });
    up(&mut c);
    let (_, out, _) = run(&mut c, "kubectl exec zk-2 -- zkCli.sh get /hello");
    assert!(out.contains("\nworld\ncZxid = 0x100000002\n"), "{out}");
    // The ids were kept on the claims, not written again.
    let (_, out, _) = run(
        &mut c,
        "kubectl exec zk-0 -- cat /var/lib/zookeeper/data/myid",
    );
    assert_eq!(out, "1\n");
}

#[test]
fn a_member_that_was_down_catches_up_and_a_lone_member_has_no_quorum() {
    let mut c = console();
    up(&mut c);
    run(&mut c, "kubectl exec zk-0 -- zkCli.sh create /a 1");
    // zk-2 goes; the two others are a quorum and take a write.
    run(&mut c, "kubectl delete pod zk-2 --wait=false");
    let (_, out, _) = run(&mut c, "kubectl exec zk-1 -- zkCli.sh create /b 2");
    assert!(out.ends_with("Created /b\n"), "{out}");
    // Once the new zk-2 serves, it has what was written while it was gone.
    until(&mut c, 300, "zk-2 serving again", |c| {
        run(c, "kubectl exec zk-2 -- zkCli.sh ls /").0 == 0
    });
    let (_, out, _) = run(&mut c, "kubectl exec zk-2 -- zkCli.sh ls /");
    assert!(out.ends_with("[a, b, zookeeper]\n"), "{out}");

    // One server of three serves nobody.
    run(&mut c, "kubectl scale sts zk --replicas=1");
    ready(&mut c, 1);
    until(&mut c, 120, "zk-1 and zk-2 gone", |c| {
        let pods = run(c, "kubectl get pods --no-headers").1;
        !pods.contains("zk-1") && !pods.contains("zk-2")
    });
    let (code, out, err) = run(&mut c, "kubectl exec zk-0 -- zkCli.sh get /a");
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("KeeperErrorCode = ConnectionLoss for /a"),
        "{err}"
    );
}

/// The tutorial's "Configuring logging": start-zookeeper writes the log4j
/// configuration into the conf directory, which the image links from
/// `/usr/etc/zookeeper` (a link in the middle of the path, followed as the
/// kernel follows it).
#[test]
fn start_zookeeper_writes_the_log4j_configuration_the_tutorial_reads() {
    let mut c = console();
    up(&mut c);
    let (code, out, err) = run(
        &mut c,
        "kubectl exec zk-0 -- cat /usr/etc/zookeeper/log4j.properties",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "zookeeper.root.logger=CONSOLE\nzookeeper.console.threshold=INFO\nlog4j.rootLogger=${zookeeper.root.logger}\nlog4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender\nlog4j.appender.CONSOLE.Threshold=${zookeeper.console.threshold}\nlog4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout\nlog4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n\n"
    );
    let (_, same, _) = run(
        &mut c,
        "kubectl exec zk-0 -- cat /opt/zookeeper/conf/log4j.properties",
    );
    assert_eq!(same, out);
}

/// The tutorial's "Testing for liveness": removing the probe script
/// (`/opt/zookeeper/bin/zookeeper-ready`, linked from `/usr/bin`) fails
/// both probes, which run the same command; after `failureThreshold` (3)
/// periods the liveness probe has the kubelet restart the container, whose
/// fresh layer has the script again, and the Pod is Ready once more. The
/// watch shows `0/1 Running 0` → `0/1 Running 1` → `1/1 Running 1`, with no
/// row for the killed instance (the kubelet restarts it in the same sync),
/// even though every readiness failure re-plans the probes (R11.3, R11.5).
#[test]
fn r11_3_removing_zookeeper_ready_fails_liveness_and_the_container_restarts() {
    let mut c = console();
    up(&mut c);
    let (code, out, _) = run(
        &mut c,
        "kubectl exec zk-0 -- ls -l /usr/bin/zookeeper-ready /opt/zookeeper/bin/zookeeper-ready",
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("/usr/bin/zookeeper-ready -> /opt/zookeeper/bin/zookeeper-ready"),
        "{out}"
    );
    assert!(out.contains("-rwxr-xr-x"), "{out}");
    let (code, _, err) = run(
        &mut c,
        "kubectl exec zk-0 -- rm /opt/zookeeper/bin/zookeeper-ready",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = run(&mut c, "kubectl exec zk-0 -- which zookeeper-ready");
    assert_eq!(code, 1);
    let (_, out, _) = run(
        &mut c,
        "kubectl get pod -w -l app.kubernetes.io/name=zk --request-timeout=90s",
    );
    let rows: Vec<(String, String, String)> = out
        .lines()
        .filter(|l| l.starts_with("zk-0 "))
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[1].to_string(), w[2].to_string(), w[3].to_string())
        })
        .collect();
    let want = [
        ("1/1", "Running", "0"),
        ("0/1", "Running", "0"),
        ("0/1", "Running", "1"),
        ("1/1", "Running", "1"),
    ];
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(got, want, "{out}");
    let (_, out, _) = run(&mut c, "kubectl describe pod zk-0");
    assert!(
        out.contains("Liveness probe failed: sh: 1: zookeeper-ready: not found"),
        "{out}"
    );
    assert!(
        out.contains("Container kubernetes-zookeeper failed liveness probe, will be restarted"),
        "{out}"
    );
    // The restarted container has the script again.
    let (code, out, _) = run(
        &mut c,
        "kubectl exec zk-0 -- sh -c 'zookeeper-ready 2181; echo $?'",
    );
    assert_eq!((code, out.as_str()), (0, "0\n"));
}

/// The tutorial's "Surviving maintenance" steps: the server runs as the
/// `zookeeper` user (runAsUser 1000) as a java child of the entrypoint's
/// shell, and killing it ends the container, which the kubelet restarts
/// (R11.5).
#[test]
fn r11_5_pkill_java_restarts_the_server_container() {
    let mut c = console();
    up(&mut c);
    let (code, out, err) = run(&mut c, "kubectl exec zk-0 -- ps -elf");
    assert_eq!(code, 0, "{err}");
    let java = out
        .lines()
        .find(|l| l.contains("org.apache.zookeeper.server.quorum.QuorumPeerMain"))
        .unwrap_or_else(|| panic!("no java process in:\n{out}"));
    assert!(java.contains(" zookeep+ "), "{java}");
    let (code, _, err) = run(&mut c, "kubectl exec zk-0 -- pkill java");
    assert_eq!(code, 0, "{err}");
    until(&mut c, 120, "zk-0 restarted", |c| {
        let row = run(c, "kubectl get pod zk-0 --no-headers").1;
        row.split_whitespace().nth(3) == Some("1")
    });
}

/// The tutorial's "Surviving maintenance": the PodDisruptionBudget
/// (`maxUnavailable: 1`) lets one server go. Draining the node of one
/// server evicts it; its replacement cannot start elsewhere (its local
/// volume is pinned to the cordoned node), so draining a second node is
/// refused (429, retried every 5 s) until the first node is uncordoned.
#[test]
fn a_disruption_budget_lets_one_server_go_at_a_time() {
    let mut c = console();
    up(&mut c);
    let row = run(&mut c, "kubectl get pdb zk-pdb --no-headers").1;
    assert_eq!(row.split_whitespace().nth(3), Some("1"), "{row}");
    let described = run(&mut c, "kubectl describe pdb zk-pdb").1;
    assert!(
        described.starts_with("Name:             zk-pdb\nNamespace:        default\nMax unavailable:  1\nSelector:         app.kubernetes.io/name=zk\nStatus:\n    Allowed disruptions:  1\n    Current:              3\n    Desired:              2\n    Total:                3\n"),
        "{described}"
    );
    let node_of = |c: &mut Console, pod: &str| {
        run(
            c,
            &format!("kubectl get pod {pod} -o jsonpath={{.spec.nodeName}}"),
        )
        .1
    };
    let first = node_of(&mut c, "zk-0");
    let second = node_of(&mut c, "zk-1");
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl drain {first} --ignore-daemonsets --force --delete-emptydir-data"),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pod/zk-0 evicted\n"), "{out}");
    let row = run(&mut c, "kubectl get pdb zk-pdb --no-headers").1;
    assert_eq!(row.split_whitespace().nth(3), Some("0"), "{row}");

    let (code, out, err) = run(
        &mut c,
        &format!("kubectl drain {second} --ignore-daemonsets --force --delete-emptydir-data --timeout=30s"),
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("error when evicting pods/\"zk-1\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n"), "{err}");
    // deleteOrEvictPodsSimple names the Pods still on the node, then
    // RunDrain the node, then the error itself.
    assert!(
        err.ends_with(&format!("There are pending pods in node {second:?} when an error occurred: error when evicting pods/\"zk-1\" -n \"default\": global timeout reached: 30s\npod/zk-1\nerror: unable to drain node {second:?} due to error: error when evicting pods/\"zk-1\" -n \"default\": global timeout reached: 30s, continuing command...\nThere are pending nodes to be drained:\n {second}\nerror when evicting pods/\"zk-1\" -n \"default\": global timeout reached: 30s\n")),
        "{err}"
    );
    assert_eq!(support::console::pod_status(&mut c, "zk-1"), "Running");

    // Back on its node, zk-0 is healthy again, and the budget allows one.
    run(&mut c, &format!("kubectl uncordon {first}"));
    until(&mut c, 300, "one disruption allowed again", |c| {
        let row = run(c, "kubectl get pdb zk-pdb --no-headers").1;
        row.split_whitespace().nth(3) == Some("1")
    });
    let (code, out, err) = run(
        &mut c,
        &format!("kubectl drain {second} --ignore-daemonsets --force --delete-emptydir-data"),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pod/zk-1 evicted\n"), "{out}");
}

/// Budget arithmetic as the disruption controller does it: `minAvailable`
/// as a number expects the Pods that match, as a percentage the
/// StatefulSet's replicas, rounded up; and a Pod two budgets cover cannot
/// be evicted at all.
#[test]
fn min_available_budgets_and_a_pod_under_two_budgets() {
    let mut c = console();
    up(&mut c);
    let budget = |c: &mut Console, min: &str| {
        support::console::apply(
            c,
            &format!("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: half\nspec:\n  minAvailable: {min}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: zk"),
        );
        until(c, 30, "the budget's status", |c| {
            !run(c, "kubectl get pdb half -o jsonpath={.status.expectedPods}")
                .1
                .is_empty()
        });
        let mut st = |f: &str| {
            run(
                c,
                &format!("kubectl get pdb half -o jsonpath={{.status.{f}}}"),
            )
            .1
        };
        (
            st("expectedPods"),
            st("desiredHealthy"),
            st("disruptionsAllowed"),
        )
    };
    assert_eq!(
        budget(&mut c, "\"50%\""),
        ("3".into(), "2".into(), "1".into())
    );
    assert_eq!(budget(&mut c, "3"), ("3".into(), "3".into(), "0".into()));

    let node = run(&mut c, "kubectl get pod zk-2 -o jsonpath={.spec.nodeName}").1;
    let (code, _, err) = run(
        &mut c,
        &format!("kubectl drain {node} --ignore-daemonsets --force --delete-emptydir-data"),
    );
    assert_eq!(code, 1);
    assert!(err.contains("error when evicting pods/\"zk-2\" -n \"default\": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."), "{err}");
}
