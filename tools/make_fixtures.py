#!/usr/bin/env python3
"""Generate Draftwatch's import test fixtures under tests/fixtures/.

Run from anywhere:

    python3 tools/make_fixtures.py

Requires Python 3 (stdlib only) for the DOCX, text and XML fixtures. The PDFs
need Debian's `pango-view` (package pango1.0-tools), `pdfunite` (poppler-utils),
ImageMagick's `convert` and the Khmer OS fonts (fonts-khmeros):

    apt-get install pango1.0-tools poppler-utils imagemagick fonts-khmeros

Output is deterministic: zip members carry a fixed timestamp, PDF creation
dates are overwritten with a fixed date of the same length, and pseudo-random
bytes come from SHA-256 of a counter. The generated files are committed; run
this again only to change them, and update the tests in
crates/core/src/ingest/{docx,pdf}.rs if the text changes.

Fixtures:
  docx/numbered-en.docx  English draft law: Heading1 chapters, Heading2 articles
                         numbered automatically "Article %1." through the style,
                         paragraphs "(%1)" restarting per article (w:num with
                         startOverride), points "(%2)" lowerLetter at level 1, a
                         table, two footnotes, tracked changes (1 insertion,
                         1 deletion), a comment, dc:title in docProps/core.xml.
  docx/khmer.docx        Khmer draft law typed as literal text (Khmer digits),
                         w:lang km-KH in docDefaults, font "Khmer OS".
  docx/truncated.docx    The first half of numbered-en.docx.
  docx/bomb.docx         A valid DOCX whose word/document.xml inflates to 300 MB
                         of spaces (ratio ~1000:1).
  docx/not-a-docx.zip    A valid zip with no word/document.xml.
  pdf/en.pdf             Two-page English draft (chapter, 3 articles), page
                         numbers "- 1 -" / "- 2 -", hard-wrapped paragraphs.
  pdf/km.pdf             The same in Khmer (font Khmer OS), one page.
  pdf/scanned.pdf        A page holding only an image of text (no text layer).
  pdf/truncated.pdf      The first half of en.pdf.
  pdf/encrypted.pdf      A one-page text PDF encrypted (RC4 40-bit, standard
                         security handler) with the user password "draftwatch".
  bad/empty.txt          0 bytes.
  bad/junk.bin           4 KiB of deterministic pseudo-random bytes.
  bad/latin1.txt         English text saved as Latin-1 (0xE9 for e-acute): not UTF-8.
  text/utf16-bom.txt     An English article in UTF-16LE with a byte-order mark.
  xml/xxe.xml            Akoma Ntoso with a DOCTYPE declaring an external entity
                         (SYSTEM "file:///etc/passwd") used in the text.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PDF_DATE = b"D:20250101000000Z"

# --------------------------------------------------------------------------
# Text shared with the Rust tests (keep in sync with docx.rs / pdf.rs tests).
# --------------------------------------------------------------------------

EN_TITLE = "Draft Law on Public Consultation"

KM_TITLE = "សេចក្តីព្រាងច្បាប់ស្តីពីការពិគ្រោះយោបល់សាធារណៈ"
KM_CHAPTER1 = "ជំពូកទី ១ បទប្បញ្ញត្តិទូទៅ"
KM_ART1 = "មាត្រា ១ គោលបំណង"
KM_ART1_BODY = "ច្បាប់នេះមានគោលបំណងកំណត់នីតិវិធីនៃការបោះពុម្ពផ្សាយសេចក្តីព្រាងច្បាប់។"
KM_ART2 = "មាត្រា ២ វិសាលភាព"
KM_ART2_BODY = "ច្បាប់នេះអនុវត្តចំពោះក្រសួង និងស្ថាប័នសាធារណៈទាំងអស់។"
KM_CHAPTER2 = "ជំពូកទី ២ អវសានបញ្ញត្តិ"
KM_ART3 = "មាត្រា ៣ ការចូលជាធរមាន"
KM_ART3_BODY = "ច្បាប់នេះត្រូវប្រកាសឱ្យប្រើជាការបន្ទាន់។"

# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
AUTHOR = 'w:author="Drafting Office" w:date="2025-03-01T10:00:00Z"'


def t(text):
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text, bold=False, rpr=""):
    props = ("<w:b/>" if bold else "") + rpr
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{props}{t(text)}</w:r>"


def footnote_ref(note_id):
    return ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>')


def para(*runs, style=None, num=None, jc=None):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def cell(*paras):
    return f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{"".join(paras)}</w:tc>'


def table(rows):
    grid = '<w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>'
    body = "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"{grid}{body}</w:tbl>")


SECT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
        'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')


def document(body):
    return f'{XML_DECL}<w:document {W}><w:body>{body}{SECT}</w:body></w:document>'


def styles(lang, fonts):
    rfonts = (f'<w:rFonts w:ascii="{fonts}" w:hAnsi="{fonts}" w:cs="{fonts}" '
              f'w:eastAsia="{fonts}"/>')
    heading = lambda n, extra="": (
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/>{extra}<w:outlineLvl w:val="{n - 1}"/></w:pPr>'
        '<w:rPr><w:b/></w:rPr></w:style>')
    return (f'{XML_DECL}<w:styles {W}>'
            '<w:docDefaults><w:rPrDefault><w:rPr>'
            f'{rfonts}<w:sz w:val="22"/><w:szCs w:val="22"/>{lang}'
            '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
            '<w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            '</w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/></w:style>'
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            '</w:style>'
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
            + heading(1)
            # Articles: the numbering lives in the style (as Word does when a
            # multilevel list is linked to a heading style).
            + heading(2, '<w:numPr><w:numId w:val="1"/></w:numPr>')
            + '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
            '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
            '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>'
            '<w:style w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '</w:style>'
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
            '</w:styles>')


NUMBERING = (
    f'{XML_DECL}<w:numbering {W}>'
    # Articles: "Article 1." linked to Heading2, a space after the number.
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
    '<w:suff w:val="space"/><w:lvlText w:val="Article %1."/><w:lvlJc w:val="left"/></w:lvl>'
    '</w:abstractNum>'
    # Paragraphs "(1)" and points "(a)", a tab after the number.
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    # One list instance per article, each restarting at 1 (what Word writes
    # after "Restart numbering").
    + "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for n in (2, 3, 4))
    + '</w:numbering>')


def footnotes(notes):
    sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           '</w:r></w:p></w:footnote>')
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'{run(" " + text)}</w:p></w:footnote>'
        for i, text in notes)
    return f'{XML_DECL}<w:footnotes {W}>{sep}{body}</w:footnotes>'


COMMENTS = (
    f'{XML_DECL}<w:comments {W}>'
    f'<w:comment w:id="0" {AUTHOR} w:initials="DO"><w:p>'
    f'{run("Should we also allow comments through the consultation portal?")}</w:p></w:comment>'
    '</w:comments>')


def core_xml(title):
    return (f'{XML_DECL}<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>Drafting Office</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-01T10:00:00Z</dcterms:created>'
            '</cp:coreProperties>')


def content_types(parts):
    overrides = {
        "styles": "styles", "numbering": "numbering", "footnotes": "footnotes",
        "comments": "comments",
    }
    xml = (f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
           '<Default Extension="xml" ContentType="application/xml"/>'
           '<Override PartName="/word/document.xml" ContentType="application/'
           'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
           '<Override PartName="/docProps/core.xml" ContentType="application/'
           'vnd.openxmlformats-package.core-properties+xml"/>')
    for p in parts:
        xml += (f'<Override PartName="/word/{p}.xml" ContentType="application/'
                f'vnd.openxmlformats-officedocument.wordprocessingml.{overrides[p]}+xml"/>')
    return xml + "</Types>"


ROOT_RELS = (
    f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '</Relationships>')


def doc_rels(parts):
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/{p}" Target="{p}.xml"/>'
        for i, p in enumerate(parts))
    return (f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>')


def write_zip(path, members):
    """members: list of (name, str|bytes). Deterministic output."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data,
                       compresslevel=9)


def docx_members(body, title, lang, fonts, parts, extra):
    return [
        ("[Content_Types].xml", content_types(parts)),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core_xml(title)),
        ("word/_rels/document.xml.rels", doc_rels(parts)),
        ("word/document.xml", document(body)),
        ("word/styles.xml", styles(lang, fonts)),
    ] + extra


def numbered_en_body():
    p0 = lambda n, *runs: para(*runs, style="ListParagraph", num=(n, 0))
    p1 = lambda n, *runs: para(*runs, style="ListParagraph", num=(n, 1))
    tracked = (
        run("A draft shall be published at least ")
        + f'<w:del w:id="101" {AUTHOR}><w:r><w:delText>fifteen</w:delText></w:r></w:del>'
        + f'<w:ins w:id="102" {AUTHOR}>{run("thirty")}</w:ins>'
        + run(" days before its adoption.")
    )
    commented = (
        run("Comments may be sent by post or by ")
        + '<w:commentRangeStart w:id="0"/>' + run("e-mail") + '<w:commentRangeEnd w:id="0"/>'
        + '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>'
        + footnote_ref(2) + run(".")
    )
    done = ('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Done at Phnom Penh,</w:t><w:tab/>'
            '<w:t>1 March 2025</w:t></w:r></w:p>')
    return "".join([
        para(run(EN_TITLE), style="Title"),
        para(run("Chapter 1: General Provisions"), style="Heading1"),
        para(run("Purpose"), style="Heading2"),
        p0(2, run("This law sets out how ministries publish the drafts of laws for consultation.")),
        p0(2, run("Every ministry shall publish its drafts"), footnote_ref(1), run(".")),
        para(run("Definitions"), style="Heading2"),
        p0(3, run("In this law:")),
        p1(3, run("“draft” means any version of a bill;")),
        p1(3, run("“ministry” means a ministry or a state secretariat.")),
        p0(3, run("Terms not defined here have their ordinary meaning.")),
        table([
            [cell(para(run("Term", bold=True))), cell(para(run("Meaning", bold=True)))],
            [cell(para(run("Draft"))), cell(para(run("A version of a bill.")))],
            [cell(para(run("Ministry"))),
             cell(para(run("A ministry.")), para(run("A state secretariat.")))],
        ]),
        para(run("Chapter 2: Publication"), style="Heading1"),
        para(run("Time limits"), style="Heading2"),
        p0(4, tracked),
        p0(4, commented),
        para(run("Entry into force"), style="Heading2"),
        para(),  # an empty paragraph, skipped by the reader
        para(run("This law enters into force on the day after its publication.")),
        done,
    ])


def make_numbered_en():
    parts = ["styles", "numbering", "footnotes", "comments"]
    notes = [(1, "See the Law on the Publication of Legal Acts of 2019."),
             (2, "Including any address the ministry publishes on its website.")]
    lang = '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
    members = docx_members(numbered_en_body(), EN_TITLE, lang, "Times New Roman", parts, [
        ("word/numbering.xml", NUMBERING),
        ("word/footnotes.xml", footnotes(notes)),
        ("word/comments.xml", COMMENTS),
    ])
    path = os.path.join(OUT, "docx", "numbered-en.docx")
    write_zip(path, members)
    return path


def make_khmer():
    body = "".join([
        para(run(KM_TITLE), style="Title"),
        para(run(KM_CHAPTER1), style="Heading1"),
        para(run(KM_ART1), style="Heading2"),
        para(run(KM_ART1_BODY)),
        para(run(KM_ART2), style="Heading2"),
        para(run(KM_ART2_BODY)),
        para(run(KM_CHAPTER2), style="Heading1"),
        para(run(KM_ART3), style="Heading2"),
        para(run(KM_ART3_BODY)),
    ])
    lang = '<w:lang w:val="km-KH" w:eastAsia="en-US" w:bidi="km-KH"/>'
    # Khmer headings are not numbered automatically: use styles without numPr.
    st = styles(lang, "Khmer OS").replace('<w:numPr><w:numId w:val="1"/></w:numPr>', "")
    members = [
        ("[Content_Types].xml", content_types(["styles"])),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core_xml(KM_TITLE)),
        ("word/_rels/document.xml.rels", doc_rels(["styles"])),
        ("word/document.xml", document(body)),
        ("word/styles.xml", st),
    ]
    write_zip(os.path.join(OUT, "docx", "khmer.docx"), members)


def make_bomb(total=300 * 1024 * 1024):
    path = os.path.join(OUT, "docx", "bomb.docx")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in [("[Content_Types].xml", content_types([])), ("_rels/.rels", ROOT_RELS)]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
        info = zipfile.ZipInfo("word/document.xml", date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = total  # announce the size so no zip64 surprise
        head = f'{XML_DECL}<w:document {W}><w:body><w:p><w:r><w:t>'.encode()
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        chunk = b" " * (1024 * 1024)
        with z.open(info, "w", force_zip64=False) as f:
            f.write(head)
            left = total - len(head) - len(tail)
            while left > 0:
                n = min(left, len(chunk))
                f.write(chunk[:n])
                left -= n
            f.write(tail)
    return path


def make_docx():
    os.makedirs(os.path.join(OUT, "docx"), exist_ok=True)
    en = make_numbered_en()
    make_khmer()
    data = open(en, "rb").read()
    open(os.path.join(OUT, "docx", "truncated.docx"), "wb").write(data[: len(data) // 2])
    make_bomb()
    write_zip(os.path.join(OUT, "docx", "not-a-docx.zip"), [
        ("readme.txt", "This archive is a zip file but not a Word document.\n"),
        ("data/values.csv", "term,meaning\ndraft,a version of a bill\n"),
    ])


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

EN_PAGE1 = """DRAFT LAW ON PUBLIC CONSULTATION

Chapter 1
General Provisions

Article 1. Purpose
(1) This law sets out how ministries publish the drafts of laws for public consultation before the drafts are adopted.
(2) It applies to every draft law and every draft regulation.

Article 2. Definitions
In this law, "draft" means any version of a bill that a ministry circulates outside the government.

- 1 -
"""

EN_PAGE2 = """Article 3. Time limits
(1) A draft shall be published at least thirty days before its adoption.
(2) Comments may be sent by post or by e-mail.

- 2 -
"""

KM_PAGE = f"""{KM_TITLE}

{KM_CHAPTER1}

{KM_ART1}
{KM_ART1_BODY}

{KM_ART2}
{KM_ART2_BODY}

{KM_CHAPTER2}

{KM_ART3}
{KM_ART3_BODY}

- ១ -
"""

SCANNED_TEXT = """Article 1. Purpose
This law sets out how ministries publish drafts.
"""


def need(tool, package):
    if shutil.which(tool) is None:
        sys.exit(f"make_fixtures: `{tool}` not found; apt-get install {package}")


def fix_pdf_dates(data):
    """Replaces cairo's creation date with a fixed one of the same length (keeps xref offsets)."""
    def repl(m):
        fixed = PDF_DATE[: len(m.group(1))].ljust(len(m.group(1)), b"0")
        return m.group(0).replace(m.group(1), fixed)
    data = re.sub(rb"/(?:CreationDate|ModDate) ?\((D:[0-9A-Z+\-']+)\)", repl, data)
    # pdfunite writes a random /ID in the trailer, which follows the xref table
    # (no offset points past it): replace it with a fixed one.
    data = re.sub(rb"/ID \[.*?\] /Root", b"/ID [<00000000000000000000000000000000> "
                  b"<00000000000000000000000000000000>] /Root", data, flags=re.S)
    return data


def pango_pdf(text, font, path, width):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
        src = f.name
    try:
        subprocess.run(["pango-view", "--no-display", f"--font={font}", f"--width={width}",
                        "--wrap=word", "--margin=36", "-o", path, src], check=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1735689600"))
    finally:
        os.unlink(src)
    data = fix_pdf_dates(open(path, "rb").read())
    open(path, "wb").write(data)


def scanned_pdf(path):
    """Renders text to a bitmap and wraps it, as an image only, in a hand-written PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "page.png")
        pgm = os.path.join(tmp, "page.pgm")
        txt = os.path.join(tmp, "page.txt")
        open(txt, "w", encoding="utf-8").write(SCANNED_TEXT)
        subprocess.run(["pango-view", "--no-display", "--font=DejaVu Serif 14", "--dpi=100",
                        "--margin=20", "-o", png, txt], check=True)
        subprocess.run(["convert", png, "-background", "white", "-flatten", "-colorspace", "Gray",
                        "-depth", "8", "+set", "date:create", "+set", "date:modify", pgm],
                       check=True)
        raw = open(pgm, "rb").read()
    # Binary PGM: "P5\n<w> <h>\n<max>\n<data>" (ImageMagick writes no comments).
    parts = raw.split(b"\n", 3)
    assert parts[0] == b"P5", parts[0]
    w, h = (int(v) for v in parts[1].split())
    pixels = parts[3]
    assert len(pixels) == w * h
    img = zlib.compress(pixels, 9)
    pw, ph = w * 72 // 100, h * 72 // 100
    content = f"q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q\n".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph}] "
        "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(img)} >>\nstream\n".encode()
        + img + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    open(path, "wb").write(bytes(out))


PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(path, user_password=b"draftwatch", owner_password=b"owner"):
    """A text PDF protected by a user password (PDF 1.4 standard security handler, R2)."""
    pad = lambda pw: (pw + PDF_PAD)[:32]
    file_id = hashlib.md5(b"draftwatch-encrypted-fixture").digest()
    perms = -44
    owner = rc4(hashlib.md5(pad(owner_password)).digest()[:5], pad(user_password))
    key = hashlib.md5(pad(user_password) + owner + perms.to_bytes(4, "little", signed=True)
                      + file_id).digest()[:5]
    user = rc4(key, PDF_PAD)

    def obj_key(num):
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]

    content = rc4(obj_key(5), b"BT /F1 12 Tf 72 720 Td (Article 1. This text is protected.) Tj ET\n")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{user.hex()}> /P {perms} >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Encrypt 6 0 R "
            f"/ID [<{file_id.hex()}> <{file_id.hex()}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    open(path, "wb").write(bytes(out))


def make_pdf():
    need("pango-view", "pango1.0-tools")
    need("pdfunite", "poppler-utils")
    need("convert", "imagemagick")
    d = os.path.join(OUT, "pdf")
    os.makedirs(d, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        p1, p2 = os.path.join(tmp, "p1.pdf"), os.path.join(tmp, "p2.pdf")
        pango_pdf(EN_PAGE1, "DejaVu Serif 11", p1, 420)
        pango_pdf(EN_PAGE2, "DejaVu Serif 11", p2, 420)
        en = os.path.join(d, "en.pdf")
        subprocess.run(["pdfunite", p1, p2, en], check=True)
        data = fix_pdf_dates(open(en, "rb").read())
        open(en, "wb").write(data)
    pango_pdf(KM_PAGE, "Khmer OS 14", os.path.join(d, "km.pdf"), 900)
    scanned_pdf(os.path.join(d, "scanned.pdf"))
    encrypted_pdf(os.path.join(d, "encrypted.pdf"))
    data = open(os.path.join(d, "en.pdf"), "rb").read()
    open(os.path.join(d, "truncated.pdf"), "wb").write(data[: len(data) // 2])


# --------------------------------------------------------------------------
# Other bad inputs, text and XML
# --------------------------------------------------------------------------

def pseudo_random(n):
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(b"draftwatch-junk-%d" % counter).digest()
        counter += 1
    return bytes(out[:n])


UTF16_TEXT = """Article 1. Purpose
This law sets out how ministries publish the drafts of laws for consultation.

Article 2. Scope
It applies to every draft law.
"""

XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE akomaNtoso [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <bill name="consultation">
    <meta>
      <identification source="#draftwatch">
        <FRBRWork><FRBRthis value="/akn/kh/bill/2025/1/main"/></FRBRWork>
      </identification>
    </meta>
    <body>
      <article eId="art_1">
        <num>Article 1.</num>
        <heading>Purpose</heading>
        <paragraph eId="art_1__para_1">
          <content><p>This law sets out &secret; how drafts are published.</p></content>
        </paragraph>
      </article>
    </body>
  </bill>
</akomaNtoso>
"""


def make_misc():
    for sub in ("bad", "text", "xml"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    open(os.path.join(OUT, "bad", "empty.txt"), "wb").close()
    open(os.path.join(OUT, "bad", "junk.bin"), "wb").write(pseudo_random(4096))
    latin1 = "Article 1. Purpose\nThis law applies to the Ministry of Economy (Minist\u00e8re de l'\u00c9conomie) and its d\u00e9l\u00e9gations.\n"
    open(os.path.join(OUT, "bad", "latin1.txt"), "wb").write(latin1.encode("latin-1"))
    open(os.path.join(OUT, "text", "utf16-bom.txt"), "wb").write(
        b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le"))
    open(os.path.join(OUT, "xml", "xxe.xml"), "w", encoding="utf-8").write(XXE)


def main():
    make_docx()
    make_misc()
    make_pdf()
    too_big = []
    for dirpath, _, files in os.walk(OUT):
        for f in files:
            p = os.path.join(dirpath, f)
            size = os.path.getsize(p)
            print(f"{os.path.relpath(p, ROOT)}: {size} bytes")
            if size > 2 * 1024 * 1024:
                too_big.append(p)
    if too_big:
        sys.exit(f"fixtures over 2 MB: {too_big}")


if __name__ == "__main__":
    main()
