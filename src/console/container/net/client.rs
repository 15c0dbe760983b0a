//! HTTP clients: curl (8.x messages and progress meter) and busybox wget
//! (1.28 and 1.30+ wording). They resolve through the Pod's resolver,
//! connect through the simulated network and talk to the nginx answering
//! at the other end.
//!
//! The progress meters are written as a terminal shows them: curl's and
//! wget's carriage returns are left out (every redraw here lands at the
//! start of a fresh line, where `\r` changes nothing visible).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::SimDuration;

use super::http::{self, Request, Response};
use super::Reach;
use crate::console::container::host::ContainerHost;
use crate::console::container::image::Wget;

pub const CURL_VERSION: &str = "8.11.1";

/// A parsed `http://host:port/path` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Url {
    pub scheme: String,
    pub host: String,
    pub port: u16,
    /// The request target, starting with `/`.
    pub target: String,
    pub explicit_port: bool,
}

impl Url {
    /// The `Host:` header value.
    pub fn host_header(&self) -> String {
        if self.explicit_port {
            format!("{}:{}", self.host, self.port)
        } else {
            self.host.clone()
        }
    }
}

/// Parses a URL as curl accepts it (scheme optional, http assumed).
pub(crate) fn parse_url(s: &str) -> Result<Url, String> {
    let (scheme, rest) = match s.split_once("://") {
        Some((sc, r)) => (sc.to_ascii_lowercase(), r),
        None => ("http".to_string(), s),
    };
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        other => return Err(format!("Protocol \"{other}\" not supported")),
    };
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.rsplit('@').next().unwrap_or("");
    let (host, port, explicit) = match authority.rsplit_once(':') {
        Some((h, p)) => match p.parse::<u16>() {
            Ok(n) => (h.to_string(), n, true),
            Err(_) if p.is_empty() => (h.to_string(), default_port, false),
            Err(_) => {
                return Err(
                    "URL rejected: Port number was not a decimal number between 0 and 65535".into(),
                )
            }
        },
        None => (authority.to_string(), default_port, false),
    };
    if host.is_empty() {
        return Err("URL rejected: No host part in the URL".into());
    }
    let target = if path.starts_with('/') {
        path.split('#').next().unwrap_or("/").to_string()
    } else {
        format!("/{}", path.split('#').next().unwrap_or(""))
    };
    Ok(Url {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
        target,
        explicit_port: explicit,
    })
}

/// The outcome of one HTTP exchange.
enum Fetch {
    NoResolve,
    NoConnect {
        ip: String,
        reach: Reach,
    },
    /// The peer accepted and closed without an HTTP answer.
    EmptyReply,
    Done {
        ip: String,
        resp: Response,
    },
}

impl ContainerHost<'_> {
    /// Resolves, connects (giving up after `limit_ms` if given) and sends one request.
    fn fetch(&mut self, url: &Url, method: &str, ua: &str, limit_ms: Option<u64>) -> Fetch {
        let Some(l) = self.lookup_v4(&url.host) else {
            return Fetch::NoResolve;
        };
        let ip = l.addrs[0].clone();
        let reach = self.connect(&ip, url.port);
        let Reach::Open(peer) = reach else {
            let ms = limit_ms.map_or(reach.millis(), |l| l.min(reach.millis()));
            self.wait(SimDuration::ms(ms));
            return Fetch::NoConnect { ip, reach };
        };
        if url.scheme == "https" {
            // nginx here speaks plain HTTP only; TLS to it fails at once.
            return Fetch::EmptyReply;
        }
        let client_ip = self.source_ip_towards(&ip);
        let host = url.host_header();
        let req = Request {
            method,
            target: &url.target,
            host: &host,
            client_ip: &client_ip,
            user_agent: ua,
            protocol: "HTTP/1.1",
        };
        match http::serve(self.engine, &peer, &req) {
            Some(resp) => Fetch::Done { ip, resp },
            None => Fetch::EmptyReply,
        }
    }
}

/// curl's 5-character size/speed field (`max5data`).
fn max5(bytes: u64) -> String {
    const K: u64 = 1024;
    const M: u64 = K * K;
    if bytes < 100_000 {
        format!("{bytes:>5}")
    } else if bytes < 10_000 * K {
        format!("{:>4}k", bytes / K)
    } else if bytes < 100 * M {
        format!("{:>2}.{}M", bytes / M, (bytes % M) / (M / 10))
    } else {
        format!("{:>4}M", bytes / M)
    }
}

const CURL_METER_HEAD: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";

fn meter_line(total: u64, received: u64, speed: u64) -> String {
    let pct = |n: u64, of: u64| (n * 100).checked_div(of).unwrap_or(0);
    format!(
        "{:>3} {}  {:>3} {}  {:>3} {}  {}  {} --:--:-- --:--:-- --:--:-- {}",
        if received > 0 || total > 0 {
            pct(received, total.max(received))
        } else {
            0
        },
        max5(total),
        pct(received, total.max(received)),
        max5(received),
        0,
        max5(0),
        max5(speed),
        max5(0),
        max5(speed)
    )
}

#[derive(Default)]
struct CurlOpts {
    silent: bool,
    show_error: bool,
    head: bool,
    include: bool,
    location: bool,
    fail: bool,
    verbose: bool,
    no_meter: bool,
    output: Option<String>,
    remote_name: bool,
    method: Option<String>,
    data: Option<String>,
    write_out: Option<String>,
    user_agent: Option<String>,
    connect_timeout: Option<f64>,
    max_time: Option<f64>,
    urls: Vec<String>,
}

fn curl_usage_hint(io: &mut Io) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
}

/// The URLs a curl command line asks for and whether it reports errors
/// (not `-s` without `-S`), or its exit code after curl's own complaint
/// about the options (the workstation's curl looks at them before it
/// sends anything: console/workstation.rs).
pub(crate) fn curl_urls(args: &[String], io: &mut Io) -> Result<(Vec<String>, bool), i32> {
    parse_curl(args, io).map(|o| {
        let say_errors = o.says_errors();
        (o.urls, say_errors)
    })
}

impl CurlOpts {
    /// `-s` hides errors unless `-S` shows them again.
    fn says_errors(&self) -> bool {
        !self.silent || self.show_error
    }
}

fn parse_curl(args: &[String], io: &mut Io) -> Result<CurlOpts, i32> {
    let mut o = CurlOpts::default();
    let mut i = 0;
    let takes = |c: char| "oXdwAHmueEbcr".contains(c);
    while i < args.len() {
        let a = &args[i];
        let value = |i: &mut usize, inline: Option<String>| -> Option<String> {
            if let Some(v) = inline.filter(|v| !v.is_empty()) {
                return Some(v);
            }
            *i += 1;
            args.get(*i).cloned()
        };
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            match name {
                "silent" => o.silent = true,
                "show-error" => o.show_error = true,
                "head" => o.head = true,
                "include" => o.include = true,
                "location" => o.location = true,
                "fail" | "fail-with-body" => o.fail = true,
                "verbose" => o.verbose = true,
                "remote-name" => o.remote_name = true,
                "no-progress-meter" => o.no_meter = true,
                "insecure" | "ipv4" | "ipv6" | "compressed" | "http1.1" | "globoff"
                | "no-keepalive" | "raw" => {}
                "output" => o.output = value(&mut i, inline),
                "request" => o.method = value(&mut i, inline),
                "data" | "data-raw" | "data-binary" => o.data = value(&mut i, inline),
                "write-out" => o.write_out = value(&mut i, inline),
                "user-agent" => o.user_agent = value(&mut i, inline),
                "header" | "retry" | "retry-delay" | "resolve" | "cacert" | "url" => {
                    let v = value(&mut i, inline);
                    if name == "url" {
                        o.urls.extend(v);
                    }
                }
                "connect-timeout" => {
                    o.connect_timeout = value(&mut i, inline).and_then(|v| v.parse().ok())
                }
                "max-time" => o.max_time = value(&mut i, inline).and_then(|v| v.parse().ok()),
                _ => {
                    io.err(&format!("curl: option --{name}: is unknown\n"));
                    curl_usage_hint(io);
                    return Err(2);
                }
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                if takes(c) {
                    let rest: String = chars[j + 1..].iter().collect();
                    let v = value(&mut i, Some(rest));
                    match c {
                        'o' => o.output = v,
                        'X' => o.method = v,
                        'd' => o.data = v,
                        'w' => o.write_out = v,
                        'A' => o.user_agent = v,
                        'm' => o.max_time = v.and_then(|x| x.parse().ok()),
                        _ => {}
                    }
                    break;
                }
                match c {
                    's' => o.silent = true,
                    'S' => o.show_error = true,
                    'I' => o.head = true,
                    'i' => o.include = true,
                    'L' => o.location = true,
                    'f' => o.fail = true,
                    'v' => o.verbose = true,
                    'O' => o.remote_name = true,
                    'k' | '4' | '6' | 'g' | 'N' | '#' => {}
                    _ => {
                        io.err(&format!("curl: option -{c}: is unknown\n"));
                        curl_usage_hint(io);
                        return Err(2);
                    }
                }
                j += 1;
            }
        } else {
            o.urls.push(a.clone());
        }
        i += 1;
    }
    Ok(o)
}

/// `%{http_code}` and friends of `curl -w`.
fn write_out(fmt: &str, code: u16, size: usize, ip: &str, url: &str, secs: f64) -> String {
    let mut s = fmt
        .replace("%{http_code}", &format!("{code:03}"))
        .replace("%{response_code}", &format!("{code:03}"))
        .replace("%{size_download}", &size.to_string())
        .replace("%{remote_ip}", ip)
        .replace("%{url_effective}", url)
        .replace("%{time_total}", &format!("{secs:.6}"))
        .replace("%{time_connect}", &format!("{:.6}", secs / 2.0));
    s = s
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\r", "\r");
    s
}

pub(crate) fn curl(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let o = match parse_curl(args, io) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if o.urls.is_empty() {
        io.err("curl: no URL specified\n");
        curl_usage_hint(io);
        return 2;
    }
    let ua = o
        .user_agent
        .clone()
        .unwrap_or_else(|| format!("curl/{CURL_VERSION}"));
    let method = if o.head {
        "HEAD".to_string()
    } else if let Some(m) = &o.method {
        m.clone()
    } else if o.data.is_some() {
        "POST".to_string()
    } else {
        "GET".to_string()
    };
    let to_file = o.output.is_some() || o.remote_name;
    let meter = !o.silent && !o.no_meter && (!h.tty || to_file) && !o.verbose;
    let say_errors = o.says_errors();
    let mut status = 0;
    for raw in &o.urls {
        let mut url = match parse_url(raw) {
            Ok(u) => u,
            Err(e) => {
                let code = if e.starts_with("Protocol") { 1 } else { 3 };
                if say_errors {
                    io.err(&format!("curl: ({code}) {e}\n"));
                }
                status = code;
                continue;
            }
        };
        if meter {
            io.err(CURL_METER_HEAD);
        }
        let ms = 1 + h.hash("curl-ms") % 3;
        let mut redirects = 0;
        let (ip, resp) = loop {
            let limit = o
                .connect_timeout
                .or(o.max_time)
                .map(|s| (s * 1000.0) as u64);
            match h.fetch(&url, &method, &ua, limit) {
                Fetch::NoResolve => {
                    if meter {
                        io.err(&meter_line(0, 0, 0));
                        io.err("\n");
                    }
                    if say_errors {
                        io.err(&format!("curl: (6) Could not resolve host: {}\n", url.host));
                    }
                    if let Some(w) = &o.write_out {
                        io.out(&write_out(w, 0, 0, "", raw, 0.0));
                    }
                    return 6;
                }
                Fetch::NoConnect { reach, .. } => {
                    if meter {
                        io.err(&meter_line(0, 0, 0));
                        io.err("\n");
                    }
                    let limit = o
                        .connect_timeout
                        .or(o.max_time)
                        .map(|s| (s * 1000.0) as u64);
                    let took = reach.millis() + h.hash("curl-connect") % 50;
                    let (code, text) = match limit {
                        Some(l) if l < took => (
                            28,
                            format!(
                                "Failed to connect to {} port {} after {l} ms: Timeout was reached",
                                url.host, url.port
                            ),
                        ),
                        _ => (
                            7,
                            format!(
                                "Failed to connect to {} port {} after {} ms: Could not connect to server",
                                url.host,
                                url.port,
                                if matches!(reach, Reach::Refused) { 0 } else { took }
                            ),
                        ),
                    };
                    if say_errors {
                        io.err(&format!("curl: ({code}) {text}\n"));
                    }
                    if let Some(w) = &o.write_out {
                        io.out(&write_out(w, 0, 0, "", raw, took as f64 / 1000.0));
                    }
                    return code;
                }
                Fetch::EmptyReply => {
                    if meter {
                        io.err(&meter_line(0, 0, 0));
                        io.err("\n");
                    }
                    if say_errors {
                        io.err("curl: (52) Empty reply from server\n");
                    }
                    return 52;
                }
                Fetch::Done { ip, resp } => {
                    let loc = resp.header("Location").map(str::to_string);
                    if o.location && (300..400).contains(&resp.status) {
                        if let Some(l) = loc {
                            redirects += 1;
                            if redirects > 50 {
                                if say_errors {
                                    io.err("curl: (47) Maximum (50) redirects followed\n");
                                }
                                return 47;
                            }
                            if let Ok(u) = parse_url(&l) {
                                url = u;
                                continue;
                            }
                        }
                    }
                    break (ip, resp);
                }
            }
        };
        if o.verbose {
            io.err(&format!(
                "*   Trying {ip}:{}...\n* Connected to {} ({ip}) port {}\n* using HTTP/1.x\n> {method} {} HTTP/1.1\r\n> Host: {}\r\n> User-Agent: {ua}\r\n> Accept: */*\r\n> \r\n* Request completely sent off\n",
                url.port,
                url.host,
                url.port,
                url.target,
                url.host_header()
            ));
            for l in resp.head_text().split_inclusive("\r\n") {
                io.err(&format!("< {l}"));
            }
        }
        if o.fail && resp.status >= 400 {
            if meter {
                io.err(&meter_line(0, 0, 0));
                io.err("\n");
            }
            if say_errors {
                io.err(&format!(
                    "curl: (22) The requested URL returned error: {}\n",
                    resp.status
                ));
            }
            return 22;
        }
        let body = if method == "HEAD" {
            String::new()
        } else {
            resp.body.clone()
        };
        let mut shown = String::new();
        if o.head || o.include {
            shown.push_str(&resp.head_text());
        }
        shown.push_str(&body);
        let size = body.len() as u64;
        let speed = size * 1000 / ms;
        let total = resp
            .header("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(size);
        let file = match (&o.output, o.remote_name) {
            (Some(f), _) => Some(f.clone()),
            (None, true) => Some(
                url.target
                    .split('?')
                    .next()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            ),
            _ => None,
        };
        match file {
            Some(f) if f.is_empty() => {
                if say_errors {
                    io.err("curl: Remote file name has no length\n");
                }
                return 23;
            }
            Some(f) => {
                let path = h.abs(&f);
                if let Err(e) = h.write(&path, &shown, false) {
                    if meter {
                        io.err(&meter_line(0, 0, 0));
                        io.err("\n");
                    }
                    if say_errors {
                        io.err(&format!(
                            "curl: (23) Failure writing output to destination, passed {} returned {}\nWarning: Failed to open the file {f}: {}\n",
                            shown.len(),
                            0,
                            e.text()
                        ));
                    }
                    return 23;
                }
            }
            None if !shown.is_empty() => {
                // The first redraw of the meter is still on screen when the
                // body arrives; the last one starts on the line after it.
                if meter {
                    io.err(&meter_line(0, 0, 0));
                }
                io.out(&shown);
                if meter && !shown.ends_with('\n') {
                    io.err("\n");
                }
            }
            None => {}
        }
        if meter {
            io.err(&meter_line(total, size, speed));
            io.err("\n");
        }
        if let Some(w) = &o.write_out {
            io.out(&write_out(
                w,
                resp.status,
                body.len(),
                &ip,
                raw,
                ms as f64 / 1000.0,
            ));
        }
    }
    status
}

/// busybox wget's progress line when stderr is not a terminal.
fn wget_progress(kind: Wget, name: &str, size: usize) -> String {
    let short: String = name.chars().take(20).collect();
    match kind {
        Wget::BusyboxOld => format!(
            "{short:<20} 100% |{}|{size:>6}   0:00:00 ETA\n\n",
            "*".repeat(31)
        ),
        Wget::BusyboxNew => format!(
            "{short:<20} 100% |{}| {size:>5}  0:00:00 ETA\n",
            "*".repeat(32)
        ),
    }
}

pub(crate) fn wget(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let kind = h.tools.wget.unwrap_or(Wget::BusyboxOld);
    let mut quiet = false;
    let mut out_file: Option<String> = None;
    let mut spider = false;
    let mut ua = "Wget".to_string();
    let mut urls: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(long) = a.strip_prefix("--") {
            match long.split_once('=').map_or(long, |(n, _)| n) {
                "quiet" => quiet = true,
                "spider" => spider = true,
                "output-document" => {
                    out_file = long
                        .split_once('=')
                        .map(|(_, v)| v.to_string())
                        .or_else(|| {
                            i += 1;
                            args.get(i).cloned()
                        })
                }
                "user-agent" => {
                    i += 1;
                    ua = args.get(i).cloned().unwrap_or_default();
                }
                _ => {}
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                match chars[j] {
                    'q' => quiet = true,
                    's' => spider = true,
                    'O' | 'T' | 'U' | 'P' | 'Y' | 'o' | 't' | 'e' => {
                        let rest: String = chars[j + 1..].iter().collect();
                        let v = if rest.is_empty() {
                            i += 1;
                            args.get(i).cloned().unwrap_or_default()
                        } else {
                            rest
                        };
                        match chars[j] {
                            'O' => out_file = Some(v),
                            'U' => ua = v,
                            _ => {}
                        }
                        break;
                    }
                    _ => {}
                }
                j += 1;
            }
        } else {
            urls.push(a.clone());
        }
        i += 1;
    }
    if urls.is_empty() {
        io.err(&crate::console::container::busybox_usage::show(
            "wget",
            kind == Wget::BusyboxNew,
        ));
        return 1;
    }
    for raw in urls {
        let mut url = match parse_url(&raw) {
            Ok(u) if u.scheme == "http" || u.scheme == "https" => u,
            _ => {
                io.err(&format!("wget: not an http or ftp url: {raw}\n"));
                return 1;
            }
        };
        let mut redirects = 0;
        let (resp, name) = loop {
            let Some(l) = h.lookup_v4(&url.host) else {
                io.err(&format!("wget: bad address '{}'\n", url.host));
                return 1;
            };
            let ip = l.addrs[0].clone();
            if !quiet {
                io.err(&format!("Connecting to {} ({ip}:{})\n", url.host, url.port));
            }
            match h.fetch(&url, if spider { "HEAD" } else { "GET" }, &ua, None) {
                Fetch::NoResolve => {
                    io.err(&format!("wget: bad address '{}'\n", url.host));
                    return 1;
                }
                Fetch::NoConnect { ip, reach } => {
                    io.err(&format!(
                        "wget: can't connect to remote host ({ip}): {}\n",
                        reach.errno_text()
                    ));
                    return 1;
                }
                Fetch::EmptyReply => {
                    io.err("wget: error getting response: Connection reset by peer\n");
                    return 1;
                }
                Fetch::Done { resp, .. } => {
                    if matches!(resp.status, 301 | 302 | 303 | 307 | 308) {
                        redirects += 1;
                        if redirects > 5 {
                            io.err("wget: too many redirections\n");
                            return 1;
                        }
                        if let Some(u) = resp.header("Location").and_then(|l| parse_url(l).ok()) {
                            url = u;
                            continue;
                        }
                    }
                    if resp.status != 200 && resp.status != 204 && resp.status != 206 {
                        io.err(&format!(
                            "wget: server returned error: HTTP/1.1 {} {}\n",
                            resp.status, resp.reason
                        ));
                        return 1;
                    }
                    let path_part = url.target.split('?').next().unwrap_or("/");
                    let base = path_part.rsplit('/').next().unwrap_or("");
                    let name = if base.is_empty() {
                        "index.html".to_string()
                    } else {
                        base.to_string()
                    };
                    break (resp, name);
                }
            }
        };
        if spider {
            continue;
        }
        let to_stdout = out_file.as_deref() == Some("-");
        let fname = out_file.clone().unwrap_or(name);
        if !to_stdout {
            let path = h.abs(&fname);
            // Without -O, busybox refuses to overwrite (O_EXCL).
            if out_file.is_none() && h.stat(&path).is_ok() {
                io.err(&format!("wget: can't open '{fname}': File exists\n"));
                return 1;
            }
            if let Err(e) = h.write(&path, &resp.body, false) {
                io.err(&format!("wget: can't open '{fname}': {}\n", e.text()));
                return 1;
            }
        }
        if !quiet && kind == Wget::BusyboxNew {
            if to_stdout {
                io.err("writing to stdout\n");
            } else {
                io.err(&format!("saving to '{fname}'\n"));
            }
        }
        if to_stdout {
            io.out(&resp.body);
        }
        if !quiet {
            let shown = if to_stdout {
                "-"
            } else {
                fname.rsplit('/').next().unwrap_or("")
            };
            io.err(&wget_progress(kind, shown, resp.body.len()));
            if kind == Wget::BusyboxNew {
                if to_stdout {
                    io.err("written to stdout\n");
                } else {
                    io.err(&format!("'{fname}' saved\n"));
                }
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_like_curl() {
        let u = parse_url("web-0.nginx").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("web-0.nginx", 80, "/")
        );
        let u = parse_url("http://10.244.1.5:8080/a/b?x=1").unwrap();
        assert_eq!(
            (u.port, u.target.as_str(), u.host_header().as_str()),
            (8080, "/a/b?x=1", "10.244.1.5:8080")
        );
        assert!(parse_url("ftp://x").is_err());
        assert!(parse_url("http://:80/").is_err());
    }

    #[test]
    fn meter_fields_are_curls() {
        assert_eq!(max5(615), "  615");
        assert_eq!(max5(307_500), " 300k");
        assert_eq!(
            meter_line(615, 615, 307_500),
            "100   615  100   615    0     0   300k      0 --:--:-- --:--:-- --:--:--  300k"
        );
        assert_eq!(
            meter_line(0, 0, 0),
            "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
        );
    }

    #[test]
    fn wget_progress_lines() {
        assert_eq!(
            wget_progress(Wget::BusyboxOld, "-", 615),
            "-                    100% |*******************************|   615   0:00:00 ETA\n\n"
        );
        assert_eq!(
            wget_progress(Wget::BusyboxNew, "-", 615),
            "-                    100% |********************************|   615  0:00:00 ETA\n"
        );
    }
}
