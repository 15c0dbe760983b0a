//! bind9's `dig` (9.18 layout: header, OPT pseudosection with the echoed
//! cookie, sections aligned on dig's tab columns, `;; SERVER: … (UDP)`, the
//! message size CoreDNS's uncompressed reply has) and `host`.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::dns::{Answer, QType, RData, Rcode, Record};

use super::resolve::{dns_reachable, is_ipv4, reverse_name};
use crate::console::container::clock::Tm;
use crate::console::container::host::ContainerHost;

pub const DIG_VERSION: &str = "9.18.33-1~deb12u2-Debian";
/// jessie-dnsutils' dig (Debian 8, BIND 9.9): no cookie, a 4096-byte EDNS
/// buffer, no mDNS warning, no transport after the server.
pub const DIG_VERSION_JESSIE: &str = "9.9.5-9+deb8u19-Debian";

/// dig's print switches.
#[derive(Clone, Copy)]
struct Show {
    short: bool,
    cmd: bool,
    comments: bool,
    question: bool,
    answer: bool,
    authority: bool,
    additional: bool,
    stats: bool,
    search: bool,
    cookie: bool,
    edns: bool,
}

impl Default for Show {
    fn default() -> Self {
        Show {
            short: false,
            cmd: true,
            comments: true,
            question: true,
            answer: true,
            authority: true,
            additional: true,
            stats: true,
            search: false,
            cookie: true,
            edns: true,
        }
    }
}

/// Bytes of a name in wire form, uncompressed (CoreDNS's replies are not
/// compressed: a NXDOMAIN with the SOA measures 184 bytes for a 52-byte name).
fn name_len(name: &str) -> usize {
    let n = name.trim_end_matches('.');
    if n.is_empty() {
        1
    } else {
        n.split('.').map(|l| l.len() + 1).sum::<usize>() + 1
    }
}

fn rdata_len(d: &RData) -> usize {
    match d {
        RData::A(_) => 4,
        RData::Srv { target, .. } => 6 + name_len(target),
        RData::Ptr(t) | RData::Cname(t) | RData::Ns(t) => name_len(t),
        RData::Txt(t) => 1 + t.len(),
        RData::Soa { mname, rname, .. } => name_len(mname) + name_len(rname) + 20,
    }
}

fn rr_len(r: &Record) -> usize {
    name_len(&r.name) + 10 + rdata_len(&r.data)
}

/// The size of the reply: header, question, records, and the OPT record
/// with the 8-byte client cookie echoed.
fn msg_size(a: &Answer, authority: &[Record], edns: bool, cookie: bool) -> usize {
    let opt = if edns {
        11 + if cookie { 12 } else { 0 }
    } else {
        0
    };
    12 + name_len(&a.qname)
        + 4
        + a.answers.iter().map(rr_len).sum::<usize>()
        + authority.iter().map(rr_len).sum::<usize>()
        + a.additional.iter().map(rr_len).sum::<usize>()
        + opt
}

/// bind's `indent`: tabs (width 8) and then spaces to reach `to`, at least one.
fn indent_to(line: &mut String, col: &mut usize, to: usize) {
    let to = to.max(*col + 1);
    let tabs = to / 8 - *col / 8;
    let mut from = *col;
    if tabs > 0 {
        for _ in 0..tabs {
            line.push('\t');
        }
        from = (to / 8) * 8;
    }
    for _ in from..to {
        line.push(' ');
    }
    *col = to;
}

fn rdata_text(d: &RData) -> String {
    match d {
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
    }
}

fn type_name(d: &RData) -> &'static str {
    match d {
        RData::A(_) => "A",
        RData::Srv { .. } => "SRV",
        RData::Ptr(_) => "PTR",
        RData::Txt(_) => "TXT",
        RData::Cname(_) => "CNAME",
        RData::Ns(_) => "NS",
        RData::Soa { .. } => "SOA",
    }
}

/// One record in dig's default style: columns 24 (TTL), 32 (class), 40
/// (type), 48 (data).
pub fn record_text(r: &Record) -> String {
    let mut line = r.name.clone();
    let mut col = line.len();
    indent_to(&mut line, &mut col, 24);
    let ttl = r.ttl.to_string();
    line.push_str(&ttl);
    col += ttl.len();
    indent_to(&mut line, &mut col, 32);
    line.push_str("IN");
    col += 2;
    indent_to(&mut line, &mut col, 40);
    let t = type_name(&r.data);
    line.push_str(t);
    col += t.len();
    indent_to(&mut line, &mut col, 48);
    line.push_str(&rdata_text(&r.data));
    line
}

fn question_text(qname: &str, qtype: QType) -> String {
    let mut line = format!(";{qname}");
    let mut col = line.len();
    indent_to(&mut line, &mut col, 32);
    line.push_str("IN");
    col += 2;
    indent_to(&mut line, &mut col, 40);
    line.push_str(qtype.as_str());
    line
}

/// The SOA an upstream resolver returns with a negative answer for a name
/// CoreDNS forwarded: for the reverse names of the private ranges (RFC 1918,
/// where Pod and Service addresses are) that of their AS112 zone (RFC 6304:
/// `10.in-addr.arpa.` …), for any other name the root zone's.
fn upstream_soa(qname: &str, now_unix: i64) -> Record {
    if let Some(zone) = private_reverse_zone(qname) {
        return Record {
            name: zone,
            // The resolver's negative cache holds it at most 3 hours (max-ncache-ttl).
            ttl: 10_800 - (now_unix.rem_euclid(3_600)) as u32,
            data: RData::Soa {
                mname: "prisoner.iana.org.".into(),
                rname: "hostmaster.root-servers.org.".into(),
                serial: 1,
                refresh: 604_800,
                retry: 60,
                expire: 604_800,
                minimum: 604_800,
            },
            why: crate::engine::dns::Why::Negative,
        };
    }
    root_soa(now_unix)
}

/// `5.1.244.10.in-addr.arpa.` → `10.in-addr.arpa.`; `…16.172.in-addr.arpa.`
/// → `16.172.in-addr.arpa.`; `…168.192.in-addr.arpa.` → `168.192.in-addr.arpa.`.
fn private_reverse_zone(qname: &str) -> Option<String> {
    let rev = qname
        .trim_end_matches('.')
        .to_ascii_lowercase()
        .strip_suffix(".in-addr.arpa")?
        .to_string();
    let mut o = rev.rsplit('.');
    let (a, b) = (o.next()?, o.next());
    match (a, b) {
        ("10", _) => Some("10.in-addr.arpa.".into()),
        ("172", Some(b)) if b.parse::<u8>().is_ok_and(|b| (16..32).contains(&b)) => {
            Some(format!("{b}.172.in-addr.arpa."))
        }
        ("192", Some("168")) => Some("168.192.in-addr.arpa.".into()),
        _ => None,
    }
}

/// The root zone's SOA, as an upstream resolver returns it with a negative
/// answer for a name outside the cluster.
fn root_soa(now_unix: i64) -> Record {
    let tm = Tm::from_unix(now_unix);
    Record {
        name: ".".into(),
        ttl: 86_400 - (now_unix.rem_euclid(3_600)) as u32,
        data: RData::Soa {
            mname: "a.root-servers.net.".into(),
            rname: "nstld.verisign-grs.com.".into(),
            serial: format!("{:04}{:02}{:02}00", tm.year, tm.month, tm.day)
                .parse()
                .unwrap_or(0),
            refresh: 1800,
            retry: 900,
            expire: 604_800,
            minimum: 86_400,
        },
        why: crate::engine::dns::Why::Negative,
    }
}

pub(crate) fn dig(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut show = Show::default();
    let mut name: Option<String> = None;
    let mut qtype: Option<QType> = None;
    let mut server: Option<String> = None;
    let mut reverse = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(opt) = a.strip_prefix('+') {
            let (no, o) = match opt.strip_prefix("no") {
                Some(rest) => (true, rest),
                None => (false, opt),
            };
            let on = !no;
            match o {
                "short" => show.short = on,
                "cmd" => show.cmd = on,
                "comments" => show.comments = on,
                "question" => show.question = on,
                "answer" => show.answer = on,
                "authority" => show.authority = on,
                "additional" => show.additional = on,
                "stats" => show.stats = on,
                "search" => show.search = on,
                "cookie" => show.cookie = on,
                "edns" => show.edns = on,
                "all" => {
                    show.cmd = on;
                    show.comments = on;
                    show.question = on;
                    show.answer = on;
                    show.authority = on;
                    show.additional = on;
                    show.stats = on;
                }
                _ => {}
            }
        } else if let Some(s) = a.strip_prefix('@') {
            server = Some(s.to_string());
        } else if a == "-x" {
            i += 1;
            if let Some(ip) = args.get(i) {
                name = Some(reverse_name(ip));
                qtype = Some(QType::Ptr);
                reverse = true;
            }
        } else if a == "-t" {
            i += 1;
            match args.get(i).and_then(|t| QType::parse(t)) {
                Some(t) => qtype = Some(t),
                None => {
                    io.err(&format!(
                        "dig: invalid type: {}\n",
                        args.get(i).map_or("", |s| s.as_str())
                    ));
                    return 1;
                }
            }
        } else if a == "-p" || a == "-c" || a == "-q" {
            i += 1;
            if a == "-q" {
                name = args.get(i).cloned();
            }
        } else if a.starts_with('-') {
            // -4, -6, -u … change nothing the simulation shows.
        } else if qtype.is_none() && QType::parse(a).is_some() && !reverse {
            qtype = QType::parse(a);
        } else if a.eq_ignore_ascii_case("IN") {
        } else {
            name = Some(a.clone());
        }
        i += 1;
    }
    // `@SERVER` given: dig counts the addresses it found for it.
    let asked_server = server.is_some();
    let server = server.unwrap_or_else(|| h.default_dns_server());
    // `@NAME`: dig looks the server's name up first (the Pod's resolver)
    // and names it beside the address it asked.
    let (server, server_label) = if is_ipv4(&server) {
        (server.clone(), server)
    } else {
        match h.lookup_v4(&server).and_then(|l| l.addrs.first().cloned()) {
            Some(ip) => (ip, server),
            None => {
                io.err(&format!(
                    "dig: couldn't get address for '{server}': not found\n"
                ));
                return 10;
            }
        }
    };
    let cmdline = args.join(" ");
    let jessie = h.tools.jessie;
    let version = if jessie {
        DIG_VERSION_JESSIE
    } else {
        DIG_VERSION
    };
    if jessie {
        show.cookie = false;
    }
    let now = h.clock();
    if !dns_reachable(h.engine, &server) {
        // Only the cluster DNS and the node's resolver answer inside this
        // offline cluster.
        h.wait(crate::engine::SimDuration::secs(15));
        let mut out = String::new();
        if !jessie {
            for _ in 0..3 {
                out.push_str(&format!(
                    ";; communications error to {server}#53: timed out\n"
                ));
            }
        }
        if !show.short {
            out.push_str(&format!(
                "\n; <<>> DiG {version} <<>> {cmdline}\n; (1 server found)\n;; global options: +cmd\n"
            ));
        }
        out.push_str(if jessie {
            ";; connection timed out; no servers could be reached\n"
        } else {
            ";; no servers could be reached\n"
        });
        io.out(&out);
        return 9;
    }
    let (name, qtype) = match name {
        Some(n) => (n, qtype.unwrap_or(QType::A)),
        None => (".".to_string(), qtype.unwrap_or(QType::Ns)),
    };
    let saved = h.dns_server.replace(server.clone());
    let answer = if show.search && !name.ends_with('.') && !is_ipv4(&name) {
        h.resolve_bind_traced(&name, qtype).answer
    } else {
        let fq = if name.ends_with('.') {
            name.clone()
        } else {
            format!("{name}.")
        };
        h.query_traced(&fq, qtype)
    };
    h.dns_server = saved;
    // CoreDNS answers its zones itself (authoritative, `aa`); what it
    // forwards comes back from a recursive resolver (`ra`).
    let zone = !answer.forwarded;
    let mut authority: Vec<Record> = if zone {
        answer.authority.clone()
    } else if answer.rcode != Rcode::NoError || answer.answers.is_empty() {
        vec![upstream_soa(&answer.qname, now.unix_secs())]
    } else {
        Vec::new()
    };
    let mut answer = answer;
    let cache = h
        .engine
        .serves_cluster_dns(&server)
        .then_some(h.engine.coredns.config.cache)
        .flatten();
    crate::engine::dns::cache_capped(
        cache,
        answer.rcode,
        &mut [&mut answer.answers, &mut authority, &mut answer.additional],
    );
    if show.short {
        let mut out = String::new();
        for r in &answer.answers {
            out.push_str(&rdata_text(&r.data));
            out.push('\n');
        }
        io.out(&out);
        return 0;
    }
    let id = (h.hash("dig-id") % 65_536) as u16;
    let cookie = format!("{:016x}", h.hash("dig-cookie"));
    let ms = h.hash("dig-ms") % 3;
    h.next_seq();
    let mut out = String::new();
    if show.cmd {
        let found = if asked_server {
            "; (1 server found)\n"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n; <<>> DiG {version} <<>> {cmdline}\n{found};; global options: +cmd\n"
        ));
    }
    if show.comments {
        out.push_str(";; Got answer:\n");
        if !jessie && answer.qname.trim_end_matches('.').ends_with(".local") {
            out.push_str(";; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n");
        }
        let flags = if zone { "qr aa rd" } else { "qr rd ra" };
        let additional = answer.additional.len() + usize::from(show.edns);
        out.push_str(&format!(
            ";; ->>HEADER<<- opcode: QUERY, status: {}, id: {id}\n;; flags: {flags}; QUERY: 1, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {additional}\n",
            answer.rcode.as_str(),
            answer.answers.len(),
            authority.len()
        ));
        if zone {
            out.push_str(";; WARNING: recursion requested but not available\n");
        }
        out.push('\n');
        if show.edns {
            // CoreDNS answers with the buffer size the query offered.
            let udp = if jessie { 4096 } else { 1232 };
            out.push_str(&format!(
                ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: {udp}\n"
            ));
            if show.cookie {
                out.push_str(&format!("; COOKIE: {cookie} (echoed)\n"));
            }
        }
    }
    if show.question {
        if show.comments {
            out.push_str(";; QUESTION SECTION:\n");
        }
        out.push_str(&question_text(&answer.qname, qtype));
        out.push('\n');
        if show.comments {
            out.push('\n');
        }
    }
    let section = |title: &str, recs: &[Record], on: bool, out: &mut String| {
        if !on || recs.is_empty() {
            return;
        }
        if show.comments {
            out.push_str(&format!(";; {title} SECTION:\n"));
        }
        for r in recs {
            out.push_str(&record_text(r));
            out.push('\n');
        }
        if show.comments {
            out.push('\n');
        }
    };
    section("ANSWER", &answer.answers, show.answer, &mut out);
    section("AUTHORITY", &authority, show.authority, &mut out);
    section("ADDITIONAL", &answer.additional, show.additional, &mut out);
    if show.stats {
        let size = msg_size(&answer, &authority, show.edns, show.cookie);
        out.push_str(&format!(
            ";; Query time: {ms} msec\n;; SERVER: {server}#53({server_label}){}\n;; WHEN: {}\n;; MSG SIZE  rcvd: {size}\n\n",
            if jessie { "" } else { " (UDP)" },
            Tm::at(now).strftime("%a %b %d %H:%M:%S %Z %Y")
        ));
    }
    io.out(&out);
    0
}

/// bind9's `host NAME` / `host IP` / `host -t TYPE NAME`.
pub(crate) fn host(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut qtype: Option<QType> = None;
    let mut rest: Vec<&String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-t" {
            i += 1;
            match args.get(i).and_then(|t| QType::parse(t)) {
                Some(t) => qtype = Some(t),
                None => {
                    io.err(&format!(
                        "host: invalid type: {}\n",
                        args.get(i).map_or("", |s| s.as_str())
                    ));
                    return 1;
                }
            }
        } else if a == "-a" {
            qtype = Some(QType::Any);
        } else if !a.starts_with('-') {
            rest.push(a);
        }
        i += 1;
    }
    let Some(name) = rest.first().map(|s| s.to_string()) else {
        io.err("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
        return 1;
    };
    let asked = rest
        .get(1)
        .map(|s| s.to_string())
        .unwrap_or_else(|| h.default_dns_server());
    if rest.get(1).is_none() && !dns_reachable(h.engine, &asked) {
        // The resolv.conf's server does not answer either.
        h.wait(crate::engine::SimDuration::secs(10));
        io.out(";; connection timed out; no servers could be reached\n");
        return 1;
    }
    if let Some(server) = rest.get(1) {
        if !dns_reachable(h.engine, server) {
            h.wait(crate::engine::SimDuration::secs(10));
            io.out(";; connection timed out; no servers could be reached\n");
            return 1;
        }
        io.out(&format!(
            "Using domain server:\nName: {server}\nAddress: {server}#53\nAliases: \n\n"
        ));
    }
    let server = rest.get(1).map(|s| s.to_string());
    super::nslookup::with_server(h, server, |h| host_ask(h, &name, qtype, io))
}

fn host_ask(h: &mut ContainerHost<'_>, name: &str, qtype: Option<QType>, io: &mut Io) -> i32 {
    let name = name.to_string();
    // host.c reverses an address whatever `-t` asked: the lookup becomes PTR.
    if is_ipv4(&name) {
        let rev = reverse_name(&name);
        let a = h.query_traced(&rev, QType::Ptr);
        if a.rcode != Rcode::NoError {
            io.out(&format!("Host {rev}. not found: 3({})\n", a.rcode.as_str()));
            return 1;
        }
        for r in &a.answers {
            if let RData::Ptr(t) = &r.data {
                io.out(&format!("{rev} domain name pointer {t}\n"));
            }
        }
        return 0;
    }
    let types = match qtype {
        Some(t) => vec![t],
        None => vec![QType::A, QType::Aaaa, QType::Mx],
    };
    let mut status = 0;
    // The name the default AAAA and MX lookups ask: the address answer's
    // name with its CNAMEs followed (host.c `chase_cnamechain`), searched
    // again as a new lookup.
    let mut asked = name.clone();
    for (i, t) in types.iter().enumerate() {
        let r = if i == 0 {
            h.resolve_bind_traced(&asked, *t)
        } else {
            // Only the first lookup is traced: the page animates the address query.
            h.resolve_bind(&asked, *t)
        };
        let a = &r.answer;
        if a.rcode != Rcode::NoError {
            // Any failed lookup makes host exit 1.
            io.out(&format!(
                "Host {asked} not found: 3({})\n",
                a.rcode.as_str()
            ));
            if i == 0 {
                return 1;
            }
            status = 1;
            continue;
        }
        if i == 0 && qtype.is_none() {
            let mut chased = a.qname.clone();
            while let Some(t) = a.answers.iter().find_map(|r| match &r.data {
                RData::Cname(t) if r.name.eq_ignore_ascii_case(&chased) => Some(t.clone()),
                _ => None,
            }) {
                if t.eq_ignore_ascii_case(&chased) {
                    break;
                }
                chased = t;
            }
            asked = chased.trim_end_matches('.').to_string();
        }
        if a.answers.is_empty() && qtype.is_some() {
            io.out(&format!(
                "{} has no {} record\n",
                a.qname.trim_end_matches('.'),
                t.as_str()
            ));
        }
        for rec in &a.answers {
            let owner = rec.name.trim_end_matches('.');
            let line = match &rec.data {
                RData::A(ip) => format!("{owner} has address {ip}\n"),
                RData::Srv {
                    priority,
                    weight,
                    port,
                    target,
                } => format!("{owner} has SRV record {priority} {weight} {port} {target}\n"),
                RData::Ptr(t) => format!("{owner} domain name pointer {t}\n"),
                RData::Cname(t) => format!("{owner} is an alias for {t}\n"),
                RData::Ns(t) => format!("{owner} name server {t}\n"),
                RData::Txt(t) => format!("{owner} descriptive text \"{t}\"\n"),
                RData::Soa { .. } => format!("{owner} has SOA record {}\n", rdata_text(&rec.data)),
            };
            io.out(&line);
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dns::Why;

    fn rec(name: &str, data: RData) -> Record {
        Record {
            name: name.into(),
            ttl: 30,
            data,
            why: Why::Negative,
        }
    }

    #[test]
    fn records_align_on_dig_columns() {
        let mut g = rec("google.com.", RData::A("1.2.3.4".into()));
        g.ttl = 300;
        assert_eq!(record_text(&g), "google.com.\t\t300\tIN\tA\t1.2.3.4");
        assert_eq!(
            record_text(&rec(
                "web-0.nginx.default.svc.cluster.local.",
                RData::A("10.244.1.6".into())
            )),
            "web-0.nginx.default.svc.cluster.local. 30 IN A\t10.244.1.6"
        );
        assert_eq!(
            question_text("web-0.nginx.default.svc.cluster.local.", QType::A),
            ";web-0.nginx.default.svc.cluster.local.\tIN A"
        );
        assert_eq!(
            question_text("google.com.", QType::A),
            ";google.com.\t\t\tIN\tA"
        );
    }

    #[test]
    fn negative_answer_size_matches_a_real_coredns_reply() {
        // `;; MSG SIZE  rcvd: 184` for this NXDOMAIN in a real cluster (kubernetes#90403).
        let a = Answer {
            qname: "qlik-tenants.default.svc.default.svc.cluster.local.".into(),
            qtype: QType::A,
            rcode: Rcode::NxDomain,
            answers: vec![],
            additional: vec![],
            authority: vec![],
            forwarded: false,
        };
        let soa = rec(
            "cluster.local.",
            RData::Soa {
                mname: "ns.dns.cluster.local.".into(),
                rname: "hostmaster.cluster.local.".into(),
                serial: 1,
                refresh: 7200,
                retry: 1800,
                expire: 86400,
                minimum: 5,
            },
        );
        assert_eq!(msg_size(&a, &[soa], true, true), 184);
    }
}
