//! Probes (R11.3): readiness, liveness and startup, as the kubelet's probe
//! workers run them (pkg/kubelet/prober/worker.go `doProbe`, prober.go
//! `probe`). A worker ticks every `periodSeconds` from when the kubelet
//! began handling the Pod (its admission); a tick probes the container if
//! it runs, has run for `initialDelaySeconds` and has started (the startup
//! probe: has not started). Every failed probe records a Warning
//! `Unhealthy` event on the container ("Readiness probe failed: …"; the
//! recorder counts the repeats); `failureThreshold` failures in a row make
//! the container unready or, for liveness and startup, restart it (the
//! worker then waits for the new container); `successThreshold` successes
//! in a row make it ready. A probe that cannot be run (a named port the
//! container does not have) "errored": an event, and the result is thrown
//! away. When the Pod is being deleted, liveness and startup probes stop
//! and readiness probes go on while the containers run.
//!
//! Only failures and changes can be seen, so only those ticks wake the
//! kubelet. A probe's outcome is a step function of time — failing until
//! the app answers (`warm_at`), then constant until something it looks at
//! changes, and each such change plans the probes again (`arm_probes`: a
//! fault, a `kubectl exec`, the app warming up, a restart). So a failing
//! tick runs on its own wakeup; a passing stretch wakes the kubelet only at
//! the tick where its success threshold changes something, and its other
//! ticks are counted when the plan changes (`count_passes`). Ready Pods
//! whose probes pass cost nothing per period.
//!
//! Where the console can run the probe (`Config::probe_judge`: an exec
//! probe's command in the container, an httpGet against nginx), its verdict
//! on the container as it is now decides; otherwise a probe succeeds when
//! the app is up, no fault is injected and its target is real (an httpGet
//! / tcpSocket port the app listens on).

use super::{CState, Cref, ProbeType, ProbeWorker, Stage, Step};
use crate::engine::faults::PodFaults;
use crate::engine::images;
use crate::engine::objects::pod::Probe;
use crate::engine::objects::{Container, IntOrString};
use crate::engine::store::Key;
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::{Engine, Wakeup};

impl ProbeType {
    /// In the order a tick after a start looks at them: the startup probe
    /// gates the others.
    const ALL: [ProbeType; 3] = [
        ProbeType::Startup,
        ProbeType::Readiness,
        ProbeType::Liveness,
    ];

    fn idx(self) -> usize {
        match self {
            ProbeType::Readiness => 0,
            ProbeType::Liveness => 1,
            ProbeType::Startup => 2,
        }
    }

    /// As the kubelet's events name it (`probeType.String()`).
    pub fn name(self) -> &'static str {
        match self {
            ProbeType::Readiness => "Readiness",
            ProbeType::Liveness => "Liveness",
            ProbeType::Startup => "Startup",
        }
    }

    /// This kind's probe of a container, if it has one.
    pub fn of(self, c: &Container) -> Option<&Probe> {
        match self {
            ProbeType::Readiness => c.readiness_probe.as_deref(),
            ProbeType::Liveness => c.liveness_probe.as_deref(),
            ProbeType::Startup => c.startup_probe.as_deref(),
        }
    }

    /// Whether `sim fail` makes it fail (a liveness fault fails startup
    /// probes too: both restart the container).
    fn injected(self, f: &PodFaults) -> bool {
        match self {
            ProbeType::Readiness => f.readiness,
            ProbeType::Liveness | ProbeType::Startup => f.liveness,
        }
    }
}

struct Timing {
    delay: SimDuration,
    period: u64,
    success: u32,
    failure: u32,
}

/// The probe's fields with the API's defaults (R11.3).
fn timing(p: &Probe) -> Timing {
    Timing {
        delay: SimDuration::secs(p.initial_delay_seconds.unwrap_or(0).max(0) as u64),
        period: p.period_seconds.unwrap_or(10).max(1) as u64 * 1000,
        success: p.success_threshold.unwrap_or(1).clamp(1, u32::MAX as i64) as u32,
        failure: p.failure_threshold.unwrap_or(3).clamp(1, u32::MAX as i64) as u32,
    }
}

/// The first tick at or after `x` of a worker that ticks every `period`
/// ms from `anchor`.
fn tick_at_or_after(anchor: SimTime, period: u64, x: SimTime) -> SimTime {
    if x <= anchor {
        anchor
    } else {
        anchor + SimDuration::ms((x.as_ms() - anchor.as_ms()).div_ceil(period) * period)
    }
}

/// How many ticks fall in `[from, to)`.
fn ticks_in(anchor: SimTime, period: u64, from: SimTime, to: SimTime) -> u64 {
    let first = tick_at_or_after(anchor, period, from);
    if first >= to {
        0
    } else {
        (to.as_ms() - first.as_ms() - 1) / period + 1
    }
}

/// Counts the passing ticks from `w.next` up to `until` (excluded) that
/// ran without a wakeup each, as the worker would have counted them.
fn count_passes(w: &mut ProbeWorker, anchor: SimTime, period: u64, until: SimTime) {
    if !w.passing {
        return;
    }
    let k = ticks_in(anchor, period, w.next, until);
    if k > 0 {
        let k = u32::try_from(k).unwrap_or(u32::MAX);
        w.run = if w.last == Some(true) {
            w.run.saturating_add(k)
        } else {
            k
        };
        w.last = Some(true);
        w.next = tick_at_or_after(anchor, period, until);
    }
}

/// What one run of a probe gives (prober.go `probe`): a success, a
/// failure, or an error (the probe could not be run; the worker throws
/// the result away). Failures and errors carry the event's message.
enum Outcome {
    Pass,
    Fail(String),
    Error(String),
}

/// The port a probe targets, with named ports resolved against the
/// container (`probe.ResolveContainerPort`); the error is the kubelet's.
pub(crate) fn probe_port(p: &Probe, c: &Container) -> Option<Result<u16, String>> {
    let port = p
        .http_get
        .as_ref()
        .map(|h| &h.port)
        .or(p.tcp_socket.as_ref().map(|t| &t.port))?;
    let number = match port {
        IntOrString::Int(n) => *n,
        IntOrString::Str(name) => match c.ports.iter().find(|cp| cp.name == *name) {
            Some(cp) => cp.container_port,
            // "Last ditch effort - maybe it was an int stored as string?"
            None => match name.parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    return Some(Err(format!(
                        "strconv.Atoi: parsing {name:?}: invalid syntax"
                    )))
                }
            },
        },
    };
    Some(match u16::try_from(number) {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("invalid port number: {number}")),
    })
}

/// Whether the port model lets a probe pass once the app is up: an exec or
/// gRPC probe does; an httpGet or tcpSocket one if the app listens on its
/// port (for an image without a model, a port the container declares).
fn target_answers(p: &Probe, c: &Container) -> bool {
    match probe_port(p, c) {
        None => true,
        Some(Err(_)) => false,
        Some(Ok(port)) => match images::lookup(&c.image) {
            Ok(s) => s.listens.contains(&port),
            Err(_) => c.ports.iter().any(|cp| cp.container_port == port as i64),
        },
    }
}

/// Why a probe fails, in the kubelet's words (the `Unhealthy` event), where
/// the console cannot run it: nothing answers the port yet (Go's dialer:
/// `connect: connection refused`), or a fault makes a listening server
/// answer 503; an exec probe's command fails without output.
fn failure_text(
    kind: ProbeType,
    p: &Probe,
    c: &Container,
    ip: &str,
    fault: bool,
    listening: bool,
) -> String {
    let kind = kind.name();
    if let Some(h) = &p.http_get {
        let port = probe_port(p, c)
            .and_then(Result::ok)
            .map(|n| n.to_string())
            .unwrap_or_else(|| h.port.to_string());
        let host = h.host.as_deref().filter(|h| !h.is_empty()).unwrap_or(ip);
        let path = h.path.clone().unwrap_or_default();
        let path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        let scheme = h
            .scheme
            .clone()
            .unwrap_or_else(|| "HTTP".into())
            .to_lowercase();
        if fault && listening {
            return format!("{kind} probe failed: HTTP probe failed with statuscode: 503");
        }
        return format!("{kind} probe failed: Get \"{scheme}://{host}:{port}{path}\": dial tcp {host}:{port}: connect: connection refused");
    }
    if p.tcp_socket.is_some() {
        let port = probe_port(p, c)
            .and_then(Result::ok)
            .map(|n| n.to_string())
            .unwrap_or_default();
        return format!("{kind} probe failed: dial tcp {ip}:{port}: connect: connection refused");
    }
    if let Some(g) = &p.grpc {
        let port = g.get("port").and_then(|v| v.as_i64()).unwrap_or(0);
        let timeout = p.timeout_seconds.unwrap_or(1).max(1);
        return format!("{kind} probe failed: timeout: failed to connect service \"{ip}:{port}\" within {timeout}s: context deadline exceeded");
    }
    format!("{kind} probe failed: ")
}

impl Engine {
    fn worker_mut(&mut self, uid: &str, c: Cref, kind: ProbeType) -> Option<&mut ProbeWorker> {
        let ct = self.kubelet.pods.get_mut(uid)?.ctr_mut(c)?;
        let ws = ct.probes.get_or_insert_with(Default::default);
        Some(&mut ws[kind.idx()])
    }

    /// One run of a probe now (prober.go `runProbe`): a fault fails it; the
    /// console's verdict decides where it can run the probe; otherwise the
    /// port model once the app is up. Also the console's verdict, if it
    /// ran the probe (planning from now reuses it).
    fn probe_now(
        &mut self,
        key: &Key,
        spec: &Container,
        p: &Probe,
        kind: ProbeType,
        up: bool,
        ip: &str,
    ) -> (Outcome, Option<bool>) {
        if let Some(Err(why)) = probe_port(p, spec) {
            let why = format!(
                "{} probe errored and resulted in unknown state: {why}",
                kind.name()
            );
            return (Outcome::Error(why), None);
        }
        if kind.injected(&self.faults.pod(key)) {
            return (
                Outcome::Fail(failure_text(kind, p, spec, ip, true, up)),
                None,
            );
        }
        if up || p.exec.is_some() {
            if let Some(verdict) = self.judge(key, &spec.name, Some(p)) {
                let ok = verdict.is_ok();
                let outcome = match verdict {
                    Ok(()) => Outcome::Pass,
                    Err(why) => Outcome::Fail(format!("{} probe failed: {why}", kind.name())),
                };
                return (outcome, Some(ok));
            }
        }
        if up && target_answers(p, spec) {
            (Outcome::Pass, None)
        } else {
            (
                Outcome::Fail(failure_text(kind, p, spec, ip, false, up)),
                None,
            )
        }
    }

    /// From when the probe passes if nothing changes (None: it keeps
    /// failing). The same decision as `probe_now`, over time; `judged` is
    /// the console's verdict of a moment ago, if the probe just ran.
    #[allow(clippy::too_many_arguments)]
    fn passes_from(
        &mut self,
        key: &Key,
        spec: &Container,
        p: &Probe,
        kind: ProbeType,
        up: bool,
        warm_at: Option<SimTime>,
        judged: Option<bool>,
    ) -> Option<SimTime> {
        if matches!(probe_port(p, spec), Some(Err(_))) || kind.injected(&self.faults.pod(key)) {
            return None;
        }
        if let Some(ok) = judged {
            return ok.then_some(self.now);
        }
        if up || p.exec.is_some() {
            if let Some(verdict) = self.judge(key, &spec.name, Some(p)) {
                return verdict.is_ok().then_some(self.now);
            }
        }
        if target_answers(p, spec) {
            warm_at
        } else {
            None
        }
    }

    /// Plans the probes of a running container again from now (see the
    /// module's comment): after a start, a warm-up, a fault, a command
    /// that may have changed what they look at.
    pub(crate) fn arm_probes(&mut self, uid: &str, c: Cref) {
        let Some(pod) = self.pod_of(uid) else { return };
        let Some(spec) = c.spec_in(&pod) else { return };
        let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
            return;
        };
        if !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        // No readiness probe: ready as soon as it runs (and has started).
        if spec.readiness_probe.is_none() && ct.started {
            ct.ready = true;
        }
        if spec.readiness_probe.is_none()
            && spec.liveness_probe.is_none()
            && spec.startup_probe.is_none()
        {
            return;
        }
        ct.pgen += 1;
        for kind in ProbeType::ALL {
            self.plan_probe(uid, c, spec, kind, None);
        }
    }

    /// Whether a worker probes at its ticks: not on hold, and the startup
    /// probe until the container has started, the others after; liveness
    /// and startup probes stop when the Pod is being deleted
    /// (`StopLivenessAndStartup`), readiness probes go on.
    fn probing(kind: ProbeType, w: &ProbeWorker, started: bool, stage: Stage) -> bool {
        !w.hold
            && match kind {
                ProbeType::Readiness => started,
                ProbeType::Liveness => started && stage == Stage::Active,
                ProbeType::Startup => !started && stage == Stage::Active,
            }
    }

    /// Plans one worker from now: a wakeup at its next tick if the probe
    /// fails then; if it passes, none until its success threshold changes
    /// something (the container turns ready or started), if it does.
    fn plan_probe(
        &mut self,
        uid: &str,
        c: Cref,
        spec: &Container,
        kind: ProbeType,
        judged: Option<bool>,
    ) {
        let Some(p) = kind.of(spec) else { return };
        let t = timing(p);
        let now = self.now;
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let (anchor, stage, key) = (rt.admitted_at, rt.stage, rt.key.clone());
        let Some(ct) = rt.ctr(c) else { return };
        let CState::Running { since } = ct.state else {
            return;
        };
        let (started, ready, pgen, warm_at) = (ct.started, ct.ready, ct.pgen, ct.warm_at);
        let up = ct.warm || warm_at.is_some_and(|w| w <= now);
        let mut w = ct
            .probes
            .as_deref()
            .map(|ws| ws[kind.idx()])
            .unwrap_or_default();
        count_passes(&mut w, anchor, t.period, now);
        w.passing = false;
        w.due = None;
        if Self::probing(kind, &w, started, stage) {
            let t0 = tick_at_or_after(anchor, t.period, w.next.max(now).max(since + t.delay));
            w.next = t0;
            let from = self.passes_from(&key, spec, p, kind, up, warm_at, judged);
            if from.is_some_and(|f| t0 >= f) {
                w.passing = true;
                let pending = match kind {
                    ProbeType::Readiness => !ready,
                    ProbeType::Startup => !started,
                    ProbeType::Liveness => false,
                };
                if pending {
                    let base = if w.last == Some(true) { w.run } else { 0 };
                    let more = t.success.saturating_sub(base).max(1);
                    w.due = Some(t0 + SimDuration::ms(u64::from(more - 1) * t.period));
                }
            } else {
                w.due = Some(t0);
            }
        }
        let due = w.due;
        if let Some(slot) = self.worker_mut(uid, c, kind) {
            *slot = w;
        }
        if let Some(at) = due {
            self.at(
                at,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Probe {
                        c,
                        gen: pgen,
                        kind,
                        at,
                    },
                },
            );
        }
    }

    /// The container stopped running: its workers count what passed until
    /// now and wait for the next container (readiness probes of a container
    /// that is not running do not run).
    pub(crate) fn probes_stopped(&mut self, uid: &str, c: Cref) {
        let Some(pod) = self.pod_of(uid) else { return };
        let Some(spec) = c.spec_in(&pod) else { return };
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let anchor = rt.admitted_at;
        let now = self.now;
        let Some(ws) = rt.ctr_mut(c).and_then(|ct| ct.probes.as_deref_mut()) else {
            return;
        };
        for kind in ProbeType::ALL {
            let Some(p) = kind.of(spec) else { continue };
            let w = &mut ws[kind.idx()];
            count_passes(w, anchor, timing(p).period, now);
            w.passing = false;
            w.due = None;
        }
    }

    /// A new container runs: workers on hold after a failure probe again.
    pub(crate) fn probes_new_container(&mut self, uid: &str, c: Cref) {
        if let Some(ws) = self
            .kubelet
            .pods
            .get_mut(uid)
            .and_then(|r| r.ctr_mut(c))
            .and_then(|ct| ct.probes.as_deref_mut())
        {
            for w in ws.iter_mut() {
                w.hold = false;
                w.passing = false;
                w.due = None;
            }
        }
    }

    /// A worker's tick (`doProbe`): the probe runs, a failure is reported,
    /// the result is counted, and a threshold reached changes the
    /// container's readiness, marks it started, or restarts it.
    pub(crate) fn kubelet_probe(
        &mut self,
        uid: &str,
        c: Cref,
        pgen: u64,
        kind: ProbeType,
        at: SimTime,
    ) {
        let Some(pod) = self.pod_of(uid) else { return };
        let Some(spec) = c.spec_in(&pod) else { return };
        let Some(p) = kind.of(spec) else { return };
        let t = timing(p);
        let now = self.now;
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let (anchor, stage, key, ip) = (rt.admitted_at, rt.stage, rt.key.clone(), rt.ip.clone());
        let Some(ct) = rt.ctr_mut(c) else { return };
        let CState::Running { since } = ct.state else {
            return;
        };
        if ct.pgen != pgen {
            return;
        }
        let (started, warm, gen) = (ct.started, ct.warm, ct.gen);
        let up = warm || ct.warm_at.is_some_and(|w| w <= now);
        let Some(w) = ct.probes.as_deref_mut().map(|ws| &mut ws[kind.idx()]) else {
            return;
        };
        if w.due != Some(at) {
            return;
        }
        w.due = None;
        count_passes(w, anchor, t.period, at);
        w.passing = false;
        // A tick replayed late (its node was silent) counts as one.
        w.next = tick_at_or_after(anchor, t.period, now + SimDuration::ms(1));
        if !Self::probing(kind, w, started, stage) || now < since + t.delay {
            self.plan_probe(uid, c, spec, kind, None);
            return;
        }
        let (outcome, judged) = self.probe_now(&key, spec, p, kind, up, &ip);
        let ok = match outcome {
            Outcome::Pass => true,
            Outcome::Fail(message) => {
                self.kubelet_event(uid, Some(c), "Warning", "Unhealthy", message);
                false
            }
            Outcome::Error(message) => {
                self.kubelet_event(uid, Some(c), "Warning", "Unhealthy", message);
                // "Prober error, throw away the result."
                self.plan_probe(uid, c, spec, kind, judged);
                return;
            }
        };
        let Some(w) = self.worker_mut(uid, c, kind) else {
            return;
        };
        w.run = if w.last == Some(ok) {
            w.run.saturating_add(1)
        } else {
            1
        };
        w.last = Some(ok);
        let threshold = if ok { t.success } else { t.failure };
        if w.run < threshold {
            self.plan_probe(uid, c, spec, kind, judged);
            return;
        }
        match (kind, ok) {
            (ProbeType::Liveness | ProbeType::Startup, false) => {
                // On hold until a new container runs.
                w.hold = true;
                w.run = 0;
                self.probe_kill(uid, c, spec, p, kind, gen, warm);
            }
            (ProbeType::Startup, true) => {
                let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
                    return;
                };
                ct.started = true;
                // Readiness and liveness probes begin.
                self.arm_probes(uid, c);
                self.write_pod_status(uid);
            }
            (ProbeType::Readiness, ok) => {
                let changed = self
                    .kubelet
                    .pods
                    .get_mut(uid)
                    .and_then(|r| r.ctr_mut(c))
                    .is_some_and(|ct| std::mem::replace(&mut ct.ready, ok) != ok);
                self.plan_probe(uid, c, spec, kind, judged);
                if changed {
                    self.write_pod_status(uid);
                }
            }
            (ProbeType::Liveness, true) => self.plan_probe(uid, c, spec, kind, judged),
        }
    }

    /// A liveness or startup probe failed `failureThreshold` times: the
    /// kubelet restarts the container. It stops it as on a deletion: its
    /// preStop hook, SIGTERM, SIGKILL when the grace period (the probe's
    /// own, else the Pod's) runs out. A shell that ignores SIGTERM holds
    /// the restart back by the whole grace period (why probes got
    /// `terminationGracePeriodSeconds`). Its readiness probe goes on
    /// meanwhile.
    #[allow(clippy::too_many_arguments)]
    fn probe_kill(
        &mut self,
        uid: &str,
        c: Cref,
        spec: &Container,
        p: &Probe,
        kind: ProbeType,
        gen: u64,
        listening: bool,
    ) {
        let name = &spec.name;
        self.kubelet_event(
            uid,
            Some(c),
            "Normal",
            "Killing",
            format!(
                "Container {name} failed {} probe, will be restarted",
                kind.name().to_lowercase()
            ),
        );
        let pod_grace = self
            .pod_of(uid)
            .and_then(|p| p.spec.termination_grace_period_seconds);
        let grace = p
            .termination_grace_period_seconds
            .or(pod_grace)
            .unwrap_or(30)
            .max(0) as u64;
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            ct.killed_for_probe = true;
        }
        self.kubelet_kill_container(uid, c, gen, spec, grace, listening);
        self.arm_probes(uid, c);
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
