//! `$((…))`: 64-bit integer arithmetic with C operators, as ash evaluates
//! it (wrapping, `divide by zero`, `arithmetic syntax error`). Recursion is
//! bounded by the shell's depth limit.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

/// Variables seen by an arithmetic expression.
pub(crate) trait Vars {
    fn get(&self, name: &str) -> String;
    fn set(&mut self, name: &str, value: i64) -> Result<(), String>;
}

const SYNTAX: &str = "arithmetic syntax error";

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: [&str; 39] = [
    "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=",
    "%=", "&=", "^=", "|=", "++", "--", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "^",
    "|", "?", ":", "(", ")", ",",
];

const LEVELS: [&[&str]; 10] = [
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", "<=", ">", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

/// Parses a number as ash does: decimal, `0x` hex, leading-zero octal.
pub(crate) fn parse_num(s: &str) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        u64::from_str_radix(hex, 16).ok()? as i64
    } else if digits.len() > 1 && digits.starts_with('0') {
        u64::from_str_radix(&digits[1..], 8).ok()? as i64
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<u64>().ok()? as i64
    } else {
        return None;
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let b = src.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            toks.push(Tok::Num(parse_num(&src[start..i]).ok_or(SYNTAX)?));
        } else if c == b'_' || c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            toks.push(Tok::Name(src[start..i].to_string()));
        } else {
            let op = OPS
                .iter()
                .find(|op| src[i..].starts_with(*op))
                .ok_or(SYNTAX)?;
            i += op.len();
            toks.push(Tok::Op(op));
        }
    }
    Ok(toks)
}

struct P<'a> {
    toks: Vec<Tok>,
    pos: usize,
    vars: &'a mut dyn Vars,
    depth: usize,
}

/// Evaluates `src`; `depth` bounds nesting (parentheses, unary operators,
/// variables holding expressions).
pub(crate) fn eval(src: &str, vars: &mut dyn Vars, depth: usize) -> Result<i64, String> {
    if depth == 0 {
        return Err("expression recursion loop detected".into());
    }
    let toks = lex(src)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut p = P {
        toks,
        pos: 0,
        vars,
        depth,
    };
    let v = p.comma(false)?;
    if p.pos < p.toks.len() {
        return Err(SYNTAX.into());
    }
    Ok(v)
}

fn binop(op: &str, l: i64, r: i64, skip: bool) -> Result<i64, String> {
    Ok(match op {
        "||" => (l != 0 || r != 0) as i64,
        "&&" => (l != 0 && r != 0) as i64,
        "|" => l | r,
        "^" => l ^ r,
        "&" => l & r,
        "==" => (l == r) as i64,
        "!=" => (l != r) as i64,
        "<" => (l < r) as i64,
        "<=" => (l <= r) as i64,
        ">" => (l > r) as i64,
        ">=" => (l >= r) as i64,
        "<<" => l.wrapping_shl(r as u32),
        ">>" => l.wrapping_shr(r as u32),
        "+" => l.wrapping_add(r),
        "-" => l.wrapping_sub(r),
        "*" => l.wrapping_mul(r),
        "/" | "%" if r == 0 => {
            return if skip {
                Ok(0)
            } else {
                Err("divide by zero".into())
            }
        }
        "/" => l.wrapping_div(r),
        "%" => l.wrapping_rem(r),
        "**" if r < 0 => return Err("exponent less than 0".into()),
        "**" => l.wrapping_pow(r.min(u32::MAX as i64) as u32),
        _ => return Err(SYNTAX.into()),
    })
}

impl P<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.pos) {
            Some(Tok::Op(op)) => Some(op),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        let hit = self.peek_op() == Some(op);
        self.pos += hit as usize;
        hit
    }

    fn deeper(&mut self) -> Result<(), String> {
        self.depth = self
            .depth
            .checked_sub(1)
            .filter(|&d| d > 0)
            .ok_or("expression recursion loop detected")?;
        Ok(())
    }

    fn var(&mut self, name: &str) -> Result<i64, String> {
        let v = self.vars.get(name);
        let v = v.trim();
        if v.is_empty() {
            return Ok(0);
        }
        match parse_num(v) {
            Some(n) => Ok(n),
            None => eval(v, self.vars, self.depth - 1),
        }
    }

    fn comma(&mut self, skip: bool) -> Result<i64, String> {
        let mut v = self.assign(skip)?;
        while self.eat(",") {
            v = self.assign(skip)?;
        }
        Ok(v)
    }

    fn assign(&mut self, skip: bool) -> Result<i64, String> {
        if let (Some(Tok::Name(name)), Some(Tok::Op(op))) =
            (self.toks.get(self.pos), self.toks.get(self.pos + 1))
        {
            if op.ends_with('=') && !matches!(*op, "==" | "!=" | "<=" | ">=") {
                let (name, op) = (name.clone(), *op);
                self.pos += 2;
                self.deeper()?;
                let rhs = self.assign(skip)?;
                self.depth += 1;
                let v = if op == "=" {
                    rhs
                } else {
                    binop(&op[..op.len() - 1], self.var(&name)?, rhs, skip)?
                };
                if !skip {
                    self.vars.set(&name, v)?;
                }
                return Ok(v);
            }
        }
        let cond = self.binary(0, skip)?;
        if !self.eat("?") {
            return Ok(cond);
        }
        self.deeper()?;
        let a = self.assign(skip || cond == 0)?;
        if !self.eat(":") {
            return Err("malformed ?: operator".into());
        }
        let b = self.assign(skip || cond != 0)?;
        self.depth += 1;
        Ok(if cond != 0 { a } else { b })
    }

    fn binary(&mut self, level: usize, skip: bool) -> Result<i64, String> {
        if level == LEVELS.len() {
            return self.power(skip);
        }
        let mut l = self.binary(level + 1, skip)?;
        while let Some(op) = self.peek_op().filter(|op| LEVELS[level].contains(op)) {
            self.pos += 1;
            let short = (op == "||" && l != 0) || (op == "&&" && l == 0);
            let r = self.binary(level + 1, skip || short)?;
            l = binop(op, l, r, skip || short)?;
        }
        Ok(l)
    }

    fn power(&mut self, skip: bool) -> Result<i64, String> {
        let base = self.unary(skip)?;
        if !self.eat("**") {
            return Ok(base);
        }
        self.deeper()?;
        let exp = self.power(skip)?;
        self.depth += 1;
        binop("**", base, exp, skip)
    }

    fn unary(&mut self, skip: bool) -> Result<i64, String> {
        let Some(op) = self
            .peek_op()
            .filter(|op| ["+", "-", "!", "~", "++", "--"].contains(op))
        else {
            return self.primary(skip);
        };
        self.pos += 1;
        if op == "++" || op == "--" {
            let Some(Tok::Name(name)) = self.toks.get(self.pos).cloned() else {
                return Err(SYNTAX.into());
            };
            self.pos += 1;
            let v = self
                .var(&name)?
                .wrapping_add(if op == "++" { 1 } else { -1 });
            if !skip {
                self.vars.set(&name, v)?;
            }
            return Ok(v);
        }
        self.deeper()?;
        let v = self.unary(skip)?;
        self.depth += 1;
        Ok(match op {
            "-" => v.wrapping_neg(),
            "!" => (v == 0) as i64,
            "~" => !v,
            _ => v,
        })
    }

    fn primary(&mut self, skip: bool) -> Result<i64, String> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Tok::Name(name)) => {
                self.pos += 1;
                let v = self.var(&name)?;
                if let Some(op) = self.peek_op().filter(|op| *op == "++" || *op == "--") {
                    self.pos += 1;
                    if !skip {
                        self.vars
                            .set(&name, v.wrapping_add(if op == "++" { 1 } else { -1 }))?;
                    }
                }
                Ok(v)
            }
            Some(Tok::Op("(")) => {
                self.pos += 1;
                self.deeper()?;
                let v = self.comma(skip)?;
                self.depth += 1;
                if !self.eat(")") {
                    return Err(SYNTAX.into());
                }
                Ok(v)
            }
            _ => Err(SYNTAX.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct M(BTreeMap<String, String>);
    impl Vars for M {
        fn get(&self, name: &str) -> String {
            self.0.get(name).cloned().unwrap_or_default()
        }
        fn set(&mut self, name: &str, value: i64) -> Result<(), String> {
            self.0.insert(name.into(), value.to_string());
            Ok(())
        }
    }

    fn ev(s: &str) -> Result<i64, String> {
        let mut m = M(BTreeMap::from([
            ("x".to_string(), "5".to_string()),
            ("e".to_string(), "x*2".to_string()),
        ]));
        eval(s, &mut m, 50)
    }

    #[test]
    fn evaluates_like_ash() {
        assert_eq!(ev("1 + 2 * 3"), Ok(7));
        assert_eq!(ev("(1 + 2) * 3"), Ok(9));
        assert_eq!(ev("x - 1"), Ok(4));
        assert_eq!(ev("e + 1"), Ok(11));
        assert_eq!(ev("unset + 1"), Ok(1));
        assert_eq!(ev("010 + 0x10"), Ok(24));
        assert_eq!(ev("7 / 2 + 7 % 2"), Ok(4));
        assert_eq!(ev("-3 / 2"), Ok(-1));
        assert_eq!(ev("1 < 2 && 2 > 3 || !0"), Ok(1));
        assert_eq!(ev("x > 3 ? 10 : 20"), Ok(10));
        assert_eq!(ev("2 ** 10"), Ok(1024));
        assert_eq!(ev("y = 3, y * 2"), Ok(6));
        assert_eq!(ev("x += 2"), Ok(7));
        assert_eq!(ev("x++ + x"), Ok(11));
        assert_eq!(ev("0 && 1 / 0"), Ok(0));
        assert_eq!(ev(""), Ok(0));
        assert_eq!(ev("1 / 0"), Err("divide by zero".into()));
        assert_eq!(ev("1 +"), Err(SYNTAX.into()));
        assert_eq!(ev("(1"), Err(SYNTAX.into()));
        assert_eq!(ev("1 2"), Err(SYNTAX.into()));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "(".repeat(100_000) + "1" + &")".repeat(100_000);
        assert!(ev(&deep).is_err());
        assert!(ev(&"-".repeat(100_000)).is_err());
        let mut m = M(BTreeMap::from([("a".to_string(), "a".to_string())]));
        assert!(eval("a", &mut m, 50).is_err());
    }
}
