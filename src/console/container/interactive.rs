//! An interactive shell inside a container (`kubectl exec -it POD -- sh`,
//! `kubectl run -it … -- sh`): the console feeds it one line at a time; it
//! keeps the shell's variables and the working directory between lines and
//! says when the shell has exited.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::session::DnsTrace;
use crate::console::sh::{End, Invocation, Io, Limits, Shell, Stream};
use crate::engine::Engine;

use super::host::ContainerHost;
use super::image::{ShellKind, Toolbox};

/// A shell session in one container.
#[derive(Clone, Debug)]
pub struct InteractiveShell {
    namespace: String,
    pod: String,
    container: String,
    kind: ShellKind,
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
        let kind = match base {
            "sh" => tools.shell,
            "ash" => ShellKind::Ash,
            "dash" => ShellKind::Dash,
            "bash" => ShellKind::Bash,
            _ => return Err("not a shell".into()),
        };
        let env = super::env::container_env(engine, &p, container, &tools);
        let inv = Invocation {
            argv,
            stdin: None,
            env: &env,
            depth: 0,
        };
        let mut shell =
            Shell::nested(&inv, Limits::default()).ok_or_else(|| "too deep".to_string())?;
        shell.set_args(base, &[]);
        // bash's `\h`: the hostname up to its first dot.
        let kernel = crate::engine::Engine::kernel_hostname(&p);
        let hostname = kernel.split('.').next().unwrap_or("");
        Ok(InteractiveShell {
            namespace: namespace.to_string(),
            pod: pod.to_string(),
            container: container.to_string(),
            kind,
            shell,
            cwd: "/".to_string(),
            hostname: hostname.to_string(),
            image: spec.image.to_string(),
        })
    }

    /// The prompt the shell prints before reading a line (`/ # `,
    /// `root@web-0:/# `, `# `).
    pub fn prompt(&self) -> String {
        match self.kind {
            ShellKind::Ash => format!("{} # ", self.cwd),
            ShellKind::Bash => format!("root@{}:{}# ", self.hostname, self.cwd),
            ShellKind::Dash => "# ".to_string(),
        }
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
