//! `kubectl expose` (kubectl 1.35's pkg/cmd/expose and the
//! polymorphichelpers it calls): a Service made from a Pod, Service,
//! Deployment or ReplicaSet, with the exposed object's selector, ports,
//! protocols and labels unless flags say otherwise.
//!
//! What it teaches here: a StatefulSet cannot be exposed (`cannot expose a
//! StatefulSet.apps`; write the headless Service instead), and exposing one
//! of its Pods (`kubectl expose pod web-0`) selects on *all* the Pod's
//! labels, `controller-revision-hash` included, so the Service loses its
//! endpoint when a rolling update gives the Pod a new revision; select on
//! `statefulset.kubernetes.io/pod-name` with `--selector` instead.

use super::flags::{b, opt, v, Flag, Parsed};
use super::{Ctx, DryRun};
use crate::engine::objects::{Kind, Object};
use serde_json::{json, Map, Value};

/// `kubectl expose --help`, as kubectl 1.33–1.35 print it.
pub const HELP: &str = include_str!("help.txt");

pub const EXPOSE_FLAGS: &[Flag] = &[
    b("allow-missing-template-keys", None),
    v("cluster-ip", None),
    opt("dry-run", "unchanged"),
    v("external-ip", None),
    v("field-manager", None),
    v("filename", Some('f')),
    v("kustomize", Some('k')),
    v("labels", Some('l')),
    v("load-balancer-ip", None),
    v("name", None),
    v("output", Some('o')),
    v("override-type", None),
    v("overrides", None),
    v("port", None),
    v("protocol", None),
    b("recursive", Some('R')),
    b("record", None),
    b("save-config", None),
    v("selector", None),
    v("session-affinity", None),
    b("show-managed-fields", None),
    v("target-port", None),
    v("template", None),
    v("type", None),
];

/// What the exposed object lends the Service (polymorphichelpers).
struct Exposed {
    selector: String,
    /// Its distinct ports, in order (`PortsForObject`).
    ports: Vec<String>,
    /// Each port's protocols, in order (`MultiProtocolsForObject`).
    protocols: Vec<(String, Vec<String>)>,
    labels: Vec<(String, String)>,
}

/// `kubectl expose (-f FILENAME | TYPE NAME) [--port=port] …`.
pub fn expose(ctx: &mut Ctx, p: &Parsed) -> i32 {
    let dry = match super::dry_run(ctx, p) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let ns = ctx.namespace(p);
    match super::get::build_each(ctx, p, &ns, |ctx, obj| expose_one(ctx, p, &ns, obj, dry)) {
        Ok(_) => 0,
        Err(code) => code,
    }
}

fn expose_one(ctx: &mut Ctx, p: &Parsed, ns: &str, obj: &Object, dry: DryRun) -> i32 {
    let kind = obj.kind();
    if !matches!(
        kind,
        Kind::Pod | Kind::Service | Kind::Deployment | Kind::ReplicaSet
    ) {
        return ctx.fail(&format!("cannot expose a {}", kind.qualified_kind()));
    }
    let wire = crate::console::printers::wire_value(obj);
    // The object lends its selector only when --selector is not given.
    let need_selector = p.value("selector").is_none_or(str::is_empty);
    let exposed = match exposed(kind, &wire, need_selector) {
        Ok(e) => e,
        Err(e) => {
            return ctx.fail(&format!(
                "couldn't retrieve selectors via --selector flag or introspection: {e}"
            ))
        }
    };
    let service = match generate(p, obj.name(), exposed) {
        Ok(s) => s,
        Err(e) => return ctx.fail(&e),
    };
    let service = match p.value("overrides").filter(|o| !o.is_empty()) {
        None => service,
        Some(o) => {
            let ty = p.value("override-type").unwrap_or("merge");
            match super::exec::apply_overrides(Kind::Service, &service, o, ty) {
                Ok(v) => v,
                Err(e) => return ctx.fail(&e),
            }
        }
    };
    let mut service = if p.flag("save-config") && dry != DryRun::Client {
        crate::manifest::apply::with_last_applied(&service)
    } else {
        service
    };
    // A client dry run shows the namespace only when one was given.
    if dry != DryRun::Client || p.has("namespace") {
        service["metadata"]["namespace"] = json!(ns);
    }
    let shown = match super::modify::create_generated(ctx, Kind::Service, service, dry, None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    super::modify::print_generated(ctx, p, &shown, "exposed", dry)
}

/// `MapBasedSelectorForObject`, `PortsForObject`, `MultiProtocolsForObject`
/// and the object's labels, read from its wire form.
fn exposed(kind: Kind, wire: &Value, need_selector: bool) -> Result<Exposed, String> {
    let labels_at = |ptr: &str| -> Vec<(String, String)> {
        wire.pointer(ptr)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let joined = |l: &[(String, String)]| {
        l.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let selector = match kind {
        _ if !need_selector => String::new(),
        Kind::Pod => {
            let l = labels_at("/metadata/labels");
            if l.is_empty() {
                return Err("the pod has no labels and cannot be exposed".into());
            }
            joined(&l)
        }
        Kind::Service => {
            if wire.pointer("/spec/selector").is_none() {
                return Err("the service has no pod selector set".into());
            }
            joined(&labels_at("/spec/selector"))
        }
        _ => {
            let what = if kind == Kind::Deployment {
                "deployment"
            } else {
                "replicaset"
            };
            let l = labels_at("/spec/selector/matchLabels");
            if l.is_empty() {
                return Err(format!(
                    "invalid {what}: no selectors, therefore cannot be exposed"
                ));
            }
            if wire
                .pointer("/spec/selector/matchExpressions")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty())
            {
                return Err(format!(
                    "couldn't convert expressions - \"{}\" to map-based selector format",
                    wire["spec"]["selector"]["matchExpressions"]
                ));
            }
            joined(&l)
        }
    };
    // (port, protocol) in the order the object lists them.
    let listed: Vec<(String, String)> = if kind == Kind::Service {
        wire.pointer("/spec/ports")
            .and_then(Value::as_array)
            .map(|ports| {
                ports
                    .iter()
                    .map(|sp| (number(&sp["port"]), protocol(&sp["protocol"])))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        let spec = if kind == Kind::Pod {
            "/spec/containers"
        } else {
            "/spec/template/spec/containers"
        };
        wire.pointer(spec)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|c| c["ports"].as_array().cloned().unwrap_or_default())
            .map(|cp| (number(&cp["containerPort"]), protocol(&cp["protocol"])))
            .collect()
    };
    let mut ports: Vec<String> = Vec::new();
    let mut protocols: Vec<(String, Vec<String>)> = Vec::new();
    for (port, proto) in listed {
        if !ports.contains(&port) {
            ports.push(port.clone());
        }
        match protocols.iter_mut().find(|(p, _)| *p == port) {
            Some((_, list)) => list.push(proto),
            None => protocols.push((port, vec![proto])),
        }
    }
    Ok(Exposed {
        selector,
        ports,
        protocols,
        labels: labels_at("/metadata/labels"),
    })
}

fn number(v: &Value) -> String {
    v.as_i64().map(|n| n.to_string()).unwrap_or_default()
}

/// An empty protocol is TCP (`getMultiProtocols`).
fn protocol(v: &Value) -> String {
    v.as_str()
        .filter(|s| !s.is_empty())
        .unwrap_or("TCP")
        .to_string()
}

/// `RunExpose` and `createService`: the Service, as the client sends it.
fn generate(p: &Parsed, object_name: &str, exposed: Exposed) -> Result<Value, String> {
    let flag = |name: &str| p.value(name).unwrap_or("").to_string();
    let selector_text = match flag("selector") {
        s if s.is_empty() => exposed.selector,
        s => s,
    };
    let cluster_ip = flag("cluster-ip");
    let headless = cluster_ip == "None";
    // --port, else the object's only port, else all its ports.
    let mut port_text = flag("port");
    let mut several = String::new();
    if port_text.is_empty() {
        match exposed.ports.len() {
            0 if !headless => {
                return Err("couldn't find port via --port flag or introspection".into())
            }
            0 => {}
            1 => port_text = exposed.ports[0].clone(),
            _ => several = exposed.ports.join(","),
        }
    }
    let labels_text = match flag("labels") {
        l if l.is_empty() => exposed
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        l => l,
    };
    if selector_text.is_empty() {
        return Err("selector must be specified".into());
    }
    let selector = parse_labels(&selector_text)?;
    let labels = if labels_text.is_empty() {
        None
    } else {
        Some(parse_labels(&labels_text)?)
    };
    let name = match flag("name") {
        n if n.is_empty() => object_name.chars().take(63).collect::<String>(),
        n => n,
    };
    if name.is_empty() {
        return Err("name must be specified".into());
    }
    let user_protocol = flag("protocol");
    let port_string = if several.is_empty() {
        port_text
    } else {
        several
    };
    let mut ports: Vec<Value> = Vec::new();
    if !port_string.is_empty() {
        let list: Vec<&str> = port_string.split(',').collect();
        for (i, text) in list.iter().enumerate() {
            let port: i64 = atoi(text)?;
            let name = if list.len() > 1 {
                format!("port-{}", i + 1)
            } else {
                String::new()
            };
            let known = exposed.protocols.iter().find(|(p, _)| p == text);
            let protocol = if !user_protocol.is_empty() {
                user_protocol.clone()
            } else {
                match known {
                    Some((_, list)) if list.len() > 1 => {
                        for proto in list {
                            let name = format!("port-{}-{}", i + 1, proto.to_lowercase());
                            ports.push(service_port(&name, port, proto));
                        }
                        continue;
                    }
                    Some((_, list)) => list[0].clone(),
                    None => "TCP".to_string(),
                }
            };
            ports.push(service_port(&name, port, &protocol));
        }
    }
    let target = flag("target-port");
    for sp in &mut ports {
        sp["targetPort"] = if target.is_empty() {
            sp["port"].clone()
        } else {
            // intstr.Parse: a number, or a port's name.
            match target.parse::<i32>() {
                Ok(n) => json!(n),
                Err(_) => json!(target),
            }
        };
    }
    let mut spec = Map::new();
    if !ports.is_empty() {
        spec.insert("ports".into(), Value::Array(ports));
    }
    spec.insert("selector".into(), to_map(selector));
    if !flag("external-ip").is_empty() {
        spec.insert("externalIPs".into(), json!([flag("external-ip")]));
    }
    let ty = flag("type");
    if !ty.is_empty() {
        spec.insert("type".into(), json!(ty));
    }
    if ty == "LoadBalancer" && !flag("load-balancer-ip").is_empty() {
        spec.insert("loadBalancerIP".into(), json!(flag("load-balancer-ip")));
    }
    match flag("session-affinity").as_str() {
        "" => {}
        a @ ("None" | "ClientIP") => {
            spec.insert("sessionAffinity".into(), json!(a));
        }
        other => return Err(format!("unknown session affinity: {other}")),
    }
    if !cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), json!(cluster_ip));
    }
    let mut meta = json!({"name": name});
    if let Some(l) = labels {
        meta["labels"] = to_map(l);
    }
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta,
        "spec": spec,
        "status": {"loadBalancer": {}},
    }))
}

fn to_map(pairs: Vec<(String, String)>) -> Value {
    Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    )
}

fn service_port(name: &str, port: i64, protocol: &str) -> Value {
    let mut sp = json!({"port": port, "protocol": protocol});
    if !name.is_empty() {
        sp["name"] = json!(name);
    }
    sp
}

/// Go's `strconv.Atoi`, with its error.
pub(super) fn atoi(text: &str) -> Result<i64, String> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing {text:?}: invalid syntax"));
    }
    text.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {text:?}: value out of range"))
}

/// expose.go's `parseLabels` (and `generate.ParseLabels`, which `kubectl
/// run` uses): `k=v,k=v`, the last of a repeated key wins.
pub(super) fn parse_labels(spec: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for part in spec.split(',') {
        let kv: Vec<&str> = part.split('=').collect();
        if kv.len() != 2 {
            return Err(format!("unexpected label spec: {part}"));
        }
        if kv[0].is_empty() {
            return Err("unexpected empty label key".into());
        }
        out.retain(|(k, _)| k != kv[0]);
        out.push((kv[0].to_string(), kv[1].to_string()));
    }
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_as_expose_does() {
        assert_eq!(
            parse_labels("b=2,a=1,b=3").unwrap(),
            vec![("a".into(), "1".into()), ("b".into(), "3".into())]
        );
        assert_eq!(parse_labels("a").unwrap_err(), "unexpected label spec: a");
        assert_eq!(
            parse_labels("=x").unwrap_err(),
            "unexpected empty label key"
        );
        assert_eq!(
            parse_labels("a=b=c").unwrap_err(),
            "unexpected label spec: a=b=c"
        );
    }

    #[test]
    fn ports_parse_as_strconv_atoi() {
        assert_eq!(atoi("80"), Ok(80));
        assert_eq!(
            atoi("http").unwrap_err(),
            "strconv.Atoi: parsing \"http\": invalid syntax"
        );
        assert_eq!(
            atoi("").unwrap_err(),
            "strconv.Atoi: parsing \"\": invalid syntax"
        );
    }
}
