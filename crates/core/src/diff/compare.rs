//! A comparison of two versions: the alignment of their clauses (`crate::align`)
//! with a word-level diff of every matched group, in the report shape.

use super::report::{Change, ChangeKind, ClauseRef, DiffReport, Op, OpKind, Summary, VersionRef};
use super::words::{diff_texts, TextDiff};
use crate::align::{self, Clause};
use crate::hash::FastMap;
use crate::structure::Node;
use std::borrow::Cow;
use std::sync::atomic::Ordering;

/// Compares two version trees: every clause, plus the provisions outside the
/// clauses (front matter, preamble, annexes, signature), which are reported
/// only when they changed (a bill's cover page carries its stage and history:
/// "reported" becoming "indefinitely postponed" is news).
pub fn compare(bill: &str, from: VersionRef, to: VersionRef, old_tree: &[Node], new_tree: &[Node]) -> DiffReport {
    let (old, new) = crate::par::join(|| align::clauses(old_tree), || align::clauses(new_tree));
    compare_clauses(bill, from, to, (old_tree, &old), (new_tree, &new))
}

/// [`compare`] of two trees whose clauses (`align::clauses`) are ready.
pub(crate) fn compare_clauses(
    bill: &str,
    from: VersionRef,
    to: VersionRef,
    (old_tree, old): (&[Node], &[Clause]),
    (new_tree, new): (&[Node], &[Clause]),
) -> DiffReport {
    // The word diffs of the pairs settled first start while the alignment
    // finishes, on the other core; those it did not reach are done below.
    let (links, mut early) = align::align_with(old, new, |pairs, done| {
        let mut diffs: FastMap<(usize, usize), TextDiff> = FastMap::default();
        for &(o, n) in pairs {
            if done.load(Ordering::Relaxed) {
                break;
            }
            diffs.insert((o, n), diff_texts(&old[o].text, &new[n].text));
        }
        diffs
    });
    let (old_other, new_other) = (others(old_tree), others(new_tree));
    let mut other_links = Vec::new();
    for i in 0..old_other.len().max(new_other.len()) {
        let (o, n) = (old_other.get(i), new_other.get(i));
        let kind = match (o, n) {
            (Some(a), Some(b)) if a.text == b.text => continue,
            (Some(_), Some(_)) => ChangeKind::Modified,
            (Some(_), None) => ChangeKind::Deleted,
            (None, _) => ChangeKind::Added,
        };
        other_links.push(align::Link {
            kind,
            old: o.map(|_| vec![i]).unwrap_or_default(),
            new: n.map(|_| vec![i]).unwrap_or_default(),
            score: 0.0,
            moved: false,
        });
    }
    let mut summary = Summary::default();
    let mut changes = Vec::with_capacity(links.len() + other_links.len());
    let all: Vec<_> =
        other_links.iter().map(|l| (l, &old_other[..], &new_other[..], true)).chain(links.iter().map(|l| (l, old, new, false))).collect();
    // A one-to-one link of two clauses whose diff was done early.
    let early_pair = |early: &FastMap<(usize, usize), TextDiff>, link: &align::Link, other: bool| match (&link.old[..], &link.new[..]) {
        ([o], [n]) if !other && link.kind == ChangeKind::Modified && early.contains_key(&(*o, *n)) => Some((*o, *n)),
        _ => None,
    };
    // The other word diffs are independent: on every core.
    let diffed =
        crate::par::map(&all, |&(link, old, new, other)| early_pair(&early, link, other).is_none().then(|| change(old, new, link, None)));
    for (done, &(link, old, new, other)) in diffed.into_iter().zip(&all) {
        let mut change = done.unwrap_or_else(|| {
            let pair = early_pair(&early, link, other).expect("a pair diffed early");
            change(old, new, link, early.remove(&pair))
        });
        if other && change.to.iter().chain(&change.from).all(|r| r.eid.starts_with("front")) {
            // Cover pages and consolidation notes (stage, "last amended by") are
            // news about the bill, not a change of its provisions.
            change.substantive = false;
            change.flags.retain(|f| f != "operative-word");
            change.flags.push("front-matter".into());
        }
        match change.kind {
            ChangeKind::Unchanged => summary.unchanged += 1,
            ChangeKind::Modified => summary.modified += 1,
            ChangeKind::Split => summary.split += 1,
            ChangeKind::Merged => summary.merged += 1,
            ChangeKind::Added => summary.added += 1,
            ChangeKind::Deleted => summary.deleted += 1,
        }
        summary.renumbered += change.renumbered as usize;
        summary.moved += change.moved as usize;
        summary.substantive += change.substantive as usize;
        changes.push(change);
    }
    DiffReport { bill: bill.to_string(), from, to, summary, changes }
}

/// The provisions outside clauses, as pseudo-clauses in document order: top-level
/// front matter, preamble, annexes, signature blocks and notes, paired by
/// position among themselves.
fn others(tree: &[Node]) -> Vec<Clause> {
    use crate::structure::Kind;
    tree.iter()
        .filter(|n| matches!(n.kind, Kind::Front | Kind::Preamble | Kind::Annex | Kind::Signature | Kind::Note))
        .enumerate()
        .map(|(i, n)| {
            // Their text is the whole subtree's (an annex may hold articles of its own).
            let mut c = Clause::from_node(i, n);
            if let Some(num) = &n.num {
                c.text = format!("{num}\n{}", c.text);
            }
            c
        })
        .collect()
}

fn clause_ref(c: &Clause) -> ClauseRef {
    ClauseRef { eid: c.eid.clone(), num: c.num.clone(), num_value: c.num_value.clone(), heading: c.heading.clone() }
}

/// Texts of several clauses as one: separated by a blank line (one
/// clause's, the most common case, is not copied).
fn joined<'c>(clauses: &'c [Clause], idx: &[usize]) -> Cow<'c, str> {
    match idx {
        [i] => Cow::Borrowed(&clauses[*i].text),
        _ => Cow::Owned(idx.iter().map(|&i| clauses[i].text.as_str()).collect::<Vec<_>>().join("\n\n")),
    }
}

/// The change a link makes; `known` is the word diff of its texts if it was done already.
fn change(old: &[Clause], new: &[Clause], link: &align::Link, known: Option<TextDiff>) -> Change {
    let from: Vec<ClauseRef> = link.old.iter().map(|&i| clause_ref(&old[i])).collect();
    let to: Vec<ClauseRef> = link.new.iter().map(|&i| clause_ref(&new[i])).collect();
    let value = |r: &ClauseRef| r.num_value.clone().or(r.num.clone());
    let renumbered = match (from.first(), to.first()) {
        (Some(f), Some(t)) => value(f) != value(t),
        _ => false,
    };
    let kind = link.kind;
    let (ops, substantive, flags, similarity) = match kind {
        ChangeKind::Unchanged => (vec![Op { op: OpKind::Equal, text: joined(new, &link.new).into_owned() }], false, Vec::new(), 1.0),
        ChangeKind::Added => (vec![Op { op: OpKind::Insert, text: joined(new, &link.new).into_owned() }], true, Vec::new(), 0.0),
        ChangeKind::Deleted => (vec![Op { op: OpKind::Delete, text: joined(old, &link.old).into_owned() }], true, Vec::new(), 0.0),
        _ => {
            let d = known.unwrap_or_else(|| diff_texts(&joined(old, &link.old), &joined(new, &link.new)));
            // A split or a merge changes the structure, whatever the words do.
            let substantive = d.substantive || matches!(kind, ChangeKind::Split | ChangeKind::Merged);
            (d.ops, substantive, d.flags, d.similarity)
        }
    };
    Change { kind, renumbered, moved: link.moved, substantive, similarity, flags, from, to, ops }
}
