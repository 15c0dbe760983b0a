//! What a lesson is, as data: texts in both languages, the files it ships,
//! the commands that set it up, its steps (explanation, the commands a
//! learner types, the conditions that say the step is done, advice for when
//! it is not) and its optional "try this" experiments, each showing one of
//! the classic mistakes of `kubernetes-behaviour.md` §12.
//!
//! Lessons are YAML files read with the crate's own YAML reader
//! (`manifest::yaml`), so the page carries no second parser. Unknown keys
//! are errors: a typo in the data fails the tests instead of silently
//! dropping a check. Pure; no browser crates.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::check::Cond;
use super::text::{Lang, Text};
use crate::manifest::{tree, yaml};

/// One guided lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Short, URL-safe (`identity`, `dns` …): CLI names and deep links use it.
    pub id: String,
    pub title: Text,
    pub summary: Text,
    /// Commands run (and not shown) before the first step, so a lesson can
    /// start from where an earlier one ended.
    #[serde(default)]
    pub setup: String,
    /// Files the commands can name (`kubectl apply -f web-parallel.yaml`),
    /// by file name; the page can also open them in its editor.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    pub steps: Vec<Step>,
    /// The "try this" experiments.
    #[serde(default, rename = "try")]
    pub experiments: Vec<Experiment>,
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: Text,
    /// The explanation: paragraphs separated by blank lines, `code` in
    /// backquotes.
    pub text: Text,
    /// The reference solution: what a learner types, one command a line.
    pub run: String,
    /// All must hold for the step to be done. They read the cluster, not
    /// the console's history, so any way of doing the step counts.
    pub check: Vec<Cond>,
    /// Advice shown after the computed hint while the check fails.
    #[serde(default)]
    pub hint: Option<Text>,
}

/// An optional experiment: one of the classic mistakes, one click away.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// The number of the mistake in `kubernetes-behaviour.md` §12 (1–28).
    pub mistake: u8,
    /// Offered once this step (1-based) is done; it runs on the state the
    /// step left (the page should run it on a copy of the session, since
    /// experiments break things on purpose).
    pub after: usize,
    pub title: Text,
    pub text: Text,
    pub run: String,
    /// What the experiment shows, as conditions that hold once it ran.
    #[serde(default)]
    pub expect: Vec<Cond>,
}

/// A lesson's texts in one language, for the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LessonView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub steps: Vec<StepView<'a>>,
    pub experiments: Vec<ExperimentView<'a>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepView<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub run: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExperimentView<'a> {
    pub mistake: u8,
    pub after: usize,
    pub title: &'a str,
    pub text: &'a str,
    pub run: &'a str,
}

impl Lesson {
    /// The lesson's texts in `lang`.
    pub fn view(&self, lang: Lang) -> LessonView<'_> {
        LessonView {
            id: &self.id,
            title: self.title.get(lang),
            summary: self.summary.get(lang),
            steps: self.steps.iter().map(|s| s.view(lang)).collect(),
            experiments: self
                .experiments
                .iter()
                .map(|x| ExperimentView {
                    mistake: x.mistake,
                    after: x.after,
                    title: x.title.get(lang),
                    text: x.text.get(lang),
                    run: &x.run,
                })
                .collect(),
        }
    }

    /// Every text of the lesson, with where it is (for completeness tests).
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = vec![
            (format!("{}: title", self.id), &self.title),
            (format!("{}: summary", self.id), &self.summary),
        ];
        for (i, s) in self.steps.iter().enumerate() {
            out.push((format!("{} step {}: title", self.id, i + 1), &s.title));
            out.push((format!("{} step {}: text", self.id, i + 1), &s.text));
            if let Some(h) = &s.hint {
                out.push((format!("{} step {}: hint", self.id, i + 1), h));
            }
        }
        for x in &self.experiments {
            out.push((
                format!("{} mistake {}: title", self.id, x.mistake),
                &x.title,
            ));
            out.push((format!("{} mistake {}: text", self.id, x.mistake), &x.text));
        }
        out
    }
}

impl Step {
    pub fn view(&self, lang: Lang) -> StepView<'_> {
        StepView {
            title: self.title.get(lang),
            text: self.text.get(lang),
            run: &self.run,
        }
    }
}

/// Reads one YAML document into `T`.
pub fn from_yaml<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let doc = yaml::parse_first_document(text, &yaml::DEFAULT_LIMITS).map_err(|e| e.message)?;
    let root = doc.root.ok_or_else(|| "empty document".to_string())?;
    let value = tree::to_value(&root).map_err(|e| e.message)?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}
