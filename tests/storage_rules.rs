//! Storage rules (kubernetes-behaviour.md §6.3, R6.7–R6.9) as the
//! PersistentVolume controller (`pkg/controller/volume/persistentvolume`),
//! the scheduler's VolumeBinding plugin and the local-path provisioner carry
//! them out, driven through the console: volume and claim phases, which
//! static volume a claim gets, reclaiming, Lost claims, and the events and
//! scheduler messages that explain each state.

use crate::support::console::{apply, run};
use ordinal::console::Console;

fn out(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 0, "{cmd}: {out}{err}");
    out
}

/// One field of an object, through jsonpath.
fn field(c: &mut Console, what: &str, path: &str) -> String {
    out(c, &format!("kubectl get {what} -o jsonpath='{{{path}}}'"))
}

fn phase(c: &mut Console, what: &str) -> String {
    field(c, what, ".status.phase")
}

/// `REASON: MESSAGE` of every Event about an object, oldest first.
fn events(c: &mut Console, kind: &str, name: &str) -> String {
    out(
        c,
        &format!(
            "kubectl get events --field-selector involvedObject.kind={kind},involvedObject.name={name} -o custom-columns=TYPE:.type,REASON:.reason,FROM:.reportingComponent,MESSAGE:.message --no-headers"
        ),
    )
}

fn volume(name: &str, size: &str, modes: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1
kind: PersistentVolume
metadata:
  name: {name}
spec:
  capacity:
    storage: {size}
  accessModes: [{modes}]
  storageClassName: \"\"
  hostPath:
    path: /mnt/{name}
{extra}"
    )
}

fn claim(name: &str, size: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {name}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: \"\"
  resources:
    requests:
      storage: {size}
{extra}"
    )
}

fn pod(name: &str, claim: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: {claim}"
    )
}

/// R6.8 (PV controller `syncVolume`): a static volume with no claimRef is
/// Available at once; a claim binds the smallest one that fits, both become
/// Bound, and the binding is marked as the controller's on both objects.
#[test]
fn r6_8_static_volumes_are_available_and_the_smallest_fit_binds() {
    let mut c = Console::new(1);
    apply(&mut c, &volume("pv-5g", "5Gi", "ReadWriteOnce", ""));
    apply(&mut c, &volume("pv-1g", "1Gi", "ReadWriteOnce", ""));
    apply(&mut c, &volume("pv-2g", "2Gi", "ReadWriteOnce", ""));
    assert_eq!(phase(&mut c, "pv pv-1g"), "Available");
    apply(&mut c, &claim("data", "500Mi", ""));
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    assert_eq!(field(&mut c, "pvc data", ".spec.volumeName"), "pv-1g");
    assert_eq!(phase(&mut c, "pv pv-1g"), "Bound");
    assert_eq!(phase(&mut c, "pv pv-2g"), "Available");
    assert_eq!(
        field(
            &mut c,
            "pv pv-1g",
            ".metadata.annotations.pv\\.kubernetes\\.io/bound-by-controller"
        ),
        "yes"
    );
    let row = out(&mut c, "kubectl get pv pv-1g --no-headers");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        &cells[..6],
        &["pv-1g", "1Gi", "RWO", "Retain", "Bound", "default/data"],
        "{row}"
    );
}

/// R6.8 (`findByClaim`): volumes are searched by their access modes, those
/// with the fewest modes first, so an RWO claim gets a bigger RWO-only
/// volume before a smaller one that is also RWX; and a Block volume never
/// binds a Filesystem claim.
#[test]
fn r6_8_matching_prefers_the_fewest_access_modes_and_checks_the_volume_mode() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &volume("rwx-1g", "1Gi", "ReadWriteOnce, ReadWriteMany", ""),
    );
    apply(&mut c, &volume("rwo-10g", "10Gi", "ReadWriteOnce", ""));
    apply(
        &mut c,
        &volume("block-1g", "1Gi", "ReadWriteOnce", "  volumeMode: Block\n"),
    );
    apply(&mut c, &claim("a", "1Gi", ""));
    assert_eq!(field(&mut c, "pvc a", ".spec.volumeName"), "rwo-10g");
    apply(&mut c, &claim("b", "1Gi", ""));
    assert_eq!(field(&mut c, "pvc b", ".spec.volumeName"), "rwx-1g");
    apply(&mut c, &claim("c", "1Gi", ""));
    assert_eq!(phase(&mut c, "pvc c"), "Pending");
    assert_eq!(phase(&mut c, "pv block-1g"), "Available");
    apply(&mut c, &claim("d", "1Gi", "  volumeMode: Block\n"));
    assert_eq!(field(&mut c, "pvc d", ".spec.volumeName"), "block-1g");
}

/// R6.8 Retain: a deleted claim leaves its volume Released, still naming the
/// old claim, and a new claim of the same name does not get it back; once an
/// administrator removes the claimRef the volume is Available and binds.
#[test]
fn r6_8_a_released_volume_rebinds_only_once_its_claim_ref_is_cleared() {
    let mut c = Console::new(1);
    apply(&mut c, &volume("keep", "1Gi", "ReadWriteOnce", ""));
    apply(&mut c, &claim("data", "1Gi", ""));
    assert_eq!(phase(&mut c, "pv keep"), "Bound");
    out(&mut c, "kubectl delete pvc data");
    assert_eq!(phase(&mut c, "pv keep"), "Released");
    assert_eq!(field(&mut c, "pv keep", ".spec.claimRef.name"), "data");
    apply(&mut c, &claim("data", "1Gi", ""));
    assert_eq!(phase(&mut c, "pvc data"), "Pending");
    assert!(
        events(&mut c, "PersistentVolumeClaim", "data").contains(
            "FailedBinding   persistentvolume-controller   no persistent volumes available for this claim and no storage class is set"
        ),
        "{}",
        events(&mut c, "PersistentVolumeClaim", "data")
    );
    out(
        &mut c,
        "kubectl patch pv keep --type json -p '[{\"op\":\"remove\",\"path\":\"/spec/claimRef\"}]'",
    );
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    assert_eq!(phase(&mut c, "pv keep"), "Bound");
}

/// R6.8 pre-binding: a volume whose claimRef names a claim (no uid yet) is
/// Available but kept for that claim; another claim does not get it, the
/// named one does. Clearing only the uid of a Released volume also makes it
/// Available again, still kept for the name.
#[test]
fn r6_8_a_volume_pre_bound_to_a_claim_waits_for_that_claim() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &volume(
            "reserved",
            "1Gi",
            "ReadWriteOnce",
            "  claimRef:\n    namespace: default\n    name: mine\n",
        ),
    );
    assert_eq!(phase(&mut c, "pv reserved"), "Available");
    apply(&mut c, &claim("other", "1Gi", ""));
    assert_eq!(phase(&mut c, "pvc other"), "Pending");
    apply(&mut c, &claim("mine", "1Gi", ""));
    assert_eq!(phase(&mut c, "pvc mine"), "Bound");
    assert_eq!(field(&mut c, "pvc mine", ".spec.volumeName"), "reserved");
    // Pre-bound by the user: the controller does not claim the binding.
    assert!(!field(&mut c, "pv reserved", ".metadata.annotations").contains("bound-by-controller"));
    out(&mut c, "kubectl delete pvc mine");
    assert_eq!(phase(&mut c, "pv reserved"), "Released");
    out(
        &mut c,
        "kubectl patch pv reserved --type json -p '[{\"op\":\"remove\",\"path\":\"/spec/claimRef/uid\"}]'",
    );
    assert_eq!(phase(&mut c, "pv reserved"), "Available");
    assert_eq!(phase(&mut c, "pvc other"), "Pending");
}

/// R6.8 `volumeName` (syncUnboundClaim, unit test set 2): a claim naming a
/// volume that does not fit is told why (`VolumeMismatch`), one naming a
/// volume bound to another claim is told so (`FailedBinding`), and one
/// naming a volume that does not exist waits quietly.
#[test]
fn r6_8_a_claim_naming_its_volume_is_told_why_it_cannot_bind() {
    let mut c = Console::new(1);
    apply(&mut c, &volume("small", "1Gi", "ReadWriteOnce", ""));
    apply(&mut c, &volume("taken", "5Gi", "ReadWriteOnce", ""));
    apply(&mut c, &claim("first", "5Gi", ""));
    assert_eq!(field(&mut c, "pvc first", ".spec.volumeName"), "taken");
    apply(&mut c, &claim("big", "2Gi", "  volumeName: small\n"));
    apply(&mut c, &claim("late", "1Gi", "  volumeName: taken\n"));
    apply(&mut c, &claim("ghost", "1Gi", "  volumeName: nope\n"));
    assert_eq!(phase(&mut c, "pvc big"), "Pending");
    assert_eq!(phase(&mut c, "pvc late"), "Pending");
    assert_eq!(phase(&mut c, "pvc ghost"), "Pending");
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "big").trim(),
        "Warning   VolumeMismatch   persistentvolume-controller   Cannot bind to requested volume \"small\": requested PV is too small"
    );
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "late").trim(),
        "Warning   FailedBinding   persistentvolume-controller   volume \"taken\" already bound to a different claim."
    );
    assert_eq!(events(&mut c, "PersistentVolumeClaim", "ghost").trim(), "");
    // A claim naming a fitting volume gets it; only bind-completed is added.
    apply(&mut c, &volume("exact", "1Gi", "ReadWriteOnce", ""));
    apply(&mut c, &claim("named", "1Gi", "  volumeName: exact\n"));
    assert_eq!(phase(&mut c, "pvc named"), "Bound");
    let ann = field(&mut c, "pvc named", ".metadata.annotations");
    assert!(
        ann.contains("\"pv.kubernetes.io/bind-completed\":\"yes\""),
        "{ann}"
    );
    assert!(!ann.contains("bound-by-controller"), "{ann}");
}

/// R6.9 and §12: a bound volume deleted and then stripped of its
/// pv-protection finalizer is gone; its claim is Lost (`ClaimLost`), and a
/// Pod using the claim cannot be scheduled.
#[test]
fn r6_9_a_claim_whose_volume_is_removed_is_lost() {
    let mut c = Console::new(1);
    apply(&mut c, &volume("gone", "1Gi", "ReadWriteOnce", ""));
    apply(&mut c, &claim("data", "1Gi", ""));
    let (code, o, e) = run(&mut c, "kubectl delete pv gone --wait=false");
    assert_eq!(code, 0, "{o}{e}");
    // pv-protection: a Bound volume stays, Terminating.
    assert!(out(&mut c, "kubectl get pv gone").contains("Terminating"));
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    out(
        &mut c,
        "kubectl patch pv gone --type merge -p '{\"metadata\":{\"finalizers\":null}}'",
    );
    let (_, o, _) = run(&mut c, "kubectl get pv gone");
    assert_eq!(o, "");
    assert_eq!(phase(&mut c, "pvc data"), "Lost");
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "data").trim(),
        "Warning   ClaimLost   persistentvolume-controller   Bound claim has lost its PersistentVolume. Data on the volume is lost!"
    );
    apply(&mut c, &pod("user", "data"));
    c.run("sim advance 5s");
    assert!(
        events(&mut c, "Pod", "user").contains(
            "FailedScheduling   default-scheduler   0/4 nodes are available: persistentvolumeclaim \"data\" bound to non-existent persistentvolume \"gone\". no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
        ),
        "{}",
        events(&mut c, "Pod", "user")
    );
}

/// R6.8 reclaim Delete of a static volume (`deleteVolumeOperation`): the
/// in-tree hostPath deleter only removes directories under `/tmp/`; any
/// other path, or a source nothing can delete, leaves the volume Failed
/// with the reason in its message and a `VolumeFailedDelete` event.
#[test]
fn r6_8_a_static_volume_that_cannot_be_deleted_fails() {
    let mut c = Console::new(1);
    let delete = "  persistentVolumeReclaimPolicy: Delete\n";
    apply(&mut c, &volume("mnt", "1Gi", "ReadWriteOnce", delete));
    apply(&mut c, &claim("a", "1Gi", ""));
    out(&mut c, "kubectl delete pvc a");
    assert_eq!(phase(&mut c, "pv mnt"), "Failed");
    let msg = "host_path deleter only supports /tmp/.+ but received provided /mnt/mnt";
    assert_eq!(field(&mut c, "pv mnt", ".status.message"), msg);
    assert_eq!(
        events(&mut c, "PersistentVolume", "mnt").trim(),
        format!("Warning   VolumeFailedDelete   persistentvolume-controller   {msg}")
    );
    let row = out(&mut c, "kubectl get pv mnt --no-headers");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(&cells[3..6], &["Delete", "Failed", "default/a"], "{row}");

    let tmp = "apiVersion: v1
kind: PersistentVolume
metadata:
  name: tmp
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  hostPath: {path: /tmp/data}";
    apply(&mut c, tmp);
    apply(&mut c, &claim("b", "1Gi", ""));
    assert_eq!(field(&mut c, "pvc b", ".spec.volumeName"), "tmp");
    out(&mut c, "kubectl delete pvc b");
    let (_, o, _) = run(&mut c, "kubectl get pv tmp");
    assert_eq!(o, "", "a /tmp/ hostPath volume is deleted");

    let local = "apiVersion: v1
kind: PersistentVolume
metadata:
  name: local
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [ordinal-worker]}";
    apply(&mut c, local);
    apply(&mut c, &claim("d", "1Gi", ""));
    assert_eq!(field(&mut c, "pvc d", ".spec.volumeName"), "local");
    out(&mut c, "kubectl delete pvc d");
    assert_eq!(phase(&mut c, "pv local"), "Failed");
    assert_eq!(
        field(&mut c, "pv local", ".status.message"),
        "error getting deleter volume plugin for volume \"local\": no volume plugin matched"
    );
}

fn class(name: &str, provisioner: &str, mode: &str) -> String {
    format!(
        "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: {name}
provisioner: {provisioner}
volumeBindingMode: {mode}"
    )
}

fn class_claim(name: &str, class: &str, modes: &str) -> String {
    format!(
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {name}
spec:
  accessModes: [{modes}]
  storageClassName: {class}
  resources:
    requests:
      storage: 1Gi"
    )
}

/// R6.7 (`provisionClaim`, `findProvisionablePlugin`): the
/// `kubernetes.io/no-provisioner` class provisions nothing: an Immediate
/// claim is told so; a WaitForFirstConsumer one waits, and its Pod finds no
/// node with a volume for it.
#[test]
fn r6_7_the_no_provisioner_class_never_provisions() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &class("manual", "kubernetes.io/no-provisioner", "Immediate"),
    );
    apply(&mut c, &class_claim("now", "manual", "ReadWriteOnce"));
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pvc now"), "Pending");
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "now").trim(),
        "Warning   ProvisioningFailed   persistentvolume-controller   no volume plugin matched name: kubernetes.io/no-provisioner"
    );
    assert_eq!(out(&mut c, "kubectl get pv"), "");

    apply(
        &mut c,
        &class(
            "local",
            "kubernetes.io/no-provisioner",
            "WaitForFirstConsumer",
        ),
    );
    apply(&mut c, &class_claim("later", "local", "ReadWriteOnce"));
    apply(&mut c, &pod("user", "later"));
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pvc later"), "Pending");
    let ev = events(&mut c, "Pod", "user");
    assert!(
        ev.contains("FailedScheduling   default-scheduler   0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."),
        "{ev}"
    );
    assert_eq!(out(&mut c, "kubectl get pv"), "");
}

/// R6.7 WaitForFirstConsumer with static local volumes (the scheduler's
/// `findMatchingVolumes`): the claim waits for its Pod; the scheduler puts
/// the Pod on the node the volume's node affinity allows and pre-binds the
/// volume; the PV controller completes the binding.
#[test]
fn r6_7_a_waiting_claim_gets_the_local_volume_of_the_node_its_pod_goes_to() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &class(
            "local",
            "kubernetes.io/no-provisioner",
            "WaitForFirstConsumer",
        ),
    );
    for (name, node) in [
        ("disk-w2", "ordinal-worker2"),
        ("disk-w3", "ordinal-worker3"),
    ] {
        apply(
            &mut c,
            &format!(
                "apiVersion: v1
kind: PersistentVolume
metadata:
  name: {name}
spec:
  capacity: {{storage: 1Gi}}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {{path: /mnt/disk}}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {{key: kubernetes.io/hostname, operator: In, values: [{node}]}}"
            ),
        );
    }
    apply(&mut c, &class_claim("data", "local", "ReadWriteOnce"));
    c.run("sim advance 5s");
    assert_eq!(
        phase(&mut c, "pvc data"),
        "Pending",
        "the PV controller waits"
    );
    assert_eq!(
        events(&mut c, "PersistentVolumeClaim", "data").trim(),
        "Normal   WaitForFirstConsumer   persistentvolume-controller   waiting for first consumer to be created before binding"
    );
    // Only worker3 is allowed by the Pod: it must take disk-w3.
    apply(
        &mut c,
        &pod("user", "data").replace(
            "spec:\n  containers:",
            "spec:\n  nodeSelector:\n    kubernetes.io/hostname: ordinal-worker3\n  containers:",
        ),
    );
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    assert_eq!(field(&mut c, "pvc data", ".spec.volumeName"), "disk-w3");
    assert_eq!(
        field(&mut c, "pod user", ".spec.nodeName"),
        "ordinal-worker3"
    );
    assert_eq!(phase(&mut c, "pv disk-w2"), "Available");
    assert_eq!(
        field(
            &mut c,
            "pv disk-w3",
            ".metadata.annotations.pv\\.kubernetes\\.io/bound-by-controller"
        ),
        "yes"
    );
}

/// R6.7 (VolumeBinding `checkBoundClaims`): a Pod whose bound volume's node
/// affinity excludes nodes by any rule (here `NotIn`) goes only where it
/// allows, and is told the nodes "didn't match PersistentVolume's node
/// affinity" when it allows none.
#[test]
fn r6_7_a_bound_volume_s_node_affinity_places_the_pod() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        "apiVersion: v1
kind: PersistentVolume
metadata:
  name: not-w1-w3
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/x}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: NotIn, values: [ordinal-worker, ordinal-worker3]}",
    );
    apply(&mut c, &claim("data", "1Gi", ""));
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    apply(&mut c, &pod("user", "data"));
    c.run("sim advance 10s");
    assert_eq!(
        field(&mut c, "pod user", ".spec.nodeName"),
        "ordinal-worker2"
    );
    out(&mut c, "kubectl cordon ordinal-worker2");
    apply(&mut c, &pod("second", "data"));
    c.run("sim advance 10s");
    let ev = events(&mut c, "Pod", "second");
    assert!(
        ev.contains("0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 node(s) didn't match PersistentVolume's node affinity."),
        "{ev}"
    );
}

/// R6.7 and the local-path provisioner: it provisions only on a node the
/// scheduler chose (an Immediate class gets "no node was specified") and
/// only ReadWriteOnce claims; each refusal is a `ProvisioningFailed` event
/// from the provisioner, and the claim stays Pending.
#[test]
fn r6_7_the_local_path_provisioner_needs_a_node_and_read_write_once() {
    let mut c = Console::new(1);
    apply(&mut c, &class("now", "rancher.io/local-path", "Immediate"));
    apply(&mut c, &class_claim("eager", "now", "ReadWriteOnce"));
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pvc eager"), "Pending");
    let ev = events(&mut c, "PersistentVolumeClaim", "eager");
    assert!(
        ev.contains("rancher.io/local-path_local-path-provisioner-7dc846544d-9t6fq_7a1d2c3e-4b5f-4a6b-8c7d-9e0f1a2b3c4d   failed to provision volume with StorageClass \"now\": configuration error, no node was specified")
            && ev.contains("Warning   ProvisioningFailed"),
        "{ev}"
    );
    apply(&mut c, &class_claim("shared", "standard", "ReadWriteMany"));
    apply(&mut c, &pod("user", "shared"));
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pvc shared"), "Pending");
    let ev = events(&mut c, "PersistentVolumeClaim", "shared");
    assert!(
        ev.contains("failed to provision volume with StorageClass \"standard\": Only support ReadWriteOnce access mode"),
        "{ev}"
    );
    assert_eq!(out(&mut c, "kubectl get pv"), "");
}

/// R6.7: a claim created while no class is the default stays Pending
/// (`FailedBinding`); once a class is made the default, the PV controller
/// gives it that class (`assignDefaultStorageClass`) and it is provisioned.
#[test]
fn r6_7_a_default_class_is_given_to_waiting_claims_without_a_class() {
    let mut c = Console::new(1);
    out(
        &mut c,
        "kubectl annotate sc standard storageclass.kubernetes.io/is-default-class=false --overwrite",
    );
    apply(
        &mut c,
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi",
    );
    assert_eq!(field(&mut c, "pvc data", ".spec.storageClassName"), "");
    assert!(events(&mut c, "PersistentVolumeClaim", "data").contains("FailedBinding"));
    out(
        &mut c,
        "kubectl annotate sc standard storageclass.kubernetes.io/is-default-class=true --overwrite",
    );
    assert_eq!(
        field(&mut c, "pvc data", ".spec.storageClassName"),
        "standard"
    );
    apply(&mut c, &pod("user", "data"));
    c.run("sim advance 20s");
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
}

/// R6.7 (`GetDefaultClass`, `IsDefaultAnnotation`): the beta annotation
/// marks a default class too, and of several defaults the newest is given
/// to a claim without a class.
#[test]
fn r6_7_the_newest_default_class_wins_and_the_beta_annotation_counts() {
    let mut c = Console::new(1);
    c.run("sim advance 5s");
    apply(
        &mut c,
        "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: beta
  annotations:
    storageclass.beta.kubernetes.io/is-default-class: \"true\"
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer",
    );
    assert!(out(&mut c, "kubectl get sc").contains("beta (default)"));
    apply(
        &mut c,
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi",
    );
    assert_eq!(field(&mut c, "pvc data", ".spec.storageClassName"), "beta");
}

/// R6.12 resizing (the PersistentVolumeClaimResize admission plugin and the
/// expand controller): a bound claim may grow only if its StorageClass
/// allows expansion (kind's `standard` does not); when it does, nothing in
/// the cluster can expand a local-path volume, so the claim is told it waits
/// for an external controller and keeps its capacity.
#[test]
fn r6_12_a_claim_grows_only_if_its_class_allows_and_a_resizer_exists() {
    let mut c = Console::new(1);
    apply(&mut c, &class_claim("data", "standard", "ReadWriteOnce"));
    apply(&mut c, &pod("user", "data"));
    c.run("sim advance 20s");
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    let grow = "kubectl patch pvc data -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}'";
    let (code, o, e) = run(&mut c, grow);
    assert_eq!(code, 1, "{o}");
    assert_eq!(
        e,
        "Error from server (Forbidden): persistentvolumeclaims \"data\" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n"
    );
    assert_eq!(
        field(&mut c, "pvc data", ".spec.resources.requests.storage"),
        "1Gi"
    );
    out(
        &mut c,
        "kubectl patch sc standard -p '{\"allowVolumeExpansion\":true}'",
    );
    out(&mut c, grow);
    c.run("sim advance 10s");
    assert_eq!(
        field(&mut c, "pvc data", ".spec.resources.requests.storage"),
        "2Gi"
    );
    assert_eq!(field(&mut c, "pvc data", ".status.capacity.storage"), "1Gi");
    let ev = events(&mut c, "PersistentVolumeClaim", "data");
    assert!(
        ev.contains("Warning   ExternalExpanding       volume_expand")
            && ev.contains("waiting for an external controller to expand this PVC"),
        "{ev}"
    );
}

/// R6.7 (VolumeBinding's queueing hints: PersistentVolume Add/Update): a Pod
/// turned down because no node had a volume for its claim is placed as soon
/// as a fitting volume is created.
#[test]
fn r6_7_a_pod_waiting_for_a_volume_is_placed_once_one_is_created() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &class(
            "local",
            "kubernetes.io/no-provisioner",
            "WaitForFirstConsumer",
        ),
    );
    apply(&mut c, &class_claim("data", "local", "ReadWriteOnce"));
    apply(&mut c, &pod("user", "data"));
    c.run("sim advance 10s");
    assert!(
        events(&mut c, "Pod", "user").contains("didn't find available persistent volumes to bind")
    );
    apply(
        &mut c,
        "apiVersion: v1
kind: PersistentVolume
metadata:
  name: disk
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [ordinal-worker2]}",
    );
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pvc data"), "Bound");
    assert_eq!(
        field(&mut c, "pod user", ".spec.nodeName"),
        "ordinal-worker2"
    );
}

/// R6.7 (volumebinding `checkVolumeProvisions`): a WaitForFirstConsumer
/// class with `allowedTopologies` provisions only on the nodes it names, so
/// its claims' Pods go there, each time, whatever the spreading would pick;
/// a topology no node has leaves the Pod unschedulable with the
/// VolumeBinding reason on every node that passed the other filters.
#[test]
fn r6_7_allowed_topologies_limit_where_a_waiting_claim_s_pod_goes() {
    let mut c = Console::new(1);
    let zoned = |name: &str, host: &str| {
        format!(
            "{}
allowedTopologies:
- matchLabelExpressions:
  - key: kubernetes.io/hostname
    values: [{host}]",
            class(name, "rancher.io/local-path", "WaitForFirstConsumer")
        )
    };
    apply(&mut c, &zoned("only-w2", "ordinal-worker2"));
    for i in 0..4 {
        apply(
            &mut c,
            &class_claim(&format!("d{i}"), "only-w2", "ReadWriteOnce"),
        );
        apply(&mut c, &pod(&format!("p{i}"), &format!("d{i}")));
    }
    c.run("sim advance 30s");
    for i in 0..4 {
        assert_eq!(
            field(&mut c, &format!("pod p{i}"), ".spec.nodeName"),
            "ordinal-worker2"
        );
        assert_eq!(phase(&mut c, &format!("pvc d{i}")), "Bound");
    }

    apply(&mut c, &zoned("nowhere", "no-such-node"));
    apply(&mut c, &class_claim("lost", "nowhere", "ReadWriteOnce"));
    apply(&mut c, &pod("stuck", "lost"));
    c.run("sim advance 10s");
    assert_eq!(phase(&mut c, "pod stuck"), "Pending");
    assert_eq!(phase(&mut c, "pvc lost"), "Pending");
    let ev = events(&mut c, "Pod", "stuck");
    assert!(
        ev.contains("3 node(s) didn't find available persistent volumes to bind."),
        "{ev}"
    );
}

/// `GetPersistentVolumeClass` / `GetPersistentVolumeClaimClass`: the beta
/// class annotation comes first, in the tables too (R6.7).
#[test]
fn r6_7_tables_show_the_beta_class_annotation_before_the_field() {
    let mut c = Console::new(1);
    apply(
        &mut c,
        &volume(
            "old-style",
            "1Gi",
            "ReadWriteOnce",
            "",
        )
        .replace(
            "metadata:\n  name: old-style",
            "metadata:\n  name: old-style\n  annotations:\n    volume.beta.kubernetes.io/storage-class: slow",
        )
        .replace("storageClassName: \"\"", "storageClassName: fast"),
    );
    let row = out(&mut c, "kubectl get pv old-style --no-headers");
    // NAME CAPACITY MODES POLICY STATUS (no CLAIM) STORAGECLASS ...
    assert_eq!(row.split_whitespace().nth(5), Some("slow"), "{row}");
}
