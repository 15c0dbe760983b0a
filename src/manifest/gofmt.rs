//! Go's number formatting, byte-for-byte where kubectl shows numbers:
//! `strconv.FormatFloat(f, 'g', -1, 64)` in YAML output, the same with
//! 32 bits for float map keys (sigs.k8s.io/yaml), and encoding/json's float
//! rule in JSON output. Also Go's `%q` of a single character, used in JSON
//! syntax errors.
//!
//! Pure functions; may not import browser crates.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatFormat {
    /// `FormatFloat(f, 'g', -1, 64)` with go-yaml's `.inf`/`.nan` spellings.
    YamlG,
    /// `FormatFloat(f, 'g', -1, 32)` as sigs.k8s.io/yaml renders float keys.
    YamlKey,
    /// encoding/json: `'f'` unless the magnitude is below 1e-6 or from
    /// 1e21 up, then `'e'` with a one-digit negative exponent allowed.
    Json,
}

/// Shortest round-trip decimal digits and the decimal point position
/// (value = 0.d1d2d3… × 10^dp), like strconv's `decimal`.
struct Digits {
    neg: bool,
    digits: Vec<u8>,
    dp: i32,
}

fn shortest(f: f64, bits32: bool) -> Digits {
    // Rust's `{:e}` prints the shortest digits that round-trip.
    let s = if bits32 {
        format!("{:e}", f as f32)
    } else {
        format!("{f:e}")
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let neg = mant.starts_with('-');
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits = if digits.iter().all(|&d| d == b'0') {
        vec![b'0']
    } else {
        digits
    };
    Digits {
        neg,
        digits,
        dp: exp + 1,
    }
}

pub fn format_float(f: f64, fmt: FloatFormat) -> String {
    if f.is_nan() {
        return if fmt == FloatFormat::Json {
            "NaN".into()
        } else {
            ".nan".into()
        };
    }
    if f.is_infinite() {
        let s = match (fmt, f > 0.0) {
            (FloatFormat::Json, true) => "+Inf",
            (FloatFormat::Json, false) => "-Inf",
            (_, true) => ".inf",
            (_, false) => "-.inf",
        };
        return s.into();
    }
    let d = shortest(f, fmt == FloatFormat::YamlKey);
    let is_zero = d.digits == [b'0'];
    match fmt {
        FloatFormat::YamlG | FloatFormat::YamlKey => {
            // Shortest 'g' switches to %e below 1e-4 and from 1e6 up.
            let exp = d.dp - 1;
            if !is_zero && !(-4..6).contains(&exp) {
                fmt_e(&d)
            } else {
                fmt_f(&d)
            }
        }
        FloatFormat::Json => {
            let abs = f.abs();
            if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
                let mut s = fmt_e(&d);
                // encoding/json cleans e-09 up to e-9.
                if let Some(i) = s.find("e-0") {
                    s.remove(i + 2);
                }
                s
            } else {
                fmt_f(&d)
            }
        }
    }
}

/// `%e` with all shortest digits: `1.2345e+06`, exponent at least two digits.
fn fmt_e(d: &Digits) -> String {
    let mut s = String::new();
    if d.neg {
        s.push('-');
    }
    s.push(d.digits[0] as char);
    if d.digits.len() > 1 {
        s.push('.');
        s.extend(d.digits[1..].iter().map(|&c| c as char));
    }
    let exp = if d.digits == [b'0'] { 0 } else { d.dp - 1 };
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        s.push('0');
    }
    s.push_str(&e.to_string());
    s
}

/// `%f` with the shortest digits: `123456.5`, `0.000001`, `100`.
fn fmt_f(d: &Digits) -> String {
    let mut s = String::new();
    if d.neg {
        s.push('-');
    }
    let n = d.digits.len() as i32;
    if d.dp <= 0 {
        s.push('0');
        if n > 0 && d.digits != [b'0'] {
            s.push('.');
            for _ in 0..(-d.dp) {
                s.push('0');
            }
            s.extend(d.digits.iter().map(|&c| c as char));
        }
    } else {
        for i in 0..d.dp {
            s.push(d.digits.get(i as usize).map_or('0', |&c| c as char));
        }
        if n > d.dp {
            s.push('.');
            s.extend(d.digits[d.dp as usize..].iter().map(|&c| c as char));
        }
    }
    s
}

/// Go's `quoteChar` (encoding/json syntax errors): `'x'`, `'\''`, `'"'`,
/// `'\n'`, `'\x01'`.
pub fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        '\n' => "'\\n'".into(),
        '\r' => "'\\r'".into(),
        '\t' => "'\\t'".into(),
        '\\' => "'\\\\'".into(),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_g_format_matches_go() {
        // Observed in kubectl 1.33 `-o yaml`.
        let cases = [
            (1.5, "1.5"),
            (1e21, "1e+21"),
            (1e-7, "1e-07"),
            (0.000001, "1e-06"),
            (123456.5, "123456.5"),
            (1234567.5, "1.2345675e+06"),
            (0.0, "0"),
            (-2.25, "-2.25"),
            (0.0001, "0.0001"),
            (100.0, "100"),
        ];
        for (f, want) in cases {
            assert_eq!(format_float(f, FloatFormat::YamlG), want, "{f}");
        }
        assert_eq!(format_float(f64::INFINITY, FloatFormat::YamlG), ".inf");
        assert_eq!(format_float(0.1, FloatFormat::YamlKey), "0.1");
        assert_eq!(format_float(1.5, FloatFormat::YamlKey), "1.5");
    }

    #[test]
    fn json_format_matches_go() {
        let cases = [
            (1.5, "1.5"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (1234567.5, "1234567.5"),
            (12345678901234567890.0, "12345678901234567000"),
            (1e20, "100000000000000000000"),
        ];
        for (f, want) in cases {
            assert_eq!(format_float(f, FloatFormat::Json), want, "{f}");
        }
    }

    #[test]
    fn chars_quote_like_go() {
        assert_eq!(quote_char('"'), "'\"'");
        assert_eq!(quote_char('x'), "'x'");
        assert_eq!(quote_char('\u{1}'), "'\\x01'");
    }
}
