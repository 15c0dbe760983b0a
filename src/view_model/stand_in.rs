//! The commands the page itself runs (Apply, the buttons on Pods, sets and
//! nodes), answered directly on the engine while the console's `kubectl`
//! and `sim` are not available yet. `run` always asks the console first and
//! only steps in when the console says a command is not available, so the
//! real implementations take over as soon as they exist.
//!
//! Only the exact forms the page issues are understood; anything else keeps
//! the console's own answer.

use crate::console::sh::{End, Entry, Stream, Transcript};
use crate::console::Console;
use crate::engine::faults::{Fault, ProbeKind};
use crate::engine::objects::{Kind, Object};
use crate::engine::store::key;
use crate::engine::{DeleteOptions, SimDuration};
use crate::manifest::{self, apply::ApplyPlan};

/// Runs `src` in the console, standing in for commands it cannot run yet.
pub fn run(console: &mut Console, src: &str) -> Transcript {
    let t = console.run(src);
    let unavailable =
        t.entries.len() == 1 && t.entries[0].output_text().ends_with("not available yet\n");
    if !unavailable {
        return t;
    }
    match stand_in(console, src) {
        Some((status, out)) => Transcript {
            entries: vec![Entry {
                lines: src.lines().map(str::to_string).collect(),
                output: if out.is_empty() {
                    vec![]
                } else {
                    vec![(
                        if status == 0 {
                            Stream::Stdout
                        } else {
                            Stream::Stderr
                        },
                        out,
                    )]
                },
                status,
            }],
            status,
            end: End::Completed,
        },
        None => t,
    }
}

/// Splits a command line into words (quotes removed; no expansion).
pub fn words(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in src.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            None => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().find_map(|a| {
        a.strip_prefix(name).and_then(|rest| {
            rest.strip_prefix('=')
                .or(if rest.is_empty() { Some("true") } else { None })
        })
    })
}

fn positional(args: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
            continue;
        }
        if a == "-f" || a == "-n" || a == "-c" {
            skip = true;
            continue;
        }
        if !a.starts_with('-') {
            out.push(a.as_str());
        }
    }
    out
}

/// `sts/web`, `statefulset/web`, or `sts web` → ("statefulset", "web").
fn target<'a>(pos: &[&'a str]) -> Option<(Kind, &'a str)> {
    let first = pos.first()?;
    if let Some((k, n)) = first.split_once('/') {
        return Some((Kind::from_resource_arg(k)?, n));
    }
    Some((Kind::from_resource_arg(first)?, pos.get(1)?))
}

fn stand_in(console: &mut Console, src: &str) -> Option<(i32, String)> {
    let w = words(src.trim());
    let (cmd, rest) = w.split_first()?;
    match cmd.as_str() {
        "kubectl" | "k" => kubectl(console, rest),
        "sim" => sim(console, rest),
        _ => None,
    }
}

fn kubectl(console: &mut Console, args: &[String]) -> Option<(i32, String)> {
    let (verb, rest) = args.split_first()?;
    let ns = flag(rest, "-n")
        .or(flag(rest, "--namespace"))
        .unwrap_or("default")
        .to_string();
    let pos = positional(rest);
    match verb.as_str() {
        "apply" => {
            let i = rest.iter().position(|a| a == "-f")?;
            let path = rest.get(i + 1)?;
            Some(apply(console, path, &ns))
        }
        "delete" => {
            let (kind, name) = target(&pos)?;
            let force = flag(rest, "--force").is_some();
            let grace = flag(rest, "--grace-period").and_then(|g| g.parse().ok());
            let opts = DeleteOptions {
                grace_period_seconds: if force {
                    Some(grace.unwrap_or(0))
                } else {
                    grace
                },
                ..Default::default()
            };
            let r = console.engine_mut().delete(kind, &ns, name, &opts);
            Some(match r {
                Ok(_) => {
                    let what = format!("{} \"{name}\"", kind.singular_qualified());
                    if force {
                        (0, format!("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n{what} force deleted\n"))
                    } else {
                        (0, format!("{what} deleted\n"))
                    }
                }
                Err(e) => (1, format!("{}\n", e.kubectl_text())),
            })
        }
        "scale" => {
            let (kind, name) = target(&pos)?;
            let n: i64 = flag(rest, "--replicas")?.parse().ok()?;
            Some(update_set(console, kind, &ns, name, "scaled", |v| {
                v["spec"]["replicas"] = n.into();
            }))
        }
        "set" if pos.first() == Some(&"image") => {
            let (kind, name) = target(&pos[1..])?;
            let assign = pos.iter().skip(1).find(|p| p.contains('='))?;
            let (container, image) = assign.split_once('=')?;
            let (container, image) = (container.to_string(), image.to_string());
            Some(update_set(
                console,
                kind,
                &ns,
                name,
                "image updated",
                move |v| {
                    if let Some(cs) = v["spec"]["template"]["spec"]["containers"].as_array_mut() {
                        for c in cs.iter_mut().filter(|c| c["name"] == container.as_str()) {
                            c["image"] = image.clone().into();
                        }
                    }
                },
            ))
        }
        "rollout" if matches!(pos.first(), Some(&"pause") | Some(&"resume")) => {
            let (kind, name) = target(&pos[1..])?;
            let what = if pos[0] == "pause" {
                "pausing"
            } else {
                "resuming"
            };
            Some((
                1,
                format!(
                    "error: {} \"{name}\" {what} is not supported\n",
                    kind.resource_name()
                ),
            ))
        }
        _ => None,
    }
}

fn update_set(
    console: &mut Console,
    kind: Kind,
    ns: &str,
    name: &str,
    verb: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> (i32, String) {
    let live = match console.engine().get(kind, ns, name) {
        Ok(o) => o,
        Err(e) => return (1, format!("{}\n", e.kubectl_text())),
    };
    let mut v = live.to_value();
    edit(&mut v);
    let r = Object::from_value(kind, v)
        .map_err(|e| e.to_string())
        .and_then(|o| console.engine_mut().update(o).map_err(|e| e.kubectl_text()));
    match r {
        Ok(_) => (0, format!("{}/{name} {verb}\n", kind.singular_qualified())),
        Err(e) => (1, format!("{e}\n")),
    }
}

fn apply(console: &mut Console, path: &str, ns: &str) -> (i32, String) {
    let Ok(text) = console.read_file(path) else {
        return (1, format!("error: the path \"{path}\" does not exist\n"));
    };
    let parsed = manifest::parse(&text, path);
    let mut out = String::new();
    let mut status = 0;
    for entry in &parsed.entries {
        let m = match entry {
            manifest::Entry::Object(m) => m,
            manifest::Entry::Error(e) => {
                out.push_str(&format!("error: {}\n", e.text));
                status = 1;
                continue;
            }
        };
        let object = match &m.object {
            Ok(o) => o,
            Err(e) => {
                out.push_str(&format!("{}\n", e.kubectl_text()));
                status = 1;
                continue;
            }
        };
        let kind = object.kind();
        let ns = if kind.namespaced() {
            if m.namespace.is_empty() {
                ns.to_string()
            } else {
                m.namespace.clone()
            }
        } else {
            String::new()
        };
        let mut config = m.raw.clone();
        if kind.namespaced() {
            config["metadata"]["namespace"] = ns.clone().into();
        }
        let live = console.engine().get(kind, &ns, &m.name).ok();
        let plan =
            manifest::apply::plan_apply(&config, live.as_ref().map(|o| o.to_value()).as_ref());
        let label = format!("{}/{}", kind.singular_qualified(), m.name);
        let result = match plan {
            Ok(ApplyPlan::Unchanged) => {
                out.push_str(&format!("{label} unchanged\n"));
                continue;
            }
            Ok(ApplyPlan::Create { object }) => Object::from_value(kind, object)
                .map_err(|e| e.to_string())
                .and_then(|o| console.engine_mut().create(o).map_err(|e| e.kubectl_text()))
                .map(|_| "created"),
            Ok(ApplyPlan::Patch { result, .. }) => Object::from_value(kind, result)
                .map_err(|e| e.to_string())
                .and_then(|o| console.engine_mut().update(o).map_err(|e| e.kubectl_text()))
                .map(|_| "configured"),
            Err(e) => Err(format!("error: {e}")),
        };
        match result {
            Ok(verb) => out.push_str(&format!("{label} {verb}\n")),
            Err(e) => {
                out.push_str(&format!("{e}\n"));
                status = 1;
            }
        }
    }
    if let Some(e) = &parsed.stream_error {
        out.push_str(&format!("error: {}\n", e.text));
        status = 1;
    }
    if parsed.is_empty() && parsed.stream_error.is_none() {
        out.push_str("error: no objects passed to apply\n");
        status = 1;
    }
    (status, out)
}

fn sim(console: &mut Console, args: &[String]) -> Option<(i32, String)> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let ns = console.namespace().to_string();
    let fault = match a.as_slice() {
        ["fail", pod, what] => {
            let pod = key(&ns, pod);
            match *what {
                "crash" => Fault::Crash { pod },
                "readiness" => Fault::FailProbe {
                    pod,
                    probe: ProbeKind::Readiness,
                },
                "liveness" => Fault::FailProbe {
                    pod,
                    probe: ProbeKind::Liveness,
                },
                _ => return None,
            }
        }
        ["heal", pod] => Fault::Heal { pod: key(&ns, pod) },
        ["node", "down", node] => Fault::NodeDown(node.to_string()),
        ["node", "up", node] => Fault::NodeUp(node.to_string()),
        ["advance", d] => {
            let d = SimDuration::parse(d)?;
            let to = console.engine().now() + d;
            console.engine_mut().advance_to(to);
            return Some((0, String::new()));
        }
        _ => return None,
    };
    Some(match console.engine_mut().inject(fault) {
        Ok(()) => (0, String::new()),
        Err(e) => (1, format!("sim: {}\n", e.message())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            words("kubectl  get 'a b' \"c\""),
            ["kubectl", "get", "a b", "c"]
        );
        assert_eq!(words("echo ''"), ["echo", ""]);
    }

    #[test]
    fn flags_and_targets() {
        let args: Vec<String> = words("scale sts/web --replicas=3");
        assert_eq!(flag(&args, "--replicas"), Some("3"));
        let pos = positional(&args[1..]);
        assert_eq!(target(&pos), Some((Kind::StatefulSet, "web")));
        let args: Vec<String> = words("delete pod web-0 --force --grace-period=0");
        assert_eq!(flag(&args, "--force"), Some("true"));
        assert_eq!(flag(&args, "--grace-period"), Some("0"));
    }
}
