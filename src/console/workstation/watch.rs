//! `watch [-n SECONDS] [-g] [-t] COMMAND…` on the workstation, as procps-ng
//! runs it: the command through `sh -c` every interval, the screen redrawn
//! under a title line (`Every 2.0s: kubectl get pods`, and at the right
//! `HOST: DATE`). A terminal shows one screen that changes in place; the
//! console shows each screen that differs from the one before, one after
//! the other, as time passes in the simulation. A real watch runs until
//! Ctrl-C; here it ends when nothing in the cluster is pending and the
//! screen no longer changes (as `kubectl get -w` does), when `-g` sees
//! the output change, or after ten simulated minutes.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::host::{date_text, ConsoleHost};
use crate::console::session::Console;
use crate::console::sh::{Invocation, Io, ScriptSource, Shell, ShellLine};
use crate::engine::SimDuration;

use super::HOSTNAME as HOST;

/// The terminal width the title line is laid out for.
const COLUMNS: usize = 80;
/// How long a watch may run (simulated), and how many screens it may show.
const LIMIT: SimDuration = SimDuration::secs(600);
const MAX_SCREENS: usize = 300;

const USAGE: &str = "\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -c, --color            interpret ANSI color and style sequences\n  -d, --differences[=<permanent>]\n                         highlight changes between updates\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -n, --interval <secs>  seconds to wait between updates\n  -p, --precise          attempt run command in precise intervals\n  -t, --no-title         turn off header\n  -w, --no-wrap          turn off line wrapping\n  -x, --exec             pass command to exec instead of \"sh -c\"\n\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n\nFor more details see watch(1).\n";

#[derive(Debug)]
struct Options {
    interval_ms: u64,
    chgexit: bool,
    errexit: bool,
    title: bool,
}

/// Parses watch's options up to the command (the first word that is not
/// one, as getopt with `+` stops); Err is the message and the status.
fn parse(args: &[String]) -> Result<(Options, &[String]), (String, i32)> {
    let mut o = Options {
        interval_ms: 2000,
        chgexit: false,
        errexit: false,
        title: true,
    };
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (a.as_str(), None),
        };
        let interval = |v: &str| -> Result<u64, (String, i32)> {
            let secs: f64 = v
                .trim()
                .replace(',', ".")
                .parse()
                .map_err(|_| (format!("watch: failed to parse argument: '{v}'\n"), 1))?;
            // procps: at least 0.1 s, at most a month.
            Ok((secs.clamp(0.1, 2_678_400.0) * 1000.0).round() as u64)
        };
        match flag {
            "--" => {
                i += 1;
                break;
            }
            "-n" | "--interval" => {
                let v = match inline {
                    Some(v) => v.to_string(),
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or_else(|| {
                            (
                                format!("watch: option requires an argument -- 'n'\n{USAGE}"),
                                1,
                            )
                        })?
                    }
                };
                o.interval_ms = interval(&v)?;
            }
            f if f.starts_with("-n") && !f.starts_with("--") => {
                o.interval_ms = interval(&f[2..])?;
            }
            "-g" | "--chgexit" => o.chgexit = true,
            "-e" | "--errexit" => o.errexit = true,
            "-t" | "--no-title" => o.title = false,
            "-d" | "--differences" | "-b" | "--beep" | "-c" | "--color" | "-p" | "--precise"
            | "-w" | "--no-wrap" | "-x" | "--exec" => {}
            f if f.starts_with('-') && f.len() > 1 => {
                let what = if f.starts_with("--") {
                    format!("unrecognized option '{f}'")
                } else {
                    format!("invalid option -- '{}'", &f[1..2])
                };
                return Err((format!("watch: {what}\n{USAGE}"), 1));
            }
            _ => break,
        }
        i += 1;
    }
    let command = &args[i..];
    if command.is_empty() {
        return Err((USAGE.trim_start().to_string(), 1));
    }
    Ok((o, command))
}

/// The title line: `Every 2.0s: COMMAND` at the left, `HOST: DATE` at the
/// right of an 80-column terminal; a long command is cut with `...`.
fn title(interval_ms: u64, command: &str, date: &str) -> String {
    let left = format!("Every {:.1}s: ", interval_ms as f64 / 1000.0);
    let right = format!("{HOST}: {date}");
    let room = COLUMNS.saturating_sub(left.len() + right.len() + 1);
    let cmd: String = if command.chars().count() > room {
        let keep = room.saturating_sub(3);
        format!("{}...", command.chars().take(keep).collect::<String>())
    } else {
        command.to_string()
    };
    let used = left.len() + cmd.chars().count();
    let pad = COLUMNS.saturating_sub(used + right.len()).max(1);
    format!("{left}{cmd}{}{right}\n", " ".repeat(pad))
}

pub fn run(console: &mut Console, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
    let (o, words) = match parse(&cmd.argv[1..]) {
        Ok(p) => p,
        Err((msg, status)) => {
            io.err(&msg);
            return status;
        }
    };
    let src = words.join(" ");
    let deadline = console.engine.now() + LIMIT;
    let line = ShellLine {
        flags: String::new(),
        source: ScriptSource::Command(src.clone()),
        arg0: "sh".into(),
        positional: Vec::new(),
    };
    let mut last: Option<String> = None;
    for _ in 0..MAX_SCREENS {
        // `sh -c COMMAND`, as watch runs it.
        let mut shell = match Shell::started(cmd, &line, false, "watch") {
            Ok(s) => s,
            Err(msg) => {
                io.err(&msg);
                return 1;
            }
        };
        let mut screen = Io::new();
        let status = shell.run_source(&src, &mut ConsoleHost::new(console), &mut screen);
        let text = screen.text();
        let changed = last.as_deref() != Some(text.as_str());
        if changed {
            // Screens one after the other, a blank line between them.
            if last.is_some() {
                io.out("\n");
            }
            if o.title {
                let date = date_text(console.engine.now()).replace(" UTC", "");
                io.out(&title(o.interval_ms, &src, &date));
                io.out("\n");
            }
            io.out(&text);
        }
        if o.chgexit && changed && last.is_some() {
            return 0;
        }
        if o.errexit && status != 0 {
            io.err("\ncommand exit with a non-zero status, press a key to exit\n");
            return 8;
        }
        last = Some(text);
        let next = console.engine.now() + SimDuration::ms(o.interval_ms);
        let pending = console.engine.next_pending_wakeup();
        // Nothing will change any more: the screen is as it stays.
        if pending.is_none() || next > deadline {
            return 0;
        }
        console.engine.advance_to(next);
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_fills_eighty_columns_and_cuts_a_long_command() {
        let t = title(2000, "kubectl get pods", "Mon Jan  5 09:00:02 2026");
        assert_eq!(t.len(), 81, "{t:?}");
        assert!(t.starts_with("Every 2.0s: kubectl get pods "));
        assert!(t.ends_with(" workstation: Mon Jan  5 09:00:02 2026\n"));
        let long = "kubectl get pods -l app=nginx -o wide --sort-by=.metadata.name";
        let t = title(500, long, "Mon Jan  5 09:00:02 2026");
        assert!(t.starts_with("Every 0.5s: kubectl get pods -l "), "{t:?}");
        assert!(t.contains("... workstation:"), "{t:?}");
        assert_eq!(t.chars().count(), 81);
    }

    #[test]
    fn options_stop_at_the_command() {
        let args: Vec<String> = [
            "-n",
            "1",
            "-g",
            "kubectl",
            "get",
            "-n",
            "kube-system",
            "pods",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (o, cmd) = parse(&args).unwrap();
        assert_eq!((o.interval_ms, o.chgexit), (1000, true));
        assert_eq!(cmd.join(" "), "kubectl get -n kube-system pods");
        let bad: Vec<String> = vec!["-z".into(), "ls".into()];
        assert!(parse(&bad)
            .unwrap_err()
            .0
            .starts_with("watch: invalid option -- 'z'\n"));
        let n: Vec<String> = vec!["-n0.5".into(), "ls".into()];
        assert_eq!(parse(&n).unwrap().0.interval_ms, 500);
        assert!(parse(&[]).is_err());
    }
}
