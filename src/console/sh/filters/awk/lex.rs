//! awk's lexer: numbers, strings, `/regex/` (where an operand may start),
//! names, functions (a name right before `(`), punctuation, and the
//! newlines that end statements.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::super::format;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
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

pub(super) fn lex(src: &str) -> Result<Vec<Tok>, String> {
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
            let v = super::super::super::arith::parse_num(&text)
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
