//! `kubectl set env` (kubectl/pkg/cmd/set/set_env.go, env/env_parse.go):
//! `KEY=VALUE` sets, `KEY-` removes, `-e KEY=VALUE` adds, `-c PATTERN`
//! picks the containers (init containers included), `--list` prints the
//! environment, `--overwrite=false` refuses to change a value. On a
//! StatefulSet a changed environment is a new template revision, so the
//! set rolls its Pods as `set image` does. `--from`, `--keys`, `--prefix`
//! and `--resolve` (environment from ConfigMaps and Secrets) are answered
//! as not simulated.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::{json, Value};

use super::flags::Parsed;
use super::modify::{change_object_with, pod_spec_of, print_changed, report_errors, targets_of};
use super::Ctx;
use crate::engine::objects::Kind;

/// One `KEY=VALUE` or `KEY-` argument.
enum Spec {
    Set(String, String),
    Remove(String),
}

/// `SplitEnvironmentFromResources`: the resources, then the environment
/// arguments (`(?ms)^(.+)=(.*)$` or a trailing `-`).
fn split(args: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let is_env = |s: &str| s.find('=').is_some_and(|i| i > 0) || s.ends_with('-');
    let first_env = args.iter().position(|a| is_env(a)).unwrap_or(args.len());
    let (res, env) = args.split_at(first_env);
    env.iter()
        .all(|a| is_env(a))
        .then(|| (res.to_vec(), env.to_vec()))
}

/// apimachinery's `IsEnvVarName`, as the client checks it (`set env`,
/// and `run --env` through its generator).
pub(super) fn env_name_errors(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || "-._".contains(c))
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
    if !ok {
        errs.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')".to_string());
    }
    match name {
        "." => errs.push("must not be '.'".into()),
        ".." => errs.push("must not be '..'".into()),
        n if n.starts_with("..") => errs.push("must not start with '..'".into()),
        _ => {}
    }
    errs
}

/// `ParseEnv`: the variables to set and the names to remove.
fn parse(specs: &[String]) -> Result<Vec<Spec>, String> {
    let mut out = Vec::new();
    for s in specs {
        if s == "-" {
            return Err(
                "environment from standard input (-) is not part of Ordinal's console".into(),
            );
        }
        if let Some((k, v)) = s.split_once('=') {
            let errs = env_name_errors(k);
            if !errs.is_empty() {
                return Err(format!("{k:?} is not a valid key name: {}", errs.join(";")));
            }
            out.push(Spec::Set(k.to_string(), v.to_string()));
        } else if let Some(k) = s.strip_suffix('-') {
            out.push(Spec::Remove(k.to_string()));
        } else {
            return Err(format!("unknown environment variable: {s}"));
        }
    }
    let set: Vec<&str> = out
        .iter()
        .filter_map(|s| match s {
            Spec::Set(k, _) => Some(k.as_str()),
            Spec::Remove(_) => None,
        })
        .collect();
    if out
        .iter()
        .any(|s| matches!(s, Spec::Remove(k) if set.contains(&k.as_str())))
    {
        return Err(
            "can not both modify and remove the same environment variable in the same command"
                .into(),
        );
    }
    Ok(out)
}

/// `updateEnv`: existing variables keep their place (the first new value
/// of a name replaces it), removed ones go, new ones are appended.
fn update(existing: &[Value], specs: &[Spec]) -> Vec<Value> {
    let removed: Vec<&str> = specs
        .iter()
        .filter_map(|s| match s {
            Spec::Remove(k) => Some(k.as_str()),
            Spec::Set(..) => None,
        })
        .collect();
    let newer = |name: &str| {
        specs.iter().find_map(|s| match s {
            Spec::Set(k, v) if k == name => Some(json!({"name": k, "value": v})),
            _ => None,
        })
    };
    let mut covered: Vec<String> = removed.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    for e in existing {
        let name = e.get("name").and_then(Value::as_str).unwrap_or("");
        if covered.iter().any(|c| c == name) {
            continue;
        }
        match newer(name) {
            Some(n) => {
                covered.push(name.to_string());
                out.push(n);
            }
            None => out.push(e.clone()),
        }
    }
    for s in specs {
        if let Spec::Set(k, v) = s {
            if !covered.contains(k) {
                covered.push(k.clone());
                out.push(json!({"name": k, "value": v}));
            }
        }
    }
    out
}

/// `filepath.Match` for the simple patterns `-c` takes (`*`, `?`, text).
pub(super) fn matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

/// `kubectl set env RESOURCE KEY=VALUE … | KEY-`.
pub fn set_env(ctx: &mut Ctx, p: &Parsed) -> i32 {
    for flag in ["from", "keys", "prefix", "resolve"] {
        if p.has(flag) {
            return ctx.fail(&format!("\"kubectl set env --{flag}\" (environment from ConfigMaps and Secrets) is not part of Ordinal's simulated cluster"));
        }
    }
    if p.flag("all") && p.has("selector") {
        return ctx.fail("cannot set --all and --selector at the same time");
    }
    let rest = &p.args[1..];
    let Some((objs, env_args)) = split(rest) else {
        return ctx.fail(&format!(
            "all resources must be specified before environment changes: {}",
            rest.join(" ")
        ));
    };
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let list = p.flag("list");
    // The client's order: --all with -l, then --local with a server dry
    // run, then no resources.
    if p.flag("local") && dry == super::DryRun::Server {
        return ctx
            .fail("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    }
    if objs.is_empty() && !p.has_sources() {
        return ctx.fail(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
    }
    if list && p.value("output").is_some_and(|o| !o.is_empty()) {
        return ctx.fail("--list and --output may not be specified together");
    }
    let mut specs_in: Vec<String> = p.values("env");
    specs_in.extend(env_args.iter().cloned());
    let specs = match parse(&specs_in) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let selector = p.value("containers").unwrap_or("*").to_string();
    let overwrite = p.flag_or("overwrite", true);
    if p.flag("local") {
        if let Some(code) = super::set_local::precheck(ctx, p, &objs, "env") {
            return code;
        }
        if specs_in.is_empty() && !list {
            return ctx.fail("at least one environment variable must be provided");
        }
        return super::set_local::run(
            ctx,
            p,
            dry,
            "env updated",
            !list,
            |ctx, kind, name, spec| {
                // The local builder names an object by its kind.
                let ch = EnvChange {
                    kind,
                    name,
                    resource: format!("{}/{name}", kind.singular_qualified()),
                    selector: &selector,
                    specs: &specs,
                    overwrite,
                };
                let mut listing = String::new();
                let mut shown = spec.clone();
                // --list shows the environment, the change applied, and changes nothing.
                let target = if list { &mut shown } else { spec };
                let r = change_env(target, &ch, list.then_some(&mut listing));
                match r {
                    Ok(any) => {
                        if !any {
                            ctx.err(&no_match_warning(kind, name, &selector));
                        }
                        ctx.out(&listing);
                        Vec::new()
                    }
                    Err(e) => vec![e],
                }
            },
        );
    }
    let (targets, _) = match targets_of(ctx, p, &objs, p.flag("all"), super::get::FileLabels::Live)
    {
        Ok(t) => t,
        Err(code) => return code,
    };
    if let Some(code) = super::modify::builder_errors(ctx, &targets) {
        return code;
    }
    let mut errors: Vec<String> = Vec::new();
    for t in targets {
        let obj = match t {
            Ok(o) => o,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let kind = obj.kind();
        let mut listing = String::new();
        let mut warning = None;
        let mut change = |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            let spec = pod_spec_of(&mut v, kind, obj.name())?;
            let any = change_env(
                spec,
                &EnvChange {
                    kind,
                    name: obj.name(),
                    resource: format!("{}/{}", kind.info().plural, obj.name()),
                    selector: &selector,
                    specs: &specs,
                    overwrite,
                },
                list.then_some(&mut listing),
            )?;
            if !any {
                warning = Some(no_match_warning(kind, obj.name(), &selector));
            }
            Ok(v)
        };
        if list {
            // --list shows the environment, the change applied, and writes nothing.
            let live = crate::console::printers::wire_value(&obj);
            let r = change(&live);
            if let Some(w) = warning.take() {
                ctx.err(&w);
            }
            match r {
                Ok(_) => ctx.out(&listing),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let result = change_object_with(
            ctx,
            &obj,
            dry,
            false,
            super::modify::rejected_as("env"),
            change,
        );
        if let Some(w) = warning {
            ctx.err(&w);
        }
        match result {
            Ok((shown, true)) => {
                if specs_in.is_empty() {
                    errors.push("error: at least one environment variable must be provided".into());
                    continue;
                }
                print_changed(ctx, p, &shown, "env updated", dry);
            }
            Ok((_, false)) => {}
            Err(e) => errors.push(e),
        }
    }
    report_errors(ctx, &errors)
}

/// One `set env` change: the object's kind and name (for messages), the
/// containers it applies to (`-c`, a pattern), the variables, and whether
/// a set variable may replace another value.
struct EnvChange<'a> {
    kind: Kind,
    name: &'a str,
    /// How the `--overwrite=false` conflict names the object.
    resource: String,
    selector: &'a str,
    specs: &'a [Spec],
    overwrite: bool,
}

/// `set env`'s change to one Pod spec: the containers, then the init
/// containers, that match the selector get the variables (and, with
/// `listing`, their environment is written there as `--list` shows it).
/// Returns whether any container matched, or the `--overwrite=false`
/// conflict.
fn change_env(
    spec: &mut Value,
    ch: &EnvChange,
    mut listing: Option<&mut String>,
) -> Result<bool, String> {
    let resource = &ch.resource;
    let mut any = false;
    for list_name in ["containers", "initContainers"] {
        let Some(Value::Array(cs)) = spec.get_mut(list_name) else {
            continue;
        };
        for c in cs.iter_mut() {
            let name = c
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if !matches(ch.selector, &name) {
                continue;
            }
            any = true;
            let existing: Vec<Value> = match c.get("env") {
                Some(Value::Array(e)) => e.clone(),
                _ => Vec::new(),
            };
            if !ch.overwrite {
                for s in ch.specs {
                    let Spec::Set(k, val) = s else { continue };
                    let current = existing
                        .iter()
                        .find(|e| e.get("name").and_then(Value::as_str) == Some(k.as_str()));
                    if let Some(cur) = current {
                        let cv = cur.get("value").and_then(Value::as_str).unwrap_or("");
                        if cv != val {
                            return Err(format!(
                                "{resource} '{k}' already has a value ({cv}), and --overwrite is false"
                            ));
                        }
                    }
                }
            }
            let updated = update(&existing, ch.specs);
            if let Some(out) = listing.as_deref_mut() {
                out.push_str(&format!(
                    "# {} {}, container {name}\n",
                    ch.kind.name(),
                    ch.name
                ));
                for e in &updated {
                    let n = e.get("name").and_then(Value::as_str).unwrap_or("");
                    match e.get("value") {
                        _ if e.get("valueFrom").is_some() => {
                            out.push_str(&format!("# {n} from {}\n", ref_string(&e["valueFrom"])))
                        }
                        Some(Value::String(s)) => out.push_str(&format!("{n}={s}\n")),
                        _ => out.push_str(&format!("{n}=\n")),
                    }
                }
            }
            match c.as_object_mut() {
                Some(m) if updated.is_empty() => {
                    m.remove("env");
                }
                Some(m) => {
                    m.insert("env".into(), Value::Array(updated));
                }
                None => {}
            }
        }
    }
    Ok(any)
}

fn no_match_warning(kind: Kind, name: &str, selector: &str) -> String {
    format!(
        "Warning: {}/{name} does not have any containers matching {selector:?}\n",
        kind.name()
    )
}

/// `GetEnvVarRefString`: where a `valueFrom` variable comes from.
fn ref_string(from: &Value) -> String {
    if let Some(r) = from.get("configMapKeyRef") {
        return format!(
            "configmap {}, key {}",
            r["name"].as_str().unwrap_or(""),
            r["key"].as_str().unwrap_or("")
        );
    }
    if let Some(r) = from.get("secretKeyRef") {
        return format!(
            "secret {}, key {}",
            r["name"].as_str().unwrap_or(""),
            r["key"].as_str().unwrap_or("")
        );
    }
    if let Some(r) = from.get("fieldRef") {
        return format!("field path {}", r["fieldPath"].as_str().unwrap_or(""));
    }
    if let Some(r) = from.get("resourceFieldRef") {
        let c = r["containerName"].as_str().unwrap_or("");
        let res = r["resource"].as_str().unwrap_or("");
        return if c.is_empty() {
            format!("resource field {res}")
        } else {
            format!("resource field {c}:{res}")
        };
    }
    "invalid valueFrom".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_split_and_parse_as_kubectl_reads_them() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (r, e) = split(&a(&["sts/web", "A=1", "B-"])).unwrap();
        assert_eq!((r, e), (a(&["sts/web"]), a(&["A=1", "B-"])));
        assert!(split(&a(&["A=1", "sts/web"])).is_none());
        assert!(parse(&a(&["A=1", "A-"])).is_err());
        assert_eq!(
            parse(&a(&["1A=x"])).err().unwrap(),
            "\"1A\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
        );
    }

    #[test]
    fn updates_keep_order_replace_in_place_and_append() {
        let existing = vec![
            json!({"name": "A", "value": "1"}),
            json!({"name": "B", "value": "2"}),
        ];
        let specs = parse(&["C=3".into(), "A=9".into(), "B-".into()]).unwrap();
        let out = update(&existing, &specs);
        assert_eq!(
            out,
            vec![
                json!({"name": "A", "value": "9"}),
                json!({"name": "C", "value": "3"})
            ]
        );
    }

    #[test]
    fn container_patterns_match_as_filepath_match() {
        assert!(matches("*", "nginx"));
        assert!(matches("ngi*", "nginx"));
        assert!(matches("ng?nx", "nginx"));
        assert!(!matches("web", "nginx"));
    }
}
