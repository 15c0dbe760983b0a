//! Output of commands: stdout and stderr chunks kept in write order, with a
//! byte budget so a runaway command cannot exhaust memory.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

/// Which stream a chunk of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What a command printed: chunks in the order they were written (adjacent
/// chunks of the same stream are merged). Writes past the byte limit are
/// dropped and replaced, once, by a line on stderr naming the limit.
#[derive(Clone, Debug)]
pub struct Io {
    chunks: Vec<(Stream, String)>,
    limit: usize,
    used: usize,
    truncated: bool,
}

impl Default for Io {
    fn default() -> Self {
        Io::with_limit(super::Limits::default().output_per_command)
    }
}

impl Io {
    /// An empty output with the default per-command limit.
    pub fn new() -> Io {
        Io::default()
    }

    /// An empty output that keeps at most `limit` bytes.
    pub fn with_limit(limit: usize) -> Io {
        Io {
            chunks: Vec::new(),
            limit,
            used: 0,
            truncated: false,
        }
    }

    /// Writes to stdout.
    pub fn out(&mut self, s: &str) {
        self.write(Stream::Stdout, s);
    }

    /// Writes to stderr.
    pub fn err(&mut self, s: &str) {
        self.write(Stream::Stderr, s);
    }

    /// Writes to `stream`, keeping what fits in the limit.
    pub fn write(&mut self, stream: Stream, s: &str) {
        if s.is_empty() || self.truncated {
            return;
        }
        let room = self.limit - self.used;
        if s.len() <= room {
            self.push(stream, s);
            self.used += s.len();
            return;
        }
        let mut cut = room;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        self.push(stream, &s[..cut]);
        self.used = self.limit;
        self.truncated = true;
        let nl = if cut > 0 && !s[..cut].ends_with('\n') {
            "\n"
        } else {
            ""
        };
        let note = format!(
            "{nl}sh: output truncated after {} bytes (limit output_per_command)\n",
            self.limit
        );
        self.push(Stream::Stderr, &note);
    }

    fn push(&mut self, stream: Stream, s: &str) {
        if s.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((last, text)) if *last == stream => text.push_str(s),
            _ => self.chunks.push((stream, s.to_string())),
        }
    }

    /// True once the limit was reached and output was dropped: generators
    /// (`seq`, a host streaming a watch) stop early.
    pub fn is_full(&self) -> bool {
        self.truncated
    }

    /// Bytes written so far (not counting the truncation notice).
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// The chunks in write order.
    pub fn chunks(&self) -> &[(Stream, String)] {
        &self.chunks
    }

    /// Takes the chunks out, leaving the output empty.
    pub fn into_chunks(self) -> Vec<(Stream, String)> {
        self.chunks
    }

    /// Everything, stdout and stderr interleaved as written.
    /// How many bytes have been written so far.
    pub fn written(&self) -> usize {
        self.chunks.iter().map(|(_, s)| s.len()).sum()
    }

    pub fn text(&self) -> String {
        self.chunks.iter().map(|(_, s)| s.as_str()).collect()
    }

    /// Only what went to `stream`.
    pub fn stream(&self, stream: Stream) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == stream)
            .map(|(_, s)| s.as_str())
            .collect()
    }

    /// Appends another output's chunks (as the parent of a finished command).
    pub fn append(&mut self, chunks: Vec<(Stream, String)>) {
        for (stream, s) in chunks {
            self.write(stream, &s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_merges() {
        let mut io = Io::new();
        io.out("a");
        io.out("b");
        io.err("e");
        io.out("c");
        assert_eq!(io.chunks().len(), 3);
        assert_eq!(io.text(), "abec");
        assert_eq!(io.stream(Stream::Stdout), "abc");
    }

    #[test]
    fn truncates_once_with_a_note() {
        let mut io = Io::with_limit(5);
        io.out("héllo world");
        io.out("more");
        assert!(io.is_full());
        assert_eq!(io.stream(Stream::Stdout), "héll");
        assert_eq!(
            io.stream(Stream::Stderr),
            "\nsh: output truncated after 5 bytes (limit output_per_command)\n"
        );
    }
}
