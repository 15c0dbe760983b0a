//! A console session: the shell, the simulated cluster it talks to, the
//! files scripts write (`cat > web.yaml <<EOF`), and what the page wants to
//! know after a command (DNS lookups to animate, editor requests). One
//! session serves the page's console panel, `ordinal run` and the tests.
//! Cloning a session clones the cluster (the page keeps snapshots).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::sh::{self, Shell, Transcript};
use crate::engine::dns::{QType, Resolution};
use crate::engine::{Config, Engine};

/// Reads a file the session has not written itself (`kubectl apply -f`
/// relative to the script's folder on the command line; nothing on the page).
pub type FileReader = Rc<dyn Fn(&str) -> Result<String, String>>;

/// Lists a directory the session has not made itself (beside the script on
/// the command line): each entry's name and whether it is a directory, or
/// `None` where `path` is not a directory.
pub type DirLister = Rc<dyn Fn(&str) -> Option<Vec<(String, bool)>>>;

/// A DNS lookup made by a command, for the page to animate and explain.
#[derive(Clone, Debug, PartialEq)]
pub struct DnsTrace {
    /// `default/web-0` — the Pod that asked.
    pub from_pod: String,
    pub name: String,
    pub qtype: QType,
    pub resolution: Resolution,
}

/// Something a command asks of the page (console-only behaviour).
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// `kubectl edit TYPE/NAME`: open the object's YAML in the editor.
    Edit {
        kind: crate::engine::Kind,
        namespace: String,
        name: String,
        yaml: String,
    },
}

/// An interactive shell the console is attached to (`kubectl exec -it … -- sh`,
/// `kubectl run -it …`): what is typed runs in the container until `exit`.
#[derive(Clone, Debug)]
pub struct Attached {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub shell: super::container::InteractiveShell,
    /// What kubectl does when the shell exits.
    pub end: SessionEnd,
}

/// What ends with an attached shell, and what kubectl prints then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    /// `kubectl exec -it … -- sh`: a process beside the container's own.
    Exec,
    /// `kubectl run -i -t`: the shell was the Pod's process.
    Run(RunEnd),
    /// `kubectl debug -it` or `kubectl attach -it`: the shell is the
    /// container's main process, which ends with it (an ephemeral
    /// container is not restarted).
    Attach(AttachEnd),
}

/// The end of an attach session (attach.go `Run`, `reattachMessage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachEnd {
    /// `-q`: no reattach hint.
    pub quiet: bool,
}

/// The end of a `kubectl run -i -t` session (run.go `Run`): the reattach
/// hint for a Pod that restarts, the Pod's exit, and `--rm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunEnd {
    /// `--rm`: delete the Pod, without waiting for it to be gone.
    pub remove: bool,
    /// `-q`: no reattach hint and no deletion line.
    pub quiet: bool,
}

#[derive(Clone)]
pub struct Console {
    pub(crate) engine: Engine,
    pub(crate) shell: Shell,
    /// Files written by the session, by path.
    pub(crate) files: BTreeMap<String, String>,
    pub(crate) reader: Option<FileReader>,
    pub(crate) lister: Option<DirLister>,
    /// Directories made with `mkdir` (others exist by having files below).
    pub(crate) dirs: std::collections::BTreeSet<String>,
    /// The workstation's working directory, as a store key (`.` is
    /// `/home/learner`): `cd` moves it, relative paths start from it.
    pub(crate) cwd: String,
    /// The directory before the last `cd` (`cd -`).
    pub(crate) oldpwd: Option<String>,
    /// When each file was last written and each directory made, by store
    /// key (`ls -l`).
    pub(crate) times: BTreeMap<String, crate::engine::SimTime>,
    pub(crate) dns_traces: Vec<DnsTrace>,
    pub(crate) requests: Vec<Request>,
    /// The namespace kubectl uses when none is given.
    pub(crate) namespace: String,
    /// Whether the kubeconfig's context names that namespace (`kubectl
    /// config set-context --namespace`); without one it is `default`.
    pub(crate) namespace_in_context: bool,
    /// The environment of the kubectl command running now (the shell's
    /// exported variables and its `NAME=value` prefixes): what
    /// `--from-env-file` reads a line without `=` from.
    pub(crate) kubectl_env: Vec<(String, String)>,
    /// Set while an interactive container shell has the console.
    pub(crate) attached: Option<Attached>,
    /// The page's console is a terminal (interactive shells attach); a script is not.
    pub(crate) interactive: bool,
    /// The `kubectl port-forward` listeners on the workstation.
    pub(crate) forwards: Vec<super::workstation::Forward>,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("now", &self.engine.now())
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Console {
    /// A session on a fresh default cluster with this seed.
    pub fn new(seed: u64) -> Self {
        let config = Config {
            seed,
            process_runner: Some(super::process_runner),
            hook_runner: Some(super::container::run_hook_outcome),
            probe_judge: Some(super::container::probe::judge),
            ..Config::default()
        };
        Console::with_engine(Engine::new(config))
    }

    pub fn with_engine(engine: Engine) -> Self {
        // The workstation's login environment: `~` and `$HOME` name the
        // directory the console works in.
        let mut shell = Shell::new();
        for (name, value) in [
            ("HOME", super::host::HOME),
            ("USER", super::host::USER),
            ("PWD", super::host::HOME),
        ] {
            let _ = shell.set_var(name, value.into());
            shell.export(name);
        }
        Console {
            engine,
            shell,
            files: BTreeMap::new(),
            reader: None,
            lister: None,
            dirs: Default::default(),
            times: BTreeMap::new(),
            cwd: ".".into(),
            oldpwd: None,
            dns_traces: Vec::new(),
            requests: Vec::new(),
            namespace: "default".into(),
            namespace_in_context: false,
            kubectl_env: Vec::new(),
            attached: None,
            interactive: false,
            forwards: Vec::new(),
        }
    }

    /// The namespace the kubeconfig's context names, if it names one.
    pub(crate) fn context_namespace(&self) -> Option<&str> {
        self.namespace_in_context.then_some(self.namespace.as_str())
    }

    /// Sets the context's namespace (`kubectl config set-context
    /// --namespace=NS`); an empty one unsets it, and kubectl goes back to
    /// `default`.
    pub(crate) fn set_context_namespace(&mut self, ns: &str) {
        self.namespace_in_context = !ns.is_empty();
        self.namespace = if ns.is_empty() { "default" } else { ns }.to_string();
    }

    /// Marks the session as a terminal: `kubectl exec -it … -- sh` attaches.
    pub fn set_interactive(&mut self, on: bool) {
        self.interactive = on;
    }

    /// The prompt to show before the next command.
    pub fn prompt(&self) -> String {
        match &self.attached {
            Some(a) => a.shell.prompt(),
            None => "$ ".to_string(),
        }
    }

    /// The attached container shell, if any.
    pub fn attached(&self) -> Option<&Attached> {
        self.attached.as_ref()
    }

    /// Attaches to a container's shell (interactive sessions), or — in a
    /// script, where nothing is typed — lets the shell read end-of-file.
    pub(crate) fn attach(
        &mut self,
        ns: &str,
        pod: &str,
        container: Option<&str>,
        argv: &[String],
        io: &mut sh::Io,
        end: SessionEnd,
    ) -> i32 {
        let mut traces = Vec::new();
        // The same checks as any exec (Pod running, container known …).
        let check = super::container::exec(
            &mut self.engine,
            ns,
            pod,
            container,
            &["true".to_string()],
            None,
            io,
            &mut traces,
        );
        if check != 0 {
            return check;
        }
        let container = match container {
            Some(c) => c.to_string(),
            None => (self
                .engine
                .store()
                .pods
                .get(ns, pod)
                .and_then(|p| p.spec.containers.first().map(|c| c.name.clone()))
                .unwrap_or_default())
            .to_string(),
        };
        if !self.interactive {
            // A script has no terminal: the shell reads end-of-file and
            // exits (`kubectl run` handles the Pod's end itself).
            return 0;
        }
        match super::container::InteractiveShell::start(&self.engine, ns, pod, &container, argv) {
            Ok(shell) => {
                // A database client connects (and logs in) before it
                // prompts, unless it first asks for the password: a refusal
                // ends it at once (kubectl exec then says `command
                // terminated with exit code N`).
                if super::container::is_client_prompt(argv) && !shell.reads_secret() {
                    let status = super::container::exec(
                        &mut self.engine,
                        ns,
                        pod,
                        Some(&container),
                        argv,
                        Some(""),
                        io,
                        &mut traces,
                    );
                    if status != 0 {
                        return status;
                    }
                }
                io.out(&shell.banner());
                self.attached = Some(Attached {
                    namespace: ns.to_string(),
                    pod: pod.to_string(),
                    container,
                    shell,
                    end,
                });
                0
            }
            Err(e) => {
                io.err(&format!(
                    "error: Internal error occurred: error executing command in container: {e}\n"
                ));
                1
            }
        }
    }

    /// What `kubectl run -i -t` does once its session with the Pod's shell
    /// ended with `status` (run.go `Run`, kubectl 1.35): the reattach hint
    /// when the Pod restarts its containers; the shell was the
    /// container's process, so a Pod that does not restart it completes
    /// (kubectl's exit status is then the Pod's); with `--rm` the Pod is
    /// deleted at once (`WaitForDeletion = false`) and the deletion line
    /// printed before any error. Returns kubectl's exit status.
    fn end_run(
        &mut self,
        ns: &str,
        pod: &str,
        container: &str,
        run: RunEnd,
        status: i32,
        io: &mut sh::Io,
    ) -> i32 {
        use crate::engine::faults::Fault;
        use crate::engine::{DeleteOptions, Kind};
        let restart = self
            .engine
            .store()
            .pods
            .get(ns, pod)
            .map(|p| p.spec.restart_policy.clone().unwrap_or_default())
            .unwrap_or_default();
        let restarts = restart.is_empty() || restart == "Always";
        if restarts && !run.quiet {
            io.out(&super::container::session_ended(pod, container));
        }
        let mut error = None;
        let mut code = status;
        if !restarts {
            let phase = if status == 0 {
                Some("Succeeded")
            } else if restart == "Never" {
                Some("Failed")
            } else {
                None
            };
            if let Some(phase) = phase {
                let _ = self.engine.inject(Fault::Phase {
                    pod: (ns.to_string(), pod.to_string()),
                    phase: phase.to_string(),
                });
            }
            if status != 0 && restart == "Never" {
                error = Some(super::container::run_terminated(ns, pod, "Error", ""));
            }
        } else {
            // Nothing waits for an exit code: kubectl run succeeds.
            code = 0;
        }
        if run.remove {
            if let Ok(o) = self.engine.get(Kind::Pod, ns, pod) {
                if self
                    .engine
                    .delete(Kind::Pod, ns, pod, &DeleteOptions::default())
                    .is_ok()
                    && !run.quiet
                {
                    io.out(&super::kubectl::delete::deleted_line(
                        &o,
                        -1,
                        super::kubectl::DryRun::None,
                        false,
                    ));
                }
            }
        }
        if let Some(e) = error {
            io.err(&e);
        }
        code
    }

    /// What `kubectl attach -i -t` (and `kubectl debug -it`, which attaches)
    /// does once the shell that was the container's main process ended
    /// with `status`: the container's process is over (an ephemeral
    /// container stays terminated; another is restarted as its Pod says),
    /// and kubectl 1.35 prints `reattachMessage` when the Pod restarts its
    /// containers. kubectl's own status is 0: attach carries no exit code.
    fn end_attach(
        &mut self,
        ns: &str,
        pod: &str,
        container: &str,
        end: AttachEnd,
        status: i32,
        io: &mut sh::Io,
    ) -> i32 {
        let _ = self.engine.inject(crate::engine::faults::Fault::KillMain {
            pod: (ns.to_string(), pod.to_string()),
            container: Some(container.to_string()),
            code: i64::from(status),
        });
        if let Some(p) = self.engine.store().pods.get(ns, pod) {
            if let Some(msg) = super::container::reattach_message(p, container, end.quiet) {
                io.out(&msg);
            }
        }
        0
    }

    /// Where `kubectl apply -f FILE` reads files the session did not write.
    pub fn set_file_reader(&mut self, reader: FileReader) {
        self.reader = Some(reader);
    }

    /// Where `kubectl apply -f DIR` and `-k DIR` list directories the
    /// session did not make.
    pub fn set_dir_lister(&mut self, lister: DirLister) {
        self.lister = Some(lister);
    }

    /// Makes a file available to commands (`kubectl apply -f web.yaml`).
    pub fn put_file(&mut self, path: &str, text: &str) {
        self.files.insert(path.to_string(), text.to_string());
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn engine_mut(&mut self) -> &mut Engine {
        &mut self.engine
    }

    /// Whether `src` is a whole command, or the console should ask for more.
    pub fn completeness(src: &str) -> sh::Completeness {
        sh::completeness(src)
    }

    /// Runs what was typed (one line or a pasted block) at the current
    /// simulated instant; commands that wait let simulated time pass.
    pub fn run(&mut self, src: &str) -> Transcript {
        if let Some(mut a) = self.attached.take() {
            let mut traces = Vec::new();
            let mut io = sh::Io::new();
            // A terminal does not echo a password typed at a prompt.
            let secret = a.shell.reads_secret();
            let ended = a
                .shell
                .run_line(&mut self.engine, src, &mut io, &mut traces);
            self.dns_traces.extend(traces);
            let mut status = ended.unwrap_or(0);
            match (ended, a.end) {
                (Some(code), SessionEnd::Run(run)) => {
                    status = self.end_run(&a.namespace, &a.pod, &a.container, run, code, &mut io);
                }
                (Some(code), SessionEnd::Attach(end)) => {
                    status =
                        self.end_attach(&a.namespace, &a.pod, &a.container, end, code, &mut io);
                }
                (Some(_), SessionEnd::Exec) => {}
                (None, _) => self.attached = Some(a),
            }
            let lines = if secret {
                vec![String::new()]
            } else {
                src.lines().map(str::to_string).collect()
            };
            let end = if ended.is_some() {
                sh::End::Exit(status)
            } else {
                sh::End::Completed
            };
            return Transcript {
                entries: vec![sh::Entry {
                    lines,
                    output: io.into_chunks(),
                    status,
                }],
                status,
                end,
            };
        }
        let mut shell = std::mem::take(&mut self.shell);
        let t = {
            let mut host = super::host::ConsoleHost::new(self);
            shell.run_line(src, &mut host)
        };
        self.shell = shell;
        t
    }

    /// Runs a whole script (`ordinal run`): parse first, then run.
    pub fn run_script(&mut self, src: &str, strict: bool) -> Result<Transcript, sh::SyntaxError> {
        let script = sh::parse(src)?;
        let mut shell = std::mem::take(&mut self.shell);
        shell.set_errexit(strict);
        let t = {
            let mut host = super::host::ConsoleHost::new(self);
            shell.run_script(&script, &mut host)
        };
        self.shell = shell;
        Ok(t)
    }

    /// DNS lookups made since the last call, oldest first.
    pub fn take_dns_traces(&mut self) -> Vec<DnsTrace> {
        std::mem::take(&mut self.dns_traces)
    }

    /// Requests to the page made since the last call.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }
}
