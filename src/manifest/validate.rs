//! What the API server would say about each object of a manifest before
//! anything is applied: defaulting, then validation (R1, R9), mapped back
//! to the line and column of the offending field. The editor underlines
//! these; `ordinal check` prints them as `FILE:LINE:COL: message`.
//!
//! May not import browser crates.

use super::{Diagnostic, Parsed, Severity};
use crate::engine::apiserver::{defaults, validation};

/// Validation findings of every decoded object, in text order.
pub fn server_diagnostics(parsed: &Parsed) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in parsed.manifests() {
        let Ok(obj) = &m.object else { continue };
        let mut obj = obj.clone();
        // kubectl sends a namespaced object without a namespace to the
        // current context's namespace ("default"); the API server clears the
        // field of a cluster-scoped kind. Do the same before validating, or a
        // tutorial manifest would be told `metadata.namespace: Required value`.
        if obj.kind().namespaced() {
            if obj.namespace().is_empty() {
                obj.meta_mut().namespace = "default".into();
            }
        } else {
            obj.meta_mut().namespace.clear();
        }
        defaults::apply_defaults(&mut obj);
        for err in validation::validate_create(&obj) {
            let mut d = m.diagnostic_for(&err);
            d.severity = Severity::Error;
            out.push(d);
        }
    }
    out
}
