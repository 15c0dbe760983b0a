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
    Ns(String),
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
            RData::Ns(_) => "NS",
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
            RData::Ptr(t) | RData::Cname(t) | RData::Ns(t) => t.clone(),
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
    let ip = label.replace('-', ".");
    is_ipv4(&ip).then_some(ip)
}

/// What a name stands for, as CoreDNS's `msg.Service`: an address (with a
/// port, −1 for none, and the name it is known by) or an ExternalName's
/// target.
struct Found {
    host: FoundHost,
    port: i64,
    /// The owner name for SRV targets (`web-0.nginx.default.svc.cluster.local.`).
    target: String,
    why: Why,
}

enum FoundHost {
    Ip(String),
    Name(String),
}

/// `10.244.1.5` (four decimal octets, no leading zeros, as Go's
/// `net.ParseIP`).
fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u8>().is_ok()
        })
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

    /// The zone's SOA, under the zone's name as the question spelled it
    /// (CoreDNS keeps the case of the query: `Cluster.Local.`).
    fn soa(&self, qname: &str) -> Record {
        let z = zone();
        let zone =
            if qname.len() >= z.len() && qname[qname.len() - z.len()..].eq_ignore_ascii_case(&z) {
                qname[qname.len() - z.len()..].to_string()
            } else {
                z
            };
        Record {
            name: zone.clone(),
            ttl: TTL,
            data: RData::Soa {
                mname: format!("ns.dns.{zone}"),
                rname: format!("hostmaster.{zone}"),
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
        a.authority = vec![self.soa(&a.qname)];
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
        self.query_at(name, qtype, 0)
    }

    fn query_at(&self, name: &str, qtype: QType, depth: usize) -> Answer {
        // Names match whatever their case; the answer keeps the question's
        // (R8.10).
        let lname = name.trim_end_matches('.').to_ascii_lowercase();
        let qname = format!("{}.", name.trim_end_matches('.'));
        let a = Answer::new(&qname, qtype);
        if lname.ends_with(".in-addr.arpa") {
            return self.reverse(a, &lname);
        }
        let rest = if lname == CLUSTER_DOMAIN {
            ""
        } else if let Some(r) = lname.strip_suffix(&format!(".{CLUSTER_DOMAIN}")) {
            r
        } else {
            // Outside the cluster zone: forwarded upstream (R8.1).
            return self.forwarded(a);
        };
        // handler.go: SOA is answered at the apex only, NODATA anywhere else;
        // NS at the apex names the DNS Service (ns.go `nsAddrs`).
        match qtype {
            QType::Soa if rest.is_empty() => {
                let mut a = a;
                let soa = self.soa(&a.qname);
                a.answers.push(soa);
                return a;
            }
            QType::Soa => return self.negative(a, Rcode::NoError),
            QType::Ns if rest.is_empty() => return self.apex_ns(a),
            _ => {}
        }
        if rest == "dns-version" {
            if qtype != QType::Txt {
                // Not a Service or Pod name (parse.go): NXDOMAIN.
                return self.negative(a, Rcode::NxDomain);
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
        if rest == "ns.dns" {
            // `isDefaultNS`: the DNS Service's address under the SOA's name.
            return match qtype {
                QType::A => {
                    let mut a = a;
                    a.answers.push(Record {
                        name: qname.clone(),
                        ttl: TTL,
                        data: RData::A(DNS_SERVICE_IP.to_string()),
                        why: Why::ClusterIp {
                            service: "kube-dns".into(),
                        },
                    });
                    a
                }
                QType::Txt | QType::Ptr => self.negative(a, Rcode::NxDomain),
                _ => self.negative(a, Rcode::NoError),
            };
        }
        let found = self.find(rest);
        self.answer_from(a, found, depth)
    }

    /// `cluster.local. NS`: the `kube-dns` Service, its address in the
    /// additional section (CoreDNS `plugin.NS` with `nsAddrs`).
    fn apex_ns(&self, mut a: Answer) -> Answer {
        let target = format!("kube-dns.kube-system.svc.{CLUSTER_DOMAIN}.");
        let why = Why::ClusterIp {
            service: "kube-dns".into(),
        };
        a.answers.push(Record {
            name: a.qname.clone(),
            ttl: TTL,
            data: RData::Ns(target.clone()),
            why: why.clone(),
        });
        a.additional.push(Record {
            name: target,
            ttl: TTL,
            data: RData::A(DNS_SERVICE_IP.to_string()),
            why,
        });
        a
    }

    /// What the plugin's `Records` finds for a name of the zone (`rest` is
    /// the name without the zone): `Err` is a name error (NXDOMAIN), `Ok`
    /// with nothing a name that exists without records (parse.go,
    /// `findServices`, `findPods`).
    fn find(&self, rest: &str) -> Result<Vec<Found>, ()> {
        if rest.is_empty() || rest == "svc" || rest == "pod" {
            return Ok(Vec::new());
        }
        let mut labels: Vec<&str> = rest.split('.').collect();
        let kind = labels.pop().unwrap_or("");
        if kind != "svc" && kind != "pod" {
            return Err(());
        }
        let Some(ns) = labels.pop() else {
            return Ok(Vec::new());
        };
        if self.store.namespaces.get("", ns).is_none() {
            return Err(());
        }
        let Some(service) = labels.pop() else {
            return Ok(Vec::new());
        };
        // Left of the service: an endpoint, or `_port._proto`; more is too long.
        let (endpoint, port, proto) = match labels[..] {
            [] => (None, None, None),
            [e] => (Some(e), None, None),
            [p, pr] => (
                None,
                Some(p.strip_prefix('_').unwrap_or(p)),
                Some(pr.strip_prefix('_').unwrap_or(pr)),
            ),
            _ => return Err(()),
        };
        if kind == "pod" {
            // `pods insecure`: any well-formed dashed address (R8.8); the
            // labels left of it are not looked at.
            let ip = undashed(service).ok_or(())?;
            return Ok(vec![Found {
                host: FoundHost::Ip(ip),
                port: -1,
                target: String::new(),
                why: Why::PodIpName,
            }]);
        }
        let Some(svc) = self.store.services.get(ns, service) else {
            return Err(());
        };
        let matches =
            |want: Option<&str>, have: &str| want.is_none_or(|w| w.eq_ignore_ascii_case(have));
        let svc_fqdn = format!("{service}.{ns}.svc.{CLUSTER_DOMAIN}.");
        let mut found = Vec::new();
        if svc.type_() == "ExternalName" {
            let target = svc.spec.external_name.clone().unwrap_or_default();
            let target = target.trim_end_matches('.');
            if endpoint.is_some() || port.is_some() || target.is_empty() || is_ipv4(target) {
                return Err(());
            }
            found.push(Found {
                host: FoundHost::Name(format!("{target}.")),
                port: -1,
                target: svc_fqdn,
                why: Why::ExternalName {
                    service: service.into(),
                },
            });
            return Ok(found);
        }
        if svc.is_headless() || endpoint.is_some() {
            // Ready endpoints, once per port (a slice without ports: once,
            // with no port), R8.3, R8.4, R8.6, R8.9.
            let sentinel = [EndpointPort::default()];
            for ep in self.service_endpoints(svc).filter(|e| e.ready) {
                if endpoint.is_some_and(|h| !h.eq_ignore_ascii_case(&ep.host_label())) {
                    continue;
                }
                let ports = if ep.ports.is_empty() {
                    &sentinel[..]
                } else {
                    ep.ports
                };
                for p in ports {
                    let pname = p.name.as_deref().unwrap_or("");
                    let pproto = p.protocol.as_deref().unwrap_or("TCP");
                    if !matches(port, pname) || !matches(proto, pproto) {
                        continue;
                    }
                    found.push(Found {
                        host: FoundHost::Ip(ep.ip.to_string()),
                        port: p.port.unwrap_or(-1),
                        target: Self::endpoint_name(&ep, service, ns),
                        why: Self::endpoint_why(&ep, service),
                    });
                }
            }
        } else {
            let mut any = false;
            for p in &svc.spec.ports {
                let pproto = p.protocol.as_deref().unwrap_or("TCP");
                if !matches(port, &p.name) || !matches(proto, pproto) {
                    continue;
                }
                any = true;
                if let Some(ip) = svc.spec.cluster_ip.as_deref() {
                    found.push(Found {
                        host: FoundHost::Ip(ip.to_string()),
                        port: p.port,
                        target: svc_fqdn.clone(),
                        why: Why::ClusterIp {
                            service: service.into(),
                        },
                    });
                }
            }
            if !any {
                return Err(());
            }
            return Ok(found);
        }
        if found.is_empty() {
            return Err(());
        }
        Ok(found)
    }

    /// The answer for the question type from what `find` found (CoreDNS
    /// `handler.go` and `plugin/backend_lookup.go`).
    fn answer_from(&self, mut a: Answer, found: Result<Vec<Found>, ()>, depth: usize) -> Answer {
        let Ok(found) = found else {
            return self.negative(a, Rcode::NxDomain);
        };
        match a.qtype {
            QType::A | QType::Aaaa => {
                let mut seen = BTreeSet::new();
                for f in found {
                    match f.host {
                        FoundHost::Ip(ip) => {
                            if a.qtype == QType::A && seen.insert(ip.clone()) {
                                a.answers.push(Record {
                                    name: a.qname.clone(),
                                    ttl: TTL,
                                    data: RData::A(ip),
                                    why: f.why,
                                });
                            }
                        }
                        FoundHost::Name(target) => {
                            // An ExternalName: the CNAME, and for a target in
                            // the zone the plugin's own answer for it (none:
                            // no CNAME either); a target outside is looked up
                            // upstream, which knows no name here.
                            if target.eq_ignore_ascii_case(&a.qname) || depth >= 10 {
                                continue;
                            }
                            let cname = Record {
                                name: a.qname.clone(),
                                ttl: TTL,
                                data: RData::Cname(target.clone()),
                                why: f.why,
                            };
                            let t = target.trim_end_matches('.');
                            if t == CLUSTER_DOMAIN || t.ends_with(&format!(".{CLUSTER_DOMAIN}")) {
                                let next = self.query_at(&target, a.qtype, depth + 1);
                                if next.rcode == Rcode::NoError && !next.answers.is_empty() {
                                    a.answers.push(cname);
                                    a.answers.extend(next.answers);
                                }
                            } else {
                                a.answers.push(cname);
                            }
                        }
                    }
                }
                if a.answers.is_empty() {
                    return self.negative(a, Rcode::NoError);
                }
                a
            }
            QType::Srv => self.srv(a, found),
            QType::Cname => match found.into_iter().next() {
                Some(Found {
                    host: FoundHost::Name(target),
                    why,
                    ..
                }) => {
                    a.answers.push(Record {
                        name: a.qname.clone(),
                        ttl: TTL,
                        data: RData::Cname(target),
                        why,
                    });
                    a
                }
                _ => self.negative(a, Rcode::NoError),
            },
            // The kubernetes plugin's only TXT is dns-version: a name with
            // records is NODATA, one without (even an existing namespace) NXDOMAIN.
            QType::Txt if found.is_empty() => self.negative(a, Rcode::NxDomain),
            _ => self.negative(a, Rcode::NoError),
        }
    }

    /// SRV records (R8.6, R8.9): one per (target, port), weight 100 split
    /// over everything found (CoreDNS `plugin.SRV`), the targets' addresses
    /// in the additional section. ExternalName targets are left out.
    fn srv(&self, mut a: Answer, found: Vec<Found>) -> Answer {
        let found: Vec<Found> = found
            .into_iter()
            .filter(|f| matches!(f.host, FoundHost::Ip(_)))
            .collect();
        let weight = (100 / found.len().max(1)).max(1) as u16;
        let mut seen = BTreeSet::new();
        for f in found {
            let FoundHost::Ip(ip) = f.host else {
                continue;
            };
            if f.port < 0 {
                continue;
            }
            let target = if f.target.is_empty() {
                a.qname.clone()
            } else {
                f.target
            };
            if seen.insert((target.clone(), f.port, String::new())) {
                a.answers.push(Record {
                    name: a.qname.clone(),
                    ttl: TTL,
                    data: RData::Srv {
                        priority: 0,
                        weight,
                        port: f.port as u16,
                        target: target.clone(),
                    },
                    why: f.why.clone(),
                });
            }
            if seen.insert((target.clone(), 0, ip.clone())) {
                a.additional.push(Record {
                    name: target,
                    ttl: TTL,
                    data: RData::A(ip),
                    why: f.why,
                });
            }
        }
        if a.answers.is_empty() {
            return self.negative(a, Rcode::NoError);
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
        self.resolve_searching(namespace, name, qtype, true)
    }

    /// The search as bind's dig, host and nslookup do it: the same names in
    /// the same order, but only NXDOMAIN moves on to the next one; any other
    /// answer (NODATA too) ends the search (`dighost.c` `next_origin`). The C
    /// libraries' resolver (`resolve`) also goes on after NODATA.
    pub fn resolve_bind(&self, namespace: &str, name: &str, qtype: QType) -> Resolution {
        self.resolve_searching(namespace, name, qtype, false)
    }

    fn resolve_searching(
        &self,
        namespace: &str,
        name: &str,
        qtype: QType,
        past_nodata: bool,
    ) -> Resolution {
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
            let done = ans.is_positive() || (!past_nodata && ans.rcode != Rcode::NxDomain);
            tried.push(ans.clone());
            if done {
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
