//! "What Apply will change": for each object in the editor, whether Apply
//! creates it, leaves it unchanged, or changes the live object, with a
//! diff of the live object before and after (kubectl's client-side apply).

use crate::engine::Engine;
use crate::manifest::{self, apply::ApplyPlan, diff, print};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Create,
    Unchanged,
    /// Unified diff lines (`+`/`-`/` ` prefixed), without headers.
    Patch(Vec<String>),
    Error(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    /// `statefulset.apps/web`.
    pub label: String,
    pub change: Change,
}

/// The object without what the server owns, for a readable diff.
fn trimmed(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(m) = v.as_object_mut() {
        m.remove("status");
        if let Some(meta) = m.get_mut("metadata").and_then(|x| x.as_object_mut()) {
            for k in [
                "resourceVersion",
                "uid",
                "creationTimestamp",
                "generation",
                "managedFields",
            ] {
                meta.remove(k);
            }
            if let Some(a) = meta.get_mut("annotations").and_then(|x| x.as_object_mut()) {
                a.remove(manifest::apply::LAST_APPLIED);
                if a.is_empty() {
                    meta.remove("annotations");
                }
            }
        }
    }
    v
}

pub fn plan(e: &Engine, text: &str, file: &str, default_ns: &str) -> Vec<PlanItem> {
    let parsed = manifest::parse(text, file);
    let mut out = Vec::new();
    for m in parsed.manifests() {
        let kind = m.kind;
        let label = format!("{}/{}", kind.singular_qualified(), m.name);
        let ns = if !kind.namespaced() {
            String::new()
        } else if m.namespace.is_empty() {
            default_ns.to_string()
        } else {
            m.namespace.clone()
        };
        let mut config = m.raw.clone();
        if kind.namespaced() {
            config["metadata"]["namespace"] = ns.clone().into();
        }
        let live = e.get(kind, &ns, &m.name).ok().map(|o| o.to_value());
        let change = match manifest::apply::plan_apply(&config, live.as_ref()) {
            Ok(ApplyPlan::Create { .. }) => Change::Create,
            Ok(ApplyPlan::Unchanged) => Change::Unchanged,
            Ok(ApplyPlan::Patch { result, .. }) => {
                let before = print::to_yaml(&trimmed(live.unwrap_or_default()));
                let after = print::to_yaml(&trimmed(result));
                let u = diff::unified(&before, &after, "live", "applied", 2);
                let lines: Vec<String> = u.lines().skip(2).map(str::to_string).collect();
                if lines.is_empty() {
                    Change::Unchanged
                } else {
                    Change::Patch(lines)
                }
            }
            Err(err) => Change::Error(err.to_string()),
        };
        out.push(PlanItem { label, change });
    }
    out
}
