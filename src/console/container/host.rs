//! The shell host of one container: it answers the commands that are not
//! the shell's own (`hostname`, `ls`, `nslookup`, `curl` …) as the image's
//! programs do, on the container's file system (through the engine, so
//! volume-backed paths reach the PersistentVolume), its DNS and network.
//! One `ContainerHost` lives for one `kubectl exec` or one main process.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::session::DnsTrace;
use crate::console::sh::{self, FileType, Invocation, Io, Limits, ScriptSource, Shell};
use crate::engine::containerfs::Backing;
use crate::engine::kubelet::{CState, Stage};
use crate::engine::objects::Pod;
use crate::engine::volumes::{normalize, Entry, FsError};
use crate::engine::{Engine, SimDuration, SimTime};

use super::image::{ShellKind, Toolbox};

/// How much simulated time one exec may let pass in total (`sleep`, `ping`,
/// connection timeouts): a typo like `sleep 99999` must not freeze the page.
pub const MAX_WAIT: SimDuration = crate::engine::config::MAX_WAIT;

/// Directories `$PATH` lookups and absolute program paths may name.
const BIN_DIRS: &[&str] = &[
    "/bin",
    "/sbin",
    "/usr/bin",
    "/usr/sbin",
    "/usr/local/bin",
    "/usr/local/sbin",
];

/// What is at a path after following symlinks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Dir,
    File(String),
}

/// The host for one container of one Pod.
pub struct ContainerHost<'a> {
    pub(crate) engine: &'a mut Engine,
    pub(crate) ns: String,
    pub(crate) pod: String,
    pub(crate) container: String,
    pub(crate) cwd: String,
    pub(crate) tools: Toolbox,
    /// A terminal is attached (`kubectl exec -t`): `ls` prints columns,
    /// curl hides its progress meter.
    pub(crate) tty: bool,
    pub(crate) traces: &'a mut Vec<DnsTrace>,
    /// The shells running now, innermost last (their wording of errors).
    pub(crate) shells: Vec<ShellKind>,
    /// Whether waiting commands move the engine's clock (false for a main
    /// process computed on a copy of the engine).
    pub(crate) live: bool,
    /// Simulated time this host has let pass.
    pub(crate) waited: SimDuration,
    /// How much simulated time it may let pass in all (MAX_WAIT unless the
    /// kubelet asks for a shorter look at a waiting main process).
    pub(crate) max_wait: SimDuration,
    /// Feeds deterministic choices (query ids, kube-proxy's endpoint pick).
    pub(crate) seq: u64,
    /// The container is gone (killed, restarted, Pod deleted) while commands ran.
    pub(crate) killed: bool,
    /// A command was cut short because the container was gone.
    pub(crate) interrupted: bool,
    /// The environment the container started with, in its order.
    pub(crate) base_env: Vec<(String, String)>,
    /// This host runs the container's main process (not a `kubectl exec`).
    pub(crate) main_process: bool,
    /// The main process went on to a program that serves until stopped;
    /// the run ends there (the kubelet keeps the container running).
    pub(crate) serving: bool,
    /// The main process's shell (PID 1) as it stood when its run ended:
    /// what SIGTERM would do to it (`sh::Shell::deliver`).
    pub(crate) on_term: Option<crate::engine::OnTerm>,
    /// The DNS server a client (nslookup, dig, host) was told to ask;
    /// None: the first nameserver of the Pod's resolv.conf.
    pub(crate) dns_server: Option<String>,
}

/// How much of an endless device (`/dev/zero`, `/dev/urandom`) a read gets.
const DEVICE_READ: usize = 1 << 20;

impl<'a> ContainerHost<'a> {
    /// A host for `container` of `namespace/pod`; None when there is no such
    /// Pod or container.
    pub fn new(
        engine: &'a mut Engine,
        namespace: &str,
        pod: &str,
        container: &str,
        traces: &'a mut Vec<DnsTrace>,
    ) -> Option<ContainerHost<'a>> {
        let p = engine.store().pods.get(namespace, pod)?.clone();
        let spec = p.spec.container(container)?;
        let tools = Toolbox::for_image(&spec.image);
        let base_env = super::env::container_env(engine, &p, container, &tools);
        Some(ContainerHost {
            engine,
            ns: namespace.to_string(),
            pod: pod.to_string(),
            container: container.to_string(),
            cwd: "/".to_string(),
            shells: vec![tools.shell],
            tools,
            tty: false,
            traces,
            live: true,
            waited: SimDuration::ZERO,
            max_wait: MAX_WAIT,
            seq: 0,
            killed: false,
            interrupted: false,
            base_env,
            main_process: false,
            serving: false,
            on_term: None,
            dns_server: None,
        })
    }

    /// Attaches a terminal (`kubectl exec -t`).
    pub fn with_tty(mut self, tty: bool) -> Self {
        self.tty = tty;
        self
    }

    /// Marks this host as running the container's main process: a server
    /// program it reaches ends the run as `serving`.
    pub fn as_main_process(mut self) -> Self {
        self.main_process = true;
        self
    }

    /// How much simulated time the commands may wait in all (at most MAX_WAIT).
    pub fn with_max_wait(mut self, budget: SimDuration) -> Self {
        self.max_wait = budget.min(MAX_WAIT);
        self
    }

    /// Whether `sleep` and other waits move the engine's clock.
    pub fn with_live_clock(mut self, live: bool) -> Self {
        self.live = live;
        self
    }

    /// The environment the container's processes start with, in `env`'s order.
    pub fn env(&self) -> &[(String, String)] {
        &self.base_env
    }

    /// A variable of a client's environment: the shell's exported ones
    /// (`exported`, an invocation's `env`) first, then the container's.
    pub(crate) fn env_var(&self, exported: &[(String, String)], name: &str) -> Option<String> {
        exported
            .iter()
            .chain(self.base_env.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// True when the container stopped while commands were still to run
    /// (the exec'd process was killed with it: status 137).
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }

    /// Runs `argv` as the container runtime starts a process (`kubectl exec
    /// POD -- argv…`, a main process): the program must exist in the image;
    /// `sh -c` runs the shell. Returns the exit status, or Err with the
    /// runtime's message when the program cannot be started.
    pub fn run_argv(
        &mut self,
        argv: &[String],
        stdin: Option<&str>,
        io: &mut Io,
    ) -> Result<i32, String> {
        let Some(name) = argv.first() else {
            return Err("exec: \"\": executable file not found in $PATH: unknown".into());
        };
        // `cd` is the shells' own; no image ships it as a program.
        if self.program(name).is_none() || name == "cd" {
            // Go's LookPath, which the runtime's exec uses: a path that is
            // there but is no program (a data file, a directory) is
            // "permission denied"; a missing one fails its stat.
            let why = if name.contains('/') {
                let absolute = if name.starts_with('/') {
                    name.to_string()
                } else {
                    format!("/{name}")
                };
                if self.stat(&absolute).is_ok() {
                    "permission denied".to_string()
                } else {
                    format!("stat {name}: no such file or directory")
                }
            } else {
                "executable file not found in $PATH".to_string()
            };
            return Err(format!("exec: \"{name}\": {why}: unknown"));
        }
        // The program runs as the image's shell would run it, with each word
        // quoted, so builtins-as-programs (`echo`, `test`) and filters work.
        let env = self.base_env.clone();
        let inv = Invocation {
            argv,
            stdin,
            env: &env,
            depth: 0,
            tty: true,
        };
        let src = argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ");
        let Some(mut shell) = Shell::nested(&inv, Limits::default()) else {
            return Ok(2);
        };
        // A program run without a shell: no `$PWD` in its environment.
        shell.set_args("sh", &[]);
        Ok(shell.run_source_with_stdin(&src, stdin, self, io))
    }

    // ----- identity -------------------------------------------------------

    pub(crate) fn pod_obj(&self) -> Option<std::rc::Rc<Pod>> {
        self.engine.store().pods.get(&self.ns, &self.pod).cloned()
    }

    /// `default/web-0`, as DNS traces name the asking Pod.
    pub(crate) fn pod_ref(&self) -> String {
        format!("{}/{}", self.ns, self.pod)
    }

    pub(crate) fn hostname(&self) -> String {
        match self.pod_obj() {
            Some(p) => Engine::kernel_hostname(&p),
            None => self.pod.clone(),
        }
    }

    pub(crate) fn pod_ip(&self) -> String {
        self.engine
            .pod_runtime(&self.ns, &self.pod)
            .map(|r| r.ip.to_string())
            .filter(|ip| !ip.is_empty())
            .or_else(|| self.pod_obj().map(|p| p.status.pod_ip.to_string()))
            .unwrap_or_default()
    }

    pub(crate) fn node(&self) -> String {
        self.engine
            .pod_runtime(&self.ns, &self.pod)
            .map(|r| r.node.to_string())
            .unwrap_or_default()
    }

    /// When this container last started (file times, `ps`).
    pub(crate) fn started_at(&self) -> SimTime {
        self.engine
            .pod_runtime(&self.ns, &self.pod)
            .and_then(|rt| rt.find(&self.container).and_then(|c| rt.ctr(c)))
            .and_then(|c| match c.state {
                CState::Running { since } => Some(since),
                _ => None,
            })
            .unwrap_or(self.engine.now())
    }

    /// Whether the container still runs (an exec ends when it stops).
    pub(crate) fn container_running(&self) -> bool {
        let Some(rt) = self.engine.pod_runtime(&self.ns, &self.pod) else {
            return false;
        };
        if matches!(rt.stage, Stage::Stopped) {
            return false;
        }
        rt.find(&self.container)
            .and_then(|c| rt.ctr(c))
            .is_some_and(|c| matches!(c.state, CState::Running { .. }))
    }

    /// A number for deterministic choices; differs per call.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// A seeded hash of `what` with this host's position in time.
    pub(crate) fn hash(&self, what: &str) -> u64 {
        crate::engine::kubelet::status::fnv(&format!(
            "{}|{}|{}|{}|{what}",
            self.engine.seed(),
            self.pod_ref(),
            self.engine.now().as_ms(),
            self.seq
        ))
    }

    /// The time as the container's programs see it: a main process run on a
    /// clock that does not move has still lived through its own waits.
    pub(crate) fn clock(&self) -> SimTime {
        if self.live {
            self.engine.now()
        } else {
            self.engine.now() + self.waited
        }
    }

    /// Lets simulated time pass (when the clock is live), within `max_wait`.
    /// Returns the time actually waited.
    pub(crate) fn wait(&mut self, d: SimDuration) -> SimDuration {
        let room = SimDuration(self.max_wait.as_ms().saturating_sub(self.waited.as_ms()));
        let d = d.min(room);
        self.waited = self.waited + d;
        // A run computed ahead of its time (a main process, a hook): what
        // it writes after this wait is journaled for later, when the
        // kubelet keeps a journal.
        if self.main_process || !self.live {
            self.engine.note_waited(self.waited);
        }
        if self.live && d.as_ms() > 0 {
            let to = self.engine.now() + d;
            self.engine.advance_to(to);
            if !self.container_running() {
                // The container stopped while this command waited: it dies with it.
                self.killed = true;
                self.interrupted = true;
            }
        }
        d
    }

    // ----- shells and programs -------------------------------------------

    pub(crate) fn shell_kind(&self) -> ShellKind {
        *self.shells.last().unwrap_or(&self.tools.shell)
    }

    /// The shell's answer for a command that is not there (exit 127).
    pub(crate) fn not_found(&self, io: &mut Io, name: &str) -> i32 {
        match self.shell_kind() {
            ShellKind::Ash => sh::not_found(io, name),
            ShellKind::Dash => {
                io.err(&format!("sh: 1: {name}: not found\n"));
                127
            }
            ShellKind::Bash if name.contains('/') => {
                io.err(&format!(
                    "bash: line 1: {name}: No such file or directory\n"
                ));
                127
            }
            ShellKind::Bash => {
                io.err(&format!("bash: line 1: {name}: command not found\n"));
                127
            }
        }
    }

    /// The program `name` runs, if the image has it: its base name.
    pub(crate) fn program(&self, name: &str) -> Option<String> {
        let base = if name.contains('/') {
            let path = self.abs(name);
            let (dir, base) = path.rsplit_once('/')?;
            let dir = if dir.is_empty() { "/" } else { dir };
            if !BIN_DIRS.contains(&dir) {
                return None;
            }
            base.to_string()
        } else {
            name.to_string()
        };
        if !self.tools.has(&base) {
            return None;
        }
        // A program the image ships as a file is gone when the file is
        // (`mv /usr/bin/mysql /usr/bin/mysql.off`).
        let file = crate::engine::containerfs::program_files(self.tools.flavor, &self.tools.image)
            .iter()
            .find(|p| p.rsplit('/').next() == Some(base.as_str()));
        if let Some(file) = file {
            if !matches!(self.stat(file), Ok(Node::File(_))) {
                return None;
            }
        }
        Some(base)
    }

    /// `sh -c SRC [NAME ARGS…]`, `sh FILE`, `sh` reading stdin.
    pub(crate) fn run_shell(&mut self, kind: ShellKind, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
        let name = match kind {
            ShellKind::Bash => "bash",
            _ => "sh",
        };
        let Ok(line) = sh::parse_shell_line(cmd.argv) else {
            io.err(&format!("{name}: -c requires an argument\n"));
            return 2;
        };
        let (src, stdin) = match &line.source {
            // `-c`: the caller's stdin is the script's.
            ScriptSource::Command(src) => (src.clone(), cmd.stdin),
            ScriptSource::File(file) => match sh::Host::read_file(self, file) {
                Ok(text) => (text, None),
                Err(e) => {
                    let msg = match kind {
                        ShellKind::Ash => format!("sh: can't open '{file}': {e}\n"),
                        ShellKind::Dash => format!("sh: 0: cannot open {file}: {e}\n"),
                        ShellKind::Bash => format!("bash: {file}: {e}\n"),
                    };
                    io.err(&msg);
                    return if kind == ShellKind::Bash { 127 } else { 2 };
                }
            },
            // An interactive shell without a terminal reads its stdin.
            ScriptSource::Stdin => (cmd.stdin.unwrap_or("").to_string(), None),
        };
        let mut shell = match Shell::started(cmd, &line, kind == ShellKind::Bash, name) {
            Ok(s) => s,
            Err(msg) => {
                io.err(&msg);
                return 2;
            }
        };
        shell.set_pwd(&self.cwd);
        // The main process's own shell is PID 1 (a shell it starts is not).
        let pid_1 = self.main_process && self.shells.len() == 1;
        self.shells.push(kind);
        let status = shell.run_source_with_stdin(&src, stdin, self, io);
        self.shells.pop();
        if pid_1 {
            self.on_term = Some(on_sigterm(&mut shell));
        }
        status
    }

    // ----- paths and files ----------------------------------------------

    /// An absolute, normalized path for `p` relative to the current directory.
    pub(crate) fn abs(&self, p: &str) -> String {
        if p.starts_with('/') {
            normalize(p)
        } else {
            normalize(&format!("{}/{p}", self.cwd))
        }
    }

    /// The file system view of this container.
    pub(crate) fn view(&self) -> View<'_> {
        View {
            engine: &*self.engine,
            ns: &self.ns,
            pod: &self.pod,
            container: &self.container,
        }
    }

    /// The entry at an absolute path, not following a final symlink.
    pub(crate) fn raw(&self, path: &str) -> Result<Option<Entry>, FsError> {
        self.view().raw(path)
    }

    /// Follows symlinks at the end of `path`.
    pub(crate) fn follow(&self, path: &str) -> Result<String, FsError> {
        self.view().follow(path)
    }

    /// What is at `path` (absolute), following symlinks.
    pub(crate) fn stat(&self, path: &str) -> Result<Node, FsError> {
        self.view().stat(path)
    }

    /// The entries of a directory a tree walk (`find`, `du`) descends into:
    /// each one's absolute path, its path as the walk shows it (under
    /// `shown`, the operand as typed), and what is there (a mount point
    /// as its volume's root).
    pub(crate) fn walk_children(&self, abs: &str, shown: &str) -> Vec<(String, String, Entry)> {
        let Ok(children) = self.list(abs) else {
            return Vec::new();
        };
        children
            .into_iter()
            .map(|(name, child)| {
                let child_abs = if abs == "/" {
                    format!("/{name}")
                } else {
                    format!("{abs}/{name}")
                };
                let child_shown = if shown.ends_with('/') {
                    format!("{shown}{name}")
                } else {
                    format!("{shown}/{name}")
                };
                let child = self.raw(&child_abs).ok().flatten().unwrap_or(child);
                (child_abs, child_shown, child)
            })
            .collect()
    }

    /// Names in a directory (absolute path, symlinks followed), sorted,
    /// with mount points and the kubelet-managed files of `/etc`.
    pub(crate) fn list(&self, path: &str) -> Result<Vec<(String, Entry)>, FsError> {
        let p = self.follow(path)?;
        let mut entries = self
            .engine
            .container_list(&self.ns, &self.pod, &self.container, &p)?;
        if p == "/etc" {
            for f in ["hostname", "hosts", "resolv.conf"] {
                if !entries.iter().any(|(n, _)| n == f) {
                    entries.push((f.to_string(), Entry::File(String::new())));
                }
            }
            crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        }
        Ok(entries)
    }

    /// Writes a file; the error is the reason as tools print it.
    pub(crate) fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        let p = self.follow(path)?;
        if p == "/dev/null" {
            return Ok(());
        }
        if let Ok(Some(Entry::Dir)) = self.raw(&p) {
            return Err(FsError::IsADirectory);
        }
        self.engine
            .container_write(&self.ns, &self.pod, &self.container, &p, data, append)
    }

    /// Runs `f` on the writable tree backing `path`.
    pub(crate) fn with_tree_mut<T>(
        &mut self,
        path: &str,
        f: impl FnOnce(&mut crate::engine::volumes::FileTree, &str) -> Result<T, FsError>,
    ) -> Result<T, FsError> {
        self.engine.container_with_tree_mut(
            &self.ns,
            &self.pod,
            &self.container,
            path,
            |t, p, _| f(t, p),
        )
    }

    /// Whether two absolute paths live in the same tree (renames stay inside one).
    pub(crate) fn same_backing(&self, a: &str, b: &str) -> bool {
        let ra = self
            .engine
            .container_resolve(&self.ns, &self.pod, &self.container, a);
        let rb = self
            .engine
            .container_resolve(&self.ns, &self.pod, &self.container, b);
        match (ra, rb) {
            (Ok(x), Ok(y)) => x.mount == y.mount && x.backing == y.backing,
            _ => false,
        }
    }

    /// Whether `path` is the root of a volume made world-writable: an
    /// emptyDir (the kubelet makes it 0777) or a volume a provisioner made
    /// (the local-path provisioner's `mkdir -m 0777`, minikube's likewise).
    pub(crate) fn is_world_writable_volume(&self, path: &str) -> bool {
        use crate::engine::containerfs::Backing;
        let Ok(r) = self
            .engine
            .container_resolve(&self.ns, &self.pod, &self.container, path)
        else {
            return false;
        };
        if r.mount.is_none() || r.path != "/" {
            return false;
        }
        match &r.backing {
            Backing::EmptyDir(_) => true,
            Backing::Volume(Some(pv)) => self.engine.store().pvs.get("", pv).is_some_and(|v| {
                v.spec.host_path.is_some()
                    && v.metadata
                        .annotations
                        .contains_key("pv.kubernetes.io/provisioned-by")
            }),
            _ => false,
        }
    }

    /// Whether `path` is a mount point (it cannot be removed or renamed).
    pub(crate) fn is_mount_point(&self, path: &str) -> bool {
        self.engine
            .container_resolve(&self.ns, &self.pod, &self.container, path)
            .is_ok_and(|r| r.mount.is_some() && r.path == "/")
    }
}

/// A command run by hand (`kubectl exec`, a shell session) may have moved
/// what a probe looks at (`rm /tmp/healthy`, `mv …/index.html /tmp/`): the
/// Pod's probes re-plan when it ends. Main processes and the probes' own
/// commands do not count (the kubelet plans around those itself).
impl Drop for ContainerHost<'_> {
    fn drop(&mut self) {
        if self.live && !self.main_process {
            let key = crate::engine::store::key(&self.ns, &self.pod);
            self.engine.recheck_probes(&key);
        }
    }
}

/// Read access to one container's files (any container: nginx serves
/// files from its own).
pub(crate) struct View<'e> {
    pub engine: &'e Engine,
    pub ns: &'e str,
    pub pod: &'e str,
    pub container: &'e str,
}

impl<'e> View<'e> {
    /// The view of container `container` of Pod `ns/pod`.
    pub fn new(engine: &'e Engine, ns: &'e str, pod: &'e str, container: &'e str) -> View<'e> {
        View {
            engine,
            ns,
            pod,
            container,
        }
    }

    /// The entry at an absolute path, not following a final symlink.
    pub fn raw(&self, path: &str) -> Result<Option<Entry>, FsError> {
        let r = self
            .engine
            .container_resolve(self.ns, self.pod, self.container, path)?;
        if r.mount.is_some() && r.path == "/" {
            return Ok(Some(Entry::Dir));
        }
        if matches!(r.backing, Backing::Volume(None)) {
            return Ok(None);
        }
        if path == "/etc" || path == "/" {
            return Ok(Some(Entry::Dir));
        }
        self.engine
            .container_with_tree(self.ns, self.pod, self.container, path, |t, p| {
                Ok(t.get(p).cloned())
            })
    }

    /// Follows symlinks at the end of `path` (at most 8; the kernel's limit
    /// is reached long before a loop matters here).
    pub fn follow(&self, path: &str) -> Result<String, FsError> {
        // Component by component, as the kernel resolves a path: a link in
        // the middle (`/usr/etc/zookeeper/log4j.properties`, where
        // `/usr/etc/zookeeper` links to the conf directory) counts too.
        // Linux gives up after 40 links (MAXSYMLINKS).
        let mut todo: Vec<String> = path
            .split('/')
            .filter(|c| !c.is_empty())
            .rev()
            .map(str::to_string)
            .collect();
        let mut cur = String::new();
        let mut links = 0;
        while let Some(part) = todo.pop() {
            let next = format!("{cur}/{part}");
            match self.raw(&next)? {
                Some(Entry::Symlink(t)) => {
                    links += 1;
                    if links > 40 {
                        return Err(FsError::Limit("Too many levels of symbolic links".into()));
                    }
                    let target = if t.starts_with('/') {
                        normalize(&t)
                    } else {
                        normalize(&format!("{cur}/{t}"))
                    };
                    todo.extend(
                        target
                            .split('/')
                            .filter(|c| !c.is_empty())
                            .rev()
                            .map(str::to_string),
                    );
                    cur.clear();
                }
                _ => cur = next,
            }
        }
        Ok(if cur.is_empty() { "/".to_string() } else { cur })
    }

    /// What is at `path` (absolute), following symlinks.
    pub fn stat(&self, path: &str) -> Result<Node, FsError> {
        let p = self.follow(path)?;
        if p == "/dev/null" {
            return Ok(Node::File(String::new()));
        }
        // Reading an endless device gives its first mebibyte: enough for
        // the `head -c N /dev/urandom` people use, within the output limits.
        if let Some(bytes) = super::find_dd::device_bytes(&p, DEVICE_READ) {
            return Ok(Node::File(bytes));
        }
        match self.raw(&p)? {
            Some(Entry::Dir) => Ok(Node::Dir),
            Some(Entry::File(s)) => Ok(Node::File(s)),
            Some(Entry::Symlink(_)) | None => Err(FsError::NotFound),
        }
    }
}

/// Single-quotes a word for sh.
pub(crate) fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl sh::Host for ContainerHost<'_> {
    fn working_dirs(&self) -> Option<(String, Option<String>)> {
        Some((self.cwd.clone(), None))
    }

    fn command_path(&mut self, name: &str) -> Option<String> {
        super::fs_cmds::program_path(self, name)
    }

    fn exec(&mut self, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
        let Some(name) = cmd.argv.first() else {
            return 0;
        };
        if self.killed {
            self.interrupted = true;
            return 137;
        }
        if self.main_process && crate::engine::kubelet::serves_forever(cmd.argv) {
            // The process becomes a server (`exec ncat --listen …`, `mysqld`):
            // what it does from here on is the kubelet's running container.
            let prog = name.rsplit('/').next().unwrap_or(name);
            if prog == "start-zookeeper"
                && crate::engine::containerfs::is_zookeeper_tutorial(&self.tools.image)
            {
                // The entrypoint script's files, before its server runs.
                super::zookeeper::start(self, cmd.argv);
            }
            if prog == "redis-server" || prog == "valkey-server" {
                // Its configuration, read by redis-cli's model.
                super::redis::record_command_line(self, cmd.argv);
            }
            self.serving = true;
            self.killed = true;
            return 0;
        }
        let Some(prog) = self.program(name) else {
            if name.contains('/') {
                // A script the user wrote into the container.
                let path = self.abs(name);
                if let Ok(Node::File(text)) = self.stat(&path) {
                    if text.starts_with("#!") {
                        let kind = self.tools.shell;
                        let mut argv = vec!["sh".to_string(), path];
                        argv.extend(cmd.argv[1..].iter().cloned());
                        let inv = Invocation {
                            argv: &argv,
                            ..*cmd
                        };
                        return self.run_shell(kind, &inv, io);
                    }
                    io.err(&match self.shell_kind() {
                        ShellKind::Ash => format!("sh: {name}: Permission denied\n"),
                        ShellKind::Dash => format!("sh: 1: {name}: Permission denied\n"),
                        ShellKind::Bash => format!("bash: line 1: {name}: Permission denied\n"),
                    });
                    return 126;
                }
            }
            return self.not_found(io, name);
        };
        super::commands::run(self, &prog, cmd, io)
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        let p = self.abs(path);
        match self.stat(&p) {
            Ok(Node::File(s)) => Ok(s),
            Ok(Node::Dir) => Err(FsError::IsADirectory.text().to_string()),
            Err(e) => Err(e.text().to_string()),
        }
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let p = self.abs(path);
        self.write(&p, data, append)
            .map_err(|e| e.text().to_string())
    }

    fn file_type(&mut self, path: &str) -> Option<FileType> {
        let p = self.abs(path);
        match self.stat(&p).ok()? {
            Node::Dir => Some(FileType::Dir),
            Node::File(_) => Some(FileType::File),
        }
    }

    fn should_stop(&mut self) -> bool {
        if self.killed {
            self.interrupted = true;
        }
        // A main process that has used up its wait budget is still waiting:
        // running on would only spin through zero-length sleeps.
        self.killed || (self.main_process && self.waited >= self.max_wait)
    }

    fn gnu_coreutils(&self) -> bool {
        !self.tools.busybox
    }

    fn stop_at_limit(&mut self) -> bool {
        if !self.main_process {
            return false;
        }
        if self.waited > SimDuration::ZERO {
            // A main process that has waited and loops on is a script
            // waiting for something (`until nslookup mydb; do sleep 2;
            // done`): it counts as still waiting; the kubelet looks again.
            self.waited = self.max_wait;
        } else {
            // One that loops without ever waiting (`while true; do :;
            // done`) keeps its container running, busy, until stopped.
            self.serving = true;
        }
        true
    }
}

/// What SIGTERM does to a container's shell that is still running (R11.5):
/// its TERM trap's action runs in the shell. The action runs apart from
/// the container (its programs do nothing, its `sleep`s count), so that
/// only its status, its output and its time are known beforehand.
fn on_sigterm(shell: &mut Shell) -> crate::engine::OnTerm {
    use crate::engine::OnTerm;
    let mut host = TrapHost::default();
    let mut io = Io::new();
    match shell.deliver(15, &mut host, &mut io) {
        sh::Delivery::Default => OnTerm::Untrapped,
        sh::Delivery::Ignored => OnTerm::Ignored { log: String::new() },
        sh::Delivery::Resumed => OnTerm::Ignored { log: io.text() },
        sh::Delivery::Exited(code) => OnTerm::Exits {
            code: i64::from(code),
            log: io.text(),
            after_ms: host.waited.as_ms(),
        },
    }
}

/// The host a trap's action runs on ahead of time: `sleep` counts its time,
/// every other program succeeds without output.
#[derive(Default)]
struct TrapHost {
    waited: SimDuration,
}

impl sh::Host for TrapHost {
    fn exec(&mut self, cmd: &Invocation<'_>, _io: &mut Io) -> i32 {
        if cmd.argv[0].rsplit('/').next() == Some("sleep") {
            for a in &cmd.argv[1..] {
                if let Some(d) = SimDuration::parse(a) {
                    self.waited = self.waited + d;
                }
            }
        }
        0
    }

    fn should_stop(&mut self) -> bool {
        self.waited > MAX_WAIT
    }
}
