//! File commands inside a container — `mkdir`, `rm`, `rmdir`, `touch`, `mv`,
//! `cp`, `ln`, `cd`, `basename`, `dirname`, `which` (and the helpers `ls`,
//! `df` and `mount` share) —
//! worded as busybox or GNU coreutils word them, on the container's file
//! system (a volume-backed path changes the PersistentVolume's files).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::volumes::{normalize, Entry, FsError};

use super::commands::Opts;
use super::host::{ContainerHost, Node};
use super::image::ShellKind;

/// `util: invalid option -- 'x'` and the usage hint (exit 1 for busybox, 2 for GNU
/// `ls`, 1 for other GNU tools).
pub(crate) fn bad_option(h: &ContainerHost<'_>, util: &str, c: char, io: &mut Io) -> i32 {
    if h.tools.busybox {
        io.err(&format!(
            "{util}: invalid option -- '{c}'\n{}",
            super::busybox_usage::show(util, h.tools.busybox_new())
        ));
        1
    } else {
        io.err(&format!(
            "{util}: invalid option -- '{c}'\nTry '{util} --help' for more information.\n"
        ));
        if util == "ls" {
            2
        } else {
            1
        }
    }
}

pub(crate) fn missing_operand(h: &ContainerHost<'_>, util: &str, io: &mut Io) -> i32 {
    if h.tools.busybox {
        io.err(&super::busybox_usage::show(util, h.tools.busybox_new()));
    } else {
        io.err(&format!(
            "{util}: missing operand\nTry '{util} --help' for more information.\n"
        ));
    }
    1
}

/// The parent directory and last component of an absolute path.
pub(crate) fn split(p: &str) -> (String, String) {
    match p.rsplit_once('/') {
        Some(("", b)) => ("/".into(), b.into()),
        Some((a, b)) => (a.into(), b.into()),
        None => ("/".into(), p.into()),
    }
}

// ----- mkdir / rmdir / rm / touch -------------------------------------------

pub(crate) fn mkdir(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "pvm") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "mkdir", c, io),
    };
    if o.operands.is_empty() {
        return missing_operand(h, "mkdir", io);
    }
    let mut status = 0;
    for op in &o.operands {
        let path = h.abs(op);
        let r = if o.has('p') {
            mkdir_p(h, &path)
        } else if h.raw(&path).ok().flatten().is_some() {
            Err(FsError::Exists)
        } else {
            h.with_tree_mut(&path, |t, p| t.mkdir(p))
        };
        if let Err(e) = r {
            let msg = if h.tools.busybox {
                format!("mkdir: can't create directory '{op}': {}\n", e.text())
            } else {
                format!("mkdir: cannot create directory '{op}': {}\n", e.text())
            };
            io.err(&msg);
            status = 1;
        } else if o.has('v') {
            io.out(&format!("mkdir: created directory '{op}'\n"));
        }
    }
    status
}

/// `mkdir -p`, one component at a time (components may cross mount points).
pub(crate) fn mkdir_p(h: &mut ContainerHost<'_>, path: &str) -> Result<(), FsError> {
    let mut cur = String::new();
    for part in path.split('/').filter(|s| !s.is_empty()) {
        cur.push('/');
        cur.push_str(part);
        match h.stat(&cur) {
            Ok(Node::Dir) => continue,
            Ok(Node::File(_)) => return Err(FsError::NotADirectory),
            Err(_) => {
                let c = h.follow(&cur)?;
                h.with_tree_mut(&c, |t, p| t.mkdir(p))?;
            }
        }
    }
    Ok(())
}

pub(crate) fn rmdir(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "p") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "rmdir", c, io),
    };
    if o.operands.is_empty() {
        return missing_operand(h, "rmdir", io);
    }
    let mut status = 0;
    for op in &o.operands {
        let path = h.abs(op);
        let r = match h.raw(&path) {
            Ok(Some(Entry::Dir)) if h.is_mount_point(&path) => {
                Err(FsError::Limit("Device or resource busy".into()))
            }
            Ok(Some(Entry::Dir)) => {
                if h.list(&path).is_ok_and(|l| !l.is_empty()) {
                    Err(FsError::NotEmpty)
                } else {
                    h.with_tree_mut(&path, |t, p| t.remove(p, false))
                }
            }
            Ok(Some(_)) => Err(FsError::NotADirectory),
            Ok(None) => Err(FsError::NotFound),
            Err(e) => Err(e),
        };
        if let Err(e) = r {
            if h.tools.busybox {
                io.err(&format!("rmdir: '{op}': {}\n", e.text()));
            } else {
                io.err(&format!("rmdir: failed to remove '{op}': {}\n", e.text()));
            }
            status = 1;
        }
    }
    status
}

pub(crate) fn rm(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "rRfiv") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "rm", c, io),
    };
    let force = o.has('f');
    let recursive = o.has('r') || o.has('R') || o.has_long("recursive");
    if o.operands.is_empty() {
        return if force {
            0
        } else {
            missing_operand(h, "rm", io)
        };
    }
    let mut status = 0;
    for op in &o.operands {
        let path = h.abs(op);
        let fail = |io: &mut Io, why: &str, busybox: bool| {
            if busybox {
                io.err(&format!("rm: can't remove '{op}': {why}\n"));
            } else {
                io.err(&format!("rm: cannot remove '{op}': {why}\n"));
            }
        };
        if path == "/" && recursive {
            io.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
            status = 1;
            continue;
        }
        match h.raw(&path) {
            Ok(None) | Err(FsError::NotFound) => {
                if !force {
                    fail(io, FsError::NotFound.text(), h.tools.busybox);
                    status = 1;
                }
            }
            Err(e) => {
                fail(io, e.text(), h.tools.busybox);
                status = 1;
            }
            Ok(Some(Entry::Dir)) => {
                if !recursive {
                    if h.tools.busybox {
                        io.err(&format!("rm: '{op}' is a directory\n"));
                    } else {
                        fail(io, "Is a directory", false);
                    }
                    status = 1;
                    continue;
                }
                if let Err(e) = remove_tree(h, &path) {
                    fail(io, e.text(), h.tools.busybox);
                    status = 1;
                }
            }
            Ok(Some(_)) => {
                if let Err(e) = h.with_tree_mut(&path, |t, p| t.remove(p, false)) {
                    fail(io, e.text(), h.tools.busybox);
                    status = 1;
                }
            }
        }
        if o.has('v') && status == 0 {
            io.out(&format!("removed '{op}'\n"));
        }
    }
    status
}

/// Removes a directory and what is under it; mount points below are
/// emptied and then refuse to go, as the kernel refuses.
fn remove_tree(h: &mut ContainerHost<'_>, path: &str) -> Result<(), FsError> {
    let children = h.list(path)?;
    let mut busy = false;
    for (name, e) in children {
        let p = if path == "/" {
            format!("/{name}")
        } else {
            format!("{path}/{name}")
        };
        let r = match e {
            Entry::Dir => remove_tree(h, &p),
            _ => h.with_tree_mut(&p, |t, q| t.remove(q, false)),
        };
        match r {
            Ok(()) => {}
            Err(FsError::Limit(m)) if m.contains("busy") => busy = true,
            Err(FsError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    if busy || h.is_mount_point(path) {
        return Err(FsError::Limit("Device or resource busy".into()));
    }
    h.with_tree_mut(path, |t, p| t.remove(p, true))
}

pub(crate) fn touch(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "acm") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "touch", c, io),
    };
    if o.operands.is_empty() {
        return missing_operand(h, "touch", io);
    }
    let mut status = 0;
    for op in &o.operands {
        let path = h.abs(op);
        if h.stat(&path).is_ok() || o.has('c') {
            continue;
        }
        if let Err(e) = h.write(&path, "", true) {
            if h.tools.busybox {
                io.err(&format!("touch: {op}: {}\n", e.text()));
            } else {
                io.err(&format!("touch: cannot touch '{op}': {}\n", e.text()));
            }
            status = 1;
        }
    }
    status
}

// ----- mv / cp / ln ------------------------------------------------------------

/// Where SRC lands for `mv/cp SRC DEST`: inside DEST when it is a directory.
fn target_for(h: &ContainerHost<'_>, src: &str, dest: &str) -> String {
    if matches!(h.stat(dest), Ok(Node::Dir)) {
        let (_, base) = split(src);
        normalize(&format!("{dest}/{base}"))
    } else {
        dest.to_string()
    }
}

/// Copies a file or (with `recursive`) a directory tree across any backings.
fn copy(h: &mut ContainerHost<'_>, from: &str, to: &str, recursive: bool) -> Result<(), FsError> {
    match h.stat(from)? {
        Node::File(data) => h.write(to, &data, false),
        Node::Dir if !recursive => Err(FsError::IsADirectory),
        Node::Dir => {
            if !matches!(h.stat(to), Ok(Node::Dir)) {
                let t = to.to_string();
                h.with_tree_mut(&t, |tr, p| tr.mkdir(p))?;
            }
            for (name, _) in h.list(from)? {
                copy(
                    h,
                    &normalize(&format!("{from}/{name}")),
                    &normalize(&format!("{to}/{name}")),
                    true,
                )?;
            }
            Ok(())
        }
    }
}

pub(crate) fn mv(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "fivnT") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "mv", c, io),
    };
    if o.operands.len() < 2 {
        return missing_operand(h, "mv", io);
    }
    let (srcs, dest) = o.operands.split_at(o.operands.len() - 1);
    let dest_abs = h.abs(&dest[0]);
    let mut status = 0;
    for s in srcs {
        let src = h.abs(s);
        let mut said = None;
        let r = (|| {
            if h.raw(&src)?.is_none() {
                return Err(FsError::NotFound);
            }
            if h.is_mount_point(&src) {
                return Err(FsError::Limit("Device or resource busy".into()));
            }
            let to = target_for(h, &src, &dest_abs);
            if to == src {
                return Ok(());
            }
            // `-v` names the move as the operands spelled it.
            if o.has('v') {
                let shown = if to == dest_abs {
                    dest[0].clone()
                } else {
                    let (_, base) = split(&src);
                    format!("{}/{base}", dest[0].trim_end_matches('/'))
                };
                said = Some(if h.tools.busybox {
                    format!("'{s}' -> '{shown}'\n")
                } else {
                    format!("renamed '{s}' -> '{shown}'\n")
                });
            }
            if h.same_backing(&src, &to) {
                let inner_to = h
                    .engine
                    .container_resolve(&h.ns, &h.pod, &h.container, &to)?
                    .path;
                let _ = h.with_tree_mut(&to, |t, p| {
                    if matches!(t.get(p), Some(Entry::File(_)) | Some(Entry::Symlink(_))) {
                        t.remove(p, false)
                    } else {
                        Ok(())
                    }
                });
                h.with_tree_mut(&src, |t, p| t.rename(p, &inner_to))
            } else {
                copy(h, &src, &to, true)?;
                match h.raw(&src)? {
                    Some(Entry::Dir) => remove_tree(h, &src),
                    _ => h.with_tree_mut(&src, |t, p| t.remove(p, false)),
                }
            }
        })();
        if let (Ok(()), Some(line)) = (&r, said) {
            io.out(&line);
        }
        if let Err(e) = r {
            if h.tools.busybox {
                io.err(&format!("mv: can't rename '{s}': {}\n", e.text()));
            } else if e == FsError::NotFound {
                io.err(&format!("mv: cannot stat '{s}': {}\n", e.text()));
            } else {
                io.err(&format!(
                    "mv: cannot move '{s}' to '{}': {}\n",
                    dest[0],
                    e.text()
                ));
            }
            status = 1;
        }
    }
    status
}

pub(crate) fn cp(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "rRafpvdi") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "cp", c, io),
    };
    if o.operands.len() < 2 {
        return missing_operand(h, "cp", io);
    }
    let recursive = o.has('r') || o.has('R') || o.has('a');
    let (srcs, dest) = o.operands.split_at(o.operands.len() - 1);
    let dest_abs = h.abs(&dest[0]);
    let mut status = 0;
    for s in srcs {
        let src = h.abs(s);
        match h.stat(&src) {
            Err(e) => {
                if h.tools.busybox {
                    io.err(&format!("cp: can't stat '{s}': {}\n", e.text()));
                } else {
                    io.err(&format!("cp: cannot stat '{s}': {}\n", e.text()));
                }
                status = 1;
                continue;
            }
            Ok(Node::Dir) if !recursive => {
                if h.tools.busybox {
                    io.err(&format!("cp: omitting directory '{s}'\n"));
                } else {
                    io.err(&format!("cp: -r not specified; omitting directory '{s}'\n"));
                }
                status = 1;
                continue;
            }
            Ok(_) => {}
        }
        let to = target_for(h, &src, &dest_abs);
        if let Err(e) = copy(h, &src, &to, recursive) {
            if h.tools.busybox {
                io.err(&format!("cp: can't create '{}': {}\n", dest[0], e.text()));
            } else {
                io.err(&format!(
                    "cp: cannot create regular file '{}': {}\n",
                    dest[0],
                    e.text()
                ));
            }
            status = 1;
        }
    }
    status
}

pub(crate) fn ln(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match Opts::parse(args, "sfnvT") {
        Ok(o) => o,
        Err(c) => return bad_option(h, "ln", c, io),
    };
    if o.operands.is_empty() {
        return missing_operand(h, "ln", io);
    }
    let target = o.operands[0].clone();
    let link = match o.operands.get(1) {
        Some(l) => h.abs(l),
        None => h.abs(&split(&normalize(&format!("/{target}"))).1),
    };
    let link = target_for(h, &target, &link);
    if o.has('f') {
        let _ = h.with_tree_mut(&link, |t, p| t.remove(p, false));
    }
    let r = if o.has('s') {
        h.with_tree_mut(&link, |t, p| t.symlink(&target, p))
    } else {
        // A hard link shares the data; a copy is what a reader sees.
        let src = h.abs(&target);
        match h.stat(&src) {
            Ok(Node::File(d)) => {
                if h.raw(&link).ok().flatten().is_some() {
                    Err(FsError::Exists)
                } else {
                    h.write(&link, &d, false)
                }
            }
            Ok(Node::Dir) => Err(FsError::Limit("hard link not allowed for directory".into())),
            Err(e) => Err(e),
        }
    };
    if let Err(e) = r {
        let shown = o.operands.get(1).cloned().unwrap_or_else(|| split(&link).1);
        if h.tools.busybox {
            io.err(&format!("ln: {shown}: {}\n", e.text()));
        } else if o.has('s') {
            io.err(&format!(
                "ln: failed to create symbolic link '{shown}': {}\n",
                e.text()
            ));
        } else {
            io.err(&format!(
                "ln: failed to create hard link '{shown}': {}\n",
                e.text()
            ));
        }
        return 1;
    }
    0
}

// ----- cd and small path tools ------------------------------------------------

pub(crate) fn cd(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let arg = args
        .iter()
        .find(|a| !a.starts_with('-') || *a == "-")
        .cloned()
        .unwrap_or_else(|| "/root".into());
    let path = h.abs(&arg);
    match h.stat(&path) {
        Ok(Node::Dir) => {
            h.cwd = path;
            0
        }
        r => {
            let why = match r {
                Ok(Node::File(_)) => "Not a directory".to_string(),
                Err(e) => e.text().to_string(),
                Ok(Node::Dir) => unreachable!(),
            };
            match h.shell_kind() {
                ShellKind::Ash => {
                    io.err(&format!("sh: cd: can't cd to {arg}: {why}\n"));
                    2
                }
                ShellKind::Dash => {
                    io.err(&format!("sh: 1: cd: can't cd to {arg}\n"));
                    2
                }
                ShellKind::Bash => {
                    io.err(&format!("bash: line 1: cd: {arg}: {why}\n"));
                    1
                }
            }
        }
    }
}

pub(crate) fn basename(args: &[String], io: &mut Io) -> i32 {
    let Some(p) = args.first() else {
        io.err("basename: missing operand\nTry 'basename --help' for more information.\n");
        return 1;
    };
    let trimmed = p.trim_end_matches('/');
    let mut base = if trimmed.is_empty() && !p.is_empty() {
        "/".to_string()
    } else {
        trimmed.rsplit('/').next().unwrap_or("").to_string()
    };
    if let Some(suffix) = args.get(1) {
        if base.len() > suffix.len() && base.ends_with(suffix.as_str()) {
            base.truncate(base.len() - suffix.len());
        }
    }
    io.out(&format!("{base}\n"));
    0
}

pub(crate) fn dirname(args: &[String], io: &mut Io) -> i32 {
    let Some(p) = args.first() else {
        io.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
        return 1;
    };
    let trimmed = p.trim_end_matches('/');
    let dir = match trimmed.rsplit_once('/') {
        None if p.starts_with('/') => "/".to_string(),
        None => ".".to_string(),
        Some((d, _)) => {
            let d = d.trim_end_matches('/');
            if d.is_empty() {
                "/".to_string()
            } else {
                d.to_string()
            }
        }
    };
    io.out(&format!("{dir}\n"));
    0
}

pub(crate) fn which(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut status = 0;
    for a in args.iter().filter(|a| !a.starts_with('-')) {
        match program_path(h, a) {
            Some(path) => io.out(&format!("{path}\n")),
            None => status = 1,
        }
    }
    status
}

/// Where the image keeps program `name` (`which`, `command -v`, `type`):
/// the file the image ships it as, busybox's applets in `/bin` or
/// `/usr/bin` as its install puts them, other images' tools in
/// `/usr/bin`; a path names itself.
pub(crate) fn program_path(h: &ContainerHost<'_>, name: &str) -> Option<String> {
    let base = h.program(name)?;
    if name.contains('/') {
        return Some(name.to_string());
    }
    // The programs the image ships as files (nginx in /usr/sbin).
    if let Some(file) = crate::engine::containerfs::program_files(h.tools.flavor, &h.tools.image)
        .iter()
        .find(|p| p.rsplit('/').next() == Some(base.as_str()))
    {
        return Some((*file).to_string());
    }
    let dir = if h.tools.busybox {
        match name {
            "env" | "id" | "whoami" | "wget" | "nc" | "nslookup" | "awk" | "base64" | "cut"
            | "head" | "tail" | "wc" | "sort" | "uniq" | "tr" | "tee" | "seq" | "xargs"
            | "which" | "test" | "[" | "basename" | "dirname" | "pkill" | "pgrep" => "/usr/bin",
            _ => "/bin",
        }
    } else {
        "/usr/bin"
    };
    Some(format!("{dir}/{name}"))
}
