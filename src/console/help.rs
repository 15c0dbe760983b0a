//! `help`: every command of the console, one line each.

use super::sh::Io;

pub fn run(args: &[String], io: &mut Io) -> i32 {
    let _ = args;
    io.out("kubectl …    talk to the simulated cluster\nsim …        simulator controls\n");
    0
}
