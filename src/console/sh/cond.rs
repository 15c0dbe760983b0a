//! `test` and `[ … ]`: string, integer and file conditions, with the
//! argument-count rules POSIX gives and busybox's error wording. File tests
//! ask the host.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{CondExpr, Word};
use super::expand::Exp;
use super::interp::Flow;
use super::{pattern, FileType, Host, Io, Shell};

const UNARY: &[&str] = &[
    "-n", "-z", "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-b", "-c", "-p", "-S", "-t",
    "-g", "-u", "-k", "-O", "-G",
];
const BINARY: &[&str] = &[
    "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
];
const MAX_DEPTH: usize = 100;

struct T<'a> {
    args: &'a [String],
    pos: usize,
    host: &'a mut dyn Host,
    depth: usize,
}

/// Evaluates a condition; Err holds busybox's message (status 2).
pub(crate) fn test(args: &[String], host: &mut dyn Host) -> Result<bool, String> {
    let mut t = T {
        args,
        pos: 0,
        host,
        depth: 0,
    };
    let v = match t.simple(args.len()) {
        Some(r) => r?,
        None => t.or()?,
    };
    if t.pos < args.len() {
        return Err(format!("{}: unknown operand", args[t.pos]));
    }
    Ok(v)
}

fn int(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{s}: bad number"));
    }
    t.parse::<i64>().map_err(|_| format!("{s}: out of range"))
}

impl T<'_> {
    fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(self.pos + i).map(String::as_str)
    }

    /// POSIX's rules for up to four arguments, which decide cases the
    /// general grammar finds ambiguous (`[ -n ]`, `[ ! = x ]`).
    fn simple(&mut self, n: usize) -> Option<Result<bool, String>> {
        let a = |i: usize| self.args[self.pos + i].as_str();
        let r = match n {
            0 => Ok(false),
            1 => Ok(!a(0).is_empty()),
            2 if a(0) == "!" => Ok(a(1).is_empty()),
            2 if UNARY.contains(&a(0)) => {
                let (op, x) = (a(0).to_string(), a(1).to_string());
                self.unary(&op, &x)
            }
            3 if BINARY.contains(&a(1)) => binary(a(0), a(1), a(2)),
            3 if a(0) == "!" => {
                self.pos += 1;
                let r = self.simple(2)?.map(|v| !v);
                self.pos -= 1;
                r
            }
            3 if a(0) == "(" && a(2) == ")" => Ok(!a(1).is_empty()),
            4 if a(0) == "!" => {
                self.pos += 1;
                let r = self.simple(3)?.map(|v| !v);
                self.pos -= 1;
                r
            }
            _ => return None,
        };
        self.pos += n;
        Some(r)
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self.arg(0) == Some("-o") {
            self.pos += 1;
            v |= self.and()?;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while self.arg(0) == Some("-a") {
            self.pos += 1;
            v &= self.not()?;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, String> {
        let mut negate = false;
        while self.arg(0) == Some("!") && self.arg(1).is_some() {
            negate = !negate;
            self.pos += 1;
        }
        Ok(self.primary()? != negate)
    }

    fn primary(&mut self) -> Result<bool, String> {
        let Some(a) = self.arg(0).map(str::to_string) else {
            return Err("argument expected".into());
        };
        if a == "(" && self.arg(1).is_some() {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err("expression nested too deeply".into());
            }
            self.pos += 1;
            let v = self.or()?;
            self.depth -= 1;
            if self.arg(0) != Some(")") {
                return Err("closing paren expected".into());
            }
            self.pos += 1;
            return Ok(v);
        }
        if let (Some(op), Some(b)) = (self.arg(1), self.arg(2)) {
            if BINARY.contains(&op) {
                let (op, b) = (op.to_string(), b.to_string());
                self.pos += 3;
                return binary(&a, &op, &b);
            }
        }
        if UNARY.contains(&a.as_str()) {
            let Some(x) = self.arg(1).map(str::to_string) else {
                return Err(format!("{a}: argument expected"));
            };
            self.pos += 2;
            return self.unary(&a, &x);
        }
        self.pos += 1;
        Ok(!a.is_empty())
    }

    fn unary(&mut self, op: &str, x: &str) -> Result<bool, String> {
        Ok(match op {
            "-n" => !x.is_empty(),
            "-z" => x.is_empty(),
            "-e" | "-r" | "-w" | "-x" => self.host.file_type(x).is_some(),
            "-f" => self.host.file_type(x) == Some(FileType::File),
            "-d" => self.host.file_type(x) == Some(FileType::Dir),
            "-s" => {
                self.host.file_type(x) == Some(FileType::Dir)
                    || self.host.read_file(x).is_ok_and(|t| !t.is_empty())
            }
            "-t" => {
                int(x)?;
                false
            }
            _ => false,
        })
    }
}

fn binary(a: &str, op: &str, b: &str) -> Result<bool, String> {
    Ok(match op {
        "=" | "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        "-nt" | "-ot" | "-ef" => false,
        _ => {
            let (x, y) = (int(a)?, int(b)?);
            match op {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-le" => x <= y,
                "-gt" => x > y,
                _ => x >= y,
            }
        }
    })
}

/// What one `[[ … ]]` operand test gives: true, false, or bash's status 2
/// (a regular expression that does not compile).
enum Cond {
    Value(bool),
    Error,
}

impl Shell {
    /// Runs bash's `[[ … ]]`: status 0 when true, 1 when false, 2 for a
    /// bad regular expression. Operands are expanded without field
    /// splitting; `==` and `!=` match a pattern, `=~` an extended regular
    /// expression whose groups land in `BASH_REMATCH`; `&&`, `||` and `!`
    /// combine, evaluating only what decides the result.
    pub(crate) fn run_cond(&mut self, e: &CondExpr, host: &mut dyn Host, io: &mut Io) -> Flow {
        let mut trace = Vec::new();
        let r = self.cond(e, host, io, &mut trace);
        match r {
            Ok(v) => {
                if self.opts.xtrace {
                    io.err(&format!("+ [[ {} ]]\n", trace.join(" ")));
                }
                self.status = match v {
                    Cond::Value(true) => 0,
                    Cond::Value(false) => 1,
                    Cond::Error => 2,
                };
                Flow::Next
            }
            Err(flow) => flow,
        }
    }

    fn cond(
        &mut self,
        e: &CondExpr,
        host: &mut dyn Host,
        io: &mut Io,
        trace: &mut Vec<String>,
    ) -> Exp<Cond> {
        Ok(match e {
            CondExpr::Word(w) => {
                let v = self.expand_single(w, host, io)?;
                trace.push(v.clone());
                Cond::Value(!v.is_empty())
            }
            CondExpr::Not(inner) => {
                trace.push("!".into());
                match self.cond(inner, host, io, trace)? {
                    Cond::Value(v) => Cond::Value(!v),
                    Cond::Error => Cond::Error,
                }
            }
            CondExpr::And(a, b) => match self.cond(a, host, io, trace)? {
                Cond::Value(true) => {
                    trace.push("&&".into());
                    self.cond(b, host, io, trace)?
                }
                other => other,
            },
            CondExpr::Or(a, b) => match self.cond(a, host, io, trace)? {
                Cond::Value(false) => {
                    trace.push("||".into());
                    self.cond(b, host, io, trace)?
                }
                other => other,
            },
            CondExpr::Unary(op, w) => {
                let v = self.expand_single(w, host, io)?;
                trace.push(op.clone());
                trace.push(v.clone());
                match op.as_str() {
                    "-v" => Cond::Value(self.param_value(&v).is_some()),
                    // In `[[`, `-a` is the old spelling of `-e`.
                    "-a" => Cond::Value(host.file_type(&v).is_some()),
                    _ => Cond::Value(test(&[op.clone(), v], host).unwrap_or(false)),
                }
            }
            CondExpr::Binary(l, op, r) => self.cond_binary(l, op, r, host, io, trace)?,
        })
    }

    fn cond_binary(
        &mut self,
        l: &Word,
        op: &str,
        r: &Word,
        host: &mut dyn Host,
        io: &mut Io,
        trace: &mut Vec<String>,
    ) -> Exp<Cond> {
        let left = self.expand_single(l, host, io)?;
        trace.push(left.clone());
        trace.push(op.to_string());
        match op {
            "=" | "==" | "!=" => {
                let pat = self.expand_pattern(r, host, io)?;
                trace.push(pat.clone());
                let m = pattern::matches(&pat, &left);
                Ok(Cond::Value(m == (op != "!=")))
            }
            "=~" => {
                let re = self.expand_regex(r, host, io)?;
                trace.push(re.clone());
                Ok(self.regex_match(&left, &re))
            }
            "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" => {
                let right = self.expand_single(r, host, io)?;
                trace.push(right.clone());
                // bash evaluates both sides as arithmetic expressions.
                let depth = self.limits.depth;
                let a = super::arith::eval(&left, self, depth);
                let b = super::arith::eval(&right, self, depth);
                let (a, b) = match (a, b) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), _) | (_, Err(e)) => {
                        io.err(&format!("bash: {e}\n"));
                        return Ok(Cond::Value(false));
                    }
                };
                Ok(Cond::Value(match op {
                    "-eq" => a == b,
                    "-ne" => a != b,
                    "-lt" => a < b,
                    "-le" => a <= b,
                    "-gt" => a > b,
                    _ => a >= b,
                }))
            }
            "<" | ">" => {
                let right = self.expand_single(r, host, io)?;
                trace.push(right.clone());
                Ok(Cond::Value(if op == "<" {
                    left < right
                } else {
                    left > right
                }))
            }
            _ => {
                let right = self.expand_single(r, host, io)?;
                trace.push(right.clone());
                let args = [left, op.to_string(), right];
                Ok(Cond::Value(test(&args, host).unwrap_or(false)))
            }
        }
    }

    /// `text =~ re`: the leftmost-longest match sets `BASH_REMATCH` (the
    /// whole match, then each group; an unmatched group is empty); no match
    /// empties it.
    fn regex_match(&mut self, text: &str, re: &str) -> Cond {
        let Ok(rx) = super::regex::Regex::new(re, true, false) else {
            return Cond::Error;
        };
        let Some(&(start, end)) = rx.find_all(text, false, false).first() else {
            self.arrays.insert("BASH_REMATCH".into(), Vec::new());
            return Cond::Value(false);
        };
        let chars: Vec<char> = text.chars().collect();
        let groups = rx
            .captures(text, start, end)
            .into_iter()
            .map(|g| {
                g.and_then(|(a, b)| chars.get(a..b))
                    .map_or(String::new(), |c| c.iter().collect())
            })
            .collect();
        self.arrays.insert("BASH_REMATCH".into(), groups);
        Cond::Value(true)
    }
}
