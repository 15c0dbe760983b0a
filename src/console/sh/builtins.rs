//! Shell builtins: the commands that change the shell itself (`exit`,
//! `export`, `set`, `read`, `break`, `eval`, `.`) and the small ones every
//! image has (`echo`, `printf`, `test`, `seq`, `xargs`), worded as busybox.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use std::rc::Rc;

use super::interp::{Flow, Input};
use super::shell::Var;
use super::Shell;
use super::{cond, format, Host, Io};

const BUILTINS: &[&str] = &[
    ":", ".", "[", "alias", "break", "command", "continue", "echo", "eval", "exit", "export",
    "false", "local", "printf", "read", "readonly", "return", "seq", "set", "shift", "source",
    "test", "trap", "true", "type", "ulimit", "unalias", "unset", "wait", "xargs",
];

pub(crate) fn is_builtin(name: &str) -> bool {
    BUILTINS.contains(&name)
}

/// POSIX's special builtins: `NAME=value` before them stays set afterwards.
pub(crate) fn is_special(name: &str) -> bool {
    [
        ":", ".", "break", "continue", "eval", "exit", "export", "readonly", "return", "set",
        "shift", "trap", "unset",
    ]
    .contains(&name)
}

/// `'…'` quoting as `export -p` and `set` print values.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Linux's signal names as busybox spells them, by number (0 is EXIT).
const SIGNALS: &[&str] = &[
    "EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
    "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
    "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];

/// Linux's NSIG: signal numbers go up to 64 (the real-time ones).
const NSIG: u32 = 65;

/// busybox's `get_signum`: a number below NSIG, or a name in any case,
/// with or without `SIG` (`TERM`, `SIGTERM`, `sigterm`; `EXIT`; `IOT`,
/// `POLL` and `CLD` as aliases).
pub(crate) fn signal_number(name: &str) -> Option<u8> {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        return name
            .parse::<u32>()
            .ok()
            .filter(|n| *n < NSIG)
            .map(|n| n as u8);
    }
    let upper = name.to_ascii_uppercase();
    let bare = upper.strip_prefix("SIG").unwrap_or(&upper);
    let bare = match bare {
        "IOT" => "ABRT",
        "POLL" => "IO",
        "CLD" => "CHLD",
        other => other,
    };
    SIGNALS.iter().position(|s| *s == bare).map(|i| i as u8)
}

/// busybox's `get_signame`: the short name, or the number for the
/// real-time signals.
pub(crate) fn signal_name(signo: u8) -> String {
    SIGNALS
        .get(usize::from(signo))
        .map_or_else(|| signo.to_string(), |s| (*s).to_string())
}

/// ash's `single_quote`: runs of text in `'…'`, runs of quotes in `"…"`
/// (`it's` is `'it'"'"'s'`).
fn single_quote(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    loop {
        let plain = rest.find('\'').unwrap_or(rest.len());
        out.push('\'');
        out.push_str(&rest[..plain]);
        out.push('\'');
        rest = &rest[plain..];
        if rest.is_empty() {
            return out;
        }
        let quotes = rest.find(|c| c != '\'').unwrap_or(rest.len());
        out.push('"');
        out.push_str(&rest[..quotes]);
        out.push('"');
        rest = &rest[quotes..];
        if rest.is_empty() {
            return out;
        }
    }
}

/// A count argument of `break`, `shift`, `exit`…; None if it is not one.
fn count(args: &[String], default: i64) -> Option<i64> {
    match args.first() {
        None => Some(default),
        Some(a) => a.trim().parse::<i64>().ok().filter(|n| *n >= 0),
    }
}

impl Shell {
    pub(crate) fn builtin(
        &mut self,
        argv: &[String],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let args = &argv[1..];
        let status = match argv[0].as_str() {
            ":" | "true" | "wait" => 0,
            "false" => 1,
            "echo" => echo(args, io),
            "printf" => printf(args, io),
            "test" => test(args, host, io),
            "[" => match args.split_last() {
                Some((last, rest)) if last == "]" => test(rest, host, io),
                _ => {
                    io.err("sh: missing ]\n");
                    2
                }
            },
            "seq" => seq(args, io),
            "read" => self.read(args, input),
            "export" | "readonly" => self.export_cmd(args, io),
            "local" => self.local(args, io),
            "unset" => self.unset(args),
            "alias" => self.alias(args, io),
            "type" => self.type_cmd(args, host, io),
            "command" => return self.command(args, host, io, input),
            "unalias" => self.unalias(args, io),
            "set" => self.set(args, io),
            "shift" => match count(args, 1) {
                Some(n) if n as usize <= self.args.len() => {
                    self.args.drain(..n as usize);
                    0
                }
                _ => {
                    io.err("sh: shift: can't shift that many\n");
                    1
                }
            },
            "exit" | "return" => {
                let Some(n) = count(args, self.status as i64) else {
                    let msg = format!("sh: {}: Illegal number: {}\n", argv[0], args[0]);
                    return self.fail(io, &msg, 2);
                };
                self.status = (n & 0xff) as i32;
                return if argv[0] == "exit" {
                    Flow::Exit
                } else {
                    Flow::Return
                };
            }
            "break" | "continue" => {
                let Some(n) = count(args, 1).filter(|n| *n > 0) else {
                    let msg = format!("sh: {}: Illegal number: {}\n", argv[0], args[0]);
                    return self.fail(io, &msg, 2);
                };
                self.status = 0;
                if self.loops == 0 {
                    return Flow::Next;
                }
                let n = (n as u32).min(self.loops);
                return if argv[0] == "break" {
                    Flow::Break(n)
                } else {
                    Flow::Continue(n)
                };
            }
            "eval" => return self.eval(&args.join(" "), "eval", host, io, input),
            "trap" => return self.trap(args, io),
            "." | "source" => {
                let Some(path) = args.first() else {
                    io.err("sh: .: filename argument required\n");
                    self.status = 2;
                    return Flow::Next;
                };
                match host.read_file(path) {
                    Ok(src) => {
                        let saved = (!args[1..].is_empty())
                            .then(|| std::mem::replace(&mut self.args, args[1..].to_vec()));
                        let flow = self.eval(&src, ".", host, io, input);
                        if let Some(a) = saved {
                            self.args = a;
                        }
                        return flow;
                    }
                    Err(e) => {
                        io.err(&format!("sh: .: can't open '{path}': {e}\n"));
                        2
                    }
                }
            }
            "xargs" => return self.xargs(args, host, io, input),
            "ulimit" => self.ulimit(args, io),
            _ => 127,
        };
        self.status = status;
        Flow::Next
    }

    /// Runs a trap's action in this shell. Unlike `eval` it keeps `$?`:
    /// the action sees the status of the command it interrupted.
    pub(crate) fn eval_action(
        &mut self,
        src: &str,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        self.run_text(src, "trap", false, host, io, input)
    }

    /// `trap [ACTION] CONDITION…` and `trap` alone, as busybox ash has it:
    /// conditions are signal names (any case, with or without `SIG`),
    /// numbers, or `EXIT`/`0`; the action `''` ignores the signal, `-` (or
    /// no action, when the first operand is a number or the only one)
    /// restores the default. Alone, it lists the traps set, in signal
    /// order, as `trap -- 'ACTION' NAME`.
    fn trap(&mut self, args: &[String], io: &mut Io) -> Flow {
        let mut ops = args;
        if let Some(first) = ops.first() {
            if first == "--" {
                ops = &ops[1..];
            } else if first.len() > 1 && first.starts_with('-') {
                let c = first.chars().nth(1).unwrap_or('-');
                return self.fail(io, &format!("sh: trap: illegal option -{c}\n"), 2);
            }
        }
        let Some(first) = ops.first() else {
            for (signo, action) in &self.traps {
                io.out(&format!(
                    "trap -- {} {}\n",
                    single_quote(action),
                    signal_name(*signo)
                ));
            }
            self.status = 0;
            return Flow::Next;
        };
        let is_number = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
        let (action, conditions) = if ops.len() > 1 && !is_number {
            (Some(first.as_str()), &ops[1..])
        } else {
            (None, ops)
        };
        let mut status = 0;
        for name in conditions {
            let Some(signo) = signal_number(name) else {
                io.err(&format!("sh: trap: {name}: invalid signal specification\n"));
                status = 1;
                continue;
            };
            match action {
                None | Some("-") => {
                    self.traps.remove(&signo);
                }
                Some(a) => {
                    self.traps.insert(signo, a.to_string());
                }
            }
        }
        self.status = status;
        Flow::Next
    }

    /// Runs text as commands of this shell (`eval`, `.`).
    fn eval(
        &mut self,
        src: &str,
        what: &str,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        match self.run_text(src, what, true, host, io, input) {
            Flow::Return if what == "." => Flow::Next,
            other => other,
        }
    }

    /// Parses `src` and runs it one nesting level deeper (`what` names the
    /// level in a too-deep error); `reset_status` starts it at `$?` = 0.
    fn run_text(
        &mut self,
        src: &str,
        what: &str,
        reset_status: bool,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let script = match self.parse_source(src) {
            Ok(s) => s,
            Err(e) => return self.fail(io, &format!("{e}\n"), 2),
        };
        if let Err(flow) = self.enter(what, io) {
            return flow;
        }
        if reset_status {
            self.status = 0;
        }
        let outer_aliases = self.alias_view.clone();
        let mut flow = Flow::Next;
        for item in &script.items {
            self.read_aliases();
            flow = self.run_list(&item.body, host, io, input);
            if flow != Flow::Next {
                break;
            }
        }
        self.alias_view = outer_aliases;
        self.depth -= 1;
        flow
    }

    fn read(&mut self, args: &[String], input: &mut Input) -> i32 {
        let mut raw = false;
        let mut names = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "-r" => raw = true,
                "-p" | "-t" | "-n" | "-u" | "-d" => {
                    it.next();
                }
                s if s.starts_with('-') && names.is_empty() && s.len() > 1 => {}
                _ => names.push(a.clone()),
            }
        }
        let mut line = String::new();
        // As in sh, a last line without its newline is read but fails.
        let mut got = false;
        while let Some((l, ended)) = input.read_line() {
            got = ended;
            if raw {
                line = l;
                break;
            }
            // Without -r a backslash escapes the next character and a
            // trailing one joins the next line.
            let mut chars = l.chars().peekable();
            let mut cont = false;
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some(n) => line.push(n),
                        None => cont = true,
                    }
                } else {
                    line.push(c);
                }
            }
            if !cont {
                break;
            }
        }
        let ifs = self.get_var("IFS").unwrap_or(" \t\n").to_string();
        let is_ws = |c: char| ifs.contains(c) && c.is_whitespace();
        if names.is_empty() {
            names.push("REPLY".into());
        }
        let mut rest = line.trim_start_matches(is_ws);
        for (i, name) in names.iter().enumerate() {
            let value = if i + 1 == names.len() {
                rest.trim_end_matches(is_ws).to_string()
            } else {
                let end = rest.find(|c| ifs.contains(c)).unwrap_or(rest.len());
                let field = rest[..end].to_string();
                rest = &rest[end..];
                let mut delim_seen = false;
                rest = rest.trim_start_matches(|c: char| {
                    let eat = is_ws(c) || (!delim_seen && ifs.contains(c));
                    delim_seen |= ifs.contains(c) && !c.is_whitespace();
                    eat
                });
                field
            };
            if self.set_var(name, value).is_err() {
                return 2;
            }
        }
        if got {
            0
        } else {
            1
        }
    }

    fn export_cmd(&mut self, args: &[String], io: &mut Io) -> i32 {
        let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if names.is_empty() {
            let mut out = String::new();
            for (k, v) in self.vars.iter().filter(|(_, v)| v.exported) {
                out += &format!("export {k}={}\n", quote(&v.value));
            }
            io.out(&out);
            return 0;
        }
        let mut status = 0;
        for a in names {
            let (name, value) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (a.as_str(), None),
            };
            if !super::parser::goodname(name) {
                io.err(&format!("sh: export: {name}: bad variable name\n"));
                status = 1;
                continue;
            }
            if let Some(v) = value {
                if let Err(e) = self.set_var(name, v) {
                    io.err(&format!("sh: {e}\n"));
                    status = 1;
                }
            }
            self.export(name);
        }
        status
    }

    fn local(&mut self, args: &[String], io: &mut Io) -> i32 {
        let Some(frame) = self.locals.last() else {
            io.err("sh: local: not in a function\n");
            return 2;
        };
        let mut frame_names: Vec<String> = frame.iter().map(|(n, _)| n.clone()).collect();
        for a in args {
            let (name, value) = a
                .split_once('=')
                .map_or((a.as_str(), None), |(n, v)| (n, Some(v)));
            if !frame_names.iter().any(|n| n == name) {
                let old: Option<Var> = self.vars.get(name).cloned();
                if let Some(frame) = self.locals.last_mut() {
                    frame.push((name.to_string(), old));
                }
                frame_names.push(name.to_string());
            }
            if let Some(v) = value {
                if self.set_var(name, v.to_string()).is_err() {
                    return 2;
                }
            }
        }
        0
    }

    fn unset(&mut self, args: &[String]) -> i32 {
        let funcs = args.first().is_some_and(|a| a == "-f");
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            if funcs {
                self.funcs.remove(a);
            } else {
                self.unset_var(a);
            }
        }
        0
    }

    /// `alias [NAME[=VALUE]…]`: with a value it defines, without one it
    /// prints, as ash prints (`k='kubectl'`) or bash (`alias k='kubectl'`).
    fn alias(&mut self, args: &[String], io: &mut Io) -> i32 {
        let show =
            |sh: &Shell, name: &str, value: &str| format!("{}\n", sh.alias_text(name, value));
        let names: Vec<&String> = match args.split_first() {
            Some((p, rest)) if self.bash && p == "-p" => rest.iter().collect(),
            Some((o, _)) if self.bash && o.len() > 1 && o.starts_with('-') && o != "--" => {
                io.err(&format!(
                    "bash: alias: {o}: invalid option\nalias: usage: alias [-p] [name[=value] ... ]\n"
                ));
                return 2;
            }
            _ => args.iter().filter(|a| !(self.bash && *a == "--")).collect(),
        };
        if names.is_empty() {
            let out: String = self.aliases.iter().map(|(n, v)| show(self, n, v)).collect();
            io.out(&out);
            return 0;
        }
        let mut status = 0;
        for a in names {
            // ash looks for `=` after the first character: `=x` is a name.
            match a.char_indices().skip(1).find(|(_, c)| *c == '=') {
                Some((i, _)) => {
                    Rc::make_mut(&mut self.aliases)
                        .insert(a[..i].to_string(), a[i + 1..].to_string());
                }
                None => match self.aliases.get(a.as_str()) {
                    Some(v) => io.out(&show(self, a, v)),
                    None => {
                        io.err(&self.no_alias("alias", a));
                        status = 1;
                    }
                },
            }
        }
        status
    }

    /// An alias as `alias` prints it: `k='kubectl'` (ash's `printalias`,
    /// quotes as `single_quote` writes them), bash's `alias k='kubectl'`.
    pub(crate) fn alias_text(&self, name: &str, value: &str) -> String {
        if self.bash {
            format!("alias {name}={}", quote(value))
        } else {
            format!("{name}={}", single_quote(value))
        }
    }

    /// `alias`'s and `unalias`'s message for a name that is no alias.
    fn no_alias(&self, cmd: &str, name: &str) -> String {
        if self.bash {
            format!("bash: {cmd}: {name}: not found\n")
        } else {
            format!("{cmd}: {name} not found\n")
        }
    }

    /// `unalias [-a] NAME…`
    fn unalias(&mut self, args: &[String], io: &mut Io) -> i32 {
        if args.first().is_some_and(|a| a == "-a") {
            Rc::make_mut(&mut self.aliases).clear();
            return 0;
        }
        if args.is_empty() && self.bash {
            io.err("unalias: usage: unalias [-a] name [name ...]\n");
            return 2;
        }
        let mut status = 0;
        for a in args {
            if !self.aliases.contains_key(a.as_str()) {
                io.err(&self.no_alias("unalias", a));
                status = 1;
            } else {
                Rc::make_mut(&mut self.aliases).remove(a.as_str());
            }
        }
        status
    }

    /// Runs a command whose first word is an alias: the alias's value,
    /// then the command's other words (already expanded, quoted again),
    /// read as shell text. sh substitutes the text into the line it reads,
    /// so a value with `;` or `|` would bind with what follows the alias
    /// on that line; here the value and the words run as one command,
    /// which is the same for the usual `alias k=kubectl`, `alias
    /// kgp='kubectl get pods'`. Assignments before the alias stay in front.
    pub(crate) fn run_alias(
        &mut self,
        name: &str,
        assigns: &[(String, String)],
        rest: &[String],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let Some(value) = self.alias_view.get(name).cloned() else {
            return Flow::Next;
        };
        let mut src = String::new();
        for (n, v) in assigns {
            src.push_str(&format!("{n}={} ", quote(v)));
        }
        src.push_str(&value);
        for w in rest {
            src.push(' ');
            src.push_str(&quote(w));
        }
        self.aliasing.push(name.to_string());
        let flow = self.run_text(&src, "alias", false, host, io, input);
        self.aliasing.pop();
        flow
    }

    fn set(&mut self, args: &[String], io: &mut Io) -> i32 {
        if args.is_empty() {
            let out: String = self
                .vars
                .iter()
                .map(|(k, v)| format!("{k}={}\n", quote(&v.value)))
                .collect();
            io.out(&out);
            return 0;
        }
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            if a == "--" {
                i += 1;
                break;
            }
            let on = match a.chars().next() {
                Some('-') => true,
                Some('+') => false,
                _ => break,
            };
            if &a[1..] == "o" {
                match args.get(i + 1).map(String::as_str) {
                    Some("errexit") => self.opts.errexit = on,
                    Some("xtrace") => self.opts.xtrace = on,
                    Some("nounset") => self.opts.nounset = on,
                    Some("pipefail") => self.opts.pipefail = on,
                    Some(other) => {
                        io.err(&format!("sh: set: illegal option -o {other}\n"));
                        return 2;
                    }
                    None => {}
                }
                i += 2;
                continue;
            }
            for c in a[1..].chars() {
                match c {
                    'e' => self.opts.errexit = on,
                    'x' => self.opts.xtrace = on,
                    'u' => self.opts.nounset = on,
                    'f' | 'v' | 'h' | 'm' | 'C' | 'a' | 'b' | 'n' => {}
                    _ => {
                        io.err(&format!("sh: set: illegal option -{c}\n"));
                        return 2;
                    }
                }
            }
            i += 1;
        }
        if i < args.len() || args.last().is_some_and(|a| a == "--") {
            self.args = args[i..].to_vec();
        }
        0
    }

    /// `xargs [-n N] [-I R] [COMMAND [ARGS]]`: builds command lines from
    /// the words of its input and runs them like any command.
    fn xargs(
        &mut self,
        args: &[String],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let mut per: Option<usize> = None;
        let mut replace: Option<String> = None;
        let mut i = 0;
        while let Some(a) = args.get(i).filter(|a| a.starts_with('-') && a.len() > 1) {
            match a.as_str() {
                "-n" | "-I" | "-L" => {
                    let v = args.get(i + 1).cloned().unwrap_or_default();
                    if a == "-I" {
                        replace = Some(v);
                    } else {
                        per = v.parse().ok().filter(|n| *n > 0);
                    }
                    i += 2;
                }
                s if s.starts_with("-n") => {
                    per = s[2..].parse().ok().filter(|n| *n > 0);
                    i += 1;
                }
                s if s.starts_with("-I") => {
                    replace = Some(s[2..].to_string());
                    i += 1;
                }
                _ => i += 1,
            }
        }
        let mut cmd: Vec<String> = args.get(i..).unwrap_or_default().to_vec();
        if cmd.is_empty() {
            cmd.push("echo".into());
        }
        let text = input.rest().unwrap_or("").to_string();
        input.consume();
        let runs: Vec<Vec<String>> = match &replace {
            Some(r) => text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| cmd.iter().map(|a| a.replace(r.as_str(), l)).collect())
                .collect(),
            None => {
                let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
                let chunk = per.unwrap_or(words.len().max(1));
                if words.is_empty() {
                    vec![cmd.clone()]
                } else {
                    words
                        .chunks(chunk)
                        .map(|c| cmd.iter().cloned().chain(c.iter().cloned()).collect())
                        .collect()
                }
            }
        };
        let mut failed = false;
        for argv in runs {
            let flow = self.dispatch(&argv, &[], host, io, &mut Input::none());
            failed |= self.status != 0;
            if let Flow::Abort(_) = flow {
                return flow;
            }
        }
        self.status = if failed { 123 } else { 0 };
        Flow::Next
    }
}

/// busybox echo: leading `-n`, `-e`, `-E` options (combinable), escapes only with `-e`.
fn echo(args: &[String], io: &mut Io) -> i32 {
    let (mut newline, mut esc) = (true, false);
    let mut i = 0;
    while let Some(a) = args
        .get(i)
        .filter(|a| a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "neE".contains(c)))
    {
        for c in a[1..].chars() {
            match c {
                'n' => newline = false,
                'e' => esc = true,
                _ => esc = false,
            }
        }
        i += 1;
    }
    let mut out = String::new();
    for (k, a) in args[i..].iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if esc {
            if !format::escapes(a, true, &mut out) {
                io.out(&out);
                return 0;
            }
        } else {
            out.push_str(a);
        }
    }
    if newline {
        out.push('\n');
    }
    io.out(&out);
    0
}

fn printf(args: &[String], io: &mut Io) -> i32 {
    let Some(fmt) = args.first() else {
        io.err("printf: usage: printf FORMAT [ARGUMENT...]\n");
        return 2;
    };
    let (mut out, mut errs) = (String::new(), Vec::new());
    format::printf(fmt, &args[1..], false, &mut out, &mut errs);
    io.out(&out);
    for e in &errs {
        io.err(&format!("printf: {e}\n"));
    }
    (!errs.is_empty()) as i32
}

fn test(args: &[String], host: &mut dyn Host, io: &mut Io) -> i32 {
    match cond::test(args, host) {
        Ok(v) => (!v) as i32,
        Err(e) => {
            io.err(&format!("sh: {e}\n"));
            2
        }
    }
}

/// `seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST` on integers; stops early
/// when the output is full.
fn seq(args: &[String], io: &mut Io) -> i32 {
    let (mut sep, mut width) = ("\n".to_string(), false);
    let mut nums = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-w" => width = true,
            "-s" => sep = it.next().cloned().unwrap_or_default(),
            s if s.starts_with("-s") => sep = s[2..].to_string(),
            s => match s.parse::<i64>() {
                Ok(n) => nums.push(n),
                Err(_) => {
                    io.err(&format!("seq: invalid number '{s}'\n"));
                    return 1;
                }
            },
        }
    }
    let (first, step, last) = match nums[..] {
        [l] => (1, 1, l),
        [f, l] => (f, 1, l),
        [f, s, l] => (f, s, l),
        _ => {
            io.err("Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n");
            return 1;
        }
    };
    if step == 0 {
        return 0;
    }
    let pad = if width {
        first.to_string().len().max(last.to_string().len())
    } else {
        0
    };
    let mut out = String::new();
    let mut n = first;
    let mut first_item = true;
    while (step > 0 && n <= last) || (step < 0 && n >= last) {
        if !first_item {
            out.push_str(&sep);
        }
        first_item = false;
        out += &format!("{n:0pad$}");
        if out.len() >= 4096 {
            io.out(&std::mem::take(&mut out));
            if io.is_full() {
                return 0;
            }
        }
        let Some(next) = n.checked_add(step) else {
            break;
        };
        n = next;
    }
    if !first_item {
        out.push('\n');
    }
    io.out(&out);
    0
}

/// The container runtime's resource limits (containerd's defaults on a kind
/// node): open files 1048576 soft and hard, the rest unlimited but the
/// stack, 8192 KiB.
const NOFILE_HARD: u64 = 1_048_576;

impl Shell {
    /// `ulimit [-SH] [-n|-f|-s|-u|-c|-v] [LIMIT]`: prints a limit, or lowers
    /// (or raises up to the hard limit) the open-files one; the others are
    /// unlimited (the stack 8192 KiB) and stay so. Nothing in the model
    /// runs out of files, so the limit is only kept to be printed back.
    fn ulimit(&mut self, args: &[String], io: &mut Io) -> i32 {
        let mut which = 'f';
        let mut hard = false;
        let mut value: Option<&str> = None;
        for a in args {
            if let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) {
                for c in flags.chars() {
                    match c {
                        'H' => hard = true,
                        'S' => hard = false,
                        'n' | 'f' | 's' | 'u' | 'c' | 'v' | 'l' | 'm' | 't' => which = c,
                        _ => {
                            io.err(&format!("sh: ulimit: illegal option -{c}\n"));
                            return 2;
                        }
                    }
                }
            } else {
                value = Some(a);
            }
        }
        let current = match which {
            'n' if hard => NOFILE_HARD.to_string(),
            'n' => self.nofile.unwrap_or(NOFILE_HARD).to_string(),
            's' => "8192".to_string(),
            _ => "unlimited".to_string(),
        };
        let Some(v) = value else {
            io.out(&format!("{current}\n"));
            return 0;
        };
        let wanted = if v == "unlimited" {
            None
        } else {
            match v.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    io.err(&format!("sh: ulimit: bad number: {v}\n"));
                    return 2;
                }
            }
        };
        match (which, wanted) {
            ('n', Some(n)) if n <= NOFILE_HARD => {
                if !hard {
                    self.nofile = Some(n);
                }
                0
            }
            ('n', _) => {
                io.err("sh: ulimit: error setting limit (Operation not permitted)\n");
                2
            }
            // Unlimited already: lowering is allowed and not modelled.
            _ => 0,
        }
    }
}
