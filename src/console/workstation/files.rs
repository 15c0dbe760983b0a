//! `ls`, `mkdir`, `rm`, `cp`, `mv` and `touch` on the workstation, as GNU
//! coreutils answer them in a terminal: enough to lay out the folders
//! `kubectl apply -f DIR` and `kubectl apply -k DIR` read. The session's
//! own files and directories can be changed; files beside the script
//! (`ordinal run`) can be read and copied but not removed. `ls -l` shows
//! the learner as their owner and when each was last written.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::host::USER;
use crate::console::session::Console;
use crate::console::sh::Io;

/// Splits `-abc` style options from operands (`--` ends options).
fn options(args: &[String], known: &str, cmd: &str, io: &mut Io) -> Option<(String, Vec<String>)> {
    let mut flags = String::new();
    let mut operands = Vec::new();
    let mut done = false;
    for a in args {
        if done || a == "-" || !a.starts_with('-') {
            operands.push(a.clone());
        } else if a == "--" {
            done = true;
        } else if let Some(long) = a.strip_prefix("--") {
            let short = match long {
                "parents" => 'p',
                "recursive" => 'r',
                "force" => 'f',
                "all" => 'a',
                "almost-all" => 'A',
                "archive" => 'a',
                _ => {
                    io.err(&format!("{cmd}: unrecognized option '{a}'\nTry '{cmd} --help' for more information.\n"));
                    return None;
                }
            };
            flags.push(short);
        } else {
            for c in a.chars().skip(1) {
                if !known.contains(c) {
                    io.err(&format!("{cmd}: invalid option -- '{c}'\nTry '{cmd} --help' for more information.\n"));
                    return None;
                }
                flags.push(c);
            }
        }
    }
    Some((flags, operands))
}

/// `ls`: names in columns on the terminal, one per line into a pipe or a
/// file (`tty`, see `Invocation::tty`), as GNU ls decides by `isatty`.
pub(crate) fn ls(c: &mut Console, args: &[String], tty: bool, io: &mut Io) -> i32 {
    let Some((flags, mut operands)) = options(args, "1aARlh", "ls", io) else {
        return 2;
    };
    if operands.is_empty() {
        operands.push(".".into());
    }
    let one = flags.contains('1') || !tty;
    let recursive = flags.contains('R');
    let mut status = 0;
    let mut files: Vec<String> = Vec::new();
    let mut dirs: Vec<(String, Vec<String>)> = Vec::new();
    for op in &operands {
        if c.list_local_dir(op).is_some() {
            // -R: each folder, then its subfolders depth first, in name order.
            let mut pending = vec![op.clone()];
            while let Some(dir) = pending.pop() {
                let entries = c.list_local_dir(&dir).unwrap_or_default();
                if recursive {
                    let subdirs = entries.iter().rev().filter(|(_, is_dir)| *is_dir);
                    // GNU keeps the operand as typed: `./sub` under `.`.
                    pending.extend(subdirs.map(|(n, _)| match dir.ends_with('/') {
                        true => format!("{dir}{n}"),
                        false => format!("{dir}/{n}"),
                    }));
                }
                let mut names: Vec<String> = entries.into_iter().map(|(n, _)| n).collect();
                if flags.contains('a') {
                    names.splice(0..0, [".".to_string(), "..".to_string()]);
                }
                dirs.push((dir, names));
            }
        } else if c.read_file(op).is_ok() {
            files.push(op.clone());
        } else {
            io.err(&format!(
                "ls: cannot access '{op}': No such file or directory\n"
            ));
            status = 2;
        }
    }
    let long = flags.contains('l');
    let human = flags.contains('h');
    // Each listing: its directory (None for the file operands) and names.
    let print = |dir: Option<&str>, names: &[String], io: &mut Io| {
        if long {
            long_listing(c, dir, names, human, io);
        } else if one {
            for n in names {
                io.out(&format!("{n}\n"));
            }
        } else {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            io.out(&crate::console::container::ls_columns(&refs, 80));
        }
    };
    files.sort();
    if !files.is_empty() {
        print(None, &files, io);
    }
    let titled = operands.len() > 1 || recursive;
    for (i, (name, names)) in dirs.iter().enumerate() {
        if titled {
            if i > 0 || !files.is_empty() {
                io.out("\n");
            }
            io.out(&format!("{name}:\n"));
        }
        print(Some(name), names, io);
    }
    status
}

/// What `ls -l` shows of one of the session's files or directories.
struct Stat {
    dir: bool,
    links: usize,
    size: u64,
    when: crate::engine::SimTime,
}

/// A file or directory of the workstation by its path, with the time it
/// last changed: a directory's is when it was made or anything below it
/// last changed (files beside the script have the session's start).
fn stat(c: &Console, path: &str) -> Stat {
    let key = c.local_key(path);
    let when = |k: &str| c.times.get(k).copied().unwrap_or_default();
    match c.list_local_dir(path) {
        Some(entries) => {
            let prefix = format!("{key}/");
            let below = c
                .times
                .iter()
                .filter(|(k, _)| key == "." && !k.starts_with('/') || k.starts_with(&prefix))
                .map(|(_, t)| *t)
                .max()
                .unwrap_or_default();
            Stat {
                dir: true,
                links: 2 + entries.iter().filter(|(_, d)| *d).count(),
                size: 4096,
                when: when(&key).max(below),
            }
        }
        None => Stat {
            dir: false,
            links: 1,
            size: c.read_file(path).map_or(0, |t| t.len() as u64),
            when: when(&key),
        },
    }
}

/// coreutils' `ls -l`: `total` (1K blocks, for a directory's listing),
/// then a line per name, the columns as wide as their widest cell. The
/// learner owns everything here.
fn long_listing(c: &Console, dir: Option<&str>, names: &[String], human: bool, io: &mut Io) {
    let rows: Vec<(Stat, &String)> = names
        .iter()
        .map(|n| {
            let path = match (dir, n.as_str()) {
                (None, _) => n.clone(),
                (Some(d), ".") => d.to_string(),
                (Some(d), "..") => Console::join_local(d, ".."),
                (Some(d), _) => Console::join_local(d, n),
            };
            (stat(c, &path), n)
        })
        .collect();
    if dir.is_some() {
        let blocks: u64 = rows.iter().map(|(s, _)| s.size.div_ceil(4096) * 4).sum();
        let total = if human {
            crate::console::container::human_size(blocks * 1024, false)
        } else {
            blocks.to_string()
        };
        io.out(&format!("total {total}\n"));
    }
    let size = |s: &Stat| {
        if human {
            crate::console::container::human_size(s.size, false)
        } else {
            s.size.to_string()
        }
    };
    let lw = rows
        .iter()
        .map(|(s, _)| s.links.to_string().len())
        .max()
        .unwrap_or(1);
    let sw = rows.iter().map(|(s, _)| size(s).len()).max().unwrap_or(1);
    for (s, name) in &rows {
        let mode = if s.dir { "drwxr-xr-x" } else { "-rw-r--r--" };
        let when = crate::console::container::Tm::at(s.when).strftime("%b %e %H:%M");
        io.out(&format!(
            "{mode} {:>lw$} {USER} {USER} {:>sw$} {when} {name}\n",
            s.links,
            size(s)
        ));
    }
}

pub(crate) fn mkdir(c: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let Some((flags, operands)) = options(args, "pv", "mkdir", io) else {
        return 1;
    };
    if operands.is_empty() {
        io.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
        return 1;
    }
    let parents = flags.contains('p');
    let mut status = 0;
    for op in &operands {
        let dir = c.local_key(op);
        let exists = c.is_dir_key(&dir) || c.read_key(&dir).is_ok();
        let parent = match dir.rsplit_once('/') {
            Some((p, _)) if !p.is_empty() => p.to_string(),
            _ => ".".into(),
        };
        if exists {
            if !parents || c.read_key(&dir).is_ok() {
                io.err(&format!(
                    "mkdir: cannot create directory '{op}': File exists\n"
                ));
                status = 1;
            }
            continue;
        }
        if !parents && !c.is_dir_key(&parent) {
            io.err(&format!(
                "mkdir: cannot create directory '{op}': No such file or directory\n"
            ));
            status = 1;
            continue;
        }
        c.make_dir(dir);
    }
    status
}

pub(crate) fn rm(c: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let Some((flags, operands)) = options(args, "rRfdv", "rm", io) else {
        return 1;
    };
    let force = flags.contains('f');
    let recursive = flags.contains('r') || flags.contains('R');
    if operands.is_empty() && !force {
        io.err("rm: missing operand\nTry 'rm --help' for more information.\n");
        return 1;
    }
    let mut status = 0;
    for op in &operands {
        let path = c.local_key(op);
        if c.files.remove(&path).is_some() {
            unlinked(c, &path);
            continue;
        }
        if c.is_dir_key(&path) && path != "." {
            if !recursive {
                io.err(&format!("rm: cannot remove '{op}': Is a directory\n"));
                status = 1;
                continue;
            }
            let prefix = format!("{path}/");
            let before = c.files.len() + c.dirs.len();
            c.files.retain(|k, _| !k.starts_with(&prefix));
            c.dirs.retain(|k| *k != path && !k.starts_with(&prefix));
            if before == c.files.len() + c.dirs.len() && c.lister.is_some() {
                io.err(&format!(
                    "rm: cannot remove '{op}': Read-only file system\n"
                ));
                status = 1;
            } else {
                unlinked(c, &path);
            }
            continue;
        }
        if c.read_key(&path).is_ok() {
            io.err(&format!(
                "rm: cannot remove '{op}': Read-only file system\n"
            ));
            status = 1;
        } else if !force {
            io.err(&format!(
                "rm: cannot remove '{op}': No such file or directory\n"
            ));
            status = 1;
        }
    }
    status
}

/// What removing `path` (a store key) does to the times `ls -l` shows:
/// the times of `path` and of everything below it are forgotten, and the
/// folder that held it changed now. Without this a folder kept showing the
/// time of a file no longer in it.
fn unlinked(c: &mut Console, path: &str) {
    let prefix = format!("{path}/");
    c.times.retain(|k, _| k != path && !k.starts_with(&prefix));
    let now = c.engine.now();
    c.times.insert(parent(path), now);
}

/// The folder holding `path` (`.` for a bare name).
fn parent(path: &str) -> String {
    match path.rsplit_once('/') {
        Some(("", _)) => "/".into(),
        Some((p, _)) => p.to_string(),
        None => ".".into(),
    }
}

fn base_name(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// Every file and folder below folder `dir`, as paths relative to it
/// (folders with `is_dir`), depth first in name order.
fn walk(c: &Console, dir: &str, rel: &str, out: &mut Vec<(String, bool)>) {
    let here = if rel.is_empty() {
        dir.to_string()
    } else {
        Console::join_local(dir, rel)
    };
    for (name, is_dir) in c.list_key(&here).unwrap_or_default() {
        let r = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        out.push((r.clone(), is_dir));
        if is_dir {
            walk(c, dir, &r, out);
        }
    }
}

/// Copies `src` to `dst` (a folder's contents too when `recursive`);
/// the error is coreutils' text after `cp: `.
fn copy(c: &mut Console, src: &str, dst: &str, recursive: bool) -> Result<(), String> {
    if c.is_local_dir(src) {
        if !recursive {
            return Err(format!("-r not specified; omitting directory '{src}'"));
        }
        let (from, to) = (c.local_key(src), c.local_key(dst));
        if to == from || to.starts_with(&format!("{from}/")) {
            return Err(format!(
                "cannot copy a directory, '{src}', into itself, '{dst}'"
            ));
        }
        if !c.is_dir_key(&parent(&to)) {
            return Err(format!(
                "cannot create directory '{dst}': No such file or directory"
            ));
        }
        let mut entries = Vec::new();
        walk(c, &from, "", &mut entries);
        c.make_dir(to.clone());
        for (rel, is_dir) in entries {
            let target = Console::join_local(&to, &rel);
            if is_dir {
                c.make_dir(target);
            } else {
                let text = c
                    .read_key(&Console::join_local(&from, &rel))
                    .unwrap_or_default();
                c.write_key(target, &text, false)?;
            }
        }
        return Ok(());
    }
    let text = c
        .read_file(src)
        .map_err(|_| format!("cannot stat '{src}': No such file or directory"))?;
    if !c.is_dir_key(&parent(&c.local_key(dst))) {
        return Err(format!(
            "cannot create regular file '{dst}': No such file or directory"
        ));
    }
    c.write_file(dst, &text, false)
}

/// Where `src` lands: inside `dst` when that is a folder.
fn destination(c: &Console, src: &str, dst: &str) -> String {
    if c.is_local_dir(dst) {
        Console::join_local(dst, base_name(src))
    } else {
        dst.to_string()
    }
}

/// `cp` and `mv`: operands checked as coreutils checks them.
fn sources_and_target(
    c: &Console,
    cmd: &str,
    operands: &[String],
    io: &mut Io,
) -> Option<(Vec<String>, String)> {
    match operands {
        [] => {
            io.err(&format!(
                "{cmd}: missing file operand\nTry '{cmd} --help' for more information.\n"
            ));
            None
        }
        [one] => {
            io.err(&format!(
                "{cmd}: missing destination file operand after '{one}'\nTry '{cmd} --help' for more information.\n"
            ));
            None
        }
        [sources @ .., target] => {
            if sources.len() > 1 && !c.is_local_dir(target) {
                io.err(&format!("{cmd}: target '{target}': Not a directory\n"));
                return None;
            }
            Some((sources.to_vec(), target.clone()))
        }
    }
}

pub(crate) fn cp(c: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let Some((flags, operands)) = options(args, "rRfvpa", "cp", io) else {
        return 1;
    };
    let recursive = flags.contains(['r', 'R', 'a']);
    let Some((sources, target)) = sources_and_target(c, "cp", &operands, io) else {
        return 1;
    };
    let mut status = 0;
    for src in &sources {
        let dst = destination(c, src, &target);
        if let Err(e) = copy(c, src, &dst, recursive) {
            io.err(&format!("cp: {e}\n"));
            status = 1;
        }
    }
    status
}

pub(crate) fn mv(c: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let Some((_, operands)) = options(args, "fvin", "mv", io) else {
        return 1;
    };
    let Some((sources, target)) = sources_and_target(c, "mv", &operands, io) else {
        return 1;
    };
    let mut status = 0;
    for src in &sources {
        let dst = destination(c, src, &target);
        let path = c.local_key(src);
        let prefix = format!("{path}/");
        let own = c.files.contains_key(&path)
            || c.dirs.contains(&path)
            || c.files.keys().any(|k| k.starts_with(&prefix));
        if c.read_file(src).is_err() && !c.is_local_dir(src) {
            io.err(&format!(
                "mv: cannot stat '{src}': No such file or directory\n"
            ));
            status = 1;
            continue;
        }
        if !own {
            io.err(&format!(
                "mv: cannot move '{src}' to '{dst}': Read-only file system\n"
            ));
            status = 1;
            continue;
        }
        // A move keeps each file's time (the same inode, renamed).
        let times: Vec<(String, crate::engine::SimTime)> = c
            .times
            .iter()
            .filter_map(|(k, t)| {
                let rest = if *k == path {
                    Some("")
                } else {
                    k.strip_prefix(&path).filter(|r| r.starts_with('/'))
                };
                rest.map(|r| (r.to_string(), *t))
            })
            .collect();
        if let Err(e) = copy(c, src, &dst, true) {
            io.err(&format!(
                "mv: {}\n",
                e.replace("cannot copy", "cannot move")
            ));
            status = 1;
            continue;
        }
        let to = c.local_key(&dst);
        c.files.remove(&path);
        c.files.retain(|k, _| !k.starts_with(&prefix));
        c.dirs.retain(|k| *k != path && !k.starts_with(&prefix));
        // The source's folder and the destination's both changed now.
        unlinked(c, &path);
        let now = c.engine.now();
        c.times.insert(parent(&to), now);
        for (rest, t) in times {
            c.times.insert(format!("{to}{rest}"), t);
        }
    }
    status
}

pub(crate) fn touch(c: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let Some((_, operands)) = options(args, "acm", "touch", io) else {
        return 1;
    };
    if operands.is_empty() {
        io.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
        return 1;
    }
    let mut status = 0;
    for op in &operands {
        let key = c.local_key(op);
        if c.read_key(&key).is_ok() || c.is_dir_key(&key) {
            // An existing file or folder: only its time changes.
            let now = c.engine.now();
            c.times.insert(key, now);
            continue;
        }
        let written = match c.is_dir_key(&parent(&key)) {
            true => c.write_file(op, "", true).map_err(|e| e.to_string()),
            false => Err("No such file or directory".to_string()),
        };
        if let Err(e) = written {
            io.err(&format!("touch: cannot touch '{op}': {e}\n"));
            status = 1;
        }
    }
    status
}
