//! The `ordinal` binary itself: what a shell sees of it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn ordinal() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ordinal"))
}

/// `ordinal run -` started with `script` on its standard input.
fn run_stdin(script: &str) -> std::process::Child {
    run_stdin_with(&[], script)
}

/// `ordinal run FLAGS… -` started with `script` on its standard input.
fn run_stdin_with(flags: &[&str], script: &str) -> std::process::Child {
    let mut child = ordinal()
        .arg("run")
        .args(flags)
        .arg("-")
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
    // console.md's FILE:LINE: message, in the C library's words (no
    // Rust `(os error 2)`).
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "/nonexistent/script.sh:0: cannot open /nonexistent/script.sh: No such file or directory\n"
    );
}

#[test]
fn an_unknown_flag_or_a_second_script_is_a_usage_error() {
    for args in [
        &["run", "--bogus", "x.sh"][..],
        &["run", "a.sh", "b.sh"][..],
    ] {
        let out = ordinal().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(err.contains("usage: ordinal run"), "{err}");
    }
    let out = ordinal().args(["run", "--bogus", "x.sh"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("ordinal run: unknown flag: --bogus\n")
    );
}

#[test]
fn a_script_that_exits_early_exits_with_its_status_as_sh_does() {
    // `exit N` stops the script with N; a failure under the script's own
    // `set -e` with the failed command's status; --strict says 1.
    let cases = [
        (
            "echo a\nexit 3\necho b\n",
            &[][..],
            3,
            "$ echo a\na\n$ exit 3\n",
        ),
        (
            "set -e\necho a\nfalse\necho b\n",
            &[][..],
            1,
            "$ set -e\n$ echo a\na\n$ false\n",
        ),
        (
            "set -e\nnosuch\necho b\n",
            &[][..],
            127,
            "$ set -e\n$ nosuch\nsh: nosuch: not found\n",
        ),
        (
            "nosuch\necho b\n",
            &["--strict"][..],
            1,
            "$ nosuch\nsh: nosuch: not found\n",
        ),
        ("false\necho b\n", &[][..], 0, "$ false\n$ echo b\nb\n"),
    ];
    for (script, flags, code, transcript) in cases {
        let out = run_stdin_with(flags, script).wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{script:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            transcript,
            "{script:?}"
        );
    }
}
