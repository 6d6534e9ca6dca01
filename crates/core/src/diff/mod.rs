//! Word-level comparison of two clause texts, and what the changes mean.
//!
//! The alignment ([`crate::align`]) decides which clause of one version became
//! which clause of the next; this module compares the texts of a matched pair
//! ([`compare()`] runs both), so it depends on `align` and never the reverse. It is
//! shaped by what a reader of a redline needs:
//! - **Tokens, not characters** ([`tokenize`]): words from Unicode word
//!   segmentation (ICU4X, whose dictionary segmenter splits unspaced Khmer into
//!   words), with every whitespace run and punctuation mark a token of its own,
//!   so an edit never starts or ends inside a word and a moved comma is not a
//!   changed word.
//! - **A readable redline** ([`diff_texts`]): Myers over tokens with a deadline
//!   (a pathological clause never hangs the app), then a semantic cleanup that
//!   joins the pieces of one rewording into one deletion and one insertion.
//! - **Meaning before appearance**: each edit is *cosmetic* (whitespace,
//!   punctuation, case, digit script, typographic quotes, a renumbered
//!   cross-reference) or *substantive*, and substantive edits that touch an
//!   operative word (shall, may, permission, register ... and their Khmer
//!   equivalents: a data file, `data/operative-words.txt`) are flagged, so the
//!   reader starts with what changes rights and duties.
//! - **Cheap to ask** ([`similarity`]): the same similarity without building
//!   the redline, for callers that weigh candidate texts (an annotation's
//!   successor clause, a scorecard's enacted wording). The alignment has its
//!   own, cheaper measure over hashed features ([`crate::align`]).
//!
//! The JSON shapes of a comparison are in [`report`]; the documents made
//! from them (text, HTML, DOCX, PDF) in [`crate::render`].
//!
//! Inside, dependencies go one way: `tokens` ← `script` (the two sides of a
//! diff and its segments) ← `classify`, `cleanup` ← `words` ← `compare`.

mod classify;
mod cleanup;
pub mod compare;
pub mod report;
mod script;
pub(crate) mod tokens;
mod words;

pub use compare::compare;
pub use tokens::tokenize;
pub use words::{diff_texts, similarity, EditCounts, TextDiff, DEADLINE};

#[cfg(test)]
mod tests;
