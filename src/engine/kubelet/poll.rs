//! Main processes that wait for something: `until nslookup mydb; do echo
//! waiting for mydb; sleep 2; done`, the init container of every "wait for
//! the Service" example.
//!
//! The console's runner runs a main process in one go, on a clock that does
//! not move, against the cluster as it is when the process starts (see
//! `containers::plan_main`). A loop waiting for a Service created a minute
//! later would therefore wait for ever. So while such a script waits, the
//! kubelet looks again once per period of its loop: it runs the script for a
//! few periods only (cheap: a handful of iterations) and compares what that
//! short run did — whether it finished, and when it waited — with the last
//! look. The log text is not compared: `echo "$(date) waiting"` changes
//! every time without anything having happened. When the two differ,
//! something the script waits for has changed, and the script's future from
//! now is computed again in full; it replaces the planned log lines and
//! writes, and the process exits, serves or goes on waiting from now.
//!
//! A rerun starts the script from its first line, so what it does before its
//! loop happens again (a leading `echo` shows twice in the log). A real shell
//! resumes where it is; without continuations in the interpreter this is the
//! nearest model, and the usual init scripts (one loop, then exit or exec)
//! come out as they do in a cluster.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::{CState, Cref, Plan, Step};
use crate::engine::config::ProcessOutcome;
use crate::engine::containerfs::FsJournal;
use crate::engine::store::Key;
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::{Engine, Wakeup};

/// How often a waiting script is looked at when its loop's period is unknown.
const DEFAULT_PERIOD: SimDuration = SimDuration::secs(10);
/// Bounds of the period: a `sleep 0.1` loop is looked at once a second, a
/// `sleep 3600` one at least once a minute.
const MIN_PERIOD: SimDuration = SimDuration::secs(1);
const MAX_PERIOD: SimDuration = SimDuration::secs(60);
/// How many periods a short look runs for.
const LOOK_PERIODS: u64 = 2;
/// Full reruns one container instance may have; past that its process is
/// left waiting as planned (a script whose waits change every time, such
/// as `sleep $RANDOM`, would otherwise be run in full each period).
const MAX_RERUNS: u32 = 32;

/// A waiting main process, as the kubelet last saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct Poll {
    period: SimDuration,
    /// What the script prints before its loop (`echo start; until …`),
    /// when that can be told: a rerun does not print it again.
    prelude: String,
    /// When the planned log lines run out: the script is run again then to
    /// carry its log on.
    until: SimTime,
    print: Print,
    reruns: u32,
}

/// What a short run of the script did: enough to tell that something it
/// waits for has changed.
#[derive(Clone, Debug, PartialEq)]
struct Print {
    finished: bool,
    /// When each of its `sleep`s began, from the start of the run.
    waits: Vec<SimDuration>,
}

/// What a script printed before its loop: the output before its first
/// `sleep`, less one iteration's output (what it printed between its
/// first two `sleep`s), which the frozen cluster makes the same every time.
/// Empty when it cannot be told.
fn prelude_of(log: &str, marks: &[(SimDuration, usize)]) -> String {
    let [(_, first), (_, second), ..] = marks else {
        return String::new();
    };
    let (Some(before), Some(iteration)) = (log.get(..*first), log.get(*first..*second)) else {
        return String::new();
    };
    before
        .strip_suffix(iteration)
        .unwrap_or_default()
        .to_string()
}

/// The loop's period: the time between the first two `sleep`s.
fn period_of(marks: &[(SimDuration, usize)]) -> SimDuration {
    match marks {
        [(a, _), (b, _), ..] if b > a => {
            SimDuration((b.as_ms() - a.as_ms()).clamp(MIN_PERIOD.as_ms(), MAX_PERIOD.as_ms()))
        }
        _ => DEFAULT_PERIOD,
    }
}

impl Engine {
    /// Runs container `name`'s main process with a wait budget, its writes
    /// journaled (and applied); returns what it did and the journal.
    fn run_journaled(
        &mut self,
        key: &Key,
        name: &str,
        argv: &[String],
        budget: SimDuration,
        record_all: bool,
    ) -> Option<(ProcessOutcome, FsJournal)> {
        let run = self.config.process_runner?;
        let journal = FsJournal {
            record_all,
            ..FsJournal::default()
        };
        Some(self.journaled(journal, |e| run(e, key, name, argv, budget)))
    }

    /// Takes back every write of a journaled run.
    fn discard(&mut self, journal: FsJournal) {
        for ch in journal.changes.iter().rev() {
            if let Some(t) = self.tree_mut(&ch.tree) {
                t.apply(&ch.undo);
            }
        }
    }

    /// A short look at the script: what it does now in `LOOK_PERIODS`
    /// periods, leaving nothing behind.
    fn look(&mut self, key: &Key, name: &str, argv: &[String], period: SimDuration) -> Print {
        let budget = SimDuration(period.as_ms() * LOOK_PERIODS);
        let Some((outcome, journal)) = self.run_journaled(key, name, argv, budget, true) else {
            return Print {
                finished: false,
                waits: Vec::new(),
            };
        };
        let print = Print {
            finished: !matches!(outcome, ProcessOutcome::Waiting { .. }),
            waits: journal.output.iter().map(|(at, _)| *at).collect(),
        };
        self.discard(journal);
        print
    }

    /// The main process of `c` is a waiting script that printed `log`
    /// (`marks` as in `FsJournal::output`), planned until `until`: remember
    /// what it does now and look again after one period.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn poll_arm(
        &mut self,
        uid: &str,
        c: Cref,
        gen: u64,
        argv: &[String],
        log: &str,
        marks: &[(SimDuration, usize)],
        until: SimTime,
        reruns: u32,
    ) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let key = rt.key.clone();
        let Some(ct) = rt.ctr(c) else { return };
        let name = ct.name.clone();
        // A rerun's log has no prelude: the first run's stays.
        let (period, prelude) = match &ct.poll {
            Some(p) => (p.period, p.prelude.clone()),
            None => (period_of(marks), prelude_of(log, marks)),
        };
        let print = self.look(&key, &name, argv, period);
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            ct.poll = Some(Box::new(Poll {
                period,
                prelude,
                until,
                print,
                reruns,
            }));
        }
        self.at(
            self.now + period,
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::Poll { c, gen },
            },
        );
    }

    /// A waiting script's next look (see the module header).
    pub(crate) fn kubelet_poll(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(p) = self.pod_of(uid) else { return };
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let key = rt.key.clone();
        let Some(ct) = rt.ctr(c) else { return };
        if ct.gen != gen || !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        let Some(poll) = ct.poll.clone() else { return };
        let name = ct.name.clone();
        let Some(spec_c) = c.spec_in(&p) else { return };
        let argv = spec_c.argv();
        let image_spec = crate::engine::images::lookup(&spec_c.image).ok();
        let print = self.look(&key, &name, &argv, poll.period);
        let changed = print != poll.print;
        if (!changed && self.now < poll.until) || poll.reruns >= MAX_RERUNS {
            self.at(
                self.now + poll.period,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Poll { c, gen },
                },
            );
            return;
        }
        // Something changed, or the planned log ran out: the script's
        // future from now, in full.
        let Some((mut outcome, mut journal)) =
            self.run_journaled(&key, &name, &argv, crate::engine::config::MAX_WAIT, false)
        else {
            return;
        };
        // What the script printed before its loop was printed once already.
        let log = match &mut outcome {
            ProcessOutcome::Exit { log, .. }
            | ProcessOutcome::Serve { log }
            | ProcessOutcome::Waiting { log, .. } => log,
        };
        if !poll.prelude.is_empty() && log.starts_with(&poll.prelude) {
            let n = poll.prelude.len();
            log.drain(..n);
            for mark in &mut journal.output {
                mark.1 = mark.1.saturating_sub(n);
            }
        }
        // Lines and writes due by now stay; the rest of the old plan goes.
        self.kubelet_writes(uid, c, gen);
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            ct.pending_logs.clear();
            ct.pending_writes.clear();
        }
        let warmup = image_spec.map_or(0, |s| s.warmup_ms);
        let plan = Plan::from_outcome(outcome, warmup);
        self.follow_plan(
            uid,
            c,
            gen,
            &plan,
            journal,
            image_spec,
            &argv,
            poll.reruns + 1,
        );
        if !matches!(plan, Plan::Wait { .. }) {
            self.arm_probes(uid, c);
            self.write_pod_status(uid);
        }
    }
}
