//! The network as seen from inside a Pod: name resolution (with DNS
//! traces), reaching an address (Pod IPs on the Pod network, Service
//! ClusterIPs through kube-proxy's choice of a ready endpoint), and the
//! tools that use them: nslookup, dig, host, getent, ping, curl, wget, and
//! the nginx that answers HTTP from its own container file system.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

pub(crate) mod client;
pub(crate) mod dig;
pub(crate) mod http;
mod httpd;
pub(crate) mod nc;
pub(crate) mod nslookup;
pub(crate) mod ping;
pub(crate) mod resolve;

use crate::engine::kubelet::Stage;
use crate::engine::SimDuration;

use super::host::ContainerHost;

/// The Pod a connection reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Peer {
    pub ns: String,
    pub pod: String,
    /// The Pod IP actually reached (after kube-proxy).
    pub ip: String,
    pub port: u16,
}

/// What a TCP connect to an address gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    Open(Peer),
    /// RST (or kube-proxy's REJECT for a Service without endpoints).
    Refused,
    /// No Pod has the address: the node answers host-unreachable after ARP fails.
    NoRoute,
    /// SYNs go unanswered (a silent node, an address outside the cluster).
    Timeout,
}

/// Why a client did not get to its server (`server_reach`).
pub(crate) enum Unreached {
    /// The name does not resolve.
    UnknownHost,
    /// The connection failed (never `Reach::Open`).
    Failed(Reach),
}

impl Reach {
    /// How long the attempt takes, in milliseconds (Linux: ARP gives up
    /// after 3 s; SYN retries after about 130 s).
    pub fn millis(&self) -> u64 {
        match self {
            Reach::Open(_) | Reach::Refused => 0,
            Reach::NoRoute => 3_070,
            Reach::Timeout => 130_000,
        }
    }

    /// The errno text tools append (`Connection refused`).
    pub fn errno_text(&self) -> &'static str {
        match self {
            Reach::Open(_) => "",
            Reach::Refused => "Connection refused",
            Reach::NoRoute => "No route to host",
            Reach::Timeout => "Connection timed out",
        }
    }
}

/// Where a Pod IP lives right now, if some Pod's sandbox holds it.
pub(crate) struct PodAt {
    pub ns: String,
    pub pod: String,
    pub node: String,
    pub active: bool,
    pub node_down: bool,
}

impl ContainerHost<'_> {
    /// The Pod a server's own configuration names (a replica's primary,
    /// `replicaof redis-0.redis 6379`, `MASTER_HOST='mysql-0.mysql'`),
    /// resolved as that server did: not a query of the command typed, so
    /// not traced for the page's DNS view.
    pub(crate) fn peer_pod(&self, host: &str) -> Option<PodAt> {
        let ip = if host.parse::<std::net::Ipv4Addr>().is_ok() {
            host.to_string()
        } else {
            self.resolve_bind(host, crate::engine::dns::QType::A)
                .answer
                .addresses()
                .into_iter()
                .next()?
        };
        self.pod_at(&ip)
    }

    /// The address a connection from this container to `ip` comes from, as
    /// the server logs it: loopback for a loopback address, else the Pod's.
    pub(crate) fn source_ip_towards(&self, ip: &str) -> String {
        if ip.starts_with("127.") {
            "127.0.0.1".to_string()
        } else {
            self.pod_ip()
        }
    }

    /// The Pod whose sandbox has `ip` (a deleted Pod's address may be reused).
    pub(crate) fn pod_at(&self, ip: &str) -> Option<PodAt> {
        let rt = self
            .engine
            .kubelet
            .pods
            .values()
            .filter(|rt| rt.ip == ip && rt.stage != Stage::Stopped)
            .max_by_key(|rt| rt.admitted_at)?;
        Some(PodAt {
            ns: rt.key.0.clone(),
            pod: rt.key.1.clone(),
            node: rt.node.to_string(),
            active: rt.stage == Stage::Active,
            node_down: self.engine.faults.node_down(&rt.node),
        })
    }

    /// A client of this container connecting to its server on `port` at
    /// `host` — `None` or `localhost` for this container's own (its local
    /// socket), an address that is this Pod's through loopback — as of the
    /// process's own time (a main process computed at its start has waited
    /// by then). `Ok` names the server's Pod.
    pub(crate) fn server_reach(
        &mut self,
        host: Option<&str>,
        port: u16,
    ) -> Result<(String, String), Unreached> {
        let ip = match host.filter(|h| *h != "localhost") {
            None => None,
            Some(h) => {
                let l = self.lookup_v4(h).ok_or(Unreached::UnknownHost)?;
                Some(l.addrs.first().cloned().unwrap_or_default())
            }
        };
        match ip {
            Some(ip) if !ip.starts_with("127.") && ip != self.pod_ip() => {
                let reach = self.connect(&ip, port);
                self.wait(SimDuration::ms(reach.millis()));
                match reach {
                    Reach::Open(p) => Ok((p.ns, p.pod)),
                    failed => Err(Unreached::Failed(failed)),
                }
            }
            _ => {
                let at = self.clock();
                let (ns, pod) = (self.ns.clone(), self.pod.clone());
                if self.engine.container_listens_at(&ns, &pod, port, at) {
                    Ok((ns, pod))
                } else {
                    Err(Unreached::Failed(Reach::Refused))
                }
            }
        }
    }

    /// A TCP connect from this Pod to `ip:port`.
    pub(crate) fn connect(&mut self, ip: &str, port: u16) -> Reach {
        if ip.starts_with("127.") || ip == self.pod_ip() {
            let (ns, pod) = (self.ns.clone(), self.pod.clone());
            return if self.engine.container_listens(&ns, &pod, port) {
                Reach::Open(Peer {
                    ns,
                    pod,
                    ip: ip.to_string(),
                    port,
                })
            } else {
                Reach::Refused
            };
        }
        let svc = self
            .engine
            .store()
            .services
            .iter()
            .find(|s| s.spec.cluster_ip.as_deref() == Some(ip))
            .cloned();
        if let Some(svc) = svc {
            return self.via_service(&svc, port);
        }
        if ip.starts_with("10.244.") {
            return self.connect_pod(ip, port);
        }
        let node_ip = self
            .engine
            .store()
            .nodes
            .iter()
            .find(|n| {
                n.status
                    .addresses
                    .iter()
                    .any(|a| a.type_ == "InternalIP" && a.address == ip)
            })
            .map(|n| n.metadata.name.clone());
        match node_ip {
            Some(n) if self.engine.faults.node_down(&n) => Reach::Timeout,
            Some(_) => Reach::Refused,
            None => Reach::Timeout,
        }
    }

    fn connect_pod(&mut self, ip: &str, port: u16) -> Reach {
        let Some(at) = self.pod_at(ip) else {
            return Reach::NoRoute;
        };
        if at.node_down || self.engine.faults.node_down(&self.node()) {
            return Reach::Timeout;
        }
        if at.active && self.engine.container_listens(&at.ns, &at.pod, port) {
            Reach::Open(Peer {
                ns: at.ns,
                pod: at.pod,
                ip: ip.to_string(),
                port,
            })
        } else {
            Reach::Refused
        }
    }

    /// kube-proxy (iptables mode): a random ready endpoint of the Service
    /// port, its target port; REJECT when there is none.
    fn via_service(&mut self, svc: &crate::engine::objects::Service, port: u16) -> Reach {
        let Some(sp) = svc.spec.ports.iter().find(|p| {
            p.port == i64::from(port)
                && p.protocol
                    .as_deref()
                    .unwrap_or("TCP")
                    .eq_ignore_ascii_case("TCP")
        }) else {
            // No rule matches a port the Service does not have: dropped.
            return Reach::Timeout;
        };
        let ns = &svc.metadata.namespace;
        let mut ready: Vec<(String, u16)> = Vec::new();
        let mut terminating: Vec<(String, u16)> = Vec::new();
        for s in self.engine.store().endpoint_slices.in_namespace(ns) {
            if s.metadata
                .labels
                .get("kubernetes.io/service-name")
                .map(|v| v.as_str())
                != Some(svc.metadata.name.as_str())
            {
                continue;
            }
            let ports = s.ports.clone().unwrap_or_default();
            let target = ports
                .iter()
                .find(|p| p.name.as_deref().unwrap_or("") == sp.name.as_str())
                .or_else(|| (ports.len() == 1).then(|| &ports[0]))
                .and_then(|p| p.port);
            let Some(tp) = target else { continue };
            for e in s.endpoints.iter().flatten() {
                for a in &e.addresses {
                    let c = &e.conditions;
                    if c.ready.unwrap_or(true) {
                        ready.push((a.to_string(), tp as u16));
                    } else if c.serving.unwrap_or(false) && c.terminating.unwrap_or(false) {
                        terminating.push((a.to_string(), tp as u16));
                    }
                }
            }
        }
        let pool = if ready.is_empty() { terminating } else { ready };
        if pool.is_empty() {
            return Reach::Refused;
        }
        self.next_seq();
        let pick = (self.hash("kube-proxy") % pool.len() as u64) as usize;
        let (ip, tp) = pool[pick].clone();
        self.connect_pod(&ip, tp)
    }

    /// ICMP echo to `ip`: the reply's TTL and round trip (µs), or None.
    pub(crate) fn echo(&self, ip: &str, seq: u64) -> Option<(u8, u64)> {
        let jitter = crate::engine::kubelet::status::fnv(&format!(
            "{}|{}|{ip}|{seq}|{}",
            self.engine.seed(),
            self.pod_ref(),
            self.engine.now().as_ms()
        ));
        if ip.starts_with("127.") || ip == self.pod_ip() {
            return Some((64, 25 + jitter % 30));
        }
        if self.engine.faults.node_down(&self.node()) {
            return None;
        }
        if let Some(at) = self.pod_at(ip) {
            if at.node_down {
                return None;
            }
            return if at.node == self.node() {
                Some((63, 45 + jitter % 60))
            } else {
                Some((62, 90 + jitter % 180))
            };
        }
        let node = self.engine.store().nodes.iter().find(|n| {
            n.status
                .addresses
                .iter()
                .any(|a| a.type_ == "InternalIP" && a.address == ip)
        })?;
        if self.engine.faults.node_down(&node.metadata.name) {
            return None;
        }
        let ttl = if node.metadata.name == self.node() {
            64
        } else {
            63
        };
        Some((ttl, 60 + jitter % 120))
    }
}
