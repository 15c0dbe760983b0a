//! `kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT`
//! (kubectl/pkg/cmd/set/set_serviceaccount.go): sets the Pod template's
//! `serviceAccountName` (a Pod's own `spec.serviceAccountName`, which the
//! API server then refuses to change). On a StatefulSet that is a new
//! template revision: the set rolls its Pods, and a missing account stops
//! them at `FailedCreate` (the ServiceAccount admission plugin).
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::flags::{b, v, Flag, Parsed};
use super::modify::{change_object_with, pod_spec_of, print_changed, report_errors, targets_of};
use super::Ctx;

pub const SET_SERVICEACCOUNT_FLAGS: &[Flag] = &[
    v("output", Some('o')),
    super::flags::opt("dry-run", "unchanged"),
    b("all", None),
    v("filename", Some('f')),
    v("kustomize", Some('k')),
    b("local", None),
    v("field-manager", None),
    v("template", None),
    b("allow-missing-template-keys", None),
    b("show-managed-fields", None),
    b("recursive", Some('R')),
];

/// `failed to patch ServiceAccountName %v`.
fn rejected(e: &crate::engine::ApiError) -> String {
    format!("failed to patch ServiceAccountName {}", e.message())
}

pub fn set_serviceaccount(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let local = p.flag("local");
    if local && dry == super::DryRun::Server {
        return ctx
            .fail("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    }
    let rest = &p.args[1..];
    let Some((account, objs)) = rest.split_last() else {
        return ctx.fail("serviceaccount is required");
    };
    let account = account.clone();
    if local {
        if let Some(code) = super::set_local::precheck(ctx, p, objs, "serviceaccount") {
            return code;
        }
        return super::set_local::run(
            ctx,
            p,
            dry,
            "serviceaccount updated",
            true,
            |_, _, _, spec| {
                spec["serviceAccountName"] = Value::String(account.clone());
                Vec::new()
            },
        );
    }
    let targets = match targets_of(ctx, p, objs, p.flag("all"), super::get::FileLabels::Live) {
        Ok((t, _)) => t,
        Err(code) => return code,
    };
    if targets.is_empty() && objs.is_empty() && !p.has_sources() {
        return ctx.fail(
            "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
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
        let change = |live: &Value| -> Result<Value, String> {
            let mut v = live.clone();
            let spec = pod_spec_of(&mut v, kind, obj.name())?;
            spec["serviceAccountName"] = Value::String(account.clone());
            Ok(v)
        };
        match change_object_with(ctx, &obj, dry, false, rejected, change) {
            Ok((shown, _)) => {
                print_changed(ctx, p, &shown, "serviceaccount updated", dry);
            }
            Err(e) => errors.push(e),
        }
    }
    report_errors(ctx, &errors)
}
