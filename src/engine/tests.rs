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

/// A copy of the engine (the console runs every container start's process
/// on one; the page keeps snapshots) shares the narration and the watch
/// log until one side writes, so copying stays cheap however much history
/// piles up: a crash-looping Pod left for a simulated week once took
/// seconds per simulated hour because each restart deep-copied both.
#[test]
fn copies_share_history_until_written() {
    let mut e = Engine::with_seed(1);
    for i in 0..100 {
        e.narrate(SimEventKind::Created(note(&format!("n{i}"))));
    }
    let copy = e.clone();
    assert!(Rc::ptr_eq(&copy.narration, &e.narration));
    assert!(copy.store.shares_log_with(&e.store));
    drop(copy);
    // With the copy gone, writing does not copy anything either.
    let before = Rc::as_ptr(&e.narration);
    e.narrate(SimEventKind::Created(note("after")));
    assert_eq!(before, Rc::as_ptr(&e.narration));
    // A live copy keeps what it saw when the original moves on.
    let copy = e.clone();
    e.narrate(SimEventKind::Created(note("later")));
    assert_eq!(copy.narration.len() + 1, e.narration.len());
}

fn note(name: &str) -> event::ObjRef {
    event::ObjRef::new(objects::Kind::ConfigMap, "default", name)
}
