//! `kubectl describe` (DESC, R10.11) from a driven cluster: the StatefulSet
//! Basics state at 09:05:00 (seed 1), and a crash-looping Pod. The layouts
//! were checked by describing the same objects with kubectl 1.33 against a
//! stub API server; what differs there is 1.35's (named container ports,
//! `spec.containers{…}:` before container event messages) and the
//! API-server defaults the printers fill in (port protocol, Service IP
//! families and policies, the StatefulSet update strategy, PVC volumeMode).

use crate::support;

use ordinal::console::printers::{describe, describe_many, rollout_history};
use ordinal::engine::faults::Fault;
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{Engine, Input, SimDuration, SimTime};
use serde_json::json;
use support::*;

fn basics() -> Harness {
    let mut h = Harness::new(1);
    h.create(Kind::Service, nginx_service());
    h.create(Kind::StatefulSet, web(3, "OrderedReady"));
    h.create(
        Kind::ConfigMap,
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "nginx-conf", "namespace": "default", "labels": {"app": "nginx"}},
            "data": {"index.html": "<h1>web</h1>\n", "nginx.conf": "worker_processes 1;"}}),
    );
    h.create(
        Kind::Secret,
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds", "namespace": "default"}, "type": "Opaque",
            "data": {"password": "aHVudGVyMg==", "user": "YWRtaW4="}}),
    );
    h.settle(SimDuration::secs(300));
    let to_five_minutes = SimTime(300_000) - h.now();
    h.advance(to_five_minutes);
    h
}

fn object(e: &Engine, kind: Kind, name: &str) -> Object {
    let ns = if kind.namespaced() { "default" } else { "" };
    e.store().get_dyn(kind, ns, name).expect("object exists")
}

fn describe_named(h: &Harness, kind: Kind, name: &str) -> String {
    describe(&h.engine, &object(&h.engine, kind, name), true).expect("described")
}

#[test]
fn r10_11_describe_pod() {
    let h = basics();
    assert_eq!(
        describe_named(&h, Kind::Pod, "web-0"),
        r#"Name:             web-0
Namespace:        default
Priority:         0
Service Account:  default
Node:             ordinal-worker3/172.18.0.7
Start Time:       Mon, 05 Jan 2026 09:00:01 +0000
Labels:           app=nginx
                  apps.kubernetes.io/pod-index=0
                  controller-revision-hash=web-f99c84b4b
                  statefulset.kubernetes.io/pod-name=web-0
Annotations:      <none>
Status:           Running
IP:               10.244.3.250
IPs:
  IP:           10.244.3.250
Controlled By:  StatefulSet/web
Containers:
  nginx:
    Container ID:   containerd://36a119d3df0b5e17ddd6de9f38f70d45ecb83fa8fa59660f02ac823df99adb1f
    Image:          registry.k8s.io/nginx-slim:0.21
    Image ID:       registry.k8s.io/nginx-slim@sha256:9c8c5703e29605690a4d96e2f44be12c575d5101471ae0ce7a894e6768321bea
    Port:           80/TCP (web)
    Host Port:      0/TCP (web)
    State:          Running
      Started:      Mon, 05 Jan 2026 09:00:05 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-cglrg (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  www:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  www-web-0
    ReadOnly:   false
  kube-api-access-cglrg:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age    From               Message
  ----    ------     ----   ----               -------
  Normal  Scheduled  4m58s  default-scheduler  Successfully assigned default/web-0 to ordinal-worker3
  Normal  Pulling    4m58s  kubelet            spec.containers{nginx}: Pulling image "registry.k8s.io/nginx-slim:0.21"
  Normal  Pulled     4m55s  kubelet            spec.containers{nginx}: Successfully pulled image "registry.k8s.io/nginx-slim:0.21" in 3.11s (3.11s including waiting). Image size: 18621409 bytes.
  Normal  Created    4m55s  kubelet            spec.containers{nginx}: Created container: nginx
  Normal  Started    4m55s  kubelet            spec.containers{nginx}: Started container nginx
"#
    );
}

#[test]
fn r10_11_describe_statefulset() {
    let h = basics();
    assert_eq!(
        describe_named(&h, Kind::StatefulSet, "web"),
        r#"Name:               web
Namespace:          default
CreationTimestamp:  Mon, 05 Jan 2026 09:00:00 +0000
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           3 desired | 3 total
Update Strategy:    RollingUpdate
  Partition:        0
  MaxUnavailable:   1
Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:        registry.k8s.io/nginx-slim:0.21
    Port:         80/TCP (web)
    Host Port:    0/TCP (web)
    Environment:  <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:
  Type    Reason            Age    From                    Message
  ----    ------            ----   ----                    -------
  Normal  SuccessfulCreate  5m     statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success
  Normal  SuccessfulCreate  5m     statefulset-controller  create Pod web-0 in StatefulSet web successful
  Normal  SuccessfulCreate  4m55s  statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success
  Normal  SuccessfulCreate  4m55s  statefulset-controller  create Pod web-1 in StatefulSet web successful
  Normal  SuccessfulCreate  4m46s  statefulset-controller  create Claim www-web-2 Pod web-2 in StatefulSet web success
  Normal  SuccessfulCreate  4m46s  statefulset-controller  create Pod web-2 in StatefulSet web successful
"#
    );
}

#[test]
fn describe_headless_service() {
    let h = basics();
    assert_eq!(
        describe_named(&h, Kind::Service, "nginx"),
        r#"Name:                     nginx
Namespace:                default
Labels:                   app=nginx
Annotations:              <none>
Selector:                 app=nginx
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       None
IPs:                      None
Port:                     web  80/TCP
TargetPort:               80/TCP
Endpoints:                10.244.3.250:80,10.244.2.10:80,10.244.1.37:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
"#
    );
}

#[test]
fn describe_claim_and_its_volume() {
    let h = basics();
    assert_eq!(
        describe_named(&h, Kind::PersistentVolumeClaim, "www-web-0"),
        r#"Name:          www-web-0
Namespace:     default
StorageClass:  standard
Status:        Bound
Volume:        pvc-926ad8b1-301c-4663-8dce-cfd2532dca2f
Labels:        app=nginx
Annotations:   pv.kubernetes.io/bind-completed: yes
               pv.kubernetes.io/bound-by-controller: yes
               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path
               volume.kubernetes.io/selected-node: ordinal-worker3
               volume.kubernetes.io/storage-provisioner: rancher.io/local-path
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      1Gi
Access Modes:  RWO
VolumeMode:    Filesystem
Used By:       web-0
Events:
  Type    Reason                 Age    From                                                                                                Message
  ----    ------                 ----   ----                                                                                                -------
  Normal  WaitForPodScheduled    5m     persistentvolume-controller                                                                         waiting for pod web-0 to be scheduled
  Normal  ExternalProvisioning   5m     persistentvolume-controller                                                                         Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.
  Normal  Provisioning           5m     rancher.io/local-path_local-path-provisioner-7dc846544d-9t6fq_7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d  External provisioner is provisioning volume for claim "default/www-web-0"
  Normal  ProvisioningSucceeded  4m59s  rancher.io/local-path_local-path-provisioner-7dc846544d-9t6fq_7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d  Successfully provisioned volume pvc-926ad8b1-301c-4663-8dce-cfd2532dca2f
"#
    );
    let pv = h
        .engine
        .store()
        .pvcs
        .get("default", "www-web-0")
        .expect("claim")
        .spec
        .volume_name
        .clone();
    assert_eq!(
        describe_named(&h, Kind::PersistentVolume, &pv),
        r#"Name:              pvc-926ad8b1-301c-4663-8dce-cfd2532dca2f
Labels:            <none>
Annotations:       local.path.provisioner/selected-node: ordinal-worker3
                   pv.kubernetes.io/provisioned-by: rancher.io/local-path
Finalizers:        [kubernetes.io/pv-protection]
StorageClass:      standard
Status:            Bound
Claim:             default/www-web-0
Reclaim Policy:    Delete
Access Modes:      RWO
VolumeMode:        Filesystem
Capacity:          1Gi
Node Affinity:     
  Required Terms:  
    Term 0:        kubernetes.io/hostname in [ordinal-worker3]
Message:           
Source:
    Type:          HostPath (bare host directory volume)
    Path:          /var/local-path-provisioner/pvc-926ad8b1-301c-4663-8dce-cfd2532dca2f_default_www-web-0
    HostPathType:  DirectoryOrCreate
Events:            <none>
"#
    );
}

#[test]
fn describe_storageclass_node_namespace() {
    let h = basics();
    assert_eq!(
        describe_named(&h, Kind::StorageClass, "standard"),
        r#"Name:            standard
IsDefaultClass:  Yes
Annotations:     kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}
,storageclass.kubernetes.io/is-default-class=true
Provisioner:           rancher.io/local-path
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
"#
    );
    assert_eq!(
        describe_named(&h, Kind::Node, "ordinal-worker"),
        r#"Name:               ordinal-worker
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=ordinal-worker
                    kubernetes.io/os=linux
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 05 Jan 2026 09:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  ordinal-worker
  AcquireTime:     <unset>
  RenewTime:       Mon, 05 Jan 2026 09:05:00 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Mon, 05 Jan 2026 09:00:00 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Mon, 05 Jan 2026 09:00:00 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Mon, 05 Jan 2026 09:00:00 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Mon, 05 Jan 2026 09:00:00 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.2
  Hostname:    ordinal-worker
Capacity:
  cpu:                4
  ephemeral-storage:  102626232Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             8148060Ki
  pods:               110
Allocatable:
  cpu:                4
  ephemeral-storage:  102626232Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             8148060Ki
  pods:               110
System Info:
  Machine ID:                 0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f51
  System UUID:                4c4c4544-0033-4a10-8054-b1c04f4d5333
  Boot ID:                    6f1c2a4e-0b7d-4c1e-9a13-5d2e8f0a1b1c
  Kernel Version:             6.8.0-60-generic
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.3
  Kubelet Version:            v1.35.0
  Kube-Proxy Version:         
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
ProviderID:                   kind://docker/ordinal/ordinal-worker
Non-terminated Pods:          (3 in total)
  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                ------------  ----------  ---------------  -------------  ---
  default                     web-2               0 (0%)        0 (0%)      0 (0%)           0 (0%)         4m46s
  kube-system                 kindnet-b9m4q       100m (2%)     100m (2%)   50Mi (0%)        50Mi (0%)      5m
  kube-system                 kube-proxy-q6t2z    0 (0%)        0 (0%)      0 (0%)           0 (0%)         5m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (2%)  100m (2%)
  memory             50Mi (0%)  50Mi (0%)
  ephemeral-storage  0 (0%)     0 (0%)
  hugepages-1Gi      0 (0%)     0 (0%)
  hugepages-2Mi      0 (0%)     0 (0%)
Events:              <none>
"#
    );
    assert_eq!(
        describe_named(&h, Kind::Namespace, "default"),
        r#"Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
"#
    );
}

#[test]
fn describe_endpointslice_and_endpoints() {
    let h = basics();
    // The nginx Service's slice (the API server keeps `kubernetes` too).
    let slice: Vec<_> = h
        .engine
        .store()
        .list_dyn(Kind::EndpointSlice, Some("default"))
        .into_iter()
        .filter(|s| s.name().starts_with("nginx-"))
        .collect();
    assert_eq!(
        describe(&h.engine, &slice[0], true).expect("described"),
        r#"Name:         nginx-7ck8p
Namespace:    default
Labels:       app=nginx
              endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=nginx
              service.kubernetes.io/headless=
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-05T09:00:22Z
AddressType:  IPv4
Ports:
  Name  Port  Protocol
  ----  ----  --------
  web   80    TCP
Endpoints:
  - Addresses:  10.244.3.250
    Conditions:
      Ready:    true
    Hostname:   web-0
    TargetRef:  Pod/web-0
    NodeName:   ordinal-worker3
    Zone:       <unset>
  - Addresses:  10.244.2.10
    Conditions:
      Ready:    true
    Hostname:   web-1
    TargetRef:  Pod/web-1
    NodeName:   ordinal-worker2
    Zone:       <unset>
  - Addresses:  10.244.1.37
    Conditions:
      Ready:    true
    Hostname:   web-2
    TargetRef:  Pod/web-2
    NodeName:   ordinal-worker
    Zone:       <unset>
Events:         <none>
"#
    );
    assert_eq!(
        describe_named(&h, Kind::Endpoints, "nginx"),
        r#"Name:         nginx
Namespace:    default
Labels:       app=nginx
              service.kubernetes.io/headless=
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-05T09:00:22Z
Subsets:
  Addresses:          10.244.1.37,10.244.2.10,10.244.3.250
  NotReadyAddresses:  <none>
  Ports:
    Name  Port  Protocol
    ----  ----  --------
    web   80    TCP

Events:  <none>
"#
    );
}

#[test]
fn describe_configmap_and_secret() {
    let h = basics();
    assert_eq!(
        describe_named(&h, Kind::ConfigMap, "nginx-conf"),
        r#"Name:         nginx-conf
Namespace:    default
Labels:       app=nginx
Annotations:  <none>

Data
====
index.html:
----
<h1>web</h1>


nginx.conf:
----
worker_processes 1;


BinaryData
====

Events:  <none>
"#
    );
    assert_eq!(
        describe_named(&h, Kind::Secret, "creds"),
        r#"Name:         creds
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  7 bytes
user:      5 bytes
"#
    );
}

#[test]
fn describe_controllerrevision_uses_the_generic_describer() {
    let h = basics();
    let cr = h
        .engine
        .store()
        .list_dyn(Kind::ControllerRevision, Some("default"));
    assert_eq!(
        describe(&h.engine, &cr[0], true).expect("described"),
        r#"Name:         web-f99c84b4b
Namespace:    default
Labels:       app=nginx
              controller.kubernetes.io/hash=f99c84b4b
Annotations:  <none>
API Version:  apps/v1
Data:
  Spec:
    Template:
      $patch:  replace
      Metadata:
        Labels:
          App:  nginx
      Spec:
        Containers:
          Image:              registry.k8s.io/nginx-slim:0.21
          Image Pull Policy:  IfNotPresent
          Name:               nginx
          Ports:
            Container Port:  80
            Name:            web
            Protocol:        TCP
          Resources:
          Termination Message Path:    /dev/termination-log
          Termination Message Policy:  File
          Volume Mounts:
            Mount Path:  /usr/share/nginx/html
            Name:        www
        Dns Policy:      ClusterFirst
        Restart Policy:  Always
        Scheduler Name:  default-scheduler
        Security Context:
        Termination Grace Period Seconds:  30
Kind:                                      ControllerRevision
Metadata:
  Creation Timestamp:  2026-01-05T09:00:00Z
  Owner References:
    API Version:           apps/v1
    Block Owner Deletion:  true
    Controller:            true
    Kind:                  StatefulSet
    Name:                  web
    UID:                   18dbcb0b-a39c-4176-a472-300566049792
  Resource Version:        57
  UID:                     fcfe920d-38a2-4bdb-a214-c62c567c4b2f
Revision:                  1
Events:                    <none>
"#
    );
}

#[test]
fn describing_several_objects_separates_them_with_a_blank_line() {
    let h = basics();
    let objs = vec![
        object(&h.engine, Kind::ConfigMap, "nginx-conf"),
        object(&h.engine, Kind::Secret, "creds"),
    ];
    let (text, errors) = describe_many(&h.engine, &objs, true);
    assert!(errors.is_empty());
    assert_eq!(
        text,
        format!(
            "{}\n\n{}",
            describe(&h.engine, &objs[0], true).unwrap(),
            describe(&h.engine, &objs[1], true).unwrap()
        )
    );
}

/// web-1 crashes from 09:02:00: its container waits in CrashLoopBackOff,
/// its last state is the failed run, and repeated events are aggregated.
/// (web-0 turns Ready at its readiness worker's first tick after nginx
/// answers, ticks counted from the Pod's admission (R11.3), so web-1 starts
/// at 09:00:09; one readiness tick found a restarted web-1 before nginx
/// answered: `Unhealthy`, connection refused.)
#[test]
fn r10_11_crash_loop_shows_last_state_and_aggregated_events() {
    let mut e = Engine::with_seed(3);
    let mut w = web(2, "OrderedReady");
    w["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] =
        json!({"httpGet": {"path": "/", "port": 80}, "periodSeconds": 5});
    w["spec"]["template"]["spec"]["containers"][0]["resources"] =
        json!({"requests": {"cpu": "0.25", "memory": "64Mi"}, "limits": {"memory": "128Mi"}});
    e.create(Object::from_value(Kind::Service, nginx_service()).expect("svc"))
        .expect("created");
    e.create(Object::from_value(Kind::StatefulSet, w).expect("sts"))
        .expect("created");
    e.advance_to(SimTime(120_000));
    let crash = Fault::Crash {
        pod: ("default".into(), "web-1".into()),
    };
    e.handle(Input::Fault(crash), SimTime(120_000))
        .expect("fault");
    e.advance_to(SimTime(420_000));
    assert_eq!(
        describe(&e, &object(&e, Kind::Pod, "web-1"), true).expect("described"),
        r#"Name:             web-1
Namespace:        default
Priority:         0
Service Account:  default
Node:             ordinal-worker/172.18.0.2
Start Time:       Mon, 05 Jan 2026 09:00:09 +0000
Labels:           app=nginx
                  apps.kubernetes.io/pod-index=1
                  controller-revision-hash=web-744c9f45bd
                  statefulset.kubernetes.io/pod-name=web-1
Annotations:      <none>
Status:           Running
IP:               10.244.1.30
IPs:
  IP:           10.244.1.30
Controlled By:  StatefulSet/web
Containers:
  nginx:
    Container ID:   containerd://e236ce9a9cf5273e2fc2387fe458f1d4d85cf7ec32272934041f56f8dcda8fc4
    Image:          registry.k8s.io/nginx-slim:0.21
    Image ID:       registry.k8s.io/nginx-slim@sha256:9c8c5703e29605690a4d96e2f44be12c575d5101471ae0ce7a894e6768321bea
    Port:           80/TCP (web)
    Host Port:      0/TCP (web)
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Mon, 05 Jan 2026 09:04:38 +0000
      Finished:     Mon, 05 Jan 2026 09:04:39 +0000
    Ready:          False
    Restart Count:  5
    Limits:
      memory:  128Mi
    Requests:
      cpu:        250m
      memory:     64Mi
    Readiness:    http-get http://:80/ delay=0s timeout=1s period=5s #success=1 #failure=3
    Environment:  <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5nxpw (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  www:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  www-web-1
    ReadOnly:   false
  kube-api-access-5nxpw:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                    From               Message
  ----     ------     ----                   ----               -------
  Normal   Scheduled  6m50s                  default-scheduler  Successfully assigned default/web-1 to ordinal-worker
  Normal   Pulling    6m50s                  kubelet            spec.containers{nginx}: Pulling image "registry.k8s.io/nginx-slim:0.21"
  Normal   Pulled     6m47s                  kubelet            spec.containers{nginx}: Successfully pulled image "registry.k8s.io/nginx-slim:0.21" in 2.933s (2.933s including waiting). Image size: 18621409 bytes.
  Warning  Unhealthy  4m46s                  kubelet            spec.containers{nginx}: Readiness probe failed: Get "http://10.244.1.30:80/": dial tcp 10.244.1.30:80: connect: connection refused
  Normal   Created    2m23s (x6 over 6m47s)  kubelet            spec.containers{nginx}: Created container: nginx
  Normal   Pulled     2m23s (x5 over 4m59s)  kubelet            spec.containers{nginx}: Container image "registry.k8s.io/nginx-slim:0.21" already present on machine
  Normal   Started    2m22s (x6 over 6m47s)  kubelet            spec.containers{nginx}: Started container nginx
  Warning  BackOff    2m20s (x5 over 4m57s)  kubelet            spec.containers{nginx}: Back-off restarting failed container nginx in pod web-1_default(a20899c5-4014-44e4-9016-ff33dcf5eeb2)
"#
    );
    let pods = e.store().list_dyn(Kind::Pod, Some("default"));
    let table =
        ordinal::console::printers::get_table(&e, Kind::Pod, &pods, &Default::default()).text();
    assert_eq!(
        table,
        r#"NAME    READY   STATUS             RESTARTS        AGE
web-0   1/1     Running            0               7m
web-1   0/1     CrashLoopBackOff   5 (2m21s ago)   6m53s
"#
    );
}

/// `rollout history` (history.go): the revision table, then one revision's
/// Pod Template printed without alignment, as kubectl prints it.
#[test]
fn rollout_history_lists_revisions_and_shows_one() {
    let mut h = basics();
    let sts = object(&h.engine, Kind::StatefulSet, "web");
    assert_eq!(
        rollout_history(&h.engine, &sts, 0).expect("history"),
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n"
    );
    let mut v = sts.to_value();
    v["metadata"]["annotations"] = json!({"kubernetes.io/change-cause": "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24"});
    v["spec"]["template"]["spec"]["containers"][0]["image"] =
        json!("registry.k8s.io/nginx-slim:0.24");
    let updated = Object::from_value(Kind::StatefulSet, v).expect("sts");
    h.engine.update(updated).expect("updated");
    let sts = object(&h.engine, Kind::StatefulSet, "web");
    assert_eq!(
        rollout_history(&h.engine, &sts, 0).expect("history"),
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24\n\n"
    );
    assert_eq!(
        rollout_history(&h.engine, &sts, 2).expect("revision 2"),
        "statefulset.apps/web with revision #2\nPod Template:\n  Labels:\tapp=nginx\n  Containers:\n   nginx:\n    Image:\tregistry.k8s.io/nginx-slim:0.24\n    Port:\t80/TCP (web)\n    Host Port:\t0/TCP (web)\n    Environment:\t<none>\n    Mounts:\n      /usr/share/nginx/html from www (rw)\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n"
    );
    assert_eq!(
        rollout_history(&h.engine, &sts, 7).unwrap_err(),
        "unable to find the specified revision"
    );
}

/// DESC `printCSIPersistentVolumeSource`: a CSI volume's source ends with its
/// `VolumeAttributes` (`<none>` when it has none), one `key=value` a line.
#[test]
fn describe_csi_volume_lists_its_volume_attributes() {
    let mut h = Harness::new(1);
    let pv = |name: &str, attrs: serde_json::Value| {
        json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                "csi": {"driver": "ebs.csi.aws.com", "volumeHandle": "vol-1", "fsType": "ext4", "volumeAttributes": attrs}}})
    };
    h.create(Kind::PersistentVolume, pv("plain", json!({})));
    h.create(
        Kind::PersistentVolume,
        pv("tagged", json!({"zone": "a", "storage.kubernetes.io/csiProvisionerIdentity": "1700000000000-8081-ebs.csi.aws.com"})),
    );
    let plain = describe_named(&h, Kind::PersistentVolume, "plain");
    assert!(
        plain.ends_with("    ReadOnly:          false\n    VolumeAttributes:  <none>\nEvents:                <none>\n"),
        "{plain}"
    );
    let tagged = describe_named(&h, Kind::PersistentVolume, "tagged");
    assert!(
        tagged.ends_with("    ReadOnly:          false\n    VolumeAttributes:  storage.kubernetes.io/csiProvisionerIdentity=1700000000000-8081-ebs.csi.aws.com\n                       zone=a\nEvents:                <none>\n"),
        "{tagged}"
    );
}

/// `Terminating (lasts …)` is `translateTimestampSince(deletionTimestamp)`:
/// during the grace period the timestamp lies ahead, and HumanDuration
/// answers `<invalid>` from two seconds ahead, `0s` closer than that; past
/// it, the time since. (A Pod on a silent node stays Terminating, R3.13.)
#[test]
fn r10_11_a_pod_in_its_grace_period_lasts_invalid() {
    let mut h = basics();
    let node = h.pod("web-1").expect("web-1").spec.node_name.to_string();
    let now = h.now();
    h.engine
        .handle(Input::Fault(Fault::NodeDown(node)), now)
        .expect("fault");
    h.delete(Kind::Pod, "web-1", Default::default());
    let deleted = h.now();
    let status = |h: &Harness| {
        describe_named(h, Kind::Pod, "web-1")
            .lines()
            .find(|l| l.starts_with("Status:"))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
            .expect("a Status line")
    };
    assert_eq!(status(&h), "Terminating (lasts <invalid>)");
    // 30 s of grace: 2 s ahead is still invalid, 1.5 s ahead is "now".
    h.advance(deleted + SimDuration::secs(28) - h.now());
    assert_eq!(status(&h), "Terminating (lasts <invalid>)");
    h.advance(SimDuration::ms(500));
    assert_eq!(status(&h), "Terminating (lasts 0s)");
    h.advance(deleted + SimDuration::secs(40) - h.now());
    assert_eq!(status(&h), "Terminating (lasts 10s)");
}
