//! A shell's state and the entry points: variables, functions, options,
//! positional parameters, the last status, the counters the limits apply
//! to, and the three ways to run (a script with its transcript, a console
//! line, `sh -c` text).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::Command;
use super::interp::{Abort, Flow, Input};
use super::transcript::{End, Entry, Transcript};
use super::{parse_with, Host, Invocation, Io, Limits, Script, Stream};
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub(crate) struct Var {
    pub value: String,
    pub exported: bool,
}

/// What a signal did to a running shell ([`Shell::deliver`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// No trap: the signal's default action (which the kernel does not
    /// take for PID 1).
    Default,
    /// `trap '' SIG`: ignored.
    Ignored,
    /// The trap's action ran and the script went on.
    Resumed,
    /// The trap's action ended the shell with this status.
    Exited(i32),
}

/// `set -e`, `-x`, `-u`, `-o pipefail`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Opts {
    pub errexit: bool,
    pub xtrace: bool,
    pub nounset: bool,
    pub pipefail: bool,
}

impl Opts {
    /// `$-`
    pub fn flags(&self) -> String {
        [(self.errexit, 'e'), (self.nounset, 'u'), (self.xtrace, 'x')]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, c)| *c)
            .collect()
    }
}

/// State that a subshell (`( … )`, `$( … )`, a pipe stage) gets a copy of.
pub(crate) struct Saved {
    vars: BTreeMap<String, Var>,
    arrays: BTreeMap<String, Vec<String>>,
    funcs: BTreeMap<String, Rc<Command>>,
    aliases: Rc<BTreeMap<String, String>>,
    args: Vec<String>,
    opts: Opts,
    traps: BTreeMap<u8, String>,
}

/// One shell: variables, functions, options, positional parameters, the
/// status of the last command, and the counters its limits apply to.
/// Cloning is cheap (function bodies are shared), so a page can keep it
/// in its state.
#[derive(Clone, Debug)]
pub struct Shell {
    pub(crate) vars: BTreeMap<String, Var>,
    /// bash arrays (only `BASH_REMATCH`, which `=~` sets).
    pub(crate) arrays: BTreeMap<String, Vec<String>>,
    /// Whether this shell is bash: `[[ … ]]`, `${name[i]}`, `$(<file)`.
    /// busybox ash and dash are not (`[[` is then a command that is not found).
    pub(crate) bash: bool,
    pub(crate) funcs: BTreeMap<String, Rc<Command>>,
    /// `alias NAME=VALUE` definitions, by name; shared copy-on-write with
    /// `alias_view` (`Rc::make_mut` copies only while a view holds them).
    pub(crate) aliases: Rc<BTreeMap<String, String>>,
    /// The aliases as they were when the command running now was read:
    /// sh substitutes aliases as it reads a line, so one defined (or
    /// removed) on a line takes effect from the next (`alias k=kubectl; k`
    /// on one line is `k: not found`). Taken per top-level command and
    /// per `eval`/`.` text ([`Shell::read_aliases`]).
    pub(crate) alias_view: Rc<BTreeMap<String, String>>,
    /// The aliases being expanded now: an alias is not expanded again
    /// inside its own value (`alias ls='ls -F'`), as POSIX says.
    pub(crate) aliasing: Vec<String>,
    /// Whether this shell reads lines typed at a prompt ([`Shell::run_line`]):
    /// bash expands aliases only then (its `expand_aliases` is off in
    /// `bash -c` and scripts); ash and dash always do.
    pub(crate) interactive: bool,
    /// The limits of this shell (they may be changed between runs).
    pub limits: Limits,
    pub(crate) status: i32,
    pub(crate) args: Vec<String>,
    pub(crate) arg0: String,
    pub(crate) pid: u32,
    pub(crate) opts: Opts,
    /// Nesting of function calls, `$(…)`, `eval`, `.` and child shells.
    pub(crate) depth: usize,
    /// Loops currently running (for `break`/`continue`).
    pub(crate) loops: u32,
    /// Saved values to restore when the current function returns (`local`).
    pub(crate) locals: Vec<Vec<(String, Option<Var>)>>,
    /// Status of the last `$(…)` of the current command.
    pub(crate) subst_status: Option<i32>,
    commands: u64,
    run_output: usize,
    /// Running a condition (`if`, `while`, `&&`, `!`): `set -e` does not apply.
    pub(crate) cond: u32,
    pub(crate) errexit_hit: bool,
    /// `trap` actions by signal number (0 is EXIT); an empty action
    /// ignores the signal.
    pub(crate) traps: BTreeMap<u8, String>,
    /// The soft limit on open files `ulimit -n N` set, if it did.
    pub(crate) nofile: Option<u64>,
    /// Whether what the command being run writes to its standard output
    /// reaches the terminal: not inside a pipe (but its last stage), a
    /// `$(…)` or a redirection to a file (`Invocation::tty`).
    pub(crate) stdout_tty: bool,
}

impl Default for Shell {
    fn default() -> Self {
        Shell::with_limits(Limits::default())
    }
}

impl Shell {
    /// A shell with the default limits and no variables.
    pub fn new() -> Shell {
        Shell::default()
    }

    /// A shell with the given limits and no variables.
    pub fn with_limits(limits: Limits) -> Shell {
        Shell {
            vars: BTreeMap::new(),
            arrays: BTreeMap::new(),
            bash: false,
            funcs: BTreeMap::new(),
            aliases: Rc::default(),
            alias_view: Rc::default(),
            aliasing: Vec::new(),
            interactive: false,
            limits,
            status: 0,
            args: Vec::new(),
            arg0: "sh".into(),
            pid: 1,
            opts: Opts::default(),
            depth: 0,
            loops: 0,
            locals: Vec::new(),
            subst_status: None,
            commands: 0,
            run_output: 0,
            cond: 0,
            errexit_hit: false,
            traps: BTreeMap::new(),
            nofile: None,
            stdout_tty: true,
        }
    }

    /// The shell a host starts for `sh -c` (in a container, or `sh` at the
    /// console): the caller's exported variables become its variables, and
    /// it is one level deeper, so shells started from shells stay bounded.
    /// None past `limits.depth`.
    pub fn nested(cmd: &Invocation<'_>, limits: Limits) -> Option<Shell> {
        if cmd.depth + 1 >= limits.depth {
            return None;
        }
        let mut sh = Shell::with_limits(limits);
        for (k, v) in cmd.env {
            sh.vars.insert(
                k.clone(),
                Var {
                    value: v.clone(),
                    exported: true,
                },
            );
        }
        sh.depth = cmd.depth + 1;
        Some(sh)
    }

    /// `$PWD` as a shell sets it when it starts: the directory it started
    /// in, exported (`sh -c env` lists it).
    pub fn set_pwd(&mut self, pwd: &str) {
        let _ = self.set_var("PWD", pwd.to_string());
        self.export("PWD");
    }

    /// The status of the last command (`$?`).
    pub fn status(&self) -> i32 {
        self.status
    }

    /// Sets `$0` and the positional parameters (`sh -c 'cmd' name a b`).
    pub fn set_args(&mut self, arg0: &str, args: &[String]) {
        self.arg0 = arg0.to_string();
        self.args = args.to_vec();
    }

    /// Makes this shell bash (see the `bash` field); sh stays the default.
    pub fn set_bash(&mut self, on: bool) {
        self.bash = on;
    }

    /// Options given on the shell's command line (`sh -ex -c …`): `e`, `u`
    /// and `x` as `set -e`, `set -u`, `set -x` would set them.
    pub fn set_flags(&mut self, flags: &str) {
        for c in flags.chars() {
            match c {
                'e' => self.opts.errexit = true,
                'u' => self.opts.nounset = true,
                'x' => self.opts.xtrace = true,
                _ => {}
            }
        }
    }

    /// The source parsed as this shell reads it.
    pub(crate) fn parse_source(&self, src: &str) -> Result<Script, super::SyntaxError> {
        if self.bash {
            super::parser::parse_bash(src, &self.limits)
        } else {
            parse_with(src, &self.limits)
        }
    }

    /// Sets the value `$$` expands to.
    pub fn set_pid(&mut self, pid: u32) {
        self.pid = pid;
    }

    /// Turns `set -e` on or off (what `ordinal run --strict` uses).
    pub fn set_errexit(&mut self, on: bool) {
        self.opts.errexit = on;
    }

    /// A variable's value; None when it is unset.
    pub fn get_var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.value.as_str())
    }

    /// Sets a variable; fails when the value is over `Limits::value_bytes`.
    pub fn set_var(&mut self, name: &str, value: String) -> Result<(), String> {
        if value.len() > self.limits.value_bytes {
            return Err(format!(
                "{name}: value larger than {} bytes (limit value_bytes)",
                self.limits.value_bytes
            ));
        }
        match self.vars.get_mut(name) {
            Some(v) => v.value = value,
            None => {
                self.vars.insert(
                    name.to_string(),
                    Var {
                        value,
                        exported: false,
                    },
                );
            }
        }
        Ok(())
    }

    /// Marks a variable for the environment of commands (creating it empty).
    pub fn export(&mut self, name: &str) {
        self.vars
            .entry(name.to_string())
            .or_insert(Var {
                value: String::new(),
                exported: true,
            })
            .exported = true;
    }

    /// Removes a variable (`unset`).
    pub fn unset_var(&mut self, name: &str) {
        self.vars.remove(name);
    }

    /// The exported variables, sorted by name: the environment hosts see.
    pub fn env(&self) -> Vec<(String, String)> {
        self.vars
            .iter()
            .filter(|(_, v)| v.exported)
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect()
    }

    /// Puts variables back as they were (None: unset), the last saved first.
    pub(crate) fn restore_vars(&mut self, saved: Vec<(String, Option<Var>)>) {
        for (name, old) in saved.into_iter().rev() {
            match old {
                Some(v) => self.vars.insert(name, v),
                None => self.vars.remove(&name),
            };
        }
    }

    /// Takes the aliases as they are now for the command about to be read.
    pub(crate) fn read_aliases(&mut self) {
        self.alias_view = Rc::clone(&self.aliases);
    }

    pub(crate) fn save(&self) -> Saved {
        Saved {
            vars: self.vars.clone(),
            arrays: self.arrays.clone(),
            funcs: self.funcs.clone(),
            aliases: self.aliases.clone(),
            args: self.args.clone(),
            opts: self.opts,
            traps: self.traps.clone(),
        }
    }

    pub(crate) fn restore(&mut self, s: Saved) {
        self.vars = s.vars;
        self.arrays = s.arrays;
        self.funcs = s.funcs;
        self.aliases = s.aliases;
        self.args = s.args;
        self.opts = s.opts;
        self.traps = s.traps;
    }

    /// Enters one more level of nesting (a compound command, a function
    /// call, `$(…)`, `eval`, `.`); the caller leaves with `depth -= 1`.
    /// Past `Limits::depth` it fails instead, so the interpreter's
    /// recursion, and the stack it uses, stay bounded on any input.
    pub(crate) fn enter(&mut self, what: &str, io: &mut Io) -> Result<(), Flow> {
        if self.depth >= self.limits.depth {
            let msg = format!(
                "sh: {what}: nested more than {} levels deep (limit depth)\n",
                self.limits.depth
            );
            return Err(self.fail(io, &msg, 2));
        }
        self.depth += 1;
        Ok(())
    }

    /// Prints an error, sets the status and abandons the command line.
    pub(crate) fn fail(&mut self, io: &mut Io, msg: &str, status: i32) -> Flow {
        io.err(msg);
        self.status = status;
        Flow::Error
    }

    /// Runs a parsed script as a terminal session would show it: one
    /// transcript entry per top-level command. Stops at `exit`, at a failing
    /// command under `set -e`, when a limit is hit or the host says stop.
    pub fn run_script(&mut self, script: &Script, host: &mut dyn Host) -> Transcript {
        self.start_run();
        let mut t = Transcript {
            entries: Vec::new(),
            status: self.status,
            end: End::Completed,
        };
        for item in &script.items {
            self.read_aliases();
            let mut io = Io::with_limit(self.limits.output_per_command);
            let flow = self.run_list(&item.body, host, &mut io, &mut Input::none());
            let mut end = self.end_of(flow);
            self.run_output += io.len();
            if end.is_none() && self.run_output > self.limits.output_per_run {
                io.err(&format!(
                    "sh: stopped after {} bytes of output (limit output_per_run)\n",
                    self.limits.output_per_run
                ));
                end = Some(End::Limit);
            }
            t.entries.push(Entry {
                lines: item.lines.clone(),
                output: io.into_chunks(),
                status: self.status,
            });
            if let Some(end) = end {
                t.end = end;
                break;
            }
        }
        t.status = self.status;
        t
    }

    /// Parses and runs console input: a syntax error becomes an entry whose
    /// output is the error, with status 2, as an interactive sh shows it.
    pub fn run_line(&mut self, src: &str, host: &mut dyn Host) -> Transcript {
        self.interactive = true;
        match parse_with(src, &self.limits) {
            Ok(script) => self.run_script(&script, host),
            Err(e) => {
                self.status = 2;
                let lines = src
                    .trim_end_matches('\n')
                    .split('\n')
                    .map(str::to_string)
                    .collect();
                let output = vec![(Stream::Stderr, format!("{e}\n"))];
                Transcript {
                    entries: vec![Entry {
                        lines,
                        output,
                        status: 2,
                    }],
                    status: 2,
                    end: End::Completed,
                }
            }
        }
    }

    /// Runs `sh -c SRC` inside a container: no echo, output into `io`,
    /// returns the exit status. Stops at the first error as a
    /// non-interactive sh does.
    pub fn run_source(&mut self, src: &str, host: &mut dyn Host, io: &mut Io) -> i32 {
        self.run_source_with_stdin(src, None, host, io)
    }

    /// `run_source` with standard input (`kubectl exec -i … -- sh -c …`).
    pub fn run_source_with_stdin(
        &mut self,
        src: &str,
        stdin: Option<&str>,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> i32 {
        let script = match self.parse_source(src) {
            Ok(s) => s,
            Err(e) => {
                io.err(&format!("{e}\n"));
                self.status = 2;
                return 2;
            }
        };
        self.start_run();
        let mut input = match stdin {
            Some(s) => Input::text(s.to_string()),
            None => Input::none(),
        };
        let mut flow = Flow::Next;
        for item in &script.items {
            self.read_aliases();
            flow = self.run_list(&item.body, host, io, &mut input);
            if matches!(flow, Flow::Exit | Flow::Error | Flow::Abort(_)) {
                break;
            }
        }
        // A shell that was stopped (its budget of time or work is spent) is
        // still running: it has not exited, so its EXIT trap has not run.
        if !matches!(flow, Flow::Abort(_)) {
            self.run_exit_trap(host, io, &mut input);
        }
        self.status
    }

    /// Runs the EXIT trap as the shell exits (busybox ash's `exitshell`):
    /// once, and the exit status stays the one the shell had unless the
    /// action itself calls `exit`.
    pub(crate) fn run_exit_trap(&mut self, host: &mut dyn Host, io: &mut Io, input: &mut Input) {
        let Some(action) = self.traps.remove(&0) else {
            return;
        };
        if action.is_empty() {
            return;
        }
        let saved = self.status;
        let flow = self.eval_action(&action, host, io, input);
        if flow != Flow::Exit {
            self.status = saved;
        }
    }

    /// What this shell does when `signal` reaches it while it runs (the
    /// kubelet's SIGTERM to a container whose PID 1 is this shell): no trap,
    /// the action `''` (ignored), or the trap's action runs; if it calls
    /// `exit` the shell ends with that status (after its EXIT trap),
    /// otherwise the script goes on. `$?` in the action is the status of the
    /// command the signal interrupted.
    pub fn deliver(&mut self, signal: u8, host: &mut dyn Host, io: &mut Io) -> Delivery {
        let Some(action) = self.traps.get(&signal).cloned() else {
            return Delivery::Default;
        };
        if action.is_empty() {
            return Delivery::Ignored;
        }
        let saved = self.status;
        let mut input = Input::none();
        self.start_run();
        match self.eval_action(&action, host, io, &mut input) {
            Flow::Exit => {
                self.run_exit_trap(host, io, &mut input);
                Delivery::Exited(self.status)
            }
            Flow::Abort(_) => Delivery::Resumed,
            _ => {
                self.status = saved;
                Delivery::Resumed
            }
        }
    }

    /// The per-run limits count from zero again (a console runs many times).
    fn start_run(&mut self) {
        self.commands = 0;
        self.run_output = 0;
        self.errexit_hit = false;
    }

    fn end_of(&mut self, flow: Flow) -> Option<End> {
        match flow {
            Flow::Exit if std::mem::take(&mut self.errexit_hit) => Some(End::Errexit(self.status)),
            Flow::Exit => Some(End::Exit(self.status)),
            Flow::Abort(Abort::Limit) => Some(End::Limit),
            Flow::Abort(Abort::Stop) => Some(End::Stopped),
            _ => None,
        }
    }

    /// Counts a command against the limit and asks the host whether to go on.
    pub(crate) fn tick(&mut self, host: &mut dyn Host, io: &mut Io) -> Option<Flow> {
        self.commands += 1;
        if self.commands > self.limits.commands {
            if host.stop_at_limit() {
                return Some(Flow::Abort(Abort::Stop));
            }
            io.err(&format!(
                "sh: stopped after {} commands (limit commands)\n",
                self.limits.commands
            ));
            return Some(Flow::Abort(Abort::Limit));
        }
        host.should_stop().then_some(Flow::Abort(Abort::Stop))
    }
}

impl super::arith::Vars for Shell {
    fn get(&self, name: &str) -> String {
        self.param_value(name).unwrap_or_default()
    }

    fn set(&mut self, name: &str, value: i64) -> Result<(), String> {
        self.set_var(name, value.to_string())
    }
}
