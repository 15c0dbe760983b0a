//! What the engine tells its driver (the page's narration, the timeline,
//! tests): every recorded Kubernetes Event, the StatefulSet controller's
//! "waiting for …" moments, Pod status changes and object lifecycles.
//! Named `SimEvent` so it never clashes with the browser's `Event`.

use super::objects::Kind;
use super::time::SimTime;

/// A reference to an object by kind, namespace and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjRef {
    pub kind: Kind,
    pub namespace: String,
    pub name: String,
}

impl ObjRef {
    pub fn new(kind: Kind, namespace: &str, name: &str) -> Self {
        ObjRef {
            kind,
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }
}

impl std::fmt::Display for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.kind.info().singular, self.name)
    }
}

/// Why the StatefulSet controller stopped a sync (R3.4–R3.6, R4.7, R6.11).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// OrderedReady: a lower ordinal is not yet Running and Ready.
    RunningAndReady,
    /// Ready but not yet Available (`minReadySeconds`).
    Available,
    /// A Pod is terminating; its replacement must wait for it to be gone (R2.12).
    Terminating,
    /// A condemned Pod (scale down) is terminating; OrderedReady removes
    /// the next one only once it is gone (R3.6).
    Condemned,
    /// A Pod is Failed or Succeeded and is being replaced (R3.12).
    Failed,
    /// whenScaled: Delete left a claim owned by the previous Pod (R6.11).
    StaleClaim { claim: String },
    /// A claim the Pod needs is being deleted (R6.5).
    ClaimDeleting { claim: String },
    /// A rolling update waits for the recreated Pod to become Available (R4.7).
    UpdateAvailable,
    /// Pod creation failed (`FailedCreate`); retried with back-off.
    CreateFailed { error: String },
}

#[derive(Clone, Debug, PartialEq)]
pub enum SimEventKind {
    /// A Kubernetes Event was recorded (new, or its count went up).
    Recorded {
        type_: String,
        reason: String,
        object: ObjRef,
        message: String,
        source: String,
        count: i64,
    },
    /// The StatefulSet controller is waiting on `pod` (a new reason each time it changes).
    Waiting {
        set: ObjRef,
        pod: String,
        reason: WaitReason,
    },
    /// A Pod's kubectl STATUS or READY column changed.
    PodStatus {
        pod: ObjRef,
        status: String,
        ready: String,
    },
    Created(ObjRef),
    Deleted(ObjRef),
    /// The CoreDNS Pods reloaded their edited Corefile (`ok`), or kept
    /// the old one because the new one does not load (`detail`: CoreDNS's
    /// error). No Kubernetes Event says so: the Pods' logs do.
    DnsReloaded {
        ok: bool,
        detail: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct SimEvent {
    pub at: SimTime,
    pub kind: SimEventKind,
}

impl SimEvent {
    /// One line of plain English, as the page's narration shows it (the
    /// page has its own translations keyed by the event's structure).
    pub fn describe(&self) -> String {
        match &self.kind {
            SimEventKind::Recorded {
                reason,
                object,
                message,
                ..
            } => format!("{object}: {reason}: {message}"),
            SimEventKind::Waiting { set, pod, reason } => {
                format!("{set} is waiting: {}", reason.describe(pod))
            }
            SimEventKind::PodStatus { pod, status, ready } => {
                format!("{pod} is {status} ({ready} ready)")
            }
            SimEventKind::Created(o) => format!("{o} created"),
            SimEventKind::Deleted(o) => format!("{o} deleted"),
            SimEventKind::DnsReloaded { ok: true, .. } => {
                "CoreDNS reloaded its Corefile".to_string()
            }
            SimEventKind::DnsReloaded { ok: false, detail } => {
                format!("CoreDNS kept its Corefile: the edited one does not load ({detail})")
            }
        }
    }
}

impl WaitReason {
    pub fn describe(&self, pod: &str) -> String {
        match self {
            WaitReason::RunningAndReady => format!("waiting for {pod} to be Running and Ready"),
            WaitReason::Available => format!("waiting for {pod} to be Available (minReadySeconds)"),
            WaitReason::Terminating => format!("waiting for {pod} to finish terminating"),
            WaitReason::Condemned => format!("waiting for {pod} to finish terminating before scaling down further"),
            WaitReason::Failed => format!("{pod} has failed and is being replaced"),
            WaitReason::StaleClaim { claim } => format!("waiting for the garbage collector to remove the stale claim {claim} before creating {pod}; the controller looks again at its next resync (every 30 s)"),
            WaitReason::ClaimDeleting { claim } => format!("cannot create {pod}: claim {claim} is being deleted"),
            WaitReason::UpdateAvailable => format!("waiting for the updated {pod} to be Running and Ready"),
            WaitReason::CreateFailed { error } => format!("creating {pod} failed: {error}"),
        }
    }
}
