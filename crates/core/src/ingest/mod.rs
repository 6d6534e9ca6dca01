//! Ingest: a file's bytes → ordered [`Block`]s (or, for structured XML, a ready
//! provision tree), plus an import report.
//!
//! Why this shape: every source format is reduced to the same small vocabulary
//! (a paragraph of text and a few style hints) so that one structure grammar
//! (`crate::structure`) serves txt, Markdown, DOCX, HTML and PDF alike. Formats
//! that already carry the hierarchy (Akoma Ntoso, USLM) skip the grammar and give
//! the tree directly, keeping their own eIds.
//!
//! Every reader works on an in-memory byte slice whose size was checked by the
//! caller ([`MAX_FILE_BYTES`]); archive members and XML are read with their own
//! limits (see [`limits`]). No reader touches the network or the file system.

pub mod akn;
pub mod docx;
pub mod html;
pub mod limits;
pub mod pdf;
pub mod text;
pub mod xml;

use crate::structure::Node;
pub use crate::structure::{Block, BlockRole};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest file Draftwatch imports: 64 MiB. The largest real bill we know of
/// (US H.R. 2029 enrolled, XML) is 4.2 MB; a 200 MB "draft" is refused before a
/// byte of it is read, so memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A source format Draftwatch can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (UTF-8, or UTF-16 with a byte-order mark).
    Txt,
    /// Markdown (read as text; `#` headings are hints).
    Md,
    /// Office Open XML word-processing document.
    Docx,
    /// HTML.
    Html,
    /// PDF with a text layer.
    Pdf,
    /// Akoma Ntoso (incl. UK Lawmaker, LegalDocML.de) or US USLM XML.
    Akn,
}

impl Format {
    /// The name used on the command line and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Akn => "akn",
        }
    }

    /// Parses a `--format` value (`auto` is handled by the caller).
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Txt,
            "md" | "markdown" => Format::Md,
            "docx" => Format::Docx,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "akn" | "xml" | "uslm" => Format::Akn,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The content an importer produced.
#[derive(Debug, Clone)]
pub enum Content {
    /// Paragraphs, to be structured by the grammar.
    Blocks(Vec<Block>),
    /// A finished provision tree (the top-level nodes), from structured XML.
    Tree(Vec<Node>),
}

/// An importer's result.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The format that was read.
    pub format: Format,
    /// Blocks or a tree.
    pub content: Content,
    /// Sentences for the import report ("3 tracked changes were accepted ...").
    pub notes: Vec<String>,
    /// Title found in the document's metadata, if any.
    pub title: Option<String>,
    /// Language declared by the document (`en`, `km`, `de`, ...), if any.
    pub lang: Option<String>,
}

impl Ingested {
    /// Blocks with no notes or metadata.
    pub fn blocks(format: Format, blocks: Vec<Block>) -> Ingested {
        Ingested { format, content: Content::Blocks(blocks), notes: Vec::new(), title: None, lang: None }
    }
}

pub use crate::error::IngestError;

/// Result alias for ingest.
pub type Result<T> = std::result::Result<T, IngestError>;

/// Guesses the format from the content (magic bytes and the first elements),
/// using the file name's extension only to tell Markdown from plain text.
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Result<Format> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.starts_with(b"%PDF-") || find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Format::Docx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(IngestError::Unrecognised(
            "this is a legacy Word .doc (or other OLE) file; open it in Word or LibreOffice and save it as .docx".into(),
        ));
    }
    let ext = file_name.and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())).unwrap_or_default();
    // Text-like: decide by the first markup we see, after an optional BOM.
    let head = text::decode_head(bytes);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    let lower: String = trimmed.chars().take(2048).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Ok(Format::Html);
    }
    if lower.starts_with('<') {
        if lower.contains("<akomantoso")
            || lower.contains("<bill")
            || lower.contains("<resolution")
            || lower.contains("<uscdoc")
            || lower.contains("<lawdoc")
            || lower.contains("<pllaw")
            || lower.contains("<amendment")
        {
            return Ok(Format::Akn);
        }
        if lower.contains("<html") || lower.contains("<body") || lower.contains("<p>") || lower.contains("<pre") {
            return Ok(Format::Html);
        }
        if lower.starts_with("<?xml") {
            return Ok(Format::Akn);
        }
    }
    if looks_binary(bytes) {
        return Err(IngestError::Unrecognised("the file is binary data, not text, DOCX, PDF, HTML or XML".into()));
    }
    if matches!(ext.as_str(), "md" | "markdown") {
        return Ok(Format::Md);
    }
    if matches!(ext.as_str(), "htm" | "html") {
        return Ok(Format::Html);
    }
    Ok(Format::Txt)
}

/// Reads `bytes` as `format`.
pub fn read(bytes: &[u8], format: Format) -> Result<Ingested> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge { size: bytes.len() as u64, max: MAX_FILE_BYTES });
    }
    let ingested = match format {
        Format::Txt | Format::Md => text::read(bytes, format)?,
        Format::Docx => docx::read(bytes)?,
        Format::Html => html::read(bytes)?,
        Format::Pdf => pdf::read(bytes)?,
        Format::Akn => akn::read(bytes)?,
    };
    let empty = match &ingested.content {
        Content::Blocks(b) => b.iter().all(|b| b.text.trim().is_empty()),
        Content::Tree(t) => t.is_empty(),
    };
    if empty {
        return Err(IngestError::NoText);
    }
    Ok(ingested)
}

/// True when the bytes hold control characters that text never has (NUL and
/// friends), in the first 8 KiB, ignoring UTF-16 (which has a BOM and is checked first).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let bad = head.iter().filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B).count();
    bad > 0 && bad * 100 >= head.len().max(1) || head.contains(&0)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
