//! The Deployment controller (`pkg/controller/deployment`), enough to set
//! a StatefulSet's behaviour beside a Deployment's: a Deployment's Pods
//! come from a ReplicaSet per template (`<deployment>-<pod-template-hash>`,
//! its Pods `<replicaset>-xxxxx`: new names, no order, no claims of their
//! own). A new template is a new ReplicaSet (revision + 1), rolled to as
//! the strategy says: `RollingUpdate` (maxSurge up, rounded up; at most
//! maxUnavailable down, rounded down; 25 % each by default) or `Recreate`
//! (every old Pod gone first). A change of `replicas` alone scales the
//! current ReplicaSet. Each scaling is a `ScalingReplicaSet` Event
//! (`Scaled up replica set web-5d8f7c9b4 from 0 to 3`); the status counts
//! the ReplicaSets' Pods, with the `Available` and `Progressing`
//! conditions `kubectl rollout status` reads. A paused Deployment
//! (`kubectl rollout pause`) makes no new ReplicaSet and only scales.
//!
//! Not simulated: proportional scaling of several ReplicaSets during a
//! rollout (a scale mid-rollout goes to the new one),
//! `progressDeadlineSeconds`, and adopting orphan ReplicaSets.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::statefulset::revision::hash;
use crate::engine::objects::*;
use crate::engine::recorder::Source;
use crate::engine::store::Key;
use crate::engine::Engine;

const COMPONENT: &str = "deployment-controller";
const REVISION: &str = "deployment.kubernetes.io/revision";
const HASH_LABEL: &str = "pod-template-hash";

fn int(v: &Value, p: &str) -> i64 {
    v.pointer(p).and_then(Value::as_i64).unwrap_or(0)
}

/// An int-or-percent of `total` (`GetScaledValueFromIntOrPercent`).
fn scaled(v: Option<&Value>, default: &str, total: i64, round_up: bool) -> i64 {
    let v = v.cloned().unwrap_or_else(|| json!(default));
    match v {
        Value::Number(n) => n.as_i64().unwrap_or(0),
        Value::String(s) => {
            let pct = s.trim_end_matches('%').parse::<i64>().unwrap_or(0);
            if round_up {
                (pct * total + 99) / 100
            } else {
                pct * total / 100
            }
        }
        _ => 0,
    }
}

/// A template with the hash label taken out (`EqualIgnoreHash`).
fn without_hash(t: &Value) -> Value {
    let mut t = t.clone();
    if let Some(Value::Object(l)) = t.pointer_mut("/metadata/labels") {
        l.remove(HASH_LABEL);
    }
    t
}

struct Rs {
    obj: Rc<GenericObject>,
    replicas: i64,
    available: i64,
    ready: i64,
    current: i64,
    revision: i64,
}

impl Rs {
    fn of(obj: Rc<GenericObject>) -> Self {
        let v = obj.rest_value();
        let revision = obj
            .metadata
            .annotations
            .get(REVISION)
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        Rs {
            replicas: v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1),
            available: int(&v, "/status/availableReplicas"),
            ready: int(&v, "/status/readyReplicas"),
            current: int(&v, "/status/replicas"),
            revision,
            obj,
        }
    }
    fn template(&self) -> Value {
        self.obj
            .rest
            .get("spec")
            .and_then(|s| s.get("template"))
            .cloned()
            .unwrap_or_default()
    }
}

impl Engine {
    /// One sync of one Deployment (`syncDeployment`).
    pub(crate) fn sync_deployment(&mut self, k: &Key) {
        let Some(Object::Other(_, d)) = self.store.get_dyn(Kind::Deployment, &k.0, &k.1) else {
            return;
        };
        if d.metadata.is_terminating() {
            return;
        }
        let dv = d.rest_value();
        let replicas = dv
            .pointer("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .max(0);
        let template = dv.pointer("/spec/template").cloned().unwrap_or_default();
        let recreate =
            dv.pointer("/spec/strategy/type").and_then(Value::as_str) == Some("Recreate");
        let surge = if recreate {
            0
        } else {
            scaled(
                dv.pointer("/spec/strategy/rollingUpdate/maxSurge"),
                "25%",
                replicas,
                true,
            )
        };
        let mut unavailable = if recreate {
            0
        } else {
            scaled(
                dv.pointer("/spec/strategy/rollingUpdate/maxUnavailable"),
                "25%",
                replicas,
                false,
            )
        };
        if surge == 0 && unavailable == 0 && !recreate {
            unavailable = 1;
        }
        let uid = d.metadata.uid.clone();
        let mut all: Vec<Rs> = self
            .store
            .list_dyn(Kind::ReplicaSet, Some(&k.0))
            .into_iter()
            .filter_map(|o| match o {
                Object::Other(_, rs)
                    if rs.metadata.controller_ref().is_some_and(|c| c.uid == uid) =>
                {
                    Some(Rs::of(rs))
                }
                _ => None,
            })
            .collect();
        crate::sort::sort_by_key(&mut all, |r| r.revision);
        let want = without_hash(&template);
        // `FindNewReplicaSet`: of those with the template, the oldest (by
        // creation, then name), whatever their revisions say: two may match
        // once defaults made an old template equal to the new one.
        let new_at = all
            .iter()
            .enumerate()
            .filter(|(_, r)| without_hash(&r.template()) == want)
            .min_by_key(|(_, r)| {
                (
                    r.obj.metadata.creation_timestamp.map(|t| t.sim().as_ms()),
                    r.obj.metadata.name.to_string(),
                )
            })
            .map(|(i, _)| i);
        let obj = Object::Other(Kind::Deployment, d.clone());
        if dv.pointer("/spec/paused").and_then(Value::as_bool) == Some(true) {
            self.sync_paused(k, &obj, &all, new_at, replicas, unavailable);
            return;
        }
        let total: i64 = all.iter().map(|r| r.replicas).sum();
        let new_at = match new_at {
            Some(i) => i,
            None => {
                // A new template: a new ReplicaSet, at revision max + 1.
                let h = hash(&template, None);
                let revision = all.iter().map(|r| r.revision).max().unwrap_or(0) + 1;
                let old_pods: i64 = all.iter().map(|r| r.current.max(r.replicas)).sum();
                let start = if recreate {
                    if old_pods > 0 {
                        0
                    } else {
                        replicas
                    }
                } else {
                    (replicas + surge - total).clamp(0, replicas)
                };
                let mut t = template.clone();
                t["metadata"]["labels"][HASH_LABEL] = json!(h);
                let mut selector = dv
                    .pointer("/spec/selector")
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                selector["matchLabels"][HASH_LABEL] = json!(h);
                let mut labels = t
                    .pointer("/metadata/labels")
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                labels[HASH_LABEL] = json!(h);
                let rs = json!({
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "metadata": {
                        "name": format!("{}-{h}", d.metadata.name),
                        "namespace": k.0,
                        "labels": labels,
                        "annotations": {
                            "deployment.kubernetes.io/desired-replicas": replicas.to_string(),
                            "deployment.kubernetes.io/max-replicas": (replicas + surge).to_string(),
                            REVISION: revision.to_string(),
                        },
                        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": d.metadata.name.as_str(), "uid": uid.as_str(), "controller": true, "blockOwnerDeletion": true}],
                    },
                    "spec": {"replicas": start, "selector": selector, "template": t},
                });
                let Ok(created) = Object::from_value(Kind::ReplicaSet, rs)
                    .map_err(|_| ())
                    .and_then(|o| self.cluster_create(o).map_err(|_| ()))
                else {
                    return;
                };
                let Object::Other(_, created) = created else {
                    return;
                };
                let name = created.metadata.name.to_string();
                if start > 0 {
                    let msg = format!("Scaled up replica set {name} from 0 to {start}");
                    self.record(
                        &obj,
                        "Normal",
                        "ScalingReplicaSet",
                        msg,
                        Source::controller(COMPONENT),
                    );
                }
                // The revision annotation follows the new ReplicaSet.
                self.set_deployment_revision(&d, revision);
                return;
            }
        };
        // An old template back (`rollout undo`): its ReplicaSet becomes the
        // newest revision (`SetNewReplicaSetAnnotations`).
        let max_revision = all.iter().map(|r| r.revision).max().unwrap_or(0);
        if all[new_at].revision < max_revision {
            let mut next = (*all[new_at].obj).clone();
            let revision = max_revision + 1;
            next.metadata
                .annotations
                .insert(REVISION.into(), revision.to_string().into());
            next.metadata.resource_version = Default::default();
            if let Ok(Object::Other(_, updated)) =
                self.cluster_update(Object::Other(Kind::ReplicaSet, Rc::new(next)))
            {
                all[new_at] = Rs::of(updated);
            }
        }
        let new = &all[new_at];
        let new_name = new.obj.metadata.name.to_string();

        let old: Vec<&Rs> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != new_at)
            .map(|(_, r)| r)
            .collect();
        let mut scalings: Vec<(Rc<GenericObject>, i64)> = Vec::new();
        let old_replicas: i64 = old.iter().map(|r| r.replicas).sum();
        let old_pods: i64 = old.iter().map(|r| r.current).sum();
        if recreate {
            for r in &old {
                if r.replicas > 0 {
                    scalings.push((r.obj.clone(), 0));
                }
            }
            // `oldPodsRunning`: terminating Pods of the old sets count.
            let old_uids: Vec<&str> = old.iter().map(|r| r.obj.metadata.uid.as_str()).collect();
            let old_running = self.store.pods.in_namespace(&k.0).any(|p| {
                !p.is_terminal()
                    && p.metadata
                        .controller_ref()
                        .is_some_and(|c| old_uids.contains(&c.uid.as_str()))
            });
            if old_replicas == 0 && old_pods == 0 && !old_running && new.replicas != replicas {
                scalings.push((new.obj.clone(), replicas));
            }
        } else if old_replicas == 0 {
            if new.replicas != replicas {
                scalings.push((new.obj.clone(), replicas));
            }
        } else {
            // reconcileNewReplicaSet
            let max_total = replicas + surge;
            if new.replicas < replicas && total < max_total {
                let up = (max_total - total).min(replicas - new.replicas);
                scalings.push((new.obj.clone(), new.replicas + up));
            } else if new.replicas > replicas {
                scalings.push((new.obj.clone(), replicas));
            }
            // reconcileOldReplicaSets: down to minAvailable, the oldest first.
            let min_available = replicas - unavailable;
            let available: i64 = all.iter().map(|r| r.available).sum();
            let new_unavailable = new.replicas - new.available;
            let mut room = (total - min_available - new_unavailable).min(available - min_available);
            for r in &old {
                if room <= 0 {
                    break;
                }
                // Unhealthy old Pods go first, whatever the room.
                let down = r.replicas.min(room);
                if down > 0 {
                    scalings.push((r.obj.clone(), r.replicas - down));
                    room -= down;
                }
            }
        }
        for (rs, to) in scalings {
            self.scale_replicaset(&obj, &rs, to);
        }
        // The Deployment's revision is its newest ReplicaSet's.
        if new.revision > 0 {
            self.set_deployment_revision(&d, new.revision);
        }
        self.write_deployment_status(k, &all, Some(new_at), replicas, unavailable, &new_name);
    }

    /// A paused Deployment (`dc.sync`): no new ReplicaSet and no rollout,
    /// only scaling: when at most one ReplicaSet has replicas, that one (or
    /// else the newest) is scaled to `spec.replicas`. The Progressing
    /// condition says why nothing moves (`checkPausedConditions`).
    fn sync_paused(
        &mut self,
        k: &Key,
        obj: &Object,
        all: &[Rs],
        new_at: Option<usize>,
        replicas: i64,
        unavailable: i64,
    ) {
        let active: Vec<&Rs> = all.iter().filter(|r| r.replicas > 0).collect();
        // `FindActiveOrLatest`: the new one, the one active one, or the newest.
        let target = match (new_at, active.as_slice()) {
            (Some(i), _) if all[i].replicas > 0 || active.is_empty() => Some(&all[i]),
            (_, [one]) => Some(*one),
            (_, []) => all.iter().max_by_key(|r| r.revision),
            _ => None,
        };
        if let Some(t) = target.filter(|t| t.replicas != replicas) {
            let rs = t.obj.clone();
            self.scale_replicaset(obj, &rs, replicas);
        }
        let new_name = new_at.map_or(String::new(), |i| all[i].obj.metadata.name.to_string());
        self.write_deployment_status(k, all, new_at, replicas, unavailable, &new_name);
    }

    fn scale_replicaset(&mut self, d: &Object, rs: &Rc<GenericObject>, to: i64) {
        let from = rs
            .rest
            .get("spec")
            .and_then(|s| s.get("replicas"))
            .and_then(Value::as_i64)
            .unwrap_or(1);
        if from == to {
            return;
        }
        let mut next = (**rs).clone();
        if let Some(Value::Object(spec)) = next.rest.get_mut("spec") {
            spec.insert("replicas".into(), json!(to));
        }
        next.metadata.annotations.insert(
            "deployment.kubernetes.io/desired-replicas".into(),
            to.to_string().into(),
        );
        next.metadata.resource_version = Default::default();
        if self
            .cluster_update(Object::Other(Kind::ReplicaSet, Rc::new(next)))
            .is_ok()
        {
            let dir = if to > from { "up" } else { "down" };
            let msg = format!(
                "Scaled {dir} replica set {} from {from} to {to}",
                rs.metadata.name
            );
            self.record(
                d,
                "Normal",
                "ScalingReplicaSet",
                msg,
                Source::controller(COMPONENT),
            );
        }
    }

    fn set_deployment_revision(&mut self, d: &Rc<GenericObject>, revision: i64) {
        let Some(Object::Other(_, live)) =
            self.store
                .get_dyn(Kind::Deployment, &d.metadata.namespace, &d.metadata.name)
        else {
            return;
        };
        if live.metadata.annotations.get(REVISION).map(|r| r.as_str())
            == Some(revision.to_string().as_str())
        {
            return;
        }
        let mut next = (*live).clone();
        next.metadata
            .annotations
            .insert(REVISION.into(), revision.to_string().into());
        self.store
            .write(Object::Other(Kind::Deployment, Rc::new(next)));
    }

    /// `syncRolloutStatus`: the counts and the two conditions.
    fn write_deployment_status(
        &mut self,
        k: &Key,
        all: &[Rs],
        new_at: Option<usize>,
        replicas: i64,
        unavailable: i64,
        new_name: &str,
    ) {
        let Some(Object::Other(_, live)) = self.store.get_dyn(Kind::Deployment, &k.0, &k.1) else {
            return;
        };
        let current: i64 = all.iter().map(|r| r.current).sum();
        let updated = new_at.map_or(0, |i| all[i].current);
        let paused = live.rest.get("spec").and_then(|s| s.get("paused")) == Some(&json!(true));
        let ready: i64 = all.iter().map(|r| r.ready).sum();
        let available: i64 = all.iter().map(|r| r.available).sum();
        let now = json!(self.now.rfc3339());
        let old = live.rest.get("status").cloned().unwrap_or_default();
        let condition = |ty: &str, status: &str, reason: &str, message: String| {
            // The transition time stays while the status does.
            let since = old
                .get("conditions")
                .and_then(Value::as_array)
                .and_then(|cs| cs.iter().find(|c| c["type"] == ty && c["status"] == status))
                .and_then(|c| c.get("lastTransitionTime").cloned())
                .unwrap_or_else(|| now.clone());
            json!({"type": ty, "status": status, "reason": reason, "message": message, "lastTransitionTime": since, "lastUpdateTime": since})
        };
        let has_min = available >= replicas - unavailable;
        let done = updated == replicas && current == replicas && available == replicas;
        let mut st = Map::new();
        st.insert("observedGeneration".into(), json!(live.metadata.generation));
        for (name, n) in [
            ("replicas", current),
            ("updatedReplicas", updated),
            ("readyReplicas", ready),
            ("availableReplicas", available),
        ] {
            if n > 0 {
                st.insert(name.into(), json!(n));
            }
        }
        if replicas - available > 0 {
            st.insert("unavailableReplicas".into(), json!(replicas - available));
        }
        st.insert(
            "conditions".into(),
            json!([
                if has_min {
                    condition(
                        "Available",
                        "True",
                        "MinimumReplicasAvailable",
                        "Deployment has minimum availability.".into(),
                    )
                } else {
                    condition(
                        "Available",
                        "False",
                        "MinimumReplicasUnavailable",
                        "Deployment does not have minimum availability.".into(),
                    )
                },
                if paused {
                    condition(
                        "Progressing",
                        "Unknown",
                        "DeploymentPaused",
                        "Deployment is paused".into(),
                    )
                } else if done {
                    condition(
                        "Progressing",
                        "True",
                        "NewReplicaSetAvailable",
                        format!("ReplicaSet \"{new_name}\" has successfully progressed."),
                    )
                } else {
                    condition(
                        "Progressing",
                        "True",
                        "ReplicaSetUpdated",
                        format!("ReplicaSet \"{new_name}\" is progressing."),
                    )
                },
            ]),
        );
        let st = Value::Object(st);
        if live.rest.get("status") != Some(&st) {
            let mut next = (*live).clone();
            next.rest.insert("status".into(), st);
            self.store
                .write(Object::Other(Kind::Deployment, Rc::new(next)));
        }
    }
}
