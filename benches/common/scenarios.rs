//! The engine benchmark scenarios, shared by the native bench
//! (`benches/engine.rs`) and the wasm one (`examples/engine_wasm.rs`, run
//! by Node.js), so both measure exactly the same work. The caller passes
//! the clock (seconds, any origin): `Instant` natively, `performance.now()`
//! in wasm. The engine itself never reads a clock.
//!
//! Every result is one line `name value [note]`; `scripts/bench-table.py`
//! turns them into the `make bench` table.

use std::rc::Rc;

use ordinal::engine::dns::QType;
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::Engine;
use serde_json::json;

/// Seconds since some fixed origin.
pub type Clock = fn() -> f64;

fn web(replicas: i64, policy: &str) -> Object {
    web_with(replicas, policy, json!({}))
}

/// The set's template with `probes` merged into its container.
fn web_with(replicas: i64, policy: &str, probes: serde_json::Value) -> Object {
    let mut v = json!({
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {
                "serviceName": "nginx", "replicas": replicas, "podManagementPolicy": policy,
                "selector": {"matchLabels": {"app": "nginx"}},
                "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.21", "ports": [{"containerPort": 80, "name": "web"}], "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
                "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
            }
    });
    if let (Some(c), serde_json::Value::Object(more)) = (
        v["spec"]["template"]["spec"]["containers"][0].as_object_mut(),
        probes,
    ) {
        c.extend(more);
    }
    Object::from_value(Kind::StatefulSet, v).unwrap()
}

fn service() -> Object {
    Object::from_value(Kind::Service, json!({"metadata": {"name": "nginx", "namespace": "default"}, "spec": {"clusterIP": "None", "selector": {"app": "nginx"}, "ports": [{"port": 80, "name": "web"}]}})).unwrap()
}

fn stalled(e: &Engine) -> ! {
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

fn until_ready(e: &mut Engine, n: i64) {
    while e
        .store()
        .statefulsets
        .get("default", "web")
        .is_none_or(|s| s.status.ready_replicas < n)
    {
        if e.step().is_none() {
            stalled(e);
        }
        while e.poll_event().is_some() {}
    }
}

/// A cluster with room for `n` Pods (each node holds at most 110).
fn engine_for(n: i64) -> Engine {
    Engine::new(ordinal::engine::Config {
        limits: ordinal::engine::Limits {
            max_replicas: 20_000,
            max_objects: 200_000,
            max_events: 20_000,
            ..Default::default()
        },
        workers: if n > 300 { n as usize / 100 + 2 } else { 3 },
        ..Default::default()
    })
}

/// A headless Service and a StatefulSet of `n` replicas, from nothing to
/// all Ready. Returns the seconds it took and the engine.
pub fn scale_up(clock: Clock, n: i64, policy: &str) -> (f64, Engine) {
    let mut e = engine_for(n);
    let t = clock();
    e.create(service()).unwrap();
    e.create(web(n, policy)).unwrap();
    until_ready(&mut e, n);
    (clock() - t, e)
}

/// `scale_up` of a set whose Pods have an httpGet readiness probe and a
/// tcpSocket liveness probe (both passing, 5 s periods), then ten simulated
/// minutes of those Pods running: what the kubelet's probe workers cost
/// while nothing fails. Returns the seconds of each part and the engine.
pub fn probed(clock: Clock, n: i64) -> (f64, f64, Engine) {
    let probes = json!({
        "readinessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 5},
        "livenessProbe": {"tcpSocket": {"port": 80}, "periodSeconds": 5}
    });
    let mut e = engine_for(n);
    let t = clock();
    e.create(service()).unwrap();
    e.create(web_with(n, "Parallel", probes)).unwrap();
    until_ready(&mut e, n);
    let up = clock() - t;
    let t = clock();
    let end = e.now() + ordinal::engine::SimDuration::secs(600);
    e.advance_to(end);
    while e.poll_event().is_some() {}
    (up, clock() - t, e)
}

/// A new image rolled out to every Pod of the set; returns the seconds.
pub fn rolling_update(clock: Clock, e: &mut Engine) -> f64 {
    let mut s = (**e.store().statefulsets.get("default", "web").unwrap()).clone();
    let n = s.spec.replicas.unwrap_or(1);
    s.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.24".into();
    s.metadata.resource_version.clear();
    let t = clock();
    e.update(Object::StatefulSet(Rc::new(s))).unwrap();
    loop {
        let st = &e.store().statefulsets.get("default", "web").unwrap().status;
        if st.updated_replicas == n
            && st.ready_replicas == n
            && st.current_revision == st.update_revision
        {
            break;
        }
        if e.step().is_none() {
            stalled(e);
        }
        while e.poll_event().is_some() {}
    }
    clock() - t
}

fn describe(e: &Engine) -> String {
    let s = e.stats();
    format!(
        "(simulated {}s, {} set syncs, {} service syncs, {} wakeups, {} gc passes, {} objects)",
        e.now().as_ms() / 1000,
        s.set_syncs,
        s.service_syncs,
        s.wakeups,
        s.gc_passes,
        e.store().object_count()
    )
}

/// Runs of the Parallel scale-up per size (`best_scale_up`).
const RUNS_1K: usize = 5;
const RUNS_10K: usize = 2;

/// `scale_up` `runs` times, Parallel: the fastest time, and the engine of
/// the last run (each run's engine is dropped before the next starts, so
/// the memory figures are those of one engine).
fn best_scale_up(clock: Clock, n: i64, runs: usize) -> (f64, Engine) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs.max(1) {
        drop(last.take());
        let (t, e) = scale_up(clock, n, "Parallel");
        best = best.min(t);
        last = Some(e);
    }
    (best, last.expect("at least one run"))
}

/// The StatefulSet Basics tutorial script (tests/scripts/statefulset-basics.sh)
/// through the console, end to end: `runs` runs after one warm-up; returns
/// the median seconds. The files it reads are compiled in, so the wasm build
/// measures exactly the same work.
pub fn basics_script(clock: Clock, runs: usize) -> f64 {
    const SCRIPT: &str = include_str!("../../tests/scripts/statefulset-basics.sh");
    const PARALLEL: &str = include_str!("../../tests/scripts/web-parallel.yaml");
    let once = || {
        let mut c = ordinal::console::Console::new(1);
        c.put_file("web-parallel.yaml", PARALLEL);
        let t = clock();
        let transcript = c.run_script(SCRIPT, false).expect("the script parses");
        let elapsed = clock() - t;
        assert!(transcript.entries.len() > 50, "the script ran");
        elapsed
    };
    once();
    let mut times: Vec<f64> = (0..runs.max(1)).map(|_| once()).collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Runs the scenarios whose name contains `filter` (all when empty), or
/// with `size=N` one Parallel scale-up of N replicas, or with `probes=N`
/// the same with probes and ten minutes more (`probed`), and hands each
/// result line to `out`.
pub fn run(filter: &str, clock: Clock, out: &mut dyn FnMut(String)) {
    let wanted = |name: &str| filter.is_empty() || name.contains(filter);
    if let Some(n) = filter
        .strip_prefix("probes=")
        .and_then(|n| n.parse::<i64>().ok())
    {
        let (up, run, e) = probed(clock, n);
        out(format!("probed_{n}_ready_s {up:.3}"));
        out(format!("probed_{n}_10min_s {run:.3} {}", describe(&e)));
        return;
    }
    if let Some(n) = filter
        .strip_prefix("size=")
        .and_then(|n| n.parse::<i64>().ok())
    {
        let (t, e) = scale_up(clock, n, "Parallel");
        out(format!("parallel_{n}_ready_s {t:.3} {}", describe(&e)));
        return;
    }
    if wanted("parallel") {
        // The best of several runs of each size: on a shared machine the
        // slowest runs measure the neighbours (one run of 1k Pods took
        // 0.45 s to 0.69 s in one sitting), the fastest the engine.
        let (t1k, e) = best_scale_up(clock, 1_000, RUNS_1K);
        out(format!(
            "parallel_1k_ready_s {t1k:.3} (best of {RUNS_1K}) {}",
            describe(&e)
        ));
        drop(e);
        let (t10k, e) = best_scale_up(clock, 10_000, RUNS_10K);
        out(format!(
            "parallel_10k_ready_s {t10k:.3} (best of {RUNS_10K}) {}",
            describe(&e)
        ));
        out(format!("parallel_scaling_ratio {:.2}", t10k / t1k));
        let t = clock();
        let mut answers = 0;
        for i in 0..1_000 {
            let r = e.resolve("default", &format!("web-{i}.nginx"), QType::A);
            answers += r.answer.answers.len();
        }
        out(format!(
            "dns_1k_lookups_10k_endpoints_s {:.4} ({answers} answers)",
            clock() - t
        ));
        let t = clock();
        let snapshot = e.clone();
        out(format!("clone_10k_s {:.4}", clock() - t));
        drop(snapshot);
    }
    if wanted("basics") {
        let t = basics_script(clock, 15);
        out(format!(
            "basics_script_ms {:.2} (median of 15 runs)",
            t * 1e3
        ));
    }
    if wanted("ordered") || wanted("rolling") {
        let (t, mut e) = scale_up(clock, 1_000, "OrderedReady");
        out(format!("ordered_1k_ready_s {t:.3} {}", describe(&e)));
        if wanted("rolling") {
            let t = rolling_update(clock, &mut e);
            out(format!("rolling_update_1k_s {t:.3} {}", describe(&e)));
        }
    }
}
