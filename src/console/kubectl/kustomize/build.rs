//! kustomize's build (`api/internal/target/kusttarget.go`): a
//! kustomization's resources are accumulated (files, and directories built
//! as kustomizations of their own), its generators add ConfigMaps and
//! Secrets, its Components join in, its transformers run in kustomize's
//! order (strategic merge
//! patches, patches, namespace, name prefix and suffix, labels,
//! annotations, JSON 6902 patches, replicas, images, replacements); at
//! the top only, the
//! generated names get their content hash and references to renamed
//! objects follow them (`FixBackReferences`), the output is sorted, and
//! `buildMetadata` adds origins and the managed-by label.

use serde_json::Value;

use super::kustomization::{self, Kustomization};
use super::{generate, nameref, patch, replace, transform, Files};

/// One object of the build, with the names it had (oldest first) so that
/// references written against an earlier name can be followed.
#[derive(Clone, Debug)]
pub(super) struct Res {
    pub obj: Value,
    /// (name, namespace) before each rename.
    pub history: Vec<(String, String)>,
    /// A generated ConfigMap or Secret that gets the content hash suffix.
    pub hashed: bool,
    /// Where it came from, as `buildMetadata: [originAnnotations]` writes
    /// it into `config.kubernetes.io/origin` (YAML text).
    pub origin: String,
}

/// One kustomization on the way from the top to the one being built
/// (kustomize's loader chain): its folder as kustomize shows it, and its
/// path from the top's folder, as origins are written.
pub(super) struct Link {
    root: String,
    origin: String,
}

impl Link {
    /// `origin.Append(entry)`: the path of `entry` from the top's folder.
    fn reach(&self, entry: &str) -> String {
        match self.origin.as_str() {
            "" => crate::console::host::clean_path(entry),
            base => crate::console::host::clean_path(&format!("{base}/{entry}")),
        }
    }
}

impl Res {
    pub fn new(obj: Value) -> Res {
        Res {
            obj,
            history: Vec::new(),
            hashed: false,
            origin: String::new(),
        }
    }

    pub fn kind(&self) -> &str {
        str_at(&self.obj, &["kind"])
    }

    pub fn api_version(&self) -> &str {
        str_at(&self.obj, &["apiVersion"])
    }

    pub fn group(&self) -> &str {
        self.api_version().rsplit_once('/').map_or("", |(g, _)| g)
    }

    pub fn version(&self) -> &str {
        let v = self.api_version();
        v.rsplit_once('/').map_or(v, |(_, v)| v)
    }

    pub fn name(&self) -> &str {
        str_at(&self.obj, &["metadata", "name"])
    }

    pub fn namespace(&self) -> &str {
        str_at(&self.obj, &["metadata", "namespace"])
    }

    /// The names this object has had, the current one last.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        self.history
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(std::iter::once(self.name()))
    }

    /// Renames the object (or moves it), remembering the name it had.
    pub fn rename(&mut self, name: Option<&str>, namespace: Option<&str>) {
        let before = (self.name().to_string(), self.namespace().to_string());
        let meta = meta_mut(&mut self.obj);
        if let Some(n) = name {
            meta.insert("name".into(), Value::String(n.into()));
        }
        if let Some(ns) = namespace {
            meta.insert("namespace".into(), Value::String(ns.into()));
        }
        if before != (self.name().to_string(), self.namespace().to_string()) {
            self.history.push(before);
        }
    }

    /// kustomize's resource id as its errors print it
    /// (`StatefulSet.v1.apps/web.[noNs]`).
    pub fn id(&self) -> String {
        id_text(
            self.kind(),
            self.version(),
            self.group(),
            self.name(),
            self.namespace(),
        )
    }
}

/// `resid.ResId.String()`: `Kind.version.group/name.namespace`, each
/// empty part named (`[noVer]`, `[noNs]` …).
pub(super) fn id_text(kind: &str, version: &str, group: &str, name: &str, ns: &str) -> String {
    let or = |s: &str, none: &'static str| {
        if s.is_empty() {
            none.to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "{}.{}.{}/{}.{}",
        or(kind, "[noKind]"),
        or(version, "[noVer]"),
        or(group, "[noGrp]"),
        or(name, "[noName]"),
        or(ns, "[noNs]")
    )
}

pub(super) fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = v;
    for p in path {
        match cur.get(*p) {
            Some(n) => cur = n,
            None => return "",
        }
    }
    cur.as_str().unwrap_or("")
}

pub(super) fn meta_mut(obj: &mut Value) -> &mut serde_json::Map<String, Value> {
    if !obj.is_object() {
        *obj = Value::Object(Default::default());
    }
    let m = obj.as_object_mut().expect("made an object above");
    let meta = m
        .entry("metadata")
        .or_insert_with(|| Value::Object(Default::default()));
    if !meta.is_object() {
        *meta = Value::Object(Default::default());
    }
    meta.as_object_mut().expect("made an object above")
}

pub(super) fn join(dir: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        crate::console::host::clean_path(rel)
    } else {
        crate::console::host::clean_path(&format!("{dir}/{rel}"))
    }
}

/// How deep kustomizations may include one another: a bound on the work
/// of one build (a cycle is found before it, as kustomize finds it).
const MAX_DEPTH: usize = 20;

/// Builds the kustomization in `dir` (the top of the build).
pub(super) fn build(
    fs: &dyn Files,
    dir: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Value>, String> {
    let top = load(fs, dir, warnings)?;
    let mut chain = vec![Link {
        root: fs.abs(dir),
        origin: String::new(),
    }];
    let mut out = accumulate_target(fs, dir, &top, Vec::new(), warnings, &mut chain)?;
    for r in &mut out {
        if r.hashed {
            let hash = super::hash::name_hash(&r.obj)?;
            let name = format!("{}-{hash}", r.name());
            r.rename(Some(&name), None);
        }
    }
    nameref::fix_back_references(&mut out);
    let origins = top.build_metadata.iter().any(|m| m == "originAnnotations");
    let mut objs: Vec<Value> = out
        .into_iter()
        .map(|mut r| {
            if origins && !r.origin.is_empty() {
                let key = "config.kubernetes.io/origin";
                set_meta_entry(&mut r.obj, "annotations", key, &r.origin);
            }
            r.obj
        })
        .collect();
    sort(&top, &mut objs)?;
    if top.build_metadata.iter().any(|m| m == "managedByLabel") {
        // kubectl's built-in kustomize reports its version as "(devel)".
        for o in &mut objs {
            set_meta_entry(
                o,
                "labels",
                "app.kubernetes.io/managed-by",
                "kustomize-(devel)",
            );
        }
    }
    Ok(objs)
}

/// The top kustomization's `sortOptions` (kustomizer.go
/// `applySortOrder` and the SortOrderTransformer), the legacy order when
/// it has none.
fn sort(k: &Kustomization, objs: &mut [Value]) -> Result<(), String> {
    let Some(opts) = &k.sort_options else {
        super::order::legacy_sort(objs);
        return Ok(());
    };
    match (opts.order.as_str(), &opts.legacy) {
        ("fifo", None) => Ok(()),
        ("fifo", Some(_)) => Err(
            "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'"
                .into(),
        ),
        ("legacy", None) => {
            super::order::legacy_sort(objs);
            Ok(())
        }
        ("legacy", Some((first, last))) => {
            super::order::legacy_sort_with(objs, first, last);
            Ok(())
        }
        _ => Err("the field 'sortOptions.order' must be one of [fifo, legacy]".into()),
    }
}

/// Sets `metadata.<map>.<key>`, making the map where there is none.
fn set_meta_entry(obj: &mut Value, map: &str, key: &str, value: &str) {
    let meta = meta_mut(obj);
    let entry = meta
        .entry(map)
        .or_insert_with(|| Value::Object(Default::default()));
    if !entry.is_object() {
        *entry = Value::Object(Default::default());
    }
    if let Value::Object(m) = entry {
        m.insert(key.into(), Value::String(value.into()));
    }
}

/// A string as a YAML scalar (quoted where YAML needs it).
fn yaml_scalar(s: &str) -> String {
    crate::manifest::print::to_yaml(&Value::String(s.into()))
        .trim_end()
        .to_string()
}

/// Why kustomize's file loader refused a file; printed as its message.
pub(super) enum FileError {
    /// There is no such file.
    Missing(String),
    /// The file is outside the kustomization's folder and the load is
    /// root-only (`RestrictionRootOnly`).
    Outside(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Missing(m) | FileError::Outside(m) => f.write_str(m),
        }
    }
}

/// Reads `rel` for the kustomization in `dir` as kustomize's file loader
/// does: the text, or why not, for the caller to wrap.
pub(super) fn load_file(fs: &dyn Files, dir: &str, rel: &str) -> Result<String, FileError> {
    let path = join(dir, rel);
    let a = fs.abs(&path);
    let text = fs.read(&path).map_err(|_| {
        FileError::Missing(format!(
            "evalsymlink failure on '{a}' : lstat {a}: no such file or directory"
        ))
    })?;
    let root = fs.abs(dir);
    if fs.root_only() && !contains(&root, &a) {
        return Err(FileError::Outside(format!(
            "security; file '{a}' is not in or below '{root}'"
        )));
    }
    Ok(text)
}

/// `ConfirmedDir.HasPrefix`: whether folder `outer` is `inner` or holds it.
fn contains(outer: &str, inner: &str) -> bool {
    outer == "/" || outer == inner || inner.starts_with(&format!("{outer}/"))
}

/// `KustTarget.Load`: the file read and decoded, its deprecation warnings
/// told, then checked for emptiness and its kind.
fn load(fs: &dyn Files, dir: &str, warnings: &mut Vec<String>) -> Result<Kustomization, String> {
    if !fs.is_dir(dir) {
        let a = fs.abs(dir);
        return Err(format!(
            "must build at directory: not a valid directory: evalsymlink failure on '{dir}' : lstat {a}: no such file or directory"
        ));
    }
    let file = ["kustomization.yaml", "kustomization.yml", "Kustomization"]
        .iter()
        .find_map(|f| fs.read(&join(dir, f)).ok().map(|text| (*f, text)));
    let Some((file_name, text)) = file else {
        return Err(format!(
            "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{}'",
            fs.abs(dir)
        ));
    };
    let docs = yaml_docs(&text).map_err(|e| format!("invalid Kustomization: {e}"))?;
    let value = docs.into_iter().next().unwrap_or(Value::Null);
    let mut k = kustomization::parse(&value)?;
    k.file_name = file_name.to_string();
    warnings.extend(k.warnings.iter().cloned());
    kustomization::enforce(&k, &fs.abs(dir))?;
    Ok(k)
}

/// The documents of a YAML (or JSON) text as values; empty ones skipped.
pub(super) fn yaml_docs(text: &str) -> Result<Vec<Value>, String> {
    let (docs, err) =
        crate::manifest::stream::read_stream(text, &crate::manifest::stream::DEFAULT_STREAM_LIMITS);
    if let Some(e) = err {
        return Err(e.text);
    }
    Ok(docs
        .into_iter()
        .map(|d| d.value)
        .filter(|v| !v.is_null())
        .collect())
}

/// One kustomization's resources, generated objects and transformations
/// (`KustTarget.AccumulateTarget`). `roots` is the chain of kustomization
/// folders that led here, the last one `dir`'s (kustomize's loader chain).
fn accumulate_target(
    fs: &dyn Files,
    dir: &str,
    k: &Kustomization,
    mut resources: Vec<Res>,
    warnings: &mut Vec<String>,
    roots: &mut Vec<Link>,
) -> Result<Vec<Res>, String> {
    if roots.len() > MAX_DEPTH {
        return Err(format!(
            "kustomizations include one another more than {MAX_DEPTH} deep at '{}'",
            fs.abs(dir)
        ));
    }
    for r in &k.resources {
        accumulate_resource(fs, dir, r, &mut resources, warnings, roots)
            .map_err(|e| format!("accumulating resources: {e}"))?;
    }
    let before = resources.len();
    generate::run(fs, dir, k, &mut resources)?;
    let configured_in = roots
        .last()
        .map(|l| l.reach(&k.file_name))
        .unwrap_or_default();
    for r in &mut resources[before..] {
        r.origin = format!(
            "configuredIn: {}\nconfiguredBy:\n  apiVersion: builtin\n  kind: {}Generator\n",
            yaml_scalar(&configured_in),
            r.kind()
        );
    }
    // Components come after the resources and generators, before the
    // transformers, and work on what this kustomization has gathered.
    for c in &k.components {
        resources = accumulate_component(fs, dir, c, resources, warnings, roots)
            .map_err(|e| format!("accumulating components: {e}"))?;
    }
    patch::strategic_merge_files(fs, dir, &k.patches_strategic_merge, &mut resources)?;
    patch::patches(fs, dir, &k.patches, &mut resources)?;
    transform::namespace(&k.namespace, &mut resources);
    transform::prefix_suffix(&k.name_prefix, &k.name_suffix, &mut resources);
    transform::labels(k, &mut resources);
    transform::annotations(&k.common_annotations, &mut resources);
    patch::json6902(fs, dir, &k.patches_json6902, &mut resources)?;
    transform::replicas(&k.replicas, &mut resources)?;
    for image in &k.images {
        transform::image(image, &mut resources);
    }
    replace::run(fs, dir, &k.replacements, &mut resources)?;
    Ok(resources)
}

/// `accumulateComponents`: a Component's folder, its resources added to
/// `gathered` and its generators, patches and transformers run on them
/// all. kustomize quotes the inner errors here (`%q`).
fn accumulate_component(
    fs: &dyn Files,
    dir: &str,
    entry: &str,
    gathered: Vec<Res>,
    warnings: &mut Vec<String>,
    roots: &mut Vec<Link>,
) -> Result<Vec<Res>, String> {
    let quoted = crate::engine::apiserver::go_quote;
    let path = join(dir, entry);
    let a = fs.abs(&path);
    if !fs.is_dir(&path) {
        let why = if fs.read(&path).is_ok() {
            format!("must build at directory: '{a}': file is not directory")
        } else {
            format!("must build at directory: not a valid directory: evalsymlink failure on '{a}' : lstat {a}: no such file or directory")
        };
        return Err(format!("loader.New {}", quoted(&why)));
    }
    if let Some(root) = roots
        .iter()
        .rev()
        .map(|l| &l.root)
        .find(|r| contains(&a, r))
    {
        let why = format!("cycle detected: candidate root '{a}' contains visited root '{root}'");
        return Err(format!("loader.New {}", quoted(&why)));
    }
    let failed = |why: String| format!("accumulateDirectory: {}", quoted(&why));
    let k = load(fs, &path, warnings)
        .map_err(|e| failed(format!("couldn't make target for path '{a}': {e}")))?;
    if !k.is_component() {
        return Err(failed(format!(
            "expected kind 'Component' for path '{a}' but got '{}'",
            k.kind
        )));
    }
    let origin = roots.last().map(|l| l.reach(entry)).unwrap_or_default();
    roots.push(Link {
        root: a.clone(),
        origin,
    });
    let out = accumulate_target(fs, &path, &k, gathered, warnings, roots);
    roots.pop();
    out.map_err(|e| failed(format!("recursed accumulation of path '{a}': {e}")))
}

fn accumulate_resource(
    fs: &dyn Files,
    dir: &str,
    entry: &str,
    into: &mut Vec<Res>,
    warnings: &mut Vec<String>,
    roots: &mut Vec<Link>,
) -> Result<(), String> {
    if entry.contains("://") || entry.starts_with("github.com/") || entry.starts_with("git@") {
        return Err(format!(
            "accumulation err='accumulating resources from '{entry}': Ordinal has no network, so remote kustomize resources cannot be fetched'"
        ));
    }
    let path = join(dir, entry);
    if fs.is_dir(&path) {
        // accumulateResources: the entry is tried as a file first, then
        // as a kustomization folder, and both failures are told.
        let a = fs.abs(&path);
        let tried = format!("accumulating resources from '{entry}': '{a}' must resolve to a file");
        let fail = |why: String| format!("accumulation err='{tried}': {why}");
        // FileLoader.errIfArgEqualOrHigher: a folder that is, or holds,
        // one of the kustomizations on the way here is a cycle.
        if let Some(root) = roots
            .iter()
            .rev()
            .map(|l| &l.root)
            .find(|r| contains(&a, r))
        {
            return Err(fail(format!(
                "cycle detected: candidate root '{a}' contains visited root '{root}'"
            )));
        }
        let k = load(fs, &path, warnings)
            .map_err(|e| fail(format!("couldn't make target for path '{a}': {e}")))?;
        if k.is_component() {
            return Err(fail(format!("expected kind != 'Component' for path '{a}'")));
        }
        let origin = roots.last().map(|l| l.reach(entry)).unwrap_or_default();
        roots.push(Link {
            root: a.clone(),
            origin,
        });
        let sub = accumulate_target(fs, &path, &k, Vec::new(), warnings, roots);
        roots.pop();
        let sub = sub.map_err(|e| fail(format!("recursed accumulation of path '{a}': {e}")))?;
        for r in sub {
            add(into, r).map_err(|e| fail(format!("recursed merging from path '{a}': {e}")))?;
        }
        return Ok(());
    }
    let a = fs.abs(&path);
    let text = load_file(fs, dir, entry).map_err(|e| {
        // Then tried as a folder (loader.New), which fails too: a file
        // that is there is not a folder; a missing one is neither.
        let as_dir = match e {
            FileError::Outside(_) => format!("'{a}': file is not directory"),
            FileError::Missing(_) => format!("not a valid directory: evalsymlink failure on '{a}' : lstat {a}: no such file or directory"),
        };
        format!(
            "accumulation err='accumulating resources from '{entry}': {e}': must build at directory: {as_dir}"
        )
    })?;
    let docs = yaml_docs(&text).map_err(|e| {
        format!("accumulation err='accumulating resources from '{entry}': {e}': must build at directory: '{a}': file is not directory")
    })?;
    for d in docs {
        let items = if str_at(&d, &["kind"]) == "List" {
            d.get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        } else {
            vec![d]
        };
        for item in items {
            if str_at(&item, &["kind"]).is_empty() {
                return Err(format!(
                    "accumulation err='accumulating resources from '{entry}': missing Resource metadata': must build at directory: '{a}': file is not directory"
                ));
            }
            let mut r = Res::new(item);
            let from = roots.last().map(|l| l.reach(entry)).unwrap_or_default();
            r.origin = format!("path: {}\n", yaml_scalar(&from));
            add(into, r).map_err(|e| {
                format!("accumulation err='merging resources from '{entry}': {e}': must build at directory: '{a}': file is not directory")
            })?;
        }
    }
    Ok(())
}

/// Adds an object, refusing a second one with the same id (`resWrangler.Append`).
pub(super) fn add(into: &mut Vec<Res>, r: Res) -> Result<(), String> {
    let id = r.id();
    if into.iter().any(|o| o.id() == id) {
        return Err(format!(
            "may not add resource with an already registered id: {id}"
        ));
    }
    into.push(r);
    Ok(())
}
