#!/usr/bin/env python3
"""Page benchmarks in headless Chromium, for `make bench`.

Usage: page-bench.py DIST FLOOR_DIST [--json OUT]

Measures, side by side in one run, Ordinal's built page (DIST) and the floor
of its stack (FLOOR_DIST: a minimal Yew 0.23 page with serde_yaml, built
from benches/floor):

- transfer: gzipped bytes of every file the page loads (what a static host
  serving gzip sends);
- interactive: from navigation start until the app's first render is in the
  DOM (a MutationObserver installed before any page script runs records the
  moment), median of RUNS loads;
- per frame (Ordinal only): scripting time per animation frame while 300
  Pods of a Parallel StatefulSet come up on the page at 4x speed, from the
  DevTools Performance domain (ScriptDuration, which includes wasm) divided
  by the frames counted with requestAnimationFrame.

Standard library only; drives Debian's chromium through tests/e2e/harness.py.
"""

import base64
import gzip
import json
import os
import statistics
import sys
import time
import zlib

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
sys.path.insert(0, os.path.join(REPO, "scripts"))

from harness import Browser  # noqa: E402
from serve import StaticServer  # noqa: E402

RUNS = 5
PODS = 300
SAMPLE_SECONDS = 5.0

# Installed before any page script: records when `selector` first matches.
READY_PROBE = """
(() => {
  const selector = %s;
  const check = () => {
    if (!window.__benchReady && document.querySelector(selector)) {
      window.__benchReady = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
})();
"""


def transfer(dist):
    total = 0
    for folder, _, files in os.walk(dist):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                total += len(gzip.compress(f.read(), 9, mtime=0))
    return total


def interactive(browser, url, selector):
    browser.cdp("Page.enable")
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": READY_PROBE % json.dumps(selector)})
    times = []
    for _ in range(RUNS):
        browser.cdp("Network.setCacheDisabled", {"cacheDisabled": True})
        browser.navigate(url)
        t = browser.wait_for("window.__benchReady", timeout=60)
        times.append(t)
    return statistics.median(times)


def share_link(replicas):
    """The `#s=` payload of a scenario that applies a Parallel StatefulSet."""
    manifest = f"""apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  podManagementPolicy: "Parallel"
  replicas: {replicas}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
"""
    scenario = {
        "format": "ordinal-scenario",
        "version": 1,
        "seed": 1,
        "now": 0,
        "inputs": [
            {"at": 0, "input": {"file": {"path": "web.yaml", "text": manifest}}},
            {"at": 0, "input": {"run": "kubectl apply -f web.yaml"}},
        ],
    }
    raw = json.dumps(scenario, separators=(",", ":")).encode()
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(raw) + deflate.flush()
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def per_frame(browser, url):
    browser.navigate(url + "#s=" + share_link(PODS))
    browser.wait_for("document.querySelector('#app .app') !== null", timeout=60)
    browser.execute(
        "const s = document.querySelector('.speed select');"
        "if (s) { s.value = s.options[s.options.length - 1].value;"
        " s.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    if not browser.execute("return !!document.querySelector('.play[aria-pressed=true]');"):
        browser.click("button.play")
    browser.cdp("Performance.enable")
    browser.execute(
        "window.__frames = 0; const f = () => { window.__frames++; requestAnimationFrame(f); };"
        "requestAnimationFrame(f);"
    )
    before = metrics(browser)
    frames0 = browser.execute("return window.__frames;")
    time.sleep(SAMPLE_SECONDS)
    after = metrics(browser)
    frames = browser.execute("return window.__frames;") - frames0
    pods = browser.execute("return document.querySelectorAll('.pod').length;")
    script = after["ScriptDuration"] - before["ScriptDuration"]
    task = after["TaskDuration"] - before["TaskDuration"]
    layout = after["LayoutDuration"] - before["LayoutDuration"]
    style = after["RecalcStyleDuration"] - before["RecalcStyleDuration"]
    return {
        "layout_ms_per_frame": 1000 * layout / max(frames, 1),
        "style_ms_per_frame": 1000 * style / max(frames, 1),
        "frames": frames,
        "fps": frames / SAMPLE_SECONDS,
        "script_ms_per_frame": 1000 * script / max(frames, 1),
        "task_ms_per_frame": 1000 * task / max(frames, 1),
        "pods_on_page": pods,
    }


def metrics(browser):
    return {m["name"]: m["value"] for m in browser.cdp("Performance.getMetrics")["metrics"]}


def main():
    args = sys.argv[1:]
    out = None
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    dist, floor = args
    results = {}
    for name, folder, selector in (
        ("ordinal", dist, "#app .app"),
        ("floor", floor, "#result"),
    ):
        server = StaticServer(folder, "/").start()
        browser = Browser(1366, 768)
        try:
            results[name] = {
                "transfer_gz": transfer(folder),
                "interactive_ms": interactive(browser, server.url, selector),
            }
            if name == "ordinal":
                results[name]["frame"] = per_frame(browser, server.url)
        finally:
            browser.close()
            server.stop()
    o, f = results["ordinal"], results["floor"]
    print(f"page transfer (gzip)      ordinal {o['transfer_gz'] / 1024:8.1f} KiB   "
          f"floor {f['transfer_gz'] / 1024:8.1f} KiB   ratio {o['transfer_gz'] / f['transfer_gz']:.2f} (budget 2.5, and 300 KiB)")
    print(f"navigation→interactive    ordinal {o['interactive_ms']:8.0f} ms    "
          f"floor {f['interactive_ms']:8.0f} ms    ratio {o['interactive_ms'] / max(f['interactive_ms'], 1):.2f} (median of {RUNS})")
    fr = o["frame"]
    print(f"{PODS} Pods animating         {fr['script_ms_per_frame']:.2f} ms scripting per frame, "
          f"{fr['task_ms_per_frame']:.2f} ms main-thread tasks per frame (layout {fr['layout_ms_per_frame']:.2f} ms, "
          f"style {fr['style_ms_per_frame']:.2f} ms), {fr['fps']:.0f} frames/s, "
          f"{fr['pods_on_page']} Pods on the page")
    if out:
        with open(out, "w", encoding="utf-8") as f_out:
            json.dump(results, f_out, indent=2)


if __name__ == "__main__":
    main()
