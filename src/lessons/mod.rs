//! Lessons and workshops: guided lessons on StatefulSets and headless
//! Services, written as data (`data/*.yaml`: texts in English and Brazilian
//! Portuguese, files, setup, steps, checks, hints, "try this" experiments)
//! and judged by a small evaluator against the simulated cluster; plus the
//! examples gallery (`gallery/*.yaml`).
//!
//! The page's API, all pure (no browser crates: yew, web_sys, gloo,
//! js_sys, wasm_bindgen may not be imported here):
//! - [`lessons`], [`find`]: the built-in lessons; [`Lesson::view`] gives a
//!   lesson's texts in one [`Lang`];
//! - [`open`] / [`prepare`]: a session set up for a lesson;
//!   [`Step::play`]: the reference solution through a `&mut Console`;
//! - [`Step::evaluate`]: pass or fail with a hint in both languages,
//!   against a `&Console` and the [`Snapshot`] of the step's start;
//! - [`Progress`]: where a learner is, as serde data; [`at_step`]
//!   rebuilds a session for a deep link or a page reload (the simulation
//!   is deterministic, so replaying the earlier steps' reference solutions
//!   on the same seed gives the same cluster); [`Link`] encodes and decodes
//!   `#lesson=…&step=…&seed=…&lang=…`;
//! - [`examples`]: the gallery.
//!
//! The data format (one YAML file per lesson, read by [`model::from_yaml`]
//! with the crate's own YAML reader; unknown keys are errors):
//!
//! ```yaml
//! id: identity                      # URL-safe; CLI and deep links use it
//! title: {en: …, pt-BR: …}          # every text is a {en, pt-BR} pair
//! summary: {en: …, pt-BR: …}
//! setup: |                          # commands run, unseen, before step 1
//!   kubectl apply -f …
//! files: {web-sts.yaml: "…"}        # what `kubectl apply -f NAME` can read
//! steps:
//! - title: {en: …, pt-BR: …}
//!   text: {en: …, pt-BR: …}         # paragraphs on lines; `code` in backquotes
//!   run: |                          # the reference solution, as typed
//!     kubectl scale sts web --replicas=5
//!   check:                          # all must hold (see `check::Cond`)
//!   - ready: {set: web, replicas: 5}
//!   - dns: {name: nginx, ready: web}
//!   hint: {en: …, pt-BR: …}         # optional, after the computed hint
//! try:                              # "try this": one classic mistake each
//! - mistake: 25                     # number in kubernetes-behaviour.md §12
//!   after: 1                        # offered once step 1 is done
//!   title: …; text: …; run: …
//!   expect: [ … ]                   # conditions that show the mistake
//! ```
//!
//! Every lesson, in both languages, is played and checked by
//! `tests/lessons_play.rs`; each check must fail before its step and pass
//! after it.

pub mod check;
pub mod gallery;
pub mod link;
pub mod model;
pub mod runtime;
pub mod snapshot;
pub mod text;

use std::sync::OnceLock;

pub use gallery::Example;
pub use link::Link;
pub use model::{Experiment, Lesson, LessonView, Step, StepView};
pub use runtime::{at_step, evaluate, fast_forward, open, play, prepare, Progress, Verdict};
pub use snapshot::Snapshot;
pub use text::{Lang, Text};

/// The lessons in the order they are taught.
const SOURCES: &[&str] = &[
    include_str!("data/identity.yaml"),
    include_str!("data/dns.yaml"),
    include_str!("data/storage.yaml"),
    include_str!("data/scaling.yaml"),
    include_str!("data/updates.yaml"),
    include_str!("data/failures.yaml"),
    include_str!("data/zookeeper.yaml"),
];

struct Catalogue {
    lessons: Vec<Lesson>,
    examples: Vec<Example>,
    errors: Vec<String>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut lessons = Vec::new();
        let mut errors = Vec::new();
        for (i, src) in SOURCES.iter().enumerate() {
            match model::from_yaml::<Lesson>(src) {
                Ok(l) => lessons.push(l),
                Err(e) => errors.push(format!("lesson #{}: {e}", i + 1)),
            }
        }
        let (examples, gallery_errors) = gallery::load();
        errors.extend(gallery_errors);
        Catalogue {
            lessons,
            examples,
            errors,
        }
    })
}

/// The built-in lessons, in teaching order.
pub fn lessons() -> &'static [Lesson] {
    &catalogue().lessons
}

pub fn find(id: &str) -> Option<&'static Lesson> {
    lessons().iter().find(|l| l.id == id)
}

/// The examples gallery.
pub fn examples() -> &'static [Example] {
    &catalogue().examples
}

/// Built-in data that could not be read (empty unless the data is broken;
/// the tests keep it empty). Such lessons are left out rather than failing
/// the page.
pub fn load_errors() -> &'static [String] {
    &catalogue().errors
}
