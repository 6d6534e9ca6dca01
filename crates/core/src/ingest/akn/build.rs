//! What is under construction while the reader walks: the paragraph being
//! collected ([`Acc`]) and the node being built ([`Build`]).

use crate::structure::{number, Kind, Node};
use crate::text::{collapse_ws, normalize};

/// A paragraph being collected, and the finished paragraphs of the current
/// stretch of text.
#[derive(Default)]
pub(super) struct Acc {
    pub(super) paras: Vec<String>,
    pub(super) cur: String,
    /// An opening quotation mark for the next paragraph (`“`).
    pub(super) open: String,
    /// The number of a flattened quoted provision, for its first paragraph.
    pub(super) prefix: String,
    /// After a quoted block: the next inline text continues the last paragraph
    /// (the `.` or `; and` that follows a quotation).
    pub(super) reopen: bool,
}

impl Acc {
    pub(super) fn text(&mut self, s: &str) {
        if self.reopen {
            if s.trim().is_empty() {
                if !self.cur.is_empty() {
                    self.cur.push_str(s);
                }
                return;
            }
            self.reopen = false;
            if self.cur.trim().is_empty() && self.open.is_empty() && self.prefix.is_empty() {
                if let Some(last) = self.paras.pop() {
                    self.cur = last;
                }
            }
        }
        self.cur.push_str(s);
    }

    /// Ends the current paragraph.
    pub(super) fn brk(&mut self) {
        self.reopen = false;
        let t = collapse_ws(&self.cur);
        self.cur.clear();
        if t.is_empty() {
            return;
        }
        let mut p = std::mem::take(&mut self.open);
        if !self.prefix.is_empty() {
            p.push_str(&std::mem::take(&mut self.prefix));
            p.push(' ');
        }
        p.push_str(&t);
        self.paras.push(p);
    }

    /// Emits a pending number (and opening quote) that got no text of its own.
    pub(super) fn flush_prefix(&mut self) {
        self.brk();
        if !self.prefix.is_empty() {
            let mut p = std::mem::take(&mut self.open);
            p.push_str(&std::mem::take(&mut self.prefix));
            self.paras.push(p);
        }
    }

    pub(super) fn set_prefix(&mut self, num: String) {
        self.flush_prefix();
        self.prefix = num;
    }

    pub(super) fn close_quote(&mut self, q: &str) {
        self.flush_prefix();
        if !self.open.is_empty() {
            let mut p = std::mem::take(&mut self.open);
            p.push_str(q);
            if !p.trim().is_empty() {
                self.paras.push(p);
            }
        } else if let Some(last) = self.paras.last_mut() {
            last.push_str(q);
        }
        self.reopen = true;
    }
}

/// A node under construction.
pub(super) struct Build {
    pub(super) node: Node,
    pub(super) notes: Vec<Node>,
    pub(super) root: bool,
    pub(super) prev_value: Option<String>,
}

impl Build {
    pub(super) fn new(kind: Kind, root: bool) -> Build {
        Build { node: Node::new(kind), notes: Vec::new(), root, prev_value: None }
    }

    pub(super) fn kind(&self) -> Option<Kind> {
        (!self.root).then_some(self.node.kind)
    }

    /// Moves finished paragraphs into the node: its own text before its first
    /// child, an unnumbered Text child after.
    pub(super) fn take_paras(&mut self, acc: &mut Acc) {
        acc.flush_prefix();
        if acc.paras.is_empty() {
            return;
        }
        let text = normalize(&acc.paras.join("\n"));
        acc.paras.clear();
        if self.node.children.is_empty() {
            if !self.node.text.is_empty() {
                self.node.text.push('\n');
            }
            self.node.text.push_str(&text);
            return;
        }
        if let Some(last) = self.node.children.last_mut() {
            if last.kind == Kind::Text && last.eid.is_empty() && last.num.is_none() && last.heading.is_none() && last.children.is_empty() {
                last.text.push('\n');
                last.text.push_str(&text);
                return;
            }
        }
        let mut t = Node::new(Kind::Text);
        t.text = text;
        self.node.children.push(t);
    }

    pub(super) fn push_child(&mut self, mut child: Node) {
        if let Some(num) = &child.num {
            if let Some(v) = number::value_after(num, self.prev_value.as_deref()) {
                child.num_value = Some(v);
            }
        }
        if child.num_value.is_some() {
            self.prev_value = child.num_value.clone();
        }
        self.node.children.push(child);
    }
}
