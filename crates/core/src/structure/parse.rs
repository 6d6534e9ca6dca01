//! Blocks → provision tree.
//!
//! One pass over the lines with a stack of open provisions:
//! - a group heading (part, chapter, ...) closes every open provision of the
//!   same or a lower rank and opens itself;
//! - a clause heading (article, §, section) closes everything up to the
//!   innermost group; a clause number lower than the previous clause's, with no
//!   group heading in between, is a quotation or a cross-reference, not a clause;
//! - a list marker opens a paragraph or point *only* if it continues a sequence:
//!   the same family and bracket as an open level and the next value (gaps of up
//!   to two for deleted items), or a new deeper level starting at 1 (or 2: an
//!   unnumbered first paragraph). Anything else is text;
//! - other lines are text of the innermost open provision; within one block,
//!   wrapped lines are joined with a space, separate blocks with `\n`.
//!
//! Text before the first provision is front matter (or a preamble when it
//! says so); after the last clause, a signature opener starts the signature block.
//!
//! A little over 600 lines with its tests: the pass is one loop over the lines
//! with one stack, and its rules read best side by side.

use super::block::{Block, BlockRole};
use super::eid;
use super::grammar::{self, Bracket, Family, Heading, Target};
use super::node::{Kind, Node};
use super::number;
use crate::text;
use std::borrow::Cow;

/// How a document numbers its citation units: decides what "Section" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Articles (or §) are the clauses; "Section" groups them.
    Articles,
    /// Sections are the clauses.
    Sections,
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Front,
    Preamble,
    Group(u8),
    Clause,
    Level { family: Family, bracket: Bracket, value: u32 },
    Annex,
    Signature,
}

struct Open {
    node: Node,
    role: Role,
    /// The heading may still come from the next short line.
    wants_heading: bool,
}

struct Builder {
    roots: Vec<Node>,
    stack: Vec<Open>,
    style: Style,
    /// Whether a short line after a bare clause heading is that clause's heading.
    clause_heading_lines: bool,
    /// Whether most clauses carry a heading on their own line (`§ 1 Beginn ...`).
    headed_clauses: bool,
    /// Leading integer of the previous clause number, and whether a group
    /// heading came since (numbering may restart).
    last_clause: Option<u32>,
    seen_clause: bool,
    notes: Vec<Node>,
}

/// Parses blocks into a provision tree with eIds.
pub fn parse(blocks: &[Block]) -> Vec<Node> {
    // Lines borrow from the normalized blocks; only joined lines are copied.
    let normalized: Vec<Cow<str>> = blocks.iter().map(|b| text::normalized(&b.text)).collect();
    let lines = lines(blocks, &normalized);
    let style = detect_style(&lines);
    let clause_heading_lines = clauses_have_heading_lines(&lines);
    let headed_clauses = clauses_are_headed(&lines);
    let mut b = Builder {
        roots: Vec::new(),
        stack: Vec::new(),
        style,
        clause_heading_lines,
        headed_clauses,
        last_clause: None,
        seen_clause: false,
        notes: Vec::new(),
    };
    for line in lines {
        b.line(line);
    }
    b.close_all();
    let mut roots = b.roots;
    roots.extend(b.notes);
    eid::assign(&mut roots, false);
    roots
}

/// One logical line: its text, whether it starts a new block, its role.
struct Line<'a> {
    /// A line of a normalized block, or lines joined (owned).
    text: Cow<'a, str>,
    new_block: bool,
    role: BlockRole,
    /// `grammar::heading` of `text`, read once (every pass below asks).
    head: Option<Heading>,
}

/// Splits blocks into lines at every line that starts a provision; other lines
/// of a block are wrapped text and are joined to the line before with a space.
/// `normalized` holds each block's text, normalized.
fn lines<'a>(blocks: &[Block], normalized: &'a [Cow<'a, str>]) -> Vec<Line<'a>> {
    let mut out: Vec<Line> = Vec::new();
    let mut joined: Vec<bool> = Vec::new();
    for (block, normalized) in blocks.iter().zip(normalized) {
        let mut first = true;
        let mut prev_raw = "";
        let mut prev_heading_line = false;
        for raw in normalized.split('\n') {
            let t = raw.trim();
            if t.is_empty() {
                continue;
            }
            let head = grammar::heading(t);
            let bare_heading = head.as_ref().is_some_and(|h| h.body.is_none());
            let provision = head.is_some() || grammar::marker(t).is_some();
            let starts = first || block.role != BlockRole::Body || provision && !continues_prose(prev_raw, bare_heading);
            // Text after a heading line is not part of the heading: it starts the
            // provision's body (or is its heading, "Article 2" / "Definitions").
            let after_heading = !first && prev_heading_line;
            prev_raw = t;
            prev_heading_line = bare_heading;
            if starts || after_heading {
                out.push(Line { text: Cow::Borrowed(t), new_block: first || after_heading, role: block.role, head });
                joined.push(false);
            } else if let Some(prev) = out.last_mut() {
                let text = prev.text.to_mut();
                text.push(' ');
                text.push_str(t);
                *joined.last_mut().expect("one per line") = true;
            }
            first = false;
        }
    }
    // A line that wrapped text was joined to reads differently (its body grew).
    for (l, _) in out.iter_mut().zip(joined).filter(|(_, j)| *j) {
        l.head = grammar::heading(&l.text);
    }
    out
}

/// A heading-like line inside hard-wrapped prose is a cross-reference that the
/// wrap put at the start of a line ("... nach den" / "§§ 1572 und 1573"): the
/// previous line is long and stops mid-sentence, and the line is a bare heading.
fn continues_prose(prev: &str, bare_heading: bool) -> bool {
    let mid_sentence = prev.chars().last().is_some_and(|c| c.is_lowercase() || c == ',');
    bare_heading && mid_sentence && prev.chars().count() >= 50
}

/// True when most clause headings carry their heading text on the same line.
fn clauses_are_headed(lines: &[Line]) -> bool {
    let (mut all, mut headed) = (0, 0);
    for l in lines {
        if let Some(h) = l.head.as_ref().filter(|h| matches!(h.target, Target::Clause(_) | Target::Section)) {
            all += 1;
            headed += h.heading.is_some() as usize;
        }
    }
    all > 0 && headed * 2 >= all
}

/// Whether a short line after a bare clause heading is its heading ("Article 5"
/// / "Registration"): a document-wide decision, true when most bare clause
/// headings are followed by such a line. Where only a few are, those lines are
/// text broken by a scanner or a typist ("មាត្រា ៩" / a fragment of the sentence).
fn clauses_have_heading_lines(lines: &[Line]) -> bool {
    let mut bare = 0;
    let mut with_line = 0;
    for (i, l) in lines.iter().enumerate() {
        let Some(h) = &l.head else { continue };
        if !matches!(h.target, Target::Clause(_) | Target::Section) || h.heading.is_some() || h.body.is_some() {
            continue;
        }
        bare += 1;
        if lines.get(i + 1).is_some_and(heading_line) {
            with_line += 1;
        }
    }
    bare > 0 && with_line * 3 >= bare * 2
}

/// A line that can be the heading of the provision just opened: it starts
/// no provision of its own and reads as a heading.
fn heading_line(l: &Line) -> bool {
    let t: &str = &l.text;
    l.head.is_none()
        && grammar::marker(t).is_none()
        && grammar::looks_like_heading(t, false)
        && !t.starts_with(['(', '[', '-', '•', '*', '"', '“'])
}

fn detect_style(lines: &[Line]) -> Style {
    let mut articles = 0;
    let mut sections = 0;
    for l in lines {
        if let Some(h) = &l.head {
            match h.target {
                Target::Clause(Kind::Article) => articles += 1,
                Target::Clause(Kind::Clause) | Target::Section => sections += 1,
                _ => {}
            }
        }
    }
    if articles > 0 && articles * 4 >= sections {
        Style::Articles
    } else {
        Style::Sections
    }
}

impl Builder {
    fn line(&mut self, line: Line) {
        match line.role {
            BlockRole::Note => {
                let mut n = Node::new(Kind::Note);
                let t = line.text.trim();
                if let Some(rest) = t.strip_prefix('[') {
                    if let Some((num, body)) = rest.split_once(']') {
                        n.num = Some(num.to_string());
                        n.num_value = number::value(num);
                        n.text = body.trim().to_string();
                    }
                }
                if n.text.is_empty() {
                    n.text = t.to_string();
                }
                self.notes.push(n);
                return;
            }
            BlockRole::TableRow => {
                self.text(&line.text, true);
                return;
            }
            BlockRole::Body => {}
        }
        let t: &str = &line.text;
        // A short line right after a heading without one is that heading.
        if line.new_block || self.stack.last().is_some_and(|o| o.wants_heading) {
            if let Some(open) = self.stack.last_mut() {
                if open.wants_heading {
                    open.wants_heading = false;
                    let allowed = open.role != Role::Clause || self.clause_heading_lines;
                    if allowed && heading_line(&line) {
                        open.node.heading = Some(text::collapse_ws(t));
                        return;
                    }
                }
            }
        }
        if let Some(h) = line.head {
            if self.heading(h) {
                return;
            }
        }
        if let Some(m) = grammar::marker(t) {
            if self.marker(m) {
                return;
            }
        }
        if !self.seen_clause && self.stack.iter().all(|o| o.role == Role::Front) && grammar::is_preamble(t) {
            self.close_all();
            let mut n = Node::new(Kind::Preamble);
            n.heading = Some(t.to_string());
            self.push(n, Role::Preamble, false);
            return;
        }
        if self.seen_clause && grammar::is_signature(t) && !self.stack.iter().any(|o| matches!(o.role, Role::Annex | Role::Signature)) {
            self.close_all();
            self.push(Node::new(Kind::Signature), Role::Signature, false);
        }
        self.text(t, line.new_block);
    }

    /// Handles a heading; false when it is not one here (then it is text).
    fn heading(&mut self, h: Heading) -> bool {
        let Heading { target, num, value, heading, body } = h;
        let (kind, role) = match target {
            Target::Group(kind) => (kind, Role::Group(kind.group_rank().unwrap_or(4))),
            Target::Section if self.style == Style::Articles => (Kind::Section, Role::Group(Kind::Section.group_rank().unwrap_or(6))),
            Target::Section => (Kind::Clause, Role::Clause),
            Target::Clause(Kind::Clause) if self.style == Style::Articles => return false,
            Target::Clause(kind) => {
                if self.style == Style::Sections && kind == Kind::Article {
                    return false;
                }
                (kind, Role::Clause)
            }
            Target::Annex => (Kind::Annex, Role::Annex),
        };
        // Inside a signature block only an annex can start something new.
        if self.stack.iter().any(|o| o.role == Role::Signature) && role != Role::Annex {
            return false;
        }
        let mut value = value;
        match role {
            Role::Clause => {
                let lead = value.as_deref().and_then(leading_int);
                if let (Some(prev), Some(v)) = (self.last_clause, lead) {
                    // OCR noise: "៣.០" after 29 is 30.
                    if let Some(joined) = value.as_deref().filter(|v| v.contains('.')).map(|v| v.replace('.', "")) {
                        if leading_int(&joined) == Some(prev + 1) {
                            value = Some(joined);
                        }
                    }
                    let lead = value.as_deref().and_then(leading_int).unwrap_or(v);
                    if lead < prev {
                        return false;
                    }
                }
                self.last_clause = value.as_deref().and_then(leading_int).or(self.last_clause);
                self.seen_clause = true;
                // In a law whose clauses have headings, a bare clause heading whose
                // title was broken onto the line before takes it back.
                let heading = match heading {
                    None if self.headed_clauses && body.is_none() => self.take_heading_fragment(),
                    h => h,
                };
                self.close_while(|r| !matches!(r, Role::Group(_) | Role::Annex));
                return self.open(kind, role, num, value, heading, body);
            }
            Role::Group(rank) => {
                self.last_clause = None;
                // A heading broken over lines by the source ("Verwarnung mit
                // Strafvorbehalt" / "Fünfter Titel - Absehen von Strafe") leaves its
                // first part as the last paragraph of the provision before.
                let fragment = self.take_heading_fragment();
                let heading = match (fragment, heading) {
                    (Some(f), Some(h)) => Some(format!("{f} {h}")),
                    (f, h) => f.or(h),
                };
                return self.open_group(kind, role, num, value, heading, body, rank);
            }
            Role::Annex => {
                self.last_clause = None;
                self.close_all();
            }
            _ => {}
        }
        self.open(kind, role, num, value, heading, body)
    }

    /// Opens a group heading after closing what it ends.
    #[allow(clippy::too_many_arguments)]
    fn open_group(
        &mut self,
        kind: Kind,
        role: Role,
        num: Option<String>,
        value: Option<String>,
        heading: Option<String>,
        body: Option<String>,
        rank: u8,
    ) -> bool {
        self.close_while(|r| match r {
            Role::Group(g) => *g >= rank,
            Role::Annex => false,
            _ => true,
        });
        self.open(kind, role, num, value, heading, body)
    }

    /// The last paragraph of the innermost open provision, removed, if it looks
    /// like the first part of a heading: short, capitalised, no sentence end,
    /// and not the provision's only text.
    fn take_heading_fragment(&mut self) -> Option<String> {
        let open = self.stack.last_mut()?;
        let text = &open.node.text;
        let cut = text.rfind('\n')?;
        let frag = text[cut + 1..].trim();
        let starts_upper = frag.chars().next().is_some_and(|c| c.is_uppercase());
        if !starts_upper || frag.chars().count() > 160 || !grammar::looks_like_heading(frag, false) || grammar::marker(frag).is_some() {
            return None;
        }
        let frag = frag.to_string();
        open.node.text.truncate(cut);
        Some(frag)
    }

    /// Pushes a new provision and its same-line body.
    fn open(
        &mut self,
        kind: Kind,
        role: Role,
        num: Option<String>,
        value: Option<String>,
        heading: Option<String>,
        body: Option<String>,
    ) -> bool {
        let mut node = Node::new(kind);
        node.num = num;
        node.num_value = value;
        let wants_heading = heading.is_none() && body.is_none();
        node.heading = heading;
        self.push(node, role, wants_heading);
        if let Some(body) = body {
            // Body on the heading line may itself start with a list marker.
            if let Some(m) = grammar::marker(&body) {
                if self.marker(m) {
                    return true;
                }
            }
            self.text(&body, true);
        }
        true
    }

    /// Handles a list marker; false when it does not continue a sequence.
    fn marker(&mut self, m: grammar::Marker<'_>) -> bool {
        // Levels open inside the innermost clause, preamble or annex.
        let Some(container) = self.stack.iter().rposition(|o| matches!(o.role, Role::Clause | Role::Preamble | Role::Annex)) else {
            return false;
        };
        // The open levels (stack index, family, bracket, value), read in place.
        let levels = || {
            self.stack[container + 1..].iter().enumerate().filter_map(move |(i, o)| match o.role {
                Role::Level { family, bracket, value } => Some((container + 1 + i, family, bracket, value)),
                _ => None,
            })
        };
        // A lone i, v or x continues a lettered list when it is the next letter.
        // (i), (v), (x), (ii) ...: a letter when it is the next letter of an open
        // lettered list, a Roman numeral when it continues an open Roman list or
        // starts a new one.
        let mut family = m.family;
        let lower: Cow<str> = if m.symbol.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(m.symbol.to_ascii_lowercase())
        } else {
            Cow::Borrowed(m.symbol)
        };
        if matches!(family, Family::Lower | Family::Upper) {
            if let Some(roman) = number::roman(&lower) {
                let roman_family = if family == Family::Lower { Family::LowerRoman } else { Family::UpperRoman };
                let next_of =
                    |fam: Family, v: Option<u32>| levels().any(|(_, f, b, prev)| f == fam && b == m.bracket && v == Some(prev + 1));
                let roman_next = next_of(roman_family, Some(roman));
                let letter_next = next_of(family, letter_value(&lower));
                if roman_next || (!letter_next && roman == 1) {
                    family = roman_family;
                }
            }
        }
        let value_str = match family {
            Family::LowerRoman | Family::UpperRoman => number::roman(&lower).map(|v| v.to_string()),
            Family::Lower | Family::Upper => letter_value(&lower).map(|v| v.to_string()),
            Family::Khmer => number::value(m.symbol),
            _ => number::value(m.symbol),
        };
        let Some(value_str) = value_str else { return false };
        let Some(value) = leading_int(&value_str) else { return false };
        let suffixed = value_str.chars().any(|c| c.is_ascii_alphabetic()) && family == Family::Digit;
        let sibling = levels().rev().find(|&(_, f, b, _)| compatible(f, family) && b == m.bracket);
        if let Some((depth, _, _, prev)) = sibling {
            let ok = if suffixed { value == prev || value == prev + 1 } else { value > prev && value <= prev + 3 };
            if !ok {
                return false;
            }
            self.close_to(depth);
        } else if !(value == 1 || value == 2 && levels().next().is_none()) || suffixed {
            return false;
        }
        let parent_is_level = matches!(self.stack.last().map(|o| &o.role), Some(Role::Level { .. }));
        let kind = if parent_is_level { Kind::Point } else { Kind::Paragraph };
        let mut node = Node::new(kind);
        node.num = Some(m.printed.to_string());
        node.num_value = Some(value_str);
        self.push(node, Role::Level { family, bracket: m.bracket, value }, false);
        if !m.body.is_empty() {
            self.text(m.body, true);
        }
        true
    }

    fn text(&mut self, t: &str, new_paragraph: bool) {
        if self.stack.is_empty() {
            self.push(Node::new(Kind::Front), Role::Front, false);
        }
        let open = self.stack.last_mut().expect("pushed above");
        open.wants_heading = false;
        let node = &mut open.node;
        if !node.text.is_empty() {
            node.text.push(if new_paragraph { '\n' } else { ' ' });
        }
        node.text.push_str(t);
    }

    fn push(&mut self, node: Node, role: Role, wants_heading: bool) {
        self.stack.push(Open { node, role, wants_heading });
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            match self.stack.last_mut() {
                Some(parent) => parent.node.children.push(open.node),
                None => self.roots.push(open.node),
            }
        }
    }

    fn close_while(&mut self, pred: impl Fn(&Role) -> bool) {
        while self.stack.last().is_some_and(|o| pred(&o.role)) {
            self.pop();
        }
    }

    /// Closes the stack down to (and including) index `depth`.
    fn close_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            self.pop();
        }
    }

    fn close_all(&mut self) {
        self.close_to(0);
    }
}

/// Place of a single (or doubled) Latin letter: a=1 ... z=26, aa=27.
fn letter_value(s: &str) -> Option<u32> {
    // Bytes are characters here: anything but ASCII letters is no match.
    match *s.as_bytes() {
        [c] if c.is_ascii_lowercase() => Some(u32::from(c - b'a') + 1),
        [a, b] if a == b && a.is_ascii_lowercase() => Some(26 + u32::from(a - b'a') + 1),
        _ => None,
    }
}

/// Lone i/v/x read as Roman numerals share a level with other Roman numerals.
fn compatible(open: Family, new: Family) -> bool {
    open == new
}

/// The leading integer of a canonical value ("12" → 12, "4bis" → 4, "3-6" → 3).
fn leading_int(v: &str) -> Option<u32> {
    let end = v.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(v.len());
    v[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::node::walk_all;

    fn parse_text(s: &str) -> Vec<Node> {
        let blocks: Vec<Block> = s.split("\n\n").map(Block::plain).collect();
        parse(&blocks)
    }

    fn outline(nodes: &[Node]) -> Vec<String> {
        walk_all(nodes).iter().map(|n| format!("{} {} {}", n.eid, n.heading.as_deref().unwrap_or("-"), n.text)).collect()
    }

    #[test]
    fn english_draft() {
        let tree = parse_text(
            "DRAFT LAW ON ACCESS TO INFORMATION\n\nCHAPTER 1\nGENERAL PROVISIONS\n\nArticle 1 - Purpose\n\nThis Law guarantees the right of access.\n\nArticle 2: Definitions\n\nIn this Law:\n(a) \"information\" means any record;\n(b) \"public body\" means\n(i) a ministry; or\n(ii) a province.\n\nChapter 2 - Requests\n\nArticle 3\n\n(1) Any person may request information.\n(2) A request shall be in writing.\n\nDone at Phnom Penh, 1 January 2019",
        );
        assert_eq!(
            outline(&tree),
            vec![
                "front_1 - DRAFT LAW ON ACCESS TO INFORMATION",
                "chp_1 GENERAL PROVISIONS ",
                "chp_1__art_1 Purpose This Law guarantees the right of access.",
                "chp_1__art_2 Definitions In this Law:",
                "chp_1__art_2__para_1 - \"information\" means any record;",
                "chp_1__art_2__para_2 - \"public body\" means",
                "chp_1__art_2__para_2__point_1 - a ministry; or",
                "chp_1__art_2__para_2__point_2 - a province.",
                "chp_2 Requests ",
                "chp_2__art_3 - ",
                "chp_2__art_3__para_1 - Any person may request information.",
                "chp_2__art_3__para_2 - A request shall be in writing.",
                "signature_1 - Done at Phnom Penh, 1 January 2019",
            ]
        );
    }

    #[test]
    fn khmer_draft_with_stray_dot_and_new_marker() {
        let tree = parse_text("ជំពូកទី ១\nបទប្បញ្ញត្តិទូទៅ\n\nមាត្រា ២៩ ថ្មី\n\nអត្ថបទ ។\n\nមាត្រា ៣.០ ថ្មី\n\n(ក) ចំណុចទីមួយ\n(ខ) ចំណុចទីពីរ\n\nមាត្រា ៣១ ៖ សិទ្ធិ");
        let all = walk_all(&tree);
        let arts: Vec<_> = all.iter().filter(|n| n.kind == Kind::Article).collect();
        assert_eq!(arts.len(), 3);
        assert_eq!(arts[0].num.as_deref(), Some("២៩ ថ្មី"));
        assert_eq!(arts[1].num.as_deref(), Some("៣.០ ថ្មី"));
        assert_eq!(arts[1].num_value.as_deref(), Some("30"));
        assert_eq!(arts[1].eid, "chp_1__art_30");
        assert_eq!(arts[1].children.len(), 2);
        assert_eq!(arts[1].children[1].num.as_deref(), Some("(ខ)"));
        assert_eq!(arts[2].heading.as_deref(), Some("សិទ្ធិ"));
        assert_eq!(tree[0].heading.as_deref(), Some("បទប្បញ្ញត្តិទូទៅ"));
    }

    #[test]
    fn heading_lines_do_not_swallow_the_wrapped_body() {
        // One block per page paragraph, as from a PDF: heading line, then wrapped body.
        let tree = parse(&[
            Block::plain("Article 1. Purpose\nThis law sets out how ministries\npublish drafts."),
            Block::plain("មាត្រា ២ វិសាលភាព\nច្បាប់នេះអនុវត្តចំពោះក្រសួង\nទាំងអស់។"),
        ]);
        let arts: Vec<_> = walk_all(&tree).into_iter().filter(|n| n.kind == Kind::Article).collect();
        assert_eq!(arts[0].heading.as_deref(), Some("Purpose"));
        assert_eq!(arts[0].text, "This law sets out how ministries publish drafts.");
        assert_eq!(arts[1].heading.as_deref(), Some("វិសាលភាព"));
        assert_eq!(arts[1].text, "ច្បាប់នេះអនុវត្តចំពោះក្រសួង ទាំងអស់។");
    }

    #[test]
    fn cross_references_and_lower_numbers_are_text() {
        let tree = parse_text("Article 5 - Scope\n\nThis applies\nArticle 3 - Old heading quoted\n\nArticle 6\n\nText.");
        let arts: Vec<_> = walk_all(&tree).into_iter().filter(|n| n.kind == Kind::Article).collect();
        assert_eq!(arts.iter().map(|a| a.num.clone().unwrap()).collect::<Vec<_>>(), vec!["5", "6"]);
    }

    #[test]
    fn us_sections_and_subsections() {
        let tree = parse_text("TITLE I—GENERAL\n\nSEC. 101. SHORT TITLE.\n\n(a) In General.--Text\n(1) one\n(2) two\n(A) big a\n(b) Other.--More\n\nSEC. 102. FINDINGS.\n\nCongress finds.");
        let all = walk_all(&tree);
        let secs: Vec<_> = all.iter().filter(|n| n.kind == Kind::Clause).collect();
        assert_eq!(secs.len(), 2);
        assert_eq!(secs[0].heading.as_deref(), Some("SHORT TITLE"));
        let s = &secs[0];
        assert_eq!(s.children.len(), 2, "(a) and (b)");
        assert_eq!(s.children[0].children.len(), 2, "(1) and (2)");
        assert_eq!(s.children[0].children[1].children[0].num.as_deref(), Some("(A)"));
    }
}
