//! Defaulting, generation, Pod identity and the shape of one sync
//! (kubernetes-behaviour.md R1.3, R1.4, R2.2, R2.5–R2.8, R3.3, R3.7,
//! R3.14), each test named after its rule. Where a rule holds for both Pod
//! management policies the test runs for OrderedReady and Parallel.

use crate::support::console::{apply, run};
use crate::support::*;

use ordinal::console::Console;
use ordinal::engine::event::SimEventKind;
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{DeleteOptions, Propagation, SimDuration};
use serde_json::{json, Value};

const POLICIES: [&str; 2] = ["OrderedReady", "Parallel"];
const MIN: SimDuration = SimDuration::secs(60);

/// Runs a command that must succeed; its stdout.
fn out(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 0, "{cmd}: {out}{err}");
    out
}

fn jsonpath(c: &mut Console, what: &str, path: &str) -> String {
    out(c, &format!("kubectl get {what} -o jsonpath='{{{path}}}'"))
}

/// A StatefulSet manifest: `name`, selecting `app: name`, with the given
/// policy and replicas; `spec_extra` and `template_spec_extra` are YAML
/// lines added to the set's spec and to the Pod template's spec (indented
/// by the caller to 2 and 6 spaces).
fn set_yaml(
    name: &str,
    policy: &str,
    replicas: i64,
    spec_extra: &str,
    template_spec_extra: &str,
) -> String {
    format!(
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {name}
spec:
  replicas: {replicas}
  podManagementPolicy: {policy}
  selector:
    matchLabels:
      app: {name}
{spec_extra}  template:
    metadata:
      labels:
        app: {name}
    spec:
{template_spec_extra}      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
"
    )
}

const CLAIM_TEMPLATE: &str = "  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 1Gi
";

/// The stored Pod, as the API serves it.
fn pod_json(c: &Console, ns: &str, name: &str) -> Value {
    let p = c
        .engine()
        .store()
        .pods
        .get(ns, name)
        .unwrap_or_else(|| panic!("pod {ns}/{name} exists"))
        .clone();
    Object::Pod(p).to_value()
}

fn pod_names(c: &Console, ns: &str) -> Vec<String> {
    c.engine()
        .store()
        .pods
        .in_namespace(ns)
        .map(|p| p.metadata.name.to_string())
        .collect()
}

/// R1.3: the Pod template and the claim templates are defaulted as Pods
/// and claims are, and `kubectl get sts -o yaml` shows it, the claim
/// template's `status: {phase: Pending}` included. Values given are kept.
#[test]
fn r1_3_pod_and_claim_templates_are_defaulted_like_pods_and_claims() {
    let mut c = Console::new(1);
    let yaml = set_yaml("web", "OrderedReady", 1, "  serviceName: nginx\n", "") + CLAIM_TEMPLATE;
    apply(&mut c, &yaml);
    let shown = out(&mut c, "kubectl get sts web -o yaml");
    for block in [
        // The template's Pod spec.
        "      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
  updateStrategy:",
        // Its container.
        "      - image: registry.k8s.io/nginx-slim:0.21
        imagePullPolicy: IfNotPresent
        name: nginx
        ports:
        - containerPort: 80
          name: web
          protocol: TCP
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
",
        // The claim template, with the stanza a real cluster shows.
        "  volumeClaimTemplates:
  - apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      name: www
    spec:
      accessModes:
      - ReadWriteOnce
      resources:
        requests:
          storage: 1Gi
      volumeMode: Filesystem
    status:
      phase: Pending
status:",
    ] {
        assert!(shown.contains(block), "missing\n{block}\nin\n{shown}");
    }

    // Defaulting fills what is missing only.
    let given = set_yaml(
        "given",
        "OrderedReady",
        1,
        "",
        "      dnsPolicy: Default
      schedulerName: my-scheduler
      terminationGracePeriodSeconds: 10
",
    ) + "  volumeClaimTemplates:
  - metadata:
      name: raw
    spec:
      accessModes: [\"ReadWriteOnce\"]
      volumeMode: Block
      resources:
        requests:
          storage: 1Gi
";
    apply(&mut c, &given);
    let t = ".spec.template.spec";
    assert_eq!(
        jsonpath(
            &mut c,
            "sts given",
            &([
                "dnsPolicy",
                "schedulerName",
                "terminationGracePeriodSeconds",
                "restartPolicy",
            ]
            .map(|f| format!("{t}.{f}"))
            .join("} {")
                + "} {.spec.volumeClaimTemplates[0].spec.volumeMode} {.spec.volumeClaimTemplates[0].status.phase")
        ),
        "Default my-scheduler 10 Always Block Pending"
    );
}

/// R1.4: `metadata.generation` is 1 after create and goes up by one for
/// every spec change — `kubectl scale` and the scale subresource included —
/// and never for a change of labels, annotations or status, nor for a
/// write that changes nothing. The controller's `observedGeneration`
/// follows it.
#[test]
fn r1_4_generation_counts_spec_changes_only() {
    for policy in POLICIES {
        let mut c = Console::new(1);
        apply(&mut c, &set_yaml("web", policy, 1, "", ""));
        let generations = |c: &mut Console| {
            jsonpath(
                c,
                "sts web",
                ".metadata.generation} {.status.observedGeneration",
            )
        };
        assert_eq!(generations(&mut c), "1 1", "{policy}: after create");
        c.run("sim settle");
        assert_eq!(
            generations(&mut c),
            "1 1",
            "{policy}: the controller's status writes"
        );
        let steps: [(&str, &str); 11] = [
            ("kubectl scale sts web --replicas=2", "2 2"),
            (
                "kubectl patch sts web --subresource=scale --type=merge -p '{\"spec\":{\"replicas\":3}}'",
                "3 3",
            ),
            (
                "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24",
                "4 4",
            ),
            (
                "kubectl patch sts web --type=merge -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":1}}}}'",
                "5 5",
            ),
            (
                "kubectl patch sts web --type=merge -p '{\"spec\":{\"minReadySeconds\":2}}'",
                "6 6",
            ),
            ("kubectl label sts web tier=front", "6 6"),
            ("kubectl annotate sts web note=hello", "6 6"),
            (
                "kubectl patch sts web --subresource=status --type=merge -p '{\"status\":{\"availableReplicas\":9}}'",
                "6 6",
            ),
            // A spec write that changes nothing is no change.
            ("kubectl scale sts web --replicas=3", "6 6"),
            (
                "kubectl patch sts web --type=merge -p '{\"spec\":{\"minReadySeconds\":2}}'",
                "6 6",
            ),
            ("kubectl scale sts web --replicas=1", "7 7"),
        ];
        for (cmd, want) in steps {
            out(&mut c, cmd);
            assert_eq!(generations(&mut c), want, "{policy}: after `{cmd}`");
        }
        c.run("sim settle");
        assert_eq!(generations(&mut c), "7 7", "{policy}: settled");
    }
}

/// R2.2: a Pod is named `<set>-<ordinal>`, the ordinal in plain decimal:
/// ordinals 8, 9, 10 are `web-8`, `web-9`, `web-10` (no padding), and
/// OrderedReady creates them in ordinal order, not name order.
#[test]
fn r2_2_pod_names_are_the_set_name_and_the_plain_decimal_ordinal() {
    for policy in POLICIES {
        let mut h = Harness::new(2);
        let mut v = web(3, policy);
        v["spec"]["ordinals"] = json!({"start": 8});
        h.create(Kind::Service, nginx_service());
        h.create(Kind::StatefulSet, v);
        h.until_web_ready(SimDuration::secs(120), 3);
        assert_eq!(h.pods(), ["web-8", "web-9", "web-10"], "{policy}");
        for (name, index) in [("web-8", "8"), ("web-9", "9"), ("web-10", "10")] {
            let p = h.pod(name).unwrap();
            assert_eq!(p.metadata.labels["apps.kubernetes.io/pod-index"], index);
            assert_eq!(p.spec.hostname, name);
        }
        assert!(h.engine.store().pvcs.get("default", "www-web-10").is_some());
        let created: Vec<String> = h
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                SimEventKind::Created(o) if o.kind == Kind::Pod => Some(o.name.clone()),
                _ => None,
            })
            .collect();
        if policy == "OrderedReady" {
            assert_eq!(created, ["web-8", "web-9", "web-10"]);
        } else {
            let mut sorted = created.clone();
            sorted.sort();
            assert_eq!(sorted, ["web-10", "web-8", "web-9"]);
        }
    }
    // Eleven replicas from 0: the eleventh is web-10, and no name is padded.
    let mut h = Harness::new(3);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(11, "Parallel"));
    let want: Vec<String> = (0..11).map(|i| format!("web-{i}")).collect();
    assert_eq!(h.pods(), want);
}

/// R2.5: the controller sets `spec.hostname` to the Pod's name and
/// `spec.subdomain` to `serviceName` (empty without one) when it creates
/// the Pod, whatever the template says; identity repair later leaves
/// them alone, and the Pod spec cannot be changed to other values.
#[test]
fn r2_5_hostname_and_subdomain_are_set_once_at_creation() {
    for policy in POLICIES {
        let mut c = Console::new(1);
        let own = "      hostname: custom\n      subdomain: other\n";
        apply(
            &mut c,
            &set_yaml("web", policy, 2, "  serviceName: nginx\n", own),
        );
        apply(&mut c, &set_yaml("solo", policy, 1, "", own));
        c.run("sim settle");
        for (pod, subdomain) in [("web-0", "nginx"), ("web-1", "nginx"), ("solo-0", "")] {
            let p = c.engine().store().pods.get("default", pod).unwrap().clone();
            assert_eq!(
                (p.spec.hostname.as_str(), p.spec.subdomain.as_str()),
                (pod, subdomain),
                "{policy}: {pod}"
            );
        }
        assert!(pod_json(&c, "default", "solo-0")["spec"]
            .get("subdomain")
            .is_none());

        // An identity repair (R2.9) rewrites the label, not the hostname.
        let uid = c
            .engine()
            .store()
            .pods
            .get("default", "web-1")
            .unwrap()
            .metadata
            .uid
            .clone();
        out(
            &mut c,
            "kubectl label pod web-1 statefulset.kubernetes.io/pod-name-",
        );
        c.run("sim advance 1s");
        let p = c
            .engine()
            .store()
            .pods
            .get("default", "web-1")
            .unwrap()
            .clone();
        assert_eq!(p.metadata.uid, uid, "{policy}: repaired in place");
        assert_eq!(
            p.metadata.labels["statefulset.kubernetes.io/pod-name"],
            "web-1"
        );
        assert_eq!(
            (p.spec.hostname.as_str(), p.spec.subdomain.as_str()),
            ("web-1", "nginx")
        );
        let events = out(
            &mut c,
            "kubectl get events --field-selector reason=SuccessfulUpdate -o custom-columns=MSG:.message --no-headers",
        );
        assert_eq!(
            events.trim(),
            "update Pod web-1 in StatefulSet web successful",
            "{policy}"
        );

        // Pod spec fields are immutable.
        let (code, _, err) = run(
            &mut c,
            "kubectl patch pod web-0 -p '{\"spec\":{\"hostname\":\"renamed\"}}'",
        );
        assert_eq!(code, 1, "{policy}");
        assert!(
            err.contains("Forbidden: pod updates may not change fields"),
            "{err}"
        );
        assert_eq!(jsonpath(&mut c, "pod web-0", ".spec.hostname"), "web-0");
    }
}

/// R2.6: every Pod has exactly one owner reference, the controller
/// reference to its set: `apiVersion: apps/v1, kind: StatefulSet`, the
/// set's name and uid, `controller: true, blockOwnerDeletion: true`. An
/// adopted Pod gets the same reference to its new owner.
#[test]
fn r2_6_owner_reference_is_the_single_controller_reference() {
    for policy in POLICIES {
        let mut h = Harness::new(6);
        h.create(Kind::Service, nginx_service());
        h.create(Kind::StatefulSet, web(2, policy));
        h.until_web_ready(SimDuration::secs(120), 2);
        let want = |h: &Harness| {
            let uid = h
                .engine
                .store()
                .statefulsets
                .get("default", "web")
                .unwrap()
                .metadata
                .uid
                .to_string();
            json!([{
                "apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": uid,
                "controller": true, "blockOwnerDeletion": true
            }])
        };
        let refs = |h: &Harness, pod: &str| {
            Object::Pod(h.pod(pod).unwrap()).to_value()["metadata"]["ownerReferences"].clone()
        };
        for pod in ["web-0", "web-1"] {
            assert_eq!(refs(&h, pod), want(&h), "{policy}: {pod}");
        }
        let old = want(&h);

        // Orphaned, then adopted by a new set of the same name.
        h.delete(
            Kind::StatefulSet,
            "web",
            DeleteOptions {
                propagation: Propagation::Orphan,
                ..Default::default()
            },
        );
        h.settle(SimDuration::secs(5));
        assert!(
            Object::Pod(h.pod("web-0").unwrap()).to_value()["metadata"]
                .get("ownerReferences")
                .is_none(),
            "{policy}: orphaned"
        );
        h.create(Kind::StatefulSet, web(2, policy));
        h.settle(SimDuration::secs(5));
        assert_ne!(want(&h), old, "a new uid");
        for pod in ["web-0", "web-1"] {
            assert_eq!(refs(&h, pod), want(&h), "{policy}: adopted {pod}");
        }
    }
}

/// R2.7: the template's annotations (and finalizers, as
/// `GetPodFromTemplate` copies them) are the Pod's; the Pod is named by
/// the controller, not generated (the API server keeps the
/// `generateName: <set>-` the controller also sends, as a real cluster
/// shows it), and lives in the set's namespace.
#[test]
fn r2_7_template_metadata_is_copied_and_the_name_is_not_generated() {
    for policy in POLICIES {
        let mut c = Console::new(1);
        out(&mut c, "kubectl create namespace shop");
        let yaml = set_yaml("web", policy, 2, "", "").replace(
            "      labels:\n        app: web\n",
            "      labels:\n        app: web\n      annotations:\n        team: blue\n        note: \"two words\"\n      finalizers:\n      - example.com/keep\n",
        );
        out(
            &mut c,
            &format!("kubectl apply -n shop -f - <<'EOF'\n{yaml}\nEOF"),
        );
        c.run("sim settle");
        assert_eq!(pod_names(&c, "shop"), ["web-0", "web-1"], "{policy}");
        assert!(pod_names(&c, "default").is_empty());
        for pod in ["web-0", "web-1"] {
            let m = &pod_json(&c, "shop", pod)["metadata"];
            assert_eq!(m["name"], pod);
            assert_eq!(m["namespace"], "shop");
            assert_eq!(m["generateName"], "web-");
            assert_eq!(
                m["annotations"],
                json!({"note": "two words", "team": "blue"}),
                "{policy}: {pod}"
            );
            assert_eq!(
                m["finalizers"],
                json!(["example.com/keep"]),
                "{policy}: {pod}"
            );
        }
    }
}

/// R2.8: each claim template `T` gives the Pod a volume named `T` whose
/// source is `persistentVolumeClaim.claimName: T-<set>-<ordinal>`, not
/// read-only (the field is left out, as Go leaves out a false `readOnly`);
/// a template volume of that name is replaced, the others are kept.
#[test]
fn r2_8_claim_volumes_replace_template_volumes_of_the_same_name() {
    for policy in POLICIES {
        let mut c = Console::new(1);
        let yaml = set_yaml(
            "web",
            policy,
            2,
            "",
            "      volumes:
      - name: config
        emptyDir: {}
      - name: www
        emptyDir: {}
",
        ) + "  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 1Gi
  - metadata:
      name: data
    spec:
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 2Gi
";
        apply(&mut c, &yaml);
        c.run("sim settle");
        for ordinal in [0, 1] {
            let pod = format!("web-{ordinal}");
            let volumes = pod_json(&c, "default", &pod)["spec"]["volumes"].clone();
            let mine: Vec<&Value> = volumes
                .as_array()
                .unwrap()
                .iter()
                .filter(|v| !v["name"].as_str().unwrap().starts_with("kube-api-access-"))
                .collect();
            let mut claims: Vec<&Value> = mine
                .iter()
                .copied()
                .filter(|v| v.get("persistentVolumeClaim").is_some())
                .collect();
            claims.sort_by_key(|v| v["name"].as_str().unwrap().to_string());
            assert_eq!(
                claims,
                [
                    &json!({"name": "data", "persistentVolumeClaim": {"claimName": format!("data-web-{ordinal}")}}),
                    &json!({"name": "www", "persistentVolumeClaim": {"claimName": format!("www-web-{ordinal}")}}),
                ],
                "{policy}: {pod}"
            );
            let others: Vec<&Value> = mine
                .iter()
                .copied()
                .filter(|v| v.get("persistentVolumeClaim").is_none())
                .collect();
            assert_eq!(
                others,
                [&json!({"name": "config", "emptyDir": {}})],
                "{policy}: {pod}: the emptyDir www is replaced, config kept"
            );
            assert_eq!(
                jsonpath(&mut c, &format!("pvc www-web-{ordinal}"), ".status.phase"),
                "Bound"
            );
        }
    }
}

/// Edits a stored Pod as a user would (`kubectl edit`).
fn edit_pod(h: &mut Harness, name: &str, f: impl FnOnce(&mut ordinal::engine::objects::Pod)) {
    let mut p = (*h.pod(name).expect("pod exists")).clone();
    f(&mut p);
    p.metadata.resource_version.clear();
    h.engine
        .update(Object::Pod(std::rc::Rc::new(p)))
        .expect("pod update accepted");
    h.check();
}

/// Relabels a Pod so it no longer matches `app=nginx`: the set releases it.
fn stray(h: &mut Harness, name: &str) {
    edit_pod(h, name, |p| {
        p.metadata.labels.insert("app".into(), "other".into());
    });
}

fn add_finalizer(h: &mut Harness, name: &str) {
    edit_pod(h, name, |p| {
        p.metadata.finalizers.push("example.com/keep".into())
    });
}

fn remove_finalizer(h: &mut Harness, name: &str) {
    edit_pod(h, name, |p| p.metadata.finalizers.clear());
}

fn set_status(h: &Harness) -> ordinal::engine::objects::StatefulSetStatus {
    h.engine
        .store()
        .statefulsets
        .get("default", "web")
        .unwrap()
        .status
        .clone()
}

fn terminating(h: &Harness, name: &str) -> bool {
    h.pod(name).is_some_and(|p| p.metadata.is_terminating())
}

/// `REASON MESSAGE` of the StatefulSet controller's Events about `web`, in order.
fn set_events(h: &Harness) -> Vec<String> {
    h.events
        .iter()
        .filter_map(|e| match &e.kind {
            SimEventKind::Recorded {
                reason,
                message,
                object,
                ..
            } if object.kind == Kind::StatefulSet => Some(format!("{reason} {message}")),
            _ => None,
        })
        .collect()
}

/// R3.3, steps 1, 2, 7, 9 and 11 in their order: the revision exists
/// before the first Pod is built from it; a sync that stops early still
/// writes the status skeleton (observedGeneration, both revisions);
/// condemned Pods are processed before the rolling-update step, which in
/// OrderedReady waits until scale-down is done and in Parallel runs in the
/// same sync.
#[test]
fn r3_3_one_sync_runs_its_steps_in_order() {
    for policy in POLICIES {
        // Step 1 before step 4/7.
        let mut h = Harness::new(31);
        h.create(Kind::Service, nginx_service());
        h.create(Kind::StatefulSet, web_with_probe(3, policy));
        let created: Vec<(Kind, String)> = h
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                SimEventKind::Created(o)
                    if matches!(o.kind, Kind::Pod | Kind::ControllerRevision) =>
                {
                    Some((o.kind, o.name.clone()))
                }
                _ => None,
            })
            .collect();
        let revision = set_status(&h).update_revision;
        assert_eq!(
            created.first(),
            Some(&(Kind::ControllerRevision, revision.clone())),
            "{policy}: {created:?}"
        );
        assert_eq!(
            h.pod("web-0").unwrap().metadata.labels["controller-revision-hash"],
            revision
        );
        h.until_web_ready(SimDuration::secs(120), 3);

        // Step 2: a sync that stops at slot 0 (OrderedReady) still writes
        // the new generation and revision.
        h.engine
            .inject(ordinal::engine::faults::Fault::FailProbe {
                pod: ("default".to_string(), "web-0".to_string()),
                probe: ordinal::engine::faults::ProbeKind::Readiness,
            })
            .unwrap();
        h.until(MIN, "web-0 not ready", |e| {
            !e.store().pods.get("default", "web-0").unwrap().is_ready()
        });
        let generation = h
            .engine
            .store()
            .statefulsets
            .get("default", "web")
            .unwrap()
            .metadata
            .generation;
        h.set_image("registry.k8s.io/nginx-slim:0.24");
        let s = set_status(&h);
        assert_eq!(s.observed_generation, generation + 1, "{policy}");
        assert_ne!(s.update_revision, s.current_revision, "{policy}");
        assert_eq!(s.current_revision, revision, "{policy}");
        if policy == "OrderedReady" {
            assert!(
                ["web-0", "web-1", "web-2"]
                    .iter()
                    .all(|p| !terminating(&h, p)),
                "{policy}: the sync stopped at the unready web-0"
            );
        }
        h.engine
            .inject(ordinal::engine::faults::Fault::Heal {
                pod: ("default".to_string(), "web-0".to_string()),
            })
            .unwrap();
        h.until(SimDuration::secs(600), "rolled out", |e| {
            let s = e.store().statefulsets.get("default", "web").unwrap();
            s.status.updated_replicas == 3
                && s.status.ready_replicas == 3
                && s.status.current_revision == s.status.update_revision
        });

        // Steps 9 then 11: scale down and change the template at once.
        h.edit_set(|s| {
            s.spec.replicas = Some(2);
            s.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.21".into();
        });
        assert!(
            terminating(&h, "web-2"),
            "{policy}: the condemned Pod goes first"
        );
        if policy == "OrderedReady" {
            assert!(
                !terminating(&h, "web-1"),
                "{policy}: no update while scaling down"
            );
            h.until(MIN, "web-2 gone", |e| {
                e.store().pods.get("default", "web-2").is_none()
            });
            assert!(!terminating(&h, "web-1"), "{policy}: web-1 is last to wait");
            h.until(MIN, "web-1 updated", |e| {
                e.store()
                    .pods
                    .get("default", "web-1")
                    .is_none_or(|p| p.metadata.is_terminating())
            });
        } else {
            assert!(
                terminating(&h, "web-1"),
                "{policy}: the update step runs in the same sync"
            );
        }
    }
}

/// R3.3 step 6: while the set is being deleted in the foreground, a sync
/// only writes status — the Pods the garbage collector removes are not
/// recreated, and the count of those still there is kept up to date.
#[test]
fn r3_3_a_set_being_deleted_only_has_its_status_written() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(32, 3, policy);
        add_finalizer(&mut h, "web-0");
        let before = set_events(&h).len();
        h.delete(
            Kind::StatefulSet,
            "web",
            DeleteOptions {
                propagation: Propagation::Foreground,
                ..Default::default()
            },
        );
        h.until(MIN, "web-1 and web-2 gone", |e| {
            e.store().pods.get("default", "web-1").is_none()
                && e.store().pods.get("default", "web-2").is_none()
        });
        h.advance(SimDuration::secs(30));
        let set = h.engine.store().statefulsets.get("default", "web").cloned();
        let set = set.expect("the set waits for its Pods");
        assert!(set.metadata.is_terminating());
        assert_eq!(set.status.replicas, 1, "{policy}: status still written");
        assert_eq!(h.pods(), ["web-0"], "{policy}: nothing recreated");
        assert!(
            set_events(&h)[before..]
                .iter()
                .all(|e| !e.starts_with("SuccessfulCreate")),
            "{policy}: {:?}",
            &set_events(&h)[before..]
        );
        remove_finalizer(&mut h, "web-0");
        h.until(MIN, "the set is gone", |e| {
            e.store().statefulsets.get("default", "web").is_none()
        });
        assert!(h
            .engine
            .store()
            .pods
            .in_namespace("default")
            .next()
            .is_none());
    }
}

/// R3.7: Parallel processes slots in slow-start batches of 1, 2, 4, …
/// and stops after a batch that had an error. A stray Pod holding the name
/// `web-3` makes slot 3 fail: slots 0 | 1 2 | 3 4 5 6 run, so `web-4` …
/// `web-6` are created, `web-7` … `web-9` are not — on every retry —
/// until the stray Pod goes. OrderedReady stops at slot 3 itself.
#[test]
fn r3_7_parallel_runs_slow_start_batches_and_stops_after_a_failed_one() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(37, 4, policy);
        stray(&mut h, "web-3");
        h.scale(10);
        let exists = |h: &Harness, o: i64| h.pod(&format!("web-{o}")).is_some();
        h.advance(SimDuration::secs(30));
        if policy == "Parallel" {
            assert!((4..=6).all(|o| exists(&h, o)), "{policy}: {:?}", h.pods());
        } else {
            assert!((4..=6).all(|o| !exists(&h, o)), "{policy}: {:?}", h.pods());
        }
        assert!((7..=9).all(|o| !exists(&h, o)), "{policy}: {:?}", h.pods());
        h.delete(Kind::Pod, "web-3", DeleteOptions::default());
        h.until_web_ready(SimDuration::secs(300), 10);
        assert_eq!(h.pods().len(), 10);
    }
}

/// R3.7: the batches double up to 500 and no further. With the name
/// `web-1500` taken, one Parallel sync of 2000 replicas runs batches of
/// 1 … 256 (slots 0–510), 500 (511–1010) and 500 (1011–1510, with the
/// failure), so `web-1510` is created and `web-1511` is not (uncapped, the
/// batch of 512 and the last one would have created every Pod).
#[test]
fn r3_7_slow_start_batches_are_capped_at_500() {
    let mut h = Harness::new(38);
    h.create(
        Kind::Pod,
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web-1500", "namespace": "default", "labels": {"app": "other"}},
            "spec": {"containers": [{"name": "c", "image": "registry.k8s.io/nginx-slim:0.21"}]}
        }),
    );
    let mut v = web(2000, "Parallel");
    v["spec"]
        .as_object_mut()
        .unwrap()
        .remove("volumeClaimTemplates");
    v["spec"]["template"]["spec"]["containers"][0]
        .as_object_mut()
        .unwrap()
        .remove("volumeMounts");
    h.create(Kind::StatefulSet, v);
    let pods = h.pods();
    assert_eq!(pods.len(), 1510, "web-0 … web-1510 but web-1500");
    assert!(h.pod("web-1510").is_some() && h.pod("web-1511").is_none());
}

/// R3.7: in Parallel a terminating or unready Pod blocks nothing: Pods
/// above it are created and condemned Pods deleted in the same sync,
/// where OrderedReady waits.
#[test]
fn r3_7_terminating_and_unready_pods_do_not_block_parallel() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(39, 3, policy);
        add_finalizer(&mut h, "web-1");
        h.delete(Kind::Pod, "web-1", DeleteOptions::default());
        h.advance(SimDuration::secs(40));
        assert!(terminating(&h, "web-1"), "held by its finalizer");
        h.scale(5);
        let created = h.pod("web-3").is_some() && h.pod("web-4").is_some();
        assert_eq!(created, policy == "Parallel", "{policy}: {:?}", h.pods());
        // web-1 stays a slot, web-2 (and in Parallel web-3, web-4) are condemned.
        h.scale(2);
        let deleting = terminating(&h, "web-2");
        assert_eq!(deleting, policy == "Parallel", "{policy}");
        if policy == "Parallel" {
            assert!(h.pod("web-3").is_none_or(|p| p.metadata.is_terminating()));
            assert!(h.pod("web-4").is_none_or(|p| p.metadata.is_terminating()));
        }
        remove_finalizer(&mut h, "web-1");
        h.until(SimDuration::secs(300), "two Pods left", |e| {
            e.set_pods("default", "web").len() == 2
        });
        h.until_web_ready(SimDuration::secs(300), 2);
    }
}

/// R3.14: a Pod relabelled out of the selector is released (its owner
/// reference goes) but keeps its name, so the slot's new Pod cannot be
/// created: AlreadyExists, which records no Event; the sync fails and is
/// retried with exponential back-off. Relabelled back, the Pod is adopted
/// again; deleted, it is replaced.
#[test]
fn r3_14_a_released_pod_blocks_its_slot_without_an_event() {
    for policy in POLICIES {
        let mut h = Harness::web_ready(314, 3, policy);
        let uid = h.uid("web-1");
        let before = set_events(&h).len();
        stray(&mut h, "web-1");
        let p = h.pod("web-1").unwrap();
        assert!(p.metadata.owner_references.is_empty(), "{policy}: released");
        assert_eq!(p.metadata.uid, uid);
        assert_eq!(h.pods(), ["web-0", "web-2"]);

        // Retries back off: 10 ms, 20 ms, … — about 13 in the first
        // minute; by the next the back-off is longer than the informer's
        // 30 s resync: the resync's two ticks and at most one retry.
        let syncs = |h: &Harness| h.engine.stats().set_syncs;
        let s0 = syncs(&h);
        h.advance(MIN);
        let first = syncs(&h) - s0;
        let s1 = syncs(&h);
        h.advance(MIN);
        let second = syncs(&h) - s1;
        assert!(
            (10..=16).contains(&first),
            "{policy}: {first} syncs in the first minute"
        );
        assert!(
            (2..=3).contains(&second),
            "{policy}: {second} syncs in the second minute"
        );
        assert_eq!(h.uid("web-1"), uid, "{policy}: the stray Pod stays");
        assert!(
            set_events(&h)[before..].is_empty(),
            "{policy}: no Event: {:?}",
            &set_events(&h)[before..]
        );

        // Relabelled back: adopted again, the same Pod.
        edit_pod(&mut h, "web-1", |p| {
            p.metadata.labels.insert("app".into(), "nginx".into());
        });
        h.settle(SimDuration::secs(5));
        assert_eq!(h.pods(), ["web-0", "web-1", "web-2"], "{policy}");
        assert_eq!(h.uid("web-1"), uid);

        // Released again and deleted: a new web-1 takes the slot.
        stray(&mut h, "web-1");
        h.delete(Kind::Pod, "web-1", DeleteOptions::default());
        h.until_web_ready(SimDuration::secs(300), 3);
        assert_ne!(h.uid("web-1"), uid, "{policy}");
        assert_eq!(
            set_events(&h)[before..]
                .iter()
                .filter(|e| e.starts_with("SuccessfulCreate create Pod"))
                .collect::<Vec<_>>(),
            ["SuccessfulCreate create Pod web-1 in StatefulSet web successful"],
            "{policy}"
        );
    }
}
