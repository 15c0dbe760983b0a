//! `kubectl set selector` (Services only) and `kubectl set serviceaccount`
//! (Pod templates), as kubectl 1.33 words them.

use ordinal::console::Console;

use crate::support::console::{fails, ok, run, with_fixtures};

fn web() -> Console {
    let mut c = with_fixtures();
    ok(&mut c, "kubectl apply -f web.yaml");
    ok(&mut c, "kubectl rollout status sts web --timeout=5m");
    c
}

fn slice_endpoints(c: &mut Console) -> String {
    ok(
        c,
        "kubectl get endpointslices -l kubernetes.io/service-name=nginx -o jsonpath='{range .items[*].endpoints[*]}{.targetRef.name} {end}'",
    )
}

/// R7.2: another selector, other endpoints (none here), and the old
/// selector back brings them back.
#[test]
fn set_selector_replaces_a_services_selector() {
    let mut c = web();
    assert_eq!(slice_endpoints(&mut c), "web-0 web-1 ");
    assert_eq!(
        ok(&mut c, "kubectl set selector svc nginx app=other"),
        "service/nginx selector updated\n"
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get svc nginx -o jsonpath='{.spec.selector}'"
        ),
        "{\"app\":\"other\"}"
    );
    ok(&mut c, "sleep 2");
    assert_eq!(slice_endpoints(&mut c), "");
    // A client dry run shows the change and makes none.
    assert_eq!(
        ok(
            &mut c,
            "kubectl set selector svc/nginx app=nginx --dry-run=client -o jsonpath='{.spec.selector}'"
        ),
        "{\"app\":\"nginx\"}"
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get svc nginx -o jsonpath='{.spec.selector.app}'"
        ),
        "other"
    );
    ok(&mut c, "kubectl set selector svc/nginx app=nginx");
    ok(&mut c, "sleep 2");
    assert_eq!(slice_endpoints(&mut c), "web-0 web-1 ");
}

#[test]
fn set_selector_refuses_what_kubectl_refuses() {
    let mut c = web();
    for (cmd, err) in [
        (
            "kubectl set selector svc nginx 'app in (b,a)'",
            "error: match expression [{app In [a b]}] not supported on this object\n",
        ),
        (
            "kubectl set selector sts web app=nginx",
            "error: setting a selector is only supported for Services\n",
        ),
        (
            "kubectl set selector svc nginx 'app!=x'",
            "error: \"!=\" is not a valid label selector operator\n",
        ),
        ("kubectl set selector", "error: one selector is required\n"),
    ] {
        assert_eq!(fails(&mut c, cmd), err, "{cmd}");
    }
    // Nothing changed.
    assert_eq!(
        ok(
            &mut c,
            "kubectl get svc nginx -o jsonpath='{.spec.selector.app}'"
        ),
        "nginx"
    );
}

/// A new account is a new template revision: the set rolls, and without
/// the account the ServiceAccount admission plugin stops it.
#[test]
fn set_serviceaccount_rolls_the_set_onto_the_account() {
    let mut c = web();
    assert_eq!(
        ok(&mut c, "kubectl set sa sts web builder"),
        "statefulset.apps/web serviceaccount updated\n"
    );
    assert_eq!(
        ok(
            &mut c,
            "kubectl get sts web -o jsonpath='{.spec.template.spec.serviceAccountName}'"
        ),
        "builder"
    );
    ok(&mut c, "sleep 10");
    let events = ok(
        &mut c,
        "kubectl get events --field-selector reason=FailedCreate -o name",
    );
    assert!(
        !events.is_empty(),
        "FailedCreate while the account is missing"
    );
    ok(&mut c, "kubectl create serviceaccount builder");
    ok(&mut c, "kubectl rollout status sts web --timeout=5m");
    for pod in ["web-0", "web-1"] {
        assert_eq!(
            ok(
                &mut c,
                &format!("kubectl get pod {pod} -o jsonpath='{{.spec.serviceAccountName}}'")
            ),
            "builder"
        );
    }
    assert_eq!(
        fails(&mut c, "kubectl set serviceaccount"),
        "error: serviceaccount is required\n"
    );
    let err = fails(&mut c, "kubectl set serviceaccount pod web-0 default");
    assert!(
        err.starts_with("error: failed to patch ServiceAccountName Pod \"web-0\" is invalid: spec: Forbidden: pod updates may not change fields"),
        "{err}"
    );
}

/// `set subject`'s own `--user` is a subject, not the kubeconfig user.
#[test]
fn set_subject_is_refused_by_name() {
    let mut c = Console::new(1);
    let (code, _, err) = run(
        &mut c,
        "kubectl set subject clusterrolebinding admin --user=a",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "\"kubectl set subject\" (RBAC bindings) is not part of Ordinal's simulated cluster"
        ),
        "{err}"
    );
}
