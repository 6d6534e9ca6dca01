//! Tokens for the word diff: words, whitespace runs and punctuation marks.
//!
//! Word boundaries come from ICU4X's word segmenter (UAX #29 rules, plus the
//! dictionary segmenter for scripts written without spaces, Khmer among them),
//! so a Khmer sentence falls apart into words just as an English one does. The
//! ICU segments are then cut further, because the diff and the classifier want
//! every *kind* of text separate:
//! - a run of whitespace (including U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER
//!   and U+FEFF, which Khmer typists use as invisible word breaks) is one token;
//! - each punctuation mark outside a word is one token (`(`, `,`, `។`, `៖` ...),
//!   with any combining marks that follow it;
//! - a word keeps the punctuation that ICU keeps inside it (`person’s`,
//!   `1,000,000`, `e.g`): a redline never cuts a word in two.
//!
//! Concatenating the tokens gives the input back, byte for byte.

use std::ops::Range;
use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

use crate::hash::FastMap;

/// One segmenter for the process: its data is compiled in, so building it is
/// cheap, but there is no reason to do it per call.
static SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters or digits (possibly with inner punctuation, as ICU keeps it).
    Word,
    /// Whitespace and invisible word-break characters.
    Space,
    /// A punctuation mark or symbol.
    Punct,
}

/// A token and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The token's text, a slice of the input.
    pub text: &'a str,
    /// Its kind.
    pub kind: TokenKind,
}

/// Whitespace for tokenising: Unicode whitespace and the invisible characters
/// that stand for a word break (ZWSP, word joiner, BOM). ZWJ/ZWNJ and the soft
/// hyphen are not: they sit inside words.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// A letter or digit of any script (Khmer consonants, vowels and digits are
/// alphanumeric to Rust, Khmer dependent vowels and signs are marks: see
/// [`is_mark`]).
fn is_wordish(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks that belong to the character before them (an approximation
/// of General_Category M* for the scripts we meet, plus joiners and variation
/// selectors).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}' | '\u{200D}'
        // Khmer: inherent vowels, dependent vowels and signs (not the
        // punctuation U+17D4..U+17DA, not the currency sign U+17DB).
        | '\u{17B4}'..='\u{17D3}'
        | '\u{17DD}')
}

/// Punctuation for the classifier: what is ignored when deciding whether an
/// edit is cosmetic. Everything that is neither a word character nor space.
pub(crate) fn is_punct(c: char) -> bool {
    !is_wordish(c) && !is_space(c) && !crate::text::is_invisible(c)
}

fn kind_of(text: &str) -> TokenKind {
    if text.chars().all(is_space) {
        TokenKind::Space
    } else if text.chars().any(|c| c.is_alphanumeric()) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}

/// Tokens of a text: words (ICU4X word segmentation; Khmer is split into words
/// with the dictionary segmenter, not kept as whole unspaced sentences),
/// whitespace runs and punctuation each as their own tokens. Concatenation of
/// tokens == input.
pub fn tokenize(text: &str) -> Vec<&str> {
    tokens(text).into_iter().map(|t| t.text).collect()
}

/// [`tokenize`] with each token's kind.
pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::with_capacity(text.len() / 3 + 1);
    segment_into(text, &mut out);
    out
}

/// Tokens of two versions of one text, as [`tokens`] gives them, segmenting
/// what they share once. Both texts are cut into chunks at *safe points*
/// (after a whitespace run, before a letter, digit or opening mark): no word
/// boundary rule looks across a whitespace run and the dictionary segmenter
/// works on runs of Khmer letters that a space ends, so a chunk segments the
/// same alone as in its text. A chunk of `new` that also occurs in `old`
/// reuses the tokens found there; a clause with a few edits costs little more
/// than segmenting one version.
pub(crate) fn tokens_pair<'a>(old: &'a str, new: &'a str) -> (Vec<Token<'a>>, Vec<Token<'a>>) {
    let mut seen: FastMap<&'a str, Range<usize>> = FastMap::default();
    let mut a: Vec<Token<'a>> = Vec::with_capacity(old.len() / 3 + 1);
    for chunk in chunks(old) {
        let start = a.len();
        segment_into(chunk, &mut a);
        seen.entry(chunk).or_insert(start..a.len());
    }
    let mut b: Vec<Token<'a>> = Vec::with_capacity(new.len() / 3 + 1);
    for chunk in chunks(new) {
        match seen.get(chunk) {
            Some(r) => b.extend_from_slice(&a[r.clone()]),
            None => segment_into(chunk, &mut b),
        }
    }
    (a, b)
}

/// Cuts `text` at safe points (see [`tokens_pair`]). Not at every one:
/// chunks of one short English word cost more in lookups than they save. A
/// safe point is taken when the word before its whitespace is long (12 bytes:
/// four Khmer letters) or hashes to 0 mod 4; the choice depends only on the
/// text around the point, so after an edit both versions cut at the same
/// places again from the next cut on.
fn chunks(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 24 + 1);
    let (mut start, mut word_start) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        if !matches!(bytes[i], b' ' | b'\n' | b'\t') {
            i += 1;
            continue;
        }
        let word = &bytes[word_start..i];
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\n' | b'\t') {
            i += 1;
        }
        word_start = i;
        let hash = word.iter().fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        if (word.len() >= 12 || hash.wrapping_mul(0x9E37_79B9) >> 30 == 0) && i < bytes.len() && safe_start(&text[i..]) {
            out.push(&text[start..i]);
            start = i;
        }
    }
    if start < bytes.len() {
        out.push(&text[start..]);
    }
    out
}

/// Whether a chunk may start with this text's first character: a letter or
/// digit of ASCII, Latin-1 or Khmer (consonants, independent vowels,
/// digits), or an opening mark; never a combining mark or a format
/// character, which the segmenter would attach to the space before.
fn safe_start(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else {
        return false;
    };
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1780}'..='\u{17B3}' | '\u{17E0}'..='\u{17E9}' | '(' | '"' | '“' | '‘' | '[' | '§')
}

/// Segments one chunk and appends its tokens.
fn segment_into<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    let mut start = 0;
    for end in SEGMENTER.segment_str(text) {
        if end == 0 {
            continue;
        }
        split_segment(text, start, end, &mut |s, e, k| push(text, out, s, e, k));
        start = end;
    }
}

/// Appends a token; adjacent whitespace segments (`" "`, `"\n"`, `" "`) form one run.
fn push<'a>(text: &'a str, out: &mut Vec<Token<'a>>, start: usize, end: usize, kind: TokenKind) {
    if kind == TokenKind::Space {
        if let Some(last) = out.last_mut() {
            // Only a run in this same text (chunks start with no space).
            if last.kind == TokenKind::Space
                && start >= last.text.len()
                && std::ptr::eq(last.text.as_ptr(), text[start - last.text.len()..].as_ptr())
            {
                last.text = &text[start - last.text.len()..end];
                return;
            }
        }
    }
    out.push(Token { text: &text[start..end], kind });
}

/// Cuts one ICU segment into tokens: whitespace runs and stray punctuation
/// apart; a segment with letters or digits stays whole unless it has leading
/// or trailing punctuation or space (which ICU sometimes attaches, e.g. a
/// format character or a mark after a space).
fn split_segment(text: &str, start: usize, end: usize, emit: &mut impl FnMut(usize, usize, TokenKind)) {
    let seg = &text[start..end];
    // Fast path: an ASCII word or an ordinary word of any script.
    let first = seg.chars().next().unwrap_or(' ');
    let last = seg.chars().next_back().unwrap_or(' ');
    if first.is_alphanumeric() && is_wordish(last) && !seg.chars().any(is_space) {
        emit(start, end, TokenKind::Word);
        return;
    }
    if seg.chars().all(is_space) {
        emit(start, end, TokenKind::Space);
        return;
    }
    // General case: walk the characters. A word part runs from the first to
    // the last alphanumeric (with marks) character between spaces; what is
    // around it is split per character.
    let mut i = start;
    while i < end {
        let rest = &text[i..end];
        let c = rest.chars().next().unwrap_or(' ');
        if is_space(c) {
            let len: usize = rest.chars().take_while(|&c| is_space(c)).map(char::len_utf8).sum();
            emit(i, i + len, TokenKind::Space);
            i += len;
        } else if c.is_alphanumeric() {
            // Up to the next space; then back off trailing punctuation.
            let span: usize = rest.chars().take_while(|&c| !is_space(c)).map(char::len_utf8).sum();
            let word = &rest[..span];
            let trimmed = word.trim_end_matches(|c: char| !is_wordish(c));
            let len = if trimmed.is_empty() { span } else { trimmed.len() };
            emit(i, i + len, kind_of(&rest[..len]));
            i += len;
        } else {
            // One punctuation mark (or a stray mark) with the marks after it.
            let mut len = c.len_utf8();
            for m in rest[len..].chars() {
                if is_mark(m) || crate::text::is_invisible(m) && !is_space(m) {
                    len += m.len_utf8();
                } else {
                    break;
                }
            }
            emit(i, i + len, kind_of(&rest[..len]));
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_spaces_and_punctuation() {
        assert_eq!(
            tokenize("An association shall (a) register, within 30 days."),
            vec![
                "An",
                " ",
                "association",
                " ",
                "shall",
                " ",
                "(",
                "a",
                ")",
                " ",
                "register",
                ",",
                " ",
                "within",
                " ",
                "30",
                " ",
                "days",
                "."
            ]
        );
    }

    #[test]
    fn words_keep_inner_punctuation_and_runs_of_space_are_one_token() {
        assert_eq!(
            tokenize("the person’s fine:  1,000,000 \n riels"),
            vec!["the", " ", "person’s", " ", "fine", ":", "  ", "1,000,000", " \n ", "riels"]
        );
        assert_eq!(tokenize("e-mail “quoted”"), vec!["e", "-", "mail", " ", "“", "quoted", "”"]);
    }

    #[test]
    fn khmer_is_split_into_words() {
        let toks = tokenize("សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ");
        assert!(toks.len() >= 4, "{toks:?}");
        assert!(toks.contains(&"ត្រូវ"), "{toks:?}");
        assert_eq!(toks.concat(), "សមាគមត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ");
    }

    #[test]
    fn khmer_punctuation_is_its_own_token() {
        let toks = tokenize("មាត្រា ១២ ៖ សមាគម។ ចប់៕");
        assert!(toks.contains(&"៖"), "{toks:?}");
        assert!(toks.contains(&"។"), "{toks:?}");
        assert!(toks.contains(&"៕"), "{toks:?}");
        assert!(toks.contains(&"១២"), "{toks:?}");
        assert!(toks.contains(&"មាត្រា"), "{toks:?}");
    }

    #[test]
    fn zero_width_space_is_a_space_token() {
        let toks = tokens("គោលបំណង\u{200B}ច្បាប់");
        assert_eq!(toks.len(), 3, "{toks:?}");
        assert_eq!(toks[1].text, "\u{200B}");
        assert_eq!(toks[1].kind, TokenKind::Space);
        // Next to an ordinary space it joins the run.
        assert_eq!(tokenize("a \u{200B}b"), vec!["a", " \u{200B}", "b"]);
    }

    #[test]
    fn digits_of_both_scripts_are_words() {
        let toks = tokens("Article 12 មាត្រា ១២ (៣០)");
        let words: Vec<&str> = toks.iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.text).collect();
        assert_eq!(words, vec!["Article", "12", "មាត្រា", "១២", "៣០"]);
    }

    #[test]
    fn pairs_segment_as_alone() {
        let old = "ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃត្រូវជូនដំណឹងជាលាយលក្ខណ៍អក្សរទៅអ្នកដាក់ពាក្យ ដោយបញ្ជាក់អំពីហេតុផល ។ The public body shall waive the fee for requesters who are poor, as certified.";
        let new = "ក្នុងករណីបដិសេធ ក្រសួងមហាផ្ទៃអាចជូនដំណឹងជាលាយលក្ខណ៍អក្សរទៅអ្នកដាក់ពាក្យ ដោយបញ្ជាក់អំពីហេតុផល ។ The public body may waive the fee for requesters who are poor, as certified.";
        let (a, b) = tokens_pair(old, new);
        assert_eq!(a, tokens(old));
        assert_eq!(b, tokens(new));
        assert!(chunks(old).len() > 3, "{:?}", chunks(old));
        assert_eq!(chunks(old).concat(), old);
    }

    #[test]
    fn concatenation_gives_the_input() {
        for s in ["", " ", "\n\n", "a", "។", "a\u{0301}", "\u{0301}x", "x\u{200D}y", "-- --", "ក\u{17D2}", "\u{17D2}", "$5.00!"] {
            assert_eq!(tokenize(s).concat(), s, "{s:?}");
            assert!(tokenize(s).iter().all(|t| !t.is_empty()), "{s:?}");
        }
    }
}
