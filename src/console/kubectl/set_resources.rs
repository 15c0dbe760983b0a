//! `kubectl set resources` (kubectl/pkg/cmd/set/set_resources.go): the
//! containers of a Pod template (`-c PATTERN`, all by default, init
//! containers included) get the `--limits` and `--requests` given, each
//! `NAME=QUANTITY` written as the API server writes a quantity back
//! (`0.5` → `500m`, `1024Mi` → `1Gi`, as kubectl's Go types encode it).
//! On a StatefulSet that is a new template revision, so the set rolls its
//! Pods; a request over the node's free CPU leaves a Pod Pending with the
//! scheduler's `Insufficient cpu`, and a request above its limit is
//! refused by the API server.
//!
//! kubectl's order is kept: the objects are fetched first (one missing
//! object stops the command before anything changes), then the flags are
//! checked, then each object is patched; an object whose resources would
//! not change is neither written nor printed.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::flags::{b, v, Flag, Parsed};
use super::modify::{change_object_with, pod_spec_of, print_changed, report_errors, targets_of};
use super::set_local::entry_map;
use super::Ctx;
use crate::engine::apiserver::validation::quantity::Quantity;

pub const SET_RESOURCES_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("selector", Some('l')),
    v("filename", Some('f')),
    b("local", None),
    b("record", None),
    v("containers", Some('c')),
    v("limits", None),
    v("requests", None),
    v("field-manager", None),
    v("kustomize", Some('k')),
    b("recursive", Some('R')),
];

/// `HandleResourceRequirementsV1` for one flag: `NAME=QUANTITY,…`, in the
/// order given (a name given twice keeps its last value); empty for an
/// empty flag.
fn resource_list(spec: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    if spec.is_empty() {
        return Ok(out);
    }
    for statement in spec.split(',') {
        let parts: Vec<&str> = statement.split('=').collect();
        let [name, value] = parts[..] else {
            return Err(format!(
                "Invalid argument syntax {statement}, expected <resource>=<value>"
            ));
        };
        let q = Quantity::parse(value).map_err(|e| e.to_string())?;
        let value = q.to_canonical_string();
        match out.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = value,
            None => out.push((name.to_string(), value)),
        }
    }
    Ok(out)
}

/// What one `set resources` writes: the containers `selector` picks get
/// these limits and requests (an empty list, as an empty flag gives,
/// adds nothing, not even an empty map: `len(o.Limits) != 0` guards the
/// `make`).
struct Change<'a> {
    selector: &'a str,
    limits: Vec<(String, String)>,
    requests: Vec<(String, String)>,
}

impl Change<'_> {
    /// The change to one Pod spec: the matching containers, then init
    /// containers, get the quantities. An error when none matches.
    fn apply(&self, spec: &mut Value) -> Result<(), String> {
        let mut any = false;
        for list in ["containers", "initContainers"] {
            let Some(Value::Array(cs)) = spec.get_mut(list) else {
                continue;
            };
            for c in cs {
                let name = c.get("name").and_then(Value::as_str).unwrap_or("");
                if !super::set_env::matches(self.selector, name) {
                    continue;
                }
                any = true;
                let Some(c) = c.as_object_mut() else {
                    continue;
                };
                let resources = entry_map(c, "resources");
                for (field, quantities) in [("limits", &self.limits), ("requests", &self.requests)]
                {
                    if quantities.is_empty() {
                        continue;
                    }
                    let m = entry_map(resources, field);
                    for (k, q) in quantities {
                        m.insert(k.clone(), Value::String(q.clone()));
                    }
                }
            }
        }
        if any {
            Ok(())
        } else {
            Err(format!(
                "error: unable to find container named {}",
                self.selector
            ))
        }
    }
}

/// `kubectl set resources (-f FILENAME | TYPE NAME) [--limits=…] [--requests=…]`.
pub fn set_resources(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let objs = &p.args[1..];
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let local = p.flag("local");
    // Complete: the builder finds the objects (or, with --local, refuses
    // names and reads only the files).
    let targets = if local {
        // Like `set image`: names refused, then no files, then (Validate)
        // no server dry run.
        if let Some(code) = super::set_local::precheck(ctx, p, objs, "image") {
            return code;
        }
        Vec::new()
    } else {
        let (targets, _) =
            match targets_of(ctx, p, objs, p.flag("all"), super::get::FileLabels::Live) {
                Ok(t) => t,
                Err(code) => return code,
            };
        if let Some(code) = super::modify::builder_errors(ctx, &targets) {
            return code;
        }
        targets.into_iter().flatten().collect()
    };
    // Validate (--local with a server dry run was refused above).
    if p.flag("all") && p.has("selector") {
        return ctx.fail("cannot set --all and --selector at the same time");
    }
    let limits_flag = p.value("limits").unwrap_or("");
    let requests_flag = p.value("requests").unwrap_or("");
    if limits_flag.is_empty() && requests_flag.is_empty() {
        return ctx.fail(
            "you must specify an update to requests or limits (in the form of --requests/--limits)",
        );
    }
    let limits = match resource_list(limits_flag) {
        Ok(l) => l,
        Err(e) => return ctx.fail(&e),
    };
    let requests = match resource_list(requests_flag) {
        Ok(r) => r,
        Err(e) => return ctx.fail(&e),
    };
    let selector = p.value("containers").unwrap_or("*");
    let change = Change {
        selector,
        limits,
        requests,
    };
    if local {
        return super::set_local::run(
            ctx,
            p,
            dry,
            "resource requirements updated",
            true,
            |_, _, _, spec| change.apply(spec).err().into_iter().collect(),
        );
    }
    // Run: kubectl works out every patch (a container no object has is
    // an error then) before it writes any, so those errors come before
    // the API server's refusals.
    let mut errors: Vec<String> = Vec::new();
    let mut written: Vec<String> = Vec::new();
    for obj in targets {
        let kind = obj.kind();
        let mut missing = None;
        let result = change_object_with(
            ctx,
            &obj,
            dry,
            false,
            super::modify::rejected_as("resources"),
            |live| {
                let mut v = live.clone();
                let spec = pod_spec_of(&mut v, kind, obj.name())?;
                if let Err(e) = change.apply(spec) {
                    missing = Some(e);
                    return Ok(live.clone());
                }
                Ok(v)
            },
        );
        errors.extend(missing);
        match result {
            Ok((shown, true)) => {
                print_changed(ctx, p, &shown, "resource requirements updated", dry);
            }
            Ok((_, false)) => {}
            Err(e) => written.push(e),
        }
    }
    errors.append(&mut written);
    report_errors(ctx, &errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_written_as_the_api_server_writes_them() {
        assert_eq!(
            resource_list("cpu=0.5,memory=1024Mi,cpu=2").unwrap(),
            [
                ("cpu".to_string(), "2".to_string()),
                ("memory".to_string(), "1Gi".to_string())
            ]
        );
        assert_eq!(
            resource_list("cpu").unwrap_err(),
            "Invalid argument syntax cpu, expected <resource>=<value>"
        );
        assert_eq!(
            resource_list("cpu=1=2").unwrap_err(),
            "Invalid argument syntax cpu=1=2, expected <resource>=<value>"
        );
        assert!(resource_list("cpu=abc")
            .unwrap_err()
            .starts_with("quantities must match the regular expression"));
        assert!(resource_list("").unwrap().is_empty());
    }
}
