//! Cluster DNS as CoreDNS's `kubernetes` plugin answers it under kind's
//! Corefile (R8): `ttl 30`, `pods insecure`, Services and EndpointSlices as
//! the source of truth. Every answer record carries why it is there (which
//! Service, which EndpointSlice entry, which Pod), so the page can explain
//! and animate a lookup. `resolve_in` adds what a Pod's resolver does with
//! its `/etc/resolv.conf` (`pod_dns`: search list, ndots, first
//! nameserver, R8.12–R8.13); `resolve` is that for a `ClusterFirst` Pod.
//!
//! The plugin's zones are `cluster.local`, `in-addr.arpa` and `ip6.arpa`
//! (`kubernetes cluster.local in-addr.arpa ip6.arpa`): SOA, the apex NS,
//! `ns.dns.<zone>` and `dns-version.<zone>` hold in each, and a reverse
//! name the plugin has no record for falls through to `forward`. Names the
//! plugin builds (SOA, SRV targets) end in the zone as the question spelled
//! it. Records come in EndpointSlice order: the `loadbalance` plugin of a
//! real server shuffles A records per answer, the simulator does not, so a
//! run replays. `tests/dns_coredns.rs` checks all this against CoreDNS's
//! own test tables.

use std::collections::BTreeSet;

use super::bootstrap::{CLUSTER_DOMAIN, DNS_SERVICE_IP};
use super::corefile::PodsMode;
use super::objects::service::EndpointPort;
use super::objects::*;
use super::pod_dns::PodDnsConfig;
use super::Engine;

/// kubeadm's `ttl 30`: what the servers start with (an edited Corefile,
/// once reloaded, may change it: `self.coredns.config.ttl`).
pub const TTL: u32 = 30;

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

/// What the `cache` plugin does to every reply on its way out (R8.11;
/// `ResponseWriter.WriteMsg`, "apply capped TTL to this reply"): the reply's
/// lowest TTL (`MinimalTTL`: answer, authority and additional records, and
/// for a negative reply the SOA's minimum too), held between the plugin's
/// floor and cap (kubeadm's `cache 30`: 5 and 30 s), becomes the TTL of
/// every record. The zones with caching disabled (`disable success|denial
/// cluster.local`) are only not stored: their replies are capped all the
/// same. So a forwarded NXDOMAIN shows the root SOA with TTL 30, and
/// `dns-version` 30 rather than its 28800. Without a `cache` plugin
/// (`None`) the records keep their TTLs.
pub fn cache_capped(
    cache: Option<super::corefile::CacheTtl>,
    rcode: Rcode,
    sections: &mut [&mut Vec<Record>],
) {
    let Some(cache) = cache else {
        return;
    };
    let negative =
        rcode == Rcode::NxDomain || sections.first().is_some_and(|answers| answers.is_empty());
    let (min, max) = if negative {
        (cache.denial_min, cache.denial_max)
    } else {
        (cache.success_min, cache.success_max)
    };
    let mut lowest: Option<u32> = None;
    for r in sections.iter().flat_map(|s| s.iter()) {
        let mut ttl = r.ttl;
        if let (true, RData::Soa { minimum, .. }) = (negative, &r.data) {
            ttl = ttl.min(*minimum);
        }
        lowest = Some(lowest.map_or(ttl, |l| l.min(ttl)));
    }
    // No record to look at: `MinimalDefaultTTL`, 5 s.
    let ttl = lowest.unwrap_or(5).clamp(min.min(max), max);
    for s in sections.iter_mut() {
        for r in s.iter_mut() {
            r.ttl = ttl;
        }
    }
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

/// The reverse zones the plugin serves besides the cluster domain
/// (`kubernetes cluster.local in-addr.arpa ip6.arpa`).
const REVERSE_ZONES: [&str; 2] = ["in-addr.arpa", "ip6.arpa"];

/// Which of the plugin's zones a lowercased name (without the trailing dot)
/// is in, as `(zone, the labels left of it)`; `None` outside them all
/// (`plugin.Zones.Matches`).
fn plugin_zone(lname: &str) -> Option<(&'static str, &str)> {
    [CLUSTER_DOMAIN]
        .into_iter()
        .chain(REVERSE_ZONES)
        .find_map(|z| {
            if lname == z {
                Some((z, ""))
            } else {
                lname
                    .strip_suffix(z)
                    .and_then(|r| r.strip_suffix('.'))
                    .map(|r| (z, r))
            }
        })
}

/// The zone part of `qname` (fully qualified) as the question spelled it:
/// handler.go keeps the case of the query (`zone = qname[len(qname)-len(zone):]`).
/// `zone` is lowercase and without the trailing dot.
fn spelled_zone(qname: &str, zone: &str) -> String {
    let n = zone.len() + 1;
    qname
        .len()
        .checked_sub(n)
        .and_then(|i| qname.get(i..))
        .filter(|z| z.eq_ignore_ascii_case(&format!("{zone}.")))
        .map_or_else(|| format!("{zone}."), str::to_string)
}

/// Whether `label` is `ip` written with dashes (`10-244-1-5`), ignoring
/// case as DNS does, without building the dashed form.
fn is_dashed(ip: &str, label: &str) -> bool {
    ip.len() == label.len()
        && ip.bytes().zip(label.bytes()).all(|(i, l)| {
            if i == b'.' {
                l == b'-'
            } else {
                i.eq_ignore_ascii_case(&l)
            }
        })
}

/// `10.244.1.5` → `10-244-1-5`.
pub fn dashed(ip: &str) -> String {
    ip.replace('.', "-")
}

/// parse.go `stripUnderscore`: one leading underscore off.
fn strip_underscore(label: &str) -> &str {
    label.strip_prefix('_').unwrap_or(label)
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
        self.service_endpoints_named(svc, None)
    }

    /// The Service's endpoints whose first label is `host` (any when None),
    /// compared before an endpoint is looked at further: `web-7.nginx`
    /// passes over the other 9,999 endpoints of a large set cheaply.
    fn service_endpoints_named<'a>(
        &'a self,
        svc: &'a Service,
        host: Option<&'a str>,
    ) -> impl Iterator<Item = Ep<'a>> + 'a {
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
            .flat_map(move |s| Self::slice_endpoints_named(s, host))
    }

    /// The addresses of one EndpointSlice, ready or not.
    fn slice_endpoints(s: &EndpointSlice) -> impl Iterator<Item = Ep<'_>> + '_ {
        Self::slice_endpoints_named(s, None)
    }

    fn slice_endpoints_named<'a>(
        s: &'a EndpointSlice,
        host: Option<&'a str>,
    ) -> impl Iterator<Item = Ep<'a>> + 'a {
        let ports = s.ports.as_deref().unwrap_or(&[]);
        s.endpoints.iter().flatten().flat_map(move |e| {
            let named = move |ip: &&rcstr::RcStr| {
                host.is_none_or(|h| match e.hostname.as_deref() {
                    Some(name) => name.eq_ignore_ascii_case(h),
                    None => is_dashed(ip, h),
                })
            };
            e.addresses.iter().filter(named).map(move |ip| Ep {
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
    }

    /// The SOA of the plugin's zone `qname` is in (the cluster domain, or
    /// a reverse zone), under the zone's name as the question spelled it
    /// (CoreDNS keeps the case of the query: `Cluster.Local.`).
    fn soa(&self, qname: &str) -> Record {
        let lname = qname.trim_end_matches('.').to_ascii_lowercase();
        let zone = match plugin_zone(&lname) {
            Some((z, _)) => spelled_zone(qname, z),
            None => zone(),
        };
        Record {
            name: zone.clone(),
            ttl: self.coredns.config.ttl,
            data: RData::Soa {
                mname: format!("ns.dns.{zone}"),
                rname: format!("hostmaster.{zone}"),
                serial: self.now.unix_secs() as u32,
                refresh: 7200,
                retry: 1800,
                expire: 86400,
                minimum: self.coredns.config.ttl,
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

    /// An endpoint's own name; `zone` (fully qualified) as the question
    /// spelled it (the plugin builds its keys on `state.Zone`).
    fn endpoint_name(ep: &Ep, svc: &str, ns: &str, zone: &str) -> String {
        let host = ep.host_label();
        format!("{host}.{svc}.{ns}.svc.{zone}")
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

    /// Whether the kube-dns Service has a ready endpoint (a CoreDNS Pod
    /// Ready): without one kube-proxy rejects what is sent to 10.96.0.10,
    /// and no lookup through it gets an answer (`kubectl scale deploy
    /// coredns -n kube-system --replicas=0`).
    pub fn cluster_dns_up(&self) -> bool {
        self.store
            .endpoint_slices
            .in_namespace("kube-system")
            .any(|s| {
                s.metadata
                    .labels
                    .get("kubernetes.io/service-name")
                    .map(|v| v.as_str())
                    == Some("kube-dns")
                    && s.endpoints
                        .iter()
                        .flatten()
                        .any(|e| e.conditions.ready != Some(false))
            })
    }

    /// Whether CoreDNS answers at `server`: the kube-dns Service's address,
    /// or a running CoreDNS Pod's own (it serves port 53 itself: `dig
    /// @10.244.0.3`).
    pub fn serves_cluster_dns(&self, server: &str) -> bool {
        (server == DNS_SERVICE_IP && self.cluster_dns_up())
            || self.store.pods.in_namespace("kube-system").any(|p| {
                p.metadata.labels.get("k8s-app").map(|v| v.as_str()) == Some("kube-dns")
                    && p.status.pod_ip.as_str() == server
                    && p.status.phase == "Running"
                    && !p.metadata.is_terminating()
            })
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
        let Some((zone_l, rest)) = plugin_zone(&lname) else {
            // Outside the plugin's zones: forwarded upstream (R8.1).
            return self.forwarded(a);
        };
        let reverse = zone_l != CLUSTER_DOMAIN;
        let zone_q = spelled_zone(&qname, zone_l);
        // handler.go compares the lowercased name with the zone as the
        // question spelled it (NS), and `isDefaultNS` looks for that zone in
        // the lowercased name: both hold only for a zone asked in lowercase.
        let zone_lower = zone_q == format!("{zone_l}.");
        // handler.go: SOA is answered at the apex only, NODATA anywhere else
        // (existing name or not, in every zone of the plugin); NS at the
        // apex names the DNS Service (ns.go `nsAddrs`).
        match qtype {
            QType::Soa if rest.is_empty() => {
                let mut a = a;
                let soa = self.soa(&a.qname);
                a.answers.push(soa);
                return a;
            }
            QType::Soa => return self.negative(a, Rcode::NoError),
            QType::Ns if rest.is_empty() && zone_lower => return self.apex_ns(a, &zone_q),
            _ => {}
        }
        // `Services`: the one TXT record is `dns-version.<zone>`, in any zone
        // of the plugin (R8.2).
        if qtype == QType::Txt && rest == "dns-version" {
            let mut a = a;
            a.answers.push(Record {
                name: qname.clone(),
                ttl: 28800,
                data: RData::Txt("1.1.0".into()),
                why: Why::Version,
            });
            return a;
        }
        if rest == "ns.dns" && zone_lower {
            // `isDefaultNS`: the DNS Service's address under the SOA's name;
            // TXT and PTR go through `Records`, which knows no such name.
            return match qtype {
                QType::A => {
                    let mut a = a;
                    a.answers.push(Record {
                        name: qname.clone(),
                        ttl: self.coredns.config.ttl,
                        data: RData::A(DNS_SERVICE_IP.to_string()),
                        why: Why::ClusterIp {
                            service: "kube-dns".into(),
                        },
                    });
                    a
                }
                QType::Txt | QType::Ptr if reverse => self.forwarded(a),
                QType::Txt | QType::Ptr => self.negative(a, Rcode::NxDomain),
                _ => self.negative(a, Rcode::NoError),
            };
        }
        if reverse {
            return self.reverse(a, rest, zone_l);
        }
        let found = self.find(rest, &zone_q);
        self.answer_from(a, found, depth)
    }

    /// `cluster.local. NS`: the `kube-dns` Service, its address in the
    /// additional section (CoreDNS `plugin.NS` with `nsAddrs`, which joins
    /// the Service's name to the zone asked: under a reverse zone the name
    /// is `kube-dns.kube-system.svc.in-addr.arpa.`).
    fn apex_ns(&self, mut a: Answer, zone: &str) -> Answer {
        let target = format!("kube-dns.kube-system.svc.{zone}");
        let why = Why::ClusterIp {
            service: "kube-dns".into(),
        };
        a.answers.push(Record {
            name: a.qname.clone(),
            ttl: self.coredns.config.ttl,
            data: RData::Ns(target.clone()),
            why: why.clone(),
        });
        a.additional.push(Record {
            name: target,
            ttl: self.coredns.config.ttl,
            data: RData::A(DNS_SERVICE_IP.to_string()),
            why,
        });
        a
    }

    /// What the plugin's `Records` finds for a name of the zone (`rest` is
    /// the name without the zone): `Err` is a name error (NXDOMAIN), `Ok`
    /// with nothing a name that exists without records (parse.go,
    /// `findServices`, `findPods`). `zone` is the zone as the question
    /// spelled it, fully qualified: the names the plugin builds for SRV
    /// targets end in it.
    fn find(&self, rest: &str, zone: &str) -> Result<Vec<Found>, ()> {
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
        let pods_mode = self.coredns.config.pods;
        if kind == "pod" && pods_mode == PodsMode::Disabled {
            // `findPods` answers nothing at all: NXDOMAIN, even for the
            // namespace's own name.
            return Err(());
        }
        let Some(service) = labels.pop() else {
            return Ok(Vec::new());
        };
        // Left of the service: an endpoint, or `_port._proto` (underscores
        // stripped); more is too long. An empty one (a bare `_`) is no
        // condition: `matchPortAndProtocol` takes "" as any, and an empty
        // endpoint makes a Service query.
        let (endpoint, port, proto) = match labels[..] {
            [] => (None, None, None),
            [e] => (Some(e), None, None),
            [p, pr] => (None, Some(strip_underscore(p)), Some(strip_underscore(pr))),
            _ => return Err(()),
        };
        let [endpoint, port, proto] = [endpoint, port, proto].map(|l| l.filter(|l| !l.is_empty()));
        if kind == "pod" {
            // `pods insecure`: any well-formed dashed address (R8.8); the
            // labels left of it are not looked at. `findPods` gives it no
            // port (0, not the −1 sentinel), so SRV names it on port 0.
            let ip = undashed(service).ok_or(())?;
            // `pods verified`: only the address of a Pod of that namespace.
            if pods_mode == PodsMode::Verified
                && !self
                    .store
                    .pods
                    .in_namespace(ns)
                    .any(|p| p.status.pod_ip.as_str() == ip)
            {
                return Err(());
            }
            return Ok(vec![Found {
                host: FoundHost::Ip(ip),
                port: 0,
                target: format!("{service}.{ns}.pod.{zone}"),
                why: Why::PodIpName,
            }]);
        }
        let Some(svc) = self.store.services.get(ns, service) else {
            return Err(());
        };
        let matches =
            |want: Option<&str>, have: &str| want.is_none_or(|w| w.eq_ignore_ascii_case(have));
        let svc_fqdn = format!("{service}.{ns}.svc.{zone}");
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
            for ep in self
                .service_endpoints_named(svc, endpoint)
                .filter(|e| e.ready)
            {
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
                        target: Self::endpoint_name(&ep, service, ns, zone),
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
                                    ttl: self.coredns.config.ttl,
                                    data: RData::A(ip),
                                    why: f.why,
                                });
                            }
                        }
                        FoundHost::Name(target) => {
                            // An ExternalName: the CNAME, and for a target in
                            // the zone the plugin's own answer for it (none:
                            // no CNAME either); a target outside is looked up
                            // upstream, which knows no name here. A target
                            // that is the name or below it is a loop; a chain
                            // stops after `maxCnameChainLength` (10) CNAMEs
                            // before this one (backend_lookup.go).
                            let lt = target.to_ascii_lowercase();
                            let lq = a.qname.to_ascii_lowercase();
                            if lt == lq || lt.ends_with(&format!(".{lq}")) || depth > 10 {
                                continue;
                            }
                            let cname = Record {
                                name: a.qname.clone(),
                                ttl: self.coredns.config.ttl,
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
                        ttl: self.coredns.config.ttl,
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
                    ttl: self.coredns.config.ttl,
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
                    ttl: self.coredns.config.ttl,
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

    /// A name in a reverse zone, `in-addr.arpa` or `ip6.arpa` (R8.7), past
    /// what `query_at` answers for every zone (SOA, the apex NS,
    /// dns-version, `ns.dns`). `rest` is the name left of the zone. The
    /// plugin answers PTR queries for the addresses of its Services and
    /// ready endpoints (`serviceRecordForIP`). Anything else there goes
    /// through `Records`, whose parse.go calls the zone's apex and bare
    /// `svc`/`pod` labels names without records (NODATA, from the plugin)
    /// and every other name an error; an error (an unknown address, a
    /// partial name, another type) is NXDOMAIN for the plugin, which
    /// `fallthrough in-addr.arpa ip6.arpa` hands on to `forward` (CoreDNS
    /// `handler.go`, `reverse.go`, `kubernetes.go` `Records`).
    fn reverse(&self, a: Answer, rest: &str, zone: &str) -> Answer {
        let bare = rest.is_empty() || rest == "svc" || rest == "pod";
        if a.qtype == QType::Ptr && zone == "in-addr.arpa" {
            let mut octets: Vec<&str> = rest.split('.').collect();
            octets.reverse();
            let ip = octets.join(".");
            if is_ipv4(&ip) {
                return self.reverse_v4(a, &ip);
            }
        }
        // The cluster is IPv4 only: no `ip6.arpa` address has a record.
        // `Services` answers TXT with NXDOMAIN for a name without records,
        // bare or not.
        if !bare || a.qtype == QType::Txt {
            return self.forwarded(a);
        }
        self.negative(a, Rcode::NoError)
    }

    /// PTR for an IPv4 address (`serviceRecordForIP`): the Service whose
    /// ClusterIP it is (the first, alone); otherwise every ready endpoint
    /// with that address, once per name, under the Service its slice is
    /// for. The targets are always in the cluster domain, in lowercase.
    fn reverse_v4(&self, mut a: Answer, ip: &str) -> Answer {
        if let Some(svc) = self
            .store
            .services
            .iter()
            .find(|s| s.spec.cluster_ip.as_deref() == Some(ip))
        {
            a.answers.push(Record {
                name: a.qname.clone(),
                ttl: self.coredns.config.ttl,
                data: RData::Ptr(format!(
                    "{}.{}.svc.{CLUSTER_DOMAIN}.",
                    svc.metadata.name, svc.metadata.namespace
                )),
                why: Why::ClusterIp {
                    service: svc.metadata.name.to_string(),
                },
            });
            return a;
        }
        let z = zone();
        for slice in self.store.endpoint_slices.iter() {
            let Some(service) = slice.metadata.labels.get("kubernetes.io/service-name") else {
                continue;
            };
            for ep in Self::slice_endpoints(slice).filter(|e| e.ready && e.ip == ip) {
                let t = Self::endpoint_name(&ep, service, &slice.metadata.namespace, &z);
                if !a.answers.iter().any(|r| r.data == RData::Ptr(t.clone())) {
                    a.answers.push(Record {
                        name: a.qname.clone(),
                        ttl: self.coredns.config.ttl,
                        data: RData::Ptr(t),
                        why: Self::endpoint_why(&ep, service),
                    });
                }
            }
        }
        if a.answers.is_empty() {
            return self.forwarded(a);
        }
        a
    }

    /// The search list of `/etc/resolv.conf` for a `ClusterFirst` Pod in
    /// `namespace` (R8.12).
    pub fn search_list(namespace: &str) -> Vec<String> {
        PodDnsConfig::cluster_first(namespace).searches
    }

    /// `/etc/resolv.conf` as the kubelet writes it for `dnsPolicy: ClusterFirst`.
    pub fn resolv_conf(namespace: &str) -> String {
        PodDnsConfig::cluster_first(namespace).render()
    }

    /// A lookup through a `ClusterFirst` Pod's resolver (R8.13): the search
    /// list and ndots decide which names are tried, in order; the first
    /// positive answer wins.
    pub fn resolve(&self, namespace: &str, name: &str, qtype: QType) -> Resolution {
        self.resolve_in(&PodDnsConfig::cluster_first(namespace), name, qtype, true)
    }

    /// The search as bind's dig, host and nslookup do it: the same names in
    /// the same order, but only NXDOMAIN moves on to the next one; any other
    /// answer (NODATA too) ends the search (`dighost.c` `next_origin`). The C
    /// libraries' resolver (`resolve`) also goes on after NODATA.
    pub fn resolve_bind(&self, namespace: &str, name: &str, qtype: QType) -> Resolution {
        self.resolve_in(&PodDnsConfig::cluster_first(namespace), name, qtype, false)
    }

    /// A lookup through a Pod's own resolver configuration (its search
    /// list, ndots and first nameserver). A server other than the cluster
    /// DNS — the node's, under `dnsPolicy: Default`, or a `dnsConfig` one —
    /// answers as CoreDNS's upstream does: this offline cluster has no
    /// names beyond its own, so every name is NXDOMAIN there, the cluster's
    /// included.
    pub fn resolve_in(
        &self,
        conf: &PodDnsConfig,
        name: &str,
        qtype: QType,
        past_nodata: bool,
    ) -> Resolution {
        let mut candidates: Vec<String> = Vec::new();
        if name.ends_with('.') {
            candidates.push(name.to_string());
        } else {
            let dots = name.matches('.').count();
            let searched: Vec<String> = conf
                .searches
                .iter()
                .map(|s| format!("{name}.{s}"))
                .collect();
            if dots >= conf.ndots() {
                candidates.push(name.to_string());
                candidates.extend(searched);
            } else {
                candidates.extend(searched);
                candidates.push(name.to_string());
            }
        }
        let cluster = self.serves_cluster_dns(conf.server());
        let mut tried = Vec::new();
        for c in candidates {
            let ans = if cluster {
                self.dns_query(&c, qtype)
            } else {
                self.forwarded(Answer::new(&format!("{}.", c.trim_end_matches('.')), qtype))
            };
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
                    name: Self::endpoint_name(&ep, name, ns, &zone()),
                    ttl: self.coredns.config.ttl,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An endpoint without a hostname is named by its dashed address
    /// (`endpointHostname`), compared as DNS compares names.
    #[test]
    fn dashed_labels_match_their_address_only() {
        assert!(is_dashed("10.244.1.5", "10-244-1-5"));
        assert_eq!(dashed("10.244.1.5"), "10-244-1-5");
        assert!(!is_dashed("10.244.1.5", "10-244-1-50"));
        assert!(!is_dashed("10.244.1.5", "10-244-1.5"));
        assert!(!is_dashed("10.244.1.5", "10-244-1-6"));
        assert!(!is_dashed("10.244.1.5", "web-0"));
    }
}
