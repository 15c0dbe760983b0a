"""The browser's language reaches the page (pt-BR through --accept-lang)."""

from harness import AppTestCase


class PortugueseBrowserTest(AppTestCase):
    LANG = "pt-BR"

    def test_navigator_language_is_pt_br(self):
        self.open()
        self.assertEqual(self.browser.execute("return navigator.language;"), "pt-BR")
