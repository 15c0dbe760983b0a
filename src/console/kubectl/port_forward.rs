//! `kubectl port-forward` (pkg/cmd/portforward and client-go's
//! `tools/portforward`): the Pod the target names (a Pod, or the most
//! active Pod of a Service or StatefulSet, as `AttachablePodForObject`
//! picks it), the ports translated as kubectl translates them (a Service
//! port to its target port, a named port to its number; a headless
//! Service's ports are taken as they are), then client-go's port parsing
//! and listeners. The listeners live on the console's workstation
//! (console/workstation/), where `curl localhost:PORT` goes through them.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::flags::{self, Parsed};
use super::Ctx;
use crate::console::workstation::Forward;
use crate::engine::objects::{IntOrString, Kind, Pod, Service};

pub const PORT_FORWARD_FLAGS: &[flags::Flag] = &[
    flags::v("address", None),
    flags::v("pod-running-timeout", None),
];

/// `splitPort`: `[LOCAL:]REMOTE`.
fn split_port(port: &str) -> (&str, &str) {
    let parts: Vec<&str> = port.split(':').collect();
    if parts.len() == 2 {
        (parts[0], parts[1])
    } else {
        (parts[0], parts[0])
    }
}

/// Go's `strconv.Atoi`, when it takes the text.
fn atoi(s: &str) -> Option<i64> {
    super::expose::atoi(s).ok()
}

/// `util.LookupContainerPortNumberByName`.
fn container_port_by_name(pod: &Pod, name: &str) -> Result<i64, String> {
    pod.spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .find(|p| p.name == name)
        .map(|p| p.container_port)
        .ok_or_else(|| {
            format!(
                "Pod '{}' does not have a named port '{name}'",
                pod.metadata.name
            )
        })
}

/// `translateServicePortToTargetPort`.
fn translate_service_ports(
    ports: &[String],
    svc: &Service,
    pod: &Pod,
) -> Result<Vec<String>, String> {
    let name = &svc.metadata.name;
    let mut out = Vec::new();
    for port in ports {
        let (local, remote) = split_port(port);
        let mut local = local.to_string();
        let portnum = match atoi(remote) {
            Some(n) => n,
            None => {
                let n = svc
                    .spec
                    .ports
                    .iter()
                    .find(|p| p.name == remote)
                    .map(|p| p.port)
                    .ok_or_else(|| {
                        format!("Service '{name}' does not have a named port '{remote}'")
                    })?;
                if local == remote {
                    local = n.to_string();
                }
                n
            }
        };
        // `LookupContainerPortNumberByServicePort`.
        let spec = svc
            .spec
            .ports
            .iter()
            .find(|p| p.port == portnum)
            .ok_or_else(|| format!("Service {name} does not have a service port {portnum}"))?;
        let container_port = if svc.is_headless() {
            portnum
        } else {
            match &spec.target_port {
                None | Some(IntOrString::Int(0)) => spec.port,
                Some(IntOrString::Int(n)) => *n,
                Some(IntOrString::Str(s)) => container_port_by_name(pod, s)?,
            }
        };
        let remote = container_port.to_string();
        out.push(if local != remote {
            format!("{local}:{remote}")
        } else {
            remote
        });
    }
    Ok(out)
}

/// `convertPodNamedPortToNumber`.
fn convert_named_ports(ports: &[String], pod: &Pod) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for port in ports {
        let (local, remote) = split_port(port);
        if remote.is_empty() {
            return Err("remote port cannot be empty".into());
        }
        let number = match atoi(remote) {
            Some(_) => remote.to_string(),
            None => container_port_by_name(pod, remote)?.to_string(),
        };
        out.push(if local != remote {
            format!("{local}:{number}")
        } else {
            number
        });
    }
    Ok(out)
}

/// Go's `strconv.ParseUint(s, 10, 16)`, with its errors.
fn parse_u16(s: &str) -> Result<u16, String> {
    super::modify::parse_uint16(s).map(|n| n as u16)
}

/// client-go's `parsePorts`: (local, remote), local 0 for `:REMOTE`.
fn parse_ports(ports: &[String]) -> Result<Vec<(u16, u16)>, String> {
    let mut out = Vec::new();
    for p in ports {
        let parts: Vec<&str> = p.split(':').collect();
        let (local, remote) = match parts.as_slice() {
            [one] => (*one, *one),
            [l, r] => (if l.is_empty() { "0" } else { *l }, *r),
            _ => return Err(format!("invalid port format '{p}'")),
        };
        let l = parse_u16(local).map_err(|e| format!("error parsing local port '{local}': {e}"))?;
        let r =
            parse_u16(remote).map_err(|e| format!("error parsing remote port '{remote}': {e}"))?;
        if r == 0 {
            return Err("remote port must be > 0".into());
        }
        out.push((l, r));
    }
    Ok(out)
}

/// client-go's `parseAddresses`: `localhost` is both loopbacks.
fn parse_addresses(list: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for a in list.split(',').map(str::trim) {
        if a == "localhost" {
            for l in crate::console::workstation::LOOPBACK {
                if !out.iter().any(|x| x == l) {
                    out.push(l.to_string());
                }
            }
        } else if a.parse::<std::net::IpAddr>().is_ok() {
            if !out.iter().any(|x| x == a) {
                out.push(a.to_string());
            }
        } else {
            return Err(format!("{a} is not a valid IP"));
        }
    }
    Ok(out)
}

/// `net.JoinHostPort`.
fn join_host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Whether two listeners would take the same socket (a wildcard address
/// takes every address of its family).
fn overlaps(a: &str, b: &str) -> bool {
    let v6 = |x: &str| x.contains(':');
    a == b || (v6(a) == v6(b) && (a == "0.0.0.0" || b == "0.0.0.0" || a == "::" || b == "::"))
}

pub fn port_forward(ctx: &mut Ctx, p: &Parsed) -> i32 {
    if p.args.len() < 2 {
        return ctx.usage_for(
            "port-forward",
            "TYPE/NAME and list of ports are required for port-forward",
        );
    }
    let ns = ctx.namespace(p);
    let target = p.args[0].clone();
    let ports: Vec<String> = p.args[1..].to_vec();
    // The builder fetches the named object first.
    let (kind, name) = match target.split_once('/') {
        Some((t, n)) => match super::resources::kind_of(t) {
            Ok(k) => (k, n.to_string()),
            Err(e) => return ctx.fail(&e),
        },
        None => (Kind::Pod, target.clone()),
    };
    if let Err(e) = ctx.console.engine.get(kind, &ns, &name) {
        ctx.err(&format!("{}\n", e.kubectl_text()));
        return 1;
    }
    let pod_name = match super::exec::pod_of(ctx, &ns, &target) {
        Ok(n) => n,
        Err(e) if e.starts_with("Error from server") => {
            ctx.err(&format!("{e}\n"));
            return 1;
        }
        Err(e) => return ctx.fail(&e),
    };
    let Some(pod) = ctx.console.engine.store().pods.get(&ns, &pod_name).cloned() else {
        ctx.err(&format!(
            "Error from server (NotFound): pods {pod_name:?} not found\n"
        ));
        return 1;
    };
    let translated = if kind == Kind::Service {
        let svc = ctx.console.engine.store().services.get(&ns, &name).cloned();
        match svc {
            Some(svc) => translate_service_ports(&ports, &svc, &pod),
            None => Ok(ports.clone()),
        }
    } else {
        convert_named_ports(&ports, &pod)
    };
    let translated = match translated {
        Ok(t) => t,
        Err(e) => return ctx.fail(&e),
    };
    if pod.status.phase != "Running" {
        return ctx.fail(&format!(
            "unable to forward port because pod is not running. Current status={}",
            pod.status.phase
        ));
    }
    // `--address` is a list (repeated or comma-separated).
    let given = p.values("address").join(",");
    let addresses = match parse_addresses(if given.is_empty() {
        "localhost"
    } else {
        &given
    }) {
        Ok(a) => a,
        Err(e) => return ctx.fail(&e),
    };
    let pairs = match parse_ports(&translated) {
        Ok(x) => x,
        Err(e) => return ctx.fail(&e),
    };
    let mut opened = Vec::new();
    let mut any = false;
    for (i, (local, remote)) in pairs.iter().copied().enumerate() {
        // `:REMOTE`: the system picks a free port.
        let local = if local == 0 {
            free_port(ctx, &target, i)
        } else {
            local
        };
        let taken: Vec<String> = {
            let live = ctx.console.live_forwards();
            addresses
                .iter()
                .filter(|a| {
                    live.iter().chain(opened.iter()).any(|f: &Forward| {
                        f.local == local && f.addresses.iter().any(|b| overlaps(a, b))
                    })
                })
                .cloned()
                .collect()
        };
        if !taken.is_empty() {
            let errors: Vec<String> = taken
                .iter()
                .map(|a| {
                    let proto = if a.contains(':') { "tcp6" } else { "tcp4" };
                    format!(
                        "unable to create listener: Error listen {proto} {}: bind: address already in use",
                        join_host_port(a, local)
                    )
                })
                .collect();
            ctx.err(&format!(
                "Unable to listen on port {local}: Listeners failed to create with the following errors: [{}]\n",
                errors.join(" ")
            ));
            continue;
        }
        any = true;
        for a in &addresses {
            ctx.out(&format!(
                "Forwarding from {} -> {remote}\n",
                join_host_port(a, local)
            ));
        }
        opened.push(Forward {
            addresses: addresses.clone(),
            local,
            remote,
            namespace: ns.clone(),
            pod: pod_name.clone(),
            uid: pod.metadata.uid.to_string(),
        });
    }
    if !any {
        let list: Vec<String> = pairs.iter().map(|(l, r)| format!("{{{l} {r}}}")).collect();
        return ctx.fail(&format!(
            "unable to listen on any of the requested ports: [{}]",
            list.join(" ")
        ));
    }
    // Said with the first forward of a while: the others work the same way.
    if ctx.console.live_forwards().is_empty() {
        ctx.err("Note: the forward stays open in the background of this console (a terminal would need `&` or a second window); `curl localhost:PORT` here goes through it, until its Pod goes away.\n");
    }
    ctx.console.forwards.extend(opened);
    0
}

/// A free local port for `:REMOTE`, chosen as an OS picks an ephemeral
/// one (here from the seed-independent command, so transcripts are stable).
fn free_port(ctx: &mut Ctx, target: &str, i: usize) -> u16 {
    let mut h: u32 = 2166136261;
    for b in target.bytes().chain((i as u32).to_le_bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(16777619);
    }
    let mut port = 32768 + (h % 28000) as u16;
    while ctx.console.live_forwards().iter().any(|f| f.local == port) {
        port += 1;
    }
    port
}
