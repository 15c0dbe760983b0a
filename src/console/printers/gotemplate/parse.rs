//! Lexer and parser for the part of Go's `text/template` that people paste
//! into `-o go-template=…`: text, `{{pipeline}}` with fields, variables,
//! literals, parenthesised pipelines and `|`; `if`/`else if`/`else`,
//! `range` (with `$i, $v :=`), `with`; comments and `{{-`/`-}}` trimming.
//! Parse errors read as Go writes them (`template: output:1: unexpected EOF`).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use super::funcs::is_function;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    Text(String),
    Action(Pipe),
    If(Branch),
    With(Branch),
    Range {
        pipe: Pipe,
        list: Vec<Node>,
        else_list: Vec<Node>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Pipe {
    pub decl: Vec<String>,
    /// `=` rather than `:=`.
    pub assign: bool,
    pub cmds: Vec<Command>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Command {
    pub pos: usize,
    pub args: Vec<Arg>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    /// `.a.b` (empty path: `.`), with its position for error messages.
    Field {
        pos: usize,
        path: Vec<String>,
    },
    /// `$x.a.b` (`$` alone is the root).
    Variable {
        name: String,
        path: Vec<String>,
    },
    /// `(pipeline).a.b`.
    Pipe {
        pipe: Box<Pipe>,
        path: Vec<String>,
    },
    Function(String),
    Str(String),
    /// A number constant and its text as written (Go prints the text).
    Int(i64, String),
    Float(f64, String),
    Bool(bool),
    Nil,
}

impl Command {
    /// The node as Go prints it in an error context: `index .x 1`.
    pub fn text(&self) -> String {
        self.args
            .iter()
            .map(Arg::text)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Arg {
    pub fn text(&self) -> String {
        let chain =
            |base: String, path: &[String]| path.iter().fold(base, |acc, p| format!("{acc}.{p}"));
        match self {
            Arg::Field { path, .. } if path.is_empty() => ".".into(),
            Arg::Field { path, .. } => chain(String::new(), path),
            Arg::Variable { name, path } => chain(name.clone(), path),
            Arg::Pipe { pipe, path } => chain(format!("({})", pipe.text()), path),
            Arg::Function(f) => f.clone(),
            Arg::Str(s) => crate::console::printers::gofmt::quote(s),
            Arg::Int(_, text) | Arg::Float(_, text) => text.clone(),
            Arg::Bool(b) => b.to_string(),
            Arg::Nil => "nil".into(),
        }
    }
}

impl Pipe {
    pub fn text(&self) -> String {
        let mut s = String::new();
        if !self.decl.is_empty() {
            s.push_str(&self.decl.join(", "));
            s.push_str(if self.assign { " = " } else { " := " });
        }
        s.push_str(
            &self
                .cmds
                .iter()
                .map(Command::text)
                .collect::<Vec<_>>()
                .join(" | "),
        );
        s
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Text(String),
    Left,
    Right,
    Space,
    Field(String),
    Dot,
    Variable(String),
    Ident(String),
    Str(String),
    Number(String),
    Pipe,
    Declare,
    Assign,
    LParen,
    RParen,
    Comma,
    Eof,
}

struct Lexed {
    tok: Tok,
    pos: usize,
    line: usize,
}

fn err(line: usize, msg: impl std::fmt::Display) -> String {
    format!("template: output:{line}: {msg}")
}

/// Splits a template into tokens, applying the trim markers.
fn lex(src: &str) -> Result<Vec<Lexed>, String> {
    let mut out: Vec<Lexed> = Vec::new();
    let mut pos = 0;
    let line_at = |p: usize| 1 + src[..p].matches('\n').count();
    let bytes = src.as_bytes();
    loop {
        // Text up to the next left delimiter.
        let next = src[pos..].find("{{").map(|i| pos + i);
        let text_end = next.unwrap_or(src.len());
        let mut text = &src[pos..text_end];
        let trim_left = next.is_some_and(|n| left_trim_marker(&src[n + 2..]));
        if trim_left {
            text = text.trim_end_matches([' ', '\t', '\r', '\n']);
        }
        if !text.is_empty() {
            out.push(Lexed {
                tok: Tok::Text(text.to_string()),
                pos,
                line: line_at(pos),
            });
        }
        let Some(start) = next else {
            out.push(Lexed {
                tok: Tok::Eof,
                pos: src.len(),
                line: line_at(src.len()),
            });
            return Ok(out);
        };
        pos = start + 2;
        if trim_left {
            pos += 2;
        }
        // A comment fills the whole action.
        if src[pos..].starts_with("/*") {
            let Some(close) = src[pos + 2..].find("*/") else {
                return Err(err(line_at(start), "unclosed comment"));
            };
            let mut after = pos + 2 + close + 2;
            let trim_right = src[after..].starts_with(" -}}");
            if trim_right {
                after += 1;
            }
            if !src[after..].starts_with("}}") && !src[after..].starts_with("-}}") {
                return Err(err(line_at(start), "comment ends before closing delimiter"));
            }
            pos = after
                + if src[after..].starts_with("-}}") {
                    3
                } else {
                    2
                };
            if trim_right {
                pos = skip_space(src, pos);
            }
            continue;
        }
        out.push(Lexed {
            tok: Tok::Left,
            pos: start,
            line: line_at(start),
        });
        // Inside the action.
        loop {
            if src[pos..].starts_with(" -}}") || src[pos..].starts_with("\t-}}") {
                out.push(Lexed {
                    tok: Tok::Right,
                    pos,
                    line: line_at(pos),
                });
                pos = skip_space(src, pos + 4);
                break;
            }
            if src[pos..].starts_with("}}") {
                out.push(Lexed {
                    tok: Tok::Right,
                    pos,
                    line: line_at(pos),
                });
                pos += 2;
                break;
            }
            let Some(c) = src[pos..].chars().next() else {
                return Err(err(line_at(src.len()), "unclosed action"));
            };
            let here = pos;
            let push = |out: &mut Vec<Lexed>, tok| {
                out.push(Lexed {
                    tok,
                    pos: here,
                    line: line_at(here),
                })
            };
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    let end = skip_space(src, pos);
                    if src[end..].starts_with("-}}") {
                        // Leave the last space for the ` -}}` delimiter.
                        pos = end - 1;
                        if pos > here {
                            push(&mut out, Tok::Space);
                        }
                    } else {
                        pos = end;
                        push(&mut out, Tok::Space);
                    }
                }
                '|' => {
                    pos += 1;
                    push(&mut out, Tok::Pipe);
                }
                '(' => {
                    pos += 1;
                    push(&mut out, Tok::LParen);
                }
                ')' => {
                    pos += 1;
                    push(&mut out, Tok::RParen);
                }
                ',' => {
                    pos += 1;
                    push(&mut out, Tok::Comma);
                }
                '=' => {
                    pos += 1;
                    push(&mut out, Tok::Assign);
                }
                ':' => {
                    if bytes.get(pos + 1) != Some(&b'=') {
                        return Err(err(line_at(pos), "expected :="));
                    }
                    pos += 2;
                    push(&mut out, Tok::Declare);
                }
                '"' | '`' | '\'' => {
                    let (s, end) = lex_quote(src, pos, c).ok_or_else(|| {
                        err(
                            line_at(pos),
                            if c == '`' {
                                "unterminated raw quoted string"
                            } else {
                                "unterminated quoted string"
                            },
                        )
                    })?;
                    pos = end;
                    let tok = if c == '\'' {
                        Tok::Number(format!("{}", s.chars().next().map_or(0, |c| c as u32)))
                    } else {
                        Tok::Str(s)
                    };
                    push(&mut out, tok);
                }
                '$' => {
                    let end = alnum_end(src, pos + 1);
                    let name = src[pos..end].to_string();
                    pos = end;
                    push(&mut out, Tok::Variable(name));
                }
                '.' if bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) => {
                    let end = number_end(src, pos);
                    let n = src[pos..end].to_string();
                    pos = end;
                    push(&mut out, Tok::Number(n));
                }
                '.' => {
                    let end = alnum_end(src, pos + 1);
                    let tok = if end == pos + 1 {
                        Tok::Dot
                    } else {
                        Tok::Field(src[pos + 1..end].to_string())
                    };
                    pos = end;
                    push(&mut out, tok);
                }
                '+' | '-' | '0'..='9' => {
                    let end = number_end(src, pos);
                    let n = src[pos..end].to_string();
                    pos = end;
                    push(&mut out, Tok::Number(n));
                }
                c if c == '_' || c.is_alphanumeric() => {
                    let end = alnum_end(src, pos);
                    let word = src[pos..end].to_string();
                    pos = end;
                    push(&mut out, Tok::Ident(word));
                }
                c => {
                    return Err(err(
                        line_at(pos),
                        format!("bad character U+{:04X} '{c}'", c as u32),
                    ))
                }
            }
        }
    }
}

/// `{{- `: a minus and a space right after the left delimiter.
fn left_trim_marker(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.first() == Some(&b'-') && matches!(b.get(1), Some(b' ' | b'\t' | b'\r' | b'\n'))
}

fn skip_space(src: &str, mut pos: usize) -> usize {
    while let Some(c) = src[pos..].chars().next() {
        if !matches!(c, ' ' | '\t' | '\r' | '\n') {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

fn alnum_end(src: &str, mut pos: usize) -> usize {
    while let Some(c) = src[pos..].chars().next() {
        if !(c == '_' || c.is_alphanumeric()) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

fn number_end(src: &str, mut pos: usize) -> usize {
    let b = src.as_bytes();
    if matches!(b.get(pos), Some(b'+') | Some(b'-')) {
        pos += 1;
    }
    while let Some(&c) = b.get(pos) {
        if !(c.is_ascii_alphanumeric() || c == b'.' || c == b'_')
            && !((c == b'+' || c == b'-') && matches!(b.get(pos - 1), Some(b'e') | Some(b'E')))
        {
            break;
        }
        pos += 1;
    }
    pos
}

/// A quoted literal starting at `start`: its value and the end position.
fn lex_quote(src: &str, start: usize, q: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = src[start + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        if c == q {
            return Some((out, start + 1 + i + 1));
        }
        if q == '`' {
            out.push(c);
            continue;
        }
        if c == '\n' {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let (_, e) = chars.next()?;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' | '"' | '\'' => out.push(e),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n)
                    .filter_map(|_| chars.next().map(|(_, c)| c))
                    .collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    None
}

/// Parses a template into its node list.
pub(crate) fn parse(src: &str) -> Result<Vec<Node>, String> {
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        i: 0,
        vars: vec!["$".to_string()],
    };
    let (list, end) = p.list()?;
    match end {
        Stop::Eof => Ok(list),
        Stop::End(line) => Err(err(line, "unexpected {{end}}")),
        Stop::Else(line, _) => Err(err(line, "unexpected {{else}}")),
    }
}

/// What ended a node list.
enum Stop {
    Eof,
    End(usize),
    /// `{{else}}` or `{{else if …}}` (the pipe of the `if`, already parsed).
    Else(usize, Option<Pipe>),
}

struct Parser {
    toks: Vec<Lexed>,
    i: usize,
    vars: Vec<String>,
}

impl Parser {
    fn peek(&self) -> &Tok {
        self.toks.get(self.i).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn line(&self) -> usize {
        self.toks
            .get(self.i)
            .or(self.toks.last())
            .map_or(1, |t| t.line)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(0, |t| t.pos)
    }

    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        self.i += 1;
        t
    }

    fn next_non_space(&mut self) -> Tok {
        while *self.peek() == Tok::Space {
            self.i += 1;
        }
        self.next()
    }

    fn peek_non_space(&mut self) -> Tok {
        while *self.peek() == Tok::Space {
            self.i += 1;
        }
        self.peek().clone()
    }

    fn list(&mut self) -> Result<(Vec<Node>, Stop), String> {
        let mut nodes = Vec::new();
        loop {
            match self.next() {
                Tok::Eof => return Ok((nodes, Stop::Eof)),
                Tok::Text(t) => nodes.push(Node::Text(t)),
                Tok::Left => {
                    let line = self.toks.get(self.i - 1).map_or(1, |t| t.line);
                    match self.peek_non_space() {
                        Tok::Ident(w) if w == "end" => {
                            self.i += 1;
                            self.expect_right("end")?;
                            return Ok((nodes, Stop::End(line)));
                        }
                        Tok::Ident(w) if w == "else" => {
                            self.i += 1;
                            if let Tok::Ident(w) = self.peek_non_space() {
                                if w == "if" {
                                    self.i += 1;
                                    let pipe = self.pipeline("if")?;
                                    return Ok((nodes, Stop::Else(line, Some(pipe))));
                                }
                            }
                            self.expect_right("else")?;
                            return Ok((nodes, Stop::Else(line, None)));
                        }
                        Tok::Ident(w) if w == "if" || w == "with" || w == "range" => {
                            self.i += 1;
                            nodes.push(self.control(&w)?);
                        }
                        Tok::Ident(w)
                            if ["block", "break", "continue", "define", "template"]
                                .contains(&w.as_str()) =>
                        {
                            return Err(err(line, format!("unexpected \"{w}\" in command")));
                        }
                        _ => {
                            let pipe = self.pipeline("command")?;
                            nodes.push(Node::Action(pipe));
                        }
                    }
                }
                other => return Err(err(self.line(), format!("unexpected {}", tok_name(&other)))),
            }
        }
    }

    fn expect_right(&mut self, context: &str) -> Result<(), String> {
        match self.next_non_space() {
            Tok::Right => Ok(()),
            t => Err(err(
                self.line(),
                format!("unexpected {} in {context}", tok_name(&t)),
            )),
        }
    }

    fn control(&mut self, kw: &str) -> Result<Node, String> {
        let vars_mark = self.vars.len();
        let pipe = self.pipeline(kw)?;
        let (list, end) = self.list()?;
        let else_list = match end {
            Stop::Eof => return Err(err(self.line(), "unexpected EOF")),
            Stop::End(_) => Vec::new(),
            Stop::Else(_, None) => match self.list()? {
                (l, Stop::End(_)) => l,
                (_, Stop::Eof) => return Err(err(self.line(), "unexpected EOF")),
                (_, Stop::Else(line, _)) => return Err(err(line, "unexpected {{else}}")),
            },
            Stop::Else(line, Some(inner)) => {
                if kw != "if" {
                    return Err(err(line, format!("unexpected \"if\" in {kw}")));
                }
                // `{{else if x}}` is `{{else}}{{if x}}…{{end}}` sharing the end.
                let (list2, end2) = self.list()?;
                let else2 = self.finish_else(end2)?;
                vec![Node::If(Branch {
                    pipe: inner,
                    list: list2,
                    else_list: else2,
                })]
            }
        };
        self.vars.truncate(vars_mark);
        let branch = Branch {
            pipe,
            list,
            else_list,
        };
        Ok(match kw {
            "if" => Node::If(branch),
            "with" => Node::With(branch),
            _ => Node::Range {
                pipe: branch.pipe,
                list: branch.list,
                else_list: branch.else_list,
            },
        })
    }

    fn finish_else(&mut self, end: Stop) -> Result<Vec<Node>, String> {
        match end {
            Stop::Eof => Err(err(self.line(), "unexpected EOF")),
            Stop::End(_) => Ok(Vec::new()),
            Stop::Else(_, None) => match self.list()? {
                (l, Stop::End(_)) => Ok(l),
                (_, Stop::Eof) => Err(err(self.line(), "unexpected EOF")),
                (_, Stop::Else(line, _)) => Err(err(line, "unexpected {{else}}")),
            },
            Stop::Else(_, Some(inner)) => {
                let (list, end2) = self.list()?;
                let else_list = self.finish_else(end2)?;
                Ok(vec![Node::If(Branch {
                    pipe: inner,
                    list,
                    else_list,
                })])
            }
        }
    }

    /// A pipeline up to the closing `}}` (or `)` inside parentheses).
    fn pipeline(&mut self, context: &str) -> Result<Pipe, String> {
        let mut decl = Vec::new();
        let mut assign = false;
        // Declarations: `$x :=`, `$i, $v :=`, `$x =`.
        let save = self.i;
        if let Tok::Variable(v) = self.peek_non_space() {
            self.i += 1;
            match self.peek_non_space() {
                Tok::Declare | Tok::Assign => {
                    assign = self.next() == Tok::Assign;
                    decl.push(v);
                }
                Tok::Comma if context == "range" => {
                    self.i += 1;
                    match (self.next_non_space(), self.next_non_space()) {
                        (Tok::Variable(v2), Tok::Declare) => {
                            decl.push(v);
                            decl.push(v2);
                        }
                        _ => return Err(err(self.line(), "range can only initialize variables")),
                    }
                }
                _ => self.i = save,
            }
        }
        if !assign {
            self.vars.extend(decl.iter().cloned());
        } else if let Some(v) = decl.first() {
            if !self.vars.contains(v) {
                return Err(err(self.line(), format!("undefined variable \"{v}\"")));
            }
        }
        let mut cmds = Vec::new();
        loop {
            match self.peek_non_space() {
                Tok::Right | Tok::RParen => {
                    self.i += 1;
                    break;
                }
                Tok::Eof => return Err(err(self.line(), "unclosed action")),
                _ => {
                    cmds.push(self.command()?);
                    match self.peek_non_space() {
                        Tok::Pipe => {
                            self.i += 1;
                        }
                        Tok::Right | Tok::RParen => {}
                        t => {
                            return Err(err(
                                self.line(),
                                format!("unexpected {} in operand", tok_name(&t)),
                            ))
                        }
                    }
                }
            }
        }
        if cmds.is_empty() {
            return Err(err(self.line(), format!("missing value for {context}")));
        }
        Ok(Pipe { decl, assign, cmds })
    }

    fn command(&mut self) -> Result<Command, String> {
        let pos = {
            self.peek_non_space();
            self.pos()
        };
        let mut args = Vec::new();
        loop {
            match self.peek() {
                Tok::Space => {
                    self.i += 1;
                    continue;
                }
                Tok::Right | Tok::RParen | Tok::Pipe | Tok::Eof => break,
                _ => {}
            }
            args.push(self.operand()?);
        }
        if args.is_empty() {
            return Err(err(self.line(), "empty command"));
        }
        Ok(Command { pos, args })
    }

    fn operand(&mut self) -> Result<Arg, String> {
        let pos = self.pos();
        let line = self.line();
        let term = match self.next() {
            Tok::Dot => Arg::Field { pos, path: vec![] },
            Tok::Field(f) => Arg::Field { pos, path: vec![f] },
            Tok::Variable(v) => {
                if !self.vars.contains(&v) {
                    return Err(err(line, format!("undefined variable \"{v}\"")));
                }
                Arg::Variable {
                    name: v,
                    path: vec![],
                }
            }
            Tok::Str(s) => Arg::Str(s),
            Tok::Number(n) => {
                number(&n).ok_or_else(|| err(line, format!("illegal number syntax: \"{n}\"")))?
            }
            Tok::Ident(w) => match w.as_str() {
                "true" => Arg::Bool(true),
                "false" => Arg::Bool(false),
                "nil" => Arg::Nil,
                _ if is_function(&w) => Arg::Function(w),
                _ => return Err(err(line, format!("function \"{w}\" not defined"))),
            },
            Tok::LParen => {
                let pipe = self.pipeline("parenthesized pipeline")?;
                Arg::Pipe {
                    pipe: Box::new(pipe),
                    path: vec![],
                }
            }
            t => return Err(err(line, format!("unexpected {} in operand", tok_name(&t)))),
        };
        // A field chain right after the term: `.a.b`, `$x.a`, `(…).a`.
        let mut extra = Vec::new();
        let chain_pos = self.pos();
        while let Tok::Field(f) = self.peek() {
            extra.push(f.clone());
            self.i += 1;
        }
        if extra.is_empty() {
            return Ok(term);
        }
        Ok(match term {
            Arg::Field { path, .. } => Arg::Field {
                pos: chain_pos,
                path: path.into_iter().chain(extra).collect(),
            },
            Arg::Variable { name, .. } => Arg::Variable { name, path: extra },
            Arg::Pipe { pipe, .. } => Arg::Pipe { pipe, path: extra },
            other => {
                return Err(err(
                    line,
                    format!("unexpected . after term \"{}\"", other.text()),
                ))
            }
        })
    }
}

fn number(n: &str) -> Option<Arg> {
    if let Ok(i) = n.parse::<i64>() {
        return Some(Arg::Int(i, n.to_string()));
    }
    if let Some(hex) = n.strip_prefix("0x").or_else(|| n.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16)
            .ok()
            .map(|i| Arg::Int(i, n.to_string()));
    }
    let f: f64 = n.parse().ok()?;
    if f.fract() == 0.0 && f.abs() < 9.0e15 && !n.contains(['e', 'E', '.']) {
        return Some(Arg::Int(f as i64, n.to_string()));
    }
    Some(Arg::Float(f, n.to_string()))
}

fn tok_name(t: &Tok) -> String {
    match t {
        Tok::Text(_) => "text".into(),
        Tok::Left => "\"{{\"".into(),
        Tok::Right => "\"}}\"".into(),
        Tok::Space => "space".into(),
        Tok::Field(f) => format!("<.{f}>"),
        Tok::Dot => "<.>".into(),
        Tok::Variable(v) => format!("<{v}>"),
        Tok::Ident(w) => format!("<{w}>"),
        Tok::Str(s) => format!("<{}>", crate::console::printers::gofmt::quote(s)),
        Tok::Number(n) => format!("<{n}>"),
        Tok::Pipe => "<|>".into(),
        Tok::Declare => "<:=>".into(),
        Tok::Assign => "<=>".into(),
        Tok::LParen => "<(>".into(),
        Tok::RParen => "<)>".into(),
        Tok::Comma => "<,>".into(),
        Tok::Eof => "EOF".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_read_as_go_writes_them() {
        assert_eq!(
            parse("{{.metadata.name").unwrap_err(),
            "template: output:1: unclosed action"
        );
        assert_eq!(
            parse("{{range .x}}").unwrap_err(),
            "template: output:1: unexpected EOF"
        );
        assert_eq!(
            parse("{{else}}").unwrap_err(),
            "template: output:1: unexpected {{else}}"
        );
        assert_eq!(
            parse("{{end}}").unwrap_err(),
            "template: output:1: unexpected {{end}}"
        );
        assert_eq!(
            parse("{{foo}}").unwrap_err(),
            "template: output:1: function \"foo\" not defined"
        );
        assert_eq!(
            parse("{{if}}{{end}}").unwrap_err(),
            "template: output:1: missing value for if"
        );
        assert_eq!(
            parse("x\n{{$y}}").unwrap_err(),
            "template: output:2: undefined variable \"$y\""
        );
    }

    #[test]
    fn trim_markers_and_comments() {
        let nodes = parse("a  {{- /* c */ -}}  b {{- .x -}} c").unwrap();
        assert_eq!(nodes[0], Node::Text("a".into()));
        assert_eq!(nodes[1], Node::Text("b".into()));
        assert!(matches!(nodes[2], Node::Action(_)));
        assert_eq!(nodes[3], Node::Text("c".into()));
    }
}
