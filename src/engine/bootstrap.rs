//! The default cluster (console.md "The default cluster"): what a new kind
//! cluster named `ordinal` running Kubernetes 1.35 holds before anyone
//! types anything — four nodes, the four namespaces, the `standard` default
//! StorageClass, the `kubernetes` and `kube-dns` Services and the system
//! Pods (CoreDNS and the control plane), all Running.

use std::rc::Rc;

use serde_json::json;

use super::apiserver::defaults::builtin_priority;
use super::objects::cluster::{NodeAddress, NodeCondition, NodeSpec, NodeStatus, Taint};
use super::objects::pod::{Container, ContainerPort, PodSpec, PodStatus};
use super::objects::service::{ServicePort, ServiceSpec};
use super::objects::*;
use super::time::SimTime;
use super::Engine;
use crate::sort::CollectMap;

pub const CLUSTER_NAME: &str = "ordinal";
pub const KUBERNETES_VERSION: &str = "v1.35.0";
pub const CLUSTER_DOMAIN: &str = "cluster.local";
pub const DNS_SERVICE_IP: &str = "10.96.0.10";
pub const CONTROL_PLANE: &str = "ordinal-control-plane";
/// kubeadm 1.35 pins CoreDNS v1.13.1 (`cmd/kubeadm/app/constants`
/// `CoreDNSVersion`); v1.12.1 was 1.34's.
pub const COREDNS_IMAGE: &str = "registry.k8s.io/coredns/coredns:v1.13.1";
/// The Corefile kubeadm writes into ConfigMap `kube-system/coredns`
/// (`cmd/kubeadm/app/phases/addons/dns/manifests.go` `CoreDNSConfigMap`,
/// rendered with DNSDomain `cluster.local`): what the engine's DNS answers
/// as (R8.1).
pub const COREFILE: &str = ".:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
";
/// What an add-on container already running at bootstrap has printed.
/// CoreDNS v1.13.1 under kubeadm's Corefile prints automaxprocs' line (no
/// CPU limit in kubeadm's Deployment: "CPU quota undefined", so GOMAXPROCS
/// stays the node's 4 CPUs), the server block, the reload plugin's hash of
/// the parsed Corefile (`plugin/reload/setup.go`: SHA512 of the JSON of its
/// server blocks — this is kubeadm's Corefile's, as real clusters on
/// kubeadm ≥ 1.33 print it), and the version banner (release 1.13.1: Go
/// 1.25.2, commit 1db4568).
pub(crate) fn addon_start_log(image: &str) -> Vec<String> {
    if image != COREDNS_IMAGE {
        return Vec::new();
    }
    [
        "maxprocs: Leaving GOMAXPROCS=4: CPU quota undefined",
        ".:53",
        "[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b",
        "CoreDNS-1.13.1",
        "linux/amd64, go1.25.2, 1db4568",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}
const COREDNS_CONFIGMAP_UID: &str = "c4e1d7a2-6b3f-4a8e-9d5c-7f2b1e0a3c96";

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), (*v).into()))
        .collect()
}

fn meta(ns: &str, name: &str) -> ObjectMeta {
    ObjectMeta {
        namespace: ns.into(),
        name: name.into(),
        creation_timestamp: Some(Time::new(SimTime::ZERO)),
        ..Default::default()
    }
}

/// Node names: the control plane, then `ordinal-worker`, `ordinal-worker2` …
pub fn node_names(workers: usize) -> Vec<String> {
    let mut v = vec![CONTROL_PLANE.to_string()];
    for i in 1..=workers.min(254) {
        v.push(if i == 1 {
            "ordinal-worker".to_string()
        } else {
            format!("ordinal-worker{i}")
        });
    }
    v
}

const COREDNS_DEPLOYMENT_UID: &str = "9b1e7c3a-5d24-4f86-a0c9-3e7b2d5f8a14";
const COREDNS_REPLICASET_UID: &str = "5f0c1b8e-3a52-4c7d-9e1f-2b6a8d4c0e71";
const KINDNET_UID: &str = "2a4f1c9e-7b3d-4e8a-b6c5-1d0e9f8a7b6c";
/// The add-on DaemonSets' ControllerRevisions (fixed uids: drawing them
/// would move every later seeded value).
const KINDNET_REVISION_UID: &str = "5d2e8a71-3c4b-4f9e-a1d6-0b7c9e2f4a83";
const KUBE_PROXY_REVISION_UID: &str = "9b1c7f3e-6a2d-4e5b-8f0a-2d4c6e8a1b57";

/// The `controller-revision-hash` of an add-on DaemonSet's template (each
/// DaemonSet's own, as on a real cluster).
fn daemonset_hash(app: &str) -> &'static str {
    if app == "kindnet" {
        "6c4d8f8b9d"
    } else {
        "7f9b6d4c58"
    }
}
const KUBE_PROXY_UID: &str = "8e3d2c1b-0a9f-4e7d-8c6b-5a4f3e2d1c0b";
const LOCAL_PATH_DEPLOYMENT_UID: &str = "4c2e8a1f-6b3d-4f9e-a7c5-0d8b1e2f3a49";
const LOCAL_PATH_REPLICASET_UID: &str = "d71f0e2a-9c4b-4b6e-8f3a-5e1c7b9d2a60";
/// Fixed, as the provisioner's identity in the claims' events
/// (`controller/pv.rs`), and so that adding it drew nothing from the seed.
const LOCAL_PATH_POD_UID: &str = "7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d";
const LOCAL_PATH_IMAGE: &str = "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a";
const KINDNET_IMAGE: &str = "docker.io/kindest/kindnetd:v20250512-df8de77b";
const KUBE_PROXY_IMAGE: &str = "registry.k8s.io/kube-proxy:v1.35.0";

/// The system Pods' container `resources`, as kind v0.30 deploys them on
/// Kubernetes 1.35 (a real `kubectl describe node kind-control-plane`
/// shows 950m cpu and 290Mi memory requested, 100m cpu and 390Mi memory
/// limited, on the control plane):
/// - CoreDNS: kubeadm's Deployment (`cmd/kubeadm/app/phases/addons/dns/
///   manifests.go` `CoreDNSDeployment`) requests cpu 100m, memory 70Mi and
///   limits memory to 170Mi: Burstable.
/// - etcd: kubeadm's static Pod (`cmd/kubeadm/app/phases/etcd/local.go`
///   `GetEtcdPodSpec`) requests cpu 100m, memory 100Mi: Burstable.
/// - kube-apiserver, kube-controller-manager, kube-scheduler: kubeadm's
///   static Pods (`cmd/kubeadm/app/phases/controlplane/manifests.go`
///   `GetStaticPodSpecs`, `staticpodutil.ComponentResources`) request cpu
///   only, 250m, 200m and 100m: Burstable.
/// - kindnet: kind's default CNI manifest (`pkg/build/nodeimage/
///   const_cni.go`) requests and limits cpu 100m, memory 50Mi: Guaranteed.
/// - kube-proxy (kubeadm's DaemonSet) and local-path-provisioner (kind's
///   storage manifest) set none: BestEffort.
fn coredns_resources() -> Value {
    json!({"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}})
}

fn kindnet_resources() -> Value {
    let r = json!({"cpu": "100m", "memory": "50Mi"});
    json!({"limits": r.clone(), "requests": r})
}

/// A control-plane static Pod's requests (`GetStaticPodSpecs`, `GetEtcdPodSpec`).
fn control_plane_resources(component: &str) -> Option<Value> {
    Some(match component {
        "etcd" => json!({"requests": {"cpu": "100m", "memory": "100Mi"}}),
        "kube-apiserver" => json!({"requests": {"cpu": "250m"}}),
        "kube-controller-manager" => json!({"requests": {"cpu": "200m"}}),
        "kube-scheduler" => json!({"requests": {"cpu": "100m"}}),
        _ => return None,
    })
}

pub(crate) fn default_cluster(e: &mut Engine) {
    for ns in [
        "default",
        "kube-node-lease",
        "kube-public",
        "kube-system",
        "local-path-storage",
    ] {
        let mut m = meta("", ns);
        m.labels = labels(&[("kubernetes.io/metadata.name", ns)]);
        let n = Namespace {
            metadata: m,
            spec: json!({"finalizers": ["kubernetes"]}),
            status: cluster::NamespaceStatus {
                phase: "Active".into(),
            },
        };
        put(e, Object::Namespace(Rc::new(n)));
    }

    let names = node_names(e.config.workers);
    // kind gives the control plane .3 and the workers .2, .4, .5 …
    let internal_ips: Vec<String> = (0..names.len())
        .map(|i| match i {
            0 => "172.18.0.3".to_string(),
            1 => "172.18.0.2".to_string(),
            n => format!("172.18.{}.{}", (n + 2) / 250, (n + 2) % 250 + 2),
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        let name = name.as_str();
        e.network.add_node(name, i as u8);
        let mut m = meta("", name);
        let mut l = labels(&[
            ("beta.kubernetes.io/arch", "amd64"),
            ("beta.kubernetes.io/os", "linux"),
            ("kubernetes.io/arch", "amd64"),
            ("kubernetes.io/hostname", name),
            ("kubernetes.io/os", "linux"),
        ]);
        let mut taints = Vec::new();
        if name == CONTROL_PLANE {
            l.insert(
                "node-role.kubernetes.io/control-plane".into(),
                Default::default(),
            );
            l.insert(
                "node.kubernetes.io/exclude-from-external-load-balancers".into(),
                Default::default(),
            );
            taints.push(Taint {
                key: "node-role.kubernetes.io/control-plane".into(),
                effect: "NoSchedule".into(),
                ..Default::default()
            });
        }
        m.labels = l;
        m.annotations = labels(&[
            (
                "kubeadm.alpha.kubernetes.io/cri-socket",
                "unix:///run/containerd/containerd.sock",
            ),
            ("node.alpha.kubernetes.io/ttl", "0"),
            (
                "volumes.kubernetes.io/controller-managed-attach-detach",
                "true",
            ),
        ]);
        let cidr = format!("10.244.{i}.0/24");
        let cond = |t: &str, s: &str, reason: &str, msg: &str| NodeCondition {
            type_: t.into(),
            status: s.into(),
            last_heartbeat_time: Some(Time::new(SimTime::ZERO)),
            last_transition_time: Some(Time::new(SimTime::ZERO)),
            reason: reason.into(),
            message: msg.into(),
        };
        // What a kind node reports as capacity and allocatable (no
        // reservations): the host's CPUs and memory, and the kubelet's
        // `maxPods`. The scheduler's NodeResourcesFit counts against them.
        let res: std::collections::BTreeMap<String, String> = [
            ("cpu", "4"),
            ("ephemeral-storage", "102626232Ki"),
            // A host whose CPU has 1 GiB pages (any recent x86-64) gets
            // both sizes, none reserved (real kind v1.35.0 nodes).
            ("hugepages-1Gi", "0"),
            ("hugepages-2Mi", "0"),
            ("memory", "8148060Ki"),
            ("pods", "110"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect_map();
        let node = Node {
            metadata: m,
            spec: NodeSpec {
                pod_cidr: cidr.clone(),
                pod_cidrs: vec![cidr],
                provider_id: format!("kind://docker/{CLUSTER_NAME}/{name}"),
                taints,
                unschedulable: None,
            },
            status: NodeStatus {
                capacity: res.clone(),
                allocatable: res,
                conditions: vec![
                    cond(
                        "MemoryPressure",
                        "False",
                        "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available",
                    ),
                    cond(
                        "DiskPressure",
                        "False",
                        "KubeletHasNoDiskPressure",
                        "kubelet has no disk pressure",
                    ),
                    cond(
                        "PIDPressure",
                        "False",
                        "KubeletHasSufficientPID",
                        "kubelet has sufficient PID available",
                    ),
                    cond(
                        "Ready",
                        "True",
                        "KubeletReady",
                        "kubelet is posting ready status",
                    ),
                ],
                addresses: vec![
                    NodeAddress {
                        type_: "InternalIP".into(),
                        address: internal_ips[i].clone(),
                    },
                    NodeAddress {
                        type_: "Hostname".into(),
                        address: name.into(),
                    },
                ],
                node_info: Some(json!({
                    "architecture": "amd64",
                    "bootID": format!("6f1c2a4e-0b7d-4c1e-9a{i}3-5d2e8f0a1b{i}c"),
                    "containerRuntimeVersion": "containerd://2.1.3",
                    "kernelVersion": "6.8.0-60-generic",
                    // Empty since 1.33: DisableNodeKubeProxyVersion is on
                    // by default (kube_features.go), and a 1.35 node's
                    // dump shows `kubeProxyVersion: ""`.
                    "kubeProxyVersion": "",
                    "kubeletVersion": KUBERNETES_VERSION,
                    "machineID": format!("0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5{i}"),
                    "operatingSystem": "linux",
                    "osImage": "Debian GNU/Linux 12 (bookworm)",
                    "systemUUID": format!("4c4c4544-0033-4a10-8054-b{i}c04f4d5333"),
                })),
                daemon_endpoints: Some(json!({"kubeletEndpoint": {"Port": 10250}})),
                // containerd 2.x's CRI status: SupplementalGroupsPolicy
                // support, and one handler per configured runtime plus ""
                // for the default, sorted by name (`introspectRuntimeHandlers`);
                // kind's config.toml adds `test-handler` beside `runc`.
                features: Some(json!({"supplementalGroupsPolicy": true})),
                runtime_handlers: Some(json!(["", "runc", "test-handler"].map(|n| json!({
                    "features": {"recursiveReadOnlyMounts": true, "userNamespaces": true},
                    "name": n,
                })))),
            },
        };
        put(e, Object::Node(Rc::new(node)));
    }

    let mut sc_meta = meta("", "standard");
    // kind applies its storage manifest with `kubectl apply`, so the class
    // carries the last-applied configuration (real kind dumps, 1.33 too).
    sc_meta.annotations = labels(&[
        (
            "kubectl.kubernetes.io/last-applied-configuration",
            concat!(
                r#"{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":"#,
                r#"{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"#,
                r#""provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","#,
                r#""volumeBindingMode":"WaitForFirstConsumer"}"#,
                "\n"
            ),
        ),
        (StorageClass::DEFAULT_ANNOTATION, "true"),
    ]);
    put(
        e,
        Object::StorageClass(Rc::new(StorageClass {
            metadata: sc_meta,
            provisioner: "rancher.io/local-path".into(),
            reclaim_policy: Some("Delete".into()),
            volume_binding_mode: Some("WaitForFirstConsumer".into()),
            ..Default::default()
        })),
    );

    let svc = |ns: &str,
               name: &str,
               ip: &str,
               ports: Vec<ServicePort>,
               selector: Option<Labels>,
               l: Labels| {
        let mut m = meta(ns, name);
        m.labels = l;
        Service {
            metadata: m,
            spec: ServiceSpec {
                ports,
                selector,
                cluster_ip: Some(ip.into()),
                cluster_ips: vec![ip.into()],
                type_: Some("ClusterIP".into()),
                session_affinity: Some("None".into()),
                ip_families: vec!["IPv4".into()],
                ip_family_policy: Some("SingleStack".into()),
                internal_traffic_policy: Some("Cluster".into()),
                ..Default::default()
            },
            status: json!({"loadBalancer": {}}),
        }
    };
    let port = |name: &str, proto: &str, port: i64, target: i64| ServicePort {
        name: name.into(),
        protocol: Some(proto.into()),
        port,
        target_port: Some(IntOrString::Int(target)),
        ..Default::default()
    };
    let _ = e.network.claim_service_ip("10.96.0.1");
    let _ = e.network.claim_service_ip(DNS_SERVICE_IP);
    put(
        e,
        Object::Service(Rc::new(svc(
            "default",
            "kubernetes",
            "10.96.0.1",
            vec![port("https", "TCP", 443, 6443)],
            None,
            labels(&[("component", "apiserver"), ("provider", "kubernetes")]),
        ))),
    );
    put(
        e,
        Object::Service(Rc::new(svc(
            "kube-system",
            "kube-dns",
            DNS_SERVICE_IP,
            vec![
                port("dns", "UDP", 53, 53),
                port("dns-tcp", "TCP", 53, 53),
                port("metrics", "TCP", 9153, 9153),
            ],
            Some(labels(&[("k8s-app", "kube-dns")])),
            labels(&[
                ("k8s-app", "kube-dns"),
                ("kubernetes.io/cluster-service", "true"),
                ("kubernetes.io/name", "CoreDNS"),
            ]),
        ))),
    );

    // kubeadm's CoreDNS ConfigMap, which the CoreDNS Pods mount as
    // /etc/coredns (`kubectl -n kube-system get configmap coredns -o yaml`).
    let mut m = meta("kube-system", "coredns");
    m.uid = COREDNS_CONFIGMAP_UID.into();
    put(
        e,
        Object::ConfigMap(Rc::new(ConfigMap {
            metadata: m,
            data: [("Corefile".to_string(), COREFILE.to_string())]
                .into_iter()
                .collect(),
            ..Default::default()
        })),
    );

    // System Pods, already running on the control plane.
    let cp_ip = internal_ips[0].clone();
    let cp_ip = cp_ip.as_str();
    let sys = |name: &str, image: &str, l: Labels, ip: &str, ports: Vec<ContainerPort>| {
        let mut m = meta("kube-system", name);
        m.labels = l;
        let mut extra = super::objects::common::Extra::default();
        extra.insert("priorityClassName".into(), json!("system-node-critical"));
        Pod {
            metadata: m,
            spec: Rc::new(PodSpec {
                extra,
                containers: vec![Container {
                    name: name.split('-').take(2).collect::<Vec<_>>().join("-").into(),
                    image: image.into(),
                    ports,
                    ..Default::default()
                }],
                node_name: CONTROL_PLANE.into(),
                restart_policy: Some("Always".into()),
                dns_policy: Some("Default".into()),
                priority: builtin_priority("system-node-critical"),
                ..Default::default()
            }),
            status: PodStatus {
                phase: "Running".into(),
                host_ip: cp_ip.into(),
                pod_ip: ip.into(),
                ..Default::default()
            },
        }
    };
    let dns_ports = vec![
        ContainerPort {
            name: "dns".into(),
            container_port: 53,
            protocol: Some("UDP".into()),
            ..Default::default()
        },
        ContainerPort {
            name: "dns-tcp".into(),
            container_port: 53,
            protocol: Some("TCP".into()),
            ..Default::default()
        },
        ContainerPort {
            name: "metrics".into(),
            container_port: 9153,
            protocol: Some("TCP".into()),
            ..Default::default()
        },
    ];
    let mut pods = vec![
        sys(
            "coredns-7d764666f9-4xq2m",
            COREDNS_IMAGE,
            labels(&[("k8s-app", "kube-dns"), ("pod-template-hash", "7d764666f9")]),
            "10.244.0.2",
            dns_ports.clone(),
        ),
        sys(
            "coredns-7d764666f9-9kzlb",
            COREDNS_IMAGE,
            labels(&[("k8s-app", "kube-dns"), ("pod-template-hash", "7d764666f9")]),
            "10.244.0.3",
            dns_ports,
        ),
    ];
    for p in &mut pods {
        p.spec_mut().containers[0].name = "coredns".into();
        p.spec_mut().containers[0].resources = Some(coredns_resources());
        p.spec_mut().dns_policy = Some("Default".into());
        p.spec_mut().priority = builtin_priority("system-cluster-critical");
        p.spec_mut()
            .extra
            .insert("priorityClassName".into(), json!("system-cluster-critical"));
        p.metadata.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "ReplicaSet",
            "coredns-7d764666f9",
            COREDNS_REPLICASET_UID,
        )];
    }
    for (name, image) in [
        ("etcd-ordinal-control-plane", "registry.k8s.io/etcd:3.6.4-0"),
        (
            "kube-apiserver-ordinal-control-plane",
            "registry.k8s.io/kube-apiserver:v1.35.0",
        ),
        (
            "kube-controller-manager-ordinal-control-plane",
            "registry.k8s.io/kube-controller-manager:v1.35.0",
        ),
        (
            "kube-scheduler-ordinal-control-plane",
            "registry.k8s.io/kube-scheduler:v1.35.0",
        ),
    ] {
        let component = name.trim_end_matches("-ordinal-control-plane");
        let mut p = sys(
            name,
            image,
            labels(&[("component", component), ("tier", "control-plane")]),
            cp_ip,
            vec![],
        );
        p.spec_mut().containers[0].name = component.into();
        p.spec_mut().containers[0].resources = control_plane_resources(component);
        p.spec_mut().extra.insert("hostNetwork".into(), json!(true));
        pods.push(p);
    }
    for (i, node) in names.iter().enumerate() {
        let node = node.as_str();
        let ip = internal_ips[i].as_str();
        for (prefix, image, app) in [
            ("kindnet", KINDNET_IMAGE, "kindnet"),
            ("kube-proxy", KUBE_PROXY_IMAGE, "kube-proxy"),
        ] {
            // Each DaemonSet names its Pods with its own random suffixes.
            let fixed = if app == "kindnet" {
                ["x7k2p", "b9m4q", "c2v8w", "d5n6r"]
            } else {
                ["h4j8s", "q6t2z", "m3w9v", "r7f5l"]
            };
            let suffix = fixed
                .get(i)
                .map(|s| s.to_string())
                .unwrap_or_else(|| e.rng.name_suffix(5));
            let name = format!("{prefix}-{suffix}");
            let key = if app == "kindnet" { "app" } else { "k8s-app" };
            let mut p = sys(
                &name,
                image,
                labels(&[
                    (key, app),
                    ("controller-revision-hash", daemonset_hash(app)),
                    ("pod-template-generation", "1"),
                ]),
                ip,
                vec![],
            );
            p.spec_mut().node_name = node.into();
            p.spec_mut().containers[0].name = if app == "kindnet" {
                "kindnet-cni".into()
            } else {
                "kube-proxy".into()
            };
            if app == "kindnet" {
                p.spec_mut().containers[0].resources = Some(kindnet_resources());
            }
            p.spec_mut().extra.insert("hostNetwork".into(), json!(true));
            p.spec_mut().tolerations = vec![pod::Toleration {
                operator: Some("Exists".into()),
                ..Default::default()
            }];
            p.status.host_ip = ip.into();
            p.metadata.owner_references = vec![OwnerReference::controller(
                "apps/v1",
                "DaemonSet",
                prefix,
                if app == "kindnet" {
                    KINDNET_UID
                } else {
                    KUBE_PROXY_UID
                },
            )];
            pods.push(p);
        }
    }
    // kind's local-path-provisioner, the `standard` class's provisioner:
    // a Deployment's Pod on the control plane.
    let mut p = sys(
        "local-path-provisioner-7dc846544d-9t6fq",
        LOCAL_PATH_IMAGE,
        labels(&[
            ("app", "local-path-provisioner"),
            ("pod-template-hash", "7dc846544d"),
        ]),
        "10.244.0.4",
        vec![],
    );
    p.metadata.namespace = "local-path-storage".into();
    p.metadata.uid = LOCAL_PATH_POD_UID.into();
    p.metadata.owner_references = vec![OwnerReference::controller(
        "apps/v1",
        "ReplicaSet",
        "local-path-provisioner-7dc846544d",
        LOCAL_PATH_REPLICASET_UID,
    )];
    {
        let spec = p.spec_mut();
        spec.containers[0].name = "local-path-provisioner".into();
        spec.dns_policy = Some("ClusterFirst".into());
        spec.priority = Some(0);
        spec.extra.remove("priorityClassName");
        spec.service_account_name = Some("local-path-provisioner-service-account".into());
        spec.node_selector = labels(&[("kubernetes.io/os", "linux")]);
        spec.tolerations = vec![pod::Toleration {
            key: "node-role.kubernetes.io/control-plane".into(),
            operator: Some("Equal".into()),
            effect: "NoSchedule".into(),
            ..Default::default()
        }];
    }
    pods.push(p);
    workload_owners(e, names.len() as i64);
    for mut p in pods {
        if p.metadata.uid.is_empty() {
            p.metadata.uid = e.rng.uuid().into();
        }
        p.status.pod_ips = vec![pod::PodIp {
            ip: p.status.pod_ip.clone(),
        }];
        p.status.host_ips = vec![pod::PodIp {
            ip: p.status.host_ip.clone(),
        }];
        p.status.start_time = Some(Time::new(SimTime::ZERO));
        // What the API server sets at creation (`qos.GetPodQOS`): the
        // resources above make CoreDNS and the control plane Burstable,
        // kindnet Guaranteed, kube-proxy and the provisioner BestEffort.
        p.status.qos_class = super::apiserver::defaults::qos_class(&p.spec).into();
        let node = p.spec.node_name.clone();
        if p.status.pod_ip.starts_with("10.244.") {
            e.network.reserve_pod_ip(&node, &p.status.pod_ip);
        }
        e.kubelet_adopt_running(&mut p);
        put(e, Object::Pod(Rc::new(p)));
    }
    system_priority_classes(e);
    kubernetes_endpoints(e, cp_ip);
    // The kube-dns EndpointSlice follows from the CoreDNS Pods.
    e.actor = super::Actor::User;
    e.settle();
    e.actor = super::Actor::Cluster;
}

/// The API server's own endpoints (its endpoint reconciler,
/// `pkg/controlplane/reconcilers`): the `kubernetes` Service has no
/// selector, so no controller writes them; the API server keeps an
/// Endpoints object with its address and port 6443 (labelled so the
/// mirroring controller leaves it alone) and the EndpointSlice
/// `endpointSliceFromEndpoints` makes of it. Fixed uids, so the random
/// stream every later object draws from stays the same.
fn kubernetes_endpoints(e: &mut Engine, api_server_ip: &str) {
    use super::objects::service::{
        Endpoint, EndpointAddress, EndpointConditions, EndpointPort, EndpointSlice, EndpointSubset,
        Endpoints,
    };
    let https = EndpointPort {
        name: Some("https".into()),
        protocol: Some("TCP".into()),
        port: Some(6443),
        app_protocol: None,
    };
    let mut m = meta("default", "kubernetes");
    m.uid = "0f6c2b8e-3d41-4a7f-9b25-6e8d1c4a7b30".into();
    m.labels = labels(&[("endpointslice.kubernetes.io/skip-mirror", "true")]);
    put(
        e,
        Object::Endpoints(Rc::new(Endpoints {
            metadata: m,
            subsets: vec![EndpointSubset {
                addresses: vec![EndpointAddress {
                    ip: api_server_ip.into(),
                    ..Default::default()
                }],
                not_ready_addresses: Vec::new(),
                ports: vec![https.clone()],
            }],
        })),
    );
    let mut m = meta("default", "kubernetes");
    m.uid = "5a9d3e71-8c2f-4b06-a4d8-2f7e9c1b5d64".into();
    m.labels = labels(&[("kubernetes.io/service-name", "kubernetes")]);
    // The registry's PrepareForCreate: a slice starts at generation 1.
    m.generation = 1;
    put(
        e,
        Object::EndpointSlice(Rc::new(EndpointSlice {
            metadata: m,
            address_type: "IPv4".into(),
            endpoints: Some(vec![Rc::new(Endpoint {
                addresses: vec![api_server_ip.into()],
                conditions: EndpointConditions {
                    ready: Some(true),
                    ..Default::default()
                },
                ..Default::default()
            })]),
            ports: Some(vec![https]),
        })),
    );
}

/// The PriorityClasses the API server creates at start
/// (`SystemPriorityClasses`), with fixed uids so the random stream every
/// later object draws from stays the same.
fn system_priority_classes(e: &mut Engine) {
    use super::apiserver::validation::priority_class::SYSTEM_PRIORITY_CLASSES;
    for (i, (name, value, description)) in SYSTEM_PRIORITY_CLASSES.iter().enumerate() {
        let mut m = meta("", name);
        m.uid = format!("0b7f3c2e-5d1a-4e8b-9c6f-2a4d8e1b7c3{i}").into();
        let mut pc = GenericObject {
            metadata: m,
            ..Default::default()
        };
        for (k, v) in [
            ("apiVersion", json!("scheduling.k8s.io/v1")),
            ("kind", json!("PriorityClass")),
            ("description", json!(description)),
            ("preemptionPolicy", json!("PreemptLowerPriority")),
            ("value", json!(value)),
        ] {
            pc.rest.insert(k.into(), v);
        }
        put(e, Object::Other(Kind::PriorityClass, Rc::new(pc)));
    }
}

/// The controllers that own the add-on Pods: the `coredns` Deployment and
/// its ReplicaSet, the `kindnet` and `kube-proxy` DaemonSets, with the uids
/// the Pods' ownerReferences name. Ordinal keeps them without running them
/// (`Kind::is_kept_only`), but they must exist: the garbage collector
/// deletes a Pod whose owners are all gone, and would take CoreDNS and the
/// node agents with the first deletion a user makes.
/// An add-on Deployment kind runs (its Pods are made in `default_cluster`).
struct Addon {
    namespace: &'static str,
    name: &'static str,
    label: (&'static str, &'static str),
    /// Whether the Deployment itself carries the label (CoreDNS's does).
    deployment_labels: bool,
    hash: &'static str,
    /// (Deployment, ReplicaSet) uids, fixed: the Pods' owner references name them.
    uids: (&'static str, &'static str),
    image: &'static str,
    replicas: i64,
    max_unavailable: Value,
    resources: Option<Value>,
}

fn workload_owners(e: &mut Engine, nodes: i64) {
    let generic = |kind: Kind, name: &str, uid: &str, labels_of: &[(&str, &str)], rest: Value| {
        let mut m = meta("kube-system", name);
        m.uid = uid.into();
        m.generation = 1;
        m.labels = labels(labels_of);
        let rest = match rest {
            Value::Object(fields) => fields.into_iter().collect(),
            _ => Default::default(),
        };
        Object::Other(kind, Rc::new(GenericObject { metadata: m, rest }))
    };
    // The Pod templates carry the containers' resources as the Pods do.
    let template = |labels: Value, name: &str, image: &str, resources: Option<Value>| {
        let mut c = json!({"name": name, "image": image});
        if let Some(r) = resources {
            c["resources"] = r;
        }
        json!({"metadata": {"labels": labels}, "spec": {"containers": [c]}})
    };
    // CoreDNS's template says what its Pods are (kubeadm's manifest: the
    // DNS ports, the node's resolver, the cluster-critical priority), so
    // a Pod its ReplicaSet makes again is one of them.
    let addon_template = |labels: Value, name: &str, image: &str, resources: Option<Value>| {
        let mut t = template(labels, name, image, resources);
        if name == "coredns" {
            t["spec"]["containers"][0]["ports"] = json!([
                {"containerPort": 53, "name": "dns", "protocol": "UDP"},
                {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                {"containerPort": 9153, "name": "metrics", "protocol": "TCP"},
            ]);
            t["spec"]["dnsPolicy"] = json!("Default");
            t["spec"]["priorityClassName"] = json!("system-cluster-critical");
        }
        t
    };
    // Each add-on Deployment with the ReplicaSet that owns its Pods.
    let addons = [
        Addon {
            namespace: "kube-system",
            name: "coredns",
            label: ("k8s-app", "kube-dns"),
            deployment_labels: true,
            hash: "7d764666f9",
            uids: (COREDNS_DEPLOYMENT_UID, COREDNS_REPLICASET_UID),
            image: COREDNS_IMAGE,
            replicas: 2,
            max_unavailable: json!(1),
            resources: Some(coredns_resources()),
        },
        Addon {
            namespace: "local-path-storage",
            name: "local-path-provisioner",
            label: ("app", "local-path-provisioner"),
            deployment_labels: false,
            hash: "7dc846544d",
            uids: (LOCAL_PATH_DEPLOYMENT_UID, LOCAL_PATH_REPLICASET_UID),
            image: LOCAL_PATH_IMAGE,
            replicas: 1,
            max_unavailable: json!("25%"),
            resources: None,
        },
    ];
    for a in addons {
        let (key, value) = a.label;
        let sel = json!({ key: value });
        let own_labels = [a.label];
        let deployment_labels: &[(&str, &str)] = if a.deployment_labels {
            &own_labels
        } else {
            &[]
        };
        let mut deployment = generic(
            Kind::Deployment,
            a.name,
            a.uids.0,
            deployment_labels,
            json!({
                "spec": {
                    "replicas": a.replicas,
                    "selector": {"matchLabels": sel},
                    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": a.max_unavailable}},
                    "template": addon_template(sel.clone(), a.name, a.image, a.resources.clone()),
                },
                "status": {
                    "observedGeneration": 1, "replicas": a.replicas, "updatedReplicas": a.replicas, "readyReplicas": a.replicas, "availableReplicas": a.replicas,
                    // What the Deployment controller writes once its ReplicaSet is available.
                    "conditions": [
                        {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability.", "lastTransitionTime": SimTime::ZERO.rfc3339(), "lastUpdateTime": SimTime::ZERO.rfc3339()},
                        {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "message": format!("ReplicaSet \"{}-{}\" has successfully progressed.", a.name, a.hash), "lastTransitionTime": SimTime::ZERO.rfc3339(), "lastUpdateTime": SimTime::ZERO.rfc3339()},
                    ],
                },
            }),
        );
        deployment.meta_mut().namespace = a.namespace.into();
        deployment
            .meta_mut()
            .annotations
            .insert("deployment.kubernetes.io/revision".into(), "1".into());
        put(e, deployment);
        let rs_labels = json!({ key: value, "pod-template-hash": a.hash });
        let rs_name = format!("{}-{}", a.name, a.hash);
        let mut rs = generic(
            Kind::ReplicaSet,
            &rs_name,
            a.uids.1,
            &[a.label, ("pod-template-hash", a.hash)],
            json!({
                "spec": {
                    "replicas": a.replicas,
                    "selector": {"matchLabels": rs_labels},
                    "template": addon_template(rs_labels.clone(), a.name, a.image, a.resources.clone()),
                },
                "status": {"observedGeneration": 1, "replicas": a.replicas, "fullyLabeledReplicas": a.replicas, "readyReplicas": a.replicas, "availableReplicas": a.replicas},
            }),
        );
        rs.meta_mut().namespace = a.namespace.into();
        // The Deployment controller's annotations (max: replicas + the 25 %
        // surge, rounded up).
        let surge = (a.replicas + 3) / 4;
        for (k, v) in [
            ("deployment.kubernetes.io/desired-replicas", a.replicas),
            ("deployment.kubernetes.io/max-replicas", a.replicas + surge),
            ("deployment.kubernetes.io/revision", 1),
        ] {
            rs.meta_mut()
                .annotations
                .insert(k.into(), v.to_string().into());
        }
        rs.meta_mut().owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "Deployment",
            a.name,
            a.uids.0,
        )];
        put(e, rs);
    }
    for (name, uid, key, image) in [
        ("kindnet", KINDNET_UID, "app", KINDNET_IMAGE),
        ("kube-proxy", KUBE_PROXY_UID, "k8s-app", KUBE_PROXY_IMAGE),
    ] {
        let sel = json!({ key: name });
        // As their Pods: on the host's network, tolerating every taint
        // (the control plane's too), node-critical.
        let mut ds_template = if name == "kindnet" {
            template(sel.clone(), "kindnet-cni", image, Some(kindnet_resources()))
        } else {
            let mut t = template(sel.clone(), "kube-proxy", image, None);
            t["spec"]["nodeSelector"] = json!({"kubernetes.io/os": "linux"});
            t
        };
        ds_template["spec"]["hostNetwork"] = json!(true);
        ds_template["spec"]["tolerations"] = json!([{"operator": "Exists"}]);
        ds_template["spec"]["priorityClassName"] = json!("system-node-critical");
        let mut ds = generic(
            Kind::DaemonSet,
            name,
            uid,
            &[(key, name)],
            json!({
                "spec": {
                    "selector": {"matchLabels": sel},
                    "template": ds_template,
                    "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}},
                },
                "status": {
                    "currentNumberScheduled": nodes, "desiredNumberScheduled": nodes,
                    "numberAvailable": nodes, "numberMisscheduled": 0, "numberReady": nodes,
                    "observedGeneration": 1, "updatedNumberScheduled": nodes,
                },
            }),
        );
        crate::engine::apiserver::defaults::daemonset_template_generation(&mut ds, None);
        let template = ds
            .to_value()
            .pointer("/spec/template")
            .cloned()
            .unwrap_or_default();
        put(e, ds);
        // Its ControllerRevision (the DaemonSet controller's history: the
        // template, whole, as a patch), as `kubectl get controllerrevisions
        // -n kube-system` lists on kind.
        let hash = daemonset_hash(name);
        let mut rm = meta("kube-system", &format!("{name}-{hash}"));
        rm.uid = if name == "kindnet" {
            KINDNET_REVISION_UID
        } else {
            KUBE_PROXY_REVISION_UID
        }
        .into();
        rm.labels = labels(&[(key, name), ("controller-revision-hash", hash)]);
        rm.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "DaemonSet",
            name,
            uid,
        )];
        put(
            e,
            Object::ControllerRevision(Rc::new(ControllerRevision {
                metadata: rm,
                data: super::controller::statefulset::revision::template_patch(template),
                revision: 1,
            })),
        );
    }
}

fn put(e: &mut Engine, mut obj: Object) {
    if obj.meta().uid.is_empty() {
        obj.meta_mut().uid = e.rng.uuid().into();
    }
    // The add-on workloads as the API server stored them: defaulted, so
    // that a later write (a `kubectl scale`, defaulted too) leaves the
    // Deployment's template equal to its ReplicaSet's.
    if matches!(obj.kind(), Kind::Deployment | Kind::ReplicaSet) {
        super::apiserver::defaults::apply_defaults(&mut obj);
    }
    e.store.write(obj);
}
