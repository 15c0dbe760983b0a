//! The StatefulSet Basics flow (WTUT) driven through the engine, for
//! OrderedReady and Parallel, with the invariant checker after every step.

mod support;

use ordinal::engine::dns::QType;
use ordinal::engine::objects::Kind;
use ordinal::engine::SimDuration;
use support::*;

#[test]
fn r3_8_ordered_scale_up_creates_claims_then_pods_one_by_one() {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(2, "OrderedReady"));
    // R6.3: the claim and web-0 exist at once; web-1 waits.
    assert!(h.engine.store().pvcs.get("default", "www-web-0").is_some());
    assert!(h.pod("web-0").is_some());
    assert!(h.pod("web-1").is_none());
    h.until(SimDuration::secs(120), "web-1 created", |e| {
        e.store().pods.get("default", "web-1").is_some()
    });
    assert!(
        h.ready("web-0"),
        "web-1 was created before web-0 was Running and Ready"
    );
    h.until(SimDuration::secs(120), "web-1 ready", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.is_running_and_ready())
    });
    h.until(SimDuration::secs(5), "status caught up", |e| {
        e.store()
            .statefulsets
            .get("default", "web")
            .is_some_and(|s| s.status.ready_replicas == 2)
    });
    let set = h
        .engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .clone();
    assert_eq!(set.status.ready_replicas, 2);
    assert_eq!(set.status.replicas, 2);
    assert_eq!(set.status.current_revision, set.status.update_revision);
    for c in ["www-web-0", "www-web-1"] {
        assert_eq!(
            h.engine
                .store()
                .pvcs
                .get("default", c)
                .unwrap()
                .status
                .phase,
            "Bound"
        );
    }
    // DNS: the Service answers both Pod IPs, web-0.nginx one.
    h.until(SimDuration::secs(2), "DNS follows the slice", |e| {
        e.resolve("default", "nginx", QType::A)
            .answer
            .addresses()
            .len()
            == 2
    });
    let ips = h
        .engine
        .resolve("default", "nginx", QType::A)
        .answer
        .addresses();
    assert_eq!(ips.len(), 2);
    let one = h
        .engine
        .resolve("default", "web-0.nginx", QType::A)
        .answer
        .addresses();
    assert_eq!(one, vec![h.pod("web-0").unwrap().status.pod_ip.clone()]);
    for e in &h.events {
        println!("{:>8} {}", e.at.as_ms(), e.describe());
    }
}
