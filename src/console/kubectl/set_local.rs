//! `kubectl set image|env --local -f FILE`: the files' objects changed and
//! printed without the server (`set image` and `set env` with `Local`:
//! the builder reads the files only, no request is made).
//!
//! kubectl decodes each object into its Go type before changing it, so
//! what it prints is that type marshalled back: the fields Go writes even
//! when empty appear (`resources: {}` on every container, a
//! StatefulSet's `updateStrategy: {}` and status counts, a Deployment's
//! `strategy: {}`, `status: {}`), as `go_typed` adds them. Objects without
//! a Pod template are refused with kubectl's words, after the others are
//! printed. JSON comes out with sorted keys, where kubectl keeps the Go
//! struct's order.

use serde_json::{json, Map, Value};

use super::flags::Parsed;
use super::{Ctx, DryRun};
use crate::engine::objects::Kind;

/// How the files' objects are given to `--local` when they are not.
const FILENAME_ONLY: &str = "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n";

/// The kinds `polymorphichelpers.updatePodSpecForObject` knows, with where
/// their Pod spec is.
fn pod_spec_pointer(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Pod => Some("/spec"),
        Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet | Kind::DaemonSet | Kind::Job => {
            Some("/spec/template/spec")
        }
        Kind::CronJob => Some("/spec/jobTemplate/spec/template/spec"),
        _ => None,
    }
}

/// The builder's refusals before any file is read: --local takes files
/// only (`verb` is `image` or `env`, which word it differently), and no
/// server dry run. Some exit code when it refuses.
pub(super) fn precheck(ctx: &mut Ctx, p: &Parsed, resources: &[String], verb: &str) -> Option<i32> {
    // `set env` checks the dry run first; `set image` (and `set
    // resources`) in Validate, after its Complete refused names
    // (resource.LocalResourceError) and the builder found no files.
    let server_dry_run = |ctx: &mut Ctx| {
        (p.value("dry-run") == Some("server")).then(|| {
            ctx.fail("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        })
    };
    if verb != "image" {
        if let Some(code) = server_dry_run(ctx) {
            return Some(code);
        }
    }
    if !resources.is_empty() && verb == "image" {
        ctx.err(FILENAME_ONLY);
        return Some(1);
    }
    if !p.has_sources() || !resources.is_empty() {
        ctx.err(super::NO_RESOURCES);
        return Some(1);
    }
    server_dry_run(ctx)
}

/// Runs `change` on the Pod spec of each object of the `-f` files and
/// prints each changed one (`op`: "image updated"); `change` returns the
/// errors it met. `precheck` has passed. Objects without a Pod template
/// are refused when `refuse_others` (`set env --list` passes them by).
pub(super) fn run(
    ctx: &mut Ctx,
    p: &Parsed,
    dry: DryRun,
    op: &str,
    refuse_others: bool,
    mut change: impl FnMut(&mut Ctx, Kind, &str, &mut Value) -> Vec<String>,
) -> i32 {
    let sources = match super::apply::read_sources(ctx, p) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let output = p.value("output").filter(|o| !o.is_empty());
    let format = match output {
        None | Some("name") => None,
        Some(_) => match super::output::parse(output, p.value("template")) {
            Ok(f) => Some(f),
            Err(e) => return ctx.fail(&e),
        },
    };
    // `PrintFlagsWithDryRunStrategy`: a client dry run says so (a server
    // one is refused with --local before this).
    let suffix = dry.suffix();
    // The changes' errors (a container no object has) come first: kubectl
    // works out every patch before it prints, and refuses the objects
    // without a Pod template while printing.
    let mut errors = Vec::new();
    let mut refused = Vec::new();
    let mut printed = 0;
    for (source, text) in sources {
        let parsed = crate::manifest::parse(&text, &source);
        if let Some(c) = &parsed.stream_error {
            return ctx.fail(&c.text);
        }
        for m in parsed.manifests() {
            let what = format!("{}/{}", m.kind.singular_qualified(), m.name);
            let Some(pointer) = pod_spec_pointer(m.kind) else {
                if !refuse_others {
                    continue;
                }
                refused.push(format!(
                    "error: {what} the object is not a pod or does not have a pod template: *v1.{}\n",
                    m.kind.name()
                ));
                continue;
            };
            let before = go_typed(m.kind, &m.raw);
            let mut after = before.clone();
            let mut errs = match after.pointer_mut(pointer) {
                Some(spec) => change(ctx, m.kind, &m.name, spec),
                None => Vec::new(),
            };
            errors.append(&mut errs);
            if after == before {
                continue;
            }
            match (output, &format) {
                (None, _) => ctx.out(&format!("{what} {op}{suffix}\n")),
                (Some("name"), _) => ctx.out(&format!("{what}\n")),
                (_, Some(super::output::Format::Yaml)) => {
                    // One YAML printer for all: `---` before every document
                    // after the first.
                    if printed > 0 {
                        ctx.out("---\n");
                    }
                    ctx.out(&crate::manifest::print::to_yaml(&after));
                }
                (_, Some(f)) => {
                    let _ = super::output::print_value(ctx.io, f, &after, false);
                }
                (_, None) => {}
            }
            printed += 1;
        }
    }
    errors.append(&mut refused);
    super::modify::report_errors(ctx, &errors)
}

/// The object as kubectl's decoding into its Go type and marshalling back
/// write it: the fields without `omitempty` that the file left out.
pub(super) fn go_typed(kind: Kind, raw: &Value) -> Value {
    let mut v = raw.clone();
    let Some(obj) = v.as_object_mut() else {
        return v;
    };
    let empty = || Value::Object(Map::new());
    match kind {
        Kind::StatefulSet => {
            let spec = entry_map(obj, "spec");
            spec.entry("updateStrategy").or_insert_with(empty);
            if let Some(Value::Array(ts)) = spec.get_mut("volumeClaimTemplates") {
                for t in ts.iter_mut().filter_map(Value::as_object_mut) {
                    t.entry("status").or_insert_with(empty);
                }
            }
            let status = entry_map(obj, "status");
            for count in ["replicas", "availableReplicas"] {
                status.entry(count).or_insert(json!(0));
            }
        }
        Kind::Deployment => {
            entry_map(obj, "spec")
                .entry("strategy")
                .or_insert_with(empty);
            obj.entry("status").or_insert_with(empty);
        }
        Kind::DaemonSet => {
            entry_map(obj, "spec")
                .entry("updateStrategy")
                .or_insert_with(empty);
            let status = entry_map(obj, "status");
            for count in [
                "currentNumberScheduled",
                "numberMisscheduled",
                "desiredNumberScheduled",
                "numberReady",
            ] {
                status.entry(count).or_insert(json!(0));
            }
        }
        Kind::ReplicaSet => {
            entry_map(obj, "status")
                .entry("replicas")
                .or_insert(json!(0));
        }
        _ => {
            obj.entry("status").or_insert_with(empty);
        }
    }
    if let Some(spec) = pod_spec_pointer(kind).and_then(|ptr| v.pointer_mut(ptr)) {
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            if let Some(Value::Array(cs)) = spec.get_mut(list) {
                for c in cs.iter_mut().filter_map(Value::as_object_mut) {
                    c.entry("resources").or_insert_with(empty);
                }
            }
        }
    }
    v
}

/// `obj[key]` as a map, made one if it is absent or not a map.
pub(super) fn entry_map<'a>(
    obj: &'a mut Map<String, Value>,
    key: &str,
) -> &'a mut Map<String, Value> {
    let slot = obj.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    match slot {
        Value::Object(m) => m,
        _ => unreachable!("made a map above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What kubectl 1.33 printed for `set image --local -f` of the web.yaml
    /// StatefulSet (its metadata's `creationTimestamp: null` aside, which
    /// 1.35 no longer writes).
    #[test]
    fn a_statefulset_gets_the_fields_its_go_type_writes() {
        let raw = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"},
            "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "nginx", "image": "x"}]}},
                     "volumeClaimTemplates": [{"metadata": {"name": "www"}}]}});
        let v = go_typed(Kind::StatefulSet, &raw);
        assert_eq!(v["spec"]["updateStrategy"], json!({}));
        assert_eq!(v["spec"]["volumeClaimTemplates"][0]["status"], json!({}));
        assert_eq!(v["status"], json!({"replicas": 0, "availableReplicas": 0}));
        assert_eq!(
            v["spec"]["template"]["spec"]["containers"][0]["resources"],
            json!({})
        );
    }

    #[test]
    fn a_pod_and_a_deployment_get_theirs() {
        let pod = json!({"kind": "Pod", "spec": {"containers": [{"name": "c", "resources": {"limits": {"cpu": "1"}}}]}});
        let v = go_typed(Kind::Pod, &pod);
        assert_eq!(v["status"], json!({}));
        assert_eq!(
            v["spec"]["containers"][0]["resources"],
            json!({"limits": {"cpu": "1"}})
        );
        let d = json!({"kind": "Deployment", "spec": {"template": {"spec": {"initContainers": [{"name": "i"}], "containers": [{"name": "c"}]}}}});
        let v = go_typed(Kind::Deployment, &d);
        assert_eq!(v["spec"]["strategy"], json!({}));
        assert_eq!(v["status"], json!({}));
        assert_eq!(
            v["spec"]["template"]["spec"]["initContainers"][0]["resources"],
            json!({})
        );
    }
}
