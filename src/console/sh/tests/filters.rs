//! The filters on what kubectl prints, plus their errors and exit statuses.
use super::*;

fn pods(filter: &str) -> String {
    out(&format!("kubectl get pods | {filter}"))
}

#[test]
fn grep_on_tables() {
    assert_eq!(pods("grep Running | wc -l"), "3\n");
    assert_eq!(pods("grep -v NAME | grep -c web"), "3\n");
    assert_eq!(
        pods("grep -E 'Pending|0/1'"),
        "web-2   0/1     Pending   0          8m\n"
    );
    assert_eq!(pods("grep -i pending | awk '{print $1}'"), "web-2\n");
    assert_eq!(pods("grep -w web | wc -l"), "3\n");
    assert_eq!(pods("grep -w eb"), "");
    assert_eq!(pods("grep -o 'web-[0-9]'"), "web-0\nweb-1\nweb-2\n");
    assert_eq!(
        pods("grep -n db"),
        "5:db-0    1/1     Running   0          20m\n"
    );
    assert_eq!(pods("grep '^web-[12]' | cut -c1-5"), "web-1\nweb-2\n");
    assert_eq!(
        pods("grep -A1 web-2"),
        "web-2   0/1     Pending   0          8m\ndb-0    1/1     Running   0          20m\n"
    );
    assert_eq!(
        pods("grep -B1 -A0 db"),
        "web-2   0/1     Pending   0          8m\ndb-0    1/1     Running   0          20m\n"
    );
    assert_eq!(sh("kubectl get pods | grep -q Pending").1, 0);
    assert_eq!(sh("kubectl get pods | grep -q Failed").1, 1);
    assert_eq!(sh("kubectl get pods | grep Failed").1, 1);
    assert_eq!(
        sh("echo x | grep '\\('"),
        ("grep: Unmatched ( or \\(\n".into(), 2)
    );
    assert_eq!(sh("grep"), ("grep: Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n".into(), 2));
    assert_eq!(
        sh("grep x /nope"),
        ("grep: /nope: No such file or directory\n".into(), 2)
    );
    assert_eq!(sh("echo a | grep -z a").1, 0);
    assert_eq!(sh("echo a | grep -Q a").0, "grep: invalid option -- 'Q'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    // No stdin and no file: nothing to read, never a wait.
    assert_eq!(sh("grep x"), (String::new(), 1));
    assert_eq!(sh("cat; wc -l"), ("0\n".into(), 0));
}

#[test]
fn head_tail_wc() {
    assert_eq!(
        pods("head -n 2"),
        "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          10m\n"
    );
    assert_eq!(pods("head -1 | awk '{print $1}'"), "NAME\n");
    assert_eq!(
        pods("tail -n 1"),
        "db-0    1/1     Running   0          20m\n"
    );
    assert_eq!(pods("tail -n +2 | wc -l"), "4\n");
    assert_eq!(pods("tail -2 | head -1 | cut -d' ' -f1"), "web-2\n");
    assert_eq!(pods("head -c 4"), "NAME");
    assert_eq!(pods("wc -l"), "5\n");
    assert_eq!(pods("wc -w"), "25\n");
    assert_eq!(out("printf 'a b\\nc\\n' | wc"), "      2       3       6\n");
    assert_eq!(
        sh("head -n x"),
        ("head: invalid number of lines: 'x'\n".into(), 1)
    );
}

#[test]
fn sort_uniq_cut_tr() {
    assert_eq!(
        pods("tail -n +2 | sort -k4 -n -r | head -1 | awk '{print $1}'"),
        "web-1\n"
    );
    assert_eq!(
        pods("tail -n +2 | awk '{print $3}' | sort | uniq -c"),
        "      1 Pending\n      3 Running\n"
    );
    assert_eq!(
        pods("tail -n +2 | sort -k5 | awk '{print $5}'"),
        "10m\n20m\n8m\n9m\n"
    );
    assert_eq!(
        pods("tail -n +2 | awk '{print $1}' | sort -r | head -2"),
        "web-2\nweb-1\n"
    );
    assert_eq!(
        pods("awk '{print $2}' | tail -n +2 | sort -u"),
        "0/1\n1/1\n"
    );
    assert_eq!(
        pods("tail -n +2 | tr -s ' ' | cut -d' ' -f1,3"),
        "web-0 Running\nweb-1 Running\nweb-2 Pending\ndb-0 Running\n"
    );
    assert_eq!(
        out("echo web-0.nginx.default.svc.cluster.local | cut -d. -f1-2"),
        "web-0.nginx\n"
    );
    assert_eq!(out("echo 'a:b' | tr ':' '\\n'"), "a\nb\n");
    assert_eq!(
        sh("cut -f"),
        (
            "cut: option requires an argument -- 'f'\nTry 'cut --help' for more information.\n"
                .into(),
            1
        )
    );
    assert_eq!(
        sh("sort -k x"),
        (
            "sort: invalid number at field start: invalid count at start of 'x'\n".into(),
            2
        )
    );
    assert_eq!(
        sh("tr a"),
        (
            "tr: missing operand after 'a'\nTry 'tr --help' for more information.\n".into(),
            1
        )
    );
}

#[test]
fn awk_on_tables() {
    assert_eq!(pods("awk 'NR>1 {print $1}'"), "web-0\nweb-1\nweb-2\ndb-0\n");
    assert_eq!(pods("awk '{print $1, $3}' | tail -1"), "db-0 Running\n");
    assert_eq!(
        pods("awk '$3 == \"Running\" && $4 > 0 {print $1 \" restarted \" $4}'"),
        "web-1 restarted 2\n"
    );
    assert_eq!(pods("awk '/^web/ {n++} END {print n}'"), "3\n");
    assert_eq!(
        pods(
            "awk 'NR==1 {next} {sum += $4} END {printf \"%d restarts in %d pods\\n\", sum, NR-1}'"
        ),
        "2 restarts in 4 pods\n"
    );
    assert_eq!(pods("awk '$1 ~ /^db/ {print $NF}'"), "20m\n");
    assert_eq!(pods("awk '{print NF}' | uniq"), "5\n");
    assert_eq!(
        out("echo 'a:b:c' | awk -F: '{print $NF, $(NF-1)}'"),
        "c b\n"
    );
    assert_eq!(
        out("echo 'k=v' | awk -F= '{print toupper($1) \"=\" length($2)}'"),
        "K=1\n"
    );
    assert_eq!(
        out("printf 'a\\tb c\\n' | awk -F'\\t' '{print $2}'"),
        "b c\n"
    );
    assert_eq!(out("echo '10.244.1.5' | awk -F. '{print $3}'"), "1\n");
    assert_eq!(
        sh("echo x | awk '{print $1'"),
        ("awk: cmd. line:1: unexpected end of program\n".into(), 2)
    );
    assert_eq!(
        sh("echo x | awk '{for (i=1;i<=NF;i++) print $i}'").0,
        "awk: cmd. line:1: 'for' is not supported by this awk (fields, patterns, print, printf and if are)\n"
    );
    assert_eq!(
        sh("echo x | awk '{print 1/0}'"),
        ("awk: cmd. line:1: division by zero\n".into(), 2)
    );
    assert_eq!(sh("echo x | awk '{print > \"f\"}'").1, 2);
    assert_eq!(sh("echo x | awk '{exit 3}'").1, 3);
    assert_eq!(
        out("echo a | awk 'BEGIN {x = 2} {print x * 3, x \"\" 3}'"),
        "6 23\n"
    );
    assert_eq!(
        out("echo '3 10' | awk '{print ($1 < $2), ($1 \"\" < $2 \"\")}'"),
        "1 0\n"
    );
}

#[test]
fn cat_base64_xargs_tee() {
    assert_eq!(out("echo -n admin | base64"), "YWRtaW4=\n");
    assert_eq!(out("echo YWRtaW4= | base64 -d"), "admin");
    assert_eq!(
        sh("echo '!!' | base64 -d"),
        ("base64: invalid input\n".into(), 1)
    );
    assert_eq!(out("printf '%080d' 0 | base64 | wc -l"), "2\n");
    assert_eq!(out("printf '%080d' 0 | base64 -w0 | wc -l"), "1\n");
    assert_eq!(out("echo a | cat - /dev/null"), "a\n");
    assert_eq!(out("echo a b | xargs"), "a b\n");
    assert_eq!(
        out("printf 'web-0\\nweb-1\\n' | xargs -n1 kubectl delete pod"),
        "kubectl delete pod web-0\nkubectl delete pod web-1\n"
    );
    assert_eq!(sh("echo x | xargs fail").1, 123);
    assert_eq!(out("echo abc | rev"), "cba\n");
}

#[test]
fn sed_edits_files_and_reports_like_gnu() {
    let mut host = FakeHost::default();
    host.files.insert(
        "/w.yaml".into(),
        "kind: StatefulSet\nspec:\n  replicas: 3\n".into(),
    );
    let mut io = Io::new();
    let src = "sed -i 's/replicas: 3/replicas: 5/' /w.yaml; grep replicas /w.yaml; sed -n '/kind/p' /w.yaml | sed 's/.*: //'";
    Shell::new().run_source(src, &mut host, &mut io);
    assert_eq!(io.text(), "  replicas: 5\nStatefulSet\n");
    assert_eq!(
        host.files["/w.yaml"],
        "kind: StatefulSet\nspec:\n  replicas: 5\n"
    );
    for (script, msg) in [
        (
            "s/a/b",
            "sed: -e expression #1, char 5: unterminated `s' command\n",
        ),
        ("k", "sed: -e expression #1, char 1: unknown command: `k'\n"),
        (
            "s/a/b/q",
            "sed: -e expression #1, char 7: unknown option to `s'\n",
        ),
        (
            "y/ab/c/",
            "sed: -e expression #1, char 7: strings for `y' command are different lengths\n",
        ),
        ("1,", "sed: -e expression #1, char 2: unexpected `,'\n"),
        (
            "p x",
            "sed: -e expression #1, char 3: extra characters after command\n",
        ),
        (
            "s/\\(/x/",
            "sed: -e expression #1, char 7: Unmatched ( or \\(\n",
        ),
    ] {
        assert_eq!(
            sh(&format!("echo | sed '{script}'")),
            (msg.to_string(), 1),
            "{script}"
        );
    }
    assert_eq!(sh("echo a | sed N").0, "sed: -e expression #1, char 1: `N' is not supported by this sed (s, d, p, q, y, =, a, i, c are)\n");
}
