//! bash's additions that container scripts use (`bash -c` in the MySQL
//! tutorial's StatefulSet): `[[ … ]]`, `=~` with `BASH_REMATCH`,
//! `$(<file)`; and that sh (ash, dash) does not take them.
use super::*;

/// Output and status of `bash -c SRC` with some files on the host.
fn bash_with(src: &str, files: &[(&str, &str)], dirs: &[&str]) -> (String, i32) {
    let mut host = FakeHost::default();
    for (p, t) in files {
        host.files.insert(p.to_string(), t.to_string());
    }
    host.dirs = dirs.iter().map(|d| d.to_string()).collect();
    let mut io = Io::new();
    let mut shell = Shell::new();
    shell.set_bash(true);
    let status = shell.run_source(src, &mut host, &mut io);
    (io.text(), status)
}

fn bash(src: &str) -> (String, i32) {
    bash_with(src, &[], &[])
}

#[test]
fn cond_string_and_numeric_comparisons() {
    assert_eq!(bash("[[ abc == abc ]]").1, 0);
    assert_eq!(
        bash("[[ abc == a* ]]").1,
        0,
        "the right side of == is a pattern"
    );
    assert_eq!(
        bash("[[ abc == 'a*' ]]").1,
        1,
        "a quoted pattern matches literally"
    );
    assert_eq!(bash("[[ abc != abd ]]").1, 0);
    assert_eq!(bash("[[ a < b ]]").1, 0);
    assert_eq!(bash("[[ b > a ]]").1, 0);
    assert_eq!(bash("x=7; [[ $x -eq 7 ]]").1, 0);
    assert_eq!(bash("x=7; [[ $x -lt 3 ]]").1, 1);
    assert_eq!(bash("[[ 2+3 -ge 5 ]]").1, 0, "operands are arithmetic");
    // No field splitting inside [[ ]]: an empty or spaced value needs no quotes.
    assert_eq!(bash("x='a b'; [[ $x == 'a b' ]]").1, 0);
    assert_eq!(bash("x=; [[ -z $x ]]").1, 0);
    assert_eq!(bash("x=1; [[ -n $x ]]").1, 0);
    assert_eq!(bash("[[ word ]]").1, 0);
    assert_eq!(bash("[[ '' ]]").1, 1);
}

#[test]
fn cond_files() {
    let files = [("/data/f", "x")];
    let dirs = ["/data"];
    assert_eq!(bash_with("[[ -f /data/f ]]", &files, &dirs).1, 0);
    assert_eq!(bash_with("[[ -d /data ]]", &files, &dirs).1, 0);
    assert_eq!(bash_with("[[ -d /data/f ]]", &files, &dirs).1, 1);
    assert_eq!(bash_with("[[ -f /nope ]]", &files, &dirs).1, 1);
    assert_eq!(bash_with("[[ -e /data/f ]]", &files, &dirs).1, 0);
}

#[test]
fn cond_and_or_not_and_grouping() {
    assert_eq!(bash("[[ a == a && b == b ]]").1, 0);
    assert_eq!(bash("[[ a == a && b == c ]]").1, 1);
    assert_eq!(bash("[[ a == b || b == b ]]").1, 0);
    assert_eq!(bash("[[ ! a == b ]]").1, 0);
    assert_eq!(bash("[[ ! ( a == a || b == c ) ]]").1, 1);
    assert_eq!(bash("[[ ( a == b ) || ( c == c && d == d ) ]]").1, 0);
    // `&&` short-circuits: the file test is never asked for.
    let (_, st) = bash("[[ -f /nope && \"x$(<nope)\" != x ]]");
    assert_eq!(st, 1);
    // Outside, [[ ]] combines with the shell's own && and ||.
    assert_eq!(bash("[[ a == b ]] || echo no").0, "no\n");
    assert_eq!(bash("[[ a == a ]] && echo yes").0, "yes\n");
}

#[test]
fn regex_match_sets_bash_rematch() {
    // The MySQL tutorial's init container: the ordinal out of the hostname.
    let (o, st) = bash(
        "[[ `hostname` =~ -([0-9]+)$ ]] || exit 1\nordinal=${BASH_REMATCH[1]}\necho id=$((100 + $ordinal)) all=${BASH_REMATCH[0]} first=$BASH_REMATCH",
    );
    assert_eq!((o.as_str(), st), ("id=100 all=-0 first=-0\n", 0));
    let (o, st) = bash("[[ web =~ -([0-9]+)$ ]] || exit 1\necho unreachable");
    assert_eq!((o.as_str(), st), ("", 1));
    // A failed match empties the array.
    assert_eq!(
        bash("[[ a-1 =~ -([0-9]) ]]; [[ b =~ -([0-9]) ]]; echo \"[${BASH_REMATCH[1]}]\"").0,
        "[]\n"
    );
    // Two groups, white space in a class: the xtrabackup sidecar's parse of
    // `mysql-bin.000003	154`.
    let (o, _) = bash(
        "x='mysql-bin.000003\t154'\n[[ $x =~ ^(.*?)[[:space:]]+(.*?)$ ]] && echo \"${BASH_REMATCH[1]}|${BASH_REMATCH[2]}\"",
    );
    assert_eq!(o, "mysql-bin.000003|154\n");
    // Quoted parts of the regex match literally; alternatives in parentheses.
    assert_eq!(bash("[[ a.c =~ 'a.c' ]]").1, 0);
    assert_eq!(bash("[[ abc =~ 'a.c' ]]").1, 1);
    assert_eq!(bash("[[ abc =~ a.c ]]").1, 0);
    assert_eq!(bash("[[ dog =~ ^(cat|dog)$ ]]").1, 0);
    // A regex that does not compile: status 2.
    assert_eq!(bash("[[ a =~ ( ]]").1, 2);
}

#[test]
fn cond_in_if_and_under_set_e() {
    let src = "set -e\nordinal=0\nif [[ $ordinal -eq 0 ]]; then\n  echo primary\nelse\n  echo secondary\nfi\n[[ -d /nope ]] && exit 0\necho after";
    assert_eq!(bash(src), ("primary\nafter\n".to_string(), 0));
    // A false [[ ]] on its own ends a `set -e` script.
    assert_eq!(bash("set -e\n[[ a == b ]]\necho not").1, 1);
}

#[test]
fn xtrace_shows_cond() {
    let (o, _) = bash("set -x\nx=mysql-2\n[[ $x =~ -([0-9]+)$ ]]");
    assert_eq!(o, "+ x=mysql-2\n+ [[ mysql-2 =~ -([0-9]+)$ ]]\n");
}

#[test]
fn read_file_substitution() {
    let files = [("info", "CHANGE MASTER TO X\n\n")];
    let (o, _) = bash_with("echo \"[$(<info)]\"; echo \"[$( < info )]\"", &files, &[]);
    assert_eq!(o, "[CHANGE MASTER TO X]\n[CHANGE MASTER TO X]\n");
    let (o, _) = bash_with("x=\"$(<missing)\"; echo \"[$x] $?\"", &[], &[]);
    assert_eq!(o, "bash: missing: No such file or directory\n[] 1\n");
}

#[test]
fn sh_does_not_take_bash_syntax() {
    // ash and dash have no [[: it is a command name they cannot find.
    let (o, st) = sh("[[ a == a ]]");
    assert_eq!((o.as_str(), st), ("sh: [[: not found\n", 127));
    // Nor arrays.
    assert!(sh("echo ${A[1]}").0.contains("bad substitution"));
}

#[test]
fn cond_syntax_errors() {
    assert!(bash("[[ a == ]]").0.contains("conditional expression"));
    let e = crate::console::sh::parser::parse_bash("[[ a == a", &Limits::default()).unwrap_err();
    assert!(e.message.contains("]]"), "{}", e.message);
}

#[test]
fn exec_replaces_the_shell() {
    // The command runs, then the shell is gone with its status.
    assert_eq!(sh("exec echo hi; echo after"), ("hi\n".to_string(), 0));
    assert_eq!(
        sh("exec fail 3; echo after"),
        ("fail: boom\n".to_string(), 3)
    );
    // Without a command it changes nothing here and the script goes on.
    assert_eq!(sh("exec; echo after"), ("after\n".to_string(), 0));
}

#[test]
fn bash_xtrace_quotes_words() {
    let (o, _) = bash("set -x\necho [mysqld] server-id=100 'a b' \"it's\" ''");
    assert_eq!(
        o,
        "+ echo '[mysqld]' server-id=100 'a b' 'it'\\''s' ''\n[mysqld] server-id=100 a b it's \n"
    );
    // sh prints them bare.
    let (o, _) = sh("set -x\necho 'a b'");
    assert_eq!(o, "+ echo a b\na b\n");
}

#[test]
fn odd_bash_input_never_panics() {
    let inputs = [
        "[[",
        "[[ ]]",
        "[[ ( ]]",
        "[[ ) ]]",
        "[[ a =~ ]]",
        "[[ -f ]]",
        "[[ a == ",
        "[[ ! ]]",
        "[[ && ]]",
        "[[ a && ]]",
        "[[ a || || b ]]",
        "[[ a =~ ((((( ]]",
        "[[ a =~ '(' ]]",
        "[[ a =~ \"x\"( ]]",
        "[[ a -eq ]]",
        "[[ x -eq y+ ]]",
        "[[ a < ]]",
        "[[ a > b > c ]]",
        "${A[",
        "${A[1",
        "${A[x]}",
        "${A[1]",
        "echo ${#A[1]}",
        "$(<",
        "$(< )",
        "x=$(<)",
        "[[ $(<nofile) == x ]]",
        "[[ a =~ $ ]]",
        "[[ a =~ ^$ ]]",
        "[[ \u{e9}t\u{e9} =~ (t)(\u{e9}) ]] && echo ${BASH_REMATCH[2]}",
        "exec",
        "exec exec exec echo x",
        "[[ -v ]]",
        "[[ -v A ]]",
    ];
    for src in inputs {
        let _ = bash(src);
        let _ = sh(src);
    }
    // Deep nesting is refused by the limits, not by the stack.
    let deep = format!("[[ {} a {} ]]", "( ".repeat(500), ") ".repeat(500));
    assert_ne!(bash(&deep).1, 0);
    let nots = format!("[[ {} a ]]", "! ".repeat(500));
    assert_ne!(bash(&nots).1, 0);
    // A multi-byte match fills BASH_REMATCH by characters.
    assert_eq!(
        bash("[[ \u{e9}t\u{e9} =~ (t)(\u{e9}) ]] && echo ${BASH_REMATCH[2]}").0,
        "\u{e9}\n"
    );
}

#[test]
fn bash_scripts_do_not_expand_aliases_but_its_prompt_does() {
    // `bash -c` runs with expand_aliases off: the alias is defined, not used.
    let (out, status) = bash("alias hi='echo hello'\nhi\nalias hi");
    assert!(!out.contains("hello\n"), "{out}");
    assert!(out.contains("hi: "), "not found: {out}");
    assert!(out.ends_with("\nalias hi='echo hello'\n"), "{out}");
    assert_eq!(status, 0);
    // At a prompt (an interactive bash) it is substituted from the next line.
    let mut host = FakeHost::default();
    let mut shell = Shell::new();
    shell.set_bash(true);
    let text = |t: &crate::console::sh::Transcript| {
        t.entries
            .iter()
            .flat_map(|e| e.output.iter().map(|(_, s)| s.as_str()))
            .collect::<String>()
    };
    let t = shell.run_line("alias hi='echo hello'; hi 2>/dev/null; echo $?", &mut host);
    assert_eq!(text(&t), "127\n");
    let t = shell.run_line("hi there; alias; unalias hi nope", &mut host);
    assert_eq!(
        text(&t),
        "hello there\nalias hi='echo hello'\nbash: unalias: nope: not found\n"
    );
    assert_eq!(t.status, 1);
    let t = shell.run_line("alias -x", &mut host);
    assert_eq!(
        text(&t),
        "bash: alias: -x: invalid option\nalias: usage: alias [-p] [name[=value] ... ]\n"
    );
    assert_eq!(t.status, 2);
}

#[test]
fn bash_words_type_and_command_v_its_own_way() {
    assert_eq!(
        bash("type echo if; alias x='echo hi'; type x; f() { :; }; type f"),
        (
            "echo is a shell builtin\nif is a shell keyword\nx is aliased to `echo hi'\nf is a function\n"
                .into(),
            0
        )
    );
    // Not found: a message on stderr and status 1 (dash: stdout and 127).
    assert_eq!(
        bash("type nope; echo $?; command -v nope; echo $?"),
        ("bash: type: nope: not found\n1\n1\n".into(), 0)
    );
    assert_eq!(sh("type nope; echo $?").0, "nope: not found\n127\n");
}
