//! The three value parsers whose errors the API server's decoder reports
//! verbatim: `resource.ParseQuantity`, `time.Parse(time.RFC3339, …)` (for
//! `metav1.Time`) and `base64.StdEncoding.Decode` (for `[]byte` fields such
//! as Secret `data`). Each returns Go's error text.
//!
//! Pure functions; may not import browser crates.

use crate::engine::apiserver::go_quote;

pub const QUANTITY_FORMAT_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// `resource.ParseQuantity`: Ok, or Go's error text.
pub fn parse_quantity(s: &str) -> Result<(), &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err(QUANTITY_FORMAT_ERROR);
    }
    if s == "0" {
        return Ok(());
    }
    let b = s.as_bytes();
    let mut pos = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        pos += 1;
    }
    let digits = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let num_end = digits(pos);
    let mut value_end = num_end;
    if b.get(num_end) == Some(&b'.') {
        value_end = digits(num_end + 1);
    }
    // The numeric part must read as a decimal (`.` alone does not).
    let number = &s[..value_end];
    let has_digit = number.bytes().any(|c| c.is_ascii_digit());
    let suffix_start = value_end;
    let mut i = suffix_start;
    while i < b.len() && b"eEinumkKMGTP".contains(&b[i]) {
        i += 1;
    }
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i < b.len() {
        return Err(QUANTITY_FORMAT_ERROR);
    }
    let suffix = &s[suffix_start..];
    let known = matches!(
        suffix,
        "" | "n"
            | "u"
            | "m"
            | "k"
            | "M"
            | "G"
            | "T"
            | "P"
            | "E"
            | "Ki"
            | "Mi"
            | "Gi"
            | "Ti"
            | "Pi"
            | "Ei"
    ) || is_exponent(suffix);
    if !known {
        return Err("unable to parse quantity's suffix");
    }
    if !has_digit {
        return Err("unable to parse quantity's numeric value");
    }
    Ok(())
}

/// `e3`, `E-2`: a decimal exponent suffix.
fn is_exponent(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['e', 'E']) else {
        return false;
    };
    let digits = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

const RFC3339: &str = "2006-01-02T15:04:05Z07:00";

/// `time.Parse(time.RFC3339, s)`: Ok, or Go's error text.
pub fn parse_rfc3339(s: &str) -> Result<(), String> {
    let cannot = |rest: &str, elem: &str| {
        Err(format!(
            "parsing time {} as {}: cannot parse {} as {}",
            go_quote(s),
            go_quote(RFC3339),
            go_quote(rest),
            go_quote(elem)
        ))
    };
    let range = |what: &str| Err(format!("parsing time {}: {what} out of range", go_quote(s)));
    let mut rest = s;
    let take = |rest: &mut &str, min: usize, max: usize| -> Option<u32> {
        let n = rest
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if n < min {
            return None;
        }
        let v = rest[..n].parse().ok()?;
        *rest = &rest[n..];
        Some(v)
    };
    let Some(year) = (if rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        take(&mut rest, 4, 4)
    } else {
        None
    }) else {
        return cannot(rest, "2006");
    };
    let lit = |rest: &mut &str, l: &str| -> bool {
        match rest.strip_prefix(l) {
            Some(r) => {
                *rest = r;
                true
            }
            None => false,
        }
    };
    if !lit(&mut rest, "-") {
        return cannot(rest, "-");
    }
    let Some(month) = take(&mut rest, 2, 2) else {
        return cannot(rest, "01");
    };
    if !(1..=12).contains(&month) {
        return range("month");
    }
    if !lit(&mut rest, "-") {
        return cannot(rest, "-");
    }
    let Some(day) = take(&mut rest, 2, 2) else {
        return cannot(rest, "02");
    };
    if !lit(&mut rest, "T") {
        return cannot(rest, "T");
    }
    let Some(hour) = take(&mut rest, 1, 2) else {
        return cannot(rest, "15");
    };
    if hour > 23 {
        return range("hour");
    }
    if !lit(&mut rest, ":") {
        return cannot(rest, ":");
    }
    let Some(min) = take(&mut rest, 2, 2) else {
        return cannot(rest, "04");
    };
    if min > 59 {
        return range("minute");
    }
    if !lit(&mut rest, ":") {
        return cannot(rest, ":");
    }
    let Some(sec) = take(&mut rest, 2, 2) else {
        return cannot(rest, "05");
    };
    if sec > 59 {
        return range("second");
    }
    if rest.len() >= 2
        && matches!(rest.as_bytes()[0], b'.' | b',')
        && rest.as_bytes()[1].is_ascii_digit()
    {
        let n = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
        rest = &rest[1 + n..];
    }
    if let Some(r) = rest.strip_prefix('Z') {
        rest = r;
    } else {
        let b = rest.as_bytes();
        let ok = b.len() >= 6
            && matches!(b[0], b'+' | b'-')
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit()
            && b[3] == b':'
            && b[4].is_ascii_digit()
            && b[5].is_ascii_digit();
        if !ok {
            return cannot(rest, "Z07:00");
        }
        rest = &rest[6..];
    }
    if !rest.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            go_quote(s),
            go_quote(rest)
        ));
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return range("day");
    }
    Ok(())
}

/// `base64.StdEncoding.Decode`: Ok, or Go's `CorruptInputError` text.
pub fn check_base64(s: &str) -> Result<(), String> {
    let src = s.as_bytes();
    let corrupt = |at: usize| Err(format!("illegal base64 data at input byte {at}"));
    let is_b64 = |c: u8| c.is_ascii_alphanumeric() || c == b'+' || c == b'/';
    let mut si = 0;
    loop {
        let mut j = 0;
        while j < 4 {
            if si == src.len() {
                return match j {
                    0 => Ok(()),
                    _ => corrupt(si - j),
                };
            }
            let c = src[si];
            si += 1;
            if is_b64(c) {
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' {
                return corrupt(si - 1);
            }
            // Padding.
            match j {
                0 | 1 => return corrupt(si - 1),
                2 => {
                    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                        si += 1;
                    }
                    if si == src.len() {
                        return corrupt(src.len());
                    }
                    if src[si] != b'=' {
                        return corrupt(si - 1);
                    }
                    si += 1;
                }
                _ => {}
            }
            while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                si += 1;
            }
            if si < src.len() {
                return corrupt(si);
            }
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        for ok in [
            "1Gi", "500m", "1", "1.5", "0.5Gi", "+1", "-2", "1e3", "1E-3", "100M", "2Ki", "0",
            "1.", "12e",
        ] {
            assert_eq!(
                parse_quantity(ok),
                if ok == "12e" {
                    Err("unable to parse quantity's suffix")
                } else {
                    Ok(())
                },
                "{ok}"
            );
        }
        assert_eq!(parse_quantity("1Gb"), Err(QUANTITY_FORMAT_ERROR));
        assert_eq!(parse_quantity("abc"), Err(QUANTITY_FORMAT_ERROR));
        assert_eq!(parse_quantity("true"), Err(QUANTITY_FORMAT_ERROR));
        assert_eq!(
            parse_quantity("1iG"),
            Err("unable to parse quantity's suffix")
        );
        assert_eq!(
            parse_quantity("1Mi5"),
            Err("unable to parse quantity's suffix")
        );
        assert_eq!(
            parse_quantity("."),
            Err("unable to parse quantity's numeric value")
        );
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("2024-01-01T00:00:00Z"), Ok(()));
        assert_eq!(parse_rfc3339("2024-01-01T00:00:00.123+02:00"), Ok(()));
        assert_eq!(parse_rfc3339("yesterday"), Err("parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"".into()));
        assert_eq!(parse_rfc3339("2024-01-01"), Err("parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"".into()));
        assert_eq!(
            parse_rfc3339("2024-13-01T00:00:00Z"),
            Err("parsing time \"2024-13-01T00:00:00Z\": month out of range".into())
        );
        assert_eq!(
            parse_rfc3339("2023-02-29T00:00:00Z"),
            Err("parsing time \"2023-02-29T00:00:00Z\": day out of range".into())
        );
        assert_eq!(
            parse_rfc3339("2024-01-01T00:00:00Zx"),
            Err("parsing time \"2024-01-01T00:00:00Zx\": extra text: \"x\"".into())
        );
    }

    #[test]
    fn base64_errors_like_go() {
        assert_eq!(check_base64("aGVsbG8="), Ok(()));
        assert_eq!(check_base64(""), Ok(()));
        assert_eq!(
            check_base64("aGVsbG8"),
            Err("illegal base64 data at input byte 4".into())
        );
        assert_eq!(
            check_base64("a!bc"),
            Err("illegal base64 data at input byte 1".into())
        );
        assert_eq!(check_base64("aG=="), Ok(()));
        assert_eq!(
            check_base64("aG="),
            Err("illegal base64 data at input byte 3".into())
        );
        assert_eq!(
            check_base64("aGVs bG8="),
            Err("illegal base64 data at input byte 4".into())
        );
    }
}
