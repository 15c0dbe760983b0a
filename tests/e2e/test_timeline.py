"""Time travel: a command run while the timeline is rewound says what it
threw away; the timeline's arrow keys, the clock and the narration tell
apart moments that share a tenth of a second."""

import re

from harness import KEYS
from test_flow import OrdinalCase


class TimelineCase(OrdinalCase):
    """Helpers (no tests of their own)."""

    def clock(self):
        return self.browser.text(".clock")

    def seek(self, ms):
        self.browser.execute(
            "const r = document.querySelector('.timeline__range'); r.value = String(arguments[0]);"
            "r.dispatchEvent(new Event('input', {bubbles: true}));",
            ms,
        )

    def rewound_with_a_later_command(self):
        """The example played on past a command, then paused and rewound
        to 5 s, before that command."""
        self.open()
        self.set_speed(6)
        self.wait_slot("web-1", "is-ready", timeout=40)
        self.run_cmd("kubectl get pods")
        self.play(False)
        self.seek(5000)
        self.browser.wait_for(lambda: self.clock() == "00:05.0", message="rewound to 5 s")


class PastTest(TimelineCase):
    def test_a_command_in_the_past_says_what_it_discarded(self):
        self.rewound_with_a_later_command()
        self.assertIsNone(self.browser.attribute("button.live", "disabled"), "a future to go back to")
        self.run_cmd("kubectl get sts")
        notice = self.browser.wait_for(
            "[...document.querySelectorAll('.notice--warn')].map(n => n.textContent).join(' ')",
            message="a notice",
        )
        self.assertRegex(
            notice,
            r"Command run at 00:05\.0, in the past: what was recorded after it "
            r"\(\d+ (s|min( \d+ s)?), with 1 later command\) was discarded\.",
        )
        # What it says went is gone: nothing left to go forward to.
        self.assertEqual(self.browser.attribute("button.live", "disabled"), "true")
        self.assertNotIn("kubectl get pods", self.console_text())


class PastPortugueseTest(TimelineCase):
    LANG = "pt-BR"

    def test_the_notice_in_portuguese(self):
        self.rewound_with_a_later_command()
        self.run_cmd("kubectl get sts")
        notice = self.browser.wait_for(
            "[...document.querySelectorAll('.notice--warn')].map(n => n.textContent).join(' ')",
            message="a notice",
        )
        self.assertRegex(
            notice,
            r"Comando executado em 00:05\.0, no passado: o que estava gravado depois dele "
            r"\(\d+ (s|min( \d+ s)?), com 1 comando posterior\) foi descartado\.",
        )


class MomentsTest(TimelineCase):
    # With the example's seed, web-0's container starts at 7.528 s and the
    # controller creates web-1 at 7.570 s: one tenth of the timeline.
    def test_arrow_keys_stop_at_every_moment_inside_a_tenth(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-1", "is-ready", timeout=40)
        self.play(False)
        self.seek(7400)
        self.browser.wait_for(lambda: self.clock() == "00:07.4", message="at 7.4 s")

        def press(key, want):
            self.browser.type_keys(".timeline__range", KEYS[key])
            self.browser.wait_for(lambda: self.clock() == want, message=f"{key} to {want} (now {self.clock()})")

        press("ARROW_RIGHT", "00:07.5")
        self.assertIn("is-absent", self.slot_class("web-1"))
        press("ARROW_RIGHT", "00:07.528")
        self.assertIn("is-absent", self.slot_class("web-1"), "web-0 started; web-1 not yet")
        press("ARROW_RIGHT", "00:07.570")
        self.assertNotIn("is-absent", self.slot_class("web-1"), "web-1 created")
        press("ARROW_RIGHT", "00:07.6")
        # The narration writes the two moments apart too.
        times = self.browser.execute(
            "return [...document.querySelectorAll('.events__list .event__at')].map(t => t.textContent);"
        )
        self.assertIn("00:07.528", times)
        self.assertIn("00:07.570", times)
        self.assertFalse([t for t in times if re.fullmatch(r"00:07\.5", t)], times)
        self.assertEqual(
            self.browser.attribute(".timeline__range", "aria-valuetext"), "00:07.6"
        )
        press("ARROW_LEFT", "00:07.570")
        press("ARROW_LEFT", "00:07.528")
        self.assertIn("is-absent", self.slot_class("web-1"))
        press("ARROW_LEFT", "00:07.5")
        press("ARROW_LEFT", "00:07.4")
