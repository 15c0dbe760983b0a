//! ObjectMeta validation on create and update (apimachinery
//! `api/validation/objectmeta.go` plus core's extra finalizer-name check),
//! as every kind runs it first (R9.1, R9.12).
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::labels::{is_qualified_name, validate_labels};
use super::names::{name_is_dns_label, NameFn};
use super::render::{forbidden, invalid, q, required, too_long, Path, J};
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::meta::{ObjectMeta, OwnerReference};

pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;
pub const FIELD_IMMUTABLE: &str = "field is immutable";

/// `ValidateAnnotations`: keys are qualified names (case-insensitively),
/// reported with the map's path, then the total size.
pub fn validate_annotations(
    annotations: &crate::engine::objects::Labels,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for k in annotations.keys() {
        // Lower-cased as apimachinery does; most keys already are.
        let lower = if k.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(k.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(k.as_str())
        };
        if super::labels::known_qualified_name(&lower) {
            continue;
        }
        for m in is_qualified_name(&lower) {
            errs.push(invalid(path, q(k), &m));
        }
    }
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    errs
}

/// `schema.GroupVersionKind.String()` for an owner reference.
/// (Borrowed: every write of an owned object validates its references.)
fn gvk_string(r: &OwnerReference) -> (&str, &str, &str) {
    let (group, version) = match r.api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", r.api_version.as_str()),
    };
    (group, version, r.kind.as_str())
}

fn owner_json(r: &OwnerReference) -> J {
    let mut f = vec![
        ("apiVersion", J::str(&r.api_version)),
        ("kind", J::str(&r.kind)),
        ("name", J::str(&r.name)),
        ("uid", J::str(&r.uid)),
    ];
    if let Some(c) = r.controller {
        f.push(("controller", J::Bool(c)));
    }
    if let Some(b) = r.block_owner_deletion {
        f.push(("blockOwnerDeletion", J::Bool(b)));
    }
    J::obj(f)
}

fn validate_owner_references(refs: &[OwnerReference], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    // The first controller reference; its `kind/name` is only spelled out
    // in the error a second one causes.
    let mut first_controller: Option<&OwnerReference> = None;
    for r in refs {
        let (group, version, kind) = gvk_string(r);
        if version.is_empty() {
            errs.push(invalid(
                &path.child("apiVersion"),
                q(&r.api_version),
                "version must not be empty",
            ));
        }
        if kind.is_empty() {
            errs.push(invalid(
                &path.child("kind"),
                q(&r.kind),
                "must not be empty",
            ));
        }
        if r.name.is_empty() {
            errs.push(invalid(
                &path.child("name"),
                q(&r.name),
                "must not be empty",
            ));
        }
        if r.uid.is_empty() {
            errs.push(invalid(&path.child("uid"), q(&r.uid), "must not be empty"));
        }
        if group.is_empty() && version == "v1" && kind == "Event" {
            errs.push(invalid(
                path,
                owner_json(r).render(),
                &format!("{group}/{version}, Kind={kind} is disallowed from being an owner"),
            ));
        }
        if r.controller == Some(true) {
            match first_controller {
                Some(first) => {
                    let all = J::Arr(refs.iter().map(owner_json).collect()).render();
                    errs.push(invalid(
                        path,
                        all,
                        &format!(
                            "Only one reference can have Controller set to true. Found \"true\" in references for {}/{} and {}/{}",
                            first.kind, first.name, r.kind, r.name
                        ),
                    ));
                }
                None => first_controller = Some(r),
            }
        }
    }
    errs
}

/// The finalizer names the API server knows without a domain prefix.
fn is_standard_finalizer(name: &str) -> bool {
    matches!(name, "kubernetes" | "orphan" | "foregroundDeletion")
}

/// Core's `validateKubeFinalizerName`.
pub fn validate_kube_finalizer_name(name: &str, path: &Path) -> Vec<FieldError> {
    if !name.contains('/') && !is_standard_finalizer(name) {
        return vec![invalid(
            path,
            q(name),
            "name is neither a standard finalizer name nor is it fully qualified",
        )];
    }
    Vec::new()
}

fn validate_finalizers(finalizers: &[String], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for f in finalizers {
        // The cache answers for names seen valid before (every claim and
        // volume carries its protection finalizer); it is the same test.
        if super::labels::known_qualified_name(f) {
            continue;
        }
        for m in is_qualified_name(f) {
            errs.push(invalid(path, q(f), &m));
        }
    }
    if finalizers.iter().any(|f| f == "orphan")
        && finalizers.iter().any(|f| f == "foregroundDeletion")
    {
        errs.push(invalid(
            path,
            J::strs(finalizers).render(),
            "finalizer orphan and foregroundDeletion cannot be both set",
        ));
    }
    errs
}

/// apimachinery's `ValidateObjectMetaAccessor`: generateName, name,
/// namespace, generation, labels, annotations, owner references,
/// finalizers.
fn generic_meta(meta: &ObjectMeta, namespaced: bool, name_fn: NameFn) -> Vec<FieldError> {
    let path = Path::new("metadata");
    let mut errs = Vec::new();
    if !meta.generate_name.is_empty() {
        for m in name_fn(&meta.generate_name, true) {
            errs.push(invalid(
                &path.child("generateName"),
                q(&meta.generate_name),
                &m,
            ));
        }
    }
    if meta.name.is_empty() {
        errs.push(required(
            &path.child("name"),
            "name or generateName is required",
        ));
    } else {
        for m in name_fn(&meta.name, false) {
            errs.push(invalid(&path.child("name"), q(&meta.name), &m));
        }
    }
    if namespaced {
        if meta.namespace.is_empty() {
            errs.push(required(&path.child("namespace"), ""));
        } else {
            for m in name_is_dns_label(&meta.namespace, false) {
                errs.push(invalid(&path.child("namespace"), q(&meta.namespace), &m));
            }
        }
    } else if !meta.namespace.is_empty() {
        errs.push(forbidden(
            &path.child("namespace"),
            "not allowed on this type",
        ));
    }
    if meta.generation < 0 {
        errs.push(invalid(
            &path.child("generation"),
            meta.generation.to_string(),
            "must be greater than or equal to 0",
        ));
    }
    // Each of these finds nothing in an empty list: the paths (one
    // allocation each, on every write) are built only for a list that has
    // something to check.
    if !meta.labels.is_empty() {
        errs.extend(validate_labels(&meta.labels, &path.child("labels")));
    }
    if !meta.annotations.is_empty() {
        errs.extend(validate_annotations(
            &meta.annotations,
            &path.child("annotations"),
        ));
    }
    if !meta.owner_references.is_empty() {
        errs.extend(validate_owner_references(
            &meta.owner_references,
            &path.child("ownerReferences"),
        ));
    }
    if !meta.finalizers.is_empty() {
        errs.extend(validate_finalizers(
            &meta.finalizers,
            &path.child("finalizers"),
        ));
    }
    errs
}

fn kube_finalizer_names(meta: &ObjectMeta) -> Vec<FieldError> {
    // No finalizer, no error: skip building the path.
    if meta.finalizers.is_empty() {
        return Vec::new();
    }
    let path = Path::new("metadata").child("finalizers");
    meta.finalizers
        .iter()
        .enumerate()
        .flat_map(|(i, f)| validate_kube_finalizer_name(f, &path.index(i)))
        .collect()
}

/// Core's `ValidateObjectMeta`: the generic rules, then core's
/// finalizer-name rule per entry.
pub fn validate_object_meta(
    meta: &ObjectMeta,
    namespaced: bool,
    name_fn: NameFn,
) -> Vec<FieldError> {
    let mut errs = generic_meta(meta, namespaced, name_fn);
    errs.extend(kube_finalizer_names(meta));
    errs
}

/// `path.ValidatePathSegmentName`: what every name must be to sit in a URL.
fn path_segment_name(name: &str, prefix: bool) -> Vec<String> {
    if !prefix && (name == "." || name == "..") {
        return vec![format!("may not be '{name}'")];
    }
    ["/", "%"]
        .iter()
        .filter(|c| name.contains(*c))
        .map(|c| format!("may not contain '{c}'"))
        .collect()
}

/// The checks the generic registry runs on every update before the kind's
/// own (`rest.BeforeUpdate` → `validateCommonFields`): the create-time meta
/// rules with URL-safe names, then the generic update rules. Label and
/// annotation errors therefore appear more than once on update, as they do
/// in the causes a real API server returns.
pub fn validate_common_update_fields(
    new: &ObjectMeta,
    old: &ObjectMeta,
    namespaced: bool,
) -> Vec<FieldError> {
    let mut errs = generic_meta(new, namespaced, path_segment_name);
    errs.extend(generic_meta_update(new, old));
    errs
}

fn time_json(t: &Option<crate::engine::objects::meta::Time>) -> String {
    match t {
        Some(t) => J::str(&t.sim().rfc3339()).render(),
        None => "null".to_string(),
    }
}

/// apimachinery's `ValidateObjectMetaAccessorUpdate`.
///
/// An empty `resourceVersion` on the new object is treated as an
/// unconditional update: every kind simulated here allows those, and the
/// API server copies the stored version in before validating, so the
/// "must be specified for an update" error cannot reach a user.
fn generic_meta_update(new: &ObjectMeta, old: &ObjectMeta) -> Vec<FieldError> {
    let path = Path::new("metadata");
    let mut errs = Vec::new();
    if old.deletion_timestamp.is_some() {
        let mut added: Vec<&String> = new
            .finalizers
            .iter()
            .filter(|f| !old.finalizers.contains(f))
            .collect();
        crate::sort::sort(&mut added);
        added.dedup();
        if !added.is_empty() {
            let list: Vec<String> = added.iter().map(|f| q(f)).collect();
            errs.push(forbidden(
                &path.child("finalizers"),
                &format!("no new finalizers can be added if the object is being deleted, found new finalizers []string{{{}}}", list.join(", ")),
            ));
        }
    }
    if new.generation < old.generation {
        errs.push(invalid(
            &path.child("generation"),
            new.generation.to_string(),
            "must not be decremented",
        ));
    }
    // The value is only rendered for an error: updates are frequent (every
    // status write), errors rare.
    let immutable =
        |errs: &mut Vec<FieldError>, field: &str, changed: bool, bad: &dyn Fn() -> String| {
            if changed {
                errs.push(invalid(&path.child(field), bad(), FIELD_IMMUTABLE));
            }
        };
    immutable(&mut errs, "name", new.name != old.name, &|| q(&new.name));
    immutable(
        &mut errs,
        "namespace",
        new.namespace != old.namespace,
        &|| q(&new.namespace),
    );
    immutable(&mut errs, "uid", new.uid != old.uid, &|| {
        J::str(&new.uid).render()
    });
    immutable(
        &mut errs,
        "creationTimestamp",
        new.creation_timestamp != old.creation_timestamp,
        &|| time_json(&new.creation_timestamp),
    );
    immutable(
        &mut errs,
        "deletionTimestamp",
        new.deletion_timestamp != old.deletion_timestamp,
        &|| time_json(&new.deletion_timestamp),
    );
    immutable(
        &mut errs,
        "deletionGracePeriodSeconds",
        new.deletion_grace_period_seconds != old.deletion_grace_period_seconds,
        &|| {
            new.deletion_grace_period_seconds
                .map_or("null".to_string(), |s| s.to_string())
        },
    );
    // As in `generic_meta`: empty lists have nothing to report.
    if !new.labels.is_empty() {
        errs.extend(validate_labels(&new.labels, &path.child("labels")));
    }
    if !new.annotations.is_empty() {
        errs.extend(validate_annotations(
            &new.annotations,
            &path.child("annotations"),
        ));
    }
    if !new.owner_references.is_empty() {
        errs.extend(validate_owner_references(
            &new.owner_references,
            &path.child("ownerReferences"),
        ));
    }
    errs
}

/// Core's `ValidateObjectMetaUpdate`: the generic update rules, then core's
/// finalizer-name rule per entry.
pub fn validate_object_meta_update(new: &ObjectMeta, old: &ObjectMeta) -> Vec<FieldError> {
    let mut errs = generic_meta_update(new, old);
    errs.extend(kube_finalizer_names(new));
    errs
}
