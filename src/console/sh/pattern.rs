//! Shell patterns (`*`, `?`, `[…]`) for `case` and `${x#…}`. A backslash
//! makes the next character literal: quoted text reaches here escaped.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

/// Escapes the characters that are special in a pattern.
pub(crate) fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether `pat` matches all of `s`. Iterative with one backtrack point per
/// `*` (the classic wildcard algorithm), so it is O(len(s) × len(pat)).
pub(crate) fn matches(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let s: Vec<char> = s.chars().collect();
    matches_chars(&p, &s)
}

fn matches_chars(p: &[char], s: &[char]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi + 1, si));
            pi += 1;
            continue;
        }
        if si == s.len() && pi == p.len() {
            return true;
        }
        let step = if si < s.len() {
            single(p, pi, s[si])
        } else {
            None
        };
        if let Some(next) = step {
            pi = next;
            si += 1;
            continue;
        }
        match star {
            Some((sp, ss)) if ss < s.len() => {
                star = Some((sp, ss + 1));
                pi = sp;
                si = ss + 1;
            }
            _ => return false,
        }
    }
}

/// If the pattern element at `pi` matches `c`, the index after it.
fn single(p: &[char], pi: usize, c: char) -> Option<usize> {
    match *p.get(pi)? {
        '?' => Some(pi + 1),
        '\\' if pi + 1 < p.len() => (p[pi + 1] == c).then_some(pi + 2),
        '[' => match bracket(p, pi + 1, c) {
            Some((hit, end)) => hit.then_some(end),
            None => (c == '[').then_some(pi + 1),
        },
        '*' => None,
        pc => (pc == c).then_some(pi + 1),
    }
}

/// A bracket expression starting after `[`: whether it matches `c` and the
/// index after `]`; None when there is no closing `]` (then `[` is literal).
pub(crate) fn bracket(p: &[char], mut i: usize, c: char) -> Option<(bool, usize)> {
    let negate = matches!(p.get(i), Some('!' | '^'));
    i += negate as usize;
    let mut hit = false;
    let mut first = true;
    loop {
        let cur = *p.get(i)?;
        if cur == ']' && !first {
            return Some((hit != negate, i + 1));
        }
        first = false;
        if cur == '[' && p.get(i + 1) == Some(&':') {
            let rest: String = p[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                hit |= class(&rest[..end], c);
                i += 2 + rest[..end].chars().count() + 2;
                continue;
            }
        }
        let lo = if cur == '\\' && i + 1 < p.len() {
            i += 1;
            p[i]
        } else {
            cur
        };
        if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|&h| h != ']') {
            hit |= lo <= c && c <= p[i + 2];
            i += 3;
        } else {
            hit |= lo == c;
            i += 1;
        }
    }
}

/// POSIX character classes.
pub(crate) fn class(name: &str, c: char) -> bool {
    match name {
        "alpha" => c.is_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_alphanumeric(),
        "upper" => c.is_uppercase(),
        "lower" => c.is_lowercase(),
        "space" => c.is_whitespace(),
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "xdigit" => c.is_ascii_hexdigit(),
        "cntrl" => c.is_control(),
        "print" => !c.is_control(),
        "graph" => !c.is_control() && c != ' ',
        _ => false,
    }
}

/// Removes the shortest or longest prefix (or suffix) of `s` matching `pat`.
pub(crate) fn trim(s: &str, pat: &str, longest: bool, suffix: bool) -> String {
    let p: Vec<char> = pat.chars().collect();
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let mut cuts: Vec<usize> = (0..=n).collect();
    if longest != suffix {
        cuts.reverse();
    }
    for k in cuts {
        let (part, rest) = if suffix {
            (&chars[k..], &chars[..k])
        } else {
            (&chars[..k], &chars[k..])
        };
        if matches_chars(&p, part) {
            return rest.iter().collect();
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(matches("*", ""));
        assert!(matches("web-*", "web-0"));
        assert!(!matches("web-*", "db-0"));
        assert!(matches("w?b-[0-9]", "web-3"));
        assert!(!matches("w?b-[!0-9]", "web-3"));
        assert!(matches("*.yaml", "a.b.yaml"));
        assert!(matches("\\*", "*"));
        assert!(!matches("\\*", "x"));
        assert!(matches("[[:upper:]]*", "Running"));
        assert!(matches("a*b*c", "axxbyyc"));
        assert!(matches("[", "["));
        assert!(matches("[]]", "]"));
    }

    #[test]
    fn trims() {
        assert_eq!(trim("abc.tar.gz", ".*", false, true), "abc.tar");
        assert_eq!(trim("abc.tar.gz", ".*", true, true), "abc");
        assert_eq!(trim("abc.tar.gz", "*.", false, false), "tar.gz");
        assert_eq!(trim("abc.tar.gz", "*.", true, false), "gz");
        assert_eq!(trim("web-0", "web-", false, false), "0");
        assert_eq!(trim("x", "y", false, false), "x");
    }
}
