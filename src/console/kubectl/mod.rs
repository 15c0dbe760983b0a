//! kubectl, as console.md lists it: the verbs and flags people type next
//! to a real cluster, answered with kubectl 1.35's output, messages and exit
//! codes. Each verb is a file; this one parses the command line, dispatches,
//! and holds what verbs share (namespaces, waiting in simulated time).

mod apply;
mod attach;
mod auth;
mod autoscale;
mod config;
pub use config::context_name;
mod cp;
mod data_sources;
mod debug;
pub(crate) mod delete;
mod exec;
mod explain;
mod expose;
pub mod flags;
mod get;
mod help;
mod info;
mod kustomize;
mod logs;
mod modify;
mod node;
mod output;
mod port_forward;
mod prune;
mod raw;
pub mod resources;
mod rollout;
mod scale_sub;
pub mod selector;
mod set_env;
mod set_local;
mod set_resources;
mod set_selector;
mod set_serviceaccount;
mod taint;

use flags::Flag;

use super::sh::Io;
use super::Console;
use crate::engine::{SimDuration, SimTime};

/// A verb: its flags and what runs it.
struct Verb {
    name: &'static str,
    flags: &'static [Flag],
    run: RunFn,
    about: &'static str,
}

/// What a verb works with.
pub(crate) struct Ctx<'a> {
    pub console: &'a mut Console,
    pub io: &'a mut Io,
    pub stdin: Option<&'a str>,
    pub verb: &'static str,
    /// `--record`: the command line kubectl writes into the
    /// `kubernetes.io/change-cause` annotation of what it changes.
    pub change_cause: Option<String>,
    /// The API warnings this command printed: kubectl's warning writer
    /// prints each text once per run (`WarningWriterOptions.Deduplicate`).
    pub warned: Vec<String>,
}

impl Ctx<'_> {
    /// Runs a write against the cluster, or under a server dry run against
    /// a copy of it that is dropped afterwards: the API server validates
    /// and answers, nothing stays.
    pub fn writing<T>(&mut self, dry: DryRun, write: impl FnOnce(&mut Self) -> T) -> T {
        let saved = (dry == DryRun::Server).then(|| self.console.engine.clone());
        let r = write(self);
        if let Some(engine) = saved {
            // A dry run's warnings come back like a real write's.
            let warnings = self.console.engine.take_warnings();
            self.console.engine = engine;
            self.console.engine.warnings.extend(warnings);
        }
        r
    }

    /// What a server-side dry run answers for `obj`, the object its write
    /// made in a copy of the cluster: the API server's dry-run storage
    /// writes nothing, so an update answers with the stored object's
    /// resourceVersion and a create with none (`DryRunnableStorage`).
    pub fn dry_run_answer(&self, mut obj: crate::engine::Object) -> crate::engine::Object {
        let stored = self
            .console
            .engine
            .get(obj.kind(), obj.namespace(), obj.name())
            .ok()
            .map(|o| o.meta().resource_version.clone());
        obj.meta_mut().resource_version = stored.unwrap_or_default();
        obj
    }

    /// Prints the API server's warnings about this command's writes so far
    /// (stderr, `Warning: …`), each text once, before anything else the
    /// command prints after the write — as kubectl's warning handler does
    /// when the response arrives.
    pub fn flush_warnings(&mut self) {
        for w in self.console.engine.take_warnings() {
            if !self.warned.contains(&w) {
                self.io.err(&format!("Warning: {w}\n"));
                self.warned.push(w);
            }
        }
    }

    /// Prints the deprecation warning of each resource type the command
    /// asks the API server about (every response about v1 Endpoints
    /// carries one, a NotFound too), once per run like the others.
    pub fn warn_requested(&mut self, resolved: &resources::Resolved) {
        for r in &resolved.requests {
            if let Some(w) = crate::engine::apiserver::warnings::deprecated(r.kind) {
                if !self.warned.iter().any(|x| x == w) {
                    self.io.err(&format!("Warning: {w}\n"));
                    self.warned.push(w.to_string());
                }
            }
        }
    }

    /// Says that objects of `kind` are kept but not acted on (no
    /// Deployment or ReplicaSet controller runs here).
    pub fn note_unrun(&mut self, kind: crate::engine::objects::Kind) {
        self.err(&format!(
            "Note: Ordinal keeps {} objects but does not run their controllers.\n",
            kind.name()
        ));
    }

    /// `-n` or the session's namespace.
    pub fn namespace(&self, p: &flags::Parsed) -> String {
        p.value("namespace")
            .map(str::to_string)
            .unwrap_or_else(|| self.console.namespace.clone())
    }

    /// kubectl's `error: …` on stderr; returns exit code 1.
    pub fn fail(&mut self, msg: &str) -> i32 {
        self.io.err(&super::printers::error_text(msg));
        1
    }

    /// cobra's usage error (`cmdutil.UsageErrorf`): the message and where
    /// to find help, for `kubectl VERB`.
    pub fn usage(&mut self, msg: &str) -> i32 {
        let path = self.verb;
        self.usage_for(path, msg)
    }

    /// A usage error of a subcommand (`kubectl create namespace`).
    pub fn usage_for(&mut self, path: &str, msg: &str) -> i32 {
        self.io.err(&format!(
            "error: {msg}\nSee 'kubectl {path} -h' for help and examples\n"
        ));
        1
    }

    pub fn out(&mut self, s: &str) {
        self.flush_warnings();
        self.io.out(s);
    }

    pub fn err(&mut self, s: &str) {
        self.flush_warnings();
        self.io.err(s);
    }

    /// Lets simulated time pass until `done` holds or `timeout` passes;
    /// returns whether `done` held. Never loops for ever: time is bounded.
    pub fn wait_until(&mut self, timeout: SimDuration, done: impl FnMut(&Console) -> bool) -> bool {
        self.wait_steps(timeout, done, |e, deadline| {
            e.next_wakeup()
                .filter(|t| *t <= deadline)
                .unwrap_or(deadline)
        })
    }

    /// Like `wait_until`, but `done` is only asked every `interval` (from
    /// now, the first time at once), as kubectl's polling waits
    /// (`wait.PollImmediate`) ask: what `done` waits for may have happened
    /// up to `interval` before the wait sees it.
    pub fn poll_until(
        &mut self,
        interval: SimDuration,
        timeout: SimDuration,
        done: impl FnMut(&Console) -> bool,
    ) -> bool {
        self.wait_steps(timeout, done, move |e, deadline| {
            (e.now() + interval).min(deadline)
        })
    }

    /// Asks `done`, moves the clock to the instant `next` names (never past
    /// the deadline), and again, until `done` holds or the deadline is
    /// reached.
    fn wait_steps(
        &mut self,
        timeout: SimDuration,
        mut done: impl FnMut(&Console) -> bool,
        next: impl Fn(&crate::engine::Engine, SimTime) -> SimTime,
    ) -> bool {
        let deadline = self.console.engine.now() + timeout;
        loop {
            if done(self.console) {
                return true;
            }
            let t = next(&self.console.engine, deadline);
            self.console.engine.advance_to(t);
            if t >= deadline {
                return done(self.console);
            }
        }
    }

    pub fn now(&self) -> SimTime {
        self.console.engine.now()
    }
}

/// The default limit on how long a waiting command waits (simulated).
pub const DEFAULT_WAIT: SimDuration = SimDuration::secs(600);

/// The resource builder's error when no resource is named, as printed.
pub(crate) const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/// `--dry-run` (`cmdutil.GetDryRunStrategy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

impl DryRun {
    /// What `PrintFlagsWithDryRunStrategy` adds to each printed line.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}

/// Parses `--dry-run`; a bad value is an error already printed.
pub(crate) fn dry_run(ctx: &mut Ctx, p: &flags::Parsed) -> Result<DryRun, i32> {
    // Every command that changes objects reads --dry-run first; kubectl
    // builds its printer in the same step, refusing the table formats
    // (delete prints names only and checks its own; label and annotate
    // with --local build it for each file object and fail for each).
    let per_object = matches!(ctx.verb, "label" | "annotate") && p.flag("local");
    if ctx.verb != "delete" && !per_object {
        if let Err(e) = output::check_change_format(p.value("output")) {
            return Err(ctx.fail(&e));
        }
    }
    let Some(v) = p.value("dry-run") else {
        return Ok(DryRun::None);
    };
    // klog's warning line, at the simulated time.
    let warn = |ctx: &mut Ctx, line: u32, msg: &str| {
        let t = ctx.now().rfc3339_micro();
        // 2026-01-05T09:00:00.000000Z -> 0105 09:00:00.000000
        let stamp = format!("{}{} {}", &t[5..7], &t[8..10], &t[11..26]);
        ctx.err(&format!("W{stamp}       1 helpers.go:{line}] {msg}\n"));
    };
    match flags::parse_bool(v) {
        Some(true) => {
            warn(ctx, 733, &format!("--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=client."));
            Ok(DryRun::Client)
        }
        Some(false) => {
            warn(ctx, 736, &format!("--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=none."));
            Ok(DryRun::None)
        }
        None => match v {
            "unchanged" => {
                warn(
                    ctx,
                    719,
                    "--dry-run is deprecated and can be replaced with --dry-run=client.",
                );
                Ok(DryRun::Client)
            }
            "client" => Ok(DryRun::Client),
            "server" => Ok(DryRun::Server),
            "none" => Ok(DryRun::None),
            _ => Err(ctx.fail(&format!(
                "Invalid dry-run value ({v}). Must be \"none\", \"server\", or \"client\"."
            ))),
        },
    }
}

/// The integer flags (pflag's `Int64Var`/`IntVar`) of verbs that do not
/// check their own, checked as pflag parses them.
fn int_flags(command: &str) -> &'static [&'static str] {
    match command {
        "get" | "describe" | "events" => &["chunk-size"],
        "cp" => &["retries"],
        "drain" => &["grace-period", "chunk-size", "skip-wait-for-delete-timeout"],
        "create deployment" => &["replicas", "port"],
        "autoscale" => &["min", "max", "cpu-percent"],
        _ => &[],
    }
}

/// The flags pflag parses as Go durations (`DurationVar`), by command.
fn duration_flags(command: &str) -> &'static [&'static str] {
    match command {
        "delete" | "scale" | "drain" | "apply" | "replace" | "wait" | "rollout status" => {
            &["timeout"]
        }
        "exec" | "attach" | "port-forward" | "run" => &["pod-running-timeout"],
        "logs" => &["since", "pod-running-timeout"],
        _ => &[],
    }
}

/// cobra's required flags (`MarkFlagRequired`), checked before a verb runs.
fn required_flags(command: &str) -> &'static [&'static str] {
    match command {
        "scale" => &["replicas"],
        "run" => &["image"],
        "autoscale" => &["max"],
        "create deployment" => &["image"],
        _ => &[],
    }
}

const VERBS: &[Verb] = &[
    Verb { name: "create", flags: apply::CREATE_FLAGS, run: apply::create, about: "Create a resource from a file or from stdin" },
    Verb { name: "expose", flags: expose::EXPOSE_FLAGS, run: expose::expose, about: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service" },
    Verb { name: "run", flags: exec::RUN_FLAGS, run: exec::run_pod, about: "Run a particular image on the cluster" },
    Verb { name: "set", flags: modify::SET_FLAGS, run: modify::set, about: "Set specific features on objects" },
    Verb { name: "explain", flags: explain::EXPLAIN_FLAGS, run: explain::explain, about: "Get documentation for a resource" },
    Verb { name: "get", flags: get::GET_FLAGS, run: get::get, about: "Display one or many resources" },
    Verb { name: "edit", flags: modify::EDIT_FLAGS, run: modify::edit, about: "Edit a resource on the server" },
    Verb { name: "delete", flags: delete::DELETE_FLAGS, run: delete::delete, about: "Delete resources by file names, stdin, resources and names, or by resources and label selector" },
    Verb { name: "rollout", flags: rollout::ROLLOUT_FLAGS, run: rollout::rollout, about: "Manage the rollout of a resource" },
    Verb { name: "scale", flags: modify::SCALE_FLAGS, run: modify::scale, about: "Set a new size for a deployment, replica set, or replication controller" },
    Verb { name: "autoscale", flags: autoscale::AUTOSCALE_FLAGS, run: autoscale::autoscale, about: "Auto-scale a deployment, replica set, stateful set, or replication controller" },
    Verb { name: "certificate", flags: &[], run: unsupported, about: "Modify certificate resources" },
    Verb { name: "cluster-info", flags: &[], run: info::cluster_info, about: "Display cluster information" },
    Verb { name: "top", flags: info::TOP_FLAGS, run: info::top, about: "Display resource (CPU/memory) usage" },
    Verb { name: "cordon", flags: node::CORDON_FLAGS, run: node::cordon, about: "Mark node as unschedulable" },
    Verb { name: "uncordon", flags: node::CORDON_FLAGS, run: node::uncordon, about: "Mark node as schedulable" },
    Verb { name: "drain", flags: node::DRAIN_FLAGS, run: node::drain, about: "Drain node in preparation for maintenance" },
    Verb { name: "taint", flags: taint::TAINT_FLAGS, run: taint::taint, about: "Update the taints on one or more nodes" },
    Verb { name: "describe", flags: get::DESCRIBE_FLAGS, run: get::describe, about: "Show details of a specific resource or group of resources" },
    Verb { name: "logs", flags: logs::LOGS_FLAGS, run: logs::logs, about: "Print the logs for a container in a pod" },
    Verb { name: "attach", flags: attach::ATTACH_FLAGS, run: attach::attach, about: "Attach to a running container" },
    Verb { name: "exec", flags: exec::EXEC_FLAGS, run: exec::exec, about: "Execute a command in a container" },
    Verb { name: "port-forward", flags: port_forward::PORT_FORWARD_FLAGS, run: port_forward::port_forward, about: "Forward one or more local ports to a pod" },
    Verb { name: "proxy", flags: &[], run: unsupported, about: "Run a proxy to the Kubernetes API server" },
    Verb { name: "cp", flags: cp::CP_FLAGS, run: cp::cp, about: "Copy files and directories to and from containers" },
    Verb { name: "auth", flags: auth::AUTH_FLAGS, run: auth::auth, about: "Inspect authorization" },
    Verb { name: "debug", flags: debug::DEBUG_FLAGS, run: debug::debug, about: "Create debugging sessions for troubleshooting workloads and nodes" },
    Verb { name: "events", flags: get::EVENTS_FLAGS, run: get::events, about: "List events" },
    Verb { name: "diff", flags: apply::DIFF_FLAGS, run: apply::diff, about: "Diff the live version against a would-be applied version" },
    Verb { name: "apply", flags: apply::APPLY_FLAGS, run: apply::apply, about: "Apply a configuration to a resource by file name or stdin" },
    Verb { name: "patch", flags: modify::PATCH_FLAGS, run: modify::patch, about: "Update fields of a resource" },
    Verb { name: "replace", flags: apply::REPLACE_FLAGS, run: apply::replace, about: "Replace a resource by file name or stdin" },
    Verb { name: "wait", flags: exec::WAIT_FLAGS, run: exec::wait, about: "Wait for a specific condition on one or many resources" },
    Verb { name: "kustomize", flags: kustomize::KUSTOMIZE_FLAGS, run: kustomize::kustomize, about: "Build a kustomization target from a directory or URL" },
    Verb { name: "label", flags: modify::LABEL_FLAGS, run: modify::label, about: "Update the labels on a resource" },
    Verb { name: "annotate", flags: modify::LABEL_FLAGS, run: modify::annotate, about: "Update the annotations on a resource" },
    Verb { name: "completion", flags: &[], run: unsupported, about: "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)" },
    Verb { name: "alpha", flags: &[], run: unsupported, about: "Commands for features in alpha" },
    Verb { name: "api-resources", flags: info::API_RESOURCES_FLAGS, run: info::api_resources, about: "Print the supported API resources on the server" },
    Verb { name: "api-versions", flags: &[], run: info::api_versions, about: "Print the supported API versions on the server, in the form of \"group/version\"" },
    Verb { name: "config", flags: config::CONFIG_FLAGS, run: config::config, about: "Modify kubeconfig files" },
    Verb { name: "plugin", flags: PLUGIN_FLAGS, run: plugin, about: "Provides utilities for interacting with plugins" },
    Verb { name: "version", flags: info::VERSION_FLAGS, run: info::version, about: "Print the client and server version information" },
];

type RunFn = fn(&mut Ctx, &flags::Parsed) -> i32;

/// The whole `--help` of the command cobra would find (`rollout status`,
/// `create secret generic`), else of its nearest parent Ordinal has a
/// text for (every verb has one: `help::tests`).
fn verb_help(verb: &Verb, rest: &[String]) -> &'static str {
    let (_, found) = subcommand_flags(verb, rest);
    let (first, _) = subcommand_words(verb, rest);
    // A group's subcommand without flags of its own here (`create secret`)
    // is still a command of its own to cobra.
    let typed = first
        .filter(|_| found == verb.name)
        .map(|w| format!("{} {w}", verb.name));
    let mut command = typed.unwrap_or(found);
    loop {
        if let Some(text) = help::text(&command) {
            return text;
        }
        let Some((parent, _)) = command.rsplit_once(' ') else {
            return "";
        };
        command = parent.to_string();
    }
}

const PLUGIN_FLAGS: &[Flag] = &[flags::b("name-only", None)];

/// `kubectl plugin list`: the workstation has no `kubectl-*` programs on
/// its PATH, and kubectl says so (exit 1). Other words are cobra's
/// unknown commands.
fn plugin(ctx: &mut Ctx, p: &flags::Parsed) -> i32 {
    match p.args.first().map(String::as_str) {
        Some("list") => ctx.fail("unable to find any kubectl plugins in your PATH"),
        _ => ctx.usage_for("plugin", &format!("unknown command {:?}", p.args.join(" "))),
    }
}

fn unsupported(ctx: &mut Ctx, _p: &flags::Parsed) -> i32 {
    let msg = unsupported_message(ctx.verb);
    ctx.fail(&msg)
}

fn unsupported_message(verb: &str) -> String {
    format!("\"kubectl {verb}\" is not part of Ordinal's simulated cluster; see 'help' for the commands it answers")
}

/// Levenshtein distance, for cobra's "Did you mean this?".
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn suggestions(typed: &str) -> Vec<&'static str> {
    let t = typed.to_lowercase();
    VERBS
        .iter()
        .map(|v| v.name)
        .filter(|n| distance(&t, n) <= 2 || (!t.is_empty() && n.starts_with(&t)))
        .collect()
}

fn top_help() -> String {
    format!("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n{}", root_usage())
}

/// `kubectl help [COMMAND…]`: cobra's help command prints the named
/// command's help (of the deepest subcommand it finds), the root's for
/// none, and for a verb it does not know says so on stderr above the
/// root's usage (and still exits 0).
fn help_topic(topic: &[String], io: &mut Io) -> i32 {
    // The help command's own help, for `help help` or a help flag.
    if topic.first().is_some_and(|t| t == "help")
        || topic.iter().any(|a| a == "-h" || a == "--help")
    {
        io.out(help::text("help").unwrap_or_default());
        return 0;
    }
    let Some(first) = topic.first() else {
        io.out(&top_help());
        return 0;
    };
    // `options` prints its flags only when run; its help is empty.
    if first == "options" {
        return 0;
    }
    match VERBS.iter().find(|v| v.name == first) {
        Some(verb) => io.out(verb_help(verb, &topic[1..])),
        None => io.err(&format!(
            "Unknown help topic [`{first}`]\n\n{}",
            root_usage()
        )),
    }
    0
}

/// The root command's usage: its commands by group.
fn root_usage() -> String {
    let mut s = String::from("\n");
    let groups: &[(&str, &[&str])] = &[
        (
            "Basic Commands (Beginner)",
            &["create", "expose", "run", "set"],
        ),
        (
            "Basic Commands (Intermediate)",
            &["explain", "get", "edit", "delete"],
        ),
        ("Deploy Commands", &["rollout", "scale", "autoscale"]),
        (
            "Cluster Management Commands",
            &[
                "certificate",
                "cluster-info",
                "top",
                "cordon",
                "uncordon",
                "drain",
                "taint",
            ],
        ),
        (
            "Troubleshooting and Debugging Commands",
            &[
                "describe",
                "logs",
                "attach",
                "exec",
                "port-forward",
                "proxy",
                "cp",
                "auth",
                "debug",
                "events",
            ],
        ),
        (
            "Advanced Commands",
            &["diff", "apply", "patch", "replace", "wait", "kustomize"],
        ),
        ("Settings Commands", &["label", "annotate", "completion"]),
        // Ordinal has no plugins: the heading stands alone, as it does
        // on a machine without any. `alpha` is listed since 1.35 gave it
        // a subcommand (`kuberc`, on by default).
        ("Subcommands provided by plugins", &[]),
        (
            "Other Commands",
            &[
                "alpha",
                "api-resources",
                "api-versions",
                "config",
                "plugin",
                "version",
            ],
        ),
    ];
    for (title, names) in groups {
        s.push_str(&format!("{title}:\n"));
        for n in *names {
            if let Some(v) = VERBS.iter().find(|v| v.name == *n) {
                s.push_str(&format!("  {:<15} {}\n", v.name, v.about));
            }
        }
        s.push('\n');
    }
    s.push_str("Usage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n");
    s
}

/// Runs `kubectl ARGS…`.
pub fn run(console: &mut Console, args: &[String], stdin: Option<&str>, io: &mut Io) -> i32 {
    // Global flags may come before the verb (`kubectl -n kube-system get pods`).
    let mut i = 0;
    let mut leading: Vec<String> = Vec::new();
    while i < args.len() && args[i].starts_with('-') && args[i] != "-" && args[i] != "--" {
        let a = &args[i];
        leading.push(a.clone());
        i += 1;
        let takes_value = flags::GLOBAL.iter().any(|f| {
            f.kind == flags::FlagKind::Value
                && (a == &format!("--{}", f.long) || f.short.is_some_and(|c| a == &format!("-{c}")))
        });
        if takes_value && i < args.len() {
            leading.push(args[i].clone());
            i += 1;
        }
    }
    // The root command knows only the global flags (and -h).
    if !leading.iter().any(|a| a == "-h" || a == "--help") {
        if let Err(e) = flags::parse(&leading, &[]) {
            io.err(&format!("error: {e}\nSee 'kubectl --help' for usage.\n"));
            return 1;
        }
    }
    let Some(verb_name) = args.get(i) else {
        if leading.iter().any(|a| a == "-h" || a == "--help") || leading.is_empty() {
            io.out(&top_help());
            return 0;
        }
        io.out(&top_help());
        return 0;
    };
    if verb_name == "help" {
        return help_topic(&args[i + 1..], io);
    }
    if verb_name == "options" {
        // Its help template is empty: `--help` prints nothing.
        if !args[i + 1..].iter().any(|a| a == "-h" || a == "--help") {
            io.out(help::text("options").unwrap_or_default());
        }
        return 0;
    }
    let Some(verb) = VERBS.iter().find(|v| v.name == verb_name) else {
        let mut msg = format!("error: unknown command {verb_name:?} for \"kubectl\"\n");
        let s = suggestions(verb_name);
        if !s.is_empty() {
            msg.push_str("\nDid you mean this?\n");
            for x in s {
                msg.push_str(&format!("\t{x}\n"));
            }
        }
        io.err(&msg);
        return 1;
    };
    let mut rest: Vec<String> = leading;
    rest.extend(args[i + 1..].iter().cloned());
    if rest
        .iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "-h" || a == "--help")
    {
        io.out(verb_help(verb, &rest));
        return 0;
    }
    // Typed alone, the group commands Ordinal does not run answer as
    // kubectl does: they need no cluster to say what they take.
    if rest.is_empty() {
        if let Some(code) = help::bare(verb.name, io) {
            return code;
        }
    }
    // A verb Ordinal does not answer, or a `kubectl create` generator it
    // does not have, says so whatever its flags (they are in no table here).
    let refusal = if verb.run as usize == unsupported as RunFn as usize {
        Some(unsupported_message(verb.name))
    } else if verb.name == "create" {
        match subcommand_words(verb, &rest) {
            (Some(sub), second) => modify::unsupported_create(sub, second),
            (None, _) => None,
        }
    } else {
        None
    };
    if let Some(msg) = refusal {
        let mut ctx = Ctx {
            console,
            io,
            stdin,
            verb: verb.name,
            change_cause: None,
            warned: Vec::new(),
        };
        return ctx.fail(&msg);
    }
    let (flag_table, command) = subcommand_flags(verb, &rest);
    let more = if flags::printed_with_templates(&command) {
        flags::PRINT_FLAGS
    } else {
        &[]
    };
    let parsed = match flags::parse_with(&rest, flag_table, more) {
        Ok(p) => p,
        Err(e) => {
            io.err(&format!(
                "error: {e}\nSee 'kubectl {command} --help' for usage.\n"
            ));
            return 1;
        }
    };
    let mut parsed = parsed;
    // After `--` pflag passes words on as arguments; exec, run and
    // `create deployment` treat them as the command to run.
    if !matches!(verb.name, "exec" | "run" | "create" | "debug") {
        if let Some(rest) = parsed.rest.take() {
            parsed.args.extend(rest);
        }
    }
    // pflag parses integer and duration flags before the command runs, in
    // the order they were given; its error names the flag with its
    // shorthand (`"-r, --replicas"`) and points at the subcommand's help.
    let (ints, durations) = (int_flags(&command), duration_flags(&command));
    for (name, v) in &parsed.order {
        let why = if ints.contains(name) && v.parse::<i64>().is_err() {
            format!("strconv.ParseInt: parsing {v:?}: {}", logs::int_error(v))
        } else if durations.contains(name) && logs::go_duration_ms(v).is_none() {
            logs::go_duration_error(v)
        } else {
            continue;
        };
        let shown = match flag_table
            .iter()
            .find(|f| f.long == *name)
            .and_then(|f| f.short)
        {
            Some(c) => format!("-{c}, --{name}"),
            None => format!("--{name}"),
        };
        io.err(&format!(
            "error: invalid argument {v:?} for \"{shown}\" flag: {why}\nSee 'kubectl {command} --help' for usage.\n"
        ));
        return 1;
    }
    // `--request-timeout` is read when the client is built, before any
    // request (clientcmd `ParseTimeout`: whole seconds or a Go duration).
    if let Some(t) = parsed.value("request-timeout") {
        let seconds = t.parse::<i64>().is_ok_and(|n| n >= 0);
        if verb.name != "config" && !seconds && logs::go_duration_ms(t).is_none() {
            io.err("error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n");
            return 1;
        }
    }
    let missing: Vec<String> = required_flags(&command)
        .iter()
        .filter(|f| !parsed.has(f))
        .map(|f| format!("{f:?}"))
        .collect();
    if !missing.is_empty() {
        io.err(&format!(
            "error: required flag(s) {} not set\n",
            missing.join(", ")
        ));
        return 1;
    }
    // The client's configuration is loaded before any request (after
    // cobra's required flags; `logs` and `port-forward` check their
    // arguments first): a context, cluster or user the kubeconfig does not
    // have ends the command here.
    let checks_args_first = matches!(verb.name, "logs" | "port-forward") && parsed.args.is_empty();
    if !checks_args_first {
        if let Some(msg) = config::check_overrides(verb.name, &parsed) {
            io.err(&msg);
            return 1;
        }
    }
    // cobra warns when a deprecated flag is given at all, whatever its value.
    let change_cause = if parsed.has("record") {
        io.err("Flag --record has been deprecated, --record will be removed in the future\n");
        parsed
            .flag("record")
            .then(|| change_cause(verb.name, &parsed))
    } else {
        None
    };
    // Warnings of writes made outside this command (the page's own
    // buttons) are not this command's to print.
    console.engine.take_warnings();
    let mut ctx = Ctx {
        console,
        io,
        stdin,
        verb: verb.name,
        change_cause,
        warned: Vec::new(),
    };
    // The API server's warnings kubectl's handler printed (`Warning: …`).
    let warnings = |io: &Io| {
        io.stream(crate::console::sh::Stream::Stderr)
            .lines()
            .filter(|l| l.starts_with("Warning: "))
            .count()
    };
    let before = warnings(ctx.io);
    let code = (verb.run)(&mut ctx, &parsed);
    ctx.flush_warnings();
    // `--warnings-as-errors` (the root command's PersistentPostRunE, after
    // a command that succeeded): the API server's warnings fail it.
    if code == 0 && parsed.flag("warnings-as-errors") {
        match warnings(ctx.io) - before {
            0 => {}
            1 => return ctx.fail("1 warning received"),
            n => return ctx.fail(&format!("{n} warnings received")),
        }
    }
    code
}

/// The flags of the command cobra would run: a `set` subcommand has its
/// own (`set image --list` and `set env --record` are unknown flags), and
/// errors point at its help.
fn subcommand_flags(verb: &Verb, rest: &[String]) -> (&'static [Flag], String) {
    if !matches!(verb.name, "set" | "rollout" | "top" | "auth" | "create") {
        return (verb.flags, verb.name.to_string());
    }
    let (word, second) = subcommand_words(verb, rest);
    // Flag errors name the subcommand cobra found (by its name, not an
    // alias): `See 'kubectl top pod --help' for usage.`
    match (verb.name, word) {
        ("create", Some("namespace" | "ns")) => {
            (apply::CREATE_NAMESPACE_FLAGS, "create namespace".into())
        }
        ("create", Some("configmap" | "cm")) => {
            (apply::CREATE_CONFIGMAP_FLAGS, "create configmap".into())
        }
        ("create", Some("secret")) if second == Some("generic") => (
            apply::CREATE_SECRET_GENERIC_FLAGS,
            "create secret generic".into(),
        ),
        ("create", Some("service" | "svc")) => match second {
            Some("clusterip") => (
                apply::CREATE_SERVICE_CLUSTERIP_FLAGS,
                "create service clusterip".into(),
            ),
            Some("nodeport") => (
                apply::CREATE_SERVICE_NODEPORT_FLAGS,
                "create service nodeport".into(),
            ),
            Some("loadbalancer") => (
                apply::CREATE_SERVICE_LOADBALANCER_FLAGS,
                "create service loadbalancer".into(),
            ),
            // The group command itself has no flags of its own: cobra
            // parses them against it before it looks at the arguments.
            _ => (&[], "create service".into()),
        },
        ("create", Some("secret")) => (&[], "create secret".into()),
        ("create", Some("deployment" | "deploy")) => {
            (apply::CREATE_DEPLOYMENT_FLAGS, "create deployment".into())
        }
        ("create", Some("poddisruptionbudget" | "pdb")) => {
            (apply::CREATE_PDB_FLAGS, "create poddisruptionbudget".into())
        }
        ("create", Some("priorityclass" | "pc")) => (
            apply::CREATE_PRIORITYCLASS_FLAGS,
            "create priorityclass".into(),
        ),
        ("create", Some("serviceaccount" | "sa")) => (
            apply::CREATE_SERVICEACCOUNT_FLAGS,
            "create serviceaccount".into(),
        ),
        ("set", Some("image")) => (modify::SET_IMAGE_FLAGS, "set image".into()),
        ("set", Some("env")) => (modify::SET_ENV_FLAGS, "set env".into()),
        ("set", Some("resources")) => (set_resources::SET_RESOURCES_FLAGS, "set resources".into()),
        ("set", Some("selector")) => (set_selector::SET_SELECTOR_FLAGS, "set selector".into()),
        // Its own --user (a subject), not the global one (cobra: the
        // local flag wins).
        ("set", Some("subject")) => (modify::SET_SUBJECT_FLAGS, "set subject".into()),
        ("set", Some("serviceaccount" | "sa")) => (
            set_serviceaccount::SET_SERVICEACCOUNT_FLAGS,
            "set serviceaccount".into(),
        ),
        (
            "rollout",
            Some(sub @ ("history" | "pause" | "restart" | "resume" | "status" | "undo")),
        ) => (verb.flags, format!("rollout {sub}")),
        ("auth", Some(sub @ ("can-i" | "whoami"))) => (verb.flags, format!("auth {sub}")),
        ("top", Some("node" | "nodes" | "no")) => (verb.flags, "top node".into()),
        ("top", Some("pod" | "pods" | "po")) => (verb.flags, "top pod".into()),
        _ => (verb.flags, verb.name.to_string()),
    }
}

/// The first word after the verb that is neither a flag nor the value of
/// one (the subcommand cobra would look for), and the first word after it
/// that is not a flag (`create secret generic`, `create service nodeport`).
fn subcommand_words<'a>(verb: &Verb, rest: &'a [String]) -> (Option<&'a str>, Option<&'a str>) {
    let takes_value = |a: &str| {
        verb.flags.iter().chain(flags::GLOBAL).any(|f| {
            f.kind == flags::FlagKind::Value
                && (a == format!("--{}", f.long) || f.short.is_some_and(|c| a == format!("-{c}")))
        })
    };
    let mut i = 0;
    while i < rest.len() && rest[i].starts_with('-') && rest[i] != "--" {
        i += if takes_value(&rest[i]) { 2 } else { 1 };
    }
    let Some(first) = rest.get(i).map(String::as_str).filter(|w| *w != "--") else {
        return (None, None);
    };
    let second = rest[i + 1..]
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(String::as_str);
    (Some(first), second)
}

/// `parseCommandArguments`: `kubectl`, the words that are not flags, then
/// every flag as `--long-name=value` in the order given.
fn change_cause(verb: &str, p: &flags::Parsed) -> String {
    let mut s = format!("kubectl {verb}");
    // The words after `--` are arguments to pflag too.
    for a in p.args.iter().chain(p.rest.iter().flatten()) {
        s.push(' ');
        s.push_str(a);
    }
    for (name, value) in &p.order {
        s.push_str(&format!(" --{name}={value}"));
    }
    s
}

/// `ChangeCauseRecorder.Record`: the change cause on an object's wire JSON.
pub(crate) fn record_change_cause(v: &mut serde_json::Value, cause: Option<&str>) {
    let Some(cause) = cause else { return };
    let Some(meta) = v.get_mut("metadata").and_then(|m| m.as_object_mut()) else {
        return;
    };
    let ann = meta
        .entry("annotations")
        .or_insert_with(|| serde_json::json!({}));
    if let Some(a) = ann.as_object_mut() {
        a.insert(
            "kubernetes.io/change-cause".into(),
            serde_json::Value::String(cause.to_string()),
        );
    }
}

#[cfg(test)]
mod tests;
