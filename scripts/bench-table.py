#!/usr/bin/env python3
"""Prints the `make bench` table from the result files in a directory.

    scripts/bench-table.py bench-out

Reads `native.txt` and `wasm.txt` (lines `name value [note]` from the engine
benchmarks, natively and in wasm under Node.js) and `page.json` (from
scripts/page-bench.py), prints one table with the wasm/native
ratios and the budgets of issues #5 and #10, and writes it to `table.md`
in the same directory. Standard library only.
"""

import json
import os
import re
import sys

# (name, label, unit) in table order; a name may be a pair (native name,
# wasm name) when the two runs measure the same thing differently.
ROWS = [
    ("parallel_1k_ready_s", "Parallel 0 → 1,000 Ready", "s"),
    ("parallel_10k_ready_s", "Parallel 0 → 10,000 Ready", "s"),
    ("parallel_scaling_ratio", "scaling 10k / 1k", "×"),
    ("ordered_1k_ready_s", "OrderedReady 0 → 1,000 Ready", "s"),
    ("rolling_update_1k_s", "rolling update of 1,000 Pods", "s"),
    ("dns_1k_lookups_10k_endpoints_s", "1,000 DNS lookups, 10,000 endpoints", "s"),
    ("clone_10k_s", "clone of the 10k engine (snapshot)", "s"),
    ("basics_script_ms", "StatefulSet Basics script (median of 15)", "ms"),
    (
        ("native_peak_rss_mb", "wasm_memory_10k_mb"),
        "peak memory with 10k Pods (native: the process resident; wasm: the linear memory)",
        "MB",
    ),
    ("native_heap_10k_mb", "heap in use with 10k Pods Ready", "MB"),
    ("native_peak_heap_mb", "peak heap (whole run)", "MB"),
]

# name → (limit, what), checked on the figure of that name (native or wasm).
BUDGETS = {
    "parallel_10k_ready_s": (1.0, "≤ 1 s (ideal)"),
    "parallel_scaling_ratio": (12.0, "≤ 12"),
    "native_peak_rss_mb": (100.0, "≤ 100 MB"),
    "wasm_memory_10k_mb": (100.0, "≤ 100 MB"),
    "native_heap_10k_mb": (100.0, "≤ 100 MB"),
    "basics_script_ms": (50.0, "≤ 50 ms"),
}
WASM_RATIO_BUDGET = 2.0
PAGE_BUDGET_KIB = 300
PAGE_FLOOR_RATIO = 2.5
FRAME_BUDGET_MS = 8.0


def read(path):
    """name → (value, note) from a results file; empty when missing."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(None, 2)
            if len(parts) >= 2:
                try:
                    out[parts[0]] = (float(parts[1]), parts[2] if len(parts) > 2 else "")
                except ValueError:
                    pass
    return out


def page_rows(path, verdicts):
    """Table rows from scripts/page-bench.py's JSON (Ordinal and the floor page)."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        page = json.load(f)
    o, fl = page.get("ordinal", {}), page.get("floor", {})
    rows = []
    if o.get("transfer_gz") and fl.get("transfer_gz"):
        kib, floor_kib = o["transfer_gz"] / 1024, fl["transfer_gz"] / 1024
        ratio = kib / floor_kib
        ok = kib <= PAGE_BUDGET_KIB and ratio <= PAGE_FLOOR_RATIO
        rows.append(
            f"| page transfer, gzipped (floor page: {floor_kib:.0f} KiB) | {kib:.0f} KiB | | "
            f"{ratio:.2f} × floor | ≤ {PAGE_BUDGET_KIB} KiB and ≤ {PAGE_FLOOR_RATIO} × floor: {'ok' if ok else 'OVER'} |"
        )
        verdicts.append(("page transfer", ok))
    if o.get("interactive_ms") and fl.get("interactive_ms"):
        rows.append(
            f"| navigation → interactive, headless Chromium (floor page: {fl['interactive_ms']:.0f} ms) "
            f"| {o['interactive_ms']:.0f} ms | | {o['interactive_ms'] / max(fl['interactive_ms'], 1):.2f} × floor | |"
        )
    frame = o.get("frame") or {}
    if "script_ms_per_frame" in frame:
        ms = frame["script_ms_per_frame"]
        ok = ms <= FRAME_BUDGET_MS
        rows.append(
            f"| scripting per animation frame, {frame.get('pods_on_page', '?')} Pods on the page "
            f"| {ms:.2f} ms | | | ≤ {FRAME_BUDGET_MS:.0f} ms: {'ok' if ok else 'OVER'} |"
        )
        verdicts.append(("per-frame scripting", ok))
    return rows


def fmt(v, unit):
    if v is None:
        return "—"
    if unit == "s":
        return f"{v:.3f} s" if v < 10 else f"{v:.1f} s"
    if unit == "ms":
        return f"{v:.1f} ms"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.2f}"


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "bench-out"
    native = read(os.path.join(d, "native.txt"))
    wasm = read(os.path.join(d, "wasm.txt"))
    lines = [
        "| benchmark | native | wasm (Node.js) | wasm / native | budget |",
        "|---|---|---|---|---|",
    ]
    verdicts = []
    for names, label, unit in ROWS:
        name, wasm_name = names if isinstance(names, tuple) else (names, names)
        n = native.get(name, (None, ""))[0]
        w = wasm.get(wasm_name, (None, ""))[0]
        ratio = ""
        if n and w and unit in ("s", "ms") and n >= (0.001 if unit == "s" else 1.0):
            r = w / n
            ratio = f"{r:.2f}" + ("" if r <= WASM_RATIO_BUDGET else " (over 2)")
        budget = ""
        if name in BUDGETS and n is not None:
            limit, what = BUDGETS[name]
            ok = n <= limit
            budget = f"{what}: {'ok' if ok else 'OVER'}"
            verdicts.append((label, ok))
        if wasm_name != name and wasm_name in BUDGETS and w is not None:
            limit, what = BUDGETS[wasm_name]
            ok = w <= limit
            budget += f"{'; ' if budget else ''}wasm {what}: {'ok' if ok else 'OVER'}"
            verdicts.append((label + " (wasm)", ok))
        if name == "parallel_scaling_ratio" and w is not None:
            budget += f" (wasm {'ok' if w <= 12 else 'OVER'})"
        if n is None and w is None:
            continue
        lines.append(f"| {label} | {fmt(n, unit)} | {fmt(w, unit)} | {ratio} | {budget} |")
    n10, w10 = native.get("parallel_10k_ready_s", (None,))[0], wasm.get("parallel_10k_ready_s", (None,))[0]
    if n10 and w10:
        r = w10 / n10
        lines.append(
            f"| wasm / native, Parallel 10k | | | {r:.2f} | ≤ 2: {'ok' if r <= 2 else 'OVER'} |"
        )
        verdicts.append(("wasm / native", r <= 2))
    lines += page_rows(os.path.join(d, "page.json"), verdicts)
    table = "\n".join(lines)
    print(table)
    notes = {k: v[1] for k, v in native.items() if v[1]}
    if notes:
        print()
        for k in ("parallel_1k_ready_s", "parallel_10k_ready_s", "ordered_1k_ready_s", "rolling_update_1k_s"):
            if k in notes:
                print(f"  native {k}: {notes[k]}")
    with open(os.path.join(d, "table.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")
    over = [label for label, ok in verdicts if not ok]
    if over:
        print(f"\nover budget: {', '.join(over)}")


if __name__ == "__main__":
    main()
