//! Engine scenario tests live in tests/engine_*.rs; these are smoke checks of
//! the default cluster.

use super::*;

#[test]
fn default_cluster_is_up() {
    let e = Engine::with_seed(1);
    assert_eq!(e.store().nodes.len(), 4);
    assert!(e.store().nodes.iter().all(|n| n.is_ready()));
    assert!(e.store().namespaces.get("", "default").is_some());
    let dns = e.store().services.get("kube-system", "kube-dns").unwrap();
    assert_eq!(dns.spec.cluster_ip.as_deref(), Some("10.96.0.10"));
    let slice = e
        .store()
        .endpoint_slices
        .in_namespace("kube-system")
        .next()
        .expect("kube-dns has an EndpointSlice");
    assert_eq!(slice.endpoints.as_ref().map(Vec::len), Some(2));
    assert!(
        !e.is_pending(),
        "a fresh cluster has nothing pending: {:?}",
        e.timers
            .iter()
            .map(|(t, w)| (t, w.clone()))
            .collect::<Vec<_>>()
    );
}
