//! JSON text → positioned tree, one value at a time, with the syntax
//! errors Go's encoding/json reports (`invalid character '"' after object
//! key:value pair`, `unexpected EOF`), which kubectl prints for a JSON
//! document that is not valid YAML either.
//!
//! Iterative (explicit stack) with the same nesting limit as the YAML
//! reader. May not import browser crates.

use std::collections::BTreeMap;

use super::gofmt::quote_char;
use super::positions::Pos;
use super::tree::{float_value, MapEntry, Node, NodeKind};
use super::yaml::{Limits, Warning};
use crate::engine::apiserver::go_quote;

/// What Go's JSON decoder says about a broken value.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonError {
    /// `json.SyntaxError`: the message and the number of bytes read when
    /// it was found (kubectl prints `json: offset N: message`).
    Syntax {
        message: String,
        offset: usize,
        pos: Pos,
    },
    /// The text ended inside the value.
    UnexpectedEof { pos: Pos },
    /// Our nesting or size limit.
    Limit { message: String, pos: Pos },
}

impl JsonError {
    /// The text kubectl shows after `error parsing FILE: `.
    pub fn kubectl_text(&self) -> String {
        match self {
            JsonError::Syntax {
                message, offset, ..
            } => format!("json: offset {offset}: {message}"),
            JsonError::UnexpectedEof { .. } => "unexpected EOF".into(),
            JsonError::Limit { message, .. } => message.clone(),
        }
    }
    pub fn pos(&self) -> Pos {
        match self {
            JsonError::Syntax { pos, .. }
            | JsonError::UnexpectedEof { pos }
            | JsonError::Limit { pos, .. } => *pos,
        }
    }
    pub fn problem(&self) -> String {
        match self {
            JsonError::Syntax { message, .. } | JsonError::Limit { message, .. } => message.clone(),
            JsonError::UnexpectedEof { .. } => "unexpected end of JSON input".into(),
        }
    }
}

/// One parsed JSON value and where it ended (byte offset after it).
pub struct JsonValue {
    pub root: Node,
    pub end: usize,
    pub warnings: Vec<Warning>,
}

/// Reads one JSON value starting at byte `start` of `text` (whitespace
/// before it is skipped). Positions and offsets are absolute in `text`.
/// `start_pos` is the line:column of byte `start`.
pub fn parse_value(
    text: &str,
    start: usize,
    start_pos: Pos,
    limits: &Limits,
) -> Result<JsonValue, JsonError> {
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        i: start,
        line: start_pos.line,
        col: start_pos.col,
        nodes: 0,
    };
    let mut warnings = Vec::new();
    let root = r.value(limits, &mut warnings)?;
    Ok(JsonValue {
        root,
        end: r.i,
        warnings,
    })
}

struct Reader<'t> {
    text: &'t str,
    b: &'t [u8],
    i: usize,
    line: u32,
    col: u32,
    nodes: u64,
}

enum Frame {
    Arr {
        pos: Pos,
        items: Vec<Node>,
    },
    Obj {
        pos: Pos,
        entries: Vec<MapEntry>,
        index: BTreeMap<String, usize>,
        key: Option<(String, Pos)>,
    },
}

impl<'t> Reader<'t> {
    fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }

    fn bump(&mut self) {
        if let Some(&c) = self.b.get(self.i) {
            if c == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if c & 0xC0 != 0x80 {
                self.col += 1;
            }
            self.i += 1;
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn syntax(&self, context: &str) -> JsonError {
        match self.text.get(self.i..).and_then(|s| s.chars().next()) {
            None => JsonError::UnexpectedEof { pos: self.pos() },
            Some(c) => JsonError::Syntax {
                message: format!("invalid character {} {context}", quote_char(c)),
                offset: self.i + 1,
                pos: self.pos(),
            },
        }
    }

    fn value(&mut self, limits: &Limits, warnings: &mut Vec<Warning>) -> Result<Node, JsonError> {
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            // Read one value (scalar or the start of a container).
            self.skip_ws();
            let pos = self.pos();
            let done: Node = match self.b.get(self.i) {
                Some(b'{') => {
                    self.open(&stack, limits, pos)?;
                    self.bump();
                    self.skip_ws();
                    if self.b.get(self.i) == Some(&b'}') {
                        self.bump();
                        Node::new(pos, NodeKind::Map(Vec::new()))
                    } else {
                        stack.push(Frame::Obj {
                            pos,
                            entries: Vec::new(),
                            index: BTreeMap::new(),
                            key: None,
                        });
                        self.key(&mut stack)?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.open(&stack, limits, pos)?;
                    self.bump();
                    self.skip_ws();
                    if self.b.get(self.i) == Some(&b']') {
                        self.bump();
                        Node::new(pos, NodeKind::Seq(Vec::new()))
                    } else {
                        stack.push(Frame::Arr {
                            pos,
                            items: Vec::new(),
                        });
                        continue;
                    }
                }
                Some(b'"') => Node::new(pos, NodeKind::Str(self.string()?)),
                Some(b'-' | b'0'..=b'9') => Node::new(pos, self.number()?),
                Some(b't') => Node::new(pos, self.literal("true", NodeKind::Bool(true))?),
                Some(b'f') => Node::new(pos, self.literal("false", NodeKind::Bool(false))?),
                Some(b'n') => Node::new(pos, self.literal("null", NodeKind::Null)?),
                _ => return Err(self.syntax("looking for beginning of value")),
            };
            let mut node = done;
            self.nodes += 1;
            if self.nodes > limits.max_nodes {
                return Err(JsonError::Limit {
                    message: format!(
                        "document has more than {} nodes (the limit per document)",
                        limits.max_nodes
                    ),
                    pos: node.pos,
                });
            }
            // Attach it, closing containers that end here.
            loop {
                let Some(top) = stack.last_mut() else {
                    return Ok(node);
                };
                match top {
                    Frame::Arr { items, .. } => {
                        items.push(node);
                        self.skip_ws();
                        match self.b.get(self.i) {
                            Some(b',') => {
                                self.bump();
                                break;
                            }
                            Some(b']') => {
                                self.bump();
                                let Some(Frame::Arr { pos, items }) = stack.pop() else {
                                    return unreachable_frame();
                                };
                                node = Node::new(pos, NodeKind::Seq(items));
                            }
                            _ => return Err(self.syntax("after array element")),
                        }
                    }
                    Frame::Obj {
                        entries,
                        index,
                        key,
                        ..
                    } => {
                        let (k, key_pos) = key.take().unwrap_or_default();
                        match index.get(&k) {
                            Some(&i) => {
                                if let Some(old) = entries.get_mut(i) {
                                    warnings.push(Warning {
                                        pos: key_pos,
                                        message: format!(
                                            "mapping key {} already defined at line {}",
                                            go_quote(&k),
                                            old.key_pos.line
                                        ),
                                    });
                                    *old = MapEntry {
                                        key: k,
                                        key_pos,
                                        value: node,
                                    };
                                }
                            }
                            None => {
                                index.insert(k.clone(), entries.len());
                                entries.push(MapEntry {
                                    key: k,
                                    key_pos,
                                    value: node,
                                });
                            }
                        }
                        self.skip_ws();
                        match self.b.get(self.i) {
                            Some(b',') => {
                                self.bump();
                                self.key(&mut stack)?;
                                break;
                            }
                            Some(b'}') => {
                                self.bump();
                                let Some(Frame::Obj { pos, entries, .. }) = stack.pop() else {
                                    return unreachable_frame();
                                };
                                node = Node::new(pos, NodeKind::Map(entries));
                            }
                            _ => return Err(self.syntax("after object key:value pair")),
                        }
                    }
                }
                self.nodes += 1;
            }
        }
    }

    fn open(&self, stack: &[Frame], limits: &Limits, pos: Pos) -> Result<(), JsonError> {
        if stack.len() >= limits.max_depth {
            return Err(JsonError::Limit {
                message: format!("json: exceeded max depth of {}", limits.max_depth),
                pos,
            });
        }
        Ok(())
    }

    /// Reads `"key":` into the object on top of the stack.
    fn key(&mut self, stack: &mut [Frame]) -> Result<(), JsonError> {
        self.skip_ws();
        let key_pos = self.pos();
        if self.b.get(self.i) != Some(&b'"') {
            return Err(self.syntax("looking for beginning of object key string"));
        }
        let k = self.string()?;
        self.skip_ws();
        if self.b.get(self.i) != Some(&b':') {
            return Err(self.syntax("after object key"));
        }
        self.bump();
        if let Some(Frame::Obj { key, .. }) = stack.last_mut() {
            *key = Some((k, key_pos));
        }
        Ok(())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.bump(); // opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(JsonError::UnexpectedEof { pos: self.pos() });
            };
            match c {
                b'"' => {
                    self.bump();
                    return Ok(String::from_utf8_lossy(&out).into_owned());
                }
                b'\\' => {
                    self.bump();
                    let Some(&e) = self.b.get(self.i) else {
                        return Err(JsonError::UnexpectedEof { pos: self.pos() });
                    };
                    let simple = match e {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        _ => None,
                    };
                    if let Some(s) = simple {
                        out.push(s);
                        self.bump();
                    } else if e == b'u' {
                        self.bump();
                        let mut cp = self.hex4()?;
                        if (0xD800..0xDC00).contains(&cp)
                            && self.b.get(self.i) == Some(&b'\\')
                            && self.b.get(self.i + 1) == Some(&b'u')
                        {
                            let save = (self.i, self.line, self.col);
                            self.bump();
                            self.bump();
                            let lo = self.hex4()?;
                            if (0xDC00..0xE000).contains(&lo) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            } else {
                                (self.i, self.line, self.col) = save;
                            }
                        }
                        let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    } else {
                        return Err(self.syntax("in string escape code"));
                    }
                }
                c if c < 0x20 => return Err(self.syntax("in string literal")),
                c => {
                    out.push(c);
                    self.bump();
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(&c) = self.b.get(self.i) else {
                return Err(JsonError::UnexpectedEof { pos: self.pos() });
            };
            let d = (c as char)
                .to_digit(16)
                .ok_or_else(|| self.syntax("in \\u hexadecimal character escape"))?;
            v = v * 16 + d;
            self.bump();
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<NodeKind, JsonError> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.bump();
            if !self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax("in numeric literal"));
            }
        }
        if self.b.get(self.i) == Some(&b'0') {
            self.bump();
        } else {
            while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.bump();
            }
        }
        let mut float = false;
        if self.b.get(self.i) == Some(&b'.') {
            float = true;
            self.bump();
            if !self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax("after decimal point in numeric literal"));
            }
            while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.bump();
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            float = true;
            self.bump();
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.bump();
            }
            if !self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax("in exponent of numeric literal"));
            }
            while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.bump();
            }
        }
        let lit = &self.text[start..self.i];
        // Unstructured JSON: an int64 if the literal is one, else float64.
        if !float {
            if let Ok(i) = lit.parse::<i64>() {
                return Ok(NodeKind::Int(i));
            }
        }
        let f: f64 = lit.parse().unwrap_or(f64::INFINITY);
        if f.is_infinite() {
            return Err(JsonError::Syntax {
                message: format!(
                    "json: cannot unmarshal number {lit} into Go value of type float64"
                ),
                offset: self.i,
                pos: self.pos(),
            });
        }
        Ok(match float_value(f) {
            serde_json::Value::Number(n) if n.is_i64() => NodeKind::Int(n.as_i64().unwrap_or(0)),
            _ => NodeKind::Float(f),
        })
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Result<NodeKind, JsonError> {
        for (k, want) in word.bytes().enumerate() {
            match self.b.get(self.i) {
                Some(&c) if c == want => self.bump(),
                None => return Err(JsonError::UnexpectedEof { pos: self.pos() }),
                Some(_) if k == 0 => return Err(self.syntax("looking for beginning of value")),
                Some(_) => {
                    return Err(self.syntax(&format!(
                        "in literal {word} (expecting {})",
                        quote_char(want as char)
                    )))
                }
            }
        }
        Ok(kind)
    }
}

fn unreachable_frame<T>() -> Result<T, JsonError> {
    Err(JsonError::Limit {
        message: "json: internal reader error".into(),
        pos: Pos::new(1, 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::tree::to_value;
    use crate::manifest::yaml::DEFAULT_LIMITS;
    use serde_json::json;

    fn ok(s: &str) -> serde_json::Value {
        to_value(
            &parse_value(s, 0, Pos::new(1, 1), &DEFAULT_LIMITS)
                .unwrap()
                .root,
        )
        .unwrap()
    }
    fn err(s: &str) -> String {
        match parse_value(s, 0, Pos::new(1, 1), &DEFAULT_LIMITS) {
            Err(e) => e.kubectl_text(),
            Ok(_) => "ok".into(),
        }
    }

    #[test]
    fn values_and_numbers() {
        assert_eq!(
            ok(r#"{"a": [1, 2.5, 1.0, 1e3, true, null, "x\u00e9\n"], "b": {}}"#),
            json!({"a": [1, 2.5, 1, 1000, true, null, "x\u{e9}\n"], "b": {}})
        );
        assert_eq!(ok(r#""\ud83d\ude00""#), json!("\u{1F600}"));
    }

    #[test]
    fn go_syntax_errors() {
        // Observed from kubectl 1.33 (offsets are bytes read, 1-based).
        let c =
            r#"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"} "data": {}}"#;
        assert_eq!(
            err(c),
            "json: offset 69: invalid character '\"' after object key:value pair"
        );
        assert_eq!(
            err("{\"a\": \"x\u{1}\"}"),
            "json: offset 9: invalid character '\\x01' in string literal"
        );
        assert_eq!(err("{\"a\": 1"), "unexpected EOF");
        assert_eq!(
            err("{\"a\" 1}"),
            "json: offset 6: invalid character '1' after object key"
        );
        assert_eq!(
            err("{a: 1}"),
            "json: offset 2: invalid character 'a' looking for beginning of object key string"
        );
        assert_eq!(
            err("[1,]"),
            "json: offset 4: invalid character ']' looking for beginning of value"
        );
        assert_eq!(
            err("{\"a\": tru}"),
            "json: offset 10: invalid character '}' in literal true (expecting 'e')"
        );
        assert_eq!(
            err("{\"a\": 01}"),
            "json: offset 8: invalid character '1' after object key:value pair"
        );
        assert_eq!(
            err("[1 2]"),
            "json: offset 4: invalid character '2' after array element"
        );
    }

    #[test]
    fn positions_and_end() {
        let v = parse_value("  {\"a\":\n  [1]}\n{}", 0, Pos::new(1, 1), &DEFAULT_LIMITS).unwrap();
        assert_eq!(v.root.pos, Pos::new(1, 3));
        assert_eq!(v.end, 14);
        let NodeKind::Map(e) = &v.root.kind else {
            panic!()
        };
        assert_eq!(e[0].key_pos, Pos::new(1, 4));
        assert_eq!(e[0].value.pos, Pos::new(2, 3));
    }

    #[test]
    fn depth_limit() {
        let s = "[".repeat(200);
        assert_eq!(err(&s), "json: exceeded max depth of 100");
    }
}
