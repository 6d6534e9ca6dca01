//! Anchoring: W3C-style selectors for a quoted span, and placing an
//! annotation again on the next version of its clause.
//!
//! A quote is kept as a `TextQuoteSelector` (the exact text, with up to
//! [`CONTEXT`] characters before and after) and a `TextPositionSelector`
//! (code-point offsets in the clause text: the heading line, then the body,
//! as [`crate::align::clause_text`] gives it and the app shows it).
//!
//! Placing again, as Hypothesis does: the clause's successors come from the
//! alignment (its links to the new version: one, or several after a split);
//! the quote is looked for in each.
//! - **placed**: the exact quote is there (the best-fitting occurrence, by
//!   context and position, when it occurs more than once); for an annotation
//!   on the whole clause, the clause is unchanged or changed only cosmetically;
//! - **moved**: no exact quote, but an approximate one scores at least
//!   [`MOVED`] and what changed inside it is cosmetic;
//! - **needs_review**: a weaker approximate match, a substantive change inside
//!   the quote (or, for a whole-clause annotation, in the clause), or a split;
//! - **orphaned**: the clause was deleted, or nothing in it resembles the quote.
//!
//! The score of an approximate match weighs the quote's similarity (0.5),
//! the 32 characters before (0.2) and after (0.2), and the relative position
//! in the clause (0.1). Nothing is placed silently on a weak match.

use serde::{Deserialize, Serialize};

use crate::diff::tokens::tokenize;
use crate::diff::{diff_texts, similarity};
use crate::text;

/// Characters of context kept before and after a quote.
pub const CONTEXT: usize = 32;
/// Least score of an approximate match placed as `moved`.
pub const MOVED: f64 = 0.75;
/// Least score of an approximate match offered for review (below: orphaned).
pub const REVIEW: f64 = 0.45;

/// How an annotation sits on its current version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Exactly where it was.
    Placed,
    /// Found again, with cosmetic changes or at another place.
    Moved,
    /// Found only approximately, or the text under it changed: a person must look.
    NeedsReview,
    /// The clause is gone, or the quote is nowhere in it.
    Orphaned,
}

impl Anchor {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Placed => "placed",
            Anchor::Moved => "moved",
            Anchor::NeedsReview => "needs_review",
            Anchor::Orphaned => "orphaned",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Anchor> {
        Some(match s {
            "placed" => Anchor::Placed,
            "moved" => Anchor::Moved,
            "needs_review" => Anchor::NeedsReview,
            "orphaned" => Anchor::Orphaned,
            _ => return None,
        })
    }
}

/// A quoted span: TextQuoteSelector and TextPositionSelector in one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Quote {
    /// The quoted text.
    pub exact: String,
    /// Up to [`CONTEXT`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT`] characters after it.
    pub suffix: String,
    /// Start, in code points of the clause text.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
}

impl Quote {
    /// The selector for code points `start..end` of `text`.
    pub fn at(text: &str, start: usize, end: usize) -> Quote {
        let chars: Vec<char> = text.chars().collect();
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        Quote {
            exact: chars[start..end].iter().collect(),
            prefix: chars[start.saturating_sub(CONTEXT)..start].iter().collect(),
            suffix: chars[end..(end + CONTEXT).min(chars.len())].iter().collect(),
            start,
            end,
        }
    }

    /// Finds `exact` in `text`: at code point `start` if given (checked), else
    /// its only occurrence. `Err` says why not, in words.
    pub fn find(text: &str, exact: &str, start: Option<usize>) -> Result<Quote, String> {
        if exact.trim().is_empty() {
            return Err("the quote is empty".into());
        }
        let len = exact.chars().count();
        let starts = occurrences(text, exact);
        match start {
            Some(s) if starts.contains(&s) => Ok(Quote::at(text, s, s + len)),
            Some(s) => Err(format!("the clause does not have the quoted text at character {s}")),
            None => match starts.as_slice() {
                [] => Err("the quoted text is not in the clause (quote it exactly as the clause has it)".into()),
                [s] => Ok(Quote::at(text, *s, *s + len)),
                many => Err(format!(
                    "the quoted text occurs {} times in the clause; give its position (character {}) or quote more",
                    many.len(),
                    many.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")
                )),
            },
        }
    }
}

/// Code-point offsets where `needle` starts in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    hay.match_indices(needle).map(|(b, _)| hay[..b].chars().count()).collect()
}

/// A successor clause of the annotated one, in the new version.
#[derive(Debug, Clone)]
pub struct Successor<'a> {
    /// Provision id.
    pub id: i64,
    /// Its text.
    pub text: &'a str,
}

/// Where an annotation lands on the new version.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The clause (None when the clause was deleted).
    pub provision_id: Option<i64>,
    /// How.
    pub anchor: Anchor,
    /// 1.0 for an exact placement, else the match score.
    pub score: f64,
    /// The quote at its new place (None for whole-clause annotations and orphans).
    pub quote: Option<Quote>,
    /// Why, in words (shown in review).
    pub note: String,
}

/// Places an annotation again (see the module docs). `old` is the clause
/// text it was placed on, `quote` its selector there.
pub fn place(old: &str, quote: Option<&Quote>, successors: &[Successor<'_>]) -> Placement {
    if successors.is_empty() {
        return Placement {
            provision_id: None,
            anchor: Anchor::Orphaned,
            score: 0.0,
            quote: None,
            note: "the clause was deleted in this version".into(),
        };
    }
    let split = successors.len() > 1;
    let Some(q) = quote else {
        // The whole clause: the successor most like it.
        let (best, sim) = successors.iter().map(|s| (s, similarity(old, s.text))).max_by(|a, b| a.1.total_cmp(&b.1)).expect("non-empty");
        let changed = diff_texts(old, best.text).substantive;
        let (anchor, note) = if split {
            (Anchor::NeedsReview, format!("the clause was split into {} clauses", successors.len()))
        } else if changed {
            (Anchor::NeedsReview, "the clause changed substantively".to_string())
        } else {
            (Anchor::Placed, String::new())
        };
        return Placement { provision_id: Some(best.id), anchor, score: sim, quote: None, note };
    };

    let old_len = old.chars().count().max(1);
    let rel = q.start as f64 / old_len as f64;
    // Exact occurrences, in every successor, scored by context and position.
    let mut best: Option<(f64, i64, Quote)> = None;
    for s in successors {
        let len = s.text.chars().count().max(1);
        for start in occurrences(s.text, &q.exact) {
            let cand = Quote::at(s.text, start, start + q.exact.chars().count());
            let score = context_score(q, &cand, rel, start as f64 / len as f64);
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, s.id, cand));
            }
        }
    }
    if let Some((_, id, cand)) = best {
        return Placement { provision_id: Some(id), anchor: Anchor::Placed, score: 1.0, quote: Some(cand), note: String::new() };
    }
    // Approximate: the best span of each successor.
    let mut best: Option<(f64, i64, Quote)> = None;
    for s in successors {
        if let Some((start, end)) = fuzzy_span(s.text, &q.exact) {
            let len = s.text.chars().count().max(1);
            let cand = Quote::at(s.text, start, end);
            let score = 0.5 * similarity_chars(&q.exact, &cand.exact) + context_score(q, &cand, rel, start as f64 / len as f64);
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, s.id, cand));
            }
        }
    }
    match best {
        Some((score, id, cand)) if score >= REVIEW => {
            let substantive = diff_texts(&q.exact, &cand.exact).substantive;
            let (anchor, note) = if score >= MOVED && !substantive {
                (Anchor::Moved, "the quoted text changed cosmetically or moved".to_string())
            } else if substantive {
                (Anchor::NeedsReview, "the quoted text changed substantively".to_string())
            } else {
                (Anchor::NeedsReview, format!("only a weak match was found (score {score:.2})"))
            };
            Placement { provision_id: Some(id), anchor, score, quote: Some(cand), note }
        }
        _ => Placement {
            provision_id: Some(successors[0].id),
            anchor: Anchor::Orphaned,
            score: best.map(|b| b.0).unwrap_or(0.0),
            quote: None,
            note: "the quoted text is no longer in the clause".into(),
        },
    }
}

/// Context part of the score (at most 0.5): prefix 0.2, suffix 0.2, position 0.1.
fn context_score(old: &Quote, new: &Quote, old_rel: f64, new_rel: f64) -> f64 {
    let tail = |s: &str| s.chars().rev().collect::<String>();
    // The prefix is compared from its end (nearest the quote), the suffix from its start.
    let prefix = similarity_chars(&tail(&old.prefix), &tail(&new.prefix));
    let suffix = similarity_chars(&old.suffix, &new.suffix);
    0.2 * prefix + 0.2 * suffix + 0.1 * (1.0 - (old_rel - new_rel).abs().min(1.0))
}

/// 1 − edit distance / longer length, on the comparison form's characters.
fn similarity_chars(a: &str, b: &str) -> f64 {
    let a: Vec<char> = text::fold(a).chars().collect();
    let b: Vec<char> = text::fold(b).chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// Largest token grid searched approximately (quote tokens × text tokens).
const MAX_GRID: usize = 4_000_000;

/// The span of `text` (code points) that is closest to `quote`, by an edit
/// distance over word tokens with a free start and end (Sellers'
/// algorithm). None when the text or quote is empty or too large to search.
fn fuzzy_span(text: &str, quote: &str) -> Option<(usize, usize)> {
    let t = tokenize(text);
    let q = tokenize(quote);
    if t.is_empty() || q.is_empty() || t.len() * q.len() > MAX_GRID {
        return None;
    }
    let key = |s: &str| text::fold(s).to_lowercase();
    let tk: Vec<String> = t.iter().map(|s| key(s)).collect();
    let qk: Vec<String> = q.iter().map(|s| key(s)).collect();
    let (m, n) = (qk.len(), tk.len());
    // cost[i][j]: best cost of quote[..i] ending at text[..j]; start[i][j]: where that match starts.
    let mut cost = vec![vec![0usize; n + 1]; m + 1];
    let mut start = vec![vec![0usize; n + 1]; m + 1];
    start[0] = (0..=n).collect();
    for i in 1..=m {
        cost[i][0] = i;
        start[i][0] = 0;
        for j in 1..=n {
            let sub = cost[i - 1][j - 1] + usize::from(qk[i - 1] != tk[j - 1]);
            let del = cost[i - 1][j] + 1;
            let ins = cost[i][j - 1] + 1;
            let (c, s) = if sub <= del && sub <= ins {
                (sub, start[i - 1][j - 1])
            } else if del <= ins {
                (del, start[i - 1][j])
            } else {
                (ins, start[i][j - 1])
            };
            cost[i][j] = c;
            start[i][j] = s;
        }
    }
    let (end, _) = (1..=n).map(|j| (j, cost[m][j])).min_by_key(|&(j, c)| (c, j))?;
    let mut from = start[m][end];
    let mut to = end;
    // Trim whitespace tokens at the edges.
    while from < to && t[from].trim().is_empty() {
        from += 1;
    }
    while to > from && t[to - 1].trim().is_empty() {
        to -= 1;
    }
    if from >= to {
        return None;
    }
    let chars_before = |k: usize| t[..k].iter().map(|s| s.chars().count()).sum::<usize>();
    Some((chars_before(from), chars_before(to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "Registration\nEvery association shall obtain prior permission from the Ministry of Interior before any activity.";

    fn quote(text: &str, exact: &str) -> Quote {
        Quote::find(text, exact, None).unwrap()
    }

    #[test]
    fn selectors_keep_32_characters_of_context() {
        let q = quote(OLD, "prior permission");
        assert_eq!(q.exact, "prior permission");
        assert_eq!(q.prefix.chars().count(), 32);
        assert!(q.prefix.ends_with("shall obtain "), "{:?}", q.prefix);
        assert!(q.suffix.starts_with(" from the Ministry"));
        assert_eq!(OLD.chars().skip(q.start).take(q.end - q.start).collect::<String>(), "prior permission");
        assert!(Quote::find(OLD, "permission to fly", None).is_err());
        let twice = "a shall b; a shall c";
        assert!(Quote::find(twice, "a shall", None).unwrap_err().contains("2 times"));
        assert_eq!(Quote::find(twice, "a shall", Some(11)).unwrap().start, 11);
    }

    #[test]
    fn exact_quote_is_placed_even_when_the_clause_moved_on() {
        let q = quote(OLD, "prior permission");
        let new = "Registration\nEach association shall, before any activity, obtain prior permission from the Ministry of Interior.";
        let p = place(OLD, Some(&q), &[Successor { id: 7, text: new }]);
        assert_eq!((p.anchor, p.provision_id), (Anchor::Placed, Some(7)));
        assert_eq!(p.quote.unwrap().exact, "prior permission");
    }

    #[test]
    fn cosmetic_change_inside_the_quote_is_moved_substantive_needs_review() {
        let q = quote(OLD, "shall obtain prior permission from the Ministry of Interior");
        let cosmetic = "Registration\nEvery association shall obtain prior permission from the Ministry of  Interior, before any activity.";
        let p = place(OLD, Some(&q), &[Successor { id: 1, text: cosmetic }]);
        assert_eq!(p.anchor, Anchor::Moved, "{p:?}");
        let substantive = "Registration\nEvery association shall notify the Ministry of Interior before any activity.";
        let p = place(OLD, Some(&q), &[Successor { id: 1, text: substantive }]);
        assert_eq!(p.anchor, Anchor::NeedsReview, "{p:?}");
        assert!(p.note.contains("substantively"));
        let gone = "Funding\nAssociations may receive funds from any lawful source.";
        let p = place(OLD, Some(&q), &[Successor { id: 1, text: gone }]);
        assert_eq!(p.anchor, Anchor::Orphaned, "{p:?}");
    }

    #[test]
    fn deleted_split_and_whole_clause() {
        let p = place(OLD, None, &[]);
        assert_eq!((p.anchor, p.provision_id), (Anchor::Orphaned, None));
        let p = place(OLD, None, &[Successor { id: 2, text: OLD }]);
        assert_eq!(p.anchor, Anchor::Placed);
        let a = "Registration\nEvery association shall obtain prior permission.";
        let b = "Timing\nThe permission shall be obtained before any activity.";
        let p = place(OLD, None, &[Successor { id: 3, text: a }, Successor { id: 4, text: b }]);
        assert_eq!((p.anchor, p.provision_id), (Anchor::NeedsReview, Some(3)));
        // A quote on a split clause follows its text into the right part.
        let q = quote(OLD, "before any activity");
        let p = place(OLD, Some(&q), &[Successor { id: 3, text: a }, Successor { id: 4, text: b }]);
        assert_eq!((p.anchor, p.provision_id), (Anchor::Placed, Some(4)));
    }

    #[test]
    fn khmer_quote_is_found_again() {
        let old = "ការចុះបញ្ជី\nសមាគមត្រូវទទួលបានការអនុញ្ញាតជាមុនពីក្រសួងមហាផ្ទៃ ។";
        let q = quote(old, "ការអនុញ្ញាតជាមុន");
        let new = "ការចុះបញ្ជី\nសមាគមត្រូវជូនដំណឹងដល់ក្រសួងមហាផ្ទៃ ហើយទទួលបានការអនុញ្ញាតជាមុន ។";
        let p = place(old, Some(&q), &[Successor { id: 9, text: new }]);
        assert_eq!(p.anchor, Anchor::Placed);
        let changed = "ការចុះបញ្ជី\nសមាគមត្រូវជូនដំណឹងដល់ក្រសួងមហាផ្ទៃ ។";
        let p = place(old, Some(&q), &[Successor { id: 9, text: changed }]);
        assert_ne!(p.anchor, Anchor::Placed);
    }
}
