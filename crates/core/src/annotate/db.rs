//! The SQL of the annotation tables (`annotations`, `annotation_placements`,
//! `annotation_events`, `annotation_replies`): rows in and out. The rules
//! (what is valid, where an annotation is placed, what an edit changed) are
//! in the parent module.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::anchor::{Anchor, Placement, Quote};
use super::{Annotation, AnnotationDetail, Event, Filter, Impact, PlacementRecord, Reply, Status};
use crate::diff::report::ClauseRef;
use crate::error::{Error, Result};

const SELECT: &str =
    "SELECT a.id, a.uid, b.slug, a.lineage, v.seq, v.label, p.eid, p.num, p.heading, a.anchor, a.anchor_score, a.anchor_note, \
     a.quote_exact, a.quote_prefix, a.quote_suffix, a.pos_start, a.pos_end, a.title, a.concern, a.recommendation, a.proposed, \
     a.delete_clause, a.rights, a.impact, a.refs, a.tags, a.status, a.author, o.short_name, a.created_at, a.updated_at \
     FROM annotations a JOIN bills b ON b.id = a.bill_id JOIN versions v ON v.id = a.version_id \
     LEFT JOIN provisions p ON p.id = a.provision_id LEFT JOIN organisations o ON o.id = a.org_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Annotation> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> { Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default()) };
    let eid: Option<String> = r.get(6)?;
    let quote = match r.get::<_, Option<String>>(12)? {
        Some(exact) => Some(Quote {
            exact,
            prefix: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            suffix: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            start: r.get::<_, Option<i64>>(15)?.unwrap_or(0) as usize,
            end: r.get::<_, Option<i64>>(16)?.unwrap_or(0) as usize,
        }),
        None => None,
    };
    Ok(Annotation {
        id: r.get(0)?,
        uid: r.get(1)?,
        bill: r.get(2)?,
        lineage: r.get(3)?,
        version: r.get(4)?,
        version_label: r.get(5)?,
        clause: eid
            .map(|eid| -> rusqlite::Result<ClauseRef> { Ok(ClauseRef { eid, num: r.get(7)?, num_value: None, heading: r.get(8)? }) })
            .transpose()?,
        anchor: Anchor::parse(&r.get::<_, String>(9)?).unwrap_or(Anchor::NeedsReview),
        anchor_score: r.get(10)?,
        anchor_note: r.get(11)?,
        quote,
        title: r.get(17)?,
        concern: r.get(18)?,
        recommendation: r.get(19)?,
        proposed: r.get(20)?,
        delete_clause: r.get(21)?,
        rights: list(22)?,
        impact: Impact::parse(&r.get::<_, String>(23)?).unwrap_or(Impact::Neutral),
        refs: list(24)?,
        tags: list(25)?,
        status: Status::parse(&r.get::<_, String>(26)?).unwrap_or(Status::Draft),
        author: r.get(27)?,
        org: r.get(28)?,
        created_at: r.get(29)?,
        updated_at: r.get(30)?,
    })
}

/// One annotation.
pub fn get(conn: &Connection, id: i64) -> Result<Annotation> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::from(crate::error::NotFound::Annotation(id)))
}

/// For the review queue: the provision an annotation was last placed on for
/// sure (in a version before `before_seq`), and the one it is placed on now.
pub(crate) fn review_provisions(conn: &Connection, id: i64, before_seq: i64) -> Result<(Option<i64>, Option<i64>)> {
    let prev: Option<i64> = conn
        .query_row(
            "SELECT pl.provision_id FROM annotation_placements pl JOIN versions v ON v.id = pl.version_id \
             WHERE pl.annotation_id = ?1 AND v.seq < ?2 AND pl.provision_id IS NOT NULL ORDER BY v.seq DESC LIMIT 1",
            params![id, before_seq],
            |r| r.get(0),
        )
        .optional()?;
    let now = placed_on(conn, id)?.1;
    Ok((prev, now))
}

/// An annotation by uid, if the workspace has it.
pub fn get_uid(conn: &Connection, uid: &str) -> Result<Option<Annotation>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE a.uid = ?1"), [uid], from_row).optional()?)
}

/// Annotations matching `f`, by bill, clause order and id.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Annotation>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY b.slug, v.seq, p.ord, a.id"))?;
    let all: Vec<Annotation> = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(all
        .into_iter()
        .filter(|a| f.bill.as_ref().is_none_or(|b| &a.bill == b))
        .filter(|a| f.lineage.as_ref().is_none_or(|l| &a.lineage == l))
        .filter(|a| f.right.as_ref().is_none_or(|r| a.rights.contains(r)))
        .filter(|a| f.org.as_ref().is_none_or(|o| a.org.as_ref() == Some(o)))
        .filter(|a| f.status.as_ref().is_none_or(|s| a.status.as_str() == s))
        .filter(|a| f.anchors.is_empty() || f.anchors.contains(&a.anchor))
        .collect())
}

/// An annotation with its replies, history and placements.
pub fn detail(conn: &Connection, id: i64) -> Result<AnnotationDetail> {
    let annotation = get(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT r.uid, r.author, o.short_name, r.body, r.created_at FROM annotation_replies r LEFT JOIN organisations o ON o.id = r.org_id \
         WHERE r.annotation_id = ?1 ORDER BY r.created_at, r.id",
    )?;
    let replies = stmt
        .query_map([id], |r| Ok(Reply { uid: r.get(0)?, author: r.get(1)?, org: r.get(2)?, body: r.get(3)?, created_at: r.get(4)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT at, author, action, changes FROM annotation_events WHERE annotation_uid = ?1 ORDER BY at, id")?;
    let history = stmt
        .query_map([&annotation.uid], |r| {
            let changes: String = r.get(3)?;
            Ok(Event {
                at: r.get(0)?,
                author: r.get(1)?,
                action: r.get(2)?,
                changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT v.seq, p.num, pl.anchor, pl.score FROM annotation_placements pl JOIN versions v ON v.id = pl.version_id \
         LEFT JOIN provisions p ON p.id = pl.provision_id WHERE pl.annotation_id = ?1 ORDER BY v.seq",
    )?;
    let placements = stmt
        .query_map([id], |r| {
            Ok(PlacementRecord {
                version: r.get(0)?,
                num: r.get(1)?,
                anchor: Anchor::parse(&r.get::<_, String>(2)?).unwrap_or(Anchor::NeedsReview),
                score: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AnnotationDetail { annotation, replies, history, placements })
}

/// Records an event, now.
pub(crate) fn log(conn: &Connection, uid: &str, author: &str, action: &str, changes: Value) -> Result<i64> {
    insert_event(conn, uid, &crate::store::now(conn)?, author, action, &changes.to_string())
}

/// Records an event that happened at `at` (`changes` as JSON); returns its id.
pub(crate) fn insert_event(conn: &Connection, uid: &str, at: &str, author: &str, action: &str, changes: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO annotation_events (annotation_uid, at, author, action, changes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![uid, at, author, action, changes],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The annotations (by uid) with an event whose id is above `after`.
pub fn changed_after(conn: &Connection, after: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT annotation_uid FROM annotation_events WHERE id > ?1")?;
    let uids = stmt.query_map([after], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(uids)
}

/// Whether the annotation with this uid has this event already (`changes` as JSON).
pub(crate) fn has_event(conn: &Connection, uid: &str, at: &str, author: &str, action: &str, changes: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM annotation_events WHERE annotation_uid = ?1 AND at = ?2 AND author = ?3 AND action = ?4 AND changes = ?5)",
        params![uid, at, author, action, changes],
        |r| r.get(0),
    )?)
}

/// Highest event id: the search index's mark for annotations.
pub fn last_event(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(id), 0) FROM annotation_events", [], |r| r.get(0))?)
}

/// An annotation's row, every column given (the stored names of anchor,
/// impact and status included): a new one, or one from another workspace.
pub(crate) struct Row<'a> {
    pub uid: &'a str,
    pub bill_id: i64,
    pub lineage: &'a str,
    pub version_id: i64,
    pub provision_id: Option<i64>,
    pub anchor: &'a str,
    pub anchor_score: f64,
    pub anchor_note: Option<&'a str>,
    pub quote: Option<&'a Quote>,
    pub title: &'a str,
    pub concern: &'a str,
    pub recommendation: &'a str,
    pub proposed: Option<&'a str>,
    pub delete_clause: bool,
    /// Rights, references and tags as JSON lists.
    pub rights: String,
    pub impact: &'a str,
    pub refs: String,
    pub tags: String,
    pub status: &'a str,
    pub author: &'a str,
    pub org_id: Option<i64>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

/// Writes an annotation's row as it is (its placements are added apart, by
/// [`add_placement`]); returns its id.
pub(crate) fn insert(conn: &Connection, a: &Row) -> Result<i64> {
    let q = a.quote;
    conn.execute(
        "INSERT INTO annotations (uid, bill_id, lineage, version_id, provision_id, anchor, anchor_score, anchor_note, quote_exact, quote_prefix, \
         quote_suffix, pos_start, pos_end, title, concern, recommendation, proposed, delete_clause, rights, impact, refs, tags, status, author, \
         org_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
        params![
            a.uid,
            a.bill_id,
            a.lineage,
            a.version_id,
            a.provision_id,
            a.anchor,
            a.anchor_score,
            a.anchor_note,
            q.map(|q| q.exact.clone()),
            q.map(|q| q.prefix.clone()),
            q.map(|q| q.suffix.clone()),
            q.map(|q| q.start as i64),
            q.map(|q| q.end as i64),
            a.title,
            a.concern,
            a.recommendation,
            a.proposed,
            a.delete_clause,
            a.rights,
            a.impact,
            a.refs,
            a.tags,
            a.status,
            a.author,
            a.org_id,
            a.created_at,
            a.updated_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the fields of annotation `id` (text, rights, impact, references,
/// tags, status, organisation) and its `updated_at` by those of `a`, a newer
/// edit; where it is placed, its author and creation stay.
pub(crate) fn replace_fields(conn: &Connection, id: i64, a: &Row) -> Result<()> {
    conn.execute(
        "UPDATE annotations SET title = ?2, concern = ?3, recommendation = ?4, proposed = ?5, delete_clause = ?6, rights = ?7, impact = ?8, \
         refs = ?9, tags = ?10, status = ?11, org_id = ?12, updated_at = ?13 WHERE id = ?1",
        params![id, a.title, a.concern, a.recommendation, a.proposed, a.delete_clause, a.rights, a.impact, a.refs, a.tags, a.status, a.org_id, a.updated_at],
    )?;
    Ok(())
}

/// (id, `updated_at`) of the annotation with this uid, if the workspace has it.
pub(crate) fn stamp_of_uid(conn: &Connection, uid: &str) -> Result<Option<(i64, String)>> {
    Ok(conn.query_row("SELECT id, updated_at FROM annotations WHERE uid = ?1", [uid], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The ids of a bill's annotations, oldest first.
pub(crate) fn ids_of_bill(conn: &Connection, bill_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM annotations WHERE bill_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([bill_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (version id, provision id, organisation id) of an annotation.
pub(crate) fn placed_on_with_org(conn: &Connection, id: i64) -> Result<(i64, Option<i64>, Option<i64>)> {
    Ok(conn.query_row("SELECT version_id, provision_id, org_id FROM annotations WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?)
}

/// A placement row: version id, provision id, anchor, score, quote start and end.
pub(crate) type PlacementRow = (i64, Option<i64>, String, f64, Option<i64>, Option<i64>);

/// Every placement of an annotation, by version id.
pub(crate) fn placement_rows(conn: &Connection, id: i64) -> Result<Vec<PlacementRow>> {
    let mut stmt = conn.prepare(
        "SELECT version_id, provision_id, anchor, score, pos_start, pos_end FROM annotation_placements WHERE annotation_id = ?1 ORDER BY version_id",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a placement of annotation `id`, unless it has one on that version already.
pub(crate) fn add_placement(conn: &Connection, id: i64, p: &PlacementRow) -> Result<()> {
    let (version_id, provision_id, anchor, score, start, end) = p;
    conn.execute(
        "INSERT OR IGNORE INTO annotation_placements (annotation_id, version_id, provision_id, anchor, score, pos_start, pos_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, version_id, provision_id, anchor, score, start, end],
    )?;
    Ok(())
}

/// The bill of a provision and its lineage (None before lineages are linked).
pub(super) fn bill_and_lineage(conn: &Connection, provision_id: i64) -> Result<(i64, Option<String>)> {
    Ok(conn.query_row(
        "SELECT v.bill_id, p.lineage FROM provisions p JOIN versions v ON v.id = p.version_id WHERE p.id = ?1",
        [provision_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Sets columns of an annotation (names from the parent module's edit, never from input) and its `updated_at`.
pub(super) fn update(conn: &Connection, id: i64, set: Vec<(&str, rusqlite::types::Value)>, at: &str) -> Result<()> {
    for (col, v) in set {
        conn.execute(&format!("UPDATE annotations SET {col} = ?1, updated_at = ?2 WHERE id = ?3"), params![v, at, id])?;
    }
    Ok(())
}

/// Writes a reply to annotation `id`.
pub(crate) fn insert_reply(conn: &Connection, id: i64, r: &Reply, org_id: Option<i64>) -> Result<()> {
    conn.execute(
        "INSERT INTO annotation_replies (uid, annotation_id, author, org_id, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![r.uid, id, r.author, org_id, r.body, r.created_at],
    )?;
    Ok(())
}

/// Whether the workspace has the reply with this uid.
pub(crate) fn has_reply(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM annotation_replies WHERE uid = ?1)", [uid], |r| r.get(0))?)
}

/// The organisation (row id) of each reply to annotation `id`, by reply uid.
pub(crate) fn reply_orgs(conn: &Connection, id: i64) -> Result<HashMap<String, Option<i64>>> {
    let mut stmt = conn.prepare("SELECT uid, org_id FROM annotation_replies WHERE annotation_id = ?1")?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes an annotation's row (its events stay).
pub(super) fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM annotations WHERE id = ?1", [id])?;
    Ok(())
}

/// A quote selector as kept on an annotation's row: exact, prefix, suffix, start, end.
pub(super) type Selector = (Option<String>, Option<String>, Option<String>, Option<i64>, Option<i64>);

/// Where an annotation stands: its row and its placement on `version_id`.
/// `selector` is the quote selector kept on the row.
pub(super) fn place(conn: &Connection, id: i64, version_id: i64, p: &Placement, selector: Selector) -> Result<()> {
    let (exact, prefix, suffix, start, end) = selector;
    let q = p.quote.as_ref();
    conn.execute(
        "UPDATE annotations SET version_id = ?2, provision_id = ?3, anchor = ?4, anchor_score = ?5, anchor_note = ?6, quote_exact = ?7, \
         quote_prefix = ?8, quote_suffix = ?9, pos_start = ?10, pos_end = ?11 WHERE id = ?1",
        params![
            id,
            version_id,
            p.provision_id,
            p.anchor.as_str(),
            p.score,
            Some(p.note.as_str()).filter(|n| !n.is_empty()),
            exact,
            prefix,
            suffix,
            start,
            end
        ],
    )?;
    conn.execute(
        "INSERT OR REPLACE INTO annotation_placements (annotation_id, version_id, provision_id, anchor, score, pos_start, pos_end) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, version_id, p.provision_id, p.anchor.as_str(), p.score, q.map(|q| q.start as i64), q.map(|q| q.end as i64)],
    )?;
    Ok(())
}

/// The open annotations placed on a clause of `version_id` (not withdrawn, not orphaned).
pub(super) fn open_on(conn: &Connection, version_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM annotations WHERE version_id = ?1 AND status != 'withdrawn' AND anchor != 'orphaned' AND provision_id IS NOT NULL",
    )?;
    let ids = stmt.query_map([version_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The clauses of `version_id` that provision `from` is linked to, in document order.
pub(super) fn successors(conn: &Connection, from: i64, version_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.to_id FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE l.from_id = ?1 AND p.version_id = ?2 ORDER BY p.ord",
    )?;
    let ids = stmt.query_map(params![from, version_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// (version id, provision id) an annotation is placed on now.
pub(super) fn placed_on(conn: &Connection, id: i64) -> Result<(i64, Option<i64>)> {
    placed_on_with_org(conn, id).map(|(version, provision, _)| (version, provision))
}

/// (version id, lineage) of a provision.
pub(super) fn provision_place(conn: &Connection, provision_id: i64) -> Result<(i64, Option<String>)> {
    Ok(conn.query_row("SELECT version_id, lineage FROM provisions WHERE id = ?1", [provision_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Moves an annotation to another lineage (a person re-attached it).
pub(super) fn set_lineage(conn: &Connection, id: i64, lineage: &str) -> Result<()> {
    conn.execute("UPDATE annotations SET lineage = ?2 WHERE id = ?1", params![id, lineage])?;
    Ok(())
}

/// Marks an annotation withdrawn.
pub(super) fn withdraw(conn: &Connection, id: i64, at: &str) -> Result<()> {
    conn.execute("UPDATE annotations SET status = 'withdrawn', updated_at = ?2 WHERE id = ?1", params![id, at])?;
    Ok(())
}
