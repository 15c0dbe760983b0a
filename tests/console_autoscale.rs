//! `kubectl autoscale` and the HorizontalPodAutoscaler controller as they
//! behave on a kind cluster, which has no metrics-server: the autoscaler
//! is reconciled a sync period (15 s) after it appears and every period
//! after; a StatefulSet outside `min..max` is scaled into the range
//! through its scale subresource, and within it every metric fails
//! (`FailedGetResourceMetric`, `ScalingActive` False) so nothing else
//! moves. kubectl 1.35's generator and checks (pkg/cmd/autoscale), and
//! `describeHorizontalPodAutoscalerV2`'s layout.

use crate::support;

use ordinal::console::Console;
use support::console::{fails, ok};

fn cluster() -> Console {
    let mut c = Console::new(1);
    let t =
        c.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    c
}

fn replicas(c: &mut Console) -> String {
    ok(c, "kubectl get sts web -o jsonpath={.spec.replicas}")
}

#[test]
fn the_autoscaler_keeps_the_set_within_its_bounds() {
    let mut c = cluster();
    assert_eq!(
        ok(
            &mut c,
            "kubectl autoscale sts web --min=3 --max=5 --cpu=50%"
        ),
        "horizontalpodautoscaler.autoscaling/web autoscaled\n"
    );
    // Nothing until the controller's queue hands it over, a period later.
    ok(&mut c, "sleep 14");
    assert_eq!(replicas(&mut c), "2");
    assert_eq!(
        ok(
            &mut c,
            "kubectl get hpa web -o jsonpath={.status.desiredReplicas}"
        ),
        "0"
    );
    ok(&mut c, "sleep 1");
    assert_eq!(replicas(&mut c), "3");
    let events = ok(&mut c, "kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o jsonpath='{.items[*].message}'");
    assert_eq!(
        events,
        "New size: 3; reason: Current number of replicas below Spec.MinReplicas"
    );
    // Scaled down by hand, the set is scaled back at the next sync.
    ok(&mut c, "sim settle");
    ok(&mut c, "kubectl scale sts web --replicas=1");
    ok(&mut c, "sleep 15");
    assert_eq!(replicas(&mut c), "3");
    ok(&mut c, "kubectl scale sts web --replicas=9");
    ok(&mut c, "sleep 15");
    assert_eq!(replicas(&mut c), "5");
    // Without the autoscaler nothing holds it.
    ok(&mut c, "kubectl delete hpa web");
    ok(&mut c, "kubectl scale sts web --replicas=1");
    ok(&mut c, "sleep 30");
    assert_eq!(replicas(&mut c), "1");
}

#[test]
fn without_metrics_server_scaling_is_not_active() {
    let mut c = cluster();
    ok(
        &mut c,
        "kubectl autoscale sts web --min=2 --max=4 --cpu=50%",
    );
    ok(&mut c, "sleep 31");
    let out = ok(&mut c, "kubectl describe hpa web");
    let cause = "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";
    for want in [
        "Reference:                                             StatefulSet/web\n",
        "Metrics:                                               ( current / target )\n  resource cpu on pods  (as a percentage of request):  <unknown> / 50%\n",
        "Min replicas:                                          2\nMax replicas:                                          4\nStatefulSet pods:                                      2 current / 0 desired\n",
        "  AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale\n",
        &format!("  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: {cause}\n"),
        &format!("FailedGetResourceMetric       1s (x2 over 16s)  horizontal-pod-autoscaler  {cause}\n"),
        &format!("FailedComputeMetricsReplicas  1s (x2 over 16s)  horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: {cause}\n"),
    ] {
        assert!(out.contains(want), "missing:\n{want}\nin:\n{out}");
    }
    assert_eq!(replicas(&mut c), "2");
    assert_eq!(
        ok(&mut c, "kubectl get hpa"),
        "NAME   REFERENCE         TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nweb    StatefulSet/web   cpu: <unknown>/50%   2         4         2          31s\n"
    );
}

#[test]
fn a_target_that_is_gone_cannot_be_scaled() {
    let mut c = cluster();
    ok(&mut c, "kubectl autoscale sts web --max=3");
    ok(&mut c, "kubectl delete sts web");
    ok(&mut c, "sleep 15");
    let out = ok(&mut c, "kubectl describe hpa web");
    assert!(out.contains("  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target's current scale: statefulsets.apps \"web\" not found\n"), "{out}");
    // The API server's defaults: one replica at least, CPU at 80 %.
    assert_eq!(
        ok(&mut c, "kubectl get hpa web -o jsonpath='{.spec.minReplicas} {.spec.metrics[0].resource.target.averageUtilization}'"),
        "1 80"
    );
}

#[test]
fn autoscale_is_refused_as_kubectl_refuses_it() {
    let mut c = cluster();
    for (args, want) in [
        ("sts web", "error: required flag(s) \"max\" not set\n"),
        ("sts web --max=0", "error: --max=MAXPODS is required and must be at least 1, max: 0\n"),
        ("sts web --min=5 --max=3", "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 5\n"),
        ("sts web --max=3 --cpu=abc", "error: invalid resource cpu value: abc\n"),
        ("sts web --max=3 --cpu=5x%", "error: invalid percentage value: 5x\n"),
        ("pod web-0 --max=3", "error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n"),
        ("sts nope --max=3", "Error from server (NotFound): statefulsets.apps \"nope\" not found\n"),
        ("sts web --max=x", "error: invalid argument \"x\" for \"--max\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl autoscale --help' for usage.\n"),
    ] {
        assert_eq!(fails(&mut c, &format!("kubectl autoscale {args}")), want, "{args}");
    }
    assert!(fails(
        &mut c,
        "kubectl autoscale sts web --max=3 --cpu-percent=50 --cpu=50%"
    )
    .ends_with("error: --cpu-percent and --cpu are mutually exclusive\n"));
    assert!(ok(&mut c, "kubectl get hpa").is_empty());
    ok(&mut c, "kubectl autoscale sts web --max=3");
    assert_eq!(
        fails(&mut c, "kubectl autoscale sts web --max=3"),
        "Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling \"web\" already exists\n"
    );
}

#[test]
fn the_generator_builds_its_metrics_as_kubectl_does() {
    let mut c = cluster();
    let v: serde_json::Value = serde_json::from_str(&ok(
        &mut c,
        "kubectl autoscale sts web --max=3 --cpu=500 --memory=70% --name=w --dry-run=client -o json",
    ))
    .expect("json");
    assert_eq!(v["metadata"]["name"], "w");
    assert_eq!(v["spec"]["scaleTargetRef"]["kind"], "StatefulSet");
    assert_eq!(
        v["spec"]["metrics"][0]["resource"]["target"]["averageValue"],
        "500m"
    );
    assert_eq!(
        v["spec"]["metrics"][1]["resource"]["target"]["averageUtilization"],
        70
    );
    assert!(v["spec"].get("minReplicas").is_none());
    // The deprecated flag still works, and says it is deprecated.
    let (code, out, err) = support::console::run(
        &mut c,
        "kubectl autoscale sts web --max=3 --cpu-percent=60 --dry-run=client -o jsonpath={.spec.metrics[0].resource.target.averageUtilization}",
    );
    assert_eq!((code, out.as_str()), (0, "60"));
    assert!(
        err.starts_with("Flag --cpu-percent has been deprecated"),
        "{err}"
    );
}

#[test]
fn settling_waits_for_the_autoscalers_work_not_its_resyncs() {
    let mut c = cluster();
    ok(&mut c, "kubectl autoscale sts web --min=4 --max=5");
    // The first sync scales the set; settling waits for that and the Pods.
    ok(&mut c, "sim settle");
    assert_eq!(replicas(&mut c), "4");
    assert_eq!(
        ok(&mut c, "kubectl get pods -l app=nginx -o name | wc -l").trim(),
        "4"
    );
    // From then on its resyncs change nothing: the cluster is settled.
    assert_eq!(ok(&mut c, "sim settle"), "settled after 0s\n");
}
