//! Engine benchmarks (issue: the engine's performance budgets). Run with
//! `cargo bench --bench engine`; prints one line per case. Natively the
//! timings use `std::time::Instant` here, in the benchmark only — the engine
//! itself never reads a clock.

use std::rc::Rc;
use std::time::Instant;

use ordinal::engine::dns::QType;
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{Engine, SimDuration};
use serde_json::json;

fn web(replicas: i64, policy: &str) -> Object {
    Object::from_value(
        Kind::StatefulSet,
        json!({
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {
                "serviceName": "nginx", "replicas": replicas, "podManagementPolicy": policy,
                "selector": {"matchLabels": {"app": "nginx"}},
                "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.21", "ports": [{"containerPort": 80, "name": "web"}], "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
                "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
            }
        }),
    )
    .unwrap()
}

fn service() -> Object {
    Object::from_value(Kind::Service, json!({"metadata": {"name": "nginx", "namespace": "default"}, "spec": {"clusterIP": "None", "selector": {"app": "nginx"}, "ports": [{"port": 80, "name": "web"}]}})).unwrap()
}

fn until_ready(e: &mut Engine, n: i64) {
    while e
        .store()
        .statefulsets
        .get("default", "web")
        .is_none_or(|s| s.status.ready_replicas < n)
    {
        if e.step().is_none() {
            let st = &e.store().statefulsets.get("default", "web").unwrap().status;
            let pending: Vec<String> = e
                .store()
                .pods
                .in_namespace("default")
                .filter(|p| !p.is_ready())
                .take(3)
                .map(|p| {
                    format!(
                        "{} {:?} node={}",
                        p.metadata.name, p.status.phase, p.spec.node_name
                    )
                })
                .collect();
            let evs: Vec<String> = e
                .store()
                .events
                .iter()
                .filter(|ev| ev.type_ == "Warning")
                .take(5)
                .map(|ev| format!("{} {}", ev.reason, ev.message))
                .collect();
            panic!("stalled: {st:?} {pending:?} {evs:#?}");
        }
        while e.poll_event().is_some() {}
    }
}

fn scale_up(n: i64, policy: &str) -> (f64, Engine) {
    let mut e = Engine::new(ordinal::engine::Config {
        limits: ordinal::engine::Limits {
            max_replicas: 20_000,
            max_objects: 200_000,
            max_events: 20_000,
            ..Default::default()
        },
        workers: if n > 300 { n as usize / 100 + 2 } else { 3 },
        ..Default::default()
    });
    let t = Instant::now();
    e.create(service()).unwrap();
    e.create(web(n, policy)).unwrap();
    until_ready(&mut e, n);
    (t.elapsed().as_secs_f64(), e)
}

fn main() {
    let only: Option<String> = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let run = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    if let Some(n) = only
        .as_deref()
        .and_then(|o| o.strip_prefix("size="))
        .and_then(|n| n.parse::<i64>().ok())
    {
        let (t, e) = scale_up(n, "Parallel");
        println!(
            "parallel_{n}_ready_s {t:.3} (simulated {}s)",
            e.now().as_ms() / 1000
        );
        return;
    }
    if run("parallel") {
        let (t1k, _) = scale_up(1_000, "Parallel");
        let (t10k, e) = scale_up(10_000, "Parallel");
        println!("parallel_1k_ready_s {t1k:.3}");
        println!("parallel_10k_ready_s {t10k:.3}");
        println!("parallel_scaling_ratio {:.2}", t10k / t1k);
        println!("parallel_10k_sim_time {}", e.now().as_ms() / 1000);
        let t = Instant::now();
        let mut answers = 0;
        for i in 0..1_000 {
            let r = e.resolve("default", &format!("web-{i}.nginx"), QType::A);
            answers += r.answer.answers.len();
        }
        println!(
            "dns_1k_lookups_10k_endpoints_s {:.3} ({answers} answers)",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let snapshot = e.clone();
        println!("clone_10k_s {:.4}", t.elapsed().as_secs_f64());
        drop(snapshot);
    }
    if run("ordered") {
        let (t, _) = scale_up(1_000, "OrderedReady");
        println!("ordered_1k_ready_s {t:.3}");
    }
    if run("rolling") {
        let (_, mut e) = scale_up(1_000, "OrderedReady");
        let mut s = (**e.store().statefulsets.get("default", "web").unwrap()).clone();
        s.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.24".into();
        s.metadata.resource_version.clear();
        let t = Instant::now();
        e.update(Object::StatefulSet(Rc::new(s))).unwrap();
        loop {
            let st = &e.store().statefulsets.get("default", "web").unwrap().status;
            if st.updated_replicas == 1_000
                && st.ready_replicas == 1_000
                && st.current_revision == st.update_revision
            {
                break;
            }
            if e.step().is_none() {
                panic!("stalled");
            }
            while e.poll_event().is_some() {}
        }
        println!("rolling_update_1k_s {:.3}", t.elapsed().as_secs_f64());
        let _ = SimDuration::ZERO;
    }
}
