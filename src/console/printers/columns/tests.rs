//! Column rules on hand-built objects: the cases a driven cluster rarely
//! shows (NodePort and LoadBalancer Services, truncated endpoint lists,
//! unbound claims, cordoned and lost nodes, default tables).

use serde_json::{json, Value};

use crate::console::printers::table::{get_table, TableOptions};
use crate::engine::objects::{Kind, Object};
use crate::engine::{Engine, SimDuration};

fn obj(kind: Kind, v: Value) -> Object {
    Object::from_value(kind, v).expect("valid test object")
}

fn engine_at(secs: u64) -> Engine {
    let mut e = Engine::with_seed(1);
    e.advance_to(e.now() + SimDuration::secs(secs));
    e
}

fn table(kind: Kind, objs: &[Object], wide: bool) -> String {
    let opts = TableOptions {
        wide,
        namespace: "default".into(),
        ..Default::default()
    };
    get_table(&engine_at(90), kind, objs, &opts).stdout()
}

fn meta(name: &str) -> Value {
    json!({"name": name, "namespace": "default", "creationTimestamp": "2026-01-05T09:00:00Z"})
}

#[test]
fn r10_4_service_types_ports_and_selectors() {
    let svcs = [
        obj(
            Kind::Service,
            json!({"metadata": meta("headless"), "spec": {"clusterIP": "None", "clusterIPs": ["None"], "ports": [{"port": 80}], "selector": {"app": "nginx", "tier": "web"}}}),
        ),
        obj(
            Kind::Service,
            json!({"metadata": meta("noports"), "spec": {"clusterIP": "None", "clusterIPs": ["None"]}}),
        ),
        obj(
            Kind::Service,
            json!({"metadata": meta("np"), "spec": {"type": "NodePort", "clusterIP": "10.96.12.7", "clusterIPs": ["10.96.12.7"], "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}, {"port": 53, "nodePort": 30053, "protocol": "UDP"}]}}),
        ),
        obj(
            Kind::Service,
            json!({"metadata": meta("lb"), "spec": {"type": "LoadBalancer", "clusterIP": "10.96.3.3", "clusterIPs": ["10.96.3.3"], "ports": [{"port": 443, "nodePort": 31443}]}}),
        ),
        obj(
            Kind::Service,
            json!({"metadata": meta("ext"), "spec": {"type": "ExternalName", "externalName": "example.com"}}),
        ),
    ];
    assert_eq!(
        table(Kind::Service, &svcs, true),
        "NAME       TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                     AGE   SELECTOR\n\
         ext        ExternalName   <none>       example.com   <none>                      90s   <none>\n\
         headless   ClusterIP      None         <none>        80/TCP                      90s   app=nginx,tier=web\n\
         lb         LoadBalancer   10.96.3.3    <pending>     443:31443/TCP               90s   <none>\n\
         noports    ClusterIP      None         <none>        <none>                      90s   <none>\n\
         np         NodePort       10.96.12.7   <none>        80:30080/TCP,53:30053/UDP   90s   <none>\n"
    );
}

#[test]
fn r10_7_endpointslice_lists_three_then_more_and_unset_when_empty() {
    let eps: Vec<Value> = (1..=5)
        .map(|i| json!({"addresses": [format!("10.244.1.{i}")], "conditions": {"ready": i % 2 == 0}}))
        .collect();
    let slices = [
        obj(
            Kind::EndpointSlice,
            json!({"metadata": meta("nginx-abcde"), "addressType": "IPv4", "endpoints": eps, "ports": [{"name": "web", "port": 80, "protocol": "TCP"}]}),
        ),
        obj(
            Kind::EndpointSlice,
            json!({"metadata": meta("empty-fghij"), "addressType": "IPv4", "endpoints": null, "ports": null}),
        ),
    ];
    assert_eq!(
        table(Kind::EndpointSlice, &slices, false),
        "NAME          ADDRESSTYPE   PORTS     ENDPOINTS                                      AGE\n\
         empty-fghij   IPv4          <unset>   <unset>                                        90s\n\
         nginx-abcde   IPv4          80        10.244.1.1,10.244.1.2,10.244.1.3 + 2 more...   90s\n"
    );
}

#[test]
fn r10_7_endpoints_list_ready_addresses_with_ports() {
    let ep = obj(
        Kind::Endpoints,
        json!({"metadata": meta("nginx"), "subsets": [{"addresses": [{"ip": "10.244.1.2"}, {"ip": "10.244.2.3"}],
            "notReadyAddresses": [{"ip": "10.244.3.4"}], "ports": [{"name": "web", "port": 80, "protocol": "TCP"}]}]}),
    );
    let none = obj(Kind::Endpoints, json!({"metadata": meta("empty")}));
    assert_eq!(
        table(Kind::Endpoints, &[ep, none], false),
        "NAME    ENDPOINTS                     AGE\nempty   <none>                        90s\nnginx   10.244.1.2:80,10.244.2.3:80   90s\n"
    );
}

#[test]
fn r10_5_unbound_and_terminating_claims() {
    let claims = [
        obj(
            Kind::PersistentVolumeClaim,
            json!({"metadata": meta("www-web-0"), "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "standard"}, "status": {"phase": "Pending"}}),
        ),
        obj(
            Kind::PersistentVolumeClaim,
            json!({"metadata": {"name": "www-web-1", "namespace": "default", "creationTimestamp": "2026-01-05T09:00:00Z", "deletionTimestamp": "2026-01-05T09:01:00Z"},
            "spec": {"accessModes": ["ReadWriteOnce", "ReadOnlyMany"], "volumeName": "pvc-1", "storageClassName": "standard"},
            "status": {"phase": "Bound", "accessModes": ["ReadOnlyMany", "ReadWriteOnce"], "capacity": {"storage": "1Gi"}}}),
        ),
    ];
    assert_eq!(
        table(Kind::PersistentVolumeClaim, &claims, false),
        "NAME        STATUS        VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n\
         www-web-0   Pending                                          standard       <unset>                 90s\n\
         www-web-1   Terminating   pvc-1    1Gi        RWO,ROX        standard       <unset>                 90s\n"
    );
}

#[test]
fn node_status_roles_and_versions() {
    let node = |name: &str, ready: Option<&str>, unschedulable: bool, labels: Value| {
        let conditions: Vec<Value> = ready
            .map(|s| vec![json!({"type": "Ready", "status": s})])
            .unwrap_or_default();
        obj(
            Kind::Node,
            json!({"metadata": {"name": name, "creationTimestamp": "2026-01-05T09:00:00Z", "labels": labels},
                "spec": {"unschedulable": unschedulable},
                "status": {"conditions": conditions, "nodeInfo": {"kubeletVersion": "v1.35.0"}}}),
        )
    };
    let nodes = [
        node(
            "a",
            Some("True"),
            true,
            json!({"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "etcd"}),
        ),
        node("b", Some("Unknown"), false, json!({})),
        node("c", None, false, json!({})),
    ];
    assert_eq!(
        table(Kind::Node, &nodes, false),
        "NAME   STATUS                     ROLES                AGE   VERSION\n\
         a      Ready,SchedulingDisabled   control-plane,etcd   90s   v1.35.0\n\
         b      NotReady                   <none>               90s   v1.35.0\n\
         c      Unknown                    <none>               90s   v1.35.0\n"
    );
}

#[test]
fn r10_8_controller_revision_without_owner() {
    let cr = obj(
        Kind::ControllerRevision,
        json!({"metadata": meta("web-6c4d8f8b9d"), "revision": 3, "data": {}}),
    );
    assert_eq!(
        table(Kind::ControllerRevision, &[cr], false),
        "NAME             CONTROLLER   REVISION   AGE\nweb-6c4d8f8b9d   <none>       3          90s\n"
    );
}

#[test]
fn kinds_without_a_printer_use_the_default_table() {
    let role = obj(Kind::Role, json!({"metadata": meta("reader"), "rules": []}));
    assert_eq!(
        table(Kind::Role, &[role], false),
        "NAME     CREATED AT\nreader   2026-01-05T09:00:00Z\n"
    );
}

#[test]
fn stored_only_workloads_have_their_columns() {
    let d = obj(
        Kind::Deployment,
        json!({"metadata": meta("api"), "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "api"}},
            "template": {"spec": {"containers": [{"name": "api", "image": "api:1"}]}}}}),
    );
    assert_eq!(
        table(Kind::Deployment, &[d], true),
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES   SELECTOR\napi    0/2     0            0           90s   api          api:1    app=api\n"
    );
    let pdb = obj(
        Kind::PodDisruptionBudget,
        json!({"metadata": meta("zk-pdb"), "spec": {"maxUnavailable": 1}}),
    );
    assert_eq!(
        table(Kind::PodDisruptionBudget, &[pdb], false),
        "NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nzk-pdb   N/A             1                 0                     90s\n"
    );
    let job = obj(
        Kind::Job,
        json!({"metadata": meta("once"), "spec": {"template": {"spec": {"containers": []}}}}),
    );
    assert_eq!(
        table(Kind::Job, &[job], false),
        "NAME   STATUS    COMPLETIONS   DURATION   AGE\nonce   Running   0/1                      90s\n"
    );
}

#[test]
fn configmap_and_secret_data_counts() {
    let cm = obj(
        Kind::ConfigMap,
        json!({"metadata": meta("cfg"), "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="}}),
    );
    assert_eq!(
        table(Kind::ConfigMap, &[cm], false),
        "NAME   DATA   AGE\ncfg    3      90s\n"
    );
    let s = obj(
        Kind::Secret,
        json!({"metadata": meta("s"), "data": {"p": "eA=="}}),
    );
    assert_eq!(
        table(Kind::Secret, &[s], false),
        "NAME   TYPE     DATA   AGE\ns      Opaque   1      90s\n"
    );
}

#[test]
fn r10_2_rows_sort_lexically_by_namespace_and_name() {
    let pods: Vec<Object> = ["web-2", "web-10", "web-1"]
        .iter()
        .map(|n| {
            obj(
                Kind::Pod,
                json!({"metadata": meta(n), "spec": {"containers": [{"name": "c"}]}}),
            )
        })
        .collect();
    let out = table(Kind::Pod, &pods, false);
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(names, ["web-1", "web-10", "web-2"]);
}

// The status carries `podIPs` in both spellings so the test holds whichever
// one the object types read.
#[test]
fn r10_3_pod_status_column_follows_print_pod() {
    let pods = [
        obj(
            Kind::Pod,
            json!({"metadata": meta("pending"), "spec": {"containers": [{"name": "c"}]}, "status": {"phase": "Pending"}}),
        ),
        obj(
            Kind::Pod,
            json!({"metadata": meta("creating"), "spec": {"nodeName": "n", "containers": [{"name": "c"}]},
            "status": {"phase": "Pending", "containerStatuses": [{"name": "c", "ready": false, "restartCount": 0, "image": "x", "imageId": "",
                "state": {"waiting": {"reason": "ContainerCreating"}}}]}}),
        ),
        obj(
            Kind::Pod,
            json!({"metadata": {"name": "going", "namespace": "default", "creationTimestamp": "2026-01-05T09:00:00Z", "deletionTimestamp": "2026-01-05T09:01:00Z"},
            "spec": {"nodeName": "n", "containers": [{"name": "c"}]},
            "status": {"phase": "Running", "podIPs": [{"ip": "10.244.1.9"}], "podIps": [{"ip": "10.244.1.9"}], "containerStatuses": [{"name": "c", "ready": true, "restartCount": 2, "image": "x", "imageId": "",
                "state": {"running": {"startedAt": "2026-01-05T09:00:10Z"}},
                "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "2026-01-05T09:00:00Z", "finishedAt": "2026-01-05T09:00:30Z"}}}]}}),
        ),
    ];
    assert_eq!(
        table(Kind::Pod, &pods, true),
        "NAME       READY   STATUS              RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n\
         creating   0/1     ContainerCreating   0             90s   <none>       n        <none>           <none>\n\
         going      1/1     Terminating         2 (60s ago)   90s   10.244.1.9   n        <none>           <none>\n\
         pending    0/1     Pending             0             90s   <none>       <none>   <none>           <none>\n"
    );
}
