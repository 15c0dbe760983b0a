//! Guided lessons on the page, and the "Learn" panel's built-in
//! explanations with a demonstration for each claim.
//!
//! A lesson (data in `src/lessons`) runs on the page's own session: it
//! begins with an `Input::Lesson` (the lesson's files and hidden setup),
//! so it is saved, shared and rewound like anything else. A [`Tutor`]
//! follows the learner: after every change of the cluster it judges the
//! current step with the lesson's checks (which read the cluster, so the
//! console, the editor and the buttons all count), marks it done and
//! begins the next one. Pure; no browser crates.

use serde::{Deserialize, Serialize};

use super::i18n::{Lang, Msg};
use super::session::{Input, Session};
use crate::lessons::{self, Lesson, Progress, Verdict};

/// The lessons' language for the page's.
pub fn lesson_lang(lang: Lang) -> lessons::Lang {
    match lang {
        Lang::En => lessons::Lang::En,
        Lang::Pt => lessons::Lang::PtBr,
    }
}

/// The page's language for the lessons'.
pub fn page_lang(lang: lessons::Lang) -> Lang {
    match lang {
        lessons::Lang::En => Lang::En,
        lessons::Lang::PtBr => Lang::Pt,
    }
}

/// A learner in a lesson: where they are, and the last judgement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tutor {
    pub progress: Progress,
    /// The current step's verdict (None once the lesson is finished).
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// The "try this" experiment last run: its index, the simulated
    /// instant (ms) and the number of inputs before it, so it can be undone.
    #[serde(default)]
    pub tried: Option<(usize, u64, usize)>,
    /// The step finished most recently (0-based), for the announcement.
    #[serde(default)]
    pub just_done: Option<usize>,
}

impl Tutor {
    pub fn lesson(&self) -> Option<&'static Lesson> {
        lessons::find(&self.progress.lesson)
    }

    /// A session for `lesson` at the start of `step` (0-based): the lesson
    /// prepared, then the reference solutions of the earlier steps typed
    /// into the console (so the learner sees what was done), and a tutor
    /// at that step.
    pub fn open(lesson: &Lesson, seed: u64, step: usize, lang: Lang) -> (Session, Tutor) {
        let step = step.min(lesson.steps.len().saturating_sub(1));
        let mut session = Session::new(seed);
        session.perform(Input::Lesson {
            id: lesson.id.clone(),
        });
        for s in &lesson.steps[..step] {
            session.perform(Input::Run(s.run.trim_end().to_string()));
        }
        let mut progress = Progress::new(lesson, seed, lesson_lang(lang), session.console());
        for d in progress.done.iter_mut().take(step) {
            *d = true;
        }
        progress.begin(step, session.console());
        let mut tutor = Tutor {
            progress,
            verdict: None,
            tried: None,
            just_done: None,
        };
        tutor.judge(&session);
        (session, tutor)
    }

    /// Judges the current step against the session; when it passes, marks
    /// it done and begins the next one (several in a row if they already
    /// hold). Returns whether anything changed.
    pub fn observe(&mut self, session: &Session) -> bool {
        let Some(lesson) = self.lesson() else {
            return false;
        };
        let before = (self.progress.step, self.verdict.clone());
        for _ in 0..lesson.steps.len() {
            let step = self.progress.step;
            match self.progress.complete(lesson, session.console()) {
                Some(v) if v.passed => {
                    self.just_done = Some(step);
                    self.verdict = None;
                }
                Some(v) => {
                    self.verdict = Some(v);
                    break;
                }
                None => {
                    self.verdict = None;
                    break;
                }
            }
        }
        (self.progress.step, self.verdict.clone()) != before
    }

    /// Judges without advancing (after opening or loading).
    pub fn judge(&mut self, session: &Session) {
        if let Some(lesson) = self.lesson() {
            self.verdict = self.progress.check(lesson, session.console());
        }
    }

    pub fn finished(&self) -> bool {
        self.progress.finished()
    }

    /// The workshop link to this lesson at the current step.
    pub fn link(&self, lang: Lang) -> String {
        let steps = self.progress.done.len().max(1);
        lessons::Link {
            lesson: self.progress.lesson.clone(),
            step: (self.progress.step + 1).min(steps),
            seed: self.progress.seed,
            lang: lesson_lang(lang),
        }
        .encode()
    }
}

/// The manifest a lesson applies first (`kubectl apply -f NAME`), as the
/// editor should show it: (file name, text). Lesson files first, then the
/// built-in copies of tutorial URLs.
pub fn first_manifest(lesson: &Lesson) -> Option<(String, String)> {
    for step in &lesson.steps {
        for line in step.run.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let Some(i) = words.iter().position(|w| *w == "-f") else {
                continue;
            };
            if words.first() != Some(&"kubectl") || !words.contains(&"apply") {
                continue;
            }
            let Some(name) = words.get(i + 1) else {
                continue;
            };
            if let Some(text) = lesson.files.get(*name) {
                return Some((name.to_string(), text.clone()));
            }
            if let Some(text) = crate::console::library::url(name) {
                let base = name.rsplit('/').next().unwrap_or(name);
                return Some((base.to_string(), text.to_string()));
            }
        }
    }
    None
}

/// A paragraph of lesson text: plain runs and `code` runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Run<'a> {
    Text(&'a str),
    Code(&'a str),
}

/// Splits lesson text into paragraphs (one a line, blank lines skipped),
/// each into text and `code` (backquoted) runs.
pub fn paragraphs(text: &str) -> Vec<Vec<Run<'_>>> {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split('`')
                .enumerate()
                .filter(|(_, part)| !part.is_empty())
                .map(|(i, part)| {
                    if i % 2 == 1 {
                        Run::Code(part)
                    } else {
                        Run::Text(part)
                    }
                })
                .collect()
        })
        .collect()
}

/// What a "Show me" button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// Runs a console command.
    Run(&'static str),
    /// Looks a name up from the first Pod.
    Lookup(&'static str),
    /// Loads and applies an example.
    Example(&'static str),
    /// Selects an object.
    Select(&'static str),
}

pub struct Claim {
    pub text: Msg,
    pub demo: Option<Demo>,
}

pub struct Topic {
    pub title: Msg,
    pub intro: Msg,
    pub claims: &'static [Claim],
}

/// The two explanations of the Learn panel, each claim with a demonstration.
pub const TOPICS: &[Topic] = &[
    Topic {
        title: Msg::AboutSts,
        intro: Msg::AboutStsIntro,
        claims: &[
            Claim {
                text: Msg::ClaimIdentity,
                demo: Some(Demo::Run("kubectl delete pod web-0 --wait=false")),
            },
            Claim {
                text: Msg::ClaimOrder,
                demo: Some(Demo::Run("kubectl scale sts web --replicas=4")),
            },
            Claim {
                text: Msg::ClaimStorage,
                demo: Some(Demo::Run("kubectl scale sts web --replicas=1")),
            },
            Claim {
                text: Msg::ClaimScaling,
                demo: Some(Demo::Run("kubectl scale sts web --replicas=3")),
            },
            Claim {
                text: Msg::ClaimUses,
                demo: Some(Demo::Example("gallery/mysql")),
            },
        ],
    },
    Topic {
        title: Msg::AboutHeadless,
        intro: Msg::AboutHeadlessIntro,
        claims: &[
            Claim {
                text: Msg::ClaimHeadlessDef,
                demo: Some(Demo::Select("svc/nginx")),
            },
            Claim {
                text: Msg::ClaimHeadlessDns,
                demo: Some(Demo::Lookup("nginx")),
            },
            Claim {
                text: Msg::ClaimHeadlessDirect,
                demo: Some(Demo::Lookup("web-0.nginx")),
            },
            Claim {
                text: Msg::ClaimHeadlessUses,
                demo: Some(Demo::Example("zookeeper")),
            },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lesson, played on the page's session the way a learner types
    /// it (each step's commands as one pasted block), passes step by step.
    #[test]
    fn every_lesson_passes_through_the_page_session() {
        for lesson in lessons::lessons() {
            let (mut session, mut tutor) = Tutor::open(lesson, 1, 0, Lang::En);
            assert_eq!(tutor.progress.step, 0, "{}", lesson.id);
            for (i, step) in lesson.steps.iter().enumerate() {
                assert_eq!(tutor.progress.step, i, "{} step {}", lesson.id, i + 1);
                session.perform(Input::Run(step.run.trim_end().to_string()));
                tutor.observe(&session);
                assert!(
                    tutor.progress.done[i],
                    "{} step {} did not pass: {:?}\n{}",
                    lesson.id,
                    i + 1,
                    tutor.verdict,
                    session
                        .transcript()
                        .iter()
                        .map(|r| format!("{}{}", r.lines.join("\n"), r.output))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            assert!(tutor.finished(), "{}", lesson.id);
        }
    }

    #[test]
    fn a_deep_link_opens_at_its_step_with_the_earlier_steps_done() {
        let lesson = lessons::find("identity").unwrap();
        let (session, tutor) = Tutor::open(lesson, 42, 2, Lang::Pt);
        assert_eq!(tutor.progress.step, 2);
        assert_eq!(&tutor.progress.done[..2], &[true, true]);
        assert!(!tutor.progress.done[2]);
        assert_eq!(tutor.progress.seed, 42);
        assert!(tutor.link(Lang::Pt).contains("step=3"));
        assert!(tutor.link(Lang::Pt).contains("lang=pt-BR"));
        assert!(session.transcript().len() >= 2);
        // The current step is judged (and not passed yet).
        assert!(tutor.verdict.as_ref().is_some_and(|v| !v.passed));
    }

    #[test]
    fn every_demonstrated_example_exists() {
        for t in TOPICS {
            for c in t.claims {
                if let Some(Demo::Example(id)) = c.demo {
                    assert!(
                        crate::view_model::examples::Pick::parse(id).is_some(),
                        "{id}"
                    );
                }
            }
        }
    }

    #[test]
    fn lesson_text_splits_into_paragraphs_and_code() {
        let p = paragraphs("Apply `web.yaml` now.\n\nThen `kubectl get pods`");
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0],
            vec![
                Run::Text("Apply "),
                Run::Code("web.yaml"),
                Run::Text(" now.")
            ]
        );
        assert_eq!(
            p[1],
            vec![Run::Text("Then "), Run::Code("kubectl get pods")]
        );
    }

    #[test]
    fn the_first_manifest_comes_from_the_lesson_or_the_library() {
        let identity = lessons::find("identity").unwrap();
        let (name, text) = first_manifest(identity).unwrap();
        assert_eq!(name, "web.yaml");
        assert!(text.contains("kind: StatefulSet"));
    }
}
