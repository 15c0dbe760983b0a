"""The Portuguese page: no English left outside what Kubernetes itself
prints (console output, kubectl's messages, object names, YAML), which the
page marks with translate="no"."""

import re

from test_flow import OrdinalCase

# Every visible text that is not marked translate="no" (or lang="en": the
# language switcher names English in English).
VISIBLE_TEXT = """
const out = [];
const walk = (node) => {
  if (node.nodeType === Node.TEXT_NODE) {
    const t = node.textContent.trim();
    if (t) out.push(t);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.closest('[translate=no], [lang=en], script, style, noscript, code, pre, svg')) return;
  const attrs = ['aria-label', 'title', 'placeholder'];
  for (const a of attrs) { const v = node.getAttribute(a); if (v) out.push(v); }
  for (const c of node.childNodes) walk(c);
};
walk(document.body);
return out;
"""

# English words that have no business on the Portuguese page.
ENGLISH = {
    "the", "and", "of", "to", "is", "are", "was", "for", "with", "from", "this", "that",
    "waits", "waiting", "created", "deleted", "ready", "apply", "undo", "redo", "load",
    "examples", "problems", "events", "learn", "play", "pause", "next", "event", "speed",
    "now", "share", "copy", "export", "import", "theme", "presentation", "mode", "select",
    "delete", "force", "crash", "heal", "open", "shell", "scale", "change", "image", "node",
    "nodes", "claim", "claims", "retained", "look", "up", "name", "type", "why",
    "answer", "records", "record", "every", "what", "happening", "show", "changes",
    "not", "yet", "outside", "replicas", "updates", "governing", "used", "by", "pinned",
    "volumes", "here", "nothing", "command", "clear", "run", "timeline", "simulated", "time",
    "language", "dismiss", "close", "actions", "lessons", "will", "appear", "something", "went",
    "wrong", "reload", "same", "tried", "all", "guided", "on", "its",
}

# "for" and "volumes" are also Portuguese ("se o pod for excluído").
# The lessons say "claims" as Brazilian Kubernetes users do (PersistentVolumeClaim).
ALLOWED = {"claims", "for", "volumes", "pod", "pods", "statefulset", "statefulsets", "service", "headless", "dns", "ip", "cluster",
           "console", "editor", "coredns", "endpointslice", "clusterip", "none", "selector", "shell"}
# Kubernetes condition and phase names stay as kubectl prints them.
TERMS = {"Ready", "Running", "Pending", "Terminating", "READY", "Events"}
# Commands shown as what a button runs are code.
COMMAND = re.compile(r"\b(kubectl|sim) [^,;]*")


def english_words(browser):
    """(word, text) pairs of English words visible on the page now."""
    found = set()
    for t in browser.execute(VISIBLE_TEXT):
        for w in re.findall(r"[^\W\d_]+", COMMAND.sub("", t)):
            lw = w.lower()
            if lw in ENGLISH and lw not in ALLOWED and w not in TERMS:
                found.add((w, t))
    return sorted(found)


class PortugueseTest(OrdinalCase):
    LANG = "pt-BR"
    maxDiff = None

    def test_no_english_left(self):
        self.open()
        self.set_speed(6)
        self.wait_slot("web-1", "is-ready", timeout=40)
        self.assertEqual(self.browser.execute("return document.documentElement.lang;"), "pt-BR")
        panels = ["panel-editor", "panel-learn", "panel-events", "panel-dns"]
        self.browser.click(".slot[data-pod='web-0'] .pod")
        texts = []
        for p in panels:
            self.show(p)
            if p == "panel-dns":
                self.browser.click(".dns-ask")
                self.browser.wait_for_selector(".lookup-result")
            texts += self.browser.execute(VISIBLE_TEXT)
        self.browser.click(".share > button")
        texts += self.browser.execute(VISIBLE_TEXT)
        found = set()
        for t in texts:
            for w in re.findall(r"[^\W\d_]+", COMMAND.sub("", t)):
                lw = w.lower()
                if lw in ENGLISH and lw not in ALLOWED and w not in TERMS:
                    found.add((w, t))
        self.assertEqual(sorted(found), [], "English words on the Portuguese page")
        self.assertIn("Aplicar", " ".join(texts))
