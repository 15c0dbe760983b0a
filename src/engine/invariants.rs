//! Invariants the tests check after every step: what must hold in any
//! cluster state the engine produces, whatever the inputs were.

use std::collections::{BTreeMap, BTreeSet};

use super::controller::statefulset::identity;
use super::dns::QType;
use super::objects::statefulset::PodManagementPolicy;
use super::Engine;

/// Remembers what it has seen, to check properties across steps
/// (OrderedReady creation order).
#[derive(Clone, Debug, Default)]
pub struct Checker {
    seen_pods: BTreeSet<String>,
    /// Skip the OrderedReady creation-order check: it needs a look after
    /// every engine step, as the harness takes. A caller that looks after
    /// whole commands (one may delete two Pods, and the controller create
    /// one again in between) cannot tell the order of Pods created within
    /// one second.
    coarse: bool,
}

impl Checker {
    /// A checker for callers that look after whole commands, not after
    /// every engine step (see `coarse`).
    pub fn per_command() -> Checker {
        Checker {
            coarse: true,
            ..Default::default()
        }
    }

    /// Returns every violation, in words (empty when all hold).
    pub fn check(&mut self, e: &Engine) -> Vec<String> {
        let mut v = Vec::new();
        let s = e.store();

        for set in s.statefulsets.iter() {
            let ns = &set.metadata.namespace;
            let pods = e.set_pods(ns, &set.metadata.name);
            let mut ordinals = BTreeSet::new();
            for p in &pods {
                let o = identity::ordinal(p);
                if !identity::is_member_of(set, p) {
                    v.push(format!(
                        "{} is owned by {} but is not named as its member",
                        p.metadata.name, set.metadata.name
                    ));
                }
                if !ordinals.insert(o) {
                    v.push(format!(
                        "two Pods of {} hold ordinal {o}",
                        set.metadata.name
                    ));
                }
                for t in &set.spec.volume_claim_templates {
                    let want = identity::claim_name(&t.metadata.name, &set.metadata.name, o);
                    let has = p.spec.volumes.iter().any(|vol| {
                        vol.name == t.metadata.name
                            && vol
                                .persistent_volume_claim
                                .as_ref()
                                .is_some_and(|c| c.claim_name == want)
                    });
                    if !has {
                        v.push(format!("{} does not mount claim {want}", p.metadata.name));
                    }
                }
            }
            // OrderedReady: a new Pod appears only when every lower ordinal in
            // range is Running and Ready (R3.5, R3.8).
            if set.pod_management_policy() == PodManagementPolicy::OrderedReady && !self.coarse {
                for p in &pods {
                    if self.seen_pods.contains(p.metadata.uid.as_str()) {
                        continue;
                    }
                    let o = identity::ordinal(p);
                    if o < set.start_ordinal()
                        || o > set.end_ordinal()
                        || p.status.phase != "Pending"
                    {
                        continue;
                    }
                    for q in &pods {
                        let qo = identity::ordinal(q);
                        if qo >= set.start_ordinal()
                            && qo < o
                            && (!q.is_running_and_ready() || q.metadata.is_terminating())
                            && q.metadata.creation_timestamp <= p.metadata.creation_timestamp
                        {
                            v.push(format!(
                                "{} was created while {} was not Running and Ready",
                                p.metadata.name, q.metadata.name
                            ));
                        }
                    }
                }
            }
            for p in &pods {
                self.seen_pods.insert(p.metadata.uid.to_string());
            }
        }

        // Claims: one PV per bound claim, and back.
        let mut bound_pvs: BTreeMap<String, String> = BTreeMap::new();
        for c in s.pvcs.iter() {
            if c.status.phase != "Bound" {
                continue;
            }
            let who = format!("{}/{}", c.metadata.namespace, c.metadata.name);
            if c.spec.volume_name.is_empty() {
                v.push(format!("claim {who} is Bound without a volume"));
                continue;
            }
            if let Some(other) = bound_pvs.insert(c.spec.volume_name.clone(), who.clone()) {
                v.push(format!(
                    "volume {} is bound to {other} and {who}",
                    c.spec.volume_name
                ));
            }
            match s.pvs.get("", &c.spec.volume_name) {
                None => v.push(format!(
                    "claim {who} is bound to missing volume {}",
                    c.spec.volume_name
                )),
                Some(pv)
                    if pv
                        .spec
                        .claim_ref
                        .as_ref()
                        .is_none_or(|r| r.uid != c.metadata.uid) =>
                {
                    v.push(format!(
                        "volume {} does not point back to {who}",
                        pv.metadata.name
                    ))
                }
                _ => {}
            }
        }

        // DNS: a headless Service answers only ready endpoints' Pods (R8.3),
        // once its EndpointSlice controller has caught up (R7.9: the slice
        // follows the Pods within its reaction time). Only for Services
        // whose slices the controller keeps: one without a selector is
        // answered from what users wrote, or what was left (R7.2).
        let selects = |x: &crate::engine::objects::Service| {
            x.spec.selector.as_ref().is_some_and(|sel| !sel.is_empty())
        };
        for svc in s.services.iter().filter(|x| x.is_headless() && selects(x)) {
            let ns = &svc.metadata.namespace;
            let k = (ns.to_string(), svc.metadata.name.to_string());
            if e.due.services_delayed.contains(&k) || e.due.services.contains(&k) {
                continue;
            }
            let fqdn = format!("{}.{ns}.svc.cluster.local", svc.metadata.name);
            // Each Pod the Service selects whose subdomain names it
            // answers at `<hostname>.<service>` while it is ready (R8.4),
            // and only with its own address.
            let selector = svc.spec.selector.as_ref();
            for p in s.pods.in_namespace(ns).filter(|p| {
                p.spec.subdomain == svc.metadata.name
                    && !p.spec.hostname.is_empty()
                    && !p.status.pod_ip.is_empty()
                    && selector.is_some_and(|sel| {
                        super::objects::meta::map_matches(sel, &p.metadata.labels)
                    })
            }) {
                let name = format!("{}.{fqdn}", p.spec.hostname);
                let answered = e.dns_query(&name, QType::A).addresses();
                let ready = p.is_ready() && !p.metadata.is_terminating();
                if ready && !answered.iter().any(|ip| *ip == p.status.pod_ip) {
                    v.push(format!(
                        "{name} does not answer {} of ready {}",
                        p.status.pod_ip, p.metadata.name
                    ));
                }
                if !ready
                    && !svc.publish_not_ready()
                    && answered.iter().any(|ip| *ip == p.status.pod_ip)
                {
                    v.push(format!(
                        "{name} answers {} of {}, which is not ready",
                        p.status.pod_ip, p.metadata.name
                    ));
                }
            }
            let ips = e.dns_query(&fqdn, QType::A).addresses();
            for ip in ips {
                let pod = s.pods.in_namespace(ns).find(|p| p.status.pod_ip == ip);
                match pod {
                    None => v.push(format!("{fqdn} answers {ip}, which no Pod has")),
                    Some(p)
                        if !svc.publish_not_ready()
                            && (!p.is_ready() || p.metadata.is_terminating()) =>
                    {
                        v.push(format!(
                            "{fqdn} answers {ip} of {}, which is not ready",
                            p.metadata.name
                        ))
                    }
                    _ => {}
                }
            }
        }

        // Nothing half-deleted without a reason.
        for p in s.pods.iter() {
            if p.metadata.is_terminating()
                && p.spec.node_name.is_empty()
                && p.metadata.finalizers.is_empty()
            {
                v.push(format!(
                    "pod {} is terminating without a node or finalizer",
                    p.metadata.name
                ));
            }
        }
        for c in s.pvcs.iter() {
            if c.metadata.is_terminating() && c.metadata.finalizers.is_empty() {
                v.push(format!(
                    "claim {} is terminating without a finalizer",
                    c.metadata.name
                ));
            }
        }
        // Owner references point at live owners, or the garbage
        // collector has a pass to come that deletes (or, for orphaning,
        // releases) the dependent: no object outlives all its owners.
        if !e.due.gc && !e.due.gc_delayed {
            let all: Vec<super::objects::Object> = super::objects::RESOURCES
                .iter()
                .filter(|r| r.kind != super::objects::Kind::Event)
                .flat_map(|r| s.list_dyn(r.kind, None))
                .collect();
            let uids: BTreeSet<&str> = all.iter().map(|o| o.meta().uid.as_str()).collect();
            for o in &all {
                let m = o.meta();
                if m.owner_references.is_empty() || m.deletion_timestamp.is_some() {
                    continue;
                }
                if !m
                    .owner_references
                    .iter()
                    .any(|r| uids.contains(r.uid.as_str()))
                {
                    v.push(format!(
                        "{} {}/{} outlives all its owners ({}) with no garbage collection to come",
                        o.kind().name(),
                        m.namespace,
                        m.name,
                        m.owner_references
                            .iter()
                            .map(|r| format!("{} {}", r.kind, r.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        v
    }
}
