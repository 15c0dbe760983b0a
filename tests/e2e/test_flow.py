"""The main flows of the page on the built dist/: the example starts in
order, Pods come back with the same name and claim, scaling keeps order and
claims, DNS answers exactly the ready Pods, the editor underlines problems.

OrdinalCase (no tests of its own) holds the helpers the other test files
import.
"""

import json
import time

from harness import KEYS, AppTestCase

# Records every change of the slots' classes (and the console's text
# length) with a sequence number, so order can be checked after the fact.
RECORDER = """
window.__slots = [];
const snap = () => {
  const s = {};
  document.querySelectorAll('.slot[data-pod]').forEach(el => { s[el.dataset.pod] = el.className; });
  return s;
};
let last = '';
const obs = new MutationObserver(() => {
  const s = snap();
  const j = JSON.stringify(s);
  if (j !== last) { last = j; window.__slots.push(s); }
});
obs.observe(document.querySelector('.app'), {subtree: true, attributes: true, childList: true});
window.__slots.push(snap());
"""


class OrdinalCase(AppTestCase):
    """Helpers for driving the page."""

    def open(self, query="", fresh=True):
        """Loads the app; fresh=True forgets what earlier tests saved."""
        if fresh and self.browser.current_url().startswith(self.server.origin):
            # The app saves its state when it is left: stop it, then forget.
            self.browser.execute("Storage.prototype.setItem = function () {}; localStorage.clear();")
        super().open(query)

    def open_link(self, fragment):
        """Opens the page fresh at `fragment` (a full load, not a jump
        within the page already open)."""
        if self.browser.current_url().startswith(self.server.origin):
            self.browser.execute("Storage.prototype.setItem = function () {}; localStorage.clear();")
        self.browser.navigate("about:blank")
        AppTestCase.open(self, fragment)

    def set_speed(self, index):
        self.browser.execute(
            "const s = document.querySelector('.speed select');"
            "s.value = String(arguments[0]);"
            "s.dispatchEvent(new Event('change', {bubbles: true}));",
            index,
        )

    def play(self, on=True):
        pressed = self.browser.attribute("button.play", "aria-pressed") == "true"
        if pressed != on:
            self.browser.click("button.play")

    def slot_class(self, pod):
        return self.browser.execute(
            "const el = document.querySelector(`.slot[data-pod='${arguments[0]}']`);"
            "return el ? el.className : null;",
            pod,
        )

    def wait_slot(self, pod, state, timeout=30):
        self.browser.wait_for(
            lambda: (self.slot_class(pod) or "").split().count(state) == 1,
            timeout=timeout,
            message=f"{pod} to be {state} (now {self.slot_class(pod)})",
        )

    def claim_volume(self, claim):
        return self.browser.execute(
            "const el = [...document.querySelectorAll('.claim')]"
            ".find(c => c.querySelector('.claim__name').textContent === arguments[0]);"
            "if (!el) return null;"
            "const pv = el.querySelector('.claim__pv');"
            "return {cls: el.className, pv: pv ? pv.title : ''};",
            claim,
        )

    def run_cmd(self, command):
        self.browser.click("#console-input")
        self.browser.type_keys("#console-input", command + KEYS["ENTER"])
        self.browser.wait_for(
            "[...document.querySelectorAll('.entry__cmd')].some(e => e.textContent.includes(%s))"
            % json.dumps(command),
            message=f"the console to echo {command!r}",
        )

    def console_text(self):
        return self.browser.text(".console__out")

    def show(self, panel_id):
        """Opens a column tab (Events, DNS, Editor, Learn) on wide screens."""
        self.browser.click(f".tabs--column [aria-controls='{panel_id}']")

    def start_recording(self):
        self.browser.execute(RECORDER)

    def recorded(self):
        return self.browser.execute("return window.__slots;")

    def set_editor(self, text):
        self.browser.execute(
            "const t = document.getElementById('manifest');"
            "t.value = arguments[0];"
            "t.dispatchEvent(new InputEvent('input', {bubbles: true}));",
            text,
        )


def states(entry, pod):
    cls = entry.get(pod)
    return set(cls.split()) if cls else {"missing"}


class StartsInOrderTest(OrdinalCase):
    def test_example_applies_and_web0_is_ready_before_web1_exists(self):
        self.open()
        self.start_recording()
        self.set_speed(6)  # 16x
        self.assertIn("kubectl apply -f web.yaml", self.console_text())
        self.wait_slot("web-2", "is-ready", timeout=60)
        log = self.recorded()
        for prev, pod in (("web-0", "web-1"), ("web-1", "web-2")):
            first = next(i for i, e in enumerate(log) if not states(e, pod) & {"is-absent", "missing"})
            self.assertIn("is-ready", states(log[first], prev), f"{prev} is ready before {pod} exists")
            # prev was seen pending or creating before it was ready: it did start.
            self.assertTrue(any(states(e, prev) & {"is-pending", "is-creating"} for e in log[:first]))
        # Each Pod has its own claim, bound and attached.
        for c in ("www-web-0", "www-web-1", "www-web-2"):
            self.assertIn("is-attached", self.claim_volume(c)["cls"])
        # The narration told why web-1 waited.
        self.show("panel-events")
        self.assertIn("waits for web-0 to be Running and Ready", self.browser.text(".events__list"))


class PodComesBackTest(OrdinalCase):
    def test_delete_web0_with_the_button_returns_same_name_and_claim(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-0", "is-ready", timeout=40)
        before = self.claim_volume("www-web-0")
        self.assertIn("is-attached", before["cls"])
        self.browser.click(".slot[data-pod='web-0'] .pod")
        self.browser.wait_for_selector(".act-delete")
        # nginx stops on SIGTERM in a fraction of a simulated second: at 16x
        # that can fall between two frames on a loaded machine. At 2x the
        # Terminating state is on screen for several frames.
        self.set_speed(3)
        self.start_recording()
        self.browser.click(".act-delete")
        self.browser.wait_for(
            "document.querySelector('.console__out').textContent.includes('kubectl delete pod web-0 --wait=false')"
        )
        self.wait_slot("web-0", "is-ready", timeout=60)
        log = self.recorded()
        seen = set().union(*(states(e, "web-0") for e in log))
        self.assertIn("is-terminating", seen)
        after = self.claim_volume("www-web-0")
        self.assertEqual(after["pv"], before["pv"], "the same volume is reattached")
        self.assertIn("is-attached", after["cls"])
        self.assertIn('pod "web-0" deleted', self.console_text())


class ScaleKeepsOrderAndClaimsTest(OrdinalCase):
    def test_scale_3_to_1_to_3(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        volumes = {c: self.claim_volume(c)["pv"] for c in ("www-web-1", "www-web-2")}
        self.set_speed(3)  # 2x: each removal is seen on its own
        self.start_recording()
        self.run_cmd("kubectl scale sts web --replicas=1")
        self.wait_slot("web-1", "is-absent", timeout=90)
        log = self.recorded()
        gone2 = next(i for i, e in enumerate(log) if "is-absent" in states(e, "web-2"))
        gone1 = next(i for i, e in enumerate(log) if "is-absent" in states(e, "web-1"))
        self.assertLess(gone2, gone1, "web-2 is removed before web-1")
        for c in ("www-web-1", "www-web-2"):
            self.assertIn("is-retained", self.claim_volume(c)["cls"])
        self.set_speed(6)
        self.start_recording()
        self.run_cmd("kubectl scale sts web --replicas=3")
        self.wait_slot("web-2", "is-ready", timeout=90)
        log = self.recorded()
        up2 = next(i for i, e in enumerate(log) if not states(e, "web-2") & {"is-absent", "missing"})
        self.assertIn("is-ready", states(log[up2], "web-1"), "web-2 is created only after web-1 is ready")
        for c, pv in volumes.items():
            info = self.claim_volume(c)
            self.assertEqual(info["pv"], pv, f"{c} keeps its volume")
            self.assertIn("is-attached", info["cls"])


class DnsTest(OrdinalCase):
    def test_lookup_of_nginx_lists_exactly_the_ready_pod_ips(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        self.play(False)
        self.show("panel-dns")
        self.browser.clear("#dns-name")
        self.browser.type_keys("#dns-name", "nginx")
        self.browser.click(".dns-ask")
        self.browser.wait_for_selector(".lookup-result .answer")
        answers = self.browser.execute(
            "return [...document.querySelectorAll('.lookup-result .answer code')].map(c => c.textContent.split(' ').pop());"
        )
        ready_ips = self.browser.execute(
            "return [...document.querySelectorAll('.slot.is-ready .pod__meta')].map(m => m.firstChild.textContent.trim());"
        )
        self.assertEqual(sorted(answers), sorted(ready_ips))
        self.assertEqual(len(answers), 3)
        # The console command it stands for works when pasted: web-0's nginx
        # image has no nslookup, so a busybox client asks from its namespace.
        same = self.browser.execute("return document.querySelector('.lookup-result').textContent;")
        self.assertIn("kubectl run dns-check --image=busybox:1.28 --restart=Never --rm -i -- nslookup nginx", same)
        # A Pod that is not ready leaves the answer. Paused, one event at a
        # time, so the answer and web-1's card are read at the same simulated
        # instant: a crashing container is restarted and Ready again for a
        # moment between crashes, which a playing clock races with.
        self.browser.click(".slot[data-pod='web-1'] .pod")
        self.browser.click(".act-crash")

        def two_answers():
            self.browser.click(".dns-ask")
            count, card = self.browser.execute(
                "return [document.querySelectorAll('.lookup-result .answer').length,"
                " document.querySelector(\".slot[data-pod='web-1']\").className];"
            )
            if count == 2:
                return card
            self.browser.click("button.step")
            return None

        card = self.browser.wait_for(two_answers, timeout=30, message="two answers after web-1 crashed")
        self.assertNotIn("is-ready", card.split())


class EditorTest(OrdinalCase):
    def test_invalid_manifest_underlines_the_right_line(self):
        self.open()
        text = self.browser.value("#manifest")
        lines = text.split("\n")
        line = lines.index("  replicas: 3") + 1
        lines[line - 1] = "  replica: 3"  # an unknown field
        self.set_editor("\n".join(lines))
        self.browser.wait_for_selector(".diag-item.is-error")
        at = self.browser.text(".diag-item.is-error .diag-item__at")
        self.assertEqual(at.split(",")[0], f"Line {line}")
        self.assertIn("replica", self.browser.text(".diag-item.is-error .diag-item__msg"))
        marked = self.browser.execute(
            "const l = document.querySelectorAll('.code__line');"
            "return [...l].findIndex(x => x.querySelector('.diag')) + 1;"
        )
        self.assertEqual(marked, line)
        self.assertEqual(self.browser.text(".gutter__n.is-error"), str(line))
        self.assertEqual(self.browser.text(".code__line .diag"), "replica")

    def test_reload_keeps_the_text(self):
        self.open()
        text = self.browser.value("#manifest").replace("replicas: 3", "replicas: 4")
        self.set_editor(text)
        time.sleep(0.3)
        self.open(fresh=False)
        self.assertIn("replicas: 4", self.browser.value("#manifest"))


class ConsoleShellTest(OrdinalCase):
    def test_commands_inside_a_pod_and_a_dns_lookup_from_the_console(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-1", "is-ready", timeout=40)
        self.run_cmd("kubectl exec web-0 -- hostname")
        self.browser.wait_for("document.querySelector('.console__out').textContent.includes('\\nweb-0')"
                              " || [...document.querySelectorAll('.entry__out')].some(e => e.textContent.trim() === 'web-0')")
        # An interactive shell: the prompt changes, commands run in the container.
        self.run_cmd("kubectl exec -it web-1 -- sh")
        self.browser.wait_for("document.querySelector('.prompt-row .prompt').textContent.trim() !== '$'",
                              message="the container's prompt")
        self.browser.click("#console-input")
        from harness import KEYS
        self.browser.type_keys("#console-input", "hostname" + KEYS["ENTER"])
        self.browser.wait_for(
            "[...document.querySelectorAll('.entry__out')].some(e => e.textContent.trim() === 'web-1')",
            message="hostname inside web-1",
        )
        self.browser.type_keys("#console-input", "exit" + KEYS["ENTER"])
        self.browser.wait_for("document.querySelector('.prompt-row .prompt').textContent.trim() === '$'")
        # nslookup typed in the console shows its travel in the DNS panel
        # (from a busybox client: the nginx image has no nslookup).
        self.run_cmd("kubectl run dns-test --image=busybox:1.28 --restart=Never -- sleep infinity")
        self.run_cmd("kubectl wait --for=condition=Ready pod/dns-test")
        self.run_cmd("kubectl exec dns-test -- nslookup web-1.nginx")
        self.browser.wait_for_selector("#panel-dns .lookup-result .answer", visible=True)
        self.assertIn("web-1.nginx", self.browser.text("#panel-dns .lookup-result"))


class TimeTest(OrdinalCase):
    def clock(self):
        return self.browser.text(".clock")

    def test_pause_step_speed_and_rewind(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        self.play(False)
        paused = self.clock()
        self.browser.execute("return new Promise(r => setTimeout(r, 400));")
        self.assertEqual(self.clock(), paused, "the clock stands still while paused")
        # Step to the next event.
        self.run_cmd("kubectl delete pod web-2 --wait=false")
        before = self.clock()
        self.browser.click("button.step")
        self.browser.wait_for(lambda: self.clock() != before, message="step moves the clock")
        stepped = (self.clock(), self.slot_class("web-2"))
        # Rewind to the start: web-2 was not there yet.
        self.browser.execute(
            "const r = document.querySelector('.timeline__range'); r.value = '1000';"
            "r.dispatchEvent(new Event('input', {bubbles: true}));"
        )
        self.browser.wait_for(lambda: self.clock().startswith("00:01"), message="rewound to 1 s")
        self.assertIn("is-absent", self.slot_class("web-2"))
        # And forward to now again: the same cluster (web-2 as the step left
        # it: terminating, or just removed before its replacement comes).
        self.browser.click("button.live")
        self.browser.wait_for(
            lambda: (self.clock(), self.slot_class("web-2")) == stepped,
            message=f"back to {stepped}",
        )
