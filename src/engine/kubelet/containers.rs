//! Containers in the kubelet: image pulls (cached per node, failures with
//! ErrImagePull / ImagePullBackOff), create and start in order (init
//! containers first, each to completion), what the main process does, exits
//! and restarts with crash back-off (R11.6).

use super::{CState, Cref, Plan, Stage, Step};
use crate::engine::config::{ProcessOutcome, MAX_WAIT};
use crate::engine::containerfs::FsJournal;
use crate::engine::images::{self, ImageRef, ImageSpec};
use crate::engine::objects::{Object, Pod, RcStr};
use crate::engine::recorder::Source;
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::{Engine, Wakeup};

const MAX_BACKOFF_S: u64 = 300;

fn next_backoff(cur: u64) -> u64 {
    if cur == 0 {
        10
    } else {
        (cur * 2).min(MAX_BACKOFF_S)
    }
}

/// Programs that serve until stopped.
const SERVERS: &[&str] = &[
    "nginx",
    "start-zookeeper",
    "zkServer.sh",
    "zkServer",
    "docker-entrypoint.sh",
    "mysqld",
    "mysqld_safe",
    "redis-server",
    "valkey-server",
    "mongod",
    "postgres",
    "cassandra",
    "elasticsearch",
    "rabbitmq-server",
    "kafka-server-start.sh",
    "minio",
    "etcd",
    "consul",
    "ncat",
    "socat",
    "httpd",
    "xtrabackup",
    "pause",
    "agnhost",
    "netexec",
    "coredns",
    "python",
    "python3",
    "node",
];

/// One-shot clients of server images that the console simulates: run as
/// main processes, they end (the image's server is not started).
const CLIENTS: &[&str] = &["mysql", "mysqladmin"];

/// The program of each simple command in a command line (`sh -c 'a; b |
/// c'` gives a, b, c), by base name.
pub(super) fn programs(cmd: &str) -> Vec<&str> {
    cmd.split(|c| {
        matches!(
            c,
            ';' | '&' | '|' | '\n' | '(' | ')' | '{' | '}' | '`' | '"' | '\''
        )
    })
    .filter_map(|seg| {
        let mut words = seg
            .split_whitespace()
            .filter(|w| !w.contains('='))
            .peekable();
        let mut first = words.next()?;
        loop {
            let base = first.rsplit('/').next().unwrap_or(first);
            if matches!(base, "exec" | "do" | "then" | "else" | "time" | "nohup") {
                first = words.next()?;
            } else if matches!(base, "sh" | "bash" | "ash" | "dash") && words.peek() == Some(&"-c")
            {
                words.next();
                first = words.next()?;
            } else {
                return Some(base);
            }
        }
    })
    .collect()
}

/// Whether a command keeps running: a server program, `sleep infinity`,
/// `tail -f`, an endless loop. Names are compared as programs, not as
/// substrings, so `nslookup web-0.nginx` is a one-shot command.
fn runs_forever(cmd: &str) -> bool {
    if cmd.contains("while true")
        || cmd.contains("while :")
        || cmd.contains("tail -f")
        || cmd.contains("sleep infinity")
    {
        return true;
    }
    let progs = programs(cmd);
    let interpreter = |p: &&str| matches!(*p, "python" | "python3" | "node");
    if progs.iter().any(|p| SERVERS.contains(p) && !interpreter(p)) {
        return true;
    }
    // `python3 -c 'print(1)'` ends; `python3 -m http.server` serves.
    if progs.iter().any(interpreter) {
        let words: Vec<String> = cmd
            .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(i) = words.iter().position(|w| {
            let base = w.rsplit('/').next().unwrap_or(w);
            interpreter(&base)
        }) {
            return serves_forever(&words[i..]);
        }
    }
    // `nc -l` listens until stopped.
    cmd.split([';', '&', '|']).any(|seg| {
        let w: Vec<&str> = seg.split_whitespace().collect();
        w.first().is_some_and(|p| *p == "nc") && w.iter().any(|x| x.starts_with("-l"))
    })
}

/// Whether one command (a main process, or a program a main process's
/// script runs or `exec`s) serves until stopped: a server program, `sleep
/// infinity`, `tail -f`, or a network tool told to listen (`ncat --listen`,
/// `nc -l`, `socat TCP-LISTEN:…`). `ncat --recv-only HOST PORT` and
/// `xtrabackup --prepare` are clients that end.
pub fn serves_forever(argv: &[String]) -> bool {
    let Some(first) = argv.first() else {
        return false;
    };
    let prog = first.rsplit('/').next().unwrap_or(first);
    let args = &argv[1..];
    let has = |f: &dyn Fn(&str) -> bool| args.iter().any(|a| f(a));
    match prog {
        "sleep" => has(&|a| a == "infinity" || a == "inf"),
        "tail" => has(&|a| {
            a == "-f"
                || a == "-F"
                || a == "--follow"
                || (a.starts_with('-') && !a.starts_with("--") && a.contains('f'))
        }),
        "ncat" | "nc" | "netcat" => has(&|a| {
            a == "--listen" || (a.starts_with('-') && !a.starts_with("--") && a.contains('l'))
        }),
        "socat" => has(&|a| a.to_ascii_uppercase().contains("-LISTEN:")),
        "xtrabackup" => false,
        // An interpreter serves when it runs an app (`python3 app.py`,
        // `python -m http.server`, `node server.js`); one given code on the
        // command line or asked its version ends.
        "python" | "python3" | "node" => !has(&|a| {
            matches!(
                a,
                "-c" | "-e" | "--eval" | "-p" | "--print" | "-V" | "--version" | "-h" | "--help"
            )
        }),
        p => SERVERS.contains(&p),
    }
}

/// The last `sleep N` of a command, in seconds.
fn sleep_seconds(cmd: &str) -> Option<u64> {
    let i = cmd.rfind("sleep ")?;
    let rest = &cmd[i + 6..];
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ';' && *c != '&' && *c != '"' && *c != '\'')
        .collect();
    SimDuration::parse(&word).map(|d| d.as_ms() / 1000)
}

/// Whether a command only sleeps, exits or does nothing (`sleep 3600`,
/// `sh -c 'sleep 5; exit 1'`), so that it cannot print anything.
fn silent(argv: &[String]) -> bool {
    let shells = ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"];
    let script = match argv {
        [sh, flag, rest @ ..] if shells.contains(&sh.as_str()) && flag == "-c" => rest.join(" "),
        _ => argv.join(" "),
    };
    script.split([';', '&', '|', '\n']).all(|seg| {
        matches!(
            seg.split_whitespace().next(),
            None | Some("sleep" | "exit" | "true" | ":")
        )
    })
}

pub(super) fn exit_code(cmd: &str) -> Option<i64> {
    let i = cmd.rfind("exit ")?;
    cmd[i + 5..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

impl Engine {
    pub(super) fn pod_of(&self, uid: &str) -> Option<std::rc::Rc<Pod>> {
        let rt = self.kubelet.pods.get(uid)?;
        let p = self.store.pods.get(&rt.key.0, &rt.key.1)?;
        (p.metadata.uid == uid).then(|| p.clone())
    }

    pub(super) fn kubelet_event(
        &mut self,
        uid: &str,
        c: Option<Cref>,
        type_: &str,
        reason: &str,
        message: String,
    ) {
        let Some(p) = self.pod_of(uid) else { return };
        let node = p.spec.node_name.clone();
        let field = c.and_then(|c| c.spec_in(&p).map(|ct| c.field_path(&ct.name)));
        self.record_on(
            &Object::Pod(p),
            field,
            type_,
            reason,
            message,
            Source {
                component: "kubelet",
                host: node.to_string(),
            },
        );
    }

    /// Sandbox and network are up: the Pod gets its IP, containers start.
    pub(crate) fn kubelet_sandbox(&mut self, uid: &str) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        if rt.stage != Stage::Admitted {
            return;
        }
        let node = rt.node.clone();
        // `WaitForAttachAndMount` comes first: a configMap or secret volume
        // whose object is missing keeps the Pod ContainerCreating, each
        // attempt a FailedMount event, retried with the volume manager's
        // back-off (500 ms doubling to 2m2s) until the object appears.
        let pod = self.pod_of(uid);
        let unmountable = pod.as_ref().map_or_else(Vec::new, |p| {
            super::config_refs::unmountable_volumes(
                &self.store,
                &p.metadata.namespace,
                &p.spec.volumes,
            )
        });
        if !unmountable.is_empty() {
            for (volume, err) in unmountable {
                let msg = format!("MountVolume.SetUp failed for volume \"{volume}\" : {err}");
                self.kubelet_event(uid, None, "Warning", "FailedMount", msg);
            }
            let failures = self.kubelet.pods.get_mut(uid).map_or(1, |rt| {
                rt.mount_failures = rt.mount_failures.saturating_add(1);
                rt.mount_failures
            });
            let at = self.now + mount_backoff(failures);
            self.at(
                at,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Sandbox,
                },
            );
            return;
        }
        // The sandbox config needs the kernel hostname; an FQDN too long for
        // it fails the sandbox, and the Pod stays ContainerCreating
        // (kuberuntime `createPodSandbox`, event "Failed to create pod
        // sandbox: …").
        if let Some(why) = pod.as_ref().and_then(|p| Engine::kernel_hostname_error(p)) {
            let msg = format!("Failed to create pod sandbox: {why}");
            self.kubelet_event(uid, None, "Warning", "FailedCreatePodSandBox", msg);
            return;
        }
        // The resolv.conf the sandbox gets: lists cut to the kubelet's
        // limits are reported on the Pod.
        let dns_warnings = pod
            .as_ref()
            .map(|p| crate::engine::pod_dns::PodDnsConfig::formed(p).1)
            .unwrap_or_default();
        for w in dns_warnings {
            self.kubelet_event(uid, None, "Warning", "DNSConfigForming", w);
        }
        // A hostNetwork Pod shares the node's network namespace: its IP is
        // the node's, and no address of the node's Pod range is taken.
        let host_network = pod.as_ref().is_some_and(|p| Engine::host_network(p));
        let node_ip = self
            .store
            .nodes
            .get("", &node)
            .map(|n| n.internal_ip().to_string());
        let ip = match node_ip {
            Some(ip) if host_network => Some(ip),
            _ => self.network.allocate_pod_ip(&node, &mut self.rng),
        };
        let Some(ip) = ip else {
            let msg = format!("Failed to create pod sandbox: plugin type=\"ptp\" failed (add): failed to allocate for range 0: no IP addresses available in range set: {}", self.network.node_cidr(&node).unwrap_or_default());
            self.kubelet_event(uid, None, "Warning", "FailedCreatePodSandBox", msg);
            return;
        };
        if let Some(rt) = self.kubelet.pods.get_mut(uid) {
            rt.ip = ip.into();
            rt.stage = Stage::Active;
        }
        self.write_pod_status(uid);
        self.kubelet_next(uid);
    }

    /// Starts whatever container is next: init containers one at a time to
    /// completion (sidecars only to start), then the app containers in order.
    pub(crate) fn kubelet_next(&mut self, uid: &str) {
        // Ephemeral containers added before the sandbox was up.
        if self
            .kubelet
            .pods
            .get(uid)
            .is_some_and(|rt| rt.stage == Stage::Active && !rt.eph.is_empty())
        {
            self.kubelet_start_ephemeral(uid);
        }
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        if rt.stage != Stage::Active {
            return;
        }
        for (idx, c) in rt.inits.iter().enumerate() {
            let done = match &c.state {
                CState::Terminated { code: 0, .. } => true,
                CState::Running { .. } if c.sidecar && c.started => true,
                _ => false,
            };
            if done {
                continue;
            }
            if !c.busy
                && matches!(c.state, CState::Waiting { .. })
                && c.restarts == 0
                && c.last.is_none()
            {
                let gen = c.gen;
                self.kubelet_pull(uid, Cref::init(idx), gen);
            }
            return;
        }
        let next: Option<(usize, u64)> = rt
            .ctrs
            .iter()
            .enumerate()
            .find(|(_, c)| {
                matches!(c.state, CState::Waiting { .. })
                    && !c.busy
                    && c.last.is_none()
                    && c.restarts == 0
            })
            .map(|(i, c)| (i, c.gen));
        if let Some((idx, gen)) = next {
            // Waiting app containers leave PodInitializing as the pull begins.
            if let Some(c) = self
                .kubelet
                .pods
                .get_mut(uid)
                .and_then(|r| r.ctrs.get_mut(idx))
            {
                if let CState::Waiting { reason, .. } = &mut c.state {
                    if reason == "PodInitializing" {
                        *reason = "ContainerCreating".into();
                    }
                }
            }
            self.kubelet_pull(uid, Cref::app(idx), gen);
        }
    }

    /// Pulls a container's image (or finds it on the node).
    pub(crate) fn kubelet_pull(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(p) = self.pod_of(uid) else { return };
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let node = rt.node.clone();
        let Some(ctr) = rt.ctr_mut(c) else { return };
        if ctr.gen != gen {
            return;
        }
        ctr.busy = true;
        let image = ctr.image.clone();
        let spec_c = c.spec_in(&p);
        let policy = spec_c
            .and_then(|s| s.image_pull_policy.clone())
            .unwrap_or_else(|| "IfNotPresent".into());
        let r = ImageRef::parse(&image);
        let present = self
            .kubelet
            .images
            .get(node.as_str())
            .is_some_and(|s| s.contains(&r.full()));
        if present && policy != "Always" {
            self.kubelet_event(
                uid,
                Some(c),
                "Normal",
                "Pulled",
                format!("Container image {image:?} already present on machine"),
            );
            self.kubelet_created(uid, c, gen);
            return;
        }
        if policy == "Never" {
            self.kubelet_event(
                uid,
                Some(c),
                "Warning",
                "ErrImageNeverPull",
                format!("Container image {image:?} is not present with pull policy of Never"),
            );
            if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                ct.busy = false;
                ct.state = CState::Waiting {
                    reason: "ErrImageNeverPull".into(),
                    message: format!(
                        "Container image {image:?} is not present with pull policy of Never"
                    )
                    .into(),
                };
            }
            self.write_pod_status(uid);
            return;
        }
        self.kubelet_event(
            uid,
            Some(c),
            "Normal",
            "Pulling",
            format!("Pulling image {image:?}"),
        );
        let ok = self.pull_allowed(&image);
        let ms = match images::lookup(&image) {
            Ok(spec) if present => self.rng.range(300, 900) + spec.size / 400_000_000,
            Ok(spec) => 800 + spec.size / 12_000 + self.rng.range(0, 1500),
            Err(_) => self.rng.range(600, 1800),
        };
        self.at(
            self.now + SimDuration::ms(ms),
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::Pulled {
                    c,
                    gen,
                    ok,
                    since: self.now,
                },
            },
        );
    }

    fn pull_allowed(&self, image: &str) -> bool {
        if self.faults.broken_images.contains(image) {
            return false;
        }
        self.faults.ok_images.contains(image) || images::lookup(image).is_ok()
    }

    pub(crate) fn kubelet_pulled(
        &mut self,
        uid: &str,
        c: Cref,
        gen: u64,
        ok: bool,
        since: SimTime,
    ) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        if rt.stage != Stage::Active || rt.ctr(c).is_none_or(|x| x.gen != gen) {
            return;
        }
        let node = rt.node.clone();
        let image = rt.ctr(c).map(|x| x.image.clone()).unwrap_or_default();
        let r = ImageRef::parse(&image);
        // A pull that was fine when it began can still be broken now.
        let ok = ok && self.pull_allowed(&image);
        if !ok {
            let err = if self.faults.broken_images.contains(image.as_str()) {
                images::PullError::Broken
            } else {
                images::lookup(&image)
                    .err()
                    .unwrap_or(images::PullError::Broken)
            };
            let msg = format!(
                "Failed to pull image {image:?}: {}",
                err.message(&image, &r)
            );
            self.kubelet_event(uid, Some(c), "Warning", "Failed", msg.clone());
            self.kubelet_event(
                uid,
                Some(c),
                "Warning",
                "Failed",
                "Error: ErrImagePull".into(),
            );
            let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
                return;
            };
            ct.state = CState::Waiting {
                reason: "ErrImagePull".into(),
                message: msg.into(),
            };
            ct.pull_backoff = next_backoff(ct.pull_backoff);
            let wait = ct.pull_backoff;
            self.write_pod_status(uid);
            let show = self.rng.range(500, 1500);
            self.at(
                self.now + SimDuration::ms(show),
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::BackOff { c, gen, secs: wait },
                },
            );
            self.at(
                self.now + SimDuration::secs(wait),
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::PullRetry { c, gen },
                },
            );
            return;
        }
        let size = images::lookup(&image).map(|s| s.size).unwrap_or(10_000_000);
        // The time since the Pulling event: pulls here do not queue, so it
        // is also the time "including waiting". (The draw below once made
        // that figure up; it stays so that the seeded stream, and with it
        // every later IP, placement and uid, is what it was.)
        let _ = self.rng.range(800, 1200);
        // Go's `%v` of a `time.Duration` truncated to milliseconds:
        // `313ms`, `1.661s`, `1.7s`.
        let took = self.now.saturating_sub(since);
        self.kubelet
            .images
            .entry(node.to_string())
            .or_default()
            .insert(r.full());
        self.kubelet_event(uid, Some(c), "Normal", "Pulled", format!("Successfully pulled image {image:?} in {took} ({took} including waiting). Image size: {size} bytes."));
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            ct.pull_backoff = 0;
        }
        self.kubelet_created(uid, c, gen);
    }

    fn kubelet_created(&mut self, uid: &str, c: Cref, gen: u64) {
        if let Some(msg) = self.pod_of(uid).and_then(|p| {
            let spec = c.spec_in(&p)?;
            super::config_refs::missing_config(&self.store, &p.metadata.namespace, spec)
        }) {
            self.kubelet_config_error(uid, c, gen, msg);
            return;
        }
        let name = self
            .kubelet
            .pods
            .get(uid)
            .and_then(|r| r.ctr(c))
            .map(|x| x.name.clone())
            .unwrap_or_default();
        self.kubelet_event(
            uid,
            Some(c),
            "Normal",
            "Created",
            format!("Created container: {name}"),
        );
        self.after(
            self.config.latency.container_start,
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::Started { c, gen },
            },
        );
    }

    /// A ConfigMap or Secret the container's environment needs is missing:
    /// it is not created; the pod worker tries again after its back-off
    /// (10 s, jittered by up to half), finding the image present.
    fn kubelet_config_error(&mut self, uid: &str, c: Cref, gen: u64, msg: String) {
        self.kubelet_event(uid, Some(c), "Warning", "Failed", format!("Error: {msg}"));
        let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
            return;
        };
        ct.busy = false;
        ct.state = CState::Waiting {
            reason: RcStr::interned("CreateContainerConfigError"),
            message: msg.into(),
        };
        self.write_pod_status(uid);
        let wait = self.rng.range(10_000, 15_000);
        self.at(
            self.now + SimDuration::ms(wait),
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::PullRetry { c, gen },
            },
        );
    }

    /// The container runs: decide what its main process does, arm probes.
    pub(crate) fn kubelet_started(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(p) = self.pod_of(uid) else { return };
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        if rt.stage != Stage::Active {
            return;
        }
        let key = rt.key.clone();
        let Some(ct) = rt.ctr_mut(c) else { return };
        if ct.gen != gen {
            return;
        }
        let now = self.now;
        ct.busy = false;
        let before = std::mem::replace(&mut ct.state, CState::Running { since: now });
        ct.shown_as = None;
        ct.warm = false;
        ct.ready = false;
        let name = ct.name.clone();
        let spec_c = c.spec_in(&p).cloned().unwrap_or_default();
        ct.started = spec_c.startup_probe.is_none();
        if ct.probes.is_some() {
            self.probes_new_container(uid, c);
        }
        self.kubelet_event(
            uid,
            Some(c),
            "Normal",
            "Started",
            format!("Started container {name}"),
        );
        // The kubelet creates a missing `subPath` directory in its volume
        // when it mounts it (the MySQL tutorial mounts subPath `mysql` of a
        // fresh claim and `cd`s into it).
        for m in spec_c
            .volume_mounts
            .iter()
            .filter(|m| m.sub_path.as_deref().is_some_and(|s| !s.is_empty()))
        {
            let _ = self.container_with_tree_mut(
                &key.0,
                &key.1,
                &spec_c.name,
                &m.mount_path,
                |t, p, _| t.mkdir_p(p),
            );
        }
        let image_spec = images::lookup(&spec_c.image).ok();
        let (plan, journal) = self.journaled(FsJournal::default(), |e| {
            e.plan_main(&key, &spec_c, image_spec)
        });
        self.follow_plan(uid, c, gen, &plan, journal, image_spec, &spec_c.argv(), 0);
        let hook_ms = super::hooks::post_start(&spec_c)
            .and_then(|h| self.kubelet_post_start(uid, c, gen, &key, &spec_c, h, image_spec));
        self.arm_probes(uid, c);
        if let Some(ms) = hook_ms {
            // The start is reported, and the next container started, when
            // the hook returns (never, for a hook that hangs).
            if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                ct.shown_as = Some(before);
            }
            if ms < u64::MAX {
                self.at(
                    now + SimDuration::ms(ms),
                    Wakeup::Kubelet {
                        uid: uid.to_string(),
                        step: Step::PostStartDone { c, gen },
                    },
                );
            }
            self.write_pod_status(uid);
            return;
        }
        self.kubelet_report_start(uid, c, &spec_c);
    }

    /// A container's start is reported, and the kubelet goes on to the next
    /// container (after an init container, only when it is a sidecar, which
    /// keeps running).
    fn kubelet_report_start(
        &mut self,
        uid: &str,
        c: Cref,
        spec: &crate::engine::objects::Container,
    ) {
        self.write_pod_status(uid);
        let next = match c.kind {
            super::CKind::App => true,
            super::CKind::Init => spec.restart_policy.as_deref() == Some("Always"),
            // Ephemeral containers start on their own, beside the others.
            super::CKind::Ephemeral => false,
        };
        if next {
            self.kubelet_next(uid);
        }
    }

    /// A postStart hook returned (successfully, or it failed and the
    /// container is being killed): the start is reported and the kubelet
    /// goes on to the next container.
    pub(crate) fn kubelet_post_start_done(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(p) = self.pod_of(uid) else { return };
        let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
            return;
        };
        if ct.gen != gen || ct.shown_as.take().is_none() {
            return;
        }
        let spec = c.spec_in(&p).cloned().unwrap_or_default();
        self.kubelet_report_start(uid, c, &spec);
    }

    /// Runs a container's postStart hook (`hooks`): an exec handler in the
    /// container through the console's runner when there is one, so that
    /// what it writes is there; a hook that fails kills the container when
    /// it ends (`kubelet_post_start_failed`). Returns how long the hook
    /// holds the start (`u64::MAX`: it never returns), if it takes time.
    #[allow(clippy::too_many_arguments)]
    fn kubelet_post_start(
        &mut self,
        uid: &str,
        c: Cref,
        gen: u64,
        key: &crate::engine::store::Key,
        spec: &crate::engine::objects::Container,
        handler: &serde_json::Value,
        image: Option<&'static ImageSpec>,
    ) -> Option<u64> {
        // Right after the start only an app that is up at once (nginx)
        // answers an httpGet hook; a database still starting refuses it.
        let up_at_once = image.is_some_and(|s| s.warmup_ms <= 1000);
        // Its writes are made at their times, as a main process's are (the
        // journal holds those after its first wait).
        let (run, journal) = self.journaled(FsJournal::default(), |e| {
            e.kubelet_run_hook(key, spec, handler, image, up_at_once, MAX_WAIT)
        });
        let times = self.defer_writes(uid, c, journal);
        self.wake_for_writes(uid, c, gen, &times);
        // A hook still running: the kubelet would wait for it for ever.
        let Some(run) = run else {
            return Some(u64::MAX);
        };
        if run.failed {
            self.at(
                self.now + SimDuration::ms(run.ms),
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::PostStartFailed { c, gen },
                },
            );
        }
        (run.ms > 0).then_some(run.ms)
    }

    /// Runs a lifecycle handler of a container: an exec handler in the
    /// container through the console's runner when there is one (what it
    /// writes stays, its sleeps are its time, a failing command fails it),
    /// otherwise as `hooks::run` reads it. `None`: it is still running when
    /// `budget` runs out.
    pub(super) fn kubelet_run_hook(
        &mut self,
        key: &crate::engine::store::Key,
        spec: &crate::engine::objects::Container,
        handler: &serde_json::Value,
        image: Option<&'static ImageSpec>,
        warm: bool,
        budget: SimDuration,
    ) -> Option<super::hooks::HookRun> {
        match (super::hooks::exec_command(handler), self.config.hook_runner) {
            (Some(argv), Some(runner)) if !argv.is_empty() => {
                match runner(self, key, &spec.name, &argv, budget) {
                    ProcessOutcome::Exit { code, after_ms, .. } => Some(super::hooks::HookRun {
                        ms: after_ms,
                        failed: code != 0,
                    }),
                    ProcessOutcome::Serve { .. } | ProcessOutcome::Waiting { .. } => None,
                }
            }
            _ => Some(super::hooks::run(handler, spec, image, warm)),
        }
    }

    /// A preStop hook, which the grace period cuts off (`None` from the
    /// runner: it runs past it).
    pub(super) fn kubelet_pre_stop(
        &mut self,
        key: &crate::engine::store::Key,
        spec: &crate::engine::objects::Container,
        image: Option<&'static ImageSpec>,
        warm: bool,
        grace: u64,
    ) -> Option<super::hooks::HookRun> {
        let handler = super::hooks::pre_stop(spec)?.clone();
        let budget = SimDuration::secs(grace.saturating_add(1));
        Some(
            self.kubelet_run_hook(key, spec, &handler, image, warm, budget)
                .unwrap_or(super::hooks::HookRun {
                    ms: u64::MAX,
                    failed: false,
                }),
        )
    }

    /// A postStart hook failed: the kubelet reports it (without the error,
    /// which could hold secrets) and kills the container (`killContainer`
    /// with reason FailedPostStartHook: its preStop hook, SIGTERM, SIGKILL
    /// at the end of the grace period); it is then restarted as after a
    /// crash.
    pub(crate) fn kubelet_post_start_failed(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(p) = self.pod_of(uid) else { return };
        let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
            return;
        };
        if ct.gen != gen || !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        let warm = ct.warm;
        let Some(spec) = c.spec_in(&p).cloned() else {
            return;
        };
        self.kubelet_post_start_done(uid, c, gen);
        for (type_, reason, message) in [
            ("Warning", "FailedPostStartHook", "PostStartHook failed"),
            ("Normal", "Killing", "FailedPostStartHook"),
        ] {
            self.kubelet_event(uid, Some(c), type_, reason, message.to_string());
        }
        let grace = p.spec.termination_grace_period_seconds.unwrap_or(30).max(0) as u64;
        self.kubelet_kill_container(uid, c, gen, &spec, grace, warm);
    }

    /// `killContainer` for a container whose Pod goes on (a liveness or
    /// startup failure, a failed postStart hook): its preStop hook, then
    /// SIGTERM, then SIGKILL when `grace` runs out; the container then
    /// exits, 0 or 137, and is restarted as after a crash. No more probe
    /// results count for this instance meanwhile.
    pub(super) fn kubelet_kill_container(
        &mut self,
        uid: &str,
        c: Cref,
        gen: u64,
        spec: &crate::engine::objects::Container,
        grace: u64,
        warm: bool,
    ) {
        let image = super::spec_for(&spec.image);
        let key = match self.kubelet.pods.get(uid) {
            Some(rt) => rt.key.clone(),
            None => return,
        };
        let hook = self.kubelet_pre_stop(&key, spec, image, warm, grace);
        let s = self.config.latency.graceful_stop;
        let quick_ms = self.rng.range(s.min.as_ms(), s.max.as_ms());
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let on_term = rt.ctr_mut(c).and_then(|ct| ct.on_term.clone());
        let reply = super::hooks::term_reply(on_term.as_deref(), Some(spec), image);
        let (after, killed) = super::hooks::stop_after(
            grace,
            hook,
            reply.stops,
            quick_ms.saturating_add(reply.after_ms),
        );
        let now = self.now;
        let pod_gen = rt.gen;
        if let Some(ct) = rt.ctr_mut(c) {
            ct.pgen += 1;
            // What the trap's action prints, as the signal arrives.
            for line in reply.log.lines() {
                ct.log_line(now, line);
            }
        }
        if let Some(after) = hook.and_then(|h| h.failure_reported(grace)) {
            self.at(
                self.now + after,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::HookFailed { c, gen: pod_gen },
                },
            );
        }
        self.at(
            self.now + after,
            Wakeup::Kubelet {
                uid: uid.to_string(),
                step: Step::Exit {
                    c,
                    gen,
                    code: if killed { 137 } else { reply.code },
                },
            },
        );
    }

    /// Carries out a main process's plan from now: its writes and log lines
    /// at their times, then its warm-up, its exit or its next look
    /// (`poll`). `reruns` counts how often a waiting script was run again.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn follow_plan(
        &mut self,
        uid: &str,
        c: Cref,
        gen: u64,
        plan: &Plan,
        mut journal: FsJournal,
        image_spec: Option<&'static ImageSpec>,
        argv: &[String],
        reruns: u32,
    ) {
        let now = self.now;
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            match plan {
                Plan::Wait { on_term, .. } => ct.on_term = on_term.clone().map(Box::new),
                _ => {
                    ct.poll = None;
                    ct.on_term = None;
                }
            }
        }
        let marks = std::mem::take(&mut journal.output);
        let end = journal.offset;
        // Deferred writes and log lines: one kubelet wake-up per instant.
        let mut times = self.defer_writes(uid, c, journal);
        times.extend(match &plan {
            Plan::Serve { log, .. } | Plan::Exit { log, .. } | Plan::Wait { log, .. } => {
                self.main_log(uid, c, log, &marks, end)
            }
        });
        crate::sort::sort(&mut times);
        times.dedup();
        self.wake_for_writes(uid, c, gen, &times);
        let uid_s = uid.to_string();
        match *plan {
            Plan::Serve { warmup, .. } => {
                let ip = self
                    .kubelet
                    .pods
                    .get(uid)
                    .map(|r| r.ip.clone())
                    .unwrap_or_default();
                // The postgres entrypoint prepares its data directory first
                // (other images pay for no lookup here: every start passes).
                let postgres_image =
                    image_spec.is_some_and(|s| s.flavor == images::Flavor::Postgres);
                let pod = if postgres_image {
                    self.pod_of(uid)
                } else {
                    None
                };
                let entrypoint = pod.and_then(|p| {
                    let spec = c.spec_in(&p)?.clone();
                    let default = spec.command.is_empty()
                        || spec.command[0].ends_with("docker-entrypoint.sh");
                    default.then(|| {
                        (
                            crate::engine::store::key(&p.metadata.namespace, &p.metadata.name),
                            spec,
                        )
                    })
                });
                let postgres =
                    entrypoint.map(|(key, spec)| super::initdb::postgres_start(self, &key, &spec));
                let start_log: &[&str] = match &postgres {
                    Some(lines) => lines,
                    None => image_spec.map(|s| s.start_log).unwrap_or(&[]),
                };
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.warm_at = Some(now + SimDuration::ms(warmup));
                    for l in start_log {
                        let l = l.replace("{apache-time}", &now.apache());
                        ct.log_line(now, &l.replace("{pod-ip}", &ip));
                    }
                }
                self.at(
                    now + SimDuration::ms(warmup),
                    Wakeup::Kubelet {
                        uid: uid_s,
                        step: Step::Warm { c, gen },
                    },
                );
            }
            Plan::Exit { after, code, .. } => {
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.warm_at = None;
                }
                self.at(
                    now + SimDuration::ms(after),
                    Wakeup::Kubelet {
                        uid: uid_s,
                        step: Step::Exit { c, gen, code },
                    },
                );
            }
            Plan::Wait { ref log, .. } => {
                if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
                    ct.warm_at = None;
                }
                self.poll_arm(uid, c, gen, argv, log, &marks, now + end, reruns);
            }
        }
    }

    /// The variable names a container's `envFrom` gives (each ConfigMap's
    /// or Secret's keys behind the source's prefix), so an entrypoint that
    /// insists on `POSTGRES_PASSWORD` finds it in a Secret listed there.
    fn env_from_names(&self, ns: &str, c: &crate::engine::objects::Container) -> Vec<String> {
        let Some(serde_json::Value::Array(items)) = c.extra.get("envFrom") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let prefix = item.get("prefix").and_then(|p| p.as_str()).unwrap_or("");
            let name = |k: &str| item.get(k)?.get("name")?.as_str();
            let keys: Vec<&String> = if let Some(n) = name("configMapRef") {
                self.store()
                    .config_maps
                    .get(ns, n)
                    .map(|cm| cm.data.keys().collect())
                    .unwrap_or_default()
            } else if let Some(n) = name("secretRef") {
                self.store()
                    .secrets
                    .get(ns, n)
                    .map(|sec| sec.data.keys().collect())
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            out.extend(keys.into_iter().map(|k| format!("{prefix}{k}")));
        }
        out
    }

    /// What the main process will do (see `Plan`).
    fn plan_main(
        &mut self,
        key: &crate::engine::store::Key,
        c: &crate::engine::objects::Container,
        spec: Option<&'static ImageSpec>,
    ) -> Plan {
        let jitter = (key.1.len() as u64 * 37) % 500;
        if self.faults.pod(key).crash {
            return Plan::Exit {
                after: 800 + jitter,
                code: 1,
                log: "fatal error: the process crashed (sim fail crash)".into(),
            };
        }
        // The image's entrypoint script insists on its environment; a
        // `command:` replaces the entrypoint (the MySQL tutorial's init
        // containers run `bash -c …` in the mysql image), so nothing checks.
        // Its entrypoint checks only when it starts the server: with no
        // arguments, options (`--character-set-server=…`) or the server
        // itself; other arguments (`mysql -h …`) it just runs.
        let starts_server = c
            .args
            .first()
            .is_none_or(|a| a.starts_with('-') || serves_forever(std::slice::from_ref(a)));
        if let Some(s) = spec.filter(|_| c.command.is_empty() && starts_server) {
            if !s.requires_env.is_empty()
                && !c
                    .env
                    .iter()
                    .any(|e| s.requires_env.contains(&e.name.as_str()))
                && !self
                    .env_from_names(&key.0, c)
                    .iter()
                    .any(|n| s.requires_env.contains(&n.as_str()))
            {
                return Plan::Exit {
                    after: 400 + jitter,
                    code: 1,
                    log: s.missing_env_log.to_string(),
                };
            }
        }
        let warmup = spec.map_or(0, |s| s.warmup_ms);
        let argv = c.argv();
        if argv.is_empty()
            && c.extra.get("stdin") == Some(&serde_json::Value::Bool(true))
            && spec.is_some_and(|s| !s.long_running)
        {
            // An image whose default command is a shell, run with stdin attached.
            return Plan::Serve {
                warmup: 0,
                log: String::new(),
            };
        }
        if argv.is_empty() {
            return match spec {
                Some(s) if !s.long_running => Plan::Exit {
                    after: 50,
                    code: 0,
                    log: String::new(),
                },
                _ => Plan::Serve {
                    warmup,
                    log: String::new(),
                },
            };
        }
        let text = argv.join(" ");
        let shells = ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"];
        if c.extra.get("stdin") == Some(&serde_json::Value::Bool(true))
            && argv.len() == 1
            && shells.contains(&argv[0].as_str())
        {
            // `kubectl run -it … -- sh`: a shell reading its attached stdin.
            return Plan::Serve {
                warmup: 0,
                log: String::new(),
            };
        }
        // A shell script is run, not guessed at: its `[[ … ]] || exit 1`
        // decides its status only when it runs (the MySQL tutorial's init
        // containers), and a server it ends in (`exec ncat --listen …`)
        // makes it serve.
        let script = shells.contains(&argv[0].as_str()) && argv.iter().any(|a| a == "-c");
        // An endless loop that waits (`while true; do echo "$i: $(date)";
        // sleep 1; done`, the logging tutorial's counter) is run too: it
        // waits until its budget or the shell's loop limit ends the run, and
        // the kubelet carries its log on from there (`poll`).
        if let (true, Some(run)) = (script, self.config.process_runner) {
            return Plan::from_outcome(run(self, key, &c.name, &argv, MAX_WAIT), warmup);
        }
        // A client a server image ships (`kubectl run mysql-client
        // --image=mysql:5.7 -- mysql -h mysql-0.mysql -e …`) runs once.
        let client = argv[0]
            .rsplit('/')
            .next()
            .is_some_and(|p| CLIENTS.contains(&p));
        if let (true, Some(run)) = (client, self.config.process_runner) {
            return match run(self, key, &c.name, &argv, MAX_WAIT) {
                ProcessOutcome::Waiting { log, .. } => Plan::Serve { warmup, log },
                outcome => Plan::from_outcome(outcome, warmup),
            };
        }
        if runs_forever(&text) {
            return Plan::Serve {
                warmup,
                log: String::new(),
            };
        }
        // What the command prints before its `exit N` or `sleep N` goes to
        // the log (`sh -c 'echo run; exit 1'`); the exit code and timing
        // stay the ones read from the command.
        // A command of only sleeps and exits prints nothing: no need to run
        // it (the runner works on a copy of the whole engine).
        let quiet = silent(&argv);
        // It runs on a scratch copy: only its output is wanted here.
        let printed = |engine: &Engine| {
            let Some(run) = engine.config.process_runner.filter(|_| !quiet) else {
                return String::new();
            };
            let mut scratch = engine.clone();
            match run(&mut scratch, key, &c.name, &argv, MAX_WAIT) {
                ProcessOutcome::Exit { log, .. }
                | ProcessOutcome::Serve { log }
                | ProcessOutcome::Waiting { log, .. } => log,
            }
        };
        if let Some(code) = exit_code(&text) {
            return Plan::Exit {
                after: 50,
                code,
                log: printed(self),
            };
        }
        if let Some(secs) = sleep_seconds(&text) {
            return Plan::Exit {
                after: secs * 1000,
                code: 0,
                log: printed(self),
            };
        }
        // A server image told to run another program (`kubectl run c
        // --image=nginx:alpine -- curl …`: the arguments replace the image's
        // CMD, and its entrypoint script `exec`s whatever is not its
        // server) runs that program below.
        let passes_through = spec.is_some_and(|s| s.flavor.entrypoint_runs_other_programs());
        if (starts_server || !passes_through || !c.command.is_empty())
            && spec.is_some_and(|s| {
                s.long_running
                    && s.flavor != images::Flavor::Busybox
                    && s.flavor != images::Flavor::Dnsutils
                    && s.flavor != images::Flavor::Tool
            })
        {
            return Plan::Serve {
                warmup,
                log: String::new(),
            };
        }
        match self.config.process_runner {
            // A program that is not a script cannot loop: one still waiting
            // (`ping web-0.nginx`) goes on as it is.
            Some(run) => match run(self, key, &c.name, &argv, MAX_WAIT) {
                ProcessOutcome::Serve { log } | ProcessOutcome::Waiting { log, .. } => {
                    Plan::Serve { warmup, log }
                }
                ProcessOutcome::Exit { code, log, .. } => Plan::Exit {
                    after: 100,
                    code,
                    log,
                },
            },
            None => Plan::Exit {
                after: 100,
                code: 0,
                log: String::new(),
            },
        }
    }

    /// Runs `f` with `journal` recording the container writes it makes
    /// after its waits (`containerfs::FsJournal`); returns that journal.
    pub(super) fn journaled<T>(
        &mut self,
        journal: FsJournal,
        f: impl FnOnce(&mut Engine) -> T,
    ) -> (T, FsJournal) {
        self.journal = Some(journal);
        let out = f(self);
        (out, self.journal.take().unwrap_or_default())
    }

    /// What the main process wrote after a wait is taken back and made
    /// again at its time (`containerfs::FsJournal`). Returns those times.
    fn defer_writes(&mut self, uid: &str, c: Cref, journal: FsJournal) -> Vec<SimTime> {
        if journal.changes.is_empty() {
            return Vec::new();
        }
        for ch in journal.changes.iter().rev() {
            if let Some(t) = self.tree_mut(&ch.tree) {
                t.apply(&ch.undo);
            }
        }
        let now = self.now;
        let mut times: Vec<SimTime> = Vec::new();
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            for ch in journal.changes {
                let at = now + ch.at;
                if times.last() != Some(&at) {
                    times.push(at);
                }
                ct.pending_writes.push((at, ch.tree, ch.redo));
            }
        }
        times
    }

    /// The main process's log: each line at the time the process printed
    /// it. `marks` say how many bytes it had printed when each wait began
    /// (`FsJournal::output`); what follows the last one came at `end`.
    /// Returns the times of the lines still to come.
    fn main_log(
        &mut self,
        uid: &str,
        c: Cref,
        log: &str,
        marks: &[(SimDuration, usize)],
        end: SimDuration,
    ) -> Vec<SimTime> {
        let now = self.now;
        let mut later: Vec<(SimTime, String)> = Vec::new();
        let mut pos = 0usize;
        for line in log.split_inclusive('\n') {
            pos += line.len();
            let at = marks
                .iter()
                .find(|(_, bytes)| *bytes >= pos)
                .map_or(end, |(at, _)| *at);
            let text = line.strip_suffix('\n').unwrap_or(line).to_string();
            later.push((now + at, text));
        }
        let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
            return Vec::new();
        };
        let mut times: Vec<SimTime> = Vec::new();
        for (at, text) in later {
            if at <= now {
                ct.log_line(now, &text);
            } else {
                if times.last() != Some(&at) {
                    times.push(at);
                }
                ct.pending_logs.push((at, text));
            }
        }
        times
    }

    /// Wakes the kubelet at each time a deferred write or log line is due.
    fn wake_for_writes(&mut self, uid: &str, c: Cref, gen: u64, times: &[SimTime]) {
        for &at in times {
            self.at(
                at,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Writes { c, gen },
                },
            );
        }
    }

    /// The main process's log lines and writes that are due happen; after
    /// a write, probes look again.
    pub(crate) fn kubelet_writes(&mut self, uid: &str, c: Cref, gen: u64) {
        let now = self.now;
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let key = rt.key.clone();
        let Some(ct) = rt.ctr_mut(c) else { return };
        if ct.gen != gen || !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        let split = ct.pending_logs.partition_point(|(at, _)| *at <= now);
        let lines: Vec<_> = ct.pending_logs.drain(..split).collect();
        for (at, text) in lines {
            ct.log_line(at, &text);
        }
        let split = ct.pending_writes.partition_point(|(at, _, _)| *at <= now);
        let due: Vec<_> = ct.pending_writes.drain(..split).collect();
        if due.is_empty() {
            return;
        }
        for (_, tree, redo) in due {
            if let Some(t) = self.tree_mut(&tree) {
                t.apply(&redo);
            }
        }
        self.recheck_probes(&key);
    }

    /// The app answers on its ports: probes that wait for it can pass.
    pub(crate) fn kubelet_warm(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) else {
            return;
        };
        if ct.gen != gen || !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        ct.warm = true;
        self.arm_probes(uid, c);
        self.write_pod_status(uid);
    }

    /// The main process exited.
    pub(crate) fn kubelet_exit(&mut self, uid: &str, c: Cref, gen: u64, code: i64) {
        let Some(p) = self.pod_of(uid) else { return };
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        if rt.stage != Stage::Active {
            return;
        }
        let Some(ct) = rt.ctr_mut(c) else { return };
        // Stale, or already over (a main process that ended by itself
        // while the kubelet was stopping it).
        if ct.gen != gen || !matches!(ct.state, CState::Running { .. }) {
            return;
        }
        if ct.probes.is_some() {
            self.probes_stopped(uid, c);
        }
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        let Some(ct) = rt.ctr_mut(c) else { return };
        let now = self.now;
        let started = match ct.state {
            CState::Running { since } => since,
            _ => now,
        };
        let reason = if code == 0 { "Completed" } else { "Error" };
        ct.state = CState::Terminated {
            code,
            reason: reason.into(),
            started,
            finished: now,
        };
        ct.ready = false;
        ct.warm = false;
        ct.pgen += 1;
        let killed_for_probe = std::mem::take(&mut ct.killed_for_probe);
        // Ten minutes of good running resets the back-off (R11.6).
        if now.saturating_sub(started) >= SimDuration::secs(600) {
            ct.backoff = 0;
        }
        let policy = p
            .spec
            .restart_policy
            .clone()
            .unwrap_or_else(|| "Always".into());
        if c.is_ephemeral() {
            // Never restarted, and no part of the Pod's phase: it stays
            // terminated (the status validation treats ephemeral
            // containers as `restartPolicy: Never`).
            self.write_pod_status(uid);
            return;
        }
        let restart = if c.is_init() {
            ct.sidecar || (code != 0 && policy != "Never")
        } else {
            policy == "Always" || (policy == "OnFailure" && code != 0)
        };
        let init_ok = c.is_init() && code == 0 && !ct.sidecar;
        if init_ok {
            self.write_pod_status(uid);
            self.kubelet_next(uid);
            return;
        }
        if restart {
            // `doBackOff` (R11.6): with no back-off on record (the first
            // exit, or the first after ten minutes of good running) the
            // kubelet starts the container again as soon as its next sync
            // sees the exit, and records a back-off of 10 s; each later
            // exit waits the back-off on record (CrashLoopBackOff), which
            // doubles each time up to 5 min.
            let wait = ct.backoff;
            ct.backoff = next_backoff(ct.backoff);
            // A probe kill restarted at once shows no status of its own.
            if !(killed_for_probe && wait == 0) {
                self.write_pod_status(uid);
            }
            let show = SimDuration::ms(self.rng.range(400, 1200));
            let restart_at = if wait == 0 {
                now + show
            } else {
                self.at(
                    now + show,
                    Wakeup::Kubelet {
                        uid: uid.to_string(),
                        step: Step::BackOff { c, gen, secs: wait },
                    },
                );
                now + SimDuration::secs(wait)
            };
            self.at(
                restart_at,
                Wakeup::Kubelet {
                    uid: uid.to_string(),
                    step: Step::Restart { c, gen },
                },
            );
            return;
        }
        // No restart: when every app container has terminated, the Pod is done.
        let all_done = rt
            .ctrs
            .iter()
            .all(|x| matches!(x.state, CState::Terminated { .. }));
        if c.is_init() || all_done {
            let failed = c.is_init()
                || rt
                    .ctrs
                    .iter()
                    .any(|x| matches!(x.state, CState::Terminated { code, .. } if code != 0));
            let phase = if failed { "Failed" } else { "Succeeded" };
            rt.terminal = Some((phase.into(), String::new(), String::new()));
            rt.stage = super::Stage::Stopped;
        }
        self.write_pod_status(uid);
    }

    /// After a failed pull or a crash, the container waits in back-off.
    pub(crate) fn kubelet_backoff_shown(&mut self, uid: &str, c: Cref, gen: u64, secs: u64) {
        let Some(rt) = self.kubelet.pods.get(uid) else {
            return;
        };
        let pod = format!("{}_{}({uid})", rt.key.1, rt.key.0);
        let Some(ct) = rt.ctr(c) else { return };
        if ct.gen != gen || rt.stage != Stage::Active {
            return;
        }
        let name = ct.name.clone();
        let image = ct.image.clone();
        let (reason, message, event) = match &ct.state {
            CState::Waiting { reason, .. } if reason == "ErrImagePull" => (
                "ImagePullBackOff".to_string(),
                format!(
                    "Back-off pulling image {image:?}: ErrImagePull: {}",
                    images::lookup(&image)
                        .err()
                        .map(|e| e.message(&image, &ImageRef::parse(&image)))
                        .unwrap_or_default()
                ),
                format!("Back-off pulling image {image:?}"),
            ),
            CState::Terminated { .. } => (
                "CrashLoopBackOff".to_string(),
                format!(
                    "back-off {}s restarting failed container={name} pod={pod}",
                    secs.max(10)
                ),
                format!("Back-off restarting failed container {name} in pod {pod}"),
            ),
            _ => return,
        };
        let terminated = matches!(ct.state, CState::Terminated { .. });
        if let Some(ct) = self.kubelet.pods.get_mut(uid).and_then(|r| r.ctr_mut(c)) {
            if terminated {
                ct.last = Some(ct.state.clone());
                ct.last_instance = ct.restarts;
            }
            ct.state = CState::Waiting {
                reason: RcStr::interned(&reason),
                message: message.into(),
            };
        }
        self.kubelet_event(
            uid,
            Some(c),
            if reason == "ImagePullBackOff" {
                "Normal"
            } else {
                "Warning"
            },
            "BackOff",
            event,
        );
        if reason == "ImagePullBackOff" {
            self.kubelet_event(
                uid,
                Some(c),
                "Warning",
                "Failed",
                "Error: ImagePullBackOff".into(),
            );
        }
        self.write_pod_status(uid);
    }

    /// The back-off is over: a new container replaces the old one.
    pub(crate) fn kubelet_restart(&mut self, uid: &str, c: Cref, gen: u64) {
        let Some(rt) = self.kubelet.pods.get_mut(uid) else {
            return;
        };
        if rt.stage != Stage::Active {
            return;
        }
        let Some(ct) = rt.ctr_mut(c) else { return };
        if ct.gen != gen {
            return;
        }
        if let CState::Terminated { .. } = ct.state {
            ct.last = Some(ct.state.clone());
            ct.last_instance = ct.restarts;
        }
        ct.restarts += 1;
        ct.gen += 1;
        ct.pgen += 1;
        ct.layer = crate::engine::volumes::FileTree::new();
        ct.seeded = false;
        ct.pending_writes.clear();
        ct.pending_logs.clear();
        ct.busy = true;
        ct.state = CState::Waiting {
            reason: RcStr::interned("ContainerCreating"),
            message: RcStr::default(),
        };
        let gen = ct.gen;
        let image = ct.image.clone();
        // `EnsureImageExists` runs for every container start: with
        // `imagePullPolicy: Always` (the default for `:latest` and untagged
        // images) each restart pulls again ("Pulling", then "Successfully
        // pulled … in 4xxms"), as crash-looping busybox Pods show in
        // `describe`; only the other policies find the image on the node.
        let always = self
            .pod_of(uid)
            .and_then(|p| c.spec_in(&p).and_then(|s| s.image_pull_policy.clone()))
            .is_some_and(|p| p == "Always");
        if always {
            self.kubelet_pull(uid, c, gen);
            return;
        }
        self.kubelet_event(
            uid,
            Some(c),
            "Normal",
            "Pulled",
            format!("Container image {image:?} already present on machine"),
        );
        self.kubelet_created(uid, c, gen);
    }

    /// `pkill` of the main process, or a liveness kill: the container exits
    /// and the kubelet restarts it.
    pub(crate) fn kubelet_kill_main(
        &mut self,
        k: &crate::engine::store::Key,
        container: Option<&str>,
        code: i64,
    ) {
        let Some(uid) = self.kubelet.by_key.get(k).cloned() else {
            return;
        };
        let Some(rt) = self.kubelet.pods.get(&uid) else {
            return;
        };
        let cref = match container {
            Some(n) => rt.find(n),
            None => (!rt.ctrs.is_empty()).then_some(Cref::app(0)),
        };
        let Some(c) = cref else { return };
        let Some(ct) = rt.ctr(c) else { return };
        if matches!(ct.state, CState::Running { .. }) {
            let gen = ct.gen;
            self.kubelet_exit(&uid, c, gen, code);
        }
    }

    /// `sim image ok`: Pods stuck on that image retry at once.
    pub(crate) fn kubelet_image_fixed(&mut self, image: &str) {
        let mut retry = Vec::new();
        for (uid, rt) in &self.kubelet.pods {
            for (kind, list) in [
                (super::CKind::Init, &rt.inits),
                (super::CKind::App, &rt.ctrs),
                (super::CKind::Ephemeral, &rt.eph),
            ] {
                for (idx, ct) in list.iter().enumerate() {
                    if ct.image == image
                        && matches!(&ct.state, CState::Waiting { reason, .. } if reason == "ImagePullBackOff" || reason == "ErrImagePull")
                    {
                        retry.push((uid.clone(), Cref { kind, idx }, ct.gen));
                    }
                }
            }
        }
        for (uid, c, gen) in retry {
            self.kubelet_pull(&uid, c, gen);
        }
    }
}

/// The volume manager's wait before the next mount attempt after `failures`
/// failed ones (`nestedpendingoperations`: 500 ms, doubling, at most 2m2s).
fn mount_backoff(failures: u32) -> SimDuration {
    let ms = 500u64.saturating_mul(1 << failures.saturating_sub(1).min(10));
    SimDuration::ms(ms.min(122_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_classify() {
        assert!(runs_forever("sh -c sleep infinity"));
        assert!(runs_forever("sh -c start-zookeeper --servers=3"));
        assert!(!runs_forever("nslookup web-0.nginx"));
        assert!(!runs_forever("sh -c curl web-0.nginx"));
        assert!(runs_forever("nginx -g daemon off;"));
        assert!(runs_forever("sh -c exec /usr/sbin/nginx"));
        assert!(runs_forever("nc -lk -p 8080"));
        assert_eq!(sleep_seconds("sh -c echo hi; sleep 30"), Some(30));
        assert_eq!(sleep_seconds("sleep 2m"), Some(120));
        assert_eq!(exit_code("sh -c exit 3"), Some(3));
        let words = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(silent(&words(&["sleep", "3600"])));
        assert!(silent(&words(&["sh", "-c", "sleep 5; exit 1"])));
        assert!(!silent(&words(&["sh", "-c", "echo run; exit 1"])));
        let argv = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        // What a main process's script may end in: servers, or clients that end.
        assert!(serves_forever(&argv(
            "ncat --listen --keep-open --send-only --max-conns=1 3307 -c x"
        )));
        assert!(serves_forever(&argv("nc -lk -p 8080")));
        assert!(serves_forever(&argv("/usr/sbin/mysqld")));
        assert!(serves_forever(&argv("sleep infinity")));
        assert!(serves_forever(&argv("tail -f /dev/null")));
        assert!(!serves_forever(&argv(
            "ncat --recv-only mysql-0.mysql 3307"
        )));
        assert!(!serves_forever(&argv(
            "xtrabackup --prepare --target-dir=/x"
        )));
        assert!(!serves_forever(&argv("sleep 30")));
        assert!(!serves_forever(&argv("tail -n 3 /etc/hosts")));
        // Interpreters serve when they run an app, not a one-liner.
        assert!(serves_forever(&argv("python3 -m http.server 8000")));
        assert!(serves_forever(&argv("node server.js")));
        assert!(!serves_forever(&argv("python3 -c print(1)")));
        assert!(!serves_forever(&argv("node --version")));
        assert!(runs_forever("python3 app.py"));
        assert!(runs_forever("sh -c cd /srv && python -m http.server"));
        assert!(!runs_forever("python3 -c \"print(1)\""));
        assert!(!runs_forever("sh -c node -e 'console.log(1)'"));
        assert_eq!(next_backoff(0), 10);
        assert_eq!(next_backoff(160), 300);
        assert_eq!(next_backoff(300), 300);
    }
}
