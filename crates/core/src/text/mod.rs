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

pub mod khmer;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The display form: NFC, Khmer cluster order, `\r\n`/`\r` → `\n`, NBSP → space.
pub fn normalize(s: &str) -> String {
    if s.is_ascii() && !s.contains('\r') {
        return s.to_string(); // NFC and no Khmer: as it is
    }
    let s: std::borrow::Cow<str> = if s.contains('\r') || s.contains('\u{a0}') {
        s.replace("\r\n", "\n").replace(['\r'], "\n").replace('\u{a0}', " ").into()
    } else {
        s.into()
    };
    let nfc: std::borrow::Cow<str> = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect::<String>().into(),
    };
    if nfc.chars().any(khmer::is_khmer) {
        khmer::reorder(&nfc)
    } else {
        nfc.into_owned()
    }
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
pub fn fold_display(n: &str) -> String {
    let mut out = String::with_capacity(n.len());
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
            Some(d) if !c.is_ascii_digit() => out.push(char::from(b'0' + d)),
            _ => out.push(c),
        }
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
}
