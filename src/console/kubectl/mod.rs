//! kubectl: the verbs and flags of console.md, answered as kubectl 1.35 does.

use super::sh::Io;
use super::Console;

pub fn run(console: &mut Console, args: &[String], stdin: Option<&str>, io: &mut Io) -> i32 {
    let _ = (console, args, stdin);
    io.err("kubectl: not available yet\n");
    1
}
