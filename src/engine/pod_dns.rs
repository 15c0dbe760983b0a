//! The resolver configuration the kubelet hands the runtime for a Pod
//! (kubelet `pkg/kubelet/network/dns/dns.go` `GetPodDNS`), and the
//! `/etc/resolv.conf` containerd writes from it (CRI `parseDNSOptions`:
//! `search`, then one `nameserver` line each, then `options`) — R8.12.
//!
//! By `dnsPolicy`: `ClusterFirst` (and `ClusterFirstWithHostNet`) get the
//! cluster DNS Service, the namespace's search list and `ndots:5`;
//! `Default` — and `ClusterFirst` on a `hostNetwork` Pod, which falls back
//! to it — gets the node's own resolv.conf; `None` starts empty. A
//! `dnsConfig` is then merged in: nameservers and searches appended without
//! duplicates, options overriding by name; at most 3 nameservers and 32
//! search domains survive.

use serde_json::Value;

use super::bootstrap::{CLUSTER_DOMAIN, DNS_SERVICE_IP};
use super::objects::Pod;

/// The DNS server a kind node's resolv.conf names: Docker's embedded DNS
/// (127.0.0.11), which kind's entrypoint rewrites to the network's gateway
/// so that Pods can reach it (kind `enable_network_magic`).
pub const NODE_DNS: &str = "172.18.0.1";

/// A kind node's `/etc/resolv.conf` as the kubelet reads it (Docker's
/// internal-resolver file: its options, no search domains of the host's;
/// comments, which the kubelet skips, left out).
pub const NODE_RESOLV_CONF: &str = "nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n";

/// Kubelet limits (`validation.MaxDNSNameservers`,
/// `MaxDNSSearchPathsExpanded`): extra entries are dropped.
const MAX_NAMESERVERS: usize = 3;
const MAX_SEARCHES: usize = 32;
const MAX_SEARCH_CHARS: usize = 2048;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodDnsConfig {
    pub nameservers: Vec<String>,
    pub searches: Vec<String>,
    pub options: Vec<String>,
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

impl PodDnsConfig {
    /// `ClusterFirst` for a Pod in `namespace`: the cluster's three search
    /// domains, then the node's own without repeats
    /// (`generateSearchesForDNSClusterFirst`; a kind node has none).
    pub fn cluster_first(namespace: &str) -> Self {
        let mut searches = vec![
            format!("{namespace}.svc.{CLUSTER_DOMAIN}"),
            format!("svc.{CLUSTER_DOMAIN}"),
            CLUSTER_DOMAIN.to_string(),
        ];
        for s in PodDnsConfig::node().searches {
            push_unique(&mut searches, &s);
        }
        PodDnsConfig {
            nameservers: vec![DNS_SERVICE_IP.to_string()],
            searches,
            options: vec!["ndots:5".to_string()],
        }
    }

    /// The node's resolv.conf, parsed as the kubelet does
    /// (`parseResolvConf`).
    pub fn node() -> Self {
        let mut c = PodDnsConfig::default();
        for line in NODE_RESOLV_CONF.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.first().copied() {
                Some("nameserver") if f.len() > 1 => c.nameservers.push(f[1].to_string()),
                Some("search") => c.searches = f[1..].iter().map(|s| s.to_string()).collect(),
                Some("options") => c.options = f[1..].iter().map(|s| s.to_string()).collect(),
                _ => {}
            }
        }
        c
    }

    /// What the kubelet gives `pod` (`GetPodDNS`).
    pub fn for_pod(pod: &Pod) -> Self {
        Self::formed(pod).0
    }

    /// `for_pod`, with the warnings the kubelet records on the Pod
    /// (`DNSConfigForming` events) when the merged lists were cut to its
    /// limits (`formDNSNameserversFitsLimits`, `formDNSSearchFitsLimits`).
    pub fn formed(pod: &Pod) -> (Self, Vec<String>) {
        let spec = &pod.spec;
        let host_network = spec.extra.get("hostNetwork").and_then(Value::as_bool) == Some(true);
        let mut c = match spec.dns_policy.as_deref().unwrap_or("ClusterFirst") {
            "None" => PodDnsConfig::default(),
            "Default" => PodDnsConfig::node(),
            "ClusterFirst" if host_network => PodDnsConfig::node(),
            _ => PodDnsConfig::cluster_first(&pod.metadata.namespace),
        };
        if let Some(dc) = spec.extra.get("dnsConfig") {
            let strs = |k: &str| strings(dc.get(k));
            for n in strs("nameservers") {
                push_unique(&mut c.nameservers, &n);
            }
            for s in strs("searches") {
                push_unique(&mut c.searches, &s);
            }
            // `mergeDNSOptions` goes through a Go map, so a real kubelet
            // writes the merged options in no fixed order; here the base
            // options keep their places, a same-named option overrides in
            // place and new ones follow in the Pod's order.
            for o in dc
                .get("options")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(name) = o.get("name").and_then(Value::as_str) else {
                    continue;
                };
                let opt = match o.get("value").and_then(Value::as_str) {
                    Some(v) if !v.is_empty() => format!("{name}:{v}"),
                    _ => name.to_string(),
                };
                let same = |x: &String| x.split(':').next() == Some(name);
                match c.options.iter_mut().find(|x| same(x)) {
                    Some(x) => *x = opt,
                    None => c.options.push(opt),
                }
            }
        }
        let mut warnings = Vec::new();
        if c.nameservers.len() > MAX_NAMESERVERS {
            c.nameservers.truncate(MAX_NAMESERVERS);
            warnings.push(format!("Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: {}", c.nameservers.join(" ")));
        }
        let mut cut = c.searches.len() > MAX_SEARCHES;
        c.searches.truncate(MAX_SEARCHES);
        // Domains longer than 253 characters go (glibc aborts on them), then
        // the last ones until the line fits 2048 characters.
        let before = c.searches.len();
        c.searches.retain(|s| s.len() <= 253);
        cut |= c.searches.len() != before;
        while c.searches.join(" ").len() > MAX_SEARCH_CHARS {
            c.searches.pop();
            cut = true;
        }
        if cut {
            warnings.push(format!("Search Line limits were exceeded, some search paths have been omitted, the applied search line is: {}", c.searches.join(" ")));
        }
        (c, warnings)
    }

    /// The file containerd writes (`parseDNSOptions`).
    pub fn render(&self) -> String {
        let mut s = String::new();
        if !self.searches.is_empty() {
            s.push_str(&format!("search {}\n", self.searches.join(" ")));
        }
        for n in &self.nameservers {
            s.push_str(&format!("nameserver {n}\n"));
        }
        if !self.options.is_empty() {
            s.push_str(&format!("options {}\n", self.options.join(" ")));
        }
        s
    }

    /// The resolver's `ndots`: the last `ndots:N` option, capped at 15 as
    /// glibc and musl cap it; 1 when there is none (resolv.conf(5)).
    pub fn ndots(&self) -> usize {
        self.options
            .iter()
            .rev()
            .find_map(|o| o.strip_prefix("ndots:"))
            .and_then(|n| n.parse::<usize>().ok())
            .map_or(1, |n| n.min(15))
    }

    /// The server the resolver asks first.
    pub fn server(&self) -> &str {
        self.nameservers.first().map_or("127.0.0.1", String::as_str)
    }
}

/// The strings of a JSON array field (`dnsConfig.nameservers`, `searches`);
/// none when absent or not an array.
pub(crate) fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(spec: Value) -> Pod {
        serde_json::from_value(json!({"metadata": {"name": "p", "namespace": "ns1"}, "spec": spec}))
            .unwrap()
    }

    #[test]
    fn cluster_first_is_the_namespace_search_list() {
        let c = PodDnsConfig::for_pod(&pod(json!({"dnsPolicy": "ClusterFirst"})));
        assert_eq!(
            c.render(),
            "search ns1.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
        );
        assert_eq!(c.ndots(), 5);
    }

    #[test]
    fn none_with_dns_config_is_only_the_pods_settings() {
        // The "DNS for Services and Pods" page's custom-dns.yaml.
        let c = PodDnsConfig::for_pod(&pod(json!({
            "dnsPolicy": "None",
            "dnsConfig": {
                "nameservers": ["192.0.2.1"],
                "searches": ["ns1.svc.cluster-domain.example", "my.dns.search.suffix"],
                "options": [{"name": "ndots", "value": "2"}, {"name": "edns0"}],
            },
        })));
        assert_eq!(
            c.render(),
            "search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n"
        );
        assert_eq!(c.ndots(), 2);
    }

    #[test]
    fn host_network_cluster_first_falls_back_to_the_node() {
        let host = PodDnsConfig::for_pod(&pod(
            json!({"hostNetwork": true, "dnsPolicy": "ClusterFirst"}),
        ));
        assert_eq!(host.render(), NODE_RESOLV_CONF);
        assert_eq!(host.ndots(), 0);
        let with = PodDnsConfig::for_pod(&pod(
            json!({"hostNetwork": true, "dnsPolicy": "ClusterFirstWithHostNet"}),
        ));
        assert_eq!(with.server(), DNS_SERVICE_IP);
    }

    #[test]
    fn dns_config_merges_without_duplicates_and_overrides_options() {
        let c = PodDnsConfig::for_pod(&pod(json!({
            "dnsPolicy": "ClusterFirst",
            "dnsConfig": {
                "nameservers": ["10.96.0.10", "1.1.1.1", "8.8.8.8", "9.9.9.9"],
                "searches": ["svc.cluster.local", "example.com"],
                "options": [{"name": "ndots", "value": "1"}, {"name": "single-request"}],
            },
        })));
        assert_eq!(c.nameservers, ["10.96.0.10", "1.1.1.1", "8.8.8.8"]);
        let (_, warnings) = PodDnsConfig::formed(&pod(json!({
            "dnsPolicy": "ClusterFirst",
            "dnsConfig": {"nameservers": ["1.1.1.1", "8.8.8.8", "9.9.9.9"]},
        })));
        assert_eq!(warnings, ["Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8"]);
        assert_eq!(
            c.searches,
            [
                "ns1.svc.cluster.local",
                "svc.cluster.local",
                "cluster.local",
                "example.com"
            ]
        );
        assert_eq!(c.options, ["ndots:1", "single-request"]);
    }
}
