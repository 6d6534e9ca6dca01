//! Similarity of feature multisets (sorted lists of feature hashes): Dice,
//! containment, their union.

use super::clause::Clause;

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
pub(super) fn dice(a: &[u64], b: &[u64]) -> f64 {
    Overlap::of(a, b).dice()
}

/// The sizes of two feature multisets and of their intersection: all that
/// Dice and containment are made of, from one walk of the sorted lists.
#[derive(Clone, Copy)]
pub(super) struct Overlap {
    a: usize,
    b: usize,
    both: usize,
}

impl Overlap {
    pub(super) fn of(a: &[u64], b: &[u64]) -> Overlap {
        Overlap { a: a.len(), b: b.len(), both: intersection(a, b) }
    }

    /// Dice coefficient.
    pub(super) fn dice(self) -> f64 {
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
    pub(super) fn in_order(self) -> f64 {
        let d = self.dice();
        let short = self.a.min(self.b);
        if short < 15 {
            return d;
        }
        d.max(0.85 * (self.both as f64 / short as f64))
    }
}

/// Share of `part` that lies in `whole`.
pub(super) fn containment(part: &[u64], whole: &[u64]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    intersection(part, whole) as f64 / part.len() as f64
}

/// The union of two feature multisets, sorted: one pass over both.
pub(super) fn merged(a: &[u64], b: &[u64]) -> Vec<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
