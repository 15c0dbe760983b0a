//! Where each field of a document was written: a map from field path
//! (`spec.template.spec.containers[0].image`, the syntax of API field
//! errors) to the line:column of its key and of its value. Lookups fall back
//! to the nearest ancestor, so an error about a field the user did not write
//! (`spec.selector: Required value`) still points somewhere useful.
//!
//! Pure data; may not import browser crates.

use std::collections::BTreeMap;

use crate::sort::CollectMap;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// The key and value positions of one field. For list items and the
/// document root, `key` equals `value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldPos {
    pub key: Pos,
    pub value: Pos,
}

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Renders a path the way apimachinery's `field.Path` does: `.name` for
/// plain keys, `[key]` for keys that would be ambiguous, `[i]` for indices.
pub fn render_path(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Segment::Key(k) if k.is_empty() || k.contains(['.', '[', ']']) => {
                out.push('[');
                out.push_str(k);
                out.push(']');
            }
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
    }
    out
}

/// Splits `a.b[0].c[some.key]` into segments. Bracketed numbers become
/// indices, anything else in brackets a key.
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(Segment::Key(std::mem::take(&mut cur)));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(Segment::Key(std::mem::take(&mut cur)));
                }
                let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                match inner.parse::<usize>() {
                    Ok(i) if !inner.starts_with('+') => out.push(Segment::Index(i)),
                    _ => out.push(Segment::Key(inner)),
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(Segment::Key(cur));
    }
    out
}

/// Field positions of one document (or one item of a `kind: List`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Positions {
    map: BTreeMap<Vec<Segment>, FieldPos>,
}

impl Positions {
    pub fn new() -> Positions {
        Positions::default()
    }

    pub fn insert(&mut self, path: Vec<Segment>, pos: FieldPos) {
        self.map.insert(path, pos);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The exact entry for a path, if the field was written.
    pub fn get(&self, path: &str) -> Option<FieldPos> {
        let segs = parse_path(path);
        self.map
            .get(&segs)
            .copied()
            .or_else(|| self.map.get(&indices_as_keys(&segs)).copied())
    }

    /// The entry for `path`, or for its nearest written ancestor (the
    /// document root at worst). Returns the path that matched as well.
    pub fn lookup(&self, path: &str) -> Option<(String, FieldPos)> {
        let mut segs = parse_path(path);
        loop {
            if let Some(p) = self.map.get(&segs) {
                return Some((render_path(&segs), *p));
            }
            let alt = indices_as_keys(&segs);
            if let Some(p) = self.map.get(&alt) {
                return Some((render_path(&alt), *p));
            }
            segs.pop()?;
        }
    }

    /// The sub-map below `prefix`, re-rooted (used for `kind: List` items).
    pub fn subtree(&self, prefix: &[Segment]) -> Positions {
        let map = self
            .map
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k[prefix.len()..].to_vec(), *v))
            .collect_map();
        Positions { map }
    }

    /// Every entry, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (String, FieldPos)> + '_ {
        self.map.iter().map(|(k, v)| (render_path(k), *v))
    }
}

/// A map key that happens to be numeric (`data: {"0": x}`) is written
/// `data[0]` in a path; try it as a key too.
fn indices_as_keys(segs: &[Segment]) -> Vec<Segment> {
    segs.iter()
        .map(|s| match s {
            Segment::Index(i) => Segment::Key(i.to_string()),
            k => k.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(l: u32, c: u32) -> FieldPos {
        FieldPos {
            key: Pos::new(l, c),
            value: Pos::new(l, c + 2),
        }
    }

    #[test]
    fn paths_round_trip() {
        let p = "spec.template.spec.containers[0].image";
        assert_eq!(render_path(&parse_path(p)), p);
        let segs =
            parse_path("metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]");
        assert_eq!(
            segs.last(),
            Some(&Segment::Key(
                "kubectl.kubernetes.io/last-applied-configuration".into()
            ))
        );
        assert_eq!(
            render_path(&segs),
            "metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]"
        );
    }

    #[test]
    fn lookup_falls_back_to_nearest_ancestor() {
        let mut m = Positions::new();
        m.insert(vec![], fp(1, 1));
        m.insert(parse_path("spec"), fp(5, 1));
        m.insert(parse_path("spec.template.spec.containers[0]"), fp(12, 7));
        m.insert(parse_path("data[0]"), fp(20, 3));
        assert_eq!(m.get("spec").map(|p| p.key), Some(Pos::new(5, 1)));
        let (path, pos) = m.lookup("spec.template.spec.containers[0].image").unwrap();
        assert_eq!(path, "spec.template.spec.containers[0]");
        assert_eq!(pos.key, Pos::new(12, 7));
        assert_eq!(m.lookup("spec.selector").unwrap().0, "spec");
        assert_eq!(m.lookup("status.replicas").unwrap().0, "");
        assert_eq!(m.get("data[0]").map(|p| p.key.line), Some(20));
        let sub = m.subtree(&parse_path("spec"));
        assert_eq!(
            sub.get("template.spec.containers[0]").map(|p| p.key.line),
            Some(12)
        );
        assert_eq!(sub.len(), 2);
    }
}
