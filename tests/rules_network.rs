//! Rules of kubernetes-behaviour.md that no test named yet, or named only
//! in passing: claim names (R6.1, R6.12), which Pods a Service's
//! EndpointSlices list and how (R7.2, R7.6–R7.8), ClusterIP Services
//! (R7.11), DNS TTLs and freshness (R8.11), the resolver file (R8.12), and
//! the API server's validation and error messages as kubectl shows them
//! (R9.2–R9.15), and the events of the scheduler, kubelet and volume
//! controllers (R10.13). Each test names its rule and checks what the rule
//! states, through the engine or the console as a user would see it.

use std::rc::Rc;

use crate::support;

use ordinal::console::Console;
use ordinal::engine::dns::{QType, RData, Rcode};
use ordinal::engine::objects::service::Endpoint;
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{DeleteOptions, SimDuration};
use serde_json::{json, Value};
use support::console::{apply, run};
use support::containers::{self, sh};
use support::*;

const MIN: SimDuration = SimDuration::secs(60);

/// A headless Service `name` selecting `app: <app>`, port `web` 80.
fn headless(name: &str, app: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"clusterIP": "None", "selector": {"app": app},
                 "ports": [{"name": "web", "port": 80}]}
    })
}

/// A bare nginx Pod labelled `app: <app>`, with `spec` fields merged in.
fn nginx_pod(name: &str, app: &str, spec: Value) -> Value {
    let mut v = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": {"app": app}},
        "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.21",
                                 "ports": [{"name": "web", "containerPort": 80}]}]}
    });
    if let Value::Object(extra) = spec {
        for (k, x) in extra {
            v["spec"][k] = x;
        }
    }
    v
}

/// The EndpointSlices the controller keeps for Service `svc` in `default`.
fn managed_slices(h: &Harness, svc: &str) -> Vec<Rc<ordinal::engine::objects::EndpointSlice>> {
    h.engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .filter(|s| {
            s.metadata
                .labels
                .get("kubernetes.io/service-name")
                .is_some_and(|v| v.as_str() == svc)
                && s.metadata
                    .labels
                    .get("endpointslice.kubernetes.io/managed-by")
                    .is_some_and(|v| v.as_str() == "endpointslice-controller.k8s.io")
        })
        .cloned()
        .collect()
}

/// The endpoint of Pod `pod` in Service `svc`'s slices, if listed.
fn endpoint(h: &Harness, svc: &str, pod: &str) -> Option<Endpoint> {
    managed_slices(h, svc)
        .iter()
        .flat_map(|s| s.endpoints.iter().flatten().cloned().collect::<Vec<_>>())
        .find(|e| {
            e.target_ref
                .as_ref()
                .is_some_and(|r| r.name.as_str() == pod)
        })
        .map(|e| (*e).clone())
}

/// `(ready, serving, terminating)` of Pod `pod`'s endpoint in `svc`.
fn conditions(h: &Harness, svc: &str, pod: &str) -> (bool, bool, bool) {
    let e = endpoint(h, svc, pod).unwrap_or_else(|| panic!("{pod} is not in {svc}'s slices"));
    let c = &e.conditions;
    (
        c.ready.expect("ready is set"),
        c.serving.expect("serving is set"),
        c.terminating.expect("terminating is set"),
    )
}

fn ip(h: &Harness, pod: &str) -> String {
    h.pod(pod).expect("pod exists").status.pod_ip.to_string()
}

fn running(h: &mut Harness, pod: &str) {
    let p = pod.to_string();
    h.until(MIN, &format!("{pod} running"), |e| {
        e.store()
            .pods
            .get("default", &p)
            .is_some_and(|x| x.status.phase == "Running" && !x.status.pod_ip.is_empty())
    });
}

/// Runs until the controller's slices of `svc` list exactly `pods`.
fn until_listed(h: &mut Harness, svc: &str, pods: &[&str]) {
    let mut want: Vec<String> = pods.iter().map(|p| p.to_string()).collect();
    want.sort();
    let svc = svc.to_string();
    h.until(MIN, &format!("{svc} lists {want:?}"), |e| {
        let mut got: Vec<String> = e
            .store()
            .endpoint_slices
            .in_namespace("default")
            .filter(|s| {
                s.metadata
                    .labels
                    .get("kubernetes.io/service-name")
                    .is_some_and(|v| v.as_str() == svc)
            })
            .flat_map(|s| s.endpoints.iter().flatten().cloned().collect::<Vec<_>>())
            .filter_map(|e| e.target_ref.as_ref().map(|r| r.name.to_string()))
            .collect();
        got.sort();
        got == want
    });
}

fn update_service(
    h: &mut Harness,
    name: &str,
    f: impl FnOnce(&mut ordinal::engine::objects::Service),
) {
    let mut s = (**h.engine.store().services.get("default", name).unwrap()).clone();
    f(&mut s);
    s.metadata.resource_version = Default::default();
    h.engine
        .update(Object::Service(Rc::new(s)))
        .expect("service updated");
    h.check();
}

fn a_records(h: &Harness, fqdn: &str) -> (Rcode, Vec<String>) {
    let a = h.engine.dns_query(fqdn, QType::A);
    (a.rcode, a.addresses())
}

// --- R6.1 ------------------------------------------------------------------

/// R6.1 (SSU `getPersistentVolumeClaimName`): template `T`, set `s` and
/// ordinal `k` give the claim `T-s-k`, for every template, wherever the
/// ordinals start; the Pod's volume of that template names the claim.
#[test]
fn r6_1_claims_are_named_template_set_ordinal() {
    let mut h = Harness::new(61);
    h.create(Kind::Service, headless("db", "db"));
    let claim = |name: &str| {
        json!({"metadata": {"name": name},
               "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}})
    };
    h.create(
        Kind::StatefulSet,
        json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "db", "namespace": "default"},
            "spec": {
                "serviceName": "db", "replicas": 2, "ordinals": {"start": 3},
                "podManagementPolicy": "Parallel",
                "selector": {"matchLabels": {"app": "db"}},
                "template": {
                    "metadata": {"labels": {"app": "db"}},
                    "spec": {"containers": [{
                        "name": "db", "image": "registry.k8s.io/nginx-slim:0.21",
                        "volumeMounts": [{"name": "data", "mountPath": "/data"},
                                         {"name": "logs", "mountPath": "/logs"}]
                    }]}
                },
                "volumeClaimTemplates": [claim("data"), claim("logs")]
            }
        }),
    );
    h.until(MIN, "db has 2 ready replicas", |e| {
        e.store()
            .statefulsets
            .get("default", "db")
            .is_some_and(|s| s.status.ready_replicas == 2)
    });
    let mut claims: Vec<String> = h
        .engine
        .store()
        .pvcs
        .in_namespace("default")
        .map(|c| c.metadata.name.to_string())
        .collect();
    claims.sort();
    assert_eq!(claims, ["data-db-3", "data-db-4", "logs-db-3", "logs-db-4"]);
    for k in [3, 4] {
        let p = h.pod(&format!("db-{k}")).expect("pod exists");
        let by_volume: Vec<(String, String)> = p
            .spec
            .volumes
            .iter()
            .filter_map(|v| {
                v.persistent_volume_claim
                    .as_ref()
                    .map(|c| (v.name.to_string(), c.claim_name.to_string()))
            })
            .collect();
        assert_eq!(
            by_volume,
            [
                ("data".to_string(), format!("data-db-{k}")),
                ("logs".to_string(), format!("logs-db-{k}"))
            ]
        );
    }
}

// --- R7.2 ------------------------------------------------------------------

/// R7.2: the selector is matched against the Pods of the Service's own
/// namespace; a Pod with the same labels elsewhere is no endpoint.
#[test]
fn r7_2_the_selector_matches_pods_of_the_service_namespace_only() {
    let mut h = Harness::new(72);
    h.create(
        Kind::Namespace,
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}}),
    );
    h.create(Kind::Service, headless("nginx", "nginx"));
    h.create(Kind::Pod, nginx_pod("here", "nginx", json!({})));
    let mut elsewhere = nginx_pod("there", "nginx", json!({}));
    elsewhere["metadata"]["namespace"] = json!("other");
    h.create(Kind::Pod, elsewhere);
    running(&mut h, "here");
    h.until(MIN, "there running", |e| {
        e.store()
            .pods
            .get("other", "there")
            .is_some_and(|p| p.status.phase == "Running")
    });
    h.advance(SimDuration::secs(2));
    until_listed(&mut h, "nginx", &["here"]);
    assert_eq!(
        a_records(&h, "nginx.default.svc.cluster.local"),
        (Rcode::NoError, vec![ip(&h, "here")])
    );
}

/// R7.2 with the reconciler's `ownedBy`: a Service deleted and created
/// again under the same name before the garbage collector removed its
/// slices gets slices of its own at once; the old ones, owned by the old
/// Service, are deleted by the controller. The new Service was left with
/// none once the collector took the old ones, and its names stopped
/// resolving.
#[test]
fn r7_2_a_service_created_again_gets_its_own_slices() {
    let mut h = Harness::new(722);
    h.create(Kind::Service, headless("nginx", "nginx"));
    h.create(Kind::Pod, nginx_pod("here", "nginx", json!({})));
    running(&mut h, "here");
    h.advance(SimDuration::secs(2));
    until_listed(&mut h, "nginx", &["here"]);
    h.delete(Kind::Service, "nginx", DeleteOptions::default());
    h.create(Kind::Service, headless("nginx", "nginx"));
    h.advance(SimDuration::secs(60));
    let uid = h
        .engine
        .store()
        .services
        .get("default", "nginx")
        .unwrap()
        .metadata
        .uid
        .clone();
    let slices: Vec<_> = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .filter(|s| s.metadata.name != "kubernetes")
        .map(|s| s.metadata.owner_references[0].uid.clone())
        .collect();
    assert_eq!(slices, [uid], "one slice, the new Service's");
    assert_eq!(
        a_records(&h, "nginx.default.svc.cluster.local"),
        (Rcode::NoError, vec![ip(&h, "here")])
    );
}

/// R7.2 (ES `syncService`: "services without a selector receive no endpoint
/// slices from this controller"): a Service without a selector gets no
/// managed slices and no Endpoints object, even with Pods whose labels it
/// would have matched; a slice its user writes, labelled
/// `kubernetes.io/service-name`, is left alone and DNS answers from it.
#[test]
fn r7_2_without_a_selector_only_user_slices_exist_and_dns_follows_them() {
    let mut h = Harness::new(721);
    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "db", "namespace": "default"},
               "spec": {"clusterIP": "None", "ports": [{"name": "pg", "port": 5432}]}}),
    );
    h.create(Kind::Pod, nginx_pod("db-pod", "db", json!({})));
    h.create(
        Kind::EndpointSlice,
        json!({
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": {"name": "db-by-hand", "namespace": "default",
                         "labels": {"kubernetes.io/service-name": "db"}},
            "addressType": "IPv4",
            "endpoints": [{"addresses": ["192.0.2.7"], "hostname": "primary",
                           "conditions": {"ready": true}}],
            "ports": [{"name": "pg", "protocol": "TCP", "port": 5432}]
        }),
    );
    running(&mut h, "db-pod");
    let written = h
        .engine
        .store()
        .endpoint_slices
        .get("default", "db-by-hand")
        .unwrap()
        .metadata
        .resource_version
        .clone();
    // Pod changes would queue a Service that selects it; this one does not.
    h.delete(Kind::Pod, "db-pod", DeleteOptions::default());
    h.advance(SimDuration::secs(40));
    assert!(managed_slices(&h, "db").is_empty());
    assert!(h.engine.store().endpoints.get("default", "db").is_none());
    let by_hand = h
        .engine
        .store()
        .endpoint_slices
        .get("default", "db-by-hand")
        .expect("the user's slice stays")
        .clone();
    assert_eq!(by_hand.metadata.resource_version, written);
    assert_eq!(
        a_records(&h, "db.default.svc.cluster.local"),
        (Rcode::NoError, vec!["192.0.2.7".to_string()])
    );
    assert_eq!(
        a_records(&h, "primary.db.default.svc.cluster.local"),
        (Rcode::NoError, vec!["192.0.2.7".to_string()])
    );
    let srv = h
        .engine
        .dns_query("_pg._tcp.db.default.svc.cluster.local", QType::Srv);
    let data: Vec<RData> = srv.answers.iter().map(|r| r.data.clone()).collect();
    assert_eq!(
        data,
        [RData::Srv {
            priority: 0,
            weight: 100,
            port: 5432,
            target: "primary.db.default.svc.cluster.local.".into()
        }]
    );
}

/// R7.2 as upstream does it on the way from a selector to none
/// (`syncService` of both controllers returns before touching anything;
/// kubernetes#118376, still open): the slices and the Endpoints object
/// stay as they were last written and DNS keeps answering from them, even
/// for a Pod since replaced; with the selector back, they follow the Pods
/// again.
#[test]
fn r7_2_removing_the_selector_freezes_what_was_written() {
    let mut h = Harness::web_ready(722, 2, "OrderedReady");
    let old_ips = {
        let mut v = vec![ip(&h, "web-0"), ip(&h, "web-1")];
        v.sort();
        v
    };
    let slices_before: Vec<(String, String)> = managed_slices(&h, "nginx")
        .iter()
        .map(|s| {
            (
                s.metadata.name.to_string(),
                s.metadata.resource_version.to_string(),
            )
        })
        .collect();
    let endpoints_before = h
        .engine
        .store()
        .endpoints
        .get("default", "nginx")
        .unwrap()
        .metadata
        .resource_version
        .clone();
    update_service(&mut h, "nginx", |s| s.spec.selector = None);
    let uid = h.uid("web-1");
    h.delete(Kind::Pod, "web-1", DeleteOptions::default());
    h.until(MIN, "web-1 replaced and ready", |e| {
        e.store()
            .pods
            .get("default", "web-1")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    h.advance(SimDuration::secs(2));
    let slices_after: Vec<(String, String)> = managed_slices(&h, "nginx")
        .iter()
        .map(|s| {
            (
                s.metadata.name.to_string(),
                s.metadata.resource_version.to_string(),
            )
        })
        .collect();
    assert_eq!(slices_after, slices_before);
    assert_eq!(
        h.engine
            .store()
            .endpoints
            .get("default", "nginx")
            .unwrap()
            .metadata
            .resource_version,
        endpoints_before
    );
    let (rcode, mut answered) = a_records(&h, "nginx.default.svc.cluster.local");
    answered.sort();
    assert_eq!((rcode, answered), (Rcode::NoError, old_ips.clone()));
    assert!(!old_ips.contains(&ip(&h, "web-1")), "web-1 has a new IP");

    update_service(&mut h, "nginx", |s| {
        s.spec.selector = Some(serde_json::from_value(json!({"app": "nginx"})).unwrap())
    });
    h.advance(SimDuration::secs(2));
    let (_, mut answered) = a_records(&h, "nginx.default.svc.cluster.local");
    answered.sort();
    let mut now = vec![ip(&h, "web-0"), ip(&h, "web-1")];
    now.sort();
    assert_eq!(answered, now);
}

/// R7.2 (ES and Endpoints `syncService`: "services with Type ExternalName
/// receive no endpoints from this controller", kubernetes#105986): an
/// ExternalName Service gets neither slices nor an Endpoints object, even
/// with a selector that matches running Pods.
#[test]
fn r7_2_an_external_name_service_gets_no_endpoints_whatever_it_selects() {
    let mut h = Harness::web_ready(723, 2, "OrderedReady");
    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "ext", "namespace": "default"},
               "spec": {"type": "ExternalName", "externalName": "example.com",
                        "selector": {"app": "nginx"}, "ports": [{"name": "web", "port": 80}]}}),
    );
    let uid = h.uid("web-0");
    h.delete(Kind::Pod, "web-0", DeleteOptions::default());
    h.until(MIN, "web-0 replaced and ready", |e| {
        e.store()
            .pods
            .get("default", "web-0")
            .is_some_and(|p| p.metadata.uid != uid && p.is_running_and_ready())
    });
    h.advance(SimDuration::secs(2));
    let any_slice = h
        .engine
        .store()
        .endpoint_slices
        .in_namespace("default")
        .any(|s| {
            s.metadata
                .labels
                .get("kubernetes.io/service-name")
                .is_some_and(|v| v.as_str() == "ext")
        });
    assert!(!any_slice);
    assert!(h.engine.store().endpoints.get("default", "ext").is_none());
    // The nginx Service beside it has its two endpoints.
    assert_eq!(
        managed_slices(&h, "nginx")[0]
            .endpoints
            .as_ref()
            .map(Vec::len),
        Some(2)
    );
}

// --- R7.6, R7.7 --------------------------------------------------------------

/// R7.6 (ES `ShouldPodBeInEndpoints` with includeTerminating): a
/// terminating Pod stays in the slice — still serving, not ready,
/// terminating (R7.7) — for as long as it exists, and DNS stops naming it at
/// once (R8.3); once it is gone it leaves the slice.
#[test]
fn r7_6_terminating_pods_stay_in_slices_as_serving_not_ready() {
    let mut h = Harness::new(76);
    h.create(Kind::Service, headless("nginx", "nginx"));
    // A preStop sleep keeps the container running, and Ready, while the
    // Pod terminates.
    let mut leaving = nginx_pod("leaving", "nginx", json!({}));
    leaving["spec"]["containers"][0]["lifecycle"] = json!({"preStop": {"sleep": {"seconds": 20}}});
    h.create(Kind::Pod, leaving);
    h.create(Kind::Pod, nginx_pod("staying", "nginx", json!({})));
    running(&mut h, "leaving");
    running(&mut h, "staying");
    h.until(MIN, "both ready", |e| {
        ["leaving", "staying"].iter().all(|n| {
            e.store()
                .pods
                .get("default", n)
                .is_some_and(|p| p.is_ready())
        })
    });
    h.advance(SimDuration::secs(2));
    assert_eq!(conditions(&h, "nginx", "leaving"), (true, true, false));
    let leaving_ip = ip(&h, "leaving");

    h.delete(Kind::Pod, "leaving", DeleteOptions::default());
    h.advance(SimDuration::secs(2));
    let p = h.pod("leaving").expect("still terminating");
    assert!(p.metadata.is_terminating() && p.is_ready());
    assert_eq!(conditions(&h, "nginx", "leaving"), (false, true, true));
    assert_eq!(conditions(&h, "nginx", "staying"), (true, true, false));
    assert_eq!(
        endpoint(&h, "nginx", "leaving").unwrap().addresses,
        [leaving_ip.as_str()]
    );
    assert_eq!(
        a_records(&h, "nginx.default.svc.cluster.local"),
        (Rcode::NoError, vec![ip(&h, "staying")])
    );
    h.until(MIN, "leaving gone", |e| {
        e.store().pods.get("default", "leaving").is_none()
    });
    until_listed(&mut h, "nginx", &["staying"]);
}

/// R7.6: Pods without an IP (Pending, not scheduled) and Pods that have
/// finished (Succeeded or Failed, though they keep their IP) are not
/// endpoints; a running Pod of the same selector is.
#[test]
fn r7_6_pods_without_an_ip_or_finished_are_not_endpoints() {
    let mut h = containers::harness(761);
    h.create(Kind::Service, headless("nginx", "nginx"));
    h.create(Kind::Pod, nginx_pod("up", "nginx", json!({})));
    h.create(
        Kind::Pod,
        nginx_pod("nowhere", "nginx", json!({"nodeSelector": {"disk": "ssd"}})),
    );
    for (name, code) in [("done", 0), ("failed", 1)] {
        h.create(
            Kind::Pod,
            json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": name, "namespace": "default", "labels": {"app": "nginx"}},
                "spec": {"restartPolicy": "Never",
                         "containers": [{"name": "c", "image": "busybox:1.28",
                                         "command": ["sh", "-c", format!("exit {code}")]}]}
            }),
        );
    }
    h.until(MIN, "both finished", |e| {
        let phase = |n: &str| {
            e.store()
                .pods
                .get("default", n)
                .map(|p| p.status.phase.to_string())
        };
        phase("done").as_deref() == Some("Succeeded")
            && phase("failed").as_deref() == Some("Failed")
    });
    running(&mut h, "up");
    h.advance(SimDuration::secs(2));
    assert!(!ip(&h, "done").is_empty() && !ip(&h, "failed").is_empty());
    assert!(ip(&h, "nowhere").is_empty());
    assert_eq!(h.pod("nowhere").unwrap().status.phase, "Pending");
    until_listed(&mut h, "nginx", &["up"]);
}

/// R7.7 (ES `podToEndpoint`): `serving` is the Pod's Ready condition,
/// `terminating` its deletionTimestamp, and `ready` is `serving &&
/// !terminating` — or true for every endpoint of a Service with
/// `publishNotReadyAddresses` (R7.3), whose DNS name then answers every
/// Pod (R8.3).
#[test]
fn r7_7_endpoint_conditions_follow_readiness_termination_and_publish_not_ready() {
    let mut h = Harness::new(77);
    h.create(Kind::Service, headless("nginx", "nginx"));
    let mut all = headless("nginx-all", "nginx");
    all["spec"]["publishNotReadyAddresses"] = json!(true);
    h.create(Kind::Service, all);
    h.create(Kind::Pod, nginx_pod("ready", "nginx", json!({})));
    // Nothing listens on port 81: never Ready.
    let mut unready = nginx_pod("unready", "nginx", json!({}));
    unready["spec"]["containers"][0]["readinessProbe"] =
        json!({"httpGet": {"path": "/", "port": 81}, "periodSeconds": 5});
    h.create(Kind::Pod, unready);
    let mut leaving = nginx_pod("leaving", "nginx", json!({}));
    leaving["spec"]["containers"][0]["lifecycle"] = json!({"preStop": {"sleep": {"seconds": 30}}});
    h.create(Kind::Pod, leaving);
    for p in ["ready", "unready", "leaving"] {
        running(&mut h, p);
    }
    h.until(MIN, "ready and leaving are Ready", |e| {
        ["ready", "leaving"].iter().all(|n| {
            e.store()
                .pods
                .get("default", n)
                .is_some_and(|p| p.is_ready())
        })
    });
    h.advance(SimDuration::secs(20));
    assert!(!h.pod("unready").unwrap().is_ready());
    h.delete(Kind::Pod, "leaving", DeleteOptions::default());
    h.advance(SimDuration::secs(2));
    assert!(h.pod("leaving").is_some_and(|p| p.is_ready()));

    // (ready, serving, terminating)
    let want = [
        ("nginx", "ready", (true, true, false)),
        ("nginx", "unready", (false, false, false)),
        ("nginx", "leaving", (false, true, true)),
        ("nginx-all", "ready", (true, true, false)),
        ("nginx-all", "unready", (true, false, false)),
        ("nginx-all", "leaving", (true, true, true)),
    ];
    for (svc, pod, c) in want {
        assert_eq!(conditions(&h, svc, pod), c, "{pod} in {svc}");
    }
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(
        a_records(&h, "nginx.default.svc.cluster.local").1,
        vec![ip(&h, "ready")]
    );
    assert_eq!(
        sorted(a_records(&h, "nginx-all.default.svc.cluster.local").1),
        sorted(vec![ip(&h, "ready"), ip(&h, "unready"), ip(&h, "leaving")])
    );
}

// --- R7.8 ------------------------------------------------------------------

fn label_node(h: &mut Harness, node: &str, key: &str, value: &str) {
    let mut n = (**h.engine.store().nodes.get("", node).unwrap()).clone();
    n.metadata.labels.insert(key.into(), value.into());
    n.metadata.resource_version = Default::default();
    h.engine
        .update(Object::Node(Rc::new(n)))
        .expect("node labelled");
    h.check();
}

/// R7.8 (ES `podToEndpoint`, `ShouldSetHostname`): each endpoint has the
/// Pod's IP, its node, the node's `topology.kubernetes.io/zone` when it has
/// one, a reference to the Pod, and `hostname` only when the Pod has a
/// hostname and its subdomain names this Service — for any Service type.
/// A node's label change alone queues no sync: the zone moves with the next
/// one.
#[test]
fn r7_8_endpoint_fields_address_node_zone_target_and_hostname() {
    let mut h = Harness::new(78);
    label_node(
        &mut h,
        "ordinal-worker",
        "topology.kubernetes.io/zone",
        "zone-a",
    );
    h.create(Kind::Service, headless("nginx", "nginx"));
    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "front", "namespace": "default"},
               "spec": {"selector": {"app": "nginx"},
                        "ports": [{"name": "web", "port": 8080, "targetPort": 80}]}}),
    );
    let placed = |name: &str, node: &str, extra: Value| {
        let mut v = nginx_pod(name, "nginx", extra);
        v["spec"]["nodeName"] = json!(node);
        v
    };
    h.create(
        Kind::Pod,
        placed(
            "a",
            "ordinal-worker",
            json!({"hostname": "alpha", "subdomain": "front"}),
        ),
    );
    h.create(
        Kind::Pod,
        placed(
            "b",
            "ordinal-worker2",
            json!({"hostname": "beta", "subdomain": "nginx"}),
        ),
    );
    h.create(
        Kind::Pod,
        placed("c", "ordinal-worker", json!({"subdomain": "nginx"})),
    );
    for p in ["a", "b", "c"] {
        running(&mut h, p);
    }
    h.advance(SimDuration::secs(5));
    for svc in ["nginx", "front"] {
        for (pod, node, zone) in [
            ("a", "ordinal-worker", Some("zone-a")),
            ("b", "ordinal-worker2", None),
            ("c", "ordinal-worker", Some("zone-a")),
        ] {
            let e = endpoint(&h, svc, pod).unwrap();
            let p = h.pod(pod).unwrap();
            assert_eq!(e.addresses, [p.status.pod_ip.as_str()], "{pod} in {svc}");
            assert_eq!(e.node_name.as_deref(), Some(node), "{pod} in {svc}");
            assert_eq!(e.zone.as_deref(), zone, "{pod} in {svc}");
            let r = e.target_ref.as_ref().unwrap();
            assert_eq!(
                (
                    r.kind.as_str(),
                    r.namespace.as_str(),
                    r.name.as_str(),
                    r.uid.as_str()
                ),
                ("Pod", "default", pod, p.metadata.uid.as_str())
            );
        }
    }
    let hostname = |h: &Harness, svc: &str, pod: &str| {
        endpoint(h, svc, pod)
            .unwrap()
            .hostname
            .map(|x| x.to_string())
    };
    assert_eq!(hostname(&h, "front", "a").as_deref(), Some("alpha"));
    assert_eq!(hostname(&h, "front", "b"), None);
    assert_eq!(hostname(&h, "nginx", "a"), None);
    assert_eq!(hostname(&h, "nginx", "b").as_deref(), Some("beta"));
    assert_eq!(hostname(&h, "nginx", "c"), None, "no hostname of its own");

    label_node(
        &mut h,
        "ordinal-worker",
        "topology.kubernetes.io/zone",
        "zone-b",
    );
    h.advance(SimDuration::secs(5));
    assert_eq!(
        endpoint(&h, "nginx", "a").unwrap().zone.as_deref(),
        Some("zone-a"),
        "a node change queues no Service"
    );
    h.delete(Kind::Pod, "b", DeleteOptions::default());
    h.until(MIN, "b gone", |e| {
        e.store().pods.get("default", "b").is_none()
    });
    h.advance(SimDuration::secs(2));
    assert_eq!(
        endpoint(&h, "nginx", "a").unwrap().zone.as_deref(),
        Some("zone-b")
    );
}

// --- R7.11 -----------------------------------------------------------------

/// R7.11: a ClusterIP Service gets a virtual IP from the service range
/// (kind's 10.96.0.0/16, dynamic ones from its upper band, KEP-3070) — the
/// API server's is 10.96.0.1, cluster DNS's 10.96.0.10 — and its DNS name
/// answers that IP even with no endpoints, its SRV names the Service on the
/// Service port; kube-proxy sends connections to ready endpoints only, and
/// refuses them when there are none.
#[test]
fn r7_11_a_cluster_ip_service_has_a_virtual_ip_dns_and_ready_backends() {
    let mut h = containers::cluster(711, &[("cu", "docker.io/curlimages/curl:latest")]);
    let cluster_ip = |h: &Harness, ns: &str, name: &str| {
        h.engine
            .store()
            .services
            .get(ns, name)
            .and_then(|s| s.spec.cluster_ip.clone())
            .unwrap_or_default()
    };
    assert_eq!(cluster_ip(&h, "default", "kubernetes"), "10.96.0.1");
    assert_eq!(cluster_ip(&h, "kube-system", "kube-dns"), "10.96.0.10");

    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "empty", "namespace": "default"},
               "spec": {"selector": {"app": "none"},
                        "ports": [{"name": "web", "port": 8080, "targetPort": 80}]}}),
    );
    let vip = cluster_ip(&h, "default", "empty");
    let octets: Vec<u32> = vip.split('.').map(|o| o.parse().unwrap()).collect();
    assert_eq!(octets[..2], [10, 96], "{vip}");
    assert!(
        octets[2] * 256 + octets[3] >= 257,
        "{vip} is in the upper band"
    );
    h.advance(SimDuration::secs(2));
    assert_eq!(
        a_records(&h, "empty.default.svc.cluster.local"),
        (Rcode::NoError, vec![vip.clone()])
    );
    let srv = h
        .engine
        .dns_query("_web._tcp.empty.default.svc.cluster.local", QType::Srv);
    let data: Vec<RData> = srv.answers.iter().map(|r| r.data.clone()).collect();
    assert_eq!(
        data,
        [RData::Srv {
            priority: 0,
            weight: 100,
            port: 8080,
            target: "empty.default.svc.cluster.local.".into()
        }]
    );
    let r = sh(&mut h, "cu", "curl -sS empty:8080");
    assert_eq!(r.code, 7, "{}", r.err);
    assert!(r.err.contains("Could not connect to server"), "{}", r.err);

    // Two ready Pods and one that never is, all selected.
    let mut slow = nginx_pod("slow", "nginx", json!({}));
    slow["spec"]["containers"][0]["readinessProbe"] =
        json!({"httpGet": {"path": "/", "port": 81}, "periodSeconds": 5});
    h.create(Kind::Pod, slow);
    running(&mut h, "slow");
    for p in ["web-0", "web-1", "slow"] {
        sh(
            &mut h,
            p,
            "echo $(hostname) > /usr/share/nginx/html/index.html",
        );
    }
    h.create(
        Kind::Service,
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "web-svc", "namespace": "default"},
               "spec": {"selector": {"app": "nginx"},
                        "ports": [{"name": "web", "port": 8080, "targetPort": 80}]}}),
    );
    h.advance(SimDuration::secs(2));
    assert_eq!(conditions(&h, "web-svc", "slow"), (false, false, false));
    assert_eq!(
        a_records(&h, "web-svc.default.svc.cluster.local").1,
        vec![cluster_ip(&h, "default", "web-svc")]
    );
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..16 {
        let r = sh(&mut h, "cu", "curl -s web-svc:8080");
        assert_eq!(r.code, 0);
        seen.insert(r.out);
        h.advance(SimDuration::ms(250));
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["web-0\n", "web-1\n"],
        "both ready Pods answer, the unready one never"
    );
}

// --- R8.11 -----------------------------------------------------------------

/// R8.11: every positive answer carries the plugin TTL (30 s under kind's
/// Corefile) — Service, per-Pod, SRV and its additional records, PTR, Pod
/// IP names, ClusterIPs — and negative answers carry the zone SOA with TTL
/// and minimum 30; the server itself caches nothing of its zone: an answer
/// changes as soon as the slice does, not when the Pod does.
#[test]
fn r8_11_answers_carry_the_plugin_ttl_and_follow_the_slices_at_once() {
    let mut h = Harness::web_ready(811, 2, "OrderedReady");
    let ip0 = ip(&h, "web-0");
    let reverse = format!(
        "{}.in-addr.arpa",
        ip0.split('.').rev().collect::<Vec<_>>().join(".")
    );
    let dashed = format!("{}.default.pod.cluster.local", ip0.replace('.', "-"));
    for (name, t) in [
        ("nginx.default.svc.cluster.local", QType::A),
        ("web-0.nginx.default.svc.cluster.local", QType::A),
        ("_web._tcp.nginx.default.svc.cluster.local", QType::Srv),
        (reverse.as_str(), QType::Ptr),
        (dashed.as_str(), QType::A),
        ("kubernetes.default.svc.cluster.local", QType::A),
    ] {
        let a = h.engine.dns_query(name, t);
        assert!(a.is_positive(), "{name}");
        for r in a.answers.iter().chain(&a.additional) {
            assert_eq!(r.ttl, 30, "{name}: {}", r.zone_line());
        }
    }
    for (name, t, rcode) in [
        (
            "web-9.nginx.default.svc.cluster.local",
            QType::A,
            Rcode::NxDomain,
        ),
        (
            "web-0.nginx.default.svc.cluster.local",
            QType::Aaaa,
            Rcode::NoError,
        ),
    ] {
        let a = h.engine.dns_query(name, t);
        assert_eq!((a.rcode, a.answers.len()), (rcode, 0), "{name}");
        let soa: Vec<(u32, u32)> = a
            .authority
            .iter()
            .filter_map(|r| match r.data {
                RData::Soa { minimum, .. } => Some((r.ttl, minimum)),
                _ => None,
            })
            .collect();
        assert_eq!(soa, [(30, 30)], "{name}");
    }

    h.scale(3);
    h.until(MIN, "web-2 ready", |e| {
        e.store()
            .pods
            .get("default", "web-2")
            .is_some_and(|p| p.is_running_and_ready())
    });
    // The Pod is Ready; its slice entry is not written yet (R7.9).
    assert_eq!(conditions(&h, "nginx", "web-2"), (false, false, false));
    assert_eq!(
        a_records(&h, "web-2.nginx.default.svc.cluster.local").0,
        Rcode::NxDomain
    );
    h.until(MIN, "web-2's endpoint ready", |e| {
        e.store()
            .endpoint_slices
            .in_namespace("default")
            .flat_map(|s| s.endpoints.iter().flatten().cloned().collect::<Vec<_>>())
            .any(|x| x.hostname.as_deref() == Some("web-2") && x.conditions.ready == Some(true))
    });
    assert_eq!(
        a_records(&h, "web-2.nginx.default.svc.cluster.local"),
        (Rcode::NoError, vec![ip(&h, "web-2")])
    );
}

// --- Console: R6.12, R8.12, R9.x, R10.13 -----------------------------------

fn out(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 0, "{cmd}: {out}{err}");
    out
}

/// One field of an object, through jsonpath.
fn field(c: &mut Console, what: &str, path: &str) -> String {
    out(c, &format!("kubectl get {what} -o jsonpath='{{{path}}}'"))
}

const SPEC_FORBIDDEN: &str = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/// The tutorial's headless `nginx` and `web` (2 replicas), its claim
/// template with `class` when given.
fn web_yaml(class: Option<&str>) -> String {
    let class = class.map_or(String::new(), |c| format!("\n      storageClassName: {c}"));
    format!(
        "apiVersion: v1
kind: Service
metadata: {{name: nginx, labels: {{app: nginx}}}}
spec:
  clusterIP: None
  selector: {{app: nginx}}
  ports: [{{name: web, port: 80}}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: web}}
spec:
  serviceName: nginx
  replicas: 2
  selector: {{matchLabels: {{app: nginx}}}}
  template:
    metadata: {{labels: {{app: nginx}}}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        volumeMounts: [{{name: www, mountPath: /usr/share/nginx/html}}]
  volumeClaimTemplates:
  - metadata: {{name: www}}
    spec:
      accessModes: [ReadWriteOnce]{class}
      resources: {{requests: {{storage: 1Gi}}}}"
    )
}

/// R6.12: the claim templates cannot be changed in place — a patch of one
/// gets R9.11's single `spec: Forbidden` — so a set moves to another
/// StorageClass by being deleted with `--cascade=orphan` and created again:
/// the new set adopts the running Pods, keeps their claims as they are (on
/// the old class, R6.3) and gives only new ordinals claims of the new class.
#[test]
fn r6_12_claim_templates_are_immutable_and_a_new_class_means_recreating_the_set() {
    let mut c = Console::new(612);
    apply(&mut c, &web_yaml(None));
    out(&mut c, "kubectl rollout status sts/web");
    let (code, o, e) = run(
        &mut c,
        "kubectl patch sts web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/volumeClaimTemplates/0/spec/resources/requests/storage\",\"value\":\"2Gi\"}]'",
    );
    assert_eq!((code, o.as_str()), (1, ""));
    assert_eq!(
        e,
        format!("The StatefulSet \"web\" is invalid: {SPEC_FORBIDDEN}\n")
    );
    assert_eq!(
        field(
            &mut c,
            "sts web",
            ".spec.volumeClaimTemplates[0].spec.resources.requests.storage"
        ),
        "1Gi"
    );

    apply(
        &mut c,
        "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer",
    );
    let uids = field(&mut c, "pods -l app=nginx", ".items[*].metadata.uid");
    out(&mut c, "kubectl delete sts web --cascade=orphan");
    apply(&mut c, &web_yaml(Some("fast")));
    out(&mut c, "kubectl rollout status sts/web");
    assert_eq!(
        field(&mut c, "pods -l app=nginx", ".items[*].metadata.uid"),
        uids,
        "the running Pods were adopted, not replaced"
    );
    for claim in ["www-web-0", "www-web-1"] {
        assert_eq!(
            field(&mut c, &format!("pvc {claim}"), ".spec.storageClassName"),
            "standard"
        );
    }
    out(&mut c, "kubectl scale sts web --replicas=3");
    out(&mut c, "kubectl rollout status sts/web");
    assert_eq!(
        field(&mut c, "pvc www-web-2", ".spec.storageClassName"),
        "fast"
    );
}

/// R8.12: the kubelet writes a `ClusterFirst` Pod's `/etc/resolv.conf` —
/// `dnsPolicy` left out or set — with its own namespace's search domain
/// first, the cluster DNS Service as nameserver and `ndots:5`.
#[test]
fn r8_12_cluster_first_resolv_conf_searches_the_pods_namespace_first() {
    let mut c = Console::new(812);
    out(&mut c, "kubectl create namespace shop");
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata: {name: till, namespace: shop}
spec:
  containers: [{name: c, image: registry.k8s.io/nginx-slim:0.21}]
---
apiVersion: v1
kind: Pod
metadata: {name: desk}
spec:
  dnsPolicy: ClusterFirst
  containers: [{name: c, image: registry.k8s.io/nginx-slim:0.21}]",
    );
    out(
        &mut c,
        "kubectl wait --for=condition=Ready pod/desk --timeout=60s",
    );
    out(
        &mut c,
        "kubectl wait -n shop --for=condition=Ready pod/till --timeout=60s",
    );
    for (ns, pod) in [("shop", "till"), ("default", "desk")] {
        let file = out(
            &mut c,
            &format!("kubectl exec -n {ns} {pod} -- cat /etc/resolv.conf"),
        );
        assert_eq!(
            file,
            format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n")
        );
        assert_eq!(file, ordinal::engine::Engine::resolv_conf(ns));
    }
}

/// R9.6: `serviceName` may be left out or empty (no "missing required
/// field" from kubectl 1.33+); the Pods then have a hostname but no
/// subdomain, so a headless Service selecting them lists them without
/// hostnames (R7.8) and no per-Pod name resolves (R8.4), while the Service
/// name still answers their IPs.
#[test]
fn r9_6_a_set_without_service_name_runs_pods_without_dns_names() {
    let mut c = Console::new(96);
    let set = |name: &str, service_name: &str| {
        format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: {name}}}
spec:{service_name}
  replicas: 2
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      containers: [{{name: nginx, image: registry.k8s.io/nginx-slim:0.21}}]"
        )
    };
    let (code, o, e) = run(
        &mut c,
        &format!(
            "kubectl apply -f - <<'EOF'\n{}\n---\n{}\nEOF",
            set("web", ""),
            set("alt", "\n  serviceName: \"\"")
        ),
    );
    assert_eq!(
        (code, o.as_str(), e.as_str()),
        (
            0,
            "statefulset.apps/web created\nstatefulset.apps/alt created\n",
            ""
        )
    );
    apply(
        &mut c,
        "apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: web, port: 80}]",
    );
    out(&mut c, "kubectl rollout status sts/web");
    out(&mut c, "kubectl rollout status sts/alt");
    c.run("sim advance 2s");
    for pod in ["web-0", "alt-1"] {
        assert_eq!(field(&mut c, &format!("pod {pod}"), ".spec.hostname"), pod);
        assert_eq!(field(&mut c, &format!("pod {pod}"), ".spec.subdomain"), "");
    }
    assert_eq!(
        field(
            &mut c,
            "endpointslices -l kubernetes.io/service-name=nginx",
            ".items[*].endpoints[*].hostname"
        ),
        ""
    );
    let e = c.engine();
    let pod_name = e.dns_query("web-0.nginx.default.svc.cluster.local", QType::A);
    assert_eq!(pod_name.rcode, Rcode::NxDomain);
    let mut ips = e
        .dns_query("nginx.default.svc.cluster.local", QType::A)
        .addresses();
    ips.sort();
    let mut want: Vec<String> = ["web-0", "web-1"]
        .iter()
        .map(|p| {
            e.store()
                .pods
                .get("default", p)
                .unwrap()
                .status
                .pod_ip
                .to_string()
        })
        .collect();
    want.sort();
    assert_eq!(ips, want);
}

/// R9.9 / R4.14: a negative `revisionHistoryLimit` is accepted, and the
/// controller then keeps every revision (`truncateHistory` returns at once).
#[test]
fn r9_9_a_negative_history_limit_is_accepted_and_keeps_every_revision() {
    let mut h = Harness::new(99);
    let mut v = web(1, "OrderedReady");
    v["spec"]["revisionHistoryLimit"] = json!(-1);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, v);
    h.until_web_ready(MIN, 1);
    for tag in ["0.22", "0.23", "0.24", "0.25"] {
        h.set_image(&format!("registry.k8s.io/nginx-slim:{tag}"));
        h.until(MIN, "web-0 updated", |e| {
            e.store().pods.get("default", "web-0").is_some_and(|p| {
                p.is_running_and_ready() && p.spec.containers[0].image.ends_with(tag)
            })
        });
        h.advance(SimDuration::secs(2));
    }
    let mut numbers: Vec<i64> = h
        .engine
        .store()
        .revisions
        .in_namespace("default")
        .map(|r| r.revision)
        .collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
}

/// R9.9 as 1.33+ servers answer it (apps `statefulSetStrategy`
/// `WarningsOnCreate` / `WarningsOnUpdate`): a negative limit is accepted
/// with a warning on every write of the set — create, apply, scale — which
/// kubectl prints on stderr before its own line, once per command however
/// many objects earn it; a limit of 0 or more gets none.
#[test]
fn r9_9_kubectl_prints_the_servers_warning_for_a_negative_history_limit() {
    let mut c = Console::new(991);
    let set = |name: &str, limit: i64| {
        format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: {name}}}
spec:
  serviceName: nginx
  replicas: 1
  revisionHistoryLimit: {limit}
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      containers: [{{name: nginx, image: registry.k8s.io/nginx-slim:0.21}}]"
        )
    };
    let warning = "Warning: spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended\n";
    let (code, o, e) = run(
        &mut c,
        &format!(
            "kubectl apply -f - <<'EOF'\n{}\n---\n{}\n---\n{}\nEOF",
            set("a", -1),
            set("b", 0),
            set("c", -5)
        ),
    );
    assert_eq!(
        (code, o.as_str(), e.as_str()),
        (
            0,
            "statefulset.apps/a created\nstatefulset.apps/b created\nstatefulset.apps/c created\n",
            warning
        )
    );
    // Warning first, then kubectl's line: the transcript keeps the order.
    let t = c.run("kubectl scale sts a --replicas=2");
    let streams: Vec<String> = t.entries[0]
        .output
        .iter()
        .map(|(_, text)| text.clone())
        .collect();
    assert_eq!(
        streams.concat(),
        format!("{warning}statefulset.apps/a scaled\n")
    );
    let (_, o, e) = run(&mut c, "kubectl scale sts b --replicas=2");
    assert_eq!(
        (o.as_str(), e.as_str()),
        ("statefulset.apps/b scaled\n", "")
    );
    let (_, _, e) = run(&mut c, "kubectl get sts a");
    assert_eq!(e, "", "reads bring no warning");
}

fn validate_update(old: Value, new: Value) -> Vec<String> {
    use ordinal::engine::apiserver::{defaults::apply_defaults, validation};
    let decode = |v: Value| {
        let mut o = Object::from_value(Kind::StatefulSet, v).expect("decodes");
        apply_defaults(&mut o);
        o
    };
    validation::validate_update(&decode(new), &decode(old))
        .iter()
        .map(|e| e.to_string())
        .collect()
}

/// R9.10 (`ValidateStatefulSetUpdate`): an update goes through the create
/// rules of the spec again — in their order — and then gets the single
/// `spec: Forbidden` if anything but the mutable fields changed; the name
/// is not checked again, so an object stored under a name today's rules
/// refuse can still be updated.
#[test]
fn r9_10_an_update_is_validated_like_a_create_then_for_forbidden_changes() {
    let mut new = web(2, "OrderedReady");
    new["spec"]["replicas"] = json!(-1);
    new["spec"]["podManagementPolicy"] = json!("Foo");
    assert_eq!(
        validate_update(web(2, "OrderedReady"), new),
        [
            "spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'",
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            SPEC_FORBIDDEN,
        ]
    );
    let mut legacy = web(2, "OrderedReady");
    legacy["metadata"]["name"] = json!("web.v1");
    let mut scaled = legacy.clone();
    scaled["spec"]["replicas"] = json!(3);
    assert!(validate_update(legacy, scaled.clone()).is_empty());
    let mut decoded = Object::from_value(Kind::StatefulSet, scaled).unwrap();
    ordinal::engine::apiserver::defaults::apply_defaults(&mut decoded);
    let create = ordinal::engine::apiserver::validation::validate_create(&decoded);
    assert_eq!(
        create.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        ["metadata.name: Invalid value: \"web.v1\": must not contain dots"]
    );
}

/// R9.15 (FERR `NewInvalid`, `ToAggregate`): the server's message is
/// `Kind.group "name" is invalid: <err>` for one error and `[<e1>, <e2>]`
/// for several, a core kind without a group, repeated errors once; kubectl
/// shows that message when several objects of one apply fail, still
/// creating the good ones. From the status's causes (one per field error)
/// kubectl's own form prints each distinct cause once.
#[test]
fn r9_15_the_server_message_names_kind_group_and_object() {
    let mut c = Console::new(915);
    let label = "spec.template.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    let dns1035 = "metadata.name: Invalid value: \"1nginx\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    let set = |name: &str, replicas: i64, policy: &str, extra: &str| {
        format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: {name}}}
spec:
  serviceName: nginx
  replicas: {replicas}
  selector: {{matchLabels: {{app: nginx}}}}
  template:
    metadata: {{labels: {{app: nginx{extra}}}}}
    spec:
      restartPolicy: {policy}
      containers: [{{name: nginx, image: registry.k8s.io/nginx-slim:0.21}}]"
        )
    };
    let file = [
        "apiVersion: v1
kind: Service
metadata: {name: 1nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: web, port: 80}]"
            .to_string(),
        set("web", -1, "Never", ""),
        set("dup", 1, "Always", ", tier: \"front end\""),
        set("good", 1, "Always", ""),
    ]
    .join("\n---\n");
    let (code, o, e) = run(&mut c, &format!("kubectl apply -f - <<'EOF'\n{file}\nEOF"));
    assert_eq!((code, o.as_str()), (1, "statefulset.apps/good created\n"));
    let prefix = "Error from server (Invalid): error when creating \"STDIN\": ";
    assert_eq!(
        e,
        format!(
            "{prefix}Service \"1nginx\" is invalid: {dns1035}\n\
             {prefix}StatefulSet.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"]\n\
             {prefix}StatefulSet.apps \"dup\" is invalid: {label}\n"
        )
    );
    // One object: kubectl's own form, from the causes.
    let (_, _, e) = run(
        &mut c,
        &format!(
            "kubectl create -f - <<'EOF'\n{}\nEOF",
            set("dup", 1, "Always", ", tier: \"front end\"")
        ),
    );
    assert_eq!(e, format!("The StatefulSet \"dup\" is invalid: {label}\n"));
}

/// `TYPE REASON FROM MESSAGE` of every event about one object, oldest first.
fn events(c: &mut Console, kind: &str, name: &str) -> Vec<String> {
    out(
        c,
        &format!(
            "kubectl get events --sort-by=.metadata.creationTimestamp --field-selector involvedObject.kind={kind},involvedObject.name={name} -o custom-columns=TYPE:.type,REASON:.reason,FROM:.reportingComponent,MESSAGE:.message --no-headers"
        ),
    )
    .lines()
    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
    .collect()
}

/// R10.13: the events other components record about a StatefulSet's Pods
/// and claims — the scheduler's `Scheduled` / `FailedScheduling`, the
/// kubelet's `Pulling`, `Pulled`, `Created`, `Started`, `Killing`,
/// `Unhealthy`, `BackOff`, and the volume controllers' `WaitForFirstConsumer`,
/// `WaitForPodScheduled`, `ExternalProvisioning`, `Provisioning`,
/// `ProvisioningSucceeded`, `FailedBinding` — with their messages.
#[test]
fn r10_13_scheduler_kubelet_and_volume_events() {
    let mut c = Console::new(1013);
    apply(&mut c, &web_yaml(None));
    out(&mut c, "kubectl rollout status sts/web");
    let node = field(&mut c, "pod web-0", ".spec.nodeName");
    let ev = events(&mut c, "Pod", "web-0");
    let want_prefix = [
        format!("Normal Scheduled default-scheduler Successfully assigned default/web-0 to {node}"),
        "Normal Pulling kubelet Pulling image \"registry.k8s.io/nginx-slim:0.21\"".to_string(),
        "Normal Pulled kubelet Successfully pulled image \"registry.k8s.io/nginx-slim:0.21\" in"
            .to_string(),
        "Normal Created kubelet Created container: nginx".to_string(),
        "Normal Started kubelet Started container nginx".to_string(),
    ];
    assert_eq!(ev.len(), want_prefix.len(), "{ev:#?}");
    for (got, want) in ev.iter().zip(&want_prefix) {
        assert!(got.starts_with(want.as_str()), "{got} / {want}");
    }
    let claim = events(&mut c, "PersistentVolumeClaim", "www-web-0");
    let reasons: Vec<&str> = claim
        .iter()
        .map(|l| l.split(' ').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        reasons,
        [
            "WaitForPodScheduled",
            "ExternalProvisioning",
            "Provisioning",
            "ProvisioningSucceeded"
        ],
        "{claim:#?}"
    );
    assert!(
        claim[0].ends_with("waiting for pod web-0 to be scheduled"),
        "{}",
        claim[0]
    );
    assert!(
        claim[2].ends_with(
            "External provisioner is provisioning volume for claim \"default/www-web-0\""
        ),
        "{}",
        claim[2]
    );

    // Killing: a deleted Pod's container is stopped.
    out(&mut c, "kubectl delete pod web-1 --wait=false");
    c.run("sim advance 1s");
    assert!(events(&mut c, "Pod", "web-1")
        .contains(&"Normal Killing kubelet Stopping container nginx".to_string()));

    // Unhealthy: a Ready container whose readiness probe starts failing.
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata: {name: probed}
spec:
  containers:
  - name: nginx
    image: registry.k8s.io/nginx-slim:0.21
    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}",
    );
    out(
        &mut c,
        "kubectl wait --for=condition=Ready pod/probed --timeout=60s",
    );
    out(
        &mut c,
        "kubectl exec probed -- rm /usr/share/nginx/html/index.html",
    );
    c.run("sim advance 30s");
    let ev = events(&mut c, "Pod", "probed");
    assert!(
        ev.iter().any(|l| l.starts_with("Warning Unhealthy kubelet Readiness probe failed: HTTP probe failed with statuscode: 403")),
        "{ev:#?}"
    );

    // BackOff: a container that keeps exiting.
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers: [{name: c, image: busybox:1.28, command: [sh, -c, exit 1]}]",
    );
    c.run("sim advance 40s");
    let uid = field(&mut c, "pod crash", ".metadata.uid");
    assert!(
        events(&mut c, "Pod", "crash")
            .contains(&format!("Warning BackOff kubelet Back-off restarting failed container c in pod crash_default({uid})")),
    );

    // FailedScheduling: no node carries the label.
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: c, image: registry.k8s.io/nginx-slim:0.21}]",
    );
    c.run("sim advance 2s");
    assert_eq!(
        events(&mut c, "Pod", "picky"),
        ["Warning FailedScheduling default-scheduler 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."]
    );

    // The PV controller on claims nothing uses yet, or nothing can bind.
    apply(
        &mut c,
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: later}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: static}
spec:
  storageClassName: \"\"
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}",
    );
    c.run("sim advance 2s");
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "later"),
        ["Normal WaitForFirstConsumer persistentvolume-controller waiting for first consumer to be created before binding"]
    );
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "static"),
        ["Normal FailedBinding persistentvolume-controller no persistent volumes available for this claim and no storage class is set"]
    );
}
