//! A small awk for one-liners after kubectl: `BEGIN`/`END`, patterns
//! (expressions, `/re/`), `print`, `printf`, `if`, `next`, `exit`,
//! variables, fields (`$N`, `$NF`, assignment), `NR` `NF` `FS` `OFS`,
//! arithmetic, comparisons, `~`, concatenation, and the functions
//! `length substr index toupper tolower int sprintf sub gsub`. No arrays
//! or loops: a program using them gets a clear error.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::format;
use super::super::regex::Regex;
use super::{getopt, lines, Filter};
use std::collections::BTreeMap;

const MAX_DEPTH: usize = 100;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ere(String),
    Name(String),
    /// A name directly followed by `(`.
    Func(String),
    P(&'static str),
    Nl,
    Eof,
}

const PUNCT: [&str; 37] = [
    "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", "!~", ">>",
    "{", "}", "(", ")", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~",
    "$", "=",
];

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = src.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let operand = matches!(
            toks.last(),
            Some(
                Tok::Num(_)
                    | Tok::Str(_)
                    | Tok::Name(_)
                    | Tok::Ere(_)
                    | Tok::P(")" | "++" | "--" | "$")
            )
        );
        if ch == '\\' && c.get(i + 1) == Some(&'\n') {
            i += 2;
        } else if ch == ' ' || ch == '\t' || ch == '\r' {
            i += 1;
        } else if ch == '#' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '\n' {
            i += 1;
            // A newline ends a statement, except where the grammar continues.
            if !matches!(
                toks.last(),
                None | Some(Tok::Nl | Tok::P("{" | "," | "&&" | "||" | ";" | "("))
            ) && !matches!(toks.last(), Some(Tok::Name(n)) if n == "else" || n == "do")
            {
                toks.push(Tok::Nl);
            }
        } else if ch.is_ascii_digit()
            || (ch == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '.') {
                i += 1;
            }
            let text: String = c[start..i].iter().collect();
            let v = super::super::arith::parse_num(&text)
                .map(|n| n as f64)
                .or_else(|| text.parse().ok())
                .ok_or(format!("invalid number {text}"))?;
            toks.push(Tok::Num(v));
        } else if ch == '_' || ch.is_ascii_alphabetic() {
            let start = i;
            while i < c.len() && (c[i] == '_' || c[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            let name: String = c[start..i].iter().collect();
            toks.push(if c.get(i) == Some(&'(') {
                Tok::Func(name)
            } else {
                Tok::Name(name)
            });
        } else if ch == '"' {
            i += 1;
            let mut raw = String::new();
            loop {
                match c.get(i) {
                    None | Some('\n') => return Err("unterminated string".into()),
                    Some('"') => break,
                    Some('\\') if c.get(i + 1) == Some(&'"') => {
                        raw.push('"');
                        i += 1;
                    }
                    Some('\\') if c.get(i + 1) == Some(&'/') => {
                        raw.push('/');
                        i += 1;
                    }
                    Some(&x) => raw.push(x),
                }
                i += 1;
            }
            i += 1;
            let mut s = String::new();
            format::escapes(&raw, false, &mut s);
            toks.push(Tok::Str(s));
        } else if ch == '/' && !operand {
            i += 1;
            let mut s = String::new();
            loop {
                match c.get(i) {
                    None | Some('\n') => return Err("unterminated regexp".into()),
                    Some('/') => break,
                    Some('\\') if c.get(i + 1) == Some(&'/') => {
                        s.push('/');
                        i += 1;
                    }
                    Some('\\') => {
                        s.push('\\');
                        if let Some(&n) = c.get(i + 1) {
                            s.push(n);
                        }
                        i += 1;
                    }
                    Some(&x) => s.push(x),
                }
                i += 1;
            }
            i += 1;
            toks.push(Tok::Ere(s));
        } else {
            let rest: String = c[i..c.len().min(i + 2)].iter().collect();
            let p = PUNCT
                .iter()
                .find(|p| rest.starts_with(*p))
                .ok_or(format!("invalid char '{ch}' in expression"))?;
            i += p.chars().count();
            toks.push(Tok::P(p));
        }
    }
    toks.push(Tok::Eof);
    Ok(toks)
}

#[derive(Clone, Debug)]
enum Expr {
    Num(f64),
    Str(String),
    /// `/re/` alone: matches `$0`.
    Ere(usize),
    Field(Box<Expr>),
    Var(String),
    Assign(Box<Expr>, Option<&'static str>, Box<Expr>),
    Incr(Box<Expr>, f64, bool),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Match(bool, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    /// `(a, b)` as print's argument list.
    List(Vec<Expr>),
}

#[derive(Clone, Debug)]
enum Stmt {
    Print(Vec<Expr>),
    Printf(Vec<Expr>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
}

/// A pattern and its action (None prints the record).
type Rule = (Pat, Option<Vec<Stmt>>);

enum Pat {
    Begin,
    End,
    All,
    Expr(Expr),
}

struct Parser {
    toks: Vec<Tok>,
    i: usize,
    regexes: Vec<String>,
    no_gt: bool,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i]
    }

    fn next(&mut self) -> Tok {
        let t = self.toks[self.i].clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::P(x) if *x == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        let hit = self.is(p);
        if hit {
            self.next();
        }
        hit
    }

    fn expect(&mut self, p: &str) -> Result<(), String> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn unexpected(&self) -> String {
        match self.peek() {
            Tok::Eof => "unexpected end of program".into(),
            Tok::Nl => "unexpected newline".into(),
            Tok::P(p) => format!("syntax error at or near {p}"),
            Tok::Name(n) | Tok::Func(n) => format!("syntax error at or near {n}"),
            t => format!("syntax error at or near {t:?}"),
        }
    }

    fn skip_terms(&mut self) {
        while matches!(self.peek(), Tok::Nl) || self.is(";") {
            self.next();
        }
    }

    fn program(&mut self) -> Result<Vec<Rule>, String> {
        let mut rules = Vec::new();
        self.skip_terms();
        while *self.peek() != Tok::Eof {
            let pat = match self.peek() {
                Tok::Name(n) if n == "BEGIN" => {
                    self.next();
                    Pat::Begin
                }
                Tok::Name(n) if n == "END" => {
                    self.next();
                    Pat::End
                }
                Tok::Name(n) if n == "function" => {
                    return Err("user functions are not supported".into())
                }
                Tok::P("{") => Pat::All,
                _ => Pat::Expr(self.expr()?),
            };
            let body = if self.is("{") {
                Some(self.block()?)
            } else {
                None
            };
            if body.is_none() && matches!(pat, Pat::Begin | Pat::End) {
                return Err(self.unexpected());
            }
            rules.push((pat, body));
            self.skip_terms();
        }
        Ok(rules)
    }

    fn block(&mut self) -> Result<Vec<Stmt>, String> {
        self.expect("{")?;
        let mut stmts = Vec::new();
        loop {
            self.skip_terms();
            if self.eat("}") {
                return Ok(stmts);
            }
            stmts.push(self.stmt()?);
            if !(matches!(self.peek(), Tok::Nl) || self.is(";") || self.is("}")) {
                return Err(self.unexpected());
            }
        }
    }

    fn deeper(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("program nested too deeply".into());
        }
        Ok(())
    }

    fn stmt(&mut self) -> Result<Stmt, String> {
        self.deeper()?;
        let s = match self.peek().clone() {
            Tok::P("{") => Stmt::Block(self.block()?),
            Tok::Name(n) | Tok::Func(n) if n == "print" || n == "printf" => {
                self.next();
                let mut args = Vec::new();
                if !(matches!(self.peek(), Tok::Nl | Tok::Eof) || self.is(";") || self.is("}")) {
                    self.no_gt = true;
                    args.push(self.expr()?);
                    while self.eat(",") {
                        args.push(self.expr()?);
                    }
                    self.no_gt = false;
                }
                if self.is(">") || self.is(">>") || self.is("|") {
                    return Err("output redirection is not supported".into());
                }
                if let [Expr::List(items)] = args.as_slice() {
                    args = items.clone();
                }
                if n == "print" {
                    Stmt::Print(args)
                } else if args.is_empty() {
                    return Err("printf: no format".into());
                } else {
                    Stmt::Printf(args)
                }
            }
            Tok::Name(n) | Tok::Func(n) if n == "if" => {
                self.next();
                self.expect("(")?;
                let cond = self.expr()?;
                self.expect(")")?;
                self.skip_terms();
                let then = self.stmt()?;
                let save = self.i;
                self.skip_terms();
                let otherwise = if matches!(self.peek(), Tok::Name(n) if n == "else") {
                    self.next();
                    self.skip_terms();
                    Some(Box::new(self.stmt()?))
                } else {
                    self.i = save;
                    None
                };
                Stmt::If(cond, Box::new(then), otherwise)
            }
            Tok::Name(n) if n == "next" => {
                self.next();
                Stmt::Next
            }
            Tok::Name(n) | Tok::Func(n) if n == "exit" => {
                self.next();
                let code =
                    if matches!(self.peek(), Tok::Nl | Tok::Eof) || self.is(";") || self.is("}") {
                        None
                    } else {
                        Some(self.expr()?)
                    };
                Stmt::Exit(code)
            }
            Tok::Name(n) | Tok::Func(n)
                if [
                    "for", "while", "do", "delete", "getline", "function", "return",
                ]
                .contains(&n.as_str()) =>
            {
                return Err(format!("'{n}' is not supported by this awk (fields, patterns, print, printf and if are)"));
            }
            _ => Stmt::Expr(self.expr()?),
        };
        self.depth -= 1;
        Ok(s)
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.deeper()?;
        let lhs = self.ternary()?;
        let ops = ["=", "+=", "-=", "*=", "/=", "%=", "^="];
        let e = match self.peek() {
            Tok::P(p) if ops.contains(p) && matches!(lhs, Expr::Var(_) | Expr::Field(_)) => {
                let op = *p;
                self.next();
                let rhs = self.expr()?;
                Expr::Assign(Box::new(lhs), (op != "=").then(|| &op[..1]), Box::new(rhs))
            }
            _ => lhs,
        };
        self.depth -= 1;
        Ok(e)
    }

    fn ternary(&mut self) -> Result<Expr, String> {
        let c = self.or()?;
        if !self.eat("?") {
            return Ok(c);
        }
        let a = self.expr()?;
        self.expect(":")?;
        let b = self.expr()?;
        Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)))
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut l = self.and()?;
        while self.eat("||") {
            l = Expr::Bin("||", Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut l = self.matching()?;
        while self.eat("&&") {
            l = Expr::Bin("&&", Box::new(l), Box::new(self.matching()?));
        }
        Ok(l)
    }

    fn matching(&mut self) -> Result<Expr, String> {
        let mut l = self.compare()?;
        while self.is("~") || self.is("!~") {
            let neg = self.is("!~");
            self.next();
            l = Expr::Match(neg, Box::new(l), Box::new(self.compare()?));
        }
        Ok(l)
    }

    fn compare(&mut self) -> Result<Expr, String> {
        let l = self.concat()?;
        for op in ["<", "<=", "==", "!=", ">=", ">"] {
            if self.is(op) && !(op == ">" && self.no_gt) {
                self.next();
                return Ok(Expr::Bin(op, Box::new(l), Box::new(self.concat()?)));
            }
        }
        Ok(l)
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Tok::Num(_) | Tok::Str(_) | Tok::Ere(_) | Tok::Func(_) => true,
            Tok::Name(n) => !["in", "getline", "else"].contains(&n.as_str()),
            Tok::P(p) => ["$", "("].contains(p),
            _ => false,
        }
    }

    fn concat(&mut self) -> Result<Expr, String> {
        let mut l = self.additive()?;
        while self.starts_operand() {
            l = Expr::Bin(" ", Box::new(l), Box::new(self.additive()?));
        }
        Ok(l)
    }

    fn additive(&mut self) -> Result<Expr, String> {
        let mut l = self.term()?;
        while let Some(op) = ["+", "-"].into_iter().find(|op| self.is(op)) {
            self.next();
            l = Expr::Bin(op, Box::new(l), Box::new(self.term()?));
        }
        Ok(l)
    }

    fn term(&mut self) -> Result<Expr, String> {
        let mut l = self.unary()?;
        while let Some(op) = ["*", "/", "%"].into_iter().find(|op| self.is(op)) {
            self.next();
            l = Expr::Bin(op, Box::new(l), Box::new(self.unary()?));
        }
        Ok(l)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        for op in ["!", "-", "+"] {
            if self.eat(op) {
                self.deeper()?;
                let e = self.unary()?;
                self.depth -= 1;
                return Ok(match op {
                    "!" => Expr::Not(Box::new(e)),
                    "-" => Expr::Neg(Box::new(e)),
                    _ => Expr::Bin("+", Box::new(Expr::Num(0.0)), Box::new(e)),
                });
            }
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, String> {
        let base = self.postfix()?;
        if self.eat("^") {
            self.deeper()?;
            let e = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Bin("^", Box::new(base), Box::new(e)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<Expr, String> {
        for (op, d) in [("++", 1.0), ("--", -1.0)] {
            if self.eat(op) {
                let lv = self.postfix()?;
                return Ok(Expr::Incr(Box::new(lv), d, true));
            }
        }
        let e = self.primary()?;
        if matches!(e, Expr::Var(_) | Expr::Field(_)) {
            for (op, d) in [("++", 1.0), ("--", -1.0)] {
                if self.eat(op) {
                    return Ok(Expr::Incr(Box::new(e), d, false));
                }
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        self.deeper()?;
        let e = match self.next() {
            Tok::Num(n) => Expr::Num(n),
            Tok::Str(s) => Expr::Str(s),
            Tok::Ere(re) => {
                self.regexes.push(re);
                Expr::Ere(self.regexes.len() - 1)
            }
            Tok::P("$") => Expr::Field(Box::new(self.postfix_free()?)),
            Tok::P("(") => {
                let no_gt = std::mem::replace(&mut self.no_gt, false);
                let first = self.expr()?;
                let mut items = vec![first];
                while self.eat(",") {
                    items.push(self.expr()?);
                }
                self.expect(")")?;
                self.no_gt = no_gt;
                if items.len() == 1 {
                    items.pop().unwrap_or(Expr::Num(0.0))
                } else {
                    Expr::List(items)
                }
            }
            Tok::Func(name) => {
                self.expect("(")?;
                let mut args = Vec::new();
                let no_gt = std::mem::replace(&mut self.no_gt, false);
                if !self.is(")") {
                    args.push(self.expr()?);
                    while self.eat(",") {
                        args.push(self.expr()?);
                    }
                }
                self.expect(")")?;
                self.no_gt = no_gt;
                if ![
                    "length", "substr", "index", "toupper", "tolower", "int", "sprintf", "sub",
                    "gsub",
                ]
                .contains(&name.as_str())
                {
                    return Err(format!("function {name} is not supported by this awk"));
                }
                Expr::Call(name, args)
            }
            Tok::Name(n) if n == "length" => Expr::Call(n, Vec::new()),
            Tok::Name(n)
                if ![
                    "BEGIN", "END", "print", "printf", "if", "else", "next", "exit",
                ]
                .contains(&n.as_str()) =>
            {
                Expr::Var(n)
            }
            _ => {
                self.i -= 1;
                return Err(self.unexpected());
            }
        };
        self.depth -= 1;
        Ok(e)
    }

    /// The operand of `$`: a primary, with `$` binding tighter than `++`.
    fn postfix_free(&mut self) -> Result<Expr, String> {
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.primary()?)));
        }
        self.primary()
    }
}

#[derive(Clone, Debug)]
enum Val {
    Num(f64),
    Str(String),
    /// Input text (a field): numeric if it looks like a number.
    StrNum(String),
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok() && !t.contains(|c: char| c.is_ascii_alphabetic())
}

fn num_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut end = 0;
    let mut seen_dot = false;
    while end < b.len() {
        let c = b[end];
        if c.is_ascii_digit() || (c == b'.' && !seen_dot) || (end == 0 && (c == b'-' || c == b'+'))
        {
            seen_dot |= c == b'.';
            end += 1;
        } else {
            break;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

fn num_str(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else {
        format::general(n, 6, false)
    }
}

impl Val {
    fn num(&self) -> f64 {
        match self {
            Val::Num(n) => *n,
            Val::Str(s) | Val::StrNum(s) => num_prefix(s),
        }
    }

    fn str(&self) -> String {
        match self {
            Val::Num(n) => num_str(*n),
            Val::Str(s) | Val::StrNum(s) => s.clone(),
        }
    }

    fn truthy(&self) -> bool {
        match self {
            Val::Num(n) => *n != 0.0,
            Val::Str(s) => !s.is_empty(),
            Val::StrNum(s) => {
                if looks_numeric(s) {
                    num_prefix(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }

    fn is_num(&self) -> bool {
        match self {
            Val::Num(_) => true,
            Val::Str(_) => false,
            Val::StrNum(s) => looks_numeric(s),
        }
    }
}

enum Ctl {
    Go,
    Next,
    Exit(i32),
}

struct Awk {
    vars: BTreeMap<String, Val>,
    fields: Vec<String>,
    nr: usize,
    regexes: Vec<Regex>,
    dynamic: BTreeMap<String, Regex>,
    out: String,
}

impl Awk {
    fn var(&self, name: &str) -> Val {
        match name {
            "NR" | "FNR" => Val::Num(self.nr as f64),
            "NF" => Val::Num(self.fields.len().saturating_sub(1) as f64),
            _ => self
                .vars
                .get(name)
                .cloned()
                .unwrap_or(Val::StrNum(String::new())),
        }
    }

    fn sv(&self, name: &str) -> String {
        self.var(name).str()
    }

    fn split(&mut self, record: &str) {
        let fs = self.sv("FS");
        let mut fields = vec![record.to_string()];
        if fs == " " {
            fields.extend(record.split_whitespace().map(str::to_string));
        } else if !record.is_empty() {
            if fs.chars().count() == 1 && fs != "\\" {
                fields.extend(record.split(fs.as_str()).map(str::to_string));
            } else {
                let re = self.regex(&fs);
                let chars: Vec<char> = record.chars().collect();
                let mut start = 0;
                for (s, e) in re
                    .find_all(record, false, false)
                    .into_iter()
                    .filter(|(s, e)| e > s)
                {
                    fields.push(chars[start..s].iter().collect());
                    start = e;
                }
                fields.push(chars[start..].iter().collect());
            }
        }
        self.fields = fields;
    }

    fn regex(&mut self, src: &str) -> Regex {
        self.dynamic
            .entry(src.to_string())
            .or_insert_with(|| {
                Regex::new(src, true, false).unwrap_or_else(|_| Regex::literal(src, false))
            })
            .clone()
    }

    fn field(&self, i: usize) -> Val {
        Val::StrNum(self.fields.get(i).cloned().unwrap_or_default())
    }

    fn set_field(&mut self, i: usize, v: String) {
        if i == 0 {
            self.split(&v);
            return;
        }
        if i > 10_000 {
            return;
        }
        while self.fields.len() <= i {
            self.fields.push(String::new());
        }
        self.fields[i] = v;
        self.fields[0] = self.fields[1..].join(&self.sv("OFS"));
    }

    fn set(&mut self, lv: &Expr, v: Val) -> Result<(), String> {
        match lv {
            Expr::Var(n) if n == "NF" => {
                let nf = v.num().max(0.0) as usize;
                self.fields.resize(nf.min(10_000) + 1, String::new());
                self.fields[0] = self.fields[1..].join(&self.sv("OFS"));
            }
            Expr::Var(n) if n == "NR" => self.nr = v.num() as usize,
            Expr::Var(n) => {
                self.vars.insert(n.clone(), v);
            }
            Expr::Field(e) => {
                let i = self.eval(e)?.num();
                if i < 0.0 {
                    return Err(format!("trying to access out of range field {i}"));
                }
                self.set_field(i as usize, v.str());
            }
            _ => return Err("assignment to a non-variable".into()),
        }
        Ok(())
    }

    fn eval(&mut self, e: &Expr) -> Result<Val, String> {
        Ok(match e {
            Expr::Num(n) => Val::Num(*n),
            Expr::Str(s) => Val::Str(s.clone()),
            Expr::Ere(k) => Val::Num(self.regexes[*k].is_match(&self.fields[0]) as i32 as f64),
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                if i < 0.0 {
                    return Err(format!("trying to access out of range field {i}"));
                }
                self.field(i as usize)
            }
            Expr::Var(n) => self.var(n),
            Expr::List(items) => {
                let parts: Result<Vec<String>, String> = items
                    .iter()
                    .map(|x| self.eval(x).map(|v| v.str()))
                    .collect();
                Val::Str(parts?.join(" "))
            }
            Expr::Assign(lv, op, rhs) => {
                let r = self.eval(rhs)?;
                let v = match op {
                    None => r,
                    Some(op) => Val::Num(arith(op, self.eval(lv)?.num(), r.num())?),
                };
                self.set(lv, v.clone())?;
                v
            }
            Expr::Incr(lv, d, prefix) => {
                let old = self.eval(lv)?.num();
                self.set(lv, Val::Num(old + d))?;
                Val::Num(if *prefix { old + d } else { old })
            }
            Expr::Bin("&&", a, b) => {
                Val::Num((self.eval(a)?.truthy() && self.eval(b)?.truthy()) as i32 as f64)
            }
            Expr::Bin("||", a, b) => {
                Val::Num((self.eval(a)?.truthy() || self.eval(b)?.truthy()) as i32 as f64)
            }
            Expr::Bin(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                match *op {
                    " " => Val::Str(x.str() + &y.str()),
                    "<" | "<=" | "==" | "!=" | ">=" | ">" => {
                        let o = if x.is_num() && y.is_num() {
                            x.num()
                                .partial_cmp(&y.num())
                                .unwrap_or(std::cmp::Ordering::Equal)
                        } else {
                            x.str().cmp(&y.str())
                        };
                        use std::cmp::Ordering::*;
                        let r = match *op {
                            "<" => o == Less,
                            "<=" => o != Greater,
                            "==" => o == Equal,
                            "!=" => o != Equal,
                            ">=" => o != Less,
                            _ => o == Greater,
                        };
                        Val::Num(r as i32 as f64)
                    }
                    _ => Val::Num(arith(op, x.num(), y.num())?),
                }
            }
            Expr::Match(neg, s, re) => {
                let s = self.eval(s)?.str();
                let hit = match &**re {
                    Expr::Ere(k) => self.regexes[*k].is_match(&s),
                    other => {
                        let src = self.eval(other)?.str();
                        self.regex(&src).is_match(&s)
                    }
                };
                Val::Num((hit != *neg) as i32 as f64)
            }
            Expr::Not(x) => Val::Num(!self.eval(x)?.truthy() as i32 as f64),
            Expr::Neg(x) => Val::Num(-self.eval(x)?.num()),
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Call(name, args) => self.call(name, args)?,
        })
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Result<Val, String> {
        let mut vals = Vec::new();
        let evaluated = if matches!(name, "sub" | "gsub") {
            args.len().min(2)
        } else {
            args.len()
        };
        for a in &args[..evaluated] {
            vals.push(self.eval(a)?);
        }
        let s = |k: usize| vals.get(k).map(Val::str).unwrap_or_default();
        Ok(match name {
            "length" => Val::Num(
                vals.first()
                    .map_or(self.fields[0].chars().count(), |v| v.str().chars().count())
                    as f64,
            ),
            "substr" => {
                let text: Vec<char> = s(0).chars().collect();
                let m = vals.get(1).map_or(1.0, Val::num).round();
                let n = vals.get(2).map_or(f64::INFINITY, Val::num).round();
                let start = m.max(1.0);
                let end = (m + n).min(text.len() as f64 + 1.0);
                let r: String = if end > start {
                    text[(start as usize - 1).min(text.len())..(end as usize - 1).min(text.len())]
                        .iter()
                        .collect()
                } else {
                    String::new()
                };
                Val::Str(r)
            }
            "index" => Val::Num(
                s(0).find(&s(1))
                    .map_or(0, |i| s(0)[..i].chars().count() + 1) as f64,
            ),
            "toupper" => Val::Str(s(0).to_uppercase()),
            "tolower" => Val::Str(s(0).to_lowercase()),
            "int" => Val::Num(vals.first().map_or(0.0, Val::num).trunc()),
            "sprintf" => {
                let strs: Vec<String> = vals.iter().skip(1).map(Val::str).collect();
                let mut out = String::new();
                format::printf(&s(0), &strs, true, &mut out, &mut Vec::new());
                Val::Str(out)
            }
            _ => {
                let re = match args.first() {
                    Some(Expr::Ere(k)) => self.regexes[*k].clone(),
                    _ => self.regex(&s(0)),
                };
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let text = self.eval(&target)?.str();
                let chars: Vec<char> = text.chars().collect();
                let repl = s(1);
                let mut out = String::new();
                let mut last = 0;
                let mut count = 0;
                for (st, e) in re.find_all(&text, false, false) {
                    if name == "sub" && count == 1 {
                        break;
                    }
                    count += 1;
                    out.extend(&chars[last..st]);
                    let matched: String = chars[st..e].iter().collect();
                    let mut it = repl.chars().peekable();
                    while let Some(c) = it.next() {
                        match c {
                            '\\' if it.peek() == Some(&'&') => out.push(it.next().unwrap_or('&')),
                            '&' => out += &matched,
                            c => out.push(c),
                        }
                    }
                    last = e;
                }
                out.extend(&chars[last..]);
                if count > 0 {
                    self.set(&target, Val::Str(out))?;
                }
                Val::Num(count as f64)
            }
        })
    }

    fn run(&mut self, stmts: &[Stmt]) -> Result<Ctl, String> {
        for s in stmts {
            match self.exec(s)? {
                Ctl::Go => {}
                other => return Ok(other),
            }
        }
        Ok(Ctl::Go)
    }

    fn exec(&mut self, s: &Stmt) -> Result<Ctl, String> {
        match s {
            Stmt::Print(args) => {
                let line = if args.is_empty() {
                    self.fields[0].clone()
                } else {
                    let mut parts = Vec::new();
                    for a in args {
                        parts.push(self.eval(a)?.str());
                    }
                    parts.join(&self.sv("OFS"))
                };
                self.out += &line;
                self.out += &self.sv("ORS");
            }
            Stmt::Printf(args) => {
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a)?.str());
                }
                let mut errs = Vec::new();
                format::printf(&vals[0], &vals[1..], true, &mut self.out, &mut errs);
                if let Some(e) = errs.pop() {
                    return Err(e);
                }
            }
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    return self.exec(a);
                } else if let Some(b) = b {
                    return self.exec(b);
                }
            }
            Stmt::Block(stmts) => return self.run(stmts),
            Stmt::Next => return Ok(Ctl::Next),
            Stmt::Exit(code) => {
                let c = match code {
                    Some(e) => self.eval(e)?.num() as i32,
                    None => 0,
                };
                return Ok(Ctl::Exit(c));
            }
        }
        Ok(Ctl::Go)
    }
}

fn arith(op: &str, x: f64, y: f64) -> Result<f64, String> {
    Ok(match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" | "%" if y == 0.0 => return Err("division by zero".into()),
        "/" => x / y,
        "%" => x % y,
        _ => x.powf(y),
    })
}

pub(crate) fn awk(f: &mut Filter, args: &[String]) -> i32 {
    let a = match getopt(args, "F:v:f:", false) {
        Ok(a) => a,
        Err(e) => {
            f.err(&format!(
                "{e}\nusage: awk [-F fs][-v var=value][prog | -f progfile][file ...]"
            ));
            return 2;
        }
    };
    if a.val('f').is_some() {
        f.err("-f progfile is not supported: give the program on the command line");
        return 2;
    }
    let Some(src) = a.operands.first() else {
        f.err("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]");
        return 2;
    };
    let parsed = lex(src).and_then(|toks| {
        let mut p = Parser {
            toks,
            i: 0,
            regexes: Vec::new(),
            no_gt: false,
            depth: 0,
        };
        let rules = p.program()?;
        let regexes = p
            .regexes
            .iter()
            .map(|r| Regex::new(r, true, false))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((rules, regexes))
    });
    let (rules, regexes) = match parsed {
        Ok(x) => x,
        Err(e) => {
            f.err(&format!("cmd. line:1: {e}"));
            return 2;
        }
    };
    let mut awk = Awk {
        vars: BTreeMap::new(),
        fields: vec![String::new()],
        nr: 0,
        regexes,
        dynamic: BTreeMap::new(),
        out: String::new(),
    };
    let mut fs = String::new();
    format::escapes(a.val('F').unwrap_or(" "), false, &mut fs);
    awk.vars.insert(
        "FS".into(),
        Val::Str(if fs == "t" { "\t".into() } else { fs }),
    );
    awk.vars.insert("OFS".into(), Val::Str(" ".into()));
    awk.vars.insert("ORS".into(), Val::Str("\n".into()));
    for (c, v) in &a.vals {
        if let (true, Some((name, value))) = (*c == 'v', v.split_once('=')) {
            awk.vars
                .insert(name.to_string(), Val::StrNum(value.to_string()));
        }
    }
    let (text, ok) = f.input(&a.operands[1..]);
    let result = (|| -> Result<i32, String> {
        let mut exit = None;
        for (pat, body) in &rules {
            if let (Pat::Begin, Some(b)) = (pat, body) {
                if let Ctl::Exit(c) = awk.run(b)? {
                    exit = Some(c);
                    break;
                }
            }
        }
        let has_main = rules
            .iter()
            .any(|(p, _)| matches!(p, Pat::All | Pat::Expr(_)));
        if exit.is_none() && (has_main || rules.iter().any(|(p, _)| matches!(p, Pat::End))) {
            'records: for line in lines(&text) {
                awk.nr += 1;
                awk.split(line);
                for (pat, body) in &rules {
                    let hit = match pat {
                        Pat::All => true,
                        Pat::Expr(e) => awk.eval(e)?.truthy(),
                        _ => false,
                    };
                    if !hit {
                        continue;
                    }
                    let ctl = match body {
                        Some(b) => awk.run(b)?,
                        None => awk.exec(&Stmt::Print(Vec::new()))?,
                    };
                    match ctl {
                        Ctl::Go => {}
                        Ctl::Next => continue 'records,
                        Ctl::Exit(c) => {
                            exit = Some(c);
                            break 'records;
                        }
                    }
                }
                if awk.out.len() > 1 << 22 {
                    break;
                }
            }
        }
        for (pat, body) in &rules {
            if let (Pat::End, Some(b)) = (pat, body) {
                if let Ctl::Exit(c) = awk.run(b)? {
                    return Ok(c);
                }
            }
        }
        Ok(exit.unwrap_or(0))
    })();
    f.io.out(&awk.out);
    match result {
        Ok(code) if ok => code,
        Ok(_) => 2,
        Err(e) => {
            f.err(&format!("cmd. line:1: {e}"));
            2
        }
    }
}
