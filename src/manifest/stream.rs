//! Cuts a manifest file into documents the way kubectl 1.33 reads a stream
//! (apimachinery's YAMLOrJSONDecoder): a value starting with `{` is read as
//! JSON, and if that fails, as YAML, and if that fails too the JSON error
//! stands; anything else switches to YAML for the rest of the stream, cut
//! at lines starting with `---` (only a comment may follow the dashes).
//! Each YAML chunk is parsed on its own, so go-yaml's line numbers in error
//! texts count from the chunk's first line, while our positions are
//! absolute in the file.
//!
//! The first error stops the stream, as it stops kubectl's. May not import
//! browser crates.

use serde_json::Value;

use super::json::{self, JsonError};
use super::positions::{Pos, Positions};
use super::tree::{positions, to_value, Node, NodeKind};
use super::yaml::{self, Limits, Warning, DEFAULT_LIMITS};

/// Size limits of a stream.
#[derive(Clone, Copy, Debug)]
pub struct StreamLimits {
    pub max_input_bytes: usize,
    pub max_document_bytes: usize,
    /// Documents (empty ones included) per input: each costs a parser run.
    pub max_documents: usize,
    pub doc: Limits,
}

pub const DEFAULT_STREAM_LIMITS: StreamLimits = StreamLimits {
    max_input_bytes: 10 << 20,
    max_document_bytes: 1 << 20,
    max_documents: 10_000,
    doc: DEFAULT_LIMITS,
};

/// One non-empty document of the stream.
#[derive(Clone, Debug)]
pub struct RawDoc {
    /// 0-based position among the documents kubectl decodes (empty ones
    /// are skipped, as kubectl skips them).
    pub index: usize,
    /// Line where the document's text starts.
    pub start: Pos,
    /// The JSON value kubectl would work with.
    pub value: Value,
    pub positions: Positions,
    pub warnings: Vec<Warning>,
}

/// The error that ended the stream. `text` is what kubectl prints after
/// `error parsing FILE: `; `problem` and `pos` are for the editor.
#[derive(Clone, Debug, PartialEq)]
pub struct StreamError {
    pub text: String,
    pub problem: String,
    pub pos: Pos,
}

/// Splits and parses `text`. Documents before an error are returned.
pub fn read_stream(text: &str, limits: &StreamLimits) -> (Vec<RawDoc>, Option<StreamError>) {
    let mut docs = Vec::new();
    if text.len() > limits.max_input_bytes {
        let problem = format!(
            "input is {} bytes, over the limit of {} per input",
            text.len(),
            human_bytes(limits.max_input_bytes)
        );
        return (
            docs,
            Some(StreamError {
                text: problem.clone(),
                problem,
                pos: Pos::new(1, 1),
            }),
        );
    }
    let mut loc = Locator::new(text);
    let mut at = 0usize;
    let mut count = 0usize;
    let too_many = |count: &mut usize| -> Option<StreamError> {
        *count += 1;
        (*count > limits.max_documents).then(|| {
            let problem = format!(
                "input has more than {} documents (the limit per input)",
                limits.max_documents
            );
            StreamError {
                text: problem.clone(),
                problem,
                pos: Pos::new(1, 1),
            }
        })
    };
    // JSON sniffing happens while every document so far was JSON.
    loop {
        let Some(next) = text[at..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| at + i)
        else {
            return (docs, None);
        };
        if text.as_bytes()[next] != b'{' {
            break;
        }
        if let Some(e) = too_many(&mut count) {
            return (docs, Some(e));
        }
        let next_pos = loc.pos(next);
        match json::parse_value(text, next, next_pos, &limits.doc) {
            Ok(v) => {
                if let Err(e) = check_size(v.end - next, limits, &v.root) {
                    return (docs, Some(e));
                }
                if let Err(e) = push(&mut docs, Some(v.root), v.warnings, next_pos) {
                    return (docs, Some(e));
                }
                at = v.end;
            }
            Err(json_err) => {
                // Fall back to YAML for this document only.
                let (chunk, end) = yaml_chunk(text, next, &mut loc);
                match parse_chunk(&chunk, limits) {
                    Ok((root, warnings)) => {
                        if let Err(e) = push(&mut docs, root, warnings, chunk.start) {
                            return (docs, Some(e));
                        }
                        at = end;
                        break;
                    }
                    Err(_) => return (docs, Some(json_stream_error(&json_err))),
                }
            }
        }
    }
    // YAML for the rest of the stream.
    while at < text.len() {
        if let Some(e) = too_many(&mut count) {
            return (docs, Some(e));
        }
        let (chunk, end) = match yaml_chunk_checked(text, at, &mut loc) {
            Ok(c) => c,
            Err(e) => return (docs, Some(e)),
        };
        at = end;
        if chunk.body.trim().is_empty() {
            continue;
        }
        match parse_chunk(&chunk, limits) {
            Ok((root, warnings)) => {
                if let Err(e) = push(&mut docs, root, warnings, chunk.start) {
                    return (docs, Some(e));
                }
            }
            Err(e) => return (docs, Some(e)),
        }
    }
    (docs, None)
}

fn json_stream_error(e: &JsonError) -> StreamError {
    StreamError {
        text: e.kubectl_text(),
        problem: e.problem(),
        pos: e.pos(),
    }
}

fn check_size(len: usize, limits: &StreamLimits, root: &Node) -> Result<(), StreamError> {
    if len > limits.max_document_bytes {
        let problem = format!(
            "document is {len} bytes, over the limit of {} per document",
            human_bytes(limits.max_document_bytes)
        );
        return Err(StreamError {
            text: problem.clone(),
            problem,
            pos: root.pos,
        });
    }
    Ok(())
}

/// Converts and keeps a document unless it is empty or `null` (kubectl
/// skips those without a word).
fn push(
    docs: &mut Vec<RawDoc>,
    root: Option<Node>,
    warnings: Vec<Warning>,
    start: Pos,
) -> Result<(), StreamError> {
    let Some(root) = root else { return Ok(()) };
    if matches!(root.kind, NodeKind::Null) {
        return Ok(());
    }
    let value = to_value(&root).map_err(|e| StreamError {
        text: format!("error converting YAML to JSON: {}", e.message),
        problem: e.message.clone(),
        pos: e.pos,
    })?;
    let positions = positions(&root);
    docs.push(RawDoc {
        index: docs.len(),
        start,
        value,
        positions,
        warnings,
    });
    Ok(())
}

/// A YAML document's text as kubectl's line reader hands it to go-yaml:
/// lines without their `\r\n`/`\n`, each followed by `\n`.
struct Chunk {
    body: String,
    /// Where the chunk's first character is in the file.
    start: Pos,
}

/// The chunk starting at byte `from`, up to the next separator line (or the
/// end), and the byte where the next chunk starts. Separator errors are not
/// checked here (used for the JSON fallback).
fn yaml_chunk(text: &str, from: usize, loc: &mut Locator) -> (Chunk, usize) {
    match yaml_chunk_inner(text, from, false, loc) {
        Ok(c) => c,
        Err(_) => (
            Chunk {
                body: String::new(),
                start: loc.pos(from),
            },
            text.len(),
        ),
    }
}

fn yaml_chunk_checked(
    text: &str,
    from: usize,
    loc: &mut Locator,
) -> Result<(Chunk, usize), StreamError> {
    yaml_chunk_inner(text, from, true, loc)
}

fn yaml_chunk_inner(
    text: &str,
    from: usize,
    check: bool,
    loc: &mut Locator,
) -> Result<(Chunk, usize), StreamError> {
    let mut body = String::new();
    let mut start_byte = from;
    let mut at = from;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let next = (line_end + 1).min(text.len());
        let line = text[at..line_end]
            .strip_suffix('\r')
            .unwrap_or(&text[at..line_end]);
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                if check {
                    let problem = format!("invalid Yaml document separator: {trimmed}");
                    return Err(StreamError {
                        text: problem.clone(),
                        problem,
                        pos: loc.pos(at),
                    });
                }
            } else if !body.is_empty() {
                return Ok((
                    Chunk {
                        body,
                        start: loc.pos(start_byte),
                    },
                    at,
                ));
            } else {
                // A separator before any content: the document starts after it.
                at = next;
                start_byte = next;
                continue;
            }
        }
        body.push_str(line);
        body.push('\n');
        at = next;
        if line_end == text.len() {
            break;
        }
    }
    Ok((
        Chunk {
            body,
            start: loc.pos(start_byte),
        },
        text.len(),
    ))
}

fn parse_chunk(
    chunk: &Chunk,
    limits: &StreamLimits,
) -> Result<(Option<Node>, Vec<Warning>), StreamError> {
    let shift = |p: Pos| shift_pos(p, chunk.start);
    if chunk.body.len() > limits.max_document_bytes {
        let problem = format!(
            "document is {} bytes, over the limit of {} per document",
            chunk.body.len(),
            human_bytes(limits.max_document_bytes)
        );
        return Err(StreamError {
            text: problem.clone(),
            problem,
            pos: chunk.start,
        });
    }
    match yaml::parse_first_document(&chunk.body, &limits.doc) {
        Ok(tree) => {
            let mut root = tree.root;
            if let Some(r) = root.as_mut() {
                shift_tree(r, chunk.start);
            }
            let warnings = tree
                .warnings
                .into_iter()
                .map(|w| Warning {
                    pos: shift(w.pos),
                    message: w.message,
                })
                .collect();
            Ok((root, warnings))
        }
        Err(e) => Err(StreamError {
            text: format!("error converting YAML to JSON: {}", e.message),
            problem: e.problem,
            pos: shift(e.pos),
        }),
    }
}

/// Chunk-relative → file position (the first chunk line may start mid-line
/// after a JSON document).
fn shift_pos(p: Pos, start: Pos) -> Pos {
    if p.line <= 1 {
        Pos::new(start.line, start.col + p.col.saturating_sub(1))
    } else {
        Pos::new(start.line + p.line - 1, p.col)
    }
}

fn shift_tree(n: &mut Node, start: Pos) {
    n.pos = shift_pos(n.pos, start);
    match &mut n.kind {
        NodeKind::Seq(items) => items.iter_mut().for_each(|i| shift_tree(i, start)),
        NodeKind::Map(entries) => {
            for e in entries {
                e.key_pos = shift_pos(e.key_pos, start);
                shift_tree(&mut e.value, start);
            }
        }
        _ => {}
    }
}

/// `10 MiB`, `1 MiB`, or `N bytes` for limits that are not whole MiB.
fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

/// Byte offset → line:column, in time proportional to the distance from
/// the previous question (the stream only moves forward), so that a file
/// of many small documents is not read over and over.
struct Locator<'t> {
    text: &'t str,
    /// Byte offsets where lines start.
    starts: Vec<usize>,
    last: (usize, Pos),
}

impl<'t> Locator<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            text,
            starts,
            last: (0, Pos::new(1, 1)),
        }
    }

    fn pos(&mut self, byte: usize) -> Pos {
        let chars =
            |a: usize, b: usize| self.text.get(a..b).map_or(0, |s| s.chars().count()) as u32;
        let (lb, lp) = self.last;
        let line = self.starts.partition_point(|&s| s <= byte);
        let pos = if byte >= lb && line as u32 == lp.line {
            Pos::new(lp.line, lp.col + chars(lb, byte))
        } else {
            let start = self
                .starts
                .get(line.saturating_sub(1))
                .copied()
                .unwrap_or(0);
            Pos::new(line as u32, 1 + chars(start, byte))
        };
        self.last = (byte, pos);
        pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(s: &str) -> (Vec<RawDoc>, Option<StreamError>) {
        read_stream(s, &DEFAULT_STREAM_LIMITS)
    }

    fn names(docs: &[RawDoc]) -> Vec<String> {
        docs.iter()
            .map(|d| {
                d.value["metadata"]["name"]
                    .as_str()
                    .unwrap_or("?")
                    .to_string()
            })
            .collect()
    }

    const CM: &str = r#""apiVersion": "v1", "kind": "ConfigMap""#;

    #[test]
    fn yaml_documents_are_cut_at_separator_lines() {
        let (docs, err) =
            read("# lead\n---\na: 1\n--- # c\n---\nb: 2\n...\n---\n\n# only comments\n---\n~\n");
        assert!(err.is_none());
        assert_eq!(
            docs.iter().map(|d| d.value.clone()).collect::<Vec<_>>(),
            vec![json!({"a": 1}), json!({"b": 2})]
        );
        assert_eq!(docs[1].start, Pos::new(6, 1));
        assert_eq!(docs[1].positions.get("b").unwrap().key, Pos::new(6, 1));
    }

    #[test]
    fn errors_count_lines_from_the_chunk_but_point_into_the_file() {
        let (docs, err) = read("a: 1\n---\nb: 2\nc: @\n");
        assert_eq!(docs.len(), 1);
        let e = err.unwrap();
        assert_eq!(e.text, "error converting YAML to JSON: yaml: line 2: found character that cannot start any token");
        assert_eq!(e.pos, Pos::new(4, 4));
    }

    #[test]
    fn bad_separator_stops_the_stream() {
        // kubectl's line reader fails before handing out the document in
        // front of the bad separator.
        let (docs, err) = read("a: 1\n--- foo\nb: 2\n");
        assert_eq!(docs.len(), 0);
        assert_eq!(err.unwrap().text, "invalid Yaml document separator: foo");
    }

    #[test]
    fn json_streams_and_fallbacks_follow_kubectl_1_33() {
        // Concatenated JSON documents, then YAML without a separator.
        let s = format!("{{{CM}, \"metadata\": {{\"name\": \"x\"}}}}{{{CM}, \"metadata\": {{\"name\": \"y\"}}}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: q\n");
        let (docs, err) = read(&s);
        assert!(err.is_none());
        assert_eq!(names(&docs), ["x", "y", "q"]);
        assert_eq!(
            docs[2].positions.get("metadata.name").unwrap().value,
            Pos::new(5, 9)
        );
        // Not JSON (trailing comma) but valid YAML: accepted.
        let (docs, err) = read(&format!("{{{CM}, \"metadata\": {{\"name\": \"x\"}},}}\n"));
        assert!(err.is_none());
        assert_eq!(names(&docs), ["x"]);
        // Neither: the JSON error, with its absolute offset.
        let (docs, err) = read(&format!("{{{CM}, \"metadata\": {{\"name\": \"x\"}}}}\n{{\"apiVersion\": \"v1\" \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"y\"}}}}\n"));
        assert_eq!(names(&docs), ["x"]);
        assert_eq!(
            err.unwrap().text,
            "json: offset 90: invalid character '\"' after object key:value pair"
        );
        let (_, err) = read(&format!("{{{CM}, \"metadata\": {{\"name\": \"x\"}}\n"));
        assert_eq!(err.unwrap().text, "unexpected EOF");
        // After a YAML document the stream stays YAML.
        let (_, err) = read(&format!(
            "a: 1\n---\n{{{CM}, \"metadata\": {{\"name\": \"x\"}} \"data\": {{}}}}\n"
        ));
        assert_eq!(
            err.unwrap().text,
            "error converting YAML to JSON: yaml: did not find expected ',' or '}'"
        );
    }

    #[test]
    fn conversion_errors_and_limits() {
        let (_, err) = read("a: .inf\n");
        assert_eq!(
            err.unwrap().text,
            "error converting YAML to JSON: json: unsupported value: +Inf"
        );
        let limits = StreamLimits {
            max_input_bytes: 100,
            max_document_bytes: 20,
            max_documents: 3,
            doc: DEFAULT_LIMITS,
        };
        let (_, err) = read_stream(&"a: 1\n".repeat(30), &limits);
        assert_eq!(
            err.unwrap().text,
            "input is 150 bytes, over the limit of 100 bytes per input"
        );
        let (docs, err) = read_stream("a: 1\n---\nb: 1\n---\nc: 1\n---\nd: 1\n", &limits);
        assert_eq!(docs.len(), 3);
        assert_eq!(
            err.unwrap().text,
            "input has more than 3 documents (the limit per input)"
        );
        let (docs, err) = read_stream("a: 1\n---\nb: 123456789012345678901234\n", &limits);
        assert_eq!(docs.len(), 1);
        assert_eq!(
            err.unwrap().text,
            "document is 28 bytes, over the limit of 20 bytes per document"
        );
    }

    #[test]
    fn crlf_line_ends() {
        let (docs, err) = read("a: 1\r\n---\r\nb: x\r\n");
        assert!(err.is_none());
        assert_eq!(docs[1].value, json!({"b": "x"}));
    }
}
