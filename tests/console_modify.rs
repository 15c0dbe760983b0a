//! kubectl verbs that change or order what the cluster shows, end to end
//! through the console: `set env` (a new template revision, rolled out) and
//! `get --sort-by` (kubectl's sorter, on tables and on lists).

use ordinal::console::Console;

const WEB: &str = include_str!("fixtures/manifests/web.yaml");

fn web() -> Console {
    let mut c = Console::new(3);
    c.put_file("web.yaml", WEB);
    let t = c.run("kubectl apply -f web.yaml && kubectl rollout status sts/web");
    assert_eq!(t.status, 0, "{t}");
    c
}

/// R5 (RollingUpdate): an environment change is a template change, so the
/// set makes a new revision and replaces its Pods highest ordinal first;
/// the new containers see the variable.
#[test]
fn set_env_rolls_the_set_out_and_the_pods_see_the_variable() {
    let mut c = web();
    let before = c
        .run("kubectl get sts web -o jsonpath='{.status.updateRevision}'")
        .to_string();
    let t = c.run("kubectl set env sts/web GREETING=hello");
    assert_eq!(t.status, 0, "{t}");
    assert!(
        t.to_string().contains("statefulset.apps/web env updated"),
        "{t}"
    );
    let t = c.run("kubectl rollout status sts/web");
    assert_eq!(t.status, 0, "{t}");
    let after = c
        .run("kubectl get sts web -o jsonpath='{.status.updateRevision}'")
        .to_string();
    assert_ne!(before, after, "a new revision");
    for pod in ["web-0", "web-1"] {
        let t = c.run(&format!("kubectl exec {pod} -- sh -c 'echo $GREETING'"));
        assert!(t.to_string().contains("\nhello\n"), "{t}");
    }
    let events = c.run("kubectl get events --sort-by=.lastTimestamp -o custom-columns=R:.reason,O:.involvedObject.name").to_string();
    let deletes: Vec<&str> = events
        .lines()
        .filter(|l| l.starts_with("Killing"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        deletes,
        ["web-1", "web-0"],
        "highest ordinal first: {events}"
    );
    // Removing it is another revision; nothing to change is no write at all.
    let t = c.run("kubectl set env sts/web GREETING-");
    assert!(t.to_string().contains("env updated"), "{t}");
    let t = c.run("kubectl set env sts/web GREETING-");
    assert_eq!(t.status, 0, "{t}");
    assert!(!t.to_string().contains("env updated"), "{t}");
}

/// `--sort-by` orders Events by time on the table and on the list; a
/// field no object has is kubectl's error and prints nothing else.
#[test]
fn sort_by_orders_events_by_time_and_reports_a_missing_field() {
    let mut c = web();
    let t = c.run("kubectl get events --sort-by=.lastTimestamp -o custom-columns=T:.lastTimestamp --no-headers");
    let times: Vec<String> = t.to_string().lines().skip(1).map(str::to_string).collect();
    assert!(times.len() > 10, "{t}");
    // The scheduler's Events (events.k8s.io recorder) have no
    // lastTimestamp: kubectl's `isLess` puts a nil value first.
    let nils = times.iter().take_while(|t| *t == "<nil>").count();
    assert!(nils > 0, "{t}");
    let rest = &times[nils..];
    let mut sorted = rest.to_vec();
    sorted.sort();
    assert_eq!(rest, sorted, "{t}");
    assert!(!rest.iter().any(|t| t == "<nil>"), "{t}");
    let t = c.run("kubectl get pods --sort-by=.spec.nope");
    assert_eq!(t.status, 1, "{t}");
    let text = t.to_string();
    assert!(
        text.contains(
            "error: couldn't find any field with path \"{.spec.nope}\" in the list of objects"
        ),
        "{text}"
    );
    assert!(!text.contains("web-0"), "{text}");
}

/// `--record` is deprecated but still honoured by kubectl 1.33: cobra's
/// warning, then the command line (words, then every flag as
/// `--name=value`) in `kubernetes.io/change-cause`, which the StatefulSet
/// controller copies into the new ControllerRevision, so `rollout history`
/// shows it.
#[test]
fn record_writes_the_command_line_as_the_change_cause() {
    let mut c = web();
    let t = c.run("kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24 --record");
    let text = t.to_string();
    assert!(
        text.contains("Flag --record has been deprecated, --record will be removed in the future"),
        "{text}"
    );
    c.run("kubectl rollout status sts/web");
    let t = c.run("kubectl rollout history sts/web").to_string();
    assert!(
        t.contains("2         kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24 --record=true"),
        "{t}"
    );
    let t = c.run("kubectl scale sts web -n default --replicas=3 --record");
    assert_eq!(t.status, 0, "{t}");
    let cause = c
        .run("kubectl get sts web -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'")
        .to_string();
    assert!(
        cause.contains("kubectl scale sts web --namespace=default --replicas=3 --record=true"),
        "{cause}"
    );
    // `set env` never had the flag.
    let t = c.run("kubectl set env sts/web A=1 --record");
    assert_eq!(t.status, 1, "{t}");
    assert!(
        t.to_string().contains("error: unknown flag: --record"),
        "{t}"
    );
}
