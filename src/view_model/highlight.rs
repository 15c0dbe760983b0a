//! A small YAML highlighter for the editor: one list of tokens per line
//! (keys, strings, numbers, booleans, comments, punctuation), with the
//! places diagnostics point at marked so the page can underline them.
//! Deliberately line-based and forgiving: it colours, it does not parse.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Plain,
    Key,
    Str,
    Num,
    Bool,
    Comment,
    Punct,
}

impl Class {
    pub fn css(self) -> &'static str {
        match self {
            Class::Plain => "y-plain",
            Class::Key => "y-key",
            Class::Str => "y-str",
            Class::Num => "y-num",
            Class::Bool => "y-bool",
            Class::Comment => "y-comment",
            Class::Punct => "y-punct",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub class: Class,
    pub text: String,
    /// Index into the diagnostics this token is underlined for.
    pub diag: Option<usize>,
}

fn tok(class: Class, text: &str) -> Tok {
    Tok {
        class,
        text: text.to_string(),
        diag: None,
    }
}

fn scalar_class(v: &str) -> Class {
    let t = v.trim();
    if t.starts_with('"') || t.starts_with('\'') {
        return Class::Str;
    }
    match t {
        "true" | "false" | "True" | "False" | "yes" | "no" | "null" | "~" | "Null" => {
            return Class::Bool
        }
        _ => {}
    }
    if !t.is_empty()
        && t.parse::<f64>().is_ok()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
    {
        return Class::Num;
    }
    Class::Str
}

/// Where a ` #` comment starts outside quotes.
fn comment_at(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev_space => return Some(i),
            None => {}
        }
        prev_space = c.is_whitespace();
    }
    None
}

/// Where the `key:` colon is (followed by a space or the end), outside quotes.
fn key_colon(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && i == 0 => quote = Some(c),
            None if c == '{' || c == '[' => return None,
            None if c == ':' && (i + 1 == b.len() || b[i + 1] == b' ') => return Some(i),
            None => {}
        }
    }
    None
}

fn value_toks(out: &mut Vec<Tok>, v: &str) {
    if v.is_empty() {
        return;
    }
    let (body, comment) = match comment_at(v) {
        Some(i) => (&v[..i], Some(&v[i..])),
        None => (v, None),
    };
    let trimmed = body.trim_end();
    let lead = body.len() - body.trim_start().len();
    if lead > 0 {
        out.push(tok(Class::Plain, &body[..lead]));
    }
    let core = &trimmed[lead.min(trimmed.len())..];
    if !core.is_empty() {
        // Flow collections and block scalar indicators.
        let punct = core.starts_with('[')
            || core.starts_with('{')
            || core == "|"
            || core == ">"
            || core.starts_with("|-")
            || core.starts_with(">-");
        let class = if punct {
            Class::Punct
        } else {
            scalar_class(core)
        };
        out.push(tok(class, core));
    }
    let tail = &body[trimmed.len().max(lead)..];
    if !tail.is_empty() {
        out.push(tok(Class::Plain, tail));
    }
    if let Some(c) = comment {
        out.push(tok(Class::Comment, c));
    }
}

fn line_toks(line: &str, in_block: &mut Option<usize>) -> Vec<Tok> {
    let indent = line.len() - line.trim_start().len();
    if let Some(block) = *in_block {
        if line.trim().is_empty() || indent > block {
            return vec![tok(Class::Str, line)];
        }
        *in_block = None;
    }
    let mut out = Vec::new();
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        out.push(tok(Class::Plain, &line[..indent]));
        out.push(tok(Class::Comment, trimmed));
        return out;
    }
    if line.starts_with("---") || line.starts_with("...") {
        out.push(tok(Class::Punct, &line[..3]));
        value_toks(&mut out, &line[3..]);
        return out;
    }
    let mut i = indent;
    out.push(tok(Class::Plain, &line[..indent]));
    let mut item_indent = indent;
    while line[i..].starts_with("- ") || &line[i..] == "-" {
        out.push(tok(Class::Punct, "-"));
        let rest = &line[i + 1..];
        let sp = rest.len() - rest.trim_start().len();
        out.push(tok(Class::Plain, &rest[..sp]));
        i += 1 + sp;
        item_indent = i;
    }
    let rest = &line[i..];
    match key_colon(rest) {
        Some(c) if comment_at(rest).is_none_or(|h| h > c) => {
            out.push(tok(Class::Key, &rest[..c]));
            out.push(tok(Class::Punct, ":"));
            let v = &rest[c + 1..];
            let vt = v.trim();
            if vt == "|"
                || vt == ">"
                || vt.starts_with("|-")
                || vt.starts_with(">-")
                || vt.starts_with("|+")
            {
                *in_block = Some(item_indent);
            }
            value_toks(&mut out, v);
        }
        _ => value_toks(&mut out, rest),
    }
    out.retain(|t| !t.text.is_empty());
    out
}

/// Tokens per line; `marks` are (1-based line, 1-based column) of diagnostics.
pub fn highlight(text: &str, marks: &[(u32, u32)]) -> Vec<Vec<Tok>> {
    let mut in_block = None;
    let mut lines: Vec<Vec<Tok>> = text
        .split('\n')
        .map(|l| line_toks(l, &mut in_block))
        .collect();
    for (d, &(line, col)) in marks.iter().enumerate() {
        let Some(toks) = lines.get_mut(line.saturating_sub(1) as usize) else {
            continue;
        };
        mark(toks, col.max(1) as usize - 1, d);
    }
    lines
}

/// Splits the tokens so the word starting at char column `col` is its own
/// token, and marks it.
fn mark(toks: &mut Vec<Tok>, col: usize, d: usize) {
    let mut pos = 0;
    for i in 0..toks.len() {
        let len = toks[i].text.chars().count();
        if col < pos + len {
            let t = toks.remove(i);
            let chars: Vec<char> = t.text.chars().collect();
            let from = col - pos;
            let mut to = from;
            while to < chars.len() && !chars[to].is_whitespace() {
                to += 1;
            }
            if to == from {
                to = (from + 1).min(chars.len());
            }
            let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            let mut parts = Vec::new();
            if from > 0 {
                parts.push(Tok {
                    text: piece(0, from),
                    ..t.clone()
                });
            }
            parts.push(Tok {
                text: piece(from, to),
                diag: Some(d),
                ..t.clone()
            });
            if to < chars.len() {
                parts.push(Tok {
                    text: piece(to, chars.len()),
                    ..t
                });
            }
            for (k, p) in parts.into_iter().enumerate() {
                toks.insert(i + k, p);
            }
            return;
        }
        pos += len;
    }
    // Past the end of the line: an underlined space.
    toks.push(Tok {
        class: Class::Plain,
        text: " ".into(),
        diag: Some(d),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(line: &str) -> Vec<(Class, String)> {
        highlight(line, &[])[0]
            .iter()
            .map(|t| (t.class, t.text.clone()))
            .collect()
    }

    #[test]
    fn keys_values_and_comments() {
        assert_eq!(
            classes("  replicas: 3 # two"),
            vec![
                (Class::Plain, "  ".into()),
                (Class::Key, "replicas".into()),
                (Class::Punct, ":".into()),
                (Class::Plain, " ".into()),
                (Class::Num, "3".into()),
                (Class::Plain, " ".into()),
                (Class::Comment, "# two".into()),
            ]
        );
        assert_eq!(classes("- name: web")[0], (Class::Punct, "-".into()));
        assert_eq!(
            classes("  serviceName: \"nginx\"")[4],
            (Class::Str, "\"nginx\"".into())
        );
        assert_eq!(classes("---")[0], (Class::Punct, "---".into()));
    }

    #[test]
    fn text_round_trips_and_marks_split_tokens() {
        let text = "a: 1\nkind: Pod\n  image: nginx\n";
        let lines = highlight(text, &[(3, 10)]);
        let back: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|t| t.text.as_str()).collect())
            .collect();
        assert_eq!(back.join("\n"), text);
        let marked: Vec<&Tok> = lines[2].iter().filter(|t| t.diag.is_some()).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, "nginx");
    }
}
