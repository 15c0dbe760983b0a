//! The console's shell: one interpreter for the POSIX sh subset of
//! docs/console.md ("Script language"), used three ways:
//!
//! - the web console: [`completeness`] tells whether typed or pasted text is
//!   a whole command (else the page shows a `> ` prompt and waits for more),
//!   then [`Shell::run_line`] runs it and returns a [`Transcript`];
//! - `ordinal run`: [`parse`] the whole script first (a [`SyntaxError`] has
//!   the 1-based line for `FILE:LINE: message`, exit 2), then
//!   [`Shell::run_script`]; the transcript's `Display` is the exact text;
//! - `sh -c '…'` inside simulated containers: [`Shell::run_source`].
//!
//! The interpreter knows nothing about Kubernetes: every simple command that
//! is not a shell builtin or a text filter goes to a [`Host`], which also
//! owns files and time (`sleep` is the host's). Output is limited and
//! every run is bounded by [`Limits`]; no clock, no randomness, ordered maps.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

mod arith;
mod ast;
mod builtins;
mod cond;
mod expand;
mod filters;
mod format;
mod interp;
mod invocation;
mod io;
mod lexer;
mod limits;
mod lookup;
mod parser;
pub(crate) mod pattern;
mod redirect;
pub(crate) mod regex;
mod shell;
mod transcript;

#[cfg(test)]
mod tests;

pub use ast::{Item, Script};
pub use invocation::{parse_shell_line, MissingCommand, ScriptSource, ShellLine};
pub use io::{Io, Stream};
pub use limits::Limits;
pub use parser::{parse_with, Pending, SyntaxError};
pub use shell::{Delivery, Shell};
pub use transcript::{End, Entry, Transcript};

/// What a host answers for: the commands that are not the shell's own,
/// and the files that redirections, `cat`, `.` and `test -f` use.
pub trait Host {
    /// Runs one command after expansion; returns its exit status. Unknown
    /// commands print [`not_found`]'s message and return 127.
    fn exec(&mut self, cmd: &Invocation<'_>, io: &mut Io) -> i32;

    /// Reads a file (`< file`, `cat file`, `. file`); Err is the reason
    /// as the shell appends it, e.g. `No such file or directory`.
    fn read_file(&mut self, path: &str) -> Result<String, String> {
        let _ = path;
        Err("No such file or directory".into())
    }

    /// Writes (`> file`) or appends (`>> file`) a file; an empty `data`
    /// with `append == false` creates or truncates it.
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let _ = (path, data, append);
        Err("Read-only file system".into())
    }

    /// What is at `path` (`test -e/-f/-d`); by default files are what `read_file` can read.
    fn file_type(&mut self, path: &str) -> Option<FileType> {
        self.read_file(path).ok().map(|_| FileType::File)
    }

    /// Called before every command; true stops the run (a budget of
    /// simulated time or work is spent). The host prints its own reason.
    fn should_stop(&mut self) -> bool {
        false
    }

    /// A limit on loop iterations or commands was hit. True ends the run
    /// quietly, as `should_stop` does (a container's main process that has
    /// been waiting all along is still waiting, not failed); false reports
    /// the limit and goes on as the shell does.
    fn stop_at_limit(&mut self) -> bool {
        false
    }
    /// Where the program `name` is (`command -v`, `type`); None when the
    /// host has no such program.
    fn command_path(&mut self, name: &str) -> Option<String> {
        let _ = name;
        None
    }

    /// Whether the text tools are GNU coreutils (Debian-based images) rather
    /// than busybox applets: their error messages differ.
    fn gnu_coreutils(&self) -> bool {
        false
    }

    /// The working directory and the previous one, as absolute paths, for
    /// `$PWD` and `$OLDPWD` after a `cd` the host ran; `None` for a host
    /// without directories.
    fn working_dirs(&self) -> Option<(String, Option<String>)> {
        None
    }
}

/// One command for the host to run.
#[derive(Clone, Copy, Debug)]
pub struct Invocation<'a> {
    /// The words after expansion; `argv[0]` is the command name.
    pub argv: &'a [String],
    /// Piped or redirected input; None when nothing is connected (a
    /// terminal: commands that would wait for input must not). The shell
    /// does not consume it: a `while read` loop around the command goes on.
    pub stdin: Option<&'a str>,
    /// Exported variables and `NAME=value` prefixes, sorted by name.
    pub env: &'a [(String, String)],
    /// How deeply the calling shell is nested; [`Shell::nested`] uses it
    /// to bound shells started from shells.
    pub depth: usize,
    /// Whether the command's standard output is where the shell's is (the
    /// terminal, for the console): false inside a pipe but its last stage,
    /// a `$(…)` or a redirection to a file. `ls` lists one name per line
    /// when it is not, as it does when stdout is not a terminal.
    pub tty: bool,
}

/// What a path names, for `test -e/-f/-d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    File,
    Dir,
}

/// Prints sh's answer for an unknown command (`sh: foo: not found`) and returns 127.
pub fn not_found(io: &mut Io, name: &str) -> i32 {
    io.err(&format!("sh: {name}: not found\n"));
    127
}

/// Parses a script with the default limits.
pub fn parse(src: &str) -> Result<Script, SyntaxError> {
    parse_with(src, &Limits::default())
}

/// Whether console input can run now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Completeness {
    /// Run it (a syntax error that more text cannot fix also counts: running shows it).
    Complete,
    /// Show a `> ` prompt and append the next line.
    NeedsMore(Pending),
}

/// Decides between running console input and asking for a continuation
/// line: an open quote, heredoc or `$(`, a `for` without `done`, a trailing
/// `\`, `&&`, `||` or `|`.
pub fn completeness(src: &str) -> Completeness {
    match parser::parse_tail(src, &Limits::default()) {
        (Err(e), _) => e
            .pending
            .map_or(Completeness::Complete, Completeness::NeedsMore),
        (Ok(_), Some(p)) => Completeness::NeedsMore(p),
        (Ok(_), None) => Completeness::Complete,
    }
}
