//! The interpreter: walks the syntax tree, keeps variables and options,
//! applies redirections and pipes, and hands every command that is not a
//! builtin or a filter to the `Host`. Pipes run their stages one after the
//! other, each stage's output becoming the next one's input, which gives the
//! same output as concurrent stages for the commands a console runs.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{AndOr, Command, Compound, List, Pipeline, Redir, RedirOp, RedirTarget, Simple};
use super::transcript::{End, Entry, Transcript};
use super::{builtins, filters, parse_with, pattern, Host, Invocation, Io, Limits, Script, Stream};
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub(crate) struct Var {
    pub value: String,
    pub exported: bool,
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

/// How control leaves a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Next,
    Break(u32),
    Continue(u32),
    Return,
    /// `exit` (or `set -e`): leaves the shell or the current subshell.
    Exit,
    /// An expansion or redirection error: abandons the current command line.
    Error,
    /// A limit was hit or the host asked to stop: ends the whole run.
    Abort(Abort),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abort {
    Limit,
    Stop,
}

/// Standard input of a command: piped or redirected text, read from the
/// front. `read` takes one line; filters take all of it.
#[derive(Debug, Default)]
pub(crate) struct Input {
    data: Option<String>,
    pos: usize,
}

impl Input {
    pub fn none() -> Input {
        Input::default()
    }

    pub fn text(s: String) -> Input {
        Input {
            data: Some(s),
            pos: 0,
        }
    }

    /// What is left to read; None when there is no input at all (a terminal).
    pub fn rest(&self) -> Option<&str> {
        self.data.as_deref().map(|d| &d[self.pos..])
    }

    pub fn consume(&mut self) {
        self.pos = self.data.as_ref().map_or(0, String::len);
    }

    /// One line without its newline, and whether the newline was there;
    /// None at the end.
    pub fn read_line(&mut self) -> Option<(String, bool)> {
        let rest = self.rest().filter(|r| !r.is_empty())?;
        let (len, ended) = rest
            .find('\n')
            .map_or((rest.len(), false), |i| (i + 1, true));
        let line = rest[..len].trim_end_matches('\n').to_string();
        self.pos += len;
        Some((line, ended))
    }
}

/// State that a subshell (`( … )`, `$( … )`, a pipe stage) gets a copy of.
pub(crate) struct Saved {
    vars: BTreeMap<String, Var>,
    funcs: BTreeMap<String, Rc<Command>>,
    args: Vec<String>,
    opts: Opts,
}

/// One shell: variables, functions, options, positional parameters, the
/// status of the last command, and the counters its limits apply to.
pub struct Shell {
    pub(crate) vars: BTreeMap<String, Var>,
    pub(crate) funcs: BTreeMap<String, Rc<Command>>,
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
    cond: u32,
    errexit_hit: bool,
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

    pub fn with_limits(limits: Limits) -> Shell {
        Shell {
            vars: BTreeMap::new(),
            funcs: BTreeMap::new(),
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
        }
    }

    /// A shell started from this one (`sh -c` run by a host): exported
    /// variables and limits are inherited; None past the depth limit.
    pub fn child(&self) -> Option<Shell> {
        if self.depth + 1 >= self.limits.depth {
            return None;
        }
        let mut sh = Shell::with_limits(self.limits.clone());
        sh.vars = self
            .vars
            .iter()
            .filter(|(_, v)| v.exported)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        sh.depth = self.depth + 1;
        sh.pid = self.pid + 1;
        Some(sh)
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

    /// Sets the value `$$` expands to.
    pub fn set_pid(&mut self, pid: u32) {
        self.pid = pid;
    }

    /// Turns `set -e` on or off (what `ordinal run --strict` uses).
    pub fn set_errexit(&mut self, on: bool) {
        self.opts.errexit = on;
    }

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

    pub(crate) fn save(&self) -> Saved {
        Saved {
            vars: self.vars.clone(),
            funcs: self.funcs.clone(),
            args: self.args.clone(),
            opts: self.opts,
        }
    }

    pub(crate) fn restore(&mut self, s: Saved) {
        self.vars = s.vars;
        self.funcs = s.funcs;
        self.args = s.args;
        self.opts = s.opts;
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
        let script = match parse_with(src, &self.limits) {
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
        for item in &script.items {
            let flow = self.run_list(&item.body, host, io, &mut input);
            if matches!(flow, Flow::Exit | Flow::Error | Flow::Abort(_)) {
                break;
            }
        }
        self.status
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
    fn tick(&mut self, host: &mut dyn Host, io: &mut Io) -> Option<Flow> {
        self.commands += 1;
        if self.commands > self.limits.commands {
            io.err(&format!(
                "sh: stopped after {} commands (limit commands)\n",
                self.limits.commands
            ));
            return Some(Flow::Abort(Abort::Limit));
        }
        host.should_stop().then_some(Flow::Abort(Abort::Stop))
    }

    pub(crate) fn run_list(
        &mut self,
        list: &List,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        for ao in &list.0 {
            let flow = self.run_andor(ao, host, io, input);
            if flow != Flow::Next {
                return flow;
            }
        }
        Flow::Next
    }

    fn run_andor(
        &mut self,
        ao: &AndOr,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let last = ao.rest.len();
        let pipes =
            std::iter::once((true, &ao.first)).chain(ao.rest.iter().map(|(and, p)| (*and, p)));
        for (i, (and, p)) in pipes.enumerate() {
            if i > 0 && (self.status == 0) != and {
                continue;
            }
            let tested = i < last || p.bang;
            self.cond += tested as u32;
            let flow = self.run_pipeline(p, host, io, input);
            self.cond -= tested as u32;
            if flow != Flow::Next {
                return flow;
            }
            if !tested && self.status != 0 && self.opts.errexit && self.cond == 0 {
                self.errexit_hit = true;
                return Flow::Exit;
            }
        }
        Flow::Next
    }

    fn run_pipeline(
        &mut self,
        p: &Pipeline,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let flow = if p.cmds.len() == 1 {
            self.run_command(&p.cmds[0], host, io, input)
        } else {
            self.run_pipe(&p.cmds, host, io, input)
        };
        if p.bang {
            self.status = (self.status == 0) as i32;
        }
        flow
    }

    /// `a | b | c`: each stage is a subshell fed the previous one's stdout.
    fn run_pipe(
        &mut self,
        cmds: &[Command],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let mut data: Option<String> = None;
        let mut failed = 0;
        for (i, cmd) in cmds.iter().enumerate() {
            let last = i + 1 == cmds.len();
            let saved = self.save();
            let mut cap = Io::with_limit(self.limits.output_per_command);
            let mut own = Input::none();
            let inp = match data.take() {
                Some(d) => {
                    own = Input::text(d);
                    &mut own
                }
                None if i == 0 => &mut *input,
                None => &mut own,
            };
            let out = if last { &mut *io } else { &mut cap };
            let flow = self.run_command(cmd, host, out, inp);
            self.restore(saved);
            if self.status != 0 {
                failed = self.status;
            }
            if let Flow::Abort(_) = flow {
                return flow;
            }
            if !last {
                let mut d = String::new();
                for (stream, text) in cap.into_chunks() {
                    match stream {
                        Stream::Stdout => d.push_str(&text),
                        Stream::Stderr => io.err(&text),
                    }
                }
                data = Some(d);
            }
        }
        if self.opts.pipefail && self.status == 0 {
            self.status = failed;
        }
        Flow::Next
    }

    pub(crate) fn run_command(
        &mut self,
        cmd: &Command,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        match cmd {
            Command::Simple(s) => self.run_simple(s, host, io, input),
            Command::Compound(c, redirs) => {
                self.with_redirs(redirs, host, io, input, |sh, host, io, input| {
                    sh.run_compound(c, host, io, input)
                })
            }
            Command::Func(name, body) => {
                self.funcs.insert(name.clone(), body.clone());
                self.status = 0;
                Flow::Next
            }
        }
    }

    fn run_simple(
        &mut self,
        s: &Simple,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        if let Some(flow) = self.tick(host, io) {
            return flow;
        }
        self.subst_status = None;
        let argv = match self.expand_words(&s.words, host, io) {
            Ok(a) => a,
            Err(flow) => return flow,
        };
        let mut assigns = Vec::with_capacity(s.assigns.len());
        for (name, w) in &s.assigns {
            match self.expand_single(w, host, io) {
                Ok(v) => assigns.push((name.clone(), v)),
                Err(flow) => return flow,
            }
        }
        if self.opts.xtrace {
            let words: Vec<String> = assigns
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .chain(argv.iter().cloned())
                .collect();
            io.err(&format!("+ {}\n", words.join(" ")));
        }
        if argv.is_empty() {
            for (name, value) in assigns {
                if let Err(e) = self.set_var(&name, value) {
                    return self.fail(io, &format!("sh: {e}\n"), 2);
                }
            }
            let status = self.subst_status.unwrap_or(0);
            return self.with_redirs(&s.redirs, host, io, input, |sh, _, _, _| {
                sh.status = status;
                Flow::Next
            });
        }
        self.with_redirs(&s.redirs, host, io, input, |sh, host, io, input| {
            sh.dispatch(&argv, &assigns, host, io, input)
        })
    }

    /// Runs one expanded command: a function, a builtin, a filter, or the host's.
    pub(crate) fn dispatch(
        &mut self,
        argv: &[String],
        assigns: &[(String, String)],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let name = argv[0].as_str();
        let func = self.funcs.get(name).cloned();
        let filter = filters::is_filter(name);
        if func.is_none() && !filter && !builtins::is_builtin(name) {
            let mut env = self.env();
            for (n, v) in assigns {
                env.retain(|(k, _)| k != n);
                env.push((n.clone(), v.clone()));
            }
            env.sort();
            let inv = Invocation {
                argv,
                stdin: input.rest(),
                env: &env,
            };
            self.status = host.exec(&inv, io);
            return Flow::Next;
        }
        // Assignments before a builtin or function last for that command
        // only, except before a special builtin.
        let keep = builtins::is_special(name);
        let saved: Vec<(String, Option<Var>)> = assigns
            .iter()
            .filter(|_| !keep)
            .map(|(n, _)| (n.clone(), self.vars.get(n).cloned()))
            .collect();
        for (n, v) in assigns {
            let _ = self.set_var(n, v.clone());
        }
        let flow = if let Some(body) = func {
            self.call(name, &body, argv, host, io, input)
        } else if filter {
            self.status = filters::run(argv, input.rest(), host, io);
            input.consume();
            Flow::Next
        } else {
            self.builtin(argv, host, io, input)
        };
        for (n, old) in saved {
            match old {
                Some(v) => {
                    self.vars.insert(n, v);
                }
                None => {
                    self.vars.remove(&n);
                }
            }
        }
        flow
    }

    fn call(
        &mut self,
        name: &str,
        body: &Command,
        argv: &[String],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        if self.depth >= self.limits.depth {
            let msg = format!(
                "sh: {name}: calls nested more than {} levels deep (limit depth)\n",
                self.limits.depth
            );
            return self.fail(io, &msg, 2);
        }
        let args = std::mem::replace(&mut self.args, argv[1..].to_vec());
        let loops = std::mem::take(&mut self.loops);
        self.depth += 1;
        self.locals.push(Vec::new());
        let flow = self.run_command(body, host, io, input);
        for (n, old) in self.locals.pop().unwrap_or_default().into_iter().rev() {
            match old {
                Some(v) => {
                    self.vars.insert(n, v);
                }
                None => {
                    self.vars.remove(&n);
                }
            }
        }
        self.depth -= 1;
        self.loops = loops;
        self.args = args;
        match flow {
            Flow::Return | Flow::Break(_) | Flow::Continue(_) => Flow::Next,
            other => other,
        }
    }

    fn run_compound(
        &mut self,
        c: &Compound,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        match c {
            Compound::Group(list) => self.run_list(list, host, io, input),
            Compound::Subshell(list) => {
                let saved = self.save();
                let loops = std::mem::take(&mut self.loops);
                let flow = self.run_list(list, host, io, input);
                self.loops = loops;
                self.restore(saved);
                self.errexit_hit = false;
                match flow {
                    Flow::Abort(_) => flow,
                    _ => Flow::Next,
                }
            }
            Compound::If(branches, otherwise) => {
                for (cond, body) in branches {
                    self.cond += 1;
                    let flow = self.run_list(cond, host, io, input);
                    self.cond -= 1;
                    if flow != Flow::Next {
                        return flow;
                    }
                    if self.status == 0 {
                        return self.run_list(body, host, io, input);
                    }
                }
                self.status = 0;
                match otherwise {
                    Some(body) => self.run_list(body, host, io, input),
                    None => Flow::Next,
                }
            }
            Compound::Loop { until, cond, body } => {
                let kind = if *until { "until" } else { "while" };
                let mut status = 0;
                let mut n = 0;
                loop {
                    if n == self.limits.loop_iterations {
                        break self.loop_limit(kind, io);
                    }
                    n += 1;
                    self.cond += 1;
                    let flow = self.run_list(cond, host, io, input);
                    self.cond -= 1;
                    if flow != Flow::Next {
                        break flow;
                    }
                    if (self.status == 0) == *until {
                        self.status = status;
                        break Flow::Next;
                    }
                    self.loops += 1;
                    let flow = self.run_list(body, host, io, input);
                    self.loops -= 1;
                    status = self.status;
                    match loop_step(flow) {
                        Some(Flow::Next) => continue,
                        Some(out) => break out,
                        None => break Flow::Next,
                    }
                }
            }
            Compound::For { var, items, body } => {
                let items = match items {
                    Some(words) => match self.expand_words(words, host, io) {
                        Ok(v) => v,
                        Err(flow) => return flow,
                    },
                    None => self.args.clone(),
                };
                self.status = 0;
                for (n, item) in items.into_iter().enumerate() {
                    if n as u64 == self.limits.loop_iterations {
                        return self.loop_limit("for", io);
                    }
                    if let Err(e) = self.set_var(var, item) {
                        return self.fail(io, &format!("sh: {e}\n"), 2);
                    }
                    self.loops += 1;
                    let flow = self.run_list(body, host, io, input);
                    self.loops -= 1;
                    match loop_step(flow) {
                        Some(Flow::Next) => {}
                        Some(out) => return out,
                        None => break,
                    }
                }
                Flow::Next
            }
            Compound::Case { word, arms } => {
                let w = match self.expand_single(word, host, io) {
                    Ok(w) => w,
                    Err(flow) => return flow,
                };
                for (patterns, body) in arms {
                    for p in patterns {
                        let pat = match self.expand_pattern(p, host, io) {
                            Ok(p) => p,
                            Err(flow) => return flow,
                        };
                        if pattern::matches(&pat, &w) {
                            self.status = 0;
                            return self.run_list(body, host, io, input);
                        }
                    }
                }
                self.status = 0;
                Flow::Next
            }
        }
    }

    /// A redirection that cannot be done fails its command (status 2), not the shell.
    fn redirect_failed(&mut self, io: &mut Io, msg: &str) -> Flow {
        io.err(&format!("sh: {msg}\n"));
        self.status = 2;
        Flow::Next
    }

    fn loop_limit(&mut self, kind: &str, io: &mut Io) -> Flow {
        io.err(&format!(
            "sh: {kind}: loop stopped after {} iterations (limit loop_iterations)\n",
            self.limits.loop_iterations
        ));
        self.status = 1;
        Flow::Next
    }

    /// Applies redirections around `body`: output is collected, then sent
    /// to the terminal, a file (through the host) or nowhere, fd by fd.
    fn with_redirs(
        &mut self,
        redirs: &[Redir],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
        body: impl FnOnce(&mut Shell, &mut dyn Host, &mut Io, &mut Input) -> Flow,
    ) -> Flow {
        if redirs.is_empty() {
            return body(self, host, io, input);
        }
        #[derive(Clone, Copy)]
        enum Target {
            Out,
            Err,
            Null,
            File(usize),
        }
        let mut fds = [Target::Null; 10];
        fds[1] = Target::Out;
        fds[2] = Target::Err;
        let mut files: Vec<(String, String)> = Vec::new();
        let mut new_input: Option<Input> = None;
        for r in redirs {
            let fd = (r.fd as usize).min(9);
            let word = match &r.target {
                RedirTarget::Here(cell) => {
                    let body = cell.get().cloned().unwrap_or_default();
                    match self.expand_single(&body, host, io) {
                        Ok(text) if fd == 0 => new_input = Some(Input::text(text)),
                        Ok(_) => {}
                        Err(flow) => return flow,
                    }
                    continue;
                }
                RedirTarget::Word(w) => match self.expand_single(w, host, io) {
                    Ok(s) => s,
                    Err(flow) => return flow,
                },
            };
            match r.op {
                RedirOp::In | RedirOp::InOut => {
                    let text = if word == "/dev/null" {
                        Ok(String::new())
                    } else {
                        host.read_file(&word)
                    };
                    match text {
                        Ok(text) if fd == 0 => new_input = Some(Input::text(text)),
                        Ok(_) => {}
                        Err(e) => {
                            return self.redirect_failed(io, &format!("can't open {word}: {e}"))
                        }
                    }
                }
                RedirOp::DupIn => {}
                RedirOp::DupOut if word == "-" => fds[fd] = Target::Null,
                RedirOp::DupOut if word.len() == 1 && word.as_bytes()[0].is_ascii_digit() => {
                    fds[fd] = fds[(word.as_bytes()[0] - b'0') as usize]
                }
                RedirOp::Out | RedirOp::Append | RedirOp::Both | RedirOp::DupOut => {
                    let target = match word.as_str() {
                        "/dev/null" => Target::Null,
                        "/dev/stdout" => fds[1],
                        "/dev/stderr" => fds[2],
                        path => {
                            let append = r.op == RedirOp::Append;
                            if let Err(e) = host.write_file(path, "", append) {
                                return self
                                    .redirect_failed(io, &format!("can't create {path}: {e}"));
                            }
                            files.push((path.to_string(), String::new()));
                            Target::File(files.len() - 1)
                        }
                    };
                    fds[fd] = target;
                    if matches!(r.op, RedirOp::Both) || (r.op == RedirOp::DupOut && fd == 1) {
                        fds[2] = target;
                    }
                }
                RedirOp::Here => {}
            }
        }
        let mut sub = Io::with_limit(self.limits.output_per_command);
        let flow = match new_input.as_mut() {
            Some(inp) => body(self, host, &mut sub, inp),
            None => body(self, host, &mut sub, input),
        };
        for (stream, text) in sub.into_chunks() {
            match fds[if stream == Stream::Stdout { 1 } else { 2 }] {
                Target::Out => io.out(&text),
                Target::Err => io.err(&text),
                Target::Null => {}
                Target::File(i) => files[i].1.push_str(&text),
            }
        }
        for (path, data) in files {
            if !data.is_empty() {
                if let Err(e) = host.write_file(&path, &data, true) {
                    io.err(&format!("sh: can't create {path}: {e}\n"));
                }
            }
        }
        flow
    }
}

/// What a loop does after its body: None ends the loop normally, `Next`
/// goes on, anything else leaves it.
fn loop_step(flow: Flow) -> Option<Flow> {
    match flow {
        Flow::Next | Flow::Continue(1) => Some(Flow::Next),
        Flow::Break(1) => None,
        Flow::Break(n) => Some(Flow::Break(n - 1)),
        Flow::Continue(n) => Some(Flow::Continue(n - 1)),
        other => Some(other),
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
