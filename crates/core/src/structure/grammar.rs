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

use super::node::Kind;
use super::number;
use crate::text::{digit_value, numbers};
use std::borrow::Cow;

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

struct Keyword {
    word: &'static str,
    target: Target,
    /// Needs a space (or digit, for scripts without spaces) after it.
    latin: bool,
}

const fn kw(word: &'static str, target: Target, latin: bool) -> Keyword {
    Keyword { word, target, latin }
}

/// Keywords, longest first where one is a prefix of another.
const KEYWORDS: &[Keyword] = &[
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

const ADVERBS: &[&str] = &["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];
/// "New article" markers after a number; `ថ្ម` is how OCR often truncates `ថ្មី`.
const NEW_MARKERS: &[&str] = &["(ថ្មី)", "ថ្មី", "(new)", "[new]"];
const OCR_NEW_MARKER: &str = "ថ្ម";

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

/// Whether some keyword starts with `c` (a lower-cased first character): a line
/// starting with any other letter is no keyword heading, and the keyword search
/// is skipped for it. Kept in step with [`KEYWORDS`] by a test.
fn keyword_initial(c: char) -> bool {
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
fn starts_with_char(word: &str, c: char) -> bool {
    if c.is_ascii() {
        word.as_bytes().first() == Some(&(c as u8))
    } else {
        word.chars().next() == Some(c)
    }
}

/// Whether `s`, lower-cased character by character, starts with `word` (lower
/// case); on a match, the lower-cased character after it (`None` at the end).
/// Compares as it goes instead of lower-casing a copy of the line.
fn folded_prefix(s: &str, word: &str) -> Option<Option<char>> {
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
fn german_ordinal_heading(line: &str) -> Option<Heading> {
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
fn german_ordinal(word: &str) -> Option<u32> {
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

fn keyword_heading(line: &str) -> Option<Heading> {
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
fn roman_dash_heading(line: &str) -> Option<Heading> {
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

fn clean_heading(s: &str) -> String {
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
fn is_collapsed(s: &str) -> bool {
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
mod tests {
    use super::*;

    type Parts = (Target, Option<String>, Option<String>, Option<String>, Option<String>);

    fn h(line: &str) -> Option<Parts> {
        heading(line).map(|h| (h.target, h.num, h.value, h.heading, h.body))
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn article_heading_styles() {
        let art = Target::Clause(Kind::Article);
        assert_eq!(h("Article 5 - Registration"), Some((art, s("5"), s("5"), s("Registration"), None)));
        assert_eq!(h("Article 5: Registration of associations"), Some((art, s("5"), s("5"), s("Registration of associations"), None)));
        assert_eq!(h("Art. 5."), Some((art, s("5"), s("5"), None, None)));
        assert_eq!(h("ARTICLE V"), Some((art, s("V"), s("5"), None, None)));
        assert_eq!(h("Article 5 Registration"), Some((art, s("5"), s("5"), s("Registration"), None)));
        assert_eq!(
            h("Art. 5. The Ministry shall register every association."),
            Some((art, s("5"), s("5"), None, s("The Ministry shall register every association.")))
        );
        assert_eq!(h("មាត្រា ៥ ៖ ការចុះបញ្ជី"), Some((art, s("៥"), s("5"), s("ការចុះបញ្ជី"), None)));
        assert_eq!(h("មាត្រា ៥ ៖ សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ ។"), Some((art, s("៥"), s("5"), None, s("សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ ។"))));
        assert_eq!(h("មាត្រា ១១. ថ្មី"), Some((art, s("១១ ថ្មី"), s("11"), None, None)));
        assert_eq!(h("§ 20a Verein"), Some((art, s("20a"), s("20a"), s("Verein"), None)));
        assert_eq!(h("§ 10 (weggefallen)"), Some((art, s("10"), s("10"), s("(weggefallen)"), None)));
        assert_eq!(h("§§ 3 bis 6 (weggefallen)"), Some((art, s("3 bis 6"), s("3-6"), s("(weggefallen)"), None)));
        assert_eq!(h("Article 4 bis - Fees"), Some((art, s("4 bis"), s("4bis"), s("Fees"), None)));
        assert_eq!(h("Art 143a"), Some((art, s("143a"), s("143a"), None, None)));
    }

    #[test]
    fn sentences_are_not_headings() {
        assert_eq!(h("Article 12 shall apply to foreign associations."), None);
        assert_eq!(h("Articles of association"), None);
        assert_eq!(h("Artificial intelligence"), None);
        assert_eq!(h("Partial compliance is allowed"), None);
        assert_eq!(h("Section 5 of the Act is amended by striking"), None);
    }

    #[test]
    fn groups() {
        let chp = Target::Group(Kind::Chapter);
        assert_eq!(h("CHAPTER 1"), Some((chp, s("1"), s("1"), None, None)));
        assert_eq!(h("Chapter 2 - Right of Access"), Some((chp, s("2"), s("2"), s("Right of Access"), None)));
        assert_eq!(h("CHAPTER ONE"), Some((chp, s("ONE"), s("1"), None, None)));
        assert_eq!(h("Chapter Six: Final"), Some((chp, s("Six"), s("6"), s("Final"), None)));
        assert_eq!(
            h("Chapter Twenty-One - Transitional provisions"),
            Some((chp, s("Twenty-One"), s("21"), s("Transitional provisions"), None))
        );
        assert_eq!(h("CHAPTER FORTY SECOND"), Some((chp, s("FORTY SECOND"), s("42"), None, None)));
        assert_eq!(h("Chapter Thirty - Funds"), Some((chp, s("Thirty"), s("30"), s("Funds"), None)));
        assert_eq!(h("Chapter Eleventh"), Some((chp, s("Eleventh"), s("11"), None, None)));
        // A ten takes a unit, not a teen or another ten.
        assert_eq!(h("Chapter Twenty Twelve"), Some((chp, s("Twenty"), s("20"), s("Twelve"), None)));
        assert_eq!(h("ជំពូកទី ១. អំពីអធិបតេយ្យ"), Some((chp, s("១"), s("1"), s("អំពីអធិបតេយ្យ"), None)));
        assert_eq!(h("ជំពូកទី២"), Some((chp, s("២"), s("2"), None, None)));
        assert_eq!(h("ជំពូកទីមួយ"), Some((chp, s("មួយ"), s("1"), None, None)));
        assert_eq!(h("ជំពូកទី ដប់ប្រាំពីរ បទប្បញ្ញត្តិអន្តរកាល"), Some((chp, s("ដប់ប្រាំពីរ"), s("17"), s("បទប្បញ្ញត្តិអន្តរកាល"), None)));
        assert_eq!(h("ផ្នែកទីពីរ៖ ការចុះបញ្ជី").map(|p| (p.0, p.2)), Some((Target::Group(Kind::Section), s("2"))));
        // Without ទី, a number word is prose: "មាត្រាពីរ" begins "two articles".
        assert_eq!(h("មាត្រាពីរនេះ"), None);
        assert_eq!(h("ជំពូកទីនេះ"), None);
        assert_eq!(h("I. - Die Grundrechte"), Some((chp, s("I"), s("1"), s("Die Grundrechte"), None)));
        assert_eq!(h("VIII a. - Gemeinschaftsaufgaben"), Some((chp, s("VIII a"), s("8a"), s("Gemeinschaftsaufgaben"), None)));
        assert_eq!(h("VIIIa. - Gemeinschaftsaufgaben"), Some((chp, s("VIII a"), s("8a"), s("Gemeinschaftsaufgaben"), None)));
        assert_eq!(h("TITLE I—GENERAL PROVISIONS"), Some((Target::Group(Kind::Title), s("I"), s("1"), s("GENERAL PROVISIONS"), None)));
        assert_eq!(h("SEC. 101. SHORT TITLE."), Some((Target::Clause(Kind::Clause), s("101"), s("101"), s("SHORT TITLE"), None)));
        assert_eq!(h("Buch 1 - Allgemeiner Teil"), Some((Target::Group(Kind::Book), s("1"), s("1"), s("Allgemeiner Teil"), None)));
        assert_eq!(h("ANNEX III"), Some((Target::Annex, s("III"), s("3"), None, None)));
        assert_eq!(
            h("Erster Abschnitt - Das Strafgesetz"),
            Some((Target::Group(Kind::Part), s("Erster"), s("1"), s("Das Strafgesetz"), None))
        );
        assert_eq!(
            h("Fünfter Titel - Absehen von Strafe"),
            Some((Target::Group(Kind::Title), s("Fünfter"), s("5"), s("Absehen von Strafe"), None))
        );
        assert_eq!(h("Dreizehnter Abschnitt"), Some((Target::Group(Kind::Part), s("Dreizehnter"), s("13"), None, None)));
        assert_eq!(
            h("Einundzwanzigster Abschnitt - Begünstigung und Hehlerei"),
            Some((Target::Group(Kind::Part), s("Einundzwanzigster"), s("21"), s("Begünstigung und Hehlerei"), None))
        );
        assert_eq!(h("Siebenter Titel - Test"), Some((Target::Group(Kind::Title), s("Siebenter"), s("7"), s("Test"), None)));
        assert_eq!(
            h("Sechster Abschnitt - Widerstand gegen die Staatsgewalt"),
            Some((Target::Group(Kind::Part), s("Sechster"), s("6"), s("Widerstand gegen die Staatsgewalt"), None))
        );
        assert_eq!(h("Erste Hilfe ist wichtig"), None);
    }

    #[test]
    fn every_german_ordinal_from_1_to_99() {
        let units = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
        let tens = ["", "zehn", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];
        let ordinal = |n: usize| -> Vec<String> {
            let stems: Vec<String> = match n {
                1 => vec!["ers".into()],
                3 => vec!["drit".into()],
                7 => vec!["sieben".into(), "sieb".into()],
                8 => vec!["ach".into()],
                11 => vec!["elf".into()],
                12 => vec!["zwölf".into()],
                16 => vec!["sechzehn".into()],
                17 => vec!["siebzehn".into()],
                2..=9 => vec![units[n].into()],
                10..=19 => vec![format!("{}zehn", units[n - 10])],
                _ if n.is_multiple_of(10) => vec![tens[n / 10].into()],
                _ => vec![format!("{}und{}", units[n % 10], tens[n / 10])],
            };
            // 2..19 take "-t-", 20 and up "-st-"; every ending of the adjective.
            let suffix = if n < 20 { "t" } else { "st" };
            stems.iter().flat_map(|st| ["er", "e", "en", "es", "em"].map(|e| format!("{st}{suffix}{e}"))).collect()
        };
        for n in 1..100 {
            for word in ordinal(n) {
                let capital = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
                assert_eq!(german_ordinal(&capital), Some(n as u32), "{capital}");
            }
        }
    }

    #[test]
    fn markers() {
        let m = marker("(1) Every person has the right").unwrap();
        assert_eq!((m.printed, m.family, m.bracket, m.body), ("(1)", Family::Digit, Bracket::Paren, "Every person has the right"));
        assert_eq!(marker("(ក) សមាគម").unwrap().family, Family::Khmer);
        assert_eq!(marker("១. សមាគម").unwrap().family, Family::Digit);
        assert_eq!(marker("(i) x").unwrap().family, Family::Lower);
        assert_eq!(marker("(iv) x").unwrap().family, Family::LowerRoman);
        assert_eq!(marker("(ii) x").unwrap().family, Family::Lower);
        assert_eq!(marker("b) x").unwrap().family, Family::Lower);
        assert_eq!(marker("(A) x").unwrap().family, Family::Upper);
        assert_eq!(marker("(2a) inserted").unwrap().family, Family::Digit);
        assert!(marker("1.5 million").is_none());
        assert!(marker("A. Smith").is_none());
        assert!(marker("(see above)").is_none());
        assert!(marker("2019. The year").is_none());
    }

    #[test]
    fn keyword_initials_cover_every_keyword() {
        for k in KEYWORDS {
            let initial = k.word.chars().next().unwrap();
            assert!(keyword_initial(initial), "{}", k.word);
            assert!(starts_with_char(k.word, initial), "{}", k.word);
        }
        // The search compares as far as each keyword goes: none may be longer
        // than the 16 lower-cased characters the grammar reads.
        assert!(KEYWORDS.iter().all(|k| k.word.chars().count() <= 14));
    }

    #[test]
    fn folded_prefix_matches_lower_casing() {
        assert_eq!(folded_prefix("Abschnitt 2", "abschnitt"), Some(Some(' ')));
        assert_eq!(folded_prefix("ABSCHNITT", "abschnitt"), Some(None));
        assert_eq!(folded_prefix("Abschnitte", "abschnitt"), Some(Some('e')));
        assert_eq!(folded_prefix("Absatz 2", "abschnitt"), None);
        assert_eq!(folded_prefix("Ab", "abschnitt"), None);
        // Not ASCII: through the case tables.
        assert_eq!(folded_prefix("ÜBER", "über"), Some(None));
        assert_eq!(folded_prefix("មាត្រា ៥", "មាត្រា"), Some(Some(' ')));
        assert_eq!(folded_prefix("Kapitel", "មាត្រា"), None);
        // The Kelvin sign lower-cases to an ASCII k.
        assert_eq!(folded_prefix("\u{212A}apitel", "kapitel"), Some(None));
    }

    #[test]
    fn prose_lines_are_rejected_early_and_headings_still_read() {
        // Prose in each language: no heading, whichever grammar sees them first.
        for line in [
            "auf die Leistung findet § 271 Anwendung.",
            "Die Vorschriften des Titels 2 gelten entsprechend.",
            "bestimmt sich nach den Vorschriften über den Kauf.",
            "Mit dem Tode einer Person geht deren Vermögen über.",
            "Soweit nicht ein anderes bestimmt ist, gilt Folgendes.",
            "Vertrag zugunsten Dritter",
            "Teil der Leistung ist zurückzugewähren.",
            "Artificial intelligence",
            "Done at Phnom Penh",
            "the Minister shall decide.",
            "សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ ។",
            "ក្រសួងមហាផ្ទៃ",
            "Der Schuldner hat die Leistung zu bewirken.",
            "Durch den Vertrag wird der Verkäufer verpflichtet.",
        ] {
            assert_eq!(h(line), None, "{line}");
        }
        let art = Target::Clause(Kind::Article);
        assert_eq!(h("§ 1 Beginn der Rechtsfähigkeit"), Some((art, s("1"), s("1"), s("Beginn der Rechtsfähigkeit"), None)));
        assert_eq!(
            h("(XXXX) §§ 1836a und 1836b (weggefallen)"),
            Some((art, s("1836a und 1836b"), s("1836a-1836b"), s("(weggefallen)"), None))
        );
        assert_eq!(h("Untertitel 3 - Beschränkung der Haftung des Erben").map(|p| p.0), Some(Target::Group(Kind::Subtitle)));
        assert_eq!(h("Unterkapitel 2 - Verwaltung").map(|p| p.0), Some(Target::Group(Kind::Subchapter)));
        assert_eq!(h("ABSCHNITT 2").map(|p| p.0), Some(Target::Group(Kind::Part)));
        assert_eq!(h("Kapitel 1 - Allgemeines").map(|p| p.0), Some(Target::Group(Kind::Chapter)));
        assert_eq!(h("Art 4 bis - Fees").map(|p| p.1), Some(s("4 bis")));
        assert_eq!(h("Article 4 BIS - Fees").map(|p| p.2), Some(s("4bis")));
        assert_eq!(h("ជំពូក ២").map(|p| p.0), Some(Target::Group(Kind::Chapter)));
        assert_eq!(h("ផ្នែកទី ៣").map(|p| p.0), Some(Target::Group(Kind::Section)));
        assert_eq!(h("ឧបសម្ព័ន្ធ ១").map(|p| p.0), Some(Target::Annex));
        assert_eq!(h("Zweiter Titel - Kauf").map(|p| (p.0, p.2)), Some((Target::Group(Kind::Title), s("2"))));
        assert_eq!(h("Erstes Buch - Allgemeiner Teil").map(|p| (p.0, p.2)), Some((Target::Group(Kind::Book), s("1"))));
        // An ordinal before a word that only begins like a keyword is prose.
        assert_eq!(h("Erster Titelverteidiger"), None);
        assert_eq!(h("XIV. - Schlussbestimmungen").map(|p| p.2), Some(s("14")));
        assert_eq!(h("Die. - Kein Kapitel"), None);
    }

    #[test]
    fn signatures_and_collapsed_headings() {
        assert!(is_signature("Done at Brussels, 3 May"));
        assert!(is_signature("PHNOM PENH, 1 January"));
        assert!(is_signature("ធ្វើនៅរាជធានីភ្នំពេញ ថ្ងៃទី"));
        assert!(!is_signature("Done"));
        assert!(!is_signature("Dones at"));
        assert!(is_collapsed("Beginn der Rechtsfähigkeit"));
        assert!(is_collapsed(""));
        assert!(!is_collapsed("Beginn  der"));
        assert!(!is_collapsed(" Beginn"));
        assert!(!is_collapsed("Beginn\tder"));
        assert!(!is_collapsed("Beginn "));
        assert_eq!(clean_heading("SHORT  TITLE."), "SHORT TITLE");
        assert_eq!(clean_heading("Short title."), "Short title.");
    }

    #[test]
    fn marker_families_without_copies() {
        let m = marker("(2a) inserted text").unwrap();
        assert_eq!((m.printed, m.symbol, m.body), ("(2a)", "2a", "inserted text"));
        assert_eq!(marker("(4bis) x").unwrap().family, Family::Digit);
        assert!(marker("(1234) x").is_none());
        assert!(marker("(12ab) x").is_none());
        assert_eq!(marker("(១២) x").unwrap().family, Family::Digit);
        assert_eq!(marker("(IV) x").unwrap().family, Family::UpperRoman);
        assert_eq!(marker("(aa) x").unwrap().family, Family::Lower);
        assert!(marker("(ab) x").is_none());
        assert!(marker("(Ab) x").is_none());
        assert_eq!(marker("ខ. x").unwrap().family, Family::Khmer);
    }
}
