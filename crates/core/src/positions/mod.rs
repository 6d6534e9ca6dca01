//! Organisations, the coalition's joint positions on a version of a bill,
//! endorsements, and (in [`track`]) what became of each recommendation.

pub mod track;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::annotate::new_uid;
use crate::error::{Error, Result};

/// A member organisation of a coalition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Organisation {
    /// Id across workspaces.
    #[serde(default)]
    pub uid: String,
    /// Short name, unique in the workspace (`CCC`, `LICADHO`): what commands take.
    pub short_name: String,
    /// Full name.
    pub name: String,
    /// Name in Khmer.
    pub name_km: Option<String>,
    /// Contact (e-mail, phone, person).
    pub contact: Option<String>,
}

/// Adds an organisation; the short name must be new.
pub fn add(conn: &Connection, o: &Organisation) -> Result<Organisation> {
    let short = o.short_name.trim();
    if short.is_empty() || short.chars().any(char::is_whitespace) {
        return Err(Error::invalid("short", format!("an organisation's short name is one word (like CCC or ADHOC), not \"{short}\"")));
    }
    if o.name.trim().is_empty() {
        return Err(Error::invalid("name", "an organisation needs a name"));
    }
    if find(conn, short)?.is_some() {
        return Err(crate::error::Conflict::DuplicateOrganisation(short.to_string()).into());
    }
    let o = Organisation {
        uid: if o.uid.is_empty() { new_uid() } else { o.uid.clone() },
        short_name: short.into(),
        name: o.name.trim().into(),
        name_km: o.name_km.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        contact: o.contact.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
    };
    conn.execute(
        "INSERT INTO organisations (uid, short_name, name, name_km, contact) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![o.uid, o.short_name, o.name, o.name_km, o.contact],
    )?;
    Ok(o)
}

/// Every organisation, by short name.
pub fn list(conn: &Connection) -> Result<Vec<Organisation>> {
    let mut stmt = conn.prepare("SELECT uid, short_name, name, name_km, contact FROM organisations ORDER BY short_name COLLATE NOCASE")?;
    let rows = stmt.query_map([], org_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One organisation by short name.
pub fn find(conn: &Connection, short: &str) -> Result<Option<Organisation>> {
    Ok(conn
        .query_row("SELECT uid, short_name, name, name_km, contact FROM organisations WHERE short_name = ?1", [short], org_row)
        .optional()?)
}

fn org_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation { uid: r.get(0)?, short_name: r.get(1)?, name: r.get(2)?, name_km: r.get(3)?, contact: r.get(4)? })
}

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
            other => return Err(Error::invalid("state", format!("endorsement \"{other}\" is not one of invited, endorsed, declined, withdrawn"))),
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
    let bill_id: i64 = conn.query_row("SELECT bill_id FROM versions WHERE id = ?1", [version_id], |r| r.get(0))?;
    let at = crate::annotate::now(conn)?;
    conn.execute(
        "INSERT INTO positions (uid, bill_id, version_id, title, intro, closing, lang, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![new_uid(), bill_id, version_id, title.trim(), intro.trim(), closing.trim(), lang, at],
    )?;
    Ok(conn.last_insert_rowid())
}

const SELECT: &str = "SELECT p.id, p.uid, b.slug, v.seq, v.label, v.date, p.title, p.intro, p.closing, p.lang, p.created_at, p.updated_at \
     FROM positions p JOIN bills b ON b.id = p.bill_id JOIN versions v ON v.id = p.version_id";

fn position_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Position> {
    Ok(Position {
        id: r.get(0)?,
        uid: r.get(1)?,
        bill: r.get(2)?,
        version: r.get(3)?,
        version_label: r.get(4)?,
        version_date: r.get(5)?,
        title: r.get(6)?,
        intro: r.get(7)?,
        closing: r.get(8)?,
        lang: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// One position.
pub fn get(conn: &Connection, id: i64) -> Result<Position> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], position_row)
        .optional()?
        .ok_or_else(|| Error::from(crate::error::NotFound::Position(id)))
}

/// Every position, newest first.
pub fn list_positions(conn: &Connection) -> Result<Vec<Position>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY p.id DESC"))?;
    let rows = stmt.query_map([], position_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Changes the title, introduction or closing (`None` keeps a part).
pub fn edit(conn: &Connection, id: i64, title: Option<&str>, intro: Option<&str>, closing: Option<&str>) -> Result<()> {
    get(conn, id)?;
    if title.is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::invalid("title", "a joint position needs a title"));
    }
    let at = crate::annotate::now(conn)?;
    for (col, v) in [("title", title), ("intro", intro), ("closing", closing)] {
        if let Some(v) = v {
            conn.execute(&format!("UPDATE positions SET {col} = ?1, updated_at = ?2 WHERE id = ?3"), params![v.trim(), at, id])?;
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
        return Err(Error::invalid("annotation", format!("annotation {annotation_id} is on bill {}, the position on bill {}", a.bill, p.bill)));
    }
    let on_version: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM annotation_placements pl JOIN positions p ON p.version_id = pl.version_id \
         WHERE p.id = ?1 AND pl.annotation_id = ?2 AND pl.provision_id IS NOT NULL)",
        params![id, annotation_id],
        |r| r.get(0),
    )?;
    if !on_version {
        return Err(Error::invalid("annotation", format!("annotation {annotation_id} was never placed on {} (the position's version)", p.version_label)));
    }
    let mut order = item_ids(conn, id)?;
    order.retain(|x| *x != annotation_id);
    let at = at.map(|a| a.saturating_sub(1).min(order.len())).unwrap_or(order.len());
    order.insert(at, annotation_id);
    write_order(conn, id, &order)
}

/// Removes an item.
pub fn remove_item(conn: &Connection, id: i64, annotation_id: i64) -> Result<()> {
    let mut order = item_ids(conn, id)?;
    if !order.contains(&annotation_id) {
        return Err(Error::invalid("annotation", format!("annotation {annotation_id} is not an item of position {id}")));
    }
    order.retain(|x| *x != annotation_id);
    write_order(conn, id, &order)
}

fn item_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT annotation_id FROM position_items WHERE position_id = ?1 ORDER BY ord")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_order(conn: &Connection, id: i64, order: &[i64]) -> Result<()> {
    conn.execute("DELETE FROM position_items WHERE position_id = ?1", [id])?;
    for (i, a) in order.iter().enumerate() {
        conn.execute("INSERT INTO position_items (position_id, annotation_id, ord) VALUES (?1, ?2, ?3)", params![id, a, i as i64])?;
    }
    conn.execute("UPDATE positions SET updated_at = ?2 WHERE id = ?1", params![id, crate::annotate::now(conn)?])?;
    Ok(())
}

/// Records an organisation's endorsement state (the latest wins).
pub fn endorse(conn: &Connection, id: i64, org: &str, state: EndorsementState, date: &str, note: Option<&str>) -> Result<()> {
    get(conn, id)?;
    crate::workspace::validate_date(date)?;
    let org_id = crate::annotate::org_id(conn, org)?;
    conn.execute(
        "INSERT INTO endorsements (position_id, org_id, state, date, note) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (position_id, org_id) DO UPDATE SET state = excluded.state, date = excluded.date, note = excluded.note",
        params![id, org_id, state.as_str(), date, note],
    )?;
    Ok(())
}

/// A position with its items (and the clause text each is about on the
/// position's version) and endorsements.
pub fn detail(conn: &Connection, id: i64) -> Result<PositionDetail> {
    let position = get(conn, id)?;
    let mut items = Vec::new();
    let texts = crate::workspace::ClauseTexts::new(conn);
    for a in item_ids(conn, id)? {
        let annotation = crate::annotate::get(conn, a)?;
        let provision: Option<i64> = conn
            .query_row(
                "SELECT pl.provision_id FROM annotation_placements pl JOIN positions p ON p.version_id = pl.version_id \
                 WHERE p.id = ?1 AND pl.annotation_id = ?2",
                params![id, a],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let (num, heading, text) = match provision {
            Some(pid) => {
                let (num, heading): (Option<String>, Option<String>) =
                    conn.query_row("SELECT num, heading FROM provisions WHERE id = ?1", [pid], |r| Ok((r.get(0)?, r.get(1)?)))?;
                (num, heading, texts.get(pid)?)
            }
            None => (None, None, String::new()),
        };
        items.push(Item { annotation, num, heading, text });
    }
    let mut stmt = conn.prepare(
        "SELECT o.uid, o.short_name, o.name, o.name_km, o.contact, e.state, e.date, e.note FROM endorsements e \
         JOIN organisations o ON o.id = e.org_id WHERE e.position_id = ?1 ORDER BY o.short_name COLLATE NOCASE",
    )?;
    let endorsements = stmt
        .query_map([id], |r| {
            Ok(Endorsement {
                org: Organisation { uid: r.get(0)?, short_name: r.get(1)?, name: r.get(2)?, name_km: r.get(3)?, contact: r.get(4)? },
                state: EndorsementState::parse(&r.get::<_, String>(5)?).unwrap_or(EndorsementState::Invited),
                date: r.get(6)?,
                note: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PositionDetail { position, items, endorsements })
}

#[cfg(test)]
pub(crate) mod tests;
