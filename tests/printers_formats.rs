//! The generic output formats on a driven cluster (the StatefulSet Basics
//! state at 09:05:00, seed 1): `-o jsonpath`, `-o custom-columns`,
//! `-o go-template`, `-o name`, and the rollout status messages of an image
//! update (R10.9). The template wordings were checked with kubectl's own
//! printers (`kubectl create … --dry-run=client -o jsonpath=…`).

use crate::support;

use ordinal::console::printers::{
    custom_columns, go_template, jsonpath, list_value, name_output, rollout_status, wire_value,
};
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{Engine, SimDuration, SimTime};
use serde_json::json;
use support::*;

fn basics() -> Harness {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(3, "OrderedReady"));
    h.create(
        Kind::ConfigMap,
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "nginx-conf", "namespace": "default", "labels": {"app": "nginx"}},
            "data": {"index.html": "<h1>web</h1>\n", "nginx.conf": "worker_processes 1;"}}),
    );
    h.create(
        Kind::Secret,
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds", "namespace": "default"}, "type": "Opaque",
            "data": {"password": "aHVudGVyMg==", "user": "YWRtaW4="}}),
    );
    h.settle(SimDuration::secs(300));
    let to_five_minutes = SimTime(300_000) - h.now();
    h.advance(to_five_minutes);
    h
}

fn pods(e: &Engine) -> Vec<Object> {
    e.store().list_dyn(Kind::Pod, Some("default"))
}

#[test]
fn r10_jsonpath_over_the_pod_list() {
    let h = basics();
    let list = list_value(&pods(&h.engine));
    assert_eq!(
        jsonpath("{.items[*].metadata.name}", &list).unwrap(),
        "web-0 web-1 web-2"
    );
    assert_eq!(
        jsonpath(
            "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.podIP}{\"\\n\"}{end}",
            &list
        )
        .unwrap(),
        r#"web-0	10.244.3.250
web-1	10.244.2.10
web-2	10.244.1.37
"#
    );
    assert_eq!(
        jsonpath(
            "{.items[?(@.metadata.name==\"web-1\")].spec.nodeName}",
            &list
        )
        .unwrap(),
        "ordinal-worker2"
    );
    assert_eq!(
        jsonpath(
            "{.items[-1:].metadata.labels.apps\\.kubernetes\\.io/pod-index}",
            &list
        )
        .unwrap(),
        "2"
    );
    assert_eq!(jsonpath("{.kind} {.apiVersion}", &list).unwrap(), "List v1");
}

/// `kubectl get sts web -o yaml|json|jsonpath`: the apps/v1 conversion
/// gives each volumeClaimTemplate `apiVersion: v1` and `kind:
/// PersistentVolumeClaim` (`Convert_apps_StatefulSetSpec_To_v1_StatefulSetSpec`,
/// kubernetes issue 87583), as a cluster's `-o yaml` shows.
#[test]
fn r10_statefulset_claim_templates_carry_their_type_on_the_wire() {
    let h = basics();
    let set = wire_value(
        &h.engine
            .store()
            .get_dyn(Kind::StatefulSet, "default", "web")
            .unwrap(),
    );
    assert_eq!(
        jsonpath(
            "{.spec.volumeClaimTemplates[0].apiVersion}/{.spec.volumeClaimTemplates[0].kind}/{.spec.volumeClaimTemplates[0].metadata.name}",
            &set
        )
        .unwrap(),
        "v1/PersistentVolumeClaim/www"
    );
    // Only the set's templates: a claim itself is unchanged.
    let claim = wire_value(
        &h.engine
            .store()
            .get_dyn(Kind::PersistentVolumeClaim, "default", "www-web-0")
            .unwrap(),
    );
    assert_eq!(
        jsonpath("{.kind}", &claim).unwrap(),
        "PersistentVolumeClaim"
    );
}

#[test]
fn r10_jsonpath_on_one_object() {
    let h = basics();
    let pod = wire_value(
        &h.engine
            .store()
            .get_dyn(Kind::Pod, "default", "web-0")
            .unwrap(),
    );
    assert_eq!(
        jsonpath("{.status.conditions[?(@.type==\"Ready\")].status}", &pod).unwrap(),
        "True"
    );
    assert_eq!(jsonpath("{.metadata.labels.app}", &pod).unwrap(), "nginx");
    assert_eq!(
        jsonpath("{.spec.containers[0].ports}", &pod).unwrap(),
        r#"[{"containerPort":80,"name":"web","protocol":"TCP"}]"#
    );
    let claim = wire_value(
        &h.engine
            .store()
            .get_dyn(Kind::PersistentVolumeClaim, "default", "www-web-0")
            .unwrap(),
    );
    assert_eq!(
        jsonpath(
            "{.metadata.annotations.pv\\.kubernetes\\.io/bind-completed}",
            &claim
        )
        .unwrap(),
        "yes"
    );
    let err = jsonpath("{.spec.containers[3]}", &pod).unwrap_err();
    assert!(err.starts_with("error executing jsonpath \"{.spec.containers[3]}\": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[3]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{"), "{err}");
    assert!(err.ends_with("}\n\n\n"));
}

#[test]
fn r10_custom_columns_over_the_pods() {
    let h = basics();
    let out = custom_columns(
        "NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName",
        &pods(&h.engine),
        false,
    );
    assert_eq!(
        out.text(),
        r#"NAME    IP             NODE
web-0   10.244.3.250   ordinal-worker3
web-1   10.244.2.10    ordinal-worker2
web-2   10.244.1.37    ordinal-worker
"#
    );
    let out = custom_columns(
        "NAME:metadata.name,NOMINATED:{.status.nominatedNodeName}",
        &pods(&h.engine)[..1],
        false,
    );
    assert_eq!(out.text(), "NAME    NOMINATED\nweb-0   <none>\n");
}

#[test]
fn r10_go_template_from_the_tutorial() {
    let h = basics();
    let list = list_value(&pods(&h.engine));
    let out = go_template(
        "{{range .items}}{{.metadata.name}} {{range $i, $c := .spec.containers}}{{$c.image}}{{end}}{{\"\\n\"}}{{end}}",
        &list,
    );
    assert_eq!(
        out.text(),
        r#"web-0 registry.k8s.io/nginx-slim:0.21
web-1 registry.k8s.io/nginx-slim:0.21
web-2 registry.k8s.io/nginx-slim:0.21
"#
    );
    let pod = wire_value(
        &h.engine
            .store()
            .get_dyn(Kind::Pod, "default", "web-2")
            .unwrap(),
    );
    assert_eq!(
        go_template("{{.status.podIP}}", &pod).stdout(),
        jsonpath("{.status.podIP}", &pod).unwrap()
    );
    assert_eq!(
        go_template("{{.status.nominatedNodeName}}", &pod).stdout(),
        "<no value>"
    );
}

#[test]
fn r10_10_name_output() {
    let h = basics();
    let mut objs = pods(&h.engine);
    objs.push(
        h.engine
            .store()
            .get_dyn(Kind::StatefulSet, "default", "web")
            .unwrap(),
    );
    objs.push(
        h.engine
            .store()
            .get_dyn(Kind::StorageClass, "", "standard")
            .unwrap(),
    );
    assert_eq!(
        name_output(&objs),
        "pod/web-0\npod/web-1\npod/web-2\nstatefulset.apps/web\nstorageclass.storage.k8s.io/standard\n"
    );
}

/// An image update seen by `rollout status` after every engine step: the
/// messages R10.9 lists, ending with the partitioned roll out complete.
#[test]
fn r10_9_rollout_status_during_an_image_update() {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(3, "OrderedReady"));
    h.settle(SimDuration::secs(300));
    let sts = h
        .engine
        .store()
        .get_dyn(Kind::StatefulSet, "default", "web")
        .unwrap();
    assert_eq!(
        rollout_status(&sts).unwrap().message,
        "partitioned roll out complete: 3 new pods have been updated...\n"
    );
    let mut v = sts.to_value();
    v["spec"]["template"]["spec"]["containers"][0]["image"] =
        json!("registry.k8s.io/nginx-slim:0.24");
    h.engine
        .update(Object::from_value(Kind::StatefulSet, v).unwrap())
        .unwrap();
    let mut seen: Vec<String> = Vec::new();
    loop {
        let s = h
            .engine
            .store()
            .get_dyn(Kind::StatefulSet, "default", "web")
            .unwrap();
        let st = rollout_status(&s).unwrap();
        if seen.last() != Some(&st.message) {
            seen.push(st.message.clone());
        }
        if st.done || !h.step() {
            break;
        }
    }
    assert_eq!(
        seen.concat(),
        "Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...\n\
         Waiting for 1 pods to be ready...\n\
         Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n\
         Waiting for 1 pods to be ready...\n\
         Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...\n\
         Waiting for 1 pods to be ready...\n\
         partitioned roll out complete: 3 new pods have been updated...\n"
    );
}
