//! Expansion where dash cannot be the reference: busybox-only arithmetic,
//! and the words handed to the host.
use super::*;

#[test]
fn arithmetic_as_busybox() {
    assert_eq!(
        out("echo $((2**10)) $((x=3)) $((x++)) $x $((--x)) $((y+=5)) $y"),
        "1024 3 3 4 3 5 5\n"
    );
    assert_eq!(out("a=b; b=7; echo $((a * 2))"), "14\n");
    assert_eq!(
        out("i=0; while [ $((i+=1)) -lt 3 ]; do :; done; echo $i"),
        "3\n"
    );
    assert_eq!(
        out("echo $((1 ? 2 : 3)) $((0 || 0)) $((2 && 3)) $(( (1 + 2) * -3 ))"),
        "2 0 1 -9\n"
    );
}

#[test]
fn fields_reach_the_host_unchanged() {
    assert_eq!(out("set --; args \"$@\" x"), "[x]\n");
    assert_eq!(out("set -- '' ''; args \"$@\""), "[][]\n");
    assert_eq!(out("set -- a 'b c'; args $@"), "[a][b][c]\n");
    assert_eq!(out("IFS=,; x='a,,b'; args $x"), "[a][][b]\n");
    assert_eq!(out("IFS=; x='a b'; args $x"), "[a b]\n");
    assert_eq!(out("x=' a '; args x${x}y"), "[x][a][y]\n");
    assert_eq!(out("args \"\" ''\"\" a\"\"b"), "[][][ab]\n");
    assert_eq!(out("x='*'; args $x \"$x\" [$x]"), "[*][*][[*]]\n");
    assert_eq!(out("args ${#} ${#x} \"${x-}\""), "[0][0][]\n");
    assert_eq!(out(r"args \$x \\ \' '\'"), "[$x][\\]['][\\]\n");
}

#[test]
fn patterns_keep_quoted_characters_literal() {
    assert_eq!(out("x='a*'; case abc in $x) echo glob;; esac; case abc in \"$x\") echo lit;; *) echo none;; esac"), "glob\nnone\n");
    assert_eq!(
        out("v='web-*'; echo ${v%\\*} ${v%'*'} ${v%*}"),
        "web- web- web-*\n"
    );
    assert_eq!(
        out("v=a.b.c; p='.*'; echo ${v%$p} ${v%\"$p\"}"),
        "a.b a.b.c\n"
    );
}
