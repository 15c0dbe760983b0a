//! The eviction subresource and unhealthy Pods (R11: what `kubectl drain`
//! meets): a Running Pod that is not Ready does not count as healthy, so
//! with the default `unhealthyPodEvictionPolicy` (IfHealthyBudget) it may
//! be evicted while the budget is met without it, and with `AlwaysAllow`
//! always; a healthy Pod still needs an allowed disruption.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run, until, with_fixtures};

/// Three web Pods, each on its own worker, under `minAvailable: 2`.
fn web_with_budget(policy: &str) -> Console {
    let mut c = with_fixtures();
    let (code, out, err) = run(&mut c, "kubectl apply -f web.yaml");
    assert_eq!(code, 0, "{out}{err}");
    run(&mut c, "kubectl scale sts web --replicas=3");
    until(&mut c, 300, "3 Ready", |c| {
        run(c, "kubectl get sts web --no-headers")
            .1
            .split_whitespace()
            .nth(1)
            == Some("3/3")
    });
    apply(
        &mut c,
        &format!(
            "apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 2
{policy}  selector:
    matchLabels:
      app: nginx"
        ),
    );
    c
}

fn crash(c: &mut Console, pod: &str) {
    run(c, &format!("sim fail {pod} crash"));
    until(c, 60, "not Ready", |c| {
        run(
            c,
            &format!("kubectl get pod {pod} -o jsonpath={{.status.containerStatuses[0].ready}}"),
        )
        .1 == "false"
    });
    c.run("sim advance 5s");
}

/// Drains the node of `pod` with a short timeout: the exit status and stderr.
fn drain_node_of(c: &mut Console, pod: &str) -> (i32, String) {
    let node = run(
        c,
        &format!("kubectl get pod {pod} -o jsonpath={{.spec.nodeName}}"),
    )
    .1;
    let (code, _, err) = run(
        c,
        &format!("kubectl drain {node} --ignore-daemonsets --timeout=20s"),
    );
    (code, err)
}

#[test]
fn an_unhealthy_pod_may_be_evicted_while_the_budget_is_met_without_it() {
    let mut c = web_with_budget("");
    crash(&mut c, "web-2");
    // Two healthy of two desired: no disruption allowed for a healthy Pod…
    let allowed = run(
        &mut c,
        "kubectl get pdb web-pdb -o jsonpath={.status.disruptionsAllowed}",
    )
    .1;
    assert_eq!(allowed, "0");
    // …but the crash-looping web-2 counts for nothing and may go.
    let (code, err) = drain_node_of(&mut c, "web-2");
    assert_eq!(code, 0, "{err}");

    // A healthy Pod may not: that would leave one of two.
    let (code, err) = drain_node_of(&mut c, "web-1");
    assert_eq!(code, 1);
    assert!(
        err.contains("Cannot evict pod as it would violate the pod's disruption budget."),
        "{err}"
    );
}

#[test]
fn an_unhealthy_pod_is_kept_when_the_budget_is_not_met_unless_always_allow() {
    let mut c = web_with_budget("");
    crash(&mut c, "web-1");
    crash(&mut c, "web-2");
    // One healthy of two desired: IfHealthyBudget keeps even the unhealthy.
    let (code, err) = drain_node_of(&mut c, "web-2");
    assert_eq!(code, 1);
    assert!(err.contains("global timeout reached: 20s"), "{err}");

    let mut c = web_with_budget("  unhealthyPodEvictionPolicy: AlwaysAllow\n");
    crash(&mut c, "web-1");
    crash(&mut c, "web-2");
    let (code, err) = drain_node_of(&mut c, "web-2");
    assert_eq!(code, 0, "{err}");
}

/// kubectl drain waits for each evicted Pod to be gone by polling once a
/// second (`waitForDelete`), so it returns on a whole second after the
/// eviction, by when the StatefulSet has already recreated the Pod: the
/// next `kubectl get pods` shows it Pending (its local volume is on the
/// cordoned node), not missing.
#[test]
fn drain_polls_each_second_so_the_replacement_is_already_there() {
    let mut c = with_fixtures();
    run(&mut c, "kubectl apply -f web.yaml");
    run(&mut c, "kubectl rollout status sts/web");
    let node = run(&mut c, "kubectl get pod web-0 -o jsonpath={.spec.nodeName}").1;
    let before = c.engine().now();
    let (code, out, err) = run(&mut c, &format!("kubectl drain {node} --ignore-daemonsets"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pod/web-0 evicted"), "{out}");
    let took = c.engine().now().as_ms() - before.as_ms();
    assert!(took >= 1_000 && took % 1_000 == 0, "drain took {took} ms");
    let status = run(&mut c, "kubectl get pod web-0 --no-headers").1;
    assert!(status.contains("Pending"), "{status}");
}
