//! `chown`, `chgrp` and `chmod` inside a container, worded as busybox or
//! GNU coreutils word them. Init containers run them on a fresh volume
//! (`chown -R 999:999 /var/lib/postgresql/data`) before the database
//! starts; without them such a Pod would crash-loop on `not found`.
//!
//! Ordinal's file trees keep no owners or modes (every process runs as
//! root), so these commands check what they are given — the owner or mode
//! spelling, that each file exists — and change nothing: a bad mode or a
//! missing file fails exactly as it would, a good command succeeds silently.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;

use super::commands::Opts;
use super::fs_cmds::{bad_option, missing_operand};
use super::host::ContainerHost;

/// `chown [-Rhfv] OWNER[:GROUP] FILE…`.
pub(crate) fn chown(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    owner_command(h, "chown", args, io, |spec| {
        let (user, group) = match spec.split_once([':', '.']) {
            Some((u, g)) => (u, Some(g)),
            None => (spec, None),
        };
        if !user.is_empty() && !is_account(user) {
            return Err(format!("invalid user: '{spec}'"));
        }
        if group.is_some_and(|g| !g.is_empty() && !is_account(g)) {
            return Err(format!("invalid group: '{spec}'"));
        }
        Ok(())
    })
}

/// `chgrp [-Rhfv] GROUP FILE…`.
pub(crate) fn chgrp(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    owner_command(h, "chgrp", args, io, |spec| {
        if is_account(spec) {
            Ok(())
        } else {
            Err(format!("invalid group: '{spec}'"))
        }
    })
}

/// A user or group as `chown` takes it: a number, or a name as `useradd`
/// allows (the images' accounts — root, nginx, mysql, postgres, redis,
/// nobody … — are all such names; which exist is not modelled).
fn is_account(s: &str) -> bool {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return !s.is_empty();
    }
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && s.len() <= 32
}

/// What `chown` and `chgrp` share: options, the spec, then every file.
fn owner_command(
    h: &mut ContainerHost<'_>,
    util: &str,
    args: &[String],
    io: &mut Io,
    check_spec: impl Fn(&str) -> Result<(), String>,
) -> i32 {
    let o = match Opts::parse(args, "RHLPhfcv") {
        Ok(o) => o,
        Err(c) => return bad_option(h, util, c, io),
    };
    let Some((spec, files)) = o.operands.split_first() else {
        return missing_operand(h, util, io);
    };
    if files.is_empty() {
        return missing_after(h, util, spec, io);
    }
    if let Err(why) = check_spec(spec) {
        return usage_error(h, util, &why, io);
    }
    each_file(h, util, files, o.has('f'), io)
}

/// `chmod [-Rfv] MODE[,MODE]… FILE…` (also `chmod -w FILE`: a mode that
/// starts with a dash).
pub(crate) fn chmod(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut flags: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    let mut mode: Option<String> = None;
    let mut ended = false;
    for a in args {
        let is_mode_like =
            a.len() > 1 && a.starts_with('-') && a[1..].bytes().all(|b| b"rwxXst".contains(&b));
        if !ended && mode.is_none() && is_mode_like {
            mode = Some(a.clone());
        } else if !ended && a == "--" {
            ended = true;
        } else if !ended && a.starts_with('-') && a.len() > 1 {
            flags.push(a.clone());
        } else {
            rest.push(a.clone());
        }
    }
    let o = match Opts::parse(&flags, "Rfcv") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "chmod", c, io),
    };
    let (mode, files) = match mode {
        Some(m) => (m, &rest[..]),
        None => match rest.split_first() {
            Some((m, f)) => (m.clone(), f),
            None => return missing_operand(h, "chmod", io),
        },
    };
    if files.is_empty() {
        return missing_after(h, "chmod", &mode, io);
    }
    if !valid_mode(&mode) {
        let why = if h.tools.busybox {
            format!("invalid mode '{mode}'")
        } else {
            format!("invalid mode: '{mode}'")
        };
        return usage_error(h, "chmod", &why, io);
    }
    each_file(h, "chmod", files, o.has('f'), io)
}

/// An octal mode (`755`, `0700`, `2775`) or symbolic clauses
/// (`u+rwx,g-w`, `a=r`, `+x`, `o=u`).
fn valid_mode(m: &str) -> bool {
    if !m.is_empty() && m.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return m.len() <= 4;
    }
    !m.is_empty()
        && m.split(',').all(|clause| {
            let ops = clause.trim_start_matches(['u', 'g', 'o', 'a']);
            // One or more `[+-=][perms]` actions.
            !ops.is_empty() && valid_actions(ops)
        })
}

fn valid_actions(ops: &str) -> bool {
    let mut chars = ops.chars().peekable();
    let mut any = false;
    while let Some(op) = chars.next() {
        if !matches!(op, '+' | '-' | '=') {
            return false;
        }
        any = true;
        // Either permission letters or one of u/g/o (copy another class).
        if chars.peek().is_some_and(|c| matches!(c, 'u' | 'g' | 'o')) {
            chars.next();
            continue;
        }
        while chars.next_if(|c| "rwxXst".contains(*c)).is_some() {}
    }
    any
}

/// `util: missing operand after 'X'` (GNU) or the usage (busybox).
fn missing_after(h: &ContainerHost<'_>, util: &str, after: &str, io: &mut Io) -> i32 {
    if h.tools.busybox {
        return missing_operand(h, util, io);
    }
    io.err(&format!(
        "{util}: missing operand after '{after}'\nTry '{util} --help' for more information.\n"
    ));
    1
}

/// A wrong owner, group or mode: the message, and GNU's hint.
fn usage_error(h: &ContainerHost<'_>, util: &str, why: &str, io: &mut Io) -> i32 {
    if h.tools.busybox {
        io.err(&format!("{util}: {why}\n"));
    } else {
        io.err(&format!(
            "{util}: {why}\nTry '{util} --help' for more information.\n"
        ));
    }
    1
}

/// Each file must exist (`-f` keeps quiet about those that do not, but the
/// status still says so).
fn each_file(
    h: &mut ContainerHost<'_>,
    util: &str,
    files: &[String],
    quiet: bool,
    io: &mut Io,
) -> i32 {
    let mut status = 0;
    for f in files {
        let path = h.abs(f);
        if let Err(e) = h.stat(&path) {
            status = 1;
            if quiet {
                continue;
            }
            if h.tools.busybox {
                io.err(&format!("{util}: {f}: {}\n", e.text()));
            } else {
                io.err(&format!("{util}: cannot access '{f}': {}\n", e.text()));
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_as_chmod_reads_them() {
        for good in [
            "755", "0700", "2775", "u+x", "g-w,o=r", "a=rwx", "+x", "-w", "u=g", "ug+rw",
        ] {
            assert!(valid_mode(good), "{good}");
        }
        for bad in ["", "8", "77777", "u", "z+x", "u+q", "+,", "rwx"] {
            assert!(!valid_mode(bad), "{bad}");
        }
    }

    #[test]
    fn accounts_as_chown_reads_them() {
        for good in ["999", "root", "postgres", "_apt", "www-data"] {
            assert!(is_account(good), "{good}");
        }
        for bad in ["", "Root", "9x!", "a b", "-x"] {
            assert!(!is_account(bad), "{bad}");
        }
    }
}
