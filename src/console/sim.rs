//! `sim …`: the simulator's own controls (they exist only here).

use super::sh::Io;
use super::Console;

pub fn run(console: &mut Console, args: &[String], io: &mut Io) -> i32 {
    let _ = (console, args);
    io.err("sim: not available yet\n");
    1
}
