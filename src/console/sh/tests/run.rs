use super::*;

#[test]
fn smoke() {
    assert_eq!(out("echo hello world"), "hello world\n");
    assert_eq!(out("x=1; echo $x ${x} \"$x\" '$x'"), "1 1 1 $x\n");
    assert_eq!(out("for i in 0 1 2; do echo $i; done"), "0\n1\n2\n");
    assert_eq!(out("kubectl get pods | grep web | wc -l"), "3\n");
    assert_eq!(out("cat <<EOF\na $((1+2))\nEOF"), "a 3\n");
}
