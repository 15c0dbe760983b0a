//! Pod-level lifecycle in the kubelet: admission when a Pod is bound to the
//! node, deletion (graceful stop, then removal of the object), terminal
//! phases (eviction), node loss and return, and the dispatch of a Pod change
//! to every component that watches Pods.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{CState, ContainerLogs, Cref, Ctr, PodRuntime, Stage, Step};
use crate::engine::event::{ObjRef, SimEventKind};
use crate::engine::objects::{Kind, Object, Pod, RcStr};
use crate::engine::recorder::Source;
use crate::engine::store::{key, ChangeOp, Key};
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::volumes::FileTree;
use crate::engine::{DeleteOptions, Engine, Wakeup};
use crate::sort::CollectMap;

pub(super) fn new_ctr(name: &RcStr, image: &RcStr, sidecar: bool) -> Ctr {
    Ctr {
        name: name.clone(),
        image: image.clone(),
        state: CState::Waiting {
            reason: RcStr::interned("ContainerCreating"),
            message: RcStr::default(),
        },
        shown_as: None,
        last: None,
        last_instance: 0,
        restarts: 0,
        ready: false,
        started: false,
        warm: false,
        gen: 0,
        backoff: 0,
        pull_backoff: 0,
        layer: FileTree::new(),
        seeded: false,
        logs: ContainerLogs::default(),
        sidecar,
        busy: false,
        pgen: 0,
        probes: None,
        killed_for_probe: false,
        warm_at: None,
        pending_writes: Vec::new(),
        pending_logs: Vec::new(),
        poll: None,
        on_term: None,
        term_exit: None,
    }
}

/// A running container as the kubelet begins stopping it: which one, its
/// name, image, whether it was warm, and its TERM trap.
type Stopping = (Cref, RcStr, RcStr, bool, Option<Box<crate::engine::OnTerm>>);

/// `podEndpointsChanged` (labels, hostname and subdomain, deletion,
/// readiness, IPs), and what else Ordinal's endpoints are made of: the
/// node and whether the Pod is terminal.
fn endpoints_changed(old: &Pod, new: &Pod) -> bool {
    old.metadata.labels != new.metadata.labels
        || old.spec.hostname != new.spec.hostname
        || old.spec.subdomain != new.spec.subdomain
        || old.metadata.deletion_timestamp != new.metadata.deletion_timestamp
        || old.is_ready() != new.is_ready()
        || old.status.pod_ip != new.status.pod_ip
        || old.status.pod_ips != new.status.pod_ips
        || old.spec.node_name != new.spec.node_name
        || old.is_terminal() != new.is_terminal()
}

impl Engine {
    /// Everything that reacts to a Pod change: the StatefulSet controller
    /// (owner or adopter), the EndpointSlice controller (Services selecting
    /// the Pod now or before), the scheduler, the kubelet and the narration.
    pub(crate) fn on_pod_change(
        &mut self,
        p: &Rc<Pod>,
        old: Option<&Pod>,
        op: ChangeOp,
        now: bool,
    ) {
        let ns = p.metadata.namespace.clone();
        let k = key(&ns, &p.metadata.name);

        // The scheduler's cache of assigned Pods (and its queueing hints).
        self.scheduler_pod_changed(p, op);

        // StatefulSet controller (R3.1).
        let mut sets: Vec<Key> = Vec::new();
        for pod in std::iter::once(&**p).chain(old) {
            match pod.metadata.controller_ref() {
                Some(r) if r.kind == "StatefulSet" => sets.push(key(&ns, &r.name)),
                Some(_) => {}
                None => {
                    for s in self.store.statefulsets.in_namespace(&ns) {
                        if s.spec
                            .selector
                            .as_ref()
                            .is_some_and(|sel| !sel.is_empty() && sel.matches(&pod.metadata.labels))
                        {
                            sets.push(key(&ns, &s.metadata.name));
                        }
                    }
                }
            }
        }
        crate::sort::sort(&mut sets);
        sets.dedup();
        for s in sets {
            self.enqueue_set(s, now);
        }
        // `updatePod`: a Pod of a set with minReadySeconds that turns Ready
        // re-queues the set for when it will count as available (plus a
        // second for clock skew). The status re-queue alone misses it when
        // the available count already equals the replicas, as while a
        // condemned Pod still counts (R3.2).
        if let (Some(o), Some(r)) = (old, p.metadata.controller_ref()) {
            if r.kind == "StatefulSet" && !o.is_ready() && p.is_ready() {
                let mrs = self
                    .store
                    .statefulsets
                    .get(&ns, &r.name)
                    .filter(|s| s.metadata.uid == r.uid)
                    .map_or(0, |s| s.min_ready_seconds());
                if mrs > 0 {
                    let at = self.now + crate::engine::SimDuration::secs(mrs as u64 + 1);
                    self.enqueue_set_at(key(&ns, &r.name), at);
                }
            }
        }

        // EndpointSlice controller (R7.9). `GetServicesToUpdateOnPodChange`:
        // an update that changes nothing endpoints are made of queues no
        // sync, so the trigger time tracker does not see it (R7.9).
        let relevant = match (op, old) {
            (ChangeOp::Modified, Some(o)) => endpoints_changed(o, p),
            _ => true,
        };
        let services: Vec<Key> = self
            .store
            .services
            .in_namespace(&ns)
            .filter(|_| relevant)
            .filter(|s| {
                s.spec.selector.as_ref().is_some_and(|sel| {
                    !sel.is_empty()
                        && (crate::engine::objects::meta::map_matches(sel, &p.metadata.labels)
                            || old.is_some_and(|o| {
                                crate::engine::objects::meta::map_matches(sel, &o.metadata.labels)
                            }))
                })
            })
            .map(|s| key(&ns, &s.metadata.name))
            .collect();
        for s in services {
            if now {
                self.due.services.insert(s);
            } else {
                self.enqueue_service(s);
            }
        }

        // Claims held by pvc-protection may be free now, once that
        // controller has looked (R6.9).
        if op == ChangeOp::Deleted || p.is_terminal() {
            let claims: Vec<Key> = p.claim_names().map(|c| key(&ns, c)).collect();
            for c in claims {
                self.after(self.config.latency.claim_protection, Wakeup::SyncClaim(c));
            }
        }
        if op == ChangeOp::Deleted {
            self.pod_display.remove(&k);
            self.faults.pods.remove(&k);
            // Input attached for a main process that never started.
            self.attached_stdin.remove(p.metadata.uid.as_str());
            return;
        }

        // Scheduler: an unscheduled Pod waits for a node.
        if p.spec.node_name.is_empty() && !p.metadata.is_terminating() {
            self.scheduler_enqueue(&k, &p.metadata.uid);
        }
        // Kubelet: a Pod bound to a node it has not admitted yet. Changes
        // are handled in order after the fact, so this version may be one
        // the Pod has since left: a Pod already removed (its runtime
        // forgotten) must not be admitted again as a ghost that holds a
        // slot on its node for ever.
        if !p.spec.node_name.is_empty()
            && !self.kubelet.pods.contains_key(p.metadata.uid.as_str())
            && !p.is_terminal()
            && self
                .store
                .pods
                .get(&ns, &p.metadata.name)
                .is_some_and(|cur| cur.metadata.uid == p.metadata.uid)
        {
            self.kubelet_admit(p);
        } else if !p.metadata.is_terminating() {
            // Ephemeral containers added through the subresource.
            self.kubelet_ephemeral_added(p);
        }

        // Narration: kubectl's STATUS / READY columns.
        let cols = super::status::pod_columns(p, self.now);
        let shown = (cols.status.clone(), cols.ready.clone());
        if self.pod_display.get(&k) != Some(&shown) {
            self.pod_display.insert(k, shown);
            self.narrate(SimEventKind::PodStatus {
                pod: ObjRef::new(Kind::Pod, &ns, &p.metadata.name),
                status: cols.status,
                ready: cols.ready,
            });
        }
    }

    /// Registers a system Pod that is already running (bootstrap).
    pub(crate) fn kubelet_adopt_running(&mut self, p: &mut Pod) {
        let since = crate::engine::time::SimTime::ZERO;
        let ctrs: Vec<Ctr> = p
            .spec
            .containers
            .iter()
            .map(|c| Ctr {
                state: CState::Running { since },
                ready: true,
                started: true,
                warm: true,
                ..new_ctr(&c.name, &c.image, false)
            })
            .collect();
        let mut ctrs = ctrs;
        for (ct, c) in ctrs.iter_mut().zip(p.spec.containers.iter()) {
            for line in crate::engine::bootstrap::addon_start_log(&c.image) {
                ct.log_line(since, &line);
            }
        }
        let rt = PodRuntime {
            key: key(&p.metadata.namespace, &p.metadata.name),
            uid: p.metadata.uid.clone(),
            node: p.spec.node_name.clone(),
            ip: p.status.pod_ip.clone(),
            stage: Stage::Active,
            gen: 0,
            admitted_at: since,
            inits: vec![],
            ctrs,
            eph: vec![],
            emptydirs: BTreeMap::new(),
            terminal: None,
            node_lost: false,
            rejected: false,
            mount_failures: 0,
        };
        for c in &p.spec.containers {
            self.kubelet
                .images
                .entry(p.spec.node_name.to_string())
                .or_default()
                .insert(crate::engine::images::ImageRef::parse(&c.image).full());
        }
        p.status = super::status::build_status(p, &rt, self.now);
        *self
            .kubelet
            .per_node
            .entry(rt.node.to_string())
            .or_default() += 1;
        self.kubelet.by_key.insert(rt.key.clone(), rt.uid.clone());
        self.kubelet.pods.insert(rt.uid.clone(), Box::new(rt));
    }

    /// A Pod was bound to a node: the kubelet takes it (R11.1–R11.2).
    fn kubelet_admit(&mut self, p: &Pod) {
        let k = key(&p.metadata.namespace, &p.metadata.name);
        let mut inits = p
            .spec
            .init_containers
            .iter()
            .map(|c| {
                new_ctr(
                    &c.name,
                    &c.image,
                    c.restart_policy.as_deref() == Some("Always"),
                )
            })
            .collect::<Vec<_>>();
        let mut ctrs: Vec<Ctr> = p
            .spec
            .containers
            .iter()
            .map(|c| new_ctr(&c.name, &c.image, false))
            .collect();
        // Ephemeral containers added while the Pod waited for a node.
        let mut eph: Vec<Ctr> = p
            .spec
            .ephemeral_containers
            .iter()
            .map(|c| new_ctr(&c.name, &c.image, false))
            .collect();
        // The kubelet's default waiting state for a Pod with init containers
        // is PodInitializing, for the init containers too (their image pulls
        // show as `Init:0/2`, not `Init:ContainerCreating`).
        if !inits.is_empty() {
            for c in inits
                .iter_mut()
                .chain(ctrs.iter_mut())
                .chain(eph.iter_mut())
            {
                c.state = CState::Waiting {
                    reason: RcStr::interned("PodInitializing"),
                    message: RcStr::default(),
                };
            }
        }
        let emptydirs = p
            .spec
            .volumes
            .iter()
            .filter(|v| v.empty_dir.is_some())
            .map(|v| (v.name.to_string(), FileTree::new()))
            .collect_map();
        let rejected = self.admission_refusal(p);
        let rt = PodRuntime {
            key: k.clone(),
            uid: p.metadata.uid.clone(),
            node: p.spec.node_name.clone(),
            ip: RcStr::default(),
            stage: Stage::Admitted,
            gen: 1,
            admitted_at: self.now,
            inits,
            ctrs,
            eph,
            emptydirs,
            terminal: None,
            node_lost: false,
            rejected: false,
            mount_failures: 0,
        };
        // A replaced Pod of the same name leaves its old runtime behind only if
        // the old object is gone; drop any stale mapping.
        self.kubelet.by_key.insert(k, rt.uid.clone());
        let uid = rt.uid.clone();
        *self
            .kubelet
            .per_node
            .entry(rt.node.to_string())
            .or_default() += 1;
        self.kubelet.pods.insert(uid.clone(), Box::new(rt));
        if let Some(why) = rejected {
            // The kubelet's admission runs when its watch delivers the Pod.
            self.after(
                self.config.latency.sandbox,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Reject(Box::new(why)),
                },
            );
            return;
        }
        self.write_pod_status(&uid);
        self.after(
            self.config.latency.sandbox,
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::Sandbox,
            },
        );
    }

    /// A Pod object got a deletionTimestamp: stop its containers (R11.5).
    pub(crate) fn kubelet_pod_deleted(&mut self, ns: &str, name: &str) {
        let Some(p) = self.store.pods.get(ns, name).cloned() else {
            return;
        };
        let uid = p.metadata.uid.clone();
        let Some(rt) = self.kubelet.pods.get_mut(uid.as_str()) else {
            // Never admitted (unscheduled): nothing runs; the API server
            // removed it at once. Bound but not admitted: finish now.
            return;
        };
        // A kubelet cut off from the API server does not see the deletion:
        // it stops the containers (and says so) when its node comes back
        // (`node_came_back`), as a real kubelet does on its first resync.
        if self.faults.node_down(&rt.node) {
            return;
        }
        if matches!(rt.stage, Stage::Terminating | Stage::Stopped) {
            if rt.stage == Stage::Stopped {
                self.kubelet_finish_deletion(&uid);
            }
            return;
        }
        rt.stage = Stage::Terminating;
        rt.gen += 1;
        let gen = rt.gen;
        let running: Vec<Stopping> = rt
            .ctrs
            .iter()
            .enumerate()
            .map(|(idx, c)| (Cref::app(idx), c))
            .chain(
                rt.inits
                    .iter()
                    .enumerate()
                    .map(|(idx, c)| (Cref::init(idx), c)),
            )
            .chain(
                rt.eph
                    .iter()
                    .enumerate()
                    .map(|(idx, c)| (Cref::ephemeral(idx), c)),
            )
            .filter(|(_, c)| matches!(c.state, CState::Running { .. }))
            .map(|(cref, c)| {
                let on_term = c.on_term.clone();
                (cref, c.name.clone(), c.image.clone(), c.warm, on_term)
            })
            .collect();
        let graceful = rt.ctrs.iter().enumerate().all(|(idx, c)| {
            let spec = Cref::app(idx).spec_in(&p);
            super::hooks::term_reply(c.on_term.as_deref(), spec, super::spec_for(&c.image)).stops
        });
        for (cref, name, _, _, _) in &running {
            // `spec.initContainers{…}` for a sidecar.
            self.kubelet_event(
                &uid,
                Some(*cref),
                "Normal",
                "Killing",
                format!("Stopping container {name}"),
            );
        }
        let grace = p
            .metadata
            .deletion_grace_period_seconds
            .unwrap_or(30)
            .max(0) as u64;
        // How long a process that stops on SIGTERM takes (one draw per Pod).
        let s = self.config.latency.graceful_stop;
        let quick_ms = if graceful && !running.is_empty() {
            self.rng.range(s.min.as_ms(), s.max.as_ms())
        } else {
            s.max.as_ms()
        };
        // Each container: its preStop hook, then SIGTERM, then SIGKILL when
        // the grace period is over (`hooks`); the Pod is done when the
        // last one has stopped.
        let mut stop_in = SimDuration::ZERO;
        let mut failed_hooks = Vec::new();
        let key = (
            p.metadata.namespace.to_string(),
            p.metadata.name.to_string(),
        );
        let mut exits = Vec::new();
        for (cref, _, image, warm, on_term) in &running {
            let image = super::spec_for(image);
            let hook = match cref.spec_in(&p) {
                Some(spec) => self.kubelet_pre_stop(&key, spec, image, *warm, grace),
                None => None,
            };
            if let Some(after) = hook.and_then(|h| h.failure_reported(grace)) {
                failed_hooks.push((after, *cref));
            }
            let reply = super::hooks::term_reply(on_term.as_deref(), cref.spec_in(&p), image);
            let (after, killed) = super::hooks::stop_after(
                grace,
                hook,
                reply.stops,
                quick_ms.saturating_add(reply.after_ms),
            );
            stop_in = stop_in.max(after);
            exits.push((*cref, if killed { 137 } else { reply.code }, reply.log));
        }
        if let Some(rt) = self.kubelet.pods.get_mut(&uid) {
            for (cref, code, log) in exits {
                if let Some(ct) = rt.ctr_mut(cref) {
                    ct.term_exit = Some(Box::new((code, log)));
                }
            }
        }
        for (after, c) in failed_hooks {
            self.at(
                self.now + after,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::HookFailed { c, gen },
                },
            );
        }
        let at = self.now + stop_in;
        self.at(
            at,
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::Stopped { gen },
            },
        );
    }

    /// A preStop hook failed: the kubelet says so without the error (which
    /// could hold secrets) and stops the container all the same.
    fn kubelet_hook_failed(&mut self, uid: &str, c: Cref, gen: u64) {
        if self.kubelet.pods.get(uid).is_none_or(|rt| rt.gen != gen) {
            return;
        }
        self.kubelet_event(
            uid,
            Some(c),
            "Warning",
            "FailedPreStopHook",
            "PreStopHook failed".to_string(),
        );
    }

    /// Containers have stopped after a deletion: report it and, once the
    /// Pod's volumes are torn down (`Latencies::pod_cleanup`), let the API
    /// server remove the object (grace period 0).
    pub(crate) fn kubelet_stopped(&mut self, uid: &str, gen: u64) {
        let pod = self.pod_of(uid);
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        if rt.gen != gen {
            return;
        }
        let now = self.now;
        for (c, cref) in rt
            .ctrs
            .iter_mut()
            .enumerate()
            .map(|(idx, c)| (c, Cref::app(idx)))
            .chain(
                rt.inits
                    .iter_mut()
                    .enumerate()
                    .map(|(idx, c)| (c, Cref::init(idx))),
            )
            .chain(
                rt.eph
                    .iter_mut()
                    .enumerate()
                    .map(|(idx, c)| (c, Cref::ephemeral(idx))),
            )
        {
            c.ready = false;
            if let CState::Running { since } = c.state {
                let code = match c.term_exit.take().map(|b| *b) {
                    Some((code, log)) => {
                        for line in log.lines() {
                            c.log_line(now, line);
                        }
                        code
                    }
                    None => {
                        let spec = pod.as_ref().and_then(|p| cref.spec_in(p));
                        let reply = super::hooks::term_reply(
                            c.on_term.as_deref(),
                            spec,
                            super::spec_for(&c.image),
                        );
                        if reply.stops {
                            reply.code
                        } else {
                            137
                        }
                    }
                };
                let reason = if code == 0 { "Completed" } else { "Error" };
                c.state = CState::Terminated {
                    code,
                    reason: reason.into(),
                    started: since,
                    finished: now,
                };
            }
        }
        rt.stage = Stage::Stopped;
        // Since 1.27 the kubelet gives a deleted Pod whose containers have
        // all stopped a terminal phase: Succeeded if every one exited 0,
        // else Failed (getPhase with podIsTerminal).
        if rt.terminal.is_none() {
            let ok = rt
                .ctrs
                .iter()
                .all(|c| matches!(c.state, CState::Terminated { code: 0, .. }));
            let phase = if ok { "Succeeded" } else { "Failed" };
            rt.terminal = Some((phase.into(), String::new(), String::new()));
        }
        self.write_pod_status(uid);
        self.queue_cleanup(uid, gen);
    }

    /// The kubelet confirms a stopped Pod's deletion once its volumes and
    /// sandbox are cleaned up (`Step::CleanedUp`; stale if the Pod's
    /// runtime moved on to another generation meanwhile).
    fn queue_cleanup(&mut self, uid: &str, gen: u64) {
        self.at(
            self.now + self.config.latency.pod_cleanup,
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::CleanedUp { gen },
            },
        );
    }

    fn kubelet_finish_deletion(&mut self, uid: &str) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let (ns, name) = rt.key.clone();
        let Some(p) = self.store.pods.get(&ns, &name) else {
            return;
        };
        if p.metadata.uid != uid || !p.metadata.is_terminating() {
            return;
        }
        // Already confirmed, and finalizers (the orphan finalizer of
        // `--cascade=orphan`) keep the object: the garbage collector ends
        // it. Confirming again would re-enter this through the deletion
        // notice, for ever.
        if p.metadata.deletion_grace_period_seconds == Some(0) && !p.metadata.finalizers.is_empty()
        {
            return;
        }
        let opts = DeleteOptions {
            grace_period_seconds: Some(0),
            uid: Some(uid.to_string()),
            ..Default::default()
        };
        let _ = self.cluster_delete(Kind::Pod, &ns, &name, &opts);
    }

    /// The Pod object is gone: forget its runtime (emptyDirs and layers die).
    pub(crate) fn kubelet_pod_removed(&mut self, p: &Pod) {
        let uid = &p.metadata.uid;
        self.kubelet_forget(uid);
        self.scheduler.queued.remove(uid.as_str());
    }

    /// The kubelet ends a Pod in a terminal phase: evicted (Failed, reason
    /// Evicted) or its containers exited (`sim pod phase`) (R3.12).
    pub(crate) fn kubelet_terminal(&mut self, k: &Key, phase: &str, evicted: bool) {
        let Some(uid) = self.kubelet.by_key.get(k).cloned() else {
            return;
        };
        let Some(rt) = self.kubelet.pods.get_mut(&uid) else {
            return;
        };
        let now = self.now;
        rt.gen += 1;
        for c in rt
            .ctrs
            .iter_mut()
            .chain(rt.inits.iter_mut())
            .chain(rt.eph.iter_mut())
        {
            c.gen += 1;
            c.ready = false;
            let started = match c.state {
                CState::Running { since } => since,
                _ => now,
            };
            let (code, reason) = match (evicted, phase) {
                (true, _) => (137, "Error"),
                (false, "Succeeded") => (0, "Completed"),
                _ => (1, "Error"),
            };
            c.state = CState::Terminated {
                code,
                reason: reason.into(),
                started,
                finished: now,
            };
        }
        rt.stage = Stage::Stopped;
        let node = rt.node.clone();
        let gen = rt.gen;
        if evicted {
            let msg = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 92160Ki. ".to_string();
            rt.terminal = Some((phase.into(), "Evicted".into(), msg.clone()));
            if let Some(p) = self.store.pods.get(&k.0, &k.1).cloned() {
                self.record(
                    &Object::Pod(p),
                    "Warning",
                    "Evicted",
                    msg,
                    Source {
                        component: "kubelet",
                        host: node.to_string(),
                    },
                );
            }
        } else {
            rt.terminal = Some((phase.into(), String::new(), String::new()));
        }
        self.write_pod_status(&uid);
        // Ended while being deleted (evicted during its grace period): the
        // stop it was waiting for will not come, so the kubelet confirms
        // the deletion once the Pod is cleaned up, as after any stop.
        if self
            .store
            .pods
            .get(&k.0, &k.1)
            .is_some_and(|p| p.metadata.uid == uid && p.metadata.is_terminating())
        {
            self.queue_cleanup(&uid, gen);
        }
    }

    /// A silent node: its kubelet stops reporting and acting; the node
    /// lifecycle controller notices after the grace period.
    pub(crate) fn node_went_silent(&mut self, node: &str) {
        let grace = self.config.latency.node_monitor_grace;
        self.at(
            self.now + grace,
            Wakeup::NodeMonitor {
                node: node.to_string(),
            },
        );
    }

    /// The node answers again: replay what its kubelet missed and report.
    pub(crate) fn node_came_back(&mut self, node: &str) {
        self.node_set_ready(node, true);
        let uids: Vec<RcStr> = self
            .kubelet
            .pods
            .values()
            .filter(|r| r.node == node)
            .map(|r| r.uid.clone())
            .collect();
        for uid in &uids {
            if let Some(rt) = self.kubelet.pods.get_mut(uid) {
                rt.node_lost = false;
            }
        }
        let deferred = self.kubelet.deferred.remove(node).unwrap_or_default();
        for (uid, step) in deferred {
            self.kubelet_step(&uid, step);
        }
        for uid in uids {
            let Some(rt) = self.kubelet.pods.get(uid.as_str()) else {
                continue;
            };
            let (ns, name) = rt.key.clone();
            match self.store.pods.get(&ns, &name).cloned() {
                Some(p) if p.metadata.uid == uid && p.metadata.is_terminating() => {
                    if rt.stage != Stage::Terminating {
                        self.kubelet_pod_deleted(&ns, &name);
                    } else {
                        self.kubelet_stopped(&uid, rt.gen);
                    }
                }
                Some(p) if p.metadata.uid == uid => self.write_pod_status(&uid),
                // Force-deleted while the node was away: the kubelet kills
                // the orphaned containers and forgets them.
                _ => self.kubelet_forget(&uid),
            }
        }
    }

    /// The kubelet's admission (`predicateAdmitHandler.Admit`): the reason
    /// and message a Pod is rejected with, if it is. The scheduler already
    /// checked what a Pod it bound asks for, so resources are checked again
    /// only for a Pod placed by `nodeName` (no `PodScheduled` condition):
    /// against the node's allocatable less what the other Pods admitted
    /// there request (`OutOfcpu`, `OutOfmemory`, `OutOfpods`, …), then its
    /// nodeSelector and required node affinity (`NodeAffinity`). Then a
    /// host port already held on the node (`NodePorts`).
    fn admission_refusal(&self, p: &Pod) -> Option<(String, String)> {
        let node = &p.spec.node_name;
        let placed_by_name = !p
            .status
            .conditions
            .iter()
            .any(|c| c.type_ == "PodScheduled");
        if placed_by_name {
            if let Some(n) = self.store.nodes.get("", node) {
                let affinity_refused = !crate::engine::scheduler::node_selector_ok(p, n);
                let alloc = crate::engine::resources::Resource::allocatable(
                    &n.status.allocatable,
                    &n.status.capacity,
                );
                let mut used = crate::engine::resources::Resource::default();
                let mut pods = 0;
                for rt in self.kubelet.pods.values() {
                    if rt.node != *node
                        || rt.uid == p.metadata.uid
                        || rt.terminal.is_some()
                        || rt.stage == Stage::Stopped
                    {
                        continue;
                    }
                    if let Some(other) = self.store.pods.get(&rt.key.0, &rt.key.1) {
                        used.add(&crate::engine::resources::Resource::of_pod(&other.spec));
                        pods += 1;
                    }
                }
                let request = crate::engine::resources::Resource::of_pod(&p.spec);
                if let Some(s) =
                    crate::engine::resources::first_insufficient(&request, &alloc, &used, pods)
                {
                    return Some((
                        format!("OutOf{}", s.name),
                        format!(
                            "Node didn't have enough resource: {}, requested: {}, used: {}, capacity: {}",
                            s.name, s.requested, s.used, s.capacity
                        ),
                    ));
                }
                if affinity_refused {
                    return Some((
                        "NodeAffinity".to_string(),
                        "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector".to_string(),
                    ));
                }
            }
        }
        self.host_ports_taken(p, node).then(|| {
            (
                "NodePorts".to_string(),
                format!(
                    "Predicate NodePorts failed: {}",
                    crate::engine::hostports::NO_FREE_PORTS
                ),
            )
        })
    }

    /// Admission refused the Pod: it fails without running anything, with
    /// the kubelet's reason and message (`rejectPod`: a Warning event, and
    /// the status `Pod was rejected: …`).
    pub(crate) fn kubelet_reject(&mut self, uid: &str, reason: &str, message: &str) {
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        if rt.stage != Stage::Admitted {
            return;
        }
        rt.stage = Stage::Stopped;
        rt.rejected = true;
        rt.terminal = Some((
            "Failed".into(),
            reason.into(),
            format!("Pod was rejected: {message}"),
        ));
        let (k, node) = (rt.key.clone(), rt.node.clone());
        self.write_pod_status(uid);
        if let Some(p) = self.store.pods.get(&k.0, &k.1).cloned() {
            self.record(
                &Object::Pod(p),
                "Warning",
                reason,
                message.to_string(),
                Source {
                    component: "kubelet",
                    host: node.to_string(),
                },
            );
        }
    }

    /// Drops a Pod's runtime: its IP, layers and emptyDirs go with it.
    fn kubelet_forget(&mut self, uid: &str) {
        if let Some(rt) = self.kubelet.pods.remove(uid) {
            if !rt.ip.is_empty() {
                self.network.release_pod_ip(&rt.node, &rt.ip);
            }
            if let Some(n) = self.kubelet.per_node.get_mut(rt.node.as_str()) {
                *n = n.saturating_sub(1);
            }
            if self.kubelet.by_key.get(&rt.key).map(RcStr::as_str) == Some(uid) {
                self.kubelet.by_key.remove(&rt.key);
            }
        }
    }

    /// Dispatches a kubelet step (deferred while its node is silent).
    pub(crate) fn kubelet_step(&mut self, uid: &str, step: Step) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        if self.faults.node_down(&rt.node) {
            let node = rt.node.clone();
            self.kubelet
                .deferred
                .entry(node.to_string())
                .or_default()
                .push((uid.to_string(), step));
            return;
        }
        match step {
            Step::Sandbox => self.kubelet_sandbox(uid),
            Step::Pulled { c, gen, ok, since } => self.kubelet_pulled(uid, c, gen, ok, since),
            Step::PullRetry { c, gen } => self.kubelet_pull(uid, c, gen),
            Step::Started { c, gen } => self.kubelet_started(uid, c, gen),
            Step::Warm { c, gen } => self.kubelet_warm(uid, c, gen),
            Step::Probe { c, gen, kind, at } => self.kubelet_probe(uid, c, gen, kind, at),
            Step::Exit { c, gen, code } => self.kubelet_exit(uid, c, gen, code),
            Step::Reject(why) => self.kubelet_reject(uid, &why.0, &why.1),
            Step::Writes { c, gen } => self.kubelet_writes(uid, c, gen),
            Step::Poll { c, gen } => self.kubelet_poll(uid, c, gen),
            Step::BackOff { c, gen, secs } => self.kubelet_backoff_shown(uid, c, gen, secs),
            Step::Restart { c, gen } => self.kubelet_restart(uid, c, gen),
            Step::StartEphemeral => self.kubelet_start_ephemeral(uid),
            Step::HookFailed { c, gen } => self.kubelet_hook_failed(uid, c, gen),
            Step::PostStartFailed { c, gen } => self.kubelet_post_start_failed(uid, c, gen),
            Step::PostStartDone { c, gen } => self.kubelet_post_start_done(uid, c, gen),
            Step::Stopped { gen } => self.kubelet_stopped(uid, gen),
            Step::CleanedUp { gen } => {
                if self.kubelet.pods.get(uid).is_some_and(|r| r.gen == gen) {
                    self.kubelet_finish_deletion(uid);
                }
            }
        }
    }

    /// Rebuilds `pod.status` from the runtime and writes it if it changed.
    pub(crate) fn write_pod_status(&mut self, uid: &str) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        if self.faults.node_down(&rt.node) {
            return;
        }
        let (ns, name) = rt.key.clone();
        let Some(p) = self.store.pods.get(&ns, &name).cloned() else {
            return;
        };
        if p.metadata.uid != uid {
            return;
        }
        let status = super::status::build_status(&p, rt, self.now);
        if status != p.status {
            // The stored Pod with the new status (the old one is not copied).
            let np = Pod {
                metadata: p.metadata.clone(),
                spec: p.spec.clone(),
                status,
            };
            self.write_status(np);
        }
    }

    /// The runtime of a Pod (containers, layers, emptyDirs), if it runs.
    pub fn pod_runtime(&self, ns: &str, name: &str) -> Option<&PodRuntime> {
        self.kubelet.runtime(&key(ns, name))
    }

    /// Whether a container's app answers on a port right now.
    pub fn container_listens(&self, ns: &str, name: &str, port: u16) -> bool {
        self.listens_when(ns, name, port, |c| c.warm)
    }

    /// Whether a container of the Pod will answer on `port` at `at`: it
    /// runs and its app is up by then (a main process computed at its
    /// start asks about the moments its own waits reach).
    pub fn container_listens_at(&self, ns: &str, name: &str, port: u16, at: SimTime) -> bool {
        self.listens_when(ns, name, port, |c| {
            c.warm || c.warm_at.is_some_and(|w| w <= at)
        })
    }

    /// Whether a running container of the Pod (or a sidecar) that `up`
    /// says is up serves `port`, on a node that answers.
    fn listens_when(&self, ns: &str, name: &str, port: u16, up: impl Fn(&Ctr) -> bool) -> bool {
        let Some(rt) = self.pod_runtime(ns, name) else {
            return false;
        };
        if self.faults.node_down(&rt.node) || rt.stage != Stage::Active {
            return false;
        }
        rt.ctrs
            .iter()
            .chain(rt.inits.iter().filter(|c| c.sidecar))
            .any(|c| {
                up(c)
                    && matches!(c.state, CState::Running { .. })
                    && super::spec_for(&c.image).is_some_and(|s| s.listens.contains(&port))
            })
    }
}
