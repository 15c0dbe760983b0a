"""The built page loads under a path prefix, mounts, and stays on its server."""

import os
import re
import unittest

from harness import DIST, AppTestCase


class PageLoadsTest(AppTestCase):
    def test_app_mounts_with_example_manifest(self):
        self.open()
        self.assertEqual(self.browser.text("h1"), "Ordinal")
        manifest = self.browser.value("textarea")
        self.assertIn("kind: StatefulSet", manifest)
        self.assertIn("clusterIP: None", manifest)
        # The loading message was replaced by the app.
        self.assertEqual(self.browser.execute("return document.querySelectorAll('.loading').length;"), 0)

    def test_loads_only_its_own_files_relative_to_the_prefix(self):
        self.open()
        names = [entry["name"] for entry in self.browser.resources()]
        self.assertTrue(any(name.endswith(".wasm") for name in names), names)
        for name in names:
            self.assertTrue(name.startswith(self.server.url), name)
        # The icon link keeps the browser from asking /favicon.ico at the root.
        self.assertTrue(self.browser.property("link[rel=icon]", "href").startswith(self.server.url))

    def test_runs_under_a_csp_that_blocks_inline_scripts(self):
        self.open()
        # The page itself needs no inline script...
        inline = self.browser.execute("return [...document.scripts].filter(s => !s.src).length;")
        self.assertEqual(inline, 0)
        csp = self.browser.attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        self.assertIn("script-src 'self' 'wasm-unsafe-eval'", csp)
        self.assertNotIn("unsafe-inline", csp)
        # ...and the policy is in force: an injected inline script does not run.
        ran = self.browser.execute(
            "const s = document.createElement('script');"
            "s.textContent = 'window.inlineRan = true';"
            "document.head.append(s);"
            "return window.inlineRan === true;"
        )
        self.assertFalse(ran)
        violations = [e for e in self.browser.severe_logs() if "Content Security Policy" in e["message"]]
        self.assertEqual(len(violations), 1, violations)


class DistTest(unittest.TestCase):
    """Checks on the built files themselves."""

    def test_index_uses_relative_urls_only(self):
        with open(os.path.join(DIST, "index.html"), encoding="utf-8") as f:
            html = f.read()
        # Quoted or not: the release build's index.html is minified.
        urls = [q or bare for q, bare in re.findall(r'\b(?:href|src)=(?:"([^"]*)"|([^\s">]+))', html)]
        self.assertTrue(urls)
        for url in urls:
            self.assertTrue(url.startswith("./"), f"not relative: {url}")
        scripts = re.findall(r"<script\b[^>]*>", html)
        self.assertTrue(scripts)
        for tag in scripts:
            self.assertIn(" src=", tag, "inline scripts would break the CSP")
        self.assertIn("<noscript>", html)
