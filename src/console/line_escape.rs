//! One-line escapes for text kept in line-oriented tables (ZooKeeper's
//! stored znodes, the `kubectl explain` field table): `\n`, `\t` and `\\`.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

/// `\` → `\\`, newline → `\n`, tab → `\t`.
pub(crate) fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// The inverse of [`escape`]; any other escaped character stands for
/// itself, and a lone trailing `\` is kept.
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips() {
        let s = "a\\b\nc\td";
        assert_eq!(super::escape(s), "a\\\\b\\nc\\td");
        assert_eq!(super::unescape(&super::escape(s)), s);
        assert_eq!(super::unescape("x\\"), "x\\");
    }
}
