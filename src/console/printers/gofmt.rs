//! How Go renders the decoded JSON values kubectl's printers work on
//! (`map[string]interface{}`, `[]interface{}`, int64, float64, string, bool,
//! nil): `encoding/json.Marshal`, `fmt`'s `%v` and `%#v`, and
//! `strconv.Quote`. JSONPath, custom columns and Go templates print values
//! through these, so their text must match Go's byte for byte.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::{Number, Value};

/// `json.Marshal`: compact, keys sorted, `<`, `>`, `&`, U+2028 and U+2029
/// escaped as Go does by default.
pub fn json(v: &Value) -> String {
    let mut out = String::new();
    write_json(v, &mut out);
    out
}

fn write_json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&json_number(n)),
        Value::String(s) => json_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
    }
}

fn json_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(HEX[b >> 4] as char);
                out.push(HEX[b & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        // Go writes 'e' with a two-digit exponent, then trims "e-07" to "e-7".
        let s = float_e(f);
        match s.find("e-0") {
            Some(i) if s.len() == i + 4 => format!("{}e-{}", &s[..i], &s[i + 3..]),
            _ => s,
        }
    } else {
        float_f(f)
    }
}

/// Shortest decimal digits and exponent (`d.ddd × 10^exp`) of a finite float.
fn shortest(f: f64) -> (bool, String, i32) {
    let s = format!("{:e}", f.abs());
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    (
        f.is_sign_negative() && f != 0.0,
        digits,
        exp.parse().unwrap_or(0),
    )
}

/// `strconv.FormatFloat(f, 'f', -1, 64)`.
fn float_f(f: f64) -> String {
    if !f.is_finite() {
        return float_special(f);
    }
    format!("{f}")
}

/// `strconv.FormatFloat(f, 'e', -1, 64)`: `1.5e+06`, `1e-07`.
fn float_e(f: f64) -> String {
    if !f.is_finite() {
        return float_special(f);
    }
    let (neg, digits, exp) = shortest(f);
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push_str(&digits[..1]);
    if digits.len() > 1 {
        s.push('.');
        s.push_str(&digits[1..]);
    }
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp.abs()));
    s
}

fn float_special(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f > 0.0 {
        "+Inf".into()
    } else {
        "-Inf".into()
    }
}

/// `%v` of a float64: `%g` with the shortest digits (`1e+06`, `1.5`, `21`).
pub fn float_v(f: f64) -> String {
    if !f.is_finite() {
        return float_special(f);
    }
    let (_, _, exp) = shortest(f);
    if f != 0.0 && !(-4..6).contains(&exp) {
        float_e(f)
    } else {
        float_f(f)
    }
}

fn number_v(n: &Number) -> String {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (_, Some(u)) => u.to_string(),
        _ => float_v(n.as_f64().unwrap_or(0.0)),
    }
}

/// `fmt.Sprint(v)` / `%v`: `map[a:1 b:x]`, `[a b]`, `<nil>`.
pub fn v(value: &Value) -> String {
    let mut out = String::new();
    write_v(value, &mut out);
    out
}

fn write_v(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_v(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push_str("map[");
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                write_v(item, out);
            }
            out.push(']');
        }
    }
}

/// `%#v` of a decoded JSON value, as kubectl's JSONPath debugging text
/// prints the object: `map[string]interface {}{"kind":"Pod", …}`.
pub fn sharp_v(value: &Value) -> String {
    let mut out = String::new();
    write_sharp_v(value, &mut out);
    out
}

fn write_sharp_v(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("interface {}(nil)"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(&quote(s)),
        Value::Array(items) => {
            out.push_str("[]interface {}{");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_sharp_v(item, out);
            }
            out.push('}');
        }
        Value::Object(map) => {
            out.push_str("map[string]interface {}{");
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quote(k));
                out.push(':');
                write_sharp_v(item, out);
            }
            out.push('}');
        }
    }
}

/// `strconv.Quote`.
pub fn quote(s: &str) -> String {
    crate::engine::apiserver::go_quote(s)
}

/// The Go type name `%T`/`reflect.Type` gives a decoded JSON value, as
/// JSONPath errors name it (`map[string]interface {} is not array or slice`).
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_escapes_html_and_sorts_keys() {
        let v = json!({"b": "<x> & y", "a": [1, 2.5, null, true], "c": "\u{1}"});
        assert_eq!(
            json(&v),
            r#"{"a":[1,2.5,null,true],"b":"\u003cx\u003e \u0026 y","c":"\u0001"}"#
        );
        assert_eq!(json(&json!(1e21)), "1e+21");
        assert_eq!(json(&json!(1e-7)), "1e-7");
        assert_eq!(json(&json!(1.0e20)), "100000000000000000000");
    }

    #[test]
    fn percent_v_matches_fmt() {
        let v = json!({"app": "x", "n": {"a": null}, "l": [1, "b"]});
        assert_eq!(super::v(&v), "map[app:x l:[1 b] n:map[a:<nil>]]");
        assert_eq!(float_v(1e6), "1e+06");
        assert_eq!(float_v(123456.0), "123456");
        assert_eq!(float_v(0.5), "0.5");
        assert_eq!(float_v(0.00001), "1e-05");
    }

    #[test]
    fn percent_sharp_v_matches_fmt() {
        let v = json!({"kind": "Pod", "spec": {"x": [1, "a\"b"]}, "t": null});
        assert_eq!(
            sharp_v(&v),
            r#"map[string]interface {}{"kind":"Pod", "spec":map[string]interface {}{"x":[]interface {}{1, "a\"b"}}, "t":interface {}(nil)}"#
        );
    }
}
