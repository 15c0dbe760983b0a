//! What a cluster does on its own while something stays wrong: the volume
//! binder's 15-second resync of Pending claims (`PVClaimBinderSyncPeriod`,
//! pkg/controller/volume/persistentvolume `resync`), the scheduling queue's
//! retry of Pods left unschedulable for 5 minutes
//! (`flushUnschedulablePodsLeftover`), and how the Event recorders show
//! the repeats (client-go `EventCorrelator` for core/v1 Events, the
//! events.k8s.io recorder's series). Checked against real describe
//! outputs: `ProvisioningFailed  81s (x26 over 7m25s)  persistentvolume-controller
//! storageclass.storage.k8s.io "…" not found`.

use ordinal::console::Console;

use crate::support::console::run;

/// A StatefulSet whose claim template names a StorageClass that does not
/// exist (§12: the claim stays Pending, so does the Pod).
const MISSING_CLASS: &str = r#"cat > db.yaml <<'Y'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: c
        image: nginx:1.27
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      storageClassName: fast
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
Y
kubectl apply -f db.yaml"#;

fn last_event_line(c: &mut Console, what: &str, reason: &str) -> String {
    let (_, out, _) = run(c, &format!("kubectl describe {what}"));
    out.lines()
        .rev()
        .find(|l| l.contains(reason))
        .unwrap_or_else(|| panic!("no {reason} in {out}"))
        .to_string()
}

/// R6.7 / §12: the binder tells a Pending claim's reason at every resync;
/// the recorder writes 25 of them, then one per 5 minutes, counting all.
#[test]
fn a_claim_of_a_missing_class_is_told_again_every_15_seconds() {
    let mut c = Console::new(1);
    let (code, _, err) = run(&mut c, MISSING_CLASS);
    assert_eq!(code, 0, "{err}");
    run(&mut c, "sleep 60");
    // At 0 s, then at the resyncs at 15, 30, 45 and 60 s.
    let line = last_event_line(&mut c, "pvc data-db-0", "ProvisioningFailed");
    assert!(line.contains(" 0s (x5 over 60s) "), "{line}");
    assert!(
        line.ends_with("storageclass.storage.k8s.io \"fast\" not found"),
        "{line}"
    );
    // 11 minutes: 45 occurrences, written 25 times (to 6 min) and at
    // 6m15s and 10 min (the spam filter's refilled tokens).
    run(&mut c, "sleep 600");
    let line = last_event_line(&mut c, "pvc data-db-0", "ProvisioningFailed");
    assert!(line.contains(" 60s (x41 over 11m) "), "{line}");
}

/// The scheduler retries a Pod that waited 5 minutes in the unschedulable
/// pool at the next tick of its 30-second flush loop; the events.k8s.io
/// recorder writes the second failure as a series and keeps later counts
/// for its refresh.
#[test]
fn an_unschedulable_pod_is_retried_after_five_minutes() {
    let mut c = Console::new(1);
    run(&mut c, MISSING_CLASS);
    run(&mut c, "sleep 320");
    let line = last_event_line(&mut c, "pod db-0", "FailedScheduling");
    assert!(
        !line.contains("(x"),
        "not retried before 5.5 minutes: {line}"
    );
    run(&mut c, "sleep 20");
    let line = last_event_line(&mut c, "pod db-0", "FailedScheduling");
    assert!(line.contains(" 9s (x2 over 5m39s) "), "{line}");
    assert!(
        line.contains("pod has unbound immediate PersistentVolumeClaims"),
        "{line}"
    );
    // The third failure (at 11 minutes) waits in the recorder's cache.
    run(&mut c, "sleep 360");
    let line = last_event_line(&mut c, "pod db-0", "FailedScheduling");
    assert!(line.contains(" (x2 over 11m) "), "{line}");
}

/// Periodic work does not keep `sim settle` from settling: a claim left
/// Pending and a Pod left unschedulable are a settled state.
#[test]
fn periodic_retries_are_not_pending_work() {
    let mut c = Console::new(1);
    run(&mut c, MISSING_CLASS);
    let (code, out, err) = run(&mut c, "sim settle");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("settled after"), "{out}");
    // Nor are they named as the next event (the StatefulSet resync every
    // 30 s, the claim binder's every 15 s): the scheduler's retry of the
    // unschedulable Pod, minutes away, is.
    let (_, out, _) = run(&mut c, "sim status");
    let pending = out
        .lines()
        .find(|l| l.starts_with("pending:"))
        .unwrap_or_default();
    assert_eq!(pending, "pending: nothing (next event in 5m29s)", "{out}");
}

/// R6.5 / R6.9 and the StatefulSet informer's 30-second resync
/// (`statefulSetResyncPeriod`): a Pod whose claim is held in deletion by
/// a finalizer fails to be created again and again, the work queue's
/// back-off growing past minutes; once the claim is gone, the next resync
/// (not the back-off) brings the Pod back with a fresh claim.
#[test]
fn a_long_failing_set_is_synced_again_at_the_next_resync() {
    let mut c = Console::new(1);
    for line in [
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
        "sim settle",
        r#"kubectl patch pvc www-web-1 -p '{"metadata":{"finalizers":["example.com/hold"]}}'"#,
        "kubectl delete pvc www-web-1 --wait=false",
        "kubectl delete pod web-1",
        "sleep 240",
    ] {
        let (code, _, err) = run(&mut c, line);
        assert_eq!(code, 0, "{line}: {err}");
    }
    let line = last_event_line(&mut c, "statefulset web", "FailedCreate");
    assert!(line.contains("pvc www-web-1 is being deleted"), "{line}");
    let (_, out, _) = run(&mut c, "kubectl get pod web-1");
    assert!(out.is_empty(), "{out}");
    let (code, _, err) = run(
        &mut c,
        r#"kubectl patch pvc www-web-1 --type=json -p '[{"op":"remove","path":"/metadata/finalizers/0"}]'"#,
    );
    assert_eq!(code, 0, "{err}");
    run(&mut c, "sleep 31");
    let (code, out, err) = run(&mut c, "kubectl get pod web-1 -o name");
    assert_eq!((code, out.as_str()), (0, "pod/web-1\n"), "{err}");
    let (_, out, _) = run(
        &mut c,
        "kubectl get pvc www-web-1 -o jsonpath={.metadata.finalizers}",
    );
    assert_eq!(out, r#"["kubernetes.io/pvc-protection"]"#, "a fresh claim");
}
