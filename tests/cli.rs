//! The `ordinal` binary itself: what a shell sees of it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn ordinal() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ordinal"))
}

/// `ordinal run -` started with `script` on its standard input.
fn run_stdin(script: &str) -> std::process::Child {
    let mut child = ordinal()
        .args(["run", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    child
}

#[test]
fn run_prints_the_transcript_and_reads_stdin() {
    let out = run_stdin("kubectl get ns default -o name\n")
        .wait_with_output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "$ kubectl get ns default -o name\nnamespace/default\n"
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_as_sigpipe_would() {
    // `ordinal run s.sh | head -1`: the reader goes away after one line.
    let script = "for i in $(seq 1 20000); do echo line $i; done\n";
    let mut child = run_stdin(script);
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("$ for i in"), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}

#[test]
fn a_script_that_cannot_be_read_exits_2() {
    let out = ordinal()
        .args(["run", "/nonexistent/script.sh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}
