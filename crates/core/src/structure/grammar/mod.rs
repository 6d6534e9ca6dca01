//! The heading grammar: recognises the start of a provision in one line of text.
//!
//! Pure functions on a line; the tree is built in [`super::parse`]. The grammar is
//! textual only: formatting hints (Markdown `#`, Word heading styles) never change
//! what a line is, so the same draft gives the same tree in every format.
//!
//! A line starts a provision when it begins with
//! - a **keyword and a number**: `Chapter 2`, `CHAPTER II`, `ជំពូកទី ២`, `Article 5`,
//!   `Art. 5.`, `ARTICLE V`, `មាត្រា ៥`, `§ 20a`, `§§ 3 bis 6`, `SEC. 101.`, `Section 4`,
//!   `Part 1`, `TITLE I`, `Abschnitt 2`, `ផ្នែកទី ១`, `Annex I`, with the number in words
//!   too (`Chapter Twenty-One`, `ជំពូកទីមួយ`; Khmer words only after `ទី`) ...; the rest of the line is
//!   a heading (`- Registration`, `: Registration`, `Registration`), body text after a
//!   separator (`Art. 5. The Ministry shall ...`, `មាត្រា ៥ ៖ ... ។`), or nothing. Without
//!   a separator the rest must look like a heading, so a wrapped sentence that begins
//!   "Article 12 shall apply" is text, not a new article;
//! - a bare Roman numeral and a dash (`I. - Die Grundrechte`): a chapter;
//! - a **list marker**: `(1)`, `1.`, `1)`, `(១)`, `១.`, `(a)`, `a)`, `(ក)`, `ក.`, `(i)`, `(A)`.
//!
//! OCR noise is tolerated: a stray dot inside a number (`មាត្រា ៣.០`) is resolved by
//! the parser against the sequence; "new" markers (`ថ្មី`, `(new)`) after the number are
//! kept in the printed number.
//!
//! `keywords.rs` reads keyword, German-ordinal and Roman-numeral headings with
//! their numbers; `markers.rs` reads list markers.

use super::node::Kind;

mod keywords;
mod markers;

pub use keywords::looks_like_heading;
use keywords::{folded_prefix, german_ordinal_heading, keyword_heading, roman_dash_heading};
pub use markers::marker;

/// What a keyword introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A grouping provision of this kind.
    Group(Kind),
    /// "Section": a group in article-based laws, the clause in section-based ones.
    Section,
    /// A clause (article, §, US "SEC.").
    Clause(Kind),
    /// An annex or schedule.
    Annex,
}

/// A recognised provision heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// What it introduces.
    pub target: Target,
    /// The number as printed (with any "new" marker), if any.
    pub num: Option<String>,
    /// Canonical value of the number.
    pub value: Option<String>,
    /// Heading text on the same line.
    pub heading: Option<String>,
    /// Body text on the same line (after a separator).
    pub body: Option<String>,
}

/// Bracketing of a list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bracket {
    /// `(1)`
    Paren,
    /// `1)`
    Right,
    /// `1.`
    Dot,
}

/// Symbol family of a list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// 1, 2, 3 (either script)
    Digit,
    /// a, b, c
    Lower,
    /// A, B, C
    Upper,
    /// i, ii, iii
    LowerRoman,
    /// I, II, III
    UpperRoman,
    /// ក, ខ, គ
    Khmer,
}

/// A list marker at the start of a line: parts of that line, borrowed (the
/// parser asks of most lines whether they start with a marker, and copies only
/// what it keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker<'a> {
    /// The marker as printed, e.g. `(1)`, `(ក)`, `b)`.
    pub printed: &'a str,
    /// The marker's symbol without brackets.
    pub symbol: &'a str,
    /// Bracketing.
    pub bracket: Bracket,
    /// Family; for a lone `i`/`v`/`x` the parser may re-read it as a letter.
    pub family: Family,
    /// The rest of the line.
    pub body: &'a str,
}

/// Recognises a provision heading at the start of `line` (already trimmed).
///
/// Called for every line of a draft, and most lines are prose: each of the three
/// grammars below first rejects a line on its first characters (a keyword's
/// initial, a German ordinal's `t`, a Roman numeral's capital) before it reads
/// any further.
pub fn heading(line: &str) -> Option<Heading> {
    if let Some(h) = keyword_heading(line) {
        return Some(h);
    }
    german_ordinal_heading(line).or_else(|| roman_dash_heading(line))
}

/// Preamble keywords at the start of a line.
pub fn is_preamble(line: &str) -> bool {
    let l = line.trim_end_matches([':', '.']).trim().to_lowercase();
    matches!(l.as_str(), "preamble" | "präambel" | "បុព្វកថា" | "recitals" | "whereas")
}

/// Signature-block openers (after the last clause).
pub fn is_signature(line: &str) -> bool {
    const OPENERS: &[&str] = &[
        "done at ",
        "done in ",
        "given at ",
        "signed at ",
        "in witness whereof",
        "phnom penh, ",
        "ធ្វើនៅ",
        "ធ្វើនៅរាជធានីភ្នំពេញ",
        "រាជធានីភ្នំពេញ ថ្ងៃ",
        "for the european parliament",
    ];
    // No opener is longer than 40 characters: comparing the lower-cased start
    // as it is read is the same as comparing the first 40, lower-cased.
    OPENERS.iter().any(|o| folded_prefix(line, o).is_some())
}

#[cfg(test)]
mod tests;
