//! Which volume a claim can have (`pkg/controller/volume/persistentvolume`'s
//! `index.go` and `checkVolumeSatisfyClaim`): sizes in bytes, access and
//! volume modes, volumes pre-bound to a claim, the smallest fit. Shared by the
//! PV controller and the scheduler's volume binding.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::engine::apiserver::go_quote;
use crate::engine::objects::*;

pub(crate) fn quantity_bytes(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| {
            !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E')
        })
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let m = match suffix {
        "" => 1.0,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "m" => 1e-3,
        _ => return None,
    };
    Some(n * m)
}

pub(crate) fn requested_bytes(c: &PersistentVolumeClaim) -> f64 {
    c.requested_storage()
        .and_then(|q| quantity_bytes(&q))
        .unwrap_or(0.0)
}

pub(super) fn capacity_bytes(v: &PersistentVolume) -> f64 {
    v.spec
        .capacity
        .get("storage")
        .and_then(|q| quantity_bytes(q))
        .unwrap_or(0.0)
}

/// `CheckVolumeModeMismatches` (an unset mode is Filesystem).
pub(super) fn volume_mode_mismatch(c: &PersistentVolumeClaim, v: &PersistentVolume) -> bool {
    c.spec.volume_mode.as_deref().unwrap_or("Filesystem")
        != v.spec.volume_mode.as_deref().unwrap_or("Filesystem")
}

/// `CheckAccessModes`: the volume has every mode the claim asks for.
pub(super) fn access_modes_fit(c: &PersistentVolumeClaim, v: &PersistentVolume) -> bool {
    c.spec
        .access_modes
        .iter()
        .all(|m| v.spec.access_modes.contains(m))
}

/// `IsVolumeBoundToClaim`: the claimRef names the claim (and its uid, if
/// it has one).
pub(crate) fn is_volume_bound_to_claim(v: &PersistentVolume, c: &PersistentVolumeClaim) -> bool {
    let Some(r) = &v.spec.claim_ref else {
        return false;
    };
    r.name == c.metadata.name
        && r.namespace == c.metadata.namespace
        && (r.uid.is_empty() || r.uid == c.metadata.uid)
}

/// `FindMatchingVolume`: a volume pre-bound to the claim if one fits, else
/// the smallest Available one that does. `node` is the scheduler's path
/// (the volume's node affinity must admit it, access modes are checked
/// there); `delay` is the PV controller's path for WaitForFirstConsumer
/// claims, which binds only pre-bound volumes.
pub(crate) fn find_matching_volume<'a>(
    c: &PersistentVolumeClaim,
    volumes: impl IntoIterator<Item = &'a Rc<PersistentVolume>>,
    node: Option<&Node>,
    excluded: &BTreeSet<String>,
    delay: bool,
) -> Option<Rc<PersistentVolume>> {
    let want = requested_bytes(c);
    let class = c.class_name();
    let mut smallest: Option<(&Rc<PersistentVolume>, f64)> = None;
    for v in volumes {
        if excluded.contains(v.metadata.name.as_str()) {
            continue;
        }
        if v.spec.claim_ref.is_some() && !is_volume_bound_to_claim(v, c) {
            continue;
        }
        let size = capacity_bytes(v);
        if size < want || volume_mode_mismatch(c, v) || v.metadata.is_terminating() {
            continue;
        }
        let affinity_ok =
            node.is_none_or(|n| crate::engine::scheduler::volume_node_affinity_ok(v, n));
        if is_volume_bound_to_claim(v, c) {
            if !affinity_ok {
                return None;
            }
            return Some(v.clone());
        }
        if node.is_none() && delay {
            continue;
        }
        if v.status.phase != "Available"
            || c.spec
                .selector
                .as_ref()
                .is_some_and(|s| !s.matches(&v.metadata.labels))
            || v.class_name() != class
            || !affinity_ok
            || (node.is_some() && !access_modes_fit(c, v))
        {
            continue;
        }
        if smallest.is_none_or(|(_, s)| s > size) {
            smallest = Some((v, size));
        }
    }
    smallest.map(|(v, _)| v.clone())
}

/// `checkVolumeSatisfyClaim`: why a volume a claim names cannot be bound.
pub(super) fn volume_satisfies_claim(
    v: &PersistentVolume,
    c: &PersistentVolumeClaim,
) -> Result<(), String> {
    if v.metadata.is_terminating() {
        return Err(format!(
            "the volume is marked for deletion {}",
            go_quote(&v.metadata.name)
        ));
    }
    if capacity_bytes(v) < requested_bytes(c) {
        return Err("requested PV is too small".into());
    }
    if v.class_name() != c.class_name() {
        return Err("storageClassName does not match".into());
    }
    if volume_mode_mismatch(c, v) {
        return Err("incompatible volumeMode".into());
    }
    if !access_modes_fit(c, v) {
        return Err("incompatible accessMode".into());
    }
    Ok(())
}

/// The modes of a volume as the binder's index groups them (sorted, each once).
pub(super) fn mode_set(v: &PersistentVolume) -> Vec<&str> {
    let mut modes: Vec<&str> = v.spec.access_modes.iter().map(String::as_str).collect();
    crate::sort::sort(&mut modes);
    modes.dedup();
    modes
}

#[cfg(test)]
mod tests {
    use super::quantity_bytes;

    #[test]
    fn quantities_compare_by_bytes() {
        assert_eq!(quantity_bytes("1Gi"), Some(1073741824.0));
        assert!(quantity_bytes("1G").unwrap() < quantity_bytes("1Gi").unwrap());
        assert_eq!(quantity_bytes("500Mi"), Some(524288000.0));
        assert_eq!(quantity_bytes("lots"), None);
    }
}
