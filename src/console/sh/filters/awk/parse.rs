//! awk's parser: rules (`BEGIN`, `END`, patterns) with actions, statements
//! and expressions by awk's precedence. Nesting is bounded.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::super::regex::Regex;
use super::lex::{lex, Tok};

const MAX_DEPTH: usize = 100;

/// Parses a program: its rules and its `/regex/` literals, compiled.
pub(super) fn compile(src: &str) -> Result<(Vec<Rule>, Vec<Regex>), String> {
    let mut p = Parser {
        toks: lex(src)?,
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
}

#[derive(Clone, Debug)]
pub(super) enum Expr {
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
pub(super) enum Stmt {
    Print(Vec<Expr>),
    Printf(Vec<Expr>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
}

/// A pattern and its action (None prints the record).
pub(super) type Rule = (Pat, Option<Vec<Stmt>>);

pub(super) enum Pat {
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
