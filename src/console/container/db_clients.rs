//! The health check of the PostgreSQL images that people type and that
//! readiness probes run: `pg_isready`. It reaches the server over the
//! simulated network (the port is open once the database container is up),
//! as `mysqladmin ping` does for MySQL and `redis-cli ping` for Redis
//! (`redis.rs`). The images' other clients (`pg_dump`) say they are not
//! simulated (`Toolbox::unsimulated`).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;

use super::host::ContainerHost;

/// `-x VALUE`, `-xVALUE` or `--long=VALUE` at `args[*i]` (advancing past a
/// separate value).
pub(super) fn option_value(
    args: &[String],
    i: &mut usize,
    short: &str,
    long: &str,
) -> Option<String> {
    let a = &args[*i];
    if a == short || (!long.is_empty() && a == long) {
        *i += 1;
        return Some(args.get(*i).cloned().unwrap_or_default());
    }
    if !long.is_empty() {
        if let Some(v) = a.strip_prefix(&format!("{long}=")) {
            return Some(v.to_string());
        }
    }
    // `-h127.0.0.1`: a short option glued to its value.
    a.strip_prefix(short)
        .filter(|v| !v.is_empty() && !short.starts_with("--"))
        .map(str::to_string)
}

/// `pg_isready [-h HOST] [-p PORT] [-U USER] [-d DB] [-t SECS] [-q]`:
/// `HOST:PORT - accepting connections` (exit 0) or `- no response`
/// (exit 2); without `-h`, the local socket directory.
pub(crate) fn pg_isready(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let mut host: Option<String> = None;
    let mut port: u16 = 5432;
    let mut quiet = false;
    let mut i = 0;
    while i < args.len() {
        if i + 1 == args.len() && ["-h", "-p", "-U", "-d", "-t"].contains(&args[i].as_str()) {
            io.err(&format!(
                "pg_isready: option requires an argument -- '{}'\nTry \"pg_isready --help\" for more information.\n",
                &args[i][1..]
            ));
            return 3;
        }
        if let Some(v) = option_value(args, &mut i, "-h", "--host") {
            host = Some(v);
        } else if let Some(v) = option_value(args, &mut i, "-p", "--port") {
            match v.parse() {
                Ok(p) => port = p,
                Err(_) => {
                    io.err(&format!("pg_isready: invalid port number: \"{v}\"\n"));
                    return 3;
                }
            }
        } else if option_value(args, &mut i, "-U", "--username").is_some()
            || option_value(args, &mut i, "-d", "--dbname").is_some()
            || option_value(args, &mut i, "-t", "--timeout").is_some()
        {
        } else if args[i] == "-q" || args[i] == "--quiet" {
            quiet = true;
        } else {
            io.err(&format!(
                "pg_isready: invalid option -- '{}'\nTry \"pg_isready --help\" for more information.\n",
                args[i].trim_start_matches('-')
            ));
            return 3;
        }
        i += 1;
    }
    let at = match &host {
        Some(h) if !h.starts_with('/') => h.clone(),
        _ => "/var/run/postgresql".to_string(),
    };
    let tcp = host.as_deref().filter(|h| !h.starts_with('/'));
    let (text, code) = match h.server_reach(tcp, port) {
        Ok(_) => ("accepting connections", 0),
        Err(_) => ("no response", 2),
    };
    if !quiet {
        io.out(&format!("{at}:{port} - {text}\n"));
    }
    code
}
