//! `kubectl cp` (kubectl pkg/cmd/cp): a tar stream through `kubectl exec`.
//! To a Pod: kubectl asks `test -d DEST`, archives the local file or
//! directory under the destination's name and runs `tar -xmf - -C DIR` in
//! the container. From a Pod: it runs `tar cf - PATH` there, prints tar's
//! stderr on its own stdout (`tar: Removing leading `/' from member
//! names`), and unpacks what comes back, stripped of the remote path.
//! Everything happens in the container as its image's `tar` does it, so an
//! image without tar fails as it does on a cluster, and data written into
//! a mounted volume stays with the volume (R6.6).
//!
//! Locally, files live in the session's store, which holds files and no
//! directories: a directory copied out becomes the paths below its name
//! (`site/index.html`), and a local directory is the files below it.

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::console::container::archive::{self, Kind, Member, ReadError};
use crate::console::container::{exec_routed, ExecRequest};
use crate::console::host::clean_path;
use crate::console::sh::{Io, Stream};

pub const CP_FLAGS: &[Flag] = &[
    v("container", Some('c')),
    b("no-preserve", None),
    v("retries", None),
];

/// One side of the copy (cp.go `fileSpec`): a Pod's path or a local one.
struct Spec {
    namespace: String,
    pod: String,
    file: String,
}

/// `extractFileSpec`: `[[namespace/]pod:]file/path`.
fn file_spec(arg: &str) -> Result<Spec, ()> {
    let Some(i) = arg.find(':') else {
        return Ok(Spec {
            namespace: String::new(),
            pod: String::new(),
            file: strip_trailing_slash(arg).to_string(),
        });
    };
    if i == 0 {
        return Err(());
    }
    let (pod, file) = (&arg[..i], &arg[i + 1..]);
    let file = strip_trailing_slash(file).replace('\\', "/");
    let pieces: Vec<&str> = pod.split('/').collect();
    match pieces[..] {
        [p] => Ok(Spec {
            namespace: String::new(),
            pod: p.to_string(),
            file,
        }),
        [ns, p] => Ok(Spec {
            namespace: ns.to_string(),
            pod: p.to_string(),
            file,
        }),
        _ => Err(()),
    }
}

fn strip_trailing_slash(f: &str) -> &str {
    if f.len() > 1 && f.ends_with('/') {
        &f[..f.len() - 1]
    } else {
        f
    }
}

/// Go's `path.Dir` and `path.Base` on a cleaned path.
fn dir_base(p: &str) -> (String, String) {
    let c = clean_path(p);
    match c.rsplit_once('/') {
        Some(("", b)) => ("/".into(), b.into()),
        Some((d, b)) => (d.into(), b.into()),
        None if c == "/" => ("/".into(), "/".into()),
        None => (".".into(), c),
    }
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() {
        clean_path(a)
    } else {
        clean_path(&format!("{a}/{b}"))
    }
}

pub fn cp(ctx: &mut Ctx, p: &Parsed) -> i32 {
    // An int that pflag parsed before the command ran (`int_flags`).
    let retries = p
        .value("retries")
        .and_then(|t| t.parse::<i64>().ok())
        .unwrap_or(0);
    if p.args.len() != 2 {
        return ctx.fail("source and destination are required");
    }
    let specs = (file_spec(&p.args[0]), file_spec(&p.args[1]));
    let (Ok(mut src), Ok(mut dest)) = specs else {
        return ctx.fail("filespec must match the canonical format: [[namespace/]pod:]file/path");
    };
    if !src.pod.is_empty() && !dest.pod.is_empty() {
        return ctx.fail("one of src or dest must be a local file specification");
    }
    if src.file.is_empty() || dest.file.is_empty() {
        return ctx.fail("filepath can not be empty");
    }
    let ns = ctx.namespace(p);
    for s in [&mut src, &mut dest] {
        if s.namespace.is_empty() {
            s.namespace = ns.clone();
        }
    }
    if !src.pod.is_empty() {
        return from_pod(ctx, p, &src, &dest.file, retries);
    }
    if !dest.pod.is_empty() {
        return to_pod(ctx, p, &src.file, &dest);
    }
    ctx.fail("one of src or dest must be a remote file specification")
}

/// Runs `argv` in the Pod as `kubectl exec` does (after its setup time);
/// the command's output goes to `command`, kubectl's own errors to `own`.
fn exec(
    ctx: &mut Ctx,
    p: &Parsed,
    pod: &Spec,
    argv: &[String],
    stdin: Option<&str>,
    command: &mut Io,
    own: &mut Io,
) -> i32 {
    let at = ctx.now() + super::exec::EXEC_SETUP;
    ctx.console.engine.advance_to(at);
    let req = ExecRequest {
        namespace: &pod.namespace,
        pod: &pod.pod,
        container: p.value("container"),
        argv,
        stdin,
        tty: false,
        quiet: false,
    };
    let mut traces = Vec::new();
    let code = exec_routed(
        &mut ctx.console.engine,
        &req,
        own,
        Some(command),
        &mut traces,
    );
    ctx.console.dns_traces.extend(traces);
    code
}

// ----- to a Pod ---------------------------------------------------------

fn to_pod(ctx: &mut Ctx, p: &Parsed, src: &str, dest: &Spec) -> i32 {
    let key = clean_path(src);
    let single = ctx.console.read_file(&key).ok();
    let below = ctx.console.files_under(&key);
    if single.is_none() && below.is_empty() {
        return ctx.fail(&format!("{src} doesn't exist in local filesystem"));
    }
    // `checkDestinationIsDir`: its output and errors are discarded.
    let test = ["test".to_string(), "-d".into(), dest.file.clone()];
    let is_dir = exec(ctx, p, dest, &test, None, &mut Io::new(), &mut Io::new()) == 0;
    let (_, src_base) = dir_base(&key);
    let dest_file = if is_dir {
        join(&dest.file, &src_base)
    } else {
        dest.file.clone()
    };
    let (dest_dir, dest_base) = dir_base(&dest_file);
    let mtime = ctx.now().unix_secs();
    let members: Vec<Member> = match single {
        Some(data) => vec![Member {
            name: dest_base,
            kind: Kind::File(data),
            mtime,
        }],
        None => below
            .into_iter()
            .map(|(rel, data)| Member {
                name: format!("{dest_base}/{rel}"),
                kind: Kind::File(data),
                mtime,
            })
            .collect(),
    };
    // Go's archive/tar ends with the two zero blocks, no record padding.
    let stream = archive::write(&members, false);
    let mut argv: Vec<String> = vec!["tar".into()];
    if p.flag("no-preserve") {
        argv.extend(["--no-same-permissions".into(), "--no-same-owner".into()]);
    }
    argv.extend(["-xmf".into(), "-".into(), "-C".into(), dest_dir]);
    let mut command = Io::new();
    let mut own = Io::new();
    let code = exec(ctx, p, dest, &argv, Some(&stream), &mut command, &mut own);
    ctx.io.append(command.into_chunks());
    ctx.io.append(own.into_chunks());
    code
}

// ----- from a Pod -------------------------------------------------------

fn from_pod(ctx: &mut Ctx, p: &Parsed, src: &Spec, dest: &str, retries: i64) -> i32 {
    let argv: Vec<String> = if retries == 0 {
        vec!["tar".into(), "cf".into(), "-".into(), src.file.clone()]
    } else {
        // With retries kubectl resumes from a byte offset through tail.
        let escaped = src.file.replace('\'', "'\\''");
        vec![
            "sh".into(),
            "-c".into(),
            format!("tar cf - '{escaped}' | tail -c+0"),
        ]
    };
    let mut command = Io::new();
    let mut own = Io::new();
    let code = exec(ctx, p, src, &argv, None, &mut command, &mut own);
    let mut stream = String::new();
    for (s, text) in command.into_chunks() {
        match s {
            // The exec's stderr is kubectl's stdout (`ErrOut: t.o.Out`).
            Stream::Stderr => ctx.out(&text),
            Stream::Stdout => stream.push_str(&text),
        }
    }
    let status = match archive::read(&stream) {
        Ok(members) => untar(ctx, src, dest, members),
        Err(_) if code != 0 => 0,
        Err(ReadError::Truncated) => ctx.fail("unexpected EOF"),
        Err(_) => ctx.fail("archive/tar: invalid tar header"),
    };
    ctx.io.append(own.into_chunks());
    if code != 0 {
        code
    } else {
        status
    }
}

/// `untarAll`: each member's name, less the remote path, under `dest`.
fn untar(ctx: &mut Ctx, src: &Spec, dest: &str, members: Vec<Member>) -> i32 {
    let stripped = clean_path(src.file.trim_start_matches(['/', '\\']));
    let prefix = strip_path_shortcuts(&stripped);
    let dest_clean = clean_path(dest);
    let mut symlink_warned = false;
    for m in members {
        let Some(rest) = m.name.strip_prefix(prefix.as_str()) else {
            return ctx.fail("tar contents corrupted");
        };
        let rel = strip_trailing_slash(rest).replace('\\', "/");
        let name = join(dest, &rel);
        let inside = name == dest_clean
            || (dest_clean == "." && !name.starts_with("../") && !name.starts_with('/'))
            || name.starts_with(&format!("{}/", dest_clean.trim_end_matches('/')));
        if !inside {
            ctx.err(&format!(
                "warning: file {name:?} is outside target destination, skipping\n"
            ));
            continue;
        }
        // `os.MkdirAll` of the parents: a file in the way stops the copy.
        for (i, _) in name.match_indices('/') {
            let parent = &name[..i];
            if !parent.is_empty()
                && ctx
                    .console
                    .files
                    .contains_key(&ctx.console.local_key(parent))
            {
                return ctx.fail(&format!("mkdir {parent}: not a directory"));
            }
        }
        match m.kind {
            Kind::Dir => {}
            Kind::Symlink(target) => {
                let pod = &src.pod;
                if symlink_warned {
                    ctx.err(&format!(
                        "warning: skipping symlink: {name:?} -> {target:?}\n"
                    ));
                } else {
                    let (ns, file) = (&src.namespace, &src.file);
                    ctx.err(&format!(
                        "warning: skipping symlink: {name:?} -> {target:?} (consider using \"kubectl exec -n {ns:?} {pod:?} -- tar cf - {file:?} | tar xf -\")\n"
                    ));
                    symlink_warned = true;
                }
            }
            Kind::File(data) => {
                if name == "." || ctx.console.is_local_dir(&name) {
                    return ctx.fail(&format!("open {name}: is a directory"));
                }
                if let Err(e) = ctx.console.write_file(&name, &data, false) {
                    return ctx.fail(&format!("write {name}: {e}"));
                }
            }
        }
    }
    0
}

/// cp.go `stripPathShortcuts`: no leading `../`, no lone `.` or `..`.
fn strip_path_shortcuts(p: &str) -> String {
    let mut s = p;
    while let Some(r) = s.strip_prefix("../") {
        s = r;
    }
    if s == "." || s == ".." {
        return String::new();
    }
    s.strip_prefix('/').unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_specs_are_split_as_kubectl_splits_them() {
        let s = file_spec("web-0:/usr/share/nginx/html/").unwrap();
        assert_eq!(
            (s.namespace.as_str(), s.pod.as_str(), s.file.as_str()),
            ("", "web-0", "/usr/share/nginx/html")
        );
        let s = file_spec("prod/web-0:C:\\x").unwrap();
        assert_eq!((s.namespace.as_str(), s.file.as_str()), ("prod", "C:/x"));
        let s = file_spec("./out.html").unwrap();
        assert_eq!((s.pod.as_str(), s.file.as_str()), ("", "./out.html"));
        assert!(file_spec(":/x").is_err());
        assert!(file_spec("a/b/c:/x").is_err());
    }

    #[test]
    fn remote_prefixes_lose_slashes_and_shortcuts() {
        assert_eq!(strip_path_shortcuts("../../etc"), "etc");
        assert_eq!(strip_path_shortcuts(".."), "");
        assert_eq!(
            dir_base("/usr/share/x.html"),
            ("/usr/share".into(), "x.html".into())
        );
        assert_eq!(dir_base("x.html"), (".".into(), "x.html".into()));
        assert_eq!(dir_base("/x"), ("/".into(), "x".into()));
    }
}
