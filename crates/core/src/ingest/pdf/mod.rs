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
//!
//! The parts: `fonts` (what a font's codes mean and how far they advance),
//! `cmap` (CMap files: code spaces and ToUnicode maps), `glyphs` (Adobe
//! glyph names → text), `interp` (the content-stream interpreter: pages →
//! positioned glyphs) and `layout` (glyphs → lines → paragraphs).

mod cmap;
mod fonts;
mod glyphs;
mod interp;
mod layout;

use super::{Block, Content, Format, IngestError, Ingested, Result};
use interp::{Interp, MAX_OPERATIONS};
use layout::{is_page_number, page_lines, paragraphs, Line};
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

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
}
