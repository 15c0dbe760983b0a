//! busybox's `nc` (`networking/nc_bloaty.c`, the "nc 1.10 compatible"
//! build the busybox and Alpine images ship) as a client: `nc -zv HOST PORT`
//! to ask whether a port is open, and `printf 'GET / HTTP/1.0\r\n\r\n' | nc
//! HOST PORT` to speak HTTP by hand to nginx or httpd.
//!
//! What it prints is busybox's: `HOST (IP:PORT) open` on stderr with `-v`; a
//! refused connection is silent at one `-v` (nc 1.10's scanning rule) and
//! `nc: HOST (IP:PORT): Connection refused` at two; a name that does not
//! resolve dies with `nc: bad address 'HOST'`; `-w SEC` bounds the connect
//! (then `Connection timed out`) and the idle wait for the server at the end.
//! Listening (`-l`) and `-e PROG` are not simulated; they say so.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::SimDuration;

use super::http::{self, Request};
use super::{Peer, Reach};
use crate::console::container::host::ContainerHost;

/// How long nginx keeps an idle HTTP/1.1 connection (`keepalive_timeout`)
/// and waits for a request line (`client_header_timeout`).
const NGINX_IDLE: SimDuration = SimDuration::secs(60);

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Opts {
    pub zero: bool,
    pub verbose: u32,
    /// `-w SEC`: 0 waits for ever, as busybox's `o_wait`.
    pub wait: u64,
    pub listen: bool,
    pub exec: bool,
    pub host: String,
    pub port: String,
}

/// busybox's getopt32 string `np:s:ubvw:+lki:o:z` with at most two
/// operands; `-e` ends the options. None: the usage (exit 1).
pub(crate) fn parse(args: &[String]) -> Option<Opts> {
    let mut o = Opts::default();
    let mut operands: Vec<&String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            operands.extend(&args[i..]);
            break;
        }
        if !a.starts_with('-') || a == "-" || !operands.is_empty() {
            operands.push(a);
            continue;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < flags.len() {
            let f = flags[j];
            j += 1;
            match f {
                'n' | 'u' | 'b' | 'k' => {}
                'z' => o.zero = true,
                'v' => o.verbose += 1,
                'l' => o.listen = true,
                'e' => {
                    o.exec = true;
                    return Some(o);
                }
                'p' | 's' | 'w' | 'i' | 'o' => {
                    let value: String = if j < flags.len() {
                        let v = flags[j..].iter().collect();
                        j = flags.len();
                        v
                    } else {
                        let v = args.get(i)?.clone();
                        i += 1;
                        v
                    };
                    if f == 'w' {
                        o.wait = value.parse().ok()?;
                    }
                }
                _ => return None,
            }
        }
    }
    if operands.len() > 2 {
        return None;
    }
    o.host = operands.first().map(|s| s.to_string()).unwrap_or_default();
    o.port = operands.get(1).map(|s| s.to_string()).unwrap_or_default();
    if o.host.is_empty() && !o.listen {
        return None;
    }
    Some(o)
}

/// `bb_lookup_port`: a number, or a name from /etc/services; 0 otherwise.
fn port_number(s: &str) -> u16 {
    if let Ok(n) = s.parse::<u16>() {
        return n;
    }
    match s {
        "http" | "www" => 80,
        "https" => 443,
        "domain" => 53,
        "mysql" => 3306,
        "postgresql" => 5432,
        "ssh" => 22,
        _ => 0,
    }
}

pub(crate) fn nc(
    h: &mut ContainerHost<'_>,
    args: &[String],
    stdin: Option<&str>,
    io: &mut Io,
) -> i32 {
    let Some(o) = parse(args) else {
        io.err(&crate::console::container::busybox_usage::show(
            "nc",
            h.tools.busybox_new(),
        ));
        return 1;
    };
    if o.listen || o.exec {
        io.err(
            "nc: listening and -e are not simulated here: connect to a server in a Pod instead\n",
        );
        return 1;
    }
    let Some(lookup) = h.lookup_v4(&o.host) else {
        io.err(&format!("nc: bad address '{}'\n", o.host));
        return 1;
    };
    let ip = lookup.addrs[0].clone();
    let port = port_number(&o.port);
    let dotted = format!("{ip}:{port}");
    let reach = if port == 0 {
        Reach::Refused
    } else {
        h.connect(&ip, port)
    };
    let peer = match reach {
        Reach::Open(peer) => peer,
        failed => {
            let limit = if o.wait == 0 {
                failed.millis()
            } else {
                failed.millis().min(o.wait.saturating_mul(1000))
            };
            h.wait(SimDuration::ms(limit));
            let text = if limit < failed.millis() {
                "Connection timed out"
            } else {
                failed.errno_text()
            };
            // nc 1.10 scans quietly: a refusal shows only at -vv.
            if o.verbose > 1 || (o.verbose == 1 && failed != Reach::Refused) {
                io.err(&format!("nc: {} ({dotted}): {text}\n", o.host));
            }
            return 1;
        }
    };
    if o.verbose > 0 {
        io.err(&format!("{} ({dotted}) open\n", o.host));
    }
    if o.zero {
        return 0;
    }
    if !exchange(h, &peer, &ip, stdin.unwrap_or(""), io) {
        // The server keeps the connection until its idle timeout; `-w`
        // gives up after two quiet periods of SEC (`readwrite`'s netretry).
        let idle = if o.wait == 0 {
            NGINX_IDLE
        } else {
            SimDuration::secs(o.wait.saturating_mul(2).min(NGINX_IDLE.as_ms() / 1000))
        };
        h.wait(idle);
    }
    0
}

/// `readwrite` with what was piped in: a whole HTTP request to an HTTP
/// server gets its answer. Whether the server then closed the connection
/// (HTTP/1.0, or `Connection: close`).
fn exchange(h: &mut ContainerHost<'_>, peer: &Peer, ip: &str, sent: &str, io: &mut Io) -> bool {
    let mut lines = sent.split('\n').map(|l| l.trim_end_matches('\r'));
    let first = lines.next().unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().collect();
    let (Some(&method), Some(&target), Some(&version)) =
        (words.first(), words.get(1), words.get(2))
    else {
        // Not an HTTP/1.x request line. A server refuses a method that is
        // not an HTTP token at its first wrong byte (400, then it closes);
        // `GET /` alone is an HTTP/0.9 request: the answer is the body
        // alone, no status line or headers, and the server closes.
        return match words[..] {
            [m, t] if http::is_method(m) => answer_line(h, peer, ip, (m, t), io),
            _ => {
                !first.is_empty()
                    && !http::is_method(first)
                    && answer_line(h, peer, ip, (first, ""), io)
            }
        };
    };
    if !version.starts_with("HTTP/") || !(sent.contains("\n\n") || sent.contains("\r\n\r\n")) {
        return false;
    }
    let mut host = String::new();
    let mut agent = String::new();
    let mut close = version == "HTTP/1.0";
    for l in lines.take_while(|l| !l.is_empty()) {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "host" => host = v.to_string(),
            "user-agent" => agent = v.to_string(),
            "connection" => close = v.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    let client_ip = h.source_ip_towards(ip);
    let req = Request {
        method,
        target,
        host: &host,
        client_ip: &client_ip,
        user_agent: if agent.is_empty() { "-" } else { &agent },
        protocol: version,
    };
    let Some(mut resp) = http::serve(h.engine, peer, &req) else {
        return false;
    };
    // The server closes after a bad request whatever the client asked.
    let close = close || resp.header("connection") == Some("close");
    if close {
        resp.replace_header("Connection", "close");
    }
    io.out(&resp.head_text());
    if method != "HEAD" {
        io.out(&resp.body);
    }
    close
}

/// The answer to a line without a protocol, which ends the connection:
/// `METHOD TARGET` is an HTTP/0.9 "simple request", answered with the body
/// only; any other line is served as a request whose method is the whole
/// line, which the servers refuse with a full 400 response.
fn answer_line(
    h: &mut ContainerHost<'_>,
    peer: &Peer,
    ip: &str,
    (method, target): (&str, &str),
    io: &mut Io,
) -> bool {
    let client_ip = h.source_ip_towards(ip);
    let req = Request {
        method,
        target,
        host: "",
        client_ip: &client_ip,
        user_agent: "-",
        protocol: "",
    };
    let Some(resp) = http::serve(h.engine, peer, &req) else {
        return false;
    };
    if target.is_empty() {
        io.out(&resp.head_text());
    }
    io.out(&resp.body);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn options_as_busybox_getopt32_reads_them() {
        let o = parse(&words("-zv -w2 web-0.nginx 80")).unwrap();
        assert_eq!(
            (o.zero, o.verbose, o.wait, o.host.as_str(), o.port.as_str()),
            (true, 1, 2, "web-0.nginx", "80")
        );
        let o = parse(&words("-v -v -w 5 -n 10.0.0.1 http")).unwrap();
        assert_eq!((o.verbose, o.wait, port_number(&o.port)), (2, 5, 80));
        assert!(parse(&words("-z")).is_none(), "no host: usage");
        assert!(parse(&words("a b c")).is_none(), "three operands: usage");
        assert!(parse(&words("-x a 1")).is_none(), "unknown option: usage");
        assert!(parse(&words("-w x a 1")).is_none(), "-w takes a number");
        assert!(parse(&words("-l -p 8080")).unwrap().listen);
        // A huge -w parses; the waits saturate instead of overflowing.
        assert_eq!(
            parse(&words("-w 18446744073709551615 a 1")).unwrap().wait,
            u64::MAX
        );
    }
}
