"""Screenshots of the page in its main states, for looking at: desktop and
phone, light and dark, English and Portuguese, presentation mode.

Runs only when ORDINAL_SHOTS names a folder (make e2e skips it):
    ORDINAL_SHOTS=$PWD/screenshots python3 -m unittest test_screenshots
"""

import json
import os
import unittest

from harness import Browser
from test_flow import OrdinalCase

OUT = os.environ.get("ORDINAL_SHOTS")

SHOTS = [
    # name, width, height, lang, theme, what to show
    ("desktop-en-light", 1366, 768, None, "light", "events"),
    ("desktop-en-dark", 1366, 768, None, "dark", "dns"),
    ("desktop-pt-light", 1366, 768, "pt-BR", "light", "dns"),
    ("desktop-pt-dark", 1366, 768, "pt-BR", "dark", "learn"),
    ("desktop-en-present", 1366, 768, None, "light", "present"),
    ("desktop-en-nodes", 1366, 768, None, "dark", "nodes"),
    ("phone-en-light", 390, 844, None, "light", "cluster"),
    ("phone-pt-dark", 390, 844, "pt-BR", "dark", "console"),
    ("phone-en-dark-dns", 390, 844, None, "dark", "dns"),
    ("phone-pt-light-editor", 390, 844, "pt-BR", "light", "editor"),
]


@unittest.skipUnless(OUT, "set ORDINAL_SHOTS to a folder to take screenshots")
class Screenshots(OrdinalCase):
    def test_take(self):
        for name, w, h, lang, theme, what in SHOTS:
            with Browser(w, h, lang) as b:
                b.navigate(self.server.url)
                b.wait_for(self.MOUNTED)
                b.execute(
                    "localStorage.clear(); localStorage.setItem('ordinal.v1.prefs', arguments[0]);"
                    "Storage.prototype.setItem = function () {};",
                    json.dumps({"theme": theme, "present": what == "present", "speed": 6}),
                )
                b.navigate(self.server.url)
                b.wait_for(self.MOUNTED)
                b.wait_for(
                    "(document.querySelector(\".slot[data-pod='web-1']\") || {className: ''}).className.includes('is-ready')",
                    timeout=40,
                )
                b.click("button.play")
                phone = w < 600
                if what == "dns" or what == "events" or what == "learn" or what == "editor" or what == "console":
                    panel = {"dns": "panel-dns", "events": "panel-events", "learn": "panel-learn",
                             "editor": "panel-editor", "console": "panel-console"}[what]
                    sel = f".tabs--phone [aria-controls='{panel}']" if phone else f".tabs--column [aria-controls='{panel}']"
                    if not (what == "console" and not phone):
                        b.click(sel)
                if what == "dns":
                    b.click(".dns-ask")
                    b.wait_for_selector(".lookup-result .answer")
                if what == "nodes":
                    b.click(".segmented .seg:nth-child(2)")
                if what in ("events", "present", "cluster"):
                    b.click(".slot[data-pod='web-1'] .pod")
                if what == "console":
                    b.click("#console-input")
                    b.type_keys("#console-input", "kubectl scale sts web --replicas=3\ue007")
                import time
                time.sleep(1.8)
                b.screenshot(os.path.join(OUT, f"{name}.png"))
                self.assertEqual(b.severe_logs(), [], name)
