//! Syntax errors as busybox ash words them, with the line `ordinal run`
//! reports, and what the console's continuation prompt waits for.
use crate::console::sh::{completeness, parse, parse_with, Completeness, Limits, Pending};

fn err(src: &str) -> (usize, String) {
    match parse(src) {
        Ok(_) => panic!("{src:?} parsed"),
        Err(e) => (e.line, e.to_string()),
    }
}

#[test]
fn errors_are_worded_as_ash() {
    let cases: &[(&str, usize, &str)] = &[
        (
            "echo \"abc",
            1,
            "sh: syntax error: unterminated quoted string",
        ),
        (
            "echo a\necho 'abc\n\n",
            2,
            "sh: syntax error: unterminated quoted string",
        ),
        (
            "for i in 1 2; do echo $i",
            1,
            "sh: syntax error: unexpected end of file (expecting \"done\")",
        ),
        (
            "echo start\nfor i in 1 2; do\n  echo $i\n\n",
            2,
            "sh: syntax error: unexpected end of file (expecting \"done\")",
        ),
        ("done", 1, "sh: syntax error: unexpected \"done\""),
        (
            "echo a\n  done\n",
            2,
            "sh: syntax error: unexpected \"done\"",
        ),
        (
            "for i in 1; do done",
            1,
            "sh: syntax error: unexpected \"done\"",
        ),
        ("if then fi", 1, "sh: syntax error: unexpected \"then\""),
        (
            "if true; then echo a",
            1,
            "sh: syntax error: unexpected end of file (expecting \"fi\")",
        ),
        (
            "if true; then echo; fi fi",
            1,
            "sh: syntax error: unexpected \"fi\"",
        ),
        (
            "if true\necho a\nfi",
            3,
            "sh: syntax error: unexpected \"fi\" (expecting \"then\")",
        ),
        (
            "while true",
            1,
            "sh: syntax error: unexpected end of file (expecting \"do\")",
        ),
        (
            "while true; echo; done",
            1,
            "sh: syntax error: unexpected \"done\" (expecting \"do\")",
        ),
        ("echo a |", 1, "sh: syntax error: unexpected end of file"),
        ("echo a && && b", 1, "sh: syntax error: unexpected \"&&\""),
        ("| echo", 1, "sh: syntax error: unexpected \"|\""),
        (";", 1, "sh: syntax error: unexpected \";\""),
        ("echo a ;;", 1, "sh: syntax error: unexpected \";;\""),
        ("echo a )", 1, "sh: syntax error: unexpected \")\""),
        (
            "( echo a",
            1,
            "sh: syntax error: unexpected end of file (expecting \")\")",
        ),
        ("( )", 1, "sh: syntax error: unexpected \")\""),
        (
            "{ echo a",
            1,
            "sh: syntax error: unexpected end of file (expecting \"}\")",
        ),
        (
            "{ echo a }",
            1,
            "sh: syntax error: unexpected end of file (expecting \"}\")",
        ),
        ("echo >", 1, "sh: syntax error: unexpected end of file"),
        ("echo >\necho", 1, "sh: syntax error: unexpected newline"),
        ("cat < | x", 1, "sh: syntax error: unexpected \"|\""),
        (
            "echo $(echo a",
            1,
            "sh: syntax error: unexpected end of file (expecting \")\")",
        ),
        ("echo ${x", 1, "sh: syntax error: missing '}'"),
        ("echo ${x!y}", 1, "sh: syntax error: bad substitution"),
        ("echo ${}", 1, "sh: syntax error: bad substitution"),
        ("echo $((1 + 2", 1, "sh: syntax error: missing '))'"),
        (
            "echo `echo a",
            1,
            "sh: syntax error: EOF in backquote substitution",
        ),
        ("echo `done`", 1, "sh: syntax error: unexpected \"done\""),
        (
            "for 1 in a; do :; done",
            1,
            "sh: syntax error: bad for loop variable",
        ),
        (
            "for \"i\" in a; do :; done",
            1,
            "sh: syntax error: bad for loop variable",
        ),
        (
            "for i in a b do echo; done",
            1,
            "sh: syntax error: unexpected \"done\" (expecting \"do\")",
        ),
        (
            "case x in a) echo",
            1,
            "sh: syntax error: unexpected end of file (expecting \";;\")",
        ),
        (
            "case x in a) echo;; b",
            1,
            "sh: syntax error: unexpected end of file (expecting \")\")",
        ),
        (
            "case x in",
            1,
            "sh: syntax error: unexpected end of file (expecting \"esac\")",
        ),
        (
            "case x a) ;; esac",
            1,
            "sh: syntax error: unexpected word (expecting \"in\")",
        ),
        (
            "case x in a echo;; esac",
            1,
            "sh: syntax error: unexpected word (expecting \")\")",
        ),
        (
            "f() {",
            1,
            "sh: syntax error: unexpected end of file (expecting \"}\")",
        ),
        (
            "f(",
            1,
            "sh: syntax error: unexpected end of file (expecting \")\")",
        ),
        ("echo a (", 1, "sh: syntax error: unexpected \"(\""),
    ];
    let mut wrong = Vec::new();
    for (src, line, msg) in cases {
        let got = err(src);
        if got != (*line, msg.to_string()) {
            wrong.push(format!("{src:?}: got {got:?}, want ({line}, {msg:?})"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn valid_scripts_parse() {
    for src in [
        "",
        "\n\n# only a comment\n",
        "echo a; echo b & echo c",
        "for i in 1 2\ndo\n  echo $i\ndone",
        "for i\ndo echo $i; done",
        "for i; do echo $i; done",
        "if a\nthen b\nelif c\nthen d\nelse e\nfi",
        "while read l\ndo\n  echo $l\ndone < f",
        "case $x in\n  a|b) echo ab ;;\n  *)\n    echo other\n    ;;\nesac",
        "case x in esac",
        "f() { echo f; }\nf",
        "f()\n{\n  echo f\n}",
        "! true && { false || true; }",
        "echo $( case x in x) echo y;; esac )",
        "echo $()",
        "x=1 y=2 env",
        "echo done fi then",
        "echo {",
        "a && \\\n b",
        "cat <<EOF | grep a && \\\n echo yes\nabc\nEOF",
        "echo 'a\nb' \"c\nd\"",
        "2>&1 echo; echo 3< f 4>f",
        "echo a#b ${x#y} $((8#1)) # comment",
    ] {
        if let Err(e) = parse(src) {
            panic!("{src:?}: {e} (line {})", e.line);
        }
    }
}

#[test]
fn items_keep_their_lines() {
    let s =
        parse("# c\n\necho a; echo b\nfor i in 1\ndo\n  :\ndone\ncat <<X\nbody\nX\necho \\\n  end")
            .unwrap();
    let lines: Vec<(usize, Vec<String>)> =
        s.items.iter().map(|i| (i.line, i.lines.clone())).collect();
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        lines,
        vec![
            (3, v(&["echo a; echo b"])),
            (4, v(&["for i in 1", "do", "  :", "done"])),
            (8, v(&["cat <<X", "body", "X"])),
            (11, v(&["echo \\", "  end"])),
        ]
    );
}

#[test]
fn crlf_scripts_parse() {
    let s = parse("echo a\r\nfor i in 1; do\r\n echo $i\r\ndone\r\n").unwrap();
    assert_eq!(s.items.len(), 2);
    assert_eq!(s.items[1].lines, vec!["for i in 1; do", " echo $i", "done"]);
}

#[test]
fn completeness_for_the_console() {
    let more = |src: &str| match completeness(src) {
        Completeness::NeedsMore(p) => p,
        Completeness::Complete => panic!("{src:?} is complete"),
    };
    assert_eq!(more("echo 'abc"), Pending::Quote);
    assert_eq!(more("echo \"abc\ndef"), Pending::Quote);
    assert_eq!(more("for i in 1 2; do"), Pending::Closing("done".into()));
    assert_eq!(
        more("for i in 1 2; do\n  echo $i\n"),
        Pending::Closing("done".into())
    );
    assert_eq!(more("if true; then echo"), Pending::Closing("fi".into()));
    assert_eq!(more("while true"), Pending::Closing("do".into()));
    assert_eq!(more("{ echo"), Pending::Closing("}".into()));
    assert_eq!(more("( echo"), Pending::Closing(")".into()));
    assert_eq!(more("echo $(ls"), Pending::Closing(")".into()));
    assert_eq!(more("case x in"), Pending::Closing("esac".into()));
    assert_eq!(more("echo ${x:-"), Pending::Substitution);
    assert_eq!(more("echo `ls"), Pending::Substitution);
    assert_eq!(more("cat <<EOF\nabc"), Pending::Heredoc("EOF".into()));
    assert_eq!(
        more("kubectl apply -f - <<'EOF'\n"),
        Pending::Heredoc("EOF".into())
    );
    assert_eq!(more("echo a \\"), Pending::Backslash);
    assert_eq!(more("echo a \\\n"), Pending::Backslash);
    assert_eq!(more("echo a &&"), Pending::Command);
    assert_eq!(more("echo a ||\n"), Pending::Command);
    assert_eq!(more("kubectl get pods |"), Pending::Command);
    for done in [
        "echo a",
        "",
        "done",
        "echo 'a'",
        "cat <<EOF\nx\nEOF",
        "for i in 1; do echo; done",
        "echo a\\\\",
        "echo )",
    ] {
        assert_eq!(completeness(done), Completeness::Complete, "{done:?}");
    }
}

#[test]
fn size_limits_are_syntax_errors() {
    let limits = Limits {
        script_bytes: 10,
        ..Limits::default()
    };
    let e = parse_with("echo 0123456789", &limits).unwrap_err();
    assert_eq!(
        e.to_string(),
        "sh: script larger than 10 bytes (limit script_bytes)"
    );
    let limits = Limits {
        script_lines: 2,
        ..Limits::default()
    };
    let e = parse_with("a\nb\nc\n", &limits).unwrap_err();
    assert_eq!(
        e.to_string(),
        "sh: script longer than 2 lines (limit script_lines)"
    );
    assert!(parse_with("a\nb\n", &limits).is_ok());
}

#[test]
fn nesting_is_bounded_without_overflowing_the_stack() {
    // Run where the stack is as small as a wasm page's, to show the bound holds there.
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            for src in [
                "(".repeat(100_000),
                "{ ".repeat(100_000),
                "echo $(".repeat(100_000),
                "echo \"${x:-".repeat(100_000),
                "echo $((".repeat(100_000),
                "if true; then ".repeat(100_000),
                "f() ".repeat(100_000),
            ] {
                let e = parse(&src).unwrap_err();
                assert!(
                    e.message.contains("limit depth") || e.pending.is_some(),
                    "{}: {}",
                    &src[..10],
                    e.message
                );
            }
            let e = parse(&"(".repeat(100)).unwrap_err();
            assert_eq!(
                e.message,
                "syntax error: nested more than 32 levels deep (limit depth)"
            );
            assert!(parse(&format!("{}echo{}", "( ".repeat(30), " )".repeat(30))).is_ok());
        })
        .unwrap()
        .join()
        .unwrap();
}
