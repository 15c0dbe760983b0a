//! The disruption controller (pkg/controller/disruption) and the eviction
//! subresource's budget check (pkg/registry/core/pod/storage/eviction.go),
//! for what `kubectl drain` meets: a PodDisruptionBudget's status
//! (`expectedPods`, `currentHealthy`, `desiredHealthy`,
//! `disruptionsAllowed`, the `DisruptionAllowed` condition) follows its
//! Pods, and an eviction it does not allow is refused with 429.
//!
//! As upstream: `minAvailable` as a number expects the Pods that match;
//! `maxUnavailable`, or `minAvailable` as a percentage, expects the scale
//! of the Pods' controllers (a StatefulSet's replicas), percentages rounded
//! up; a Pod is healthy when Ready and not being deleted. Evicting a Pod
//! that is not Running (Pending, Succeeded, Failed) needs no budget; a
//! Running Pod that is not Ready may be evicted while the budget is met
//! without it (`unhealthyPodEvictionPolicy: IfHealthyBudget`, the default)
//! or always (`AlwaysAllow`). A Pod covered by more than one budget cannot
//! be evicted.

use std::collections::BTreeSet;

use serde_json::json;

use crate::engine::objects::policy::BudgetSpec;
use crate::engine::objects::{GenericObject, IntOrString, Kind, LabelSelector, Object, Pod, Value};
use crate::engine::store::{self, Key};
use crate::engine::{ApiError, DeleteOptions, Engine};

/// What a budget's status says.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetStatus {
    pub expected: i64,
    pub current_healthy: i64,
    pub desired_healthy: i64,
    pub disruptions_allowed: i64,
}

fn selector(pdb: &GenericObject) -> Option<LabelSelector> {
    BudgetSpec::of_budget(pdb).selector
}

fn healthy(p: &Pod) -> bool {
    p.is_ready() && p.metadata.deletion_timestamp.is_none()
}

impl Engine {
    /// The budgets of a namespace, by key.
    fn budgets_in(&self, ns: &str) -> Vec<Key> {
        // The common case (no budget at all) costs one lookup and no
        // allocation: every Pod change asks. (Kept-only objects such as
        // the add-ons' Deployment and DaemonSets are always there.)
        let any_budget = self
            .store
            .others
            .range((Kind::PodDisruptionBudget, String::new(), String::new())..)
            .next()
            .is_some_and(|((k, _, _), _)| *k == Kind::PodDisruptionBudget);
        if !any_budget {
            return Vec::new();
        }
        self.store
            .others
            .range((Kind::PodDisruptionBudget, ns.to_string(), String::new())..)
            .take_while(|((k, n, _), _)| *k == Kind::PodDisruptionBudget && n == ns)
            .map(|((_, n, name), _)| store::key(n, name))
            .collect()
    }

    /// Queues the budgets of a namespace (a Pod or a controller changed).
    pub(crate) fn budgets_touched(&mut self, ns: &str) {
        for k in self.budgets_in(ns) {
            self.due.budgets.insert(k);
        }
    }

    fn budget(&self, k: &Key) -> Option<std::rc::Rc<GenericObject>> {
        self.store
            .others
            .get(&(Kind::PodDisruptionBudget, k.0.clone(), k.1.clone()))
            .cloned()
    }

    /// The Pods a budget covers.
    fn budget_pods(&self, pdb: &GenericObject) -> Vec<std::rc::Rc<Pod>> {
        let Some(sel) = selector(pdb) else {
            return Vec::new();
        };
        self.store
            .pods
            .in_namespace(&pdb.metadata.namespace)
            .filter(|p| sel.matches(&p.metadata.labels))
            .cloned()
            .collect()
    }

    /// `getExpectedPodCount` and the counts of `updatePdbStatus`.
    pub fn budget_status(&self, pdb: &GenericObject) -> BudgetStatus {
        let pods = self.budget_pods(pdb);
        let spec = BudgetSpec::of_budget(pdb);
        let (min, max) = (spec.min_available, spec.max_unavailable);
        // The scale of the Pods' controllers, each counted once.
        let scale = || {
            let mut seen = BTreeSet::new();
            let mut total = 0;
            for p in &pods {
                match p.metadata.controller_ref() {
                    Some(r) if r.kind == "StatefulSet" => {
                        if seen.insert(r.uid.clone()) {
                            total += self
                                .store
                                .statefulsets
                                .get(&p.metadata.namespace, &r.name)
                                .filter(|s| s.metadata.uid == r.uid)
                                .map_or(0, |s| s.replicas());
                        }
                    }
                    _ => total += 1,
                }
            }
            total
        };
        let (expected, desired) = match (&min, &max) {
            (Some(IntOrString::Int(n)), _) => (pods.len() as i64, *n),
            (Some(pct @ IntOrString::Str(_)), _) => {
                let e = scale();
                (e, pct.scaled_value(e, true).unwrap_or(e))
            }
            (None, Some(m)) => {
                let e = scale();
                (e, (e - m.scaled_value(e, true).unwrap_or(0)).max(0))
            }
            (None, None) => (pods.len() as i64, 0),
        };
        let current = pods.iter().filter(|p| healthy(p)).count() as i64;
        BudgetStatus {
            expected,
            current_healthy: current,
            desired_healthy: desired,
            disruptions_allowed: (current - desired).max(0),
        }
    }

    /// One sync of one budget: its status written when it changed.
    pub(crate) fn sync_budget(&mut self, k: &Key) {
        let Some(pdb) = self.budget(k) else {
            return;
        };
        let st = self.budget_status(&pdb);
        let allowed = st.disruptions_allowed > 0;
        let old = pdb.rest.get("status");
        let old_cond = old
            .and_then(|s| s.get("conditions"))
            .and_then(|c| c.get(0))
            .cloned();
        let same_cond = old_cond
            .as_ref()
            .and_then(|c| c.get("status"))
            .and_then(Value::as_str)
            == Some(if allowed { "True" } else { "False" });
        let when = match (&old_cond, same_cond) {
            (Some(c), true) => c.get("lastTransitionTime").cloned().unwrap_or(Value::Null),
            _ => json!(self.now.rfc3339()),
        };
        let generation = pdb.metadata.generation;
        let status = json!({
            "conditions": [{
                "lastTransitionTime": when,
                "message": "",
                "observedGeneration": generation,
                "reason": if allowed { "SufficientPods" } else { "InsufficientPods" },
                "status": if allowed { "True" } else { "False" },
                "type": "DisruptionAllowed",
            }],
            "currentHealthy": st.current_healthy,
            "desiredHealthy": st.desired_healthy,
            "disruptionsAllowed": st.disruptions_allowed,
            "expectedPods": st.expected,
            "observedGeneration": generation,
        });
        if old == Some(&status) {
            return;
        }
        let mut next = (*pdb).clone();
        next.rest.insert("status".into(), status);
        self.store.write(Object::Other(
            Kind::PodDisruptionBudget,
            std::rc::Rc::new(next),
        ));
    }

    /// `POST pods/NAME/eviction`: deletes the Pod unless a budget forbids it
    /// now (429 TooManyRequests, which `kubectl drain` retries).
    pub fn evict(&mut self, ns: &str, name: &str, opts: &DeleteOptions) -> Result<(), ApiError> {
        self.settle();
        let Some(pod) = self.store.pods.get(ns, name).cloned() else {
            return Err(ApiError::NotFound {
                kind: Kind::Pod,
                name: name.to_string(),
            });
        };
        // Only a running Pod counts against a budget.
        if pod.status.phase == "Running" && pod.metadata.deletion_timestamp.is_none() {
            let covering: Vec<Key> = self
                .budgets_in(ns)
                .into_iter()
                .filter(|k| {
                    self.budget(k)
                        .and_then(|b| selector(&b))
                        .is_some_and(|s| s.matches(&pod.metadata.labels))
                })
                .collect();
            if covering.len() > 1 {
                return Err(ApiError::Internal(
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.".into(),
                ));
            }
            if let Some(b) = covering.first().and_then(|k| self.budget(k)) {
                let st = self.budget_status(&b);
                // A Pod that is not Ready does not count as healthy: it may
                // go whenever its budget is met without it (the default
                // `IfHealthyBudget`), or always (`AlwaysAllow`), so that a
                // crash-looping Pod does not hold a drain up for ever.
                let always = BudgetSpec::of_budget(&b)
                    .unhealthy_pod_eviction_policy
                    .as_deref()
                    == Some("AlwaysAllow");
                let unhealthy_may_go = !pod.is_ready()
                    && (always
                        || (st.current_healthy >= st.desired_healthy && st.desired_healthy > 0));
                if !unhealthy_may_go && st.disruptions_allowed <= 0 {
                    return Err(ApiError::TooManyRequests(
                        "Cannot evict pod as it would violate the pod's disruption budget.".into(),
                    ));
                }
            }
        }
        self.delete(Kind::Pod, ns, name, opts).map(|_| ())
    }
}
