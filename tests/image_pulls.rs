//! Image pulls as the kubelet words and times them (R10.4, R11.6):
//! `EnsureImageExists` runs before every container start, so the pull
//! policy decides what a crash loop's restarts say in `describe`.

use crate::support;

use ordinal::console::Console;
use support::console::run;

/// The Events table of `kubectl describe pod NAME`.
fn events(c: &mut Console, pod: &str) -> String {
    let out = run(c, &format!("kubectl describe pod {pod}")).1;
    out.split("Events:").nth(1).unwrap_or_default().to_string()
}

/// The `Pulled` rows of an Events table.
fn pulled_rows(events: &str) -> Vec<&str> {
    events
        .lines()
        .filter(|l| l.split_whitespace().nth(1) == Some("Pulled"))
        .collect()
}

#[test]
fn r11_6_a_crash_loop_with_pull_policy_always_pulls_before_each_restart() {
    // An untagged image defaults to `imagePullPolicy: Always` (R1).
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run crash --image=busybox -- sh -c 'exit 1'",
    );
    run(&mut c, "sleep 90");
    let ev = events(&mut c, "crash");
    assert!(
        !ev.contains("already present on machine"),
        "Always never finds the image on the node:\n{ev}"
    );
    let pulling = ev
        .lines()
        .find(|l| l.contains("Pulling image \"busybox\""))
        .expect("a Pulling row");
    assert!(pulling.contains("(x"), "one Pulling per start:\n{ev}");
    let rows = pulled_rows(&ev);
    assert!(rows.len() >= 3, "a pull per restart:\n{ev}");
    assert!(rows.iter().all(|l| l.contains("Successfully pulled image")));
}

#[test]
fn r11_6_a_crash_loop_with_if_not_present_finds_the_image_on_the_node() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run crash --image=busybox:1.36 --image-pull-policy=IfNotPresent -- sh -c 'exit 1'",
    );
    run(&mut c, "sleep 90");
    let ev = events(&mut c, "crash");
    let rows = pulled_rows(&ev);
    assert_eq!(
        rows.iter()
            .filter(|l| l.contains("Successfully pulled image"))
            .count(),
        1,
        "one real pull:\n{ev}"
    );
    assert!(
        rows.iter().any(|l| l.contains("(x")
            && l.contains("Container image \"busybox:1.36\" already present on machine")),
        "restarts find the image:\n{ev}"
    );
}

/// The kubelet prints `pullDuration.Truncate(time.Millisecond)` with `%v`:
/// Go's Duration format (`313ms`, `1.661s`, `1.7s`), never padded decimals.
#[test]
fn r10_4_pull_durations_print_as_go_durations() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run crash --image=busybox -- sh -c 'exit 1'",
    );
    run(&mut c, "sleep 120");
    let ev = events(&mut c, "crash");
    let mut seen = 0;
    for l in pulled_rows(&ev) {
        let Some(rest) = l.split("Successfully pulled image \"busybox\" in ").nth(1) else {
            continue;
        };
        let took = rest.split_whitespace().next().unwrap();
        seen += 1;
        let ok = if let Some(ms) = took.strip_suffix("ms") {
            ms.parse::<u32>().is_ok_and(|n| n < 1000)
        } else if let Some(s) = took.strip_suffix('s') {
            let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
            whole.parse::<u32>().is_ok_and(|n| n >= 1) && frac.len() <= 3 && !frac.ends_with('0')
        } else {
            false
        };
        assert!(ok, "{took:?} is not a Go duration: {l}");
        assert!(
            rest.starts_with(&format!("{took} ({took} including waiting)")),
            "{l}"
        );
    }
    assert!(seen >= 2, "pulls under a second and over one:\n{ev}");
    assert!(
        ev.contains("ms ("),
        "a pull under a second prints ms:\n{ev}"
    );
}

/// What 1.35's kubelet reports in a Pod's status beside the state: the
/// generation it acted on (PodObservedGenerationTracking, GA in 1.35), the
/// last state as an object even when empty, and for each container the
/// resources the runtime applied and its mounts (RecursiveReadOnlyMounts).
#[test]
fn r10_pod_status_carries_what_the_1_35_kubelet_reports() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
    );
    run(&mut c, "sleep 20");
    let q = |c: &mut Console, path: &str| {
        run(
            c,
            &format!("kubectl get pod web-0 -o jsonpath='{{{path}}}'"),
        )
        .1
    };
    assert_eq!(q(&mut c, ".status.observedGeneration"), "1");
    assert_eq!(
        q(&mut c, ".status.conditions[*].observedGeneration"),
        "1 1 1 1 1"
    );
    assert_eq!(q(&mut c, ".status.containerStatuses[0].lastState"), "{}");
    assert_eq!(q(&mut c, ".status.containerStatuses[0].resources"), "{}");
    assert_eq!(
        q(
            &mut c,
            ".status.containerStatuses[0].volumeMounts[*].mountPath"
        ),
        "/usr/share/nginx/html /var/run/secrets/kubernetes.io/serviceaccount"
    );
    assert_eq!(
        q(
            &mut c,
            ".status.containerStatuses[0].volumeMounts[?(@.readOnly==true)].recursiveReadOnly"
        ),
        "Disabled"
    );
    // A spec change moves the generation; the kubelet's next status says so.
    run(
        &mut c,
        "kubectl patch pod web-0 -p '{\"spec\":{\"activeDeadlineSeconds\":3600}}'",
    );
    run(&mut c, "kubectl exec web-0 -- sh -c 'true'");
    assert_eq!(q(&mut c, ".metadata.generation"), "2");
}
