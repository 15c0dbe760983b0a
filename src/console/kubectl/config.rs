//! `kubectl config`: the kubeconfig kind writes for the cluster, with its
//! one cluster, user and context (`kind-ordinal`), read and changed as
//! kubectl 1.35 does (`staging/src/k8s.io/kubectl/pkg/cmd/config`).
//!
//! What a context can change here is its namespace (`set-context --current
//! --namespace=NS`, or the context named): the namespace the console's
//! kubectl uses when none is given. Other contexts, clusters and users
//! cannot be added (there is one cluster to reach), and the commands that
//! would add, rename or delete them say so instead.
//!
//! The credentials `--raw` and `--flatten` show are placeholders that say
//! what they are once decoded: Ordinal has no certificate authority.

use super::flags::{b, opt, v, Flag, Parsed};
use super::Ctx;
use crate::console::printers::go_json::Tree;
use crate::console::printers::tabwriter::TabWriter;
use crate::engine::apiserver::defaults::base64_encode;
use crate::engine::bootstrap::CLUSTER_NAME;

pub const CONFIG_FLAGS: &[Flag] = &[
    b("current", None),
    b("minify", None),
    b("raw", None),
    b("flatten", None),
    opt("merge", "true"),
    b("no-headers", None),
    v("output", Some('o')),
];

/// The one context, cluster and user: kind names them `kind-<cluster>`.
pub fn context_name() -> String {
    format!("kind-{CLUSTER_NAME}")
}

/// The global flags that pick a context, cluster or user (clientcmd's
/// overrides): naming one the kubeconfig does not have fails before any
/// request. None when they name what exists, or when the command builds no
/// client (`config`, `kustomize`, `version --client` …).
///
/// Commands that first ask the loader for their namespace (`get`,
/// `delete`, `logs` …) meet its validation error; those that first build
/// the REST client (`apply`, `create`, `run`, `wait` …) meet the client
/// config's (kubectl 1.33, checked against the kubectl client).
pub fn check_overrides(verb: &str, p: &Parsed) -> Option<String> {
    if matches!(
        verb,
        "config" | "kustomize" | "completion" | "plugin" | "alpha"
    ) || verb == "version" && p.flag("client")
    {
        return None;
    }
    let namespace_first = matches!(
        verb,
        "get"
            | "describe"
            | "delete"
            | "scale"
            | "logs"
            | "rollout"
            | "label"
            | "annotate"
            | "top"
            | "edit"
            | "patch"
            | "set"
            | "port-forward"
            | "cp"
            | "events"
            | "taint"
            | "attach"
            | "debug"
            | "exec"
    );
    let name = context_name();
    let other = |flag: &str| p.value(flag).filter(|v| !v.is_empty() && *v != name);
    if let Some(c) = other("context") {
        return Some(if namespace_first {
            format!("Error in configuration: context was not found for specified context: {c}\n")
        } else {
            format!("error: context {c:?} does not exist\n")
        });
    }
    if let Some(c) = other("cluster") {
        return Some(if namespace_first {
            format!("error: no server found for cluster {c:?}\n")
        } else {
            format!("error: cluster {c:?} does not exist\n")
        });
    }
    // `set subject --user` names a subject, not a kubeconfig user.
    if verb == "set" && p.args.first().map(String::as_str) == Some("subject") {
        return None;
    }
    other("user").map(|u| format!("error: auth info {u:?} does not exist\n"))
}

pub fn config(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let name = context_name();
    let names = p.args.get(1..).unwrap_or_default();
    match p.args.first().map(String::as_str) {
        // current_context.go: extra arguments are not looked at.
        Some("current-context") => {
            ctx.out(&format!("{name}\n"));
            0
        }
        Some("get-contexts") => get_contexts(ctx, p, names),
        // get_clusters.go, get_users.go: a NAME column, arguments ignored.
        Some("get-clusters") | Some("get-users") => {
            if p.has("no-headers") {
                let sub = &p.args[0];
                ctx.err(&format!(
                    "error: unknown flag: --no-headers\nSee 'kubectl config {sub} --help' for usage.\n"
                ));
                return 1;
            }
            ctx.out(&format!("NAME\n{name}\n"));
            0
        }
        Some("set-context") => set_context(ctx, p, names),
        // use_context.go: exactly one name, and it must exist.
        Some("use-context" | "use") => match names {
            [n] if *n == name => {
                ctx.out(&format!("Switched to context \"{name}\".\n"));
                0
            }
            [n] => ctx.fail(&format!("no context exists with the name: {n:?}")),
            other => {
                // helpErrorf: the command's help, then the error.
                ctx.out(super::help::text("config use-context").unwrap_or_default());
                ctx.fail(&format!("Unexpected args: [{}]", other.join(" ")))
            }
        },
        Some("view") => view(ctx, p),
        None => super::help::without_subcommand(ctx, "config"),
        _ => ctx.fail(&format!(
            "Ordinal's kubeconfig has one cluster, user and context ({name}): try `kubectl config get-contexts` or `kubectl config set-context --current --namespace=NS`"
        )),
    }
}

/// get_contexts.go: the contexts asked for (all without names), sorted,
/// each missing one an error after the table.
fn get_contexts(ctx: &mut Ctx, p: &Parsed, names: &[String]) -> i32 {
    let name = context_name();
    let name_only = match p.value("output").unwrap_or("") {
        "" => false,
        "name" => true,
        other => {
            return ctx.fail(&format!(
                "--output {other} is not available in kubectl config get-contexts; resetting to default output format"
            ))
        }
    };
    let missing: Vec<&String> = names.iter().filter(|n| **n != name).collect();
    let listed = names.is_empty() || names.len() > missing.len();
    let namespace = ctx.console.context_namespace().unwrap_or_default();
    if name_only {
        if listed {
            ctx.out(&format!("{name}\n"));
        }
    } else {
        let mut text = String::new();
        if !p.has("no-headers") {
            text.push_str("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
        }
        if listed {
            text.push_str(&format!("*\t{name}\t{name}\t{name}\t{namespace}\n"));
        }
        ctx.out(&TabWriter::kubectl_table().format(&text));
    }
    match missing.as_slice() {
        [] => 0,
        // One error is `error: …`; an aggregate of several, a line each.
        [one] => ctx.fail(&format!("context {one} not found")),
        many => {
            for m in many {
                ctx.err(&format!("context {m} not found\n"));
            }
            1
        }
    }
}

/// create_context.go (`set-context`): the context named, or the current
/// one with `--current`; `--namespace` sets its namespace (empty unsets it).
fn set_context(ctx: &mut Ctx, p: &Parsed, names: &[String]) -> i32 {
    let name = context_name();
    let current = p.flag("current");
    let target = match (names.first(), current) {
        (Some(_), true) => return ctx.fail("you cannot specify both a context name and --current"),
        (None, false) => return ctx.fail("you must specify a non-empty context name or --current"),
        (None, true) => &name,
        (Some(n), false) => n,
    };
    if *target != name {
        return ctx.fail(&format!(
            "Ordinal's kubeconfig has one context ({name}), and contexts cannot be added: change its namespace with `kubectl config set-context --current --namespace=NS`"
        ));
    }
    for (flag, value) in [("cluster", p.value("cluster")), ("user", p.value("user"))] {
        if let Some(v) = value.filter(|v| *v != name) {
            return ctx.fail(&format!(
                "Ordinal's kubeconfig has one {flag} ({name}): the context cannot use {v:?}"
            ));
        }
    }
    if let Some(ns) = p.value("namespace") {
        ctx.console.set_context_namespace(ns);
    }
    ctx.out(&format!("Context {name:?} modified.\n"));
    0
}

/// view.go: the merged kubeconfig. Credentials are shortened to
/// `DATA+OMITTED` unless `--raw` or `--flatten` (which inlines files: the
/// data is inline already); `--minify` keeps the current context's
/// entries, all there are.
fn view(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.value("merge") == Some("false") {
        return ctx.fail("if merge==false a precise file must be specified");
    }
    if p.flag("minify") {
        if let Some(c) = p.value("context").filter(|c| **c != context_name()) {
            return ctx.fail(&format!("cannot locate context {c}"));
        }
    }
    let raw = p.flag("raw") || p.flag("flatten");
    let tree = kubeconfig(ctx.console.context_namespace(), raw);
    let output = p.value("output").unwrap_or("yaml");
    if output == "json" {
        // The typed Config goes to the JSON printer: its fields in the
        // Go struct's order (the YAML printer sorts them).
        let mut s = String::new();
        tree.write_indented(&mut s, 0);
        s.push('\n');
        ctx.flush_warnings();
        ctx.out(&s);
        return 0;
    }
    if output == "name" {
        // A Config has no metadata: the name printer's `<unknown>`.
        ctx.out("config/<unknown>\n");
        return 0;
    }
    // `config view`'s PrintFlags have no table printers: a format they
    // lack is refused with their own list, as a changing command's are.
    if let Err(e) = super::output::check_change_format(Some(output)) {
        return ctx.fail(&e);
    }
    let format = match super::output::parse(Some(output), None) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    ctx.flush_warnings();
    let value = tree_value(&tree);
    match super::output::print_value(ctx.io, &format, &value, false) {
        Some(code) => code,
        // Only a table format has no printer here, and those were refused.
        None => ctx.fail(&format!("no printer for the output format {output:?}")),
    }
}

/// The kubeconfig kind writes, as clientcmd's v1 `Config` orders its
/// fields, with the context's namespace if one is set.
fn kubeconfig(namespace: Option<&str>, raw: bool) -> Tree {
    let name = context_name();
    let leaf = |s: &str| Tree::Leaf(s.into());
    let map = |entries: Vec<(&str, Tree)>| {
        Tree::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    };
    let data = |what: &str| {
        if raw {
            leaf(&placeholder_pem(what))
        } else {
            leaf("DATA+OMITTED")
        }
    };
    let mut context = vec![("cluster", leaf(&name)), ("user", leaf(&name))];
    if let Some(ns) = namespace {
        context.push(("namespace", leaf(ns)));
    }
    map(vec![
        ("kind", leaf("Config")),
        ("apiVersion", leaf("v1")),
        ("preferences", map(vec![])),
        (
            "clusters",
            Tree::Seq(vec![map(vec![
                ("name", leaf(&name)),
                (
                    "cluster",
                    map(vec![
                        ("server", leaf("https://127.0.0.1:6443")),
                        ("certificate-authority-data", data("certificate authority")),
                    ]),
                ),
            ])]),
        ),
        (
            "users",
            Tree::Seq(vec![map(vec![
                ("name", leaf(&name)),
                (
                    "user",
                    map(vec![
                        ("client-certificate-data", data("client certificate")),
                        ("client-key-data", data("client key")),
                    ]),
                ),
            ])]),
        ),
        (
            "contexts",
            Tree::Seq(vec![map(vec![
                ("name", leaf(&name)),
                ("context", map(context)),
            ])]),
        ),
        ("current-context", leaf(&name)),
    ])
}

/// A credential's bytes as the kubeconfig holds them (base64 of a PEM
/// block) for `--raw`: a block whose body, decoded, says it is no real one.
fn placeholder_pem(what: &str) -> String {
    let label = if what == "client key" {
        "RSA PRIVATE KEY"
    } else {
        "CERTIFICATE"
    };
    let body = base64_encode(format!("Ordinal's simulated cluster has no real {what}.").as_bytes());
    base64_encode(format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n").as_bytes())
}

/// The tree as a `Value` (keys sorted): what the YAML, JSONPath and
/// template printers read.
fn tree_value(t: &Tree) -> serde_json::Value {
    match t {
        Tree::Leaf(v) => v.clone(),
        Tree::Seq(items) => items.iter().map(tree_value).collect(),
        Tree::Map(entries) => entries
            .iter()
            .map(|(k, v)| (k.clone(), tree_value(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}
