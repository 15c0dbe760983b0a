//! The HTTP side of a reached Pod (Apache httpd in `httpd.rs`): an nginx container serves
//! `/usr/share/nginx/html` from its own container file system (so files in
//! its PersistentVolume are what it serves), with nginx's own 301/403/404/405
//! pages and headers, and writes its access and error log lines to the
//! container's log (`kubectl logs`). Other listeners are not HTTP servers.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::engine::images::Flavor;
use crate::engine::kubelet::CState;
use crate::engine::store::key;
use crate::engine::volumes::normalize;
use crate::engine::{Engine, SimTime};

use super::Peer;
use crate::console::container::clock::Tm;
use crate::console::container::host::{Node, View};
use crate::console::container::image::Toolbox;

const ROOT: &str = "/usr/share/nginx/html";

/// An HTTP request as the clients send it.
pub(crate) struct Request<'a> {
    pub method: &'a str,
    /// The request target (`/`, `/index.html?x=1`).
    pub target: &'a str,
    /// The `Host:` header.
    pub host: &'a str,
    pub client_ip: &'a str,
    pub user_agent: &'a str,
    /// The request line's protocol (`HTTP/1.1`; `HTTP/1.0` typed to nc).
    pub protocol: &'a str,
}

/// An HTTP response.
#[derive(Clone, Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub reason: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The status line and headers, CRLF-terminated, as on the wire.
    pub fn head_text(&self) -> String {
        let mut s = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\r\n"));
        }
        s.push_str("\r\n");
        s
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Gives the headers named `name` (any case) the value `value`; adds
    /// none where there is none.
    pub fn replace_header(&mut self, name: &str, value: &str) {
        for (k, v) in self.headers.iter_mut() {
            if k.eq_ignore_ascii_case(name) {
                *v = value.to_string();
            }
        }
    }
}

/// Whether a request line starts with an HTTP method as nginx and Apache
/// read one: capital letters (nginx also takes `_` and `-`) up to a space
/// or the end. `hello`, `get /` and TLS bytes are not.
pub(crate) fn is_method(line: &str) -> bool {
    let word = line.split(' ').next().unwrap_or("");
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'_' || b == b'-')
}

/// The request line as the access logs quote it: what was read, the
/// method alone when that is all there was.
pub(super) fn request_line(req: &Request<'_>) -> String {
    [req.method, req.target, req.protocol]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An HTTP/1.1 request without a `Host:` header, which nginx and Apache
/// refuse with 400 (curl and wget always send one; a request typed into
/// `nc` may not).
pub(super) fn missing_host(req: &Request<'_>) -> bool {
    req.protocol == "HTTP/1.1" && req.host.is_empty()
}

/// nginx's built-in error page (CRLF line ends, as `ngx_http_special_response.c` has them).
pub(crate) fn error_page(status: u16, reason: &str, version: &str) -> String {
    format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>{version}</center>\r\n</body>\r\n</html>\r\n"
    )
}

pub(super) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "shtml" => "text/html",
        "txt" => "text/plain",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "xml" => "text/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" | "svgz" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// `%2F` decoding of a request path.
pub(crate) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// When the serving container started (its files' modification time).
pub(super) fn started_at(engine: &Engine, peer: &Peer, container: &str) -> SimTime {
    engine
        .pod_runtime(&peer.ns, &peer.pod)
        .and_then(|rt| rt.find(container).and_then(|c| rt.ctr(c)))
        .and_then(|c| match c.state {
            CState::Running { since } => Some(since),
            _ => None,
        })
        .unwrap_or(engine.now())
}

/// Whether a decoded request path climbs above the document root (`/../x`).
pub(super) fn escapes_root(decoded: &str) -> bool {
    let mut depth: i64 = 0;
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        match part {
            "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// The container of the reached Pod that listens on the port, and its image.
fn listener(engine: &Engine, peer: &Peer) -> Option<(String, String)> {
    let rt = engine.pod_runtime(&peer.ns, &peer.pod)?;
    rt.ctrs
        .iter()
        .chain(rt.inits.iter().filter(|c| c.sidecar))
        .find(|c| {
            c.warm
                && matches!(c.state, CState::Running { .. })
                && crate::engine::images::lookup(&c.image)
                    .is_ok_and(|s| s.listens.contains(&peer.port))
        })
        .map(|c| (c.name.to_string(), c.image.to_string()))
}

/// Appends lines to a container's log, as its stdout/stderr would.
fn log(engine: &mut Engine, ns: &str, pod: &str, container: &str, lines: &[String]) {
    let now = engine.now();
    let Some(uid) = engine.kubelet.by_key.get(&key(ns, pod)).cloned() else {
        return;
    };
    let Some(rt) = engine.kubelet.pods.get_mut(&uid) else {
        return;
    };
    let Some(c) = rt.find(container) else { return };
    let Some(ct) = rt.ctr_mut(c) else { return };
    for l in lines {
        ct.log_line(now, l);
    }
}

/// Serves one request at the reached Pod; None when what listens there is
/// not an HTTP server (the client sees an empty reply). nginx logs it.
pub(crate) fn serve(engine: &mut Engine, peer: &Peer, req: &Request<'_>) -> Option<Response> {
    let (container, resp, lines) = respond(engine, peer, req)?;
    log(engine, &peer.ns, &peer.pod, &container, &lines);
    Some(resp)
}

/// What the reached Pod answers, without a trace of it: the container that
/// answered, the response and the log lines nginx would write.
pub(crate) fn respond(
    engine: &Engine,
    peer: &Peer,
    req: &Request<'_>,
) -> Option<(String, Response, Vec<String>)> {
    let (container, image) = listener(engine, peer)?;
    let tools = Toolbox::for_image(&image);
    if tools.flavor == Flavor::Httpd {
        let (resp, lines) = super::httpd::respond(engine, peer, req, &container, &image);
        return Some((container, resp, lines));
    }
    if tools.flavor != Flavor::Nginx {
        return None;
    }
    let version = tools.nginx_version.clone();
    let now = engine.now();
    let tm = Tm::at(now);
    let started = started_at(engine, peer, &container);
    let uri_path = req.target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(uri_path);
    let escapes = escapes_root(&decoded);
    let mut error_line: Option<String> = None;
    let log_prefix = format!(
        "{} [error] 29#29: *{} ",
        tm.strftime("%Y/%m/%d %H:%M:%S"),
        1 + (crate::engine::kubelet::status::fnv(&format!("{}{}", req.client_ip, now.as_ms()))
            % 50)
    );
    // `ngx_http_log_error_handler`: the host only when one was sent.
    let log_suffix = format!(
        ", client: {}, server: localhost, request: \"{}\"{}",
        req.client_ip,
        request_line(req),
        if req.host.is_empty() {
            String::new()
        } else {
            format!(", host: \"{}\"", req.host)
        }
    );
    let base_headers = |ctype: &str, len: usize| {
        vec![
            ("Server".to_string(), version.clone()),
            ("Date".to_string(), tm.http()),
            ("Content-Type".to_string(), ctype.to_string()),
            ("Content-Length".to_string(), len.to_string()),
            ("Connection".to_string(), "keep-alive".to_string()),
        ]
    };
    let err = |status: u16, reason: &'static str, extra: Vec<(String, String)>| {
        let body = error_page(status, reason, &version);
        let mut headers = base_headers("text/html", body.len());
        headers.extend(extra);
        let mut resp = Response {
            status,
            reason,
            headers,
            body,
        };
        if status == 400 {
            // `ngx_http_special_response_handler` turns keepalive off for
            // a bad request: nginx answers and closes.
            resp.replace_header("Connection", "close");
        }
        resp
    };
    // An HTTP/1.1 request must name its host (`ngx_http_process_request_
    // header`); nginx logs why at level info, below the image's `notice`.
    let resp = if !is_method(req.method)
        || missing_host(req)
        || !decoded.starts_with('/')
        || escapes
    {
        err(400, "Bad Request", vec![])
    } else if req.method != "GET" && req.method != "HEAD" {
        err(405, "Not Allowed", vec![])
    } else {
        let view = View {
            engine,
            ns: &peer.ns,
            pod: &peer.pod,
            container: &container,
        };
        let fs_path = normalize(&format!("{ROOT}{decoded}"));
        let file = |p: &str| match view.stat(p) {
            Ok(Node::File(s)) => Some(s),
            _ => None,
        };
        let ok = |path: &str, body: String| {
            let mtime = if crate::engine::containerfs::image_files(&image)
                .read(path)
                .is_ok_and(|s| *s == body)
            {
                // The image's own file: built with the image.
                Tm::from_unix(1_732_636_500)
            } else {
                Tm::at(started)
            };
            let mut headers = base_headers(content_type(path), body.len());
            headers.insert(4, ("Last-Modified".into(), mtime.http()));
            headers.push((
                "ETag".into(),
                format!("\"{:x}-{:x}\"", mtime.unix, body.len()),
            ));
            headers.push(("Accept-Ranges".into(), "bytes".into()));
            Response {
                status: 200,
                reason: "OK",
                headers,
                body,
            }
        };
        if decoded.ends_with('/') {
            match view.stat(&fs_path) {
                Ok(Node::Dir) => {
                    let index = ["index.html", "index.htm"]
                        .iter()
                        .map(|i| normalize(&format!("{fs_path}/{i}")))
                        .find_map(|p| file(&p).map(|b| (p, b)));
                    match index {
                        Some((p, body)) => ok(&p, body),
                        None => {
                            let shown = if fs_path == ROOT {
                                format!("{ROOT}/")
                            } else {
                                format!("{fs_path}/")
                            };
                            error_line = Some(format!(
                                "{log_prefix}directory index of \"{shown}\" is forbidden{log_suffix}"
                            ));
                            err(403, "Forbidden", vec![])
                        }
                    }
                }
                Ok(Node::File(_)) => {
                    error_line = Some(format!(
                        "{log_prefix}open() \"{fs_path}/\" failed (20: Not a directory){log_suffix}"
                    ));
                    err(404, "Not Found", vec![])
                }
                Err(_) => {
                    error_line = Some(format!(
                        "{log_prefix}open() \"{ROOT}{decoded}\" failed (2: No such file or directory){log_suffix}"
                    ));
                    err(404, "Not Found", vec![])
                }
            }
        } else {
            match view.stat(&fs_path) {
                Ok(Node::File(body)) => ok(&fs_path, body),
                Ok(Node::Dir) => err(
                    301,
                    "Moved Permanently",
                    vec![(
                        "Location".into(),
                        format!("http://{}{}/", req.host, uri_path),
                    )],
                ),
                Err(_) => {
                    error_line = Some(format!(
                        "{log_prefix}open() \"{ROOT}{decoded}\" failed (2: No such file or directory){log_suffix}"
                    ));
                    err(404, "Not Found", vec![])
                }
            }
        }
    };
    let sent = if req.method == "HEAD" {
        0
    } else {
        resp.body.len()
    };
    let access = format!(
        "{} - - [{}] \"{}\" {} {sent} \"-\" \"{}\" \"-\"",
        req.client_ip,
        tm.strftime("%d/%b/%Y:%H:%M:%S +0000"),
        request_line(req),
        resp.status,
        req.user_agent
    );
    let mut lines: Vec<String> = error_line.into_iter().collect();
    lines.push(access);
    Some((container, resp, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_capital_tokens() {
        for ok in ["GET / HTTP/1.1", "HEAD", "M-SEARCH *", "PROPFIND"] {
            assert!(is_method(ok), "{ok}");
        }
        for bad in ["hello", "get / HTTP/1.1", "", " GET", "\u{16}\u{3}"] {
            assert!(!is_method(bad), "{bad:?}");
        }
    }

    #[test]
    fn error_pages_are_nginx_s() {
        let p = error_page(403, "Forbidden", "nginx/1.27.3");
        assert_eq!(p, "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n");
        assert_eq!(p.len(), 153);
        assert_eq!(percent_decode("/a%20b"), "/a b");
        assert_eq!(content_type("/x/index.html"), "text/html");
    }
}
