//! Service validation on create and update (R9.13–R9.14, R7.1, R7.12).

use serde_json::json;

use super::support::*;
use crate::engine::apiserver::defaults::{apply_defaults, prepare_service_update};
use crate::engine::apiserver::validation::validate_update;
use crate::engine::objects::{Kind, Object, Service, Value};

fn svc(v: Value) -> Vec<String> {
    create(Kind::Service, v)
}

fn cluster_ip_service() -> Value {
    set(
        set(
            unset(nginx_service(), "/spec/clusterIP"),
            "/spec/clusterIP",
            json!("10.96.0.50"),
        ),
        "/spec/clusterIPs",
        json!(["10.96.0.50"]),
    )
}

#[test]
fn r7_1_headless_service_is_valid_without_ports() {
    assert!(svc(nginx_service()).is_empty());
    assert!(svc(unset(nginx_service(), "/spec/ports")).is_empty());
    assert!(svc(cluster_ip_service()).is_empty());
}

#[test]
fn r9_13_name_is_a_dns_1035_label() {
    assert_eq!(
        svc(set(nginx_service(), "/metadata/name", json!("1nginx"))),
        vec!["metadata.name: Invalid value: \"1nginx\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]
    );
}

#[test]
fn r9_13_ports_required_unless_headless() {
    assert_eq!(
        svc(unset(cluster_ip_service(), "/spec/ports")),
        vec!["spec.ports: Required value"]
    );
}

#[test]
fn r9_13_port_names() {
    let two = |a: Value, b: Value| {
        svc(set(
            set(nginx_service(), "/spec/ports/0", a),
            "/spec/ports/1",
            b,
        ))
    };
    assert_eq!(
        two(json!({"port": 80, "name": "web"}), json!({"port": 443})),
        vec!["spec.ports[1].name: Required value"]
    );
    assert_eq!(
        two(
            json!({"port": 80, "name": "web"}),
            json!({"port": 443, "name": "web"})
        ),
        vec!["spec.ports[1].name: Duplicate value: \"web\""]
    );
    assert_eq!(
        two(json!({"port": 80, "name": "web", "protocol": "TCP"}), json!({"port": 80, "name": "web2", "protocol": "TCP"})),
        vec!["spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"]
    );
}

#[test]
fn r9_13_port_numbers_and_protocols() {
    assert_eq!(
        svc(set(nginx_service(), "/spec/ports/0/port", json!(0))),
        vec![
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
        ]
    );
    assert_eq!(
        svc(set(nginx_service(), "/spec/ports/0/protocol", json!("ICMP"))),
        vec!["spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\""]
    );
    assert_eq!(
        svc(set(nginx_service(), "/spec/ports/0/targetPort", json!("Web"))),
        vec!["spec.ports[0].targetPort: Invalid value: \"Web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"]
    );
}

#[test]
fn r9_13_headless_node_port_and_load_balancer() {
    for ty in ["NodePort", "LoadBalancer"] {
        assert_eq!(
            svc(set(nginx_service(), "/spec/type", json!(ty))),
            vec![format!("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for {ty} services")]
        );
    }
}

#[test]
fn types_affinity_and_ips() {
    assert_eq!(
        svc(set(nginx_service(), "/spec/type", json!("Foo"))),
        vec!["spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""]
    );
    assert_eq!(
        svc(set(nginx_service(), "/spec/sessionAffinity", json!("Sticky"))),
        vec!["spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""]
    );
    let bad_ip = set(
        set(
            cluster_ip_service(),
            "/spec/clusterIP",
            json!("10.96.0.500"),
        ),
        "/spec/clusterIPs",
        json!(["10.96.0.500"]),
    );
    assert_eq!(svc(bad_ip), vec!["spec.clusterIPs[0]: Invalid value: \"10.96.0.500\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]);
    let mismatch = set(
        cluster_ip_service(),
        "/spec/clusterIPs",
        json!(["10.96.0.51"]),
    );
    assert_eq!(
        svc(mismatch),
        vec![
            "spec.clusterIPs: Invalid value: [\"10.96.0.51\"]: first value must match `clusterIP`"
        ]
    );
    let node_port = set(cluster_ip_service(), "/spec/ports/0/nodePort", json!(30080));
    assert_eq!(
        svc(node_port),
        vec!["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]
    );
    let external = json!({"metadata": {"name": "db", "namespace": "default"}, "spec": {"type": "ExternalName", "externalName": "db.example.com."}});
    assert!(svc(external).is_empty());
}

fn service_update(old: Value, new: Value) -> Vec<String> {
    let mut old_svc: Service = serde_json::from_value(old).unwrap();
    let mut new_svc: Service = serde_json::from_value(new).unwrap();
    prepare_service_update(&mut new_svc, &old_svc);
    let mut o = Object::Service(std::rc::Rc::new(std::mem::take(&mut old_svc)));
    let mut n = Object::Service(std::rc::Rc::new(std::mem::take(&mut new_svc)));
    apply_defaults(&mut o);
    apply_defaults(&mut n);
    validate_update(&n, &o)
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn r9_14_cluster_ip_may_not_change_once_set() {
    let to_headless = set(cluster_ip_service(), "/spec/clusterIP", json!("None"));
    assert_eq!(
        service_update(cluster_ip_service(), to_headless),
        vec!["spec.clusterIPs[0]: Invalid value: [\"None\"]: may not change once set"]
    );
    let from_headless = set(nginx_service(), "/spec/clusterIP", json!("10.96.0.50"));
    assert_eq!(
        service_update(nginx_service(), from_headless),
        vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.50\"]: may not change once set"]
    );
    let other = set(
        set(cluster_ip_service(), "/spec/clusterIP", json!("10.96.0.60")),
        "/spec/clusterIPs",
        json!(["10.96.0.60"]),
    );
    assert_eq!(
        service_update(cluster_ip_service(), other),
        vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.60\"]: may not change once set"]
    );
}

#[test]
fn r7_12_omitting_the_cluster_ip_keeps_it() {
    let reapplied = unset(
        unset(cluster_ip_service(), "/spec/clusterIP"),
        "/spec/clusterIPs",
    );
    assert!(service_update(cluster_ip_service(), reapplied).is_empty());
    assert!(service_update(nginx_service(), nginx_service()).is_empty());
}
