//! Conditions on workloads: StatefulSets, their Pods, the order Pods were
//! created and replaced in, nodes, client Pods and recorded Events.

use serde::{Deserialize, Serialize};

use super::{created, default_ns, is_ready, names, pod_state, ready_since, set_pods, yes, Ctx};
use crate::engine::objects::{Pod, StatefulSet};
use crate::engine::SimTime;
use crate::lessons::text::Text;

fn no_set(name: &str) -> Text {
    Text::new(
        format!("StatefulSet {name} does not exist yet."),
        format!("O StatefulSet {name} ainda não existe."),
    )
}

fn no_pod(name: &str) -> Text {
    Text::new(
        format!("{name} does not exist yet."),
        format!("{name} ainda não existe."),
    )
}

fn fail<T>(en: String, pt: String) -> Result<T, Text> {
    Err(Text::new(en, pt))
}

fn find_set<'a>(cx: &'a Ctx<'_>, ns: &str, name: &str) -> Option<&'a StatefulSet> {
    cx.engine.store().statefulsets.get(ns, name).map(|s| &**s)
}

fn start_ordinal(s: &StatefulSet) -> i64 {
    s.spec.ordinals.as_ref().map_or(0, |o| o.start)
}

fn restarts(p: &Pod) -> i64 {
    p.status
        .container_statuses
        .iter()
        .map(|c| c.restart_count)
        .sum()
}

fn image(p: &crate::engine::objects::PodSpec) -> &str {
    p.containers.first().map_or("", |c| c.image.as_str())
}

/// Whether currentRevision and updateRevision are the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Revisions {
    Same,
    Differ,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetCond {
    pub name: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    #[serde(default = "yes")]
    pub exists: bool,
    pub replicas: Option<i64>,
    /// `OrderedReady` or `Parallel`.
    pub policy: Option<String>,
    /// `RollingUpdate` or `OnDelete`.
    pub strategy: Option<String>,
    pub partition: Option<i64>,
    pub revisions: Option<Revisions>,
    /// The image of the template's first container.
    pub image: Option<String>,
    pub when_scaled: Option<String>,
    pub when_deleted: Option<String>,
    /// The update revision differs from the one at the step's start.
    pub new_revision: Option<bool>,
    /// `status.updatedReplicas`.
    pub updated: Option<i64>,
}

impl SetCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let n = &self.name;
        let Some(s) = find_set(cx, &self.ns, n) else {
            return if self.exists { Err(no_set(n)) } else { Ok(()) };
        };
        if !self.exists {
            return fail(
                format!("StatefulSet {n} still exists."),
                format!("O StatefulSet {n} ainda existe."),
            );
        }
        if let Some(want) = self.replicas {
            let r = s.spec.replicas.unwrap_or(1);
            if r != want {
                return fail(
                    format!("StatefulSet {n} asks for {r} replicas; this step needs {want}."),
                    format!("O StatefulSet {n} pede {r} réplicas; este passo precisa de {want}."),
                );
            }
        }
        if let Some(want) = &self.policy {
            let p = s
                .spec
                .pod_management_policy
                .as_deref()
                .unwrap_or("OrderedReady");
            if p != want {
                return fail(
                    format!("{n} uses podManagementPolicy {p}; this step needs {want}."),
                    format!("{n} usa podManagementPolicy {p}; este passo precisa de {want}."),
                );
            }
        }
        let strategy = s.spec.update_strategy.as_ref();
        if let Some(want) = &self.strategy {
            let t = strategy
                .and_then(|u| u.type_.as_deref())
                .unwrap_or("RollingUpdate");
            if t != want {
                return fail(
                    format!("The updateStrategy of {n} is {t}; this step needs {want}."),
                    format!("O updateStrategy de {n} é {t}; este passo precisa de {want}."),
                );
            }
        }
        if let Some(want) = self.partition {
            let p = strategy
                .and_then(|u| u.rolling_update.as_ref())
                .and_then(|r| r.partition)
                .unwrap_or(0);
            if p != want {
                return fail(
                    format!("The partition of {n} is {p}; this step needs {want}."),
                    format!("A partição (partition) de {n} é {p}; este passo precisa de {want}."),
                );
            }
        }
        if let Some(want) = &self.image {
            let i = image(&s.spec.template.spec);
            if i != want {
                return fail(
                    format!("The Pod template of {n} uses {i}; this step needs {want}."),
                    format!("O template de Pod de {n} usa {i}; este passo precisa de {want}."),
                );
            }
        }
        let policy = s.spec.persistent_volume_claim_retention_policy.as_ref();
        for (field, want, have) in [
            (
                "whenScaled",
                &self.when_scaled,
                policy.and_then(|p| p.when_scaled.as_deref()),
            ),
            (
                "whenDeleted",
                &self.when_deleted,
                policy.and_then(|p| p.when_deleted.as_deref()),
            ),
        ] {
            let have = have.unwrap_or("Retain");
            if let Some(want) = want {
                if have != want {
                    return fail(
                        format!("persistentVolumeClaimRetentionPolicy.{field} of {n} is {have}; this step needs {want}."),
                        format!("persistentVolumeClaimRetentionPolicy.{field} de {n} é {have}; este passo precisa de {want}."),
                    );
                }
            }
        }
        let (cur, upd) = (&s.status.current_revision, &s.status.update_revision);
        match self.revisions {
            Some(Revisions::Same) if cur != upd => {
                return fail(
                    format!("{n} is still rolling out: currentRevision {cur} differs from updateRevision {upd}."),
                    format!("{n} ainda está no meio de uma atualização: currentRevision {cur} é diferente de updateRevision {upd}."),
                )
            }
            Some(Revisions::Differ) if cur == upd => {
                return fail(
                    format!("currentRevision and updateRevision of {n} are both {cur}: no update is pending."),
                    format!("currentRevision e updateRevision de {n} são ambos {cur}: não há atualização pendente."),
                )
            }
            _ => {}
        }
        if let Some(want) = self.new_revision {
            let was = cx.base.set(&self.ns, n).unwrap_or("");
            if want && upd == was {
                return fail(
                    format!("The Pod template of {n} has not changed since the step began (updateRevision is still {upd})."),
                    format!("O template de Pod de {n} não mudou desde o início do passo (updateRevision ainda é {upd})."),
                );
            }
            if !want && upd != was {
                return fail(
                    format!("{n} has a new revision {upd}: its Pod template changed."),
                    format!("{n} tem uma nova revisão {upd}: o template de Pod mudou."),
                );
            }
        }
        if let Some(want) = self.updated {
            let u = s.status.updated_replicas;
            if u != want {
                return fail(
                    format!("{u} Pods of {n} run the update revision; this step needs {want}."),
                    format!("{u} Pods de {n} rodam a revisão nova; este passo precisa de {want}."),
                );
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadyCond {
    pub set: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    pub replicas: i64,
}

impl ReadyCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let n = &self.set;
        let Some(s) = find_set(cx, &self.ns, n) else {
            return Err(no_set(n));
        };
        let want = self.replicas;
        let r = s.spec.replicas.unwrap_or(1);
        if r != want {
            return fail(
                format!("StatefulSet {n} asks for {r} replicas; this step needs {want}."),
                format!("O StatefulSet {n} pede {r} réplicas; este passo precisa de {want}."),
            );
        }
        let start = start_ordinal(s);
        let pods = set_pods(cx.engine, &self.ns, n);
        for ord in start..start + want {
            match pods.iter().find(|(o, _)| *o == ord) {
                None => return Err(no_pod(&format!("{n}-{ord}"))),
                Some((_, p)) if !is_ready(p) => return Err(pod_state(p, cx.now())),
                _ => {}
            }
        }
        if let Some((ord, _)) = pods.iter().find(|(o, _)| *o < start || *o >= start + want) {
            return fail(
                format!("{n}-{ord} still exists: it is beyond the {want} replicas."),
                format!("{n}-{ord} ainda existe: está além das {want} réplicas."),
            );
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodsCond {
    pub set: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    pub names: Vec<String>,
}

impl PodsCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let have: Vec<String> = set_pods(cx.engine, &self.ns, &self.set)
            .iter()
            .map(|(_, p)| p.metadata.name.to_string())
            .collect();
        if let Some(missing) = self.names.iter().find(|w| !have.contains(w)) {
            return Err(no_pod(missing));
        }
        let extra: Vec<String> = have
            .into_iter()
            .filter(|h| !self.names.contains(h))
            .collect();
        if !extra.is_empty() {
            let list = names(&extra);
            return fail(
                format!("Still there: {}.", list.en),
                format!("Ainda existem: {}.", list.pt_br),
            );
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodCond {
    pub name: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    #[serde(default = "yes")]
    pub exists: bool,
    pub ready: Option<bool>,
    /// The Pod is not the one that existed at the step's start (new uid).
    pub recreated: Option<bool>,
    /// The image of the Pod's first container.
    pub image: Option<String>,
    pub terminating: Option<bool>,
    /// The STATUS column of `kubectl get pods`.
    pub status: Option<String>,
    /// Its containers restarted since the step began (same Pod).
    pub restarted: Option<bool>,
    /// Controlled by a StatefulSet.
    pub owned: Option<bool>,
    /// Bound to a node.
    pub scheduled: Option<bool>,
}

impl PodCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let n = &self.name;
        let Some(p) = cx.pod(&self.ns, n) else {
            return if self.exists { Err(no_pod(n)) } else { Ok(()) };
        };
        if !self.exists {
            return fail(format!("{n} still exists."), format!("{n} ainda existe."));
        }
        let base = cx.base.pod(&self.ns, n);
        if let Some(want) = self.recreated {
            let same = base.is_some_and(|b| b.uid == p.metadata.uid);
            if want && same {
                return fail(
                    format!("{n} is still the Pod that existed when the step began (same uid)."),
                    format!("{n} ainda é o mesmo Pod do início do passo (mesmo uid)."),
                );
            }
            if !want && !same {
                return fail(
                    format!("{n} was replaced by a new Pod (new uid) since the step began."),
                    format!(
                        "{n} foi substituído por um novo Pod (novo uid) desde o início do passo."
                    ),
                );
            }
        }
        if let Some(want) = self.terminating {
            let t = p.metadata.is_terminating();
            if want && !t {
                return fail(
                    format!("{n} is not terminating."),
                    format!("{n} não está sendo encerrado."),
                );
            }
            if !want && t {
                return Err(pod_state(p, cx.now()));
            }
        }
        if let Some(want) = self.scheduled {
            let node = &p.spec.node_name;
            if want && node.is_empty() {
                return fail(
                    format!("{n} is not scheduled on a node yet."),
                    format!("{n} ainda não foi alocado a um nó."),
                );
            }
            if !want && !node.is_empty() {
                return fail(
                    format!("{n} is scheduled on {node}."),
                    format!("{n} está alocado no nó {node}."),
                );
            }
        }
        if let Some(want) = &self.image {
            let i = image(&p.spec);
            if i != want {
                return fail(
                    format!("{n} runs {i}; this step needs {want}."),
                    format!("{n} roda {i}; este passo precisa de {want}."),
                );
            }
        }
        if let Some(want) = self.ready {
            let r = is_ready(p);
            if want && !r {
                return Err(pod_state(p, cx.now()));
            }
            if !want && r {
                return fail(
                    format!("{n} is still Ready."),
                    format!("{n} ainda está pronto (Ready)."),
                );
            }
        }
        if let Some(want) = &self.status {
            let s = crate::engine::kubelet::pod_columns(p, cx.now()).status;
            if &s != want {
                return fail(
                    format!("{n} is {s}; this step needs {want}."),
                    format!("{n} está {s}; este passo precisa de {want}."),
                );
            }
        }
        if let Some(want) = self.restarted {
            let before = base
                .filter(|b| b.uid == p.metadata.uid)
                .map_or(0, |b| b.restarts);
            let did = restarts(p) > before;
            if want && !did {
                return fail(
                    format!("The container of {n} has not been restarted since the step began."),
                    format!("O contêiner de {n} não foi reiniciado desde o início do passo."),
                );
            }
            if !want && did {
                return fail(
                    format!("The container of {n} was restarted."),
                    format!("O contêiner de {n} foi reiniciado."),
                );
            }
        }
        if let Some(want) = self.owned {
            let owner = p
                .metadata
                .controller_ref()
                .filter(|o| o.kind == "StatefulSet")
                .map(|o| o.name.clone());
            match (want, owner) {
                (true, None) => {
                    return fail(
                        format!("{n} has no owner: no StatefulSet controls it."),
                        format!("{n} não tem dono: nenhum StatefulSet o controla."),
                    )
                }
                (false, Some(o)) => {
                    return fail(
                        format!("{n} is still controlled by StatefulSet {o}."),
                        format!("{n} ainda é controlado pelo StatefulSet {o}."),
                    )
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A StatefulSet, for conditions about the order of its Pods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetRef {
    pub set: String,
    #[serde(default = "default_ns")]
    pub ns: String,
}

impl SetRef {
    pub fn eval_ordered(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let pods = set_pods(cx.engine, &self.ns, &self.set);
        if pods.len() < 2 {
            return Err(no_pod(&format!("{}-1", self.set)));
        }
        for pair in pods.windows(2) {
            let (prev, next) = (pair[0].1, pair[1].1);
            let (a, b) = (&prev.metadata.name, &next.metadata.name);
            match ready_since(prev) {
                None => return Err(pod_state(prev, cx.now())),
                Some(t) if t > created(next) => {
                    return fail(
                        format!("{b} was created before {a} was Ready."),
                        format!("{b} foi criado antes de {a} ficar pronto."),
                    )
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub fn eval_reverse_update(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let pods = set_pods(cx.engine, &self.ns, &self.set);
        if pods.is_empty() {
            return Err(no_set(&self.set));
        }
        for (_, p) in &pods {
            let n = &p.metadata.name;
            if cx
                .base
                .pod(&self.ns, n)
                .is_some_and(|b| b.uid == p.metadata.uid)
            {
                return fail(
                    format!("{n} has not been replaced since the step began."),
                    format!("{n} ainda não foi substituído desde o início do passo."),
                );
            }
        }
        for pair in pods.windows(2) {
            let (low, high) = (pair[0].1, pair[1].1);
            if created(low) <= created(high) {
                return fail(
                    format!(
                        "{} was replaced before {}: a rolling update goes from the highest ordinal down.",
                        low.metadata.name, high.metadata.name
                    ),
                    format!(
                        "{} foi substituído antes de {}: uma atualização gradual vai do maior ordinal para o menor.",
                        low.metadata.name, high.metadata.name
                    ),
                );
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TogetherCond {
    pub pods: Vec<String>,
    #[serde(default = "default_ns")]
    pub ns: String,
}

impl TogetherCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let mut pods = Vec::new();
        for n in &self.pods {
            pods.push(cx.pod(&self.ns, n).ok_or_else(|| no_pod(n))?);
        }
        let first_ready = pods
            .iter()
            .filter_map(|p| ready_since(p).map(|t| (t, &p.metadata.name)))
            .min();
        let last_created = pods.iter().map(|p| (created(p), &p.metadata.name)).max();
        if let (Some((ready, r)), Some((made, c))) = (first_ready, last_created) {
            if made > ready {
                return fail(
                    format!("{c} was created only after {r} was Ready: the Pods were created one by one."),
                    format!("{c} só foi criado depois que {r} ficou pronto: os Pods foram criados um a um."),
                );
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeCond {
    /// The node this Pod was on when the step began (or is on now).
    pub of_pod: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    pub ready: bool,
}

impl NodeCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let p = &self.of_pod;
        let node = cx
            .base
            .pod(&self.ns, p)
            .map(|b| b.node.clone())
            .filter(|n| !n.is_empty())
            .or_else(|| cx.pod(&self.ns, p).map(|p| p.spec.node_name.to_string()))
            .unwrap_or_default();
        let Some(nd) = cx.engine.store().nodes.get("", &node) else {
            return Err(no_pod(p));
        };
        match (self.ready, nd.is_ready()) {
            (true, false) => fail(
                format!("Node {node} (where {p} runs) is NotReady."),
                format!("O nó {node} (onde {p} roda) está NotReady."),
            ),
            (false, true) => fail(
                format!("Node {node} (where {p} runs) is still Ready."),
                format!("O nó {node} (onde {p} roda) ainda está Ready."),
            ),
            _ => Ok(()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventCond {
    pub reason: String,
    /// The name of the object the Event is about.
    pub object: Option<String>,
    /// A piece of its message.
    pub contains: Option<String>,
    #[serde(default = "default_ns")]
    pub ns: String,
}

impl EventCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        // Event times have one-second resolution.
        let since = SimTime(cx.base.at_ms).trunc_secs();
        let found = cx.engine.store().events.in_namespace(&self.ns).any(|e| {
            e.reason == self.reason
                && self
                    .object
                    .as_ref()
                    .is_none_or(|o| &e.involved_object.name == o)
                && self
                    .contains
                    .as_ref()
                    .is_none_or(|c| e.message.contains(c.as_str()))
                && e.last_timestamp
                    .as_ref()
                    .or(e.event_time.as_ref())
                    .is_some_and(|t| t.sim() >= since)
        });
        if found {
            return Ok(());
        }
        let r = &self.reason;
        match &self.object {
            Some(o) => fail(
                format!("No {r} event about {o} since the step began."),
                format!("Nenhum evento {r} sobre {o} desde o início do passo."),
            ),
            None => fail(
                format!("No {r} event since the step began."),
                format!("Nenhum evento {r} desde o início do passo."),
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientCond {
    #[serde(default = "default_ns")]
    pub ns: String,
}

impl ClientCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let running = cx.engine.store().pods.in_namespace(&self.ns).any(|p| {
            is_ready(p)
                && p.metadata
                    .controller_ref()
                    .is_none_or(|o| o.kind != "StatefulSet")
        });
        if running {
            return Ok(());
        }
        let ns = &self.ns;
        fail(
            format!("No client Pod is running in namespace {ns} yet (a Pod outside any StatefulSet, started with `kubectl run`)."),
            format!("Ainda não há um Pod cliente rodando no namespace {ns} (um Pod fora de qualquer StatefulSet, criado com `kubectl run`)."),
        )
    }
}
