#!/usr/bin/env python3
"""Where the page's wasm goes: function body sizes from the code section,
named from the name section, summed by module path and by generic family.

Usage: wasm-breakdown.py [WASM] [--depth N] [--top N] [--grep REGEX]

WASM defaults to target/wasm32-unknown-unknown/release/ordinal-web.wasm,
the binary `make dist` builds before wasm-bindgen and wasm-opt (the files in
dist/ carry no names). Sizes are before wasm-opt, so they overstate code that
wasm-opt merges (identical instantiations) and understate what it inlines.

- by module: the first N (--depth, default 3) segments of each function's
  path; for `<X as Trait>::f` the path of X.
- by family: functions with the same name once generic arguments and the
  hash are removed (`core::slice::sort::stable::drift::sort` for every
  element type and comparison): the copies that monomorphization made.
- --grep REGEX: every function whose name matches, largest first.

Rust's default (legacy) symbol names do not spell out generic arguments; a
build with RUSTFLAGS="-C symbol-mangling-version=v0" (in its own
CARGO_TARGET_DIR) does, and `llvm-cxxfilt` or `c++filt` demangles those.

Standard library only."""

import collections
import re
import sys

DEFAULT = "target/wasm32-unknown-unknown/release/ordinal-web.wasm"


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def skip_limits(b, j):
    flags, j = leb(b, j)
    _, j = leb(b, j)
    if flags & 1:
        _, j = leb(b, j)
    return j


def parse(path):
    """(functions as (name, body size), data bytes) of a wasm file."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:4] != b"\0asm":
        sys.exit(f"{path}: not a wasm file")
    i = 8
    imported = 0
    bodies = []
    names = {}
    data = 0
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        start, end = i, i + size
        j = start
        if sid == 2:  # imports: functions imported come first in the index space
            count, j = leb(b, j)
            for _ in range(count):
                for _ in range(2):
                    n, j = leb(b, j)
                    j += n
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imported += 1
                elif kind == 1:
                    j = skip_limits(b, j + 1)
                elif kind == 2:
                    j = skip_limits(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:  # code
            count, j = leb(b, j)
            for _ in range(count):
                n, j = leb(b, j)
                bodies.append(n)
                j += n
        elif sid == 11:  # data
            data += size
        elif sid == 0:
            n, j = leb(b, j)
            if b[j : j + n] == b"name":
                j += n
                while j < end:
                    sub = b[j]
                    n, j = leb(b, j + 1)
                    sub_end = j + n
                    if sub == 1:
                        count, j = leb(b, j)
                        for _ in range(count):
                            idx, j = leb(b, j)
                            n, j = leb(b, j)
                            names[idx] = b[j : j + n].decode("utf-8", "replace")
                            j += n
                    j = sub_end
        i = end
    functions = [(names.get(imported + k, f"<function {imported + k}>"), s) for k, s in enumerate(bodies)]
    return functions, data


ESCAPES = {"$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$SP$": "@",
           "$u20$": " ", "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}",
           "$u7e$": "~", "$u3b$": ";", "$u2b$": "+", "$u22$": '"', "$u21$": "!", "$u3d$": "="}


def demangle(name):
    """Rust legacy (`_ZN…E`) names, without the hash; others unchanged."""
    if not name.startswith("_ZN"):
        return re.sub(r"::h[0-9a-f]{16}$", "", name)
    i, parts = 3, []
    while i < len(name) and name[i] != "E":
        m = re.match(r"\d+", name[i:])
        if not m:
            return name
        n = int(m.group())
        i += len(m.group())
        parts.append(name[i : i + n])
        i += n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    out = []
    for p in parts:
        if p.startswith("_$"):
            p = p[1:]
        p = re.sub(r"\$[A-Za-z0-9]+\$", lambda m: ESCAPES.get(m.group(), m.group()), p)
        out.append(p.replace("..", "::"))
    return "::".join(out)


def module(name, depth):
    m = re.match(r"<(?:&(?:mut )?)?([\w:]+)", name)
    path = m.group(1) if m else name
    return "::".join(path.split("::")[:depth])


def family(name):
    """The name without generic arguments; `<X as Trait>::f` keeps X and
    Trait (without theirs)."""
    if name.startswith("<"):
        depth = 0
        for k, c in enumerate(name):
            depth += {"<": 1, ">": -1}.get(c, 0)
            if depth == 0:
                return "<" + family(name[1:k]) + ">" + family(name[k + 1 :])
    out, depth = [], 0
    for c in name:
        if c == "<":
            depth += 1
            if depth == 1:
                out.append("<")
        elif c == ">":
            depth -= 1
            if depth == 0:
                out.append(">")
        elif depth == 0:
            out.append(c)
    return re.sub(r"\{closure#\d+\}", "{closure}", "".join(out))


def main():
    args = sys.argv[1:]

    def option(flag, default):
        if flag in args:
            i = args.index(flag)
            value = args[i + 1]
            del args[i : i + 2]
            return value
        return default

    depth = int(option("--depth", "3"))
    top = int(option("--top", "40"))
    pattern = option("--grep", None)
    path = args[0] if args else DEFAULT
    functions, data = parse(path)
    functions = [(demangle(n), s) for n, s in functions]
    total = sum(s for _, s in functions)
    print(f"{path}: {len(functions)} functions, {total:,} bytes of code, {data:,} bytes of data")
    if pattern:
        matched = sorted(((n, s) for n, s in functions if re.search(pattern, n)), key=lambda f: -f[1])
        for n, s in matched[:top]:
            print(f"{s:9,} {n[:200]}")
        print(f"{sum(s for _, s in matched):9,} in {len(matched)} functions matching {pattern}")
        return
    by_module = collections.Counter()
    by_family = collections.Counter()
    copies = collections.Counter()
    for n, s in functions:
        by_module[module(n, depth)] += s
        by_family[family(n)] += s
        copies[family(n)] += 1
    print(f"\nby module (first {depth} segments)")
    for m, s in by_module.most_common(top):
        print(f"{s:9,} {s / total:6.1%}  {m}")
    print("\nby generic family (more than one copy)")
    many = sorted((f for f in by_family if copies[f] > 1), key=lambda f: -by_family[f])
    for f in many[:top]:
        print(f"{by_family[f]:9,} {copies[f]:5} copies  {f[:170]}")


if __name__ == "__main__":
    main()
