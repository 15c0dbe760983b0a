"""Preemption as the page shows it: a Pod of higher priority that fits
nowhere is nominated to a node while its victim terminates, and its card
says so (→ node, with the explanation in its title) until it is bound.
"""

from test_flow import OrdinalCase

# A Pod pinned to a worker asking for 3 of its 4 CPUs, whose shell ignores
# SIGTERM, so its deletion takes the whole 30 s grace period.
LOW = (
    "kubectl run {name} --image=busybox:1.36 --overrides="
    "'{{\"spec\":{{\"nodeName\":\"{node}\",\"containers\":[{{\"name\":\"{name}\","
    "\"image\":\"busybox:1.36\",\"command\":[\"sh\",\"-c\",\"sleep 3600\"],"
    "\"resources\":{{\"requests\":{{\"cpu\":\"3\"}}}}}}]}}}}'"
)
HIGH = (
    "kubectl run db --image=nginx:1.27.3 --overrides="
    "'{\"spec\":{\"priorityClassName\":\"high\",\"containers\":[{\"name\":\"db\","
    "\"image\":\"nginx:1.27.3\",\"resources\":{\"requests\":{\"cpu\":\"2\"}}}]}}'"
)

NOMINATED = (
    "const card = [...document.querySelectorAll('.pod')]"
    ".find(p => p.querySelector('.pod__name').textContent === 'db');"
    "if (!card) return null;"
    "const n = card.querySelector('.pod__node');"
    "return n ? {text: n.textContent, cls: n.className, title: n.title} : {text: ''};"
)


class PreemptionTest(OrdinalCase):
    def test_a_nominated_pod_shows_the_node_it_waits_for(self):
        self.open()
        self.play(False)
        self.run_cmd("kubectl create priorityclass high --value=1000")
        for i, node in enumerate(["ordinal-worker", "ordinal-worker2", "ordinal-worker3"]):
            self.run_cmd(LOW.format(name=f"low{i}", node=node))
        self.run_cmd("kubectl wait --for=condition=Ready pod/low0 pod/low1 pod/low2 --timeout=60s")
        self.run_cmd(HIGH)
        self.run_cmd("sleep 3")
        self.browser.wait_for(
            lambda: (self.browser.execute(NOMINATED) or {}).get("text", "").startswith("→ worker"),
            message="db's card to show the node it is nominated to",
        )
        node = self.browser.execute(NOMINATED)
        self.assertIn("is-nominated", node["cls"])
        self.assertIn("preempting", node["title"])
        told = self.browser.execute(
            "return document.querySelector('.events__list').textContent;"
        )
        self.assertIn("to make room on " + node["text"][2:].replace("worker", "ordinal-worker", 1), told)
        # The victim's grace period runs out: db is bound there.
        self.run_cmd("sleep 40")
        self.browser.wait_for(
            lambda: "is-nominated" not in (self.browser.execute(NOMINATED) or {}).get("cls", "is-nominated"),
            message="db's card to show its node, no longer nominated",
        )
        self.assertEqual(self.browser.execute(NOMINATED)["text"], node["text"][2:])
