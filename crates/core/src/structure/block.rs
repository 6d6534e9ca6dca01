//! The block: one paragraph of a source file, in reading order, with the few
//! style hints a format gives. Importers (`crate::ingest`) produce blocks; the
//! grammar ([`super::parse`]) turns them into the provision tree. The type lives
//! here, on the consuming side, so that `ingest` depends on `structure` and not
//! the other way round.

use serde::{Deserialize, Serialize};

/// What a block is, as far as the source format tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockRole {
    /// An ordinary paragraph (or a heading, see [`Block::heading_level`]).
    #[default]
    Body,
    /// A table row, cells joined by " | ".
    TableRow,
    /// A footnote or endnote body, text starting with its marker (`[1] ...`).
    Note,
}

/// One paragraph of the source, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Block {
    /// The paragraph's text as displayed (no trailing newline; inner line breaks
    /// are kept as `\n`). A list number produced by the format itself (Word's
    /// automatic numbering) is already prefixed here, followed by a space or tab.
    pub text: String,
    /// Heading level from the format (Markdown `#`, DOCX `Heading N`, HTML `hN`), 1 = top.
    /// A hint only: the structure grammar decides what a heading is.
    pub heading_level: Option<u8>,
    /// The automatic list number that was prefixed to `text`, if any (e.g. `Article 5.`).
    pub list_number: Option<String>,
    /// Whole paragraph in bold (a common way drafts mark headings).
    pub bold: bool,
    /// What the block is.
    pub role: BlockRole,
}

impl Block {
    /// A body paragraph with no style hints.
    pub fn plain(text: impl Into<String>) -> Block {
        Block { text: text.into(), ..Block::default() }
    }
}
