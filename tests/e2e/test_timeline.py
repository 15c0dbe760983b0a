"""Time travel: a command run while the timeline is rewound says what it
threw away."""

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
