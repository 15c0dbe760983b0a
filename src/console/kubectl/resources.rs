//! What kubectl's resource builder (cli-runtime `resource.Builder`) does
//! with `TYPE NAME…`, `TYPE/NAME…`, `TYPE1,TYPE2 NAME`, `all`, `-l`,
//! `--field-selector`, `--all`, `-A` and `-n`: which objects a command acts
//! on, in the order kubectl visits them, and the builder's errors.

use super::selector::Selector;
use crate::console::printers::ALL_KINDS;
use crate::console::Console;
use crate::engine::objects::{Kind, Object};

/// The builder's error when nothing names a resource.
pub const MISSING_RESOURCE: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// One resource type with the names asked for (empty: all of the type,
/// filtered by the selectors).
#[derive(Clone, Debug)]
pub struct Request {
    pub kind: Kind,
    pub names: Vec<String>,
}

/// How the objects were asked for.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// In visiting order; consecutive `TYPE/NAME`s of one type share a request.
    pub requests: Vec<Request>,
    /// Names were given (`TYPE NAME`, `TYPE/NAME`).
    pub by_name: bool,
    /// One object asked for by name: printed as itself, not in a List.
    pub single: bool,
}

pub fn kind_of(arg: &str) -> Result<Kind, String> {
    Kind::from_resource_arg(arg).ok_or_else(|| {
        format!(
            "the server doesn't have a resource type \"{}\"",
            arg.split('.').next().unwrap_or(arg)
        )
    })
}

/// `TYPE1,TYPE2` without repeats (`SplitResourceArgument`), `all` expanded.
fn split_types(arg: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in arg.split(',') {
        let expanded: Vec<String> = if t == "all" {
            ALL_KINDS
                .iter()
                .map(|k| k.info().plural.to_string())
                .collect()
        } else {
            vec![t.to_string()]
        };
        for e in expanded {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// What the command line selects besides names.
#[derive(Clone, Copy, Debug, Default)]
pub struct Selecting {
    /// `-l`, `--field-selector` or `--all` was given.
    pub selector: bool,
    /// `-A`.
    pub all_namespaces: bool,
    /// `kubectl get TYPE` lists everything; `kubectl delete TYPE` needs a name.
    pub allow_empty_selector: bool,
}

/// Resolves positional arguments as `ResourceTypeOrNameArgs` and
/// `visitorResult` do.
pub fn resolve_with(args: &[String], how: Selecting) -> Result<Resolved, String> {
    // `a,b name…` becomes `a/name… b/name…`.
    let mut args: Vec<String> = args.to_vec();
    if args.len() >= 2 {
        let types = split_types(&args[0]);
        if types.len() > 1 {
            let names = args[1..].to_vec();
            args = types
                .iter()
                .flat_map(|t| names.iter().map(move |n| format!("{t}/{n}")))
                .collect();
        }
    }
    let slashes = args.iter().filter(|a| a.contains('/')).count();
    if slashes > 0 && slashes != args.len() {
        return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
    }
    if slashes > 0 {
        let mut tuples: Vec<(String, String)> = Vec::new();
        for a in &args {
            let seg: Vec<&str> = a.split('/').collect();
            if seg.len() != 2 {
                return Err(
                    "arguments in resource/name form may not have more than one slash".into(),
                );
            }
            if seg[0].is_empty() || seg[1].is_empty() || seg[0].contains(',') {
                return Err(
                    "arguments in resource/name form must have a single resource and name".into(),
                );
            }
            tuples.push((seg[0].to_string(), seg[1].to_string()));
        }
        if how.selector {
            return Err(
                "selectors and the all flag cannot be used when passing resource/name arguments"
                    .into(),
            );
        }
        let mut requests: Vec<Request> = Vec::new();
        for (t, n) in &tuples {
            let kind = kind_of(t)?;
            if kind.namespaced() && how.all_namespaces {
                return Err("a resource cannot be retrieved by name across all namespaces".into());
            }
            match requests.last_mut() {
                Some(r) if r.kind == kind => r.names.push(n.clone()),
                _ => requests.push(Request {
                    kind,
                    names: vec![n.clone()],
                }),
            }
        }
        return Ok(Resolved {
            single: tuples.len() == 1,
            requests,
            by_name: true,
        });
    }
    let Some(first) = args.first() else {
        if how.selector {
            return Err("at least one resource must be specified to use a selector".into());
        }
        return Err(MISSING_RESOURCE.into());
    };
    let names: Vec<String> = args[1..].to_vec();
    if how.selector && !names.is_empty() {
        return Err("name cannot be provided when a selector is specified".into());
    }
    let mut kinds = Vec::new();
    for t in split_types(first) {
        let k = kind_of(&t)?;
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    if !names.is_empty() {
        if kinds.len() > 1 {
            return Err("you must specify only one resource".into());
        }
        if kinds[0].namespaced() && how.all_namespaces {
            return Err("a resource cannot be retrieved by name across all namespaces".into());
        }
    } else if !how.selector && !how.allow_empty_selector {
        return Err("resource(s) were provided, but no name was specified".into());
    }
    Ok(Resolved {
        single: names.len() == 1,
        by_name: !names.is_empty(),
        requests: kinds
            .into_iter()
            .map(|kind| Request {
                kind,
                names: names.clone(),
            })
            .collect(),
    })
}

/// The builder's error when `-f` comes with positional arguments.
pub fn args_with_paths(args: &[String]) -> Option<&'static str> {
    let first = args.first()?;
    Some(if first.contains('/') {
        "resource/name arguments cannot be provided when a path is specified"
    } else {
        "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well"
    })
}

/// `resolve_with` as `kubectl get` calls it (a bare type lists everything).
pub fn resolve(args: &[String]) -> Result<Resolved, String> {
    resolve_with(
        args,
        Selecting {
            allow_empty_selector: true,
            ..Default::default()
        },
    )
}

/// The scope of a listing.
#[derive(Clone, Debug)]
pub struct Scope {
    pub namespace: String,
    pub all_namespaces: bool,
    pub selector: Option<Selector>,
}

impl Scope {
    pub fn ns_for(&self, kind: Kind) -> Option<&str> {
        if !kind.namespaced() || self.all_namespaces {
            None
        } else {
            Some(&self.namespace)
        }
    }
}

/// Lists objects of a kind in the scope, filtered by the selector.
pub fn list(console: &Console, kind: Kind, scope: &Scope) -> Vec<Object> {
    let mut objs = console.engine.list(kind, scope.ns_for(kind));
    if let Some(sel) = &scope.selector {
        objs.retain(|o| sel.matches(&o.meta().labels));
    }
    objs
}

/// Looks up named objects; missing ones become NotFound errors (in order).
pub fn lookup(
    console: &Console,
    kind: Kind,
    names: &[String],
    scope: &Scope,
) -> (Vec<Object>, Vec<String>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for r in visit_named(console, kind, names, scope) {
        match r {
            Ok(o) => found.push(o),
            Err(e) => errors.push(e),
        }
    }
    (found, errors)
}

/// Named objects in order, each found or a NotFound error.
pub fn visit_named(
    console: &Console,
    kind: Kind,
    names: &[String],
    scope: &Scope,
) -> Vec<Result<Object, String>> {
    let ns = if kind.namespaced() {
        scope.namespace.as_str()
    } else {
        ""
    };
    names
        .iter()
        .map(|n| {
            console
                .engine
                .get(kind, ns, n)
                .map_err(|e| e.kubectl_text())
        })
        .collect()
}

/// Every object the requests select, in visiting order (the builder's
/// `ContinueOnError`: a missing name is an error in its place).
pub fn visit(
    console: &Console,
    resolved: &Resolved,
    scope: &Scope,
    keep: impl Fn(&Object) -> bool,
) -> Vec<Result<Object, String>> {
    let mut out = Vec::new();
    for r in &resolved.requests {
        if r.names.is_empty() {
            out.extend(
                list(console, r.kind, scope)
                    .into_iter()
                    .filter(|o| keep(o))
                    .map(Ok),
            );
        } else {
            out.extend(visit_named(console, r.kind, &r.names, scope));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn builder_forms() {
        let r = resolve(&s(&["sts,po", "web"])).unwrap();
        assert_eq!(r.requests.len(), 2);
        assert!(r.by_name && !r.single);
        let r = resolve(&s(&["pod/web-0"])).unwrap();
        assert!(r.single);
        assert_eq!(
            resolve(&s(&["pods", "pod/web-0"])).unwrap_err(),
            "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"
        );
        assert_eq!(
            resolve(&s(&["pod/"])).unwrap_err(),
            "arguments in resource/name form must have a single resource and name"
        );
        assert_eq!(resolve(&[]).unwrap_err(), MISSING_RESOURCE);
        let sel = Selecting {
            selector: true,
            ..Default::default()
        };
        assert_eq!(
            resolve_with(&s(&["pods", "web-0"]), sel).unwrap_err(),
            "name cannot be provided when a selector is specified"
        );
        assert_eq!(
            resolve_with(&s(&["pods"]), Selecting::default()).unwrap_err(),
            "resource(s) were provided, but no name was specified"
        );
        let all = Selecting {
            all_namespaces: true,
            allow_empty_selector: true,
            ..Default::default()
        };
        assert_eq!(
            resolve_with(&s(&["pods", "web-0"]), all).unwrap_err(),
            "a resource cannot be retrieved by name across all namespaces"
        );
        assert!(resolve_with(&s(&["nodes", "ordinal-worker"]), all).is_ok());
        assert_eq!(
            resolve(&s(&["foo"])).unwrap_err(),
            "the server doesn't have a resource type \"foo\""
        );
    }
}
