//! Khmer cluster normalisation.
//!
//! Khmer is written in orthographic syllables (clusters): a base (consonant or
//! independent vowel), then marks. Keyboards and typists enter the marks in
//! different orders, and most fonts render the orders identically, so the same
//! word can be stored as different code-point sequences. NFC does not help: the
//! Khmer marks mostly share canonical combining class 0 and are never reordered.
//!
//! The algorithm (after SIL's `khnormal` and the order in the Unicode Standard,
//! chapter 16.4):
//! 1. Split the text into clusters. A cluster starts at a Khmer consonant or
//!    independent vowel (U+1780–U+17B3) or at any non-Khmer character, and takes
//!    every following Khmer mark. COENG (U+17D2) and the consonant after it form
//!    one *subscript* unit; ZWJ/ZWNJ stay with the mark that follows them.
//! 2. Give each unit a rank: base 0, robat (U+17CC) 1, subscripts 2 (subscript
//!    RO, COENG+U+179A, rank 3: it is written last among subscripts), register
//!    shifters (U+17C9, U+17CA) 4, dependent vowels (U+17B6–U+17C5) 5, other signs
//!    (nikahit, reahmuk, yuukaleapintu, bantoc ...: U+17C6–U+17D1 except the ones
//!    above, U+17D3, U+17DD) 6.
//! 3. Sort the units of the cluster by rank, stably (so two subscripts keep the
//!    order they were typed in: that order is meaningful).
//! 4. Compose split vowels that render the same as a precomposed one:
//!    E (U+17C1) + II (U+17B8) → OE (U+17BE); E (U+17C1) + AA (U+17B6) → OO (U+17C4).
//! 5. Drop an exact repetition of the same dependent vowel or sign inside a
//!    cluster (double-typing a mark changes nothing a reader means).
//!
//! Digits are left alone here (see [`crate::text::fold`]); so are zero-width
//! spaces, which separate clusters.

/// True for any character in the Khmer blocks (U+1780–U+17FF, U+19E0–U+19FF).
pub fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

/// True for a character that starts a Khmer cluster.
fn is_base(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17B3}')
}

const COENG: char = '\u{17D2}';

/// Rank of a mark unit (see the module docs), `None` for a non-mark.
fn rank(unit: &[char]) -> Option<u8> {
    let c = *unit.iter().find(|c| !matches!(c, '\u{200C}' | '\u{200D}'))?;
    Some(match c {
        '\u{17CC}' => 1,
        COENG => {
            if unit.last() == Some(&'\u{179A}') {
                3
            } else {
                2
            }
        }
        '\u{17C9}' | '\u{17CA}' => 4,
        '\u{17B6}'..='\u{17C5}' => 5,
        '\u{17C6}'..='\u{17D1}' | '\u{17D3}' | '\u{17DD}' => 6,
        _ => return None,
    })
}

/// Reorders the marks of every Khmer cluster in `s` into canonical order.
pub fn reorder(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        if !is_base(c) {
            continue;
        }
        // Collect the mark units of this cluster.
        let mut units: Vec<(u8, Vec<char>)> = Vec::new();
        while i < chars.len() {
            let start = i;
            // Joiners attach to the next mark.
            while i < chars.len() && matches!(chars[i], '\u{200C}' | '\u{200D}') {
                i += 1;
            }
            if i >= chars.len() {
                i = start;
                break;
            }
            if chars[i] == COENG {
                if i + 1 < chars.len() && is_base(chars[i + 1]) {
                    i += 2;
                } else {
                    i += 1;
                }
            } else if rank(&chars[i..=i]).is_some() {
                i += 1;
            } else {
                i = start;
                break;
            }
            let unit = chars[start..i].to_vec();
            let r = rank(&unit).unwrap_or(6);
            units.push((r, unit));
        }
        if units.is_empty() {
            continue;
        }
        units.sort_by_key(|(r, _)| *r); // stable
        let mut marks: Vec<char> = Vec::new();
        let mut last_unit: Option<Vec<char>> = None;
        for (r, unit) in units {
            if r >= 5 && last_unit.as_ref() == Some(&unit) {
                continue; // a doubled vowel or sign
            }
            marks.extend(&unit);
            last_unit = Some(unit);
        }
        compose_vowels(&mut marks);
        out.extend(marks);
    }
    out
}

/// E + II → OE, E + AA → OO (rule 4).
fn compose_vowels(marks: &mut Vec<char>) {
    let mut j = 0;
    while j + 1 < marks.len() {
        let composed = match (marks[j], marks[j + 1]) {
            ('\u{17C1}', '\u{17B8}') => Some('\u{17BE}'),
            ('\u{17C1}', '\u{17B6}') => Some('\u{17C4}'),
            _ => None,
        };
        if let Some(c) = composed {
            marks[j] = c;
            marks.remove(j + 1);
        }
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vowel_before_subscript_is_reordered() {
        // ក្រុ typed as KA, U, COENG, RO (vowel first) equals KA, COENG, RO, U.
        let typed = "\u{1780}\u{17BB}\u{17D2}\u{179A}";
        let canonical = "\u{1780}\u{17D2}\u{179A}\u{17BB}";
        assert_eq!(reorder(typed), canonical);
        assert_eq!(reorder(canonical), canonical);
    }

    #[test]
    fn subscript_ro_goes_last() {
        // ស្ត្រី: SA COENG TA COENG RO II, typed with RO first.
        let typed = "\u{179F}\u{17D2}\u{179A}\u{17D2}\u{178F}\u{17B8}";
        let canonical = "\u{179F}\u{17D2}\u{178F}\u{17D2}\u{179A}\u{17B8}";
        assert_eq!(reorder(typed), canonical);
    }

    #[test]
    fn nikahit_after_vowel_and_shifter_before() {
        // ចាំ typed with nikahit before AA.
        assert_eq!(reorder("\u{1785}\u{17C6}\u{17B6}"), "\u{1785}\u{17B6}\u{17C6}");
        // ប៊ី: BA + MUUSIKATOAN + II, typed vowel first.
        assert_eq!(reorder("\u{1794}\u{17B8}\u{17C9}"), "\u{1794}\u{17C9}\u{17B8}");
    }

    #[test]
    fn split_vowels_compose() {
        assert_eq!(reorder("\u{1780}\u{17C1}\u{17B8}"), "\u{1780}\u{17BE}");
        assert_eq!(reorder("\u{1780}\u{17C1}\u{17B6}"), "\u{1780}\u{17C4}");
    }

    #[test]
    fn doubled_marks_drop_and_text_outside_khmer_is_untouched() {
        assert_eq!(reorder("\u{1780}\u{17B6}\u{17B6}"), "\u{1780}\u{17B6}");
        assert_eq!(reorder("Article 5 (a)"), "Article 5 (a)");
        let sentence = "មាត្រា ៣១ ព្រះរាជាណាចក្រកម្ពុជា";
        assert_eq!(reorder(sentence), sentence);
    }
}
