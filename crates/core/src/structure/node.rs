//! The provision tree: what a version of a bill is made of.

use serde::{Deserialize, Serialize};

/// What a provision is. The order of the hierarchy kinds is their rank: a
/// heading of a kind closes every open provision of the same or a lower rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Book (Buch).
    Book,
    /// Part (ភាគ, Teil).
    Part,
    /// Title (Titre, Titel).
    Title,
    /// Subtitle (US bills).
    Subtitle,
    /// Chapter (ជំពូក, Kapitel, Abschnitt).
    Chapter,
    /// Subchapter.
    Subchapter,
    /// Section as a grouping of articles (ផ្នែក, civil-law style).
    Section,
    /// Subsection as a grouping (Unterabschnitt).
    Subsection,
    /// Article (មាត្រា, Art., §): the clause in civil-law drafting.
    Article,
    /// Section as the citation unit (common-law style: "SEC. 101.", UK sections).
    Clause,
    /// A numbered paragraph inside a clause ((1), 1.).
    Paragraph,
    /// A lettered point ((a), (ក), i.).
    Point,
    /// Unnumbered text under a provision (intro, content, continuation).
    Text,
    /// Preamble (បុព្វកថា, recitals).
    Preamble,
    /// Long title, enacting formula, front matter before the first provision.
    Front,
    /// Annex / schedule.
    Annex,
    /// Signature block and closing formula.
    Signature,
    /// A footnote or endnote.
    Note,
}

impl Kind {
    /// The Akoma Ntoso eId prefix for this kind.
    pub fn eid_prefix(self) -> &'static str {
        match self {
            Kind::Book => "book",
            Kind::Part => "part",
            Kind::Title => "title",
            Kind::Subtitle => "subtitle",
            Kind::Chapter => "chp",
            Kind::Subchapter => "subchp",
            Kind::Section => "sec",
            Kind::Subsection => "subsec",
            Kind::Article => "art",
            Kind::Clause => "sec",
            Kind::Paragraph => "para",
            Kind::Point => "point",
            Kind::Text => "intro",
            Kind::Preamble => "preamble",
            Kind::Front => "front",
            Kind::Annex => "annex",
            Kind::Signature => "signature",
            Kind::Note => "note",
        }
    }

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Book => "book",
            Kind::Part => "part",
            Kind::Title => "title",
            Kind::Subtitle => "subtitle",
            Kind::Chapter => "chapter",
            Kind::Subchapter => "subchapter",
            Kind::Section => "section",
            Kind::Subsection => "subsection",
            Kind::Article => "article",
            Kind::Clause => "clause",
            Kind::Paragraph => "paragraph",
            Kind::Point => "point",
            Kind::Text => "text",
            Kind::Preamble => "preamble",
            Kind::Front => "front",
            Kind::Annex => "annex",
            Kind::Signature => "signature",
            Kind::Note => "note",
        }
    }

    /// Parses [`Kind::as_str`].
    pub fn parse(s: &str) -> Option<Kind> {
        ALL_KINDS.iter().copied().find(|k| k.as_str() == s)
    }

    /// Grouping kinds hold clauses; their rank orders them (lower = higher up).
    pub fn group_rank(self) -> Option<u8> {
        Some(match self {
            Kind::Book => 0,
            Kind::Part => 1,
            Kind::Title => 2,
            Kind::Subtitle => 3,
            Kind::Chapter => 4,
            Kind::Subchapter => 5,
            Kind::Section => 6,
            Kind::Subsection => 7,
            _ => return None,
        })
    }

    /// True for the citation unit (article or common-law section): what
    /// alignment, diffs and annotations work on.
    pub fn is_clause(self) -> bool {
        matches!(self, Kind::Article | Kind::Clause)
    }
}

/// Every kind, in declaration order.
pub(crate) const ALL_KINDS: [Kind; 18] = [
    Kind::Book,
    Kind::Part,
    Kind::Title,
    Kind::Subtitle,
    Kind::Chapter,
    Kind::Subchapter,
    Kind::Section,
    Kind::Subsection,
    Kind::Article,
    Kind::Clause,
    Kind::Paragraph,
    Kind::Point,
    Kind::Text,
    Kind::Preamble,
    Kind::Front,
    Kind::Annex,
    Kind::Signature,
    Kind::Note,
];

/// One provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Node {
    /// Akoma Ntoso-style path id, unique in the version (`chp_2__art_8__para_1`).
    pub eid: String,
    /// What it is.
    pub kind: Kind,
    /// The number as printed, without the kind word (`8`, `១២`, `4 bis`, `XIV`, `(ក)`, `20a`).
    pub num: Option<String>,
    /// The number's value in canonical form (`8`, `12`, `4bis`, `14`, `1`, `20a`), see
    /// [`crate::structure::number`].
    pub num_value: Option<String>,
    /// The heading (title) of the provision, if it has one.
    pub heading: Option<String>,
    /// The provision's own text (not its children's), paragraphs joined by `\n`.
    pub text: String,
    /// Sub-provisions in order.
    pub children: Vec<Node>,
}

impl Node {
    /// A node with no number, heading, text or children.
    pub fn new(kind: Kind) -> Node {
        Node { eid: String::new(), kind, num: None, num_value: None, heading: None, text: String::new(), children: Vec::new() }
    }

    /// This node and every descendant, depth first, in document order.
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(n.children.iter().rev());
        }
        out
    }

    /// The provision's full text: its own and all descendants', each with its
    /// number, one paragraph per line. This is what a clause's diff compares.
    pub fn full_text(&self) -> String {
        let mut out = String::with_capacity(self.full_text_bound());
        self.push_full_text(&mut out, true);
        out
    }

    /// Appends this node's line and its descendants' (depth first) to `out`,
    /// written in place: a line that turns out blank is cut off again, a line's
    /// trailing whitespace trimmed. The top node's number and heading are not
    /// part of its text (the caller shows them).
    fn push_full_text(&self, out: &mut String, top: bool) {
        let start = out.len();
        if !out.is_empty() {
            out.push('\n');
        }
        let line = out.len();
        if !top {
            if let Some(num) = &self.num {
                out.push_str(num);
                out.push(' ');
            }
            if let Some(h) = &self.heading {
                out.push_str(h);
                if !self.text.is_empty() {
                    out.push('\n');
                }
            }
        }
        out.push_str(&self.text);
        let written = &out[line..];
        if written.trim().is_empty() {
            out.truncate(start);
        } else {
            out.truncate(line + written.trim_end().len());
        }
        for child in &self.children {
            child.push_full_text(out, false);
        }
    }

    /// An upper bound of [`Node::full_text`]'s length, to allocate it once.
    fn full_text_bound(&self) -> usize {
        let own = self.num.as_ref().map_or(0, |n| n.len() + 1) + self.heading.as_ref().map_or(0, |h| h.len() + 1) + self.text.len() + 1;
        own + self.children.iter().map(Node::full_text_bound).sum::<usize>()
    }
}

/// Every node of a forest, depth first.
pub fn walk_all(nodes: &[Node]) -> Vec<&Node> {
    nodes.iter().flat_map(|n| n.walk()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: Kind, num: Option<&str>, heading: Option<&str>, text: &str, children: Vec<Node>) -> Node {
        Node { num: num.map(String::from), heading: heading.map(String::from), text: text.to_string(), children, ..Node::new(kind) }
    }

    /// The text as it was built before: a line per node from `walk`.
    fn full_text_by_walk(n: &Node) -> String {
        let mut out = String::new();
        for (i, n) in n.walk().into_iter().enumerate() {
            let mut line = String::new();
            if i > 0 {
                if let Some(num) = &n.num {
                    line.push_str(num);
                    line.push(' ');
                }
                if let Some(h) = &n.heading {
                    line.push_str(h);
                    if !n.text.is_empty() {
                        line.push('\n');
                    }
                }
            }
            line.push_str(&n.text);
            if !line.trim().is_empty() {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(line.trim_end());
            }
        }
        out
    }

    #[test]
    fn full_text_lines() {
        let art = node(
            Kind::Article,
            Some("5"),
            Some("Registration"),
            "",
            vec![
                node(Kind::Paragraph, Some("(1)"), None, "Every association registers. ", vec![]),
                node(Kind::Paragraph, Some("(2)"), Some("Fees"), "", vec![node(Kind::Point, Some("(a)"), None, "a fee;\n", vec![])]),
                node(Kind::Text, None, None, "   ", vec![]),
                node(Kind::Paragraph, None, Some("Heading"), "  indented\nbody  ", vec![]),
                node(Kind::Paragraph, Some(""), None, "", vec![]),
            ],
        );
        assert_eq!(art.full_text(), "(1) Every association registers.\n(2) Fees\n(a) a fee;\nHeading\n  indented\nbody");
        assert_eq!(art.full_text(), full_text_by_walk(&art));
        let top_only = node(Kind::Article, Some("1"), Some("H"), "  ", vec![node(Kind::Text, None, None, "x", vec![])]);
        assert_eq!(top_only.full_text(), full_text_by_walk(&top_only));
        assert_eq!(top_only.full_text(), "x");
    }
}
