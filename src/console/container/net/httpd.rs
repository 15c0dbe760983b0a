//! Apache httpd as the reached Pod's web server: it serves
//! `/usr/local/apache2/htdocs` from its container's file system, lists a
//! directory without an index (the image's `Options Indexes`), answers with
//! Apache's own error documents, and logs each request to stdout in the
//! common log format (the image sends `access_log` there). The upstream
//! StatefulSet e2e tests run this image and move `htdocs/index.html` away
//! to make a Pod unready.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::container::clock::Tm;
use crate::console::container::host::{Node, View};
use crate::engine::containerfs::HTTPD_ROOT;
use crate::engine::images::ImageRef;
use crate::engine::volumes::normalize;
use crate::engine::Engine;

use super::http::{content_type, escapes_root, percent_decode, started_at, Request, Response};
use super::Peer;

/// The `Server:` header: the e2e image's release, else the current one.
fn version(image: &str) -> &'static str {
    if ImageRef::parse(image).tag.starts_with("2.4.38") {
        "Apache/2.4.38 (Unix)"
    } else {
        "Apache/2.4.62 (Unix)"
    }
}

/// Apache's built-in error document (2.4.38 still names the URL).
fn error_page(status: u16, reason: &str, detail: &str) -> String {
    format!(
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>{status} {reason}</title>\n</head><body>\n<h1>{reason}</h1>\n<p>{detail}</p>\n</body></html>\n"
    )
}

/// `mod_autoindex`'s plain listing of a directory.
fn listing(shown: &str, names: &[(String, bool)]) -> String {
    let mut s = format!(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n  <title>Index of {shown}</title>\n </head>\n <body>\n<h1>Index of {shown}</h1>\n<ul>"
    );
    if shown != "/" {
        s.push_str("<li><a href=\"../\"> Parent Directory</a></li>\n");
    }
    for (n, dir) in names {
        let slash = if *dir { "/" } else { "" };
        s.push_str(&format!(
            "<li><a href=\"{n}{slash}\"> {n}{slash}</a></li>\n"
        ));
    }
    s.push_str("</ul>\n</body></html>\n");
    s
}

/// One request to httpd in `container`: the response and its log line.
pub(super) fn respond(
    engine: &Engine,
    peer: &Peer,
    req: &Request<'_>,
    container: &str,
    image: &str,
) -> (Response, Vec<String>) {
    let now = engine.now();
    let tm = Tm::at(now);
    let server = version(image);
    let started = started_at(engine, peer, container);
    let uri_path = req.target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(uri_path);
    let headers = |ctype: &str, len: usize| {
        vec![
            ("Date".to_string(), tm.http()),
            ("Server".to_string(), server.to_string()),
            ("Content-Length".to_string(), len.to_string()),
            ("Content-Type".to_string(), ctype.to_string()),
        ]
    };
    let page = |status: u16, reason: &'static str, detail: String| {
        let body = error_page(status, reason, &detail);
        Response {
            status,
            reason,
            headers: headers("text/html; charset=iso-8859-1", body.len()),
            body,
        }
    };
    let ok = |path: &str, body: String| {
        let mtime = Tm::at(started);
        let mut h = headers(content_type(path), body.len());
        h.insert(2, ("Last-Modified".into(), mtime.http()));
        h.insert(
            3,
            (
                "ETag".into(),
                format!("\"{:x}-{:x}\"", body.len(), mtime.unix),
            ),
        );
        h.insert(4, ("Accept-Ranges".into(), "bytes".into()));
        Response {
            status: 200,
            reason: "OK",
            headers: h,
            body,
        }
    };
    let view = View {
        engine,
        ns: &peer.ns,
        pod: &peer.pod,
        container,
    };
    let fs_path = normalize(&format!("{HTTPD_ROOT}{decoded}"));
    let no_host = super::http::missing_host(req);
    // A line that is not a request (no protocol): Apache's strict request
    // line parsing answers 400. (A lowercase method in a whole request line
    // would be 501 there; only nc can send one, and it sends none here.)
    let bad_method = req.protocol.is_empty() && !super::http::is_method(req.method);
    let resp = if bad_method || no_host || !decoded.starts_with('/') || escapes_root(&decoded) {
        let mut r = page(
            400,
            "Bad Request",
            "Your browser sent a request that this server could not understand.<br />\n".into(),
        );
        // Apache closes the connection after a bad request.
        r.headers
            .insert(3, ("Connection".to_string(), "close".to_string()));
        r
    } else if req.method != "GET" && req.method != "HEAD" {
        page(
            405,
            "Method Not Allowed",
            format!(
                "The requested method {} is not allowed for this URL.",
                req.method
            ),
        )
    } else {
        match view.stat(&fs_path) {
            Ok(Node::File(body)) if !decoded.ends_with('/') => ok(&fs_path, body),
            Ok(Node::Dir) if !decoded.ends_with('/') => {
                let mut r = page(
                    301,
                    "Moved Permanently",
                    format!(
                        "The document has moved <a href=\"http://{}{uri_path}/\">here</a>.",
                        req.host
                    ),
                );
                r.headers.insert(
                    2,
                    ("Location".into(), format!("http://{}{uri_path}/", req.host)),
                );
                r
            }
            Ok(Node::Dir) => {
                let index = normalize(&format!("{fs_path}/index.html"));
                match view.stat(&index) {
                    Ok(Node::File(body)) => ok(&index, body),
                    _ => {
                        let names: Vec<(String, bool)> = engine
                            .container_list(&peer.ns, &peer.pod, container, &fs_path)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(n, e)| (n, matches!(e, crate::engine::volumes::Entry::Dir)))
                            .collect();
                        let shown = if decoded.ends_with('/') {
                            decoded.clone()
                        } else {
                            format!("{decoded}/")
                        };
                        let body = listing(&shown, &names);
                        Response {
                            status: 200,
                            reason: "OK",
                            headers: headers("text/html;charset=ISO-8859-1", body.len()),
                            body,
                        }
                    }
                }
            }
            _ => page(
                404,
                "Not Found",
                format!("The requested URL {decoded} was not found on this server."),
            ),
        }
    };
    let sent = if req.method == "HEAD" || resp.body.is_empty() {
        "-".to_string()
    } else {
        resp.body.len().to_string()
    };
    let line = format!(
        "{} - - [{}] \"{}\" {} {sent}",
        req.client_ip,
        tm.strftime("%d/%b/%Y:%H:%M:%S +0000"),
        super::http::request_line(req),
        resp.status
    );
    // Apache notes a missing host (AH00569) at level info, below the
    // image's `LogLevel warn`: only the access line shows it.
    (resp, vec![line])
}
