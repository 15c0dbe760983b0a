"""Guided lessons on the page: the list in the page's language, a lesson
walked step by step (editor, console, buttons all count), checks turning
green, progress kept over a reload, and the workshop link that opens a
lesson at a step with a seed and a language, in English and Portuguese."""

from test_flow import OrdinalCase
from test_portuguese import english_words


def steps_state(browser):
    return browser.execute(
        "return [...document.querySelectorAll('.lesson-steps__item')].map(li =>"
        " li.classList.contains('is-done') ? 'done' : li.classList.contains('is-current') ? 'current' : 'todo');"
    )


class LessonTest(OrdinalCase):
    def wait_done(self, n, timeout=60):
        self.browser.wait_for(
            lambda: steps_state(self.browser)[:n] == ["done"] * n,
            timeout=timeout,
            message=f"steps 1..{n} done (now {steps_state(self.browser)})",
        )

    def test_identity_lesson_step_by_step(self):
        self.open()
        self.show("panel-learn")
        titles = self.browser.execute(
            "return [...document.querySelectorAll('.lesson-card__title')].map(t => t.textContent);"
        )
        self.assertEqual(len(titles), 7, titles)
        self.assertEqual(titles[0], "Identity and order")
        self.browser.click(".lesson-card[data-lesson='identity'] .lesson-start")
        self.browser.wait_for_selector(".lesson[data-lesson='identity']")
        self.assertEqual(steps_state(self.browser)[0], "current")
        # A fresh cluster: the lesson's manifest is in the editor, nothing runs yet.
        self.assertIn("replicas: 2", self.browser.value("#manifest"))
        self.browser.wait_for_selector(".lesson-check__hint")
        # Step 1 from the editor.
        self.set_speed(6)
        self.show("panel-editor")
        self.browser.click("button.apply")
        self.play(True)
        self.show("panel-learn")
        self.wait_done(1)
        self.assertEqual(steps_state(self.browser)[1], "current")
        self.assertIn("Step 1 done", self.browser.text(".lesson__status"))
        # Step 2 from the console, typed.
        self.run_cmd("kubectl run dns-test --image=busybox:1.28 --restart=Never -- sleep infinity")
        self.wait_done(2)
        # Progress survives a reload.
        self.open(fresh=False)
        self.browser.wait_for_selector(".lesson[data-lesson='identity']")
        self.assertEqual(steps_state(self.browser)[:3], ["done", "done", "current"])
        # The workshop link opens this step with this seed and language.
        self.browser.click(".lesson-link-button")
        link = self.browser.value("#lesson-link")
        self.assertTrue(link.endswith("#lesson=identity&step=3&seed=1&lang=en"), link)
        # Back to the list: the overview counts the steps done.
        self.browser.click(".lesson-back")
        self.assertIn("2 of", self.browser.text(".lesson-card[data-lesson='identity'] .lesson-card__foot"))
        self.assertIn("Continue", self.browser.text(".lesson-card[data-lesson='identity'] .lesson-start"))


class PortugueseLessonTest(OrdinalCase):
    LANG = "pt-BR"

    def test_workshop_link_opens_the_step_in_portuguese(self):
        self.open_link("#lesson=identity&step=2&seed=5&lang=pt-BR")
        self.browser.wait_for_selector(".lesson[data-lesson='identity']")
        self.assertEqual(self.browser.execute("return document.documentElement.lang;"), "pt-BR")
        self.assertNotIn("#lesson=", self.browser.current_url())
        self.assertEqual(steps_state(self.browser)[:2], ["done", "current"])
        self.assertIn("Olhe as identidades por dentro", self.browser.text(".lesson-step__title"))
        # The first step's commands were typed for the learner.
        self.assertIn("kubectl apply -f https://k8s.io/examples/application/web/web.yaml", self.console_text())
        self.assertEqual(english_words(self.browser), [])
        self.browser.click(".lesson-run")
        self.browser.wait_for(
            lambda: steps_state(self.browser)[:2] == ["done", "done"], timeout=60, message="step 2 done"
        )
        self.assertIn("Passo 2 concluído", self.browser.text(".lesson__status"))
        self.assertEqual(english_words(self.browser), [])

    def test_a_damaged_lesson_link_is_reported(self):
        self.open_link("#lesson=nope&step=99")
        self.browser.wait_for_selector(".notice--warn")
        self.assertTrue(self.browser.execute("return document.querySelectorAll('.slot[data-pod]').length > 0;"))
