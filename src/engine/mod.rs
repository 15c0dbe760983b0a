//! The simulated cluster. Sans-IO, as quinn-proto and str0m are: inputs and
//! the current simulated time go in (`handle`, `advance_to`), events come out
//! (`poll_event`), and `next_wakeup` says when something will happen next.
//! No clock reads, no ambient randomness (a seeded PRNG), ordered maps only,
//! so the same seed and inputs give the same events, byte for byte, natively
//! and in wasm. The engine is `Clone` and cheap to clone: object payloads are
//! `Rc`-shared, so the page can keep snapshots to rewind.
//!
//! Layout (Kubernetes' own split): `apiserver/` (admission, storage rules,
//! deletion, garbage collection), `controller/` (StatefulSet, EndpointSlice,
//! PersistentVolume), `scheduler.rs`, `kubelet/`, `dns.rs`, `volumes.rs`.
//! May not import yew, web_sys, gloo, js_sys or wasm_bindgen.

pub mod apiserver;
pub mod bootstrap;
pub mod config;
pub mod containerfs;
pub mod controller;
pub mod corefile;
pub mod dns;
mod dns_reload;
pub mod event;
pub mod faults;
pub mod hostports;
pub mod images;
pub mod invariants;
pub mod kubelet;
mod namekey;
pub mod network;
mod node_fs;
pub mod objects;
pub mod pod_dns;
pub mod queue;
pub mod recorder;
pub mod resources;
pub mod rng;
pub mod scheduler;
mod scheduler_flush;
pub mod store;
pub mod time;
pub mod volumes;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

pub use apiserver::{ApiError, DeleteOptions, FieldError, Propagation};
pub use config::{Config, Limits, OnTerm, ProbeJudge, ProcessOutcome};
pub use event::{ObjRef, SimEvent, SimEventKind, WaitReason};
pub use objects::{Kind, Object};
pub use store::{Key, Store};
pub use time::{SimDuration, SimTime};

use queue::TimerQueue;
use rng::Rng;
use store::{Change, ChangeOp};

/// What can happen to the cluster from outside: API requests as kubectl
/// makes them, and the simulator's fault injection.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Create(Object),
    /// Replace an object (spec and metadata; status is the controllers').
    Update(Object),
    Delete {
        kind: Kind,
        namespace: String,
        name: String,
        options: DeleteOptions,
    },
    Fault(faults::Fault),
}

/// Something scheduled for a later instant.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Wakeup {
    /// Run the StatefulSet controller for a set, a reaction delay after a
    /// change of the cluster's own.
    SyncSet(Key),
    /// A set's `AddAfter` came due (minReadySeconds, back-off): stale unless
    /// it is still the set's time in `DueWork::sets_waiting`.
    SyncSetAfter(Key),
    /// Run the EndpointSlice controller for a Service.
    SyncService(Key),
    /// The pvc-protection controller looks at a claim again (a Pod that
    /// used it is gone).
    SyncClaim(Key),
    GarbageCollect,
    /// The scheduler tries to place a Pod (uid guards against a recreated namesake).
    Schedule {
        pod: Key,
        uid: String,
    },
    /// The local-path provisioner finished a volume for a claim.
    Provisioned {
        claim: Key,
        uid: String,
        node: String,
    },
    /// The kubelet takes the next step for a Pod.
    Kubelet {
        uid: String,
        step: kubelet::Step,
    },
    /// The node lifecycle controller checks a silent node.
    NodeMonitor {
        node: String,
    },
    /// The namespace controller works on a terminating namespace.
    SyncNamespace {
        namespace: String,
    },
    /// The scheduling queue's flush reaches a Pod left unschedulable
    /// (`scheduler_flush.rs`).
    FlushUnschedulable {
        pod: Key,
        uid: String,
        since: SimTime,
    },
    /// The events.k8s.io recorder's 6-minute tick (finishing series, and
    /// every fifth one refreshing them).
    EventSeriesTick,
    /// The PersistentVolume controller's periodic resync of its claims
    /// (`--pvclaimbinder-sync-period`, 15 s): a claim left Pending is synced
    /// again, and tells its reason again.
    PvResync,
    /// The StatefulSet informer's 30 s resync: every set is synced again.
    SetResync,
    /// The CoreDNS Pods' reload plugin finds the edited Corefile.
    CorefileReload,
    /// An autoscaler's turn in the HorizontalPodAutoscaler controller's
    /// queue (every sync period); stale unless it is still its time in
    /// `DueWork::autoscalers_waiting`.
    SyncAutoscaler(Key),
}

/// Work the controllers have to do at the current instant.
#[derive(Clone, Debug, Default)]
pub(crate) struct DueWork {
    pub sets: BTreeSet<Key>,
    pub services: BTreeSet<Key>,
    /// Endpoints (by their Service's name) the mirroring controller syncs.
    pub mirrors: BTreeSet<Key>,
    /// ReplicaSets whose Pods to count again.
    pub replicasets: BTreeSet<Key>,
    /// Deployments whose ReplicaSets to reconcile.
    pub deployments: BTreeSet<Key>,
    /// DaemonSets whose daemons to reconcile, node by node.
    pub daemonsets: BTreeSet<Key>,
    pub claims: BTreeSet<Key>,
    /// PersistentVolumes the binder looks at (by name).
    pub volumes: BTreeSet<String>,
    /// PodDisruptionBudgets whose status to recompute.
    pub budgets: BTreeSet<Key>,
    /// HorizontalPodAutoscalers to reconcile now, and when the others'
    /// turn comes.
    pub autoscalers: BTreeSet<Key>,
    pub autoscalers_waiting: BTreeMap<Key, SimTime>,
    /// Namespaces whose `default` ServiceAccount and `kube-root-ca.crt`
    /// ConfigMap the serviceaccount and root-CA publisher controllers check.
    pub namespaces: BTreeSet<String>,
    pub gc: bool,
    /// Sets with a reaction-delay sync already queued (dedupe).
    pub sets_delayed: BTreeSet<Key>,
    /// Sets waiting in the work queue's delaying part (`AddAfter`), and
    /// when they fall due: as in client-go's delaying queue, a new
    /// `AddAfter` that falls earlier moves the item up and one that falls
    /// later is dropped. Apart from `sets_delayed`, as the real queue's
    /// waiting items are apart from its ready ones: an immediate sync does
    /// not cancel a re-queue for later.
    pub sets_waiting: BTreeMap<Key, SimTime>,
    /// Whether the StatefulSet informer's next resync is on the timers.
    pub set_resync_queued: bool,
    /// Services with a delayed sync already queued (dedupe).
    pub services_delayed: BTreeSet<Key>,
    pub gc_delayed: bool,
    /// The last garbage collection pass found nothing to do and no change
    /// since could give it work (see `gc_relevant`): the next pass would
    /// find nothing either, so it is skipped.
    pub gc_clean: bool,
}

/// Who is writing to the API right now: user writes make controllers react
/// within the same instant (console.md "Time"); the cluster's own writes
/// reach them after a short, seeded reaction delay, which also coalesces
/// bursts the way a real work queue does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Actor {
    User,
    Cluster,
}

#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) config: Rc<Config>,
    pub(crate) now: SimTime,
    pub(crate) rng: Rng,
    pub(crate) store: Store,
    pub(crate) timers: TimerQueue<Wakeup>,
    /// Shared, copy-on-write: the console runs a container's process on a
    /// scratch copy of the engine (once per container start), and a deep
    /// copy of up to `max_pending_narration` undrained events each time made
    /// a crash-looping Pod quadratic in simulated time.
    pub(crate) narration: Rc<VecDeque<SimEvent>>,
    /// The change-log position the controllers have seen.
    pub(crate) cursor: u64,
    pub(crate) due: DueWork,
    pub(crate) actor: Actor,
    pub(crate) kubelet: kubelet::Kubelet,
    pub(crate) volumes: volumes::Volumes,
    /// Set while the kubelet runs a main process (see `containerfs::FsJournal`).
    pub(crate) journal: Option<containerfs::FsJournal>,
    pub(crate) faults: faults::Faults,
    pub(crate) network: network::Network,
    pub(crate) sets: controller::statefulset::Memory,
    /// What the StatefulSet controller derived from each Pod (a cache; see
    /// `controller::statefulset::facts`).
    pub(crate) set_facts: controller::statefulset::facts::FactsCache,
    /// What the EndpointSlice controller derived from each Pod (a cache).
    pub(crate) endpoint_facts: controller::endpointslice::EndpointsCache,
    pub(crate) recorder: recorder::Recorder,
    pub(crate) scheduler: scheduler::SchedulerState,
    pub(crate) pv: controller::pv::PvMemory,
    /// What the CoreDNS Pods run with (their Corefile, reloaded).
    pub(crate) coredns: corefile::CoreDnsState,
    /// Last kubectl STATUS/READY seen per Pod, to narrate changes.
    pub(crate) pod_display: BTreeMap<Key, (String, String)>,
    /// A bug guard: set when an instant did not settle (reported, never a hang).
    pub(crate) overloaded: Option<String>,
    pub(crate) stats: Stats,
    /// What `kubectl run -i` attached to a Pod's main process (by Pod uid):
    /// its standard input, read once (`stdinOnce`) when the process starts
    /// (`kubectl run -i … -- mysql -h mysql-0.mysql <<EOF`).
    pub(crate) attached_stdin: BTreeMap<String, Rc<str>>,
    /// Warnings the API server sent with the user's accepted writes
    /// (`apiserver::warnings`), until kubectl prints them (`take_warnings`).
    pub(crate) warnings: Vec<String>,
}

/// Work counters, for benchmarks and the page's debug view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub set_syncs: u64,
    pub service_syncs: u64,
    pub wakeups: u64,
    /// Garbage collection passes that scanned the store.
    pub gc_passes: u64,
    /// Garbage collection passes skipped: nothing had changed that could give them work.
    pub gc_skipped: u64,
}

/// How far ahead a container's exit must be to count as steady rather than
/// pending (`Engine::is_pending`): as far as `sim settle` waits by default.
pub const STEADY_HORIZON: SimDuration = SimDuration::secs(600);

/// How many controller rounds one instant may take before the engine stops
/// and reports itself overloaded instead of hanging.
const MAX_ROUNDS_PER_INSTANT: usize = 100_000;

impl Engine {
    /// A fresh default cluster (console.md "The default cluster").
    pub fn new(config: Config) -> Self {
        let mut e = Engine {
            rng: Rng::new(config.seed),
            config: Rc::new(config),
            now: SimTime::ZERO,
            store: Store::default(),
            timers: TimerQueue::default(),
            narration: Rc::new(VecDeque::new()),
            cursor: 0,
            due: DueWork::default(),
            actor: Actor::Cluster,
            kubelet: kubelet::Kubelet::default(),
            attached_stdin: BTreeMap::new(),
            warnings: Vec::new(),
            volumes: volumes::Volumes::default(),
            journal: None,
            faults: faults::Faults::default(),
            network: network::Network::default(),
            sets: Default::default(),
            set_facts: Default::default(),
            endpoint_facts: Default::default(),
            recorder: Default::default(),
            scheduler: Default::default(),
            pv: Default::default(),
            coredns: Default::default(),
            pod_display: BTreeMap::new(),
            overloaded: None,
            stats: Stats::default(),
        };
        bootstrap::default_cluster(&mut e);
        e.store.take_pending();
        e.scheduler_rebuild();
        e.cursor = e.store.resource_version();
        Rc::make_mut(&mut e.narration).clear();
        e
    }

    pub fn with_seed(seed: u64) -> Self {
        Engine::new(Config::with_seed(seed))
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
    pub fn now(&self) -> SimTime {
        self.now
    }
    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn seed(&self) -> u64 {
        self.config.seed
    }

    /// Restarts the random stream (`sim seed N`): later choices follow the new seed.
    pub fn reseed(&mut self, seed: u64) {
        self.rng = Rng::new(seed);
        Rc::make_mut(&mut self.config).seed = seed;
    }

    /// Applies one input at `now` (time first advances to `now`). Controllers
    /// react within the same instant; the kubelet, scheduler and provisioner
    /// take simulated time (see `advance_to`).
    pub fn handle(&mut self, input: Input, now: SimTime) -> Result<Option<Object>, ApiError> {
        self.advance_to(now);
        match input {
            Input::Create(obj) => self.create(obj).map(Some),
            Input::Update(obj) => self.update(obj).map(Some),
            Input::Delete {
                kind,
                namespace,
                name,
                options,
            } => self.delete(kind, &namespace, &name, &options),
            Input::Fault(f) => self.inject(f).map(|_| None),
        }
    }

    /// When the next scheduled thing happens, steady or not (what
    /// commands waiting for a condition step through).
    pub fn next_wakeup(&self) -> Option<SimTime> {
        self.timers.next_due()
    }

    /// When the next thing happens that is not a controller's periodic
    /// resync (which only repeats what is so): what `sim status` names as
    /// the next event when nothing is pending.
    pub fn next_notable_wakeup(&self) -> Option<SimTime> {
        self.timers
            .iter()
            .find(|(_, w)| {
                !matches!(
                    w,
                    Wakeup::SetResync | Wakeup::PvResync | Wakeup::EventSeriesTick
                )
            })
            .map(|(t, _)| t)
    }

    /// When the next pending (not steady) thing happens: what `sim settle`
    /// and `kubectl get -w` wait for.
    pub fn next_pending_wakeup(&self) -> Option<SimTime> {
        self.timers
            .iter()
            .find(|(t, w)| !self.is_steady(*t, w))
            .map(|(t, _)| t)
    }

    /// Whether anything is pending (`sim settle` runs until not). A
    /// container whose process ends more than `STEADY_HORIZON` from now
    /// (`sleep 3600`) is steady: the cluster has settled around it.
    pub fn is_pending(&self) -> bool {
        self.next_pending_wakeup().is_some()
    }

    /// A wakeup that is not pending work: a container's scheduled exit far
    /// in the future, a controller's periodic resync.
    fn is_steady(&self, at: SimTime, w: &Wakeup) -> bool {
        match w {
            Wakeup::Kubelet {
                step: kubelet::Step::Exit { .. },
                ..
            } => at > self.now + STEADY_HORIZON,
            // A periodic resync repeats what is already so: a claim that
            // stays Pending is a settled state, not pending work.
            // An autoscaler's resync is pending work only while it has
            // something to do: its first sync, or a target out of bounds.
            Wakeup::SyncAutoscaler(k) => self.autoscaler_is_steady(k),
            Wakeup::PvResync
            | Wakeup::SetResync
            | Wakeup::FlushUnschedulable { .. }
            | Wakeup::EventSeriesTick => true,
            _ => false,
        }
    }

    /// Lets simulated time pass up to `target`, firing every due wakeup in
    /// order and letting the controllers settle after each instant.
    pub fn advance_to(&mut self, target: SimTime) {
        self.settle();
        while let Some(t) = self.timers.next_due() {
            if t > target {
                break;
            }
            self.now = self.now.max(t);
            self.expire_events();
            while let Some((_, w)) = self.timers.pop_due(self.now) {
                self.fire(w);
                self.settle();
            }
        }
        if target > self.now {
            self.now = target;
        }
        self.expire_events();
    }

    /// Advances to the next wakeup (the page's "step"); returns its time.
    pub fn step(&mut self) -> Option<SimTime> {
        let t = self.next_wakeup()?;
        self.advance_to(t);
        Some(t)
    }

    /// The next narration event, oldest first.
    pub fn poll_event(&mut self) -> Option<SimEvent> {
        if self.narration.is_empty() {
            return None;
        }
        let queue = Rc::make_mut(&mut self.narration);
        let ev = queue.pop_front();
        // A burst (thousands of Pods created at once) leaves a large empty
        // buffer behind: give it back once drained.
        if queue.is_empty() && queue.capacity() > 1024 {
            queue.shrink_to(64);
        }
        ev
    }

    /// A message when an instant failed to settle (never expected; shown to
    /// the user instead of hanging the page).
    pub fn overloaded(&self) -> Option<&str> {
        self.overloaded.as_deref()
    }

    pub(crate) fn narrate(&mut self, kind: SimEventKind) {
        let limit = self.config.limits.max_pending_narration;
        let narration = Rc::make_mut(&mut self.narration);
        if narration.len() >= limit {
            narration.pop_front();
        }
        narration.push_back(SimEvent { at: self.now, kind });
    }

    /// Schedules `w` after a seeded delay within `span`.
    pub(crate) fn after(&mut self, span: config::Span, w: Wakeup) -> SimTime {
        let d = self.rng.range(span.min.as_ms(), span.max.as_ms());
        let at = self.now + SimDuration::ms(d);
        self.timers.push(at, w);
        at
    }

    pub(crate) fn at(&mut self, at: SimTime, w: Wakeup) {
        self.timers.push(at.max(self.now), w);
    }

    /// Five random characters from apimachinery's name alphabet, drawn
    /// from the seeded stream: what a client's `utilrand.String(5)` gives
    /// (`kubectl debug`'s container and Pod names).
    pub fn name_suffix(&mut self) -> String {
        self.rng.name_suffix(5)
    }

    /// Attaches `input` as the standard input of the main process of Pod
    /// `ns/name` (see `attached_stdin`), for when it starts.
    pub fn attach_stdin(&mut self, ns: &str, name: &str, input: &str) {
        if let Some(p) = self.store.pods.get(ns, name) {
            let uid = p.metadata.uid.to_string();
            self.attached_stdin.insert(uid, Rc::from(input));
        }
    }

    /// Takes the input attached to Pod `ns/name`'s main process, if any.
    pub fn take_attached_stdin(&mut self, ns: &str, name: &str) -> Option<Rc<str>> {
        let uid = self.store.pods.get(ns, name)?.metadata.uid.to_string();
        self.attached_stdin.remove(&uid)
    }

    /// Changes whenever the contents of a volume may have changed (files
    /// written through `kubectl exec`, a main process): they are not API
    /// objects, so the store's resourceVersion does not move for them.
    pub fn contents_version(&self) -> u64 {
        self.volumes.version()
    }

    /// How much work the engine has done.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    fn fire(&mut self, w: Wakeup) {
        self.stats.wakeups += 1;
        match w {
            Wakeup::SyncSet(k) => {
                self.due.sets_delayed.remove(&k);
                self.due.sets.insert(k);
            }
            Wakeup::SyncSetAfter(k) => {
                if self.due.sets_waiting.get(&k) == Some(&self.now) {
                    self.due.sets_waiting.remove(&k);
                    self.due.sets.insert(k);
                }
            }
            Wakeup::SyncService(k) => {
                self.due.services_delayed.remove(&k);
                self.due.services.insert(k);
            }
            Wakeup::SyncClaim(k) => {
                self.due.claims.insert(k);
            }
            Wakeup::GarbageCollect => {
                self.due.gc_delayed = false;
                self.due.gc = true;
            }
            Wakeup::Schedule { pod, uid } => self.schedule_pod(&pod, &uid),
            Wakeup::Provisioned { claim, uid, node } => self.provisioned(&claim, &uid, &node),
            Wakeup::Kubelet { uid, step } => self.kubelet_step(&uid, step),
            Wakeup::NodeMonitor { node } => self.node_monitor(&node),
            Wakeup::SyncNamespace { namespace } => self.sync_namespace(&namespace),
            Wakeup::PvResync => self.pv_resync(),
            Wakeup::SetResync => self.statefulset_resync(),
            Wakeup::CorefileReload => self.corefile_reload(),
            Wakeup::SyncAutoscaler(k) => {
                if self.due.autoscalers_waiting.get(&k) == Some(&self.now) {
                    self.due.autoscalers_waiting.remove(&k);
                    self.due.autoscalers.insert(k);
                }
            }
            Wakeup::EventSeriesTick => self.event_series_tick(),
            Wakeup::FlushUnschedulable { pod, uid, since } => {
                self.flush_unschedulable(&pod, &uid, since)
            }
        }
    }

    /// Runs the controllers until nothing more happens at this instant.
    pub(crate) fn settle(&mut self) {
        let prev_actor = self.actor;
        for _ in 0..MAX_ROUNDS_PER_INSTANT {
            self.drain_changes();
            self.actor = Actor::Cluster;
            if let Some(k) = self.due.sets.pop_first() {
                self.stats.set_syncs += 1;
                self.sync_statefulset(&k);
            } else if let Some(k) = self.due.claims.pop_first() {
                self.sync_claim(&k);
            } else if let Some(v) = self.due.volumes.pop_first() {
                self.sync_volume(&v);
            } else if let Some(k) = self.due.services.pop_first() {
                self.stats.service_syncs += 1;
                self.sync_service(&k);
            } else if let Some(k) = self.due.mirrors.pop_first() {
                self.sync_mirror(&k);
            } else if let Some(k) = self.due.replicasets.pop_first() {
                self.sync_replicaset(&k);
            } else if let Some(k) = self.due.deployments.pop_first() {
                self.sync_deployment(&k);
            } else if let Some(k) = self.due.daemonsets.pop_first() {
                self.sync_daemonset(&k);
            } else if let Some(k) = self.due.budgets.pop_first() {
                self.sync_budget(&k);
            } else if let Some(k) = self.due.autoscalers.pop_first() {
                self.sync_autoscaler(&k);
            } else if let Some(ns) = self.due.namespaces.pop_first() {
                self.ensure_namespace_defaults(&ns);
            } else if self.due.gc {
                self.due.gc = false;
                if self.due.gc_clean {
                    self.stats.gc_skipped += 1;
                } else {
                    self.stats.gc_passes += 1;
                    self.garbage_collect();
                }
            } else if !self.store.has_pending() {
                self.actor = prev_actor;
                return;
            }
        }
        self.actor = prev_actor;
        self.overloaded = Some(format!(
            "the simulation did not settle at {} after {MAX_ROUNDS_PER_INSTANT} controller rounds",
            self.now.rfc3339()
        ));
        self.due = DueWork::default();
        // Changes dropped undispatched: caches that follow them start over.
        self.set_facts.clear();
        self.store.take_pending();
        self.scheduler_rebuild();
        self.cursor = self.store.resource_version();
    }

    /// Hands every new change to whoever watches it.
    fn drain_changes(&mut self) {
        let changes: Vec<Change> = self.store.take_pending();
        self.cursor = self.store.resource_version();
        for c in changes {
            self.dispatch(&c);
        }
    }

    fn dispatch(&mut self, c: &Change) {
        if self.due.gc_clean && self.gc_relevant(c) {
            self.due.gc_clean = false;
        }
        let reaction_now = self.actor == Actor::User;
        match &c.object {
            Object::StatefulSet(s) => {
                let k = store::key(&s.metadata.namespace, &s.metadata.name);
                self.due.sets.insert(k);
                // Its scale is what a percentage budget expects.
                self.budgets_touched(&s.metadata.namespace);
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            Object::Pod(p) => {
                self.budgets_touched(&p.metadata.namespace);
                // The DaemonSet controller's Pod handlers.
                if let Some(owner) = p
                    .metadata
                    .controller_ref()
                    .filter(|o| o.kind == "DaemonSet")
                {
                    self.due
                        .daemonsets
                        .insert(store::key(&p.metadata.namespace, &owner.name));
                }
                // The ReplicaSet controller's Pod handlers: the owner counts again.
                if let Some(owner) = p
                    .metadata
                    .controller_ref()
                    .filter(|o| o.kind == "ReplicaSet")
                {
                    self.due
                        .replicasets
                        .insert(store::key(&p.metadata.namespace, &owner.name));
                    // The Deployment controller's `deletePod`: a Recreate
                    // rollout waits for the last old Pod to be gone.
                    if c.op == ChangeOp::Deleted {
                        let deployment = self
                            .store
                            .get_dyn(Kind::ReplicaSet, &p.metadata.namespace, &owner.name)
                            .and_then(|rs| {
                                rs.meta()
                                    .controller_ref()
                                    .filter(|d| d.kind == "Deployment")
                                    .map(|d| d.name.to_string())
                            });
                        if let Some(d) = deployment {
                            self.due
                                .deployments
                                .insert(store::key(&p.metadata.namespace, &d));
                        }
                    }
                }
                let old = c
                    .old
                    .as_ref()
                    .and_then(|o| o.downcast::<objects::Pod>())
                    .cloned();
                self.on_pod_change(p, old.as_deref(), c.op, reaction_now);
            }
            Object::Service(s) => {
                let k = store::key(&s.metadata.namespace, &s.metadata.name);
                // The mirroring controller looks at a Service that has, or
                // had, no selector (`onServiceAdd/Update/Delete`).
                let selectorless = |s: &objects::Service| !s.has_selector();
                let old_selectorless = c
                    .old
                    .as_ref()
                    .and_then(|o| o.downcast::<objects::Service>())
                    .is_some_and(|o| selectorless(o));
                if selectorless(s) || old_selectorless || c.op == ChangeOp::Deleted {
                    self.enqueue_mirror(k.clone());
                }
                self.due.services.insert(k);
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            Object::Endpoints(ep) => {
                if self.mirror_relevant(ep) {
                    self.enqueue_mirror(store::key(&ep.metadata.namespace, &ep.metadata.name));
                }
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            Object::EndpointSlice(s) if controller::endpointslice_mirroring::is_mirrored(s) => {
                if let Some(svc) = s
                    .metadata
                    .labels
                    .get(controller::endpointslice::SERVICE_NAME_LABEL)
                {
                    self.enqueue_mirror(store::key(&s.metadata.namespace, svc));
                }
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            Object::PersistentVolumeClaim(pvc) => {
                let ns = pvc.metadata.namespace.as_str();
                for (sk, cache) in self.set_facts.range_mut((ns.to_string(), String::new())..) {
                    if sk.0 != ns {
                        break;
                    }
                    cache.claim_changed(&sk.1, &pvc.metadata.name);
                }
                let k = store::key(&pvc.metadata.namespace, &pvc.metadata.name);
                self.due.claims.insert(k);
                if let Some(Object::PersistentVolumeClaim(old)) = &c.old {
                    self.on_claim_resize(pvc, old);
                }
                self.on_claim_change(pvc, c.op);
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            Object::PersistentVolume(pv) => self.on_volume_change(pv, c.op),
            Object::StorageClass(_) => {
                if c.op != ChangeOp::Deleted {
                    self.on_class_change();
                }
            }
            Object::Node(n) => {
                // The DaemonSet controller's node handlers: every DaemonSet
                // looks again at which nodes should run its daemon.
                self.daemonsets_touched();
                if c.op == ChangeOp::Deleted {
                    self.on_node_deleted(&n.metadata.name)
                } else {
                    self.on_node_change(&n.metadata.name)
                }
            }
            Object::Namespace(n) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                } else {
                    self.due.namespaces.insert(n.metadata.name.to_string());
                }
            }
            Object::ControllerRevision(_) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            // The serviceaccount and root-CA publisher controllers put back
            // what they keep in every namespace.
            Object::Other(Kind::ServiceAccount, o) if o.metadata.name == "default" => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                    self.due.namespaces.insert(o.metadata.namespace.to_string());
                }
            }
            Object::ConfigMap(m)
                if m.metadata.name == "coredns" && m.metadata.namespace == "kube-system" =>
            {
                // Only a new Corefile has anything to reload.
                let text = m.data.get("Corefile").map(String::as_str);
                if c.op != ChangeOp::Deleted && text.is_some_and(|t| t != self.coredns.seen_text())
                {
                    self.queue_corefile_reload();
                }
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
            Object::ConfigMap(m) if m.metadata.name == controller::namespace::ROOT_CA_CONFIGMAP => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
                self.due.namespaces.insert(m.metadata.namespace.to_string());
            }
            Object::Event(ev) if c.op == ChangeOp::Deleted => {
                // Deleted through the API (`kubectl delete events`, its
                // namespace going): the recorder stops tracking it. Its own
                // expiries and evictions forgot it before removing it.
                self.recorder.forget_deleted(ev);
                self.enqueue_gc();
            }
            // Its queue holds it for a sync period from when it appears,
            // whatever changes meanwhile (`enqueueHPA`).
            Object::Other(Kind::HorizontalPodAutoscaler, h) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                } else {
                    self.queue_autoscaler(store::key(&h.metadata.namespace, &h.metadata.name));
                }
            }
            Object::Other(Kind::ReplicaSet, rs) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                } else {
                    self.due
                        .replicasets
                        .insert(store::key(&rs.metadata.namespace, &rs.metadata.name));
                }
                // The Deployment controller's ReplicaSet handlers.
                if let Some(o) = rs
                    .metadata
                    .controller_ref()
                    .filter(|o| o.kind == "Deployment")
                {
                    self.due
                        .deployments
                        .insert(store::key(&rs.metadata.namespace, &o.name));
                }
            }
            Object::Other(Kind::DaemonSet, d) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                } else {
                    self.due
                        .daemonsets
                        .insert(store::key(&d.metadata.namespace, &d.metadata.name));
                }
            }
            Object::Other(Kind::Deployment, d) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                } else {
                    self.due
                        .deployments
                        .insert(store::key(&d.metadata.namespace, &d.metadata.name));
                }
            }
            Object::Other(Kind::PodDisruptionBudget, b) => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                } else {
                    self.due
                        .budgets
                        .insert(store::key(&b.metadata.namespace, &b.metadata.name));
                }
            }
            _ => {
                if c.op == ChangeOp::Deleted {
                    self.enqueue_gc();
                }
            }
        }
        match c.op {
            ChangeOp::Added => {
                let m = c.object.meta();
                if c.object.kind() != Kind::Event {
                    self.narrate(SimEventKind::Created(ObjRef::new(
                        c.object.kind(),
                        &m.namespace,
                        &m.name,
                    )));
                }
            }
            ChangeOp::Deleted => {
                let m = c.object.meta();
                if c.object.kind() != Kind::Event {
                    self.narrate(SimEventKind::Deleted(ObjRef::new(
                        c.object.kind(),
                        &m.namespace,
                        &m.name,
                    )));
                }
            }
            ChangeOp::Modified => {}
        }
    }

    /// Whether a change could give the garbage collector work after a pass
    /// that found none. The collector looks only at non-Event objects: their
    /// uids, owner references, deletion timestamps and finalizers. A clean
    /// pass saw no terminating owner with a GC finalizer and no live
    /// dependent whose owners are all gone; only a deletion, a change of
    /// those fields, or a new object whose owners cannot be found can
    /// change that (conservatively: anything not shown harmless).
    fn gc_relevant(&self, c: &Change) -> bool {
        if c.object.kind() == Kind::Event {
            return false;
        }
        let m = c.object.meta();
        match c.op {
            ChangeOp::Deleted => true,
            ChangeOp::Modified => c.old.as_ref().is_none_or(|old| {
                let o = old.meta();
                o.uid != m.uid
                    || o.owner_references != m.owner_references
                    || o.deletion_timestamp != m.deletion_timestamp
                    || o.finalizers != m.finalizers
            }),
            ChangeOp::Added => {
                m.deletion_timestamp.is_some()
                    || !m.owner_references.iter().all(|r| {
                        Kind::from_api_version_kind(&r.api_version, &r.kind).is_some_and(|k| {
                            // Events are never owners for the collector.
                            let ns = if k.namespaced() {
                                m.namespace.as_str()
                            } else {
                                ""
                            };
                            k != Kind::Event
                                && self
                                    .store
                                    .get_dyn(k, ns, &r.name)
                                    .is_some_and(|o| o.meta().uid == r.uid)
                        })
                    })
            }
        }
    }

    /// Queues a StatefulSet sync: now for user writes, after a reaction
    /// delay (deduplicated) for the cluster's own.
    pub(crate) fn enqueue_set(&mut self, k: Key, now: bool) {
        if now {
            self.due.sets.insert(k);
        } else if self.due.sets_delayed.insert(k.clone()) {
            self.after(self.config.latency.controller_reaction, Wakeup::SyncSet(k));
        }
    }

    /// `AddAfter` of the StatefulSet work queue: a sync at `at`, unless one
    /// is already waiting for that time or earlier (see `sets_waiting`).
    pub(crate) fn enqueue_set_at(&mut self, k: Key, at: SimTime) {
        if self.due.sets_waiting.get(&k).is_some_and(|t| *t <= at) {
            return;
        }
        self.due.sets_waiting.insert(k.clone(), at);
        self.at(at, Wakeup::SyncSetAfter(k));
    }

    pub(crate) fn enqueue_service(&mut self, k: Key) {
        if self.due.services_delayed.insert(k.clone()) {
            self.after(self.config.latency.endpoints, Wakeup::SyncService(k));
        }
    }

    pub(crate) fn enqueue_gc(&mut self) {
        if !self.due.gc_delayed {
            self.due.gc_delayed = true;
            self.after(
                self.config.latency.garbage_collection,
                Wakeup::GarbageCollect,
            );
        }
    }
}

#[cfg(test)]
mod tests;

impl Engine {
    /// For the memory benchmark (`cargo bench --bench engine -- memory`):
    /// drops the engine part by part and reports what each freed, as told
    /// by `live` (the bytes the allocator has handed out). Parts shared with
    /// a later part are counted with the last one that held them.
    #[doc(hidden)]
    pub fn memory_breakdown(mut self, live: &dyn Fn() -> usize) -> Vec<(&'static str, isize)> {
        let mut out = Vec::new();
        let mut last = live() as isize;
        macro_rules! take {
            ($name:literal, $e:expr) => {{
                drop(std::mem::take(&mut $e));
                let now = live() as isize;
                out.push(($name, last - now));
                last = now;
            }};
        }
        take!("narration", self.narration);
        take!("timers", self.timers);
        take!("kubelet", self.kubelet);
        take!("volumes", self.volumes);
        take!("set_facts", self.set_facts);
        take!("endpoint_facts", self.endpoint_facts);
        take!("recorder", self.recorder);
        take!("scheduler", self.scheduler);
        take!("pv", self.pv);
        take!("pod_display", self.pod_display);
        take!("sets", self.sets);
        self.store.memory_breakdown(live, &mut out, &mut last);
        out
    }
}
