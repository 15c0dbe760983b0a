//! A shell's own command line, `sh [-eux…] [-c SRC [NAME ARGS…] | FILE
//! [ARGS…]]`, read once for every host that starts one: a container's
//! `sh`/`bash`/`ash` and the workstation's. The hosts differ only in
//! where a FILE comes from and how they word their errors.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::{Invocation, Limits, Shell};

/// Where the shell's script comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptSource {
    /// `-c SRC`: the text, and the caller's stdin stays the script's stdin.
    Command(String),
    /// `sh FILE`, for the host to read.
    File(String),
    /// Neither: an interactive shell without a terminal reads its stdin.
    Stdin,
}

/// A shell's command line, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellLine {
    /// Single-letter options (`-e`, `-ux`, the others of `-ec`), for
    /// [`Shell::set_flags`].
    pub flags: String,
    pub source: ScriptSource,
    /// `$0`: the shell as it was invoked (`/bin/bash -c 'echo $0'` says
    /// `/bin/bash`), the NAME after `-c SRC`, or the FILE.
    pub arg0: String,
    pub positional: Vec<String>,
}

/// `-c` was the last word: it needs the script after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingCommand;

/// Reads `argv` (`argv[0]` is the shell's name as invoked). Options may be
/// grouped (`-xc`, `-ec`); the first word that is not an option is the
/// FILE, after an optional `--`.
pub fn parse_shell_line(argv: &[String]) -> Result<ShellLine, MissingCommand> {
    let args = argv.get(1..).unwrap_or_default();
    let mut line = ShellLine {
        flags: String::new(),
        source: ScriptSource::Stdin,
        arg0: argv.first().cloned().unwrap_or_default(),
        positional: Vec::new(),
    };
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let short = a.len() > 1 && a.starts_with('-') && !a.starts_with("--");
        if short && a.contains('c') {
            let src = args.get(i + 1).ok_or(MissingCommand)?;
            line.flags.push_str(&a[1..].replace('c', ""));
            line.source = ScriptSource::Command(src.clone());
            if let Some(n) = args.get(i + 2) {
                line.arg0 = n.clone();
                line.positional = args[i + 3..].to_vec();
            }
            return Ok(line);
        }
        if a.starts_with('-') && a.len() > 1 && a != "--" {
            // -e, -u and -x take effect; -l, -i … change nothing here.
            line.flags.push_str(&a[1..]);
            i += 1;
            continue;
        }
        if a == "--" {
            i += 1;
        }
        if let Some(file) = args.get(i) {
            line.source = ScriptSource::File(file.clone());
            line.arg0 = file.clone();
            line.positional = args[i + 1..].to_vec();
        }
        break;
    }
    Ok(line)
}

impl Shell {
    /// The shell a host starts for `line` (one level below the caller's,
    /// [`Shell::nested`]): its options, `$0` and positional parameters, and
    /// bash's syntax when `bash`. Err is the message of the nesting limit.
    pub fn started(
        cmd: &Invocation<'_>,
        line: &ShellLine,
        bash: bool,
        name: &str,
    ) -> Result<Shell, String> {
        let limits = Limits::default();
        let Some(mut shell) = Shell::nested(cmd, limits.clone()) else {
            return Err(format!(
                "{name}: shells nested more than {} deep (limit depth)\n",
                limits.depth
            ));
        };
        shell.set_args(&line.arg0, &line.positional);
        shell.set_bash(bash);
        shell.set_flags(&line.flags);
        Ok(shell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Result<ShellLine, MissingCommand> {
        parse_shell_line(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn the_forms_of_a_shell_command_line() {
        let l = parse(&["/bin/bash", "-ec", "echo $0 $1", "me", "you"]).unwrap();
        assert_eq!(l.source, ScriptSource::Command("echo $0 $1".into()));
        assert_eq!((l.flags.as_str(), l.arg0.as_str()), ("e", "me"));
        assert_eq!(l.positional, ["you"]);
        let l = parse(&["/bin/bash", "-c", "true"]).unwrap();
        assert_eq!(l.arg0, "/bin/bash", "$0 is the shell as invoked");
        let l = parse(&["sh", "-x", "--", "run.sh", "a"]).unwrap();
        assert_eq!(l.source, ScriptSource::File("run.sh".into()));
        assert_eq!((l.flags.as_str(), l.arg0.as_str()), ("x", "run.sh"));
        assert_eq!(l.positional, ["a"]);
        assert_eq!(parse(&["sh"]).unwrap().source, ScriptSource::Stdin);
        assert_eq!(parse(&["sh", "-c"]), Err(MissingCommand));
    }
}
