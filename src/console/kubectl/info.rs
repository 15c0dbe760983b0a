//! `kubectl version`, `api-resources`, `api-versions`, `cluster-info`
//! (`config` is `config.rs`).

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::console::printers::tabwriter::TabWriter;
use crate::engine::bootstrap::KUBERNETES_VERSION;
use crate::engine::objects::RESOURCES;

pub const VERSION_FLAGS: &[Flag] = &[b("client", None), v("output", Some('o'))];
pub const API_RESOURCES_FLAGS: &[Flag] = &[
    b("namespaced", None),
    v("api-group", None),
    v("output", Some('o')),
    b("no-headers", None),
    v("verbs", None),
    v("sort-by", None),
    b("cached", None),
    v("categories", None),
];

/// `kubectl version` (version.go). The client and the server are both
/// 1.35; `-o json|yaml` show the fields Ordinal can state (no build
/// commit or date: there was no build).
pub fn version(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if !p.args.is_empty() {
        return ctx.fail(&format!("extra arguments: [{}]", p.args.join(" ")));
    }
    let output = p.value("output").unwrap_or("");
    if !matches!(output, "" | "json" | "yaml") {
        return ctx.fail("--output must be 'yaml' or 'json'");
    }
    let as_value = |server: bool| {
        serde_json::Value::Object(
            version_info(server)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect(),
        )
    };
    let with_server = !p.flag("client");
    match output {
        "json" => {
            // json.MarshalIndent keeps the struct's field order.
            let field = |server: bool, indent: &str| -> String {
                let lines: Vec<String> = version_info(server)
                    .iter()
                    .map(|(k, v)| {
                        format!("{indent}  \"{k}\": {}", serde_json::Value::from(v.as_str()))
                    })
                    .collect();
                format!("{{\n{}\n{indent}}}", lines.join(",\n"))
            };
            let mut text = format!(
                "{{\n  \"clientVersion\": {},\n  \"kustomizeVersion\": \"v5.7.1\"",
                field(false, "  ")
            );
            if with_server {
                text.push_str(&format!(",\n  \"serverVersion\": {}", field(true, "  ")));
            }
            text.push_str("\n}\n");
            ctx.out(&text);
        }
        "yaml" => {
            let mut v =
                serde_json::json!({"clientVersion": as_value(false), "kustomizeVersion": "v5.7.1"});
            if with_server {
                v["serverVersion"] = as_value(true);
            }
            // fmt.Fprintln after the YAML: one more newline.
            ctx.out(&format!("{}\n", crate::manifest::print::to_yaml(&v)));
        }
        _ => {
            ctx.out(&format!(
                "Client Version: {KUBERNETES_VERSION}\nKustomize Version: v5.7.1\n"
            ));
            if with_server {
                ctx.out(&format!("Server Version: {KUBERNETES_VERSION}\n"));
            }
        }
    }
    0
}

/// `version.Info` (apimachinery/pkg/version/types.go) as the client
/// (`server` false) or the API server's `/version` fills it, in the
/// struct's field order. The emulation and compatibility fields are the
/// server's (kubectl leaves them empty, omitted); `gitCommit`, `buildDate`
/// and `goVersion` are left out: Ordinal was not built from a release.
pub fn version_info(server: bool) -> Vec<(&'static str, String)> {
    let minor = KUBERNETES_VERSION
        .trim_start_matches('v')
        .split('.')
        .nth(1)
        .unwrap_or("35")
        .to_string();
    let previous = minor
        .parse::<u32>()
        .map(|m| m.saturating_sub(1).to_string())
        .unwrap_or_default();
    let mut fields = vec![("major", "1".to_string()), ("minor", minor.clone())];
    if server {
        fields.push(("emulationMajor", "1".to_string()));
        fields.push(("emulationMinor", minor));
        fields.push(("minCompatibilityMajor", "1".to_string()));
        fields.push(("minCompatibilityMinor", previous));
    }
    fields.push(("gitVersion", KUBERNETES_VERSION.to_string()));
    fields.push(("gitTreeState", "clean".to_string()));
    fields.push(("compiler", "gc".to_string()));
    fields.push(("platform", "linux/amd64".to_string()));
    fields
}

pub fn api_resources(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if !p.args.is_empty() {
        return ctx.usage(&format!("unexpected arguments: [{}]", p.args.join(" ")));
    }
    // Complete makes the printer (1.34 added JSON and YAML: the
    // APIResourceList), then Validate checks the sort key.
    let output = p.value("output").unwrap_or("");
    if !matches!(output, "" | "wide" | "name" | "json" | "yaml") {
        return ctx.fail(&format!(
            "unable to match a printer suitable for the output format {output:?}, allowed formats are: json,name,wide,yaml"
        ));
    }
    let sort_by = p.value("sort-by").unwrap_or("");
    if !matches!(sort_by, "" | "name" | "kind") {
        return ctx.fail("--sort-by accepts only name or kind");
    }
    // --verbs and --categories are string slices: comma lists, repeatable;
    // a resource must have all of them (RunAPIResources).
    let slice = |name: &str| -> Vec<String> {
        p.values(name)
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::to_string)
            .collect()
    };
    let (verbs, categories) = (slice("verbs"), slice("categories"));
    let mut rows: Vec<&crate::engine::objects::ResourceInfo> = RESOURCES.iter().collect();
    if p.has("namespaced") {
        let want = p.flag("namespaced");
        rows.retain(|r| r.namespaced == want);
    }
    if let Some(g) = p.value("api-group") {
        rows.retain(|r| r.group == g);
    }
    rows.retain(|r| {
        verbs
            .iter()
            .all(|v| r.verbs.split(',').any(|have| have == v))
    });
    rows.retain(|r| categories.iter().all(|c| c == "all" && r.in_all));
    // sortableResource: by group (default), name or kind, then by name.
    crate::sort::sort_by(&mut rows, |a, b| {
        let key = |r: &crate::engine::objects::ResourceInfo| match sort_by {
            "name" => r.plural,
            "kind" => r.kind_name,
            _ => r.group,
        };
        key(a).cmp(key(b)).then(a.plural.cmp(b.plural))
    });
    if matches!(output, "json" | "yaml") {
        return resource_list(ctx, &rows, output == "json");
    }
    if p.value("output") == Some("name") {
        for r in rows {
            if r.group.is_empty() {
                ctx.out(&format!("{}\n", r.plural));
            } else {
                ctx.out(&format!("{}.{}\n", r.plural, r.group));
            }
        }
        return 0;
    }
    let wide = p.value("output") == Some("wide");
    let mut text = String::new();
    if !p.flag("no-headers") {
        text.push_str(if wide {
            "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n"
        } else {
            "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n"
        });
    }
    for r in rows {
        let av = if r.group.is_empty() {
            r.version.to_string()
        } else {
            format!("{}/{}", r.group, r.version)
        };
        let mut row = vec![
            r.plural.to_string(),
            r.short_names.join(","),
            av,
            r.namespaced.to_string(),
            r.kind_name.to_string(),
        ];
        if wide {
            // strings.Join(Verbs, ","), as the printer has written them
            // since categories joined the wide output.
            row.push(r.verbs.to_string());
            row.push(if r.in_all {
                "all".into()
            } else {
                String::new()
            });
        }
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    ctx.out(&TabWriter::kubectl_table().format(&text));
    0
}

/// `api-resources -o json|yaml`: the flattened `APIResourceList`, each
/// `APIResource` in its Go field order for JSON (the YAML printer sorts
/// keys). `storageVersionHash`, a digest of the server's storage version,
/// is left out: Ordinal keeps no storage encoding to digest.
fn resource_list(ctx: &mut Ctx, rows: &[&crate::engine::objects::ResourceInfo], json: bool) -> i32 {
    use crate::console::printers::go_json::Tree;
    let leaf = |v: serde_json::Value| Tree::Leaf(v);
    let strs = |items: Vec<&str>| Tree::Seq(items.into_iter().map(|s| leaf(s.into())).collect());
    let resources: Vec<Tree> = rows
        .iter()
        .map(|r| {
            let mut fields = vec![
                ("name".to_string(), leaf(r.plural.into())),
                ("singularName".to_string(), leaf(r.singular.into())),
                ("namespaced".to_string(), leaf(r.namespaced.into())),
            ];
            if !r.group.is_empty() {
                fields.push(("group".to_string(), leaf(r.group.into())));
            }
            fields.push(("version".to_string(), leaf(r.version.into())));
            fields.push(("kind".to_string(), leaf(r.kind_name.into())));
            fields.push(("verbs".to_string(), strs(r.verbs.split(',').collect())));
            if !r.short_names.is_empty() {
                fields.push(("shortNames".to_string(), strs(r.short_names.to_vec())));
            }
            if r.in_all {
                fields.push(("categories".to_string(), strs(vec!["all"])));
            }
            Tree::Map(fields)
        })
        .collect();
    let list = Tree::Map(vec![
        ("kind".to_string(), leaf("APIResourceList".into())),
        ("apiVersion".to_string(), leaf("v1".into())),
        ("groupVersion".to_string(), leaf("".into())),
        ("resources".to_string(), Tree::Seq(resources)),
    ]);
    let mut s = String::new();
    if json {
        list.write_indented(&mut s, 0);
        s.push('\n');
    } else {
        let mut compact = String::new();
        list.write(&mut compact);
        let value: serde_json::Value = serde_json::from_str(&compact).unwrap_or_default();
        s = crate::manifest::print::to_yaml(&value);
    }
    ctx.out(&s);
    0
}

pub fn api_versions(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if !p.args.is_empty() {
        return ctx.usage(&format!("unexpected arguments: [{}]", p.args.join(" ")));
    }
    let mut v: Vec<String> = RESOURCES
        .iter()
        .map(|r| {
            if r.group.is_empty() {
                r.version.to_string()
            } else {
                format!("{}/{}", r.group, r.version)
            }
        })
        .collect();
    crate::sort::sort(&mut v);
    v.dedup();
    for x in v {
        ctx.out(&format!("{x}\n"));
    }
    0
}

pub fn cluster_info(ctx: &mut Ctx, _p: &Parsed) -> i32 {
    ctx.out("Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    0
}

pub const TOP_FLAGS: &[Flag] = &[
    b("all-namespaces", Some('A')),
    b("containers", None),
    v("selector", Some('l')),
    v("field-selector", None),
    v("sort-by", None),
    b("no-headers", None),
    b("sum", None),
    b("show-capacity", None),
    b("show-swap", None),
    b("use-protocol-buffers", None),
];

/// `kubectl top`: kind runs no metrics-server, so the metrics API is not
/// there and kubectl says so; without a subcommand it prints its help.
pub fn top(ctx: &mut Ctx, p: &Parsed) -> i32 {
    match p.args.first().map(String::as_str) {
        None => super::help::without_subcommand(ctx, "top"),
        Some(sub @ ("node" | "nodes" | "no" | "pod" | "pods" | "po")) => {
            // Validate, then the metrics API a kind cluster lacks.
            if p.value("sort-by")
                .is_some_and(|s| !s.is_empty() && s != "cpu" && s != "memory")
            {
                return ctx.fail("--sort-by accepts only cpu or memory");
            }
            let named = p.args.len() > 1;
            let set = |f: &str| p.value(f).is_some_and(|s| !s.is_empty());
            if sub.starts_with('n') && named && set("selector") {
                return ctx.fail("only one of NAME or --selector can be provided");
            }
            if sub.starts_with('p') && named && (set("selector") || set("field-selector")) {
                return ctx.fail("only one of NAME or selector can be provided");
            }
            ctx.fail("Metrics API not available")
        }
        // RequireNoArguments: every argument, joined.
        Some(_) => ctx.usage(&format!("unknown command {:?}", p.args.join(" "))),
    }
}
