//! `kubectl explain TYPE[.FIELD…] [--recursive] [--api-version=G/V]
//! [-o plaintext]`: the documentation of the objects a StatefulSet lesson
//! touches (StatefulSet, Service, PersistentVolumeClaim, their metadata and
//! the Pod template's field list), worded and laid out as kubectl 1.35
//! prints the API server's OpenAPI v3 schemas. Resolving `TYPE.a.b` follows
//! kubectl's `SplitAndParseResourceRequestWithMatchingPrefix`
//! (`pkg/explain/explain.go`); the errors are `pkg/cmd/explain/explain.go`'s.

mod render;
mod schema;

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::engine::objects::{Kind, RESOURCES};
use render::{Outcome, Request};

/// `kubectl explain --help`, as kubectl 1.33 prints it (1.35's
/// `pkg/cmd/explain/explain.go` has the same text and flags).
pub const HELP: &str = include_str!("help.txt");

pub const EXPLAIN_FLAGS: &[Flag] = &[
    b("recursive", None),
    v("api-version", None),
    v("output", Some('o')),
];

/// The kinds Ordinal's table documents.
const COVERED: &[Kind] = &[
    Kind::StatefulSet,
    Kind::Service,
    Kind::PersistentVolumeClaim,
];

/// What Ordinal's explain answers, for its own errors.
const SCOPE: &str = "Ordinal's explain covers statefulsets, services and persistentvolumeclaims (with their metadata, and the Pod template's spec as a list of fields)";

pub fn explain(ctx: &mut Ctx, p: &Parsed) -> i32 {
    match p.args.len() {
        0 => {
            ctx.err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
            return 1;
        }
        1 => {}
        _ => {
            ctx.err("error: We accept only this format: explain RESOURCE\n");
            return 1;
        }
    }
    let arg = p.args[0].trim_end_matches('.');
    let api_version = p.value("api-version").filter(|s| !s.is_empty());
    let nodes: Vec<&str> = arg.split('.').collect();
    if nodes.iter().any(|n| !is_field_node(n)) {
        ctx.err("error: invalid jsonpath syntax, first node must be field node\n");
        return 1;
    }
    let Some(kind) = Kind::from_resource_arg(nodes[0]) else {
        ctx.err(&format!(
            "error: the server doesn't have a resource type \"{}\"\n",
            nodes[0]
        ));
        return 1;
    };
    let info = kind.info();
    // `statefulsets.apps.spec` names the group; `sts.spec` and
    // `statefulset.apps.spec` don't (the latter asks for a field "apps").
    let group_resource = if info.group.is_empty() {
        info.plural.to_string()
    } else {
        format!("{}.{}", info.plural, info.group)
    };
    let skip = if api_version.is_none()
        && (arg == group_resource || arg.starts_with(&format!("{group_resource}.")))
    {
        group_resource.split('.').count()
    } else {
        1
    };
    let path: Vec<String> = nodes[skip.min(nodes.len())..]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let output = p.value("output").unwrap_or("plaintext");
    if output == "plaintext-openapiv2" {
        ctx.err("error: Ordinal's explain prints the OpenAPI v3 layout only (-o plaintext)\n");
        return 1;
    }
    let gvr = |group: &str, version: &str| format!("{group}/{version}, Resource={}", info.plural);
    if let Some(av) = api_version {
        let (group, version) = match av.matches('/').count() {
            0 => ("", av),
            1 => av.split_once('/').unwrap_or(("", av)),
            _ => {
                ctx.err(&format!("error: unexpected GroupVersion string: {av}\n"));
                return 1;
            }
        };
        let served = RESOURCES
            .iter()
            .any(|r| r.group == group && r.version == version);
        if !served {
            ctx.err(&format!(
                "error: couldn't find resource for \"{}\"\n",
                gvr(group, version)
            ));
            return 1;
        }
        if group != info.group || version != info.version {
            ctx.err(&format!(
                "error: GVR ({}) not found in OpenAPI schema\n",
                gvr(group, version)
            ));
            return 1;
        }
    }
    if output != "plaintext" {
        ctx.err(&format!("error: unrecognized format: {output}\n"));
        return 1;
    }
    if !COVERED.contains(&kind) {
        ctx.err(&format!(
            "error: {SCOPE}; it has no documentation of \"{}\"\n",
            info.plural
        ));
        return 1;
    }
    let recursive = p.flag("recursive");
    let table = schema::table();
    let req = Request {
        group: info.group,
        kind: info.kind_name,
        version: info.version,
        path: &path,
        recursive,
    };
    match render::render(table, &req) {
        Outcome::Text(text) => {
            ctx.out(&text);
            if recursive {
                // kubectl would go on into these; say what is left out.
                let root = path.iter().try_fold(info.kind_name.to_string(), |at, f| {
                    let s = table.get(&at)?;
                    let field = s.fields.iter().find(|x| &x.name == f)?;
                    Some(field.reference.clone())
                });
                let mut missing = Vec::new();
                if let Some(root) = root {
                    render::uncovered_under(table, &root, &mut missing);
                }
                if !missing.is_empty() {
                    ctx.err(&format!(
                        "note: {SCOPE}; the fields of {} are not listed\n",
                        missing.join(", ")
                    ));
                }
            }
            0
        }
        Outcome::Failed { printed, error } => {
            ctx.out(&printed);
            ctx.err(&format!("{error}\n"));
            1
        }
        Outcome::Uncovered { field, schema } => {
            ctx.err(&format!(
                "error: {SCOPE}; \"{field}\" is a {schema}, which it does not document\n"
            ));
            1
        }
    }
}

/// A jsonpath field node: what `kubectl explain` accepts between dots.
fn is_field_node(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
