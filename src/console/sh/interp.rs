//! The interpreter: walks the syntax tree (lists, pipes, compound
//! commands, simple commands) and hands every command that is not a
//! function, a builtin or a filter to the `Host`. Pipes run their stages
//! one after the other, each stage's output becoming the next one's input,
//! which gives the same output as concurrent stages for the commands a
//! console runs.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{AndOr, Command, Compound, List, Pipeline, Simple};
use super::shell::Var;
use super::{builtins, filters, pattern, Host, Invocation, Io, Shell, Stream};

/// How control leaves a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Next,
    Break(u32),
    Continue(u32),
    Return,
    /// `exit` (or `set -e`): leaves the shell or the current subshell.
    Exit,
    /// An expansion error: abandons the current command line (the whole
    /// text of `sh -c`).
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

impl Shell {
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
            let tty = self.stdout_tty;
            self.stdout_tty = tty && last;
            let flow = self.run_command(cmd, host, out, inp);
            self.stdout_tty = tty;
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
                if let Err(flow) = self.enter(c.keyword(), io) {
                    return flow;
                }
                let flow = self.with_redirs(redirs, host, io, input, |sh, host, io, input| {
                    sh.run_compound(c, host, io, input)
                });
                self.depth -= 1;
                flow
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
        let argv = match self.expand_command_words(&s.words, host, io) {
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
        let alias = self.alias_at(&s.words);
        // An alias's trace is the command it becomes.
        if self.opts.xtrace && alias.is_none() {
            // bash quotes what the shell would read differently
            // (`+ mysql -h 127.0.0.1 -e 'SELECT 1'`); ash prints words bare.
            let q = |w: &str| {
                if self.bash {
                    xtrace_quote(w)
                } else {
                    w.to_string()
                }
            };
            let words: Vec<String> = assigns
                .iter()
                .map(|(n, v)| format!("{n}={}", q(v)))
                .chain(argv.iter().map(|w| q(w)))
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
        if let Some(name) = alias {
            return self.with_redirs(&s.redirs, host, io, input, |sh, host, io, input| {
                sh.run_alias(&name, &assigns, &argv[1..], host, io, input)
            });
        }
        self.with_redirs(&s.redirs, host, io, input, |sh, host, io, input| {
            sh.dispatch(&argv, &assigns, host, io, input)
        })
    }

    /// The alias a command's first word names, when that word is written
    /// plainly (a quoted `'k'` or `\k` escapes alias substitution, as in
    /// sh) and the alias is not already being expanded.
    fn alias_at(&self, words: &[super::ast::Word]) -> Option<String> {
        if self.alias_view.is_empty() || (self.bash && !self.interactive) {
            return None;
        }
        match words.first()?.parts.as_slice() {
            [super::ast::Part::Lit(name)]
                if self.alias_view.contains_key(name.as_str())
                    && !self.aliasing.iter().any(|a| a == name) =>
            {
                Some(name.clone())
            }
            _ => None,
        }
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
        self.dispatch_with(argv, assigns, true, host, io, input)
    }

    /// [`Shell::dispatch`], looking at functions only when `funcs` (`command
    /// NAME` runs NAME passing over a function of that name).
    pub(crate) fn dispatch_with(
        &mut self,
        argv: &[String],
        assigns: &[(String, String)],
        funcs: bool,
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
    ) -> Flow {
        let name = argv[0].as_str();
        let func = if funcs {
            self.funcs.get(name).cloned()
        } else {
            None
        };
        if name == "exec" && func.is_none() {
            // `exec cmd …` replaces the shell: the command runs, then the
            // shell is gone with its status. Without a command, `exec`'s
            // redirections would stay for the shell; here they end with it.
            if argv.len() == 1 {
                self.status = 0;
                return Flow::Next;
            }
            let flow = self.dispatch(&argv[1..], assigns, host, io, input);
            return match flow {
                Flow::Next | Flow::Return | Flow::Break(_) | Flow::Continue(_) => Flow::Exit,
                other => other,
            };
        }
        let filter = filters::is_filter(name);
        if func.is_none() && !filter && !builtins::is_builtin(name) {
            let mut env = self.env();
            for (n, v) in assigns {
                env.retain(|(k, _)| k != n);
                env.push((n.clone(), v.clone()));
            }
            crate::sort::sort(&mut env);
            let inv = Invocation {
                argv,
                stdin: input.rest(),
                env: &env,
                depth: self.depth,
                tty: self.stdout_tty,
            };
            self.status = host.exec(&inv, io);
            // `cd` is the host's (it owns the directories); the shell
            // keeps `$PWD` and `$OLDPWD` in step, as sh's own cd does.
            if name == "cd" && self.status == 0 {
                if let Some((pwd, old)) = host.working_dirs() {
                    let _ = self.set_var("PWD", pwd);
                    if let Some(old) = old {
                        let _ = self.set_var("OLDPWD", old);
                    }
                }
            }
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
        self.restore_vars(saved);
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
        if let Err(flow) = self.enter(name, io) {
            return flow;
        }
        let args = std::mem::replace(&mut self.args, argv[1..].to_vec());
        let loops = std::mem::take(&mut self.loops);
        self.locals.push(Vec::new());
        let flow = self.run_command(body, host, io, input);
        let locals = self.locals.pop().unwrap_or_default();
        self.restore_vars(locals);
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
                        break self.loop_limit(kind, host, io);
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
                        return self.loop_limit("for", host, io);
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
            Compound::Cond(e) => {
                if let Some(flow) = self.tick(host, io) {
                    return flow;
                }
                self.run_cond(e, host, io)
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

    fn loop_limit(&mut self, kind: &str, host: &mut dyn Host, io: &mut Io) -> Flow {
        if host.stop_at_limit() {
            return Flow::Abort(Abort::Stop);
        }
        io.err(&format!(
            "sh: {kind}: loop stopped after {} iterations (limit loop_iterations)\n",
            self.limits.loop_iterations
        ));
        self.status = 1;
        Flow::Next
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

/// A word as bash's `set -x` shows it: single-quoted when it holds white
/// space or a character special to the shell, or is empty.
fn xtrace_quote(w: &str) -> String {
    let special = w.is_empty()
        || w.starts_with(['~', '#'])
        || w.chars().any(|c| " \t\n'\"\\|&;()<>!{}*[]?^$`".contains(c));
    if !special {
        return w.to_string();
    }
    format!("'{}'", w.replace('\'', "'\\''"))
}
