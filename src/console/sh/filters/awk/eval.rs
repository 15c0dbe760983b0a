//! awk's evaluation: values (numbers, strings, and input text that is
//! numeric when it looks so), fields and their splitting, statements,
//! expressions and the built-in functions.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::super::format;
use super::super::super::regex::Regex;
use super::super::lines;
use super::parse::{Expr, Pat, Rule, Stmt};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub(super) enum Val {
    Num(f64),
    Str(String),
    /// Input text (a field): numeric if it looks like a number.
    StrNum(String),
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok() && !t.contains(|c: char| c.is_ascii_alphabetic())
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
            Val::Str(s) | Val::StrNum(s) => format::leading_number(s, true),
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
                    format::leading_number(s, true) != 0.0
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

pub(super) enum Ctl {
    Go,
    Next,
    Exit(i32),
}

pub(super) struct Awk {
    /// What the program printed.
    pub out: String,
    vars: BTreeMap<String, Val>,
    fields: Vec<String>,
    nr: usize,
    regexes: Vec<Regex>,
    dynamic: BTreeMap<String, Regex>,
}

impl Awk {
    pub(super) fn new<'a>(
        regexes: Vec<Regex>,
        fs: String,
        assigns: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Awk {
        let mut vars = BTreeMap::new();
        vars.insert("FS".to_string(), Val::Str(fs));
        vars.insert("OFS".to_string(), Val::Str(" ".into()));
        vars.insert("ORS".to_string(), Val::Str("\n".into()));
        for (name, value) in assigns {
            vars.insert(name.to_string(), Val::StrNum(value.to_string()));
        }
        Awk {
            out: String::new(),
            vars,
            fields: vec![String::new()],
            nr: 0,
            regexes,
            dynamic: BTreeMap::new(),
        }
    }

    /// Runs the program over the records of `text`; returns the exit status.
    pub(super) fn main(&mut self, rules: &[Rule], text: &str) -> Result<i32, String> {
        let mut exit = None;
        for (pat, body) in rules {
            if let (Pat::Begin, Some(b)) = (pat, body) {
                if let Ctl::Exit(c) = self.run(b)? {
                    exit = Some(c);
                    break;
                }
            }
        }
        let has_main = rules
            .iter()
            .any(|(p, _)| matches!(p, Pat::All | Pat::Expr(_)));
        if exit.is_none() && (has_main || rules.iter().any(|(p, _)| matches!(p, Pat::End))) {
            'records: for line in lines(text) {
                self.nr += 1;
                self.split(line);
                for (pat, body) in rules {
                    let hit = match pat {
                        Pat::All => true,
                        Pat::Expr(e) => self.eval(e)?.truthy(),
                        _ => false,
                    };
                    if !hit {
                        continue;
                    }
                    let ctl = match body {
                        Some(b) => self.run(b)?,
                        None => self.exec(&Stmt::Print(Vec::new()))?,
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
                if self.out.len() > 1 << 22 {
                    break;
                }
            }
        }
        for (pat, body) in rules {
            if let (Pat::End, Some(b)) = (pat, body) {
                if let Ctl::Exit(c) = self.run(b)? {
                    return Ok(c);
                }
            }
        }
        Ok(exit.unwrap_or(0))
    }

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
