#!/usr/bin/env python3
"""Size report of a built dist/: raw and gzipped (level 9) size of every file
and the total, largest first.

Usage: size-report.py [DIST] [--budget-kib N [--enforce]]

With --budget-kib, says whether the gzipped total is within N KiB (the
page's transfer budget; `make bench` also compares it with the floor page);
with --enforce as well, exits 1 when it is over."""

import gzip
import os
import sys


def main():
    args = sys.argv[1:]
    budget = None
    enforce = "--enforce" in args
    if enforce:
        args.remove("--enforce")
    if "--budget-kib" in args:
        i = args.index("--budget-kib")
        budget = float(args[i + 1])
        del args[i : i + 2]
    dist = args[0] if args else "dist"
    rows = []
    for folder, _, files in os.walk(dist):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            rows.append((os.path.relpath(path, dist), len(data), len(gzip.compress(data, 9, mtime=0))))
    if not rows:
        sys.exit(f"{dist}/ is empty: run `make dist` first")
    rows.sort(key=lambda row: row[2], reverse=True)
    width = max(len(row[0]) for row in rows + [("total", 0, 0)])
    print(f"{'file':<{width}}  {'bytes':>10}  {'gzipped':>10}")
    for name, raw, gz in rows:
        print(f"{name:<{width}}  {raw:>10,}  {gz:>10,}")
    raw_total = sum(row[1] for row in rows)
    gz_total = sum(row[2] for row in rows)
    print(f"{'total':<{width}}  {raw_total:>10,}  {gz_total:>10,}")
    print(f"size: {len(rows)} files, {gz_total / 1024:.1f} KiB gzipped ({raw_total / 1024:.1f} KiB raw)")
    if budget is not None:
        if gz_total / 1024 > budget:
            message = f"size: OVER the budget of {budget:g} KiB gzipped ({gz_total / 1024 / budget:.1f}x)"
            if enforce:
                sys.exit(message)
            print(message + " (not enforced: SIZE_ENFORCE=1 makes it fail; see README, Performance)")
        else:
            print(f"size: within the budget of {budget:g} KiB gzipped")


if __name__ == "__main__":
    main()
