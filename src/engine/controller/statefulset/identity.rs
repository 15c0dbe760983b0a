//! Pure identity helpers (stateful_set_utils.go): names, ordinals, the
//! identity and storage of a Pod, the claims a Pod needs, and the owner
//! references the retention policy asks for (R2, R6.1–R6.2, R6.10).

use std::rc::Rc;

use crate::engine::objects::*;

pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";
pub const REVISION_LABEL: &str = "controller-revision-hash";

/// `<set>-<ordinal>` (R2.2).
pub fn pod_name(set: &str, ordinal: i64) -> String {
    format!("{set}-{ordinal}")
}

/// `<template>-<set>-<ordinal>` (R6.1).
pub fn claim_name(template: &str, set: &str, ordinal: i64) -> String {
    // `format!("{template}-{set}-{ordinal}")` by hand: every sync looks up
    // the claims of its Pods by these names.
    let mut s = String::with_capacity(template.len() + set.len() + 22);
    s.push_str(template);
    s.push('-');
    s.push_str(set);
    s.push('-');
    crate::engine::rng::push_decimal(&mut s, ordinal);
    s
}

/// Splits a Pod name at its last `-<digits>` (R2.3); ordinal −1 when it
/// does not end that way or the number does not fit an int32.
pub fn parent_and_ordinal(name: &str) -> (&str, i64) {
    if let Some(i) = name.rfind('-') {
        let digits = &name[i + 1..];
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = digits.parse::<i32>() {
                return (&name[..i], i64::from(n));
            }
        }
    }
    ("", -1)
}

pub fn ordinal(pod: &Pod) -> i64 {
    parent_and_ordinal(&pod.metadata.name).1
}

pub fn is_member_of(set: &StatefulSet, pod: &Pod) -> bool {
    parent_and_ordinal(&pod.metadata.name).0 == set.metadata.name
}

pub fn in_ordinal_range(set: &StatefulSet, pod: &Pod) -> bool {
    let o = ordinal(pod);
    o >= set.start_ordinal() && o <= set.end_ordinal()
}

pub fn revision_of(pod: &Pod) -> &str {
    pod.metadata
        .labels
        .get(REVISION_LABEL)
        .map_or("", RcStr::as_str)
}

/// `identityMatches` (R2.9).
pub fn identity_matches(set: &StatefulSet, pod: &Pod) -> bool {
    let (parent, o) = parent_and_ordinal(&pod.metadata.name);
    // `name == pod_name(set, o)` without building the string: the parent
    // matches and the digits are the ordinal's canonical decimal form.
    let digits =
        &pod.metadata.name[parent.len().min(pod.metadata.name.len())..].trim_start_matches('-');
    o >= 0
        && set.metadata.name == parent
        && (digits.len() == 1 || !digits.starts_with('0'))
        && pod.metadata.namespace == set.metadata.namespace
        && pod.metadata.labels.get(POD_NAME_LABEL).map(|v| v.as_str())
            == Some(pod.metadata.name.as_str())
}

/// `claim == claim_name(template, set, ordinal)`, without allocating.
fn is_claim_name(claim: &str, template: &str, set: &str, ordinal_digits: &str) -> bool {
    claim.len() == template.len() + set.len() + ordinal_digits.len() + 2
        && claim.starts_with(template)
        && claim[template.len()..].starts_with('-')
        && claim[template.len() + 1..].starts_with(set)
        && claim[template.len() + 1 + set.len()..].starts_with('-')
        && claim.ends_with(ordinal_digits)
}

/// `storageMatches` (R2.8).
pub fn storage_matches(set: &StatefulSet, pod: &Pod) -> bool {
    let o = ordinal(pod);
    if o < 0 {
        return false;
    }
    let digits = o.to_string();
    set.spec.volume_claim_templates.iter().all(|t| {
        pod.spec.volumes.iter().any(|v| {
            v.name == t.metadata.name
                && v.persistent_volume_claim.as_ref().is_some_and(|c| {
                    is_claim_name(&c.claim_name, &t.metadata.name, &set.metadata.name, &digits)
                })
        })
    })
}

/// `updateIdentity`: name, namespace and the identity labels.
pub fn update_identity(set: &StatefulSet, pod: &mut Pod) {
    let o = ordinal(pod);
    pod.metadata.name = pod_name(&set.metadata.name, o).into();
    pod.metadata.namespace = set.metadata.namespace.clone();
    pod.metadata
        .labels
        .insert(POD_NAME_LABEL.into(), pod.metadata.name.clone());
    pod.metadata
        .labels
        .insert(POD_INDEX_LABEL.into(), o.to_string().into());
}

/// `updateStorage`: one claim volume per template, replacing a template
/// volume of the same name and keeping the others (R2.8).
pub fn update_storage(set: &StatefulSet, pod: &mut Pod) {
    let o = ordinal(pod);
    let mut claims: Vec<pod::Volume> = Vec::new();
    for t in &set.spec.volume_claim_templates {
        claims.push(pod::Volume {
            name: t.metadata.name.clone(),
            persistent_volume_claim: Some(pod::PvcVolumeSource {
                claim_name: claim_name(&t.metadata.name, &set.metadata.name, o).into(),
                read_only: false,
            }),
            ..Default::default()
        });
    }
    let mut volumes: Vec<pod::Volume> = pod
        .spec
        .volumes
        .iter()
        .filter(|v| !claims.iter().any(|c| c.name == v.name))
        .cloned()
        .collect();
    // The claim volumes come first, as `updateStorage` builds the list.
    claims.append(&mut volumes);
    pod.spec_mut().volumes = claims;
}

/// `newStatefulSetPod`: a Pod for `ordinal` from a template (R2.4–R2.8).
pub fn new_pod(set: &StatefulSet, template: &PodTemplateSpec, revision: &str, ordinal: i64) -> Pod {
    // One copy of the name for the name, its label and the hostname; the
    // owner reference shares the set's strings (10,000 Pods made 50,000
    // small strings here).
    let name = RcStr::from(pod_name(&set.metadata.name, ordinal));
    let mut meta = ObjectMeta {
        name: name.clone(),
        // `controller.GetPodFromTemplate` sets `GenerateName: "<set>-"`
        // before `newStatefulSetPod` names the Pod; the API server keeps
        // both, so `kubectl get pod web-0 -o yaml` shows `generateName: web-`.
        generate_name: RcStr::interned(&format!("{}-", set.metadata.name)),
        namespace: set.metadata.namespace.clone(),
        labels: template.metadata.labels.clone(),
        annotations: template.metadata.annotations.clone(),
        // `GetPodFromTemplate` copies the template's finalizers too (R2.7).
        finalizers: template.metadata.finalizers.clone(),
        owner_references: vec![OwnerReference {
            api_version: RcStr::interned("apps/v1"),
            kind: RcStr::interned("StatefulSet"),
            name: set.metadata.name.clone(),
            uid: set.metadata.uid.clone(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }],
        ..Default::default()
    };
    meta.labels.insert(POD_NAME_LABEL.into(), name.clone());
    meta.labels
        .insert(POD_INDEX_LABEL.into(), ordinal.to_string().into());
    meta.labels
        .insert(REVISION_LABEL.into(), RcStr::interned(revision));
    let mut pod = Pod {
        metadata: meta,
        spec: Rc::new(template.spec.clone()),
        status: Default::default(),
    };
    pod.spec_mut().hostname = name;
    pod.spec_mut().subdomain = RcStr::interned(&set.spec.service_name);
    update_storage(set, &mut pod);
    pod
}

/// The claims a Pod needs (`getPersistentVolumeClaims`, R6.2).
pub fn claims_for(set: &StatefulSet, ordinal: i64) -> Vec<PersistentVolumeClaim> {
    let selector = set
        .spec
        .selector
        .as_ref()
        .map(|s| s.match_labels.clone())
        .unwrap_or_default();
    set.spec
        .volume_claim_templates
        .iter()
        .map(|t| {
            let mut c = t.clone();
            c.metadata.name = claim_name(&t.metadata.name, &set.metadata.name, ordinal).into();
            c.metadata.namespace = set.metadata.namespace.clone();
            c.metadata.resource_version.clear();
            c.metadata.uid.clear();
            c.metadata.creation_timestamp = None;
            if c.metadata.labels.is_empty() {
                c.metadata.labels = selector.clone();
            } else {
                for (k, v) in &selector {
                    c.metadata.labels.insert(k.into(), v.clone());
                }
            }
            c.status = Default::default();
            c
        })
        .collect()
}

/// The owner references a claim should carry under the retention policy
/// (R6.10): `(set_ref, pod_ref)`.
pub fn wanted_claim_owners(set: &StatefulSet, pod: &Pod) -> (bool, bool) {
    let condemned = !in_ordinal_range(set, pod);
    let deleted = set.when_deleted() == "Delete";
    let scaled = set.when_scaled() == "Delete";
    match (deleted, scaled, condemned) {
        (false, false, _) => (false, false),
        (true, false, _) => (true, false),
        (false, true, false) => (false, false),
        (false, true, true) => (false, true),
        (true, true, false) => (true, false),
        (true, true, true) => (false, true),
    }
}

/// `matchesRef`: the reference names this object (name and API group,
/// version and kind), whatever its uid.
fn matches_ref(r: &OwnerReference, name: &str, api_version: &str, kind: &str) -> bool {
    r.api_version == api_version && r.kind == kind && r.name == name
}

fn matches_set(r: &OwnerReference, set: &StatefulSet) -> bool {
    matches_ref(r, &set.metadata.name, "apps/v1", "StatefulSet")
}

fn matches_pod(r: &OwnerReference, pod: &Pod) -> bool {
    matches_ref(r, &pod.metadata.name, "v1", "Pod")
}

/// `hasOwnerRef`: a reference with this uid, controller or not.
fn has_owner_ref(claim: &PersistentVolumeClaim, uid: &str) -> bool {
    claim.metadata.owner_references.iter().any(|r| r.uid == uid)
}

/// `hasStaleOwnerRef`: the first reference naming the object has another
/// uid (a previous object of that name).
fn has_stale_owner_ref(
    claim: &PersistentVolumeClaim,
    matches: impl Fn(&OwnerReference) -> bool,
    uid: &str,
) -> bool {
    claim
        .metadata
        .owner_references
        .iter()
        .find(|r| matches(r))
        .is_some_and(|r| r.uid != uid)
}

/// `hasUnexpectedController`: with a retention policy other than
/// Retain/Retain, a controller that is neither this set nor this Pod, or a
/// reference to this set or Pod under another uid.
pub fn has_unexpected_controller(
    claim: &PersistentVolumeClaim,
    set: &StatefulSet,
    pod: &Pod,
) -> bool {
    if set.when_deleted() == "Retain" && set.when_scaled() == "Retain" {
        return false;
    }
    claim.metadata.owner_references.iter().any(|r| {
        if matches_set(r, set) {
            return r.uid != set.metadata.uid;
        }
        if matches_pod(r, pod) {
            return r.uid != pod.metadata.uid;
        }
        r.controller == Some(true)
    })
}

/// `hasNonControllerOwner`: the set or the Pod owns the claim without
/// being its controller.
fn has_non_controller_owner(claim: &PersistentVolumeClaim, set: &StatefulSet, pod: &Pod) -> bool {
    claim.metadata.owner_references.iter().any(|r| {
        (r.uid == set.metadata.uid || r.uid == pod.metadata.uid) && r.controller != Some(true)
    })
}

/// `isClaimOwnerUpToDate`: stale references (to an earlier set or Pod of
/// the same name) are left alone; under another controller only the
/// set's and Pod's own references need to go; otherwise the references
/// must be controller references exactly as the policy asks (R6.10).
pub fn claim_owner_up_to_date(claim: &PersistentVolumeClaim, set: &StatefulSet, pod: &Pod) -> bool {
    if has_stale_owner_ref(claim, |r| matches_set(r, set), &set.metadata.uid)
        || has_stale_owner_ref(claim, |r| matches_pod(r, pod), &pod.metadata.uid)
    {
        return true;
    }
    let has_set = has_owner_ref(claim, &set.metadata.uid);
    let has_pod = has_owner_ref(claim, &pod.metadata.uid);
    if has_unexpected_controller(claim, set, pod) {
        return !has_set && !has_pod;
    }
    if has_non_controller_owner(claim, set, pod) {
        return false;
    }
    let (want_set, want_pod) = wanted_claim_owners(set, pod);
    has_set == want_set && has_pod == want_pod
}

/// `updateClaimOwnerRefForSetAndPod`: scrubs every reference naming the
/// set or the Pod, then, unless another object controls the claim, adds
/// the controller references the policy asks for.
pub fn update_claim_owners(claim: &mut PersistentVolumeClaim, set: &StatefulSet, pod: &Pod) {
    let unexpected = has_unexpected_controller(claim, set, pod);
    let refs = &mut claim.metadata.owner_references;
    refs.retain(|r| !matches_set(r, set) && !matches_pod(r, pod));
    if unexpected {
        return;
    }
    let (want_set, want_pod) = wanted_claim_owners(set, pod);
    if want_pod && !pod.metadata.uid.is_empty() && !refs.iter().any(|r| r.uid == pod.metadata.uid) {
        refs.push(OwnerReference::controller(
            "v1",
            "Pod",
            &pod.metadata.name,
            &pod.metadata.uid,
        ));
    }
    if want_set && !refs.iter().any(|r| r.uid == set.metadata.uid) {
        refs.push(OwnerReference::controller(
            "apps/v1",
            "StatefulSet",
            &set.metadata.name,
            &set.metadata.uid,
        ));
    }
}

/// `hasStaleOwnerRef` for the Pod about to be created: a claim still
/// owned by an earlier Pod of this name.
pub fn has_stale_pod_ref(claim: &PersistentVolumeClaim, pod: &Pod) -> bool {
    has_stale_owner_ref(claim, |r| matches_pod(r, pod), &pod.metadata.uid)
}

pub fn is_created(p: &Pod) -> bool {
    !p.status.phase.is_empty()
}

pub type PodRef = Rc<Pod>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_3_ordinals_parse_from_the_last_dash() {
        assert_eq!(parent_and_ordinal("web-0"), ("web", 0));
        assert_eq!(parent_and_ordinal("my-web-12"), ("my-web", 12));
        assert_eq!(parent_and_ordinal("web"), ("", -1));
        assert_eq!(parent_and_ordinal("web-x1"), ("", -1));
        assert_eq!(parent_and_ordinal("web-99999999999"), ("", -1));
    }

    #[test]
    fn r2_9_identity_and_storage_checks() {
        let mut set = StatefulSet {
            metadata: ObjectMeta::named("default", "web"),
            ..Default::default()
        };
        set.spec.volume_claim_templates.push(PersistentVolumeClaim {
            metadata: ObjectMeta::named("", "www"),
            ..Default::default()
        });
        let tpl = PodTemplateSpec::default();
        let pod = new_pod(&set, &tpl, "web-abc", 12);
        assert!(identity_matches(&set, &pod));
        assert!(storage_matches(&set, &pod));
        let mut odd = pod.clone();
        odd.metadata.name = "web-012".into();
        assert!(
            !identity_matches(&set, &odd),
            "leading zeros are not the canonical name"
        );
        let mut unlabeled = pod.clone();
        unlabeled.metadata.labels.remove(POD_NAME_LABEL);
        assert!(!identity_matches(&set, &unlabeled));
        let mut other = pod.clone();
        other.spec_mut().volumes[0]
            .persistent_volume_claim
            .as_mut()
            .unwrap()
            .claim_name = "www-web-13".into();
        assert!(!storage_matches(&set, &other));
        assert!(is_claim_name("www-web-12", "www", "web", "12"));
        assert!(!is_claim_name("www-web2-12", "www", "web", "12"));
    }

    #[test]
    fn r6_10_retention_table() {
        let mut set = StatefulSet {
            metadata: ObjectMeta::named("default", "web"),
            ..Default::default()
        };
        set.spec.replicas = Some(2);
        let pod_in = Pod {
            metadata: ObjectMeta::named("default", "web-1"),
            ..Default::default()
        };
        let pod_out = Pod {
            metadata: ObjectMeta::named("default", "web-2"),
            ..Default::default()
        };
        let mut check = |wd: &str, ws: &str, inr: (bool, bool), out: (bool, bool)| {
            set.spec.persistent_volume_claim_retention_policy =
                Some(statefulset::RetentionPolicy {
                    when_deleted: Some(wd.into()),
                    when_scaled: Some(ws.into()),
                });
            assert_eq!(
                wanted_claim_owners(&set, &pod_in),
                inr,
                "{wd}/{ws} in range"
            );
            assert_eq!(
                wanted_claim_owners(&set, &pod_out),
                out,
                "{wd}/{ws} condemned"
            );
        };
        check("Retain", "Retain", (false, false), (false, false));
        check("Delete", "Retain", (true, false), (true, false));
        check("Retain", "Delete", (false, false), (false, true));
        check("Delete", "Delete", (true, false), (false, true));
    }

    fn owner(
        api_version: &str,
        kind: &str,
        name: &str,
        uid: &str,
        ctl: Option<bool>,
    ) -> OwnerReference {
        OwnerReference {
            api_version: api_version.into(),
            kind: kind.into(),
            name: name.into(),
            uid: uid.into(),
            controller: ctl,
            block_owner_deletion: None,
        }
    }

    fn set_and_pod(when_deleted: &str, when_scaled: &str) -> (StatefulSet, Pod) {
        let mut set = StatefulSet {
            metadata: ObjectMeta::named("default", "stateful-set"),
            ..Default::default()
        };
        set.metadata.uid = "ss-456".into();
        set.spec.replicas = Some(1);
        set.spec.persistent_volume_claim_retention_policy = Some(statefulset::RetentionPolicy {
            when_deleted: Some(when_deleted.into()),
            when_scaled: Some(when_scaled.into()),
        });
        let mut pod = Pod {
            metadata: ObjectMeta::named("default", "pod-1"),
            ..Default::default()
        };
        pod.metadata.uid = "pod-123".into();
        (set, pod)
    }

    fn claim_with(refs: Vec<OwnerReference>) -> PersistentVolumeClaim {
        let mut c = PersistentVolumeClaim::default();
        c.metadata.owner_references = refs;
        c
    }

    /// TestClaimOwnerUpToDateEdgeCases (stateful_set_utils_test.go).
    #[test]
    fn r6_10_claim_owner_edge_cases() {
        let (set, pod) = set_and_pod("Delete", "Delete");
        let pod_ref = |uid: &str, ctl| owner("v1", "Pod", "pod-1", uid, ctl);
        let cases = [
            (
                "normal controller, pod",
                vec![pod_ref("pod-123", Some(true))],
                true,
            ),
            ("non-controller, pod", vec![pod_ref("pod-123", None)], false),
            (
                "stale controller, pod",
                vec![pod_ref("pod-stale", Some(true))],
                true,
            ),
            (
                "unexpected controller, pod",
                vec![
                    pod_ref("pod-123", Some(true)),
                    owner("v1", "Pod", "Random", "random", Some(true)),
                ],
                false,
            ),
        ];
        for (name, refs, up_to_date) in cases {
            assert_eq!(
                claim_owner_up_to_date(&claim_with(refs), &set, &pod),
                up_to_date,
                "{name}"
            );
        }
        let (set, pod) = set_and_pod("Delete", "Retain");
        let set_ref = |v: &str, uid: &str, ctl| owner(v, "StatefulSet", "stateful-set", uid, ctl);
        let cases = [
            (
                "normal controller, set",
                vec![set_ref("apps/v1", "ss-456", Some(true))],
                true,
            ),
            (
                "non-controller, set",
                vec![set_ref("appsv1", "ss-456", None)],
                false,
            ),
            (
                "stale controller, set",
                vec![set_ref("apps/v1", "set-stale", Some(true))],
                true,
            ),
            (
                "unexpected controller, set",
                vec![
                    set_ref("apps/v1", "ss-456", Some(true)),
                    owner("apps/v1", "StatefulSet", "Random", "random", Some(true)),
                ],
                false,
            ),
        ];
        for (name, refs, up_to_date) in cases {
            assert_eq!(
                claim_owner_up_to_date(&claim_with(refs), &set, &pod),
                up_to_date,
                "{name}"
            );
        }
    }

    /// TestUpdateClaimControllerRef (stateful_set_utils_test.go).
    #[test]
    fn r6_10_claim_controller_reference_updates() {
        let mut set = StatefulSet {
            metadata: ObjectMeta::named("default", "sts"),
            ..Default::default()
        };
        set.metadata.uid = "123".into();
        set.spec.replicas = Some(1);
        set.spec.persistent_volume_claim_retention_policy = Some(statefulset::RetentionPolicy {
            when_deleted: Some("Delete".into()),
            when_scaled: Some("Delete".into()),
        });
        let mut pod = Pod {
            metadata: ObjectMeta::named("default", "pod-0"),
            ..Default::default()
        };
        pod.metadata.uid = "456".into();
        let ours = OwnerReference::controller("apps/v1", "StatefulSet", "sts", "123");
        let other = owner("someone", "Else", "foo", "", None);
        let cases = [
            (
                "set correctly",
                vec![ours.clone(), other.clone()],
                vec![ours.clone(), other.clone()],
            ),
            (
                "missing controller",
                vec![owner("apps/v1", "StatefulSet", "sts", "123", None)],
                vec![ours.clone()],
            ),
            (
                "matching name but missing",
                vec![owner("someone", "else", "sts", "456", None)],
                vec![owner("someone", "else", "sts", "456", None), ours.clone()],
            ),
            ("not present", vec![], vec![ours.clone()]),
            (
                "controller, but no uid",
                vec![owner("apps/v1", "StatefulSet", "sts", "", Some(true))],
                vec![],
            ),
            (
                "neither controller nor uid",
                vec![owner("apps/v1", "StatefulSet", "sts", "", None)],
                vec![],
            ),
        ];
        // As the upstream test compares them: as sets.
        let key = |refs: &[OwnerReference]| {
            let mut v: Vec<String> = refs
                .iter()
                .map(|r| format!("{}/{}/{}/{:?}", r.kind, r.name, r.uid, r.controller))
                .collect();
            v.sort();
            v
        };
        for (name, refs, want) in cases {
            let mut c = claim_with(refs);
            update_claim_owners(&mut c, &set, &pod);
            assert_eq!(key(&c.metadata.owner_references), key(&want), "{name}");
        }
    }
}
