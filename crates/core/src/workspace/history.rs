//! A clause's lineage across every version of its bill: where it stands in each and what happened at each step.

use super::Workspace;
use crate::diff::report::ClauseRef;
use crate::error::Result;
use crate::store::{self, links};
use serde::{Deserialize, Serialize};

impl Workspace {
    /// The lineage of a clause across every version of its bill, oldest first:
    /// where it appears in each version and what happened at each step.
    pub fn history(&self, bill: &str, version: &str, clause: &str) -> Result<Vec<HistoryStep>> {
        let vid = self.version_id(bill, version)?;
        let node = self.clause(bill, version, clause)?;
        let lineage = links::lineage_of(&self.conn, vid, &node.eid)?;
        let bill_id = self.bill_id(bill)?;
        // Every version of the bill, and the lineage's clause in it (if any).
        let versions = store::versions::list(&self.conn, bill_id)?;
        let mut steps: Vec<HistoryStep> = Vec::new();
        let mut prev: Option<(i64, String)> = None; // (provision id, text) in the previous version
        for (version_id, seq, label, date) in versions {
            let here = links::clause_in(&self.conn, version_id, &lineage)?;
            let text = match &here {
                Some((_, eid, _, _)) => Some(self.clause_text(version_id, eid)?),
                None => None,
            };
            let summary = match (&prev, &here) {
                (None, None) => continue,
                (None, Some((id, ..))) => self.origin(*id)?,
                (Some((pid, _)), None) => {
                    // Merged into another lineage's clause, or gone.
                    let into = links::first_successor(&self.conn, *pid)?;
                    let (change, summary, clauses) = match into {
                        Some(c) => {
                            let summary = format!("merged into {}", art(c.num.as_deref()));
                            ("merged".to_string(), summary, vec![c])
                        }
                        None => ("deleted".to_string(), "deleted: no longer in this version".to_string(), Vec::new()),
                    };
                    steps.push(HistoryStep { seq, label, date, clauses, change, summary });
                    prev = None;
                    continue;
                }
                (Some((pid, ptext)), Some((id, ..))) => self.step_summary(*pid, *id, ptext, text.as_deref().unwrap_or_default())?,
            };
            let (id, eid, num, heading) = here.expect("present");
            let mut clauses = vec![ClauseRef { eid, num, num_value: None, heading }];
            let mut line = summary.1;
            if let Some((pid, _)) = &prev {
                // Split parts stand beside the clause; clauses merged into it are named.
                let (parts, merged_in) = links::other_parts(&self.conn, *pid, id)?;
                clauses.extend(parts);
                if !merged_in.is_empty() {
                    let names: Vec<String> = merged_in.iter().map(|c| art(c.num.as_deref())).collect();
                    line = format!("{line}; absorbed {} of the previous version", names.join(", "));
                }
            }
            steps.push(HistoryStep { seq, label, date, clauses, change: summary.0, summary: line });
            prev = Some((id, text.unwrap_or_default()));
        }
        Ok(steps)
    }

    /// How a lineage began: new in its version, or split off from / merged into a clause before.
    fn origin(&self, id: i64) -> Result<(String, String)> {
        let from = links::first_origin(&self.conn, id)?;
        Ok(match from {
            Some((kind, num, label)) if kind == "split" => ("split".into(), format!("split off from {} of {label}", art(num.as_deref()))),
            Some((kind, num, label)) => (kind, format!("from {} of {label}", art(num.as_deref()))),
            None => ("added".into(), "first appears in this version".into()),
        })
    }

    /// One line on what happened between two clauses of one lineage.
    fn step_summary(&self, from_id: i64, to_id: i64, old_text: &str, new_text: &str) -> Result<(String, String)> {
        let (kind, moved, old_num, new_num) = links::link(&self.conn, from_id, to_id)?;
        let mut parts = vec![kind.clone()];
        let value = |n: &Option<String>| n.as_deref().and_then(crate::structure::number::value);
        if value(&old_num) != value(&new_num) {
            parts.push(format!("renumbered {} → {}", old_num.as_deref().unwrap_or("?"), new_num.as_deref().unwrap_or("?")));
        }
        if moved {
            parts.push("moved".into());
        }
        if kind != "unchanged" {
            let d = crate::diff::diff_texts(old_text, new_text);
            parts.push(format!("{} substantive, {} cosmetic edits", d.counts.substantive, d.counts.cosmetic));
            if !d.flags.is_empty() {
                parts.push(d.flags.join(", "));
            }
        }
        Ok((kind, parts.join("; ")))
    }
}

/// One version in a clause's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HistoryStep {
    /// Version number.
    pub seq: i64,
    /// Version label.
    pub label: String,
    /// Version date.
    pub date: Option<String>,
    /// The clause in this version (first), with split parts or merged clauses.
    pub clauses: Vec<ClauseRef>,
    /// What happened since the version before: added, unchanged, modified, split, merged, deleted.
    pub change: String,
    /// One line for a person.
    pub summary: String,
}

fn art(num: Option<&str>) -> String {
    match num {
        Some(n) => format!("clause {n}"),
        None => "an unnumbered clause".into(),
    }
}
