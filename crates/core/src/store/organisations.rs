//! The `organisations` table: the member organisations of a coalition, named by
//! a short name in commands and by a uid across workspaces.

use crate::error::{Error, Result};
use crate::hash::new_uid;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

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

/// The row id of the organisation with this short name.
pub(crate) fn id(conn: &Connection, short: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM organisations WHERE short_name = ?1", [short], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::from(crate::error::NotFound::Organisation(short.to_string())))
}

/// The organisation with this row id.
pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Organisation> {
    Ok(conn.query_row("SELECT uid, short_name, name, name_km, contact FROM organisations WHERE id = ?1", [id], org_row)?)
}

/// The uid of the organisation with this row id.
pub(crate) fn uid(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT uid FROM organisations WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The row id of the organisation with this uid, else of the one with this
/// short name (the same organisation, added separately in two workspaces).
pub(crate) fn matching(conn: &Connection, uid: &str, short: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM organisations WHERE uid = ?1 OR short_name = ?2 ORDER BY uid = ?1 DESC LIMIT 1",
            params![uid, short],
            |r| r.get(0),
        )
        .optional()?)
}

/// The row id of the organisation with this uid.
pub(crate) fn id_of_uid(conn: &Connection, uid: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT id FROM organisations WHERE uid = ?1", [uid], |r| r.get(0))?)
}
