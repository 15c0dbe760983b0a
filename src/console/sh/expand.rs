//! Word expansion: parameters, `$(…)`, `$((…))`, tilde, field splitting on
//! IFS and quote removal, in the order sh applies them. There is no
//! pathname expansion: a `*` stays as written.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{List, Param, ParamOp, Part, Word};
use super::interp::{Flow, Input};
use super::Shell;
use super::{pattern, Host, Io, Stream};

/// An expansion that failed: the message is printed, the flow says what stops.
pub(crate) type Exp<T> = Result<T, Flow>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Words of a command: split into fields.
    Fields,
    /// One string (assignments, redirection targets, heredocs).
    Single,
    /// One string where quoted characters are escaped (case patterns, `${x#…}`).
    Pattern,
    /// One string where quoted characters are escaped for an extended
    /// regular expression (the right side of `=~`).
    Regex,
}

/// Collects fields as parts are expanded.
struct Builder {
    mode: Mode,
    fields: Vec<String>,
    cur: String,
    /// The current field exists even if empty (something quoted was seen).
    has: bool,
    /// The last thing seen was IFS white space that ended a field.
    after_ws: bool,
    size: usize,
    limit: usize,
    over: bool,
    ifs: String,
}

impl Builder {
    fn new(mode: Mode, ifs: String, limit: usize) -> Builder {
        Builder {
            mode,
            fields: Vec::new(),
            cur: String::new(),
            has: false,
            after_ws: false,
            size: 0,
            limit,
            over: false,
            ifs,
        }
    }

    fn grow(&mut self, n: usize) -> bool {
        self.size += n;
        self.over |= self.size > self.limit;
        !self.over
    }

    /// Text that is never split; quoted text is escaped in pattern mode.
    fn text(&mut self, s: &str, quoted: bool) {
        if !self.grow(s.len()) {
            return;
        }
        if quoted && self.mode == Mode::Pattern {
            pattern::escape(s, &mut self.cur);
        } else if quoted && self.mode == Mode::Regex {
            for c in s.chars() {
                if "\\.[]()*+?{}|^$".contains(c) {
                    self.cur.push('\\');
                }
                self.cur.push(c);
            }
        } else {
            self.cur.push_str(s);
        }
        self.has |= quoted || !s.is_empty();
        self.after_ws = false;
    }

    /// The result of an unquoted expansion: split on IFS.
    fn split(&mut self, s: &str) {
        if self.mode != Mode::Fields {
            return self.text(s, false);
        }
        if !self.grow(s.len()) {
            return;
        }
        for c in s.chars() {
            if !self.ifs.contains(c) {
                self.cur.push(c);
                self.has = true;
                self.after_ws = false;
            } else if c == ' ' || c == '\t' || c == '\n' {
                if self.has {
                    self.finish();
                    self.after_ws = true;
                }
            } else if !std::mem::take(&mut self.after_ws) || self.has {
                self.finish();
            }
        }
    }

    fn finish(&mut self) {
        self.fields.push(std::mem::take(&mut self.cur));
        self.has = false;
    }

    fn done(mut self) -> Vec<String> {
        if self.has {
            self.finish();
        }
        self.fields
    }
}

/// How the parts being expanded are quoted.
#[derive(Clone, Copy)]
struct Ctx {
    /// Inside `"…"`.
    quoted: bool,
    /// Literal text is split too (the word of an unquoted `${x:-a b}`).
    split_lit: bool,
}

/// The text of a part with quotes removed and expansions left as written
/// (a heredoc delimiter).
pub(crate) fn literal_text(p: &Part) -> String {
    match p {
        Part::Lit(s) | Part::Quoted(s) => s.clone(),
        Part::Dq(parts) => parts.iter().map(literal_text).collect(),
        Part::Param(p) => format!("${}", p.name),
        Part::Cmd(_) | Part::Arith(_) => String::new(),
    }
}

impl Shell {
    fn builder(&self, mode: Mode) -> Builder {
        let ifs = self.get_var("IFS").unwrap_or(" \t\n").to_string();
        Builder::new(mode, ifs, self.limits.value_bytes)
    }

    fn finish(&mut self, b: Builder, io: &mut Io) -> Exp<Vec<String>> {
        if b.over {
            let msg = format!(
                "sh: expansion larger than {} bytes (limit value_bytes)\n",
                self.limits.value_bytes
            );
            return Err(self.fail(io, &msg, 2));
        }
        Ok(b.done())
    }

    /// Expands the words of a command into fields.
    pub(crate) fn expand_words(
        &mut self,
        words: &[Word],
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<Vec<String>> {
        let mut b = self.builder(Mode::Fields);
        for w in words {
            self.expand_word_into(w, &mut b, host, io)?;
            if b.has {
                b.finish();
            }
        }
        self.finish(b, io)
    }

    /// Expands a simple command's words. After `export`, `readonly` or
    /// `local` an argument written `NAME=value` is an assignment (they are
    /// declaration utilities, as in dash and bash): its value is not split
    /// into fields, so `export PODS=$(kubectl get pods -o name)` keeps every
    /// name.
    pub(crate) fn expand_command_words(
        &mut self,
        words: &[Word],
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<Vec<String>> {
        let declares = words
            .first()
            .and_then(Word::as_lit)
            .is_some_and(|n| matches!(n, "export" | "readonly" | "local"));
        if !declares {
            return self.expand_words(words, host, io);
        }
        let mut out = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            match super::parser::assignment(w).filter(|_| i > 0) {
                Some((name, value)) => {
                    let value = self.expand_single(&value, host, io)?;
                    out.push(format!("{name}={value}"));
                }
                None => out.extend(self.expand_words(std::slice::from_ref(w), host, io)?),
            }
        }
        Ok(out)
    }

    /// Expands a word to one string, without splitting.
    pub(crate) fn expand_single(
        &mut self,
        w: &Word,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<String> {
        let mut b = self.builder(Mode::Single);
        self.expand_word_into(w, &mut b, host, io)?;
        Ok(self.finish(b, io)?.concat())
    }

    /// Expands a word to a pattern: quoted characters come out escaped.
    pub(crate) fn expand_pattern(
        &mut self,
        w: &Word,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<String> {
        let mut b = self.builder(Mode::Pattern);
        self.expand_word_into(w, &mut b, host, io)?;
        Ok(self.finish(b, io)?.concat())
    }

    /// Expands the right side of `=~` to an extended regular expression:
    /// quoted characters match literally.
    pub(crate) fn expand_regex(
        &mut self,
        w: &Word,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<String> {
        let mut b = self.builder(Mode::Regex);
        self.expand_word_into(w, &mut b, host, io)?;
        Ok(self.finish(b, io)?.concat())
    }

    fn expand_word_into(
        &mut self,
        w: &Word,
        b: &mut Builder,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<()> {
        let ctx = Ctx {
            quoted: false,
            split_lit: false,
        };
        // Tilde expansion: a leading unquoted `~` alone or before `/`.
        if let (Some(Part::Lit(s)), Some(home)) = (w.parts.first(), self.get_var("HOME")) {
            if s == "~" || s.starts_with("~/") {
                let home = home.to_string();
                b.text(&home, true);
                b.text(&s[1..], false);
                return self.expand_parts(&w.parts[1..], ctx, b, host, io);
            }
        }
        self.expand_parts(&w.parts, ctx, b, host, io)
    }

    fn expand_parts(
        &mut self,
        parts: &[Part],
        ctx: Ctx,
        b: &mut Builder,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<()> {
        for part in parts {
            match part {
                Part::Lit(s) if ctx.split_lit && !ctx.quoted => b.split(s),
                Part::Lit(s) => b.text(s, ctx.quoted),
                Part::Quoted(s) => b.text(s, true),
                Part::Dq(inner) => {
                    // `"$@"` with no arguments makes no field; any other `"…"` makes one.
                    let only_args = matches!(inner.as_slice(), [Part::Param(p)] if p.name == "@" && matches!(p.op, ParamOp::Get));
                    if !only_args {
                        b.text("", true);
                    }
                    self.expand_parts(
                        inner,
                        Ctx {
                            quoted: true,
                            split_lit: false,
                        },
                        b,
                        host,
                        io,
                    )?;
                }
                Part::Param(p) => self.expand_param(p, ctx, b, host, io)?,
                Part::Cmd(list) => {
                    let out = self.command_subst(list, host, io)?;
                    push_result(b, &out, ctx.quoted);
                }
                Part::Arith(inner) => {
                    let mut sb = self.builder(Mode::Single);
                    self.expand_parts(
                        inner,
                        Ctx {
                            quoted: true,
                            split_lit: false,
                        },
                        &mut sb,
                        host,
                        io,
                    )?;
                    let expr = self.finish(sb, io)?.concat();
                    let depth = self.limits.depth;
                    match super::arith::eval(&expr, self, depth) {
                        Ok(v) => push_result(b, &v.to_string(), ctx.quoted),
                        Err(e) => return Err(self.fail(io, &format!("sh: {e}\n"), 2)),
                    }
                }
            }
        }
        Ok(())
    }

    /// A parameter's value; None when unset.
    pub(crate) fn param_value(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.status.to_string()),
            "#" => Some(self.args.len().to_string()),
            "$" => Some(self.pid.to_string()),
            "!" => None,
            "-" => Some(self.opts.flags()),
            "0" => Some(self.arg0.clone()),
            "@" | "*" => (!self.args.is_empty()).then(|| self.args.join(" ")),
            n if n.bytes().all(|b| b.is_ascii_digit()) => n
                .parse::<usize>()
                .ok()
                .and_then(|i| self.args.get(i.checked_sub(1)?).cloned()),
            n => match self.get_var(n) {
                Some(v) => Some(v.to_string()),
                None => self.array_value(n),
            },
        }
    }

    /// `NAME[i]` of a bash array (`BASH_REMATCH[1]`), or `NAME` alone for
    /// its element 0; `NAME[@]` joins the elements. A scalar is element 0.
    fn array_value(&self, name: &str) -> Option<String> {
        let (base, idx) = match name.strip_suffix(']').and_then(|n| n.split_once('[')) {
            Some((b, i)) => (b, i),
            None => (name, "0"),
        };
        let Some(arr) = self.arrays.get(base) else {
            return (idx == "0").then(|| self.get_var(base).map(str::to_string))?;
        };
        if idx == "@" || idx == "*" {
            return (!arr.is_empty()).then(|| arr.join(" "));
        }
        arr.get(idx.parse::<usize>().ok()?).cloned()
    }

    fn expand_param(
        &mut self,
        p: &Param,
        ctx: Ctx,
        b: &mut Builder,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<()> {
        let value = self.param_value(&p.name);
        let null_or_unset = |colon: bool| match &value {
            None => true,
            Some(v) => colon && v.is_empty(),
        };
        match &p.op {
            ParamOp::Get if p.name == "@" || p.name == "*" => {
                if ctx.quoted && p.name == "*" {
                    b.text(&self.args.join(" "), true);
                    return Ok(());
                }
                for (i, a) in self.args.iter().enumerate() {
                    if i > 0 && (b.has || ctx.quoted) {
                        b.finish();
                    }
                    push_result(b, a, ctx.quoted);
                }
            }
            ParamOp::Get => {
                if value.is_none() && self.opts.nounset {
                    return Err(self.fail(io, &format!("sh: {}: parameter not set\n", p.name), 2));
                }
                push_result(b, value.as_deref().unwrap_or(""), ctx.quoted);
            }
            ParamOp::Len => push_result(
                b,
                &value.unwrap_or_default().chars().count().to_string(),
                ctx.quoted,
            ),
            ParamOp::Default(colon, w) | ParamOp::Alt(colon, w) => {
                let use_word = null_or_unset(*colon) == matches!(p.op, ParamOp::Default(..));
                if use_word {
                    self.expand_parts(
                        &w.parts,
                        Ctx {
                            quoted: ctx.quoted,
                            split_lit: !ctx.quoted,
                        },
                        b,
                        host,
                        io,
                    )?;
                } else if matches!(p.op, ParamOp::Default(..)) {
                    push_result(b, value.as_deref().unwrap_or(""), ctx.quoted);
                }
            }
            ParamOp::Assign(colon, w) => {
                let v = if null_or_unset(*colon) {
                    let v = self.expand_single(w, host, io)?;
                    if let Err(e) = self.set_var(&p.name, v.clone()) {
                        return Err(self.fail(io, &format!("sh: {e}\n"), 2));
                    }
                    v
                } else {
                    value.unwrap_or_default()
                };
                push_result(b, &v, ctx.quoted);
            }
            ParamOp::Error(colon, w) => {
                if null_or_unset(*colon) {
                    let mut msg = self.expand_single(w, host, io)?;
                    if msg.is_empty() {
                        msg = if value.is_none() {
                            "parameter not set"
                        } else {
                            "parameter null"
                        }
                        .into();
                    }
                    return Err(self.fail(io, &format!("sh: {}: {msg}\n", p.name), 2));
                }
                push_result(b, value.as_deref().unwrap_or(""), ctx.quoted);
            }
            ParamOp::TrimPrefix(longest, w) | ParamOp::TrimSuffix(longest, w) => {
                let pat = self.expand_pattern(w, host, io)?;
                let suffix = matches!(p.op, ParamOp::TrimSuffix(..));
                let v = pattern::trim(value.as_deref().unwrap_or(""), &pat, *longest, suffix);
                push_result(b, &v, ctx.quoted);
            }
        }
        Ok(())
    }

    /// Runs `$(…)` in a subshell and returns its output without trailing newlines.
    pub(crate) fn command_subst(
        &mut self,
        list: &List,
        host: &mut dyn Host,
        io: &mut Io,
    ) -> Exp<String> {
        if self.bash {
            if let Some(target) = read_only_redirect(list) {
                // bash's `$(<file)`: the file's text, without running a command.
                let path = self.expand_single(target, host, io)?;
                self.subst_status = Some(0);
                return match host.read_file(&path) {
                    Ok(mut text) => {
                        text.truncate(text.trim_end_matches('\n').len());
                        Ok(text)
                    }
                    Err(e) => {
                        io.err(&format!("bash: {path}: {e}\n"));
                        self.subst_status = Some(1);
                        Ok(String::new())
                    }
                };
            }
        }
        self.enter("$(…)", io)?;
        let saved = self.save();
        let mut cap = Io::with_limit(self.limits.value_bytes);
        let tty = std::mem::replace(&mut self.stdout_tty, false);
        let flow = self.run_list(list, host, &mut cap, &mut Input::none());
        self.stdout_tty = tty;
        self.depth -= 1;
        self.restore(saved);
        self.subst_status = Some(self.status);
        let mut out = String::new();
        for (stream, text) in cap.into_chunks() {
            match stream {
                Stream::Stdout => out.push_str(&text),
                Stream::Stderr => io.err(&text),
            }
        }
        if let Flow::Abort(_) = flow {
            return Err(flow);
        }
        out.truncate(out.trim_end_matches('\n').len());
        Ok(out)
    }
}

/// The file of a `$(< file)`: a list that is one simple command with no
/// words, no assignments and only an input redirection.
fn read_only_redirect(list: &List) -> Option<&Word> {
    use super::ast::{Command, RedirOp, RedirTarget};
    let [ao] = list.0.as_slice() else { return None };
    if !ao.rest.is_empty() || ao.first.bang {
        return None;
    }
    let [Command::Simple(s)] = ao.first.cmds.as_slice() else {
        return None;
    };
    match (
        s.words.is_empty() && s.assigns.is_empty(),
        s.redirs.as_slice(),
    ) {
        (true, [r]) if r.fd == 0 && r.op == RedirOp::In => match &r.target {
            RedirTarget::Word(w) => Some(w),
            RedirTarget::Here(_) => None,
        },
        _ => None,
    }
}

fn push_result(b: &mut Builder, s: &str, quoted: bool) {
    if quoted {
        b.text(s, true);
    } else {
        b.split(s);
    }
}
