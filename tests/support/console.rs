//! Console helpers shared by the tests that type commands.
#![allow(dead_code)]

use ordinal::console::sh::Stream;
use ordinal::console::Console;

/// Runs one command line: its exit status, stdout and stderr.
pub fn run(c: &mut Console, cmd: &str) -> (i32, String, String) {
    let t = c.run(cmd);
    let mut out = String::new();
    let mut err = String::new();
    for e in &t.entries {
        for (s, text) in &e.output {
            match s {
                Stream::Stdout => out.push_str(text),
                Stream::Stderr => err.push_str(text),
            }
        }
    }
    (t.status, out, err)
}
