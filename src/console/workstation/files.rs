//! `ls`, `mkdir` and `rm` on the workstation, as GNU coreutils answer them
//! in a terminal: enough to lay out the folders `kubectl apply -f DIR` and
//! `kubectl apply -k DIR` read. The session's own files and directories
//! can be removed; files beside the script (`ordinal run`) are read-only.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::host::clean_path;
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

pub(crate) fn ls(c: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let Some((flags, mut operands)) = options(args, "1aAR", "ls", io) else {
        return 2;
    };
    if operands.is_empty() {
        operands.push(".".into());
    }
    let one = flags.contains('1');
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
    let print = |names: &[String], io: &mut Io| {
        if one {
            for n in names {
                io.out(&format!("{n}\n"));
            }
        } else {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            io.out(&crate::console::container::ls_columns(&refs, 80));
        }
    };
    files.sort();
    print(&files, io);
    let titled = operands.len() > 1 || recursive;
    for (i, (name, names)) in dirs.iter().enumerate() {
        if titled {
            if i > 0 || !files.is_empty() {
                io.out("\n");
            }
            io.out(&format!("{name}:\n"));
        }
        print(names, io);
    }
    status
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
        let dir = clean_path(op);
        let exists = c.is_local_dir(&dir) || c.read_file(&dir).is_ok();
        let parent = match dir.rsplit_once('/') {
            Some((p, _)) if !p.is_empty() => p.to_string(),
            _ => ".".into(),
        };
        if exists {
            if !parents || c.read_file(&dir).is_ok() {
                io.err(&format!(
                    "mkdir: cannot create directory '{op}': File exists\n"
                ));
                status = 1;
            }
            continue;
        }
        if !parents && !c.is_local_dir(&parent) {
            io.err(&format!(
                "mkdir: cannot create directory '{op}': No such file or directory\n"
            ));
            status = 1;
            continue;
        }
        c.dirs.insert(dir);
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
        let path = clean_path(op);
        if c.files.remove(&path).is_some() {
            continue;
        }
        if c.is_local_dir(&path) && path != "." {
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
            }
            continue;
        }
        if c.read_file(&path).is_ok() {
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
