//! `sh` and `bash` on the workstation: `sh -c 'kubectl get pods | wc -l'`,
//! `bash script.sh` for a file written with `cat > script.sh <<EOF`, or a
//! script piped in. The nested shell runs the same commands the console
//! does. Without a script a terminal would start an interactive shell;
//! the console is one already, so that does nothing.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::host::ConsoleHost;
use crate::console::session::Console;
use crate::console::sh::{Host, Invocation, Io, Limits, Shell};

pub fn run(console: &mut Console, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let name = cmd.argv[0].rsplit('/').next().unwrap_or("sh").to_string();
    let bash = name == "bash";
    let args = &cmd.argv[1..];
    let mut flags = String::new();
    let mut i = 0;
    let mut command: Option<(String, String, Vec<String>)> = None;
    while let Some(a) = args.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        let Some(opts) = a
            .strip_prefix('-')
            .filter(|o| !o.is_empty() && !o.starts_with('-'))
        else {
            break;
        };
        if opts.contains('c') {
            let Some(src) = args.get(i + 1) else {
                io.err(&if bash {
                    "bash: -c: option requires an argument\n".to_string()
                } else {
                    "sh: 0: -c requires an argument\n".to_string()
                });
                return 2;
            };
            flags.push_str(&opts.replace('c', ""));
            let arg0 = args.get(i + 2).cloned().unwrap_or_else(|| name.clone());
            let rest = args
                .get(i + 3..)
                .map(<[String]>::to_vec)
                .unwrap_or_default();
            command = Some((src.clone(), arg0, rest));
            break;
        }
        flags.push_str(opts);
        i += 1;
    }
    let mut host = ConsoleHost::new(console);
    let (src, arg0, positional) = match command {
        Some(c) => c,
        None => match args.get(i) {
            Some(file) => match host.read_file(file) {
                Ok(text) => (text, file.clone(), args[i + 1..].to_vec()),
                Err(e) => {
                    io.err(&if bash {
                        format!("bash: {file}: {e}\n")
                    } else {
                        format!("sh: 0: cannot open {file}: {e}\n")
                    });
                    return if bash { 127 } else { 2 };
                }
            },
            None => match cmd.stdin {
                Some(text) => (text.to_string(), name.clone(), Vec::new()),
                None => return 0,
            },
        },
    };
    let Some(mut shell) = Shell::nested(cmd, Limits::default()) else {
        io.err(&format!("{name}: too deeply nested\n"));
        return 2;
    };
    shell.set_bash(bash);
    shell.set_flags(&flags);
    shell.set_args(&arg0, &positional);
    shell.run_source(&src, &mut host, io)
}
