//! PDF reader: the text layer, as paragraphs.
//!
//! The PDF is parsed with lopdf (re-exported by `pdf-extract`, which is the
//! fallback extractor) and the page content streams are interpreted here: text
//! operators, fonts' `ToUnicode` maps and encodings, and marked content. Doing
//! it ourselves matters for Khmer: cairo, LibreOffice and Word write a shaped
//! Khmer cluster (a consonant with a vowel drawn before it, a subscript
//! consonant ...) as reordered glyphs wrapped in `/Span <</ActualText (...)>>`;
//! only the ActualText gives the characters in logical order. Extractors that
//! ignore it (pdf-extract among them) return garbled Khmer.
//!
//! Layout: glyphs become lines (same baseline), lines become paragraphs where
//! the vertical gap is clearly larger than the document's usual line spacing;
//! the lines of one paragraph are kept, joined with `\n`, so the structure
//! grammar can still split a heading that starts a line. Page-number lines at
//! the top or bottom of a page, text in `/Artifact` marked content (running
//! headers and footers of tagged PDFs) and text not in the page's dominant
//! orientation (diagonal "DRAFT" watermarks) are dropped.
//!
//! pdf-extract and lopdf can panic on malformed files: all parsing runs under
//! `catch_unwind`.

use super::{Block, Content, Format, IngestError, Ingested, Result};
use pdf_extract::content::{Content as Ops, Operation};
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

/// Reads a PDF's text layer.
pub fn read(bytes: &[u8]) -> Result<Ingested> {
    let parsed = catch_unwind(AssertUnwindSafe(|| extract(bytes)))
        .map_err(|_| IngestError::BadPdf("the PDF's structure could not be parsed".into()))??;
    let page_count = parsed.pages.len();
    let mut paras = paragraphs(&parsed.pages);
    if paras.is_empty() {
        // Our interpreter found nothing: give pdf-extract a chance (fonts with
        // encodings only it knows), then conclude the file is scanned.
        // A panic there means broken objects, not a scan: say so.
        paras = catch_unwind(AssertUnwindSafe(|| fallback_paragraphs(bytes)))
            .map_err(|_| IngestError::BadPdf("the PDF is damaged: some of its objects are missing or broken".into()))?;
    }
    if paras.is_empty() {
        return Err(IngestError::NoTextLayer);
    }
    let mut notes = vec![if page_count == 1 { "Read 1 page of text.".to_string() } else { format!("Read {page_count} pages of text.") }];
    let empty = parsed.pages.iter().filter(|p| p.iter().all(|l| l.text.trim().is_empty())).count();
    if empty > 0 && empty < page_count {
        notes.push(format!("{empty} of {page_count} pages had no text layer (scanned images?); their content is missing."));
    }
    let total: usize = paras.iter().map(|p| p.chars().count()).sum();
    let unmapped: usize =
        paras.iter().flat_map(|p| p.chars()).filter(|c| ('\u{E000}'..='\u{F8FF}').contains(c) || *c == '\u{FFFD}').count();
    if unmapped > 0 && unmapped * 200 > total {
        notes.push(format!(
            "{unmapped} characters have no Unicode meaning in the PDF's fonts (common in PDFs made with legacy Khmer fonts); the text may be garbled: check it, or import a DOCX or an OCR of the original."
        ));
    }
    let blocks = paras.into_iter().map(Block::plain).collect();
    Ok(Ingested { format: Format::Pdf, content: Content::Blocks(blocks), notes, title: parsed.title, lang: parsed.lang })
}

/// What the interpreter got out of the file.
struct Extracted {
    pages: Vec<Vec<Line>>,
    title: Option<String>,
    lang: Option<String>,
}

fn extract(bytes: &[u8]) -> Result<Extracted> {
    let doc = Document::load_mem(bytes)
        .map_err(|e| IngestError::BadPdf(format!("the file is damaged or incomplete ({e}); download or export it again")))?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(IngestError::BadPdf(
            "the PDF is protected by a password; open it, save or print an unprotected copy, and import that".into(),
        ));
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(IngestError::BadPdf("the PDF has no pages (its page tree is missing or damaged)".into()));
    }
    let mut interp = Interp { doc: &doc, fonts: HashMap::new(), glyphs: Vec::new(), budget: MAX_OPERATIONS };
    let mut pages = Vec::with_capacity(page_ids.len());
    for (_, page_id) in page_ids {
        interp.glyphs.clear();
        interp.page(page_id);
        pages.push(page_lines(std::mem::take(&mut interp.glyphs)));
    }
    let info_text = |dict: Option<&Dictionary>, key: &[u8]| {
        dict.and_then(|d| d.get(key).ok())
            .and_then(|o| deref(&doc, o))
            .and_then(|o| pdf_extract::decode_text_string(o).ok())
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let info = doc.trailer.get(b"Info").ok().and_then(|o| deref(&doc, o)).and_then(|o| o.as_dict().ok());
    let root = doc.trailer.get(b"Root").ok().and_then(|o| deref(&doc, o)).and_then(|o| o.as_dict().ok());
    let title = info_text(info, b"Title");
    let lang = info_text(root, b"Lang").and_then(|l| {
        let p = l.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        (!p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
    });
    Ok(Extracted { pages, title, lang })
}

/// Paragraphs from pdf-extract's plain text, used only when our interpreter found no text.
fn fallback_paragraphs(bytes: &[u8]) -> Vec<String> {
    let Ok(pages) = pdf_extract::extract_text_from_mem_by_pages(bytes) else { return Vec::new() };
    let mut out = Vec::new();
    for page in pages {
        let page = page.replace('\u{c}', "\n");
        let mut lines: Vec<&str> = Vec::new();
        for line in page.lines().map(str::trim).chain(std::iter::once("")) {
            if line.is_empty() {
                if !lines.is_empty() {
                    out.push(lines.join("\n"));
                    lines.clear();
                }
            } else if !is_page_number(line) {
                lines.push(line);
            }
        }
    }
    out
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------

/// What the interpreter needs from a font: how to cut a string into codes, what
/// text each code stands for and how far it advances.
#[derive(Debug, Default)]
struct Font {
    /// Composite (Type0) font: multi-byte codes.
    composite: bool,
    /// Code-space ranges `(length, low, high)` of a composite font (empty: 2 bytes).
    code_space: Vec<(usize, u32, u32)>,
    /// The ToUnicode map.
    to_unicode: HashMap<u32, String>,
    /// Simple fonts: text of each byte from the encoding.
    table: Vec<Option<String>>,
    /// Composite font whose CMap is UCS-2/UTF-16: the code is the character.
    ucs2: bool,
    /// Advance of each code in text space (1/1000 em for most fonts).
    widths: HashMap<u32, f64>,
    default_width: f64,
}

/// Most entries a ToUnicode map may expand to (bounds memory on hostile files).
const MAX_CMAP_ENTRIES: usize = 200_000;

impl Font {
    fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()).unwrap_or(b"");
        let mut font = Font { composite: subtype == b"Type0", ..Font::default() };
        let mut to_unicode_space = Vec::new();
        if let Some(stream) = dict.get(b"ToUnicode").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_stream().ok()) {
            if let Ok(data) = stream.get_plain_content() {
                let cmap = parse_cmap(&data);
                font.to_unicode = cmap.map;
                to_unicode_space = cmap.code_space;
            }
        }
        if font.composite {
            match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
                Some(Object::Name(name)) => {
                    let name = String::from_utf8_lossy(name);
                    font.ucs2 = name.contains("UCS2") || name.contains("UTF16");
                }
                Some(Object::Stream(s)) => {
                    if let Ok(data) = s.get_plain_content() {
                        font.code_space = parse_cmap(&data).code_space;
                    }
                }
                _ => {}
            }
            if font.code_space.is_empty() && !font.ucs2 {
                font.code_space = to_unicode_space;
            }
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            font.default_width = descendant.and_then(|d| d.get(b"DW").ok()).and_then(num).unwrap_or(1000.0) / 1000.0;
            if let Some(w) = descendant.and_then(|d| d.get(b"W").ok()).and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
                font.widths = cid_widths(doc, w);
            }
        } else {
            font.table = simple_table(doc, dict);
            let scale = if subtype == b"Type3" {
                dict.get(b"FontMatrix")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(num)
                    .unwrap_or(0.001)
            } else {
                0.001
            };
            let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            let missing = dict
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(num);
            match dict.get(b"Widths").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
                Some(ws) => {
                    for (i, w) in ws.iter().enumerate().take(256) {
                        if let Some(w) = deref(doc, w).and_then(num) {
                            font.widths.insert(first + i as u32, w * scale);
                        }
                    }
                    font.default_width = missing.unwrap_or(0.0) * scale;
                }
                // A standard 14 font without widths: an average advance.
                None => font.default_width = missing.map(|m| m * scale).unwrap_or(0.5),
            }
        }
        font
    }

    /// Cuts a string operand into `(code, byte length)`.
    fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        if !self.composite {
            return bytes.iter().map(|&b| (u32::from(b), 1)).collect();
        }
        let mut out = Vec::with_capacity(bytes.len() / 2);
        let mut i = 0;
        while i < bytes.len() {
            let mut len = 0;
            if !self.code_space.is_empty() {
                for n in 1..=4.min(bytes.len() - i) {
                    let code = bytes[i..i + n].iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                    if self.code_space.iter().any(|&(l, lo, hi)| l == n && (lo..=hi).contains(&code)) {
                        len = n;
                        break;
                    }
                }
            }
            if len == 0 {
                len = 2.min(bytes.len() - i);
            }
            let code = bytes[i..i + len].iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            out.push((code, len));
            i += len;
        }
        out
    }

    fn text(&self, code: u32) -> Option<String> {
        if let Some(s) = self.to_unicode.get(&code) {
            return (!s.is_empty() && !s.chars().all(|c| c == '\u{fffd}')).then(|| s.clone());
        }
        if self.composite {
            return self.ucs2.then(|| char::from_u32(code).map(String::from)).flatten();
        }
        self.table.get(code as usize).cloned().flatten()
    }

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

/// The `/W` array of a CID font: `c [w1 w2 ...]` or `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_CMAP_ENTRIES {
        let Some(first) = deref(doc, &w[i]).and_then(num) else { break };
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = deref(doc, v).and_then(num) {
                        out.insert(first as u32 + k as u32, v / 1000.0);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (num(last), w.get(i + 2).and_then(|o| deref(doc, o)).and_then(num)) else {
                    break;
                };
                let (first, last) = (first as u32, last as u32);
                for c in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(c, v / 1000.0);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// The 256 codes of a simple font, from its encoding (a named base encoding
/// through lopdf's tables, then `/Differences` by glyph name).
fn simple_table(doc: &Document, dict: &Dictionary) -> Vec<Option<String>> {
    let encoding = dict.get(b"Encoding").ok().and_then(|o| deref(doc, o));
    let (base, differences) = match encoding {
        Some(Object::Name(n)) => (Some(n.clone()), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec),
            d.get(b"Differences").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()),
        ),
        _ => (None, None),
    };
    let base = match base.as_deref() {
        Some(n @ (b"WinAnsiEncoding" | b"MacRomanEncoding" | b"StandardEncoding" | b"MacExpertEncoding")) => n.to_vec(),
        // No (or an unknown) encoding: the font's built-in one, which for the
        // text fonts drafts use is close to WinAnsi.
        _ => b"WinAnsiEncoding".to_vec(),
    };
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Name(base));
    let mut table: Vec<Option<String>> = match probe.get_font_encoding(doc) {
        Ok(enc) => (0..=255u8).map(|b| enc.bytes_to_string(&[b]).ok().filter(|s| !s.is_empty() && !s.contains('\u{0}'))).collect(),
        Err(_) => (0..=255u8).map(|b| Some(char::from(b).to_string())).collect(),
    };
    if let Some(diffs) = differences {
        let mut code = 0usize;
        for d in diffs {
            match deref(doc, d) {
                Some(Object::Integer(i)) => code = (*i).clamp(0, 255) as usize,
                Some(Object::Name(n)) => {
                    if code < 256 {
                        table[code] = glyph_text(&String::from_utf8_lossy(n));
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// Text of an Adobe glyph name (`a`, `eacute`, `uni17D2`, `f_i`, `one.sc` ...).
fn glyph_text(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.contains('_') {
        return base.split('_').map(glyph_text).collect();
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len()).step_by(4).filter_map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok()).collect();
            return String::from_utf16(&units).ok();
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    if base.len() == 1 && base.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(base.to_string());
    }
    if let Some(i) = LATIN1_UPPER.iter().position(|&n| n == base) {
        return char::from_u32(0xC0 + i as u32).map(String::from);
    }
    GLYPH_NAMES.iter().find(|(n, _)| *n == base).map(|(_, t)| (*t).to_string())
}

/// Glyph names of U+00C0..U+00FF, in order.
const LATIN1_UPPER: [&str; 64] = [
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

const GLYPH_NAMES: &[(&str, &str)] = &[
    ("space", " "),
    ("nbspace", "\u{a0}"),
    ("nonbreakingspace", "\u{a0}"),
    ("exclam", "!"),
    ("quotedbl", "\""),
    ("numbersign", "#"),
    ("dollar", "$"),
    ("percent", "%"),
    ("ampersand", "&"),
    ("quotesingle", "'"),
    ("quoteright", "\u{2019}"),
    ("quoteleft", "\u{2018}"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("asterisk", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("hyphen", "-"),
    ("minus", "\u{2212}"),
    ("period", "."),
    ("slash", "/"),
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("colon", ":"),
    ("semicolon", ";"),
    ("less", "<"),
    ("equal", "="),
    ("greater", ">"),
    ("question", "?"),
    ("at", "@"),
    ("bracketleft", "["),
    ("backslash", "\\"),
    ("bracketright", "]"),
    ("asciicircum", "^"),
    ("underscore", "_"),
    ("grave", "`"),
    ("braceleft", "{"),
    ("bar", "|"),
    ("braceright", "}"),
    ("asciitilde", "~"),
    ("exclamdown", "\u{a1}"),
    ("cent", "\u{a2}"),
    ("sterling", "\u{a3}"),
    ("currency", "\u{a4}"),
    ("yen", "\u{a5}"),
    ("brokenbar", "\u{a6}"),
    ("section", "\u{a7}"),
    ("dieresis", "\u{a8}"),
    ("copyright", "\u{a9}"),
    ("ordfeminine", "\u{aa}"),
    ("guillemotleft", "\u{ab}"),
    ("logicalnot", "\u{ac}"),
    ("registered", "\u{ae}"),
    ("macron", "\u{af}"),
    ("degree", "\u{b0}"),
    ("plusminus", "\u{b1}"),
    ("twosuperior", "\u{b2}"),
    ("threesuperior", "\u{b3}"),
    ("acute", "\u{b4}"),
    ("mu", "\u{b5}"),
    ("paragraph", "\u{b6}"),
    ("periodcentered", "\u{b7}"),
    ("cedilla", "\u{b8}"),
    ("onesuperior", "\u{b9}"),
    ("ordmasculine", "\u{ba}"),
    ("guillemotright", "\u{bb}"),
    ("onequarter", "\u{bc}"),
    ("onehalf", "\u{bd}"),
    ("threequarters", "\u{be}"),
    ("questiondown", "\u{bf}"),
    ("quotesinglbase", "\u{201a}"),
    ("florin", "\u{192}"),
    ("quotedblbase", "\u{201e}"),
    ("ellipsis", "\u{2026}"),
    ("dagger", "\u{2020}"),
    ("daggerdbl", "\u{2021}"),
    ("circumflex", "\u{2c6}"),
    ("perthousand", "\u{2030}"),
    ("Scaron", "\u{160}"),
    ("guilsinglleft", "\u{2039}"),
    ("OE", "\u{152}"),
    ("Zcaron", "\u{17d}"),
    ("quotedblleft", "\u{201c}"),
    ("quotedblright", "\u{201d}"),
    ("bullet", "\u{2022}"),
    ("endash", "\u{2013}"),
    ("emdash", "\u{2014}"),
    ("tilde", "\u{2dc}"),
    ("trademark", "\u{2122}"),
    ("scaron", "\u{161}"),
    ("guilsinglright", "\u{203a}"),
    ("oe", "\u{153}"),
    ("zcaron", "\u{17e}"),
    ("Ydieresis", "\u{178}"),
    ("Euro", "\u{20ac}"),
    ("dotlessi", "\u{131}"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
];

/// A parsed CMap: code-space ranges and (for ToUnicode) code → text.
struct CMap {
    code_space: Vec<(usize, u32, u32)>,
    map: HashMap<u32, String>,
}

#[derive(Debug, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..].iter().position(|&b| b == b'>').map_or(data.len(), |p| start + p);
                let hex: Vec<u8> = data[start..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let mut bytes: Vec<u8> = hex
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).unwrap_or("0");
                        u8::from_str_radix(&format!("{s:0<2}"), 16).unwrap_or(0)
                    })
                    .collect();
                bytes.truncate(512);
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the maps we read: skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.push(Tok::Word(String::new()));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push(Tok::Word(String::from_utf8_lossy(&data[start..i]).into_owned()));
            }
        }
    }
    out
}

fn be_value(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    String::from_utf16_lossy(&units)
}

/// Destination text of a `bfrange` entry `offset` codes past its start: the
/// last UTF-16 unit is incremented.
fn range_text(dst: &[u8], offset: u32) -> Option<String> {
    let mut units: Vec<u16> = dst.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    let last = units.last_mut()?;
    *last = u16::try_from(u32::from(*last) + offset).ok()?;
    Some(String::from_utf16_lossy(&units))
}

fn parse_cmap(data: &[u8]) -> CMap {
    let toks = cmap_tokens(data);
    let mut cmap = CMap { code_space: Vec::new(), map: HashMap::new() };
    let mut i = 0;
    let word = |t: &Tok, w: &str| matches!(t, Tok::Word(s) if s == w);
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "begincodespacerange" => {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endcodespacerange") {
                    if let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) {
                        if (1..=4).contains(&lo.len()) {
                            cmap.code_space.push((lo.len(), be_value(lo), be_value(hi)));
                        }
                    }
                    i += 2;
                }
            }
            Tok::Word(w) if w == "beginbfchar" => {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endbfchar") {
                    if let (Tok::Hex(src), Tok::Hex(dst)) = (&toks[i], &toks[i + 1]) {
                        if cmap.map.len() < MAX_CMAP_ENTRIES {
                            cmap.map.insert(be_value(src), utf16_text(dst));
                        }
                    }
                    i += 2;
                }
            }
            Tok::Word(w) if w == "beginbfrange" => {
                i += 1;
                while i + 2 < toks.len() && !word(&toks[i], "endbfrange") {
                    let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                        i += 1;
                        continue;
                    };
                    let (lo, hi) = (be_value(lo), be_value(hi));
                    let hi = hi.min(lo.saturating_add(65_535));
                    match &toks[i + 2] {
                        Tok::Hex(dst) => {
                            for c in lo..=hi {
                                if cmap.map.len() >= MAX_CMAP_ENTRIES {
                                    break;
                                }
                                if let Some(t) = range_text(dst, c - lo) {
                                    cmap.map.insert(c, t);
                                }
                            }
                            i += 3;
                        }
                        Tok::Open => {
                            let mut j = i + 3;
                            let mut c = lo;
                            while j < toks.len() && toks[j] != Tok::Close {
                                if let Tok::Hex(dst) = &toks[j] {
                                    if c <= hi && cmap.map.len() < MAX_CMAP_ENTRIES {
                                        cmap.map.insert(c, utf16_text(dst));
                                    }
                                    c = c.saturating_add(1);
                                }
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => i += 3,
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    cmap
}

// ---------------------------------------------------------------------------
// The content-stream interpreter
// ---------------------------------------------------------------------------

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it.
type M = [f64; 6];
const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn matrix(ops: &[Object]) -> Option<M> {
    if ops.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (k, o) in ops.iter().take(6).enumerate() {
        m[k] = num(o)?;
    }
    Some(m)
}

/// Most content operations interpreted in one document (a bound on hostile files).
const MAX_OPERATIONS: usize = 20_000_000;
/// Deepest nesting of form XObjects.
const MAX_FORM_DEPTH: usize = 12;

/// One shown glyph (or an ActualText span), in device space.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Where the pen ends after the glyph.
    ex: f64,
    ey: f64,
    size: f64,
    /// Direction of the baseline, radians.
    angle: f64,
    text: String,
}

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

/// An open marked-content sequence.
struct Marked {
    artifact: bool,
    /// ActualText of this sequence, when it is the outermost one with ActualText.
    actual: Option<String>,
    /// First glyph position inside the span and the pen position after the last.
    start: Option<(f64, f64, f64, f64)>,
    end: (f64, f64),
}

struct Interp<'a> {
    doc: &'a Document,
    /// Fonts by the address of their dictionary in `doc`.
    fonts: HashMap<usize, Rc<Font>>,
    glyphs: Vec<Glyph>,
    budget: usize,
}

impl<'a> Interp<'a> {
    fn page(&mut self, page_id: pdf_extract::ObjectId) {
        let doc = self.doc;
        let Ok(content) = doc.get_page_content(page_id) else { return };
        let Ok(ops) = Ops::decode(&content) else { return };
        let mut resources: Vec<&'a Dictionary> = Vec::new();
        if let Ok((inline, ids)) = doc.get_page_resources(page_id) {
            resources.extend(inline);
            resources.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
        }
        let mut gs =
            GState { ctm: IDENTITY, font: None, size: 0.0, char_space: 0.0, word_space: 0.0, h_scale: 1.0, leading: 0.0, rise: 0.0 };
        self.run(&ops.operations, &resources, &mut gs, 0);
    }

    fn resource(&self, resources: &[&'a Dictionary], category: &[u8], name: &[u8]) -> Option<&'a Object> {
        let doc = self.doc;
        resources.iter().find_map(|r| {
            let cat = deref(doc, r.get(category).ok()?)?.as_dict().ok()?;
            deref(doc, cat.get(name).ok()?)
        })
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<Rc<Font>> {
        let dict = self.resource(resources, b"Font", name)?.as_dict().ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, dict));
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    fn run(&mut self, ops: &[Operation], resources: &[&'a Dictionary], gs: &mut GState, depth: usize) {
        let mut stack: Vec<GState> = Vec::new();
        let mut marked: Vec<Marked> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in ops {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let o = &op.operands;
            let n = |k: usize| o.get(k).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(g) = stack.pop() {
                        *gs = g;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(o) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    gs.font = o.first().and_then(|f| f.as_name().ok()).and_then(|name| self.font(resources, name));
                    gs.size = n(1);
                }
                "Tc" => gs.char_space = n(0),
                "Tw" => gs.word_space = n(0),
                "Tz" => gs.h_scale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.leading = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_space = n(0);
                            gs.char_space = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, gs, &mut tm, &mut marked);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, gs, &mut tm, &mut marked),
                                other => {
                                    if let Some(adj) = num(other) {
                                        let tx = -adj / 1000.0 * gs.size * gs.h_scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "BMC" | "BDC" => {
                    let tag = o.first().and_then(|t| t.as_name().ok()).unwrap_or(b"");
                    let props = if op.operator == "BDC" {
                        match o.get(1) {
                            Some(Object::Dictionary(d)) => Some(d),
                            Some(Object::Name(name)) => self.resource(resources, b"Properties", name).and_then(|p| p.as_dict().ok()),
                            _ => None,
                        }
                    } else {
                        None
                    };
                    let in_span = marked.iter().any(|m| m.actual.is_some());
                    let actual = props
                        .filter(|_| !in_span)
                        .and_then(|p| p.get(b"ActualText").ok())
                        .and_then(|a| deref(self.doc, a))
                        .and_then(|a| pdf_extract::decode_text_string(a).ok());
                    marked.push(Marked { artifact: tag == b"Artifact", actual, start: None, end: (0.0, 0.0) });
                }
                "EMC" => {
                    if let Some(m) = marked.pop() {
                        if let Some(text) = m.actual {
                            if !marked.iter().any(|k| k.artifact) {
                                let (x, y, size, angle) = m.start.unwrap_or_else(|| {
                                    let trm = mul(&tm, &gs.ctm);
                                    let size = gs.size * trm[2].hypot(trm[3]);
                                    (trm[4], trm[5], size, trm[1].atan2(trm[0]))
                                });
                                let (ex, ey) = if m.start.is_some() { m.end } else { (x, y) };
                                self.glyphs.push(Glyph { x, y, ex, ey, size, angle, text });
                            }
                        }
                    }
                }
                "Do" => {
                    if depth >= MAX_FORM_DEPTH {
                        continue;
                    }
                    let Some(name) = o.first().and_then(|t| t.as_name().ok()) else { continue };
                    let Some(Object::Stream(form)) = self.resource(resources, b"XObject", name) else { continue };
                    if form.dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) != Some(&b"Form"[..]) {
                        continue;
                    }
                    let Ok(data) = form.get_plain_content() else { continue };
                    let Ok(form_ops) = Ops::decode(&data) else { continue };
                    let mut inner: Vec<&'a Dictionary> = Vec::new();
                    if let Some(r) = form.dict.get(b"Resources").ok().and_then(|r| deref(self.doc, r)).and_then(|r| r.as_dict().ok()) {
                        inner.push(r);
                    }
                    inner.extend_from_slice(resources);
                    let mut form_gs = gs.clone();
                    let m = form
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| deref(self.doc, m))
                        .and_then(|m| m.as_array().ok())
                        .and_then(|a| matrix(a))
                        .unwrap_or(IDENTITY);
                    form_gs.ctm = mul(&m, &gs.ctm);
                    self.run(&form_ops.operations, &inner, &mut form_gs, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M, marked: &mut [Marked]) {
        let Some(font) = gs.font.clone() else { return };
        let hidden = marked.iter().any(|m| m.artifact);
        let span = marked.iter().position(|m| m.actual.is_some());
        let text_m = [gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise];
        for (code, len) in font.codes(bytes) {
            let trm = mul(&text_m, &mul(tm, &gs.ctm));
            let advance =
                (font.width(code) * gs.size + gs.char_space + if len == 1 && code == 32 { gs.word_space } else { 0.0 }) * gs.h_scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            if hidden {
                continue;
            }
            let end = mul(&text_m, &mul(tm, &gs.ctm));
            let (x, y, ex, ey) = (trm[4], trm[5], end[4], end[5]);
            let size = trm[2].hypot(trm[3]);
            let angle = trm[1].atan2(trm[0]);
            if let Some(k) = span {
                let m = &mut marked[k];
                match m.start {
                    None => {
                        m.start = Some((x, y, size, angle));
                        m.end = (ex, ey);
                    }
                    // Marks are positioned by moving the pen back: the span
                    // ends at its rightmost point along the baseline.
                    Some(_) => {
                        let (c, s) = (angle.cos(), angle.sin());
                        if ex * c + ey * s > m.end.0 * c + m.end.1 * s {
                            m.end = (ex, ey);
                        }
                    }
                }
                continue;
            }
            let Some(text) = font.text(code) else { continue };
            self.glyphs.push(Glyph { x, y, ex, ey, size, angle, text });
        }
    }
}

// ---------------------------------------------------------------------------
// Layout: glyphs → lines → paragraphs
// ---------------------------------------------------------------------------

/// One line of a page: its baseline, font size and text.
#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    text: String,
}

/// Gap between glyphs, in ems, from which a space is inserted.
const SPACE_GAP: f64 = 0.15;

fn page_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    // The dominant orientation (by visible glyphs), in quarter turns.
    let quarter = |a: f64| ((a / std::f64::consts::FRAC_PI_2).round() as i64).rem_euclid(4);
    let mut counts = [0usize; 4];
    for g in &glyphs {
        if g.text.chars().any(|c| !c.is_whitespace()) {
            counts[quarter(g.angle) as usize] += 1;
        }
    }
    let dominant = (0..4).max_by_key(|&q| (counts[q], std::cmp::Reverse(q))).unwrap_or(0);
    let theta = dominant as f64 * std::f64::consts::FRAC_PI_2;
    let (sin, cos) = theta.sin_cos();
    let rotate = |x: f64, y: f64| (x * cos + y * sin, -x * sin + y * cos);

    let mut lines: Vec<Line> = Vec::new();
    let mut pen_end = 0.0f64;
    for g in glyphs {
        let mut diff = (g.angle - theta).rem_euclid(std::f64::consts::TAU);
        if diff > std::f64::consts::PI {
            diff -= std::f64::consts::TAU;
        }
        if diff.abs() > 0.1 || g.size <= 0.0 {
            continue; // rotated text (watermarks, margin notes) or degenerate
        }
        let text: String = g.text.chars().filter(|c| !c.is_control() || *c == '\t').collect();
        if text.is_empty() {
            continue;
        }
        let (x, y) = rotate(g.x, g.y);
        let (ex, _) = rotate(g.ex, g.ey);
        let same_line = lines.last().is_some_and(|l| (l.y - y).abs() < 0.5 * l.size.max(g.size) && x > pen_end - 3.0 * l.size.max(g.size));
        if same_line {
            let line = lines.last_mut().expect("line");
            let gap = x - pen_end;
            let needs_space = gap > SPACE_GAP * line.size.max(g.size) || gap < -line.size;
            if needs_space && !line.text.ends_with(char::is_whitespace) && !text.starts_with(char::is_whitespace) {
                line.text.push(' ');
            }
            line.text.push_str(&text);
            if g.size > line.size && text.chars().any(|c| !c.is_whitespace()) {
                line.size = g.size;
            }
            // The rightmost point reached: shaping moves the pen back for marks.
            pen_end = pen_end.max(ex);
        } else {
            lines.push(Line { y, size: g.size, text });
            pen_end = ex;
        }
    }
    for l in &mut lines {
        l.text = l.text.split('\t').map(str::trim_end).collect::<Vec<_>>().join("\t").trim().to_string();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// A line holding only a page number: `12`, `- 12 -`, `Page 3 of 10`, `១២`, `ទំព័រ ៣`.
fn is_page_number(line: &str) -> bool {
    let strip = |s: &str| -> String { s.trim_matches(|c: char| c.is_whitespace() || "-–—|·•".contains(c)).to_string() };
    let mut t = strip(line);
    for prefix in ["ទំព័រទី", "ទំព័រ", "Page", "page", "PAGE", "p."] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = strip(rest);
            break;
        }
    }
    let t = t.replace(" of ", "/").replace("នៃ", "/");
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    parts.len() <= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 5 && p.chars().all(|c| c.is_ascii_digit() || ('០'..='៩').contains(&c)))
}

/// A line that continues the paragraph left open at the end of the previous page.
fn continues(prev: &str, next: &str) -> bool {
    let ends_open = !prev.trim_end().ends_with(['.', ':', ';', '!', '?', '។', '៕', '"', '”', ')']);
    ends_open && next.chars().next().is_some_and(char::is_lowercase)
}

/// The document's usual line step, in ems: the smallest distance between
/// consecutive lines that occurs repeatedly. Paragraph spacing and blank lines
/// make larger gaps, whatever the font's line height (Khmer fonts are tall).
fn line_step(ratios: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = ratios.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let support = (v.len() / 10).max(2).min(v.len());
    v.iter().copied().find(|&r| v.iter().filter(|&&x| x >= r && x <= r * 1.08).count() >= support)
}

/// Groups the lines of all pages into paragraphs (lines joined with `\n`).
fn paragraphs(pages: &[Vec<Line>]) -> Vec<String> {
    // Drop page numbers among the first and last two lines of each page.
    let pages: Vec<Vec<&Line>> = pages
        .iter()
        .map(|lines| {
            let n = lines.len();
            lines.iter().enumerate().filter(|(i, l)| !((*i < 2 || *i + 2 >= n) && is_page_number(&l.text))).map(|(_, l)| l).collect()
        })
        .collect();
    let ratio = |a: &Line, b: &Line| (a.y - b.y) / a.size.max(b.size);
    let ratios: Vec<f64> = pages.iter().flat_map(|p| p.windows(2).map(|w| ratio(w[0], w[1]))).filter(|&r| r > 0.2 && r < 6.0).collect();
    let step = line_step(&ratios);

    let mut out: Vec<String> = Vec::new();
    for page in &pages {
        let mut current: Vec<&str> = Vec::new();
        for (i, line) in page.iter().enumerate() {
            let breaks = match i.checked_sub(1).map(|k| page[k]) {
                None => true,
                Some(prev) => {
                    let r = ratio(prev, line);
                    let sizes = prev.size.max(line.size) / prev.size.min(line.size).max(0.01);
                    r <= 0.2 || sizes > 1.2 || step.map_or(r > 1.9, |s| r > 1.3 * s)
                }
            };
            if breaks && !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
            if i == 0 {
                if let Some(last) = out.last_mut() {
                    if continues(last, &line.text) {
                        last.push('\n');
                        last.push_str(&line.text);
                        continue;
                    }
                }
            }
            current.push(&line.text);
        }
        if !current.is_empty() {
            out.push(current.join("\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/pdf/", $name))
        };
    }

    fn texts(ing: &Ingested) -> Vec<String> {
        match &ing.content {
            Content::Blocks(b) => b.iter().map(|b| b.text.clone()).collect(),
            Content::Tree(_) => panic!("expected blocks"),
        }
    }

    #[test]
    fn damaged_pdf_is_not_called_scanned() {
        // Found by the fuzzer: a PDF with a dangling object reference.
        let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/ingest_pdf/caught-panic-missing-object.pdf"));
        match read(bytes) {
            Err(IngestError::BadPdf(msg)) => assert!(msg.contains("damaged"), "{msg}"),
            other => panic!("{:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn english_pdf_paragraphs() {
        let ing = read(fixture!("en.pdf")).unwrap();
        assert_eq!(ing.format, Format::Pdf);
        assert_eq!(
            texts(&ing),
            vec![
                "DRAFT LAW ON PUBLIC CONSULTATION",
                "Chapter 1\nGeneral Provisions",
                "Article 1. Purpose\n(1) This law sets out how ministries publish the drafts of laws for public\nconsultation before the drafts are adopted.\n(2) It applies to every draft law and every draft regulation.",
                "Article 2. Definitions\nIn this law, \"draft\" means any version of a bill that a ministry circulates\noutside the government.",
                "Article 3. Time limits\n(1) A draft shall be published at least thirty days before its adoption.\n(2) Comments may be sent by post or by e-mail.",
            ]
        );
        assert_eq!(ing.notes, vec!["Read 2 pages of text.".to_string()]);
    }

    #[test]
    fn khmer_pdf_comes_out_as_khmer_unicode() {
        let ing = read(fixture!("km.pdf")).unwrap();
        let t = texts(&ing);
        assert!(t.iter().any(|b| b.contains("មាត្រា")), "{t:?}");
        // Exactly the text of tools/make_fixtures.py (KM_PAGE), page number dropped.
        assert_eq!(
            t,
            vec![
                "សេចក្តីព្រាងច្បាប់ស្តីពីការពិគ្រោះយោបល់សាធារណៈ",
                "ជំពូកទី ១ បទប្បញ្ញត្តិទូទៅ",
                "មាត្រា ១ គោលបំណង\nច្បាប់នេះមានគោលបំណងកំណត់នីតិវិធីនៃការបោះពុម្ពផ្សាយសេចក្តីព្រាងច្បាប់។",
                "មាត្រា ២ វិសាលភាព\nច្បាប់នេះអនុវត្តចំពោះក្រសួង និងស្ថាប័នសាធារណៈទាំងអស់។",
                "ជំពូកទី ២ អវសានបញ្ញត្តិ",
                "មាត្រា ៣ ការចូលជាធរមាន\nច្បាប់នេះត្រូវប្រកាសឱ្យប្រើជាការបន្ទាន់។",
            ]
        );
        assert_eq!(ing.notes, vec!["Read 1 page of text.".to_string()]);
    }

    #[test]
    fn scanned_pdf_has_no_text_layer() {
        let err = read(fixture!("scanned.pdf")).unwrap_err();
        assert!(matches!(err, IngestError::NoTextLayer), "{err:?}");
    }

    #[test]
    fn truncated_pdf_is_bad() {
        let err = read(fixture!("truncated.pdf")).unwrap_err();
        assert!(matches!(err, IngestError::BadPdf(_)), "{err:?}");
    }

    #[test]
    fn password_protected_pdf_is_bad() {
        let err = read(fixture!("encrypted.pdf")).unwrap_err();
        assert!(matches!(err, IngestError::BadPdf(_)), "{err:?}");
        assert!(err.to_string().contains("password"), "{err}");
    }

    #[test]
    fn garbage_after_header_is_bad_not_a_panic() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        let err = read(&bytes).unwrap_err();
        assert!(matches!(err, IngestError::BadPdf(_)), "{err:?}");
    }

    #[test]
    fn page_numbers() {
        for s in ["12", "- 12 -", "— 3 —", "Page 3 of 10", "page 4", "១២", "- ១ -", "ទំព័រ ៣", "3/10"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["Article 12", "12.", "(1)", "2025-2030", "123456", ""] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn cmap_parsing() {
        let data = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <179817B6> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0066006C> <D835DC00>] endbfrange
            endcmap";
        let cmap = parse_cmap(data);
        assert_eq!(cmap.code_space, vec![(2, 0, 0xFFFF)]);
        assert_eq!(cmap.map[&3], " ");
        assert_eq!(cmap.map[&0x10], "មា");
        assert_eq!(cmap.map[&0x21], "B");
        assert_eq!(cmap.map[&0x22], "C");
        assert_eq!(cmap.map[&0x30], "fl");
        assert_eq!(cmap.map[&0x31], "\u{1D400}");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_text("uni17D2").as_deref(), Some("\u{17D2}"));
        assert_eq!(glyph_text("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_text("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_text("quotedblright").as_deref(), Some("”"));
        assert_eq!(glyph_text("g123"), None);
    }

    fn line(y: f64, text: &str) -> Line {
        Line { y, size: 10.0, text: text.to_string() }
    }

    #[test]
    fn paragraphs_from_gaps_and_across_pages() {
        let pages = vec![
            vec![
                line(800.0, "3"),
                line(780.0, "Article 1"),
                line(768.0, "The minister shall publish"),
                line(756.0, "each draft."),
                line(730.0, "Article 2"),
                line(718.0, "A draft is published on the"),
                line(40.0, "- 3 -"),
            ],
            vec![line(800.0, "website of the ministry."), line(774.0, "Article 3")],
        ];
        assert_eq!(
            paragraphs(&pages),
            vec![
                "Article 1\nThe minister shall publish\neach draft.",
                "Article 2\nA draft is published on the\nwebsite of the ministry.",
                "Article 3",
            ]
        );
    }
}
