//! `kubectl describe` for PersistentVolumeClaim (with the Pods using it),
//! PersistentVolume (with its node affinity and source) and StorageClass.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

use serde_json::Value;

use super::{annotations, labels, object_events, since, Writer};
use crate::console::printers::columns::{
    access_modes, claim_class, is_default_class, volume_class,
};
use crate::console::printers::table::format_labels;
use crate::engine::objects::{Object, PersistentVolume, PersistentVolumeClaim, StorageClass};
use crate::engine::Engine;

fn finalizers(list: &[String]) -> String {
    format!("[{}]", list.join(" "))
}

pub(crate) fn describe_pvc(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(c) = obj.downcast::<PersistentVolumeClaim>() else {
        return;
    };
    let m = &c.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    w.write(0, &format!("StorageClass:\t{}\n", claim_class(c)));
    if m.deletion_timestamp.is_some() {
        w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                since(engine.now(), m.deletion_timestamp)
            ),
        );
    } else {
        w.write(0, &format!("Status:\t{}\n", c.status.phase));
    }
    w.write(0, &format!("Volume:\t{}\n", c.spec.volume_name));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, &format!("Finalizers:\t{}\n", finalizers(&m.finalizers)));
    let (capacity, modes) = if c.spec.volume_name.is_empty() {
        (String::new(), String::new())
    } else {
        (
            c.status
                .capacity
                .get("storage")
                .cloned()
                .unwrap_or_else(|| "0".into()),
            access_modes(&c.status.access_modes),
        )
    };
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    w.write(0, &format!("Access Modes:\t{modes}\n"));
    // The API server defaults volumeMode to Filesystem.
    w.write(
        0,
        &format!(
            "VolumeMode:\t{}\n",
            c.spec.volume_mode.as_deref().unwrap_or("Filesystem")
        ),
    );
    if let Some(ds) = c.spec.extra.get("dataSource").filter(|d| !d.is_null()) {
        let s = |k: &str| ds.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        w.write(0, "DataSource:\n");
        if ds.get("apiGroup").is_some() {
            w.write(1, &format!("APIGroup:\t{}\n", s("apiGroup")));
        }
        w.write(1, &format!("Kind:\t{}\n", s("kind")));
        w.write(1, &format!("Name:\t{}\n", s("name")));
    }
    used_by(engine, c, w);
    object_events(engine, w, obj);
}

/// `getPodsForPVC` + `printPodsMultiline`: Pods mounting the claim, by name.
fn used_by(engine: &Engine, c: &PersistentVolumeClaim, w: &mut Writer) {
    let mut pods: Vec<&str> = engine
        .store()
        .pods
        .in_namespace(&c.metadata.namespace)
        .filter(|p| p.claim_names().any(|n| *n == c.metadata.name))
        .map(|p| p.metadata.name.as_str())
        .collect();
    crate::sort::sort(&mut pods);
    w.write(0, "Used By:\t");
    if pods.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, p) in pods.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{p}\n"));
    }
}

pub(crate) fn describe_pv(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(v) = obj.downcast::<PersistentVolume>() else {
        return;
    };
    let m = &v.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    labels(w, "Labels", &m.labels);
    annotations(w, "Annotations", &m.annotations);
    w.write(0, &format!("Finalizers:\t{}\n", finalizers(&m.finalizers)));
    w.write(0, &format!("StorageClass:\t{}\n", volume_class(v)));
    if m.deletion_timestamp.is_some() {
        w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                since(engine.now(), m.deletion_timestamp)
            ),
        );
    } else {
        w.write(0, &format!("Status:\t{}\n", v.status.phase));
    }
    let claim = v
        .spec
        .claim_ref
        .as_ref()
        .map(|r| format!("{}/{}", r.namespace, r.name))
        .unwrap_or_default();
    w.write(0, &format!("Claim:\t{claim}\n"));
    w.write(
        0,
        &format!(
            "Reclaim Policy:\t{}\n",
            v.spec
                .persistent_volume_reclaim_policy
                .as_deref()
                .unwrap_or("Retain")
        ),
    );
    w.write(
        0,
        &format!("Access Modes:\t{}\n", access_modes(&v.spec.access_modes)),
    );
    w.write(
        0,
        &format!(
            "VolumeMode:\t{}\n",
            v.spec.volume_mode.as_deref().unwrap_or("Filesystem")
        ),
    );
    w.write(
        0,
        &format!(
            "Capacity:\t{}\n",
            v.spec
                .capacity
                .get("storage")
                .cloned()
                .unwrap_or_else(|| "0".into())
        ),
    );
    node_affinity(w, v.spec.node_affinity.as_deref());
    w.write(0, &format!("Message:\t{}\n", v.status.message));
    w.write(0, "Source:\n");
    let s = |val: &Value, k: &str| val.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    if let Some(h) = &v.spec.host_path {
        let t = h.type_.as_deref().unwrap_or("<none>");
        w.write(
            2,
            &format!(
                "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n",
                h.path
            ),
        );
    } else if let Some(l) = v.spec.extra.get("local") {
        w.write(
            2,
            &format!(
                "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n",
                s(l, "path")
            ),
        );
    } else if let Some(n) = v.spec.extra.get("nfs") {
        w.write(
            2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                s(n, "server"),
                s(n, "path"),
                n.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
            ),
        );
    } else if let Some(c) = v.spec.extra.get("csi") {
        w.write(
            2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    VolumeHandle:\t{}\n    ReadOnly:\t{}\n",
                s(c, "driver"),
                s(c, "fsType"),
                s(c, "volumeHandle"),
                c.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
            ),
        );
        csi_attributes(w, c.get("volumeAttributes"));
    } else {
        w.write(1, "<unknown>\n");
    }
    object_events(engine, w, obj);
}

/// `printCSIPersistentVolumeAttributesMultiline`: `VolumeAttributes:` and
/// one `key=value` per line, by key, each cut at 140 characters.
fn csi_attributes(w: &mut Writer, attributes: Option<&Value>) {
    w.write(2, "VolumeAttributes:\t");
    let attrs = attributes
        .and_then(Value::as_object)
        .filter(|m| !m.is_empty());
    let Some(attrs) = attrs else {
        w.line("<none>");
        return;
    };
    let mut keys: Vec<&String> = attrs.keys().collect();
    crate::sort::sort(&mut keys);
    for (i, k) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(2, "");
            w.write(2, "\t");
        }
        let value = attrs[k]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| attrs[k].to_string());
        let line = format!("{k}={value}");
        if line.len() > 140 {
            let cut = (0..=140)
                .rev()
                .find(|&i| line.is_char_boundary(i))
                .unwrap_or(0);
            w.write(0, &format!("{}...\n", &line[..cut]));
        } else {
            w.write(0, &format!("{line}\n"));
        }
    }
}

/// `printVolumeNodeAffinity`.
fn node_affinity(w: &mut Writer, affinity: Option<&Value>) {
    w.write(0, "Node Affinity:\t");
    let Some(required) = affinity
        .and_then(|a| a.get("required"))
        .filter(|r| !r.is_null())
    else {
        w.line("<none>");
        return;
    };
    w.line("");
    w.write(1, "Required Terms:\t");
    let terms = required
        .get("nodeSelectorTerms")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if terms.is_empty() {
        w.line("<none>");
        return;
    }
    w.line("");
    for (i, term) in terms.iter().enumerate() {
        w.write(2, &format!("Term {i}:\t"));
        let exprs = term
            .get("matchExpressions")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if exprs.is_empty() {
            w.line("<none>");
            continue;
        }
        for (j, e) in exprs.iter().enumerate() {
            if j != 0 {
                w.write(2, "\t");
            }
            let key = e.get("key").and_then(Value::as_str).unwrap_or("");
            let op = e
                .get("operator")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            let values: Vec<&str> = e
                .get("values")
                .and_then(Value::as_array)
                .map(|v| v.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut expr = format!("{key} {op}");
            if !values.is_empty() {
                expr.push_str(&format!(" [{}]", values.join(", ")));
            }
            w.write(0, &format!("{expr}\n"));
        }
    }
}

pub(crate) fn describe_storageclass(engine: &Engine, obj: &Object, w: &mut Writer) {
    let Some(sc) = obj.downcast::<StorageClass>() else {
        return;
    };
    let m = &sc.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(
        0,
        &format!(
            "IsDefaultClass:\t{}\n",
            if is_default_class(sc) { "Yes" } else { "No" }
        ),
    );
    w.write(
        0,
        &format!("Annotations:\t{}\n", format_labels(&m.annotations)),
    );
    w.write(0, &format!("Provisioner:\t{}\n", sc.provisioner));
    w.write(
        0,
        &format!(
            "Parameters:\t{}\n",
            format_labels(
                &sc.parameters
                    .iter()
                    .map(|(k, v)| (k.clone(), v.into()))
                    .collect()
            )
        ),
    );
    let expansion = match sc.allow_volume_expansion {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("AllowVolumeExpansion:\t{expansion}\n"));
    if sc.mount_options.is_empty() {
        w.write(0, "MountOptions:\t<none>\n");
    } else {
        w.write(0, "MountOptions:\n");
        for o in &sc.mount_options {
            w.write(1, &format!("{o}\n"));
        }
    }
    if let Some(p) = &sc.reclaim_policy {
        w.write(0, &format!("ReclaimPolicy:\t{p}\n"));
    }
    if let Some(b) = &sc.volume_binding_mode {
        w.write(0, &format!("VolumeBindingMode:\t{b}\n"));
    }
    if let Some(Value::Array(terms)) = &sc.allowed_topologies {
        w.write(0, "AllowedTopologies:\t");
        if terms.is_empty() {
            w.line("<none>");
        } else {
            w.line("");
            for (i, term) in terms.iter().enumerate() {
                w.write(1, &format!("Term {i}:\t"));
                let reqs = term
                    .get("matchLabelExpressions")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                if reqs.is_empty() {
                    w.line("<none>");
                    continue;
                }
                for (j, r) in reqs.iter().enumerate() {
                    if j != 0 {
                        w.write(1, "\t");
                    }
                    let key = r.get("key").and_then(Value::as_str).unwrap_or("");
                    let values: Vec<&str> = r
                        .get("values")
                        .and_then(Value::as_array)
                        .map(|v| v.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let mut expr = format!("{key} in");
                    if !values.is_empty() {
                        expr.push_str(&format!(" [{}]", values.join(", ")));
                    }
                    w.write(0, &format!("{expr}\n"));
                }
            }
        }
    }
    object_events(engine, w, obj);
}
