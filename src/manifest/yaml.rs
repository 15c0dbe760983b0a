//! YAML text → positioned tree, with kubectl's semantics: one document per
//! chunk (the stream splitter cuts at `---` lines first, and go-yaml's
//! `Unmarshal` reads only the first document of what it is given), go-yaml
//! v2 scalar resolution, anchors and aliases with go-yaml's alias budget
//! ("document contains excessive aliasing"), merge keys `<<`, tags, and
//! go-yaml's error texts (including its line numbering quirks).
//!
//! The event parser is libyaml-safer, whose messages are libyaml's, as are
//! go-yaml's. The tree is built with an explicit stack (no recursion) and
//! limits on nesting depth and node count. May not import browser crates.

use std::collections::BTreeMap;

use libyaml_safer::{ErrorKind, EventData, Mark, Parser};

use super::gofmt::{format_float, FloatFormat};
use super::positions::Pos;
use super::resolve::{resolve_plain, Resolved};
use super::tree::{MapEntry, Node, NodeKind};
use crate::engine::apiserver::go_quote;

/// Limits on one document.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Collections nested deeper than this are refused.
    pub max_depth: usize,
    /// Nodes (keys included, alias expansions included) per document.
    pub max_nodes: u64,
}

pub const DEFAULT_LIMITS: Limits = Limits {
    max_depth: 100,
    max_nodes: 1_000_000,
};

/// A document kubectl cannot read. `message` is what go-yaml says (what
/// kubectl prints after `error converting YAML to JSON: `), `problem` the
/// same without go-yaml's `yaml: line N: ` prefix, `pos` where it happened
/// (1-based, relative to the text given).
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub problem: String,
    pub pos: Pos,
}

/// Something kubectl accepts but a reader would want to know about.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub pos: Pos,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocTree {
    /// None for an empty document (only comments or nothing).
    pub root: Option<Node>,
    pub warnings: Vec<Warning>,
}

const TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// Parses the first YAML document of `text`.
pub fn parse_first_document(text: &str, limits: &Limits) -> Result<DocTree, YamlError> {
    if let Some(e) = tag_comma_error(text) {
        return Err(e);
    }
    let mut b = Builder::new(limits);
    let mut parser = Parser::new();
    parser.set_input(text.as_bytes());
    loop {
        let event = match parser.parse() {
            Ok(ev) => ev,
            Err(e) => return Err(from_libyaml(&e, text)),
        };
        let pos = pos_of(event.start_mark);
        match event.data {
            EventData::StreamStart { .. } | EventData::DocumentStart { .. } => {}
            EventData::DocumentEnd { .. } | EventData::StreamEnd => break,
            EventData::Alias { anchor } => b.alias(&anchor, pos)?,
            EventData::Scalar {
                anchor,
                tag,
                value,
                plain_implicit,
                ..
            } => b.scalar(anchor, tag, value, plain_implicit, pos),
            EventData::SequenceStart { anchor, .. } => b.open(Frame::Seq {
                pos,
                anchor,
                items: Vec::new(),
            })?,
            EventData::MappingStart { anchor, .. } => b.open(Frame::Map {
                pos,
                anchor,
                entries: Vec::new(),
                index: BTreeMap::new(),
                key: None,
            })?,
            EventData::SequenceEnd | EventData::MappingEnd => b.close(),
        }
    }
    // go-yaml parses the whole document before decoding it, so a syntax
    // error anywhere wins over a decoding error; only now report the latter.
    if let Some(e) = b.failed {
        return Err(e);
    }
    Ok(DocTree {
        root: b.root,
        warnings: b.warnings,
    })
}

fn pos_of(m: Mark) -> Pos {
    Pos::new(
        u32::try_from(m.line).unwrap_or(u32::MAX).saturating_add(1),
        u32::try_from(m.column)
            .unwrap_or(u32::MAX)
            .saturating_add(1),
    )
}

/// go-yaml's `parser.fail`: parser errors name the 0-based line of the
/// problem (off by one), scanner errors the 1-based line, and a problem on
/// the first line falls back to the context line, or to no line at all.
fn from_libyaml(e: &libyaml_safer::Error, text: &str) -> YamlError {
    let problem = e.problem().to_string();
    let (line, pos) = match (e.kind(), e.problem_mark()) {
        (ErrorKind::Scanner | ErrorKind::Parser, Some(pm)) => {
            let ctx_line = e.context_mark().map_or(0, |m| m.line);
            let line = if pm.line != 0 {
                pm.line + u64::from(e.kind() == ErrorKind::Scanner)
            } else {
                ctx_line
            };
            (line, pos_of(pm))
        }
        _ => (0, reader_error_pos(e, text)),
    };
    let message = if line != 0 {
        format!("yaml: line {line}: {problem}")
    } else {
        format!("yaml: {problem}")
    };
    YamlError {
        message,
        problem,
        pos,
    }
}

/// Reader errors carry a byte offset only in their Display text.
fn reader_error_pos(e: &libyaml_safer::Error, text: &str) -> Pos {
    let shown = e.to_string();
    let offset = shown
        .split("(offset ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    pos_at_byte(text, offset)
}

/// The 1-based line:column of a byte offset.
pub fn pos_at_byte(text: &str, offset: usize) -> Pos {
    let mut line = 1u32;
    let mut col = 1u32;
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    Pos::new(line, col)
}

fn decode_error(problem: String, pos: Pos) -> YamlError {
    YamlError {
        message: format!("yaml: {problem}"),
        problem,
        pos,
    }
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: Option<String>,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: Option<String>,
        entries: Vec<MapEntry>,
        index: BTreeMap<String, usize>,
        key: Option<Key>,
    },
}

enum Key {
    Name(String, Pos),
    Merge,
    /// A key go-yaml or the JSON conversion refuses; reported once its
    /// value is known (sigs.k8s.io/yaml prints the value too).
    Bad(BadKey),
}

enum BadKey {
    Null(Pos),
    Collection(String, Pos),
}

struct Builder<'l> {
    limits: &'l Limits,
    stack: Vec<Frame>,
    anchors: BTreeMap<String, Node>,
    root: Option<Node>,
    warnings: Vec<Warning>,
    /// The first decoding error; once set the tree is no longer built but
    /// events are still read, so a later syntax error takes precedence.
    failed: Option<YamlError>,
    decodes: u64,
    alias_decodes: u64,
}

impl<'l> Builder<'l> {
    fn new(limits: &'l Limits) -> Self {
        Builder {
            limits,
            stack: Vec::new(),
            anchors: BTreeMap::new(),
            root: None,
            warnings: Vec::new(),
            failed: None,
            decodes: 0,
            alias_decodes: 0,
        }
    }

    fn fail(&mut self, e: YamlError) {
        if self.failed.is_none() {
            self.failed = Some(e);
        }
    }

    fn count(&mut self, n: u64, via_alias: bool, pos: Pos) -> bool {
        self.decodes = self.decodes.saturating_add(n);
        if via_alias {
            self.alias_decodes = self.alias_decodes.saturating_add(n);
        }
        if self.alias_decodes > 100
            && self.decodes > 1000
            && (self.alias_decodes as f64 / self.decodes as f64) > allowed_alias_ratio(self.decodes)
        {
            self.fail(decode_error(
                "document contains excessive aliasing".into(),
                pos,
            ));
            return false;
        }
        if self.decodes > self.limits.max_nodes {
            self.fail(decode_error(
                format!(
                    "document has more than {} nodes (the limit per document)",
                    self.limits.max_nodes
                ),
                pos,
            ));
            return false;
        }
        true
    }

    fn open(&mut self, frame: Frame) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.max_depth {
            let pos = match &frame {
                Frame::Seq { pos, .. } | Frame::Map { pos, .. } => *pos,
            };
            // Stop at once: deeper input could be arbitrarily long.
            return Err(YamlError {
                message: format!(
                    "yaml: line {}: exceeded max depth of {}",
                    pos.line, self.limits.max_depth
                ),
                problem: format!("exceeded max depth of {}", self.limits.max_depth),
                pos,
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (node, anchor) = match frame {
            Frame::Seq { pos, anchor, items } => (Node::new(pos, NodeKind::Seq(items)), anchor),
            Frame::Map {
                pos,
                anchor,
                entries,
                ..
            } => (Node::new(pos, NodeKind::Map(entries)), anchor),
        };
        self.deliver(node, anchor, false);
    }

    fn scalar(
        &mut self,
        anchor: Option<String>,
        tag: Option<String>,
        value: String,
        plain_implicit: bool,
        pos: Pos,
    ) {
        let tag = tag.filter(|t| !t.is_empty());
        let is_merge =
            value == "<<" && (plain_implicit || tag.as_deref() == Some("tag:yaml.org,2002:merge"));
        if is_merge && self.expecting_key() {
            if self.count(1, false, pos) {
                if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                    *key = Some(Key::Merge);
                }
            }
            return;
        }
        let kind = match scalar_kind(tag.as_deref(), value, plain_implicit) {
            Ok(k) => k,
            Err(problem) => {
                self.fail(decode_error(problem, pos));
                NodeKind::Null
            }
        };
        self.deliver(Node::new(pos, kind), anchor, false);
    }

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn alias(&mut self, name: &str, pos: Pos) -> Result<(), YamlError> {
        let open = self.stack.iter().any(|f| match f {
            Frame::Seq { anchor, .. } | Frame::Map { anchor, .. } => {
                anchor.as_deref() == Some(name)
            }
        });
        if open {
            self.fail(decode_error(
                format!("anchor '{name}' value contains itself"),
                pos,
            ));
            self.deliver(Node::new(pos, NodeKind::Null), None, true);
            return Ok(());
        }
        let Some(size) = self.anchors.get(name).map(Node::size) else {
            // go-yaml resolves aliases while parsing: this one stops at once.
            return Err(decode_error(
                format!("unknown anchor '{name}' referenced"),
                pos,
            ));
        };
        if self.failed.is_some() || !self.count(size, true, pos) {
            self.deliver(Node::new(pos, NodeKind::Null), None, true);
            return Ok(());
        }
        let Some(mut node) = self.anchors.get(name).cloned() else {
            return Ok(());
        };
        node.pos = pos;
        self.deliver(node, None, true);
        Ok(())
    }

    /// Hands a finished node to its parent (or makes it the root).
    fn deliver(&mut self, node: Node, anchor: Option<String>, via_alias: bool) {
        if self.failed.is_some() {
            // Keep the stack shape and the anchor names right (go-yaml
            // registers anchors while parsing); content no longer matters.
            if let Some(a) = anchor {
                self.anchors.insert(a, Node::new(node.pos, NodeKind::Null));
            }
            self.place(Node::new(node.pos, NodeKind::Null));
            return;
        }
        if !via_alias && !self.count(1, false, node.pos) {
            if let Some(a) = anchor {
                self.anchors.insert(a, Node::new(node.pos, NodeKind::Null));
            }
            self.place(Node::new(node.pos, NodeKind::Null));
            return;
        }
        if let Some(a) = anchor {
            self.anchors.insert(a, node.clone());
        }
        self.place(node);
    }

    fn place(&mut self, node: Node) {
        let failed = self.failed.is_some();
        let Some(top) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        match top {
            Frame::Seq { items, .. } => {
                if !failed {
                    items.push(node);
                }
            }
            Frame::Map { key, .. } if key.is_none() => {
                *key = Some(if failed {
                    Key::Name(String::new(), node.pos)
                } else {
                    map_key(node)
                });
            }
            Frame::Map { .. } => self.map_value(node),
        }
    }

    fn map_value(&mut self, value: Node) {
        let Some(Frame::Map {
            entries,
            index,
            key,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        let Some(k) = key.take() else { return };
        if self.failed.is_some() {
            return;
        }
        let mut warnings = Vec::new();
        let mut error = None;
        match k {
            Key::Name(name, key_pos) => {
                if let Some(&i) = index.get(&name) {
                    if let Some(old) = entries.get_mut(i) {
                        warnings.push(Warning {
                            pos: key_pos,
                            message: format!(
                                "mapping key {} already defined at line {}",
                                go_quote(&name),
                                old.key_pos.line
                            ),
                        });
                        *old = MapEntry {
                            key: name,
                            key_pos,
                            value,
                        };
                    }
                } else {
                    index.insert(name.clone(), entries.len());
                    entries.push(MapEntry {
                        key: name,
                        key_pos,
                        value,
                    });
                }
            }
            Key::Merge => {
                // go-yaml v2: a map merges in place (later keys win, earlier
                // explicit keys are overwritten); a list of maps merges from
                // last to first so the first map wins.
                let maps: Vec<&Node> = match &value.kind {
                    NodeKind::Map(_) => vec![&value],
                    NodeKind::Seq(items)
                        if items.iter().all(|n| matches!(n.kind, NodeKind::Map(_))) =>
                    {
                        items.iter().rev().collect()
                    }
                    _ => Vec::new(),
                };
                if maps.is_empty()
                    && !matches!(&value.kind, NodeKind::Seq(items) if items.is_empty())
                {
                    error = Some(decode_error(
                        "map merge requires map or sequence of maps as the value".into(),
                        value.pos,
                    ));
                }
                for m in maps {
                    if let NodeKind::Map(src) = &m.kind {
                        for e in src {
                            match index.get(&e.key) {
                                Some(&i) => {
                                    if let Some(slot) = entries.get_mut(i) {
                                        *slot = e.clone();
                                    }
                                }
                                None => {
                                    index.insert(e.key.clone(), entries.len());
                                    entries.push(e.clone());
                                }
                            }
                        }
                    }
                }
            }
            Key::Bad(BadKey::Null(pos)) => {
                error = Some(YamlError {
                    message: format!(
                        "unsupported map key of type: %!s(<nil>), key: <nil>, value: {}",
                        go_syntax(&value)
                    ),
                    problem: "unsupported map key: null".into(),
                    pos,
                });
            }
            Key::Bad(BadKey::Collection(shown, pos)) => {
                error = Some(decode_error(format!("invalid map key: {shown}"), pos))
            }
        }
        self.warnings.extend(warnings);
        if let Some(e) = error {
            self.fail(e);
        }
    }
}

/// go-yaml v2's `allowedAliasRatio`: small documents may be 99% alias
/// expansion, large ones 10%, scaled in between.
fn allowed_alias_ratio(decodes: u64) -> f64 {
    const LOW: u64 = 400_000;
    const HIGH: u64 = 4_000_000;
    if decodes <= LOW {
        0.99
    } else if decodes >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((decodes - LOW) as f64 / (HIGH - LOW) as f64)
    }
}

/// The JSON key of a map key node (sigs.k8s.io/yaml `convertToJSONableObject`).
fn map_key(node: Node) -> Key {
    let pos = node.pos;
    Key::Name(
        match node.kind {
            NodeKind::Str(s) => s,
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Uint(u) => u.to_string(),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Float(f) => format_float(f, FloatFormat::YamlKey),
            NodeKind::Null => return Key::Bad(BadKey::Null(pos)),
            NodeKind::Seq(_) | NodeKind::Map(_) => {
                return Key::Bad(BadKey::Collection(go_syntax(&node), pos))
            }
        },
        pos,
    )
}

/// A scalar's value under go-yaml v2 rules: untagged plain scalars are
/// resolved, quoted and block scalars are strings, `!!int` and friends are
/// checked, unknown tags leave the text as a string.
fn scalar_kind(tag: Option<&str>, value: String, implicit: bool) -> Result<NodeKind, String> {
    let tag = match tag {
        None if !implicit => return Ok(NodeKind::Str(value)),
        None => "",
        Some(t) => t,
    };
    let short = tag.strip_prefix(TAG_PREFIX);
    match short {
        Some("str") | Some("timestamp") => return Ok(NodeKind::Str(value)),
        Some("binary") => {
            return decode_base64(&value)
                .map(NodeKind::Str)
                .ok_or_else(|| "!!binary value contains invalid base64 data".to_string())
        }
        Some("bool" | "int" | "float" | "null") => {}
        _ if !tag.is_empty() => return Ok(NodeKind::Str(value)),
        _ => {}
    }
    let resolved = resolve_plain(&value);
    let kind = match &resolved {
        Resolved::Null => NodeKind::Null,
        Resolved::Bool(b) => NodeKind::Bool(*b),
        Resolved::Int(i) => NodeKind::Int(*i),
        Resolved::Uint(u) => NodeKind::Uint(*u),
        Resolved::Float(f) => NodeKind::Float(*f),
        Resolved::Timestamp | Resolved::Str => NodeKind::Str(value.clone()),
    };
    let rtag = match resolved {
        Resolved::Null => "null",
        Resolved::Bool(_) => "bool",
        Resolved::Int(_) | Resolved::Uint(_) => "int",
        Resolved::Float(_) => "float",
        Resolved::Timestamp => "timestamp",
        Resolved::Str => "str",
    };
    match short {
        None => Ok(kind),
        Some(want) if want == rtag => Ok(kind),
        Some("float") if rtag == "int" => Ok(match kind {
            NodeKind::Int(i) => NodeKind::Float(i as f64),
            NodeKind::Uint(u) => NodeKind::Float(u as f64),
            k => k,
        }),
        Some(want) => Err(format!("cannot decode !!{rtag} `{value}` as a !!{want}")),
    }
}

fn decode_base64(s: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let body = clean
        .strip_suffix(b"==")
        .or_else(|| clean.strip_suffix(b"="))
        .unwrap_or(&clean);
    if clean.len() % 4 != 0 {
        return None;
    }
    for &c in body {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Go's `%#v` of a decoded YAML value, as go-yaml prints invalid keys.
fn go_syntax(n: &Node) -> String {
    match &n.kind {
        NodeKind::Null => "interface {}(nil)".into(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::Uint(u) => format!("0x{u:x}"),
        NodeKind::Float(f) => format_float(*f, FloatFormat::YamlG),
        NodeKind::Str(s) => go_quote(s),
        NodeKind::Seq(items) => format!(
            "[]interface {{}}{{{}}}",
            items.iter().map(go_syntax).collect::<Vec<_>>().join(", ")
        ),
        NodeKind::Map(entries) => {
            format!(
                "map[interface {{}}]interface {{}}{{{}}}",
                entries
                    .iter()
                    .map(|e| format!("{}:{}", go_quote(&e.key), go_syntax(&e.value)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// libyaml-safer panics on a tag followed directly by `,` inside a flow
/// collection (`[!foo,]`), a case libyaml and go-yaml report as an error.
/// For each `!…,` in the text, the parser reads the text up to that comma
/// with the comma replaced by a backquote. If the `!` starts a tag, reading
/// fails right there with the error go-yaml gives for the comma ("did not
/// find expected whitespace or line break", same marks), unless an earlier
/// error comes first, which the real text has too. Any other outcome means
/// the candidate was inside a string or a comment, or is never reached.
/// Candidates are read in the order of their commas: a verbatim tag's
/// `<…>` can hold another candidate (`!<[!b,]x>,`), which must be read
/// first, as the prefix read for the outer one holds it whole.
fn tag_comma_error(text: &str) -> Option<YamlError> {
    let bytes = text.as_bytes();
    let mut budget: usize = 64 << 20;
    let mut commas: Vec<usize> = text
        .match_indices('!')
        .filter_map(|(bang, _)| tag_end(bytes, bang).filter(|&e| bytes.get(e) == Some(&b',')))
        .collect();
    commas.sort_unstable();
    commas.dedup();
    for comma in commas {
        budget = budget.checked_sub(comma)?;
        // The line end keeps the scanner off another panic (a block scalar
        // cut at end of input).
        let mut prefix = bytes[..comma].to_vec();
        prefix.extend_from_slice(b"`\n");
        let mut parser = Parser::new();
        parser.set_input(prefix.as_slice());
        loop {
            match parser.parse() {
                Ok(ev) if ev.data == EventData::StreamEnd => break,
                Ok(_) => {}
                Err(e) => {
                    if e.context() == Some("while scanning a tag") {
                        return Some(from_libyaml(&e, text));
                    }
                    break;
                }
            }
        }
    }
    None
}

/// Where a tag starting at `bang` would end (the scanner's tag grammar,
/// generously: every tag the scanner reads ends no later than this).
fn tag_end(b: &[u8], bang: usize) -> Option<usize> {
    let mut i = bang + 1;
    if b.get(i) == Some(&b'<') {
        let close = b[i..].iter().position(|&c| c == b'>')?;
        return Some(i + close + 1);
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b"_-;/?:@&=+$.%!~*'()".contains(&b[i])) {
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::tree::to_value;
    use serde_json::json;

    fn parse(s: &str) -> Result<DocTree, YamlError> {
        parse_first_document(s, &DEFAULT_LIMITS)
    }

    fn value(s: &str) -> serde_json::Value {
        to_value(&parse(s).unwrap().root.unwrap()).unwrap()
    }

    fn err(s: &str) -> YamlError {
        parse(s).unwrap_err()
    }

    #[test]
    fn scalars_resolve_like_kubectl() {
        let v = value("a: yes\nb: 'yes'\nc: 0x1F\nd: ~\ne:\nf: 1.0\ng: 2024-01-01\nh: !!str 12\ni: !!float 3\nj: \"1\"\nk: 1e3\nl: on\n");
        assert_eq!(
            v,
            json!({"a": true, "b": "yes", "c": 31, "d": null, "e": null, "f": 1, "g": "2024-01-01", "h": "12", "i": 3, "j": "1", "k": 1000, "l": true})
        );
    }

    #[test]
    fn non_string_keys_become_strings() {
        let v = value("1: a\ntrue: b\nyes: c\n1.5: d\n");
        assert_eq!(v, json!({"1": "a", "true": "c", "1.5": "d"}));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let v = value("base: &b {x: 1, z: 2}\nuse:\n  <<: *b\n  z: 3\nlist: &l [a, b]\nagain: *l\nmulti:\n  <<: [{p: 1}, {p: 2, q: 2}]\n");
        assert_eq!(v["use"], json!({"x": 1, "z": 3}));
        // YAML 1.1: `y` is a boolean, also as a key.
        assert_eq!(value("y: 1\n"), json!({"true": 1}));
        assert_eq!(v["again"], json!(["a", "b"]));
        assert_eq!(v["multi"], json!({"p": 1, "q": 2}));
        // Keys before the merge are overwritten by it (go-yaml v2).
        assert_eq!(
            value("b: &b {x: 1}\nm:\n  x: 0\n  <<: *b\n")["m"],
            json!({"x": 1})
        );
    }

    #[test]
    fn block_and_flow_styles_and_comments() {
        let v = value("# head\nlist:\n- a   # note\n- {k: v, m: [1, 2], n: x}\ntext: |\n  line1\n  line2\nfold: >-\n  a\n  b\n");
        assert_eq!(
            v,
            json!({"list": ["a", {"k": "v", "m": [1, 2], "false": "x"}], "text": "line1\nline2\n", "fold": "a b"})
        );
    }

    #[test]
    fn positions_are_one_based_for_keys_and_values() {
        let t = parse("metadata:\n  name: web\nspec:\n  replicas: 3\n").unwrap();
        let p = crate::manifest::tree::positions(&t.root.unwrap());
        let r = p.get("spec.replicas").unwrap();
        assert_eq!((r.key, r.value), (Pos::new(4, 3), Pos::new(4, 13)));
        assert_eq!(p.get("metadata.name").unwrap().value, Pos::new(2, 9));
    }

    #[test]
    fn syntax_errors_carry_go_yaml_text() {
        // Scanner error: 1-based line.
        let e = err("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: @b\n");
        assert_eq!(
            e.message,
            "yaml: line 6: found character that cannot start any token"
        );
        assert_eq!(e.pos, Pos::new(6, 6));
        // Tabs for indentation.
        let e = err("a:\n\tb: 1\n");
        assert_eq!(
            e.message,
            "yaml: line 2: found character that cannot start any token"
        );
        // Parser error: go-yaml prints the 0-based line.
        let e = err("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n - foo\n");
        assert_eq!(e.message, "yaml: line 4: did not find expected key");
        assert_eq!(e.pos.line, 5);
        let e = err("a: b\n  c: d\n");
        assert_eq!(
            e.message,
            "yaml: line 2: mapping values are not allowed in this context"
        );
        let e = err("a: \"\x01\"\n");
        assert_eq!(e.message, "yaml: control characters are not allowed");
        assert_eq!(e.pos, Pos::new(1, 5));
    }

    #[test]
    fn alias_errors() {
        assert_eq!(
            err("a: *foo\n").message,
            "yaml: unknown anchor 'foo' referenced"
        );
        assert_eq!(
            err("m: &m\n  o: *m\n").message,
            "yaml: anchor 'm' value contains itself"
        );
        assert_eq!(
            err("a: !!int abc\n").message,
            "yaml: cannot decode !!str `abc` as a !!int"
        );
        assert_eq!(
            err("a: 1\n<<: 5\n").message,
            "yaml: map merge requires map or sequence of maps as the value"
        );
        // A syntax error later in the document wins over a decoding error.
        assert_eq!(
            err("a: *foo\nb: @\n").message,
            "yaml: unknown anchor 'foo' referenced"
        );
        assert_eq!(
            err("m: &m\n  o: *m\nb: @\n").message,
            "yaml: line 3: found character that cannot start any token"
        );
    }

    #[test]
    fn billion_laughs_fails_fast() {
        let mut s = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let refs = vec![format!("*{}", w[0]); 9].join(",");
            s.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], refs));
        }
        let start = std::time::Instant::now();
        let e = err(&s);
        assert_eq!(e.message, "yaml: document contains excessive aliasing");
        assert!(start.elapsed().as_millis() < 2000);
    }

    #[test]
    fn depth_limit() {
        let s = format!("a: {}{}\n", "[".repeat(150), "]".repeat(150));
        let e = err(&s);
        assert_eq!(e.message, "yaml: line 1: exceeded max depth of 100");
        assert!(parse(&format!("a: {}{}\n", "[".repeat(90), "]".repeat(90))).is_ok());
    }

    #[test]
    fn node_limit() {
        let limits = Limits {
            max_depth: 100,
            max_nodes: 50,
        };
        let text: String = (0..30).map(|i| format!("k{i}: v\n")).collect();
        let e = parse_first_document(&text, &limits).unwrap_err();
        assert_eq!(
            e.message,
            "yaml: document has more than 50 nodes (the limit per document)"
        );
        assert!(parse_first_document(&text, &DEFAULT_LIMITS).is_ok());
    }

    #[test]
    fn duplicate_keys_warn_and_last_wins() {
        let t = parse("spec:\n  replicas: 1\n  replicas: 3\n").unwrap();
        assert_eq!(
            to_value(&t.root.unwrap()).unwrap(),
            json!({"spec": {"replicas": 3}})
        );
        assert_eq!(
            t.warnings,
            vec![Warning {
                pos: Pos::new(3, 3),
                message: "mapping key \"replicas\" already defined at line 2".into()
            }]
        );
    }

    #[test]
    fn tag_before_comma_in_flow_is_an_error_not_a_panic() {
        let e = err("a: [!foo, b]\n");
        assert_eq!(
            e.message,
            "yaml: did not find expected whitespace or line break"
        );
        let e = err("x: 1\na: {k: !!str,}\n");
        assert_eq!(
            e.message,
            "yaml: line 2: did not find expected whitespace or line break"
        );
        // Found by the robustness test: a byte-order mark and NEL line
        // breaks before the tag, and a candidate inside a block scalar.
        assert!(parse("\u{feff}\u{85},[!b,][!b,]:[\\\u{85}: \t!!str -\n").is_err());
        assert!(parse("a: |\n  text !a, more\nb: [!c,]\n").is_err());
        assert_eq!(value("a: |\n  av!a,oid\n"), json!({"a": "av!a,oid\n"}));
        // A candidate inside a verbatim tag's brackets is read before the
        // one that holds it (`make fuzz` found the prefix read panicking).
        let e = err("a: &x [1!<[!b,]x>, 2,]\nb: *x\n");
        assert_eq!(
            (e.message.as_str(), e.pos),
            (
                "yaml: did not find expected whitespace or line break",
                Pos::new(1, 14)
            )
        );
        // Not tags: inside quotes, or not at a token start.
        assert_eq!(
            value("a: \"wow !x, y\"\nb: c!d,e\n"),
            json!({"a": "wow !x, y", "b": "c!d,e"})
        );
    }

    #[test]
    fn only_the_first_document_is_read() {
        assert_eq!(value("{a: 1}\n{b: 2}\n"), json!({"a": 1}));
        assert!(parse("# only a comment\n").unwrap().root.is_none());
    }

    #[test]
    fn binary_and_custom_tags() {
        assert_eq!(
            value("a: !!binary aGVsbG8=\nb: !custom 12\n"),
            json!({"a": "hello", "b": "12"})
        );
    }
}
