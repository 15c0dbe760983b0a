//! Behaviour fingerprints: a few engine scenarios (scale up and down in both
//! policies, rolling updates, faults, node loss, every deletion propagation,
//! claim retention, Event eviction) run with a fixed seed, and everything
//! they produce — each narration event and, at the end, every stored object
//! unmasked — is hashed. The hashes were taken before the performance work
//! on the engine (and taken again, identical with and without that work,
//! when fixes that change behaviour — the omitted null creationTimestamp in
//! revision hashes, the orphan-finalizer deletion — were merged with it;
//! and again when container ids and image digests were made to look
//! random, the texts identical but for those ids; and when the two system
//! PriorityClasses joined the default cluster, the texts identical but for
//! those two objects and the resourceVersions after them, with the uids
//! derived from them; and when the system Pods named their classes, the
//! texts identical but for those `priorityClassName` fields):
//! an optimisation must leave them alone. A changed hash is a
//! change of behaviour; `ORDINAL_FINGERPRINT_DIR=dir` writes the full texts
//! so two builds can be diffed.

use std::fmt::Write as _;
use std::rc::Rc;

use ordinal::engine::faults::Fault;
use ordinal::engine::objects::{Kind, Object, RESOURCES};
use ordinal::engine::{Config, DeleteOptions, Engine, Limits, Propagation, SimDuration};
use serde_json::json;

/// 64-bit FNV-1a: stable everywhere, no dependency.
fn fnv64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct Run {
    e: Engine,
    text: String,
}

impl Run {
    fn new(max_events: usize, workers: usize) -> Run {
        Run {
            e: Engine::new(Config {
                limits: Limits {
                    max_events,
                    ..Default::default()
                },
                workers,
                ..Default::default()
            }),
            text: String::new(),
        }
    }

    fn drain(&mut self) {
        while let Some(ev) = self.e.poll_event() {
            writeln!(self.text, "{ev:?}").unwrap();
        }
    }

    /// Steps until nothing is pending or `secs` of simulated time passed.
    fn run_for(&mut self, secs: u64) {
        let until = self.e.now() + SimDuration::secs(secs);
        while let Some(t) = self.e.next_wakeup() {
            if t > until {
                break;
            }
            self.e.step();
            self.drain();
        }
        self.e.advance_to(until);
        self.drain();
    }

    fn note<T: std::fmt::Debug>(&mut self, what: &str, r: T) {
        writeln!(self.text, "## {what}: {r:?}").unwrap();
        self.drain();
    }

    fn set(&self) -> Object {
        self.e.get(Kind::StatefulSet, "default", "web").unwrap()
    }

    fn update_set(&mut self, f: impl FnOnce(&mut serde_json::Value)) {
        let mut v = self.set().to_value();
        f(&mut v);
        v["metadata"]["resourceVersion"] = json!("");
        let obj = Object::from_value(Kind::StatefulSet, v).unwrap();
        let r = self.e.update(obj).map(|_| ());
        self.note("update set", r);
    }

    fn delete(&mut self, kind: Kind, name: &str, propagation: Propagation) {
        let opts = DeleteOptions {
            propagation,
            ..Default::default()
        };
        let r = self.e.delete(kind, "default", name, &opts).map(|_| ());
        self.note(&format!("delete {kind:?} {name}"), r);
    }

    fn fault(&mut self, f: Fault) {
        let what = format!("{f:?}");
        let r = self.e.inject(f);
        self.note(&what, r);
    }

    /// The narration so far, then every stored object.
    fn finish(mut self) -> String {
        self.drain();
        // The API server compares claims and volumes as typed objects: that
        // stands for comparing their JSON only while the round trip is exact.
        for kind in [Kind::PersistentVolumeClaim, Kind::PersistentVolume] {
            for o in self.e.store().list_dyn(kind, None) {
                let back = Object::from_value(kind, o.to_value()).unwrap();
                assert_eq!(back, o, "JSON round trip of {kind:?} {}", o.name());
            }
        }
        writeln!(self.text, "## now {:?}", self.e.now()).unwrap();
        for r in RESOURCES {
            for o in self.e.store().list_dyn(r.kind, None) {
                writeln!(
                    self.text,
                    "{}",
                    serde_json::to_string(&o.to_value()).unwrap()
                )
                .unwrap();
            }
        }
        self.text
    }
}

fn service(publish_not_ready: bool) -> Object {
    Object::from_value(
        Kind::Service,
        json!({"metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
               "spec": {"clusterIP": "None", "selector": {"app": "nginx"},
                        "publishNotReadyAddresses": publish_not_ready,
                        "ports": [{"port": 80, "name": "web", "targetPort": "web"}]}}),
    )
    .unwrap()
}

fn web(replicas: i64, policy: &str, extra: serde_json::Value) -> Object {
    let mut v = json!({
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx", "replicas": replicas, "podManagementPolicy": policy,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.21", "ports": [{"containerPort": 80, "name": "web"}], "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
        }
    });
    if let (Some(spec), serde_json::Value::Object(more)) = (v["spec"].as_object_mut(), extra) {
        spec.extend(more);
    }
    Object::from_value(Kind::StatefulSet, v).unwrap()
}

fn image(v: &mut serde_json::Value, tag: &str) {
    v["spec"]["template"]["spec"]["containers"][0]["image"] =
        json!(format!("registry.k8s.io/nginx-slim:{tag}"));
}

/// Parallel, 60 replicas, few Events kept (eviction), whenScaled Delete:
/// up, a rolling update with maxUnavailable, down, a broken image, then a
/// foreground deletion of the set.
fn parallel() -> String {
    let mut r = Run::new(150, 3);
    let res = r.e.create(service(false)).map(|_| ());
    r.note("create service", res);
    let set = web(
        60,
        "Parallel",
        json!({"persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Delete"},
               "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 7}}}),
    );
    let res = r.e.create(set).map(|_| ());
    r.note("create set", res);
    r.run_for(60);
    r.update_set(|v| image(v, "0.24"));
    r.run_for(90);
    r.update_set(|v| v["spec"]["replicas"] = json!(25));
    r.run_for(60);
    r.fault(Fault::Crash {
        pod: ("default".into(), "web-3".into()),
    });
    r.run_for(30);
    r.fault(Fault::Heal {
        pod: ("default".into(), "web-3".into()),
    });
    r.update_set(|v| image(v, "0.99-broken"));
    r.run_for(40);
    r.update_set(|v| image(v, "0.21"));
    r.run_for(60);
    r.delete(Kind::Pod, "web-7", Propagation::Background);
    r.run_for(30);
    r.delete(Kind::StatefulSet, "web", Propagation::Foreground);
    r.run_for(120);
    r.finish()
}

/// OrderedReady with minReadySeconds: up, a partitioned update, faults on
/// a Pod and a node, scale down, an orphaning deletion, adoption by a new
/// set, then a background deletion and the claims by hand.
fn ordered() -> String {
    let mut r = Run::new(20_000, 3);
    let res = r.e.create(service(true)).map(|_| ());
    r.note("create service", res);
    let set = web(
        8,
        "OrderedReady",
        json!({"minReadySeconds": 3,
               "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Delete", "whenScaled": "Retain"}}),
    );
    let res = r.e.create(set).map(|_| ());
    r.note("create set", res);
    r.run_for(120);
    r.update_set(|v| {
        image(v, "0.24");
        v["spec"]["updateStrategy"] =
            json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 5}});
    });
    r.run_for(90);
    r.update_set(|v| v["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = json!(0));
    r.run_for(120);
    r.fault(Fault::FailProbe {
        pod: ("default".into(), "web-2".into()),
        probe: ordinal::engine::faults::ProbeKind::Readiness,
    });
    r.run_for(20);
    r.fault(Fault::Heal {
        pod: ("default".into(), "web-2".into()),
    });
    r.run_for(20);
    let node = match r.e.get(Kind::Pod, "default", "web-1").unwrap() {
        Object::Pod(p) => p.spec.node_name.to_string(),
        _ => unreachable!(),
    };
    r.fault(Fault::NodeDown(node.clone()));
    r.run_for(70);
    r.fault(Fault::NodeUp(node));
    r.run_for(60);
    r.update_set(|v| v["spec"]["replicas"] = json!(3));
    r.run_for(90);
    r.delete(Kind::StatefulSet, "web", Propagation::Orphan);
    r.run_for(20);
    let res = r.e.create(web(4, "OrderedReady", json!({}))).map(|_| ());
    r.note("create set again", res);
    r.run_for(90);
    r.update_set(|v| v["spec"]["updateStrategy"] = json!({"type": "OnDelete"}));
    r.update_set(|v| image(v, "0.24"));
    r.run_for(20);
    r.delete(Kind::Pod, "web-0", Propagation::Background);
    r.run_for(60);
    r.delete(Kind::StatefulSet, "web", Propagation::Background);
    r.run_for(60);
    for i in 0..8 {
        r.delete(
            Kind::PersistentVolumeClaim,
            &format!("www-web-{i}"),
            Propagation::Background,
        );
    }
    r.delete(Kind::Service, "nginx", Propagation::Background);
    r.run_for(60);
    r.finish()
}

/// Many Pods on few nodes (some unschedulable), then more nodes' worth of
/// room by scaling down.
fn crowded() -> String {
    let mut r = Run::new(400, 1);
    let res = r.e.create(service(false)).map(|_| ());
    r.note("create service", res);
    let res = r.e.create(web(130, "Parallel", json!({}))).map(|_| ());
    r.note("create set", res);
    r.run_for(60);
    r.update_set(|v| v["spec"]["replicas"] = json!(100));
    r.run_for(60);
    let mut obj = match r.set() {
        Object::StatefulSet(s) => (*s).clone(),
        _ => unreachable!(),
    };
    obj.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.24".into();
    obj.metadata.resource_version.clear();
    let res = r.e.update(Object::StatefulSet(Rc::new(obj))).map(|_| ());
    r.note("update image", res);
    r.run_for(120);
    r.finish()
}

fn check(name: &str, text: String, expected: u64) {
    if let Ok(dir) = std::env::var("ORDINAL_FINGERPRINT_DIR") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/{name}.txt"), &text).unwrap();
    }
    let got = fnv64(&text);
    println!("{name}: {got:#018x} ({} lines)", text.lines().count());
    assert_eq!(
        got, expected,
        "{name}: the engine's behaviour changed (hash {got:#018x}); set ORDINAL_FINGERPRINT_DIR to compare texts"
    );
}

#[test]
fn parallel_fingerprint() {
    // All three changed on purpose when kind's local-path-provisioner Pod,
    // Deployment and ReplicaSet joined the bootstrap (resourceVersions move
    // up by three) and kube-proxy's Pods got suffixes of their own; again
    // when every namespace got its `default` ServiceAccount and
    // `kube-root-ca.crt` ConfigMap (ten objects more, none drawing from the
    // seed). All three again when a deleted Pod's final delete waited for
    // its volumes to be torn down (`Latencies::pod_cleanup`, 1 s), so the
    // not-ready status of a stopped Pod is seen on its own. All three again
    // when the kubelet gave a deleted Pod whose containers have stopped a
    // terminal phase (Succeeded/Failed, as since Kubernetes 1.27): such a
    // Pod leaves its EndpointSlices and counts no more on its node.
    // All three again when the EndpointSlice and Endpoints controllers
    // wrote `endpoints.kubernetes.io/last-change-trigger-time` and a Pod
    // update queues a Service sync only when something endpoints are made
    // of changed (`GetServicesToUpdateOnPodChange`).
    // All three again when the kubelet's "Successfully pulled image … in
    // 2.72s" took Go's Duration format (it printed three decimals); and
    // when Pod status gained what 1.35's kubelet reports (`observedGeneration`,
    // `lastState: {}`, a container's `resources` and `volumeMounts`).
    // And when kube-system got kubeadm\'s `coredns` ConfigMap (resource
    // versions move up by one).
    // And when the dumps gained what 1.35 writes and the old texts lacked
    // (texts diffed: nothing else moved): containers' `user.linux`, a
    // StatefulSet Pod's `generateName`, EndpointSlice `generation`, and
    // the scheduler's Events as events.k8s.io records them (`action`,
    // microsecond `eventTime`, no counts or `source`).
    // All three again when a sync's status counted the Pods as that sync
    // found them (`updateStatus` over the informer's copies), not as its
    // own creations and deletions left them: some status writes move to
    // the next sync, so resourceVersions move (texts diffed with
    // resourceVersions taken out: identical).
    // And when the core/v1 recorders correlated as client-go's
    // EventCorrelator does (src/engine/recorder.rs): the tenth distinct
    // SuccessfulCreate about the set is the `(combined from similar
    // events)` Event, which later ones count; past 25 Events from one
    // source about one object writes wait for the spam filter's tokens;
    // Events not written draw no uid, so later seeded timings move.
    // All three again when the system Pods got the resources kubeadm and
    // kind deploy them with (src/engine/bootstrap.rs: CoreDNS, etcd, the
    // control plane, kindnet) and the QoS class those imply (kindnet
    // Guaranteed, kube-proxy and the provisioner BestEffort): texts diffed
    // with containers' `resources` and `qosClass` taken out, identical —
    // the Pods, Deployment, ReplicaSet and DaemonSet lines change, nothing
    // is placed elsewhere (no scenario's Pod asks for cpu or memory).
    // And when the nodes reported hugepages-1Gi beside hugepages-2Mi, as
    // real kind v1.35.0 nodes do (only the Nodes' lines changed).
    // And when the API server kept its own `kubernetes` Endpoints and
    // EndpointSlice (two objects more at start: later resourceVersions
    // move by two, and the uids the publishers derive from them change;
    // nothing else).
    // And when the add-on DaemonSets got their ControllerRevisions and
    // kube-proxy its own revision hash (two objects more at start: later
    // resourceVersions move by two; kube-proxy's Pods relabelled).
    // And when CoreDNS's Deployment and ReplicaSet templates got kubeadm's
    // ports, dnsPolicy and priority class (only those two objects' lines).
    // And when the Deployments got the Available and Progressing
    // conditions their controller writes (only those two objects' lines).
    // And when the add-on Deployments and ReplicaSets were stored with the
    // API server's defaults (only those four objects' lines).
    // And when the add-on DaemonSets got the registry's
    // `deprecated.daemonset.template.generation: "1"` (only their lines).
    // And when the DaemonSet controller ran and the add-on templates got
    // their Pods' hostNetwork, tolerations and priority class (the
    // DaemonSets' and their revisions' lines; in ordered the DaemonSets'
    // status follows the lost node's daemons, two writes more).
    check("parallel", parallel(), 0x5fec_ee1a_0c1f_c343);
}

#[test]
fn ordered_fingerprint() {
    // Changed on purpose: a Pod turning Ready re-queues its set after
    // minReadySeconds (`updatePod`), and a re-queue for later no longer holds
    // back the reaction to a change (the work queue keeps them apart); and
    // when a scale down's wait got a reason of its own (`Condemned`); and
    // with `Latencies::pod_cleanup` and the terminal phase of a deleted
    // Pod (see parallel).
    // And with the trigger-time annotation (see parallel); and when the
    // lost node's Pods stopped getting a NodeLost reason (MarkPodsNotReady
    // only flips their Ready condition); and when node-monitor-grace-period
    // became 1.32's 50 s.
    // And with the pull duration format and 1.35's Pod status (see parallel).
    // And when kube-system got kubeadm\'s `coredns` ConfigMap (resource
    // versions move up by one).
    // And with 1.35's fields in the dumps (see parallel).
    // And when status counted the Pods as the sync found them (see parallel).
    // And when the core/v1 recorders correlated as client-go's
    // EventCorrelator does (src/engine/recorder.rs): the tenth distinct
    // SuccessfulCreate about the set is the `(combined from similar
    // events)` Event, which later ones count; past 25 Events from one
    // source about one object writes wait for the spam filter's tokens;
    // Events not written draw no uid, so later seeded timings move.
    // And when the volume binder resynced Pending claims every 15 s
    // (www-web-1, provisioning at 15 s, tells ExternalProvisioning again;
    // resource versions after it move up by one).
    // And when the system Pods got their resources (see parallel).
    // And when the nodes reported hugepages-1Gi beside hugepages-2Mi, as
    // real kind v1.35.0 nodes do (only the Nodes' lines changed).
    // And when the API server kept its own `kubernetes` Endpoints and
    // EndpointSlice (two objects more at start: later resourceVersions
    // move by two, and the uids the publishers derive from them change;
    // nothing else).
    // And when the StatefulSet informer's 30 s resync synced every set
    // (the scale-up to 100 at 60 s meets the claim binder's 15 s resync
    // in the same instant: www-web-6 tells WaitForPodScheduled twice;
    // the rollout's last wait is noticed on the 420 s resync tick).
    // And when the add-on DaemonSets got their ControllerRevisions and
    // kube-proxy its own revision hash (two objects more at start: later
    // resourceVersions move by two; kube-proxy's Pods relabelled).
    // And when CoreDNS's Deployment and ReplicaSet templates got kubeadm's
    // ports, dnsPolicy and priority class (only those two objects' lines).
    // And when the Deployments got the Available and Progressing
    // conditions their controller writes (only those two objects' lines).
    // And when the add-on Deployments and ReplicaSets were stored with the
    // API server's defaults (only those four objects' lines).
    // And with the DaemonSets' template generation and controller (see parallel).
    check("ordered", ordered(), 0x85c0_0c76_91c8_0fcc);
}

#[test]
fn crowded_fingerprint() {
    // Changed once on purpose: the legacy Endpoints addresses are sorted by
    // IP as bytes (`LessEndpointAddress`), so 10.244.1.10 before 10.244.1.9;
    // and with `Latencies::pod_cleanup` and the terminal phase of a deleted
    // Pod (see parallel).
    // And with the trigger-time annotation (see parallel).
    // And with the pull duration format and 1.35's Pod status (see parallel).
    // And when kube-system got kubeadm\'s `coredns` ConfigMap (resource
    // versions move up by one).
    // And with 1.35's fields in the dumps (see parallel).
    // And when a claim volume's false `readOnly` was left out of the Pods,
    // as Go's omitempty bool leaves it (R2.8; the texts identical but for
    // the 100 `"readOnly":false`).
    // And when status counted the Pods as the sync found them (see parallel).
    // And when the core/v1 recorders correlated as client-go's
    // EventCorrelator does (src/engine/recorder.rs): the tenth distinct
    // SuccessfulCreate about the set is the `(combined from similar
    // events)` Event, which later ones count; past 25 Events from one
    // source about one object writes wait for the spam filter's tokens;
    // Events not written draw no uid, so later seeded timings move.
    // And when the scheduler took the node's `pods` allocatable (110) as
    // NodeResourcesFit does, counting the Pods it assumed on the node while
    // their WaitForFirstConsumer claims were provisioned: before, all 130
    // Pods went to the one worker; now 22 get `0/2 nodes are available: 1
    // Too many pods, 1 node(s) had untolerated taint
    // {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are
    // available: 1 No preemption victims found for incoming pod, 1
    // Preemption is not helpful for scheduling.` and their claims stay
    // Pending (no PV); those below ordinal 100 are placed when the scale-down
    // deletes Pods (NodeResourcesFit's queueing hint). Texts diffed: the
    // other lines move only with the resourceVersions and events this shifts.
    // And when the system Pods got their resources (see parallel): the
    // worker's kindnet Pod requests cpu 100m and memory 50Mi, far from what
    // would keep the 110-Pod limit from binding first.
    // And when FailedScheduling read as 1.35 writes it: `node(s) had
    // untolerated taint(s)` (kubernetes#134740) and the DynamicResources
    // PostFilter's `no new claims to deallocate, ` before `preemption:`
    // (the 28 changed lines differ in these words only).
    // And when the nodes reported hugepages-1Gi beside hugepages-2Mi, as
    // real kind v1.35.0 nodes do (only the Nodes' lines changed).
    // And when the scheduling queue forgot a Pod deleted while
    // unschedulable (the scale-down's Pods above ordinal 99 had stayed in
    // its pool, retried with uids no Pod had): the retries that follow the
    // scale-down come in another order, which moves the seeded timings of
    // the provisioning and FailedScheduling lines after it; the end state
    // is the same (110 Pods Running, 100 of the set).
    // And when the API server kept its own `kubernetes` Endpoints and
    // EndpointSlice (two objects more at start: later resourceVersions
    // move by two, and the uids the publishers derive from them change;
    // nothing else).
    // And when the add-on DaemonSets got their ControllerRevisions and
    // kube-proxy its own revision hash (two objects more at start: later
    // resourceVersions move by two; kube-proxy's Pods relabelled).
    // And when CoreDNS's Deployment and ReplicaSet templates got kubeadm's
    // ports, dnsPolicy and priority class (only those two objects' lines).
    // And when the Deployments got the Available and Progressing
    // conditions their controller writes (only those two objects' lines).
    // And when the add-on Deployments and ReplicaSets were stored with the
    // API server's defaults (only those four objects' lines).
    // And with the DaemonSets' template generation and controller (see parallel).
    check("crowded", crowded(), 0x6ce9_538f_5f0d_6e64);
}
