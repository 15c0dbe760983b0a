//! Probes (R11.3): readiness, liveness and startup, with their timing.
//! Rather than ticking every period forever, the kubelet works out when the
//! next change of outcome will be — the first probe tick at which a streak
//! of successes or failures reaches its threshold — and schedules just that.
//! Ticks fall on `start + initialDelaySeconds + k × periodSeconds`. A probe
//! succeeds when the app is up (its warm-up is over), no fault is injected
//! and its target is real (an httpGet / tcpSocket port the app listens on).
//! Where the console can run the probe (`Config::probe_judge`: an exec
//! probe's command in the container, an httpGet against nginx), its verdict
//! on the container as it is now decides instead; what could change that
//! verdict — a `kubectl exec` that moves a file, a fault — re-plans the
//! probes (`recheck_probes`), so the closed form still holds between changes.

use super::{CState, Cref, ProbeEvent, Step};
use crate::engine::faults::ProbeKind;
use crate::engine::images;
use crate::engine::objects::pod::Probe;
use crate::engine::objects::{Container, IntOrString, Object};
use crate::engine::recorder::Source;
use crate::engine::store::Key;
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::{Engine, Wakeup};

struct Timing {
    delay: u64,
    period: u64,
    success: u64,
    failure: u64,
}

fn timing(p: &Probe) -> Timing {
    Timing {
        delay: p.initial_delay_seconds.unwrap_or(0).max(0) as u64 * 1000,
        period: p.period_seconds.unwrap_or(10).max(1) as u64 * 1000,
        success: p.success_threshold.unwrap_or(1).max(1) as u64,
        failure: p.failure_threshold.unwrap_or(3).max(1) as u64,
    }
}

/// The port a probe targets, with named ports resolved against the container.
pub(crate) fn probe_port(p: &Probe, c: &Container) -> Option<Result<u16, String>> {
    let port = p
        .http_get
        .as_ref()
        .map(|h| &h.port)
        .or(p.tcp_socket.as_ref().map(|t| &t.port))?;
    Some(match port {
        IntOrString::Int(n) => u16::try_from(*n).map_err(|_| n.to_string()),
        IntOrString::Str(name) => c
            .ports
            .iter()
            .find(|cp| cp.name == *name)
            .and_then(|cp| u16::try_from(cp.container_port).ok())
            .ok_or_else(|| name.clone()),
    })
}

/// Why a probe fails, in the kubelet's words (the `Unhealthy` event).
fn failure_text(
    kind: &str,
    p: &Probe,
    c: &Container,
    ip: &str,
    fault: bool,
    listening: bool,
) -> String {
    if let Some(h) = &p.http_get {
        let port = probe_port(p, c)
            .and_then(Result::ok)
            .map(|n| n.to_string())
            .unwrap_or_else(|| h.port.to_string());
        let path = h.path.clone().unwrap_or_else(|| "/".into());
        let scheme = h
            .scheme
            .clone()
            .unwrap_or_else(|| "HTTP".into())
            .to_lowercase();
        if fault && listening {
            return format!("{kind} probe failed: HTTP probe failed with statuscode: 503");
        }
        return format!("{kind} probe failed: Get \"{scheme}://{ip}:{port}{path}\": dial tcp {ip}:{port}: connect: connection refused");
    }
    if p.tcp_socket.is_some() {
        let port = probe_port(p, c)
            .and_then(Result::ok)
            .map(|n| n.to_string())
            .unwrap_or_default();
        return format!("{kind} probe failed: dial tcp {ip}:{port}: connect: connection refused");
    }
    if p.grpc.is_some() {
        return format!("{kind} probe failed: timeout: failed to connect service \":\" within 1s: context deadline exceeded");
    }
    format!("{kind} probe errored and resulted in unknown state: command failed with exit code 1")
}

impl Engine {
    fn container_spec(&self, uid: &str, c: Cref) -> Option<(Key, Container, String)> {
        let rt = self.kubelet.pods.get(uid)?;
        let p = self.store.pods.get(&rt.key.0, &rt.key.1)?;
        Some((rt.key.clone(), c.spec_in(p)?.clone(), rt.ip.to_string()))
    }

    /// Whether a probe of this container succeeds at instant `t`.
    #[allow(clippy::too_many_arguments)]
    fn probe_ok(
        &self,
        key: &Key,
        c: &Container,
        p: &Probe,
        kind: ProbeKind,
        warm_at: Option<SimTime>,
        t: SimTime,
        judged: Option<bool>,
    ) -> bool {
        let faults = self.faults.pod(key);
        let injected = match kind {
            ProbeKind::Readiness => faults.readiness,
            ProbeKind::Liveness => faults.liveness,
        };
        if injected {
            return false;
        }
        if warm_at.is_none_or(|w| t < w) {
            return false;
        }
        if let Some(ok) = judged {
            return ok;
        }
        match probe_port(p, c) {
            None => true,
            Some(Err(_)) => false,
            Some(Ok(port)) => {
                images::lookup(&c.image).is_ok_and(|s| s.listens.contains(&port))
                    || c.ports.iter().any(|cp| cp.container_port == port as i64)
                        && images::lookup(&c.image).is_err()
            }
        }
    }

    /// The first tick at or after `from` that ends a streak of `need`
    /// outcomes equal to `want`. Outcomes are a step function of time —
    /// failing until the app is warm, then constant until faults change (and
    /// a fault change re-arms) — so the answer has a closed form.
    #[allow(clippy::too_many_arguments)]
    fn streak_end(
        &self,
        key: &Key,
        c: &Container,
        p: &Probe,
        kind: ProbeKind,
        start: SimTime,
        warm_at: Option<SimTime>,
        from: SimTime,
        want: bool,
        need: u64,
        judged: Option<bool>,
    ) -> Option<SimTime> {
        let t = timing(p);
        let first = start + SimDuration::ms(t.delay);
        let tick_at_or_after = |x: SimTime| -> SimTime {
            if x <= first {
                first
            } else {
                first + SimDuration::ms((x.as_ms() - first.as_ms()).div_ceil(t.period) * t.period)
            }
        };
        let ok_once_warm = warm_at.is_some()
            && self.probe_ok(key, c, p, kind, warm_at, SimTime(u64::MAX / 2), judged);
        let span = SimDuration::ms((need - 1) * t.period);
        if want {
            let w = warm_at?;
            if !ok_once_warm {
                return None;
            }
            Some(tick_at_or_after(from.max(w)) + span)
        } else {
            let end = tick_at_or_after(from) + span;
            match warm_at {
                Some(w) if ok_once_warm && end >= w => None,
                _ => Some(end),
            }
        }
    }

    /// (Re)schedules the next probe outcome changes of a running container.
    pub(crate) fn arm_probes(&mut self, uid: &str, c: Cref) {
        let Some((key, spec, _)) = self.container_spec(uid, c) else {
            return;
        };
        // The console's verdicts, on the container as it is now. An exec
        // probe runs as soon as the container does (it needs no listening
        // app); an httpGet before the app is up fails anyway, and
        // `kubelet_warm` re-plans when it is.
        let (running, warm, started) = self
            .kubelet
            .pods
            .get(uid)
            .and_then(|r| r.ctr(c))
            .map(|ct| {
                let running = matches!(ct.state, CState::Running { .. });
                (running, running && ct.warm, ct.started)
            })
            .unwrap_or((false, false, false));
        let verdict = |this: &mut Self, p: Option<&Probe>| -> Option<bool> {
            let p = p?;
            if !(warm || running && p.exec.is_some()) {
                return None;
            }
            this.judge(&key, &spec.name, Some(p)).map(|r| r.is_ok())
        };
        // Only the probes the plan below consults: the startup probe until
        // it has passed, then readiness and liveness.
        let (j_start, j_ready, j_live) = if started {
            (
                None,
                verdict(self, spec.readiness_probe.as_deref()),
                verdict(self, spec.liveness_probe.as_deref()),
            )
        } else {
            (verdict(self, spec.startup_probe.as_deref()), None, None)
        };
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let Some(ct) = rt.ctr_mut(c) else { return };
        let CState::Running { since } = ct.state else {
            return;
        };
        ct.pgen += 1;
        let pgen = ct.pgen;
        // The liveness failure streak (see `Ctr::live_failing_since`): kept
        // while the judged probe keeps failing in this run of the container.
        ct.live_failing_since = match (j_live, ct.live_failing_since) {
            (Some(false), Some(t)) if t >= since => Some(t),
            (Some(false), _) => Some(self.now),
            _ => None,
        };
        let live_from = ct.live_failing_since.unwrap_or(self.now);
        let (warm_at, ready) = (ct.warm_at, ct.ready);
        let now = self.now;
        // When a probe can first pass: a judged exec probe from the start.
        let up_at = |p: &Probe, judged: Option<bool>| {
            if p.exec.is_some() && judged.is_some() {
                Some(since)
            } else {
                warm_at
            }
        };
        let mut plan: Vec<(SimTime, ProbeEvent)> = Vec::new();
        if !started {
            if let Some(sp) = &spec.startup_probe {
                let t = timing(sp);
                if let Some(at) = self.streak_end(
                    &key,
                    &spec,
                    sp,
                    ProbeKind::Liveness,
                    since,
                    up_at(sp, j_start),
                    now,
                    true,
                    1,
                    j_start,
                ) {
                    plan.push((at, ProbeEvent::StartupPassed));
                } else if let Some(at) = self.streak_end(
                    &key,
                    &spec,
                    sp,
                    ProbeKind::Liveness,
                    since,
                    up_at(sp, j_start),
                    now,
                    false,
                    t.failure,
                    j_start,
                ) {
                    plan.push((at, ProbeEvent::LivenessKill));
                }
            }
        } else {
            match &spec.readiness_probe {
                Some(rp) => {
                    let t = timing(rp);
                    let want = !ready;
                    let need = if want { t.success } else { t.failure };
                    if let Some(at) = self.streak_end(
                        &key,
                        &spec,
                        rp,
                        ProbeKind::Readiness,
                        since,
                        up_at(rp, j_ready),
                        now,
                        want,
                        need,
                        j_ready,
                    ) {
                        plan.push((
                            at,
                            if want {
                                ProbeEvent::ReadyOn
                            } else {
                                ProbeEvent::ReadyOff
                            },
                        ));
                    } else if want && j_ready == Some(false) {
                        // Failing while not ready: the prober reports each
                        // failure (`Unhealthy`, counted by the recorder).
                        let first = since + SimDuration::ms(t.delay);
                        let next = if now < first {
                            first
                        } else {
                            first
                                + SimDuration::ms(
                                    ((now.as_ms() - first.as_ms()) / t.period + 1) * t.period,
                                )
                        };
                        plan.push((next, ProbeEvent::ReadyOff));
                    }
                }
                // No readiness probe: ready as soon as it runs (and has started).
                None if !ready => {
                    if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                        ct.ready = true;
                    }
                }
                None => {}
            }
            if let Some(lp) = &spec.liveness_probe {
                let t = timing(lp);
                if let Some(at) = self.streak_end(
                    &key,
                    &spec,
                    lp,
                    ProbeKind::Liveness,
                    since,
                    up_at(lp, j_live),
                    live_from,
                    false,
                    t.failure,
                    j_live,
                ) {
                    plan.push((at.max(now), ProbeEvent::LivenessKill));
                }
            }
        }
        for (at, what) in plan {
            self.at(
                at,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Probe { c, gen: pgen, what },
                },
            );
        }
    }

    pub(crate) fn kubelet_probe(&mut self, uid: &str, c: Cref, pgen: u64, what: ProbeEvent) {
        let Some((key, spec, ip)) = self.container_spec(uid, c) else {
            return;
        };
        let Some(ct) = self.kubelet.pods.get(uid).and_then(|r| r.ctr(c)) else {
            return;
        };
        if ct.pgen != pgen || !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        let gen = ct.gen;
        let listening = ct.warm;
        let faults = self.faults.pod(&key);
        match what {
            ProbeEvent::ReadyOn => {
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.ready = true;
                }
            }
            ProbeEvent::ReadyOff => {
                if let Some(rp) = &spec.readiness_probe {
                    let text = match self.judge(&key, &spec.name, Some(rp)) {
                        Some(Err(why)) if !faults.readiness => {
                            format!("Readiness probe failed: {why}")
                        }
                        _ => failure_text("Readiness", rp, &spec, &ip, faults.readiness, listening),
                    };
                    self.probe_event(uid, &spec.name, text);
                }
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.ready = false;
                }
            }
            ProbeEvent::StartupPassed => {
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.started = true;
                }
            }
            ProbeEvent::LivenessKill => {
                let (probe, kind) = match (&spec.startup_probe, ct.started) {
                    (Some(sp), false) => (sp, "Startup"),
                    _ => match &spec.liveness_probe {
                        Some(lp) => (lp, "Liveness"),
                        None => return,
                    },
                };
                let probe = probe.clone();
                let text = match self.judge(&key, &spec.name, Some(&probe)) {
                    Some(Err(why)) if !faults.liveness => format!("{kind} probe failed: {why}"),
                    _ => failure_text(kind, &probe, &spec, &ip, faults.liveness, listening),
                };
                self.probe_event(uid, &spec.name, text);
                let name = spec.name.clone();
                let pod = self.store.pods.get(&key.0, &key.1).cloned();
                let pod_grace = pod
                    .as_ref()
                    .and_then(|p| p.spec.termination_grace_period_seconds);
                if let Some(p) = pod {
                    let node = p.spec.node_name.clone();
                    self.record_on(
                        &Object::Pod(p),
                        Some(format!("spec.containers{{{name}}}")),
                        "Normal",
                        "Killing",
                        format!(
                            "Container {name} failed {} probe, will be restarted",
                            kind.to_lowercase()
                        ),
                        Source {
                            component: "kubelet",
                            host: node.to_string(),
                        },
                    );
                }
                // The kubelet stops the container as on a deletion: its
                // preStop hook, SIGTERM, SIGKILL when the grace period (the
                // probe's own, else the Pod's) runs out. A shell that
                // ignores SIGTERM holds the restart back by the whole grace
                // period (why probes got `terminationGracePeriodSeconds`).
                let grace = probe
                    .termination_grace_period_seconds
                    .or(pod_grace)
                    .unwrap_or(30)
                    .max(0) as u64;
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.killed_for_probe = true;
                }
                self.kubelet_kill_container(uid, c, gen, &spec, grace, listening);
                return;
            }
        }
        self.arm_probes(uid, c);
        self.write_pod_status(uid);
    }

    /// The console's verdict on a probe (`Config::probe_judge`), if it has one.
    fn judge(
        &mut self,
        key: &Key,
        container: &str,
        probe: Option<&Probe>,
    ) -> Option<Result<(), String>> {
        let judge = self.config.probe_judge?;
        judge(self, key, container, probe?)
    }

    /// Something a probe looks at may have changed in this Pod (a command
    /// ran in one of its containers): its running containers re-plan their
    /// probes from now, as the prober's next ticks would find out.
    /// Only containers with a probe the console can run re-plan: the
    /// others' verdicts cannot have changed.
    pub fn recheck_probes(&mut self, key: &Key) {
        if self.config.probe_judge.is_none() {
            return;
        }
        let Some(uid) = self.kubelet.by_key.get(key).cloned() else {
            return;
        };
        let Some(pod) = self.store.pods.get(&key.0, &key.1).cloned() else {
            return;
        };
        let judged = |p: &Option<Box<Probe>>| {
            p.as_ref()
                .is_some_and(|p| p.exec.is_some() || p.http_get.is_some())
        };
        let mut armed = false;
        for (c, _) in self.running_containers(key) {
            let Some(spec) = pod.spec.containers.get(c.idx) else {
                continue;
            };
            if judged(&spec.readiness_probe)
                || judged(&spec.liveness_probe)
                || judged(&spec.startup_probe)
            {
                self.arm_probes(&uid, c);
                armed = true;
            }
        }
        if armed {
            self.write_pod_status(&uid);
        }
    }

    /// The app containers of a Pod that are running, with their generation.
    fn running_containers(&self, key: &Key) -> Vec<(Cref, u64)> {
        let Some(rt) = self
            .kubelet
            .by_key
            .get(key)
            .and_then(|uid| self.kubelet.pods.get(uid))
        else {
            return Vec::new();
        };
        rt.ctrs
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.state, CState::Running { .. }))
            .map(|(idx, c)| (Cref::app(idx), c.gen))
            .collect()
    }

    fn probe_event(&mut self, uid: &str, container: &str, text: String) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let Some(p) = self.store.pods.get(&rt.key.0, &rt.key.1).cloned() else {
            return;
        };
        let node = p.spec.node_name.clone();
        self.record_on(
            &Object::Pod(p),
            Some(format!("spec.containers{{{container}}}")),
            "Warning",
            "Unhealthy",
            text,
            Source {
                component: "kubelet",
                host: node.to_string(),
            },
        );
    }

    /// Faults on a Pod changed: crashes happen now, probes re-plan.
    pub(crate) fn kubelet_faults_changed(&mut self, key: &Key) {
        let Some(uid) = self.kubelet.by_key.get(key).cloned() else {
            return;
        };
        let crash = self.faults.pod(key).crash;
        for (c, gen) in self.running_containers(key) {
            if crash {
                let at = self.now + SimDuration::ms(300);
                self.at(
                    at,
                    Wakeup::Kubelet {
                        uid: uid.to_string(),
                        step: Step::Exit { c, gen, code: 1 },
                    },
                );
            } else {
                self.arm_probes(&uid, c);
            }
        }
    }
}
