//! An interactive shell inside a container (`kubectl exec -it POD -- sh`,
//! `kubectl run -it … -- sh`): the console feeds it one line at a time; it
//! keeps the shell's variables and the working directory between lines and
//! says when the shell has exited. The database clients' prompts
//! (`kubectl exec -it redis-0 -- redis-cli`, `… -- psql -U postgres`) are
//! sessions of the same kind: each line (for psql, each statement ended by
//! `;`) runs the client with it as input, under the client's own prompt.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::session::DnsTrace;
use crate::console::sh::{End, Invocation, Io, Limits, Shell, Stream};
use crate::engine::Engine;

use super::host::ContainerHost;
use super::image::{ShellKind, Toolbox};

/// A database client's prompt: the client's command line, and for psql
/// the lines of a statement not yet ended.
#[derive(Clone, Debug)]
struct Client {
    kind: ClientKind,
    argv: Vec<String>,
    pending: String,
    /// mysql's `-p` alone: the next line is the password.
    awaiting_password: bool,
}

/// Which database client a prompt is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ClientKind {
    Redis,
    Psql,
    Mysql,
}

/// The client whose interactive prompt `argv` starts: redis-cli or
/// valkey-cli without a command, psql without `-c` or `-f`, mysql
/// without `-e`.
fn client_kind(argv: &[String]) -> Option<ClientKind> {
    let name = argv.first()?;
    let args = &argv[1..];
    match name.rsplit('/').next().unwrap_or(name) {
        "redis-cli" | "valkey-cli" if super::redis::parse_cli(args).words.is_empty() => {
            Some(ClientKind::Redis)
        }
        "psql" if super::psql::is_prompt(args) => Some(ClientKind::Psql),
        "mysql" if super::mysql::is_monitor(args) => Some(ClientKind::Mysql),
        _ => None,
    }
}

/// Whether `argv` starts a database client's interactive prompt.
pub fn is_client_prompt(argv: &[String]) -> bool {
    client_kind(argv).is_some()
}

/// A shell session in one container.
#[derive(Clone, Debug)]
pub struct InteractiveShell {
    namespace: String,
    pod: String,
    container: String,
    kind: ShellKind,
    client: Option<Client>,
    shell: Shell,
    cwd: String,
    hostname: String,
    image: String,
}

impl InteractiveShell {
    /// Starts `argv` (a shell the image has: `sh`, `/bin/sh`, `bash`, `ash`)
    /// in the container. Err is the container runtime's message for a
    /// program the image does not have, or `not a shell` for other programs
    /// (run those with `exec`).
    pub fn start(
        engine: &Engine,
        namespace: &str,
        pod: &str,
        container: &str,
        argv: &[String],
    ) -> Result<InteractiveShell, String> {
        let p = engine
            .store()
            .pods
            .get(namespace, pod)
            .ok_or_else(|| format!("pods \"{pod}\" not found"))?
            .clone();
        let spec = p
            .spec
            .container(container)
            .ok_or_else(|| format!("container not found (\"{container}\")"))?;
        let tools = Toolbox::for_image(&spec.image);
        let name = argv.first().map(String::as_str).unwrap_or("sh");
        let base = name.rsplit('/').next().unwrap_or(name);
        if !tools.has(base) {
            return Err(format!(
                "exec: \"{name}\": executable file not found in $PATH: unknown"
            ));
        }
        let client = client_kind(argv).map(|kind| Client {
            kind,
            argv: argv.to_vec(),
            pending: String::new(),
            awaiting_password: kind == ClientKind::Mysql && super::mysql::asks_password(&argv[1..]),
        });
        let kind = match base {
            "sh" => tools.shell,
            "ash" => ShellKind::Ash,
            "dash" => ShellKind::Dash,
            "bash" => ShellKind::Bash,
            _ if client.is_some() => tools.shell,
            _ => return Err("not a shell".into()),
        };
        let env = super::env::container_env(engine, &p, container, &tools);
        let inv = Invocation {
            argv,
            stdin: None,
            env: &env,
            depth: 0,
            tty: true,
        };
        let mut shell =
            Shell::nested(&inv, Limits::default()).ok_or_else(|| "too deep".to_string())?;
        shell.set_pwd("/");
        shell.set_args(base, &[]);
        // bash's `\h`: the hostname up to its first dot.
        let kernel = crate::engine::Engine::kernel_hostname(&p);
        let hostname = kernel.split('.').next().unwrap_or("");
        Ok(InteractiveShell {
            namespace: namespace.to_string(),
            pod: pod.to_string(),
            container: container.to_string(),
            kind,
            client,
            shell,
            cwd: "/".to_string(),
            hostname: hostname.to_string(),
            image: spec.image.to_string(),
        })
    }

    /// The prompt the shell prints before reading a line (`/ # `,
    /// `root@web-0:/# `, `# `).
    pub fn prompt(&self) -> String {
        if let Some(c) = &self.client {
            return client_prompt(c);
        }
        match self.kind {
            ShellKind::Ash => format!("{} # ", self.cwd),
            ShellKind::Bash => format!("root@{}:{}# ", self.hostname, self.cwd),
            ShellKind::Dash => "# ".to_string(),
        }
    }

    /// What the program prints before its first prompt: psql's version
    /// line and hint; nothing for a shell or redis-cli.
    pub fn banner(&self) -> String {
        match &self.client {
            Some(c) if c.kind == ClientKind::Mysql && !c.awaiting_password => {
                super::mysql::monitor_banner(&self.image, MYSQL_CONNECTION_ID)
            }
            Some(c) if c.kind == ClientKind::Psql => {
                let major = crate::engine::kubelet::initdb::major_version(&self.image);
                format!(
                    "psql ({major}.0 (Debian {major}.0-1.pgdg120+1))\nType \"help\" for help.\n\n"
                )
            }
            _ => String::new(),
        }
    }

    /// Whether the next line is a password (the MySQL monitor's `Enter
    /// password:`), which a terminal does not echo.
    pub fn reads_secret(&self) -> bool {
        self.client.as_ref().is_some_and(|c| c.awaiting_password)
    }

    /// The image the shell runs in.
    pub fn image(&self) -> &str {
        &self.image
    }

    /// Runs one line typed at the prompt. Output goes to `io` (all of it on
    /// stdout: a terminal carries both streams). Returns Some(status) when
    /// the shell has ended (`exit`, or the container stopped: 137).
    pub fn run_line(
        &mut self,
        engine: &mut Engine,
        line: &str,
        io: &mut Io,
        traces: &mut Vec<DnsTrace>,
    ) -> Option<i32> {
        let Some(host) =
            ContainerHost::new(engine, &self.namespace, &self.pod, &self.container, traces)
        else {
            return Some(137);
        };
        let mut host = host.with_tty(true);
        host.cwd = self.cwd.clone();
        host.shells = vec![self.kind];
        if !host.container_running() {
            return Some(137);
        }
        if let Some(c) = &mut self.client {
            return client_line(c, &mut host, line, io);
        }
        let t = self.shell.run_line(line, &mut host);
        self.cwd = host.cwd.clone();
        let interrupted = host.interrupted() || host.killed;
        for e in t.entries {
            for (_, text) in e.output {
                io.write(Stream::Stdout, &text);
            }
        }
        match t.end {
            End::Exit(code) | End::Errexit(code) => Some(code),
            _ if interrupted => Some(137),
            _ => None,
        }
    }
}

/// The connection id the MySQL monitor's greeting gives.
const MYSQL_CONNECTION_ID: u64 = 8;

/// One line at the MySQL monitor: the password it asked for, a statement
/// (run when a line ends it with `;`), or `exit`, `quit`, `\\q` (`Bye`).
fn monitor_line(
    c: &mut Client,
    host: &mut ContainerHost<'_>,
    line: &str,
    io: &mut Io,
) -> Option<i32> {
    let word = line.trim();
    if c.awaiting_password {
        c.awaiting_password = false;
        // The password typed at the prompt: no command-line warning.
        for a in c.argv.iter_mut() {
            if a == "-p" || a == "--password" {
                *a = format!("--password={line}");
            }
        }
        let mut out = Io::new();
        if super::mysql::monitor(host, &c.argv, "", &mut out) != 0 {
            io.append(out.into_chunks());
            return Some(1);
        }
        let image = host.tools.image.clone();
        io.write(
            Stream::Stdout,
            &super::mysql::monitor_banner(&image, MYSQL_CONNECTION_ID),
        );
        return None;
    }
    if c.pending.is_empty() && matches!(word, "exit" | "quit" | "\\q" | "exit;" | "quit;") {
        io.write(Stream::Stdout, "Bye\n");
        return Some(0);
    }
    if word.is_empty() && c.pending.is_empty() {
        return None;
    }
    c.pending.push_str(line);
    c.pending.push('\n');
    if !word.ends_with(';') {
        return None;
    }
    let sql = std::mem::take(&mut c.pending);
    super::mysql::monitor(host, &c.argv, &sql, io);
    None
}

/// The client's prompt: redis-cli's `HOST:PORT>` (`[DB]` when not 0),
/// psql's `DB=#` (`DB-#` inside a statement; the roles are superusers).
fn client_prompt(c: &Client) -> String {
    if c.kind == ClientKind::Mysql {
        return if c.awaiting_password {
            "Enter password: ".into()
        } else if c.pending.trim().is_empty() {
            "mysql> ".into()
        } else {
            "    -> ".into()
        };
    }
    if c.kind == ClientKind::Psql {
        let db = super::psql::prompt_database(&c.argv[1..]);
        let mark = if c.pending.trim().is_empty() {
            '='
        } else {
            '-'
        };
        return format!("{db}{mark}# ");
    }
    let a = super::redis::parse_cli(&c.argv[1..]);
    let host = a.host.unwrap_or_else(|| "127.0.0.1".to_string());
    if a.db == 0 {
        format!("{host}:{}> ", a.port)
    } else {
        format!("{host}:{}[{}]> ", a.port, a.db)
    }
}

/// One line typed at a client's prompt. Some(0) ends the session
/// (`exit`, `quit`, psql's `\q`).
fn client_line(
    c: &mut Client,
    host: &mut ContainerHost<'_>,
    line: &str,
    io: &mut Io,
) -> Option<i32> {
    let word = line.trim();
    let psql = c.kind == ClientKind::Psql;
    if c.kind == ClientKind::Mysql {
        return monitor_line(c, host, line, io);
    }
    if matches!(word, "exit" | "quit") || (psql && word == "\\q") {
        return Some(0);
    }
    if word.is_empty() && c.pending.is_empty() {
        return None;
    }
    let input = if psql {
        if let Some(db) = word
            .strip_prefix("\\c ")
            .or_else(|| word.strip_prefix("\\connect "))
        {
            // The database a new connection uses: the rest of the session's.
            c.argv.retain(|a| !a.starts_with("--dbname="));
            c.argv.push(format!("--dbname={}", db.trim()));
            let user = super::psql::prompt_user(&c.argv[1..]);
            io.write(
                Stream::Stdout,
                &format!(
                    "You are now connected to database \"{}\" as user \"{user}\".\n",
                    db.trim()
                ),
            );
            return None;
        }
        c.pending.push_str(line);
        c.pending.push('\n');
        if !(word.ends_with(';') || word.starts_with('\\')) {
            return None;
        }
        std::mem::take(&mut c.pending)
    } else {
        line.to_string()
    };
    let mut out = Io::new();
    let status = host.run_argv(&c.argv, Some(&input), &mut out).unwrap_or(1);
    let said_ok = out.stream(Stream::Stdout) == "OK\n";
    io.append(out.into_chunks());
    if psql && status == 2 {
        // The connection failed: psql ends.
        return Some(2);
    }
    if !psql && status == 0 && said_ok {
        // SELECT changes the session's database (and the prompt), AUTH its
        // login: the next lines run as this connection would.
        let words: Vec<&str> = word.split_whitespace().collect();
        match words.as_slice() {
            [sel, n] if sel.eq_ignore_ascii_case("select") => {
                c.argv.retain(|a| !a.starts_with("-n"));
                c.argv.push(format!("-n{n}"));
            }
            [auth, pass] if auth.eq_ignore_ascii_case("auth") => {
                c.argv.push("--no-auth-warning".into());
                c.argv.push(format!("-a{pass}"));
            }
            _ => {}
        }
    }
    None
}
