//! Redirections: `<`, `>`, `>>`, `2>&1`, `&>`, heredocs. A command's
//! output is collected, then sent fd by fd to the terminal, a file (through
//! the host) or nowhere; `/dev/null`, `/dev/stdout` and `/dev/stderr` are
//! the shell's own.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::ast::{Redir, RedirOp, RedirTarget};
use super::interp::{Flow, Input};
use super::{Host, Io, Shell, Stream};

impl Shell {
    /// A redirection that cannot be done fails its command (status 2), not the shell.
    fn redirect_failed(&mut self, io: &mut Io, msg: &str) -> Flow {
        io.err(&format!("sh: {msg}\n"));
        self.status = 2;
        Flow::Next
    }

    /// Applies redirections around `body`: output is collected, then sent
    /// to the terminal, a file (through the host) or nowhere, fd by fd.
    pub(crate) fn with_redirs(
        &mut self,
        redirs: &[Redir],
        host: &mut dyn Host,
        io: &mut Io,
        input: &mut Input,
        body: impl FnOnce(&mut Shell, &mut dyn Host, &mut Io, &mut Input) -> Flow,
    ) -> Flow {
        if redirs.is_empty() {
            return body(self, host, io, input);
        }
        #[derive(Clone, Copy)]
        enum Target {
            Out,
            Err,
            Null,
            File(usize),
        }
        let mut fds = [Target::Null; 10];
        fds[1] = Target::Out;
        fds[2] = Target::Err;
        let mut files: Vec<(String, String)> = Vec::new();
        let mut new_input: Option<Input> = None;
        for r in redirs {
            let fd = (r.fd as usize).min(9);
            let word = match &r.target {
                RedirTarget::Here(cell) => {
                    let body = cell.get().cloned().unwrap_or_default();
                    match self.expand_single(&body, host, io) {
                        Ok(text) if fd == 0 => new_input = Some(Input::text(text)),
                        Ok(_) => {}
                        Err(flow) => return flow,
                    }
                    continue;
                }
                RedirTarget::Word(w) => match self.expand_single(w, host, io) {
                    Ok(s) => s,
                    Err(flow) => return flow,
                },
            };
            match r.op {
                RedirOp::In | RedirOp::InOut => {
                    let text = if word == "/dev/null" {
                        Ok(String::new())
                    } else {
                        host.read_file(&word)
                    };
                    match text {
                        Ok(text) if fd == 0 => new_input = Some(Input::text(text)),
                        Ok(_) => {}
                        Err(e) => {
                            return self.redirect_failed(io, &format!("can't open {word}: {e}"))
                        }
                    }
                }
                RedirOp::DupIn => {}
                RedirOp::DupOut if word == "-" => fds[fd] = Target::Null,
                RedirOp::DupOut if word.len() == 1 && word.as_bytes()[0].is_ascii_digit() => {
                    fds[fd] = fds[(word.as_bytes()[0] - b'0') as usize]
                }
                RedirOp::Out | RedirOp::Append | RedirOp::Both | RedirOp::DupOut => {
                    let target = match word.as_str() {
                        "/dev/null" => Target::Null,
                        "/dev/stdout" => fds[1],
                        "/dev/stderr" => fds[2],
                        path => {
                            let append = r.op == RedirOp::Append;
                            if let Err(e) = host.write_file(path, "", append) {
                                return self
                                    .redirect_failed(io, &format!("can't create {path}: {e}"));
                            }
                            files.push((path.to_string(), String::new()));
                            Target::File(files.len() - 1)
                        }
                    };
                    fds[fd] = target;
                    if matches!(r.op, RedirOp::Both) || (r.op == RedirOp::DupOut && fd == 1) {
                        fds[2] = target;
                    }
                }
                RedirOp::Here => {}
            }
        }
        let mut sub = Io::with_limit(self.limits.output_per_command);
        let tty = self.stdout_tty;
        if matches!(fds[1], Target::File(_) | Target::Null) {
            self.stdout_tty = false;
        }
        let flow = match new_input.as_mut() {
            Some(inp) => body(self, host, &mut sub, inp),
            None => body(self, host, &mut sub, input),
        };
        self.stdout_tty = tty;
        for (stream, text) in sub.into_chunks() {
            match fds[if stream == Stream::Stdout { 1 } else { 2 }] {
                Target::Out => io.out(&text),
                Target::Err => io.err(&text),
                Target::Null => {}
                Target::File(i) => files[i].1.push_str(&text),
            }
        }
        for (path, data) in files {
            if !data.is_empty() {
                if let Err(e) = host.write_file(&path, &data, true) {
                    io.err(&format!("sh: can't create {path}: {e}\n"));
                }
            }
        }
        flow
    }
}
