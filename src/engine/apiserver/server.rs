//! Create, update and delete as the API server performs them: admission
//! (defaulting, validation, the admission plugins Ordinal's objects meet),
//! uid / resourceVersion / generation bookkeeping, status subresources,
//! graceful deletion, finalizers and deletion propagation (R1, R9, R11.5).

use std::rc::Rc;

use serde_json::json;

use super::errors::{ApiError, FieldError};
use crate::engine::objects::*;
use crate::engine::time::SimTime;
use crate::engine::{Actor, Engine};

/// `--cascade`: what happens to the objects a deleted object owns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    #[default]
    Background,
    Foreground,
    Orphan,
}

impl Propagation {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "background" | "Background" | "true" => Some(Propagation::Background),
            "foreground" | "Foreground" => Some(Propagation::Foreground),
            "orphan" | "Orphan" | "false" => Some(Propagation::Orphan),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// `--grace-period`; None uses the object's own (Pods: terminationGracePeriodSeconds).
    pub grace_period_seconds: Option<i64>,
    pub propagation: Propagation,
    /// Only delete the object with this uid (`kubectl wait --for=delete` style safety).
    pub uid: Option<String>,
}

pub const FINALIZER_ORPHAN: &str = "orphan";
pub const FINALIZER_FOREGROUND: &str = "foregroundDeletion";
pub const FINALIZER_PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
pub const FINALIZER_PV_PROTECTION: &str = "kubernetes.io/pv-protection";
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Kinds whose `status` is a subresource: a normal update keeps the stored status.
fn has_status_subresource(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Pod
            | Kind::StatefulSet
            | Kind::Service
            | Kind::PersistentVolumeClaim
            | Kind::PersistentVolume
            | Kind::Node
            | Kind::Namespace
    ) || !kind.is_simulated()
}

/// Kinds whose `metadata.generation` tracks spec changes. An EndpointSlice
/// has no spec: its strategy counts a change of anything but metadata, or
/// of its labels (`endpointSliceStrategy.PrepareForUpdate`).
fn tracks_generation(kind: Kind) -> bool {
    matches!(kind, Kind::StatefulSet | Kind::Pod | Kind::EndpointSlice)
        || matches!(
            kind,
            Kind::Deployment
                | Kind::ReplicaSet
                | Kind::DaemonSet
                | Kind::Job
                | Kind::CronJob
                | Kind::PodDisruptionBudget
                | Kind::HorizontalPodAutoscaler
        )
}

fn spec_of(v: &Value) -> Value {
    let mut v = v.clone();
    if let Value::Object(m) = &mut v {
        m.remove("metadata");
        m.remove("status");
        m.remove("apiVersion");
        m.remove("kind");
    }
    v
}

impl Engine {
    /// Creates an object as `kubectl create` / `apply` of a new object does.
    /// Controllers react within the same instant.
    pub fn create(&mut self, obj: Object) -> Result<Object, ApiError> {
        self.user_request(|e| {
            e.warn_deprecated(obj.kind());
            e.do_create(obj)
        })
    }

    /// Replaces an object's metadata and spec (`kubectl replace`, the update
    /// half of `apply` and `patch`). The stored status is kept for kinds
    /// with a status subresource. Controllers react within the same instant.
    pub fn update(&mut self, obj: Object) -> Result<Object, ApiError> {
        self.user_request(|e| {
            e.warn_deprecated(obj.kind());
            e.do_update(obj)
        })
    }

    /// Writes only the status (`PATCH …/status`, `kubectl patch
    /// --subresource=status`): spec and metadata stay as stored, as the
    /// status strategies' `PrepareForUpdate` keeps them. Kinds without a
    /// status subresource are not found there.
    pub fn update_status(&mut self, obj: Object) -> Result<Object, ApiError> {
        self.user_request(|e| e.do_update_status(obj))
    }

    /// The stored object an update replaces: NotFound if there is none,
    /// Conflict if the update names an older resourceVersion.
    pub(super) fn stored_for_update(
        &self,
        obj: &Object,
        ns: &str,
        name: &str,
    ) -> Result<Object, ApiError> {
        let kind = obj.kind();
        let old = self.get(kind, ns, name)?;
        let rv = &obj.meta().resource_version;
        if !rv.is_empty() && *rv != old.meta().resource_version {
            return Err(ApiError::Conflict {
                kind,
                name: name.to_string(),
                detail: "the object has been modified; please apply your changes to the latest version and try again".into(),
            });
        }
        Ok(old)
    }

    fn do_update_status(&mut self, obj: Object) -> Result<Object, ApiError> {
        let kind = obj.kind();
        if !has_status_subresource(kind) || !kind.is_simulated() {
            return Err(ApiError::NotFound {
                kind,
                name: obj.name().to_string(),
            });
        }
        let ns = if kind.namespaced() {
            obj.namespace().to_string()
        } else {
            String::new()
        };
        let name = obj.name().to_string();
        let old = self.stored_for_update(&obj, &ns, &name)?;
        let mut merged = old.to_value();
        let status = obj.to_value().get("status").cloned().unwrap_or_default();
        if merged.get("status") == Some(&status) {
            return Ok(old);
        }
        merged["status"] = status;
        let new = Object::from_value(kind, merged).map_err(ApiError::BadRequest)?;
        Ok(self.store.write(new))
    }

    /// Deletes an object as `kubectl delete` does: graceful for scheduled
    /// Pods, held by finalizers, with the asked propagation. Returns the
    /// object as it stands after the request (None if it is gone).
    pub fn delete(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<Option<Object>, ApiError> {
        self.user_request(|e| {
            e.warn_deprecated(kind);
            e.do_delete(kind, namespace, name, opts)
        })
    }

    /// The deprecation warning the API server's handler adds to every
    /// request for a deprecated resource, answered or refused (R7.10).
    fn warn_deprecated(&mut self, kind: Kind) {
        if let Some(w) = super::warnings::deprecated(kind) {
            self.warn(vec![w.to_string()]);
        }
    }

    /// Keeps the warnings of a user's write for kubectl to print (at most
    /// a few: a client that never takes them does not grow the engine).
    fn warn(&mut self, warnings: Vec<String>) {
        if self.actor == Actor::User {
            for w in warnings {
                if self.warnings.len() < 16 {
                    self.warnings.push(w);
                }
            }
        }
    }

    /// The warnings the API server sent with the user's writes since the
    /// last call, oldest first (kubectl prints them as `Warning: …`).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    pub(super) fn user_request<T>(&mut self, f: impl FnOnce(&mut Engine) -> T) -> T {
        self.settle();
        self.actor = Actor::User;
        let r = f(self);
        self.settle();
        self.actor = Actor::Cluster;
        r
    }

    /// Reads an object.
    pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Result<Object, ApiError> {
        let ns = if kind.namespaced() { namespace } else { "" };
        self.store
            .get_dyn(kind, ns, name)
            .ok_or_else(|| ApiError::NotFound {
                kind,
                name: name.to_string(),
            })
    }

    /// Lists a kind in one namespace or all namespaces, ordered by namespace and name.
    pub fn list(&self, kind: Kind, namespace: Option<&str>) -> Vec<Object> {
        let ns = if kind.namespaced() { namespace } else { None };
        self.store.list_dyn(kind, ns)
    }

    /// `creating`: the name of the object a create request brings (the
    /// NamespaceLifecycle plugin refuses new content in a terminating
    /// namespace).
    pub(super) fn check_namespace(
        &self,
        kind: Kind,
        ns: &str,
        creating: Option<&str>,
    ) -> Result<(), ApiError> {
        if !kind.namespaced() {
            return Ok(());
        }
        if ns.is_empty() {
            return Err(ApiError::BadRequest(
                "the server could not find the requested resource".into(),
            ));
        }
        match self.store.namespaces.get("", ns) {
            None => Err(ApiError::NamespaceNotFound { namespace: ns.to_string() }),
            Some(n) if creating.is_some() && n.metadata.is_terminating() => Err(ApiError::Forbidden(format!(
                "{} {} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                kind.resource_name(),
                super::go_quote(creating.unwrap_or_default()),
            ))),
            _ => Ok(()),
        }
    }

    fn do_create(&mut self, mut obj: Object) -> Result<Object, ApiError> {
        let kind = obj.kind();
        if !kind.namespaced() {
            obj.meta_mut().namespace.clear();
        }
        let ns = obj.namespace().to_string();
        let name = obj.name().to_string();
        self.check_namespace(kind, &ns, Some(&name))?;
        let generated = obj.name().is_empty();
        if generated {
            let gen = obj.meta().generate_name.clone();
            if gen.is_empty() {
                return Err(ApiError::Invalid {
                    kind,
                    name: String::new(),
                    causes: vec![FieldError::required(
                        "metadata.name",
                        "name or generateName is required",
                    )],
                });
            }
            let suffix = self.rng.name_suffix(5);
            obj.meta_mut().name = format!("{gen}{suffix}").into();
        }
        if self.store.object_count() >= self.config.limits.max_objects {
            return Err(ApiError::LimitExceeded(format!(
                "Ordinal holds at most {} objects (limit max_objects); delete some before creating more",
                self.config.limits.max_objects
            )));
        }
        if let Some(msg) = super::validation::decode_error(&obj) {
            return Err(ApiError::BadRequest(msg));
        }
        self.admit_create(&mut obj, generated)?;
        super::defaults::apply_defaults(&mut obj);
        if let Object::Pod(p) = &mut obj {
            // Admission and defaulting pushed onto the lists (a volume, a
            // mount, tolerations), leaving room for four of each: at 10,000
            // Pods that slack was 5 MB.
            Rc::make_mut(p).spec_mut().shrink_to_fit();
        }
        if self.store.get_dyn(kind, &ns, obj.name()).is_some() {
            return Err(ApiError::AlreadyExists {
                kind,
                name: obj.name().to_string(),
            });
        }
        self.check_limits(&obj)?;
        // The registry's create step (ClusterIP allocation) runs before validation.
        self.registry_create(&mut obj)?;
        let errs = super::validation::validate_create(&obj);
        if !errs.is_empty() {
            if let Object::Service(s) = &obj {
                self.network.release_service(s);
            }
            return Err(ApiError::Invalid {
                kind,
                name: obj.name().to_string(),
                causes: errs,
            });
        }
        // Only the user's writes show warnings: the controllers' and the
        // kubelet's (every status write) skip computing them.
        self.admit_priority_class(&obj, true)?;
        if self.actor == Actor::User {
            self.warn(super::warnings::on_create(&obj));
        }
        let uid = self.rng.uuid();
        let now = self.now.trunc_secs();
        let m = obj.meta_mut();
        m.uid = uid.into();
        m.creation_timestamp = Some(Time::new(now));
        m.deletion_timestamp = None;
        m.deletion_grace_period_seconds = None;
        m.generation = if tracks_generation(kind) { 1 } else { 0 };
        super::defaults::daemonset_template_generation(&mut obj, None);
        Ok(self.store.write(obj))
    }

    fn do_update(&mut self, mut obj: Object) -> Result<Object, ApiError> {
        let kind = obj.kind();
        if !kind.namespaced() {
            obj.meta_mut().namespace.clear();
        }
        let ns = obj.namespace().to_string();
        let name = obj.name().to_string();
        self.check_namespace(kind, &ns, None)?;
        let old = self.stored_for_update(&obj, &ns, &name)?;
        let uid = obj.meta().uid.clone();
        if !uid.is_empty() && uid != old.meta().uid {
            return Err(ApiError::Conflict {
                kind,
                name,
                detail: format!(
                    "Precondition failed: UID in precondition: {}, UID in object meta: {uid}",
                    old.meta().uid
                ),
            });
        }
        // Fields the server owns.
        {
            let o = old.meta();
            let m = obj.meta_mut();
            m.uid = o.uid.clone();
            m.creation_timestamp = o.creation_timestamp;
            m.deletion_timestamp = o.deletion_timestamp;
            m.deletion_grace_period_seconds = o.deletion_grace_period_seconds;
            m.generation = o.generation;
            m.resource_version = o.resource_version.clone();
            m.generate_name = if m.generate_name.is_empty() {
                o.generate_name.clone()
            } else {
                m.generate_name.clone()
            };
        }
        if let Some(msg) = super::validation::decode_error(&obj) {
            return Err(ApiError::BadRequest(msg));
        }
        // Claims and volumes (the binder's and the scheduler's frequent
        // writes) come out of a JSON round trip exactly as they went in
        // (plain data, whole-second times; checked by tests/engine_fingerprint.rs),
        // so for them the typed object stands for its JSON below.
        let plain = matches!(kind, Kind::PersistentVolumeClaim | Kind::PersistentVolume);
        if has_status_subresource(kind) {
            obj = if plain {
                with_status_typed(obj, &old)
            } else {
                with_status_of(obj, &old)
            };
        }
        self.registry_update(&mut obj, &old);
        super::defaults::apply_defaults(&mut obj);
        let mut errs = super::validation::validate_update(&obj, &old);
        self.check_limits(&obj)?;
        if old.meta().is_terminating() {
            // Finalizers may only be removed from an object being deleted.
            let added: Vec<&String> = obj
                .meta()
                .finalizers
                .iter()
                .filter(|f| !old.meta().finalizers.contains(f))
                .collect();
            if !added.is_empty() {
                errs.push(FieldError::forbidden("metadata.finalizers", format!("no new finalizers can be added if the object is being deleted, found new finalizers []string{{{}}}", added.iter().map(|f| super::go_quote(f)).collect::<Vec<_>>().join(", "))));
            }
        }
        if !errs.is_empty() {
            return Err(ApiError::Invalid {
                kind,
                name,
                causes: errs,
            });
        }
        if self.actor == Actor::User {
            self.warn(super::warnings::on_update(&obj, &old));
        }
        self.validating_admission(&obj, &old)?;
        super::defaults::daemonset_template_generation(&mut obj, Some(&old));
        let unchanged = if plain && !tracks_generation(kind) {
            obj == old
        } else {
            let old_v = old.to_value();
            let new_v = obj.to_value();
            let labels_moved = kind == Kind::EndpointSlice
                && old_v.pointer("/metadata/labels") != new_v.pointer("/metadata/labels");
            if tracks_generation(kind) && (spec_of(&old_v) != spec_of(&new_v) || labels_moved) {
                obj.meta_mut().generation += 1;
            }
            old_v == new_v
        };
        if unchanged {
            // A no-op write: the API server returns the object unchanged (no new resourceVersion).
            return Ok(old);
        }
        let written = self.store.write(obj);
        self.finalize_if_done(kind, &ns, &name);
        Ok(self.store.get_dyn(kind, &ns, &name).unwrap_or(written))
    }

    fn do_delete(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<Option<Object>, ApiError> {
        let ns = if kind.namespaced() { namespace } else { "" };
        self.check_namespace(kind, ns, None)?;
        let obj = self.get(kind, ns, name)?;
        self.check_priority_class_delete(kind, name)?;
        // The NamespaceLifecycle admission plugin's immortal namespaces.
        if kind == Kind::Namespace && matches!(name, "default" | "kube-system" | "kube-public") {
            return Err(ApiError::Forbidden(format!(
                "namespaces {} is forbidden: this namespace may not be deleted",
                super::go_quote(name)
            )));
        }
        if let Some(uid) = &opts.uid {
            if *uid != obj.meta().uid {
                return Err(ApiError::Conflict {
                    kind,
                    name: name.to_string(),
                    detail: format!(
                        "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                        obj.meta().uid
                    ),
                });
            }
        }
        let mut obj = obj;
        let grace = self.grace_for(&obj, opts);
        let already = obj.meta().deletion_timestamp;
        // Propagation finalizers go on first (R3.15).
        if already.is_none() {
            match opts.propagation {
                Propagation::Orphan => add_finalizer(&mut obj, FINALIZER_ORPHAN),
                Propagation::Foreground => add_finalizer(&mut obj, FINALIZER_FOREGROUND),
                Propagation::Background => {}
            }
        }
        let m = obj.meta_mut();
        match already {
            Some(t) => {
                // A second delete may only shorten a Pod's grace period
                // (rest.BeforeDelete): a shorter period moves the deadline
                // to the first deletion plus the new period, which may be
                // past. A Pod whose period is already 0 (the kubelet is
                // done, finalizers hold it) is deleted as without one.
                let period = m.deletion_grace_period_seconds.unwrap_or(0);
                if kind != Kind::Pod {
                    return Ok(Some(obj));
                }
                if period > 0 {
                    if opts.grace_period_seconds.is_none() || grace >= period {
                        return Ok(Some(obj));
                    }
                    let ms = (t.sim().as_ms() as i64 + (grace - period) * 1000).max(0);
                    m.deletion_timestamp = Some(Time::new(
                        SimTime::ZERO + crate::engine::time::SimDuration::ms(ms as u64),
                    ));
                    m.deletion_grace_period_seconds = Some(grace);
                }
            }
            None => {
                m.deletion_timestamp = Some(Time::new(
                    self.now.trunc_secs()
                        + crate::engine::time::SimDuration::secs(grace.max(0) as u64),
                ));
                m.deletion_grace_period_seconds = Some(grace);
            }
        }
        // A Namespace waits for the namespace controller to empty it.
        if already.is_none() && crate::engine::controller::namespace::mark_terminating(&mut obj) {
            self.store.write(obj);
            // The namespace controller starts at once.
            self.sync_namespace(name);
            return Ok(self.store.get_dyn(kind, ns, name));
        }
        let immediate = grace == 0 && obj.meta().finalizers.is_empty();
        if immediate {
            self.remove_object(kind, ns, name);
            return Ok(None);
        }
        if kind != Kind::Pod {
            obj.meta_mut().deletion_grace_period_seconds = Some(0);
        }
        self.store.write(obj);
        if kind == Kind::Pod {
            self.kubelet_pod_deleted(ns, name);
        }
        self.enqueue_gc();
        self.finalize_if_done(kind, ns, name);
        Ok(self.store.get_dyn(kind, ns, name))
    }

    /// The grace period a delete request gets (R11.5): Pods that are
    /// scheduled and not terminal use the request's or their own; all other
    /// objects are removed at once (finalizers permitting).
    fn grace_for(&self, obj: &Object, opts: &DeleteOptions) -> i64 {
        match obj {
            Object::Pod(p) => {
                if p.spec.node_name.is_empty() || p.is_terminal() {
                    return 0;
                }
                let g = opts
                    .grace_period_seconds
                    .unwrap_or_else(|| p.spec.termination_grace_period_seconds.unwrap_or(30));
                // kubectl sends --grace-period=0 without --force as 1 (but
                // --force with 0 is an immediate removal).
                g.max(0)
            }
            _ => 0,
        }
    }

    /// Removes an object for good and tells the parts that keep state about it.
    pub(crate) fn remove_object(&mut self, kind: Kind, ns: &str, name: &str) -> Option<Object> {
        let obj = self.store.remove(kind, ns, name)?;
        if let Object::Pod(p) = &obj {
            self.kubelet_pod_removed(p);
        }
        if let Object::Service(s) = &obj {
            self.network.release_service(s);
        }
        self.enqueue_gc();
        Some(obj)
    }

    /// Removes an object that is being deleted once nothing holds it: no
    /// finalizers left and, for Pods, the kubelet has finished (grace 0).
    pub(crate) fn finalize_if_done(&mut self, kind: Kind, ns: &str, name: &str) {
        let Some(obj) = self.store.get_dyn(kind, ns, name) else {
            return;
        };
        let m = obj.meta();
        if m.deletion_timestamp.is_none() || !m.finalizers.is_empty() {
            return;
        }
        if kind == Kind::Pod && m.deletion_grace_period_seconds != Some(0) {
            return;
        }
        self.remove_object(kind, ns, name);
    }

    /// Writes an object on behalf of the cluster (controllers, kubelet),
    /// skipping admission; returns the stored object.
    pub(crate) fn write_status<T: crate::engine::store::Stored>(&mut self, obj: T) -> Rc<T> {
        let prev = self.actor;
        self.actor = Actor::Cluster;
        let rc = self.store.write_typed(obj);
        self.actor = prev;
        rc
    }

    /// Admission plugins that change a new object (ServiceAccount,
    /// DefaultStorageClass, Priority).
    fn admit_create(&mut self, obj: &mut Object, generated: bool) -> Result<(), ApiError> {
        match obj {
            Object::Pod(p) => {
                let p = Rc::make_mut(p);
                // Mutating admission runs before the registry generates a
                // name, so a refusal names a generated Pod by its prefix
                // (`extractResourceName`).
                let name = if generated {
                    p.metadata.generate_name.clone()
                } else {
                    p.metadata.name.clone()
                };
                let ns = p.metadata.namespace.clone();
                let spec = p.spec_mut();
                if spec.service_account_name.is_none() {
                    spec.service_account_name = Some("default".into());
                }
                spec.service_account = spec.service_account_name.clone();
                let account = self.admit_service_account(&name, &ns, spec)?;
                super::service_account::copy_image_pull_secrets(spec, &account);
                if super::service_account::should_automount(spec, &account) {
                    // `mountServiceAccountToken`: the token volume a Pod
                    // already has (a copy made by `kubectl debug
                    // --copy-to`), else a new one; every container without
                    // a mount at the token path gets one.
                    const TOKEN_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
                    let existing = spec
                        .volumes
                        .iter()
                        .find(|v| v.name.starts_with("kube-api-access-"))
                        .map(|v| v.name.clone());
                    let has_volume = existing.is_some();
                    let name = existing.unwrap_or_else(|| {
                        format!("kube-api-access-{}", self.rng.name_suffix(5)).into()
                    });
                    let mut needed = false;
                    for c in spec
                        .containers
                        .iter_mut()
                        .chain(spec.init_containers.iter_mut())
                        .filter(|c| !c.volume_mounts.iter().any(|m| m.mount_path == TOKEN_PATH))
                    {
                        needed = true;
                        c.volume_mounts.push(pod::VolumeMount {
                            name: name.clone(),
                            mount_path: TOKEN_PATH.into(),
                            read_only: true,
                            ..Default::default()
                        });
                    }
                    if !has_volume && needed {
                        spec.volumes.push(pod::Volume {
                            name,
                            projected: Some(service_account_projection()),
                            ..Default::default()
                        });
                    }
                }
                // DefaultTolerationSeconds is applied with the defaults
                // (`defaults::default_pod`), on updates too, as the plugin is.
                self.admit_pod_priority(&name, spec)?;
            }
            Object::PersistentVolumeClaim(c) if c.spec.storage_class_name.is_none() => {
                if let Some(sc) = self.default_storage_class() {
                    Rc::make_mut(c).spec.storage_class_name = Some(sc);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Validating admission plugins on update (after validation):
    /// PersistentVolumeClaimResize lets a claim grow only when it is bound
    /// and its StorageClass allows expansion.
    fn validating_admission(&self, obj: &Object, old: &Object) -> Result<(), ApiError> {
        self.admit_priority_class(obj, false)?;
        let (Object::PersistentVolumeClaim(c), Object::PersistentVolumeClaim(o)) = (obj, old)
        else {
            return Ok(());
        };
        use super::validation::quantity::Quantity;
        let size = |c: &PersistentVolumeClaim| {
            c.spec
                .resources
                .as_ref()
                .and_then(|r| r.requests.get("storage"))
                .and_then(|v| Quantity::from_value(v).ok())
                .unwrap_or_else(Quantity::zero)
        };
        if size(c).cmp_value(&size(o)) != std::cmp::Ordering::Greater {
            return Ok(());
        }
        let forbidden = |why: &str| {
            Err(ApiError::Forbidden(format!(
                "persistentvolumeclaims {} is forbidden: {why}",
                super::go_quote(&c.metadata.name)
            )))
        };
        if o.status.phase != "Bound" {
            return forbidden("Only bound persistent volume claims can be expanded");
        }
        let (class, old_class) = (c.class_name(), o.class_name());
        let allowed = !class.is_empty()
            && class == old_class
            && self
                .store
                .storage_classes
                .get("", class)
                .is_some_and(|sc| sc.allow_volume_expansion == Some(true));
        if !allowed {
            return forbidden("only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
        }
        Ok(())
    }

    /// `GetDefaultClass`: of the classes marked default, the newest (then
    /// the first by name).
    pub(crate) fn default_storage_class(&self) -> Option<String> {
        self.store
            .storage_classes
            .iter()
            .filter(|s| s.is_default())
            .min_by(|a, b| {
                b.metadata
                    .creation_timestamp
                    .cmp(&a.metadata.creation_timestamp)
                    .then_with(|| a.metadata.name.cmp(&b.metadata.name))
            })
            .map(|s| s.metadata.name.to_string())
    }

    /// Per-kind storage rules on create: initial status, protection
    /// finalizers, ClusterIP allocation.
    fn registry_create(&mut self, obj: &mut Object) -> Result<(), ApiError> {
        match obj {
            Object::Pod(p) => {
                let p = Rc::make_mut(p);
                p.status = pod::PodStatus {
                    phase: "Pending".into(),
                    qos_class: super::defaults::qos_class(&p.spec).into(),
                    ..Default::default()
                };
            }
            Object::StatefulSet(s) => {
                Rc::make_mut(s).status = Default::default();
            }
            Object::PersistentVolumeClaim(c) => {
                let c = Rc::make_mut(c);
                c.status = storage::PersistentVolumeClaimStatus {
                    phase: "Pending".into(),
                    ..Default::default()
                };
                if !c.metadata.has_finalizer(FINALIZER_PVC_PROTECTION) {
                    c.metadata.finalizers.push(FINALIZER_PVC_PROTECTION.into());
                }
            }
            Object::PersistentVolume(v) => {
                let v = Rc::make_mut(v);
                v.status = storage::PersistentVolumeStatus {
                    phase: "Pending".into(),
                    last_phase_transition_time: Some(Time::new(self.now.trunc_secs())),
                    ..Default::default()
                };
                if !v.metadata.has_finalizer(FINALIZER_PV_PROTECTION) {
                    v.metadata.finalizers.push(FINALIZER_PV_PROTECTION.into());
                }
            }
            Object::Service(s) => {
                let kind = Kind::Service;
                let name = s.metadata.name.clone();
                let s = Rc::make_mut(s);
                if s.type_() != "ExternalName" {
                    let ip = match s.spec.cluster_ip.clone() {
                        Some(ip) if ip == "None" => ip,
                        Some(ip) if !ip.is_empty() => {
                            self.network.claim_service_ip(&ip).map_err(|detail| {
                                ApiError::Invalid {
                                    kind,
                                    name: name.to_string(),
                                    causes: vec![FieldError::invalid(
                                        "spec.clusterIPs",
                                        format!("[]string{{{}}}", super::go_quote(&ip)),
                                        detail,
                                    )],
                                }
                            })?;
                            ip
                        }
                        _ => self.network.allocate_service_ip(&mut self.rng),
                    };
                    s.spec.cluster_ip = Some(ip.clone());
                    s.spec.cluster_ips = vec![ip];
                }
                if matches!(s.type_(), "NodePort" | "LoadBalancer") {
                    for p in &mut s.spec.ports {
                        if p.node_port.is_none() {
                            p.node_port = Some(self.rng.range(30000, 32767) as i64);
                        }
                    }
                }
                s.status = json!({"loadBalancer": {}});
            }
            Object::Namespace(n) => {
                let n = Rc::make_mut(n);
                n.status.phase = "Active".into();
            }
            _ => {}
        }
        Ok(())
    }

    /// Per-kind storage rules on update: fields that stay as they were.
    fn registry_update(&mut self, obj: &mut Object, old: &Object) {
        if let (Object::Node(n), Object::Node(o)) = (&mut *obj, old) {
            // A NoExecute taint carries the time it was added (the eviction
            // countdown starts there); one kept from before keeps its time.
            if n.spec
                .taints
                .iter()
                .any(|t| t.effect == "NoExecute" && t.time_added.is_none())
            {
                let now = crate::engine::objects::Time::new(self.now.trunc_secs());
                for t in &mut Rc::make_mut(n).spec.taints {
                    if t.effect == "NoExecute" && t.time_added.is_none() {
                        t.time_added = o
                            .spec
                            .taints
                            .iter()
                            .find(|x| x.key == t.key && x.effect == t.effect && x.value == t.value)
                            .and_then(|x| x.time_added)
                            .or(Some(now));
                    }
                }
            }
        }
        if let (Object::Service(s), Object::Service(o)) = (&mut *obj, old) {
            // Re-applying a manifest that omits clusterIP keeps the allocated one (R7.12).
            let s = Rc::make_mut(s);
            super::defaults::prepare_service_update(s, o);
        }
        if let (Object::PersistentVolumeClaim(c), Object::PersistentVolumeClaim(o)) =
            (&mut *obj, old)
        {
            let c = Rc::make_mut(c);
            if c.spec.volume_name.is_empty() {
                c.spec.volume_name = o.spec.volume_name.clone();
            }
            if c.spec.storage_class_name.is_none() {
                c.spec.storage_class_name = o.spec.storage_class_name.clone();
            }
        }
        if let (Object::Pod(p), Object::Pod(o)) = (&mut *obj, old) {
            let p = Rc::make_mut(p);
            if p.spec.node_name.is_empty() {
                p.spec_mut().node_name = o.spec.node_name.clone();
            }
        }
    }

    fn check_limits(&self, obj: &Object) -> Result<(), ApiError> {
        if let Object::StatefulSet(s) = obj {
            let max = self.config.limits.max_replicas;
            if s.replicas() > max {
                return Err(ApiError::LimitExceeded(format!(
                    "statefulsets.apps {} is forbidden: spec.replicas {} is over Ordinal's limit of {max} replicas per StatefulSet (limit max_replicas)",
                    super::go_quote(&s.metadata.name),
                    s.replicas()
                )));
            }
        }
        Ok(())
    }

    /// Removes a finalizer from a stored object (controllers finishing their part).
    pub(crate) fn drop_finalizer(&mut self, kind: Kind, ns: &str, name: &str, finalizer: &str) {
        let Some(mut obj) = self.store.get_dyn(kind, ns, name) else {
            return;
        };
        if !obj.meta().has_finalizer(finalizer) {
            return;
        }
        obj.meta_mut().remove_finalizer(finalizer);
        let prev = self.actor;
        self.actor = Actor::Cluster;
        self.store.write(obj);
        self.actor = prev;
        self.finalize_if_done(kind, ns, name);
    }

    /// Deletes on behalf of the cluster (GC, controllers), as the user would.
    pub(crate) fn cluster_delete(
        &mut self,
        kind: Kind,
        ns: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<Option<Object>, ApiError> {
        let prev = self.actor;
        self.actor = Actor::Cluster;
        let r = self.do_delete(kind, ns, name, opts);
        self.actor = prev;
        r
    }

    /// Creates on behalf of the cluster.
    pub(crate) fn cluster_create(&mut self, obj: Object) -> Result<Object, ApiError> {
        let prev = self.actor;
        self.actor = Actor::Cluster;
        let r = self.do_create(obj);
        self.actor = prev;
        r
    }

    /// Updates on behalf of the cluster (metadata + spec; status kept).
    pub(crate) fn cluster_update(&mut self, obj: Object) -> Result<Object, ApiError> {
        let prev = self.actor;
        self.actor = Actor::Cluster;
        let r = self.do_update(obj);
        self.actor = prev;
        r
    }

    /// The kubectl-visible age source: the current instant.
    pub fn clock(&self) -> SimTime {
        self.now
    }
}

fn add_finalizer(obj: &mut Object, f: &str) {
    if !obj.meta().has_finalizer(f) {
        obj.meta_mut().finalizers.push(f.to_string());
    }
}

/// `with_status_of` for kinds whose JSON round trip is exact.
fn with_status_typed(obj: Object, old: &Object) -> Object {
    match (obj, old) {
        (Object::PersistentVolumeClaim(mut c), Object::PersistentVolumeClaim(o)) => {
            Rc::make_mut(&mut c).status = o.status.clone();
            Object::PersistentVolumeClaim(c)
        }
        (Object::PersistentVolume(mut v), Object::PersistentVolume(o)) => {
            Rc::make_mut(&mut v).status = o.status.clone();
            Object::PersistentVolume(v)
        }
        (obj, old) => with_status_of(obj, old),
    }
}

fn with_status_of(obj: Object, old: &Object) -> Object {
    let mut v = obj.to_value();
    let ov = old.to_value();
    if let Value::Object(m) = &mut v {
        match ov.get("status") {
            Some(s) => {
                m.insert("status".into(), s.clone());
            }
            None => {
                m.remove("status");
            }
        }
    }
    Object::from_value(obj.kind(), v).unwrap_or(obj)
}

/// The projection the ServiceAccount admission plugin mounts in every Pod.
/// One shared tree per thread: it is the same in every Pod and namespace
/// (the namespace file comes from the downward API at mount time).
fn service_account_projection() -> Rc<Value> {
    thread_local! {
        static PROJECTION: Rc<Value> = Rc::new(json!({
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]
        }));
    }
    PROJECTION.with(Rc::clone)
}
