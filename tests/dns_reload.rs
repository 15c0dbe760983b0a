//! An edited Corefile (R8.1): CoreDNS's reload plugin picks it up 30–90 s
//! after the ConfigMap changes, and the answers follow then; a broken one
//! leaves the servers as they were, with the errors in their logs.

use ordinal::console::Console;

use crate::support::console::{ok, run};

fn cluster() -> Console {
    let mut c = Console::new(11);
    ok(
        &mut c,
        "kubectl run c --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 --restart=Never -- sleep 3600",
    );
    ok(&mut c, "kubectl wait --for=condition=Ready pod/c");
    c
}

/// Edits the Corefile with a sed expression (as `kubectl get -o yaml |
/// sed | kubectl replace -f -` does).
fn edit(c: &mut Console, sed: &str) {
    ok(
        c,
        &format!(
            "kubectl get cm coredns -n kube-system -o yaml | sed '{sed}' | kubectl replace -f -"
        ),
    );
}

fn ttl(c: &mut Console) -> String {
    let out = ok(
        c,
        "kubectl exec c -- dig +noall +answer kubernetes.default.svc.cluster.local",
    );
    out.split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

fn coredns_log(c: &mut Console) -> String {
    ok(
        c,
        "kubectl logs -n kube-system -l k8s-app=kube-dns --tail=4",
    )
}

#[test]
fn r8_1_an_edited_corefile_is_reloaded_within_90_seconds() {
    let mut c = cluster();
    assert_eq!(ttl(&mut c), "30");
    edit(&mut c, "s/ttl 30/ttl 5/");
    // Not at once: the volume refresh and the plugin's look come first.
    assert_eq!(ttl(&mut c), "30");
    let mut waited = 0;
    while ttl(&mut c) == "30" {
        ok(&mut c, "sleep 5");
        waited += 5;
        assert!(waited <= 95, "not reloaded after {waited}s");
    }
    assert!(waited >= 25, "reloaded after {waited}s");
    assert_eq!(ttl(&mut c), "5");
    let log = coredns_log(&mut c);
    assert!(log.contains("[INFO] Reloading\n[INFO] plugin/health: Going into lameduck mode for 5s\n[INFO] plugin/reload: Running configuration SHA512 = "), "{log}");
    assert!(log.ends_with("[INFO] Reloading complete\n"), "{log}");
    // The fingerprint is the new file's, not kubeadm's.
    assert!(!log.contains("1b226df79860"), "{log}");
}

#[test]
fn r8_8_pods_verified_and_disabled() {
    let mut c = cluster();
    let ask = |c: &mut Console, name: &str| ok(c, &format!("kubectl exec c -- dig +short {name}"));
    let ip = ok(&mut c, "kubectl get pod c -o jsonpath='{.status.podIP}'");
    let own = format!("{}.default.pod.cluster.local", ip.replace('.', "-"));
    assert_eq!(
        ask(&mut c, "10-9-9-9.default.pod.cluster.local"),
        "10.9.9.9\n"
    );
    edit(&mut c, "s/pods insecure/pods verified/");
    ok(&mut c, "sleep 90");
    assert_eq!(ask(&mut c, "10-9-9-9.default.pod.cluster.local"), "");
    assert_eq!(ask(&mut c, &own), format!("{ip}\n"));
    edit(&mut c, "s/pods verified/pods disabled/");
    ok(&mut c, "sleep 90");
    assert_eq!(ask(&mut c, &own), "");
}

#[test]
fn r8_1_a_broken_corefile_leaves_the_servers_as_they_were() {
    let mut c = cluster();
    edit(&mut c, "s/    loop/    banana/; s/ttl 30/ttl 5/");
    ok(&mut c, "sleep 90");
    assert_eq!(ttl(&mut c), "30");
    let log = coredns_log(&mut c);
    assert!(
        log.contains("[ERROR] Restart failed: /etc/coredns/Corefile:20 - Error during parsing: Unknown directive 'banana'\n[ERROR] plugin/reload: Corefile changed but reload failed: starting with listener file descriptors: /etc/coredns/Corefile:20 - Error during parsing: Unknown directive 'banana'\n"),
        "{log}"
    );
    // A plugin's own check, the same way.
    edit(&mut c, "s/    banana/    loop/; s/ttl 5/ttl 4000/");
    ok(&mut c, "sleep 90");
    assert_eq!(ttl(&mut c), "30");
    assert!(
        coredns_log(&mut c).contains("[ERROR] Restart failed: plugin/kubernetes: /etc/coredns/Corefile:10 - Error during parsing: ttl must be in range [0, 3600]: 4000\n")
    );
    // Fixed: loaded.
    edit(&mut c, "s/ttl 4000/ttl 7/");
    ok(&mut c, "sleep 90");
    assert_eq!(ttl(&mut c), "7");
    // A comment changes nothing the plugin sees: no reload is logged.
    let before = ok(&mut c, "kubectl logs -n kube-system -l k8s-app=kube-dns");
    edit(&mut c, "s/    errors/    errors # note/");
    ok(&mut c, "sleep 90");
    let after = ok(&mut c, "kubectl logs -n kube-system -l k8s-app=kube-dns");
    assert_eq!(before, after);
    let (code, _, _) = run(&mut c, "kubectl get cm coredns -n kube-system");
    assert_eq!(code, 0);
}
