//! Text normalisation, for English and Khmer.
//!
//! Two forms of every text exist:
//! - the **display** form ([`normalize`]): what we store and show. NFC, Khmer
//!   clusters in canonical order, line endings as `\n`; zero-width spaces kept,
//!   because Khmer typists use them to mark word breaks and line-break points.
//! - the **comparison** form ([`fold`]): the display form with invisible format
//!   characters dropped (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen), Khmer
//!   digits read as ASCII digits and every run of whitespace collapsed to one
//!   space. Two texts that a reader cannot tell apart fold to the same string.
//!
//! See [`khmer`] for the cluster reordering algorithm.

pub mod date;
pub mod khmer;
pub(crate) mod numbers;

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The display form: NFC, Khmer cluster order, `\r\n`/`\r` → `\n`, NBSP → space.
///
/// Called once per block of every imported draft, so the common case is made
/// cheap: quick scans decide whether the text is already in display form (no
/// `\r`, no NBSP, only characters that are NFC whatever surrounds them, no
/// Khmer), and then it is copied once ([`normalized`]: not even that).
/// German and English law passes them; only text with other characters
/// (combining marks, Khmer, ...) takes the full NFC and Khmer passes.
pub fn normalize(s: &str) -> String {
    normalized(s).into_owned()
}

/// [`normalize`], borrowing `s` when it is in display form already.
pub fn normalized(s: &str) -> Cow<'_, str> {
    let full = needs_full_pass(s);
    let s: Cow<str> = if s.as_bytes().contains(&b'\r') || s.contains('\u{a0}') { replace_line_ends_and_nbsp(s).into() } else { s.into() };
    if !full {
        return s; // NFC and no Khmer: as it is
    }
    let nfc: Cow<str> = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect::<String>().into(),
    };
    if nfc.chars().any(khmer::is_khmer) {
        khmer::reorder(&nfc).into()
    } else {
        nfc
    }
}

/// True when a character of `s` needs the NFC and Khmer passes of
/// [`normalize`]: anything but ASCII, NBSP and [`is_nfc_starter`] characters.
///
/// ASCII is skipped sixteen bytes at a time (OR-ing a chunk's bytes compiles to
/// a few vector instructions); only chunks with a non-ASCII byte are decoded.
fn needs_full_pass(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 16) {
            if chunk.iter().fold(0, |acc, &b| acc | b).is_ascii() {
                i += 16;
                continue;
            }
        }
        let end = (i + 16).min(bytes.len());
        while i < end {
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            let c = s[i..].chars().next().unwrap_or_default();
            if c != '\u{a0}' && !is_nfc_starter(c) {
                return true;
            }
            i += c.len_utf8();
        }
    }
    false
}

/// True for a non-ASCII character that is in NFC whatever comes before or after
/// it and is not Khmer: NFC quick check "Yes" and combining class 0, so it never
/// composes with its neighbours nor is reordered among them (a combining mark
/// after it is not such a character, and sends the text to the full NFC pass).
/// Latin-1 letters and signs (ä ö ü ß §) and the dashes, quotes and bullets of
/// General Punctuation (except U+2000/U+2001, which NFC maps to U+2002/U+2003);
/// a unit test checks every one against the Unicode tables.
fn is_nfc_starter(c: char) -> bool {
    matches!(c, '\u{a1}'..='\u{ff}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '\u{20ac}')
}

/// `\r\n` and a lone `\r` as `\n`, NBSP as a space, in one pass.
fn replace_line_ends_and_nbsp(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['\r', '\u{a0}']) {
        out.push_str(&rest[..i]);
        if rest[i..].starts_with('\r') {
            out.push('\n');
            rest = rest[i + 1..].strip_prefix('\n').unwrap_or(&rest[i + 1..]);
        } else {
            out.push(' ');
            rest = &rest[i + '\u{a0}'.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// True for characters that change nothing a reader sees in running text.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// The comparison form: [`normalize`], then invisible characters dropped, Khmer
/// digits as ASCII, whitespace runs as one space, trimmed.
pub fn fold(s: &str) -> String {
    fold_display(&normalize(s))
}

/// [`fold`] of a text already in display form (a parsed provision's):
/// normalising it again would change nothing.
///
/// Called for every clause of both drafts, so characters kept as they are
/// (nearly all of them) are copied in runs rather than one by one; only
/// whitespace other than a single space between words, invisible characters
/// and non-ASCII digits end a run.
pub fn fold_display(n: &str) -> String {
    let mut out = String::with_capacity(n.len());
    let mut space = false;
    // Start of the run of characters kept as they are, not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < n.len() {
        let b = n.as_bytes()[i];
        // A single space inside the run, between kept characters, is copied
        // with it: folding would write that very space.
        if b.is_ascii_graphic() || b == b' ' && run < i && n.as_bytes().get(i + 1).is_some_and(u8::is_ascii_graphic) {
            i += 1;
            continue;
        }
        let c = n[i..].chars().next().unwrap_or_default();
        if !is_invisible(c) && !c.is_whitespace() && digit_value(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        // End the run before `c`, then fold `c`.
        if run < i {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&n[run..i]);
        }
        i += c.len_utf8();
        run = i;
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if let Some(d) = digit_value(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(char::from(b'0' + d));
        }
    }
    if run < n.len() {
        if space {
            out.push(' ');
        }
        out.push_str(&n[run..]);
    }
    out
}

/// The value of a decimal digit in ASCII or Khmer script (០–៩), or in the Khmer
/// "lek attak" forms (៰–៹), which some fonts and scanners produce.
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{17E0}'..='\u{17E9}' => Some((c as u32 - 0x17E0) as u8),
        '\u{17F0}'..='\u{17F9}' => Some((c as u32 - 0x17F0) as u8),
        _ => None,
    }
}

/// Parses a run of digits in either script as a number (`"១២"` → 12).
pub fn parse_digits(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        n = n.checked_mul(10)?.checked_add(digit_value(c)? as u64)?;
    }
    Some(n)
}

/// Appends `s` escaped for markup (HTML or XML): `&`, `<`, `>`, `"` and `'`
/// as entities, so it is safe as element text and as a quoted attribute;
/// control characters XML 1.0 forbids (all C0 but tab, line feed and carriage
/// return) are dropped. Every export writes bill and annotation text through
/// this: a bill's words are never markup.
pub fn escape_markup_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// [`escape_markup_into`] as a new string.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_markup_into(&mut out, s);
    out
}

/// A count and its noun for a sentence: `plural(1, "deletion", "deletions")` →
/// `1 deletion`, `plural(3, ...)` → `3 deletions`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Collapses whitespace runs to one space and trims (display text, for headings).
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escape() {
        assert_eq!(escape_markup("<a href=\"x\">'&'</a>\u{1}\tក"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\tក");
    }

    #[test]
    fn fold_drops_invisibles_and_digits() {
        assert_eq!(fold("មាត្រា\u{200B}១២  \n ថ្មី"), "មាត្រា12 ថ្មី");
        assert_eq!(fold("  a\r\nb\u{a0}c "), "a b c");
        assert_eq!(fold("Ne\u{301}"), "N\u{e9}");
    }

    #[test]
    fn normalize_keeps_zwsp_for_display() {
        assert_eq!(normalize("ក\u{200B}ខ"), "ក\u{200B}ខ");
        assert_eq!(normalize("a\r\nb"), "a\nb");
    }

    #[test]
    fn digits() {
        assert_eq!(parse_digits("១២"), Some(12));
        assert_eq!(parse_digits("12"), Some(12));
        assert_eq!(parse_digits("1a"), None);
    }

    #[test]
    fn normalize_fast_and_full_paths() {
        assert_eq!(normalize("Bürgerliches Gesetzbuch § 1 „Zitat“ – ok"), "Bürgerliches Gesetzbuch § 1 „Zitat“ – ok");
        assert_eq!(normalize("Satz\u{a0}1\r\nSatz 2\rEnde"), "Satz 1\nSatz 2\nEnde");
        assert_eq!(normalize("Ne\u{301} \u{a0}x\r\n"), "N\u{e9}  x\n");
        assert_eq!(normalize("U\u{308}bergang"), "Übergang");
        assert_eq!(normalize("a\u{2000}b"), "a\u{2002}b");
        assert_eq!(normalize("ក\u{17B6}\u{17D2}\u{1780}"), "ក\u{17D2}\u{1780}\u{17B6}");
        assert_eq!(normalize("ä\u{200B}ö"), "ä\u{200B}ö");
    }

    /// Every character the fast path of [`normalize`] lets through is NFC on its
    /// own and a starter, so no neighbour can change it.
    #[test]
    fn nfc_starters_are_nfc_and_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0x80..0x3000).filter_map(char::from_u32).filter(|&c| is_nfc_starter(c)) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(!khmer::is_khmer(c));
        }
    }

    #[test]
    fn fold_display_runs() {
        assert_eq!(fold_display(" Art.\u{200B} 1 \u{ad}\t(2)  ១២x\u{3000}"), "Art. 1 (2) 12x");
        assert_eq!(fold_display("\u{17E1}\u{17F2} a"), "12 a");
        assert_eq!(fold_display("über\u{a0}§\u{feff}\u{85}5"), "über § 5");
        assert_eq!(fold_display(""), "");
        assert_eq!(fold_display(" \u{200B} "), "");
        assert_eq!(fold_display("  zwei Wörter  und\u{200B} ein\u{a0}Satz "), "zwei Wörter und ein Satz");
        assert_eq!(fold_display("a \u{200B}b c\u{17E1} d"), "a b c1 d");
    }

    /// [`normalize`] by its definition, without the fast paths.
    fn normalize_ref(s: &str) -> String {
        let s = s.replace("\r\n", "\n").replace(['\r'], "\n").replace('\u{a0}', " ");
        let nfc: String = s.nfc().collect();
        if nfc.chars().any(khmer::is_khmer) {
            khmer::reorder(&nfc)
        } else {
            nfc
        }
    }

    /// [`fold_display`] by its definition, character by character.
    fn fold_display_ref(n: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in n.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            match digit_value(c) {
                Some(d) => out.push(char::from(b'0' + d)),
                _ => out.push(c),
            }
        }
        out
    }
    /// The characters normalisation and folding treat specially, the first fifteen of German text.
    const CHARS: &[char] = &[
        'a', 'Z', '1', '.', ' ', ' ', '\t', '\n', '\r', '\u{a0}', 'ä', 'ß', '§', '–', '„', '\u{2000}', '\u{2001}', '\u{301}', '\u{308}',
        'e', 'U', 'ក', 'ខ', '\u{17D2}', 'រ', '\u{17B6}', '\u{17C1}', '\u{17E1}', '\u{17F3}', '\u{200B}', '\u{200D}', '\u{ad}', '\u{feff}',
        '\u{3000}', '\u{85}', '\u{1}', '\u{7f}', '\u{2028}', '\u{212B}', 'Å', '\u{1100}', '\u{1161}',
    ];

    /// A text of [`CHARS`]; half of them mostly German letters (the first
    /// fifteen), so the fast paths are taken; long enough for several
    /// sixteen-byte chunks.
    fn special_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let german = proptest::collection::vec(prop_oneof![3 => select(&CHARS[..15]), 1 => select(CHARS)], 0..80);
        let any = proptest::collection::vec(select(CHARS), 0..80);
        prop_oneof![german, any].prop_map(|cs| cs.into_iter().collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// Random texts of the characters both functions treat specially: the
        /// results are those of the character-by-character definitions.
        #[test]
        fn same_as_the_plain_definitions(s in special_text()) {
            proptest::prop_assert_eq!(normalize(&s), normalize_ref(&s), "{:?}", s);
            proptest::prop_assert_eq!(fold_display(&s), fold_display_ref(&s), "{:?}", s);
            proptest::prop_assert_eq!(fold(&s), fold_display_ref(&normalize_ref(&s)), "{:?}", s);
        }
    }
}
