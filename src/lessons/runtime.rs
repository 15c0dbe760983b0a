//! Running lessons against a console session: preparing a lesson's
//! cluster, playing a step's reference solution, judging a step, and the
//! learner's progress as data the page can save.
//!
//! The page's flow: [`open`] a lesson (or [`prepare`] its own session),
//! take a [`Snapshot`] when a step begins (kept in [`Progress`]), let the
//! learner work (console, editor or buttons), call [`Step::evaluate`] after
//! each change, and [`Progress::complete`] once it passes. A deep link into
//! the middle of a lesson is served by [`fast_forward`]: the reference
//! solutions of the earlier steps, played on the link's seed, rebuild the
//! same cluster (the simulation is deterministic).
//! Pure; no browser crates.

use serde::{Deserialize, Serialize};

use super::check::{eval_all, Cond, Ctx};
use super::model::{Experiment, Lesson, Step};
use super::snapshot::Snapshot;
use super::text::{Lang, Text};
use crate::console::sh::{End, Entry, Stream, Transcript};
use crate::console::Console;

/// The result of judging a step (or an experiment's expectation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub passed: bool,
    /// What is still missing, in both languages (None when passed).
    pub hint: Option<Text>,
}

impl Verdict {
    pub fn hint(&self, lang: Lang) -> Option<&str> {
        self.hint.as_ref().map(|h| h.get(lang))
    }
}

/// Judges conditions against a session and the snapshot of the step's start.
pub fn evaluate(conds: &[Cond], console: &Console, base: &Snapshot) -> Verdict {
    let cx = Ctx {
        engine: console.engine(),
        base,
        forwards: console.open_forwards(),
    };
    match eval_all(conds, &cx) {
        Ok(()) => Verdict {
            passed: true,
            hint: None,
        },
        Err(h) => Verdict {
            passed: false,
            hint: Some(h),
        },
    }
}

/// Runs commands as if typed into the console, one line after the other.
pub fn play(commands: &str, console: &mut Console) -> Transcript {
    match console.run_script(commands, false) {
        Ok(t) => t,
        Err(e) => Transcript {
            entries: vec![Entry {
                lines: Vec::new(),
                output: vec![(
                    Stream::Stderr,
                    format!("sh: line {}: {}\n", e.line, e.message),
                )],
                status: 2,
            }],
            status: 2,
            end: End::Completed,
        },
    }
}

impl Step {
    /// Whether the step is done; if not, the computed hint followed by the
    /// step's own advice.
    pub fn evaluate(&self, console: &Console, base: &Snapshot) -> Verdict {
        let mut v = evaluate(&self.check, console, base);
        if let (Some(h), Some(extra)) = (&v.hint, &self.hint) {
            v.hint = Some(h.then(extra));
        }
        v
    }

    /// Plays the reference solution.
    pub fn play(&self, console: &mut Console) -> Transcript {
        play(&self.run, console)
    }
}

impl Experiment {
    /// Plays the experiment (on a copy of the session, preferably).
    pub fn play(&self, console: &mut Console) -> Transcript {
        play(&self.run, console)
    }

    /// Whether the experiment showed what it is about.
    pub fn evaluate(&self, console: &Console, base: &Snapshot) -> Verdict {
        evaluate(&self.expect, console, base)
    }
}

/// Gives a session the lesson's files and runs its setup; returns the
/// setup's transcript (the page may keep it hidden).
pub fn prepare(lesson: &Lesson, console: &mut Console) -> Transcript {
    for (name, text) in &lesson.files {
        console.put_file(name, text);
    }
    play(&lesson.setup, console)
}

/// A fresh session for the lesson, prepared.
pub fn open(lesson: &Lesson, seed: u64) -> Console {
    let mut console = Console::new(seed);
    prepare(lesson, &mut console);
    console
}

/// Plays the reference solutions of the first `steps` steps (a deep link to
/// step `steps + 1`). Returns their transcripts.
pub fn fast_forward(lesson: &Lesson, console: &mut Console, steps: usize) -> Vec<Transcript> {
    lesson
        .steps
        .iter()
        .take(steps)
        .map(|s| s.play(console))
        .collect()
}

/// A session at the start of step `step` (0-based) of a lesson: prepared,
/// with the reference solutions of the steps before it played. Serves deep
/// links and page reloads (a saved [`Progress`] has the seed and the step).
pub fn at_step(lesson: &Lesson, seed: u64, step: usize) -> Console {
    let mut console = open(lesson, seed);
    fast_forward(lesson, &mut console, step);
    console
}

/// Where a learner is in a lesson; plain data the page can save and load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub lesson: String,
    pub seed: u64,
    pub lang: Lang,
    /// The current step, 0-based; equal to the number of steps when the
    /// lesson is finished.
    pub step: usize,
    /// Steps passed, by index.
    pub done: Vec<bool>,
    /// The cluster when the current step began.
    pub base: Snapshot,
}

impl Progress {
    /// At the first step of a prepared session.
    pub fn new(lesson: &Lesson, seed: u64, lang: Lang, console: &Console) -> Progress {
        Progress {
            lesson: lesson.id.clone(),
            seed,
            lang,
            step: 0,
            done: vec![false; lesson.steps.len()],
            base: Snapshot::take(console.engine()),
        }
    }

    pub fn finished(&self) -> bool {
        self.step >= self.done.len()
    }

    /// Starts the current step over from the cluster as it is now (after a
    /// page reload, or when the learner moves to another step).
    pub fn begin(&mut self, step: usize, console: &Console) {
        self.step = step.min(self.done.len());
        self.base = Snapshot::take(console.engine());
    }

    /// Judges the current step (None when the lesson is finished).
    pub fn check(&self, lesson: &Lesson, console: &Console) -> Option<Verdict> {
        lesson
            .steps
            .get(self.step)
            .map(|s| s.evaluate(console, &self.base))
    }

    /// If the current step passes: marks it done and begins the next one.
    pub fn complete(&mut self, lesson: &Lesson, console: &Console) -> Option<Verdict> {
        let v = self.check(lesson, console)?;
        if v.passed {
            if let Some(d) = self.done.get_mut(self.step) {
                *d = true;
            }
            self.begin(self.step + 1, console);
        }
        Some(v)
    }
}
