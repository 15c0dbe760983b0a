//! Manifests: YAML and JSON text in, typed objects or positioned
//! diagnostics out, the way kubectl 1.33–1.35 reads `-f FILE`; plus the
//! other things kubectl does with manifests on the client: `-o yaml|json`
//! printing, JSON merge / JSON / strategic merge patches, and the
//! three-way merge of client-side `kubectl apply`.
//!
//! The only module that knows YAML. May not import browser crates (yew,
//! web_sys, gloo, js_sys, wasm_bindgen); no clock, no randomness, no panics
//! on any input.
//!
//! Entry points:
//! - [`parse`] / [`parse_bytes`]: a file → [`Parsed`] (objects in order,
//!   per-object errors, the error that stopped the stream, diagnostics);
//!   [`Manifest::diagnostic_for`] points an API server field error at the
//!   text;
//! - [`print::to_yaml`], [`print::to_json`], [`print::to_json_compact`],
//!   [`print::list`];
//! - [`patch::merge_patch`], [`patch::json_patch`], [`smp::apply`]
//!   (strategic merge), [`apply::plan_apply`] (client-side apply);
//! - [`diff::diff`] / [`diff::unified`] for a line diff of two renderings;
//! - [`report`]: how kubectl words errors about objects of a file.
//!
//! Pipeline: `stream` cuts the text into documents (kubectl's
//! YAMLOrJSONDecoder), `yaml`/`json` read each into a positioned `tree`,
//! `decode` runs kubectl's client-side checks and the API server's strict
//! decoding (`check`, against `schema`), and builds typed objects.

pub mod apply;
pub mod check;
pub mod convert;
mod decode;
pub mod diff;
pub mod gofmt;
pub mod goparse;
pub mod json;
pub mod patch;
pub mod positions;
pub mod print;
pub mod report;
pub mod resolve;
pub mod schema;
mod schema_defs;
pub mod smp;
pub mod stream;
pub mod tree;
pub mod validate;
pub mod yaml;

use serde_json::Value;

pub use positions::{FieldPos, Pos, Positions};

use crate::engine::apiserver::{ApiError, FieldError};
use crate::engine::objects::{Kind, Object};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A message about a place in the text (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// `FILE:LINE:COL: message` (`ordinal check`), warnings marked.
    pub fn render(&self, source: &str) -> String {
        match self.severity {
            Severity::Error => format!("{source}:{}:{}: {}", self.line, self.col, self.message),
            Severity::Warning => format!(
                "{source}:{}:{}: warning: {}",
                self.line, self.col, self.message
            ),
        }
    }
}

/// What the file turned into, in the order kubectl reads it.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The name the file is known by (`web.yaml`, `STDIN` for `-f -`).
    pub source: String,
    /// One entry per object (items of a `kind: List` each count), or per
    /// object kubectl could not even map.
    pub entries: Vec<Entry>,
    /// The error that ended the stream (YAML syntax, bad separator,
    /// missing `apiVersion`/`kind`, a size limit). Entries before it are
    /// still acted on by kubectl.
    pub stream_error: Option<ClientError>,
    /// Things kubectl accepts silently (duplicate keys, invalid UTF-8).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Entry {
    Object(Manifest),
    /// kubectl reports this one and goes on with the next object.
    Error(ClientError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientErrorKind {
    /// `error parsing FILE: …` (stops the stream).
    Parse,
    /// `error validating "FILE": …` (stops the stream).
    Validation,
    /// `unable to decode "FILE": …`.
    Decode,
    /// `resource mapping not found for name: …`.
    Mapping,
}

/// An error kubectl finds before talking to the API server.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientError {
    pub kind: ClientErrorKind,
    /// The text as kubectl prints it, without the `error: ` that
    /// precedes it when it is the only error of the command.
    pub text: String,
    pub diagnostic: Diagnostic,
}

impl ClientError {
    pub fn stops_stream(&self) -> bool {
        matches!(
            self.kind,
            ClientErrorKind::Parse | ClientErrorKind::Validation
        )
    }
}

/// One object of the file.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// Index of its document in the file (0-based, empty documents skipped).
    pub doc: usize,
    /// Index within a `kind: List`.
    pub item: Option<usize>,
    pub kind: Kind,
    pub api_version: String,
    /// `metadata.name` / `metadata.namespace` as written ("" if absent).
    pub name: String,
    pub namespace: String,
    /// The object as written (the JSON kubectl would send; the input of the
    /// last-applied annotation).
    pub raw: Value,
    pub positions: Positions,
    /// The typed object, or the API server's decoding error
    /// (`Error from server (BadRequest): … cannot be handled as a …`), which
    /// kubectl only sees when it sends the object.
    pub object: Result<Object, ApiError>,
    /// Where the decoding problems are (unknown fields, the type error).
    pub findings: Vec<Diagnostic>,
}

impl Manifest {
    /// The labels as written (`metadata.labels`; what the resource
    /// builder's `-l` filter reads of a file's object).
    pub fn labels(&self) -> crate::engine::objects::Labels {
        self.raw["metadata"]["labels"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?.into())))
            .collect()
    }

    /// Points a validation error of the API server at the text: the field
    /// if it was written, else its nearest written ancestor.
    pub fn diagnostic_for(&self, err: &FieldError) -> Diagnostic {
        let pos = self
            .positions
            .lookup(&err.field)
            .map(|(_, p)| p.value)
            .unwrap_or_default();
        Diagnostic {
            line: pos.line,
            col: pos.col,
            severity: Severity::Error,
            message: err.to_string(),
        }
    }
}

impl Parsed {
    pub fn manifests(&self) -> impl Iterator<Item = &Manifest> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Object(m) => Some(m),
            Entry::Error(_) => None,
        })
    }

    /// Whether kubectl would say `error: no objects passed to apply`.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every diagnostic for the editor, in text order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self.warnings.clone();
        for e in &self.entries {
            match e {
                Entry::Object(m) => out.extend(m.findings.iter().cloned()),
                Entry::Error(c) => out.push(c.diagnostic.clone()),
            }
        }
        if let Some(e) = &self.stream_error {
            out.push(e.diagnostic.clone());
        }
        crate::sort::sort_by_key(&mut out, |a| (a.line, a.col, a.severity));
        out
    }
}

/// Reads a manifest file as `kubectl apply -f SOURCE` would.
pub fn parse(text: &str, source: &str) -> Parsed {
    let (docs, err) = stream::read_stream(text, &stream::DEFAULT_STREAM_LIMITS);
    decode::decode(source, docs, err)
}

/// Like [`parse`] for raw bytes. kubectl reads invalid UTF-8 as U+FFFD
/// without complaint; the editor gets a warning at the first bad byte.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Parsed {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, source),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let pos = yaml::pos_at_byte(&text, e.valid_up_to());
            let mut parsed = parse(&text, source);
            parsed.warnings.insert(
                0,
                Diagnostic {
                    line: pos.line,
                    col: pos.col,
                    severity: Severity::Warning,
                    message: "invalid UTF-8; kubectl reads it as U+FFFD".into(),
                },
            );
            parsed
        }
    }
}
