#!/usr/bin/env python3
"""A small static file server for dist/ (standard library only).

`make run` uses it to serve the built page; the end-to-end tests use
`StaticServer` to serve dist/ under a path prefix (proving the build works
from any prefix) and to see every request the browser made.
"""

import argparse
import functools
import http.server
import os
import sys
import threading
import urllib.parse


class _Handler(http.server.SimpleHTTPRequestHandler):
    # Python's table may lack these; wasm must be application/wasm or the
    # browser falls back to slower compilation and warns in the console.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".html": "text/html; charset=utf-8",
    }

    def __init__(self, *args, prefix, log, quiet, **kwargs):
        self._prefix = prefix
        self._log = log
        self._quiet = quiet
        super().__init__(*args, **kwargs)

    def end_headers(self):
        # Always the files on disk: a rebuild shows up on reload.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_response(self, code, message=None):
        # The path as requested, before _route strips the prefix.
        self._log.append((self.command, getattr(self, "_requested", self.path), code))
        super().send_response(code, message)

    def _route(self):
        """Strip the prefix; answer 404 outside it. Returns False if handled."""
        self._requested = self.path
        path = urllib.parse.urlsplit(self.path).path
        if path == self._prefix.rstrip("/") and self._prefix != "/":
            self.send_response(301)
            self.send_header("Location", self._prefix)
            self.end_headers()
            return False
        if not path.startswith(self._prefix):
            self.send_error(404, "outside the served prefix " + self._prefix)
            return False
        rest = self.path[len(self._prefix) :]
        self.path = "/" + rest
        return True

    def do_GET(self):
        if self._route():
            super().do_GET()

    def do_HEAD(self):
        if self._route():
            super().do_HEAD()

    def log_message(self, format, *args):
        if not self._quiet:
            super().log_message(format, *args)


class StaticServer:
    """Serves `directory` at http://HOST:PORT/PREFIX/ from a background thread.

    `requests` lists (method, path, status) for every request, in order;
    `failed_requests()` the ones answered with 400 or more.
    """

    def __init__(self, directory, prefix="/", host="127.0.0.1", port=0, quiet=True):
        if not prefix.startswith("/"):
            prefix = "/" + prefix
        if not prefix.endswith("/"):
            prefix += "/"
        self.directory = os.path.abspath(directory)
        self.prefix = prefix
        self.requests = []
        handler = functools.partial(
            _Handler, directory=self.directory, prefix=prefix, log=self.requests, quiet=quiet
        )
        self._httpd = http.server.ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self.host, self.port = self._httpd.server_address[:2]
        self._thread = None

    @property
    def origin(self):
        return f"http://{self.host}:{self.port}"

    @property
    def url(self):
        return self.origin + self.prefix

    def failed_requests(self):
        return [r for r in self.requests if r[2] >= 400]

    def start(self):
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self):
        self._httpd.serve_forever()

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    parser = argparse.ArgumentParser(description="Serve a built dist/ directory.")
    parser.add_argument("directory", nargs="?", default="dist")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--prefix", default="/")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.directory, "index.html")):
        sys.exit(f"{args.directory}/index.html is missing: run `make dist` first")
    server = StaticServer(args.directory, args.prefix, args.host, args.port, quiet=False)
    print(f"Serving {args.directory}/ at {server.url}  (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
