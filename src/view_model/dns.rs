//! Cluster DNS for the page: every record the cluster answers now, and
//! lookups (from the lookup box or from console commands) with the names
//! the Pod's resolver tried and why each answer record is there.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use super::i18n::{Lang, Msg};
use super::narration::{segs, Seg};
use crate::console::DnsTrace;
use crate::engine::dns::{QType, RData, Record, Resolution, Why};
use crate::engine::Engine;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordVm {
    pub key: String,
    pub name: String,
    pub type_: &'static str,
    pub ttl: u32,
    pub data: String,
    pub why: Vec<Seg>,
    /// Selection ids this record depends on (its Pod, its Service).
    pub links: Vec<String>,
    /// Published although its Pod is not ready (publishNotReadyAddresses).
    pub not_ready: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriedVm {
    pub name: String,
    pub rcode: &'static str,
    pub answers: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupVm {
    /// Increases with every lookup (keys the animation).
    pub serial: u64,
    pub from: String,
    pub name: String,
    pub qtype: &'static str,
    pub tried: Vec<TriedVm>,
    pub rcode: &'static str,
    pub records: Vec<RecordVm>,
    /// The console command that asks the same question.
    pub command: String,
}

fn data(r: &Record) -> String {
    match &r.data {
        RData::A(ip) => ip.clone(),
        RData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!("{priority} {weight} {port} {target}"),
        RData::Ptr(t) | RData::Cname(t) | RData::Ns(t) => t.clone(),
        RData::Txt(t) => format!("\"{t}\""),
        RData::Soa { mname, rname, .. } => format!("{mname} {rname}"),
    }
}

fn obj(kind: &str, name: &str) -> Seg {
    Seg::Obj {
        id: format!("{kind}/{name}"),
        name: name.to_string(),
    }
}

/// A record of a lookup's answer, keyed by its place in the answer.
pub fn record_vm(lang: Lang, r: &Record, index: usize) -> RecordVm {
    let key = format!("{}|{}|{}|{index}", r.name, r.type_name(), data(r));
    keyed_record_vm(lang, r, key)
}

fn keyed_record_vm(lang: Lang, r: &Record, key: String) -> RecordVm {
    let mut links = Vec::new();
    let mut not_ready = false;
    let why = match &r.why {
        Why::ClusterIp { service } => {
            links.push(format!("svc/{service}"));
            segs(lang, Msg::WhyClusterIp, vec![obj("svc", service)])
        }
        Why::Endpoint {
            service,
            pod,
            ready,
            serving,
            ..
        } => {
            links.push(format!("svc/{service}"));
            // An endpoint without a Pod behind it (no targetRef) is the API
            // server's own address, or a slice written by hand for a
            // Service without a selector: its reason names no Pod.
            let has_pod = !pod.is_empty();
            not_ready = has_pod && !(*serving) && *ready;
            let mut args = vec![obj("svc", service)];
            if has_pod {
                links.push(format!("pod/{pod}"));
                args.push(obj("pod", pod));
            }
            let m = if matches!(r.data, RData::Srv { .. }) {
                Msg::WhySrv
            } else if !has_pod {
                Msg::WhyEndpointNoPod
            } else if not_ready {
                Msg::WhyEndpointNotReady
            } else {
                Msg::WhyEndpoint
            };
            segs(lang, m, args)
        }
        Why::PodIpName => segs(lang, Msg::WhyPodIp, vec![]),
        Why::Negative => segs(lang, Msg::WhyNegative, vec![]),
        Why::Version => segs(lang, Msg::WhyVersion, vec![]),
        Why::ExternalName { service } => {
            links.push(format!("svc/{service}"));
            segs(lang, Msg::WhyExternal, vec![obj("svc", service)])
        }
    };
    RecordVm {
        key,
        name: r.name.clone(),
        type_: r.type_name(),
        ttl: r.ttl,
        data: data(r),
        why,
        links,
        not_ready,
    }
}

/// Every record of the shown namespaces (not the cluster's own `kube-*`
/// Services nor `kubernetes.default`), as `dns_records` orders them.
pub fn records(lang: Lang, e: &Engine) -> Vec<Rc<RecordVm>> {
    Records::default().update(lang, e)
}

fn shown(r: &Record) -> bool {
    // `<endpoint>.<service>.<ns>.svc.…`, `_port._proto.<service>.<ns>.svc.…`
    // or `<service>.<ns>.svc.…`: the two labels before `svc`.
    let mut labels = r.name.split(".svc.").next().unwrap_or("").rsplit('.');
    let ns = labels.next();
    let service = labels.next();
    ns.is_some_and(super::cluster::shown_namespace)
        && !(service == Some("kubernetes") && ns == Some("default"))
}

/// The fields of a record's data that its DATA column shows (`data`).
fn hash_data(r: &RData, h: &mut impl Hasher) {
    match r {
        RData::A(ip) => ip.hash(h),
        RData::Srv {
            priority,
            weight,
            port,
            target,
        } => (priority, weight, port, target).hash(h),
        RData::Ptr(t) | RData::Cname(t) | RData::Ns(t) | RData::Txt(t) => t.hash(h),
        RData::Soa { mname, rname, .. } => (mname, rname).hash(h),
    }
}

/// Whether two records show the same NAME, TYPE and DATA (so would get
/// the same row key).
fn same_row(a: &Record, b: &Record) -> bool {
    a.name == b.name
        && a.type_name() == b.type_name()
        && match (&a.data, &b.data) {
            (RData::A(x), RData::A(y)) => x == y,
            (
                RData::Srv {
                    priority: p1,
                    weight: w1,
                    port: o1,
                    target: t1,
                },
                RData::Srv {
                    priority: p2,
                    weight: w2,
                    port: o2,
                    target: t2,
                },
            ) => (p1, w1, o1, t1) == (p2, w2, o2, t2),
            (RData::Ptr(x), RData::Ptr(y))
            | (RData::Cname(x), RData::Cname(y))
            | (RData::Ns(x), RData::Ns(y))
            | (RData::Txt(x), RData::Txt(y)) => x == y,
            (
                RData::Soa {
                    mname: m1,
                    rname: r1,
                    ..
                },
                RData::Soa {
                    mname: m2,
                    rname: r2,
                    ..
                },
            ) => (m1, r1) == (m2, r2),
            _ => false,
        }
}

fn row_hash(r: &Record) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    r.name.hash(&mut h);
    r.type_name().hash(&mut h);
    hash_data(&r.data, &mut h);
    h.finish()
}

/// The records table, kept between revisions: a record equal to one of
/// the last update keeps its view model (the same `Rc`, so its row is not
/// rendered again). Row keys come from what the row shows (name, type,
/// data), not from its place in the table, so a record appearing above
/// others does not re-key the rows below it.
#[derive(Default)]
pub struct Records {
    lang: Option<Lang>,
    /// By `row_hash`: each record, its occurrence among records showing the
    /// same row (0 for the first), and its view model.
    kept: HashMap<u64, Vec<(Record, usize, Rc<RecordVm>)>>,
}

impl Records {
    pub fn update(&mut self, lang: Lang, e: &Engine) -> Vec<Rc<RecordVm>> {
        if self.lang != Some(lang) {
            self.kept.clear();
            self.lang = Some(lang);
        }
        let mut next: HashMap<u64, Vec<(Record, usize, Rc<RecordVm>)>> =
            HashMap::with_capacity(self.kept.len());
        let mut out = Vec::new();
        for r in e.dns_records().into_iter().filter(shown) {
            let h = row_hash(&r);
            let bucket = next.entry(h).or_default();
            let n = bucket.iter().filter(|(o, _, _)| same_row(o, &r)).count();
            let old = self.kept.get_mut(&h).and_then(|b| {
                let i = b.iter().position(|(o, k, _)| *k == n && *o == r)?;
                Some(b.swap_remove(i).2)
            });
            let vm = old.unwrap_or_else(|| {
                let mut key = format!("{}|{}|{}", r.name, r.type_name(), data(&r));
                if n > 0 {
                    key.push_str(&format!("|{n}"));
                }
                Rc::new(keyed_record_vm(lang, &r, key))
            });
            out.push(vm.clone());
            bucket.push((r, n, vm));
        }
        self.kept = next;
        out
    }
}

fn from_resolution(
    lang: Lang,
    serial: u64,
    from: &str,
    name: &str,
    qtype: QType,
    res: &Resolution,
    command: String,
) -> LookupVm {
    let pod = from.rsplit('/').next().unwrap_or(from);
    LookupVm {
        serial,
        from: pod.to_string(),
        name: name.to_string(),
        qtype: qtype.as_str(),
        tried: res
            .tried
            .iter()
            .map(|a| TriedVm {
                name: a.qname.clone(),
                rcode: a.rcode.as_str(),
                answers: a.answers.len(),
            })
            .collect(),
        rcode: res.answer.rcode.as_str(),
        records: res
            .answer
            .answers
            .iter()
            .enumerate()
            .map(|(i, r)| record_vm(lang, r, i))
            .collect(),
        command,
    }
}

/// The tool a console lookup of `qtype` uses: nslookup for addresses, dig
/// (with the search list, as the lookup box resolves) for the rest.
fn tool_for(name: &str, qtype: QType, search: bool) -> (&'static str, String) {
    let search = if search { "+search " } else { "" };
    match qtype {
        QType::A => ("nslookup", format!("nslookup {name}")),
        other => ("dig", format!("dig {search}{} {name}", other.as_str())),
    }
}

/// The console command that asks what the lookup box asked: from the Pod
/// itself when its image has the tool, else from a throwaway client Pod in
/// the same namespace (same search list, same answer). The tutorial's
/// nginx image has neither nslookup nor dig: `kubectl exec web-0 --
/// nslookup nginx` fails there.
fn lookup_command(e: &Engine, namespace: &str, from: &str, name: &str, qtype: QType) -> String {
    let (program, tool) = tool_for(name, qtype, true);
    let ns_flag = if namespace == "default" {
        String::new()
    } else {
        format!(" -n {namespace}")
    };
    let has_tool = e
        .store()
        .pods
        .get(namespace, from)
        .and_then(|p| p.spec.containers.first().map(|c| c.image.to_string()))
        .is_some_and(|image| crate::console::container::Toolbox::for_image(&image).has(program));
    if has_tool {
        return format!("kubectl exec{ns_flag} {from} -- {tool}");
    }
    let image = if program == "nslookup" {
        "busybox:1.28"
    } else {
        "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3"
    };
    format!("kubectl run dns-check{ns_flag} --image={image} --restart=Never --rm -i -- {tool}")
}

/// What the lookup box asks, as if Pod `pod` (in its namespace) asked:
/// the lookup, as a trace like a console command's, and the console
/// command that asks the same.
pub fn ask(e: &Engine, pod: &str, name: &str, qtype: QType) -> (DnsTrace, String) {
    let name = name.trim();
    let asker = e
        .store()
        .pods
        .iter()
        .find(|p| p.metadata.name == pod)
        .cloned();
    let ns = asker
        .as_ref()
        .map_or("default".to_string(), |p| p.metadata.namespace.to_string());
    // Through the Pod's own resolv.conf (its dnsPolicy and dnsConfig).
    let conf = asker.as_ref().map_or_else(
        || crate::engine::pod_dns::PodDnsConfig::cluster_first(&ns),
        |p| crate::engine::pod_dns::PodDnsConfig::for_pod(p),
    );
    let resolution = e.resolve_in(&conf, name, qtype, true);
    let command = lookup_command(e, &ns, pod, name, qtype);
    let trace = DnsTrace {
        from_pod: format!("{ns}/{pod}"),
        name: name.to_string(),
        qtype,
        resolution,
    };
    (trace, command)
}

/// A lookup to show: one a console command made (`command` None: the
/// command is the one the Pod ran), or one of the lookup box (`ask`).
pub fn from_trace(lang: Lang, serial: u64, t: &DnsTrace, command: Option<&str>) -> LookupVm {
    let command = match command {
        Some(c) => c.to_string(),
        None => {
            let pod = t.from_pod.rsplit('/').next().unwrap_or(&t.from_pod);
            format!(
                "kubectl exec {pod} -- {}",
                tool_for(&t.name, t.qtype, false).1
            )
        }
    };
    from_resolution(
        lang,
        serial,
        &t.from_pod,
        &t.name,
        t.qtype,
        &t.resolution,
        command,
    )
}

/// Why a name does not resolve from a Pod in `ns`, in plain words: the
/// usual causes of "`web-0.nginx` does not resolve" (no such Service, a
/// Service that is not headless, a Pod whose subdomain is another name,
/// a Pod that is not Ready, labels the selector does not match). Empty
/// when nothing specific is found.
pub fn why_not(lang: Lang, e: &Engine, ns: &str, name: &str) -> Vec<String> {
    let mut n = name.trim().trim_end_matches('.').to_string();
    for suffix in [".svc.cluster.local", ".cluster.local", ".svc"] {
        if let Some(rest) = n.strip_suffix(suffix) {
            n = rest.to_string();
            break;
        }
    }
    let labels: Vec<&str> = n.split('.').filter(|l| !l.is_empty()).collect();
    let store = e.store();
    let namespace_exists = |x: &str| store.namespaces.get("", x).is_some();
    // (hostname, service, namespace) or (service, namespace)
    let (host, svc, sns) = match labels.as_slice() {
        [s] => (None, *s, ns.to_string()),
        [a, b] if namespace_exists(b) => (None, *a, b.to_string()),
        [p, s] => (Some(*p), *s, ns.to_string()),
        [p, s, x] => (Some(*p), *s, x.to_string()),
        _ => return Vec::new(),
    };
    // The name named no namespace: the resolver completed it with the
    // asking Pod's (§12.19).
    let short = match labels.as_slice() {
        [_] => true,
        [_, b] => !namespace_exists(b),
        _ => false,
    };
    let mut out = Vec::new();
    let Some(service) = store.services.get(&sns, svc) else {
        out.push(lang.f(Msg::WhyNotNoService, &[svc, &sns]));
        let governed: Vec<&str> = store
            .statefulsets
            .in_namespace(&sns)
            .filter(|s| s.spec.service_name == svc)
            .map(|s| s.metadata.name.as_str())
            .collect();
        if !governed.is_empty() {
            out.push(lang.f(Msg::WhyNotGoverned, &[&governed.join(", "), svc]));
        }
        if short {
            // The same Service in other namespaces, in name order.
            for other in store
                .services
                .iter()
                .filter(|s| s.metadata.name == svc && s.metadata.namespace != sns)
            {
                let there = &other.metadata.namespace;
                out.push(lang.f(
                    Msg::WhyNotOtherNamespace,
                    &[svc, there, &sns, &format!("{n}.{there}")],
                ));
            }
        }
        return out;
    };
    let selector = service.spec.selector.clone().unwrap_or_default();
    let sel_text = selector
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    let publish = service.spec.publish_not_ready_addresses == Some(true);
    let selects = |labels: &crate::engine::objects::Labels| {
        !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
    };
    match host {
        Some(h) => {
            if !service.is_headless() {
                out.push(lang.f(Msg::WhyNotHeadless, &[svc]));
            }
            match store.pods.get(&sns, h) {
                None => out.push(lang.f(Msg::WhyNotNoPod, &[h, &sns])),
                Some(pod) => {
                    if pod.spec.subdomain != svc {
                        let sub = if pod.spec.subdomain.is_empty() {
                            "—".to_string()
                        } else {
                            pod.spec.subdomain.to_string()
                        };
                        out.push(lang.f(Msg::WhyNotSubdomain, &[h, &sub, svc]));
                    }
                    if !selects(&pod.metadata.labels) {
                        out.push(lang.f(Msg::WhyNotSelected, &[h, svc, &sel_text]));
                    } else if !pod.is_running_and_ready() && !publish {
                        out.push(lang.f(Msg::WhyNotReady, &[h]));
                        if let Some(why) = probe_failure(e, pod) {
                            out.push(lang.f(Msg::WhyProbeFails, &[h, &why]));
                        }
                    }
                }
            }
        }
        None => {
            let pods: Vec<_> = store
                .pods
                .in_namespace(&sns)
                .filter(|p| selects(&p.metadata.labels))
                .collect();
            if pods.is_empty() {
                out.push(lang.f(Msg::WhyNotNoMatch, &[svc, &sel_text]));
            } else if service.is_headless()
                && !publish
                && !pods.iter().any(|p| p.is_running_and_ready())
            {
                out.push(lang.f(Msg::WhyNotNoneReady, &[svc]));
            }
        }
    }
    out
}

/// What the kubelet last said of this Pod's failing readiness probe (its
/// latest `Unhealthy` event), if that is why it is not Ready.
fn probe_failure(e: &Engine, pod: &crate::engine::objects::Pod) -> Option<String> {
    e.store()
        .events
        .in_namespace(&pod.metadata.namespace)
        .filter(|ev| {
            ev.involved_object.uid == pod.metadata.uid
                && ev.reason == "Unhealthy"
                && ev.message.starts_with("Readiness probe failed: ")
        })
        .max_by_key(|ev| ev.last_timestamp.map(|t| t.sim()))
        .map(|ev| {
            ev.message
                .trim_start_matches("Readiness probe failed: ")
                .to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimDuration;
    use crate::view_model::session::{Input, Session};

    /// A session two minutes after applying the StatefulSet Basics example.
    fn basics_ready() -> Session {
        let mut s = Session::new(2);
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: crate::view_model::examples::basics().yaml.into(),
        });
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
        s.tick(SimDuration::secs(120));
        s
    }

    #[test]
    fn a_failing_readiness_probe_is_named_as_the_reason() {
        let mut s = Session::new(2);
        let yaml = crate::view_model::examples::basics().yaml.replace(
            "        ports:\n        - containerPort: 80\n",
            "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n        ports:\n        - containerPort: 80\n",
        );
        assert!(yaml.contains("readinessProbe"), "the example changed shape");
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: yaml,
        });
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
        s.tick(SimDuration::secs(60));
        // The volume at /usr/share/nginx/html is empty: nginx answers 404.
        let why = why_not(Lang::En, s.engine(), "default", "web-0.nginx");
        assert!(why.iter().any(|w| w.contains("not Ready")), "{why:?}");
        assert!(
            why.iter()
                .any(|w| w == "Its readiness probe fails: HTTP probe failed with statuscode: 404"),
            "{why:?}"
        );
        let pt = why_not(Lang::Pt, s.engine(), "default", "web-0.nginx");
        assert!(
            pt.iter()
                .any(|w| w.starts_with("A sonda de prontidão dele falha: ")),
            "{pt:?}"
        );
    }

    /// §12.19: from a Pod in another namespace the short name is completed
    /// with that namespace; the reason names the Service's namespace and
    /// the name that does resolve.
    #[test]
    fn a_short_name_asked_from_another_namespace_points_at_the_service() {
        let s = basics_ready();
        let why = why_not(Lang::En, s.engine(), "team-a", "web-0.nginx");
        assert_eq!(
            why,
            [
                "There is no Service named nginx in namespace team-a.",
                "A Service nginx exists in namespace default: a short name is completed with the asking Pod's namespace (team-a), so ask for web-0.nginx.default."
            ]
        );
        // Named with its namespace, nothing is wrong with it.
        assert!(why_not(Lang::En, s.engine(), "team-a", "web-0.nginx.default").is_empty());
        let pt = why_not(Lang::Pt, s.engine(), "team-a", "nginx");
        assert_eq!(
            pt.last().map(String::as_str),
            Some("Existe um Service nginx no namespace default: um nome curto é completado com o namespace do Pod que pergunta (team-a), então pergunte por nginx.default.")
        );
    }

    /// The lookup box asking for `nginx` from web-0.
    fn ask_nginx(s: &Session, qtype: QType) -> LookupVm {
        let (trace, command) = ask(s.engine(), "web-0", "nginx", qtype);
        from_trace(Lang::En, 1, &trace, Some(&command))
    }

    /// The "same as" command of a lookup works when pasted into the
    /// console: nginx's image has no nslookup or dig, so the lookup of a
    /// web Pod is asked from a client Pod in its namespace, and gives the
    /// same addresses.
    #[test]
    fn the_same_as_command_runs_in_the_console_and_answers_alike() {
        let mut s = basics_ready();
        let vm = ask_nginx(&s, QType::A);
        assert!(
            vm.command
                .starts_with("kubectl run dns-check --image=busybox:1.28"),
            "{}",
            vm.command
        );
        let ips: Vec<String> = s
            .engine()
            .store()
            .pods
            .iter()
            .filter(|p| p.metadata.name.starts_with("web-"))
            .map(|p| p.status.pod_ip.to_string())
            .collect();
        assert!(ips.len() >= 2, "{ips:?}");
        s.perform(Input::Run(vm.command.clone()));
        let out = &s.transcript().last().unwrap().output;
        for ip in &ips {
            assert!(out.contains(ip.as_str()), "{out}");
        }
        let srv = ask_nginx(&s, QType::Srv);
        assert!(srv.command.contains("jessie-dnsutils"), "{}", srv.command);
        assert!(
            srv.command.ends_with("-- dig +search SRV nginx"),
            "{}",
            srv.command
        );
    }

    #[test]
    fn service_name_answers_only_ready_pods() {
        let mut s = basics_ready();
        let l = ask_nginx(&s, QType::A);
        assert_eq!(l.rcode, "NOERROR");
        assert_eq!(l.records.len(), 3);
        assert_eq!(l.tried[0].name, "nginx.default.svc.cluster.local.");
        s.perform(Input::Run("sim fail web-1 crash".into()));
        s.tick(SimDuration::secs(60));
        let l = ask_nginx(&s, QType::A);
        assert_eq!(l.records.len(), 2, "{l:?}");
        let all = records(Lang::Pt, s.engine());
        assert!(all.iter().any(|r| r.name.starts_with("web-0.nginx.")));
        assert!(!all.iter().any(|r| r.name.starts_with("web-1.nginx.")));
        // Why web-1.nginx does not answer, and why other names do not.
        let why = why_not(Lang::En, s.engine(), "default", "web-1.nginx");
        assert!(why.iter().any(|w| w.contains("not Ready")), "{why:?}");
        assert!(why_not(Lang::En, s.engine(), "default", "web-0.nginx").is_empty());
        let why = why_not(Lang::En, s.engine(), "default", "web-0.nginx-headless");
        assert!(
            why[0].contains("no Service named nginx-headless"),
            "{why:?}"
        );
        let why = why_not(
            Lang::En,
            s.engine(),
            "default",
            "web-7.nginx.default.svc.cluster.local",
        );
        assert!(why[0].contains("no Pod named web-7"), "{why:?}");
    }

    /// The table of all records leaves out the API server's own Service
    /// in every form CoreDNS answers for it: `kubernetes.default.svc`,
    /// its endpoint's dashed-IP name and its named port's SRV record.
    #[test]
    fn the_record_table_leaves_out_every_record_of_kubernetes_default() {
        let s = basics_ready();
        let names: Vec<String> = s
            .engine()
            .dns_records()
            .iter()
            .map(|r| r.name.clone())
            .collect();
        // The resolver does answer for it (an endpoint name of a ClusterIP
        // Service is served from its endpoints, as CoreDNS does)…
        assert!(
            names
                .iter()
                .any(|n| n.contains(".kubernetes.default.svc.") && !n.starts_with("kubernetes.")),
            "{names:?}"
        );
        // …but the page's table is about the user's objects.
        let all = records(Lang::En, s.engine());
        assert!(all.iter().any(|r| r.name.starts_with("web-0.nginx.")));
        let leaked: Vec<&str> = all
            .iter()
            .map(|r| r.name.as_str())
            .filter(|n| n.contains("kubernetes.default.svc"))
            .collect();
        assert!(leaked.is_empty(), "{leaked:?}");
    }

    /// A headless Service without a selector, with an EndpointSlice
    /// written by hand: its address has no Pod behind it, and the reason
    /// says so instead of naming an empty Pod.
    #[test]
    fn an_endpoint_without_a_pod_is_explained_without_one() {
        let mut s = basics_ready();
        s.perform(Input::File {
            path: "db.yaml".into(),
            text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  ports:\n  - port: 5432\n    name: pg\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-1\n  labels:\n    kubernetes.io/service-name: db\naddressType: IPv4\nports:\n- name: pg\n  port: 5432\n  protocol: TCP\nendpoints:\n- addresses: [\"192.168.10.5\"]\n".into(),
        });
        s.perform(Input::Run("kubectl apply -f db.yaml".into()));
        s.tick(SimDuration::secs(5));
        let out = &s.transcript().last().unwrap().output;
        assert!(
            out.contains("endpointslice.discovery.k8s.io/db-1 created"),
            "{out}"
        );
        for (lang, text) in [
            (Lang::En, "ready endpoint of db, with no Pod behind it"),
            (Lang::Pt, "endpoint pronto de db, sem Pod por trás"),
        ] {
            let all = records(lang, s.engine());
            let a = all
                .iter()
                .find(|r| r.name == "db.default.svc.cluster.local." && r.type_ == "A")
                .unwrap_or_else(|| panic!("{all:?}"));
            assert_eq!(a.data, "192.168.10.5");
            let why: String = a
                .why
                .iter()
                .map(|s| match s {
                    Seg::Text(t) | Seg::Code(t) => t.as_str(),
                    Seg::Obj { name, .. } => name.as_str(),
                })
                .collect();
            assert_eq!(why, text);
            assert_eq!(a.links, ["svc/db"]);
        }
        // A Pod's endpoint still names its Pod.
        let all = records(Lang::En, s.engine());
        let web0 = all
            .iter()
            .find(|r| r.name.starts_with("web-0.nginx.") && r.type_ == "A")
            .unwrap();
        assert!(web0.links.contains(&"pod/web-0".to_string()), "{web0:?}");
    }

    #[test]
    fn kept_records_keep_their_rows_and_keys() {
        let mut s = basics_ready();
        let mut table = Records::default();
        let before = table.update(Lang::En, s.engine());
        assert!(!before.is_empty());
        let keys: std::collections::BTreeSet<&str> =
            before.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys.len(), before.len(), "row keys are unique");
        s.perform(Input::Run("kubectl scale sts web --replicas=5".into()));
        s.tick(SimDuration::secs(120));
        let after = table.update(Lang::En, s.engine());
        assert!(after.len() > before.len());
        // Every record still answered as it was is the same row, whatever
        // its place (SRV weights change with the number of Pods).
        let mut kept = 0;
        for r in &before {
            if let Some(now) = after.iter().find(|a| a.key == r.key && **a == *r) {
                assert!(Rc::ptr_eq(r, now), "{} was built again", r.key);
                kept += 1;
            }
        }
        assert!(kept >= 6, "{kept} kept of {}", before.len());
        let fresh = records(Lang::En, s.engine());
        assert_eq!(
            after.iter().map(|r| &**r).collect::<Vec<_>>(),
            fresh.iter().map(|r| &**r).collect::<Vec<_>>()
        );
        // Another language tells every record again.
        let pt = table.update(Lang::Pt, s.engine());
        assert!(!Rc::ptr_eq(&pt[0], &after[0]));
        assert_eq!(*pt, records(Lang::Pt, s.engine()));
    }

    #[test]
    fn a_service_name_that_differs_from_service_name_is_explained() {
        let mut s = Session::new(2);
        s.perform(Input::File {
            path: "web.yaml".into(),
            text: crate::view_model::examples::by_id("wrong-service-name")
                .unwrap()
                .yaml
                .into(),
        });
        s.perform(Input::Run("kubectl apply -f web.yaml".into()));
        s.tick(SimDuration::secs(120));
        let why = why_not(Lang::Pt, s.engine(), "default", "web-0.nginx");
        assert!(why.len() >= 2, "{why:?}");
        assert!(why[1].contains("serviceName"), "{why:?}");
    }
}
