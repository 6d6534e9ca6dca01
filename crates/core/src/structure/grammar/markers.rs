//! List markers: `(1)`, `1.`, `1)`, `(១)`, `១.`, `(a)`, `a)`, `(ក)`, `ក.`, `(i)`, `(A)`.

use super::keywords::ADVERBS;
use super::{Bracket, Family, Marker};
use crate::structure::number;
use crate::text::digit_value;

/// Recognises a list marker at the start of `line`.
pub fn marker(line: &str) -> Option<Marker<'_>> {
    let (bracket, inner_start) = if line.starts_with('(') { (Bracket::Paren, 1) } else { (Bracket::Dot, 0) };
    let inner = &line[inner_start..];
    let sym_end = inner.find(|c: char| !(c.is_alphanumeric() && c != '\u{17D2}' || is_khmer_mark(c))).unwrap_or(inner.len());
    if sym_end == 0 {
        return None;
    }
    let symbol = &inner[..sym_end];
    let after = &inner[sym_end..];
    let (bracket, rest) = match bracket {
        Bracket::Paren => (Bracket::Paren, after.strip_prefix(')')?),
        _ => {
            if let Some(r) = after.strip_prefix(')') {
                (Bracket::Right, r)
            } else if let Some(r) = after.strip_prefix('.') {
                (Bracket::Dot, r)
            } else {
                return None;
            }
        }
    };
    // A marker is followed by a space (or ends the line); "1.5" or "(a)b" are not markers.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let family = family(symbol)?;
    // "A." or "I." starting a sentence is too risky as a marker without brackets.
    if bracket == Bracket::Dot && matches!(family, Family::Upper) {
        return None;
    }
    Some(Marker { printed: &line[..line.len() - rest.len()], symbol, bracket, family, body: rest.trim() })
}

fn is_khmer_mark(c: char) -> bool {
    matches!(c, '\u{17B6}'..='\u{17D3}')
}

fn family(symbol: &str) -> Option<Family> {
    // Leading digits (either script): their count in characters, their end in bytes.
    let (mut digits, mut digits_end) = (0, 0);
    for (i, c) in symbol.char_indices() {
        if digit_value(c).is_none() {
            break;
        }
        digits += 1;
        digits_end = i + c.len_utf8();
    }
    if digits_end == symbol.len() {
        return (digits <= 3).then_some(Family::Digit);
    }
    // Digits with a letter suffix: "(2a)" is an inserted paragraph.
    if digits > 0 {
        let tail = &symbol[digits_end..];
        return (digits <= 3 && (tail.len() == 1 && tail.as_bytes()[0].is_ascii_lowercase() || ADVERBS.contains(&tail)))
            .then_some(Family::Digit);
    }
    let mut chars = symbol.chars();
    let first = chars.next()?;
    if chars.next().is_none() && ('\u{1780}'..='\u{17A2}').contains(&first) {
        return Some(Family::Khmer);
    }
    let is_lower = symbol.bytes().all(|b| b.is_ascii_lowercase());
    let is_upper = symbol.bytes().all(|b| b.is_ascii_uppercase());
    if !(is_lower || is_upper) {
        return None;
    }
    // Single or doubled letters are letters ((i), (v), (ii) may be Roman: the
    // parser decides from the open lists); longer tokens must be Roman numerals.
    // (All ASCII from here: a byte is a character.)
    let b = symbol.as_bytes();
    let single_or_double = b.len() == 1 || (b.len() == 2 && b[0] == b[1]);
    if single_or_double {
        return Some(if is_lower { Family::Lower } else { Family::Upper });
    }
    number::roman(&symbol.to_ascii_lowercase())?;
    Some(if is_lower { Family::LowerRoman } else { Family::UpperRoman })
}
