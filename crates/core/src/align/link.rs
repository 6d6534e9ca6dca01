//! What an alignment decides: one [`Link`] per old clause's fate, of a
//! [`ChangeKind`]. The kind is also the `kind` of a change in the diff JSON
//! (`crate::diff::report`, which takes it from here).

use serde::{Deserialize, Serialize};

/// What happened to a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Same text.
    Unchanged,
    /// Text changed.
    Modified,
    /// One old clause became several.
    Split,
    /// Several old clauses became one.
    Merged,
    /// New clause.
    Added,
    /// Removed clause.
    Deleted,
}

impl ChangeKind {
    /// Name as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Modified => "modified",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
            ChangeKind::Added => "added",
            ChangeKind::Deleted => "deleted",
        }
    }
}

/// One entry of an alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Kind.
    pub kind: ChangeKind,
    /// Old clause indices (ascending; the first is the main predecessor).
    pub old: Vec<usize>,
    /// New clause indices (ascending; the first is the main successor).
    pub new: Vec<usize>,
    /// Similarity of the texts, 0..1.
    pub score: f64,
    /// Matched out of the stable order.
    pub moved: bool,
}
