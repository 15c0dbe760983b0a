//! The API resources Ordinal knows: what kubectl's discovery would list
//! (`kubectl api-resources`), how names, short names and groups map to kinds,
//! and which of them Ordinal runs controllers for.

/// Every kind Ordinal stores. The first group is run by the engine; the
/// second is accepted and listed only (their controllers do not run here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Pod,
    StatefulSet,
    Service,
    PersistentVolumeClaim,
    PersistentVolume,
    StorageClass,
    EndpointSlice,
    Endpoints,
    ControllerRevision,
    Event,
    Node,
    Namespace,
    ConfigMap,
    Secret,
    // Accepted, listed, not run.
    Deployment,
    ReplicaSet,
    DaemonSet,
    Job,
    CronJob,
    PodDisruptionBudget,
    ServiceAccount,
    Role,
    RoleBinding,
    ClusterRole,
    ClusterRoleBinding,
    Ingress,
    NetworkPolicy,
    HorizontalPodAutoscaler,
    LimitRange,
    ResourceQuota,
    PriorityClass,
}

/// Discovery data for one kind.
#[derive(Clone, Copy, Debug)]
pub struct ResourceInfo {
    pub kind: Kind,
    pub kind_name: &'static str,
    /// Lower-case plural, as in URLs and `kubectl get statefulsets`.
    pub plural: &'static str,
    pub singular: &'static str,
    pub short_names: &'static [&'static str],
    /// "" for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub namespaced: bool,
    /// Verbs as `kubectl api-resources -o wide` lists them.
    pub verbs: &'static str,
    /// Categories (`all`).
    pub in_all: bool,
}

const RW: &str = "create,delete,deletecollection,get,list,patch,update,watch";

macro_rules! info {
    ($k:ident, $plural:expr, $singular:expr, [$($s:expr),*], $group:expr, $ns:expr, $all:expr) => {
        ResourceInfo { kind: Kind::$k, kind_name: stringify!($k), plural: $plural, singular: $singular, short_names: &[$($s),*], group: $group, version: "v1", namespaced: $ns, verbs: RW, in_all: $all }
    };
}

pub const RESOURCES: &[ResourceInfo] = &[
    info!(Pod, "pods", "pod", ["po"], "", true, true),
    info!(
        StatefulSet,
        "statefulsets",
        "statefulset",
        ["sts"],
        "apps",
        true,
        true
    ),
    info!(Service, "services", "service", ["svc"], "", true, true),
    info!(
        PersistentVolumeClaim,
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        ["pvc"],
        "",
        true,
        false
    ),
    info!(
        PersistentVolume,
        "persistentvolumes",
        "persistentvolume",
        ["pv"],
        "",
        false,
        false
    ),
    info!(
        StorageClass,
        "storageclasses",
        "storageclass",
        ["sc"],
        "storage.k8s.io",
        false,
        false
    ),
    info!(
        EndpointSlice,
        "endpointslices",
        "endpointslice",
        [],
        "discovery.k8s.io",
        true,
        false
    ),
    info!(Endpoints, "endpoints", "endpoints", ["ep"], "", true, false),
    info!(
        ControllerRevision,
        "controllerrevisions",
        "controllerrevision",
        [],
        "apps",
        true,
        false
    ),
    info!(Event, "events", "event", ["ev"], "", true, false),
    info!(Node, "nodes", "node", ["no"], "", false, false),
    info!(
        Namespace,
        "namespaces",
        "namespace",
        ["ns"],
        "",
        false,
        false
    ),
    info!(
        ConfigMap,
        "configmaps",
        "configmap",
        ["cm"],
        "",
        true,
        false
    ),
    info!(Secret, "secrets", "secret", [], "", true, false),
    info!(
        Deployment,
        "deployments",
        "deployment",
        ["deploy"],
        "apps",
        true,
        true
    ),
    info!(
        ReplicaSet,
        "replicasets",
        "replicaset",
        ["rs"],
        "apps",
        true,
        true
    ),
    info!(
        DaemonSet,
        "daemonsets",
        "daemonset",
        ["ds"],
        "apps",
        true,
        true
    ),
    info!(Job, "jobs", "job", [], "batch", true, true),
    info!(CronJob, "cronjobs", "cronjob", ["cj"], "batch", true, true),
    info!(
        PodDisruptionBudget,
        "poddisruptionbudgets",
        "poddisruptionbudget",
        ["pdb"],
        "policy",
        true,
        false
    ),
    info!(
        ServiceAccount,
        "serviceaccounts",
        "serviceaccount",
        ["sa"],
        "",
        true,
        false
    ),
    info!(
        Role,
        "roles",
        "role",
        [],
        "rbac.authorization.k8s.io",
        true,
        false
    ),
    info!(
        RoleBinding,
        "rolebindings",
        "rolebinding",
        [],
        "rbac.authorization.k8s.io",
        true,
        false
    ),
    info!(
        ClusterRole,
        "clusterroles",
        "clusterrole",
        [],
        "rbac.authorization.k8s.io",
        false,
        false
    ),
    info!(
        ClusterRoleBinding,
        "clusterrolebindings",
        "clusterrolebinding",
        [],
        "rbac.authorization.k8s.io",
        false,
        false
    ),
    info!(
        Ingress,
        "ingresses",
        "ingress",
        ["ing"],
        "networking.k8s.io",
        true,
        false
    ),
    info!(
        NetworkPolicy,
        "networkpolicies",
        "networkpolicy",
        ["netpol"],
        "networking.k8s.io",
        true,
        false
    ),
    ResourceInfo {
        kind: Kind::HorizontalPodAutoscaler,
        kind_name: "HorizontalPodAutoscaler",
        plural: "horizontalpodautoscalers",
        singular: "horizontalpodautoscaler",
        short_names: &["hpa"],
        group: "autoscaling",
        version: "v2",
        namespaced: true,
        verbs: RW,
        in_all: true,
    },
    info!(
        LimitRange,
        "limitranges",
        "limitrange",
        ["limits"],
        "",
        true,
        false
    ),
    info!(
        ResourceQuota,
        "resourcequotas",
        "resourcequota",
        ["quota"],
        "",
        true,
        false
    ),
    info!(
        PriorityClass,
        "priorityclasses",
        "priorityclass",
        ["pc"],
        "scheduling.k8s.io",
        false,
        false
    ),
];

impl Kind {
    pub fn info(self) -> &'static ResourceInfo {
        RESOURCES
            .iter()
            .find(|r| r.kind == self)
            .expect("every kind has discovery data")
    }

    /// `apps/v1`, `v1`, `storage.k8s.io/v1` …
    pub fn api_version(self) -> String {
        let i = self.info();
        if i.group.is_empty() {
            i.version.to_string()
        } else {
            format!("{}/{}", i.group, i.version)
        }
    }

    pub fn name(self) -> &'static str {
        self.info().kind_name
    }

    /// `statefulsets.apps`, `pods` — the resource as API errors name it.
    pub fn resource_name(self) -> String {
        let i = self.info();
        if i.group.is_empty() {
            i.plural.to_string()
        } else {
            format!("{}.{}", i.plural, i.group)
        }
    }

    /// `statefulset.apps`, `pod` — the prefix kubectl prints (`statefulset.apps/web created`).
    pub fn singular_qualified(self) -> String {
        let i = self.info();
        if i.group.is_empty() {
            i.singular.to_string()
        } else {
            format!("{}.{}", i.singular, i.group)
        }
    }

    /// `StatefulSet.apps`, `Service` — as `… is invalid` messages name the kind.
    pub fn qualified_kind(self) -> String {
        let i = self.info();
        if i.group.is_empty() {
            i.kind_name.to_string()
        } else {
            format!("{}.{}", i.kind_name, i.group)
        }
    }

    pub fn namespaced(self) -> bool {
        self.info().namespaced
    }

    /// Whether the engine runs this kind (controllers, kubelet), or only stores it.
    pub fn is_simulated(self) -> bool {
        (self as u8) <= (Kind::Secret as u8)
    }

    /// Kept as written, with no controller acting on it (a Deployment …;
    /// a ReplicaSet's controller runs, `controller::replicaset`);
    /// a PodDisruptionBudget is kept verbatim too, but the disruption
    /// controller keeps its status and evictions honour it; a PriorityClass
    /// has no controller, but the Priority admission plugin reads it.
    pub fn is_kept_only(self) -> bool {
        !self.is_simulated()
            && self != Kind::ReplicaSet
            && self != Kind::Deployment
            && self != Kind::DaemonSet
            && self != Kind::PodDisruptionBudget
            && self != Kind::HorizontalPodAutoscaler
            && self != Kind::PriorityClass
    }

    /// Resolves what a user types after `kubectl get`: plural, singular,
    /// short name, kind name, or any of them qualified with a group
    /// (`statefulsets.apps`, `sts.apps.v1` is not accepted by kubectl either).
    pub fn from_resource_arg(arg: &str) -> Option<Kind> {
        let lower = arg.to_ascii_lowercase();
        let (name, group) = match lower.split_once('.') {
            Some((n, g)) => (n.to_string(), Some(g.to_string())),
            None => (lower, None),
        };
        RESOURCES
            .iter()
            .find(|r| {
                let name_ok = r.plural == name
                    || r.singular == name
                    || r.short_names.contains(&name.as_str())
                    || r.kind_name.eq_ignore_ascii_case(&name);
                let group_ok = match &group {
                    None => true,
                    Some(g) => {
                        g == r.group
                            || *g == format!("{}.{}", r.version, r.group)
                            || (r.group.is_empty() && g == r.version)
                    }
                };
                name_ok && group_ok
            })
            .map(|r| r.kind)
    }

    /// The kind a manifest's `apiVersion` + `kind` names, if it exists.
    pub fn from_api_version_kind(api_version: &str, kind: &str) -> Option<Kind> {
        RESOURCES
            .iter()
            .find(|r| {
                // `group/version`, or the version alone for the core group,
                // compared in place (the collector asks this for every
                // owner reference it checks).
                r.kind_name == kind
                    && if r.group.is_empty() {
                        r.version == api_version
                    } else {
                        api_version
                            .split_once('/')
                            .is_some_and(|(g, v)| g == r.group && v == r.version)
                    }
            })
            .map(|r| r.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_args_resolve_like_kubectl() {
        assert_eq!(Kind::from_resource_arg("sts"), Some(Kind::StatefulSet));
        assert_eq!(
            Kind::from_resource_arg("statefulsets.apps"),
            Some(Kind::StatefulSet)
        );
        assert_eq!(Kind::from_resource_arg("po"), Some(Kind::Pod));
        assert_eq!(Kind::from_resource_arg("Pod"), Some(Kind::Pod));
        assert_eq!(
            Kind::from_resource_arg("pvc"),
            Some(Kind::PersistentVolumeClaim)
        );
        assert_eq!(
            Kind::from_resource_arg("endpointslices"),
            Some(Kind::EndpointSlice)
        );
        assert_eq!(Kind::from_resource_arg("ev"), Some(Kind::Event));
        assert_eq!(Kind::from_resource_arg("statefulsets.batch"), None);
        assert_eq!(Kind::from_resource_arg("foo"), None);
    }

    #[test]
    fn names_and_groups() {
        assert_eq!(Kind::StatefulSet.api_version(), "apps/v1");
        assert_eq!(Kind::Pod.api_version(), "v1");
        assert_eq!(Kind::StatefulSet.resource_name(), "statefulsets.apps");
        assert_eq!(Kind::StatefulSet.singular_qualified(), "statefulset.apps");
        assert_eq!(Kind::Service.qualified_kind(), "Service");
        assert_eq!(
            Kind::from_api_version_kind("apps/v1", "StatefulSet"),
            Some(Kind::StatefulSet)
        );
        assert_eq!(Kind::from_api_version_kind("apps/v1", "StatefullSet"), None);
        assert_eq!(Kind::from_api_version_kind("v1", "Pod"), Some(Kind::Pod));
        for wrong in ["apps/v1", "/v1", "core/v1", "v1/", "v2"] {
            assert_eq!(Kind::from_api_version_kind(wrong, "Pod"), None, "{wrong}");
        }
        for wrong in ["v1", "apps", "apps/v1beta1", "apps/v1/x", "extensions/v1"] {
            assert_eq!(
                Kind::from_api_version_kind(wrong, "StatefulSet"),
                None,
                "{wrong}"
            );
        }
        for r in RESOURCES {
            assert_eq!(
                Kind::from_api_version_kind(&r.kind.api_version(), r.kind_name),
                Some(r.kind)
            );
        }
        assert!(Kind::Secret.is_simulated());
        assert!(!Kind::Deployment.is_simulated());
        assert_eq!(
            Kind::HorizontalPodAutoscaler.api_version(),
            "autoscaling/v2"
        );
    }
}
