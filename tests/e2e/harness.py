"""End-to-end harness: the built dist/ in real headless Chromium.

Standard library only. Drives /usr/bin/chromedriver over the W3C WebDriver
HTTP API (urllib) and serves dist/ with scripts/serve.py under a path prefix
(/ordinal/), so every test also proves the build works from a sub-path.

Writing a test (tests/e2e/test_*.py; `make e2e` runs them all):

    from harness import AppTestCase

    class EditorTest(AppTestCase):
        def test_editor_shows_manifest(self):
            self.open()                               # load the page, wait for the app
            text = self.browser.value("textarea")
            self.assertIn("kind: StatefulSet", text)
            self.browser.click("button.play")
            self.browser.wait_for("document.querySelectorAll('.pod').length == 2")

After every test, AppTestCase fails the test on any SEVERE browser console
entry (errors, CSP violations, failed loads), any request the server answered
with >= 400, and any resource loaded from outside the server.

Browser(...) is usable on its own (see screenshot.py); its main methods:
navigate, execute, execute_async, wait_for, wait_for_selector, find, find_all,
click, type_keys, clear, text, value, attribute, property, resources, logs, severe_logs,
set_viewport, screenshot, close.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts"))

from serve import StaticServer  # noqa: E402

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DIST = os.environ.get("ORDINAL_DIST", os.path.join(REPO, "dist"))
PREFIX = "/ordinal/"
DEFAULT_TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "15"))

# The Chromium flags the browser component tests use too (tests/webdriver.json):
# headless, root-safe, and no network access except the local server (every
# other host name fails to resolve). Screenshots want no scrollbars.
with open(os.path.join(REPO, "tests", "webdriver.json"), encoding="utf-8") as _f:
    CHROMIUM_ARGS = json.load(_f)["goog:chromeOptions"]["args"] + ["--hide-scrollbars"]

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"  # W3C WebDriver element reference

# Keys for type_keys (W3C WebDriver key codes).
KEYS = {
    "ENTER": "\ue007",
    "TAB": "\ue004",
    "BACKSPACE": "\ue003",
    "ESCAPE": "\ue00c",
    "ARROW_UP": "\ue013",
    "ARROW_DOWN": "\ue015",
    "ARROW_LEFT": "\ue012",
    "ARROW_RIGHT": "\ue014",
    "HOME": "\ue011",
    "END": "\ue010",
    "CONTROL": "\ue009",
    "SHIFT": "\ue008",
}


class WebDriverError(AssertionError):
    pass


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One chromedriver process with one Chromium session.

    width/height: the viewport in CSS pixels; lang: e.g. "pt-BR", sets
    navigator.language through --accept-lang (headless ignores --lang).
    """

    def __init__(self, width=1366, height=768, lang=None, extra_args=()):
        self._profile = tempfile.mkdtemp(prefix="ordinal-e2e-profile-")
        self._port = _free_port()
        self._driver_log = open(os.path.join(self._profile, "chromedriver.log"), "w+")
        self._driver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={self._port}"],
            stdout=self._driver_log,
            stderr=subprocess.STDOUT,
        )
        self._base = f"http://127.0.0.1:{self._port}"
        self.session = None
        try:
            self._wait_for_driver()
            args = CHROMIUM_ARGS + [
                f"--user-data-dir={os.path.join(self._profile, 'chromium')}",
                f"--window-size={width},{height}",
            ]
            if lang:
                args.append(f"--accept-lang={lang}")
            args.extend(extra_args)
            caps = {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
                "goog:loggingPrefs": {"browser": "ALL"},
                "timeouts": {"pageLoad": 30000, "script": 30000, "implicit": 0},
            }
            value = self._request("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
            self.session = value["sessionId"]
            self.set_viewport(width, height)
        except BaseException:
            self.close()
            raise

    # -- plumbing ---------------------------------------------------------

    def _wait_for_driver(self, timeout=15):
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self._request("GET", "/status").get("ready"):
                    return
            except (OSError, WebDriverError):
                pass
            if self._driver.poll() is not None or time.monotonic() > deadline:
                raise WebDriverError("chromedriver did not start: " + self._driver_output())
            time.sleep(0.05)

    def _driver_output(self):
        self._driver_log.flush()
        self._driver_log.seek(0)
        return self._driver_log.read()[-2000:]

    def _request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self._base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                payload = json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as err:
            try:
                payload = json.loads(err.read())
                value = payload.get("value", {})
                raise WebDriverError(
                    f"{method} {path}: {value.get('error')}: {value.get('message')}"
                ) from None
            except (ValueError, AttributeError):
                raise WebDriverError(f"{method} {path}: HTTP {err.code}") from None
        return payload.get("value", payload)

    def _session(self, method, path, body=None):
        return self._request(method, f"/session/{self.session}{path}", body)

    def cdp(self, command, params=None):
        """Runs a Chrome DevTools Protocol command (chromedriver extension)."""
        return self._session("POST", "/goog/cdp/execute", {"cmd": command, "params": params or {}})

    # -- navigation and scripts -------------------------------------------

    def navigate(self, url):
        self._session("POST", "/url", {"url": url})

    def current_url(self):
        return self._session("GET", "/url")

    def execute(self, script, *args):
        """Runs `script` as a function body (use `return`); args as arguments[i]."""
        return self._session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def execute_async(self, script, *args):
        """Like execute; the script calls arguments[arguments.length - 1](result)."""
        return self._session("POST", "/execute/async", {"script": script, "args": list(args)})

    def wait_for(self, condition, timeout=DEFAULT_TIMEOUT, message=None):
        """Polls until `condition` is truthy and returns its value.

        condition: a JavaScript expression (string) or a Python callable.
        """
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            try:
                if callable(condition):
                    value = condition()
                else:
                    value = self.execute(f"return ({condition});")
                if value:
                    return value
            except WebDriverError as err:
                last_error = err
            if time.monotonic() > deadline:
                what = message or (condition if isinstance(condition, str) else repr(condition))
                extra = f" (last error: {last_error})" if last_error else ""
                raise AssertionError(f"timed out after {timeout}s waiting for {what}{extra}")
            time.sleep(0.05)

    def wait_for_selector(self, css, timeout=DEFAULT_TIMEOUT, visible=False):
        """Waits until `css` matches (and, with visible=True, is displayed)."""
        check = "el !== null" + (" && el.getClientRects().length > 0" if visible else "")
        self.wait_for(
            f"(function(){{ const el = document.querySelector({json.dumps(css)}); return {check}; }})()",
            timeout,
            message=f"selector {css!r}" + (" to be visible" if visible else ""),
        )
        return self.find(css)

    # -- elements ------------------------------------------------------------

    def find(self, css):
        """The first element matching `css` (a WebDriver element id)."""
        value = self._session("POST", "/element", {"using": "css selector", "value": css})
        return value[ELEMENT_KEY]

    def find_all(self, css):
        values = self._session("POST", "/elements", {"using": "css selector", "value": css})
        return [v[ELEMENT_KEY] for v in values]

    def click(self, target):
        """Clicks a CSS selector's first match (or an element id)."""
        self._session("POST", f"/element/{self._element_id(target)}/click", {})

    def type_keys(self, target, text):
        """Types `text` into an element (focusing it); use KEYS for special keys."""
        self._session("POST", f"/element/{self._element_id(target)}/value", {"text": text})

    def clear(self, target):
        self._session("POST", f"/element/{self._element_id(target)}/clear", {})

    def text(self, css):
        """The rendered text of the first match."""
        return self._session("GET", f"/element/{self.find(css)}/text")

    def value(self, css):
        """The `.value` property (inputs, textareas)."""
        return self._session("GET", f"/element/{self.find(css)}/property/value")

    def attribute(self, css, name):
        """An HTML attribute as written (e.g. a relative href)."""
        return self._session("GET", f"/element/{self.find(css)}/attribute/{name}")

    def property(self, css, name):
        """A DOM property (e.g. the absolute URL in `href`)."""
        return self._session("GET", f"/element/{self.find(css)}/property/{name}")

    def _element_id(self, target):
        return self.find(target) if _looks_like_selector(target) else target

    # -- observations ----------------------------------------------------------

    def resources(self):
        """performance.getEntriesByType('resource') as dicts (name, initiatorType,
        transferSize, encodedBodySize, decodedBodySize, responseStatus, duration)."""
        return self.execute(
            "return performance.getEntriesByType('resource').map(e => ({"
            "name: e.name, initiatorType: e.initiatorType, transferSize: e.transferSize,"
            "encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,"
            "responseStatus: e.responseStatus, duration: e.duration}));"
        )

    def navigation_timing(self):
        return self.execute("return performance.getEntriesByType('navigation')[0].toJSON();")

    def logs(self):
        """Browser console entries since the last call: dicts with level, message."""
        try:
            return self._session("POST", "/se/log", {"type": "browser"})
        except WebDriverError:
            return self._session("POST", "/log", {"type": "browser"})

    @staticmethod
    def severe(entries):
        return [e for e in entries if e.get("level") == "SEVERE"]

    def severe_logs(self):
        return self.severe(self.logs())

    # -- window and screenshots --------------------------------------------------

    def set_viewport(self, width, height, scale=1):
        """Sets the viewport to exactly width x height CSS pixels."""
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600},
        )

    def screenshot(self, path):
        """Writes a PNG of the viewport to `path`."""
        png = base64.b64decode(self._session("GET", "/screenshot"))
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png)
        return path

    # -- lifetime ------------------------------------------------------------------

    def close(self):
        if self.session:
            try:
                self._request("DELETE", f"/session/{self.session}")
            except (OSError, WebDriverError):
                pass
            self.session = None
        if self._driver.poll() is None:
            self._driver.terminate()
            try:
                self._driver.wait(10)
            except subprocess.TimeoutExpired:
                self._driver.kill()
                self._driver.wait()
        self._driver_log.close()
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _looks_like_selector(target):
    """Element ids from chromedriver look like `f.ABC...d.DEF...e.12`."""
    return not (isinstance(target, str) and target.startswith("f.") and ".e." in target)


def serve_dist(prefix=PREFIX):
    """A started StaticServer for dist/ under `prefix`."""
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        raise unittest.SkipTest(f"{DIST}/index.html is missing: run `make dist`")
    return StaticServer(DIST, prefix).start()


class AppTestCase(unittest.TestCase):
    """Base class: one server and one browser per test class.

    Class attributes to override: WIDTH, HEIGHT, LANG.
    In tests: self.open() loads the app and waits until it has mounted;
    self.browser is the Browser, self.server the StaticServer.
    """

    WIDTH = 1366
    HEIGHT = 768
    LANG = None
    # The app has mounted once the loading message is gone and it rendered.
    MOUNTED = "document.querySelector('#app .app') !== null"

    @classmethod
    def setUpClass(cls):
        cls.server = serve_dist()
        try:
            cls.browser = Browser(cls.WIDTH, cls.HEIGHT, cls.LANG)
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.server.stop()

    def setUp(self):
        self._requests_before = len(self.server.requests)
        self.browser.logs()  # drop entries from earlier tests

    def open(self, query=""):
        """Loads the app (optionally with ?query / #fragment) and waits for it."""
        self.browser.navigate(self.server.url + query)
        self.browser.wait_for(self.MOUNTED, message="the app to mount")

    def tearDown(self):
        # What every page must hold, checked after every test (after a failed
        # one too: a console error often explains the failure).
        self.assert_clean_console()
        self.assert_no_failed_requests()
        self.assert_only_local_resources()

    def assert_clean_console(self):
        severe = self.browser.severe_logs()
        self.assertEqual(severe, [], "SEVERE browser console entries")

    def assert_no_failed_requests(self):
        made = self.server.requests[self._requests_before :]
        failed = [r for r in made if r[2] >= 400]
        self.assertEqual(failed, [], "requests answered with an error")
        outside = [r for r in made if not r[1].startswith(self.server.prefix)]
        self.assertEqual(outside, [], f"requests outside {self.server.prefix}")

    def assert_only_local_resources(self):
        if not self.browser.current_url().startswith(self.server.origin):
            return
        for entry in self.browser.resources():
            self.assertTrue(
                entry["name"].startswith(self.server.url),
                f"resource from outside the server: {entry['name']}",
            )
            status = entry.get("responseStatus") or 0
            self.assertLess(status, 400, f"failed resource: {entry}")
