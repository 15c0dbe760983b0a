//! The `ordinal` command line (native only): the same engine and console as
//! the page, for scripts, checks and a terminal session.
//!
//!   ordinal run [--seed N] [--strict] SCRIPT|-   run a script, print its transcript
//!   ordinal check FILE.yaml...                   validate manifests (FILE:LINE:COL: message)
//!   ordinal repl [--seed N]                      the console in a terminal

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use ordinal::console::sh::End;
use ordinal::console::Console;
use ordinal::manifest::{self, Severity};

/// mimalloc: the engine allocates at every write, and glibc's allocator
/// cost a fifth of its instructions (Cargo.toml). Output is unchanged:
/// nothing in the engine depends on where memory comes from.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `print!` and `println!` that end the program quietly when standard
/// output is closed (`ordinal run s.sh | head`), with the status a shell
/// gives a command killed by SIGPIPE, instead of std's panic.
macro_rules! print {
    ($($t:tt)*) => { emit(format_args!($($t)*), false) };
}
macro_rules! println {
    ($($t:tt)*) => { emit(format_args!($($t)*), true) };
}

fn emit(args: std::fmt::Arguments, newline: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| {
            if newline {
                out.write_all(b"\n")
            } else {
                Ok(())
            }
        })
        .and_then(|()| out.flush());
    if written.is_err() {
        std::process::exit(141);
    }
}

const USAGE: &str = "usage: ordinal run [--seed N] [--strict] SCRIPT|-
       ordinal check FILE.yaml...
       ordinal repl [--seed N]
       ordinal lesson list | ordinal lesson run NAME [--lang pt-BR] [--seed N] [--try]
       ordinal --help | --version
";

const HELP: &str = "Ordinal: a simulated Kubernetes cluster for learning StatefulSets and headless Services.

Commands:
  run [--seed N] [--strict] SCRIPT|-   run a shell script of kubectl and sim commands against a fresh
                                       simulated cluster and print its transcript (`-` reads stdin).
                                       Exit 0 when the script ran to its end; 1 with --strict when a
                                       command failed; N when the script ran `exit N` (or stopped
                                       under its own `set -e`); 2 when the script cannot be read or
                                       parsed.
  check FILE.yaml...                   validate manifests as the API server and kubectl would;
                                       prints FILE:LINE:COL: message, exit 1 on any error.
  repl [--seed N]                      the console in a terminal (history, line editing).
  lesson list                          the guided lessons.
  lesson run NAME [--lang pt-BR] [--seed N] [--try]
                                       play a lesson's reference solution step by step and verify
                                       each step's check (exit 1 if one fails); --try also plays the
                                       lesson's 'try this' experiments, each on a copy of the cluster.

The seed (default 1) decides every random choice: Pod IPs, latencies, uids.
";

fn main() -> ExitCode {
    #[cfg(not(target_arch = "wasm32"))]
    ordinal::native_alloc::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") | Some("version") => {
            println!("ordinal {}", ordinal::VERSION);
            ExitCode::SUCCESS
        }
        Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("run") => run(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("repl") => repl(&args[1..]),
        Some("lesson") => lesson(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `--seed N` and the remaining arguments.
fn take_seed(args: &[String]) -> Result<(u64, bool, Vec<String>), String> {
    let mut seed = 1;
    let mut strict = false;
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--seed" {
            let v = args.get(i + 1).ok_or("--seed needs a number")?;
            seed = v.parse().map_err(|_| format!("invalid seed {v:?}"))?;
            i += 2;
            continue;
        }
        if let Some(v) = a.strip_prefix("--seed=") {
            seed = v.parse().map_err(|_| format!("invalid seed {v:?}"))?;
        } else if a == "--strict" {
            strict = true;
        } else {
            rest.push(a.clone());
        }
        i += 1;
    }
    Ok((seed, strict, rest))
}

/// Why a file could not be read, in the C library's words (without Rust's
/// `(os error N)`).
fn io_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory",
        std::io::ErrorKind::PermissionDenied => "Permission denied",
        std::io::ErrorKind::IsADirectory => "Is a directory",
        _ => "Input/output error",
    }
}

/// `path` taken relative to `dir` unless it is absolute.
fn resolve(dir: &Path, path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        dir.join(p)
    }
}

/// Reads files relative to a folder (the script's), for `kubectl apply -f`.
fn reader_for(dir: PathBuf) -> ordinal::console::FileReader {
    Rc::new(move |path: &str| {
        let full = resolve(&dir, path);
        std::fs::read_to_string(&full).map_err(|_| "No such file or directory".to_string())
    })
}

/// Lists folders relative to the script's, for `kubectl apply -f DIR` and `-k DIR`.
fn lister_for(dir: PathBuf) -> ordinal::console::DirLister {
    Rc::new(move |path: &str| {
        let full = resolve(&dir, path);
        let entries = std::fs::read_dir(&full).ok()?;
        let mut out: Vec<(String, bool)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                let is_dir = e.path().is_dir();
                (e.file_name().to_string_lossy().into_owned(), is_dir)
            })
            .collect();
        out.sort();
        Some(out)
    })
}

fn run(args: &[String]) -> ExitCode {
    let (seed, strict, rest) = match take_seed(args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ordinal run: {e}");
            return ExitCode::from(2);
        }
    };
    // One script, no other flags: `ordinal run --bogus x.sh` is a mistake
    // to report, not a script named `--bogus` to look for.
    if let Some(a) = rest
        .iter()
        .find(|a| a.starts_with('-') && a.as_str() != "-")
    {
        eprintln!("ordinal run: unknown flag: {a}");
        eprint!("{USAGE}");
        return ExitCode::from(2);
    }
    if rest.len() > 1 {
        eprintln!("ordinal run: one script at a time (got {})", rest.join(" "));
        eprint!("{USAGE}");
        return ExitCode::from(2);
    }
    let Some(script) = rest.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let (src, dir) = if script == "-" {
        let mut s = String::new();
        if std::io::stdin().read_to_string(&mut s).is_err() {
            eprintln!("-: cannot read standard input");
            return ExitCode::from(2);
        }
        (s, std::env::current_dir().unwrap_or_default())
    } else {
        match std::fs::read(script) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => (
                    s,
                    Path::new(script)
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_default(),
                ),
                Err(_) => {
                    eprintln!("{script}:1: the script is not valid UTF-8");
                    return ExitCode::from(2);
                }
            },
            Err(e) => {
                // FILE:LINE: as for a syntax error; line 0, as sh says
                // `sh: 0: cannot open nosuch.sh: No such file`.
                eprintln!("{script}:0: cannot open {script}: {}", io_reason(&e));
                return ExitCode::from(2);
            }
        }
    };
    let mut console = Console::new(seed);
    console.set_file_reader(reader_for(dir.clone()));
    console.set_dir_lister(lister_for(dir));
    match console.run_script(&src, strict) {
        Err(e) => {
            eprintln!("{script}:{}: {}", e.line, e.message);
            ExitCode::from(2)
        }
        Ok(t) => {
            print!("{t}");
            match t.end {
                End::Errexit(_) if strict => ExitCode::from(1),
                // The script stopped itself (`exit N`, or a failure under
                // its own `set -e`): its status, as sh exits with it.
                End::Exit(n) | End::Errexit(n) => ExitCode::from((n & 0xff) as u8),
                _ => ExitCode::SUCCESS,
            }
        }
    }
}

fn check(files: &[String]) -> ExitCode {
    if files.is_empty() {
        eprintln!("usage: ordinal check FILE.yaml...");
        return ExitCode::from(2);
    }
    let mut errors = 0;
    for f in files {
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{f}: cannot read: {}", io_reason(&e));
                errors += 1;
                continue;
            }
        };
        let parsed = manifest::parse_bytes(&bytes, f);
        for d in parsed.diagnostics() {
            println!("{}", d.render(f));
            if d.severity == Severity::Error {
                errors += 1;
            }
        }
        // Server-side validation: what the API server would answer.
        for d in manifest::validate::server_diagnostics(&parsed) {
            println!("{}", d.render(f));
            errors += 1;
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The page has its own console; a wasm build of the command line has no terminal.
#[cfg(target_arch = "wasm32")]
fn repl(_args: &[String]) -> ExitCode {
    eprintln!("ordinal repl: needs a terminal");
    ExitCode::from(2)
}

#[cfg(not(target_arch = "wasm32"))]
fn repl(args: &[String]) -> ExitCode {
    let (seed, _, _) = match take_seed(args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ordinal repl: {e}");
            return ExitCode::from(2);
        }
    };
    let mut console = Console::new(seed);
    console.set_interactive(true);
    let cwd = std::env::current_dir().unwrap_or_default();
    console.set_file_reader(reader_for(cwd.clone()));
    console.set_dir_lister(lister_for(cwd));
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ordinal repl: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "Ordinal {} — a simulated Kubernetes 1.35 cluster. Type `help`, or Ctrl-D to leave.",
        ordinal::VERSION
    );
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() {
            console.prompt()
        } else {
            "> ".to_string()
        };
        match rl.readline(&prompt) {
            Ok(line) => {
                if !buffer.is_empty() {
                    buffer.push('\n');
                }
                buffer.push_str(&line);
                if let ordinal::console::sh::Completeness::NeedsMore(_) =
                    Console::completeness(&buffer)
                {
                    continue;
                }
                let _ = rl.add_history_entry(buffer.as_str());
                let t = console.run(&buffer);
                buffer.clear();
                for e in &t.entries {
                    for (stream, text) in &e.output {
                        match stream {
                            ordinal::console::sh::Stream::Stdout => print!("{text}"),
                            ordinal::console::sh::Stream::Stderr => eprint!("{text}"),
                        }
                    }
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => buffer.clear(),
            Err(_) => break,
        }
    }
    ExitCode::SUCCESS
}

fn lesson(args: &[String]) -> ExitCode {
    use ordinal::lessons::{self, Lang, Snapshot};
    const LESSON_USAGE: &str = "usage: ordinal lesson list [--lang pt-BR]\n       ordinal lesson run NAME [--lang pt-BR] [--seed N] [--try]\n";
    let (seed, _, rest) = match take_seed(args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ordinal lesson: {e}");
            return ExitCode::from(2);
        }
    };
    let mut lang = Lang::En;
    let mut with_try = false;
    let mut words = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        let code = if a == "--lang" {
            i += 1;
            Some(rest.get(i).map(String::as_str).unwrap_or(""))
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(code) = code {
            match Lang::parse(code) {
                Some(l) => lang = l,
                None => {
                    eprintln!("ordinal lesson: unknown language {code:?} (en or pt-BR)");
                    return ExitCode::from(2);
                }
            }
        } else if a == "--try" {
            with_try = true;
        } else {
            words.push(a);
        }
        i += 1;
    }
    for e in lessons::load_errors() {
        eprintln!("ordinal lesson: {e}");
    }
    match words.as_slice() {
        ["list"] => {
            let (steps, tries) = match lang {
                Lang::En => ("steps", "experiments"),
                Lang::PtBr => ("passos", "experimentos"),
            };
            for l in lessons::lessons() {
                println!(
                    "{:<10} {} ({} {steps}, {} {tries})",
                    l.id,
                    l.title.get(lang),
                    l.steps.len(),
                    l.experiments.len()
                );
            }
            ExitCode::SUCCESS
        }
        ["run", name] => {
            let Some(lesson) = lessons::find(name) else {
                eprintln!("ordinal lesson: no lesson {name:?} (see `ordinal lesson list`)");
                return ExitCode::from(2);
            };
            let (label, passed, failed) = match lang {
                Lang::En => ("Step", "check passed", "check failed"),
                Lang::PtBr => ("Passo", "verificação ok", "verificação falhou"),
            };
            let mut console = lessons::open(lesson, seed);
            let mut failures = 0;
            println!(
                "# {}\n\n{}\n",
                lesson.title.get(lang),
                lesson.summary.get(lang)
            );
            for (n, step) in lesson.steps.iter().enumerate() {
                println!(
                    "== {label} {}/{}: {} ==\n{}\n",
                    n + 1,
                    lesson.steps.len(),
                    step.title.get(lang),
                    step.text.get(lang)
                );
                let base = Snapshot::take(console.engine());
                print!("{}", step.play(&mut console));
                let v = step.evaluate(&console, &base);
                if v.passed {
                    println!("\u{2714} {passed}\n");
                } else {
                    failures += 1;
                    println!("\u{2718} {failed}: {}\n", v.hint(lang).unwrap_or(""));
                }
                if !with_try {
                    continue;
                }
                for x in lesson.experiments.iter().filter(|x| x.after == n + 1) {
                    println!(
                        "-- #{} {} --\n{}\n",
                        x.mistake,
                        x.title.get(lang),
                        x.text.get(lang)
                    );
                    let mut copy = console.clone();
                    let base = Snapshot::take(copy.engine());
                    print!("{}", x.play(&mut copy));
                    let v = x.evaluate(&copy, &base);
                    if v.passed {
                        println!("\u{2714} {passed}\n");
                    } else {
                        failures += 1;
                        println!("\u{2718} {failed}: {}\n", v.hint(lang).unwrap_or(""));
                    }
                }
            }
            if failures > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            eprint!("{LESSON_USAGE}");
            ExitCode::from(2)
        }
    }
}
