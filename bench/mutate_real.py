#!/usr/bin/env python3
"""Robustness of Draftwatch's clause alignment on mutated real bills.

    python3 bench/mutate_real.py [--bin target/release/draftwatch] [--corpus ../shared/corpus]
                                 [--seeds 10] [--rates 0.1,0.3] [--langs en,de,km] [--keep DIR]
                                 [--drafts drafts]

Three real texts from the corpus are the bases:
    en  EU AI Act, final 2024 text, 112 articles in 13 chapters
    de  Strafgesetzbuch of 2018-11-08, 517 sections (repealed ones left out)
    km  Constitution of Cambodia, 2015 consolidation, 160 articles (annexes left out)
For every language, rate r and seed s (1..--seeds), about r x (number of articles)
mutations are drawn, each on articles no other mutation touches:
    delete    an article is removed
    insert    a new article goes in after some article: 70% a donor article from
              another law (en: drafts/a2i/v1.md and drafts/lango-en/v2.md, de: the
              Grundgesetz, km: drafts/lango/v1.md), otherwise a far-away article of the
              same bill; 30% of its words replaced, new heading
    light     two stock word substitutions and one added sentence
    heavy     40-60% of the words replaced by random words of the bill (Khmer words
              found by longest match against corpus/khmer-text/khmer_dictionary_words.txt)
    move      an article goes after an article of another chapter
    split     an article becomes two (halves of its paragraphs, or of its sentences)
    merge     two neighbouring articles of one chapter become one
    swap      two neighbouring articles of one chapter trade places
    heading   only the heading changes (km: the "new" marker is added or removed)
    cosmetic  quotes, line wrapping, spacing, Khmer/ASCII digits; the words stay
Both drafts are rendered as Markdown with articles numbered 1..n consecutively, so
every deletion, insertion, move, split and merge also renumbers the articles after
it. The pair goes through `draftwatch diff --files old.md new.md --format json`.

Scoring. A link is a pair (old number, new number); the truth links every surviving
old article to its new number(s), the report's links are every from x to pair of every
change with both sides numbered. Columns: link precision and recall; spurious links
(reported, not true); deletions and additions found (true ones reported as such, and
how many were reported); untouched ok (articles no mutation touched, linked to exactly
their new number); and per mutation kind x/y, the mutations judged right:
    delete / insert   the article is reported deleted / added and linked to nothing
    split / merge     the change touching the old article is a split / merge with
                      exactly the true old and new numbers
    the others        each old article is linked to exactly its true new number and
                      its change is neither a split nor a merge
Donors from drafts/ are read from --drafts (default: the repository's drafts/).
Python 3 standard library only; the drafts depend only on the corpus, the donors,
--rates and the seeds. Prints a Markdown table on stdout, progress on stderr; exits 1
if the binary fails on any pair. With --keep DIR, every pair is left in
DIR/<lang>-<rate>-<seed>/ (old.md, new.md, truth.json, report.json, score.json).
"""

import argparse
import collections
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ["delete", "insert", "light", "heavy", "move", "split", "merge", "swap", "heading", "cosmetic"]
EDITS = ("light", "heavy", "heading", "cosmetic")
KM_DIGITS = "០១២៣៤៥៦៧៨៩"

# ---- Bases: a bill is {"lang", "title", "chapters": [{"title", "arts": [article]}]}, an article
# ---- {"heading": str, "marker": str (km "ថ្មី" or ""), "paras": [str]}.

EU_CHAPTERS = [("I", "General provisions", 1, 4), ("II", "Prohibited AI practices", 5, 5),
               ("III", "High-risk AI systems", 6, 49), ("IV", "Transparency obligations", 50, 50),
               ("V", "General-purpose AI models", 51, 56), ("VI", "Measures in support of innovation", 57, 63),
               ("VII", "Governance", 64, 70), ("VIII", "EU database for high-risk AI systems", 71, 71),
               ("IX", "Post-market monitoring, information sharing and market surveillance", 72, 94),
               ("X", "Codes of conduct and guidelines", 95, 96),
               ("XI", "Delegation of power and committee procedure", 97, 98),
               ("XII", "Penalties", 99, 101), ("XIII", "Final provisions", 102, 113)]


def km_to_ascii(s):
    """Replace Khmer digits by ASCII digits."""
    return "".join(str(KM_DIGITS.index(c)) if c in KM_DIGITS else c for c in s)


def ascii_to_km(s):
    """Replace ASCII digits by Khmer digits."""
    return "".join(KM_DIGITS[int(c)] if c.isdigit() and c.isascii() else c for c in s)


def read(path):
    """The text of a UTF-8 file."""
    with open(path, encoding="utf-8") as f:
        return f.read()


def blocks(lines):
    """Blank-line separated paragraphs of lines, inner line breaks kept."""
    out, cur = [], []
    for ln in lines + [""]:
        if ln.strip():
            cur.append(ln.rstrip())
        elif cur:
            out.append("\n".join(cur))
            cur = []
    return out


def parse_chapters(lines, chapter_re, article, headings_end_article):
    """Chapters of articles from Markdown lines. chapter_re's group 1 is a chapter title;
    article(line) gives (heading, marker) or None; headings_end_article: any other
    '#' line ends the current article."""
    chapters, cur = [], None
    for ln in lines:
        m_ch = re.match(chapter_re, ln)
        head = article(ln) if chapters else None
        if m_ch:
            chapters.append({"title": m_ch.group(1).strip(), "arts": []})
            cur = None
        elif head is not None:
            cur = {"heading": head[0], "marker": head[1], "lines": []}
            chapters[-1]["arts"].append(cur)
        elif cur is not None and not (headings_end_article and ln.startswith("#")):
            cur["lines"].append(ln)
        else:
            cur = None
    for ch in chapters:
        for a in ch["arts"]:
            a["paras"] = blocks(a.pop("lines"))
    return chapters


def km_article(ln):
    """(heading, marker) of a Khmer article heading line, or None."""
    m = re.match(r"^#{2,4} មាត្រា\s*[០-៩]+\.?\s*(.*)$", ln)
    if not m:
        return None
    rest = m.group(1).strip()
    marker = "ថ្មី" if rest.startswith("ថ្មី") else ""
    return (rest[len(marker):].strip() if marker else rest), marker


def load_km(corpus):
    """The Khmer Constitution; empty chapters are kept (they keep their number)."""
    text = read(os.path.join(corpus, "cambodia-constitution-km/constitution-km-2015-consolidated.clean.md"))
    text = text.split("## ឧបសម្ព័ន្ធទី")[0]
    chapters = parse_chapters(text.split("\n"), r"^#{2,3} ជំពូកទី\s*[០-៩]+\.\s*(.*)$", km_article, False)
    for ch in chapters:
        ch["arts"] = [a for a in ch["arts"] if a["paras"]]
    return {"lang": "km", "title": "រដ្ឋធម្មនុញ្ញ នៃ ព្រះរាជាណាចក្រកម្ពុជា", "chapters": chapters}


def load_de(corpus):
    """The StGB, without repealed or near-empty sections and without empty chapters."""
    lines = read(os.path.join(corpus, "de-bundestag/stgb/2018-11-08_5710c0a6.md")).split("\n")

    def article(ln):
        m = re.match(r"^#{2,6} § \d+\w* ?(.*)$", ln)
        return (m.group(1).strip(), "") if m else None
    chapters = parse_chapters(lines, r"^#{2,4} (\S+ Abschnitt - .*)$", article, True)
    for ch in chapters:
        ch["arts"] = [a for a in ch["arts"] if "weggefallen" not in a["heading"] and len(" ".join(a["paras"])) > 40]
    return {"lang": "de", "title": "Strafgesetzbuch (StGB)", "chapters": [c for c in chapters if c["arts"]]}


def eu_article(path):
    """(number, heading, paragraphs) of one article file of the EU AI Act."""
    t = read(path).split("## Internal Cross-References")[0]
    first, _, body = t.partition("\n")
    m = re.match(r"# Article (\d+):\s*(.*)", first)
    body = " ".join(body.split())
    paras = [p.strip() for p in re.split(r"\s(?=\d{1,2}\. [A-Z‘])", body) if p.strip()]
    return int(m.group(1)), m.group(2).strip(), paras


def load_en(corpus):
    """The EU AI Act, final 2024 text, in its 13 chapters."""
    arts = {}
    for f in glob.glob(os.path.join(corpus, "eu-ai-act/history-md/final-2024/articles", "article-*.md")):
        n, heading, paras = eu_article(f)
        arts[n] = {"heading": heading, "marker": "", "paras": paras}
    chapters = [{"title": title, "arts": [arts[i] for i in range(a, b + 1) if i in arts]}
                for _, title, a, b in EU_CHAPTERS]
    return {"lang": "en", "chapters": chapters,
            "title": "Regulation laying down harmonised rules on artificial intelligence (Artificial Intelligence Act)"}


def render(doc, arts_by_chapter):
    """Markdown of doc's chapters holding the given articles, numbered 1..n throughout.
    Empty chapters are left out but keep their number."""
    lang = doc["lang"]
    out, n = ["# " + doc["title"], ""], 0
    for ci, (ch, arts) in enumerate(zip(doc["chapters"], arts_by_chapter), 1):
        if not arts:
            continue
        if lang == "en":
            out += ["## CHAPTER %s" % EU_CHAPTERS[ci - 1][0], "", "**%s**" % ch["title"], ""]
        elif lang == "de":
            out += ["## " + ch["title"], ""]
        else:
            out += ["## ជំពូកទី %s. %s" % (ascii_to_km(str(ci)), ch["title"]), ""]
        for a in arts:
            n += 1
            if lang == "km":
                line = " ".join(x for x in ("### មាត្រា %s." % ascii_to_km(str(n)), a["marker"], a["heading"]) if x)
            else:
                line = ("### Article %d" if lang == "en" else "### § %d") % n
                if a["heading"]:
                    line += (" - " if lang == "en" else " ") + a["heading"]
            out += [line, ""]
            for p in a["paras"]:
                out += [p, ""]
    return "\n".join(out) + "\n"


def donor_articles(lang, corpus, drafts):
    """Articles of other texts to insert; each source is (path, pattern of an article heading
    line whose group 1 is the heading); any other '#' line ends an article."""
    sources = {"en": [(os.path.join(drafts, "a2i/v1.md"), r"^### Article \d+\s*-\s*(.*)$"),
                      (os.path.join(drafts, "lango-en/v2.md"), r"^### Article \d+\s*-\s*(.*)$")],
               "de": [(os.path.join(corpus, "de-bundestag/gg/2018-11-08_5710c0a6.md"), r"^### Art \d+\w*()$")],
               "km": [(os.path.join(drafts, "lango/v1.md"), r"^### មាត្រា [០-៩]+\.-?\s*(.*)$")]}[lang]
    arts = []
    for path, pat in sources:
        cur, body = None, []
        for ln in read(path).split("\n") + ["## END"]:
            m = re.match(pat, ln)
            if m or ln.startswith("#"):
                if cur is not None and len(" ".join(blocks(body))) > 80:
                    arts.append({"heading": cur, "marker": "", "paras": blocks(body)})
                cur, body = (m.group(1) if m else None), []
            elif cur is not None:
                body.append(ln)
    return arts


# ---- Words: Latin-script words are runs of 3+ letters; Khmer has no spaces between words, so
# ---- space-free chunks are cut by greedy longest dictionary match.

def km_clusters(s):
    """Khmer orthographic clusters: a base letter with its vowel signs and subscripts."""
    out, i = [], 0
    while i < len(s):
        j = i + 1
        while j < len(s):
            c = ord(s[j])
            if 0x17B6 <= c <= 0x17D1 or c == 0x17DD:
                j += 1
            elif c == 0x17D2 and j + 1 < len(s):
                j += 2
            else:
                break
        out.append(s[i:j])
        i = j
    return out


def km_segment(chunk, words):
    """Words of one space-free Khmer chunk, by greedy longest match (up to 12 clusters)."""
    cl = km_clusters(chunk)
    out, i = [], 0
    while i < len(cl):
        best = next((j - i for j in range(min(len(cl), i + 12), i + 1, -1) if "".join(cl[i:j]) in words), 1)
        out.append("".join(cl[i:i + best]))
        i += best
    return out


def word_spans(text, base):
    """(start, end) of the replaceable words of text."""
    if base.lang != "km":
        return [m.span() for m in re.finditer(r"[^\W\d_]{3,}", text)]
    spans = []
    for m in re.finditer(r"\S+", text):
        pos = m.start()
        for w in km_segment(m.group(), base.words):
            if len(w) > 1 and all(0x1780 <= ord(c) <= 0x17FF and c not in KM_DIGITS for c in w):
                spans.append((pos, pos + len(w)))
            pos += len(w)
    return spans


def replace_fraction(text, frac, base, rng):
    """text with a fraction frac of its words replaced by random words of the bill."""
    spans = word_spans(text, base)
    if not spans:
        return text
    chosen = set(rng.sample(range(len(spans)), min(max(1, int(round(frac * len(spans)))), len(spans))))
    out, last = [], 0
    for i, (a, b) in enumerate(spans):
        w = text[a:b]
        if i in chosen:
            for _ in range(5):
                r = rng.choice(base.pool)
                if r != w:
                    break
            w = r
        out += [text[last:a], w]
        last = b
    return "".join(out) + text[last:]


class Base:
    """One language's bill with what the mutations draw on: its articles in order as
    (chapter index, article), its vocabulary, donor articles and the Khmer dictionary."""

    def __init__(self, lang, corpus, drafts):
        self.lang = lang
        self.doc = {"en": load_en, "de": load_de, "km": load_km}[lang](corpus)
        self.flat = [(ci, a) for ci, ch in enumerate(self.doc["chapters"]) for a in ch["arts"]]
        self.words = set()
        if lang == "km":
            with open(os.path.join(corpus, "khmer-text/khmer_dictionary_words.txt"), encoding="utf-8") as f:
                self.words = {w.strip() for w in f if w.strip()}
        self.pool = sorted({p[s:e] for _, a in self.flat for p in a["paras"] for s, e in word_spans(p, self)})
        self.donors = donor_articles(lang, corpus, drafts)


# ---- Mutations of one article (each returns a new article).

SUBS = {"en": [("shall", "may"), ("may", "shall"), ("Commission", "Board"), ("Member States", "national authorities"),
               ("appropriate", "suitable"), ("provide", "supply"), ("ensure", "guarantee"), ("without", "absent"),
               ("including", "such as"), ("relevant", "competent")],
        "de": [("wird", "kann"), ("oder", "und"), ("Freiheitsstrafe", "Geldstrafe"), ("Gericht", "Strafgericht"),
               ("Täter", "Beschuldigte"), ("Jahren", "Monaten"), ("nicht", "keinesfalls"), ("bestraft", "geahndet")],
        "km": [("ត្រូវ", "អាច"), ("ច្បាប់", "ព្រះរាជក្រម"), ("រដ្ឋសភា", "ព្រឹទ្ធសភា"), ("ប្រជាពលរដ្ឋ", "ពលរដ្ឋ"),
               ("មិន", "ពុំ"), ("សិទ្ធិ", "សេរីភាព")]}
ADD_SENT = {"en": "The Commission shall review the application of this Article every three years.",
            "de": "Das Nähere regelt ein Bundesgesetz, das der Zustimmung des Bundesrates bedarf.",
            "km": "ការអនុវត្តមាត្រានេះ ត្រូវកំណត់ដោយអនុក្រឹត្យ ។"}


def light(art, lang, rng):
    """The first occurrence of two stock words substituted, one sentence appended."""
    text, done = "\n\n".join(art["paras"]), 0
    for x, y in rng.sample(SUBS[lang], len(SUBS[lang])):
        pat = re.escape(x) if lang == "km" else r"\b%s\b" % re.escape(x)
        if re.search(pat, text):
            text = re.sub(pat, y, text, count=1)
            done += 1
        if done == 2:
            break
    paras = text.split("\n\n")
    paras[-1] += " " + ADD_SENT[lang]
    return dict(art, paras=paras)


def heavy(art, base, rng):
    """40-60% of the words replaced."""
    frac = rng.uniform(0.4, 0.6)
    return dict(art, paras=[replace_fraction(p, frac, base, rng) for p in art["paras"]])


def reword_donor(art, base, rng):
    """An article to insert: 30% of the words replaced, a new heading."""
    a = dict(art, paras=[replace_fraction(p, 0.3, base, rng) for p in art["paras"]])
    if base.lang == "en" and a["heading"]:
        a["heading"] = "Additional rules on " + a["heading"].lower()
    elif base.lang != "en":
        a["heading"] = "Ergänzende Bestimmung" if base.lang == "de" else ""
    return a


def change_heading(art, lang, rng):
    """Only the heading (km: the "new" marker) changes."""
    if lang == "km":
        return dict(art, marker="" if art["marker"] else "ថ្មី")
    if lang == "en":
        return dict(art, heading=rng.choice(["Rules on ", "Provisions concerning ", "Requirements for "])
                    + art["heading"].lower())
    h = art["heading"]
    return dict(art, heading=h + rng.choice([" und Verfahren", "; Ausnahmen", " (Neufassung)"]) if h
                else "Neue Überschrift")


def rewrap(p, width=60):
    """p's words re-wrapped into lines of about width characters."""
    line, lines = "", []
    for w in p.split():
        if line and len(line) + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    return "\n".join(lines + [line])


def cosmetic(art, lang):
    """Same words: km digits swapped and spacing before punctuation; otherwise
    straight quotes, '; ' to ', ', re-wrapped (en) or unwrapped (de) lines, a double space."""
    out = []
    for p in art["paras"]:
        if lang == "km":
            p = km_to_ascii(p) if any(c in KM_DIGITS for c in p) else ascii_to_km(p)
            p = p.replace(" ។", "  ។").replace("៖", " ៖")
        else:
            p = p.replace("’", "'").replace("‘", "'").replace("; ", ", ").replace(" , ", ", ")
            p = " ".join(p.split()) if lang == "de" else rewrap(p)
            p = p.replace(". ", ".  ", 1)
        out.append(p)
    return dict(art, paras=out)


def split_art(art, lang):
    """Two articles: halves of the paragraphs, or of the sentences of a single paragraph
    (cut in its middle half); None if there is no such cut."""
    paras = art["paras"]
    if len(paras) >= 2:
        p1, p2 = paras[:len(paras) // 2], paras[len(paras) // 2:]
    else:
        p = paras[0]
        cuts = [m.end() for m in re.finditer(re.escape("។" if lang == "km" else ". "), p)]
        cuts = [c for c in cuts if 0.25 * len(p) < c < 0.75 * len(p)]
        if not cuts:
            return None
        c = cuts[len(cuts) // 2]
        p1, p2 = [p[:c].strip()], [p[c:].strip()]
    h2 = ""
    if art["heading"] and lang == "en":
        h2 = "Further provisions on " + art["heading"].lower()
    elif art["heading"] and lang == "de":
        h2 = art["heading"] + " (Ergänzung)"
    return [dict(art, paras=p1), {"heading": h2, "marker": art["marker"], "paras": p2}]


def merge_arts(a1, a2, lang):
    """One article with both paragraphs; en/de join the headings."""
    h = a1["heading"]
    if a1["heading"] and a2["heading"] and lang in ("en", "de"):
        h = a1["heading"] + (" and " + a2["heading"].lower() if lang == "en" else "; " + a2["heading"])
    return {"heading": h, "marker": a1["marker"], "paras": a1["paras"] + a2["paras"]}


# ---- Drawing and applying the mutations. An op is {"op": kind, "g": [indexes of the old articles],
# ---- "anchor": index of the article it goes after (insert, move), "arts": [new articles]}.

def draw_op(kind, g, base, free, rng):
    """(op, articles it touches) for a mutation of kind at article g, or None if it does not apply."""
    fl, n = base.flat, len(base.flat)
    ci, art = fl[g]
    if kind == "delete":
        return {"op": kind, "g": [g]}, {g}
    if kind == "insert":
        if rng.random() < 0.7:
            return {"op": kind, "g": [], "anchor": g, "arts": [reword_donor(rng.choice(base.donors), base, rng)]}, {g}
        far = (g + n // 2) % n
        while not free(far) or far == g:
            far = (far + 1) % n
        return {"op": kind, "g": [], "anchor": g, "arts": [reword_donor(fl[far][1], base, rng)]}, {g, far}
    if kind in EDITS:
        new = {"light": lambda: light(art, base.lang, rng), "heavy": lambda: heavy(art, base, rng),
               "heading": lambda: change_heading(art, base.lang, rng),
               "cosmetic": lambda: cosmetic(art, base.lang)}[kind]()
        return None if new == art else ({"op": kind, "g": [g], "arts": [new]}, {g})
    if kind == "move":
        others = [h for h in range(n) if fl[h][0] != ci and free(h) and abs(h - g) > 3]
        if not others:
            return None
        h = rng.choice(others)
        return {"op": kind, "g": [g], "anchor": h}, {g, h}
    if kind == "split":
        parts = split_art(art, base.lang)
        return ({"op": kind, "g": [g], "arts": parts}, {g}) if parts else None
    if not free(g + 1) or fl[g + 1][0] != ci:
        return None
    arts = [merge_arts(art, fl[g + 1][1], base.lang)] if kind == "merge" else []
    return {"op": kind, "g": [g, g + 1], "arts": arts}, {g, g + 1}


def draw_ops(base, rate, seed):
    """About rate x n ops on pairwise disjoint articles, at most 50 tries per op."""
    rng, n = random.Random(seed), len(base.flat)
    k = max(1, int(round(rate * n)))
    ops, touched = [], set()

    def free(g):
        return 0 <= g < n and g not in touched
    for _ in range(50 * k):
        if len(ops) >= k:
            break
        kind, g = rng.choice(KINDS), rng.randrange(n)
        drawn = draw_op(kind, g, base, free, rng) if free(g) else None
        if drawn:
            ops.append(drawn[0])
            touched |= drawn[1]
    return ops


def rearrange(base, ops):
    """(old, new): per chapter, the items {"src": [base indexes], "art", "key"} of each draft.
    Items still open to ops carry their base index as key, changed ones None; inserted
    items carry the index of their op as "op"."""
    old = [[] for _ in base.doc["chapters"]]
    for g, (ci, art) in enumerate(base.flat):
        old[ci].append({"src": [g], "art": art, "key": g})
    new = [list(ch) for ch in old]

    def find(key):
        return next((ch, i) for ch in new for i, it in enumerate(ch) if it["key"] == key)
    for k, op in enumerate(ops):
        t, g = op["op"], (op["g"] or [None])[0]
        if t == "insert":
            ch, i = find(op["anchor"])
            ch.insert(i + 1, {"src": [], "art": op["arts"][0], "key": None, "op": k})
            continue
        ch, i = find(g)
        if t == "delete":
            del ch[i]
        elif t in EDITS:
            ch[i] = {"src": [g], "art": op["arts"][0], "key": None}
        elif t == "move":
            it = dict(ch.pop(i), key=None)
            ch2, j = find(op["anchor"])
            ch2.insert(j + 1, it)
        elif t == "split":
            ch[i:i + 1] = [{"src": [g], "art": a, "key": None} for a in op["arts"]]
        elif t == "merge":
            ch[i:i + 2] = [{"src": op["g"], "art": op["arts"][0], "key": None}]
        else:  # swap
            ch[i:i + 2] = [dict(ch[i + 1], key=None), dict(ch[i], key=None)]
    return old, new


def apply_ops(base, ops):
    """(old text, new text, truth). truth["old"][old number] = {"new": [new numbers], "kind"},
    truth["added"] = [new numbers], truth["ops"] = [{"op", "old": [numbers], "new": [numbers]}]."""
    old, new = rearrange(base, ops)
    kind_of = {g: op["op"] for op in ops for g in op["g"]}
    truth = {"old": {str(g + 1): {"new": [], "kind": kind_of.get(g, "same")} for g in range(len(base.flat))},
             "added": [], "ops": []}
    inserted = {}
    for m, it in enumerate((it for ch in new for it in ch), 1):
        if not it["src"]:
            truth["added"].append(str(m))
            inserted[it["op"]] = [str(m)]
        for g in it["src"]:
            truth["old"][str(g + 1)]["new"].append(str(m))
    for k, op in enumerate(ops):
        olds = [str(g + 1) for g in op["g"]]
        news = inserted.get(k) or sorted({n for o in olds for n in truth["old"][o]["new"]}, key=int)
        truth["ops"].append({"op": op["op"], "old": olds, "new": news})
    texts = [render(base.doc, [[it["art"] for it in ch] for ch in chs]) for chs in (old, new)]
    return texts[0], texts[1], truth


# ---- Scoring a report against the truth.

def num(ref):
    """An article number of the report in ASCII digits, or None."""
    v = ref.get("num_value") or ref.get("num")
    return None if v is None else km_to_ascii(str(v)).strip()


def parse_report(report):
    """The report's links, the new numbers and first change of each linked old number,
    and the numbers reported deleted and added."""
    r = {"links": set(), "of_old": {}, "change_of_old": {}, "deleted": set(), "added": set()}
    for c in report["changes"]:
        fr = [n for n in map(num, c.get("from", [])) if n is not None]
        to = [n for n in map(num, c.get("to", [])) if n is not None]
        if fr and to:
            for o in fr:
                r["links"].update((o, n) for n in to)
                r["of_old"].setdefault(o, set()).update(to)
                r["change_of_old"].setdefault(o, c)
        elif fr:
            r["deleted"].update(fr)
        elif to:
            r["added"].update(to)
    return r


def judge(op, truth, r):
    """Whether the report got one op right (see the module docstring)."""
    olds, news = op["old"], op["new"]
    if op["op"] == "delete":
        return olds[0] in r["deleted"] and olds[0] not in r["of_old"]
    if op["op"] == "insert":
        return news[0] in r["added"] and not any(n == news[0] for _, n in r["links"])
    if op["op"] in ("split", "merge"):
        c = r["change_of_old"].get(olds[0])
        return (c is not None and c["kind"] == {"split": "split", "merge": "merged"}[op["op"]]
                and {num(x) for x in c["from"]} == set(olds) and {num(x) for x in c["to"]} == set(news))
    return all(r["of_old"].get(o) == set(truth["old"][o]["new"]) and r["change_of_old"].get(o) is not None
               and r["change_of_old"][o]["kind"] not in ("split", "merged") for o in olds)


def score(truth, report):
    """Counter of the table's counts for one pair; key "<kind>" counts ops, "<kind>_ok" right ones."""
    r = parse_report(report)
    old = truth["old"]
    t_links = {(o, n) for o, t in old.items() for n in t["new"]}
    t_del = {o for o, t in old.items() if t["kind"] == "delete"}
    t_add = set(truth["added"])
    same = [o for o, t in old.items() if t["kind"] == "same"]
    s = collections.Counter({
        "links_truth": len(t_links), "links_reported": len(r["links"]), "links_correct": len(t_links & r["links"]),
        "spurious": len(r["links"] - t_links),
        "del_truth": len(t_del), "del_reported": len(r["deleted"]), "del_correct": len(t_del & r["deleted"]),
        "add_truth": len(t_add), "add_reported": len(r["added"]), "add_correct": len(t_add & r["added"]),
        "same": len(same), "same_ok": sum(r["of_old"].get(o) == set(old[o]["new"]) for o in same)})
    for op in truth["ops"]:
        s[op["op"]] += 1
        s[op["op"] + "_ok"] += judge(op, truth, r)
    return s


# ---- Running.

def write(path, text):
    """Write text to path as UTF-8."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run_diff(binary, old, new):
    """(JSON text of `draftwatch diff`, None) or (None, why it failed)."""
    try:
        p = subprocess.run([binary, "diff", "--files", old, new, "--format", "json"],
                           capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if p.returncode != 0:
        return None, "exit code %d: %s" % (p.returncode, p.stderr.strip()[:500])
    return p.stdout, None


def run_pair(binary, base, rate, seed, workdir):
    """Draw, apply, diff and score one pair; None (with a message on stderr) if the binary fails."""
    old_text, new_text, truth = apply_ops(base, draw_ops(base, rate, seed))
    d = os.path.join(workdir, "%s-%s-%d" % (base.lang, rate, seed))
    os.makedirs(d, exist_ok=True)
    old, new = os.path.join(d, "old.md"), os.path.join(d, "new.md")
    write(old, old_text)
    write(new, new_text)
    write(os.path.join(d, "truth.json"), json.dumps(truth, ensure_ascii=False, indent=1))
    out, err = run_diff(binary, old, new)
    if out is None:
        print("FAILED %s-%s-%d: %s" % (base.lang, rate, seed, err), file=sys.stderr)
        return None
    write(os.path.join(d, "report.json"), out)
    s = score(truth, json.loads(out))
    write(os.path.join(d, "score.json"), json.dumps(s, indent=1, sort_keys=True))
    return s


def pct(a, b):
    """a/b as a percentage."""
    return "n/a" if b == 0 else "%.1f%%" % (100.0 * a / b)


def table(rows):
    """The Markdown table of [(lang, rate, summed Counter)]."""
    others = [k for k in KINDS if k not in ("split", "merge")]
    out = ["| lang | rate | link precision | link recall | spurious links | deletions found | additions found |"
           " untouched ok | split named | merge named | " + " | ".join(others) + " |",
           "|" + "---|" * (8 + len(KINDS))]
    for lang, rate, s in rows:
        cells = [lang, "%d%%" % round(rate * 100), pct(s["links_correct"], s["links_reported"]),
                 pct(s["links_correct"], s["links_truth"]), str(s["spurious"]),
                 "%d/%d (%d reported)" % (s["del_correct"], s["del_truth"], s["del_reported"]),
                 "%d/%d (%d reported)" % (s["add_correct"], s["add_truth"], s["add_reported"]),
                 "%d/%d" % (s["same_ok"], s["same"])]
        cells += ["%d/%d" % (s[k + "_ok"], s[k]) for k in ["split", "merge"] + others]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def run_all(args, workdir):
    """Every language x rate x seed; returns (table rows, number of failed pairs)."""
    rows, failed = [], 0
    for lang in args.langs.split(","):
        base = Base(lang, args.corpus, args.drafts)
        for rate in [float(x) for x in args.rates.split(",")]:
            total = collections.Counter()
            for seed in range(1, args.seeds + 1):
                s = run_pair(args.bin, base, rate, seed, workdir)
                failed += s is None
                total += s or collections.Counter()
            rows.append((lang, rate, total))
            print("%s rate %.0f%%: precision %s recall %s, ops %s" % (
                lang, rate * 100, pct(total["links_correct"], total["links_reported"]),
                pct(total["links_correct"], total["links_truth"]),
                " ".join("%s %d/%d" % (k, total[k + "_ok"], total[k]) for k in sorted(KINDS) if total[k])),
                file=sys.stderr)
    return rows, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/draftwatch"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus"))
    ap.add_argument("--drafts", default=os.path.join(ROOT, "drafts"), help="the repository's drafts/ (donors)")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--rates", default="0.1,0.3")
    ap.add_argument("--langs", default="en,de,km")
    ap.add_argument("--keep", metavar="DIR", help="leave every pair in DIR instead of a temporary directory")
    args = ap.parse_args()
    for path in (args.corpus, args.drafts):
        if not os.path.isdir(path):
            sys.exit("mutate_real.py: %s is not a directory (see --corpus, --drafts)" % path)
    if args.keep:
        rows, failed = run_all(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="mutate_real.") as tmp:
            rows, failed = run_all(args, tmp)
    print(table(rows))
    if failed:
        sys.exit("mutate_real.py: the binary failed on %d pair(s)" % failed)


if __name__ == "__main__":
    main()
