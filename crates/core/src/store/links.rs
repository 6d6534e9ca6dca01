//! Lineages (`provisions.lineage`) and the `clause_links` table: written when
//! the workspace stores a version (`workspace/lineage.rs`, from
//! [`crate::align`]'s links), read by a clause's history, the scorecard and the
//! search index (which clause of a version carries a lineage; how two clauses
//! of consecutive versions are linked: unchanged, modified, split, merged).

use crate::diff::report::ClauseRef;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The lineage of the provision `eid` of a version ("" if it has none yet).
pub(crate) fn lineage_of(conn: &Connection, version_id: i64, eid: &str) -> Result<String> {
    Ok(conn
        .query_row("SELECT lineage FROM provisions WHERE version_id = ?1 AND eid = ?2", params![version_id, eid], |r| {
            r.get::<_, Option<String>>(0)
        })?
        .unwrap_or_default())
}

/// A clause: provision id, eid, number, heading.
pub(crate) type ClauseRow = (i64, String, Option<String>, Option<String>);

/// The clause of a version that carries a lineage.
pub(crate) fn clause_in(conn: &Connection, version_id: i64, lineage: &str) -> Result<Option<ClauseRow>> {
    Ok(conn
        .query_row(
            "SELECT id, eid, num, heading FROM provisions WHERE version_id = ?1 AND lineage = ?2 AND is_clause = 1",
            params![version_id, lineage],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?)
}

/// The first clause a provision is linked to in the next version.
pub(crate) fn first_successor(conn: &Connection, from_id: i64) -> Result<Option<ClauseRef>> {
    Ok(conn
        .query_row(
            "SELECT p.eid, p.num, p.heading FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE l.from_id = ?1 LIMIT 1",
            [from_id],
            |r| Ok(ClauseRef { eid: r.get(0)?, num: r.get(1)?, num_value: None, heading: r.get(2)? }),
        )
        .optional()?)
}

/// The first link into a provision: (kind, the number of the clause it came from, that version's label).
pub(crate) fn first_origin(conn: &Connection, to_id: i64) -> Result<Option<(String, Option<String>, String)>> {
    Ok(conn
        .query_row(
            "SELECT l.kind, p.num, v.label FROM clause_links l JOIN provisions p ON p.id = l.from_id JOIN versions v ON v.id = p.version_id WHERE l.to_id = ?1 LIMIT 1",
            [to_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// The link between two clauses: (kind, moved, old number, new number).
pub(crate) fn link(conn: &Connection, from_id: i64, to_id: i64) -> Result<(String, bool, Option<String>, Option<String>)> {
    Ok(conn.query_row(
        "SELECT l.kind, l.moved, a.num, b.num FROM clause_links l JOIN provisions a ON a.id = l.from_id JOIN provisions b ON b.id = l.to_id WHERE l.from_id = ?1 AND l.to_id = ?2",
        params![from_id, to_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

/// Besides the pair itself: the other parts `from_id` was split into, and the
/// other clauses merged into `to_id`, each in document order.
pub(crate) fn other_parts(conn: &Connection, from_id: i64, to_id: i64) -> Result<(Vec<ClauseRef>, Vec<ClauseRef>)> {
    let query = |sql: &str| -> Result<Vec<ClauseRef>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![from_id, to_id], |r| {
            Ok(ClauseRef { eid: r.get(0)?, num: r.get(1)?, num_value: None, heading: r.get(2)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    };
    let parts = query("SELECT p.eid, p.num, p.heading FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE l.from_id = ?1 AND l.to_id != ?2 AND l.kind = 'split' ORDER BY p.ord")?;
    let merged = query("SELECT p.eid, p.num, p.heading FROM clause_links l JOIN provisions p ON p.id = l.from_id WHERE l.to_id = ?2 AND l.from_id != ?1 AND l.kind = 'merged' ORDER BY p.ord")?;
    Ok((parts, merged))
}

/// Every clause a provision is linked to in the next version, in document order.
pub(crate) fn successors(conn: &Connection, from_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT l.to_id FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE l.from_id = ?1 ORDER BY p.ord")?;
    let ids = stmt.query_map([from_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The clauses of a version that came unchanged from the version before.
pub(crate) fn unchanged_into(conn: &Connection, version_id: i64) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare(
        "SELECT l.to_id FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE p.version_id = ?1 AND l.kind = 'unchanged'",
    )?;
    let ids = stmt.query_map([version_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// (provision id, lineage) of a version's clauses in document order.
pub(crate) fn clause_rows(conn: &Connection, version_id: i64) -> Result<Vec<(i64, Option<String>)>> {
    let rows = conn
        .prepare("SELECT id, lineage FROM provisions WHERE version_id = ?1 AND is_clause = 1 ORDER BY ord")?
        .query_map([version_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sets the lineage of each provision `(id, lineage)`.
pub(crate) fn set_lineages(conn: &Connection, lineages: &[(i64, String)]) -> Result<()> {
    let mut update = conn.prepare("UPDATE provisions SET lineage = ?2 WHERE id = ?1")?;
    for (id, l) in lineages {
        update.execute(params![id, l])?;
    }
    Ok(())
}

/// Stores links `(from, to, kind, moved)` between clauses of consecutive versions.
pub(crate) fn insert_links(conn: &Connection, links: &[(i64, i64, &str, bool)]) -> Result<()> {
    let mut insert = conn.prepare("INSERT OR REPLACE INTO clause_links (from_id, to_id, kind, moved) VALUES (?1, ?2, ?3, ?4)")?;
    for (from, to, kind, moved) in links {
        insert.execute(params![from, to, kind, moved])?;
    }
    Ok(())
}
