//! Every limit stops what it bounds with a message naming it, and the run
//! ends (or goes on) cleanly.
use super::*;
use crate::console::sh::{parse, End, Limits, Transcript};

fn run_with(limits: Limits, src: &str) -> Transcript {
    Shell::with_limits(limits).run_script(&parse(src).unwrap(), &mut FakeHost::default())
}

fn small(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    f(&mut l);
    l
}

#[test]
fn loops_stop_after_their_iterations() {
    let t = run_with(small(|l| l.loop_iterations = 5), "i=0; while true; do i=$((i+1)); done; echo $? $i\nfor i in 1 2 3 4 5 6; do :; done; echo $?");
    assert_eq!(
        t.to_string(),
        "$ i=0; while true; do i=$((i+1)); done; echo $? $i\nsh: while: loop stopped after 5 iterations (limit loop_iterations)\n1 5\n\
         $ for i in 1 2 3 4 5 6; do :; done; echo $?\nsh: for: loop stopped after 5 iterations (limit loop_iterations)\n1\n"
    );
    assert_eq!(t.end, End::Completed);
    let t = run_with(
        small(|l| l.loop_iterations = 5),
        "for i in 1 2 3 4 5; do :; done; echo ok",
    );
    assert_eq!(t.entries[0].output_text(), "ok\n");
    // The default bound ends an endless loop too.
    assert_eq!(
        out("until false; do :; done"),
        "sh: until: loop stopped after 10000 iterations (limit loop_iterations)\n"
    );
}

#[test]
fn commands_are_counted_per_run() {
    let t = run_with(
        small(|l| l.commands = 20),
        "while true; do :; done\necho never",
    );
    assert_eq!(t.end, End::Limit);
    assert_eq!(t.entries.len(), 1);
    assert_eq!(
        t.entries[0].output_text(),
        "sh: stopped after 20 commands (limit commands)\n"
    );
    // A console runs line after line: each run counts from zero.
    let mut sh = Shell::with_limits(small(|l| l.commands = 3));
    let mut host = FakeHost::default();
    for _ in 0..10 {
        assert_eq!(
            sh.run_line("echo a; echo b", &mut host).to_string(),
            "$ echo a; echo b\na\nb\n"
        );
    }
}

#[test]
fn output_is_truncated_per_command_and_bounded_per_run() {
    let t = run_with(
        small(|l| l.output_per_command = 10),
        "echo 0123456789abc\necho next",
    );
    assert_eq!(
        t.to_string(),
        "$ echo 0123456789abc\n0123456789\nsh: output truncated after 10 bytes (limit output_per_command)\n$ echo next\nnext\n"
    );
    let t = run_with(
        small(|l| l.output_per_run = 20),
        "echo 0123456789\necho 0123456789\necho never",
    );
    assert_eq!(t.end, End::Limit);
    assert_eq!(t.entries.len(), 2);
    assert_eq!(
        t.entries[1].output_text(),
        "0123456789\nsh: stopped after 20 bytes of output (limit output_per_run)\n"
    );
    // Generators stop once their output is full instead of running on.
    let (text, _) = sh("seq 1 1000000000000 | wc -l");
    assert_eq!(
        text,
        "\nsh: output truncated after 1048576 bytes (limit output_per_command)\n165668\n"
    );
    let (text, _) = sh("printf '%999999999s' x | wc -c");
    assert_eq!(text, "65536\n");
}

#[test]
fn nesting_is_bounded_at_run_time() {
    let t = run_with(Limits::default(), "f() { f; }\nf\necho after");
    assert_eq!(
        t.entries[1].output_text(),
        "sh: f: nested more than 32 levels deep (limit depth)\n"
    );
    assert_eq!(t.entries[2].output_text(), "after\n");
    let (text, _) = sh("e='eval \"$e\"'; eval \"$e\"");
    assert_eq!(
        text,
        "sh: eval: nested more than 32 levels deep (limit depth)\n"
    );
    let (text, _) = sh("f() { echo $(f); }; f");
    assert_eq!(
        text,
        "sh: $(…): nested more than 32 levels deep (limit depth)\n\n"
    );
    let mut host = FakeHost::default();
    host.files.insert("/self.sh".into(), ". /self.sh".into());
    let mut io = Io::new();
    Shell::new().run_source(". /self.sh; echo no", &mut host, &mut io);
    assert_eq!(
        io.text(),
        "sh: .: nested more than 32 levels deep (limit depth)\n"
    );
    // Shells started by the host from shells are bounded too.
    let (text, status) = sh("s='sh -c \"$s\"'; export s; eval \"$s\"");
    assert_eq!(
        (text.as_str(), status),
        ("sh: shells nested too deeply\n", 2)
    );
}

#[test]
fn values_are_bounded() {
    let t = run_with(
        small(|l| l.value_bytes = 1000),
        "x=a; while true; do x=$x$x; done\necho ${#x}",
    );
    assert_eq!(
        t.entries[0].output_text(),
        "sh: expansion larger than 1000 bytes (limit value_bytes)\n"
    );
    assert_eq!(t.entries[1].output_text(), "512\n");
    let t = run_with(
        small(|l| l.value_bytes = 100),
        "printf '%0200d\\n' 0 | { read x; echo $?; }",
    );
    assert_eq!(t.entries[0].output_text(), "2\n");
    let (text, _) = sh("x=a; while true; do x=$x$x; done");
    assert_eq!(
        text,
        "sh: expansion larger than 1048576 bytes (limit value_bytes)\n"
    );
}

/// Scripts that nest as deep as the limits let them, each in its own way.
fn deepest_scripts() -> Vec<String> {
    vec![
        "f() { f; }; f".to_string(),
        "f() { echo $(f); }; f".to_string(),
        "f() { ( f ) | cat; }; f".to_string(),
        "f() { for i in 1; do while true; do case x in x) f;; esac; break; done; done; }; f"
            .to_string(),
        "e='eval \"$e\"'; eval \"$e\"".to_string(),
        "s='sh -c \"$s\" | cat'; export s; eval \"$s\"".to_string(),
        "g() { x=$(g) ; echo \"${x:-$(g)}\" > /dev/null; }; g".to_string(),
        format!(
            "f() {{ {} f; {} }}; f",
            "if true; then ".repeat(45),
            "fi; ".repeat(45)
        ),
        format!("echo {}x{}", "$(echo ".repeat(30), ")".repeat(30)),
    ]
}

#[test]
fn the_deepest_runs_fit_a_small_stack() {
    // A wasm page has a 1 MiB stack. These tests run unoptimised, with
    // frames several times larger than a release build's (the deepest of
    // these needs about 0.7 MiB here, under 0.2 MiB optimised).
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            for src in deepest_scripts() {
                let (text, _) = sh(&src);
                assert!(
                    text.contains("(limit depth)")
                        || text.contains("nested too deeply")
                        || text == "x\n",
                    "{src}: {text}"
                );
            }
        })
        .unwrap()
        .join()
        .unwrap();
}
