//! The lexer: source text to tokens, as busybox ash reads it. Words keep
//! their structure (quotes, `$…` expansions, command substitutions parsed
//! into lists), heredoc bodies are read when the line that opened them ends.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{Param, ParamOp, Part, RedirOp, Word};
use super::parser::{Parser, Pending, SyntaxError};
use std::cell::OnceCell;
use std::rc::Rc;

#[derive(Debug)]
pub(crate) enum Tok {
    Eof,
    Nl,
    Semi,
    Amp,
    And,
    Or,
    Pipe,
    LParen,
    RParen,
    DSemi,
    /// A redirection operator with its optional fd number; `strip` is `<<-`.
    Redir {
        op: RedirOp,
        fd: Option<u32>,
        strip: bool,
    },
    Word(WordTok),
}

#[derive(Debug)]
pub(crate) struct WordTok {
    pub word: Word,
    /// Some part was quoted or escaped (so it is never a keyword).
    pub quoted: bool,
}

/// A heredoc whose body starts after the current line.
pub(crate) struct PendingDoc {
    pub delim: String,
    pub expand: bool,
    pub strip_tabs: bool,
    pub cell: Rc<OnceCell<Word>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// An ordinary word.
    Base,
    /// A heredoc delimiter: `$` and backquotes are plain text.
    Delim,
    /// Inside `"…"`.
    Dq,
    /// The word of `${name op word}`; the bool says it sits inside `"…"`.
    Brace(bool),
    /// Inside `$((…))`.
    Arith,
    /// An expanding heredoc body.
    Here,
}

pub(crate) struct Lexer {
    chars: Vec<char>,
    pos: usize,
    /// Line of the next character (1-based).
    pub line: usize,
    /// Line of the start of the last token.
    pub tok_line: usize,
    pub pending: Vec<PendingDoc>,
    /// Lines where the constructs still open began, innermost last: an
    /// unexpected end of file is reported where the unclosed thing started.
    pub open: Vec<usize>,
    max_depth: usize,
    /// The next word is a heredoc delimiter.
    pub delim_next: bool,
    /// A heredoc body ran to the end of the input without its delimiter.
    pub heredoc_eof: Option<String>,
    /// The input ends with a backslash (a continuation still to come).
    pub backslash_eof: bool,
    /// bash's syntax: `[[ … ]]`, `${name[i]}`.
    pub bash: bool,
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

fn is_name_start_str(s: &str) -> bool {
    s.chars().next().is_some_and(is_name_start)
}

impl Lexer {
    pub fn new(src: &str, line: usize, max_depth: usize) -> Lexer {
        Lexer {
            chars: src.chars().collect(),
            pos: 0,
            line,
            tok_line: line,
            pending: Vec::new(),
            open: Vec::new(),
            max_depth,
            delim_next: false,
            heredoc_eof: None,
            backslash_eof: false,
            bash: false,
        }
    }

    /// A lexer for text cut out of this one (a backquoted command, a heredoc
    /// body) that shares its nesting budget.
    fn sub(&self, src: &str, line: usize) -> Lexer {
        let mut lx = Lexer::new(src, line, self.max_depth);
        lx.open = self.open.clone();
        lx.bash = self.bash;
        lx
    }

    pub fn err(&self, line: usize, msg: &str, pending: Option<Pending>) -> SyntaxError {
        SyntaxError {
            line,
            message: format!("syntax error: {msg}"),
            pending,
        }
    }

    /// Enters a nested construct that began on `line`.
    pub fn enter(&mut self, line: usize) -> Result<(), SyntaxError> {
        if self.open.len() >= self.max_depth {
            let msg = format!(
                "nested more than {} levels deep (limit depth)",
                self.max_depth
            );
            return Err(self.err(line, &msg, None));
        }
        self.open.push(line);
        Ok(())
    }

    pub fn leave(&mut self) {
        self.open.pop();
    }

    fn raw(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn raw_at(&self, off: usize) -> Option<char> {
        self.chars.get(self.pos + off).copied()
    }

    /// The next character, after skipping `\`-newline continuations.
    fn peek(&mut self) -> Option<char> {
        while self.raw() == Some('\\') {
            match self.raw_at(1) {
                Some('\n') => {
                    self.pos += 2;
                    self.line += 1;
                    self.backslash_eof |= self.pos == self.chars.len();
                }
                None => {
                    self.backslash_eof = true;
                    break;
                }
                _ => break,
            }
        }
        self.raw()
    }

    /// Consumes one raw character.
    fn bump(&mut self) -> Option<char> {
        let c = self.raw()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn next(&mut self) -> Result<Tok, SyntaxError> {
        loop {
            match self.peek() {
                Some(' ' | '\t') => self.pos += 1,
                Some('#') => {
                    while !matches!(self.raw(), None | Some('\n')) {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
        self.tok_line = self.line;
        let Some(c) = self.peek() else {
            self.read_heredocs()?;
            return Ok(Tok::Eof);
        };
        let tok = match c {
            '\n' => {
                self.bump();
                self.read_heredocs()?;
                Tok::Nl
            }
            '(' | ')' | ';' | '&' | '|' => {
                self.pos += 1;
                match c {
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    ';' if self.eat(';') => Tok::DSemi,
                    ';' => Tok::Semi,
                    '&' if self.eat('&') => Tok::And,
                    '&' if self.eat('>') => Tok::Redir {
                        op: RedirOp::Both,
                        fd: None,
                        strip: false,
                    },
                    '&' => Tok::Amp,
                    _ if self.eat('|') => Tok::Or,
                    _ => Tok::Pipe,
                }
            }
            '<' | '>' => self.redir(None),
            _ => {
                let mode = if std::mem::take(&mut self.delim_next) {
                    Mode::Delim
                } else {
                    Mode::Base
                };
                let (parts, quoted) = self.word(mode)?;
                if let (false, Some('<' | '>'), [Part::Lit(s)]) =
                    (quoted, self.peek(), parts.as_slice())
                {
                    if s.len() < 10 && s.bytes().all(|b| b.is_ascii_digit()) {
                        let fd = s.parse().ok();
                        return Ok(self.redir(fd));
                    }
                }
                Tok::Word(WordTok {
                    word: Word { parts },
                    quoted,
                })
            }
        };
        Ok(tok)
    }

    fn redir(&mut self, fd: Option<u32>) -> Tok {
        let first = self.bump();
        let mut strip = false;
        let op = if first == Some('>') {
            if self.eat('>') {
                RedirOp::Append
            } else if self.eat('&') {
                RedirOp::DupOut
            } else {
                self.eat('|');
                RedirOp::Out
            }
        } else if self.eat('<') {
            strip = self.eat('-');
            RedirOp::Here
        } else if self.eat('&') {
            RedirOp::DupIn
        } else if self.eat('>') {
            RedirOp::InOut
        } else {
            RedirOp::In
        };
        Tok::Redir { op, fd, strip }
    }

    /// Reads one word (or the inside of quotes, `${…}`, `$((…))`, a heredoc
    /// body, according to `mode`) into parts; also says whether anything was quoted.
    fn word(&mut self, mode: Mode) -> Result<(Vec<Part>, bool), SyntaxError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut quoted = false;
        let mut parens = 0usize;
        let start = self.line;
        let unquoted = matches!(mode, Mode::Base | Mode::Delim | Mode::Brace(false));
        loop {
            let Some(c) = self.peek() else {
                match mode {
                    Mode::Dq => {
                        return Err(self.err(
                            start,
                            "unterminated quoted string",
                            Some(Pending::Quote),
                        ))
                    }
                    Mode::Brace(_) => {
                        return Err(self.err(start, "missing '}'", Some(Pending::Substitution)))
                    }
                    Mode::Arith => {
                        return Err(self.err(start, "missing '))'", Some(Pending::Substitution)))
                    }
                    _ => break,
                }
            };
            match (mode, c) {
                (
                    Mode::Base | Mode::Delim,
                    ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>',
                ) => break,
                (Mode::Dq, '"') | (Mode::Brace(_), '}') => {
                    self.pos += 1;
                    break;
                }
                (Mode::Arith, '(') => {
                    parens += 1;
                    lit.push(c);
                    self.pos += 1;
                }
                (Mode::Arith, ')') => {
                    self.pos += 1;
                    if parens > 0 {
                        parens -= 1;
                        lit.push(c);
                    } else if self.eat(')') {
                        break;
                    } else {
                        lit.push(c);
                    }
                }
                (_, '\'') if unquoted => {
                    let line = self.line;
                    self.pos += 1;
                    let mut s = String::new();
                    loop {
                        match self.bump() {
                            None => {
                                return Err(self.err(
                                    line,
                                    "unterminated quoted string",
                                    Some(Pending::Quote),
                                ))
                            }
                            Some('\'') => break,
                            Some(c) => s.push(c),
                        }
                    }
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Quoted(s));
                    quoted = true;
                }
                (Mode::Base | Mode::Delim | Mode::Brace(_), '"') => {
                    self.pos += 1;
                    let (inner, _) = self.word(Mode::Dq)?;
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Dq(inner));
                    quoted = true;
                }
                (_, '\\') => {
                    self.pos += 1;
                    let Some(next) = self.raw() else {
                        lit.push('\\');
                        continue;
                    };
                    let special = match mode {
                        Mode::Base | Mode::Delim | Mode::Brace(false) => true,
                        Mode::Dq | Mode::Brace(true) => {
                            matches!(next, '$' | '`' | '\\' | '"' | '}')
                        }
                        Mode::Arith | Mode::Here => matches!(next, '$' | '`' | '\\'),
                    };
                    self.bump();
                    if special {
                        flush(&mut lit, &mut parts);
                        parts.push(Part::Quoted(next.to_string()));
                        quoted = true;
                    } else {
                        lit.push('\\');
                        lit.push(next);
                    }
                }
                (Mode::Delim, _) => {
                    lit.push(c);
                    self.pos += 1;
                }
                (_, '$') => {
                    self.pos += 1;
                    match self.dollar(mode)? {
                        Some(part) => {
                            flush(&mut lit, &mut parts);
                            parts.push(part);
                        }
                        None => lit.push('$'),
                    }
                }
                (_, '`') => {
                    let part = self.backquote(mode)?;
                    flush(&mut lit, &mut parts);
                    parts.push(part);
                }
                _ => {
                    lit.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok((parts, quoted))
    }

    /// After a `$`: a parameter, `${…}`, `$(…)` or `$((…))`; None for a plain `$`.
    fn dollar(&mut self, mode: Mode) -> Result<Option<Part>, SyntaxError> {
        let line = self.line;
        let part = match self.peek() {
            Some('{') => {
                self.pos += 1;
                self.brace(
                    mode == Mode::Dq || mode == Mode::Brace(true) || mode == Mode::Here,
                    line,
                )?
            }
            Some('(') => {
                self.pos += 1;
                self.enter(line)?;
                let part = if self.eat('(') {
                    Part::Arith(self.word(Mode::Arith)?.0)
                } else {
                    let saved = std::mem::take(&mut self.pending);
                    // The nested parse lexes tokens of its own; the word
                    // being read still starts where it started (a
                    // transcript echoes `X=$(…` from its first line).
                    let tok_line = self.tok_line;
                    let list = Parser::new(self).subst()?;
                    self.tok_line = tok_line;
                    self.pending = saved;
                    Part::Cmd(Rc::new(list))
                };
                self.leave();
                part
            }
            Some(c) if is_name_start(c) => Part::Param(Box::new(Param {
                name: self.name(),
                op: ParamOp::Get,
            })),
            Some(c) if c.is_ascii_digit() || "?#$!@*-".contains(c) => {
                self.pos += 1;
                Part::Param(Box::new(Param {
                    name: c.to_string(),
                    op: ParamOp::Get,
                }))
            }
            _ => return Ok(None),
        };
        Ok(Some(part))
    }

    /// The right side of `=~` in `[[ … ]]`, as bash reads it: parentheses
    /// and `|` are part of the regular expression, and white space inside
    /// parentheses too; unquoted white space at depth 0 ends it. Quoted
    /// parts stay quoted (they match literally).
    pub fn regex_word(&mut self) -> Result<Word, SyntaxError> {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
        let start = self.line;
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' if depth == 0 => break,
                '(' => {
                    depth += 1;
                    lit.push(c);
                    self.pos += 1;
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    lit.push(c);
                    self.pos += 1;
                }
                '\'' => {
                    self.pos += 1;
                    let mut q = String::new();
                    loop {
                        match self.bump() {
                            None => {
                                return Err(self.err(
                                    start,
                                    "unterminated quoted string",
                                    Some(Pending::Quote),
                                ))
                            }
                            Some('\'') => break,
                            Some(c) => q.push(c),
                        }
                    }
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Quoted(q));
                }
                '"' => {
                    self.pos += 1;
                    let (inner, _) = self.word(Mode::Dq)?;
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Dq(inner));
                }
                '\\' => {
                    self.pos += 1;
                    match self.bump() {
                        Some(n) => {
                            flush(&mut lit, &mut parts);
                            parts.push(Part::Quoted(n.to_string()));
                        }
                        None => lit.push('\\'),
                    }
                }
                '$' => {
                    self.pos += 1;
                    match self.dollar(Mode::Base)? {
                        Some(part) => {
                            flush(&mut lit, &mut parts);
                            parts.push(part);
                        }
                        None => lit.push('$'),
                    }
                }
                '`' => {
                    let part = self.backquote(Mode::Base)?;
                    flush(&mut lit, &mut parts);
                    parts.push(part);
                }
                _ => {
                    lit.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok(Word { parts })
    }

    fn name(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|&c| is_name_char(c)) {
            s.push(c);
            self.pos += 1;
        }
        s
    }

    /// `${…}` after the brace.
    fn brace(&mut self, dq: bool, line: usize) -> Result<Part, SyntaxError> {
        let bad = |lx: &Lexer| {
            if lx.raw().is_none() {
                lx.err(line, "missing '}'", Some(Pending::Substitution))
            } else {
                lx.err(line, "bad substitution", None)
            }
        };
        let mut length = false;
        if self.peek() == Some('#')
            && !matches!(
                self.raw_at(1),
                Some('}' | '-' | '=' | '+' | '?' | ':') | None
            )
        {
            self.pos += 1;
            length = true;
        }
        let name = match self.peek() {
            Some(c) if is_name_start(c) => self.name(),
            Some(c) if c.is_ascii_digit() => {
                let mut s = String::new();
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    s.push(d);
                    self.pos += 1;
                }
                s
            }
            Some(c) if "?#$!@*-".contains(c) => {
                self.pos += 1;
                c.to_string()
            }
            _ => return Err(bad(self)),
        };
        // bash arrays: `${BASH_REMATCH[1]}` (a literal index; ash has no arrays
        // and calls it a bad substitution).
        let name = if self.bash && self.peek() == Some('[') && is_name_start_str(&name) {
            self.pos += 1;
            let mut idx = String::new();
            while let Some(d) = self
                .peek()
                .filter(|c| c.is_ascii_digit() || *c == '@' || *c == '*')
            {
                idx.push(d);
                self.pos += 1;
            }
            if idx.is_empty() || !self.eat(']') {
                return Err(bad(self));
            }
            format!("{name}[{idx}]")
        } else {
            name
        };
        if length {
            return if self.eat('}') {
                Ok(param(name, ParamOp::Len))
            } else {
                Err(bad(self))
            };
        }
        let colon = self.eat(':');
        let Some(c) = self.peek() else {
            return Err(bad(self));
        };
        if c == '}' && !colon {
            self.pos += 1;
            return Ok(param(name, ParamOp::Get));
        }
        let trim = !colon && (c == '#' || c == '%');
        if !trim && !matches!(c, '-' | '=' | '+' | '?') {
            return Err(bad(self));
        }
        self.pos += 1;
        let longest = trim && self.eat(c);
        self.enter(line)?;
        // ash reads a trimming pattern as unquoted text even inside "…".
        let word = Word {
            parts: self.word(Mode::Brace(dq && !trim))?.0,
        };
        self.leave();
        let op = match c {
            '-' => ParamOp::Default(colon, word),
            '=' => ParamOp::Assign(colon, word),
            '+' => ParamOp::Alt(colon, word),
            '?' => ParamOp::Error(colon, word),
            '#' => ParamOp::TrimPrefix(longest, word),
            _ => ParamOp::TrimSuffix(longest, word),
        };
        Ok(param(name, op))
    }

    /// A backquoted command: the text up to the closing backquote, with the
    /// backslashes that protect `` ` ``, `$` and `\` removed, parsed on its own.
    fn backquote(&mut self, mode: Mode) -> Result<Part, SyntaxError> {
        let line = self.line;
        self.pos += 1;
        let mut s = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(self.err(
                        line,
                        "EOF in backquote substitution",
                        Some(Pending::Substitution),
                    ))
                }
                Some('`') => break,
                Some('\\') => match self.raw() {
                    Some(c) if matches!(c, '\\' | '`' | '$') || (c == '"' && mode == Mode::Dq) => {
                        s.push(c);
                        self.pos += 1;
                    }
                    _ => s.push('\\'),
                },
                Some(c) => s.push(c),
            }
        }
        self.enter(line)?;
        let mut sub = self.sub(&s, line);
        let list = Parser::new(&mut sub).whole()?;
        self.leave();
        Ok(Part::Cmd(Rc::new(list)))
    }

    /// Reads the bodies of the heredocs opened on the line that just ended.
    fn read_heredocs(&mut self) -> Result<(), SyntaxError> {
        for doc in std::mem::take(&mut self.pending) {
            let body_line = self.line;
            let mut body = String::new();
            let mut found = false;
            while self.pos < self.chars.len() {
                let end = self.chars[self.pos..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(self.chars.len(), |i| self.pos + i);
                let mut start = self.pos;
                if doc.strip_tabs {
                    while start < end && self.chars[start] == '\t' {
                        start += 1;
                    }
                }
                let text: String = self.chars[start..end].iter().collect();
                self.pos = end;
                self.bump();
                if text == doc.delim {
                    found = true;
                    break;
                }
                body.push_str(&text);
                body.push('\n');
            }
            if !found {
                self.heredoc_eof = Some(doc.delim.clone());
            }
            let word = if doc.expand {
                let mut sub = self.sub(&body, body_line);
                Word {
                    parts: vec![Part::Dq(sub.word(Mode::Here)?.0)],
                }
            } else {
                Word {
                    parts: vec![Part::Quoted(body)],
                }
            };
            let _ = doc.cell.set(word);
        }
        Ok(())
    }
}

fn flush(lit: &mut String, parts: &mut Vec<Part>) {
    if !lit.is_empty() {
        parts.push(Part::Lit(std::mem::take(lit)));
    }
}

fn param(name: String, op: ParamOp) -> Part {
    Part::Param(Box::new(Param { name, op }))
}
