//! DOCX (Office Open XML word-processing) reader.
//!
//! Drafts of laws number their articles and paragraphs with Word's automatic
//! numbering, so the printed numbers ("Article 5.", "(1)", "(a)") exist only as
//! the result of a computation over `numbering.xml` and `styles.xml`. This
//! reader redoes that computation and prefixes each paragraph with the number
//! Word would print; the structure grammar then sees the same text a reader sees.
//!
//! What is read: body paragraphs and tables in order, text boxes (after the
//! paragraph that anchors them), footnotes and endnotes (as `[N]` markers and
//! trailing note blocks), tracked changes taken as accepted, the title from
//! `docProps/core.xml` and the default language from `styles.xml`. Headers,
//! footers, comments' text, field codes and hidden text are ignored.
//!
//! Safety: members are inflated through [`crate::ingest::limits::read_capped`] under a
//! per-member and a per-document budget, members that compress implausibly well
//! are refused as zip bombs, XML nesting is bounded, and a `<!DOCTYPE` is an
//! error, so no entity is ever expanded and nothing is fetched.
//!
//! The reader's parts, in the order a document goes through them: `package`
//! (the zip archive and its relationships), `part` (one XML part → a small
//! element tree), `styles` (paragraph styles and the declared language),
//! `numbering` (Word's list definitions and number formats) and `walker`
//! (the body in reading order → blocks, with list numbers and notes).

mod numbering;
mod package;
mod part;
mod styles;
mod walker;

use super::{Block, BlockRole, Content, Format, IngestError, Ingested, Result};
use crate::text::{collapse_ws, plural};
use numbering::Numbering;
use package::Package;
use part::{keep_w_text, parse_xml};
use styles::{pick_lang, Styles};
use walker::{notes_by_id, Item, NoteKind, Walker};

/// Reads a DOCX file.
pub fn read(bytes: &[u8]) -> Result<Ingested> {
    let mut pkg = Package::open(bytes)?;

    let main = pkg.main_part()?;
    let doc_xml = pkg.read(&main)?.ok_or_else(|| missing_document(&main))?;
    let document = parse_xml(&main, &doc_xml, keep_w_text)?;
    drop(doc_xml);

    let rels = pkg.rels_of(&main)?;
    let part = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.rsplit('/').next() == Some(kind))
            .map(|(_, target)| target.clone())
            .unwrap_or_else(|| default.to_string())
    };
    let styles_el = pkg.parse_optional(&part("styles", "word/styles.xml"), keep_w_text)?;
    let numbering_el = pkg.parse_optional(&part("numbering", "word/numbering.xml"), keep_w_text)?;
    let footnotes_el = pkg.parse_optional(&part("footnotes", "word/footnotes.xml"), keep_w_text)?;
    let endnotes_el = pkg.parse_optional(&part("endnotes", "word/endnotes.xml"), keep_w_text)?;
    let comments_el = pkg.parse_optional(&part("comments", "word/comments.xml"), keep_w_text)?;
    let core_name = pkg
        .rels_of("")?
        .into_iter()
        .find(|(t, _)| t.ends_with("/core-properties"))
        .map(|(_, target)| target)
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    let core_el = pkg.parse_optional(&core_name, |_| true)?;

    let styles = styles_el.as_ref().map(Styles::from_xml).unwrap_or_default();
    let numbering = numbering_el.as_ref().map(Numbering::from_xml).unwrap_or_default();
    let footnotes = notes_by_id(footnotes_el.as_ref(), "footnote");
    let endnotes = notes_by_id(endnotes_el.as_ref(), "endnote");

    let body = document.child("body").ok_or_else(|| IngestError::CorruptDocx(format!("{main} has no w:body element")))?;

    let mut walker = Walker::new(&styles, &numbering, &footnotes, &endnotes);
    let mut items = Vec::new();
    walker.blocks(body, &mut items);

    let mut blocks: Vec<Block> = items.into_iter().map(Item::into_block).collect();
    let mut i = 0;
    while i < walker.note_refs.len() {
        let (kind, id) = walker.note_refs[i].clone();
        i += 1;
        let table = if kind == NoteKind::Foot { walker.footnotes } else { walker.endnotes };
        let Some(note) = table.get(&id).copied() else { continue };
        let mut parts = Vec::new();
        walker.blocks(note, &mut parts);
        let text = parts.iter().map(Item::text).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
        blocks.push(Block {
            text: if text.is_empty() { format!("[{i}]") } else { format!("[{i}] {text}") },
            role: BlockRole::Note,
            ..Block::default()
        });
    }

    let mut notes = Vec::new();
    if walker.insertions + walker.deletions > 0 {
        notes.push(format!(
            "The document had tracked changes ({}, {}); they were taken as accepted.",
            plural(walker.insertions, "insertion", "insertions"),
            plural(walker.deletions, "deletion", "deletions"),
        ));
    }
    if walker.skipped_toc {
        notes.push("A table of contents was skipped.".to_string());
    }
    if let Some(comments) = &comments_el {
        let n = comments.children().filter(|c| c.is("comment")).count();
        match n {
            0 => {}
            1 => notes.push("1 comment was ignored.".to_string()),
            n => notes.push(format!("{n} comments were ignored.")),
        }
    }

    let title =
        core_el.as_ref().and_then(|c| c.children().find(|e| e.local == "title")).map(|t| collapse_ws(&t.text())).filter(|t| !t.is_empty());
    let lang = pick_lang(&styles, &blocks);

    Ok(Ingested { format: Format::Docx, content: Content::Blocks(blocks), notes, title, lang })
}

fn missing_document(main: &str) -> IngestError {
    IngestError::CorruptDocx(format!(
        "{main} is missing: the file is a zip archive but not a Word document (or the document part was lost)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/docx/", $name))
        };
    }

    fn blocks(ing: &Ingested) -> &[Block] {
        match &ing.content {
            Content::Blocks(b) => b,
            Content::Tree(_) => panic!("expected blocks"),
        }
    }

    fn texts(ing: &Ingested) -> Vec<&str> {
        blocks(ing).iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn numbered_english_draft() {
        let ing = read(fixture!("numbered-en.docx")).unwrap();
        assert_eq!(ing.format, Format::Docx);
        assert_eq!(
            texts(&ing),
            vec![
                "Draft Law on Public Consultation",
                "Chapter 1: General Provisions",
                "Article 1. Purpose",
                "(1) This law sets out how ministries publish the drafts of laws for consultation.",
                "(2) Every ministry shall publish its drafts[1].",
                "Article 2. Definitions",
                "(1) In this law:",
                "(a) “draft” means any version of a bill;",
                "(b) “ministry” means a ministry or a state secretariat.",
                "(2) Terms not defined here have their ordinary meaning.",
                "Term | Meaning",
                "Draft | A version of a bill.",
                "Ministry | A ministry. A state secretariat.",
                "Chapter 2: Publication",
                "Article 3. Time limits",
                "(1) A draft shall be published at least thirty days before its adoption.",
                "(2) Comments may be sent by post or by e-mail[2].",
                "Article 4. Entry into force",
                "This law enters into force on the day after its publication.",
                "Done at Phnom Penh,\t1 March 2025",
                "[1] See the Law on the Publication of Legal Acts of 2019.",
                "[2] Including any address the ministry publishes on its website.",
            ]
        );
        let b = blocks(&ing);
        // Headings: Title and Heading1 → 1, Heading2 → 2.
        assert_eq!(b[0].heading_level, Some(1));
        assert_eq!(b[1].heading_level, Some(1));
        assert_eq!(b[2].heading_level, Some(2));
        assert_eq!(b[3].heading_level, None);
        assert_eq!(b[2].list_number.as_deref(), Some("Article 1."));
        assert_eq!(b[14].list_number.as_deref(), Some("Article 3."));
        assert_eq!(b[3].list_number.as_deref(), Some("(1)"));
        assert_eq!(b[7].list_number.as_deref(), Some("(a)"));
        assert_eq!(b[0].list_number, None);
        // Bold: from the heading style, and from run properties.
        assert!(b[1].bold && b[2].bold);
        assert!(!b[3].bold);
        assert!(b[19].bold, "whole-paragraph bold run");
        assert!(b[10].role == BlockRole::TableRow && b[12].role == BlockRole::TableRow);
        assert!(b[20].role == BlockRole::Note && b[21].role == BlockRole::Note);
        assert_eq!(b[3].role, BlockRole::Body);
        // Tracked changes accepted: "thirty" inserted, "fifteen" deleted.
        let all = texts(&ing).join("\n");
        assert!(all.contains("thirty") && !all.contains("fifteen"));
        assert_eq!(
            ing.notes,
            vec![
                "The document had tracked changes (1 insertion, 1 deletion); they were taken as accepted.".to_string(),
                "1 comment was ignored.".to_string(),
            ]
        );
        assert!(!all.contains("consultation portal"), "comment text is not document text");
        assert_eq!(ing.title.as_deref(), Some("Draft Law on Public Consultation"));
        assert_eq!(ing.lang.as_deref(), Some("en"));
    }

    const KM_TITLE: &str = "សេចក្តីព្រាងច្បាប់ស្តីពីការពិគ្រោះយោបល់សាធារណៈ";

    #[test]
    fn khmer_draft_text_is_exact() {
        let ing = read(fixture!("khmer.docx")).unwrap();
        assert_eq!(
            texts(&ing),
            vec![
                KM_TITLE,
                "ជំពូកទី ១ បទប្បញ្ញត្តិទូទៅ",
                "មាត្រា ១ គោលបំណង",
                "ច្បាប់នេះមានគោលបំណងកំណត់នីតិវិធីនៃការបោះពុម្ពផ្សាយសេចក្តីព្រាងច្បាប់។",
                "មាត្រា ២ វិសាលភាព",
                "ច្បាប់នេះអនុវត្តចំពោះក្រសួង និងស្ថាប័នសាធារណៈទាំងអស់។",
                "ជំពូកទី ២ អវសានបញ្ញត្តិ",
                "មាត្រា ៣ ការចូលជាធរមាន",
                "ច្បាប់នេះត្រូវប្រកាសឱ្យប្រើជាការបន្ទាន់។",
            ]
        );
        let b = blocks(&ing);
        assert_eq!(b[1].heading_level, Some(1));
        assert_eq!(b[2].heading_level, Some(2));
        assert_eq!(b[2].list_number, None, "Khmer headings are typed, not numbered");
        assert_eq!(ing.lang.as_deref(), Some("km"));
        assert_eq!(ing.title.as_deref(), Some(KM_TITLE));
        assert!(ing.notes.is_empty());
    }

    #[test]
    fn truncated_docx_is_corrupt() {
        let err = read(fixture!("truncated.docx")).unwrap_err();
        assert!(matches!(err, IngestError::CorruptDocx(_)), "{err:?}");
        assert!(err.to_string().contains("truncated"), "{err}");
    }

    #[test]
    fn zip_bomb_is_refused() {
        let bytes = fixture!("bomb.docx");
        assert!(bytes.len() < 2 * 1024 * 1024);
        let err = read(bytes).unwrap_err();
        assert!(matches!(err, IngestError::ZipBomb { .. }), "{err:?}");
    }

    #[test]
    fn zip_without_document_is_corrupt() {
        let err = read(fixture!("not-a-docx.zip")).unwrap_err();
        assert!(matches!(err, IngestError::CorruptDocx(_)), "{err:?}");
        assert!(err.to_string().contains("word/document.xml"), "{err}");
    }

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn implausible_compression_ratio_is_a_bomb() {
        let spaces = vec![b' '; 8 * 1024 * 1024];
        let bytes = zip_of(&[("word/document.xml", &spaces)]);
        assert!(bytes.len() < 100_000);
        match read(&bytes).unwrap_err() {
            IngestError::ZipBomb { limit } => assert!(limit < 8 * 1024 * 1024, "{limit}"),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn doctype_in_a_part_and_other_office_files_are_refused() {
        let xxe = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
        let err = read(&zip_of(&[("word/document.xml", xxe)])).unwrap_err();
        assert!(matches!(err, IngestError::BadXml(_)), "{err:?}");
        let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let err = read(&zip_of(&[("_rels/.rels", rels), ("xl/workbook.xml", b"<workbook/>")])).unwrap_err();
        assert!(err.to_string().contains("xl/workbook.xml"), "{err}");
    }

    #[test]
    fn minimal_document_without_optional_parts() {
        let doc = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Only text &amp; more</w:t></w:r></w:p></w:body></w:document>"#;
        let ing = read(&zip_of(&[("word/document.xml", doc)])).unwrap();
        assert_eq!(texts(&ing), vec!["Only text & more"]);
        assert!(ing.notes.is_empty() && ing.title.is_none() && ing.lang.is_none());
    }
}
