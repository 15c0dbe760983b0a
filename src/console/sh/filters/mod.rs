//! Text filters that run inside the interpreter on piped text (`grep`,
//! `head`, `tail`, `wc`, `sort`, `uniq`, `cut`, `tr`, `awk`, `cat`, `tee`,
//! `rev`, `base64`, `sed`). They read stdin or files through the host and never
//! block: no stdin and no file means empty input.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

mod awk;
mod base64;
mod grep;
mod sed;
mod text;

use super::{Host, Io};

const FILTERS: &[&str] = &[
    "awk", "base64", "cat", "cut", "egrep", "fgrep", "grep", "head", "rev", "sed", "sort", "tail",
    "tee", "tr", "uniq", "wc",
];

pub(crate) fn is_filter(name: &str) -> bool {
    FILTERS.contains(&name)
}

/// Runs filter `argv[0]`; returns its exit status.
pub(crate) fn run(argv: &[String], stdin: Option<&str>, host: &mut dyn Host, io: &mut Io) -> i32 {
    let mut f = Filter {
        name: argv[0].as_str(),
        stdin,
        host,
        io,
    };
    let args = &argv[1..];
    match f.name {
        "grep" | "egrep" | "fgrep" => grep::grep(&mut f, args),
        "awk" => awk::awk(&mut f, args),
        "base64" => base64::base64(&mut f, args),
        "sed" => sed::sed(&mut f, args),
        "head" | "tail" => text::head_tail(&mut f, args),
        "wc" => text::wc(&mut f, args),
        "sort" => text::sort(&mut f, args),
        "uniq" => text::uniq(&mut f, args),
        "cut" => text::cut(&mut f, args),
        "tr" => text::tr(&mut f, args),
        "tee" => text::tee(&mut f, args),
        _ => text::cat_rev(&mut f, args),
    }
}

/// What a filter works with.
pub(crate) struct Filter<'a> {
    pub name: &'a str,
    pub stdin: Option<&'a str>,
    pub host: &'a mut dyn Host,
    pub io: &'a mut Io,
}

impl Filter<'_> {
    /// Prints `NAME: msg` on stderr.
    pub fn err(&mut self, msg: &str) {
        let line = format!("{}: {msg}\n", self.name);
        self.io.err(&line);
    }

    /// One operand: `-` is stdin, `/dev/null` is empty, others are host files.
    pub fn read(&mut self, path: &str) -> Result<String, String> {
        match path {
            "-" => Ok(self.stdin.unwrap_or("").to_string()),
            "/dev/null" => Ok(String::new()),
            _ => self.host.read_file(path),
        }
    }

    /// The operands' texts joined (stdin when there are none); unreadable
    /// files are reported as busybox or, in a Debian-based image, GNU
    /// coreutils does, and make the bool false.
    pub fn input(&mut self, files: &[String]) -> (String, bool) {
        if files.is_empty() {
            return (self.stdin.unwrap_or("").to_string(), true);
        }
        let mut all = String::new();
        let mut ok = true;
        for path in files {
            match self.input_one(path) {
                Some(t) => all.push_str(&t),
                None => ok = false,
            }
        }
        (all, ok)
    }

    /// One operand's text, or `None` after reporting why it cannot be
    /// read (see `input`).
    pub fn input_one(&mut self, path: &str) -> Option<String> {
        match self.read(path) {
            Ok(t) => Some(t),
            Err(e) => {
                // A directory opens; reading it fails (EISDIR).
                let dir = e == "Is a directory";
                let msg = match (self.host.gnu_coreutils(), self.name, dir) {
                    (true, "head" | "tail", true) => format!("error reading '{path}': {e}"),
                    (true, "head" | "tail", false) => {
                        format!("cannot open '{path}' for reading: {e}")
                    }
                    (true, "sort", true) => format!("read failed: {path}: {e}"),
                    (true, "sort", false) => format!("cannot read: {path}: {e}"),
                    (true, "sed", true) => format!("read error on {path}: {e}"),
                    (true, "sed", false) => format!("can't read {path}: {e}"),
                    (true, "rev", _) => format!("cannot open {path}: {e}"),
                    // cat, uniq, cut, base64.
                    (true, _, _) => format!("{path}: {e}"),
                    (false, _, true) => format!("read error: {e}"),
                    (false, _, false) => format!("can't open '{path}': {e}"),
                };
                self.err(&msg);
                None
            }
        }
    }
}

/// Parsed options: flags in order, values of options that take one, operands.
#[derive(Debug, Default)]
pub(crate) struct Args {
    pub flags: Vec<char>,
    pub vals: Vec<(char, String)>,
    pub operands: Vec<String>,
}

impl Args {
    pub fn has(&self, c: char) -> bool {
        self.flags.contains(&c)
    }

    /// The last value given to option `c`.
    pub fn val(&self, c: char) -> Option<&str> {
        self.vals
            .iter()
            .rev()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.as_str())
    }
}

/// getopt with GNU's argument permutation. `spec` lists the option
/// letters, a `:` after one means it takes a value. With `digits_n`,
/// `-5` means `-n 5` (head, tail).
pub(crate) fn getopt(args: &[String], spec: &str, digits_n: bool) -> Result<Args, String> {
    let mut out = Args::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            out.operands.extend(args[i..].iter().cloned());
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            out.operands.push(a.clone());
            continue;
        }
        if a.starts_with("--") {
            return Err(format!("unrecognized option '{a}'"));
        }
        if digits_n && a[1..].bytes().all(|b| b.is_ascii_digit()) {
            out.vals.push(('n', a[1..].to_string()));
            continue;
        }
        let body: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < body.len() {
            let c = body[k];
            k += 1;
            let Some(pos) = spec.find(c) else {
                return Err(format!("invalid option -- '{c}'"));
            };
            if spec[pos + c.len_utf8()..].starts_with(':') {
                let v = if k < body.len() {
                    body[k..].iter().collect()
                } else if i < args.len() {
                    i += 1;
                    args[i - 1].clone()
                } else {
                    return Err(format!("option requires an argument -- '{c}'"));
                };
                out.vals.push((c, v));
                break;
            }
            out.flags.push(c);
        }
    }
    Ok(out)
}

/// Lines of a text without their newlines (a final newline adds no line).
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let t = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        Vec::new()
    } else {
        t.split('\n').collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn getopt_like_gnu() {
        let a = getopt(
            &v(&["-vi", "pat", "-e", "x", "file", "-n3"]),
            "vie:n:",
            false,
        )
        .unwrap();
        assert_eq!(a.flags, vec!['v', 'i']);
        assert_eq!(a.val('e'), Some("x"));
        assert_eq!(a.val('n'), Some("3"));
        assert_eq!(a.operands, v(&["pat", "file"]));
        assert_eq!(getopt(&v(&["-5"]), "n:", true).unwrap().val('n'), Some("5"));
        assert_eq!(
            getopt(&v(&["-z"]), "n:", true).unwrap_err(),
            "invalid option -- 'z'"
        );
        assert_eq!(
            getopt(&v(&["-n"]), "n:", true).unwrap_err(),
            "option requires an argument -- 'n'"
        );
        assert_eq!(
            getopt(&v(&["--", "-v"]), "v", false).unwrap().operands,
            v(&["-v"])
        );
    }

    #[test]
    fn splits_lines() {
        assert_eq!(lines("a\nb\n"), vec!["a", "b"]);
        assert_eq!(lines("a\nb"), vec!["a", "b"]);
        assert_eq!(lines("\n"), vec![""]);
        assert!(lines("").is_empty());
    }
}
