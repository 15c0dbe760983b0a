//! StatefulSet validation (apps `ValidateStatefulSet`,
//! `ValidateStatefulSetSpec`, `ValidateStatefulSetUpdate`; R9.1–R9.12),
//! in the order the API server reports errors.
//!
//! Internal (`pkg/apis/apps`) types carry no JSON tags, so struct values in
//! messages print with Go field names (`{"Type":"Foo","RollingUpdate":null}`).
//!
//! Since 1.34 the Pod template goes through `ValidatePodTemplateSpec` (with
//! `hostname`/`subdomain` cleared and one claim volume per
//! `volumeClaimTemplates` entry added, as the controller will do) and each
//! claim template through `ValidatePersistentVolumeClaimSpec`. Updates skip
//! the claim templates and the `serviceName` format (both immutable), and
//! skip the Pod template when the stored object already fails validation.
//!
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

use super::labels::{
    labels_json, selector_converts, selector_json, validate_label_selector, validate_labels,
};
use super::meta::{validate_annotations, validate_object_meta, validate_object_meta_update};
use super::names::{is_dns1123_label, is_valid_percent, name_is_dns_label};
use super::pod::{validate_pod_spec, validate_pod_specific_annotations};
use super::render::{forbidden, invalid, js, not_supported, q, required, Path, J};
use super::storage::validate_pvc_spec;
use crate::engine::apiserver::errors::FieldError;
use crate::engine::objects::pod::{PodTemplateSpec, PvcVolumeSource, Volume};
use crate::engine::objects::statefulset::{
    RollingUpdateStatefulSetStrategy, StatefulSetSpec, StatefulSetUpdateStrategy,
};
use crate::engine::objects::{IntOrString, StatefulSet};

pub const SPEC_UPDATE_FORBIDDEN: &str = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/// `StatefulSetValidationOptions`.
#[derive(Clone, Copy, Default)]
struct SetOpts {
    allow_invalid_service_name: bool,
    skip_pod_template_spec: bool,
    skip_volume_claim_templates: bool,
}

pub fn validate_statefulset(sts: &StatefulSet) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&sts.metadata, true, name_is_dns_label);
    errs.extend(validate_spec(
        &sts.spec,
        &Path::new("spec"),
        SetOpts::default(),
    ));
    errs
}

/// Update: metadata rules, the spec rules again (serviceName and the claim
/// templates are no longer checked, so objects stored before 1.33/1.34 stay
/// updatable; the Pod template neither when the stored spec already fails),
/// then the single `spec: Forbidden` error when anything but the mutable
/// fields changed.
pub fn validate_statefulset_update(new: &StatefulSet, old: &StatefulSet) -> Vec<FieldError> {
    let mut errs = validate_object_meta_update(&new.metadata, &old.metadata);
    let mut opts = SetOpts {
        allow_invalid_service_name: true,
        skip_volume_claim_templates: true,
        ..SetOpts::default()
    };
    if !validate_spec(&old.spec, &Path::new(""), opts).is_empty() {
        opts.skip_pod_template_spec = true;
    }
    errs.extend(validate_spec(&new.spec, &Path::new("spec"), opts));
    let mut masked = new.spec.clone();
    masked.replicas = old.spec.replicas;
    masked.template = old.spec.template.clone();
    masked.update_strategy = old.spec.update_strategy.clone();
    masked.min_ready_seconds = old.spec.min_ready_seconds;
    masked.ordinals = old.spec.ordinals.clone();
    masked.revision_history_limit = old.spec.revision_history_limit;
    masked.persistent_volume_claim_retention_policy =
        old.spec.persistent_volume_claim_retention_policy.clone();
    if !semantic_spec_eq(&masked, &old.spec) {
        errs.push(forbidden(&Path::new("spec"), SPEC_UPDATE_FORBIDDEN));
    }
    errs
}

/// `apiequality.Semantic.DeepEqual` on the remaining fields; quantities in
/// claim templates compare by value, which canonical strings already do.
fn semantic_spec_eq(a: &StatefulSetSpec, b: &StatefulSetSpec) -> bool {
    a == b
}

fn nonnegative(errs: &mut Vec<FieldError>, value: i64, path: &Path) {
    if value < 0 {
        errs.push(invalid(
            path,
            value.to_string(),
            "must be greater than or equal to 0",
        ));
    }
}

fn strategy_json(s: &StatefulSetUpdateStrategy) -> J {
    J::obj(vec![
        ("Type", J::opt_str(s.type_.as_deref())),
        (
            "RollingUpdate",
            s.rolling_update.as_ref().map_or(J::Null, rolling_json),
        ),
    ])
}

fn rolling_json(r: &RollingUpdateStatefulSetStrategy) -> J {
    J::obj(vec![
        ("Partition", J::Num(r.partition.unwrap_or(0))),
        (
            "MaxUnavailable",
            r.max_unavailable.as_ref().map_or(J::Null, J::int_or_string),
        ),
    ])
}

fn validate_spec(spec: &StatefulSetSpec, path: &Path, opts: SetOpts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match spec.pod_management_policy.as_deref().unwrap_or("") {
        "" => errs.push(required(&path.child("podManagementPolicy"), "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(invalid(
            &path.child("podManagementPolicy"),
            js(other),
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }

    let strategy = spec.update_strategy.clone().unwrap_or_default();
    let strategy_path = path.child("updateStrategy");
    match strategy.type_.as_deref().unwrap_or("") {
        "" => errs.push(required(&strategy_path, "")),
        "OnDelete" => {
            if let Some(r) = &strategy.rolling_update {
                errs.push(invalid(
                    &strategy_path.child("rollingUpdate"),
                    rolling_json(r).render(),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(r) = &strategy.rolling_update {
                errs.extend(validate_rolling_update(
                    r,
                    &strategy_path.child("rollingUpdate"),
                ));
            }
        }
        _ => errs.push(invalid(
            &strategy_path,
            strategy_json(&strategy).render(),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }

    if let Some(p) = &spec.persistent_volume_claim_retention_policy {
        let rp = path.child("persistentVolumeClaimRetentionPolicy");
        for (field, value) in [
            ("whenDeleted", &p.when_deleted),
            ("whenScaled", &p.when_scaled),
        ] {
            let v = value.as_deref().unwrap_or("");
            if v != "Retain" && v != "Delete" {
                errs.push(not_supported(
                    &rp.child(field),
                    js(v),
                    &["Retain", "Delete"],
                ));
            }
        }
    }

    if !opts.skip_volume_claim_templates {
        let vct = path.child("volumeClaimTemplates");
        for (i, claim) in spec.volume_claim_templates.iter().enumerate() {
            errs.extend(validate_pvc_spec(&claim.spec, &vct.index(i).child("spec")));
        }
    }

    nonnegative(
        &mut errs,
        spec.replicas.unwrap_or(0),
        &path.child("replicas"),
    );
    nonnegative(
        &mut errs,
        spec.min_ready_seconds.unwrap_or(0),
        &path.child("minReadySeconds"),
    );
    if let Some(o) = &spec.ordinals {
        nonnegative(&mut errs, o.start, &path.child("ordinals.start"));
    }

    if !opts.allow_invalid_service_name && !spec.service_name.is_empty() {
        for m in is_dns1123_label(&spec.service_name) {
            errs.push(invalid(
                &path.child("serviceName"),
                q(&spec.service_name),
                &m,
            ));
        }
    }

    match &spec.selector {
        None => errs.push(required(&path.child("selector"), "")),
        Some(sel) => {
            errs.extend(validate_label_selector(sel, &path.child("selector")));
            if sel.is_empty() {
                errs.push(invalid(
                    &path.child("selector"),
                    selector_json(sel).render(),
                    "empty selector is invalid for statefulset",
                ));
            }
        }
    }

    // LabelSelectorAsSelector: nil selects nothing (so the template never
    // matches), {} selects everything (no match check), and a selector that
    // cannot be converted skips the template checks.
    let template_path = path.child("template");
    let template_labels = &spec.template.metadata.labels;
    match &spec.selector {
        Some(sel) if !selector_converts(sel) => {
            errs.push(invalid(
                &path.child("selector"),
                selector_json(sel).render(),
                "",
            ));
        }
        selector => {
            let matches = match selector {
                None => false,
                Some(sel) => sel.is_empty() || sel.matches(template_labels),
            };
            if !matches {
                errs.push(invalid(
                    &template_path.child("metadata").child("labels"),
                    labels_json(template_labels),
                    "`selector` does not match template `labels`",
                ));
            }
            if !opts.skip_pod_template_spec {
                errs.extend(validate_pod_template_spec(
                    &template_to_validate(spec),
                    &template_path,
                ));
            }
            let annotations = &spec.template.metadata.annotations;
            errs.extend(validate_labels(
                template_labels,
                &template_path.child("labels"),
            ));
            errs.extend(validate_annotations(
                annotations,
                &template_path.child("annotations"),
            ));
            errs.extend(validate_pod_specific_annotations(
                annotations,
                &spec.template.spec,
                &template_path.child("annotations"),
            ));
        }
    }

    let restart = spec.template.spec.restart_policy.as_deref().unwrap_or("");
    if restart != "Always" {
        errs.push(not_supported(
            &template_path.child("spec").child("restartPolicy"),
            js(restart),
            &["Always"],
        ));
    }
    if spec.template.spec.active_deadline_seconds.is_some() {
        errs.push(forbidden(
            &template_path.child("spec").child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in StatefulSet is not Supported",
        ));
    }
    errs
}

/// The template as the controller will fill it in: `hostname` and
/// `subdomain` are overwritten per Pod, and each claim template becomes a
/// `persistentVolumeClaim` volume of the same name, replacing a template
/// volume of that name. Upstream collects the claim volumes in a Go map, so
/// their order is random; here it is the claim templates' order.
fn template_to_validate(spec: &StatefulSetSpec) -> PodTemplateSpec {
    let mut t = spec.template.clone();
    t.spec.hostname = Default::default();
    t.spec.subdomain = Default::default();
    if !spec.volume_claim_templates.is_empty() {
        let mut volumes: Vec<Volume> = Vec::new();
        for claim in &spec.volume_claim_templates {
            let name = claim.metadata.name.as_str();
            if volumes.iter().any(|v| v.name == name) {
                continue;
            }
            volumes.push(Volume {
                name: name.into(),
                persistent_volume_claim: Some(PvcVolumeSource {
                    claim_name: name.into(),
                    read_only: false,
                }),
                ..Volume::default()
            });
        }
        let claims = volumes.len();
        for v in &t.spec.volumes {
            if !volumes[..claims].iter().any(|c| c.name == v.name) {
                volumes.push(v.clone());
            }
        }
        t.spec.volumes = volumes;
    }
    t
}

/// `ValidatePodTemplateSpec`: the template's labels and annotations, its
/// Pod spec, and no ephemeral containers. (The image-whitespace rule is
/// for Pods only; templates may carry a blank image.)
fn validate_pod_template_spec(t: &PodTemplateSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_labels(&t.metadata.labels, &path.child("labels"));
    errs.extend(validate_annotations(
        &t.metadata.annotations,
        &path.child("annotations"),
    ));
    errs.extend(validate_pod_specific_annotations(
        &t.metadata.annotations,
        &t.spec,
        &path.child("annotations"),
    ));
    let spec_path = path.child("spec");
    errs.extend(validate_pod_spec(&t.spec, &spec_path, false));
    if !t.spec.ephemeral_containers.is_empty() {
        errs.push(forbidden(
            &spec_path.child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

fn validate_rolling_update(r: &RollingUpdateStatefulSetStrategy, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    nonnegative(
        &mut errs,
        r.partition.unwrap_or(0),
        &path.child("partition"),
    );
    if let Some(mu) = &r.max_unavailable {
        let mp = path.child("maxUnavailable");
        errs.extend(validate_positive_int_or_percent(mu, &mp));
        if int_or_percent_value(mu) == 0 {
            errs.push(invalid(&mp, J::int_or_string(mu).render(), "cannot be 0"));
        }
        errs.extend(is_not_more_than_100_percent(mu, &mp));
    }
    errs
}

/// `ValidatePositiveIntOrPercent`: a valid percent, or a number ≥ 0.
pub(super) fn validate_positive_int_or_percent(v: &IntOrString, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match v {
        IntOrString::Str(s) => {
            for m in is_valid_percent(s) {
                errs.push(invalid(path, J::int_or_string(v).render(), &m));
            }
        }
        IntOrString::Int(n) => nonnegative(&mut errs, *n, path),
    }
    errs
}

/// `IsNotMoreThan100Percent`.
pub(super) fn is_not_more_than_100_percent(v: &IntOrString, path: &Path) -> Vec<FieldError> {
    match percent_value(v) {
        Some(p) if p > 100 => vec![invalid(
            path,
            J::int_or_string(v).render(),
            "must not be greater than 100%",
        )],
        _ => Vec::new(),
    }
}

/// `getPercentValue`: the number before '%' of a valid percent string.
fn percent_value(v: &IntOrString) -> Option<i64> {
    match v {
        IntOrString::Str(s) if is_valid_percent(s).is_empty() => {
            Some(s[..s.len() - 1].parse().unwrap_or(i64::MAX))
        }
        _ => None,
    }
}

/// `getIntOrPercentValue`: the percent, or `IntValue()` (which parses a
/// non-percent string with Atoi and yields 0 when that fails).
fn int_or_percent_value(v: &IntOrString) -> i64 {
    match (percent_value(v), v) {
        (Some(p), _) => p,
        (None, IntOrString::Int(n)) => *n,
        (None, IntOrString::Str(s)) => go_atoi(s),
    }
}

/// `strconv.Atoi` with its error dropped: a well-formed number out of
/// range is clamped to the nearest bound (not 0), anything else is 0.
fn go_atoi(s: &str) -> i64 {
    if let Ok(n) = s.parse::<i64>() {
        return n;
    }
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        0
    } else if negative {
        i64::MIN
    } else {
        i64::MAX
    }
}
