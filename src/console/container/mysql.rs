//! The programs of the MySQL tutorial's images, modelled as far as the
//! tutorial uses them: the `mysql` client and `mysqladmin` of the mysql
//! image, and `ncat`, `xbstream` and `xtrabackup` of the xtrabackup image.
//! They reach mysqld over the simulated network (port 3306 is open once the
//! mysql container is up). A backup stream is text here: a header line, then
//! each file of the data directory as `D path` or `F path length` and its
//! bytes. What is not modelled fails as the real tool fails on bad input,
//! never silently succeeds.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::{Invocation, Io};
use crate::engine::SimDuration;

use super::host::{ContainerHost, Node, MAX_WAIT};
use super::net::{Reach, Unreached};

const SOCKET: &str = "/var/run/mysqld/mysqld.sock";
const STREAM_MAGIC: &str = "XBSTREAM01";
/// The data directory the images use.
const DATADIR: &str = "/var/lib/mysql";

/// Where a client connects: the local socket (no `-h`, `localhost`) or TCP.
enum Target {
    Socket,
    Tcp(String),
}

impl ContainerHost<'_> {
    /// Whether mysqld answers for a client of this Pod at `target`; Err is
    /// the client's `(code) message` tail for a failure.
    fn mysqld_reach(
        &mut self,
        target: &Target,
        port: u16,
    ) -> Result<(String, String), (u32, String)> {
        match target {
            Target::Socket => self.server_reach(None, 3306).map_err(|_| {
                (
                    2002,
                    format!("Can't connect to local MySQL server through socket '{SOCKET}' (2)"),
                )
            }),
            Target::Tcp(host) => self.server_reach(Some(host), port).map_err(|e| match e {
                Unreached::UnknownHost => {
                    (2005, format!("Unknown MySQL server host '{host}' (-2)"))
                }
                Unreached::Failed(reach) => {
                    let errno = match reach {
                        Reach::NoRoute => 113,
                        Reach::Timeout => 110,
                        _ => 111,
                    };
                    (
                        2003,
                        format!("Can't connect to MySQL server on '{host}' ({errno})"),
                    )
                }
            }),
        }
    }
}

/// Client options shared by `mysql` and `mysqladmin`: the host, the port,
/// `-e` statements and the operands left.
struct ClientOpts {
    host: Option<String>,
    port: u16,
    execute: Option<String>,
    operands: Vec<String>,
    user: Option<String>,
    /// `-pSECRET` or `--password=SECRET`; `-p` alone is an empty one.
    password: Option<String>,
}

fn client_opts(args: &[String]) -> ClientOpts {
    let mut o = ClientOpts {
        host: None,
        port: 3306,
        execute: None,
        operands: Vec::new(),
        user: None,
        password: None,
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let next = args.get(i + 1).cloned();
        let mut take = |short: &str, long: &str| -> Option<Option<String>> {
            if a == short {
                i += 1;
                Some(next.clone())
            } else if let Some(v) = a.strip_prefix(&format!("{long}=")) {
                Some(Some(v.to_string()))
            } else {
                // `-h127.0.0.1`: a short option glued to its value.
                a.strip_prefix(short)
                    .filter(|v| !v.is_empty())
                    .map(|v| Some(v.to_string()))
            }
        };
        if let Some(v) = take("-h", "--host") {
            o.host = v;
        } else if let Some(v) = take("-P", "--port") {
            o.port = v.and_then(|p| p.parse().ok()).unwrap_or(3306);
        } else if let Some(v) = take("-e", "--execute") {
            o.execute = v;
        } else if let Some(user) = take("-u", "--user") {
            o.user = user;
        } else if a == "-p" || a == "--password" {
            // Asks for it on the terminal; none is typed here.
            o.password = Some(String::new());
        } else if let Some(p) = a
            .strip_prefix("--password=")
            .or_else(|| a.strip_prefix("-p").filter(|_| !a.starts_with("--")))
        {
            o.password = Some(p.to_string());
        } else if a.starts_with('-') {
            // --silent, --table …: nothing the model uses.
        } else {
            o.operands.push(a.clone());
        }
        i += 1;
    }
    o
}

/// The warning the clients print for a password on their command line
/// (not for `-p` alone, which asks for it).
fn password_warning(prog: &str, o: &ClientOpts, io: &mut Io) {
    if o.password.as_deref().is_some_and(|p| !p.is_empty()) {
        io.err(&format!(
            "{prog}: [Warning] Using a password on the command line interface can be insecure.\n"
        ));
    }
}

impl ContainerHost<'_> {
    /// Whether the server's accounts let this client in, as the official
    /// image creates them: `root` (from anywhere) with
    /// `MYSQL_ROOT_PASSWORD`, or none with `MYSQL_ALLOW_EMPTY_PASSWORD`, or
    /// a random one (`MYSQL_RANDOM_ROOT_PASSWORD`) nobody typed; and
    /// `MYSQL_USER` with `MYSQL_PASSWORD`. The user defaults to the login
    /// name (root in `kubectl exec`), the password to `MYSQL_PWD` (the
    /// client's, `pwd_env`). Err is the server's `Access denied …` text.
    fn mysql_login(
        &self,
        server: &(String, String),
        target: &Target,
        o: &ClientOpts,
        pwd_env: Option<String>,
    ) -> Result<(), String> {
        let Some(pod) = self.engine.store().pods.get(&server.0, &server.1).cloned() else {
            return Ok(());
        };
        let Some(c) =
            crate::engine::images::container_of(&pod, crate::engine::images::Flavor::Mysql)
        else {
            // Not the official image's server (the tutorial's xtrabackup
            // sidecar answers on 3307): nothing to check.
            return Ok(());
        };
        let get = super::env::server_vars(self.engine, &pod, c);
        let user = o.user.clone().unwrap_or_else(|| "root".to_string());
        let typed = o.password.clone().or(pwd_env).unwrap_or_default();
        let expected: Option<String> = if user == "root" {
            if get("MYSQL_ALLOW_EMPTY_PASSWORD").is_some() {
                Some(String::new())
            } else if get("MYSQL_RANDOM_ROOT_PASSWORD").is_some() {
                None
            } else {
                Some(get("MYSQL_ROOT_PASSWORD").unwrap_or_default())
            }
        } else if get("MYSQL_USER").as_deref() == Some(user.as_str()) {
            Some(get("MYSQL_PASSWORD").unwrap_or_default())
        } else {
            None
        };
        if expected.as_deref() == Some(typed.as_str()) {
            return Ok(());
        }
        let from = match target {
            Target::Socket => "localhost".to_string(),
            Target::Tcp(h) if h == "127.0.0.1" || h == "localhost" => "localhost".to_string(),
            Target::Tcp(_) => self.pod_ip(),
        };
        Err(format!(
            "Access denied for user '{user}'@'{from}' (using password: {})",
            if typed.is_empty() { "NO" } else { "YES" }
        ))
    }
}

impl ContainerHost<'_> {
    /// Reaches mysqld and logs in, as the `mysql` client does; Err is its
    /// `ERROR …` line (`ERROR 2005 (HY000): Unknown MySQL server host …`,
    /// `ERROR 1045 (28000): Access denied …`).
    fn mysql_connect(
        &mut self,
        o: &ClientOpts,
        pwd_env: Option<String>,
    ) -> Result<(String, String), String> {
        let t = target(&o.host);
        let server = self
            .mysqld_reach(&t, o.port)
            .map_err(|(code, msg)| format!("ERROR {code} (HY000): {msg}"))?;
        self.mysql_login(&server, &t, o, pwd_env)
            .map_err(|denied| format!("ERROR 1045 (28000): {denied}"))?;
        Ok(server)
    }
}

fn target(host: &Option<String>) -> Target {
    match host.as_deref() {
        None | Some("localhost") => Target::Socket,
        Some(h) => Target::Tcp(h.to_string()),
    }
}

/// `mysql [-h HOST] [-e SQL]`: a small subset of SQL on the server's data
/// directory (see `sql`), answered in batch format (tab-separated, a
/// header line); other statements fail.
pub(crate) fn mysql(h: &mut ContainerHost<'_>, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let o = client_opts(&cmd.argv[1..]);
    password_warning("mysql", &o, io);
    let pwd_env = h.env_var(cmd.env, "MYSQL_PWD");
    let server = match h.mysql_connect(&o, pwd_env) {
        Ok(s) => s,
        Err(e) => {
            io.err(&format!("{e}\n"));
            return 1;
        }
    };
    let sql = match (&o.execute, cmd.stdin) {
        (Some(s), _) => s.clone(),
        (None, Some(s)) => s.to_string(),
        (None, None) => String::new(),
    };
    for stmt in sql.split(';') {
        let s = stmt.trim();
        if s.is_empty() {
            continue;
        }
        match statement(h, &server, s) {
            // On a terminal the client draws result sets as tables.
            Ok(out) if h.tty => io.out(&boxed(&out)),
            Ok(out) => io.out(&out),
            Err(e) => {
                io.err(&format!("{e}\n"));
                return 1;
            }
        }
    }
    0
}

/// Whether a mysql command line opens the monitor (no `-e`).
pub(crate) fn is_monitor(args: &[String]) -> bool {
    client_opts(args).execute.is_none()
}

/// Whether the monitor first asks for the password (`-p` alone).
pub(crate) fn asks_password(args: &[String]) -> bool {
    args.iter().any(|a| a == "-p" || a == "--password")
}

/// The monitor's greeting once logged in (the server's version as the
/// image's log gives it).
pub(crate) fn monitor_banner(image: &str, connection: u64) -> String {
    let tag = crate::engine::images::ImageRef::parse(image).tag;
    let server = if tag.starts_with("5.7") {
        "5.7.44 MySQL Community Server (GPL)"
    } else {
        "8.4.3 MySQL Community Server - GPL"
    };
    format!(
        "Welcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is {connection}\nServer version: {server}\n\nCopyright (c) 2000, 2024, Oracle and/or its affiliates.\n\nOracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n"
    )
}

/// Statements typed at the monitor's `mysql>` prompt: each answered as
/// the monitor answers (a table and `N rows in set`, `Empty set`, `Query
/// OK, N rows affected`, errors without the batch mode's `at line 1`).
/// With no statements, only connects and logs in. Returns 0, or the
/// status of a failed login.
pub(crate) fn monitor(h: &mut ContainerHost<'_>, argv: &[String], sql: &str, io: &mut Io) -> i32 {
    let o = client_opts(&argv[1..]);
    let pwd_env = h.env_var(&[], "MYSQL_PWD");
    let server = match h.mysql_connect(&o, pwd_env) {
        Ok(s) => s,
        Err(e) => {
            io.out(&format!("{e}\n"));
            return 1;
        }
    };
    for stmt in sql.split(';') {
        let s = stmt.trim();
        if s.is_empty() {
            continue;
        }
        match statement(h, &server, s) {
            Ok(out) => {
                let rows = out.lines().count().saturating_sub(1);
                if out.is_empty() {
                    let upper = s.to_ascii_uppercase();
                    let affected = if upper.starts_with("INSERT") {
                        // One row per parenthesised tuple after VALUES.
                        upper
                            .find("VALUES")
                            .map_or(0, |v| upper[v..].matches('(').count())
                    } else {
                        usize::from(upper.starts_with("CREATE DATABASE"))
                    };
                    let noun = if affected == 1 { "row" } else { "rows" };
                    io.out(&format!(
                        "Query OK, {affected} {noun} affected (0.00 sec)\n\n"
                    ));
                } else if rows == 0 {
                    io.out("Empty set (0.00 sec)\n\n");
                } else {
                    let noun = if rows == 1 { "row" } else { "rows" };
                    io.out(&format!(
                        "{}{rows} {noun} in set (0.00 sec)\n\n",
                        boxed(&out)
                    ));
                }
            }
            Err(e) => io.out(&format!("{}\n", e.replacen(" at line 1:", ":", 1))),
        }
    }
    0
}

/// A file of the server's data directory (`/var/lib/mysql` of the Pod's
/// `mysql` container).
fn server_read(h: &ContainerHost<'_>, server: &(String, String), path: &str) -> Option<String> {
    let view = super::host::View {
        engine: &*h.engine,
        ns: &server.0,
        pod: &server.1,
        container: "mysql",
    };
    match view.stat(path) {
        Ok(Node::File(s)) => Some(s),
        _ => None,
    }
}

fn server_is_dir(h: &ContainerHost<'_>, server: &(String, String), path: &str) -> bool {
    let view = super::host::View {
        engine: &*h.engine,
        ns: &server.0,
        pod: &server.1,
        container: "mysql",
    };
    matches!(view.stat(path), Ok(Node::Dir))
}

fn server_write(
    h: &mut ContainerHost<'_>,
    server: &(String, String),
    path: &str,
    data: &str,
    append: bool,
) -> Result<(), String> {
    h.engine
        .container_write(&server.0, &server.1, "mysql", path, data, append)
        .map_err(|e| e.text().to_string())
}

/// The server whose data a replica shows: the primary named in its
/// `master.info` (written by CHANGE MASTER TO; replication is taken to be
/// caught up), else the server itself.
fn data_source(h: &mut ContainerHost<'_>, server: &(String, String)) -> (String, String) {
    let Some(info) = server_read(h, server, &format!("{DATADIR}/master.info")) else {
        return server.clone();
    };
    let host = info.lines().next().unwrap_or("").trim().to_string();
    match h.peer_pod(&host) {
        Some(at) => (at.ns, at.pod),
        None => server.clone(),
    }
}

const READ_ONLY: &str = "ERROR 1290 (HY000) at line 1: The MySQL server is running with the --super-read-only option so it cannot execute this statement";

/// One statement: literal SELECTs, `SELECT @@server_id`, CREATE DATABASE,
/// CREATE TABLE, INSERT … VALUES, SELECT * FROM db.table, and the
/// replication setup (CHANGE MASTER TO or CHANGE REPLICATION SOURCE TO
/// records the primary in `master.info`; START/STOP SLAVE or REPLICA). A replica (secondary.cnf's
/// super-read-only) refuses writes and shows its primary's data.
fn statement(
    h: &mut ContainerHost<'_>,
    server: &(String, String),
    s: &str,
) -> Result<String, String> {
    let upper = s.to_ascii_uppercase();
    let words: Vec<&str> = upper.split_whitespace().collect();
    if let Some(result) = select_list(h, server, s) {
        return result;
    }
    let read_only = server_read(h, server, "/etc/mysql/conf.d/secondary.cnf")
        .is_some_and(|c| c.contains("super-read-only"));
    let ident = |w: &str| w.trim_matches('`').to_string();
    // `CHANGE MASTER TO` (MySQL 5.7, the tutorial's) or its 8.0.23+ name
    // `CHANGE REPLICATION SOURCE TO` (the only one 8.4 knows).
    if upper.starts_with("CHANGE MASTER TO") || upper.starts_with("CHANGE REPLICATION SOURCE TO") {
        let host = between(s, "MASTER_HOST='", "'")
            .or_else(|| between(s, "SOURCE_HOST='", "'"))
            .unwrap_or("")
            .to_string();
        server_write(
            h,
            server,
            &format!("{DATADIR}/master.info"),
            &format!("{host}\n"),
            false,
        )
        .map_err(|e| format!("ERROR 1105 (HY000) at line 1: {e}"))?;
        return Ok(String::new());
    }
    if matches!(
        words.as_slice(),
        ["START" | "STOP" | "RESET", "SLAVE" | "REPLICA"]
    ) {
        return Ok(String::new());
    }
    let orig: Vec<&str> = s.split_whitespace().collect();
    if words.len() >= 3 && words[0] == "CREATE" && words[1] == "DATABASE" {
        if read_only {
            return Err(READ_ONLY.into());
        }
        let name = ident(orig.last().unwrap_or(&""));
        let dir = format!("{DATADIR}/{name}");
        if server_is_dir(h, server, &dir) {
            return Err(format!(
                "ERROR 1007 (HY000) at line 1: Can't create database '{name}'; database exists"
            ));
        }
        h.engine
            .container_with_tree_mut(&server.0, &server.1, "mysql", &dir, |t, p, _| t.mkdir_p(p))
            .map_err(|e| format!("ERROR 1105 (HY000) at line 1: {}", e.text()))?;
        server_write(
            h,
            server,
            &format!("{dir}/db.opt"),
            "default-character-set=latin1\n",
            false,
        )
        .map_err(|e| format!("ERROR 1105 (HY000) at line 1: {e}"))?;
        return Ok(String::new());
    }
    if words.len() >= 3 && words[0] == "CREATE" && words[1] == "TABLE" {
        if read_only {
            return Err(READ_ONLY.into());
        }
        let (db, table) = qualified(orig[2].split('(').next().unwrap_or(""))?;
        if !server_is_dir(h, server, &format!("{DATADIR}/{db}")) {
            return Err(format!(
                "ERROR 1049 (42000) at line 1: Unknown database '{db}'"
            ));
        }
        let cols = between(s, "(", ")").unwrap_or("");
        let names: Vec<String> = cols
            .split(',')
            .filter_map(|c| c.split_whitespace().next().map(ident))
            .collect();
        server_write(
            h,
            server,
            &format!("{DATADIR}/{db}/{table}.frm"),
            &format!("{}\n", names.join("\t")),
            false,
        )
        .map_err(|e| format!("ERROR 1105 (HY000) at line 1: {e}"))?;
        server_write(h, server, &format!("{DATADIR}/{db}/{table}.ibd"), "", false)
            .map_err(|e| format!("ERROR 1105 (HY000) at line 1: {e}"))?;
        return Ok(String::new());
    }
    if words.len() >= 4 && words[0] == "INSERT" && words[1] == "INTO" {
        if read_only {
            return Err(READ_ONLY.into());
        }
        let (db, table) = qualified(orig[2])?;
        let frm = format!("{DATADIR}/{db}/{table}.frm");
        if server_read(h, server, &frm).is_none() {
            return Err(format!(
                "ERROR 1146 (42S02) at line 1: Table '{db}.{table}' doesn't exist"
            ));
        }
        let i = upper.find("VALUES").ok_or_else(|| syntax(s))?;
        let mut rows = String::new();
        for tuple in s[i + 6..].split("),") {
            let inner = tuple.trim().trim_start_matches('(').trim_end_matches(')');
            let vals: Vec<String> = inner
                .split(',')
                .map(|v| v.trim().trim_matches('\'').to_string())
                .collect();
            rows.push_str(&format!("{}\n", vals.join("\t")));
        }
        server_write(
            h,
            server,
            &format!("{DATADIR}/{db}/{table}.ibd"),
            &rows,
            true,
        )
        .map_err(|e| format!("ERROR 1105 (HY000) at line 1: {e}"))?;
        return Ok(String::new());
    }
    if words.len() == 4 && words[0] == "SELECT" && words[1] == "*" && words[2] == "FROM" {
        let (db, table) = qualified(orig[3])?;
        let src = data_source(h, server);
        let Some(cols) = server_read(h, &src, &format!("{DATADIR}/{db}/{table}.frm")) else {
            return Err(format!(
                "ERROR 1146 (42S02) at line 1: Table '{db}.{table}' doesn't exist"
            ));
        };
        let rows = server_read(h, &src, &format!("{DATADIR}/{db}/{table}.ibd")).unwrap_or_default();
        return Ok(format!("{cols}{rows}"));
    }
    Err(format!(
        "ERROR 1105 (HY000) at line 1: the simulated server does not run this statement: {s}"
    ))
}

/// A batch-format result (tab-separated, header first) as the client
/// prints it on a terminal: a `+---+` box; nothing for no result set.
fn boxed(batch: &str) -> String {
    let rows: Vec<Vec<&str>> = batch.lines().map(|l| l.split('\t').collect()).collect();
    if rows.len() < 2 {
        return String::new();
    }
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let rule: String = width
        .iter()
        .map(|w| format!("+{}", "-".repeat(w + 2)))
        .collect::<String>()
        + "+\n";
    // The client right-aligns numeric columns (`|         100 |`). The batch
    // text carries no types, so a column whose values are all integers is
    // taken as numeric: what the statements modelled here return.
    let numeric: Vec<bool> = (0..cols)
        .map(|i| {
            rows[1..].iter().all(|r| {
                r.get(i)
                    .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
            })
        })
        .collect();
    let line = |r: &Vec<&str>, header: bool| -> String {
        let cells: String = width
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let c = r.get(i).copied().unwrap_or("");
                let pad = " ".repeat(w - c.chars().count());
                if numeric[i] && !header {
                    format!("| {pad}{c} ")
                } else {
                    format!("| {c}{pad} ")
                }
            })
            .collect();
        format!("{cells}|\n")
    };
    let mut out = rule.clone();
    out.push_str(&line(&rows[0], true));
    out.push_str(&rule);
    for r in &rows[1..] {
        out.push_str(&line(r, false));
    }
    out.push_str(&rule);
    out
}

fn syntax(s: &str) -> String {
    format!("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{s}' at line 1")
}

/// `db.table` (the model needs the database named).
fn qualified(w: &str) -> Result<(String, String), String> {
    let w = w.trim().trim_end_matches('(');
    match w.split_once('.') {
        Some((d, t)) if !d.is_empty() && !t.is_empty() => Ok((
            d.trim_matches('`').to_string(),
            t.trim_matches('`').to_string(),
        )),
        _ => Err("ERROR 1046 (3D000) at line 1: No database selected".into()),
    }
}

/// A SELECT of values without a table, as the tutorial's load-balancing
/// loop sends (`SELECT @@server_id,NOW()`): integer and string literals,
/// `@@server_id`, `@@hostname` and the current time (`NOW()`,
/// `CURRENT_TIMESTAMP`, `SYSDATE()`). Each column is named by its
/// expression as typed (a string literal by its text, as mysqld names it).
/// None when the statement is not such a SELECT or uses anything else.
fn select_list(
    h: &mut ContainerHost<'_>,
    server: &(String, String),
    s: &str,
) -> Option<Result<String, String>> {
    let rest = s
        .get(..6)
        .filter(|k| k.eq_ignore_ascii_case("select"))
        .and_then(|_| s.get(6..))
        .filter(|r| r.starts_with(char::is_whitespace))?
        .trim();
    let mut names = Vec::new();
    let mut values = Vec::new();
    for expr in split_select_list(rest)? {
        let (name, value) = select_value(h, server, expr)?;
        names.push(name);
        values.push(value);
    }
    Some(Ok(format!("{}\n{}\n", names.join("\t"), values.join("\t"))))
}

/// The select list split at its top-level commas; None for an empty item
/// or an unterminated string.
fn split_select_list(list: &str) -> Option<Vec<&str>> {
    let mut items = Vec::new();
    let (mut start, mut quoted, mut depth) = (0, false, 0i32);
    for (i, c) in list.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                items.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted || depth != 0 {
        return None;
    }
    items.push(list[start..].trim());
    (!items.iter().any(|e| e.is_empty())).then_some(items)
}

/// One select-list item: its column name and value.
fn select_value(
    h: &mut ContainerHost<'_>,
    server: &(String, String),
    expr: &str,
) -> Option<(String, String)> {
    if !expr.is_empty() && expr.bytes().all(|b| b.is_ascii_digit()) {
        return Some((expr.to_string(), expr.to_string()));
    }
    if let Some(inner) = expr.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) {
        return (!inner.contains('\'')).then(|| (inner.to_string(), inner.to_string()));
    }
    let value = match expr.to_ascii_uppercase().as_str() {
        "@@SERVER_ID" => server_read(h, server, "/etc/mysql/conf.d/server-id.cnf")
            .and_then(|c| between(&c, "server-id=", "\n").map(str::to_string))
            .unwrap_or_else(|| "1".into()),
        "@@HOSTNAME" => server.1.clone(),
        "NOW()" | "CURRENT_TIMESTAMP" | "CURRENT_TIMESTAMP()" | "SYSDATE()" => {
            // The server's clock (UTC in the image), at this process's time.
            h.clock().rfc3339()[..19].replacen('T', " ", 1)
        }
        _ => return None,
    };
    Some((expr.to_string(), value))
}

/// `mysqladmin ping` (the tutorial's liveness probe command).
pub(crate) fn mysqladmin(h: &mut ContainerHost<'_>, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let o = client_opts(&cmd.argv[1..]);
    password_warning("mysqladmin", &o, io);
    let Some(command) = o.operands.first() else {
        io.err("mysqladmin: no command given\n");
        return 1;
    };
    if command != "ping" {
        io.err(&format!("mysqladmin: Unknown command: '{command}'\n"));
        return 1;
    }
    let t = target(&o.host);
    let at = match &t {
        Target::Socket => "localhost".to_string(),
        Target::Tcp(h) => h.clone(),
    };
    match h.mysqld_reach(&t, o.port) {
        Ok(server) => {
            let pwd_env = h.env_var(cmd.env, "MYSQL_PWD");
            if let Err(denied) = h.mysql_login(&server, &t, &o, pwd_env) {
                // A server that refuses the login is running: `ping` still
                // ends 0 (mysqladmin's main: an error from the server, not
                // the client library, with only PING commands).
                io.err(&format!(
                    "mysqladmin: connect to server at '{at}' failed\nerror: '{denied}'\n"
                ));
                return 0;
            }
            io.out("mysqld is alive\n");
            0
        }
        Err((code, msg)) => {
            io.err(&format!(
                "mysqladmin: connect to server at '{at}' failed\nerror: '{msg}'\n"
            ));
            if code == 2002 {
                io.err(&format!(
                    "Check that mysqld is running and that the socket: '{SOCKET}' exists!\n"
                ));
            }
            1
        }
    }
}

/// `ncat [--recv-only] HOST PORT` as a client: what the other end sends.
/// The one server the model has on the other end is the tutorial's
/// xtrabackup sidecar (`ncat --listen … 3307 -c "xtrabackup --backup …"`),
/// which sends a backup stream of its Pod's data directory. Listening
/// (`--listen`) in a `kubectl exec` only waits: the port's connections go to
/// the container's main process.
pub(crate) fn ncat(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut operands = Vec::new();
    let mut listen = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-l" | "--listen" => listen = true,
            "-c" | "-e" | "--sh-exec" | "--exec" | "-p" | "--source-port" | "-w" | "--wait" => {
                i += 1
            }
            _ if a.starts_with('-') => {
                if !a.starts_with("--") && a.contains('l') {
                    listen = true;
                }
            }
            _ => operands.push(a.to_string()),
        }
        i += 1;
    }
    if listen {
        let port: u16 = operands
            .last()
            .and_then(|p| p.parse().ok())
            .unwrap_or(31337);
        let (ns, pod) = (h.ns.clone(), h.pod.clone());
        if h.engine.container_listens(&ns, &pod, port) {
            io.err(&format!(
                "Ncat: bind to :::{port}: Address already in use. QUITTING.\n"
            ));
            return 2;
        }
        h.wait(MAX_WAIT);
        return 0;
    }
    let (Some(host), Some(port)) = (operands.first(), operands.get(1)) else {
        io.err("Ncat: You must specify a host to connect to. QUITTING.\n");
        return 2;
    };
    let Ok(port) = port.parse::<u16>() else {
        io.err(&format!(
            "Ncat: Invalid port number \"{port}\". QUITTING.\n"
        ));
        return 2;
    };
    let Some(l) = h.lookup_v4(host) else {
        io.err(&format!(
            "Ncat: Could not resolve hostname \"{host}\": Name or service not known. QUITTING.\n"
        ));
        return 2;
    };
    let ip = l.addrs.first().cloned().unwrap_or_default();
    let reach = h.connect(&ip, port);
    h.wait(SimDuration::ms(reach.millis()));
    let peer = match reach {
        Reach::Open(p) => p,
        Reach::Refused => {
            io.err("Ncat: Connection refused.\n");
            return 1;
        }
        Reach::NoRoute => {
            io.err("Ncat: No route to host.\n");
            return 1;
        }
        Reach::Timeout => {
            io.err("Ncat: TIMEOUT.\n");
            return 1;
        }
    };
    if port != 3307 {
        // Nothing else in the catalogue speaks on a raw socket: the peer
        // closes without sending anything.
        return 0;
    }
    let stream = backup_stream(h, &peer.ns, &peer.pod);
    // Streaming a small data directory takes a few seconds.
    h.wait(SimDuration::secs(3));
    io.out(&stream);
    0
}

/// The backup `xtrabackup --backup --slave-info --stream=xbstream` makes of
/// a Pod's data directory: the files InnoDB needs, `xtrabackup_binlog_info`
/// when the server writes a binary log (the primary's `log-bin`), and
/// `xtrabackup_slave_info` when it replicates (its replication position
/// was set from `change_master_to.sql.orig`).
fn backup_stream(h: &ContainerHost<'_>, ns: &str, pod: &str) -> String {
    let view = super::host::View {
        engine: &*h.engine,
        ns,
        pod,
        container: "mysql",
    };
    let read = |p: &str| match view.stat(p) {
        Ok(Node::File(s)) => Some(s),
        _ => None,
    };
    let mut files: Vec<(String, Option<String>)> = vec![
        (
            "backup-my.cnf".into(),
            Some("[mysqld]\ninnodb_data_file_path=ibdata1:12M:autoextend\n".into()),
        ),
        ("ibdata1".into(), Some(String::new())),
        ("mysql".into(), None),
        (
            "mysql/db.opt".into(),
            Some("default-character-set=latin1\n".into()),
        ),
        (
            "xtrabackup_checkpoints".into(),
            Some(
                "backup_type = full-backuped\nfrom_lsn = 0\nto_lsn = 2549102\nlast_lsn = 2549111\n"
                    .into(),
            ),
        ),
    ];
    let log_bin = read("/etc/mysql/conf.d/primary.cnf").is_some_and(|c| c.contains("log-bin"));
    if log_bin {
        files.push((
            "xtrabackup_binlog_info".into(),
            Some(format!("{pod}-bin.000001\t154\n")),
        ));
    }
    if let Some(orig) = read(&format!("{DATADIR}/change_master_to.sql.orig")) {
        let file = between(&orig, "MASTER_LOG_FILE='", "'");
        let pos = between(&orig, "MASTER_LOG_POS=", ",")
            .or_else(|| between(&orig, "MASTER_LOG_POS=", "\n"));
        if let (Some(f), Some(p)) = (file, pos) {
            files.push((
                "xtrabackup_slave_info".into(),
                Some(format!(
                    "CHANGE MASTER TO MASTER_LOG_FILE='{f}', MASTER_LOG_POS={};\n",
                    p.trim()
                )),
            ));
        }
    }
    let mut s = format!("{STREAM_MAGIC}\n");
    for (path, data) in files {
        match data {
            None => s.push_str(&format!("D {path}\n")),
            Some(d) => s.push_str(&format!("F {path} {}\n{d}", d.len())),
        }
    }
    s
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let rest = &s[i..];
    Some(&rest[..rest.find(end)?])
}

/// `xbstream -x [-C DIR]`: unpacks a stream from stdin.
pub(crate) fn xbstream(h: &mut ContainerHost<'_>, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let args = &cmd.argv[1..];
    let mut dir = h.cwd.clone();
    let mut extract = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-x" | "--extract" => extract = true,
            "-C" | "--directory" => {
                i += 1;
                if let Some(d) = args.get(i) {
                    dir = h.abs(d);
                }
            }
            a if a.starts_with("--directory=") => dir = h.abs(&a[12..]),
            _ => {}
        }
        i += 1;
    }
    if !extract {
        io.err("xbstream: Either -c or -x must be specified.\n");
        return 1;
    }
    let input = cmd.stdin.unwrap_or("");
    let Some(mut rest) = input
        .strip_prefix(STREAM_MAGIC)
        .and_then(|r| r.strip_prefix('\n'))
    else {
        io.err("xbstream: xb_stream_read_chunk(): wrong chunk magic at offset 0x0.\n");
        return 1;
    };
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let path;
        if let Some(p) = line.strip_prefix("D ") {
            path = format!("{dir}/{p}");
            if let Err(e) = super::fs_cmds::mkdir_p(h, &path) {
                io.err(&format!(
                    "xbstream: failed to create directory {path}: {}\n",
                    e.text()
                ));
                return 1;
            }
            rest = after;
            continue;
        }
        let parsed = line.strip_prefix("F ").and_then(|l| l.rsplit_once(' '));
        let Some((p, len)) = parsed.and_then(|(p, n)| Some((p, n.parse::<usize>().ok()?))) else {
            io.err("xbstream: xb_stream_read_chunk(): wrong chunk magic.\n");
            return 1;
        };
        let Some(data) = after.get(..len) else {
            io.err("xbstream: xb_stream_read_chunk(): premature end of stream.\n");
            return 1;
        };
        path = format!("{dir}/{p}");
        if let Err(e) = h.write(&path, data, false) {
            io.err(&format!(
                "xbstream: failed to create file {path}: {}\n",
                e.text()
            ));
            return 1;
        }
        rest = &after[len..];
    }
    0
}

/// `xtrabackup --prepare --target-dir=DIR`: makes an unpacked backup
/// consistent. It needs the backup's `xtrabackup_checkpoints`. Other
/// modes (`--backup` is what the sidecar's `ncat -c` runs on the other
/// end) are not run directly here.
pub(crate) fn xtrabackup(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    io.err("xtrabackup version 2.4.4 based on MySQL server 5.7.13 Linux (x86_64) (revision id: df58cf2)\n");
    let prepare = args.iter().any(|a| a == "--prepare");
    let target = args
        .iter()
        .find_map(|a| a.strip_prefix("--target-dir="))
        .map(|d| h.abs(d));
    if !prepare {
        io.err("xtrabackup: This mode is not simulated: only --prepare runs here.\n");
        return 1;
    }
    let Some(dir) = target else {
        io.err("xtrabackup: cannot open ./xtrabackup_checkpoints\nxtrabackup: error: xtrabackup_read_metadata()\n");
        return 1;
    };
    if !matches!(
        h.stat(&format!("{dir}/xtrabackup_checkpoints")),
        Ok(Node::File(_))
    ) {
        io.err(&format!(
            "xtrabackup: cannot open {dir}/xtrabackup_checkpoints\nxtrabackup: error: xtrabackup_read_metadata()\n"
        ));
        return 1;
    }
    h.wait(SimDuration::secs(2));
    io.err(&format!(
        "xtrabackup: cd to {dir}\nxtrabackup: This target seems to be not prepared yet.\nInnoDB: Log scan progressed past the checkpoint lsn 2549102\nInnoDB: Shutdown completed; log sequence number 2549111\ncompleted OK!\n"
    ));
    let _ = h.write(
        &format!("{dir}/xtrabackup_checkpoints"),
        "backup_type = full-prepared\nfrom_lsn = 0\nto_lsn = 2549102\nlast_lsn = 2549111\n",
        false,
    );
    0
}
