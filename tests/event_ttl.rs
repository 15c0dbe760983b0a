//! Events expire: the API server keeps each Event for `--event-ttl` (1h)
//! after its last write, on the simulated clock. `kubectl get events` and
//! the Events table of `kubectl describe` stop showing it; an Event that
//! repeats (count + 1, new lastTimestamp) lives on.

use ordinal::console::Console;

fn run(c: &mut Console, src: &str) -> String {
    match c.run_script(src, false) {
        Ok(t) => t.to_string(),
        Err(e) => panic!("script does not parse: line {}: {}", e.line, e.message),
    }
}

#[test]
fn events_expire_an_hour_after_their_last_write() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl run once --image=busybox:1.28 --restart=Never -- sh -c 'echo hi'\nsim advance 59m",
    );
    let before = run(&mut c, "kubectl get events");
    assert!(before.contains("Scheduled   pod/once"), "{before}");
    let described = run(&mut c, "kubectl describe pod once");
    assert!(
        described.contains("Successfully assigned default/once"),
        "{described}"
    );
    // Past an hour since the Pod's events were written, none is left.
    run(&mut c, "sim advance 2m");
    let after = run(&mut c, "kubectl get events");
    assert!(!after.contains("pod/once"), "{after}");
    assert!(
        after.contains("No resources found in default namespace."),
        "{after}"
    );
    let described = run(&mut c, "kubectl describe pod once");
    assert!(
        described.contains("Events:                      <none>"),
        "{described}"
    );
}

#[test]
fn a_repeated_event_renews_its_time_to_live() {
    let mut c = Console::new(1);
    // A container that keeps crashing: its BackOff event repeats every few
    // minutes (the back-off is capped at 5m, R11.6).
    run(
        &mut c,
        "kubectl run crash --image=busybox:1.28 -- sh -c 'exit 1'\nsim advance 3h",
    );
    let events = run(&mut c, "kubectl get events -o wide");
    // FIRST SEEN three hours ago, COUNT 40: only its renewals kept it.
    let backoff = events
        .lines()
        .find(|l| l.contains("BackOff"))
        .unwrap_or_else(|| panic!("{events}"));
    assert!(backoff.contains("   179m   "), "{backoff}");
    // The Pod's one-time event is gone.
    assert!(!events.contains("Scheduled"), "{events}");
}

/// Events deleted through the API are no longer the recorder's: when the
/// same thing happens again, long after, it is a new Event with its own
/// name (the recorder once kept the deleted Events' keys and wrote the
/// next one under no name at all).
#[test]
fn an_event_deleted_through_the_api_comes_back_as_a_new_event() {
    let mut c = Console::new(1);
    run(
        &mut c,
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml\nkubectl rollout status sts/web\nkubectl delete events --all\nsleep 3700\nkubectl scale sts web --replicas=1\nsleep 20\nkubectl scale sts web --replicas=2\nsleep 20",
    );
    let out = run(
        &mut c,
        "kubectl get events --field-selector reason=SuccessfulCreate -o custom-columns=NAME:.metadata.name,MSG:.message,COUNT:.count --no-headers",
    );
    let line = out
        .lines()
        .find(|l| l.contains("create Pod web-1 in StatefulSet web successful"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.starts_with("web."), "{line}");
    assert!(line.trim_end().ends_with(" 1"), "{line}");
}
