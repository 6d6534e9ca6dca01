//! Values read from attributes and text: a provision's printed number without
//! its kind word, and language codes.

use crate::structure::number;
use crate::text::collapse_ws;

/// The printed number without its kind word and trailing punctuation:
/// `SEC. 101.` → `101`, `§ 20a` → `20a`, `Artikel 1` → `1`, `TITLE I—` → `I`,
/// `(a)` → `(a)`, `មាត្រា ១២` → `១២`.
pub(super) fn clean_num(printed: &str) -> Option<String> {
    let collapsed = collapse_ws(printed);
    let mut s = collapsed.trim_start_matches(|c: char| c == '§' || c.is_whitespace());
    if let Some((first, rest)) = s.split_once(' ') {
        let core = first.trim_end_matches('.');
        let is_word = core.chars().count() >= 2
            && core.chars().all(|c| c.is_alphabetic() || ('\u{17B4}'..='\u{17D3}').contains(&c))
            && number::roman(&core.to_lowercase()).is_none();
        if is_word && !rest.trim().is_empty() {
            s = rest.trim_start_matches(|c: char| c == '§' || c.is_whitespace());
        }
    }
    let s = s.trim_end_matches(|c: char| matches!(c, '.' | '—' | '–' | '-' | ':' | '។' | '៖') || c.is_whitespace());
    (!s.is_empty()).then(|| s.to_string())
}

/// ISO 639-2 (`eng`, `deu`, `khm`) or 639-1 codes, or tags (`en-GB`), as the
/// 639-1 code where there is one.
pub(super) fn lang_code(code: &str) -> String {
    let c = code.trim().to_ascii_lowercase();
    let primary = c.split(['-', '_']).next().unwrap_or("");
    let two = match primary {
        "eng" => "en",
        "deu" | "ger" => "de",
        "khm" => "km",
        "fra" | "fre" => "fr",
        "spa" => "es",
        "ita" => "it",
        "nld" | "dut" => "nl",
        "por" => "pt",
        "pol" => "pl",
        "swe" => "sv",
        "dan" => "da",
        "fin" => "fi",
        "ces" | "cze" => "cs",
        "slk" | "slo" => "sk",
        "slv" => "sl",
        "hun" => "hu",
        "ron" | "rum" => "ro",
        "bul" => "bg",
        "hrv" => "hr",
        "ell" | "gre" => "el",
        "est" => "et",
        "lav" => "lv",
        "lit" => "lt",
        "mlt" => "mt",
        "gle" => "ga",
        "cym" | "wel" => "cy",
        "gla" => "gd",
        "tha" => "th",
        "lao" => "lo",
        "vie" => "vi",
        "zho" | "chi" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "ara" => "ar",
        "rus" => "ru",
        "swa" => "sw",
        other => other,
    };
    two.to_string()
}
