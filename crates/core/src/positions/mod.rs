//! Organisations, the coalition's joint positions on a version of a bill,
//! endorsements, and (in [`track`]) what became of each recommendation.

pub(crate) mod db;
pub mod track;

pub use db::{get, list_positions};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::store::organisations::{add, find, list, Organisation};

/// Where an organisation stands on a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum EndorsementState {
    /// Asked to endorse.
    Invited,
    /// Endorses.
    Endorsed,
    /// Declined.
    Declined,
    /// Endorsed, then withdrew.
    Withdrawn,
}

impl EndorsementState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EndorsementState::Invited => "invited",
            EndorsementState::Endorsed => "endorsed",
            EndorsementState::Declined => "declined",
            EndorsementState::Withdrawn => "withdrawn",
        }
    }

    /// Reads a name.
    pub fn parse(s: &str) -> Result<EndorsementState> {
        Ok(match s.trim().to_lowercase().as_str() {
            "invited" => EndorsementState::Invited,
            "endorsed" => EndorsementState::Endorsed,
            "declined" => EndorsementState::Declined,
            "withdrawn" => EndorsementState::Withdrawn,
            other => {
                return Err(Error::invalid(
                    "state",
                    format!("endorsement \"{other}\" is not one of invited, endorsed, declined, withdrawn"),
                ))
            }
        })
    }
}

/// A joint position: the coalition's statement on one version of a bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Position {
    /// Local id.
    pub id: i64,
    /// Id across workspaces.
    pub uid: String,
    /// Bill slug.
    pub bill: String,
    /// Version (sequence number) the position is on.
    pub version: i64,
    /// That version's label.
    pub version_label: String,
    /// That version's date.
    pub version_date: Option<String>,
    /// Title.
    pub title: String,
    /// Introduction.
    pub intro: String,
    /// Closing.
    pub closing: String,
    /// Language of the document's own words (`en` or `km`): headings and labels of exports.
    pub lang: String,
    /// Created (UTC).
    pub created_at: String,
    /// Last changed (UTC).
    pub updated_at: String,
}

/// An organisation's endorsement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Endorsement {
    /// The organisation.
    pub org: Organisation,
    /// Where it stands.
    pub state: EndorsementState,
    /// Since when (YYYY-MM-DD).
    pub date: String,
    /// A note.
    pub note: Option<String>,
}

/// One item of a position, with the text it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Item {
    /// The annotation.
    pub annotation: crate::annotate::Annotation,
    /// Clause number on the position's version.
    pub num: Option<String>,
    /// Clause heading there.
    pub heading: Option<String>,
    /// The clause text there (the "current text").
    pub text: String,
}

/// A position with its items and endorsements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PositionDetail {
    /// The position.
    #[serde(flatten)]
    pub position: Position,
    /// Items in order.
    pub items: Vec<Item>,
    /// Endorsements, by organisation short name.
    pub endorsements: Vec<Endorsement>,
}

/// Creates a position on version `version_id` of its bill.
pub fn create(conn: &Connection, version_id: i64, title: &str, intro: &str, closing: &str, lang: &str) -> Result<i64> {
    if title.trim().is_empty() {
        return Err(Error::invalid("title", "a joint position needs a title"));
    }
    if !matches!(lang, "en" | "km") {
        return Err(Error::invalid("lang", format!("a position is written in en or km, not \"{lang}\"")));
    }
    db::insert(conn, version_id, title.trim(), intro.trim(), closing.trim(), lang, &crate::store::now(conn)?)
}

/// Changes the title, introduction or closing (`None` keeps a part).
pub fn edit(conn: &Connection, id: i64, title: Option<&str>, intro: Option<&str>, closing: Option<&str>) -> Result<()> {
    get(conn, id)?;
    if title.is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::invalid("title", "a joint position needs a title"));
    }
    let at = crate::store::now(conn)?;
    for (col, v) in [("title", title), ("intro", intro), ("closing", closing)] {
        if let Some(v) = v {
            db::set_text(conn, id, col, v.trim(), &at)?;
        }
    }
    Ok(())
}

/// Adds an annotation as an item (at the end, or at 1-based place `at`);
/// adding one already there moves it.
pub fn add_item(conn: &Connection, id: i64, annotation_id: i64, at: Option<usize>) -> Result<()> {
    let p = get(conn, id)?;
    let a = crate::annotate::get(conn, annotation_id)?;
    if a.bill != p.bill {
        return Err(Error::invalid(
            "annotation",
            format!("annotation {annotation_id} is on bill {}, the position on bill {}", a.bill, p.bill),
        ));
    }
    let on_version = db::provision_on_version(conn, id, annotation_id)?.is_some();
    if !on_version {
        return Err(Error::invalid(
            "annotation",
            format!("annotation {annotation_id} was never placed on {} (the position's version)", p.version_label),
        ));
    }
    let mut order = db::item_ids(conn, id)?;
    order.retain(|x| *x != annotation_id);
    let at = at.map(|a| a.saturating_sub(1).min(order.len())).unwrap_or(order.len());
    order.insert(at, annotation_id);
    db::write_order(conn, id, &order)
}

/// Removes an item.
pub fn remove_item(conn: &Connection, id: i64, annotation_id: i64) -> Result<()> {
    let mut order = db::item_ids(conn, id)?;
    if !order.contains(&annotation_id) {
        return Err(Error::invalid("annotation", format!("annotation {annotation_id} is not an item of position {id}")));
    }
    order.retain(|x| *x != annotation_id);
    db::write_order(conn, id, &order)
}

/// Records an organisation's endorsement state (the latest wins).
pub fn endorse(conn: &Connection, id: i64, org: &str, state: EndorsementState, date: &str, note: Option<&str>) -> Result<()> {
    get(conn, id)?;
    crate::text::date::check_date(date).map_err(|m| Error::invalid("date", m))?;
    let org_id = crate::store::organisations::id(conn, org)?;
    db::endorse(conn, id, org_id, state.as_str(), date, note)?;
    Ok(())
}

/// A position with its items (and the clause text each is about on the
/// position's version) and endorsements.
pub fn detail(conn: &Connection, id: i64) -> Result<PositionDetail> {
    let position = get(conn, id)?;
    let mut items = Vec::new();
    let texts = crate::store::provisions::ClauseTexts::new(conn);
    for a in db::item_ids(conn, id)? {
        let annotation = crate::annotate::get(conn, a)?;
        let provision = db::provision_on_version(conn, id, a)?.flatten();
        let (num, heading, text) = match provision {
            Some(pid) => {
                let (num, heading) = crate::store::provisions::num_heading(conn, pid)?;
                (num, heading, texts.get(pid)?)
            }
            None => (None, None, String::new()),
        };
        items.push(Item { annotation, num, heading, text });
    }
    let endorsements = db::endorsements(conn, id)?;
    Ok(PositionDetail { position, items, endorsements })
}

#[cfg(test)]
pub(crate) mod tests;
