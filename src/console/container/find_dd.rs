//! `find` and `dd`, as the upstream StatefulSet e2e tests use them on a
//! Pod's volume (`find /data`, `echo $(hostname) | dd of=/data/hostname
//! conv=fsync`): the common options, worded as busybox or GNU findutils
//! and coreutils word them.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::volumes::Entry;

use super::host::{ContainerHost, Node};

/// What `dd` reads at most from `/dev/zero` (more than a volume holds).
const MAX_ENDLESS: usize = 1 << 25;

/// The first `n` bytes of an endless device (`/dev/zero`, `/dev/urandom`,
/// `/dev/random`); None for any other path. The "random" bytes are
/// deterministic printable ones: the simulation has no entropy.
pub(crate) fn device_bytes(path: &str, n: usize) -> Option<String> {
    match path {
        "/dev/zero" => Some("\0".repeat(n)),
        "/dev/urandom" | "/dev/random" => Some(
            (0..n)
                .map(|i| char::from(b'!' + ((i * 37 + 11) % 94) as u8))
                .collect(),
        ),
        _ => None,
    }
}

/// The most entries one `find` prints (a runaway tree stops here).
const MAX_FOUND: usize = 10_000;

/// What `find`'s expression asks for.
#[derive(Default)]
struct Test {
    name: Option<String>,
    kind: Option<char>,
    maxdepth: Option<usize>,
    mindepth: usize,
}

/// `find [PATH…] [-name PAT] [-type f|d|l] [-maxdepth N] [-mindepth N] [-print]`.
pub(crate) fn find(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut paths: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() && !args[i].starts_with('-') {
        paths.push(args[i].clone());
        i += 1;
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let mut t = Test::default();
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1).cloned();
        let need = |io: &mut Io| {
            if h.tools.busybox {
                io.err(&format!("find: {a} requires an argument\n"));
            } else {
                io.err(&format!("find: missing argument to `{a}'\n"));
            }
        };
        match a {
            "-print" => {}
            "-name" | "-type" | "-maxdepth" | "-mindepth" => {
                let Some(v) = value else {
                    need(io);
                    return 1;
                };
                match a {
                    "-name" => t.name = Some(v),
                    "-type" => match v.as_str() {
                        "f" | "d" | "l" => t.kind = v.chars().next(),
                        _ => {
                            io.err(&format!("find: Unknown argument to -type: {v}\n"));
                            return 1;
                        }
                    },
                    _ => {
                        let Ok(n) = v.parse::<usize>() else {
                            io.err(&format!(
                                "find: Expected a positive decimal integer argument to {a}, but got `{v}'\n"
                            ));
                            return 1;
                        };
                        if a == "-maxdepth" {
                            t.maxdepth = Some(n);
                        } else {
                            t.mindepth = n;
                        }
                    }
                }
                i += 1;
            }
            _ => {
                if h.tools.busybox {
                    io.err(&format!("find: unrecognized: {a}\n"));
                } else {
                    io.err(&format!("find: unknown predicate `{a}'\n"));
                }
                return 1;
            }
        }
        i += 1;
    }
    let mut status = 0;
    let mut found = 0usize;
    for p in paths {
        let abs = h.abs(&p);
        match h.raw(&abs) {
            Ok(Some(e)) => walk(h, &p, &abs, e, 0, &t, io, &mut found),
            _ => {
                if h.tools.busybox {
                    io.err(&format!("find: {p}: No such file or directory\n"));
                } else {
                    io.err(&format!("find: '{p}': No such file or directory\n"));
                }
                status = 1;
            }
        }
    }
    status
}

#[allow(clippy::too_many_arguments)]
fn walk(
    h: &ContainerHost<'_>,
    shown: &str,
    abs: &str,
    e: Entry,
    depth: usize,
    t: &Test,
    io: &mut Io,
    found: &mut usize,
) {
    if *found >= MAX_FOUND {
        return;
    }
    let is_dir = matches!(e, Entry::Dir);
    let kind = match e {
        Entry::Dir => 'd',
        Entry::File(_) => 'f',
        Entry::Symlink(_) => 'l',
    };
    let base = shown
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(shown);
    let name_ok = t
        .name
        .as_ref()
        .is_none_or(|pat| crate::console::sh::pattern::matches(pat, base));
    if depth >= t.mindepth && name_ok && t.kind.is_none_or(|k| k == kind) {
        io.out(&format!("{shown}\n"));
        *found += 1;
    }
    if !is_dir || t.maxdepth.is_some_and(|m| depth >= m) {
        return;
    }
    for (child_abs, child_shown, child) in h.walk_children(abs, shown) {
        walk(h, &child_shown, &child_abs, child, depth + 1, t, io, found);
    }
}

/// `dd [if=FILE] [of=FILE] [bs=N] [count=N] [conv=…] [status=none]`:
/// copies in blocks and reports the records on stderr.
pub(crate) fn dd(
    h: &mut ContainerHost<'_>,
    args: &[String],
    stdin: Option<&str>,
    io: &mut Io,
) -> i32 {
    let mut input: Option<String> = None;
    let mut output: Option<String> = None;
    let mut bs: usize = 512;
    let mut count: Option<usize> = None;
    let mut quiet = false;
    for a in args {
        let Some((k, v)) = a.split_once('=') else {
            if h.tools.busybox {
                io.err(&format!("dd: invalid argument '{a}'\n"));
            } else {
                io.err(&format!(
                    "dd: unrecognized operand '{a}'\nTry 'dd --help' for more information.\n"
                ));
            }
            return 1;
        };
        match k {
            "if" => input = Some(v.to_string()),
            "of" => output = Some(v.to_string()),
            "bs" | "ibs" | "obs" => match parse_size(v) {
                Some(n) if n > 0 => bs = n,
                _ => {
                    io.err(&format!("dd: invalid number '{v}'\n"));
                    return 1;
                }
            },
            "count" => match v.parse() {
                Ok(n) => count = Some(n),
                Err(_) => {
                    io.err(&format!("dd: invalid number '{v}'\n"));
                    return 1;
                }
            },
            // Syncing and conversions change nothing a simulation keeps.
            "conv" | "iflag" | "oflag" => {}
            "status" => quiet = v == "none",
            _ => {
                io.err(&format!("dd: unknown operand {k}\n"));
                return 1;
            }
        }
    }
    // Endless sources give what `count` blocks take (the e2e tests'
    // `dd if=/dev/zero of=/data/statefulset-continue bs=1 count=1`);
    // without a count, more than any volume here holds.
    let endless = count
        .map_or(MAX_ENDLESS, |n| n.saturating_mul(bs))
        .min(MAX_ENDLESS);
    let device = input.as_deref().and_then(|f| device_bytes(f, endless));
    let data = match (device, input.as_deref()) {
        (Some(bytes), _) => bytes,
        (None, None) => stdin.unwrap_or("").to_string(),
        (None, Some(f)) => match h.stat(&h.abs(f)) {
            Ok(Node::File(s)) => s,
            Ok(Node::Dir) => {
                io.err(&format!("dd: error reading '{f}': Is a directory\n"));
                return 1;
            }
            Err(e) => {
                io.err(&format!("dd: failed to open '{f}': {}\n", e.text()));
                return 1;
            }
        },
    };
    let mut data = data;
    if let Some(n) = count {
        let mut end = (n.saturating_mul(bs)).min(data.len());
        while !data.is_char_boundary(end) {
            end -= 1;
        }
        data.truncate(end);
    }
    match &output {
        None => io.out(&data),
        Some(f) => {
            let path = h.abs(f);
            if let Err(e) = h.write(&path, &data, false) {
                let what = if matches!(e, crate::engine::volumes::FsError::Limit(_)) {
                    "error writing"
                } else {
                    "failed to open"
                };
                io.err(&format!("dd: {what} '{f}': {}\n", e.text()));
                return 1;
            }
        }
    }
    if !quiet {
        let (full, part) = (data.len() / bs, usize::from(data.len() % bs > 0));
        let n = data.len();
        // A fixed, plausible copy time: the report's shape is what matters.
        if h.tools.busybox {
            io.err(&format!(
                "{full}+{part} records in\n{full}+{part} records out\n{n} bytes ({}) copied, 0.000041 seconds, {}/s\n",
                busybox_size(n as f64),
                busybox_size(n as f64 / 0.000041)
            ));
        } else {
            io.err(&format!(
                "{full}+{part} records in\n{full}+{part} records out\n{n} bytes copied, 4.1e-05 s, {}/s\n",
                si(n as f64 / 0.000041)
            ));
        }
    }
    0
}

/// `512`, `4k`, `1M` (powers of 1024, as dd reads them).
fn parse_size(v: &str) -> Option<usize> {
    let (num, mult) = match v.chars().last()? {
        'k' | 'K' => (&v[..v.len() - 1], 1024),
        'M' => (&v[..v.len() - 1], 1024 * 1024),
        'G' => (&v[..v.len() - 1], 1024 * 1024 * 1024),
        _ => (v, 1),
    };
    num.parse::<usize>().ok()?.checked_mul(mult)
}

/// busybox's `make_human_readable_str`: `5B`, `1.2KB`, `78.8KB`.
fn busybox_size(n: f64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{}B", v as u64)
    } else {
        format!("{v:.1}{}", units[u])
    }
}

/// coreutils' SI rate: `122 kB`, `1.2 MB`.
fn si(n: f64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut v = n;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < units.len() {
        v /= 1000.0;
        u += 1;
    }
    if v < 10.0 && u > 0 {
        format!("{v:.1} {}", units[u])
    } else {
        format!("{} {}", v.round() as u64, units[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print_as_the_tools_do() {
        assert_eq!(parse_size("4k"), Some(4096));
        assert_eq!(parse_size("1M"), Some(1 << 20));
        assert_eq!(parse_size("x"), None);
        assert_eq!(busybox_size(5.0), "5B");
        assert_eq!(busybox_size(2048.0), "2.0KB");
        assert_eq!(si(121_951.0), "122 kB");
        assert_eq!(si(1_500_000.0), "1.5 MB");
    }
}
