//! Akoma Ntoso-style eIds: `chp_2__art_8__para_1`.
//!
//! An eId is the path of `prefix_number` steps from the top of the document.
//! Numbers come from the canonical value (so `មាត្រា ១២` is `art_12`), dots become
//! `-`; unnumbered nodes count their kind among their siblings from 1 (`intro_1`).
//! If two siblings would get the same eId (a draft that numbers two articles 8),
//! the later ones get `-2`, `-3` appended: eIds are unique within a version.

use super::node::{Node, ALL_KINDS};
use crate::hash::FastMap;
use std::borrow::Cow;
use std::fmt::Write;

/// Assigns an eId to every node whose eId is empty (all of them when `keep` is
/// false), recursively; then makes eIds unique across the whole forest.
pub fn assign(nodes: &mut [Node], keep: bool) {
    assign_level(nodes, "", keep);
    dedupe(nodes);
}

fn assign_level(nodes: &mut [Node], parent: &str, keep: bool) {
    // Siblings are counted per prefix (two kinds share `sec`). A level has a
    // few distinct prefixes at most, so a short list on the stack serves
    // instead of a map per level.
    let mut counts = [("", 0u32); ALL_KINDS.len()];
    let mut used = 0;
    for n in nodes.iter_mut() {
        let prefix = n.kind.eid_prefix();
        let slot = match counts[..used].iter().position(|&(p, _)| p == prefix) {
            Some(slot) => slot,
            None => {
                counts[used] = (prefix, 0);
                used += 1;
                used - 1
            }
        };
        counts[slot].1 += 1;
        if !keep || n.eid.is_empty() {
            n.eid = step(parent, prefix, n.num_value.as_deref(), counts[slot].1);
        }
        // The node's eId is its children's parent: borrowed, not copied.
        let Node { eid, children, .. } = n;
        assign_level(children, eid, keep);
    }
}

/// `parent__prefix_value` (`prefix_value` at the top): the value sanitized, or
/// the ordinal among same-prefix siblings when no value is left. Written into
/// one string of the right size.
fn step(parent: &str, prefix: &str, value: Option<&str>, ordinal: u32) -> String {
    let mut eid = String::with_capacity(parent.len() + 2 + prefix.len() + 1 + value.map_or(3, str::len));
    if !parent.is_empty() {
        eid.push_str(parent);
        eid.push_str("__");
    }
    eid.push_str(prefix);
    eid.push('_');
    let start = eid.len();
    if let Some(v) = value {
        push_sanitized(&mut eid, v);
    }
    if eid.len() == start {
        write!(eid, "{ordinal}").expect("writing to a String");
    }
    eid
}

/// Renames the second and later of equal eIds to `eid-2`, `eid-3` ... (the
/// first suffix not yet taken), in document order.
///
/// A first pass reads the eIds in place, borrowed, and notes the renames; a
/// second applies them, if there are any (usually there are none). Only the
/// generated candidates are owned strings.
fn dedupe(nodes: &mut [Node]) {
    let renames = {
        let mut eids = Vec::new();
        collect_eids(nodes, &mut eids);
        let mut seen: FastMap<Cow<str>, u32> = FastMap::with_capacity_and_hasher(eids.len(), Default::default());
        let mut renames: Vec<(usize, String)> = Vec::new();
        for (i, &eid) in eids.iter().enumerate() {
            let count = seen.entry(Cow::Borrowed(eid)).or_insert(0);
            *count += 1;
            if *count > 1 {
                let mut k = *count;
                loop {
                    let candidate = format!("{eid}-{k}");
                    if !seen.contains_key(candidate.as_str()) {
                        seen.insert(Cow::Owned(candidate.clone()), 1);
                        renames.push((i, candidate));
                        break;
                    }
                    k += 1;
                }
            }
        }
        renames
    };
    if !renames.is_empty() {
        let mut renames = renames.into_iter().peekable();
        rename(nodes, &mut 0, &mut renames);
    }
}

/// Every eId of the forest in document order (depth first).
fn collect_eids<'a>(nodes: &'a [Node], out: &mut Vec<&'a str>) {
    for n in nodes {
        out.push(&n.eid);
        collect_eids(&n.children, out);
    }
}

/// Applies renames (by document-order index, ascending) in the order of [`collect_eids`].
fn rename(nodes: &mut [Node], i: &mut usize, renames: &mut std::iter::Peekable<std::vec::IntoIter<(usize, String)>>) {
    for n in nodes.iter_mut() {
        if renames.peek().is_some_and(|(at, _)| at == i) {
            n.eid = renames.next().expect("peeked").1;
        }
        *i += 1;
        rename(&mut n.children, i, renames);
    }
}

/// Appends `v` keeping ASCII letters (lower-cased), digits and `-`; dots become `-`.
fn push_sanitized(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' => out.push(c.to_ascii_lowercase()),
            '.' => out.push('-'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::node::Kind;

    fn n(kind: Kind, v: Option<&str>, children: Vec<Node>) -> Node {
        Node { num_value: v.map(String::from), children, ..Node::new(kind) }
    }

    #[test]
    fn paths_and_duplicates() {
        let mut tree = vec![n(
            Kind::Chapter,
            Some("2"),
            vec![
                n(Kind::Article, Some("8"), vec![n(Kind::Text, None, vec![]), n(Kind::Paragraph, Some("1"), vec![])]),
                n(Kind::Article, Some("8"), vec![]),
                n(Kind::Article, Some("2.1"), vec![]),
            ],
        )];
        assign(&mut tree, false);
        let c = &tree[0];
        assert_eq!(c.eid, "chp_2");
        assert_eq!(c.children[0].eid, "chp_2__art_8");
        assert_eq!(c.children[0].children[0].eid, "chp_2__art_8__intro_1");
        assert_eq!(c.children[0].children[1].eid, "chp_2__art_8__para_1");
        assert_eq!(c.children[1].eid, "chp_2__art_8-2");
        assert_eq!(c.children[2].eid, "chp_2__art_2-1");
    }

    /// The renaming as it was done before: one map of owned eIds, in one pass.
    fn dedupe_reference(nodes: &mut [Node], seen: &mut std::collections::HashMap<String, u32>) {
        for n in nodes.iter_mut() {
            let count = seen.entry(n.eid.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                let mut k = *count;
                loop {
                    let candidate = format!("{}-{k}", n.eid);
                    if !seen.contains_key(&candidate) {
                        seen.insert(candidate.clone(), 1);
                        n.eid = candidate;
                        break;
                    }
                    k += 1;
                }
            }
            dedupe_reference(&mut n.children, seen);
        }
    }

    #[test]
    fn renames_as_before_when_a_suffix_is_taken() {
        // "8.2" sanitizes to "8-2", the suffix the second article 8 would get;
        // children of the duplicated parents share paths too.
        let kids = || vec![n(Kind::Paragraph, Some("1"), vec![]), n(Kind::Paragraph, Some("1"), vec![])];
        let tree = || {
            vec![
                n(Kind::Article, Some("8"), kids()),
                n(Kind::Article, Some("8"), kids()),
                n(Kind::Article, Some("8.2"), kids()),
                n(Kind::Article, Some("8"), vec![]),
                n(Kind::Section, Some("1"), vec![]),
                n(Kind::Clause, Some("1"), vec![]),
                n(Kind::Text, None, vec![]),
                n(Kind::Text, Some("§"), vec![]),
            ]
        };
        let mut fast = tree();
        assign(&mut fast, false);
        let mut slow = tree();
        assign_level(&mut slow, "", false);
        dedupe_reference(&mut slow, &mut std::collections::HashMap::new());
        assert_eq!(fast, slow);
        let eids: Vec<&str> = fast.iter().map(|n| n.eid.as_str()).collect();
        assert_eq!(eids, ["art_8", "art_8-2", "art_8-2-2", "art_8-3", "sec_1", "sec_1-2", "intro_1", "intro_2"]);
        assert_eq!(fast[0].children[1].eid, "art_8__para_1-2");
        assert_eq!(fast[1].children[0].eid, "art_8__para_1-3");
    }
}
