"""The main flow with the keyboard only: apply from the editor, select a Pod,
delete it, type a command; focus is always visible. The events log is one
Tab stop, walked with the arrow keys."""

from harness import KEYS
from test_flow import OrdinalCase


class KeyboardTest(OrdinalCase):
    def active(self):
        return self.browser._session("GET", "/element/active")["element-6066-11e4-a52e-4f735466cecf"]

    def press(self, key, times=1):
        for _ in range(times):
            self.browser.type_keys(self.active(), key)

    def focused(self):
        return self.browser.execute(
            "const e = document.activeElement;"
            "return {tag: e.tagName, id: e.id, cls: e.className, text: e.textContent.trim().slice(0, 40),"
            " outline: getComputedStyle(e).outlineStyle};"
        )

    def tab_to(self, predicate, limit=80):
        for _ in range(limit):
            self.press(KEYS["TAB"])
            f = self.focused()
            if predicate(f):
                return f
        self.fail("not reachable with Tab")

    def test_keyboard_only_walk(self):
        self.open()
        self.browser.execute("document.activeElement.blur(); window.focus();")
        self.browser.type_keys("body", KEYS["TAB"])
        first = self.focused()
        self.assertIn("skip-link", first["cls"])
        # Apply from the editor with Ctrl+Enter.
        self.tab_to(lambda f: f["id"] == "manifest")
        self.browser.type_keys(self.active(), KEYS["CONTROL"] + KEYS["ENTER"] + KEYS["CONTROL"])
        self.browser.wait_for(
            "document.querySelectorAll('.entry__cmd').length >= 2", message="a second kubectl apply"
        )
        # Select web-0 and delete it.
        f = self.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"].startswith("web-0"))
        self.assertNotEqual(f["outline"], "none", "focus is visible")
        self.press(KEYS["ENTER"])
        self.tab_to(lambda f: "act-delete" in f["cls"])
        self.press(KEYS["ENTER"])
        self.browser.wait_for(
            "document.querySelector('.console__out').textContent.includes('kubectl delete pod web-0')"
        )
        # The skip link leads to the console; type a command there.
        # (Chromium resumes Tab from where focus was, so go to the link
        # directly; the first Tab of the page reaching it is checked above.)
        self.browser.execute("document.querySelector('.skip-link').focus();")
        self.press(KEYS["ENTER"])
        self.assertEqual(self.focused()["id"], "console-input")
        self.press("echo hello" + KEYS["ENTER"])
        self.browser.wait_for("document.querySelector('.console__out').textContent.includes('hello')")
        # ↑ walks the history; ↓ past the newest entry gives back what was
        # being typed; Tab after -o offers the output formats.
        self.press("kubectl get pods -o w")
        self.press(KEYS["ARROW_UP"])
        self.assertEqual(self.browser.value("#console-input"), "echo hello")
        self.press(KEYS["ARROW_DOWN"])
        self.assertEqual(self.browser.value("#console-input"), "kubectl get pods -o w")
        self.press(KEYS["TAB"])
        self.assertEqual(self.browser.value("#console-input"), "kubectl get pods -o wide ")

    def test_lesson_with_the_keyboard(self):
        self.open()
        self.browser.execute("document.activeElement.blur(); window.focus();")
        self.browser.type_keys("body", KEYS["TAB"])
        self.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"] in ("Learn",))
        self.press(KEYS["ENTER"])
        f = self.tab_to(lambda f: "lesson-start" in f["cls"])
        self.assertNotEqual(f["outline"], "none", "focus is visible")
        self.press(KEYS["ENTER"])
        self.browser.wait_for_selector(".lesson")
        self.tab_to(lambda f: "lesson-run" in f["cls"])
        self.press(KEYS["ENTER"])
        self.browser.wait_for(
            "document.querySelector('.lesson-steps__item').classList.contains('is-done')",
            timeout=60,
            message="step 1 done",
        )

    def entry(self):
        """The focused narration entry: its id, its place in the log, the
        number of entries, and whether the focus is on one of its links."""
        return self.browser.execute(
            "const a = document.activeElement;"
            "const li = a.closest('.events__list [data-entry]');"
            "if (!li) return null;"
            "const all = [...document.querySelectorAll('.events__list [data-entry]')];"
            "return {id: li.dataset.entry, index: all.indexOf(li), count: all.length,"
            " link: a !== li ? a.textContent : null, outline: getComputedStyle(a).outlineStyle};"
        )

    def test_events_log_is_one_tab_stop_walked_with_arrow_keys(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        self.play(False)
        links = self.browser.execute("return document.querySelectorAll('.events__list .obj-link').length;")
        self.assertGreater(links, 20, "a log full of links")
        # One Tab reaches the log (its newest entry), the next one leaves it.
        self.browser.execute("document.querySelector('#panel-events .check input').focus();")
        self.press(KEYS["TAB"])
        e = self.entry()
        self.assertIsNotNone(e, self.focused())
        self.assertEqual(e["index"], e["count"] - 1, "the newest entry")
        self.assertIsNone(e["link"])
        self.assertNotEqual(e["outline"], "none", "focus is visible")
        self.press(KEYS["TAB"])
        self.assertIsNone(self.entry(), "one Tab leaves the log")
        self.press(KEYS["SHIFT"] + KEYS["TAB"] + KEYS["SHIFT"])
        self.assertEqual(self.entry()["index"], e["count"] - 1, "Shift+Tab comes back to it")
        # ↑/↓, Home and End walk the entries.
        self.press(KEYS["ARROW_UP"], 2)
        self.assertEqual(self.entry()["index"], e["count"] - 3)
        self.press(KEYS["ARROW_DOWN"])
        self.assertEqual(self.entry()["index"], e["count"] - 2)
        self.press(KEYS["HOME"])
        self.assertEqual(self.entry()["index"], 0)
        self.press(KEYS["END"])
        self.assertEqual(self.entry()["index"], e["count"] - 1)
        # The newest entry names web-2 ("web-2: container started"): → goes
        # to its link, Enter selects web-2, Escape goes back to the entry.
        self.press(KEYS["ARROW_RIGHT"])
        self.assertEqual(self.entry()["link"], "web-2")
        self.press(KEYS["ENTER"])
        self.browser.wait_for(
            "document.querySelector(\".slot[data-pod='web-2'] .pod.is-selected\") !== null",
            message="web-2 selected",
        )
        self.press(KEYS["ESCAPE"])
        self.assertIsNone(self.entry()["link"])
        # Enter on an entry selects its first object; the entry walked to
        # keeps the Tab stop.
        self.press(KEYS["HOME"])
        first = self.entry()
        self.press(KEYS["ENTER"])
        self.browser.wait_for("document.querySelector('.obj-link.is-selected') !== null", message="a selection")
        stops = self.browser.execute(
            "return [...document.querySelectorAll('.events__list [tabindex]')]"
            ".filter(e => e.tabIndex >= 0).map(e => e.dataset.entry);"
        )
        self.assertEqual(stops, [first["id"]])
