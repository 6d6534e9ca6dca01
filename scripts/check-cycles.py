#!/usr/bin/env python3
"""Fails when modules of a crate depend on each other in a cycle.

    scripts/check-cycles.py crates/core/src src-tauri/src

A file that names `crate::a::b` (in a `use` or a path) depends on module `a::b`
(the longest module that exists); `super::x` is resolved from the file's parent.
Cycles are looked for between the top-level modules of each crate and between
the sibling modules of every folder; a module naming its own parent (or a parent
its children) is not a cycle. Test modules (`tests.rs`, `mod tests { ... }`) are
left out: test helpers may reach across.
"""
import os
import re
import sys

PATH = re.compile(r"\b(crate|super)((?:::\w+)+)")
GROUP = re.compile(r"\b(crate|super)::\{([^}]*)\}")


def modules(src):
    mods = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs") or f == "tests.rs" or os.path.basename(root) == "tests":
                continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"):
                rel = rel[:-1]
            mods[tuple(rel)] = p
    return mods


def edges(mods):
    def resolve(path):
        for n in range(len(path), 0, -1):
            if tuple(path[:n]) in mods:
                return tuple(path[:n])
        return None

    out = {}
    for m, p in mods.items():
        text = open(p, encoding="utf-8").read()
        text = re.split(r"\n#\[cfg\(test\)\]\s*\n(?:pub(?:\(crate\))? )?mod tests\s*\{", text)[0]
        text = re.sub(r"//[^\n]*", "", text)
        for g in GROUP.finditer(text):
            for part in g.group(2).split(","):
                part = part.strip().split(" as ")[0]
                if part:
                    text += f"\n{g.group(1)}::{part}"
        for base, rest in PATH.findall(text):
            parts = [x for x in rest.split("::") if x]
            tgt = parts if base == "crate" else list(m[:-1]) + parts
            while tgt and tgt[0] == "super":
                tgt = tgt[1:]
            t = resolve(tgt)
            if t and t != m:
                out.setdefault(m, set()).add(t)
    return out


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, on, stack, found, n = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def check(src):
    mods = modules(src)
    deps = edges(mods)
    bad = []
    for folder in sorted({m[:-1] for m in mods}):
        graph = {}
        for a, bs in deps.items():
            for b in bs:
                if len(a) > len(folder) and len(b) > len(folder) and a[: len(folder)] == folder and b[: len(folder)] == folder:
                    ka, kb = a[: len(folder) + 1], b[: len(folder) + 1]
                    if ka != kb:
                        graph.setdefault(ka, set()).add(kb)
        bad += [" <-> ".join("::".join(x) for x in c) for c in cycles(graph)]
    for c in bad:
        print(f"{src}: modules in a cycle: {c}", file=sys.stderr)
    return not bad


if __name__ == "__main__":
    ok = all([check(src) for src in sys.argv[1:]])
    if ok:
        print(f"No module cycles in {', '.join(sys.argv[1:])}.")
    sys.exit(0 if ok else 1)
