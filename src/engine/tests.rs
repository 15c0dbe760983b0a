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

/// The kubelets run only Pods that exist, so the scheduler's per-node
/// counts stay true: a rolling update of 300 Pods on three nodes (room for
/// 110 Pods each) replaces every Pod in place. Each replaced Pod once came
/// back as a ghost runtime (a stale change re-admitted it after its
/// removal); the nodes filled up and the update stalled on "Too many pods".
#[test]
fn per_node_pod_counts_survive_a_rolling_update() {
    use objects::{Kind, Object};
    let mut e = Engine::new(Config {
        workers: 3,
        ..Default::default()
    });
    let set = |image: &str| {
        Object::from_value(
            Kind::StatefulSet,
            serde_json::json!({
                "metadata": {"name": "web", "namespace": "default"},
                "spec": {
                    "serviceName": "nginx", "replicas": 300,
                    "selector": {"matchLabels": {"app": "nginx"}},
                    "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": image}]}},
                    "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
                }
            }),
        )
        .unwrap()
    };
    e.create(set("registry.k8s.io/nginx-slim:0.21")).unwrap();
    let settle = |e: &mut Engine| {
        // Until nothing is pending: the periodic resyncs never stop.
        for _ in 0..10_000_000 {
            match e.next_pending_wakeup() {
                Some(t) => e.advance_to(t),
                None => break,
            }
        }
    };
    settle(&mut e);
    let counts = |e: &Engine| {
        let mut actual: BTreeMap<String, usize> = BTreeMap::new();
        for rt in e.kubelet.pods.values() {
            *actual.entry(rt.node.to_string()).or_default() += 1;
        }
        let mut counted = e.kubelet.per_node.clone();
        counted.retain(|_, n| *n > 0);
        (actual, counted)
    };
    let (actual, counted) = counts(&e);
    assert_eq!(actual, counted);
    let mut s = (**e.store().statefulsets.get("default", "web").unwrap()).clone();
    s.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.24".into();
    s.metadata.resource_version.clear();
    e.update(Object::StatefulSet(Rc::new(s))).unwrap();
    settle(&mut e);
    let st = &e.store().statefulsets.get("default", "web").unwrap().status;
    assert_eq!(st.updated_replicas, 300, "{st:?}");
    // Every runtime the kubelets keep belongs to a Pod that exists.
    let ghosts: Vec<_> = e
        .kubelet
        .pods
        .values()
        .filter(|rt| rt.key.0 == "default")
        .filter(|rt| {
            e.store()
                .pods
                .get(&rt.key.0, &rt.key.1)
                .is_none_or(|p| p.metadata.uid != rt.uid)
        })
        .map(|rt| rt.key.1.clone())
        .collect();
    assert!(ghosts.is_empty(), "{ghosts:?}");
    let (actual, counted) = counts(&e);
    assert_eq!(actual, counted);
}
