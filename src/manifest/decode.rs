//! From parsed documents to typed objects, in the order kubectl's resource
//! builder works through a file:
//!
//! 1. schema validation of `apiVersion`/`kind` (`error validating "FILE":
//!    error validating data: apiVersion not set; …`), which stops the
//!    stream;
//! 2. `kind: List` (any `…List` kind with `items`) expands to its items;
//! 3. decoding of `metadata` (`unable to decode "FILE": json: cannot
//!    unmarshal …`), per object;
//! 4. the REST mapping (`resource mapping not found for name: …`), per
//!    object;
//! 5. the API server's strict decoding (unknown fields, type errors), kept
//!    as an `ApiError::BadRequest` on the object: kubectl only learns it
//!    when it sends the object.
//!
//! May not import browser crates.

use serde_json::Value;

use super::check::{check, without_nulls, Finding, Outcome};
use super::positions::{Positions, Segment};
use super::print::to_json_compact;
use super::schema::{schema, Ty};
use super::stream::{RawDoc, StreamError};
use super::{ClientError, ClientErrorKind, Diagnostic, Entry, Manifest, Parsed, Severity};
use crate::engine::apiserver::{go_quote, ApiError};
use crate::engine::objects::{Kind, Object};

const STOP_VALIDATE: &str =
    "if you choose to ignore these errors, turn validation off with --validate=false";

/// Turns the stream reader's output into kubectl's view of the file.
pub(crate) fn decode(source: &str, docs: Vec<RawDoc>, stream_error: Option<StreamError>) -> Parsed {
    let mut parsed = Parsed {
        source: source.to_string(),
        entries: Vec::new(),
        stream_error: None,
        warnings: Vec::new(),
    };
    for doc in docs {
        parsed
            .warnings
            .extend(doc.warnings.iter().map(|w| Diagnostic {
                line: w.pos.line,
                col: w.pos.col,
                severity: Severity::Warning,
                message: w.message.clone(),
            }));
        if let Err(e) = validate(&doc, source) {
            // kubectl's stream visitor returns here: nothing after it is read.
            parsed.stream_error = Some(e);
            return parsed;
        }
        let items = match list_items(&doc.value) {
            Some(items) => items,
            None => {
                parsed.entries.push(decode_object(
                    source,
                    doc.index,
                    None,
                    doc.value,
                    doc.positions,
                ));
                continue;
            }
        };
        for (i, item) in items.into_iter().enumerate() {
            let positions = doc
                .positions
                .subtree(&[Segment::Key("items".into()), Segment::Index(i)]);
            parsed
                .entries
                .push(decode_object(source, doc.index, Some(i), item, positions));
        }
    }
    if let Some(e) = stream_error {
        parsed.stream_error = Some(ClientError {
            kind: ClientErrorKind::Parse,
            text: format!("error parsing {source}: {}", e.text),
            diagnostic: Diagnostic {
                line: e.pos.line,
                col: e.pos.col,
                severity: Severity::Error,
                message: e.problem,
            },
        });
    }
    parsed
}

/// kubectl's `getObjectKind` check, done before anything else.
fn validate(doc: &RawDoc, source: &str) -> Result<(), ClientError> {
    let mut errs: Vec<String> = Vec::new();
    let mut at = doc.positions.lookup("").map(|(_, p)| p.value);
    match &doc.value {
        Value::Object(m) => {
            match m.get("apiVersion") {
                None | Some(Value::Null) => errs.push("apiVersion not set".into()),
                Some(Value::String(av)) => {
                    if av.matches('/').count() > 1 {
                        errs.push(format!("unexpected GroupVersion string: {av}"));
                        at = doc.positions.get("apiVersion").map(|p| p.value).or(at);
                    }
                }
                Some(_) => {
                    errs.push("apiVersion isn't string type".into());
                    at = doc.positions.get("apiVersion").map(|p| p.value).or(at);
                }
            }
            match m.get("kind") {
                None | Some(Value::Null) => errs.push("kind not set".into()),
                Some(Value::String(_)) => {}
                Some(_) => {
                    errs.push("kind isn't string type".into());
                    at = at.or_else(|| doc.positions.get("kind").map(|p| p.value));
                }
            }
        }
        _ => errs.push("invalid object to validate".into()),
    }
    if errs.is_empty() {
        return Ok(());
    }
    errs.dedup();
    let joined = match errs.as_slice() {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    };
    let pos = at.unwrap_or(doc.start);
    Err(ClientError {
        kind: ClientErrorKind::Validation,
        text: format!(
            "error validating {}: error validating data: {joined}; {STOP_VALIDATE}",
            go_quote(source)
        ),
        diagnostic: Diagnostic {
            line: pos.line,
            col: pos.col,
            severity: Severity::Error,
            message: joined,
        },
    })
}

/// The items of a `kind: List` (or any `…List` with an `items` array).
fn list_items(v: &Value) -> Option<Vec<Value>> {
    let kind = v.get("kind")?.as_str()?;
    if !kind.ends_with("List") {
        return None;
    }
    v.get("items")?.as_array().cloned()
}

fn decode_object(
    source: &str,
    doc: usize,
    item: Option<usize>,
    value: Value,
    positions: Positions,
) -> Entry {
    let diag_at = |path: &str, key: bool, message: String| -> Diagnostic {
        let p = positions
            .lookup(path)
            .map(|(_, p)| if key { p.key } else { p.value })
            .unwrap_or_default();
        Diagnostic {
            line: p.line,
            col: p.col,
            severity: Severity::Error,
            message,
        }
    };
    let name = value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let namespace = value
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let api_version = value
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let kind_name = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if !value.is_object() || kind_name.is_empty() {
        let text = format!(
            "unable to decode {}: Object 'Kind' is missing in '{}'",
            go_quote(source),
            to_json_compact(&value)
        );
        return Entry::Error(ClientError {
            kind: ClientErrorKind::Decode,
            text,
            diagnostic: diag_at("", false, "Object 'Kind' is missing".into()),
        });
    }
    // kubectl decodes metadata itself (into a metadata-only struct).
    let meta = check(
        &value,
        schema()
            .by_name("metadataOnlyObject")
            .unwrap_or(schema().root(Kind::Pod)),
        false,
    );
    if let Some(e) = meta.error {
        let path = super::positions::render_path(&e.path);
        return Entry::Error(ClientError {
            kind: ClientErrorKind::Decode,
            text: format!("unable to decode {}: {}", go_quote(source), e.message),
            diagnostic: diag_at(&path, false, e.message),
        });
    }
    let Some(kind) = Kind::from_api_version_kind(&api_version, &kind_name) else {
        let message = format!(
            "no matches for kind {} in version {}",
            go_quote(&kind_name),
            go_quote(&api_version)
        );
        let text = format!("resource mapping not found for name: {} namespace: {} from {}: {message}\nensure CRDs are installed first", go_quote(&name), go_quote(&namespace), go_quote(source));
        return Entry::Error(ClientError {
            kind: ClientErrorKind::Mapping,
            text,
            diagnostic: diag_at("kind", false, message),
        });
    };
    let outcome = check(&value, schema().root(kind), true);
    let mut findings = findings_diagnostics(&outcome, &positions);
    let version = api_version.rsplit('/').next().unwrap_or("").to_string();
    let object = match outcome.message() {
        Some(m) => Err(cannot_handle(&kind_name, &version, &m)),
        None => {
            let typed = without_nulls(&value, &Ty::Struct(schema().root(kind)), 0);
            Object::from_value(kind, typed).map_err(|e| {
                // The schema accepted it but Ordinal's typed object did not.
                findings.push(diag_at("", false, e.clone()));
                cannot_handle(&kind_name, &version, &e)
            })
        }
    };
    Entry::Object(Manifest {
        doc,
        item,
        kind,
        api_version,
        name,
        namespace,
        raw: value,
        positions,
        object,
        findings,
    })
}

/// The API server's words for an object it cannot decode.
fn cannot_handle(kind: &str, version: &str, message: &str) -> ApiError {
    ApiError::BadRequest(format!(
        "{kind} in version {} cannot be handled as a {kind}: {message}",
        go_quote(version)
    ))
}

fn findings_diagnostics(outcome: &Outcome, positions: &Positions) -> Vec<Diagnostic> {
    let one = |f: &Finding| {
        let path = super::positions::render_path(&f.path);
        let p = positions
            .lookup(&path)
            .map(|(_, p)| if f.at_key { p.key } else { p.value })
            .unwrap_or_default();
        Diagnostic {
            line: p.line,
            col: p.col,
            severity: Severity::Error,
            message: f.message.clone(),
        }
    };
    match &outcome.error {
        Some(e) => vec![one(e)],
        None => outcome.unknown.iter().map(one).collect(),
    }
}
