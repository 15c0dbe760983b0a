//! `sh` and `bash` on the workstation: `sh -c 'kubectl get pods | wc -l'`,
//! `bash script.sh` for a file written with `cat > script.sh <<EOF`, or a
//! script piped in. The command line is read as a container's shell reads
//! it ([`parse_shell_line`]); the workstation is Debian, so `sh` is dash
//! and words its errors so. The nested shell runs the same commands the
//! console does. Without a script a terminal would start an interactive
//! shell; the console is one already, so that does nothing.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::host::ConsoleHost;
use crate::console::session::Console;
use crate::console::sh::{parse_shell_line, Host, Invocation, Io, ScriptSource, Shell};

pub fn run(console: &mut Console, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let bash = cmd.argv[0].rsplit('/').next() == Some("bash");
    let name = if bash { "bash" } else { "sh" };
    let Ok(line) = parse_shell_line(cmd.argv) else {
        io.err(if bash {
            "bash: -c: option requires an argument\n"
        } else {
            "sh: 0: -c requires an argument\n"
        });
        return 2;
    };
    let mut host = ConsoleHost::new(console);
    let (src, stdin) = match &line.source {
        // `-c`: the caller's stdin is the script's.
        ScriptSource::Command(src) => (src.clone(), cmd.stdin),
        ScriptSource::File(file) => match host.read_file(file) {
            Ok(text) => (text, None),
            Err(e) => {
                io.err(&if bash {
                    format!("bash: {file}: {e}\n")
                } else {
                    format!("sh: 0: cannot open {file}: {e}\n")
                });
                return if bash { 127 } else { 2 };
            }
        },
        ScriptSource::Stdin => match cmd.stdin {
            Some(text) => (text.to_string(), None),
            None => return 0,
        },
    };
    match Shell::started(cmd, &line, bash, name) {
        Ok(mut shell) => shell.run_source_with_stdin(&src, stdin, &mut host, io),
        Err(msg) => {
            io.err(&msg);
            2
        }
    }
}
