"""The page on a phone (390x844): one panel at a time behind tabs, every
tab reachable, nothing wider than the screen; and no overflow on a laptop."""

from test_flow import OrdinalCase

OVERFLOW = """
const w = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  // Inside a scrolling box (tables, code, the console) is fine, as long
  // as the box itself fits; a clipped box is checked against its box.
  for (let p = e.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll') return false;
    if (o === 'hidden' && getComputedStyle(p).display !== 'contents') {
      const b = p.getBoundingClientRect();
      return r.right > Math.min(b.right, w) + 1;
    }
  }
  return r.right > w + 1 || r.left < -1;
}).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
return {scroll: document.documentElement.scrollWidth, width: w, wide: wide.slice(0, 10)};
"""

PANELS = ["panel-cluster", "panel-editor", "panel-console", "panel-events", "panel-dns", "panel-learn"]


class PhoneTest(OrdinalCase):
    WIDTH = 390
    HEIGHT = 844

    def visible_panels(self):
        return self.browser.execute(
            "return [...document.querySelectorAll('.panel')].filter(p => p.getClientRects().length > 0).map(p => p.id);"
        )

    def test_tabs_show_one_panel_at_a_time_without_overflow(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-1", "is-ready", timeout=40)
        for panel in PANELS:
            tab = f".tabs--phone [aria-controls='{panel}']"
            self.browser.wait_for_selector(tab, visible=True)
            self.browser.click(tab)
            self.assertEqual(self.visible_panels(), [panel])
            if panel == "panel-dns":
                self.browser.click(".dns-ask")
                self.browser.wait_for_selector(".lookup-result .answer")
                self.browser.execute("return new Promise(r => setTimeout(r, 1800));")  # the flight lands
            self.assertEqual(self.browser.attribute(tab, "aria-selected"), "true")
            o = self.browser.execute(OVERFLOW)
            self.assertLessEqual(o["scroll"], o["width"], f"{panel}: {o}")
            self.assertEqual(o["wide"], [], panel)
        # The console works from its tab.
        self.browser.click(".tabs--phone [aria-controls='panel-console']")
        self.run_cmd("kubectl get sts web")
        self.assertIn("web", self.console_text())
        # A wide table keeps its columns: one line per row, scrolling
        # sideways inside the console rather than wrapping.
        self.run_cmd("kubectl get pods -o wide")
        table = self.browser.execute(
            "const o = [...document.querySelectorAll('.entry__out')].pop();"
            "const line = parseFloat(getComputedStyle(o).lineHeight);"
            "return {cls: o.className, rows: o.textContent.trim().split('\\n').length,"
            " lines: Math.round(o.clientHeight / line), wide: o.scrollWidth > o.clientWidth};"
        )
        self.assertIn("entry__out--table", table["cls"])
        self.assertTrue(table["wide"], table)
        self.assertLessEqual(table["lines"], table["rows"] + 1, table)
        o = self.browser.execute(OVERFLOW)
        self.assertLessEqual(o["scroll"], o["width"], o)


class LaptopOverflowTest(OrdinalCase):
    def test_nothing_wider_than_the_window(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        for panel in ("panel-dns", "panel-learn"):
            self.show(panel)
            if panel == "panel-dns":
                self.browser.click(".dns-ask")
                self.browser.wait_for_selector(".lookup-result .answer")
            o = self.browser.execute(OVERFLOW)
            self.assertLessEqual(o["scroll"], o["width"], o)
            self.assertEqual(o["wide"], [], panel)
