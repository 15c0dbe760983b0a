"""A share link opened in a fresh browser profile shows the same scenario:
the same seed, commands and moment, so the same Pods with the same IPs."""

from harness import Browser
from test_flow import OrdinalCase


def view(browser):
    return browser.execute(
        "return {clock: document.querySelector('.clock').textContent,"
        " pods: [...document.querySelectorAll('.slot[data-pod]')].map(s =>"
        "   s.dataset.pod + ' ' + s.className + ' ' + (s.querySelector('.pod__meta') || {textContent: ''}).textContent),"
        " claims: [...document.querySelectorAll('.claim__pv')].map(c => c.title)};"
    )


class ShareLinkTest(OrdinalCase):
    def test_link_reproduces_the_view_in_a_fresh_profile(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-1", "is-ready", timeout=40)
        self.run_cmd("kubectl scale sts web --replicas=4")
        self.browser.wait_for(lambda: self.slot_class("web-3") is not None, timeout=30)
        self.play(False)
        here = view(self.browser)
        self.browser.click(".share > button")
        link = self.browser.wait_for("document.querySelector('#share-link') && document.querySelector('#share-link').value")
        self.assertIn("#s=", link)
        with Browser(self.WIDTH, self.HEIGHT) as other:
            other.navigate(link)
            other.wait_for(self.MOUNTED)
            other.wait_for("document.querySelectorAll('.slot[data-pod]').length >= 4")
            there = view(other)
            self.assertEqual(there, here)
            self.assertIn("kubectl scale sts web --replicas=4", other.text(".console__out"))
            # The link is consumed: the address no longer carries it.
            self.assertNotIn("#s=", other.current_url())
            self.assertEqual(other.severe_logs(), [])

    def test_damaged_link_is_reported_and_the_example_runs(self):
        self.open("#s=AAAAnot-a-scenario")
        self.browser.wait_for_selector(".notice--warn")
        self.assertTrue(self.browser.execute("return document.querySelectorAll('.slot[data-pod]').length > 0;"))
