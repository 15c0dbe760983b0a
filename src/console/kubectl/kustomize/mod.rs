//! `kubectl kustomize [DIR]` and `-k DIR`: kustomize's build of a
//! kustomization directory, client side, as kubectl embeds it (kustomize
//! v5): resources from files and directories, generators, the built-in
//! transformers and patches, content hashes on generated names, name
//! references followed, output in kustomize's legacy order. The files are
//! the workstation's (the session's, and beside the script on the command
//! line). Files are read from within each kustomization's folder unless
//! `--load-restrictor=LoadRestrictionsNone`, as kustomize's loader does.
//! Remote bases, Helm charts, plugins and vars are refused with a message
//! that says so.
//! Pure Rust; may not import browser crates.

mod build;
mod generate;
pub(super) mod hash;
mod kustomization;
mod nameref;
mod order;
mod patch;
mod replace;
mod transform;

use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::console::session::Console;

/// The files a build reads.
pub(crate) trait Files {
    fn read(&self, path: &str) -> Result<String, String>;
    fn is_dir(&self, path: &str) -> bool;
    /// kustomize's default `LoadRestrictionsRootOnly`: a file must be in
    /// or below the folder of the kustomization that names it.
    fn root_only(&self) -> bool {
        true
    }
    /// The absolute path kustomize's messages show for `path`.
    fn abs(&self, path: &str) -> String;
}

/// The same files under `LoadRestrictionsNone`.
struct Unrestricted<'a>(&'a dyn Files);

impl Files for Unrestricted<'_> {
    fn read(&self, path: &str) -> Result<String, String> {
        self.0.read(path)
    }

    fn is_dir(&self, path: &str) -> bool {
        self.0.is_dir(path)
    }

    fn root_only(&self) -> bool {
        false
    }

    fn abs(&self, path: &str) -> String {
        self.0.abs(path)
    }
}

impl Files for Console {
    fn read(&self, path: &str) -> Result<String, String> {
        self.read_file(path)
    }

    fn is_dir(&self, path: &str) -> bool {
        self.is_local_dir(path)
    }

    fn abs(&self, path: &str) -> String {
        crate::console::host::absolute(&self.local_key(path))
    }
}

/// Objects as one multi-document YAML stream.
fn stream(objs: &[serde_json::Value]) -> String {
    let docs: Vec<String> = objs.iter().map(crate::manifest::print::to_yaml).collect();
    docs.join("---\n")
}

/// `-k DIR` for the verbs that read manifests: the warnings go to stderr
/// as kustomize prints them, the stream is what the verb reads.
pub(crate) fn build_for(ctx: &mut Ctx, dir: &str) -> Result<String, String> {
    build_with(ctx, dir, true).map(|objs| stream(&objs))
}

fn build_with(ctx: &mut Ctx, dir: &str, root_only: bool) -> Result<Vec<serde_json::Value>, String> {
    let mut warnings = Vec::new();
    let console: &Console = ctx.console;
    let built = if root_only {
        build::build(console, dir, &mut warnings)
    } else {
        build::build(&Unrestricted(console), dir, &mut warnings)
    };
    for w in warnings {
        ctx.err(&format!("{w}\n"));
    }
    built
}

pub const KUSTOMIZE_FLAGS: &[Flag] = &[
    super::flags::v("output", Some('o')),
    super::flags::b("enable-helm", None),
    super::flags::b("enable-alpha-plugins", None),
    super::flags::v("load-restrictor", None),
];

/// `kubectl kustomize [DIR]`.
pub(crate) fn kustomize(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.args.len() > 1 {
        return ctx.fail("specify one path to kustomization.yaml");
    }
    let dir = p.args.first().map_or(".", String::as_str).to_string();
    if dir.contains("://") || dir.starts_with("github.com/") {
        return ctx.fail("Ordinal has no network, so remote kustomizations cannot be fetched; build a local directory");
    }
    let root_only = match p.value("load-restrictor") {
        None | Some("LoadRestrictionsRootOnly") => true,
        Some("LoadRestrictionsNone") => false,
        Some(other) => {
            return ctx.fail(&format!(
                "illegal flag value --load-restrictor {other}; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]"
            ))
        }
    };
    let objs = match build_with(ctx, &dir, root_only) {
        Ok(objs) => objs,
        Err(e) => return ctx.fail(&e),
    };
    let Some(path) = p.value("output") else {
        ctx.out(&stream(&objs));
        return 0;
    };
    // `-o DIR`: one file per object (kustomize's WriteIndividualFiles).
    let files = if ctx.console.is_local_dir(path) {
        individual_files(objs)
            .into_iter()
            .map(|(name, yaml)| (crate::console::Console::join_local(path, &name), yaml))
            .collect()
    } else {
        vec![(path.to_string(), stream(&objs))]
    };
    for (file, yaml) in files {
        let folder = file.rsplit_once('/').map_or(".", |(d, _)| d);
        let written = match folder.is_empty() || ctx.console.is_local_dir(folder) {
            true => ctx.console.write_file(&file, &yaml, false),
            false => Err("no such file or directory".into()),
        };
        if let Err(e) = written {
            return ctx.fail(&format!("open {file}: {e}"));
        }
    }
    0
}

/// The build as kustomize writes it into a folder: each object in
/// `[namespace_]group_version_kind_name.yaml` (lower case, empty parts
/// left out; the namespace only when the namespaced objects are in more
/// than one).
fn individual_files(objs: Vec<serde_json::Value>) -> Vec<(String, String)> {
    let objs: Vec<build::Res> = objs.into_iter().map(build::Res::new).collect();
    let namespaces: std::collections::BTreeSet<&str> = objs
        .iter()
        .filter(|r| !transform::cluster_scoped(r))
        .map(build::Res::namespace)
        .collect();
    objs.iter()
        .map(|r| {
            let gvk: Vec<&str> = [r.group(), r.version(), r.kind()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            let mut name = format!("{}_{}.yaml", gvk.join("_"), r.name()).to_lowercase();
            if namespaces.len() > 1 && !transform::cluster_scoped(r) {
                name = format!("{}_{name}", r.namespace().to_lowercase());
            }
            (name, crate::manifest::print::to_yaml(&r.obj))
        })
        .collect()
}
