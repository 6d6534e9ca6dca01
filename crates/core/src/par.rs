//! Work on both cores (or more): a comparison parses two files, prepares
//! two versions' clauses and diffs hundreds of clause pairs, each
//! independent of the others. On rayon's pool (tantivy brings it already):
//! its threads outlive a call, so a parallel step does not wait for a new
//! thread to be scheduled (on a virtual machine's idle core that took up to
//! 3 ms, longer than some of the steps), and one busy thread takes work
//! from the other.

use rayon::iter::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

/// Runs `a` and `b` at the same time; returns both results.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    rayon::join(a, b)
}

/// The items a core takes at a time: enough to make the hand-over cheap,
/// few enough that the slow items (long clauses, which cluster in a bill)
/// are shared out. Left to split as it likes, rayon cut a bill's 2,500
/// clause pairs into a few long runs, and one core diffed twice what the
/// other did.
const CHUNK: usize = 8;

/// `items.iter().map(f).collect()`, in order, on every core.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.par_iter().with_min_len(CHUNK).with_max_len(CHUNK).map(&f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order_and_join_returns_both() {
        let items: Vec<u64> = (0..1000).collect();
        assert_eq!(map(&items, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert_eq!(map(&items[..3], |x| x + 1), vec![1, 2, 3]);
        assert!(map(&[] as &[u64], |x| *x).is_empty());
        assert_eq!(join(|| 1, || "b"), (1, "b"));
    }
}
