//! Deleting a namespace (the namespace controller and the NamespaceLifecycle
//! admission plugin): the Namespace stays `Terminating` while its content
//! is deleted — a StatefulSet with its Pods, claims and, through the
//! reclaim policy, volumes — refuses new content meanwhile, and goes once
//! it is empty. Before, the Namespace vanished at once and its Pods kept
//! running in a namespace that no longer existed.

use crate::support;

use ordinal::console::Console;
use support::console::{run, until, with_fixtures};

fn shop() -> Console {
    let mut c = with_fixtures();
    run(&mut c, "kubectl create namespace shop");
    let (code, out, err) = run(&mut c, "kubectl apply -n shop -f web.yaml");
    assert_eq!(code, 0, "{out}{err}");
    until(&mut c, 300, "2 Ready", |c| {
        run(c, "kubectl get sts web -n shop --no-headers")
            .1
            .split_whitespace()
            .nth(1)
            == Some("2/2")
    });
    c
}

#[test]
fn a_namespace_terminates_while_its_content_goes() {
    let mut c = shop();
    let (code, out, _) = run(&mut c, "kubectl delete namespace shop --wait=false");
    assert_eq!((code, out.as_str()), (0, "namespace \"shop\" deleted\n"));
    assert_eq!(
        run(&mut c, "kubectl get ns shop -o jsonpath={.status.phase}").1,
        "Terminating"
    );
    let pods = run(&mut c, "kubectl get pods -n shop --no-headers").1;
    assert!(
        pods.lines().count() == 2 && pods.lines().all(|l| l.contains("Terminating")),
        "{pods}"
    );
    let (code, _, err) = run(&mut c, "kubectl run x -n shop --image=nginx");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error from server (Forbidden): pods \"x\" is forbidden: unable to create new content in namespace shop because it is being terminated\n"
    );
    until(&mut c, 120, "the namespace gone", |c| {
        run(c, "kubectl get ns shop").0 != 0
    });
    for what in ["pods", "pvc", "sts", "svc", "endpointslices"] {
        let (_, out, err) = run(&mut c, &format!("kubectl get {what} -n shop"));
        assert_eq!(out, "", "{what}");
        assert_eq!(err, "No resources found in shop namespace.\n", "{what}");
    }
    // The claims' volumes went with them (reclaim policy Delete).
    assert_eq!(run(&mut c, "kubectl get pv -o name").1, "");
}

#[test]
fn kubectl_delete_namespace_waits_until_it_is_gone() {
    let mut c = shop();
    let (code, out, _) = run(&mut c, "kubectl delete namespace shop");
    assert_eq!((code, out.as_str()), (0, "namespace \"shop\" deleted\n"));
    assert_ne!(run(&mut c, "kubectl get ns shop").0, 0);
    assert_eq!(
        run(&mut c, "kubectl get pods -A -o name")
            .1
            .lines()
            .filter(|l| l.contains("web-"))
            .count(),
        0
    );
}

/// The serviceaccount controller and the root-CA publisher: every
/// namespace has the `default` ServiceAccount and the `kube-root-ca.crt`
/// ConfigMap that each Pod's service account volume names, a new namespace
/// gets them at once, a deleted one comes back (a new object), a changed
/// CA bundle is put back, and they go with their namespace.
#[test]
fn every_namespace_has_its_default_service_account_and_root_ca() {
    let mut c = Console::new(1);
    let (code, out, err) = run(&mut c, "kubectl get sa default -n kube-system -o name");
    assert_eq!(
        (code, out.as_str()),
        (0, "serviceaccount/default\n"),
        "{err}"
    );
    run(&mut c, "kubectl create namespace shop");
    let (_, out, _) = run(&mut c, "kubectl get sa,cm -n shop -o name");
    assert_eq!(out, "serviceaccount/default\nconfigmap/kube-root-ca.crt\n");
    let uid = |c: &mut Console| {
        run(
            c,
            "kubectl get sa default -n shop -o jsonpath={.metadata.uid}",
        )
        .1
    };
    let before = uid(&mut c);
    let (code, out, err) = run(&mut c, "kubectl delete sa default -n shop");
    assert_eq!(code, 0, "{out}{err}");
    let after = uid(&mut c);
    assert!(!after.is_empty() && after != before, "{before} {after}");
    run(
        &mut c,
        "kubectl patch cm kube-root-ca.crt -n shop -p '{\"data\":{\"ca.crt\":\"x\"}}'",
    );
    let (_, ca, _) = run(
        &mut c,
        "kubectl get cm kube-root-ca.crt -n shop -o jsonpath='{.data.ca\\.crt}'",
    );
    assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"), "{ca}");
    let (_, pod_ca, _) = run(
        &mut c,
        "kubectl run t -n shop --image=busybox:1.36 --restart=Never -i --rm -- cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
    );
    assert!(pod_ca.contains(&ca), "{pod_ca}");
    run(&mut c, "kubectl delete namespace shop");
    until(&mut c, 120, "shop gone", |c| {
        run(c, "kubectl get ns shop").0 != 0
    });
    let (_, out, _) = run(&mut c, "kubectl get sa,cm -A -o name");
    assert!(!out.is_empty());
    let (_, out, err) = run(&mut c, "kubectl get sa,cm -n shop");
    assert_eq!(out, "", "{err}");
}
