#!/usr/bin/env python3
"""Build drafts/a2i/v3.docx from drafts/a2i/v3.docx.src.md, with Word automatic numbering.

Usage (from anywhere; paths default to the repository's drafts/a2i/):

    python3 tools/make_drafts_docx.py [SRC.md [OUT.docx]]
    python3 tools/make_drafts_docx.py --check   # rebuild in memory, compare with the file on disk

Python 3 standard library only (zipfile + string templates). The output is
deterministic: fixed dates in docProps/core.xml, fixed ZipInfo timestamps
(2019-11-20 00:00:00), attributes and compression level, entries in a fixed order,
so running the script twice gives identical bytes (with the same zlib).

Why: Draft 3 of the illustrative Draft Law on Access to Information is the test
and demo case for DOCX import, where the article numbers are not in the text but
produced by Word's automatic numbering.

Source format (a plain Markdown file, readable on its own; blank lines separate
paragraphs):

    > note                   -> style "Note" (italic): the "illustrative text" notice
    text before "# "         -> style "Centered" (the national motto block)
    # Title                  -> style "Title"
    text after the title     -> style "Subtitle" (date, stage), until the first "## "
    ## Chapter 1 - ...       -> style "Heading1"; the chapter heading is literal text
    ### Article 5 - Title    -> style "Heading2", AUTOMATICALLY NUMBERED: the paragraph
                                text is only "Title"; numbering.xml abstractNum 0,
                                level 0 = numFmt "decimal", lvlText "Article %1.",
                                suffix space, w:num numId 1. Word prints
                                "Article 5. Title". The script checks that the
                                number written in the source is the one Word will
                                print (articles must run 1, 2, 3 ... without gaps).
    (1) text                 -> style "BodyText", AUTOMATICALLY NUMBERED: the text
                                is "text"; abstractNum 1, level 0 = numFmt
                                "decimal", lvlText "(%1)". Numbering restarts in
                                every article: the first article with numbered
                                paragraphs uses numId 2, the next numId 3, and so
                                on, each w:num carrying <w:lvlOverride w:ilvl="0">
                                <w:startOverride w:val="1"/>. The script checks
                                that the source numbers run (1), (2) ... in each
                                article.
    (a) text                 -> style "Point" (indented); the letter stays LITERAL
                                text, as in many real drafts that mix automatic
                                and typed numbering.
    anything else            -> style "BodyText", unnumbered.

Parts written: [Content_Types].xml, _rels/.rels, word/document.xml,
word/styles.xml, word/numbering.xml, word/_rels/document.xml.rels,
docProps/core.xml (title, language, fixed dates).
"""
import io
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SRC = os.path.join(ROOT, "drafts", "a2i", "v3.docx.src.md")
DEFAULT_OUT = os.path.join(ROOT, "drafts", "a2i", "v3.docx")

TITLE = "Draft Law on Access to Information – Draft 3 (illustrative text, not an official draft)"
DATE = "2019-11-20T00:00:00Z"
ZIP_DATE = (2019, 11, 20, 0, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>
"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>
"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>$title</dc:title>
<dc:subject>Draft Law on Access to Information</dc:subject>
<dc:creator>Draftwatch sample drafts</dc:creator>
<dc:description>Illustrative text written for Draftwatch; not an official draft.</dc:description>
<dc:language>en</dc:language>
<cp:keywords>illustrative; access to information; Draft 3</cp:keywords>
<cp:revision>3</cp:revision>
<dcterms:created xsi:type="dcterms:W3CDTF">$date</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">$date</dcterms:modified>
</cp:coreProperties>
"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="$w">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Khmer OS"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:bidi="km-KH"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Centered"><w:name w:val="Centered"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="auto"/></w:pBdr><w:spacing w:after="240"/></w:pPr><w:rPr><w:i/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Point"><w:name w:val="Point"/><w:basedOn w:val="BodyText"/><w:qFormat/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:style>
</w:styles>
"""

NUMBERING_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="$w">
<w:abstractNum w:abstractNumId="0"><w:nsid w:val="1A2B0001"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="0A2B0001"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1."/><w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:nsid w:val="1A2B0002"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="0A2B0002"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/><w:suff w:val="tab"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
"""
NUM_RESTART = """<w:num w:numId="$id"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"""

DOC_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="$w" xmlns:r="$r">
<w:body>
"""
DOC_TAIL = """<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1304" w:bottom="1440" w:left="1304" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>
</w:body>
</w:document>
"""

ARTICLE_RE = re.compile(r"^### Article (\d+) - (.+)$")
PARA_RE = re.compile(r"^\((\d+)\) (.+)$", re.S)
POINT_RE = re.compile(r"^\([a-z]{1,2}\) ")


def paragraph(style, text, num_id=None):
    ppr = f'<w:pStyle w:val="{style}"/>'
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>\n'


def parse(src_text):
    """Source text -> (list of (style, text, numId|None), number of paragraph lists)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", src_text.replace("\r\n", "\n")) if b.strip()]
    out = []
    state = "head"  # head -> subtitle -> body
    article = 0
    para_num_id = 1  # last numId used for a paragraph list
    current_list = None  # numId of the current article's paragraphs
    expected_para = 1
    for b in blocks:
        if "\n" in b:
            raise ValueError(f"one paragraph per block expected, got a line break in: {b[:60]!r}")
        if b.startswith("> "):
            out.append(("Note", b[2:], None))
        elif b.startswith("# "):
            out.append(("Title", b[2:], None))
            state = "subtitle"
        elif b.startswith("## "):
            out.append(("Heading1", b[3:], None))
            state = "body"
        elif b.startswith("###"):
            m = ARTICLE_RE.match(b)
            if not m:
                raise ValueError(f"article heading not in the form '### Article N - Title': {b!r}")
            article += 1
            if int(m.group(1)) != article:
                raise ValueError(f"article {m.group(1)} found where Word will print Article {article}")
            out.append(("Heading2", m.group(2), 1))
            current_list = None
            expected_para = 1
        elif state == "head":
            out.append(("Centered", b, None))
        elif state == "subtitle":
            out.append(("Subtitle", b, None))
        elif PARA_RE.match(b) and article:
            m = PARA_RE.match(b)
            n = int(m.group(1))
            if n != expected_para:
                raise ValueError(f"Article {article}: paragraph ({n}) found where ({expected_para}) was expected")
            if current_list is None:
                para_num_id += 1
                current_list = para_num_id
            out.append(("BodyText", m.group(2), current_list))
            expected_para += 1
        elif POINT_RE.match(b):
            out.append(("Point", b, None))
        else:
            out.append(("BodyText", b, None))
    return out, para_num_id - 1


def build(src_text):
    """Returns the .docx bytes."""
    paras, lists = parse(src_text)
    body = "".join(paragraph(s, t, n) for s, t, n in paras)
    document = DOC_HEAD.replace("$w", W_NS).replace("$r", R_NS) + body + DOC_TAIL
    numbering = NUMBERING_HEAD.replace("$w", W_NS)
    numbering += "".join(NUM_RESTART.replace("$id", str(i)) for i in range(2, 2 + lists))
    numbering += "</w:numbering>\n"
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", CORE.replace("$title", escape(TITLE)).replace("$date", DATE)),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/document.xml", document),
        ("word/styles.xml", STYLES.replace("$w", W_NS)),
        ("word/numbering.xml", numbering),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, text.encode("utf-8"), compresslevel=9)
    return buf.getvalue()


def printed_text(docx_bytes):
    """What Word prints: paragraphs with the automatic numbers expanded (for checks)."""
    import xml.etree.ElementTree as ET
    w = "{%s}" % W_NS
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        root = ET.fromstring(z.read("word/document.xml"))
        ET.fromstring(z.read("word/numbering.xml"))
        ET.fromstring(z.read("word/styles.xml"))
        ET.fromstring(z.read("docProps/core.xml"))
    counters = {}
    lines = []
    for p in root.iter(w + "p"):
        text = "".join(t.text or "" for t in p.iter(w + "t"))
        num = p.find(f"{w}pPr/{w}numPr/{w}numId")
        if num is not None:
            nid = int(num.get(w + "val"))
            counters[nid] = counters.get(nid, 0) + 1
            text = (f"Article {counters[nid]}. " if nid == 1 else f"({counters[nid]}) ") + text
        lines.append(text)
    return lines


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    src = args[0] if args else DEFAULT_SRC
    out = args[1] if len(args) > 1 else DEFAULT_OUT
    with open(src, encoding="utf-8") as f:
        data = build(f.read())
    if check:
        with open(out, "rb") as f:
            same = f.read() == data
        print(f"{out}: {'up to date' if same else 'DIFFERS from a fresh build'}")
        return 0 if same else 1
    with open(out, "wb") as f:
        f.write(data)
    lines = printed_text(data)
    articles = sum(1 for l in lines if l.startswith("Article "))
    print(f"wrote {out}: {len(data)} bytes, {len(lines)} paragraphs, {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
