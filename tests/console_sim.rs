//! The simulator's own controls (`sim …`, console.md "Simulator controls")
//! beyond what the golden `tests/scripts/sim.sh` shows.

use ordinal::console::Console;

fn cluster_with(manifest: &str) -> Console {
    let mut c = Console::new(1);
    c.put_file("m.yaml", manifest);
    let t = c.run("kubectl apply -f m.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    c
}

const NO_PROBES: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: plain\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n";

const WITH_PROBES: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: probed\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    readinessProbe:\n      httpGet:\n        path: /\n        port: 80\n    livenessProbe:\n      tcpSocket:\n        port: 80\n";

/// `sim fail POD readiness|liveness` on a Pod without that probe says that
/// nothing changes (and fails), instead of claiming the probes now fail.
#[test]
fn sim_fail_probe_without_that_probe_says_nothing_changes() {
    let mut c = cluster_with(NO_PROBES);
    let t = c.run("sim fail plain readiness");
    assert_eq!(t.status, 1, "{t}");
    let text = t.to_string();
    assert!(
        text.contains("sim: plain has no readiness probe, so nothing changes"),
        "{text}"
    );
    assert!(!text.contains("now fail"), "{text}");
    let t = c.run("sim fail plain liveness");
    assert_eq!(t.status, 1, "{t}");
    assert!(
        t.to_string()
            .contains("sim: plain has no liveness probe, so nothing changes"),
        "{t}"
    );
    // Still Ready: nothing was injected.
    c.run("sim advance 1m");
    let t = c.run("kubectl get pod plain");
    assert!(t.to_string().contains("1/1     Running"), "{t}");
}

/// With the probe, the fault applies as before; an unknown Pod is the
/// engine's error.
#[test]
fn sim_fail_probe_with_the_probe_applies() {
    let mut c = cluster_with(WITH_PROBES);
    let t = c.run("sim fail probed readiness");
    assert_eq!(t.status, 0, "{t}");
    assert!(
        t.to_string().contains("probed: readiness probes now fail"),
        "{t}"
    );
    c.run("sim advance 1m");
    let t = c.run("kubectl get pod probed");
    assert!(t.to_string().contains("0/1     Running"), "{t}");
    let t = c.run("sim fail nope readiness");
    assert_eq!(t.status, 1, "{t}");
    assert!(!t.to_string().contains("has no readiness probe"), "{t}");
}

/// When what keeps the cluster busy is a Pod the controller cannot create
/// (its claim is held in deletion), `sim settle` and `sim status` name the
/// StatefulSet short of its replicas, since there is no Pod to name.
#[test]
fn pending_work_without_a_pod_names_the_statefulset() {
    let mut c = Console::new(1);
    let t = c.run(
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle && \
         kubectl patch pvc www-web-1 -p '{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}' && \
         kubectl delete pvc www-web-1 --wait=false && kubectl delete pod web-1",
    );
    assert_eq!(t.status, 0, "{t}");
    let t = c.run("sim settle --timeout 2m");
    assert_eq!(t.status, 1, "{t}");
    let text = t.to_string();
    assert!(
        text.contains("sim: still pending after 2m: next event in ")
            && text.contains(" (statefulset/web 1/2 ready)"),
        "{text}"
    );
}
