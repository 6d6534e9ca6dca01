//! The adoption scorecard: what became of each recommendation of a joint
//! position in a later version of the bill.
//!
//! For each item, the clause is followed from the position's version to the
//! later one through the alignment (every link, so a split clause is all its
//! parts). Then:
//! - **clause removed**: the clause has no successor (unless deletion was
//!   what the coalition asked for: then **adopted**);
//! - with proposed wording, the *desired text* is the clause with the quote
//!   replaced by it (or the wording alone, for a whole-clause
//!   recommendation). **adopted** when the new text is the desired text
//!   (similarity at least [`ADOPTED`] in the diff's word measure) or every
//!   word the coalition added and removed was added and removed;
//!   **partly adopted** when some of the added words arrived; **not
//!   adopted** otherwise. A word "arrives" when the new text has more of it
//!   than the old one did, so words the clause already had elsewhere do not
//!   count;
//! - a recommendation to delete the clause that was not followed is **not
//!   adopted**; one without wording is **not adopted** when the text under it
//!   did not change, and **text changed** when it did (a person must judge).
//!
//! The evidence is the word-level diff between the desired and the enacted
//! wording.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::diff::report::Op;
use crate::diff::{diff_texts, similarity, tokenize};
use crate::error::Result;

/// Least similarity between desired and enacted text that counts as adopted word for word.
pub const ADOPTED: f64 = 0.97;

/// What became of a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Taken up (or the clause deleted, as asked).
    Adopted,
    /// Some of it taken up.
    PartlyAdopted,
    /// Not taken up.
    NotAdopted,
    /// The clause is gone (and deletion was not what was asked).
    ClauseRemoved,
    /// No wording was proposed and the text changed: a person must judge.
    TextChanged,
}

impl Outcome {
    /// Words for a scorecard.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::PartlyAdopted => "partly adopted",
            Outcome::NotAdopted => "not adopted",
            Outcome::ClauseRemoved => "clause removed",
            Outcome::TextChanged => "text changed",
        }
    }
}

/// One line of the scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Score {
    /// Annotation id.
    pub annotation: i64,
    /// Its title.
    pub title: String,
    /// Clause number on the position's version.
    pub from_num: Option<String>,
    /// Clause numbers on the later version (several after a split).
    pub to_nums: Vec<String>,
    /// What became of it.
    pub outcome: Outcome,
    /// Share of the words the coalition added that arrived (0..1), when it proposed wording.
    pub realised: Option<f64>,
    /// The wording the coalition asked for (the clause with the quote replaced).
    pub desired: Option<String>,
    /// The enacted text (the later clause, or its parts joined).
    pub enacted: Option<String>,
    /// Desired → enacted, word by word.
    pub evidence: Vec<Op>,
    /// In words.
    pub note: String,
}

/// The scorecard of a position against a later version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Scorecard {
    /// Position id.
    pub position: i64,
    /// Its title.
    pub title: String,
    /// Bill slug.
    pub bill: String,
    /// Version the position is on.
    pub from: i64,
    /// Version scored against.
    pub against: i64,
    /// That version's label.
    pub against_label: String,
    /// One line per item, in the position's order.
    pub items: Vec<Score>,
    /// How many of each outcome.
    pub summary: HashMap<String, usize>,
}

/// Scores position `id` against version `against` (a version id of the same bill, later than the position's).
pub fn track(conn: &Connection, id: i64, against: i64) -> Result<Scorecard> {
    let detail = super::detail(conn, id)?;
    let p = &detail.position;
    let (bill, against_seq, against_label, _) = crate::store::versions::describe(conn, against)?;
    if bill != p.bill || against_seq <= p.version {
        return Err(crate::Error::invalid(
            "against",
            format!("score a position against a later version of {} (the position is on version {})", p.bill, p.version),
        ));
    }
    let mut items = Vec::new();
    let clause_texts = crate::store::provisions::ClauseTexts::new(conn);
    for item in &detail.items {
        let a = &item.annotation;
        let start = super::db::provision_on_version(conn, id, a.id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        let successors = follow(conn, start.into_iter().collect(), against_seq)?;
        let texts: Vec<String> = successors.iter().map(|&s| clause_texts.get(s)).collect::<Result<_>>()?;
        let to_nums: Vec<String> = successors.iter().map(|&s| crate::store::provisions::num_or_eid(conn, s)).collect::<Result<_>>()?;
        let enacted = (!texts.is_empty()).then(|| texts.join("\n"));
        let quote_on_version = placement_quote(conn, id, a.id)?;
        let desired = a.proposed.as_ref().map(|w| match &quote_on_version {
            Some((s, e)) => {
                let chars: Vec<char> = item.text.chars().collect();
                let (s, e) = ((*s).min(chars.len()), (*e).min(chars.len()));
                format!("{}{}{}", chars[..s].iter().collect::<String>(), w, chars[e..].iter().collect::<String>())
            }
            None => w.clone(),
        });
        let (outcome, realised, note) =
            judge(&item.text, desired.as_deref(), enacted.as_deref(), a.delete_clause, quote_on_version.is_some());
        let evidence = match (&desired, &enacted) {
            (Some(d), Some(e)) => diff_texts(d, e).ops,
            _ => Vec::new(),
        };
        items.push(Score {
            annotation: a.id,
            title: a.title.clone(),
            from_num: item.num.clone(),
            to_nums,
            outcome,
            realised,
            desired,
            enacted,
            evidence,
            note,
        });
    }
    let mut summary = HashMap::new();
    for s in &items {
        *summary.entry(s.outcome.label().replace(' ', "_")).or_insert(0) += 1;
    }
    Ok(Scorecard {
        position: id,
        title: p.title.clone(),
        bill: p.bill.clone(),
        from: p.version,
        against: against_seq,
        against_label,
        items,
        summary,
    })
}

/// The quote's code-point range on the position's version, if the annotation quotes.
fn placement_quote(conn: &Connection, position: i64, annotation: i64) -> Result<Option<(usize, usize)>> {
    let r = super::db::quote_on_version(conn, position, annotation)?;
    Ok(match r {
        (Some(s), Some(e)) => Some((s as usize, e as usize)),
        _ => None,
    })
}

/// The provisions of version `seq` that `from` (provisions of one earlier
/// version) became, through every link of every version between.
fn follow(conn: &Connection, mut from: Vec<i64>, seq: i64) -> Result<Vec<i64>> {
    let at = |ids: &[i64]| -> Result<i64> {
        Ok(match ids.first() {
            Some(id) => crate::store::provisions::version_seq(conn, *id)?,
            None => seq,
        })
    };
    while !from.is_empty() && at(&from)? < seq {
        let mut out = Vec::new();
        for f in &from {
            for t in crate::store::links::successors(conn, *f)? {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        from = out;
    }
    Ok(from)
}

/// Word counts of a text (folded words only).
fn words(s: &str) -> HashMap<String, i64> {
    let mut m = HashMap::new();
    for t in tokenize(&crate::text::fold(s).to_lowercase()) {
        if t.chars().any(char::is_alphanumeric) {
            *m.entry(t.to_string()).or_insert(0) += 1;
        }
    }
    m
}

/// (outcome, share of added words that arrived, note).
fn judge(old: &str, desired: Option<&str>, enacted: Option<&str>, delete: bool, quoted: bool) -> (Outcome, Option<f64>, String) {
    let Some(enacted) = enacted else {
        return if delete {
            (Outcome::Adopted, None, "the clause was deleted, as recommended".into())
        } else {
            (Outcome::ClauseRemoved, None, "the clause is not in this version".into())
        };
    };
    if delete {
        return (Outcome::NotAdopted, None, "the clause is still there".into());
    }
    let unchanged = crate::text::fold(old) == crate::text::fold(enacted);
    let Some(desired) = desired else {
        return if unchanged {
            (Outcome::NotAdopted, None, "the text did not change".into())
        } else {
            (Outcome::TextChanged, None, "the text changed; no wording was proposed to compare it with".into())
        };
    };
    let sim = similarity(desired, enacted);
    if sim >= ADOPTED {
        return (Outcome::Adopted, Some(1.0), format!("the enacted text is the proposed wording (similarity {sim:.2})"));
    }
    let (o, d, e) = (words(old), words(desired), words(enacted));
    let (mut added, mut arrived, mut removed, mut gone) = (0i64, 0i64, 0i64, 0i64);
    for (w, &want) in &d {
        let had = o.get(w).copied().unwrap_or(0);
        if want > had {
            added += want - had;
            arrived += (e.get(w).copied().unwrap_or(0) - had).clamp(0, want - had);
        }
    }
    for (w, &had) in &o {
        let want = d.get(w).copied().unwrap_or(0);
        if want < had {
            removed += had - want;
            gone += (had - e.get(w).copied().unwrap_or(0)).clamp(0, had - want);
        }
    }
    let share = if added > 0 {
        arrived as f64 / added as f64
    } else if removed > 0 {
        gone as f64 / removed as f64
    } else {
        0.0
    };
    let what = if quoted { "the quoted text" } else { "the clause" };
    if unchanged {
        (Outcome::NotAdopted, Some(0.0), format!("{what} did not change"))
    } else if share >= 1.0 && gone == removed {
        (Outcome::Adopted, Some(share), "every word added and removed as proposed".into())
    } else if share > 0.0 {
        let note = if added > 0 {
            format!("{arrived} of the {added} words the coalition added arrived")
        } else {
            format!("{gone} of the {removed} words the coalition removed are gone")
        };
        (Outcome::PartlyAdopted, Some(share), note)
    } else {
        (Outcome::NotAdopted, Some(0.0), format!("{what} changed, but not as proposed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "Every person has the right to request information.";

    #[test]
    fn outcomes() {
        let desired = "Every person and every association has the right to request and receive information.";
        assert_eq!(judge(OLD, Some(desired), Some(desired), false, false).0, Outcome::Adopted);
        let partly = "Every person and every association has the right to request information.";
        let (o, share, _) = judge(OLD, Some(desired), Some(partly), false, false);
        assert_eq!(o, Outcome::PartlyAdopted);
        assert!(share.unwrap() > 0.5 && share.unwrap() < 1.0);
        let other = "Every citizen has the right to request information.";
        assert_eq!(judge(OLD, Some(desired), Some(other), false, false).0, Outcome::NotAdopted);
        assert_eq!(judge(OLD, Some(desired), Some(OLD), false, false).0, Outcome::NotAdopted);
        assert_eq!(judge(OLD, Some(desired), None, false, false).0, Outcome::ClauseRemoved);
        assert_eq!(judge(OLD, None, None, true, false).0, Outcome::Adopted);
        assert_eq!(judge(OLD, None, Some(OLD), true, false).0, Outcome::NotAdopted);
        assert_eq!(judge(OLD, None, Some(other), false, false).0, Outcome::TextChanged);
        // A word the clause already had elsewhere does not count as arrived.
        let (o, _, _) = judge(OLD, Some("Every person has the right to request information and information."), Some(OLD), false, false);
        assert_eq!(o, Outcome::NotAdopted);
    }

    #[test]
    fn khmer_outcomes() {
        let old = "សមាគមត្រូវទទួលបានការអនុញ្ញាតជាមុនពីក្រសួងមហាផ្ទៃ ។";
        let desired = "សមាគមត្រូវជូនដំណឹងដល់ក្រសួងមហាផ្ទៃ ។";
        assert_eq!(judge(old, Some(desired), Some(desired), false, false).0, Outcome::Adopted);
        assert_eq!(judge(old, Some(desired), Some(old), false, false).0, Outcome::NotAdopted);
    }
}
