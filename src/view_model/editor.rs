//! The editor's text with its undo history and diagnostics. Typing a word
//! is one undo step (runs of single-character insertions or deletions
//! coalesce); loading an example or an object is always its own step.

use std::rc::Rc;

use crate::manifest::{self, Severity};

const MAX_UNDO: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagVm {
    pub line: u32,
    pub col: u32,
    pub error: bool,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    None,
    /// Inserting single characters; the next one is expected at this
    /// offset; `true` once a space or newline ended the word.
    Insert(usize, bool),
    /// Deleting single characters backwards; the last one was at this offset.
    Delete(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorState {
    pub text: Rc<str>,
    /// The file name Apply hands to the console.
    pub file: Rc<str>,
    pub diagnostics: Rc<Vec<DiagVm>>,
    undo: Vec<Rc<str>>,
    redo: Vec<Rc<str>>,
    run: Run,
}

pub fn diagnose(text: &str, file: &str) -> Vec<DiagVm> {
    manifest::parse(text, file)
        .diagnostics()
        .into_iter()
        .map(|d| DiagVm {
            line: d.line.max(1),
            col: d.col.max(1),
            error: d.severity == Severity::Error,
            message: d.message,
        })
        .collect()
}

impl EditorState {
    pub fn new(text: &str, file: &str) -> Self {
        EditorState {
            diagnostics: Rc::new(diagnose(text, file)),
            text: text.into(),
            file: file.into(),
            undo: Vec::new(),
            redo: Vec::new(),
            run: Run::None,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn set(&mut self, text: Rc<str>) {
        self.diagnostics = Rc::new(diagnose(&text, &self.file));
        self.text = text;
    }

    fn push_undo(&mut self) {
        self.undo.push(self.text.clone());
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// What the user typed; returns false when nothing changed.
    pub fn edit(&mut self, new: &str) -> bool {
        if *self.text == *new {
            return false;
        }
        let old = &self.text;
        let prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let max_suffix = old.len().min(new.len()) - prefix;
        let suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        let removed = &old[prefix..old.len() - suffix];
        let inserted = new.get(prefix..new.len() - suffix).unwrap_or("");
        let single = |s: &str| s.chars().count() == 1;
        let next = if removed.is_empty() && single(inserted) {
            Run::Insert(
                prefix + inserted.len(),
                inserted.contains(char::is_whitespace),
            )
        } else if inserted.is_empty() && single(removed) {
            Run::Delete(prefix)
        } else {
            Run::None
        };
        let continues = match (self.run, next) {
            (Run::Insert(at, ended), Run::Insert(..)) => at == prefix && !ended,
            (Run::Delete(at), Run::Delete(_)) => at == prefix + removed.len(),
            _ => false,
        };
        if !continues {
            self.push_undo();
        }
        self.run = next;
        self.set(new.into());
        true
    }

    /// Replaces the whole text (an example, `kubectl edit`): one undo step.
    pub fn replace(&mut self, new: &str, file: Option<&str>) {
        if let Some(f) = file {
            self.file = f.into();
        }
        if *self.text == *new {
            return;
        }
        self.push_undo();
        self.run = Run::None;
        self.set(new.into());
    }

    pub fn undo(&mut self) -> bool {
        let Some(prev) = self.undo.pop() else {
            return false;
        };
        self.redo.push(self.text.clone());
        self.run = Run::None;
        self.set(prev);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(self.text.clone());
        self.run = Run::None;
        self.set(next);
        true
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_a_word_is_one_undo_step() {
        let mut e = EditorState::new("a: 1\n", "x.yaml");
        e.edit("a: 1\nb");
        e.edit("a: 1\nbc");
        e.edit("a: 1\nbc:");
        e.edit("a: 1\nbc: ");
        e.edit("a: 1\nbc: 2");
        assert!(e.undo());
        assert_eq!(&*e.text, "a: 1\nbc: ");
        assert!(e.undo());
        assert_eq!(&*e.text, "a: 1\n");
        assert!(e.redo());
        assert_eq!(&*e.text, "a: 1\nbc: ");
        e.replace("kind: Pod\n", None);
        assert!(e.undo());
        assert_eq!(&*e.text, "a: 1\nbc: ");
    }

    #[test]
    fn diagnostics_point_at_the_line() {
        let e = EditorState::new(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n spec: {}\n",
            "x.yaml",
        );
        assert!(e.has_errors(), "{:?}", e.diagnostics);
        assert_eq!(e.diagnostics[0].line, 5, "{:?}", e.diagnostics);
    }
}
