//! `ls` inside a container, as busybox and GNU coreutils print it: one name
//! a line without a terminal, columns with one, `-l` long listings with
//! `total`, `-a`, `-d`, `-R`.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::containerfs::Backing;
use crate::engine::volumes::{Entry, FsError};

use super::clock::Tm;
use super::commands::Opts;
use super::fs_cmds::{bad_option, split};
use super::host::{ContainerHost, Node};

struct LsEntry {
    name: String,
    path: String,
    entry: Entry,
}

/// `tty`: whether the shell sends ls's output where its own goes (not a
/// pipe or a file); with `kubectl exec -t` that is a terminal.
pub(crate) fn ls(h: &mut ContainerHost<'_>, args: &[String], tty: bool, io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "laA1dhinFpRrtSCx") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "ls", c, io),
    };
    // `-n` is `-l` with numeric user and group ids.
    let long = o.has('l') || o.has('n');
    let all = o.has('a');
    let almost = o.has('A');
    // Columns on a terminal (`kubectl exec -it`, not piped) or with -C.
    let columns = o.has('C') || h.tty && tty;
    let one = o.has('1') || !columns;
    let style = Style {
        long,
        one,
        inode: o.has('i'),
        human: o.has('h'),
        numeric: o.has('n'),
    };
    let operands = if o.operands.is_empty() {
        vec![".".to_string()]
    } else {
        o.operands.clone()
    };
    let mut status = 0;
    let mut files: Vec<LsEntry> = Vec::new();
    let mut dirs: Vec<(String, String)> = Vec::new();
    for op in &operands {
        let path = h.abs(op);
        let raw = h.raw(&path);
        match raw {
            Ok(Some(e)) => {
                let is_dir = matches!(h.stat(&path), Ok(Node::Dir));
                if is_dir && !o.has('d') && !(long && matches!(e, Entry::Symlink(_))) {
                    dirs.push((op.clone(), path));
                } else {
                    files.push(LsEntry {
                        name: op.clone(),
                        path,
                        entry: e,
                    });
                }
            }
            Ok(None) | Err(_) => {
                let why = match raw {
                    Err(e) => e.text().to_string(),
                    _ => FsError::NotFound.text().to_string(),
                };
                if h.tools.busybox {
                    io.err(&format!("ls: {op}: {why}\n"));
                    status = 1;
                } else {
                    io.err(&format!("ls: cannot access '{op}': {why}\n"));
                    status = 2;
                }
            }
        }
    }
    let recursive = o.has('R');
    let many = operands.len() > 1 || recursive;
    let mut first = true;
    if !files.is_empty() {
        print_entries(h, &files, &style, false, io);
        first = false;
    }
    let mut queue: std::collections::VecDeque<(String, String)> = dirs.into();
    let mut listed_dirs = 0;
    while let Some((op, path)) = queue.pop_front() {
        listed_dirs += 1;
        if listed_dirs > 1000 {
            break;
        }
        let listed = match h.list(&path) {
            Ok(l) => l,
            Err(e) => {
                io.err(&format!("ls: {op}: {}\n", e.text()));
                status = if h.tools.busybox { 1 } else { 2 };
                continue;
            }
        };
        let mut entries: Vec<LsEntry> = Vec::new();
        if all {
            entries.push(LsEntry {
                name: ".".into(),
                path: path.clone(),
                entry: Entry::Dir,
            });
            entries.push(LsEntry {
                name: "..".into(),
                path: split(&path).0,
                entry: Entry::Dir,
            });
        }
        for (name, e) in listed {
            if name.starts_with('.') && !all && !almost {
                continue;
            }
            let p = if path == "/" {
                format!("/{name}")
            } else {
                format!("{path}/{name}")
            };
            // Mount points and managed files show what is really there.
            let e = h.raw(&p).ok().flatten().unwrap_or(e);
            entries.push(LsEntry {
                name,
                path: p,
                entry: e,
            });
        }
        if o.has('r') {
            entries.reverse();
        }
        if many {
            if !first {
                io.out("\n");
            }
            io.out(&format!("{op}:\n"));
        }
        first = false;
        print_entries(h, &entries, &style, true, io);
        if recursive {
            // Subdirectories follow, depth first, as ls -R walks them.
            let subs: Vec<(String, String)> = entries
                .iter()
                .filter(|e| matches!(e.entry, Entry::Dir) && e.name != "." && e.name != "..")
                .map(|e| {
                    let shown = if op.ends_with('/') {
                        format!("{op}{}", e.name)
                    } else {
                        format!("{op}/{}", e.name)
                    };
                    (shown, e.path.clone())
                })
                .collect();
            for s in subs.into_iter().rev() {
                queue.push_front(s);
            }
        }
    }
    status
}

fn mode(h: &ContainerHost<'_>, e: &Entry, path: &str) -> &'static str {
    match e {
        Entry::Dir if path == "/tmp" => "drwxrwxrwt",
        Entry::Dir if h.is_world_writable_volume(path) => "drwxrwxrwx",
        Entry::Dir => "drwxr-xr-x",
        // The images' programs and scripts (`/usr/sbin/nginx`,
        // `/opt/zookeeper/bin/zookeeper-ready`) are executable.
        Entry::File(_) if in_bin_dir(path) => "-rwxr-xr-x",
        Entry::File(_) => "-rw-r--r--",
        Entry::Symlink(_) => "lrwxrwxrwx",
    }
}

/// Whether a file sits in a `bin` or `sbin` directory.
fn in_bin_dir(path: &str) -> bool {
    path.rsplit_once('/')
        .and_then(|(dir, _)| dir.rsplit('/').next())
        .is_some_and(|d| d == "bin" || d == "sbin")
}

fn size(h: &ContainerHost<'_>, e: &Entry, path: &str) -> usize {
    match e {
        Entry::Dir => 4096,
        Entry::File(s) if s.is_empty() => h.stat(path).map_or(0, |n| match n {
            Node::File(s) => s.len(),
            Node::Dir => 4096,
        }),
        Entry::File(s) => s.len(),
        Entry::Symlink(t) => t.len(),
    }
}

fn links(h: &ContainerHost<'_>, e: &LsEntry) -> usize {
    match e.entry {
        Entry::Dir => {
            2 + h
                .list(&e.path)
                .map(|l| l.iter().filter(|(_, x)| matches!(x, Entry::Dir)).count())
                .unwrap_or(0)
        }
        _ => 1,
    }
}

/// How `ls` prints: `-l`, one per line, `-i`, `-h`.
struct Style {
    long: bool,
    one: bool,
    inode: bool,
    human: bool,
    numeric: bool,
}

/// A stable inode number: the same file of the same volume keeps it
/// (a PersistentVolume's `/data` is the same inode after the Pod returns).
fn inode(h: &ContainerHost<'_>, path: &str) -> u64 {
    let tree = match h
        .engine
        .container_resolve(&h.ns, &h.pod, &h.container, path)
    {
        Ok(r) => {
            let what = match r.backing {
                Backing::Volume(pv) => pv.unwrap_or_default(),
                Backing::EmptyDir(n) => format!("{}/{n}", h.pod),
                Backing::Layer => format!("{}/{}", h.pod, h.container),
                Backing::Generated(_) | Backing::Managed(_) => "kubelet".into(),
            };
            format!("{what}:{}", r.path)
        }
        Err(_) => path.to_string(),
    };
    // Root directories of a file system are inode 2 on ext4.
    if tree.ends_with(":/") {
        return 2;
    }
    100_000 + crate::engine::kubelet::status::fnv(&tree) % 9_000_000
}

fn print_entries(
    h: &ContainerHost<'_>,
    entries: &[LsEntry],
    style: &Style,
    total: bool,
    io: &mut Io,
) {
    let (long, one) = (style.long, style.one);
    let inodes: Vec<String> = entries
        .iter()
        .map(|e| {
            if style.inode {
                inode(h, &e.path).to_string()
            } else {
                String::new()
            }
        })
        .collect();
    let iw = inodes.iter().map(String::len).max().unwrap_or(0);
    // busybox pads the number to 7 and separates it with a space.
    let ino = |i: usize| -> String {
        if !style.inode {
            String::new()
        } else if h.tools.busybox {
            format!("{:>7} ", inodes[i])
        } else {
            format!("{:>iw$} ", inodes[i])
        }
    };
    if long {
        let when = Tm::at(h.started_at()).strftime("%b %e %H:%M");
        let rows: Vec<(String, usize, usize, String, String)> = entries
            .iter()
            .map(|e| {
                let name = match &e.entry {
                    Entry::Symlink(t) => format!("{} -> {t}", e.name),
                    _ => e.name.clone(),
                };
                let n = size(h, &e.entry, &e.path);
                (
                    mode(h, &e.entry, &e.path).to_string(),
                    links(h, e),
                    n,
                    if style.human {
                        super::human::size(n as u64, h.tools.busybox)
                    } else {
                        n.to_string()
                    },
                    name,
                )
            })
            .collect();
        if total {
            let blocks: usize = rows
                .iter()
                .filter(|r| !r.0.starts_with('l'))
                .map(|r| r.2.div_ceil(4096) * 4)
                .sum();
            io.out(&format!("total {blocks}\n"));
        }
        let lw = rows
            .iter()
            .map(|r| r.1.to_string().len())
            .max()
            .unwrap_or(1);
        let sw = rows.iter().map(|r| r.3.len()).max().unwrap_or(1);
        // Every file is root's (ownership is not modelled).
        let owner = if style.numeric { "0" } else { "root" };
        for (i, (m, l, _, s, n)) in rows.into_iter().enumerate() {
            let ino = ino(i);
            if h.tools.busybox {
                io.out(&format!(
                    "{ino}{m} {l:>4} {owner:<8} {owner:<8} {s:>9} {when} {n}\n"
                ));
            } else {
                io.out(&format!(
                    "{ino}{m} {l:>lw$} {owner} {owner} {s:>sw$} {when} {n}\n"
                ));
            }
        }
        return;
    }
    let shown: Vec<String> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{}{}", ino(i), e.name))
        .collect();
    let names: Vec<&str> = shown.iter().map(String::as_str).collect();
    if one {
        for n in names {
            io.out(&format!("{n}\n"));
        }
        return;
    }
    io.out(&columns(&names, 80));
}

/// Names in columns filled top to bottom, as `ls` does on a terminal.
pub(crate) fn columns(names: &[&str], width: usize) -> String {
    if names.is_empty() {
        return String::new();
    }
    let n = names.len();
    for rows in 1..=n {
        let cols = n.div_ceil(rows);
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                (0..rows)
                    .filter_map(|r| names.get(c * rows + r))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let total: usize = widths.iter().sum::<usize>() + 2 * (cols - 1);
        if total <= width || rows == n {
            let mut out = String::new();
            for r in 0..rows {
                let mut line = String::new();
                for (c, w) in widths.iter().enumerate() {
                    if let Some(s) = names.get(c * rows + r) {
                        if c > 0 {
                            line.push_str("  ");
                        }
                        line.push_str(&format!("{s:<w$}"));
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
            return out;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_top_to_bottom() {
        let names = ["bin", "dev", "etc", "home", "proc", "root"];
        assert_eq!(columns(&names, 80), "bin  dev  etc  home  proc  root\n");
        assert_eq!(columns(&names, 14), "bin  home\ndev  proc\netc  root\n");
    }
}
