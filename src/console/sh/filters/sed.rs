//! `sed` for editing manifests on their way to kubectl: `-n`, `-e`, `-E`/`-r`,
//! `-i` (in place, through the host), addresses (`N`, `$`, `/re/`, ranges,
//! `!`), and the commands `s` (with `g`, `p`, `N`, `I`; `&` and `\1`–`\9`),
//! `d`, `p`, `q`, `y`, `=`, and GNU's one-line `a`, `i`, `c`. GNU's messages.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::super::regex::Regex;
use super::{getopt, Filter};

enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

enum Repl {
    Text(String),
    Whole,
    Group(usize),
}

enum Op {
    Subst {
        re: Regex,
        repl: Vec<Repl>,
        global: bool,
        nth: usize,
        print: bool,
    },
    Delete,
    Print,
    Quit(i32),
    Translit(Vec<char>, Vec<char>),
    Append(String),
    Insert(String),
    Change(String),
    LineNumber,
}

struct Cmd {
    from: Option<Addr>,
    to: Option<Addr>,
    negate: bool,
    op: Op,
    /// Inside a range that has started.
    active: bool,
}

/// Reads a script into commands; errors are GNU's, without the prefix.
struct Parser {
    c: Vec<char>,
    i: usize,
    ere: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn err(&self, msg: &str) -> String {
        format!("-e expression #1, char {}: {msg}", self.i.min(self.c.len()))
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.i += 1;
        }
    }

    /// Text up to an unescaped `delim`; `\delim` gives the delimiter itself.
    fn delimited(&mut self, delim: char, what: &str) -> Result<String, String> {
        let mut s = String::new();
        loop {
            match self.peek() {
                None | Some('\n') => {
                    return Err(self.err(&format!("unterminated `{what}' command")))
                }
                Some(c) if c == delim => {
                    self.i += 1;
                    return Ok(s);
                }
                Some('\\') if self.c.get(self.i + 1) == Some(&delim) => {
                    s.push(delim);
                    self.i += 2;
                }
                Some('\\') if self.c.get(self.i + 1) == Some(&'n') => {
                    s.push('\n');
                    self.i += 2;
                }
                Some('\\') => {
                    s.push('\\');
                    if let Some(&n) = self.c.get(self.i + 1) {
                        s.push(n);
                    }
                    self.i += 2;
                }
                Some(c) => {
                    s.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn regex(&self, src: &str, icase: bool) -> Result<Regex, String> {
        Regex::new(src, self.ere, icase).map_err(|e| self.err(&e))
    }

    fn addr(&mut self) -> Result<Option<Addr>, String> {
        match self.peek() {
            Some('$') => {
                self.i += 1;
                Ok(Some(Addr::Last))
            }
            Some(c) if c.is_ascii_digit() => {
                let start = self.i;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.i += 1;
                }
                let n: String = self.c[start..self.i].iter().collect();
                Ok(Some(Addr::Line(
                    n.parse().map_err(|_| self.err("invalid line number"))?,
                )))
            }
            Some('/') | Some('\\') => {
                if self.peek() == Some('\\') {
                    self.i += 1;
                }
                let Some(delim) = self.peek() else {
                    return Err(self.err("unexpected `,'"));
                };
                self.i += 1;
                let src = self.delimited(delim, "address regex")?;
                let icase = self.peek() == Some('I');
                self.i += icase as usize;
                Ok(Some(Addr::Re(self.regex(&src, icase)?)))
            }
            _ => Ok(None),
        }
    }

    /// The text of `a`, `i`, `c`: the rest of the line (GNU's one-line form).
    fn text_arg(&mut self) -> String {
        if self.peek() == Some('\\') {
            self.i += 1;
            if self.peek() == Some('\n') {
                self.i += 1;
            }
        }
        self.skip_blanks();
        let start = self.i;
        while self.peek().is_some_and(|c| c != '\n') {
            self.i += 1;
        }
        self.c[start..self.i].iter().collect()
    }

    fn replacement(src: &str) -> Vec<Repl> {
        let mut out = Vec::new();
        let mut text = String::new();
        let mut chars = src.chars();
        while let Some(c) = chars.next() {
            let part = match c {
                '&' => Repl::Whole,
                '\\' => match chars.next() {
                    Some(d @ '1'..='9') => Repl::Group(d as usize - '0' as usize),
                    Some('n') => {
                        text.push('\n');
                        continue;
                    }
                    Some('t') => {
                        text.push('\t');
                        continue;
                    }
                    Some(other) => {
                        text.push(other);
                        continue;
                    }
                    None => continue,
                },
                c => {
                    text.push(c);
                    continue;
                }
            };
            if !text.is_empty() {
                out.push(Repl::Text(std::mem::take(&mut text)));
            }
            out.push(part);
        }
        if !text.is_empty() {
            out.push(Repl::Text(text));
        }
        out
    }

    fn commands(&mut self) -> Result<Vec<Cmd>, String> {
        let mut cmds = Vec::new();
        loop {
            while self.peek().is_some_and(|c| c.is_whitespace() || c == ';') {
                self.i += 1;
            }
            if self.peek().is_none() {
                return Ok(cmds);
            }
            let from = self.addr()?;
            let to = if from.is_some() && self.peek() == Some(',') {
                self.i += 1;
                Some(self.addr()?.ok_or_else(|| self.err("unexpected `,'"))?)
            } else {
                None
            };
            self.skip_blanks();
            let negate = self.peek() == Some('!');
            if negate {
                self.i += 1;
                self.skip_blanks();
            }
            let Some(c) = self.peek() else {
                return Err(self.err("missing command"));
            };
            self.i += 1;
            let op = match c {
                's' => {
                    let Some(delim) = self.peek().filter(|d| *d != '\n' && *d != '\\') else {
                        return Err(self.err("unterminated `s' command"));
                    };
                    self.i += 1;
                    let pattern = self.delimited(delim, "s")?;
                    let repl = Self::replacement(&self.delimited(delim, "s")?);
                    let (mut global, mut print, mut icase, mut nth) = (false, false, false, 1);
                    while let Some(f) = self.peek() {
                        match f {
                            'g' => global = true,
                            'p' => print = true,
                            'I' | 'i' => icase = true,
                            d if d.is_ascii_digit() => {
                                nth = d.to_digit(10).unwrap_or(1).max(1) as usize
                            }
                            ';' | '\n' | ' ' | '}' => break,
                            _ => {
                                self.i += 1;
                                return Err(self.err("unknown option to `s'"));
                            }
                        }
                        self.i += 1;
                    }
                    Op::Subst {
                        re: self.regex(&pattern, icase)?,
                        repl,
                        global,
                        nth,
                        print,
                    }
                }
                'y' => {
                    let Some(delim) = self.peek() else {
                        return Err(self.err("unterminated `y' command"));
                    };
                    self.i += 1;
                    let a: Vec<char> = self.delimited(delim, "y")?.chars().collect();
                    let b: Vec<char> = self.delimited(delim, "y")?.chars().collect();
                    if a.len() != b.len() {
                        return Err(self.err("strings for `y' command are different lengths"));
                    }
                    Op::Translit(a, b)
                }
                'd' => Op::Delete,
                'p' => Op::Print,
                '=' => Op::LineNumber,
                'q' => {
                    self.skip_blanks();
                    let start = self.i;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.i += 1;
                    }
                    Op::Quit(
                        self.c[start..self.i]
                            .iter()
                            .collect::<String>()
                            .parse()
                            .unwrap_or(0),
                    )
                }
                'a' => Op::Append(self.text_arg()),
                'i' => Op::Insert(self.text_arg()),
                'c' => Op::Change(self.text_arg()),
                '{' | '}' | 'n' | 'N' | 'h' | 'H' | 'g' | 'G' | 'x' | 'b' | 't' | 'D' | 'P'
                | 'w' | 'r' => {
                    return Err(self.err(&format!(
                        "`{c}' is not supported by this sed (s, d, p, q, y, =, a, i, c are)"
                    )));
                }
                other => return Err(self.err(&format!("unknown command: `{other}'"))),
            };
            cmds.push(Cmd {
                from,
                to,
                negate,
                op,
                active: false,
            });
            self.skip_blanks();
            if !matches!(self.peek(), None | Some(';' | '\n' | '}')) {
                self.i += 1;
                return Err(self.err("extra characters after command"));
            }
        }
    }
}

fn addr_hits(a: &Addr, line: &str, n: usize, last: bool) -> bool {
    match a {
        Addr::Line(k) => *k == n,
        Addr::Last => last,
        Addr::Re(re) => re.is_match(line),
    }
}

impl Cmd {
    /// Whether the command applies to line `n`, keeping track of ranges.
    fn selects(&mut self, line: &str, n: usize, last: bool) -> bool {
        let hit = match (&self.from, &self.to) {
            (None, _) => true,
            (Some(a), None) => addr_hits(a, line, n, last),
            (Some(a), Some(b)) => {
                if self.active {
                    let end = match b {
                        Addr::Line(k) => n >= *k,
                        other => addr_hits(other, line, n, last),
                    };
                    self.active = !end;
                    true
                } else if addr_hits(a, line, n, last) {
                    // A range whose end is a line number already passed is one line.
                    self.active =
                        !(matches!(b, Addr::Line(k) if *k <= n) || matches!(b, Addr::Last) && last);
                    true
                } else {
                    false
                }
            }
        };
        hit != self.negate
    }
}

/// Replaces matches of `re` in `line` as `s` does.
fn substitute(re: &Regex, repl: &[Repl], global: bool, nth: usize, line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut last = 0;
    let mut done = false;
    for (k, (s, e)) in re.find_all(line, false, false).into_iter().enumerate() {
        if k + 1 < nth || (done && !global) {
            continue;
        }
        let groups = re.captures(line, s, e);
        out.extend(&chars[last..s]);
        for part in repl {
            match part {
                Repl::Text(t) => out.push_str(t),
                Repl::Whole => out.extend(&chars[s..e]),
                Repl::Group(g) => {
                    if let Some(Some((a, b))) = groups.get(*g) {
                        out.extend(&chars[*a..*b]);
                    }
                }
            }
        }
        last = e;
        done = true;
    }
    if !done {
        return None;
    }
    out.extend(&chars[last..]);
    Some(out)
}

/// Runs the commands over `text`; returns the output and the exit status.
fn run(cmds: &mut [Cmd], text: &str, quiet: bool) -> (String, i32) {
    let mut out = String::new();
    let lines: Vec<&str> = super::lines(text);
    let ends_with_newline = text.ends_with('\n');
    for (idx, &line) in lines.iter().enumerate() {
        let n = idx + 1;
        let last = n == lines.len();
        let mut space = line.to_string();
        let mut appended = String::new();
        let mut deleted = false;
        let mut quit = None;
        for cmd in cmds.iter_mut() {
            if !cmd.selects(&space, n, last) {
                continue;
            }
            match &cmd.op {
                Op::Subst {
                    re,
                    repl,
                    global,
                    nth,
                    print,
                } => {
                    if let Some(new) = substitute(re, repl, *global, *nth, &space) {
                        space = new;
                        if *print {
                            out += &space;
                            out.push('\n');
                        }
                    }
                }
                Op::Delete => deleted = true,
                Op::Print => {
                    out += &space;
                    out.push('\n');
                }
                Op::Quit(code) => quit = Some(*code),
                Op::Translit(a, b) => {
                    space = space
                        .chars()
                        .map(|c| a.iter().position(|&x| x == c).map_or(c, |i| b[i]))
                        .collect()
                }
                Op::Append(t) => appended += &format!("{t}\n"),
                Op::Insert(t) => out += &format!("{t}\n"),
                Op::Change(t) => {
                    if !cmd.active {
                        out += &format!("{t}\n");
                    }
                    deleted = true;
                }
                Op::LineNumber => out += &format!("{n}\n"),
            }
            if deleted || quit.is_some() {
                break;
            }
        }
        if !deleted && !quiet {
            out += &space;
            if !last || ends_with_newline {
                out.push('\n');
            }
        }
        out += &appended;
        if let Some(code) = quit {
            return (out, code);
        }
    }
    (out, 0)
}

pub(crate) fn sed(f: &mut Filter, args: &[String]) -> i32 {
    let a = match getopt(args, "ne:Erisuz", false) {
        Ok(a) => a,
        Err(e) => {
            f.err(&format!(
                "{e}\nUsage: sed [OPTION]... {{script-only-if-no-other-script}} [input-file]..."
            ));
            return 1;
        }
    };
    let mut operands = a.operands.clone();
    let exprs: Vec<String> = a
        .vals
        .iter()
        .filter(|(c, _)| *c == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    let script = if !exprs.is_empty() {
        exprs.join("\n")
    } else if operands.is_empty() {
        f.err("no script specified\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...");
        return 1;
    } else {
        operands.remove(0)
    };
    let mut p = Parser {
        c: script.chars().collect(),
        i: 0,
        ere: a.has('E') || a.has('r'),
    };
    let mut cmds = match p.commands() {
        Ok(c) => c,
        Err(e) => {
            f.err(&e);
            return 1;
        }
    };
    let quiet = a.has('n');
    if a.has('i') {
        if operands.is_empty() {
            f.err("no input files");
            return 1;
        }
        let mut status = 0;
        for path in &operands {
            match f.read(path) {
                Ok(text) => {
                    for c in cmds.iter_mut() {
                        c.active = false;
                    }
                    let (edited, _) = run(&mut cmds, &text, quiet);
                    if let Err(e) = f.host.write_file(path, &edited, false) {
                        f.err(&format!("couldn't edit {path}: {e}"));
                        status = 4;
                    }
                }
                Err(e) => {
                    f.err(&format!("can't read {path}: {e}"));
                    status = 2;
                }
            }
        }
        return status;
    }
    let (text, ok) = f.input(&operands);
    let (out, code) = run(&mut cmds, &text, quiet);
    f.io.out(&out);
    if ok {
        code
    } else {
        2
    }
}
