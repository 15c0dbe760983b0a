//! What happens to a Released volume (`reclaimVolume`): Retain keeps it,
//! Delete removes it through its deleter, or fails it when no deleter can.

use super::*;

/// How a volume's storage is deleted when its reclaim policy is Delete.
enum Deleter {
    /// Its external provisioner deletes it (here: at once).
    External,
    /// The in-tree hostPath deleter removes the directory, then the PV
    /// controller deletes the object.
    HostPath,
    /// Nothing can: the volume goes Failed with this message.
    None(String),
}

/// `findDeletablePlugin` + the hostPath deleter's own rule.
fn deleter_for(v: &PersistentVolume) -> Deleter {
    if let Some(p) = v
        .metadata
        .annotations
        .get(PROVISIONED_BY)
        .filter(|p| !p.is_empty())
    {
        if !p.starts_with("kubernetes.io/") {
            return Deleter::External;
        }
    }
    if let Some(h) = &v.spec.host_path {
        // `regexp.MustCompile("/tmp/.+").MatchString(path)`: anywhere in it.
        let ok = h
            .path
            .match_indices("/tmp/")
            .any(|(i, m)| h.path.len() > i + m.len());
        return if ok {
            Deleter::HostPath
        } else {
            Deleter::None(format!(
                "host_path deleter only supports /tmp/.+ but received provided {}",
                h.path
            ))
        };
    }
    // NFS and CSI have plugins in the controller, but not deleters; other
    // sources (local) have none at all.
    let why = if v.spec.extra.contains_key("nfs") || v.spec.extra.contains_key("csi") {
        "no deletable volume plugin matched"
    } else {
        "no volume plugin matched"
    };
    Deleter::None(format!(
        "error getting deleter volume plugin for volume {}: {why}",
        go_quote(&v.metadata.name)
    ))
}

impl Engine {
    /// `reclaimVolume`: what a Released volume's policy says. Retain keeps
    /// the volume Released, with its claimRef, until an administrator
    /// clears it; Recycle (deprecated) is not simulated: the volume stays
    /// Released too.
    pub(super) fn reclaim(&mut self, pv: &Rc<PersistentVolume>) {
        if pv.spec.persistent_volume_reclaim_policy.as_deref() != Some("Delete")
            || pv.metadata.is_terminating()
        {
            return;
        }
        let name = pv.metadata.name.to_string();
        match deleter_for(pv) {
            Deleter::External | Deleter::HostPath => {
                let _ = self.cluster_delete(Kind::PersistentVolume, "", &name, &Default::default());
                self.drop_finalizer(Kind::PersistentVolume, "", &name, FINALIZER_PV_PROTECTION);
            }
            Deleter::None(msg) => {
                if pv.status.phase != "Failed" {
                    let failed = self.set_volume_phase(pv, "Failed", &msg);
                    self.tell_volume(&failed, "Warning", "VolumeFailedDelete", msg);
                }
            }
        }
    }
}
