//! The JSONPath template parser of client-go (`util/jsonpath/parser.go`):
//! text outside `{…}` is copied, each action becomes a list of nodes.
//! Its error texts are kubectl's (`unclosed action`, `unterminated array`,
//! `invalid array index x`, …). Written as loops rather than Go's
//! tail-recursion so a long template cannot exhaust the stack.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

/// One slice bound of an array selector (`[start:end:step]`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Param {
    pub value: i64,
    pub known: bool,
    pub derived: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// An action: its nodes run one after another.
    List(Vec<Node>),
    Text(String),
    Field(String),
    Array([Param; 3]),
    Filter {
        left: Vec<Node>,
        right: Vec<Node>,
        op: String,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

pub(crate) fn parse(text: &str) -> Result<Vec<Node>, String> {
    let mut p = Parser {
        input: text,
        pos: 0,
        start: 0,
        width: 0,
        root: Vec::new(),
        scratch: Vec::new(),
    };
    p.run()?;
    Ok(p.root)
}

/// `parseAction`: parses `{text}` and returns the action's nodes.
fn parse_action(text: &str) -> Result<Vec<Node>, String> {
    let root = parse(&format!("{{{text}}}"))?;
    match root.into_iter().next() {
        Some(Node::List(nodes)) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

const EOF: Option<char> = None;

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    width: usize,
    root: Vec<Node>,
    /// Never used: lets `cur` return a list without a panicking branch.
    scratch: Vec<Node>,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), String> {
        loop {
            // Text until the next `{`.
            loop {
                if self.input[self.pos..].starts_with('{') {
                    break;
                }
                if self.next() == EOF {
                    if self.pos > self.start {
                        let t = self.consume();
                        self.root.push(Node::Text(t));
                    }
                    return Ok(());
                }
            }
            if self.pos > self.start {
                let t = self.consume();
                self.root.push(Node::Text(t));
            }
            self.pos += 1;
            self.consume();
            self.root.push(Node::List(Vec::new()));
            self.inside_action()?;
        }
    }

    /// The action being parsed (`run` pushed it before `inside_action`).
    fn cur(&mut self) -> &mut Vec<Node> {
        if !matches!(self.root.last(), Some(Node::List(_))) {
            self.root.push(Node::List(Vec::new()));
        }
        match self.root.last_mut() {
            Some(Node::List(nodes)) => nodes,
            _ => &mut self.scratch,
        }
    }

    fn consume(&mut self) -> String {
        let v = self.input[self.start..self.pos].to_string();
        self.start = self.pos;
        v
    }

    fn next(&mut self) -> Option<char> {
        match self.input[self.pos..].chars().next() {
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
            None => {
                self.width = 0;
                None
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.input[self.pos..].chars().next()
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    /// The byte two before the current position (`p.input[p.pos-2]`).
    fn byte_before_last(&self) -> Option<u8> {
        self.pos.checked_sub(2).map(|i| self.input.as_bytes()[i])
    }

    fn inside_action(&mut self) -> Result<(), String> {
        loop {
            let rest = &self.input[self.pos..];
            if rest.starts_with('}') {
                self.pos += 1;
                self.consume();
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.filter()?;
                continue;
            }
            if rest.starts_with("..") {
                if matches!(self.cur().last(), Some(Node::Recursive)) {
                    return Err("invalid multiple recursive descent".into());
                }
                self.pos += 2;
                self.consume();
                self.cur().push(Node::Recursive);
                if self.peek().is_some_and(is_alphanumeric) {
                    self.field();
                }
                continue;
            }
            match self.next() {
                None | Some('\r') | Some('\n') => return Err("unclosed action".into()),
                Some(' ') | Some('@') | Some('$') => {
                    self.consume();
                }
                Some('[') => self.array()?,
                Some(q @ ('"' | '\'')) => self.quote(q)?,
                Some('.') => self.field(),
                Some(c) if c == '+' || c == '-' || c.is_numeric() => {
                    self.backup();
                    self.number()?;
                }
                Some(c) if is_alphanumeric(c) => {
                    self.backup();
                    self.identifier();
                }
                Some(c) => return Err(format!("unrecognized character in action: {}", go_u(c))),
            }
        }
    }

    fn identifier(&mut self) {
        loop {
            let r = self.next();
            if is_terminator(r) {
                if r.is_some() {
                    self.backup();
                }
                break;
            }
        }
        let value = self.consume();
        let node = match value.as_str() {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            _ => Node::Identifier(value),
        };
        self.cur().push(node);
    }

    fn number(&mut self) -> Result<(), String> {
        if matches!(self.peek(), Some('+') | Some('-')) {
            self.next();
        }
        loop {
            match self.next() {
                Some(c) if c == '.' || c.is_numeric() => {}
                Some(_) => {
                    self.backup();
                    break;
                }
                None => break,
            }
        }
        let value = self.consume();
        let node = if let Some(i) = go_atoi(&value) {
            Node::Int(i)
        } else if let Some(f) = go_parse_float(&value) {
            Node::Float(f)
        } else {
            return Err(format!("cannot parse number {value}"));
        };
        self.cur().push(node);
        Ok(())
    }

    fn array(&mut self) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                Some(_) => {}
            }
        }
        let consumed = self.consume();
        let mut text = &consumed[1..consumed.len() - 1];
        if text == "*" {
            text = ":";
        }
        // Union: `[0,2]`, `['a','b']`.
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(&format!("[{}]", part.trim_matches(' ')))?);
            }
            self.cur().push(Node::Union(union));
            return Ok(());
        }
        // Dictionary key: `['name']`.
        if text.len() >= 2
            && text.starts_with('\'')
            && text.ends_with('\'')
            && !text[1..text.len() - 1].contains('\'')
        {
            let nodes = parse_action(&format!(".{}", &text[1..text.len() - 1]))?;
            self.cur().extend(nodes);
            return Ok(());
        }
        let groups = slice_groups(text).ok_or_else(|| format!("invalid array index {text}"))?;
        let mut params = [Param::default(); 3];
        for i in 0..3 {
            let mut value = groups[i];
            if !value.is_empty() {
                if i > 0 {
                    value = &value[1..];
                }
                if i > 0 && value.is_empty() {
                    params[i].known = false;
                } else {
                    params[i].known = true;
                    params[i].value = go_atoi(value)
                        .ok_or_else(|| format!("array index {value} is not a number"))?;
                }
            } else if i == 1 {
                params[i] = Param {
                    known: true,
                    value: params[0].value + 1,
                    derived: true,
                };
            } else {
                params[i] = Param::default();
            }
        }
        self.cur().push(Node::Array(params));
        Ok(())
    }

    fn filter(&mut self) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let mut begin = false;
        let mut end = false;
        let mut pair = '\0';
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".into()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    if self.byte_before_last() != Some(b'\\') && q == pair {
                        end = true;
                    }
                }
                Some(')') => {
                    if begin == end {
                        break;
                    }
                }
                Some(_) => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let consumed = self.consume();
        let text = &consumed[..consumed.len() - 2];
        let node = match split_filter(text) {
            None => Node::Filter {
                left: parse_action(text)?,
                right: Vec::new(),
                op: "exists".into(),
            },
            Some((left, op, right)) => Node::Filter {
                left: parse_action(left)?,
                right: parse_action(right)?,
                op: op.to_string(),
            },
        };
        self.cur().push(node);
        Ok(())
    }

    fn quote(&mut self, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some(c) if c == end => {
                    if self.byte_before_last() != Some(b'\\') {
                        break;
                    }
                }
                Some(_) => {}
            }
        }
        let value = self.consume();
        let s = unquote_extend(&value).map_err(|e| format!("unquote string {value} error {e}"))?;
        self.cur().push(Node::Text(s));
        Ok(())
    }

    fn field(&mut self) {
        self.consume();
        loop {
            match self.next() {
                Some('\\') => {
                    self.next();
                }
                r if is_terminator(r) => {
                    if r.is_some() {
                        self.backup();
                    }
                    break;
                }
                _ => {}
            }
        }
        let value = self.consume();
        let node = if value == "*" {
            Node::Wildcard
        } else {
            Node::Field(value.replace('\\', ""))
        };
        self.cur().push(node);
    }
}

fn is_terminator(r: Option<char>) -> bool {
    match r {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
        ),
    }
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

/// `%#U`: `U+0021 '!'`.
fn go_u(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

/// `strconv.Atoi`: optional sign, decimal digits, 64-bit range.
pub(crate) fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse().ok()
}

fn go_parse_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || body == "." || body.matches('.').count() > 1 {
        return None;
    }
    s.parse().ok()
}

/// The groups of `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`, or None.
fn slice_groups(text: &str) -> Option<[&str; 3]> {
    let bound = |s: &str| {
        let d = s.strip_prefix('-').unwrap_or(s);
        d.bytes().all(|b| b.is_ascii_digit())
    };
    let mut groups = [""; 3];
    let first_end = text.find(':').unwrap_or(text.len());
    groups[0] = &text[..first_end];
    if !bound(groups[0]) {
        return None;
    }
    let mut rest = &text[first_end..];
    for g in groups.iter_mut().skip(1) {
        if rest.is_empty() {
            break;
        }
        let end = rest[1..].find(':').map_or(rest.len(), |i| i + 1);
        *g = &rest[..end];
        if !bound(&g[1..]) {
            return None;
        }
        rest = &rest[end..];
    }
    rest.is_empty().then_some(groups)
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$`: left operand, operator, right operand.
fn split_filter(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    if text.contains(['\n', '\r']) {
        return None;
    }
    let left_end = text.find(is_op)?;
    if left_end == 0 {
        return None;
    }
    let after = &text[left_end..];
    let op_len = after.find(|c: char| !is_op(c)).unwrap_or(after.len());
    let right = &after[op_len..];
    if right.is_empty() {
        return None;
    }
    Some((&text[..left_end], &after[..op_len], right))
}

/// `UnquoteExtend`: Go's `strconv.Unquote` rules for `"…"` and `'…'`.
fn unquote_extend(s: &str) -> Result<String, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    let quote = s.chars().next().ok_or(SYNTAX)?;
    if s.len() < 2 || !s.ends_with(quote) || (quote != '"' && quote != '\'') {
        return Err(SYNTAX);
    }
    let body = &s[1..s.len() - 1];
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return Err(SYNTAX);
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next().ok_or(SYNTAX)?;
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' if e == quote => out.push(e),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                if hex.len() != n {
                    return Err(SYNTAX);
                }
                let v = u32::from_str_radix(&hex, 16).map_err(|_| SYNTAX)?;
                out.push(char::from_u32(v).ok_or(SYNTAX)?);
            }
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    let d = chars.next().and_then(|c| c.to_digit(8)).ok_or(SYNTAX)?;
                    v = v * 8 + d;
                }
                if v > 255 {
                    return Err(SYNTAX);
                }
                out.push(char::from_u32(v).ok_or(SYNTAX)?);
            }
            _ => return Err(SYNTAX),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_text() {
        let nodes = parse("name: {.metadata.name}\n").unwrap();
        assert_eq!(
            nodes,
            vec![
                Node::Text("name: ".into()),
                Node::List(vec![
                    Node::Field("metadata".into()),
                    Node::Field("name".into())
                ]),
                Node::Text("\n".into()),
            ]
        );
    }

    #[test]
    fn escaped_dots_stay_in_the_key() {
        let nodes =
            parse(r"{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}")
                .unwrap();
        assert_eq!(
            nodes[0],
            Node::List(vec![
                Node::Field("metadata".into()),
                Node::Field("annotations".into()),
                Node::Field("kubectl.kubernetes.io/last-applied-configuration".into()),
            ])
        );
    }

    #[test]
    fn errors_read_as_client_go_writes_them() {
        assert_eq!(parse("{.foo").unwrap_err(), "unclosed action");
        assert_eq!(parse("{.x[}").unwrap_err(), "unterminated array");
        assert_eq!(parse("{.x[a]}").unwrap_err(), "invalid array index a");
        assert_eq!(
            parse("{.x[?(@.a==1)}").unwrap_err(),
            "unclosed array expect ]"
        );
        assert_eq!(parse("{.x[?(@.a==1").unwrap_err(), "unterminated filter");
        assert_eq!(
            parse("{!}").unwrap_err(),
            "unrecognized character in action: U+0021 '!'"
        );
        assert_eq!(parse("{\"abc}").unwrap_err(), "unterminated quoted string");
    }

    #[test]
    fn slices_and_filters() {
        let nodes = parse("{.a[-1:]}{.b[?(@.type==\"Ready\")]}").unwrap();
        let Node::List(a) = &nodes[0] else { panic!() };
        assert_eq!(
            a[1],
            Node::Array([
                Param {
                    value: -1,
                    known: true,
                    derived: false
                },
                Param::default(),
                Param::default()
            ])
        );
        let Node::List(b) = &nodes[1] else { panic!() };
        assert_eq!(
            b[1],
            Node::Filter {
                left: vec![Node::Field("type".into())],
                right: vec![Node::Text("Ready".into())],
                op: "==".into()
            }
        );
    }
}
