//! The console's shell host: what the top-level commands of a session
//! (`kubectl`, `sim`, `help`, `sleep`, the files scripts write) do.

use std::collections::BTreeMap;

use super::session::Console;
use super::sh::{self, FileType, Invocation, Io};
use crate::engine::SimDuration;

/// How far one `sleep` may move simulated time (a typo like `sleep 99999`
/// must not freeze the page).
pub const MAX_SLEEP: SimDuration = SimDuration::secs(6 * 3600);

pub struct ConsoleHost<'a> {
    pub(crate) console: &'a mut Console,
}

impl<'a> ConsoleHost<'a> {
    pub fn new(console: &'a mut Console) -> Self {
        ConsoleHost { console }
    }

    fn sleep(&mut self, args: &[String], io: &mut Io) -> i32 {
        let Some(arg) = args.first() else {
            io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
            return 1;
        };
        let mut total = SimDuration::ZERO;
        for a in args {
            match SimDuration::parse(a) {
                Some(d) => total = total + d,
                None => {
                    io.err(&format!("sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"));
                    return 1;
                }
            }
        }
        let _ = arg;
        if total > MAX_SLEEP {
            io.err(&format!(
                "sleep: {} is longer than the console allows at once ({}); sleeping {} instead\n",
                total, MAX_SLEEP, MAX_SLEEP
            ));
            total = MAX_SLEEP;
        }
        let to = self.console.engine.now() + total;
        self.console.engine.advance_to(to);
        0
    }
}

impl ConsoleHost<'_> {
    /// ash's `cd [DIR|-]`: home without a directory, the previous one
    /// with `-` (printed, as ash prints it).
    fn cd(&mut self, args: &[String], io: &mut Io) -> i32 {
        let c = &mut *self.console;
        let (target, shown) = match args.first().map(String::as_str) {
            None => (".".to_string(), None),
            Some("-") => {
                let back = c.oldpwd.clone().unwrap_or_else(|| c.cwd.clone());
                (back.clone(), Some(absolute(&back)))
            }
            Some(dir) => {
                let key = c.local_key(dir);
                if !c.is_dir_key(&key) {
                    let why = if c.read_key(&key).is_ok() {
                        "Not a directory"
                    } else {
                        "No such file or directory"
                    };
                    io.err(&format!("sh: cd: can't cd to {dir}: {why}\n"));
                    return 2;
                }
                (key, None)
            }
        };
        c.oldpwd = Some(std::mem::replace(&mut c.cwd, target));
        if let Some(p) = shown {
            io.out(&format!("{p}\n"));
        }
        0
    }
}

impl sh::Host for ConsoleHost<'_> {
    fn working_dirs(&self) -> Option<(String, Option<String>)> {
        let c = &*self.console;
        Some((absolute(&c.cwd), c.oldpwd.as_deref().map(absolute)))
    }

    fn exec(&mut self, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
        let argv = cmd.argv;
        let Some(name) = argv.first() else { return 0 };
        let args = &argv[1..];
        match name.as_str() {
            "kubectl" | "k" => {
                self.console.kubectl_env = cmd.env.to_vec();
                super::kubectl::run(self.console, args, cmd.stdin, io)
            }
            "sim" => super::sim::run(self.console, args, io),
            "help" => super::help::run(args, io),
            "sleep" => self.sleep(args, io),
            "curl" => super::workstation::curl_on_workstation(self.console, args, io),
            "nslookup" => super::workstation::resolver::nslookup(self.console, args, io),
            "host" => super::workstation::resolver::host(self.console, args, io),
            "watch" => super::workstation::watch::run(self.console, cmd, io),
            "sh" | "bash" | "/bin/sh" | "/bin/bash" => {
                // A child shell's `cd` is its own: where it was, and where
                // `cd -` goes back to, are the parent's again after it.
                let saved = (self.console.cwd.clone(), self.console.oldpwd.clone());
                let code = super::workstation::shell::run(self.console, cmd, io);
                (self.console.cwd, self.console.oldpwd) = saved;
                code
            }
            "hostname" => {
                io.out(&format!("{}\n", super::workstation::HOSTNAME));
                0
            }
            "whoami" => {
                io.out(&format!("{USER}\n"));
                0
            }
            "uname" => {
                let text =
                    super::container::sys_cmds::uname_text(super::workstation::HOSTNAME, args);
                io.out(&text);
                0
            }
            "ls" => super::workstation::files::ls(self.console, args, cmd.tty, io),
            "mkdir" => super::workstation::files::mkdir(self.console, args, io),
            "rm" => super::workstation::files::rm(self.console, args, io),
            "cp" => super::workstation::files::cp(self.console, args, io),
            "mv" => super::workstation::files::mv(self.console, args, io),
            "touch" => super::workstation::files::touch(self.console, args, io),
            "clear" => 0,
            "cd" => self.cd(args, io),
            "pwd" => {
                io.out(&format!("{}\n", absolute(&self.console.cwd)));
                0
            }
            "date" => {
                io.out(&format!("{}\n", date_text(self.console.engine.now())));
                0
            }
            _ => sh::not_found(io, name),
        }
    }

    /// The workstation's programs: kubectl where kind's guide installs it,
    /// the rest from the distribution.
    fn command_path(&mut self, name: &str) -> Option<String> {
        match name {
            "kubectl" => Some("/usr/local/bin/kubectl".into()),
            "curl" | "nslookup" | "host" | "ls" | "mkdir" | "rm" | "cp" | "mv" | "touch"
            | "date" | "sleep" | "clear" | "watch" | "hostname" | "whoami" | "uname" => {
                Some(format!("/usr/bin/{name}"))
            }
            "sh" | "bash" => Some(format!("/bin/{name}")),
            _ => None,
        }
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.console.read_file(path).map_err(|e| {
            if !self.console.is_local_dir(path) {
                e
            } else {
                "Is a directory".into()
            }
        })
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        if self.console.is_local_dir(path) {
            return Err("Is a directory".into());
        }
        // `> k/kustomization.yaml` needs `k` to exist (mkdir -p k first);
        // outside the home folder, a folder the machine has (`/tmp`, or
        // one the command line's file system shows). `/` itself is root's.
        let clean = self.console.local_key(path);
        if let Some((dir, _)) = clean.rsplit_once('/') {
            if dir.is_empty() {
                return Err("Permission denied".into());
            }
            let standard = matches!(dir, "/tmp" | "/var/tmp");
            if !standard && !self.console.is_dir_key(dir) {
                return Err("No such file or directory".into());
            }
        }
        self.console.write_file(path, data, append)
    }

    /// A directory is where the store has files below a path (`kubectl cp
    /// POD:/dir ./site` leaves `site/…`).
    fn file_type(&mut self, path: &str) -> Option<FileType> {
        if self.console.read_file(path).is_ok() {
            Some(FileType::File)
        } else if self.console.is_local_dir(path) {
            Some(FileType::Dir)
        } else {
            None
        }
    }
}

/// `date`'s default format (`Mon Jan  5 09:00:00 UTC 2026`).
pub fn date_text(t: crate::engine::SimTime) -> String {
    let r = t.rfc1123z(); // "Mon, 05 Jan 2026 09:00:00 +0000"
    let parts: Vec<&str> = r.split_whitespace().collect();
    if parts.len() < 5 {
        return r;
    }
    let day: u32 = parts[1].parse().unwrap_or(1);
    format!(
        "{} {} {:>2} {} UTC {}",
        parts[0].trim_end_matches(','),
        parts[2],
        day,
        parts[4],
        parts[3]
    )
}

impl Console {
    /// A file the session wrote, or one the reader provides.
    pub fn read_file(&self, path: &str) -> Result<String, String> {
        self.read_key(&self.local_key(path))
    }

    /// The file under a store key (see `local_key`). The reader is asked by
    /// the key: below the home directory, a path relative to it (the
    /// script's folder, for `ordinal run`).
    pub(crate) fn read_key(&self, key: &str) -> Result<String, String> {
        if let Some(t) = self.files.get(key) {
            return Ok(t.clone());
        }
        match &self.reader {
            Some(r) => r(key),
            None => Err("No such file or directory".into()),
        }
    }

    pub fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let key = self.local_key(path);
        self.write_key(key, data, append)
    }

    /// Writes the file under a store key, noting when (`ls -l`).
    pub(crate) fn write_key(
        &mut self,
        key: String,
        data: &str,
        append: bool,
    ) -> Result<(), String> {
        const MAX_FILE: usize = 4 << 20;
        self.times.insert(key.clone(), self.engine.now());
        let entry = self.files.entry(key).or_default();
        if !append {
            entry.clear();
        }
        if entry.len() + data.len() > MAX_FILE {
            return Err(format!(
                "File too large (files here hold at most {MAX_FILE} bytes)"
            ));
        }
        entry.push_str(data);
        Ok(())
    }

    /// Whether `path` is a directory: one `mkdir` made, one with files of
    /// the store below it, or one the lister knows.
    pub(crate) fn is_local_dir(&self, path: &str) -> bool {
        self.is_dir_key(&self.local_key(path))
    }

    /// `is_local_dir` of a store key.
    pub(crate) fn is_dir_key(&self, dir: &str) -> bool {
        if dir == "." || self.dirs.contains(dir) {
            return true;
        }
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let in_store = self
            .files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
            || self
                .dirs
                .range(prefix.clone()..)
                .next()
                .is_some_and(|k| k.starts_with(&prefix));
        in_store || self.lister.as_ref().is_some_and(|l| l(dir).is_some())
    }

    /// A directory's entries (name, is a directory), sorted by name as
    /// Go's `ReadDir` sorts them: the store's files and directories below
    /// it merged with the lister's. `None` if `path` is not a directory.
    pub(crate) fn list_local_dir(&self, path: &str) -> Option<Vec<(String, bool)>> {
        self.list_key(&self.local_key(path))
    }

    /// `list_local_dir` of a store key.
    pub(crate) fn list_key(&self, dir: &str) -> Option<Vec<(String, bool)>> {
        if !self.is_dir_key(dir) {
            return None;
        }
        let mut names: BTreeMap<String, bool> = BTreeMap::new();
        if let Some(l) = &self.lister {
            names.extend(l(dir).unwrap_or_default());
        }
        let rel = |k: &str| -> Option<String> {
            if dir == "." {
                (!k.starts_with('/') && !k.starts_with("../")).then(|| k.to_string())
            } else {
                k.strip_prefix(&format!("{}/", dir.trim_end_matches('/')))
                    .map(str::to_string)
            }
        };
        for k in self.files.keys() {
            if let Some(r) = rel(k) {
                match r.split_once('/') {
                    Some((first, _)) => names.insert(first.to_string(), true),
                    None => names.insert(r, false),
                };
            }
        }
        for k in &self.dirs {
            if let Some(r) = rel(k) {
                let first = r.split('/').next().unwrap_or_default();
                if !first.is_empty() {
                    names.insert(first.to_string(), true);
                }
            }
        }
        Some(names.into_iter().collect())
    }

    /// The store key of a workstation path (relative to the working
    /// directory).
    pub(crate) fn local_key(&self, path: &str) -> String {
        store_key_in(&self.cwd, path)
    }

    /// Makes directory `key` (a store key) of the session.
    pub(crate) fn make_dir(&mut self, key: String) {
        self.times.insert(key.clone(), self.engine.now());
        self.dirs.insert(key);
    }

    /// `path` joined to a directory as Go's `filepath.Join` does.
    pub(crate) fn join_local(dir: &str, name: &str) -> String {
        clean_path(&format!("{dir}/{name}"))
    }

    /// The session's files under directory `dir` (the store keeps files
    /// only: a directory is the paths below it), as (path relative to
    /// `dir`, content), ordered as a directory walk visits them.
    pub(crate) fn files_under(&self, dir: &str) -> Vec<(String, String)> {
        let dir = self.local_key(dir);
        let mut out: Vec<(String, String)> = self
            .files
            .iter()
            .filter_map(|(k, v)| {
                let rel = if dir == "." {
                    (!k.starts_with('/') && !k.starts_with("../")).then_some(k.as_str())
                } else {
                    k.strip_prefix(&format!("{}/", dir.trim_end_matches('/')))
                };
                rel.map(|r| (r.to_string(), v.clone()))
            })
            .collect();
        // Name by name at each level (`a/b` before `a.txt`), as ReadDir sorts.
        crate::sort::sort_by(&mut out, |a, b| a.0.split('/').cmp(b.0.split('/')));
        out
    }
}

/// The workstation's user, and their home: where the console starts
/// (`$HOME`).
pub(crate) const USER: &str = "learner";
pub(crate) const HOME: &str = "/home/learner";

/// Where the session's store keeps a workstation path: cleaned, and
/// relative to the home directory when it lies below it, so that
/// `~/web.yaml`, `/home/learner/web.yaml` and (at home) `web.yaml` are one
/// file. A relative path starts from the working directory `cwd` (a key).
pub(crate) fn store_key_in(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') || cwd == "." {
        path.to_string()
    } else {
        format!("{cwd}/{path}")
    };
    let clean = clean_path(&joined);
    match clean.strip_prefix(HOME) {
        Some("") => ".".into(),
        Some(rest) if rest.starts_with('/') => rest[1..].to_string(),
        _ => clean,
    }
}

/// A store key as the absolute path a shell shows (`pwd`, messages): a
/// relative key is below the home directory (`..` climbs out of it).
pub(crate) fn absolute(key: &str) -> String {
    if key.starts_with('/') {
        key.to_string()
    } else {
        clean_path(&format!("{HOME}/{key}"))
    }
}

/// A local path as Go's `filepath.Clean` leaves it (`./out.html` is
/// `out.html`): the session store's key, so that `cat ./a` and `cat a`
/// read the same file.
pub(crate) fn clean_path(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            c => parts.push(c),
        }
    }
    let body = parts.join("/");
    if rooted {
        format!("/{body}")
    } else if body.is_empty() {
        ".".into()
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn directories_of_the_store_are_the_files_below_them() {
        let mut c = crate::console::Console::new(1);
        for p in ["site/a.txt", "./site/a/b", "other", "sitemap"] {
            c.write_file(p, p, false).unwrap();
        }
        assert!(c.is_local_dir("site") && c.is_local_dir("./site/") && c.is_local_dir("."));
        assert!(!c.is_local_dir("other") && !c.is_local_dir("sit"));
        let names: Vec<String> = c.files_under("site").into_iter().map(|(n, _)| n).collect();
        // Name by name at each level, as a directory walk visits them.
        assert_eq!(names, ["a/b", "a.txt"]);
        assert_eq!(c.read_file("site/a/b").unwrap(), "./site/a/b");
    }

    #[test]
    fn paths_below_the_working_directory_are_one_file_however_written() {
        // At home, then from another working directory (`cd k`).
        for (cwd, p, want) in [
            (".", "/home/learner/web.yaml", "web.yaml"),
            (".", "/home/learner/./k/../web.yaml", "web.yaml"),
            (".", "/home/learner", "."),
            (".", "/home/learner/", "."),
            (".", "/home/learnerx/a", "/home/learnerx/a"),
            (".", "/tmp/a", "/tmp/a"),
            (".", "./web.yaml", "web.yaml"),
            ("k", "web.yaml", "k/web.yaml"),
            ("k", "../web.yaml", "web.yaml"),
            ("k", "/home/learner/web.yaml", "web.yaml"),
            ("k", ".", "k"),
            ("k", "../..", ".."),
        ] {
            assert_eq!(super::store_key_in(cwd, p), want, "{cwd} {p}");
        }
        for (key, shown) in [
            (".", "/home/learner"),
            ("k/b", "/home/learner/k/b"),
            ("..", "/home"),
            ("../other/x", "/home/other/x"),
            ("/tmp", "/tmp"),
        ] {
            assert_eq!(super::absolute(key), shown);
        }
    }

    #[test]
    fn local_paths_are_cleaned_as_go_cleans_them() {
        for (p, want) in [
            ("./out.html", "out.html"),
            ("a//b/./c", "a/b/c"),
            ("a/../b", "b"),
            ("../x", "../x"),
            ("/../x", "/x"),
            (".", "."),
            ("", "."),
            ("site/", "site"),
        ] {
            assert_eq!(super::clean_path(p), want, "{p}");
        }
    }

    #[test]
    fn date_looks_like_gnu_date() {
        assert_eq!(
            super::date_text(crate::engine::SimTime::ZERO),
            "Mon Jan  5 09:00:00 UTC 2026"
        );
    }
}
