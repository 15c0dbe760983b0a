//! Cluster DNS as CoreDNS's `kubernetes` plugin answers it under kind's
//! Corefile (R8): `ttl 30`, `pods insecure`, Services and EndpointSlices as
//! the source of truth. Every answer record carries why it is there (which
//! Service, which EndpointSlice entry, which Pod), so the page can explain
//! and animate a lookup. `resolve` adds what the Pod's resolver does with
//! `/etc/resolv.conf` (search list, ndots:5, R8.12–R8.13).

use std::collections::BTreeSet;

use super::bootstrap::{CLUSTER_DOMAIN, DNS_SERVICE_IP};
use super::objects::service::EndpointPort;
use super::objects::*;
use super::Engine;

pub const TTL: u32 = 30;

type SrvPlan = (u16, String, Why, Option<(String, String)>);
pub const NDOTS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum QType {
    A,
    Aaaa,
    Srv,
    Ptr,
    Txt,
    Cname,
    Mx,
    Ns,
    Soa,
    Any,
}

impl QType {
    pub fn parse(s: &str) -> Option<QType> {
        Some(match s.to_ascii_uppercase().as_str() {
            "A" => QType::A,
            "AAAA" => QType::Aaaa,
            "SRV" => QType::Srv,
            "PTR" => QType::Ptr,
            "TXT" => QType::Txt,
            "CNAME" => QType::Cname,
            "MX" => QType::Mx,
            "NS" => QType::Ns,
            "SOA" => QType::Soa,
            "ANY" => QType::Any,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            QType::A => "A",
            QType::Aaaa => "AAAA",
            QType::Srv => "SRV",
            QType::Ptr => "PTR",
            QType::Txt => "TXT",
            QType::Cname => "CNAME",
            QType::Mx => "MX",
            QType::Ns => "NS",
            QType::Soa => "SOA",
            QType::Any => "ANY",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rcode {
    NoError,
    NxDomain,
    ServFail,
}

impl Rcode {
    pub fn as_str(self) -> &'static str {
        match self {
            Rcode::NoError => "NOERROR",
            Rcode::NxDomain => "NXDOMAIN",
            Rcode::ServFail => "SERVFAIL",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RData {
    A(String),
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    Ptr(String),
    Txt(String),
    Cname(String),
    Soa {
        mname: String,
        rname: String,
        serial: u32,
        refresh: u32,
        retry: u32,
        expire: u32,
        minimum: u32,
    },
}

/// Why a record is in an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The ClusterIP of a Service.
    ClusterIp {
        service: String,
    },
    /// An endpoint of a Service's EndpointSlice, for a Pod.
    Endpoint {
        service: String,
        slice: String,
        pod: String,
        ready: bool,
        serving: bool,
        terminating: bool,
        hostname: Option<String>,
    },
    /// A dashed Pod IP name (`pods insecure`).
    PodIpName,
    /// The zone's SOA on a negative answer.
    Negative,
    Version,
    /// An ExternalName Service's target.
    ExternalName {
        service: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Fully qualified, with the trailing dot.
    pub name: String,
    pub ttl: u32,
    pub data: RData,
    pub why: Why,
}

impl Record {
    pub fn type_name(&self) -> &'static str {
        match self.data {
            RData::A(_) => "A",
            RData::Srv { .. } => "SRV",
            RData::Ptr(_) => "PTR",
            RData::Txt(_) => "TXT",
            RData::Cname(_) => "CNAME",
            RData::Soa { .. } => "SOA",
        }
    }
    /// The record in zone-file form (`name. 30 IN A 10.244.1.5`), as dig prints it.
    pub fn zone_line(&self) -> String {
        let data = match &self.data {
            RData::A(ip) => ip.clone(),
            RData::Srv {
                priority,
                weight,
                port,
                target,
            } => format!("{priority} {weight} {port} {target}"),
            RData::Ptr(t) | RData::Cname(t) => t.clone(),
            RData::Txt(t) => format!("\"{t}\""),
            RData::Soa {
                mname,
                rname,
                serial,
                refresh,
                retry,
                expire,
                minimum,
            } => format!("{mname} {rname} {serial} {refresh} {retry} {expire} {minimum}"),
        };
        format!(
            "{}\t{}\tIN\t{}\t{}",
            self.name,
            self.ttl,
            self.type_name(),
            data
        )
    }
}

/// One DNS response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub qname: String,
    pub qtype: QType,
    pub rcode: Rcode,
    pub answers: Vec<Record>,
    pub additional: Vec<Record>,
    pub authority: Vec<Record>,
    /// Answered by the upstream resolver through `forward . /etc/resolv.conf`
    /// rather than by the `kubernetes` plugin (names outside its zones, and
    /// reverse names it has no record for, through `fallthrough in-addr.arpa
    /// ip6.arpa`): not authoritative, and without the cluster zone's SOA.
    pub forwarded: bool,
}

impl Answer {
    fn new(qname: &str, qtype: QType) -> Self {
        Answer {
            qname: qname.to_string(),
            qtype,
            rcode: Rcode::NoError,
            answers: vec![],
            additional: vec![],
            authority: vec![],
            forwarded: false,
        }
    }
    pub fn is_positive(&self) -> bool {
        self.rcode == Rcode::NoError && !self.answers.is_empty()
    }
    /// The A addresses of the answer, in order.
    pub fn addresses(&self) -> Vec<String> {
        self.answers
            .iter()
            .filter_map(|r| {
                if let RData::A(ip) = &r.data {
                    Some(ip.clone())
                } else {
                    None
                }
            })
            .collect()
    }
}

/// A lookup through the Pod's resolver: every name tried, and the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub tried: Vec<Answer>,
    pub answer: Answer,
}

fn zone() -> String {
    format!("{CLUSTER_DOMAIN}.")
}

/// `10.244.1.5` → `10-244-1-5`.
pub fn dashed(ip: &str) -> String {
    ip.replace('.', "-")
}

fn undashed(label: &str) -> Option<String> {
    let parts: Vec<&str> = label.split('-').collect();
    if parts.len() != 4
        || !parts
            .iter()
            .all(|p| p.parse::<u8>().is_ok() && !p.is_empty())
    {
        return None;
    }
    Some(parts.join("."))
}

/// An endpoint of a Service, flattened across its slices. It borrows from
/// the store: a lookup against a Service of 10,000 endpoints scans them
/// without copying a string of any of them.
struct Ep<'a> {
    slice: &'a str,
    ip: &'a str,
    hostname: Option<&'a str>,
    pod: &'a str,
    ready: bool,
    serving: bool,
    terminating: bool,
    ports: &'a [EndpointPort],
}

impl Ep<'_> {
    /// The slice's named ports as (name, protocol, port).
    fn ports(&self) -> impl Iterator<Item = (&str, &str, i64)> {
        self.ports.iter().filter_map(|p| {
            Some((
                p.name.as_deref().unwrap_or(""),
                p.protocol.as_deref().unwrap_or("TCP"),
                p.port?,
            ))
        })
    }

    /// The first label of the endpoint's own name: its hostname, or its
    /// address written with dashes.
    fn host_label(&self) -> std::borrow::Cow<'_, str> {
        match self.hostname {
            Some(h) => h.into(),
            None => dashed(self.ip).into(),
        }
    }
}

impl Engine {
    /// The Service's endpoints, lazily: an endpoint query stops at the
    /// names it wants without collecting 10,000 others first.
    fn service_endpoints<'a>(&'a self, svc: &'a Service) -> impl Iterator<Item = Ep<'a>> + 'a {
        let name = &svc.metadata.name;
        self.store
            .endpoint_slices
            .in_namespace(&svc.metadata.namespace)
            .filter(move |s| {
                s.metadata
                    .labels
                    .get("kubernetes.io/service-name")
                    .map(|v| v.as_str())
                    == Some(name.as_str())
            })
            .flat_map(|s| {
                let ports = s.ports.as_deref().unwrap_or(&[]);
                s.endpoints.iter().flatten().flat_map(move |e| {
                    e.addresses.iter().map(move |ip| Ep {
                        slice: &s.metadata.name,
                        ip,
                        hostname: e.hostname.as_deref(),
                        pod: e.target_ref.as_ref().map_or("", |t| t.name.as_str()),
                        ready: e.conditions.ready.unwrap_or(true),
                        serving: e.conditions.serving.unwrap_or(true),
                        terminating: e.conditions.terminating.unwrap_or(false),
                        ports,
                    })
                })
            })
    }

    fn soa(&self) -> Record {
        Record {
            name: zone(),
            ttl: TTL,
            data: RData::Soa {
                mname: format!("ns.dns.{CLUSTER_DOMAIN}."),
                rname: format!("hostmaster.{CLUSTER_DOMAIN}."),
                serial: self.now.unix_secs() as u32,
                refresh: 7200,
                retry: 1800,
                expire: 86400,
                minimum: TTL,
            },
            why: Why::Negative,
        }
    }

    fn negative(&self, mut a: Answer, rcode: Rcode) -> Answer {
        a.rcode = rcode;
        a.answers.clear();
        a.authority = vec![self.soa()];
        a
    }

    /// What the upstream resolver answers for a query CoreDNS forwards. This
    /// cluster has no network beyond itself, so the upstream knows no name:
    /// NXDOMAIN, and the SOA is the upstream's (the tools print it), not
    /// the cluster zone's.
    fn forwarded(&self, mut a: Answer) -> Answer {
        a.rcode = Rcode::NxDomain;
        a.answers.clear();
        a.additional.clear();
        a.authority.clear();
        a.forwarded = true;
        a
    }

    fn endpoint_name(ep: &Ep, svc: &str, ns: &str) -> String {
        let host = ep.host_label();
        format!("{host}.{svc}.{ns}.svc.{CLUSTER_DOMAIN}.")
    }

    fn endpoint_why(ep: &Ep, svc: &str) -> Why {
        Why::Endpoint {
            service: svc.into(),
            slice: ep.slice.to_string(),
            pod: ep.pod.to_string(),
            ready: ep.ready,
            serving: ep.serving,
            terminating: ep.terminating,
            hostname: ep.hostname.map(str::to_string),
        }
    }

    /// One query as CoreDNS answers it (no search list: `name` is taken as
    /// fully qualified).
    pub fn dns_query(&self, name: &str, qtype: QType) -> Answer {
        let lname = name.trim_end_matches('.').to_ascii_lowercase();
        let qname = format!("{lname}.");
        let a = Answer::new(&qname, qtype);
        if lname == format!("dns-version.{CLUSTER_DOMAIN}") {
            if qtype != QType::Txt {
                return self.negative(a, Rcode::NoError);
            }
            let mut a = a;
            a.answers.push(Record {
                name: qname.clone(),
                ttl: 28800,
                data: RData::Txt("1.1.0".into()),
                why: Why::Version,
            });
            return a;
        }
        if lname.ends_with(".in-addr.arpa") {
            return self.reverse(a, &lname);
        }
        let Some(rest) = lname
            .strip_suffix(CLUSTER_DOMAIN)
            .map(|r| r.trim_end_matches('.'))
        else {
            // Outside the cluster zone: forwarded upstream (R8.1).
            return self.forwarded(a);
        };
        if rest.is_empty() {
            return self.negative(a, Rcode::NoError);
        }
        let labels: Vec<&str> = rest.split('.').collect();
        match labels.last().copied() {
            Some("pod") => self.pod_query(a, &labels[..labels.len() - 1]),
            Some("svc") => self.svc_query(a, &labels[..labels.len() - 1]),
            _ => self.negative(a, Rcode::NxDomain),
        }
    }

    fn pod_query(&self, mut a: Answer, labels: &[&str]) -> Answer {
        // `<dashed-ip>.<ns>.pod.cluster.local` (R8.8).
        match labels {
            [] | [_] => self.negative(a, Rcode::NoError),
            [ip, ns] => {
                if self.store.namespaces.get("", ns).is_none() {
                    return self.negative(a, Rcode::NxDomain);
                }
                let Some(ip) = undashed(ip) else {
                    return self.negative(a, Rcode::NxDomain);
                };
                if !matches!(a.qtype, QType::A | QType::Any) {
                    return self.negative(a, Rcode::NoError);
                }
                a.answers.push(Record {
                    name: a.qname.clone(),
                    ttl: TTL,
                    data: RData::A(ip),
                    why: Why::PodIpName,
                });
                a
            }
            _ => self.negative(a, Rcode::NxDomain),
        }
    }

    fn svc_query(&self, mut a: Answer, labels: &[&str]) -> Answer {
        let n = labels.len();
        if n == 0 {
            return self.negative(a, Rcode::NoError);
        }
        let ns = labels[n - 1];
        if self.store.namespaces.get("", ns).is_none() {
            return self.negative(a, Rcode::NxDomain);
        }
        if n == 1 {
            return self.negative(a, Rcode::NoError);
        }
        let svc_name = labels[n - 2];
        let Some(svc) = self.store.services.get(ns, svc_name).cloned() else {
            return self.negative(a, Rcode::NxDomain);
        };
        let all = || self.service_endpoints(&svc).collect::<Vec<_>>();
        let headless = svc.is_headless();
        let svc_fqdn = format!("{svc_name}.{ns}.svc.{CLUSTER_DOMAIN}.");
        match n {
            2 => {
                if svc.type_() == "ExternalName" {
                    let target = format!(
                        "{}.",
                        svc.spec
                            .external_name
                            .clone()
                            .unwrap_or_default()
                            .trim_end_matches('.')
                    );
                    a.answers.push(Record {
                        name: a.qname.clone(),
                        ttl: TTL,
                        data: RData::Cname(target),
                        why: Why::ExternalName {
                            service: svc_name.into(),
                        },
                    });
                    return a;
                }
                match a.qtype {
                    QType::A | QType::Any => {
                        if headless {
                            let mut seen = BTreeSet::new();
                            for ep in self.service_endpoints(&svc).filter(|e| e.ready) {
                                if seen.insert(ep.ip) {
                                    a.answers.push(Record {
                                        name: a.qname.clone(),
                                        ttl: TTL,
                                        data: RData::A(ep.ip.to_string()),
                                        why: Self::endpoint_why(&ep, svc_name),
                                    });
                                }
                            }
                            if a.answers.is_empty() {
                                return self.negative(a, Rcode::NxDomain);
                            }
                        } else if let Some(ip) = svc.spec.cluster_ip.clone() {
                            a.answers.push(Record {
                                name: a.qname.clone(),
                                ttl: TTL,
                                data: RData::A(ip),
                                why: Why::ClusterIp {
                                    service: svc_name.into(),
                                },
                            });
                        }
                        a
                    }
                    QType::Srv => self.srv(a, &svc, &all(), None),
                    _ => {
                        if headless && !self.service_endpoints(&svc).any(|e| e.ready) {
                            return self.negative(a, Rcode::NxDomain);
                        }
                        self.negative(a, Rcode::NoError)
                    }
                }
            }
            3 => {
                // `<hostname>.<svc>.<ns>.svc…`: an endpoint query, any Service type (R8.4, R8.9).
                let host = labels[0];
                let found: Vec<Ep> = self
                    .service_endpoints(&svc)
                    .filter(|e| e.ready && e.host_label() == host)
                    .collect();
                if found.is_empty() {
                    return self.negative(a, Rcode::NxDomain);
                }
                if !matches!(a.qtype, QType::A | QType::Any) {
                    return self.negative(a, Rcode::NoError);
                }
                for ep in &found {
                    a.answers.push(Record {
                        name: a.qname.clone(),
                        ttl: TTL,
                        data: RData::A(ep.ip.to_string()),
                        why: Self::endpoint_why(ep, svc_name),
                    });
                }
                let _ = svc_fqdn;
                a
            }
            4 => {
                // `_port._proto.<svc>.<ns>.svc…` (R8.6).
                let port = labels[0].trim_start_matches('_');
                let proto = labels[1].trim_start_matches('_');
                let has = svc.spec.ports.iter().any(|p| {
                    p.name.eq_ignore_ascii_case(port)
                        && p.protocol
                            .clone()
                            .unwrap_or_else(|| "TCP".into())
                            .eq_ignore_ascii_case(proto)
                });
                if !has {
                    return self.negative(a, Rcode::NxDomain);
                }
                if a.qtype != QType::Srv && a.qtype != QType::Any {
                    return self.negative(a, Rcode::NoError);
                }
                self.srv(a, &svc, &all(), Some((port.to_string(), proto.to_string())))
            }
            _ => self.negative(a, Rcode::NxDomain),
        }
    }

    fn srv(
        &self,
        mut a: Answer,
        svc: &Service,
        eps: &[Ep],
        only: Option<(String, String)>,
    ) -> Answer {
        let name = &svc.metadata.name;
        let ns = &svc.metadata.namespace;
        let wanted = |pname: &str, proto: &str| {
            only.as_ref().is_none_or(|(p, pr)| {
                p.eq_ignore_ascii_case(pname) && pr.eq_ignore_ascii_case(proto)
            })
        };
        // (port, target, why, the target's A record for the additional section)
        let mut recs: Vec<SrvPlan> = Vec::new();
        if svc.is_headless() {
            for ep in eps.iter().filter(|e| e.ready) {
                // Every port for a plain SRV query, unnamed ones included
                // (CoreDNS `matchPortAndProtocol` with no `_port._proto`).
                for (pname, proto, port) in ep.ports() {
                    if !wanted(pname, proto) {
                        continue;
                    }
                    let target = Self::endpoint_name(ep, name, ns);
                    recs.push((
                        port as u16,
                        target.clone(),
                        Self::endpoint_why(ep, name),
                        Some((target, ep.ip.to_string())),
                    ));
                }
            }
            if recs.is_empty() && !eps.iter().any(|e| e.ready) {
                return self.negative(a, Rcode::NxDomain);
            }
        } else {
            for p in &svc.spec.ports {
                let proto = p.protocol.clone().unwrap_or_else(|| "TCP".into());
                if p.name.is_empty() && only.is_some() || !wanted(&p.name, &proto) {
                    continue;
                }
                let target = format!("{name}.{ns}.svc.{CLUSTER_DOMAIN}.");
                let ip = svc.spec.cluster_ip.clone().unwrap_or_default();
                recs.push((
                    p.port as u16,
                    target.clone(),
                    Why::ClusterIp {
                        service: name.to_string(),
                    },
                    Some((target, ip)),
                ));
            }
        }
        if recs.is_empty() {
            return self.negative(a, Rcode::NoError);
        }
        let weight = (100 / recs.len()).max(1) as u16;
        for (port, target, why, addl) in recs {
            a.answers.push(Record {
                name: a.qname.clone(),
                ttl: TTL,
                data: RData::Srv {
                    priority: 0,
                    weight,
                    port,
                    target,
                },
                why: why.clone(),
            });
            if let Some((t, ip)) = addl {
                if !a.additional.iter().any(|r| r.name == t) {
                    a.additional.push(Record {
                        name: t,
                        ttl: TTL,
                        data: RData::A(ip),
                        why,
                    });
                }
            }
        }
        a
    }

    /// A name under `in-addr.arpa` (R8.7). The plugin answers PTR queries
    /// for the addresses of its Services and ready endpoints; anything else
    /// there (an unknown address, a partial name, another type) is NXDOMAIN
    /// for it, and `fallthrough in-addr.arpa ip6.arpa` hands the query on to
    /// `forward` (CoreDNS `handler.go`, `reverse.go`).
    fn reverse(&self, a: Answer, lname: &str) -> Answer {
        let Some(rev) = lname.strip_suffix(".in-addr.arpa") else {
            return self.forwarded(a);
        };
        let mut octets: Vec<&str> = rev.split('.').collect();
        if octets.len() != 4 || !matches!(a.qtype, QType::Ptr) {
            return self.forwarded(a);
        }
        octets.reverse();
        let ip = octets.join(".");
        let mut a = a;
        for svc in self.store.services.iter() {
            if svc.spec.cluster_ip.as_deref() == Some(ip.as_str()) {
                let t = format!(
                    "{}.{}.svc.{CLUSTER_DOMAIN}.",
                    svc.metadata.name, svc.metadata.namespace
                );
                a.answers.push(Record {
                    name: a.qname.clone(),
                    ttl: TTL,
                    data: RData::Ptr(t),
                    why: Why::ClusterIp {
                        service: svc.metadata.name.to_string(),
                    },
                });
            }
            for ep in self
                .service_endpoints(svc)
                .filter(|e| e.ready && e.ip == ip)
            {
                let t = Self::endpoint_name(&ep, &svc.metadata.name, &svc.metadata.namespace);
                if !a.answers.iter().any(|r| r.data == RData::Ptr(t.clone())) {
                    a.answers.push(Record {
                        name: a.qname.clone(),
                        ttl: TTL,
                        data: RData::Ptr(t),
                        why: Self::endpoint_why(&ep, &svc.metadata.name),
                    });
                }
            }
        }
        if a.answers.is_empty() {
            return self.forwarded(a);
        }
        a
    }

    /// The search list of `/etc/resolv.conf` for a Pod in `namespace` (R8.12).
    pub fn search_list(namespace: &str) -> Vec<String> {
        vec![
            format!("{namespace}.svc.{CLUSTER_DOMAIN}"),
            format!("svc.{CLUSTER_DOMAIN}"),
            CLUSTER_DOMAIN.to_string(),
        ]
    }

    /// `/etc/resolv.conf` as the kubelet writes it for `dnsPolicy: ClusterFirst`.
    pub fn resolv_conf(namespace: &str) -> String {
        format!(
            "search {}\nnameserver {DNS_SERVICE_IP}\noptions ndots:{NDOTS}\n",
            Self::search_list(namespace).join(" ")
        )
    }

    /// A lookup through a Pod's resolver (R8.13): the search list and ndots
    /// decide which names are tried, in order; the first positive answer wins.
    pub fn resolve(&self, namespace: &str, name: &str, qtype: QType) -> Resolution {
        let mut candidates: Vec<String> = Vec::new();
        if name.ends_with('.') {
            candidates.push(name.to_string());
        } else {
            let dots = name.matches('.').count();
            let searched: Vec<String> = Self::search_list(namespace)
                .iter()
                .map(|s| format!("{name}.{s}"))
                .collect();
            if dots >= NDOTS {
                candidates.push(name.to_string());
                candidates.extend(searched);
            } else {
                candidates.extend(searched);
                candidates.push(name.to_string());
            }
        }
        let mut tried = Vec::new();
        for c in candidates {
            let ans = self.dns_query(&c, qtype);
            let positive = ans.is_positive();
            tried.push(ans.clone());
            if positive {
                return Resolution { tried, answer: ans };
            }
        }
        let answer = tried
            .last()
            .cloned()
            .unwrap_or_else(|| Answer::new(name, qtype));
        Resolution { tried, answer }
    }

    /// Every record the cluster DNS would answer right now (A for Services,
    /// per-endpoint names, SRV per named port), for the page's DNS table.
    pub fn dns_records(&self) -> Vec<Record> {
        let mut out = Vec::new();
        for svc in self.store.services.iter() {
            let ns = &svc.metadata.namespace;
            let name = &svc.metadata.name;
            let fqdn = format!("{name}.{ns}.svc.{CLUSTER_DOMAIN}.");
            let a = self.dns_query(&fqdn, QType::A);
            out.extend(a.answers);
            for ep in self.service_endpoints(svc).filter(|e| e.ready) {
                out.push(Record {
                    name: Self::endpoint_name(&ep, name, ns),
                    ttl: TTL,
                    data: RData::A(ep.ip.to_string()),
                    why: Self::endpoint_why(&ep, name),
                });
            }
            let srv = self.dns_query(&fqdn, QType::Srv);
            for r in srv.answers {
                if let RData::Srv { .. } = r.data {
                    out.push(r);
                }
            }
        }
        out
    }
}
