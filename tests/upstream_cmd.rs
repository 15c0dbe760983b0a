//! kubectl's own command tests for StatefulSets (kubernetes/kubernetes
//! `test/cmd/apps.sh`: `run_statefulset_history_tests` and
//! `run_stateful_set_tests`), with their manifests (`hack/testdata/
//! rollingupdate-statefulset*.yaml`, in tests/fixtures/manifests) and
//! their assertions: each `kube::test::get_object_assert` is a go-template
//! `kubectl get` compared to the expected text, each `wait_object_assert`
//! the same after time passes.

use crate::support;

use ordinal::console::Console;
use support::console::{fails, ok, run, with_fixtures};

const R1: &str = "registry.k8s.io/nginx-slim:0.7";
const R2: &str = "registry.k8s.io/nginx-slim:0.8";
const PAUSE: &str = "registry.k8s.io/pause:2.0";

fn get(c: &mut Console, what: &str, template: &str) -> String {
    ok(
        c,
        &format!("kubectl get {what} -o go-template='{template}'"),
    )
}

fn image(c: &mut Console, i: usize) -> String {
    get(
        c,
        "statefulset",
        &format!("{{{{range.items}}}}{{{{(index .spec.template.spec.containers {i}).image}}}}:{{{{end}}}}"),
    )
}

fn containers(c: &mut Console) -> String {
    get(
        c,
        "statefulset",
        "{{range.items}}{{len .spec.template.spec.containers}}{{end}}",
    )
}

/// `kubectl delete -f FILE`, then upstream's `wait-for-pods-with-label
/// "app=nginx-statefulset" ""`.
fn delete_leaves_no_pods(c: &mut Console, file: &str) {
    ok(c, &format!("kubectl delete -f {file}"));
    c.run("sim settle");
    let pods = get(
        c,
        "pods -l app=nginx-statefulset",
        "{{range.items}}{{.metadata.name}}:{{end}}",
    );
    assert_eq!(pods, "");
}

fn revisions_annotations(c: &mut Console) -> String {
    get(
        c,
        "controllerrevisions",
        "{{range.items}}{{.metadata.annotations}}:{{end}}",
    )
}

/// `run_statefulset_history_tests`. `apply --record` records the command
/// on the set before the last-applied configuration is made (apply.go
/// `applyOneObject`), so a second `apply --record` replaces the change
/// cause and the new ControllerRevision carries it (R4.2); `rollout undo`
/// moves between the two templates, refuses an unknown revision, and
/// changes nothing with a dry run.
#[test]
fn r4_statefulset_history_tests_of_kubectl() {
    let mut c = with_fixtures();
    assert_eq!(
        get(
            &mut c,
            "statefulset",
            "{{range.items}}{{.metadata.name}}:{{end}}"
        ),
        ""
    );
    ok(
        &mut c,
        "kubectl apply -f hack/testdata/rollingupdate-statefulset.yaml --record",
    );
    let ann = revisions_annotations(&mut c);
    assert!(
        ann.contains("rollingupdate-statefulset.yaml --record"),
        "{ann}"
    );
    // The change cause is part of what apply remembers.
    let last = ok(&mut c, "kubectl apply view-last-applied sts/nginx -o json");
    assert!(
        last.contains("\"kubernetes.io/change-cause\": \"kubectl apply --filename=hack/testdata/rollingupdate-statefulset.yaml --record=true\""),
        "{last}"
    );
    // Rollback to revision 1: a no-op.
    ok(&mut c, "kubectl rollout undo statefulset --to-revision=1");
    assert_eq!(image(&mut c, 0), format!("{R1}:"));
    assert_eq!(containers(&mut c), "1");
    // Revision 2.
    ok(
        &mut c,
        "kubectl apply -f hack/testdata/rollingupdate-statefulset-rv2.yaml --record",
    );
    assert_eq!(image(&mut c, 0), format!("{R2}:"));
    assert_eq!(image(&mut c, 1), format!("{PAUSE}:"));
    assert_eq!(containers(&mut c), "2");
    let ann = revisions_annotations(&mut c);
    assert!(
        ann.contains("rollingupdate-statefulset-rv2.yaml --record"),
        "{ann}"
    );
    // Dry runs change nothing.
    ok(&mut c, "kubectl rollout undo statefulset --dry-run=client");
    ok(&mut c, "kubectl rollout undo statefulset --dry-run=server");
    assert_eq!(image(&mut c, 0), format!("{R2}:"));
    assert_eq!(image(&mut c, 1), format!("{PAUSE}:"));
    assert_eq!(containers(&mut c), "2");
    // Back to revision 1.
    ok(&mut c, "kubectl rollout undo statefulset --to-revision=1");
    assert_eq!(image(&mut c, 0), format!("{R1}:"));
    assert_eq!(containers(&mut c), "1");
    let err = fails(
        &mut c,
        "kubectl rollout undo statefulset --to-revision=1000000",
    );
    assert!(err.contains("unable to find specified revision"), "{err}");
    assert_eq!(image(&mut c, 0), format!("{R1}:"));
    assert_eq!(containers(&mut c), "1");
    // Back to the last revision.
    ok(&mut c, "kubectl rollout undo statefulset");
    assert_eq!(image(&mut c, 0), format!("{R2}:"));
    assert_eq!(image(&mut c, 1), format!("{PAUSE}:"));
    assert_eq!(containers(&mut c), "2");
    let history = ok(&mut c, "kubectl rollout history statefulset");
    assert!(
        history.ends_with(
            "3         kubectl apply --filename=hack/testdata/rollingupdate-statefulset.yaml --record=true\n\
             4         kubectl apply --filename=hack/testdata/rollingupdate-statefulset-rv2.yaml --record=true\n\n"
        ),
        "{history}"
    );
    delete_leaves_no_pods(&mut c, "hack/testdata/rollingupdate-statefulset-rv2.yaml");
}

/// `run_stateful_set_tests`: created with 0 replicas, scaled with
/// `--current-replicas`, each write observed (`status.observedGeneration`
/// follows `metadata.generation`, R2/R5), `rollout restart` a new
/// generation, and deleting the set leaves no Pod.
#[test]
fn r5_stateful_set_tests_of_kubectl() {
    let mut c = with_fixtures();
    ok(
        &mut c,
        "kubectl create -f hack/testdata/rollingupdate-statefulset.yaml",
    );
    assert_eq!(get(&mut c, "statefulset nginx", "{{.spec.replicas}}"), "0");
    assert_eq!(
        get(
            &mut c,
            "statefulset nginx",
            "{{.status.observedGeneration}}"
        ),
        "1"
    );
    ok(
        &mut c,
        "kubectl scale --current-replicas=0 --replicas=1 statefulset nginx",
    );
    assert_eq!(get(&mut c, "statefulset nginx", "{{.spec.replicas}}"), "1");
    c.run("sim advance 1s");
    assert_eq!(
        get(
            &mut c,
            "statefulset nginx",
            "{{.status.observedGeneration}}"
        ),
        "2"
    );
    assert_eq!(
        get(
            &mut c,
            "pods -l app=nginx-statefulset",
            "{{range.items}}{{.metadata.name}}{{end}}"
        ),
        "nginx-0"
    );
    // The precondition no longer holds.
    let (code, _, err) = run(
        &mut c,
        "kubectl scale --current-replicas=0 --replicas=1 statefulset nginx",
    );
    assert_eq!(
        (code, err.as_str()),
        (1, "error: Expected replicas to be 0, was 1\n")
    );
    ok(&mut c, "kubectl rollout restart statefulset nginx");
    assert_eq!(
        get(
            &mut c,
            "statefulset nginx",
            "{{.status.observedGeneration}}"
        ),
        "3"
    );
    delete_leaves_no_pods(&mut c, "hack/testdata/rollingupdate-statefulset.yaml");
}
