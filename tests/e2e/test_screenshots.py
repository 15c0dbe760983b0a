"""The screenshots of screenshot.py as a test (console errors fail it).

Runs only when ORDINAL_SHOTS names a folder (make e2e skips it; make
screenshot takes them without the test runner):
    ORDINAL_SHOTS=$PWD/screenshots python3 -m unittest test_screenshots
"""

import os
import unittest

from harness import serve_dist
from screenshot import take_all

OUT = os.environ.get("ORDINAL_SHOTS")


@unittest.skipUnless(OUT, "set ORDINAL_SHOTS to a folder to take screenshots")
class Screenshots(unittest.TestCase):
    def test_take(self):
        server = serve_dist()
        try:
            self.assertEqual(take_all(server, OUT), [])
        finally:
            server.stop()
