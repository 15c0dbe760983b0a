#!/usr/bin/env python3
"""Screenshots of the built page at a desktop and a phone size (make screenshot).

Usage: screenshot.py [OUT_DIR] [--lang pt-BR]. Writes OUT_DIR/NAME-WxH.png and
fails if the page logs a console error.
"""

import argparse
import os
import sys

from harness import REPO, AppTestCase, Browser, serve_dist

SIZES = [("desktop", 1366, 768), ("phone", 390, 844)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=os.path.join(REPO, "screenshots"))
    parser.add_argument("--lang", default=None, help="browser language, e.g. pt-BR")
    args = parser.parse_args()

    server = serve_dist()
    failures = 0
    try:
        for name, width, height in SIZES:
            suffix = f"-{args.lang}" if args.lang else ""
            path = os.path.join(args.out, f"{name}-{width}x{height}{suffix}.png")
            with Browser(width, height, args.lang) as browser:
                browser.navigate(server.url)
                browser.wait_for(AppTestCase.MOUNTED, message="the app to mount")
                browser.screenshot(path)
                severe = browser.severe_logs()
            print(path)
            for entry in severe:
                failures += 1
                print(f"  console {entry['level']}: {entry['message']}", file=sys.stderr)
    finally:
        server.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
