"""The narration follows the newest event: on the laptop layout the list
scrolls (not the whole panel), so its last line is in view and the panel's
title stays on screen while the example runs."""

from test_flow import OrdinalCase

# Where the last narration line and the panel title are, against the
# visible part of the list and of the panel.
GEOMETRY = """
const list = document.querySelector('.events__list');
const panel = document.querySelector('#panel-events');
const last = list.lastElementChild;
const l = list.getBoundingClientRect();
const p = panel.getBoundingClientRect();
const e = last.getBoundingClientRect();
const t = panel.querySelector('.panel-title').getBoundingClientRect();
return {
  items: list.children.length,
  listScrolls: list.scrollHeight > list.clientHeight,
  lastVisible: e.top >= l.top - 1 && e.bottom <= l.bottom + 1,
  titleVisible: t.top >= p.top - 1 && t.bottom <= p.bottom + 1,
};
"""


class EventsScrollTest(OrdinalCase):
    def test_newest_event_is_in_view_and_the_title_stays(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-2", "is-ready", timeout=60)
        # Enough lines that the list must scroll at 1366x768.
        self.browser.wait_for(
            "document.querySelector('.events__list').scrollHeight > "
            "document.querySelector('.events__list').clientHeight",
            message="a list longer than its box",
        )
        g = self.browser.execute(GEOMETRY)
        self.assertTrue(g["listScrolls"], g)
        self.assertTrue(g["lastVisible"], g)
        self.assertTrue(g["titleVisible"], g)
