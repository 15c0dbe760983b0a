//! Tab completion for the console: commands, kubectl verbs, resource
//! types, object names, `sim` subcommands and common flags. Pure: the
//! caller passes the names that exist now.

/// Names the completion may offer, by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub pods: Vec<String>,
    pub sets: Vec<String>,
    pub services: Vec<String>,
    pub claims: Vec<String>,
    pub volumes: Vec<String>,
    pub nodes: Vec<String>,
    pub files: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the word being completed starts.
    pub start: usize,
    /// The word's replacement: the single candidate (plus a space) or the
    /// longest common prefix of all of them.
    pub replacement: String,
    /// Every candidate (shown when there are several).
    pub candidates: Vec<String>,
}

const COMMANDS: &[&str] = &[
    "kubectl", "sim", "help", "sleep", "echo", "clear", "date", "for", "cat", "grep", "head",
    "tail", "wc", "sort", "awk", "alias", "watch",
];
const VERBS: &[&str] = &[
    "annotate",
    "api-resources",
    "apply",
    "attach",
    "cordon",
    "create",
    "debug",
    "delete",
    "describe",
    "drain",
    "edit",
    "exec",
    "explain",
    "expose",
    "get",
    "label",
    "logs",
    "patch",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "uncordon",
    "version",
    "wait",
];
const TYPES: &[&str] = &[
    "all",
    "controllerrevisions",
    "endpoints",
    "endpointslices",
    "events",
    "nodes",
    "persistentvolumeclaims",
    "persistentvolumes",
    "pods",
    "services",
    "statefulsets",
    "storageclasses",
];
const SHORT_TYPES: &[&str] = &["ev", "no", "po", "pv", "pvc", "sc", "sts", "svc"];
const ROLLOUT: &[&str] = &["history", "pause", "restart", "resume", "status", "undo"];
const SIM: &[&str] = &[
    "advance", "fail", "heal", "image", "node", "pod", "seed", "settle", "status",
];
const FLAGS: &[&str] = &[
    "--all",
    "--cascade=",
    "--copy-to=",
    "--force",
    "--grace-period=",
    "--image=",
    "--namespace=",
    "--output=",
    "--recursive",
    "--replicas=",
    "--selector=",
    "--show-labels",
    "--target=",
    "--wait=false",
    "--watch",
    "-A",
    "-f",
    "-l",
    "-n",
    "-o",
    "-w",
];

fn names_for<'a>(names: &'a Names, kind: &str) -> Option<&'a [String]> {
    Some(match kind {
        "pod" | "pods" | "po" => &names.pods,
        "statefulset" | "statefulsets" | "sts" | "statefulset.apps" => &names.sets,
        "service" | "services" | "svc" => &names.services,
        "persistentvolumeclaim" | "persistentvolumeclaims" | "pvc" => &names.claims,
        "persistentvolume" | "persistentvolumes" | "pv" => &names.volumes,
        "node" | "nodes" | "no" => &names.nodes,
        _ => return None,
    })
}

fn pick(words: impl IntoIterator<Item = String>, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = words
        .into_iter()
        .filter(|w| w.starts_with(prefix))
        .collect();
    crate::sort::sort(&mut v);
    v.dedup();
    v
}

fn strs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Completes the word before `cursor` (a byte offset) in `line`.
pub fn complete(line: &str, cursor: usize, names: &Names) -> Option<Completion> {
    let cursor = cursor.min(line.len());
    let head = line.get(..cursor)?;
    // Only the last command of a list or pipe matters.
    let seg_start = head.rfind(['|', ';', '&']).map_or(0, |i| i + 1);
    let segment = &head[seg_start..];
    let start_in_seg = segment.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = &segment[start_in_seg..];
    let before: Vec<&str> = segment[..start_in_seg].split_whitespace().collect();
    let mut start = seg_start + start_in_seg;
    let mut prefix = word;
    let mut cands: Vec<String>;

    if before.is_empty() {
        cands = pick(strs(COMMANDS), word);
    } else if word.starts_with('-') {
        cands = pick(strs(FLAGS), word);
    } else if let Some((kind, part)) = word.split_once('/') {
        let list = names_for(names, kind)?;
        start += kind.len() + 1;
        prefix = part;
        cands = pick(list.iter().cloned(), part);
    } else {
        let args: Vec<&str> = before[1..]
            .iter()
            .copied()
            .filter(|a| !a.starts_with('-'))
            .collect();
        let last_flag = before.last().copied().unwrap_or("");
        cands = match (before[0], args.as_slice()) {
            (_, _) if last_flag == "-f" || last_flag == "--filename" => {
                pick(names.files.iter().cloned(), word)
            }
            // `-o w<Tab>`: an output format, not a name.
            ("kubectl" | "k", _) if last_flag == "-o" || last_flag == "--output" => pick(
                strs(&[
                    "wide",
                    "yaml",
                    "json",
                    "name",
                    "jsonpath=",
                    "jsonpath-as-json=",
                    "custom-columns=",
                    "go-template=",
                ]),
                word,
            ),
            ("kubectl" | "k", []) => pick(strs(VERBS), word),
            ("kubectl" | "k", ["rollout"]) => pick(strs(ROLLOUT), word),
            ("kubectl" | "k", ["rollout", _])
            | ("kubectl" | "k", ["scale"])
            | ("kubectl" | "k", ["autoscale"]) => {
                let mut v = pick(names.sets.iter().map(|s| format!("sts/{s}")), word);
                v.extend(pick(strs(&["sts", "statefulset"]), word));
                v
            }
            // The subcommands `kubectl config` answers (console/kubectl/config.rs).
            ("kubectl" | "k", ["config"]) => pick(
                strs(&[
                    "current-context",
                    "get-clusters",
                    "get-contexts",
                    "get-users",
                    "set-context",
                    "use-context",
                    "view",
                ]),
                word,
            ),
            ("kubectl" | "k", ["config", "set-context" | "use-context" | "get-contexts"]) => {
                pick([crate::console::kubectl::context_name()], word)
            }
            ("kubectl" | "k", ["set"]) => pick(strs(&["env", "image", "resources"]), word),
            ("kubectl" | "k", ["set", "image" | "env" | "resources"]) => {
                pick(names.sets.iter().map(|s| format!("sts/{s}")), word)
            }
            ("kubectl" | "k", ["exec" | "logs" | "attach" | "port-forward" | "cp"]) => {
                pick(names.pods.iter().cloned(), word)
            }
            // A Pod to debug, or a node (`node/NAME`).
            ("kubectl" | "k", ["debug"]) => {
                let mut v = pick(names.pods.iter().cloned(), word);
                v.extend(pick(names.nodes.iter().map(|n| format!("node/{n}")), word));
                v
            }
            // The generators the console has (console/kubectl/modify.rs).
            ("kubectl" | "k", ["create"]) => pick(
                strs(&[
                    "configmap",
                    "deployment",
                    "namespace",
                    "poddisruptionbudget",
                    "priorityclass",
                    "secret",
                    "service",
                    "serviceaccount",
                ]),
                word,
            ),
            ("kubectl" | "k", ["create", "secret"]) => pick(strs(&["generic"]), word),
            ("kubectl" | "k", ["create", "service" | "svc"]) => {
                pick(strs(&["clusterip", "loadbalancer", "nodeport"]), word)
            }
            // What can be exposed: a Pod or a Service, by name.
            ("kubectl" | "k", ["expose"]) => pick(strs(&["pod", "svc"]), word),
            ("kubectl" | "k", ["expose", "pod"]) => pick(names.pods.iter().cloned(), word),
            ("kubectl" | "k", ["expose", "svc"]) => pick(names.services.iter().cloned(), word),
            ("kubectl" | "k", ["cordon" | "uncordon" | "drain"]) => {
                pick(names.nodes.iter().cloned(), word)
            }
            // explain documents these only (console/kubectl/explain).
            ("kubectl" | "k", ["explain"]) => {
                let mut v = pick(
                    strs(&["persistentvolumeclaims", "services", "statefulsets"]),
                    word,
                );
                if !word.is_empty() {
                    v.extend(pick(strs(&["pvc", "sts", "svc"]), word));
                }
                v
            }
            ("kubectl" | "k", [_verb]) => {
                let mut v = pick(strs(TYPES), word);
                if !word.is_empty() {
                    v.extend(pick(strs(SHORT_TYPES), word));
                }
                v
            }
            ("kubectl" | "k", [_verb, kind, ..]) => {
                pick(names_for(names, kind).unwrap_or(&[]).iter().cloned(), word)
            }
            ("sim", []) => pick(strs(SIM), word),
            ("sim", ["fail" | "heal"]) | ("sim", ["pod", _]) => {
                pick(names.pods.iter().cloned(), word)
            }
            ("sim", ["fail", _]) => pick(strs(&["crash", "liveness", "readiness"]), word),
            ("sim", ["node"]) => pick(strs(&["down", "up"]), word),
            ("sim", ["node", _]) => pick(names.nodes.iter().cloned(), word),
            ("sim", ["pod"]) => pick(strs(&["evict", "phase"]), word),
            ("sim", ["image"]) => pick(strs(&["broken", "ok"]), word),
            ("help", []) => pick(strs(&["kubectl", "sim"]), word),
            _ => pick(names.pods.iter().cloned(), word),
        };
    }
    if cands.is_empty() {
        return None;
    }
    let replacement = if cands.len() == 1 {
        let c = &cands[0];
        if c.ends_with('=') || c.ends_with('/') {
            c.clone()
        } else {
            format!("{c} ")
        }
    } else {
        common_prefix(&cands)
    };
    if cands.len() > 1 && replacement.len() <= prefix.len() && cands.len() > 50 {
        cands.truncate(50);
    }
    Some(Completion {
        start,
        replacement,
        candidates: cands,
    })
}

fn common_prefix(v: &[String]) -> String {
    let first = &v[0];
    let mut n = first.len();
    for s in &v[1..] {
        n = n.min(
            first
                .char_indices()
                .zip(s.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8()),
        );
    }
    first[..n].to_string()
}

/// The line with the completion applied, and the new cursor.
pub fn apply(line: &str, cursor: usize, c: &Completion) -> (String, usize) {
    let cursor = cursor.min(line.len());
    let mut out = String::with_capacity(line.len() + c.replacement.len());
    out.push_str(&line[..c.start]);
    out.push_str(&c.replacement);
    let at = out.len();
    out.push_str(&line[cursor..]);
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            pods: vec!["web-0".into(), "web-1".into(), "dns-test".into()],
            sets: vec!["web".into()],
            services: vec!["nginx".into()],
            claims: vec!["www-web-0".into()],
            nodes: vec!["ordinal-worker".into(), "ordinal-worker2".into()],
            files: vec!["web.yaml".into()],
            ..Default::default()
        }
    }

    fn run(line: &str) -> (String, Vec<String>) {
        match complete(line, line.len(), &names()) {
            Some(c) => (apply(line, line.len(), &c).0, c.candidates),
            None => (line.to_string(), vec![]),
        }
    }

    #[test]
    fn an_output_flag_completes_formats() {
        assert_eq!(run("kubectl get pods -o w").0, "kubectl get pods -o wide ");
        assert_eq!(
            run("kubectl get pods --output j").1,
            vec!["json", "jsonpath-as-json=", "jsonpath="]
        );
        assert_eq!(
            run("kubectl get pods -o custom").0,
            "kubectl get pods -o custom-columns="
        );
    }

    #[test]
    fn completes_commands_verbs_types_and_names() {
        assert_eq!(run("kub").0, "kubectl ");
        assert_eq!(run("kubectl app").0, "kubectl apply ");
        assert_eq!(run("kubectl ap").1, ["api-resources", "apply"]);
        assert_eq!(run("kubectl get st").0, "kubectl get st");
        assert!(run("kubectl get st")
            .1
            .contains(&"statefulsets".to_string()));
        assert_eq!(
            run("kubectl get statefulsets w").0,
            "kubectl get statefulsets web "
        );
        assert_eq!(run("kubectl delete pod web-").0, "kubectl delete pod web-");
        assert_eq!(run("kubectl delete pod web-").1, ["web-0", "web-1"]);
        assert_eq!(
            run("kubectl describe pod/d").0,
            "kubectl describe pod/dns-test "
        );
        assert_eq!(run("kubectl apply -f w").0, "kubectl apply -f web.yaml ");
        assert_eq!(run("kubectl scale --repl").0, "kubectl scale --replicas=");
        assert_eq!(run("sim node down ordinal-worker").1.len(), 2);
        assert_eq!(run("sim fail web-0 r").0, "sim fail web-0 readiness ");
        assert_eq!(run("kubectl get pods | gr").0, "kubectl get pods | grep ");
    }

    #[test]
    fn completes_explain_and_the_types_it_documents() {
        assert_eq!(run("kubectl expl").0, "kubectl explain ");
        assert_eq!(
            run("kubectl explain ").1,
            ["persistentvolumeclaims", "services", "statefulsets"]
        );
        assert_eq!(run("kubectl explain st").1, ["statefulsets", "sts"]);
        assert_eq!(
            run("kubectl explain sts --recu").0,
            "kubectl explain sts --recursive "
        );
    }

    #[test]
    fn completes_kubectl_config_and_its_one_context() {
        assert_eq!(
            run("kubectl config cu").0,
            "kubectl config current-context "
        );
        assert_eq!(
            run("kubectl config get").1,
            ["get-clusters", "get-contexts", "get-users"]
        );
        assert_eq!(
            run("kubectl config use-context ").0,
            "kubectl config use-context kind-ordinal "
        );
        assert_eq!(
            run("kubectl config set-context k").0,
            "kubectl config set-context kind-ordinal "
        );
    }

    /// The `set` subcommands the console runs, then the sets to change.
    #[test]
    fn completes_the_set_subcommands() {
        assert_eq!(run("kubectl set ").1, ["env", "image", "resources"]);
        assert_eq!(run("kubectl set r").0, "kubectl set resources ");
        let (line, _) = run("kubectl set resources ");
        assert!(line.starts_with("kubectl set resources sts/"), "{line}");
    }

    #[test]
    fn completes_the_create_generators() {
        assert_eq!(
            run("kubectl create pod").0,
            "kubectl create poddisruptionbudget "
        );
        assert_eq!(run("kubectl create pri").0, "kubectl create priorityclass ");
        assert_eq!(
            run("kubectl create service").1,
            ["service", "serviceaccount"]
        );
        assert_eq!(
            run("kubectl create secret ").0,
            "kubectl create secret generic "
        );
        assert_eq!(
            run("kubectl create svc n").0,
            "kubectl create svc nodeport "
        );
    }

    #[test]
    fn completes_what_expose_can_expose() {
        assert_eq!(run("kubectl expo").0, "kubectl expose ");
        assert_eq!(run("kubectl expose ").1, ["pod", "svc"]);
        assert_eq!(run("kubectl expose pod web-").1, ["web-0", "web-1"]);
        assert_eq!(run("kubectl expose svc n").0, "kubectl expose svc nginx ");
    }

    #[test]
    fn completes_debug_and_attach_targets() {
        assert_eq!(run("kubectl deb").0, "kubectl debug ");
        assert_eq!(run("kubectl att").0, "kubectl attach ");
        assert_eq!(run("kubectl debug web-").1, ["web-0", "web-1"]);
        assert_eq!(
            run("kubectl debug no").1,
            ["node/ordinal-worker", "node/ordinal-worker2"]
        );
        assert_eq!(run("kubectl attach d").0, "kubectl attach dns-test ");
        assert_eq!(
            run("kubectl debug web-0 --tar").0,
            "kubectl debug web-0 --target="
        );
    }

    #[test]
    fn nothing_to_complete_is_none() {
        assert!(complete("kubectl get pods zz", 19, &names()).is_none());
    }
}
