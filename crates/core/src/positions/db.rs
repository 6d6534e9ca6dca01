//! The SQL of the position tables (`positions`, `position_items`,
//! `endorsements`): rows in and out. What is valid is decided in the parent module.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Endorsement, EndorsementState, Organisation, Position};
use crate::error::{Error, Result};
use crate::hash::new_uid;

/// Writes a new position on `version_id`; returns its id.
pub(super) fn insert(conn: &Connection, version_id: i64, title: &str, intro: &str, closing: &str, lang: &str, at: &str) -> Result<i64> {
    let bill_id = crate::store::versions::bill_of(conn, version_id)?;
    conn.execute(
        "INSERT INTO positions (uid, bill_id, version_id, title, intro, closing, lang, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![new_uid(), bill_id, version_id, title, intro, closing, lang, at],
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

/// Sets the title, intro or closing (`col` comes from the parent module, never from input).
pub(super) fn set_text(conn: &Connection, id: i64, col: &str, value: &str, at: &str) -> Result<()> {
    conn.execute(&format!("UPDATE positions SET {col} = ?1, updated_at = ?2 WHERE id = ?3"), params![value, at, id])?;
    Ok(())
}

/// The annotations of a position, in order.
pub(super) fn item_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT annotation_id FROM position_items WHERE position_id = ?1 ORDER BY ord")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a position's items by `order`.
pub(super) fn write_order(conn: &Connection, id: i64, order: &[i64]) -> Result<()> {
    clear_items(conn, id)?;
    for (i, a) in order.iter().enumerate() {
        conn.execute("INSERT INTO position_items (position_id, annotation_id, ord) VALUES (?1, ?2, ?3)", params![id, a, i as i64])?;
    }
    conn.execute("UPDATE positions SET updated_at = ?2 WHERE id = ?1", params![id, crate::store::now(conn)?])?;
    Ok(())
}

/// The provision an annotation is placed on in the position's version, if it was placed there (None inside: on no clause).
pub(crate) fn provision_on_version(conn: &Connection, position: i64, annotation: i64) -> Result<Option<Option<i64>>> {
    Ok(conn
        .query_row(
            "SELECT pl.provision_id FROM annotation_placements pl JOIN positions p ON p.version_id = pl.version_id \
             WHERE p.id = ?1 AND pl.annotation_id = ?2",
            params![position, annotation],
            |r| r.get(0),
        )
        .optional()?)
}

/// The quote's code-point range in the position's version, if the annotation quotes.
pub(crate) fn quote_on_version(conn: &Connection, position: i64, annotation: i64) -> Result<(Option<i64>, Option<i64>)> {
    Ok(conn.query_row(
        "SELECT pl.pos_start, pl.pos_end FROM annotation_placements pl JOIN positions p ON p.version_id = pl.version_id WHERE p.id = ?1 AND pl.annotation_id = ?2",
        params![position, annotation],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Writes an endorsement, replacing the organisation's earlier one.
const UPSERT_ENDORSEMENT: &str = "INSERT INTO endorsements (position_id, org_id, state, date, note) VALUES (?1, ?2, ?3, ?4, ?5) \
     ON CONFLICT (position_id, org_id) DO UPDATE SET state = excluded.state, date = excluded.date, note = excluded.note";

/// Records an organisation's endorsement state (the latest recorded wins).
pub(super) fn endorse(conn: &Connection, id: i64, org_id: i64, state: &str, date: &str, note: Option<&str>) -> Result<()> {
    conn.execute(UPSERT_ENDORSEMENT, params![id, org_id, state, date, note])?;
    Ok(())
}

/// Records an endorsement from another workspace: it replaces the
/// organisation's endorsement only if it is dated later.
pub(crate) fn endorse_if_later(conn: &Connection, id: i64, org_id: i64, state: &str, date: &str, note: Option<&str>) -> Result<()> {
    conn.execute(&format!("{UPSERT_ENDORSEMENT} WHERE excluded.date > endorsements.date"), params![id, org_id, state, date, note])?;
    Ok(())
}

/// An endorsement row: organisation id, organisation uid, state, date, note.
pub(crate) type EndorsementRow = (i64, String, String, String, Option<String>);

/// The endorsements of a position, as stored (in no particular order).
pub(crate) fn endorsement_rows(conn: &Connection, id: i64) -> Result<Vec<EndorsementRow>> {
    let mut stmt = conn.prepare(
        "SELECT e.org_id, o.uid, e.state, e.date, e.note FROM endorsements e JOIN organisations o ON o.id = e.org_id WHERE e.position_id = ?1",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of a bill's positions, oldest first.
pub(crate) fn ids_of_bill(conn: &Connection, bill_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM positions WHERE bill_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([bill_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A position's own columns with its version's file hash: (uid, SHA-256 of
/// the version's original file, title, intro, closing, lang, created_at, updated_at).
pub(crate) type PositionRow = (String, String, String, String, String, String, String, String);

/// A position's own columns, its version named by file hash.
pub(crate) fn row(conn: &Connection, id: i64) -> Result<PositionRow> {
    Ok(conn.query_row(
        "SELECT p.uid, v.source_sha256, p.title, p.intro, p.closing, p.lang, p.created_at, p.updated_at FROM positions p JOIN versions v ON v.id = p.version_id WHERE p.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
    )?)
}

/// The uids of a position's annotations, in order.
pub(crate) fn item_uids(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT a.uid FROM position_items i JOIN annotations a ON a.id = i.annotation_id WHERE i.position_id = ?1 ORDER BY i.ord",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a position's items by the annotations with these uids, in this
/// order (a uid the workspace lacks is left out); `updated_at` stays.
pub(crate) fn write_order_by_uid(conn: &Connection, id: i64, uids: &[String]) -> Result<()> {
    clear_items(conn, id)?;
    for (ord, uid) in uids.iter().enumerate() {
        conn.execute(
            "INSERT INTO position_items (position_id, annotation_id, ord) SELECT ?1, id, ?3 FROM annotations WHERE uid = ?2",
            params![id, uid, ord as i64],
        )?;
    }
    Ok(())
}

fn clear_items(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM position_items WHERE position_id = ?1", [id])?;
    Ok(())
}

/// (id, `updated_at`) of the position with this uid, if the workspace has it.
pub(crate) fn stamp_of_uid(conn: &Connection, uid: &str) -> Result<Option<(i64, String)>> {
    Ok(conn.query_row("SELECT id, updated_at FROM positions WHERE uid = ?1", [uid], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// A position's columns as another workspace wrote them (a bundle).
pub(crate) struct Imported<'a> {
    pub uid: &'a str,
    pub bill_id: i64,
    pub version_id: i64,
    pub title: &'a str,
    pub intro: &'a str,
    pub closing: &'a str,
    pub lang: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

/// Writes a position from another workspace as it is; returns its id.
pub(crate) fn insert_imported(conn: &Connection, p: &Imported) -> Result<i64> {
    conn.execute(
        "INSERT INTO positions (uid, bill_id, version_id, title, intro, closing, lang, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![p.uid, p.bill_id, p.version_id, p.title, p.intro, p.closing, p.lang, p.created_at, p.updated_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the title, intro and closing of position `id` and its
/// `updated_at` by those of `p`, a newer edit.
pub(crate) fn replace_texts(conn: &Connection, id: i64, p: &Imported) -> Result<()> {
    conn.execute(
        "UPDATE positions SET title = ?2, intro = ?3, closing = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, p.title, p.intro, p.closing, p.updated_at],
    )?;
    Ok(())
}

/// The endorsements of a position, by organisation.
pub(super) fn endorsements(conn: &Connection, id: i64) -> Result<Vec<Endorsement>> {
    let mut stmt = conn.prepare(
        "SELECT o.uid, o.short_name, o.name, o.name_km, o.contact, e.state, e.date, e.note FROM endorsements e \
         JOIN organisations o ON o.id = e.org_id WHERE e.position_id = ?1 ORDER BY o.short_name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Endorsement {
            org: Organisation { uid: r.get(0)?, short_name: r.get(1)?, name: r.get(2)?, name_km: r.get(3)?, contact: r.get(4)? },
            state: EndorsementState::parse(&r.get::<_, String>(5)?).unwrap_or(EndorsementState::Invited),
            date: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
