//! Name resolution as the C libraries in the images do it: numeric
//! addresses, then `/etc/hosts` (kubelet-managed, R8.14), then the cluster
//! DNS through the Pod's search list and ndots:5 (R8.12–R8.13). Every DNS
//! query a command makes is recorded as a `DnsTrace` for the page.
//! Also `getent hosts`.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::session::DnsTrace;
use crate::console::sh::Io;
use crate::engine::dns::{Answer, QType, RData, Resolution};
use crate::engine::pod_dns::{PodDnsConfig, NODE_DNS};
use crate::engine::Engine;

use crate::console::container::host::ContainerHost;

/// The result of a forward lookup.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// The canonical name (the hosts file's first name, or the DNS owner
    /// name without the trailing dot).
    pub canonical: String,
    /// Further names of a hosts-file line.
    pub aliases: Vec<String>,
    pub addrs: Vec<String>,
}

/// Whether a DNS server answers inside this offline cluster: the cluster
/// DNS (by address or Service name) while a CoreDNS Pod is Ready behind
/// it, and the node's resolver (Docker's,
/// reached through the kind network's gateway), which knows no cluster
/// names, and the CoreDNS Pods themselves; any other address times out.
pub fn dns_reachable(engine: &crate::engine::Engine, server: &str) -> bool {
    server == NODE_DNS
        || (server.starts_with("kube-dns.kube-system") && engine.cluster_dns_up())
        || engine.serves_cluster_dns(server)
}

/// `10.244.1.5` → true.
pub fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok())
}

/// `10.244.1.5` → `5.1.244.10.in-addr.arpa`.
pub fn reverse_name(ip: &str) -> String {
    let mut o: Vec<&str> = ip.split('.').collect();
    o.reverse();
    format!("{}.in-addr.arpa", o.join("."))
}

impl ContainerHost<'_> {
    /// The lines of this Pod's `/etc/hosts`: (address, names).
    pub(crate) fn hosts_entries(&self) -> Vec<(String, Vec<String>)> {
        let Some(p) = self.pod_obj() else {
            return Vec::new();
        };
        Engine::hosts_file(&p)
            .lines()
            .filter_map(|l| {
                let l = l.split('#').next().unwrap_or("");
                let mut f = l.split_whitespace();
                let ip = f.next()?.to_string();
                let names: Vec<String> = f.map(str::to_string).collect();
                (!names.is_empty()).then_some((ip, names))
            })
            .collect()
    }

    fn record(&mut self, name: &str, qtype: QType, resolution: &Resolution) {
        // Bounded: a loop of lookups must not grow the page's trace list forever.
        if self.traces.len() < 10_000 {
            self.traces.push(DnsTrace {
                from_pod: self.pod_ref(),
                name: name.to_string(),
                qtype,
                resolution: resolution.clone(),
            });
        }
    }

    /// The Pod's resolver configuration as the kubelet wrote it (R8.12),
    /// asking the server a client was pointed at, if it was.
    pub(crate) fn dns_config(&self) -> PodDnsConfig {
        let mut c = match self.pod_obj() {
            Some(p) => PodDnsConfig::for_pod(&p),
            None => PodDnsConfig::cluster_first(&self.ns),
        };
        if let Some(s) = &self.dns_server {
            c.nameservers = vec![s.clone()];
        }
        c
    }

    /// The server a DNS client asks when given none.
    pub(crate) fn default_dns_server(&self) -> String {
        self.dns_config().server().to_string()
    }

    /// A lookup through the Pod's resolver (search list, ndots), traced.
    pub(crate) fn resolve_traced(&mut self, name: &str, qtype: QType) -> Resolution {
        let conf = self.dns_config();
        if !dns_reachable(self.engine, conf.server()) {
            // Nobody answers: the C library gives up after its timeouts
            // (2 attempts × 5 s, resolv.conf(5) defaults).
            self.wait(crate::engine::SimDuration::secs(10));
        }
        let r = self.engine.resolve_in(&conf, name, qtype, true);
        self.record(name, qtype, &r);
        r
    }

    /// A lookup through bind's search (dig +search, host, nslookup): NODATA
    /// ends it as an answer does; traced.
    pub(crate) fn resolve_bind_traced(&mut self, name: &str, qtype: QType) -> Resolution {
        let r = self.resolve_bind(name, qtype);
        self.record(name, qtype, &r);
        r
    }

    /// `resolve_bind_traced` without the trace.
    pub(crate) fn resolve_bind(&self, name: &str, qtype: QType) -> Resolution {
        self.engine
            .resolve_in(&self.dns_config(), name, qtype, false)
    }

    /// One query exactly as given (dig without +search, PTR lookups), traced.
    pub(crate) fn query_traced(&mut self, fqdn: &str, qtype: QType) -> Answer {
        let mut conf = self.dns_config();
        conf.searches.clear();
        let abs = format!("{}.", fqdn.trim_end_matches('.'));
        let a = self.engine.resolve_in(&conf, &abs, qtype, true).answer;
        let r = Resolution {
            tried: vec![a.clone()],
            answer: a.clone(),
        };
        self.record(fqdn, qtype, &r);
        a
    }

    /// getaddrinfo for IPv4: numeric, `/etc/hosts`, then DNS.
    pub(crate) fn lookup_v4(&mut self, name: &str) -> Option<Lookup> {
        if is_ipv4(name) {
            return Some(Lookup {
                canonical: name.to_string(),
                aliases: Vec::new(),
                addrs: vec![name.to_string()],
            });
        }
        let want = name.trim_end_matches('.').to_ascii_lowercase();
        let mut found: Option<Lookup> = None;
        for (ip, names) in self.hosts_entries() {
            if !is_ipv4(&ip) {
                continue;
            }
            if names.iter().any(|n| n.to_ascii_lowercase() == want) {
                match &mut found {
                    Some(l) => l.addrs.push(ip),
                    None => {
                        found = Some(Lookup {
                            canonical: names[0].clone(),
                            aliases: names[1..].to_vec(),
                            addrs: vec![ip],
                        })
                    }
                }
            }
        }
        if found.is_some() {
            return found;
        }
        if name.is_empty() {
            return None;
        }
        let r = self.resolve_traced(name, QType::A);
        let addrs = r.answer.addresses();
        if !r.answer.is_positive() || addrs.is_empty() {
            return None;
        }
        // Through a CNAME (an ExternalName Service), the canonical name is
        // the target's, and the names that led there are aliases (glibc's
        // h_name and h_aliases, getaddrinfo's ai_canonname).
        let owner = |r: &crate::engine::dns::Record| r.name.trim_end_matches('.').to_string();
        let canonical = r
            .answer
            .answers
            .iter()
            .find(|x| matches!(x.data, RData::A(_)))
            .map(owner)
            .unwrap_or_else(|| r.answer.qname.trim_end_matches('.').to_string());
        let aliases = r
            .answer
            .answers
            .iter()
            .filter(|x| matches!(x.data, RData::Cname(_)))
            .map(owner)
            .collect();
        Some(Lookup {
            canonical,
            aliases,
            addrs,
        })
    }

    /// getnameinfo: `/etc/hosts` first, then a PTR query; without the trailing dot.
    pub(crate) fn reverse_lookup(&mut self, ip: &str) -> Option<String> {
        for (addr, names) in self.hosts_entries() {
            if addr == ip {
                return names.first().cloned();
            }
        }
        let a = self.query_traced(&reverse_name(ip), QType::Ptr);
        a.answers.iter().find_map(|r| match &r.data {
            RData::Ptr(t) => Some(t.trim_end_matches('.').to_string()),
            _ => None,
        })
    }
}

/// `getent hosts [NAME…]` (glibc).
pub(crate) fn getent(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let Some(db) = args.first() else {
        io.err("Usage: getent [OPTION...] database [key ...]\nTry `getent --help' or `getent --usage' for more information.\n");
        return 1;
    };
    match db.as_str() {
        "hosts" | "ahosts" | "ahostsv4" => {}
        "passwd" => {
            let keys = &args[1..];
            if keys.is_empty() || keys.iter().any(|k| k == "root" || k == "0") {
                io.out("root:x:0:0:root:/root:/bin/bash\n");
                return 0;
            }
            return 2;
        }
        other => {
            io.err(&format!("Unknown database: {other}\nTry `getent --help' or `getent --usage' for more information.\n"));
            return 1;
        }
    }
    let keys = &args[1..];
    if keys.is_empty() {
        for (ip, names) in h.hosts_entries() {
            io.out(&format!("{ip:<15} {}\n", names.join(" ")));
        }
        return 0;
    }
    let mut status = 0;
    for k in keys {
        if db == "hosts" {
            // gethostbyname2(AF_INET6) first: only /etc/hosts has IPv6 lines here.
            let v6: Vec<(String, Vec<String>)> = h
                .hosts_entries()
                .into_iter()
                .filter(|(ip, names)| ip.contains(':') && names.iter().any(|n| n == k))
                .collect();
            if let Some((ip, names)) = v6.first() {
                io.out(&format!("{ip:<15} {}\n", names.join(" ")));
                continue;
            }
        }
        match h.lookup_v4(k) {
            Some(l) => {
                for (i, ip) in l.addrs.iter().enumerate() {
                    if db == "hosts" {
                        let mut names = vec![l.canonical.clone()];
                        names.extend(l.aliases.iter().cloned());
                        io.out(&format!("{ip:<15} {}\n", names.join(" ")));
                    } else {
                        // Only the first addrinfo carries ai_canonname.
                        let canon = if i == 0 { l.canonical.as_str() } else { "" };
                        io.out(&format!("{ip:<15} STREAM {canon}\n"));
                        io.out(&format!("{ip:<15} DGRAM  \n"));
                        io.out(&format!("{ip:<15} RAW    \n"));
                    }
                }
            }
            None => status = 2,
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_reverse_names() {
        assert!(is_ipv4("10.244.1.5"));
        assert!(!is_ipv4("web-0.nginx"));
        assert!(!is_ipv4("1.2.3.256"));
        assert_eq!(reverse_name("10.244.1.5"), "5.1.244.10.in-addr.arpa");
    }
}
