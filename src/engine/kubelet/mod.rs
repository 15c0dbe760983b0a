//! The kubelet of every node: it admits Pods bound to its node, sets up the
//! sandbox (IP), pulls images (cached per node), starts init containers in
//! order and then the app containers, runs probes with their timing (R11.3),
//! restarts crashed containers with back-off (R11.6), and stops containers
//! on deletion within the grace period (R11.5) before removing the object.
//!
//! Runtime state (processes, container layers, emptyDirs) lives here, beside
//! the store, and is reflected into `pod.status` on every change. Steps are
//! timer wakeups carrying a generation number, so a step scheduled for a
//! container that has since restarted is ignored.

mod config_refs;
mod containers;
mod ephemeral;
pub(crate) mod initdb;
pub use containers::serves_forever;
pub(crate) mod hooks;
pub mod identity;
mod lifecycle;
pub mod logs;
mod poll;
pub(crate) mod probes;
pub mod status;

use std::collections::{BTreeMap, BTreeSet};

use super::containerfs::TreeRef;
use super::images::ImageSpec;
use super::objects::RcStr;
use super::store::Key;
use super::time::SimTime;
use super::volumes::{Entry, FileTree};

pub use logs::{ContainerLogs, InstanceLog, LogLine};
pub use status::pod_columns;

/// Which list of a Pod's spec a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CKind {
    App,
    Init,
    /// Added to the running Pod (`kubectl debug`): started once, never
    /// restarted, never ready, no part of the Pod's phase.
    Ephemeral,
}

/// Which container of a Pod: its list and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cref {
    pub kind: CKind,
    pub idx: usize,
}

impl Cref {
    pub const fn app(idx: usize) -> Cref {
        Cref {
            kind: CKind::App,
            idx,
        }
    }

    pub const fn init(idx: usize) -> Cref {
        Cref {
            kind: CKind::Init,
            idx,
        }
    }

    pub const fn ephemeral(idx: usize) -> Cref {
        Cref {
            kind: CKind::Ephemeral,
            idx,
        }
    }

    pub fn is_init(self) -> bool {
        self.kind == CKind::Init
    }

    pub fn is_ephemeral(self) -> bool {
        self.kind == CKind::Ephemeral
    }

    /// The container this names in a Pod's spec.
    pub fn spec_in(
        self,
        p: &crate::engine::objects::Pod,
    ) -> Option<&crate::engine::objects::Container> {
        let list = match self.kind {
            CKind::App => &p.spec.containers,
            CKind::Init => &p.spec.init_containers,
            CKind::Ephemeral => &p.spec.ephemeral_containers,
        };
        list.get(self.idx)
    }

    /// The container's field path in events (`spec.containers{nginx}`,
    /// `spec.ephemeralContainers{debugger-x7k2p}`).
    pub fn field_path(self, name: &str) -> String {
        let list = match self.kind {
            CKind::App => "containers",
            CKind::Init => "initContainers",
            CKind::Ephemeral => "ephemeralContainers",
        };
        format!("spec.{list}{{{name}}}")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Sandbox and network are ready (the Pod gets its IP).
    Sandbox,
    /// Admission refused the Pod: the reason and message of its status
    /// (`OutOfcpu`, `NodePorts`, …).
    Reject(Box<(String, String)>),
    /// An image pull finished.
    /// An image pull ends; `since` is when it began (the Pulled event's
    /// duration).
    Pulled {
        c: Cref,
        gen: u64,
        ok: bool,
        since: SimTime,
    },
    /// Retry a failed pull after its back-off.
    PullRetry { c: Cref, gen: u64 },
    /// The container was created and started.
    Started { c: Cref, gen: u64 },
    /// The app inside is up (ports answer).
    Warm { c: Cref, gen: u64 },
    /// A tick of a probe worker (`probes`): the probe runs at `at`.
    Probe {
        c: Cref,
        gen: u64,
        kind: ProbeType,
        at: SimTime,
    },
    /// The main process exits.
    Exit { c: Cref, gen: u64, code: i64 },
    /// The main process writes (files and log lines) what it wrote after a wait, now.
    Writes { c: Cref, gen: u64 },
    /// A waiting main process looks again at the cluster (`containers::Poll`).
    Poll { c: Cref, gen: u64 },
    /// Show CrashLoopBackOff (or ImagePullBackOff) after a short moment of
    /// Error/Completed (ErrImagePull), for a back-off of `secs`.
    BackOff { c: Cref, gen: u64, secs: u64 },
    /// The crash back-off is over: start again.
    Restart { c: Cref, gen: u64 },
    /// The Pod's spec lists ephemeral containers not started yet: the
    /// kubelet's next sync of the Pod starts them.
    StartEphemeral,
    /// A container's preStop hook failed (`hooks`).
    HookFailed { c: Cref, gen: u64 },
    /// A container's postStart hook failed: it is killed (`hooks`).
    PostStartFailed { c: Cref, gen: u64 },
    /// A container's postStart hook returned: its start is reported.
    PostStartDone { c: Cref, gen: u64 },
    /// All containers have stopped after a deletion.
    Stopped { gen: u64 },
    /// Its volumes are torn down: the kubelet deletes the object for good.
    CleanedUp { gen: u64 },
}

/// Entries to set (or, None, remove) in a file tree.
pub type Changes = Vec<(String, Option<Entry>)>;

/// The kubelet's three kinds of probe worker (`probeType` in
/// pkg/kubelet/prober).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeType {
    Readiness,
    Liveness,
    Startup,
}

/// What one probe worker of a container knows between its ticks
/// (pkg/kubelet/prober/worker.go): the last result and how many times in
/// a row it came (`lastResult`, `resultRun`), and whether it is on hold
/// after a failure that restarts the container (`onHold`). Ticks whose
/// probe passes and changes nothing are not run one by one (`probes`):
/// from `next` on, while `passing`, they are counted when the plan
/// changes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProbeWorker {
    /// The first tick not yet counted.
    pub next: SimTime,
    /// Ticks from `next` on pass (until the plan changes).
    pub passing: bool,
    /// The tick the pending wakeup is for.
    pub due: Option<SimTime>,
    pub last: Option<bool>,
    pub run: u32,
    pub hold: bool,
}

/// A container's current state, as the runtime knows it.
#[derive(Clone, Debug, PartialEq)]
pub enum CState {
    Waiting {
        reason: RcStr,
        message: RcStr,
    },
    Running {
        since: SimTime,
    },
    Terminated {
        code: i64,
        reason: RcStr,
        started: SimTime,
        finished: SimTime,
    },
}

#[derive(Clone, Debug)]
pub struct Ctr {
    /// Shared with the Pod's spec and its status (the reasons above too):
    /// every status write copied them.
    pub name: RcStr,
    pub image: RcStr,
    pub state: CState,
    /// While a postStart hook runs: the state the kubelet last reported.
    /// Its pod worker is inside the start until the hook returns, so the
    /// Pod's status still shows the container as before (`ContainerCreating`
    /// the first time) and the next container waits (the docs' "not set to
    /// RUNNING until the postStart handler completes").
    pub shown_as: Option<CState>,
    pub last: Option<CState>,
    /// The instance `last` describes (the restart count it ran under), so
    /// that its log can be found.
    pub last_instance: i64,
    pub restarts: i64,
    pub ready: bool,
    pub started: bool,
    /// The app answers on its ports (after the image's warm-up).
    pub warm: bool,
    pub gen: u64,
    /// The crash back-off on record, in seconds: what the next exit waits
    /// before a restart (0: none yet, restart at once; then 10, 20 … 300).
    pub backoff: u64,
    pub pull_backoff: u64,
    /// The container's writable layer (lost when it restarts).
    pub layer: FileTree,
    /// Whether the layer has been filled with the image's files yet.
    pub seeded: bool,
    /// One log per instance (see `logs`).
    pub logs: ContainerLogs,
    /// Restartable init container (sidecar).
    pub sidecar: bool,
    /// A pull or start is in flight.
    pub busy: bool,
    /// Probe generation: bumped when the probes are planned again, so
    /// stale probe steps are ignored.
    pub pgen: u64,
    /// The probe workers (readiness, liveness, startup), for a container
    /// with probes (boxed: most have none).
    pub probes: Option<Box<[ProbeWorker; 3]>>,
    /// Set while the kubelet stops this instance for a failed liveness or
    /// startup probe: the same sync that kills it starts the next one, so
    /// its exit is not published on its own (the tutorials' watches go
    /// `0/1 Running 0` → `0/1 Running 1`, with no `Completed` between).
    pub killed_for_probe: bool,
    /// When the app answers (set at start from the image's warm-up).
    pub warm_at: Option<SimTime>,
    /// Writes of the main process still to happen, at their times
    /// (`containerfs::FsJournal`).
    pub pending_writes: Vec<(SimTime, TreeRef, Changes)>,
    /// Log lines the main process printed after a wait, at their times.
    pub pending_logs: Vec<(SimTime, String)>,
    /// Set while the main process is a script still waiting for something
    /// (`containers::Poll`).
    pub poll: Option<Box<poll::Poll>>,
    /// What the main process, a shell script still running, does on
    /// SIGTERM (its `trap`); None when it is not one (the image's program
    /// or the command decides, `hooks::handles_sigterm`).
    pub on_term: Option<Box<super::OnTerm>>,
    /// The exit code and last log lines decided when the kubelet began
    /// stopping this instance after a deletion. Both boxed: nearly every
    /// container has neither, and 10,000 of them are held at once.
    pub term_exit: Option<Box<(i64, String)>>,
}

impl Ctr {
    /// The state the Pod's status shows: as before the start while a
    /// postStart hook runs (`shown_as`).
    pub fn reported(&self) -> &CState {
        match (&self.shown_as, &self.state) {
            (Some(before), CState::Running { .. }) => before,
            _ => &self.state,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Bound, waiting for the sandbox.
    Admitted,
    /// Sandbox up; containers starting or running.
    Active,
    /// Stopping after a deletion.
    Terminating,
    /// All containers stopped (terminal phase or deleted).
    Stopped,
}

#[derive(Clone, Debug)]
pub struct PodRuntime {
    pub key: Key,
    /// Shared with the Pod object (`RcStr`): 10,000 runtimes held their
    /// own copies of strings the store already had.
    pub uid: RcStr,
    pub node: RcStr,
    pub ip: RcStr,
    pub stage: Stage,
    pub gen: u64,
    pub admitted_at: SimTime,
    pub inits: Vec<Ctr>,
    pub ctrs: Vec<Ctr>,
    /// Ephemeral containers, in the spec's order (`kubelet/ephemeral`).
    pub eph: Vec<Ctr>,
    pub emptydirs: BTreeMap<String, FileTree>,
    /// Terminal phase the kubelet reached (Failed / Succeeded), with reason.
    pub terminal: Option<(String, String, String)>,
    /// Set by the node lifecycle controller while the node is silent.
    pub node_lost: bool,
    /// Admission refused it (`rejectPod`): no container was created, and
    /// its status holds only the phase, reason and message.
    pub rejected: bool,
    /// Failed attempts to set its volumes up so far (the volume manager's
    /// back-off between them doubles).
    pub mount_failures: u32,
}

impl PodRuntime {
    pub fn ctr(&self, c: Cref) -> Option<&Ctr> {
        match c.kind {
            CKind::App => self.ctrs.get(c.idx),
            CKind::Init => self.inits.get(c.idx),
            CKind::Ephemeral => self.eph.get(c.idx),
        }
    }
    pub fn ctr_mut(&mut self, c: Cref) -> Option<&mut Ctr> {
        match c.kind {
            CKind::App => self.ctrs.get_mut(c.idx),
            CKind::Init => self.inits.get_mut(c.idx),
            CKind::Ephemeral => self.eph.get_mut(c.idx),
        }
    }
    /// A container by name (app containers first, then init, then
    /// ephemeral containers).
    pub fn find(&self, name: &str) -> Option<Cref> {
        let at = |list: &[Ctr]| list.iter().position(|c| c.name == name);
        at(&self.ctrs)
            .map(Cref::app)
            .or_else(|| at(&self.inits).map(Cref::init))
            .or_else(|| at(&self.eph).map(Cref::ephemeral))
    }
}

/// The kubelets' state, for all nodes.
#[derive(Clone, Debug, Default)]
pub struct Kubelet {
    /// Boxed: a 288-byte value in a B-tree node left a third of each node
    /// empty at 10,000 Pods.
    pub pods: BTreeMap<RcStr, Box<PodRuntime>>,
    pub by_key: BTreeMap<Key, RcStr>,
    /// Images present on each node.
    pub images: BTreeMap<String, BTreeSet<String>>,
    /// Steps that came due while their node was silent, replayed when it returns.
    pub deferred: BTreeMap<String, Vec<(String, Step)>>,
    /// Pods admitted per node (the scheduler spreads by it).
    pub per_node: BTreeMap<String, usize>,
}

impl Kubelet {
    pub fn runtime(&self, k: &Key) -> Option<&PodRuntime> {
        self.by_key
            .get(k)
            .and_then(|uid| self.pods.get(uid))
            .map(|b| &**b)
    }
}

/// What a container's main process will do, decided when it starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// Runs until stopped; the app is up after `warmup` ms. `log` is what
    /// a script printed before it handed over to the server.
    Serve { warmup: u64, log: String },
    /// Exits with `code` after `after` ms, logging `log`.
    Exit { after: u64, code: i64, log: String },
    /// A script still waiting for something when the runner's budget ran
    /// out (`until nslookup mydb; do sleep 2; done`); `log` is what it
    /// prints meanwhile. The kubelet looks again as time passes.
    Wait {
        log: String,
        on_term: Option<super::OnTerm>,
    },
}

impl Plan {
    /// The plan for a main process the console's runner has run.
    pub(crate) fn from_outcome(outcome: super::ProcessOutcome, warmup: u64) -> Plan {
        match outcome {
            super::ProcessOutcome::Serve { log } => Plan::Serve { warmup, log },
            super::ProcessOutcome::Waiting { log, on_term } => Plan::Wait { log, on_term },
            super::ProcessOutcome::Exit {
                code,
                log,
                after_ms,
            } => Plan::Exit {
                after: after_ms.max(100),
                code,
                log,
            },
        }
    }
}

pub(crate) fn spec_for(image: &str) -> Option<&'static ImageSpec> {
    super::images::lookup(image).ok()
}
