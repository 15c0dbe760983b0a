//! The syntax tree: what the parser builds and the interpreter walks.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use std::cell::OnceCell;
use std::rc::Rc;

/// A parsed script: its top-level commands, one per logical line.
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub items: Vec<Item>,
}

/// One top-level command line: what the transcript echoes, then runs.
#[derive(Clone, Debug)]
pub struct Item {
    /// 1-based line of the first token.
    pub line: usize,
    /// The source lines it spans, as written (heredoc bodies included).
    pub lines: Vec<String>,
    pub(crate) body: List,
}

/// Commands separated by `;`, `&` or newlines.
#[derive(Clone, Debug, Default)]
pub struct List(pub Vec<AndOr>);

/// Pipelines joined by `&&` (true) or `||` (false).
#[derive(Clone, Debug)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(bool, Pipeline)>,
}

/// Commands joined by `|`, maybe negated with `!`.
#[derive(Clone, Debug)]
pub struct Pipeline {
    pub bang: bool,
    pub cmds: Vec<Command>,
}

/// One command of a pipeline.
#[derive(Clone, Debug)]
pub enum Command {
    Simple(Simple),
    Compound(Box<Compound>, Vec<Redir>),
    /// `name() body`
    Func(String, Rc<Command>),
}

/// `NAME=value… word… redirections…`
#[derive(Clone, Debug, Default)]
pub struct Simple {
    pub assigns: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
}

/// The compound commands; their redirections sit in `Command::Compound`.
#[derive(Clone, Debug)]
pub enum Compound {
    Group(List),
    Subshell(List),
    /// `if`/`elif` branches (condition, body), then `else`.
    If(Vec<(List, List)>, Option<List>),
    Loop {
        until: bool,
        cond: List,
        body: List,
    },
    /// `for var [in words]; do body; done` (no `in`: the positional parameters).
    For {
        var: String,
        items: Option<Vec<Word>>,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, List)>,
    },
    /// bash's `[[ … ]]` (only parsed when the shell is bash).
    Cond(CondExpr),
}

/// The expression of `[[ … ]]`: its operands are expanded without field
/// splitting, so `[[ $x == y ]]` needs no quotes.
#[derive(Clone, Debug)]
pub enum CondExpr {
    /// `-f word`, `-z word` …
    Unary(String, Word),
    /// `a == pattern`, `a -eq b`, `a =~ regex` …
    Binary(Word, String, Word),
    /// A lone word: true when it expands to a non-empty string.
    Word(Word),
    Not(Box<CondExpr>),
    And(Box<CondExpr>, Box<CondExpr>),
    Or(Box<CondExpr>, Box<CondExpr>),
}

impl Compound {
    /// The word that opens it, to name it in messages.
    pub fn keyword(&self) -> &'static str {
        match self {
            Compound::Group(_) => "{",
            Compound::Subshell(_) => "(",
            Compound::If(..) => "if",
            Compound::Loop { until: true, .. } => "until",
            Compound::Loop { .. } => "while",
            Compound::For { .. } => "for",
            Compound::Case { .. } => "case",
            Compound::Cond(_) => "[[",
        }
    }
}

/// Redirection operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>` and `>|`
    Out,
    /// `>>`
    Append,
    /// `<&`
    DupIn,
    /// `>&`
    DupOut,
    /// `<>`
    InOut,
    /// `<<` and `<<-`
    Here,
    /// `&>` (stdout and stderr to one file)
    Both,
}

/// A redirection of file descriptor `fd`.
#[derive(Clone, Debug)]
pub struct Redir {
    pub fd: u32,
    pub op: RedirOp,
    pub target: RedirTarget,
}

/// A file (or fd) word, or a heredoc body.
#[derive(Clone, Debug)]
pub enum RedirTarget {
    Word(Word),
    /// A heredoc body, filled in when the parser reaches the end of its line.
    Here(Rc<OnceCell<Word>>),
}

/// A word before expansion.
#[derive(Clone, Debug, Default)]
pub struct Word {
    pub parts: Vec<Part>,
}

/// A piece of a word, as quoted and written.
#[derive(Clone, Debug)]
pub enum Part {
    /// Unquoted text: pattern characters in it are active in `case` and `${x#…}`.
    Lit(String),
    /// Text from `'…'` or a backslash escape.
    Quoted(String),
    /// A `"…"` section (and an expanding heredoc body).
    Dq(Vec<Part>),
    Param(Box<Param>),
    /// `$(…)` or a backquoted command.
    Cmd(Rc<List>),
    /// `$((…))`, expanded then evaluated.
    Arith(Vec<Part>),
}

/// `$name` or `${name…}`.
#[derive(Clone, Debug)]
pub struct Param {
    /// A variable name, a digit string, or one of `? # @ * $ ! - 0`.
    pub name: String,
    pub op: ParamOp,
}

/// `${name…}` forms; the bool says whether a `:` was given (null counts as unset).
#[derive(Clone, Debug)]
pub enum ParamOp {
    Get,
    Len,
    Default(bool, Word),
    Assign(bool, Word),
    Alt(bool, Word),
    Error(bool, Word),
    /// `#` (false) or `##` (true)
    TrimPrefix(bool, Word),
    /// `%` (false) or `%%` (true)
    TrimSuffix(bool, Word),
}

impl Word {
    /// A word of plain unquoted text.
    pub fn lit(s: &str) -> Word {
        Word {
            parts: vec![Part::Lit(s.to_string())],
        }
    }

    /// The word's text if it is plain unquoted literal text.
    pub fn as_lit(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Lit(s)] => Some(s),
            _ => None,
        }
    }
}
