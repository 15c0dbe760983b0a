//! Address allocation: Pod IPs from each node's /24 of 10.244.0.0/16 (a
//! recreated Pod gets a new one), Service ClusterIPs from 10.96.0.0/16.
//! Choices come from the seeded PRNG.

use std::collections::{BTreeMap, BTreeSet};

use super::objects::Service;
use super::rng::Rng;

#[derive(Clone, Debug, Default)]
pub struct Network {
    /// Node name → its index in 10.244.<index>.0/24.
    node_index: BTreeMap<String, u8>,
    /// Node name → host parts in use.
    pod_ips: BTreeMap<String, BTreeSet<u8>>,
    /// Service IPs in use, as the low 16 bits.
    service_ips: BTreeSet<u16>,
}

/// kind's default service subnet (kubeadm's own default is a /12; kind
/// defaults to a /16 to keep the allocator small).
pub const SERVICE_CIDR: &str = "10.96.0.0/16";
/// 10.96.1.1 as the low 16 bits: where the dynamic band starts.
const DYNAMIC_BAND_START: u16 = 257;
pub const POD_CIDR: &str = "10.244.0.0/16";

impl Network {
    pub fn add_node(&mut self, node: &str, index: u8) {
        self.node_index.insert(node.to_string(), index);
        self.pod_ips.entry(node.to_string()).or_default();
    }

    pub fn node_cidr(&self, node: &str) -> Option<String> {
        self.node_index
            .get(node)
            .map(|i| format!("10.244.{i}.0/24"))
    }

    /// A free Pod IP on `node`, or None when its /24 is full.
    pub fn allocate_pod_ip(&mut self, node: &str, rng: &mut Rng) -> Option<String> {
        let idx = *self.node_index.get(node)?;
        let used = self.pod_ips.entry(node.to_string()).or_default();
        if used.len() >= 252 {
            return None;
        }
        loop {
            let host = rng.range(2, 254) as u8;
            if used.insert(host) {
                return Some(format!("10.244.{idx}.{host}"));
            }
        }
    }

    /// Takes a specific Pod IP (bootstrap objects).
    pub fn reserve_pod_ip(&mut self, node: &str, ip: &str) {
        if let Some(host) = ip.rsplit('.').next().and_then(|h| h.parse::<u8>().ok()) {
            self.pod_ips
                .entry(node.to_string())
                .or_default()
                .insert(host);
        }
    }

    pub fn release_pod_ip(&mut self, node: &str, ip: &str) {
        let Some(idx) = self.node_index.get(node) else {
            return;
        };
        let prefix = format!("10.244.{idx}.");
        if let Some(host) = ip.strip_prefix(&prefix).and_then(|h| h.parse::<u8>().ok()) {
            if let Some(set) = self.pod_ips.get_mut(node) {
                set.remove(&host);
            }
        }
    }

    /// A free ClusterIP from the dynamic band (KEP-3070, `ipallocator.go`
    /// `allocateNextService`): the range's first 256 addresses after the
    /// network address (`calculateRangeOffset` of a /16), 10.96.0.1 to
    /// 10.96.1.0, are left for Services that ask for an IP, so a dynamic
    /// one is 10.96.1.1 to 10.96.255.254 — any last octet, .0 and .255
    /// included (only the network and broadcast addresses are never
    /// handed out). Upstream turns to the lower band only once the upper
    /// one is full, after 65,278 Services.
    pub fn allocate_service_ip(&mut self, rng: &mut Rng) -> String {
        loop {
            let low = rng.range(11, 65_534) as u16;
            if low >= DYNAMIC_BAND_START && self.service_ips.insert(low) {
                return format!("10.96.{}.{}", low >> 8, low & 0xff);
            }
        }
    }

    /// Claims an IP a manifest asked for, with the API server's messages.
    pub fn claim_service_ip(&mut self, ip: &str) -> Result<(), String> {
        let parts: Vec<u8> = ip.split('.').filter_map(|p| p.parse().ok()).collect();
        if parts.len() != 4 || ip.split('.').count() != 4 {
            return Err("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".into());
        }
        // The network (10.96.0.0) and broadcast (10.96.255.255) addresses
        // are outside the allocator's range too.
        let outside =
            |p: &[u8]| p[0] != 10 || p[1] != 96 || p[2..] == [0, 0] || p[2..] == [255, 255];
        if outside(&parts) {
            return Err(format!("failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is {SERVICE_CIDR}"));
        }
        let low = (u16::from(parts[2]) << 8) | u16::from(parts[3]);
        if !self.service_ips.insert(low) {
            return Err(format!(
                "failed to allocate IP {ip}: provided IP is already allocated"
            ));
        }
        Ok(())
    }

    pub fn release_service(&mut self, s: &Service) {
        for ip in &s.spec.cluster_ips {
            let parts: Vec<u8> = ip.split('.').filter_map(|p| p.parse().ok()).collect();
            if parts.len() == 4 && parts[0] == 10 && parts[1] == 96 {
                self.service_ips
                    .remove(&((u16::from(parts[2]) << 8) | u16::from(parts[3])));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_ips_come_from_the_node_range_and_are_reused_only_when_free() {
        let mut n = Network::default();
        n.add_node("ordinal-worker", 1);
        let mut rng = Rng::new(3);
        let a = n.allocate_pod_ip("ordinal-worker", &mut rng).unwrap();
        assert!(a.starts_with("10.244.1."), "{a}");
        let b = n.allocate_pod_ip("ordinal-worker", &mut rng).unwrap();
        assert_ne!(a, b);
        n.release_pod_ip("ordinal-worker", &a);
        assert_eq!(n.pod_ips["ordinal-worker"].len(), 1);
    }

    #[test]
    fn service_ips_are_unique_and_checked() {
        let mut n = Network::default();
        assert!(n.claim_service_ip("10.96.0.10").is_ok());
        assert_eq!(
            n.claim_service_ip("10.96.0.10").unwrap_err(),
            "failed to allocate IP 10.96.0.10: provided IP is already allocated"
        );
        assert!(n
            .claim_service_ip("10.0.0.5")
            .unwrap_err()
            .contains("not in the valid range"));
        for bad in ["10.96.0.0", "10.96.255.255"] {
            assert!(n
                .claim_service_ip(bad)
                .unwrap_err()
                .contains("not in the valid range"));
        }
        assert!(n.claim_service_ip("10.96.7.0").is_ok());
        let mut rng = Rng::new(1);
        for _ in 0..2000 {
            let ip = n.allocate_service_ip(&mut rng);
            let p: Vec<u16> = ip.split('.').map(|x| x.parse().unwrap()).collect();
            // R7.11 / KEP-3070: the dynamic band, 10.96.1.1 to 10.96.255.254.
            assert_eq!(p[..2], [10, 96], "{ip}");
            assert!((p[2] << 8 | p[3]) >= 257 && ip != "10.96.255.255", "{ip}");
        }
    }
}
