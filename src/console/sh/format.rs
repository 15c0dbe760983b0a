//! `printf` formatting and backslash escapes (`echo -e`, `printf`, `%b`),
//! as busybox prints them. Shared by the builtins and awk.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

/// Width and precision beyond this are clamped: output limits apply anyway,
/// and `%999999999d` must not allocate a gigabyte first.
const MAX_WIDTH: usize = 1 << 16;

/// Decodes backslash escapes into `out`; returns false at `\c` (stop all output).
/// `octal0` selects echo's form (`\0NNN`) rather than printf's (`\NNN`).
pub(crate) fn escapes(s: &str, octal0: bool, out: &mut String) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        let simple = match e {
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'e' => Some('\x1b'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
        } else if e == 'c' {
            return false;
        } else if e == 'x' && chars.peek().is_some_and(char::is_ascii_hexdigit) {
            let mut v = 0u32;
            for _ in 0..2 {
                match chars.peek().and_then(|c| c.to_digit(16)) {
                    Some(d) => {
                        v = v * 16 + d;
                        chars.next();
                    }
                    None => break,
                }
            }
            out.push(char::from_u32(v).unwrap_or('?'));
        } else if e.is_digit(8) {
            let (mut v, more) = if octal0 && e == '0' {
                (0, 3)
            } else {
                (e.to_digit(8).unwrap_or(0), 2)
            };
            for _ in 0..more {
                match chars.peek().and_then(|c| c.to_digit(8)) {
                    Some(d) => {
                        v = v * 8 + d;
                        chars.next();
                    }
                    None => break,
                }
            }
            out.push(char::from_u32(v & 0xff).unwrap_or('?'));
        } else {
            out.push('\\');
            out.push(e);
        }
    }
    true
}

/// A number argument of `%d` and friends: an integer or `'c` (the code of
/// c). Anything else is reported (unless `lenient`, awk's mode) and its
/// leading number used, as busybox's strtoll-based conversion does.
fn number(arg: &str, lenient: bool, errs: &mut Vec<String>) -> i64 {
    let t = arg.trim();
    if let Some(c) = t.strip_prefix(['\'', '"']).and_then(|r| r.chars().next()) {
        return c as i64;
    }
    if t.is_empty() {
        return 0;
    }
    if let Some(v) = super::arith::parse_num(t) {
        return v;
    }
    if !lenient {
        errs.push(format!("invalid number '{arg}'"));
    }
    leading_number(t, true) as i64
}

/// The number at the start of a text, as C's strtod reads it: blanks,
/// sign, digits, fraction, and with `exponent` an exponent; 0 when there is
/// none. printf, awk and `sort -n` read numbers this way.
pub(crate) fn leading_number(s: &str, exponent: bool) -> f64 {
    let t = s.trim_start();
    let b = t.as_bytes();
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut i = matches!(b.first(), Some(b'-' | b'+')) as usize;
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return 0.0;
    }
    if exponent && matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1 + matches!(b.get(i + 1), Some(b'-' | b'+')) as usize;
        if digits(&mut j) > 0 {
            i = j;
        }
    }
    t[..i].parse().unwrap_or(0.0)
}

fn pad(s: &str, width: usize, left: bool, zero: bool, out: &mut String) {
    let n = s.chars().count();
    if n >= width {
        out.push_str(s);
    } else if left {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', width - n));
    } else if zero {
        let (sign, digits) = if s.starts_with(['-', '+']) {
            s.split_at(1)
        } else {
            ("", s)
        };
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', width - n));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', width - n));
        out.push_str(s);
    }
}

/// `printf FORMAT ARGS…`: the format is reused while arguments remain.
/// Returns false when output must stop (`\c`, an invalid directive);
/// problems are pushed to `errs` in busybox's words.
pub(crate) fn printf(
    fmt: &str,
    args: &[String],
    lenient: bool,
    out: &mut String,
    errs: &mut Vec<String>,
) -> bool {
    let f: Vec<char> = fmt.chars().collect();
    let mut next = 0;
    loop {
        let mut used = false;
        let mut i = 0;
        while i < f.len() {
            let c = f[i];
            if c == '\\' {
                let n = escape_len(&f[i..]);
                let esc: String = f[i..i + n].iter().collect();
                if !escapes(&esc, false, out) {
                    return false;
                }
                i += n;
                continue;
            }
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if f.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            let (mut left, mut zero, mut plus, mut space) = (false, false, false, false);
            while let Some(&fl) = f.get(i).filter(|c| "-0+ #".contains(**c)) {
                match fl {
                    '-' => left = true,
                    '0' => zero = true,
                    '+' => plus = true,
                    ' ' => space = true,
                    _ => {}
                }
                i += 1;
            }
            let mut num = |i: &mut usize, errs: &mut Vec<String>| -> Option<usize> {
                if f.get(*i) == Some(&'*') {
                    *i += 1;
                    let v = number(args.get(next).map_or("", String::as_str), lenient, errs);
                    next += 1;
                    used = true;
                    return Some(v.unsigned_abs().min(MAX_WIDTH as u64) as usize);
                }
                let from = *i;
                while f.get(*i).is_some_and(char::is_ascii_digit) {
                    *i += 1;
                }
                let digits: String = f[from..*i].iter().collect();
                (!digits.is_empty())
                    .then(|| digits.parse::<usize>().unwrap_or(MAX_WIDTH).min(MAX_WIDTH))
            };
            let width = num(&mut i, errs).unwrap_or(0);
            let prec = if f.get(i) == Some(&'.') {
                i += 1;
                Some(num(&mut i, errs).unwrap_or(0))
            } else {
                None
            };
            while f.get(i).is_some_and(|c| "hlLqjzt".contains(*c)) {
                i += 1;
            }
            let conv = f.get(i).copied().unwrap_or('\0');
            i += 1;
            if !"sbcdiouxXfFeEgG".contains(conv) || conv == '\0' {
                let directive: String = f[start..i.min(f.len())].iter().collect();
                errs.push(format!("{directive}: invalid format"));
                return false;
            }
            let arg = args.get(next).map_or("", String::as_str);
            used = true;
            next += 1;
            let text = match conv {
                's' => match prec {
                    Some(p) => arg.chars().take(p).collect(),
                    None => arg.to_string(),
                },
                'b' => {
                    let mut s = String::new();
                    if !escapes(arg, true, &mut s) {
                        pad(&s, width, left, false, out);
                        return false;
                    }
                    s
                }
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'd' | 'i' => {
                    let v = number(arg, lenient, errs);
                    let mut s = v.unsigned_abs().to_string();
                    if let Some(p) = prec {
                        s = format!("{s:0>p$}");
                    }
                    let sign = if v < 0 {
                        "-"
                    } else if plus {
                        "+"
                    } else if space {
                        " "
                    } else {
                        ""
                    };
                    format!("{sign}{s}")
                }
                'o' | 'u' | 'x' | 'X' => {
                    let v = number(arg, lenient, errs) as u64;
                    let s = match conv {
                        'o' => format!("{v:o}"),
                        'u' => v.to_string(),
                        'x' => format!("{v:x}"),
                        _ => format!("{v:X}"),
                    };
                    match prec {
                        Some(p) => format!("{s:0>p$}"),
                        None => s,
                    }
                }
                _ => {
                    let v = leading_number(arg, true);
                    if !lenient && !arg.trim().is_empty() && arg.trim().parse::<f64>().is_err() {
                        errs.push(format!("invalid number '{arg}'"));
                    }
                    let p = prec.unwrap_or(6).min(60);
                    let s = match conv {
                        'f' | 'F' => format!("{v:.p$}"),
                        'e' | 'E' => exp_form(v, p, conv == 'E'),
                        _ => general(v, p.max(1), conv == 'G'),
                    };
                    if plus && v >= 0.0 {
                        format!("+{s}")
                    } else {
                        s
                    }
                }
            };
            pad(
                &text,
                width,
                left,
                zero && !left && !matches!(conv, 's' | 'c' | 'b'),
                out,
            );
        }
        if !used || next >= args.len() {
            return true;
        }
    }
}

/// Length of the escape sequence at the start of `f` (which starts with `\`).
fn escape_len(f: &[char]) -> usize {
    match f.get(1) {
        None => 1,
        Some(c) if c.is_digit(8) => 2 + f[2..].iter().take(2).take_while(|c| c.is_digit(8)).count(),
        Some('x') => {
            2 + f[2..]
                .iter()
                .take(2)
                .take_while(|c| c.is_ascii_hexdigit())
                .count()
        }
        Some(_) => 2,
    }
}

fn exp_form(v: f64, p: usize, upper: bool) -> String {
    if !v.is_finite() {
        let s = if v.is_nan() {
            "nan"
        } else if v < 0.0 {
            "-inf"
        } else {
            "inf"
        };
        return if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        };
    }
    let s = format!("{v:.p$e}");
    // Rust writes `1.5e2`; C writes `1.5e+02`.
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let out = format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// C's `%g`: the shorter of fixed and exponent form, trailing zeros removed.
pub(crate) fn general(v: f64, p: usize, upper: bool) -> String {
    if v == 0.0 || !v.is_finite() {
        return if v == 0.0 {
            "0".into()
        } else {
            exp_form(v, 0, upper)
        };
    }
    let e = v.abs().log10().floor() as i32;
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if e < -4 || e >= p as i32 {
        let s = exp_form(v, p - 1, upper);
        let (m, x) = s.split_once(['e', 'E']).unwrap_or((&s, ""));
        format!(
            "{}{}{x}",
            trim(m.to_string()),
            if upper { 'E' } else { 'e' }
        )
    } else {
        let decimals = (p as i32 - 1 - e).max(0) as usize;
        trim(format!("{v:.decimals$}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pf(fmt: &str, args: &[&str]) -> Result<String, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut errs) = (String::new(), Vec::new());
        printf(fmt, &args, false, &mut out, &mut errs);
        match errs.pop() {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    #[test]
    fn printf_like_busybox() {
        assert_eq!(pf("%s-%s\\n", &["a", "b", "c"]).unwrap(), "a-b\nc-\n");
        assert_eq!(
            pf("%5s|%-5s|%.2s\\n", &["ab", "cd", "xyz"]).unwrap(),
            "   ab|cd   |xy\n"
        );
        assert_eq!(
            pf("%03d %x %o %X %+d\\n", &["7", "255", "8", "255", "3"]).unwrap(),
            "007 ff 10 FF +3\n"
        );
        assert_eq!(pf("%d%%\\n", &["50"]).unwrap(), "50%\n");
        assert_eq!(
            pf("%.2f %e %g\\n", &["3.14159", "1234.5", "0.0001"]).unwrap(),
            "3.14 1.234500e+03 0.0001\n"
        );
        assert_eq!(pf("%b\\n", &["a\\tb"]).unwrap(), "a\tb\n");
        assert_eq!(pf("%c", &["xyz"]).unwrap(), "x");
        assert_eq!(pf("%d\\n", &["'A"]).unwrap(), "65\n");
        assert_eq!(pf("hi\\101\\x42\\n", &[]).unwrap(), "hiAB\n");
        assert_eq!(pf("%s\\n", &[]).unwrap(), "\n");
        assert_eq!(pf("%d", &["abc"]), Err("invalid number 'abc'".into()));
        assert_eq!(pf("%999999999d", &["1"]).unwrap().len(), MAX_WIDTH);
        assert_eq!(general(100000.0, 6, false), "100000");
        assert_eq!(general(1234567.0, 6, false), "1.23457e+06");
        assert_eq!(general(0.5, 6, false), "0.5");
    }

    #[test]
    fn echo_escapes() {
        let mut s = String::new();
        assert!(escapes("a\\nb\\t\\0101\\\\", true, &mut s));
        assert_eq!(s, "a\nb\tA\\");
        let mut s = String::new();
        assert!(!escapes("x\\cy", true, &mut s));
        assert_eq!(s, "x");
    }
}
