//! The same snippets through this shell and the machine's `/bin/dash`
//! (with GNU grep/sort/coreutils and mawk for the filters): stdout and exit
//! status must agree. Snippets avoid what differs by design: dash's `echo`
//! interprets backslashes (busybox's, ours, only with `-e`).
use super::*;
use crate::console::sh::Stream;

const CORPUS: &[&str] = &[
    // quoting and expansion
    "echo a   b 'c   d' \"e   f\"",
    "x='a  b'; echo $x; echo \"$x\"; printf '[%s]' $x; echo",
    "x=; printf '[%s]' $x \"$x\" ''; echo",
    "x='  lead and trail  '; printf '[%s]' $x; echo",
    "echo 'it'\"'\"'s' \"say \\\"hi\\\"\" a\\ b",
    "printf '%s\\n' \"\\$HOME \\` \\\\ \\a\" '\\n' \"\\n\"x",
    "x=abc; echo ${x} ${#x} ${x}def \"${x}\"ghi",
    "echo ${unset:-default} ${unset-other} \"${unset:-two words}\"",
    "e=; echo [${e:-d1}] [${e-d2}] [${e:+alt}] [${e+alt2}]",
    "x=v; echo [${x:+alt}] [${x:-no}] ${x:=zz}",
    "echo ${n:=assigned}; echo $n",
    "for w in ${u:-a b c}; do echo \"<$w>\"; done",
    "for w in \"${u:-a b c}\"; do echo \"<$w>\"; done",
    "v=web-0.nginx.default.svc; echo ${v%%.*} ${v%.*} ${v#*.} ${v##*.}",
    "f=web.yaml; echo ${f%.yaml}.json ${f#w}",
    "p='*'; case x in $p) echo glob;; esac; case '*' in \"$p\") echo lit;; esac",
    "echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((10 / 3)) $((10 % 3)) $((-7 / 2))",
    "i=5; echo $((i + 1)) $((i*i)) $(( i > 3 && i < 10 )); i=$((i+1)); echo $i",
    "n=0; n=$((n+1)); n=$((n+1)); echo $n",
    "echo $(echo inner) \"$(echo '  spaced  ')\" $(echo '  spaced  ')",
    "echo $(echo a; echo b) \"$(echo a; echo b)\"",
    // export and readonly take NAME=value as assignments: no field splitting
    "export W=$(echo 'p  q') Z=1; echo \"[$W][$Z]\"; export Y=$(echo a; echo b); echo \"[$Y]\"",
    "readonly R=$(echo 'x  y'); echo \"[$R]\"; export \"Q=1 2\" A; echo \"[$Q]\"",
    "x=$(printf 'a\\n\\n\\n'); echo \"[$x]\"",
    "echo `echo back` \"`echo quoted`\"",
    "echo $(echo $(echo nested))",
    "a=1 b=2; echo $a$b ${a}${b}c",
    "IFS=:; x=a:b::c; for i in $x; do echo \"<$i>\"; done",
    "IFS=,; set -- $(echo 'x,y,z'); echo $# $2",
    "set -- one 'two three' four; echo $#; for a in \"$@\"; do echo \"[$a]\"; done; for a in $@; do echo \"($a)\"; done",
    "set -- a b; echo \"$*\" \"$@\" $#",
    "set --; for a in \"$@\"; do echo never; done; echo \"[$*]\" $#",
    "set -- a b c; shift; echo $1 $#; shift 2; echo $#",
    "echo \"$0\" >/dev/null; echo ok",
    "x=outer; f() { x=inner; echo $1 $#; }; f a b; echo $x",
    "f() { local y=1; echo $y; }; y=0; f; echo $y",
    "f() { return 3; }; f; echo $?",
    "echo a#b #comment",
    "echo '#not' \"#not\" x#y",
    "echo a\\\nb",
    "echo {a,b} '*' a*b",
    // lists and status
    "true && echo yes || echo no; false && echo yes || echo no",
    "false; echo $?; true; echo $?; ! true; echo $?; ! false; echo $?",
    "false || false || echo third; true || echo never; echo done",
    "(exit 3); echo $?; (exit 300); echo $?",
    "x=1; (x=2; echo in $x); echo out $x",
    "{ echo a; echo b; } | wc -l",
    "echo a | read v; echo \"[$v]\"",
    "false | true; echo $?; true | false; echo $?",
    "x=$(false); echo $?; x=$(true); echo $?",
    "echo one; exit 4; echo never",
    "exit",
    // what a name runs
    "type echo; type if; f() { :; }; type f; type nope; echo $?",
    "type exit export eval exec; type read; echo $?",
    "command -v echo; command -v if; command -v f; f() { :; }; command -v f; command -v nope; echo $?",
    "f() { echo func; }; command f 2>/dev/null; echo $?",
    "echo() { printf 'fn\\n'; }; echo x; command echo y; command -V echo",
    "alias x='echo hi'\ncommand -v x; type x; command -V x",
    "alias q=\"echo it's\"\ncommand -v q; alias q; alias",
    "command; echo $?; command -v; echo $?",
    // aliases (each defined a line before its use: sh substitutes them as it reads)
    "alias hi='echo hello'\nhi world\nalias hi\nalias\nunalias hi\nhi 2>/dev/null; echo $?",
    "alias e='echo x'\nalias e2='e y'\ne2 z",
    "alias echo='echo x'\necho y\n\\echo z\n'echo' w",
    "alias q='echo a; echo b'\nq c",
    "alias x='echo one'; x 2>/dev/null; echo $?\nx",
    "alias x='echo one'\nunalias x; x; echo $?\nx 2>/dev/null; echo $?",
    "alias x='echo one'\neval 'alias x=\"echo two\"; x'; x\nx",
    "alias nope 2>/dev/null; echo $?; unalias nope 2>/dev/null; echo $?",
    "alias a='echo 1' b='echo 2'\na; b; unalias -a; alias; a 2>/dev/null || echo gone",
    "alias x='echo \"it'\"'\"'s\"'\nalias x\nx",
    "false; exit",
    // loops and conditionals
    "for i in 0 1 2; do echo $i; done",
    "for i in 1 2; do for j in a b; do echo $i$j; done; done",
    "for i in 1 2 3 4 5; do if [ $i -eq 2 ]; then continue; fi; if [ $i -eq 4 ]; then break; fi; echo $i; done",
    "for i in 1 2; do for j in 1 2; do if [ $j = 2 ]; then continue 2; fi; echo $i$j; done; done",
    "for i in 1 2; do for j in 1 2; do break 2; done; echo never; done; echo out",
    "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done",
    "i=0; until [ $i -ge 3 ]; do i=$((i+1)); done; echo $i",
    "if true; then echo t; fi; if false; then echo f; elif true; then echo e; else echo x; fi",
    "if false; then :; fi; echo $?",
    "x=web-1; case $x in web-*) echo web;; db-*) echo db;; *) echo other;; esac",
    "case b in a|b) echo ab;; esac; case z in (a) echo a;; (*) echo star;; esac",
    "case x in y) echo y;; esac; echo $?",
    "for i in $(seq 1 3); do echo n$i; done",
    "printf 'a b\\nc d\\n' | while read x y; do echo \"$y-$x\"; done",
    "printf 'one\\ntwo' | while read l; do echo \"[$l]\"; done",
    "printf '  lead  \\n' | { read l; echo \"[$l]\"; }",
    "printf 'a\\\\\\nb\\n' | { read l; echo \"[$l]\"; }",
    "printf 'a\\\\tb\\n' | { read -r l; printf '[%s]\\n' \"$l\"; }",
    "printf 'x:y:z\\n' | { IFS=: read a b; echo \"$a|$b\"; }",
    "for i in a b; do echo $i; done > /dev/null; echo quiet",
    // test
    "[ a = a ] && echo eq; [ a != a ] || echo ne; [ -z '' ] && echo z; [ -n x ] && echo n",
    "[ 10 -gt 9 ] && echo gt; [ 1 -le 1 ] && echo le; [ -5 -lt 0 ] && echo lt",
    "[ ! a = b ] && echo not; [ a = a -a b = b ] && echo and; [ a = b -o b = b ] && echo or",
    "[ '(' a = a ')' ] && echo paren; test x && echo one; test && echo never; echo $?",
    "[ -n ]; echo $?; [ -z ]; echo $?; [ ! ]; echo $?",
    "[ abc \\< abd ] && echo less",
    "[ 1 -eq x ]; echo $?",
    "[ 1 = 1; echo $?",
    // echo and printf
    "echo -n no-newline; echo; echo -- -n; echo -x",
    "printf '%s|%5s|%-5s|%.2s\\n' a b c defg",
    "printf '%d %03d %x %o %X %c\\n' 42 7 255 8 255 hello",
    "printf '%s\\n' a b c",
    "printf '%s=%s\\n' k1 v1 k2",
    "printf 'no args\\n'; printf '%%\\n'",
    "printf '%b\\n' 'a\\tb'",
    "printf 'x%sy\\n'",
    "printf '%d\\n' 3x; echo $?",
    "printf '%5.1f|%e|%g\\n' 3.14159 12345.678 0.5",
    "seq 3; seq 2 4; seq 10 -3 1; seq -s, 1 4; seq -w 8 10",
    // redirections
    "echo out 2>/dev/null; ls_missing_command 2>/dev/null; echo $?",
    "{ echo a; echo b >&2; } 2>&1 | wc -l",
    "{ echo a; echo b >&2; } 2>/dev/null",
    "cat <<EOF\nline $((1+1))\n  indented\nEOF",
    "cat <<'EOF'\nno $expansion `here`\nEOF",
    "cat <<\"EOF\"\nno $expansion\nEOF",
    "cat <<-EOF\n\ttabbed\n\tEOF",
    "x=val; cat <<EOF | tr a-z A-Z\n$x\nEOF",
    "cat <<A; cat <<B\na\nA\nb\nB",
    "cat <<EOF\n\\$x \\\\ \\` \"q\" 'q'\nEOF",
    "wc -l <<EOF\n1\n2\nEOF",
    // filters
    "printf 'b\\na\\nc\\na\\n' | sort; printf 'b\\na\\nc\\na\\n' | sort -u; printf 'b\\na\\nc\\n' | sort -r",
    "printf '10\\n9\\n100\\n-1\\n' | sort -n; printf '10\\n9\\n100\\n' | sort",
    "printf 'a 3\\nb 1\\nc 2\\n' | sort -k2; printf 'a 3\\nb 1\\nc 2\\n' | sort -k2 -n -r",
    "printf 'x:3\\ny:1\\nz:2\\n' | sort -t: -k2,2n",
    "printf 'B\\na\\nA\\nb\\n' | sort; printf 'B\\na\\nA\\nb\\n' | sort -f",
    "printf 'a\\na\\nb\\na\\n' | uniq; printf 'a\\na\\nb\\na\\n' | uniq -c; printf 'a\\na\\nb\\n' | uniq -d; printf 'a\\na\\nb\\n' | uniq -u",
    "printf '1\\n2\\n3\\n4\\n5\\n' | head -n 2; printf '1\\n2\\n3\\n' | head -1; printf '1\\n2\\n3\\n' | head -n -1",
    "printf '1\\n2\\n3\\n4\\n5\\n' | tail -n 2; printf '1\\n2\\n3\\n' | tail -1; printf '1\\n2\\n3\\n' | tail -n +2",
    "printf 'a b\\nc d e\\n' | wc -l; printf 'a b\\nc d e\\n' | wc -w; printf 'a b\\nc d e\\n' | wc -c; printf 'a b\\nc\\n' | wc",
    "printf 'a:b:c\\nd:e:f\\n' | cut -d: -f2; printf 'a:b:c\\n' | cut -d: -f1,3; printf 'abcdef\\n' | cut -c2-4; printf 'a:b:c\\nnodelim\\n' | cut -d: -f2-",
    "printf 'a\\tb\\n' | cut -f2; printf 'x y\\n' | cut -d ' ' -f1",
    "echo hello | tr a-z A-Z; echo hello | tr -d l; echo 'a  b   c' | tr -s ' '; echo abc | tr abc xy",
    "echo 'Hello World' | tr '[:upper:]' '[:lower:]'; echo 'a1b2' | tr -cd '0-9'; echo",
    "echo 'a b c' | rev",
    "printf 'one\\ntwo\\nthree\\n' | grep o; printf 'one\\ntwo\\n' | grep -v one; printf 'One\\none\\n' | grep -i ONE",
    "printf 'one\\ntwo\\nthree\\n' | grep -c o; printf 'one\\ntwo\\n' | grep -n t; printf 'a\\n' | grep -q a && echo found",
    "printf 'web-0\\nweb-1\\ndb-0\\n' | grep -E 'web-(0|1)$'; printf 'ab\\naab\\n' | grep -x ab; printf 'web web2\\nweb\\n' | grep -w -c web",
    "printf 'a1b22c333\\n' | grep -o '[0-9]*'; printf 'x\\n' | grep y; echo $?",
    "printf 'a.b\\naxb\\n' | grep -F a.b; printf 'a.b\\naxb\\n' | grep 'a\\.b'; printf 'aa\\n' | grep 'a\\{2\\}'",
    "printf '1\\n2\\n3\\n4\\n5\\n6\\n7\\n' | grep -A1 -B1 -e 2 -e 6",
    "printf 'ab\\ncd\\n' | grep -E 'a|c' | grep -v -E '^c'",
    "printf 'a b c\\nd e f\\n' | awk '{print $2}'; printf 'a b c\\n' | awk '{print $1, $3}'; printf 'a:b\\n' | awk -F: '{print $2}'",
    "printf 'h1 h2\\nr1 v1\\nr2 v2\\n' | awk 'NR>1 {print $1}'; printf 'a b\\n' | awk '{print $NF, NF}'",
    "printf 'x 1\\ny 2\\nz 3\\n' | awk '{s += $2} END {print s, NR}'",
    "printf 'web Running\\ndb Pending\\n' | awk '$2 == \"Running\" {print $1}'; printf 'a\\nb\\n' | awk '/b/'",
    "printf 'a b\\n' | awk '{print $1\"-\"$2}'; printf 'a b\\n' | awk '{printf \"%s=%s\\n\", $1, $2}'",
    "printf '3 4\\n' | awk '{print $1*$2, $1/$2, $1-$2, $1%$2, $1^2}'",
    "printf 'abc\\n' | awk '{print length($1), toupper($1), substr($1, 2), substr($1, 2, 1), index($1, \"c\")}'",
    "printf 'a b c\\n' | awk '{$2 = \"X\"; print; print NF}'",
    "printf 'a-b-c\\n' | awk '{gsub(/-/, \"+\"); print}'; printf 'aaa\\n' | awk '{n = sub(/a/, \"b\"); print n, $0}'",
    "printf '1\\n2\\n3\\n' | awk 'NR % 2 == 1'; printf 'x\\n' | awk 'BEGIN {print \"start\"} {print} END {print \"end\"}'",
    "printf '5\\n' | awk '{ if ($1 > 3) print \"big\"; else print \"small\" }'",
    "printf 'a b\\n' | awk -v p=pre '{print p $1}'; printf '1.5 2\\n' | awk '{print $1 + $2, $1 * 2}'",
    "printf 'x\\n' | awk '{print 1/3, 1000 * 1000, 0.1 + 0.2}'",
    "printf 'a\\nb\\n' | awk 'NR==1 {next} {print}'; printf 'a\\nb\\n' | awk '{print; exit}'",
    "printf 'a,b\\n' | awk 'BEGIN {FS=\",\"; OFS=\"-\"} {$1=$1; print}'",
    "printf 'admin' | base64; printf 'YWRtaW4=' | base64 -d; echo; printf '' | base64",
    "echo hello | cat; cat </dev/null; echo x | cat -",
    "printf 'a\\nb\\n' | cat -n",
    "echo 'a b c' | xargs echo pre; printf 'a\\nb\\nc\\n' | xargs -n 2 echo; printf 'x\\ny\\n' | xargs -I{} echo '<{}>'",
    "printf 'l1\\nl2\\n' | tee /dev/null | wc -l",
    // more parsing and expansion corners
    "echo $(case x in x) echo y;; esac)",
    "echo \"$(echo \"nested quotes\")\"",
    "echo ${x:-\"q w\"} \"${x:-'q w'}\"",
    "x='\"'; echo \"$x\" '\\' \"\\\\\"",
    "a=b=c; echo $a",
    "echo a; # comment ; echo b",
    "echo 'a'\"b\"c\\ d",
    "for i in \"a b\" c; do echo $i; done",
    "echo $((7&3)) $((1<<4)) $((~0)) $((5>3?1:0)) $((010)) $((0x1f)) $((7|8)) $((6^3)) $((!3))",
    "x=3; echo $((x*=2)) $x $((x+=1)) $((x-=2)) $((x/=2)) $((x%=2)) $x",
    "set -- a bc; echo ${#} ${#1} ${#2} $# ${2}",
    "echo \"${x-$(echo sub)}\"",
    "IFS=; x='a b'; for i in $x; do echo \"<$i>\"; done",
    "x=$(cat <<EOF\nhi there\nEOF\n); echo $x",
    "echo \"a\nb\"",
    "while read a; do echo \"<$a>\"; done <<EOF\n1\n2 3\nEOF",
    "echo ${x:=a b}; echo \"$x\"",
    "v=a/b/c; printf '%s\\n' \"${v%/*}\" \"${v##*/}\" \"${v#*/}\"",
    "case ab in a*) echo 1;; esac; case a in [abc]) echo br;; esac; case '[' in '[') echo q;; esac",
    "case a.b in *.b) echo suffix;; esac; case x in [!a]) echo neg;; esac",
    "f() { echo \"$@\"; echo $#; }; f 1 \"2 3\"",
    "echo $(( $(echo 3) + 1 ))",
    "{ false; }; echo $?; (false); echo $?",
    "x=1; x=2 true; echo $x; x=2 :; echo $x",
    "set -- $(echo \"a b\"); echo $#",
    "echo \"$(printf 'a\\nb')\" | wc -l",
    "echo -n; printf '%s %s\\n' a",
    "for i in 1 2 3; do :; done; echo $i",
    "i=5; for i in; do :; done; echo $i",
    "unset x; echo ${x-unset}; x=; echo [${x-set}][${x:-null}]",
    "x=1; echo \"${x:+\"q\"}\"",
    "echo a\\\nb 'a\\\nb' \"a\\\nb\"",
    "echo\ta\t\tb",
    "x=5; readonly x 2>/dev/null; echo $x",
    "echo \"$@\" | wc -c",
    "set -- 'a b'; for x in \"$*\"; do echo \"[$x]\"; done",
    "echo $(echo '$x' \"\\$y\")",
    "x=a; case $x in \"a\") echo quoted-match;; esac",
    "echo `echo \\`echo inner\\``",
    "echo $(echo $(echo $(echo deep)))",
    "if ! false; then echo negated; fi",
    "n=0; while true; do n=$((n+1)); [ $n -ge 3 ] && break; done; echo $n",
    "for i in 1 2 3; do echo $i; done | while read x; do echo got $x; done",
    "seq 5 | sort -rn | head -2 | tr '\\n' ' '; echo",
    "printf 'b 2\\na 1\\n' | sort | awk '{print $2}'",
    "echo 'x y z' | awk '{ $1 = \"\"; print }'",
    "printf '%5.2s|\\n' abc; printf '%-3d|\\n' 7",
    // sed
    "printf 'image: nginx:1.24\nreplicas: 3\n' | sed 's/replicas: 3/replicas: 5/'",
    "echo 'a-b-c' | sed 's/-/+/'; echo 'a-b-c' | sed 's/-/+/g'; echo 'a-b-c' | sed 's/-/+/2'",
    "echo 'web-12' | sed 's/\\([a-z]*\\)-\\([0-9]*\\)/\\2:\\1/'; echo 'web-12' | sed -E 's/([a-z]+)-([0-9]+)/<\\2 \\1 &>/'",
    "echo 'a/b' | sed 's|/|\\\\|'; echo path/to/x | sed 's#/#.#g'",
    "printf '1\n2\n3\n4\n' | sed -n '2p'; printf '1\n2\n3\n' | sed '1d'; printf '1\n2\n3\n' | sed '$d'",
    "printf '1\n2\n3\n4\n5\n' | sed -n '2,4p'; printf '1\n2\n3\n' | sed '2!d'; printf 'a\nb\na\n' | sed '/a/d'",
    "printf 'x\nstart\ny\nend\nz\n' | sed -n '/start/,/end/p'; printf '1\n2\n3\n' | sed 2q",
    "echo hello | sed 'y/abc/xyz/'; echo Hello | sed 's/hello/bye/I'; echo aaa | sed -n 's/a/b/gp'",
    "printf 'a\nb\n' | sed -e 's/a/A/' -e 's/b/B/'; printf 'a\nb\n' | sed 's/a/A/;s/b/B/'",
    "printf 'a\nb\n' | sed '1i\\\ntop'; printf 'a\nb\n' | sed '$a\\\nbottom'; printf 'a\nb\n' | sed '1c\\\nnew'",
    "printf 'a\nb\n' | sed -n '$='; printf 'a' | sed 's/a/b/'",
    "echo x | sed 's/x/a\\nb/'",
];

fn dash(src: &str) -> Option<(String, i32)> {
    let out = std::process::Command::new("/bin/dash")
        .arg("-c")
        .arg(src)
        .env_clear()
        .env("LC_ALL", "C")
        .env("PATH", "/usr/bin:/bin")
        .output()
        .ok()?;
    Some((
        String::from_utf8_lossy(&out.stdout).into(),
        out.status.code().unwrap_or(-1),
    ))
}

fn ours(src: &str) -> (String, i32) {
    let mut io = Io::new();
    let status = Shell::new().run_source(src, &mut FakeHost::default(), &mut io);
    (io.stream(Stream::Stdout), status)
}

#[test]
fn same_stdout_and_status_as_dash() {
    if !std::path::Path::new("/bin/dash").exists() {
        eprintln!("no /bin/dash here: comparison skipped");
        return;
    }
    let mut failures = Vec::new();
    for src in CORPUS {
        let Some(theirs) = dash(src) else { continue };
        let mine = ours(src);
        if mine != theirs {
            failures.push(format!("--- {src}\n dash: {theirs:?}\n ours: {mine:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        CORPUS.len(),
        failures.join("\n")
    );
}
