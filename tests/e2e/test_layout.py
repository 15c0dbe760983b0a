"""Layout at its edges, on a laptop and a phone, in English and Portuguese:
a lookup from a Pod with a long name stays inside the DNS panel, DNS names
break between their labels (never inside one), Undo and Redo stay
together, and the language list shows its whole choice on a phone."""

import json
import time

from test_flow import OrdinalCase
from test_phone import OVERFLOW

# A set and a Service named the way real ones often are.
LONG = """apiVersion: v1
kind: Service
metadata:
  name: analytics-replicas
spec:
  clusterIP: None
  selector:
    app: analytics
  ports:
  - port: 5432
    name: pg
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres-analytics-replica-eu-west
spec:
  serviceName: analytics-replicas
  replicas: 1
  selector:
    matchLabels:
      app: analytics
  template:
    metadata:
      labels:
        app: analytics
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
"""
POD = "postgres-analytics-replica-eu-west-0"

# Where the records table's names wrap inside a label: the characters on
# either side of each line break in a name or data cell that does not come
# after a dot, a hyphen or a space.
BREAKS = """
const out = [];
for (const cell of document.querySelectorAll('.records td.mono')) {
  let prev = null;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      const r = document.createRange();
      r.setStart(n, i); r.setEnd(n, i + 1);
      const box = r.getClientRects()[0];
      if (!box) continue;
      const wraps = prev && box.top > prev.top + 2;
      if (wraps && !'.- '.includes(prev.ch) && n.data[i] !== ' ') {
        out.push(prev.ch + '|' + n.data[i] + ' in ' + cell.textContent);
      }
      prev = {top: box.top, ch: n.data[i]};
    }
  }
}
return out;
"""

# The diagram of the lookup: each box inside the row, none squeezed
# narrower than its longest word, and the lines of the Pod's name.
FLIGHT = """
const f = document.querySelector('.lookup-result .flight').getBoundingClientRect();
const pod = document.createRange();
pod.selectNodeContents(document.querySelector('.lookup-result .flight__pod'));
const tops = new Set([...pod.getClientRects()].map(r => Math.round(r.top)));
const boxes = [...document.querySelectorAll('.lookup-result .flight__node')].map(n => {
  const r = n.getBoundingClientRect();
  return {cls: n.className, inside: r.left >= f.left - 1 && r.right <= f.right + 1,
          clipped: n.scrollWidth > n.clientWidth + 1};
});
return {row: f.width, boxes, podLines: tops.size};
"""

# The language list against the same list left to its natural width.
LANG_SELECT = """
const s = document.getElementById('lang-select');
const free = s.cloneNode(true);
free.removeAttribute('id');
free.style.position = 'absolute';
document.body.appendChild(free);
const natural = free.getBoundingClientRect().width;
free.remove();
const t = document.querySelector('.topbar');
return {width: s.getBoundingClientRect().width, natural, topbar: t.scrollWidth <= t.clientWidth};
"""


class LayoutChecks:
    """The tests, run by each viewport and language below."""

    def phone(self):
        return self.WIDTH < 600

    def show_panel(self, panel):
        if self.phone():
            self.browser.click(f".tabs--phone [aria-controls='{panel}']")
        else:
            self.show(panel)

    def look_up(self, pod, name):
        self.browser.execute(
            "const s = document.querySelector('.lookup select'); s.value = arguments[0];"
            "s.dispatchEvent(new Event('change', {bubbles: true}));"
            "const t = document.getElementById('dns-name'); t.value = arguments[1];"
            "t.dispatchEvent(new InputEvent('input', {bubbles: true}));",
            pod,
            name,
        )
        self.browser.click(".dns-ask")
        shown = "(document.querySelector('.lookup-result .flight__pod') || {}).textContent"
        self.browser.wait_for(f"{shown} === {json.dumps(pod)}", message=f"a lookup from {pod}")
        time.sleep(1.8)  # the flight lands

    def test_a_long_pod_name_in_the_dns_panel(self):
        self.open()
        self.set_speed(6)
        self.show_panel("panel-editor")
        self.set_editor(LONG)
        self.browser.click("button.apply")
        self.wait_slot(POD, "is-ready", timeout=90)
        self.show_panel("panel-dns")
        # A short name keeps its line; a long one wraps inside the row.
        self.look_up("web-0", "nginx")
        self.assertEqual(self.browser.execute(FLIGHT)["podLines"], 1)
        self.look_up(POD, f"{POD}.analytics-replicas")
        f = self.browser.execute(FLIGHT)
        for box in f["boxes"]:
            self.assertTrue(box["inside"], f)
            self.assertFalse(box["clipped"], f)
        o = self.browser.execute(OVERFLOW)
        self.assertLessEqual(o["scroll"], o["width"], o)
        self.assertEqual(o["wide"], [])
        self.assertEqual(self.browser.execute(BREAKS), [], "names broken inside a label")

    def test_undo_and_redo_stay_together(self):
        self.open()
        self.show_panel("panel-editor")
        examples = {
            "gallery/elasticsearch": "elasticsearch.yaml",
            "gallery/cassandra": "cassandra.yaml",
            "gallery/mysql": "mysql.yaml",
            "canary": "web.yaml",
        }
        for example, file in examples.items():
            self.browser.execute(
                "const s = document.getElementById('example-select'); s.value = arguments[0];"
                "s.dispatchEvent(new Event('change', {bubbles: true}));",
                example,
            )
            self.browser.click("button.load-example")
            self.browser.wait_for(
                f"document.querySelector('button.apply').textContent.includes({json.dumps(file)})",
                message=f"{example} loaded",
            )
            tops = self.browser.execute(
                "return ['undo', 'redo'].map(c => document.querySelector('button.' + c).getBoundingClientRect().top);"
            )
            self.assertEqual(tops[0], tops[1], f"{example}: Undo and Redo on one line")

    def test_the_language_list_shows_its_choice(self):
        self.open()
        s = self.browser.execute(LANG_SELECT)
        self.assertGreaterEqual(s["width"], s["natural"] - 1, s)
        self.assertTrue(s["topbar"], s)


class LaptopLayoutTest(LayoutChecks, OrdinalCase):
    pass


class LaptopPortugueseLayoutTest(LayoutChecks, OrdinalCase):
    LANG = "pt-BR"


class PhoneLayoutTest(LayoutChecks, OrdinalCase):
    WIDTH = 390
    HEIGHT = 844


class PhonePortugueseLayoutTest(LayoutChecks, OrdinalCase):
    WIDTH = 390
    HEIGHT = 844
    LANG = "pt-BR"
