//! The engine's narration in plain words: Kubernetes Events, the
//! StatefulSet controller's "waiting for …" moments, Pod status changes and
//! object lifecycles, each as a sentence in the page's language with the
//! objects it names as links. The original reason and message stay
//! attached (kubectl's English) for those who want them.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::i18n::{Lang, Msg};
use super::session::Logged;
use crate::engine::objects::Kind;
use crate::engine::{ObjRef, SimEventKind, SimTime, WaitReason};

/// A piece of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Text(String),
    /// An object: its selection id and the name shown.
    Obj {
        id: String,
        name: String,
    },
    /// Literal text from the cluster (a status, an image): never translated.
    Code(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Normal,
    Warning,
    Waiting,
    Status,
}

impl LineKind {
    pub fn class(self) -> &'static str {
        match self {
            LineKind::Normal => "is-normal",
            LineKind::Warning => "is-warning",
            LineKind::Waiting => "is-waiting",
            LineKind::Status => "is-status",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub id: u64,
    pub at: SimTime,
    pub kind: LineKind,
    pub segs: Vec<Seg>,
    /// `Reason: message` as Kubernetes recorded it.
    pub raw: Option<String>,
}

impl Line {
    pub fn text(&self) -> String {
        self.segs
            .iter()
            .map(|s| match s {
                Seg::Text(t) | Seg::Code(t) => t.as_str(),
                Seg::Obj { name, .. } => name.as_str(),
            })
            .collect()
    }
}

pub fn kind_prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Pod => "pod",
        Kind::StatefulSet => "sts",
        Kind::Service => "svc",
        Kind::PersistentVolumeClaim => "pvc",
        Kind::PersistentVolume => "pv",
        Kind::Node => "node",
        Kind::EndpointSlice => "endpointslice",
        Kind::ControllerRevision => "controllerrevision",
        _ => "object",
    }
}

fn kind_word(kind: Kind) -> Msg {
    match kind {
        Kind::Pod => Msg::KindPod,
        Kind::StatefulSet => Msg::KindStatefulSet,
        Kind::Service => Msg::KindService,
        Kind::PersistentVolumeClaim => Msg::KindClaim,
        Kind::PersistentVolume => Msg::KindVolume,
        Kind::Node => Msg::KindNode,
        Kind::EndpointSlice => Msg::KindEndpointSlice,
        Kind::ControllerRevision => Msg::KindRevision,
        _ => Msg::KindObject,
    }
}

fn obj(kind: &str, name: &str) -> Seg {
    Seg::Obj {
        id: format!("{kind}/{name}"),
        name: name.to_string(),
    }
}

fn oref(o: &ObjRef) -> Seg {
    obj(kind_prefix(o.kind), &o.name)
}

/// Fills a template's `{n}` with segments.
pub fn segs(lang: Lang, m: Msg, args: Vec<Seg>) -> Vec<Seg> {
    let template = lang.t(m);
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let Some((j, n)) = after
            .find('}')
            .and_then(|j| after[..j].parse::<usize>().ok().map(|n| (j, n)))
        else {
            break;
        };
        if i > 0 {
            out.push(Seg::Text(rest[..i].to_string()));
        }
        if let Some(a) = args.get(n) {
            out.push(a.clone());
        }
        rest = &after[j + 1..];
    }
    if !rest.is_empty() {
        out.push(Seg::Text(rest.to_string()));
    }
    out
}

fn quoted(message: &str) -> Option<&str> {
    let a = message.find('"')?;
    let b = message[a + 1..].find('"')?;
    Some(&message[a + 1..a + 1 + b])
}

/// The word after `word` in `message`.
fn after<'a>(message: &'a str, word: &str) -> Option<&'a str> {
    let mut it = message.split_whitespace();
    it.by_ref().find(|w| *w == word)?;
    it.next()
}

/// Why the kubelet could not pull `image`, from containerd's words in the
/// `Failed` Event. A versioned tag of `docker.io/bitnami/*` is the common
/// case since Bitnami kept only `latest` there (September 2025): the
/// narration points at `docker.io/bitnamilegacy`.
fn pull_failure(image: &str, message: &str) -> Msg {
    let repository = crate::engine::images::ImageRef::parse(image).repository;
    let latest_only = matches!(
        crate::engine::images::bitnami_catalogue(&repository),
        Some((crate::engine::images::BitnamiCatalogue::LatestOnly, _))
    );
    if message.ends_with(": not found") && latest_only {
        Msg::NPullBitnami
    } else if message.ends_with(": not found") {
        Msg::NPullNotFound
    } else if message.contains("repository does not exist") {
        Msg::NPullNoRepository
    } else {
        Msg::NPullFailed
    }
}

/// One narration line, or None for events the log leaves out.
pub fn line(lang: Lang, l: &Logged) -> Option<Line> {
    let ev = &l.event;
    let mut raw = None;
    let (kind, segs) = match &ev.kind {
        SimEventKind::Recorded {
            type_,
            reason,
            object,
            message,
            count,
            ..
        } => {
            raw = Some(if *count > 1 {
                format!("{reason}: {message} (x{count})")
            } else {
                format!("{reason}: {message}")
            });
            let warn = type_ == "Warning";
            let o = oref(object);
            let s = |m: Msg, args: Vec<Seg>| segs(lang, m, args);
            let segs = match reason.as_str() {
                "SuccessfulCreate" if message.starts_with("create Claim") => s(
                    Msg::NSetCreatedClaim,
                    vec![
                        o,
                        obj("pvc", after(message, "Claim").unwrap_or("")),
                        obj("pod", after(message, "Pod").unwrap_or("")),
                    ],
                ),
                "SuccessfulCreate" => s(
                    Msg::NSetCreatedPod,
                    vec![o, obj("pod", after(message, "Pod").unwrap_or(""))],
                ),
                "SuccessfulDelete" => s(
                    Msg::NSetDeletedPod,
                    vec![o, obj("pod", after(message, "Pod").unwrap_or(""))],
                ),
                "FailedCreate" => {
                    let target = after(message, "Pod")
                        .map(|p| obj("pod", p))
                        .or_else(|| after(message, "Claim").map(|c| obj("pvc", c)))
                        .unwrap_or(Seg::Text(String::new()));
                    s(Msg::NSetFailedCreate, vec![o, target])
                }
                "Scheduled" => s(
                    Msg::NScheduled,
                    vec![
                        o,
                        obj("node", message.split_whitespace().last().unwrap_or("")),
                    ],
                ),
                "FailedScheduling" => s(Msg::NFailedScheduling, vec![o]),
                "Pulling" => s(
                    Msg::NPulling,
                    vec![o, Seg::Code(quoted(message).unwrap_or("").to_string())],
                ),
                "Pulled" => s(
                    Msg::NPulled,
                    vec![o, Seg::Code(quoted(message).unwrap_or("").to_string())],
                ),
                "Created" => s(Msg::NCreatedContainer, vec![o]),
                "Started" => s(Msg::NStarted, vec![o]),
                "Killing" => s(Msg::NKilling, vec![o]),
                "Unhealthy" => s(Msg::NUnhealthy, vec![o]),
                // The kubelet says `BackOff` for both back-offs: an image it
                // cannot pull and a container that keeps exiting.
                "BackOff" if message.starts_with("Back-off pulling image") => s(
                    Msg::NPullBackOff,
                    vec![o, Seg::Code(quoted(message).unwrap_or("").to_string())],
                ),
                "BackOff" => s(Msg::NBackOff, vec![o]),
                "Failed" if message.starts_with("Failed to pull image") => {
                    let image = quoted(message).unwrap_or("");
                    s(
                        pull_failure(image, message),
                        vec![o, Seg::Code(image.to_string())],
                    )
                }
                "Failed" => match message.strip_prefix("Error: ") {
                    Some(why) => s(Msg::NContainerError, vec![o, Seg::Code(why.to_string())]),
                    None => s(Msg::NOther, vec![o, Seg::Code(reason.clone())]),
                },
                "TaintManagerEviction" => s(Msg::NTaintEviction, vec![o]),
                "Evicted" => s(Msg::NEvicted, vec![o]),
                // The kubelet's admission (`OutOfcpu`, `OutOfmemory`, …,
                // `NodeAffinity`, `NodePorts`).
                r if r.starts_with("OutOf") || r == "NodePorts" || r == "NodeAffinity" => {
                    s(Msg::NRejected, vec![o, Seg::Code(reason.clone())])
                }
                // `Preempted by pod <uid> on node <node>`.
                "Preempted" => s(
                    Msg::NPreempted,
                    vec![
                        o,
                        obj("node", message.split_whitespace().last().unwrap_or("")),
                    ],
                ),
                "FailedBinding" => s(Msg::NFailedBinding, vec![o]),
                "ProvisioningFailed"
                    if message.starts_with("storageclass.storage.k8s.io \"")
                        && message.ends_with("\" not found") =>
                {
                    s(
                        Msg::NNoStorageClass,
                        vec![o, Seg::Code(quoted(message).unwrap_or("").to_string())],
                    )
                }
                "ProvisioningFailed" => s(Msg::NProvisioningFailed, vec![o]),
                "VolumeMismatch" => s(Msg::NVolumeMismatch, vec![o]),
                "FailedPostStartHook" => {
                    s(Msg::NHookFailed, vec![o, Seg::Code("postStart".into())])
                }
                "FailedPreStopHook" => s(Msg::NHookFailed, vec![o, Seg::Code("preStop".into())]),
                "FailedCreatePodSandBox" => s(Msg::NSandboxFailed, vec![o]),
                // `MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found`.
                "FailedMount" => s(
                    Msg::NMountFailed,
                    vec![o, Seg::Code(quoted(message).unwrap_or("").to_string())],
                ),
                "ConflictingController" => s(Msg::NConflictingController, vec![o]),
                "WaitForFirstConsumer" | "WaitForPodScheduled" => s(Msg::NWaitConsumer, vec![o]),
                "ExternalProvisioning" | "Provisioning" => s(Msg::NProvisioning, vec![o]),
                "ProvisioningSucceeded" => s(Msg::NProvisioned, vec![o]),
                "NodeNotReady" => s(Msg::NNodeNotReady, vec![o]),
                "NodeReady" | "RegisteredNode" => s(Msg::NNodeReady, vec![o]),
                // The HorizontalPodAutoscaler controller's: `New size: 4; reason: …`.
                "SuccessfulRescale" => s(
                    Msg::NRescaled,
                    vec![
                        o,
                        Seg::Code(
                            message
                                .strip_prefix("New size: ")
                                .and_then(|m| m.split(';').next())
                                .unwrap_or("")
                                .to_string(),
                        ),
                    ],
                ),
                "FailedGetResourceMetric" | "FailedComputeMetricsReplicas" => {
                    s(Msg::NNoMetrics, vec![o])
                }
                _ => s(Msg::NOther, vec![o, Seg::Code(reason.clone())]),
            };
            (
                if warn {
                    LineKind::Warning
                } else {
                    LineKind::Normal
                },
                segs,
            )
        }
        SimEventKind::Waiting { set, pod, reason } => {
            let set = oref(set);
            let p = obj("pod", pod);
            let (m, extra) = match reason {
                WaitReason::RunningAndReady => (Msg::NWaitReady, None),
                WaitReason::Available => (Msg::NWaitAvailable, None),
                WaitReason::Terminating => (Msg::NWaitTerminating, None),
                WaitReason::Condemned => (Msg::NWaitCondemned, None),
                WaitReason::Failed => (Msg::NWaitFailed, None),
                WaitReason::StaleClaim { claim } => (Msg::NWaitStaleClaim, Some(obj("pvc", claim))),
                WaitReason::ClaimDeleting { claim } => {
                    (Msg::NWaitClaimDeleting, Some(obj("pvc", claim)))
                }
                WaitReason::UpdateAvailable => (Msg::NWaitUpdate, None),
                WaitReason::CreateFailed { error } => {
                    (Msg::NWaitCreateFailed, Some(Seg::Code(error.clone())))
                }
            };
            let mut args = vec![set, p];
            args.extend(extra);
            (LineKind::Waiting, segs(lang, m, args))
        }
        SimEventKind::PodStatus { pod, status, ready } => (
            LineKind::Status,
            segs(
                lang,
                Msg::NPodStatus,
                vec![
                    oref(pod),
                    Seg::Code(status.clone()),
                    Seg::Code(ready.clone()),
                ],
            ),
        ),
        SimEventKind::Created(o) => {
            if !matches!(
                o.kind,
                Kind::StatefulSet | Kind::Service | Kind::ControllerRevision
            ) || !super::cluster::shown_namespace(&o.namespace)
            {
                return None;
            }
            let word = Seg::Text(lang.t(kind_word(o.kind)).to_string());
            (
                LineKind::Normal,
                segs(lang, Msg::NCreated, vec![word, oref(o)]),
            )
        }
        SimEventKind::DnsReloaded { ok: true, .. } => {
            (LineKind::Normal, segs(lang, Msg::NDnsReloaded, vec![]))
        }
        SimEventKind::DnsReloaded { ok: false, detail } => (
            LineKind::Warning,
            segs(lang, Msg::NDnsReloadFailed, vec![Seg::Code(detail.clone())]),
        ),
        SimEventKind::Deleted(o) => {
            if !matches!(
                o.kind,
                Kind::Pod
                    | Kind::StatefulSet
                    | Kind::Service
                    | Kind::PersistentVolumeClaim
                    | Kind::PersistentVolume
            ) || (o.kind != Kind::PersistentVolume
                && !super::cluster::shown_namespace(&o.namespace))
            {
                return None;
            }
            let word = Seg::Text(lang.t(kind_word(o.kind)).to_string());
            (
                LineKind::Normal,
                segs(lang, Msg::NDeleted, vec![word, oref(o)]),
            )
        }
    };
    if let SimEventKind::Recorded { object, .. } = &ev.kind {
        if object.kind != Kind::Node && !super::cluster::shown_namespace(&object.namespace) {
            return None;
        }
    }
    Some(Line {
        id: l.id,
        at: ev.at,
        kind,
        segs: capitalize(segs),
        raw,
    })
}

fn capitalize(mut segs: Vec<Seg>) -> Vec<Seg> {
    if let Some(Seg::Text(t)) = segs.first_mut() {
        let mut c = t.chars();
        if let Some(f) = c.next() {
            *t = f.to_uppercase().collect::<String>() + c.as_str();
        }
    }
    segs
}

/// The latest `limit` lines (oldest first), optionally without Pod status changes.
pub fn lines(lang: Lang, events: &[Rc<Logged>], with_status: bool, limit: usize) -> Vec<Rc<Line>> {
    Lines::default().update(lang, events, with_status, limit)
}

/// The narration, kept between updates: an event told last time keeps
/// its line (the same `Rc`, so its row is not rendered again), and only
/// new events are put into words. Events are told apart by identity (the
/// session shares them by `Rc`), not by id: after a rewind, an id may be
/// given to a different event.
#[derive(Default)]
pub struct Lines {
    lang: Option<Lang>,
    /// By the event's address; the entry holds the event, so no other
    /// event can have that address while it is here.
    told: HashMap<usize, (Rc<Logged>, Option<Rc<Line>>)>,
}

impl Lines {
    /// See `lines`.
    pub fn update(
        &mut self,
        lang: Lang,
        events: &[Rc<Logged>],
        with_status: bool,
        limit: usize,
    ) -> Vec<Rc<Line>> {
        if self.lang != Some(lang) {
            self.told.clear();
            self.lang = Some(lang);
        }
        // A repeated warning (a probe failing every period, a crash loop's
        // back-off) is one series: only its latest occurrence is told, with
        // its count. Normal events keep every occurrence: a Pod created
        // again is part of the story.
        let mut series: BTreeSet<String> = BTreeSet::new();
        let mut told = HashMap::new();
        let mut out = Vec::new();
        for l in events.iter().rev() {
            if out.len() >= limit {
                break;
            }
            if let SimEventKind::Recorded {
                type_,
                reason,
                object,
                message,
                ..
            } = &l.event.kind
            {
                if type_ == "Warning" && !series.insert(format!("{object:?}|{reason}|{message}")) {
                    continue;
                }
            }
            let key = Rc::as_ptr(l) as usize;
            let made = match self.told.remove(&key) {
                Some((_, made)) => made,
                None => line(lang, l).map(Rc::new),
            };
            if let Some(m) = &made {
                if with_status || m.kind != LineKind::Status {
                    out.push(m.clone());
                }
            }
            told.insert(key, (l.clone(), made));
        }
        self.told = told;
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimEvent;

    /// `kind`, logged as `id` at `id` seconds.
    fn logged_as(id: u64, kind: SimEventKind) -> Logged {
        Logged {
            id,
            event: SimEvent {
                at: SimTime(1000 * id),
                kind,
            },
        }
    }

    fn logged(kind: SimEventKind) -> Logged {
        logged_as(1, kind)
    }

    /// The controller's SuccessfulCreate Event for `pod`, logged as `id`.
    fn successful_create(id: u64, pod: &str, count: i64) -> std::rc::Rc<Logged> {
        std::rc::Rc::new(logged_as(
            id,
            SimEventKind::Recorded {
                type_: "Normal".into(),
                reason: "SuccessfulCreate".into(),
                object: ObjRef::new(Kind::StatefulSet, "default", "web"),
                message: format!("create Pod {pod} in StatefulSet web successful"),
                source: "statefulset-controller".into(),
                count,
            },
        ))
    }

    #[test]
    fn waiting_is_told_in_both_languages_with_links() {
        let l = logged(SimEventKind::Waiting {
            set: ObjRef::new(Kind::StatefulSet, "default", "web"),
            pod: "web-0".into(),
            reason: WaitReason::RunningAndReady,
        });
        let en = line(Lang::En, &l).unwrap();
        assert_eq!(
            en.text(),
            "web waits for web-0 to be Running and Ready before going on"
        );
        assert!(en.segs.contains(&Seg::Obj {
            id: "pod/web-0".into(),
            name: "web-0".into()
        }));
        let pt = line(Lang::Pt, &l).unwrap();
        assert_eq!(
            pt.text(),
            "web espera web-0 ficar Running e Ready antes de continuar"
        );
    }

    /// A scale down waits on each condemned Pod: told as such, not as the
    /// rolling update's "before replacing it".
    #[test]
    fn a_scale_down_wait_says_it_scales_down() {
        let mut s = crate::view_model::session::Session::new(1);
        s.perform(crate::view_model::session::Input::File {
            path: "web.yaml".into(),
            text: crate::view_model::examples::basics().yaml.into(),
        });
        s.perform(crate::view_model::session::Input::Run(
            "kubectl apply -f web.yaml".into(),
        ));
        s.tick(crate::engine::SimDuration::secs(120));
        s.perform(crate::view_model::session::Input::Run(
            "kubectl scale sts web --replicas=1 && sleep 60".into(),
        ));
        let said: Vec<String> = s
            .events()
            .iter()
            .filter(|l| matches!(l.event.kind, SimEventKind::Waiting { .. }))
            .filter_map(|l| line(Lang::En, l))
            .map(|l| l.text())
            .collect();
        assert!(
            said.iter()
                .any(|t| t
                    == "web waits for web-1 to finish terminating before scaling down further"),
            "{said:?}"
        );
        assert!(!said.iter().any(|t| t.contains("replacing")), "{said:?}");
    }

    /// The kubelet's `Failed` and `BackOff` Events of a pull are told as a
    /// pull, not as a crashing container (R11.3); a Bitnami versioned tag
    /// is told where it went.
    #[test]
    fn a_failed_pull_is_told_as_a_pull_in_both_languages() {
        let mut s = crate::view_model::session::Session::new(1);
        s.perform(crate::view_model::session::Input::Run(
            "kubectl run pg --image=bitnami/postgresql:16.4.0 && kubectl run ng --image=nginx:9.9 && sleep 40"
                .into(),
        ));
        let en = told(&s, Lang::En);
        for want in [
            "pg: image bitnami/postgresql:16.4.0 does not exist: since September 2025 Bitnami keeps only latest in docker.io/bitnami, and versioned tags are in docker.io/bitnamilegacy",
            "pg: image bitnami/postgresql:16.4.0 cannot be pulled; the kubelet waits before trying again",
            "pg: the container cannot start: ImagePullBackOff",
            "ng: image nginx:9.9 does not exist: its repository has no such tag",
        ] {
            assert!(en.iter().any(|t| t == want), "no {want:?} in {en:?}");
        }
        assert!(!en.iter().any(|t| t.contains("crashing")), "{en:?}");
        let pt = told(&s, Lang::Pt);
        assert!(
            pt.iter().any(|t| t
                == "pg: a imagem bitnami/postgresql:16.4.0 não pode ser baixada; o kubelet espera antes de tentar de novo"),
            "{pt:?}"
        );
    }

    /// A volume whose ConfigMap or Secret is missing is named in both
    /// languages, from the kubelet's `MountVolume.SetUp failed` message.
    #[test]
    fn a_failed_mount_names_its_volume() {
        let l = logged(SimEventKind::Recorded {
            type_: "Warning".into(),
            reason: "FailedMount".into(),
            object: ObjRef::new(Kind::Pod, "default", "web-0"),
            message: "MountVolume.SetUp failed for volume \"config\" : configmap \"web-config\" not found".into(),
            source: "kubelet".into(),
            count: 3,
        });
        assert_eq!(
            line(Lang::En, &l).unwrap().text(),
            "web-0: volume config cannot be set up, so it stays ContainerCreating"
        );
        assert_eq!(
            line(Lang::Pt, &l).unwrap().text(),
            "web-0: o volume config não pode ser montado, e o Pod fica em ContainerCreating"
        );
    }

    /// A Corefile reload, or its refusal, is told in both languages (no
    /// Kubernetes Event says it; the page would show nothing).
    #[test]
    fn a_corefile_reload_is_told() {
        let ok = logged(SimEventKind::DnsReloaded {
            ok: true,
            detail: String::new(),
        });
        assert_eq!(
            line(Lang::En, &ok).unwrap().text(),
            "CoreDNS reloaded the edited Corefile: DNS answers follow it from now on"
        );
        let bad = logged(SimEventKind::DnsReloaded {
            ok: false,
            detail: "Unknown directive 'banana'".into(),
        });
        assert_eq!(
            line(Lang::Pt, &bad).unwrap().text(),
            "O CoreDNS manteve o Corefile antigo: o editado não carrega (Unknown directive 'banana')"
        );
        assert_eq!(line(Lang::En, &bad).unwrap().kind, LineKind::Warning);
    }

    /// The Warnings a StatefulSet's Pods and claims meet are told in plain
    /// words in both languages, not as their bare reason.
    #[test]
    fn storage_node_and_hook_warnings_are_told_in_words() {
        let cases = [
            (Kind::Pod, "web-0", "TaintManagerEviction", "web-0: its node is unreachable, so the Pod is marked for deletion"),
            (Kind::Pod, "web-0", "Evicted", "web-0 was evicted by its node's kubelet"),
            (Kind::PersistentVolumeClaim, "www-web-0", "FailedBinding", "Claim www-web-0 cannot be bound: no volume matches it and no StorageClass provides one"),
            (Kind::PersistentVolumeClaim, "www-web-0", "ProvisioningFailed", "Claim www-web-0: no volume can be provisioned for it"),
            (Kind::Pod, "web-0", "FailedPreStopHook", "web-0: the preStop hook failed"),
            (Kind::Pod, "web-0", "FailedPostStartHook", "web-0: the postStart hook failed"),
            (Kind::Pod, "web-0", "FailedCreatePodSandBox", "web-0: the node could not set up the Pod's sandbox, so it stays ContainerCreating"),
        ];
        for (kind, name, reason, want) in cases {
            let l = logged(SimEventKind::Recorded {
                type_: "Warning".into(),
                reason: reason.into(),
                object: ObjRef::new(kind, "default", name),
                message: "as the component says it".into(),
                source: "kubelet".into(),
                count: 1,
            });
            assert_eq!(line(Lang::En, &l).unwrap().text(), want);
            let pt = line(Lang::Pt, &l).unwrap().text();
            assert!(!pt.contains(reason) && pt.contains(name), "{pt}");
        }
    }

    /// A Pod the kubelet turns away is told as such, with the reason.
    #[test]
    fn a_rejected_pod_is_told_with_its_reason() {
        let l = logged(SimEventKind::Recorded {
            type_: "Warning".into(),
            reason: "OutOfcpu".into(),
            object: ObjRef::new(Kind::Pod, "default", "web-1"),
            message:
                "Node didn't have enough resource: cpu, requested: 3000, used: 3100, capacity: 4000"
                    .into(),
            source: "kubelet".into(),
            count: 1,
        });
        assert_eq!(
            line(Lang::En, &l).unwrap().text(),
            "web-1: the kubelet of its node turns it away (OutOfcpu): a Pod placed with nodeName skips the scheduler's checks"
        );
        assert_eq!(
            line(Lang::Pt, &l).unwrap().text(),
            "web-1: o kubelet do nó dele o recusa (OutOfcpu): um Pod colocado com nodeName pula as verificações do scheduler"
        );
    }

    /// A Pod the scheduler preempts is told with the node it frees.
    #[test]
    fn a_preempted_pod_is_told_with_its_node() {
        let l = logged(SimEventKind::Recorded {
            type_: "Normal".into(),
            reason: "Preempted".into(),
            object: ObjRef::new(Kind::Pod, "default", "web-2"),
            message: "Preempted by pod 914cd5bb-7543-4d72-9869-51e2fde484ef on node ordinal-worker"
                .into(),
            source: "default-scheduler".into(),
            count: 1,
        });
        assert_eq!(
            line(Lang::En, &l).unwrap().text(),
            "web-2 is deleted by the scheduler to make room on ordinal-worker for a Pod of higher priority"
        );
        assert_eq!(
            line(Lang::Pt, &l).unwrap().text(),
            "web-2 é excluído pelo scheduler para abrir espaço em ordinal-worker para um Pod de prioridade maior"
        );
    }

    /// Every line the session's events are told as, in `lang`.
    fn told(s: &crate::view_model::session::Session, lang: Lang) -> Vec<String> {
        s.events()
            .iter()
            .filter_map(|l| line(lang, l))
            .map(|l| l.text())
            .collect()
    }

    /// A claim no volume can satisfy (`storageClassName: ""`, no static
    /// PV) is told as such from the volume controller's real Event (R6.7).
    #[test]
    fn an_unbindable_claim_is_told_from_the_real_event() {
        let mut s = crate::view_model::session::Session::new(1);
        s.perform(crate::view_model::session::Input::File {
            path: "pvc.yaml".into(),
            text: "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  storageClassName: \"\"\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n".into(),
        });
        s.perform(crate::view_model::session::Input::Run(
            "kubectl apply -f pvc.yaml && sleep 20".into(),
        ));
        let said = told(&s, Lang::En);
        assert!(
            said.iter().any(|t| t
                == "Claim data cannot be bound: no volume matches it and no StorageClass provides one"),
            "{said:?}"
        );
        // A claim template naming a class the cluster lacks (`gp3` copied
        // from a cloud cluster into kind).
        s.perform(crate::view_model::session::Input::Run(
            "kubectl create -f - <<'EOF'\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: cloud}\nspec:\n  storageClassName: gp3\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\nEOF\nsleep 5".into(),
        ));
        let said = told(&s, Lang::Pt);
        assert!(
            said.iter().any(
                |t| t == "O PVC cloud usa a StorageClass gp3, que não existe: ele fica Pending"
            ),
            "{said:?}"
        );
    }

    #[test]
    fn a_repeated_warning_is_told_once_with_its_count() {
        let unhealthy = |count: i64, id: u64| {
            std::rc::Rc::new(logged_as(
                id,
                SimEventKind::Recorded {
                    type_: "Warning".into(),
                    reason: "Unhealthy".into(),
                    object: ObjRef::new(Kind::Pod, "default", "web-0"),
                    message: "Readiness probe failed: HTTP probe failed with statuscode: 404"
                        .into(),
                    source: "kubelet".into(),
                    count,
                },
            ))
        };
        let created = |id: u64| successful_create(id, "web-0", id as i64);
        let events = vec![
            created(1),
            unhealthy(1, 2),
            unhealthy(2, 3),
            created(4),
            unhealthy(3, 5),
        ];
        let out = lines(Lang::En, &events, true, 100);
        let ids: Vec<u64> = out.iter().map(|l| l.id).collect();
        assert_eq!(ids, vec![1, 4, 5]);
        assert!(out[2].raw.as_deref().unwrap().ends_with("(x3)"));
    }

    #[test]
    fn lines_already_told_are_kept() {
        let created = |id: u64, pod: &str| successful_create(id, pod, 1);
        let mut events = vec![created(1, "web-0"), created(2, "web-1")];
        let mut told = Lines::default();
        let first = told.update(Lang::En, &events, true, 2);
        events.push(created(3, "web-2"));
        let second = told.update(Lang::En, &events, true, 2);
        assert_eq!(second.iter().map(|l| l.id).collect::<Vec<_>>(), [2, 3]);
        assert!(std::rc::Rc::ptr_eq(&first[1], &second[0]));
        assert_eq!(second, lines(Lang::En, &events, true, 2));
        // After a rewind, id 3 may be another event: it is told anew.
        events.pop();
        events.push(created(3, "web-7"));
        let third = told.update(Lang::En, &events, true, 2);
        assert!(third[1].text().contains("web-7"), "{:?}", third[1]);
        assert!(std::rc::Rc::ptr_eq(&first[1], &third[0]));
        // Another language tells every line again.
        let pt = told.update(Lang::Pt, &events, true, 2);
        assert_eq!(pt, lines(Lang::Pt, &events, true, 2));
        assert_ne!(pt[0].text(), third[0].text());
    }

    #[test]
    fn controller_events_name_their_objects() {
        let l = logged(SimEventKind::Recorded {
            type_: "Normal".into(),
            reason: "SuccessfulCreate".into(),
            object: ObjRef::new(Kind::StatefulSet, "default", "web"),
            message: "create Claim www-web-0 Pod web-0 in StatefulSet web success".into(),
            source: "statefulset-controller".into(),
            count: 1,
        });
        let pt = line(Lang::Pt, &l).unwrap();
        assert_eq!(pt.text(), "web criou o PVC www-web-0 para o Pod web-0");
        assert!(pt.raw.unwrap().starts_with("SuccessfulCreate"));
    }

    #[test]
    fn the_autoscalers_events_are_told_in_words() {
        let hpa = |reason: &str, message: &str| {
            logged(SimEventKind::Recorded {
                type_: "Normal".into(),
                reason: reason.into(),
                object: ObjRef::new(Kind::HorizontalPodAutoscaler, "default", "web"),
                message: message.into(),
                source: "horizontal-pod-autoscaler".into(),
                count: 1,
            })
        };
        let l = hpa(
            "SuccessfulRescale",
            "New size: 4; reason: Current number of replicas below Spec.MinReplicas",
        );
        assert!(line(Lang::En, &l)
            .unwrap()
            .text()
            .ends_with("set its target's replicas to 4"));
        assert!(line(Lang::Pt, &l)
            .unwrap()
            .text()
            .ends_with("definiu as réplicas do alvo em 4"));
        let l = hpa(
            "FailedGetResourceMetric",
            "failed to get cpu utilization: …",
        );
        assert!(line(Lang::Pt, &l)
            .unwrap()
            .text()
            .contains("não tem metrics-server"));
    }
}
