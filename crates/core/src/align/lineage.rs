//! Lineage: the identity of a clause across every version of its bill.
//!
//! When a version is stored, its clauses are aligned with the previous version's
//! (by sequence number) and each clause inherits the lineage id of its
//! predecessor: for a split, the part most like the old clause carries it on and
//! the other parts start new lineages; for a merge, the new clause carries the
//! lineage of the old clause most like it. A clause with no predecessor starts a
//! lineage `<bill>/<seq>/<eid>`. `clause_links` keeps every link with its kind,
//! so a history can show where a lineage split off or merged in.

use super::{align, clauses, ChangeKind, Clause};
use rusqlite::{params, Connection, OptionalExtension};

/// Aligns version `version_id` with the previous version of its bill and stores
/// lineage ids and links. Idempotent for a version whose clauses have lineages.
pub fn link_version(
    conn: &Connection,
    version_id: i64,
    load: impl Fn(i64) -> rusqlite::Result<Vec<crate::structure::Node>>,
) -> rusqlite::Result<()> {
    let (bill_id, seq, slug): (i64, i64, String) = conn.query_row(
        "SELECT v.bill_id, v.seq, b.slug FROM versions v JOIN bills b ON b.id = v.bill_id WHERE v.id = ?1",
        [version_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let new_ids = clause_rows(conn, version_id)?;
    let new = clauses(&load(version_id)?);
    let prev: Option<i64> = conn
        .query_row("SELECT id FROM versions WHERE bill_id = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT 1", params![bill_id, seq], |r| r.get(0))
        .optional()?;
    let mut lineage: Vec<Option<String>> = vec![None; new.len()];
    let mut links: Vec<(i64, i64, &'static str, bool)> = Vec::new();
    if let Some(prev) = prev {
        let old_ids = clause_rows(conn, prev)?;
        let old = clauses(&load(prev)?);
        if old_ids.len() == old.len() && new_ids.len() == new.len() {
            for link in align(&old, &new) {
                if matches!(link.kind, ChangeKind::Added | ChangeKind::Deleted) {
                    continue;
                }
                let kind = link.kind.as_str();
                for &o in &link.old {
                    for &n in &link.new {
                        links.push((old_ids[o].0, new_ids[n].0, kind, link.moved));
                    }
                }
                // The pair most alike carries the lineage on.
                let (o, n) = best_pair(&old, &new, &link.old, &link.new);
                lineage[n] = old_ids[o].1.clone();
            }
        }
    }
    let mut update = conn.prepare("UPDATE provisions SET lineage = ?2 WHERE id = ?1")?;
    for (i, (id, _)) in new_ids.iter().enumerate() {
        let l = lineage[i].clone().unwrap_or_else(|| format!("{slug}/{seq}/{}", new[i].eid));
        update.execute(params![id, l])?;
    }
    let mut insert = conn.prepare("INSERT OR REPLACE INTO clause_links (from_id, to_id, kind, moved) VALUES (?1, ?2, ?3, ?4)")?;
    for (from, to, kind, moved) in links {
        insert.execute(params![from, to, kind, moved])?;
    }
    Ok(())
}

/// Gives lineages to every stored version that has none yet (a workspace from
/// before lineages existed), oldest first within each bill.
pub fn backfill(conn: &Connection, load: impl Fn(i64) -> rusqlite::Result<Vec<crate::structure::Node>>) -> rusqlite::Result<usize> {
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT DISTINCT v.id FROM versions v JOIN provisions p ON p.version_id = v.id
             WHERE p.is_clause = 1 AND p.lineage IS NULL ORDER BY v.bill_id, v.seq",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        link_version(conn, id, &load)?;
    }
    Ok(ids.len())
}

/// (provision id, lineage) of a version's clauses in document order.
fn clause_rows(conn: &Connection, version_id: i64) -> rusqlite::Result<Vec<(i64, Option<String>)>> {
    conn.prepare("SELECT id, lineage FROM provisions WHERE version_id = ?1 AND is_clause = 1 ORDER BY ord")?
        .query_map([version_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

fn best_pair(old: &[Clause], new: &[Clause], os: &[usize], ns: &[usize]) -> (usize, usize) {
    let mut best = (os[0], ns[0], -1.0);
    for &o in os {
        for &n in ns {
            let s = super::clause_similarity(&old[o], &new[n]);
            if s > best.2 {
                best = (o, n, s);
            }
        }
    }
    (best.0, best.1)
}
