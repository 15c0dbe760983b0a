//! Process and system commands inside a container: `hostname`, `env`,
//! `date`, `sleep`, `uname`, `ps`, `kill`, `pkill`/`pgrep`, `nginx`.
//! Killing the main process goes through the engine (`Fault::KillMain`), so
//! the kubelet restarts the container and RESTARTS goes up.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::{Invocation, Io};
use crate::engine::faults::Fault;
use crate::engine::images::Flavor;
use crate::engine::kubelet::identity::Accounts;
use crate::engine::store::key;
use crate::engine::{Engine, SimDuration};

use super::clock::Tm;
use super::host::{ContainerHost, MAX_WAIT};

/// The kernel of kind's nodes (the host's), as `uname` reports it.
const KERNEL_RELEASE: &str = "6.8.0-60-generic";
const KERNEL_VERSION: &str = "#63-Ubuntu SMP PREEMPT_DYNAMIC Tue Apr 15 19:04:15 UTC 2025";

pub(crate) fn hostname(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let short = h.hostname();
    let fqdn = fqdn(h);
    let Some(a) = args.first() else {
        io.out(&format!("{short}\n"));
        return 0;
    };
    match a.as_str() {
        "-f" | "--fqdn" | "--long" | "-A" | "--all-fqdns" => {
            io.out(&format!("{fqdn}\n"));
            0
        }
        "-s" | "--short" => {
            io.out(&format!("{}\n", short.split('.').next().unwrap_or("")));
            0
        }
        "-d" | "--domain" => {
            io.out(&format!(
                "{}\n",
                fqdn.split_once('.').map_or("", |(_, d)| d)
            ));
            0
        }
        "-i" | "--ip-address" => {
            io.out(&format!("{}\n", h.pod_ip()));
            0
        }
        "-I" | "--all-ip-addresses" => {
            io.out(&format!("{} \n", h.pod_ip()));
            0
        }
        a if a.starts_with('-') => {
            io.err(&format!("hostname: invalid option -- '{}'\n", &a[1..]));
            1
        }
        _ => {
            io.err("hostname: sethostname: Operation not permitted\n");
            1
        }
    }
}

/// The canonical name `/etc/hosts` gives the Pod's hostname (R8.14).
pub(crate) fn fqdn(h: &ContainerHost<'_>) -> String {
    let short = h.hostname();
    let Some(p) = h.pod_obj() else {
        return short;
    };
    let hosts = Engine::hosts_file(&p);
    for line in hosts.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut f = line.split_whitespace();
        let _ip = f.next();
        let names: Vec<&str> = f.collect();
        if names.iter().any(|n| *n == short) {
            return names[0].to_string();
        }
    }
    short
}

pub(crate) fn env(h: &mut ContainerHost<'_>, prog: &str, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let mut args = &cmd.argv[1..];
    let mut env: Vec<(String, String)> = cmd.env.to_vec();
    if prog == "env" {
        let mut ignore = false;
        while let Some(a) = args.first() {
            if a == "-i" || a == "-" {
                ignore = true;
            } else if let Some(name) = a.strip_prefix("-u") {
                let name = if name.is_empty() {
                    args = &args[1..];
                    args.first().cloned().unwrap_or_default()
                } else {
                    name.to_string()
                };
                env.retain(|(k, _)| *k != name);
            } else if let Some((k, v)) = a.split_once('=') {
                env.retain(|(n, _)| n != k);
                env.push((k.to_string(), v.to_string()));
            } else {
                break;
            }
            args = &args[1..];
        }
        if ignore {
            env.retain(|(k, _)| cmd.argv.iter().any(|a| a.starts_with(&format!("{k}="))));
        }
        if !args.is_empty() {
            // `env [NAME=VALUE…] PROGRAM ARGS…`
            crate::sort::sort(&mut env);
            let inv = Invocation {
                argv: args,
                stdin: cmd.stdin,
                env: &env,
                depth: cmd.depth,
                tty: true,
            };
            if h.program(&args[0]).is_none() {
                io.err(&format!("env: '{}': No such file or directory\n", args[0]));
                return 127;
            }
            return crate::console::sh::Host::exec(h, &inv, io);
        }
    } else if !args.is_empty() {
        // `printenv NAME…`
        let mut status = 0;
        for a in args {
            match env.iter().find(|(k, _)| k == a) {
                Some((_, v)) => io.out(&format!("{v}\n")),
                None => status = 1,
            }
        }
        return status;
    }
    // The container's own order first, then what the shell exported later.
    let mut out = String::new();
    for (k, _) in &h.base_env {
        if let Some((_, v)) = env.iter().find(|(n, _)| n == k) {
            out.push_str(&format!("{k}={v}\n"));
        }
    }
    for (k, v) in &env {
        if !h.base_env.iter().any(|(n, _)| n == k) {
            out.push_str(&format!("{k}={v}\n"));
        }
    }
    io.out(&out);
    0
}

pub(crate) fn date(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let tm = Tm::at(h.clock());
    let mut fmt: Option<String> = None;
    for a in args {
        match a.as_str() {
            "-u" | "--utc" | "--universal" => {}
            "-R" | "--rfc-email" => fmt = Some("%a, %d %b %Y %H:%M:%S +0000".into()),
            "-I" | "--iso-8601" | "-Idate" => fmt = Some("%Y-%m-%d".into()),
            "-Iseconds" | "--iso-8601=seconds" => fmt = Some("%Y-%m-%dT%H:%M:%S+00:00".into()),
            s if s.starts_with('+') => fmt = Some(s[1..].to_string()),
            s if s.starts_with('-') => {
                io.err(&format!("date: invalid option -- '{}'\n", &s[1..]));
                return 1;
            }
            _ => {
                io.err("date: cannot set date: Operation not permitted\n");
                return 1;
            }
        }
    }
    let text = match fmt {
        Some(f) => tm.strftime(&f),
        None => tm.date(),
    };
    io.out(&format!("{text}\n"));
    0
}

pub(crate) fn sleep(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() {
        if h.tools.busybox {
            io.err(&super::busybox_usage::show("sleep", h.tools.busybox_new()));
        } else {
            io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        }
        return 1;
    }
    let mut total = SimDuration::ZERO;
    for a in args {
        let d = if a == "infinity" || a == "inf" {
            Some(MAX_WAIT)
        } else {
            SimDuration::parse(a).filter(|_| !a.ends_with("ms"))
        };
        match d {
            Some(d) => total = SimDuration(total.as_ms().saturating_add(d.as_ms())),
            None => {
                if h.tools.busybox {
                    io.err(&format!("sleep: invalid number '{a}'\n"));
                } else {
                    io.err(&format!(
                        "sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"
                    ));
                }
                return 1;
            }
        }
    }
    if h.main_process {
        // The log lines printed so far came before this wait.
        let waited = h.waited;
        h.engine.note_output(waited, io.written());
    }
    let waited = h.wait(total);
    if waited < total && h.max_wait == MAX_WAIT {
        io.err(&format!(
            "sleep: Ordinal lets one exec wait at most {MAX_WAIT} of simulated time; stopped after {waited}\n"
        ));
    }
    if h.killed {
        h.interrupted = true;
        return 137;
    }
    0
}

pub(crate) fn uname(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    io.out(&uname_text(&h.hostname(), args));
    0
}

/// `uname [-snrvmoa]` on a machine named `host`: the node's kernel (a
/// container shares it; so does the workstation, which runs kind's nodes).
pub(crate) fn uname_text(host: &str, args: &[String]) -> String {
    let host = host.to_string();
    let mut parts: Vec<String> = Vec::new();
    let mut flags: Vec<char> = Vec::new();
    for a in args {
        if a == "--all" {
            flags.push('a');
        } else if let Some(f) = a.strip_prefix('-') {
            flags.extend(f.chars());
        }
    }
    if flags.is_empty() {
        flags.push('s');
    }
    let all = flags.contains(&'a');
    let want = |c: char| all || flags.contains(&c);
    if want('s') {
        parts.push("Linux".into());
    }
    if want('n') {
        parts.push(host);
    }
    if want('r') {
        parts.push(KERNEL_RELEASE.into());
    }
    if want('v') {
        parts.push(KERNEL_VERSION.into());
    }
    if want('m') {
        parts.push("x86_64".into());
    }
    if all || flags.contains(&'o') {
        parts.push("GNU/Linux".into());
    }
    format!("{}\n", parts.join(" "))
}

/// A process of the container, as `ps` lists it; its user is named by
/// the listing container's `/etc/passwd` (`user_column`).
struct Proc {
    pid: u32,
    uid: i64,
    comm: String,
    args: String,
}

/// The USER column for `uid` as the listing container's `ps` prints it:
/// its `/etc/passwd` name, else the number; busybox cuts a name to 8
/// characters, procps shows a longer one as 7 and a `+` (`zookeep+`).
fn user_column(listing: &Accounts, busybox: bool, uid: i64) -> String {
    match listing.user_name(uid) {
        None => uid.to_string(),
        Some(name) if busybox => name.chars().take(8).collect(),
        Some(name) if name.chars().count() > 8 => {
            format!("{}+", name.chars().take(7).collect::<String>())
        }
        Some(name) => name.to_string(),
    }
}

/// The processes `ps` sees: the container's own; an ephemeral container
/// with a target (`kubectl debug --target=C`) shares C's process
/// namespace, so C's processes come first (PID 1 is C's) and its own
/// follow; in a Pod with `shareProcessNamespace` PID 1 is the sandbox's
/// `/pause` and every running container's processes follow; with
/// `hostPID` (`kubectl debug node/…`) the node's are seen, as far as they
/// are simulated (init, containerd, the kubelet, each Pod's sandbox and
/// containers). A user the listing container's `/etc/passwd` lacks shows
/// as its uid (the nginx workers of a busybox-listed nginx are `101`).
fn processes(h: &ContainerHost<'_>) -> Vec<Proc> {
    let pod = h.pod_obj();
    let spec = pod
        .as_ref()
        .and_then(|p| p.spec.container(&h.container).cloned());
    let Some(pod) = pod else {
        return main_processes(None, spec, &h.tools);
    };
    let on = |k: &str| pod.spec.extra.get(k) == Some(&serde_json::Value::Bool(true));
    if on("hostPID") {
        return node_processes(h, &pod.spec.node_name);
    }
    if on("shareProcessNamespace") {
        let mut out = vec![Proc {
            pid: 1,
            uid: 65535,
            comm: "pause".into(),
            args: "/pause".into(),
        }];
        out.extend(running_processes(h, &pod));
        return renumber(out, 7);
    }
    let target = spec
        .as_ref()
        .map(|c| c.target().to_string())
        .filter(|t| !t.is_empty())
        .and_then(|t| pod.spec.container(&t).cloned());
    let Some(target) = target else {
        return main_processes(Some(&pod), spec, &h.tools);
    };
    let tools = super::image::Toolbox::for_image(&target.image);
    let mut out = main_processes(Some(&pod), Some(target), &tools);
    let next = out.iter().map(|p| p.pid).max().unwrap_or(0) + 1;
    for (i, mut p) in main_processes(Some(&pod), spec, &h.tools)
        .into_iter()
        .enumerate()
    {
        p.pid = next + i as u32;
        out.push(p);
    }
    out
}

/// PIDs in order from `first` (after a PID 1 that stays), as a shared
/// namespace hands them out.
fn renumber(mut procs: Vec<Proc>, first: u32) -> Vec<Proc> {
    for (pid, p) in (first..).zip(procs.iter_mut().skip(1)) {
        p.pid = pid;
    }
    procs
}

/// The main processes of the Pod's running containers (regular, then
/// ephemeral), each in its image.
fn running_processes(h: &ContainerHost<'_>, pod: &crate::engine::objects::Pod) -> Vec<Proc> {
    let rt = h
        .engine
        .kubelet
        .runtime(&key(&pod.metadata.namespace, &pod.metadata.name));
    let running = |name: &str| {
        rt.and_then(|rt| rt.find(name).and_then(|c| rt.ctr(c)))
            .is_some_and(|c| matches!(c.state, crate::engine::kubelet::CState::Running { .. }))
    };
    let mut out = Vec::new();
    for c in pod
        .spec
        .containers
        .iter()
        .chain(pod.spec.ephemeral_containers.iter())
        .filter(|c| running(&c.name))
    {
        let tools = super::image::Toolbox::for_image(&c.image);
        out.extend(main_processes(Some(pod), Some(c.clone()), &tools));
    }
    out
}

/// The node's processes, as far as the simulation has them.
fn node_processes(h: &ContainerHost<'_>, node: &str) -> Vec<Proc> {
    let mut out: Vec<Proc> = [
        ("init", "/sbin/init"),
        ("systemd-journal", "/lib/systemd/systemd-journald"),
        ("containerd", "/usr/local/bin/containerd"),
        (
            "kubelet",
            "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml",
        ),
    ]
    .into_iter()
    .map(|(comm, args)| Proc {
        pid: 1,
        uid: 0,
        comm: comm.into(),
        args: args.into(),
    })
    .collect();
    let mut keys: Vec<crate::engine::store::Key> = h
        .engine
        .kubelet
        .pods
        .values()
        .filter(|rt| rt.node == node)
        .map(|rt| rt.key.clone())
        .collect();
    crate::sort::sort(&mut keys);
    for k in keys {
        let Some(p) = h.engine.store().pods.get(&k.0, &k.1).cloned() else {
            continue;
        };
        out.push(Proc {
            pid: 1,
            uid: 65535,
            comm: "pause".into(),
            args: "/pause".into(),
        });
        out.extend(running_processes(h, &p));
    }
    renumber(out, 90)
}

/// The processes of one container's main process: `spec` in an image
/// with `tools`.
fn main_processes(
    pod: Option<&crate::engine::objects::Pod>,
    spec: Option<crate::engine::objects::Container>,
    tools: &super::image::Toolbox,
) -> Vec<Proc> {
    let accounts = super::identity::accounts(tools);
    let uid = super::identity::container_identity(pod, spec.as_ref(), &accounts).uid;
    let argv: Vec<String> = spec
        .map(|c| c.command.iter().chain(c.args.iter()).cloned().collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    if argv.is_empty() && tools.flavor == Flavor::Nginx {
        // The master keeps the container's user; the workers are the
        // configuration's `user nginx;` when started as root.
        let worker = if uid == 0 {
            accounts.by_name("nginx").map_or(101, |(u, _)| u)
        } else {
            uid
        };
        out.push(Proc {
            pid: 1,
            uid,
            comm: "nginx".into(),
            args: "nginx: master process nginx -g daemon off;".into(),
        });
        for pid in [29, 30] {
            out.push(Proc {
                pid,
                uid: worker,
                comm: "nginx".into(),
                args: "nginx: worker process".into(),
            });
        }
    } else if argv.is_empty() {
        // The database images' entrypoints step down from root to their
        // own account before `exec`ing the server, which retitles itself.
        let uid = match accounts.server_uid() {
            Some(server) if uid == 0 => server,
            _ => uid,
        };
        let comm = tools.default_process().to_string();
        let args = match comm.as_str() {
            "redis-server" | "valkey-server" => format!("{comm} *:6379"),
            "mongod" => "mongod --bind_ip_all".to_string(),
            _ => comm.clone(),
        };
        out.push(Proc {
            pid: 1,
            uid,
            comm,
            args,
        });
    } else {
        let comm = argv[0].rsplit('/').next().unwrap_or("").to_string();
        let script = argv.len() > 1 && argv[1] == "-c";
        out.push(Proc {
            pid: 1,
            uid,
            comm: comm.clone(),
            args: argv.join(" "),
        });
        // A JVM server started by the script (`sh -c "start-zookeeper …"`)
        // is its child; the container lives as long as it does.
        if script && tools.default_process() == "java" && comm != "java" {
            out.push(Proc {
                pid: 27,
                uid,
                comm: "java".into(),
                args: java_command(tools.flavor),
            });
        }
    }
    out
}

/// The JVM command line of a Java server image.
fn java_command(flavor: Flavor) -> String {
    match flavor {
        Flavor::Zookeeper => "/usr/lib/jvm/java-8-openjdk-amd64/bin/java -Dzookeeper.log.dir=/var/log/zookeeper -Dzookeeper.root.logger=INFO,CONSOLE -cp /usr/bin/../build/classes:/usr/bin/../build/lib/*.jar:/usr/bin/../share/zookeeper/zookeeper-3.4.10.jar:/usr/bin/../etc/zookeeper: -Xmx512M -Xms512M -Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.local.only=false org.apache.zookeeper.server.quorum.QuorumPeerMain /usr/bin/../etc/zookeeper/zoo.cfg".into(),
        _ => "java".into(),
    }
}

pub(crate) fn ps(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let procs = processes(h);
    // ps runs as the container's user, as every exec does.
    let my_uid = super::identity::identity(h).uid;
    let listing = super::identity::accounts(&h.tools);
    let user = |uid| user_column(&listing, h.tools.busybox, uid);
    let me = 40 + (h.seq as u32 % 20);
    if h.tools.busybox {
        let mut out = String::from("PID   USER     TIME  COMMAND\n");
        for p in &procs {
            out.push_str(&format!(
                "{:>5} {:<8} {:>5} {}\n",
                p.pid,
                user(p.uid),
                "0:00",
                p.args
            ));
        }
        out.push_str(&format!(
            "{me:>5} {:<8}  0:00 ps{}\n",
            user(my_uid),
            args.iter().map(|a| format!(" {a}")).collect::<String>()
        ));
        io.out(&out);
        return 0;
    }
    let full = args
        .iter()
        .any(|a| a == "aux" || a == "-ef" || a == "-e" || a == "-A" || a == "ax");
    let mut out = String::new();
    if args.iter().any(|a| a == "aux") {
        out.push_str(
            "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n",
        );
        let start = Tm::at(h.started_at()).strftime("%H:%M");
        for p in &procs {
            // A container's first process leads its session (`Ss`); what
            // it starts (nginx's workers, a script's server) does not, and
            // a worker holds less than its master.
            let (vsz, rss, stat) = if p.pid == 1 {
                (11404, 7396, "Ss")
            } else {
                (11868, 2892, "S ")
            };
            out.push_str(&format!(
                "{:<8} {:>7}  0.0  0.0 {vsz:>6} {rss:>5} ?        {stat}   {start}   0:00 {}\n",
                user(p.uid),
                p.pid,
                p.args
            ));
        }
        out.push_str(&format!(
            "{:<8} {me:>7}  0.0  0.0   8100  4000 ?        Rs   {}   0:00 ps aux\n",
            user(my_uid),
            Tm::at(h.clock()).strftime("%H:%M")
        ));
    } else if args
        .iter()
        .any(|a| a == "-elf" || a == "-efl" || a == "-lef")
    {
        out.push_str(
            "F S UID          PID    PPID  C PRI  NI ADDR SZ WCHAN  STIME TTY          TIME CMD\n",
        );
        let start = Tm::at(h.started_at()).strftime("%H:%M");
        for p in &procs {
            let (flag, ppid, sz) = if p.pid == 1 {
                (4, 0, 1127)
            } else {
                (0, 1, 1_155_556)
            };
            out.push_str(&format!(
                "{flag} S {:<8} {:>7} {:>7}  0  80   0 - {sz:>5} -      {start} ?        00:00:00 {}\n",
                user(p.uid),
                p.pid,
                ppid,
                p.args
            ));
        }
        out.push_str(&format!(
            "4 R {:<8} {me:>7}       0  0  80   0 -  2164 -      {} ?        00:00:00 ps -elf\n",
            user(my_uid),
            Tm::at(h.clock()).strftime("%H:%M")
        ));
    } else if args.iter().any(|a| a == "-ef") {
        out.push_str("UID          PID    PPID  C STIME TTY          TIME CMD\n");
        let start = Tm::at(h.started_at()).strftime("%H:%M");
        for p in &procs {
            let ppid = if p.pid == 1 { 0 } else { 1 };
            out.push_str(&format!(
                "{:<8} {:>7} {:>7}  0 {start} ?        00:00:00 {}\n",
                user(p.uid),
                p.pid,
                ppid,
                p.args
            ));
        }
        out.push_str(&format!(
            "{:<8} {me:>7}       0  0 {} ?        00:00:00 ps -ef\n",
            user(my_uid),
            Tm::at(h.clock()).strftime("%H:%M")
        ));
    } else {
        out.push_str("    PID TTY          TIME CMD\n");
        // Without options: the processes of ps's own user.
        for p in procs.iter().filter(|p| full || p.uid == my_uid) {
            out.push_str(&format!("{:>7} ?        00:00:00 {}\n", p.pid, p.comm));
        }
        out.push_str(&format!("{me:>7} ?        00:00:00 ps\n"));
    }
    io.out(&out);
    0
}

/// Ends the main process (PID 1) with `code`: the container exits and the
/// kubelet restarts it.
fn kill_main(h: &mut ContainerHost<'_>, code: i64) {
    let k = key(&h.ns, &h.pod);
    let c = Some(h.container.clone());
    let _ = h.engine.inject(Fault::KillMain {
        pod: k,
        container: c,
        code,
    });
    if !h.container_running() {
        h.killed = true;
    }
}

/// The signal `kill` sends: `-9`, `-KILL`, `-SIGKILL`, `-s KILL`, `-n 9`;
/// TERM by default.
fn signal_of(args: &[String]) -> u32 {
    const NAMES: &[(&str, u32)] = &[
        ("HUP", 1),
        ("INT", 2),
        ("QUIT", 3),
        ("KILL", 9),
        ("USR1", 10),
        ("USR2", 12),
        ("TERM", 15),
        ("STOP", 19),
    ];
    let parse = |s: &str| -> Option<u32> {
        let s = s.trim_start_matches("SIG");
        s.parse().ok().or_else(|| {
            NAMES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(s))
                .map(|(_, v)| *v)
        })
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-s" | "-n" => return it.next().and_then(|v| parse(v)).unwrap_or(15),
            a if a.starts_with('-') && a.len() > 1 => {
                if let Some(sig) = parse(&a[1..]) {
                    return sig;
                }
            }
            _ => {}
        }
    }
    15
}

/// The code PID 1 of the container exits with on `signal` (INT, QUIT or
/// TERM), or None when it runs on: the image's server stops (0), `sleep`
/// does not; a shell script still running follows its TERM trap (`trap
/// 'exit 1' TERM` exits 1; no trap, nothing happens) and has none for the
/// others.
fn pid1_stops_on(h: &ContainerHost<'_>, signal: u32) -> Option<i64> {
    let pod = h.pod_obj();
    let spec = pod
        .as_ref()
        .and_then(|p| p.spec.containers.iter().find(|c| c.name == h.container));
    let on_term = h
        .engine
        .kubelet
        .runtime(&key(&h.ns, &h.pod))
        .and_then(|rt| rt.ctrs.iter().find(|c| c.name.as_str() == h.container))
        .and_then(|c| c.on_term.clone());
    if signal != 15 && on_term.is_some() {
        return None;
    }
    let reply = crate::engine::kubelet::hooks::term_reply(
        on_term.as_deref(),
        spec,
        crate::engine::kubelet::spec_for(&h.tools.image),
    );
    reply.stops.then_some(reply.code)
}

/// `kill PID…`. PID 1 is the namespace's init: it only gets the signals it
/// has a handler for, and never KILL or STOP sent from inside the
/// container, so `kill -9 1` does nothing and `kill 1` stops nginx (exit 0,
/// then a restart) but not a `sleep`.
pub(crate) fn kill(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let signal = signal_of(args);
    let mut skip_next = false;
    let pids: Vec<&String> = args
        .iter()
        .filter(|a| {
            if std::mem::take(&mut skip_next) {
                return false;
            }
            if *a == "-s" || *a == "-n" {
                skip_next = true;
                return false;
            }
            !a.starts_with('-')
        })
        .collect();
    if pids.is_empty() {
        io.err("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
        return 2;
    }
    let procs = processes(h);
    let mut status = 0;
    let mut main = false;
    for p in pids {
        match p.parse::<u32>() {
            Ok(1) => main = true,
            Ok(n) if procs.iter().any(|x| x.pid == n) => {}
            _ => {
                if h.tools.busybox {
                    io.err(&format!("sh: can't kill pid {p}: No such process\n"));
                } else {
                    io.err(&format!("kill: ({p}) - No such process\n"));
                }
                status = 1;
            }
        }
    }
    if main && matches!(signal, 2 | 3 | 15) {
        if let Some(code) = pid1_stops_on(h, signal) {
            kill_main(h, code);
        }
    }
    status
}

pub(crate) fn pkill(h: &mut ContainerHost<'_>, prog: &str, args: &[String], io: &mut Io) -> i32 {
    let full = args.iter().any(|a| a == "-f");
    let Some(pattern) = args.iter().find(|a| !a.starts_with('-')) else {
        io.err(&format!(
            "{prog}: no matching criteria specified\nTry `{prog} --help' for more information.\n"
        ));
        return 2;
    };
    let procs = processes(h);
    let matched: Vec<&Proc> = procs
        .iter()
        .filter(|p| pattern_matches(pattern, if full { &p.args } else { &p.comm }))
        .collect();
    if matched.is_empty() {
        return 1;
    }
    if prog == "pgrep" {
        for p in matched {
            io.out(&format!("{}\n", p.pid));
        }
        return 0;
    }
    // The main process, or the server it runs (its end ends the script).
    if matched.iter().any(|p| p.pid == 1 || p.pid == 27) {
        kill_main(h, 137);
    }
    0
}

/// pkill's pattern: an extended regex; names are plain words, so anchors
/// and substrings cover what people type.
fn pattern_matches(pattern: &str, hay: &str) -> bool {
    let start = pattern.starts_with('^');
    let end = pattern.ends_with('$') && pattern.len() > usize::from(start);
    let core = &pattern[usize::from(start)..pattern.len() - usize::from(end)];
    match (start, end) {
        (true, true) => hay == core,
        (true, false) => hay.starts_with(core),
        (false, true) => hay.ends_with(core),
        (false, false) => hay.contains(core),
    }
}

/// The main configuration file of the nginx image.
const NGINX_CONF: &str = "/etc/nginx/nginx.conf";

/// `nginx -t` / `nginx -T`: reads the configuration as the image has it
/// now (nginx.conf and the files its `include` lines name, in that order),
/// says it is fine, and with `-T` prints each file after a `# configuration
/// file NAME:` line (`ngx_dump_config`). The directives themselves are not
/// checked; a file that cannot be opened fails the test as nginx words it.
fn nginx_test(h: &mut ContainerHost<'_>, dump: bool, io: &mut Io) -> i32 {
    let mut files: Vec<(String, String)> = Vec::new();
    // Each file to read, with the file and line that include it.
    let mut queue: Vec<(String, Option<(String, usize)>)> = vec![(NGINX_CONF.to_string(), None)];
    while let Some((path, from)) = queue.pop() {
        let text = match h.stat(&path) {
            Ok(super::host::Node::File(t)) => t,
            _ => {
                let place = from.map_or(String::new(), |(f, n)| format!(" in {f}:{n}"));
                io.err(&format!(
                    "nginx: [emerg] open() \"{path}\" failed (2: No such file or directory){place}\nnginx: configuration file {NGINX_CONF} test failed\n"
                ));
                return 1;
            }
        };
        // Its includes are read where they stand, before what follows.
        let mut included = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some(arg) = line
                .strip_prefix("include")
                .filter(|a| a.starts_with([' ', '\t']))
            else {
                continue;
            };
            let arg = arg.trim().trim_end_matches(';').trim();
            for f in nginx_glob(h, arg) {
                included.push((f, Some((path.clone(), n + 1))));
            }
        }
        files.push((path, text));
        queue.extend(included.into_iter().rev());
        if files.len() > 64 {
            break;
        }
    }
    io.err(&format!("nginx: the configuration file {NGINX_CONF} syntax is ok\nnginx: configuration file {NGINX_CONF} test is successful\n"));
    if dump {
        for (path, text) in files {
            io.out(&format!("# configuration file {path}:\n{text}\n"));
        }
    }
    0
}

/// The files an `include` names: one path, or the names a `*` pattern
/// matches in its directory, in name order (nginx sorts a glob's matches).
fn nginx_glob(h: &ContainerHost<'_>, pattern: &str) -> Vec<String> {
    let pattern = if pattern.starts_with('/') {
        pattern.to_string()
    } else {
        format!("/etc/nginx/{pattern}")
    };
    let Some((dir, name)) = pattern.rsplit_once('/').filter(|(_, n)| n.contains('*')) else {
        return vec![pattern];
    };
    h.list(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|(n, _)| crate::console::sh::pattern::matches(name, n))
        .map(|(n, _)| format!("{dir}/{n}"))
        .collect()
}

pub(crate) fn nginx(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let v = h.tools.nginx_version.clone();
    match args.first().map(String::as_str) {
        Some("-v") => {
            io.err(&format!("nginx version: {v}\n"));
            0
        }
        Some("-V") => {
            io.err(&format!("nginx version: {v}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.11 19 Sep 2023\nTLS SNI support enabled\n"));
            0
        }
        Some(flag @ ("-t" | "-T")) => nginx_test(h, flag == "-T", io),
        Some("-s") => {
            let tm = Tm::at(h.clock());
            let pid = 40 + (h.seq % 20);
            io.err(&format!(
                "{} [notice] {pid}#{pid}: signal process started\n",
                tm.strftime("%Y/%m/%d %H:%M:%S")
            ));
            // nginx stops cleanly: exit 0, then the kubelet restarts it.
            if args.get(1).is_some_and(|s| s == "stop" || s == "quit") {
                kill_main(h, 0);
            }
            0
        }
        _ => {
            // The container's nginx already holds port 80.
            for _ in 0..5 {
                io.err("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n");
            }
            io.err("nginx: [emerg] still could not bind()\n");
            1
        }
    }
}
