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

pub mod lineage;

pub use crate::diff::report::ChangeKind;
use crate::hash::{fnv_byte, FastMap, FNV_OFFSET};
use crate::structure::{walk_all, Kind, Node};
use crate::text;
use std::sync::atomic::{AtomicBool, Ordering};

/// Minimum score for a one-to-one match of changed clauses.
pub const MATCH_THRESHOLD: f64 = 0.45;
/// Score of a pair accepted before the order is known.
pub const CONFIDENT: f64 = 0.7;
/// Bonus for a candidate that keeps the order of its matched neighbours.
pub const ORDER_BONUS: f64 = 0.15;
/// Text similarity (distinctive and all features) a pair needs away from its place.
pub const MOVED_TEXT: f64 = 0.6;
/// Text similarity (distinctive and all features) enough for the only old
/// and the only new clause between the same two anchors, if their headings
/// (when both have one) agree. Measured on mutated real bills (English,
/// German, Khmer): a heavily rewritten article keeps 0.3 to 0.5 of its
/// distinctive features; an unrelated article of the same bill put in its
/// place shares less than a quarter, or, in a short formulaic clause, a
/// third of its distinctive features but under 0.35 of all.
pub const SLOT_TEXT: (f64, f64) = (0.3, 0.35);
/// Share of a clause's features that must lie in the other clause for a split/merge part.
pub const CONTAINMENT: f64 = 0.7;

/// A clause prepared for alignment.
#[derive(Debug, Clone)]
pub struct Clause {
    /// Position among the version's clauses.
    pub index: usize,
    /// eId.
    pub eid: String,
    /// Number as printed.
    pub num: Option<String>,
    /// Number value.
    pub num_value: Option<String>,
    /// Heading.
    pub heading: Option<String>,
    /// Display text compared by the diff: heading line, then the body.
    pub text: String,
    /// Hash of the folded (`text::fold_display`) text, for exact matching.
    key: u64,
    /// Feature hashes (a multiset), in the order of the text.
    features: Vec<u64>,
    /// Sorted feature hashes of the heading.
    heading_features: Vec<u64>,
}

impl Clause {
    /// Prepares a clause node.
    pub fn from_node(index: usize, n: &Node) -> Clause {
        let text = clause_text(n);
        // Parsed text is in display form already.
        let (features, key) = features_and_key(&text);
        let heading_features = n.heading.as_deref().map(self::features).unwrap_or_default();
        Clause {
            index,
            eid: n.eid.clone(),
            num: n.num.clone(),
            num_value: n.num_value.clone(),
            heading: n.heading.clone(),
            text,
            key,
            features,
            heading_features,
        }
    }
}

/// A clause's display text as compared and searched: the heading line, then
/// the body with every sub-provision.
pub fn clause_text(n: &Node) -> String {
    let body = n.full_text();
    match &n.heading {
        Some(h) if !body.is_empty() => format!("{h}\n{body}"),
        Some(h) => h.clone(),
        None => body,
    }
}

/// The clauses of a version tree, in document order. On every core: a
/// comparison prepares its two versions side by side, and the core done
/// with the shorter one takes a share of the other's clauses.
pub fn clauses(tree: &[Node]) -> Vec<Clause> {
    let nodes: Vec<(usize, &Node)> = walk_all(tree).into_iter().filter(|n| n.kind.is_clause()).enumerate().collect();
    crate::par::map(&nodes, |&(i, n)| Clause::from_node(i, n))
}

/// One entry of an alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Kind.
    pub kind: ChangeKind,
    /// Old clause indices (ascending; the first is the main predecessor).
    pub old: Vec<usize>,
    /// New clause indices (ascending; the first is the main successor).
    pub new: Vec<usize>,
    /// Similarity of the texts, 0..1.
    pub score: f64,
    /// Matched out of the stable order.
    pub moved: bool,
}

/// Aligns two versions' clauses.
pub fn align(old: &[Clause], new: &[Clause]) -> Vec<Link> {
    Aligner::settle(old, new).conclude()
}

/// [`align`], running `early` on another core while the alignment
/// finishes. Most pairs are settled by the first passes (identical texts,
/// confident matches); `early` receives those whose texts differ, as
/// (old, new) indices, so that their word diffs can start while the
/// doubtful clauses, splits and merges are still being worked out. Such a
/// pair usually ends as a `modified` link of those two clauses, but may
/// still gain split or merge parts. `done` turns true when the alignment is
/// finished: work not started by then is better left to the caller.
pub fn align_with<R: Send>(
    old: &[Clause],
    new: &[Clause],
    early: impl FnOnce(&[(usize, usize)], &AtomicBool) -> R + Send,
) -> (Vec<Link>, R) {
    let a = Aligner::settle(old, new);
    let settled: Vec<(usize, usize)> =
        a.old_to.iter().enumerate().filter_map(|(o, n)| n.filter(|&n| old[o].text != new[n].text).map(|n| (o, n))).collect();
    let done = AtomicBool::new(false);
    crate::par::join(
        || {
            let links = a.conclude();
            done.store(true, Ordering::Relaxed);
            links
        },
        || early(&settled, &done),
    )
}

struct Aligner<'a> {
    old: &'a [Clause],
    new: &'a [Clause],
    /// Features without the bill's commonest ones ("the", "shall", "Ministry"):
    /// what tells one clause from another ([`Aligner::distinctive`]; empty
    /// for the clauses the exact pass matched).
    old_f: Vec<Vec<u64>>,
    new_f: Vec<Vec<u64>>,
    /// All features of the clauses the exact pass left, sorted (empty for
    /// the others: their features are only counted).
    old_all: Vec<Vec<u64>>,
    new_all: Vec<Vec<u64>>,
    /// The features of the clauses the exact pass left, numbered: the only
    /// features ever looked up, and where each occurs in either version.
    vocab: Vocab,
    old_occ: Occurrences,
    new_occ: Occurrences,
    /// old index → new indices (one for a match, several for a split).
    old_to: Vec<Option<usize>>,
    new_from: Vec<Option<usize>>,
    scores: FastMap<(usize, usize), f64>,
    /// Extra parts: (old, new) pairs attached to an existing match as split/merge parts.
    split_parts: Vec<(usize, usize)>,
    merge_parts: Vec<(usize, usize)>,
}

impl<'a> Aligner<'a> {
    fn new(old: &'a [Clause], new: &'a [Clause]) -> Self {
        Aligner {
            old,
            new,
            old_f: Vec::new(),
            new_f: Vec::new(),
            old_all: Vec::new(),
            new_all: Vec::new(),
            vocab: Vocab::default(),
            old_occ: Occurrences::default(),
            new_occ: Occurrences::default(),
            old_to: vec![None; old.len()],
            new_from: vec![None; new.len()],
            scores: FastMap::default(),
            split_parts: Vec::new(),
            merge_parts: Vec::new(),
        }
    }

    /// The first passes: identical texts, then the confident pairs.
    fn settle(old: &'a [Clause], new: &'a [Clause]) -> Self {
        let mut a = Aligner::new(old, new);
        a.exact();
        a.distinctive();
        a.candidates(0);
        a
    }

    /// The rest: every remaining candidate, splits and merges, the links.
    fn conclude(mut self) -> Vec<Link> {
        self.candidates(1);
        self.splits_and_merges();
        self.finish()
    }

    fn pair(&mut self, o: usize, n: usize, score: f64) {
        self.old_to[o] = Some(n);
        self.new_from[n] = Some(o);
        self.scores.insert((o, n), score);
    }

    /// Pass 1: identical folded texts, nearest position first.
    fn exact(&mut self) {
        let mut by_key: FastMap<u64, Vec<usize>> = FastMap::default();
        for c in self.new {
            by_key.entry(c.key).or_default().push(c.index);
        }
        for o in 0..self.old.len() {
            let Some(list) = by_key.get_mut(&self.old[o].key) else { continue };
            let a = &self.old[o];
            // Equal hashes of the folded texts: the same text, unless the hash
            // collided (then the folded texts tell).
            let same = |b: &Clause| a.text == b.text || text::fold_display(&a.text) == text::fold_display(&b.text);
            let rel = |i: usize, len: usize| i as f64 / len.max(1) as f64;
            let ro = rel(o, self.old.len());
            let best = (0..list.len())
                .filter(|&x| same(&self.new[list[x]]))
                .min_by(|&x, &y| (rel(list[x], self.new.len()) - ro).abs().total_cmp(&(rel(list[y], self.new.len()) - ro).abs()));
            let Some(best) = best else { continue };
            let n = list.remove(best);
            self.pair(o, n, 1.0);
        }
    }

    /// The distinctive features of the clauses left after the exact pass
    /// (only they are compared): their features without those found in
    /// more than a tenth of all clauses of both versions (and at least 6).
    /// In a bill, common words make any two clauses look alike.
    fn distinctive(&mut self) {
        let (old, new) = (self.old, self.new);
        self.vocab =
            Vocab::new(unmatched(old, &self.old_to).chain(unmatched(new, &self.new_from)).flat_map(|c| c.features.iter().copied()));
        // Where they occur (how often: their document frequency). Each
        // clause's are looked up once, on every core; a clause the exact
        // pass matched has its partner's (the same fold, the same features).
        let vocab = &self.vocab;
        let new_ids = crate::par::map(new, |c| vocab.ids(&c.features));
        let free: Vec<&Clause> = unmatched(old, &self.old_to).collect();
        let free_ids = crate::par::map(&free, |c| vocab.ids(&c.features));
        let mut free_ids = free_ids.iter();
        let old_ids: Vec<&[u32]> = (self.old_to.iter())
            .map(|m| match m {
                Some(n) => &new_ids[*n][..],
                None => free_ids.next().expect("one per unmatched clause"),
            })
            .collect();
        (self.old_occ, self.new_occ) = crate::par::join(
            || Occurrences::new(old_ids.iter().copied(), vocab.len()),
            || Occurrences::new(new_ids.iter().map(Vec::as_slice), vocab.len()),
        );
        let (old_occ, new_occ) = (&self.old_occ, &self.new_occ);
        let df = |f: &u64| vocab.id(*f).map_or(0, |id| old_occ.of(id).len() + new_occ.of(id).len());
        let limit = ((self.old.len() + self.new.len()) / 10).max(6);
        // Their features sorted, and the distinctive ones: one version per core.
        let prepare = |clauses: &[Clause], to: &[Option<usize>]| -> (Vec<Vec<u64>>, Vec<Vec<u64>>) {
            clauses
                .iter()
                .zip(to)
                .map(|(c, m)| {
                    if m.is_some() {
                        return (Vec::new(), Vec::new());
                    }
                    let mut all = c.features.clone();
                    all.sort_unstable();
                    // A feature's repeats are together: one look-up for them all.
                    let mut last = None;
                    let v: Vec<u64> = (all.iter().copied())
                        .filter(|&f| match last {
                            Some((g, rare)) if g == f => rare,
                            _ => {
                                let rare = df(&f) <= limit;
                                last = Some((f, rare));
                                rare
                            }
                        })
                        .collect();
                    // A clause made only of common words keeps them all.
                    let distinctive = if v.is_empty() { all.clone() } else { v };
                    (all, distinctive)
                })
                .unzip()
        };
        ((self.old_all, self.old_f), (self.new_all, self.new_f)) =
            crate::par::join(|| prepare(old, &self.old_to), || prepare(new, &self.new_from));
    }

    /// Passes 2 and 3. Round 0: the confident pairs (score at least
    /// [`CONFIDENT`]) among candidates that share rare features; with the exact
    /// pairs they pin the order. Round 1: every remaining candidate,
    /// rare-feature or neighbour, with a bonus for lying in its place, between
    /// the successors of its nearest anchored neighbours, so that of two
    /// similar clauses the one in order wins. Greedy, best first.
    fn candidates(&mut self, round: u8) {
        let free_new: Vec<usize> = (0..self.new.len()).filter(|&n| self.new_from[n].is_none()).collect();
        let free_old: Vec<usize> = (0..self.old.len()).filter(|&o| self.old_to[o].is_none()).collect();
        if free_new.is_empty() || free_old.is_empty() {
            return;
        }
        // Round 0 knows no places yet: its pairs make them.
        let anchors = if round == 1 { self.anchors() } else { Vec::new() };
        // Of the new clauses still free, indexed by the features the old
        // ones will ask about.
        let wanted = free_old.iter().flat_map(|&o| &self.old_f[o]);
        let index = FeatureIndex::new(&self.vocab, &self.new_occ, wanted, |n| self.new_from[n].is_none(), free_new.len());
        // Each old clause's candidates are scored on their own: on every core.
        let this = &*self;
        let scored = crate::par::map(&free_old, |&o| {
            let mut cands = index.candidates(&this.old_f[o], 8);
            let mut slot = false;
            let place = (round == 1).then(|| {
                let ((old_prev, prev), (old_next, next)) = nearest_anchors(&anchors, o);
                let gap = prev.map_or(0, |p| p + 1)..next.unwrap_or(this.new.len());
                // One old clause and one new between the same anchors.
                slot = gap.len() == 1 && old_next.unwrap_or(this.old.len()) - old_prev.map_or(0, |p| p + 1) == 1;
                cands.extend(this.neighbour_candidates(o, prev, &gap));
                gap
            });
            cands.sort_unstable();
            cands.dedup();
            let mut pairs = Vec::new();
            for n in cands {
                if this.new_from[n].is_some() {
                    continue;
                }
                let in_place = place.as_ref().is_some_and(|g| g.contains(&n));
                let texts = (Overlap::of(&this.old_f[o], &this.new_f[n]), Overlap::of(&this.old_all[o], &this.new_all[n]));
                let s = this.score(o, n, texts, in_place);
                let accept = if round == 0 { s >= CONFIDENT } else { this.plausible(o, n, texts, s, in_place, slot) };
                if accept {
                    let bonus = if in_place { ORDER_BONUS } else { 0.0 };
                    pairs.push((s + bonus, o, n));
                }
            }
            pairs
        });
        let mut pairs: Vec<(f64, usize, usize)> = scored.into_iter().flatten().collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (s, o, n) in pairs {
            if self.old_to[o].is_none() && self.new_from[n].is_none() {
                self.pair(o, n, s.min(1.0));
            }
        }
    }

    /// The matches so far that keep the order (the longest increasing run of
    /// successors, in old order): a moved clause is no landmark for its old
    /// neighbours, whose place is elsewhere.
    fn anchors(&self) -> Vec<Option<usize>> {
        let matched: Vec<usize> = (0..self.old.len()).filter(|&o| self.old_to[o].is_some()).collect();
        let seq: Vec<usize> = matched.iter().map(|&o| self.old_to[o].expect("matched")).collect();
        let mut anchors = vec![None; self.old.len()];
        for (k, keep) in lis(&seq).into_iter().enumerate() {
            if keep {
                anchors[matched[k]] = Some(seq[k]);
            }
        }
        anchors
    }

    /// Unmatched new clauses in `o`'s place (`gap`, after `prev`, the
    /// successor of its nearest anchored predecessor); when the gap is wide,
    /// the few right after `prev` (or, with none, at `o`'s relative position).
    fn neighbour_candidates(&self, o: usize, prev: Option<usize>, gap: &std::ops::Range<usize>) -> Vec<usize> {
        if gap.is_empty() || gap.len() > 6 {
            let center = prev.map_or(o * self.new.len() / self.old.len().max(1), |p| p + 1);
            return (center.saturating_sub(2)..(center + 3).min(self.new.len())).collect();
        }
        gap.clone().collect()
    }

    /// Whether a scored pair is evidence enough for a match: the texts are
    /// mostly alike, or the headings are and the score clears the threshold, or
    /// the very same heading stands over a rewritten text, or the two are
    /// alone between the same anchors (`slot`), still share a good part of
    /// their words ([`SLOT_TEXT`]) and one heading, if both have one, is
    /// mostly in the other ("Geldwäsche; Verschleierung unrechtmäßig
    /// erlangter Vermögenswerte" → "Geldwäsche"). A deleted clause and an
    /// added one that share only the drafting vocabulary pass none of these.
    /// Away from its place (`in_place` false: between other anchors), only
    /// the text counts, and more of it: a heading like "Register of licences"
    /// recurs across a bill, and the domain vocabulary with it, so a deleted
    /// article must not be paired with an added one chapters away for sharing them.
    fn plausible(&self, o: usize, n: usize, texts: (Overlap, Overlap), score: f64, in_place: bool, slot: bool) -> bool {
        let (a, b) = (&self.old[o], &self.new[n]);
        let (text, all) = (texts.0.dice(), texts.1.dice());
        if !in_place {
            return text >= MOVED_TEXT && all >= MOVED_TEXT;
        }
        let headings = !a.heading_features.is_empty() && !b.heading_features.is_empty();
        let heading = if headings { dice(&a.heading_features, &b.heading_features) } else { 0.0 };
        text >= 0.5
            || slot && text >= SLOT_TEXT.0 && all >= SLOT_TEXT.1 && self.headings_agree(o, n)
            || headings && heading >= 0.5 && score >= MATCH_THRESHOLD
            || self.same_heading(o, n) && all >= 0.2
    }

    /// One heading is mostly in the other, or one clause has none.
    fn headings_agree(&self, o: usize, n: usize) -> bool {
        let (a, b) = (&self.old[o].heading_features, &self.new[n].heading_features);
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.is_empty() || containment(short, long) >= 0.5
    }

    /// Both have the same, non-trivial heading ("Compliance with the requirements"):
    /// a rewritten article that kept its title is still the same article.
    fn same_heading(&self, o: usize, n: usize) -> bool {
        let (a, b) = (&self.old[o].heading_features, &self.new[n].heading_features);
        a.len() >= 2 && a == b
    }

    /// Score of a pair whose distinctive and all features overlap as
    /// `texts` tells; `in_order` when the new clause lies between the
    /// successors of the old one's matched neighbours.
    fn score(&self, o: usize, n: usize, texts: (Overlap, Overlap), in_order: bool) -> f64 {
        let (a, b) = (&self.old[o], &self.new[n]);
        // Distinctive features decide; all features temper (short clauses of
        // common words still have a similarity).
        let sim = |x: Overlap| if in_order { x.in_order() } else { x.dice() };
        let text = (sim(texts.0) + sim(texts.1)) / 2.0;
        let heading = match (a.heading_features.is_empty(), b.heading_features.is_empty()) {
            (true, true) => text,
            (false, false) => dice(&a.heading_features, &b.heading_features),
            _ => 0.0,
        };
        let pos = 1.0 - ((o as f64 / self.old.len().max(1) as f64) - (n as f64 / self.new.len().max(1) as f64)).abs();
        0.75 * text + 0.15 * heading + 0.10 * pos
    }

    /// Pass 4: leftover clauses that are parts of a split or a merge. A leftover
    /// new clause is a split part of old clause `o` when most of its features lie
    /// in `o` and, together with `o`'s main successor, it covers `o` better than
    /// that successor alone; candidates for `o` are the clauses next to the
    /// leftover plus those sharing rare features with it. Merges symmetrically.
    fn splits_and_merges(&mut self) {
        if self.old_to.iter().all(Option::is_some) && self.new_from.iter().all(Option::is_some) {
            return; // nothing left over
        }
        // Indexes of every clause, over the features the leftovers ask for.
        let (vocab, all) = (&self.vocab, |_| true);
        let old_index =
            FeatureIndex::new(vocab, &self.old_occ, unmatched(self.new, &self.new_from).flat_map(|c| &c.features), all, self.old.len());
        let new_index =
            FeatureIndex::new(vocab, &self.new_occ, unmatched(self.old, &self.old_to).flat_map(|c| &c.features), all, self.new.len());
        for n in 0..self.new.len() {
            if self.new_from[n].is_some() {
                continue;
            }
            let nf = &self.new_all[n];
            let near: Vec<usize> = [n.wrapping_sub(1), n + 1, n.wrapping_sub(2), n + 2]
                .into_iter()
                .filter_map(|m| self.new_from.get(m).copied().flatten())
                .collect();
            let far = old_index.candidates(nf, 4);
            let mut best: Option<(f64, usize)> = None;
            for o in near.iter().chain(&far).copied() {
                let Some(main) = self.old_to[o] else { continue };
                if self.merge_parts.iter().any(|&(_, mn)| mn == main) {
                    continue;
                }
                // (A clause the exact pass matched gains no parts, and has no features here.)
                let c = containment(nf, &self.old_all[o]);
                if !part_fits(c, nf, &self.old_all[o], near.contains(&o)) || best.is_some_and(|(b, _)| c <= b) {
                    continue;
                }
                let alone = containment(&self.old_all[o], &self.new_all[main]);
                let together = containment(&self.old_all[o], &merged(&self.new_all[main], nf));
                if together > alone + 0.05 {
                    best = Some((c, o));
                }
            }
            if let Some((c, o)) = best {
                self.split_parts.push((o, n));
                self.new_from[n] = Some(o);
                self.scores.insert((o, n), c);
            }
        }
        for o in 0..self.old.len() {
            if self.old_to[o].is_some() {
                continue;
            }
            let of = &self.old_all[o];
            let near: Vec<usize> = [o.wrapping_sub(1), o + 1, o.wrapping_sub(2), o + 2]
                .into_iter()
                .filter_map(|m| self.old_to.get(m).copied().flatten())
                .collect();
            let far = new_index.candidates(of, 4);
            let mut best: Option<(f64, usize)> = None;
            for n in near.iter().chain(&far).copied() {
                let Some(main) = self.new_from[n] else { continue };
                if self.split_parts.iter().any(|&(so, _)| so == main) {
                    continue; // a clause is not both split and merged
                }
                let c = containment(of, &self.new_all[n]);
                if !part_fits(c, of, &self.new_all[n], near.contains(&n)) || best.is_some_and(|(b, _)| c <= b) {
                    continue;
                }
                let alone = containment(&self.new_all[n], &self.old_all[main]);
                let together = containment(&self.new_all[n], &merged(&self.old_all[main], of));
                if together > alone + 0.05 {
                    best = Some((c, n));
                }
            }
            if let Some((c, n)) = best {
                self.merge_parts.push((o, n));
                self.old_to[o] = Some(n);
                self.scores.insert((o, n), c);
            }
        }
    }

    fn finish(self) -> Vec<Link> {
        let mut links: Vec<Link> = Vec::new();
        // Group splits and merges by their main pair.
        let mut split_of: FastMap<usize, Vec<usize>> = FastMap::default();
        for &(o, n) in &self.split_parts {
            split_of.entry(o).or_default().push(n);
        }
        let mut merge_into: FastMap<usize, Vec<usize>> = FastMap::default();
        for &(o, n) in &self.merge_parts {
            merge_into.entry(n).or_default().push(o);
        }
        let mut merged_old = vec![false; self.old.len()];
        for &(o, _) in &self.merge_parts {
            merged_old[o] = true;
        }
        for (o, &merged) in merged_old.iter().enumerate() {
            if merged {
                continue;
            }
            let Some(n) = self.old_to[o] else {
                links.push(Link { kind: ChangeKind::Deleted, old: vec![o], new: vec![], score: 0.0, moved: false });
                continue;
            };
            let score = self.scores.get(&(o, n)).copied().unwrap_or(0.0);
            if let Some(parts) = split_of.get(&o) {
                let mut new = vec![n];
                new.extend(parts);
                new.sort_unstable();
                links.push(Link { kind: ChangeKind::Split, old: vec![o], new, score, moved: false });
            } else if let Some(parts) = merge_into.get(&n) {
                let mut old = vec![o];
                old.extend(parts);
                old.sort_unstable();
                links.push(Link { kind: ChangeKind::Merged, old, new: vec![n], score, moved: false });
            } else {
                // Unchanged means the same display text: a zero-width space or a
                // digit-script change matches exactly (folded) but is a (cosmetic) edit.
                let kind = if self.old[o].text == self.new[n].text { ChangeKind::Unchanged } else { ChangeKind::Modified };
                links.push(Link { kind, old: vec![o], new: vec![n], score, moved: false });
            }
        }
        for n in 0..self.new.len() {
            if self.new_from[n].is_none() {
                links.push(Link { kind: ChangeKind::Added, old: vec![], new: vec![n], score: 0.0, moved: false });
            }
        }
        mark_moves(&mut links);
        // Order: by new position; deleted ones after the successor of their old predecessor.
        let mut keyed: Vec<(f64, usize, Link)> = Vec::with_capacity(links.len());
        let mut succ_of_old: Vec<Option<usize>> = vec![None; self.old.len()];
        for l in &links {
            if let Some(&n) = l.new.first() {
                for &o in &l.old {
                    succ_of_old[o] = Some(n);
                }
            }
        }
        for (i, l) in links.into_iter().enumerate() {
            let pos = match l.new.first() {
                Some(&n) => n as f64,
                None => {
                    let o = l.old[0];
                    let before = (0..o).rev().find_map(|p| succ_of_old[p]);
                    before.map_or(-0.5, |n| n as f64 + 0.5)
                }
            };
            keyed.push((pos, i, l));
        }
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        keyed.into_iter().map(|(_, _, l)| l).collect()
    }
}

/// Marks as moved the matched links outside the longest increasing subsequence
/// of new positions, taken in old order.
fn mark_moves(links: &mut [Link]) {
    let mut matched: Vec<usize> = (0..links.len()).filter(|&i| !links[i].old.is_empty() && !links[i].new.is_empty()).collect();
    matched.sort_by_key(|&i| links[i].old[0]);
    let seq: Vec<usize> = matched.iter().map(|&i| links[i].new[0]).collect();
    let keep = lis(&seq);
    for (k, &i) in matched.iter().enumerate() {
        links[i].moved = !keep[k];
    }
}

/// An anchored clause: its old index and its successor.
type Anchor = (Option<usize>, Option<usize>);

/// The anchored clauses nearest before and after `o`.
fn nearest_anchors(anchors: &[Option<usize>], o: usize) -> (Anchor, Anchor) {
    let prev = (0..o).rev().find(|&p| anchors[p].is_some());
    let next = (o + 1..anchors.len()).find(|&p| anchors[p].is_some());
    ((prev, prev.and_then(|p| anchors[p])), (next, next.and_then(|p| anchors[p])))
}

/// Marks the members of one longest strictly increasing subsequence (O(n log n)).
fn lis(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let pos = tails.partition_point(|&t| seq[t] < seq[i]);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    keep
}

/// The clauses of a version that are not matched (yet).
fn unmatched<'c>(clauses: &'c [Clause], to: &'c [Option<usize>]) -> impl Iterator<Item = &'c Clause> + 'c {
    clauses.iter().zip(to).filter(|(_, m)| m.is_none()).map(|(c, _)| c)
}

/// Features, numbered in order of first appearance, quick to ask about a
/// feature they lack: the features of the clauses the exact pass left, a
/// small part of a bill's, asked about every feature of it.
#[derive(Default)]
struct Vocab {
    /// One bit per value of a feature's top 16 bits (features are hashes).
    bits: Vec<u64>,
    ids: FastMap<u64, u32>,
}

impl Vocab {
    fn new(features: impl Iterator<Item = u64>) -> Vocab {
        let mut bits = vec![0u64; 1 << 10];
        let mut ids = FastMap::default();
        for f in features {
            bits[(f >> 54) as usize] |= 1 << ((f >> 48) & 63);
            let next = ids.len() as u32;
            ids.entry(f).or_insert(next);
        }
        Vocab { bits, ids }
    }

    /// The number of a feature, if it is one of them.
    fn id(&self, f: u64) -> Option<u32> {
        if self.bits.get((f >> 54) as usize).is_some_and(|b| b & (1 << ((f >> 48) & 63)) != 0) {
            self.ids.get(&f).copied()
        } else {
            None
        }
    }

    /// How many features it numbers.
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The numbers of those of `features` it has, each once.
    fn ids(&self, features: &[u64]) -> Vec<u32> {
        thread_local! {
            // Per feature number, the call that last saw it (this thread's).
            static SEEN: std::cell::RefCell<(Vec<u32>, u32)> = const { std::cell::RefCell::new((Vec::new(), 0)) };
        }
        SEEN.with_borrow_mut(|(seen, call)| {
            *call = call.wrapping_add(1);
            if *call == 0 {
                seen.fill(0);
                *call = 1;
            }
            if seen.len() < self.len() {
                seen.resize(self.len(), 0);
            }
            let mut out = Vec::new();
            for &f in features {
                if let Some(id) = self.id(f) {
                    if std::mem::replace(&mut seen[id as usize], *call) != *call {
                        out.push(id);
                    }
                }
            }
            out
        })
    }
}

/// Where each feature of a [`Vocab`] occurs in one version: the clauses
/// holding it, in ascending order. How many they are is the feature's
/// document frequency. A counting sort of the clauses' feature numbers.
#[derive(Default)]
struct Occurrences {
    /// Feature number → the start of its clauses in `clauses` (one more
    /// entry: the end of the last).
    start: Vec<u32>,
    clauses: Vec<u32>,
}

impl Occurrences {
    /// From each clause's feature numbers ([`Vocab::ids`], each once), in
    /// clause order; `features`: how many numbers there are.
    fn new<'i>(clauses: impl Iterator<Item = &'i [u32]> + Clone, features: usize) -> Occurrences {
        let mut start = vec![0u32; features + 1];
        for ids in clauses.clone() {
            for &id in ids {
                start[id as usize + 1] += 1;
            }
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut next = start.clone();
        let mut sorted = vec![0u32; start[features] as usize];
        for (i, ids) in clauses.enumerate() {
            for &id in ids {
                sorted[next[id as usize] as usize] = i as u32;
                next[id as usize] += 1;
            }
        }
        Occurrences { start, clauses: sorted }
    }

    /// The clauses holding feature `id`, ascending.
    fn of(&self, id: u32) -> &[u32] {
        &self.clauses[self.start[id as usize] as usize..self.start[id as usize + 1] as usize]
    }
}

/// Inverted index of rare features over a subset of a version's clauses.
struct FeatureIndex<'v> {
    /// The numbering of the features it was built with.
    vocab: &'v Vocab,
    /// Feature number → its postings, a range of `clauses` (empty for a
    /// feature not asked for, or too common in the subset).
    postings: Vec<(u32, u32)>,
    /// The clauses of each feature in turn, each feature's in ascending order.
    clauses: Vec<u32>,
}

impl<'v> FeatureIndex<'v> {
    /// The index of the `subset_len` clauses `in_subset` admits, of the
    /// features the queries to come will ask about (`wanted`): a few
    /// leftovers against a whole bill need a small part of its features.
    /// A feature in more than [`FeatureIndex::rare`] of them points at none.
    fn new<'f>(
        vocab: &'v Vocab,
        occ: &Occurrences,
        wanted: impl Iterator<Item = &'f u64>,
        in_subset: impl Fn(usize) -> bool,
        subset_len: usize,
    ) -> FeatureIndex<'v> {
        let rare = FeatureIndex::rare(subset_len);
        let mut postings = vec![(0, 0); vocab.ids.len()];
        let mut done = vec![false; vocab.ids.len()];
        let mut clauses = Vec::new();
        for &f in wanted {
            let Some(id) = vocab.id(f) else { continue };
            if std::mem::replace(&mut done[id as usize], true) {
                continue;
            }
            let start = clauses.len();
            for &i in occ.of(id) {
                if in_subset(i as usize) {
                    if clauses.len() - start == rare {
                        clauses.truncate(start); // one too many
                        break;
                    }
                    clauses.push(i);
                }
            }
            postings[id as usize] = (start as u32, clauses.len() as u32);
        }
        FeatureIndex { vocab, postings, clauses }
    }

    /// Features in more clauses than this (of `len`) are too common to
    /// point at a candidate.
    fn rare(len: usize) -> usize {
        (len / 50).max(8)
    }

    /// The `k` clauses sharing most rare features with `features` (ties: the
    /// earlier clause). Counted in an array per thread, not a map: a query
    /// of a long clause adds up tens of thousands of postings.
    fn candidates(&self, features: &[u64], k: usize) -> Vec<usize> {
        thread_local! {
            static COUNTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        COUNTS.with_borrow_mut(|counts| {
            let mut touched: Vec<u32> = Vec::new();
            let mut last = None;
            for &f in features {
                if last == Some(f) {
                    continue;
                }
                last = Some(f);
                let Some(id) = self.vocab.id(f) else { continue };
                let (start, end) = self.postings[id as usize];
                for &i in &self.clauses[start as usize..end as usize] {
                    let i = i as usize;
                    if i >= counts.len() {
                        counts.resize(i + 1, 0);
                    }
                    if counts[i] == 0 {
                        touched.push(i as u32);
                    }
                    counts[i] += 1;
                }
            }
            // The best k (a handful), kept in order as the touched clauses go
            // by: cheaper than selecting among hundreds.
            let better = |a: (u32, usize), b: (u32, usize)| a.0 > b.0 || a.0 == b.0 && a.1 < b.1;
            let mut best: Vec<(u32, usize)> = Vec::with_capacity(k + 1);
            for &i in &touched {
                let c = (std::mem::take(&mut counts[i as usize]), i as usize);
                if best.len() == k && !best.last().is_some_and(|&w| better(c, w)) {
                    continue;
                }
                best.insert(best.partition_point(|&b| better(b, c)), c);
                best.truncate(k);
            }
            best.into_iter().map(|(_, i)| i).collect()
        })
    }
}

/// Features of a folded text: lower-cased words; inside runs of Khmer, character
/// trigrams (Khmer has no spaces between words). Sorted, with repeats.
pub fn features(folded: &str) -> Vec<u64> {
    let mut f = features_and_key(folded).0;
    f.sort_unstable();
    f
}

/// The [`features`] of a display-form text's fold (`text::fold_display`),
/// and a hash of that fold (`key`), in one pass without building it: the
/// fold only drops invisible characters, reads Khmer digits as ASCII and
/// collapses whitespace, and whitespace separates features anyway. The
/// features come in the order of the text: only the clauses that the exact
/// pass leaves are compared, and only theirs are sorted
/// ([`Aligner::distinctive`]).
///
/// The key hashes each word as its feature (lower-cased), and every other
/// character's bytes: two folds that differ only in case share it, and the
/// exact pass, which compares the texts of clauses with equal keys, tells
/// them apart. Runs of ASCII letters and digits, most of a bill in a Latin
/// script, are read eight bytes at a time ([`ascii_alnum_prefix`]).
fn features_and_key(display: &str) -> (Vec<u64>, u64) {
    let bytes = display.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut key = FNV_OFFSET;
    // Something is in the key: a whitespace run after it is one space.
    let mut started = false;
    // Whitespace seen since the last character of the fold.
    let mut space = false;
    // The word being read.
    let mut word: Option<WordHash> = None;
    let mut khmer = KhmerRun::default();
    let mut buf = [0u8; 4];
    // A character of the fold: the whitespace run before it, if any, is one space.
    fn visible(key: &mut u64, space: &mut bool, started: &mut bool) {
        if std::mem::take(space) {
            *key = fnv_byte(*key, b' ');
        }
        *started = true;
    }
    // The end of a word: its feature, and its place in the key.
    let end_word = |word: &mut Option<WordHash>, out: &mut Vec<u64>, key: &mut u64| {
        if let Some(w) = word.take() {
            let (h, feature) = w.finish();
            out.push(feature);
            *key = mix(*key, h);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            visible(&mut key, &mut space, &mut started);
            khmer.flush(&mut out);
            let w = word.get_or_insert_with(WordHash::default);
            loop {
                let x = load8(bytes, i);
                let n = ascii_alnum_prefix(x);
                let head = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
                // Lower case: an ASCII letter's bit 5 set (a digit has it already).
                w.push((x | 0x2020_2020_2020_2020) & head, n);
                i += n as usize;
                if n < 8 {
                    break;
                }
            }
            continue;
        }
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let c = display[i..].chars().next().expect("i is at a character");
            i += c.len_utf8();
            if text::is_invisible(c) {
                continue;
            }
            match text::digit_value(c) {
                Some(d) => char::from(b'0' + d),
                None => c,
            }
        };
        if c.is_whitespace() {
            space = started;
            end_word(&mut word, &mut out, &mut key);
            khmer.flush(&mut out);
            continue;
        }
        visible(&mut key, &mut space, &mut started);
        // Latin-1 letters (German, French ...) without the Unicode tables.
        let latin1 = matches!(c, 'À'..='ÿ') && !matches!(c, '×' | '÷');
        if latin1 || !text::khmer::is_khmer(c) && c.is_alphanumeric() {
            khmer.flush(&mut out);
            let w = word.get_or_insert_with(WordHash::default);
            if latin1 {
                let lower = if c <= 'Þ' { char::from_u32(c as u32 + 0x20).expect("a Latin-1 letter") } else { c };
                w.push_str(lower.encode_utf8(&mut buf));
            } else {
                for l in c.to_lowercase() {
                    w.push_str(l.encode_utf8(&mut buf));
                }
            }
            continue;
        }
        end_word(&mut word, &mut out, &mut key);
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            key = fnv_byte(key, b);
        }
        if text::khmer::is_khmer(c) && !matches!(c, '។' | '៕' | '៖') {
            khmer.push(c, &mut out);
        } else {
            khmer.flush(&mut out);
        }
    }
    end_word(&mut word, &mut out, &mut key);
    khmer.flush(&mut out);
    (out, key)
}

/// Eight bytes of `bytes` from `i`, as a little-endian number; zeros past the end.
#[inline]
fn load8(bytes: &[u8], i: usize) -> u64 {
    let mut x = [0u8; 8];
    match bytes.get(i..i + 8) {
        Some(b) => x.copy_from_slice(b),
        None => x[..bytes.len() - i].copy_from_slice(&bytes[i..]),
    }
    u64::from_le_bytes(x)
}

/// The hash of a word, lower-cased: of its UTF-8 bytes in blocks of eight
/// from the word's start, whatever pieces they come in (a run of ASCII
/// letters and digits eight bytes at a time, other letters one by one).
#[derive(Default)]
struct WordHash {
    h: u64,
    /// Bytes read since the last whole block (the first `len`, little-endian).
    block: u64,
    len: u32,
    total: u32,
}

impl WordHash {
    /// Appends `n` (at most 8) bytes, the low bytes of `x` (the others zero).
    #[inline]
    fn push(&mut self, x: u64, n: u32) {
        self.total += n;
        self.block |= x << (8 * self.len);
        let len = self.len + n;
        if len < 8 {
            self.len = len;
            return;
        }
        self.h = mix(self.h, self.block);
        // Of `x`, `8 - self.len` bytes made the block whole; the rest begin the next.
        let used = 8 - self.len;
        self.block = if used == 8 { 0 } else { x >> (8 * used) };
        self.len = len - 8;
    }

    fn push_str(&mut self, s: &str) {
        for chunk in s.as_bytes().chunks(8) {
            let mut x = [0u8; 8];
            x[..chunk.len()].copy_from_slice(chunk);
            self.push(u64::from_le_bytes(x), chunk.len() as u32);
        }
    }

    /// The hash, and the feature (the hash finalised).
    fn finish(self) -> (u64, u64) {
        let h = if self.len > 0 { mix(self.h, self.block) } else { self.h } ^ u64::from(self.total);
        (h, fmix(h))
    }
}

/// One step of the word and key hashes: a 64-bit value in.
#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// MurmurHash3's finaliser: every bit of the input moves every bit of the
/// output (features index maps by their low bits and filters by their high ones).
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// How many of the (little-endian) bytes of `x`, from the first, are ASCII
/// letters or digits: eight byte comparisons in a few word operations. A
/// byte past the first that is not ASCII may disturb the bytes after it,
/// never those before.
#[inline]
fn ascii_alnum_prefix(x: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of a byte below 0x80 plus `d` is set when the byte is at least 0x80 - d.
    let at_least = |v: u64, lo: u64| v.wrapping_add((0x80 - lo) * ONES);
    let lower = x | (0x20 * ONES);
    let letter = at_least(lower, 0x61) & !at_least(lower, 0x7B);
    let digit = at_least(x, 0x30) & !at_least(x, 0x3A);
    let alnum = (letter | digit) & !x & HIGH;
    (!alnum & HIGH).trailing_zeros() / 8
}

/// A run of Khmer letters being read: its last two characters and its length.
#[derive(Default)]
struct KhmerRun {
    last: [char; 2],
    len: usize,
}

impl KhmerRun {
    /// Adds a character: with the two before it, it makes a trigram.
    fn push(&mut self, c: char, out: &mut Vec<u64>) {
        match self.len {
            0 => self.last[0] = c,
            1 => self.last[1] = c,
            _ => {
                out.push(hash_chars(&[self.last[0], self.last[1], c]));
                self.last = [self.last[1], c];
            }
        }
        self.len += 1;
    }

    /// Ends the run: a run too short for a trigram is one feature.
    #[inline]
    fn flush(&mut self, out: &mut Vec<u64>) {
        if self.len > 0 {
            if self.len < 3 {
                out.push(hash_chars(&self.last[..self.len]));
            }
            self.len = 0;
        }
    }
}

/// FNV-1a of the UTF-8 of some characters.
fn hash_chars(cs: &[char]) -> u64 {
    let mut buf = [0u8; 4];
    cs.iter().fold(FNV_OFFSET, |h, c| c.encode_utf8(&mut buf).bytes().fold(h, fnv_byte))
}

/// Size of the multiset intersection of two sorted lists.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two feature multisets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    Overlap::of(a, b).dice()
}

/// The sizes of two feature multisets and of their intersection: all that
/// Dice and containment are made of, from one walk of the sorted lists.
#[derive(Clone, Copy)]
struct Overlap {
    a: usize,
    b: usize,
    both: usize,
}

impl Overlap {
    fn of(a: &[u64], b: &[u64]) -> Overlap {
        Overlap { a: a.len(), b: b.len(), both: intersection(a, b) }
    }

    /// Dice coefficient.
    fn dice(self) -> f64 {
        if self.a == 0 && self.b == 0 {
            return 1.0;
        }
        2.0 * self.both as f64 / (self.a + self.b) as f64
    }

    /// Similarity of two clause texts in order: Dice, or, when one text grew or
    /// shrank a lot around the same core (a short article rewritten at length), most
    /// of the shorter one found in the longer (discounted, so an exact pair still
    /// wins). Only for pairs that keep the order: general legal phrasing of a short
    /// clause is "contained" in many long ones elsewhere in a bill.
    fn in_order(self) -> f64 {
        let d = self.dice();
        let short = self.a.min(self.b);
        if short < 15 {
            return d;
        }
        d.max(0.85 * (self.both as f64 / short as f64))
    }
}

/// Whether a leftover clause with containment `c` in `whole` can be a split or
/// merge part: next to the whole's partner, [`CONTAINMENT`] is enough; further
/// away it must be almost wholly inside (0.85) and a real share of the whole (a
/// fifth), since a short clause of common phrasing is "contained" in any long one.
fn part_fits(c: f64, part: &[u64], whole: &[u64], near: bool) -> bool {
    if near {
        c >= CONTAINMENT
    } else {
        c >= 0.85 && part.len() * 5 >= whole.len() && part.len() >= 10
    }
}

/// Share of `part` that lies in `whole`.
fn containment(part: &[u64], whole: &[u64]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    intersection(part, whole) as f64 / part.len() as f64
}

/// The union of two feature multisets, sorted: one pass over both.
fn merged(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            v.push(a[i]);
            i += 1;
        } else {
            v.push(b[j]);
            j += 1;
        }
    }
    v.extend_from_slice(&a[i..]);
    v.extend_from_slice(&b[j..]);
    v
}

/// Dice similarity of two clauses' texts (0..1).
pub fn clause_similarity(a: &Clause, b: &Clause) -> f64 {
    let sorted = |c: &Clause| {
        let mut f = c.features.clone();
        f.sort_unstable();
        f
    };
    dice(&sorted(a), &sorted(b))
}

/// Is this node kind a group that can hold clauses (for "moved to another chapter")?
pub fn is_group(kind: Kind) -> bool {
    kind.group_rank().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Block;

    fn version(text: &str) -> Vec<Clause> {
        let blocks: Vec<Block> = text.split("\n\n").map(Block::plain).collect();
        clauses(&crate::structure::parse(&blocks))
    }

    fn kinds(links: &[Link]) -> Vec<(ChangeKind, Vec<usize>, Vec<usize>, bool)> {
        links.iter().map(|l| (l.kind, l.old.clone(), l.new.clone(), l.moved)).collect()
    }

    #[test]
    fn align_with_hands_over_the_settled_pairs_whose_texts_differ() {
        // Khmer: article 1 unchanged, article 2 only its digits (ASCII for
        // Khmer: the same fold), article 3 a word changed.
        let old = version("មាត្រា ១\n\nច្បាប់នេះអនុវត្តចំពោះសមាគមទាំងអស់។\n\nមាត្រា ២\n\nសមាគមត្រូវចុះបញ្ជីក្នុងរយៈពេល ៣០ ថ្ងៃ។\n\nមាត្រា ៣\n\nក្រសួងមហាផ្ទៃត្រូវសម្រេចលើពាក្យស្នើសុំចុះបញ្ជីនៃសមាគមនិងអង្គការក្រៅរដ្ឋាភិបាលក្នុងរយៈពេលសែសិបប្រាំថ្ងៃ។");
        let new = version("មាត្រា ១\n\nច្បាប់នេះអនុវត្តចំពោះសមាគមទាំងអស់។\n\nមាត្រា ២\n\nសមាគមត្រូវចុះបញ្ជីក្នុងរយៈពេល 30 ថ្ងៃ។\n\nមាត្រា ៣\n\nក្រសួងមហាផ្ទៃអាចសម្រេចលើពាក្យស្នើសុំចុះបញ្ជីនៃសមាគមនិងអង្គការក្រៅរដ្ឋាភិបាលក្នុងរយៈពេលសែសិបប្រាំថ្ងៃ។");
        let (links, settled) = align_with(&old, &new, |pairs, _| pairs.to_vec());
        assert_eq!(links, align(&old, &new));
        assert_eq!(settled, vec![(1, 1), (2, 2)]);
        assert_eq!(
            kinds(&links),
            vec![
                (ChangeKind::Unchanged, vec![0], vec![0], false),
                (ChangeKind::Modified, vec![1], vec![1], false),
                (ChangeKind::Modified, vec![2], vec![2], false),
            ]
        );
    }

    #[test]
    fn a_rewritten_article_alone_in_its_place_is_modified() {
        let first = "Article 1\n\nThis law governs the registration and activities of domestic associations and non-governmental organisations in the Kingdom.";
        let last =
            "Article 3\n\nEvery association shall keep accounts of all income and expenditure and publish an annual activity report.";
        let old = version(&format!("{first}\n\nArticle 2\n\nAn association shall submit its statute, the names of its founders and the address of its office to the Ministry of Interior, which shall decide on the application within forty-five working days and give written reasons for any refusal.\n\n{last}"));
        // Half the words are new: still Article 2, rewritten.
        let rewritten = version(&format!("{first}\n\nArticle 2\n\nA founder may notify the Ministry of its statute and office address; the Ministry shall record each notification within fifteen days, and any objection must state legal grounds.\n\n{last}"));
        assert_eq!(kinds(&align(&old, &rewritten))[1], (ChangeKind::Modified, vec![1], vec![1], false));
        // Another article in its place: deleted and added.
        let replaced = version(&format!("{first}\n\nArticle 2\n\nForeign donors may fund a project of an association only through a bank account opened in the Kingdom for that project.\n\n{last}"));
        let k = kinds(&align(&old, &replaced));
        assert!(
            k.contains(&(ChangeKind::Deleted, vec![1], vec![], false)) && k.contains(&(ChangeKind::Added, vec![], vec![1], false)),
            "{k:?}"
        );
        // With headings, only if one heading is mostly in the other.
        let headed = |heading: &str, body: &str| {
            version(&format!(
                "Article 1 - Scope\n\n{}\n\nArticle 2 - {heading}\n\n{body}\n\nArticle 3 - Accounts\n\n{}",
                &first[11..],
                &last[11..]
            ))
        };
        let old_body = "An association shall submit its statute, the names of its founders and the address of its office to the Ministry of Interior, which shall decide on the application within forty-five working days and give written reasons for any refusal.";
        let new_body = "A founder may notify the Ministry of its statute and office address; the Ministry shall record each notification within fifteen days, and any objection must state legal grounds.";
        let kept = kinds(&align(&headed("Registration", old_body), &headed("Registration and notification", new_body)));
        assert_eq!(kept[1], (ChangeKind::Modified, vec![1], vec![1], false));
        let other = kinds(&align(&headed("Registration", old_body), &headed("Founders' duties", new_body)));
        assert!(other.contains(&(ChangeKind::Deleted, vec![1], vec![], false)), "{other:?}");
        // Khmer, without headings: a single article with half its words replaced.
        let km_old = version("មាត្រា ១\n\nនៅចន្លោះសម័យប្រជុំរបស់រដ្ឋសភា គណៈកម្មាធិការអចិន្ត្រៃយ៍ របស់រដ្ឋសភា ទទួលភារកិច្ចចាត់ចែងការងារ ។ គណៈកម្មាធិការអចិន្ត្រៃយ៍របស់រដ្ឋសភារួមមានៈ ប្រធានរដ្ឋសភា អនុប្រធានរដ្ឋសភានិងប្រធានគណៈកម្មការ ទាំងអស់របស់រដ្ឋសភា ។");
        let km_new = version("មាត្រា ១\n\nនៅចន្លោះសម័យប្រជុំរឿងរដ្ឋសភា សហការីលើក របស់រោគ ទទួលឥតអង្គបោះឆ្នោតសំឡេង ។ គណៈកម្មាធិការរយៈលក្ខណៈប្រើប្រាស់រួមមានៈ ចូលក្លែងក្លាយ អនុប្រធានរដ្ឋសភានិងសឺគណៈកម្មការ ឥស្សរជនក្នុងរយៈនាដ ។");
        assert_eq!(kinds(&align(&km_old, &km_new)), vec![(ChangeKind::Modified, vec![0], vec![0], false)]);
    }

    #[test]
    fn insertion_renumbers_but_matches_by_text() {
        let old = version("Article 1 - Scope\n\nThis law applies to associations.\n\nArticle 2 - Registration\n\nEvery association shall notify the Ministry.\n\nArticle 3 - Reports\n\nEvery association shall report annually to the Ministry of Interior.");
        let new = version("Article 1 - Scope\n\nThis law applies to associations.\n\nArticle 2 - Principles\n\nAssociations are free to pursue lawful aims without interference.\n\nArticle 3 - Registration\n\nEvery association shall obtain prior approval from the Ministry.\n\nArticle 4 - Reports\n\nEvery association shall report annually to the Ministry of Interior.");
        let links = align(&old, &new);
        assert_eq!(
            kinds(&links),
            vec![
                (ChangeKind::Unchanged, vec![0], vec![0], false),
                (ChangeKind::Added, vec![], vec![1], false),
                (ChangeKind::Modified, vec![1], vec![2], false),
                (ChangeKind::Unchanged, vec![2], vec![3], false),
            ]
        );
    }

    #[test]
    fn split_merge_move_delete() {
        let old = version(
            "Article 1 - Definitions\n\nIn this law association means a group of persons and NGO means a non-governmental organisation with its own statute.\n\n\
             Article 2 - Accounts\n\nEvery NGO shall keep accounts of all income and expenditure.\n\n\
             Article 3 - Annual report\n\nEvery NGO shall send an annual activity report to the Ministry.\n\n\
             Article 4 - Appeals\n\nA decision may be appealed to the competent court within thirty days.\n\n\
             Article 5 - Neutrality\n\nAssociations shall remain neutral towards political parties at all times.",
        );
        let new = version(
            "Article 1 - Neutrality\n\nAssociations shall remain neutral towards political parties at all times.\n\n\
             Article 2 - Association\n\nIn this law association means a group of persons.\n\n\
             Article 3 - NGO\n\nNGO means a non-governmental organisation with its own statute.\n\n\
             Article 4 - Accounts and reports\n\nEvery NGO shall keep accounts of all income and expenditure. Every NGO shall send an annual activity report to the Ministry.",
        );
        let links = align(&old, &new);
        let k = kinds(&links);
        assert!(k.contains(&(ChangeKind::Split, vec![0], vec![1, 2], false)), "{k:?}");
        assert!(k.contains(&(ChangeKind::Merged, vec![1, 2], vec![3], false)), "{k:?}");
        assert!(k.contains(&(ChangeKind::Deleted, vec![3], vec![], false)), "{k:?}");
        assert!(k.contains(&(ChangeKind::Unchanged, vec![4], vec![0], true)), "{k:?}");
        assert_eq!(k.len(), 4);
    }

    #[test]
    fn khmer_clauses_match_on_trigrams() {
        let old = version("មាត្រា ១ ៖ គោលបំណង\n\nច្បាប់នេះមានគោលបំណងកំណត់អំពីការបង្កើតសមាគម ។\n\nមាត្រា ២ ៖ ការចុះបញ្ជី\n\nសមាគមត្រូវជូនដំណឹងទៅក្រសួងមហាផ្ទៃ ។");
        let new = version("មាត្រា ១ ៖ គោលបំណង\n\nច្បាប់នេះមានគោលបំណងកំណត់អំពីការបង្កើតសមាគម ។\n\nមាត្រា ២ ៖ គោលការណ៍\n\nសេរីភាពនៃការបង្កើតសមាគមត្រូវបានធានា ។\n\nមាត្រា ៣ ៖ ការចុះបញ្ជី\n\nសមាគមត្រូវស្នើសុំការអនុញ្ញាតជាមុនពីក្រសួងមហាផ្ទៃ ។");
        let k = kinds(&align(&old, &new));
        assert_eq!(k[0], (ChangeKind::Unchanged, vec![0], vec![0], false));
        assert!(k.contains(&(ChangeKind::Modified, vec![1], vec![2], false)), "{k:?}");
        assert!(k.contains(&(ChangeKind::Added, vec![], vec![1], false)), "{k:?}");
    }

    /// Features and key in one pass are those of the fold, read as it was
    /// before: a string per word and per Khmer run, trigram windows; the key
    /// made of the words' hashes and the other characters' bytes, in order.
    fn reference(display: &str) -> (Vec<u64>, u64) {
        let fnv = |bytes: &[u8]| bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_byte(h, b));
        let folded = text::fold_display(display);
        let mut out = Vec::new();
        let mut key = FNV_OFFSET;
        let mut word = String::new();
        let mut khmer: Vec<char> = Vec::new();
        let flush = |word: &mut String, khmer: &mut Vec<char>, out: &mut Vec<u64>, key: &mut u64| {
            if !word.is_empty() {
                let mut h = WordHash::default();
                h.push_str(&word.chars().flat_map(char::to_lowercase).collect::<String>());
                let (h, feature) = h.finish();
                out.push(feature);
                *key = mix(*key, h);
                word.clear();
            }
            if khmer.len() < 3 {
                if !khmer.is_empty() {
                    out.push(fnv(khmer.iter().collect::<String>().as_bytes()));
                }
            } else {
                out.extend(khmer.windows(3).map(|w| fnv(w.iter().collect::<String>().as_bytes())));
            }
            khmer.clear();
        };
        for c in folded.chars() {
            if c.is_alphanumeric() && !text::khmer::is_khmer(c) {
                flush(&mut String::new(), &mut khmer, &mut out, &mut key);
                word.push(c);
                continue;
            }
            flush(&mut word, &mut Vec::new(), &mut out, &mut key);
            key = c.to_string().bytes().fold(key, fnv_byte);
            if text::khmer::is_khmer(c) && !matches!(c, '។' | '៕' | '៖') {
                khmer.push(c);
            } else {
                flush(&mut String::new(), &mut khmer, &mut out, &mut key);
            }
        }
        flush(&mut word, &mut khmer, &mut out, &mut key);
        out.sort_unstable();
        (out, key)
    }

    fn sorted((mut f, key): (Vec<u64>, u64)) -> (Vec<u64>, u64) {
        f.sort_unstable();
        (f, key)
    }

    #[test]
    fn features_and_key_read_the_fold() {
        for t in [
            "",
            "  Article 12 \n (1) The Ministry SHALL register Änderungen der Straße. ",
            "មាត្រា\u{200B}១២  \n ថ្មី ក ខគ ។ សមាគម៖ឃ",
            "ab\u{200B}cd ២០២៤ x\u{00AD}y ៤៥ ៰៹",
            "ÉCOLE École İstanbul ǅ ΟΔΟΣ",
        ] {
            assert_eq!(sorted(features_and_key(t)), reference(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn features_and_key_read_the_fold_of_any_text(t in "[a-zA-Z0-9 \n\t\r\x0B\x0C\x1C\u{85}\u{A0}\u{2003}.,()Ääßǅİកខគឃងចមាត្រា១២៣។៖\u{200B}\u{00AD}\u{17F0}]{0,40}") {
            proptest::prop_assert_eq!(sorted(features_and_key(&t)), reference(&t));
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_alnum_prefix_counts_the_leading_letters_and_digits(x: u64, ascii in proptest::collection::vec(0u8..128, 8)) {
            for x in [x, u64::from_le_bytes(ascii.try_into().unwrap())] {
                let naive = x.to_le_bytes().iter().take_while(|b| b.is_ascii_alphanumeric()).count() as u32;
                proptest::prop_assert_eq!(ascii_alnum_prefix(x), naive, "{:016x}", x);
            }
        }
    }

    #[test]
    fn word_hashes_do_not_depend_on_where_the_blocks_fall() {
        // One word read as ASCII runs around other letters (the blocks start
        // at the word, not at the text), lower-cased, Khmer digits as ASCII.
        let f = |t: &str| features_and_key(t).0;
        assert_eq!(f("Verbraucherschutzgesetzänderung"), f("x verbraucherschutzgesetzÄnderung")[1..]);
        assert_eq!(f("a Ab12CDefGH3ijklmnop"), f("A ab12cdefgh3IJKLMNOP"));
        assert_eq!(f("article ១២៣៤៥៦៧៨៩"), f("article 123456789"));
        assert_ne!(f("abcdefgh"), f("abcdefghi"));
        assert_ne!(f("abcdefgh"), f("abcdefg"));
        // The key is blind to case; the exact pass compares the texts.
        assert_eq!(features_and_key("The Ministry shall").1, features_and_key("the ministry SHALL").1);
        assert_ne!(features_and_key("the ministry shall").1, features_and_key("the ministry shall.").1);
        assert_ne!(features_and_key("the ministry, shall").1, features_and_key("the ministry ,shall").1);
        let links = align(&version("Article 1\n\nThe Ministry shall register."), &version("Article 1\n\nThe ministry shall register."));
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, ChangeKind::Modified);
    }

    proptest::proptest! {
        #[test]
        fn merged_is_the_sorted_union(mut a in proptest::collection::vec(0u64..20, 0..30), mut b in proptest::collection::vec(0u64..20, 0..30)) {
            a.sort_unstable();
            b.sort_unstable();
            let mut both: Vec<u64> = a.iter().chain(&b).copied().collect();
            both.sort_unstable();
            proptest::prop_assert_eq!(merged(&a, &b), both);
        }
    }

    #[test]
    fn occurrences_count_a_clause_once_and_the_index_skips_common_features() {
        let text: Vec<String> = (0..10).map(|i| format!("Article {}\n\ncommon alpha alpha word{i}", i + 1)).collect();
        let mut bill = version(&text.join("\n\n"));
        bill.extend(version("Article 11\n\nbeta alpha"));
        let f = |w: &str| features(w)[0];
        let vocab = Vocab::new(bill.iter().flat_map(|c| c.features.iter().copied()));
        let ids: Vec<Vec<u32>> = bill.iter().map(|c| vocab.ids(&c.features)).collect();
        let occ = Occurrences::new(ids.iter().map(Vec::as_slice), vocab.len());
        let id = |w: &str| vocab.id(f(w)).expect("in the vocabulary");
        // Twice in a clause, once in its postings; ascending.
        assert_eq!(occ.of(id("alpha")), (0..11).collect::<Vec<u32>>());
        assert_eq!(occ.of(id("word3")), [3]);
        assert_eq!(occ.of(id("beta")), [10]);
        assert_eq!(vocab.id(f("gamma")), None);
        // Over all eleven clauses, "common" (in ten) is too common to point at one.
        let all = FeatureIndex::new(&vocab, &occ, [f("common"), f("word3"), f("beta")].iter(), |_| true, bill.len());
        assert_eq!(all.candidates(&features("common word3"), 8), [3]);
        assert!(all.candidates(&features("common"), 8).is_empty());
        // Over a subset (clauses 8 to 10), it is rare again; ties go to the earlier clause.
        let some = FeatureIndex::new(&vocab, &occ, [f("common"), f("beta")].iter(), |i| i >= 8, 3);
        assert_eq!(some.candidates(&features("common beta"), 8), [8, 9, 10]);
        assert_eq!(some.candidates(&features("beta common"), 1), [8]);
        // Features not asked for when the index was built point at nothing.
        assert!(some.candidates(&features("word9"), 8).is_empty());
    }

    #[test]
    fn lis_marks_the_stable_order() {
        assert_eq!(lis(&[0, 1, 5, 2, 3, 4]), vec![true, true, false, true, true, true]);
        assert_eq!(lis(&[]), Vec::<bool>::new());
    }
}
