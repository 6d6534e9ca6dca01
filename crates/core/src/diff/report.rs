//! The comparison of two versions, in the shape of the JSON contract
//! (`../shared/DESIGN.md`, "Diff JSON"): fields may be added, never renamed.

use serde::{Deserialize, Serialize};

/// What happened to a clause: the alignment decides it (see [`crate::align`]).
pub use crate::align::ChangeKind;

/// A version as named in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct VersionRef {
    /// Sequence number in the bill (0 for a file compared with `--files`).
    pub seq: i64,
    /// Label.
    pub label: String,
    /// Date, if known.
    pub date: Option<String>,
}

/// Counts of each kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Summary {
    /// Clauses whose text is the same (possibly renumbered or moved).
    pub unchanged: usize,
    /// Clauses matched one to one whose text changed.
    pub modified: usize,
    /// Old clauses split into several new ones.
    pub split: usize,
    /// Groups of old clauses merged into one new clause.
    pub merged: usize,
    /// New clauses with no predecessor.
    pub added: usize,
    /// Old clauses with no successor.
    pub deleted: usize,
    /// Changes whose clause number changed.
    pub renumbered: usize,
    /// Changes whose clause moved out of the order of the others (or to another group).
    pub moved: usize,
    /// Changes with at least one substantive edit (or added/deleted/split/merged).
    pub substantive: usize,
}

/// A clause as named in a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ClauseRef {
    /// eId in its version.
    pub eid: String,
    /// Number as printed.
    pub num: Option<String>,
    /// Number value, where it parses.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub num_value: Option<String>,
    /// Heading.
    pub heading: Option<String>,
}

/// One edit operation of a word-level diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// Text in both.
    Equal,
    /// Text only in the old version.
    Delete,
    /// Text only in the new version.
    Insert,
}

/// A run of text with its operation. Concatenating the `equal` and `delete`
/// runs gives the old text; `equal` and `insert` the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Op {
    /// The operation.
    pub op: OpKind,
    /// The text.
    pub text: String,
}

/// One entry of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The number changed.
    pub renumbered: bool,
    /// The clause moved relative to the others.
    pub moved: bool,
    /// At least one edit is substantive.
    pub substantive: bool,
    /// Text similarity of old and new, 0..1 (1 for unchanged).
    pub similarity: f64,
    /// Flags such as `operative-word`, `cross-reference`.
    pub flags: Vec<String>,
    /// Old clauses (empty for added).
    pub from: Vec<ClauseRef>,
    /// New clauses (empty for deleted).
    pub to: Vec<ClauseRef>,
    /// Word-level edit of the old text(s) into the new text(s).
    pub ops: Vec<Op>,
}

/// A whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DiffReport {
    /// Bill slug (the file name for `--files`).
    pub bill: String,
    /// Older version.
    pub from: VersionRef,
    /// Newer version.
    pub to: VersionRef,
    /// Counts.
    pub summary: Summary,
    /// Every clause's fate, in the order of the newer version (deleted clauses
    /// where they stood).
    pub changes: Vec<Change>,
}

impl Change {
    /// Whether anything happened to the clause: its text, its number or its
    /// place changed (what `--changed-only` keeps).
    pub fn changed(&self) -> bool {
        self.kind != ChangeKind::Unchanged || self.renumbered || self.moved
    }
}

impl DiffReport {
    /// Its title, given how the two versions are named: the bill and the
    /// versions (`a2i: 2 → 3`), or the versions alone when the bill is named
    /// after them (two files compared with `--files`).
    pub fn title(&self, from: &str, to: &str) -> String {
        let versions = format!("{from} → {to}");
        if self.bill == versions {
            versions
        } else {
            format!("{}: {versions}", self.bill)
        }
    }

    /// The report with only the changes that [`Change::changed`] (the
    /// summary still counts them all).
    pub fn changed_only(&self) -> DiffReport {
        DiffReport { changes: self.changes.iter().filter(|c| c.changed()).cloned().collect(), ..self.clone_head() }
    }

    /// Writes the report as `serde_json::to_writer_pretty` does, byte for
    /// byte, with its changes written on every core: a whole bill's
    /// comparison is megabytes of JSON.
    pub fn write_json_pretty(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        // The changes stand in the report as they stand in `{"changes": [...]}`,
        // indented alike: each run of changes is written so, and cut out.
        #[derive(Serialize)]
        struct Changes<'a> {
            changes: &'a [Change],
        }
        const OPEN: &[u8] = b"{\n  \"changes\": [";
        const CLOSE: &[u8] = b"\n  ]\n}";
        let mut head = serde_json::to_vec_pretty(&self.clone_head()).map_err(std::io::Error::other)?;
        if self.changes.is_empty() {
            return w.write_all(&head);
        }
        // `"changes": []\n}` becomes `"changes": [` ... `\n  ]\n}`.
        head.truncate(head.len() - "]\n}".len());
        w.write_all(&head)?;
        // Runs of changes, enough of them for the cores to share evenly.
        let runs: Vec<&[Change]> = self.changes.chunks(self.changes.len().div_ceil(64)).collect();
        let written = crate::par::map(&runs, |run| serde_json::to_vec_pretty(&Changes { changes: run }));
        for (i, run) in written.into_iter().enumerate() {
            let run = run.map_err(std::io::Error::other)?;
            if i > 0 {
                w.write_all(b",")?;
            }
            w.write_all(&run[OPEN.len()..run.len() - CLOSE.len()])?;
        }
        w.write_all(CLOSE)
    }

    /// Everything but the changes.
    fn clone_head(&self) -> DiffReport {
        DiffReport {
            bill: self.bill.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            summary: self.summary.clone(),
            changes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_json_pretty_is_serde_jsons_pretty_print() {
        let old = "Article 1\n\nThe Ministry shall register associations.\n\nArticle 2\n\nFees are set by decree.\n\nមាត្រា ៣\n\nសមាគមត្រូវចុះបញ្ជី \"ក\"\\\t។";
        let new = "Article 1\n\nThe Ministry may register associations.\n\nArticle 2\n\nFees are set by decree.\n\nArticle 3\n\nNew.";
        let tree = |t: &str| crate::workspace::parse_bytes(t.as_bytes(), "v.txt", None).unwrap().2;
        let v = |seq: i64| VersionRef { seq, label: format!("v{seq}"), date: None };
        let report = crate::diff::compare::compare("bill", v(1), v(2), &tree(old), &tree(new));
        assert!(report.changes.len() >= 3);
        let json = |r: &DiffReport| {
            let mut out = Vec::new();
            r.write_json_pretty(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(json(&report), serde_json::to_string_pretty(&report).unwrap());
        let empty = report.clone_head();
        assert_eq!(json(&empty), serde_json::to_string_pretty(&empty).unwrap());
        // A bill named after its versions (two files compared) is named once.
        assert_eq!(report.title("v1", "v2"), "bill: v1 → v2");
        let files = DiffReport { bill: "a.md → b.txt".into(), ..report.clone_head() };
        assert_eq!(files.title("a.md", "b.txt"), "a.md → b.txt");
        // More changes than runs of changes.
        let many = DiffReport { changes: report.changes.iter().cycle().take(200).cloned().collect(), ..report.clone_head() };
        assert_eq!(json(&many), serde_json::to_string_pretty(&many).unwrap());
    }
}
