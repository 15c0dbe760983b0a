//! The parser: tokens to the syntax tree. Its structure follows busybox
//! ash's (list, andor, pipeline, command, simplecmd) so that syntax errors
//! come out where and as ash words them: `unexpected "done"`,
//! `unexpected end of file (expecting "fi")`. Nesting is bounded by
//! `Limits::depth`, so no input can overflow the stack.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{
    AndOr, Command, Compound, CondExpr, Item, List, Pipeline, Redir, RedirOp, RedirTarget, Script,
    Simple, Word,
};
use super::lexer::{Lexer, PendingDoc, Tok, WordTok};
use super::Limits;
use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

/// A syntax error, worded as busybox ash prints it after `sh: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line: where the offending token is, or for an unexpected end
    /// of file, where the construct left open began.
    pub line: usize,
    /// E.g. `syntax error: unexpected "done"`.
    pub message: String,
    /// Set when more input could complete the text (an open quote, a `for`
    /// without `done`): the console then asks for a continuation line.
    pub pending: Option<Pending>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sh: {}", self.message)
    }
}

/// What an incomplete command still waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// The end of a `'…'` or `"…"`.
    Quote,
    /// The closing `}`, `))`, `)` or backquote of an expansion.
    Substitution,
    /// The delimiter line of a heredoc.
    Heredoc(String),
    /// A closing keyword or bracket: `done`, `fi`, `esac`, `then`, `}`, `)`…
    Closing(String),
    /// A command after `&&`, `||`, `|` or a keyword.
    Command,
    /// The line after a trailing backslash.
    Backslash,
}

const CHKNL: u8 = 1;
const CHKKWD: u8 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kw {
    Bang,
    Case,
    Do,
    Done,
    Elif,
    Else,
    Esac,
    Fi,
    For,
    If,
    In,
    Then,
    Until,
    While,
    Begin,
    End,
}

/// Whether `word` is one of sh's reserved words (`type if`).
pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|(k, _)| *k == word)
}

const KEYWORDS: [(&str, Kw); 16] = [
    ("!", Kw::Bang),
    ("case", Kw::Case),
    ("do", Kw::Do),
    ("done", Kw::Done),
    ("elif", Kw::Elif),
    ("else", Kw::Else),
    ("esac", Kw::Esac),
    ("fi", Kw::Fi),
    ("for", Kw::For),
    ("if", Kw::If),
    ("in", Kw::In),
    ("then", Kw::Then),
    ("until", Kw::Until),
    ("while", Kw::While),
    ("{", Kw::Begin),
    ("}", Kw::End),
];

/// A token as the grammar sees it (ash's token numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Id {
    Eof,
    Nl,
    Redir,
    Word,
    Semi,
    Amp,
    And,
    Or,
    Pipe,
    LParen,
    RParen,
    DSemi,
    Kw(Kw),
}

fn tokname(id: Id) -> String {
    let s = match id {
        Id::Eof => return "end of file".into(),
        Id::Nl => return "newline".into(),
        Id::Redir => return "redirection".into(),
        Id::Word => return "word".into(),
        Id::Semi => ";",
        Id::Amp => "&",
        Id::And => "&&",
        Id::Or => "||",
        Id::Pipe => "|",
        Id::LParen => "(",
        Id::RParen => ")",
        Id::DSemi => ";;",
        Id::Kw(k) => KEYWORDS
            .iter()
            .find(|(_, kw)| *kw == k)
            .map_or("", |(s, _)| s),
    };
    format!("\"{s}\"")
}

/// Tokens that end a list (ash's `tokendlist`).
fn ends_list(id: Id) -> bool {
    use Kw::*;
    matches!(
        id,
        Id::Eof | Id::RParen | Id::DSemi | Id::Kw(Do | Done | Elif | Else | Esac | Fi | Then | End)
    )
}

/// A token with keywords recognised.
enum T {
    Tok(Tok),
    Kw(Kw, WordTok),
}

impl T {
    fn id(&self) -> Id {
        match self {
            T::Kw(k, _) => Id::Kw(*k),
            T::Tok(t) => match t {
                Tok::Eof => Id::Eof,
                Tok::Nl => Id::Nl,
                Tok::Semi => Id::Semi,
                Tok::Amp => Id::Amp,
                Tok::And => Id::And,
                Tok::Or => Id::Or,
                Tok::Pipe => Id::Pipe,
                Tok::LParen => Id::LParen,
                Tok::RParen => Id::RParen,
                Tok::DSemi => Id::DSemi,
                Tok::Redir { .. } => Id::Redir,
                Tok::Word(_) => Id::Word,
            },
        }
    }

    fn into_word(self) -> Option<WordTok> {
        match self {
            T::Kw(_, w) | T::Tok(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }
}

/// A token inside `[[ … ]]`.
enum CondTok {
    Word(Word),
    And,
    Or,
    LParen,
    RParen,
    Close,
    Eof,
    Other,
}

/// The unary operators of `[[ … ]]` (bash's `test` set).
const COND_UNARY: &[&str] = &[
    "-n", "-z", "-e", "-a", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-b", "-c", "-p", "-S",
    "-t", "-g", "-u", "-k", "-O", "-G", "-v",
];
/// Its binary operators.
const COND_BINARY: &[&str] = &[
    "=", "==", "!=", "<", ">", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
];

pub(crate) struct Parser<'a> {
    lx: &'a mut Lexer,
    /// A token of `[[ … ]]` read ahead.
    cond_back: Option<CondTok>,
    /// A token read and pushed back, with its line.
    back: Option<(T, usize)>,
    /// Line of the last token returned.
    tline: usize,
    checkkwd: u8,
}

/// Parses a whole script. Line numbers are 1-based; `\r\n` line ends are accepted.
pub fn parse_with(src: &str, limits: &Limits) -> Result<Script, SyntaxError> {
    parse_tail(src, limits).0
}

/// Parses a script as bash reads it: `[[ … ]]` and `${name[i]}` besides
/// the sh subset.
pub(crate) fn parse_bash(src: &str, limits: &Limits) -> Result<Script, SyntaxError> {
    parse_dialect(src, limits, true).0
}

/// Parses, and also says what the end of the text leaves open (a heredoc
/// without its delimiter, a trailing backslash) for the console's prompt.
pub(crate) fn parse_tail(
    src: &str,
    limits: &Limits,
) -> (Result<Script, SyntaxError>, Option<Pending>) {
    parse_dialect(src, limits, false)
}

fn parse_dialect(
    src: &str,
    limits: &Limits,
    bash: bool,
) -> (Result<Script, SyntaxError>, Option<Pending>) {
    let owned;
    let src = if src.contains('\r') {
        owned = src.replace("\r\n", "\n");
        owned.as_str()
    } else {
        src
    };
    let lines: Vec<&str> = src.split('\n').collect();
    let count = if src.ends_with('\n') {
        lines.len() - 1
    } else {
        lines.len()
    }
    .max(1);
    let too_big = if src.len() > limits.script_bytes {
        Some(format!(
            "script larger than {} bytes (limit script_bytes)",
            limits.script_bytes
        ))
    } else if count > limits.script_lines {
        Some(format!(
            "script longer than {} lines (limit script_lines)",
            limits.script_lines
        ))
    } else {
        None
    };
    if let Some(message) = too_big {
        return (
            Err(SyntaxError {
                line: 1,
                message,
                pending: None,
            }),
            None,
        );
    }
    let mut lx = Lexer::new(src, 1, limits.depth);
    lx.bash = bash;
    let mut items = Vec::new();
    let result = Parser::new(&mut lx).script(&mut items);
    let tail = match (&lx.heredoc_eof, lx.backslash_eof) {
        (Some(delim), _) => Some(Pending::Heredoc(delim.clone())),
        (None, true) => Some(Pending::Backslash),
        _ => None,
    };
    if let Err(mut e) = result {
        e.line = e.line.clamp(1, count);
        return (Err(e), tail);
    }
    let items = items
        .into_iter()
        .map(|(line, last, body)| Item {
            line,
            lines: lines
                .get(line - 1..last.min(count).max(line))
                .unwrap_or_default()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            body,
        })
        .collect();
    (Ok(Script { items }), tail)
}

impl<'a> Parser<'a> {
    pub fn new(lx: &'a mut Lexer) -> Parser<'a> {
        Parser {
            lx,
            cond_back: None,
            back: None,
            tline: 1,
            checkkwd: 0,
        }
    }

    /// The next token; a pushed-back one is returned again, and as in ash
    /// the current `checkkwd` still applies to it (newlines skipped, a word
    /// recognised as a keyword).
    fn readtoken(&mut self) -> Result<T, SyntaxError> {
        let kwd = std::mem::take(&mut self.checkkwd);
        let (mut t, mut line) = match self.back.take() {
            Some(back) => back,
            None => (T::Tok(self.lx.next()?), self.lx.tok_line),
        };
        if kwd & CHKNL != 0 {
            while let T::Tok(Tok::Nl) = t {
                t = T::Tok(self.lx.next()?);
                line = self.lx.tok_line;
            }
        }
        self.tline = line;
        Ok(match t {
            T::Tok(Tok::Word(w)) if kwd & CHKKWD != 0 && !w.quoted => {
                match w
                    .word
                    .as_lit()
                    .and_then(|s| KEYWORDS.iter().find(|(name, _)| *name == s))
                {
                    Some(&(_, k)) => T::Kw(k, w),
                    None => T::Tok(Tok::Word(w)),
                }
            }
            other => other,
        })
    }

    fn push(&mut self, t: T) {
        self.back = Some((t, self.tline));
    }

    fn unexpected(&self, t: &T, expecting: Option<Id>) -> SyntaxError {
        let mut msg = format!("unexpected {}", tokname(t.id()));
        if let Some(e) = expecting {
            msg += &format!(" (expecting {})", tokname(e));
        }
        if t.id() == Id::Eof {
            let pending = match expecting {
                Some(e) => Pending::Closing(tokname(e).trim_matches('"').to_string()),
                None => Pending::Command,
            };
            let line = self.lx.open.last().copied().unwrap_or(self.tline);
            return self.lx.err(line, &msg, Some(pending));
        }
        self.lx.err(self.tline, &msg, None)
    }

    fn expect(&mut self, id: Id) -> Result<(), SyntaxError> {
        let t = self.readtoken()?;
        if t.id() == id {
            Ok(())
        } else {
            Err(self.unexpected(&t, Some(id)))
        }
    }

    /// Top level: one item per logical line, with the lines it spans.
    fn script(&mut self, items: &mut Vec<(usize, usize, List)>) -> Result<(), SyntaxError> {
        loop {
            self.checkkwd = CHKKWD;
            let t = self.readtoken()?;
            match t.id() {
                Id::Eof => return Ok(()),
                Id::Nl => continue,
                _ => {}
            }
            let first = self.tline;
            self.push(t);
            let body = self.list(1)?;
            let at_eof = matches!(self.back, Some((T::Tok(Tok::Eof), _)));
            let last = if at_eof {
                self.lx.line
            } else {
                self.lx.line - 1
            };
            items.push((first, last.max(first), body));
        }
    }

    /// The inside of `$(…)`, up to its `)`.
    pub fn subst(&mut self) -> Result<List, SyntaxError> {
        let list = self.list(2)?;
        self.expect(Id::RParen)?;
        Ok(list)
    }

    /// A whole text that must hold one list (a backquoted command).
    pub fn whole(&mut self) -> Result<List, SyntaxError> {
        let list = self.list(2)?;
        let t = self.readtoken()?;
        if t.id() != Id::Eof {
            return Err(self.unexpected(&t, None));
        }
        Ok(list)
    }

    /// ash's `list(nlflag)`: 1 at top level (ends at a newline), 0 in a
    /// compound command (newlines separate), 2 where it may be empty.
    fn list(&mut self, mut nlflag: u8) -> Result<List, SyntaxError> {
        let chknl = if nlflag & 1 != 0 { 0 } else { CHKNL };
        let mut items = Vec::new();
        loop {
            self.checkkwd = chknl | CHKKWD;
            let t = self.readtoken()?;
            let id = t.id();
            match id {
                Id::Nl => return Ok(List(items)),
                Id::Eof => {
                    self.push(t);
                    return Ok(List(items));
                }
                _ => {}
            }
            self.push(t);
            if nlflag == 2 && ends_list(id) {
                return Ok(List(items));
            }
            nlflag |= 2;
            items.push(self.andor()?);
            let t = self.readtoken()?;
            match t.id() {
                Id::Semi | Id::Amp => {}
                Id::Nl => self.push(t),
                Id::Eof => {
                    self.push(t);
                    return Ok(List(items));
                }
                _ if chknl == 0 => return Err(self.unexpected(&t, None)),
                _ => {
                    self.push(t);
                    return Ok(List(items));
                }
            }
        }
    }

    fn andor(&mut self) -> Result<AndOr, SyntaxError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let t = self.readtoken()?;
            let and = match t.id() {
                Id::And => true,
                Id::Or => false,
                _ => {
                    self.push(t);
                    return Ok(AndOr { first, rest });
                }
            };
            self.checkkwd = CHKNL | CHKKWD;
            rest.push((and, self.pipeline()?));
        }
    }

    fn pipeline(&mut self) -> Result<Pipeline, SyntaxError> {
        let t = self.readtoken()?;
        let bang = t.id() == Id::Kw(Kw::Bang);
        if bang {
            self.checkkwd = CHKKWD;
        } else {
            self.push(t);
        }
        let mut cmds = vec![self.command()?];
        loop {
            let t = self.readtoken()?;
            if t.id() != Id::Pipe {
                self.push(t);
                return Ok(Pipeline { bang, cmds });
            }
            self.checkkwd = CHKNL | CHKKWD;
            cmds.push(self.command()?);
        }
    }

    fn command(&mut self) -> Result<Command, SyntaxError> {
        let t = self.readtoken()?;
        let line = self.tline;
        if self.lx.bash
            && matches!(&t, T::Tok(Tok::Word(w)) if !w.quoted && w.word.as_lit() == Some("[["))
        {
            self.lx.enter(line)?;
            let e = self.cond_or()?;
            match self.cond_take()? {
                CondTok::Close => {}
                t => return Err(self.cond_unexpected(t)),
            }
            self.lx.leave();
            return self.after_compound(Compound::Cond(e));
        }
        let close = match t.id() {
            Id::Word | Id::Redir => {
                self.push(t);
                return self.simple();
            }
            Id::Kw(Kw::If) => Id::Kw(Kw::Fi),
            Id::Kw(Kw::While | Kw::Until | Kw::For) => Id::Kw(Kw::Done),
            Id::Kw(Kw::Case) => Id::Kw(Kw::Esac),
            Id::LParen => Id::RParen,
            Id::Kw(Kw::Begin) => Id::Kw(Kw::End),
            _ => return Err(self.unexpected(&t, None)),
        };
        self.lx.enter(line)?;
        let compound = match t.id() {
            Id::Kw(Kw::If) => self.if_clause()?,
            Id::Kw(k @ (Kw::While | Kw::Until)) => {
                let cond = self.list(0)?;
                self.expect(Id::Kw(Kw::Do))?;
                Compound::Loop {
                    until: k == Kw::Until,
                    cond,
                    body: self.list(0)?,
                }
            }
            Id::Kw(Kw::For) => self.for_clause()?,
            Id::Kw(Kw::Case) => self.case_clause()?,
            Id::LParen => Compound::Subshell(self.list(0)?),
            _ => Compound::Group(self.list(0)?),
        };
        if close != Id::Kw(Kw::Esac) {
            self.expect(close)?;
        }
        self.lx.leave();
        self.after_compound(compound)
    }

    /// The redirections after a compound command.
    fn after_compound(&mut self, compound: Compound) -> Result<Command, SyntaxError> {
        self.checkkwd = CHKKWD;
        let mut redirs = Vec::new();
        loop {
            match self.readtoken()? {
                T::Tok(Tok::Redir { op, fd, strip }) => redirs.push(self.redir(op, fd, strip)?),
                t => {
                    self.push(t);
                    return Ok(Command::Compound(Box::new(compound), redirs));
                }
            }
        }
    }

    /// The next token inside `[[ … ]]` (newlines are white space there).
    fn cond_next(&mut self) -> Result<CondTok, SyntaxError> {
        loop {
            let t = self.lx.next()?;
            self.tline = self.lx.tok_line;
            return Ok(match t {
                Tok::Nl => continue,
                Tok::And => CondTok::And,
                Tok::Or => CondTok::Or,
                Tok::LParen => CondTok::LParen,
                Tok::RParen => CondTok::RParen,
                Tok::Eof => CondTok::Eof,
                Tok::Redir {
                    op: RedirOp::In,
                    fd: None,
                    ..
                } => CondTok::Word(Word::lit("<")),
                Tok::Redir {
                    op: RedirOp::Out,
                    fd: None,
                    ..
                } => CondTok::Word(Word::lit(">")),
                Tok::Word(w) if !w.quoted && w.word.as_lit() == Some("]]") => CondTok::Close,
                Tok::Word(w) => CondTok::Word(w.word),
                _ => CondTok::Other,
            });
        }
    }

    fn cond_peek(&mut self) -> Result<&CondTok, SyntaxError> {
        if self.cond_back.is_none() {
            let t = self.cond_next()?;
            self.cond_back = Some(t);
        }
        Ok(self.cond_back.as_ref().unwrap_or(&CondTok::Eof))
    }

    fn cond_take(&mut self) -> Result<CondTok, SyntaxError> {
        match self.cond_back.take() {
            Some(t) => Ok(t),
            None => self.cond_next(),
        }
    }

    /// bash's wording: `syntax error in conditional expression`, or at the
    /// end of the text, the `]]` still missing.
    fn cond_unexpected(&self, t: CondTok) -> SyntaxError {
        if matches!(t, CondTok::Eof) {
            let line = self.lx.open.last().copied().unwrap_or(self.tline);
            return self.lx.err(
                line,
                "unexpected end of file (expecting \"]]\")",
                Some(Pending::Closing("]]".into())),
            );
        }
        self.lx
            .err(self.tline, "syntax error in conditional expression", None)
    }

    fn cond_or(&mut self) -> Result<CondExpr, SyntaxError> {
        let mut left = self.cond_and()?;
        while matches!(self.cond_peek()?, CondTok::Or) {
            self.cond_take()?;
            let right = self.cond_and()?;
            left = CondExpr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn cond_and(&mut self) -> Result<CondExpr, SyntaxError> {
        let mut left = self.cond_not()?;
        while matches!(self.cond_peek()?, CondTok::And) {
            self.cond_take()?;
            let right = self.cond_not()?;
            left = CondExpr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn cond_not(&mut self) -> Result<CondExpr, SyntaxError> {
        let line = self.tline;
        match self.cond_take()? {
            CondTok::Word(w) if w.as_lit() == Some("!") => {
                self.lx.enter(line)?;
                let e = self.cond_not()?;
                self.lx.leave();
                Ok(CondExpr::Not(Box::new(e)))
            }
            CondTok::LParen => {
                self.lx.enter(line)?;
                let e = self.cond_or()?;
                self.lx.leave();
                match self.cond_take()? {
                    CondTok::RParen => Ok(e),
                    t => Err(self.cond_unexpected(t)),
                }
            }
            CondTok::Word(w) => self.cond_primary(w),
            t => Err(self.cond_unexpected(t)),
        }
    }

    /// A unary test, a binary one, or a lone word. The operator after the
    /// first word decides; `=~` reads its operand as a regular expression.
    fn cond_primary(&mut self, first: Word) -> Result<CondExpr, SyntaxError> {
        if let Some(op) = first.as_lit().filter(|op| COND_UNARY.contains(op)) {
            let op = op.to_string();
            if let CondTok::Word(_) = self.cond_peek()? {
                if let CondTok::Word(w) = self.cond_take()? {
                    return Ok(CondExpr::Unary(op, w));
                }
            }
            return Ok(CondExpr::Word(first));
        }
        let is_binary = matches!(
            self.cond_peek()?,
            CondTok::Word(w) if w.as_lit().is_some_and(|o| COND_BINARY.contains(&o))
        );
        if !is_binary {
            return Ok(CondExpr::Word(first));
        }
        let op = match self.cond_take()? {
            CondTok::Word(w) => w.as_lit().unwrap_or_default().to_string(),
            _ => String::new(),
        };
        if op == "=~" {
            let re = self.lx.regex_word()?;
            if re.parts.is_empty() {
                return Err(self.cond_unexpected(CondTok::Other));
            }
            return Ok(CondExpr::Binary(first, op, re));
        }
        match self.cond_take()? {
            CondTok::Word(w) => Ok(CondExpr::Binary(first, op, w)),
            t => Err(self.cond_unexpected(t)),
        }
    }

    fn if_clause(&mut self) -> Result<Compound, SyntaxError> {
        let mut branches = Vec::new();
        loop {
            let cond = self.list(0)?;
            self.expect(Id::Kw(Kw::Then))?;
            branches.push((cond, self.list(0)?));
            let t = self.readtoken()?;
            match t.id() {
                Id::Kw(Kw::Elif) => continue,
                Id::Kw(Kw::Else) => return Ok(Compound::If(branches, Some(self.list(0)?))),
                _ => {
                    self.push(t);
                    return Ok(Compound::If(branches, None));
                }
            }
        }
    }

    fn for_clause(&mut self) -> Result<Compound, SyntaxError> {
        let var = match self.readtoken()? {
            T::Tok(Tok::Word(w)) if !w.quoted && w.word.as_lit().is_some_and(goodname) => {
                w.word.as_lit().unwrap_or_default().to_string()
            }
            _ => return Err(self.lx.err(self.tline, "bad for loop variable", None)),
        };
        self.checkkwd = CHKNL | CHKKWD;
        let t = self.readtoken()?;
        let items = if t.id() == Id::Kw(Kw::In) {
            let mut words = Vec::new();
            let t = loop {
                match self.readtoken()? {
                    T::Tok(Tok::Word(w)) => words.push(w.word),
                    t => break t,
                }
            };
            if !matches!(t.id(), Id::Nl | Id::Semi) {
                return Err(self.unexpected(&t, None));
            }
            Some(words)
        } else {
            if t.id() != Id::Semi {
                self.push(t);
            }
            None
        };
        self.checkkwd = CHKNL | CHKKWD;
        self.expect(Id::Kw(Kw::Do))?;
        Ok(Compound::For {
            var,
            items,
            body: self.list(0)?,
        })
    }

    fn case_clause(&mut self) -> Result<Compound, SyntaxError> {
        let t = self.readtoken()?;
        if t.id() != Id::Word {
            return Err(self.unexpected(&t, Some(Id::Word)));
        }
        let word = t.into_word().map(|w| w.word).unwrap_or_default();
        self.checkkwd = CHKNL | CHKKWD;
        self.expect(Id::Kw(Kw::In))?;
        let mut arms = Vec::new();
        loop {
            self.checkkwd = CHKNL | CHKKWD;
            let mut t = self.readtoken()?;
            if t.id() == Id::Kw(Kw::Esac) {
                break;
            }
            if t.id() == Id::LParen {
                t = self.readtoken()?;
            }
            let mut patterns = Vec::new();
            loop {
                if !matches!(t.id(), Id::Word | Id::Kw(_)) {
                    let want = if t.id() == Id::Eof {
                        Id::Kw(Kw::Esac)
                    } else {
                        Id::Word
                    };
                    return Err(self.unexpected(&t, Some(want)));
                }
                patterns.extend(t.into_word().map(|w| w.word));
                let next = self.readtoken()?;
                match next.id() {
                    Id::Pipe => t = self.readtoken()?,
                    Id::RParen => break,
                    _ => return Err(self.unexpected(&next, Some(Id::RParen))),
                }
            }
            arms.push((patterns, self.list(2)?));
            self.checkkwd = CHKNL | CHKKWD;
            let t = self.readtoken()?;
            match t.id() {
                Id::Kw(Kw::Esac) => break,
                Id::DSemi => {}
                _ => return Err(self.unexpected(&t, Some(Id::DSemi))),
            }
        }
        Ok(Compound::Case { word, arms })
    }

    fn simple(&mut self) -> Result<Command, SyntaxError> {
        let mut s = Simple::default();
        loop {
            let t = self.readtoken()?;
            match t {
                T::Tok(Tok::Redir { op, fd, strip }) => s.redirs.push(self.redir(op, fd, strip)?),
                T::Tok(Tok::LParen)
                    if s.words.len() == 1 && s.assigns.is_empty() && s.redirs.is_empty() =>
                {
                    let line = self.tline;
                    self.expect(Id::RParen)?;
                    let name = s
                        .words
                        .pop()
                        .and_then(|w| w.as_lit().map(str::to_string))
                        .unwrap_or_default();
                    self.lx.enter(line)?;
                    self.checkkwd = CHKNL | CHKKWD;
                    let body = self.command()?;
                    self.lx.leave();
                    return Ok(Command::Func(name, Rc::new(body)));
                }
                t if t.id() == Id::Word => {
                    let w = t.into_word().map(|w| w.word).unwrap_or_default();
                    match assignment(&w) {
                        Some(a) if s.words.is_empty() => s.assigns.push(a),
                        _ => s.words.push(w),
                    }
                }
                t => {
                    self.push(t);
                    return Ok(Command::Simple(s));
                }
            }
        }
    }

    /// The target of a redirection operator; a heredoc is registered with
    /// the lexer, which fills its body when the line ends.
    fn redir(&mut self, op: RedirOp, fd: Option<u32>, strip: bool) -> Result<Redir, SyntaxError> {
        let fd = fd.unwrap_or(
            if matches!(
                op,
                RedirOp::In | RedirOp::DupIn | RedirOp::InOut | RedirOp::Here
            ) {
                0
            } else {
                1
            },
        );
        self.lx.delim_next = op == RedirOp::Here;
        let t = self.readtoken()?;
        self.lx.delim_next = false;
        if t.id() != Id::Word {
            return Err(self.unexpected(&t, None));
        }
        let w = t.into_word().unwrap_or(WordTok {
            word: Word::default(),
            quoted: false,
        });
        let target = if op == RedirOp::Here {
            let delim = w
                .word
                .parts
                .iter()
                .map(super::expand::literal_text)
                .collect();
            let cell = Rc::new(OnceCell::new());
            self.lx.pending.push(PendingDoc {
                delim,
                expand: !w.quoted,
                strip_tabs: strip,
                cell: cell.clone(),
            });
            RedirTarget::Here(cell)
        } else {
            RedirTarget::Word(w.word)
        };
        Ok(Redir { fd, op, target })
    }
}

pub(crate) fn goodname(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// `NAME=value` at the start of a simple command (and as an argument
/// of `export`, `readonly` or `local`).
pub(crate) fn assignment(w: &Word) -> Option<(String, Word)> {
    let super::ast::Part::Lit(first) = w.parts.first()? else {
        return None;
    };
    let eq = first.find('=')?;
    if !goodname(&first[..eq]) {
        return None;
    }
    let mut parts = w.parts[1..].to_vec();
    if eq + 1 < first.len() {
        parts.insert(0, super::ast::Part::Lit(first[eq + 1..].to_string()));
    }
    Some((first[..eq].to_string(), Word { parts }))
}
