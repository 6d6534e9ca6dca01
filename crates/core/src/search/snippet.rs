//! Snippets: the best passage of a hit's text, with the query's words marked.
//!
//! Cutting a text into words (ICU4X's segmenter, and its dictionary for
//! Khmer) is the costly part of a snippet, so it is done once, at indexing:
//! each document stores where the words of its text are ([`encode`] of
//! [`super::analyzers::word_spans`]). A snippet then only folds the words
//! as the analyzers do and compares them with the query's terms of each
//! field:
//! - `text_km`: the word folded ([`fold_word`]), whole, or a compound part
//!   of it ([`compound_parts`]), which is marked alone;
//! - `text_exact`: the folded word, ASCII-folded;
//! - `text_en`: that, stemmed.
//!
//! The passage is the run of at most [`SNIPPET_CHARS`] characters holding
//! the most different query words (then the most matches), with a little of
//! the text before the first, cut at word boundaries; a text no longer than
//! that is shown whole.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::tokenizer::{AsciiFoldingFilter, Language, RawTokenizer, Stemmer, TextAnalyzer};

use super::analyzers::{compound_parts, fold_word};
use super::schema::Fields;
use crate::text::khmer::is_khmer;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 180;
/// Characters of text shown before the first match, at most.
const LEAD_CHARS: usize = 40;
/// Bytes of a long text looked at before and after the likeliest match.
const REGION_BEFORE: usize = 600;
const REGION_AFTER: usize = 1200;

/// The query's terms, by field, and the filters to fold one word with.
pub(super) struct Snippets {
    /// Term → id (ids are distinct across fields: a word is counted once).
    km: HashMap<String, usize>,
    exact: HashMap<String, usize>,
    en: HashMap<String, usize>,
    /// Every term once: a word without one of them in it matches none.
    all: Vec<String>,
    ascii_fold: TextAnalyzer,
    stem: TextAnalyzer,
}

impl Snippets {
    pub(super) fn new(query: &dyn Query, f: &Fields) -> Snippets {
        let (mut km, mut exact, mut en) = (HashMap::new(), HashMap::new(), HashMap::new());
        let mut next = 0;
        query.query_terms(&mut |term, _| {
            let map = match term.field() {
                x if x == f.text_km => &mut km,
                x if x == f.text_exact => &mut exact,
                x if x == f.text_en => &mut en,
                _ => return, // a filter (`version:3`) is not looked for in the text
            };
            if let Some(t) = term.value().as_str().filter(|t| !t.is_empty()) {
                map.entry(t.to_string()).or_insert_with(|| {
                    next += 1;
                    next
                });
            }
        });
        let mut all: Vec<String> = km.keys().chain(exact.keys()).chain(en.keys()).cloned().collect();
        all.sort_unstable();
        all.dedup();
        Snippets {
            km,
            exact,
            en,
            all,
            ascii_fold: TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter).build(),
            stem: TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build(),
        }
    }

    /// The best passage of `body` and its marks (`[start, end)` in code
    /// points of the passage); the text's start when nothing in it matched
    /// (a filter-only query). `words` are the byte ranges of its words.
    pub(super) fn make(&mut self, body: &str, words: &[Range<usize>]) -> (String, Vec<[usize; 2]>) {
        // (start, end, term id). In a long text, the words around where the
        // terms are spelt out first; all of them only if none matched there.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        let region = if body.len() > REGION_BEFORE + REGION_AFTER { self.likely_region(body) } else { None };
        let near = match &region {
            Some(r) => &words[words.partition_point(|w| w.end <= r.start)..words.partition_point(|w| w.start < r.end)],
            None => words,
        };
        for scan in [near, words] {
            for w in scan {
                if let Some(word) = body.get(w.clone()) {
                    self.matches(word, w.start, &mut found);
                }
            }
            if !found.is_empty() || region.is_none() {
                break;
            }
        }
        if found.is_empty() {
            return (body.chars().take(SNIPPET_CHARS).collect(), Vec::new());
        }
        found.sort_unstable();
        found.dedup();

        // Character offsets of the matches, in one pass over the text.
        let mut bounds: Vec<usize> = found.iter().flat_map(|&(s, e, _)| [s, e]).collect();
        bounds.sort_unstable();
        bounds.dedup();
        let chars = char_offsets(body, &bounds);
        let char_of = |b: usize| chars[bounds.binary_search(&b).expect("a bound")];

        // The run of SNIPPET_CHARS with the most different terms, then the most matches.
        let mut best = (0, 0, 0); // (different terms, matches, first match)
        for i in 0..found.len() {
            let limit = char_of(found[i].0) + SNIPPET_CHARS;
            let run = found[i..].iter().take_while(|m| char_of(m.1) <= limit);
            let (mut ids, mut n) = (Vec::new(), 0);
            for m in run {
                n += 1;
                if !ids.contains(&m.2) {
                    ids.push(m.2);
                }
            }
            if (ids.len(), n) > (best.0, best.1) {
                best = (ids.len(), n, i);
            }
        }
        let first = found[best.2];
        let total = body.chars().count();
        let (from, to) = if total <= SNIPPET_CHARS {
            (0, body.len())
        } else {
            let last_end = found[best.2..].iter().map(|m| m.1).take_while(|&e| char_of(e) <= char_of(first.0) + SNIPPET_CHARS).max();
            let cluster = char_of(last_end.unwrap_or(first.1)) - char_of(first.0);
            let lead = LEAD_CHARS.min(SNIPPET_CHARS.saturating_sub(cluster) / 2);
            let from_byte = byte_at(body, char_of(first.0).saturating_sub(lead));
            // The first word starting at or after that point (the match's own word at the latest).
            let from = words.get(words.partition_point(|w| w.start < from_byte)).map_or(first.0, |w| w.start.min(first.0));
            let limit = byte_at(body, char_count(body, from) + SNIPPET_CHARS);
            // The last word ending within SNIPPET_CHARS (the match's own word at the least).
            let to = words[..words.partition_point(|w| w.end <= limit)].last().map_or(first.1, |w| w.end.max(first.1));
            (from, to)
        };
        let passage = &body[from..to];
        let from_char = char_count(body, from);
        let mut marks: Vec<[usize; 2]> = Vec::new();
        for &(s, e, _) in &found {
            if s < from || e > to {
                continue;
            }
            let m = [char_of(s) - from_char, char_of(e) - from_char];
            match marks.last_mut() {
                Some(last) if m[0] < last[1] => last[1] = last[1].max(m[1]),
                _ => marks.push(m),
            }
        }
        (passage.to_string(), marks)
    }

    /// Bytes of a long text around the likeliest matches: [`REGION_BEFORE`]
    /// before and [`REGION_AFTER`] after the place where the most different
    /// terms are found spelt out (in the ASCII-lower-cased text: a term is a
    /// folded word or a stem, and mostly its own prefix); `None` when none is.
    fn likely_region(&self, body: &str) -> Option<Range<usize>> {
        let lower = body.to_ascii_lowercase();
        let mut hits: Vec<(usize, usize)> = Vec::new(); // (byte, term id)
        for (term, &id) in self.km.iter().chain(&self.exact).chain(&self.en) {
            hits.extend(lower.match_indices(term.as_str()).take(200).map(|(at, _)| (at, id)));
        }
        hits.sort_unstable();
        let mut best: Option<(usize, usize)> = None; // (different terms, byte)
        for (i, &(at, _)) in hits.iter().enumerate() {
            let mut ids: Vec<usize> = hits[i..].iter().take_while(|h| h.0 < at + REGION_AFTER / 2).map(|h| h.1).collect();
            ids.sort_unstable();
            ids.dedup();
            if best.is_none_or(|(n, _)| ids.len() > n) {
                best = Some((ids.len(), at));
            }
        }
        best.map(|(_, at)| at.saturating_sub(REGION_BEFORE)..(at + REGION_AFTER).min(body.len()))
    }

    /// Adds the matches of one word (starting at byte `at` of the text).
    /// Most words of a text match nothing, so a word is first looked for
    /// the terms in (a term is a folded word or, for a stem, mostly a prefix
    /// of one), and folded and stemmed only if one is there.
    fn matches(&mut self, word: &str, at: usize, found: &mut Vec<(usize, usize, usize)>) {
        let folded = fold_word(word);
        if folded.is_empty() {
            return;
        }
        // ASCII folding changes Latin letters with marks (and a few symbols),
        // never Khmer; the stemmer changes ASCII words only.
        let latin = folded.chars().any(|c| !c.is_ascii() && !is_khmer(c));
        let ascii_folded = latin.then(|| first_token(&mut self.ascii_fold, &folded));
        let has_term = |s: &str| self.all.iter().any(|t| s.contains(t.as_str()));
        if !has_term(&folded) && !ascii_folded.as_deref().is_some_and(has_term) {
            return;
        }
        let whole = (at, at + word.len());
        if !self.km.is_empty() {
            if let Some(&id) = self.km.get(folded.as_ref()) {
                found.push((whole.0, whole.1, id));
            }
            if folded.starts_with(is_khmer) {
                // A part's offsets are inside the word when folding changed
                // nothing; else the whole word is marked.
                let same = folded == word;
                for (s, e) in compound_parts(&folded) {
                    if let Some(&id) = self.km.get(&folded[s..e]) {
                        found.push(if same { (at + s, at + e, id) } else { (whole.0, whole.1, id) });
                    }
                }
            }
        }
        if self.exact.is_empty() && self.en.is_empty() {
            return;
        }
        let ascii = ascii_folded.as_deref().unwrap_or(&folded);
        if let Some(&id) = self.exact.get(ascii) {
            found.push((whole.0, whole.1, id));
        }
        if !self.en.is_empty() && ascii.is_ascii() {
            if let Some(&id) = self.en.get(&first_token(&mut self.stem, ascii)) {
                found.push((whole.0, whole.1, id));
            }
        } else if let Some(&id) = self.en.get(ascii) {
            found.push((whole.0, whole.1, id));
        }
    }
}

/// The one token a raw-tokenizer analyzer makes of `s`.
fn first_token(analyzer: &mut TextAnalyzer, s: &str) -> String {
    let mut stream = analyzer.token_stream(s);
    stream.next().map(|t| t.text.clone()).unwrap_or_default()
}

/// The character offset of each of the sorted byte offsets `bounds`.
fn char_offsets(text: &str, bounds: &[usize]) -> Vec<usize> {
    let (mut byte, mut ch) = (0, 0);
    bounds
        .iter()
        .map(|&b| {
            ch += text.get(byte..b).map_or(0, |s| s.chars().count());
            byte = b;
            ch
        })
        .collect()
}

fn char_count(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// The byte offset of character `n` (the text's length past its end).
fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(b, _)| b)
}

/// The word ranges of a text as stored: each as the gap since the previous
/// word's end and the word's length, in LEB128 varints.
pub fn encode(words: &[Range<usize>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.len() * 2);
    let mut at = 0;
    for w in words {
        for mut v in [w.start - at, w.end - w.start] {
            loop {
                let byte = (v & 0x7f) as u8;
                v >>= 7;
                if v == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        at = w.end;
    }
    out
}

/// The word ranges [`encode`] stored (empty for bytes it did not write).
pub fn decode(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut values = Vec::with_capacity(2);
    let (mut v, mut shift, mut at) = (0usize, 0, 0);
    for &b in bytes {
        if shift > 56 {
            return Vec::new();
        }
        v |= ((b & 0x7f) as usize) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            values.push(v);
            (v, shift) = (0, 0);
            if let [gap, len] = values[..] {
                out.push(at + gap..at + gap + len);
                at += gap + len;
                values.clear();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::analyzers::word_spans;
    use super::*;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;

    /// A snippet for `body` and a query of `(field, term)` pairs, as marked text.
    fn snippet(body: &str, terms: &[(&str, &str)]) -> (String, Vec<String>) {
        let (_, f) = Fields::build();
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|&(field, t)| {
                let field = match field {
                    "km" => f.text_km,
                    "en" => f.text_en,
                    _ => f.text_exact,
                };
                (Occur::Should, Box::new(TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let q = BooleanQuery::new(clauses);
        let words = decode(&encode(&word_spans(body)));
        let (s, marks) = Snippets::new(&q, &f).make(body, &words);
        let marked = marks.iter().map(|m| s.chars().skip(m[0]).take(m[1] - m[0]).collect()).collect();
        (s, marked)
    }

    #[test]
    fn spans_round_trip() {
        let words = vec![0..3, 4..300, 1000..1001, 70_000..70_100];
        assert_eq!(decode(&encode(&words)), words);
        assert!(decode(&[0xff; 12]).is_empty());
    }

    #[test]
    fn english_stems_and_exact_words_are_marked() {
        let (s, marked) = snippet("An association shall register; registration is free. Registered ones may not.", &[("en", "regist")]);
        assert_eq!(s, "An association shall register; registration is free. Registered ones may not.");
        assert_eq!(marked, ["register", "Registered"]);
        let (_, marked) = snippet("The Änderung of the Straße.", &[("exact", "anderung"), ("exact", "strasse")]);
        assert_eq!(marked, ["Änderung", "Straße"]);
    }

    #[test]
    fn khmer_words_and_compound_parts_are_marked() {
        // សិទ្ធិ alone, and as a part of សិទ្ធិមនុស្ស ("human rights"), written without spaces.
        let (_, marked) = snippet("ព្រះរាជាណាចក្រកម្ពុជាទទួលស្គាល់និងគោរពសិទ្ធិមនុស្ស", &[("km", "សិទ្ធិ")]);
        assert_eq!(marked, ["សិទ្ធិ"]);
        let (_, marked) = snippet("មាត្រា ១២ ការចុះបញ្ជី", &[("km", "12"), ("km", "ចុះបញ្ជី")]);
        assert_eq!(marked, ["១២", "ចុះបញ្ជី"]);
    }

    #[test]
    fn a_long_text_is_cut_around_the_most_different_words() {
        let filler = "The Commission shall publish its annual report. ".repeat(12);
        let body = format!("{filler}A requester may appeal. {filler}Any requester may appeal to the court within thirty days. {filler}");
        let (s, marked) = snippet(&body, &[("en", "request"), ("en", "court")]);
        assert!(s.chars().count() <= SNIPPET_CHARS, "{s}");
        assert!(s.contains("requester may appeal to the court"), "{s}");
        assert_eq!(marked, ["requester", "court"]);
        // Cut at word boundaries, with some text before the first match.
        assert!(s.starts_with(char::is_alphabetic) && !s.starts_with("requester"), "{s}");
        // Nothing matched: the text's start.
        let (s, marked) = snippet(&body, &[("en", "absent")]);
        assert!(marked.is_empty() && s.starts_with("The Commission") && s.chars().count() == SNIPPET_CHARS);
    }
}
