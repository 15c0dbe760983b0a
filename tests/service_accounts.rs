//! The ServiceAccount admission plugin on Pod creation
//! (`plugin/pkg/admission/serviceaccount`): a Pod naming an account that
//! does not exist is refused, which leaves a StatefulSet at FailedCreate
//! until the account is created; the account's
//! `automountServiceAccountToken` and `imagePullSecrets` reach its Pods.

use crate::support;

use support::console::{apply, fails, ok, run, until};

use ordinal::console::Console;

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: nope
  containers:
  - name: c
    image: nginx";

#[test]
fn a_pod_naming_a_missing_account_is_forbidden_and_nothing_is_created() {
    let mut c = Console::new(1);
    assert_eq!(
        fails(&mut c, &format!("kubectl apply -f - <<'EOF'\n{POD}\nEOF")),
        "Error from server (Forbidden): error when creating \"STDIN\": pods \"p\" is forbidden: error looking up service account default/nope: serviceaccount \"nope\" not found\n"
    );
    assert_eq!(run(&mut c, "kubectl get pod p").0, 1);
    ok(&mut c, "kubectl create serviceaccount nope");
    apply(&mut c, POD);
    assert_eq!(
        ok(
            &mut c,
            "kubectl get pod p -o jsonpath='{.spec.serviceAccountName}'"
        ),
        "nope"
    );
}

#[test]
fn a_generated_name_is_refused_by_its_prefix() {
    // Mutating admission runs before the registry generates the name.
    let mut c = Console::new(1);
    let err = fails(
        &mut c,
        "kubectl create -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  generateName: job-
spec:
  serviceAccountName: builder
  containers:
  - name: c
    image: busybox
EOF",
    );
    assert_eq!(
        err,
        "Error from server (Forbidden): error when creating \"STDIN\": pods \"job-\" is forbidden: error looking up service account default/builder: serviceaccount \"builder\" not found\n"
    );
}

#[test]
fn a_set_whose_template_names_a_missing_account_waits_at_failed_create() {
    let mut c = Console::new(1);
    ok(
        &mut c,
        "kubectl create service clusterip nginx --clusterip=None",
    );
    apply(
        &mut c,
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 1
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      serviceAccountName: db
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21",
    );
    ok(&mut c, "sim advance 20s");
    assert!(run(&mut c, "kubectl get pods")
        .2
        .contains("No resources found"));
    let events = ok(
        &mut c,
        "kubectl get events --field-selector reason=FailedCreate",
    );
    assert!(
        events.contains("create Pod web-0 in StatefulSet web failed error: pods \"web-0\" is forbidden: error looking up service account default/db: serviceaccount \"db\" not found"),
        "{events}"
    );
    ok(&mut c, "kubectl create serviceaccount db");
    until(&mut c, 60, "web-0 created", |c| {
        run(c, "kubectl get pod web-0").0 == 0
    });
}

#[test]
fn the_accounts_automount_and_pull_secrets_reach_its_pods_unless_the_pod_says() {
    let mut c = Console::new(1);
    ok(&mut c, "kubectl create serviceaccount quiet");
    ok(
        &mut c,
        "kubectl patch serviceaccount quiet -p '{\"automountServiceAccountToken\":false,\"imagePullSecrets\":[{\"name\":\"regcred\"}]}'",
    );
    ok(
        &mut c,
        "kubectl run q --image=nginx --overrides='{\"spec\":{\"serviceAccountName\":\"quiet\"}}'",
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get pod q -o jsonpath='{.spec.volumes}|{.spec.imagePullSecrets}'"
        ),
        "|[{\"name\":\"regcred\"}]"
    );
    // The Pod's own preference wins over its account's, and its own pull
    // secrets are kept.
    ok(
        &mut c,
        "kubectl run r --image=nginx --overrides='{\"spec\":{\"serviceAccountName\":\"quiet\",\"automountServiceAccountToken\":true,\"imagePullSecrets\":[{\"name\":\"mine\"}]}}'",
    );
    let got = ok(
        &mut c,
        "kubectl get pod r -o jsonpath='{.spec.volumes[0].name}|{.spec.imagePullSecrets}'",
    );
    assert!(got.starts_with("kube-api-access-"), "{got}");
    assert!(got.ends_with("|[{\"name\":\"mine\"}]"), "{got}");
    // The default account mounts the token.
    ok(&mut c, "kubectl run d --image=nginx");
    let vols = ok(
        &mut c,
        "kubectl get pod d -o jsonpath='{.spec.volumes[*].name}'",
    );
    assert!(vols.starts_with("kube-api-access-"), "{vols}");
}
