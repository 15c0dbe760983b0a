//! `trap`, as busybox ash has it (R11.5: a container's shell as PID 1 that
//! traps TERM runs its handler when the kubelet stops the container).

use super::{out, sh, FakeHost};
use crate::console::sh::{Delivery, Io, Shell};

#[test]
fn r11_5_trap_lists_what_is_set_in_ash_format() {
    assert_eq!(
        out("trap 'exit 1' SIGTERM; trap 'echo bye' EXIT; trap '' INT; trap"),
        "trap -- 'echo bye' EXIT\ntrap -- '' INT\ntrap -- 'exit 1' TERM\nbye\n"
    );
    // Names in any case, with or without SIG, and numbers.
    assert_eq!(
        out("trap 'a' sigterm; trap b 1 3; trap"),
        "trap -- 'b' HUP\ntrap -- 'b' QUIT\ntrap -- 'a' TERM\n"
    );
    assert_eq!(
        out("trap \"echo it's\" 15; trap"),
        "trap -- 'echo it'\"'\"'s' TERM\n"
    );
    // KILL cannot be caught, but ash records the action all the same.
    assert_eq!(out("trap 'x' KILL; trap"), "trap -- 'x' KILL\n");
}

#[test]
fn r11_5_trap_resets_and_rejects_unknown_signals() {
    assert_eq!(
        out("trap 'a' TERM INT; trap - TERM; trap"),
        "trap -- 'a' INT\n"
    );
    // A number first means no action: `trap 2` resets INT.
    assert_eq!(out("trap 'a' TERM INT; trap 2; trap"), "trap -- 'a' TERM\n");
    assert_eq!(out("trap 'a' EXIT; trap EXIT; trap"), "");
    assert_eq!(
        sh("trap 'a' FOO TERM; echo $?; trap"),
        (
            "sh: trap: FOO: invalid signal specification\n1\ntrap -- 'a' TERM\n".into(),
            0
        )
    );
    assert_eq!(sh("trap 'a' 65").1, 1);
    assert_eq!(sh("trap").1, 0);
    // No longer an unknown command.
    assert!(!out("trap 'exit 1' TERM").contains("not found"));
}

#[test]
fn r11_5_exit_trap_runs_when_the_shell_exits() {
    assert_eq!(sh("trap 'echo bye' EXIT; echo hi"), ("hi\nbye\n".into(), 0));
    // The status stays the shell's unless the action exits.
    assert_eq!(sh("trap 'echo bye' EXIT; exit 3"), ("bye\n".into(), 3));
    assert_eq!(sh("trap 'echo bye; exit 4' 0; true"), ("bye\n".into(), 4));
    assert_eq!(sh("trap 'echo bye' EXIT; trap - EXIT; echo hi").0, "hi\n");
    assert_eq!(sh("trap '' EXIT; echo hi").0, "hi\n");
    // Once only, even when the action exits.
    assert_eq!(
        sh("trap 'echo bye; exit 5' EXIT; exit 1"),
        ("bye\n".into(), 5)
    );
}

#[test]
fn r11_5_a_stopped_shell_has_not_exited() {
    // The host stops a shell that is still waiting (its budget is spent):
    // it is still running, and its EXIT trap has not run.
    let mut host = FakeHost {
        stop_after: Some(5),
        ..FakeHost::default()
    };
    let mut io = Io::new();
    let mut shell = Shell::new();
    shell.run_source(
        "trap 'echo bye' EXIT; while true; do sleep 1; done",
        &mut host,
        &mut io,
    );
    assert_eq!(io.text(), "");
}

fn delivered(src: &str, signal: u8) -> (Delivery, String) {
    let mut host = FakeHost {
        stop_after: Some(20),
        ..FakeHost::default()
    };
    let mut io = Io::new();
    let mut shell = Shell::new();
    shell.run_source(src, &mut host, &mut io);
    let mut io = Io::new();
    let d = shell.deliver(signal, &mut FakeHost::default(), &mut io);
    (d, io.text())
}

#[test]
fn r11_5_a_signal_runs_the_trap_of_a_running_shell() {
    let forever = "while true; do sleep 1; done";
    // The upstream e2e test's container.
    assert_eq!(
        delivered(&format!("trap \"exit 1\" SIGTERM; {forever}"), 15),
        (Delivery::Exited(1), String::new())
    );
    assert_eq!(
        delivered(&format!("trap 'echo stopping; exit 0' TERM; {forever}"), 15),
        (Delivery::Exited(0), "stopping\n".into())
    );
    // The EXIT trap runs after a handler that exits.
    assert_eq!(
        delivered(
            &format!("trap 'echo bye' EXIT; trap 'exit 143' TERM; {forever}"),
            15
        ),
        (Delivery::Exited(143), "bye\n".into())
    );
    assert_eq!(
        delivered(&format!("trap '' TERM; {forever}"), 15).0,
        Delivery::Ignored
    );
    assert_eq!(
        delivered(&format!("trap 'echo got it' TERM; {forever}"), 15),
        (Delivery::Resumed, "got it\n".into())
    );
    assert_eq!(delivered(forever, 15).0, Delivery::Default);
    assert_eq!(
        delivered(&format!("trap 'exit 2' INT; {forever}"), 15).0,
        Delivery::Default
    );
}
