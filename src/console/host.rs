//! The console's shell host: what the top-level commands of a session
//! (`kubectl`, `sim`, `help`, `sleep`, the files scripts write) do.

use super::session::Console;
use super::sh::{self, FileType, Invocation, Io};
use crate::engine::SimDuration;

/// How far one `sleep` may move simulated time (a typo like `sleep 99999`
/// must not freeze the page).
pub const MAX_SLEEP: SimDuration = SimDuration::secs(6 * 3600);

pub struct ConsoleHost<'a> {
    pub(crate) console: &'a mut Console,
}

impl<'a> ConsoleHost<'a> {
    pub fn new(console: &'a mut Console) -> Self {
        ConsoleHost { console }
    }

    fn sleep(&mut self, args: &[String], io: &mut Io) -> i32 {
        let Some(arg) = args.first() else {
            io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
            return 1;
        };
        let mut total = SimDuration::ZERO;
        for a in args {
            match SimDuration::parse(a) {
                Some(d) => total = total + d,
                None => {
                    io.err(&format!("sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"));
                    return 1;
                }
            }
        }
        let _ = arg;
        if total > MAX_SLEEP {
            io.err(&format!(
                "sleep: {} is longer than the console allows at once ({}); sleeping {} instead\n",
                total, MAX_SLEEP, MAX_SLEEP
            ));
            total = MAX_SLEEP;
        }
        let to = self.console.engine.now() + total;
        self.console.engine.advance_to(to);
        0
    }
}

impl sh::Host for ConsoleHost<'_> {
    fn exec(&mut self, cmd: &Invocation<'_>, io: &mut Io) -> i32 {
        let argv = cmd.argv;
        let Some(name) = argv.first() else { return 0 };
        let args = &argv[1..];
        match name.as_str() {
            "kubectl" | "k" => super::kubectl::run(self.console, args, cmd.stdin, io),
            "sim" => super::sim::run(self.console, args, io),
            "help" => super::help::run(args, io),
            "sleep" => self.sleep(args, io),
            "clear" | "cd" => 0,
            "pwd" => {
                io.out("/home/learner\n");
                0
            }
            "date" => {
                io.out(&format!("{}\n", date_text(self.console.engine.now())));
                0
            }
            _ => sh::not_found(io, name),
        }
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.console.read_file(path)
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        self.console.write_file(path, data, append)
    }

    fn file_type(&mut self, path: &str) -> Option<FileType> {
        self.console.read_file(path).ok().map(|_| FileType::File)
    }
}

/// `date`'s default format (`Mon Jan  5 09:00:00 UTC 2026`).
pub fn date_text(t: crate::engine::SimTime) -> String {
    let r = t.rfc1123z(); // "Mon, 05 Jan 2026 09:00:00 +0000"
    let parts: Vec<&str> = r.split_whitespace().collect();
    if parts.len() < 5 {
        return r;
    }
    let day: u32 = parts[1].parse().unwrap_or(1);
    format!(
        "{} {} {:>2} {} UTC {}",
        parts[0].trim_end_matches(','),
        parts[2],
        day,
        parts[4],
        parts[3]
    )
}

impl Console {
    /// A file the session wrote, or one the reader provides.
    pub fn read_file(&self, path: &str) -> Result<String, String> {
        if let Some(t) = self.files.get(path) {
            return Ok(t.clone());
        }
        match &self.reader {
            Some(r) => r(path),
            None => Err("No such file or directory".into()),
        }
    }

    pub fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        const MAX_FILE: usize = 4 << 20;
        let entry = self.files.entry(path.to_string()).or_default();
        if !append {
            entry.clear();
        }
        if entry.len() + data.len() > MAX_FILE {
            return Err(format!(
                "File too large (files here hold at most {MAX_FILE} bytes)"
            ));
        }
        entry.push_str(data);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn date_looks_like_gnu_date() {
        assert_eq!(
            super::date_text(crate::engine::SimTime::ZERO),
            "Mon Jan  5 09:00:00 UTC 2026"
        );
    }
}
