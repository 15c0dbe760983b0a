"""A panic shows an overlay with a report and a reload link; the user's
text survives the reload."""

from test_flow import OrdinalCase


class CrashOverlayTest(OrdinalCase):
    def test_panic_shows_overlay_and_reload_keeps_text(self):
        self.open()
        text = self.browser.value("#manifest").replace("replicas: 3", "replicas: 5")
        self.set_editor(text)
        self.browser.navigate(self.server.url + "?crash-test")
        self.browser.wait_for_selector(".crash", timeout=15)
        report = self.browser.value("#crash-report")
        self.assertIn("crash test requested", report)
        self.assertIn("Ordinal", report)
        self.browser.logs()  # the panic's own console error is expected here
        self.browser.click(".crash__reload")
        self.browser.wait_for(self.MOUNTED)
        self.assertIn("replicas: 5", self.browser.value("#manifest"))
        self.assertEqual(self.browser.execute("return document.querySelectorAll('.crash').length;"), 0)
