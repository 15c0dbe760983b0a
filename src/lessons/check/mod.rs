//! Step checks as data: a small vocabulary of conditions on the simulated
//! cluster (`ready: {set: web, replicas: 2}`, `dns: {name: nginx, ready: web}`,
//! `claim: {name: www-web-0, file: /index.html, contains: web-0}` …), each
//! evaluated against the engine's state and the [`Snapshot`] taken when the
//! step began. A failed condition answers with a hint in both languages
//! that says what is still missing, computed from what the cluster shows.
//!
//! Conditions read state only (objects, DNS answers, volume contents,
//! recorded Events), never the console's history: a step done from the
//! console, the editor or the page's buttons counts the same.
//! Pure; no browser crates.

mod network;
mod storage;
mod workload;

use serde::{Deserialize, Serialize};

use super::snapshot::Snapshot;
use super::text::Text;
use crate::engine::objects::Pod;
use crate::engine::{Engine, SimTime};

pub use network::{DnsCond, ForwardCond, ServiceCond};
pub use storage::ClaimCond;
pub use workload::{
    ClientCond, EventCond, NodeCond, PodCond, PodsCond, ReadyCond, SetCond, SetRef, TogetherCond,
};

fn yes() -> bool {
    true
}

fn default_ns() -> String {
    "default".to_string()
}

/// One condition; a step is done when all of its conditions hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Cond {
    /// A Service exists (or not) with these properties.
    Service(ServiceCond),
    /// A StatefulSet's spec and status.
    Set(SetCond),
    /// Exactly `replicas` Pods of the set exist and all are Running and Ready.
    Ready(ReadyCond),
    /// Exactly these Pods of the set exist (terminating ones included).
    Pods(PodsCond),
    /// One Pod's state, compared with the step's start where asked.
    Pod(PodCond),
    /// Every Pod of the set was created after its predecessor was Ready.
    Ordered(SetRef),
    /// Every Pod of the set was replaced during the step, highest ordinal first.
    ReverseUpdate(SetRef),
    /// These Pods were all created before any of them was Ready (burst).
    Together(TogetherCond),
    /// A DNS lookup from a Pod in `from` answers as expected.
    Dns(DnsCond),
    /// A PersistentVolumeClaim, its volume and a file in it.
    Claim(ClaimCond),
    /// The node a Pod runs (or ran, at the step's start) on.
    Node(NodeCond),
    /// A Kubernetes Event recorded since the step began.
    Event(EventCond),
    /// A client Pod (not part of any StatefulSet) runs in a namespace.
    Client(ClientCond),
    /// A `kubectl port-forward` from the workstation to a Pod is open.
    Forward(ForwardCond),
}

/// What conditions read: the cluster now and the record of the step's start.
pub struct Ctx<'a> {
    pub engine: &'a Engine,
    pub base: &'a Snapshot,
    /// The port-forwards open on the console's workstation.
    pub forwards: Vec<crate::console::workstation::Forward>,
}

impl Ctx<'_> {
    pub fn now(&self) -> SimTime {
        self.engine.now()
    }
    pub fn pod(&self, ns: &str, name: &str) -> Option<&Pod> {
        self.engine.store().pods.get(ns, name).map(|p| &**p)
    }
}

impl Cond {
    /// `Ok` when the condition holds; otherwise what is missing.
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        match self {
            Cond::Service(c) => c.eval(cx),
            Cond::Set(c) => c.eval(cx),
            Cond::Ready(c) => c.eval(cx),
            Cond::Pods(c) => c.eval(cx),
            Cond::Pod(c) => c.eval(cx),
            Cond::Ordered(c) => c.eval_ordered(cx),
            Cond::ReverseUpdate(c) => c.eval_reverse_update(cx),
            Cond::Together(c) => c.eval(cx),
            Cond::Dns(c) => c.eval(cx),
            Cond::Claim(c) => c.eval(cx),
            Cond::Node(c) => c.eval(cx),
            Cond::Event(c) => c.eval(cx),
            Cond::Client(c) => c.eval(cx),
            Cond::Forward(c) => c.eval(cx),
        }
    }
}

/// Evaluates conditions in order; the first failure's hint is the answer.
pub fn eval_all(conds: &[Cond], cx: &Ctx<'_>) -> Result<(), Text> {
    conds.iter().try_for_each(|c| c.eval(cx))
}

// --- Pod helpers shared by the condition files ---------------------------------

/// Running, with the Ready condition True, and not terminating.
pub(crate) fn is_ready(p: &Pod) -> bool {
    !p.metadata.is_terminating()
        && p.status.phase == "Running"
        && p.status
            .conditions
            .iter()
            .any(|c| c.type_ == "Ready" && c.status == "True")
}

/// When the Pod last became Ready (if it is Ready).
pub(crate) fn ready_since(p: &Pod) -> Option<SimTime> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .and_then(|c| c.last_transition_time.as_ref())
        .map(|t| t.sim())
}

pub(crate) fn created(p: &Pod) -> SimTime {
    p.metadata
        .creation_timestamp
        .as_ref()
        .map(|t| t.sim())
        .unwrap_or(SimTime::ZERO)
}

/// `web-3 is ContainerCreating (0/1 ready)` in both languages.
pub(crate) fn pod_state(p: &Pod, now: SimTime) -> Text {
    let name = &p.metadata.name;
    let cols = crate::engine::kubelet::pod_columns(p, now);
    if p.metadata.is_terminating() {
        return Text::new(
            format!("{name} is terminating."),
            format!("{name} está sendo encerrado (Terminating)."),
        );
    }
    Text::new(
        format!("{name} is {} ({} ready).", cols.status, cols.ready),
        format!("{name} está {} ({} pronto).", cols.status, cols.ready),
    )
}

/// The Pods named `<set>-<ordinal>` in a namespace, by ordinal.
pub(crate) fn set_pods<'a>(engine: &'a Engine, ns: &'a str, set: &str) -> Vec<(i64, &'a Pod)> {
    let prefix = format!("{set}-");
    let mut out: Vec<(i64, &Pod)> = engine
        .store()
        .pods
        .in_namespace(ns)
        .filter_map(|p| {
            let rest = p.metadata.name.strip_prefix(&prefix)?;
            if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) || rest.len() > 6 {
                return None;
            }
            Some((rest.parse().ok()?, &**p))
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |(o, _)| *o);
    out
}

/// A list of names in prose: `web-0, web-1 and web-2` / `web-0, web-1 e web-2`.
pub(crate) fn names(list: &[String]) -> Text {
    match list {
        [] => Text::new("none", "nenhum"),
        [one] => Text::new(one.clone(), one.clone()),
        [init @ .., last] => {
            let head = init.join(", ");
            Text::new(format!("{head} and {last}"), format!("{head} e {last}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::Console;
    use crate::lessons::model::from_yaml;

    const ALL_KINDS: &str = "
- service: {name: nginx, headless: true}
- set: {name: web, replicas: 3}
- ready: {set: web, replicas: 2}
- pods: {set: web, names: [web-0]}
- pod: {name: web-0, ready: true}
- ordered: {set: web}
- reverse_update: {set: web}
- together: {pods: [web-0, web-1]}
- dns: {name: web-0.nginx, pod: web-0}
- claim: {name: www-web-0, file: /index.html, contains: web-0}
- node: {of_pod: web-0, ready: true}
- event: {reason: FailedCreate}
- client: {ns: other}
- forward: {pod: web-0}
";

    #[test]
    fn every_kind_fails_on_an_empty_cluster_with_hints_in_both_languages() {
        let conds: Vec<Cond> = from_yaml(ALL_KINDS).unwrap();
        assert_eq!(conds.len(), 14);
        let console = Console::new(1);
        let base = Snapshot::take(console.engine());
        let cx = Ctx {
            engine: console.engine(),
            base: &base,
            forwards: Vec::new(),
        };
        for c in &conds {
            let hint = c
                .eval(&cx)
                .expect_err(&format!("{c:?} holds on an empty cluster"));
            assert!(!hint.is_incomplete(), "{c:?}");
            assert_ne!(hint.en, hint.pt_br, "{c:?}");
        }
    }

    #[test]
    fn typos_in_data_are_errors() {
        assert!(from_yaml::<Vec<Cond>>("- service: {name: nginx, headles: true}").is_err());
        assert!(from_yaml::<Vec<Cond>>("- servise: {name: nginx}").is_err());
        assert!(from_yaml::<Vec<Cond>>("- set: {name: web, revisions: maybe}").is_err());
    }

    #[test]
    fn absent_things_can_be_required() {
        let conds: Vec<Cond> = from_yaml(
            "- service: {name: nginx, exists: false}\n- set: {name: web, exists: false}\n- pod: {name: web-0, exists: false}\n- claim: {name: www-web-0, exists: false}",
        )
        .unwrap();
        let console = Console::new(1);
        let base = Snapshot::take(console.engine());
        let cx = Ctx {
            engine: console.engine(),
            base: &base,
            forwards: Vec::new(),
        };
        assert_eq!(eval_all(&conds, &cx), Ok(()));
    }
}
