//! The scenario as a timeline: a seed, the inputs with the simulated
//! instant each was made at, and the console session they produced.
//!
//! Rewinding restores the latest snapshot at or before the target and
//! replays the inputs after it, so the result equals playing straight
//! (the engine is deterministic and `advance_to` can be split anywhere).
//! Inputs after the current instant are kept as the "future": scrubbing
//! forward or playing replays them; making a new input there drops them,
//! as editing a recording does.
//!
//! The engine is advanced lazily: between wakeups nothing in it changes
//! except its clock, so idle ticks only move `clock`.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::stand_in;
use crate::console::sh::Transcript;
use crate::console::{Console, DnsTrace, Request};
use crate::engine::{Engine, SimDuration, SimEvent, SimTime};

/// Snapshots are taken whenever simulated time crosses a multiple of this.
pub const SNAPSHOT_EVERY: SimDuration = SimDuration::secs(10);
/// Snapshots kept; older ones are thinned out beyond this.
pub const MAX_SNAPSHOTS: usize = 200;
/// Narration events kept for the log and the timeline.
pub const MAX_EVENTS: usize = 3000;
/// Console entries kept on screen.
pub const MAX_TRANSCRIPT: usize = 500;
/// How far one "step to the next event" may go when nothing happens.
pub const STEP_LIMIT: SimDuration = SimDuration::secs(60);

/// Something the user did to the cluster, replayable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Input {
    /// A file handed to the console (the editor's text before Apply).
    File { path: String, text: String },
    /// What was typed in the console or run by a button.
    Run(String),
    /// A guided lesson begins: its files are handed to the console and its
    /// setup runs unseen (see `lessons::prepare`).
    Lesson { id: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedInput {
    /// Milliseconds of simulated time.
    pub at: u64,
    pub input: Input,
}

/// One top-level command in the console and what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ran {
    /// Unique and stable across rewinds (the input's index and the entry's).
    pub key: (usize, usize),
    pub at: SimTime,
    /// The prompt the command was typed at (`$ `, `/ # ` in a container).
    pub prompt: String,
    pub lines: Vec<String>,
    pub output: String,
    pub status: i32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Logged {
    /// Sequence number, stable across rewinds.
    pub id: u64,
    pub event: SimEvent,
}

#[derive(Clone)]
struct Snapshot {
    at: SimTime,
    applied: usize,
    next_event: u64,
    transcript_len: usize,
    console: Rc<Console>,
}

/// What performing an input asked of the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Performed {
    pub traces: Vec<DnsTrace>,
    pub requests: Vec<Request>,
    /// The input was made in the past: what had been recorded after it.
    pub discarded: Option<Discarded>,
}

/// The recorded future an input made in the past threw away, for the page
/// to tell: the user may not have noticed the clock was rewound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Discarded {
    /// Where the new input was made.
    pub at: SimTime,
    /// How much recorded time came after it (up to the old horizon).
    pub span: SimDuration,
    /// Inputs after it that were dropped (an Apply is a file and a command).
    pub inputs: usize,
    /// Of those, the commands (typed, run by a button, or an Apply).
    pub commands: usize,
}

#[derive(Clone)]
pub struct Session {
    seed: u64,
    /// Shared with snapshots and earlier states; copied on first write.
    console: Rc<Console>,
    clock: SimTime,
    inputs: Rc<Vec<TimedInput>>,
    applied: usize,
    horizon: SimTime,
    snapshots: Rc<Vec<Rc<Snapshot>>>,
    events: Rc<Vec<Rc<Logged>>>,
    next_event: u64,
    transcript: Rc<Vec<Rc<Ran>>>,
    /// Entries dropped from the front of `transcript`.
    transcript_base: usize,
    revision: u64,
    last_versions: (u64, u64),
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("seed", &self.seed)
            .field("clock", &self.clock)
            .field("inputs", &self.inputs.len())
            .field("applied", &self.applied)
            .finish()
    }
}

impl Session {
    pub fn new(seed: u64) -> Self {
        let mut console = Console::new(seed);
        // The page's console is a terminal: `kubectl exec -it POD -- sh`
        // attaches, and what is typed next runs in the container.
        console.set_interactive(true);
        let console = Rc::new(console);
        let last_versions = Self::versions(console.engine());
        let mut s = Session {
            seed,
            console,
            clock: SimTime::ZERO,
            inputs: Rc::new(Vec::new()),
            applied: 0,
            horizon: SimTime::ZERO,
            snapshots: Rc::new(Vec::new()),
            events: Rc::new(Vec::new()),
            next_event: 0,
            transcript: Rc::new(Vec::new()),
            transcript_base: 0,
            revision: 1,
            last_versions,
        };
        s.snapshot();
        s
    }

    /// A session that replays `inputs` up to `now`; later inputs stay as the future.
    pub fn replay(seed: u64, inputs: Vec<TimedInput>, now: SimTime) -> Self {
        let mut s = Session::new(seed);
        let last = inputs.last().map_or(SimTime::ZERO, |i| SimTime(i.at));
        s.inputs = Rc::new(inputs);
        s.horizon = last.max(now);
        s.forward_to(now);
        s
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn console(&self) -> &Console {
        &self.console
    }
    pub fn engine(&self) -> &Engine {
        self.console.engine()
    }
    /// The instant shown (the engine may lag behind it when nothing is due).
    pub fn clock(&self) -> SimTime {
        self.clock
    }
    /// The furthest instant this history has reached.
    pub fn horizon(&self) -> SimTime {
        self.horizon
    }
    /// Every input of this history, including those after `clock`.
    pub fn inputs(&self) -> &[TimedInput] {
        &self.inputs
    }
    /// How many inputs are in effect at `clock`.
    pub fn applied(&self) -> usize {
        self.applied
    }
    pub fn events(&self) -> &[Rc<Logged>] {
        &self.events
    }
    pub fn transcript(&self) -> &[Rc<Ran>] {
        &self.transcript
    }
    /// The same entries, shared (cheap to hand to the page).
    pub fn transcript_rc(&self) -> Rc<Vec<Rc<Ran>>> {
        self.transcript.clone()
    }
    /// The prompt the console shows (`$ `, or a container shell's).
    pub fn prompt(&self) -> String {
        self.console.prompt()
    }
    /// Whether the prompt asks for a password (typed unseen, not kept).
    pub fn reads_secret(&self) -> bool {
        self.console
            .attached()
            .is_some_and(|a| a.shell.reads_secret())
    }
    /// Changes whenever what the engine holds may have changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Lets `dt` of simulated time pass (replaying future inputs on the way).
    pub fn tick(&mut self, dt: SimDuration) {
        let to = self.clock + dt;
        self.forward_to(to);
    }

    /// Goes to instant `t`, backwards by restoring a snapshot and replaying.
    pub fn seek(&mut self, t: SimTime) {
        if t >= self.clock {
            self.forward_to(t);
            return;
        }
        let snap = self
            .snapshots
            .iter()
            .rev()
            .find(|s| s.at <= t && s.applied <= self.inputs.len())
            .cloned();
        match snap {
            Some(s) => self.restore(&s),
            None => {
                let inputs = self.inputs.clone();
                let horizon = self.horizon;
                *self = Session::new(self.seed);
                self.inputs = inputs;
                self.horizon = horizon;
            }
        }
        self.bump_revision(true);
        self.forward_to(t);
    }

    /// Advances to the next narrated moment (or by `STEP_LIMIT` if nothing
    /// happens sooner); returns whether anything was narrated.
    pub fn step_event(&mut self) -> bool {
        self.step_until(self.clock + STEP_LIMIT)
    }

    /// Moves a tenth of a second (to the next or previous whole tenth),
    /// stopping at any narrated moment on the way, so that moments inside
    /// one tenth are each reached. Never goes past the horizon.
    pub fn nudge(&mut self, forward: bool) {
        let now = self.clock.as_ms();
        if forward {
            let limit = ((now / 100 + 1) * 100).min(self.horizon.as_ms());
            if limit > now {
                self.step_until(SimTime(limit));
            }
        } else if now > 0 {
            let tenth = (now - 1) / 100 * 100;
            let moment = self
                .events
                .iter()
                .rev()
                .map(|l| l.event.at.as_ms())
                .find(|&at| at < now)
                .unwrap_or(0);
            self.seek(SimTime(tenth.max(moment)));
        }
    }

    /// Advances to the next narrated moment if it comes by `limit`, else
    /// to `limit`; returns whether anything was narrated.
    pub fn step_until(&mut self, limit: SimTime) -> bool {
        let before = self.next_event;
        for _ in 0..10_000 {
            let wake = self.engine().next_wakeup();
            let input = self.inputs.get(self.applied).map(|i| SimTime(i.at));
            let next = match (wake, input) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => match a.or(b) {
                    Some(t) => t,
                    None => break,
                },
            };
            let next = next.max(self.clock);
            if next > limit {
                break;
            }
            self.forward_to(next);
            if self.next_event > before {
                return true;
            }
            if wake.is_none() && input.is_none() {
                break;
            }
        }
        self.forward_to(limit);
        self.next_event > before
    }

    /// Makes an input now. What was recorded after `clock` (time, and the
    /// inputs in it) is dropped first.
    pub fn perform(&mut self, input: Input) -> Performed {
        let mut performed = Performed::default();
        if self.clock < self.horizon || self.applied < self.inputs.len() {
            let later = &self.inputs[self.applied..];
            performed.discarded = Some(Discarded {
                at: self.clock,
                span: SimDuration::ms(self.horizon.as_ms() - self.clock.as_ms()),
                inputs: later.len(),
                commands: later
                    .iter()
                    .filter(|i| matches!(i.input, Input::Run(_)))
                    .count(),
            });
            Rc::make_mut(&mut self.inputs).truncate(self.applied);
            // Snapshots after `clock` hold the old future even when no input
            // was dropped: a later rewind would restore one of them and
            // replay the new input late.
            let (clock, applied) = (self.clock, self.applied);
            Rc::make_mut(&mut self.snapshots).retain(|s| s.at <= clock && s.applied <= applied);
            self.horizon = self.clock;
        }
        Rc::make_mut(&mut self.inputs).push(TimedInput {
            at: self.clock.as_ms(),
            input,
        });
        self.apply_next();
        let console = Rc::make_mut(&mut self.console);
        performed.traces = console.take_dns_traces();
        performed.requests = console.take_requests();
        self.settle_books();
        performed
    }

    /// Goes back to instant `t` with only the first `n` inputs (undoing what
    /// was done from input `n` on, even at that same instant).
    pub fn rewind_to_input(&mut self, n: usize, t: SimTime) {
        let inputs = self.inputs[..n.min(self.inputs.len())].to_vec();
        let revision = self.revision;
        *self = Session::replay(self.seed, inputs, t);
        self.revision = revision + 1;
    }

    /// Drops the inputs after the current instant (undoing what was done
    /// after a moment one went back to).
    pub fn forget_future(&mut self) {
        if self.applied < self.inputs.len() {
            Rc::make_mut(&mut self.inputs).truncate(self.applied);
            let (clock, applied) = (self.clock, self.applied);
            Rc::make_mut(&mut self.snapshots).retain(|s| s.at <= clock && s.applied <= applied);
        }
        self.horizon = self.clock;
        self.bump_revision(true);
    }

    /// The whole scenario, to save or share.
    pub fn scenario(&self) -> super::scenario::Scenario {
        super::scenario::Scenario {
            seed: self.seed,
            now: self.clock.as_ms(),
            inputs: self.inputs.to_vec(),
            editor: None,
        }
    }

    // -- internals ----------------------------------------------------------

    fn restore(&mut self, s: &Snapshot) {
        self.console = Rc::clone(&s.console);
        self.clock = s.at;
        self.applied = s.applied;
        let next = s.next_event;
        if self.events.last().is_some_and(|e| e.id >= next) {
            Rc::make_mut(&mut self.events).retain(|e| e.id < next);
        }
        self.next_event = next;
        let keep = s.transcript_len.saturating_sub(self.transcript_base);
        if self.transcript.len() > keep {
            Rc::make_mut(&mut self.transcript).truncate(keep);
        }
    }

    /// Moves the clock to `t`, applying inputs and taking snapshots on the way.
    fn forward_to(&mut self, t: SimTime) {
        loop {
            let input_at = self
                .inputs
                .get(self.applied)
                .map(|i| SimTime(i.at))
                .filter(|&at| at <= t);
            let boundary = self.next_boundary();
            let mut stop = t;
            if let Some(at) = input_at {
                stop = stop.min(at.max(self.clock));
            }
            if boundary <= stop {
                stop = boundary;
            }
            self.advance_engine(stop);
            self.clock = self.clock.max(stop);
            if input_at.is_some_and(|at| at <= self.clock) {
                self.apply_next();
                // Replayed inputs ask nothing of the page.
                let console = Rc::make_mut(&mut self.console);
                console.take_dns_traces();
                console.take_requests();
                continue;
            }
            if boundary == stop {
                self.snapshot();
            }
            if self.clock >= t {
                break;
            }
        }
        self.settle_books();
    }

    fn next_boundary(&self) -> SimTime {
        let every = SNAPSHOT_EVERY.as_ms();
        let last = self.snapshots.last().map_or(0, |s| s.at.as_ms());
        SimTime((last / every + 1) * every)
    }

    fn advance_engine(&mut self, to: SimTime) {
        let due = self.console.engine().next_wakeup().is_some_and(|w| w <= to);
        if due {
            Rc::make_mut(&mut self.console).engine_mut().advance_to(to);
            self.drain();
        }
    }

    fn apply_next(&mut self) {
        let index = self.applied;
        let Some(ti) = self.inputs.get(index).cloned() else {
            return;
        };
        self.applied += 1;
        let now = self.clock.max(SimTime(ti.at));
        let console = Rc::make_mut(&mut self.console);
        if console.engine().now() < now {
            console.engine_mut().advance_to(now);
        }
        match ti.input {
            Input::File { path, text } => console.put_file(&path, &text),
            Input::Run(src) => {
                let prompt = console.prompt();
                let t = stand_in::run(console, &src);
                self.record(index, now, &prompt, t);
            }
            Input::Lesson { id } => {
                if let Some(lesson) = crate::lessons::find(&id) {
                    // A lesson's setup is a script, not a terminal session.
                    console.set_interactive(false);
                    crate::lessons::prepare(lesson, console);
                    console.set_interactive(true);
                }
            }
        }
        self.clock = self.clock.max(self.console.engine().now());
        self.drain();
    }

    fn record(&mut self, index: usize, at: SimTime, prompt: &str, t: Transcript) {
        let transcript = Rc::make_mut(&mut self.transcript);
        for (i, e) in t.entries.into_iter().enumerate() {
            transcript.push(Rc::new(Ran {
                key: (index, i),
                at,
                prompt: prompt.to_string(),
                output: e.shown_text(),
                lines: e.lines,
                status: e.status,
            }));
        }
        if transcript.len() > MAX_TRANSCRIPT {
            let extra = transcript.len() - MAX_TRANSCRIPT;
            transcript.drain(..extra);
            self.transcript_base += extra;
        }
    }

    /// Collects the narration after a write to the engine (it is empty at
    /// any other time, so reading states never copies the console).
    fn drain(&mut self) {
        let mut fresh = Vec::new();
        let console = Rc::make_mut(&mut self.console);
        while let Some(ev) = console.engine_mut().poll_event() {
            fresh.push(ev);
        }
        if fresh.is_empty() {
            return;
        }
        let events = Rc::make_mut(&mut self.events);
        for event in fresh {
            events.push(Rc::new(Logged {
                id: self.next_event,
                event,
            }));
            self.next_event += 1;
        }
        if events.len() > MAX_EVENTS {
            let extra = events.len() - MAX_EVENTS;
            events.drain(..extra);
        }
    }

    fn snapshot(&mut self) {
        let at = self.clock;
        if self.snapshots.last().is_some_and(|s| s.at >= at) {
            return;
        }
        let snap = Rc::new(Snapshot {
            at,
            applied: self.applied,
            next_event: self.next_event,
            transcript_len: self.transcript_base + self.transcript.len(),
            console: Rc::clone(&self.console),
        });
        let snaps = Rc::make_mut(&mut self.snapshots);
        snaps.push(snap);
        if snaps.len() > MAX_SNAPSHOTS {
            // Keep the first and every other one of the older half.
            let half = snaps.len() / 2;
            let mut i = 0;
            snaps.retain(|_| {
                let keep = i == 0 || i >= half || i % 2 == 0;
                i += 1;
                keep
            });
        }
    }

    fn settle_books(&mut self) {
        self.horizon = self.horizon.max(self.clock);
        self.bump_revision(false);
    }

    /// What moves when the cluster's objects or volume contents change (a
    /// file a lesson checks is written by `kubectl exec`, with no API write).
    fn versions(e: &crate::engine::Engine) -> (u64, u64) {
        (e.store().resource_version(), e.contents_version())
    }

    fn bump_revision(&mut self, force: bool) {
        let rv = Self::versions(self.console.engine());
        if force || rv != self.last_versions {
            self.last_versions = rv;
            self.revision += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const WEB: &str = include_str!("../ui/examples/web.yaml");

    fn apply(s: &mut Session) {
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: WEB.into(),
        });
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
    }

    fn summary(s: &Session) -> Vec<String> {
        let e = s.engine();
        let mut out: Vec<String> = e
            .store()
            .pods
            .iter()
            .map(|p| {
                let c = crate::engine::kubelet::pod_columns(p, e.now());
                format!(
                    "{} {} {} {} {}",
                    p.metadata.name, c.status, c.ready, p.status.pod_ip, p.spec.node_name
                )
            })
            .collect();
        out.extend(
            e.store()
                .pvcs
                .iter()
                .map(|c| format!("{} {}", c.metadata.name, c.status.phase)),
        );
        out.push(format!("rv {}", e.store().resource_version()));
        out
    }

    /// The page re-judges a lesson step when the revision moves: a file
    /// written into a Pod's volume through `kubectl exec` is no API write,
    /// and the storage lesson's first check (a file in `www-web-0`) waited
    /// for ever.
    #[test]
    fn a_file_written_into_a_volume_moves_the_revision() {
        let mut s = Session::new(1);
        apply(&mut s);
        s.tick(SimDuration::secs(30));
        let rv = s.engine().store().resource_version();
        let before = s.revision();
        s.perform(Input::Run(
            "kubectl exec web-0 -- sh -c 'echo hi > /usr/share/nginx/html/index.html'".into(),
        ));
        assert_eq!(s.engine().store().resource_version(), rv, "no API write");
        assert_ne!(s.revision(), before);
        let after = s.revision();
        s.perform(Input::Run(
            "kubectl exec web-0 -- cat /usr/share/nginx/html/index.html".into(),
        ));
        assert_eq!(s.revision(), after, "a read changes nothing");
    }

    #[test]
    fn apply_creates_pods_in_order() {
        let mut s = Session::new(1);
        apply(&mut s);
        assert!(s.engine().store().pods.get("default", "web-0").is_some());
        assert!(s.engine().store().pods.get("default", "web-1").is_none());
        let mut saw_web1_before_ready = false;
        for _ in 0..600 {
            s.tick(SimDuration::ms(250));
            let st = s.engine().store();
            if st.pods.get("default", "web-1").is_some() {
                let ready = st
                    .pods
                    .get("default", "web-0")
                    .is_some_and(|p| p.is_running_and_ready());
                saw_web1_before_ready |= !ready;
                break;
            }
        }
        assert!(s.engine().store().pods.get("default", "web-1").is_some());
        assert!(!saw_web1_before_ready);
        assert!(!s.transcript().is_empty());
    }

    #[test]
    fn rewind_then_replay_equals_playing_straight() {
        let mut straight = Session::new(7);
        apply(&mut straight);
        for _ in 0..200 {
            straight.tick(SimDuration::ms(300));
        }
        straight.perform(Input::Run("kubectl delete pod web-0 --wait=false".into()));
        for _ in 0..100 {
            straight.tick(SimDuration::ms(300));
        }
        let end = straight.clock();
        let want = summary(&straight);
        let want_events = straight.events().len();

        let mut s = straight.clone();
        s.seek(SimTime(12_345));
        assert_eq!(s.clock(), SimTime(12_345));
        s.seek(end);
        assert_eq!(summary(&s), want);
        assert_eq!(s.events().len(), want_events);

        // Stepping event by event reaches the same state too.
        let mut stepped = straight.clone();
        stepped.seek(SimTime::ZERO);
        while stepped.clock() < end {
            if !stepped.step_event() {
                break;
            }
        }
        stepped.seek(end);
        assert_eq!(summary(&stepped), want);

        // A replay from the scenario alone, on a fresh session.
        let sc = straight.scenario();
        let fresh = Session::replay(sc.seed, sc.inputs.clone(), SimTime(sc.now));
        assert_eq!(summary(&fresh), want);
    }

    /// With seed 1, web-0 starts at 7.528 s and web-1 is created at
    /// 7.570 s: a tenth of a second on the timeline holds both moments, and
    /// each is reached by moving a tenth at a time, either way.
    #[test]
    fn nudging_stops_at_every_moment_inside_a_tenth() {
        let mut s = Session::new(1);
        apply(&mut s);
        s.tick(SimDuration::secs(30));
        s.seek(SimTime(7_400));
        let mut forward = Vec::new();
        for _ in 0..4 {
            s.nudge(true);
            forward.push(s.clock().as_ms());
        }
        assert_eq!(forward, [7_500, 7_528, 7_570, 7_600]);
        let pods = |s: &Session| s.engine().store().pods.len();
        let mut back = Vec::new();
        for _ in 0..4 {
            s.nudge(false);
            back.push((s.clock().as_ms(), pods(&s)));
        }
        let at_7528 = back[1].1;
        assert_eq!(
            back,
            [
                (7_570, at_7528 + 1),
                (7_528, at_7528),
                (7_500, at_7528),
                (7_400, at_7528)
            ]
        );
        // Forward stops at the horizon, as the range does.
        s.seek(s.horizon());
        let end = s.clock();
        s.nudge(true);
        assert_eq!(s.clock(), end);
    }

    #[test]
    fn rewinding_to_an_input_undoes_it_even_at_the_same_instant() {
        let mut s = Session::new(3);
        apply(&mut s);
        s.tick(SimDuration::secs(30));
        let (n, t) = (s.inputs().len(), s.clock());
        let want = summary(&s);
        s.perform(Input::Run("kubectl delete pod web-0 --wait=false".into()));
        s.rewind_to_input(n, t);
        assert_eq!(s.inputs().len(), n);
        assert_eq!(s.clock(), t);
        assert_eq!(summary(&s), want);
    }

    #[test]
    fn acting_in_the_past_drops_the_future() {
        let mut s = Session::new(3);
        apply(&mut s);
        s.tick(SimDuration::secs(30));
        s.perform(Input::Run("echo later".into()));
        s.seek(SimTime(5_000));
        assert_eq!(s.applied(), 2);
        let p = s.perform(Input::Run("echo now".into()));
        assert_eq!(
            p.discarded,
            Some(Discarded {
                at: SimTime(5_000),
                span: SimDuration::secs(25),
                inputs: 1,
                commands: 1,
            })
        );
        assert_eq!(s.inputs().len(), 3);
        assert_eq!(s.horizon(), SimTime(5_000));
    }

    /// Rewound with no input after the clock, the recorded time is still
    /// a future that a new input replaces: it is told, and the snapshots
    /// taken in it are not restored later (they lack the new input).
    #[test]
    fn acting_in_the_past_discards_the_recorded_time_even_without_inputs() {
        let mut s = Session::new(3);
        apply(&mut s);
        s.tick(SimDuration::secs(30));
        s.seek(SimTime(12_000));
        let p = s.perform(Input::Run("kubectl delete pod web-0 --wait=false".into()));
        assert_eq!(
            p.discarded,
            Some(Discarded {
                at: SimTime(12_000),
                span: SimDuration::secs(18),
                inputs: 0,
                commands: 0,
            })
        );
        assert_eq!(s.horizon(), SimTime(12_000));
        s.tick(SimDuration::secs(13));
        let want = summary(&s);
        s.seek(SimTime(22_000));
        s.seek(SimTime(25_000));
        assert_eq!(summary(&s), want);

        // At the end of the recording nothing is discarded.
        let p = s.perform(Input::Run("echo now".into()));
        assert_eq!(p.discarded, None);
    }
}

#[cfg(test)]
mod bench {
    use super::*;

    /// `cargo test --release --lib view_model::session::bench -- --ignored --nocapture`
    ///
    /// Each tick keeps the previous state alive, as the page's reducer
    /// does, so the engine is copied on its first write and the old copy
    /// dropped afterwards (`drop`); `ORDINAL_BENCH_NO_KEEP=1` measures the
    /// same ticks without that copy.
    #[test]
    #[ignore]
    fn ticks_with_300_pods() {
        let yaml = crate::view_model::examples::by_id("parallel")
            .unwrap()
            .yaml
            .replace("replicas: 4", "replicas: 300");
        let mut s = Session::new(1);
        s.perform(Input::File {
            path: "p.yaml".into(),
            text: yaml,
        });
        s.perform(Input::Run("kubectl apply -f p.yaml".into()));
        let mut worst = 0.0f64;
        let mut total = 0.0;
        let mut n = 0;
        let (mut t_tick, mut t_vm, mut t_clone, mut t_dns) = (0.0, 0.0, 0.0, 0.0);
        let mut t_drop = 0.0;
        let keep_old = std::env::var_os("ORDINAL_BENCH_NO_KEEP").is_none();
        let mut cache = crate::view_model::cluster::Cache::default();
        for _ in 0..600 {
            let t0 = std::time::Instant::now();
            let keep = keep_old.then(|| s.clone()); // the reducer clones the old state
            let t1 = std::time::Instant::now();
            s.tick(SimDuration::ms(256));
            let t2 = std::time::Instant::now();
            let vm = cache.build(s.engine(), s.clock());
            let t3 = std::time::Instant::now();
            let recs = crate::view_model::dns::records(crate::view_model::Lang::En, s.engine());
            let t4 = std::time::Instant::now();
            let dt = (t3 - t0).as_secs_f64() * 1000.0;
            let t5 = std::time::Instant::now();
            drop(keep);
            t_drop += t5.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box((vm, recs));
            worst = worst.max(dt);
            total += dt;
            n += 1;
            t_clone += (t1 - t0).as_secs_f64() * 1000.0;
            t_tick += (t2 - t1).as_secs_f64() * 1000.0;
            t_vm += (t3 - t2).as_secs_f64() * 1000.0;
            t_dns += (t4 - t3).as_secs_f64() * 1000.0;
        }
        let pods = s.engine().store().pods.len();
        let n = n as f64;
        eprintln!(
            "pods {pods} mean {:.2} ms worst {:.2} ms; clone {:.3} tick {:.2} vm {:.2} dns {:.2} drop {:.2}",
            total / n,
            worst,
            t_clone / n,
            t_tick / n,
            t_vm / n,
            t_dns / n,
            t_drop / n
        );
    }
}
