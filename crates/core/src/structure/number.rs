//! Provision numbers: from the printed form to a canonical value.
//!
//! The printed number stays as printed (Khmer digits stay Khmer); its *value* is a
//! canonical string that compares equal across scripts and styles:
//!
//! | printed | value | rule |
//! |---|---|---|
//! | `12`, `១២`, `12.` | `12` | Arabic or Khmer digits, trailing punctuation dropped |
//! | `4a`, `20 a`, `§ 20a` | `4a`, `20a` | digits plus a letter suffix |
//! | `4 bis`, `4bis`, `4-ter` | `4bis`, `4ter` | Latin ordinal adverbs (bis, ter, quater ... decies) |
//! | `XIV`, `xiv` | `14` | Roman numerals |
//! | `(a)`, `(ក)`, `b)` | `1`, `1`, `2` | a letter's place in its alphabet (Latin a=1; Khmer ក=1 ... អ=33) |
//! | `(aa)` | `27` | doubled letters continue after z |
//! | `2.1`, `1.2.3` | `2.1` | dotted paths stay dotted |
//!
//! A single `i`, `v` or `x` is ambiguous (letter or Roman numeral): [`value_after`]
//! decides from the previous sibling's value (after `h`=8 comes letter `i`=9).

use crate::text::digit_value;

const ADVERBS: [&str; 9] = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];

/// The 33 Khmer consonants in dictionary order (ក=1 ... អ=33).
const KHMER_CONSONANTS: &str = "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវឝឞសហឡអ";

/// Canonical value of a printed number, with no context.
pub fn value(printed: &str) -> Option<String> {
    value_after(printed, None)
}

/// Canonical value of a printed number, given the previous sibling's value (to
/// read a lone `i`, `v` or `x` as a letter when it continues a lettered list).
pub fn value_after(printed: &str, prev: Option<&str>) -> Option<String> {
    let s = strip(printed);
    if s.is_empty() {
        return None;
    }
    // Plain ASCII digits, the usual case ("12", "(1)"): only leading zeros to
    // drop ("05" is 5, "0" stays).
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let t = s.trim_start_matches('0');
        return Some(if t.is_empty() { "0" } else { t }.to_string());
    }
    // Digits (either script), maybe dotted, maybe with a suffix.
    let chars: Vec<char> = s.chars().collect();
    if digit_value(chars[0]).is_some() {
        return digits_with_suffix(&chars);
    }
    let lower = s.to_lowercase();
    // Lone letters: Latin or Khmer.
    if let Some(v) = letter_ordinal(&lower) {
        // "i", "v", "x" and doubled "ii", "xx", "cc" read as letters or Roman numerals.
        let ambiguous = matches!(lower.as_str(), "i" | "v" | "x") || lower.len() == 2 && roman(&lower).is_some();
        if ambiguous {
            let continues_letters = prev.and_then(|p| p.parse::<u32>().ok()).is_some_and(|p| p + 1 == v);
            if !continues_letters {
                return roman(&lower).map(|r| r.to_string());
            }
        }
        return Some(v.to_string());
    }
    if let Some(r) = roman(&lower) {
        return Some(r.to_string());
    }
    // Roman numeral with an adverb or letter suffix: "IV bis", "XIVa".
    let (head, tail) = split_alpha_suffix(&lower);
    if let (Some(r), Some(suffix)) = (roman(head), suffix_value(tail)) {
        return Some(format!("{r}{suffix}"));
    }
    None
}

/// Drops brackets, trailing dots and colons, the section sign and spaces at the ends.
fn strip(printed: &str) -> &str {
    let t = printed.trim().trim_start_matches('§').trim();
    t.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '.' | ':' | '៖' | '។' | ',' | '-' | '–' | '—') || c.is_whitespace())
}

fn digits_with_suffix(chars: &[char]) -> Option<String> {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(d) = digit_value(chars[i]) {
            out.push(char::from(b'0' + d));
            i += 1;
        } else if chars[i] == '.' && i + 1 < chars.len() && digit_value(chars[i + 1]).is_some() {
            out.push('.');
            i += 1;
        } else {
            break;
        }
    }
    // Leading zeros: "05" is 5 (but keep "0").
    let trimmed = trim_zeros(&out);
    let rest: String = chars[i..].iter().collect();
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '.' || c == ')');
    if rest.is_empty() {
        return Some(trimmed);
    }
    let suffix = suffix_value(&rest.to_lowercase())?;
    Some(format!("{trimmed}{suffix}"))
}

fn trim_zeros(s: &str) -> String {
    s.split('.')
        .map(|part| {
            let t = part.trim_start_matches('0');
            if t.is_empty() {
                "0"
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// `a`..`z`, `aa`; `bis`..`decies`.
fn suffix_value(s: &str) -> Option<String> {
    let s = s.trim();
    if ADVERBS.contains(&s) {
        return Some(s.to_string());
    }
    if !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(s.to_string());
    }
    None
}

fn split_alpha_suffix(s: &str) -> (&str, &str) {
    match s.find(|c: char| c.is_whitespace() || c == '-') {
        Some(i) => (&s[..i], s[i..].trim_start_matches(|c: char| c.is_whitespace() || c == '-')),
        None => (s, ""),
    }
}

/// Ordinal of a lone (or doubled Latin) letter.
fn letter_ordinal(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), None, _) if c.is_ascii_lowercase() => Some(c as u32 - 'a' as u32 + 1),
        (Some(a), Some(b), None) if a == b && a.is_ascii_lowercase() => Some(26 + a as u32 - 'a' as u32 + 1),
        (Some(c), None, _) => KHMER_CONSONANTS.chars().position(|k| k == c).map(|p| p as u32 + 1),
        _ => None,
    }
}

/// Value of a well-formed Roman numeral (lower case), 1..=3999.
///
/// Asked of many words that are not numerals, so it allocates nothing: the
/// value is summed from the bytes, and the spelling checked against the
/// canonical one as [`to_roman`] would write it.
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let val = |b: u8| match b {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        b'd' => Some(500),
        b'm' => Some(1000),
        _ => None,
    };
    // Every byte a numeral letter (so the string is ASCII); a letter before a
    // larger one is subtracted.
    let bytes = s.as_bytes();
    let mut total: i64 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let d = val(b)?;
        if bytes.get(i + 1).and_then(|&n| val(n)).is_some_and(|n| n > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    if total <= 0 || total >= 4000 {
        return None;
    }
    let total = total as u32;
    // Only canonical spellings ("IIII" and "IIX" are not numbers).
    let mut rest = s;
    let mut n = total;
    for (v, sym) in ROMAN_TABLE {
        while n >= v {
            rest = rest.strip_prefix(sym)?;
            n -= v;
        }
    }
    rest.is_empty().then_some(total)
}

/// Roman numeral values and their spellings, largest first (subtractive pairs included).
const ROMAN_TABLE: [(u32, &str); 13] = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
];

/// A number in lower-case Roman numerals (1..=3999).
pub fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in ROMAN_TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        for (printed, want) in [
            ("12", "12"),
            ("១២", "12"),
            ("12.", "12"),
            ("4a", "4a"),
            ("§ 20a", "20a"),
            ("4 bis", "4bis"),
            ("4bis", "4bis"),
            ("4-ter", "4ter"),
            ("XIV", "14"),
            ("xiv", "14"),
            ("(a)", "1"),
            ("(ក)", "1"),
            ("(ខ)", "2"),
            ("b)", "2"),
            ("(aa)", "27"),
            ("2.1", "2.1"),
            ("០៥", "5"),
            ("(1)", "1"),
            ("IV bis", "4bis"),
        ] {
            assert_eq!(value(printed).as_deref(), Some(want), "{printed}");
        }
        assert_eq!(value(""), None);
        assert_eq!(value("IIII"), None);
        assert_eq!(value("foo"), None);
    }

    #[test]
    fn lone_i_is_roman_unless_it_follows_h() {
        assert_eq!(value("(i)").as_deref(), Some("1"));
        assert_eq!(value_after("(i)", Some("8")).as_deref(), Some("9"));
        assert_eq!(value_after("(v)", Some("4")).as_deref(), Some("5"));
        assert_eq!(value_after("(v)", Some("21")).as_deref(), Some("22"));
        assert_eq!(value("II").as_deref(), Some("2"));
        assert_eq!(value("(ii)").as_deref(), Some("2"));
        assert_eq!(value("XX").as_deref(), Some("20"));
        assert_eq!(value_after("(ii)", Some("34")).as_deref(), Some("35"));
    }

    #[test]
    fn roman_reads_only_canonical_spellings() {
        for n in 1..4000 {
            assert_eq!(roman(&to_roman(n)), Some(n), "{n}");
        }
        for bad in ["iiii", "iix", "vv", "ic", "mmmm", "xm", "abc", "ivx", "", "über", "mmmdccclxxxviii1"] {
            assert_eq!(roman(bad), None, "{bad}");
        }
    }

    #[test]
    fn plain_digits_drop_leading_zeros() {
        assert_eq!(value("0").as_deref(), Some("0"));
        assert_eq!(value("000").as_deref(), Some("0"));
        assert_eq!(value("007").as_deref(), Some("7"));
        assert_eq!(value("(12)").as_deref(), Some("12"));
        assert_eq!(value("2.01").as_deref(), Some("2.1"));
    }
}
