//! `redis-cli` (and Valkey's `valkey-cli`) against the simulated servers:
//! enough of Redis for what people show with a Redis StatefulSet — a key
//! written on `redis-0` is still there after the Pod is deleted and comes
//! back, because it lives on the Pod's PersistentVolume; a replica started
//! with `--replicaof redis-0.redis 6379` shows the primary's keys and
//! refuses writes.
//!
//! Modelled: strings (`SET` with NX/XX/GET, `GET`, `MSET`, `MGET`, `INCR`,
//! `DECR`, `INCRBY`, `DECRBY`, `APPEND`, `STRLEN`, `SETNX`, `GETSET`),
//! lists (`LPUSH`, `RPUSH`, `LPOP`, `RPOP`, `LRANGE`, `LLEN`), hashes
//! (`HSET`, `HGET`, `HGETALL`, `HDEL`, `HKEYS`, `HVALS`, `HLEN`), keys
//! (`DEL`, `EXISTS`, `KEYS`, `TYPE`, `RENAME`, `TTL`, `DBSIZE`, `FLUSHDB`,
//! `FLUSHALL`), and the server (`PING`, `ECHO`, `SELECT`, `INFO`, `ROLE`,
//! `SAVE`, `BGSAVE`). Replies are formatted as redis-cli 7 formats them
//! (`cliFormatReplyTTY` on a terminal, `cliFormatReplyRaw` otherwise) and
//! the server's errors are its texts (`ERR unknown command …`, `WRONGTYPE
//! …`, `READONLY …`). A real command outside the model (`EXPIRE`, `SADD`,
//! `XADD` …) says it is not simulated rather than inventing an answer.
//!
//! Where the data lives: the server's `dir` (`/data` in the official
//! images, `/bitnami/redis/data` in Bitnami's; `dir` in a config file or
//! `--dir` overrides it), in `dump.rdb`, or under `appendonlydir/` when the
//! server runs with `appendonly yes`. The file is text here (one key per
//! line) where the real one is binary. Every write reaches the file at
//! once: that is what `appendonly yes` does, and what a graceful stop does
//! for the default configuration (Redis saves on SIGTERM when save points
//! are set, as they are by default); a crash that loses the writes since
//! the last snapshot is not modelled.
//!
//! The server's configuration is read from the command line it started
//! with (`redis-server [CONFIG-FILE] [--option value …]`, the config file
//! from the container's file system): the one its main process recorded in
//! `/proc/1/cmdline` when a script `exec`ed the server, else the Pod
//! spec's.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use std::collections::BTreeMap;

use crate::console::line_escape::{escape, unescape};
use crate::console::sh::{Invocation, Io};
use crate::engine::images::{self, Flavor};
use crate::engine::Engine;

use super::db_clients::option_value;
use super::host::{ContainerHost, Node, View};
use super::net::Unreached;

const PORT: u16 = 6379;
/// The databases a server has (`databases 16`).
const DATABASES: u32 = 16;
/// The first line of the data file (the real file's magic and version).
const MAGIC: &str = "REDIS0011";

/// A reply of the server (RESP2 types).
#[derive(Clone, Debug, PartialEq)]
enum Reply {
    Status(String),
    Error(String),
    Int(i64),
    Bulk(String),
    Nil,
    Array(Vec<Reply>),
    /// A real command the model leaves out: said by the client on stderr,
    /// as no server would answer it.
    Unsimulated(String),
}

fn ok() -> Reply {
    Reply::Status("OK".into())
}

fn err(text: &str) -> Reply {
    Reply::Error(format!("ERR {text}"))
}

fn not_integer() -> Reply {
    err("value is not an integer or out of range")
}

fn wrong_type() -> Reply {
    Reply::Error("WRONGTYPE Operation against a key holding the wrong kind of value".into())
}

const WRONGPASS: &str = "WRONGPASS invalid username-password pair or user is disabled.";

fn read_only() -> Reply {
    Reply::Error("READONLY You can't write against a read only replica.".into())
}

/// `cliFormatReplyTTY`: what redis-cli prints on a terminal.
fn format_tty(r: &Reply, prefix: &str) -> String {
    match r {
        Reply::Error(e) | Reply::Unsimulated(e) => format!("(error) {e}\n"),
        Reply::Status(s) => format!("{s}\n"),
        Reply::Int(n) => format!("(integer) {n}\n"),
        Reply::Bulk(s) => format!("{}\n", repr(s)),
        Reply::Nil => "(nil)\n".into(),
        Reply::Array(items) if items.is_empty() => "(empty array)\n".into(),
        Reply::Array(items) => {
            let width = items.len().to_string().len();
            let inner = format!("{prefix}{}", " ".repeat(width + 2));
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                let lead = if i == 0 { "" } else { prefix };
                out.push_str(&format!("{lead}{:>width$}) ", i + 1));
                out.push_str(&format_tty(item, &inner));
            }
            out
        }
    }
}

/// `cliFormatReplyRaw`, then the command delimiter: what redis-cli prints
/// when its output is not a terminal.
fn format_raw(r: &Reply) -> String {
    format!("{}\n", raw(r))
}

/// `cliFormatReplyRaw` alone: how redis-cli prints the reply of `INFO`
/// on a terminal too (`output_raw` for that command).
fn raw(r: &Reply) -> String {
    match r {
        Reply::Nil => String::new(),
        Reply::Error(e) | Reply::Unsimulated(e) => format!("{e}\n"),
        Reply::Status(s) | Reply::Bulk(s) => s.clone(),
        Reply::Int(n) => n.to_string(),
        Reply::Array(items) => items.iter().map(raw).collect::<Vec<_>>().join("\n"),
    }
}

/// `sdscatrepr`: a quoted string with C escapes.
fn repr(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// A value of the keyspace.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Str(String),
    List(Vec<String>),
    Hash(Fields),
}

/// A hash's fields in insertion order, as a small hash (a listpack) keeps
/// them and `HGETALL` lists them.
#[derive(Clone, Debug, Default, PartialEq)]
struct Fields(Vec<(String, String)>);

impl Fields {
    fn insert(&mut self, field: String, value: String) -> Option<String> {
        match self.0.iter_mut().find(|(f, _)| *f == field) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.0.push((field, value));
                None
            }
        }
    }
    fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, v)| v)
    }
    fn remove(&mut self, field: &str) -> Option<String> {
        let at = self.0.iter().position(|(f, _)| f == field)?;
        Some(self.0.remove(at).1)
    }
    fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(f, v)| (f, v))
    }
    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(f, _)| f)
    }
    fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }
    fn len(&self) -> usize {
        self.0.len()
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, String)> for Fields {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut f = Fields::default();
        for (k, v) in iter {
            f.insert(k, v);
        }
        f
    }
}

impl Value {
    fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Hash(_) => "hash",
        }
    }
}

/// The keyspace of a server: its databases by index.
type Dataset = BTreeMap<u32, BTreeMap<String, Value>>;

/// The data file's text: the magic line, then `db type key values…`,
/// tab-separated and escaped.
fn encode(data: &Dataset) -> String {
    let mut out = format!("{MAGIC}\n");
    for (db, keys) in data {
        for (k, v) in keys {
            let values: Vec<String> = match v {
                Value::Str(s) => vec![escape(s)],
                Value::List(l) => l.iter().map(|s| escape(s)).collect(),
                Value::Hash(h) => h.iter().flat_map(|(f, v)| [escape(f), escape(v)]).collect(),
            };
            out.push_str(&format!("{db}\t{}\t{}", v.type_name(), escape(k)));
            for value in values {
                out.push('\t');
                out.push_str(&value);
            }
            out.push('\n');
        }
    }
    out
}

fn decode(text: &str) -> Dataset {
    let mut data = Dataset::new();
    for line in text.lines().skip_while(|l| *l == MAGIC) {
        let mut f = line.split('\t');
        let (Some(db), Some(kind), Some(key)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let Ok(db) = db.parse::<u32>() else {
            continue;
        };
        let rest: Vec<String> = f.map(unescape).collect();
        let value = match kind {
            "string" => Value::Str(rest.into_iter().next().unwrap_or_default()),
            "list" => Value::List(rest),
            "hash" => Value::Hash(
                rest.chunks(2)
                    .filter_map(|c| Some((c.first()?.clone(), c.get(1)?.clone())))
                    .collect(),
            ),
            _ => continue,
        };
        data.entry(db).or_default().insert(unescape(key), value);
    }
    data
}

/// A Redis server: its Pod, container and configuration.
#[derive(Clone, Debug)]
struct Server {
    ns: String,
    pod: String,
    container: String,
    dir: String,
    appendonly: bool,
    /// `replicaof HOST PORT`.
    replica_of: Option<(String, u16)>,
    /// `requirepass` (or Bitnami's `REDIS_PASSWORD`): clients must AUTH.
    requirepass: Option<String>,
}

impl Server {
    fn view<'e>(&'e self, engine: &'e Engine) -> View<'e> {
        View::new(engine, &self.ns, &self.pod, &self.container)
    }

    fn data_path(&self) -> String {
        if self.appendonly {
            format!("{}/appendonlydir/appendonly.aof.1.incr.aof", self.dir)
        } else {
            format!("{}/dump.rdb", self.dir)
        }
    }

    fn load(&self, engine: &Engine) -> Dataset {
        match self.view(engine).stat(&self.data_path()) {
            Ok(Node::File(text)) => decode(&text),
            _ => Dataset::new(),
        }
    }

    fn save(&self, engine: &mut Engine, data: &Dataset) -> Result<(), String> {
        engine
            .container_write_creating(
                &self.ns,
                &self.pod,
                &self.container,
                &self.data_path(),
                &encode(data),
                false,
            )
            .map_err(|e| e.text().to_string())
    }
}

/// The words of a container's command line (`command` then `args`).
fn command_line(c: &crate::engine::objects::Container) -> Vec<String> {
    c.command
        .iter()
        .chain(c.args.iter())
        .map(|s| s.to_string())
        .collect()
}

/// Where Linux keeps the command line of a container's first process.
const CMDLINE: &str = "/proc/1/cmdline";

/// Keeps the command line a container's main process started its server
/// with (`exec redis-server --replicaof …` at the end of a script), as
/// Linux does in `/proc/1/cmdline` (NUL-terminated words): the Pod spec
/// alone does not say which branch of a script ran.
pub(crate) fn record_command_line(h: &mut ContainerHost<'_>, argv: &[String]) {
    let text: String = argv.iter().map(|a| format!("{a}\0")).collect();
    let (ns, pod, container) = (h.ns.clone(), h.pod.clone(), h.container.clone());
    let _ = h
        .engine
        .container_write_creating(&ns, &pod, &container, CMDLINE, &text, false);
}

/// The Redis server of a Pod and its configuration, if the Pod runs one.
fn server_in(engine: &Engine, ns: &str, pod: &str) -> Option<Server> {
    let p = engine.store().pods.get(ns, pod)?;
    let c = images::container_of(p, Flavor::Redis)?;
    let image = c.image.to_string();
    let bitnami = image.contains("bitnami");
    let default_dir = match (bitnami, images::is_valkey(&image)) {
        (true, true) => "/bitnami/valkey/data",
        (true, false) => "/bitnami/redis/data",
        (false, _) => "/data",
    };
    let mut s = Server {
        ns: ns.to_string(),
        pod: pod.to_string(),
        container: c.name.to_string(),
        dir: default_dir.to_string(),
        appendonly: false,
        replica_of: None,
        requirepass: None,
    };
    if bitnami {
        // Bitnami's entrypoint sets `requirepass` from its environment
        // unless empty passwords are allowed.
        let get = super::env::server_vars(engine, p, c);
        let allow_empty =
            get("ALLOW_EMPTY_PASSWORD").is_some_and(|v| v.eq_ignore_ascii_case("yes"));
        let password = get("REDIS_PASSWORD").or_else(|| get("VALKEY_PASSWORD"));
        if !allow_empty {
            s.requirepass = password;
        }
    }
    // The command line its server really started with, else the spec's.
    let started = match s.view(engine).stat(CMDLINE) {
        Ok(Node::File(text)) => Some(
            text.split('\0')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>(),
        ),
        _ => None,
    };
    let argv = started.unwrap_or_else(|| command_line(c));
    // `redis-server …`, or the entrypoint's arguments (`--appendonly yes`,
    // `/etc/redis/redis.conf`) that docker-entrypoint.sh hands to it.
    let start = argv
        .iter()
        .position(|w| {
            let prog = w.rsplit('/').next().unwrap_or(w);
            prog == "redis-server" || prog == "valkey-server"
        })
        .map(|i| i + 1)
        .or_else(|| {
            (c.command.is_empty()
                && argv
                    .first()
                    .is_some_and(|a| a.starts_with('-') || a.ends_with(".conf")))
            .then_some(0)
        });
    let Some(start) = start else {
        return Some(s);
    };
    let mut options: Vec<(String, Vec<String>)> = Vec::new();
    let mut rest = &argv[start..];
    if let Some(file) = rest.first().filter(|a| !a.starts_with('-')) {
        let view = s.view(engine);
        if let Ok(Node::File(text)) = view.stat(file) {
            for line in text.lines() {
                let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
                if let Some((k, v)) = words.split_first() {
                    if !k.starts_with('#') {
                        options.push((k.to_ascii_lowercase(), v.to_vec()));
                    }
                }
            }
        }
        rest = &rest[1..];
    }
    let mut i = 0;
    while i < rest.len() {
        if let Some(name) = rest[i].strip_prefix("--") {
            let mut values = Vec::new();
            while i + 1 < rest.len() && !rest[i + 1].starts_with("--") {
                i += 1;
                values.push(rest[i].clone());
            }
            options.push((name.to_ascii_lowercase(), values));
        }
        i += 1;
    }
    for (k, v) in options {
        match (k.as_str(), v.as_slice()) {
            ("dir", [d, ..]) => {
                s.dir = if d.starts_with('/') {
                    d.trim_end_matches('/').to_string()
                } else {
                    format!("{default_dir}/{}", d.trim_start_matches("./"))
                        .trim_end_matches('/')
                        .to_string()
                };
            }
            ("appendonly", [v, ..]) => s.appendonly = v.eq_ignore_ascii_case("yes"),
            ("requirepass", [p, ..]) => s.requirepass = Some(p.clone()).filter(|p| !p.is_empty()),
            ("replicaof" | "slaveof", [h, p, ..]) => {
                s.replica_of =
                    (!h.eq_ignore_ascii_case("no")).then(|| (h.clone(), p.parse().unwrap_or(PORT)));
            }
            _ => {}
        }
    }
    Some(s)
}

/// What a session needs: the server it talks to, the database it
/// selected, whether it has authenticated.
struct Session {
    server: Server,
    db: u32,
    authed: bool,
}

/// Arity of the modelled commands, as Redis's command table gives it
/// (positive: exactly; negative: at least).
fn arity(cmd: &str) -> Option<i32> {
    Some(match cmd {
        "ping" | "info" | "flushall" | "flushdb" | "bgsave" => -1,
        "dbsize" | "role" | "save" => 1,
        "get" | "incr" | "decr" | "strlen" | "keys" | "type" | "ttl" | "echo" | "select"
        | "llen" | "hgetall" | "hkeys" | "hvals" | "hlen" => 2,
        "incrby" | "decrby" | "append" | "setnx" | "getset" | "rename" | "hget" => 3,
        "lrange" => 4,
        "set" | "mset" | "lpush" | "rpush" | "hdel" => -3,
        "del" | "exists" | "mget" | "lpop" | "rpop" => -2,
        "hset" => -4,
        _ => return None,
    })
}

/// Real Redis commands the model leaves out: they say so instead of
/// answering as an unknown command would.
const UNSIMULATED: &[&str] = &[
    "expire",
    "pexpire",
    "expireat",
    "persist",
    "pttl",
    "setex",
    "psetex",
    "getex",
    "getdel",
    "incrbyfloat",
    "getrange",
    "setrange",
    "lindex",
    "lset",
    "lrem",
    "ltrim",
    "linsert",
    "sadd",
    "srem",
    "smembers",
    "sismember",
    "scard",
    "zadd",
    "zrange",
    "zrem",
    "zscore",
    "zcard",
    "hincrby",
    "hexists",
    "hmset",
    "hmget",
    "scan",
    "sscan",
    "hscan",
    "zscan",
    "xadd",
    "xrange",
    "xread",
    "publish",
    "subscribe",
    "psubscribe",
    "multi",
    "exec",
    "discard",
    "watch",
    "eval",
    "evalsha",
    "script",
    "function",
    "fcall",
    "hello",
    "config",
    "client",
    "cluster",
    "replicaof",
    "slaveof",
    "failover",
    "monitor",
    "debug",
    "object",
    "memory",
    "latency",
    "slowlog",
    "acl",
    "module",
    "lastsave",
    "shutdown",
    "time",
    "randomkey",
    "renamenx",
    "copy",
    "move",
    "dump",
    "restore",
    "wait",
    "sort",
    "unlink",
    "touch",
    "pfadd",
    "pfcount",
    "geoadd",
    "setbit",
    "getbit",
    "bitcount",
];

/// The error of a command whose arguments do not fit its arity.
fn arity_error(cmd: &str) -> Reply {
    err(&format!("wrong number of arguments for '{cmd}' command"))
}

fn unknown_command(argv: &[String]) -> Reply {
    let mut args = String::new();
    for a in &argv[1..] {
        if args.len() >= 128 {
            break;
        }
        let room = 128 - args.len();
        let cut: String = a.chars().take(room).collect();
        args.push_str(&format!("'{cut}' "));
    }
    let name: String = argv[0].chars().take(128).collect();
    let text = format!("unknown command '{name}', with args beginning with: {args}");
    err(&text.replace(['\r', '\n'], " "))
}

/// The command's name in lower case when the server knows it and its
/// arguments fit its arity; else the server's error (or the model's
/// refusal, for a real command it leaves out). `argv` is not empty.
fn checked(argv: &[String]) -> Result<String, Reply> {
    let cmd = argv[0].to_ascii_lowercase();
    let Some(arity) = arity(&cmd) else {
        return Err(if UNSIMULATED.contains(&cmd.as_str()) {
            Reply::Unsimulated(format!(
                "{}: not simulated in Ordinal (strings, lists, hashes, keys, INFO and ROLE are)",
                cmd.to_ascii_uppercase()
            ))
        } else {
            unknown_command(argv)
        });
    };
    let n = argv.len() as i32;
    if (arity > 0 && n != arity) || (arity < 0 && n < -arity) {
        return Err(arity_error(&cmd));
    }
    Ok(cmd)
}

fn int_arg(s: &str) -> Option<i64> {
    let t = s.trim();
    (t == s && !t.is_empty()).then(|| t.parse().ok()).flatten()
}

impl ContainerHost<'_> {
    /// The keyspace a server shows: its primary's when it is a replica
    /// whose primary answers (replication is taken to be caught up), else
    /// its own.
    fn redis_source(&mut self, server: &Server) -> Server {
        let Some((host, port)) = &server.replica_of else {
            return server.clone();
        };
        let primary = self
            .peer_pod(host)
            .filter(|at| self.engine.container_listens(&at.ns, &at.pod, *port))
            .and_then(|at| server_in(self.engine, &at.ns, &at.pod));
        primary.unwrap_or_else(|| server.clone())
    }

    /// The replicas of a primary: Redis servers in its namespace whose
    /// `replicaof` names it and that are up.
    fn redis_replicas(&mut self, primary: &Server) -> Vec<String> {
        let pods: Vec<String> = self
            .engine
            .store()
            .pods
            .in_namespace(&primary.ns)
            .map(|p| p.metadata.name.to_string())
            .collect();
        let mut ips = Vec::new();
        for pod in pods {
            let Some(s) = server_in(self.engine, &primary.ns, &pod) else {
                continue;
            };
            let Some((host, _)) = &s.replica_of else {
                continue;
            };
            if !self.engine.container_listens(&s.ns, &s.pod, PORT) {
                continue;
            }
            let names_primary = self
                .peer_pod(host)
                .is_some_and(|at| at.ns == primary.ns && at.pod == primary.pod);
            if names_primary {
                if let Some(r) = self.engine.pod_runtime(&s.ns, &s.pod) {
                    ips.push(r.ip.to_string());
                }
            }
        }
        ips
    }

    /// Runs one command for a session and gives the server's reply.
    fn redis_command(&mut self, session: &mut Session, argv: &[String]) -> Reply {
        if argv.is_empty() {
            return Reply::Status(String::new());
        }
        if argv[0].eq_ignore_ascii_case("auth") {
            return match (argv.len(), &session.server.requirepass) {
                (2, Some(p)) if *p == argv[1] => {
                    session.authed = true;
                    ok()
                }
                (2, Some(_)) => Reply::Error(WRONGPASS.into()),
                (2, None) => err("AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"),
                _ => arity_error("auth"),
            };
        }
        if session.server.requirepass.is_some() && !session.authed {
            return Reply::Error("NOAUTH Authentication required.".into());
        }
        let cmd = match checked(argv) {
            Ok(cmd) => cmd,
            Err(reply) => return reply,
        };
        let a = &argv[1..];
        // Commands that do not touch the keyspace.
        match cmd.as_str() {
            "ping" => {
                return match a {
                    [] => Reply::Status("PONG".into()),
                    [m] => Reply::Bulk(m.clone()),
                    _ => arity_error(&cmd),
                }
            }
            "echo" => return Reply::Bulk(a[0].clone()),
            "select" => {
                return match int_arg(&a[0]) {
                    Some(db) if (0..DATABASES as i64).contains(&db) => {
                        session.db = db as u32;
                        ok()
                    }
                    Some(_) => err("DB index is out of range"),
                    None => not_integer(),
                }
            }
            "role" => return self.redis_role(&session.server),
            "info" => return self.redis_info(&session.server, a),
            "save" => return ok(),
            "bgsave" => return Reply::Status("Background saving started".into()),
            _ => {}
        }
        let source = self.redis_source(&session.server);
        let mut data = source.load(self.engine);
        let before = data.clone();
        let reply = keyspace(&mut data, session.db, &cmd, a);
        if data != before {
            if session.server.replica_of.is_some() {
                return read_only();
            }
            if let Err(e) = session.server.save(self.engine, &data) {
                return err(&e);
            }
        }
        reply
    }

    fn redis_role(&mut self, server: &Server) -> Reply {
        match &server.replica_of {
            Some((host, port)) => {
                let up = self.redis_source(server).pod != server.pod;
                Reply::Array(vec![
                    Reply::Bulk("slave".into()),
                    Reply::Bulk(host.clone()),
                    Reply::Int(*port as i64),
                    Reply::Bulk(if up { "connected" } else { "connect" }.into()),
                    Reply::Int(if up { 0 } else { -1 }),
                ])
            }
            None => {
                let replicas = self
                    .redis_replicas(server)
                    .into_iter()
                    .map(|ip| {
                        Reply::Array(vec![
                            Reply::Bulk(ip),
                            Reply::Bulk(PORT.to_string()),
                            Reply::Bulk("0".into()),
                        ])
                    })
                    .collect();
                Reply::Array(vec![
                    Reply::Bulk("master".into()),
                    Reply::Int(0),
                    Reply::Array(replicas),
                ])
            }
        }
    }

    /// `INFO [section…]`: the sections the model knows (replication and
    /// keyspace; `server` in part). A section it does not know is empty, as
    /// an unknown section is.
    fn redis_info(&mut self, server: &Server, sections: &[String]) -> Reply {
        let wanted: Vec<String> = sections.iter().map(|s| s.to_ascii_lowercase()).collect();
        let all = wanted.is_empty()
            || wanted
                .iter()
                .any(|s| matches!(s.as_str(), "all" | "default" | "everything"));
        let has = |name: &str| all || wanted.iter().any(|s| s == name);
        let mut parts: Vec<String> = Vec::new();
        if has("server") {
            parts.push(format!(
                "# Server\nredis_mode:standalone\ntcp_port:{PORT}\nconfig_file:\n"
            ));
        }
        if has("replication") {
            let mut text = String::from("# Replication\n");
            match &server.replica_of {
                Some((host, port)) => {
                    let up = self.redis_source(server).pod != server.pod;
                    text.push_str(&format!(
                        "role:slave\nmaster_host:{host}\nmaster_port:{port}\nmaster_link_status:{}\nslave_read_only:1\nconnected_slaves:0\n",
                        if up { "up" } else { "down" }
                    ));
                }
                None => {
                    let replicas = self.redis_replicas(server);
                    text.push_str(&format!(
                        "role:master\nconnected_slaves:{}\n",
                        replicas.len()
                    ));
                    for (i, ip) in replicas.iter().enumerate() {
                        text.push_str(&format!(
                            "slave{i}:ip={ip},port={PORT},state=online,offset=0,lag=0\n"
                        ));
                    }
                }
            }
            parts.push(text);
        }
        if has("keyspace") {
            let data = self.redis_source(server).load(self.engine);
            let mut text = String::from("# Keyspace\n");
            for (db, keys) in &data {
                if !keys.is_empty() {
                    text.push_str(&format!("db{db}:keys={},expires=0,avg_ttl=0\n", keys.len()));
                }
            }
            parts.push(text);
        }
        Reply::Bulk(parts.join("\n"))
    }
}

/// A command on the keyspace (arity already checked).
fn keyspace(data: &mut Dataset, db: u32, cmd: &str, a: &[String]) -> Reply {
    if cmd == "flushall" {
        data.clear();
        return ok();
    }
    let keys = data.entry(db).or_default();
    let reply = match cmd {
        "flushdb" => {
            keys.clear();
            ok()
        }
        "dbsize" => Reply::Int(keys.len() as i64),
        "get" => match keys.get(&a[0]) {
            Some(Value::Str(s)) => Reply::Bulk(s.clone()),
            Some(_) => wrong_type(),
            None => Reply::Nil,
        },
        "set" => set(keys, a),
        "setnx" => {
            if keys.contains_key(&a[0]) {
                Reply::Int(0)
            } else {
                keys.insert(a[0].clone(), Value::Str(a[1].clone()));
                Reply::Int(1)
            }
        }
        "getset" => match keys.get(&a[0]) {
            Some(Value::Str(_)) | None => {
                let old = keys.insert(a[0].clone(), Value::Str(a[1].clone()));
                match old {
                    Some(Value::Str(s)) => Reply::Bulk(s),
                    _ => Reply::Nil,
                }
            }
            Some(_) => wrong_type(),
        },
        "mset" => {
            if a.len() % 2 != 0 {
                return arity_error(cmd);
            }
            for kv in a.chunks(2) {
                keys.insert(kv[0].clone(), Value::Str(kv[1].clone()));
            }
            ok()
        }
        "mget" => Reply::Array(
            a.iter()
                .map(|k| match keys.get(k) {
                    Some(Value::Str(s)) => Reply::Bulk(s.clone()),
                    _ => Reply::Nil,
                })
                .collect(),
        ),
        "incr" | "decr" | "incrby" | "decrby" => {
            let by = match cmd {
                "incr" => 1,
                "decr" => -1,
                _ => match int_arg(&a[1]) {
                    Some(n) if cmd == "incrby" => n,
                    Some(n) => match n.checked_neg() {
                        Some(m) => m,
                        None => return err("decrement would overflow"),
                    },
                    None => return not_integer(),
                },
            };
            let current = match keys.get(&a[0]) {
                None => 0,
                Some(Value::Str(s)) => match int_arg(s) {
                    Some(n) => n,
                    None => return not_integer(),
                },
                Some(_) => return wrong_type(),
            };
            match current.checked_add(by) {
                Some(v) => {
                    keys.insert(a[0].clone(), Value::Str(v.to_string()));
                    Reply::Int(v)
                }
                None => err("increment or decrement would overflow"),
            }
        }
        "append" => match keys
            .entry(a[0].clone())
            .or_insert_with(|| Value::Str(String::new()))
        {
            Value::Str(s) => {
                s.push_str(&a[1]);
                Reply::Int(s.len() as i64)
            }
            _ => wrong_type(),
        },
        "strlen" => match keys.get(&a[0]) {
            Some(Value::Str(s)) => Reply::Int(s.len() as i64),
            Some(_) => wrong_type(),
            None => Reply::Int(0),
        },
        "del" => Reply::Int(a.iter().filter(|k| keys.remove(*k).is_some()).count() as i64),
        "exists" => Reply::Int(a.iter().filter(|k| keys.contains_key(*k)).count() as i64),
        "keys" => Reply::Array(
            keys.keys()
                .filter(|k| glob(&a[0], k))
                .map(|k| Reply::Bulk(k.clone()))
                .collect(),
        ),
        "type" => Reply::Status(keys.get(&a[0]).map_or("none", Value::type_name).into()),
        "ttl" => Reply::Int(if keys.contains_key(&a[0]) { -1 } else { -2 }),
        "rename" => match keys.remove(&a[0]) {
            Some(v) => {
                keys.insert(a[1].clone(), v);
                ok()
            }
            None => err("no such key"),
        },
        "lpush" | "rpush" => {
            match keys
                .entry(a[0].clone())
                .or_insert_with(|| Value::List(Vec::new()))
            {
                Value::List(l) => {
                    for v in &a[1..] {
                        if cmd == "lpush" {
                            l.insert(0, v.clone());
                        } else {
                            l.push(v.clone());
                        }
                    }
                    Reply::Int(l.len() as i64)
                }
                _ => wrong_type(),
            }
        }
        "lpop" | "rpop" => pop(keys, cmd == "lpop", a),
        "llen" => match keys.get(&a[0]) {
            Some(Value::List(l)) => Reply::Int(l.len() as i64),
            Some(_) => wrong_type(),
            None => Reply::Int(0),
        },
        "lrange" => {
            let (Some(start), Some(stop)) = (int_arg(&a[1]), int_arg(&a[2])) else {
                return not_integer();
            };
            match keys.get(&a[0]) {
                Some(Value::List(l)) => Reply::Array(
                    range(l.len(), start, stop)
                        .map(|i| Reply::Bulk(l[i].clone()))
                        .collect(),
                ),
                Some(_) => wrong_type(),
                None => Reply::Array(Vec::new()),
            }
        }
        "hset" => {
            if a.len() % 2 == 0 {
                return arity_error(cmd);
            }
            match keys
                .entry(a[0].clone())
                .or_insert_with(|| Value::Hash(Fields::default()))
            {
                Value::Hash(h) => {
                    let added = a[1..]
                        .chunks(2)
                        .filter(|fv| h.insert(fv[0].clone(), fv[1].clone()).is_none())
                        .count();
                    Reply::Int(added as i64)
                }
                _ => wrong_type(),
            }
        }
        "hget" => match keys.get(&a[0]) {
            Some(Value::Hash(h)) => h.get(&a[1]).map_or(Reply::Nil, |v| Reply::Bulk(v.clone())),
            Some(_) => wrong_type(),
            None => Reply::Nil,
        },
        "hdel" => match keys.get_mut(&a[0]) {
            Some(Value::Hash(h)) => {
                Reply::Int(a[1..].iter().filter(|f| h.remove(f).is_some()).count() as i64)
            }
            Some(_) => wrong_type(),
            None => Reply::Int(0),
        },
        "hgetall" | "hkeys" | "hvals" | "hlen" => match keys.get(&a[0]) {
            Some(Value::Hash(h)) => match cmd {
                "hlen" => Reply::Int(h.len() as i64),
                "hkeys" => Reply::Array(h.keys().map(|k| Reply::Bulk(k.clone())).collect()),
                "hvals" => Reply::Array(h.values().map(|v| Reply::Bulk(v.clone())).collect()),
                _ => Reply::Array(
                    h.iter()
                        .flat_map(|(k, v)| [Reply::Bulk(k.clone()), Reply::Bulk(v.clone())])
                        .collect(),
                ),
            },
            Some(_) => wrong_type(),
            None if cmd == "hlen" => Reply::Int(0),
            None => Reply::Array(Vec::new()),
        },
        _ => unknown_command(&[cmd.to_string()]),
    };
    // A container left empty by a removal is removed (Redis deletes empty
    // lists and hashes).
    keys.retain(|_, v| match v {
        Value::List(l) => !l.is_empty(),
        Value::Hash(h) => !h.is_empty(),
        Value::Str(_) => true,
    });
    if keys.is_empty() {
        data.remove(&db);
    }
    reply
}

/// `SET key value [NX|XX] [GET]`; expiry options are not modelled.
fn set(keys: &mut BTreeMap<String, Value>, a: &[String]) -> Reply {
    let (mut nx, mut xx, mut get) = (false, false, false);
    for opt in &a[2..] {
        match opt.to_ascii_uppercase().as_str() {
            "NX" if !xx => nx = true,
            "XX" if !nx => xx = true,
            "GET" => get = true,
            "EX" | "PX" | "EXAT" | "PXAT" | "KEEPTTL" => {
                return Reply::Error(
                    "SET: expiry options are not simulated in Ordinal (keys do not expire)".into(),
                )
            }
            _ => return err("syntax error"),
        }
    }
    let old = match keys.get(&a[0]) {
        Some(Value::Str(s)) => Some(s.clone()),
        Some(_) if get => return wrong_type(),
        Some(_) => None,
        None => None,
    };
    let exists = keys.contains_key(&a[0]);
    let done = !(nx && exists || xx && !exists);
    if done {
        keys.insert(a[0].clone(), Value::Str(a[1].clone()));
    }
    match (get, done) {
        (true, _) => old.map_or(Reply::Nil, Reply::Bulk),
        (false, true) => ok(),
        (false, false) => Reply::Nil,
    }
}

/// `LPOP`/`RPOP key [count]`.
fn pop(keys: &mut BTreeMap<String, Value>, left: bool, a: &[String]) -> Reply {
    if a.len() > 2 {
        return arity_error(if left { "lpop" } else { "rpop" });
    }
    let count = match a.get(1) {
        None => None,
        Some(c) => match int_arg(c) {
            Some(n) if n >= 0 => Some(n as usize),
            _ => return err("value is out of range, must be positive"),
        },
    };
    match keys.get_mut(&a[0]) {
        Some(Value::List(l)) => {
            let take = count.unwrap_or(1).min(l.len());
            let popped: Vec<String> = if left {
                l.drain(..take).collect()
            } else {
                let at = l.len() - take;
                l.drain(at..).rev().collect()
            };
            match count {
                None => popped.into_iter().next().map_or(Reply::Nil, Reply::Bulk),
                Some(_) => Reply::Array(popped.into_iter().map(Reply::Bulk).collect()),
            }
        }
        Some(_) => wrong_type(),
        None => Reply::Nil,
    }
}

/// The indexes of `LRANGE start stop` over a list of `len` (negative
/// indexes count from the end).
fn range(len: usize, start: i64, stop: i64) -> std::ops::Range<usize> {
    let len = len as i64;
    let fix = |i: i64| if i < 0 { (len + i).max(0) } else { i };
    let (s, e) = (fix(start), fix(stop).min(len - 1));
    if s > e || s >= len {
        0..0
    } else {
        s as usize..(e + 1) as usize
    }
}

/// `KEYS`'s glob (`stringmatchlen`: `*`, `?`, `[…]` with `^` and ranges, a
/// backslash escaping): the shell's matcher, which is linear in the pattern per key
/// where a recursive one is exponential on `*a*a*a…`.
fn glob(pattern: &str, s: &str) -> bool {
    crate::console::sh::pattern::matches(pattern, s)
}

/// `sdssplitargs`: a line of the client split into words (`"…"` with
/// escapes, `'…'`); None for unbalanced quotes.
fn split_line(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else {
            return Some(words);
        };
        let mut w = String::new();
        if first == '"' || first == '\'' {
            chars.next();
            loop {
                match chars.next()? {
                    c if c == first => break,
                    '\\' if first == '"' => match chars.next()? {
                        'n' => w.push('\n'),
                        't' => w.push('\t'),
                        'r' => w.push('\r'),
                        c => w.push(c),
                    },
                    c => w.push(c),
                }
            }
            if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                return None;
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                w.push(c);
                chars.next();
            }
        }
        words.push(w);
    }
}

/// What redis-cli's command line says.
pub(crate) struct CliArgs {
    pub host: Option<String>,
    pub port: u16,
    pub db: i64,
    /// `--raw` or `--no-raw`; else raw unless on a terminal.
    pub raw: Option<bool>,
    /// The command and its arguments; none for the interactive prompt.
    pub words: Vec<String>,
    /// `-a PASS` or `--pass PASS`.
    pub password: Option<String>,
    pub no_auth_warning: bool,
}

pub(crate) fn parse_cli(args: &[String]) -> CliArgs {
    let mut c = CliArgs {
        host: None,
        port: PORT,
        db: 0,
        raw: None,
        words: Vec::new(),
        password: None,
        no_auth_warning: false,
    };
    let mut i = 0;
    while i < args.len() {
        if !c.words.is_empty() {
            c.words.push(args[i].clone());
        } else if let Some(v) = option_value(args, &mut i, "-h", "") {
            c.host = Some(v);
        } else if let Some(v) = option_value(args, &mut i, "-p", "") {
            c.port = v.parse().unwrap_or(PORT);
        } else if let Some(v) = option_value(args, &mut i, "-n", "") {
            c.db = v.parse().unwrap_or(0);
        } else if let Some(p) = option_value(args, &mut i, "-a", "") {
            c.password = Some(p);
        } else if let Some(p) = option_value(args, &mut i, "--pass", "") {
            c.password = Some(p);
        } else if option_value(args, &mut i, "--user", "").is_some() {
        } else if args[i] == "--no-auth-warning" {
            c.no_auth_warning = true;
        } else if args[i] == "--raw" {
            c.raw = Some(true);
        } else if args[i] == "--no-raw" {
            c.raw = Some(false);
        } else if args[i].starts_with('-') {
            // -c, --tls …: nothing the model uses.
        } else {
            c.words.push(args[i].clone());
        }
        i += 1;
    }
    c
}

/// `redis-cli [-h HOST] [-p PORT] [-n DB] [-a PASS] [--raw|--no-raw]
/// [COMMAND ARGS…]`: one command, or each line of its input. Valkey's
/// client (`valkey-cli`, and `redis-cli` in Valkey's images, a link to it)
/// names its server Valkey.
pub(crate) fn redis_cli(
    h: &mut ContainerHost<'_>,
    prog: &str,
    cmd: &Invocation<'_>,
    io: &mut Io,
) -> i32 {
    let name = if images::is_valkey(&h.tools.image) {
        "Valkey"
    } else {
        "Redis"
    };
    let CliArgs {
        host,
        port,
        db,
        raw: raw_flag,
        words,
        password,
        no_auth_warning,
    } = parse_cli(&cmd.argv[1..]);
    if password.is_some() && !no_auth_warning {
        io.err("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n");
    }
    let password = password.or_else(|| h.env_var(cmd.env, "REDISCLI_AUTH"));
    let raw_output = raw_flag.unwrap_or(!h.tty);
    let shown = host.clone().unwrap_or_else(|| "127.0.0.1".to_string());
    let server = match h.server_reach(host.as_deref(), port) {
        Ok((ns, pod)) => server_in(h.engine, &ns, &pod),
        Err(why) => {
            let reason = match why {
                Unreached::UnknownHost => "Name or service not known",
                Unreached::Failed(reach) => reach.errno_text(),
            };
            io.err(&format!(
                "Could not connect to {name} at {shown}:{port}: {reason}\n"
            ));
            return 1;
        }
    };
    let print = |io: &mut Io, r: &Reply| {
        io.out(&if raw_output {
            format_raw(r)
        } else {
            format_tty(r, "")
        });
    };
    let Some(server) = server else {
        // Something else listens on the port (the model's servers are
        // Redis containers): PING is all it answers.
        match words.first().map(|w| w.to_ascii_lowercase()) {
            Some(w) if w == "ping" && words.len() == 1 => {
                print(io, &Reply::Status("PONG".into()));
                return 0;
            }
            _ => {
                io.err(&format!(
                    "{prog}: the server at {shown}:{port} is not a simulated {name}\n"
                ));
                return 1;
            }
        }
    };
    let mut session = Session {
        server,
        db: 0,
        authed: false,
    };
    if let Some(p) = &password {
        // redis-cli authenticates on connecting; a refusal is said on
        // stderr and the commands go on (and meet NOAUTH).
        if let Reply::Error(e) = h.redis_command(&mut session, &["auth".into(), p.clone()]) {
            io.err(&format!("AUTH failed: {e}\n"));
        }
    }
    if db != 0 {
        let r = h.redis_command(&mut session, &["select".into(), db.to_string()]);
        if let Reply::Error(e) = r {
            io.err(&format!("{e}\n"));
            return 1;
        }
    }
    let lines: Vec<Vec<String>> = if !words.is_empty() {
        vec![words]
    } else {
        // Without a command the client reads commands from its input; a
        // terminal's prompt is the console's (`kubectl exec -it`), so here
        // the input is a pipe, or nothing: end of file at once.
        match cmd.stdin {
            Some(input) => {
                let mut lines = Vec::new();
                for line in input.lines() {
                    match split_line(line) {
                        Some(w) if w.is_empty() => {}
                        Some(w) => lines.push(w),
                        None => {
                            io.out("Invalid argument(s)\n");
                            return 1;
                        }
                    }
                }
                lines
            }
            None => Vec::new(),
        }
    };
    for argv in lines {
        let reply = h.redis_command(&mut session, &argv);
        match &reply {
            Reply::Unsimulated(e) => {
                io.err(&format!("{prog}: {e}\n"));
                return 1;
            }
            r if argv[0].eq_ignore_ascii_case("info") => io.out(&raw(r)),
            r => print(io, r),
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn run(data: &mut Dataset, line: &[&str]) -> Reply {
        let argv = words(line);
        keyspace(data, 0, &argv[0].to_ascii_lowercase(), &argv[1..])
    }

    #[test]
    fn tty_format_follows_redis_cli() {
        assert_eq!(
            format_tty(&Reply::Bulk("a\"b\n".into()), ""),
            "\"a\\\"b\\n\"\n"
        );
        assert_eq!(format_tty(&Reply::Int(3), ""), "(integer) 3\n");
        assert_eq!(format_tty(&Reply::Nil, ""), "(nil)\n");
        assert_eq!(format_tty(&Reply::Array(vec![]), ""), "(empty array)\n");
        let nested = Reply::Array(vec![
            Reply::Bulk("master".into()),
            Reply::Int(0),
            Reply::Array(vec![Reply::Array(vec![
                Reply::Bulk("10.244.1.5".into()),
                Reply::Bulk("6379".into()),
            ])]),
        ]);
        assert_eq!(
            format_tty(&nested, ""),
            "1) \"master\"\n2) (integer) 0\n3) 1) 1) \"10.244.1.5\"\n      2) \"6379\"\n"
        );
        let ten = Reply::Array((1..=10).map(Reply::Int).collect());
        assert!(format_tty(&ten, "").starts_with(" 1) (integer) 1\n 2)"));
        assert!(format_tty(&ten, "").ends_with("10) (integer) 10\n"));
    }

    #[test]
    fn raw_format_follows_redis_cli() {
        assert_eq!(format_raw(&Reply::Nil), "\n");
        assert_eq!(format_raw(&Reply::Int(2)), "2\n");
        assert_eq!(format_raw(&Reply::Error("ERR x".into())), "ERR x\n\n");
        let a = Reply::Array(vec![
            Reply::Bulk("a".into()),
            Reply::Nil,
            Reply::Bulk("b".into()),
        ]);
        assert_eq!(format_raw(&a), "a\n\nb\n");
    }

    #[test]
    fn strings_counters_and_types() {
        let mut d = Dataset::new();
        assert_eq!(run(&mut d, &["SET", "a", "1"]), ok());
        assert_eq!(run(&mut d, &["SET", "a", "2", "NX"]), Reply::Nil);
        assert_eq!(run(&mut d, &["SET", "b", "2", "XX"]), Reply::Nil);
        assert_eq!(
            run(&mut d, &["SET", "a", "5", "GET"]),
            Reply::Bulk("1".into())
        );
        assert_eq!(run(&mut d, &["INCRBY", "a", "10"]), Reply::Int(15));
        assert_eq!(
            run(&mut d, &["SET", "a", "x", "NX", "XX"]),
            err("syntax error")
        );
        assert_eq!(run(&mut d, &["APPEND", "s", "ab"]), Reply::Int(2));
        assert_eq!(run(&mut d, &["INCR", "s"]), not_integer());
        assert_eq!(run(&mut d, &["RPUSH", "l", "x", "y"]), Reply::Int(2));
        assert_eq!(run(&mut d, &["GET", "l"]), wrong_type());
        assert_eq!(run(&mut d, &["TYPE", "l"]), Reply::Status("list".into()));
        assert_eq!(run(&mut d, &["TYPE", "none"]), Reply::Status("none".into()));
        assert_eq!(run(&mut d, &["SET", "m", "9223372036854775807"]), ok());
        assert_eq!(
            run(&mut d, &["INCR", "m"]),
            err("increment or decrement would overflow")
        );
        assert_eq!(run(&mut d, &["RENAME", "zz", "y"]), err("no such key"));
    }

    #[test]
    fn lists_hashes_and_empty_containers_go() {
        let mut d = Dataset::new();
        run(&mut d, &["LPUSH", "l", "a", "b", "c"]);
        assert_eq!(
            run(&mut d, &["LRANGE", "l", "0", "-1"]),
            Reply::Array(vec![
                Reply::Bulk("c".into()),
                Reply::Bulk("b".into()),
                Reply::Bulk("a".into())
            ])
        );
        assert_eq!(
            run(&mut d, &["LRANGE", "l", "5", "9"]),
            Reply::Array(vec![])
        );
        assert_eq!(
            run(&mut d, &["RPOP", "l", "2"]),
            Reply::Array(vec![Reply::Bulk("a".into()), Reply::Bulk("b".into())])
        );
        assert_eq!(run(&mut d, &["LPOP", "l"]), Reply::Bulk("c".into()));
        assert_eq!(run(&mut d, &["EXISTS", "l"]), Reply::Int(0));
        assert_eq!(
            run(&mut d, &["HSET", "h", "f", "1", "g", "2"]),
            Reply::Int(2)
        );
        assert_eq!(run(&mut d, &["HSET", "h", "f", "3"]), Reply::Int(0));
        assert_eq!(run(&mut d, &["HSET", "h", "f"]), arity_error("hset"));
        assert_eq!(run(&mut d, &["HGET", "h", "f"]), Reply::Bulk("3".into()));
        assert_eq!(run(&mut d, &["HDEL", "h", "f", "g"]), Reply::Int(2));
        assert_eq!(run(&mut d, &["DBSIZE"]), Reply::Int(0));
    }

    #[test]
    fn the_data_file_round_trips() {
        let mut d = Dataset::new();
        run(&mut d, &["SET", "tab\tkey", "line\nbreak\\"]);
        run(&mut d, &["RPUSH", "l", "", "b"]);
        run(&mut d, &["HSET", "h", "f", "v"]);
        d.entry(3)
            .or_default()
            .insert("other".into(), Value::Str("db3".into()));
        let text = encode(&d);
        assert!(text.starts_with("REDIS0011\n"));
        assert_eq!(decode(&text), d);
    }

    #[test]
    fn unknown_commands_and_arity_read_as_redis_says_them() {
        assert_eq!(
            unknown_command(&words(&["FOO", "a", "b"])),
            Reply::Error("ERR unknown command 'FOO', with args beginning with: 'a' 'b' ".into())
        );
        assert_eq!(
            unknown_command(&words(&["foo"])),
            Reply::Error("ERR unknown command 'foo', with args beginning with: ".into())
        );
        assert_eq!(
            arity_error("get"),
            Reply::Error("ERR wrong number of arguments for 'get' command".into())
        );
    }

    /// Any command with any arguments answers (a reply, never a panic),
    /// and what it leaves round-trips through the data file.
    #[test]
    fn random_commands_always_answer() {
        let cmds = [
            "get", "set", "setnx", "getset", "mset", "mget", "incr", "decr", "incrby", "decrby",
            "append", "strlen", "del", "exists", "keys", "type", "ttl", "rename", "lpush", "rpush",
            "lpop", "rpop", "llen", "lrange", "hset", "hget", "hdel", "hgetall", "hkeys", "hvals",
            "hlen", "dbsize", "flushdb", "flushall",
        ];
        let args = [
            "k",
            "l",
            "h",
            "0",
            "-1",
            "1",
            "2",
            "-9223372036854775808",
            "9223372036854775807",
            "99999999999999999999",
            "NX",
            "XX",
            "GET",
            "*",
            "[",
            "\\",
            "",
            " 1",
            "x\ty",
        ];
        let mut rng = crate::engine::rng::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.range(0, n as u64 - 1) as usize;
        let mut d = Dataset::new();
        for _ in 0..20_000 {
            let cmd = cmds[next(cmds.len())];
            let n = next(5);
            let argv: Vec<String> = std::iter::once(cmd.to_string())
                .chain((0..n).map(|_| args[next(args.len())].to_string()))
                .collect();
            let reply = match checked(&argv) {
                Ok(cmd) => keyspace(&mut d, next(3) as u32, &cmd, &argv[1..]),
                Err(e) => e,
            };
            assert!(!format_tty(&reply, "").is_empty());
        }
        assert_eq!(decode(&encode(&d)), d);
    }

    #[test]
    fn glob_matches_as_keys_does() {
        assert!(glob("*", "anything"));
        assert!(glob("user:*", "user:1"));
        assert!(!glob("user:*", "users"));
        assert!(glob("h?llo", "hallo"));
        assert!(glob("h[ae]llo", "hello"));
        assert!(!glob("h[^e]llo", "hello"));
        assert!(glob("h[a-b]llo", "hbllo"));
        assert!(glob("a\\*", "a*"));
        // Linear, not exponential, in the stars.
        let long = "a".repeat(200);
        assert!(!glob(&format!("{}b", "*a".repeat(30)), &long));
    }

    #[test]
    fn lines_split_as_the_client_splits_them() {
        assert_eq!(
            split_line("set a \"b c\"").unwrap(),
            words(&["set", "a", "b c"])
        );
        assert_eq!(
            split_line("set 'x y' z").unwrap(),
            words(&["set", "x y", "z"])
        );
        assert_eq!(
            split_line("set \"a\\nb\" 1").unwrap(),
            words(&["set", "a\nb", "1"])
        );
        assert!(split_line("set \"open").is_none());
    }
}
