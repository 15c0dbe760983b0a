//! Test harness: an engine with a virtual clock and the invariant checker
//! run after every step (architecture.md §3.4, quinn's `Pair`).
#![allow(dead_code)]

pub mod console;
pub mod containers;

use ordinal::engine::invariants::Checker;
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{Engine, SimDuration, SimEvent, SimTime};
use serde_json::{json, Value};

pub struct Harness {
    pub engine: Engine,
    pub checker: Checker,
    pub events: Vec<SimEvent>,
}

impl Harness {
    pub fn new(seed: u64) -> Self {
        let mut h = Harness {
            engine: Engine::with_seed(seed),
            checker: Checker::default(),
            events: Vec::new(),
        };
        h.check();
        h
    }

    pub fn check(&mut self) {
        while let Some(ev) = self.engine.poll_event() {
            self.events.push(ev);
        }
        let v = self.checker.check(&self.engine);
        assert!(
            v.is_empty(),
            "invariants broken at {:?}: {v:#?}",
            self.engine.now()
        );
        assert!(
            self.engine.overloaded().is_none(),
            "{:?}",
            self.engine.overloaded()
        );
    }

    pub fn create(&mut self, kind: Kind, v: Value) -> Object {
        let obj = Object::from_value(kind, v).expect("valid object");
        let r = self.engine.create(obj).expect("created");
        self.check();
        r
    }

    /// Advances to the next wakeup; false when nothing is pending.
    pub fn step(&mut self) -> bool {
        let more = self.engine.step().is_some();
        self.check();
        more
    }

    /// Steps until `pred` holds; panics after `limit` of simulated time.
    pub fn until(&mut self, limit: SimDuration, what: &str, mut pred: impl FnMut(&Engine) -> bool) {
        let deadline = self.engine.now() + limit;
        while !pred(&self.engine) {
            match self.engine.next_wakeup() {
                Some(t) if t <= deadline => {
                    self.step();
                }
                _ => panic!(
                    "{what}: not reached within {limit} (now {:?})",
                    self.engine.now()
                ),
            }
        }
    }

    /// Steps until nothing is pending (bounded).
    pub fn settle(&mut self, limit: SimDuration) {
        let deadline = self.engine.now() + limit;
        while let Some(t) = self.engine.next_wakeup() {
            if t > deadline {
                break;
            }
            self.step();
        }
    }

    pub fn advance(&mut self, d: SimDuration) {
        let to = self.engine.now() + d;
        while let Some(t) = self.engine.next_wakeup() {
            if t > to {
                break;
            }
            self.step();
        }
        self.engine.advance_to(to);
        self.check();
    }

    pub fn now(&self) -> SimTime {
        self.engine.now()
    }

    pub fn pod(&self, name: &str) -> Option<std::rc::Rc<ordinal::engine::objects::Pod>> {
        self.engine.store().pods.get("default", name).cloned()
    }

    pub fn ready(&self, name: &str) -> bool {
        self.pod(name)
            .is_some_and(|p| p.is_running_and_ready() && !p.metadata.is_terminating())
    }
}

pub fn nginx_service() -> Value {
    json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {"ports": [{"port": 80, "name": "web"}], "clusterIP": "None", "selector": {"app": "nginx"}}
    })
}

/// `web` with a readiness probe on its nginx port.
pub fn web_with_probe(replicas: i64, policy: &str) -> Value {
    let mut v = web(replicas, policy);
    v["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] =
        json!({"httpGet": {"path": "/", "port": 80}, "periodSeconds": 5});
    v
}

/// The StatefulSet Basics `web` set.
pub fn web(replicas: i64, policy: &str) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx",
            "replicas": replicas,
            "podManagementPolicy": policy,
            "minReadySeconds": 0,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{
                    "name": "nginx", "image": "registry.k8s.io/nginx-slim:0.21",
                    "ports": [{"containerPort": 80, "name": "web"}],
                    "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]
                }]}
            },
            "volumeClaimTemplates": [{
                "metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
            }]
        }
    })
}

impl Harness {
    /// Applies a change to the stored StatefulSet `web` (as `kubectl edit` would).
    pub fn edit_set(&mut self, f: impl FnOnce(&mut ordinal::engine::objects::StatefulSet)) {
        let mut s = (**self
            .engine
            .store()
            .statefulsets
            .get("default", "web")
            .expect("web exists"))
        .clone();
        f(&mut s);
        s.metadata.resource_version.clear();
        self.engine
            .update(Object::StatefulSet(std::rc::Rc::new(s)))
            .expect("update accepted");
        self.check();
    }

    pub fn scale(&mut self, n: i64) {
        self.edit_set(|s| s.spec.replicas = Some(n));
    }

    pub fn set_image(&mut self, image: &str) {
        self.edit_set(|s| s.spec.template.spec.containers[0].image = image.to_string().into());
    }

    pub fn delete(&mut self, kind: Kind, name: &str, opts: ordinal::engine::DeleteOptions) {
        self.engine
            .delete(kind, "default", name, &opts)
            .expect("deleted");
        self.check();
    }

    /// Names of the Pods of `web` that exist, in ordinal order.
    pub fn pods(&self) -> Vec<String> {
        self.engine
            .set_pods("default", "web")
            .iter()
            .map(|p| p.metadata.name.to_string())
            .collect()
    }

    /// Runs until the StatefulSet `web` has `n` ready replicas.
    pub fn until_web_ready(&mut self, limit: SimDuration, n: i64) {
        self.until(limit, &format!("web has {n} ready replicas"), |e| {
            e.store()
                .statefulsets
                .get("default", "web")
                .is_some_and(|s| s.status.ready_replicas == n)
        });
    }

    pub fn all_ready(&self, n: i64) -> bool {
        let set = self.engine.store().statefulsets.get("default", "web");
        set.is_some_and(|s| {
            s.status.ready_replicas == n
                && s.status.replicas == n
                && s.status.updated_replicas == n
                && s.status.observed_generation == s.metadata.generation
        })
    }

    pub fn uid(&self, name: &str) -> String {
        self.pod(name)
            .map(|p| p.metadata.uid.to_string())
            .unwrap_or_default()
    }

    pub fn image_of(&self, name: &str) -> String {
        (self
            .pod(name)
            .map(|p| p.spec.containers[0].image.clone())
            .unwrap_or_default())
        .to_string()
    }

    /// Creates web (n replicas, policy) and the nginx Service and waits until all are Ready.
    pub fn web_ready(seed: u64, n: i64, policy: &str) -> Harness {
        let mut h = Harness::new(seed);
        h.create(Kind::Service, nginx_service());
        h.create(Kind::StatefulSet, web(n, policy));
        h.until_web_ready(SimDuration::secs(300), n);
        // Let the EndpointSlice controller and DNS catch up (R7.9).
        h.advance(SimDuration::secs(1));
        h
    }

    pub fn narration(&self) -> Vec<String> {
        self.events.iter().map(|e| e.describe()).collect()
    }
}
