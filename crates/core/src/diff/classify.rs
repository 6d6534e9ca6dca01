//! What an edit means: cosmetic, a renumbered cross-reference, or substantive;
//! and whether it touches an operative word.
//!
//! An edit is **cosmetic** when its two sides have the same *key*: the text
//! in display normalisation with whitespace, invisible characters and
//! punctuation (straight and typographic quotes included) dropped, digits of
//! any script read as ASCII, letters lower-cased, and the Khmer subscript DA
//! (`្ដ`) read as subscript TA (`្ត`), the commonest Khmer spelling variant
//! (`សេចក្តី` / `សេចក្ដី`).
//!
//! A one-letter slip inside one English word (`awareness` → `awarness`) is
//! cosmetic too (see [`is_typo`] for the guards), and so is a number that
//! is only written another way: spelt out for digits (`thirty days` → `30
//! days`, `សាមសិប ថ្ងៃ` → `៣០ ថ្ងៃ`), or its words dropped or added beside the
//! same number in digits (`thirty (30) days` → `30 days`); see [`same_number`].
//!
//! An edit is a **renumbered cross-reference** (cosmetic, flagged
//! `cross-reference`) when each side is one number and the equal text just
//! before it names what the number refers to: `Article`, `Articles`, `Art.`,
//! `Section`, `paragraph`, `Chapter`, `§`, `មាត្រា`, `កថាខណ្ឌ`, `ជំពូក`, `ផ្នែក`;
//! or continues such a reference (`Articles 8, 9 and 12`, `Article 13(2)`). A
//! range (`Articles 19 to 23`) counts only when both ends moved by the same
//! amount: `Articles 21 to 25` → `Articles 21 to 26` widens the range and is
//! substantive. Any other edit is **substantive**.
//!
//! **Operative words** are data (`data/operative-words.txt`): a substantive
//! edit is flagged `operative-word` when one of its deleted or inserted words
//! is an entry (entries of several words match word sequences), or an entry
//! stands right next to the edit. Khmer entries are also looked for inside the
//! Khmer text of the edit and its neighbouring words, at cluster boundaries,
//! because the segmenter may cut a compound differently from the list; a word
//! listed with `!` (`ត្រូវការ`, "to need") hides the entries inside it.
//! Cosmetic edits are never flagged: `Shall` → `shall` changes no duty.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use super::script::{Seg, Side};
use super::tokens::{is_mark, is_punct, is_space, Token, TokenKind};
use crate::hash::FastMap;
use crate::text::{digit_value, is_invisible, khmer::is_khmer, parse_digits};

/// The class of one edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EditClass {
    /// Whitespace, punctuation, case, digit script, quotes.
    Cosmetic,
    /// Only the number of a referenced article changed.
    CrossReference,
    /// Anything else.
    Substantive,
}

const COENG: char = '\u{17D2}';

/// Classifies the edit `seg` (not an equality).
pub(crate) fn classify(o: &Side<'_>, n: &Side<'_>, seg: &Seg) -> EditClass {
    if key(o.slice(&seg.old)) == key(n.slice(&seg.new)) || is_typo(o, n, seg) || same_number(o, n, seg) {
        return EditClass::Cosmetic;
    }
    match (single_number(o, &seg.old), single_number(n, &seg.new)) {
        (Some(oi), Some(ni)) if refers(o, n, oi, ni, 0) => EditClass::CrossReference,
        _ => EditClass::Substantive,
    }
}

/// The comparison key of an edit's side (see the module docs).
pub(crate) fn key(s: &str) -> String {
    let s: Cow<'_, str> = if s.is_ascii() { s.into() } else { crate::text::normalize(s).into() };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_space(c) || is_invisible(c) || is_punct(c) {
            continue;
        }
        if let Some(d) = digit_value(c) {
            out.push(char::from(b'0' + d));
        } else if c == COENG && chars.peek() == Some(&'\u{178A}') {
            chars.next();
            out.push(COENG);
            out.push('\u{178F}');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A one-letter slip inside one English word (`awareness` ↔ `awarness`,
/// `judgment` ↔ `judgement`, `recieve` ↔ `receive`): each side is a single
/// word of Latin letters, at least five long, not an operative word, and the
/// two differ by one letter added or dropped, or two neighbours swapped, away
/// from both ends (so `person` → `persons`, `approve` → `approved`,
/// `hereby` → `thereby` and a changed letter such as `material` →
/// `maternal` stay substantive).
fn is_typo(o: &Side<'_>, n: &Side<'_>, seg: &Seg) -> bool {
    let word = |side: &Side<'_>, r: &Range<usize>| {
        let mut words = side.toks[r.clone()].iter().filter(|t| t.kind == TokenKind::Word);
        let w = words.next()?;
        (words.next().is_none() && w.text.len() >= 5 && w.text.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| w.text.to_ascii_lowercase())
    };
    let (Some(a), Some(b)) = (word(o, &seg.old), word(n, &seg.new)) else {
        return false;
    };
    let lex = &*LEXICON;
    if [&a, &b].iter().any(|w| lex.entries.iter().any(|e| e.len() == 1 && &&e[0] == w)) {
        return false;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if long.len() == short.len() + 1 {
        // One letter added at p, not the first or the last.
        p > 0 && p < short.len() && short[p..] == long[p + 1..]
    } else if long.len() == short.len() {
        // Neighbours p and p + 1 swapped, neither at an end.
        p > 0 && p + 2 < short.len() && short[p] == long[p + 1] && short[p + 1] == long[p] && short[p + 2..] == long[p + 2..]
    } else {
        false
    }
}

/// The edit only writes a number another way (see the module docs): both
/// sides are one number of the same value, in words or digits or both
/// (`thirty (30)`); or one side has no word and the other is a number in
/// words or digits standing beside the same number written the other way,
/// across spaces and brackets only. A period that changes (`thirty (30)` → `45`) stays substantive.
fn same_number(o: &Side<'_>, n: &Side<'_>, seg: &Seg) -> bool {
    let no_words = |side: &Side<'_>, r: &Range<usize>| side.toks[r.clone()].iter().all(|t| t.kind != TokenKind::Word);
    match (written_number(o, &seg.old), written_number(n, &seg.new)) {
        (Some(a), Some(b)) => a == b,
        (Some(v), None) if no_words(n, &seg.new) => beside_same(o, &seg.old, v),
        (None, Some(v)) if no_words(o, &seg.old) => beside_same(n, &seg.new, v),
        _ => false,
    }
}

/// The value of the words of `r` when they are one number: in words, in
/// digits, or both with the same value; `None` for anything else.
fn written_number(side: &Side<'_>, r: &Range<usize>) -> Option<u64> {
    let (mut digits, mut spelt) = (None, Vec::new());
    for t in side.toks[r.clone()].iter().filter(|t| t.kind == TokenKind::Word) {
        match parse_digits(t.text) {
            Some(v) if digits.replace(v).is_some() => return None, // two numbers in digits
            Some(_) => {}
            None => spelt.push(t.text),
        }
    }
    let spelt = if spelt.is_empty() { None } else { Some(number_words(&spelt)?) };
    match (digits, spelt) {
        (Some(a), Some(b)) if a != b => None,
        (a, b) => a.or(b),
    }
}

/// Whether the nearest word before or after `r` (across spaces and
/// brackets only) is `value`, in digits or as one number word.
fn beside_same(side: &Side<'_>, r: &Range<usize>, value: u64) -> bool {
    let skip = |t: &Token<'_>| t.kind == TokenKind::Space || matches!(t.text, "(" | ")" | "[" | "]");
    let is_value = |t: Option<&Token<'_>>| {
        t.is_some_and(|t| t.kind == TokenKind::Word && parse_digits(t.text).or_else(|| number_words(&[t.text])) == Some(value))
    };
    is_value(side.toks[r.end..].iter().find(|t| !skip(t))) || is_value(side.toks[..r.start].iter().rev().find(|t| !skip(t)))
}

/// The value of a number written in words (`forty`, `five` → 45; `ពីររយហាសិប`
/// → 250), each word read by its comparison [`key`]; `None` when a word is
/// not a number word.
fn number_words(words: &[&str]) -> Option<u64> {
    crate::text::numbers::words_value(words.iter().map(|w| key(w)))
}

/// The token index of the one number in `r`, if `r` holds one number and
/// nothing else but spaces and punctuation.
fn single_number(side: &Side<'_>, r: &Range<usize>) -> Option<usize> {
    let mut found = None;
    for i in r.clone() {
        if side.toks[i].kind == TokenKind::Word {
            if found.is_some() || number(side, i).is_none() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

fn number(side: &Side<'_>, i: usize) -> Option<u64> {
    parse_digits(side.toks[i].text)
}

/// Words that a reference number follows.
const REFERENCE_WORDS: &[&str] =
    &["article", "articles", "art", "arts", "section", "sections", "sec", "paragraph", "paragraphs", "para", "chapter", "chapters"];
const KHMER_REFERENCE_WORDS: &[&str] = &["មាត្រា", "កថាខណ្ឌ", "ជំពូក", "ផ្នែក"];
const LIST_WORDS: &[&str] = &["and", "or", "និង", "ឬ"];
const RANGE_WORDS: &[&str] = &["to", "through", "ដល់"];

/// What stands before a number.
#[derive(Debug, PartialEq, Eq)]
enum Context {
    /// A reference word: the number is a reference.
    Reference,
    /// Another number of a list (`8, 9`, `8 and 9`, `13(2)`): the number is a
    /// reference if that one is.
    List(usize),
    /// The start of a range (`19 to 23`, `19-23`).
    Range(usize),
    /// Anything else.
    None,
}

/// Reads backwards from the number at token `i`.
fn context(side: &Side<'_>, i: usize) -> Context {
    let (mut comma, mut dash, mut paren) = (false, false, false);
    let mut j = i;
    while j > 0 {
        j -= 1;
        let t = side.toks[j];
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Punct => match t.text {
                "§" | "§§" => return Context::Reference,
                "," => comma = true,
                "-" | "–" | "—" => dash = true,
                "(" => paren = true,
                "." | ")" => {}
                _ => return Context::None,
            },
            TokenKind::Word => {
                let w = t.text.to_lowercase();
                if REFERENCE_WORDS.contains(&w.as_str()) || KHMER_REFERENCE_WORDS.iter().any(|k| w.ends_with(k)) {
                    return Context::Reference;
                }
                if number(side, j).is_some() {
                    return match (comma || paren, dash) {
                        (_, true) => Context::Range(j),
                        (true, false) => Context::List(j),
                        _ => Context::None,
                    };
                }
                let list = LIST_WORDS.contains(&w.as_str());
                if list || RANGE_WORDS.contains(&w.as_str()) {
                    return match previous_number(side, j) {
                        Some(k) if list => Context::List(k),
                        Some(k) => Context::Range(k),
                        None => Context::None,
                    };
                }
                return Context::None;
            }
        }
    }
    Context::None
}

/// The number just before token `j`, past spaces and punctuation.
fn previous_number(side: &Side<'_>, j: usize) -> Option<usize> {
    let k = (0..j).rev().find(|&k| side.toks[k].kind == TokenKind::Word)?;
    number(side, k).map(|_| k)
}

/// Whether the numbers at `oi` (old) and `ni` (new) are a reference that was
/// renumbered (see the module docs).
fn refers(o: &Side<'_>, n: &Side<'_>, oi: usize, ni: usize, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match (context(n, ni), context(o, oi)) {
        (Context::Reference, _) => true,
        (Context::List(nj), Context::List(oj)) => refers(o, n, oj, nj, depth + 1),
        (Context::Range(nj), Context::Range(oj)) => {
            let delta = |side_o: Option<u64>, side_n: Option<u64>| Some(side_n? as i128 - side_o? as i128);
            let start = delta(number(o, oj), number(n, nj));
            let end = delta(number(o, oi), number(n, ni));
            start.is_some() && start == end && refers(o, n, oj, nj, depth + 1)
        }
        _ => false,
    }
}

/// The operative-word list, parsed once.
struct Lexicon {
    /// Entries as lower-cased word sequences.
    entries: Vec<Vec<String>>,
    /// The entries by their first word.
    by_first: FastMap<String, Vec<usize>>,
    /// The longest entry, in words.
    longest: usize,
    /// Khmer entries, searched inside Khmer text.
    khmer: Vec<String>,
    /// Khmer words that hide the entries inside them.
    exclusions: Vec<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse_lexicon(include_str!("../../data/operative-words.txt")));

fn parse_lexicon(data: &str) -> Lexicon {
    let mut lex = Lexicon { entries: Vec::new(), by_first: FastMap::default(), longest: 1, khmer: Vec::new(), exclusions: Vec::new() };
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('[') {
            continue;
        }
        if let Some(word) = line.strip_prefix('!') {
            lex.exclusions.push(word.trim().to_string());
            continue;
        }
        let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
        if line.chars().any(is_khmer) {
            lex.khmer.push(words.concat());
        }
        lex.longest = lex.longest.max(words.len());
        if let Some(first) = words.first() {
            lex.by_first.entry(first.clone()).or_default().push(lex.entries.len());
        }
        lex.entries.push(words);
    }
    lex
}

/// Whether the substantive edit `seg` changes or touches an operative word.
pub(crate) fn touches_operative_word(o: &Side<'_>, n: &Side<'_>, seg: &Seg) -> bool {
    let lex = &*LEXICON;
    [(o, &seg.old), (n, &seg.new)].into_iter().any(|(side, r)| by_words(lex, side, r) || by_khmer_text(lex, side, r))
}

/// Entries among the edit's words and the `longest` words on either side;
/// a match counts when it overlaps the edit or touches it.
fn by_words(lex: &Lexicon, side: &Side<'_>, r: &Range<usize>) -> bool {
    let is_word = |i: &usize| side.toks[*i].kind == TokenKind::Word;
    let mut before: Vec<usize> = (0..r.start).rev().filter(is_word).take(lex.longest).collect();
    before.reverse();
    let inside: Vec<usize> = r.clone().filter(is_word).collect();
    let after: Vec<usize> = (r.end..side.toks.len()).filter(is_word).take(lex.longest).collect();
    let words: Vec<String> = before.iter().chain(&inside).chain(&after).map(|&i| side.toks[i].text.to_lowercase()).collect();
    // Word positions that count: the edit's words and one word either side.
    let (lo, hi) = (before.len().saturating_sub(1), (before.len() + inside.len() + 1).min(words.len()));
    (0..hi).any(|s| {
        lex.by_first.get(&words[s]).is_some_and(|ids| {
            ids.iter().map(|&e| &lex.entries[e]).any(|entry| s + entry.len() > lo && words.get(s..s + entry.len()) == Some(&entry[..]))
        })
    })
}

/// Khmer entries inside the edit's text and its neighbouring Khmer words.
fn by_khmer_text(lex: &Lexicon, side: &Side<'_>, r: &Range<usize>) -> bool {
    let khmer_word = |i: usize| side.toks[i].kind == TokenKind::Word && side.toks[i].text.chars().any(is_khmer);
    let start = if r.start > 0 && khmer_word(r.start - 1) { r.start - 1 } else { r.start };
    let end = if r.end < side.toks.len() && khmer_word(r.end) { r.end + 1 } else { r.end };
    let text = side.slice(&(start..end));
    if !text.chars().any(is_khmer) {
        return false;
    }
    let hidden: Vec<Range<usize>> = lex.exclusions.iter().flat_map(|x| find_clusters(text, x)).collect();
    lex.khmer.iter().flat_map(|entry| find_clusters(text, entry)).any(|m| !hidden.iter().any(|h| h.start <= m.start && m.end <= h.end))
}

/// Occurrences of `needle` in `hay` that start and end at Khmer cluster
/// boundaries (not after a COENG, not before a mark).
fn find_clusters(hay: &str, needle: &str) -> Vec<Range<usize>> {
    hay.match_indices(needle)
        .map(|(i, m)| i..i + m.len())
        .filter(|m| !hay[..m.start].ends_with(COENG) && !hay[m.end..].chars().next().is_some_and(|c| is_mark(c) || c == COENG))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_what_a_reader_does_not_see() {
        assert_eq!(key("“Information”"), key("\"information\""));
        assert_eq!(key("person’s"), key("person's"));
        assert_eq!(key("១២"), "12");
        assert_eq!(key(" \u{200B} "), "");
        assert_eq!(key("សេចក្ដី"), key("សេចក្តី"));
        assert_ne!(key("shall"), key("may"));
    }

    #[test]
    fn the_lexicon_parses() {
        let lex = &*LEXICON;
        assert!(lex.entries.contains(&vec!["shall".to_string(), "not".to_string()]));
        assert!(lex.entries.contains(&vec!["ត្រូវ".to_string()]));
        assert!(lex.khmer.contains(&"មិនអាច".to_string()));
        assert!(lex.exclusions.contains(&"ត្រូវការ".to_string()));
        assert_eq!(lex.longest, 2);
        // Every Khmer entry is NFC and in cluster order, as the texts are.
        for k in &lex.khmer {
            assert_eq!(&crate::text::normalize(k), k);
        }
    }

    #[test]
    fn cluster_boundaries() {
        // ត after COENG is a subscript, not the start of ត្រូវ.
        assert!(find_clusters("ស្ត្រូវ", "ត្រូវ").is_empty());
        // អាច followed by a vowel sign is part of អាចារ្យ.
        assert!(find_clusters("អាចារ្យ", "អាច").is_empty());
        assert_eq!(find_clusters("មិនអាចធ្វើ", "អាច"), vec![9..18]);
    }
}
