//! `du`: how much of a volume a Pod's files take, as GNU coreutils and
//! busybox count it on the node's ext4 disk (kind's local-path volumes and
//! the container's layer share it): a directory takes one 4 KiB block, a
//! file its size rounded up to whole 4 KiB blocks, a symlink none (its
//! target fits in the inode). Directories are walked in name order, where
//! the real tools read them in the order the directory holds them.
//!
//! Options: `-s` (a total per operand), `-a` (files too), `-c` (a grand
//! total), `-h` (human readable), `-k` (KiB, the default), `-b` (bytes of
//! the files' sizes rather than of their blocks), `-m` (busybox: MiB), `-d N` / `--max-depth=N`; a mount point is crossed as both tools
//! cross it without `-x`.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::volumes::Entry;

use super::host::ContainerHost;

/// The file system's block, in bytes (ext4's default).
const BLOCK: u64 = 4096;

/// The most lines one `du` prints (a runaway tree stops here).
const MAX_LINES: usize = 10_000;

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Bytes,
    Kib,
    Mib,
    Human,
}

struct Options {
    all: bool,
    /// `-b`: sizes as `ls -l` shows them, not the blocks they take.
    apparent: bool,
    max_depth: Option<usize>,
    total: bool,
    unit: Unit,
}

/// `du [-achkms] [-d N] [FILE]…`.
pub(crate) fn du(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let busybox = h.tools.busybox;
    let mut o = Options {
        all: false,
        apparent: false,
        max_depth: None,
        total: false,
        unit: Unit::Kib,
    };
    let mut operands: Vec<String> = Vec::new();
    let mut summarize = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        if a == "-" || !a.starts_with('-') {
            operands.push(a.to_string());
            continue;
        }
        if a == "--" {
            operands.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--").filter(|_| !busybox) {
            match long.split_once('=') {
                Some(("max-depth", n)) => match n.parse() {
                    Ok(n) => o.max_depth = Some(n),
                    Err(_) => {
                        io.err(&format!("du: invalid maximum depth '{n}'\nTry 'du --help' for more information.\n"));
                        return 1;
                    }
                },
                None if long == "summarize" => summarize = true,
                None if long == "all" => o.all = true,
                None if long == "total" => o.total = true,
                None if long == "human-readable" => o.unit = Unit::Human,
                None if long == "apparent-size" => o.apparent = true,
                None if long == "bytes" => {
                    o.apparent = true;
                    o.unit = Unit::Bytes;
                }
                _ => {
                    io.err(&format!(
                        "du: unrecognized option '{a}'\nTry 'du --help' for more information.\n"
                    ));
                    return 1;
                }
            }
            continue;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        for (at, &c) in flags.iter().enumerate() {
            match c {
                'a' => o.all = true,
                's' => summarize = true,
                'c' => o.total = true,
                'h' => o.unit = Unit::Human,
                'k' => o.unit = Unit::Kib,
                'm' if busybox => o.unit = Unit::Mib,
                // busybox has -b from 1.30 on.
                'b' if !busybox || h.tools.busybox_new() => {
                    o.apparent = true;
                    o.unit = Unit::Bytes;
                }
                // Following links changes nothing here: operands are
                // directories or files, and links inside are not followed.
                'H' | 'L' | 'x' | 'l' => {}
                'd' => {
                    // The number is the rest of the word or the next one.
                    let rest: String = flags[at + 1..].iter().collect();
                    let value = if rest.is_empty() {
                        let v = args.get(i).cloned();
                        i += 1;
                        v
                    } else {
                        Some(rest)
                    };
                    let Some(v) = value else {
                        return missing_argument(h, io);
                    };
                    match v.parse() {
                        Ok(n) => o.max_depth = Some(n),
                        Err(_) if busybox => {
                            io.err(&format!("du: invalid number '{v}'\n"));
                            return 1;
                        }
                        Err(_) => {
                            io.err(&format!("du: invalid maximum depth '{v}'\nTry 'du --help' for more information.\n"));
                            return 1;
                        }
                    }
                    break;
                }
                _ => return super::fs_cmds::bad_option(h, "du", c, io),
            }
        }
    }
    if summarize {
        // GNU refuses -s with a depth other than 0; busybox's -s is -d 0.
        if !busybox && o.max_depth.is_some_and(|d| d != 0) {
            io.err(&format!(
                "du: warning: summarizing conflicts with --max-depth={}\nTry 'du --help' for more information.\n",
                o.max_depth.unwrap_or(0)
            ));
            return 1;
        }
        o.max_depth = Some(0);
    }
    if operands.is_empty() {
        operands.push(".".into());
    }
    let mut status = 0;
    let mut grand = 0u64;
    let mut lines = 0usize;
    for p in &operands {
        let abs = h.abs(p);
        match h.raw(&abs) {
            Ok(Some(e)) => grand += walk(h, p, &abs, &e, 0, &o, io, &mut lines),
            _ => {
                if busybox {
                    io.err(&format!("du: {p}: No such file or directory\n"));
                } else {
                    io.err(&format!(
                        "du: cannot access '{p}': No such file or directory\n"
                    ));
                }
                status = 1;
            }
        }
    }
    if o.total {
        io.out(&format!("{}\ttotal\n", size(grand, o.unit, busybox)));
    }
    status
}

fn missing_argument(h: &ContainerHost<'_>, io: &mut Io) -> i32 {
    if h.tools.busybox {
        io.err(&super::busybox_usage::show("du", h.tools.busybox_new()));
    } else {
        io.err("du: option requires an argument -- 'd'\nTry 'du --help' for more information.\n");
    }
    1
}

/// The bytes `e` and everything under it take; prints the lines `du`
/// prints for them (a directory after what is in it).
#[allow(clippy::too_many_arguments)]
fn walk(
    h: &ContainerHost<'_>,
    shown: &str,
    abs: &str,
    e: &Entry,
    depth: usize,
    o: &Options,
    io: &mut Io,
    lines: &mut usize,
) -> u64 {
    let mut sum = match e {
        Entry::Dir => BLOCK,
        Entry::File(text) if o.apparent => text.len() as u64,
        Entry::File(text) => (text.len() as u64).div_ceil(BLOCK) * BLOCK,
        Entry::Symlink(target) if o.apparent => target.len() as u64,
        Entry::Symlink(_) => 0,
    };
    if matches!(e, Entry::Dir) {
        for (child_abs, child_shown, child) in h.walk_children(abs, shown) {
            sum += walk(h, &child_shown, &child_abs, &child, depth + 1, o, io, lines);
        }
    } else if depth > 0 && !o.all {
        return sum;
    }
    if o.max_depth.is_none_or(|m| depth <= m) && *lines < MAX_LINES {
        *lines += 1;
        io.out(&format!(
            "{}\t{shown}\n",
            size(sum, o.unit, h.tools.busybox)
        ));
    }
    sum
}

/// A size as each tool prints it: KiB or MiB rounded up, or human
/// readable.
fn size(bytes: u64, unit: Unit, busybox: bool) -> String {
    match unit {
        Unit::Bytes => bytes.to_string(),
        Unit::Kib => bytes.div_ceil(1024).to_string(),
        Unit::Mib => bytes.div_ceil(1024 * 1024).to_string(),
        Unit::Human => super::human::size(bytes, busybox),
    }
}
