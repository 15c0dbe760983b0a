//! `nodetool` of the Cassandra images, as far as the upstream Cassandra
//! tutorial ("Deploying Cassandra with a StatefulSet") and its manifest use
//! it: `nodetool status` (the ring: every Pod of the cluster, by its
//! `CASSANDRA_CLUSTER_NAME`, with its address, state, data center and rack
//! from `CASSANDRA_DC` / `CASSANDRA_RACK`; a node is listed while its Pod
//! exists), `nodetool drain` (the
//! manifest's preStop hook) and `nodetool version`.
//!
//! What a real ring measures (load, token ownership) is made up here,
//! deterministically: the load from the node's identity, ownership as an
//! even-looking split of what the replication gives. A node's Host ID is
//! derived from its Pod's name, which a StatefulSet keeps, as the real ID
//! is kept on the node's volume: the ring shows the same node come back
//! with a new address.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::images::{container_of, Flavor};
use crate::engine::kubelet::status::mix64 as hash;
use crate::engine::objects::Pod;

use super::host::ContainerHost;

const JMX_PORT: u16 = 7199;
const CQL_PORT: u16 = 9042;
/// `num_tokens` of the tutorial's image.
const TOKENS: u32 = 32;

/// An environment value a Pod's Cassandra container sets, if literal.
fn env(pod: &Pod, name: &str) -> Option<String> {
    cassandra_container(pod)?
        .env
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| e.value.clone())
}

/// The cluster a node joins (`cluster_name`, the image's default if unset).
fn cluster_name(pod: &Pod) -> String {
    env(pod, "CASSANDRA_CLUSTER_NAME").unwrap_or_else(|| "Test Cluster".into())
}

fn cassandra_container(pod: &Pod) -> Option<&crate::engine::objects::Container> {
    container_of(pod, Flavor::Cassandra)
}

/// A version-4-shaped UUID from a seed.
fn host_id(seed: &str) -> String {
    let (a, b) = (hash(seed), hash(&format!("{seed}#")));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// One node of the ring as `nodetool status` lists it.
struct Row {
    status: &'static str,
    address: String,
    load: String,
    owns: f64,
    host_id: String,
    rack: String,
    dc: String,
}

/// `nodetool [-h host] [-p port] COMMAND`.
pub(crate) fn nodetool(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let words: Vec<&String> = {
        let mut w = Vec::new();
        let mut i = 0;
        while i < args.len() {
            if matches!(args[i].as_str(), "-h" | "--host" | "-p" | "--port") {
                i += 2;
                continue;
            }
            w.push(&args[i]);
            i += 1;
        }
        w
    };
    // nodetool talks to the local node over JMX.
    let (ns, pod) = (h.ns.clone(), h.pod.clone());
    let at = h.clock();
    if !h.engine.container_listens_at(&ns, &pod, JMX_PORT, at) {
        io.err(&format!("nodetool: Failed to connect to '127.0.0.1:{JMX_PORT}' - ConnectException: 'Connection refused (Connection refused)'.\n"));
        return 1;
    }
    match words.first().map(|s| s.as_str()) {
        Some("status") => status(h, io),
        Some("drain") => 0,
        Some("version") => {
            io.out("ReleaseVersion: 3.11.2\n");
            0
        }
        Some(other) => {
            io.err(&format!(
                "nodetool: Found unexpected parameters: [{other}]\nSee 'nodetool help' or 'nodetool help <command>'.\n"
            ));
            1
        }
        None => {
            io.err("usage: nodetool [(-h <host> | --host <host>)] [(-p <port> | --port <port>)] <command> [<args>]\n");
            1
        }
    }
}

fn status(h: &mut ContainerHost<'_>, io: &mut Io) -> i32 {
    let Some(me) = h.pod_obj() else {
        return 1;
    };
    let cluster = cluster_name(&me);
    let at = h.clock();
    let engine = &*h.engine;
    let ns = h.ns.clone();
    // The ring: the cluster's Pods. (A real ring also keeps a node whose
    // Pod is away, Down, at its last address; the simulation lists a node
    // while its Pod exists.)
    let mut rows: Vec<Row> = engine
        .store()
        .pods
        .in_namespace(&ns)
        .filter(|p| cassandra_container(p).is_some() && cluster_name(p) == cluster)
        .map(|p| {
            let name = &p.metadata.name;
            let seed = format!("{ns}/{name}/{cluster}");
            let ip = engine
                .pod_runtime(&ns, name)
                .map(|rt| rt.ip.to_string())
                .filter(|ip| !ip.is_empty())
                .unwrap_or_else(|| p.status.pod_ip.to_string());
            let listening = engine.container_listens_at(&ns, name, CQL_PORT, at);
            let running = p.status.phase == "Running";
            let terminating = p.metadata.deletion_timestamp.is_some();
            let status = match (listening, running, terminating) {
                (true, _, true) => "UL",
                (true, _, false) => "UN",
                (false, true, false) => "UJ",
                _ => "DN",
            };
            let kib = 65.0 + (hash(&format!("{seed}/load")) % 4000) as f64 / 100.0;
            Row {
                status,
                address: ip,
                load: format!("{kib:.2} KiB"),
                owns: 0.0,
                host_id: host_id(&seed),
                rack: env(p, "CASSANDRA_RACK").unwrap_or_else(|| "rack1".into()),
                dc: env(p, "CASSANDRA_DC").unwrap_or_else(|| "datacenter1".into()),
            }
        })
        .collect();
    // Ring order: by token, here by the Host ID's hash.
    crate::sort::sort_by_key(&mut rows, |r| hash(&r.host_id));
    // Effective ownership: the system keyspaces replicate twice once there
    // are two nodes; an uneven split, as vnodes give.
    // With two nodes or fewer each holds everything.
    let total = 100.0 * rows.len().min(2) as f64;
    let weights: Vec<f64> = rows
        .iter()
        .map(|r| 80.0 + (hash(&format!("{}/owns", r.host_id)) % 40) as f64)
        .collect();
    let sum: f64 = weights.iter().sum();
    for (r, w) in rows.iter_mut().zip(&weights) {
        r.owns = if weights.len() <= 2 {
            100.0
        } else {
            (total * w / sum).min(100.0)
        };
    }
    let mut dcs: Vec<String> = rows.iter().map(|r| r.dc.clone()).collect();
    crate::sort::sort(&mut dcs);
    dcs.dedup();
    let width = rows
        .iter()
        .map(|r| r.address.len())
        .chain(["Address".len()])
        .max()
        .unwrap_or(7);
    let line = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str, g: &str| {
        format!("{a:<2}  {b:<width$}  {c:<9}  {d:<11}  {e:<16}  {f:<36}  {g}\n")
    };
    let mut out = String::new();
    for dc in &dcs {
        let title = format!("Datacenter: {dc}");
        out.push_str(&format!("{title}\n{}\n", "=".repeat(title.len())));
        out.push_str("Status=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n");
        out.push_str(&line(
            "--",
            "Address",
            "Load",
            "Tokens",
            "Owns (effective)",
            "Host ID",
            "Rack",
        ));
        for r in rows.iter().filter(|r| &r.dc == dc) {
            out.push_str(&line(
                r.status,
                &r.address,
                &r.load,
                &TOKENS.to_string(),
                &format!("{:.1}%", r.owns),
                &r.host_id,
                &r.rack,
            ));
        }
        out.push('\n');
    }
    io.out(&out);
    0
}

#[cfg(test)]
mod tests {
    use super::host_id;

    #[test]
    fn host_ids_are_stable_version_4_uuids() {
        let id = host_id("default/cassandra-0/K8Demo");
        assert_eq!(id, host_id("default/cassandra-0/K8Demo"));
        assert_ne!(id, host_id("default/cassandra-1/K8Demo"));
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
    }
}
