//! A seeded property test: random command lines (token soup, generated
//! programs, random characters) never panic, always terminate, always give
//! a status and a well-formed transcript.
use super::*;
use crate::console::sh::{completeness, parse_with, Limits, Stream};

/// xorshift64*: enough randomness for a test, and always the same sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TOKENS: &[&str] = &[
    "echo",
    "x",
    "$x",
    "${x:-d}",
    "${x#w}",
    "\"$x\"",
    "'q w'",
    "kubectl",
    "get",
    "pods",
    "grep",
    "web",
    "wc",
    "-l",
    "awk",
    "'{print $1}'",
    "sort",
    "head",
    "-n",
    "1",
    "$(echo a)",
    "`echo b`",
    "$((1+2))",
    "$((x/0))",
    "x=1",
    "y=$x",
    "for",
    "in",
    "do",
    "done",
    "if",
    "then",
    "else",
    "elif",
    "fi",
    "while",
    "until",
    "case",
    "esac",
    "{",
    "}",
    "(",
    ")",
    "|",
    "||",
    "&&",
    ";",
    ";;",
    "&",
    "\n",
    "<<EOF",
    "EOF",
    "<<'E'",
    "E",
    ">",
    "/tmp/f",
    ">>",
    "<",
    "2>&1",
    ">&2",
    "!",
    "\\",
    "\"",
    "'",
    "$",
    "$(",
    "${",
    "`",
    "#",
    "true",
    "false",
    "exit",
    "read",
    "seq",
    "3",
    "printf",
    "'%s\\n'",
    "fail",
    "sleep",
    "test",
    "[",
    "]",
    "-f",
    "=",
    "break",
    "continue",
    "f()",
    "return",
    "eval",
    "set",
    "-e",
    "shift",
    "local",
    "export",
    "unset",
    "alias",
    "unalias",
    "command",
    "-v",
    "type",
    "a=f",
    "f='f f'",
    "cat",
    "tr",
    "a-z",
    "A-Z",
    "cut",
    "-d:",
    "-f1",
    "tail",
    "+2",
    "uniq",
    "-c",
    "base64",
    "xargs",
    "nosuch",
    "*",
    "~",
    "$?",
    "$#",
    "$@",
    "\"$@\"",
    "tee",
    "f",
    ".",
    "/tmp/f",
    "mixed",
    "stdin",
    "-o",
    "pipefail",
    "-x",
    "$((",
    "))",
    "${#x}",
    "é",
    "\t",
];

const SIMPLE: &[&str] = &[
    "echo $i",
    "kubectl get pods | grep web | wc -l",
    "x=$((x+1))",
    "fail 3",
    "printf '%s-%d\\n' a 1 b 2",
    "echo \"${x:-none}\" > /tmp/f; cat /tmp/f",
    "seq 1 5 | awk '{s+=$1} END {print s}'",
    "read a b",
    "mixed 2>&1 | sort",
    "test -n \"$x\" && echo set || echo unset",
    "f a b",
    "break",
    "continue",
    "x=$(echo $x$x)",
    "cat <<EOF\nbody $x\nEOF",
    "set -- a b c; shift",
    "eval 'echo e'",
    "alias f='echo al'",
    "alias g='f; f' f='g x'",
    "unalias f",
    "nosuch arg",
    "echo a | tee /tmp/t | tr a-z A-Z",
    "exit 2",
];

/// A random but well-formed program.
fn program(r: &mut Rng, depth: usize) -> String {
    let simple = |r: &mut Rng| r.pick(SIMPLE).to_string();
    if depth == 0 {
        return simple(r);
    }
    match r.below(7) {
        0 => format!("for i in 1 2 3; do {}; done", program(r, depth - 1)),
        1 => format!(
            "if {}; then {}; else {}; fi",
            program(r, depth - 1),
            program(r, depth - 1),
            program(r, depth - 1)
        ),
        2 => format!(
            "while {}; do {}; done",
            program(r, depth - 1),
            program(r, depth - 1)
        ),
        3 => format!("( {} ) | {}", program(r, depth - 1), simple(r)),
        4 => format!("f() {{ {}; }}; f x", program(r, depth - 1)),
        5 => format!(
            "{} && {} || {}",
            program(r, depth - 1),
            simple(r),
            simple(r)
        ),
        _ => format!("{}\n{}", program(r, depth - 1), program(r, depth - 1)),
    }
}

/// A filter with random options and arguments, fed a kubectl table.
fn filter_line(r: &mut Rng) -> String {
    const FILTERS: &[&str] = &[
        "grep", "head", "tail", "wc", "sort", "uniq", "cut", "tr", "awk", "sed", "base64", "cat",
        "tee", "rev", "xargs", "seq", "printf", "echo", "test", "read",
    ];
    const ARGS: &[&str] = &[
        "-n",
        "-c",
        "-v",
        "-i",
        "-E",
        "-F",
        "-w",
        "-x",
        "-o",
        "-q",
        "-l",
        "-A",
        "-B",
        "1",
        "0",
        "-1",
        "+2",
        "-5",
        "99999999999999999999",
        "-k",
        "2",
        "2,1",
        "-t",
        ":",
        "-r",
        "-u",
        "-d",
        "' '",
        "-f",
        "1-",
        "3-1",
        "-s",
        "a-z",
        "'[:upper:]'",
        "-e",
        "'s/\\(a/x/'",
        "'s/a/\\1/g'",
        "'1,$p'",
        "'$!d'",
        "'{print $NF, $-1}'",
        "'{print $(NF+5)}'",
        "'NR>1'",
        "'{x=$1; sub(/a/,\"b\",x); print x}'",
        "'/web/,/db/p'",
        "'y/a/'",
        "%e",
        "%5.3s",
        "%d",
        "%c",
        "%b",
        "'\\x'",
        "\\",
        "-w0",
        "-s,",
        "-I{}",
        "'('",
        "']'",
        "-z",
        "-a",
        "-o",
        "!",
        "=",
        "web",
        "'.*'",
        "'x*'",
        "'^'",
        "'$'",
        "'[a'",
        "'a{1,2}'",
        "'(a|)+'",
    ];
    let mut words = vec![r.pick(FILTERS).to_string()];
    for _ in 0..r.below(5) {
        words.push(r.pick(ARGS).to_string());
    }
    format!("kubectl get pods | {}", words.join(" "))
}

fn random_text(r: &mut Rng) -> String {
    match r.below(4) {
        3 => filter_line(r),
        0 => {
            let n = 1 + r.below(30);
            let sep = if r.below(4) == 0 { "" } else { " " };
            (0..n).map(|_| r.pick(TOKENS)).collect::<Vec<_>>().join(sep)
        }
        1 => {
            let depth = r.below(4);
            program(r, depth)
        }
        _ => {
            let alphabet: Vec<char> = "ab $'\"`\\(){};|&<>#=*?[]-\n\té0".chars().collect();
            (0..r.below(40))
                .map(|_| alphabet[r.below(alphabet.len())])
                .collect()
        }
    }
}

#[test]
fn random_input_never_panics_and_always_ends() {
    let limits = Limits {
        loop_iterations: 20,
        commands: 300,
        output_per_command: 2048,
        output_per_run: 16384,
        value_bytes: 4096,
        ..Limits::default()
    };
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut ran = 0;
    for case in 0..4000 {
        let src = random_text(&mut r);
        let lines = src.split('\n').count();
        let _ = completeness(&src);
        match parse_with(&src, &limits) {
            Err(e) => {
                assert!(
                    e.message.starts_with("syntax error: "),
                    "case {case} {src:?}: {}",
                    e.message
                );
                assert!(
                    e.line >= 1 && e.line <= lines,
                    "case {case} {src:?}: line {}",
                    e.line
                );
            }
            Ok(script) => {
                ran += 1;
                let mut sh = Shell::with_limits(limits.clone());
                let t = sh.run_script(&script, &mut FakeHost::default());
                assert!(t.entries.len() <= script.items.len());
                for e in &t.entries {
                    assert!(!e.lines.is_empty(), "case {case} {src:?}");
                    assert!(
                        (0..=255).contains(&e.status),
                        "case {case} {src:?}: status {}",
                        e.status
                    );
                    let bytes: usize = e.output.iter().map(|(_, s)| s.len()).sum();
                    assert!(
                        bytes <= limits.output_per_command + 200,
                        "case {case} {src:?}"
                    );
                }
                let text = t.to_string();
                assert!(
                    text.is_empty() || text.starts_with("$ "),
                    "case {case} {src:?}"
                );
                let mut io = Io::with_limit(4096);
                let status = Shell::with_limits(limits.clone()).run_source(
                    &src,
                    &mut FakeHost::default(),
                    &mut io,
                );
                assert!(
                    (0..=255).contains(&status),
                    "case {case} {src:?}: status {status}"
                );
                assert!(io.stream(Stream::Stdout).len() <= 4096);
            }
        }
    }
    assert!(ran > 1000, "only {ran} of the random inputs parsed");
}
