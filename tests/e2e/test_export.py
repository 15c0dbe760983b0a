"""The cluster view exported for slides: SVG and PNG files with the Pods
on screen, drawn by the page itself (no request leaves it)."""

import base64
import struct

from test_flow import OrdinalCase

# Records what the page offers as a download instead of saving it: the
# anchor's file name and address, and the blob's text for blob: URLs.
CAPTURE = """
window.__downloads = [];
const blobs = new Map();
const create = URL.createObjectURL;
URL.createObjectURL = function (b) { const u = create.call(URL, b); blobs.set(u, b); return u; };
HTMLAnchorElement.prototype.click = function () {
  const entry = {name: this.download, href: this.href};
  const blob = blobs.get(this.href);
  if (blob) { blob.text().then(t => { entry.text = t; window.__downloads.push(entry); }); }
  else { window.__downloads.push(entry); }
};
"""


def png_size(data):
    """(width, height) from a PNG's IHDR chunk; fails on anything else."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


class ExportTest(OrdinalCase):
    def setUp(self):
        super().setUp()
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        self.browser.execute(CAPTURE)

    def downloads(self, count):
        self.browser.wait_for(f"window.__downloads.length >= {count}", message="a download")
        return self.browser.execute("return window.__downloads;")

    def test_svg_export_shows_the_pods(self):
        self.browser.click(".export-svg")
        (svg,) = self.downloads(1)
        self.assertEqual(svg["name"], "ordinal-cluster.svg")
        self.assertTrue(svg["text"].startswith("<svg"), svg["text"][:80])
        for pod in ("web-0", "web-1", "web-2", "www-web-0"):
            self.assertIn(pod, svg["text"])

    def test_png_export_is_a_picture_twice_the_svg_size(self):
        self.browser.click(".export-svg")
        self.browser.click(".export-png")
        svg, png = self.downloads(2)
        self.assertEqual(png["name"], "ordinal-cluster.png")
        prefix = "data:image/png;base64,"
        self.assertTrue(png["href"].startswith(prefix), png["href"][:40])
        width, height = png_size(base64.b64decode(png["href"][len(prefix):]))
        # The SVG says its own size; the PNG is drawn at twice it.
        head = svg["text"].split(">", 1)[0]
        svg_w = int(head.split('width="', 1)[1].split('"', 1)[0])
        svg_h = int(head.split('height="', 1)[1].split('"', 1)[0])
        self.assertEqual((width, height), (2 * svg_w, 2 * svg_h))
        # Drawing it broke no rule of the page's Content-Security-Policy.
        violations = [e for e in self.browser.severe_logs() if "Content Security Policy" in e["message"]]
        self.assertEqual(violations, [])
