//! ControllerRevisions of a StatefulSet (R4.1–R4.4, R4.14): what a revision
//! stores (only the Pod template), its hash name, choosing the current and
//! update revisions, and history truncation.

use std::rc::Rc;

use serde_json::json;

use crate::engine::objects::*;

/// `{"spec":{"template":{…,"$patch":"replace"}}}` — the StatefulSet
/// controller's `getPatch`: only the template is part of a revision (R4.1).
pub fn revision_data(set: &StatefulSet) -> Value {
    template_patch(serde_json::to_value(&set.spec.template).unwrap_or(Value::Null))
}

/// A template as a revision's data: `{"spec":{"template":{…,"$patch":
/// "replace"}}}`, as the StatefulSet and DaemonSet controllers store it.
pub fn template_patch(mut template: Value) -> Value {
    if let Value::Object(m) = &mut template {
        m.insert("$patch".into(), Value::String("replace".into()));
    }
    json!({ "spec": { "template": template } })
}

/// The Pod template a revision holds.
pub fn template_of(rev: &ControllerRevision) -> PodTemplateSpec {
    let mut t = rev
        .data
        .pointer("/spec/template")
        .cloned()
        .unwrap_or(Value::Null);
    if let Value::Object(m) = &mut t {
        m.remove("$patch");
    }
    serde_json::from_value(t).unwrap_or_default()
}

/// 32-bit FNV-1 (Go's `hash/fnv.New32`).
fn fnv1_32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h = h.wrapping_mul(0x0100_0193);
        h ^= u32::from(*b);
    }
    h
}

/// `rand.SafeEncodeString`: each byte mapped onto a vowel-free alphabet.
fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes()
        .map(|b| ALPHANUMS[b as usize % ALPHANUMS.len()] as char)
        .collect()
}

/// `HashControllerRevision`: the decimal FNV hash of the data (and of the
/// collision count, when there is one), safely encoded.
pub fn hash(data: &Value, collision_count: Option<i64>) -> String {
    let mut bytes = serde_json::to_vec(data).unwrap_or_default();
    if let Some(c) = collision_count {
        bytes.extend_from_slice(c.to_string().as_bytes());
    }
    safe_encode(&fnv1_32(&bytes).to_string())
}

/// `ControllerRevisionName`: `<prefix>-<hash>`, prefix cut to 223 characters.
pub fn revision_name(set: &str, hash: &str) -> String {
    let prefix: String = set.chars().take(223).collect();
    format!("{prefix}-{hash}")
}

/// A new revision object for the set's current template.
pub fn new_revision(set: &StatefulSet, revision: i64, collision_count: i64) -> ControllerRevision {
    let data = revision_data(set);
    let h = hash(&data, Some(collision_count));
    let mut labels = set.spec.template.metadata.labels.clone();
    labels.insert("controller.kubernetes.io/hash".into(), h.clone().into());
    ControllerRevision {
        metadata: ObjectMeta {
            name: revision_name(&set.metadata.name, &h).into(),
            namespace: set.metadata.namespace.clone(),
            labels,
            // `newRevision` copies every annotation of the set, kubectl's
            // last-applied-configuration included.
            annotations: set.metadata.annotations.clone(),
            owner_references: vec![OwnerReference::controller(
                "apps/v1",
                "StatefulSet",
                &set.metadata.name,
                &set.metadata.uid,
            )],
            ..Default::default()
        },
        data,
        revision,
    }
}

/// Whether two revisions hold the same template (semantic comparison, R4.3).
pub fn equal(a: &ControllerRevision, b_data: &Value) -> bool {
    a.data == *b_data
}

pub type RevisionRef = Rc<ControllerRevision>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_2_hash_uses_the_safe_alphabet_and_depends_on_the_template() {
        let mut set = StatefulSet {
            metadata: ObjectMeta::named("default", "web"),
            ..Default::default()
        };
        set.spec.template.spec.containers.push(Container {
            name: "nginx".into(),
            image: "registry.k8s.io/nginx-slim:0.21".into(),
            ..Default::default()
        });
        let a = hash(&revision_data(&set), Some(0));
        set.spec.template.spec.containers[0].image = "registry.k8s.io/nginx-slim:0.24".into();
        let b = hash(&revision_data(&set), Some(0));
        assert_ne!(a, b);
        assert!(!a.is_empty() && a.len() <= 10);
        assert!(a.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
        // Changing anything but the template does not change the revision (R4.1).
        set.spec.replicas = Some(5);
        assert_eq!(hash(&revision_data(&set), Some(0)), b);
        assert_ne!(hash(&revision_data(&set), Some(1)), b);
        let rev = new_revision(&set, 1, 0);
        assert!(rev.metadata.name.starts_with("web-"));
        assert_eq!(
            template_of(&rev).spec.containers[0].image,
            "registry.k8s.io/nginx-slim:0.24"
        );
    }
}
