//! The texts of `kubectl rollout status` (RSTAT, R10.9) and
//! `kubectl rollout history` (`polymorphichelpers/history.go`): one status
//! message per observation of the object, and the revision table or one
//! revision's Pod Template.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::describe::pod::pod_template;
use super::describe::Writer;
use super::tabwriter::TabWriter;
use crate::engine::objects::{ControllerRevision, Kind, Object, PodTemplateSpec, StatefulSet};
use crate::engine::Engine;

/// One observation of a rollout: the message to print (with its newline)
/// and whether the rollout is done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolloutStatus {
    pub message: String,
    pub done: bool,
}

fn status(message: String, done: bool) -> Result<RolloutStatus, String> {
    Ok(RolloutStatus { message, done })
}

/// The status viewer's verdict for the object as it is now. `Err` is
/// kubectl's error (`rollout status is only available for RollingUpdate
/// strategy type` for an OnDelete StatefulSet).
pub fn rollout_status(obj: &Object) -> Result<RolloutStatus, String> {
    match obj.kind() {
        Kind::StatefulSet => match obj.downcast::<StatefulSet>() {
            Some(s) => statefulset_status(s),
            None => Err("no status viewer has been implemented for StatefulSet.apps".into()),
        },
        Kind::Deployment => deployment_status(&obj.to_value()),
        Kind::DaemonSet => daemonset_status(&obj.to_value()),
        k => Err(format!(
            "no status viewer has been implemented for {}",
            k.qualified_kind()
        )),
    }
}

/// `StatefulSetStatusViewer.Status`, on the defaulted strategy (R1.2).
fn statefulset_status(s: &StatefulSet) -> Result<RolloutStatus, String> {
    let strategy = super::describe::workloads_strategy(s);
    if strategy.type_ != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let st = &s.status;
    if st.observed_generation == 0 || s.metadata.generation > st.observed_generation {
        return status(
            "Waiting for statefulset spec update to be observed...\n".into(),
            false,
        );
    }
    let replicas = s.replicas();
    if st.ready_replicas < replicas {
        return status(
            format!(
                "Waiting for {} pods to be ready...\n",
                replicas - st.ready_replicas
            ),
            false,
        );
    }
    if let Some(r) = &strategy.rolling {
        if st.updated_replicas < replicas - r.partition {
            return status(
                format!(
                    "Waiting for partitioned roll out to finish: {} out of {} new pods have been updated...\n",
                    st.updated_replicas,
                    replicas - r.partition
                ),
                false,
            );
        }
        return status(
            format!(
                "partitioned roll out complete: {} new pods have been updated...\n",
                st.updated_replicas
            ),
            true,
        );
    }
    if st.update_revision != st.current_revision {
        return status(
            format!(
                "waiting for statefulset rolling update to complete {} pods at revision {}...\n",
                st.updated_replicas, st.update_revision
            ),
            false,
        );
    }
    status(
        format!(
            "statefulset rolling update complete {} pods at revision {}...\n",
            st.current_replicas, st.current_revision
        ),
        true,
    )
}

fn int(v: &Value, p: &str) -> i64 {
    v.pointer(p).and_then(Value::as_i64).unwrap_or(0)
}

/// `DeploymentStatusViewer.Status` (Ordinal stores Deployments without
/// running them, so they wait for their spec to be observed).
fn deployment_status(v: &Value) -> Result<RolloutStatus, String> {
    let name = v
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let generation = int(v, "/metadata/generation");
    if generation > int(v, "/status/observedGeneration") {
        return status(
            "Waiting for deployment spec update to be observed...\n".into(),
            false,
        );
    }
    let replicas = v
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let updated = int(v, "/status/updatedReplicas");
    if updated < replicas {
        return status(
            format!("Waiting for deployment \"{name}\" rollout to finish: {updated} out of {replicas} new replicas have been updated...\n"),
            false,
        );
    }
    let total = int(v, "/status/replicas");
    if total > updated {
        return status(
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...\n",
                total - updated
            ),
            false,
        );
    }
    let available = int(v, "/status/availableReplicas");
    if available < updated {
        return status(
            format!("Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...\n"),
            false,
        );
    }
    status(
        format!("deployment \"{name}\" successfully rolled out\n"),
        true,
    )
}

/// `DaemonSetStatusViewer.Status`.
fn daemonset_status(v: &Value) -> Result<RolloutStatus, String> {
    let name = v
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let type_ = v
        .pointer("/spec/updateStrategy/type")
        .and_then(Value::as_str)
        .unwrap_or("RollingUpdate");
    if type_ != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    if int(v, "/metadata/generation") > int(v, "/status/observedGeneration") {
        return status(
            "Waiting for daemon set spec update to be observed...\n".into(),
            false,
        );
    }
    let desired = int(v, "/status/desiredNumberScheduled");
    let updated = int(v, "/status/updatedNumberScheduled");
    if updated < desired {
        return status(
            format!("Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...\n"),
            false,
        );
    }
    let available = int(v, "/status/numberAvailable");
    if available < desired {
        return status(
            format!("Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...\n"),
            false,
        );
    }
    status(
        format!("daemon set \"{name}\" successfully rolled out\n"),
        true,
    )
}

/// The ControllerRevisions of a StatefulSet (selected by its selector
/// and controlled by it), ordered by revision.
pub fn statefulset_history(
    engine: &Engine,
    s: &StatefulSet,
) -> Vec<std::rc::Rc<ControllerRevision>> {
    let selector = s.spec.selector.clone().unwrap_or_default();
    let mut list: Vec<_> = engine
        .store()
        .revisions
        .in_namespace(&s.metadata.namespace)
        .filter(|r| selector.matches(&r.metadata.labels))
        .filter(|r| {
            r.metadata
                .controller_ref()
                .is_some_and(|c| c.uid == s.metadata.uid)
        })
        .cloned()
        .collect();
    crate::sort::sort_by_key(&mut list, |r| r.revision);
    list
}

/// The Pod Template a revision records (`applyStatefulSetHistory`: the
/// revision's template replaces the set's).
pub fn revision_template(r: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut t = r.data.pointer("/spec/template")?.clone();
    if let Value::Object(map) = &mut t {
        map.remove("$patch");
    }
    serde_json::from_value(t).ok()
}

/// `kubectl rollout history` for one object: the table of revisions, or
/// with `revision > 0` that revision's Pod Template (written without
/// alignment, tabs and all, as kubectl prints it). `Err` is kubectl's error.
/// `printTemplate`: a Pod template as `DescribePodTemplate` writes it
/// (tabs as written, no alignment), for `rollout undo --dry-run=client`.
pub fn pod_template_text(template: &PodTemplateSpec) -> String {
    let mut w = Writer::default();
    pod_template(&mut w, template);
    w.raw()
}

/// One entry of a workload's history: its revision number, the template
/// it recorded (None: unreadable) and its change cause.
struct Entry {
    revision: i64,
    name: String,
    template: Option<PodTemplateSpec>,
    cause: Option<String>,
}

fn change_cause(m: &crate::engine::objects::meta::ObjectMeta) -> Option<String> {
    m.annotations
        .get("kubernetes.io/change-cause")
        .filter(|c| !c.is_empty())
        .map(|c| c.to_string())
}

/// The history kubectl's viewers read: a StatefulSet's and a DaemonSet's
/// ControllerRevisions, a Deployment's ReplicaSets (their
/// `deployment.kubernetes.io/revision`); None for kinds without a viewer.
fn history_of(engine: &Engine, obj: &Object) -> Option<Vec<Entry>> {
    let m = obj.meta();
    let entries = |list: Vec<std::rc::Rc<ControllerRevision>>| {
        list.into_iter()
            .map(|r| Entry {
                revision: r.revision,
                name: r.metadata.name.to_string(),
                template: revision_template(&r),
                cause: change_cause(&r.metadata),
            })
            .collect()
    };
    match obj {
        Object::StatefulSet(s) => Some(entries(statefulset_history(engine, s))),
        Object::Other(Kind::DaemonSet, _) => Some(entries(owned_revisions(engine, obj))),
        Object::Other(Kind::Deployment, _) => {
            let mut list: Vec<Entry> = engine
                .list(Kind::ReplicaSet, Some(&m.namespace))
                .into_iter()
                .filter(|rs| rs.meta().controller_ref().is_some_and(|c| c.uid == m.uid))
                .filter_map(|rs| {
                    // `deploymentutil.Revision`: a ReplicaSet without a
                    // readable number is skipped.
                    let revision = rs
                        .meta()
                        .annotations
                        .get("deployment.kubernetes.io/revision")?
                        .parse::<i64>()
                        .ok()?;
                    let v = super::wire_value(&rs);
                    let template = v
                        .pointer("/spec/template")
                        .cloned()
                        .and_then(|t| serde_json::from_value::<PodTemplateSpec>(t).ok());
                    Some(Entry {
                        revision,
                        name: rs.name().to_string(),
                        template,
                        cause: change_cause(rs.meta()),
                    })
                })
                .collect();
            crate::sort::sort_by_key(&mut list, |e| e.revision);
            Some(list)
        }
        _ => None,
    }
}

/// The ControllerRevisions `obj` controls, by revision number.
fn owned_revisions(engine: &Engine, obj: &Object) -> Vec<std::rc::Rc<ControllerRevision>> {
    let m = obj.meta();
    let mut list: Vec<_> = engine
        .store()
        .revisions
        .in_namespace(&m.namespace)
        .filter(|r| r.metadata.controller_ref().is_some_and(|c| c.uid == m.uid))
        .cloned()
        .collect();
    crate::sort::sort_by_key(&mut list, |r| r.revision);
    list
}

/// `GetHistory` of a DaemonSet (the set with each revision's template) or
/// a Deployment (its ReplicaSets), by revision; None for other kinds.
pub fn history_objects(
    engine: &Engine,
    obj: &Object,
) -> Option<Result<std::collections::BTreeMap<i64, Object>, String>> {
    let m = obj.meta();
    let mut out = std::collections::BTreeMap::new();
    match obj.kind() {
        Kind::DaemonSet => {
            for r in owned_revisions(engine, obj) {
                let Some(mut template) = r.data.pointer("/spec/template").cloned() else {
                    return Some(Err(format!("unable to parse history {}", r.metadata.name)));
                };
                if let Value::Object(t) = &mut template {
                    t.remove("$patch");
                }
                let mut v = super::wire_value(obj);
                v["spec"]["template"] = template;
                match Object::from_value(Kind::DaemonSet, v) {
                    Ok(applied) => {
                        out.insert(r.revision, applied);
                    }
                    Err(e) => return Some(Err(e)),
                }
            }
        }
        Kind::Deployment => {
            for rs in engine.list(Kind::ReplicaSet, Some(&m.namespace)) {
                if rs.meta().controller_ref().is_none_or(|c| c.uid != m.uid) {
                    continue;
                }
                let revision = rs
                    .meta()
                    .annotations
                    .get("deployment.kubernetes.io/revision")
                    .and_then(|v| v.parse::<i64>().ok());
                if let Some(revision) = revision {
                    out.insert(revision, rs);
                }
            }
        }
        _ => return None,
    }
    Some(Ok(out))
}

pub fn rollout_history(engine: &Engine, obj: &Object, revision: i64) -> Result<String, String> {
    if revision < 0 {
        return Err(format!("revision must be a positive integer: {revision}"));
    }
    let Some(history) = history_of(engine, obj) else {
        return Err(format!(
            "no history viewer has been implemented for \"{}\"",
            obj.kind().qualified_kind()
        ));
    };
    let info = if history.is_empty() {
        "No rollout history found.".to_string()
    } else if revision > 0 {
        let r = history
            .iter()
            .rev()
            .find(|r| r.revision == revision)
            .ok_or_else(|| "unable to find the specified revision".to_string())?;
        let template = r
            .template
            .as_ref()
            .ok_or_else(|| format!("unable to parse history {}", r.name))?;
        pod_template_text(template)
    } else {
        let mut text = String::from("REVISION\tCHANGE-CAUSE\n");
        let mut seen = std::collections::BTreeMap::new();
        for r in &history {
            // Revisions are unique in practice; the last one listed wins.
            seen.insert(r.revision, r.cause.clone());
        }
        for (rev, cause) in seen {
            let cause = cause.unwrap_or_else(|| "<none>".to_string());
            text.push_str(&format!("{rev}\t{cause}\n"));
        }
        TabWriter::describe().format(&text)
    };
    let with_revision = if revision > 0 {
        format!("with revision #{revision}")
    } else {
        String::new()
    };
    Ok(format!(
        "{}/{} {with_revision}\n{info}\n",
        obj.kind().singular_qualified(),
        obj.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sts(strategy: serde_json::Value, generation: i64, status: serde_json::Value) -> Object {
        let mut v = json!({"metadata": {"name": "web", "namespace": "default", "generation": generation},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}}, "template": {"spec": {"containers": []}}},
            "status": status});
        if !strategy.is_null() {
            v["spec"]["updateStrategy"] = strategy;
        }
        Object::from_value(Kind::StatefulSet, v).expect("valid set")
    }

    fn msg(o: &Object) -> (String, bool) {
        let s = rollout_status(o).expect("a status");
        (s.message, s.done)
    }

    #[test]
    fn r10_9_waits_for_the_spec_then_ready_pods_then_the_partitioned_roll_out() {
        let obs = |g| json!({"observedGeneration": g, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 3});
        assert_eq!(
            msg(&sts(json!(null), 2, obs(1))),
            (
                "Waiting for statefulset spec update to be observed...\n".into(),
                false
            )
        );
        assert_eq!(
            msg(&sts(json!(null), 1, json!({"replicas": 3}))),
            (
                "Waiting for statefulset spec update to be observed...\n".into(),
                false
            )
        );
        assert_eq!(
            msg(&sts(
                json!(null),
                2,
                json!({"observedGeneration": 2, "replicas": 3, "readyReplicas": 1})
            )),
            ("Waiting for 2 pods to be ready...\n".into(), false)
        );
        assert_eq!(
            msg(&sts(json!(null), 2, json!({"observedGeneration": 2, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 1}))),
            (
                "Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n".into(),
                false
            )
        );
        assert_eq!(
            msg(&sts(json!(null), 2, obs(2))),
            (
                "partitioned roll out complete: 3 new pods have been updated...\n".into(),
                true
            )
        );
        let partitioned = json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2}});
        assert_eq!(
            msg(&sts(
                partitioned,
                2,
                json!({"observedGeneration": 2, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 1})
            )),
            (
                "partitioned roll out complete: 1 new pods have been updated...\n".into(),
                true
            )
        );
    }

    #[test]
    fn r10_9_explicit_rolling_update_without_block_compares_revisions() {
        let explicit = json!({"type": "RollingUpdate"});
        let st = json!({"observedGeneration": 2, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 1, "currentReplicas": 2,
            "currentRevision": "web-a", "updateRevision": "web-b"});
        assert_eq!(
            msg(&sts(explicit.clone(), 2, st)),
            (
                "waiting for statefulset rolling update to complete 1 pods at revision web-b...\n"
                    .into(),
                false
            )
        );
        let st = json!({"observedGeneration": 2, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 3, "currentReplicas": 3,
            "currentRevision": "web-b", "updateRevision": "web-b"});
        assert_eq!(
            msg(&sts(explicit, 2, st)),
            (
                "statefulset rolling update complete 3 pods at revision web-b...\n".into(),
                true
            )
        );
    }

    #[test]
    fn r10_9_on_delete_is_refused() {
        let s = sts(
            json!({"type": "OnDelete"}),
            1,
            json!({"observedGeneration": 1}),
        );
        assert_eq!(
            rollout_status(&s).unwrap_err(),
            "rollout status is only available for RollingUpdate strategy type"
        );
    }
}
