//! An edit script over two token sequences: the two sides of a word diff
//! ([`Side`]: a text and its tokens) and the stretches of the script
//! ([`Seg`]: equal, or one edit), shared by the diff ([`super::words`]), its
//! cleanup ([`super::cleanup`]) and the classification of its edits
//! ([`super::classify`]).

use std::ops::Range;

use super::tokens::{tokens_pair, Token, TokenKind};

/// A stretch of the two token sequences: equal, or one edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seg {
    pub equal: bool,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// One side of the comparison: the text, its tokens and where each starts.
pub(crate) struct Side<'a> {
    pub text: &'a str,
    pub toks: Vec<Token<'a>>,
    /// Byte offset of each token, plus the text length at the end.
    pub starts: Vec<usize>,
}

impl<'a> Side<'a> {
    pub(super) fn new(text: &'a str, toks: Vec<Token<'a>>) -> Side<'a> {
        let mut starts = Vec::with_capacity(toks.len() + 1);
        let mut at = 0;
        for t in &toks {
            starts.push(at);
            at += t.text.len();
        }
        starts.push(at);
        Side { text, toks, starts }
    }

    /// The text of a range of tokens.
    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        &self.text[self.starts[r.start]..self.starts[r.end]]
    }

    /// Byte length of a range of tokens.
    pub(super) fn bytes(&self, r: &Range<usize>) -> usize {
        self.starts[r.end] - self.starts[r.start]
    }

    pub(super) fn words(&self, r: Range<usize>) -> usize {
        self.toks[r].iter().filter(|t| t.kind == TokenKind::Word).count()
    }
}

/// Both texts, cut into tokens together.
pub(super) fn sides<'a>(old: &'a str, new: &'a str) -> (Side<'a>, Side<'a>) {
    let (a, b) = tokens_pair(old, new);
    (Side::new(old, a), Side::new(new, b))
}

/// Appends a segment, joined to the last one when both are equal or both
/// edits; an empty one is left out.
pub(super) fn push_seg(segs: &mut Vec<Seg>, seg: Seg) {
    if seg.old.is_empty() && seg.new.is_empty() {
        return;
    }
    match segs.last_mut() {
        Some(last) if last.equal == seg.equal => {
            last.old.end = seg.old.end;
            last.new.end = seg.new.end;
        }
        _ => segs.push(seg),
    }
}

/// Appends the edit `old` → `new`, less the tokens both sides start or end
/// with, which are appended as equal text around it.
pub(super) fn push_edit(o: &Side<'_>, n: &Side<'_>, segs: &mut Vec<Seg>, old: Range<usize>, new: Range<usize>) {
    let same = |x: usize, y: usize| o.toks[x].text == n.toks[y].text;
    let mut p = 0;
    while p < old.len() && p < new.len() && same(old.start + p, new.start + p) {
        p += 1;
    }
    let mut s = 0;
    while s < old.len() - p && s < new.len() - p && same(old.end - 1 - s, new.end - 1 - s) {
        s += 1;
    }
    push_seg(segs, Seg { equal: true, old: old.start..old.start + p, new: new.start..new.start + p });
    push_seg(segs, Seg { equal: false, old: old.start + p..old.end - s, new: new.start + p..new.end - s });
    push_seg(segs, Seg { equal: true, old: old.end - s..old.end, new: new.end - s..new.end });
}
