//! Volume contents. Each PersistentVolume has a small file tree that lives
//! exactly as long as the PV object does (so data outlives Pods, rescheduling
//! and scale down/up while the PV stays, and is gone when a `Delete` reclaim
//! removes it). emptyDir trees and container layers live in the kubelet's
//! runtime state and die with their Pod or container.

use std::collections::BTreeMap;
use std::rc::Rc;

/// One entry of a file tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(String),
    Symlink(String),
}

/// Why a file operation failed, worded as busybox/coreutils word it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotADirectory,
    IsADirectory,
    Exists,
    NotEmpty,
    ReadOnly,
    /// A limit was hit; the message names it.
    Limit(String),
}

impl FsError {
    pub fn text(&self) -> &str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::ReadOnly => "Read-only file system",
            FsError::Limit(m) => m,
        }
    }
}

/// Whether the normalized `path` is the normalized `mount_point` or below
/// it (`/data/x` is within `/data`, `/database` is not; all is within `/`).
pub fn is_within(path: &str, mount_point: &str) -> bool {
    mount_point == "/"
        || path
            .strip_prefix(mount_point)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Normalizes a path inside a tree: absolute, no `.`/`..`/empty parts.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent(path: &str) -> Option<&str> {
    if path == "/" {
        return None;
    }
    Some(match path.rfind('/') {
        Some(0) => "/",
        Some(i) => &path[..i],
        None => "/",
    })
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileTree {
    entries: BTreeMap<String, Entry>,
    bytes: usize,
}

/// Size limits for one tree.
#[derive(Clone, Copy, Debug)]
pub struct TreeLimits {
    pub max_file_bytes: usize,
    pub max_bytes: usize,
    pub max_files: usize,
}

impl FileTree {
    pub fn new() -> Self {
        FileTree::default()
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        let p = normalize(path);
        if p == "/" {
            return Some(&Entry::Dir);
        }
        self.entries.get(&p)
    }

    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.get(path), Some(Entry::Dir))
    }

    pub fn read(&self, path: &str) -> Result<&str, FsError> {
        match self.get(path) {
            Some(Entry::File(s)) => Ok(s),
            Some(Entry::Dir) => Err(FsError::IsADirectory),
            Some(Entry::Symlink(t)) => {
                let t = t.clone();
                match self.get(&t) {
                    Some(Entry::File(s)) => Ok(s),
                    Some(Entry::Dir) => Err(FsError::IsADirectory),
                    _ => Err(FsError::NotFound),
                }
            }
            None => Err(FsError::NotFound),
        }
    }

    fn check_parent(&self, p: &str) -> Result<(), FsError> {
        match parent(p) {
            None | Some("/") => Ok(()),
            Some(dir) => match self.entries.get(dir) {
                Some(Entry::Dir) => Ok(()),
                Some(_) => Err(FsError::NotADirectory),
                None => Err(FsError::NotFound),
            },
        }
    }

    /// Writes (or appends to) a file; the parent directory must exist.
    pub fn write(
        &mut self,
        path: &str,
        data: &str,
        append: bool,
        limits: TreeLimits,
    ) -> Result<(), FsError> {
        let p = normalize(path);
        if p == "/" {
            return Err(FsError::IsADirectory);
        }
        self.check_parent(&p)?;
        let old = match self.entries.get(&p) {
            Some(Entry::Dir) => return Err(FsError::IsADirectory),
            Some(Entry::File(s)) => s.len(),
            _ => 0,
        };
        let new_len = if append { old + data.len() } else { data.len() };
        if new_len > limits.max_file_bytes {
            return Err(FsError::Limit(format!(
                "File too large (a file holds at most {} bytes here)",
                limits.max_file_bytes
            )));
        }
        if self.bytes - old + new_len > limits.max_bytes {
            return Err(FsError::Limit(format!(
                "No space left on device (a volume holds at most {} bytes here)",
                limits.max_bytes
            )));
        }
        if old == 0 && !self.entries.contains_key(&p) && self.file_count() >= limits.max_files {
            return Err(FsError::Limit(format!(
                "No space left on device (a volume holds at most {} files here)",
                limits.max_files
            )));
        }
        self.bytes = self.bytes - old + new_len;
        match self.entries.get_mut(&p) {
            Some(Entry::File(s)) if append => s.push_str(data),
            _ => {
                self.entries.insert(p, Entry::File(data.to_string()));
            }
        }
        Ok(())
    }

    /// `mkdir -p`.
    pub fn mkdir_p(&mut self, path: &str) -> Result<(), FsError> {
        let p = normalize(path);
        let mut cur = String::new();
        for part in p.split('/').filter(|s| !s.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            match self.entries.get(&cur) {
                Some(Entry::Dir) => {}
                Some(_) => return Err(FsError::NotADirectory),
                None => {
                    self.entries.insert(cur.clone(), Entry::Dir);
                }
            }
        }
        Ok(())
    }

    /// `mkdir` (parent must exist).
    pub fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        let p = normalize(path);
        if self.get(&p).is_some() {
            return Err(FsError::Exists);
        }
        self.check_parent(&p)?;
        self.entries.insert(p, Entry::Dir);
        Ok(())
    }

    pub fn symlink(&mut self, target: &str, path: &str) -> Result<(), FsError> {
        let p = normalize(path);
        if self.get(&p).is_some() {
            return Err(FsError::Exists);
        }
        self.check_parent(&p)?;
        self.entries.insert(p, Entry::Symlink(target.to_string()));
        Ok(())
    }

    /// Removes a file, or a directory with `recursive`.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let p = normalize(path);
        match self.entries.get(&p) {
            None => Err(FsError::NotFound),
            Some(Entry::Dir) => {
                let prefix = format!("{p}/");
                let children: Vec<String> = self
                    .entries
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k.clone())
                    .collect();
                if !children.is_empty() && !recursive {
                    return Err(FsError::NotEmpty);
                }
                for c in children {
                    if let Some(Entry::File(s)) = self.entries.remove(&c) {
                        self.bytes -= s.len();
                    }
                }
                self.entries.remove(&p);
                Ok(())
            }
            Some(_) => {
                if let Some(Entry::File(s)) = self.entries.remove(&p) {
                    self.bytes -= s.len();
                }
                Ok(())
            }
        }
    }

    /// Moves a file or directory.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let f = normalize(from);
        let t = normalize(to);
        if !self.entries.contains_key(&f) {
            return Err(FsError::NotFound);
        }
        self.check_parent(&t)?;
        let prefix = format!("{f}/");
        let moved: Vec<(String, Entry)> = self
            .entries
            .range(f.clone()..)
            .take_while(|(k, _)| **k == f || k.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, _) in &moved {
            self.entries.remove(k);
        }
        for (k, v) in moved {
            let nk = format!("{t}{}", &k[f.len()..]);
            self.entries.insert(nk, v);
        }
        Ok(())
    }

    /// Names directly inside a directory, sorted.
    pub fn list(&self, dir: &str) -> Result<Vec<(String, Entry)>, FsError> {
        let p = normalize(dir);
        match self.get(&p) {
            Some(Entry::Dir) => {}
            Some(_) => return Err(FsError::NotADirectory),
            None => return Err(FsError::NotFound),
        }
        let prefix = if p == "/" {
            "/".to_string()
        } else {
            format!("{p}/")
        };
        Ok(self
            .entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k[prefix.len()..].contains('/'))
            .map(|(k, v)| (k[prefix.len()..].to_string(), v.clone()))
            .collect())
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// What differs from `earlier`, as the entries to set (None: remove)
    /// that turn `earlier` into this tree, in path order.
    pub fn changes_since(&self, earlier: &FileTree) -> Vec<(String, Option<Entry>)> {
        let mut out = Vec::new();
        for (k, v) in &self.entries {
            if earlier.entries.get(k) != Some(v) {
                out.push((k.clone(), Some(v.clone())));
            }
        }
        for k in earlier.entries.keys() {
            if !self.entries.contains_key(k) {
                out.push((k.clone(), None));
            }
        }
        crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        out
    }

    /// Sets or removes entries as `changes_since` listed them. Parents come
    /// before children in path order, so a directory is made before what
    /// goes in it; removals run deepest first.
    pub fn apply(&mut self, changes: &[(String, Option<Entry>)]) {
        for (k, v) in changes {
            if let Some(v) = v {
                let new = if let Entry::File(s) = v { s.len() } else { 0 };
                if let Some(Entry::File(old)) = self.entries.insert(k.clone(), v.clone()) {
                    self.bytes -= old.len();
                }
                self.bytes += new;
            }
        }
        for (k, v) in changes.iter().rev() {
            if v.is_none() {
                if let Some(Entry::File(old)) = self.entries.remove(k) {
                    self.bytes -= old.len();
                }
            }
        }
    }

    pub fn file_count(&self) -> usize {
        self.entries
            .values()
            .filter(|e| matches!(e, Entry::File(_)))
            .count()
    }

    /// Every file with its contents, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().filter_map(|(k, v)| match v {
            Entry::File(s) => Some((k.as_str(), s.as_str())),
            _ => None,
        })
    }
}

/// The contents of every PersistentVolume, by PV name.
#[derive(Clone, Debug, Default)]
pub struct Volumes {
    trees: BTreeMap<String, Rc<FileTree>>,
    /// Counts the times a tree was handed out for writing or dropped: what
    /// a watcher of contents (a lesson's file check) compares, as the
    /// store's resourceVersion is for objects. Writes to volumes are no API
    /// change.
    touched: u64,
}

impl Volumes {
    pub fn get(&self, pv: &str) -> Option<&FileTree> {
        self.trees.get(pv).map(|t| &**t)
    }
    /// The tree of a PV, created empty on first use.
    pub fn get_mut(&mut self, pv: &str) -> &mut FileTree {
        self.touched += 1;
        Rc::make_mut(self.trees.entry(pv.to_string()).or_default())
    }
    /// Changes (at least) whenever a volume's contents may have changed.
    pub fn version(&self) -> u64 {
        self.touched
    }
    pub fn ensure(&mut self, pv: &str) {
        self.trees.entry(pv.to_string()).or_default();
    }
    /// The PV is gone: so is its data.
    pub fn forget(&mut self, pv: &str) {
        self.touched += 1;
        self.trees.remove(pv);
    }
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.trees.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: TreeLimits = TreeLimits {
        max_file_bytes: 16,
        max_bytes: 32,
        max_files: 3,
    };

    #[test]
    fn changes_undo_and_redo_a_write_exactly() {
        let big = TreeLimits {
            max_file_bytes: 1 << 10,
            max_bytes: 1 << 12,
            max_files: 100,
        };
        let mut t = FileTree::new();
        t.mkdir_p("/data/old").unwrap();
        t.write("/data/old/a", "aaa", false, big).unwrap();
        t.write("/keep", "k", false, big).unwrap();
        let before = t.clone();
        // A script's later steps: a new tree, a removed one, a changed file.
        t.mkdir_p("/data/new/deep").unwrap();
        t.write("/data/new/deep/f", "ffff", false, big).unwrap();
        t.remove("/data/old", true).unwrap();
        t.write("/keep", "changed", false, big).unwrap();
        let after = t.clone();
        let redo = after.changes_since(&before);
        let undo = before.changes_since(&after);
        let mut x = after.clone();
        x.apply(&undo);
        assert_eq!(x, before);
        assert_eq!(x.bytes(), before.bytes());
        x.apply(&redo);
        assert_eq!(x, after);
        assert_eq!(x.bytes(), after.bytes());
    }

    #[test]
    fn files_dirs_and_limits() {
        let mut t = FileTree::new();
        assert_eq!(t.write("/a/b", "x", false, L), Err(FsError::NotFound));
        t.mkdir_p("/usr/share/nginx/html").unwrap();
        t.write("/usr/share/nginx/html/index.html", "web-0\n", false, L)
            .unwrap();
        t.write("/usr/share/nginx/html/index.html", "more\n", true, L)
            .unwrap();
        assert_eq!(
            t.read("/usr/share/nginx/html/./index.html").unwrap(),
            "web-0\nmore\n"
        );
        assert_eq!(t.read("/usr/share/nginx/html"), Err(FsError::IsADirectory));
        let names: Vec<String> = t
            .list("/usr/share/nginx/html")
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["index.html"]);
        assert!(matches!(
            t.write("/big", "0123456789abcdefg", false, L),
            Err(FsError::Limit(_))
        ));
        assert_eq!(t.remove("/usr", false), Err(FsError::NotEmpty));
        t.rename("/usr/share", "/srv").unwrap();
        assert_eq!(
            t.read("/srv/nginx/html/index.html").unwrap(),
            "web-0\nmore\n"
        );
        t.remove("/srv", true).unwrap();
        assert_eq!(t.bytes(), 0);
    }

    #[test]
    fn volume_data_lives_as_long_as_the_pv() {
        let mut v = Volumes::default();
        v.get_mut("pvc-1")
            .write("/index.html", "web-0", false, L)
            .unwrap();
        let snapshot = v.clone();
        v.forget("pvc-1");
        assert!(v.get("pvc-1").is_none());
        assert_eq!(
            snapshot.get("pvc-1").unwrap().read("/index.html").unwrap(),
            "web-0"
        );
    }
}
