//! The functions a kubectl Go template can call: text/template's builtins
//! (`and`, `or`, `not`, `len`, `index`, `slice`, `print`, `printf`,
//! `println`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`)
//! and kubectl's `exists` and `base64decode`, with Go's error texts and
//! `fmt` formatting.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use std::borrow::Cow;

use serde_json::Value;

use super::exec::V;
use crate::console::printers::gofmt;

const FUNCTIONS: &[&str] = &[
    "and",
    "base64decode",
    "call",
    "eq",
    "exists",
    "ge",
    "gt",
    "html",
    "index",
    "js",
    "le",
    "len",
    "lt",
    "ne",
    "not",
    "or",
    "print",
    "printf",
    "println",
    "slice",
    "urlquery",
];

pub(crate) fn is_function(name: &str) -> bool {
    FUNCTIONS.contains(&name)
}

/// Go's truth: false, 0, nil, empty strings, lists and maps are false.
pub(crate) fn truth(v: &V) -> bool {
    match v {
        V::Missing => false,
        V::Val(v) => match v.as_ref() {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(m) => !m.is_empty(),
        },
    }
}

/// Calls a function that does not short-circuit (`and` and `or` are
/// evaluated by the executor).
pub(crate) fn call<'a>(name: &str, args: Vec<V<'a>>) -> Result<V<'a>, String> {
    let s = |text: String| Ok(V::Val(Cow::Owned(Value::String(text))));
    let b = |v: bool| Ok(V::Val(Cow::Owned(Value::Bool(v))));
    match name {
        "not" => {
            one(&args, "not")?;
            b(!truth(&args[0]))
        }
        "len" => {
            one(&args, "len")?;
            let n = match &args[0] {
                V::Missing => return Err("len of nil pointer".into()),
                V::Val(v) => match v.as_ref() {
                    Value::String(s) => s.len(),
                    Value::Array(a) => a.len(),
                    Value::Object(m) => m.len(),
                    Value::Null => return Err("len of nil pointer".into()),
                    other => return Err(format!("len of type {}", gofmt::type_name(other))),
                },
            };
            Ok(V::Val(Cow::Owned(Value::from(n as i64))))
        }
        "index" => index(args),
        "slice" => slice(args),
        "print" => s(sprint(&args)),
        "println" => {
            let parts: Vec<String> = args.iter().map(go_print).collect();
            s(format!("{}\n", parts.join(" ")))
        }
        "printf" => {
            let Some(V::Val(f)) = args.first() else {
                return Err("wrong number of args for printf: want at least 1 got 0".into());
            };
            let Value::String(format) = f.as_ref() else {
                return Err(format!(
                    "wrong type for value; expected string; got {}",
                    gofmt::type_name(f)
                ));
            };
            s(sprintf(format, &args[1..]))
        }
        "eq" => {
            if args.len() < 2 {
                return Err("missing argument for comparison".into());
            }
            for other in &args[1..] {
                if eq(&args[0], other)? {
                    return b(true);
                }
            }
            b(false)
        }
        "ne" => {
            two(&args, "ne")?;
            b(!eq(&args[0], &args[1])?)
        }
        "lt" => {
            two(&args, "lt")?;
            b(lt(&args[0], &args[1])?)
        }
        "le" => {
            two(&args, "le")?;
            b(lt(&args[0], &args[1])? || eq(&args[0], &args[1])?)
        }
        "gt" => {
            two(&args, "gt")?;
            b(!(lt(&args[0], &args[1])? || eq(&args[0], &args[1])?))
        }
        "ge" => {
            two(&args, "ge")?;
            b(!lt(&args[0], &args[1])?)
        }
        "html" => s(html_escape(&sprint(&args))),
        "js" => s(js_escape(&sprint(&args))),
        "urlquery" => s(query_escape(&sprint(&args))),
        "exists" => b(exists(&args)),
        "base64decode" => {
            one(&args, "base64decode")?;
            let V::Val(v) = &args[0] else {
                return Err("invalid value; expected string".into());
            };
            let Value::String(text) = v.as_ref() else {
                return Err(format!(
                    "wrong type for value; expected string; got {}",
                    gofmt::type_name(v)
                ));
            };
            match crate::engine::containerfs::base64_decode(text) {
                Some(d) => s(d),
                None => Err("base64 decode failed: illegal base64 data at input byte 0".into()),
            }
        }
        other => Err(format!("can't call non-function {other}")),
    }
}

fn one(args: &[V], name: &str) -> Result<(), String> {
    if args.len() == 1 {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want 1 got {}",
            args.len()
        ))
    }
}

fn two(args: &[V], name: &str) -> Result<(), String> {
    if args.len() == 2 {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want 2 got {}",
            args.len()
        ))
    }
}

fn index<'a>(args: Vec<V<'a>>) -> Result<V<'a>, String> {
    let mut it = args.into_iter();
    let mut item = match it.next() {
        None | Some(V::Missing) => return Err("index of untyped nil".into()),
        Some(V::Val(v)) => v,
    };
    for idx in it {
        let idx = match idx {
            V::Val(i) => i.into_owned(),
            V::Missing => Value::Null,
        };
        item = match item {
            Cow::Borrowed(Value::Null) | Cow::Owned(Value::Null) => {
                return Err("index of nil pointer".into())
            }
            Cow::Borrowed(Value::Array(a)) => Cow::Borrowed(&a[array_index(&idx, a.len())?]),
            Cow::Owned(Value::Array(mut a)) => {
                let i = array_index(&idx, a.len())?;
                Cow::Owned(a.swap_remove(i))
            }
            Cow::Borrowed(Value::Object(m)) => match m.get(map_key(&idx)?) {
                Some(v) => Cow::Borrowed(v),
                None => Cow::Owned(Value::Null),
            },
            Cow::Owned(Value::Object(mut m)) => {
                Cow::Owned(m.remove(map_key(&idx)?).unwrap_or(Value::Null))
            }
            other => match other.as_ref() {
                Value::String(s) => {
                    Cow::Owned(Value::from(s.as_bytes()[array_index(&idx, s.len())?]))
                }
                v => return Err(format!("can't index item of type {}", gofmt::type_name(v))),
            },
        };
    }
    Ok(V::Val(item))
}

fn array_index(idx: &Value, len: usize) -> Result<usize, String> {
    let Some(x) = idx.as_i64() else {
        return Err(format!(
            "cannot index slice/array with type {}",
            gofmt::type_name(idx)
        ));
    };
    if x < 0 || x as u64 > len as u64 {
        return Err(format!("index out of range: {x}"));
    }
    if x as usize == len {
        return Err("reflect: slice index out of range".into());
    }
    Ok(x as usize)
}

fn map_key(idx: &Value) -> Result<&str, String> {
    idx.as_str()
        .ok_or_else(|| format!("value has type {}; should be string", gofmt::type_name(idx)))
}

fn slice<'a>(args: Vec<V<'a>>) -> Result<V<'a>, String> {
    let mut it = args.into_iter();
    let item = match it.next() {
        Some(V::Val(v)) => v.into_owned(),
        _ => return Err("slice of untyped nil".into()),
    };
    let bounds: Vec<i64> = it
        .map(|a| match a {
            V::Val(v) => v
                .as_i64()
                .ok_or_else(|| "cannot index slice/array with nil".to_string()),
            V::Missing => Err("cannot index slice/array with nil".to_string()),
        })
        .collect::<Result<_, _>>()?;
    let len = match &item {
        Value::Array(a) => a.len(),
        Value::String(s) => s.len(),
        other => {
            return Err(format!(
                "can't slice item of type {}",
                gofmt::type_name(other)
            ))
        }
    } as i64;
    let start = bounds.first().copied().unwrap_or(0);
    let end = bounds.get(1).copied().unwrap_or(len);
    if start < 0 || end < start || end > len {
        return Err(format!(
            "index out of range: {}",
            if start < 0 { start } else { end }
        ));
    }
    let (start, end) = (start as usize, end as usize);
    Ok(V::Val(Cow::Owned(match item {
        Value::Array(a) => Value::Array(a[start..end].to_vec()),
        Value::String(s) => {
            Value::String(String::from_utf8_lossy(&s.as_bytes()[start..end]).into_owned())
        }
        other => other,
    })))
}

/// `exists` (kubectl): whether `index` would find something non-nil.
fn exists(args: &[V]) -> bool {
    let Some(V::Val(item)) = args.first() else {
        return false;
    };
    let mut cur: &Value = item.as_ref();
    for idx in &args[1..] {
        let V::Val(idx) = idx else { return false };
        cur = match (cur, idx.as_ref()) {
            (Value::Array(a), Value::Number(n)) => match n.as_i64() {
                Some(i) if i >= 0 && (i as usize) < a.len() => &a[i as usize],
                _ => return false,
            },
            (Value::Object(m), Value::String(k)) => match m.get(k) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    !cur.is_null()
}

#[derive(PartialEq)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Float,
    Str,
    Other,
}

fn kind(v: &V) -> Kind {
    match v {
        V::Missing => Kind::Invalid,
        V::Val(v) => match v.as_ref() {
            Value::Null => Kind::Invalid,
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_f64() => Kind::Float,
            Value::Number(_) => Kind::Int,
            Value::String(_) => Kind::Str,
            _ => Kind::Other,
        },
    }
}

fn value<'b>(v: &'b V) -> &'b Value {
    match v {
        V::Missing => &Value::Null,
        V::Val(v) => v.as_ref(),
    }
}

/// text/template's `eq` for two values.
fn eq(a: &V, b: &V) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if ka != kb {
        if ka != Kind::Invalid && kb != Kind::Invalid {
            return Err("incompatible types for comparison".into());
        }
        return Ok(false);
    }
    let (va, vb) = (value(a), value(b));
    Ok(match ka {
        Kind::Invalid => true,
        Kind::Int => va.as_i64() == vb.as_i64(),
        Kind::Float => va.as_f64() == vb.as_f64(),
        Kind::Bool | Kind::Str => va == vb,
        Kind::Other => return Err("non-comparable types".into()),
    })
}

/// text/template's `lt`.
fn lt(a: &V, b: &V) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if matches!(ka, Kind::Invalid | Kind::Other) || matches!(kb, Kind::Invalid | Kind::Other) {
        return Err("invalid type for comparison".into());
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    let (va, vb) = (value(a), value(b));
    match ka {
        Kind::Int => Ok(va.as_i64() < vb.as_i64()),
        Kind::Float => Ok(va.as_f64() < vb.as_f64()),
        Kind::Str => Ok(va.as_str() < vb.as_str()),
        _ => Err("invalid type for comparison".into()),
    }
}

/// `fmt.Sprint` of one operand (`<nil>` for nothing).
fn go_print(v: &V) -> String {
    gofmt::v(value(v))
}

/// `fmt.Sprint`: a space between operands when neither is a string.
pub(crate) fn sprint(args: &[V]) -> String {
    let mut out = String::new();
    let mut prev_string = true;
    for (i, a) in args.iter().enumerate() {
        let is_string = matches!(value(a), Value::String(_));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        out.push_str(&go_print(a));
        prev_string = is_string;
    }
    out
}

/// `fmt.Sprintf` for the verbs templates use: `%v %s %d %q %t %f %g %e %x
/// %X %T %%`, with flags `-`, `0`, `+`, width and precision.
pub(crate) fn sprintf(format: &str, args: &[V]) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    let mut next_arg = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut minus = false;
        let mut zero = false;
        let mut plus = false;
        while let Some(&f) = chars.peek() {
            match f {
                '-' => minus = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' | '#' => {}
                _ => break,
            }
            chars.next();
        }
        let mut width = String::new();
        while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            width.push(d);
            chars.next();
        }
        let mut precision: Option<usize> = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                p.push(d);
                chars.next();
            }
            precision = Some(p.parse().unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(next_arg) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        next_arg += 1;
        let text = format_verb(verb, value(arg), precision, plus);
        let width: usize = width.parse().unwrap_or(0);
        let len = text.chars().count();
        if len >= width {
            out.push_str(&text);
        } else if minus {
            out.push_str(&text);
            out.push_str(&" ".repeat(width - len));
        } else if zero && matches!(verb, 'd' | 'f' | 'x' | 'X' | 'e' | 'g') {
            let (sign, digits) = match text.strip_prefix('-') {
                Some(d) => ("-", d),
                None => ("", text.as_str()),
            };
            out.push_str(sign);
            out.push_str(&"0".repeat(width - len));
            out.push_str(digits);
        } else {
            out.push_str(&" ".repeat(width - len));
            out.push_str(&text);
        }
    }
    if next_arg < args.len() {
        let extra: Vec<String> = args[next_arg..]
            .iter()
            .map(|a| {
                let v = value(a);
                format!("{}={}", type_of(v), gofmt::v(v))
            })
            .collect();
        out.push_str(&format!("%!(EXTRA {})", extra.join(", ")));
    }
    out
}

fn type_of(v: &Value) -> &'static str {
    if v.is_null() {
        "<nil>"
    } else {
        gofmt::type_name(v)
    }
}

fn format_verb(verb: char, v: &Value, precision: Option<usize>, plus: bool) -> String {
    let bad = || {
        if v.is_null() {
            format!("%!{verb}(<nil>)")
        } else {
            format!("%!{verb}({}={})", type_of(v), gofmt::v(v))
        }
    };
    match (verb, v) {
        ('v', _) => gofmt::v(v),
        ('T', _) => type_of(v).to_string(),
        ('s', Value::String(s)) => match precision {
            Some(p) => s.chars().take(p).collect(),
            None => s.clone(),
        },
        ('s', Value::Array(_) | Value::Object(_)) => gofmt::v(v),
        ('q', Value::String(s)) => gofmt::quote(s),
        ('t', Value::Bool(b)) => b.to_string(),
        ('d', Value::Number(n)) if !n.is_f64() => {
            let i = n.as_i64().unwrap_or(0);
            if plus && i >= 0 {
                format!("+{i}")
            } else {
                i.to_string()
            }
        }
        ('x', Value::Number(n)) if !n.is_f64() => format!("{:x}", n.as_i64().unwrap_or(0)),
        ('X', Value::Number(n)) if !n.is_f64() => format!("{:X}", n.as_i64().unwrap_or(0)),
        ('x', Value::String(s)) => s.bytes().map(|b| format!("{b:02x}")).collect(),
        ('f', Value::Number(n)) if n.is_f64() => {
            format!("{:.*}", precision.unwrap_or(6), n.as_f64().unwrap_or(0.0))
        }
        ('g', Value::Number(n)) if n.is_f64() => gofmt::float_v(n.as_f64().unwrap_or(0.0)),
        ('e', Value::Number(n)) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(0.0);
            let s = format!("{:.*e}", precision.unwrap_or(6), f);
            match s.split_once('e') {
                Some((m, e)) => {
                    let exp: i32 = e.parse().unwrap_or(0);
                    format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
                }
                None => s,
            }
        }
        _ => bad(),
    }
}

/// `template.HTMLEscapeString`.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `template.JSEscapeString`.
fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `url.QueryEscape`.
fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
