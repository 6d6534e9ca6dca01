//! The markup of the page: the one escape, ids made from eIds, the
//! language of a text.

use crate::text::khmer;

/// Longest id made from an eId (the rest is cut; ids stay unique).
const MAX_ID: usize = 120;

/// The one escape of the page (see [`crate::text::escape_markup_into`]):
/// every text that is not a literal of the renderer goes through it.
pub(super) fn escape_into(out: &mut String, s: &str) {
    crate::text::escape_markup_into(out, s)
}

/// [`escape_into`], into a new string.
pub(super) fn esc(s: &str) -> String {
    crate::text::escape_markup(s)
}

/// An id fragment from an eId: ASCII letters, digits, `_` and `-`; anything
/// else becomes `_`. Never empty.
pub(super) fn sanitize_id(s: &str) -> String {
    let id: String = s.chars().take(MAX_ID).map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    if id.is_empty() {
        "clause".to_string()
    } else {
        id
    }
}

/// Whether `s` has Khmer letters or digits.
pub(super) fn is_khmer(s: &str) -> bool {
    s.chars().any(khmer::is_khmer)
}

/// ` lang="km"` for Khmer text (so the browser picks a Khmer font and line breaking).
pub(super) fn lang_attr(s: &str) -> &'static str {
    if is_khmer(s) {
        " lang=\"km\""
    } else {
        ""
    }
}
