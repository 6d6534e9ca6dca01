#!/usr/bin/env python3
"""Score a Draftwatch diff report against the truth written by gen_bill.py.

    python3 bench/score_alignment.py DIR REPORT.json [--json]

DIR holds truth.json (from bench/gen_bill.py); REPORT.json is the output of
`draftwatch diff --files DIR/old.txt DIR/new.txt --format json`, shaped
{"changes": [{"kind": "...", "moved": bool, "from": [{"num": "8", ...}], "to": [{"num": "9"}], ...}]}.

A clause link is a pair (old article number, new article number). The truth links
every surviving old article to its new number(s) (two for a split; a merged pair
both link to the one new article). The report's links are every from x to pair of
every change with both sides non-empty (unnumbered parts such as the title are
left out). Prints precision and recall of the links,
how many old articles got exactly the right set of links per kind of change, and
whether splits, merges, moves, deletions and additions were named as such.
Standard library only.
"""

import json
import os
import sys


def num(ref):
    v = ref.get("num_value") or ref.get("num")
    return None if v is None else str(v).strip()


def pct(a, b):
    return "n/a" if b == 0 else "{:.1f}%".format(100.0 * a / b)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    with open(os.path.join(args[0], "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        report = json.load(f)

    old = truth["old"]
    t_links = {(o, n) for o, t in old.items() for n in t["new"]}
    t_deleted = {o for o, t in old.items() if t["kind"] == "deleted"}
    t_added = set(truth["added"])

    p_links = set()
    p_of_old = {}  # old num -> set of new nums
    change_of_old = {}  # old num -> change (first one naming it)
    p_deleted, p_added = set(), set()
    kinds = {}
    for c in report["changes"]:
        k = c["kind"]
        kinds[k] = kinds.get(k, 0) + 1
        # unnumbered parts (the title / front matter) are not articles: left out
        fr = [n for n in (num(r) for r in c.get("from", [])) if n is not None]
        to = [n for n in (num(r) for r in c.get("to", [])) if n is not None]
        if not fr and not to:
            continue
        if fr and to:
            for o in fr:
                for n in to:
                    p_links.add((o, n))
                p_of_old.setdefault(o, set()).update(to)
                change_of_old.setdefault(o, c)
        elif fr:
            p_deleted.update(fr)
        elif to:
            p_added.update(to)

    hit = len(t_links & p_links)
    res = {
        "links_truth": len(t_links),
        "links_reported": len(p_links),
        "links_correct": hit,
        "precision": hit / len(p_links) if p_links else 0.0,
        "recall": hit / len(t_links) if t_links else 0.0,
        "report_kinds": kinds,
    }

    # exact link sets per kind of truth
    per_kind = {}
    for o, t in old.items():
        k = t["kind"]
        d = per_kind.setdefault(k, [0, 0])
        d[1] += 1
        if k == "deleted":
            d[0] += o in p_deleted and o not in p_of_old
        else:
            d[0] += p_of_old.get(o, set()) == set(t["new"])
    res["exact_by_kind"] = per_kind

    # splits named as such: one change, kind split, from [o], to = the truth's new set
    def named(o, kind, fr, to):
        c = change_of_old.get(o)
        if c is None or c["kind"] != kind:
            return False
        return {num(r) for r in c["from"]} == set(fr) and {num(r) for r in c["to"]} == set(to)

    splits = [o for o, t in old.items() if t["kind"] == "split"]
    merges = {tuple(t["with"]) for t in old.values() if t["kind"] == "merged"}
    merges = [tuple(str(x) for x in m) for m in sorted(merges)]
    res["splits_named"] = [sum(named(o, "split", [o], old[o]["new"]) for o in splits), len(splits)]
    res["merges_named"] = [sum(named(m[0], "merged", list(m), old[m[0]]["new"]) for m in merges), len(merges)]
    moved = [o for o, t in old.items() if t["kind"] == "moved"]
    res["moves_flagged"] = [sum(bool(change_of_old.get(o, {}).get("moved"))
                                and p_of_old.get(o) == set(old[o]["new"]) for o in moved), len(moved)]
    modified = [o for o, t in old.items() if t["kind"] == "modified"]
    res["modified_named"] = [sum(change_of_old.get(o, {}).get("kind") == "modified"
                                 and p_of_old.get(o) == set(old[o]["new"]) for o in modified), len(modified)]
    res["deleted"] = {"truth": len(t_deleted), "reported": len(p_deleted), "correct": len(t_deleted & p_deleted)}
    res["added"] = {"truth": len(t_added), "reported": len(p_added), "correct": len(t_added & p_added)}
    false_sm = 0
    for c in report["changes"]:
        if c["kind"] in ("split", "merged"):
            fr = {num(r) for r in c["from"]}
            to = {num(r) for r in c["to"]}
            ok = any(fr == {o} and to == set(old[o]["new"]) for o in splits) or \
                any(fr == set(m) and to == set(old[m[0]]["new"]) for m in merges)
            false_sm += not ok
    res["spurious_split_or_merge"] = false_sm

    if as_json:
        print(json.dumps(res))
        return
    print("clause links: precision {} ({}/{}), recall {} ({}/{})".format(
        pct(hit, len(p_links)), hit, len(p_links), pct(hit, len(t_links)), hit, len(t_links)))
    print("exact link set per old article, by true kind: " + ", ".join(
        "{} {}/{}".format(k, v[0], v[1]) for k, v in sorted(per_kind.items())))
    print("splits named as split: {}/{}; merges named as merged: {}/{}; spurious split/merge changes: {}".format(
        *res["splits_named"], *res["merges_named"], false_sm))
    print("moves flagged moved: {}/{}; modified named modified: {}/{}".format(*res["moves_flagged"], *res["modified_named"]))
    print("deleted: {correct}/{truth} found, {reported} reported; ".format(**res["deleted"])
          + "added: {correct}/{truth} found, {reported} reported".format(**res["added"]))


if __name__ == "__main__":
    main()
