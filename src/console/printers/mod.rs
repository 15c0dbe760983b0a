//! What kubectl 1.35 prints, byte for byte: `get` tables (`table`,
//! `columns`), `describe`, `-o jsonpath`, `-o custom-columns`,
//! `-o go-template`, `-o name`, `kubectl events`, and the
//! `rollout status|history` texts.
//!
//! Every printer is a pure function of the engine's state and the simulated
//! clock: nothing here reads a clock, writes to the engine or allocates
//! randomness, and nothing panics on odd input (a malformed template is an
//! `Err` with kubectl's wording). Ages are measured against `engine.now()`.
//!
//! Where an API-server default is missing from a stored object (a Service
//! port without `protocol`, a StatefulSet without `updateStrategy`), the
//! printers show the defaulted value, because kubectl always receives
//! defaulted objects from a real API server.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

mod columns;
pub mod custom_columns;
pub mod describe;
pub mod events;
pub mod go_json;
pub mod gofmt;
pub mod gosort;
pub mod gotemplate;
pub mod jsonpath;
pub mod name;
mod quantity;
pub mod rollout;
pub mod sort_by;
pub mod table;
pub mod tabwriter;
mod wire;

pub use custom_columns::custom_columns;
pub use describe::{describe, describe_many};
pub use events::{events_table, EventsOptions};
pub use gotemplate::go_template;
pub use jsonpath::jsonpath;
pub use name::name_output;
pub use rollout::{rollout_history, rollout_status, RolloutStatus};
pub use table::{get_groups, get_table, TableOptions, WatchPrinter, ALL_KINDS};
pub use wire::{list_value, wire_value};

/// Which stream a piece of output goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Output written to stdout and stderr, in the order kubectl writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub chunks: Vec<(Stream, String)>,
}

impl Output {
    pub fn push(&mut self, stream: Stream, text: impl Into<String>) {
        let text = text.into();
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((s, t)) if *s == stream => t.push_str(&text),
            _ => self.chunks.push((stream, text)),
        }
    }

    /// Everything written to stdout.
    pub fn stdout(&self) -> String {
        self.collect(Some(Stream::Stdout))
    }

    /// Everything written to stderr.
    pub fn stderr(&self) -> String {
        self.collect(Some(Stream::Stderr))
    }

    /// Both streams interleaved, as a terminal shows them.
    pub fn text(&self) -> String {
        self.collect(None)
    }

    fn collect(&self, only: Option<Stream>) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| only.is_none_or(|o| o == *s))
            .map(|(_, t)| t.as_str())
            .collect()
    }
}

/// How kubectl prints an error on stderr (`cmdutil.CheckErr`): `error: `
/// before the message and a newline after it unless it already ends in one.
pub fn error_text(message: &str) -> String {
    let mut s = format!("error: {message}");
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}
