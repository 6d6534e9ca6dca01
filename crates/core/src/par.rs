//! Work on both cores (or more): a comparison parses two files, prepares
//! two versions' clauses and diffs hundreds of clause pairs, each
//! independent of the others. Scoped threads from the standard library; no
//! thread pool lives between calls.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `a` and `b` at the same time; returns both results.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    std::thread::scope(|s| {
        let b = s.spawn(b);
        let a = a();
        (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// Items handed to a worker at a time: enough to make the hand-over cheap,
/// few enough that one slow item (a long clause) does not leave a core idle.
const CHUNK: usize = 8;

/// `items.iter().map(f).collect()`, in order, on up to as many threads as
/// the machine has cores (at most 8); on one thread for a short list.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8).min(items.len().div_ceil(CHUNK));
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<R>)> = Vec::new();
        loop {
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let end = (start + CHUNK).min(items.len());
            done.push((start, items[start..end].iter().map(&f).collect()));
        }
    };
    let mut chunks: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let others: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in others {
            all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    });
    chunks.sort_unstable_by_key(|c| c.0);
    chunks.into_iter().flat_map(|c| c.1).collect()
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
