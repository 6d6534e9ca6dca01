//! Akoma Ntoso-style eIds: `chp_2__art_8__para_1`.
//!
//! An eId is the path of `prefix_number` steps from the top of the document.
//! Numbers come from the canonical value (so `មាត្រា ១២` is `art_12`), dots become
//! `-`; unnumbered nodes count their kind among their siblings from 1 (`intro_1`).
//! If two siblings would get the same eId (a draft that numbers two articles 8),
//! the later ones get `-2`, `-3` appended: eIds are unique within a version.

use super::node::Node;
use std::collections::HashMap;

/// Assigns an eId to every node whose eId is empty (all of them when `keep` is
/// false), recursively; then makes eIds unique across the whole forest.
pub fn assign(nodes: &mut [Node], keep: bool) {
    assign_level(nodes, "", keep);
    let mut seen: HashMap<String, u32> = HashMap::new();
    dedupe(nodes, &mut seen);
}

fn assign_level(nodes: &mut [Node], parent: &str, keep: bool) {
    let mut counts: HashMap<&'static str, u32> = HashMap::new();
    for n in nodes.iter_mut() {
        let prefix = n.kind.eid_prefix();
        let ordinal = counts.entry(prefix).or_insert(0);
        *ordinal += 1;
        if !keep || n.eid.is_empty() {
            let step = match n.num_value.as_deref().map(sanitize).filter(|s| !s.is_empty()) {
                Some(v) => format!("{prefix}_{v}"),
                None => format!("{prefix}_{ordinal}"),
            };
            n.eid = if parent.is_empty() { step } else { format!("{parent}__{step}") };
        }
        let eid = n.eid.clone();
        assign_level(&mut n.children, &eid, keep);
    }
}

fn dedupe(nodes: &mut [Node], seen: &mut HashMap<String, u32>) {
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
        dedupe(&mut n.children, seen);
    }
}

/// Keeps ASCII letters, digits and `-`; dots become `-`.
fn sanitize(v: &str) -> String {
    v.chars()
        .filter_map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' => Some(c.to_ascii_lowercase()),
            '.' => Some('-'),
            _ => None,
        })
        .collect()
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
}
