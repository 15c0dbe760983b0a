//! Tests of the shell, with a fake host that records what it is asked to
//! run and answers canned outputs.

mod bash;
mod dash;
mod expand;
mod filters;
mod fuzz;
mod limits;
mod run;
mod syntax;
mod trap;

use super::{not_found, FileType, Host, Invocation, Io, Limits, Shell};
use std::collections::BTreeMap;

/// `kubectl get pods` as a real cluster prints it.
pub(super) const PODS: &str = "\
NAME    READY   STATUS    RESTARTS   AGE
web-0   1/1     Running   0          10m
web-1   1/1     Running   2          9m
web-2   0/1     Pending   0          8m
db-0    1/1     Running   0          20m
";

#[derive(Default)]
pub(super) struct FakeHost {
    /// Every command the host ran: argv and stdin.
    pub calls: Vec<(Vec<String>, Option<String>)>,
    pub files: BTreeMap<String, String>,
    pub dirs: Vec<String>,
    /// Environment seen by the last `env` call.
    pub env: Vec<(String, String)>,
    /// Stop the run once this many commands were checked.
    pub stop_after: Option<usize>,
    checks: usize,
}

impl Host for FakeHost {
    fn exec(&mut self, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
        self.calls
            .push((cmd.argv.to_vec(), cmd.stdin.map(str::to_string)));
        let args = &cmd.argv[1..];
        match cmd.argv[0].as_str() {
            "kubectl" if args.first().is_some_and(|a| a == "get") => {
                io.out(PODS);
                0
            }
            "kubectl" => {
                io.out(&format!("kubectl {}\n", args.join(" ")));
                0
            }
            "sleep" => 0,
            // `sh -c SRC [NAME [ARGS…]]`, as a container host runs it.
            "sh" if args.len() >= 2 && args[0] == "-c" => {
                let Some(mut sh) = Shell::nested(cmd, Limits::default()) else {
                    io.err("sh: shells nested too deeply\n");
                    return 2;
                };
                let name = args.get(2).map_or("sh", String::as_str);
                sh.set_args(name, args.get(3..).unwrap_or_default());
                sh.run_source_with_stdin(&args[1], cmd.stdin, self, io)
            }
            "hostname" => {
                io.out("web-0\n");
                0
            }
            // Prints each argument in brackets: shows how words were split.
            "args" => {
                let s: String = args.iter().map(|a| format!("[{a}]")).collect();
                io.out(&format!("{s}\n"));
                0
            }
            "fail" => {
                io.err("fail: boom\n");
                args.first().and_then(|a| a.parse().ok()).unwrap_or(1)
            }
            "mixed" => {
                io.out("out1\n");
                io.err("err1\n");
                io.out("out2\n");
                0
            }
            "stdin" => {
                io.out(&format!("<{}>\n", cmd.stdin.unwrap_or("none")));
                0
            }
            "env" => {
                self.env = cmd.env.to_vec();
                for (k, v) in cmd.env {
                    io.out(&format!("{k}={v}\n"));
                }
                0
            }
            name => not_found(io, name),
        }
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "No such file or directory".into())
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        if path.starts_with("/ro/") {
            return Err("Read-only file system".into());
        }
        let f = self.files.entry(path.to_string()).or_default();
        if !append {
            f.clear();
        }
        f.push_str(data);
        Ok(())
    }

    fn file_type(&mut self, path: &str) -> Option<FileType> {
        if self.dirs.iter().any(|d| d == path) {
            Some(FileType::Dir)
        } else {
            self.files.contains_key(path).then_some(FileType::File)
        }
    }

    fn should_stop(&mut self) -> bool {
        self.checks += 1;
        self.stop_after.is_some_and(|n| self.checks > n)
    }
}

/// Output (stdout and stderr interleaved) and status of `sh -c SRC`.
pub(super) fn sh(src: &str) -> (String, i32) {
    let mut io = Io::new();
    let status = Shell::new().run_source(src, &mut FakeHost::default(), &mut io);
    (io.text(), status)
}

/// Just the output of `sh -c SRC`.
pub(super) fn out(src: &str) -> String {
    sh(src).0
}
