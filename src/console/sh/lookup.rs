//! What a command name runs: `command -v`, `command -V`, `type`, and
//! `command NAME …` (NAME without its function). Entrypoint scripts ask
//! `command -v mysqld >/dev/null` before they run a tool; people ask
//! `type kubectl`. Worded as dash and busybox ash describe a command
//! (`describe_command`), or as bash does in a bash shell.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::interp::{Flow, Input};
use super::{builtins, filters, parser, Host, Io, Shell};

/// Builtins of sh that this interpreter leaves to its hosts (the console
/// runs `cd` and `pwd` itself) or does not run; `type` still names them so.
const HOST_BUILTINS: &[&str] = &[
    "cd", "pwd", "kill", "umask", "getopts", "hash", "jobs", "fg", "bg",
];

/// What a name runs, in the order sh looks.
enum Found {
    Keyword,
    Alias(String),
    Function,
    Builtin { special: bool },
    Program(String),
}

impl Shell {
    fn find_command(&self, name: &str, host: &mut dyn Host) -> Option<Found> {
        if parser::is_keyword(name) {
            return Some(Found::Keyword);
        }
        if let Some(v) = self.aliases.get(name) {
            return Some(Found::Alias(v.clone()));
        }
        if self.funcs.contains_key(name) {
            return Some(Found::Function);
        }
        // `exec` and `times` are special builtins the interpreter runs
        // outside its builtin table.
        if matches!(name, "exec" | "times") {
            return Some(Found::Builtin { special: true });
        }
        if builtins::is_builtin(name) || HOST_BUILTINS.contains(&name) {
            return Some(Found::Builtin {
                special: builtins::is_special(name),
            });
        }
        if let Some(path) = host.command_path(name) {
            return Some(Found::Program(path));
        }
        // The text filters run inside the shell here; in an image they are
        // programs.
        if filters::is_filter(name) {
            return Some(Found::Program(format!("/usr/bin/{name}")));
        }
        None
    }

    /// `command -v NAME…` (`verbose`: `command -V`, which is `type`).
    fn describe(&self, names: &[String], verbose: bool, host: &mut dyn Host, io: &mut Io) -> i32 {
        let mut status = 0;
        for name in names {
            let found = self.find_command(name, host);
            if found.is_none() {
                // 127 in dash and ash, 1 in bash.
                status = if self.bash { 1 } else { 127 };
            }
            let line = match (found, verbose) {
                (None, false) => None,
                (None, true) if self.bash => {
                    io.err(&format!("bash: type: {name}: not found\n"));
                    None
                }
                (None, true) => Some(format!("{name}: not found")),
                // dash: `alias ` and the alias as `alias` prints it; bash's
                // already starts with `alias `.
                (Some(Found::Alias(v)), false) if self.bash => Some(self.alias_text(name, &v)),
                (Some(Found::Alias(v)), false) => {
                    Some(format!("alias {}", self.alias_text(name, &v)))
                }
                (Some(Found::Program(p)), false) => Some(p),
                (Some(_), false) => Some(name.clone()),
                (Some(Found::Keyword), true) => Some(format!("{name} is a shell keyword")),
                (Some(Found::Alias(v)), true) if self.bash => {
                    Some(format!("{name} is aliased to `{v}'"))
                }
                (Some(Found::Alias(v)), true) => Some(format!("{name} is an alias for {v}")),
                (Some(Found::Function), true) if self.bash => Some(format!("{name} is a function")),
                (Some(Found::Function), true) => Some(format!("{name} is a shell function")),
                (Some(Found::Builtin { special }), true) => Some(if special && !self.bash {
                    format!("{name} is a special shell builtin")
                } else {
                    format!("{name} is a shell builtin")
                }),
                (Some(Found::Program(p)), true) => Some(format!("{name} is {p}")),
            };
            if let Some(l) = line {
                io.out(&format!("{l}\n"));
            }
        }
        status
    }

    /// `type NAME…`
    pub(crate) fn type_cmd(&self, args: &[String], host: &mut dyn Host, io: &mut Io) -> i32 {
        self.describe(args, true, host, io)
    }

    /// `command [-p] [-v|-V] NAME [ARG…]`
    pub(crate) fn command(
        &mut self,
        args: &[String],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let mut verbose = None;
        let mut i = 0;
        while let Some(a) = args.get(i) {
            match a.as_str() {
                "--" => {
                    i += 1;
                    break;
                }
                // -p (the default PATH) changes nothing here; the last of
                // -v and -V counts.
                o if o.len() > 1
                    && o.starts_with('-')
                    && o[1..].chars().all(|c| matches!(c, 'p' | 'v' | 'V')) =>
                {
                    for c in o[1..].chars() {
                        match c {
                            'v' => verbose = Some(false),
                            'V' => verbose = Some(true),
                            _ => {}
                        }
                    }
                }
                _ => break,
            }
            i += 1;
        }
        let rest = &args[i..];
        if let Some(verbose) = verbose {
            self.status = self.describe(rest, verbose, host, io);
            return Flow::Next;
        }
        if rest.is_empty() {
            self.status = 0;
            return Flow::Next;
        }
        self.dispatch_with(rest, &[], false, host, io, input)
    }
}
