//! Plays every built-in lesson's reference solution and judges each step in
//! both languages: a step's check must fail on the cluster as the step
//! finds it (so checks are real), every command of the solution must
//! succeed, and the check must pass afterwards. Each "try this" experiment
//! runs on a copy of the session where it is offered, and what it expects
//! to show must hold.

use ordinal::console::Console;
use ordinal::lessons::{self, Lang, Snapshot};

const SEED: u64 = 1;

fn transcript_text(t: &ordinal::console::sh::Transcript) -> String {
    t.to_string()
}

fn play_lesson(id: &str, seed: u64) {
    let errors: Vec<_> = lessons::load_errors()
        .iter()
        .filter(|e| e.starts_with("lesson"))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let lesson = lessons::find(id).unwrap_or_else(|| panic!("no lesson {id}"));
    let mut console = lessons::open(lesson, seed);
    for (i, step) in lesson.steps.iter().enumerate() {
        let n = i + 1;
        let base = Snapshot::take(console.engine());
        let before = step.evaluate(&console, &base);
        assert!(
            !before.passed,
            "{id} step {n}: the check already passes before the step is done"
        );
        for lang in Lang::ALL {
            let hint = before.hint(lang).unwrap_or("");
            assert!(!hint.trim().is_empty(), "{id} step {n}: no {lang:?} hint");
        }
        let t = step.play(&mut console);
        for e in &t.entries {
            assert_eq!(
                e.status,
                0,
                "{id} step {n}: `{}` failed:\n{}",
                e.lines.join("\n"),
                e.output_text()
            );
        }
        let after = step.evaluate(&console, &base);
        assert!(
            after.passed,
            "{id} step {n} (seed {seed}): the check fails after the reference solution: {}\n--- transcript ---\n{}",
            after.hint(Lang::En).unwrap_or(""),
            transcript_text(&t)
        );
        for x in lesson.experiments.iter().filter(|x| x.after == n) {
            run_experiment(id, x, &console);
        }
    }
}

fn run_experiment(id: &str, x: &lessons::Experiment, console: &Console) {
    let mut copy = console.clone();
    let base = Snapshot::take(copy.engine());
    let t = x.play(&mut copy);
    for e in &t.entries {
        let out = e.output_text();
        assert!(
            !out.contains(": not found") && !out.contains("unknown command"),
            "{id} mistake {}: `{}` is not a command the console knows:\n{out}",
            x.mistake,
            e.lines.join("\n")
        );
    }
    let v = x.evaluate(&copy, &base);
    assert!(
        v.passed,
        "{id} mistake {}: the experiment does not show what it expects: {}\n--- transcript ---\n{}",
        x.mistake,
        v.hint(Lang::En).unwrap_or(""),
        transcript_text(&t)
    );
}

#[test]
fn identity() {
    play_lesson("identity", SEED);
}

#[test]
fn dns() {
    play_lesson("dns", SEED);
}

#[test]
fn storage() {
    play_lesson("storage", SEED);
}

#[test]
fn scaling() {
    play_lesson("scaling", SEED);
}

#[test]
fn updates() {
    play_lesson("updates", SEED);
}

#[test]
fn failures() {
    play_lesson("failures", SEED);
}

#[test]
fn zookeeper() {
    play_lesson("zookeeper", SEED);
}

/// Workshops pick their own seeds: the lessons must not depend on one.
#[test]
fn other_seeds() {
    for seed in [7, 2026] {
        for l in lessons::lessons() {
            play_lesson(&l.id, seed);
        }
    }
}
