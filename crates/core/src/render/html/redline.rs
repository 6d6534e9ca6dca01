//! The redline of a change as text with `<del>` and `<ins>`, for one side
//! or both.

use super::markup::{escape_into, is_khmer, lang_attr};
use crate::diff::report::{Change, Op, OpKind};

/// Which runs of a redline to show.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Equal and deleted runs: the old text.
    Old,
    /// Equal and inserted runs: the new text.
    New,
    /// Everything, deletions before insertions as in the ops.
    Both,
}

/// Whether a side of the redline has any text.
fn has_text(ops: &[Op], side: Side) -> bool {
    ops.iter().any(|o| {
        !o.text.is_empty()
            && match o.op {
                OpKind::Equal => true,
                OpKind::Delete => side != Side::New,
                OpKind::Insert => side != Side::Old,
            }
    })
}

/// Appends one `<del>` or `<ins>` run; a run of whitespace alone gets a visible mark.
fn marked(out: &mut String, tag: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push('<');
    out.push_str(tag);
    if text.chars().all(char::is_whitespace) {
        out.push_str(if text.contains('\n') { " class=\"ws nl\" title=\"line break\"" } else { " class=\"ws\" title=\"space\"" });
    }
    out.push('>');
    escape_into(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Appends the redline of one side as text with `<del>` / `<ins>`.
fn redline(out: &mut String, ops: &[Op], side: Side) {
    for op in ops {
        match (op.op, side) {
            (OpKind::Equal, _) => escape_into(out, &op.text),
            (OpKind::Delete, Side::Old | Side::Both) => marked(out, "del", &op.text),
            (OpKind::Insert, Side::New | Side::Both) => marked(out, "ins", &op.text),
            _ => {}
        }
    }
}

/// Appends a text block of one side, or a placeholder where that side is empty.
pub(super) fn text_block(out: &mut String, ops: &[Op], side: Side, lang: &str, missing: &str) {
    if has_text(ops, side) {
        out.push_str("<div class=\"text\"");
        out.push_str(lang);
        out.push('>');
        redline(out, ops, side);
        out.push_str("</div>\n");
    } else {
        out.push_str("<div class=\"text empty\"");
        out.push_str(lang_attr(missing));
        out.push('>');
        escape_into(out, missing);
        out.push_str("</div>\n");
    }
}

/// The language attribute of a change's text.
pub(super) fn change_lang(c: &Change) -> &'static str {
    if c.ops.iter().any(|o| is_khmer(&o.text)) {
        " lang=\"km\""
    } else {
        ""
    }
}
