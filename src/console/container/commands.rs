//! Which implementation answers a program the image has, and the small
//! option parser the programs share.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::{Invocation, Io, Limits, Shell};

use super::host::{quote, ContainerHost};
use super::image::ShellKind;
use super::{
    cassandra, db_clients, du, find_dd, fs_cmds, identity, ls, mounts, mysql, net, perm_cmds, psql,
    redis, sys_cmds, sysctl, tar, zookeeper,
};

/// Runs program `prog` (a base name the image has) for `cmd`.
pub(crate) fn run(h: &mut ContainerHost<'_>, prog: &str, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let args = &cmd.argv[1..];
    match prog {
        "sh" => {
            let kind = h.tools.shell;
            h.run_shell(kind, cmd, io)
        }
        "ash" => h.run_shell(ShellKind::Ash, cmd, io),
        "dash" => h.run_shell(ShellKind::Dash, cmd, io),
        "bash" => h.run_shell(ShellKind::Bash, cmd, io),
        "ls" => ls::ls(h, args, cmd.tty, io),
        "find" => find_dd::find(h, args, io),
        "dd" => find_dd::dd(h, args, cmd.stdin, io),
        "mkdir" => fs_cmds::mkdir(h, args, io),
        "rmdir" => fs_cmds::rmdir(h, args, io),
        "rm" => fs_cmds::rm(h, args, io),
        "touch" => fs_cmds::touch(h, args, io),
        "mv" => fs_cmds::mv(h, args, io),
        "cp" => fs_cmds::cp(h, args, io),
        "ln" => fs_cmds::ln(h, args, io),
        "tar" => tar::tar(h, cmd, io),
        "cd" => fs_cmds::cd(h, args, io),
        "chown" => perm_cmds::chown(h, args, io),
        "chgrp" => perm_cmds::chgrp(h, args, io),
        "chmod" => perm_cmds::chmod(h, args, io),
        "pwd" => {
            io.out(&format!("{}\n", h.cwd));
            0
        }
        "basename" => fs_cmds::basename(args, io),
        "dirname" => fs_cmds::dirname(args, io),
        "which" => fs_cmds::which(h, args, io),
        "df" => mounts::df(h, args, io),
        "du" => du::du(h, args, io),
        "mount" => mounts::mount(h, args, io),
        "hostname" => sys_cmds::hostname(h, args, io),
        "env" | "printenv" => sys_cmds::env(h, prog, cmd, io),
        "date" => sys_cmds::date(h, args, io),
        "sleep" => sys_cmds::sleep(h, args, io),
        "id" => identity::id(h, args, io),
        "whoami" => identity::whoami(h, io),
        "uname" => sys_cmds::uname(h, args, io),
        "sysctl" => sysctl::sysctl(h, args, io),
        "kill" => sys_cmds::kill(h, args, io),
        "pkill" | "pgrep" => sys_cmds::pkill(h, prog, args, io),
        "ps" => sys_cmds::ps(h, args, io),
        "nginx" => sys_cmds::nginx(h, args, io),
        "nslookup" => net::nslookup::run(h, args, io),
        "dig" => net::dig::dig(h, args, io),
        "host" => net::dig::host(h, args, io),
        "getent" => net::resolve::getent(h, args, io),
        "ping" => net::ping::run(h, args, io),
        "curl" => net::client::curl(h, args, io),
        "wget" => net::client::wget(h, args, io),
        "nc" => net::nc::nc(h, args, cmd.stdin, io),
        "mysql" => mysql::mysql(h, cmd, io),
        "mysqladmin" => mysql::mysqladmin(h, cmd, io),
        "ncat" => mysql::ncat(h, args, io),
        "xbstream" => mysql::xbstream(h, cmd, io),
        "xtrabackup" => mysql::xtrabackup(h, args, io),
        "zkCli.sh" => zookeeper::zkcli(h, args, io),
        "zookeeper-ready" => zookeeper::ready(h, args),
        "nodetool" => cassandra::nodetool(h, args, io),
        "pg_isready" => db_clients::pg_isready(h, args, io),
        "psql" => psql::psql(h, cmd, io),
        "redis-cli" | "valkey-cli" => redis::redis_cli(h, prog, cmd, io),
        _ if h.tools.unsimulated(prog) => {
            io.err(&format!(
                "{prog}: this program of the image is not simulated in Ordinal (its server is: ports, probes and logs)\n"
            ));
            1
        }
        // A shell builtin or text filter run by its path (`/bin/echo hi`):
        // the shell's own implementation answers.
        _ => {
            let mut argv = cmd.argv.to_vec();
            argv[0] = prog.to_string();
            let src = argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ");
            let Some(mut shell) = Shell::nested(cmd, Limits::default()) else {
                return 2;
            };
            shell.run_source_with_stdin(&src, cmd.stdin, h, io)
        }
    }
}

/// Options and operands of a command line: single-letter flags (`-la`
/// bundles), `--long` flags, `--` ends options.
#[derive(Debug, Default)]
pub(crate) struct Opts {
    pub flags: Vec<char>,
    pub long: Vec<String>,
    pub operands: Vec<String>,
}

impl Opts {
    /// Parses `args`; flags outside `allowed` are returned as the error.
    pub fn parse(args: &[String], allowed: &str) -> Result<Opts, char> {
        let mut o = Opts::default();
        let mut rest = false;
        for a in args {
            if rest || a == "-" || !a.starts_with('-') {
                o.operands.push(a.clone());
            } else if a == "--" {
                rest = true;
            } else if let Some(l) = a.strip_prefix("--") {
                o.long.push(l.to_string());
            } else {
                for c in a[1..].chars() {
                    if !allowed.contains(c) {
                        return Err(c);
                    }
                    o.flags.push(c);
                }
            }
        }
        Ok(o)
    }

    pub fn has(&self, c: char) -> bool {
        self.flags.contains(&c)
    }

    pub fn has_long(&self, l: &str) -> bool {
        self.long.iter().any(|x| x == l)
    }
}
