//! Cluster DNS checked against CoreDNS's `kubernetes` plugin: its own test
//! tables (github.com/coredns/coredns, `plugin/kubernetes/handler_test.go`,
//! `handler_case_test.go`, `handler_pod_insecure_test.go`,
//! `kubernetes_apex_test.go`, `reverse_test.go`, `parse_test.go`) rebuilt as
//! objects of the simulated cluster, and the code behind them (`handler.go`,
//! `kubernetes.go`, `parse.go`, `reverse.go`, `ns.go`,
//! `plugin/backend_lookup.go`). The upstream tables run with the default TTL
//! of 5 s; kind's Corefile sets `ttl 30` (R8.1), so every TTL here is 30
//! except dns-version's 28800. Upstream cases on IPv6 addresses,
//! multicluster zones, zonal names and `pods verified` have no counterpart
//! here (the simulated cluster is IPv4 only, and kind runs none of those
//! options).
//!
//! The fixture is the upstream one: namespace `testns` with `svc1`
//! (ClusterIP, port `http` 80, an endpoint with hostname `ep1a`),
//! `svcempty` (ClusterIP, no endpoints), `hdls1` (headless, no selector,
//! one EndpointSlice: 172.0.0.2, 172.0.0.3 and 172.0.0.4/172.0.0.5 both
//! with hostname `dup-name`), `hdlsprtls` (headless, a slice without
//! ports), `external` (ExternalName `ext.interwebs.test`) and
//! `external-to-service` (ExternalName `svc1.testns.svc.cluster.local.`).

use ordinal::engine::dns::{Answer, QType, RData, Rcode};
use ordinal::engine::objects::{Kind, Object};
use ordinal::engine::{Engine, SimDuration};
use serde_json::{json, Value};

/// The engine, driven without the invariant checker of `support::Harness`:
/// the upstream fixture's EndpointSlices are written by hand (as for a
/// Service without a selector) and list addresses no Pod of the simulated
/// cluster has, which the checker rightly reports for slices the
/// simulator's own controller writes.
struct Harness {
    engine: Engine,
}

impl Harness {
    fn new(seed: u64) -> Self {
        Harness {
            engine: Engine::with_seed(seed),
        }
    }

    fn create(&mut self, kind: Kind, v: Value) {
        let obj = Object::from_value(kind, v).expect("valid object");
        self.engine.create(obj).expect("created");
    }

    fn advance(&mut self, d: SimDuration) {
        let to = self.engine.now() + d;
        while let Some(t) = self.engine.next_wakeup() {
            if t > to {
                break;
            }
            self.engine.step();
        }
        self.engine.advance_to(to);
    }
}

const SVC1_IP: &str = "10.96.100.1";
const SVCEMPTY_IP: &str = "10.96.100.2";

fn service(name: &str, spec: Value) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": "testns"},
        "spec": spec
    })
}

/// An EndpointSlice of `service` in `testns`: `(address, hostname)` entries,
/// all ready.
fn slice(name: &str, service: &str, eps: &[(&str, Option<&str>)], ports: Value) -> Value {
    let endpoints: Vec<Value> = eps
        .iter()
        .map(|(ip, host)| {
            let mut e = json!({"addresses": [ip], "conditions": {"ready": true}});
            if let Some(h) = host {
                e["hostname"] = json!(h);
            }
            e
        })
        .collect();
    let mut v = json!({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {
            "name": name, "namespace": "testns",
            "labels": {"kubernetes.io/service-name": service}
        },
        "addressType": "IPv4",
        "endpoints": endpoints
    });
    if !ports.is_null() {
        v["ports"] = ports;
    }
    v
}

fn http_port() -> Value {
    json!([{"name": "http", "protocol": "TCP", "port": 80}])
}

/// The upstream `APIConnServeTest` objects (IPv4 part), with ClusterIPs of
/// this cluster's range.
fn fixture() -> Harness {
    let mut h = Harness::new(7);
    h.create(
        Kind::Namespace,
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "testns"}}),
    );
    let http = json!([{"name": "http", "protocol": "TCP", "port": 80}]);
    h.create(
        Kind::Service,
        service("svc1", json!({"clusterIP": SVC1_IP, "ports": http})),
    );
    h.create(
        Kind::Service,
        service("svcempty", json!({"clusterIP": SVCEMPTY_IP, "ports": http})),
    );
    h.create(
        Kind::Service,
        service("hdls1", json!({"clusterIP": "None", "ports": http})),
    );
    h.create(
        Kind::Service,
        service("hdlsprtls", json!({"clusterIP": "None"})),
    );
    h.create(
        Kind::Service,
        service(
            "external",
            json!({"type": "ExternalName", "externalName": "ext.interwebs.test", "ports": http}),
        ),
    );
    h.create(
        Kind::Service,
        service(
            "external-to-service",
            json!({"type": "ExternalName", "externalName": "svc1.testns.svc.cluster.local.", "ports": http}),
        ),
    );
    h.create(
        Kind::EndpointSlice,
        slice(
            "svc1-slice1",
            "svc1",
            &[("172.0.0.1", Some("ep1a"))],
            http_port(),
        ),
    );
    h.create(
        Kind::EndpointSlice,
        slice(
            "hdls1-slice1",
            "hdls1",
            &[
                ("172.0.0.2", None),
                ("172.0.0.3", None),
                ("172.0.0.4", Some("dup-name")),
                ("172.0.0.5", Some("dup-name")),
            ],
            http_port(),
        ),
    );
    h.create(
        Kind::EndpointSlice,
        slice(
            "hdlsprtls-slice1",
            "hdlsprtls",
            &[("172.0.0.20", None)],
            Value::Null,
        ),
    );
    h.advance(SimDuration::secs(2));
    h
}

fn q(h: &Harness, name: &str, t: QType) -> Answer {
    h.engine.dns_query(name, t)
}

fn lines(rs: &[ordinal::engine::dns::Record]) -> Vec<String> {
    rs.iter().map(|r| r.zone_line()).collect()
}

fn rr(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join("\t")
}

/// The record in zone-file form, with single spaces in its data as
/// `zone_line` writes them (`rr` would tab them apart).
fn line(name: &str, ttl: u32, ty: &str, data: &str) -> String {
    format!("{name}\t{ttl}\tIN\t{ty}\t{data}")
}

/// A positive answer: NOERROR, these records in this order, nothing in the
/// authority section.
#[track_caller]
fn assert_answer(a: &Answer, want: &[String]) {
    assert_eq!(a.rcode, Rcode::NoError, "{} {:?}: {a:#?}", a.qname, a.qtype);
    assert!(!a.forwarded, "{}: answered by the plugin", a.qname);
    assert_eq!(lines(&a.answers), want, "{} {:?}", a.qname, a.qtype);
    assert!(a.authority.is_empty(), "{}: {:?}", a.qname, a.authority);
}

/// The SOA CoreDNS puts in a negative answer (`plugin.SOA`): the zone as
/// the question spelled it, TTL min(ttl, 300) = 30, minimum = ttl = 30.
#[track_caller]
fn assert_soa(a: &Answer, zone: &str) {
    assert_eq!(a.authority.len(), 1, "{}: {:?}", a.qname, a.authority);
    let soa = &a.authority[0];
    assert_eq!(soa.name, zone);
    assert_eq!(soa.ttl, 30);
    match &soa.data {
        RData::Soa {
            mname,
            rname,
            refresh,
            retry,
            expire,
            minimum,
            ..
        } => {
            assert_eq!(mname, &format!("ns.dns.{zone}"));
            assert_eq!(rname, &format!("hostmaster.{zone}"));
            assert_eq!(
                (*refresh, *retry, *expire, *minimum),
                (7200, 1800, 86400, 30)
            );
        }
        other => panic!("not a SOA: {other:?}"),
    }
}

/// NOERROR without records (NODATA), the zone's SOA in the authority section.
#[track_caller]
fn assert_nodata(a: &Answer) {
    assert_nodata_in(a, "cluster.local.");
}

#[track_caller]
fn assert_nodata_in(a: &Answer, zone: &str) {
    assert_eq!(
        (a.rcode, a.answers.len(), a.forwarded),
        (Rcode::NoError, 0, false),
        "{} {:?}: {a:#?}",
        a.qname,
        a.qtype
    );
    assert!(a.additional.is_empty());
    assert_soa(a, zone);
}

/// NXDOMAIN from the plugin itself (authoritative, the zone's SOA).
#[track_caller]
fn assert_nxdomain(a: &Answer) {
    assert_nxdomain_in(a, "cluster.local.");
}

#[track_caller]
fn assert_nxdomain_in(a: &Answer, zone: &str) {
    assert_eq!(
        (a.rcode, a.answers.len(), a.forwarded),
        (Rcode::NxDomain, 0, false),
        "{} {:?}: {a:#?}",
        a.qname,
        a.qtype
    );
    assert_soa(a, zone);
}

/// Handed on by `fallthrough in-addr.arpa ip6.arpa` or outside the zones:
/// the upstream resolver's NXDOMAIN, without the plugin's SOA.
#[track_caller]
fn assert_forwarded(a: &Answer) {
    assert!(a.forwarded, "{} {:?}: {a:#?}", a.qname, a.qtype);
    assert_eq!(a.rcode, Rcode::NxDomain);
    assert!(a.answers.is_empty() && a.authority.is_empty());
}

// ---------------------------------------------------------------------
// handler_test.go, commonDnsTestCases and dnsTestCases
// ---------------------------------------------------------------------

/// "A Service": the ClusterIP, whatever the endpoints (`svcempty` has none).
#[test]
fn coredns_handler_a_clusterip_service_with_and_without_endpoints() {
    let h = fixture();
    assert_answer(
        &q(&h, "svc1.testns.svc.cluster.local.", QType::A),
        &[rr(&format!(
            "svc1.testns.svc.cluster.local. 30 IN A {SVC1_IP}"
        ))],
    );
    assert_answer(
        &q(&h, "svcempty.testns.svc.cluster.local.", QType::A),
        &[rr(&format!(
            "svcempty.testns.svc.cluster.local. 30 IN A {SVCEMPTY_IP}"
        ))],
    );
}

/// "SRV Service": a ClusterIP Service's SRV names the Service itself on its
/// service port, weight 100, its ClusterIP in the additional section; with
/// or without the `_http._tcp` labels.
#[test]
fn coredns_handler_srv_clusterip_service_plain_and_named_port() {
    let h = fixture();
    for (svc, ip) in [("svc1", SVC1_IP), ("svcempty", SVCEMPTY_IP)] {
        let target = format!("{svc}.testns.svc.cluster.local.");
        for qname in [target.clone(), format!("_http._tcp.{target}")] {
            let a = q(&h, &qname, QType::Srv);
            assert_answer(
                &a,
                &[line(&qname, 30, "SRV", &format!("0 100 80 {target}"))],
            );
            assert_eq!(lines(&a.additional), vec![line(&target, 30, "A", ip)]);
        }
    }
}

/// "A Service (Headless)" and "(Headless and Portless)": one A per ready
/// endpoint address, in the slice's order (`loadbalance` would shuffle
/// them on a real server; the simulator keeps the slice's order so a
/// run replays), and a slice without ports still gives its addresses.
#[test]
fn coredns_handler_a_headless_service_and_portless_headless_service() {
    let h = fixture();
    let want: Vec<String> = ["172.0.0.2", "172.0.0.3", "172.0.0.4", "172.0.0.5"]
        .iter()
        .map(|ip| line("hdls1.testns.svc.cluster.local.", 30, "A", ip))
        .collect();
    assert_answer(&q(&h, "hdls1.testns.svc.cluster.local.", QType::A), &want);
    assert_answer(
        &q(&h, "hdlsprtls.testns.svc.cluster.local.", QType::A),
        &[rr("hdlsprtls.testns.svc.cluster.local. 30 IN A 172.0.0.20")],
    );
    // The sentinel port −1 of a portless slice gives no SRV record: NODATA.
    assert_nodata(&q(&h, "hdlsprtls.testns.svc.cluster.local.", QType::Srv));
}

/// "SRV Service (Headless)": one SRV per (target, port) — `dup-name` once
/// though two endpoints carry it — weight ⌊100 / 4 found⌋ = 25, and every
/// address in the additional section, `dup-name` twice.
#[test]
fn coredns_handler_srv_headless_service_dedups_targets_not_addresses() {
    let h = fixture();
    let qname = "_http._tcp.hdls1.testns.svc.cluster.local.";
    let a = q(&h, qname, QType::Srv);
    let z = "hdls1.testns.svc.cluster.local.";
    assert_answer(
        &a,
        &[
            line(qname, 30, "SRV", &format!("0 25 80 172-0-0-2.{z}")),
            line(qname, 30, "SRV", &format!("0 25 80 172-0-0-3.{z}")),
            line(qname, 30, "SRV", &format!("0 25 80 dup-name.{z}")),
        ],
    );
    assert_eq!(
        lines(&a.additional),
        vec![
            rr(&format!("172-0-0-2.{z} 30 IN A 172.0.0.2")),
            rr(&format!("172-0-0-3.{z} 30 IN A 172.0.0.3")),
            rr(&format!("dup-name.{z} 30 IN A 172.0.0.4")),
            rr(&format!("dup-name.{z} 30 IN A 172.0.0.5")),
        ]
    );
}

/// "An Endpoint ip", "An Endpoint by name", "An Endpoint with no port".
#[test]
fn coredns_handler_a_endpoint_by_dashed_ip_by_hostname_and_without_port() {
    let h = fixture();
    assert_answer(
        &q(&h, "172-0-0-2.hdls1.testns.svc.cluster.local.", QType::A),
        &[rr(
            "172-0-0-2.hdls1.testns.svc.cluster.local. 30 IN A 172.0.0.2",
        )],
    );
    assert_answer(
        &q(&h, "172-0-0-3.hdls1.testns.svc.cluster.local.", QType::A),
        &[rr(
            "172-0-0-3.hdls1.testns.svc.cluster.local. 30 IN A 172.0.0.3",
        )],
    );
    assert_answer(
        &q(&h, "dup-name.hdls1.testns.svc.cluster.local.", QType::A),
        &[
            rr("dup-name.hdls1.testns.svc.cluster.local. 30 IN A 172.0.0.4"),
            rr("dup-name.hdls1.testns.svc.cluster.local. 30 IN A 172.0.0.5"),
        ],
    );
    assert_answer(
        &q(
            &h,
            "172-0-0-20.hdlsprtls.testns.svc.cluster.local.",
            QType::A,
        ),
        &[rr(
            "172-0-0-20.hdlsprtls.testns.svc.cluster.local. 30 IN A 172.0.0.20",
        )],
    );
    // An endpoint with a hostname is known by that name only
    // (`endpointHostname`), not by its dashed address.
    assert_nxdomain(&q(
        &h,
        "172-0-0-4.hdls1.testns.svc.cluster.local.",
        QType::A,
    ));
    // kubernetes.go "Endpoint query or headless service": an endpoint
    // label is answered from the slices of a ClusterIP Service too (R8.9).
    assert_answer(
        &q(&h, "ep1a.svc1.testns.svc.cluster.local.", QType::A),
        &[rr("ep1a.svc1.testns.svc.cluster.local. 30 IN A 172.0.0.1")],
    );
}

/// "AAAA Service (with an existing A record, but no AAAA record)" and
/// "A TXT record does not exist but another record for the same FQDN
/// does": NODATA; the same for SOA below the apex (handler.go answers SOA
/// at the apex only).
#[test]
fn coredns_handler_nodata_for_an_existing_name_of_another_type() {
    let h = fixture();
    for t in [QType::Aaaa, QType::Txt, QType::Soa, QType::Mx, QType::Ptr] {
        assert_nodata(&q(&h, "svc1.testns.svc.cluster.local.", t));
    }
    for t in [QType::Aaaa, QType::Txt, QType::Cname] {
        assert_nodata(&q(&h, "hdls1.testns.svc.cluster.local.", t));
    }
}

/// "AAAA/A Service (non-existing service)", "(non-existing namespace)",
/// "A TXT record does not exist and neither does another record", "A
/// Service (Headless) does not exist", "A Service does not exist":
/// NXDOMAIN with the zone's SOA.
#[test]
fn coredns_handler_nxdomain_for_missing_service_namespace_and_endpoint() {
    let h = fixture();
    for (name, t) in [
        ("svc0.testns.svc.cluster.local.", QType::Aaaa),
        ("svc0.testns.svc.cluster.local.", QType::A),
        ("svc0.svc-nons.svc.cluster.local.", QType::A),
        ("svc0.svc-nons.svc.cluster.local.", QType::Txt),
        ("bogusendpoint.hdls1.testns.svc.cluster.local.", QType::A),
        ("bogusendpoint.svc0.testns.svc.cluster.local.", QType::A),
        ("svc1.svc-nons.svc.cluster.local.", QType::A),
    ] {
        assert_nxdomain(&q(&h, name, t));
    }
}

/// "TXT Schema": `dns-version.cluster.local. 28800 IN TXT "1.1.0"` (R8.2);
/// other types of that name are not a name (parse.go: last label not
/// `svc`/`pod`), SOA below the apex is NODATA.
#[test]
fn coredns_handler_txt_dns_version() {
    let h = fixture();
    assert_answer(
        &q(&h, "dns-version.cluster.local.", QType::Txt),
        &[line(
            "dns-version.cluster.local.",
            28800,
            "TXT",
            "\"1.1.0\"",
        )],
    );
    // The TXT check compares the lowercased name (request.Name()).
    assert_answer(
        &q(&h, "DNS-Version.cluster.local.", QType::Txt),
        &[line(
            "DNS-Version.cluster.local.",
            28800,
            "TXT",
            "\"1.1.0\"",
        )],
    );
    for t in [QType::A, QType::Srv, QType::Ns, QType::Ptr] {
        assert_nxdomain(&q(&h, "dns-version.cluster.local.", t));
    }
    assert_nodata(&q(&h, "dns-version.cluster.local.", QType::Soa));
    // Anything else under the zone that is not `svc`/`pod` has no TXT.
    assert_nxdomain(&q(&h, "foo.dns-version.cluster.local.", QType::Txt));
}

/// `svc.cluster.local.`, `pod.cluster.local.`, `testns.svc.cluster.local.`
/// A: NODATA (parse.go "return NODATA for apex queries"); NS for names below
/// the apex is the fake-A lookup of handler.go: NODATA if the name exists,
/// NXDOMAIN if not.
#[test]
fn coredns_handler_intermediate_names_and_ns_below_the_apex() {
    let h = fixture();
    for name in [
        "svc.cluster.local.",
        "pod.cluster.local.",
        "testns.svc.cluster.local.",
    ] {
        assert_nodata(&q(&h, name, QType::A));
    }
    assert_nodata(&q(&h, "svc.cluster.local.", QType::Ns));
    assert_nodata(&q(&h, "testns.svc.cluster.local.", QType::Ns));
    assert_nxdomain(&q(&h, "foo.cluster.local.", QType::Ns));
    assert_nxdomain(&q(&h, "foo.svc.cluster.local.", QType::Ns));
    // Services.TXT: NXDOMAIN unless the name has records, even for names
    // that exist.
    assert_nxdomain(&q(&h, "testns.svc.cluster.local.", QType::Txt));
}

/// "A query for a subdomain (of a subdomain) of an external service should
/// not resolve to the external service", "CNAME External", "CNAME External
/// To Internal Service".
#[test]
fn coredns_handler_externalname_cname_and_its_subdomains() {
    let h = fixture();
    assert_nxdomain(&q(
        &h,
        "endpoint.external.testns.svc.cluster.local.",
        QType::Cname,
    ));
    assert_nxdomain(&q(
        &h,
        "subdomain.subdomain.external.testns.svc.cluster.local.",
        QType::Cname,
    ));
    let cname = rr("external.testns.svc.cluster.local. 30 IN CNAME ext.interwebs.test.");
    assert_answer(
        &q(&h, "external.testns.svc.cluster.local.", QType::Cname),
        std::slice::from_ref(&cname),
    );
    // A: the CNAME, then the upstream's answer for the target, which in
    // this offline cluster has no records.
    assert_answer(
        &q(&h, "external.testns.svc.cluster.local.", QType::A),
        &[cname],
    );
    // A target inside the zone is followed by the plugin itself: the
    // CNAME comes before the target's records (test.CNAMEOrder).
    assert_answer(
        &q(&h, "external-to-service.testns.svc.cluster.local", QType::A),
        &[
            rr("external-to-service.testns.svc.cluster.local. 30 IN CNAME svc1.testns.svc.cluster.local."),
            rr(&format!("svc1.testns.svc.cluster.local. 30 IN A {SVC1_IP}")),
        ],
    );
    // SRV leaves ExternalName Services out ("SRV for external services is
    // not yet implemented"): NODATA.
    assert_nodata(&q(&h, "external.testns.svc.cluster.local.", QType::Srv));
    assert_nxdomain(&q(
        &h,
        "_http._tcp.external.testns.svc.cluster.local.",
        QType::Srv,
    ));
}

// ---------------------------------------------------------------------
// handler_case_test.go
// ---------------------------------------------------------------------

/// TestPreserveCase: the answer keeps the question's spelling, and the
/// zone part of every name the plugin builds (SOA, SRV targets and their
/// addresses) is the zone as the question spelled it; the Service's own
/// labels come from the object.
#[test]
fn coredns_handler_case_preserves_the_question_s_case() {
    let h = fixture();
    assert_nxdomain_in(
        &q(&h, "not-a-service.testns.svc.ClUsTeR.lOcAl.", QType::A),
        "ClUsTeR.lOcAl.",
    );
    assert_answer(
        &q(&h, "SvC1.TeStNs.SvC.cLuStEr.LoCaL.", QType::A),
        &[rr(&format!(
            "SvC1.TeStNs.SvC.cLuStEr.LoCaL. 30 IN A {SVC1_IP}"
        ))],
    );
    let qname = "_HtTp._TcP.sVc1.TeStNs.SvC.cLuStEr.LoCaL.";
    let a = q(&h, qname, QType::Srv);
    assert_answer(
        &a,
        &[line(
            qname,
            30,
            "SRV",
            "0 100 80 svc1.testns.svc.cLuStEr.LoCaL.",
        )],
    );
    assert_eq!(
        lines(&a.additional),
        vec![rr(&format!(
            "svc1.testns.svc.cLuStEr.LoCaL. 30 IN A {SVC1_IP}"
        ))]
    );
    let soa = q(&h, "Cluster.local.", QType::Soa);
    assert_eq!(soa.rcode, Rcode::NoError);
    assert_eq!(soa.answers.len(), 1);
    assert!(soa.answers[0].zone_line().starts_with(&line(
        "Cluster.local.",
        30,
        "SOA",
        "ns.dns.Cluster.local. hostmaster.Cluster.local. "
    )));
    // Endpoint targets too.
    let a = q(&h, "_http._tcp.HDLS1.testns.svc.Cluster.Local.", QType::Srv);
    assert!(
        lines(&a.answers)[0].ends_with(" 172-0-0-2.hdls1.testns.svc.Cluster.Local."),
        "{:?}",
        lines(&a.answers)
    );
    assert_eq!(
        a.additional[0].name,
        "172-0-0-2.hdls1.testns.svc.Cluster.Local."
    );
}

// ---------------------------------------------------------------------
// kubernetes_apex_test.go, ns.go
// ---------------------------------------------------------------------

/// TestServeDNSApex: SOA and NS at the apex; A, AAAA, SRV there NODATA.
/// In a cluster the NS is the `kube-dns` Service (`nsAddrs` finds the
/// CoreDNS Pods' endpoints and names their ClusterIP Service).
#[test]
fn coredns_apex_soa_ns_and_nodata() {
    let h = fixture();
    let soa = q(&h, "cluster.local.", QType::Soa);
    assert_eq!((soa.rcode, soa.answers.len()), (Rcode::NoError, 1));
    assert!(soa.authority.is_empty());
    match &soa.answers[0].data {
        RData::Soa {
            mname,
            rname,
            minimum,
            ..
        } => assert_eq!(
            (mname.as_str(), rname.as_str(), *minimum, soa.answers[0].ttl),
            ("ns.dns.cluster.local.", "hostmaster.cluster.local.", 30, 30)
        ),
        d => panic!("{d:?}"),
    }
    let ns = q(&h, "cluster.local.", QType::Ns);
    assert_answer(
        &ns,
        &[rr(
            "cluster.local. 30 IN NS kube-dns.kube-system.svc.cluster.local.",
        )],
    );
    assert_eq!(
        lines(&ns.additional),
        vec![rr(
            "kube-dns.kube-system.svc.cluster.local. 30 IN A 10.96.0.10"
        )]
    );
    for t in [QType::A, QType::Aaaa, QType::Srv, QType::Mx, QType::Cname] {
        assert_nodata(&q(&h, "cluster.local.", t));
    }
    // Services.TXT: the apex has no records, so NXDOMAIN.
    assert_nxdomain(&q(&h, "cluster.local.", QType::Txt));
}

/// `isDefaultNS`: `ns.dns.<zone>` A is the DNS Service's address, other
/// types NODATA, except TXT and PTR which go through `Records` (NXDOMAIN).
#[test]
fn coredns_ns_default_ns_name() {
    let h = fixture();
    assert_answer(
        &q(&h, "ns.dns.cluster.local.", QType::A),
        &[rr("ns.dns.cluster.local. 30 IN A 10.96.0.10")],
    );
    for t in [QType::Aaaa, QType::Srv, QType::Ns, QType::Mx, QType::Cname] {
        assert_nodata(&q(&h, "ns.dns.cluster.local.", t));
    }
    for t in [QType::Txt, QType::Ptr] {
        assert_nxdomain(&q(&h, "ns.dns.cluster.local.", t));
    }
}

/// handler.go compares `state.Name()` (lowercased) with the zone as the
/// question spelled it, and `isDefaultNS` looks for that zone in the
/// lowercased name: with capitals in the zone part, the apex NS query
/// falls through to the fake A lookup (NODATA) and `ns.dns.` is no name
/// (NXDOMAIN). Capitals only left of the zone change nothing.
#[test]
fn coredns_ns_mixed_case_zone_is_not_the_apex_for_ns() {
    let h = fixture();
    assert_nodata_in(&q(&h, "Cluster.Local.", QType::Ns), "Cluster.Local.");
    assert_nxdomain_in(&q(&h, "ns.dns.Cluster.Local.", QType::A), "Cluster.Local.");
    assert_answer(
        &q(&h, "NS.DNS.cluster.local.", QType::A),
        &[rr("NS.DNS.cluster.local. 30 IN A 10.96.0.10")],
    );
}

// ---------------------------------------------------------------------
// handler_pod_insecure_test.go
// ---------------------------------------------------------------------

/// TestServeDNSModeInsecure: any well-formed dashed address in an existing
/// namespace (R8.8); anything else NXDOMAIN; the namespace itself NODATA.
#[test]
fn coredns_pod_insecure_cases() {
    let h = fixture();
    assert_answer(
        &q(&h, "10-240-0-1.testns.pod.cluster.local.", QType::A),
        &[rr(
            "10-240-0-1.testns.pod.cluster.local. 30 IN A 10.240.0.1",
        )],
    );
    assert_answer(
        &q(&h, "172-0-0-2.testns.pod.cluster.local.", QType::A),
        &[rr("172-0-0-2.testns.pod.cluster.local. 30 IN A 172.0.0.2")],
    );
    assert_nxdomain(&q(&h, "blah.testns.pod.cluster.local.", QType::A));
    assert_nxdomain(&q(&h, "blah.testns.pod.cluster.local.", QType::Aaaa));
    assert_nxdomain(&q(&h, "blah.testns.pod.cluster.local.", QType::Mx));
    assert_nxdomain(&q(&h, "blah.pod-nons.pod.cluster.local.", QType::A));
    assert_nxdomain(&q(&h, "10-240-0-1.pod-nons.pod.cluster.local.", QType::A));
    assert_nodata(&q(&h, "testns.pod.cluster.local.", QType::A));
    // The name exists with an A record: other types NODATA.
    assert_nodata(&q(&h, "10-240-0-1.testns.pod.cluster.local.", QType::Aaaa));
    // Five dashed labels, a doubled dash, a leading zero: no address.
    for bad in ["1-2-3-4-5", "10-240-0", "10-240-0-01", "10-240-0-256"] {
        assert_nxdomain(&q(
            &h,
            &format!("{bad}.testns.pod.cluster.local."),
            QType::A,
        ));
    }
}

/// `findPods` gives its address no port (0, not the −1 sentinel of a
/// portless slice), so `plugin.SRV` answers a Pod name with an SRV record
/// on port 0 targeting the name itself, the address in the additional
/// section.
#[test]
fn coredns_pod_insecure_srv_has_port_zero() {
    let h = fixture();
    let qname = "10-240-0-1.testns.pod.cluster.local.";
    let a = q(&h, qname, QType::Srv);
    assert_answer(&a, &[line(qname, 30, "SRV", &format!("0 100 0 {qname}"))]);
    assert_eq!(
        lines(&a.additional),
        vec![line(qname, 30, "A", "10.240.0.1")]
    );
    // Labels left of the address are ignored, the target is the Pod name.
    let a = q(
        &h,
        "_x._tcp.10-240-0-1.testns.pod.Cluster.Local.",
        QType::Srv,
    );
    assert_eq!(
        lines(&a.answers),
        vec![line(
            "_x._tcp.10-240-0-1.testns.pod.Cluster.Local.",
            30,
            "SRV",
            "0 100 0 10-240-0-1.testns.pod.Cluster.Local."
        )]
    );
}

// ---------------------------------------------------------------------
// reverse_test.go, reverse.go
// ---------------------------------------------------------------------

fn reverse_fixture() -> Harness {
    let mut h = fixture();
    h.create(
        Kind::Service,
        service("svc2", json!({"clusterIP": "None", "ports": http_port()})),
    );
    // "this endpoint is used by two services"
    h.create(
        Kind::EndpointSlice,
        slice(
            "svc1-slice2",
            "svc1",
            &[("10.0.0.99", Some("double-ep"))],
            http_port(),
        ),
    );
    h.create(
        Kind::EndpointSlice,
        slice(
            "svc2-slice1",
            "svc2",
            &[("10.0.0.99", Some("double-ep"))],
            http_port(),
        ),
    );
    // "two EndpointSlices for a Service contain this IP (EndpointSlice skew)"
    h.create(
        Kind::EndpointSlice,
        slice(
            "svc1-ccccc",
            "svc1",
            &[("172.0.0.1", Some("ep1a"))],
            http_port(),
        ),
    );
    // A slice whose Service does not exist: the reverse index is over
    // slices, not Services. And an endpoint that is not ready, which the
    // plugin's cache leaves out.
    h.create(
        Kind::EndpointSlice,
        slice("ghost-1", "ghost", &[("10.0.0.77", Some("g"))], http_port()),
    );
    let mut unready = slice("svc2-slice2", "svc2", &[("10.0.0.78", None)], http_port());
    unready["endpoints"][0]["conditions"]["ready"] = json!(false);
    h.create(Kind::EndpointSlice, unready);
    h.advance(SimDuration::secs(1));
    h
}

/// TestReverse: a ClusterIP's PTR names the Service; an endpoint's names
/// its hostname under each Service that has it, once per Service even when
/// two of its slices list it.
#[test]
fn coredns_reverse_ptr_for_service_and_endpoint_addresses() {
    let h = reverse_fixture();
    let rev = |ip: &str| {
        let mut o: Vec<&str> = ip.split('.').collect();
        o.reverse();
        format!("{}.in-addr.arpa.", o.join("."))
    };
    let n = rev(SVC1_IP);
    assert_answer(
        &q(&h, &n, QType::Ptr),
        &[line(&n, 30, "PTR", "svc1.testns.svc.cluster.local.")],
    );
    let n = rev("172.0.0.1");
    assert_answer(
        &q(&h, &n, QType::Ptr),
        &[line(&n, 30, "PTR", "ep1a.svc1.testns.svc.cluster.local.")],
    );
    let n = rev("10.0.0.99");
    assert_answer(
        &q(&h, &n, QType::Ptr),
        &[
            line(&n, 30, "PTR", "double-ep.svc1.testns.svc.cluster.local."),
            line(&n, 30, "PTR", "double-ep.svc2.testns.svc.cluster.local."),
        ],
    );
    // A dashed-address endpoint, and the kube-dns Service.
    let n = rev("172.0.0.20");
    assert_answer(
        &q(&h, &n, QType::Ptr),
        &[line(
            &n,
            30,
            "PTR",
            "172-0-0-20.hdlsprtls.testns.svc.cluster.local.",
        )],
    );
    let n = rev("10.96.0.10");
    assert_answer(
        &q(&h, &n, QType::Ptr),
        &[line(
            &n,
            30,
            "PTR",
            "kube-dns.kube-system.svc.cluster.local.",
        )],
    );
    let n = rev("10.0.0.77");
    assert_answer(
        &q(&h, &n, QType::Ptr),
        &[line(&n, 30, "PTR", "g.ghost.testns.svc.cluster.local.")],
    );
    assert_forwarded(&q(&h, &rev("10.0.0.78"), QType::Ptr));
    // Upper case: the same records; the targets are in the configured zone.
    let n = "1.0.0.172.IN-ADDR.ARPA.";
    assert_answer(
        &q(&h, n, QType::Ptr),
        &[line(n, 30, "PTR", "ep1a.svc1.testns.svc.cluster.local.")],
    );
    // An address nobody has: the plugin's NXDOMAIN, which kind's
    // `fallthrough in-addr.arpa ip6.arpa` hands to `forward`.
    assert_forwarded(&q(&h, &rev("172.0.0.101"), QType::Ptr));
    // Not an address (too few labels, a bad octet) or not PTR: Records
    // says "invalid", fallthrough again.
    assert_forwarded(&q(&h, "0.0.10.in-addr.arpa.", QType::Ptr));
    assert_forwarded(&q(&h, "1.0.0.256.in-addr.arpa.", QType::Ptr));
    assert_forwarded(&q(&h, &rev(SVC1_IP), QType::A));
    assert_forwarded(&q(&h, "svc1.testns.svc.0.10.in-addr.arpa.", QType::A));
}

/// TestReverse, the names of the forward zone asked for PTR: `plugin.PTR`
/// goes through `Records`, so a name that exists is NODATA and one that
/// does not NXDOMAIN.
#[test]
fn coredns_reverse_ptr_for_forward_names() {
    let h = reverse_fixture();
    assert_nxdomain(&q(&h, "example.org.cluster.local.", QType::Ptr));
    assert_nodata(&q(&h, "svc1.testns.svc.cluster.local.", QType::Ptr));
    assert_nxdomain(&q(&h, "100.0.0.10.cluster.local.", QType::Ptr));
}

/// The reverse zones are the plugin's too (`kubernetes cluster.local
/// in-addr.arpa ip6.arpa`): handler.go answers their apex SOA itself, SOA
/// below the apex is NODATA with that zone's SOA (no error, so no
/// fallthrough), the apex NS names the DNS Service under the reverse zone
/// (`nsAddrs` joins it to the zone asked), and other types at the apex are
/// NODATA — except TXT, whose NXDOMAIN falls through.
#[test]
fn coredns_reverse_zone_apex_and_soa_below_it() {
    let h = reverse_fixture();
    for zone in ["in-addr.arpa.", "ip6.arpa."] {
        let soa = q(&h, zone, QType::Soa);
        assert_eq!((soa.rcode, soa.answers.len()), (Rcode::NoError, 1));
        assert!(!soa.forwarded);
        assert!(soa.answers[0].zone_line().starts_with(&line(
            zone,
            30,
            "SOA",
            &format!("ns.dns.{zone} hostmaster.{zone} ")
        )));
        let ns = q(&h, zone, QType::Ns);
        let target = format!("kube-dns.kube-system.svc.{zone}");
        assert_answer(&ns, &[line(zone, 30, "NS", &target)]);
        assert_eq!(
            lines(&ns.additional),
            vec![line(&target, 30, "A", "10.96.0.10")]
        );
        for t in [QType::A, QType::Ptr, QType::Srv] {
            assert_nodata_in(&q(&h, zone, t), zone);
        }
        assert_forwarded(&q(&h, zone, QType::Txt));
    }
    assert_nodata_in(
        &q(&h, "1.0.0.172.in-addr.arpa.", QType::Soa),
        "in-addr.arpa.",
    );
    assert_nodata_in(&q(&h, "9.9.9.9.in-addr.arpa.", QType::Soa), "in-addr.arpa.");
    assert_nodata_in(&q(&h, "1.0.ip6.arpa.", QType::Soa), "ip6.arpa.");
    assert_nodata_in(&q(&h, "IN-ADDR.Arpa.", QType::A), "IN-ADDR.Arpa.");
    // `isDefaultNS` and the dns-version TXT hold in every zone of the
    // plugin; bare `svc`/`pod` labels are "apex queries" for parse.go.
    assert_answer(
        &q(&h, "ns.dns.in-addr.arpa.", QType::A),
        &[line("ns.dns.in-addr.arpa.", 30, "A", "10.96.0.10")],
    );
    assert_nodata_in(&q(&h, "ns.dns.in-addr.arpa.", QType::Srv), "in-addr.arpa.");
    assert_forwarded(&q(&h, "ns.dns.in-addr.arpa.", QType::Ptr));
    assert_answer(
        &q(&h, "dns-version.ip6.arpa.", QType::Txt),
        &[line("dns-version.ip6.arpa.", 28800, "TXT", "\"1.1.0\"")],
    );
    assert_nodata_in(&q(&h, "svc.in-addr.arpa.", QType::A), "in-addr.arpa.");
    assert_nodata_in(&q(&h, "pod.ip6.arpa.", QType::Ptr), "ip6.arpa.");
    assert_forwarded(&q(&h, "testns.svc.in-addr.arpa.", QType::A));
    assert_forwarded(&q(&h, "svc.in-addr.arpa.", QType::Txt));
    // An IPv6 reverse name nobody has: fallthrough.
    assert_forwarded(&q(
        &h,
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.",
        QType::Ptr,
    ));
    // Outside every zone of the plugin: forwarded.
    assert_forwarded(&q(&h, "arpa.", QType::Soa));
    assert_forwarded(&q(&h, "example.org.", QType::A));
}

// ---------------------------------------------------------------------
// parse_test.go, parse.go
// ---------------------------------------------------------------------

/// TestParseRequest / TestParseInvalidRequest: `_port._proto` (underscores
/// stripped), an endpoint, three labels or more left of the Service too
/// long, the last label `svc` or `pod`.
#[test]
fn coredns_parse_request_shapes() {
    let h = fixture();
    // Underscores are optional.
    let a = q(&h, "http.tcp.svc1.testns.svc.cluster.local.", QType::Srv);
    assert_eq!(a.answers.len(), 1, "{a:#?}");
    assert_nxdomain(&q(&h, "webs.testns.pood.cluster.local.", QType::A));
    assert_nxdomain(&q(
        &h,
        "too.long.for.what.i.am.trying.to.pod.cluster.local.",
        QType::A,
    ));
    assert_nxdomain(&q(&h, "a.b.c.hdls1.testns.svc.cluster.local.", QType::A));
    assert_nxdomain(&q(
        &h,
        "x._http._tcp.hdls1.testns.svc.cluster.local.",
        QType::Srv,
    ));
    // Port and protocol are matched whatever the case.
    assert_eq!(
        q(&h, "_HTTP._TCP.hdls1.testns.svc.cluster.local.", QType::Srv)
            .answers
            .len(),
        3
    );
    // A protocol the port does not have: no such name.
    assert_nxdomain(&q(
        &h,
        "_http._udp.svc1.testns.svc.cluster.local.",
        QType::Srv,
    ));
    assert_nxdomain(&q(
        &h,
        "_http._udp.hdls1.testns.svc.cluster.local.",
        QType::Srv,
    ));
}

/// `stripUnderscore` leaves an empty port or protocol for a bare `_`
/// label, and `matchPortAndProtocol` takes an empty one as "any": `_._tcp`
/// is every TCP port, `_http._` every protocol of port `http`.
#[test]
fn coredns_parse_empty_port_or_protocol_matches_any() {
    let h = fixture();
    let a = q(&h, "_._tcp.hdls1.testns.svc.cluster.local.", QType::Srv);
    assert_eq!(a.answers.len(), 3, "{:?}", lines(&a.answers));
    let a = q(&h, "_http._.svc1.testns.svc.cluster.local.", QType::Srv);
    assert_eq!(
        lines(&a.answers),
        vec![line(
            "_http._.svc1.testns.svc.cluster.local.",
            30,
            "SRV",
            "0 100 80 svc1.testns.svc.cluster.local."
        )]
    );
    assert_eq!(
        q(&h, "_._.svc1.testns.svc.cluster.local.", QType::A).addresses(),
        vec![SVC1_IP.to_string()]
    );
    // parse_test.go "SRV request with empty segments": no condition at all.
    assert_eq!(
        q(&h, "..hdls1.testns.svc.cluster.local.", QType::A)
            .addresses()
            .len(),
        4
    );
    // findServices skips an ExternalName Service only for a non-empty
    // endpoint, port or protocol.
    assert_answer(
        &q(&h, "_._.external.testns.svc.cluster.local.", QType::Cname),
        &[line(
            "_._.external.testns.svc.cluster.local.",
            30,
            "CNAME",
            "ext.interwebs.test.",
        )],
    );
}

/// backend_lookup.go `A`: a CNAME is followed inside the zone while fewer
/// than `maxCnameChainLength` + 1 (11) came before it; past that the
/// chain gives nothing, and the answer is NODATA. A target at or below the
/// name itself is a loop, and a loop of ExternalNames never reaches an
/// address.
#[test]
fn coredns_backend_lookup_cname_chain_limit_and_loops() {
    let mut h = fixture();
    let ext = |h: &mut Harness, name: &str, target: &str| {
        h.create(
            Kind::Service,
            service(
                name,
                json!({"type": "ExternalName", "externalName": target}),
            ),
        );
    };
    // c0 → c1 → … → c10 → svc1: eleven CNAMEs, then the address.
    for i in 0..=10 {
        let target = if i == 10 {
            "svc1.testns.svc.cluster.local".to_string()
        } else {
            format!("c{}.testns.svc.cluster.local", i + 1)
        };
        ext(&mut h, &format!("c{i}"), &target);
    }
    // d0 → … → d11 → svc1: twelve, one too many.
    for i in 0..=11 {
        let target = if i == 11 {
            "svc1.testns.svc.cluster.local".to_string()
        } else {
            format!("d{}.testns.svc.cluster.local", i + 1)
        };
        ext(&mut h, &format!("d{i}"), &target);
    }
    ext(&mut h, "loop-a", "loop-b.testns.svc.cluster.local");
    ext(&mut h, "loop-b", "loop-a.testns.svc.cluster.local");
    ext(&mut h, "self", "self.testns.svc.cluster.local");
    ext(&mut h, "below", "x.below.testns.svc.cluster.local");
    h.advance(SimDuration::secs(1));
    let a = q(&h, "c0.testns.svc.cluster.local.", QType::A);
    let types: Vec<&str> = a.answers.iter().map(|r| r.type_name()).collect();
    assert_eq!(types.len(), 12, "{:?}", lines(&a.answers));
    assert!(types[..11].iter().all(|t| *t == "CNAME"));
    assert_eq!(a.addresses(), vec![SVC1_IP.to_string()]);
    assert_nodata(&q(&h, "d0.testns.svc.cluster.local.", QType::A));
    for name in ["loop-a", "self", "below"] {
        assert_nodata(&q(
            &h,
            &format!("{name}.testns.svc.cluster.local."),
            QType::A,
        ));
    }
}

/// Wildcards: CoreDNS matches names with `strings.EqualFold` only (`match`
/// in kubernetes.go; the `*`/`any` wildcards of old releases are gone), so
/// a `*` label is a name like any other, which no object has.
#[test]
fn coredns_no_wildcard_queries() {
    let h = fixture();
    for name in [
        "*.testns.svc.cluster.local.",
        "any.testns.svc.cluster.local.",
        "svc1.*.svc.cluster.local.",
        "*.hdls1.testns.svc.cluster.local.",
        "*.*.svc.cluster.local.",
    ] {
        assert_nxdomain(&q(&h, name, QType::A));
    }
    assert_nxdomain(&q(&h, "_*._tcp.svc1.testns.svc.cluster.local.", QType::Srv));
    assert_nxdomain(&q(
        &h,
        "_http._*.hdls1.testns.svc.cluster.local.",
        QType::Srv,
    ));
}

/// Malformed names never panic and never answer from the zone by
/// accident.
#[test]
fn coredns_odd_names_do_not_panic() {
    let h = fixture();
    let long = "a.".repeat(200);
    for name in [
        "",
        ".",
        "..",
        "..cluster.local.",
        ".svc.cluster.local.",
        "..hdls1.testns.svc.cluster.local.",
        "svc1..svc.cluster.local.",
        "in-addr.arpa",
        ".in-addr.arpa.",
        "..in-addr.arpa.",
        "1.2.3.4.5.in-addr.arpa.",
        "-.-.-.-.in-addr.arpa.",
        "ip6.arpa",
        "é.testns.svc.cluster.local.",
        "ÉÉ.Cluster.Local.",
        "ééééééééé.",
        "éééééééééé.in-addr.arpa",
        long.as_str(),
        &format!("{long}cluster.local."),
    ] {
        for t in [
            QType::A,
            QType::Aaaa,
            QType::Srv,
            QType::Ptr,
            QType::Txt,
            QType::Cname,
            QType::Mx,
            QType::Ns,
            QType::Soa,
            QType::Any,
        ] {
            let a = q(&h, name, t);
            let b = q(&h, name, t);
            assert_eq!(a, b, "deterministic");
        }
    }
}
