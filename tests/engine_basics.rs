//! The StatefulSet Basics flow (WTUT) driven through the engine, for
//! OrderedReady and Parallel, with the invariant checker after every step.

use crate::support;

use ordinal::engine::dns::QType;
use ordinal::engine::objects::Kind;
use ordinal::engine::SimDuration;
use support::*;

#[test]
fn r3_8_ordered_scale_up_creates_claims_then_pods_one_by_one() {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(2, "OrderedReady"));
    // R6.3: the claim and web-0 exist at once; web-1 waits.
    assert!(h.engine.store().pvcs.get("default", "www-web-0").is_some());
    assert!(h.pod("web-0").is_some());
    assert!(h.pod("web-1").is_none());
    h.until(SimDuration::secs(120), "web-1 created", |e| {
        e.store().pods.get("default", "web-1").is_some()
    });
    assert!(
        h.ready("web-0"),
        "web-1 was created before web-0 was Running and Ready"
    );
    h.until(SimDuration::secs(120), "web-1 ready", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.is_running_and_ready())
    });
    h.until_web_ready(SimDuration::secs(5), 2);
    let set = h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .clone();
    assert_eq!(set.status.ready_replicas, 2);
    assert_eq!(set.status.replicas, 2);
    assert_eq!(set.status.current_revision, set.status.update_revision);
    for c in ["www-web-0", "www-web-1"] {
        assert_eq!(
            h.engine
                .store()
                .pvcs
                .get("default", c)
                .unwrap()
                .status
                .phase,
            "Bound"
        );
    }
    // DNS: the Service answers both Pod IPs, web-0.nginx one.
    h.until(SimDuration::secs(2), "DNS follows the slice", |e| {
        e.resolve("default", "nginx", QType::A)
            .answer
            .addresses()
            .len()
            == 2
    });
    let ips = h
        .engine
        .resolve("default", "nginx", QType::A)
        .answer
        .addresses();
    assert_eq!(ips.len(), 2);
    let one = h
        .engine
        .resolve("default", "web-0.nginx", QType::A)
        .answer
        .addresses();
    assert_eq!(one, vec![h.pod("web-0").unwrap().status.pod_ip.clone()]);
    for e in &h.events {
        println!("{:>8} {}", e.at.as_ms(), e.describe());
    }
}

/// A pod running the mysql image, as the MySQL tutorial's Pods do.
fn mysql_pod(name: &str, init_command: Option<&[&str]>) -> serde_json::Value {
    let mut init = serde_json::json!({"name": "init-mysql", "image": "mysql:5.7"});
    if let Some(cmd) = init_command {
        init["command"] = serde_json::json!(cmd);
    }
    serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "initContainers": [init],
            "containers": [{
                "name": "mysql", "image": "mysql:5.7",
                "env": [{"name": "MYSQL_ALLOW_EMPTY_PASSWORD", "value": "1"}]
            }]
        }
    })
}

/// R11.1: the image's entrypoint checks its environment (mysql wants
/// MYSQL_ROOT_PASSWORD or one of its siblings), but a `command:` replaces the
/// entrypoint, so an init container running `bash -c …` in the mysql image
/// completes and the Pod starts.
#[test]
fn r11_1_command_overrides_the_entrypoints_required_environment() {
    let mut h = Harness::new(1);
    h.create(
        Kind::Pod,
        mysql_pod(
            "with-command",
            Some(&["bash", "-c", "echo [mysqld] > /tmp/server-id.cnf; sleep 1"]),
        ),
    );
    h.until(SimDuration::secs(120), "with-command running", |e| {
        e.store()
            .pods
            .get("default", "with-command")
            .is_some_and(|p| p.status.phase == "Running")
    });
    let p = h.pod("with-command").unwrap();
    let init = &p.status.init_container_statuses[0];
    assert_eq!(init.restart_count, 0, "{init:?}");
}

/// Without a `command:`, the entrypoint runs and exits 1 on the missing
/// environment: the init container crash-loops (R11.6).
#[test]
fn r11_6_entrypoint_without_required_environment_still_fails() {
    let mut h = Harness::new(1);
    h.create(Kind::Pod, mysql_pod("no-command", None));
    h.advance(SimDuration::secs(90));
    let p = h.pod("no-command").unwrap();
    assert_eq!(p.status.phase, "Pending");
    assert!(p.status.init_container_statuses[0].restart_count >= 1);
    let cols = ordinal::engine::kubelet::pod_columns(&p, h.now());
    assert!(cols.status.starts_with("Init:"), "{cols:?}");
}

/// A container whose process ends in an hour (`sleep 3600`) leaves the
/// cluster steady: nothing is pending once the Pod runs, though the exit is
/// still scheduled; an exit within the horizon is pending work.
#[test]
fn a_far_container_exit_is_steady_not_pending() {
    let pod = |name: &str, secs: u64| {
        serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default"},
            "spec": {"containers": [{
                "name": name, "image": "busybox:1.28",
                "args": ["sleep", secs.to_string()]
            }]}
        })
    };
    let mut h = Harness::new(1);
    h.create(Kind::Pod, pod("sleeper", 3600));
    h.until(SimDuration::secs(60), "sleeper running", |e| {
        e.store()
            .pods
            .get("default", "sleeper")
            .is_some_and(|p| p.status.phase == "Running")
    });
    h.settle(SimDuration::secs(60));
    assert!(h.engine.next_wakeup().is_some(), "the exit is scheduled");
    assert!(
        !h.engine.is_pending(),
        "{:?}",
        h.engine.next_pending_wakeup()
    );
    h.create(Kind::Pod, pod("short", 30));
    h.until(SimDuration::secs(60), "short running", |e| {
        e.store()
            .pods
            .get("default", "short")
            .is_some_and(|p| p.status.phase == "Running")
    });
    assert!(h.engine.is_pending(), "an exit in 30s is pending work");
}

/// The DefaultTolerationSeconds admission plugin adds the two 300 s
/// NoExecute tolerations only where the Pod does not already tolerate the
/// taint: an empty key tolerates every taint, and an empty effect every
/// effect; a NoSchedule toleration of the same key does not count.
#[test]
fn default_toleration_seconds_respects_tolerations_that_already_cover_the_taint() {
    let mut h = Harness::new(1);
    let pod = |name: &str, tolerations: serde_json::Value| {
        serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default"},
            "spec": {"containers": [{"name": "c", "image": "registry.k8s.io/nginx-slim:0.21"}],
                     "tolerations": tolerations}
        })
    };
    h.create(
        Kind::Pod,
        pod("all", serde_json::json!([{"operator": "Exists"}])),
    );
    h.create(
        Kind::Pod,
        pod(
            "noschedule",
            serde_json::json!([{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoSchedule"}]),
        ),
    );
    h.create(
        Kind::Pod,
        pod(
            "anyeffect",
            serde_json::json!([{"key": "node.kubernetes.io/unreachable", "operator": "Exists"}]),
        ),
    );
    let keys = |name: &str| -> Vec<(String, String, Option<i64>)> {
        h.pod(name)
            .unwrap()
            .spec
            .tolerations
            .iter()
            .map(|t| {
                (
                    t.key.to_string(),
                    t.effect.to_string(),
                    t.toleration_seconds,
                )
            })
            .collect()
    };
    assert_eq!(keys("all"), [(String::new(), String::new(), None)]);
    let not_ready = (
        "node.kubernetes.io/not-ready".to_string(),
        "NoExecute".to_string(),
        Some(300),
    );
    let unreachable = (
        "node.kubernetes.io/unreachable".to_string(),
        "NoExecute".to_string(),
        Some(300),
    );
    assert_eq!(
        keys("noschedule"),
        [
            (
                "node.kubernetes.io/not-ready".to_string(),
                "NoSchedule".to_string(),
                None
            ),
            not_ready.clone(),
            unreachable,
        ]
    );
    assert_eq!(
        keys("anyeffect"),
        [
            (
                "node.kubernetes.io/unreachable".to_string(),
                String::new(),
                None
            ),
            not_ready,
        ]
    );
}

/// The add-on Pods (CoreDNS, kindnet, kube-proxy) have their owners in the
/// store, so the garbage collector's first pass (here after a StatefulSet
/// is deleted) leaves them, and DNS keeps answering.
#[test]
fn r1_garbage_collection_leaves_the_add_on_pods_and_their_owners() {
    let mut h = Harness::new(4);
    let system = |h: &Harness| {
        h.engine
            .store()
            .pods
            .in_namespace("kube-system")
            .filter(|p| !p.metadata.is_terminating())
            .count()
    };
    let before = system(&h);
    assert!(before >= 10, "{before} system Pods");
    for (kind, name) in [
        (Kind::Deployment, "coredns"),
        (Kind::ReplicaSet, "coredns-7d764666f9"),
        (Kind::DaemonSet, "kindnet"),
        (Kind::DaemonSet, "kube-proxy"),
    ] {
        assert!(
            h.engine
                .store()
                .get_dyn(kind, "kube-system", name)
                .is_some(),
            "{kind:?} {name}"
        );
    }
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(1, "OrderedReady"));
    h.until(SimDuration::secs(120), "web-0 ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.is_running_and_ready())
    });
    h.delete(
        Kind::StatefulSet,
        "web",
        ordinal::engine::DeleteOptions::default(),
    );
    h.advance(SimDuration::secs(60));
    assert!(h.engine.stats().gc_passes > 0, "the collector ran");
    assert_eq!(system(&h), before);
    let r = h.engine.resolve("default", "kubernetes", QType::A);
    assert!(r.answer.is_positive(), "{r:?}");
}

/// The NamespaceLifecycle admission plugin keeps `default`, `kube-system`
/// and `kube-public` for ever.
#[test]
fn the_immortal_namespaces_may_not_be_deleted() {
    let mut h = Harness::new(5);
    for ns in ["default", "kube-system", "kube-public"] {
        let err = h
            .engine
            .delete(
                Kind::Namespace,
                "",
                ns,
                &ordinal::engine::DeleteOptions::default(),
            )
            .expect_err("refused");
        assert_eq!(
            err.message(),
            format!("namespaces \"{ns}\" is forbidden: this namespace may not be deleted")
        );
        assert!(h.engine.store().namespaces.get("", ns).is_some());
    }
}
