//! The transcript of a run, in console.md's format: for each top-level
//! command `$ ` and its first line, `> ` and each continuation line, then
//! its output, stdout and stderr interleaved as written.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::Stream;
use std::fmt;

/// Why a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The script ran to its end.
    Completed,
    /// `exit N` ran.
    Exit(i32),
    /// A command failed under `set -e` (`ordinal run --strict`).
    Errexit(i32),
    /// The host's `should_stop` said so.
    Stopped,
    /// A limit of `Limits` was hit (its message is in the output).
    Limit,
}

/// One top-level command and what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The command's source lines, as written.
    pub lines: Vec<String>,
    /// Output chunks in write order.
    pub output: Vec<(Stream, String)>,
    /// `$?` after it.
    pub status: i32,
}

/// What a run printed, command by command; `Display` gives the text of
/// console.md's transcript format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcript {
    pub entries: Vec<Entry>,
    /// `$?` at the end.
    pub status: i32,
    pub end: End,
}

impl Entry {
    /// The output as one text.
    pub fn output_text(&self) -> String {
        self.output.iter().map(|(_, s)| s.as_str()).collect()
    }

    /// The output as a terminal shows it: NUL bytes (a tar archive written
    /// to the terminal pads with them) show as nothing. Pipes and files get
    /// the bytes themselves (`| wc -c` counts them).
    pub fn shown_text(&self) -> String {
        let mut out = self.output_text();
        out.retain(|c| c != '\0');
        out
    }
}

impl fmt::Display for Entry {
    /// The echo then the output. Output that does not end with a newline
    /// gets one, so that the next `$ ` starts a line as a prompt would.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines.iter().enumerate() {
            let prompt = if i == 0 { "$ " } else { "> " };
            writeln!(f, "{prompt}{line}")?;
        }
        let out = self.shown_text();
        f.write_str(&out)?;
        if !out.is_empty() && !out.ends_with('\n') {
            f.write_str("\n")?;
        }
        Ok(())
    }
}

impl fmt::Display for Transcript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.entries.iter().try_for_each(|e| write!(f, "{e}"))
    }
}
