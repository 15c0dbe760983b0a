//! Dynamic provisioning (`provisionClaim`) and the local-path provisioner:
//! a `pvc-<uid>` volume from the claim's StorageClass, pinned to the node
//! the scheduler chose, or the provisioner's reason for refusing.

use super::*;

impl Engine {
    /// `provisionClaimOperationExternal`'s event: the claim waits for its
    /// class's provisioner.
    pub(super) fn tell_external_provisioning(&mut self, c: &Rc<PersistentVolumeClaim>) {
        let provisioner = self
            .store
            .storage_classes
            .get("", c.class_name())
            .map(|sc| sc.provisioner.clone())
            .unwrap_or_default();
        self.tell_claim(
            c,
            "Normal",
            "ExternalProvisioning",
            format!("Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."),
            PV_CONTROLLER,
        );
    }

    /// `provisionClaim`: a volume for the claim from its StorageClass.
    pub(super) fn provision_claim(&mut self, c: &Rc<PersistentVolumeClaim>) {
        let class_name = c.class_name().to_string();
        let Some(sc) = self.store.storage_classes.get("", &class_name).cloned() else {
            self.tell_claim(
                c,
                "Warning",
                "ProvisioningFailed",
                format!(
                    "storageclass.storage.k8s.io {} not found",
                    go_quote(&class_name)
                ),
                PV_CONTROLLER,
            );
            return;
        };
        if sc.provisioner.starts_with("kubernetes.io/")
            && !MIGRATED_PROVISIONERS.contains(&sc.provisioner.as_str())
        {
            // No in-tree plugin provisions any more (and the no-provisioner
            // class never did).
            self.tell_claim(
                c,
                "Warning",
                "ProvisioningFailed",
                format!("no volume plugin matched name: {}", sc.provisioner),
                PV_CONTROLLER,
            );
            return;
        }
        if !self.pv.provisioning.insert(c.metadata.uid.to_string()) {
            return;
        }
        let mut nc = (**c).clone();
        nc.metadata
            .annotations
            .insert(PROVISIONER_ANN.into(), sc.provisioner.clone().into());
        nc.metadata
            .annotations
            .insert(PROVISIONER_ANN_BETA.into(), sc.provisioner.clone().into());
        let c = match self.cluster_update(Object::PersistentVolumeClaim(Rc::new(nc))) {
            Ok(Object::PersistentVolumeClaim(c)) => c,
            _ => c.clone(),
        };
        self.tell_external_provisioning(&c);
        self.pv.told.remove(c.metadata.uid.as_str());
        let (ns, name) = (&c.metadata.namespace, &c.metadata.name);
        self.tell_claim(
            &c,
            "Normal",
            "Provisioning",
            format!("External provisioner is provisioning volume for claim \"{ns}/{name}\""),
            LOCAL_PATH_IDENTITY,
        );
        let node = c
            .metadata
            .annotations
            .get(SELECTED_NODE)
            .map(|n| n.to_string())
            .unwrap_or_default();
        self.after(
            self.config.latency.provisioning,
            Wakeup::Provisioned {
                claim: key(ns, name),
                uid: c.metadata.uid.to_string(),
                node,
            },
        );
    }

    /// The provisioner finished: make the PV and bind the claim, or say
    /// why it could not (the local-path provisioner's own checks).
    pub(crate) fn provisioned(&mut self, k: &Key, uid: &str, node: &str) {
        self.pv.provisioning.remove(uid);
        let Some(c) = self.store.pvcs.get(&k.0, &k.1).cloned() else {
            return;
        };
        if c.metadata.uid != uid
            || !c.spec.volume_name.is_empty()
            || c.status.phase == "Bound"
            || c.metadata.is_terminating()
        {
            return;
        }
        let class_name = c.class_name().to_string();
        let Some(sc) = self.store.storage_classes.get("", &class_name).cloned() else {
            return;
        };
        let local = sc.provisioner == LOCAL_PATH;
        if local {
            let refusal = if c.spec.selector.is_some() {
                Some("claim.Spec.Selector is not supported")
            } else if c.spec.access_modes.iter().any(|m| m != "ReadWriteOnce") {
                Some("Only support ReadWriteOnce access mode")
            } else if node.is_empty() {
                Some("configuration error, no node was specified")
            } else {
                None
            };
            if let Some(why) = refusal {
                self.tell_claim(
                    &c,
                    "Warning",
                    "ProvisioningFailed",
                    format!(
                        "failed to provision volume with StorageClass {}: {why}",
                        go_quote(&class_name)
                    ),
                    LOCAL_PATH_IDENTITY,
                );
                return;
            }
        }
        let name = format!("pvc-{uid}");
        let size = c.requested_storage().unwrap_or_else(|| "1Gi".into());
        let mut annotations = Labels::new();
        annotations.insert(PROVISIONED_BY.into(), sc.provisioner.clone().into());
        if local {
            annotations.insert("local.path.provisioner/selected-node".into(), node.into());
        }
        let mut extra = crate::engine::objects::common::Extra::default();
        let mut host_path = None;
        if local {
            host_path = Some(HostPathVolumeSource {
                path: format!("/var/local-path-provisioner/{name}_{}_{}", k.0, k.1),
                type_: Some(RcStr::interned("DirectoryOrCreate")),
            });
        } else if !validation::names::is_dns1123_subdomain(&sc.provisioner).is_empty() {
            // Not a CSI driver name (`k8s.io/minikube-hostpath`, the Cassandra
            // tutorial's class): a hostPath volume, as minikube's
            // storage-provisioner makes them.
            host_path = Some(HostPathVolumeSource {
                path: format!("/tmp/hostpath-provisioner/{}/{}", k.0, k.1),
                type_: Some(RcStr::default()),
            });
        } else {
            extra.insert(
                "csi".into(),
                json!({"driver": sc.provisioner, "volumeHandle": name}),
            );
        }
        let pv = PersistentVolume {
            metadata: ObjectMeta {
                name: name.clone().into(),
                annotations,
                finalizers: vec![FINALIZER_PV_PROTECTION.into()],
                ..Default::default()
            },
            spec: storage::PersistentVolumeSpec {
                capacity: [("storage".to_string(), size)].into_iter().collect(),
                access_modes: c.spec.access_modes.clone(),
                claim_ref: Some(claim_ref(&c)),
                persistent_volume_reclaim_policy: Some(
                    sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
                ),
                storage_class_name: class_name,
                volume_mode: Some(
                    c.spec
                        .volume_mode
                        .clone()
                        .unwrap_or_else(|| "Filesystem".into()),
                ),
                node_affinity: local.then(|| pinned_to(&mut self.pv.pinned_to, node)),
                host_path,
                extra,
            },
            status: Default::default(),
        };
        let Ok(Object::PersistentVolume(pv)) =
            self.cluster_create(Object::PersistentVolume(Rc::new(pv)))
        else {
            return;
        };
        self.volumes.ensure(&name);
        self.pv.told.remove(uid);
        let msg = format!("Successfully provisioned volume {name}");
        self.tell_claim(
            &c,
            "Normal",
            "ProvisioningSucceeded",
            msg,
            LOCAL_PATH_IDENTITY,
        );
        self.bind(&c, &pv);
    }
}

/// The required node affinity of a volume on `node`, shared between volumes.
fn pinned_to(cache: &mut BTreeMap<String, Rc<Value>>, node: &str) -> Rc<Value> {
    cache
        .entry(node.to_string())
        .or_insert_with(|| {
            Rc::new(
                json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [
                    {"key": "kubernetes.io/hostname", "operator": "In", "values": [node]}
                ]}]}}),
            )
        })
        .clone()
}
