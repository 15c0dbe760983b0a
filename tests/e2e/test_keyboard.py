"""The main flow with the keyboard only: apply from the editor, select a Pod,
delete it, type a command; focus is always visible."""

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
