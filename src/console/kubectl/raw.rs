//! `kubectl get --raw PATH`: what the API server answers to a GET, printed
//! as it comes (`rawhttp.RawGet` copies the body to stdout).
//!
//! Served: `/version` (`WriteRawJSON`: two-space indented, no newline at
//! the end); `/healthz`, `/livez`, `/readyz` with `?verbose` and
//! `?exclude=` and their single checks (apiserver/pkg/server/healthz);
//! discovery (`/api`, `/apis`, `/apis/GROUP`, `/api/v1`, `/apis/GROUP/VERSION`)
//! from the table `kubectl api-resources` prints; objects and lists of every
//! kind in that table (compact JSON in the Go field order, one line and a
//! newline, as the JSON serializer's `Encode` writes it); the StatefulSet
//! scale subresource. Anything else is the mux's 404, which kubectl words
//! as "the server could not find the requested resource".
//!
//! Lists honour `labelSelector`; their other query parameters
//! (`fieldSelector`, `limit` …) are ignored, and subresources other than
//! `scale` (`status`, `log`) are 404s.

use super::{scale_sub, selector, Ctx};
use crate::console::container::net::http::percent_decode;
use crate::console::printers::go_json;
use crate::engine::objects::{Object, ResourceInfo, RESOURCES};
use crate::manifest::print::push_json_string;

const NOT_FOUND: &str =
    "Error from server (NotFound): the server could not find the requested resource\n";

pub fn get(ctx: &mut Ctx, uri: &str) -> i32 {
    match scale_sub::raw_scale_target(ctx, uri) {
        Ok(Some(s)) => {
            ctx.out(&scale_sub::scale_json(&s));
            return 0;
        }
        Err(e) => {
            ctx.err(&e);
            return 1;
        }
        Ok(None) => {}
    }
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let path = path.trim_matches('/');
    let segs: Vec<&str> = path.split('/').collect();
    let answer = match segs.as_slice() {
        ["version"] => Some(version()),
        [probe @ ("healthz" | "livez" | "readyz"), ..] => {
            health(probe, &path[probe.len()..], query)
        }
        ["api"] => Some(api_versions(ctx)),
        ["apis"] => Some(group_list()),
        ["apis", group] => group_doc(group, true),
        ["api", "v1"] => Some(resource_list("", "v1")),
        ["apis", group, version] => served(group, version).then(|| resource_list(group, version)),
        ["api", "v1", rest @ ..] => return objects(ctx, "", "v1", rest, query),
        ["apis", group, version, rest @ ..] => return objects(ctx, group, version, rest, query),
        _ => None,
    };
    match answer {
        Some(body) => {
            ctx.out(&body);
            0
        }
        None => {
            ctx.err(NOT_FOUND);
            1
        }
    }
}

/// `/version`: `version.Info`, as `kubectl version -o json` shows it under
/// `serverVersion` (one source: `info::version_info`).
fn version() -> String {
    let lines: Vec<String> = super::info::version_info(true)
        .iter()
        .map(|(k, v)| {
            let mut s = format!("  \"{k}\": ");
            push_json_string(&mut s, v);
            s
        })
        .collect();
    format!("{{\n{}\n}}", lines.join(",\n"))
}

/// The checks of a kind (kubeadm) 1.35 API server, in the order it runs
/// them; a leading `/` stands for `poststarthook/`. `/readyz` adds
/// `etcd-readiness` and `informer-sync` after `etcd` and `shutdown` at the
/// end.
const CHECKS: &[&str] = &[
    "ping",
    "log",
    "etcd",
    "/start-apiserver-admission-initializer",
    "/generic-apiserver-start-informers",
    "/priority-and-fairness-config-consumer",
    "/priority-and-fairness-filter",
    "/storage-object-count-tracker-hook",
    "/start-apiextensions-informers",
    "/start-apiextensions-controllers",
    "/crd-informer-synced",
    "/start-system-namespaces-controller",
    "/start-cluster-authentication-info-controller",
    "/start-kube-apiserver-identity-lease-controller",
    "/start-kube-apiserver-identity-lease-garbage-collector",
    "/start-legacy-token-tracking-controller",
    "/start-service-ip-repair-controllers",
    "/rbac/bootstrap-roles",
    "/scheduling/bootstrap-system-priority-classes",
    "/priority-and-fairness-config-producer",
    "/bootstrap-controller",
    "/start-kubernetes-service-cidr-controller",
    "/aggregator-reload-proxy-client-cert",
    "/start-kube-aggregator-informers",
    "/apiservice-status-local-available-controller",
    "/apiservice-status-remote-available-controller",
    "/apiservice-registration-controller",
    "/apiservice-discovery-controller",
    "/kube-apiserver-autoregistration",
    "autoregister-completion",
    "/apiservice-openapi-controller",
    "/apiservice-openapiv3-controller",
];

/// The names of the checks one endpoint runs.
pub fn checks(probe: &str) -> Vec<String> {
    let mut names = Vec::with_capacity(CHECKS.len() + 3);
    for c in CHECKS {
        match c.strip_prefix('/') {
            Some(hook) => names.push(format!("poststarthook/{hook}")),
            None => names.push(c.to_string()),
        }
        if probe == "readyz" && *c == "etcd" {
            names.push("etcd-readiness".into());
            names.push("informer-sync".into());
        }
    }
    if probe == "readyz" {
        names.push("shutdown".into());
    }
    names
}

/// The query's parameters, unescaped as `url.ParseQuery` does.
fn params(query: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| percent_decode(&s.replace('+', " "));
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

/// `handleRootHealth` (every check passes here), or one check's own
/// handler (`/livez/etcd`: `ok`).
fn health(probe: &str, rest: &str, query: &str) -> Option<String> {
    let names = checks(probe);
    if let Some(check) = rest.strip_prefix('/') {
        return names.iter().any(|n| n == check).then(|| "ok".to_string());
    }
    if !rest.is_empty() {
        return None;
    }
    let params = params(query);
    if !params.iter().any(|(k, _)| k == "verbose") {
        return Some("ok".into());
    }
    let mut excluded: Vec<&str> = params
        .iter()
        .filter(|(k, _)| k == "exclude")
        .map(|(_, v)| v.as_str())
        .collect();
    let mut out = String::new();
    for n in &names {
        if let Some(i) = excluded.iter().position(|e| e == n) {
            excluded.remove(i);
            out.push_str(&format!("[+]{n} excluded: ok\n"));
        } else {
            out.push_str(&format!("[+]{n} ok\n"));
        }
    }
    if !excluded.is_empty() {
        // sets.String: sorted, duplicates once.
        crate::sort::sort(&mut excluded);
        excluded.dedup();
        let quoted: Vec<String> = excluded.iter().map(|e| format!("{e:?}")).collect();
        out.push_str(&format!(
            "warn: some health checks cannot be excluded: no matches for {}\n",
            quoted.join(",")
        ));
    }
    out.push_str(&format!("{probe} check passed\n"));
    Some(out)
}

/// `/api`: the legacy group's versions and where clients reach the server
/// (the control plane's address, as kind advertises it).
fn api_versions(ctx: &Ctx) -> String {
    let store = ctx.console.engine.store();
    let ip = store
        .nodes
        .iter()
        .find(|n| {
            n.metadata
                .labels
                .get("node-role.kubernetes.io/control-plane")
                .is_some()
        })
        .map(|n| n.internal_ip().to_string())
        .unwrap_or_default();
    let mut s = String::from(
        r#"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"#,
    );
    push_json_string(&mut s, &format!("{ip}:6443"));
    s.push_str("}]}\n");
    s
}

/// The aggregator lists groups by `GroupPriorityMinimum`, highest first
/// (kube-apiserver's `apiVersionPriorities`); a group not named here would
/// come last.
const GROUP_ORDER: &[&str] = &[
    "apps",
    "events.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "networking.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "storage.k8s.io",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "scheduling.k8s.io",
    "coordination.k8s.io",
    "node.k8s.io",
    "discovery.k8s.io",
];

/// The named groups this cluster serves (the api-resources table's), in
/// discovery order.
pub fn groups() -> Vec<&'static str> {
    let mut gs: Vec<&'static str> = RESOURCES
        .iter()
        .map(|r| r.group)
        .filter(|g| !g.is_empty())
        .collect();
    crate::sort::sort(&mut gs);
    gs.dedup();
    crate::sort::sort_by(&mut gs, |a, b| {
        let rank = |g: &str| {
            GROUP_ORDER
                .iter()
                .position(|x| *x == g)
                .unwrap_or(usize::MAX)
        };
        rank(a).cmp(&rank(b)).then(a.cmp(b))
    });
    gs
}

/// The versions of a group, as the table lists them (one each here).
fn versions(group: &str) -> Vec<&'static str> {
    let mut vs: Vec<&'static str> = RESOURCES
        .iter()
        .filter(|r| r.group == group)
        .map(|r| r.version)
        .collect();
    crate::sort::sort(&mut vs);
    vs.dedup();
    vs
}

fn served(group: &str, version: &str) -> bool {
    RESOURCES
        .iter()
        .any(|r| r.group == group && r.version == version)
}

/// An `APIGroup`: its versions and the preferred one (the only one).
fn group_doc(group: &str, with_type: bool) -> Option<String> {
    let vs = versions(group);
    let preferred = vs.first()?;
    let gv = |v: &str| format!(r#"{{"groupVersion":"{group}/{v}","version":"{v}"}}"#);
    let list: Vec<String> = vs.iter().map(|v| gv(v)).collect();
    let head = if with_type {
        r#"{"kind":"APIGroup","apiVersion":"v1","#
    } else {
        "{"
    };
    let tail = if with_type { "\n" } else { "" };
    Some(format!(
        r#"{head}"name":"{group}","versions":[{}],"preferredVersion":{}}}{tail}"#,
        list.join(","),
        gv(preferred)
    ))
}

fn group_list() -> String {
    let docs: Vec<String> = groups()
        .iter()
        .filter_map(|g| group_doc(g, false))
        .collect();
    format!(
        "{{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{}]}}\n",
        docs.join(",")
    )
}

/// An `APIResourceList`: the table's resources of one group version,
/// sorted by name as the installer registers them. The legacy `/api/v1`
/// document carries no `apiVersion`.
fn resource_list(group: &str, version: &str) -> String {
    let mut rs: Vec<&ResourceInfo> = RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
        .collect();
    crate::sort::sort_by(&mut rs, |a, b| a.plural.cmp(b.plural));
    let strings = |xs: &[&str]| -> String {
        let mut s = String::from("[");
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            push_json_string(&mut s, x);
        }
        s.push(']');
        s
    };
    let entries: Vec<String> = rs
        .iter()
        .map(|r| {
            let verbs: Vec<&str> = r.verbs.split(',').collect();
            let mut e = format!(
                r#"{{"name":"{}","singularName":"{}","namespaced":{},"kind":"{}","verbs":{}"#,
                r.plural,
                r.singular,
                r.namespaced,
                r.kind_name,
                strings(&verbs)
            );
            if !r.short_names.is_empty() {
                e.push_str(&format!(r#","shortNames":{}"#, strings(r.short_names)));
            }
            if r.in_all {
                e.push_str(r#","categories":["all"]"#);
            }
            e.push('}');
            e
        })
        .collect();
    let (av, gv) = if group.is_empty() {
        (String::new(), version.to_string())
    } else {
        (
            r#""apiVersion":"v1","#.to_string(),
            format!("{group}/{version}"),
        )
    };
    format!(
        "{{\"kind\":\"APIResourceList\",{av}\"groupVersion\":\"{gv}\",\"resources\":[{}]}}\n",
        entries.join(",")
    )
}

/// `…/RESOURCE`, `…/RESOURCE/NAME`, `…/namespaces/NS/RESOURCE[/NAME]`
/// under a group version: a list or an object, or the 404.
fn objects(ctx: &mut Ctx, group: &str, version: &str, rest: &[&str], query: &str) -> i32 {
    let find = |plural: &str| {
        RESOURCES
            .iter()
            .find(|r| r.group == group && r.version == version && r.plural == plural)
    };
    let (info, ns, name) = match rest {
        [plural] => (find(plural), None, None),
        [plural, name] => (find(plural).filter(|r| !r.namespaced), None, Some(*name)),
        ["namespaces", ns, plural] => (find(plural).filter(|r| r.namespaced), Some(*ns), None),
        ["namespaces", ns, plural, name] => (
            find(plural).filter(|r| r.namespaced),
            Some(*ns),
            Some(*name),
        ),
        _ => (None, None, None),
    };
    let Some(info) = info else {
        ctx.err(NOT_FOUND);
        return 1;
    };
    match name {
        Some(name) => match ctx.console.engine.get(info.kind, ns.unwrap_or(""), name) {
            Ok(obj) => {
                let mut s = go_json::object_json(&obj, true);
                s.push('\n');
                ctx.out(&s);
                0
            }
            Err(e) => {
                ctx.err(&format!("{}\n", e.kubectl_text()));
                1
            }
        },
        None => {
            let mut items = ctx.console.engine.list(info.kind, ns);
            let wanted = params(query)
                .into_iter()
                .find(|(k, _)| k == "labelSelector")
                .map(|(_, v)| v);
            if let Some(text) = wanted {
                match selector::parse(&text) {
                    Ok(sel) => items.retain(|o| sel.matches(&o.meta().labels)),
                    Err(e) => {
                        ctx.err(&format!("Error from server (BadRequest): {e}\n"));
                        return 1;
                    }
                }
            }
            list(ctx, info, &items);
            0
        }
    }
}

/// A `…List`: kind before apiVersion, the store's resourceVersion, the
/// items without their TypeMeta. Written item by item, so a list larger
/// than the output limit stops serialising where the output stops.
fn list(ctx: &mut Ctx, info: &ResourceInfo, items: &[Object]) {
    let av = if info.group.is_empty() {
        info.version.to_string()
    } else {
        format!("{}/{}", info.group, info.version)
    };
    let rv = ctx.console.engine.store().resource_version();
    ctx.out(&format!(
        "{{\"kind\":\"{}List\",\"apiVersion\":\"{av}\",\"metadata\":{{\"resourceVersion\":\"{rv}\"}},\"items\":[",
        info.kind_name
    ));
    for (i, obj) in items.iter().enumerate() {
        if ctx.io.is_full() {
            return;
        }
        let mut s = String::new();
        if i > 0 {
            s.push(',');
        }
        go_json::object_tree(obj, false).write(&mut s);
        ctx.out(&s);
    }
    ctx.out("]}\n");
}
