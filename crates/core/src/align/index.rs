//! The index of features: their numbering ([`Vocab`]), where each occurs
//! in a version ([`Occurrences`]), and the inverted index of the rare ones
//! that gives a clause its candidates ([`FeatureIndex`]).

use crate::hash::FastMap;

/// Features, numbered in order of first appearance, quick to ask about a
/// feature they lack: the features of the clauses the exact pass left, a
/// small part of a bill's, asked about every feature of it.
#[derive(Default)]
pub(super) struct Vocab {
    /// One bit per value of a feature's top 16 bits (features are hashes).
    bits: Vec<u64>,
    ids: FastMap<u64, u32>,
}

impl Vocab {
    pub(super) fn new(features: impl Iterator<Item = u64>) -> Vocab {
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
    pub(super) fn id(&self, f: u64) -> Option<u32> {
        if self.bits.get((f >> 54) as usize).is_some_and(|b| b & (1 << ((f >> 48) & 63)) != 0) {
            self.ids.get(&f).copied()
        } else {
            None
        }
    }

    /// How many features it numbers.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The numbers of those of `features` it has, each once.
    pub(super) fn ids(&self, features: &[u64]) -> Vec<u32> {
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
pub(super) struct Occurrences {
    /// Feature number → the start of its clauses in `clauses` (one more
    /// entry: the end of the last).
    start: Vec<u32>,
    clauses: Vec<u32>,
}

impl Occurrences {
    /// From each clause's feature numbers ([`Vocab::ids`], each once), in
    /// clause order; `features`: how many numbers there are.
    pub(super) fn new<'i>(clauses: impl Iterator<Item = &'i [u32]> + Clone, features: usize) -> Occurrences {
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
    pub(super) fn of(&self, id: u32) -> &[u32] {
        &self.clauses[self.start[id as usize] as usize..self.start[id as usize + 1] as usize]
    }
}

/// Inverted index of rare features over a subset of a version's clauses.
pub(super) struct FeatureIndex<'v> {
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
    pub(super) fn new<'f>(
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
    pub(super) fn candidates(&self, features: &[u64], k: usize) -> Vec<usize> {
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

#[cfg(test)]
mod tests {
    use super::super::clause::version;
    use super::super::features::features;
    use super::*;

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
}
