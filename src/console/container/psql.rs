//! `psql` of the official postgres image against the simulated servers:
//! enough of PostgreSQL for what people show with a Postgres StatefulSet —
//! a table created on `postgres-0` is still there after the Pod is deleted
//! and comes back, because it lives in `$PGDATA` on the Pod's claim.
//!
//! Modelled: connecting (the local socket, or TCP to a name or address;
//! roles and databases as the image creates them from `POSTGRES_USER` and
//! `POSTGRES_DB`; the image's `pg_hba.conf`: trust on the socket and the
//! loopback, a password from elsewhere unless `POSTGRES_HOST_AUTH_METHOD`
//! is `trust`), with libpq's connection errors; `-c`, `-f`, statements on
//! standard input; `-t`, `-A`, `-q`, `-U`, `-d`, `-h`, `-p`, a database and
//! user as operands, and `postgresql://` URIs. SQL: `CREATE`/`DROP
//! DATABASE`, `CREATE`/`DROP TABLE` (integer, serial, numeric, text,
//! varchar, boolean and timestamp columns), `INSERT … VALUES`, `SELECT`
//! of columns or `count(*)` from a table with a `WHERE col = value`,
//! `ORDER BY` and `LIMIT`, `UPDATE … SET … WHERE`, `DELETE`, literal
//! `SELECT`s and the functions people check a server with (`version()`,
//! `current_database()`, `current_user`, `now()`, `pg_is_in_recovery()`,
//! `inet_server_addr()`), and `\dt`. Results print as psql's aligned (or
//! `-A` unaligned) format prints them; errors are the server's texts with
//! psql's `LINE 1:` pointer where the server gives a position. Anything
//! else is refused by saying it is not simulated, never answered wrongly.
//!
//! The data lives in `$PGDATA/base/ordinal.tsv` (text here; the real files
//! are binary relation files under `base/<oid>/`), written at once.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::line_escape::{escape, unescape};
use crate::console::sh::{Invocation, Io};
use crate::engine::images::{self, Flavor};
use crate::engine::Engine;

use super::env::server_vars;
use super::host::{ContainerHost, Node, View};
use super::net::{Reach, Unreached};

const PORT: u16 = 5432;
const SOCKET_DIR: &str = "/var/run/postgresql";
const DATA_FILE: &str = "base/ordinal.tsv";

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
struct Column {
    name: String,
    ty: Type,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Type {
    Int,
    Serial,
    Numeric,
    Text,
    Bool,
    Timestamp,
}

impl Type {
    fn parse(words: &str) -> Option<Type> {
        let w = words.to_ascii_lowercase();
        let base = w.split(['(', ' ']).next().unwrap_or("");
        Some(match base {
            "int" | "integer" | "int4" | "int8" | "int2" | "bigint" | "smallint" => Type::Int,
            "serial" | "bigserial" | "smallserial" | "serial4" | "serial8" => Type::Serial,
            "numeric" | "decimal" | "real" | "float" | "float4" | "float8" | "double" => {
                Type::Numeric
            }
            "text" | "varchar" | "char" | "character" | "uuid" | "json" | "jsonb" => Type::Text,
            "boolean" | "bool" => Type::Bool,
            "timestamp" | "timestamptz" | "date" => Type::Timestamp,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            Type::Int | Type::Serial => "integer",
            Type::Numeric => "numeric",
            Type::Text => "text",
            Type::Bool => "boolean",
            Type::Timestamp => "timestamp",
        }
    }
    fn right_aligned(self) -> bool {
        matches!(self, Type::Int | Type::Serial | Type::Numeric)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Table {
    columns: Vec<Column>,
    /// Rows of values; None is NULL.
    rows: Vec<Vec<Option<String>>>,
}

/// What a server holds: databases created after initdb, and tables by
/// database then name, in creation order.
#[derive(Clone, Debug, Default, PartialEq)]
struct Catalog {
    databases: Vec<String>,
    tables: Vec<(String, String, Table)>,
}

impl Catalog {
    fn encode(&self) -> String {
        let mut out = String::from("# Ordinal's stand-in for this cluster's relation files\n");
        for d in &self.databases {
            out.push_str(&format!("database\t{}\n", escape(d)));
        }
        for (db, name, t) in &self.tables {
            let cols: Vec<String> = t
                .columns
                .iter()
                .map(|c| {
                    let tag = match c.ty {
                        Type::Serial => "serial",
                        t => t.name(),
                    };
                    format!("{}:{tag}", escape(&c.name))
                })
                .collect();
            out.push_str(&format!(
                "table\t{}\t{}\t{}\n",
                escape(db),
                escape(name),
                cols.join("\t")
            ));
            for row in &t.rows {
                let vals: Vec<String> = row
                    .iter()
                    .map(|v| v.as_ref().map_or("\\N".to_string(), |s| escape(s)))
                    .collect();
                out.push_str(&format!("row\t{}\n", vals.join("\t")));
            }
        }
        out
    }

    fn decode(text: &str) -> Catalog {
        let mut c = Catalog::default();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["database", d] => c.databases.push(unescape(d)),
                ["table", db, name, cols @ ..] => {
                    let columns = cols
                        .iter()
                        .filter_map(|c| {
                            let (n, t) = c.rsplit_once(':')?;
                            let ty = match t {
                                "integer" => Type::Int,
                                "serial" => Type::Serial,
                                "numeric" => Type::Numeric,
                                "boolean" => Type::Bool,
                                "timestamp" => Type::Timestamp,
                                _ => Type::Text,
                            };
                            Some(Column {
                                name: unescape(n),
                                ty,
                            })
                        })
                        .collect();
                    c.tables.push((
                        unescape(db),
                        unescape(name),
                        Table {
                            columns,
                            rows: Vec::new(),
                        },
                    ));
                }
                ["row", vals @ ..] => {
                    if let Some((_, _, t)) = c.tables.last_mut() {
                        let row = vals
                            .iter()
                            .map(|v| (*v != "\\N").then(|| unescape(v)))
                            .collect();
                        t.rows.push(row);
                    }
                }
                _ => {}
            }
        }
        // A file edited by hand may have rows of another length: each row
        // gets exactly its table's columns.
        for (_, _, t) in &mut c.tables {
            let n = t.columns.len();
            for row in &mut t.rows {
                row.resize(n, None);
            }
        }
        c
    }

    fn table(&self, db: &str, name: &str) -> Option<&Table> {
        self.tables
            .iter()
            .find(|(d, n, _)| d == db && n == name)
            .map(|(_, _, t)| t)
    }

    fn table_mut(&mut self, db: &str, name: &str) -> Option<&mut Table> {
        self.tables
            .iter_mut()
            .find(|(d, n, _)| d == db && n == name)
            .map(|(_, _, t)| t)
    }
}

/// A PostgreSQL server: its Pod, container, data directory and the
/// settings its environment gave initdb.
struct Server {
    ns: String,
    pod: String,
    container: String,
    pgdata: String,
    superuser: String,
    initial_db: String,
    password: String,
    host_trust: bool,
    ip: String,
    /// The server's major version (`16`), from its image.
    major: String,
}

impl Server {
    fn view<'e>(&'e self, engine: &'e Engine) -> View<'e> {
        View::new(engine, &self.ns, &self.pod, &self.container)
    }
    fn path(&self) -> String {
        format!("{}/{DATA_FILE}", self.pgdata)
    }
    fn load(&self, engine: &Engine) -> Catalog {
        match self.view(engine).stat(&self.path()) {
            Ok(Node::File(t)) => Catalog::decode(&t),
            _ => Catalog::default(),
        }
    }
    fn save(&self, engine: &mut Engine, c: &Catalog) -> Result<(), String> {
        engine
            .container_write(
                &self.ns,
                &self.pod,
                &self.container,
                &self.path(),
                &c.encode(),
                false,
            )
            .map_err(|e| e.text().to_string())
    }
    fn database_exists(&self, c: &Catalog, db: &str) -> bool {
        ["postgres", "template0", "template1"].contains(&db)
            || db == self.initial_db
            || c.databases.iter().any(|d| d == db)
    }
}

fn server_in(engine: &Engine, ns: &str, pod: &str) -> Option<Server> {
    let p = engine.store().pods.get(ns, pod)?;
    let c = images::container_of(p, Flavor::Postgres)?;
    let get = server_vars(engine, p, c);
    let superuser = get("POSTGRES_USER").unwrap_or_else(|| "postgres".into());
    Some(Server {
        ns: ns.to_string(),
        pod: pod.to_string(),
        container: c.name.to_string(),
        pgdata: get("PGDATA")
            .filter(|d| d.starts_with('/'))
            .unwrap_or_else(|| "/var/lib/postgresql/data".into())
            .trim_end_matches('/')
            .to_string(),
        initial_db: get("POSTGRES_DB").unwrap_or_else(|| superuser.clone()),
        superuser,
        password: get("POSTGRES_PASSWORD").unwrap_or_default(),
        host_trust: get("POSTGRES_HOST_AUTH_METHOD").is_some_and(|m| m == "trust"),
        ip: p.status.pod_ip.to_string(),
        major: crate::engine::kubelet::initdb::major_version(&c.image),
    })
}

/// How psql was asked to connect and what to run.
#[derive(Default)]
struct Options {
    host: Option<String>,
    port: u16,
    user: Option<String>,
    db: Option<String>,
    password: Option<String>,
    commands: Vec<String>,
    file: Option<String>,
    tuples_only: bool,
    unaligned: bool,
    quiet: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        port: PORT,
        ..Default::default()
    };
    let mut operands = Vec::new();
    let mut i = 0;
    let value = |i: &mut usize, a: &str, short: &str, long: &str| -> Option<Option<String>> {
        if a == short || a == long {
            *i += 1;
            return Some(args.get(*i).cloned());
        }
        if let Some(v) = a.strip_prefix(&format!("{long}=")) {
            return Some(Some(v.to_string()));
        }
        a.strip_prefix(short)
            .filter(|v| !v.is_empty() && short.len() == 2 && !a.starts_with("--"))
            .map(|v| Some(v.to_string()))
    };
    while i < args.len() {
        let a = args[i].clone();
        let missing = |flag: &str| {
            format!("psql: option requires an argument -- '{flag}'\npsql: hint: Try \"psql --help\" for more information.")
        };
        if let Some(v) = value(&mut i, &a, "-h", "--host") {
            o.host = Some(v.ok_or_else(|| missing("h"))?);
        } else if let Some(v) = value(&mut i, &a, "-p", "--port") {
            let v = v.ok_or_else(|| missing("p"))?;
            o.port = v
                .parse()
                .map_err(|_| format!("psql: error: invalid port number: \"{v}\""))?;
        } else if let Some(v) = value(&mut i, &a, "-U", "--username") {
            o.user = Some(v.ok_or_else(|| missing("U"))?);
        } else if let Some(v) = value(&mut i, &a, "-d", "--dbname") {
            o.db = Some(v.ok_or_else(|| missing("d"))?);
        } else if let Some(v) = value(&mut i, &a, "-c", "--command") {
            o.commands.push(v.ok_or_else(|| missing("c"))?);
        } else if let Some(v) = value(&mut i, &a, "-f", "--file") {
            o.file = Some(v.ok_or_else(|| missing("f"))?);
        } else if a.starts_with('-') && !a.starts_with("--") && a.len() > 1 {
            // Bundled switches: -At, -tAq, -X, -w, -W.
            let mut chars = a[1..].chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    't' => o.tuples_only = true,
                    'A' => o.unaligned = true,
                    'q' => o.quiet = true,
                    'X' | 'w' | 'W' | 'e' | 'a' | 'b' | 'n' => {}
                    'c' => {
                        let rest: String = chars.by_ref().collect();
                        if rest.is_empty() {
                            i += 1;
                            o.commands.push(args.get(i).cloned().ok_or_else(|| missing("c"))?);
                        } else {
                            o.commands.push(rest);
                        }
                    }
                    other => {
                        return Err(format!("psql: error: invalid option -- '{other}'\npsql: hint: Try \"psql --help\" for more information."))
                    }
                }
            }
        } else if matches!(
            a.as_str(),
            "--tuples-only"
                | "--no-align"
                | "--quiet"
                | "--no-psqlrc"
                | "--no-password"
                | "--echo-errors"
        ) {
            match a.as_str() {
                "--tuples-only" => o.tuples_only = true,
                "--no-align" => o.unaligned = true,
                "--quiet" => o.quiet = true,
                _ => {}
            }
        } else if a.starts_with("--") {
            return Err(format!("psql: error: unrecognized option '{a}'\npsql: hint: Try \"psql --help\" for more information."));
        } else {
            operands.push(a);
        }
        i += 1;
    }
    for op in operands {
        if let Some(uri) = op
            .strip_prefix("postgresql://")
            .or_else(|| op.strip_prefix("postgres://"))
        {
            let (auth, rest) = match uri.rsplit_once('@') {
                Some((a, r)) => (Some(a), r),
                None => (None, uri),
            };
            if let Some(auth) = auth {
                let (u, p) = auth
                    .split_once(':')
                    .map_or((auth, None), |(u, p)| (u, Some(p)));
                o.user = Some(u.to_string());
                o.password = p.map(str::to_string);
            }
            let (hostport, db) = rest
                .split_once('/')
                .map_or((rest, None), |(h, d)| (h, Some(d)));
            let db = db
                .map(|d| d.split('?').next().unwrap_or(d))
                .filter(|d| !d.is_empty());
            let (host, port) = hostport
                .split_once(':')
                .map_or((hostport, None), |(h, p)| (h, Some(p)));
            if !host.is_empty() {
                o.host = Some(host.to_string());
            }
            if let Some(p) = port {
                o.port = p.parse().unwrap_or(PORT);
            }
            if let Some(d) = db {
                o.db = Some(d.to_string());
            }
        } else if o.db.is_none() {
            o.db = Some(op);
        } else if o.user.is_none() {
            o.user = Some(op);
        }
    }
    Ok(o)
}

/// Whether a psql command line opens the prompt (no `-c`, no `-f`).
pub(crate) fn is_prompt(args: &[String]) -> bool {
    parse_args(args).is_ok_and(|o| o.commands.is_empty() && o.file.is_none())
}

/// The database a prompt shows (`-d`, an operand or the user's name;
/// the environment's PGDATABASE and PGUSER are not consulted here).
pub(crate) fn prompt_database(args: &[String]) -> String {
    let o = parse_args(args).unwrap_or_default();
    o.db.or(o.user).unwrap_or_else(|| "root".to_string())
}

/// The user a prompt connects as (`-U`, an operand or `root`).
pub(crate) fn prompt_user(args: &[String]) -> String {
    parse_args(args)
        .ok()
        .and_then(|o| o.user)
        .unwrap_or_else(|| "root".to_string())
}

/// A result of one statement.
enum Outcome {
    /// A command tag (`CREATE TABLE`, `INSERT 0 1`).
    Tag(String),
    Rows {
        columns: Vec<(String, bool)>,
        rows: Vec<Vec<Option<String>>>,
        title: Option<String>,
    },
}

/// An error of the server: its message and the 1-based character
/// position in the statement it points at.
struct SqlError {
    message: String,
    position: Option<usize>,
    /// psql's own message (a meta-command's), printed as it is, not as
    /// the server's `ERROR:`.
    own: bool,
}

fn sql_err(message: impl Into<String>) -> SqlError {
    SqlError {
        message: message.into(),
        position: None,
        own: false,
    }
}

/// A message of psql itself rather than of the server.
fn psql_says(message: impl Into<String>) -> SqlError {
    SqlError {
        own: true,
        ..sql_err(message)
    }
}

fn at(message: impl Into<String>, statement: &str, word: &str) -> SqlError {
    // The first occurrence that is a whole token (`t` in `select n from t`
    // is the last word, not the `t` of `select`).
    let lower = statement.to_ascii_lowercase();
    let w = word.to_ascii_lowercase();
    let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let position = lower
        .match_indices(&w)
        .map(|(b, _)| b)
        .find(|&b| {
            let before = lower[..b].chars().next_back();
            let after = lower[b + w.len()..].chars().next();
            let starts = w.chars().next();
            let ends = w.chars().next_back();
            let clash = |edge: Option<char>, next: Option<char>| is_ident(edge) && is_ident(next);
            !clash(starts, before) && !clash(ends, after)
        })
        .map(|b| statement[..b].chars().count() + 1);
    SqlError {
        message: message.into(),
        position,
        own: false,
    }
}

fn unsimulated(statement: &str) -> SqlError {
    sql_err(format!(
        "Ordinal does not simulate this statement (CREATE/DROP DATABASE and TABLE, INSERT, SELECT, UPDATE, DELETE are): {}",
        statement.trim()
    ))
}

/// psql's aligned format (border 1) or its unaligned one.
fn render(out: &Outcome, o: &Options) -> String {
    let Outcome::Rows {
        columns,
        rows,
        title,
    } = out
    else {
        return String::new();
    };
    let footer = match rows.len() {
        1 => "(1 row)".to_string(),
        n => format!("({n} rows)"),
    };
    let cell = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut s = String::new();
    if o.unaligned {
        if !o.tuples_only {
            if let Some(t) = title {
                s.push_str(&format!("{t}\n"));
            }
            let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
            s.push_str(&format!("{}\n", names.join("|")));
        }
        for r in rows {
            let vals: Vec<String> = r.iter().map(cell).collect();
            s.push_str(&format!("{}\n", vals.join("|")));
        }
        if !o.tuples_only {
            s.push_str(&format!("{footer}\n"));
        }
        return s;
    }
    // A cell may hold several lines (`\\l`'s access privileges): its width
    // is its widest line's.
    let width = |i: usize| {
        rows.iter()
            .flat_map(|r| {
                cell(&r[i])
                    .split('\n')
                    .map(|l| l.chars().count())
                    .collect::<Vec<_>>()
            })
            // The header counts even when not printed (`-t`).
            .chain(std::iter::once(columns[i].0.chars().count()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns.len()).map(width).collect();
    let last = columns.len().saturating_sub(1);
    if !o.tuples_only {
        if let Some(t) = title {
            let total: usize = widths
                .iter()
                .map(|w| w + 3)
                .sum::<usize>()
                .saturating_sub(1);
            let len = t.chars().count();
            if len >= total {
                s.push_str(&format!("{t}\n"));
            } else {
                s.push_str(&format!("{}{t}\n", " ".repeat((total - len) / 2)));
            }
        }
        for (i, (name, _)) in columns.iter().enumerate() {
            let nb = widths[i] - name.chars().count();
            s.push_str(&format!(
                " {}{name}{} ",
                " ".repeat(nb / 2),
                " ".repeat(nb.div_ceil(2))
            ));
            if i < last {
                s.push('|');
            }
        }
        s.push('\n');
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
        s.push_str(&format!("{}\n", rule.join("+")));
    }
    for r in rows {
        // print_aligned_text: one display line per line of the tallest
        // cell; a cell continued on the next line ends with `+` (padded to
        // its width), columns past their last line are blank.
        let cells: Vec<Vec<String>> = r
            .iter()
            .map(|v| cell(v).split('\n').map(str::to_string).collect())
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            for (i, (_, right)) in columns.iter().enumerate() {
                let line = cells[i].get(k);
                let more = k + 1 < cells[i].len();
                s.push(' ');
                match line {
                    Some(v) => {
                        let pad = " ".repeat(widths[i] - v.chars().count());
                        if *right {
                            s.push_str(&pad);
                            s.push_str(v);
                        } else {
                            s.push_str(v);
                            if i < last || more {
                                s.push_str(&pad);
                            }
                        }
                    }
                    None if i < last => s.push_str(&" ".repeat(widths[i])),
                    None => {}
                }
                if more {
                    s.push('+');
                } else if i < last {
                    s.push(' ');
                }
                if i < last {
                    s.push('|');
                }
            }
            s.push('\n');
        }
    }
    if !o.tuples_only {
        s.push_str(&format!("{footer}\n"));
    }
    s.push('\n');
    s
}

/// Statements of a script split at `;` outside quotes; a line starting
/// with a backslash is a meta-command of its own.
fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = false;
    for line in sql.lines() {
        if !quote && cur.trim().is_empty() && line.trim_start().starts_with('\\') {
            out.push(line.trim().to_string());
            cur.clear();
            continue;
        }
        for c in line.chars() {
            if c == '\'' {
                quote = !quote;
            }
            if c == ';' && !quote {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
        }
        cur.push('\n');
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with("--"))
        .collect()
}

/// A SQL literal or NULL; Err for what is not a literal.
fn literal(v: &str) -> Result<Option<String>, ()> {
    let v = v.trim();
    if v.eq_ignore_ascii_case("null") {
        return Ok(None);
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return Ok(Some(inner.replace("''", "'")));
    }
    if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
        return Ok(Some(v.to_ascii_lowercase()));
    }
    if !v.is_empty() && v.parse::<f64>().is_ok() {
        return Ok(Some(v.to_string()));
    }
    Err(())
}

/// A value as a column of `ty` stores and shows it.
fn coerce(v: Option<String>, ty: Type) -> Result<Option<String>, String> {
    let Some(v) = v else {
        return Ok(None);
    };
    match ty {
        Type::Int | Type::Serial => v
            .trim()
            .parse::<i64>()
            .map(|n| Some(n.to_string()))
            .map_err(|_| format!("invalid input syntax for type integer: \"{v}\"")),
        Type::Numeric => v
            .trim()
            .parse::<f64>()
            .map(|_| Some(v.trim().to_string()))
            .map_err(|_| format!("invalid input syntax for type numeric: \"{v}\"")),
        Type::Bool => match v.to_ascii_lowercase().as_str() {
            "true" | "t" | "yes" | "y" | "on" | "1" => Ok(Some("t".into())),
            "false" | "f" | "no" | "n" | "off" | "0" => Ok(Some("f".into())),
            _ => Err(format!("invalid input syntax for type boolean: \"{v}\"")),
        },
        Type::Text | Type::Timestamp => Ok(Some(v)),
    }
}

/// Splits `a, b, 'c, d'` at commas outside quotes and parentheses.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quote, mut depth) = (false, 0i32);
    for c in s.chars() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => depth -= 1,
            ',' if !quote && depth == 0 => {
                out.push(std::mem::take(&mut cur).trim().to_string());
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The text between the first `(` and its matching `)`, and what follows.
fn parenthesized(s: &str) -> Option<(&str, &str)> {
    let start = s.find('(')?;
    let mut depth = 0;
    let mut quote = false;
    for (i, c) in s[start..].char_indices() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[start + 1..start + i], &s[start + i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

fn ident(s: &str) -> String {
    let s = s.trim();
    match s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(q) => q.to_string(),
        None => s.to_ascii_lowercase(),
    }
}

impl Table {
    /// The position of the column `word` names; else the server's error,
    /// pointing at the word (`column "x" does not exist`, or `… of
    /// relation "t" …` where a statement names its target columns).
    fn column(
        &self,
        word: &str,
        statement: &str,
        relation: Option<&str>,
    ) -> Result<usize, SqlError> {
        let name = ident(word);
        self.columns
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| {
                let of =
                    relation.map_or(String::new(), |r| format!(" of relation \"{}\"", ident(r)));
                at(
                    format!("column \"{name}\"{of} does not exist"),
                    statement,
                    word.trim(),
                )
            })
    }

    /// `col = value`: the column and the value as that column stores it.
    fn assignment(
        &self,
        text: &str,
        statement: &str,
        relation: Option<&str>,
    ) -> Result<(usize, Option<String>), SqlError> {
        let Some((col, val)) = text.split_once('=') else {
            return Err(unsimulated(statement));
        };
        let i = self.column(col, statement, relation)?;
        let v = literal(val).map_err(|_| unsimulated(statement))?;
        let v = coerce(v, self.columns[i].ty).map_err(|m| at(m, statement, val.trim()))?;
        Ok((i, v))
    }
}

/// `WHERE col = value` (or nothing) as a row filter.
fn condition(
    table: &Table,
    clause: Option<&str>,
    statement: &str,
) -> Result<Option<(usize, Option<String>)>, SqlError> {
    let Some(c) = clause.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    table.assignment(c, statement, None).map(Some)
}

fn matches(row: &[Option<String>], cond: &Option<(usize, Option<String>)>) -> bool {
    match cond {
        None => true,
        Some((i, v)) => v.is_some() && row[*i] == *v,
    }
}

/// Splits `rest` at the first keyword of `words` (case-insensitive, as a
/// whole word): the text before it and the keyword's clause.
fn clause<'a>(rest: &'a str, word: &str) -> (&'a str, Option<&'a str>) {
    let lower = rest.to_ascii_lowercase();
    let needle = format!(" {word} ");
    match lower.find(&needle) {
        Some(i) => (&rest[..i], Some(&rest[i + needle.len()..])),
        None => match lower.strip_suffix(&format!(" {word}")) {
            Some(_) => (&rest[..rest.len() - word.len() - 1], Some("")),
            None => (rest, None),
        },
    }
}

/// What a connected session runs: one statement.
struct Conn<'a> {
    server: &'a Server,
    db: String,
    user: String,
    now: String,
    version: String,
}

fn execute(conn: &Conn<'_>, cat: &mut Catalog, s: &str) -> Result<Outcome, SqlError> {
    let lower = s.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let orig: Vec<&str> = s.split_whitespace().collect();
    if s.starts_with('\\') {
        return meta(conn, cat, s);
    }
    match words.as_slice() {
        ["create", "database", _, ..] => {
            let name = ident(orig[2]);
            if conn.server.database_exists(cat, &name) {
                return Err(sql_err(format!("database \"{name}\" already exists")));
            }
            cat.databases.push(name);
            Ok(Outcome::Tag("CREATE DATABASE".into()))
        }
        ["drop", "database", rest @ ..] => {
            let if_exists = rest.starts_with(&["if", "exists"]);
            let name = ident(orig.last().copied().unwrap_or(""));
            if name == conn.db {
                return Err(sql_err("cannot drop the currently open database"));
            }
            match cat.databases.iter().position(|d| *d == name) {
                Some(i) => {
                    cat.databases.remove(i);
                    cat.tables.retain(|(d, _, _)| *d != name);
                    Ok(Outcome::Tag("DROP DATABASE".into()))
                }
                None if if_exists => Ok(Outcome::Tag("DROP DATABASE".into())),
                None if conn.server.database_exists(cat, &name) => Err(unsimulated(s)),
                None => Err(sql_err(format!("database \"{name}\" does not exist"))),
            }
        }
        ["create", "table", ..] => create_table(conn, cat, s),
        ["drop", "table", rest @ ..] => {
            let if_exists = rest.starts_with(&["if", "exists"]);
            let name = ident(orig.last().copied().unwrap_or(""));
            let before = cat.tables.len();
            cat.tables
                .retain(|(d, n, _)| !(*d == conn.db && *n == name));
            if before == cat.tables.len() && !if_exists {
                return Err(sql_err(format!("table \"{name}\" does not exist")));
            }
            Ok(Outcome::Tag("DROP TABLE".into()))
        }
        ["insert", "into", ..] => insert(conn, cat, s),
        ["select", ..] => select(conn, cat, s),
        ["update", ..] => update(conn, cat, s),
        ["delete", "from", ..] => delete(conn, cat, s),
        ["begin" | "commit" | "start" | "end", ..] => Ok(Outcome::Tag(
            match words[0] {
                "begin" | "start" => "BEGIN",
                _ => "COMMIT",
            }
            .into(),
        )),
        [first, ..]
            if !matches!(
                *first,
                "create"
                    | "drop"
                    | "alter"
                    | "grant"
                    | "revoke"
                    | "truncate"
                    | "copy"
                    | "with"
                    | "explain"
                    | "vacuum"
                    | "analyze"
                    | "set"
                    | "show"
                    | "rollback"
                    | "values"
                    | "table"
                    | "comment"
                    | "reindex"
                    | "cluster"
                    | "listen"
                    | "notify"
            ) =>
        {
            Err(at(
                format!("syntax error at or near \"{}\"", orig[0]),
                s,
                orig[0],
            ))
        }
        _ => Err(unsimulated(s)),
    }
}

fn create_table(conn: &Conn<'_>, cat: &mut Catalog, s: &str) -> Result<Outcome, SqlError> {
    let Some((body, _)) = parenthesized(s) else {
        return Err(sql_err("syntax error at end of input"));
    };
    let head = &s[..s.find('(').unwrap_or(s.len())];
    let head_words: Vec<&str> = head.split_whitespace().collect();
    let if_not_exists = head.to_ascii_lowercase().contains("if not exists");
    let name = ident(head_words.last().copied().unwrap_or(""));
    if cat.table(&conn.db, &name).is_some() {
        return if if_not_exists {
            Ok(Outcome::Tag("CREATE TABLE".into()))
        } else {
            Err(sql_err(format!("relation \"{name}\" already exists")))
        };
    }
    let mut columns = Vec::new();
    for def in split_list(body) {
        let lower = def.to_ascii_lowercase();
        if [
            "primary key",
            "unique",
            "constraint",
            "foreign key",
            "check",
        ]
        .iter()
        .any(|k| lower.starts_with(k))
        {
            continue;
        }
        let mut parts = def.splitn(2, char::is_whitespace);
        let col = ident(parts.next().unwrap_or(""));
        let ty_text = parts.next().unwrap_or("").trim();
        let Some(ty) = Type::parse(ty_text) else {
            let word = ty_text.split([' ', '(']).next().unwrap_or(ty_text);
            return Err(at(
                format!("type \"{}\" does not exist", word.to_ascii_lowercase()),
                s,
                word,
            ));
        };
        columns.push(Column { name: col, ty });
    }
    cat.tables.push((
        conn.db.clone(),
        name,
        Table {
            columns,
            rows: Vec::new(),
        },
    ));
    Ok(Outcome::Tag("CREATE TABLE".into()))
}

fn relation<'c>(
    conn: &Conn<'_>,
    cat: &'c Catalog,
    s: &str,
    word: &str,
) -> Result<&'c Table, SqlError> {
    let name = ident(word);
    cat.table(&conn.db, &name)
        .ok_or_else(|| at(format!("relation \"{name}\" does not exist"), s, word))
}

fn insert(conn: &Conn<'_>, cat: &mut Catalog, s: &str) -> Result<Outcome, SqlError> {
    let after_into = s.trim_start()[6..].trim_start()[4..].trim_start();
    let name_word = after_into
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let table = relation(conn, cat, s, name_word)?.clone();
    let rest = &after_into[name_word.len()..];
    let lower = rest.to_ascii_lowercase();
    let Some(vi) = lower.find("values") else {
        return Err(unsimulated(s));
    };
    let targets: Vec<usize> = match parenthesized(&rest[..vi]) {
        Some((cols, _)) => {
            let mut t = Vec::new();
            for c in split_list(cols) {
                let i = table.column(&c, s, Some(name_word))?;
                t.push(i);
            }
            t
        }
        None => (0..table.columns.len()).collect(),
    };
    let mut tuples = &rest[vi + 6..];
    let mut new_rows = Vec::new();
    let mut serials: Vec<i64> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, _)| {
            table
                .rows
                .iter()
                .filter_map(|r| r[i].as_ref()?.parse().ok())
                .max()
                .unwrap_or(0)
        })
        .collect();
    while let Some((inner, after)) = parenthesized(tuples) {
        let values = split_list(inner);
        if values.len() > targets.len() {
            return Err(at(
                "INSERT has more expressions than target columns",
                s,
                &values[targets.len()],
            ));
        }
        let mut row: Vec<Option<String>> = vec![None; table.columns.len()];
        for (k, v) in values.iter().enumerate() {
            let col = &table.columns[targets[k]];
            let lit = if v.eq_ignore_ascii_case("default") {
                None
            } else if v.eq_ignore_ascii_case("now()") || v.eq_ignore_ascii_case("current_timestamp")
            {
                Some(conn.now.clone())
            } else {
                literal(v).map_err(|_| unsimulated(s))?
            };
            row[targets[k]] = coerce(lit, col.ty).map_err(|m| at(m, s, v))?;
        }
        for (i, col) in table.columns.iter().enumerate() {
            if col.ty == Type::Serial && row[i].is_none() {
                serials[i] += 1;
                row[i] = Some(serials[i].to_string());
            }
        }
        new_rows.push(row);
        tuples = after.trim_start().trim_start_matches(',');
    }
    if new_rows.is_empty() {
        return Err(sql_err("syntax error at end of input"));
    }
    let n = new_rows.len();
    if let Some(t) = cat.table_mut(&conn.db, &ident(name_word)) {
        t.rows.extend(new_rows);
    }
    Ok(Outcome::Tag(format!("INSERT 0 {n}")))
}

/// A literal `SELECT` (no FROM): numbers, strings and the functions people
/// check a server with.
fn select_values(conn: &Conn<'_>, s: &str, list: &str) -> Result<Outcome, SqlError> {
    let mut columns = Vec::new();
    let mut row = Vec::new();
    for item in split_list(list) {
        let (expr, alias) = match clause(&item, "as") {
            (e, Some(a)) => (e.trim().to_string(), Some(ident(a))),
            (e, None) => (e.trim().to_string(), None),
        };
        let lower = expr.to_ascii_lowercase();
        let (name, value, right) = match lower.as_str() {
            "version()" => ("version", Some(conn.version.clone()), false),
            "current_database()" => ("current_database", Some(conn.db.clone()), false),
            "current_user" | "user" | "session_user" => {
                ("current_user", Some(conn.user.clone()), false)
            }
            "now()" | "current_timestamp" => ("now", Some(conn.now.clone()), false),
            "pg_is_in_recovery()" => ("pg_is_in_recovery", Some("f".to_string()), false),
            "inet_server_addr()" => ("inet_server_addr", Some(conn.server.ip.clone()), false),
            _ => match literal(&expr) {
                Ok(v) => {
                    let numeric = v.as_deref().is_some_and(|x| x.parse::<f64>().is_ok())
                        && !expr.starts_with('\'');
                    ("?column?", v, numeric)
                }
                Err(()) => {
                    let word = expr.split(['(', ' ']).next().unwrap_or(&expr);
                    return Err(if expr.contains('(') {
                        unsimulated(s)
                    } else {
                        at(
                            format!("column \"{}\" does not exist", ident(word)),
                            s,
                            word,
                        )
                    });
                }
            },
        };
        columns.push((alias.unwrap_or_else(|| name.to_string()), right));
        row.push(value.map(|v| {
            if v == "true" {
                "t".into()
            } else if v == "false" {
                "f".into()
            } else {
                v
            }
        }));
    }
    Ok(Outcome::Rows {
        columns,
        rows: vec![row],
        title: None,
    })
}

fn select(conn: &Conn<'_>, cat: &Catalog, s: &str) -> Result<Outcome, SqlError> {
    let body = s.trim_start()[6..].trim();
    let (list, from) = clause(body, "from");
    let Some(from) = from else {
        return select_values(conn, s, list);
    };
    let (from, limit) = clause(from, "limit");
    let (from, order) = clause(from, "order by");
    let (from, cond) = clause(from, "where");
    let name_word = from.trim();
    if name_word.contains(char::is_whitespace) || name_word.contains(',') {
        return Err(unsimulated(s));
    }
    let table = relation(conn, cat, s, name_word)?;
    let filter = condition(table, cond, s)?;
    let mut rows: Vec<&Vec<Option<String>>> =
        table.rows.iter().filter(|r| matches(r, &filter)).collect();
    if let Some(order) = order {
        let mut w = order.split_whitespace();
        let col = w.next().unwrap_or("");
        let desc = w.next().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
        let i = table.column(col, s, None)?;
        let numeric = table.columns[i].ty.right_aligned();
        crate::sort::sort_by(&mut rows, |a, b| {
            let o = if numeric {
                let x = a[i]
                    .as_deref()
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(f64::MAX);
                let y = b[i]
                    .as_deref()
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(f64::MAX);
                x.total_cmp(&y)
            } else {
                a[i].cmp(&b[i])
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        });
    }
    if let Some(limit) = limit {
        let n: usize = limit.trim().parse().map_err(|_| unsimulated(s))?;
        rows.truncate(n);
    }
    let list = list.trim();
    if list.eq_ignore_ascii_case("count(*)") {
        return Ok(Outcome::Rows {
            columns: vec![("count".into(), true)],
            rows: vec![vec![Some(rows.len().to_string())]],
            title: None,
        });
    }
    let picks: Vec<usize> = if list == "*" {
        (0..table.columns.len()).collect()
    } else {
        let mut p = Vec::new();
        for c in split_list(list) {
            let i = table.column(&c, s, None)?;
            p.push(i);
        }
        p
    };
    Ok(Outcome::Rows {
        columns: picks
            .iter()
            .map(|&i| {
                (
                    table.columns[i].name.clone(),
                    table.columns[i].ty.right_aligned(),
                )
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| picks.iter().map(|&i| r[i].clone()).collect())
            .collect(),
        title: None,
    })
}

fn update(conn: &Conn<'_>, cat: &mut Catalog, s: &str) -> Result<Outcome, SqlError> {
    let body = s.trim_start()[6..].trim();
    let (name_word, set) = clause(body, "set");
    let Some(set) = set else {
        return Err(unsimulated(s));
    };
    let table = relation(conn, cat, s, name_word.trim())?.clone();
    let (assignments, cond) = clause(set, "where");
    let filter = condition(&table, cond, s)?;
    let mut changes = Vec::new();
    for a in split_list(assignments) {
        changes.push(table.assignment(&a, s, Some(name_word))?);
    }
    let mut n = 0;
    if let Some(t) = cat.table_mut(&conn.db, &ident(name_word)) {
        for row in t.rows.iter_mut().filter(|r| matches(r, &filter)) {
            for (i, v) in &changes {
                row[*i] = v.clone();
            }
            n += 1;
        }
    }
    Ok(Outcome::Tag(format!("UPDATE {n}")))
}

fn delete(conn: &Conn<'_>, cat: &mut Catalog, s: &str) -> Result<Outcome, SqlError> {
    let body = s.trim_start()[6..].trim_start()[4..].trim();
    let (name_word, cond) = clause(body, "where");
    let table = relation(conn, cat, s, name_word.trim())?.clone();
    let filter = condition(&table, cond, s)?;
    let mut n = 0;
    if let Some(t) = cat.table_mut(&conn.db, &ident(name_word)) {
        let before = t.rows.len();
        t.rows.retain(|r| !matches(r, &filter));
        n = before - t.rows.len();
    }
    Ok(Outcome::Tag(format!("DELETE {n}")))
}

/// `\\l`: the databases as psql 14–17 list them (the official image's
/// cluster: UTF8, libc's `en_US.utf8`; the templates' access privileges).
fn list_databases(conn: &Conn<'_>, cat: &Catalog) -> Outcome {
    let owner = &conn.server.superuser;
    let mut names: Vec<String> = ["postgres", "template0", "template1"]
        .iter()
        .map(|s| s.to_string())
        .chain(std::iter::once(conn.server.initial_db.clone()))
        .chain(cat.databases.iter().cloned())
        .collect();
    crate::sort::sort(&mut names);
    names.dedup();
    let major: u32 = conn.server.major.parse().unwrap_or(17);
    let columns: &[&str] = match major {
        ..=14 => &[
            "Name",
            "Owner",
            "Encoding",
            "Collate",
            "Ctype",
            "Access privileges",
        ],
        15 => &[
            "Name",
            "Owner",
            "Encoding",
            "Collate",
            "Ctype",
            "ICU Locale",
            "Locale Provider",
            "Access privileges",
        ],
        16 => &[
            "Name",
            "Owner",
            "Encoding",
            "Locale Provider",
            "Collate",
            "Ctype",
            "ICU Locale",
            "ICU Rules",
            "Access privileges",
        ],
        _ => &[
            "Name",
            "Owner",
            "Encoding",
            "Locale Provider",
            "Collate",
            "Ctype",
            "Locale",
            "ICU Rules",
            "Access privileges",
        ],
    };
    let rows = names
        .into_iter()
        .map(|name| {
            let access = if name.starts_with("template") {
                format!("=c/{owner}\n{owner}=CTc/{owner}")
            } else {
                String::new()
            };
            columns
                .iter()
                .map(|c| {
                    Some(match *c {
                        "Name" => name.clone(),
                        "Owner" => owner.clone(),
                        "Encoding" => "UTF8".into(),
                        "Collate" | "Ctype" => "en_US.utf8".into(),
                        "Locale Provider" => "libc".into(),
                        "Access privileges" => access.clone(),
                        _ => String::new(),
                    })
                })
                .collect()
        })
        .collect();
    Outcome::Rows {
        columns: columns.iter().map(|c| (c.to_string(), false)).collect(),
        rows,
        title: Some("List of databases".into()),
    }
}

fn meta(conn: &Conn<'_>, cat: &Catalog, s: &str) -> Result<Outcome, SqlError> {
    let cmd = s.split_whitespace().next().unwrap_or("");
    match cmd {
        "\\dt" | "\\d" => {
            let rows: Vec<Vec<Option<String>>> = cat
                .tables
                .iter()
                .filter(|(d, _, _)| *d == conn.db)
                .map(|(_, n, _)| {
                    vec![
                        Some("public".to_string()),
                        Some(n.clone()),
                        Some("table".to_string()),
                        Some(conn.user.clone()),
                    ]
                })
                .collect();
            if rows.is_empty() {
                return Err(psql_says("Did not find any relations."));
            }
            let mut rows = rows;
            crate::sort::sort_by(&mut rows, |a, b| a[1].cmp(&b[1]));
            Ok(Outcome::Rows {
                columns: ["Schema", "Name", "Type", "Owner"]
                    .iter()
                    .map(|c| (c.to_string(), false))
                    .collect(),
                rows,
                title: Some("List of relations".into()),
            })
        }
        "\\l" | "\\list" => Ok(list_databases(conn, cat)),
        _ => Err(psql_says(format!(
            "psql: the meta-command {cmd} is not simulated in Ordinal (\\dt and \\l are)"
        ))),
    }
}

/// `psql`: connects as libpq does, then runs `-c` commands, `-f` file or
/// the statements on standard input.
pub(crate) fn psql(h: &mut ContainerHost<'_>, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let o = match parse_args(&cmd.argv[1..]) {
        Ok(o) => o,
        Err(e) => {
            io.err(&format!("{e}\n"));
            return 1;
        }
    };
    let os_user = {
        let me = super::identity::identity(h);
        super::identity::accounts(&h.tools)
            .user_name(me.uid)
            .map_or_else(|| me.uid.to_string(), |n| n.to_string())
    };
    let user = o
        .user
        .clone()
        .or_else(|| h.env_var(cmd.env, "PGUSER"))
        .unwrap_or(os_user);
    let db =
        o.db.clone()
            .or_else(|| h.env_var(cmd.env, "PGDATABASE"))
            .unwrap_or_else(|| user.clone());
    let host = o
        .host
        .clone()
        .or_else(|| h.env_var(cmd.env, "PGHOST"))
        .filter(|x| !x.starts_with('/'));
    let password = o
        .password
        .clone()
        .or_else(|| h.env_var(cmd.env, "PGPASSWORD"));
    let port = o.port;
    // Where libpq says it connected, for its errors.
    let (place, loopback, address) = match &host {
        None => (
            format!("connection to server on socket \"{SOCKET_DIR}/.s.PGSQL.{port}\" failed"),
            true,
            None,
        ),
        Some(name) => {
            let Some(ip) = h.lookup_v4(name).and_then(|l| l.addrs.first().cloned()) else {
                io.err(&format!(
                    "psql: error: could not translate host name \"{name}\" to address: Name or service not known\n"
                ));
                return 2;
            };
            let shown = if name == &ip {
                format!("connection to server at \"{ip}\", port {port} failed")
            } else {
                format!("connection to server at \"{name}\" ({ip}), port {port} failed")
            };
            let loopback = ip.starts_with("127.") || ip == h.pod_ip();
            (shown, loopback, Some(ip))
        }
    };
    let fail = |io: &mut Io, why: &str| {
        io.err(&format!("psql: error: {place}: {why}\n"));
        2
    };
    // The address resolved once above (libpq resolves, then connects).
    let server = match h.server_reach(address.as_deref(), port) {
        Ok((ns, pod)) => server_in(h.engine, &ns, &pod),
        Err(Unreached::UnknownHost) => None,
        Err(Unreached::Failed(reach)) => {
            return match (host.is_none(), reach) {
                (true, _) => fail(
                    io,
                    "No such file or directory\n\tIs the server running locally and accepting connections on that socket?",
                ),
                (false, Reach::Refused) => fail(
                    io,
                    "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?",
                ),
                (false, r) => fail(io, r.errno_text()),
            };
        }
    };
    let Some(server) = server else {
        return fail(io, "server closed the connection unexpectedly");
    };
    if !loopback && !server.host_trust {
        match &password {
            None => return fail(io, "fe_sendauth: no password supplied"),
            Some(p) if *p != server.password => {
                return fail(
                    io,
                    &format!("FATAL:  password authentication failed for user \"{user}\""),
                )
            }
            Some(_) => {}
        }
    }
    if user != server.superuser {
        return fail(io, &format!("FATAL:  role \"{user}\" does not exist"));
    }
    let mut cat = server.load(h.engine);
    if !server.database_exists(&cat, &db) {
        return fail(io, &format!("FATAL:  database \"{db}\" does not exist"));
    }
    let sql: Vec<String> = if !o.commands.is_empty() {
        o.commands.iter().flat_map(|c| statements(c)).collect()
    } else if let Some(f) = &o.file {
        let path = h.abs(f);
        match h.stat(&path) {
            Ok(Node::File(text)) => statements(&text),
            _ => {
                io.err(&format!("psql: error: {f}: No such file or directory\n"));
                return 1;
            }
        }
    } else {
        // Statements from the input (a terminal's prompt is the console's,
        // `kubectl exec -it`): a pipe, or end of file at once.
        statements(cmd.stdin.unwrap_or(""))
    };
    let major = server.major.clone();
    let conn = Conn {
        server: &server,
        db: db.clone(),
        user: user.clone(),
        now: h.clock().rfc3339_nano().replace('T', " ").trim_end_matches('Z').to_string() + "+00",
        version: format!(
            "PostgreSQL {major}.0 (Debian {major}.0-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit"
        ),
    };
    let mut code = 0;
    for s in sql {
        let before = cat.clone();
        match execute(&conn, &mut cat, &s) {
            Ok(out @ Outcome::Rows { .. }) => io.out(&render(&out, &o)),
            // Only -q hides a command tag (psql's PrintQueryStatus).
            Ok(Outcome::Tag(tag)) => {
                if !o.quiet {
                    io.out(&format!("{tag}\n"));
                }
            }
            Err(e) => {
                if e.own {
                    io.err(&format!("{}\n", e.message));
                } else {
                    io.err(&format!("ERROR:  {}\n", e.message));
                    if let Some(p) = e.position {
                        let first = s.lines().next().unwrap_or("");
                        if p <= first.chars().count() {
                            io.err(&format!("LINE 1: {first}\n{}^\n", " ".repeat(7 + p)));
                        }
                    }
                }
                cat = before;
                code = 1;
                continue;
            }
        }
        if cat != before {
            if let Err(e) = server.save(h.engine, &cat) {
                io.err(&format!(
                    "ERROR:  could not write to file \"{}\": {e}\n",
                    server.path()
                ));
                cat = before;
                code = 1;
            }
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server of the official image's defaults, for statements run
    /// without a cluster.
    fn test_server() -> Server {
        Server {
            ns: "default".into(),
            pod: "pg-0".into(),
            container: "postgres".into(),
            pgdata: "/var/lib/postgresql/data".into(),
            superuser: "postgres".into(),
            initial_db: "postgres".into(),
            password: String::new(),
            host_trust: false,
            ip: "10.244.1.2".into(),
            major: "17".into(),
        }
    }

    fn test_conn(server: &Server) -> Conn<'_> {
        Conn {
            server,
            db: "postgres".into(),
            user: "postgres".into(),
            now: "2026-01-05 09:00:00+00".into(),
            version: "PostgreSQL 17.0".into(),
        }
    }

    fn opts() -> Options {
        Options {
            port: PORT,
            ..Default::default()
        }
    }

    fn rows(cols: &[(&str, bool)], rows: &[&[&str]]) -> Outcome {
        Outcome::Rows {
            columns: cols.iter().map(|(n, r)| (n.to_string(), *r)).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|v| Some(v.to_string())).collect())
                .collect(),
            title: None,
        }
    }

    #[test]
    fn aligned_output_follows_psql() {
        let out = rows(
            &[("id", true), ("name", false)],
            &[&["1", "alice"], &["10", "bob"]],
        );
        assert_eq!(
            render(&out, &opts()),
            " id | name  \n----+-------\n  1 | alice\n 10 | bob\n(2 rows)\n\n"
        );
        let one = rows(&[("?column?", true)], &[&["1"]]);
        assert_eq!(
            render(&one, &opts()),
            " ?column? \n----------\n        1\n(1 row)\n\n"
        );
        let mut t = opts();
        t.tuples_only = true;
        assert_eq!(render(&one, &t), "        1\n\n");
        t.unaligned = true;
        assert_eq!(render(&out, &t), "1|alice\n10|bob\n");
        // A cell of two lines: `+` after its first, the others blank.
        let two = rows(
            &[("name", false), ("acl", false)],
            &[&["t0", "=c/pg\npg=CTc/pg"], &["x", ""]],
        );
        assert_eq!(
            render(&two, &opts()),
            " name |    acl    \n------+-----------\n t0   | =c/pg    +\n      | pg=CTc/pg\n x    | \n(2 rows)\n\n"
        );
        let none = rows(&[("id", true)], &[]);
        assert_eq!(render(&none, &opts()), " id \n----\n(0 rows)\n\n");
    }

    #[test]
    fn errors_point_at_the_whole_word() {
        assert_eq!(at("x", "select n from t", "t").position, Some(15));
        assert_eq!(
            at("x", "select * from tt where t = 1", "t").position,
            Some(24)
        );
        assert_eq!(
            at("x", "insert into t values ('x')", "'x'").position,
            Some(23)
        );
        assert_eq!(at("x", "select 1", "nothing").position, None);
    }

    /// Unknown columns are named as the server names them, in a select
    /// list, WHERE, ORDER BY and an UPDATE's SET (which names its relation).
    #[test]
    fn unknown_columns_read_as_the_server_says_them() {
        let server = test_server();
        let conn = test_conn(&server);
        let mut cat = Catalog::decode("table\tpostgres\tt\tn:integer\nrow\t1\n");
        let fail = |cat: &mut Catalog, sql: &str| match execute(&conn, cat, sql) {
            Err(e) => (e.message, e.position),
            Ok(_) => panic!("{sql} succeeded"),
        };
        assert_eq!(
            fail(&mut cat, "select x from t"),
            ("column \"x\" does not exist".to_string(), Some(8))
        );
        assert_eq!(
            fail(&mut cat, "select n from t where x = 1").0,
            "column \"x\" does not exist"
        );
        assert_eq!(
            fail(&mut cat, "select n from t order by x").0,
            "column \"x\" does not exist"
        );
        assert_eq!(
            fail(&mut cat, "update t set x = 2").0,
            "column \"x\" of relation \"t\" does not exist"
        );
        assert_eq!(
            fail(&mut cat, "update t set n = 'a'").0,
            "invalid input syntax for type integer: \"a\""
        );
    }

    #[test]
    fn statements_split_outside_quotes() {
        assert_eq!(
            statements("insert into t values ('a;b'); select 1;\n\\dt\nselect 2"),
            vec![
                "insert into t values ('a;b')",
                "select 1",
                "\\dt",
                "select 2"
            ]
        );
    }

    #[test]
    fn options_and_uris() {
        let a = |v: &[&str]| parse_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let o = a(&["-U", "app", "-d", "shop", "-Atc", "select 1"])
            .ok()
            .unwrap();
        assert_eq!(
            (o.user.as_deref(), o.db.as_deref()),
            (Some("app"), Some("shop"))
        );
        assert!(o.tuples_only && o.unaligned);
        assert_eq!(o.commands, vec!["select 1"]);
        let o = a(&["postgresql://app:pw@pg-0.pg:5433/shop?sslmode=disable"])
            .ok()
            .unwrap();
        assert_eq!(o.host.as_deref(), Some("pg-0.pg"));
        assert_eq!(o.port, 5433);
        assert_eq!(o.password.as_deref(), Some("pw"));
        assert_eq!(o.db.as_deref(), Some("shop"));
        assert!(a(&["-Z"]).is_err());
        assert!(a(&["-c"]).is_err());
    }

    /// Any statement, however broken, gets a result or an error: never a
    /// panic; a hand-edited data file with short rows reads as NULLs.
    #[test]
    fn random_statements_always_answer() {
        let server = test_server();
        let conn = test_conn(&server);
        let parts = [
            "select", "insert", "into", "t", "values", "(", ")", "1", "'a'", "'", ",", "*", "from",
            "where", "id", "=", "order by", "limit", "create", "table", "database", "int",
            "serial", "text", "drop", "update", "set", "delete", "count(*)", "\\dt", "if",
            "exists", "not", "null", "desc", "x", "\u{e9}", "\u{3000}", ";", "--",
        ];
        let mut rng = crate::engine::rng::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.range(0, n as u64 - 1) as usize;
        let mut cat = Catalog::decode("table\tpostgres\tt\tid:serial\tname:text\nrow\t1\n");
        assert_eq!(cat.tables[0].2.rows[0], vec![Some("1".to_string()), None]);
        for _ in 0..20_000 {
            let n = 1 + next(9);
            let sql: Vec<&str> = (0..n).map(|_| parts[next(parts.len())]).collect();
            for st in statements(&sql.join(" ")) {
                if let Ok(out) = execute(&conn, &mut cat, &st) {
                    let _ = render(&out, &opts());
                }
            }
            let args: Vec<String> = (0..next(4))
                .map(|_| parts[next(parts.len())].to_string())
                .collect();
            let _ = parse_args(&args);
        }
        assert_eq!(Catalog::decode(&cat.encode()), cat);
    }

    #[test]
    fn the_catalog_round_trips() {
        let mut c = Catalog::default();
        c.databases.push("shop".into());
        c.tables.push((
            "shop".into(),
            "t".into(),
            Table {
                columns: vec![
                    Column {
                        name: "id".into(),
                        ty: Type::Serial,
                    },
                    Column {
                        name: "n".into(),
                        ty: Type::Int,
                    },
                    Column {
                        name: "note".into(),
                        ty: Type::Text,
                    },
                ],
                rows: vec![
                    vec![Some("1".into()), Some("7".into()), None],
                    vec![Some("2".into()), None, Some("a\tb\\N".into())],
                ],
            },
        ));
        assert_eq!(Catalog::decode(&c.encode()), c);
    }
}
