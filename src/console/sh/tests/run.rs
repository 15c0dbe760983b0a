//! Running scripts: transcripts, status, lists, pipes, loops, heredocs,
//! redirections, functions, and what the host is handed.
use super::*;
use crate::console::sh::{parse, End, Stream};

#[test]
fn smoke() {
    assert_eq!(out("echo hello world"), "hello world\n");
    assert_eq!(out("x=1; echo $x ${x} \"$x\" '$x'"), "1 1 1 $x\n");
    assert_eq!(out("for i in 0 1 2; do echo $i; done"), "0\n1\n2\n");
    assert_eq!(out("kubectl get pods | grep web | wc -l"), "3\n");
    assert_eq!(out("cat <<EOF\na $((1+2))\nEOF"), "a 3\n");
}

const SCRIPT: &str = "\
# Create the set and look at it.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
EOF

for i in 0 1; do
  echo \"web-$i\"
done
echo a \\
  b
kubectl get pods | grep web-0   # the first one
mixed
echo -n partial
sleep 10; echo slept
nosuch --flag
echo status=$?
";

const TRANSCRIPT: &str = "\
$ kubectl apply -f - <<EOF
> apiVersion: v1
> kind: Pod
> EOF
kubectl apply -f -
$ for i in 0 1; do
>   echo \"web-$i\"
> done
web-0
web-1
$ echo a \\
>   b
a b
$ kubectl get pods | grep web-0   # the first one
web-0   1/1     Running   0          10m
$ mixed
out1
err1
out2
$ echo -n partial
partial
$ sleep 10; echo slept
slept
$ nosuch --flag
sh: nosuch: not found
$ echo status=$?
status=127
";

#[test]
fn transcript_of_a_script_is_exact() {
    let script = parse(SCRIPT).unwrap();
    let mut host = FakeHost::default();
    let t = Shell::new().run_script(&script, &mut host);
    assert_eq!(t.to_string(), TRANSCRIPT);
    assert_eq!(t.end, End::Completed);
    assert_eq!(t.status, 0);
    assert_eq!(t.entries.len(), 9);
    assert_eq!(
        t.entries[4].output,
        vec![
            (Stream::Stdout, "out1\n".into()),
            (Stream::Stderr, "err1\n".into()),
            (Stream::Stdout, "out2\n".into())
        ]
    );
    assert_eq!(t.entries[7].status, 127);
    // The heredoc reached kubectl as its stdin; the top-level commands had none.
    assert_eq!(
        host.calls[0],
        (
            vec!["kubectl".into(), "apply".into(), "-f".into(), "-".into()],
            Some("apiVersion: v1\nkind: Pod\n".into())
        )
    );
    assert_eq!(host.calls[1].1, None);
    assert_eq!(host.calls[3].0, vec!["sleep", "10"]);
}

#[test]
fn a_command_substitution_over_several_lines_is_echoed_from_its_first_line() {
    // The word holding `$(` starts on the line where it starts, though
    // the nested parse read tokens on the lines after it.
    let script = "X=$(echo one\n  echo two)\necho \"$X\"\nY=$(cat <<EOF\nhello\nEOF\n)\n";
    let t = Shell::new().run_script(&parse(script).unwrap(), &mut FakeHost::default());
    assert_eq!(
        t.to_string(),
        "$ X=$(echo one\n>   echo two)\n$ echo \"$X\"\none\ntwo\n$ Y=$(cat <<EOF\n> hello\n> EOF\n> )\n"
    );
}

#[test]
fn exit_and_errexit_end_the_run() {
    let run = |src: &str, errexit: bool| {
        let mut sh = Shell::new();
        sh.set_errexit(errexit);
        sh.run_script(&parse(src).unwrap(), &mut FakeHost::default())
    };
    let t = run("echo a\nexit 3\necho never", false);
    assert_eq!((t.end, t.status, t.entries.len()), (End::Exit(3), 3, 2));
    assert_eq!(t.to_string(), "$ echo a\na\n$ exit 3\n");
    let t = run("echo a\nfail 4\necho after", false);
    assert_eq!((t.end, t.entries.len()), (End::Completed, 3));
    let t = run("echo a\nfail 4\necho after", true);
    assert_eq!((t.end, t.entries.len(), t.status), (End::Errexit(4), 2, 4));
    // Failures that are tested do not stop a strict run.
    let t = run("fail || true\nif fail; then :; fi\n! true\nfail && echo x\nwhile fail; do :; done\necho end", true);
    assert_eq!((t.end, t.entries.len()), (End::Completed, 6));
    let t = run("set -e\n(fail 2)\necho never", false);
    assert_eq!(t.end, End::Errexit(2));
    let t = run("set -e; set +e; fail; echo on", false);
    assert!(t.to_string().ends_with("on\n"));
}

#[test]
fn status_and_lists() {
    assert_eq!(out("fail 3; echo $?"), "fail: boom\n3\n");
    assert_eq!(out("fail && echo no || echo yes"), "fail: boom\nyes\n");
    assert_eq!(out("nosuch; echo $?"), "sh: nosuch: not found\n127\n");
    assert_eq!(sh("fail 5 | true").1, 0);
    assert_eq!(sh("true | fail 5").1, 5);
    assert_eq!(sh("set -o pipefail; fail 5 | true").1, 5);
    assert_eq!(sh("exit 300").1, 44);
    assert_eq!(out("exit abc; echo $?"), "sh: exit: Illegal number: abc\n");
    assert_eq!(out("echo a & echo b"), "a\nb\n");
}

#[test]
fn pipes_feed_stdin_to_host_commands() {
    let mut host = FakeHost::default();
    let mut io = Io::new();
    Shell::new().run_source(
        "echo apiVersion: v1 | kubectl apply -f -; stdin; stdin </dev/null",
        &mut host,
        &mut io,
    );
    assert_eq!(host.calls[0].1.as_deref(), Some("apiVersion: v1\n"));
    assert_eq!(io.text(), "kubectl apply -f -\n<none>\n<>\n");
    // The host does not consume stdin: a read loop around it goes on.
    assert_eq!(
        out("printf 'a\\nb\\n' | while read p; do kubectl delete pod $p; done"),
        "kubectl delete pod a\nkubectl delete pod b\n"
    );
    assert_eq!(
        out("kubectl get pods | awk 'NR>1 {print $1}' | xargs kubectl delete pod"),
        "kubectl delete pod web-0 web-1 web-2 db-0\n"
    );
    assert_eq!(
        out("kubectl get pods | tail -n +2 | cut -d' ' -f1 | xargs -I{} kubectl describe pod/{}"),
        "kubectl describe pod/web-0\nkubectl describe pod/web-1\nkubectl describe pod/web-2\nkubectl describe pod/db-0\n"
    );
}

#[test]
fn env_and_prefix_assignments_reach_the_host() {
    let mut host = FakeHost::default();
    let mut io = Io::new();
    let mut sh = Shell::new();
    sh.run_source(
        "export B=2 A=1; C=3; D=4 env; echo \"[$D]\"",
        &mut host,
        &mut io,
    );
    assert_eq!(io.text(), "A=1\nB=2\nD=4\n[]\n");
    assert_eq!(
        sh.env(),
        vec![
            ("A".to_string(), "1".to_string()),
            ("B".to_string(), "2".to_string())
        ]
    );
    assert_eq!(out("export X=1; export -p"), "export X='1'\n");
    assert_eq!(out("x=\"it's\"; set | grep ^x="), "x='it'\\''s'\n");
    assert_eq!(
        out("IFS=: read a b <<EOF\n1:2\nEOF\necho $a $b \"[$IFS]\""),
        "1 2 []\n"
    );
}

#[test]
fn expansion_reaches_the_host_as_words() {
    assert_eq!(
        out("x='a  b'; args $x \"$x\" '' \"\" $empty \"$empty\""),
        "[a][b][a  b][][][]\n"
    );
    assert_eq!(
        out("args $(echo 1 2) \"$(echo 1 2)\" `echo 3`"),
        "[1][2][1 2][3]\n"
    );
    assert_eq!(out("args a*b '*' ~/x"), "[a*b][*][~/x]\n");
    assert_eq!(
        out("HOME=/root; args ~ ~/x \"~\" a~"),
        "[/root][/root/x][~][a~]\n"
    );
    assert_eq!(
        out("args \"$(hostname)\".nginx web-$((1+1))"),
        "[web-0.nginx][web-2]\n"
    );
    assert_eq!(
        out("set -- 'a b' c; args \"$@\" \"$*\" $#"),
        "[a b][c][a b c][2]\n"
    );
    assert_eq!(
        out("args \"${x:-a b}\" ${x:-a b} ${x:-\"a b\"}"),
        "[a b][a][b][a b]\n"
    );
    assert_eq!(
        out("echo ${x:?must be set}; echo after"),
        "sh: x: must be set\n"
    );
    assert_eq!(out("echo $((1/0)); echo after"), "sh: divide by zero\n");
    assert_eq!(
        out("echo $((1+)); echo after"),
        "sh: arithmetic syntax error\n"
    );
    assert_eq!(
        out("set -u; echo $nope; echo after"),
        "sh: nope: parameter not set\n"
    );
    assert_eq!(out("echo $$ $# $0 ${#PODS}"), "1 0 sh 0\n");
}

#[test]
fn loops_and_conditions() {
    assert_eq!(
        out("for i in 1 2\ndo\n  for j in a b; do echo $i$j; done\ndone"),
        "1a\n1b\n2a\n2b\n"
    );
    assert_eq!(
        out("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i"),
        "3\n"
    );
    assert_eq!(
        out("until kubectl get pods | grep -q Running; do sleep 1; done; echo up"),
        "up\n"
    );
    assert_eq!(
        out("for f in web-0 db-0; do case $f in web-*) echo W;; *) echo O;; esac; done"),
        "W\nO\n"
    );
    assert_eq!(
        out("if [ -f /etc/hosts ]; then echo y; else echo n; fi"),
        "n\n"
    );
    assert_eq!(out("set -- x y; for a; do echo $a; done"), "x\ny\n");
    assert_eq!(out("break; continue; echo ok"), "ok\n");
    assert_eq!(out("for i in 1 2 3; do echo $i; done | tail -1"), "3\n");
}

#[test]
fn functions() {
    assert_eq!(
        out("greet() { echo \"hi $1\"; return 2; }\ngreet you; echo $?"),
        "hi you\n2\n"
    );
    assert_eq!(
        out("f() { local x=in; echo $x; }; x=out; f; echo $x"),
        "in\nout\n"
    );
    assert_eq!(
        out("f() { for i in 1 2 3; do [ $i = 2 ] && return; echo $i; done; }; f; echo end"),
        "1\nend\n"
    );
    assert_eq!(out("count() { echo $#; }; count a 'b c'; count"), "2\n0\n");
    assert_eq!(
        out("f() { echo $1; }; g() { f inner; echo $1; }; g outer"),
        "inner\nouter\n"
    );
    assert_eq!(out("local x=1"), "sh: local: not in a function\n");
    assert_eq!(out("f() { echo f; }; unset -f f; f"), "sh: f: not found\n");
}

#[test]
fn files_go_through_the_host() {
    let mut host = FakeHost::default();
    host.files.insert(
        "/etc/hosts".into(),
        "127.0.0.1 localhost\n10.244.1.2 web-0\n".into(),
    );
    host.dirs.push("/data".into());
    let mut io = Io::new();
    let src = "echo one > /data/f; echo two >> /data/f; cat /data/f; grep web /etc/hosts
cat < /etc/hosts | wc -l; : > /data/empty; [ -f /data/empty ] && echo exists; [ -d /data ] && echo dir
echo hidden > /dev/null; mixed 2>/dev/null; mixed 2>&1 >/dev/null; mixed > /data/both 2>&1
echo x > /ro/f; echo $?
cat < /missing; echo $?
cat /missing; echo $?; printf 'l1\\nl2\\n' | tee /data/t | wc -l
echo 'echo sourced $1' > /data/s.sh; . /data/s.sh arg; eval 'echo evaluated; x=1'; echo $x";
    Shell::new().run_source(src, &mut host, &mut io);
    assert_eq!(
        io.text(),
        "one\ntwo\n10.244.1.2 web-0\n2\nexists\ndir\nout1\nout2\nerr1\nsh: can't create /ro/f: Read-only file system\n2\n\
         sh: can't open /missing: No such file or directory\n2\ncat: can't open '/missing': No such file or directory\n1\n2\n\
         sourced arg\nevaluated\n1\n"
    );
    assert_eq!(host.files["/data/both"], "out1\nerr1\nout2\n");
    assert_eq!(host.files["/data/empty"], "");
    assert_eq!(host.files["/data/t"], "l1\nl2\n");
}

#[test]
fn heredocs() {
    assert_eq!(
        out("x=1\ncat <<EOF\n$x ${x} $(echo c) \\$x 'q' \"q\"\nEOF"),
        "1 1 c $x 'q' \"q\"\n"
    );
    assert_eq!(out("cat <<'EOF'\n$x `nope`\nEOF"), "$x `nope`\n");
    assert_eq!(
        out("cat <<-EOF\n\t\tindented\n\tEOF\necho after"),
        "indented\nafter\n"
    );
    assert_eq!(out("cat <<A; cat <<B\na\nA\nb\nB"), "a\nb\n");
    assert_eq!(
        out("for i in 1 2; do cat <<EOF\nn$i\nEOF\ndone"),
        "n1\nn2\n"
    );
    assert_eq!(out("cat <<EOF | grep b\na\nb\nEOF"), "b\n");
    assert_eq!(out("cat <<EOF\nno end"), "no end\n");
}

#[test]
fn xtrace_prints_commands() {
    assert_eq!(out("set -x; x=1; echo $x"), "+ x=1\n+ echo 1\n1\n");
}

#[test]
fn console_lines_and_syntax_errors() {
    let mut sh = Shell::new();
    let mut host = FakeHost::default();
    let t = sh.run_line("echo 'oops", &mut host);
    assert_eq!(
        t.to_string(),
        "$ echo 'oops\nsh: syntax error: unterminated quoted string\n"
    );
    assert_eq!((t.status, sh.status()), (2, 2));
    let t = sh.run_line("echo $?; x=5", &mut host);
    assert_eq!(t.to_string(), "$ echo $?; x=5\n2\n");
    let t = sh.run_line("echo $x", &mut host);
    assert_eq!(t.to_string(), "$ echo $x\n5\n");
    assert_eq!(sh.run_line("", &mut host).entries.len(), 0);
}

#[test]
fn nested_shells_inherit_exports() {
    assert_eq!(
        out("export A=1; B=2; sh -c 'echo \"$A-$B-$0-$1\"; exit 3' name x; echo $?"),
        "1--name-x\n3\n"
    );
    assert_eq!(out("echo piped | sh -c 'cat; echo $#'"), "piped\n0\n");
    assert_eq!(
        out("sh -c 'echo \"unterminated'; echo $?"),
        "sh: syntax error: unterminated quoted string\n2\n"
    );
}

#[test]
fn the_host_can_stop_a_run() {
    let mut host = FakeHost {
        stop_after: Some(3),
        ..FakeHost::default()
    };
    let t = Shell::new().run_script(
        &parse("echo 1\necho 2\nwhile true; do sleep 1; done\necho never").unwrap(),
        &mut host,
    );
    assert_eq!(t.end, End::Stopped);
    assert_eq!(t.entries.len(), 3);
}
