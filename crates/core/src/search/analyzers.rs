//! The text analyzers of the index, registered under their own names.
//!
//! All of them start from the same word tokenizer, [`Words`]: the display
//! form of the text ([`crate::text::normalize`]: NFC, Khmer clusters in
//! canonical order) cut into words by ICU4X (UAX #29 plus the dictionary
//! segmenter, so an unspaced Khmer sentence falls apart into its words),
//! the word tokens of [`crate::diff`]'s tokenizer. Whitespace, zero-width
//! spaces and punctuation are not tokens. Each word is then folded: invisible
//! characters dropped, Khmer digits read as ASCII digits, lower case. A Khmer
//! query typed in another code-point order normalises to the same words.
//!
//! - [`KHMER`]: [`Words`] with compound parts (Khmer has no case or stems;
//!   Latin words in a Khmer text are lower-cased by the fold). ICU's Khmer
//!   dictionary keeps compounds whole (សិទ្ធិមនុស្ស "human rights",
//!   ការចុះបញ្ជី "registration", ប្រជាពលរដ្ឋ "citizen"), so a search for
//!   សិទ្ធិ or ចុះបញ្ជី would miss them. When a Khmer word splits, at
//!   cluster boundaries, into two parts that are each a word of the dictionary
//!   (ICU segments the part alone as one word of at least two clusters), the
//!   parts are indexed too, at the word's position, recursively. A string that
//!   crosses a word boundary (ធិមនុ) is never a part, so it is still not
//!   found. Queries are analysed without this step ([`query_tokenizers`]): a
//!   query word is looked up as typed, and found whole or as a part;
//! - [`EN_STEM`]: [`Words`], ASCII folding, the English Snowball stemmer;
//! - [`EXACT`]: [`Words`] and ASCII folding, no stemming: quoted phrases are
//!   searched here, and it is the analyzer for languages we have no stemmer
//!   for (German in the corpus), so no language is stemmed wrongly;
//! - [`KEYWORD`]: the whole value lower-cased, for filters (`bill:`, `right:`).

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};

use std::borrow::Cow;

use crate::diff::tokens::{tokens, TokenKind};
use crate::text;

/// Khmer (and any text in a script without spaces).
pub const KHMER: &str = "khmer";
/// English, stemmed.
pub const EN_STEM: &str = "en_stem";
/// Unstemmed words: exact phrases and languages without a stemmer.
pub const EXACT: &str = "exact";
/// Filter values: one lower-cased token.
pub const KEYWORD: &str = "keyword";

/// Registers the analyzers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    register_common(manager);
    manager.register(KHMER, TextAnalyzer::builder(Words { compounds: true }).build());
}

/// The analyzers for parsing queries: as [`register`], but a Khmer query
/// word is not split into compound parts (it must be found as typed). Built
/// once (a manager is cheap to clone: its analyzers are shared).
pub fn query_tokenizers() -> TokenizerManager {
    static MANAGER: std::sync::LazyLock<TokenizerManager> = std::sync::LazyLock::new(|| {
        let manager = TokenizerManager::default();
        register_common(&manager);
        manager.register(KHMER, TextAnalyzer::builder(Words::default()).build());
        manager
    });
    MANAGER.clone()
}

fn register_common(manager: &TokenizerManager) {
    manager.register(
        EN_STEM,
        TextAnalyzer::builder(Words::default()).filter(AsciiFoldingFilter).filter(Stemmer::new(Language::English)).build(),
    );
    manager.register(EXACT, TextAnalyzer::builder(Words::default()).filter(AsciiFoldingFilter).build());
    manager.register(KEYWORD, TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
}

/// The word tokenizer shared by the text analyzers (see the module docs).
#[derive(Clone, Default)]
pub struct Words {
    /// Also emit the dictionary words a Khmer compound is made of.
    compounds: bool,
}

/// The words of one text, folded, with their offsets.
pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, input: &'a str) -> WordStream {
        WordStream { tokens: words(input, self.compounds), next: 0 }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The folded words of `input`. Stored texts are already in display form, so
/// offsets point into `input` and snippets can mark them. A text that is not
/// (a query typed on another keyboard) is normalised first and its tokens
/// span the whole input: a query's offsets are never used.
fn words(input: &str, compounds: bool) -> Vec<Token> {
    let normal = text::normalize(input);
    let same = normal == input;
    let mut out = Vec::new();
    for t in tokens(&normal) {
        if t.kind != TokenKind::Word {
            continue;
        }
        let folded = fold_word(t.text).into_owned();
        if folded.is_empty() {
            continue;
        }
        let start = t.text.as_ptr() as usize - normal.as_ptr() as usize;
        let (offset_from, offset_to) = if same { (start, start + t.text.len()) } else { (0, input.len()) };
        let position = out.last().map(|t: &Token| t.position + 1).unwrap_or(0);
        let parts = if compounds { compound_parts(&folded) } else { Vec::new() };
        // A part's offsets are inside the word when folding changed nothing
        // (Khmer without digits or invisible characters); else the word's.
        // The word comes first and its parts in order: offsets never go back
        // (the snippet generator relies on it).
        let exact = same && t.text == folded;
        let part_texts: Vec<String> = parts.iter().map(|&(from, to)| folded[from..to].to_string()).collect();
        out.push(Token { offset_from, offset_to, position, text: folded, position_length: 1 });
        for (&(from, to), text) in parts.iter().zip(part_texts) {
            let (pf, pt) = if exact { (offset_from + from, offset_from + to) } else { (offset_from, offset_to) };
            out.push(Token { offset_from: pf, offset_to: pt, position, text, position_length: 1 });
        }
    }
    out
}

/// Byte ranges of the words of `text` as [`Words`] cuts them (compound
/// parts aside), stored with each document so that a snippet needs no word
/// segmentation (see [`super::snippet`]). Empty when `text` is not in
/// display form: stored texts always are.
pub fn word_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    if text::normalize(text) != text {
        return Vec::new();
    }
    let base = text.as_ptr() as usize;
    tokens(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && !fold_word(t.text).is_empty())
        .map(|t| {
            let start = t.text.as_ptr() as usize - base;
            start..start + t.text.len()
        })
        .collect()
}

/// Longest Khmer word (in bytes) split into compound parts: dictionary
/// words are shorter, a longer run is a name or an unknown string.
const MAX_COMPOUND: usize = 120;

/// The compound parts of a Khmer word as byte ranges (see the module docs),
/// memoised: a text repeats its words.
pub(super) fn compound_parts(word: &str) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    type Parts = Vec<(usize, usize)>;
    static MEMO: LazyLock<Mutex<HashMap<String, Parts>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
    if word.len() < 9 || word.len() > MAX_COMPOUND || !word.chars().next().is_some_and(text::khmer::is_khmer) {
        return Vec::new();
    }
    if let Some(parts) = MEMO.lock().expect("memo").get(word) {
        return parts.clone();
    }
    let mut parts = Vec::new();
    split_parts(word, 0, &mut parts, 0);
    parts.sort_unstable();
    parts.dedup();
    let mut memo = MEMO.lock().expect("memo");
    if memo.len() > 200_000 {
        memo.clear();
    }
    memo.insert(word.to_string(), parts.clone());
    parts
}

fn split_parts(word: &str, base: usize, out: &mut Vec<(usize, usize)>, depth: usize) {
    if depth > 3 {
        return;
    }
    let bounds = cluster_bounds(word);
    if bounds.len() < 3 {
        return;
    }
    for &at in &bounds[1..bounds.len() - 1] {
        let (left, right) = word.split_at(at);
        if is_word(left) && is_word(right) {
            out.push((base, base + at));
            out.push((base + at, base + word.len()));
            split_parts(left, base, out, depth + 1);
            split_parts(right, base + at, out, depth + 1);
        }
    }
}

/// Byte offsets where a Khmer cluster starts (a consonant or independent
/// vowel not written below another with COENG), plus the end.
fn cluster_bounds(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = '\0';
    for (i, c) in word.char_indices() {
        if matches!(c, '\u{1780}'..='\u{17B3}') && prev != '\u{17D2}' {
            out.push(i);
        }
        prev = c;
    }
    out.push(word.len());
    out
}

/// Whether ICU's dictionary reads `s` alone as one word, of at least two
/// clusters or four letters: one short cluster (ក្រ, ចុះ) is as often a
/// syllable of a longer word as a word.
fn is_word(s: &str) -> bool {
    (cluster_bounds(s).len() > 2 || s.chars().count() >= 4) && {
        let t = tokens(s);
        t.len() == 1 && t[0].kind == TokenKind::Word
    }
}

/// A word as indexed: invisible characters dropped, Khmer digits as ASCII,
/// lower case. Borrowed when that changes nothing (most words of a text).
pub(crate) fn fold_word(word: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        let mut lower = c.to_lowercase();
        text::is_invisible(c) || text::digit_value(c).is_some() && !c.is_ascii_digit() || lower.next() != Some(c) || lower.next().is_some()
    };
    if !word.chars().any(changes) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if text::is_invisible(c) {
            continue;
        }
        match text::digit_value(c) {
            Some(d) => out.push(char::from(b'0' + d)),
            None => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(name: &str, s: &str) -> Vec<String> {
        let manager = TokenizerManager::default();
        register(&manager);
        analyse_with(&manager, name, s)
    }

    fn analyse_with(manager: &TokenizerManager, name: &str, s: &str) -> Vec<String> {
        let mut analyzer = manager.get(name).unwrap();
        let mut stream = analyzer.token_stream(s);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn khmer_sentence_falls_into_words() {
        // "the kingdom of Cambodia recognises and respects human rights",
        // written without spaces (Constitution, Article 31).
        let words = analyse_with(&query_tokenizers(), KHMER, "ព្រះរាជាណាចក្រកម្ពុជាទទួលស្គាល់និងគោរពសិទ្ធិមនុស្ស");
        assert_eq!(words, ["ព្រះរាជាណាចក្រ", "កម្ពុជា", "ទទួលស្គាល់", "និង", "គោរព", "សិទ្ធិមនុស្ស"]);
    }

    #[test]
    fn khmer_compounds_are_indexed_with_their_parts() {
        // The word, then its parts, all at the word's position; nothing
        // that crosses the parts' boundary (ទ្ធិម, ធិមនុ).
        let words = analyse(KHMER, "សិទ្ធិមនុស្ស ការចុះបញ្ជី");
        assert_eq!(words, ["សិទ្ធិមនុស្ស", "សិទ្ធិ", "មនុស្ស", "ការចុះបញ្ជី", "ការ", "ចុះបញ្ជី"]);
        // A one-cluster word of four or more letters is a part too:
        // ស្ត្រី ("woman") in ស្ត្រីភេទ ("women").
        assert!(analyse(KHMER, "ស្ត្រីភេទ").contains(&"ស្ត្រី".to_string()));
    }

    #[test]
    fn khmer_digits_zwsp_and_cluster_order_fold() {
        assert_eq!(analyse(KHMER, "មាត្រា\u{200B}១២"), analyse(KHMER, "មាត្រា 12"));
        // ស្ត្រី (woman) typed with the subscript RO first: the same word.
        let typed = "\u{179F}\u{17D2}\u{179A}\u{17D2}\u{178F}\u{17B8}";
        let canonical = "\u{179F}\u{17D2}\u{178F}\u{17D2}\u{179A}\u{17B8}";
        assert_ne!(typed, canonical);
        assert_eq!(analyse(KHMER, typed), analyse(KHMER, canonical));
    }

    #[test]
    fn english_stems_and_folds() {
        assert_eq!(analyse(EN_STEM, "Registration, REGISTERED; registers"), ["registr", "regist", "regist"]);
        assert_eq!(analyse(EXACT, "Registration café"), ["registration", "cafe"]);
        assert_eq!(analyse(KEYWORD, "A2I"), ["a2i"]);
    }

    #[test]
    fn offsets_point_into_the_stored_text() {
        let s = "An association shall register.";
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(EN_STEM).unwrap();
        let mut stream = analyzer.token_stream(s);
        let mut spans = Vec::new();
        while let Some(t) = stream.next() {
            spans.push(&s[t.offset_from..t.offset_to]);
        }
        assert_eq!(spans, ["An", "association", "shall", "register"]);
    }
}
