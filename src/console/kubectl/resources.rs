//! What kubectl's resource builder does with `TYPE NAME…`, `TYPE/NAME…`,
//! `TYPE1,TYPE2`, `all`, `-l`, `-A` and `-n`: which objects a command acts on,
//! and the errors it gives when it cannot tell.

use crate::console::printers::ALL_KINDS;
use crate::console::Console;
use crate::engine::objects::{Kind, LabelSelector, Object};

/// One resource type with the names asked for (empty: all, filtered by selector).
#[derive(Clone, Debug)]
pub struct Request {
    pub kind: Kind,
    pub names: Vec<String>,
}

/// How the objects were asked for.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub requests: Vec<Request>,
    /// `TYPE/NAME` form or names given: a single object prints as itself.
    pub by_name: bool,
    /// More than one type (`get all`, `get sts,pods`): names print as kind/name.
    pub multi_kind: bool,
}

pub fn kind_of(arg: &str) -> Result<Kind, String> {
    Kind::from_resource_arg(arg).ok_or_else(|| {
        format!(
            "the server doesn't have a resource type \"{}\"",
            arg.split('.').next().unwrap_or(arg)
        )
    })
}

fn kinds_of(arg: &str) -> Result<Vec<Kind>, String> {
    let mut out = Vec::new();
    for t in arg.split(',') {
        if t == "all" {
            for k in ALL_KINDS.iter().copied() {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        } else {
            let k = kind_of(t)?;
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    Ok(out)
}

/// Resolves the positional arguments of get/describe/delete/label….
pub fn resolve(args: &[String]) -> Result<Resolved, String> {
    if args.is_empty() {
        return Ok(Resolved {
            requests: vec![],
            by_name: false,
            multi_kind: false,
        });
    }
    if args.iter().any(|a| a.contains('/')) {
        if !args.iter().all(|a| a.contains('/')) {
            return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
        }
        let mut requests: Vec<Request> = Vec::new();
        for a in args {
            let (t, n) = a.split_once('/').unwrap_or((a, ""));
            if n.is_empty() {
                return Err(
                    "arguments in resource/name form must have a single resource and name".into(),
                );
            }
            let kind = kind_of(t)?;
            match requests.iter_mut().find(|r| r.kind == kind) {
                Some(r) => r.names.push(n.to_string()),
                None => requests.push(Request {
                    kind,
                    names: vec![n.to_string()],
                }),
            }
        }
        let multi = requests.len() > 1;
        return Ok(Resolved {
            requests,
            by_name: true,
            multi_kind: multi,
        });
    }
    let kinds = kinds_of(&args[0])?;
    let names: Vec<String> = args[1..].to_vec();
    let multi = kinds.len() > 1 || args[0].split(',').any(|t| t == "all");
    Ok(Resolved {
        requests: kinds
            .into_iter()
            .map(|kind| Request {
                kind,
                names: names.clone(),
            })
            .collect(),
        by_name: !names.is_empty(),
        multi_kind: multi,
    })
}

/// The scope of a listing.
#[derive(Clone, Debug)]
pub struct Scope {
    pub namespace: String,
    pub all_namespaces: bool,
    pub selector: Option<LabelSelector>,
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
    let ns = if kind.namespaced() {
        scope.namespace.as_str()
    } else {
        ""
    };
    for n in names {
        match console.engine.get(kind, ns, n) {
            Ok(o) => {
                if scope
                    .selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&o.meta().labels))
                {
                    found.push(o)
                }
            }
            Err(e) => errors.push(e.kubectl_text()),
        }
    }
    (found, errors)
}
