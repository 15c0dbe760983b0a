//! `nslookup` and `host` typed at the console: the workstation's own
//! resolver, as bind 9's clients show it on a Linux laptop (the stub
//! resolver of systemd-resolved at 127.0.0.53). It knows `localhost` and
//! no name of the cluster: `web-0.nginx` and `nginx.default.svc.cluster.local`
//! exist only in CoreDNS, which the Pods ask (their resolv.conf names it),
//! not the laptop. The simulation has no network beyond the cluster, so
//! every other name is NXDOMAIN here too, as `curl` on the workstation
//! cannot resolve them. A note says where such a lookup gives an answer.
//!
//! This is the first thing someone checking why `web-0.nginx` does not
//! resolve tends to type; the answer teaches where cluster DNS lives.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::LOOPBACK;
use crate::console::container::net::nslookup::bind_args;
use crate::console::container::net::resolve::{is_ipv4, reverse_name};
use crate::console::session::Console;
use crate::console::sh::Io;
use crate::engine::dns::QType;
use crate::engine::SimDuration;

/// systemd-resolved's stub listener, the laptop's `nameserver`.
const STUB: &str = "127.0.0.53";

/// What the stub answers for a name: `localhost`'s two addresses, or
/// nothing (NXDOMAIN).
fn addresses(name: &str) -> Option<[&'static str; 2]> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    (n == "localhost" || n.ends_with(".localhost")).then_some(LOOPBACK)
}

/// The addresses of a name the stub knows, of the type asked (both when
/// none is given), each with whether it is IPv6; None when the name is
/// unknown (NXDOMAIN). Empty: the name exists without records of that type.
fn answers(name: &str, qtype: Option<QType>) -> Option<Vec<(&'static str, bool)>> {
    let [v4, v6] = addresses(name)?;
    Some(match qtype {
        None | Some(QType::Any) => vec![(v4, false), (v6, true)],
        Some(QType::A) => vec![(v4, false)],
        Some(QType::Aaaa) => vec![(v6, true)],
        Some(_) => Vec::new(),
    })
}

/// The PTR answer for an address: only the loopback has one.
fn pointer(ip: &str) -> Option<&'static str> {
    LOOPBACK.contains(&ip).then_some("localhost")
}

/// The note after a name the workstation cannot resolve.
fn elsewhere(io: &mut Io, name: &str) {
    io.err(&format!(
        "Note: this workstation's resolver knows no name of the cluster; CoreDNS answers them, and only Pods ask it. Ask from inside the cluster: kubectl run -it --rm dns-test --image=busybox:1.28 --restart=Never -- nslookup {name}\n"
    ));
}

/// A server given on the command line that is not the laptop's stub: the
/// cluster's addresses are not routed here, so nobody answers.
fn unreachable_server(console: &mut Console, server: &str, io: &mut Io) -> bool {
    if matches!(server, STUB | "127.0.0.1" | "localhost") {
        return false;
    }
    // Three tries of 5 s, as `nslookup` makes them.
    let to = console.engine.now() + SimDuration::secs(15);
    console.engine.advance_to(to);
    io.out(";; connection timed out; no servers could be reached\n\n");
    io.err(&format!("Note: {server} is not routed to this workstation: the cluster's Pod and Service addresses, its DNS Service's among them, answer only inside the cluster.\n"));
    true
}

/// bind 9's `nslookup NAME [SERVER]` on the workstation.
pub fn nslookup(console: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let p = match bind_args(args, io) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let name = p.name.as_str();
    if let Some(server) = &p.server {
        if unreachable_server(console, server, io) {
            return 1;
        }
    }
    io.out(&format!("Server:\t\t{STUB}\nAddress:\t{STUB}#53\n\n"));
    // bind's `addlookup` reverses an address whatever `-type` asked.
    if is_ipv4(name) || name == "::1" {
        return match pointer(name) {
            Some(host) => {
                let rev = if name == "::1" {
                    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa"
                        .to_string()
                } else {
                    reverse_name(name)
                };
                io.out(&format!("{rev}\tname = {host}.\n\n"));
                0
            }
            None => {
                io.out(&format!(
                    "** server can't find {}: NXDOMAIN\n\n",
                    reverse_name(name)
                ));
                elsewhere(io, name);
                1
            }
        };
    }
    match answers(name, p.qtype) {
        None => {
            io.out(&format!("** server can't find {name}: NXDOMAIN\n\n"));
            elsewhere(io, name);
            1
        }
        Some(found) if found.is_empty() => {
            io.out(&format!("*** Can't find {name}: No answer\n\n"));
            0
        }
        Some(found) => {
            io.out("Non-authoritative answer:\n");
            for (ip, _) in found {
                io.out(&format!("Name:\t{name}\nAddress: {ip}\n"));
            }
            io.out("\n");
            0
        }
    }
}

/// bind 9's `host NAME [SERVER]` on the workstation.
pub fn host(console: &mut Console, args: &[String], io: &mut Io) -> i32 {
    // Options, and the values of those that take one (`-t srv`).
    let mut positional: Vec<&String> = Vec::new();
    let mut qtype: Option<String> = None;
    let mut words = args.iter();
    while let Some(a) = words.next() {
        if a == "-t" {
            qtype = words.next().map(|t| t.to_ascii_uppercase());
        } else if matches!(a.as_str(), "-c" | "-N" | "-W" | "-R" | "-m" | "-p") {
            words.next();
        } else if !a.starts_with('-') {
            positional.push(a);
        }
    }
    let Some(&name) = positional.first() else {
        io.err("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
        return 1;
    };
    if let Some(server) = positional.get(1) {
        if unreachable_server(console, server, io) {
            return 1;
        }
        let address = if is_ipv4(server) { server } else { "127.0.0.1" };
        io.out(&format!(
            "Using domain server:\nName: {server}\nAddress: {address}#53\nAliases: \n\n"
        ));
    }
    if is_ipv4(name) {
        let rev = reverse_name(name);
        return match pointer(name) {
            Some(h) => {
                io.out(&format!("{rev} domain name pointer {h}.\n"));
                0
            }
            None => {
                io.out(&format!("Host {rev}. not found: 3(NXDOMAIN)\n"));
                elsewhere(io, name);
                1
            }
        };
    }
    // A type bind does not know: the name exists, without such records.
    let found = match qtype.as_deref().map(QType::parse) {
        Some(None) => addresses(name).map(|_| Vec::new()),
        asked => answers(name, asked.flatten()),
    };
    match found {
        Some(found) if found.is_empty() => {
            let t = qtype.unwrap_or_default();
            io.out(&format!("{name} has no {t} record\n"));
            0
        }
        Some(found) => {
            for (ip, v6) in found {
                let kind = if v6 { "IPv6 address" } else { "address" };
                io.out(&format!("{name} has {kind} {ip}\n"));
            }
            0
        }
        None => {
            io.out(&format!("Host {name} not found: 3(NXDOMAIN)\n"));
            elsewhere(io, name);
            1
        }
    }
}
