//! Keyword headings (`Article 5`, `មាត្រា ៥`, `§ 20a`, `CHAPTER II`), German ordinal
//! headings (`Erster Abschnitt`) and Roman-numeral chapters (`I. - ...`), with their numbers.

use super::{Heading, Target};
use crate::structure::node::Kind;
use crate::structure::number;
use crate::text::{digit_value, numbers};
use std::borrow::Cow;

pub(super) struct Keyword {
    pub(super) word: &'static str,
    target: Target,
    /// Needs a space (or digit, for scripts without spaces) after it.
    latin: bool,
}

const fn kw(word: &'static str, target: Target, latin: bool) -> Keyword {
    Keyword { word, target, latin }
}

/// Keywords, longest first where one is a prefix of another.
pub(super) const KEYWORDS: &[Keyword] = &[
    kw("subchapter", Target::Group(Kind::Subchapter), true),
    kw("subsection", Target::Group(Kind::Subsection), true),
    kw("subtitle", Target::Group(Kind::Subtitle), true),
    kw("chapter", Target::Group(Kind::Chapter), true),
    kw("chap.", Target::Group(Kind::Chapter), true),
    kw("article", Target::Clause(Kind::Article), true),
    kw("artikel", Target::Clause(Kind::Article), true),
    kw("art.", Target::Clause(Kind::Article), true),
    kw("art", Target::Clause(Kind::Article), true),
    kw("section", Target::Section, true),
    kw("sec.", Target::Clause(Kind::Clause), true),
    kw("part", Target::Group(Kind::Part), true),
    kw("book", Target::Group(Kind::Book), true),
    kw("title", Target::Group(Kind::Title), true),
    kw("annex", Target::Annex, true),
    kw("schedule", Target::Annex, true),
    kw("appendix", Target::Annex, true),
    kw("anlage", Target::Annex, true),
    kw("buch", Target::Group(Kind::Book), true),
    kw("teil", Target::Group(Kind::Part), true),
    kw("unterabschnitt", Target::Group(Kind::Title), true),
    kw("abschnitt", Target::Group(Kind::Part), true),
    kw("untertitel", Target::Group(Kind::Subtitle), true),
    kw("titel", Target::Group(Kind::Title), true),
    kw("unterkapitel", Target::Group(Kind::Subchapter), true),
    kw("kapitel", Target::Group(Kind::Chapter), true),
    kw("§§", Target::Clause(Kind::Article), false),
    kw("§", Target::Clause(Kind::Article), false),
    kw("ឧបសម្ព័ន្ធ", Target::Annex, false),
    kw("មាត្រា", Target::Clause(Kind::Article), false),
    kw("ជំពូក", Target::Group(Kind::Chapter), false),
    kw("ផ្នែក", Target::Group(Kind::Section), false),
    kw("ភាគ", Target::Group(Kind::Part), false),
    kw("គន្ថី", Target::Group(Kind::Book), false),
    kw("លន្តិកៈ", Target::Group(Kind::Title), false),
];

pub(super) const ADVERBS: &[&str] = &["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];
/// "New article" markers after a number; `ថ្ម` is how OCR often truncates `ថ្មី`.
const NEW_MARKERS: &[&str] = &["(ថ្មី)", "ថ្មី", "(new)", "[new]"];
const OCR_NEW_MARKER: &str = "ថ្ម";

/// Whether some keyword starts with `c` (a lower-cased first character): a line
/// starting with any other letter is no keyword heading, and the keyword search
/// is skipped for it. Kept in step with [`KEYWORDS`] by a test.
pub(super) fn keyword_initial(c: char) -> bool {
    matches!(c, 's' | 'c' | 'a' | 'p' | 'b' | 't' | 'u' | 'k' | '§' | 'ឧ' | 'ម' | 'ជ' | 'ផ' | 'ភ' | 'គ' | 'ល')
}

/// The first character of `c` lower-cased (ASCII without the case tables).
fn lower_initial(c: char) -> Option<char> {
    if c.is_ascii() {
        Some(c.to_ascii_lowercase())
    } else {
        c.to_lowercase().next()
    }
}

/// Whether `word` starts with `c`: one byte compared when `c` is ASCII, one
/// character decoded otherwise (`str::starts_with` calls `memcmp`, which costs
/// more than the whole comparison here: `§` lines try every keyword).
#[allow(clippy::chars_next_cmp)]
pub(super) fn starts_with_char(word: &str, c: char) -> bool {
    if c.is_ascii() {
        word.as_bytes().first() == Some(&(c as u8))
    } else {
        word.chars().next() == Some(c)
    }
}

/// Whether `s`, lower-cased character by character, starts with `word` (lower
/// case); on a match, the lower-cased character after it (`None` at the end).
/// Compares as it goes instead of lower-casing a copy of the line.
pub(super) fn folded_prefix(s: &str, word: &str) -> Option<Option<char>> {
    // ASCII (the usual case): byte by byte, no case tables. An ASCII start can
    // never match a word with other characters, as none lower-cases to ASCII.
    let w = word.as_bytes();
    if let Some(head) = s.as_bytes().get(..w.len()).filter(|h| h.is_ascii()) {
        if !head.iter().zip(w).all(|(c, w)| c.to_ascii_lowercase() == *w) {
            return None;
        }
        return Some(s[w.len()..].chars().next().and_then(|c| c.to_lowercase().next()));
    }
    let mut folded = s.chars().flat_map(char::to_lowercase);
    for w in word.chars() {
        if folded.next()? != w {
            return None;
        }
    }
    Some(folded.next())
}

/// German ordinal before the keyword: "Erster Abschnitt - ...", "Fünfter Titel".
pub(super) fn german_ordinal_heading(line: &str) -> Option<Heading> {
    // The first word, up to the first space. Every ordinal stem ends in "t"
    // (erst-, zweit-, zwanzigst-): prose words without one ("Der", "Die") stop
    // here, before the keyword search and the lower-cased copy `german_ordinal`
    // makes.
    let mut has_t = false;
    let space = line.bytes().position(|b| {
        has_t |= matches!(b, b't' | b'T');
        b == b' '
    })?;
    if !has_t {
        return None;
    }
    let (word, rest) = (&line[..space], line[space + 1..].trim_start());
    // The keyword (a group, in Latin script) must follow; checked before the
    // ordinal, which is dearer. Its next character must not continue a word.
    let initial = lower_initial(rest.chars().next()?)?;
    let kw = KEYWORDS
        .iter()
        .filter(|k| k.latin && matches!(k.target, Target::Group(_)) && starts_with_char(k.word, initial))
        .find(|k| folded_prefix(rest, k.word).is_some_and(|next| !next.is_some_and(char::is_alphanumeric)))?;
    let value = german_ordinal(word)?;
    let after = &rest[kw.word.len()..];
    let (_, after) = strip_separators(after);
    let after = after.trim();
    Some(Heading {
        target: kw.target,
        num: Some(word.to_string()),
        value: Some(value.to_string()),
        heading: (!after.is_empty()).then(|| clean_heading(after)),
        body: None,
    })
}

/// Value of a German ordinal adjective (erster ... neunundneunzigster), any ending.
pub(super) fn german_ordinal(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let stem = ["er", "es", "en", "em", "e"].iter().find_map(|e| w.strip_suffix(e)).unwrap_or(&w);
    let stem = stem.strip_suffix("st").or_else(|| stem.strip_suffix('t'))?;
    const UNITS: [(&str, u32); 14] = [
        ("ers", 1),
        ("er", 1),
        ("zwei", 2),
        ("drit", 3),
        ("vier", 4),
        ("fünf", 5),
        ("sechs", 6),
        // "sechst" less its "st".
        ("sech", 6),
        ("sieben", 7),
        ("sieb", 7),
        ("ach", 8),
        ("neun", 9),
        ("elf", 11),
        ("zwölf", 12),
    ];
    const TENS: [(&str, u32); 8] = [
        ("zwanzig", 20),
        ("dreißig", 30),
        ("vierzig", 40),
        ("fünfzig", 50),
        ("sechzig", 60),
        ("siebzig", 70),
        ("achtzig", 80),
        ("neunzig", 90),
    ];
    let unit = |s: &str| UNITS.iter().find(|(u, _)| *u == s).map(|(_, v)| *v);
    if let Some(v) = unit(stem) {
        return Some(v);
    }
    if stem == "zehn" {
        return Some(10);
    }
    if let Some(u) = stem.strip_suffix("zehn") {
        let u = match u {
            "drei" => "drit",
            "sieb" => "sieben",
            "acht" => "ach",
            x => x,
        };
        return unit(u).filter(|v| (3..=9).contains(v)).map(|v| 10 + v);
    }
    for (t, tv) in TENS {
        if stem == t {
            return Some(tv);
        }
        if let Some(u) = stem.strip_suffix(t).and_then(|x| x.strip_suffix("und")) {
            let u = match u {
                "ein" => "ers",
                "drei" => "drit",
                "acht" => "ach",
                x => x,
            };
            return unit(u).filter(|v| *v <= 9).map(|v| tv + v);
        }
    }
    None
}

pub(super) fn keyword_heading(line: &str) -> Option<Heading> {
    // The Bundestag's Markdown prefixes ranges of repealed § with "(XXXX)".
    let line = match line.strip_prefix("(XXXX)") {
        Some(rest) => rest.trim_start(),
        None => line,
    };
    let first = line.chars().next()?;
    if !(first.is_alphabetic() || first == '§') {
        return None;
    }
    // Most lines start with a letter no keyword starts with: they need no
    // keyword search at all.
    let initial = lower_initial(first)?;
    if !keyword_initial(initial) {
        return None;
    }
    // Case-insensitive prefix, compared in full only with the keywords of that
    // initial, as far as each goes.
    let kw = KEYWORDS.iter().find(|k| starts_with_char(k.word, initial) && folded_prefix(line, k.word).is_some())?;
    // Byte length of the keyword in the original line (case folding keeps length
    // for the ASCII and Khmer keywords we have).
    let mut rest = line.get(kw.word.len()..)?;
    let next = rest.chars().next();
    if kw.latin {
        // "Art" must not match "Artificial"; "Art.5" is fine.
        if next.is_some_and(|c| c.is_alphanumeric() && !kw.word.ends_with('.')) {
            return None;
        }
    }
    // Khmer ordinal prefix: ជំពូកទី ១ / ផ្នែកទី២ / ជំពូកទីមួយ.
    rest = rest.trim_start();
    let ordinal = rest.strip_prefix("ទី");
    if let Some(r) = ordinal {
        rest = r.trim_start();
    }
    let (num, value, after) = if kw.word == "§§" {
        range_number(rest)?
    } else if let Some(n) = number_token(rest) {
        n
    } else if ordinal.is_some() {
        // In words only after ទី: "មាត្រាពីរ" also begins "two articles ...".
        khmer_number_words(rest)?
    } else {
        return None;
    };
    let mut after = after;
    // A "new" marker right after the number belongs to the printed number.
    let mut printed = num;
    let (sep1, a) = strip_separators(after);
    after = a;
    for m in NEW_MARKERS {
        if let Some(r) = after.strip_prefix(m) {
            printed = format!("{printed} {m}");
            after = r;
            // "ថ្មី (ពីរ)": new, for the second time.
            let t = r.trim_start();
            if let Some(close) = t.strip_prefix('(').and_then(|x| x.find(')')) {
                let group = &t[..close + 2];
                if group.chars().count() <= 12 {
                    printed = format!("{printed} {group}");
                    after = &t[close + 2..];
                }
            }
            break;
        }
    }
    let (sep2, after) = strip_separators(after);
    let separated = sep1 || sep2;
    let mut rest = after.trim();
    if rest == OCR_NEW_MARKER {
        printed = format!("{printed} {rest}");
        rest = "";
    }
    let mut h = Heading { target: kw.target, num: Some(printed), value, heading: None, body: None };
    if rest.is_empty() {
        return Some(h);
    }
    if looks_like_heading(rest, separated) {
        h.heading = Some(clean_heading(rest));
        return Some(h);
    }
    if separated {
        h.body = Some(rest.to_string());
        return Some(h);
    }
    None
}

/// `I. - Die Grundrechte`, `VIII a. - Gemeinschaftsaufgaben`, `II – ...`
pub(super) fn roman_dash_heading(line: &str) -> Option<Heading> {
    // The numeral is in capitals: a line starting otherwise ("Die", "der") is
    // rejected before the Roman numeral is read.
    if !line.starts_with(['I', 'V', 'X', 'L', 'C', 'D', 'M']) {
        return None;
    }
    let end = line.find(|c: char| !c.is_ascii_alphabetic())?;
    // "VIIIa." carries its letter suffix attached.
    let (numeral, attached) = match line[..end].strip_suffix(|c: char| c.is_ascii_lowercase()) {
        Some(n) if !n.is_empty() => (n, &line[n.len()..end]),
        _ => (&line[..end], ""),
    };
    if !numeral.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let value = number::roman(&numeral.to_ascii_lowercase())?;
    let mut rest = &line[end..];
    let mut printed = numeral.to_string();
    if !attached.is_empty() {
        printed = format!("{numeral} {attached}");
    }
    // Optional letter suffix: "VIII a."
    let trimmed = rest.trim_start();
    if let Some(c) = trimmed.chars().next() {
        if c.is_ascii_lowercase() && trimmed[1..].starts_with('.') {
            printed.push(' ');
            printed.push(c);
            rest = &trimmed[1..];
        }
    }
    let rest = rest.trim_start().strip_prefix('.').unwrap_or(rest.trim_start()).trim_start();
    let rest = rest.strip_prefix(['-', '–', '—'])?.trim();
    if rest.is_empty() || !looks_like_heading(rest, true) {
        return None;
    }
    let suffix = printed.split(' ').nth(1).unwrap_or("");
    Some(Heading {
        target: Target::Group(Kind::Chapter),
        value: Some(format!("{value}{suffix}")),
        num: Some(printed),
        heading: Some(clean_heading(rest)),
        body: None,
    })
}

/// Reads a number token at the start of `s`: digits (either script, dotted,
/// with a letter or Latin-adverb suffix), a Roman numeral, or a number word.
/// Returns (printed, value, rest).
fn number_token(s: &str) -> Option<(String, Option<String>, &str)> {
    let first = s.chars().next()?;
    let mut end;
    if digit_value(first).is_some() {
        end = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if digit_value(c).is_some() {
                end = i + c.len_utf8();
            } else if c == '.' && chars.peek().is_some_and(|&(_, n)| digit_value(n).is_some()) {
                continue;
            } else {
                break;
            }
        }
        // Letter suffix directly attached ("20a", "4A") or an adverb ("4 bis").
        let tail = &s[end..];
        let letters = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
        if letters > 0 && letters <= 2 && !tail[letters..].starts_with(|c: char| c.is_alphanumeric()) {
            end += letters;
        } else {
            let t = tail.trim_start_matches([' ', '-']);
            // Case-insensitive prefix, without a lower-cased copy of the line per adverb.
            let starts = |a: &str| t.as_bytes().get(..a.len()).is_some_and(|p| p.eq_ignore_ascii_case(a.as_bytes()));
            if let Some(adv) = ADVERBS.iter().find(|a| starts(a)) {
                let after = &t[adv.len()..];
                if !after.starts_with(|c: char| c.is_alphanumeric()) {
                    end = s.len() - after.len();
                }
            }
        }
    } else if first.is_ascii_alphabetic() {
        let word_end = |t: &str| t.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(t.len());
        end = word_end(s);
        if let Some(mut value) = numbers::english_word(&s[..end]) {
            // A ten and a unit: "Twenty-One", "Twenty one", "Forty-second".
            if value >= 20 {
                if let Some(unit) = s[end..].strip_prefix(['-', ' ']) {
                    let e = word_end(unit);
                    if let Some(u) = numbers::english_word(&unit[..e]).filter(|u| *u < 10) {
                        value += u;
                        end += 1 + e;
                    }
                }
            }
            return Some((s[..end].to_string(), Some(value.to_string()), &s[end..]));
        }
        let word = s[..end].to_ascii_lowercase();
        number::roman(&word)?;
        // Roman numerals are written in one case.
        let token = &s[..end];
        if !(token.chars().all(|c| c.is_ascii_uppercase()) || token.chars().all(|c| c.is_ascii_lowercase())) {
            return None;
        }
    } else {
        return None;
    }
    let printed = s[..end].trim().to_string();
    let value = number::value(&printed);
    value.as_ref()?;
    Some((printed, value, &s[end..]))
}

/// A number in Khmer words at the start of `s` ("មួយ", "ដប់ប្រាំពីរ"), up to
/// the first character that is not a Khmer letter or sign.
fn khmer_number_words(s: &str) -> Option<(String, Option<String>, &str)> {
    let end =
        s.find(|c: char| !crate::text::khmer::is_khmer(c) || digit_value(c).is_some() || matches!(c, '។' | '៕' | '៖')).unwrap_or(s.len());
    let word = &s[..end];
    let value = numbers::words_value([word]).filter(|_| !word.is_empty())?;
    Some((word.to_string(), Some(value.to_string()), &s[end..]))
}

/// `3 bis 6`, `3 und 4`, `3 to 6` after `§§`.
fn range_number(s: &str) -> Option<(String, Option<String>, &str)> {
    // Digits and at most one letter: in "3 bis 6", "bis" means "to", not 3bis.
    let simple = |t: &str| -> Option<(String, String, usize)> {
        let digits = t.find(|c: char| digit_value(c).is_none()).unwrap_or(t.len());
        if digits == 0 {
            return None;
        }
        let mut end = digits;
        if t[end..].starts_with(|c: char| c.is_ascii_lowercase()) && !t[end + 1..].starts_with(|c: char| c.is_alphanumeric()) {
            end += 1;
        }
        let printed = t[..end].to_string();
        let value = number::value(&printed)?;
        Some((printed, value, end))
    };
    let (a, va, end) = simple(s)?;
    let r = s[end..].trim_start();
    for joiner in ["bis", "und", "to", "-", "–"] {
        if let Some(r2) = r.strip_prefix(joiner) {
            let r2 = r2.trim_start();
            if let Some((b, vb, end2)) = simple(r2) {
                return Some((format!("{a} {joiner} {b}"), Some(format!("{va}-{vb}")), &r2[end2..]));
            }
        }
    }
    Some((a, Some(va), &s[end..]))
}

/// Strips heading separators; says whether there was one.
fn strip_separators(s: &str) -> (bool, &str) {
    let t = s.trim_start();
    let stripped = t.trim_start_matches(|c: char| matches!(c, '.' | ':' | '-' | '–' | '—' | '៖' | '។' | ')') || c.is_whitespace());
    (stripped.len() != t.len() && t.starts_with(|c: char| !c.is_whitespace()), stripped)
}

/// Heading text, not a sentence: short, no sentence-final punctuation (except an
/// all-capitals US heading like `SHORT TITLE.`), and, in Latin script, not starting
/// in lower case (`Article 12 shall apply` is a sentence).
pub fn looks_like_heading(s: &str, separated: bool) -> bool {
    // Words (runs of non-space), characters and Khmer characters, in one pass.
    // Khmer runs words together: its length counts in characters instead.
    let (mut words, mut chars, mut khmer, mut in_word) = (0, 0, 0, false);
    for c in s.chars() {
        chars += 1;
        khmer += usize::from(crate::text::khmer::is_khmer(c));
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    // Long headings exist ("§ 675z Sonstige Ansprüche bei nicht erfolgter ...");
    // a sentence is ruled out below by its case and punctuation.
    if words > 40 || chars > 400 || khmer > 80 {
        return false;
    }
    // A sentence end inside the text: "លែងទោស ។ ព្រះមហាក្សត្រ ..." or "Scope. This Law ...".
    let inner = s.trim_end_matches(['.', '។', ' ']);
    if inner.contains('។') || inner.contains(". ") && inner.split(". ").nth(1).is_some_and(|t| t.starts_with(char::is_uppercase)) {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if first.is_lowercase() && !separated {
        return false;
    }
    let last = s.chars().last().unwrap_or(' ');
    let all_caps = s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    if matches!(last, '.' | ';' | '។' | ':' | ',') {
        // "SHORT TITLE." and "(weggefallen)." are headings; sentences are not.
        return all_caps && last == '.' && s.chars().any(|c| c.is_alphabetic());
    }
    true
}

pub(super) fn clean_heading(s: &str) -> String {
    // Most headings are already single-spaced: copied once, not split and joined.
    let s: Cow<str> = if is_collapsed(s) { Cow::Borrowed(s) } else { Cow::Owned(crate::text::collapse_ws(s)) };
    let all_caps = || s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    if s.ends_with('.') && !s.ends_with("..") && all_caps() {
        s[..s.len() - 1].to_string()
    } else {
        s.into_owned()
    }
}

/// Whether `s` is as [`crate::text::collapse_ws`] leaves it: no whitespace at
/// the ends, and none inside but single spaces.
pub(super) fn is_collapsed(s: &str) -> bool {
    // A space at the start counts as following a space.
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}
