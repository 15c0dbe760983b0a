"""The narration's "Now" line says where things stand: a wait while the
controller waits, and that the set is steady once a scale down is over
(it used to keep the last "waiting for …" line for good)."""

from test_flow import OrdinalCase


class NowLineTest(OrdinalCase):
    def now(self):
        return self.browser.text(".events__now")

    def test_steady_after_a_scale_down(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        self.browser.wait_for(
            lambda: self.now() == "Now: web is steady: 3/3 Pods Ready, nothing is waiting",
            message=f"steady at 3 (now {self.now()!r})",
        )
        # Paused, so the wait is read at the instant of the command.
        self.play(False)
        self.run_cmd("kubectl scale sts web --replicas=1")
        self.browser.wait_for(
            lambda: "web waits for web-2 to finish terminating" in self.now(),
            message=f"the wait (now {self.now()!r})",
        )
        self.play(True)
        self.wait_slot("web-1", "is-absent", timeout=60)
        self.browser.wait_for(
            lambda: self.now() == "Now: web is steady: 1/1 Pods Ready, nothing is waiting",
            message=f"steady at 1 (now {self.now()!r})",
        )
        # The log still tells the last wait; it is no longer "now".
        waits = self.browser.execute(
            "return [...document.querySelectorAll('.events__list .event.is-waiting')].map(e => e.textContent);"
        )
        self.assertTrue(any("web-1 to finish terminating" in w for w in waits), waits)
