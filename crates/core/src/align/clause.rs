//! A clause prepared for alignment: its display text, the hash of its fold
//! and its features, read from a node of the provision tree.

use super::features::{features, features_and_key};
use crate::structure::{walk_all, Kind, Node};

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
    pub(super) key: u64,
    /// Feature hashes (a multiset), in the order of the text.
    pub(super) features: Vec<u64>,
    /// Sorted feature hashes of the heading.
    pub(super) heading_features: Vec<u64>,
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

/// Is this node kind a group that can hold clauses (for "moved to another chapter")?
pub fn is_group(kind: Kind) -> bool {
    kind.group_rank().is_some()
}

/// The clauses of a plain-text version whose blocks are separated by blank lines.
#[cfg(test)]
pub(super) fn version(text: &str) -> Vec<Clause> {
    let blocks: Vec<crate::ingest::Block> = text.split("\n\n").map(crate::ingest::Block::plain).collect();
    clauses(&crate::structure::parse(&blocks))
}
