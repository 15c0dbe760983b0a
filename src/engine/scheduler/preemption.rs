//! The DefaultPreemption PostFilter (pkg/scheduler/framework/preemption,
//! plugins/defaultpreemption), run when no node passes the filters:
//!
//! - A Pod with `preemptionPolicy: Never`, or one already nominated to a
//!   node where a Pod it preempted is still terminating, does not preempt
//!   (`not eligible due to …`).
//! - Only nodes some filter turned down as `Unschedulable` (resources,
//!   host ports, anti-affinity: removing Pods might help) are tried. On
//!   each, `SelectVictimsOnNode` takes away every Pod of lower priority; if
//!   the Pod still does not fit, the node keeps the reasons it then fails
//!   with. Otherwise the Pods are given back one at a time, the most
//!   important first (higher priority, then the longer running), those a
//!   PodDisruptionBudget protects before the others, and each one that
//!   makes the Pod not fit again is a victim.
//! - Of the nodes with victims, `pickOneNodeForPreemption` keeps the one
//!   that breaks the fewest budgets, then whose most important victim has
//!   the lowest priority, the lowest sum of priorities, the fewest victims,
//!   the latest start among its most important victims; a tie left is
//!   settled by the seeded PRNG (upstream: Go's map order).
//! - The victims get the `DisruptionTarget` condition
//!   (`PreemptionByScheduler`) and are deleted with their grace period; each
//!   gets a `Preempted` event. Lower-priority Pods nominated to that node
//!   lose their nomination. The Pod is nominated (`status.nominatedNodeName`,
//!   the NOMINATED NODE column) and waits: while it is nominated, the
//!   filters count it on that node for Pods of equal or lower priority
//!   (`RunFilterPluginsWithNominatedPods`), so a victim's replacement
//!   cannot take the room, and its next attempt tries that node first
//!   (`evaluateNominatedNode`). Binding clears the nomination.
//!
//! With no candidate, the event carries upstream's diagnosis: the reasons
//! of the nodes tried and `Preemption is not helpful for scheduling` for
//! the others.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::*;
use crate::engine::objects::policy::BudgetSpec;

/// What the PostFilters concluded.
pub(super) enum PostFilter {
    /// Preemption did not help: the text appended to the event
    /// (` no new claims to deallocate, preemption: …`), and whether the
    /// Pod's nomination is cleared (no candidate: upstream returns a result
    /// naming no node) or left as it was (not eligible).
    Unschedulable { message: String, clear: bool },
    /// Victims chosen on `node`: the Pod is nominated there.
    Nominate { node: RcStr, victims: Vec<Rc<Pod>> },
}

/// A Pod the nominator holds: where, at which priority, asking for what.
#[derive(Clone, Debug)]
pub struct Nominated {
    pub uid: RcStr,
    pub node: RcStr,
    pub priority: i32,
    pub request: Rc<Resource>,
}

/// What a node's victims score by (`pickOneNodeForPreemption`).
struct Candidate {
    node: RcStr,
    /// Most important first.
    victims: Vec<Rc<Pod>>,
    violations: usize,
}

/// A PodDisruptionBudget as `filterPodsWithPDBViolation` reads it.
struct Budget {
    namespace: RcStr,
    selector: Option<LabelSelector>,
    allowed: i64,
    disrupted: BTreeSet<String>,
}

fn priority(p: &Pod) -> i32 {
    p.spec.priority.unwrap_or(0)
}

/// `GetPodStartTime`: a Pod not started yet counts as starting now.
fn start_time(p: &Pod, now: Time) -> Time {
    p.status.start_time.unwrap_or(now)
}

/// `MoreImportantPod` as an ordering: higher priority first, then the
/// earlier start (the name keeps the order total, where Go's sort is
/// unstable).
fn more_important_first(a: &Pod, b: &Pod, now: Time) -> std::cmp::Ordering {
    priority(b)
        .cmp(&priority(a))
        .then_with(|| start_time(a, now).cmp(&start_time(b, now)))
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// `podTerminatingByPreemption`.
fn terminating_by_preemption(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_some()
        && p.status
            .conditions
            .iter()
            .find(|c| c.type_ == "DisruptionTarget")
            .is_some_and(|c| c.status == "True" && c.reason == PREEMPTION_BY_SCHEDULER)
}

const PREEMPTION_BY_SCHEDULER: &str = "PreemptionByScheduler";

impl Engine {
    /// The PostFilters' verdict for a Pod no node took. `statuses` are the
    /// nodes' filter verdicts; `claims` the Pod's claims (None when
    /// PreFilter turned every node down).
    pub(super) fn post_filter(
        &mut self,
        p: &Pod,
        total: usize,
        statuses: &[(Rc<Node>, NodeStatus)],
        claims: Option<&PodClaims>,
    ) -> PostFilter {
        let not_eligible = |why: &str| PostFilter::Unschedulable {
            message: format!(" {NO_CLAIMS_TO_DEALLOCATE}, preemption: not eligible due to {why}."),
            clear: false,
        };
        if p.spec.preemption_policy.as_deref() == Some("Never") {
            return not_eligible("preemptionPolicy=Never");
        }
        let nominated = &p.status.nominated_node_name;
        if !nominated.is_empty() {
            let unresolvable = statuses
                .iter()
                .any(|(n, s)| n.metadata.name == *nominated && !s.resolvable);
            if !unresolvable
                && self
                    .pods_on_node(nominated)
                    .iter()
                    .any(|q| priority(q) < priority(p) && terminating_by_preemption(q))
            {
                return not_eligible("a terminating pod on the nominated node");
            }
        }
        let mut reasons: Vec<String> = Vec::new();
        let mut tried = 0;
        let mut candidates: Vec<Candidate> = Vec::new();
        // No Pod anywhere of lower priority: every node tried answers that
        // it has no victims, without a look at its Pods.
        let victims_exist = self
            .scheduler
            .assigned_priorities
            .first_key_value()
            .is_some_and(|(&lowest, _)| lowest < priority(p));
        let budgets = if victims_exist {
            self.budgets_for_preemption()
        } else {
            Vec::new()
        };
        for (n, _) in statuses.iter().filter(|(_, s)| s.resolvable) {
            tried += 1;
            if !victims_exist {
                reasons.push(NO_VICTIMS.to_string());
                continue;
            }
            match self.select_victims_on_node(p, n, claims, &budgets) {
                Ok(c) => candidates.push(c),
                Err(why) => reasons.extend(why),
            }
        }
        if let Some(c) = self.pick_one_node_for_preemption(candidates) {
            return PostFilter::Nominate {
                node: c.node,
                victims: c.victims,
            };
        }
        let not_helpful = std::iter::repeat_n(PREEMPTION_NOT_HELPFUL, total.saturating_sub(tried));
        PostFilter::Unschedulable {
            message: format!(
                " {NO_CLAIMS_TO_DEALLOCATE}, preemption: 0/{total} nodes are available: {}.",
                histogram(reasons.iter().map(String::as_str).chain(not_helpful))
            ),
            clear: true,
        }
    }

    /// `prepareCandidate`: the victims not yet being deleted get the
    /// `DisruptionTarget` condition, are deleted with their grace period and
    /// get a `Preempted` event; Pods of lower priority nominated to the node
    /// lose their nomination and are tried again.
    pub(super) fn preempt(&mut self, p: &Pod, node: &RcStr, victims: Vec<Rc<Pod>>) {
        let scheduler = p
            .spec
            .scheduler_name
            .as_deref()
            .unwrap_or("default-scheduler");
        let message = format!("{scheduler}: preempting to accommodate a higher priority pod");
        for v in victims {
            if v.metadata.deletion_timestamp.is_some() {
                continue;
            }
            self.mark_disruption_target(&v, PREEMPTION_BY_SCHEDULER, &message);
            let (ns, name) = (v.metadata.namespace.clone(), v.metadata.name.clone());
            let _ = self.cluster_delete(Kind::Pod, &ns, &name, &Default::default());
            self.record_event_api(
                &Object::Pod(v.clone()),
                "Normal",
                "Preempted",
                "Preempting",
                format!("Preempted by pod {} on node {node}", p.metadata.uid),
                "default-scheduler",
            );
        }
        let lower: Vec<Key> = self
            .scheduler
            .nominated
            .iter()
            .filter(|(_, n)| n.node == *node && n.priority < priority(p))
            .map(|(k, _)| k.clone())
            .collect();
        for k in lower {
            self.scheduler_forget_nomination(&k);
            if let Some(q) = self.store.pods.get(&k.0, &k.1).cloned() {
                if !q.status.nominated_node_name.is_empty() {
                    let mut nq = (*q).clone();
                    nq.status.nominated_node_name = RcStr::default();
                    self.write_status(nq);
                }
            }
            self.scheduler_requeue(&k);
        }
    }

    /// The Pods the scheduler cache holds on a node: bound there and not
    /// finished, or assumed there while their volumes bind.
    fn pods_on_node(&self, node: &str) -> Vec<Rc<Pod>> {
        let uids: BTreeSet<&RcStr> = self
            .scheduler
            .assigned
            .iter()
            .filter(|(_, (n, _))| n.as_str() == node)
            .map(|(uid, _)| uid)
            .collect();
        if uids.is_empty() {
            return Vec::new();
        }
        self.store
            .pods
            .iter()
            .filter(|q| uids.contains(&q.metadata.uid))
            .cloned()
            .collect()
    }

    /// `SelectVictimsOnNode`: the fewest Pods of lower priority whose
    /// removal lets the Pod fit, or the reasons the node stays refused.
    fn select_victims_on_node(
        &self,
        p: &Pod,
        n: &Rc<Node>,
        claims: Option<&PodClaims>,
        budgets: &[Budget],
    ) -> Result<Candidate, Vec<String>> {
        let name = &n.metadata.name;
        let on_node = self.pods_on_node(name);
        let mut potential: Vec<Rc<Pod>> = on_node
            .iter()
            .filter(|q| priority(q) < priority(p))
            .cloned()
            .collect();
        if potential.is_empty() {
            return Err(vec![NO_VICTIMS.to_string()]);
        }
        let mut removed: BTreeSet<RcStr> =
            potential.iter().map(|q| q.metadata.uid.clone()).collect();
        self.fits_without(p, n, &on_node, &removed, claims)?;
        let now = Time::new(self.now.trunc_secs());
        crate::sort::sort_by(&mut potential, |a, b| more_important_first(a, b, now));
        let (violating, non_violating) = split_by_budget(potential, budgets);
        let mut victims = Vec::new();
        let mut violations = 0;
        for (q, violates) in violating
            .into_iter()
            .map(|q| (q, true))
            .chain(non_violating.into_iter().map(|q| (q, false)))
        {
            removed.remove(&q.metadata.uid);
            if self.fits_without(p, n, &on_node, &removed, claims).is_err() {
                removed.insert(q.metadata.uid.clone());
                violations += usize::from(violates);
                victims.push(q);
            }
        }
        crate::sort::sort_by(&mut victims, |a, b| more_important_first(a, b, now));
        Ok(Candidate {
            node: name.clone(),
            victims,
            violations,
        })
    }

    /// The filters that other Pods can fail (NodePorts, NodeResourcesFit
    /// with the nominated Pods, VolumeBinding, InterPodAffinity) on a node
    /// as it would be without the `removed` Pods.
    fn fits_without(
        &self,
        p: &Pod,
        n: &Rc<Node>,
        on_node: &[Rc<Pod>],
        removed: &BTreeSet<RcStr>,
        claims: Option<&PodClaims>,
    ) -> Result<(), Vec<String>> {
        let staying = || {
            on_node
                .iter()
                .filter(|q| !removed.contains(&q.metadata.uid) && q.metadata.uid != p.metadata.uid)
        };
        let wanted = crate::engine::hostports::host_ports(p);
        if !wanted.is_empty()
            && staying().any(|q| !crate::engine::hostports::host_ports(q).is_disjoint(&wanted))
        {
            return Err(vec![crate::engine::hostports::NO_FREE_PORTS.to_string()]);
        }
        let info = self.scheduler.nodes.get(n.metadata.name.as_str());
        let mut used = info.map(|i| i.requested.clone()).unwrap_or_default();
        let mut pods = info.map_or(0, |i| i.pods);
        for q in on_node.iter().filter(|q| removed.contains(&q.metadata.uid)) {
            if let Some((_, r)) = self.scheduler.assigned.get(&q.metadata.uid) {
                used.sub(r);
                pods = pods.saturating_sub(1);
            }
        }
        if let Some((extra, count)) = self.nominated_load(p, &n.metadata.name) {
            used.add(&extra);
            pods += count;
        }
        let short = fit_reasons(
            &Resource::of_pod(&p.spec),
            &node_allocatable(n),
            &used,
            pods,
        );
        if !short.is_empty() {
            return Err(short);
        }
        if let Some(claims) = claims {
            if let Err(why) = self.pod_volumes_on(claims, n) {
                return Err(why.iter().map(|r| r.to_string()).collect());
            }
        }
        let selectors = Self::hostname_anti_affinity(p);
        if selectors.iter().any(|sel| {
            staying().any(|q| {
                q.metadata.namespace == p.metadata.namespace && sel.matches(&q.metadata.labels)
            })
        }) {
            return Err(vec![
                "node(s) didn't match pod anti-affinity rules".to_string()
            ]);
        }
        Ok(())
    }

    /// What the nominated Pods of equal or higher priority than `p` hold
    /// on a node (`addGEQPriorityNominatedPods`), if any.
    pub(super) fn nominated_load(&self, p: &Pod, node: &str) -> Option<(Resource, usize)> {
        let mut total: Option<(Resource, usize)> = None;
        for n in self.scheduler.nominated.values() {
            if n.node.as_str() == node && n.uid != p.metadata.uid && n.priority >= priority(p) {
                let t = total.get_or_insert_with(Default::default);
                t.0.add(&n.request);
                t.1 += 1;
            }
        }
        total
    }

    /// The cluster's PodDisruptionBudgets, with what their status allows.
    fn budgets_for_preemption(&self) -> Vec<Budget> {
        self.store
            .others
            .range((Kind::PodDisruptionBudget, String::new(), String::new())..)
            .take_while(|((k, _, _), _)| *k == Kind::PodDisruptionBudget)
            .map(|(_, pdb)| {
                let status = pdb.rest.get("status");
                Budget {
                    namespace: pdb.metadata.namespace.clone(),
                    selector: BudgetSpec::of_budget(pdb).selector,
                    allowed: status
                        .and_then(|s| s.get("disruptionsAllowed"))
                        .and_then(Value::as_i64)
                        .unwrap_or(0),
                    disrupted: status
                        .and_then(|s| s.get("disruptedPods"))
                        .and_then(Value::as_object)
                        .map(|m| m.keys().cloned().collect())
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    /// `pickOneNodeForPreemption`.
    fn pick_one_node_for_preemption(&mut self, candidates: Vec<Candidate>) -> Option<Candidate> {
        let now = Time::new(self.now.trunc_secs());
        let highest = |c: &Candidate| c.victims.first().map_or(0, |v| priority(v));
        // The earliest start among the victims of the highest priority.
        let earliest = |c: &Candidate| {
            let top = highest(c);
            c.victims
                .iter()
                .filter(|v| priority(v) == top)
                .map(|v| start_time(v, now))
                .min()
        };
        let scores: [&dyn Fn(&Candidate) -> i128; 5] = [
            &|c| -(c.violations as i128),
            &|c| -i128::from(highest(c)),
            &|c| {
                -c.victims
                    .iter()
                    .map(|v| i128::from(priority(v)) + i128::from(i32::MAX) + 1)
                    .sum::<i128>()
            },
            &|c| -(c.victims.len() as i128),
            &|c| earliest(c).map_or(i128::MIN, |t| i128::from(t.sim().0)),
        ];
        let mut left: Vec<Candidate> = candidates;
        for score in scores {
            if left.len() <= 1 {
                break;
            }
            let best = left.iter().map(score).max()?;
            left.retain(|c| score(c) == best);
        }
        match left.len() {
            0 => None,
            1 => left.pop(),
            n => {
                let i = self.rng.range(0, n as u64 - 1) as usize;
                Some(left.swap_remove(i))
            }
        }
    }
}

/// `filterPodsWithPDBViolation`: the Pods whose eviction would take a
/// budget below zero, and the others, each in the order given.
fn split_by_budget(pods: Vec<Rc<Pod>>, budgets: &[Budget]) -> (Vec<Rc<Pod>>, Vec<Rc<Pod>>) {
    let mut allowed: Vec<i64> = budgets.iter().map(|b| b.allowed).collect();
    let mut violating = Vec::new();
    let mut others = Vec::new();
    for p in pods {
        let mut violated = false;
        if !p.metadata.labels.is_empty() {
            for (i, b) in budgets.iter().enumerate() {
                let matches = b.namespace == p.metadata.namespace
                    && b.selector
                        .as_ref()
                        .is_some_and(|s| !s.is_empty() && s.matches(&p.metadata.labels));
                if !matches || b.disrupted.contains(p.metadata.name.as_str()) {
                    continue;
                }
                allowed[i] -= 1;
                if allowed[i] < 0 {
                    violated = true;
                }
            }
        }
        if violated {
            violating.push(p);
        } else {
            others.push(p);
        }
    }
    (violating, others)
}
