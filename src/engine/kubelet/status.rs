//! Pod status as the kubelet reports it (phase, conditions in the order the
//! API shows them, container statuses), and the READY / STATUS / RESTARTS
//! columns as `kubectl get pods` derives them from it (`printPod`, R10.2–R10.3).

use super::{CState, Ctr, PodRuntime, Stage};
use crate::engine::objects::pod::{
    ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting,
    ContainerStatus, ContainerUser, LinuxContainerUser, PodCondition, PodIp, PodStatus,
    VolumeMountStatus,
};
use crate::engine::objects::{Pod, RcStr, Time, Value};
use crate::engine::time::{human_duration, SimTime};
use std::rc::Rc;

/// FNV-1a, for stable fake ids (container ids, image digests).
pub fn fnv(s: &str) -> u64 {
    fnv_on(0xcbf2_9ce4_8422_2325, s.as_bytes())
}

/// FNV-1a carried on from `h` over more bytes.
fn fnv_on(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// 64 hex digits from `seed`, as random-looking as a real container id or
/// digest: each quarter is FNV-1a put through MurmurHash3's finalizer
/// (FNV alone changes only a few bits for seeds that differ in their last
/// byte, so the quarters repeated each other's digits).
/// `containerd://` and the `hex64` of `{uid}/{name}/{instance}`: the same
/// text `format!` gave, built by hand (each Pod status write asks for one
/// per container, and the formatting machinery cost more than the hash).
fn container_id(uid: &str, name: &str, instance: i64) -> String {
    let mut seed = String::with_capacity(uid.len() + name.len() + 22);
    seed.push_str(uid);
    seed.push('/');
    seed.push_str(name);
    seed.push('/');
    crate::engine::rng::push_decimal(&mut seed, instance);
    let mut id = String::with_capacity(13 + 64);
    id.push_str("containerd://");
    id.push_str(&hex64(&seed));
    id
}

pub fn hex64(seed: &str) -> String {
    // The same as hashing `{seed}#{i}` for each quarter, without building
    // those strings: every Pod status write asks for two of these.
    let base = fnv(seed);
    let mut out = String::with_capacity(64);
    for i in 0..4u8 {
        crate::engine::rng::push_hex(&mut out, fmix64(fnv_on(base, &[b'#', b'0' + i])));
    }
    out
}

/// 64 well-mixed bits from a string: FNV-1a, then MurmurHash3's finalizer.
pub fn mix64(seed: &str) -> u64 {
    fmix64(fnv(seed))
}

/// MurmurHash3's 64-bit finalizer: every input bit flips about half of
/// the output bits.
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn state_of(s: &CState, container_id: &str) -> ContainerState {
    match s {
        CState::Waiting { reason, message } => ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: reason.clone(),
                message: message.clone(),
            }),
            ..Default::default()
        },
        CState::Running { since } => ContainerState {
            running: Some(ContainerStateRunning {
                started_at: Some(Time::new(since.trunc_secs())),
            }),
            ..Default::default()
        },
        CState::Terminated {
            code,
            reason,
            started,
            finished,
        } => ContainerState {
            terminated: Some(Box::new(ContainerStateTerminated {
                exit_code: *code,
                reason: reason.clone(),
                message: Default::default(),
                started_at: Some(Time::new(started.trunc_secs())),
                finished_at: Some(Time::new(finished.trunc_secs())),
                container_id: container_id.into(),
            })),
            ..Default::default()
        },
    }
}

/// The mounts the kubelet reports for a container (`VolumeMountStatus`).
/// A Pod's mounts never change, so the previous status's list is reused.
fn mount_status(
    spec: &crate::engine::objects::Container,
    old: Option<&ContainerStatus>,
) -> Rc<Vec<VolumeMountStatus>> {
    if let Some(o) = old.filter(|o| o.volume_mounts.len() == spec.volume_mounts.len()) {
        return o.volume_mounts.clone();
    }
    Rc::new(
        spec.volume_mounts
            .iter()
            .map(|m| {
                let ro = m.read_only;
                VolumeMountStatus {
                    name: m.name.clone(),
                    mount_path: m.mount_path.clone(),
                    read_only: ro,
                    recursive_read_only: if ro {
                        RcStr::interned("Disabled")
                    } else {
                        RcStr::default()
                    },
                }
            })
            .collect(),
    )
}

/// What the runtime reports of a created container's resources: its
/// requests and limits, `{}` without them.
fn resources_status(spec: &crate::engine::objects::Container) -> Value {
    let mut out = serde_json::Map::new();
    if let Some(Value::Object(r)) = &spec.resources {
        for k in ["limits", "requests"] {
            if let Some(v) = r
                .get(k)
                .filter(|v| v.as_object().is_some_and(|m| !m.is_empty()))
            {
                out.insert(k.to_string(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// The identity the runtime reports for a created container
/// (`ContainerStatus.user`), the previous status's when unchanged:
/// containerd 2.x reads it from the container's OCI spec
/// (`spec.Process.User`) for every created container.
fn user_status(
    spec: &crate::engine::objects::Container,
    pod_sc: Option<&Value>,
    old: Option<&ContainerStatus>,
) -> Rc<ContainerUser> {
    let image = spec.image.as_str();
    // Pod and container security contexts are immutable: only a new image
    // (an in-place update restarts the container) changes the identity.
    if let Some(u) = old
        .filter(|o| o.image == image)
        .and_then(|o| o.user.as_ref())
    {
        return u.clone();
    }
    let flavor = crate::engine::images::lookup(image)
        .map_or(crate::engine::images::Flavor::Tool, |s| s.flavor);
    let accounts = super::identity::Accounts::of(
        image,
        flavor,
        crate::engine::images::busybox_based(image, flavor),
    );
    let id = super::identity::identity(&accounts, pod_sc, spec.extra.get("securityContext"));
    let linux = LinuxContainerUser {
        uid: id.uid,
        gid: id.gid,
        supplemental_groups: id.groups,
    };
    if let Some(u) = old
        .and_then(|o| o.user.as_ref())
        .filter(|u| u.linux == linux)
    {
        return u.clone();
    }
    // Most containers of a cluster run as the same few identities (10,000
    // nginx Pods are all root): one shared copy while consecutive ones
    // agree. A pure cache, invisible in behaviour.
    thread_local! {
        static LAST: std::cell::RefCell<Option<Rc<ContainerUser>>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref().filter(|u| u.linux == linux) {
            Some(u) => u.clone(),
            None => {
                let u = Rc::new(ContainerUser { linux });
                *last = Some(u.clone());
                u
            }
        }
    })
}

fn container_status(
    c: &Ctr,
    uid: &str,
    spec: &crate::engine::objects::Container,
    pod_sc: Option<&Value>,
    old: Option<&ContainerStatus>,
) -> ContainerStatus {
    let image = spec.image.as_str();
    // A postStart hook still running: reported as before the start.
    let state = c.reported();
    let ran = !matches!(state, CState::Waiting { .. }) || c.last.is_some();
    let cid = if ran {
        container_id(uid, &c.name, c.restarts)
    } else {
        String::new()
    };
    let image_id = if ran {
        format!(
            "{}@sha256:{}",
            crate::engine::images::ImageRef::parse(image).repository,
            hex64(image)
        )
    } else {
        String::new()
    };
    ContainerStatus {
        name: RcStr::interned(&c.name),
        state: state_of(state, &cid),
        last_state: c
            .last
            .as_ref()
            .map(|l| state_of(l, &container_id(uid, &c.name, c.last_instance)))
            .unwrap_or_default(),
        ready: c.ready && matches!(state, CState::Running { .. }),
        restart_count: c.restarts,
        image: RcStr::interned(image),
        image_id: RcStr::interned(&image_id),
        container_id: cid.into(),
        started: Some(matches!(state, CState::Running { .. }) && c.started),
        resources: ran.then(|| resources_status(spec)),
        volume_mounts: mount_status(spec, old),
        user: ran.then(|| user_status(spec, pod_sc, old)),
    }
}

fn condition(
    old: &PodStatus,
    type_: &str,
    ok: bool,
    reason: &str,
    // Only a False condition carries a message: it is built only then
    // (a status is built on every kubelet write, and most conditions
    // are True).
    message: impl FnOnce() -> String,
    now: SimTime,
    generation: i64,
) -> PodCondition {
    let status = if ok { "True" } else { "False" };
    let prev = old.conditions.iter().find(|c| c.type_ == type_);
    let since = match prev {
        Some(p) if p.status == status => p.last_transition_time,
        _ => Some(Time::new(now.trunc_secs())),
    };
    PodCondition {
        type_: RcStr::interned(type_),
        observed_generation: generation,
        status: RcStr::interned(status),
        last_probe_time: None,
        last_transition_time: since,
        reason: if ok {
            RcStr::default()
        } else {
            RcStr::interned(reason)
        },
        message: if ok {
            RcStr::default()
        } else {
            message().into()
        },
    }
}

/// The Pod conditions the kubelet owns (`kubetypes.PodConditionsByKubelet`
/// and PodReadyToStartContainers).
const KUBELET_CONDITIONS: [&str; 5] = [
    "PodScheduled",
    "Ready",
    "Initialized",
    "ContainersReady",
    "PodReadyToStartContainers",
];

/// The status the kubelet reports for a Pod it runs.
pub fn build_status(p: &Pod, rt: &PodRuntime, now: SimTime) -> PodStatus {
    let old = &p.status;
    let generation = p.metadata.generation;
    if rt.rejected {
        // `rejectPod`: the phase, reason and message, the QoS class kept
        // and the start time the status manager adds; no condition, no
        // container status (none was ever created).
        let (reason, message) = rt
            .terminal
            .as_ref()
            .map(|(_, r, m)| (r.clone(), m.clone()))
            .unwrap_or_default();
        return PodStatus {
            observed_generation: generation,
            phase: RcStr::interned("Failed"),
            reason: reason.into(),
            message: message.into(),
            nominated_node_name: old.nominated_node_name.clone(),
            start_time: old
                .start_time
                .or(Some(Time::new(rt.admitted_at.trunc_secs()))),
            qos_class: old.qos_class.clone(),
            ..Default::default()
        };
    }
    let inits_done = rt.inits.iter().all(|c| {
        matches!(c.reported(), CState::Terminated { code: 0, .. })
            || (c.sidecar && c.started && matches!(c.reported(), CState::Running { .. }))
    });
    let pending_inits: Vec<&str> = rt
        .inits
        .iter()
        .filter(|c| {
            !(matches!(c.reported(), CState::Terminated { code: 0, .. })
                || (c.sidecar && c.started && c.shown_as.is_none()))
        })
        .map(|c| c.name.as_str())
        .collect();
    let unready: Vec<&str> = rt
        .ctrs
        .iter()
        .filter(|c| !(c.ready && matches!(c.reported(), CState::Running { .. })))
        .map(|c| c.name.as_str())
        .collect();
    let active = rt.stage == Stage::Active;
    let all_ready = active && unready.is_empty() && inits_done;
    let ran = |c: &Ctr| !matches!(c.reported(), CState::Waiting { .. }) || c.last.is_some();
    let phase = match &rt.terminal {
        Some((ph, _, _)) => ph.clone(),
        None if !inits_done || rt.stage == Stage::Admitted => "Pending".to_string(),
        None if rt.ctrs.iter().any(ran) => "Running".to_string(),
        None if matches!(rt.stage, Stage::Terminating | Stage::Stopped) => old.phase.to_string(),
        None => "Pending".to_string(),
    };
    let list = |names: &[&str]| format!("[{}]", names.join(" "));
    let mut conditions = vec![
        condition(
            old,
            "PodReadyToStartContainers",
            rt.stage != Stage::Admitted && !matches!(rt.stage, Stage::Stopped)
                || (rt.stage == Stage::Stopped && rt.terminal.is_none() && !rt.ip.is_empty()),
            "",
            String::new,
            now,
            generation,
        ),
        condition(
            old,
            "Initialized",
            inits_done,
            "ContainersNotInitialized",
            || {
                format!(
                    "containers with incomplete status: {}",
                    list(&pending_inits)
                )
            },
            now,
            generation,
        ),
        condition(
            old,
            "Ready",
            all_ready,
            if rt.terminal.is_some() {
                "PodCompleted"
            } else {
                "ContainersNotReady"
            },
            || format!("containers with unready status: {}", list(&unready)),
            now,
            generation,
        ),
        condition(
            old,
            "ContainersReady",
            all_ready,
            if rt.terminal.is_some() {
                "PodCompleted"
            } else {
                "ContainersNotReady"
            },
            || format!("containers with unready status: {}", list(&unready)),
            now,
            generation,
        ),
    ];
    if rt.terminal.is_some() {
        for c in conditions.iter_mut().skip(2) {
            c.message.clear();
        }
        conditions[0].status = "False".into();
    }
    if rt.node_lost && all_ready {
        // MarkPodsNotReady flips only the Ready condition (reason and
        // message stay the empty ones of the True condition it copies);
        // ContainersReady and the container statuses keep what the silent
        // kubelet last reported, so READY still reads 1/1. It sets no
        // `status.reason`: NodeLost came from the eviction path removed
        // with --enable-taint-manager (1.27).
        conditions[2] = condition(old, "Ready", false, "", String::new, now, generation);
    }
    if let Some(s) = old.conditions.iter().find(|c| c.type_ == "PodScheduled") {
        // Exactly five: a push past `vec!`'s four would double the buffer,
        // and every Pod keeps its status for as long as it lives.
        conditions.reserve_exact(1);
        conditions.push(s.clone());
    }
    // `mergePodStatus`: conditions the kubelet does not own (a
    // DisruptionTarget the taint manager wrote) stay, ahead of its own.
    if old
        .conditions
        .iter()
        .any(|c| !KUBELET_CONDITIONS.contains(&c.type_.as_str()))
    {
        let mut merged: Vec<PodCondition> = old
            .conditions
            .iter()
            .filter(|c| !KUBELET_CONDITIONS.contains(&c.type_.as_str()))
            .cloned()
            .collect();
        merged.extend(conditions);
        conditions = merged;
    }
    let node_host_ip = old.host_ip.clone();
    let pod_sc = p.spec.security_context.as_ref();
    let (reason, message) = match &rt.terminal {
        Some((_, r, m)) => (r.clone(), m.clone()),
        None => (String::new(), String::new()),
    };
    PodStatus {
        observed_generation: generation,
        phase: RcStr::interned(&phase),
        conditions,
        message: message.into(),
        reason: reason.into(),
        // The scheduler's field: the kubelet's status manager keeps it.
        nominated_node_name: old.nominated_node_name.clone(),
        host_ip: node_host_ip.clone(),
        host_ips: if node_host_ip.is_empty() {
            vec![]
        } else {
            vec![PodIp { ip: node_host_ip }]
        },
        pod_ip: rt.ip.clone(),
        pod_ips: if rt.ip.is_empty() {
            vec![]
        } else {
            vec![PodIp { ip: rt.ip.clone() }]
        },
        start_time: Some(Time::new(rt.admitted_at.trunc_secs())),
        init_container_statuses: rt
            .inits
            .iter()
            .zip(p.spec.init_containers.iter())
            .enumerate()
            .map(|(i, (c, s))| {
                container_status(c, &rt.uid, s, pod_sc, old.init_container_statuses.get(i))
            })
            .collect(),
        container_statuses: rt
            .ctrs
            .iter()
            .zip(p.spec.containers.iter())
            .enumerate()
            .map(|(i, (c, s))| {
                container_status(c, &rt.uid, s, pod_sc, old.container_statuses.get(i))
            })
            .collect(),
        // The prober sets `started` and `ready` only for regular and init
        // containers: an ephemeral one is never ready and has no `started`.
        ephemeral_container_statuses: rt
            .eph
            .iter()
            .zip(p.spec.ephemeral_containers.iter())
            .enumerate()
            .map(|(i, (c, s))| {
                let old = old.ephemeral_container_statuses.get(i);
                ContainerStatus {
                    ready: false,
                    started: None,
                    ..container_status(c, &rt.uid, s, pod_sc, old)
                }
            })
            .collect(),
        qos_class: old.qos_class.clone(),
    }
}

/// The READY, STATUS and RESTARTS columns of `kubectl get pods`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodColumns {
    pub ready: String,
    pub status: String,
    pub restarts: String,
}

/// `printPod` (pkg/printers/internalversion/printers.go), for one Pod.
pub fn pod_columns(pod: &Pod, now: SimTime) -> PodColumns {
    let st = &pod.status;
    let mut restarts: i64 = 0;
    let mut restartable_restarts: i64 = 0;
    let mut last_restart: Option<SimTime> = None;
    let mut last_restartable: Option<SimTime> = None;
    let total = pod.spec.containers.len()
        + pod
            .spec
            .init_containers
            .iter()
            .filter(|c| c.restart_policy.as_deref() == Some("Always"))
            .count();
    let mut ready = 0;
    let mut reason = if st.reason.is_empty() {
        st.phase.to_string()
    } else {
        st.reason.to_string()
    };
    if reason.is_empty() {
        reason = "Pending".into();
    }
    let mut initializing = false;
    for (i, c) in st.init_container_statuses.iter().enumerate() {
        restarts += c.restart_count;
        let finished = c
            .last_state
            .terminated
            .as_ref()
            .and_then(|t| t.finished_at)
            .map(|t| t.sim());
        if let Some(f) = finished {
            if last_restart.is_none_or(|l| l < f) {
                last_restart = Some(f);
            }
        }
        let sidecar = pod
            .spec
            .init_containers
            .iter()
            .find(|s| s.name == c.name)
            .is_some_and(|s| s.restart_policy.as_deref() == Some("Always"));
        if sidecar {
            restartable_restarts += c.restart_count;
            if let Some(f) = finished {
                if last_restartable.is_none_or(|l| l < f) {
                    last_restartable = Some(f);
                }
            }
        }
        match (&c.state.terminated, &c.state.waiting) {
            (Some(t), _) if t.exit_code == 0 => continue,
            _ if sidecar && c.started == Some(true) => {
                if c.ready {
                    ready += 1;
                }
                continue;
            }
            (Some(t), _) => {
                reason = if t.reason.is_empty() {
                    format!("Init:ExitCode:{}", t.exit_code)
                } else {
                    format!("Init:{}", t.reason)
                };
                initializing = true;
            }
            (None, Some(w)) if !w.reason.is_empty() && w.reason != "PodInitializing" => {
                reason = format!("Init:{}", w.reason);
                initializing = true;
            }
            _ => {
                reason = format!("Init:{}/{}", i, pod.spec.init_containers.len());
                initializing = true;
            }
        }
        break;
    }
    let initialized = st
        .conditions
        .iter()
        .any(|c| c.type_ == "Initialized" && c.status == "True");
    if !initializing || initialized {
        restarts = restartable_restarts;
        last_restart = last_restartable;
        let mut has_running = false;
        for c in st.container_statuses.iter().rev() {
            restarts += c.restart_count;
            if let Some(f) = c
                .last_state
                .terminated
                .as_ref()
                .and_then(|t| t.finished_at)
                .map(|t| t.sim())
            {
                if last_restart.is_none_or(|l| l < f) {
                    last_restart = Some(f);
                }
            }
            if let Some(w) = c.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
                reason = w.reason.to_string();
            } else if let Some(t) = c.state.terminated.as_ref() {
                reason = if t.reason.is_empty() {
                    format!("ExitCode:{}", t.exit_code)
                } else {
                    t.reason.to_string()
                };
            } else if c.ready && c.state.running.is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if st
                .conditions
                .iter()
                .any(|c| c.type_ == "Ready" && c.status == "True")
            {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }
    let terminal = st.phase == "Failed" || st.phase == "Succeeded";
    if pod.metadata.deletion_timestamp.is_some() && st.reason == "NodeLost" {
        reason = "Unknown".into();
    } else if pod.metadata.deletion_timestamp.is_some() && !terminal {
        reason = "Terminating".into();
    }
    let restarts = match last_restart {
        Some(t) if restarts > 0 => {
            format!("{restarts} ({} ago)", human_duration(now.saturating_sub(t)))
        }
        _ => restarts.to_string(),
    };
    PodColumns {
        ready: format!("{ready}/{total}"),
        status: reason.to_string(),
        restarts,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn container_id_is_the_formatted_seed_hashed() {
        for n in [0i64, 7, 12, 1234567890, -3, i64::MIN] {
            assert_eq!(
                super::container_id("u-1", "nginx", n),
                format!("containerd://{}", super::hex64(&format!("u-1/nginx/{n}")))
            );
        }
    }

    #[test]
    fn hex64_is_four_hashed_quarters_of_the_seed() {
        let want: String = (0..4)
            .map(|i| format!("{:016x}", super::mix64(&format!("web-0#{i}"))))
            .collect();
        assert_eq!(super::hex64("web-0"), want);
        assert_eq!(want.len(), 64);
    }
    use super::hex64;

    /// Container ids and image digests look random: the four quarters of
    /// one id agree at about one digit in 16, as random digits do (before
    /// the finalizer they agreed at most of their digits).
    #[test]
    fn id_quarters_do_not_repeat_each_other() {
        let (mut same, mut total) = (0, 0);
        for n in 0..200 {
            let id = hex64(&format!("uid-{n}/nginx/0"));
            assert_eq!(id.len(), 64);
            assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
            let q: Vec<&[u8]> = id.as_bytes().chunks(16).collect();
            for w in q.windows(2) {
                same += w[0].iter().zip(w[1]).filter(|(a, b)| a == b).count();
                total += 16;
            }
        }
        let share = same as f64 / total as f64;
        assert!(share < 0.1, "quarters agree at {share:.2} of their digits");
        assert_ne!(hex64("a"), hex64("b"));
        assert_eq!(hex64("a"), hex64("a"));
    }
}
