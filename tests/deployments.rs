//! Deployments beside StatefulSets: the Deployment controller makes a
//! ReplicaSet per template and rolls between them; the ReplicaSet
//! controller keeps their Pods (new names each time, no order, no claims).

use ordinal::console::Console;

use crate::support::console::{ok, run};

fn events(c: &mut Console) -> Vec<String> {
    ok(
        c,
        "kubectl get events --field-selector reason=ScalingReplicaSet -o jsonpath='{range .items[*]}{.message}{\"\\n\"}{end}'",
    )
    .lines()
    .map(str::to_string)
    .collect()
}

fn replicasets(c: &mut Console) -> String {
    ok(
        c,
        "kubectl get rs -l app=web -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}:{.spec.replicas}/{.status.readyReplicas} {end}'",
    )
}

#[test]
fn a_rolling_update_surges_one_and_keeps_all_available() {
    let mut c = Console::new(3);
    ok(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21 --replicas=3",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    let pods = ok(&mut c, "kubectl get pods -l app=web -o name");
    let first: Vec<&str> = pods.lines().collect();
    assert_eq!(first.len(), 3);
    let rs = ok(&mut c, "kubectl get rs -l app=web -o name");
    let rs = rs.trim().trim_start_matches("replicaset.apps/").to_string();
    assert!(
        first.iter().all(|p| p.starts_with(&format!("pod/{rs}-"))),
        "{pods}"
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get deploy web -o jsonpath='{.status.conditions[*].reason}'"
        ),
        "MinimumReplicasAvailable NewReplicaSetAvailable"
    );
    ok(
        &mut c,
        "kubectl set image deploy/web nginx-slim=registry.k8s.io/nginx-slim:0.24",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    // 25 %: a surge of one (rounded up), no Pod unavailable (rounded down).
    let ev = events(&mut c);
    let new = ev[1]
        .strip_prefix("Scaled up replica set ")
        .and_then(|m| m.strip_suffix(" from 0 to 1"))
        .unwrap_or_else(|| panic!("{ev:?}"))
        .to_string();
    assert_eq!(
        ev,
        [
            format!("Scaled up replica set {rs} from 0 to 3"),
            format!("Scaled up replica set {new} from 0 to 1"),
            format!("Scaled down replica set {rs} from 3 to 2"),
            format!("Scaled up replica set {new} from 1 to 2"),
            format!("Scaled down replica set {rs} from 2 to 1"),
            format!("Scaled up replica set {new} from 2 to 3"),
            format!("Scaled down replica set {rs} from 1 to 0"),
        ]
    );
    assert_eq!(
        replicasets(&mut c)
            .split(' ')
            .filter(|s| !s.is_empty())
            .count(),
        2
    );
    assert!(
        replicasets(&mut c).contains("2:3/3"),
        "{}",
        replicasets(&mut c)
    );
    // Undo: the old template's ReplicaSet comes back as revision 3.
    assert_eq!(
        ok(&mut c, "kubectl rollout undo deploy/web"),
        "deployment.apps/web rolled back\n"
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    assert_eq!(
        ok(&mut c, "kubectl rollout history deploy/web"),
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n"
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'"
        ),
        "registry.k8s.io/nginx-slim:0.21"
    );
    // Scaled: the current ReplicaSet follows.
    ok(&mut c, "kubectl scale deploy web --replicas=1");
    ok(&mut c, "sleep 10");
    assert_eq!(
        ok(&mut c, "kubectl get deploy web -o jsonpath='{.status.readyReplicas} {.status.updatedReplicas}'"),
        "1 1"
    );
    // Deleted: its ReplicaSets and Pods go with it.
    ok(&mut c, "kubectl delete deploy web");
    ok(&mut c, "sleep 30");
    let (_, _, err) = run(&mut c, "kubectl get rs,pods -l app=web");
    assert_eq!(err, "No resources found in default namespace.\n");
}

#[test]
fn recreate_stops_every_old_pod_first() {
    let mut c = Console::new(4);
    ok(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21 --replicas=2",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    ok(
        &mut c,
        "kubectl patch deploy web -p '{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}'",
    );
    ok(
        &mut c,
        "kubectl set image deploy/web nginx-slim=registry.k8s.io/nginx-slim:0.24",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    let ev = events(&mut c);
    assert_eq!(ev.len(), 3, "{ev:?}");
    assert!(
        ev[1].starts_with("Scaled down replica set web-") && ev[1].ends_with(" from 2 to 0"),
        "{ev:?}"
    );
    assert!(
        ev[2].ends_with(" from 0 to 2") && ev[2].starts_with("Scaled up"),
        "{ev:?}"
    );
}

/// "Why does web-0.nginx not resolve?" — CoreDNS scaled to zero: the
/// kube-dns Service has no endpoint, so no lookup through 10.96.0.10 is
/// answered (a Pod's own CoreDNS address neither: there is none); scaled
/// back, the answers return.
#[test]
fn r8_1_no_coredns_pod_no_cluster_dns() {
    let mut c = crate::support::console::with_fixtures();
    ok(&mut c, "kubectl apply -f web.yaml");
    ok(&mut c, "kubectl rollout status sts web --timeout=5m");
    ok(
        &mut c,
        "kubectl run c --image=busybox:1.28 --restart=Never -- sleep 3600",
    );
    ok(&mut c, "kubectl wait --for=condition=Ready pod/c");
    ok(
        &mut c,
        "kubectl scale deploy coredns -n kube-system --replicas=0",
    );
    ok(&mut c, "sleep 5");
    let (code, out, err) = run(&mut c, "kubectl exec c -- nslookup web-0.nginx");
    assert_eq!(code, 1);
    assert!(
        err.contains("nslookup: can't resolve 'web-0.nginx'"),
        "{out}{err}"
    );
    ok(
        &mut c,
        "kubectl scale deploy coredns -n kube-system --replicas=2",
    );
    ok(
        &mut c,
        "kubectl rollout status deploy/coredns -n kube-system --timeout=2m",
    );
    let out = ok(&mut c, "kubectl exec c -- nslookup web-0.nginx");
    assert!(
        out.contains("web-0.nginx.default.svc.cluster.local"),
        "{out}"
    );
}

/// `FindNewReplicaSet`: when two of a Deployment's ReplicaSets have its
/// template (here one made by hand, owned by it), the oldest is the new
/// one, whatever the revisions say; choosing by revision made the two
/// swap roles on every sync and the instant never settled.
#[test]
fn two_replicasets_with_the_template_settle_on_the_oldest() {
    let mut c = Console::new(5);
    ok(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21 --replicas=1",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    let uid = ok(
        &mut c,
        "kubectl get deploy web -o jsonpath='{.metadata.uid}'",
    );
    let template = ok(
        &mut c,
        "kubectl get deploy web -o jsonpath='{.spec.template}'",
    );
    let rs = format!(
        "{{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"metadata\":{{\"name\":\"web-zzz\",\"labels\":{{\"app\":\"web\",\"pod-template-hash\":\"zzz\"}},\"annotations\":{{\"deployment.kubernetes.io/revision\":\"9\"}},\"ownerReferences\":[{{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\",\"uid\":\"{uid}\",\"controller\":true}}]}},\"spec\":{{\"replicas\":0,\"selector\":{{\"matchLabels\":{{\"app\":\"web\",\"pod-template-hash\":\"zzz\"}}}},\"template\":{}}}}}",
        template.replacen("\"app\":\"web\"", "\"app\":\"web\",\"pod-template-hash\":\"zzz\"", 1)
    );
    ok(&mut c, &format!("kubectl create -f - <<'EOF'\n{rs}\nEOF"));
    ok(&mut c, "sleep 10");
    assert!(
        c.engine().overloaded().is_none(),
        "{:?}",
        c.engine().overloaded()
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get deploy web -o jsonpath='{.status.readyReplicas}'"
        ),
        "1"
    );
}

/// `kubectl describe deployment` (`describeDeployment`): replicas by state,
/// the strategy, the conditions table, and every old ReplicaSet beside the
/// new one (all old ones since kubectl 1.26, with or without Pods).
#[test]
fn describe_deployment_names_the_old_and_the_new_replicaset() {
    let mut c = Console::new(3);
    ok(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21 --replicas=3",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    let first = ok(&mut c, "kubectl get rs -l app=web -o name");
    let first = first
        .trim()
        .trim_start_matches("replicaset.apps/")
        .to_string();
    let d = ok(&mut c, "kubectl describe deploy web");
    for line in [
        "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
        "StrategyType:           RollingUpdate",
        "MinReadySeconds:        0",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
        "  Available      True    MinimumReplicasAvailable",
        "  Progressing    True    NewReplicaSetAvailable",
        "OldReplicaSets:  <none>",
    ] {
        assert!(d.contains(line), "{line:?} missing in\n{d}");
    }
    assert!(
        d.contains(&format!("NewReplicaSet:   {first} (3/3 replicas created)")),
        "{d}"
    );
    ok(
        &mut c,
        "kubectl set image deploy/web nginx-slim=registry.k8s.io/nginx-slim:0.24",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    let d = ok(&mut c, "kubectl describe deploy web");
    assert!(
        d.contains(&format!("OldReplicaSets:  {first} (0/0 replicas created)")),
        "{d}"
    );
    assert!(
        d.contains("Annotations:            deployment.kubernetes.io/revision: 2"),
        "{d}"
    );
    assert!(
        d.contains("Image:         registry.k8s.io/nginx-slim:0.24"),
        "{d}"
    );
    assert!(d.contains("Scaled down replica set"), "{d}");
}

/// `describeReplicaSet`: the controller, current / desired, and the Pods of
/// this ReplicaSet by phase (a Pod the selector matches but another
/// controller owns does not count: `getPodStatusForController`).
#[test]
fn describe_replicaset_counts_only_its_own_pods() {
    let mut c = Console::new(3);
    ok(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21 --replicas=2",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    let rs = ok(&mut c, "kubectl get rs -l app=web -o name");
    let rs = rs.trim().to_string();
    let d = ok(&mut c, &format!("kubectl describe {rs}"));
    for line in [
        "Controlled By:  Deployment/web",
        "Replicas:       2 current / 2 desired",
        "Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed",
        "Normal  SuccessfulCreate",
    ] {
        assert!(d.contains(line), "{line:?} missing in\n{d}");
    }
    assert!(
        d.contains("Selector:       app=web,pod-template-hash="),
        "{d}"
    );
}

/// `describeDaemonSet` and the registry's template generation: the
/// annotation `deprecated.daemonset.template.generation` starts at 1,
/// whatever the manifest says, and counts template changes only.
#[test]
fn daemonsets_count_template_generations_and_describe_their_nodes() {
    let mut c = Console::new(3);
    let d = ok(&mut c, "kubectl describe ds kube-proxy -n kube-system");
    for line in [
        "Node-Selector:  kubernetes.io/os=linux",
        "Annotations:    deprecated.daemonset.template.generation: 1",
        "Desired Number of Nodes Scheduled: 4",
        "Number of Nodes Misscheduled: 0",
        "Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed",
    ] {
        assert!(d.contains(line), "{line:?} missing in\n{d}");
    }
    ok(
        &mut c,
        "kubectl create -f - <<EOF\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  annotations:\n    deprecated.daemonset.template.generation: \"7\"\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: a, image: busybox:1.36}]\nEOF",
    );
    let generation = |c: &mut Console| {
        ok(
            c,
            "kubectl get ds agent -o jsonpath='{.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}'",
        )
    };
    assert_eq!(generation(&mut c), "1");
    ok(&mut c, "kubectl label ds agent tier=node");
    assert_eq!(generation(&mut c), "1");
    ok(&mut c, "kubectl set image ds/agent a=busybox:1.37");
    assert_eq!(generation(&mut c), "2");
}

/// `kubectl rollout pause|resume`: a paused Deployment makes no new
/// ReplicaSet for a new template but still scales (`dc.sync`), says so in
/// its Progressing condition, and refuses restart and undo as kubectl
/// does; resumed, it rolls out the template it was given meanwhile.
#[test]
fn a_paused_deployment_scales_but_does_not_roll_out() {
    let mut c = Console::new(3);
    ok(
        &mut c,
        "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.21 --replicas=2",
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=2m");
    assert_eq!(
        ok(&mut c, "kubectl rollout pause deploy/web").trim(),
        "deployment.apps/web paused"
    );
    let (code, _, err) = run(&mut c, "kubectl rollout pause deploy/web");
    assert_eq!(code, 1);
    assert_eq!(err, "error: deployments.apps \"web\" is already paused\n");
    ok(
        &mut c,
        "kubectl set image deploy/web nginx-slim=registry.k8s.io/nginx-slim:0.24",
    );
    ok(&mut c, "kubectl scale deploy web --replicas=3");
    ok(&mut c, "sim advance 60s");
    // One ReplicaSet, the old template, scaled to 3.
    assert_eq!(replicasets(&mut c).trim(), "1:3/3");
    let d = ok(&mut c, "kubectl describe deploy web");
    assert!(
        d.contains("Progressing    Unknown  DeploymentPaused"),
        "{d}"
    );
    assert!(d.contains("NewReplicaSet:   <none>"), "{d}");
    let (code, out, err) = run(&mut c, "kubectl rollout status deploy/web --timeout=5s");
    assert_eq!(code, 1);
    assert!(
        out.contains("0 out of 3 new replicas have been updated"),
        "{out}"
    );
    assert!(err.contains("timed out"), "{err}");
    let (_, _, err) = run(&mut c, "kubectl rollout restart deploy/web");
    assert_eq!(err, "error: failed to create patch for web: can't restart paused deployment (run rollout resume first)\n");
    assert_eq!(
        ok(&mut c, "kubectl rollout resume deploy/web").trim(),
        "deployment.apps/web resumed"
    );
    let (code, _, err) = run(&mut c, "kubectl rollout resume deploy/web");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: deployments.apps \"web\" is not paused\n")
    );
    ok(&mut c, "kubectl rollout status deploy/web --timeout=3m");
    // readyReplicas is left out at 0 (omitempty).
    assert_eq!(replicasets(&mut c).trim(), "1:0/ 2:3/3");
    let (_, _, err) = run(&mut c, "kubectl rollout pause sts/nothing");
    assert!(err.contains("NotFound"), "{err}");
}

/// The DaemonSet controller: a deleted daemon is made again on its node
/// (a new name, the node's affinity, the revision labels), the control
/// plane's too (the add-ons tolerate every taint); a new template rolls
/// node by node to the new revision.
#[test]
fn daemonsets_keep_one_daemon_per_node_and_roll_to_a_new_template() {
    let mut c = Console::new(3);
    let nodes = |c: &mut Console| {
        let mut v: Vec<String> = ok(
            c,
            "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[*]}{.spec.nodeName}{\"\\n\"}{end}'",
        )
        .lines()
        .map(str::to_string)
        .collect();
        v.sort();
        v
    };
    let before = nodes(&mut c);
    assert_eq!(before.len(), 4);
    ok(
        &mut c,
        "kubectl delete pod -n kube-system -l k8s-app=kube-proxy --wait=false",
    );
    ok(&mut c, "sim advance 40s");
    assert_eq!(nodes(&mut c), before);
    let names = ok(
        &mut c,
        "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o name",
    );
    assert!(!names.contains("kube-proxy-h4j8s"), "{names}");
    let events = ok(
        &mut c,
        "kubectl get events -n kube-system --field-selector involvedObject.kind=DaemonSet",
    );
    assert!(events.contains("SuccessfulCreate"), "{events}");
    assert!(events.contains("Created pod: kube-proxy-"), "{events}");
    ok(
        &mut c,
        "kubectl set image ds/kube-proxy -n kube-system kube-proxy=registry.k8s.io/kube-proxy:v1.35.1",
    );
    ok(
        &mut c,
        "kubectl rollout status ds/kube-proxy -n kube-system --timeout=5m",
    );
    let images = ok(
        &mut c,
        "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{.items[*].spec.containers[0].image}'",
    );
    assert_eq!(images.split_whitespace().count(), 4, "{images}");
    assert!(
        images.split_whitespace().all(|i| i.ends_with("v1.35.1")),
        "{images}"
    );
    let generations = ok(
        &mut c,
        "kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{.items[*].metadata.labels.pod-template-generation}'",
    );
    assert_eq!(generations.trim(), "2 2 2 2");
    let revs = ok(
        &mut c,
        "kubectl get controllerrevisions -n kube-system -l k8s-app=kube-proxy -o name",
    );
    assert_eq!(revs.lines().count(), 2, "{revs}");
}
