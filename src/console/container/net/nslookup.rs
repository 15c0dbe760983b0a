//! `nslookup` in its three dialects: busybox up to 1.28 (the libc resolver,
//! `Address 1: IP NAME`, the tutorial's busybox:1.28, R8.15), busybox 1.29+
//! (its own DNS client: names with a dot are sent as typed, names without
//! one get the search domains appended from 1.30 on — 1.29 sends every name
//! as typed — and every reply is printed), and bind9's (dnsutils images).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::dns::{Answer, QType, RData, Rcode};

use super::resolve::{dns_reachable, is_ipv4, reverse_name};
use crate::console::container::busybox_usage;
use crate::console::container::host::ContainerHost;
use crate::console::container::image::Nslookup;

pub(crate) fn run(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    match h.tools.nslookup {
        Some(Nslookup::BusyboxOld) => busybox_old(h, args, io),
        Some(Nslookup::BusyboxNew) => busybox_new(h, args, true, io),
        Some(Nslookup::Busybox129) => busybox_new(h, args, false, io),
        _ => bind(h, args, io),
    }
}

/// Runs a client with `server` (an argument, or the resolv.conf's first
/// nameserver) as the one its queries go to.
pub(crate) fn with_server(
    h: &mut ContainerHost<'_>,
    server: Option<String>,
    f: impl FnOnce(&mut ContainerHost<'_>) -> i32,
) -> i32 {
    // A server named rather than numbered is looked up first, as the
    // clients do.
    let server = server.map(|s| {
        if is_ipv4(&s) {
            s
        } else {
            h.lookup_v4(&s)
                .and_then(|l| l.addrs.first().cloned())
                .unwrap_or(s)
        }
    });
    let saved = h.dns_server.take();
    h.dns_server = server.or(saved.clone());
    let code = f(h);
    h.dns_server = saved;
    code
}

fn busybox_old(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() || args[0].starts_with('-') || args.len() > 2 {
        io.err(&busybox_usage::show("nslookup", false));
        return 1;
    }
    let name = &args[0];
    let server = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| h.default_dns_server());
    let server_ip = if is_ipv4(&server) {
        server.clone()
    } else {
        h.lookup_v4(&server)
            .and_then(|l| l.addrs.first().cloned())
            .unwrap_or_default()
    };
    // print_host(server, "Server:"): the server's own reverse name follows.
    io.out(&format!("{:<10} {}\n", "Server:", server_ip));
    let rev = h.reverse_lookup(&server_ip);
    io.out(&address_line(1, &server_ip, rev.as_deref()));
    io.out("\n");
    if !dns_reachable(h.engine, &server_ip) && !dns_reachable(h.engine, &server) {
        // Nobody answers there: the resolver times out (2 tries × 5 s).
        h.wait(crate::engine::SimDuration::secs(10));
        io.err(&format!("nslookup: can't resolve '{name}'\n"));
        return 1;
    }
    let asked = (!server_ip.is_empty()).then(|| server_ip.clone());
    with_server(h, asked, |h| match h.lookup_v4(name) {
        Some(l) => {
            io.out(&format!("{:<10} {}\n", "Name:", name));
            for (i, ip) in l.addrs.iter().enumerate() {
                let rev = h.reverse_lookup(ip);
                io.out(&address_line(i + 1, ip, rev.as_deref()));
            }
            0
        }
        None => {
            io.err(&format!("nslookup: can't resolve '{name}'\n"));
            1
        }
    })
}

fn address_line(n: usize, ip: &str, rev: Option<&str>) -> String {
    match rev {
        Some(r) => format!("Address {n}: {ip} {r}\n"),
        None => format!("Address {n}: {ip}\n"),
    }
}

/// Options of the newer nslookups: `-type=SRV`, `-query=`, `-q=`, `-debug`.
pub(crate) struct Parsed {
    pub(crate) name: String,
    pub(crate) server: Option<String>,
    pub(crate) qtype: Option<QType>,
}

fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut qtype = None;
    let mut rest = Vec::new();
    for a in args {
        if let Some(opt) = a.strip_prefix('-') {
            let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
            match k {
                "type" | "query" | "q" | "t" | "querytype" => {
                    qtype = Some(QType::parse(v).ok_or_else(|| v.to_string())?)
                }
                _ => {}
            }
        } else {
            rest.push(a.clone());
        }
    }
    let Some(name) = rest.first().cloned() else {
        return Err(String::new());
    };
    Ok(Parsed {
        name,
        server: rest.get(1).cloned(),
        qtype,
    })
}

/// An answer record as busybox 1.30+ and bind print it (without the
/// `Name:`/`Address:` form used for A records).
fn record_line(owner: &str, data: &RData, trailing_dot: bool) -> String {
    let dot = |t: &str| {
        if trailing_dot {
            t.to_string()
        } else {
            t.trim_end_matches('.').to_string()
        }
    };
    match data {
        RData::A(ip) => format!("Name:\t{owner}\nAddress: {ip}\n"),
        RData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!("{owner}\tservice = {priority} {weight} {port} {}\n", dot(target)),
        RData::Ptr(t) => format!("{owner}\tname = {}\n", dot(t)),
        RData::Cname(t) => format!("{owner}\tcanonical name = {}\n", dot(t)),
        RData::Ns(t) => format!("{owner}\tnameserver = {}\n", dot(t)),
        RData::Txt(t) => format!("{owner}\ttext = \"{t}\"\n"),
        RData::Soa {
            mname,
            rname,
            serial,
            refresh,
            retry,
            expire,
            minimum,
        } => format!(
            "{owner}\n\torigin = {}\n\tmail addr = {}\n\tserial = {serial}\n\trefresh = {refresh}\n\tretry = {retry}\n\texpire = {expire}\n\tminimum = {minimum}\n",
            dot(mname),
            dot(rname)
        ),
    }
}

fn in_cluster_zone(name: &str) -> bool {
    let n = name.trim_end_matches('.');
    n.ends_with(crate::engine::bootstrap::CLUSTER_DOMAIN) || n.ends_with(".in-addr.arpa")
}

/// busybox's own DNS client; `search`: whether it appends the search
/// domains to names without a dot (1.30 and later; 1.29 asks every name
/// as typed).
fn busybox_new(h: &mut ContainerHost<'_>, args: &[String], search: bool, io: &mut Io) -> i32 {
    let p = match parse(args) {
        Ok(p) => p,
        Err(t) if !t.is_empty() => {
            io.err(&format!("nslookup: invalid query type \"{t}\"\n"));
            return 1;
        }
        Err(_) => {
            // 1.29 prints the same usage as 1.36.
            io.err(&busybox_usage::show("nslookup", true));
            return 1;
        }
    };
    let server = p.server.clone().unwrap_or_else(|| h.default_dns_server());
    if !dns_reachable(h.engine, &server) {
        h.wait(crate::engine::SimDuration::secs(15));
        io.out(";; connection timed out; no servers could be reached\n\n");
        return 1;
    }
    with_server(h, Some(server.clone()), |h| {
        busybox_new_ask(h, &p, &server, search, io)
    })
}

fn busybox_new_ask(
    h: &mut ContainerHost<'_>,
    p: &Parsed,
    server: &str,
    with_search: bool,
    io: &mut Io,
) -> i32 {
    // The queries, in the order busybox sends them.
    let mut queries: Vec<(String, QType)> = Vec::new();
    let search = h.dns_config().searches;
    let mut add = |name: &str, t: QType| {
        if !with_search || t == QType::Ptr || name.contains('.') {
            queries.push((name.to_string(), t));
        } else {
            for s in &search {
                queries.push((format!("{name}.{s}"), t));
            }
        }
    };
    match p.qtype {
        Some(t) => add(&p.name, t),
        None if is_ipv4(&p.name) => add(&reverse_name(&p.name), QType::Ptr),
        None => {
            add(&p.name, QType::A);
            add(&p.name, QType::Aaaa);
        }
    }
    io.out(&format!("Server:\t\t{server}\nAddress:\t{server}:53\n\n"));
    let mut status = 0;
    for (qname, t) in queries {
        let a = h.query_traced(&qname, t);
        if a.rcode != Rcode::NoError {
            io.out(&format!(
                "** server can't find {qname}: {}\n",
                a.rcode.as_str()
            ));
            status = 1;
        } else {
            if !in_cluster_zone(&qname) {
                io.out("Non-authoritative answer:\n");
            }
            for r in &a.answers {
                io.out(&record_line(r.name.trim_end_matches('.'), &r.data, false));
            }
        }
        io.out("\n");
    }
    status
}

/// bind's nslookup command line (here and on the workstation), or its exit
/// code when there is no question to ask: without a name it starts its
/// interactive mode, which reads stdin and, without a terminal, ends at
/// once; an unknown `-type` is refused.
pub(crate) fn bind_args(args: &[String], io: &mut Io) -> Result<Parsed, i32> {
    parse(args).map_err(|t| {
        if t.is_empty() {
            io.out("> ");
            0
        } else {
            io.err(&format!("unknown query type: {t}\n"));
            1
        }
    })
}

fn bind(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let p = match bind_args(args, io) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let server = p.server.clone().unwrap_or_else(|| h.default_dns_server());
    if !dns_reachable(h.engine, &server) {
        h.wait(crate::engine::SimDuration::secs(15));
        io.out(";; connection timed out; no servers could be reached\n\n");
        return 1;
    }
    with_server(h, Some(server.clone()), |h| bind_ask(h, &p, &server, io))
}

fn bind_ask(h: &mut ContainerHost<'_>, p: &Parsed, server: &str, io: &mut Io) -> i32 {
    io.out(&format!("Server:\t\t{server}\nAddress:\t{server}#53\n\n"));
    // bind's `addlookup` reverses an address whatever `-type` asked.
    if is_ipv4(&p.name) {
        let rev = reverse_name(&p.name);
        let a = h.query_traced(&rev, QType::Ptr);
        return print_bind(io, &rev, &a, true);
    }
    let types: Vec<QType> = match p.qtype {
        Some(t) => vec![t],
        None => vec![QType::A, QType::Aaaa],
    };
    let mut status = 0;
    let mut printed_any = false;
    for (i, t) in types.iter().enumerate() {
        let r = h.resolve_bind_traced(&p.name, *t);
        let a = &r.answer;
        if a.rcode != Rcode::NoError {
            // bind reports a failed name once, as typed.
            if i == 0 {
                io.out(&format!(
                    "** server can't find {}: {}\n\n",
                    p.name,
                    a.rcode.as_str()
                ));
                return 1;
            }
            continue;
        }
        if a.answers.is_empty() {
            if p.qtype.is_some() {
                io.out(&format!("*** Can't find {}: No answer\n\n", p.name));
                status = 0;
            }
            continue;
        }
        if !in_cluster_zone(&a.qname) && !printed_any {
            io.out("Non-authoritative answer:\n");
        }
        for rec in &a.answers {
            io.out(&record_line(
                rec.name.trim_end_matches('.'),
                &rec.data,
                true,
            ));
        }
        printed_any = true;
    }
    if printed_any {
        io.out("\n");
    }
    status
}

fn print_bind(io: &mut Io, name: &str, a: &Answer, dots: bool) -> i32 {
    if a.rcode != Rcode::NoError {
        io.out(&format!(
            "** server can't find {name}: {}\n\n",
            a.rcode.as_str()
        ));
        return 1;
    }
    for r in &a.answers {
        io.out(&record_line(r.name.trim_end_matches('.'), &r.data, dots));
    }
    io.out("\n");
    0
}
