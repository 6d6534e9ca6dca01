//! Align: which clause of the older version became which clause of the newer.
//!
//! Drafts renumber everything after an inserted article, so numbers are never
//! used to match; text is. The method, in passes:
//! 1. **Exact**: clauses whose folded text (`text::fold`) is identical are paired
//!    (the nearest by position when a text occurs more than once). They are
//!    found by a hash of the fold, read in the same pass as the features,
//!    without building the folded text.
//! 2. **Candidates**: every clause is reduced to a multiset of features: words for
//!    scripts with spaces, character trigrams inside Khmer runs. An inverted
//!    index over the *rare* features of the unmatched new clauses gives each
//!    unmatched old clause a handful of candidates, plus the new neighbours of its
//!    matched old neighbours. No all-pairs comparison: cost grows with the number
//!    of changed clauses, not the square of the bill.
//! 3. **Score and assign**: Dice similarity of features (weight 0.75), heading
//!    similarity (0.15) and a position prior (0.10), assigned greedily, best
//!    first: first the confident pairs, which with the exact ones pin the order
//!    (their longest increasing run are the *anchors*); then the rest. In its
//!    place (between the successors of its nearest anchors) a pair above
//!    [`MATCH_THRESHOLD`] with similar headings is enough, and the same
//!    multi-word heading needs only a text similarity of 0.2 (a rewritten
//!    article that kept its title is still the same article), and the only
//!    old and new clause between the same two anchors need only share a third
//!    of their words ([`SLOT_TEXT`]). Away from its
//!    place, only the text counts ([`MOVED_TEXT`]): headings and domain
//!    vocabulary recur across a bill, and a deleted article is not paired with
//!    an added one chapters away for sharing them.
//! 4. **Split and merge**: an unmatched new clause whose features are mostly
//!    contained in a matched (or unmatched) old clause, next to that clause's
//!    successor, is the product of a split; symmetrically for merges.
//! 5. **Moves**: the longest increasing subsequence of matched pairs (by old
//!    position, then new) is the stable order; matched clauses outside it moved.
//!
//! The result obeys the exactly-once rule: every old clause appears in exactly one
//! [`Link`]'s `old` list, every new clause in exactly one `new` list.
//!
//! One file per job: [`Clause`] prepares a clause (`clause.rs`), `features.rs`
//! hashes its text into features, `index.rs` numbers the features and finds
//! candidates by the rare ones, `similarity.rs` measures two feature
//! multisets, `aligner.rs` runs the passes and `link.rs` holds what they
//! decide. [`lineage`] keeps a clause's identity across stored versions.

mod aligner;
mod clause;
mod features;
mod index;
mod link;
mod similarity;

pub use aligner::{align, align_with, CONFIDENT, CONTAINMENT, MATCH_THRESHOLD, MOVED_TEXT, ORDER_BONUS, SLOT_TEXT};
pub use clause::{clause_text, clauses, is_group, Clause};
pub use features::features;
pub use link::{ChangeKind, Link};
pub use similarity::clause_similarity;

#[cfg(test)]
mod tests;
