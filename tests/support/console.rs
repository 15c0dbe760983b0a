//! Console helpers shared by the tests that type commands.
#![allow(dead_code)]

use ordinal::console::sh::Stream;
use ordinal::console::Console;

/// Runs one command line: its exit status, stdout and stderr.
pub fn run(c: &mut Console, cmd: &str) -> (i32, String, String) {
    let t = c.run(cmd);
    let mut out = String::new();
    let mut err = String::new();
    for e in &t.entries {
        for (s, text) in &e.output {
            match s {
                Stream::Stdout => out.push_str(text),
                Stream::Stderr => err.push_str(text),
            }
        }
    }
    (t.status, out, err)
}

/// Runs a command that must succeed: its stdout.
pub fn ok(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 0, "{cmd}: {err}");
    out
}

/// Runs a command that must fail with exit status 1: its stderr.
pub fn fails(c: &mut Console, cmd: &str) -> String {
    let (code, out, err) = run(c, cmd);
    assert_eq!(code, 1, "{cmd} should fail: {out}");
    err
}

/// The transcript of a whole script run on a fresh console (seed 1).
pub fn transcript(src: &str) -> String {
    Console::new(1)
        .run_script(src, false)
        .expect("the script parses")
        .to_string()
}

/// A Pod's STATUS column as `kubectl get pod` shows it.
pub fn pod_status(c: &mut Console, pod: &str) -> String {
    run(c, &format!("kubectl get pod {pod} --no-headers"))
        .1
        .split_whitespace()
        .nth(2)
        .unwrap_or_default()
        .to_string()
}

/// Applies a manifest through `kubectl apply -f -` and asserts it worked.
pub fn apply(c: &mut Console, yaml: &str) {
    let (code, out, err) = run(c, &format!("kubectl apply -f - <<'EOF'\n{yaml}\nEOF"));
    assert_eq!(code, 0, "{out}{err}");
}

/// Advances in 200 ms steps until `done` holds (at most `secs` simulated
/// seconds); the simulated seconds it took.
pub fn until(c: &mut Console, secs: u64, what: &str, done: impl Fn(&mut Console) -> bool) -> f64 {
    for i in 0..secs * 5 {
        if done(c) {
            return i as f64 / 5.0;
        }
        c.run("sim advance 200ms");
    }
    panic!("timed out after {secs}s waiting for {what}");
}

/// A console whose `kubectl apply -f NAME` reads the upstream tutorial
/// manifests of tests/fixtures/manifests.
pub fn with_fixtures() -> Console {
    let mut c = Console::new(1);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/manifests");
    c.set_file_reader(std::rc::Rc::new(move |path: &str| {
        std::fs::read_to_string(dir.join(path)).map_err(|_| "No such file or directory".to_string())
    }));
    c
}

/// The script lines that apply the gallery's example `id` unmodified and
/// let the cluster settle.
pub fn gallery_applied(id: &str) -> String {
    let example = ordinal::lessons::examples()
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("the gallery has no {id}"));
    format!(
        "kubectl apply -f - <<'YAML'\n{}YAML\nsim settle\n",
        example.manifest
    )
}
