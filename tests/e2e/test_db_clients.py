"""A database client's prompt on the page's console: the gallery's Redis is
applied from the editor, `kubectl exec -it redis-0 -- redis-cli` opens
redis-cli's prompt, a key written there is read back through a replica,
and `exit` gives the console back; the MySQL monitor asks for the password
with the input masked and keeps it out of the transcript.
"""

from harness import KEYS
from test_flow import OrdinalCase

PROMPT = "return document.querySelector('.prompt-row .prompt').textContent.trim();"


class DbClientTest(OrdinalCase):
    def test_redis_cli_prompt_writes_and_a_replica_reads(self):
        self.open()
        self.show("panel-editor")
        self.browser.execute(
            "const s = document.getElementById('example-select'); s.value = 'gallery/redis';"
            "s.dispatchEvent(new Event('change', {bubbles: true}));"
        )
        self.browser.click("button.load-example")
        self.browser.wait_for(
            "document.querySelector('button.apply').textContent.includes('redis.yaml')",
            message="the gallery's Redis loaded",
        )
        self.browser.click("button.apply")
        self.run_cmd("sim settle")
        self.run_cmd("sleep 2")
        self.run_cmd("kubectl exec -it redis-0 -- redis-cli")
        self.browser.wait_for(
            lambda: self.browser.execute(PROMPT) == "127.0.0.1:6379>",
            message="redis-cli's prompt",
        )
        self.run_cmd("set greeting hello")
        self.browser.wait_for(
            lambda: self.console_text().rstrip().endswith("OK"),
            message="redis-cli to answer OK",
        )
        self.run_cmd("exit")
        self.browser.wait_for(
            lambda: self.browser.execute(PROMPT) == "$",
            message="the console's own prompt back",
        )
        self.run_cmd("kubectl exec redis-1 -- redis-cli get greeting")
        self.browser.wait_for(
            lambda: self.console_text().rstrip().endswith("hello"),
            message="the replica to read the primary's key",
        )
        # The session's lines stay in the transcript under its prompt.
        self.assertIn("127.0.0.1:6379> set greeting hello", self.console_text())

    def test_mysql_monitor_hides_the_password(self):
        self.open()
        self.show("panel-editor")
        self.browser.execute(
            "const s = document.getElementById('example-select'); s.value = 'gallery/mysql';"
            "s.dispatchEvent(new Event('change', {bubbles: true}));"
        )
        self.browser.click("button.load-example")
        self.browser.wait_for(
            "document.querySelector('button.apply').textContent.includes('mysql.yaml')",
            message="the gallery's MySQL loaded",
        )
        self.browser.click("button.apply")
        self.run_cmd("sim settle")
        self.run_cmd("kubectl exec -it mysql-0 -- mysql -uroot -p")
        self.browser.wait_for(
            lambda: self.browser.execute(PROMPT) == "Enter password:",
            message="the monitor to ask for the password",
        )
        self.assertIn("is-secret", self.browser.attribute("#console-input", "class"))
        self.browser.click("#console-input")
        self.browser.type_keys("#console-input", "change-me" + KEYS["ENTER"])
        self.browser.wait_for(
            lambda: self.browser.execute(PROMPT) == "mysql>",
            message="the monitor's prompt",
        )
        self.assertNotIn("change-me", self.console_text())
        self.assertIn("Welcome to the MySQL monitor.", self.console_text())
        self.assertNotIn("is-secret", self.browser.attribute("#console-input", "class") or "")
        self.run_cmd("exit")
        self.browser.wait_for(
            lambda: self.browser.execute(PROMPT) == "$",
            message="the console's own prompt back",
        )
