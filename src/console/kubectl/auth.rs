//! `kubectl auth can-i` and `kubectl auth whoami` (pkg/cmd/auth): the
//! questions people ask while learning RBAC. Ordinal's kubeconfig is kind's
//! admin (`kubernetes-admin`, group `kubeadm:cluster-admins`, bound to
//! `cluster-admin`), so every access check answers `yes`; the client-side
//! validation and warnings are kubectl's own, word for word. RBAC objects
//! are not evaluated: an impersonated service account gets only what every
//! authenticated user gets in a fresh cluster.

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::console::printers::tabwriter::TabWriter;
use crate::engine::objects::kind::RESOURCES;

pub const AUTH_FLAGS: &[Flag] = &[
    b("all-namespaces", Some('A')),
    b("quiet", Some('q')),
    v("subresource", None),
    b("list", None),
    b("no-headers", None),
    v("output", Some('o')),
];

const ADMIN_USER: &str = "kubernetes-admin";
const ADMIN_GROUPS: &[&str] = &["kubeadm:cluster-admins", "system:authenticated"];

/// `resourceVerbs` and `nonResourceURLVerbs` in cani.go.
const RESOURCE_VERBS: &[&str] = &[
    "get",
    "list",
    "watch",
    "create",
    "update",
    "patch",
    "delete",
    "deletecollection",
    "use",
    "bind",
    "impersonate",
    "*",
    "approve",
    "sign",
    "escalate",
    "attest",
];
const NON_RESOURCE_VERBS: &[&str] = &[
    "get", "put", "post", "head", "options", "delete", "patch", "*",
];

/// The URLs `system:discovery` and `system:public-info-viewer` let every
/// authenticated user `get`.
const DISCOVERY_URLS: &[&str] = &[
    "/api",
    "/api/*",
    "/apis",
    "/apis/*",
    "/healthz",
    "/livez",
    "/openapi",
    "/openapi/*",
    "/readyz",
    "/version",
    "/version/",
];

pub fn auth(ctx: &mut Ctx, p: &Parsed) -> i32 {
    match p.args.first().map(String::as_str) {
        // DefaultSubCommandRun: the help on stderr, and exit 1.
        None => super::help::without_subcommand(ctx, "auth"),
        Some("can-i") => can_i(ctx, p, &p.args[1..]),
        Some("whoami") => whoami(ctx, p),
        Some("reconcile") => ctx.fail("\"kubectl auth reconcile\" is not part of Ordinal's simulated cluster; see 'help' for the commands it answers"),
        Some(other) => {
            ctx.err(&format!(
                "error: unknown command {other:?}\nSee 'kubectl auth -h' for help and examples\n"
            ));
            1
        }
    }
}

/// Who the request is made as: kind's admin unless `--as` names someone
/// else (a `--as-group` that holds cluster-admin counts as the admin).
fn is_admin(p: &Parsed) -> bool {
    let groups = p.values("as-group");
    let admin_group = groups
        .iter()
        .any(|g| g == "system:masters" || g == "kubeadm:cluster-admins");
    match p.value("as") {
        None => groups.is_empty() || admin_group,
        Some(user) => user == ADMIN_USER || admin_group,
    }
}

/// `printers.WarningPrinter`: the message (which ends in a newline) and a
/// newline, so a blank line follows.
fn warn(ctx: &mut Ctx, msg: &str) {
    ctx.err(&format!("Warning: {msg}\n"));
}

fn can_i(ctx: &mut Ctx, p: &Parsed, args: &[String]) -> i32 {
    // Complete.
    if p.flag("list") {
        if !args.is_empty() {
            return ctx.fail("list option must be specified with no arguments");
        }
    } else if args.len() != 2 {
        return ctx.fail("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    }
    if p.flag("list") {
        if p.flag("quiet") || p.flag("all-namespaces") || p.has("subresource") {
            return ctx.fail(
                "list option can't be specified with neither quiet, all-namespaces nor subresource options",
            );
        }
        return ctx.fail("\"kubectl auth can-i --list\" is not part of Ordinal's simulated cluster; ask about one action: kubectl auth can-i VERB RESOURCE");
    }
    let verb = args[0].as_str();
    let target = args[1].as_str();
    let non_resource = target.starts_with('/');
    // resourceFor: the RESTMapper's answer, or the word as typed.
    let (resource, name) = match target.split_once('/') {
        Some((r, n)) if !non_resource => (r, Some(n)),
        _ => (target, None),
    };
    let found = if non_resource || resource == "*" {
        None
    } else {
        let r = lookup(resource);
        if r.is_none() && !matches!(resource.to_lowercase().as_str(), "users" | "groups") {
            let lower = resource.to_lowercase();
            let (res, group) = split_group(&lower);
            if group.is_empty() {
                warn(
                    ctx,
                    &format!("the server doesn't have a resource type '{res}'\n"),
                );
            } else {
                warn(
                    ctx,
                    &format!(
                        "the server doesn't have a resource type '{res}' in group '{group}'\n"
                    ),
                );
            }
        }
        r
    };
    // Validate.
    if non_resource {
        if p.has("subresource") {
            return ctx.fail("--subresource can not be used with NonResourceURL");
        }
        if !NON_RESOURCE_VERBS.contains(&verb) {
            warn(ctx, &format!("verb '{verb}' is not a known verb\n"));
        }
    } else if !p.flag("all-namespaces") {
        if let Some(r) = found.filter(|r| !r.namespaced) {
            if r.group.is_empty() {
                warn(
                    ctx,
                    &format!("resource '{}' is not namespace scoped\n", r.plural),
                );
            } else {
                warn(
                    ctx,
                    &format!(
                        "resource '{}' is not namespace scoped in group '{}'\n",
                        r.plural, r.group
                    ),
                );
            }
        }
        if !RESOURCE_VERBS.contains(&verb) {
            warn(ctx, &format!("verb '{verb}' is not a known verb\n"));
        }
    }
    if p.flag("no-headers") {
        return ctx.fail("--no-headers cannot be set without --list specified");
    }
    let _ = name;
    // The SelfSubjectAccessReview.
    let allowed = if is_admin(p) {
        true
    } else if non_resource {
        verb == "get" && DISCOVERY_URLS.iter().any(|u| url_matches(u, target))
    } else {
        false
    };
    if !p.flag("quiet") {
        ctx.out(if allowed { "yes\n" } else { "no\n" });
    }
    i32::from(!allowed)
}

/// An RBAC non-resource URL rule: exact, or a prefix ending in `*`.
fn url_matches(rule: &str, url: &str) -> bool {
    match rule.strip_suffix('*') {
        Some(prefix) => url.starts_with(prefix),
        None => rule == url,
    }
}

/// `schema.ParseResourceArg` without the version: `statefulsets.apps`.
fn split_group(arg: &str) -> (&str, &str) {
    arg.split_once('.').unwrap_or((arg, ""))
}

/// The shortcut-expanding RESTMapper: plural, singular or short name, with
/// an optional group (`sts`, `statefulset`, `statefulsets.apps`).
fn lookup(arg: &str) -> Option<&'static crate::engine::objects::ResourceInfo> {
    let lower = arg.to_lowercase();
    let (res, group) = split_group(&lower);
    // `statefulsets.v1.apps`: a version before the group.
    let group = match group.split_once('.') {
        Some((ver, g))
            if ver.starts_with('v') && ver[1..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            g
        }
        _ => group,
    };
    RESOURCES.iter().find(|r| {
        (r.plural == res || r.singular == res || r.short_names.contains(&res))
            && (group.is_empty() || r.group == group)
    })
}

fn whoami(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.has("as") || p.has("as-group") {
        return ctx.fail(
            "\"kubectl auth whoami\" with impersonation is not part of Ordinal's simulated cluster",
        );
    }
    if let Some(o) = p.value("output").filter(|o| !o.is_empty()) {
        return ctx.fail(&format!("\"kubectl auth whoami -o {o}\" is not part of Ordinal's simulated cluster; try kubectl auth whoami"));
    }
    let text = format!(
        "ATTRIBUTE\tVALUE\nUsername\t{ADMIN_USER}\nGroups\t[{}]\n",
        ADMIN_GROUPS.join(" ")
    );
    ctx.out(&TabWriter::kubectl_table().format(&text));
    0
}
