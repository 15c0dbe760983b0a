//! `kubectl taint`: kubectl's parsing of `key[=value]:Effect`, `key:Effect-`
//! and `key-` (taint/utils.go), its checks and messages, and the update of
//! each node; what the taints then do is the engine's (scheduler, taint
//! eviction, Pod GC).

use super::flags::{b, v, Flag, Parsed};
use super::Ctx;
use crate::engine::objects::cluster::{Node, Taint};

pub const TAINT_FLAGS: &[Flag] = &[
    b("overwrite", None),
    b("all", None),
    v("selector", Some('l')),
    super::flags::opt("dry-run", "unchanged"),
    v("output", Some('o')),
    v("field-manager", None),
    super::flags::opt("validate", "strict"),
];

/// One taint as kubectl's `parseTaint` reads `key[=value][:effect]`.
fn parse_taint(spec: &str) -> Result<Taint, String> {
    use crate::engine::apiserver::validation::labels::{is_qualified_name, is_valid_label_value};
    let parts: Vec<&str> = spec.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (*key, "", ""),
        [kv, effect] => {
            if !matches!(*effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            let kv: Vec<&str> = kv.split('=').collect();
            match kv.as_slice() {
                [key] => (*key, "", *effect),
                [key, value] => {
                    let errs = is_valid_label_value(value);
                    if !errs.is_empty() {
                        return Err(format!("invalid taint spec: {spec}, {}", errs.join("; ")));
                    }
                    (*key, *value, *effect)
                }
                _ => return Err(format!("invalid taint spec: {spec}")),
            }
        }
        _ => return Err(format!("invalid taint spec: {spec}")),
    };
    let errs = is_qualified_name(key);
    if !errs.is_empty() {
        return Err(format!("invalid taint spec: {spec}, {}", errs.join("; ")));
    }
    Ok(Taint {
        key: key.to_string(),
        value: value.to_string(),
        effect: effect.to_string(),
        time_added: None,
    })
}

/// `Taint.ToString`: `key=value:effect`, `key:effect` or `key`.
fn taint_text(t: &Taint) -> String {
    let mut s = t.key.clone();
    if !t.value.is_empty() {
        s.push('=');
        s.push_str(&t.value);
    }
    if !t.effect.is_empty() {
        s.push(':');
        s.push_str(&t.effect);
    }
    s
}

/// `kubectl taint nodes NODE key=value:Effect … key:Effect- key-`: the
/// taints to add come first in the new list, then the node's others
/// (kubectl's `reorganizeTaints`); the node is `tainted`, `untainted` or,
/// with `--overwrite`, `modified`.
pub fn taint(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let mut resources = Vec::new();
    let mut specs = Vec::new();
    for a in &p.args {
        let is_taint = a.contains('=') || a.contains(':') || a.ends_with('-');
        if is_taint {
            specs.push(a.clone());
        } else if !specs.is_empty() {
            return ctx.fail(&format!(
                "all resources must be specified before taint changes: {a}"
            ));
        } else {
            resources.push(a.clone());
        }
    }
    let mut add: Vec<Taint> = Vec::new();
    let mut remove: Vec<Taint> = Vec::new();
    for spec in &specs {
        let parsed = match spec.strip_suffix('-') {
            Some(rest) => parse_taint(rest).map(|t| remove.push(t)),
            None => parse_taint(spec).and_then(|t| {
                if t.effect.is_empty() {
                    return Err(format!("invalid taint spec: {spec}"));
                }
                if add.iter().any(|x| x.key == t.key && x.effect == t.effect) {
                    return Err(format!(
                        "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                        t.key, t.value, t.effect
                    ));
                }
                add.push(t);
                Ok(())
            }),
        };
        if let Err(e) = parsed {
            return ctx.usage(&e);
        }
    }
    if resources.is_empty() && !p.flag("all") && !p.has("selector") {
        return ctx.fail("one or more resources must be specified as <resource> <name>");
    }
    if add.is_empty() && remove.is_empty() {
        return ctx.fail("at least one taint update is required");
    }
    // The nodes: `nodes NAME…`, `node/NAME…`, `--all` or `-l`.
    let mut names: Vec<String> = Vec::new();
    let mut typed = resources.iter();
    if let Some(first) = resources.first().filter(|r| !r.contains('/')) {
        if !matches!(first.as_str(), "node" | "nodes" | "no") {
            return ctx.fail(&format!(
                "invalid resource type {first}, only node types are supported"
            ));
        }
        typed.next();
    }
    for r in typed {
        match r.split_once('/') {
            Some(("node" | "nodes" | "no", name)) => names.push(name.to_string()),
            Some((kind, _)) => {
                return ctx.fail(&format!(
                    "invalid resource type {kind}, only node types are supported"
                ))
            }
            None => names.push(r.clone()),
        }
    }
    // Validate, after the resource type: the conflicts, then
    // `validateFlags`.
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| {
            remove
                .iter()
                .filter(move |r| r.key == a.key && (r.effect.is_empty() || r.effect == a.effect))
        })
        .map(|r| format!("{}={}", r.key, r.effect))
        .collect();
    if !conflicts.is_empty() {
        return ctx.fail(&format!(
            "can not both modify and remove the following taint(s) in the same command: {}",
            conflicts.join(", ")
        ));
    }
    let selector = p.value("selector").unwrap_or("");
    if p.flag("all") && !selector.is_empty() {
        return ctx.fail("setting 'all' parameter with a non empty selector is prohibited");
    }
    if !p.flag("all") && selector.is_empty() && names.is_empty() {
        return ctx
            .fail("at least one resource name must be specified since 'all' parameter is not set");
    }
    if p.flag("all") || p.has("selector") {
        match super::node::nodes_matching(ctx, p.value("selector")) {
            Ok(mut picked) => names.append(&mut picked),
            Err(code) => return code,
        }
    }
    let overwrite = p.flag("overwrite");
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut code = 0;
    for name in names {
        let r = ctx.writing(dry, |ctx| {
            taint_node(
                ctx,
                &name,
                &add,
                &remove,
                overwrite,
                dry != super::DryRun::Client,
            )
        });
        match r {
            Ok((op, node)) => {
                code |= super::modify::print_changed(
                    ctx,
                    p,
                    &crate::engine::objects::Object::Node(std::rc::Rc::new(node)),
                    op,
                    dry,
                );
            }
            Err(e) => {
                ctx.err(&format!("{e}\n"));
                code = 1;
            }
        }
    }
    code
}

/// Applies the taint changes to one node; the operation's word and the
/// node as it is now (as it would be, when `write` is false).
fn taint_node(
    ctx: &mut Ctx,
    name: &str,
    add: &[Taint],
    remove: &[Taint],
    overwrite: bool,
    write: bool,
) -> Result<(&'static str, Node), String> {
    let n = super::node::stored_node(ctx, name)?;
    let old = &n.spec.taints;
    if !overwrite {
        let exists: Vec<String> = add
            .iter()
            .filter(|a| old.iter().any(|o| o.key == a.key && o.effect == a.effect))
            .map(|a| a.key.clone())
            .collect();
        if !exists.is_empty() {
            return Err(format!(
                "error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false",
                exists.join(",")
            ));
        }
    }
    // `reorganizeTaints`: the new ones, then the old ones they do not replace.
    let mut taints: Vec<Taint> = add.to_vec();
    for o in old {
        if !add.iter().any(|a| a.key == o.key && a.effect == o.effect) {
            taints.push(o.clone());
        }
    }
    let added = taints.len() != old.len();
    let mut missing = Vec::new();
    let mut deleted = false;
    for r in remove {
        let before = taints.len();
        taints.retain(|t| !(t.key == r.key && (r.effect.is_empty() || t.effect == r.effect)));
        deleted = taints.len() != before;
        if !deleted {
            missing.push(format!("taint {:?} not found", taint_text(r)));
        }
    }
    match missing.len() {
        0 => {}
        1 => return Err(format!("error: {}", missing[0])),
        _ => return Err(format!("error: [{}]", missing.join(", "))),
    }
    let op = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    let mut nn = (*n).clone();
    nn.spec.taints = taints;
    if write {
        super::node::write_node(ctx, nn)?;
        nn = (*super::node::stored_node(ctx, name)?).clone();
    }
    Ok((op, nn))
}
