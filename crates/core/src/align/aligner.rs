//! The aligner: the passes of the method (see [`super`]) over two versions'
//! clauses, and the order they leave.

use super::clause::Clause;
use super::index::{FeatureIndex, Occurrences, Vocab};
use super::link::{ChangeKind, Link};
use super::similarity::{containment, dice, merged, Overlap};
use crate::hash::FastMap;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_marks_the_stable_order() {
        assert_eq!(lis(&[0, 1, 5, 2, 3, 4]), vec![true, true, false, true, true, true]);
        assert_eq!(lis(&[]), Vec::<bool>::new());
    }
}
