//! Engine configuration: the seed, the limits a browser tab survives, and
//! the latencies of the simulated components (R11.7; tunable, not
//! Kubernetes facts).

use super::time::SimDuration;

/// Runs a container's main process (`kubectl run … -- nslookup web-0.nginx`,
/// an init container's `bash -c` script): given the engine, the Pod, the
/// container and the command, says what the process did. The console
/// provides it (it owns the commands inside containers); without one, the
/// kubelet guesses from the command's text.
/// It runs on the engine itself, so what the process writes stays in its
/// volumes and its container's layer (an init container's config file is
/// there for the app container).
/// The last argument is how much simulated time the process may wait before
/// the runner stops and reports it `Waiting`.
pub type ProcessRunner =
    fn(&mut super::Engine, &super::store::Key, &str, &[String], SimDuration) -> ProcessOutcome;

/// Runs a probe in a container the way the kubelet's prober does (R11.3):
/// an exec probe's command in the container, an httpGet against the program
/// that serves the port. `Some(Ok(()))` passes; `Some(Err(why))` fails, `why`
/// being what the `Unhealthy` event says after "… probe failed: "; `None`
/// when the console has no model of what the probe asks (a program of an
/// image whose tools are not simulated), and the probe then passes once the
/// app is up. The console provides it; without one every probe is judged
/// that way.
pub type ProbeJudge = fn(
    &mut super::Engine,
    &super::store::Key,
    &str,
    &super::objects::pod::Probe,
) -> Option<Result<(), String>>;

/// How much simulated time one exec or main process may let pass in all
/// (`sleep`, `ping`, connection timeouts): a typo like `sleep 99999` must
/// not freeze the page.
pub const MAX_WAIT: SimDuration = SimDuration::secs(6 * 3600);

/// What a main process did, as the console's runner found out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProcessOutcome {
    /// It exited with `code` after `after_ms` of simulated time (its
    /// `sleep`s and waits), having printed `log`.
    Exit {
        code: i64,
        log: String,
        after_ms: u64,
    },
    /// It went on to a program that serves until stopped (`exec ncat
    /// --listen …`, `nginx`); `log` is what it printed until then.
    Serve { log: String },
    /// It was still waiting when the runner's budget of simulated time ran
    /// out (`until nslookup mydb; do sleep 2; done` before `mydb` exists);
    /// `log` is what it printed until then.
    Waiting {
        log: String,
        /// What the script's shell, as PID 1, does with the kubelet's
        /// SIGTERM (its `trap`); None when PID 1 is not a shell.
        on_term: Option<OnTerm>,
    },
}

/// What a container's shell does when the kubelet sends it SIGTERM, as
/// its `trap` for TERM says (R11.5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnTerm {
    /// No trap: a shell installs no handler, and PID 1 does not get the
    /// signals it has no handler for, so it runs on until SIGKILL.
    Untrapped,
    /// `trap '' TERM`, or an action that returns to the script (having
    /// printed `log`): it runs on until SIGKILL.
    Ignored { log: String },
    /// The action ends the shell (`trap 'exit 1' TERM`) with `code`,
    /// having printed `log`, after `after_ms` of its own waits.
    Exits {
        code: i64,
        log: String,
        after_ms: u64,
    },
}

#[derive(Clone, Debug)]
pub struct Config {
    /// Decides every random choice (Pod IPs, latency jitter, uids, suffixes).
    pub seed: u64,
    pub limits: Limits,
    pub latency: Latencies,
    pub process_runner: Option<ProcessRunner>,
    /// Runs a container's `postStart` exec hook in it, as `kubectl exec`
    /// would (same signature; the console provides it). Without one the
    /// kubelet reads the hook's command (`kubelet::hooks`).
    pub hook_runner: Option<ProcessRunner>,
    pub probe_judge: Option<ProbeJudge>,
    /// Worker nodes besides the control plane (kind's default here is 3;
    /// benchmarks use more — each node holds at most 110 Pods).
    pub workers: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            limits: Limits::default(),
            latency: Latencies::default(),
            process_runner: None,
            hook_runner: None,
            probe_judge: None,
            workers: 3,
        }
    }
}

impl Config {
    pub fn with_seed(seed: u64) -> Self {
        Config {
            seed,
            ..Default::default()
        }
    }
}

/// Limits on what the simulation holds. Exceeding one is refused with a
/// message that names the limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// `spec.replicas` of one StatefulSet.
    pub max_replicas: i64,
    /// Objects of all kinds in the store.
    pub max_objects: usize,
    /// Bytes of one file in a container or volume.
    pub max_file_bytes: usize,
    /// Bytes in one volume or container layer.
    pub max_volume_bytes: usize,
    /// Files in one volume or container layer.
    pub max_files: usize,
    /// Kubernetes Events kept (oldest dropped first, as their TTL would).
    pub max_events: usize,
    /// Narration events kept for `poll_event` when nobody drains them.
    pub max_pending_narration: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_replicas: 10_000,
            max_objects: 100_000,
            max_file_bytes: 1 << 20,
            max_volume_bytes: 8 << 20,
            max_files: 10_000,
            max_events: 20_000,
            max_pending_narration: 50_000,
        }
    }
}

/// A latency range; the engine picks a seeded value inside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub min: SimDuration,
    pub max: SimDuration,
}

impl Span {
    pub const fn ms(min: u64, max: u64) -> Self {
        Span {
            min: SimDuration::ms(min),
            max: SimDuration::ms(max),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Latencies {
    /// A controller noticing a change it did not cause (watch + queue).
    pub controller_reaction: Span,
    /// Scheduler: from an unscheduled Pod to its binding.
    pub scheduling: Span,
    /// local-path provisioner: from node selection to a bound PV.
    pub provisioning: Span,
    /// Pod sandbox + network setup on the node.
    pub sandbox: Span,
    /// Creating and starting a container once its image is present.
    pub container_start: Span,
    /// How long a container takes to stop after SIGTERM when it handles it.
    pub graceful_stop: Span,
    /// EndpointSlice controller reaction.
    pub endpoints: Span,
    /// pvc-protection: from a Pod's removal to the finalizer leaving the
    /// claims it used (watch, queue, a live LIST of the namespace's Pods
    /// to be sure, then the update). Longer than `controller_reaction`,
    /// so a StatefulSet that recreates the Pod at once still finds its
    /// claim Terminating (R6.5, §12.8).
    pub claim_protection: Span,
    /// Garbage collector reaction.
    pub garbage_collection: Span,
    /// node-monitor-grace-period: a silent node turns NotReady/Unknown
    /// (50 s since 1.32, kubernetes#126287; 40 s before).
    pub node_monitor_grace: SimDuration,
    /// From a deleted Pod's containers stopping (the status that shows it
    /// `0/1 Terminating`) to the kubelet's final delete: its volumes are
    /// torn down first (SyncTerminatedPod, then the status manager's
    /// `canBeDeleted`). Controllers see the not-ready status on its own
    /// before the Pod goes, as `kubectl rollout status` shows ("Waiting for
    /// 1 pods to be ready..." once for the stopped Pod, once for its
    /// replacement). Fixed, so no seeded draw moves.
    pub pod_cleanup: SimDuration,
}

impl Default for Latencies {
    fn default() -> Self {
        Latencies {
            controller_reaction: Span::ms(10, 60),
            scheduling: Span::ms(50, 300),
            provisioning: Span::ms(1_500, 4_000),
            sandbox: Span::ms(400, 1_200),
            container_start: Span::ms(300, 900),
            graceful_stop: Span::ms(200, 800),
            endpoints: Span::ms(20, 200),
            claim_protection: Span::ms(80, 300),
            garbage_collection: Span::ms(50, 250),
            node_monitor_grace: SimDuration::secs(50),
            pod_cleanup: SimDuration::ms(1_000),
        }
    }
}
