//! `tar` inside a container: GNU tar (Debian- and Ubuntu-based images) or
//! busybox's applet (busybox, Alpine), worded as each words its messages —
//! what `kubectl cp` runs at the other end (`tar cf - PATH`, `tar -xmf -
//! -C DIR`), and what people pipe by hand (`tar cf - dir | tar xf - -C
//! /backup`). Create (`c`), extract (`x`) and list (`t`), with `f` (a file
//! or `-`), `C`, `v`, `O`, `h`, `P`; `m`, `o`, `p` and the ownership flags
//! are accepted and change nothing (files here carry no owner or time).
//! Compression (`z`, `j`, `J`) is refused with a sentence saying so.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::{Invocation, Io};
use crate::engine::volumes::{normalize, Entry, FsError};

use super::archive::{self, Kind, Member, ReadError};
use super::fs_cmds::{mkdir_p, split};
use super::host::{ContainerHost, Node};

/// Deeper trees than this are not walked (no simulated tree is this deep).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Default)]
struct Args {
    mode: Option<char>,
    file: Option<String>,
    dir: Option<String>,
    verbose: u8,
    to_stdout: bool,
    compress: Option<&'static str>,
    follow: bool,
    absolute: bool,
    operands: Vec<String>,
}

enum ArgError {
    BadShort(char),
    BadLong(String),
    NeedsArg(char),
    LongNeedsArg(String),
    TwoModes,
}

/// Short options with an argument; the others are flags.
fn takes_arg(c: char) -> bool {
    matches!(c, 'f' | 'C')
}

fn short(a: &mut Args, c: char, value: Option<String>) -> Result<(), ArgError> {
    match c {
        'c' | 'x' | 't' => {
            if a.mode.is_some_and(|m| m != c) {
                return Err(ArgError::TwoModes);
            }
            a.mode = Some(c);
        }
        'f' => a.file = value,
        'C' => a.dir = value,
        'v' => a.verbose += 1,
        'O' => a.to_stdout = true,
        'h' => a.follow = true,
        'P' => a.absolute = true,
        'z' => a.compress = Some("gzip"),
        'j' => a.compress = Some("bzip2"),
        'J' => a.compress = Some("xz"),
        'm' | 'o' | 'p' => {}
        _ => return Err(ArgError::BadShort(c)),
    }
    Ok(())
}

fn long(a: &mut Args, name: &str, value: Option<String>) -> Result<(), ArgError> {
    match name {
        "create" => short(a, 'c', None),
        "extract" | "get" => short(a, 'x', None),
        "list" => short(a, 't', None),
        "file" => short(a, 'f', value),
        "directory" => short(a, 'C', value),
        "verbose" => short(a, 'v', None),
        "to-stdout" => short(a, 'O', None),
        "dereference" => short(a, 'h', None),
        "absolute-names" => short(a, 'P', None),
        "gzip" | "gunzip" | "ungzip" => short(a, 'z', None),
        "bzip2" => short(a, 'j', None),
        "xz" => short(a, 'J', None),
        "touch"
        | "no-same-owner"
        | "same-owner"
        | "no-same-permissions"
        | "same-permissions"
        | "preserve-permissions"
        | "numeric-owner" => Ok(()),
        _ => Err(ArgError::BadLong(format!("--{name}"))),
    }
}

/// GNU tar's command line: a first word without a dash is a bundle of
/// letters (`tar cvf out.tar dir`), whose arguments follow in order.
fn parse(args: &[String]) -> Result<Args, ArgError> {
    let mut a = Args::default();
    let mut i = 0;
    let mut pending: Vec<char> = Vec::new();
    if let Some(first) = args
        .first()
        .filter(|f| !f.starts_with('-') && !f.is_empty())
    {
        pending = first.chars().collect();
        i = 1;
    }
    for c in pending {
        let value = if takes_arg(c) {
            let v = args.get(i).cloned().ok_or(ArgError::NeedsArg(c))?;
            i += 1;
            Some(v)
        } else {
            None
        };
        short(&mut a, c, value)?;
    }
    let mut rest = false;
    while i < args.len() {
        let w = &args[i];
        i += 1;
        if rest || w == "-" || !w.starts_with('-') {
            a.operands.push(w.clone());
        } else if w == "--" {
            rest = true;
        } else if let Some(l) = w.strip_prefix("--") {
            let (name, inline) = match l.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (l, None),
            };
            let value = if matches!(name, "file" | "directory") && inline.is_none() {
                let v = args
                    .get(i)
                    .cloned()
                    .ok_or_else(|| ArgError::LongNeedsArg(w.clone()))?;
                i += 1;
                Some(v)
            } else {
                inline
            };
            long(&mut a, name, value)?;
        } else {
            let letters: Vec<char> = w[1..].chars().collect();
            for (k, c) in letters.iter().enumerate() {
                if takes_arg(*c) {
                    let attached: String = letters[k + 1..].iter().collect();
                    let value = if attached.is_empty() {
                        let v = args.get(i).cloned().ok_or(ArgError::NeedsArg(*c))?;
                        i += 1;
                        v
                    } else {
                        attached
                    };
                    short(&mut a, *c, Some(value))?;
                    break;
                }
                short(&mut a, *c, None)?;
            }
        }
    }
    Ok(a)
}

/// How this image's tar words its messages and exits.
struct Voice {
    busybox: bool,
    failed: bool,
}

impl Voice {
    /// A fatal error: GNU's "Error is not recoverable" (2), busybox's 1.
    fn fatal(&self, io: &mut Io, gnu: &str, bb: &str) -> i32 {
        if self.busybox {
            io.err(&format!("tar: {bb}\n"));
            1
        } else {
            io.err(&format!(
                "tar: {gnu}\ntar: Error is not recoverable: exiting now\n"
            ));
            2
        }
    }

    /// An error tar reports and goes on after.
    fn error(&mut self, io: &mut Io, gnu: &str, bb: &str) {
        self.failed = true;
        io.err(&format!("tar: {}\n", if self.busybox { bb } else { gnu }));
    }

    /// The exit status once everything was tried.
    fn finish(&self, io: &mut Io) -> i32 {
        match (self.failed, self.busybox) {
            (false, _) => 0,
            (true, true) => {
                io.err("tar: error exit delayed from previous errors\n");
                1
            }
            (true, false) => {
                io.err("tar: Exiting with failure status due to previous errors\n");
                2
            }
        }
    }

    /// The usage hint after an option error.
    fn usage(&self, io: &mut Io, msg: &str) -> i32 {
        if self.busybox {
            // 1.36.1's usage whatever the image's release.
            io.err(&format!(
                "tar: {msg}\n{}",
                super::busybox_usage::show("tar", true)
            ));
            1
        } else {
            io.err(&format!(
                "tar: {msg}\nTry 'tar --help' or 'tar --usage' for more information.\n"
            ));
            2
        }
    }

    fn removing_leading(&self, io: &mut Io, prefix: &str) {
        if self.busybox {
            io.err(&format!(
                "tar: removing leading '{prefix}' from member names\n"
            ));
        } else {
            io.err(&format!(
                "tar: Removing leading `{prefix}' from member names\n"
            ));
        }
    }
}

pub(crate) fn tar(h: &mut ContainerHost<'_>, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let mut v = Voice {
        busybox: h.tools.busybox,
        failed: false,
    };
    let a = match parse(&cmd.argv[1..]) {
        Ok(a) => a,
        Err(e) => {
            let msg = match e {
                ArgError::BadShort(c) => format!("invalid option -- '{c}'"),
                ArgError::BadLong(l) => format!("unrecognized option '{l}'"),
                ArgError::NeedsArg(c) => format!("option requires an argument -- '{c}'"),
                ArgError::LongNeedsArg(l) => format!("option '{l}' requires an argument"),
                ArgError::TwoModes => {
                    "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option".into()
                }
            };
            return v.usage(io, &msg);
        }
    };
    let Some(mode) = a.mode else {
        return v.usage(
            io,
            "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options",
        );
    };
    if let Some(z) = a.compress {
        let msg = format!(
            "{z} compression is not simulated in Ordinal; archives here are uncompressed (drop the option)"
        );
        return v.fatal(io, &msg, &msg);
    }
    let file = a.file.clone().unwrap_or_else(|| "-".into());
    let saved_cwd = h.cwd.clone();
    let status = if mode == 'c' {
        create(h, &a, &file, &mut v, io)
    } else {
        let input = if file == "-" {
            Ok(cmd.stdin.unwrap_or("").to_string())
        } else {
            let p = h.abs(&file);
            match h.stat(&p) {
                Ok(Node::File(s)) => Ok(s),
                Ok(Node::Dir) => Err(FsError::IsADirectory),
                Err(e) => Err(e),
            }
        };
        match input {
            Err(e) => v.fatal(
                io,
                &format!("{file}: Cannot open: {}", e.text()),
                &format!("can't open '{file}': {}", e.text()),
            ),
            Ok(text) => read_archive(h, &a, mode, &text, &mut v, io),
        }
    };
    h.cwd = saved_cwd;
    status
}

/// `-C DIR`: later paths are relative to it. Err is the exit status.
fn change_dir(h: &mut ContainerHost<'_>, a: &Args, v: &Voice, io: &mut Io) -> Result<(), i32> {
    let Some(dir) = &a.dir else { return Ok(()) };
    let p = h.abs(dir);
    match h.stat(&p) {
        Ok(Node::Dir) => {
            h.cwd = p;
            Ok(())
        }
        r => {
            let why = match r {
                Err(e) => e.text().to_string(),
                _ => FsError::NotADirectory.text().to_string(),
            };
            Err(v.fatal(
                io,
                &format!("{dir}: Cannot open: {why}"),
                &format!("can't change directory to '{dir}': {why}"),
            ))
        }
    }
}

// ----- create -----------------------------------------------------------

fn create(h: &mut ContainerHost<'_>, a: &Args, file: &str, v: &mut Voice, io: &mut Io) -> i32 {
    if a.operands.is_empty() {
        if v.busybox {
            io.err("tar: empty archive\n");
            return 1;
        }
        return v.usage(io, "Cowardly refusing to create an empty archive");
    }
    if file == "-" && h.tty && !v.busybox {
        return v.fatal(
            io,
            "Refusing to write archive contents to terminal (missing -f option?)",
            "",
        );
    }
    // The archive file is opened before tar changes directory.
    let out_path = (file != "-").then(|| h.abs(file));
    if let Err(s) = change_dir(h, a, v, io) {
        return s;
    }
    let mtime = h.clock().unix_secs();
    let mut members = Vec::new();
    let mut warned = false;
    for op in &a.operands {
        let trimmed = if op.len() > 1 {
            op.trim_end_matches('/')
        } else {
            op.as_str()
        };
        let mut name = trimmed.to_string();
        if !a.absolute && name.starts_with('/') {
            if !warned {
                v.removing_leading(io, "/");
                warned = true;
            }
            name = name.trim_start_matches('/').to_string();
            if name.is_empty() {
                name = ".".into();
            }
        }
        let path = h.abs(trimmed);
        add(
            h,
            a,
            &path,
            op.trim_end_matches('/'),
            &name,
            mtime,
            0,
            &mut members,
            v,
            io,
        );
    }
    let text = archive::write(&members, !v.busybox);
    if a.verbose > 0 {
        // With the archive on stdout, the names go to stderr.
        let names: String = members.iter().map(|m| format!("{}\n", m.name)).collect();
        if out_path.is_none() {
            io.err(&names);
        } else {
            io.out(&names);
        }
    }
    match out_path {
        None => io.out(&text),
        Some(p) => {
            if let Err(e) = h.write(&p, &text, false) {
                return v.fatal(
                    io,
                    &format!("{file}: Cannot open: {}", e.text()),
                    &format!("can't open '{file}': {}", e.text()),
                );
            }
        }
    }
    v.finish(io)
}

/// The entry at `path` without following a final symlink (with `-h`, following it).
fn entry_at(h: &ContainerHost<'_>, path: &str, follow: bool) -> Result<Entry, FsError> {
    if follow {
        return match h.stat(path)? {
            Node::Dir => Ok(Entry::Dir),
            Node::File(s) => Ok(Entry::File(s)),
        };
    }
    let (dir, base) = split(path);
    let dir = h.follow(&dir)?;
    let real = normalize(&format!("{dir}/{base}"));
    match h.raw(&real)? {
        Some(Entry::File(_)) => match h.stat(&real)? {
            Node::File(s) => Ok(Entry::File(s)),
            Node::Dir => Ok(Entry::Dir),
        },
        Some(e) => Ok(e),
        None => Err(FsError::NotFound),
    }
}

#[allow(clippy::too_many_arguments)]
fn add(
    h: &ContainerHost<'_>,
    a: &Args,
    path: &str,
    shown: &str,
    name: &str,
    mtime: i64,
    depth: usize,
    members: &mut Vec<Member>,
    v: &mut Voice,
    io: &mut Io,
) {
    let entry = match entry_at(h, path, a.follow) {
        Ok(e) => e,
        Err(e) => {
            v.error(
                io,
                &format!("{shown}: Cannot stat: {}", e.text()),
                &format!("{shown}: {}", e.text()),
            );
            return;
        }
    };
    match entry {
        Entry::File(data) => members.push(Member {
            name: name.to_string(),
            kind: Kind::File(data),
            mtime,
        }),
        Entry::Symlink(t) => members.push(Member {
            name: name.to_string(),
            kind: Kind::Symlink(t),
            mtime,
        }),
        Entry::Dir => {
            members.push(Member {
                name: format!("{name}/"),
                kind: Kind::Dir,
                mtime,
            });
            if depth >= MAX_DEPTH {
                return;
            }
            let children = match h.follow(path).and_then(|p| h.list(&p)) {
                Ok(c) => c,
                Err(e) => {
                    v.error(
                        io,
                        &format!("{shown}: Cannot open: {}", e.text()),
                        &format!("{shown}: {}", e.text()),
                    );
                    return;
                }
            };
            for (child, _) in children {
                let p = normalize(&format!("{path}/{child}"));
                let s = format!("{shown}/{child}");
                let n = if name == "." && shown != "." {
                    child.clone()
                } else {
                    format!("{name}/{child}")
                };
                add(h, a, &p, &s, &n, mtime, depth + 1, members, v, io);
            }
        }
    }
}

// ----- extract and list -------------------------------------------------

fn read_archive(
    h: &mut ContainerHost<'_>,
    a: &Args,
    mode: char,
    text: &str,
    v: &mut Voice,
    io: &mut Io,
) -> i32 {
    let members = match archive::read(text) {
        Ok(m) => m,
        Err(ReadError::NotTar) => {
            if v.busybox {
                io.err("tar: invalid tar magic\n");
                return 1;
            }
            v.error(io, "This does not look like a tar archive", "");
            return v.finish(io);
        }
        Err(ReadError::BadHeader) => {
            if v.busybox {
                io.err("tar: invalid tar header checksum\n");
                return 1;
            }
            v.error(io, "Skipping to next header", "");
            return v.finish(io);
        }
        Err(ReadError::Truncated) => {
            return v.fatal(io, "Unexpected EOF in archive", "short read");
        }
    };
    if mode == 'x' && !a.to_stdout {
        if let Err(s) = change_dir(h, a, v, io) {
            return s;
        }
    }
    let mut seen = vec![false; a.operands.len()];
    let mut warned = false;
    for m in members {
        let wanted = |op: &String| {
            let op = op.trim_end_matches('/');
            let n = m.name.trim_end_matches('/');
            n == op || n.starts_with(&format!("{op}/"))
        };
        if !a.operands.is_empty() {
            let hits: Vec<usize> = (0..a.operands.len())
                .filter(|i| wanted(&a.operands[*i]))
                .collect();
            if hits.is_empty() {
                continue;
            }
            for i in hits {
                seen[i] = true;
            }
        }
        if mode == 't' {
            list_line(&m, a.verbose, v.busybox, io);
            continue;
        }
        let mut name = m.name.clone();
        if !a.absolute && name.starts_with('/') {
            if !warned {
                v.removing_leading(io, "/");
                warned = true;
            }
            name = name.trim_start_matches('/').to_string();
        }
        if !a.absolute && name.split('/').any(|c| c == "..") {
            v.error(
                io,
                &format!("{name}: Member name contains '..'"),
                &format!("{name}: member name contains '..'"),
            );
            continue;
        }
        if name.is_empty() {
            continue;
        }
        if a.to_stdout {
            if let Kind::File(d) = &m.kind {
                io.out(d);
            }
            continue;
        }
        if a.verbose > 1 {
            list_line(
                &Member {
                    name: name.clone(),
                    ..m.clone()
                },
                a.verbose,
                v.busybox,
                io,
            );
        } else if a.verbose == 1 {
            io.out(&format!("{name}\n"));
        }
        if extract_one(h, &name, &m.kind, v, io).is_err() {
            return 1;
        }
    }
    for (op, found) in a.operands.iter().zip(seen) {
        if !found {
            v.error(
                io,
                &format!("{op}: Not found in archive"),
                &format!("{op}: not found in archive"),
            );
        }
    }
    v.finish(io)
}

/// Err when tar gives up at once: busybox dies when it cannot open a file.
fn extract_one(
    h: &mut ContainerHost<'_>,
    name: &str,
    kind: &Kind,
    v: &mut Voice,
    io: &mut Io,
) -> Result<(), ()> {
    let path = h.abs(name);
    let shown = name.trim_end_matches('/');
    // GNU tar makes the directories a member's path needs.
    let (parent, _) = split(&path);
    if let Err(e) = mkdir_p(h, &parent) {
        v.error(
            io,
            &format!("{shown}: Cannot mkdir: {}", e.text()),
            &format!("can't create directory '{shown}': {}", e.text()),
        );
        return Ok(());
    }
    let existing = h.raw(&path).ok().flatten();
    match kind {
        Kind::Dir => {
            if let Err(e) = mkdir_p(h, &path) {
                v.error(
                    io,
                    &format!("{shown}: Cannot mkdir: {}", e.text()),
                    &format!("can't create directory '{shown}': {}", e.text()),
                );
            }
        }
        Kind::File(data) => {
            // An old file or link in the way is unlinked first.
            if matches!(existing, Some(Entry::Symlink(_))) {
                let _ = h.with_tree_mut(&path, |t, p| t.remove(p, false));
            }
            if let Err(e) = h.write(&path, data, false) {
                if v.busybox {
                    io.err(&format!("tar: can't open '{shown}': {}\n", e.text()));
                    return Err(());
                }
                v.error(io, &format!("{shown}: Cannot open: {}", e.text()), "");
            }
        }
        Kind::Symlink(target) => {
            if matches!(existing, Some(Entry::File(_) | Entry::Symlink(_))) {
                let _ = h.with_tree_mut(&path, |t, p| t.remove(p, false));
            }
            if let Err(e) = h.with_tree_mut(&path, |t, p| t.symlink(target, p)) {
                v.error(
                    io,
                    &format!("{shown}: Cannot create symlink to '{target}': {}", e.text()),
                    &format!("can't create symlink '{shown}' to '{target}': {}", e.text()),
                );
            }
        }
    }
    Ok(())
}

/// `tar t` lines: the name, or with `v` the long listing (GNU: owner
/// `root/root`, minutes; busybox: seconds).
fn list_line(m: &Member, verbose: u8, busybox: bool, io: &mut Io) {
    if verbose == 0 {
        io.out(&format!("{}\n", m.name));
        return;
    }
    let (t, link) = match &m.kind {
        Kind::File(_) => ('-', String::new()),
        Kind::Dir => ('d', String::new()),
        Kind::Symlink(to) => ('l', format!(" -> {to}")),
    };
    let mode = m.mode();
    let mut perms = String::new();
    for shift in [6, 3, 0] {
        let bits = (mode >> shift) & 7;
        perms.push(if bits & 4 != 0 { 'r' } else { '-' });
        perms.push(if bits & 2 != 0 { 'w' } else { '-' });
        perms.push(if bits & 1 != 0 { 'x' } else { '-' });
    }
    let secs = (m.mtime - crate::engine::time::EPOCH_UNIX_SECS).max(0) as u64;
    let stamp = crate::engine::SimTime(secs * 1000).rfc3339(); // 2026-01-05T09:00:00Z
    let (date, clock) = (&stamp[..10], &stamp[11..19]);
    if busybox {
        io.out(&format!(
            "{t}{perms} root/root {:>9} {date} {clock} {}{link}\n",
            m.size(),
            m.name
        ));
    } else {
        io.out(&format!(
            "{t}{perms} root/root {:>9} {date} {} {}{link}\n",
            m.size(),
            &clock[..5],
            m.name
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn command_lines_parse_as_gnu_tar_reads_them() {
        // A first word without a dash bundles letters; their arguments follow.
        let a = parse(&words("cvf out.tar dir other")).ok().unwrap();
        assert_eq!(
            (a.mode, a.file.as_deref(), a.verbose, a.operands.clone()),
            (Some('c'), Some("out.tar"), 1, words("dir other"))
        );
        // kubectl cp's extraction: `tar -xmf - -C DIR`.
        let a = parse(&words("-xmf - -C /usr/share")).ok().unwrap();
        assert_eq!(
            (a.mode, a.file.as_deref(), a.dir.as_deref()),
            (Some('x'), Some("-"), Some("/usr/share"))
        );
        let a = parse(&words("--extract --file=a.tar -C/tmp --no-same-owner"))
            .ok()
            .unwrap();
        assert_eq!(
            (a.mode, a.file.as_deref(), a.dir.as_deref()),
            (Some('x'), Some("a.tar"), Some("/tmp"))
        );
        assert_eq!(
            parse(&words("czf x.tgz d")).ok().unwrap().compress,
            Some("gzip")
        );
        assert!(matches!(parse(&words("-cx")), Err(ArgError::TwoModes)));
        assert!(matches!(
            parse(&words("-c -f")),
            Err(ArgError::NeedsArg('f'))
        ));
        assert!(matches!(parse(&words("-cq")), Err(ArgError::BadShort('q'))));
        assert!(matches!(
            parse(&words("-c --file")),
            Err(ArgError::LongNeedsArg(_))
        ));
    }
}
