#!/usr/bin/env python3
"""Screenshots of the built page for looking at (make screenshot): laptop
1366x768 and phone 390x844, English and Brazilian Portuguese, light and
dark, the running example, a DNS lookup, a lesson, presentation mode.

Usage: screenshot.py [OUT_DIR]. Writes OUT_DIR/NAME.png and fails if the
page logs a console error.
"""

import argparse
import json
import os
import sys
import time

from harness import REPO, AppTestCase, Browser, serve_dist

# name, width, height, browser language, theme, what to show, address fragment
SHOTS = [
    ("laptop-en-light-cluster", 1366, 768, None, "light", "events", ""),
    ("laptop-pt-BR-light-dns", 1366, 768, "pt-BR", "light", "dns", ""),
    ("laptop-en-dark-nodes", 1366, 768, None, "dark", "nodes", ""),
    ("laptop-pt-BR-dark-lesson", 1366, 768, "pt-BR", "dark", "lesson", "#lesson=identity&step=2&seed=1&lang=pt-BR"),
    ("laptop-en-light-lesson", 1366, 768, None, "light", "lesson", "#lesson=dns&step=2&seed=1&lang=en"),
    ("laptop-en-present-lesson", 1366, 768, None, "light", "present", "#lesson=storage&step=3&seed=1&lang=en"),
    ("phone-en-light-cluster", 390, 844, None, "light", "cluster", ""),
    ("phone-pt-BR-light-lesson", 390, 844, "pt-BR", "light", "lesson", "#lesson=identity&step=1&seed=1&lang=pt-BR"),
    ("phone-pt-BR-dark-console", 390, 844, "pt-BR", "dark", "console", ""),
    ("phone-en-dark-dns", 390, 844, None, "dark", "dns", ""),
]


def take(server, out, shot):
    name, w, h, lang, theme, what, fragment = shot
    phone = w < 600
    with Browser(w, h, lang) as b:
        b.navigate(server.url)
        b.wait_for(AppTestCase.MOUNTED, message="the app to mount")
        b.execute(
            "localStorage.clear(); localStorage.setItem('ordinal.v1.prefs', arguments[0]);"
            "Storage.prototype.setItem = function () {};",
            json.dumps({"theme": theme, "present": what == "present", "speed": 6}),
        )
        b.navigate("about:blank")
        b.navigate(server.url + fragment)
        b.wait_for(AppTestCase.MOUNTED, message="the app to mount")
        if not fragment:
            b.wait_for(
                "(document.querySelector(\".slot[data-pod='web-2']\") || {className: ''}).className.includes('is-ready')",
                timeout=60,
            )
            b.click("button.play")  # pause on a settled cluster

        def show(panel):
            sel = f".tabs--phone [aria-controls='{panel}']" if phone else f".tabs--column [aria-controls='{panel}']"
            b.click(sel)

        if what in ("dns", "events"):
            show("panel-" + what)
        if what == "console" and phone:
            show("panel-console")
        if what == "dns":
            b.click(".dns-ask")
            b.wait_for_selector(".lookup-result .answer")
        if what == "nodes":
            b.click(".segmented .seg:nth-child(2)")
        if what in ("events", "cluster"):
            b.click(".slot[data-pod='web-1'] .pod")
        if what == "console":
            b.click("#console-input")
            b.type_keys("#console-input", "kubectl get pods,pvc -o wide\ue007")
        time.sleep(2.0)
        path = os.path.join(out, f"{name}.png")
        b.screenshot(path)
        return path, b.severe_logs()


def take_all(server, out):
    failures = []
    for shot in SHOTS:
        path, severe = take(server, out, shot)
        print(path)
        failures += [f"{shot[0]}: {e['message']}" for e in severe]
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=os.path.join(REPO, "screenshots"))
    args = parser.parse_args()
    server = serve_dist()
    try:
        failures = take_all(server, args.out)
    finally:
        server.stop()
    for f in failures:
        print(f"  console error: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
