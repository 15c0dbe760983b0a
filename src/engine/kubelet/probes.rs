//! Probes (R11.3): readiness, liveness and startup, with their timing.
//! Rather than ticking every period forever, the kubelet works out when the
//! next change of outcome will be — the first probe tick at which a streak
//! of successes or failures reaches its threshold — and schedules just that.
//! Ticks fall on `start + initialDelaySeconds + k × periodSeconds`. A probe
//! succeeds when the app is up (its warm-up is over), no fault is injected
//! and its target is real (an httpGet / tcpSocket port the app listens on).

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
fn probe_port(p: &Probe, c: &Container) -> Option<Result<u16, String>> {
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
        let list = if c.init {
            &p.spec.init_containers
        } else {
            &p.spec.containers
        };
        Some((rt.key.clone(), list.get(c.idx)?.clone(), rt.ip.clone()))
    }

    /// Whether a probe of this container succeeds at instant `t`.
    fn probe_ok(
        &self,
        key: &Key,
        c: &Container,
        p: &Probe,
        kind: ProbeKind,
        warm_at: Option<SimTime>,
        t: SimTime,
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
        let ok_once_warm =
            warm_at.is_some() && self.probe_ok(key, c, p, kind, warm_at, SimTime(u64::MAX / 2));
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
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let Some(ct) = rt.ctr_mut(c) else { return };
        let CState::Running { since } = ct.state else {
            return;
        };
        ct.pgen += 1;
        let pgen = ct.pgen;
        let (warm_at, started, ready) = (ct.warm_at, ct.started, ct.ready);
        let now = self.now;
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
                    warm_at,
                    now,
                    true,
                    1,
                ) {
                    plan.push((at, ProbeEvent::StartupPassed));
                } else if let Some(at) = self.streak_end(
                    &key,
                    &spec,
                    sp,
                    ProbeKind::Liveness,
                    since,
                    warm_at,
                    now,
                    false,
                    t.failure,
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
                        warm_at,
                        now,
                        want,
                        need,
                    ) {
                        plan.push((
                            at,
                            if want {
                                ProbeEvent::ReadyOn
                            } else {
                                ProbeEvent::ReadyOff
                            },
                        ));
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
                    warm_at,
                    now,
                    false,
                    t.failure,
                ) {
                    plan.push((at, ProbeEvent::LivenessKill));
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
                    let text =
                        failure_text("Readiness", rp, &spec, &ip, faults.readiness, listening);
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
                let text = failure_text(kind, probe, &spec, &ip, faults.liveness, listening);
                self.probe_event(uid, &spec.name, text);
                let name = spec.name.clone();
                let pod = self.store.pods.get(&key.0, &key.1).cloned();
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
                            host: node,
                        },
                    );
                }
                self.kubelet_exit(uid, c, gen, 137);
                return;
            }
        }
        self.arm_probes(uid, c);
        self.write_pod_status(uid);
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
                host: node,
            },
        );
    }

    /// Faults on a Pod changed: crashes happen now, probes re-plan.
    pub(crate) fn kubelet_faults_changed(&mut self, key: &Key) {
        let Some(uid) = self.kubelet.by_key.get(key).cloned() else {
            return;
        };
        let Some(rt) = self.kubelet.pods.get(&uid) else {
            return;
        };
        let crefs: Vec<(Cref, u64, bool)> = rt
            .ctrs
            .iter()
            .enumerate()
            .map(|(idx, c)| {
                (
                    Cref { init: false, idx },
                    c.gen,
                    matches!(c.state, CState::Running { .. }),
                )
            })
            .collect();
        let crash = self.faults.pod(key).crash;
        for (c, gen, running) in crefs {
            if !running {
                continue;
            }
            if crash {
                let at = self.now + SimDuration::ms(300);
                self.at(
                    at,
                    Wakeup::Kubelet {
                        uid: uid.clone(),
                        step: Step::Exit { c, gen, code: 1 },
                    },
                );
            } else {
                self.arm_probes(&uid, c);
            }
        }
    }
}
